import { describe, expect, it } from "vitest";
import { emptySelection, extendTo, keepListed, selectedInOrder, toggleAll, toggleRow } from "./rowSelection";

const rows = ["almanac", "broadsheet", "chronicle", "diary", "epistle"];

describe("row selection", () => {
  it("toggles one row at a time and remembers it as the anchor", () => {
    let sel = toggleRow(emptySelection, "chronicle");
    expect([...sel.selected]).toEqual(["chronicle"]);
    expect(sel.anchor).toBe("chronicle");
    sel = toggleRow(sel, "almanac");
    expect(selectedInOrder(sel, rows)).toEqual(["almanac", "chronicle"]);
    sel = toggleRow(sel, "chronicle");
    expect(selectedInOrder(sel, rows)).toEqual(["almanac"]);
  });

  it("extends from the anchor to the clicked row in either direction, keeping what was selected", () => {
    let sel = toggleRow(emptySelection, "epistle");
    sel = toggleRow(sel, "broadsheet");
    sel = extendTo(sel, rows, "diary");
    expect(selectedInOrder(sel, rows)).toEqual(["broadsheet", "chronicle", "diary", "epistle"]);
    const up = extendTo(toggleRow(emptySelection, "chronicle"), rows, "almanac");
    expect(selectedInOrder(up, rows)).toEqual(["almanac", "broadsheet", "chronicle"]);
    expect(up.anchor).toBe("chronicle");
  });

  it("treats a Shift-click without an anchor as a toggle, and ignores rows not listed", () => {
    const sel = extendTo(emptySelection, rows, "diary");
    expect(selectedInOrder(sel, rows)).toEqual(["diary"]);
    expect(extendTo(sel, rows, "gazette")).toBe(sel);
  });

  it("selects all listed rows, or none when all were selected", () => {
    const all = toggleAll(toggleRow(emptySelection, "diary"), rows);
    expect(selectedInOrder(all, rows)).toEqual(rows);
    expect(toggleAll(all, rows).selected.size).toBe(0);
    expect(toggleAll(emptySelection, []).selected.size).toBe(0);
  });

  it("keeps only the rows a new search still lists", () => {
    let sel = toggleRow(toggleRow(emptySelection, "almanac"), "diary");
    sel = keepListed(sel, ["broadsheet", "diary"]);
    expect([...sel.selected]).toEqual(["diary"]);
    expect(sel.anchor).toBe("diary");
    expect(keepListed(toggleRow(emptySelection, "almanac"), ["diary"]).anchor).toBeNull();
  });
});
