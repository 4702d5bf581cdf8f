import { describe, expect, it } from "vitest";
import { aggregate, clampWindow, fitWindow, MAX_SPAN, MIN_SPAN, sliderToSpan, spanToSlider, ticks, yearOf, zoomAt, type Placeable } from "./axis";

describe("window and zoom", () => {
  it("zooms around the anchor and keeps the anchor's place on screen", () => {
    const w = { from: 1900, to: 2000 };
    const z = zoomAt(w, 0.5, 1975);
    expect(z.to - z.from).toBeCloseTo(50);
    expect((1975 - z.from) / (z.to - z.from)).toBeCloseTo(0.75);
  });
  it("stops at three days and at a thousand years", () => {
    expect(zoomAt({ from: 2001, to: 2001.01 }, 0.01, 2001.005).to - zoomAt({ from: 2001, to: 2001.01 }, 0.01, 2001.005).from).toBeCloseTo(MIN_SPAN);
    const wide = zoomAt({ from: 0, to: 900 }, 10, 450);
    expect(wide.to - wide.from).toBeCloseTo(MAX_SPAN);
  });
  it("keeps the data in sight when panning far away", () => {
    const w = clampWindow({ from: 3000, to: 3010 }, { from: 1990, to: 2010 });
    expect(w.from).toBeLessThanOrEqual(2010);
  });
  it("fits every event with a margin", () => {
    const w = fitWindow([{ from: 1989, to: 1990 }, { from: 2011.75, to: 2011.8 }]);
    expect(w.from).toBeLessThan(1989);
    expect(w.to).toBeGreaterThan(2011.8);
  });
  it("maps the slider logarithmically both ways", () => {
    expect(spanToSlider(MAX_SPAN)).toBe(0);
    expect(spanToSlider(MIN_SPAN)).toBe(1000);
    expect(sliderToSpan(spanToSlider(30))).toBeCloseTo(30, 0);
  });
});

describe("ticks by zoom level", () => {
  it("uses centuries, decades, years, months and days as the window narrows", () => {
    expect(ticks({ from: 1000, to: 2000 }, 1000).unit).toBe("century");
    expect(ticks({ from: 1900, to: 2000 }, 1000).unit).toBe("decade");
    expect(ticks({ from: 1995, to: 2010 }, 1000).unit).toBe("year");
    expect(ticks({ from: 2001, to: 2002 }, 1000).unit).toBe("month");
    const days = ticks({ from: yearOf(2001, 8, 9), to: yearOf(2001, 8, 14) }, 1000);
    expect(days.unit).toBe("day");
    expect(days.ticks.map((t) => t.label)).toEqual(["9", "10", "11", "12", "13", "14"]);
  });
  it("labels decades as the 1990s and years before 1 AD as BC", () => {
    const t = ticks({ from: 1905, to: 2005 }, 1000).ticks;
    expect(t[0].label).toBe("1910s");
    expect(ticks({ from: -600, to: -400 }, 1000).ticks.some((x) => x.label === "499 BC" || x.label === "501 BC")).toBe(true);
  });
});

describe("aggregation", () => {
  const ev = (from: number, to: number, lane = 0): Placeable => ({ from, to, lane });
  it("draws a year as a span and a day as a point", () => {
    const a = aggregate([ev(1990, 1991), ev(2005.5, 2005.5027)], { from: 1980, to: 2010 }, 600);
    const [year, day] = a.marks;
    expect(year.kind === "event" && !year.point && Math.round(year.w)).toBe(20);
    expect(day.kind === "event" && day.point).toBe(true);
  });
  it("collapses events too close to tell apart into one count, and splits them when zoomed in", () => {
    const crowd = Array.from({ length: 50 }, (_, i) => ev(2001 + i / 365, 2001 + (i + 1) / 365));
    const far = aggregate(crowd, { from: 1900, to: 2100 }, 1000);
    expect(far.marks).toHaveLength(1);
    expect(far.marks[0].kind === "cluster" && far.marks[0].indices.length).toBe(50);
    const near = aggregate(crowd, { from: 2001, to: 2001 + 60 / 365 }, 1200);
    expect(near.marks.every((m) => m.kind === "event")).toBe(true);
    expect(near.marks).toHaveLength(50);
  });
  it("keeps lanes apart and leaves out what is outside the window", () => {
    const a = aggregate([ev(2001, 2002, 0), ev(2001, 2002, 1), ev(1800, 1801, 0)], { from: 1990, to: 2010 }, 500);
    expect(a.visible).toBe(2);
    expect(a.marks.map((m) => m.lane).sort()).toEqual([0, 1]);
  });
  it("gives labels only room that no other mark takes", () => {
    const a = aggregate([ev(2000, 2000.01), ev(2000.5, 2000.51), ev(2005, 2005.01)], { from: 1999, to: 2010 }, 1100, { labelPx: 120 });
    const labelled = a.marks.filter((m) => m.kind === "event" && m.labelled).map((m) => (m.kind === "event" ? m.index : -1));
    // The first is 50 px before the second: no room for its label.
    expect(labelled).toEqual([1, 2]);
  });
  it("places events given in any order as it places them given in date order (the store's order, which skips the sort)", () => {
    // A small generator of our own: years, months and days over two centuries in three lanes, with ties.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 20; round++) {
      const spans = [1, 1 / 12, 1 / 365];
      const evs = Array.from({ length: 300 }, () => {
        const from = 1850 + Math.floor(rnd() * 2000) / 10;
        return ev(from, from + spans[Math.floor(rnd() * 3)], Math.floor(rnd() * 3));
      });
      const sorted = [...evs].sort((a, b) => a.from - b.from || b.to - a.to);
      const shuffled = [...sorted].reverse();
      const win = { from: 1850 + rnd() * 100, to: 1960 + rnd() * 100 };
      const show = (list: Placeable[]) =>
        aggregate(list, win, 900).marks.map((m) =>
          m.kind === "cluster"
            ? `c${m.lane}:${m.x.toFixed(3)}:${m.indices.map((i) => `${list[i].from}-${list[i].to}`).sort().join(",")}`
            : `e${m.lane}:${m.x.toFixed(3)}:${list[m.index].from}-${list[m.index].to}:${m.labelled}`,
        );
      expect(show(shuffled).sort()).toEqual(show(sorted).sort());
    }
  });
  it("does the same work for 100,000 events at any zoom, and never more marks than pixels allow", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ev(1900 + (i % 1200) / 10, 1900 + (i % 1200) / 10 + 1, i % 4));
    const a = aggregate(many, { from: 1900, to: 2020 }, 1000);
    expect(a.visible).toBe(100_000);
    expect(a.marks.length).toBeLessThanOrEqual(4 * (1000 / 10 + 1));
  });
});

