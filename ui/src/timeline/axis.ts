// The library timeline's geometry, kept pure so it is tested without a DOM:
// the visible window of years and its zoom, the ticks for a zoom level, the
// events of each lane aggregated into marks that never overlap (the
// overview strip's counts come from the core: see windowing.ts). Years
// are continuous (2001.0 = 1 January 2001, as the core's
// LibraryEvent.from/to).

export interface Window {
  /** First visible instant, in years. */
  from: number;
  /** Last visible instant, in years. */
  to: number;
}

/** The narrowest window: about three days, so a day is a visible span. */
export const MIN_SPAN = 3 / 365;
/** The widest: a thousand years, centuries apart. */
export const MAX_SPAN = 1000;

export function clampWindow(w: Window, bounds?: Window): Window {
  let span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, w.to - w.from));
  if (!Number.isFinite(span)) span = MAX_SPAN;
  const mid = (w.from + w.to) / 2;
  let from = mid - span / 2;
  if (bounds) {
    // Keep some of the events in sight: the window may not leave the data's range by more than itself.
    const lo = bounds.from - span * 0.5;
    const hi = bounds.to + span * 0.5;
    if (span >= hi - lo) from = (lo + hi) / 2 - span / 2;
    else from = Math.min(Math.max(from, lo), hi - span);
  }
  return { from, to: from + span };
}

/** Zooms by `factor` (<1 zooms in) keeping the year at `anchor` where it is. */
export function zoomAt(w: Window, factor: number, anchor: number, bounds?: Window): Window {
  const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, (w.to - w.from) * factor));
  const ratio = (anchor - w.from) / (w.to - w.from || 1);
  const from = anchor - ratio * span;
  return clampWindow({ from, to: from + span }, bounds);
}

export function pan(w: Window, years: number, bounds?: Window): Window {
  return clampWindow({ from: w.from + years, to: w.to + years }, bounds);
}

/** The window that shows every event, with a margin. */
export function fitWindow(events: readonly { from: number; to: number }[]): Window {
  if (!events.length) return clampWindow({ from: 1900, to: 2030 });
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of events) {
    lo = Math.min(lo, e.from);
    hi = Math.max(hi, e.to);
  }
  // A wider margin on the right: labels run to the right of their events.
  const margin = Math.max((hi - lo) * 0.04, 0.5);
  return clampWindow({ from: lo - margin, to: hi + margin * 3 });
}

/** The range slider's position (0 = a thousand years, 1000 = three days) for a window, and back: logarithmic. */
export function spanToSlider(span: number): number {
  const t = Math.log(MAX_SPAN / span) / Math.log(MAX_SPAN / MIN_SPAN);
  return Math.round(Math.min(1, Math.max(0, t)) * 1000);
}
export function sliderToSpan(value: number): number {
  return MAX_SPAN / Math.pow(MAX_SPAN / MIN_SPAN, value / 1000);
}

export type TickUnit = "century" | "decade" | "year" | "month" | "day";

