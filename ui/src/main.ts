// Sidenote's UI entry point: the window chrome, switching between the library
// and the reader, and the app-wide inputs (menu, shortcuts, drop, paste).
import "@fontsource-variable/literata/opsz.css";
import "@fontsource-variable/literata/opsz-italic.css";
import "@fontsource-variable/inter/index.css";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/library.css";
import "./styles/reader.css";
import "./styles/highlights.css";
import "./styles/timeline.css";
import "./styles/libraryTimeline.css";
import "./styles/cleanup.css";
import "./styles/recovery.css";
import "./styles/sync.css";

import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open as openDialog } from "@tauri-apps/plugin-dialog";

import { api, type Delivery, type ErrorPayload, type ImportReport, type Passage } from "./api";
import { h } from "./dom";
import { icon } from "./icons";
import { describeError, toApiError } from "./lib/errors";
import { NOTES_IMPORT_EXTENSIONS } from "./lib/exportFormats";
import { loadReaderFonts } from "./lib/fonts";
import { afterNextPaint, mark, measure, PERF } from "./lib/perf";
import { applyPreferences, DEFAULTS, preferencesFrom, stepFontSize, type Preferences, type Theme } from "./lib/preferences";
import { errorToast, showImportReports, showNotesImportReport, toast } from "./toast";
import { openBackupsDialog } from "./views/backupsDialog";
import { openSyncDialog, syncIndicator, syncState } from "./views/syncDialog";
import type { SyncOverview } from "./api";
import { openExportDialog } from "./views/exportDialog";
import { recoveryScreen } from "./views/recovery";
import { openUrlDialog } from "./views/openUrl";
import { openHelp } from "./views/help";
import { Later } from "./lib/later";
import { takeBoot } from "./lib/boot";
import { LibraryView } from "./views/library";
// The other views are chunks of their own, loaded when first shown (or once
// the first view is up): a launch runs only the library's code.
import type { HighlightsView } from "./views/highlights";
import type { LibraryTimelineView } from "./views/libraryTimeline";
import type { ReaderView } from "./views/reader";

type Route = { view: "library" } | { view: "highlights" } | { view: "timeline" } | { view: "reader"; id: string };
/** The tab an article was opened from, which Back returns to. */
type Tab = "library" | "highlights" | "timeline";

class App {
  private prefs: Preferences = DEFAULTS;
  private settings: Record<string, unknown> = {};
  private lastUndoKey = 0;
  private route: Route = { view: "library" };
  private readonly library: LibraryView;
  private readonly highlights: Later<HighlightsView>;
  private readonly timeline: Later<LibraryTimelineView>;
  /** Where Back (and Escape) in the reader go: the tab the article was opened from. */
  private backTo: Tab = "library";
  private readonly tabs: HTMLElement;
  private readonly reader: Later<ReaderView>;
  private readonly main: HTMLElement;
  private readonly crumb: HTMLElement;
  private readonly backBtn: HTMLButtonElement;
  private readonly themeBtns = new Map<Theme, HTMLButtonElement>();
  private readonly dropOverlay: HTMLElement;
  /** The window's title as last set (tauri.conf.json's to begin with). */
  private windowTitle = "Sidenote";

