// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TimelineEvent } from "../api";
import type { TimexSummary } from "../bindings/TimexSummary";
import type { TocEntry } from "../bindings/TocEntry";
import { h } from "../dom";
import type { OffsetIndex } from "./offsets";

// The library side, in memory: the article's events (in the core's date
// order) and which are hidden; an added event arrives with its date worked out.
const store = vi.hoisted(() => ({ events: [] as TimelineEvent[], added: null as TimelineEvent | null }));
vi.mock("../api", async () => {
  // Failures arrive as api.ts's call() throws them.
  const { ApiError } = await import("../lib/errors");
  return {
    api: {
      listEvents: () => Promise.resolve(store.events),
      addEvent: () => Promise.resolve(store.added),
      setEventHidden: (id: string, hidden: boolean) => {
        const ev = store.events.find((e) => e.id === id);
        if (!ev) return Promise.reject(new ApiError({ kind: "NotFound", message: "no such event", data: { what: "event", id } }));
        ev.hidden = hidden;
        return Promise.resolve({ ...ev });
      },
      markWarning: (id: string, kind: string, mark: "dismissed" | "error" | null) => {
        const ev = store.events.find((e) => e.id === id);
        const w = ev?.warnings.find((x) => x.kind === kind);
        if (!ev || !w) return Promise.reject(new ApiError({ kind: "Invalid", message: "no such warning" }));
        if (mark) w.mark = mark;
        else delete w.mark;
        return Promise.resolve({ ...ev, warnings: ev.warnings.map((x) => ({ ...x })) });
      },
    },
  };
});

import { dateOrder, placeInDateOrder, TimelineSidebar } from "./timeline";

// What the core sends with each value (`TimexSummary`); the sort keys here
// are stand-ins that compare in the same order as the core's.
const dates: Record<string, TimexSummary> = {
  "1850": { label: "1850", precision: "year", sortKey: "1850", year: 1850, heading: "1850", decade: "1850s" },
  "191": { label: "the 1910s", precision: "decade", sortKey: "1910", year: 1910, heading: "1910s", decade: "1910s" },
  "1912-04": { label: "April 1912", precision: "month", sortKey: "1912-04", year: 1912, heading: "1912", decade: "1910s" },
  "1912-06": { label: "June 1912", precision: "month", sortKey: "1912-06", year: 1912, heading: "1912", decade: "1910s" },
  "1913": { label: "1913", precision: "year", sortKey: "1913", year: 1913, heading: "1913", decade: "1910s" },
};

function event(id: string, value: string, label: string, start: number): TimelineEvent {
  return { id, articleId: "a1", origin: "extracted", kind: "DATE", value, valueEnd: null, date: dates[value], label, start, end: start + 4, exact: value, warnings: [], hidden: false, userEdited: false, orphaned: false };
}

async function sidebar(toc: TocEntry[] = []): Promise<{ el: HTMLElement; timeline: TimelineSidebar }> {
  const el = document.createElement("aside");
  document.body.replaceChildren(el);
  const timeline = new TimelineSidebar(el, () => null, () => toc);
  await timeline.load("a1");
  return { el, timeline };
}

const texts = (el: HTMLElement, selector: string) => Array.from(el.querySelectorAll(selector)).map((n) => n.textContent);

beforeEach(() => {
  // In date order, as list_events gives them; mentioned in another order.
  store.events = [event("e1", "1850", "The canal opened to barges", 80), event("e2", "1912-04", "The old mill burned down", 0), event("e3", "1912-06", "A new mill was raised", 40)];
  store.added = null;
});

