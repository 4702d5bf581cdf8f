// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Article, Highlight, HighlightPatch } from "../api";
import { testHighlight } from "./testHighlight";

// The library side, in memory: the highlights as stored, and what was asked of it.
const store = vi.hoisted(() => ({ rows: new Map<string, Highlight>(), calls: [] as string[] }));
vi.mock("../api", () => ({
  api: {
    updateHighlight: (id: string, patch: HighlightPatch) => {
      store.calls.push(`update ${id} ${JSON.stringify(patch)}`);
      const row: Highlight = { ...store.rows.get(id)!, ...patch };
      store.rows.set(id, row);
      return Promise.resolve(row);
    },
    deleteHighlight: (id: string) => {
      store.calls.push(`delete ${id}`);
      return Promise.resolve();
    },
    restoreHighlight: (id: string) => {
      store.calls.push(`restore ${id}`);
      return Promise.resolve(store.rows.get(id)!);
    },
  },
}));

import { Annotations } from "./annotations";

const TEXT = "The ferry was late.\n\nThe quay was rebuilt in spring.";

function highlight(id: string, start: number, end: number): Highlight {
  return testHighlight({ id, articleId: "a1", start, end, exact: [...TEXT].slice(start, end).join(""), createdAt: "2026-12-06T10:00:00.000Z", updatedAt: "2026-12-06T10:00:00.000Z" });
}

async function reader(list: Highlight[]): Promise<Annotations> {
  const body = document.createElement("div");
  body.innerHTML = '<p data-o="0">The ferry was late.</p><p data-o="21">The quay was rebuilt in spring.</p>';
  const margin = document.createElement("div");
  const orphans = document.createElement("div");
  document.body.replaceChildren(body, margin, orphans);
  const view = new Annotations(body, margin, orphans);
  const article = { id: "a1", title: "Harbour", text: TEXT } as unknown as Article;
  await view.load(article, Promise.resolve([list, []]));
  return view;
}

beforeEach(() => {
  store.rows = new Map();
  store.calls = [];
  if (!globalThis.requestAnimationFrame) globalThis.requestAnimationFrame = (f) => setTimeout(() => f(0), 0);
});

describe("undo after changes from another device", () => {
  it("forgets what it knew of highlights a round changed or removed, and keeps the rest", async () => {
    const [ferry, quay, late] = [highlight("h-ferry", 4, 9), highlight("h-quay", 25, 29), highlight("h-late", 14, 18)];
    for (const h of [ferry, quay, late]) store.rows.set(h.id, h);
    const view = await reader([ferry, quay, late]);
    // Three recolours made here.
    await view["update"]("h-ferry", { color: "blue" }, "colour change");
    await view["update"]("h-quay", { color: "green" }, "colour change");
    await view["update"]("h-late", { color: "pink" }, "colour change");
    store.calls = [];
    // A round: the other device wrote a note on the ferry and deleted "late";
    // the quay is as this device left it.
    const remoteFerry = { ...store.rows.get("h-ferry")!, note: "from the laptop", updatedAt: "2026-12-06T11:00:00.000Z" };
    store.rows.set("h-ferry", remoteFerry);
    view.applyRemote([remoteFerry, store.rows.get("h-quay")!], []);
    expect(view.count).toBe(2);
    // Only the quay's recolour can still be undone.
    await view.undoLast();
    await view.undoLast();
    expect(store.calls).toEqual([`update h-quay ${JSON.stringify({ color: "yellow", note: "", tags: [] })}`]);
    expect(view.undo.canUndo).toBe(false);
    // The other device's note was not written over, and "late" did not come back.
    expect(store.rows.get("h-ferry")!.note).toBe("from the laptop");
    expect(store.calls.some((c) => c.startsWith("restore"))).toBe(false);
  });

  it("a round that changed nothing on the page leaves undo as it was", async () => {
    const ferry = highlight("h-ferry", 4, 9);
    store.rows.set(ferry.id, ferry);
    const view = await reader([ferry]);
    await view["update"]("h-ferry", { color: "blue" }, "colour change");
    view.applyRemote([store.rows.get("h-ferry")!], []);
    expect(view.undo.canUndo).toBe(true);
    await view.undoLast();
    expect(store.rows.get("h-ferry")!.color).toBe("yellow");
  });
});
