// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { icon } from "./icons";

describe("icon", () => {
  it("gives a fresh element each time, so one icon can sit in many places", () => {
    const a = icon("margin");
    const b = icon("margin");
    expect(a).not.toBe(b);
    document.body.append(a, b);
    expect(document.querySelectorAll("svg.icon").length).toBe(2);
    expect(a.innerHTML).toBe(b.innerHTML);
    a.remove();
    b.remove();
  });

  it("labels one copy without changing the next", () => {
    const labelled = icon("trash", "Delete");
    expect(labelled.getAttribute("role")).toBe("img");
    expect(labelled.getAttribute("aria-label")).toBe("Delete");
    const plain = icon("trash");
    expect(plain.hasAttribute("role")).toBe(false);
    expect(plain.hasAttribute("aria-label")).toBe(false);
    expect(plain.getAttribute("aria-hidden")).toBe("true");
  });

  it("draws each name's own shapes", () => {
    expect(icon("search").innerHTML).not.toBe(icon("close").innerHTML);
    expect(icon("search").querySelector("circle")).not.toBeNull();
  });
});
