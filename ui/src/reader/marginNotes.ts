// Margin notes: one card per highlight with a note (or being edited), level
// with its passage. Every note is placed (stacking needs them all), but only
// the cards near the view are built: a card far away is only a height (its
// measured one once built, otherwise an estimate) until scrolling brings it
// near. Cards are built, updated and removed one at a time; the layout pass
// only measures and moves them.
import type { ErrorPayload, Highlight } from "../api";
import { h } from "../dom";
import { icon } from "../icons";
import { renderMarkdown } from "../lib/markdown";
import { measure, now, PERF } from "../lib/perf";
import { mergeNote } from "../lib/noteMerge";
import { NoteSaver, storageDrafts, type SaveState } from "../lib/noteSaver";
import { COLLAPSED_HEIGHT, estimateCardHeight, type CardMetrics } from "./cardHeight";
import { nearRange, nearSpan, wantedIds, type Span } from "./cardWindow";
import { extent, layoutNotes, type Placed } from "./marginLayout";

/** Space kept between two cards. */
const GAP = 10;

/** A note, built or not. */
interface Entry {
  id: string;
  hl: Highlight;
  /** Its passage's top in the margin; null while the passage is not laid out. */
  anchor: number | null;
  /** The height the layout used for its card. */
  height: number;
  /** Where the layout placed it (meaningless while `anchor` is null). */
  top: number;
}

function newEntry(hl: Highlight): Entry {
  return { id: hl.id, hl, anchor: null, height: 0, top: 0 };
}

/** A built card's measured height, valid while what it was measured with is unchanged. */
interface MeasuredHeight {
  note: string;
  tags: string;
  expanded: boolean;
  height: number;
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
  private readonly entries = new Map<string, Entry>();
  /** The built cards: those near the view, and those kept (see `kept`). */
  private readonly cards = new Map<string, HTMLElement>();
  /** The placed entries in the order of their tops (searched for the window). */
  private order: Entry[] = [];
  private readonly heights = new Map<string, MeasuredHeight>();
  private metrics: CardMetrics = { width: 0, fontSize: 0 };
  /** Where the margin starts in the scroller's content, and the scroller's height. */
  private viewport = { offset: 0, height: 0 };
  /** What the built set was last decided from: unchanged, a scrolled frame does nothing. */
  private windowKey = "";
  private scrollFrame = 0;
  /** Cards whose "more" (or, in narrow windows, marker) was opened: kept when rebuilt. */
  private readonly expanded = new Set<string>();
  private readonly opened = new Set<string>();
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

  /** `scroller`: the element the margin scrolls in; without one every card is built. */
  constructor(
    private readonly margin: HTMLElement,
    private readonly anchorTop: (id: string) => number | null,
    private readonly cb: NoteCallbacks,
    private readonly scroller: HTMLElement | null = null,
  ) {
    this.saver = new NoteSaver({
      save: (id, text) => this.cb.save(id, text),
      drafts: storageDrafts(window.localStorage),
      onState: (id, state) => this.showSaveState(id, state),
    });
    scroller?.addEventListener("scroll", () => this.onScroll(), { passive: true });
  }

  clear(): void {
    window.clearTimeout(this.settleTimer);
    // An unsaved note stays as a draft; it comes back when its editor reopens.
    if (this.editing) this.saver.suspend(this.editing);
    this.editor = null;
    for (const card of this.cards.values()) card.remove();
    this.cards.clear();
    this.entries.clear();
    this.order = [];
    this.heights.clear();
    this.expanded.clear();
    this.opened.clear();
    this.unmeasured.clear();
    this.editing = null;
    this.focused = null;
    this.placed = undefined;
  }

