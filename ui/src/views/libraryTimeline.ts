// The Timeline tab: the events of every article (or of a filter) on one
// horizontal time axis that zooms from centuries to days, an overview strip
// of where events are dense, lanes by article or by tag, and below it the
// same events as a list (the accessible form of the chart, kept in step
// with the window). The chart and the strip are canvases painted from a
// pure scene (timeline/scene.ts; see the README for why our own drawing).
// The events come a window at a time and are kept (timeline/windowCache.ts):
// a zoom or a pan redraws at once from what is in hand, in the next
// animation frame, while what is missing is fetched with one request in
// flight (the latest view wins). A library whose timelines are missing or
// out of date has them made a batch at a time, its progress shown, what is
// ready drawn meanwhile.
import { save } from "@tauri-apps/plugin-dialog";

import { api, type OverviewClaims, type TimelineExportFormat, type TimelineFilter, type WindowMarks } from "../api";
import type { DisagreeingEvent } from "../bindings/DisagreeingEvent";
import type { TimelineArticle } from "../bindings/TimelineArticle";
import type { WindowEvent } from "../bindings/WindowEvent";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { formatCount, formatNumber } from "../lib/format";
import { clampWindow, fitWindow, sliderToSpan, spanToSlider, zoomAt, type Window } from "../timeline/axis";
import { bindChart } from "../timeline/chartInput";
import { paintOverview, paintScene, themeColors } from "../timeline/chartCanvas";
import { DisagreementsPanel } from "../timeline/disagreements";
import { renderList, type Listed } from "../timeline/eventList";
import { laneItems, type LaneMode, type Laid } from "../timeline/lanes";
import { countScene, eventScene, hitAt, hitTitle, LANE_LABEL_W, type Scene, type SceneEvent } from "../timeline/scene";
import { Coalescer, sameNeed, WindowCache, type Need } from "../timeline/windowCache";
import { barHeight, bars, FETCH_LIMIT, LatestOnly, LIST_PAGE, OVERVIEW_SLICE_PX, slicesFor } from "../timeline/windowing";
import { errorToast, toast } from "../toast";

/** Where an event's passage is: what opening it needs. */
export interface EventPassage {
  articleId: string;
  eventId: string;
}

export interface TimelineActions {
  /** Opens the event's article at its passage. */
  openEvent(e: EventPassage): void;
}

const OVERVIEW_H = 34;
/** Timelines are made in batches of about this long, the chart redrawn with each. */
const MAKE_BATCH_MS = 1500;

/** A fetched window's events, with its lanes laid out per mode (made when first drawn). */
interface Loaded {
  events: WindowEvent[];
  articles: TimelineArticle[];
  laid: Partial<Record<LaneMode, Laid>>;
  /** The events as the scene and the list take them, made once per set of flags (`flagsSeen`). */
  drawn?: { flags: number; scene: SceneEvent[]; listed: Listed[] };
}

interface Fetch {
  need: NonNullable<Need>;
  filter: TimelineFilter;
  view: Window;
  width: number;
}

type Fetched = { kind: "events"; range: Window; page: WindowMarks } | { kind: "counts"; range: Window; counts: number[] };

/** The list of a crowded window, fetched a page at a time. */
interface ListData {
  win: Window;
  events: Listed[];
  total: number;
}

function listed(page: WindowMarks): Listed[] {
  return page.events.map((event) => ({ event, article: page.articles[event.article] ?? { id: "", title: "", tags: [] } }));
}

/** Records a span of work for the benchmark (tests/bench-app); a webview without User Timing Level 3 records nothing. */
function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // Only a figure for the benchmark is lost.
  }
}

