// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";

// The library side, in memory: which paragraph starts are hidden.
const store = vi.hoisted(() => ({ hidden: new Set<number>(), locked: new Set<number>() }));
vi.mock("../api", async () => {
  // Failures arrive as api.ts's call() throws them.
  const { ApiError } = await import("../lib/errors");
  const ranges = () => [...store.hidden].sort((a, b) => a - b).map((start) => ({ start, end: start + 1 }));
  return {
    api: {
      hiddenParagraphs: () => Promise.resolve(ranges()),
      hideParagraphs: (_id: string, starts: number[]) => {
        const locked = starts.filter((s) => store.locked.has(s));
        if (locked.length) {
          const ids = locked.map((s) => `h-at-${s}`);
          return Promise.reject(new ApiError({ kind: "Conflict", message: "the paragraph holds highlights", data: { what: "highlight", ids } }));
        }
        starts.forEach((s) => store.hidden.add(s));
        return Promise.resolve(ranges());
      },
      restoreParagraphs: (_id: string, starts: number[]) => {
        starts.forEach((s) => store.hidden.delete(s));
        return Promise.resolve(ranges());
      },
    },
  };
});

import { HiddenParagraphs, hiddenRuns } from "./hiddenParagraphs";

function article(): HTMLElement {
  const body = document.createElement("div");
  body.innerHTML =
    '<h2 data-o="0">Heading</h2><p data-o="9">One paragraph.</p><p data-o="25">Join our list.</p><p data-o="40">Photo credit.</p><ul><li data-o="55">A point</li></ul><p data-o="64">The end.</p>';
  document.body.replaceChildren(body);
  return body;
}
const flush = () => new Promise((r) => setTimeout(r, 0));
const visible = (body: HTMLElement) =>
  Array.from(body.querySelectorAll<HTMLElement>("[data-o]"))
    .filter((el) => !el.classList.contains("para-hidden"))
    .map((el) => el.dataset.o);

beforeEach(() => {
  store.hidden = new Set();
  store.locked = new Set();
});

describe("hiddenRuns", () => {
  it("groups consecutive hidden blocks", () => {
    const body = article();
    const blocks = Array.from(body.querySelectorAll("[data-o]"));
    const runs = hiddenRuns(blocks, new Set([25, 40, 64]));
    expect(runs.map((r) => r.map((b) => b.getAttribute("data-o")))).toEqual([["25", "40"], ["64"]]);
    expect(hiddenRuns(blocks, new Set())).toEqual([]);
  });
});

