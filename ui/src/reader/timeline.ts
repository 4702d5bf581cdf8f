// The event timeline in the reader's left sidebar: the article's dated
// events in chronological order (or as told), with year markers, compressed
// gaps, chronology warnings, and a click that scrolls to the passage. A book
// can group them under its chapters.
//
// What a date means (its label, order, year and decade) comes from the core
// with each event (`ev.date`): the sidebar never reads a TIMEX value.
import { api, type ChronologyWarning, type TimelineEvent, type WarningKind, type WarningMark } from "../api";
import { clear, h } from "../dom";
import { cancelButton, openDialog } from "../dialog";
import { icon } from "../icons";
import { describeError, toApiError } from "../lib/errors";
import { errorToast, toast } from "../toast";
import type { OffsetIndex } from "./offsets";
import type { TocEntry } from "../bindings/TocEntry";
import { chaptersOf, groupByChapter } from "./timelineChapters";
import { TimelineList } from "./timelineList";
import { timelineRows, type TimelineRow } from "./timelineRows";
import { warningBlock } from "./timelineWarnings";

type Order = "chronological" | "mention";

/**
 * The core's date order of two events (`timeline::date_order`): by the
 * date's sort key, then in order of mention. Used to place an added or
 * re-dated event among the others, which arrive in this order.
 */
