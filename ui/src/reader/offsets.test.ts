// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { OffsetIndex, cpLength, cpToUtf16, offsetsToRanges, rangeToOffsets, utf16ToCp } from "./offsets";

type Inline = string | { tag: string; text: string; attrs?: string };
interface BlockSpec {
  tag: string;
  parts: Inline[];
}

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/** Renders blocks the way the importer does: text joined by "\n\n", data-o in code points. */
function render(blocks: BlockSpec[]): { text: string; root: HTMLElement } {
  let text = "";
  let html = "";
  let inList = false;
  let o = 0; // code points so far (counted as we go: recounting would be quadratic)
  for (const b of blocks) {
    if (text) {
      text += "\n\n";
      o += 2;
    }
    const isItem = b.tag === "li";
    if (isItem && !inList) html += "<ul>\n";
    if (!isItem && inList) html += "</ul>\n";
    inList = isItem;
    const inner = b.parts
      .map((p) => (typeof p === "string" ? escape(p) : `<${p.tag}${p.attrs ? " " + p.attrs : ""}>${escape(p.text)}</${p.tag}>`))
      .join("");
    html += `<${b.tag} data-o="${o}">${inner}</${b.tag}>\n`;
    const blockText = b.parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
    text += blockText;
    o += Array.from(blockText).length;
  }
  if (inList) html += "</ul>";
  const root = document.createElement("article");
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return { text, root };
}

const ARTICLE: BlockSpec[] = [
  { tag: "h1", parts: ["The canal at dusk"] },
  { tag: "p", parts: ["Barges ", { tag: "em", text: "drifted" }, " past the lock 🚢 while the keeper ", { tag: "a", text: "counted", attrs: 'href="#x"' }, " tolls."] },
  { tag: "li", parts: ["coal from the north"] },
  { tag: "li", parts: ["timber, ", { tag: "strong", text: "wet 🌧️ and heavy" }] },
  { tag: "p", parts: ["Nobody minded the 𝔣𝔬𝔤 at night."] },
];

function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

function positionsOutsideSeparators(text: string): number[] {
  // Offsets that are not inside a "\n\n" block separator (valid selection edges).
  const cps = Array.from(text);
  const out: number[] = [];
  for (let i = 0; i <= cps.length; i++) {
    if (!(cps[i - 1] === "\n" && cps[i] === "\n")) out.push(i);
  }
  return out;
}

describe("code point helpers", () => {
  it("count astral characters once", () => {
    expect(cpLength("a🙂b")).toBe(3);
    expect(cpLength("𝔣𝔬𝔤")).toBe(3);
    expect(cpLength("")).toBe(0);
    expect(cpToUtf16("a🙂b", 2)).toBe(3);
    expect(cpToUtf16("a🙂b", 9)).toBe(4);
    expect(utf16ToCp("a🙂b", 3)).toBe(2);
    expect(utf16ToCp("a🙂b", 2)).toBe(1); // inside the pair: rounds down
  });

  it("round-trip on random strings", () => {
    const alphabet = ["a", "é", "🙂", "東", "𝔣", " "];
    for (let trial = 0; trial < 200; trial++) {
      const chars = Array.from({ length: trial % 17 }, (_, i) => alphabet[(i * 7 + trial) % alphabet.length]);
      const s = chars.join("");
      expect(cpLength(s)).toBe(chars.length);
      for (let cp = 0; cp <= chars.length; cp++) {
        expect(cpToUtf16(s, cp)).toBe(chars.slice(0, cp).join("").length);
        expect(utf16ToCp(s, cpToUtf16(s, cp))).toBe(cp);
      }
    }
  });
});

