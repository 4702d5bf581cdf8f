// The Timeline tab: the events of every article (or of a filter) on one
// horizontal time axis that zooms from centuries to days, an overview strip
// of where events are dense, lanes by article or by tag, and below it the
// same events as a list (the accessible form of the chart, kept in step
// with the window). Drawn as our own SVG over the pure geometry of
// timeline/axis.ts: see the README for why not a charting library. The
// events come a window at a time (timeline/windowing.ts): an overview of
// the filter, counts per slice of time for the overview strip and for zoom
// levels too crowded to draw each event, and the visible window's events
// (with a margin) fetched again when zoom or pan leave what is loaded.
import { save } from "@tauri-apps/plugin-dialog";

import { api, type TimelineDensity, type TimelineExportFormat, type TimelineFilter, type TimelineOverview } from "../api";
import type { DisagreeingEvent } from "../bindings/DisagreeingEvent";
import type { LibraryEvent } from "../bindings/LibraryEvent";
import type { TimelineArticle } from "../bindings/TimelineArticle";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { aggregate, clampWindow, fitWindow, pan, sliderToSpan, spanToSlider, ticks, zoomAt, type Window } from "../timeline/axis";
import { DisagreementsPanel } from "../timeline/disagreements";
import { colorOf, laneItems, type LaneMode, type Laid } from "../timeline/lanes";
import { barHeight, bars, fetchRange, FETCH_LIMIT, isCrowded, LatestOnly, LIST_PAGE, moreLabel, OVERVIEW_SLICE_PX, serves, slicesFor, type Loaded } from "../timeline/windowing";
import { errorToast, toast } from "../toast";

export interface TimelineActions {
  /** Opens the event's article at its passage. */
  openEvent(e: LibraryEvent): void;
}

const NS = "http://www.w3.org/2000/svg";
const LANE_H = 34;
const AXIS_H = 26;
const LANE_LABEL_W = 150;
const OVERVIEW_H = 34;
/** Rows of the chart when it draws counts instead of events. */
const CROWDED_LANES = 4;

/** What one fetch of a window brought: its events, or (crowded) counts per slice. */
interface WindowData extends Loaded {
  events: LibraryEvent[];
  articles: TimelineArticle[];
  density?: TimelineDensity;
}

interface WindowRequest {
  filter: TimelineFilter;
  range: Window;
  win: Window;
  width: number;
  /** Likely more than FETCH_LIMIT events: ask for the counts first. */
  crowded: boolean;
}

/** The list of a crowded window, fetched a page at a time. */
interface ListData {
  win: Window;
  events: LibraryEvent[];
  total: number;
}