export class LibraryTimelineView {
  readonly el: HTMLElement;
  private overviewData: OverviewClaims | undefined;
  private cache = new WindowCache<Loaded>();
  private stripCounts: number[] = [];
  private crowdedList: ListData | undefined;
  /** Events of a loaded window listed so far (the list grows by LIST_PAGE). */
  private listShown = LIST_PAGE;
  private filter: TimelineFilter = { tag: null, search: "", articleIds: [], from: null, to: null };
  private lanes: LaneMode = "article";
  private win: Window = { from: 1900, to: 2030 };
  /** The window that shows every event (Home), and the overview strip's span. */
  private home: Window | undefined;
  private loaded = false;
  private seq = 0;
  private frame = 0;
  private frames = 0;
  private searchTimer = 0;
  private listTimer = 0;
  /**
   * The chart's height while a zoom or pan is under way (`listTimer` set):
   * it grows with the lanes but does not shrink until the gesture pauses.
   * Each change of height moved everything below the chart, a layout and
   * repaint of the page on that frame, and made the chart jump in place.
   */
  private heldHeight = 0;
  /** The scene last painted: the pointer is hit-tested against it. */
  private scene: Scene | undefined;
  /** The scene's events (its hits index them). */
  private sceneEvents: Listed[] = [];
  /** The same events as the scene drew them (the tooltips read them). */
  private sceneMarks: readonly SceneEvent[] = [];
  private hover: number | null = null;
  /** What was last asked for: the same need is not asked twice in a row. */
  private asked: Need = null;
  /** When the tab asked for its data: the first frame is measured from here. */
  private openedAt: number | undefined;
  /** Events of a disagreement whose verdict is not given: flagged on the chart and in the list. */
  private flagged = new Set<string>();
  /** Bumped whenever `flagged` changes: what was made from the old flags is made again. */
  private flagsSeen = 0;
  /** Keys of the disagreements whose verdict is not given: a page's events in them are flagged. */
  private openKeys = new Set<string>();
  /** Timelines being made (after an extractor's update): one loop at a time. */
  private making = false;
  private readonly fetcher = new Coalescer<Fetch, Fetched>(
    (f) => this.fetch(f),
    (res, req) => this.fetched(res, req),
    (e) => errorToast(e, "The timeline could not be loaded"),
  );
  private readonly listPages = new LatestOnly<{ filter: TimelineFilter; win: Window }, ListData>(
    async ({ filter, win }) => {
      const page = await api.timelineMarks(filter, win.from, win.to, 0, LIST_PAGE);
      this.flag(page.disagreeing);
      return { win, events: listed(page), total: page.total };
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
  private readonly canvas: HTMLCanvasElement;
  private readonly overview: HTMLCanvasElement;
  private readonly list: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly progress: HTMLElement;
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
    // The chart is one image to assistive technology, with a text summary; the list below is its accessible form.
    this.canvas = h("canvas", { class: "tl-canvas", role: "img" });
    this.overview = h("canvas", { class: "tl-overview", role: "img", "aria-label": "Where the events are dense; drag to move the window" });
    this.chart = h("div", { class: "tl-chart", tabindex: 0, role: "group", "aria-label": "Timeline chart: + and − zoom, arrows move, Home shows everything" });
    this.chart.append(this.canvas);
    const overviewWrap = h("div", { class: "tl-overview-wrap" });
    overviewWrap.append(this.overview);
    this.list = h("ol", { class: "tl-list", "aria-label": "Events in view" });
    this.emptyEl = h("div", { class: "empty-state tl-empty", hidden: true });
    this.progress = h("div", { class: "tl-progress", role: "status", hidden: true });
    this.disagreements = new DisagreementsPanel({ open: (e) => this.actions.openEvent({ articleId: e.articleId, eventId: e.eventId }), changed: () => void this.load() });
    this.el = h(
      "section",
      { class: "view library-timeline-view", "aria-label": "Timeline of the library" },
      h("div", { class: "tl-header" }, h("h1", { class: "view-title" }, "Timeline"), this.summary),
      toolbar,
      this.progress,
      this.disagreements.el,
      this.chart,
      overviewWrap,
      this.emptyEl,
      h("h2", { class: "tl-list-title visually-hidden" }, "Events in view"),
      this.list,
    );
    bindChart(this.chart, overviewWrap, {
      win: () => this.win,
      bounds: () => this.home,
      plotWidth: () => this.plotWidth(),
      setWindow: (w) => this.setWindow(w),
      zoom: (factor, anchor) => this.zoom(factor, anchor),
      fit: () => this.fit(),
      overviewAt: (fraction) => {
        const domain = this.home ?? this.win;
        return domain.from + fraction * (domain.to - domain.from);
      },
      hit: (x, y) => this.hitIndex(x, y),
      hover: (i) => this.setHover(i),
      activate: (i) => this.activate(i),
    });
    new ResizeObserver(() => this.schedule()).observe(this.chart);
    // The canvases take the theme's colours when painted: paint again when it changes.
    new MutationObserver(() => this.schedule()).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
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
   * Loads the filter's overview (first time, or after a change) and its
   * counts over the whole span, then draws; a window with few enough
   * events to draw each waits for them first. Keeps the window unless it
   * was never set. Missing timelines are made meanwhile (`makeMissing`).
   */
  async load(): Promise<void> {
    const seq = ++this.seq;
    this.openedAt = performance.now();
    this.fetcher.cancel();
    this.listPages.cancel();
    this.asked = null;
    delete document.documentElement.dataset.timelineComplete;
    void this.makeMissing();
    let overview: OverviewClaims;
    const asked = performance.now();
    try {
      [overview] = await Promise.all([api.timelineOverview(this.filter), this.loadTags()]);
      measure("timeline-phase:overview", asked);
    } catch (e) {
      errorToast(e, "The timeline could not be loaded");
      return;
    }
    if (seq !== this.seq) return;
    this.overviewData = overview;
    const open = overview.disagreements.filter((d) => !d.verdict);
    this.openKeys = new Set(open.map((d) => d.key));
    this.flagged = new Set(open.flatMap((d) => d.claims.map((e) => e.eventId)));
    this.flagsSeen++;
    // A view still showing the whole span follows it as it grows (timelines
    // made a batch at a time add years); one the reader zoomed or panned stays.
    const atHome = !this.home || (this.win.from === this.home.from && this.win.to === this.home.to);
    this.home = overview.from !== null && overview.to !== null ? fitWindow([{ from: overview.from, to: overview.to }]) : undefined;
    if (!this.loaded || atHome) this.win = this.home ?? fitWindow([]);
    this.loaded = true;
    this.win = clampWindow(this.win, this.home);
    this.summary.textContent = `${formatCount(overview.total, "event")} from ${formatCount(overview.articles, "article")}`;
    this.emptyEl.hidden = overview.total > 0;
    this.emptyEl.textContent = this.hasFilter() ? "No events match these filters." : "No dated events yet: import articles that mention dates, and their events appear here.";
    // Drawn from what is in hand until the new data is: a reload while timelines are made does not blank the chart.
    const cache = new WindowCache<Loaded>();
    let strip: number[] = [];
    const home = this.home;
    try {
      if (home && overview.total > 0) {
        // The strip's counts span the Home window: at that zoom they are the chart's counts too.
        const stripAsked = performance.now();
        const slices = Math.max(10, Math.floor(Math.max(200, this.chart.clientWidth) / OVERVIEW_SLICE_PX));
        const d = await api.timelineDensity(this.filter, home.from, home.to, slices);
        if (seq !== this.seq) return;
        measure("timeline-phase:strip", stripAsked);
        strip = d.counts;
        cache.setStrip({ range: home, counts: d.counts, slice: (home.to - home.from) / d.counts.length });
        const need = cache.need(this.win, this.plotWidth());
        // Few enough to draw each: wait for them rather than flash the counts.
        if (need?.kind === "events") {
          const windowAsked = performance.now();
          const got = await this.fetch({ need, filter: this.filter, view: this.win, width: this.plotWidth() });
          if (seq !== this.seq) return;
          measure("timeline-phase:window", windowAsked);
          this.store(got, cache);
        }
      }
    } catch (e) {
      errorToast(e, "The timeline could not be loaded");
      return;
    }
    this.cache = cache;
    this.stripCounts = strip;
    this.crowdedList = undefined;
    const drawn = performance.now();
    this.drawNow();
    measure("timeline-phase:draw", drawn);
    const opened = this.openedAt;
    this.openedAt = undefined;
    // After the frame is laid out and painted: what the reader waits for after the click.
    await new Promise((painted) => requestAnimationFrame(painted));
    if (opened !== undefined) measure("timeline-first-frame", opened);
    // The disagreements and the list follow the first frame.
    if (seq !== this.seq) return;
    const panel = performance.now();
    this.disagreements.render(overview.disagreements);
    measure("timeline-phase:disagreements", panel);
    this.listShown = LIST_PAGE;
    this.refreshList();
    document.documentElement.dataset.timelineReady = String(this.seq);
    // Drawn and listed with every article's timeline made (what tests and tools wait for).
    if (!this.making) document.documentElement.dataset.timelineComplete = "true";
  }

  /**
   * Makes the timelines that are missing or made by an older extractor, a
   * batch at a time, showing how far it is; the chart is drawn again with
   * what each batch made.
   */
  private async makeMissing(): Promise<void> {
    if (this.making) return;
    this.making = true;
    let all = 0;
    try {
      for (;;) {
        const [made, left] = await api.makeTimelines(MAKE_BATCH_MS);
        if (!all) all = made + left;
        if (!all) break;
        this.progress.hidden = left === 0;
        clear(this.progress);
        this.progress.append(
          `Making timelines: ${formatNumber(all - left)} of ${formatNumber(all)} articles`,
          h("progress", { max: all, value: all - left, "aria-hidden": "true" }),
          h("span", { class: "tl-progress-note" }, "the chart shows what is ready"),
        );
        if (made) void this.load();
        if (!left) break;
      }
    } catch (e) {
      this.progress.hidden = true;
      errorToast(e, "The timelines could not be made");
    } finally {
      this.making = false;
    }
  }

  /** Asks the core for what `f` needs: a window's events (counts when it holds too many), or counts per slice. */
  private async fetch(f: Fetch): Promise<Fetched> {
    const { need, filter } = f;
    if (need.kind === "events") {
      const page = await api.timelineMarks(filter, need.range.from, need.range.to, 0, FETCH_LIMIT);
      if (page.total <= FETCH_LIMIT) return { kind: "events", range: need.range, page };
    }
    const slices = need.kind === "counts" ? need.slices : slicesFor(need.range, f.view, f.width);
    const d = await api.timelineDensity(filter, need.range.from, need.range.to, slices);
    return { kind: "counts", range: need.range, counts: d.counts };
  }

  /** An answer, kept; the next frame draws from it. */
  private fetched(res: Fetched, req: Fetch): void {
    if (req.filter !== this.filter) return;
    this.store(res);
    this.schedule();
    // The list follows when zoom and pan have paused (its timer has fired), not mid-gesture.
    if (this.fetcher.idle && !this.listTimer) this.followList();
  }

  private store(res: Fetched, cache = this.cache): void {
    if (res.kind === "events") {
      this.flag(res.page.disagreeing);
      const data: Loaded = { events: res.page.events, articles: res.page.articles, laid: {} };
      cache.addEvents({ range: res.range, data });
      this.prepared(data);
    } else {
      cache.addCounts({ range: res.range, counts: res.counts, slice: (res.range.to - res.range.from) / Math.max(1, res.counts.length) });
    }
  }

  /** Flags a page's events that are in a disagreement not yet settled. */
  private flag(events: readonly DisagreeingEvent[]): void {
    for (const d of events) {
      if (this.openKeys.has(d.key) && !this.flagged.has(d.eventId)) {
        this.flagged.add(d.eventId);
        this.flagsSeen++;
      }
    }
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
    if (redraw) this.schedule();
  }

  private setWindow(w: Window): void {
    // A gesture begins: the chart holds the height it has.
    if (!this.listTimer) this.heldHeight = this.scene?.height ?? 0;
    this.win = clampWindow(w, this.home);
    this.schedule();
    // The list follows once zoom or pan pause: rebuilding it on every frame is most of a frame's work.
    window.clearTimeout(this.listTimer);
    this.listTimer = window.setTimeout(() => this.followList(), 150);
  }

  /** The list again for the window as it is now (a crowded one's first page is fetched). */
  private followList(): void {
    window.clearTimeout(this.listTimer);
    this.listTimer = 0;
    // The gesture paused: the chart takes its own height again, and its text alternative.
    if (this.heldHeight) {
      this.heldHeight = 0;
      this.schedule();
    } else if (this.scene) this.canvas.setAttribute("aria-label", this.scene.summary);
    this.listShown = LIST_PAGE;
    this.refreshList();
  }

  private refreshList(): void {
    if (!this.overviewData?.total) {
      this.drawList();
      return;
    }
    if (this.cache.eventsFor(this.win)) {
      this.crowdedList = undefined;
      this.drawList();
    } else if (!this.crowdedList || this.crowdedList.win.from !== this.win.from || this.crowdedList.win.to !== this.win.to) {
      this.listPages.request({ filter: this.filter, win: this.win }, true);
    }
  }

  private zoom(factor: number, anchor = (this.win.from + this.win.to) / 2): void {
    this.setWindow(zoomAt(this.win, factor, anchor, this.home));
  }

  private fit(): void {
    this.setWindow(this.home ?? fitWindow([]));
  }

  /** Zooms into a span (a cluster's, a bar's), with a margin. */
  private zoomTo(from: number, to: number): void {
    const margin = Math.max((to - from) * 0.15, 2 / 365);
    this.setWindow({ from: from - margin, to: to + margin });
  }

  /** The chart's width in CSS pixels, lane names included. */
  private chartWidth(): number {
    return Math.max(200 + LANE_LABEL_W, this.chart.clientWidth);
  }

  /** The width of the time axis itself. */
  private plotWidth(): number {
    return this.chartWidth() - LANE_LABEL_W;
  }

  private hitIndex(x: number, y: number): number | null {
    const hits = this.scene?.hits;
    if (!hits) return null;
    const hit = hitAt(hits, x, y);
    return hit ? hits.indexOf(hit) : null;
  }

  private setHover(i: number | null): void {
    if (i === this.hover) return;
    this.hover = i;
    const hit = i === null ? undefined : this.scene?.hits[i];
    this.chart.title = hit ? hitTitle(hit, this.sceneMarks) : "";
    this.chart.classList.toggle("over-mark", !!hit);
    this.schedule();
  }

  /** A click on a mark: an event opens its passage, a badge or a bar zooms in. */
  private activate(i: number): void {
    const hit = this.scene?.hits[i];
    if (!hit) return;
    if (hit.target.kind === "zoom") this.zoomTo(hit.target.from, hit.target.to);
    else {
      const e = this.sceneEvents[hit.target.event];
      if (e) this.actions.openEvent({ articleId: e.article.id, eventId: e.event.id });
    }
  }

  /** Redraws once a frame at most: zoom and pan come faster than frames. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawNow();
    });
  }

  /** One frame: the chart and the strip from the data in hand, and what is missing asked for. */
  private drawNow(): void {
    const started = performance.now();
    const width = this.chartWidth();
    const plot = width - LANE_LABEL_W;
    const d = this.overviewData?.total ? this.cache.draw(this.win, plot) : { kind: "none" as const };
    const minHeight = this.listTimer ? this.heldHeight : 0;
    let scene: Scene;
    if (d.kind === "events") {
      const { laid, drawn } = this.prepared(d.entry.data);
      this.sceneEvents = drawn.listed;
      this.sceneMarks = drawn.scene;
      scene = eventScene({ win: this.win, width, lanes: laid.lanes, items: laid.items, events: drawn.scene, minHeight });
    } else {
      this.sceneEvents = [];
      this.sceneMarks = [];
      const c = d.kind === "counts" ? d.entry : undefined;
      scene = countScene({ win: this.win, width, counts: c?.counts ?? [], domain: c?.range ?? this.win, minHeight });
    }
    if (this.scene && this.hover !== null && scene.hits.length !== this.scene.hits.length) this.hover = null;
    this.scene = scene;
    if (this.listTimer) this.heldHeight = scene.height;
    paintScene(this.canvas, scene, themeColors(), this.hover);
    // The chart's text alternative once a zoom or pan pauses, not on each of its frames.
    if (!this.listTimer) this.canvas.setAttribute("aria-label", scene.summary);
    this.drawOverview(width);
    this.slider.value = String(spanToSlider(this.win.to - this.win.from));
    // The window, exactly (tests read it; a rounded one drifts when panned step by step), and what was drawn.
    const ds = this.el.dataset;
    ds.from = String(this.win.from);
    ds.to = String(this.win.to);
    ds.crowded = String(d.kind !== "events");
    ds.unit = scene.unit;
    Object.assign(this.canvas.dataset, { events: String(scene.events), clusters: String(scene.clusters), bars: String(scene.bars) });
    if (this.overviewData?.total) {
      const need = this.cache.need(this.win, plot);
      if (need && !sameNeed(need, this.asked)) {
        this.asked = need;
        this.fetcher.request({ need, filter: this.filter, view: this.win, width: plot });
      } else if (!need) this.asked = null;
    }
    // The frame's work, for the benchmark (tests/bench-app reads these measures).
    measure("timeline-frame", started);
    if (++this.frames % 2000 === 0) performance.clearMeasures("timeline-frame");
  }

  /**
   * A loaded window's lanes (in the mode in force) and its events as the
   * scene and the list take them: made once, and again only when the mode
   * or the flags change. Made as the window's events arrive (`store`), so
   * that the frame drawing them first does not also make them: up to 2,000
   * events laid into lanes were the tab's longest frames.
   */
  private prepared(loaded: Loaded): { laid: Laid; drawn: NonNullable<Loaded["drawn"]> } {
    const laid = (loaded.laid[this.lanes] ??= laneItems(loaded, this.lanes));
    if (loaded.drawn?.flags !== this.flagsSeen) {
      loaded.drawn = {
        flags: this.flagsSeen,
        listed: loaded.events.map((event) => ({ event, article: loaded.articles[event.article] })),
        scene: loaded.events.map((e) => ({
          id: e.id,
          label: e.label,
          date: e.date,
          title: loaded.articles[e.article]?.title ?? "",
          faint: e.precision === "decade" || e.precision === "century",
          flagged: this.flagged.has(e.id),
          highlighted: e.highlighted,
        })),
      };
    }
    return { laid, drawn: loaded.drawn };
  }

  private drawOverview(width: number): void {
    const domain = this.home ?? this.win;
    const counts = this.stripCounts;
    const shown = bars(counts, domain, domain, width);
    let max = 1;
    for (const b of shown) max = Math.max(max, b.count);
    const span = domain.to - domain.from || 1;
    const wx = ((this.win.from - domain.from) / span) * width;
    const ww = ((this.win.to - this.win.from) / span) * width;
    paintOverview(
      this.overview,
      width,
      OVERVIEW_H,
      shown.map((b) => ({ x: b.x, w: b.w, h: barHeight(b.count, max, OVERVIEW_H - 6) })),
      { x: Math.max(0, wx), w: Math.max(3, Math.min(width, ww)) },
      themeColors(),
    );
  }

  /**
   * The events in the window, in date order: what the chart shows, readable
   * by a screen reader and the keyboard, a page at a time. A loaded window
   * lists from what is loaded; a crowded one from pages fetched for it.
   */
  private drawList(): void {
    let shown: Listed[];
    let total: number;
    const loaded = this.cache.eventsFor(this.win)?.data;
    if (loaded) {
      const inView: Listed[] = [];
      for (const event of loaded.events) if (event.to > this.win.from && event.from < this.win.to) inView.push({ event, article: loaded.articles[event.article] });
      shown = inView.slice(0, this.listShown);
      total = inView.length;
    } else {
      shown = this.crowdedList?.events ?? [];
      total = this.crowdedList?.total ?? 0;
    }
    renderList(this.list, shown, total, {
      open: (e) => this.actions.openEvent({ articleId: e.article.id, eventId: e.event.id }),
      more: () => void this.showMore(),
      flagged: (id) => this.flagged.has(id),
    });
  }

  /** The list's next page: from what is loaded, or fetched for a crowded window. */
  private async showMore(): Promise<void> {
    if (this.cache.eventsFor(this.win)) {
      this.listShown += LIST_PAGE;
      this.drawList();
      return;
    }
    const l = this.crowdedList;
    if (!l) return;
    try {
      const page = await api.timelineMarks(this.filter, l.win.from, l.win.to, l.events.length, LIST_PAGE);
      if (this.crowdedList !== l) return;
      this.flag(page.disagreeing);
      this.crowdedList = { win: l.win, events: [...l.events, ...listed(page)], total: page.total };
      this.drawList();
    } catch (e) {
      errorToast(e, "More events could not be loaded");
    }
  }
}
