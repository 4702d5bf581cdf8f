// Paints a chart scene (scene.ts) and the overview strip on canvases: one
// draw call per shape instead of a DOM node per mark, sharp on any
// devicePixelRatio, in the colours of the current theme (read from the CSS
// variables once per theme, not per frame).
import { LANE_LABEL_W, type Scene, type Shape } from "./scene";
import { PALETTE_SIZE } from "./lanes";

/** The theme's colours, as the stylesheet defines them. */
export interface Colors {
  palette: string[];
  fg: string;
  muted: string;
  border: string;
  borderStrong: string;
  sunken: string;
  raised: string;
  accent: string;
  accentSoft: string;
  danger: string;
  highlight: string;
}

let cached: { theme: string; colors: Colors } | undefined;

/**
 * The colours of the theme in force (`<html data-theme>`), read once per
 * theme from the document, where the theme defines them. (They were read
 * from the tab's element, which has no computed style while out of the
 * document: every article took the fallback blue, kept for the theme.)
 */
export function themeColors(): Colors {
  const root = document.documentElement;
  const theme = root.dataset.theme ?? "";
  if (cached?.theme === theme) return cached.colors;
  const css = getComputedStyle(root);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const colors: Colors = {
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => v(`--tl-c${i}`, "#2f6db5")),
    fg: v("--fg", "#222"),
    muted: v("--fg-muted", "#666"),
    border: v("--border", "#ddd"),
    borderStrong: v("--border-strong", "#bbb"),
    sunken: v("--bg-sunken", "#f3f3f3"),
    raised: v("--bg-raised", "#fff"),
    accent: v("--accent", "#2f6db5"),
    accentSoft: v("--accent-soft", "#dbe7f6"),
    danger: v("--danger", "#c0392b"),
    highlight: v("--hl-yellow", "#f5c542"),
  };
  // Not kept when the stylesheet gave nothing (not loaded yet): read again next time.
  if (css.getPropertyValue("--tl-c0").trim()) cached = { theme, colors };
  return colors;
}

/** Sizes the canvas for `width`×`height` CSS pixels at the screen's pixel ratio; gives its context, scaled. */
export function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  // A canvas kept in memory, not on the GPU (`willReadFrequently` is the
  // standard way to ask for one). The chart is small and redrawn whole on
  // each frame of a gesture, with hundreds of small shapes: WebKitGTK's
  // accelerated canvas took 17 ms a frame for 300 circles where its software
  // one took 4 (bench-app's frame probe, docs/benchmarks.md), and on
  // machines without a real GPU it is Mesa's software GL underneath anyway.
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

// The UI's face (tokens.css's --font-ui; loaded by the time a chart is drawn),
// with no absent family names for WebKit to look up at each font change.
const UI_FONT = "'Inter Variable', sans-serif";

type MarkShape = Extract<Shape, { k: "point" | "span" }>;

/** Marks drawn alike (colour, faintness, flag) share one path, one fill and one stroke. */
function sameStyle(a: MarkShape, b: MarkShape): boolean {
  return a.color === b.color && a.flagged === b.flagged && (a.faint && a.k === "span") === (b.faint && b.k === "span");
}