  constructor(root: HTMLElement) {
    this.library = new LibraryView({
      open: (id) => void this.openArticle(id),
      importFiles: () => void this.importWithDialog(),
      openUrl: () => this.openUrl(),
      showOnTimeline: (ids, titles) =>
        void this.timeline.get().then((timeline) => {
          timeline.showArticles(ids, titles);
          this.showTimeline(false);
        }, loadFailed),
    });
    this.timeline = new Later(async () => {
      const { LibraryTimelineView } = await import("./views/libraryTimeline");
      return new LibraryTimelineView({
        // The tab sends only where the event is; its full form comes with the article's own events.
        openEvent: (p) =>
          void Promise.all([this.openArticle(p.articleId, { from: "timeline" }), api.listEvents(p.articleId).catch(() => [])]).then(([ok, events]) => {
            const ev = events.find((e) => e.id === p.eventId);
            if (ok && ev) this.reader.now?.timelineSidebar.reveal(ev);
          }),
      });
    });
    this.highlights = new Later(async () => {
      const { HighlightsView } = await import("./views/highlights");
      return new HighlightsView({
        open: (articleId, highlightId) =>
          void this.openArticle(articleId, { from: "highlights" }).then((ok) => {
            if (ok) this.reader.now?.annotations.reveal(highlightId);
          }),
      });
    });
    this.reader = new Later(async () => {
      const { ReaderView } = await import("./views/reader");
      const reader = new ReaderView({
        back: () => this.goBack(),
        titleChanged: (t) => this.setTitle(t),
        timelineByChapterChanged: (v) => void this.savePref("timelineByChapter", v),
      });
      reader.setTimelineOpen(this.prefs.timelineOpen);
      reader.setTimelineByChapter(this.prefs.timelineByChapter);
      return reader;
    });
    this.backBtn = h("button", { class: "btn btn-ghost back-btn", hidden: true, onclick: () => this.goBack() }, icon("back"), h("span", { class: "back-label" }, "Library"));
    this.crumb = h("span", { class: "crumb" });
    this.tabs = h(
      "nav",
      { class: "tabs", "aria-label": "Views" },
      h("button", { class: "tab", "data-tab": "library", onclick: () => void this.showLibrary() }, "Library"),
      h("button", { class: "tab", "data-tab": "highlights", onclick: () => this.showHighlights() }, "Highlights"),
      h("button", { class: "tab", "data-tab": "timeline", onclick: () => this.showTimeline() }, "Timeline"),
    );
    const themeGroup = h("div", { class: "segmented", role: "group", "aria-label": "Theme" });
    for (const [theme, label, ic] of [
      ["light", "Light", "sun"],
      ["sepia", "Sepia", "sepia"],
      ["dark", "Dark", "moon"],
    ] as const) {
      const b = h("button", { class: "icon-btn", "aria-label": `${label} theme`, title: `${label} theme`, "data-theme-choice": theme, onclick: () => void this.setTheme(theme) }, icon(ic));
      this.themeBtns.set(theme, b);
      themeGroup.appendChild(b);
    }
    const topbar = h(
      "header",
      { class: "topbar" },
      h("div", { class: "topbar-left" }, h("span", { class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), h("span", { class: "brand-name" }, "Sidenote")), this.tabs, this.backBtn, this.crumb),
      h(
        "div",
        { class: "topbar-right" },
        h(
          "div",
          { class: "segmented", role: "group", "aria-label": "Text size" },
          h("button", { class: "icon-btn text-smaller", "aria-label": "Smaller text", title: "Smaller text (Ctrl+-)", onclick: () => void this.stepFont(-1) }, h("span", { class: "aa aa-small" }, "A")),
          h("button", { class: "icon-btn text-larger", "aria-label": "Larger text", title: "Larger text (Ctrl+=)", onclick: () => void this.stepFont(1) }, h("span", { class: "aa aa-large" }, "A")),
        ),
        syncIndicator(),
        themeGroup,
        h("button", { class: "icon-btn", "aria-label": "Keyboard shortcuts", title: "Keyboard shortcuts (F1)", onclick: openHelp }, icon("help")),
      ),
    );
    this.main = h("main", { class: "main" });
    this.dropOverlay = h("div", { class: "drop-overlay", hidden: true }, h("div", { class: "drop-card" }, icon("import"), h("p", {}, "Drop to import")));
    root.append(topbar, this.main, this.dropOverlay);
  }

