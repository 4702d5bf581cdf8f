import { describe, expect, it } from "vitest";
import { countScene, eventScene, hitAt, hitTitle, LANE_LABEL_W, type SceneEvent } from "./scene";

function ev(id: string, label: string, extra: Partial<SceneEvent> = {}): SceneEvent {
  return { id, label, date: id, title: "An article", faint: false, flagged: false, highlighted: false, ...extra };
}

describe("the chart's scene", () => {
  const win = { from: 2000, to: 2010 };
  const width = LANE_LABEL_W + 500;

  it("draws a day as a point, a year as a span a year wide, and labels only where they fit", () => {
    const events = [ev("a", "the ferry stopped"), ev("b", "a long war", { faint: true }), ev("c", "the bridge opened")];
    const items = [
      { from: 2001.5, to: 2001.5 + 1 / 365, lane: 0, event: 0, color: 1 },
      { from: 2004, to: 2005, lane: 1, event: 1, color: 2 },
      { from: 2001.52, to: 2001.52 + 1 / 365, lane: 1, event: 2, color: 3 },
    ];
    const s = eventScene({ win, width, lanes: [{ name: "A", count: 1 }, { name: "B", count: 2 }], items, events });
    const point = s.shapes.find((x) => x.k === "point" && x.color === 1);
    const span = s.shapes.find((x) => x.k === "span");
    expect(point?.k === "point" && point.x).toBeCloseTo(LANE_LABEL_W + 75 + 0.5 * (500 / 10 / 365), 6);
    expect(span?.k === "span" && [span.x, span.w, span.faint]).toEqual([LANE_LABEL_W + 200, 50, true]);
    expect(s.events).toBe(3);
    // Each label ends before the next mark of its lane begins.
    const labels = s.shapes.filter((x) => x.k === "label");
    expect(labels.map((l) => (l.k === "label" ? l.text : ""))).toContain("the ferry stopped");
    expect(s.summary).toContain("3 events");
  });

  it("gathers events too close to tell apart into one badge with their count, which zooms in", () => {
    const events = Array.from({ length: 5 }, (_, i) => ev(`e${i}`, "a meeting"));
    const items = events.map((_, i) => ({ from: 2003 + i / 1000, to: 2003 + i / 1000 + 1 / 365, lane: 0, event: i, color: 0 }));
    const s = eventScene({ win, width, lanes: [{ name: "A", count: 5 }], items, events });
    expect(s.clusters).toBe(1);
    const badge = s.shapes.find((x) => x.k === "cluster");
    expect(badge).toMatchObject({ text: "5" });
    const hit = hitAt(s.hits, badge!.k === "cluster" ? badge!.x + 3 : 0, badge!.k === "cluster" ? badge!.y + 9 : 0);
    expect(hit?.target).toMatchObject({ kind: "zoom" });
  });

  it("hits the topmost mark under the pointer and nothing between marks", () => {
    const events = [ev("a", "one"), ev("b", "two")];
    const items = [
      { from: 2002, to: 2002.001, lane: 0, event: 0, color: 0 },
      { from: 2008, to: 2008.001, lane: 0, event: 1, color: 0 },
    ];
    const s = eventScene({ win, width, lanes: [{ name: "A", count: 2 }], items, events });
    const y = 26 + 17;
    expect(hitAt(s.hits, LANE_LABEL_W + 100, y)?.target).toEqual({ kind: "event", event: 0 });
    expect(hitAt(s.hits, LANE_LABEL_W + 400, y)?.target).toEqual({ kind: "event", event: 1 });
    expect(hitAt(s.hits, LANE_LABEL_W + 250, y)).toBeNull();
    expect(hitAt(s.hits, LANE_LABEL_W + 100, y + 40)).toBeNull();
  });

  it("draws a crowded window as bars of counts, only those in view, each zooming to its slice", () => {
    const counts = [5, 0, 20, 7, 1000];
    const s = countScene({ win: { from: 2000, to: 2003.9 }, width, counts, domain: { from: 2000, to: 2005 } });
    expect(s.bars).toBe(3);
    const barsDrawn = s.shapes.filter((x) => x.k === "bar");
    expect(barsDrawn).toHaveLength(3);
    expect(s.summary).toContain("about 32 events");
    const hit = hitAt(s.hits, LANE_LABEL_W + 10, 100);
    expect(hit?.target.kind).toBe("zoom");
  });

  it("gives each hit box its tooltip when asked: an event's date, label and article; a badge's or a bar's count", () => {
    const events = [ev("12 May 2001", "the dam was finished"), ...Array.from({ length: 1200 }, (_, i) => ev(`c${i}`, "a market day"))];
    const items = events.map((_, i) => (i === 0 ? { from: 2001.36, to: 2001.363, lane: 0, event: 0, color: 0 } : { from: 2006 + i / 1e6, to: 2006 + i / 1e6 + 0.002, lane: 1, event: i, color: 1 }));
    const s = eventScene({ win, width, lanes: [{ name: "A", count: 1 }, { name: "B", count: 1200 }], items, events });
    const titles = s.hits.map((h) => hitTitle(h, events));
    expect(titles).toContain("12 May 2001: the dam was finished — An article");
    expect(titles).toContain("1,200 events — click to zoom in");
    const one = countScene({ win: { from: 2000, to: 2005 }, width, counts: [1, 0, 3], domain: { from: 2000, to: 2005 } });
    expect(one.hits.map((h) => hitTitle(h, []))).toEqual(["1 event — click to zoom in", "3 events — click to zoom in"]);
  });

  it("keeps a held height (a zoom under way) and draws its grid to the bottom; a shorter hold changes nothing", () => {
    const events = [ev("a", "a vote")];
    const items = [{ from: 2003, to: 2003 + 1 / 365, lane: 0, event: 0, color: 0 }];
    const lanes = [{ name: "A", count: 1 }];
    const natural = eventScene({ win, width, lanes, items, events });
    const held = eventScene({ win, width, lanes, items, events, minHeight: natural.height + 200 });
    expect(held.height).toBe(natural.height + 200);
    const grid = held.shapes.filter((x) => x.k === "grid");
    expect(grid.length).toBeGreaterThan(0);
    expect(grid.every((g) => g.k === "grid" && g.y1 === held.height)).toBe(true);
    expect(eventScene({ win, width, lanes, items, events, minHeight: 10 }).height).toBe(natural.height);
    const counts = countScene({ win, width, counts: [1, 2, 3], domain: win });
    expect(countScene({ win, width, counts: [1, 2, 3], domain: win, minHeight: counts.height + 90 }).height).toBe(counts.height + 90);
  });
});
