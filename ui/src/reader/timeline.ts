// The event timeline in the reader's left sidebar: the article's dated
// events in chronological order (or as told), with year markers, compressed
// gaps, chronology warnings, and a click that scrolls to the passage. A book
// can group them under its chapters.
//
// What a date means (its label, order, year and decade) comes from the core
// with each event (`ev.date`): the sidebar never reads a TIMEX value.
import { api, type TimelineEvent, type WarningKind, type WarningMark } from "../api";
import { clear, h } from "../dom";
import { cancelButton, openDialog } from "../dialog";
import { icon } from "../icons";
import { describeError, toApiError } from "../lib/errors";
import { formatCount, formatNumber } from "../lib/format";
import { afterNextPaint } from "../lib/perf";
import { errorToast, toast } from "../toast";
import type { OffsetIndex } from "./offsets";
import type { TocEntry } from "../bindings/TocEntry";
import { chaptersOf, groupByChapter } from "./timelineChapters";
import { warningBlock } from "./timelineWarnings";

type Order = "chronological" | "mention";

/** Timeline rows made at once (more than a tall sidebar shows), then per frame. */
const FIRST_ROWS = 60;
const ROWS_PER_FRAME = 200;
/**
 * Rows listed until the reader asks for more. The 1 MB benchmark article's
 * ~800 events as rows held 27-54 MiB of the page's memory and, beside the
 * scrolling article, cost scroll frames (issue 24's bisect: hiding the dock
 * halved the late frames, its list alone a quarter).
 */
export const ROWS_SHOWN = 300;

/** A row of the list, made when shown; an event's row names it. */
interface Row {
  make: () => HTMLElement;
  event?: string;
}

/** "3 years later" between two year markers' years, or null when adjacent. */
export function gapLabel(fromYear: number, toYear: number): string | null {
  const gap = toYear - fromYear;
  if (gap <= 1) return null;
  return `${gap} years later`;
}

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
  /** Counts renders, so a stale one stops adding rows. */
  private renders = 0;
  /** The rows of the last render, how many are listed, and how many may be before the button. */
  private rows: Row[] = [];
  private shownRows = 0;
  private rowLimit = 0;
  private readonly list: HTMLElement;
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

    clear(this.list);
    if (!shown.length) {
      this.list.append(h("li", { class: "timeline-empty" }, "No dated events in this article. Select a passage and choose “Event” to add one."));
    }
    // Year markers and gaps are worked out now; the items are made in frames.
    const rows: Row[] = [];
    if (grouped) {
      // Each chapter its own timeline: its heading, then its events with
      // year markers of their own (no gap is counted across chapters).
      for (const group of groupByChapter(shown, toc)) {
        const title = group.title ?? "Before the first chapter";
        const count = `${group.events.length} event${group.events.length === 1 ? "" : "s"}`;
        rows.push({ make: () => h("li", { class: "timeline-chapter", "data-start": String(group.start) }, h("span", { class: "timeline-chapter-title" }, title), h("span", { class: "timeline-chapter-count" }, count)) });
        this.eventRows(group.events, rows);
      }
    } else this.eventRows(shown, rows);
    this.appendInFrames(rows);
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

  /** The rows of `events`: in date order, under year headings with the gaps between. */
  private eventRows(events: readonly TimelineEvent[], rows: Row[]): void {
    let lastHeading: string | null = null;
    let lastYear: number | null = null;
    for (const ev of events) {
      if (this.order === "chronological") {
        const heading = ev.date.heading ?? "Undated";
        if (heading !== lastHeading) {
          const year = ev.date.year;
          if (year !== null && lastYear !== null) {
            const gap = gapLabel(lastYear, year);
            if (gap) rows.push({ make: () => h("li", { class: "timeline-gap", "aria-hidden": "true" }, gap) });
          }
          rows.push({ make: () => h("li", { class: "timeline-year" }, heading) });
          lastHeading = heading;
          if (year !== null) lastYear = year;
        }
      }
      rows.push({ make: () => this.item(ev), event: ev.id });
    }
  }

  /**
   * Makes the first rows now and the rest over the next frames: a long
   * article's thousand events were ~90 ms of its first layout, spent on rows
   * far below the sidebar's fold. Stops at ROWS_SHOWN rows with a button for
   * the next ones. A newer render stops an older one's frames.
   */
  private appendInFrames(rows: Row[]): void {
    const generation = ++this.renders;
    this.rows = rows;
    this.shownRows = 0;
    this.rowLimit = Math.min(rows.length, ROWS_SHOWN);
    const more = (count: number) => {
      if (generation !== this.renders) return;
      this.appendRows(Math.min(this.rowLimit, this.shownRows + count));
      if (this.shownRows < this.rowLimit) afterNextPaint(() => more(ROWS_PER_FRAME));
    };
    more(FIRST_ROWS);
  }

  /** Lists rows up to `upTo` (exclusive), with the button for the rest after them. */
  private appendRows(upTo: number): void {
    this.list.querySelector(":scope > .timeline-more")?.remove();
    this.list.append(...this.rows.slice(this.shownRows, upTo).map((r) => r.make()));
    this.shownRows = Math.max(this.shownRows, upTo);
    if (this.shownRows >= this.rowLimit && this.shownRows < this.rows.length) {
      const left = this.rows.slice(this.shownRows).filter((r) => r.event).length;
      const next = this.rows.slice(this.shownRows, this.shownRows + ROWS_SHOWN).filter((r) => r.event).length;
      const label = next === left ? `Show the other ${formatCount(left, "event")}` : `Show ${formatCount(next, "more event")} (${formatNumber(left)} not listed)`;
      const button = h("button", { class: "btn btn-ghost btn-small", type: "button" }, label);
      button.addEventListener("click", () => {
        this.rowLimit = Math.min(this.rows.length, this.rowLimit + ROWS_SHOWN);
        this.appendRows(this.rowLimit);
      });
      this.list.append(h("li", { class: "timeline-more" }, button));
    }
  }

  /** Lists the rows through the event's (a passage opened it), past the button if need be. */
  private listThrough(eventId: string): void {
    const i = this.rows.findIndex((r) => r.event === eventId);
    if (i < this.shownRows) return;
    this.rowLimit = Math.min(this.rows.length, Math.max(this.rowLimit, i + 1));
    this.appendRows(this.rowLimit);
  }

  private item(ev: TimelineEvent): HTMLElement {
    const open = ev.warnings.filter((w) => w.mark !== "dismissed");
    const shown = this.showDismissed ? ev.warnings : open;
    const blocks = shown.map((w) =>
      warningBlock(w, { reveal: (start, end) => this.revealRange(start, end), mark: (mark) => void this.markWarning(ev, w.kind, mark) }),
    );
    const state = open.some((w) => w.mark === "error") ? " has-error" : open.length ? " has-warning" : "";
    const li = h(
      "li",
      { class: `timeline-event${state}`, "data-eid": ev.id, "data-value": ev.value, "data-precision": ev.date.precision ?? "" },
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

  /** Scrolls the reader to the event's passage and flashes it. */
  reveal(ev: TimelineEvent): void {
    if (!this.revealRange(ev.start, ev.end)) return;
    this.el.querySelectorAll(".timeline-event.current").forEach((n) => n.classList.remove("current"));
    this.listThrough(ev.id);
    this.el.querySelector(`[data-eid="${ev.id}"]`)?.classList.add("current");
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
