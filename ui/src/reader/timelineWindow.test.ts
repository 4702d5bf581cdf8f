import { describe, expect, it } from "vitest";
import { nearSpan } from "./cardWindow";
import { scrollToShow, slots, stackRows } from "./timelineWindow";

/** Pseudo-random row heights, as a long timeline's vary (years, events, warnings). */
function heights(n: number, seed: number): number[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  return Array.from({ length: n }, () => 12 + Math.floor(next() * 120) + next());
}

describe("timeline window", () => {
  it("stacks rows from their heights", () => {
    const { boxes, total } = stackRows([10, 20.5, 5]);
    expect(boxes).toEqual([
      { top: 0, height: 10 },
      { top: 10, height: 20.5 },
      { top: 30.5, height: 5 },
    ]);
    expect(total).toBe(35.5);
    expect(stackRows([])).toEqual({ boxes: [], total: 0 });
  });

  it("finds the rows near a view as brute force does, and the slots keep every row where it is", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { boxes, total } = stackRows(heights(seed * 17, seed));
      for (const from of [-300, 0, total * 0.25, total * 0.6, total - 50, total + 10]) {
        const to = from + 700;
        const span = nearSpan(boxes, from, to);
        const expected = boxes.flatMap((b, i) => (b.top + b.height >= from && b.top <= to ? [i] : []));
        const found = Array.from({ length: Math.max(0, span.last - span.first + 1) }, (_, k) => span.first + k);
        expect(found).toEqual(expected);
        // The run near the view and one row kept far off (a focused one).
        const kept = Math.floor(boxes.length / 2);
        const built = [...new Set([...found, kept])].sort((a, b) => a - b);
        let y = 0;
        let spacers = 0;
        for (const slot of slots(built, boxes, total)) {
          if ("spacer" in slot) {
            expect(slot.spacer).toBeGreaterThan(0);
            y += slot.spacer;
            spacers++;
          } else {
            expect(y).toBeCloseTo(boxes[slot.row].top, 6);
            y += boxes[slot.row].height;
          }
        }
        expect(y).toBeCloseTo(total, 6);
        // Never two spacers in a row: at most one before each run and one after the last.
        expect(spacers).toBeLessThanOrEqual(3);
      }
    }
  });

  it("scrolls a row into view only when it is not in view, then to the middle", () => {
    const box = { top: 1000, height: 40 };
    expect(scrollToShow(box, 60, 900, 600)).toBe(900);
    expect(scrollToShow(box, 60, 0, 600)).toBe(780);
    expect(scrollToShow({ top: 10, height: 40 }, 60, 2000, 600)).toBe(0);
  });
});
