// Placing margin notes beside their passages, the way Google Docs places
// comments: each note wants to sit level with the top of its highlight; notes
// that would overlap are stacked with a gap between them; the focused note
// sits exactly level with its highlight and its neighbours move out of its way
// (those above move up, those below move down).
//
// Pure and O(n log n): the caller measures heights and desired tops, this
// decides the tops.

export interface NoteBox {
  /** Desired top: the top of the highlight, in the margin's coordinates. */
  top: number;
  height: number;
}

export interface LayoutOptions {
  /** Vertical space kept between two notes. */
  gap?: number;
  /** Index (into the notes array) of the focused note, if any. */
  focused?: number | null;
  /**
   * Bottom of notes already placed above all of these (they do not move):
   * the first note sits at least `gap` below it. Used with no focused note.
   */
  below?: number;
}

/**
 * Returns the top of each note, in the input's order. Notes keep the order of
 * their desired tops (ties keep input order), never overlap (each is at least
 * `gap` below the previous one's bottom) and never move further than needed:
 * - with no focused note, each note is at its desired top or just below the
 *   note before it;
 * - with a focused note, it is exactly at its desired top; notes below it are
 *   laid out the same way from it downwards; notes above it are laid out top
 *   down as usual, then pushed up as far as needed to clear it.
 */
export function layoutNotes(notes: readonly NoteBox[], options: LayoutOptions = {}): number[] {
  const gap = options.gap ?? 8;
  const n = notes.length;
  const order = sortedOrder(notes);
  const tops = new Array<number>(n);

  const focused = options.focused ?? null;
  const f = focused !== null && focused >= 0 && focused < n ? order.indexOf(focused) : -1;

  // Greedy top-down over everything above the focus (or over all notes).
  const greedyEnd = f >= 0 ? f : n;
  let bottom = options.below ?? -Infinity;
  for (let k = 0; k < greedyEnd; k++) {
    const note = notes[order[k]];
    const top = Math.max(note.top, bottom + gap);
    tops[order[k]] = top;
    bottom = top + note.height;
  }
  if (f < 0) return tops;

  // The focused note is pinned; those below flow down from it.
  const pinned = notes[order[f]];
  tops[order[f]] = pinned.top;
  bottom = pinned.top + pinned.height;
  for (let k = f + 1; k < n; k++) {
    const note = notes[order[k]];
    const top = Math.max(note.top, bottom + gap);
    tops[order[k]] = top;
    bottom = top + note.height;
  }
  // Those above move up only as far as they must to clear the next one down.
  let ceiling = pinned.top;
  for (let k = f - 1; k >= 0; k--) {
    const note = notes[order[k]];
    const top = Math.min(tops[order[k]], ceiling - gap - note.height);
    tops[order[k]] = top;
    ceiling = top;
  }
  return tops;
}

/** Indices of `notes` sorted by desired top; equal tops keep input order. */
function sortedOrder(notes: readonly NoteBox[]): number[] {
  const order = notes.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < notes.length && sorted; i++) sorted = notes[i - 1].top <= notes[i].top;
  if (!sorted) order.sort((a, b) => notes[a].top - notes[b].top || a - b);
  return order;
}

/** Total height the margin needs to show every note laid out at `tops`. */
export function marginHeight(notes: readonly NoteBox[], tops: readonly number[]): number {
  let h = 0;
  for (let i = 0; i < notes.length; i++) h = Math.max(h, tops[i] + notes[i].height);
  return h;
}

/** Where the placed cards end: the lowest passage and the lowest card's bottom. */
export interface Placed {
  lowestAnchor: number;
  bottom: number;
}

/** The extent of cards at `tops`, merged with an earlier extent. */
export function extent(boxes: readonly { top: number; height: number }[], tops: readonly number[], prior?: Placed): Placed {
  let lowestAnchor = prior?.lowestAnchor ?? -Infinity;
  let bottom = prior?.bottom ?? -Infinity;
  boxes.forEach((b, i) => {
    lowestAnchor = Math.max(lowestAnchor, b.top);
    bottom = Math.max(bottom, tops[i] + b.height);
  });
  return { lowestAnchor, bottom };
}
