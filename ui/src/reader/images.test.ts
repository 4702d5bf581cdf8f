// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { prepareImages } from "./images";
import { OffsetIndex } from "./offsets";

const HASH = "a".repeat(64);

describe("saved images", () => {
  it("shows saved images from the library and failed ones as placeholders outside the text", () => {
    const root = document.createElement("div");
    root.innerHTML =
      `<p data-o="0">Gulls <img data-image="${HASH}" width="30" height="20" alt="A gull"> on the wall.</p>` +
      `<p data-o="22">Boats <img data-remote="https://pictures.example.test/boat.jpg" data-failed="the server answered 404" alt="A boat"> in the mud.</p>` +
      `<p data-o="40"><img data-failed="the image is missing from the book"></p>` +
      `<p data-o="41"><img data-image="../../etc/passwd" alt="odd"></p>`;
    prepareImages(root, (hash) => `sidenote-img://localhost/${hash}`);
    const saved = root.querySelector("img")!;
    expect(saved.getAttribute("src")).toBe(`sidenote-img://localhost/${HASH}`);
    expect(saved.getAttribute("width")).toBe("30");
    const boxes = Array.from(root.querySelectorAll(".image-missing"));
    expect(boxes).toHaveLength(3);
    expect(boxes[0].textContent).toContain("A boat");
    expect(boxes[0].textContent).toContain("the server answered 404");
    expect(boxes[0].querySelector("button")?.textContent).toBe("Load from pictures.example.test");
    expect(boxes[1].querySelector("button")).toBeNull();
    expect(boxes[2].textContent).toContain("could not be found");
    expect(root.querySelectorAll("img[data-failed]")).toHaveLength(0);
    // The placeholders' words are not article text: offsets are unchanged.
    const index = new OffsetIndex(root);
    const block = root.querySelectorAll("[data-o]")[1];
    expect(index.textNodes(block).map((t) => t.data).join("")).toBe("Boats  in the mud.");
  });

  it("loads a failed web image once when asked", () => {
    const root = document.createElement("div");
    root.innerHTML = `<p data-o="0"><img data-remote="https://pictures.example.test/b.png" data-failed="the request timed out" alt="B"></p>`;
    prepareImages(root, (h) => h);
    root.querySelector<HTMLButtonElement>(".image-load")!.click();
    const img = root.querySelector("img")!;
    expect(img.getAttribute("src")).toBe("https://pictures.example.test/b.png");
    expect(img.getAttribute("referrerpolicy")).toBe("no-referrer");
    expect(root.querySelector(".image-missing")).toBeNull();
  });
});
