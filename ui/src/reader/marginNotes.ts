// Margin notes: one card per highlight with a note (or being edited), level
// with its passage. Cards are created, updated and removed one at a time; the
// layout pass only measures and moves them.
import type { Highlight } from "../api";
import { h } from "../dom";
import { icon } from "../icons";
import { renderMarkdown } from "../lib/markdown";
import { measure, now, PERF } from "../lib/perf";
import { layoutNotes } from "./marginLayout";

const COLLAPSED_HEIGHT = 132; // px: about six lines of note text

export interface NoteCallbacks {
  select(id: string): void;
  save(id: string, note: string): Promise<boolean>;
  hover(id: string, on: boolean): void;
  /** The editor closed: redraw the card from the current highlight. */
  closed(id: string): void;
}

export class MarginNotes {
  private readonly cards = new Map<string, HTMLElement>();
  private editing: string | null = null;
  focused: string | null = null;
  private frame = 0;
  /** Cards whose "more" button waits for their text to be measured (see checkOverflow). */
  private readonly unmeasured = new Map<HTMLElement, { body: HTMLElement; more: HTMLElement }>();

  constructor(
    private readonly margin: HTMLElement,
    private readonly anchorTop: (id: string) => number | null,
    private readonly cb: NoteCallbacks,
  ) {}

  clear(): void {
    for (const card of this.cards.values()) card.remove();
    this.cards.clear();
    this.unmeasured.clear();
    this.editing = null;
    this.focused = null;
  }

  /** Creates, updates or removes the card of one highlight. */
  sync(hl: Highlight): void {
    const wanted = hl.note.trim() !== "" || this.editing === hl.id;
    const existing = this.cards.get(hl.id);
    if (!wanted) {
      existing?.remove();
      this.cards.delete(hl.id);
      this.scheduleLayout();
      return;
    }
    const card = existing ?? this.createCard(hl.id);
    card.dataset.color = hl.color;
    if (this.editing !== hl.id) this.renderView(card, hl);
    this.scheduleLayout();
  }

  remove(id: string): void {
    const card = this.cards.get(id);
    if (card) this.unmeasured.delete(card);
    card?.remove();
    this.cards.delete(id);
    if (this.editing === id) this.editing = null;
    this.scheduleLayout();
  }

  card(id: string): HTMLElement | null {
    return this.cards.get(id) ?? null;
  }

  /** Opens the editor for a highlight's note, creating its card if needed. */
  edit(hl: Highlight): void {
    this.editing = hl.id;
    const card = this.cards.get(hl.id) ?? this.createCard(hl.id);
    card.dataset.color = hl.color;
    const area = h("textarea", { class: "note-input", rows: "4", "aria-label": "Note (Markdown)", placeholder: "Write a note… (Markdown; Ctrl+Enter saves)" });
    area.value = hl.note;
    const finish = async (save: boolean) => {
      if (this.editing !== hl.id) return;
      const text = area.value;
      if (save && text !== hl.note) {
        const ok = await this.cb.save(hl.id, text);
        if (!ok) return; // keep the editor and the text: nothing is lost
      }
      this.editing = null;
      this.cb.closed(hl.id);
    };
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void finish(true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        void finish(false);
      }
    });
    card.replaceChildren(
      area,
      h(
        "div",
        { class: "note-actions" },
        h("button", { class: "btn btn-small", type: "button", onclick: () => void finish(false) }, "Cancel"),
        h("button", { class: "btn btn-small btn-primary note-save", type: "button", onclick: () => void finish(true) }, "Save"),
      ),
    );
    card.classList.add("editing");
    this.focused = hl.id;
    this.layoutNow();
    area.focus();
  }

  isEditing(id?: string): boolean {
    return id ? this.editing === id : this.editing !== null;
  }

  setFocused(id: string | null): void {
    if (this.focused === id) return;
    if (this.focused) this.cards.get(this.focused)?.classList.remove("focused");
    this.focused = id;
    if (id) this.cards.get(id)?.classList.add("focused");
    this.scheduleLayout();
  }

  scheduleLayout(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layoutNow();
    });
  }

  /** Places every card level with its passage, stacking without overlap. */
  layoutNow(): void {
    const started = now();
    this.checkOverflow();
    const ids: string[] = [];
    const boxes: { top: number; height: number }[] = [];
    for (const [id, card] of this.cards) {
      const top = this.anchorTop(id);
      if (top === null) continue;
      ids.push(id);
      boxes.push({ top, height: card.offsetHeight });
    }
    const focusedIndex = this.focused ? ids.indexOf(this.focused) : -1;
    const tops = layoutNotes(boxes, { gap: 10, focused: focusedIndex >= 0 ? focusedIndex : null });
    ids.forEach((id, i) => {
      const card = this.cards.get(id);
      if (card) card.style.transform = `translateY(${Math.round(tops[i])}px)`;
    });
    measure(PERF.notesLayout, started, { notes: ids.length });
  }

  private createCard(id: string): HTMLElement {
    const card = h("div", { class: "note-card", "data-hid": id, id: `note-${id}`, role: "note" });
    card.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("a, button, textarea")) return;
      this.cb.select(id);
    });
    card.addEventListener("mouseenter", () => this.cb.hover(id, true));
    card.addEventListener("mouseleave", () => this.cb.hover(id, false));
    this.cards.set(id, card);
    this.margin.appendChild(card);
    return card;
  }

  private renderView(card: HTMLElement, hl: Highlight): void {
    card.classList.remove("editing");
    const body = h("div", { class: "note-text" });
    body.appendChild(renderMarkdown(hl.note));
    const marker = h("button", { class: "note-marker", type: "button", "aria-label": "Show note", onclick: () => card.classList.toggle("open") }, icon("margin"));
    const more = h("button", { class: "note-more", type: "button", hidden: true }, "more");
    more.addEventListener("click", (e) => {
      e.stopPropagation();
      const expanded = card.classList.toggle("expanded");
      more.textContent = expanded ? "less" : "more";
      this.scheduleLayout();
    });
    card.replaceChildren(
      marker,
      h(
        "div",
        { class: "note-body" },
        body,
        hl.tags.length ? h("div", { class: "note-tags" }, ...hl.tags.map((t) => h("span", { class: "tag" }, t))) : null,
        more,
      ),
    );
    card.setAttribute("aria-label", `Note on “${hl.exact.slice(0, 60)}”`);
    this.unmeasured.set(card, { body, more });
    this.scheduleLayout();
  }

  /**
   * Shows "more" on the cards whose note is taller than the collapsed height.
   * All heights are read first, then all buttons written: one layout for any
   * number of cards (measuring and writing card by card forced a layout of
   * the whole article per card). Waits until the margin is in the document.
   */
  checkOverflow(): void {
    if (!this.unmeasured.size || !this.margin.isConnected) return;
    const measured = [...this.unmeasured.values()].map(({ body, more }) => ({ more, tall: body.scrollHeight > COLLAPSED_HEIGHT + 4 }));
    this.unmeasured.clear();
    for (const { more, tall } of measured) if (more.hidden === tall) more.hidden = !tall;
  }
}
