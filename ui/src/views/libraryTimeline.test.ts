// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DisagreementClaims, DisagreementVerdict, OverviewClaims, TimelineFilter, WindowMarks } from "../api";
import type { LibraryEvent } from "../bindings/LibraryEvent";

// The library side, in memory: two articles that date one invasion ten years apart.
function ev(id: string, articleId: string, title: string, value: string, from: number, label: string): LibraryEvent {
  return {
    event: {
      id,
      articleId,
      origin: "extracted",
      kind: "DATE",
      value,
      valueEnd: null,
      date: { label: value, precision: "month", sortKey: value, year: Math.floor(from), heading: String(Math.floor(from)), decade: null },
      label,
      start: 10,
      end: 22,
      exact: value,
      warnings: [],
      hidden: false,
      userEdited: false,
      orphaned: false,
    },
    articleTitle: title,
    from,
    to: from + 1 / 12,
    highlighted: false,
  };
}
function pair(filter: TimelineFilter) {
  const a = ev("e1", "a", "Harbour", "October 2001", 2001.75, "the United States invaded Afghanistan");
  const b = ev("e2", "b", "Steppe", "October 2011", 2011.75, "When the United States invaded Afghanistan");
  const events = filter.articleIds.length ? [a, b].filter((e) => filter.articleIds.includes(e.event.articleId)) : [a, b];
  return { a, b, events };
}
const store = vi.hoisted(() => ({ batches: [] as Promise<[number, number]>[], windows: [] as [number, number][], filters: [] as TimelineFilter[], verdicts: [] as [string, DisagreementVerdict | null][], verdict: null as DisagreementVerdict | null }));
vi.mock("../api", () => ({
  api: {
    timelineOverview: (filter: TimelineFilter): Promise<OverviewClaims> => {
      store.filters.push(filter);
      const { a, b, events } = pair(filter);
      const claims = [a, b].map((e) => ({ eventId: e.event.id, articleId: e.event.articleId, articleTitle: e.articleTitle, date: e.event.date.label, label: e.event.label }));
      const disagreement: DisagreementClaims = { key: "k1", kind: "action", label: a.event.label, claims, verdict: store.verdict, total: 2 };
      return Promise.resolve({ total: events.length, articles: new Set(events.map((e) => e.event.articleId)).size, from: events[0]?.from ?? null, to: events[events.length - 1]?.to ?? null, disagreements: [disagreement] });
    },
    timelineMarks: (filter: TimelineFilter, from: number, to: number, offset: number, limit: number): Promise<WindowMarks> => {
      store.windows.push([from, to]);
      const inside = pair(filter).events.filter((e) => e.to > from && e.from < to);
      const page = inside.slice(offset, offset + limit);
      const disagreeing = page.map((e) => ({ eventId: e.event.id, key: "k1" }));
      const ids = [...new Set(page.map((e) => e.event.articleId))];
      const events = page.map((e) => ({ id: e.event.id, article: ids.indexOf(e.event.articleId), from: e.from, to: e.to, precision: e.event.date.precision, date: e.event.date.label, label: e.event.label, start: e.event.start, end: e.event.end, highlighted: e.highlighted, warnings: [] }));
      return Promise.resolve({ from, to, total: inside.length, offset, events, articles: ids.map((id) => ({ id, title: id, tags: [] })), disagreeing });
    },
    makeTimelines: () => store.batches.shift() ?? Promise.resolve([0, 0]),
    timelineDensity: (_filter: TimelineFilter, from: number, to: number, buckets: number) => Promise.resolve({ from, to, counts: new Array<number>(buckets).fill(0) }),
    setDisagreementVerdict: (key: string, verdict: DisagreementVerdict | null) => {
      store.verdicts.push([key, verdict]);
      store.verdict = verdict;
      return Promise.resolve();
    },
    highlightTags: () => Promise.resolve(["war"]),
  },
}));

import { LibraryTimelineView } from "./libraryTimeline";

