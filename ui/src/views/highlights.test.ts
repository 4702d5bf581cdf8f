// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { HighlightFilter, LibraryHighlight } from "../api";

// The library side, in memory: `total` highlights, newest first; every filter seen.
const store = vi.hoisted(() => ({ total: 0, filters: [] as HighlightFilter[] }));
vi.mock("../api", () => ({
  api: {
    searchHighlights: (filter: HighlightFilter) => {
      store.filters.push(filter);
      const all = Array.from({ length: store.total }, (_, i) => i);
      const page = all.slice(0, filter.limit ?? all.length).map(
        (i): LibraryHighlight => ({
          id: `h${i}`,
          articleId: "a1",
          start: i,
          end: i + 3,
          exact: `quote number ${i}`,
          prefix: "",
          suffix: "",
          color: "yellow",
          note: "",
          tags: [],
          orphaned: false,
          createdAt: "2026-11-01T10:00:00Z",
          updatedAt: "2026-11-01T10:00:00Z",
          articleTitle: "An article",
        }),
      );
      return Promise.resolve(page);
    },
    highlightTags: () => Promise.resolve([]),
  },
}));

import { HighlightsView } from "./highlights";

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  store.filters = [];
});

describe("highlights view", () => {
  it("shows a page of the newest and more on request", async () => {
    store.total = 450;
    const view = new HighlightsView({ open: () => {} });
    await view.load();
    const items = () => view.el.querySelectorAll(".hl-item").length;
    const more = view.el.querySelector<HTMLButtonElement>(".hl-more")!;
    expect(items()).toBe(200);
    expect(store.filters[0].limit).toBe(201);
    expect(more.hidden).toBe(false);
    expect(view.el.querySelector(".library-count")!.textContent).toBe("The newest 200 highlights");
    more.click();
    await flush();
    expect(items()).toBe(400);
    more.click();
    await flush();
    expect(items()).toBe(450);
    expect(more.hidden).toBe(true);
    expect(view.el.querySelector(".library-count")!.textContent).toContain("450");
    // A new search starts again from the first page.
    await view.load();
    expect(items()).toBe(200);
  });

  it("has no button when everything fits", async () => {
    store.total = 3;
    const view = new HighlightsView({ open: () => {} });
    await view.load();
    expect(view.el.querySelectorAll(".hl-item").length).toBe(3);
    expect(view.el.querySelector<HTMLButtonElement>(".hl-more")!.hidden).toBe(true);
  });
});
