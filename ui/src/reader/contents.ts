// A book's table of contents, beside the text: its chapters and their
// sections, the one the reader is in marked as they scroll, a click (or
// Enter) to go there. Reachable by keyboard: the reader's "Contents" button
// or Ctrl+Shift+O opens it with the current entry focused, arrows move,
// Escape closes it and gives focus back.
import type { TocEntry } from "../bindings/TocEntry";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { currentEntry } from "./bookNav";

export class ContentsPanel {
  readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private entries: TocEntry[] = [];
  private buttons: HTMLButtonElement[] = [];
  private current = -1;
  /** Where focus was before the panel opened, to give it back. */
  private returnFocus: HTMLElement | null = null;
  onToggle: (open: boolean) => void = () => undefined;

  constructor(private readonly jump: (offset: number) => void) {
    this.list = h("ol", { class: "contents-list" });
    this.el = h(
      "nav",
      { class: "reader-contents", "aria-label": "Table of contents", hidden: true },
      h(
        "div",
        { class: "contents-head" },
        h("h2", {}, "Contents"),
        h("button", { type: "button", class: "btn btn-ghost btn-icon contents-close", "aria-label": "Close the contents", onclick: () => this.setOpen(false) }, icon("close")),
      ),
      this.list,
    );
    this.el.addEventListener("keydown", (e) => this.key(e));
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  get available(): boolean {
    return this.entries.length > 0;
  }

  render(toc: TocEntry[]): void {
    this.entries = toc;
    this.current = -1;
    clear(this.list);
    this.buttons = toc.map((entry, i) => {
      const button = h("button", { type: "button", class: "contents-entry", "data-level": String(Math.min(entry.level, 4)), tabindex: "-1" }, entry.title);
      button.addEventListener("click", () => {
        this.mark(i);
        this.jump(entry.start);
      });
      this.list.append(h("li", {}, button));
      return button;
    });
    if (this.buttons.length) this.buttons[0].tabIndex = 0;
    if (!toc.length) this.setOpen(false);
  }

  /** Marks the entry the reader is in at text offset `offset`. */
  follow(offset: number): void {
    this.mark(currentEntry(this.entries, offset));
  }

  setOpen(open: boolean): void {
    if (open === this.open || (open && !this.available)) return;
    if (open) this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.el.hidden = !open;
    this.onToggle(open);
    if (open) {
      const target = this.buttons[Math.max(this.current, 0)];
      target?.focus();
      target?.scrollIntoView({ block: "nearest" });
    } else if (this.returnFocus?.isConnected) {
      this.returnFocus.focus({ preventScroll: true });
    }
  }

  private mark(i: number): void {
    if (i === this.current) return;
    const old = this.buttons[this.current];
    if (old) {
      old.removeAttribute("aria-current");
      old.tabIndex = -1;
    }
    this.current = i;
    const now = this.buttons[i];
    if (now) {
      now.setAttribute("aria-current", "location");
      now.tabIndex = 0;
      if (this.open && document.activeElement?.closest(".reader-contents") !== this.el) now.scrollIntoView({ block: "nearest" });
    } else if (this.buttons.length) {
      this.buttons[0].tabIndex = 0;
    }
  }

  private key(e: KeyboardEvent): void {
    const at = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => {
      const b = this.buttons[Math.max(0, Math.min(this.buttons.length - 1, i))];
      b?.focus();
    };
    if (e.key === "Escape") this.setOpen(false);
    else if (e.key === "ArrowDown") go(at + 1);
    else if (e.key === "ArrowUp") go(at - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(this.buttons.length - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
