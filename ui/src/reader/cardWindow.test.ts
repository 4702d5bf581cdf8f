import { describe, expect, it } from "vitest";
import { nearRange, nearSpan, wantedIds, type PlacedBox } from "./cardWindow";

/** Boxes stacked without overlap, with a pseudo-random gap and height each. */
function stacked(n: number, seed: number): PlacedBox[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const boxes: PlacedBox[] = [];
  let bottom = 0;
  for (let i = 0; i < n; i++) {
    const top = bottom + 10 + Math.floor(next() * 400);
    const height = 20 + Math.floor(next() * 200);
    boxes.push({ top, height });
    bottom = top + height;
  }
  return boxes;
}

describe("nearSpan", () => {
  it("finds exactly the boxes overlapping the range", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const boxes = stacked(seed * 3, seed);
      const end = boxes.length ? boxes[boxes.length - 1].top + 300 : 300;
      for (const from of [-500, 0, end * 0.3, end * 0.7, end + 100]) {
        const to = from + 900;
        const expected = boxes.map((b, i) => (b.top + b.height >= from && b.top <= to ? i : -1)).filter((i) => i >= 0);
        const { first, last } = nearSpan(boxes, from, to);
        const found = Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => first + k);
        expect(found).toEqual(expected);
      }
    }
  });

  it("is empty with no boxes or none in range", () => {
    const empty = nearSpan([], 0, 100);
    expect(empty.last).toBeLessThan(empty.first);
    const span = nearSpan([{ top: 0, height: 10 }, { top: 20, height: 10 }], 500, 900);
    expect(span.last).toBeLessThan(span.first);
  });
});

describe("nearRange and wantedIds", () => {
  it("widens the visible part by a screen above and below", () => {
    expect(nearRange(2000, 800)).toEqual({ from: 1200, to: 3600 });
  });

  it("builds the notes in the span and the kept ones, wherever they are", () => {
    const placed = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    expect([...wantedIds(placed, { first: 1, last: 2 }, [null, "e"])]).toEqual(["b", "c", "e"]);
    expect([...wantedIds(placed, { first: 3, last: 2 }, ["a"])]).toEqual(["a"]);
  });
});
