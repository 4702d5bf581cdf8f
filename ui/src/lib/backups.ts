// Words for backups and for a library that would not open: pure functions,
// shared by the recovery screen and the restore dialog.
import type { BackupInfo } from "../bindings/BackupInfo";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import { formatBytes } from "./format";

/** Why a backup was made, in a person's words. */
export function backupReason(reason: string): string {
  if (reason === "daily") return "Daily backup";
  if (reason === "manual") return "Backed up by you";
  if (reason === "pre-restore") return "Before a restore";
  const migration = /^pre-migration-v(\d+)$/.exec(reason);
  if (migration) return "Before an update";
  return reason;
}

/** "3 articles · 12 highlights · 1.2 MB", or a warning when the backup cannot be read. */
export function backupSummary(b: BackupInfo): string {
  const size = formatBytes(b.size);
  if (b.articleCount === null || b.highlightCount === null) return `Unreadable · ${size}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(b.articleCount, "article")} · ${plural(b.highlightCount, "highlight")} · ${size}`;
}

/** "Today, 14:05", "Yesterday, 09:12" or "3 Nov 2026, 18:40" (local time). */
export function backupDate(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  const dayStart = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((dayStart(now) - dayStart(d)) / 86_400_000);
  if (days === 0) return `Today, ${time}`;
  if (days === 1) return `Yesterday, ${time}`;
  const month = d.toLocaleString("en-GB", { month: "short" });
  return `${d.getDate()} ${month} ${d.getFullYear()}, ${time}`;
}

export interface OpenFailure {
  title: string;
  explanation: string;
  /** Offer to restore the newest backup. */
  canRestore: boolean;
  /** Offer to set the file aside and start an empty library. */
  canStartFresh: boolean;
}

/** What to tell the person, and which ways out to offer, for why the library did not open. */
export function describeOpenFailure(error: ErrorPayload, backups: BackupInfo[]): OpenFailure {
  const hasBackup = backups.some((b) => b.articleCount !== null);
  switch (error.kind) {
    case "Corrupt":
      return {
        title: "Your library file is damaged",
        explanation:
          "Sidenote could not read the library file, so it has not opened it. The file has been left exactly as it is: nothing was overwritten or deleted.",
        canRestore: hasBackup,
        canStartFresh: true,
      };
    case "Unreadable":
      return {
        title: "Your library file could not be opened",
        explanation:
          "Sidenote could not open the library file. It may have been moved, or its folder may not allow reading and writing. The file has been left as it is.",
        canRestore: hasBackup,
        canStartFresh: true,
      };
    case "NewerLibrary":
      return {
        title: "This library is from a newer Sidenote",
        explanation: `The library was last used by a newer version of Sidenote (library format ${error.data.found}; this version reads up to format ${error.data.supported}), which may have stored things this version does not understand. Nothing was changed. Update Sidenote to open it.`,
        canRestore: false,
        canStartFresh: false,
      };
    case "ReadOnly":
    case "DiskFull":
    case "Busy":
      return {
        title: "Your library could not be opened right now",
        explanation: "This is usually temporary. Fix the cause below, then try again; your library was not changed.",
        canRestore: false,
        canStartFresh: false,
      };
    default:
      return {
        title: "Your library could not be opened",
        explanation: "Sidenote could not open the library. The file has been left as it is.",
        canRestore: hasBackup,
        canStartFresh: error.kind === "Database",
      };
  }
}