  /** Adds, updates or removes the note of one highlight (its card if built). */
  sync(hl: Highlight): void {
    const wanted = hl.note.trim() !== "" || this.editing === hl.id;
    const entry = this.entries.get(hl.id);
    if (!wanted) {
      // A highlight without a note has no card: nothing to move (adding one
      // must not cost a pass over every note).
      if (entry) this.remove(hl.id);
      return;
    }
    if (entry) entry.hl = hl;
    else this.entries.set(hl.id, newEntry(hl));
    const card = this.cards.get(hl.id);
    if (card) {
      card.dataset.color = hl.color;
      if (this.editing !== hl.id) this.renderView(card, hl);
    }
    this.scheduleLayout();
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.order = this.order.filter((e) => e.id !== id);
    this.unbuild(id);
    this.heights.delete(id);
    this.expanded.delete(id);
    this.opened.delete(id);
    if (this.editing === id) this.editing = null;
    this.windowKey = "";
    this.scheduleLayout();
  }

  /** The highlight's card if it is built (near the view, or kept). */
  card(id: string): HTMLElement | null {
    return this.cards.get(id) ?? null;
  }

  /** The highlight has a note (built or not). */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The highlight's card, built now if it was not (to be focused, say); null without a note. */
  ensureCard(id: string): HTMLElement | null {
    if (!this.entries.has(id)) return null;
    const card = this.cards.get(id) ?? this.build(id);
    this.scheduleLayout();
    return card;
  }

  /** Opens the editor for a highlight's note, building its card if needed (kept while open). */
  edit(hl: Highlight): void {
    this.editing = hl.id;
    const entry = this.entries.get(hl.id);
    if (entry) entry.hl = hl;
    else this.entries.set(hl.id, newEntry(hl));
    const card = this.cards.get(hl.id) ?? this.build(hl.id);
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
    const before = this.focused;
    if (before) this.cards.get(before)?.classList.remove("focused");
    if (id) this.cards.get(id)?.classList.add("focused");
    this.focused = id;
    // Only a note that is pinned, or stops being pinned, moves the others
    // (and the pass builds a focused card that is far away).
    if ((before && this.entries.has(before)) || (id && this.entries.has(id))) this.scheduleLayout();
  }

  /**
   * A pass once the reader is idle, after marks were drawn for a highlight
   * without a note: wrapping text in a mark can, rarely, move a line break
   * (kerning or hyphenation across the new boundary) and the notes below it.
   * Not in the next frame: that frame should only show the new highlight.
   */
  settleLater(): void {
    if (!this.entries.size) return;
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
   * places the notes whose passages it holds, below the notes already
   * placed, which do not move (nothing above them changed). Reads only the
   * new passages: a full pass per slice read every placed one again, a cost
   * that grew with each slice. Falls back to the full pass when a note is
   * pinned or a new passage lies above the lowest placed one.
   */
  layoutAppended(): void {
    const placed = this.placed;
    if (this.frame || this.focused || !placed || !this.margin.isConnected) {
      this.layoutNow();
      return;
    }
    const started = now();
    const fresh: Entry[] = [];
    for (const e of this.entries.values()) {
      if (e.anchor !== null) continue;
      e.anchor = this.anchorTop(e.id);
      if (e.anchor !== null) fresh.push(e);
    }
    if (!fresh.length) return;
    if (fresh.some((f) => (f.anchor ?? 0) < placed.lowestAnchor)) {
      this.layoutNow();
      return;
    }
    for (const f of fresh) f.height = this.heightOf(f);
    const boxes = fresh.map((f) => ({ top: f.anchor ?? 0, height: f.height }));
    const tops = layoutNotes(boxes, { gap: GAP, below: placed.bottom });
    fresh.forEach((f, i) => (f.top = tops[i]));
    // All below the placed ones, so the order by top only grows at its end.
    this.order = this.order.concat(fresh.slice().sort((a, b) => a.top - b.top));
    this.placed = extent(boxes, tops, placed);
    this.positionCards();
    this.updateWindow();
    this.report();
    measure(PERF.notesLayout, started, { notes: fresh.length });
  }

  /** Places every note level with its passage, stacking without overlap, and builds the cards near the view. */
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
    // article, see ProgressiveLayout) has no position, and its note waits
    // out of the layout, so opening such an article lays out only the notes
    // beside its first screens.
    const placed: Entry[] = [];
    for (const e of this.entries.values()) {
      e.anchor = this.anchorTop(e.id);
      if (e.anchor !== null) placed.push(e);
    }
    this.readMetrics();
    for (const [id, card] of this.cards) card.classList.toggle("unplaced", this.entries.get(id)?.anchor == null);
    this.checkOverflow();
    for (const e of placed) {
      const card = this.cards.get(e.id);
      e.height = card ? this.measured(e, card) : this.heightOf(e);
    }
    this.place(placed);
    this.updateWindow();
    this.report();
    measure(PERF.notesLayout, started, { notes: placed.length });
  }

