// Images saved with an article, as the importer writes them
// (src-tauri/core/src/import/images.rs):
// - saved: `<img data-image="SHA-256" width height alt>` (plus `data-remote`
//   for a web image), shown from the library through the app's own
//   `sidenote-img:` protocol: nothing is fetched from the web when reading;
// - not saved: `<img data-failed="why" data-remote="URL"? alt>`, shown as a
//   quiet placeholder with its alt text and the reason, and "Load from
//   <site>" when it came from the web: one fetch by the app, which stores the
//   image with the article (the reader itself never loads from the web);
// - linked: `<img src="https://…">` (saving turned off), left as it is.
// Placeholders are marked `data-skip`: their words are not article text, so
// the offsets of the text around them do not move (see offsets.ts).
import { h } from "../dom";

/** The URL of a saved image: `sidenote-img://localhost/<hash>` on Linux and
 * macOS, `http://sidenote-img.localhost/<hash>` on Windows (Tauri's rule). */
export type ImageUrl = (hash: string) => string;

/** A saved image as the reader shows it. */
export interface SavedImage {
  hash: string;
  width: number;
  height: number;
}

/** Fetches a web image once and stores it with the article ("Load from
 * <site>"); resolves to the stored image, rejects with a reason in words. */
export type ImageLoader = (remote: string) => Promise<SavedImage>;

/** Points saved images at the library and turns failed ones into
 * placeholders; with `load`, a web image's placeholder offers to fetch it. */
export function prepareImages(root: Element, url: ImageUrl, load?: ImageLoader): void {
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>("img[data-image]"))) {
    const hash = img.getAttribute("data-image") ?? "";
    if (HASH.test(hash)) {
      img.src = url(hash);
      img.loading = "lazy";
      img.decoding = "async";
    } else {
      img.replaceWith(placeholder(img, "the saved image could not be found", url));
    }
  }
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>("img[data-failed]"))) {
    img.replaceWith(placeholder(img, img.getAttribute("data-failed") ?? "the image was not saved", url, load));
  }
}

const HASH = /^[0-9a-f]{64}$/;

/** The image saved from `remote` in an article's HTML, if any. */
export function savedImageIn(html: string, remote: string): SavedImage | null {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const img of Array.from(doc.querySelectorAll("img[data-image][data-remote]"))) {
    const hash = img.getAttribute("data-image") ?? "";
    if (img.getAttribute("data-remote") === remote && HASH.test(hash)) {
      return { hash, width: Number(img.getAttribute("width")) || 0, height: Number(img.getAttribute("height")) || 0 };
    }
  }
  return null;
}

function placeholder(img: HTMLImageElement, reason: string, url: ImageUrl, load?: ImageLoader): HTMLElement {
  const alt = img.getAttribute("alt")?.trim() ?? "";
  const remote = img.getAttribute("data-remote");
  const site = remote ? siteOf(remote) : null;
  const why = h("span", { class: "image-missing-reason" }, `Image not shown: ${reason}`);
  const box = h(
    "span",
    { class: "image-missing", "data-skip": "", role: "img", "aria-label": alt ? `Image not shown: ${alt}` : "Image not shown" },
    alt ? h("span", { class: "image-missing-alt" }, alt) : null,
    why,
  );
  const width = Number(img.getAttribute("width"));
  const height = Number(img.getAttribute("height"));
  if (width > 0 && height > 0) box.style.aspectRatio = `${width} / ${height}`;
  if (remote && site && load) {
    const label = `Load from ${site}`;
    const button = h("button", { type: "button", class: "btn btn-small image-load", title: remote }, label);
    button.addEventListener("click", (e) => {
      e.preventDefault();
      e.stopPropagation();
      button.disabled = true;
      button.textContent = "Loading…";
      load(remote).then(
        (saved) => {
          // Saved in the library now: shown from there, like any saved image.
          const shown = h("img", { src: url(saved.hash), alt, width: String(saved.width), height: String(saved.height), "data-image": saved.hash, "data-remote": remote });
          box.replaceWith(shown);
        },
        (error: unknown) => {
          why.textContent = `Image not loaded: ${messageOf(error)}`;
          button.disabled = false;
          button.textContent = label;
        },
      );
    });
    box.append(button);
  }
  return box;
}

function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string") return error.message;
  return String(error);
}

function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.hostname.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}