const EMPTY: WindowData = { range: { from: 0, to: 0 }, total: 0, span: 1, events: [], articles: [] };

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function truncate(text: string, px: number): string {
  const chars = Math.floor(px / 6.6);
  if (chars < 4) return "";
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

export class LibraryTimelineView {
  readonly el: HTMLElement;
  private overviewData: TimelineOverview | undefined;
  private overviewDensity: TimelineDensity | undefined;
  private data: WindowData = EMPTY;
  private crowdedList: ListData | undefined;
  /** Events of a loaded window listed so far (the list grows by LIST_PAGE). */
  private listShown = LIST_PAGE;
  private laid: Laid = { lanes: [], items: [] };
  private filter: TimelineFilter = { tag: null, search: "", articleIds: [], from: null, to: null };
  private lanes: LaneMode = "article";
  private win: Window = { from: 1900, to: 2030 };
  private bounds: Window | undefined;
  private loaded = false;
  private seq = 0;
  private frame = 0;
  private frames = 0;
  private searchTimer = 0;
  private listTimer = 0;
  /** When the tab asked for its data: the first frame is measured from here. */
  private openedAt: number | undefined;
  /** Events of a disagreement whose verdict is not given: flagged on the chart and in the list. */
  private flagged = new Set<string>();
  /** Keys of the disagreements whose verdict is not given: a page's events in them are flagged. */
  private openKeys = new Set<string>();
  private readonly windows = new LatestOnly<WindowRequest, WindowData>(
    (r) => this.fetchWindow(r),
    (d) => this.showWindow(d),
    (e) => errorToast(e, "The timeline could not be loaded"),
  );
  private readonly listPages = new LatestOnly<{ filter: TimelineFilter; win: Window }, ListData>(
    async ({ filter, win }) => {
      const page = await api.timelineWindow(filter, win.from, win.to, 0, LIST_PAGE);
      this.flag(page.disagreeing);
      return { win, events: page.events, total: page.total };
    },
    (l) => {
      this.crowdedList = l;
      this.drawList();
    },
    (e) => errorToast(e, "The timeline's list could not be loaded"),
  );
  private readonly searchInput: HTMLInputElement;
  private readonly tagSelect: HTMLSelectElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly slider: HTMLInputElement;
  private readonly selectionChip: HTMLElement;
  private readonly laneBtns = new Map<LaneMode, HTMLButtonElement>();
  private readonly chart: HTMLElement;
  private readonly svgEl: SVGSVGElement;
  private readonly overview: SVGSVGElement;
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private readonly disagreements: DisagreementsPanel;

  constructor(private readonly actions: TimelineActions) {
    this.searchInput = h("input", { type: "search", class: "search-input", placeholder: "Search articles and events", "aria-label": "Search the timeline" });
    this.searchInput.addEventListener("input", () => {
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => void this.setFilter({ search: this.searchInput.value }), 250);
    });
    this.tagSelect = h("select", { class: "select", "aria-label": "Tag", id: "timeline-tag" });
    this.tagSelect.addEventListener("change", () => void this.setFilter({ tag: this.tagSelect.value || null }));
    this.fromInput = h("input", { type: "text", class: "date-input tl-year", placeholder: "From", "aria-label": "From (year or date)", inputmode: "numeric", size: 10 });
    this.toInput = h("input", { type: "text", class: "date-input tl-year", placeholder: "To", "aria-label": "To (year or date)", inputmode: "numeric", size: 10 });
    for (const input of [this.fromInput, this.toInput]) input.addEventListener("change", () => void this.setFilter({ from: this.fromInput.value.trim() || null, to: this.toInput.value.trim() || null }));
    this.slider = h("input", { type: "range", min: 0, max: 1000, step: 1, class: "tl-zoom", "aria-label": "Zoom", id: "timeline-zoom" });
    this.slider.addEventListener("input", () => {
      const mid = (this.win.from + this.win.to) / 2;
      const span = sliderToSpan(Number(this.slider.value));
      this.setWindow({ from: mid - span / 2, to: mid + span / 2 });
    });
    const laneGroup = h("div", { class: "segmented", role: "group", "aria-label": "Lanes" });
    for (const [mode, label] of [
      ["article", "By article"],
      ["tag", "By tag"],
    ] as const) {
      const b = h("button", { class: "btn btn-small", "data-lanes": mode, onclick: () => this.setLanes(mode) }, label);
      this.laneBtns.set(mode, b);
      laneGroup.appendChild(b);
    }
    this.selectionChip = h("span", { class: "tl-chip", hidden: true });
    this.summary = h("p", { class: "tl-summary", "aria-live": "polite" });
    const toolbar = h(
      "div",
      { class: "tl-toolbar" },
      this.searchInput,
      this.tagSelect,
      h("span", { class: "tl-range" }, this.fromInput, h("span", { "aria-hidden": "true" }, "–"), this.toInput),
      laneGroup,
      this.selectionChip,
      h(
        "span",
        { class: "tl-zoom-group" },
        h("button", { class: "icon-btn", "aria-label": "Zoom out", title: "Zoom out (−)", onclick: () => this.zoom(2) }, "−"),
        this.slider,
        h("button", { class: "icon-btn", "aria-label": "Zoom in", title: "Zoom in (+)", onclick: () => this.zoom(0.5) }, "+"),
        h("button", { class: "btn btn-small", onclick: () => this.fit(), title: "Show every event (Home)" }, "Fit"),
      ),
      this.exportMenu(),
    );
    this.svgEl = s("svg", { class: "tl-svg", role: "img" });
    this.overview = s("svg", { class: "tl-overview", role: "img", "aria-label": "Where the events are dense; drag to move the window" });
    this.chart = h("div", { class: "tl-chart", tabindex: 0, role: "group", "aria-label": "Timeline chart: + and − zoom, arrows move, Home shows everything" });
    this.chart.append(this.svgEl);
    const overviewWrap = h("div", { class: "tl-overview-wrap" });
    overviewWrap.append(this.overview);
    this.list = h("ol", { class: "tl-list", "aria-label": "Events in view" });
    this.emptyEl = h("div", { class: "empty-state tl-empty", hidden: true });
    this.disagreements = new DisagreementsPanel({ open: (e) => this.actions.openEvent(e), changed: () => void this.load() });
    this.el = h(
      "section",
      { class: "view library-timeline-view", "aria-label": "Timeline of the library" },
      h("div", { class: "tl-header" }, h("h1", { class: "view-title" }, "Timeline"), this.summary),
      toolbar,
      this.disagreements.el,
      this.chart,
      overviewWrap,
      this.emptyEl,
      h("h2", { class: "tl-list-title visually-hidden" }, "Events in view"),
      this.list,
    );
    this.bindChart(overviewWrap);
    new ResizeObserver(() => this.schedule()).observe(this.chart);
    this.setLanes("article", false);
  }

  /** Export of the filtered timeline: a format, then the save dialog. */
  private exportMenu(): HTMLElement {
    const formats: [TimelineExportFormat, string, string][] = [
      ["html", "Web page (HTML)", "html"],
      ["csv", "Spreadsheet (CSV)", "csv"],
      ["timelinejs", "TimelineJS (JSON)", "json"],
    ];
    const select = h("select", { class: "select", "aria-label": "Export the timeline as", id: "timeline-export" }, h("option", { value: "" }, "Export…"), ...formats.map(([f, label]) => h("option", { value: f }, label)));
    select.addEventListener("change", () => {
      const picked = formats.find(([f]) => f === select.value);
      select.value = "";
      if (picked) void this.exportAs(picked[0], picked[2]);
    });
    return select;
  }

  private async exportAs(format: TimelineExportFormat, ext: string): Promise<void> {
    const path = await save({ title: "Export the timeline", defaultPath: `sidenote-timeline.${ext}`, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
    if (!path) return;
    try {
      await api.exportLibraryTimeline(this.filter, format, path);
      toast(`Timeline saved to ${path}`, "success");
    } catch (e) {
      errorToast(e, "The timeline could not be exported");
    }
  }

  /** Shows only these articles (the library's "Show on timeline"); an empty list shows all. */
  showArticles(ids: string[], titles: string[]): void {
    this.filter = { ...this.filter, articleIds: ids };
    this.selectionChip.hidden = ids.length === 0;
    this.selectionChip.title = titles.join(", ");
    clear(this.selectionChip);
    if (ids.length) {
      this.selectionChip.append(
        ids.length === 1 ? `Only “${titles[0]}”` : `${ids.length} articles`,
        h("button", { class: "icon-btn", "aria-label": "Show all articles", title: "Show all articles", onclick: () => this.showArticles([], []) }, icon("close")),
      );
    }
    this.loaded = false;
    void this.load();
  }

  /**
   * Loads the filter's overview (first time, or after a change), then the
   * visible window's events; keeps the window unless it was never set.
   */
  async load(): Promise<void> {
    const seq = ++this.seq;
    this.openedAt = performance.now();
    this.windows.cancel();
    this.listPages.cancel();
    let overview: TimelineOverview;
    try {
      [overview] = await Promise.all([api.timelineOverview(this.filter), this.loadTags()]);
    } catch (e) {
      errorToast(e, "The timeline could not be loaded");
      return;
    }
    if (seq !== this.seq) return;
    this.overviewData = overview;
    const open = overview.disagreements.filter((d) => !d.verdict);
    this.openKeys = new Set(open.map((d) => d.key));
    this.flagged = new Set(open.flatMap((d) => d.events.map((e) => e.event.id)));
    this.bounds = overview.from !== null && overview.to !== null ? fitWindow([{ from: overview.from, to: overview.to }]) : undefined;
    if (!this.loaded) this.win = this.bounds ?? fitWindow([]);
    this.loaded = true;
    this.win = clampWindow(this.win, this.bounds);
    this.disagreements.render(overview.disagreements);
    this.summary.textContent = `${fmt(overview.total)} ${overview.total === 1 ? "event" : "events"} from ${fmt(overview.articles)} ${overview.articles === 1 ? "article" : "articles"}`;
    this.emptyEl.hidden = overview.total > 0;
    this.emptyEl.textContent = this.hasFilter() ? "No events match these filters." : "No dated events yet: import articles that mention dates, and their events appear here.";
    this.overviewDensity = undefined;
    const strip = this.bounds;
    const stripLoad =
      strip && overview.total > 0
        ? api
            .timelineDensity(this.filter, strip.from, strip.to, Math.max(10, Math.floor(Math.max(200, this.chart.clientWidth) / OVERVIEW_SLICE_PX)))
            .then((d) => {
              if (seq !== this.seq) return;
              this.overviewDensity = d;
              this.drawOverview();
            })
            .catch((e) => errorToast(e, "The timeline's overview could not be loaded"))
        : Promise.resolve();
    let data: WindowData;
    try {
      data = overview.total ? await this.fetchWindow(this.windowRequest()) : { ...EMPTY, range: fetchRange(this.win), span: this.win.to - this.win.from };
    } catch (e) {
      errorToast(e, "The timeline could not be loaded");
      return;
    }
    if (seq !== this.seq) return;
    this.showWindow(data);
    await stripLoad;
    document.documentElement.dataset.timelineReady = String(this.seq);
  }

  /** What to ask for to show the current window. */
  private windowRequest(): WindowRequest {
    const range = fetchRange(this.win);
    return { filter: this.filter, range, win: this.win, width: this.chartWidth(), crowded: this.likelyCrowded(range) };
  }

  /** Whether `range` likely holds more than FETCH_LIMIT events, judged from the overview strip's counts. */
  private likelyCrowded(range: Window): boolean {
    const total = this.overviewData?.total ?? 0;
    if (total <= FETCH_LIMIT) return false;
    const d = this.overviewDensity;
    if (!d) return true;
    const slice = (d.to - d.from) / d.counts.length;
    let n = 0;
    d.counts.forEach((c, i) => {
      const from = d.from + i * slice;
      if (from + slice > range.from && from < range.to) n += c;
    });
    return n > FETCH_LIMIT * 1.2;
  }

  /** The window's events, or when there are too many, counts per slice of it. */
  private async fetchWindow(r: WindowRequest): Promise<WindowData> {
    const span = r.win.to - r.win.from;
    if (!r.crowded) {
      const page = await api.timelineWindow(r.filter, r.range.from, r.range.to, 0, FETCH_LIMIT);
      if (page.total <= FETCH_LIMIT) {
        this.flag(page.disagreeing);
        return { range: r.range, total: page.total, span, events: page.events, articles: page.articles };
      }
    }
    const density = await api.timelineDensity(r.filter, r.range.from, r.range.to, slicesFor(r.range, r.win, r.width));
    const total = density.counts.reduce((a, b) => a + b, 0);
    if (total <= FETCH_LIMIT && r.crowded) return this.fetchWindow({ ...r, crowded: false });
    return { range: r.range, total: Math.max(total, FETCH_LIMIT + 1), span, events: [], articles: [], density };
  }

  /** A fetched window: laid out, drawn, and (crowded) its list asked for. */
  private showWindow(d: WindowData): void {
    this.data = d;
    this.laid = laneItems(d, this.lanes);
    this.listShown = LIST_PAGE;
    if (isCrowded(d)) {
      if (!this.crowdedList || !sameWindow(this.crowdedList.win, this.win)) this.listPages.request({ filter: this.filter, win: this.win }, true);
    } else {
      this.crowdedList = undefined;
    }
    this.drawNow();
    this.drawList();
    const opened = this.openedAt;
    if (opened !== undefined) {
      this.openedAt = undefined;
      // After the frame is laid out and painted: what the reader waits for after the click.
      requestAnimationFrame(() => measure("timeline-first-frame", opened));
    }
  }

  /** Flags a page's events that are in a disagreement not yet settled. */
  private flag(events: readonly DisagreeingEvent[]): void {
    for (const d of events) if (this.openKeys.has(d.key)) this.flagged.add(d.eventId);
  }

  private hasFilter(): boolean {
    const f = this.filter;
    return !!(f.tag || f.search.trim() || f.articleIds.length || f.from || f.to);
  }

  private async loadTags(): Promise<void> {
    const tags = await api.highlightTags().catch(() => [] as string[]);
    const current = this.filter.tag ?? "";
    clear(this.tagSelect);
    this.tagSelect.append(h("option", { value: "" }, "All tags"), ...tags.map((t) => h("option", { value: t, selected: t === current }, `#${t}`)));
  }

  private async setFilter(change: Partial<TimelineFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    this.loaded = false;
    await this.load();
  }

  private setLanes(mode: LaneMode, redraw = true): void {
    this.lanes = mode;
    for (const [m, b] of this.laneBtns) b.setAttribute("aria-pressed", String(m === mode));
    this.laid = laneItems(this.data, mode);
    if (redraw) this.drawNow();
  }

  private setWindow(w: Window): void {
    this.win = clampWindow(w, this.bounds);
    this.schedule();
    if (!this.overviewData?.total) return;
    if (!serves(this.data, this.win)) this.windows.request(this.windowRequest());
    // The list follows once zoom or pan pause: rebuilding it on every frame is most of a frame's work.
    window.clearTimeout(this.listTimer);
    this.listTimer = window.setTimeout(() => {
      this.listShown = LIST_PAGE;
      if (isCrowded(this.data)) this.listPages.request({ filter: this.filter, win: this.win }, true);
      else this.drawList();
    }, 150);
  }

  private zoom(factor: number, anchor = (this.win.from + this.win.to) / 2): void {
    this.setWindow(zoomAt(this.win, factor, anchor, this.bounds));
  }

  private fit(): void {
    this.setWindow(this.bounds ?? fitWindow([]));
  }

  /** Zooms into a span (a cluster's), with a margin. */
  private zoomTo(from: number, to: number): void {
    const margin = Math.max((to - from) * 0.15, 2 / 365);
    this.setWindow({ from: from - margin, to: to + margin });
  }

  private chartWidth(): number {
    return Math.max(200, this.chart.clientWidth - LANE_LABEL_W);
  }

  private bindChart(overviewWrap: HTMLElement): void {
    this.chart.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const rect = this.chart.getBoundingClientRect();
        const x = e.clientX - rect.left - LANE_LABEL_W;
        const anchor = this.win.from + (Math.max(0, x) / this.chartWidth()) * (this.win.to - this.win.from);
        if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          const d = e.shiftKey ? e.deltaY : e.deltaX;
          this.setWindow(pan(this.win, (d / this.chartWidth()) * (this.win.to - this.win.from), this.bounds));
        } else {
          // A pinch arrives as a wheel with ctrlKey and small deltas: the same zoom, finer.
          this.zoom(Math.exp(e.deltaY * (e.ctrlKey ? 0.01 : 0.0015)), anchor);
        }
      },
      { passive: false },
    );
    let drag: { x: number; win: Window; moved: boolean } | null = null;
    this.chart.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || (e.target as Element).closest(".tl-mark")) return;
      drag = { x: e.clientX, win: this.win, moved: false };
      this.chart.setPointerCapture(e.pointerId);
    });
    this.chart.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2) drag.moved = true;
      this.setWindow(pan(drag.win, (-dx / this.chartWidth()) * (drag.win.to - drag.win.from), this.bounds));
    });
    this.chart.addEventListener("pointerup", () => (drag = null));
    this.chart.addEventListener("keydown", (e) => {
      const span = this.win.to - this.win.from;
      const keys: Record<string, () => void> = {
        "+": () => this.zoom(0.5),
        "=": () => this.zoom(0.5),
        "-": () => this.zoom(2),
        _: () => this.zoom(2),
        ArrowLeft: () => this.setWindow(pan(this.win, -span * 0.2, this.bounds)),
        ArrowRight: () => this.setWindow(pan(this.win, span * 0.2, this.bounds)),
        Home: () => this.fit(),
      };
      const act = keys[e.key];
      if (act && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        act();
      }
    });
    // The overview: click or drag to put the window there.
    let overviewDrag = false;
    const moveTo = (clientX: number) => {
      const domain = this.bounds ?? this.win;
      const rect = this.overview.getBoundingClientRect();
      const at = domain.from + ((clientX - rect.left) / rect.width) * (domain.to - domain.from);
      const span = this.win.to - this.win.from;
      this.setWindow({ from: at - span / 2, to: at + span / 2 });
    };
    overviewWrap.addEventListener("pointerdown", (e) => {
      overviewDrag = true;
      overviewWrap.setPointerCapture(e.pointerId);
      moveTo(e.clientX);
    });
    overviewWrap.addEventListener("pointermove", (e) => overviewDrag && moveTo(e.clientX));
    overviewWrap.addEventListener("pointerup", () => (overviewDrag = false));
  }

  /** Redraws once a frame at most: zoom and pan come faster than frames. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawNow();
    });
  }

  private drawNow(): void {
    const started = performance.now();
    if (isCrowded(this.data)) this.drawCounts();
    else this.drawChart();
    this.drawOverview();
    this.slider.value = String(spanToSlider(this.win.to - this.win.from));
    // The window, exactly (tests read it; a rounded one drifts when panned step by step).
    this.el.dataset.from = String(this.win.from);
    this.el.dataset.to = String(this.win.to);
    this.el.dataset.crowded = String(isCrowded(this.data));
    // The frame's work, for the benchmark (tests/bench-app reads these measures).
    measure("timeline-frame", started);
    if (++this.frames % 2000 === 0) performance.clearMeasures("timeline-frame");
  }

  private drawChart(): void {
    const width = this.chartWidth();
    const lanes = this.laid.lanes;
    const height = AXIS_H + Math.max(1, lanes.length) * LANE_H + 6;
    const total = width + LANE_LABEL_W;
    this.svgEl.setAttribute("width", String(total));
    this.svgEl.setAttribute("height", String(height));
    this.svgEl.setAttribute("viewBox", `0 0 ${total} ${height}`);
    const root = s("g");
    const { unit, ticks: tks } = this.drawAxis(root, width, height);
    this.svgEl.setAttribute("aria-label", `Timeline from ${tks[0]?.label ?? ""} to ${tks[tks.length - 1]?.label ?? ""}, by ${unit}; the list below holds the same events`);
    lanes.forEach((lane, i) => {
      const y = AXIS_H + i * LANE_H;
      root.append(s("rect", { class: i % 2 ? "tl-lane odd" : "tl-lane", x: 0, y, width: total, height: LANE_H }));
      const name = s("text", { class: "tl-lane-name", x: 8, y: y + LANE_H / 2 + 4 }, truncate(lane.name, LANE_LABEL_W - 14));
      name.append(s("title", {}, `${lane.name}: ${lane.count} events`));
      root.append(name);
    });
    const marks = aggregate(this.laid.items, this.win, width, { minGap: 12, labelPx: 110 });
    const all = this.laid.items;
    for (const m of marks.marks) {
      const cy = AXIS_H + m.lane * LANE_H + LANE_H / 2;
      const x0 = LANE_LABEL_W + m.x;
      if (m.kind === "cluster") {
        const n = m.indices.length;
        // Marks answer the pointer; the keyboard and screen readers use the list below (the svg is one image to them).
        const g = s("g", { class: "tl-mark tl-cluster" });
        const label = `${n}`;
        const w = Math.max(22, m.w, 10 + label.length * 7);
        g.append(s("rect", { x: x0, y: cy - 9, width: w, height: 18, rx: 9 }), s("text", { x: x0 + w / 2, y: cy + 4, "text-anchor": "middle" }, label));
        g.append(s("title", {}, `${n} events — click to zoom in`));
        g.addEventListener("click", () => this.zoomTo(m.from, m.to));
        root.append(g);
        continue;
      }
      const item = all[m.index];
      const ev = this.data.events[item.event];
      const flagged = this.flagged.has(ev.event.id);
      const precision = ev.event.date.precision;
      const faint = precision === "decade" || precision === "century";
      const g = s("g", { class: `tl-mark tl-event c${item.color}${flagged ? " flagged" : ""}${faint ? " faint" : ""}`, "data-eid": ev.event.id });
      if (m.point) g.append(s("circle", { cx: x0 + m.w / 2, cy, r: 5 }));
      else g.append(s("rect", { x: x0, y: cy - 5, width: Math.max(m.w, 2), height: 10, rx: 3 }));
      if (ev.highlighted) g.append(s("circle", { class: "tl-hl", cx: x0, cy: cy - 9, r: 2.5 }));
      if (flagged) g.append(s("text", { class: "tl-flag", x: x0 - 2, y: cy - 8 }, "⚑"));
      if (m.labelled) g.append(s("text", { class: "tl-label", x: x0 + (m.point ? 9 : 4), y: cy + (m.point ? 4 : 18) }, truncate(ev.event.label, Math.min(m.room - 12, 320))));
      g.append(s("title", {}, `${ev.event.date.label}: ${ev.event.label} — ${ev.articleTitle}`));
      g.addEventListener("click", () => this.actions.openEvent(ev));
      root.append(g);
    }
    clear(this.svgEl);
    this.svgEl.append(root);
  }

  /** A window too crowded to draw each event: the number of events per slice of time, as bars; a bar zooms in. */
  private drawCounts(): void {
    const width = this.chartWidth();
    const height = AXIS_H + CROWDED_LANES * LANE_H + 6;
    const total = width + LANE_LABEL_W;
    this.svgEl.setAttribute("width", String(total));
    this.svgEl.setAttribute("height", String(height));
    this.svgEl.setAttribute("viewBox", `0 0 ${total} ${height}`);
    const root = s("g");
    const { unit, ticks: tks } = this.drawAxis(root, width, height);
    const d = this.data.density;
    const shown = d ? bars(d.counts, { from: d.from, to: d.to }, this.win, width) : [];
    const inView = shown.reduce((n, b) => n + b.count, 0);
    this.svgEl.setAttribute(
      "aria-label",
      `Timeline from ${tks[0]?.label ?? ""} to ${tks[tks.length - 1]?.label ?? ""}, by ${unit}: about ${fmt(inView)} events, too many to draw one by one, drawn as counts per slice of time; the list below holds them`,
    );
    const area = CROWDED_LANES * LANE_H - 10;
    root.append(s("rect", { class: "tl-lane", x: 0, y: AXIS_H, width: total, height: CROWDED_LANES * LANE_H }));
    const name = s("text", { class: "tl-lane-name", x: 8, y: AXIS_H + 18 }, "All events");
    root.append(name, s("text", { class: "tl-lane-name tl-crowd-note", x: 8, y: AXIS_H + 36 }, "zoom in to see each"));
    const max = Math.max(1, ...shown.map((b) => b.count));
    const base = AXIS_H + CROWDED_LANES * LANE_H - 2;
    for (const b of shown) {
      const hgt = barHeight(b.count, max, area);
      const g = s("g", { class: "tl-mark tl-bar" });
      g.append(s("rect", { x: LANE_LABEL_W + b.x, y: base - hgt, width: Math.max(1, b.w - 1), height: hgt }));
      g.append(s("title", {}, `${fmt(b.count)} ${b.count === 1 ? "event" : "events"} — click to zoom in`));
      // A slice is a few pixels: zoom to it and its neighbours.
      const reach = (b.to - b.from) * 8;
      g.addEventListener("click", () => this.zoomTo(b.from - reach, b.to + reach));
      root.append(g);
    }
    clear(this.svgEl);
    this.svgEl.append(root);
  }

  /** The axis's grid and labels at this zoom, drawn into `root`. */
  private drawAxis(root: SVGGElement, width: number, height: number): ReturnType<typeof ticks> {
    const scale = width / (this.win.to - this.win.from);
    const found = ticks(this.win, width);
    this.el.dataset.unit = found.unit;
    for (const t of found.ticks) {
      const x = LANE_LABEL_W + (t.year - this.win.from) * scale;
      root.append(s("line", { class: t.major ? "tl-grid major" : "tl-grid", x1: x, x2: x, y1: AXIS_H - 6, y2: height }));
      if (t.major) root.append(s("text", { class: "tl-tick", x: x + 3, y: AXIS_H - 10 }, t.label));
    }
    return found;
  }

  private drawOverview(): void {
    const width = Math.max(200, this.chart.clientWidth);
    const domain = this.bounds ?? this.win;
    this.overview.setAttribute("width", String(width));
    this.overview.setAttribute("height", String(OVERVIEW_H));
    const g = s("g");
    const d = this.overviewDensity;
    if (d) {
      const shown = bars(d.counts, { from: d.from, to: d.to }, domain, width);
      const max = Math.max(1, ...shown.map((b) => b.count));
      for (const b of shown) {
        const hgt = barHeight(b.count, max, OVERVIEW_H - 6);
        g.append(s("rect", { class: "tl-density", x: b.x, y: OVERVIEW_H - hgt, width: Math.max(1, b.w - 1), height: hgt }));
      }
    }
    const span = domain.to - domain.from || 1;
    const wx = ((this.win.from - domain.from) / span) * width;
    const ww = ((this.win.to - this.win.from) / span) * width;
    g.append(s("rect", { class: "tl-window", x: Math.max(0, wx), y: 1, width: Math.max(3, Math.min(width, ww)), height: OVERVIEW_H - 2, rx: 3 }));
    clear(this.overview);
    this.overview.append(g);
  }

  /**
   * The events in the window, in date order: what the chart shows, readable
   * by a screen reader and the keyboard, a page at a time. A loaded window
   * lists from what is loaded; a crowded one from pages fetched for it.
   */
  private drawList(): void {
    let shown: LibraryEvent[];
    let total: number;
    if (isCrowded(this.data)) {
      shown = this.crowdedList?.events ?? [];
      total = this.crowdedList?.total ?? 0;
    } else {
      const inView = this.data.events.filter((e) => e.to > this.win.from && e.from < this.win.to);
      shown = inView.slice(0, this.listShown);
      total = inView.length;
    }
    const items = shown.map((e) => this.listItem(e));
    clear(this.list);
    this.list.append(...items);
    const more = moreLabel(shown.length, total);
    if (more) {
      const btn = h("button", { class: "btn btn-small", type: "button", onclick: () => void this.showMore() }, more);
      this.list.append(h("li", { class: "tl-more" }, btn));
    }
    this.list.setAttribute("aria-label", `Events in view: ${fmt(shown.length)} of ${fmt(total)}`);
  }

  /** The list's next page: from what is loaded, or fetched for a crowded window. */
  private async showMore(): Promise<void> {
    if (!isCrowded(this.data)) {
      this.listShown += LIST_PAGE;
      this.drawList();
      return;
    }
    const l = this.crowdedList;
    if (!l) return;
    try {
      const page = await api.timelineWindow(this.filter, l.win.from, l.win.to, l.events.length, LIST_PAGE);
      if (this.crowdedList !== l) return;
      this.flag(page.disagreeing);
      this.crowdedList = { win: l.win, events: [...l.events, ...page.events], total: page.total };
      this.drawList();
    } catch (e) {
      errorToast(e, "More events could not be loaded");
    }
  }

  private listItem(e: LibraryEvent): HTMLElement {
    const flagged = this.flagged.has(e.event.id);
    // The article's own chronology warnings, as its sidebar shows them (not the dismissed ones).
    const warnings = e.event.warnings.filter((w) => w.mark !== "dismissed");
    return h(
      "li",
      { class: "tl-item", "data-eid": e.event.id },
      h(
        "button",
        { class: "tl-item-main", type: "button", onclick: () => this.actions.openEvent(e), title: "Open the article at this passage" },
        h("span", { class: `tl-swatch c${colorOf(e.event.articleId)}`, "aria-hidden": "true" }),
        h("span", { class: "tl-item-date" }, e.event.date.label),
        h("span", { class: "tl-item-label" }, e.event.label),
        h("span", { class: "tl-item-article" }, e.articleTitle),
        h(
          "span",
          { class: "tl-item-flags" },
          flagged ? h("span", { class: "tl-item-flag", title: "Articles disagree on this date" }, "⚑ disagree") : null,
          warnings.length ? h("span", { class: "tl-item-warning", title: warnings.map((w) => w.message).join("\n") }, "⚠ check date", h("span", { class: "visually-hidden" }, `: ${warnings.map((w) => w.message).join("; ")}`)) : null,
          e.highlighted ? h("span", { class: "tl-item-hl", title: "You highlighted this passage" }, "highlighted") : null,
        ),
      ),
    );
  }
}

/** Records a span of work for the benchmark (tests/bench-app); a webview without User Timing Level 3 records nothing. */
function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // Only a figure for the benchmark is lost.
  }
}

function sameWindow(a: Window, b: Window): boolean {
  return a.from === b.from && a.to === b.to;
}
