import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { barHeight, bars, fetchRange, FETCH_LIMIT, isCrowded, LatestOnly, moreLabel, serves, slicesFor } from "./windowing";

describe("which years to fetch", () => {
  it("fetches the window with half its span on each side", () => {
    expect(fetchRange({ from: 1990, to: 2000 })).toEqual({ from: 1985, to: 2005 });
    expect(fetchRange({ from: 2001, to: 2001.5 }, 1)).toEqual({ from: 2000.5, to: 2002 });
  });

  it("keeps what is loaded while the window stays inside it, and fetches again when it leaves", () => {
    const loaded = { range: { from: 1985, to: 2005 }, total: 120, span: 10 };
    expect(serves(loaded, { from: 1990, to: 2000 })).toBe(true);
    expect(serves(loaded, { from: 1994, to: 2004 }), "a short pan").toBe(true);
    expect(serves(loaded, { from: 1996, to: 2006 }), "past the margin").toBe(false);
    expect(serves(loaded, { from: 1980, to: 2010 }), "zoomed out past it").toBe(false);
    expect(serves(loaded, { from: 1999, to: 1999.01 }), "zoomed far in: every event is loaded").toBe(true);
    expect(serves(undefined, { from: 1990, to: 2000 })).toBe(false);
  });

  it("fetches counts again when a crowded window is zoomed well in or out", () => {
    const crowded = { range: { from: 1800, to: 2000 }, total: FETCH_LIMIT + 1, span: 100 };
    expect(isCrowded(crowded)).toBe(true);
    expect(isCrowded({ total: FETCH_LIMIT })).toBe(false);
    expect(serves(crowded, { from: 1860, to: 1950 })).toBe(true);
    expect(serves(crowded, { from: 1900, to: 1920 }), "slices five times too wide").toBe(false);
  });
});

describe("density slices and bars", () => {
  it("gives the fetched range as many slices as fit its width at this zoom, within bounds", () => {
    // 100 years shown on 600 px: 6 px a year; a range of 200 years in 6 px slices.
    expect(slicesFor({ from: 1800, to: 2000 }, { from: 1850, to: 1950 }, 600)).toBe(200);
    expect(slicesFor({ from: 0, to: 1 }, { from: 0, to: 1000 }, 600)).toBe(1);
    expect(slicesFor({ from: 0, to: 20000 }, { from: 0, to: 1 }, 1000)).toBe(4096);
  });

  it("draws the non-empty slices inside the window where they fall, clipped to it", () => {
    const counts = [3, 0, 5, 1, 0, 9, 2, 0, 0, 4];
    const b = bars(counts, { from: 1900, to: 2000 }, { from: 1915, to: 1965 }, 500);
    expect(b.map((x) => x.index)).toEqual([2, 3, 5, 6]);
    expect(b.map((x) => x.count)).toEqual([5, 1, 9, 2]);
    // Slice 2 (1920–1930) at 10 px a year from 1915.
    expect(b[0].x).toBeCloseTo(50);
    expect(b[0].w).toBeCloseTo(100);
    // Slice 6 (1960–1970) is cut at the window's end.
    expect(b[3].x + b[3].w).toBeCloseTo(500);
    const all = bars(counts, { from: 1900, to: 2000 }, { from: 1800, to: 2100 }, 300);
    expect(all.reduce((n, x) => n + x.count, 0)).toBe(counts.reduce((n, c) => n + c, 0));
  });

  it("keeps a single event visible beside thousands", () => {
    expect(barHeight(0, 100, 50)).toBe(0);
    expect(barHeight(1, 10000, 50)).toBeGreaterThanOrEqual(2);
    expect(barHeight(10000, 10000, 50)).toBe(50);
    expect(barHeight(2500, 10000, 50)).toBeCloseTo(25);
  });
});

describe("the list's pages", () => {
  it("says how many the next page adds of how many are left", () => {
    expect(moreLabel(200, 1250)).toBe("Show 200 more of 1,050");
    expect(moreLabel(1200, 1250)).toBe("Show 50 more of 50");
    expect(moreLabel(1250, 1250)).toBeNull();
    expect(moreLabel(0, 0)).toBeNull();
  });
});

describe("only the latest request's answer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for zoom and pan to pause, then asks once", async () => {
    const asked: number[] = [];
    const got: number[] = [];
    const l = new LatestOnly<number, number>(
      (n) => {
        asked.push(n);
        return Promise.resolve(n * 10);
      },
      (r) => got.push(r),
      () => undefined,
      100,
    );
    l.request(1);
    vi.advanceTimersByTime(50);
    l.request(2);
    vi.advanceTimersByTime(50);
    l.request(3);
    expect(l.pending).toBe(true);
    vi.advanceTimersByTime(100);
    await vi.runAllTimersAsync();
    expect(asked).toEqual([3]);
    expect(got).toEqual([30]);
  });

  it("drops an answer that comes after a newer request, even when it comes last", async () => {
    const resolvers: ((v: string) => void)[] = [];
    const got: string[] = [];
    const l = new LatestOnly<string, string>(
      () => new Promise<string>((r) => resolvers.push(r)),
      (r) => got.push(r),
      () => undefined,
    );
    l.request("old", true);
    l.request("new", true);
    resolvers[1]("new answer");
    resolvers[0]("old answer");
    await vi.runAllTimersAsync();
    expect(got).toEqual(["new answer"]);
    l.request("cancelled", true);
    l.cancel();
    resolvers[2]("too late");
    await vi.runAllTimersAsync();
    expect(got).toEqual(["new answer"]);
  });
});
