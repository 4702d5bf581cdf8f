// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import type { ErrorPayload, Highlight } from "../api";
import { MarginNotes, type NoteCallbacks } from "./marginNotes";

const hl: Highlight = {
  id: "h-ferry",
  articleId: "a1",
  start: 0,
  end: 9,
  exact: "the ferry",
  prefix: "",
  suffix: " was late",
  color: "yellow",
  note: "",
  tags: [],
  orphaned: false,
  createdAt: "2026-11-27T03:00:00.000Z",
  updatedAt: "2026-11-27T03:00:00.000Z",
};

const readOnly: ErrorPayload = { kind: "ReadOnly", message: "the library is read-only" };

function notes(answers: Array<ErrorPayload | null>, closed: string[] = []) {
  const margin = document.createElement("div");
  document.body.appendChild(margin);
  const saved: string[] = [];
  const cb: NoteCallbacks = {
    select: () => undefined,
    hover: () => undefined,
    closed: (id) => closed.push(id),
    save: (_id, text) => {
      const answer = answers.shift() ?? null;
      if (answer === null) saved.push(text);
      return Promise.resolve(answer);
    },
  };
  return { view: new MarginNotes(margin, () => 0, cb), margin, saved, closed };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the note editor when a save fails", () => {
  beforeEach(() => {
    window.localStorage.clear();
    if (!globalThis.requestAnimationFrame) globalThis.requestAnimationFrame = (f) => setTimeout(() => f(0), 0);
  });

  it("keeps the text and the editor open, says why, and saves on retry", async () => {
    const t = notes([readOnly]);
    t.view.edit(hl);
    const area = t.margin.querySelector<HTMLTextAreaElement>("textarea.note-input")!;
    area.value = "Check the winter timetable.";
    area.dispatchEvent(new Event("input"));
    t.margin.querySelector<HTMLButtonElement>(".note-save")!.click();
    await settle();

    expect(t.view.isEditing(hl.id)).toBe(true);
    expect(t.margin.querySelector<HTMLTextAreaElement>("textarea.note-input")!.value).toBe("Check the winter timetable.");
    const status = t.margin.querySelector(".note-status")!;
    expect(status.classList.contains("failed")).toBe(true);
    expect(status.textContent).toContain("the library is read-only");
    expect(status.textContent).toContain("Trying again in 2 s");

    t.margin.querySelector<HTMLButtonElement>(".note-retry")!.click();
    await settle();
    expect(t.saved).toEqual(["Check the winter timetable."]);
    expect(t.closed).toEqual([hl.id]);
    expect(t.view.isEditing()).toBe(false);
  });

  it("brings an unsaved draft back when the note is opened again, even in a new view", async () => {
    const first = notes([readOnly]);
    first.view.edit(hl);
    const area = first.margin.querySelector<HTMLTextAreaElement>("textarea.note-input")!;
    area.value = "Half-written thought about the tide";
    area.dispatchEvent(new Event("input"));
    first.margin.querySelector<HTMLButtonElement>(".note-save")!.click();
    await settle();
    first.view.clear(); // the article was closed

    const second = notes([]);
    second.view.edit(hl);
    expect(second.margin.querySelector<HTMLTextAreaElement>("textarea.note-input")!.value).toBe("Half-written thought about the tide");
    expect(second.margin.querySelector(".note-status")!.textContent).toContain("restored");
    second.margin.querySelector<HTMLButtonElement>(".note-save")!.click();
    await settle();
    expect(second.saved).toEqual(["Half-written thought about the tide"]);

    const third = notes([]);
    third.view.edit({ ...hl, note: "Half-written thought about the tide" });
    expect(third.margin.querySelector(".note-status")!.hasAttribute("hidden")).toBe(true);
  });

  it("Cancel discards the draft", async () => {
    const t = notes([]);
    t.view.edit(hl);
    const area = t.margin.querySelector<HTMLTextAreaElement>("textarea.note-input")!;
    area.value = "never mind";
    area.dispatchEvent(new Event("input"));
    (Array.from(t.margin.querySelectorAll("button")).find((b) => b.textContent === "Cancel") as HTMLButtonElement).click();
    await settle();
    const again = notes([]);
    again.view.edit(hl);
    expect(again.margin.querySelector<HTMLTextAreaElement>("textarea.note-input")!.value).toBe("");
  });
});
