// The timeline's dock sits beside the scroller, not over it (issue 24): a
// wheel turned over the dock's empty part would reach no scrolling box and
// do nothing, where the article used to scroll. This hands such wheels on.

/** Pixels one wheel event means, from its delta mode (pixels, lines, pages). */
export function wheelPixels(e: Pick<WheelEvent, "deltaY" | "deltaMode">, lineHeight: number, pageHeight: number): number {
  if (e.deltaMode === 1) return e.deltaY * lineHeight;
  if (e.deltaMode === 2) return e.deltaY * pageHeight;
  return e.deltaY;
}

/** Whether `el` can itself scroll further in the direction of `dy`. */
export function canScroll(el: Element, dy: number): boolean {
  if (el.scrollHeight <= el.clientHeight) return false;
  if (dy < 0) return el.scrollTop > 0;
  return el.scrollTop + el.clientHeight < el.scrollHeight - 1;
}

/** Scrolls `target` by the wheels turned over `from`, except over a box
 * inside `from` (up to `from`) that scrolls itself that way. */
export function forwardWheel(from: HTMLElement, target: HTMLElement, lineHeight = 40): void {
  from.addEventListener(
    "wheel",
    (e) => {
      if (e.ctrlKey || e.deltaY === 0) return;
      for (let el = e.target instanceof Element ? e.target : null; el && el !== from; el = el.parentElement) {
        if (canScroll(el, e.deltaY)) return;
      }
      target.scrollBy({ top: wheelPixels(e, lineHeight, target.clientHeight), behavior: "instant" });
    },
    { passive: true },
  );
}