describe("offsetsToRanges", () => {
  it("covers exactly the text between the offsets, across blocks and inline markup", () => {
    const { text, root } = render(ARTICLE);
    const index = new OffsetIndex(root);
    const n = Array.from(text).length;
    for (let start = 0; start < n; start += 3) {
      for (let end = start + 1; end <= n; end += 5) {
        const ranges = index.offsetsToRanges(start, end);
        const covered = ranges.map((r) => r.toString()).join("");
        expect(covered).toBe(cpSlice(text, start, end).replace(/\n\n/g, "").replace(/^\n|\n$/g, ""));
        for (const r of ranges) {
          expect(r.startContainer).toBe(r.endContainer);
          expect(r.startContainer.nodeType).toBe(Node.TEXT_NODE);
          expect(r.collapsed).toBe(false);
        }
      }
    }
  });

  it("gives one range per text node segment", () => {
    const { text, root } = render(ARTICLE);
    const start = Array.from(text).indexOf("B");
    const end = start + Array.from("Barges drifted past").length;
    const ranges = offsetsToRanges(start, end, root);
    expect(ranges.map((r) => r.toString())).toEqual(["Barges ", "drifted", " past"]);
    expect(ranges[1].startContainer.parentElement?.tagName).toBe("EM");
  });

  it("returns nothing for empty or inverted spans", () => {
    const { root } = render(ARTICLE);
    expect(offsetsToRanges(5, 5, root)).toEqual([]);
    expect(offsetsToRanges(9, 2, root)).toEqual([]);
  });

  it("still works after highlights split the text nodes", () => {
    const { text, root } = render(ARTICLE);
    const index = new OffsetIndex(root);
    const s = Array.from(text).indexOf("🚢");
    for (const r of index.offsetsToRanges(s - 5, s + 12)) {
      const mark = document.createElement("mark");
      r.surroundContents(mark);
    }
    const e = Array.from(text).length - 3;
    expect(index.offsetsToRanges(s - 8, e).map((r) => r.toString()).join("")).toBe(cpSlice(text, s - 8, e).replace(/\n\n/g, ""));
  });
});

