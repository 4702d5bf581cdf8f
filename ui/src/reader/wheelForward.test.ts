// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { canScroll, forwardWheel, wheelPixels } from "./wheelForward";

/** A box with the given scroll metrics (jsdom lays nothing out). */
function box(scrollHeight: number, clientHeight: number, scrollTop = 0): HTMLElement {
  const el = document.createElement("div");
  Object.defineProperty(el, "scrollHeight", { value: scrollHeight });
  Object.defineProperty(el, "clientHeight", { value: clientHeight });
  Object.defineProperty(el, "scrollTop", { value: scrollTop, writable: true });
  return el;
}

describe("wheels over the timeline's dock", () => {
  it("converts lines and pages to pixels", () => {
    expect(wheelPixels({ deltaY: 3, deltaMode: 0 }, 40, 700)).toBe(3);
    expect(wheelPixels({ deltaY: 3, deltaMode: 1 }, 40, 700)).toBe(120);
    expect(wheelPixels({ deltaY: -1, deltaMode: 2 }, 40, 700)).toBe(-700);
  });

  it("knows when a box can scroll further each way", () => {
    expect(canScroll(box(100, 100), 10)).toBe(false);
    expect(canScroll(box(500, 100, 0), 10)).toBe(true);
    expect(canScroll(box(500, 100, 0), -10)).toBe(false);
    expect(canScroll(box(500, 100, 400), 10)).toBe(false);
    expect(canScroll(box(500, 100, 400), -10)).toBe(true);
  });

  it("scrolls the article unless the wheel is over a list that scrolls that way", () => {
    const dock = document.createElement("div");
    const list = box(500, 100, 0);
    const empty = document.createElement("p");
    list.append(empty);
    const below = document.createElement("span");
    dock.append(list, below);
    const scrolled: number[] = [];
    const article = box(10000, 700);
    article.scrollBy = ((o: ScrollToOptions) => scrolled.push(o.top ?? 0)) as typeof article.scrollBy;
    forwardWheel(dock, article);

    below.dispatchEvent(new WheelEvent("wheel", { deltaY: 120, bubbles: true }));
    expect(scrolled).toEqual([120]);
    // Over the list, which can still scroll down: the list takes it.
    empty.dispatchEvent(new WheelEvent("wheel", { deltaY: 120, bubbles: true }));
    expect(scrolled).toEqual([120]);
    // Upwards the list is at its top: the article scrolls.
    empty.dispatchEvent(new WheelEvent("wheel", { deltaY: -2, deltaMode: 1, bubbles: true }));
    expect(scrolled).toEqual([120, -80]);
    // Zooming (ctrl + wheel) is not a scroll.
    below.dispatchEvent(new WheelEvent("wheel", { deltaY: 120, ctrlKey: true, bubbles: true }));
    expect(scrolled).toEqual([120, -80]);
  });
});