  async start(): Promise<void> {
    // The launch's answers came with the window (lib/boot.ts): the library is
    // then drawn in this same task, before the page's first style and layout
    // (which WebKit runs before any promise of this script resolves).
    const boot = takeBoot();
    if (boot) {
      this.library.askEarly(boot.firstPage);
      return this.land(boot.settings, boot.pendingOpens, boot.pendingLink, boot.pendingLinkError);
    }
    // After a reload they are asked for, the questions together: one wait, not three.
    const pendingAsked = api.takePendingOpens().catch(() => []);
    const linkAsked = api.takePendingLink().then(
      (link) => ({ link, error: null as unknown }),
      (error: unknown) => ({ link: null, error }),
    );
    // The library's first page too, most launches show it (dropped below if not).
    this.library.askEarly();
    let settings: Record<string, unknown>;
    try {
      settings = await api.getSettings();
    } catch (e) {
      this.library.forgetEarly();
      await this.showRecovery(toApiError(e).payload);
      return;
    }
    const [pending, { link, error }] = await Promise.all([pendingAsked, linkAsked]);
    return this.land(settings, pending, link, error);
  }

  /**
   * The launch with its answers at hand: files passed at launch open first,
   * then a link's passage, otherwise the article that was open last, or the
   * library. Up to the library's first page, nothing here waits.
   */
  private async land(settings: Record<string, unknown>, pending: ImportReport[], link: Passage | null, linkError: unknown): Promise<void> {
    this.settings = settings;
    mark(PERF.settings);
    this.prefs = preferencesFrom(settings);
    const restored = sessionStorage.getItem(RELOAD_MESSAGE);
    if (restored) {
      sessionStorage.removeItem(RELOAD_MESSAGE);
      toast(restored, "success", 8000);
    }
    this.applyPrefs();
    if (linkError) errorToast(linkError, "The link could not be opened");
    const lastArticle = typeof settings.lastArticle === "string" ? settings.lastArticle : null;
    let shown: Promise<void> | null = null;
    if (link && (await this.openPassage(link))) {
      // The reader shows the passage.
    } else if (pending.length) {
      shown = this.showLibrary();
      this.openReported(pending);
    } else if (!lastArticle || !(await this.openArticle(lastArticle, { quiet: true }))) {
      shown = this.showLibrary();
    }
    // The launch showed an article: the library's early page would be stale by the first visit.
    if (!shown) this.library.forgetEarly();
    // Interactive = the first view's content is rendered and painted; cold-start benchmarks stop here.
    void (shown ?? Promise.resolve()).then(() =>
      afterNextPaint(() => {
        mark(PERF.interactive);
        // The app's events and the sync state, asked for once the first frame
        // is up: WebKit holds a page's first paint while requests are in
        // flight (each listener is one), and at launch their answers come
        // slowly (issue 24: ~150 ms). A listener set later misses nothing
        // the person could have done by then.
        this.bindInputs();
        document.documentElement.dataset.ready = "true";
        // Ready before the first article opens (see lib/fonts.ts).
        void loadReaderFonts();
        // The reader and the tabs' code, ready before they are first asked for.
        window.setTimeout(() => {
          void this.reader.get().catch(() => undefined);
          void import("./views/highlights").catch(() => undefined);
          void import("./views/libraryTimeline").catch(() => undefined);
        }, 0);
      }),
    );
  }

  /** Shows import results and opens the first article they name. */
  private openReported(reports: ImportReport[]): void {
    showImportReports(reports, (id) => void this.openArticle(id));
    const first = reports.find((r) => r.status !== "failed");
    if (first && (first.status === "imported" || first.status === "duplicate")) void this.openArticle(first.article.id);
    else if (this.route.view === "library") void this.library.load();
  }

  /** The library did not open: explain why and offer the ways out (restore, start afresh). */
  private async showRecovery(error: ErrorPayload): Promise<void> {
    this.setTabs(null);
    const status = await api.libraryStatus().catch(() => ({ folder: null, file: null, error, backups: [] }));
    this.main.replaceChildren(recoveryScreen(status, error, { reload: (message) => reloadWith(message) }));
    document.documentElement.dataset.view = "recovery";
    document.documentElement.dataset.ready = "error";
    // The menu still works for Restore from Backup… on this screen.
    void listen<string>("menu", (e) => {
      if (e.payload === "restore-backup") openBackupsDialog(reloadWith);
    });
  }

