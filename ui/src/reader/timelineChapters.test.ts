import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../api";
import type { TocEntry } from "../bindings/TocEntry";
import { chapterIndexAt, chaptersOf, groupByChapter } from "./timelineChapters";

const toc: TocEntry[] = [
  { title: "One: Low Water", level: 1, start: 10 },
  { title: "The Harbour", level: 2, start: 60 },
  { title: "Two: The Flood", level: 1, start: 100 },
  { title: "Three: Rebuilding", level: 1, start: 200 },
];

// Only what grouping reads: where the event is mentioned.
const ev = (id: string, start: number) => ({ id, start }) as TimelineEvent;
const ids = (events: TimelineEvent[]) => events.map((e) => e.id);

describe("chaptersOf", () => {
  it("takes the top level of the contents, in text order", () => {
    expect(chaptersOf(toc).map((c) => c.title)).toEqual(["One: Low Water", "Two: The Flood", "Three: Rebuilding"]);
    const deeper = [{ title: "B", level: 2, start: 50 }, { title: "A", level: 2, start: 0 }, { title: "a.1", level: 3, start: 5 }];
    expect(chaptersOf(deeper).map((c) => c.title)).toEqual(["A", "B"]);
    expect(chaptersOf([])).toEqual([]);
  });
});

describe("chapterIndexAt", () => {
  it("finds the chapter an offset falls in, a chapter's first character included", () => {
    const chapters = chaptersOf(toc);
    expect([0, 9, 10, 99, 100, 199, 200, 10_000].map((o) => chapterIndexAt(chapters, o))).toEqual([-1, -1, 0, 0, 1, 1, 2, 2]);
  });
});

describe("groupByChapter", () => {
  it("puts events under their chapters in text order, keeping their order within each", () => {
    // In date order: the flood (chapter two) before the low water (one).
    const events = [ev("flood", 150), ev("section", 70), ev("low", 20), ev("wall", 250), ev("front", 3)];
    const groups = groupByChapter(events, toc);
    expect(groups.map((g) => g.title)).toEqual([null, "One: Low Water", "Two: The Flood", "Three: Rebuilding"]);
    expect(groups.map((g) => ids(g.events))).toEqual([["front"], ["section", "low"], ["flood"], ["wall"]]);
    expect(groups.map((g) => g.start)).toEqual([0, 10, 100, 200]);
  });
  it("leaves out chapters without events, and makes one group without contents", () => {
    expect(groupByChapter([ev("wall", 250)], toc).map((g) => g.title)).toEqual(["Three: Rebuilding"]);
    expect(groupByChapter([ev("a", 5), ev("b", 1)], []).map((g) => [g.title, ids(g.events)])).toEqual([[null, ["a", "b"]]]);
    expect(groupByChapter([], toc)).toEqual([]);
  });
});
