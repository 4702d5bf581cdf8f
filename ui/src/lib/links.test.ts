// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { blockAt, highlightLink, passageLink } from "./links";

describe("passage links", () => {
  it("writes the link forms the core reads", () => {
    expect(highlightLink("a1b2", "c3d4")).toBe("sidenote://open/a1b2#h=c3d4");
    expect(passageLink({ articleId: "a1b2", highlightId: "c3d4" })).toBe("sidenote://open/a1b2#h=c3d4");
    expect(passageLink({ articleId: "a1b2", offset: 0 })).toBe("sidenote://open/a1b2#o=0");
    expect(passageLink({ articleId: "a1b2" })).toBe("sidenote://open/a1b2");
  });

  it("finds the block holding an offset", () => {
    const blocks = [0, 40, 95, 300].map((o) => {
      const p = document.createElement("p");
      p.dataset.o = String(o);
      return p;
    });
    const noOffset = document.createElement("figure");
    expect(blockAt([...blocks, noOffset], 0)).toBe(blocks[0]);
    expect(blockAt(blocks, 39)).toBe(blocks[0]);
    expect(blockAt(blocks, 40)).toBe(blocks[1]);
    expect(blockAt(blocks, 299)).toBe(blocks[2]);
    expect(blockAt(blocks, 10_000)).toBe(blocks[3]);
    expect(blockAt([], 5)).toBeNull();
  });
});
