// Where the timeline's rows sit in its list and what stands in for the rows
// not built: the list holds the built rows in order with spacers between
// them, each spacer as tall as the rows it stands for, so the list is as
// tall as the whole list would be. Which rows are built is decided with the
// margin cards' window (cardWindow.ts). Pure.
import type { PlacedBox } from "./cardWindow";

/** The rows stacked top to bottom from their heights; and where the last ends. */
export function stackRows(heights: readonly number[]): { boxes: PlacedBox[]; total: number } {
  const boxes: PlacedBox[] = [];
  let top = 0;
  for (const height of heights) {
    boxes.push({ top, height });
    top += height;
  }
  return { boxes, total: top };
}

/** A built row (its index) or a spacer's height. */
export type Slot = { row: number } | { spacer: number };

/**
 * The list's children for the built rows `built` (indices, ascending): each
 * run of built rows, with a spacer before a run for the rows above it that
 * are not built, and one after the last for the rest.
 */
export function slots(built: readonly number[], boxes: readonly PlacedBox[], total: number): Slot[] {
  const out: Slot[] = [];
  let end = 0;
  for (const i of built) {
    const box = boxes[i];
    if (box.top > end) out.push({ spacer: box.top - end });
    out.push({ row: i });
    end = box.top + box.height;
  }
  if (total > end) out.push({ spacer: total - end });
  return out;
}

/**
 * The scroll position that shows a box of the list: unchanged when it is in
 * view already, otherwise with the box in the middle of the view. `offset`
 * is where the list starts in the scroller's content.
 */
export function scrollToShow(box: PlacedBox, offset: number, scrollTop: number, viewHeight: number): number {
  const top = offset + box.top;
  if (top >= scrollTop && top + box.height <= scrollTop + viewHeight) return scrollTop;
  return Math.max(0, Math.round(top - (viewHeight - box.height) / 2));
}
