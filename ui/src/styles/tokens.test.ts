// The font stacks name the bundled faces and a generic family, nothing else:
// each absent family costs a fontconfig lookup per weight and size while a web
// font loads (the launch's first frame was ~110 ms later for six such names).
import { describe, expect, it } from "vitest";

import css from "./tokens.css?raw";

const GENERIC = new Set(["serif", "sans-serif", "monospace"]);

function stack(name: string): string[] {
  const m = new RegExp(`--${name}:\\s*([^;]+);`).exec(css);
  if (!m) throw new Error(`tokens.css has no --${name}`);
  return m[1].split(",").map((f) => f.trim().replace(/^["']|["']$/g, ""));
}

describe("font stacks", () => {
  it("the UI and reading fonts are the bundled faces, then their generic family", () => {
    expect(stack("font-ui")).toEqual(["Inter Variable", "sans-serif"]);
    expect(stack("font-read")).toEqual(["Literata Variable", "serif"]);
  });

  it("no stack names a family the app neither bundles nor gets from the system's generic families", () => {
    const bundled = new Set(["Inter Variable", "Literata Variable"]);
    for (const name of ["font-ui", "font-read", "font-mono"]) {
      for (const family of stack(name)) {
        expect(bundled.has(family) || GENERIC.has(family), `--${name} names ${family}`).toBe(true);
      }
    }
  });
});
