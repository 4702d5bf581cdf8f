// The library timeline a window at a time (issue 20), kept pure so it is
// tested without the app: which years to fetch around the visible window
// (with a margin, so a short pan needs nothing new), when the loaded data
// no longer serves the view (moved outside it, or a crowded zoom level whose
// counts no longer fit), how many density slices a width needs, the bars of
// a density, and the list's "Show N more of M". The view asks the core for
// those windows; a debounced loader drops answers that a newer request made
// stale.
import type { Window } from "./axis";
import { formatNumber } from "../lib/format";

/** At most this many events are fetched for one window; past it the chart draws counts. */
export const FETCH_LIMIT = 2000;
/** The list below the chart shows this many more events at a time. */
export const LIST_PAGE = 200;
/** Pixels per density slice in the chart and in the overview strip. */
export const SLICE_PX = 6;
export const OVERVIEW_SLICE_PX = 4;
const MAX_SLICES = 4096;

/** The years to fetch for a visible window: the window and `margin` of its span on each side. */
export function fetchRange(w: Window, margin = 0.5): Window {
  const span = w.to - w.from;
  return { from: w.from - span * margin, to: w.to + span * margin };
}

/** What a fetch brought, as far as deciding whether to fetch again is concerned. */
export interface Loaded {
  range: Window;
  /** Events in the range (all pages). */
  total: number;
  /** The span of the visible window when it was fetched. */
  span: number;
}

/** Too many events in the range to draw each: the chart draws counts per slice. */
export function isCrowded(l: Pick<Loaded, "total">): boolean {
  return l.total > FETCH_LIMIT;
}

/**
 * Whether the loaded data still serves the visible window: it must cover
 * the window, and when it was crowded (counts per slice) the zoom must not
 * have changed so much that the slices are far too wide or too narrow.
 */
export function serves(l: Loaded | undefined, w: Window): boolean {
  if (!l) return false;
  if (w.from < l.range.from || w.to > l.range.to) return false;
  if (!isCrowded(l)) return true;
  const ratio = (w.to - w.from) / l.span;
  return ratio > 0.6 && ratio < 1.6;
}

/** How many slices of `px` pixels `range` takes at the zoom of the visible window `w` drawn `width` pixels wide. */
export function slicesFor(range: Window, w: Window, width: number, px = SLICE_PX): number {
  const pxPerYear = width / (w.to - w.from);
  const n = Math.round(((range.to - range.from) * pxPerYear) / px);
  return Math.min(MAX_SLICES, Math.max(1, n));
}

export interface Bar {
  /** Index of the slice. */
  index: number;
  /** Left edge and width, in pixels of the view. */
  x: number;
  w: number;
  /** The years the slice covers. */
  from: number;
  to: number;
  count: number;
}

/** The non-empty slices of a density (`counts` equal slices of `domain`) that fall in the visible window, in pixels. */
export function bars(counts: readonly number[], domain: Window, w: Window, width: number): Bar[] {
  const out: Bar[] = [];
  const slice = (domain.to - domain.from) / (counts.length || 1);
  const scale = width / (w.to - w.from);
  counts.forEach((count, index) => {
    if (!count) return;
    const from = domain.from + index * slice;
    const to = from + slice;
    if (to < w.from || from > w.to) return;
    const x0 = Math.max((from - w.from) * scale, 0);
    const x1 = Math.min((to - w.from) * scale, width);
    out.push({ index, x: x0, w: Math.max(x1 - x0, 1), from, to, count });
  });
  return out;
}

/** A bar's height for `count`, out of `max`, in `height` pixels: by square root, so a few events still show beside many. */
export function barHeight(count: number, max: number, height: number): number {
  if (!count) return 0;
  return Math.max(2, (Math.sqrt(count) / Math.sqrt(Math.max(1, max))) * height);
}

/** The list's button: how many the next page adds, of how many are left to show (null when all are shown). */
export function moreLabel(shown: number, total: number, page = LIST_PAGE): string | null {
  const left = total - shown;
  if (left <= 0) return null;
  return `Show ${formatNumber(Math.min(page, left))} more of ${formatNumber(left)}`;
}

/**
 * Runs the latest request after `delay` ms of quiet and hands on only the
 * answer of the latest one: zoom and pan ask many times a second, and an
 * answer that arrives after a newer request was made is dropped.
 */
export class LatestOnly<Req, Res> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    private readonly fetch: (r: Req) => Promise<Res>,
    private readonly deliver: (res: Res, req: Req) => void,
    private readonly fail: (e: unknown) => void,
    private readonly delay = 120,
  ) {}

  /** Asks for `req` after the delay (replacing a request still waiting); `now` skips the wait. */
  request(req: Req, now = false): void {
    const seq = ++this.seq;
    clearTimeout(this.timer);
    const run = () => {
      this.timer = undefined;
      this.fetch(req).then(
        (res) => {
          if (seq === this.seq) this.deliver(res, req);
        },
        (e) => {
          if (seq === this.seq) this.fail(e);
        },
      );
    };
    if (now) run();
    else this.timer = setTimeout(run, this.delay);
  }

  /** Forgets what is waiting or under way: its answer will be dropped. */
  cancel(): void {
    this.seq++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }
}
