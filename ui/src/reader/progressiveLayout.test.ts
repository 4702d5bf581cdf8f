// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pendingLike, PROGRESSIVE_MIN_CHARS, ProgressiveLayout, SLICE_MAX_CHARS, SLICE_MIN_CHARS } from "./progressiveLayout";

/** An article body of `count` paragraphs of `chars` characters each (our own filler words). */
function article(count: number, chars: number): HTMLElement {
  const body = document.createElement("div");
  const words = "the reader turns another page of the long account ";
  for (let i = 0; i < count; i++) {
    const p = document.createElement("p");
    p.dataset.o = String(i * chars);
    p.textContent = words.repeat(Math.ceil(chars / words.length)).slice(0, chars - 4) + String(i).padStart(4, "0");
    body.append(p);
  }
  document.body.append(body);
  return body;
}

function pendingIndexes(body: HTMLElement): number[] {
  return Array.from(body.children).flatMap((el, i) => (el.hasAttribute("data-pending") ? [i] : []));
}

describe("progressive layout", () => {
  let revealed: number;
  let completed: number;
  let spacer: HTMLElement;
  const hooks = {
    revealed: () => revealed++,
    complete: () => completed++,
  };

  beforeEach(() => {
    vi.useFakeTimers();
    // One animation frame = one timer tick, so tests can step frame by frame.
    vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => setTimeout(() => f(0), 16));
    vi.stubGlobal("cancelAnimationFrame", (id: number) => clearTimeout(id));
    revealed = 0;
    completed = 0;
    spacer = document.createElement("div");
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.innerHTML = "";
  });

  it("lays a short article out in one piece", () => {
    const body = article(20, 1_000);
    const layout = new ProgressiveLayout(body, spacer, document.body, hooks);
    layout.begin();
    expect(layout.pending).toBe(false);
    expect(pendingIndexes(body)).toEqual([]);
    expect(spacer.hidden).toBe(true);
  });

  it("shows the first screens of a long article and holds back the rest, in order", () => {
    const count = Math.ceil((PROGRESSIVE_MIN_CHARS * 2) / 1_000);
    const body = article(count, 1_000);
    const layout = new ProgressiveLayout(body, spacer, document.body, hooks);
    layout.begin();
    expect(layout.pending).toBe(true);
    const pending = pendingIndexes(body);
    // Everything from the first pending block to the end, nothing before it.
    expect(pending.length).toBeGreaterThan(count / 2);
    expect(pending[0]).toBeGreaterThan(0);
    expect(pending).toEqual(Array.from({ length: count - pending[0] }, (_, i) => pending[0] + i));
    expect(spacer.hidden).toBe(false);
    expect(parseFloat(spacer.style.height)).toBeGreaterThan(0);
  });

  it("reveals a slice per frame once resumed, and reports the end once", () => {
    const count = Math.ceil((PROGRESSIVE_MIN_CHARS * 2) / 1_000);
    const body = article(count, 1_000);
    const layout = new ProgressiveLayout(body, spacer, document.body, hooks);
    layout.begin();
    const before = pendingIndexes(body).length;
    layout.resume();
    expect(pendingIndexes(body).length).toBe(before); // nothing until the first screens are painted
    vi.advanceTimersByTime(16 * 3);
    const after = pendingIndexes(body).length;
    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThan(0);
    expect(revealed).toBeGreaterThan(0);
    vi.runAllTimers();
    expect(layout.pending).toBe(false);
    expect(pendingIndexes(body)).toEqual([]);
    expect(spacer.hidden).toBe(true);
    expect(completed).toBe(1);
  });

  it("makes slices smaller on a slow machine and larger on a fast one, within bounds", () => {
    const count = 600;
    const chars = 2_000;
    /** Characters shown by each slice when every slice "takes" `msPerSlice`. */
    const sliceSizes = (msPerSlice: number): number[] => {
      const body = article(count, chars);
      let clock = 0;
      vi.spyOn(performance, "now").mockImplementation(() => clock);
      const shown = () => (count - pendingIndexes(body).length) * chars;
      const sizes: number[] = [];
      let last = 0;
      const layout = new ProgressiveLayout(body, spacer, document.body, {
        revealed: () => {
          clock += msPerSlice;
          sizes.push(shown() - last);
          last = shown();
        },
        complete: () => undefined,
      });
      layout.begin();
      last = shown();
      layout.resume();
      for (let i = 0; i < 6; i++) vi.advanceTimersByTime(32);
      layout.cancel();
      body.remove();
      vi.restoreAllMocks();
      return sizes;
    };
    const slow = sliceSizes(200);
    const fast = sliceSizes(2);
    // The same first slice; then smaller ones down to a floor, or larger up to a ceiling.
    expect(slow[0]).toBe(fast[0]);
    expect(slow[3]).toBeLessThan(slow[0]);
    // (A slice ends at the last whole block within its size.)
    expect(Math.min(...slow)).toBeGreaterThan(SLICE_MIN_CHARS - chars);
    expect(fast[3]).toBeGreaterThan(fast[0]);
    expect(Math.max(...fast)).toBeLessThanOrEqual(SLICE_MAX_CHARS + chars);
  });

  it("shows everything at once before a jump", () => {
    const body = article(400, 1_000);
    const layout = new ProgressiveLayout(body, spacer, document.body, hooks);
    layout.begin();
    layout.revealAll();
    expect(pendingIndexes(body)).toEqual([]);
    expect(completed).toBe(1);
    layout.revealAll();
    expect(completed).toBe(1);
  });

  it("lays the rest out before End scrolls to the end", () => {
    const body = article(400, 1_000);
    const scroller = document.createElement("div");
    document.body.append(scroller);
    const layout = new ProgressiveLayout(body, spacer, scroller, hooks);
    layout.begin();
    scroller.dispatchEvent(new KeyboardEvent("keydown", { key: "PageDown" }));
    expect(layout.pending).toBe(true);
    scroller.dispatchEvent(new KeyboardEvent("keydown", { key: "End" }));
    expect(layout.pending).toBe(false);
    expect(pendingIndexes(body)).toEqual([]);
    expect(completed).toBe(1);
  });

  it("reveals a marker put among the pending blocks together with them", () => {
    const body = article(400, 1_000);
    const layout = new ProgressiveLayout(body, spacer, document.body, hooks);
    layout.begin();
    const far = body.children[350];
    const marker = document.createElement("button");
    pendingLike(marker, far);
    far.before(marker);
    expect(marker.hasAttribute("data-pending")).toBe(true);
    const near = body.children[0];
    const shown = document.createElement("button");
    pendingLike(shown, near);
    near.before(shown);
    expect(shown.hasAttribute("data-pending")).toBe(false);
    layout.resume();
    vi.runAllTimers();
    expect(marker.hasAttribute("data-pending")).toBe(false);
  });

  it("forgets the previous article when a new one begins", () => {
    const first = article(400, 1_000);
    const layout = new ProgressiveLayout(first, spacer, document.body, hooks);
    layout.begin();
    layout.resume();
    first.replaceChildren(...article(10, 1_000).children);
    layout.begin();
    expect(layout.pending).toBe(false);
    vi.runAllTimers();
    expect(pendingIndexes(first)).toEqual([]);
    expect(completed).toBe(0);
  });
});
