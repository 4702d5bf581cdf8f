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
});