  /** Lays the placed notes out from their passages and heights (no reading of the page). */
  private place(placed: Entry[]): void {
    const boxes = placed.map((e) => ({ top: e.anchor ?? 0, height: e.height }));
    const focusedIndex = this.focused ? placed.findIndex((e) => e.id === this.focused) : -1;
    const tops = layoutNotes(boxes, { gap: GAP, focused: focusedIndex >= 0 ? focusedIndex : null });
    placed.forEach((e, i) => (e.top = tops[i]));
    // Placed without overlap in the order of their passages: sorting by top keeps that order.
    this.order = placed.slice().sort((a, b) => a.top - b.top);
    this.placed = extent(boxes, tops);
    this.positionCards();
  }

  /** How many notes there are and how many are placed, on the margin (for tests and the benchmark: most have no card). */
  private report(): void {
    const notes = String(this.entries.size);
    const placed = String(this.order.length);
    if (this.margin.dataset.notes !== notes) this.margin.dataset.notes = notes;
    if (this.margin.dataset.placed !== placed) this.margin.dataset.placed = placed;
  }

  /** Moves the built cards to where their notes are placed. */
  private positionCards(): void {
    this.windowKey = "";
    for (const [id, card] of this.cards) {
      const e = this.entries.get(id);
      if (!e || e.anchor === null) continue;
      if (card.classList.contains("unplaced")) card.classList.remove("unplaced");
      const top = `${Math.round(e.top)}px`;
      if (card.style.top !== top) card.style.top = top;
    }
  }

  /** The margin's measures (heights measured at another width or size are forgotten) and the view's place. */
  private readMetrics(): void {
    const width = this.margin.clientWidth;
    const fontSize = parseFloat(getComputedStyle(this.margin).fontSize) || 13;
    if (width !== this.metrics.width || fontSize !== this.metrics.fontSize) this.heights.clear();
    this.metrics = { width, fontSize };
    if (!this.scroller) return;
    const offset = this.margin.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop;
    this.viewport = { offset, height: this.scroller.clientHeight };
  }

  /** A built card's height, remembered for when it is built again. */
  private measured(e: Entry, card: HTMLElement): number {
    const height = card.offsetHeight;
    // The editor's height is not the note's.
    if (this.editing !== e.id) this.heights.set(e.id, { note: e.hl.note, tags: e.hl.tags.join("\n"), expanded: this.expanded.has(e.id), height });
    return height;
  }

  /** The height of a card not built: measured before if nothing changed since, otherwise estimated. */
  private heightOf(e: Entry): number {
    const expanded = this.expanded.has(e.id);
    const known = this.heights.get(e.id);
    if (known && known.note === e.hl.note && known.expanded === expanded && known.tags === e.hl.tags.join("\n")) return known.height;
    return estimateCardHeight(e.hl.note, e.hl.tags, expanded, this.metrics);
  }

