// The library: every imported article in a sortable, searchable table, a page
// at a time (a library of 10,000 articles would otherwise be 10,000 rows).
import { ask } from "@tauri-apps/plugin-dialog";
import { api, type ArticleSummary } from "../api";
import { toApiError } from "../lib/errors";
import { mark, PERF } from "../lib/perf";
import type { SortKey } from "../bindings/SortKey";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { answers, type FirstPage } from "../lib/boot";
import { formatCount, formatPartialDateShort, formatRelative, hostOf } from "../lib/format";
import { readingProgress, type Progress } from "../lib/progress";
import {
  emptySelection,
  extendTo,
  keepListed,
  selectedInOrder,
  toggleAll,
  toggleRow,
  type RowSelection,
} from "../lib/rowSelection";
import { errorToast, toast } from "../toast";
import { openExportDialog } from "./exportDialog";

interface Column {
  key: SortKey;
  label: string;
  cls: string;
  numeric?: boolean;
  /** The natural first direction when this column is chosen. */
  descendingFirst?: boolean;
}

const COLUMNS: Column[] = [
  { key: "title", label: "Title", cls: "col-title" },
  { key: "byline", label: "Author", cls: "col-byline" },
  { key: "site", label: "Site", cls: "col-site" },
  { key: "published", label: "Published", cls: "col-published", descendingFirst: true },
  { key: "words", label: "Words", cls: "col-words", numeric: true, descendingFirst: true },
  { key: "highlights", label: "Highlights", cls: "col-highlights", numeric: true, descendingFirst: true },
  { key: "imported", label: "Added", cls: "col-imported", descendingFirst: true },
];

/** Rows asked for at a time; scrolling to the end of the list asks for the next. */
export const PAGE = 200;

export interface LibraryActions {
  open(id: string): void;
  importFiles(): void;
  openUrl(): void;
  /** Shows these articles' events on the Timeline tab. */
  showOnTimeline(ids: string[], titles: string[]): void;
}

export class LibraryView {
  readonly el: HTMLElement;
  private search = "";
  private sort: SortKey = "imported";
  private descending = true;
  /** While a search is typed and no column was chosen for it: best match first. */
  private byRelevance = false;
  private rows: ArticleSummary[] = [];
  /** How many rows are asked for: PAGE, plus one PAGE for each "Show more". */
  private shown = PAGE;
  private total = 0;
  private readonly more: HTMLButtonElement;
  private readonly tableWrap: HTMLElement;
  /** The next list is a new one (another search or order): show it from its top. */
  private fromTop = false;
  private moreObserver: IntersectionObserver | null = null;
  private readonly searchInput: HTMLInputElement;
  private readonly tableBody: HTMLTableSectionElement;
  private readonly headRow: HTMLTableRowElement;
  private readonly countEl: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private searchTimer = 0;
  private loadSeq = 0;
  private selection: RowSelection = emptySelection;
  private readonly selectionBar: HTMLElement;
  private readonly selectionCount: HTMLElement;
  private readonly selectAll: HTMLInputElement;

