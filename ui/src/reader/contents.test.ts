// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { ContentsPanel } from "./contents";

// jsdom lays nothing out.
Element.prototype.scrollIntoView = () => undefined;

const TOC = [
  { title: "Chapter One", level: 1, start: 0 },
  { title: "The Harbour", level: 2, start: 120 },
  { title: "Chapter Two", level: 1, start: 400 },
];

describe("the table of contents", () => {
  it("lists chapters and sections, follows the reader and jumps on click", () => {
    const jumps: number[] = [];
    const panel = new ContentsPanel((o) => jumps.push(o));
    document.body.append(panel.el);
    panel.render(TOC);
    const entries = Array.from(panel.el.querySelectorAll<HTMLButtonElement>(".contents-entry"));
    expect(entries.map((e) => [e.textContent, e.dataset.level])).toEqual([
      ["Chapter One", "1"],
      ["The Harbour", "2"],
      ["Chapter Two", "1"],
    ]);
    panel.follow(130);
    expect(entries[1].getAttribute("aria-current")).toBe("location");
    panel.follow(500);
    expect(entries[1].hasAttribute("aria-current")).toBe(false);
    expect(entries[2].getAttribute("aria-current")).toBe("location");
    entries[0].click();
    expect(jumps).toEqual([0]);
    panel.el.remove();
  });

  it("opens by keyboard on the current entry, moves with arrows and gives focus back on Escape", () => {
    const panel = new ContentsPanel(() => undefined);
    const before = document.createElement("button");
    document.body.append(before, panel.el);
    panel.render(TOC);
    panel.follow(130);
    before.focus();
    panel.setOpen(true);
    expect(panel.open).toBe(true);
    const entries = Array.from(panel.el.querySelectorAll<HTMLButtonElement>(".contents-entry"));
    expect(document.activeElement).toBe(entries[1]);
    panel.el.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(document.activeElement).toBe(entries[2]);
    panel.el.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(panel.open).toBe(false);
    expect(document.activeElement).toBe(before);
    // An article without contents has no panel to open.
    panel.render([]);
    panel.setOpen(true);
    expect(panel.open).toBe(false);
  });
});
