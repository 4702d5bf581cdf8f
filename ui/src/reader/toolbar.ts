// The floating toolbar shown at a text selection (to create a highlight) or
// at a selected highlight (to change it).
import type { Color } from "../api";
import { h } from "../dom";
import { icon } from "../icons";

export const COLORS: Color[] = ["yellow", "green", "blue", "pink", "purple"];

export interface ToolbarActions {
  color(color: Color): void;
  note(): void;
  tag(tag: string): void;
  /** The selected highlight's tags, each shown with a button to remove it. */
  tags?: string[];
  untag?(tag: string): void;
  copy(): void;
  /** Copies the selected highlight's sidenote:// link (exports carry the same). */
  copyLink?(): void;
  event?(): void;
  remove?(): void;
}

export class Toolbar {
  readonly el: HTMLElement;
  private readonly tagInput: HTMLInputElement;
  private readonly tagRow: HTMLElement;
  private readonly tagsRow: HTMLElement;
  private readonly deleteBtn: HTMLButtonElement;
  private readonly eventBtn: HTMLButtonElement;
  private readonly linkBtn: HTMLButtonElement;
  private actions: ToolbarActions | null = null;
  private current: Color | null = null;

  constructor() {
    this.tagInput = h("input", { type: "text", class: "tag-input", placeholder: "Tag, then Enter", "aria-label": "Tag" });
    this.tagInput.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && this.tagInput.value.trim()) {
        e.preventDefault();
        this.actions?.tag(this.tagInput.value.trim());
        this.tagInput.value = "";
        this.tagRow.hidden = true;
      } else if (e.key === "Escape") {
        this.tagRow.hidden = true;
      }
    });
    this.tagRow = h("div", { class: "toolbar-tag", hidden: true }, this.tagInput);
    this.tagsRow = h("div", { class: "toolbar-tags", hidden: true });
    this.deleteBtn = h("button", { class: "icon-btn tb-delete", type: "button", "aria-label": "Delete highlight", title: "Delete highlight (Delete)", onclick: () => this.actions?.remove?.() }, icon("trash"));
    this.eventBtn = h("button", { class: "btn btn-ghost btn-small tb-event", type: "button", title: "Add to the timeline (E)", onclick: () => this.actions?.event?.() }, "Event");
    this.linkBtn = h(
      "button",
      { class: "btn btn-ghost btn-small tb-link", type: "button", "aria-label": "Copy link to highlight", title: "Copy link to highlight (L)", onclick: () => this.actions?.copyLink?.() },
      "Link",
    );
    const swatches = COLORS.map((c, i) =>
      h("button", {
        class: "swatch",
        type: "button",
        "data-color": c,
        "aria-label": `${c[0].toUpperCase()}${c.slice(1)} (${i + 1})`,
        title: `${c[0].toUpperCase()}${c.slice(1)} (${i + 1})`,
        onclick: () => this.actions?.color(c),
      }),
    );
    this.el = h(
      "div",
      { class: "hl-toolbar", role: "toolbar", "aria-label": "Highlight", hidden: true },
      h(
        "div",
        { class: "toolbar-row" },
        ...swatches,
        h("span", { class: "tb-sep" }),
        h("button", { class: "btn btn-ghost btn-small tb-note", type: "button", title: "Note (N)", onclick: () => this.actions?.note() }, "Note"),
        h("button", { class: "btn btn-ghost btn-small tb-tag", type: "button", title: "Tag (T)", onclick: () => this.openTag() }, "Tag"),
        h("button", { class: "btn btn-ghost btn-small tb-copy", type: "button", title: "Copy quote", onclick: () => this.actions?.copy() }, "Copy"),
        this.linkBtn,
        this.eventBtn,
        this.deleteBtn,
      ),
      this.tagsRow,
      this.tagRow,
    );
    // Clicking the toolbar must not clear the text selection it acts on.
    this.el.addEventListener("mousedown", (e) => {
      if (!(e.target as HTMLElement).closest("input")) e.preventDefault();
    });
    // A labelled region keeps the floating toolbar inside a landmark, so
    // screen-reader users can reach it from the landmarks list.
    document.body.appendChild(h("div", { class: "hl-toolbar-region", role: "region", "aria-label": "Highlight tools" }, this.el));
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  /** Shows the toolbar above `rect` (viewport coordinates). */
  show(rect: DOMRect, actions: ToolbarActions, current: Color | null): void {
    this.actions = actions;
    this.current = current;
    this.deleteBtn.hidden = !actions.remove;
    this.eventBtn.hidden = !actions.event;
    this.linkBtn.hidden = !actions.copyLink;
    for (const b of Array.from(this.el.querySelectorAll<HTMLElement>(".swatch"))) b.setAttribute("aria-pressed", String(b.dataset.color === current));
    this.tagRow.hidden = true;
    this.renderTags(actions.tags ?? []);
    this.el.hidden = false;
    const width = this.el.offsetWidth;
    const left = Math.min(Math.max(8, rect.left + rect.width / 2 - width / 2), window.innerWidth - width - 8);
    const above = rect.top - this.el.offsetHeight - 10;
    const top = above > 56 ? above : rect.bottom + 10;
    this.el.style.left = `${Math.round(left)}px`;
    this.el.style.top = `${Math.round(top)}px`;
  }

  private renderTags(tags: string[]): void {
    this.tagsRow.hidden = tags.length === 0;
    this.tagsRow.replaceChildren(
      ...tags.map((t) =>
        h(
          "span",
          { class: "tag tag-removable" },
          t,
          h("button", { class: "tag-remove", type: "button", "aria-label": `Remove tag ${t}`, title: "Remove tag", onclick: () => this.actions?.untag?.(t) }, icon("close")),
        ),
      ),
    );
  }

  hide(): void {
    this.el.hidden = true;
    this.actions = null;
  }

  openTag(): void {
    this.tagRow.hidden = false;
    this.tagInput.focus();
  }

  /** Keyboard shortcuts while the toolbar is up; true when the key was used. */
  handleKey(e: KeyboardEvent): boolean {
    if (!this.visible || !this.actions || e.ctrlKey || e.metaKey || e.altKey) return false;
    const n = Number(e.key);
    if (n >= 1 && n <= 5) {
      this.actions.color(COLORS[n - 1]);
      return true;
    }
    switch (e.key.toLowerCase()) {
      case "n":
        this.actions.note();
        return true;
      case "t":
        this.openTag();
        return true;
      case "l":
        if (this.actions.copyLink) {
          this.actions.copyLink();
          return true;
        }
        return false;
      case "e":
        if (this.actions.event) {
          this.actions.event();
          return true;
        }
        return false;
      case "delete":
      case "backspace":
        if (this.actions.remove) {
          this.actions.remove();
          return true;
        }
        return false;
    }
    return false;
  }

  get currentColor(): Color | null {
    return this.current;
  }
}
