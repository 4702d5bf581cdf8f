// @vitest-environment jsdom
// The timeline's list builds only the rows near its view. jsdom has no
// layout: the sidebar's size, where the list starts in it and each row's
// height are given here (heights differ from the estimates and between rows).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TimelineEvent } from "../api";
import { h } from "../dom";
import { TimelineList, WHOLE_LIST } from "./timelineList";
import { timelineRows, type TimelineRow } from "./timelineRows";

const VIEW = 600;
const HEADER = 60;

function event(i: number): TimelineEvent {
  const year = 1800 + Math.floor(i / 3) * 2;
  const date = { label: String(year), precision: "year", sortKey: String(year), year, heading: String(year), decade: null };
  return { id: `e${i}`, articleId: "a1", origin: "extracted", kind: "DATE", value: String(year), valueEnd: null, date, label: `Event ${i}`, start: i, end: i + 1, exact: "", warnings: [], hidden: false, userEdited: false, orphaned: false } as TimelineEvent;
}

/** A row's real height: not what the estimate says, and not the same for every event. */
function realHeight(kind: string, id: string): number {
  if (kind === "event") return 38 + (Number(id.slice(1)) % 5) * 9.5;
  return kind === "year" ? 19 : 17;
}

function make(row: TimelineRow): HTMLElement {
  const li = h("li", { class: `row-${row.kind}`, "data-id": row.id, "data-h": String(realHeight(row.kind, row.id)) });
  if (row.kind === "event") li.append(h("button", { type: "button" }, row.id), h("button", { type: "button" }, "Hide"));
  return li;
}

