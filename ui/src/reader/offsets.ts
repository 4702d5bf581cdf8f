// Mapping between positions in the rendered article and code-point offsets of
// its plain text.
//
// The contract with the importer (src-tauri/core/src/import/blocks.rs): each
// block element carries `data-o`, the code-point offset of its first character
// in the article's text, and the text nodes inside it concatenate to exactly
// its slice of that text. Inline markup (links, emphasis, highlight <mark>s)
// may split text nodes freely. Text inside an element marked `data-skip`
// (markers, buttons the reader inserts) is not article text. Blocks are not
// nested: a text node belongs to its nearest `data-o` ancestor.
//
// JavaScript strings count UTF-16 units; offsets here count code points, so an
// astral character such as an emoji is one offset but two string units.

export interface Offsets {
  start: number;
  end: number;
}

/** Part of one text node: UTF-16 offsets into `node.data`, `end` exclusive. */
export interface Segment {
  node: Text;
  start: number;
  end: number;
}

/** Number of code points in `s` (a surrogate pair counts once). */
export function cpLength(s: string): number {
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      pairs++;
      i++;
    }
  }
  return s.length - pairs;
}

/** UTF-16 index of code point `cp` in `s` (clamped to the string). */
export function cpToUtf16(s: string, cp: number): number {
  let u = 0;
  for (let n = 0; n < cp && u < s.length; n++) {
    u += isHigh(s.charCodeAt(u)) && u + 1 < s.length && isLow(s.charCodeAt(u + 1)) ? 2 : 1;
  }
  return u;
}

