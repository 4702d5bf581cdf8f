// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

function html(md: string): string {
  const div = document.createElement("div");
  div.appendChild(renderMarkdown(md));
  return div.innerHTML;
}

describe("renderMarkdown", () => {
  it("renders paragraphs, breaks and inline marks", () => {
    expect(html("A **bold** and *soft* claim.\nSecond line with `code`.\n\nNew paragraph.")).toBe(
      "<p>A <strong>bold</strong> and <em>soft</em> claim.<br>Second line with <code>code</code>.</p><p>New paragraph.</p>",
    );
  });
  it("renders lists and quotes", () => {
    expect(html("- one\n- two")).toBe("<ul><li>one</li><li>two</li></ul>");
    expect(html("> quoted\n> more")).toBe("<blockquote>quoted<br>more</blockquote>");
  });
  it("keeps only safe links", () => {
    expect(html("[site](https://example.org/x)")).toBe('<p><a href="https://example.org/x" rel="noopener noreferrer" target="_blank">site</a></p>');
    expect(html("[bad](javascript:void)")).toBe("<p>bad</p>");
    expect(html("[data](data:text/html,x)")).toBe("<p>data</p>");
  });
  it("never turns text into markup", () => {
    expect(html("<img src=x onerror=alert(1)> & <script>")).toBe("<p>&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;</p>");
  });
});
