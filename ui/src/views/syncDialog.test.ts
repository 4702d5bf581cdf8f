// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncOverview } from "../api";

// The app side in memory: a folder chooser that answers /shared, and sync
// commands that change the overview as the app would.
const app = vi.hoisted(() => ({ overview: null as unknown as SyncOverview, calls: [] as string[], failNext: null as string | null }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: () => Promise.resolve("/shared") }));
vi.mock("../api", async () => {
  const { ApiError } = await import("../lib/errors");
  const answer = (name: string, change: (o: SyncOverview) => void) => {
    app.calls.push(name);
    if (app.failNext) {
      const message = app.failNext;
      app.failNext = null;
      return Promise.reject(new ApiError({ kind: "Invalid", message }));
    }
    change(app.overview);
    return Promise.resolve(structuredClone(app.overview));
  };
  return {
    api: {
      syncOverview: () => answer("overview", () => undefined),
      chooseSyncFolder: (folder: string, name: string | null) =>
        answer(`choose ${folder} ${name}`, (o) => {
          Object.assign(o.status, { syncing: true, folder, name: name ?? "host" });
          o.phase = "synced";
          o.last = { at: new Date().toISOString(), sent: 4, received: 0, articles: 0, highlights: 0, waiting: 0, problems: [], error: null };
        }),
      renameSyncDevice: (name: string) => answer(`rename ${name}`, (o) => (o.status.name = name)),
      syncNow: () => answer("now", (o) => (o.last = { ...o.last!, received: 2, highlights: 1 })),
      stopSync: () =>
        answer("off", (o) => {
          Object.assign(o.status, { syncing: false, folder: null });
          o.phase = "off";
          o.last = null;
        }),
    },
  };
});

import { openSyncDialog, SyncState, syncIndicator } from "./syncDialog";

const off = (): SyncOverview => ({
  phase: "off",
  last: null,
  status: { syncing: false, folder: null, device: null, name: null, lastRoundAt: null, lastError: null, devices: [] },
});
const settle = () => new Promise((r) => setTimeout(r, 0));
const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

describe("the Sync dialog", () => {
  beforeEach(() => {
    document.body.replaceChildren();
    app.overview = off();
    app.calls = [];
  });

  it("starts off, syncs through a chosen folder with the typed name, then lists devices and the result", async () => {
    const state = new SyncState();
    const indicator = syncIndicator(state);
    document.body.append(indicator);
    openSyncDialog(state);
    await settle();
    expect($(".sync-folder-path").textContent).toBe("No folder chosen");
    expect($<HTMLButtonElement>(".sync-now").disabled).toBe(true);
    expect($(".sync-off").hidden).toBe(true);
    expect(indicator.dataset.phase).toBe("off");

    $<HTMLInputElement>(".sync-name").value = "  Desk  ";
    $(".sync-choose").click();
    await settle();
    await settle();
    expect(app.calls).toContain("choose /shared Desk");
    expect($(".sync-folder-path").textContent).toBe("/shared");
    expect($(".sync-result").textContent).toMatch(/^Last sync just now: sent 4 changes, received 0 changes\.$/);
    expect($<HTMLButtonElement>(".sync-now").disabled).toBe(false);
    expect(indicator.dataset.phase).toBe("synced");
    expect(indicator.textContent).toBe("Synced");

    app.overview.status.devices = [{ device: "d2", name: "Laptop", lastChangeAt: new Date().toISOString(), readAt: null }];
    $(".sync-now").click();
    await settle();
    expect($(".sync-result").textContent).toContain("received 2 changes");
    expect($(".sync-device strong").textContent).toBe("Laptop");
    expect($(".sync-device-when").textContent).toBe("last change just now");
  });

  it("renames the device on Enter, shows a refused command's reason, and turns sync off", async () => {
    const state = new SyncState();
    app.overview = off();
    Object.assign(app.overview.status, { syncing: true, folder: "/shared", name: "Desk" });
    app.overview.phase = "synced";
    openSyncDialog(state);
    await settle();
    const name = $<HTMLInputElement>(".sync-name");
    expect(name.value).toBe("Desk");
    name.value = "Study";
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    await settle();
    expect(app.calls).toContain("rename Study");

    app.failNext = "the sync folder /shared does not exist or is not a folder";
    $(".sync-now").click();
    await settle();
    expect($(".sync-error").textContent).toContain("does not exist or is not a folder");

    $(".sync-off").click();
    await settle();
    expect(app.calls).toContain("off");
    expect($(".sync-off").hidden).toBe(true);
    expect($(".sync-folder-path").textContent).toBe("No folder chosen");
  });

  it("the indicator follows the state and says why in its tooltip", () => {
    const state = new SyncState();
    const indicator = syncIndicator(state);
    const o = off();
    Object.assign(o.status, { syncing: true, folder: "/shared" });
    o.phase = "error";
    o.last = { at: new Date().toISOString(), sent: 0, received: 0, articles: 0, highlights: 0, waiting: 0, problems: [], error: "disk full" };
    state.set(o);
    expect(indicator.dataset.phase).toBe("error");
    expect(indicator.textContent).toBe("Sync failed");
    expect(indicator.title).toBe("Sync failed: disk full");
    state.set({ ...o, phase: "syncing" });
    expect(indicator.textContent).toBe("Syncing…");
  });
});
