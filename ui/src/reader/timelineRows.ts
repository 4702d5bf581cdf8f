// The rows of the timeline sidebar's list, worked out before any is made:
// chapter headings, year markers, "N years later" gaps and the events, in
// the order listed. The list builds only the rows near its view (see
// TimelineList), so every row is known here first, with a key that names it
// and what its height depends on. Pure, unit-tested.
import type { ChronologyWarning, TimelineEvent } from "../api";
import type { ChapterGroup } from "./timelineChapters";

export type RowKind = "chapter" | "year" | "gap" | "event";

export interface TimelineRow {
  /** Unique in the list: the event's id, or the kind and place of a heading or gap. */
  id: string;
  kind: RowKind;
  /** The heading, gap or chapter title shown (events show their own date and label). */
  text: string;
  /** A chapter's first code point and its event count. */
  start?: number;
  count?: number;
  event?: TimelineEvent;
  /** An event's warnings shown under it: the open ones, or all when dismissed ones are shown too. */
  warnings?: ChronologyWarning[];
  /** The first row has no space above it. */
  first: boolean;
  /** Its place among the rows a screen reader lists (gaps are hidden from it), from 1; 0 for a gap. */
  pos: number;
}

/** "3 years later" between two year markers' years, or null when adjacent. */
export function gapLabel(fromYear: number, toYear: number): string | null {
  const gap = toYear - fromYear;
  if (gap <= 1) return null;
  return `${gap} years later`;
}

export interface RowOptions {
  /** In date order, under year headings; otherwise as told, bare. */
  byDate: boolean;
  /** The events under their chapters' headings instead (a book grouped by chapter). */
  groups?: readonly ChapterGroup[] | null;
  /** Dismissed warnings are shown too. */
  showDismissed?: boolean;
}

/** The warnings shown under an event. */
export function shownWarnings(ev: TimelineEvent, showDismissed: boolean): ChronologyWarning[] {
  return showDismissed ? ev.warnings : ev.warnings.filter((w) => w.mark !== "dismissed");
}

/**
 * The rows of `events` (already in the order to list), or of each chapter's
 * events under its heading. By date, events go under year headings with the
 * gaps between them (no gap is counted across chapters); as told, bare.
 */
export function timelineRows(events: readonly TimelineEvent[], { byDate, groups = null, showDismissed = false }: RowOptions): TimelineRow[] {
  const rows: Omit<TimelineRow, "first" | "pos">[] = [];
  const eventRows = (list: readonly TimelineEvent[], scope: string) => {
    let lastHeading: string | null = null;
    let lastYear: number | null = null;
    for (const ev of list) {
      if (byDate) {
        const heading = ev.date.heading ?? "Undated";
        if (heading !== lastHeading) {
          const year = ev.date.year;
          if (year !== null && lastYear !== null) {
            const gap = gapLabel(lastYear, year);
            if (gap) rows.push({ id: `gap:${scope}${rows.length}`, kind: "gap", text: gap });
          }
          rows.push({ id: `year:${scope}${rows.length}`, kind: "year", text: heading });
          lastHeading = heading;
          if (year !== null) lastYear = year;
        }
      }
      rows.push({ id: ev.id, kind: "event", text: "", event: ev, warnings: shownWarnings(ev, showDismissed) });
    }
  };
  if (groups) {
    groups.forEach((group, i) => {
      rows.push({ id: `chapter:${i}`, kind: "chapter", text: group.title ?? "Before the first chapter", start: group.start, count: group.events.length });
      eventRows(group.events, `${i}:`);
    });
  } else eventRows(events, "");
  let pos = 0;
  return rows.map((r, i) => ({ ...r, first: i === 0, pos: r.kind === "gap" ? 0 : ++pos }));
}

/** How many rows a screen reader lists (all but the gaps). */
export function listedCount(rows: readonly TimelineRow[]): number {
  let n = 0;
  for (const r of rows) if (r.kind !== "gap") n++;
  return n;
}
