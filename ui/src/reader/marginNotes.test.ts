// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Highlight } from "../api";
import { MarginNotes } from "./marginNotes";
import { testHighlight } from "./testHighlight";

function highlight(id: string, note: string): Highlight {
  return testHighlight({ id, note });
}

/** jsdom has no layout: note text heights come from the paragraph count, and every read or write of interest is logged. */
function fakeLayout(log: string[]) {
  const scrollHeight = vi.spyOn(HTMLElement.prototype, "scrollHeight", "get").mockImplementation(function (this: HTMLElement) {
    log.push("read");
    return this.querySelectorAll("p").length * 60;
  });
  const hidden = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "hidden")!;
  Object.defineProperty(HTMLElement.prototype, "hidden", {
    configurable: true,
    get(this: HTMLElement): boolean {
      return Boolean(hidden.get?.call(this));
    },
    set(this: HTMLElement, v: boolean) {
      if (this.classList.contains("note-more")) log.push("write");
      hidden.set?.call(this, v);
    },
  });
  return () => {
    scrollHeight.mockRestore();
    Object.defineProperty(HTMLElement.prototype, "hidden", hidden);
  };
}

describe("margin notes: the 'more' button", () => {
  let log: string[];
  let restore: () => void;
  let margin: HTMLElement;
  let notes: MarginNotes;

  beforeEach(() => {
    log = [];
    restore = fakeLayout(log);
    vi.stubGlobal("requestAnimationFrame", () => 1);
    margin = document.createElement("aside");
    notes = new MarginNotes(margin, () => 0, { select: () => undefined, save: () => Promise.resolve(null), hover: () => undefined, closed: () => undefined });
  });

  afterEach(() => {
    restore();
    vi.unstubAllGlobals();
    margin.remove();
  });

  const short = "One short line.";
  const long = Array.from({ length: 4 }, (_, i) => `Paragraph ${i} of a long note.`).join("\n\n");

  it("shows 'more' only on notes taller than the collapsed card", () => {
    document.body.appendChild(margin);
    notes.sync(highlight("s", short));
    notes.sync(highlight("l", long));
    notes.layoutNow();
    expect(notes.card("s")!.querySelector<HTMLElement>(".note-more")!.hidden).toBe(true);
    expect(notes.card("l")!.querySelector<HTMLElement>(".note-more")!.hidden).toBe(false);
  });

  it("measures every card before changing any, in one pass for many cards", () => {
    document.body.appendChild(margin);
    for (let i = 0; i < 50; i++) notes.sync(highlight(`h${i}`, i % 2 ? long : short));
    log.length = 0;
    notes.layoutNow();
    const firstWrite = log.indexOf("write");
    expect(log.filter((x) => x === "read")).toHaveLength(50);
    expect(firstWrite).toBeGreaterThan(0);
    expect(log.slice(firstWrite).every((x) => x === "write")).toBe(true);
    // A second pass has nothing left to measure.
    log.length = 0;
    notes.layoutNow();
    expect(log).toEqual([]);
  });

  it("waits until the margin is in the document to measure", () => {
    notes.sync(highlight("l", long));
    notes.layoutNow();
    expect(log).toEqual([]);
    document.body.appendChild(margin);
    notes.layoutNow();
    expect(log).toEqual(["read", "write"]);
    expect(notes.card("l")!.querySelector<HTMLElement>(".note-more")!.hidden).toBe(false);
  });

  it("forgets a removed card", () => {
    notes.sync(highlight("l", long));
    notes.remove("l");
    document.body.appendChild(margin);
    notes.layoutNow();
    expect(log).toEqual([]);
  });
});

describe("margin notes: passes only when a card moves", () => {
  let frames: number;
  let margin: HTMLElement;
  let notes: MarginNotes;
  let anchorReads: number;

  beforeEach(() => {
    frames = 0;
    anchorReads = 0;
    vi.stubGlobal("requestAnimationFrame", () => ++frames);
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
    margin = document.createElement("aside");
    document.body.appendChild(margin);
    notes = new MarginNotes(margin, () => (anchorReads++, 0), { select: () => undefined, save: () => Promise.resolve(null), hover: () => undefined, closed: () => undefined });
    notes.sync(highlight("noted", "A note beside its passage."));
    notes.layoutNow();
    frames = 0;
    anchorReads = 0;
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    margin.remove();
  });

  it("a highlight without a note schedules no pass", () => {
    notes.sync(highlight("plain", ""));
    expect(frames).toBe(0);
    expect(anchorReads).toBe(0);
    expect(notes.card("plain")).toBeNull();
  });

  it("focusing highlights without cards schedules no pass; focusing or leaving a card does", () => {
    notes.setFocused("plain");
    notes.setFocused("other");
    expect(frames).toBe(0);
    expect(anchorReads).toBe(0);
    notes.setFocused("noted");
    expect(frames).toBe(1);
  });

  it("removing a card, or a note from a highlight, schedules a pass", () => {
    notes.sync(highlight("noted", ""));
    expect(notes.card("noted")).toBeNull();
    expect(frames).toBe(1);
  });

  it("settles later, once, and only when there are cards to move", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    notes.settleLater();
    notes.settleLater();
    expect(frames).toBe(0);
    vi.advanceTimersByTime(500);
    expect(frames).toBe(1);
    notes.clear();
    frames = 0;
    notes.settleLater();
    vi.advanceTimersByTime(500);
    expect(frames).toBe(0);
  });
});