describe("timeline list: rows built only near the view", () => {
  let scroller: HTMLElement;
  let list: HTMLElement;
  let frames: FrameRequestCallback[];
  let shown: boolean;
  let resize: () => void;
  let rows: TimelineRow[];
  let restore: () => void;

  const runFrames = () => frames.splice(0).forEach((f) => f(0));
  function scrollTo(top: number): void {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event("scroll"));
    runFrames();
  }
  const heightOf = (el: Element) => (el.classList.contains("timeline-spacer") ? parseFloat((el as HTMLElement).style.height) : Number((el as HTMLElement).dataset.h));
  /** The rows' real tops, all rows measured. */
  const realTops = () => {
    const tops = new Map<string, number>();
    let y = 0;
    for (const r of rows) {
      tops.set(r.id, y);
      y += realHeight(r.kind, r.id);
    }
    return { tops, total: y };
  };
  /** The built rows' ids in the list, each with where the list's flow puts it. */
  function flow(): { id: string; top: number }[] {
    const out: { id: string; top: number }[] = [];
    let y = 0;
    for (const el of Array.from(list.children) as HTMLElement[]) {
      if (el.dataset.id) out.push({ id: el.dataset.id, top: y });
      y += heightOf(el);
    }
    return out;
  }
  const builtIds = () => flow().map((r) => r.id);

  beforeEach(() => {
    frames = [];
    shown = true;
    vi.stubGlobal("requestAnimationFrame", (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal(
      "ResizeObserver",
      class {
        constructor(cb: () => void) {
          resize = cb;
        }
        observe(): void {}
      },
    );
    const rect = vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      if (this === list) return { top: HEADER - scroller.scrollTop, height: 0 } as DOMRect;
      return { top: 0, height: this.dataset.h ? Number(this.dataset.h) : 0 } as DOMRect;
    });
    const rects = vi.spyOn(HTMLElement.prototype, "getClientRects").mockImplementation(function (this: HTMLElement) {
      return (this === scroller && shown ? [{}] : []) as unknown as DOMRectList;
    });
    const client = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this === scroller && shown ? VIEW : 0;
    });
    const width = vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockImplementation(function (this: HTMLElement) {
      return this === list && shown ? 240 : 0;
    });
    restore = () => [rect, rects, client, width].forEach((m) => m.mockRestore());
    list = h("ol", {});
    scroller = h("aside", {}, h("header", {}), list);
    document.body.replaceChildren(scroller);
    rows = timelineRows(Array.from({ length: 900 }, (_, i) => event(i)), { byDate: true });
  });

  afterEach(() => {
    restore();
    vi.unstubAllGlobals();
  });

  it("builds the rows within a screen of the view as brute force finds them, each where the whole list would put it", () => {
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    const { tops, total } = realTops();
    expect(builtIds().length).toBeLessThan(80);
    expect(builtIds()).not.toContain("e899");
    // Down the whole list a step at a time: every row above is measured by then.
    for (let top = 0; top < total; top += 450) {
      scrollTo(top);
      const from = top - HEADER - VIEW;
      const to = top - HEADER + 2 * VIEW;
      const expected = rows.filter((r) => tops.get(r.id)! + realHeight(r.kind, r.id) >= from && tops.get(r.id)! <= to).map((r) => r.id);
      expect(builtIds()).toEqual(expected);
      for (const { id, top: y } of flow()) expect(y).toBeCloseTo(tops.get(id)!, 6);
    }
    // At the end: the last events, in order, and nothing of the start.
    const built = builtIds();
    expect(built.slice(-3)).toEqual(["e897", "e898", "e899"]);
    expect(built).not.toContain("e0");
    // The list is as tall as all its rows.
    const children = Array.from(list.children);
    expect(children.reduce((sum, el) => sum + heightOf(el), 0)).toBeCloseTo(total, 6);
    // A scrolled frame that changes nothing leaves the list alone.
    const before = Array.from(list.children);
    scroller.dispatchEvent(new Event("scroll"));
    runFrames();
    expect(Array.from(list.children)).toEqual(before);
  });

  it("keeps the row holding focus built, in its place, until focus leaves it", () => {
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    const button = list.querySelector<HTMLButtonElement>("[data-id='e4'] button")!;
    button.focus();
    scrollTo(20000);
    expect(document.activeElement).toBe(button);
    const at = flow();
    expect(at.map((r) => r.id)).toContain("e4");
    expect(at.find((r) => r.id === "e4")!.top).toBeCloseTo(realTops().tops.get("e4")!, 6);
    expect(at.length).toBeLessThan(90);
    button.blur();
    list.dispatchEvent(new Event("focusout"));
    runFrames();
    expect(builtIds()).not.toContain("e4");
  });

  it("keeps focus on the same row's control when the rows are listed again", () => {
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    list.querySelectorAll<HTMLButtonElement>("[data-id='e2'] button")[1].focus();
    timeline.setRows(timelineRows(Array.from({ length: 900 }, (_, i) => event(i)), { byDate: true }));
    const focused = document.activeElement as HTMLElement;
    expect(focused.textContent).toBe("Hide");
    expect(focused.closest<HTMLElement>("li")!.dataset.id).toBe("e2");
  });

  it("scrolls a far row into view and builds it", () => {
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    const li = timeline.show("e700")!;
    expect(li.dataset.id).toBe("e700");
    const y = flow().find((r) => r.id === "e700")!.top + HEADER;
    expect(y).toBeGreaterThanOrEqual(scroller.scrollTop);
    expect(y + Number(li.dataset.h)).toBeLessThanOrEqual(scroller.scrollTop + VIEW);
    // In view already: not scrolled again.
    const top = scroller.scrollTop;
    timeline.show("e701");
    expect(scroller.scrollTop).toBe(top);
  });

  it("keeps what is in view in place when rows above it are measured, scrolling up from a jump", () => {
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    timeline.show("e700");
    for (let step = 0; step < 6; step++) {
      const t = scroller.scrollTop - 500;
      scroller.scrollTop = t;
      const seen = flow().find((r) => r.top + HEADER >= t)!;
      const y0 = seen.top + HEADER - t;
      scroller.dispatchEvent(new Event("scroll"));
      runFrames();
      const y1 = flow().find((r) => r.id === seen.id)!.top + HEADER - scroller.scrollTop;
      expect(y1).toBeCloseTo(y0, 6);
    }
  });

  it("while hidden builds the first screens' rows, and shows an asked-for row once laid out", () => {
    shown = false;
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    expect(builtIds()[0]).toBe(rows[0].id);
    expect(builtIds().length).toBeLessThan(80);
    expect(timeline.show("e600")?.dataset.id).toBe("e600");
    expect(scroller.scrollTop).toBe(0);
    shown = true;
    resize();
    const y = flow().find((r) => r.id === "e600")!.top + HEADER;
    expect(y).toBeGreaterThanOrEqual(scroller.scrollTop);
    expect(y).toBeLessThanOrEqual(scroller.scrollTop + VIEW);
    expect(builtIds()).not.toContain(rows[0].id);
  });

  it("builds a short list whole, with no spacer", () => {
    const timeline = new TimelineList(list, scroller, make);
    const short = rows.slice(0, WHOLE_LIST);
    timeline.setRows(short);
    scrollTo(3000);
    expect(builtIds()).toEqual(short.map((r) => r.id));
    expect(list.querySelector(".timeline-spacer")).toBeNull();
  });

  it("lists nothing for no rows", () => {
    const timeline = new TimelineList(list, scroller, make);
    timeline.setRows(rows);
    timeline.setRows([]);
    expect(list.children.length).toBe(0);
    expect(timeline.show("e1")).toBeNull();
  });
});