export function paintScene(canvas: HTMLCanvasElement, scene: Scene, colors: Colors, hover: number | null = null): void {
  const ctx = prepare(canvas, scene.width, scene.height);
  if (!ctx) return;
  ctx.textBaseline = "alphabetic";
  // Setting a font parses it, even when it is the one in force.
  let font = "";
  const setFont = (f: string) => {
    if (f !== font) ctx.font = font = f;
  };
  const shapes = scene.shapes;
  // Runs of alike shapes (the marks of one lane, the grid lines of one weight,
  // the bars) go into one path each, drawn in their order: a frame of a zoom
  // draws hundreds of them, and each fill or stroke has a fixed cost.
  for (let i = 0; i < shapes.length; i++) {
    const s = shapes[i];
    switch (s.k) {
      case "lane":
        if (s.odd) {
          ctx.globalAlpha = 0.55;
          ctx.fillStyle = colors.sunken;
          ctx.fillRect(0, s.y, scene.width, s.h);
          ctx.globalAlpha = 1;
        }
        break;
      case "laneName":
        setFont(s.note ? `11px ${UI_FONT}` : `600 12px ${UI_FONT}`);
        ctx.fillStyle = colors.muted;
        // Never past the names' column: a bold name is wider than scene.ts's estimate and ran into the marks.
        ctx.fillText(s.text, s.x, s.y, LANE_LABEL_W - s.x - 6);
        break;
      case "grid": {
        ctx.strokeStyle = s.major ? colors.borderStrong : colors.border;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let g: Extract<Shape, { k: "grid" }> = s; ; g = shapes[++i] as typeof g) {
          // Half a pixel: a 1-pixel line on the pixel grid, not blurred over two.
          ctx.moveTo(Math.round(g.x) + 0.5, g.y0);
          ctx.lineTo(Math.round(g.x) + 0.5, g.y1);
          const next = shapes[i + 1];
          if (next?.k !== "grid" || next.major !== s.major) break;
        }
        ctx.stroke();
        break;
      }
      case "tick":
        setFont(`11.5px ${UI_FONT}`);
        ctx.fillStyle = colors.muted;
        ctx.fillText(s.text, s.x, s.y);
        break;
      case "point":
      case "span": {
        ctx.fillStyle = colors.palette[s.color] ?? colors.accent;
        ctx.beginPath();
        for (let m: MarkShape = s; ; m = shapes[++i] as MarkShape) {
          if (m.k === "point") {
            ctx.moveTo(m.x + 5, m.y);
            ctx.arc(m.x, m.y, 5, 0, Math.PI * 2);
          } else ctx.roundRect(m.x, m.y, m.w, m.h, Math.min(3, m.w / 2));
          const next = shapes[i + 1];
          if ((next?.k !== "point" && next?.k !== "span") || !sameStyle(s, next)) break;
        }
        if (s.faint && s.k === "span") ctx.globalAlpha = 0.35;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.lineWidth = s.flagged ? 2.5 : 1;
        ctx.strokeStyle = s.flagged ? colors.danger : colors.raised;
        ctx.stroke();
        break;
      }
      case "highlight":
        ctx.fillStyle = colors.highlight;
        ctx.beginPath();
        ctx.arc(s.x, s.y, 2.5, 0, Math.PI * 2);
        ctx.fill();
        break;
      case "flag":
        setFont(`12px ${UI_FONT}`);
        ctx.fillStyle = colors.danger;
        ctx.fillText("⚑", s.x, s.y);
        break;
      case "label":
        setFont(`12px ${UI_FONT}`);
        ctx.fillStyle = colors.fg;
        ctx.fillText(s.text, s.x, s.y);
        break;
      case "cluster":
        ctx.fillStyle = colors.accentSoft;
        ctx.strokeStyle = colors.accent;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.roundRect(s.x, s.y, s.w, s.h, 9);
        ctx.fill();
        ctx.stroke();
        setFont(`650 11.5px ${UI_FONT}`);
        ctx.fillStyle = colors.fg;
        ctx.textAlign = "center";
        ctx.fillText(s.text, s.x + s.w / 2, s.y + 13);
        ctx.textAlign = "start";
        break;
      case "bar":
        ctx.globalAlpha = 0.55;
        ctx.fillStyle = colors.accent;
        ctx.beginPath();
        for (let b: Extract<Shape, { k: "bar" }> = s; ; b = shapes[++i] as typeof b) {
          ctx.rect(b.x, b.y, b.w, b.h);
          if (shapes[i + 1]?.k !== "bar") break;
        }
        ctx.fill();
        ctx.globalAlpha = 1;
        break;
    }
  }
  // The mark under the pointer, outlined (the SVG's :hover).
  const h = hover === null ? undefined : scene.hits[hover];
  if (h) {
    ctx.strokeStyle = colors.fg;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(h.x0 + 0.5, h.y0 + 0.5, h.x1 - h.x0 - 1, h.y1 - h.y0 - 1);
  }
}

/** The overview strip: counts over the whole span as bars, and the visible window as a box. */
export function paintOverview(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  bars: readonly { x: number; w: number; h: number }[],
  window: { x: number; w: number },
  colors: Colors,
): void {
  const ctx = prepare(canvas, width, height);
  if (!ctx) return;
  ctx.globalAlpha = 0.5;
  ctx.fillStyle = colors.muted;
  ctx.beginPath();
  for (const b of bars) ctx.rect(b.x, height - b.h, Math.max(1, b.w - 1), b.h);
  ctx.fill();
  ctx.globalAlpha = 0.12;
  ctx.fillStyle = colors.accent;
  ctx.beginPath();
  ctx.roundRect(window.x, 1, window.w, height - 2, 3);
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colors.accent;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}