/** Code points before UTF-16 index `u` of `s`; an index inside a surrogate pair rounds down. */
export function utf16ToCp(s: string, u: number): number {
  const end = Math.min(u, s.length);
  let cp = 0;
  for (let i = 0; i < end; i++) {
    if (isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      if (i + 1 >= end) break; // `u` splits this pair
      i++;
    }
    cp++;
  }
  return cp;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

interface Block {
  el: Element;
  start: number;
}

const BLOCK = "[data-o]";
const SKIP = "[data-skip]";

/**
 * The blocks of one rendered article, found once. Build one per render and
 * reuse it for many conversions; wrapping text in <mark>s does not invalidate
 * it (only replacing block elements does).
 */
export class OffsetIndex {
  readonly root: Element;
  private readonly blocks: Block[];

  constructor(root: Element) {
    this.root = root;
    const found: Block[] = [];
    const consider = (el: Element) => {
      const o = Number(el.getAttribute("data-o"));
      if (Number.isInteger(o) && o >= 0) found.push({ el, start: o });
    };
    if (root.matches(BLOCK)) consider(root);
    root.querySelectorAll(BLOCK).forEach(consider);
    this.blocks = found.sort((a, b) => a.start - b.start);
  }

  /** The block a node belongs to, or null for text that is not article text. */
  blockOf(node: Node): Element | null {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (!el || !this.root.contains(el)) return null;
    const skipped = el.closest(SKIP);
    if (skipped && this.root.contains(skipped)) return null;
    const block = el.closest(BLOCK);
    return block && this.root.contains(block) ? block : null;
  }

  /** The article text nodes of `block`, in document order. */
  textNodes(block: Element): Text[] {
    const out: Text[] = [];
    const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (this.blockOf(n) === block) out.push(n as Text);
    }
    return out;
  }

  /** Code-point offset of the start of text node `node`, or null if it is not article text. */
  textNodeStart(node: Text): number | null {
    const block = this.blockOf(node);
    if (!block) return null;
    let cp = Number(block.getAttribute("data-o"));
    for (const t of this.textNodes(block)) {
      if (t === node) return cp;
      cp += cpLength(t.data);
    }
    return null;
  }

  /**
   * Code-point offset of DOM position (node, offset). Between characters of
   * different blocks a position is ambiguous: `forward` resolves it to the
   * start of the next article text, `backward` to the end of the previous.
   * Null when there is no article text on that side.
   */
  pointToOffset(node: Node, offset: number, bias: "forward" | "backward"): number | null {
    if (node.nodeType === Node.TEXT_NODE && this.blockOf(node)) {
      const text = node as Text;
      const atEdge = bias === "forward" ? offset >= text.length : offset <= 0;
      if (!atEdge || text.length === 0) {
        const start = this.textNodeStart(text);
        return start === null ? null : start + utf16ToCp(text.data, offset);
      }
      // At the edge of a text node, prefer the neighbouring text on the bias
      // side so that a selection never starts or ends on a block separator.
      const next = this.adjacentText(text, bias, true);
      if (next) return this.edgeOffset(next, bias);
      const start = this.textNodeStart(text);
      return start === null ? null : start + (bias === "forward" ? cpLength(text.data) : 0);
    }
    // A boundary between child nodes (or inside non-article text).
    let neighbour: Text | null;
    if (node.nodeType === Node.TEXT_NODE || node.childNodes.length === 0) {
      neighbour = this.adjacentText(node, bias, true);
    } else if (bias === "forward") {
      const child = node.childNodes[offset];
      neighbour = child ? this.firstTextFrom(child) : this.adjacentText(lastDescendant(node), "forward", true);
    } else {
      const child = offset > 0 ? node.childNodes[offset - 1] : null;
      neighbour = child ? this.lastTextUpTo(child) : this.adjacentText(node, "backward", true);
    }
    return neighbour ? this.edgeOffset(neighbour, bias) : null;
  }

  /** The article offsets a DOM Range covers, or null if it holds no article text. */
  rangeToOffsets(range: Range): Offsets | null {
    let [sn, so, en, eo] = [range.startContainer, range.startOffset, range.endContainer, range.endOffset];
    // Clip a range that reaches outside the article.
    const whole = this.root.ownerDocument.createRange();
    whole.selectNodeContents(this.root);
    const startSide = whole.comparePoint(sn, so);
    const endSide = whole.comparePoint(en, eo);
    if (startSide > 0 || endSide < 0) return null;
    if (startSide < 0) [sn, so] = [this.root, 0];
    if (endSide > 0) [en, eo] = [this.root, this.root.childNodes.length];
    const start = this.pointToOffset(sn, so, "forward");
    const end = this.pointToOffset(en, eo, "backward");
    if (start === null || end === null || end <= start) return null;
    return { start, end };
  }

  /**
   * The text node segments covering offsets start..end, in document order,
   * as (node, UTF-16 start, UTF-16 end): what wrapping in <mark>s needs,
   * without the cost of live Range objects.
   */
  offsetsToSegments(start: number, end: number): Segment[] {
    const segments: Segment[] = [];
    if (!(end > start)) return segments;
    for (let i = this.firstBlockAt(start); i < this.blocks.length && this.blocks[i].start < end; i++) {
      let cp = this.blocks[i].start;
      for (const t of this.textNodes(this.blocks[i].el)) {
        const len = cpLength(t.data);
        const from = Math.max(start, cp);
        const to = Math.min(end, cp + len);
        if (from < to) segments.push({ node: t, start: cpToUtf16(t.data, from - cp), end: cpToUtf16(t.data, to - cp) });
        cp += len;
        if (cp >= end) break;
      }
    }
    return segments;
  }

  /**
   * DOM Ranges covering offsets start..end, one per text node segment (so
   * each can be wrapped in a <mark> or measured), in document order.
   */
  offsetsToRanges(start: number, end: number): Range[] {
    const doc = this.root.ownerDocument;
    return this.offsetsToSegments(start, end).map(({ node, start: from, end: to }) => {
      const r = doc.createRange();
      r.setStart(node, from);
      r.setEnd(node, to);
      return r;
    });
  }

  /** Index of the last block starting at or before `offset` (0 if none). */
  private firstBlockAt(offset: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.blocks[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private edgeOffset(text: Text, bias: "forward" | "backward"): number | null {
    const start = this.textNodeStart(text);
    if (start === null) return null;
    return bias === "forward" ? start : start + cpLength(text.data);
  }

  private isArticleText(n: Node): n is Text {
    return n.nodeType === Node.TEXT_NODE && (n as Text).length > 0 && this.blockOf(n) !== null;
  }

  /** The nearest non-empty article text node after (or before) `node`, skipping its subtree. */
  private adjacentText(node: Node, direction: "forward" | "backward", skipOwn: boolean): Text | null {
    const walker = this.root.ownerDocument.createTreeWalker(this.root, NodeFilter.SHOW_TEXT);
    walker.currentNode = skipOwn && direction === "forward" ? lastDescendant(node) : node;
    for (let n = direction === "forward" ? walker.nextNode() : walker.previousNode(); n; ) {
      if (this.isArticleText(n)) return n;
      n = direction === "forward" ? walker.nextNode() : walker.previousNode();
    }
    return null;
  }

  /** The first article text node in or after `node`. */
  private firstTextFrom(node: Node): Text | null {
    if (this.isArticleText(node)) return node;
    const walker = this.root.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (this.isArticleText(n)) return n;
    }
    return this.adjacentText(node, "forward", true);
  }

  /** The last article text node in or before `node`. */
  private lastTextUpTo(node: Node): Text | null {
    const last = lastDescendant(node);
    if (this.isArticleText(last)) return last;
    return this.adjacentText(last, "backward", false);
  }
}

function lastDescendant(node: Node): Node {
  let n = node;
  while (n.lastChild) n = n.lastChild;
  return n;
}

/** Article offsets of a DOM Range inside `root`, or null if it holds no article text. */
export function rangeToOffsets(range: Range, root: Element): Offsets | null {
  return new OffsetIndex(root).rangeToOffsets(range);
}

/** DOM Ranges (one per text node segment) covering article offsets start..end inside `root`. */
export function offsetsToRanges(start: number, end: number, root: Element): Range[] {
  return new OffsetIndex(root).offsetsToRanges(start, end);
}