describe("timeline sidebar", () => {
  it("lists events as the core orders them, under year headings with the gaps between", async () => {
    const { el } = await sidebar();
    expect(texts(el, ".timeline-event .timeline-label")).toEqual(["The canal opened to barges", "The old mill burned down", "A new mill was raised"]);
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["1850", "April 1912", "June 1912"]);
    expect(texts(el, ".timeline-year")).toEqual(["1850", "1912"]);
    expect(texts(el, ".timeline-gap")).toEqual(["62 years later"]);
    expect(Array.from(el.querySelectorAll<HTMLElement>(".timeline-event")).map((n) => n.dataset.precision)).toEqual(["year", "month", "month"]);
  });

  it("builds a long timeline's first rows only, every event counted and no button for more", async () => {
    store.events = Array.from({ length: 1500 }, (_, i) => event(`e${i}`, "1850", `Barge number ${i} passed the lock`, i * 10));
    const { el } = await sidebar();
    // Not laid out (jsdom): the rows of a tall sidebar's first screens, the rest a spacer as tall as they are.
    const built = el.querySelectorAll(".timeline-event").length;
    expect(built).toBeGreaterThan(10);
    expect(built).toBeLessThan(200);
    expect(el.querySelector(".timeline-more")).toBeNull();
    const spacers = el.querySelectorAll<HTMLElement>(".timeline-list > .timeline-spacer");
    expect(spacers.length).toBe(1);
    expect(parseFloat(spacers[0].style.height)).toBeGreaterThan((1500 - built) * 30);
    expect(spacers[0].getAttribute("aria-hidden")).toBe("true");
    expect(el.dataset.events).toBe("1500");
    // Each row tells its place in the whole list: the year heading is the first of 1501.
    const first = el.querySelector<HTMLElement>("[data-eid='e0']")!;
    expect([first.getAttribute("aria-posinset"), first.getAttribute("aria-setsize")]).toEqual(["2", "1501"]);
  });

  it("builds and marks a far event's row when it is opened from elsewhere, even before the events come", async () => {
    store.events = Array.from({ length: 1500 }, (_, i) => event(`e${i}`, "1850", `Barge number ${i} passed the lock`, i * 10));
    const passage = document.createTextNode("the lock");
    // The passage's range as the reader's offset index gives it (jsdom's ranges have no rectangles).
    const index = { offsetsToRanges: () => [{ startContainer: passage, getClientRects: () => [] }] } as unknown as OffsetIndex;
    const el = document.createElement("aside");
    document.body.replaceChildren(el, h("p", {}, passage));
    Element.prototype.scrollIntoView = () => undefined;
    const timeline = new TimelineSidebar(el, () => index, () => []);
    // The Timeline tab opens the article and asks for the event while its events are on their way.
    let arrive: (events: typeof store.events) => void = () => undefined;
    const loading = timeline.load("a1", new Promise((r) => (arrive = r)));
    timeline.reveal(store.events[1400]);
    arrive(store.events);
    await loading;
    const row = el.querySelector<HTMLElement>("[data-eid='e1400']")!;
    expect(row.classList.contains("current")).toBe(true);
    expect(row.getAttribute("aria-current")).toBe("true");
    timeline.reveal(store.events[3]);
    expect(el.querySelectorAll(".timeline-event.current").length).toBe(1);
    expect(el.querySelector("[data-eid='e3']")!.classList.contains("current")).toBe(true);
  });

  it("says so when there is no event, and lists them once one is added", async () => {
    store.events = [];
    const { el, timeline } = await sidebar();
    expect(texts(el, ".timeline-list > li")).toEqual(["No dated events in this article. Select a passage and choose “Event” to add one."]);
    store.added = event("e4", "191", "The mills were rebuilt", 120);
    await timeline.add(120, 124, "the 1910s", "");
    expect(el.querySelector(".timeline-empty")).toBeNull();
    expect(texts(el, ".timeline-list > li")).toEqual(["1910s", "the 1910sThe mills were rebuilt"]);
  });

  it("shows the order of the text without year headings", async () => {
    const { el } = await sidebar();
    el.querySelector<HTMLButtonElement>(".timeline-order")!.click();
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["April 1912", "June 1912", "1850"]);
    expect(el.querySelectorAll(".timeline-year").length).toBe(0);
    el.querySelector<HTMLButtonElement>(".timeline-order")!.click();
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["1850", "April 1912", "June 1912"]);
  });

  it("groups a book's events by chapter on request; by date still spans the whole book", async () => {
    // The mill burned (0) in chapter one, a new one was raised (40) and the
    // canal opened (80) in chapter two.
    const toc: TocEntry[] = [
      { title: "Fire", level: 1, start: 0 },
      { title: "Ashes", level: 2, start: 20 },
      { title: "Water", level: 1, start: 30 },
    ];
    const { el } = await sidebar(toc);
    const toggle = el.querySelector<HTMLButtonElement>(".timeline-by-chapter")!;
    expect(toggle.hidden).toBe(false);
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    expect(el.querySelectorAll(".timeline-chapter").length).toBe(0);
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["1850", "April 1912", "June 1912"]);

    toggle.click();
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(texts(el, ".timeline-chapter-title")).toEqual(["Fire", "Water"]);
    expect(texts(el, ".timeline-chapter-count")).toEqual(["1 event", "2 events"]);
    // Each chapter in date order under its own year headings, no gap across chapters.
    expect(texts(el, ".timeline-list > li").map((t) => t?.replace(/\s+/g, " "))).toEqual([
      "Fire1 event",
      "1912",
      "April 1912The old mill burned down",
      "Water2 events",
      "1850",
      "1850The canal opened to barges",
      "62 years later",
      "1912",
      "June 1912A new mill was raised",
    ]);
    // As told, within each chapter.
    el.querySelector<HTMLButtonElement>(".timeline-order")!.click();
    expect(texts(el, ".timeline-chapter-title")).toEqual(["Fire", "Water"]);
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["April 1912", "June 1912", "1850"]);

    toggle.click();
    el.querySelector<HTMLButtonElement>(".timeline-order")!.click();
    expect(el.querySelectorAll(".timeline-chapter").length).toBe(0);
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["1850", "April 1912", "June 1912"]);
  });

  it("reports the Chapters toggle so it can be saved, and takes the saved choice", async () => {
    const toc: TocEntry[] = [
      { title: "Fire", level: 1, start: 0 },
      { title: "Water", level: 1, start: 30 },
    ];
    const { el, timeline } = await sidebar(toc);
    const told: boolean[] = [];
    timeline.onByChapterChange = (v) => told.push(v);
    const toggle = el.querySelector<HTMLButtonElement>(".timeline-by-chapter")!;
    toggle.click();
    toggle.click();
    expect(told).toEqual([true, false]);
    // The saved preference, applied from outside (at start or from another window), is not reported back.
    timeline.setByChapter(true);
    expect(told).toEqual([true, false]);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(texts(el, ".timeline-chapter-title")).toEqual(["Fire", "Water"]);
    // It stays on for the next book opened.
    await timeline.load("a2");
    expect(texts(el, ".timeline-chapter-title")).toEqual(["Fire", "Water"]);
  });

  it("offers no chapter grouping for an article without contents", async () => {
    const { el } = await sidebar();
    expect(el.querySelector<HTMLButtonElement>(".timeline-by-chapter")!.hidden).toBe(true);
  });

  it("filters by the decades present, earliest first", async () => {
    const { el } = await sidebar();
    const select = el.querySelector<HTMLSelectElement>("select[aria-label='Period']")!;
    expect(select.hidden).toBe(false);
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["All periods", "1850s", "1910s"]);
    select.value = "1910s";
    select.dispatchEvent(new Event("change"));
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["April 1912", "June 1912"]);
  });

  it("puts an added event in its place by the core's sort key", async () => {
    const { el, timeline } = await sidebar();
    store.added = event("e4", "191", "The mills were rebuilt", 120);
    expect(await timeline.add(120, 124, "the 1910s", "")).toBe(true);
    expect(texts(el, ".timeline-event .timeline-date")).toEqual(["1850", "the 1910s", "April 1912", "June 1912"]);
    expect(texts(el, ".timeline-year")).toEqual(["1850", "1910s", "1912"]);
    expect(texts(el, ".timeline-gap")).toEqual(["60 years later", "2 years later"]);
    expect(el.dataset.events).toBe("4");
  });

  it("makes an event's buttons only when it is hovered or focused", async () => {
    const { el } = await sidebar();
    expect(el.querySelectorAll(".timeline-actions").length).toBe(0);
    const second = el.querySelector<HTMLElement>("[data-eid='e2'] .timeline-main")!;
    second.dispatchEvent(new Event("focusin", { bubbles: true }));
    second.dispatchEvent(new Event("focusin", { bubbles: true }));
    const actions = el.querySelectorAll("[data-eid='e2'] .timeline-actions button");
    expect(Array.from(actions).map((b) => b.getAttribute("aria-label"))).toEqual(["Edit event", "Hide event"]);
    expect(el.querySelectorAll(".timeline-actions").length).toBe(1);
    el.querySelector("[data-eid='e3'] .timeline-label")!.dispatchEvent(new Event("pointerover", { bubbles: true }));
    expect(el.querySelectorAll(".timeline-actions").length).toBe(2);
  });

  it("hides an event with its lazily made button, and lists it by its date", async () => {
    const { el } = await sidebar();
    el.querySelector("[data-eid='e1'] .timeline-main")!.dispatchEvent(new Event("focusin", { bubbles: true }));
    el.querySelector<HTMLButtonElement>("[data-eid='e1'] button[aria-label='Hide event']")!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(el.querySelector("[data-eid='e1']")).toBeNull();
    expect(el.dataset.events).toBe("2");
    el.querySelector<HTMLButtonElement>(".timeline-footer button")!.click();
    expect(texts(el, ".timeline-hidden li span")).toEqual(["1850 · The canal opened to barges"]);
  });
});

