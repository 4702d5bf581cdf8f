import { describe, expect, it, vi } from "vitest";
import { currentEntry, Debounced, firstVisible, lastAtOrBefore } from "./bookNav";

describe("book navigation", () => {
  it("finds the block holding an offset", () => {
    const starts = [0, 40, 90, 200];
    expect(lastAtOrBefore(starts, 0)).toBe(0);
    expect(lastAtOrBefore(starts, 39)).toBe(0);
    expect(lastAtOrBefore(starts, 40)).toBe(1);
    expect(lastAtOrBefore(starts, 5000)).toBe(3);
    expect(lastAtOrBefore([10, 20], 3)).toBe(-1);
    expect(lastAtOrBefore([], 3)).toBe(-1);
  });

  it("marks the deepest entry the reader is in", () => {
    const toc = [
      { title: "One", level: 1, start: 0 },
      { title: "The Harbour", level: 2, start: 120 },
      { title: "Two", level: 1, start: 400 },
    ];
    expect(currentEntry(toc, 50)).toBe(0);
    expect(currentEntry(toc, 120)).toBe(1);
    expect(currentEntry(toc, 399)).toBe(1);
    expect(currentEntry(toc, 400)).toBe(2);
    expect(currentEntry([{ title: "Late", level: 1, start: 30 }], 10)).toBe(-1);
  });

  it("finds the first block still on screen by its bottom edge", () => {
    const bottoms = [100, 200, 300, 400, Infinity];
    const blocks = bottoms.map((b) => ({ b }) as unknown as Element);
    const bottomOf = (el: Element) => (el as unknown as { b: number }).b;
    expect(firstVisible(blocks, 0, bottomOf)).toBe(0);
    expect(firstVisible(blocks, 100, bottomOf)).toBe(1);
    expect(firstVisible(blocks, 250, bottomOf)).toBe(2);
    expect(firstVisible(blocks, 1000, bottomOf)).toBe(4);
  });

  it("saves the last position once scrolling stops, and at once when flushed", () => {
    vi.useFakeTimers();
    const saved: number[] = [];
    const d = new Debounced<number>(1000, (v) => saved.push(v));
    d.push(1);
    d.push(2);
    vi.advanceTimersByTime(999);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual([2]);
    d.push(3);
    d.flush();
    expect(saved).toEqual([2, 3]);
    d.flush();
    expect(saved).toEqual([2, 3]);
    d.push(4);
    d.cancel();
    vi.advanceTimersByTime(2000);
    expect(saved).toEqual([2, 3]);
    vi.useRealTimers();
  });
});