describe("margin notes: passages not laid out yet", () => {
  let log: string[];
  let restore: () => void;
  let margin: HTMLElement;
  let notes: MarginNotes;
  const laidOut = new Set<string>();

  beforeEach(() => {
    log = [];
    restore = fakeLayout(log);
    vi.stubGlobal("requestAnimationFrame", () => 1);
    laidOut.clear();
    margin = document.createElement("aside");
    notes = new MarginNotes(margin, (id) => (laidOut.has(id) ? 40 : null), { select: () => undefined, save: () => Promise.resolve(null), hover: () => undefined, closed: () => undefined });
  });

  afterEach(() => {
    restore();
    vi.unstubAllGlobals();
    margin.remove();
  });

  it("builds no card for a note until its passage has a position", () => {
    const long = Array.from({ length: 4 }, (_, i) => `Part ${i} of a longer remark.`).join("\n\n");
    // Synced while the reader is not shown yet, as when an article opens.
    notes.sync(highlight("near", long));
    notes.sync(highlight("far", long));
    expect(notes.card("near")).toBeNull();
    expect(notes.has("near")).toBe(true);
    document.body.appendChild(margin);
    laidOut.add("near");
    notes.layoutNow();
    expect(notes.card("near")!.classList.contains("unplaced")).toBe(false);
    expect(notes.card("near")!.style.top).toBe("40px");
    expect(notes.card("far")).toBeNull();
    expect([margin.dataset.notes, margin.dataset.placed]).toEqual(["2", "1"]);
    expect(log.filter((x) => x === "read")).toHaveLength(1);
    // The rest of the article arrives: the waiting note is built, measured and placed.
    laidOut.add("far");
    notes.layoutNow();
    expect(notes.card("far")!.classList.contains("unplaced")).toBe(false);
    expect(notes.card("far")!.style.top).not.toBe("");
    expect(log.filter((x) => x === "read")).toHaveLength(2);
    expect(notes.card("far")!.querySelector<HTMLElement>(".note-more")!.hidden).toBe(false);
  });

  it("builds a card written while the reader is open in the next pass", () => {
    document.body.appendChild(margin);
    laidOut.add("new");
    notes.sync(highlight("new", "Written just now."));
    notes.layoutNow();
    expect(notes.card("new")!.classList.contains("unplaced")).toBe(false);
    expect(notes.card("new")!.style.top).toBe("40px");
  });
});

describe("margin notes: a long article laid out a slice at a time", () => {
  let margin: HTMLElement;
  let notes: MarginNotes;
  /** Passage tops by highlight; a missing one is not laid out yet. */
  let anchors: Map<string, number>;
  let reads: string[];
  let restoreHeight: () => void;

  const ids = Array.from({ length: 12 }, (_, i) => `n${i}`);
  /** Tops close enough that cards stack and push the later ones down. */
  const topOf = (i: number) => 40 * i;
  const tops = () => ids.map((id) => notes.card(id)?.style.top ?? null);
  const placed = () => ids.filter((id) => notes.card(id) !== null);

  beforeEach(() => {
    vi.stubGlobal("requestAnimationFrame", () => 1);
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
    const height = vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(50);
    restoreHeight = () => height.mockRestore();
    anchors = new Map();
    reads = [];
    margin = document.createElement("aside");
    document.body.appendChild(margin);
    notes = new MarginNotes(margin, (id) => (reads.push(id), anchors.get(id) ?? null), { select: () => undefined, save: () => Promise.resolve(null), hover: () => undefined, closed: () => undefined });
    for (const id of ids) notes.sync(highlight(id, `Note ${id}.`));
    // The first screens: the first five passages are laid out.
    ids.slice(0, 5).forEach((id, i) => anchors.set(id, topOf(i)));
    notes.layoutNow();
  });

  afterEach(() => {
    restoreHeight();
    vi.unstubAllGlobals();
    margin.remove();
  });

  /** What a full pass places, from the same anchors, on a fresh set of cards. */
  function fullPass(): (string | null)[] {
    const other = document.createElement("aside");
    document.body.appendChild(other);
    const full = new MarginNotes(other, (id) => anchors.get(id) ?? null, { select: () => undefined, save: () => Promise.resolve(null), hover: () => undefined, closed: () => undefined });
    for (const id of ids) full.sync(highlight(id, `Note ${id}.`));
    full.layoutNow();
    const out = ids.map((id) => full.card(id)?.style.top ?? null);
    other.remove();
    return out;
  }

  it("places the new slices' cards where a full pass would, measuring only them", () => {
    expect(placed()).toEqual(ids.slice(0, 5));
    for (const [from, to] of [[5, 9], [9, 12]]) {
      for (let i = from; i < to; i++) anchors.set(ids[i], topOf(i));
      reads.length = 0;
      notes.layoutAppended();
      expect(new Set(reads)).toEqual(new Set(ids.slice(from)));
      expect(placed()).toEqual(ids.slice(0, to));
    }
    expect(tops()).toEqual(fullPass());
    // Stacked: the last cards were pushed below their passages.
    expect(parseInt(tops()[11] ?? "", 10)).toBeGreaterThan(topOf(11));
  });

  it("falls back to a full pass when a card is pinned", () => {
    notes.setFocused("n2");
    notes.layoutNow();
    for (let i = 5; i < 12; i++) anchors.set(ids[i], topOf(i));
    reads.length = 0;
    notes.layoutAppended();
    expect(reads).toHaveLength(12);
    expect(placed()).toEqual(ids);
  });

  it("falls back to a full pass when a new passage lies above the placed ones", () => {
    anchors.set(ids[5], topOf(1) + 5);
    reads.length = 0;
    notes.layoutAppended();
    // The unplaced cards were looked at, then every card measured again.
    expect(reads.slice(-12)).toEqual(ids);
    expect(tops()).toEqual(fullPass());
  });
});
