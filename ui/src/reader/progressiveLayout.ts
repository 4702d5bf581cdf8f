// Lays a long article out a slice at a time. The engine lays a document out
// in one piece, and 1 MB of text at reading width takes ~450 ms on a slow
// machine (WebKitGTK and Chromium alike), most of an open. So the reader
// shows the first screens with their highlights and notes at once and reveals
// the rest on the following frames, one slice per frame. A jump further down
// (to a highlight, an event, the end of what is shown) lays the rest out first.
//
// Blocks not yet shown carry `data-pending` (hidden in reader.css), each its
// own: revealing a slice restyles only that slice (one attribute on the first
// pending block with a `~ *` rule restyled every block after it, ~70 ms per
// slice in WebKit). A spacer of the estimated remaining height keeps the
// scroll bar close to its final size. Elements other code puts between
// pending blocks (hidden-paragraph markers) copy the attribute from their
// neighbour (`pendingLike`) and are revealed with it.
import { afterNextPaint, measure, now, PERF } from "../lib/perf";

/** Articles shorter than this are laid out in one piece (fast enough). */
export const PROGRESSIVE_MIN_CHARS = 150_000;
/** Characters shown at once: several screens even in a wide window. */
const FIRST_CHARS = 20_000;
/**
 * Characters revealed per frame afterwards: the first slice's size, then
 * scaled toward SLICE_TARGET_MS per slice (layout, notes, spacer) on this
 * machine, within these bounds. Every frame that changes the page also pays
 * a fixed cost in the engine (under WebKitGTK's software rendering, tens of
 * ms whatever the change), so slices are not made tiny: many small ones took
 * up to 9 s. But no slice may stall a frame (50 ms, issue 24): with a 50 ms
 * target and a 60,000-character floor the longest slices took 61-69 ms on
 * two shared cores (~1 ms per 1,000 characters); a 25 ms target with a
 * 15,000 floor took 70+ slices and 10 s for a 1 MB article on a loaded
 * machine. The longest of 60 slices sized toward 30 ms (first 40,000) took
 * 55 ms on a quiet machine (median 29): 25 ms, first 30,000, leaves room for
 * a slice twice as slow as the one it was sized from. Each slice now places
 * only its own notes (MarginNotes.layoutAppended), so slices cost less.
 */
export const SLICE_CHARS = 30_000;
export const SLICE_MIN_CHARS = 20_000;
export const SLICE_MAX_CHARS = 200_000;
const SLICE_TARGET_MS = 25;
/** Height per character before anything is measured (a 40em column). */
const DEFAULT_PX_PER_CHAR = 0.4;
const PENDING = "data-pending";

/** Gives `el`, about to be put right before `neighbour`, the same pending state. */
export function pendingLike(el: Element, neighbour: Element): void {
  if (neighbour.hasAttribute(PENDING)) el.setAttribute(PENDING, "");
  else el.removeAttribute(PENDING);
}

export interface ProgressiveHooks {
  /** Called after each slice (and after the rest at once) is shown. */
  revealed(): void;
  /** Called once everything is shown. */
  complete(): void;
}

export class ProgressiveLayout {
  private blocks: Element[] = [];
  /** Text length before each block (prefix sums; one more entry than blocks). */
  private before: number[] = [0];
  /** Index of the first block not shown; blocks.length when all are. */
  private next = 0;
  /** Bumped when an article begins: slices scheduled for an earlier one do nothing. */
  private generation = 0;
  private scheduled = false;
  private pxPerChar = DEFAULT_PX_PER_CHAR;
  private sliceChars = SLICE_CHARS;

  constructor(
    private readonly body: HTMLElement,
    private readonly spacer: HTMLElement,
    scroller: HTMLElement,
    private readonly hooks: ProgressiveHooks,
  ) {
    spacer.setAttribute("aria-hidden", "true");
    spacer.hidden = true;
    // Scrolled to within a screen of the end of what is shown: show the rest,
    // and keep a reader who jumped to the very end (End key) at the end.
    const observer =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver((entries) => {
            if (!entries.some((e) => e.isIntersecting) || !this.pending) return;
            const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
            this.revealAll();
            if (atEnd) scroller.scrollTop = scroller.scrollHeight;
          }, { root: scroller, rootMargin: "0px 0px 100% 0px" })
        : null;
    observer?.observe(spacer);
    // End goes to the real end: laid out before the key scrolls (a smooth
    // scroll already under way would stop at the estimated end).
    scroller.addEventListener("keydown", (e) => {
      if (e.key === "End" && this.pending) this.revealAll();
    });
  }

