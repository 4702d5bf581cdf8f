import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../api";
import { estimateRowHeight, heightKey } from "./timelineHeight";
import { timelineRows } from "./timelineRows";

function event(id: string, label: string): TimelineEvent {
  const date = { label: "June 1912", precision: "month", sortKey: "1912-06", year: 1912, heading: "1912", decade: "1910s" };
  return { id, articleId: "a1", origin: "extracted", kind: "DATE", value: "1912-06", valueEnd: null, date, label, start: 0, end: 4, exact: "", warnings: [], hidden: false, userEdited: false, orphaned: false } as TimelineEvent;
}

describe("timeline row heights", () => {
  it("estimates taller rows for longer labels, narrower lists and warnings", () => {
    const [, short, long] = timelineRows([event("a", "The mill burned"), event("b", "The old mill by the river burned down in the night, and the town rebuilt it over the next two summers")], { byDate: true });
    const width = { width: 260 };
    expect(estimateRowHeight(long, width)).toBeGreaterThan(estimateRowHeight(short, width));
    expect(estimateRowHeight(long, { width: 160 })).toBeGreaterThan(estimateRowHeight(long, width));
    const warned = { ...short, warnings: [{ kind: "likely_typo", message: "1912 looks like a slip for 1921", evidence: { published: null, words: [], intended: "1921", typo: null, dates: [] } }] } as typeof short;
    expect(estimateRowHeight(warned, width)).toBeGreaterThan(estimateRowHeight(short, width) + 40);
    // Not laid out yet (no width): the sidebar's usual width.
    expect(estimateRowHeight(short, { width: 0 })).toBeGreaterThan(20);
  });

  it("gives the first row no space above it", () => {
    const [year, ev] = timelineRows([event("a", "x")], { byDate: true });
    const later = { ...year, first: false };
    expect(estimateRowHeight(later, { width: 260 }) - estimateRowHeight(year, { width: 260 })).toBe(12);
    expect(heightKey(later)).not.toBe(heightKey(year));
    expect(heightKey(ev)).toContain("a");
  });

  it("keys a measured height by what it depends on", () => {
    const [, a] = timelineRows([event("a", "The mill burned")], { byDate: true });
    const [, relabelled] = timelineRows([event("a", "The mill burned down")], { byDate: true });
    expect(heightKey(relabelled)).not.toBe(heightKey(a));
    const [year1] = timelineRows([event("a", "x")], { byDate: true });
    const [year2] = timelineRows([event("b", "y")], { byDate: true });
    expect(heightKey(year1)).toBe(heightKey(year2));
  });
});
