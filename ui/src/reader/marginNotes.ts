// Margin notes: one card per highlight with a note (or being edited), level
// with its passage. Cards are created, updated and removed one at a time; the
// layout pass only measures and moves them.
import type { ErrorPayload, Highlight } from "../api";
import { h } from "../dom";
import { icon } from "../icons";
import { renderMarkdown } from "../lib/markdown";
import { measure, now, PERF } from "../lib/perf";
import { mergeNote } from "../lib/noteMerge";
import { NoteSaver, storageDrafts, type SaveState } from "../lib/noteSaver";
import { layoutNotes } from "./marginLayout";

const COLLAPSED_HEIGHT = 132; // px: about six lines of note text
/** Space kept between two cards. */
const GAP = 10;

/** Where the placed cards end: the lowest passage and the lowest card's bottom. */
interface Placed {
  lowestAnchor: number;
  bottom: number;
}

/** The extent of cards at `tops`, merged with an earlier extent. */
function extent(boxes: readonly { top: number; height: number }[], tops: readonly number[], prior?: Placed): Placed {
  let lowestAnchor = prior?.lowestAnchor ?? -Infinity;
  let bottom = prior?.bottom ?? -Infinity;
  boxes.forEach((b, i) => {
    lowestAnchor = Math.max(lowestAnchor, b.top);
    bottom = Math.max(bottom, tops[i] + b.height);
  });
  return { lowestAnchor, bottom };
}

export interface NoteCallbacks {
  select(id: string): void;
  /** Stores a note: null when saved, otherwise why not. */
  save(id: string, note: string): Promise<ErrorPayload | null>;
  hover(id: string, on: boolean): void;
  /** The editor closed: redraw the card from the current highlight. */
  closed(id: string): void;
}

export class MarginNotes {
  private readonly cards = new Map<string, HTMLElement>();
  private editing: string | null = null;
  focused: string | null = null;
  private frame = 0;
  /** Where the cards placed by the last pass end; unset when anything may have moved since. */
  private placed: Placed | undefined;
  private settleTimer = 0;
  /** Cards whose "more" button waits for their text to be measured (see checkOverflow). */
  private readonly unmeasured = new Map<HTMLElement, { body: HTMLElement; more: HTMLElement }>();
  private readonly saver: NoteSaver;
  /** The open editor's status line and how to close it, for saves that finish later. */
  private editor: { id: string; status: HTMLElement; area: HTMLTextAreaElement; close: () => void } | null = null;

  constructor(
    private readonly margin: HTMLElement,
    private readonly anchorTop: (id: string) => number | null,
    private readonly cb: NoteCallbacks,
  ) {
    this.saver = new NoteSaver({
      save: (id, text) => this.cb.save(id, text),
      drafts: storageDrafts(window.localStorage),
      onState: (id, state) => this.showSaveState(id, state),
    });
  }

  clear(): void {
    window.clearTimeout(this.settleTimer);
    // An unsaved note stays as a draft; it comes back when its editor reopens.
    if (this.editing) this.saver.suspend(this.editing);
    this.editor = null;
    for (const card of this.cards.values()) card.remove();
    this.cards.clear();
    this.unmeasured.clear();
    this.editing = null;
    this.focused = null;
    this.placed = undefined;
  }