export interface Tick {
  year: number;
  label: string;
  /** A major tick is labelled; minor ones are only lines. */
  major: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The continuous year of a calendar day (month 0-based), as the core computes it. */
export function yearOf(y: number, month = 0, day = 1): number {
  const lengths = monthLengths(y);
  let ordinal = day - 1;
  for (let m = 0; m < month; m++) ordinal += lengths[m];
  return y + ordinal / (isLeap(y) ? 366 : 365);
}

export function yearLabel(y: number): string {
  return y <= 0 ? `${1 - y} BC` : String(y);
}

function monthLengths(y: number): number[] {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
}

/** The finest unit whose ticks stay readable (about `minPx` apart). */
export function tickUnit(w: Window, width: number, minPx = 70): TickUnit {
  const pxPerYear = width / (w.to - w.from);
  if (pxPerYear / 365 >= minPx / 2) return "day";
  if (pxPerYear / 12 >= minPx * 0.6) return "month";
  if (pxPerYear >= minPx / 3) return "year";
  if (pxPerYear * 10 >= minPx / 2) return "decade";
  return "century";
}

/** The ticks of the window at its zoom level. */
export function ticks(w: Window, width: number): { unit: TickUnit; ticks: Tick[] } {
  const unit = tickUnit(w, width);
  const out: Tick[] = [];
  const first = Math.floor(w.from);
  const last = Math.ceil(w.to);
  const pxPerYear = width / (w.to - w.from);
  const inside = (at: number) => at >= w.from && at <= w.to;
  if (unit === "century" || unit === "decade" || unit === "year") {
    const step = unit === "century" ? 100 : unit === "decade" ? 10 : 1;
    // Too dense for a label on each: every fifth (or second century) is labelled, the rest are lines.
    const px = pxPerYear * step;
    const labelEvery = px >= 70 ? 1 : px * 2 >= 70 ? 2 : 5;
    for (let y = Math.floor(first / step) * step; y <= last; y += step) {
      if (!inside(y)) continue;
      const major = Math.round(y / step) % labelEvery === 0;
      out.push({ year: y, label: unit === "decade" && y > 0 ? `${y}s` : yearLabel(y), major });
    }
  } else {
    for (let y = first; y <= last; y++) {
      const lengths = monthLengths(y);
      for (let m = 0; m < 12; m++) {
        if (unit === "month") {
          const at = yearOf(y, m);
          if (inside(at)) out.push({ year: at, label: m === 0 ? yearLabel(y) : MONTHS[m], major: true });
          continue;
        }
        for (let d = 1; d <= lengths[m]; d++) {
          const at = yearOf(y, m, d);
          if (inside(at)) out.push({ year: at, label: d === 1 ? `${MONTHS[m]} ${y}` : String(d), major: true });
        }
      }
    }
  }
  return { unit, ticks: out };
}

/** What the lanes need of an event. */
export interface Placeable {
  from: number;
  to: number;
  lane: number;
}

export type Mark =
  /** One event: a span (`w` px wide) or, narrower than a few pixels, a point. */
  | { kind: "event"; index: number; lane: number; x: number; w: number; point: boolean; labelled: boolean; room: number }
  /** Events too close to tell apart at this zoom, drawn as one badge with their count. */
  | { kind: "cluster"; indices: number[]; lane: number; x: number; w: number; from: number; to: number };

export interface Aggregation {
  marks: Mark[];
  /** Events in the window (not clipped away). */
  visible: number;
}

/** Spans narrower than this are drawn as points. */
const POINT_PX = 4;

/**
 * The marks of each lane at this zoom: events outside the window are left
 * out; events whose marks would come closer than `minGap` pixels merge into
 * a cluster with their count; an event gets its label only where the label
 * (about `labelPx` wide) fits before the next mark. Work is linear in the
 * events given after sorting, whatever the zoom.
 */
/** Whether `list` is already sorted by `cmp`. */
function inOrder<T>(list: readonly T[], cmp: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (cmp(list[i - 1], list[i]) > 0) return false;
  return true;
}

export function aggregate(events: readonly Placeable[], w: Window, width: number, opts: { minGap?: number; labelPx?: number } = {}): Aggregation {
  const minGap = opts.minGap ?? 10;
  const labelPx = opts.labelPx ?? 120;
  const scale = width / (w.to - w.from);
  const x = (y: number) => (y - w.from) * scale;
  const byLane = new Map<number, number[]>();
  let visible = 0;
  events.forEach((e, i) => {
    if (e.to < w.from || e.from > w.to) return;
    visible++;
    const lane = byLane.get(e.lane);
    if (lane) lane.push(i);
    else byLane.set(e.lane, [i]);
  });
  const marks: Mark[] = [];
  const byStart = (a: number, b: number) => events[a].from - events[b].from || events[b].to - events[a].to;
  for (const [lane, idx] of byLane) {
    // The store sends a window's events in this order: checking it is cheaper than sorting on every frame.
    if (!inOrder(idx, byStart)) idx.sort(byStart);
    // Runs of events that start within minGap of the run's last start form one cluster.
    let run: number[] = [];
    let runEnd = -Infinity;
    const flush = () => {
      if (!run.length) return;
      if (run.length === 1) {
        const e = events[run[0]];
        const x0 = Math.max(x(e.from), -2);
        const x1 = Math.min(x(e.to), width + 2);
        const w0 = x1 - x0;
        marks.push({ kind: "event", index: run[0], lane, x: x0, w: Math.max(w0, 0), point: w0 < POINT_PX, labelled: false, room: 0 });
      } else {
        let from = Infinity;
        let to = -Infinity;
        for (const i of run) {
          from = Math.min(from, events[i].from);
          to = Math.max(to, events[i].to);
        }
        const x0 = Math.max(x(from), -2);
        marks.push({ kind: "cluster", indices: [...run], lane, x: x0, w: Math.max(Math.min(x(to), width + 2) - x0, 0), from, to });
      }
      run = [];
    };
    for (const i of idx) {
      const start = x(events[i].from);
      if (run.length && start - runEnd >= minGap) flush();
      run.push(i);
      // A long span does not swallow what starts inside it: only starts are compared.
      runEnd = start;
    }
    flush();
  }
  // Labels: an event is labelled when the next mark in its lane starts far enough to the right.
  const lanes = new Map<number, Mark[]>();
  for (const m of marks) {
    const list = lanes.get(m.lane);
    if (list) list.push(m);
    else lanes.set(m.lane, [m]);
  }
  const byX = (a: Mark, b: Mark) => a.x - b.x;
  for (const list of lanes.values()) {
    if (!inOrder(list, byX)) list.sort(byX);
    list.forEach((m, k) => {
      if (m.kind !== "event") return;
      const next = list[k + 1];
      // Up to the next mark, or the chart's right edge.
      const room = Math.min(next ? next.x : width, width) - m.x;
      m.room = Math.max(0, room);
      m.labelled = room >= Math.min(labelPx, width - m.x) && room >= 60;
    });
  }
  return { marks, visible };
}
