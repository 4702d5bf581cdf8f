import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../api";
import { gapLabel, listedCount, shownWarnings, timelineRows } from "./timelineRows";

function event(id: string, year: number | null, heading: string | null, start = 0): TimelineEvent {
  const date = { label: heading ?? "someday", precision: "year", sortKey: String(year), year, heading, decade: null };
  return { id, articleId: "a1", origin: "extracted", kind: "DATE", value: String(year), valueEnd: null, date, label: id, start, end: start + 4, exact: "", warnings: [], hidden: false, userEdited: false, orphaned: false } as TimelineEvent;
}

const shape = (rows: ReturnType<typeof timelineRows>) => rows.map((r) => (r.kind === "event" ? r.id : `${r.kind}:${r.text}`));

describe("timeline rows", () => {
  it("puts events under year headings with the gaps between, by date", () => {
    const rows = timelineRows([event("a", 1850, "1850"), event("b", 1850, "1850"), event("c", 1912, "1912"), event("d", 1913, "1913"), event("e", null, null)], { byDate: true });
    expect(shape(rows)).toEqual(["year:1850", "a", "b", "gap:62 years later", "year:1912", "c", "year:1913", "d", "year:Undated", "e"]);
    expect(rows.map((r) => r.first)).toEqual([true, false, false, false, false, false, false, false, false, false]);
    // Screen readers hear every row but the gaps, numbered in order.
    expect(rows.map((r) => r.pos)).toEqual([1, 2, 3, 0, 4, 5, 6, 7, 8, 9]);
    expect(listedCount(rows)).toBe(9);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it("lists events bare as told, and under their chapters with headings of their own", () => {
    const a = event("a", 1850, "1850");
    const b = event("b", 1912, "1912");
    expect(shape(timelineRows([b, a], { byDate: false }))).toEqual(["b", "a"]);
    const groups = [
      { title: "Fire", start: 0, events: [b] },
      { title: null, start: 0, events: [a, b] },
    ];
    const rows = timelineRows([], { byDate: true, groups });
    // No gap is counted across chapters; ids stay unique though headings repeat.
    expect(shape(rows)).toEqual(["chapter:Fire", "year:1912", "b", "chapter:Before the first chapter", "year:1850", "a", "gap:62 years later", "year:1912", "b"]);
    expect(rows[0].count).toBe(1);
    expect(new Set(rows.filter((r) => r.kind !== "event").map((r) => r.id)).size).toBe(6);
  });

  it("shows an event's open warnings, or all of them when asked", () => {
    const ev = event("a", 1850, "1850");
    const w = { kind: "likely_typo", message: "m", evidence: { published: null, words: [], intended: null, typo: null, dates: [] } };
    ev.warnings = [{ ...w, mark: "dismissed" }, { ...w, kind: "two_dates" }] as TimelineEvent["warnings"];
    expect(shownWarnings(ev, false).map((x) => x.kind)).toEqual(["two_dates"]);
    expect(timelineRows([ev], { byDate: false, showDismissed: true })[0].warnings).toHaveLength(2);
  });

  it("counts the years between markers", () => {
    expect(gapLabel(2001, 2002)).toBeNull();
    expect(gapLabel(2003, 2009)).toBe("6 years later");
    expect(gapLabel(-498, 2)).toBe("500 years later");
  });
});
