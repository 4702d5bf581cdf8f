import { beforeEach, describe, expect, it, vi } from "vitest";

// The Tauri bridge: what the app answers to each invoke.
const bridge = vi.hoisted(() => ({ answer: (): Promise<unknown> => Promise.resolve(null), calls: [] as Array<[string, unknown]> }));
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (command: string, args?: unknown) => {
    bridge.calls.push([command, args]);
    return bridge.answer();
  },
}));

import { api, call } from "./api";
import { ApiError } from "./lib/errors";

beforeEach(() => {
  bridge.calls = [];
});

describe("call", () => {
  it("passes the command and its arguments and returns the answer", async () => {
    bridge.answer = () => Promise.resolve({ id: "a1", title: "Harbour notes" });
    await expect(api.getArticle("a1")).resolves.toEqual({ id: "a1", title: "Harbour notes" });
    expect(bridge.calls).toEqual([["get_article", { id: "a1" }]]);
  });

  it("throws the app's payload as an ApiError", async () => {
    const payload = { kind: "NotFound", message: "article not found: a9", data: { what: "article", id: "a9" } };
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Tauri's invoke rejects with the command's error as serialized, a plain object: what call() must wrap.
    bridge.answer = () => Promise.reject(payload);
    const error = await api.getArticle("a9").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error instanceof ApiError && error.payload).toEqual(payload);
  });

  it("turns anything else the bridge throws into an ApiError too", async () => {
    bridge.answer = () => Promise.reject(new Error("command not allowed"));
    const error = await call("library_info").catch((e: unknown) => e);
    expect(error instanceof ApiError && error.payload).toEqual({ kind: "Invalid", message: "command not allowed" });
  });
});