  /** Creates, updates or removes the card of one highlight. */
  sync(hl: Highlight): void {
    const wanted = hl.note.trim() !== "" || this.editing === hl.id;
    const existing = this.cards.get(hl.id);
    if (!wanted) {
      // A highlight without a note has no card: nothing to move (adding one
      // must not cost a pass over every note).
      if (!existing) return;
      existing.remove();
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
    const draft = this.saver.draft(hl.id, hl.note);
    area.value = draft ?? hl.note;
    const status = h("div", { class: "note-status", role: "status", "aria-live": "polite", hidden: draft === null }, draft === null ? "" : "Your unsaved note was restored.");
    area.addEventListener("input", () => this.saver.edited(hl.id, area.value));
    const close = () => {
      if (this.editing !== hl.id) return;
      this.editing = null;
      this.editor = null;
      this.cb.closed(hl.id);
    };
    this.editor = { id: hl.id, status, area, close };
    const finish = async (save: boolean) => {
      if (this.editing !== hl.id) return;
      const text = area.value;
      if (!save || (text === hl.note && !this.saver.isPending(hl.id))) {
        this.saver.discard(hl.id);
        close();
        return;
      }
      // On failure the editor stays open with the text: nothing is lost.
      if (await this.saver.submit(hl.id, text)) close();
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
      status,
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

  /** Shows how a save is going in the open editor; a late success closes it. */
  private showSaveState(id: string, state: SaveState): void {
    const editor = this.editor;
    if (!editor || editor.id !== id) return;
    const { status } = editor;
    status.hidden = false;
    status.classList.toggle("failed", state.status === "failed");
    if (state.status === "saving") {
      status.replaceChildren("Saving…");
    } else if (state.status === "saved") {
      status.replaceChildren();
      editor.close();
    } else {
      const when = state.retryInMs === null ? "" : ` Trying again in ${Math.round(state.retryInMs / 1000)} s.`;
      status.replaceChildren(
        icon("alert"),
        h("span", { class: "note-status-text" }, `Not saved: ${state.error.message}.${when} Your text is kept.`),
        h("button", { class: "btn btn-small note-retry", type: "button", onclick: () => void this.saver.retryNow(id) }, "Retry now"),
      );
    }
    this.scheduleLayout();
  }

  /**
   * The note open in the editor was changed on another device (from `base`
   * to `theirs`, arrived by sync): both edits are merged into the editor when
   * they touch different words (and saved as typing is); otherwise the
   * editor keeps this device's text and shows theirs, with a button to take it.
   */
  mergeRemote(id: string, base: string, theirs: string): void {
    const editor = this.editor;
    if (!editor || editor.id !== id) return;
    const area = editor.area;
    const focused = document.activeElement === area;
    const merged = mergeNote(base, area.value, theirs, area.selectionEnd);
    if (merged.text !== area.value) {
      area.value = merged.text;
      if (focused) area.setSelectionRange(merged.caret, merged.caret);
      this.saver.edited(id, merged.text);
    }
    editor.status.hidden = false;
    editor.status.classList.toggle("remote-conflict", !merged.clean);
    if (merged.clean) {
      editor.status.replaceChildren(h("span", { class: "note-status-text" }, "Changed on another device too: both edits are kept."));
    } else {
      const take = () => {
        area.value = theirs;
        this.saver.edited(id, theirs);
        editor.status.replaceChildren(h("span", { class: "note-status-text" }, "The other device's version is in the editor."));
      };
      editor.status.replaceChildren(
        h("span", { class: "note-status-text" }, "Also changed on another device, in the same words. Yours stays here; theirs was:"),
        h("blockquote", { class: "note-remote-text" }, theirs),
        h("button", { class: "btn btn-small note-take-remote", type: "button", onclick: take }, "Use Their Version"),
      );
    }
    this.scheduleLayout();
  }

  isEditing(id?: string): boolean {
    return id ? this.editing === id : this.editing !== null;
  }

  setFocused(id: string | null): void {
    if (this.focused === id) return;
    const before = this.focused ? this.cards.get(this.focused) : undefined;
    const after = id ? this.cards.get(id) : undefined;
    before?.classList.remove("focused");
    after?.classList.add("focused");
    this.focused = id;
    // Only a card that is pinned, or stops being pinned, moves the others.
    if (before || after) this.scheduleLayout();
  }

  /**
   * A pass once the reader is idle, after marks were drawn for a highlight
   * without a note: wrapping text in a mark can, rarely, move a line break
   * (kerning or hyphenation across the new boundary) and the notes below it.
   * Not in the next frame: that frame should only show the new highlight.
   */
  settleLater(): void {
    if (!this.cards.size) return;
    window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => this.scheduleLayout(), 400);
  }

  scheduleLayout(): void {
    this.placed = undefined;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layoutNow();
    });
  }