  /** True while part of the article is not laid out yet. */
  get pending(): boolean {
    return this.next < this.blocks.length;
  }

  /** Hides all but the first screens of a freshly rendered article. */
  begin(): void {
    this.cancel();
    this.blocks = Array.from(this.body.children);
    this.before = [0];
    for (const b of this.blocks) this.before.push(this.before[this.before.length - 1] + (b.textContent?.length ?? 0));
    const total = this.before[this.blocks.length];
    this.next = total < PROGRESSIVE_MIN_CHARS ? this.blocks.length : this.indexAfter(0, FIRST_CHARS);
    for (let i = this.next; i < this.blocks.length; i++) this.blocks[i].setAttribute(PENDING, "");
    this.sizeSpacer();
  }

  /**
   * Starts revealing the rest, a slice per frame, once the reader is in the
   * document and its first screens are painted (one frame later, so no slice
   * delays that paint).
   */
  resume(): void {
    if (!this.pending || this.scheduled) return;
    this.scheduled = true;
    const generation = this.generation;
    afterNextPaint(() => {
      if (generation === this.generation) this.schedule();
    });
  }

  /** Shows everything now (before a jump that needs positions further down). */
  revealAll(): void {
    if (!this.pending) return;
    this.showUpTo(this.blocks.length);
  }

  /** Stops revealing (a new article is opening). */
  cancel(): void {
    this.generation++;
    this.scheduled = false;
    this.unmark(this.blocks.length);
    this.blocks = [];
    this.before = [0];
    this.next = 0;
    this.sliceChars = SLICE_CHARS;
    this.spacer.hidden = true;
  }

  private schedule(): void {
    // After a frame is drawn, so each slice's layout lands in its own frame.
    const generation = this.generation;
    afterNextPaint(() => {
      if (generation !== this.generation || !this.pending) return;
      const from = this.next;
      const took = this.showUpTo(this.indexAfter(this.next, this.sliceChars));
      this.adapt(this.before[this.next] - this.before[from], took);
      if (this.pending) this.schedule();
    });
  }

  /** First block index at which at least `chars` characters follow `from`. */
  private indexAfter(from: number, chars: number): number {
    const goal = this.before[from] + chars;
    let i = from;
    while (i < this.blocks.length && this.before[i + 1] <= goal) i++;
    return Math.min(this.blocks.length, Math.max(i, from + 1));
  }

  /** Shows blocks up to `index` (exclusive); returns how long that took (ms). */
  private showUpTo(index: number): number {
    const started = now();
    const from = this.next;
    this.unmark(index);
    this.next = index;
    // Reading the height lays the slice out; the notes pass then reads a
    // current layout, and only writes (card tops, spacer height) follow.
    this.measureShown();
    this.hooks.revealed();
    this.sizeSpacer();
    const took = now() - started;
    measure(PERF.layoutSlice, started, { chars: this.before[this.next] - this.before[from] });
    if (!this.pending) {
      this.scheduled = false;
      this.hooks.complete();
    }
    return took;
  }

  /** Sizes the next slice from how long this one took for its characters. */
  private adapt(chars: number, took: number): void {
    if (chars <= 0 || !(took > 0)) return;
    const scaled = chars * Math.min(2, Math.max(0.5, SLICE_TARGET_MS / took));
    this.sliceChars = Math.round(Math.min(SLICE_MAX_CHARS, Math.max(SLICE_MIN_CHARS, scaled)));
  }

  /** Shows every element from the first pending block up to block `index` (exclusive). */
  private unmark(index: number): void {
    if (!this.pending) return;
    const stop = this.blocks[index] ?? null;
    const previous = this.blocks[this.next - 1];
    let el = previous?.isConnected ? previous.nextElementSibling : this.body.firstElementChild;
    while (el && el !== stop) {
      el.removeAttribute(PENDING);
      el = el.nextElementSibling;
    }
  }

  /** Learns the height per character from what is shown (reading it lays the shown part out). */
  private measureShown(): void {
    const chars = this.before[this.next];
    const height = this.body.getBoundingClientRect().height;
    if (chars > 0 && height > 0) this.pxPerChar = height / chars;
  }

  private sizeSpacer(): void {
    const left = this.before[this.blocks.length] - this.before[this.next];
    this.spacer.hidden = !this.pending;
    this.spacer.style.height = this.pending ? `${Math.round(left * this.pxPerChar)}px` : "";
  }
}