describe("rangeToOffsets", () => {
  it("inverts offsetsToRanges for every pair of valid edges", () => {
    const { text, root } = render(ARTICLE);
    const index = new OffsetIndex(root);
    const edges = positionsOutsideSeparators(text);
    for (let i = 0; i < edges.length; i += 2) {
      for (let j = i + 1; j < edges.length; j += 3) {
        const [start, end] = [edges[i], edges[j]];
        const ranges = index.offsetsToRanges(start, end);
        if (ranges.length === 0) continue;
        const r = document.createRange();
        r.setStart(ranges[0].startContainer, ranges[0].startOffset);
        const last = ranges[ranges.length - 1];
        r.setEnd(last.endContainer, last.endOffset);
        const got = index.rangeToOffsets(r);
        // Edges at a block boundary snap inward onto article text.
        const trimmed = cpSlice(text, start, end);
        const lead = trimmed.length - trimmed.replace(/^\n+/, "").length;
        const trail = trimmed.length - trimmed.replace(/\n+$/, "").length;
        expect(got).toEqual({ start: start + lead, end: end - trail });
      }
    }
  });

  it("counts an emoji as one offset", () => {
    const { text, root } = render(ARTICLE);
    const p = root.querySelectorAll("p")[0];
    const tail = p.childNodes[2] as Text; // " past the lock 🚢 while the keeper "
    const r = document.createRange();
    r.setStart(tail, tail.data.indexOf("🚢"));
    r.setEnd(tail, tail.data.indexOf("while") + 5);
    const got = rangeToOffsets(r, root);
    expect(got).not.toBeNull();
    expect(cpSlice(text, got!.start, got!.end)).toBe("🚢 while");
  });

  it("snaps element-boundary selections (like a triple click) onto the block's text", () => {
    const { text, root } = render(ARTICLE);
    const items = root.querySelectorAll("li");
    const r = document.createRange();
    r.setStart(items[0], 0);
    r.setEnd(items[1], 0);
    const got = rangeToOffsets(r, root)!;
    expect(cpSlice(text, got.start, got.end)).toBe("coal from the north");
  });

  it("never starts or ends a selection on a block separator", () => {
    const { text, root } = render(ARTICLE);
    const h1Text = root.querySelector("h1")!.firstChild as Text;
    const items = root.querySelectorAll("li");
    const r = document.createRange();
    r.setStart(h1Text, h1Text.length); // end of the heading's text
    r.setEnd(items[1].firstChild!, 0); // start of the second item's text
    const got = rangeToOffsets(r, root)!;
    const slice = cpSlice(text, got.start, got.end);
    expect(slice.startsWith("Barges")).toBe(true);
    expect(slice.endsWith("coal from the north")).toBe(true);
  });

  it("clips a selection that runs outside the article", () => {
    const { text, root } = render(ARTICLE);
    const before = document.createElement("nav");
    before.textContent = "Library";
    const after = document.createElement("footer");
    after.textContent = "End";
    document.body.prepend(before);
    document.body.append(after);
    const r = document.createRange();
    r.setStart(before.firstChild!, 2);
    r.setEnd(after.firstChild!, 1);
    expect(rangeToOffsets(r, root)).toEqual({ start: 0, end: Array.from(text).length });
    const outside = document.createRange();
    outside.selectNodeContents(after);
    expect(rangeToOffsets(outside, root)).toBeNull();
  });

  it("ignores text that is not article text", () => {
    const { text, root } = render(ARTICLE);
    const p = root.querySelectorAll("p")[1];
    const marker = document.createElement("button");
    marker.setAttribute("data-skip", "");
    marker.textContent = "note 1";
    p.insertBefore(marker, p.firstChild);
    const index = new OffsetIndex(root);
    const start = Array.from(text).indexOf("N");
    expect(index.offsetsToRanges(start, start + 6).map((r) => r.toString())).toEqual(["Nobody"]);
    const r = document.createRange();
    r.setStart(marker.firstChild!, 0);
    r.setEnd(p.lastChild!, 6);
    expect(index.rangeToOffsets(r)).toEqual({ start, end: start + 6 });
    expect(index.blockOf(marker.firstChild!)).toBeNull();
  });

  it("returns null for a collapsed selection", () => {
    const { root } = render(ARTICLE);
    const r = document.createRange();
    r.setStart(root.querySelector("h1")!.firstChild!, 4);
    expect(rangeToOffsets(r, root)).toBeNull();
  });
});

// Correctness at the size the benchmark uses; its speed is measured there
// (make bench), not timed here, where a loaded machine would fail it.
describe("offsetsToSegments at scale", () => {
  it("finds the text of 2,000 highlights in a 1 MB article", { timeout: 120_000 }, () => {
    const words = ["harbour", "lantern", "tide", "rope", "gull", "salt", "🐚", "café"];
    const blocks: BlockSpec[] = [];
    for (let b = 0; b < 6000; b++) {
      const w = (k: number) => words[(b * 7 + k * 3) % words.length];
      const sentence = Array.from({ length: 30 }, (_, k) => w(k)).join(" ");
      blocks.push({ tag: "p", parts: [sentence.slice(0, 60), { tag: "em", text: "calm" }, sentence.slice(60)] });
    }
    const { text, root } = render(blocks);
    const cps = Array.from(text);
    expect(cps.length).toBeGreaterThan(800_000);
    const index = new OffsetIndex(root);
    let segments = 0;
    for (let h = 0; h < 2000; h++) {
      const start = Math.floor((h / 2000) * (cps.length - 400));
      const end = start + 40 + (h % 300);
      const found = index.offsetsToSegments(start, end);
      segments += found.length;
      if (h % 97 === 0) {
        const got = found.map((s) => s.node.data.slice(s.start, s.end)).join("");
        expect(got).toBe(cps.slice(start, end).join("").replace(/\n\n/g, "").replace(/^\n|\n$/g, ""));
      }
    }
    expect(segments).toBeGreaterThanOrEqual(2000);
  });
});
