// The height a timeline row will have before it is built: the sidebar's
// list builds only the rows near its view and stands the others in with
// their heights (so the list is as tall as it would be, and its scroll bar
// honest), estimated until a row is built and measured. Pure; the numbers
// follow timeline.css (a row's space above it is its margin-top, counted in
// its height: the list stops margins from collapsing).
import type { ChronologyWarning } from "../api";
import { wrappedLines } from "./cardHeight";
import type { TimelineRow } from "./timelineRows";

/** The list's measures, read when it is laid out. */
export interface RowMetrics {
  /** The list's width (`clientWidth`, its left padding included), px. */
  width: number;
}

/** The list's width in a sidebar at its usual size, for estimates made before it is laid out. */
export const DEFAULT_WIDTH = 250;
/** `--text-sm` and `--text-xs`; a chapter's title is set at `--text-md`. */
const FONT = 13;
const SMALL = 11.5;
const CHAPTER_FONT = 14;
/** The body's line-height; a label's (`.timeline-label`); a warning's. */
const LEADING = 1.45;
const LABEL_LEADING = 1.35;
const WARNING_LEADING = 1.4;
/** `.timeline-list`'s left padding and border. */
const LIST_INSET = 14 + 2;
/** `.timeline-main`'s padding: `--space-1` above and below, `--space-2` on each side. */
const BUTTON_Y = 8;
const BUTTON_X = 16;
/** Room kept on the date's line for the Edit and Hide buttons. */
const DATE_ROOM = 52;
/** Space above each kind of row (`margin-top`), and a chapter's padding and rule. */
const ABOVE = { event: 4, year: 12, gap: 8, chapter: 16 + 8 + 1 } as const;
/** A warning block's margins, padding and left border; its verdict row. */
const WARNING_Y = 2 + 4 + 8;
const WARNING_X = 16 + 16 + 2;
const VERDICT = 4 + 22;

/** Lines `text` wraps onto in `width` px at `fontSize`. */
function lines(text: string, width: number, fontSize: number): number {
  return wrappedLines(text.length, width, fontSize);
}

/** Estimated height of a row, with the space above it. */
export function estimateRowHeight(row: TimelineRow, m: RowMetrics): number {
  const width = Math.max(40, (m.width || DEFAULT_WIDTH) - LIST_INSET);
  const above = row.first ? 0 : ABOVE[row.kind];
  switch (row.kind) {
    case "year":
      return Math.round(above + FONT * LEADING);
    case "gap":
      return Math.round(above + SMALL * LEADING);
    case "chapter":
      return Math.round(above + lines(row.text, width - 60, CHAPTER_FONT) * CHAPTER_FONT * LEADING);
    case "event": {
      const ev = row.event;
      const inner = width - BUTTON_X;
      const date = lines(ev?.date.label ?? "", inner - DATE_ROOM, FONT) * FONT * LEADING;
      const label = lines(ev?.label ?? "", inner, FONT) * FONT * LABEL_LEADING;
      let warnings = 0;
      for (const w of row.warnings ?? []) warnings += warningHeight(w, width - WARNING_X);
      return Math.round(above + BUTTON_Y + date + label + warnings);
    }
  }
}

/** A warning block: its reason, message, evidence dates (one a line) and verdict. */
function warningHeight(w: ChronologyWarning, width: number): number {
  const line = SMALL * WARNING_LEADING;
  const dates = w.evidence.dates.length;
  const text = 1 + lines(w.message, width, SMALL) + (dates ? 1 + dates : 0);
  return WARNING_Y + text * line + VERDICT;
}

/** What a row's measured height holds for: another row with the same key has the same height at the same width. */
export function heightKey(row: TimelineRow): string {
  const first = row.first ? "^" : "";
  if (row.kind !== "event" || !row.event) return `${row.kind}${first}|${row.text}|${row.count ?? ""}`;
  const ev = row.event;
  const warnings = (row.warnings ?? []).map((w) => `${w.kind}:${w.mark ?? ""}:${w.message}:${w.evidence.dates.map((d) => d.label || d.value).join(",")}`).join(";");
  return `event${first}|${ev.id}|${ev.date.label}|${ev.label}|${warnings}`;
}
