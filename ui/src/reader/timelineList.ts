// The timeline sidebar's list, built only near its view: every row is
// known (timelineRows.ts) and has a height (measured once built, otherwise
// estimated), but only the rows within a screen of the visible part exist,
// with spacers as tall as the rows between them. A long article's ~800
// events as rows held tens of MiB of the page and cost scroll frames
// (issue 24); the rows near the view are a few dozen. As the margin's note
// cards do (marginNotes.ts), a scrolled frame does nothing unless the built
// set changes, and a row holding keyboard focus stays built.
import { h } from "../dom";
import { nearRange, nearSpan, wantedIds, type PlacedBox, type Span } from "./cardWindow";
import { estimateRowHeight, heightKey } from "./timelineHeight";
import { listedCount, type TimelineRow } from "./timelineRows";
import { scrollToShow, slots, stackRows, type Slot } from "./timelineWindow";

/** The view's height assumed while the list is not laid out (its sidebar hidden, the reader not shown yet). */
const UNSEEN_HEIGHT = 800;
/**
 * A list this short is built whole: the timeline of most articles (a few
 * dozen events) costs little as it is, and stays whole for screen readers.
 */
export const WHOLE_LIST = 120;

export class TimelineList {
  private rows: TimelineRow[] = [];
  private readonly indexOf = new Map<string, number>();
  /** Each row's height with the space above it, and where the rows sit. */
  private heights: number[] = [];
  private boxes: PlacedBox[] = [];
  private total = 0;
  private listed = 0;
  /** The built rows by id, and the spacers in the list (reused in order). */
  private readonly built = new Map<string, HTMLElement>();
  private spacers: HTMLElement[] = [];
  /** Measured heights by `heightKey`, valid at the list's width. */
  private readonly measured = new Map<string, number>();
  /** Space above each kind of row (`margin-top`), read from the first one built. */
  private readonly above = new Map<string, number>();
  private width = 0;
  /** Where the list starts in the scroller's content and the scroller's height; `shown` when laid out. */
  private view = { offset: 0, height: UNSEEN_HEIGHT, shown: false };
  /** What the built set was last decided from: unchanged, a scrolled frame does nothing. */
  private windowKey = "";
  private frame = 0;
  /** A row to bring into view once the list is laid out (asked for while it was hidden). */
  private pending: string | null = null;

  /** `scroller`: the sidebar, which scrolls the list; `make`: builds a row's element. */
  constructor(
    private readonly list: HTMLElement,
    private readonly scroller: HTMLElement,
    private readonly make: (row: TimelineRow) => HTMLElement,
  ) {
    scroller.addEventListener("scroll", () => this.schedule(), { passive: true });
    // A row far from the view stayed built while it held focus; it may go once focus leaves.
    list.addEventListener("focusout", () => this.schedule());
    // Shown again (a wide window, the contents panel closed), resized, or laid out at last.
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(() => this.resized()).observe(scroller);
  }

  /** Lists `rows` in place of the others (the focused row, if still listed, keeps focus). */
  setRows(rows: TimelineRow[]): void {
    const focused = this.focusedRow();
    const refocus = focused === null ? -1 : this.focusIndex(focused);
    this.list.replaceChildren();
    this.built.clear();
    this.spacers = [];
    this.rows = rows;
    this.listed = listedCount(rows);
    this.indexOf.clear();
    rows.forEach((r, i) => this.indexOf.set(r.id, i));
    if (this.pending && !this.indexOf.has(this.pending)) this.pending = null;
    this.readView();
    this.heights = rows.map((r) => this.heightOf(r));
    this.restack();
    const keep = focused !== null && this.indexOf.has(focused) ? focused : null;
    this.update(keep);
    if (keep !== null && refocus >= 0) {
      const focusables = this.focusables(this.built.get(keep));
      (focusables[refocus] ?? focusables[0])?.focus({ preventScroll: true });
    }
  }

