// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredRemovedBlock } from "../api";

// The library side, in memory: the article's text and its removed blocks.
const store = vi.hoisted(() => ({
  text: "",
  blocks: [] as StoredRemovedBlock[],
  fail: false,
}));
vi.mock("../api", async () => {
  const { ApiError } = await import("../lib/errors");
  return {
    api: {
      removedBlocks: () => Promise.resolve(store.blocks.map((b) => ({ ...b }))),
      restoreRemovedBlock: (_id: string, seq: number) => {
        if (store.fail) return Promise.reject(new ApiError({ kind: "Invalid", message: "the library refused" }));
        const b = store.blocks.find((x) => x.seq === seq);
        if (!b) return Promise.reject(new ApiError({ kind: "Invalid", message: "no such block" }));
        const chars = Array.from(store.text);
        const insert = b.at >= chars.length ? ["\n\n", b.text] : [b.text, "\n\n"];
        const at = Math.min(b.at, chars.length);
        store.text = [...chars.slice(0, at), ...insert, ...chars.slice(at)].join("");
        const shift = Array.from(b.text).length + 2;
        store.blocks = store.blocks.filter((x) => x.seq !== seq).map((x) => (x.at > b.at || (x.at === b.at && x.seq > seq) ? { ...x, at: x.at + shift } : x));
        return Promise.resolve({ text: store.text });
      },
    },
  };
});

import { describePlace, openRemovedBlocks, reasonLabel, restoredOffset, summary } from "./removedBlocks";

const block = (seq: number, at: number, reason: StoredRemovedBlock["reason"], text: string): StoredRemovedBlock => ({ seq, at, reason, text, html: `<p data-o="0">${text}</p>` });
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  document.body.replaceChildren();
  store.text = "The pier was rebuilt in 1887 by the harbour board.\n\nThe youngest keeper joined in March.\n\nThe lamps stay lit all winter.";
  store.blocks = [block(0, 52, "related", "Read more: The storm that closed the pier"), block(1, 90, "caption", "Photo: Jon Doe"), block(2, 200, "prompt", "Sign up for our newsletter")];
  store.fail = false;
});

describe("describing removed blocks", () => {
  it("names each reason and counts them, the most common first", () => {
    expect(reasonLabel("caption")).toBe("Caption or credit");
    expect(summary(store.blocks)).toBe("3 removed blocks: 1 caption or credit, 1 prompt, 1 teaser");
    expect(summary([...store.blocks, block(3, 5, "related", "Read more: x")])).toBe("4 removed blocks: 2 teasers, 1 caption or credit, 1 prompt");
    expect(summary([])).toBe("Nothing was removed from this article.");
  });

  it("says where a block stood: before a paragraph, at the start, after the last one", () => {
    expect(describePlace({ at: 52 }, store.text)).toBe("Before “The youngest keeper joined in March.”");
    expect(describePlace({ at: 0 }, store.text)).toBe("At the start, before “The pier was rebuilt in 1887 by the…”");
    expect(describePlace({ at: 500 }, store.text)).toBe("After the last paragraph");
    // Offsets count code points, not UTF-16 units.
    expect(describePlace({ at: 3 }, "😀😀\n\nNext one")).toBe("Before “Next one”");
  });

  it("knows where a block begins once it is back", () => {
    expect(restoredOffset({ at: 52 }, store.text)).toBe(52);
    expect(restoredOffset({ at: 500 }, store.text)).toBe(Array.from(store.text).length + 2);
    expect(restoredOffset({ at: 7 }, "")).toBe(0);
  });
});

describe("the removed-blocks dialog", () => {
  it("lists the blocks, puts one back, then shows the rest with their new places", async () => {
    const restored: number[] = [];
    await openRemovedBlocks("a1", {
      text: () => store.text,
      restored: (_id, offset) => {
        restored.push(offset);
        return Promise.resolve();
      },
      failed: (m) => {
        throw new Error(m);
      },
    });
    const items = () => Array.from(document.querySelectorAll<HTMLElement>(".removed-item"));
    expect(items().map((li) => li.querySelector(".removed-reason")?.textContent)).toEqual(["Teaser", "Caption or credit", "Prompt"]);
    expect(items()[0].querySelector(".removed-place")?.textContent).toBe("Before “The youngest keeper joined in March.”");
    items()[0].querySelector<HTMLButtonElement>("button.put-back")?.click();
    await flush();
    await flush();
    expect(restored).toEqual([52]);
    expect(store.text).toContain("board.\n\nRead more: The storm that closed the pier\n\nThe youngest keeper");
    expect(items().map((li) => li.dataset.seq)).toEqual(["1", "2"]);
    expect(document.querySelector(".removed-intro")?.textContent).toMatch(/^2 removed blocks/);
    expect(document.activeElement?.classList.contains("put-back")).toBe(true);
  });

  it("says it is saving a block's pictures while they are fetched", async () => {
    store.blocks = [{ ...block(0, 52, "caption", "The pier at dusk"), html: `<p data-o="0"><img src="https://pier.test/dusk.jpg" alt="Dusk">The pier at dusk</p>` }, block(1, 90, "prompt", "Sign up")];
    await openRemovedBlocks("a1", { text: () => store.text, restored: () => Promise.resolve(), failed: () => undefined });
    const buttons = () => Array.from(document.querySelectorAll<HTMLButtonElement>("button.put-back"));
    buttons()[0].click();
    expect(buttons()[0].textContent).toBe("Saving its pictures…");
    expect(buttons()[0].getAttribute("aria-busy")).toBe("true");
    expect(buttons().every((b) => b.disabled)).toBe(true);
    await flush();
    await flush();
    expect(buttons().map((b) => b.textContent)).toEqual(["Put back"]);
  });

  it("closes once nothing is left, and reports a refusal without losing the list", async () => {
    store.blocks = [store.blocks[2]];
    const failures: string[] = [];
    const host = { text: () => store.text, restored: () => Promise.resolve(), failed: (m: string) => failures.push(m) };
    store.fail = true;
    await openRemovedBlocks("a1", host);
    document.querySelector<HTMLButtonElement>("button.put-back")?.click();
    await flush();
    expect(failures).toEqual(["the library refused"]);
    expect(document.querySelectorAll(".removed-item").length).toBe(1);
    expect(document.querySelector<HTMLButtonElement>("button.put-back")?.disabled).toBe(false);
    store.fail = false;
    document.querySelector<HTMLButtonElement>("button.put-back")?.click();
    await flush();
    await flush();
    expect(document.querySelector('.dialog-backdrop[data-dialog="removed-blocks"]')).toBeNull();
    expect(store.text.endsWith("all winter.\n\nSign up for our newsletter")).toBe(true);
  });
});
