/**
 * The function the background injects into the page (scripting.executeScript
 * serialises it, so it must not use anything outside its own body). It reads
 * the page as the reader sees it: the DOM after the page's scripts ran, the
 * address and base URL, the title, and the selection with its context. It
 * sends nothing itself and reads no cookies, storage or form input.
 */
import type { PageCapture } from "./protocol";

export function collectPage(withHtml: boolean, contextChars: number): PageCapture {
  const doc = document;
  const skipped = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA)$/;
  const isSkipped = (node: Node): boolean => {
    for (let el = node.parentElement; el; el = el.parentElement) if (skipped.test(el.tagName)) return true;
    return false;
  };
  const collapse = (s: string): string => s.replace(/\s+/g, " ");

  const readSelection = (): PageCapture["selection"] => {
    const sel = doc.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    const exact = sel.rangeCount === 1 ? sel.toString() : range.toString();
    if (!exact.trim()) return null;
    // The text around the selection, from the page's visible text nodes: the
    // host picks the right copy of a passage that occurs twice by it.
    const root = doc.body ?? doc.documentElement;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let before = "";
    let after = "";
    const keep = contextChars * 4;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (isSkipped(node)) continue;
      const text = node as Text;
      const len = text.data.length;
      if (text === range.startContainer) before += text.data.slice(0, range.startOffset);
      else if (range.comparePoint(text, len) < 0) before += text.data;
      if (text === range.endContainer) after += text.data.slice(range.endOffset);
      else if (range.comparePoint(text, 0) > 0) after += text.data;
      if (before.length > keep * 2) before = before.slice(-keep);
      if (after.length > keep) break;
    }
    const prefix = collapse(before).slice(-contextChars);
    const suffix = collapse(after).slice(0, contextChars);
    return { exact, prefix, suffix };
  };

  let html: string | null = null;
  if (withHtml) {
    const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>\n` : "";
    html = doctype + doc.documentElement.outerHTML;
  }
  return { url: location.href, baseUrl: doc.baseURI, title: doc.title, html, selection: readSelection() };
}
