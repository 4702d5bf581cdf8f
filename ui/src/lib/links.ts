// Links back to a passage, in the form the Rust core writes into exports
// (src-tauri/core/src/links.rs): sidenote://open/ARTICLE_ID#h=HIGHLIGHT_ID
// or #o=OFFSET. The app only writes them here; reading one is the core's
// job (it checks the ids against the library).
import type { Passage } from "../api";

const PREFIX = "sidenote://open/";

export function highlightLink(articleId: string, highlightId: string): string {
  return `${PREFIX}${articleId}#h=${highlightId}`;
}

export function passageLink(p: Passage): string {
  if (p.highlightId) return highlightLink(p.articleId, p.highlightId);
  if (p.offset !== undefined) return `${PREFIX}${p.articleId}#o=${p.offset}`;
  return `${PREFIX}${p.articleId}`;
}

/** The block that holds `offset`: the last one starting at or before it (blocks carry their start in data-o). */
export function blockAt(blocks: ArrayLike<HTMLElement>, offset: number): HTMLElement | null {
  let found: HTMLElement | null = null;
  for (const block of Array.from(blocks)) {
    const start = Number(block.dataset.o);
    if (!Number.isFinite(start)) continue;
    if (start <= offset && (!found || start >= Number(found.dataset.o))) found = block;
  }
  return found;
}