  /** A built row's element. */
  element(id: string): HTMLElement | null {
    return this.built.get(id) ?? null;
  }

  builtElements(): IterableIterator<HTMLElement> {
    return this.built.values();
  }

  /**
   * Scrolls the list to the row (unless it is in view already) and builds
   * it; while the list is not laid out, it is built and shown once laid out.
   */
  show(id: string): HTMLElement | null {
    const i = this.indexOf.get(id);
    if (i === undefined) return null;
    this.readView();
    if (!this.view.shown) {
      this.pending = id;
      this.update(id);
      return this.element(id);
    }
    this.pending = null;
    // Twice: building the rows around it replaces estimated heights with measured ones.
    for (let round = 0; round < 2; round++) {
      const top = scrollToShow(this.boxes[i], this.view.offset, this.scroller.scrollTop, this.view.height);
      if (top !== this.scroller.scrollTop) this.scroller.scrollTop = top;
      this.update(id);
    }
    return this.element(id);
  }

  /** At most once a frame: builds the rows coming near, removes those gone far. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private resized(): void {
    const { offset, height } = this.view;
    const width = this.width;
    this.readView();
    if (!this.view.shown) return;
    // Rows wrap differently at another width: estimated again. Rows built
    // while the list was hidden are measured now.
    if (this.width !== width) this.heights = this.rows.map((r) => this.heightOf(r));
    const built = [...this.built.keys()].map((id) => this.indexOf.get(id) ?? -1).filter((i) => i >= 0);
    const changed = this.measure(built);
    if (changed || this.width !== width || this.view.offset !== offset || this.view.height !== height) this.restack();
    if (this.pending) this.show(this.pending);
    else this.update();
  }

  /** The scroller's measures; `shown` is false while the sidebar has no box (hidden, or not in the document). */
  private readView(): void {
    const shown = this.scroller.isConnected && this.scroller.getClientRects().length > 0 && this.scroller.clientHeight > 0;
    if (!shown) {
      this.view = { offset: 0, height: UNSEEN_HEIGHT, shown: false };
      return;
    }
    const width = this.list.clientWidth;
    if (width !== this.width) {
      this.measured.clear();
      this.width = width;
    }
    const offset = this.list.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop;
    this.view = { offset, height: this.scroller.clientHeight, shown: true };
  }

  /** A row's height: measured before at this width, otherwise estimated. */
  private heightOf(row: TimelineRow): number {
    return this.measured.get(heightKey(row)) ?? estimateRowHeight(row, { width: this.width });
  }

  private restack(): void {
    ({ boxes: this.boxes, total: this.total } = stackRows(this.heights));
    this.windowKey = "";
  }

  /** The rows within a screen of the view (the first screens' while not laid out). */
  private span(): Span {
    if (this.rows.length <= WHOLE_LIST) return { first: 0, last: this.rows.length - 1 };
    const { from, to } = nearRange(this.viewTop(), this.view.height);
    return nearSpan(this.boxes, from, to);
  }

  /** The top of the view in the list's coordinates. */
  private viewTop(): number {
    return this.scroller.scrollTop - (this.view.shown ? this.view.offset : 0);
  }

