// Highlights and notes in the reader: creating them from a selection,
// selecting and changing them, undo/redo, keyboard navigation, the margin
// notes and the list of orphans. Every change is saved in its own transaction
// before the page shows it as done; a failure leaves the page as it was.
import { api, type Article, type Color, type ErrorPayload, type Highlight, type HighlightPatch } from "../api";
import { toApiError } from "../lib/errors";
import { h } from "../dom";
import { mark, measure, now, PERF } from "../lib/perf";
import { UndoStack } from "../lib/undo";
import { errorToast, toast } from "../toast";
import { HighlightLayer } from "./highlightLayer";
import { MarginNotes } from "./marginNotes";
import { OffsetIndex } from "./offsets";
import { Toolbar } from "./toolbar";
import { highlightLink } from "../lib/links";

export class Annotations {
  private article: Article | null = null;
  private index: OffsetIndex | null = null;
  private layer: HighlightLayer | null = null;
  private readonly highlights = new Map<string, Highlight>();
  private orphans: Highlight[] = [];
  private selected: string | null = null;
  /** When the newest highlight started to be drawn (for the highlight-draw measure). */
  private drawStartedAt = 0;
  private reattaching: Highlight | null = null;
  private readonly notes: MarginNotes;
  private readonly toolbar = new Toolbar();
  readonly undo = new UndoStack();
  /** Set by the reader: add a timeline event on a selected passage. */
  onAddEvent: ((start: number, end: number, text: string) => void) | null = null;
  /** Set by the reader: lay the whole article out before scrolling to a passage. */
  beforeJump: () => void = () => undefined;

  get offsetIndex(): OffsetIndex | null {
    return this.index;
  }

  constructor(
    private readonly body: HTMLElement,
    private readonly margin: HTMLElement,
    private readonly orphanPanel: HTMLElement,
    scroller: HTMLElement | null = null,
  ) {
    this.notes = new MarginNotes(margin, (id) => this.anchorTop(id), {
      select: (id) => this.select(id, { focusNote: false }),
      save: (id, note) => this.saveNote(id, note),
      hover: (id, on) => this.layer?.setClass(id, "hl-hover", on),
      closed: (id) => {
        const hl = this.highlights.get(id);
        if (hl) this.notes.sync(hl);
      },
    }, scroller);
    body.addEventListener("mouseup", () => setTimeout(() => this.onSelectionEnd(), 0));
    body.addEventListener("keyup", (e) => {
      if (e.shiftKey || e.key.startsWith("Arrow")) this.onSelectionEnd();
    });
    body.addEventListener("click", (e) => this.onClick(e));
    body.addEventListener("mouseover", (e) => this.onHover(e, true));
    body.addEventListener("mouseout", (e) => this.onHover(e, false));
    window.addEventListener("resize", () => this.notes.scheduleLayout());
  }

  /** Asks for an article's highlights and orphans (started before the article arrives). */
  static fetch(articleId: string): Promise<[Highlight[], Highlight[]]> {
    return Promise.all([api.listHighlights(articleId), api.listOrphans(articleId)]);
  }

  /** Draws the article's highlights (from `Annotations.fetch`) after its HTML was rendered. */
  async load(article: Article, fetched: Promise<[Highlight[], Highlight[]]>): Promise<void> {
    this.article = article;
    this.highlights.clear();
    this.notes.clear();
    this.undo.clear();
    this.selected = null;
    this.reattaching = null;
    this.toolbar.hide();
    this.index = new OffsetIndex(this.body);
    this.layer = new HighlightLayer(this.index);
    const [list, orphans] = await fetched;
    mark(PERF.openListed);
    for (const hl of list) this.put(hl, false);
    this.orphans = orphans;
    this.renderOrphans();
    this.notes.layoutNow();
    this.body.dataset.highlights = String(this.highlights.size);
  }

  /**
   * Shows the highlights as a sync round left them (changes from another
   * device): new ones drawn, changed ones redrawn, gone ones erased, without
   * reloading the article. A note open in the editor is merged, not replaced.
   */
  applyRemote(list: Highlight[], orphans: Highlight[]): void {
    if (!this.layer) return;
    const seen = new Set<string>();
    // Highlights the round changed or took away: undo forgets what it knew of them.
    const touched: string[] = [];
    for (const hl of list) {
      seen.add(hl.id);
      const old = this.highlights.get(hl.id);
      if (!old) {
        this.put(hl);
        touched.push(hl.id);
      } else if (old.start !== hl.start || old.end !== hl.end) {
        this.drop(hl.id);
        this.put(hl);
        touched.push(hl.id);
      } else if (JSON.stringify(old) !== JSON.stringify(hl)) {
        if (old.note !== hl.note && this.notes.isEditing(hl.id)) this.notes.mergeRemote(hl.id, old.note, hl.note);
        this.replace(hl);
        touched.push(hl.id);
      }
    }
    for (const id of Array.from(this.highlights.keys())) {
      if (!seen.has(id)) {
        this.drop(id);
        touched.push(id);
      }
    }
    this.undo.forget(touched);
    this.orphans = orphans;
    this.renderOrphans();
    this.notes.scheduleLayout();
  }

