// Paints a chart scene (scene.ts) and the overview strip on canvases: one
// draw call per shape instead of a DOM node per mark, sharp on any
// devicePixelRatio, in the colours of the current theme (read from the CSS
// variables once per theme, not per frame).
import { LANE_LABEL_W, type Scene } from "./scene";
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

/** The colours of the theme in force (`<html data-theme>`), read once per theme. */
export function themeColors(el: Element = document.documentElement): Colors {
  const theme = document.documentElement.dataset.theme ?? "";
  if (cached?.theme === theme) return cached.colors;
  const css = getComputedStyle(el);
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
  cached = { theme, colors };
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
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

const UI_FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";

export function paintScene(canvas: HTMLCanvasElement, scene: Scene, colors: Colors, hover: number | null = null): void {
  const ctx = prepare(canvas, scene.width, scene.height);
  if (!ctx) return;
  ctx.textBaseline = "alphabetic";
  // Fills of one kind are batched in one path where the colour is shared.
  for (const s of scene.shapes) {
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
        ctx.font = s.note ? `11px ${UI_FONT}` : `600 12px ${UI_FONT}`;
        ctx.fillStyle = colors.muted;
        // Never past the names' column: a bold name is wider than scene.ts's estimate and ran into the marks.
        ctx.fillText(s.text, s.x, s.y, LANE_LABEL_W - s.x - 6);
        break;
      case "grid":
        ctx.strokeStyle = s.major ? colors.borderStrong : colors.border;
        ctx.lineWidth = 1;
        ctx.beginPath();
        // Half a pixel: a 1-pixel line on the pixel grid, not blurred over two.
        ctx.moveTo(Math.round(s.x) + 0.5, s.y0);
        ctx.lineTo(Math.round(s.x) + 0.5, s.y1);
        ctx.stroke();
        break;
      case "tick":
        ctx.font = `11.5px ${UI_FONT}`;
        ctx.fillStyle = colors.muted;
        ctx.fillText(s.text, s.x, s.y);
        break;
      case "point":
      case "span": {
        ctx.fillStyle = colors.palette[s.color] ?? colors.accent;
        ctx.beginPath();
        if (s.k === "point") ctx.arc(s.x, s.y, 5, 0, Math.PI * 2);
        else ctx.roundRect(s.x, s.y, s.w, s.h, Math.min(3, s.w / 2));
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
        ctx.font = `12px ${UI_FONT}`;
        ctx.fillStyle = colors.danger;
        ctx.fillText("⚑", s.x, s.y);
        break;
      case "label":
        ctx.font = `12px ${UI_FONT}`;
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
        ctx.font = `650 11.5px ${UI_FONT}`;
        ctx.fillStyle = colors.fg;
        ctx.textAlign = "center";
        ctx.fillText(s.text, s.x + s.w / 2, s.y + 13);
        ctx.textAlign = "start";
        break;
      case "bar":
        ctx.globalAlpha = 0.55;
        ctx.fillStyle = colors.accent;
        ctx.fillRect(s.x, s.y, s.w, s.h);
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
