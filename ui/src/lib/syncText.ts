// Words for sync's state (src-tauri/core/src/sync/overview.rs): the header
// indicator's label and the Sync dialog's "last sync" line. Pure, so tested.
import type { LastRound, SyncOverview, SyncPhase } from "../api";
import { formatRelative } from "./format";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The indicator's short label. */
export function phaseLabel(phase: SyncPhase): string {
  switch (phase) {
    case "off":
      return "Sync off";
    case "syncing":
      return "Syncing…";
    case "synced":
      return "Synced";
    case "waiting":
      return "Waiting for files";
    case "error":
      return "Sync failed";
  }
}

/** The indicator's tooltip: the label and why (the error, what waits, when). */
export function phaseDetail(o: SyncOverview, now: Date = new Date()): string {
  const last = o.last;
  switch (o.phase) {
    case "off":
      return "This library does not sync. Click to choose a sync folder.";
    case "syncing":
      return "Syncing with the sync folder…";
    case "error":
      return `Sync failed: ${last?.error ?? o.status.lastError ?? "unknown reason"}`;
    case "waiting":
      return `Synced ${last ? formatRelative(last.at, now) : ""}; ${count(last?.waiting ?? 0, "file")} from other devices still arriving (read again next round).`;
    case "synced": {
      const at = last?.at ?? o.status.lastRoundAt;
      return at ? `Synced ${formatRelative(at, now)}.` : "Synced.";
    }
  }
}

/** The dialog's line on the last round. */
export function describeRound(r: LastRound, now: Date = new Date()): string {
  const when = formatRelative(r.at, now);
  if (r.error) return `The last sync (${when}) failed: ${r.error}`;
  const parts = [`sent ${count(r.sent, "change")}`, `received ${count(r.received, "change")}`];
  if (r.articles || r.highlights) parts.push(`${count(r.articles, "article")} and ${count(r.highlights, "highlight")} updated`);
  if (r.waiting) parts.push(`${count(r.waiting, "file")} waiting (still arriving or damaged; read again next round)`);
  const text = `Last sync ${when}: ${parts.join(", ")}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
