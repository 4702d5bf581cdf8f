import { describe, expect, it } from "vitest";
import { layoutNotes, marginHeight, type NoteBox } from "./marginLayout";

/** Small deterministic generator so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomNotes(random: () => number, n: number, spread: number): NoteBox[] {
  return Array.from({ length: n }, () => ({
    top: Math.round(random() * spread),
    height: 20 + Math.round(random() * 120),
  }));
}

function byDesiredTop(notes: NoteBox[]): number[] {
  return notes.map((_, i) => i).sort((a, b) => notes[a].top - notes[b].top || a - b);
}

const GAP = 10;

function expectNoOverlap(notes: NoteBox[], tops: number[]) {
  const order = byDesiredTop(notes);
  for (let k = 1; k < order.length; k++) {
    const [a, b] = [order[k - 1], order[k]];
    expect(tops[b]).toBeGreaterThanOrEqual(tops[a] + notes[a].height + GAP - 1e-9);
  }
}

describe("layoutNotes without focus", () => {
  it("leaves notes that do not collide at their highlights", () => {
    const notes = [
      { top: 0, height: 50 },
      { top: 100, height: 30 },
      { top: 400, height: 80 },
    ];
    expect(layoutNotes(notes, { gap: GAP })).toEqual([0, 100, 400]);
  });

  it("stacks colliding notes below one another", () => {
    const notes = [
      { top: 100, height: 50 },
      { top: 110, height: 40 },
      { top: 120, height: 30 },
      { top: 300, height: 20 },
    ];
    // 100; 100+50+10 = 160; 160+40+10 = 210; 300 is clear of 240.
    expect(layoutNotes(notes, { gap: GAP })).toEqual([100, 160, 210, 300]);
  });

  it("answers in input order even when the input is unsorted", () => {
    const notes = [
      { top: 300, height: 20 },
      { top: 100, height: 50 },
      { top: 120, height: 30 },
    ];
    expect(layoutNotes(notes, { gap: GAP })).toEqual([300, 100, 160]);
  });

  it("keeps input order for notes on the same line", () => {
    const notes = [
      { top: 40, height: 10 },
      { top: 40, height: 10 },
      { top: 40, height: 10 },
    ];
    expect(layoutNotes(notes, { gap: GAP })).toEqual([40, 60, 80]);
  });

  it("never overlaps, never rises above a highlight, and moves no note further than needed", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = rng(seed);
      const notes = randomNotes(random, 1 + Math.floor(random() * 80), 3000);
      const tops = layoutNotes(notes, { gap: GAP });
      expectNoOverlap(notes, tops);
      const order = byDesiredTop(notes);
      order.forEach((i, k) => {
        expect(tops[i]).toBeGreaterThanOrEqual(notes[i].top);
        if (tops[i] > notes[i].top) {
          const prev = order[k - 1];
          expect(tops[i]).toBeCloseTo(tops[prev] + notes[prev].height + GAP, 9);
        }
      });
    }
  });

  it("lays out notes added below in pieces exactly as all at once (a long article revealed a slice at a time)", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = rng(seed);
      const notes = randomNotes(random, 2 + Math.floor(random() * 80), 4000).sort((a, b) => a.top - b.top);
      const whole = layoutNotes(notes, { gap: GAP });
      // Cut where the article's layout stopped: notes of later slices start at or below the earlier ones.
      const pieces: number[] = [];
      let below: number | undefined;
      for (let from = 0; from < notes.length; ) {
        const to = Math.min(notes.length, from + 1 + Math.floor(random() * 20));
        const part = notes.slice(from, to);
        const tops = layoutNotes(part, { gap: GAP, below });
        pieces.push(...tops);
        below = Math.max(below ?? -Infinity, ...tops.map((t, i) => t + part[i].height));
        from = to;
      }
      expect(pieces).toEqual(whole);
    }
  });

  it("keeps the first note a gap below the notes already placed", () => {
    expect(layoutNotes([{ top: 100, height: 30 }, { top: 400, height: 30 }], { gap: GAP, below: 150 })).toEqual([160, 400]);
    expect(layoutNotes([{ top: 300, height: 30 }], { gap: GAP, below: 150 })).toEqual([300]);
  });

  it("handles no notes", () => {
    expect(layoutNotes([])).toEqual([]);
    expect(marginHeight([], [])).toBe(0);
  });
});

describe("layoutNotes with a focused note", () => {
  const crowd = [
    { top: 100, height: 60 },
    { top: 120, height: 60 },
    { top: 140, height: 60 },
    { top: 160, height: 60 },
  ];

  it("aligns the focused note exactly and moves the notes above it up", () => {
    const tops = layoutNotes(crowd, { gap: GAP, focused: 2 });
    expect(tops[2]).toBe(140);
    expect(tops[1]).toBe(140 - GAP - 60);
    expect(tops[0]).toBe(tops[1] - GAP - 60);
    expect(tops[3]).toBe(140 + 60 + GAP);
  });

  it("leaves notes above alone when they do not collide with the focused one", () => {
    const notes = [
      { top: 0, height: 30 },
      { top: 10, height: 30 },
      { top: 500, height: 30 },
    ];
    // Top-down: 0, 40; the focused note at 500 does not touch them.
    expect(layoutNotes(notes, { gap: GAP, focused: 2 })).toEqual([0, 40, 500]);
  });

  it("equals the plain layout when the first note is focused", () => {
    expect(layoutNotes(crowd, { gap: GAP, focused: 0 })).toEqual(layoutNotes(crowd, { gap: GAP }));
  });

  it("ignores a focus index that names no note", () => {
    expect(layoutNotes(crowd, { gap: GAP, focused: 7 })).toEqual(layoutNotes(crowd, { gap: GAP }));
    expect(layoutNotes(crowd, { gap: GAP, focused: -1 })).toEqual(layoutNotes(crowd, { gap: GAP }));
  });

  it("holds its guarantees on random margins", () => {
    for (let seed = 100; seed < 160; seed++) {
      const random = rng(seed);
      const notes = randomNotes(random, 2 + Math.floor(random() * 60), 2500);
      const focused = Math.floor(random() * notes.length);
      const tops = layoutNotes(notes, { gap: GAP, focused });
      const plain = layoutNotes(notes, { gap: GAP });
      expect(tops[focused]).toBe(notes[focused].top);
      expectNoOverlap(notes, tops);
      const order = byDesiredTop(notes);
      const f = order.indexOf(focused);
      order.forEach((i, k) => {
        if (k > f) {
          // Below: at its highlight or just below the previous note.
          expect(tops[i]).toBeGreaterThanOrEqual(notes[i].top);
          if (tops[i] > notes[i].top) {
            const prev = order[k - 1];
            expect(tops[i]).toBeCloseTo(tops[prev] + notes[prev].height + GAP, 9);
          }
        } else if (k < f) {
          // Above: where the plain layout puts it, or just above the next note.
          expect(tops[i]).toBeLessThanOrEqual(plain[i]);
          if (tops[i] < plain[i]) {
            const next = order[k + 1];
            expect(tops[i] + notes[i].height + GAP).toBeCloseTo(tops[next], 9);
          }
        }
      });
    }
  });
});

describe("marginHeight", () => {
  it("is the lowest note bottom", () => {
    const notes = [
      { top: 0, height: 40 },
      { top: 10, height: 40 },
    ];
    expect(marginHeight(notes, layoutNotes(notes, { gap: GAP }))).toBe(50 + 40);
  });
});
