import { describe, expect, it } from "vitest";
import { mergeNote } from "./noteMerge";

const base = "The council met in March. The vote was close.";

describe("mergeNote", () => {
  it("keeps both edits when they touch different parts", () => {
    const mine = "The council met in early March. The vote was close.";
    const theirs = "The council met in March. The vote was very close.";
    expect(mergeNote(base, mine, theirs)).toEqual({ text: "The council met in early March. The vote was very close.", clean: true, caret: mine.length });
    // The same the other way round, with the caret moved by their text before it.
    const caret = "The council met in March. The vote was ".length + 3;
    const mine2 = "The council met in March. The vote was not close.";
    const theirs2 = "The town council met in March. The vote was close.";
    const merged = mergeNote(base, mine2, theirs2, caret);
    expect(merged.text).toBe("The town council met in March. The vote was not close.");
    expect(merged.clean).toBe(true);
    expect(merged.text.slice(0, merged.caret)).toBe("The town council met in March. The vote was not");
  });

  it("takes theirs when nothing was typed, and mine when theirs changed nothing", () => {
    expect(mergeNote(base, base, "Changed.").text).toBe("Changed.");
    expect(mergeNote(base, "Mine.", base).text).toBe("Mine.");
    expect(mergeNote(base, "Same.", "Same.")).toMatchObject({ text: "Same.", clean: true });
  });

  it("is not clean when both changed the same words, and then keeps mine", () => {
    const mine = "The council met in April. The vote was close.";
    const theirs = "The council met in May. The vote was close.";
    expect(mergeNote(base, mine, theirs)).toEqual({ text: mine, clean: false, caret: mine.length });
  });

  it("appends at the same end in a fixed order only when the edits do not meet", () => {
    // Both typed at the very end: the same place, so not clean.
    expect(mergeNote(base, `${base} Mine`, `${base} Theirs`).clean).toBe(false);
  });
});
