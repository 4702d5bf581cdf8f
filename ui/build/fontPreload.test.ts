import { describe, expect, it } from "vitest";

import { LAUNCH_FACES, preloadTags } from "./fontPreload";

const BUNDLE = [
  "index.html",
  "assets/index-Ab12Cd34.js",
  "assets/index-Zz99Yy88.css",
  "assets/inter-latin-ext-wght-normal-Qq11Ww22.woff2",
  "assets/inter-latin-wght-normal-Ee33Rr44.woff2",
  "assets/inter-cyrillic-wght-normal-Tt55Yy66.woff2",
  "assets/literata-latin-opsz-italic-Uu77Ii88.woff2",
  "assets/literata-latin-opsz-normal-Oo99_Pp0.woff2",
  "assets/literata-latin-ext-opsz-normal-Aa12Ss34.woff2",
];

describe("preloadTags", () => {
  it("preloads the Latin UI face and the upright Latin reading face, and nothing else", () => {
    const tags = preloadTags(BUNDLE);
    expect(tags.map((t) => t.attrs?.href)).toEqual([
      "/assets/inter-latin-wght-normal-Ee33Rr44.woff2",
      "/assets/literata-latin-opsz-normal-Oo99_Pp0.woff2",
    ]);
  });

  it("asks for the font in CORS mode, as @font-face fetches it, so the preloaded file is the one used", () => {
    for (const tag of preloadTags(BUNDLE)) {
      expect(tag).toMatchObject({ tag: "link", injectTo: "head" });
      expect(tag.attrs).toMatchObject({ rel: "preload", as: "font", type: "font/woff2", crossorigin: true });
    }
  });

  it("fails the build when a face is missing, naming it", () => {
    const withoutLiterata = BUNDLE.filter((n) => !n.includes("literata-latin-opsz-normal"));
    expect(() => preloadTags(withoutLiterata)).toThrow(/literata-latin-opsz-normal.*matches 0 files.*none/);
  });

  it("fails the build when a face matches two files rather than guessing", () => {
    const twice = [...BUNDLE, "assets/inter-latin-wght-normal-Gg00Hh11.woff2"];
    expect(() => preloadTags(twice)).toThrow(/matches 2 files/);
  });

  it("does not take a neighbouring subset or style for the face", () => {
    const others = BUNDLE.filter((n) => !/inter-latin-wght|literata-latin-opsz-normal/.test(n));
    for (const face of LAUNCH_FACES) {
      expect(others.filter((n) => face.test(n))).toEqual([]);
    }
  });
});
