// Which margin note cards exist: those placed within the visible part of the
// margin plus a screen above and below, and those that must stay (the open
// editor, the focused note, a card holding keyboard focus). Pure.

export interface PlacedBox {
  top: number;
  height: number;
}

/** Indices `first..last` (inclusive; empty when first > last) of the boxes within `from..to`. */
export interface Span {
  first: number;
  last: number;
}

/**
 * The boxes overlapping `from..to`, for boxes sorted by top that do not
 * overlap (as layoutNotes places them): their bottoms are sorted too, so two
 * binary searches answer in O(log n) — cheap enough for every scrolled frame.
 */
export function nearSpan(boxes: readonly PlacedBox[], from: number, to: number): Span {
  // The first box whose bottom reaches `from`.
  let lo = 0;
  let hi = boxes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boxes[mid].top + boxes[mid].height < from) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // The last box whose top is at or above `to`.
  lo = first;
  hi = boxes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boxes[mid].top <= to) lo = mid + 1;
    else hi = mid;
  }
  return { first, last: lo - 1 };
}

/** The visible part of the margin widened by one screen above and one below. */
export function nearRange(visibleTop: number, visibleHeight: number): { from: number; to: number } {
  return { from: visibleTop - visibleHeight, to: visibleTop + 2 * visibleHeight };
}

/** The ids to build: those of `placed` (in placed order) in `span`, then those kept whatever their place. */
export function wantedIds(placed: readonly { id: string }[], span: Span, keep: readonly (string | null)[]): Set<string> {
  const wanted = new Set<string>();
  for (let i = Math.max(0, span.first); i <= Math.min(span.last, placed.length - 1); i++) wanted.add(placed[i].id);
  for (const id of keep) if (id !== null) wanted.add(id);
  return wanted;
}
