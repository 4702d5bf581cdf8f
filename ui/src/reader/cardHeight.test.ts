import { describe, expect, it } from "vitest";
import { COLLAPSED_HEIGHT, estimateCardHeight, type CardMetrics } from "./cardHeight";

const wide: CardMetrics = { width: 280, fontSize: 13 };
const sentence = "The harbour master counted the boats that came in on the tide.";

describe("estimateCardHeight", () => {
  it("grows with the note's length, line breaks and paragraphs", () => {
    const one = estimateCardHeight("Short.", [], false, wide);
    const long = estimateCardHeight(sentence.repeat(2), [], false, wide);
    const broken = estimateCardHeight("One.\nTwo.\nThree.", [], false, wide);
    const paragraphs = estimateCardHeight("One.\n\nTwo.\n\nThree.", [], false, wide);
    expect(one).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(one);
    expect(broken).toBeGreaterThan(one);
    // Paragraphs add their gaps to the lines.
    expect(paragraphs).toBeGreaterThan(broken);
  });

  it("wraps sooner in a narrower margin or a larger font", () => {
    const note = sentence.repeat(2);
    const base = estimateCardHeight(note, [], false, wide);
    expect(estimateCardHeight(note, [], false, { width: 200, fontSize: 13 })).toBeGreaterThan(base);
    expect(estimateCardHeight(note, [], false, { width: 280, fontSize: 16 })).toBeGreaterThan(base);
  });

  it("caps a long note at the collapsed height and the 'more' row unless expanded", () => {
    const long = Array.from({ length: 12 }, () => sentence).join("\n\n");
    const longer = Array.from({ length: 30 }, () => sentence).join("\n\n");
    const collapsed = estimateCardHeight(long, [], false, wide);
    expect(estimateCardHeight(longer, [], false, wide)).toBe(collapsed);
    expect(collapsed).toBeGreaterThan(COLLAPSED_HEIGHT);
    expect(collapsed).toBeLessThan(COLLAPSED_HEIGHT + 3 * wide.fontSize * 1.45);
    const expanded = estimateCardHeight(long, [], true, wide);
    expect(expanded).toBeGreaterThan(collapsed);
    expect(estimateCardHeight(longer, [], true, wide)).toBeGreaterThan(expanded);
  });

  it("adds the tags' row, and more rows when they wrap", () => {
    const none = estimateCardHeight(sentence, [], false, wide);
    const few = estimateCardHeight(sentence, ["port", "trade"], false, wide);
    const many = estimateCardHeight(sentence, Array.from({ length: 14 }, (_, i) => `shipping-record-${i}`), false, wide);
    expect(few).toBeGreaterThan(none);
    expect(many).toBeGreaterThan(few);
  });

  it("is the marker's height in a narrow window, whatever the note", () => {
    const narrow: CardMetrics = { width: 56, fontSize: 13 };
    expect(estimateCardHeight("Short.", [], false, narrow)).toBe(estimateCardHeight(sentence.repeat(20), ["port"], true, narrow));
    expect(estimateCardHeight("Short.", [], false, narrow)).toBeLessThan(estimateCardHeight("Short.", [], false, wide));
  });
});
