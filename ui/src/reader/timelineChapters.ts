// The timeline grouped by chapter, for an article with a table of contents
// (a book). Pure, unit-tested; the sidebar renders the groups.
import type { TimelineEvent } from "../api";
import type { TocEntry } from "../bindings/TocEntry";

export interface ChapterGroup {
  /** The chapter's title, or null for events before the first chapter. */
  title: string | null;
  /** The chapter's first code point (0 before the first chapter). */
  start: number;
  events: TimelineEvent[];
}

/**
 * The chapters of a table of contents: its top-level entries (a book lists
 * chapters at its shallowest level, sections below them), in text order.
 * The same rule as the exports' (`ArticleNotes::chapter_of`).
 */
export function chaptersOf(toc: readonly TocEntry[]): TocEntry[] {
  if (!toc.length) return [];
  const top = Math.min(...toc.map((e) => e.level));
  return toc.filter((e) => e.level === top).sort((a, b) => a.start - b.start);
}

/** The index in `chapters` of the chapter holding `offset`, or -1 before the first. */
export function chapterIndexAt(chapters: readonly TocEntry[], offset: number): number {
  let lo = 0;
  let hi = chapters.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chapters[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * `events` under the chapters they are mentioned in, chapters in text order
 * and only those with events; each group keeps the order `events` came in
 * (date order or as told).
 */
export function groupByChapter(events: readonly TimelineEvent[], toc: readonly TocEntry[]): ChapterGroup[] {
  const chapters = chaptersOf(toc);
  const groups = new Map<number, ChapterGroup>();
  for (const ev of events) {
    const i = chapterIndexAt(chapters, ev.start);
    let group = groups.get(i);
    if (!group) {
      group = i < 0 ? { title: null, start: 0, events: [] } : { title: chapters[i].title, start: chapters[i].start, events: [] };
      groups.set(i, group);
    }
    group.events.push(ev);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}
