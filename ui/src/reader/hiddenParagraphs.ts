// Paragraphs the reader marked "not part of the article" (a sign-up box, a
// caption, an appeal the extractor kept). They stay in the library and are
// folded away in the reader; in clean-up mode every paragraph can be hidden
// or shown again with a click or Enter.
import { api, type HiddenRange } from "../api";
import { h } from "../dom";
import { errorToast, toast } from "../toast";
import { pendingLike } from "./progressiveLayout";

const BLOCK = "[data-o]";

/** Consecutive runs (in document order) of hidden blocks: each run becomes one marker. */
export function hiddenRuns(blocks: readonly Element[], hidden: ReadonlySet<number>): Element[][] {
  const runs: Element[][] = [];
  let run: Element[] = [];
  for (const block of blocks) {
    if (hidden.has(Number(block.getAttribute("data-o")))) {
      run.push(block);
    } else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

export class HiddenParagraphs {
  private hidden = new Set<number>();
  private articleId: string | null = null;
  private editingNow = false;
  /** After a change: margin notes and the timeline depend on what is shown. */
  onChange: () => void = () => {};
  /** When clean-up mode starts or ends (the reader shows its bar). */
  onModeChange: (editing: boolean) => void = () => {};
  /** Shows a highlight that stands in the way of hiding its paragraph. */
  onShowHighlight: (id: string) => void = () => {};

  constructor(private readonly body: HTMLElement) {
    // Capture phase on the body: in clean-up mode a click means "hide this",
    // never "select a highlight" or "open a link".
    body.addEventListener("click", (e) => this.onClick(e), true);
    body.addEventListener("keydown", (e) => this.onKey(e), true);
  }

  get editing(): boolean {
    return this.editingNow;
  }

  get count(): number {
    return this.hidden.size;
  }

  async load(articleId: string, fetched: Promise<HiddenRange[]> = api.hiddenParagraphs(articleId)): Promise<void> {
    this.articleId = articleId;
    this.editingNow = false;
    this.body.classList.remove("cleanup");
    const ranges = await fetched;
    this.hidden = new Set(ranges.map((r) => r.start));
    this.render();
  }

  /**
   * Shows what another device left hidden (a sync round), keeping clean-up
   * mode as it is; true when something changed on the page.
   */
  applyRemote(ranges: readonly HiddenRange[]): boolean {
    const next = new Set(ranges.map((r) => r.start));
    if (next.size === this.hidden.size && [...next].every((s) => this.hidden.has(s))) return false;
    this.hidden = next;
    this.render();
    this.onChange();
    return true;
  }

  setEditing(on: boolean): void {
    if (on === this.editingNow) return;
    this.editingNow = on;
    this.body.classList.toggle("cleanup", on);
    window.getSelection()?.removeAllRanges();
    this.render();
    this.onModeChange(on);
    this.onChange();
  }

  private blocks(): HTMLElement[] {
    return Array.from(this.body.querySelectorAll<HTMLElement>(BLOCK));
  }

  /** Marks hidden blocks and, outside clean-up mode, folds each run behind a marker. */
  render(): void {
    for (const marker of Array.from(this.body.querySelectorAll(".hidden-marker"))) marker.remove();
    const blocks = this.blocks();
    for (const block of blocks) {
      const isHidden = this.hidden.has(Number(block.dataset.o));
      block.classList.toggle("para-hidden", isHidden);
      if (this.editingNow) {
        const locked = block.querySelector("mark.hl") !== null;
        block.classList.toggle("para-locked", locked);
        block.tabIndex = 0;
        // Headings keep their role (a button role would hide the outline from screen readers).
        if (!/^H[1-6]$/.test(block.tagName)) {
          block.setAttribute("role", "button");
          block.setAttribute("aria-pressed", String(isHidden));
        }
        block.title = locked ? "This paragraph has highlights, so it stays" : isHidden ? "Hidden: click to show again" : "Click to hide";
      } else {
        block.classList.remove("para-locked");
        block.removeAttribute("tabindex");
        block.removeAttribute("role");
        block.removeAttribute("aria-pressed");
        block.removeAttribute("title");
      }
    }
    if (this.editingNow) return;
    for (const run of hiddenRuns(blocks, this.hidden)) {
      const label = run.length === 1 ? "1 paragraph hidden" : `${run.length} paragraphs hidden`;
      const marker = h(
        "button",
        { type: "button", class: "hidden-marker", "data-skip": "", contenteditable: "false", title: "Show hidden paragraphs and edit what is hidden" },
        h("span", {}, label),
      );
      marker.addEventListener("click", (e) => {
        e.preventDefault();
        e.stopPropagation();
        this.setEditing(true);
        run[0].scrollIntoView({ block: "center" });
      });
      pendingLike(marker, run[0]);
      run[0].before(marker);
    }
  }

  private onClick(e: MouseEvent): void {
    if (!this.editingNow) return;
    const block = (e.target as Element).closest<HTMLElement>(BLOCK);
    e.preventDefault();
    e.stopPropagation();
    if (block && this.body.contains(block)) void this.toggle(block);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.editingNow) return;
    const block = e.target instanceof HTMLElement && e.target.matches(BLOCK) ? e.target : null;
    if (block && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      e.stopPropagation();
      void this.toggle(block);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.setEditing(false);
    }
  }

  async toggle(block: HTMLElement): Promise<void> {
    const id = this.articleId;
    if (!id) return;
    const start = Number(block.dataset.o);
    const hide = !this.hidden.has(start);
    if (hide && block.classList.contains("para-locked")) {
      toast("This paragraph has highlights. Delete them first if it is not part of the article.", "info");
      return;
    }
    try {
      const ranges = hide ? await api.hideParagraphs(id, [start]) : await api.restoreParagraphs(id, [start]);
      if (id !== this.articleId) return;
      this.hidden = new Set(ranges.map((r) => r.start));
      this.render();
      this.onChange();
      if (this.editingNow) block.focus({ preventScroll: true });
    } catch (err) {
      // Highlights added meanwhile (in another window): offer to show them.
      errorToast(err, "", {
        showHighlight: (highlight) => {
          this.setEditing(false);
          this.onShowHighlight(highlight);
        },
      });
    }
  }
}
