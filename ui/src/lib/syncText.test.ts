import { describe, expect, it } from "vitest";
import type { LastRound, SyncOverview } from "../api";
import { describeRound, phaseDetail, phaseLabel } from "./syncText";

const now = new Date("2026-03-10T12:00:00Z");
const round = (over: Partial<LastRound> = {}): LastRound => ({
  at: "2026-03-10T11:55:00Z",
  sent: 2,
  received: 1,
  articles: 0,
  highlights: 1,
  waiting: 0,
  problems: [],
  error: null,
  ...over,
});
const overview = (phase: SyncOverview["phase"], last: LastRound | null, lastError: string | null = null): SyncOverview => ({
  phase,
  last,
  status: { syncing: phase !== "off", folder: "/sync", device: "d", name: "Desk", lastRoundAt: null, lastError, devices: [] },
});

describe("sync words", () => {
  it("labels every phase", () => {
    expect(["off", "syncing", "synced", "waiting", "error"].map((p) => phaseLabel(p as SyncOverview["phase"]))).toEqual([
      "Sync off",
      "Syncing…",
      "Synced",
      "Waiting for files",
      "Sync failed",
    ]);
  });

  it("says what a round did, in words", () => {
    expect(describeRound(round(), now)).toBe("Last sync 5 minutes ago: sent 2 changes, received 1 change, 0 articles and 1 highlight updated.");
    expect(describeRound(round({ sent: 0, received: 0, highlights: 0 }), now)).toBe("Last sync 5 minutes ago: sent 0 changes, received 0 changes.");
    expect(describeRound(round({ waiting: 3 }), now)).toContain("3 files waiting (still arriving or damaged");
  });

  it("puts the reason of a failure first", () => {
    expect(describeRound(round({ error: "the sync folder /x does not exist or is not a folder" }), now)).toBe(
      "The last sync (5 minutes ago) failed: the sync folder /x does not exist or is not a folder",
    );
    expect(phaseDetail(overview("error", round({ error: "disk full" })), now)).toBe("Sync failed: disk full");
    // Before this app ran a round, the library's remembered failure is the reason.
    expect(phaseDetail(overview("error", null, "folder gone"), now)).toBe("Sync failed: folder gone");
  });

  it("tells how many files wait and when the last round was", () => {
    expect(phaseDetail(overview("waiting", round({ waiting: 1 })), now)).toBe("Synced 5 minutes ago; 1 file from other devices still arriving (read again next round).");
    expect(phaseDetail(overview("synced", round()), now)).toBe("Synced 5 minutes ago.");
    expect(phaseDetail(overview("off", null), now)).toContain("does not sync");
  });
});
