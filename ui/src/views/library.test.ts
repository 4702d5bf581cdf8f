// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ArticleSummary } from "../api";

// The library side, in memory, and a person who answers "Delete" to the confirmation.
const store = vi.hoisted(() => ({ rows: [] as ArticleSummary[], goneElsewhere: new Set<string>() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ ask: () => Promise.resolve(true) }));
vi.mock("../api", async () => {
  const { ApiError } = await import("../lib/errors");
  return {
    api: {
      listArticles: () => Promise.resolve(store.rows.filter((r) => !store.goneElsewhere.has(r.id))),
      deleteArticle: (id: string) => {
        if (store.goneElsewhere.has(id)) {
          return Promise.reject(new ApiError({ kind: "NotFound", message: `article not found: ${id}`, data: { what: "article", id } }));
        }
        store.rows = store.rows.filter((r) => r.id !== id);
        return Promise.resolve();
      },
    },
  };
});

import { LibraryView } from "./library";

const row = (id: string, title: string): ArticleSummary => ({
  id,
  title,
  byline: null,
  site: null,
  sourceUrl: null,
  sourceKind: "text",
  published: null,
  importedAt: "2026-11-01T10:00:00Z",
  lang: null,
  wordCount: 300,
  highlightCount: 0,
  progress: null,
});
const flush = () => new Promise((r) => setTimeout(r, 0));
const titles = (view: LibraryView) => Array.from(view.el.querySelectorAll(".row-title")).map((e) => e.textContent);
const toastTexts = () => Array.from(document.querySelectorAll(".toast")).map((t) => t.textContent);

beforeEach(() => {
  document.body.replaceChildren();
  store.rows = [row("a1", "Harbour notes"), row("a2", "Tidal mills")];
  store.goneElsewhere = new Set();
});

describe("deleting from the library", () => {
  it("an article deleted elsewhere meanwhile is said to be gone, and the stale row leaves", async () => {
    const view = new LibraryView({ open: () => undefined, importFiles: () => undefined, openUrl: () => undefined, showOnTimeline: () => undefined });
    document.body.append(view.el);
    await view.load();
    expect(titles(view)).toEqual(["Harbour notes", "Tidal mills"]);
    store.goneElsewhere.add("a2");
    view.el.querySelector<HTMLButtonElement>('tr[data-id="a2"] .row-delete')!.click();
    await flush();
    await flush();
    expect(toastTexts()).toEqual(["“Tidal mills” was no longer in the library"]);
    expect(document.querySelector(".toast-error")).toBeNull();
    expect(titles(view)).toEqual(["Harbour notes"]);
  });

  it("a deletion that works is confirmed", async () => {
    const view = new LibraryView({ open: () => undefined, importFiles: () => undefined, openUrl: () => undefined, showOnTimeline: () => undefined });
    document.body.append(view.el);
    await view.load();
    view.el.querySelector<HTMLButtonElement>('tr[data-id="a1"] .row-delete')!.click();
    await flush();
    await flush();
    expect(toastTexts()).toEqual(["Deleted “Harbour notes”"]);
    expect(titles(view)).toEqual(["Tidal mills"]);
  });
});

describe("selecting several articles", () => {
  const click = (el: Element, init: MouseEventInit = {}) => el.dispatchEvent(new MouseEvent("click", { bubbles: true, ...init }));

  it("Ctrl-click and Shift-click select rows without opening them, and the bar shows them on the timeline in list order", async () => {
    store.rows = [row("a1", "Harbour notes"), row("a2", "Tidal mills"), row("a3", "Salt roads"), row("a4", "Lighthouse log")];
    const opened: string[] = [];
    const shown: string[][] = [];
    const view = new LibraryView({
      open: (id) => opened.push(id),
      importFiles: () => undefined,
      openUrl: () => undefined,
      showOnTimeline: (ids, names) => shown.push([...ids, ...names]),
    });
    document.body.append(view.el);
    await view.load();
    const bar = view.el.querySelector<HTMLElement>(".selection-bar")!;
    expect(bar.hidden).toBe(true);
    click(view.el.querySelector('tr[data-id="a3"]')!, { ctrlKey: true });
    click(view.el.querySelector('tr[data-id="a1"]')!, { shiftKey: true });
    click(view.el.querySelector('tr[data-id="a2"]')!, { ctrlKey: true }); // toggled back off
    expect(opened).toEqual([]);
    expect(bar.hidden).toBe(false);
    expect(bar.textContent).toContain("2 articles selected");
    const checked = Array.from(view.el.querySelectorAll<HTMLInputElement>("input.row-select")).map((b) => b.checked);
    expect(checked).toEqual([true, false, true, false]);
    view.el.querySelector<HTMLButtonElement>("#selection-timeline")!.click();
    expect(shown).toEqual([["a1", "a3", "Harbour notes", "Salt roads"]]);
    click(view.el.querySelector('tr[data-id="a4"]')!);
    expect(opened).toEqual(["a4"]);
  });

  it("the row checkboxes, Select all and Clear keep the bar in step, and a new list drops rows no longer listed", async () => {
    const view = new LibraryView({ open: () => undefined, importFiles: () => undefined, openUrl: () => undefined, showOnTimeline: () => undefined });
    document.body.append(view.el);
    await view.load();
    const bar = view.el.querySelector<HTMLElement>(".selection-bar")!;
    const all = view.el.querySelector<HTMLInputElement>("input.select-all")!;
    click(view.el.querySelector('tr[data-id="a2"] input.row-select')!);
    expect(all.indeterminate).toBe(true);
    all.click();
    expect(bar.textContent).toContain("2 articles selected");
    expect(all.checked).toBe(true);
    store.goneElsewhere.add("a1");
    await view.load();
    expect(bar.textContent).toContain("1 article selected");
    view.el.querySelector<HTMLButtonElement>("#selection-clear")!.click();
    expect(bar.hidden).toBe(true);
    expect(view.el.querySelector("tr.selected")).toBeNull();
  });
});
