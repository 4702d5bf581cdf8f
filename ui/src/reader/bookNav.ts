// Moving about a book (or any long article): its table of contents, the
// chapter the reader is in, internal links, and the reading position that is
// remembered between opens. Positions are code-point offsets of the article's
// text, so they survive resizing and font changes.
import type { TocEntry } from "../bindings/TocEntry";

/** Index of the last item starting at or before `offset` (items sorted by
 * `start`), or -1 when `offset` comes before them all. */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The entry of the contents the reader is in at `offset`: the deepest one
 * starting at or before it (a section inside its chapter), or -1. */
export function currentEntry(toc: readonly TocEntry[], offset: number): number {
  let best = -1;
  for (let i = 0; i < toc.length; i++) {
    if (toc[i].start <= offset && (best < 0 || toc[i].start >= toc[best].start)) best = i;
  }
  return best;
}

/** What the reader sees at the top of the page: the text offset of the first
 * block whose bottom is below `top` (blocks in document order, with their
 * offsets and the bottoms of their boxes measured by `bottomOf`). Binary
 * search: a book has tens of thousands of blocks, and this runs on scroll. */
export function firstVisible(blocks: readonly Element[], top: number, bottomOf: (el: Element) => number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottomOf(blocks[mid]) <= top) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Calls `save` with the latest value once no new one came for `ms`, and
 * at once when flushed (the article is being closed). */
export class Debounced<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private value: T | null = null;
  constructor(
    private readonly ms: number,
    private readonly save: (value: T) => void,
  ) {}

  push(value: T): void {
    this.value = value;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.ms);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.value !== null) {
      const v = this.value;
      this.value = null;
      this.save(v);
    }
  }

  /** Drops a pending value (a new article opened). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.value = null;
  }
}
