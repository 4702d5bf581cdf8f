import { describe, expect, it } from "vitest";
import { Coalescer, WindowCache, sameNeed } from "./windowCache";
import { FETCH_LIMIT } from "./windowing";

describe("the fetched windows", () => {
  const strip = { range: { from: 1700, to: 2030 }, counts: Array.from({ length: 330 }, () => 500), slice: 1 };

  it("asks for counts where the strip says a window is crowded, and for events where it is not", () => {
    const cache = new WindowCache<string>();
    cache.setStrip(strip);
    // A century at 600 px wants slices of a year: the strip's serve it.
    expect(cache.need({ from: 1800, to: 1900 }, 600)).toBeNull();
    const wide = cache.need({ from: 1800, to: 1850 }, 600);
    expect(wide?.kind).toBe("counts");
    const narrow = cache.need({ from: 1850.1, to: 1850.5 }, 600);
    expect(narrow).toMatchObject({ kind: "events" });
    expect(narrow!.range.from).toBeLessThan(1850.1);
    expect(narrow!.range.to).toBeGreaterThan(1850.5);
  });

  it("draws from the events in hand that cover the view, and needs nothing more", () => {
    const cache = new WindowCache<string>();
    cache.setStrip(strip);
    cache.addEvents({ range: { from: 1850, to: 1851 }, data: "events of 1850" });
    const d = cache.draw({ from: 1850.2, to: 1850.6 }, 600);
    expect(d).toEqual({ kind: "events", entry: { range: { from: 1850, to: 1851 }, data: "events of 1850" } });
    expect(cache.need({ from: 1850.2, to: 1850.6 }, 600)).toBeNull();
    // Panned out of it: the strip's counts are drawn meanwhile.
    expect(cache.draw({ from: 1852, to: 1852.4 }, 600).kind).toBe("counts");
  });

  it("keeps counts at the zoom they were fetched for and draws the nearest level while another is fetched", () => {
    const cache = new WindowCache<string>();
    cache.setStrip(strip);
    const view = { from: 1800, to: 1850 };
    const need = cache.need(view, 600);
    expect(need?.kind).toBe("counts");
    if (need?.kind !== "counts") return;
    cache.addCounts({ range: need.range, counts: new Array<number>(need.slices).fill(1000), slice: (need.range.to - need.range.from) / need.slices });
    expect(cache.need(view, 600)).toBeNull();
    // Zoomed in by a little: the same counts serve; by a lot: finer ones are asked for, the coarse ones drawn meanwhile.
    expect(cache.need({ from: 1805, to: 1845 }, 600)).toBeNull();
    const deeper = { from: 1840, to: 1850 };
    expect(cache.need(deeper, 600)?.kind).toBe("counts");
    const drawn = cache.draw(deeper, 600);
    expect(drawn.kind === "counts" && drawn.entry.range).toEqual(need.range);
    expect(cache.estimate({ from: 1840, to: 1850 })).toBeGreaterThan(FETCH_LIMIT);
  });

  it("tells equal needs apart from different ones", () => {
    const a = { kind: "events" as const, range: { from: 1, to: 2 } };
    expect(sameNeed(a, { ...a })).toBe(true);
    expect(sameNeed(a, { kind: "counts", range: { from: 1, to: 2 }, slices: 4 })).toBe(false);
    expect(sameNeed(null, null)).toBe(true);
  });
});

describe("one request in flight", () => {
  it("runs the first at once, keeps only the latest of those made meanwhile, and hands on every answer", async () => {
    const started: number[] = [];
    const delivered: number[] = [];
    const waiting: (() => void)[] = [];
    const c = new Coalescer<number, number>(
      (n) => {
        started.push(n);
        return new Promise((resolve) => waiting.push(() => resolve(n * 10)));
      },
      (res) => delivered.push(res),
      () => undefined,
    );
    c.request(1);
    c.request(2);
    c.request(3);
    expect(started).toEqual([1]);
    waiting.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(delivered).toEqual([10]);
    expect(started).toEqual([1, 3]);
    c.cancel();
    waiting.shift()!();
    await Promise.resolve();
    await Promise.resolve();
    expect(delivered).toEqual([10]);
    expect(c.idle).toBe(true);
  });
});
