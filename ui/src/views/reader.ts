// The reader: the article in a clean column, with room on the left for the
// event timeline and on the right for margin notes.
import { convertFileSrc } from "@tauri-apps/api/core";
import { api, type Article } from "../api";
import { describeError, toApiError } from "../lib/errors";
import { cancelButton, openDialog } from "../dialog";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { readerFontsReady } from "../lib/fonts";
import { mark, PERF } from "../lib/perf";
import { formatCount, formatPartialDate, hostOf, readingMinutes } from "../lib/format";
import { reanchorSummary } from "../lib/reanchorSummary";
import { errorToast, toast } from "../toast";
import { Annotations } from "../reader/annotations";
import { ArticleNotesPanel } from "../reader/articleNotes";
import { HiddenParagraphs } from "../reader/hiddenParagraphs";
import { Debounced, firstVisible, lastAtOrBefore } from "../reader/bookNav";
import { ContentsPanel } from "../reader/contents";
import { prepareImages, savedImageIn, type SavedImage } from "../reader/images";
import { offsetsToRanges } from "../reader/offsets";
import { openRemovedBlocks } from "../reader/removedBlocks";
import { ProgressiveLayout } from "../reader/progressiveLayout";
import { forwardWheel } from "../reader/wheelForward";
import { blockAt } from "../lib/links";
import { openEventDialog, TimelineSidebar } from "../reader/timeline";
import { openExportDialog } from "./exportDialog";

export interface ReaderActions {
  back(): void;
  titleChanged(title: string): void;
  /** The timeline's Chapters toggle was flipped (saved as a preference). */
  timelineByChapterChanged?(byChapter: boolean): void;
}

export class ReaderView {
  readonly el: HTMLElement;
  article: Article | null = null;
  private readonly header: HTMLElement;
  /** The article body: sanitized HTML from the library, rendered once per open. */
  readonly body: HTMLElement;
  readonly timeline: HTMLElement;
  readonly margin: HTMLElement;
  private readonly scroller: HTMLElement;
  readonly annotations: Annotations;
  readonly articleNotes: ArticleNotesPanel;
  readonly timelineSidebar: TimelineSidebar;
  readonly hiddenParagraphs: HiddenParagraphs;
  private readonly progressive: ProgressiveLayout;
  private readonly cleanupBar: HTMLElement;
  readonly contents: ContentsPanel;
  /** The text blocks in document order, and their offsets (for positions). */
  private blocks: Element[] = [];
  private starts: number[] = [];
  /** The reading position last seen, and its saving (a second after scrolling stops). */
  private position = 0;
  private readonly savePosition = new Debounced<{ id: string; position: number }>(1000, ({ id, position }) => {
    void api.setReadingPosition(id, position).catch(() => undefined);
  });
  private scrollQueued = false;