// A task and an animation frame: the tab draws its list after the chart's first frame.
const flush = () => new Promise((r) => setTimeout(r, 40));
/** Waits (up to 3 s) until `ok` holds: the tab's work spans tasks and frames. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 75 && !ok(); i++) await flush();
}

beforeEach(() => {
  store.filters = [];
  store.windows = [];
  store.verdicts = [];
  store.verdict = null;
  store.batches = [];
  (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
  };
  // jsdom has no 2D canvas: the scene is still built and hit-tested, only not painted.
  HTMLCanvasElement.prototype.getContext = () => null;
});

describe("the Timeline tab", () => {
  it("lists the events, flags both sides of a disagreement, and opens an event", async () => {
    const opened: string[] = [];
    const view = new LibraryTimelineView({ openEvent: (e) => opened.push(e.eventId) });
    document.body.append(view.el);
    await view.load();
    const dates = Array.from(view.el.querySelectorAll(".tl-item-date")).map((d) => d.textContent);
    expect(dates).toEqual(["October 2001", "October 2011"]);
    expect(view.el.querySelectorAll(".tl-item-flag")).toHaveLength(2);
    expect(view.el.querySelectorAll(".tl-claim")).toHaveLength(2);
    expect(view.el.querySelector(".tl-disagree-toggle")?.textContent).toContain("Articles disagree in 1 place");
    view.el.querySelector<HTMLButtonElement>(".tl-item-main")?.click();
    expect(opened).toEqual(["e1"]);
    const canvas = view.el.querySelector<HTMLCanvasElement>(".tl-canvas")!;
    expect(Number(canvas.dataset.events)).toBe(2);
    expect(canvas.getAttribute("role")).toBe("img");
    expect(canvas.getAttribute("aria-label")).toContain("2 events");
    // The pointer over the chart: find the 2011 mark by its tooltip, click it, and its passage opens.
    const chart = view.el.querySelector<HTMLElement>(".tl-chart")!;
    const at = (type: string, x: number, y: number) => chart.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true }));
    let found: [number, number] | null = null;
    for (let y = 0; y < 120 && !found; y += 2) for (let x = 0; x < 400 && !found; x += 2) {
      at("pointermove", x, y);
      if (chart.title.includes("October 2011")) found = [x, y];
    }
    expect(found).not.toBeNull();
    at("pointerdown", found![0], found![1]);
    at("pointerup", found![0], found![1]);
    expect(opened).toEqual(["e1", "e2"]);
    // One window was asked for, around the events with a margin, not the library.
    expect(store.windows).toHaveLength(1);
    const [from, to] = store.windows[0];
    expect(from).toBeLessThan(2001.75);
    expect(to).toBeGreaterThan(2011.8);
  });

  it("marks one side right, and a settled disagreement is no longer flagged", async () => {
    const view = new LibraryTimelineView({ openEvent: () => undefined });
    await view.load();
    view.el.querySelector<HTMLButtonElement>(".tl-claim .tl-mark-right")?.click();
    await flush();
    await flush();
    expect(store.verdicts).toEqual([["k1", { verdict: "right", eventId: "e1" }]]);
    expect(view.el.querySelector(".tl-claim.right")?.getAttribute("data-eid")).toBe("e1");
    expect(view.el.querySelectorAll(".tl-item-flag")).toHaveLength(0);
  });

  it("shows only the articles chosen in the library, and all again", async () => {
    const view = new LibraryTimelineView({ openEvent: () => undefined });
    view.showArticles(["b"], ["Steppe"]);
    await until(() => view.el.querySelectorAll(".tl-item-date").length === 1);
    expect(store.filters[store.filters.length - 1]?.articleIds).toEqual(["b"]);
    expect(view.el.querySelector(".tl-chip")?.textContent).toContain("Only “Steppe”");
    expect(Array.from(view.el.querySelectorAll(".tl-item-date")).map((d) => d.textContent)).toEqual(["October 2011"]);
    view.el.querySelector<HTMLButtonElement>(".tl-chip button")?.click();
    await until(() => view.el.querySelector<HTMLElement>(".tl-chip")?.hidden === true);
    expect(store.filters[store.filters.length - 1]?.articleIds).toEqual([]);
    expect(view.el.querySelector<HTMLElement>(".tl-chip")?.hidden).toBe(true);
  });

  it("keeps the chart's height while a zoom is under way and takes its own once it pauses", async () => {
    const view = new LibraryTimelineView({ openEvent: () => undefined });
    document.body.append(view.el);
    await view.load();
    const canvas = view.el.querySelector<HTMLCanvasElement>(".tl-canvas")!;
    const chart = view.el.querySelector<HTMLElement>(".tl-chart")!;
    // Two articles, two lanes.
    const tall = canvas.style.height;
    expect(parseInt(tall, 10)).toBeGreaterThan(0);
    // A wheel turn starts a zoom; lanes by tag (the articles have none: one lane) drawn during it keep the height.
    chart.dispatchEvent(new WheelEvent("wheel", { deltaY: -100, clientX: 300, clientY: 40, bubbles: true, cancelable: true }));
    view.el.querySelector<HTMLButtonElement>("[data-lanes='tag']")!.click();
    await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, 20));
    expect(canvas.style.height).toBe(tall);
    // Paused: one lane's height.
    await until(() => canvas.style.height !== tall);
    expect(parseInt(canvas.style.height, 10)).toBeLessThan(parseInt(tall, 10));
    view.el.remove();
  });

  it("makes missing timelines a batch at a time, showing how far it is, and draws again with each batch", async () => {
    let last: (b: [number, number]) => void = () => undefined;
    store.batches = [Promise.resolve([100, 200]), new Promise((r) => (last = r))];
    const view = new LibraryTimelineView({ openEvent: () => undefined });
    await view.load();
    const progress = view.el.querySelector<HTMLElement>(".tl-progress")!;
    expect(progress.hidden).toBe(false);
    expect(progress.textContent).toContain("Making timelines: 100 of 300 articles");
    const overviews = store.filters.length;
    expect(overviews).toBeGreaterThanOrEqual(1);
    // The last batch: the tab loads again (with what it made) and the progress goes away.
    last([200, 0]);
    await until(() => progress.hidden);
    expect(progress.hidden).toBe(true);
    expect(store.filters.length).toBeGreaterThan(overviews);
  });
});