describe("date order", () => {
  it("places an event by sort key, then by position, replacing its old copy", () => {
    const events = store.events;
    expect(placeInDateOrder(events, event("e4", "1913", "x", 0)).map((e) => e.id)).toEqual(["e1", "e2", "e3", "e4"]);
    expect(placeInDateOrder(events, event("e4", "1912-04", "x", 10)).map((e) => e.id)).toEqual(["e1", "e2", "e4", "e3"]);
    const redated = { ...events[0], value: "1913", date: dates["1913"] };
    expect(placeInDateOrder(events, redated).map((e) => e.id)).toEqual(["e2", "e3", "e1"]);
    expect(dateOrder(events[1], events[1])).toBe(0);
  });
});

describe("chronology warnings", () => {
  it("shows a warning's reason and evidence, and keeps the reader's verdict", async () => {
    store.events[1].warnings = [
      {
        kind: "likely_typo",
        message: "1912 looks like a slip for 1921 (two digits swapped): the dates around it are all 1920–1921",
        evidence: { published: null, words: [], intended: "1921", typo: "transposition", dates: [{ value: "1850", label: "1850", quote: "1850", start: 0, end: 4 }] },
      },
    ];
    const { el } = await sidebar();
    const item = el.querySelector<HTMLElement>("[data-eid='e2']")!;
    expect(item.classList.contains("has-warning")).toBe(true);
    expect(item.querySelector(".timeline-warning-reason")!.textContent).toContain("Likely typo");
    expect(item.querySelector(".timeline-warning-message")!.textContent).toContain("a slip for 1921 (two digits swapped)");
    expect(item.querySelector(".timeline-warning-evidence p")!.textContent).toBe("Dates around it:");
    expect(Array.from(item.querySelectorAll(".timeline-warning-evidence li")).map((li) => li.textContent)).toEqual(["1850"]);

    // Marked as an error: kept, shown as confirmed.
    item.querySelectorAll<HTMLButtonElement>(".timeline-warning-verdict button")[1].click();
    await new Promise((r) => setTimeout(r, 0));
    const confirmed = el.querySelector<HTMLElement>("[data-eid='e2']")!;
    expect(confirmed.classList.contains("has-error")).toBe(true);
    expect(confirmed.querySelector(".timeline-warning")!.getAttribute("data-mark")).toBe("error");

    // Undone, then dismissed: the warning leaves the list; the footer counts it and can show it again.
    confirmed.querySelector<HTMLButtonElement>(".timeline-warning-verdict button")!.click();
    await new Promise((r) => setTimeout(r, 0));
    el.querySelector<HTMLButtonElement>("[data-eid='e2'] .timeline-warning-verdict button")!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(el.querySelector("[data-eid='e2'] .timeline-warning")).toBeNull();
    expect(el.querySelector("[data-eid='e2']")!.classList.contains("has-warning")).toBe(false);
    const toggle = el.querySelector<HTMLButtonElement>(".timeline-dismissed-toggle")!;
    expect(toggle.textContent).toBe("1 dismissed warning");
    toggle.click();
    expect(el.querySelector("[data-eid='e2'] .timeline-warning")!.getAttribute("data-mark")).toBe("dismissed");
  });
});