  constructor(private readonly actions: ReaderActions) {
    this.header = h("header", { class: "article-header" });
    this.body = h("div", { class: "article-body", id: "article-body" });
    this.timeline = h("aside", { class: "reader-timeline", "aria-label": "Timeline of events" });
    this.margin = h("aside", { class: "reader-margin", "aria-label": "Margin notes" });
    const spacer = h("div", { class: "layout-spacer" });
    const orphans = h("section", { class: "orphans", "aria-label": "Highlights that could not be placed", hidden: true });
    this.articleNotes = new ArticleNotesPanel(h("section", { class: "article-notes", "aria-label": "Notes on this article", hidden: true }));
    this.cleanupBar = h(
      "div",
      { class: "cleanup-bar", role: "status", hidden: true },
      icon("eyeOff"),
      h("p", {}, "Click the paragraphs that are not part of the article: sign-up boxes, captions, appeals. They stay in your library and can be shown again here."),
      h("button", { type: "button", class: "btn btn-primary btn-small cleanup-done", onclick: () => this.hiddenParagraphs.setEditing(false) }, "Done"),
    );
    this.scroller = h(
      "div",
      { class: "reader-scroll", tabindex: "-1" },
      h(
        "div",
        { class: "reader-grid" },
        h(
          "article",
          { class: "reader-column", "aria-labelledby": "article-title" },
          this.header,
          this.cleanupBar,
          this.articleNotes.el,
          orphans,
          this.body,
          spacer,
          this.margin,
        ),
      ),
    );
    // The timeline stays outside the scrolling page: kept in view there by
    // `position: sticky`, it made WebKit repaint it on every scrolled frame.
    this.contents = new ContentsPanel((offset) => this.jumpTo(offset));
    this.contents.onToggle = (open) => {
      this.el.classList.toggle("contents-open", open);
      this.header.querySelector(".show-contents")?.setAttribute("aria-expanded", String(open));
    };
    const dock = h("div", { class: "reader-timeline-dock" }, this.timeline);
    this.el = h("section", { class: "view reader-view" }, dock, this.contents.el, this.scroller);
    forwardWheel(dock, this.scroller);
    this.scroller.addEventListener("scroll", () => this.queueScrolled(), { passive: true });
    this.el.addEventListener("keydown", (e) => {
      if (e.key.toLowerCase() === "o" && (e.ctrlKey || e.metaKey) && e.shiftKey && this.contents.available) {
        e.preventDefault();
        this.contents.setOpen(!this.contents.open);
      }
    });
    // Before Annotations: its capture-phase listeners take clicks in clean-up mode.
    this.hiddenParagraphs = new HiddenParagraphs(this.body);
    this.hiddenParagraphs.onChange = () => {
      this.annotations.relayout();
      if (this.article) void this.timelineSidebar.load(this.article.id);
    };
    this.hiddenParagraphs.onModeChange = (editing) => {
      // Choosing what to hide means going through the whole article.
      if (editing) this.progressive.revealAll();
      this.cleanupBar.hidden = !editing;
      this.el.classList.toggle("cleaning-up", editing);
      this.header.querySelector(".hide-paragraphs")?.setAttribute("aria-pressed", String(editing));
    };
    this.hiddenParagraphs.onShowHighlight = (id) => this.annotations.reveal(id);
    this.annotations = new Annotations(this.body, this.margin, orphans, this.scroller);
    this.articleNotes.onChange = () => this.annotations.relayout();
    this.progressive = new ProgressiveLayout(this.body, spacer, this.scroller, {
      revealed: () => this.annotations.relayoutAppended(),
      complete: () => mark(PERF.openLaidOut),
    });
    this.annotations.beforeJump = () => this.progressive.revealAll();
    // The timeline asks for the index only to scroll to an event's passage,
    // which may lie in the part of the article not laid out yet.
    this.timelineSidebar = new TimelineSidebar(
      this.timeline,
      () => {
        this.progressive.revealAll();
        return this.annotations.offsetIndex;
      },
      () => this.article?.toc ?? [],
    );
    this.timelineSidebar.onByChapterChange = (v) => this.actions.timelineByChapterChanged?.(v);
    this.annotations.onAddEvent = (start, end, text) => {
      const label = text.replace(/\s+/g, " ").trim().slice(0, 90);
      openEventDialog("Add to the timeline", "", label, async (date, lbl) => ((await this.timelineSidebar.add(start, end, date, lbl)) ? null : "Not added: see the message."));
    };
    // Links open in the system browser, never in the app window; a link inside
    // a highlight selects the highlight unless Ctrl is held.
    this.body.addEventListener("click", (e) => {
      // A link inside a book (a note, its way back, another chapter) goes to its text.
      const inside = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[data-to]");
      if (inside && !(inside.closest("mark.hl") && !(e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        this.jumpTo(Number(inside.getAttribute("data-to")));
        return;
      }
      const link = (e.target as HTMLElement).closest<HTMLAnchorElement>("a[href]");
      if (!link) return;
      e.preventDefault();
      if (link.closest("mark.hl") && !(e.ctrlKey || e.metaKey)) return;
      void api.openExternal(link.getAttribute("href") ?? "").catch((err: unknown) => errorToast(err));
    });
  }

  async open(id: string): Promise<void> {
    // The article being left keeps its place.
    this.savePosition.flush();
    // Everything the reader shows is asked for at once: listing 2,000
    // highlights took as long as fetching the article, one after the other.
    // The article first: the library answers one request at a time, and the
    // lists are ready while the article's HTML is being parsed.
    // The events last, and not waited for: the first open of an article
    // makes its timeline, seconds for a long book, and the library answers
    // one request at a time. Asked for only once the rest has answered:
    // sent alongside, it could take the library first (its lock is not
    // first come, first served) and hold the highlights back for the whole
    // extraction (22 s for a 1.5 MB book in a debug build). The sidebar
    // fills in when they come.
    const fetched = api.getArticle(id);
    const annotations = handled(Annotations.fetch(id));
    const hidden = handled(api.hiddenParagraphs(id));
    const removed = handled(api.removedBlocks(id));
    const notes = handled(api.listArticleNotes(id));
    const events = handled(
      Promise.allSettled([fetched, annotations, hidden, removed, notes]).then(() => api.listEvents(id)),
    );
    const [article] = await Promise.all([fetched, readerFontsReady()]);
    mark(PERF.openFetched);
    this.show(article);
    mark(PERF.openRendered);
    void removed.then((blocks) => this.setRemovedCount(article.id, blocks.length));
    void this.timelineSidebar.load(article.id, events);
    await Promise.all([
      this.annotations.load(article, annotations).then(() => mark(PERF.openHighlighted)),
      this.articleNotes.load(article.id, notes),
      this.hiddenParagraphs.load(article.id, hidden),
    ]);
    // Folding hidden paragraphs moves the passages the notes sit beside.
    if (this.hiddenParagraphs.count > 0) this.annotations.relayout();
    // Opened again in place (read again in another encoding): `attached`
    // is not called, so the rest of a long article is laid out from here.
    if (this.el.isConnected) this.progressive.resume();
  }

  /**
   * Another device's changes to the open article arrived (a sync round):
   * its highlights, notes and events are read again and shown in place,
   * without reloading the text or moving the reading position. A new text
   * (replaced on the other device) reopens the article, unless a note is
   * being written here: then it waits for the next round.
   */
  async refreshFromSync(): Promise<void> {
    const article = this.article;
    if (!article) return;
    const id = article.id;
    try {
      const [fresh, [list, orphans], hidden] = await Promise.all([api.getArticle(id), Annotations.fetch(id), api.hiddenParagraphs(id)]);
      if (this.article?.id !== id) return;
      const writing = this.annotations.isWritingNote || this.articleNotes.isEditing;
      if (fresh.text !== article.text && !writing) {
        await this.open(id);
        return;
      }
      this.annotations.applyRemote(list, orphans);
      // Hidden paragraphs first fold (their change lays the notes out again).
      this.hiddenParagraphs.applyRemote(hidden);
      void this.timelineSidebar.load(id, api.listEvents(id));
      if (!this.articleNotes.isEditing) void this.articleNotes.load(id, api.listArticleNotes(id));
    } catch (e) {
      errorToast(e, "Changes from another device could not be shown");
    }
  }

  /** Called once the view is in the document: positions depend on layout. */
  attached(): void {
    // Keys scroll the article at once (Space, Page Down, End); focusing it
    // while it was still detached did nothing, and the keys went nowhere.
    this.scroller.focus({ preventScroll: true });
    this.annotations.relayout();
    // Back where the reader left it (after the first layout: positions depend on it).
    const saved = this.article?.position ?? 0;
    if (saved > 0) this.jumpTo(saved, "instant");
    if (this.progressive.pending) this.progressive.resume();
    else mark(PERF.openLaidOut);
  }

  /** Called when the reader is left (back to the library, the app closing). */
  detached(): void {
    this.savePosition.flush();
    // The highlight toolbar floats over the whole window: it goes with the reader.
    this.annotations.deselect();
  }

  /** Scrolls to the text at code-point offset `offset`, laying out the rest
   * of a long book first when it lies there. */
  jumpTo(offset: number, behavior: ScrollBehavior = "auto"): void {
    const i = lastAtOrBefore(this.starts, offset);
    const block = this.blocks[Math.max(i, 0)];
    if (!block) return;
    if (block.closest("[data-pending]")) this.progressive.revealAll();
    const range = offsetsToRanges(offset, offset + 1, this.body)[0];
    const rect = range && range.getClientRects().length ? range.getClientRects()[0] : block.getBoundingClientRect();
    const top = this.scroller.getBoundingClientRect().top;
    this.scroller.scrollTo({ top: this.scroller.scrollTop + rect.top - top - 24, behavior });
    this.contents.follow(offset);
  }

  /** Scrolling: the contents follow and the position is saved, once a frame at most. */
  private queueScrolled(): void {
    if (this.scrollQueued) return;
    this.scrollQueued = true;
    requestAnimationFrame(() => {
      this.scrollQueued = false;
      const article = this.article;
      if (!article || !this.blocks.length) return;
      const top = this.scroller.getBoundingClientRect().top + 8;
      const i = firstVisible(this.blocks, top, (el) => (el.closest("[data-pending]") ? Infinity : el.getBoundingClientRect().bottom));
      const position = this.scroller.scrollTop < 8 ? 0 : this.starts[Math.min(i, this.starts.length - 1)];
      this.contents.follow(position);
      if (position !== this.position) {
        this.position = position;
        this.savePosition.push({ id: article.id, position });
      }
    });
  }

  /** Shows or hides the timeline sidebar (View → Show or Hide Timeline). */
  setTimelineOpen(open: boolean): void {
    this.el.classList.toggle("timeline-closed", !open);
  }

  /** Groups the timeline of a book by chapter or not (the saved preference). */
  setTimelineByChapter(byChapter: boolean): void {
    this.timelineSidebar.setByChapter(byChapter);
  }

  private show(article: Article): void {
    this.article = article;
    this.renderHeader(article);
    clear(this.body);
    // The HTML was sanitized by the importer (allowlist, no scripts, no event
    // handlers, safe URLs); the CSP forbids inline script as a second wall.
    this.body.innerHTML = article.html;
    if (article.dir) this.body.dir = article.dir;
    else this.body.removeAttribute("dir");
    if (article.lang) this.body.lang = article.lang;
    else this.body.removeAttribute("lang");
    for (const a of Array.from(this.body.querySelectorAll("a[href]"))) {
      a.setAttribute("rel", "noopener noreferrer");
      a.setAttribute("title", a.getAttribute("href") ?? "");
    }
    // Links inside a book are focusable like any link.
    for (const a of Array.from(this.body.querySelectorAll("a[data-to]"))) a.setAttribute("href", "#");
    prepareImages(this.body, (hash) => convertFileSrc(hash, "sidenote-img"), (remote) => this.loadImage(article.id, remote));
    this.blocks = Array.from(this.body.querySelectorAll("[data-o]"));
    this.starts = this.blocks.map((b) => Number(b.getAttribute("data-o")));
    this.savePosition.cancel();
    this.position = article.position ?? 0;
    this.contents.render(article.toc);
    // A long article shows its first screens now and the rest over the next frames.
    this.progressive.begin();
    this.scroller.scrollTop = 0;
    this.actions.titleChanged(article.title);
  }

  /** "Load from <site>": the app fetches the image once and stores it with
   * the article; the article's text is unchanged, only its HTML. */
  private async loadImage(id: string, remote: string): Promise<SavedImage> {
    const updated = await api.loadImage(id, remote);
    if (this.article?.id === id) this.article = updated;
    const saved = savedImageIn(updated.html, remote);
    if (!saved) throw new Error("the image was not stored");
    return saved;
  }

  private renderHeader(article: Article): void {
    const s = article;
    const site = s.site ?? hostOf(s.sourceUrl);
    clear(this.header);
    // An article whose date the page did not give (or gave as a placeholder)
    // says so, and offers to set it: relative dates and the timeline's
    // warnings are read against it.
    const unknownDate = s.published
      ? null
      : h("button", { class: "date-unknown", type: "button", title: "Set the date this article was published", onclick: () => this.editDetails() }, "Date unknown");
    const meta = [site, formatPartialDate(s.published)].filter(Boolean).join(" · ");
    this.header.append(
      h("p", { class: "article-kicker" }, meta, meta && unknownDate ? " · " : null, unknownDate),
      h("h1", { id: "article-title", class: "article-title" }, s.title),
      h(
        "p",
        { class: "article-meta" },
        s.byline ? h("span", { class: "article-byline" }, s.byline) : null,
        s.book?.publisher ? h("span", { class: "article-publisher" }, s.book.publisher) : null,
        h("span", { class: "article-length" }, `${formatCount(s.wordCount, "word")} · ${readingMinutes(s.wordCount, s.lang)} min read`),
        article.toc.length
          ? h(
              "button",
              { class: "btn btn-ghost btn-small show-contents", "aria-expanded": String(this.contents.open), title: "Table of contents (Ctrl+Shift+O)", onclick: () => this.contents.setOpen(!this.contents.open) },
              icon("contents"),
              "Contents",
            )
          : null,
        h("button", { class: "btn btn-ghost btn-small edit-details", onclick: () => this.editDetails() }, icon("edit"), "Edit details"),
        h(
          "button",
          { class: "btn btn-ghost btn-small hide-paragraphs", "aria-pressed": "false", title: "Hide paragraphs that are not part of the article", onclick: () => this.hiddenParagraphs.setEditing(!this.hiddenParagraphs.editing) },
          icon("eyeOff"),
          "Hide paragraphs",
        ),
        h(
          "button",
          { class: "btn btn-ghost btn-small show-removed", hidden: true, title: "Blocks the clean-up left out when it imported the page", onclick: () => this.showRemoved() },
          icon("removed"),
          h("span", { class: "show-removed-label" }, "Show what was removed"),
        ),
        h("button", { class: "btn btn-ghost btn-small add-article-note", title: "Write a note on the whole article", onclick: () => this.articleNotes.startAdding() }, icon("margin"), "Note on article"),
        h("button", { class: "btn btn-ghost btn-small export-notes", onclick: () => openExportDialog(article.id, article.title) }, icon("import"), "Export notes"),
      ),
    );
  }

  /** Shows the header's "Show what was removed" button when there is something to show. */
  private setRemovedCount(articleId: string, count: number): void {
    if (this.article?.id !== articleId) return;
    const button = this.header.querySelector<HTMLButtonElement>(".show-removed");
    if (!button) return;
    button.hidden = count === 0;
    const label = button.querySelector(".show-removed-label");
    if (label) label.textContent = `Show what was removed (${count})`;
  }

  /** The list of blocks the clean-up left out; putting one back shows the article again with it in place. */
  showRemoved(): void {
    const article = this.article;
    if (!article) return;
    void openRemovedBlocks(article.id, {
      text: () => this.article?.text ?? "",
      restored: async (articleId, offset) => {
        await this.open(articleId);
        this.flashBlock(offset);
        toast("Put back into the article", "success");
      },
      failed: (message) => toast(message, "error"),
    }).catch((err) => errorToast(err));
  }

  /** Lands on a place in the text (a link's #o=OFFSET): its block, marked for a moment. */
  revealOffset(offset: number): boolean {
    this.progressive.revealAll();
    const block = blockAt(this.body.querySelectorAll<HTMLElement>("[data-o]"), offset);
    if (!block) return false;
    block.scrollIntoView({ block: "center", behavior: "instant" });
    block.classList.add("just-restored");
    window.setTimeout(() => block.classList.remove("just-restored"), 2400);
    return true;
  }

  /** Scrolls to the block at `offset` and marks it for a moment. */
  private flashBlock(offset: number): void {
    this.progressive.revealAll();
    const block = this.body.querySelector<HTMLElement>(`[data-o="${offset}"]`);
    if (!block) return;
    block.scrollIntoView({ block: "center" });
    block.classList.add("just-restored");
    window.setTimeout(() => block.classList.remove("just-restored"), 2400);
  }

  /** Lets the reader correct the title, author and published date the importer guessed. */
  editDetails(): void {
    const s = this.article;
    if (!s) return;
    const title = h("input", { type: "text", value: s.title, required: true, id: "details-title" });
    const byline = h("input", { type: "text", value: s.byline ?? "", id: "details-byline" });
    const published = h("input", { type: "text", value: s.published ?? "", placeholder: "YYYY, YYYY-MM or YYYY-MM-DD", id: "details-published" });
    const error = h("p", { class: "form-error", role: "alert" });
    const encoding = h("div", { class: "field encoding-field", hidden: true });
    void this.fillEncodingField(s.id, encoding, error);
    openDialog({
      name: "details",
      title: "Article details",
      focus: title,
      body: [
        h("label", { class: "field" }, h("span", {}, "Title"), title),
        h("label", { class: "field" }, h("span", {}, "Author"), byline),
        h("label", { class: "field" }, h("span", {}, "Published"), published),
        encoding,
        error,
      ],
      footer: (close) => [cancelButton(close), h("button", { type: "submit", class: "btn btn-primary" }, "Save")],
      onSubmit: (close) => {
        void (async () => {
          try {
            const updated = await api.updateArticleMetadata(s.id, title.value, byline.value || null, published.value || null);
            const dateChanged = updated.published !== s.published;
            this.article = updated;
            this.renderHeader(updated);
            // A new published date gives the timeline again (relative dates, warnings).
            if (dateChanged) void this.timelineSidebar.load(updated.id);
            this.actions.titleChanged(updated.title);
            // Relative dates ("yesterday") are read against the published date: the library dated them again.
            if (updated.published !== s.published) void this.timelineSidebar.load(updated.id);
            close();
            toast("Details saved", "success");
          } catch (err) {
            error.textContent = describeError(toApiError(err).payload);
          }
        })();
      },
    });
  }

  /** "Text encoding" in the details dialog: read the kept source bytes again
   * with another encoding when the guess produced mojibake. */
  private async fillEncodingField(id: string, field: HTMLElement, error: HTMLElement): Promise<void> {
    const info = await api.articleSource(id).catch(() => null);
    if (!info?.canRedecode) return;
    const current = info.encoding ?? "UTF-8";
    const names = ENCODINGS.some((e) => e.toLowerCase() === current.toLowerCase()) ? ENCODINGS : [current, ...ENCODINGS];
    const select = h("select", { class: "select", id: "details-encoding" }, ...names.map((n) => h("option", { value: n, selected: n.toLowerCase() === current.toLowerCase() }, n)));
    const apply = h("button", { type: "button", class: "btn btn-small redecode" }, "Read again");
    apply.addEventListener("click", () => {
      void (async () => {
        error.textContent = "";
        try {
          const { article, highlights } = await api.redecode(id, select.value);
          document.querySelector<HTMLElement>('.dialog-backdrop[data-dialog="details"] .dialog-close')?.click();
          this.actions.titleChanged(article.title);
          await this.open(article.id);
          // The highlights moved to the new text; say where they went, and leave time to read it.
          const summary = reanchorSummary(highlights);
          toast(summary ? `Read again as ${select.value}. ${summary}` : `Read again as ${select.value}`, "success", summary ? 10000 : 5000);
        } catch (err) {
          error.textContent = describeError(toApiError(err).payload);
        }
      })();
    });
    field.append(
      h("label", { for: "details-encoding" }, h("span", {}, "Text encoding")),
      h("div", { class: "encoding-row" }, select, apply),
      h("p", { class: "field-hint" }, "If the text shows garbled characters, pick the encoding the page was written in."),
    );
    field.hidden = false;
  }
}

/** Encodings offered for re-reading a source (WHATWG names). */
const ENCODINGS = [
  "UTF-8", "windows-1252", "ISO-8859-2", "windows-1250", "windows-1251", "KOI8-R", "KOI8-U", "ISO-8859-5", "IBM866",
  "windows-1253", "ISO-8859-7", "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258",
  "Shift_JIS", "EUC-JP", "ISO-2022-JP", "GBK", "gb18030", "Big5", "EUC-KR", "UTF-16LE", "UTF-16BE", "macintosh",
];

/** The same promise, marked as handled: when the article itself cannot be
 * opened, the requests started beside it must not report unhandled rejections. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
