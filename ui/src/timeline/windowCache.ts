// The windows of the library timeline the tab has fetched, kept so that a
// zoom or a pan redraws at once from data in hand while what is missing is
// fetched off the frame: the events of a few windows (each complete: at
// most FETCH_LIMIT events), and counts per slice of a few more for the
// zoom levels too crowded to draw each event. Pure (no DOM, no IPC):
// the view asks `need` what to fetch and `draw` what to draw; `Coalescer`
// keeps one request in flight, the latest waiting behind it.
import type { Window } from "./axis";
import { FETCH_LIMIT, fetchRange, slicesFor } from "./windowing";

/** A fetched window's events: `data` is whatever the view keeps of them. */
export interface EventsEntry<E> {
  range: Window;
  data: E;
}

export interface CountsEntry {
  range: Window;
  counts: number[];
  /** Years per slice. */
  slice: number;
}

/** What to draw for a view: its events (complete for the view), or counts per slice. */
export type Drawable<E> = { kind: "events"; entry: EventsEntry<E> } | { kind: "counts"; entry: CountsEntry } | { kind: "none" };

/** What to fetch for a view. */
export type Need = { kind: "events"; range: Window } | { kind: "counts"; range: Window; slices: number } | null;

const covers = (r: Window, w: Window) => r.from <= w.from && r.to >= w.to;
const overlap = (r: Window, w: Window) => Math.max(0, Math.min(r.to, w.to) - Math.max(r.from, w.from));

/** Counts this far from the wanted slice width (a factor either way) are redrawn as they are but fetched again. */
const SLICE_TOLERANCE = 1.8;

export class WindowCache<E> {
  private events: EventsEntry<E>[] = [];
  private counts: CountsEntry[] = [];

  constructor(
    /** The filter's counts over its whole span (the overview strip's): the estimate of last resort. */
    private strip: CountsEntry | undefined = undefined,
    private readonly keep = 6,
  ) {}

  setStrip(strip: CountsEntry | undefined): void {
    this.strip = strip;
  }

  addEvents(e: EventsEntry<E>): void {
    this.events = [e, ...this.events.filter((x) => !covers(e.range, x.range))].slice(0, this.keep);
  }

  addCounts(c: CountsEntry): void {
    this.counts = [c, ...this.counts.filter((x) => !(covers(c.range, x.range) && Math.abs(Math.log(x.slice / c.slice)) < 0.01))].slice(0, this.keep);
  }

  clear(): void {
    this.events = [];
    this.counts = [];
    this.strip = undefined;
  }

  /** Events fetched for a range that covers the view, the most recent first. */
  eventsFor(view: Window): EventsEntry<E> | undefined {
    return this.events.find((e) => covers(e.range, view));
  }

  /** Counts over the view, the slices nearest `slice` years wide first; the strip's when nothing finer is in hand. */
  countsFor(view: Window, slice: number): CountsEntry | undefined {
    let best: CountsEntry | undefined;
    let bestScore = Infinity;
    for (const c of this.counts) {
      if (!covers(c.range, view)) continue;
      const score = Math.abs(Math.log(c.slice / slice));
      if (score < bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) return best;
    return this.strip && overlap(this.strip.range, view) > 0 ? this.strip : undefined;
  }

  /** Whether counts in hand (the strip's too) cover the view at about the slice width it wants. */
  private countsServe(view: Window, width: number): boolean {
    const wanted = wantedSlice(view, width);
    const fits = (x: CountsEntry) => covers(x.range, view) && Math.abs(Math.log(x.slice / wanted)) <= Math.log(SLICE_TOLERANCE);
    return this.counts.some(fits) || (!!this.strip && fits(this.strip));
  }

  /** About how many events `range` holds, from the finest counts in hand that cover it (Infinity when unknown). */
  estimate(range: Window): number {
    const sources = [...this.counts, ...(this.strip ? [this.strip] : [])].filter((c) => covers(c.range, range) || c === this.strip);
    if (!sources.length) return Infinity;
    const c = sources.reduce((a, b) => (b.slice < a.slice ? b : a));
    let n = 0;
    c.counts.forEach((count, i) => {
      const from = c.range.from + i * c.slice;
      if (from + c.slice > range.from && from < range.to) n += count;
    });
    return n;
  }

  /**
   * What to draw for `view` now: its events when a fetched window covers
   * it, else counts (the nearest zoom level's, or the strip's), else nothing.
   */
  draw(view: Window, width: number): Drawable<E> {
    const e = this.eventsFor(view);
    if (e) return { kind: "events", entry: e };
    const c = this.countsFor(view, wantedSlice(view, width));
    return c ? { kind: "counts", entry: c } : { kind: "none" };
  }

  /** What to fetch so that `view` is drawn as it should be; null when what is in hand serves it. */
  need(view: Window, width: number): Need {
    if (this.eventsFor(view)) return null;
    const range = fetchRange(view);
    if (this.estimate(range) <= FETCH_LIMIT * 1.2) return { kind: "events", range };
    if (this.countsServe(view, width)) return null;
    return { kind: "counts", range, slices: slicesFor(range, view, width) };
  }
}

/** Years per density slice at this zoom (about SLICE_PX pixels). */
export function wantedSlice(view: Window, width: number): number {
  const range = fetchRange(view);
  return (range.to - range.from) / slicesFor(range, view, width);
}

/** Whether two needs ask for the same thing. */
export function sameNeed(a: Need, b: Need): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind || a.range.from !== b.range.from || a.range.to !== b.range.to) return false;
  return a.kind === "events" || (b.kind === "counts" && a.slices === b.slices);
}

/**
 * One request in flight at a time; a request made meanwhile waits, and a
 * newer one replaces it (zoom and pan ask many times a second: only the
 * latest view matters). Every answer is handed on, however old: it goes
 * into the cache, where it may still serve.
 */
export class Coalescer<Req, Res> {
  private busy = false;
  private waiting: { req: Req } | null = null;
  private generation = 0;

  constructor(
    private readonly fetch: (r: Req) => Promise<Res>,
    private readonly deliver: (res: Res, req: Req) => void,
    private readonly fail: (e: unknown) => void,
  ) {}

  request(req: Req): void {
    if (this.busy) {
      this.waiting = { req };
      return;
    }
    this.run(req);
  }

  /** Drops what waits and the answer under way (a new filter). */
  cancel(): void {
    this.generation++;
    this.waiting = null;
  }

  get idle(): boolean {
    return !this.busy && !this.waiting;
  }

  private run(req: Req): void {
    this.busy = true;
    const generation = this.generation;
    this.fetch(req).then(
      (res) => {
        if (generation === this.generation) this.deliver(res, req);
        this.next();
      },
      (e) => {
        if (generation === this.generation) this.fail(e);
        this.next();
      },
    );
  }

  private next(): void {
    this.busy = false;
    const w = this.waiting;
    this.waiting = null;
    if (w) this.run(w.req);
  }
}
