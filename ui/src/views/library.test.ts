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