  /**
   * More of a long article was laid out below what was (ProgressiveLayout):
   * places the cards whose passages it holds, below the cards already
   * placed, which do not move (nothing above them changed). Measures only
   * the new cards: a full pass per slice measured every placed card again,
   * a cost that grew with each slice. Falls back to the full pass when a
   * card is pinned or a new passage lies above the lowest placed one.
   */
  layoutAppended(): void {
    const placed = this.placed;
    if (this.frame || this.focused || !placed || !this.margin.isConnected) {
      this.layoutNow();
      return;
    }
    const started = now();
    const fresh: { id: string; card: HTMLElement; top: number }[] = [];
    for (const [id, card] of this.cards) {
      if (!card.classList.contains("unplaced")) continue;
      const top = this.anchorTop(id);
      if (top !== null) fresh.push({ id, card, top });
    }
    if (!fresh.length) return;
    if (fresh.some((f) => f.top < placed.lowestAnchor)) {
      this.layoutNow();
      return;
    }
    for (const f of fresh) f.card.classList.remove("unplaced");
    this.checkOverflow();
    const boxes = fresh.map((f) => ({ top: f.top, height: f.card.offsetHeight }));
    const tops = layoutNotes(boxes, { gap: GAP, below: placed.bottom });
    fresh.forEach((f, i) => (f.card.style.top = `${Math.round(tops[i])}px`));
    this.placed = extent(boxes, tops, placed);
    measure(PERF.notesLayout, started, { notes: fresh.length });
  }

  /** Places every card level with its passage, stacking without overlap. */
  layoutNow(): void {
    // This pass makes any scheduled one redundant (a second pass would
    // measure the whole article again after this one moved the cards).
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    // Detached (an article opening before the reader is shown), nothing has a
    // position yet: the reader lays the notes out once it is attached.
    if (!this.margin.isConnected) return;
    const started = now();
    // Where the passages are; one not laid out yet (the rest of a long
    // article, see ProgressiveLayout) has no position, and its card waits
    // out of the layout, so opening such an article lays out only the cards
    // beside its first screens.
    const ids: string[] = [];
    const anchors: number[] = [];
    const all = [...this.cards];
    const found = all.map(([id]) => this.anchorTop(id));
    all.forEach(([id, card], i) => {
      const top = found[i];
      card.classList.toggle("unplaced", top === null);
      if (top === null) return;
      ids.push(id);
      anchors.push(top);
    });
    this.checkOverflow();
    const boxes = ids.map((id, i) => ({ top: anchors[i], height: this.cards.get(id)?.offsetHeight ?? 0 }));
    const focusedIndex = this.focused ? ids.indexOf(this.focused) : -1;
    const tops = layoutNotes(boxes, { gap: GAP, focused: focusedIndex >= 0 ? focusedIndex : null });
    ids.forEach((id, i) => {
      const card = this.cards.get(id);
      if (card) card.style.top = `${Math.round(tops[i])}px`;
    });
    this.placed = extent(boxes, tops);
    measure(PERF.notesLayout, started, { notes: ids.length });
  }

  private createCard(id: string): HTMLElement {
    const card = h("div", { class: "note-card", "data-hid": id, id: `note-${id}`, role: "note" });
    // Made while an article opens (the reader not shown yet): kept out of the
    // layout until its passage is found laid out.
    if (!this.margin.isConnected) card.classList.add("unplaced");
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
    const measured: { more: HTMLElement; tall: boolean }[] = [];
    for (const [card, { body, more }] of this.unmeasured) {
      if (card.classList.contains("unplaced")) continue; // measured once placed
      measured.push({ more, tall: body.scrollHeight > COLLAPSED_HEIGHT + 4 });
      this.unmeasured.delete(card);
    }
    for (const { more, tall } of measured) if (more.hidden === tall) more.hidden = !tall;
  }
}
