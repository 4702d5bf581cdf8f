import { describe, expect, it } from "vitest";
import { LONG_ITEM_MINUTES, readingProgress } from "./progress";

const long = 230 * LONG_ITEM_MINUTES;

describe("readingProgress", () => {
  it("shows whole percents of a long item's remembered position", () => {
    expect(readingProgress({ wordCount: 90_000, progress: 0.376 })).toEqual({ percent: 37, label: "37% read" });
    expect(readingProgress({ wordCount: long, progress: 0.5 })?.percent).toBe(50);
  });
  it("says nothing for short items, unread ones, or a position at the very start", () => {
    expect(readingProgress({ wordCount: long - 200, progress: 0.5 })).toBeNull();
    expect(readingProgress({ wordCount: 1_000, progress: 0.9 })).toBeNull();
    expect(readingProgress({ wordCount: 90_000, progress: null })).toBeNull();
    expect(readingProgress({ wordCount: 90_000, progress: 0 })).toBeNull();
    expect(readingProgress({ wordCount: 90_000, progress: Number.NaN })).toBeNull();
  });
  it("measures length by the item's reading time, in its language", () => {
    // 4,000 Japanese characters read in eight minutes: a short item.
    expect(readingProgress({ wordCount: 4_000, lang: "ja", progress: 0.5 })).toBeNull();
    expect(readingProgress({ wordCount: 4_000, lang: "en", progress: 0.5 })?.percent).toBe(50);
  });
  it("keeps a started item above 0% and only the end at 100%", () => {
    expect(readingProgress({ wordCount: 90_000, progress: 0.001 })?.percent).toBe(1);
    expect(readingProgress({ wordCount: 90_000, progress: 0.9999 })?.percent).toBe(99);
    expect(readingProgress({ wordCount: 90_000, progress: 1 })).toEqual({ percent: 100, label: "100% read" });
  });
});
