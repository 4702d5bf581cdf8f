// A small, safe Markdown renderer for margin notes. It builds DOM nodes
// directly (never innerHTML), so a note can never inject markup or script.
// Supported: paragraphs, line breaks, **bold**, *italic* / _italic_, `code`,
// [links](https://…) (http, https and mailto only), "- " lists and "> " quotes.

const SAFE_URL = /^(https?:|mailto:)/i;

export function renderMarkdown(source: string, doc: Document = document): DocumentFragment {
  const frag = doc.createDocumentFragment();
  const blocks = source.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  for (const raw of blocks) {
    const block = raw.replace(/^\n+|\n+$/g, "");
    if (!block.trim()) continue;
    const lines = block.split("\n");
    if (lines.every((l) => /^\s*[-*] /.test(l))) {
      const ul = doc.createElement("ul");
      for (const l of lines) {
        const li = doc.createElement("li");
        appendInline(li, l.replace(/^\s*[-*] /, ""), doc);
        ul.appendChild(li);
      }
      frag.appendChild(ul);
    } else if (lines.every((l) => /^>\s?/.test(l))) {
      const q = doc.createElement("blockquote");
      appendLines(q, lines.map((l) => l.replace(/^>\s?/, "")), doc);
      frag.appendChild(q);
    } else {
      const p = doc.createElement("p");
      appendLines(p, lines, doc);
      frag.appendChild(p);
    }
  }
  return frag;
}

function appendLines(parent: Element, lines: string[], doc: Document): void {
  lines.forEach((line, i) => {
    if (i > 0) parent.appendChild(doc.createElement("br"));
    appendInline(parent, line, doc);
  });
}

const INLINE = /(\*\*([^*]+)\*\*)|(\*([^*]+)\*)|(_([^_]+)_)|(`([^`]+)`)|(\[([^\]]+)\]\(([^)\s]+)\))/;

export function appendInline(parent: Node, text: string, doc: Document = document): void {
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      parent.appendChild(doc.createTextNode(rest));
      return;
    }
    if (m.index > 0) parent.appendChild(doc.createTextNode(rest.slice(0, m.index)));
    if (m[1]) parent.appendChild(wrap(doc, "strong", m[2]));
    else if (m[3]) parent.appendChild(wrap(doc, "em", m[4]));
    else if (m[5]) parent.appendChild(wrap(doc, "em", m[6]));
    else if (m[7]) parent.appendChild(wrap(doc, "code", m[8]));
    else if (m[9]) {
      const href = m[11];
      if (SAFE_URL.test(href)) {
        const a = doc.createElement("a");
        a.href = href;
        a.textContent = m[10];
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        parent.appendChild(a);
      } else {
        parent.appendChild(doc.createTextNode(m[10]));
      }
    }
    rest = rest.slice(m.index + m[0].length);
  }
}

function wrap(doc: Document, tag: string, text: string): HTMLElement {
  const el = doc.createElement(tag);
  el.textContent = text;
  return el;
}
