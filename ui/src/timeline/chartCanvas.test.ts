// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { paintScene, themeColors, type Colors } from "./chartCanvas";
import type { Scene, Shape } from "./scene";

/** A 2D context that writes down the calls that draw, with the style in force at each. */
function recorder() {
  const calls: string[] = [];
  let fontSets = 0;
  let font = "";
  const ctx = {
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    globalAlpha: 1,
    textBaseline: "",
    textAlign: "start",
    get font() {
      return font;
    },
    set font(f: string) {
      fontSets++;
      font = f;
    },
    setTransform: () => {},
    clearRect: () => {},
    beginPath: () => calls.push("begin"),
    moveTo: () => {},
    lineTo: () => calls.push("line"),
    arc: () => calls.push("arc"),
    roundRect: () => calls.push("rrect"),
    rect: () => calls.push("rect"),
    fillRect: () => calls.push("fillRect"),
    strokeRect: () => calls.push("strokeRect"),
    fill() {
      calls.push(`fill ${this.fillStyle} ${this.globalAlpha}`);
    },
    stroke() {
      calls.push(`stroke ${this.strokeStyle} ${this.lineWidth}`);
    },
    fillText: (t: string) => calls.push(`text ${t} ${font}`),
  };
  let options: unknown;
  const canvas = {
    width: 0,
    height: 0,
    style: {},
    getContext: (_kind: string, o: unknown) => {
      options = o;
      return ctx;
    },
  } as unknown as HTMLCanvasElement;
  return { canvas, calls, fontSets: () => fontSets, options: () => options };
}

const colors: Colors = {
  palette: ["red", "green", "blue"],
  fg: "fg",
  muted: "muted",
  border: "border",
  borderStrong: "strong",
  sunken: "sunken",
  raised: "raised",
  accent: "accent",
  accentSoft: "soft",
  danger: "danger",
  highlight: "yellow",
};

function scene(shapes: Shape[]): Scene {
  return { width: 600, height: 200, shapes, hits: [], unit: "year", summary: "", events: 0, clusters: 0, bars: 0 };
}

const point = (x: number, color: number, flagged = false): Shape => ({ k: "point", x, y: 40, color, flagged, faint: false });

describe("painting a scene", () => {
  it("asks for a canvas kept in memory (the software one: WebKitGTK's accelerated canvas was four times slower here)", () => {
    const r = recorder();
    paintScene(r.canvas, scene([]), colors);
    expect(r.options()).toEqual({ willReadFrequently: true });
  });

  it("fills a run of alike marks as one path, in their order, and starts a new one where the style changes", () => {
    const r = recorder();
    const span: Shape = { k: "span", x: 60, y: 35, w: 30, h: 10, color: 1, flagged: false, faint: true };
    paintScene(r.canvas, scene([point(10, 0), point(20, 0), point(30, 0), point(40, 1), point(50, 1, true), span, point(95, 1)]), colors);
    const drawn = r.calls.filter((c) => c !== "begin");
    expect(drawn).toEqual([
      "arc", "arc", "arc", "fill red 1", "stroke raised 1",
      "arc", "fill green 1", "stroke raised 1",
      "arc", "fill green 1", "stroke danger 2.5",
      "rrect", "fill green 0.35", "stroke raised 1",
      "arc", "fill green 1", "stroke raised 1",
    ]);
  });

  it("strokes grid lines of one weight together and fills the bars of counts as one path", () => {
    const r = recorder();
    const grid = (x: number, major: boolean): Shape => ({ k: "grid", x, y0: 20, y1: 200, major });
    const bar = (x: number): Shape => ({ k: "bar", x, y: 100, w: 4, h: 50 });
    paintScene(r.canvas, scene([grid(10, false), grid(20, false), grid(30, true), grid(40, false), bar(50), bar(55), bar(60)]), colors);
    expect(r.calls.filter((c) => c !== "begin")).toEqual([
      "line", "line", "stroke border 1",
      "line", "stroke strong 1",
      "line", "stroke border 1",
      "rect", "rect", "rect", "fill accent 0.55",
    ]);
  });

  it("sets a font only when it changes", () => {
    const r = recorder();
    const label = (text: string): Shape => ({ k: "label", x: 0, y: 0, text });
    paintScene(r.canvas, scene([label("one"), label("two"), { k: "tick", x: 0, y: 0, text: "2001" }, label("three")]), colors);
    expect(r.calls.filter((c) => c.startsWith("text")).map((c) => c.split(" ").slice(0, 3).join(" "))).toEqual([
      "text one 12px",
      "text two 12px",
      "text 2001 11.5px",
      "text three 12px",
    ]);
    expect(r.fontSets()).toBe(3);
  });
});

describe("the theme's colours", () => {
  it("are the document's, and a reading with no stylesheet is not kept", () => {
    const root = document.documentElement;
    root.dataset.theme = "test-detached";
    // No variables yet: the fallbacks, not kept.
    const before = themeColors();
    expect(before.palette[1]).toBe("#2f6db5");
    for (let i = 0; i < 8; i++) root.style.setProperty(`--tl-c${i}`, `#00000${i}`);
    expect(themeColors().palette).toEqual(["#000000", "#000001", "#000002", "#000003", "#000004", "#000005", "#000006", "#000007"]);
    for (let i = 0; i < 8; i++) root.style.removeProperty(`--tl-c${i}`);
    delete root.dataset.theme;
  });
});