  /** The row holding keyboard focus. */
  private focusedRow(): string | null {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.list.contains(active)) return null;
    for (const [id, el] of this.built) if (el.contains(active)) return id;
    return null;
  }

  private focusables(el: HTMLElement | undefined): HTMLElement[] {
    return el ? Array.from(el.querySelectorAll<HTMLElement>("button, a[href], input, select")) : [];
  }

  private focusIndex(id: string): number {
    return this.focusables(this.built.get(id)).indexOf(document.activeElement as HTMLElement);
  }

  /**
   * Builds the rows near the view (and `extra`, and the focused row,
   * wherever they are) and removes the others. A new row's measured height
   * replaces its estimate; when they differ the rows are stacked again (the
   * first row in view kept where it is) and the window decided again.
   */
  private update(extra: string | null = null): void {
    if (!this.rows.length) return;
    for (let round = 0; round < 4; round++) {
      const span = this.span();
      const keep = [this.focusedRow(), extra];
      const key = `${span.first}:${span.last}:${keep.join(",")}`;
      if (key === this.windowKey) return;
      // What is in view now stays put when rows above it turn out taller or
      // shorter than estimated: the first row in view, or the list's end
      // when scrolled to it. Read before the list changes (its new rows
      // can make it shorter, and the scroller then scrolls back by itself).
      const scrolled = this.scroller.scrollTop;
      const top = this.viewTop();
      const atEnd = scrolled > 0 && top + this.view.height >= this.total - 1;
      const anchor = nearSpan(this.boxes, top, top).first;
      const before = atEnd ? this.total : (this.boxes[anchor]?.top ?? 0);
      const wanted = wantedIds(this.rows, span, keep);
      for (const [id, el] of this.built) {
        if (wanted.has(id)) continue;
        el.remove();
        this.built.delete(id);
      }
      const order = [...wanted].map((id) => this.indexOf.get(id) ?? -1).filter((i) => i >= 0);
      order.sort((a, b) => a - b);
      const fresh = this.place(slots(order, this.boxes, this.total));
      this.windowKey = key;
      if (!fresh.length || !this.view.shown) return;
      if (!this.measure(fresh)) return;
      this.restack();
      // The spacers first, so the scroller can scroll as far as the rows now reach.
      this.place(slots(order, this.boxes, this.total));
      const target = Math.max(0, scrolled + (atEnd ? this.total : (this.boxes[anchor]?.top ?? 0)) - before);
      if (Math.abs(target - this.scroller.scrollTop) >= 0.5) this.scroller.scrollTop = target;
    }
  }

  /**
   * Puts the slots in the list: spacers (taken out first, reused in order)
   * and rows. Rows already built stay where they are (moving one would drop
   * its focus): they are in order, so only new rows and spacers go in
   * between. Returns the rows built now.
   */
  private place(list: Slot[]): number[] {
    for (const s of this.spacers) s.remove();
    const fresh: number[] = [];
    let spacers = 0;
    let cursor = this.list.firstElementChild;
    for (const slot of list) {
      let node: HTMLElement;
      if ("spacer" in slot) {
        node = this.spacers[spacers] ??= h("li", { class: "timeline-spacer", "aria-hidden": "true" });
        spacers++;
        const px = `${slot.spacer}px`;
        if (node.style.height !== px) node.style.height = px;
      } else {
        const row = this.rows[slot.row];
        const built = this.built.get(row.id);
        node = built ?? this.build(row);
        if (!built) fresh.push(slot.row);
      }
      if (node === cursor) cursor = cursor.nextElementSibling;
      else this.list.insertBefore(node, cursor);
    }
    this.spacers.length = spacers;
    return fresh;
  }

  private build(row: TimelineRow): HTMLElement {
    const el = this.make(row);
    // Its place in the whole list, for screen readers, which hear only the rows built.
    if (row.pos) {
      el.setAttribute("aria-posinset", String(row.pos));
      el.setAttribute("aria-setsize", String(this.listed));
    }
    this.built.set(row.id, el);
    return el;
  }

  /** Reads the rows' heights (all reads, no writes); true when any differs from the one used. */
  private measure(indices: readonly number[]): boolean {
    let changed = false;
    for (const i of indices) {
      const row = this.rows[i];
      const el = this.built.get(row.id);
      if (!el) continue;
      const kind = `${row.kind}${row.first ? "^" : ""}`;
      let above = this.above.get(kind);
      if (above === undefined) {
        above = parseFloat(getComputedStyle(el).marginTop) || 0;
        this.above.set(kind, above);
      }
      const height = el.getBoundingClientRect().height + above;
      this.measured.set(heightKey(row), height);
      if (Math.abs(height - this.heights[i]) > 0.01) changed = true;
      this.heights[i] = height;
    }
    return changed;
  }
}
