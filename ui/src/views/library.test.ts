// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ArticleSummary } from "../api";
import type { ListQuery } from "../bindings/ListQuery";

// The library side, in memory, and a person who answers "Delete" to the confirmation.
const store = vi.hoisted(() => ({ rows: [] as ArticleSummary[], goneElsewhere: new Set<string>(), queries: [] as ListQuery[] }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ ask: () => Promise.resolve(true) }));
vi.mock("../api", async () => {
  const { ApiError } = await import("../lib/errors");
  return {
    api: {
      listArticles: (query: ListQuery) => {
        store.queries.push(query);
        const live = store.rows.filter((r) => !store.goneElsewhere.has(r.id));
        return Promise.resolve(live.slice(query.offset ?? 0, query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit));
      },
      countArticles: () => Promise.resolve(store.rows.filter((r) => !store.goneElsewhere.has(r.id)).length),
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

import { LibraryView, PAGE, countLabel } from "./library";

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
  store.queries = [];
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

describe("a large library, a page at a time", () => {
  const actions = { open: () => undefined, importFiles: () => undefined, openUrl: () => undefined, showOnTimeline: () => undefined };

  it("shows the first page with the whole count, and Show more adds the next page in order", async () => {
    store.rows = Array.from({ length: PAGE * 2 + 30 }, (_, i) => row(`id${i}`, `Piece ${i}`));
    const view = new LibraryView(actions);
    document.body.append(view.el);
    await view.load();
    const more = view.el.querySelector<HTMLButtonElement>(".library-more")!;
    expect(view.el.querySelectorAll("tr[data-id]").length).toBe(PAGE);
    expect(view.el.querySelector(".library-count")!.textContent).toBe("430 articles");
    expect(more.hidden).toBe(false);
    expect(more.textContent).toBe("Show 200 more of 230");
    more.click();
    await flush();
    expect(view.el.querySelectorAll("tr[data-id]").length).toBe(PAGE * 2);
    expect(more.textContent).toBe("Show 30 more of 30");
    more.click();
    await flush();
    expect(titles(view)).toEqual(store.rows.map((r) => r.title));
    expect(more.hidden).toBe(true);
    // Each page asked for one row more than it shows, to know whether more follow.
    expect(store.queries.map((q) => q.limit)).toEqual([PAGE + 1, PAGE * 2 + 1, PAGE * 3 + 1]);
  });

  it("a search ranks by best match until a column is chosen, and clearing it returns to that column", async () => {
    const last = () => store.queries[store.queries.length - 1];
    vi.useFakeTimers();
    try {
      const view = new LibraryView(actions);
      document.body.append(view.el);
      await view.load();
      const input = view.el.querySelector<HTMLInputElement>(".search-input")!;
      const typeSearch = async (text: string) => {
        input.value = text;
        input.dispatchEvent(new Event("input"));
        await vi.advanceTimersByTimeAsync(200);
      };
      const wrap = view.el.querySelector<HTMLElement>(".table-wrap")!;
      wrap.scrollTop = 400; // scrolled down the whole library
      await typeSearch("tid");
      expect(last()).toMatchObject({ search: "tid", sort: "relevance" });
      expect(wrap.scrollTop).toBe(0); // the best match is in view
      expect(view.el.querySelector(".sort-btn.active")).toBeNull();
      await typeSearch("tidal");
      expect(last()?.sort).toBe("relevance");
      view.el.querySelector<HTMLButtonElement>('.sort-btn[data-sort="title"]')!.click();
      await vi.advanceTimersByTimeAsync(0);
      expect(last()).toMatchObject({ search: "tidal", sort: "title", descending: false });
      await typeSearch("tidal mill");
      expect(last()?.sort).toBe("title");
      await typeSearch("");
      expect(last()).toMatchObject({ search: "", sort: "title" });
      expect(view.el.querySelector(".sort-btn.active")?.getAttribute("data-sort")).toBe("title");
    } finally {
      vi.useRealTimers();
    }
  });

  it("the count says what is listed", () => {
    expect(countLabel("", 10000, false)).toBe("10,000 articles");
    expect(countLabel("canal", 42, true)).toBe("42 matches, best first");
    expect(countLabel("canal", 42, false)).toBe("42 matches");
    expect(countLabel("canal", 1, true)).toBe("1 match");
  });
});

describe("the first page asked for at launch", () => {
  const actions = { open: () => undefined, importFiles: () => undefined, openUrl: () => undefined, showOnTimeline: () => undefined };
  const mounted = () => {
    const view = new LibraryView(actions);
    document.body.append(view.el);
    return view;
  };

  it("is the page the first load shows, asked for once", async () => {
    const view = mounted();
    view.askEarly();
    // Changed after the early ask: the first load still shows what was asked for at launch.
    store.rows = [...store.rows, row("a3", "Salt roads")];
    await view.load();
    expect(store.queries).toHaveLength(1);
    expect(titles(view)).toEqual(["Harbour notes", "Tidal mills"]);
    // The next load asks again and sees the new row.
    await view.load();
    expect(store.queries).toHaveLength(2);
    expect(titles(view)).toEqual(["Harbour notes", "Tidal mills", "Salt roads"]);
  });

  it("is dropped when the launch opens an article instead, so a later visit reads the library afresh", async () => {
    const view = mounted();
    view.askEarly();
    view.forgetEarly();
    store.rows = [...store.rows, row("a3", "Salt roads")];
    await view.load();
    expect(store.queries).toHaveLength(2);
    expect(titles(view)).toEqual(["Harbour notes", "Tidal mills", "Salt roads"]);
  });

  it("is the shell's launch page when given, with nothing asked", async () => {
    const view = mounted();
    const given = { query: { search: "", sort: "imported" as const, descending: true, limit: PAGE + 1 }, rows: [row("b1", "Given at launch")], total: 1 };
    view.askEarly(given);
    await view.load();
    expect(store.queries).toHaveLength(0);
    expect(titles(view)).toEqual(["Given at launch"]);
    expect(view.el.querySelector(".library-count")?.textContent).toBe("1 article");
  });

  it("is asked for when the shell's page is not the one the view wants", async () => {
    const view = mounted();
    view.askEarly({ query: { search: "", sort: "title", descending: false, limit: PAGE + 1 }, rows: [row("b1", "Given at launch")], total: 1 });
    await view.load();
    expect(store.queries).toHaveLength(1);
    expect(titles(view)).toEqual(["Harbour notes", "Tidal mills"]);
  });

  it("is asked for again when the early answer failed", async () => {
    const view = mounted();
    const spy = vi.spyOn((await import("../api")).api, "countArticles").mockRejectedValueOnce(new Error("the store was busy"));
    view.askEarly();
    await view.load();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(titles(view)).toEqual(["Harbour notes", "Tidal mills"]);
    expect(toastTexts()).toEqual([]);
    spy.mockRestore();
  });
});
