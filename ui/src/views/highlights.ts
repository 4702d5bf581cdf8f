// Every highlight in the library: filter by colour, tag and date, search
// quotes and notes, and jump to a passage in its article.
import { api, type Color, type LibraryHighlight } from "../api";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { formatCount, formatRelative } from "../lib/format";
import { renderMarkdown } from "../lib/markdown";
import { COLORS } from "../reader/toolbar";
import { errorToast } from "../toast";

const PAGE = 200;

export interface HighlightsActions {
  open(articleId: string, highlightId: string): void;
}

export class HighlightsView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly countEl: HTMLElement;
  private readonly searchInput: HTMLInputElement;
  private readonly tagSelect: HTMLSelectElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly colors = new Set<Color>();
  private timer = 0;
  private seq = 0;
  /** How many are shown: a page at a time, as a common word can match most of a large library. */
  private shown = PAGE;
  private readonly more: HTMLButtonElement;

  constructor(private readonly actions: HighlightsActions) {
    this.searchInput = h("input", { type: "search", class: "search-input", placeholder: "Search quotes and notes", "aria-label": "Search highlights" });
    this.searchInput.addEventListener("input", () => this.reloadSoon());
    this.tagSelect = h("select", { class: "select", "aria-label": "Tag" });
    this.tagSelect.addEventListener("change", () => void this.load());
    this.fromInput = h("input", { type: "date", class: "date-input", "aria-label": "From" });
    this.toInput = h("input", { type: "date", class: "date-input", "aria-label": "To" });
    this.fromInput.addEventListener("change", () => void this.load());
    this.toInput.addEventListener("change", () => void this.load());
    const chips = COLORS.map((c) => {
      const b = h("button", { class: "swatch", type: "button", "data-color": c, "aria-pressed": "false", "aria-label": `Only ${c}`, title: c });
      b.addEventListener("click", () => {
        if (this.colors.has(c)) this.colors.delete(c);
        else this.colors.add(c);
        b.setAttribute("aria-pressed", String(this.colors.has(c)));
        void this.load();
      });
      return b;
    });
    this.countEl = h("span", { class: "library-count" });
    this.list = h("ol", { class: "hl-list" });
    this.more = h("button", { class: "btn hl-more", type: "button", hidden: true }, "Show more");
    this.more.addEventListener("click", () => {
      this.shown += PAGE;
      void this.load({ keepPage: true });
    });
    this.el = h(
      "section",
      { class: "view highlights-view", "aria-labelledby": "highlights-heading" },
      h(
        "header",
        { class: "library-header" },
        h("div", { class: "library-title" }, h("h1", { id: "highlights-heading" }, "Highlights"), this.countEl),
        h("div", { class: "library-tools" }, h("label", { class: "search" }, icon("search"), this.searchInput)),
      ),
      h(
        "div",
        { class: "hl-filters" },
        h("div", { class: "hl-colors", role: "group", "aria-label": "Colours" }, ...chips),
        this.tagSelect,
        h("label", { class: "date-field" }, "From", this.fromInput),
        h("label", { class: "date-field" }, "To", this.toInput),
      ),
      h("div", { class: "table-wrap" }, this.list, this.more),
    );
  }

  private reloadSoon(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.load(), 150);
  }

  async load(options: { keepPage?: boolean } = {}): Promise<void> {
    const seq = ++this.seq;
    if (!options.keepPage) this.shown = PAGE;
    const limit = this.shown;
    try {
      const [items, tags] = await Promise.all([
        api.searchHighlights({
          // One more than shown tells whether there are more.
          limit: limit + 1,
          colors: [...this.colors],
          tag: this.tagSelect.value || undefined,
          from: this.fromInput.value || undefined,
          to: this.toInput.value || undefined,
          search: this.searchInput.value,
          includeOrphans: true,
        }),
        api.highlightTags(),
      ]);
      if (seq !== this.seq) return;
      this.renderTags(tags);
      this.render(items.slice(0, limit), items.length > limit);
    } catch (e) {
      errorToast(e);
    }
  }

  private renderTags(tags: string[]): void {
    const current = this.tagSelect.value;
    clear(this.tagSelect);
    this.tagSelect.append(h("option", { value: "" }, "All tags"), ...tags.map((t) => h("option", { value: t }, t)));
    this.tagSelect.value = tags.includes(current) ? current : "";
  }

  private render(items: LibraryHighlight[], more: boolean): void {
    clear(this.list);
    this.countEl.textContent = more ? `The newest ${items.length.toLocaleString("en")} highlights` : formatCount(items.length, "highlight");
    this.more.hidden = !more;
    if (!items.length) {
      this.list.append(h("li", { class: "empty-state" }, h("h2", {}, "No highlights here"), h("p", {}, "Select text in an article and pick a colour to highlight it.")));
      return;
    }
    for (const item of items) {
      const note = h("div", { class: "hl-item-note" });
      if (item.note) note.appendChild(renderMarkdown(item.note));
      const li = h(
        "li",
        { class: "hl-item", "data-color": item.color, tabindex: "0", "data-hid": item.id },
        h("blockquote", {}, item.exact),
        item.note ? note : null,
        h(
          "div",
          { class: "hl-item-meta" },
          h("span", { class: "hl-item-article" }, item.articleTitle),
          item.orphaned ? h("span", { class: "tag tag-warn" }, "not placed") : null,
          ...item.tags.map((t) => h("span", { class: "tag" }, t)),
          h("span", { class: "hl-item-date" }, formatRelative(item.createdAt)),
        ),
      );
      const open = () => this.actions.open(item.articleId, item.id);
      li.addEventListener("click", (e) => {
        if (!(e.target as HTMLElement).closest("a")) open();
      });
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter") open();
      });
      this.list.appendChild(li);
    }
  }
}