describe("HiddenParagraphs", () => {
  it("folds stored hidden paragraphs behind one marker per run", async () => {
    store.hidden = new Set([25, 40]);
    const body = article();
    const hp = new HiddenParagraphs(body);
    await hp.load("a1");
    expect(visible(body)).toEqual(["0", "9", "55", "64"]);
    const markers = body.querySelectorAll(".hidden-marker");
    expect(markers).toHaveLength(1);
    expect(markers[0].textContent).toBe("2 paragraphs hidden");
    expect(markers[0].nextElementSibling?.getAttribute("data-o")).toBe("25");
    // Markers are not article text.
    expect(markers[0].hasAttribute("data-skip")).toBe(true);
  });

  it("in clean-up mode a click hides or shows a paragraph and saves it", async () => {
    const body = article();
    const hp = new HiddenParagraphs(body);
    const changes = vi.fn();
    hp.onChange = changes;
    await hp.load("a1");
    const outside = vi.fn();
    body.addEventListener("click", outside);

    // Outside clean-up mode a click is left to the reader.
    (body.querySelector('[data-o="25"]') as HTMLElement).click();
    await flush();
    expect(store.hidden.size).toBe(0);
    expect(outside).toHaveBeenCalledTimes(1);

    hp.setEditing(true);
    expect(body.classList.contains("cleanup")).toBe(true);
    const promo = body.querySelector('[data-o="25"]') as HTMLElement;
    expect(promo.getAttribute("role")).toBe("button");
    expect(promo.getAttribute("aria-pressed")).toBe("false");
    promo.click();
    await flush();
    expect([...store.hidden]).toEqual([25]);
    expect(outside).toHaveBeenCalledTimes(1);
    expect(promo.getAttribute("aria-pressed")).toBe("true");
    expect(body.querySelectorAll(".hidden-marker")).toHaveLength(0);

    // Keyboard: Enter on a focused paragraph toggles it back.
    promo.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await flush();
    expect(store.hidden.size).toBe(0);
    expect(changes.mock.calls.length).toBeGreaterThanOrEqual(3);

    promo.click();
    await flush();
    hp.setEditing(false);
    expect(promo.hasAttribute("role")).toBe(false);
    expect(visible(body)).not.toContain("25");
    expect(body.querySelector(".hidden-marker")?.textContent).toBe("1 paragraph hidden");
  });

  it("does not hide a paragraph that holds highlights", async () => {
    const body = article();
    body.querySelector('[data-o="9"]')!.innerHTML = 'One <mark class="hl">paragraph</mark>.';
    store.locked.add(9);
    const hp = new HiddenParagraphs(body);
    await hp.load("a1");
    hp.setEditing(true);
    const para = body.querySelector('[data-o="9"]') as HTMLElement;
    expect(para.classList.contains("para-locked")).toBe(true);
    para.click();
    await flush();
    expect(store.hidden.size).toBe(0);
    expect(visible(body)).toContain("9");
  });

  it("a paragraph that gained highlights elsewhere offers to show them instead", async () => {
    // Not marked in this window (no <mark>), but the library refuses: highlights were added in another.
    store.locked.add(25);
    const body = article();
    const hp = new HiddenParagraphs(body);
    const shown: string[] = [];
    hp.onShowHighlight = (id) => shown.push(id);
    await hp.load("a1");
    hp.setEditing(true);
    body.querySelector<HTMLElement>('[data-o="25"]')!.click();
    await flush();
    expect(store.hidden.size).toBe(0);
    const toast = document.querySelector<HTMLElement>(".toast-error")!;
    expect(toast.textContent).toContain("the paragraph holds highlights");
    const action = Array.from(toast.querySelectorAll("button")).find((b) => b.textContent === "Show the highlight")!;
    action.click();
    expect(shown).toEqual(["h-at-25"]);
    expect(hp.editing).toBe(false);
    expect(document.querySelector(".toast-error")).toBeNull();
  });

  it("the marker opens clean-up mode", async () => {
    store.hidden = new Set([64]);
    const body = article();
    const hp = new HiddenParagraphs(body);
    const modes: boolean[] = [];
    hp.onModeChange = (on) => modes.push(on);
    await hp.load("a1");
    Element.prototype.scrollIntoView = () => {};
    (body.querySelector(".hidden-marker") as HTMLElement).click();
    expect(hp.editing).toBe(true);
    expect(modes).toEqual([true]);
  });
  it("shows what another device hid or showed again, staying in clean-up mode", async () => {
    store.hidden = new Set([25]);
    const body = article();
    const hp = new HiddenParagraphs(body);
    const changes = vi.fn();
    hp.onChange = changes;
    await hp.load("a1");
    expect(visible(body)).not.toContain("25");
    // The same ranges again: nothing to redraw.
    expect(hp.applyRemote([{ start: 25, end: 40 }])).toBe(false);
    expect(changes).not.toHaveBeenCalled();
    // 25 shown again and 64 hidden on the other device.
    expect(hp.applyRemote([{ start: 64, end: 72 }])).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(visible(body)).toEqual(["0", "9", "25", "40", "55"]);
    expect(body.querySelector(".hidden-marker")?.nextElementSibling?.getAttribute("data-o")).toBe("64");
    // In clean-up mode the reader keeps choosing; the change shows as pressed buttons.
    hp.setEditing(true);
    expect(hp.applyRemote([{ start: 9, end: 25 }, { start: 64, end: 72 }])).toBe(true);
    expect(hp.editing).toBe(true);
    expect(body.querySelector('[data-o="9"]')?.getAttribute("aria-pressed")).toBe("true");
    expect(body.querySelectorAll(".hidden-marker")).toHaveLength(0);
    expect(hp.count).toBe(2);
  });
});
