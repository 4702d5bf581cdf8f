// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { prepareImages, savedImageIn } from "./images";
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
    prepareImages(root, (hash) => `sidenote-img://localhost/${hash}`, () => Promise.reject(new Error("not in this test")));
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

  it("loads a failed web image once when asked, and shows it from the library", async () => {
    const root = document.createElement("div");
    root.innerHTML = `<p data-o="0"><img data-remote="https://pictures.example.test/b.png" data-failed="the request timed out" alt="B"></p>`;
    const asked: string[] = [];
    prepareImages(root, (h) => `sidenote-img://localhost/${h}`, (remote) => {
      asked.push(remote);
      return Promise.resolve({ hash: HASH, width: 40, height: 30 });
    });
    const button = root.querySelector<HTMLButtonElement>(".image-load")!;
    button.click();
    expect(button.disabled).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toEqual(["https://pictures.example.test/b.png"]);
    const img = root.querySelector("img")!;
    expect(img.getAttribute("src")).toBe(`sidenote-img://localhost/${HASH}`);
    expect(img.getAttribute("width")).toBe("40");
    expect(img.getAttribute("alt")).toBe("B");
    expect(root.querySelector(".image-missing")).toBeNull();
  });

  it("says why a load failed and lets the reader try again", async () => {
    const root = document.createElement("div");
    root.innerHTML = `<p data-o="0"><img data-remote="https://pictures.example.test/c.png" data-failed="the server could not be reached" alt="C"></p>`;
    prepareImages(root, (h) => h, () => Promise.reject(new Error("the server answered 404 Not Found")));
    const button = root.querySelector<HTMLButtonElement>(".image-load")!;
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelector(".image-missing-reason")?.textContent).toBe("Image not loaded: the server answered 404 Not Found");
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("Load from pictures.example.test");
    expect(root.querySelector("img")).toBeNull();
  });

  it("offers no load without a loader, and finds a saved image in updated HTML", () => {
    const root = document.createElement("div");
    root.innerHTML = `<p data-o="0"><img data-remote="https://pictures.example.test/d.png" data-failed="x" alt="D"></p>`;
    prepareImages(root, (h) => h);
    expect(root.querySelector(".image-load")).toBeNull();
    const html = `<p><img data-image="${HASH}" width="7" height="5" data-remote="https://pictures.example.test/d.png" alt="D"></p>`;
    expect(savedImageIn(html, "https://pictures.example.test/d.png")).toEqual({ hash: HASH, width: 7, height: 5 });
    expect(savedImageIn(html, "https://pictures.example.test/other.png")).toBeNull();
  });
});