  /** Lays the margin notes out again (after the reader is shown or resized). */
  relayout(): void {
    this.notes.layoutNow();
  }

  /** More of the article was laid out below what was: places the notes beside it. */
  relayoutAppended(): void {
    this.notes.layoutAppended();
  }

  /** A highlight's note is open in the editor. */
  get isWritingNote(): boolean {
    return this.notes.isEditing();
  }

  get count(): number {
    return this.highlights.size;
  }

  /** Scrolls to a highlight and selects it (from the library-wide list). */
  reveal(id: string): void {
    const first = this.layer?.first(id);
    if (!first) return;
    this.beforeJump();
    // At once, not smoothly: the toolbar is placed from where the passage ends up.
    first.scrollIntoView({ block: "center", behavior: "instant" });
    this.select(id, { focusNote: false });
  }

  // ---- creating -------------------------------------------------------------

  private currentSelection(): { start: number; end: number; rect: DOMRect } | null {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !this.index) return null;
    const range = sel.getRangeAt(0);
    if (!this.body.contains(range.commonAncestorContainer)) return null;
    const offsets = this.index.rangeToOffsets(range);
    if (!offsets || offsets.end <= offsets.start) return null;
    return { ...offsets, rect: range.getBoundingClientRect() };
  }

  private onSelectionEnd(): void {
    const sel = this.currentSelection();
    if (!sel) {
      if (!this.selected) this.toolbar.hide();
      return;
    }
    this.deselect();
    if (this.reattaching) {
      void this.reattach(this.reattaching, sel.start, sel.end);
      return;
    }
    this.toolbar.show(sel.rect, {
      color: (c) => void this.createFromSelection(c),
      note: () => void this.createFromSelection("yellow", { note: true }),
      tag: (t) => void this.createFromSelection("yellow", { tag: t }),
      copy: () => void this.copySelection(),
      event: () => {
        const text = window.getSelection()?.toString() ?? "";
        this.toolbar.hide();
        this.onAddEvent?.(sel.start, sel.end, text);
      },
    }, null);
  }

  private async createFromSelection(color: Color, extra: { note?: boolean; tag?: string } = {}): Promise<void> {
    const sel = this.currentSelection();
    if (!sel || !this.article) return;
    const hl = await this.create({ articleId: this.article.id, start: sel.start, end: sel.end, color, note: "", tags: extra.tag ? [extra.tag] : [] });
    if (!hl) return;
    window.getSelection()?.removeAllRanges();
    this.select(hl.id, { focusNote: false });
    if (extra.note) this.notes.edit(hl);
    // Drawing the marks, selecting them and placing the toolbar: the work
    // between the save returning and the next frame.
    measure(PERF.highlightDraw, this.drawStartedAt);
  }

  private async create(input: Parameters<typeof api.createHighlight>[0]): Promise<Highlight | null> {
    let hl: Highlight;
    try {
      hl = await api.createHighlight(input);
    } catch (e) {
      errorToast(e, "The highlight was not saved");
      return null;
    }
    this.drawStartedAt = now();
    this.put(hl);
    const id = hl.id;
    this.undo.record({
      label: "highlight",
      about: [id],
      undo: async () => {
        await api.deleteHighlight(id);
        this.drop(id);
      },
      redo: async () => {
        this.put(await api.restoreHighlight(id));
      },
    });
    return hl;
  }

  // ---- changing -------------------------------------------------------------

  /** Applies a change; null when stored, otherwise the error (shown as a toast unless `quiet`). */
  private async update(id: string, patch: HighlightPatch, label: string, quiet = false): Promise<ErrorPayload | null> {
    const before = this.highlights.get(id);
    if (!before) return { kind: "NotFound", message: "the highlight is no longer in this article", data: { what: "highlight", id } };
    let after: Highlight;
    try {
      after = await api.updateHighlight(id, patch);
    } catch (e) {
      if (quiet) return toApiError(e).payload;
      return errorToast(e, "Not saved").payload;
    }
    this.replace(after);
    const back: HighlightPatch = { color: before.color, note: before.note, tags: before.tags };
    this.undo.record({
      label,
      about: [id],
      undo: async () => this.replace(await api.updateHighlight(id, back)),
      redo: async () => this.replace(await api.updateHighlight(id, patch)),
    });
    return null;
  }

  /** The note editor shows its own failures (and retries), so no toast here. */
  private saveNote(id: string, note: string): Promise<ErrorPayload | null> {
    return this.update(id, { note }, "note", true);
  }

  private async remove(id: string): Promise<void> {
    try {
      await api.deleteHighlight(id);
    } catch (e) {
      errorToast(e, "Not deleted");
      return;
    }
    this.drop(id);
    this.undo.record({
      label: "delete",
      about: [id],
      undo: async () => this.put(await api.restoreHighlight(id)),
      redo: async () => {
        await api.deleteHighlight(id);
        this.drop(id);
      },
    });
    toast("Highlight deleted", "info", 5000, { label: "Undo", run: () => void this.undoLast() });
  }

  async undoLast(): Promise<void> {
    try {
      const label = await this.undo.undo();
      if (label) toast(`Undid ${label}`, "info", 2500);
    } catch (e) {
      errorToast(e, "Could not undo");
    }
  }

  async redoLast(): Promise<void> {
    try {
      const label = await this.undo.redo();
      if (label) toast(`Redid ${label}`, "info", 2500);
    } catch (e) {
      errorToast(e, "Could not redo");
    }
  }

  // ---- drawing state --------------------------------------------------------

  /** Draws a highlight; `settle`: one drawn on its own, not part of an article's first drawing. */
  private put(hl: Highlight, settle = true): void {
    if (!this.layer) return;
    this.highlights.set(hl.id, hl);
    this.layer.draw(hl);
    this.notes.sync(hl);
    if (settle && !this.notes.has(hl.id)) this.notes.settleLater();
    this.body.dataset.highlights = String(this.highlights.size);
  }

  private replace(hl: Highlight): void {
    this.highlights.set(hl.id, hl);
    this.layer?.refresh(hl);
    this.notes.sync(hl);
    if (this.selected === hl.id) this.showToolbarFor(hl);
  }

  private drop(id: string): void {
    this.highlights.delete(id);
    this.layer?.erase(id);
    this.notes.remove(id);
    if (this.selected === id) this.deselect();
    this.body.dataset.highlights = String(this.highlights.size);
  }

  /** Null when the passage has no box: not laid out yet (see ProgressiveLayout). */
  private anchorTop(id: string): number | null {
    const mark = this.layer?.first(id);
    if (!mark) return null;
    const rect = mark.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return null;
    return rect.top - this.margin.getBoundingClientRect().top;
  }

  // ---- selecting ------------------------------------------------------------

  private onClick(e: MouseEvent): void {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const mark = (e.target as HTMLElement).closest<HTMLElement>("mark.hl");
    if (mark?.dataset.hid) {
      if ((e.target as HTMLElement).closest("a")) e.preventDefault();
      this.select(mark.dataset.hid, { focusNote: false });
    } else {
      this.deselect();
    }
  }

  private onHover(e: MouseEvent, on: boolean): void {
    const mark = (e.target as HTMLElement).closest<HTMLElement>("mark.hl");
    const id = mark?.dataset.hid;
    if (!id) return;
    this.notes.card(id)?.classList.toggle("hover", on);
  }

  select(id: string, opts: { focusNote: boolean }): void {
    const hl = this.highlights.get(id);
    if (!hl || !this.layer) return;
    if (this.selected && this.selected !== id) this.layer.setClass(this.selected, "hl-selected", false);
    this.selected = id;
    this.layer.setClass(id, "hl-selected", true);
    this.notes.setFocused(id);
    this.showToolbarFor(hl);
    // A note far from the view has no card until it is built for the focus.
    const card = opts.focusNote ? this.notes.ensureCard(id) : null;
    if (card) card.focus();
    else this.layer.first(id)?.focus({ preventScroll: true });
  }

  private showToolbarFor(hl: Highlight): void {
    const first = this.layer?.first(hl.id);
    if (!first) return;
    const id = hl.id;
    this.toolbar.show(first.getBoundingClientRect(), {
      color: (c) => void this.update(id, { color: c }, "colour change"),
      note: () => {
        const current = this.highlights.get(id);
        if (current) this.notes.edit(current);
      },
      tag: (t) => {
        const current = this.highlights.get(id);
        if (current && !current.tags.some((x) => x.toLowerCase() === t.toLowerCase())) void this.update(id, { tags: [...current.tags, t] }, "tag");
      },
      tags: hl.tags,
      untag: (t) => {
        const current = this.highlights.get(id);
        if (current) void this.update(id, { tags: current.tags.filter((x) => x !== t) }, "tag removal");
      },
      copy: () => void this.copyQuote(id),
      copyLink: () => void this.copyLink(id),
      remove: () => void this.remove(id),
    }, hl.color);
  }

  deselect(): void {
    if (this.selected) this.layer?.setClass(this.selected, "hl-selected", false);
    this.selected = null;
    this.notes.setFocused(null);
    this.toolbar.hide();
  }

  /** j / k: the next or previous highlight in reading order. */
  step(direction: 1 | -1): void {
    const ordered = [...this.highlights.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    if (!ordered.length) return;
    const at = this.selected ? ordered.findIndex((x) => x.id === this.selected) : -1;
    const next = at < 0 ? (direction > 0 ? 0 : ordered.length - 1) : Math.min(ordered.length - 1, Math.max(0, at + direction));
    const id = ordered[next].id;
    this.beforeJump();
    this.layer?.first(id)?.scrollIntoView({ block: "center" });
    this.select(id, { focusNote: false });
  }

  /** Keys for the reader; true when handled. */
  handleKey(e: KeyboardEvent): boolean {
    const target = e.target as HTMLElement;
    if (target.closest("input, textarea, [contenteditable=true]")) return false;
    if (this.toolbar.handleKey(e)) return true;
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === "j") {
      this.step(1);
      return true;
    }
    if (e.key === "k") {
      this.step(-1);
      return true;
    }
    if (e.key === "Enter" && this.selected) {
      const hl = this.highlights.get(this.selected);
      if (hl) this.notes.edit(hl);
      return true;
    }
    if (e.key === "Escape" && (this.selected || this.toolbar.visible)) {
      this.deselect();
      return true;
    }
    return false;
  }

  // ---- copying --------------------------------------------------------------

  private async copySelection(): Promise<void> {
    const text = window.getSelection()?.toString() ?? "";
    await this.writeClipboard(text);
  }

  private async copyQuote(id: string): Promise<void> {
    const hl = this.highlights.get(id);
    if (hl) await this.writeClipboard(hl.exact);
  }

  /** The highlight's sidenote:// link, which opens the app at this passage. */
  private async copyLink(id: string): Promise<void> {
    const hl = this.highlights.get(id);
    if (!hl) return;
    try {
      await navigator.clipboard.writeText(highlightLink(hl.articleId, hl.id));
      toast("Link to the highlight copied", "success", 2000);
    } catch {
      toast("The clipboard could not be written.", "error");
    }
  }

  private async writeClipboard(text: string): Promise<void> {
    if (!text) return;
    const title = this.article?.title;
    try {
      await navigator.clipboard.writeText(title ? `“${text}” — ${title}` : text);
      toast("Quote copied", "success", 2000);
    } catch {
      toast("The clipboard could not be written.", "error");
    }
  }

  // ---- orphans --------------------------------------------------------------

  private renderOrphans(): void {
    const panel = this.orphanPanel;
    panel.replaceChildren();
    panel.hidden = this.orphans.length === 0;
    if (!this.orphans.length) return;
    panel.append(
      h("h2", {}, `${this.orphans.length} highlight${this.orphans.length === 1 ? "" : "s"} could not be placed`),
      h("p", { class: "orphans-hint" }, "The article's text changed. These are kept with their notes; choose one, then select the passage it belongs to."),
      h(
        "ul",
        {},
        ...this.orphans.map((o) =>
          h(
            "li",
            { class: "orphan" },
            h("blockquote", {}, o.exact),
            o.note ? h("p", { class: "orphan-note" }, o.note) : null,
            h("button", { class: "btn btn-small", type: "button", onclick: () => this.startReattach(o) }, "Re-attach…"),
          ),
        ),
      ),
    );
  }

  private startReattach(o: Highlight): void {
    this.reattaching = o;
    toast("Select the passage this highlight belongs to.", "info", 6000);
  }

  private async reattach(o: Highlight, start: number, end: number): Promise<void> {
    this.reattaching = null;
    try {
      const hl = await api.reattachHighlight(o.id, start, end);
      window.getSelection()?.removeAllRanges();
      this.orphans = this.orphans.filter((x) => x.id !== o.id);
      this.renderOrphans();
      this.put(hl);
      this.select(hl.id, { focusNote: false });
      toast("Highlight re-attached", "success");
    } catch (e) {
      errorToast(e, "Not re-attached");
    }
  }
}
