// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TimelineEvent } from "../api";

// The library side, in memory: the article's events and which are hidden.
const store = vi.hoisted(() => ({ events: [] as TimelineEvent[] }));
vi.mock("../api", async () => {
  // Failures arrive as api.ts's call() throws them.
  const { ApiError } = await import("../lib/errors");
  return {
    api: {
      listEvents: () => Promise.resolve(store.events),
      setEventHidden: (id: string, hidden: boolean) => {
        const ev = store.events.find((e) => e.id === id);
        if (!ev) return Promise.reject(new ApiError({ kind: "NotFound", message: "no such event", data: { what: "event", id } }));
        ev.hidden = hidden;
        return Promise.resolve({ ...ev });
      },
    },
  };
});

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
});
