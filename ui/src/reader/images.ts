// Images saved with an article, as the importer writes them
// (src-tauri/core/src/import/images.rs):
// - saved: `<img data-image="SHA-256" width height alt>` (plus `data-remote`
//   for a web image), shown from the library through the app's own
//   `sidenote-img:` protocol: nothing is fetched from the web when reading;
// - not saved: `<img data-failed="why" data-remote="URL"? alt>`, shown as a
//   quiet placeholder with its alt text and the reason, and "Load from
//   <site>" for a one-time fetch when it came from the web;
// - linked: `<img src="https://…">` (saving turned off), left as it is.
// Placeholders are marked `data-skip`: their words are not article text, so
// the offsets of the text around them do not move (see offsets.ts).
import { h } from "../dom";

/** The URL of a saved image: `sidenote-img://localhost/<hash>` on Linux and
 * macOS, `http://sidenote-img.localhost/<hash>` on Windows (Tauri's rule). */
export type ImageUrl = (hash: string) => string;

/** Points saved images at the library and turns failed ones into placeholders. */
export function prepareImages(root: Element, url: ImageUrl): void {
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>("img[data-image]"))) {
    const hash = img.getAttribute("data-image") ?? "";
    if (/^[0-9a-f]{64}$/.test(hash)) {
      img.src = url(hash);
      img.loading = "lazy";
      img.decoding = "async";
    } else {
      img.replaceWith(placeholder(img, "the saved image could not be found"));
    }
  }
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>("img[data-failed]"))) {
    img.replaceWith(placeholder(img, img.getAttribute("data-failed") ?? "the image was not saved"));
  }
}

function placeholder(img: HTMLImageElement, reason: string): HTMLElement {
  const alt = img.getAttribute("alt")?.trim() ?? "";
  const remote = img.getAttribute("data-remote");
  const site = remote ? siteOf(remote) : null;
  const box = h(
    "span",
    { class: "image-missing", "data-skip": "", role: "img", "aria-label": alt ? `Image not shown: ${alt}` : "Image not shown" },
    alt ? h("span", { class: "image-missing-alt" }, alt) : null,
    h("span", { class: "image-missing-reason" }, `Image not shown: ${reason}`),
  );
  const width = Number(img.getAttribute("width"));
  const height = Number(img.getAttribute("height"));
  if (width > 0 && height > 0) box.style.aspectRatio = `${width} / ${height}`;
  if (remote && site) {
    const load = h("button", { type: "button", class: "btn btn-small image-load" }, `Load from ${site}`);
    load.addEventListener("click", (e) => {
      e.preventDefault();
      e.stopPropagation();
      // One fetch for this reading only; the library keeps the placeholder.
      const shown = h("img", { src: remote, alt, referrerpolicy: "no-referrer", "data-skip": "" });
      box.replaceWith(shown);
    });
    box.append(load);
  }
  return box;
}

function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.hostname.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}
