// The Timeline tab's chart and overview strip answering the wheel (and a
// pinch), a drag, the keyboard, and the pointer over the marks painted on
// the canvas (hit-tested by the view against its last scene).
import { pan, type Window } from "./axis";
import { LANE_LABEL_W } from "./scene";

export interface ChartHandlers {
  win(): Window;
  bounds(): Window | undefined;
  plotWidth(): number;
  setWindow(w: Window): void;
  zoom(factor: number, anchor?: number): void;
  fit(): void;
  /** The year at this fraction of the overview strip. */
  overviewAt(fraction: number): number;
  /** The index of the hit box at (x, y) in chart pixels, or null. */
  hit(x: number, y: number): number | null;
  hover(index: number | null): void;
  activate(index: number): void;
}

/** Keeps a drag's pointer events coming to `el` when the pointer leaves it (a nicety: nothing breaks without). */
function capture(el: HTMLElement, e: PointerEvent): void {
  try {
    el.setPointerCapture(e.pointerId);
  } catch {
    // No capture (a pointer already released, or an environment without it): the drag ends at the edge.
  }
}

export function bindChart(chart: HTMLElement, overview: HTMLElement, on: ChartHandlers): void {
  const local = (e: { clientX: number; clientY: number }) => {
    const rect = chart.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  chart.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const win = on.win();
      const span = win.to - win.from;
      const x = local(e).x - LANE_LABEL_W;
      const anchor = win.from + (Math.max(0, x) / on.plotWidth()) * span;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = e.shiftKey ? e.deltaY : e.deltaX;
        on.setWindow(pan(win, (d / on.plotWidth()) * span, on.bounds()));
      } else {
        // A pinch arrives as a wheel with ctrlKey and small deltas: the same zoom, finer.
        on.zoom(Math.exp(e.deltaY * (e.ctrlKey ? 0.01 : 0.0015)), anchor);
      }
    },
    { passive: false },
  );
  let drag: { x: number; win: Window; moved: boolean; mark: number | null } | null = null;
  chart.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    const p = local(e);
    drag = { x: e.clientX, win: on.win(), moved: false, mark: on.hit(p.x, p.y) };
    capture(chart, e);
  });
  chart.addEventListener("pointermove", (e) => {
    if (!drag) {
      const p = local(e);
      on.hover(on.hit(p.x, p.y));
      return;
    }
    const dx = e.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (drag.moved) on.setWindow(pan(drag.win, (-dx / on.plotWidth()) * (drag.win.to - drag.win.from), on.bounds()));
  });
  chart.addEventListener("pointerup", (e) => {
    const d = drag;
    drag = null;
    if (!d || d.moved || d.mark === null) return;
    // A click (no drag) on the mark it began on.
    const p = local(e);
    if (on.hit(p.x, p.y) === d.mark) on.activate(d.mark);
  });
  chart.addEventListener("pointerleave", () => {
    if (!drag) on.hover(null);
  });
  chart.addEventListener("keydown", (e) => {
    const win = on.win();
    const span = win.to - win.from;
    const keys: Record<string, () => void> = {
      "+": () => on.zoom(0.5),
      "=": () => on.zoom(0.5),
      "-": () => on.zoom(2),
      _: () => on.zoom(2),
      ArrowLeft: () => on.setWindow(pan(win, -span * 0.2, on.bounds())),
      ArrowRight: () => on.setWindow(pan(win, span * 0.2, on.bounds())),
      Home: () => on.fit(),
    };
    const act = keys[e.key];
    if (act && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      act();
    }
  });
  // The overview: click or drag to put the window there.
  let overviewDrag = false;
  const moveTo = (clientX: number) => {
    const rect = overview.getBoundingClientRect();
    const at = on.overviewAt((clientX - rect.left) / (rect.width || 1));
    const win = on.win();
    const span = win.to - win.from;
    on.setWindow({ from: at - span / 2, to: at + span / 2 });
  };
  overview.addEventListener("pointerdown", (e) => {
    overviewDrag = true;
    capture(overview, e);
    moveTo(e.clientX);
  });
  overview.addEventListener("pointermove", (e) => overviewDrag && moveTo(e.clientX));
  overview.addEventListener("pointerup", () => (overviewDrag = false));
}
