import { describe, expect, it } from "vitest";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import { backupDate, backupReason, backupSummary, describeOpenFailure } from "./backups";
import { formatBytes } from "./format";

const backup = (over: Partial<BackupInfo> = {}): BackupInfo => ({
  name: "library-20261127T031500.000Z-daily.sqlite3",
  path: "/lib/backups/library-20261127T031500.000Z-daily.sqlite3",
  createdAt: "2026-11-27T03:15:00.000Z",
  reason: "daily",
  size: 204800,
  articleCount: 12,
  highlightCount: 1,
  ...over,
});

describe("backup descriptions", () => {
  it("sizes, reasons and counts read naturally", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(204800)).toBe("200 kB");
    expect(formatBytes(3 * 1024 * 1024 + 200_000)).toBe("3.2 MB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1.5 GB");
    expect(backupReason("daily")).toBe("Daily backup");
    expect(backupReason("pre-migration-v3")).toBe("Before an update");
    expect(backupReason("pre-restore")).toBe("Before a restore");
    expect(backupSummary(backup())).toBe("12 articles · 1 highlight · 200 kB");
    expect(backupSummary(backup({ articleCount: null, highlightCount: null }))).toBe("Unreadable · 200 kB");
  });

  it("dates say today and yesterday in local time", () => {
    const now = new Date(2026, 10, 27, 18, 0);
    expect(backupDate(new Date(2026, 10, 27, 9, 5).toISOString(), now)).toBe("Today, 09:05");
    expect(backupDate(new Date(2026, 10, 26, 23, 59).toISOString(), now)).toBe("Yesterday, 23:59");
    expect(backupDate(new Date(2026, 9, 3, 7, 30).toISOString(), now)).toBe("3 Oct 2026, 07:30");
    expect(backupDate("not a date", now)).toBe("not a date");
  });
});

describe("why the library did not open", () => {
  it("a damaged file offers a restore only when a readable backup exists, and always a fresh start", () => {
    const corrupt = { kind: "Corrupt" as const, message: "the library file /x is damaged" };
    expect(describeOpenFailure(corrupt, [backup()])).toMatchObject({ canRestore: true, canStartFresh: true });
    expect(describeOpenFailure(corrupt, [])).toMatchObject({ canRestore: false, canStartFresh: true });
    expect(describeOpenFailure(corrupt, [backup({ articleCount: null, highlightCount: null })]).canRestore).toBe(false);
    expect(describeOpenFailure(corrupt, []).explanation).toMatch(/left exactly as it is/);
  });

  it("a library from a newer version or a passing problem offers no destructive choice", () => {
    const newer: ErrorPayload = { kind: "NewerLibrary", message: "m", data: { found: 9, supported: 4 } };
    for (const error of [newer, ...(["ReadOnly", "DiskFull", "Busy"] as const).map((kind) => ({ kind, message: "m" }))]) {
      const f = describeOpenFailure(error, [backup()]);
      expect([error.kind, f.canRestore, f.canStartFresh]).toEqual([error.kind, false, false]);
    }
    const f = describeOpenFailure(newer, []);
    expect(f.title).toMatch(/newer Sidenote/);
    // The versions the app sent, in words.
    expect(f.explanation).toContain("library format 9; this version reads up to format 4");
  });
});