  constructor(private readonly actions: LibraryActions) {
    this.searchInput = h("input", {
      type: "search",
      class: "search-input",
      placeholder: "Search titles, authors and text",
      "aria-label": "Search the library",
      spellcheck: "false",
    });
    this.searchInput.addEventListener("input", () => {
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => {
        const was = this.search;
        this.search = this.searchInput.value;
        // A new search ranks by best match; clearing it returns to the column's order.
        if (!was.trim() || !this.search.trim()) this.byRelevance = this.search.trim() !== "";
        this.renderHead();
        this.newList();
      }, 120);
    });
    this.searchInput.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        (this.tableBody.querySelector("tr") as HTMLElement | null)?.focus();
      }
    });
    this.countEl = h("span", { class: "library-count", "aria-live": "polite" });
    this.more = h("button", { class: "btn library-more", type: "button", hidden: true, onclick: () => this.showMore() }, "Show more");
    // Reaching the end of the list asks for the next page by itself; the
    // button stays for the keyboard and for screen readers.
    if (typeof IntersectionObserver !== "undefined") {
      this.moreObserver = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting) && !this.more.hidden && !this.loading) this.showMore();
      });
      this.moreObserver.observe(this.more);
    }
    this.headRow = h("tr");
    this.tableWrap = h("div", { class: "table-wrap" });
    this.tableBody = h("tbody");
    this.emptyEl = h("div", { class: "empty-state", hidden: true });
    this.selectAll = h("input", { type: "checkbox", class: "select-all", "aria-label": "Select all listed articles" });
    this.selectAll.addEventListener("change", () => this.setSelection(toggleAll(this.selection, this.order())));
    this.selectionCount = h("span", { class: "selection-count", "aria-live": "polite" });
    this.selectionBar = h(
      "div",
      { class: "selection-bar", hidden: true, role: "toolbar", "aria-label": "Selected articles" },
      this.selectionCount,
      h("button", { class: "btn btn-primary", id: "selection-timeline", onclick: () => this.showSelectionOnTimeline() }, icon("timeline"), "Show on timeline"),
      h("button", { class: "btn", id: "selection-clear", onclick: () => this.setSelection(emptySelection) }, "Clear selection"),
    );
    this.el = h(
      "section",
      { class: "view library-view", "aria-labelledby": "library-heading" },
      h(
        "header",
        { class: "library-header" },
        h("div", { class: "library-title" }, h("h1", { id: "library-heading" }, "Library"), this.countEl),
        h(
          "div",
          { class: "library-tools" },
          h("label", { class: "search" }, icon("search"), this.searchInput),
          h("button", { class: "btn", id: "open-url-button", onclick: () => this.actions.openUrl() }, "Open URL…"),
          h("button", { class: "btn", id: "export-button", onclick: () => openExportDialog(null, null) }, "Export…"),
          h("button", { class: "btn btn-primary", id: "import-button", onclick: () => this.actions.importFiles() }, icon("import"), "Import…"),
        ),
        this.selectionBar,
      ),
      this.tableWrap,
      h("p", { class: "library-hint" }, "Drop files anywhere in the window, or paste text with Ctrl+V, to add an article."),
    );
    this.tableWrap.append(
      h("table", { class: "library-table", "aria-label": "Articles" }, h("thead", {}, this.headRow), this.tableBody),
      this.more,
      this.emptyEl,
    );
    this.renderHead();
  }

  focusSearch(): void {
    this.searchInput.focus();
    this.searchInput.select();
  }

  private loading = false;
  /**
   * The first page, asked for before the app knows it will show the library
   * (`askEarly`), or given with the window (then shown without waiting).
   */
  private early: Promise<[ArticleSummary[], number]> | { rows: ArticleSummary[]; total: number } | null = null;

  /**
   * Asks for the first page as the view opens at launch (no search, newest
   * first) while the app is still waiting for its settings: the two answers
   * then arrive together instead of one after the other (cold start, issue
   * 24). Or takes the shell's answer given with the window (`given`): the
   * first `load` then draws it at once, before the page's first layout. The
   * first `load` takes it; `forgetEarly` drops it when the app opens an
   * article instead, so a later visit never shows a stale page.
   */
  askEarly(given: FirstPage | null = null): void {
    if (given && answers(given, this.query(), this.shown + 1)) {
      this.early = { rows: given.rows, total: given.total };
      return;
    }
    const asked = this.page(this.query(), this.shown);
    // Seen by `load`, or dropped: never an unhandled rejection.
    asked.catch(() => undefined);
    this.early = asked;
  }

  forgetEarly(): void {
    this.early = null;
  }

  private query() {
    return { search: this.search, sort: this.byRelevance ? ("relevance" as const) : this.sort, descending: this.descending };
  }

  /** The first `shown` rows and the total; one more row than shown tells whether there are more. */
  private page(query: ReturnType<LibraryView["query"]>, shown: number): Promise<[ArticleSummary[], number]> {
    return Promise.all([api.listArticles({ ...query, limit: shown + 1 }), api.countArticles(query)]);
  }

  /** Reads the rows shown so far again (after an import, a deletion, a sync) and the total. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    const shown = this.shown;
    const query = this.query();
    const early = this.early;
    this.early = null;
    if (early && !(early instanceof Promise)) {
      // Given with the window: drawn now, in the same task as the launch.
      this.showPage(early.rows, early.total, shown);
      return;
    }
    this.loading = true;
    try {
      const ask = () => this.page(query, shown);
      // The early page if it is still the one wanted; asked again if it failed.
      const [rows, total] = early ? await early.catch(ask) : await ask();
      if (seq !== this.loadSeq) return; // a newer search superseded this one
      this.showPage(rows, total, shown);
    } catch (e) {
      errorToast(e);
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  /** Shows the first `shown` of `rows` (one more tells whether there are more). */
  private showPage(rows: ArticleSummary[], total: number, shown: number): void {
    this.rows = rows.slice(0, shown);
    this.total = Math.max(total, this.rows.length);
    this.selection = keepListed(this.selection, this.order());
    this.renderBody(rows.length > shown);
    mark(PERF.libraryListed);
    if (this.fromTop) this.tableWrap.scrollTop = 0;
    this.fromTop = false;
  }

  /** Another search or order: its first page, from the top. */
  private newList(): void {
    this.shown = PAGE;
    this.fromTop = true;
    void this.load();
  }

  private showMore(): void {
    this.shown += PAGE;
    void this.load();
  }

  private setSort(col: Column): void {
    if (this.byRelevance) {
      this.byRelevance = false;
      this.sort = col.key;
      this.descending = !!col.descendingFirst;
    } else if (this.sort === col.key) this.descending = !this.descending;
    else {
      this.sort = col.key;
      this.descending = !!col.descendingFirst;
    }
    this.renderHead();
    this.newList();
  }

  private order(): string[] {
    return this.rows.map((a) => a.id);
  }

  private setSelection(sel: RowSelection): void {
    this.selection = sel;
    this.showSelection();
  }

  /** Marks the selected rows and shows the bar of what can be done with them. */
  private showSelection(): void {
    const n = this.selection.selected.size;
    for (const tr of this.tableBody.querySelectorAll<HTMLTableRowElement>("tr[data-id]")) {
      const on = this.selection.selected.has(tr.dataset.id ?? "");
      tr.classList.toggle("selected", on);
      const box = tr.querySelector<HTMLInputElement>("input.row-select");
      if (box) box.checked = on;
    }
    this.selectAll.checked = n > 0 && n === this.rows.length;
    this.selectAll.indeterminate = n > 0 && n < this.rows.length;
    this.selectionBar.hidden = n === 0;
    this.selectionCount.textContent = `${formatCount(n, "article")} selected`;
  }

  private showSelectionOnTimeline(): void {
    const ids = selectedInOrder(this.selection, this.order());
    if (!ids.length) return;
    const titles = ids.map((id) => this.rows.find((a) => a.id === id)?.title ?? id);
    this.actions.showOnTimeline(ids, titles);
  }

  /** A click on a row: with Ctrl/⌘ or Shift it selects; otherwise it opens. */
  private clickRow(e: MouseEvent, id: string): boolean {
    if (e.shiftKey) this.setSelection(extendTo(this.selection, this.order(), id));
    else if (e.ctrlKey || e.metaKey) this.setSelection(toggleRow(this.selection, id));
    else return false;
    return true;
  }

  private renderHead(): void {
    clear(this.headRow);
    this.headRow.appendChild(h("th", { class: "col-select", scope: "col" }, this.selectAll));
    for (const col of COLUMNS) {
      const active = !this.byRelevance && this.sort === col.key;
      const th = h(
        "th",
        {
          class: `${col.cls}${col.numeric ? " numeric" : ""}`,
          scope: "col",
          "aria-sort": active ? (this.descending ? "descending" : "ascending") : "none",
        },
        h(
          "button",
          { class: `sort-btn${active ? " active" : ""}`, "data-sort": col.key, onclick: () => this.setSort(col) },
          col.label,
          active ? icon(this.descending ? "sortDown" : "sortUp") : null,
        ),
      );
      this.headRow.appendChild(th);
    }
    this.headRow.appendChild(h("th", { class: "col-actions" }, h("span", { class: "visually-hidden" }, "Actions")));
  }

  private renderBody(more: boolean): void {
    // Keep the focused row focused across a reload (e.g. "Show more" from the keyboard).
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("tr[data-id]")?.dataset.id;
    clear(this.tableBody);
    this.countEl.textContent = countLabel(this.search, this.total, this.byRelevance);
    for (const a of this.rows) this.tableBody.appendChild(this.row(a));
    if (focused) Array.from(this.tableBody.rows).find((tr) => tr.dataset.id === focused)?.focus();
    const left = this.total - this.rows.length;
    this.more.hidden = !more;
    this.more.textContent = `Show ${Math.min(PAGE, Math.max(left, 1)).toLocaleString("en-US")} more of ${left.toLocaleString("en-US")}`;
    this.showSelection();
    const empty = this.rows.length === 0;
    this.emptyEl.hidden = !empty;
    clear(this.emptyEl);
    if (empty) {
      if (this.search) {
        this.emptyEl.append(h("h2", {}, "No matches"), h("p", {}, `Nothing in your library mentions “${this.search}”.`));
      } else {
        this.emptyEl.append(
          icon("library"),
          h("h2", {}, "Your library is empty"),
          h("p", {}, "Import an article to start reading: a web page saved as HTML, a Markdown file or plain text."),
          h("button", { class: "btn btn-primary", onclick: () => this.actions.importFiles() }, icon("import"), "Import…"),
        );
      }
    }
  }

  private row(a: ArticleSummary): HTMLTableRowElement {
    const site = a.site ?? hostOf(a.sourceUrl);
    const progress = readingProgress(a);
    const label = `${a.title}${a.byline ? ", by " + a.byline : ""}${progress ? ", " + progress.label : ""}`;
    const box = h("input", { type: "checkbox", class: "row-select", "aria-label": `Select “${a.title}”` });
    box.addEventListener("click", (e: MouseEvent) => {
      e.stopPropagation();
      this.setSelection(e.shiftKey ? extendTo(this.selection, this.order(), a.id) : toggleRow(this.selection, a.id));
    });
    const tr = h(
      "tr",
      { tabindex: "0", "data-id": a.id, "aria-label": label },
      h("td", { class: "col-select" }, box),
      h("td", { class: "col-title" }, h("span", { class: "row-title" }, a.title), progress ? progressLine(progress) : null),
      h("td", { class: "col-byline" }, a.byline ?? ""),
      h("td", { class: "col-site" }, site ?? ""),
      h("td", { class: "col-published" }, formatPartialDateShort(a.published)),
      h("td", { class: "col-words numeric" }, a.wordCount.toLocaleString("en-US")),
      h("td", { class: "col-highlights numeric" }, a.highlightCount ? String(a.highlightCount) : ""),
      h("td", { class: "col-imported", title: a.importedAt }, formatRelative(a.importedAt)),
      h(
        "td",
        { class: "col-actions" },
        h(
          "button",
          {
            class: "icon-btn row-timeline",
            "aria-label": `Show “${a.title}” on the timeline`,
            title: "Show on timeline",
            onclick: (e: Event) => {
              e.stopPropagation();
              this.actions.showOnTimeline([a.id], [a.title]);
            },
          },
          icon("timeline"),
        ),
        h(
          "button",
          {
            class: "icon-btn row-delete",
            "aria-label": `Delete “${a.title}”`,
            title: "Delete",
            onclick: (e: Event) => {
              e.stopPropagation();
              void this.remove(a);
            },
          },
          icon("trash"),
        ),
      ),
    );
    tr.addEventListener("click", (e) => {
      if (!this.clickRow(e, a.id)) this.actions.open(a.id);
    });
    tr.addEventListener("keydown", (e) => {
      if (e.target !== tr) return; // the row's own checkbox and buttons handle their keys
      if (e.key === "Enter") this.actions.open(a.id);
      else if (e.key === " ") {
        e.preventDefault();
        this.setSelection(e.shiftKey ? extendTo(this.selection, this.order(), a.id) : toggleRow(this.selection, a.id));
      }
      else if (e.key === "ArrowDown") {
        e.preventDefault();
        (tr.nextElementSibling as HTMLElement | null)?.focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        const prev = tr.previousElementSibling as HTMLElement | null;
        (prev ?? this.searchInput).focus();
      } else if (e.key === "Delete") {
        void this.remove(a);
      }
    });
    return tr;
  }

  private async remove(a: ArticleSummary): Promise<void> {
    const yes = await ask(`Delete “${a.title}” and its highlights from your library?`, {
      title: "Delete article",
      kind: "warning",
      okLabel: "Delete",
      cancelLabel: "Keep",
    });
    if (!yes) return;
    try {
      await api.deleteArticle(a.id);
      toast(`Deleted “${a.title}”`, "info");
      await this.load();
    } catch (e) {
      const error = toApiError(e);
      // Deleted elsewhere meanwhile (another window, the command line): the list was stale.
      if (error.payload.kind === "NotFound" && error.payload.data.what === "article") {
        toast(`“${a.title}” was no longer in the library`, "info");
        await this.load();
      } else errorToast(error);
    }
  }
}

/** The header's count: all articles, or the matches of a search and how they are ordered. */
export function countLabel(search: string, total: number, byRelevance: boolean): string {
  if (!search.trim()) return formatCount(total, "article");
  return formatCount(total, "match", "matches") + (byRelevance && total > 1 ? ", best first" : "");
}

/** A thin bar and the percentage under a long item's title. */
function progressLine(progress: Progress): HTMLElement {
  const fill = h("span", { class: "row-progress-fill" });
  // Through the CSSOM: the CSP allows no style attributes.
  fill.style.width = `${progress.percent}%`;
  return h(
    "span",
    { class: "row-progress", title: progress.label },
    h("span", { class: "row-progress-bar", "aria-hidden": "true" }, fill),
    h("span", { class: "row-progress-text" }, `${progress.percent}%`, h("span", { class: "visually-hidden" }, " read")),
  );
}
