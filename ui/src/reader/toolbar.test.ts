// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { Toolbar, type ToolbarActions } from "./toolbar";

function actions(extra: Partial<ToolbarActions> = {}): ToolbarActions {
  return { color: vi.fn(), note: vi.fn(), tag: vi.fn(), copy: vi.fn(), ...extra };
}

const rect = new DOMRect(100, 300, 80, 20);

describe("highlight toolbar: tags", () => {
  it("lists a selected highlight's tags, each with its own remove button", () => {
    const toolbar = new Toolbar();
    const untag = vi.fn();
    toolbar.show(rect, actions({ tags: ["war", "treaties"], untag }), "yellow");
    const chips = Array.from(toolbar.el.querySelectorAll<HTMLElement>(".toolbar-tags .tag"));
    expect(chips.map((c) => c.textContent)).toEqual(["war", "treaties"]);
    chips[1].querySelector<HTMLButtonElement>("button")!.click();
    expect(untag).toHaveBeenCalledWith("treaties");
    expect(untag).toHaveBeenCalledTimes(1);
    expect(chips[0].querySelector("button")!.getAttribute("aria-label")).toBe("Remove tag war");
  });

  it("shows no tag row for a fresh selection or an untagged highlight", () => {
    const toolbar = new Toolbar();
    toolbar.show(rect, actions({ tags: ["war"] }), "green");
    toolbar.show(rect, actions(), null);
    const row = toolbar.el.querySelector<HTMLElement>(".toolbar-tags")!;
    expect(row.hidden).toBe(true);
    expect(row.children).toHaveLength(0);
  });
});

describe("Copy link to highlight", () => {
  it("shows only for a highlight, and L copies the link", () => {
    const bar = new Toolbar();
    const rect = new DOMRect(100, 200, 50, 20);
    const copyLink = vi.fn();
    const base: ToolbarActions = { color: vi.fn(), note: vi.fn(), tag: vi.fn(), copy: vi.fn() };
    bar.show(rect, base, null);
    const btn = bar.el.querySelector<HTMLButtonElement>(".tb-link");
    expect(btn?.hidden).toBe(true);
    expect(bar.handleKey(new KeyboardEvent("keydown", { key: "l" }))).toBe(false);
    bar.show(rect, { ...base, copyLink }, "yellow");
    expect(btn?.hidden).toBe(false);
    expect(btn?.getAttribute("aria-label")).toBe("Copy link to highlight");
    btn?.click();
    expect(bar.handleKey(new KeyboardEvent("keydown", { key: "L" }))).toBe(true);
    expect(copyLink).toHaveBeenCalledTimes(2);
  });
});