  private applyPrefs(): void {
    applyPreferences(document.documentElement, this.prefs);
    this.reader.now?.setTimelineOpen(this.prefs.timelineOpen);
    this.reader.now?.setTimelineByChapter(this.prefs.timelineByChapter);
    for (const [theme, btn] of this.themeBtns) btn.setAttribute("aria-pressed", String(theme === this.prefs.theme));
  }

  private async savePref<K extends keyof Preferences>(key: K, value: Preferences[K]): Promise<void> {
    this.prefs = { ...this.prefs, [key]: value };
    this.applyPrefs();
    try {
      await api.setSetting(key, value);
    } catch (e) {
      errorToast(e, "Could not save the preference");
    }
  }

  private setTheme(theme: Theme): Promise<void> {
    return this.savePref("theme", theme);
  }

  private stepFont(direction: 1 | -1 | 0): Promise<void> {
    return this.savePref("fontSize", stepFontSize(this.prefs.fontSize, direction));
  }

  private setTitle(articleTitle: string | null): void {
    this.crumb.textContent = articleTitle ?? "";
    const title = articleTitle ? `${articleTitle} — Sidenote` : "Sidenote";
    // Unchanged at launch: no call (see `land`).
    if (title === this.windowTitle) return;
    this.windowTitle = title;
    void getCurrentWindow().setTitle(title).catch(() => undefined);
  }

  private setTabs(active: Tab | null): void {
    this.tabs.hidden = active === null;
    for (const t of Array.from(this.tabs.querySelectorAll<HTMLElement>(".tab"))) t.setAttribute("aria-current", String(t.dataset.tab === active));
  }

  showHighlights(): void {
    this.route = { view: "highlights" };
    this.backBtn.hidden = true;
    this.setTabs("highlights");
    this.setTitle(null);
    this.reader.now?.detached();
    const route = this.route;
    void this.highlights.get().then((highlights) => {
      if (this.route !== route) return; // another view was asked for meanwhile
      this.main.replaceChildren(highlights.el);
      document.documentElement.dataset.view = "highlights";
      void highlights.load();
    }, loadFailed);
    void this.rememberArticle(null);
  }

  /** The Timeline tab; it keeps its window and filters between visits (`reload`: fetch the events again). */
  showTimeline(reload = true): void {
    this.route = { view: "timeline" };
    this.backBtn.hidden = true;
    this.setTabs("timeline");
    this.setTitle(null);
    this.reader.now?.detached();
    const route = this.route;
    void this.timeline.get().then((timeline) => {
      if (this.route !== route) return;
      this.main.replaceChildren(timeline.el);
      document.documentElement.dataset.view = "timeline";
      if (reload) void timeline.load();
    }, loadFailed);
    void this.rememberArticle(null);
  }

  /** Back from the reader to the tab the article was opened from. */
  private goBack(): void {
    if (this.backTo === "timeline") this.showTimeline(false);
    else if (this.backTo === "highlights") this.showHighlights();
    else void this.showLibrary();
  }

  /** Shows the library; resolves once its rows are rendered. */
  showLibrary(): Promise<void> {
    this.route = { view: "library" };
    this.backBtn.hidden = true;
    this.setTabs("library");
    this.setTitle(null);
    this.reader.now?.detached();
    this.main.replaceChildren(this.library.el);
    document.documentElement.dataset.view = "library";
    void this.rememberArticle(null);
    return this.library.load();
  }

