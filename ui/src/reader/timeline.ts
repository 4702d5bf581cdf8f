// The event timeline in the reader's left sidebar: the article's dated
// events in chronological order (or as told), with year markers, compressed
// gaps, chronology warnings, and a click that scrolls to the passage.
import { api, type TimelineEvent, type WarningKind, type WarningMark } from "../api";
import { clear, h } from "../dom";
import { cancelButton, openDialog } from "../dialog";
import { icon } from "../icons";
import { afterNextPaint } from "../lib/perf";
import { formatTimex, gapLabel, timexSpan, yearHeading } from "../lib/timexFormat";
import { toast } from "../toast";
import type { OffsetIndex } from "./offsets";
import { warningBlock } from "./timelineWarnings";

type Order = "chronological" | "mention";

/** Timeline rows made at once (more than a tall sidebar shows), then per frame. */
const FIRST_ROWS = 60;
const ROWS_PER_FRAME = 200;

export class TimelineSidebar {
  private events: TimelineEvent[] = [];
  private articleId: string | null = null;
  private order: Order = "chronological";
  private period = "";
  private showHidden = false;
  /** Dismissed warnings are shown again (with Restore) when the reader asks. */
  private showDismissed = false;
  /** Counts renders, so a stale one stops adding rows. */
  private renders = 0;
  private readonly list: HTMLElement;
  private readonly periodSelect: HTMLSelectElement;
  private readonly orderBtn: HTMLButtonElement;
  private readonly footer: HTMLElement;

  constructor(
    private readonly el: HTMLElement,
    private readonly index: () => OffsetIndex | null,
  ) {
    this.orderBtn = h("button", { class: "btn btn-ghost btn-small timeline-order", type: "button", onclick: () => this.toggleOrder() });
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
      h("header", { class: "timeline-header" }, h("h2", {}, icon("timeline"), "Timeline"), this.orderBtn),
      h("div", { class: "timeline-tools" }, this.periodSelect),
      this.list,
      this.footer,
    );
  }

  async load(articleId: string, fetched: Promise<TimelineEvent[]> = api.listEvents(articleId)): Promise<void> {
    this.articleId = articleId;
    this.period = "";
    try {
      this.events = await fetched;
    } catch (e) {
      this.events = [];
      toast(`The timeline could not be made: ${(e as { message: string }).message}`, "error");
    }
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
      this.events.push(ev);
      this.render();
      toast(`Added to the timeline: ${formatTimex(ev.value)}`, "success");
      return true;
    } catch (e) {
      toast((e as { message: string }).message, "error");
      return false;
    }
  }

  private toggleOrder(): void {
    this.order = this.order === "chronological" ? "mention" : "chronological";
    this.render();
  }

  private sorted(): TimelineEvent[] {
    const visible = this.events.filter((e) => !e.hidden);
    if (this.order === "mention") return [...visible].sort((a, b) => a.start - b.start);
    return [...visible].sort((a, b) => {
      const sa = timexSpan(a.value) ?? [Infinity, 0];
      const sb = timexSpan(b.value) ?? [Infinity, 0];
      return sa[0] - sb[0] || sa[1] - sa[0] - (sb[1] - sb[0]) || a.start - b.start;
    });
  }

  private render(): void {
    this.orderBtn.textContent = this.order === "chronological" ? "By date" : "As told";
    this.orderBtn.title = this.order === "chronological" ? "Showing in date order; click for the order of the text" : "Showing in the order of the text; click for date order";
    const all = this.sorted();
    // Periods: the decades present.
    const decades = [...new Set(all.map((e) => timexSpan(e.value)).filter((s): s is [number, number] => !!s).map(([s]) => Math.floor(s / 10) * 10))].sort((a, b) => a - b);
    clear(this.periodSelect);
    this.periodSelect.append(h("option", { value: "" }, "All periods"), ...decades.map((d) => h("option", { value: String(d) }, `${d}s`)));
    this.periodSelect.value = decades.map(String).includes(this.period) ? this.period : "";
    this.periodSelect.hidden = decades.length < 2;
    const shown = this.period
      ? all.filter((e) => {
          const s = timexSpan(e.value);
          return s && Math.floor(s[0] / 10) * 10 === Number(this.period);
        })
      : all;

    clear(this.list);
    if (!shown.length) {
      this.list.append(h("li", { class: "timeline-empty" }, "No dated events in this article. Select a passage and choose “Event” to add one."));
    }
    // Year markers and gaps are worked out now; the items are made in frames.
    const rows: (() => HTMLElement)[] = [];
    let lastHeading: string | null = null;
    let lastYear: number | null = null;
    for (const ev of shown) {
      if (this.order === "chronological") {
        const heading = yearHeading(ev.value);
        if (heading !== lastHeading) {
          const span = timexSpan(ev.value);
          if (span && lastYear !== null) {
            const gap = gapLabel(lastYear, span[0]);
            if (gap) rows.push(() => h("li", { class: "timeline-gap", "aria-hidden": "true" }, gap));
          }
          rows.push(() => h("li", { class: "timeline-year" }, heading));
          lastHeading = heading;
          if (span) lastYear = span[0];
        }
      }
      rows.push(() => this.item(ev));
    }
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
          h("ul", { class: "timeline-hidden" }, ...hidden.map((ev) => h("li", {}, h("span", {}, `${formatTimex(ev.value)} · ${ev.label}`), h("button", { class: "btn btn-ghost btn-small", type: "button", onclick: () => void this.setHidden(ev, false) }, "Show")))),
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

  /**
   * Makes the first rows now and the rest over the next frames: a long
   * article's thousand events were ~90 ms of its first layout, spent on rows
   * far below the sidebar's fold. A newer render stops an older one's frames.
   */
  private appendInFrames(rows: (() => HTMLElement)[]): void {
    const generation = ++this.renders;
    let at = 0;
    const more = (count: number) => {
      if (generation !== this.renders) return;
      this.list.append(...rows.slice(at, at + count).map((make) => make()));
      at += count;
      if (at < rows.length) afterNextPaint(() => more(ROWS_PER_FRAME));
    };
    more(FIRST_ROWS);
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
      { class: `timeline-event${state}`, "data-eid": ev.id, "data-value": ev.value },
      h(
        "button",
        { class: "timeline-main", type: "button", title: "Go to the passage" },
        h("span", { class: "timeline-date" }, formatTimex(ev.value)),
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
      toast((e as { message: string }).message, "error");
    }
  }

  private async setHidden(ev: TimelineEvent, hidden: boolean): Promise<void> {
    try {
      const updated = await api.setEventHidden(ev.id, hidden);
      this.events = this.events.map((e) => (e.id === ev.id ? updated : e));
      this.render();
    } catch (e) {
      toast((e as { message: string }).message, "error");
    }
  }

  private edit(ev: TimelineEvent): void {
    openEventDialog("Edit event", formatTimex(ev.value), ev.label, async (date, label) => {
      try {
        const updated = await api.updateEvent(ev.id, date === formatTimex(ev.value) ? null : date, label);
        this.events = this.events.map((e) => (e.id === ev.id ? updated : e));
        this.render();
        return null;
      } catch (e) {
        return (e as { message: string }).message;
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
