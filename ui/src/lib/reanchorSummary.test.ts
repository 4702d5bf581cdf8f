import { describe, expect, it } from "vitest";
import { reanchorSummary } from "./reanchorSummary";

const report = (unchanged: number, moved: number, fuzzy: number, orphaned: number) => ({ unchanged, moved, fuzzy, orphaned });

describe("reanchorSummary", () => {
  it("says nothing of an article without highlights", () => {
    expect(reanchorSummary(report(0, 0, 0, 0))).toBe("");
  });
  it("says when every highlight kept its place", () => {
    expect(reanchorSummary(report(1, 0, 0, 0))).toBe("Its highlight kept its place.");
    expect(reanchorSummary(report(4, 0, 0, 0))).toBe("All 4 highlights kept their places.");
  });
  it("counts the highlights found again, and those found approximately", () => {
    expect(reanchorSummary(report(2, 1, 0, 0))).toBe("2 highlights kept their places; 1 highlight was found in the new text.");
    expect(reanchorSummary(report(0, 0, 1, 0))).toBe("1 highlight was found in the new text (approximately).");
    expect(reanchorSummary(report(0, 0, 3, 0))).toBe("3 highlights were found in the new text (all approximately).");
    expect(reanchorSummary(report(1, 2, 1, 0))).toBe("1 highlight kept its place; 3 highlights were found in the new text (1 approximately).");
  });
  it("says where the highlights that could not be placed are", () => {
    expect(reanchorSummary(report(1, 1, 1, 1))).toBe(
      "1 highlight kept its place; 2 highlights were found in the new text (1 approximately); 1 highlight could not be placed and is kept above the article.",
    );
    expect(reanchorSummary(report(0, 0, 0, 2))).toBe("2 highlights could not be placed and are kept above the article.");
  });
});
