// @vitest-environment jsdom
// Only the cards near the view are built: a fake scroller stands in for the
// reader's (jsdom has no layout: passages' tops, card heights and the
// scroller's size are given).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Highlight } from "../api";
import { MarginNotes } from "./marginNotes";
import { testHighlight } from "./testHighlight";

function highlight(id: string, note: string): Highlight {
  return testHighlight({ id, note });
}

const callbacks = { select: () => undefined, save: () => Promise.resolve(null), hover: () => undefined, closed: () => undefined };
/** A built card's height: from its text, so it differs from the estimate and between notes. */
const cardHeight = (card: HTMLElement) => 50 + ((card.textContent ?? "").length % 7) * 15;
const SCREEN = 800;
const remark = (i: number) => `Remark ${i} on the harbour ${"x".repeat(i % 5)}.`;

describe("margin notes: cards built only near the view", () => {
  let margin: HTMLElement;
  let scroller: HTMLElement;
  let frames: FrameRequestCallback[];
  let restore: () => void;
  /** Passage tops by highlight id. */
  let anchors: Map<string, number>;

  /** Runs the frames requested so far (scroll handling, scheduled passes). */
  function runFrames(): void {
    const now = frames.splice(0);
    for (const f of now) f(0);
  }

  function scrollTo(top: number): void {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event("scroll"));
    runFrames();
  }

  const built = () => Array.from(margin.querySelectorAll<HTMLElement>(".note-card")).map((c) => c.dataset.hid);
  const boxOf = (card: HTMLElement) => ({ top: parseInt(card.style.top, 10), bottom: parseInt(card.style.top, 10) + cardHeight(card) });

  function make(withScroller: boolean): MarginNotes {
    return new MarginNotes(margin, (id) => anchors.get(id) ?? null, callbacks, withScroller ? scroller : null);
  }

  beforeEach(() => {
    frames = [];
    vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
    const offset = vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.classList.contains("note-card") ? cardHeight(this) : 0;
    });
    const client = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this === scroller ? SCREEN : 0;
    });
    restore = () => {
      offset.mockRestore();
      client.mockRestore();
    };
    scroller = document.createElement("div");
    margin = document.createElement("aside");
    scroller.appendChild(margin);
    // The margin starts at the top of the scroller's content.
    margin.getBoundingClientRect = () => ({ top: -scroller.scrollTop }) as DOMRect;
    document.body.appendChild(scroller);
    anchors = new Map();
  });

  afterEach(() => {
    restore();
    vi.unstubAllGlobals();
    scroller.remove();
  });

  /** 100 notes in clusters of three at the same passage, clusters 400px apart. */
  function hundred(notes: MarginNotes): string[] {
    const ids = Array.from({ length: 100 }, (_, i) => `n${i}`);
    ids.forEach((id, i) => {
      anchors.set(id, Math.floor(i / 3) * 400);
      notes.sync(highlight(id, remark(i)));
    });
    notes.layoutNow();
    frames.length = 0;
    return ids;
  }

  /** Every card built at once (no scroller), as before: where each card belongs. */
  function fullLayout(ids: string[]): Map<string, { top: number; bottom: number }> {
    const all = document.createElement("aside");
    document.body.appendChild(all);
    const full = new MarginNotes(all, (id) => anchors.get(id) ?? null, callbacks, null);
    for (const id of ids) full.sync(highlight(id, remark(Number(id.slice(1)))));
    full.layoutNow();
    const out = new Map(ids.map((id) => [id, boxOf(full.card(id)!)]));
    all.remove();
    return out;
  }

  it("builds only the cards within a screen of the view, and follows the scrolling", () => {
    const notes = make(true);
    const ids = hundred(notes);
    const truth = fullLayout(ids);
    const within = (from: number, to: number) => ids.filter((id) => truth.get(id)!.bottom >= from && truth.get(id)!.top <= to);
    // Visible 0..800: built from a screen above to a screen below.
    expect(built()).toEqual(within(-SCREEN, 2 * SCREEN));
    expect(notes.card("n60")).toBeNull();
    expect(notes.has("n60")).toBe(true);
    expect([margin.dataset.notes, margin.dataset.placed]).toEqual(["100", "100"]);
    scrollTo(8000);
    // Built from 7200 to 9600 (cards above the range are placed with their estimated
    // heights, so its top edge is exact only for cards well inside it).
    const shown = new Set(built());
    for (const id of within(7200 + 200, 9600)) expect(shown.has(id)).toBe(true);
    for (const id of shown) expect(within(7200 - 200, 9600)).toContain(id);
    expect(shown.size).toBeGreaterThan(10);
    expect(notes.card("n0")).toBeNull();
  });

  it("does nothing in a scrolled frame that changes no card", () => {
    const notes = make(true);
    hundred(notes);
    const before = Array.from(margin.children);
    const added = vi.spyOn(margin, "appendChild");
    scrollTo(20);
    scrollTo(60);
    expect(added).not.toHaveBeenCalled();
    expect(Array.from(margin.children)).toEqual(before);
  });

  it("scrolls at most one pass a frame", () => {
    const notes = make(true);
    hundred(notes);
    for (let i = 0; i < 5; i++) scroller.dispatchEvent(new Event("scroll"));
    expect(frames).toHaveLength(1);
  });

  it("places the cards built on the way where building every card places them", () => {
    const windowed = make(true);
    const ids = hundred(windowed);
    const truth = fullLayout(ids);
    for (const top of [3000, 9000, 13000]) {
      scrollTo(top);
      const shown = built();
      expect(shown.length).toBeGreaterThan(0);
      for (const id of shown) expect(boxOf(windowed.card(id!)!)).toEqual(truth.get(id!));
      // Cards near the view never overlap.
      const boxes = shown.map((id) => boxOf(windowed.card(id!)!)).sort((a, b) => a.top - b.top);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
    }
  });

  it("keeps the open editor and the focused card built far from the view", () => {
    const notes = make(true);
    hundred(notes);
    notes.edit(highlight("n1", "Remark 1 on the harbour x."));
    const area = notes.card("n1")!.querySelector("textarea")!;
    area.value = "Typing while scrolling";
    notes.setFocused("n4");
    runFrames();
    scrollTo(12000);
    expect(notes.card("n1")!.querySelector("textarea")).toBe(area);
    expect(area.value).toBe("Typing while scrolling");
    expect(notes.card("n4")).not.toBeNull();
    expect(notes.card("n2")).toBeNull();
    // Unfocused, far away: removed at the next change of the window.
    notes.setFocused(null);
    runFrames();
    expect(notes.card("n4")).toBeNull();
    expect(notes.card("n1")).not.toBeNull();
  });

  it("builds a far note's card on request, for keyboard focus", () => {
    const notes = make(true);
    hundred(notes);
    expect(notes.card("n90")).toBeNull();
    const card = notes.ensureCard("n90")!;
    expect(card.dataset.hid).toBe("n90");
    expect(card.style.top).toBe(`${Math.floor(90 / 3) * 400}px`);
    expect(notes.ensureCard("no-note")).toBeNull();
  });

  it("keeps a card's expanded state when it is built again", () => {
    const notes = make(true);
    hundred(notes);
    notes.card("n2")!.querySelector<HTMLElement>(".note-more")!.click();
    expect(notes.card("n2")!.classList.contains("expanded")).toBe(true);
    runFrames();
    scrollTo(12000);
    expect(notes.card("n2")).toBeNull();
    scrollTo(0);
    expect(notes.card("n2")!.classList.contains("expanded")).toBe(true);
    expect(notes.card("n2")!.querySelector<HTMLElement>(".note-more")!.textContent).toBe("less");
  });
});
