// What the Timeline tab's chart draws in one frame, as plain data: the
// lanes, the axis, each mark (a point, a span, a badge with a count, a bar
// of counts) and its label, and the boxes the pointer hits. Pure, so the
// layout and the hit-testing are tested without a canvas; chartCanvas.ts
// paints a scene, and the view answers the pointer with `hitAt`.
import { aggregate, ticks, type Placeable, type TickUnit, type Window } from "./axis";
import { barHeight, bars } from "./windowing";
import { formatCount, formatNumber } from "../lib/format";

export const LANE_H = 34;
export const AXIS_H = 26;
export const LANE_LABEL_W = 150;
/** Rows of the chart when it draws counts instead of events. */
export const CROWDED_LANES = 4;
/** Labels are cut to about this many pixels per character (the UI font at 12 px). */
const CHAR_PX = 6.6;

/** What the chart needs to know of an event to draw it. */
export interface SceneEvent {
  id: string;
  label: string;
  /** "June 2001": the tooltip and the screen reader's summary. */
  date: string;
  title: string;
  /** A decade or a century: drawn faint. */
  faint: boolean;
  flagged: boolean;
  highlighted: boolean;
}

export type Target = { kind: "event"; event: number } | { kind: "zoom"; from: number; to: number };

export type Shape =
  | { k: "lane"; y: number; h: number; odd: boolean }
  | { k: "laneName"; x: number; y: number; text: string; note?: boolean }
  | { k: "grid"; x: number; y0: number; y1: number; major: boolean }
  | { k: "tick"; x: number; y: number; text: string }
  | { k: "point"; x: number; y: number; color: number; flagged: boolean; faint: boolean }
  | { k: "span"; x: number; y: number; w: number; h: number; color: number; flagged: boolean; faint: boolean }
  | { k: "highlight"; x: number; y: number }
  | { k: "flag"; x: number; y: number }
  | { k: "label"; x: number; y: number; text: string }
  | { k: "cluster"; x: number; y: number; w: number; h: number; text: string }
  | { k: "bar"; x: number; y: number; w: number; h: number };

/** A box the pointer hits, in CSS pixels of the chart, with what it does (its tooltip: `hitTitle`). */
export interface Hit {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  target: Target;
  /** How many events a zoom target holds. */
  count?: number;
}

/**
 * The tooltip of a hit box, made when the pointer is over it: made for every
 * mark on every frame of a zoom, the strings (and the number formatting in
 * them) were a share of each frame. `events` are the scene's (empty for counts).
 */
export function hitTitle(hit: Hit, events: readonly SceneEvent[]): string {
  if (hit.target.kind === "event") {
    const ev = events[hit.target.event];
    return ev ? `${ev.date}: ${ev.label} — ${ev.title}` : "";
  }
  return `${formatCount(hit.count ?? 0, "event")} — click to zoom in`;
}

export interface Scene {
  width: number;
  height: number;
  shapes: Shape[];
  /** In drawing order: the last one is on top. */
  hits: Hit[];
  unit: TickUnit;
  /** For the canvas's text alternative. */
  summary: string;
  /** Counts of what was drawn (tests and the screen reader's summary read them). */
  events: number;
  clusters: number;
  bars: number;
}