  /** Opens an article in the reader; false when it could not be opened. */
  async openArticle(id: string, options: { quiet?: boolean; from?: Tab } = {}): Promise<boolean> {
    mark(PERF.openStart);
    let reader: ReaderView;
    try {
      reader = await this.reader.get();
      await reader.open(id);
    } catch (e) {
      if (!options.quiet) this.openFailed(e);
      return false;
    }
    this.route = { view: "reader", id };
    this.backTo = options.from ?? "library";
    const backLabel = this.backBtn.querySelector(".back-label");
    if (backLabel) backLabel.textContent = this.backTo === "timeline" ? "Timeline" : this.backTo === "highlights" ? "Highlights" : "Library";
    this.backBtn.hidden = false;
    this.setTabs(null);
    this.main.replaceChildren(reader.el);
    reader.attached();
    mark(PERF.openAttached);
    afterNextPaint(
      () => measure(PERF.open, PERF.openStart, { highlights: reader.annotations.count }),
      () => mark(PERF.openFrame),
    );
    document.documentElement.dataset.view = "reader";
    void this.rememberArticle(id);
    return true;
  }

  /** Opens an article at a link's passage: the highlight scrolled into view and selected, or the block holding the offset. */
  async openPassage(p: Passage): Promise<boolean> {
    if (!(await this.openArticle(p.articleId))) return false;
    // After the reader's first layout, so the toolbar is placed at the passage's final position.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const reader = this.reader.now;
    if (p.highlightId) reader?.annotations.reveal(p.highlightId);
    else if (p.offset !== undefined) reader?.revealOffset(p.offset);
    return true;
  }

  /** Why an article did not open; one deleted meanwhile (in another window, from the command line) leaves the library list. */
  private openFailed(e: unknown): void {
    const error = toApiError(e);
    if (error.payload.kind === "NotFound" && error.payload.data.what === "article") {
      toast("That article is no longer in your library.", "info");
      if (this.route.view === "library") void this.library.load();
    } else errorToast(error);
  }

  /** The article to reopen at the next launch (none when the library was showing). */
  private async rememberArticle(id: string | null): Promise<void> {
    if ((this.settings.lastArticle ?? null) === id) return;
    this.settings.lastArticle = id;
    await api.setSetting("lastArticle", id).catch(() => undefined);
  }

  private async importWithDialog(): Promise<void> {
    const picked = await openDialog({
      multiple: true,
      directory: false,
      title: "Import articles",
      filters: [{ name: "Articles and books", extensions: ["html", "htm", "xhtml", "md", "markdown", "txt", "epub"] }],
    });
    if (!picked) return;
    await this.importPaths(Array.isArray(picked) ? picked : [picked]);
  }

