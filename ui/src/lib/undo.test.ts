import { describe, expect, it } from "vitest";
import { UndoStack } from "./undo";

function counter() {
  const state = { value: 0 };
  const entry = (label: string, delta: number) => ({
    label,
    undo: () => {
      state.value -= delta;
      return Promise.resolve();
    },
    redo: () => {
      state.value += delta;
      return Promise.resolve();
    },
  });
  return { state, entry };
}

describe("UndoStack", () => {
  it("undoes and redoes in order, and a new action clears redo", async () => {
    const { state, entry } = counter();
    const stack = new UndoStack();
    state.value += 1;
    stack.record(entry("one", 1));
    state.value += 10;
    stack.record(entry("ten", 10));
    expect(await stack.undo()).toBe("ten");
    expect(state.value).toBe(1);
    expect(await stack.undo()).toBe("one");
    expect(state.value).toBe(0);
    expect(await stack.undo()).toBeNull();
    expect(await stack.redo()).toBe("one");
    expect(state.value).toBe(1);
    state.value += 100;
    stack.record(entry("hundred", 100));
    expect(stack.canRedo).toBe(false);
    expect(await stack.redo()).toBeNull();
  });

  it("keeps an entry whose undo failed", async () => {
    const stack = new UndoStack();
    let fail = true;
    stack.record({
      label: "flaky",
      undo: () => (fail ? Promise.reject(new Error("disk full")) : Promise.resolve()),
      redo: () => Promise.resolve(),
    });
    await expect(stack.undo()).rejects.toThrow("disk full");
    expect(stack.canUndo).toBe(true);
    fail = false;
    expect(await stack.undo()).toBe("flaky");
  });

  it("drops the oldest entries past its limit", async () => {
    const stack = new UndoStack(2);
    for (const label of ["a", "b", "c"]) stack.record({ label, undo: () => Promise.resolve(), redo: () => Promise.resolve() });
    expect(await stack.undo()).toBe("c");
    expect(await stack.undo()).toBe("b");
    expect(await stack.undo()).toBeNull();
  });
  it("forgets the entries, done and undone, about records another device changed", async () => {
    const stack = new UndoStack();
    const ran: string[] = [];
    const entry = (label: string, about: string[]) => ({
      label,
      about,
      undo: () => {
        ran.push(`undo ${label}`);
        return Promise.resolve();
      },
      redo: () => {
        ran.push(`redo ${label}`);
        return Promise.resolve();
      },
    });
    stack.record(entry("colour of h1", ["h1"]));
    stack.record(entry("note of h2", ["h2"]));
    stack.record(entry("delete h3", ["h3"]));
    stack.record(entry("note of h1", ["h1"]));
    expect(await stack.undo()).toBe("note of h1");
    expect(await stack.undo()).toBe("delete h3");
    // A round changed h1 and took h3 away: nothing about them can be undone or redone.
    expect(stack.forget(["h1", "h3", "h-unknown"])).toBe(3);
    expect(stack.canRedo).toBe(false);
    expect(await stack.undo()).toBe("note of h2");
    expect(await stack.undo()).toBeNull();
    expect(ran).toEqual(["undo note of h1", "undo delete h3", "undo note of h2"]);
    // Nothing named: nothing dropped; entries about nothing in particular stay.
    stack.record({ label: "plain", undo: () => Promise.resolve(), redo: () => Promise.resolve() });
    expect(stack.forget([])).toBe(0);
    expect(stack.forget(["h2"])).toBe(0);
    expect(await stack.undo()).toBe("plain");
  });
});