  /** At most once a frame while scrolling: builds the cards coming near, removes those gone far. */
  private onScroll(): void {
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.updateWindow();
    });
  }

  /** The placed notes near the view (all of them without a scroller). */
  private span(): Span {
    if (!this.scroller) return { first: 0, last: this.order.length - 1 };
    const { from, to } = nearRange(this.scroller.scrollTop - this.viewport.offset, this.viewport.height);
    return nearSpan(this.order, from, to);
  }

  /** Notes whose cards stay built wherever they are: the open editor, the focused note, the card holding keyboard focus. */
  private kept(): (string | null)[] {
    const active = document.activeElement instanceof HTMLElement && this.margin.contains(document.activeElement) ? (document.activeElement.closest<HTMLElement>(".note-card")?.dataset.hid ?? null) : null;
    return [this.editing, this.focused, active].filter((id) => id === null || this.entries.has(id));
  }

  /**
   * Builds the cards near the view and removes the others. A new card's real
   * height replaces the one the layout used; when they differ the notes are
   * placed again (no page reads) and the window decided again, until they agree.
   */
  private updateWindow(): void {
    if (!this.margin.isConnected) return;
    for (let round = 0; round < 4; round++) {
      const span = this.span();
      const keep = this.kept();
      const key = `${span.first}:${span.last}:${keep.join(",")}`;
      if (key === this.windowKey) return;
      const wanted = wantedIds(this.order, span, keep);
      for (const id of [...this.cards.keys()]) if (!wanted.has(id)) this.unbuild(id);
      const built: Entry[] = [];
      for (const id of wanted) {
        if (this.cards.has(id)) continue;
        const e = this.entries.get(id);
        if (!e) continue;
        this.build(id);
        built.push(e);
      }
      this.windowKey = key;
      if (!built.length) return;
      this.checkOverflow();
      let changed = false;
      for (const e of built) {
        const card = this.cards.get(e.id);
        if (!card || e.anchor === null) continue;
        const height = this.measured(e, card);
        if (Math.abs(height - e.height) > 0.5) changed = true;
        e.height = height;
      }
      if (!changed) return;
      this.place([...this.entries.values()].filter((e) => e.anchor !== null));
    }
  }

  /** Makes a note's card, placed where its note is. */
  private build(id: string): HTMLElement {
    const e = this.entries.get(id);
    const card = h("div", { class: "note-card", "data-hid": id, id: `note-${id}`, role: "note" });
    card.addEventListener("click", (ev) => {
      if ((ev.target as HTMLElement).closest("a, button, textarea")) return;
      this.cb.select(id);
    });
    card.addEventListener("mouseenter", () => this.cb.hover(id, true));
    card.addEventListener("mouseleave", () => this.cb.hover(id, false));
    card.classList.toggle("focused", this.focused === id);
    card.classList.toggle("open", this.opened.has(id));
    // Its passage is not laid out yet: kept out of the layout until it is.
    if (!this.margin.isConnected || !e || e.anchor === null) card.classList.add("unplaced");
    else card.style.top = `${Math.round(e.top)}px`;
    if (e) {
      card.dataset.color = e.hl.color;
      if (this.editing !== id) this.renderView(card, e.hl);
    }
    this.cards.set(id, card);
    this.margin.appendChild(card);
    return card;
  }

  private unbuild(id: string): void {
    const card = this.cards.get(id);
    if (!card) return;
    // Removed under the pointer, it gets no mouseleave: its passage would stay lit.
    if (card.matches(":hover")) this.cb.hover(id, false);
    this.unmeasured.delete(card);
    card.remove();
    this.cards.delete(id);
  }

  private renderView(card: HTMLElement, hl: Highlight): void {
    const id = hl.id;
    card.classList.remove("editing");
    const expanded = this.expanded.has(id);
    card.classList.toggle("expanded", expanded);
    const body = h("div", { class: "note-text" });
    body.appendChild(renderMarkdown(hl.note));
    const marker = h("button", { class: "note-marker", type: "button", "aria-label": "Show note", onclick: () => toggle(this.opened, id, card.classList.toggle("open")) }, icon("margin"));
    const more = h("button", { class: "note-more", type: "button", hidden: !expanded }, expanded ? "less" : "more");
    more.addEventListener("click", (e) => {
      e.stopPropagation();
      const open = card.classList.toggle("expanded");
      toggle(this.expanded, id, open);
      more.textContent = open ? "less" : "more";
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
      measured.push({ more, tall: card.classList.contains("expanded") || body.scrollHeight > COLLAPSED_HEIGHT + 4 });
      this.unmeasured.delete(card);
    }
    for (const { more, tall } of measured) if (more.hidden === tall) more.hidden = !tall;
  }
}

function toggle(set: Set<string>, id: string, on: boolean): void {
  void (on ? set.add(id) : set.delete(id));
}