  private async importPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    document.documentElement.dataset.busy = "true";
    try {
      this.afterImport(await api.importFiles(paths));
    } catch (e) {
      errorToast(e, "", { openArticle: (id) => void this.openArticle(id) });
    } finally {
      delete document.documentElement.dataset.busy;
    }
  }

  private afterImport(reports: ImportReport[]): void {
    showImportReports(reports, (id) => void this.openArticle(id));
    if (this.route.view === "library") void this.library.load();
  }

  /** File → Open URL…: fetch a page and import its article. */
  openUrl(): void {
    openUrlDialog(async (url) => {
      document.documentElement.dataset.busy = "true";
      try {
        const report = await api.importUrl(url);
        if (report.status === "failed") return describeError(report.error);
        // "Open URL" means read it now: go straight to the article.
        if (report.status === "duplicate") toast(`“${report.article.title}” was already in your library`, "info");
        await this.openArticle(report.article.id);
        return null;
      } catch (e) {
        return describeError(toApiError(e).payload);
      } finally {
        delete document.documentElement.dataset.busy;
      }
    });
  }

  private async importNotes(): Promise<void> {
    const picked = await openDialog({ multiple: false, directory: false, title: "Import notes", filters: [{ name: "Notes (Sidenote or Hypothesis JSON, Readwise CSV, Kindle My Clippings.txt, Omnivore export .zip)", extensions: NOTES_IMPORT_EXTENSIONS }] });
    if (!picked || Array.isArray(picked)) return;
    try {
      const r = await api.importNotes(picked);
      showNotesImportReport(r);
      if (this.route.view === "library") void this.library.load();
    } catch (e) {
      errorToast(e);
    }
  }

  private async importPasted(text: string, html: string | null = null): Promise<void> {
    if (!text.trim() && !html) {
      toast("The clipboard holds no text to import.", "error");
      return;
    }
    try {
      this.afterImport([await api.importPasted(html, text)]);
    } catch (e) {
      errorToast(e, "", { openArticle: (id) => void this.openArticle(id) });
    }
  }

  private bindInputs(): void {
    void listen<string>("menu", (e) => this.onCommand(e.payload));
    // Hand-offs: files from a second launch, an article saved from the browser
    // or its "Open in Sidenote" (src-tauri/src/browser), a sidenote:// link
    // opened while the app runs (the core checked it), a navigation the app
    // refused (a scheme other than http, https, mailto). Those that came
    // before these listeners were bound waited in the shell: taken once all
    // four listen (deliveries.rs).
    void Promise.all([
      listen<ImportReport[]>("opened-files", (e) => this.deliver({ kind: "opened-files", payload: e.payload })),
      listen<string>("open-article", (e) => this.deliver({ kind: "open-article", payload: e.payload })),
      listen<Passage>("open-passage", (e) => this.deliver({ kind: "open-passage", payload: e.payload })),
      listen<string>("link-refused", (e) => this.deliver({ kind: "link-refused", payload: e.payload })),
    ])
      .then(() => api.uiListening())
      .then(
        (waiting) => waiting.forEach((d) => this.deliver(d)),
        (e) => errorToast(e, "Files or links handed to Sidenote while it started could not be shown"),
      );
    // The Obsidian vault could not be brought up to date after a change.
    void listen<ErrorPayload>("vault-sync-failed", (e) => errorToast(e.payload, "The Obsidian vault was not updated"));
    // Sync (src-tauri/src/app/sync_commands.rs): its state for the header
    // indicator, and the articles a round changed, shown again where they are.
    void listen<SyncOverview>("sync-state", (e) => syncState.set(e.payload));
    void listen<string[]>("sync-changed", (e) => this.showSynced(e.payload));
    void listen("sync-settings", () => void this.reloadPrefs());
    void api.syncOverview().then((o) => syncState.set(o), () => undefined);
    document.addEventListener("keydown", (e) => this.onKey(e));
    document.addEventListener("paste", (e) => {
      if (this.route.view !== "library") return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
      const text = e.clipboardData?.getData("text/plain") ?? "";
      const html = e.clipboardData?.getData("text/html") || null;
      e.preventDefault();
      void this.importPasted(text, html);
    });
    void getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === "enter" || p.type === "over") this.dropOverlay.hidden = false;
      else if (p.type === "leave") this.dropOverlay.hidden = true;
      else if (p.type === "drop") {
        this.dropOverlay.hidden = true;
        void this.importPaths(p.paths);
      }
    });
  }

  /** Acts on a hand-off from outside the window (see bindInputs). */
  private deliver(d: Delivery): void {
    switch (d.kind) {
      case "opened-files":
        return this.openReported(d.payload);
      case "open-article":
        return void this.openArticle(d.payload);
      case "open-passage":
        return void this.openPassage(d.payload);
      case "link-refused":
        return void toast(d.payload, "error");
    }
  }

  /** The reader's settings changed on another device: look as they now say. */
  private async reloadPrefs(): Promise<void> {
    try {
      this.settings = await api.getSettings();
      this.prefs = preferencesFrom(this.settings);
      this.applyPrefs();
    } catch {
      // The next change or start reads them again.
    }
  }

  /**
   * Another device's changes arrived for these articles (none: only verdicts
   * on disagreements between articles): the view on screen shows them.
   */
  private showSynced(ids: string[]): void {
    const view = this.route.view;
    if (view === "timeline") void this.timeline.now?.load();
    else if (!ids.length) return;
    else if (view === "reader" && ids.includes(this.route.id)) void this.reader.now?.refreshFromSync();
    else if (view === "library") void this.library.load();
    else if (view === "highlights") void this.highlights.now?.load({ keepPage: true });
  }

  private onCommand(id: string): void {
    switch (id) {
      case "sync":
        openSyncDialog();
        break;
      case "import":
        void this.importWithDialog();
        break;
      case "paste-article":
        void navigator.clipboard.readText().then((t) => this.importPasted(t), () => toast("The clipboard could not be read.", "error"));
        break;
      case "show-library":
        void this.showLibrary();
        break;
      case "export":
        if (this.route.view === "reader") openExportDialog(this.route.id, this.reader.now?.article?.title ?? null);
        else openExportDialog(null, null);
        break;
      case "open-url":
        this.openUrl();
        break;
      case "import-notes":
        void this.importNotes();
        break;
      case "show-highlights":
        this.showHighlights();
        break;
      case "show-timeline":
        this.showTimeline();
        break;
      case "find":
        if (this.route.view !== "library") void this.showLibrary();
        this.library.focusSearch();
        break;
      case "edit-metadata":
        if (this.route.view === "reader") this.reader.now?.editDetails();
        else toast("Open an article to edit its details.", "info");
        break;
      case "theme-light":
      case "theme-sepia":
      case "theme-dark":
        void this.setTheme(id.slice(6) as Theme);
        break;
      case "font-larger":
        void this.stepFont(1);
        break;
      case "font-smaller":
        void this.stepFont(-1);
        break;
      case "font-reset":
        void this.stepFont(0);
        break;
      case "toggle-timeline":
        void this.savePref("timelineOpen", !this.prefs.timelineOpen);
        break;
      case "shortcuts":
        openHelp();
        break;
      case "restore-backup":
        openBackupsDialog(reloadWith);
        break;
      case "undo":
      case "redo":
        this.menuUndo(id);
        break;
    }
  }

  /** Edit → Undo/Redo: text fields keep their own undo; elsewhere it is the highlights'. */
  private menuUndo(which: "undo" | "redo"): void {
    if (Date.now() - this.lastUndoKey < 150) return; // the key press already did it
    const active = document.activeElement as HTMLElement | null;
    if (active && active.closest("input, textarea")) {
      document.execCommand(which);
      return;
    }
    const annotations = this.route.view === "reader" ? this.reader.now?.annotations : undefined;
    if (annotations) void (which === "undo" ? annotations.undoLast() : annotations.redoLast());
  }

  /** Keys the menu does not own (menu accelerators arrive as menu events). */
  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return;
    const inField = !!(e.target as HTMLElement).closest?.("input, textarea, [contenteditable=true]");
    const reader = this.route.view === "reader" ? this.reader.now : null;
    const annotations = reader?.annotations;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !inField) {
      e.preventDefault();
      this.lastUndoKey = Date.now();
      if (annotations) void (e.shiftKey ? annotations.redoLast() : annotations.undoLast());
      return;
    }
    if (annotations?.handleKey(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === "F1") {
      e.preventDefault();
      openHelp();
    } else if (e.key === "Escape" && this.route.view === "reader" && !document.querySelector(".dialog-backdrop")) {
      if (reader?.hiddenParagraphs.editing) reader.hiddenParagraphs.setEditing(false);
      else this.goBack();
    }
  }
}

/** A view's code could not be loaded (it ships inside the app, so this is a broken install). */
function loadFailed(e: unknown): void {
  errorToast(e, "This view could not be loaded");
}

/** Shown after the reload that follows a restore or a fresh start. */
const RELOAD_MESSAGE = "sidenote.afterReload";

/** Starts the UI again on the replaced library, then shows `message`. */
function reloadWith(message: string): void {
  if (message) sessionStorage.setItem(RELOAD_MESSAGE, message);
  window.location.reload();
}

mark(PERF.scriptStart);
const root = document.getElementById("app");
if (root) void new App(root).start();
