// User Timing marks and measures for the moments a user waits on: the library
// becoming interactive, an article opening with every highlight and note drawn,
// one highlight being drawn, the margin notes being laid out. The whole-app
// benchmark (tests/bench-app) reads them through WebDriver; anyone can read
// them in the Web Inspector. Each name keeps only its latest entry, so the
// timeline never grows however long the app runs.

/** Names the benchmark reads; keep in sync with tests/bench-app/src/scenario.rs. */
export const PERF = {
  /** The library view's rows are rendered and painted (once per launch). */
  interactive: "sidenote:interactive",
  /** Phases of the start, for finding where it goes: the UI's script running, the settings answered, the library's first page listed. */
  scriptStart: "sidenote:script-start",
  settings: "sidenote:settings",
  libraryListed: "sidenote:library-listed",
  /** Open action → article, highlights and margin notes drawn and painted. */
  openStart: "sidenote:open-start",
  open: "sidenote:open",
  /** Phases of an open, for finding where its time goes: article fetched, HTML rendered, highlights drawn. */
  openFetched: "sidenote:open-fetched",
  openRendered: "sidenote:open-rendered",
  openHighlighted: "sidenote:open-highlighted",
  openListed: "sidenote:open-listed",
  openAttached: "sidenote:open-attached",
  openFrame: "sidenote:open-frame",
  /** A long article's last slice laid out (ProgressiveLayout); right at the open for others. */
  openLaidOut: "sidenote:open-laid-out",
  /** One slice of a long article shown after its first screens (ProgressiveLayout). */
  layoutSlice: "sidenote:layout-slice",
  /** A new highlight: drawing its marks, selecting it and placing the toolbar. */
  highlightDraw: "sidenote:highlight-draw",
  /** One pass of the margin note layout (measure anchors and heights, place cards). */
  notesLayout: "sidenote:notes-layout",
} as const;

/** Minimal slice of the Performance API, so tests can pass a fake. */
export interface PerfClock {
  now(): number;
  mark(name: string, options?: { startTime?: number; detail?: unknown }): unknown;
  measure(name: string, options: { start: number | string; end?: number; detail?: unknown }): unknown;
  clearMarks(name?: string): void;
  clearMeasures(name?: string): void;
}

const clock = (): PerfClock | null => (typeof performance !== "undefined" && typeof performance.measure === "function" ? performance : null);

/** Replaces the mark `name` with one at the current time. */
export function mark(name: string, perf: PerfClock | null = clock()): void {
  if (!perf) return;
  perf.clearMarks(name);
  perf.mark(name);
}

/** Replaces the measure `name` with one from `start` (a time or a mark name) to now. */
export function measure(name: string, start: number | string, detail?: unknown, perf: PerfClock | null = clock()): void {
  if (!perf) return;
  perf.clearMeasures(name);
  try {
    perf.measure(name, { start, end: perf.now(), detail });
  } catch {
    // The start mark was cleared or never set: nothing worth recording.
  }
}

/** Runs `fn` once the next frame has been rendered (rAF runs before rendering; the task after it runs after). */
export function afterNextPaint(fn: () => void, beforeRendering?: () => void): void {
  requestAnimationFrame(() => {
    beforeRendering?.();
    setTimeout(fn, 0);
  });
}

/** `performance.now()`, or 0 where there is no clock. */
export function now(perf: PerfClock | null = clock()): number {
  return perf ? perf.now() : 0;
}
