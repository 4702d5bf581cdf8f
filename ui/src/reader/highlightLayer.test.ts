// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Highlight } from "../api";
import { testHighlight } from "./testHighlight";
import { HighlightLayer } from "./highlightLayer";
import { OffsetIndex } from "./offsets";

function hl(id: string, start: number, end: number): Highlight {
  return testHighlight({ id, start, end, exact: "", color: "green" });
}

/** Two blocks; the article text is "Tides rose over the <em>old</em> pier." + "\\n\\n" + "Lanterns were counted twice." */
function article(): HTMLElement {
  const body = document.createElement("div");
  body.innerHTML = '<p data-o="0">Tides rose over the <em>old</em> pier.</p><p data-o="30">Lanterns were counted twice.</p>';
  document.body.appendChild(body);
  return body;
}

const text = (marks: HTMLElement[]) => marks.map((m) => m.textContent).join("|");

describe("HighlightLayer", () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });

  it("wraps exactly the highlighted text, across inline elements, leaving the article text intact", () => {
    const body = article();
    const before = body.textContent;
    const layer = new HighlightLayer(new OffsetIndex(body));
    const marks = layer.draw(hl("a", 11, 26));
    expect(text(marks)).toBe("over the |old| pi");
    expect(marks.every((m) => m.dataset.hid === "a" && m.dataset.color === "green")).toBe(true);
    expect(marks[0].classList.contains("hl-first")).toBe(true);
    expect(body.textContent).toBe(before);
  });

  it("draws overlapping highlights and highlights across blocks, and erases them back to plain text", () => {
    const body = article();
    const html = body.innerHTML;
    const layer = new HighlightLayer(new OffsetIndex(body));
    layer.draw(hl("a", 6, 15));
    const b = layer.draw(hl("b", 11, 38));
    expect(text(layer.marks("a"))).toBe("rose over");
    expect(text(b)).toBe("over| the |old| pier.|Lanterns");
    // The nested part sits inside the first highlight's mark.
    expect(b[0].parentElement?.dataset.hid).toBe("a");
    layer.erase("b");
    layer.erase("a");
    expect(body.innerHTML).toBe(html);
  });

  it("creates no DOM Ranges (live Ranges made drawing thousands of highlights quadratic)", () => {
    const body = article();
    const createRange = vi.spyOn(document, "createRange");
    const layer = new HighlightLayer(new OffsetIndex(body));
    for (let i = 0; i < 20; i++) layer.draw(hl(`h${i}`, i, i + 5));
    expect(createRange).not.toHaveBeenCalled();
    expect(body.querySelectorAll("mark.hl").length).toBeGreaterThanOrEqual(20);
  });
});