export function truncate(text: string, px: number): string {
  const chars = Math.floor(px / CHAR_PX);
  if (chars < 4) return "";
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** The axis's grid lines and labels for the window, into `shapes`. */
function axis(shapes: Shape[], win: Window, plot: number, height: number): { unit: TickUnit; first: string; last: string } {
  const scale = plot / (win.to - win.from);
  const found = ticks(win, plot);
  for (const t of found.ticks) {
    const x = LANE_LABEL_W + (t.year - win.from) * scale;
    shapes.push({ k: "grid", x, y0: AXIS_H - 6, y1: height, major: t.major });
    if (t.major) shapes.push({ k: "tick", x: x + 3, y: AXIS_H - 10, text: t.label });
  }
  const tk = found.ticks;
  return { unit: found.unit, first: tk[0]?.label ?? "", last: tk[tk.length - 1]?.label ?? "" };
}

export interface EventsInput {
  win: Window;
  /** The whole chart's width in CSS pixels, lane names included. */
  width: number;
  lanes: readonly { name: string; count: number }[];
  /** One per (event, lane); `event` indexes `events`. */
  items: readonly (Placeable & { event: number; color: number })[];
  events: readonly SceneEvent[];
  /** At least this tall (the height held while the reader zooms or pans). */
  minHeight?: number;
}

/** The chart with each event drawn: lanes, marks at their precision, labels where they fit, crowded runs as counts. */
export function eventScene(input: EventsInput): Scene {
  const { win, width, lanes, items, events } = input;
  const plot = Math.max(1, width - LANE_LABEL_W);
  const height = Math.max(input.minHeight ?? 0, AXIS_H + Math.max(1, lanes.length) * LANE_H + 6);
  const shapes: Shape[] = [];
  const hits: Hit[] = [];
  lanes.forEach((_, i) => shapes.push({ k: "lane", y: AXIS_H + i * LANE_H, h: LANE_H, odd: i % 2 === 1 }));
  const ax = axis(shapes, win, plot, height);
  lanes.forEach((lane, i) => shapes.push({ k: "laneName", x: 8, y: AXIS_H + i * LANE_H + LANE_H / 2 + 4, text: truncate(lane.name, LANE_LABEL_W - 14) }));
  const { marks } = aggregate(items, win, plot, { minGap: 12, labelPx: 110 });
  let drawnEvents = 0;
  let clusters = 0;
  for (const m of marks) {
    const cy = AXIS_H + m.lane * LANE_H + LANE_H / 2;
    const x0 = LANE_LABEL_W + m.x;
    if (m.kind === "cluster") {
      const n = m.indices.length;
      const text = formatNumber(n);
      const w = Math.max(22, m.w, 10 + text.length * 7);
      shapes.push({ k: "cluster", x: x0, y: cy - 9, w, h: 18, text });
      hits.push({ x0, y0: cy - 9, x1: x0 + w, y1: cy + 9, target: { kind: "zoom", from: m.from, to: m.to }, count: n });
      clusters++;
      continue;
    }
    const item = items[m.index];
    const ev = events[item.event];
    drawnEvents++;
    if (m.point) {
      const x = x0 + m.w / 2;
      shapes.push({ k: "point", x, y: cy, color: item.color, flagged: ev.flagged, faint: ev.faint });
      hits.push({ x0: x - 7, y0: cy - 8, x1: x + 7, y1: cy + 8, target: { kind: "event", event: item.event } });
    } else {
      const w = Math.max(m.w, 2);
      shapes.push({ k: "span", x: x0, y: cy - 5, w, h: 10, color: item.color, flagged: ev.flagged, faint: ev.faint });
      hits.push({ x0: x0 - 2, y0: cy - 8, x1: x0 + w + 2, y1: cy + 8, target: { kind: "event", event: item.event } });
    }
    if (ev.highlighted) shapes.push({ k: "highlight", x: x0, y: cy - 9 });
    if (ev.flagged) shapes.push({ k: "flag", x: x0 - 2, y: cy - 8 });
    if (m.labelled) {
      const text = truncate(ev.label, Math.min(m.room - 12, 320));
      if (text) shapes.push({ k: "label", x: x0 + (m.point ? 9 : 4), y: cy + (m.point ? 4 : 18), text });
    }
  }
  const summary = `Timeline from ${ax.first} to ${ax.last}, by ${ax.unit}: ${formatNumber(drawnEvents)} ${drawnEvents === 1 ? "event" : "events"}${clusters ? ` and ${formatNumber(clusters)} groups too close to tell apart` : ""} in ${lanes.length} ${lanes.length === 1 ? "lane" : "lanes"}; the list below holds the same events`;
  return { width, height, shapes, hits, unit: ax.unit, summary, events: drawnEvents, clusters, bars: 0 };
}

export interface CountsInput {
  win: Window;
  width: number;
  /** Equal slices of `domain`, each with its count. */
  counts: readonly number[];
  domain: Window;
  /** At least this tall (the height held while the reader zooms or pans). */
  minHeight?: number;
}

/** A window too crowded to draw each event: the number of events per slice of time, as bars; a bar zooms in. */
export function countScene(input: CountsInput): Scene {
  const { win, width, counts, domain } = input;
  const plot = Math.max(1, width - LANE_LABEL_W);
  const height = Math.max(input.minHeight ?? 0, AXIS_H + CROWDED_LANES * LANE_H + 6);
  const shapes: Shape[] = [{ k: "lane", y: AXIS_H, h: CROWDED_LANES * LANE_H, odd: false }];
  const hits: Hit[] = [];
  const ax = axis(shapes, win, plot, height);
  shapes.push({ k: "laneName", x: 8, y: AXIS_H + 18, text: "All events" }, { k: "laneName", x: 8, y: AXIS_H + 36, text: "zoom in to see each", note: true });
  const shown = bars(counts, domain, win, plot);
  let max = 1;
  let inView = 0;
  for (const b of shown) {
    max = Math.max(max, b.count);
    inView += b.count;
  }
  const area = CROWDED_LANES * LANE_H - 10;
  const base = AXIS_H + CROWDED_LANES * LANE_H - 2;
  for (const b of shown) {
    const h = barHeight(b.count, max, area);
    const x = LANE_LABEL_W + b.x;
    const w = Math.max(1, b.w - 1);
    shapes.push({ k: "bar", x, y: base - h, w, h });
    // A slice is a few pixels: a click zooms to it and its neighbours; the whole column answers.
    const reach = (b.to - b.from) * 8;
    hits.push({ x0: x, y0: AXIS_H, x1: x + Math.max(w, 3), y1: base, target: { kind: "zoom", from: b.from - reach, to: b.to + reach }, count: b.count });
  }
  const summary = `Timeline from ${ax.first} to ${ax.last}, by ${ax.unit}: about ${formatNumber(inView)} events, too many to draw one by one, drawn as counts per slice of time; the list below holds them`;
  return { width, height, shapes, hits, unit: ax.unit, summary, events: 0, clusters: 0, bars: shown.length };
}

/** What the pointer at (x, y) is over: the topmost hit box holding it, or null. */
export function hitAt(hits: readonly Hit[], x: number, y: number): Hit | null {
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i];
    if (x >= h.x0 && x <= h.x1 && y >= h.y0 && y <= h.y1) return h;
  }
  return null;
}