export function dateOrder(a: TimelineEvent, b: TimelineEvent): number {
  if (a.date.sortKey !== b.date.sortKey) return a.date.sortKey < b.date.sortKey ? -1 : 1;
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** `events` (in date order) with `ev` put in its place. */
export function placeInDateOrder(events: TimelineEvent[], ev: TimelineEvent): TimelineEvent[] {
  const rest = events.filter((e) => e.id !== ev.id);
  const at = rest.findIndex((e) => dateOrder(ev, e) < 0);
  return at < 0 ? [...rest, ev] : [...rest.slice(0, at), ev, ...rest.slice(at)];
}

export class TimelineSidebar {
  /** In the core's date order. */
  private events: TimelineEvent[] = [];
  private articleId: string | null = null;
  private order: Order = "chronological";
  /** Grouped under the book's chapters: a preference, kept across books and restarts. */
  private byChapter = false;
  /** Told when the reader flips the Chapters toggle, so the choice is saved. */
  onByChapterChange: (byChapter: boolean) => void = () => undefined;
  private period = "";
  private showHidden = false;
  /** Dismissed warnings are shown again (with Restore) when the reader asks. */
  private showDismissed = false;
  /** The event opened last (its row is marked), and whether its row waits for the events to come to be shown. */
  private current: string | null = null;
  private showCurrent = false;
  private readonly list: HTMLElement;
  private readonly rows: TimelineList;
  private readonly periodSelect: HTMLSelectElement;
  private readonly orderBtn: HTMLButtonElement;
  private readonly chapterBtn: HTMLButtonElement;
  private readonly footer: HTMLElement;

  constructor(
    private readonly el: HTMLElement,
    private readonly index: () => OffsetIndex | null,
    /** The open article's table of contents (empty for most articles). */
    private readonly contents: () => readonly TocEntry[] = () => [],
  ) {
    this.orderBtn = h("button", { class: "btn btn-ghost btn-small timeline-order", type: "button", onclick: () => this.toggleOrder() });
    this.chapterBtn = h(
      "button",
      { class: "btn btn-ghost btn-small timeline-by-chapter", type: "button", "aria-pressed": "false", title: "Group the events under the book's chapters" },
      "Chapters",
    );
    this.chapterBtn.addEventListener("click", () => {
      this.setByChapter(!this.byChapter);
      this.onByChapterChange(this.byChapter);
    });
    this.periodSelect = h("select", { class: "select select-small", "aria-label": "Period" });
    this.periodSelect.addEventListener("change", () => {
      this.period = this.periodSelect.value;
      this.render();
    });
    this.list = h("ol", { class: "timeline-list" });
    // The sidebar scrolls the list; only the rows near its view are built.
    this.rows = new TimelineList(this.list, el, (row) => this.makeRow(row));
    // An event's Edit and Hide buttons show only on hover or focus, so they
    // are made then: a long article has a thousand events, and their buttons
    // and icons were more than half of the sidebar's elements at every open.
    const withActions = (e: Event) => {
      const li = (e.target as Element).closest?.<HTMLElement>("li.timeline-event");
      if (li) this.addActions(li);
    };
    this.list.addEventListener("pointerover", withActions);
    this.list.addEventListener("focusin", withActions);
    this.footer = h("div", { class: "timeline-footer" });
    el.append(
      h("header", { class: "timeline-header" }, h("h2", {}, icon("timeline"), "Timeline"), h("div", { class: "timeline-views" }, this.chapterBtn, this.orderBtn)),
      h("div", { class: "timeline-tools" }, this.periodSelect),
      this.list,
      this.footer,
    );
  }

  /** Groups by chapter or not (from the saved preference, or the toggle). */
  setByChapter(byChapter: boolean): void {
    if (byChapter === this.byChapter) return;
    this.byChapter = byChapter;
    if (this.articleId) this.render();
  }

  async load(articleId: string, fetched: Promise<TimelineEvent[]> = api.listEvents(articleId)): Promise<void> {
    if (articleId !== this.articleId) {
      this.current = null;
      this.showCurrent = false;
    }
    this.articleId = articleId;
    this.period = "";
    let events: TimelineEvent[];
    try {
      events = await fetched;
    } catch (e) {
      events = [];
      if (this.articleId === articleId) errorToast(e, "The timeline could not be made");
    }
    // Another article opened while these were coming: they are not its events.
    if (this.articleId !== articleId) return;
    this.events = events;
    this.render();
  }

  get count(): number {
    return this.events.filter((e) => !e.hidden).length;
  }

  /** Adds the user's event on a passage. */
  async add(start: number, end: number, date: string, label: string): Promise<boolean> {
    if (!this.articleId) return false;
    try {
      const ev = await api.addEvent(this.articleId, start, end, date, label || null);
      this.events = placeInDateOrder(this.events, ev);
      this.render();
      toast(`Added to the timeline: ${ev.date.label}`, "success");
      return true;
    } catch (e) {
      errorToast(e);
      return false;
    }
  }

  private toggleOrder(): void {
    this.order = this.order === "chronological" ? "mention" : "chronological";
    this.render();
  }

  private render(): void {
    this.orderBtn.textContent = this.order === "chronological" ? "By date" : "As told";
    this.orderBtn.title = this.order === "chronological" ? "Showing in date order; click for the order of the text" : "Showing in the order of the text; click for date order";
    const visible = this.events.filter((e) => !e.hidden);
    // Periods: the decades present, earliest first (the events come in date order).
    const decades = [...new Set(visible.map((e) => e.date.decade).filter((d): d is string => d !== null))];
    clear(this.periodSelect);
    this.periodSelect.append(h("option", { value: "" }, "All periods"), ...decades.map((d) => h("option", { value: d }, d)));
    this.periodSelect.value = decades.includes(this.period) ? this.period : "";
    this.periodSelect.hidden = decades.length < 2;
    const all = this.order === "mention" ? [...visible].sort((a, b) => a.start - b.start) : visible;
    const shown = this.period ? all.filter((e) => e.date.decade === this.period) : all;
    const toc = this.contents();
    const hasChapters = chaptersOf(toc).length > 0;
    this.chapterBtn.hidden = !hasChapters;
    this.chapterBtn.setAttribute("aria-pressed", String(this.byChapter));
    const grouped = hasChapters && this.byChapter;

    const rows = timelineRows(shown, { byDate: this.order === "chronological", groups: grouped ? groupByChapter(shown, toc) : null, showDismissed: this.showDismissed });
    this.rows.setRows(rows);
    if (!rows.length) {
      this.list.append(h("li", { class: "timeline-empty" }, "No dated events in this article. Select a passage and choose “Event” to add one."));
    }
    if (this.showCurrent && this.current) this.markCurrent();
    const hidden = this.events.filter((e) => e.hidden);
    clear(this.footer);
    if (hidden.length) {
      const toggle = h("button", { class: "btn btn-ghost btn-small", type: "button" }, this.showHidden ? "Hide the hidden events" : `${hidden.length} hidden`);
      toggle.addEventListener("click", () => {
        this.showHidden = !this.showHidden;
        this.render();
      });
      this.footer.append(toggle);
      if (this.showHidden) {
        this.footer.append(
          h("ul", { class: "timeline-hidden" }, ...hidden.map((ev) => h("li", {}, h("span", {}, `${ev.date.label} · ${ev.label}`), h("button", { class: "btn btn-ghost btn-small", type: "button", onclick: () => void this.setHidden(ev, false) }, "Show")))),
        );
      }
    }
    const dismissed = this.events.filter((e) => !e.hidden).reduce((n, e) => n + e.warnings.filter((w) => w.mark === "dismissed").length, 0);
    if (dismissed) {
      const label = this.showDismissed ? "Hide dismissed warnings" : `${dismissed} dismissed warning${dismissed === 1 ? "" : "s"}`;
      const toggle = h("button", { class: "btn btn-ghost btn-small timeline-dismissed-toggle", type: "button" }, label);
      toggle.addEventListener("click", () => {
        this.showDismissed = !this.showDismissed;
        this.render();
      });
      this.footer.append(toggle);
    }
    this.el.dataset.events = String(this.count);
  }

  /** Makes a row of the list when it comes near the view. */
  private makeRow(row: TimelineRow): HTMLElement {
    const first = row.first ? " timeline-first" : "";
    switch (row.kind) {
      case "chapter":
        return h(
          "li",
          { class: `timeline-chapter${first}`, "data-start": String(row.start ?? 0) },
          h("span", { class: "timeline-chapter-title" }, row.text),
          h("span", { class: "timeline-chapter-count" }, `${row.count} event${row.count === 1 ? "" : "s"}`),
        );
      case "year":
        return h("li", { class: `timeline-year${first}` }, row.text);
      case "gap":
        return h("li", { class: `timeline-gap${first}`, "aria-hidden": "true" }, row.text);
      case "event":
        return row.event ? this.item(row.event, row.warnings ?? [], first) : h("li", {});
    }
  }

  private item(ev: TimelineEvent, shown: readonly ChronologyWarning[], first: string): HTMLElement {
    const open = ev.warnings.filter((w) => w.mark !== "dismissed");
    const blocks = shown.map((w) =>
      warningBlock(w, { reveal: (start, end) => this.revealRange(start, end), mark: (mark) => void this.markWarning(ev, w.kind, mark) }),
    );
    const state = open.some((w) => w.mark === "error") ? " has-error" : open.length ? " has-warning" : "";
    const current = ev.id === this.current;
    const li = h(
      "li",
      { class: `timeline-event${state}${first}${current ? " current" : ""}`, "aria-current": current ? "true" : null, "data-eid": ev.id, "data-value": ev.value, "data-precision": ev.date.precision ?? "" },
      h(
        "button",
        { class: "timeline-main", type: "button", title: "Go to the passage" },
        h("span", { class: "timeline-date" }, ev.date.label),
        h("span", { class: "timeline-label" }, ev.label),
      ),
      ...blocks,
    );
    li.querySelector(".timeline-main")?.addEventListener("click", () => this.reveal(ev));
    return li;
  }

  /** Gives an event its Edit and Hide buttons (once). */
  private addActions(li: HTMLElement): void {
    if (li.querySelector(".timeline-actions")) return;
    const ev = this.events.find((e) => e.id === li.dataset.eid);
    if (!ev) return;
    li.append(
      h(
        "div",
        { class: "timeline-actions" },
        h("button", { class: "icon-btn", type: "button", "aria-label": "Edit event", title: "Edit date or label", onclick: () => this.edit(ev) }, icon("edit")),
        h("button", { class: "icon-btn", type: "button", "aria-label": "Hide event", title: "Hide (not an event)", onclick: () => void this.setHidden(ev, true) }, icon("close")),
      ),
    );
  }

  /**
   * Scrolls the reader to the event's passage and flashes it, and marks its
   * row, scrolled into the sidebar's view (when its events are still coming,
   * once they are listed).
   */
  reveal(ev: TimelineEvent): void {
    if (!this.revealRange(ev.start, ev.end)) return;
    this.current = ev.id;
    this.showCurrent = true;
    this.markCurrent();
  }

  /** Marks the current event's row, built and in the sidebar's view. */
  private markCurrent(): void {
    for (const li of this.rows.builtElements()) {
      if (!li.classList.contains("current")) continue;
      li.classList.remove("current");
      li.removeAttribute("aria-current");
    }
    const li = this.current ? this.rows.show(this.current) : null;
    if (!li) return;
    this.showCurrent = false;
    li.classList.add("current");
    li.setAttribute("aria-current", "true");
  }

  /** Scrolls the reader to a passage and flashes it; false when it is not laid out. */
  private revealRange(start: number, end: number): boolean {
    const idx = this.index();
    if (!idx) return false;
    const ranges = idx.offsetsToRanges(start, end);
    if (!ranges.length) return false;
    const first = ranges[0].startContainer.parentElement;
    first?.scrollIntoView({ block: "center" });
    requestAnimationFrame(() => {
      for (const r of ranges) {
        for (const rect of Array.from(r.getClientRects())) {
          const flash = h("div", { class: "passage-flash" });
          Object.assign(flash.style, { left: `${rect.left - 2}px`, top: `${rect.top - 1}px`, width: `${rect.width + 4}px`, height: `${rect.height + 2}px` });
          document.body.appendChild(flash);
          window.setTimeout(() => flash.remove(), 1600);
        }
      }
    });
    return true;
  }

  /** The reader's verdict on a warning, kept in the library. */
  private async markWarning(ev: TimelineEvent, kind: WarningKind, mark: WarningMark | null): Promise<void> {
    try {
      const updated = await api.markWarning(ev.id, kind, mark);
      this.events = this.events.map((e) => (e.id === ev.id ? updated : e));
      this.render();
      if (mark === "dismissed") {
        toast("Warning dismissed", "info", 5000, { label: "Undo", run: () => void this.markWarning(updated, kind, null) });
      } else if (mark === "error") {
        toast("Marked as an error in the text; exports will show it", "success");
      }
    } catch (e) {
      errorToast(e, "The warning could not be changed");
    }
  }

  private async setHidden(ev: TimelineEvent, hidden: boolean): Promise<void> {
    try {
      const updated = await api.setEventHidden(ev.id, hidden);
      this.events = this.events.map((e) => (e.id === ev.id ? updated : e));
      this.render();
    } catch (e) {
      errorToast(e);
    }
  }

  private edit(ev: TimelineEvent): void {
    openEventDialog("Edit event", ev.date.label, ev.label, async (date, label) => {
      try {
        const updated = await api.updateEvent(ev.id, date === ev.date.label ? null : date, label);
        this.events = placeInDateOrder(this.events, updated);
        this.render();
        return null;
      } catch (e) {
        return describeError(toApiError(e).payload);
      }
    });
  }
}

/** A small dialog for an event's date (natural language) and label. */
export function openEventDialog(title: string, date: string, label: string, save: (date: string, label: string) => Promise<string | null>): void {
  const dateInput = h("input", { type: "text", value: date, placeholder: "e.g. June 2001", id: "event-date" });
  const labelInput = h("input", { type: "text", value: label, id: "event-label" });
  const error = h("p", { class: "form-error", role: "alert" });
  openDialog({
    name: "event",
    title,
    focus: dateInput,
    body: [h("label", { class: "field" }, h("span", {}, "Date"), dateInput), h("label", { class: "field" }, h("span", {}, "Label"), labelInput), error],
    footer: (close) => [cancelButton(close), h("button", { type: "submit", class: "btn btn-primary" }, "Save")],
    onSubmit: (close) => {
      void save(dateInput.value, labelInput.value).then((message) => {
        if (message) error.textContent = message;
        else close();
      });
    },
  });
}
