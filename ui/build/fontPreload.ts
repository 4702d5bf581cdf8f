// Preload links for the font files the first frame draws with.
//
// WebKit asks for a web font only when a layout first needs it, and keeps that
// text invisible until the file is in (font-display's block period): at launch
// the UI font was fetched ~30 ms after DOMContentLoaded and the reading font
// (the library's titles) only after it, so the first frame waited for both. A
// <link rel="preload"> starts them while the page is still parsed, and they
// are decoded before the first layout (benchmarks.md, stop 36).
import type { HtmlTagDescriptor, Plugin } from "vite";

/** The files (by fontsource's names, before Vite's hash) of the faces a launch shows: Latin Inter and upright Latin Literata. */
export const LAUNCH_FACES: readonly RegExp[] = [
  /^assets\/inter-latin-wght-normal-[\w-]+\.woff2$/,
  /^assets\/literata-latin-opsz-normal-[\w-]+\.woff2$/,
];

/**
 * The preload tags for `faces`, found among the bundle's file names. Each face
 * must match exactly one file: a font package that renames its files fails the
 * build here instead of silently losing the preload.
 */
export function preloadTags(fileNames: readonly string[], faces: readonly RegExp[] = LAUNCH_FACES): HtmlTagDescriptor[] {
  return faces.map((face) => {
    const found = fileNames.filter((name) => face.test(name));
    if (found.length !== 1) {
      throw new Error(`font preload: ${face} matches ${found.length} files of the build (${found.join(", ") || "none"}); expected one`);
    }
    return {
      tag: "link",
      // Fonts are fetched in CORS mode; a preload without `crossorigin` would
      // not be reused by the @font-face load and the file would come twice.
      attrs: { rel: "preload", as: "font", type: "font/woff2", href: `/${found[0]}`, crossorigin: true },
      injectTo: "head",
    };
  });
}

/** Vite plugin: adds {@link preloadTags} for the built bundle to index.html (builds only; the dev server has no hashed files). */
export function fontPreload(faces: readonly RegExp[] = LAUNCH_FACES): Plugin {
  return {
    name: "sidenote-font-preload",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (_html, ctx) => preloadTags(Object.keys(ctx.bundle ?? {}), faces),
    },
  };
}
