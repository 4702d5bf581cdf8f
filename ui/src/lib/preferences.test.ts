import { describe, expect, it } from "vitest";
import { clampFontSize, DEFAULTS, FONT_MAX, FONT_MIN, preferencesFrom, stepFontSize } from "./preferences";

describe("preferences", () => {
  it("reads stored values and rejects malformed ones", () => {
    expect(preferencesFrom({ theme: "dark", fontSize: 22, timelineOpen: false, timelineByChapter: true })).toEqual({
      theme: "dark",
      fontSize: 22,
      timelineOpen: false,
      timelineByChapter: true,
    });
    expect(preferencesFrom({ timelineByChapter: "yes" }).timelineByChapter).toBe(false);
    expect(preferencesFrom({ theme: "neon", fontSize: "big" })).toEqual(DEFAULTS);
  });
  it("keeps the font size in range", () => {
    expect(clampFontSize(3)).toBe(FONT_MIN);
    expect(clampFontSize(99)).toBe(FONT_MAX);
    expect(clampFontSize(Number.NaN)).toBe(DEFAULTS.fontSize);
    expect(stepFontSize(FONT_MAX, 1)).toBe(FONT_MAX);
    expect(stepFontSize(18, -1)).toBe(17);
    expect(stepFontSize(25, 0)).toBe(DEFAULTS.fontSize);
  });
});
