// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TimelineEvent } from "../api";

// The library side, in memory: the article's events and which are hidden.
const store = vi.hoisted(() => ({ events: [] as TimelineEvent[] }));
vi.mock("../api", () => ({
  api: {
    listEvents: async () => store.events,
    setEventHidden: async (id: string, hidden: boolean) => {
      const ev = store.events.find((e) => e.id === id);
      if (!ev) throw { kind: "NotFound", message: "no such event" };
      ev.hidden = hidden;
      return { ...ev };
    },
    markWarning: async (id: string, kind: string, mark: "dismissed" | "error" | null) => {
      const ev = store.events.find((e) => e.id === id);
      const w = ev?.warnings.find((x) => x.kind === kind);
      if (!ev || !w) throw { kind: "Invalid", message: "no such warning" };
      if (mark) w.mark = mark;
      else delete w.mark;
      return { ...ev, warnings: ev.warnings.map((x) => ({ ...x })) };
    },
  },
}));

import { TimelineSidebar } from "./timeline";

function event(id: string, value: string, label: string, start: number): TimelineEvent {
  return { id, articleId: "a1", origin: "extracted", kind: "DATE", value, valueEnd: null, label, start, end: start + 4, exact: value, warnings: [], hidden: false, userEdited: false, orphaned: false };
}

async function sidebar(): Promise<HTMLElement> {
  const el = document.createElement("aside");
  document.body.replaceChildren(el);
  await new TimelineSidebar(el, () => null).load("a1");
  return el;
}

beforeEach(() => {
  store.events = [event("e1", "1850", "The canal opened to barges", 0), event("e2", "1912-04", "The old mill burned down", 40), event("e3", "1912-06", "A new mill was raised", 80)];
});

describe("timeline sidebar", () => {
  it("lists events in date order under year headings", async () => {
    const el = await sidebar();
    const labels = Array.from(el.querySelectorAll(".timeline-event .timeline-label")).map((n) => n.textContent);
    expect(labels).toEqual(["The canal opened to barges", "The old mill burned down", "A new mill was raised"]);
    expect(Array.from(el.querySelectorAll(".timeline-year")).map((n) => n.textContent)).toEqual(["1850", "1912"]);
  });

  it("makes an event's buttons only when it is hovered or focused", async () => {
    const el = await sidebar();
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

  it("hides an event with its lazily made button", async () => {
    const el = await sidebar();
    el.querySelector("[data-eid='e1'] .timeline-main")!.dispatchEvent(new Event("focusin", { bubbles: true }));
    el.querySelector<HTMLButtonElement>("[data-eid='e1'] button[aria-label='Hide event']")!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(el.querySelector("[data-eid='e1']")).toBeNull();
    expect(el.dataset.events).toBe("2");
  });

  it("shows a warning's reason and evidence, and keeps the reader's verdict", async () => {
    store.events[1].warnings = [
      {
        kind: "likely_typo",
        message: "1912 looks like a slip for 1921 (two digits swapped): the dates around it are all 1920–1921",
        evidence: { published: null, words: [], intended: "1921", typo: "transposition", dates: [{ value: "1850", quote: "1850", start: 0, end: 4 }] },
      },
    ];
    const el = await sidebar();
    const item = el.querySelector<HTMLElement>("[data-eid='e2']")!;
    expect(item.classList.contains("has-warning")).toBe(true);
    expect(item.querySelector(".timeline-warning-reason")!.textContent).toContain("Likely typo");
    expect(item.querySelector(".timeline-warning-message")!.textContent).toContain("a slip for 1921 (two digits swapped)");
    expect(item.querySelector(".timeline-warning-evidence")!.textContent).toBe("Dates around it: 1850");

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
