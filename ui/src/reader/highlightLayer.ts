// Draws highlights into the rendered article by wrapping their text in <mark>
// elements, one highlight at a time: adding, recolouring or removing one
// touches only its own marks, never the rest of the article.
import type { Highlight } from "../api";
import type { OffsetIndex } from "./offsets";

export class HighlightLayer {
  private readonly marksById = new Map<string, HTMLElement[]>();

  constructor(private readonly index: OffsetIndex) {}

  draw(h: Highlight): HTMLElement[] {
    this.erase(h.id);
    const marks: HTMLElement[] = [];
    // Text node segments, not DOM Ranges: every live Range is updated on each
    // later DOM change until it is garbage collected, so wrapping thousands of
    // highlights through Ranges grew quadratically (seconds for 2,000).
    for (const { node, start, end } of this.index.offsetsToSegments(h.start, h.end)) {
      const mark = node.ownerDocument.createElement("mark");
      mark.className = "hl";
      mark.dataset.hid = h.id;
      mark.dataset.color = h.color;
      wrapText(node, start, end, mark);
      marks.push(mark);
    }
    if (marks.length) {
      const first = marks[0];
      first.tabIndex = -1;
      first.classList.add("hl-first");
      this.label(h, first);
    }
    this.marksById.set(h.id, marks);
    this.setNoteFlag(h);
    return marks;
  }

  /** Updates colour, note flag and label in place. */
  refresh(h: Highlight): void {
    const marks = this.marksById.get(h.id);
    if (!marks) return;
    for (const m of marks) m.dataset.color = h.color;
    if (marks[0]) this.label(h, marks[0]);
    this.setNoteFlag(h);
  }

  erase(id: string): void {
    const marks = this.marksById.get(id);
    if (!marks) return;
    for (const mark of marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    }
    this.marksById.delete(id);
  }

  marks(id: string): HTMLElement[] {
    return this.marksById.get(id) ?? [];
  }

  first(id: string): HTMLElement | null {
    return this.marksById.get(id)?.[0] ?? null;
  }

  has(id: string): boolean {
    return this.marksById.has(id);
  }

  setClass(id: string, cls: string, on: boolean): void {
    for (const m of this.marks(id)) m.classList.toggle(cls, on);
  }

  private label(h: Highlight, first: HTMLElement): void {
    const note = h.note.trim();
    first.setAttribute("aria-label", `${h.color} highlight${note ? ", with a note" : ""}${h.tags.length ? ", tagged " + h.tags.join(", ") : ""}`);
  }

  private setNoteFlag(h: Highlight): void {
    const marks = this.marks(h.id);
    const last = marks[marks.length - 1];
    for (const m of marks) m.classList.remove("hl-has-note");
    if (last && h.note.trim()) last.classList.add("hl-has-note");
  }
}

/** Moves UTF-16 units start..end of `node` into `mark`, splitting the text node as needed. */
export function wrapText(node: Text, start: number, end: number, mark: HTMLElement): void {
  const inner = start > 0 ? node.splitText(start) : node;
  if (end - start < inner.length) inner.splitText(end - start);
  inner.parentNode?.insertBefore(mark, inner);
  mark.appendChild(inner);
}
