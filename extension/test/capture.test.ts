// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { collectPage } from "../src/capture";

function select(startNode: Node, startOffset: number, endNode: Node, endOffset: number): void {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const sel = document.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
}

const text = (selector: string) => document.querySelector(selector)!.firstChild!;

describe("reading the page", () => {
  beforeEach(() => {
    document.title = "Tide tables";
    document.body.innerHTML =
      "<article><h1>Tide tables</h1><p id=a>The tide came in at six and went out at noon.</p>" +
      "<script>var tracking = 'not text';</script><p id=b>By evening the harbour was full of small boats.</p></article>";
    document.getSelection()!.removeAllRanges();
  });

  it("serializes the DOM as it is now, with its address and title", () => {
    document.querySelector("#b")!.setAttribute("data-late", "added by a script");
    const page = collectPage(true, 64);
    expect(page.html).toContain('data-late="added by a script"');
    expect(page.html).toContain("<html");
    expect(page.url).toBe(location.href);
    expect(page.baseUrl).toBe(document.baseURI);
    expect(page.title).toBe("Tide tables");
    expect(page.selection).toBeNull();
  });

  it("leaves the DOM out when only the selection is wanted", () => {
    expect(collectPage(false, 64).html).toBeNull();
  });

  it("gives the selection with its visible context, skipping scripts", () => {
    // "went out at noon." … "By evening"
    const a = text("#a");
    const b = text("#b");
    select(a, a.textContent!.indexOf("went"), b, "By evening".length);
    const { selection } = collectPage(false, 64);
    expect(selection!.exact).toContain("went out at noon.");
    expect(selection!.exact).toContain("By evening");
    expect(selection!.prefix.endsWith("The tide came in at six and ")).toBe(true);
    expect(selection!.suffix.startsWith(" the harbour was full")).toBe(true);
    expect(selection!.prefix + selection!.suffix).not.toContain("tracking");
  });

  it("keeps at most the asked number of context characters", () => {
    const b = text("#b");
    select(b, 3, b, 10);
    const { selection } = collectPage(false, 8);
    expect(selection!.exact).toBe("evening");
    expect(selection!.prefix.length).toBeLessThanOrEqual(8);
    expect(selection!.prefix.endsWith("By ")).toBe(true);
    expect(selection!.suffix).toBe(" the har");
  });

  it("ignores a selection of blank space", () => {
    const a = text("#a");
    select(a, 3, a, 4);
    expect(collectPage(false, 64).selection).toBeNull();
  });
});
