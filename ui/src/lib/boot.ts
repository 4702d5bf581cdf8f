// The launch's answers, given by the shell before this script runs
// (src-tauri/src/app/boot.rs): the settings, the files and link the app was
// launched with, and the library view's first page. Asked over IPC, they
// reach the page only after its first layout and paint of an empty chrome;
// read from here, the first frame shows the library (issue 24, cold start).
//
// Set once per window: after a reload the global is absent and the app asks
// over IPC, as it always could.
import type { ArticleSummary, ErrorPayload, ImportReport, ListQuery, Passage } from "../api";

export interface FirstPage {
  query: ListQuery;
  rows: ArticleSummary[];
  total: number;
}

export interface Boot {
  settings: Record<string, unknown>;
  pendingOpens: ImportReport[];
  pendingLink: Passage | null;
  pendingLinkError: ErrorPayload | null;
  /** Null when the launch was expected to show something else than the library. */
  firstPage: FirstPage | null;
}

const GLOBAL = "__SIDENOTE_BOOT__";

/** The answers, once: a second call (or a reload) gets null. */
export function takeBoot(win: Window = window): Boot | null {
  const holder = win as unknown as Record<string, unknown>;
  const boot = holder[GLOBAL];
  delete holder[GLOBAL];
  return isBoot(boot) ? boot : null;
}

/** The shape the shell writes; anything else is ignored (and asked over IPC). */
function isBoot(v: unknown): v is Boot {
  if (typeof v !== "object" || v === null) return false;
  const b = v as Record<string, unknown>;
  return typeof b.settings === "object" && b.settings !== null && Array.isArray(b.pendingOpens) && (b.firstPage === null || isFirstPage(b.firstPage));
}

function isFirstPage(v: unknown): v is FirstPage {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.query === "object" && p.query !== null && Array.isArray(p.rows) && typeof p.total === "number";
}

/** Whether the shell's page answers `query` asking for `limit` rows. */
export function answers(page: FirstPage, query: Omit<ListQuery, "limit" | "offset">, limit: number): boolean {
  const q = page.query;
  return q.search === query.search && q.sort === query.sort && q.descending === query.descending && q.limit === limit && !q.offset;
}
