import { describe, expect, it } from "vitest";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import { NoteSaver, retryDelayMs, storageDrafts, type DraftStore, type SaveState } from "./noteSaver";

/** An in-memory Storage, enough for storageDrafts. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

const diskFull: ErrorPayload = { kind: "DiskFull", message: "the disk holding the library is full" };

/** A saver over a fake library whose next answers are scripted, with manual timers. */
function harness(answers: Array<ErrorPayload | null>) {
  const drafts: DraftStore = storageDrafts(new MemoryStorage());
  const saved: Array<[string, string]> = [];
  const states: SaveState[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const saver = new NoteSaver({
    save: (id, text) => {
      const answer = answers.shift() ?? null;
      if (answer === null) saved.push([id, text]);
      return Promise.resolve(answer);
    },
    drafts,
    onState: (_id, s) => states.push(s),
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
  });
  return { saver, drafts, saved, states, timers };
}

describe("saving a note", () => {
  it("a failed save keeps the text as a draft and retries on its own until it is stored", async () => {
    const t = harness([diskFull, diskFull, null]);
    expect(await t.saver.submit("h1", "The ferry was late again.")).toBe(false);
    expect(t.drafts.get("h1")).toBe("The ferry was late again.");
    expect(t.states[t.states.length - 1]).toEqual({ status: "failed", error: diskFull, attempt: 1, retryInMs: 2000 });

    t.timers.shift()!.fn(); // the first automatic retry: still full
    await Promise.resolve();
    await Promise.resolve();
    expect(t.states[t.states.length - 1]).toMatchObject({ status: "failed", attempt: 2, retryInMs: 4000 });
    expect(t.drafts.get("h1")).toBe("The ferry was late again.");

    expect(await t.saver.retryNow("h1")).toBe(true);
    expect(t.saved).toEqual([["h1", "The ferry was late again."]]);
    expect(t.drafts.get("h1")).toBeNull();
    expect(t.states[t.states.length - 1]).toEqual({ status: "saved" });
    expect(t.saver.isPending("h1")).toBe(false);
  });

  it("an error that will not pass by itself is shown without automatic retries", async () => {
    const t = harness([{ kind: "NotFound", message: "highlight not found: h2", data: { what: "highlight", id: "h2" } }]);
    expect(await t.saver.submit("h2", "A note")).toBe(false);
    expect(t.timers).toHaveLength(0);
    expect(t.states[t.states.length - 1]).toMatchObject({ status: "failed", retryInMs: null });
    expect(t.drafts.get("h2")).toBe("A note");
  });

  it("drafts outlive the editor: suspended saves keep them, discarded edits drop them", async () => {
    const t = harness([diskFull]);
    t.saver.edited("h3", "typed but not saved");
    expect(t.saver.draft("h3", "")).toBe("typed but not saved");
    expect(t.saver.draft("h3", "typed but not saved")).toBeNull(); // same as stored: nothing to restore
    await t.saver.submit("h3", "typed but not saved");
    t.saver.suspend("h3");
    expect(t.saver.draft("h3", "")).toBe("typed but not saved");
    t.saver.discard("h3");
    expect(t.saver.draft("h3", "")).toBeNull();
  });

  it("a retry that finishes after a newer edit does not report the newer text saved", async () => {
    let release: (v: ErrorPayload | null) => void = () => undefined;
    const drafts = storageDrafts(new MemoryStorage());
    const states: SaveState[] = [];
    let calls = 0;
    const saver = new NoteSaver({
      save: () => {
        calls += 1;
        return calls === 1 ? new Promise((r) => (release = r)) : Promise.resolve(diskFull);
      },
      drafts,
      onState: (_id, s) => states.push(s),
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    const first = saver.submit("h4", "first");
    expect(await saver.submit("h4", "second")).toBe(false);
    release(null);
    expect(await first).toBe(false); // the editor must not close on the older save
    expect(drafts.get("h4")).toBe("second");
    expect(states[states.length - 1]).toMatchObject({ status: "failed" });
  });

  it("pauses grow and level off at thirty seconds", () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
