/**
 * What the popup shows after a save, worked out from the host's reply or from
 * the browser's error when the host could not be reached. Pure, so every
 * state is unit-tested (test/outcome.test.ts).
 */
import type { ExtensionTimings, HostError, HostTimings, OpenReply, SaveReply } from "./protocol";

export type HighlightResult = "saved" | "existed" | "orphaned" | "failed";

export type Outcome =
  | {
      state: "saved" | "duplicate";
      articleId: string;
      title: string;
      highlight: HighlightResult | null;
      /** A sentence about the highlight when it is not simply saved. */
      detail: string | null;
      shownInApp: boolean;
      timings?: { host?: HostTimings; extension?: ExtensionTimings };
    }
  | { state: "error"; message: string; retry: boolean; kind: string | null }
  | { state: "not-installed" }
  | { state: "unsupported"; message: string };

/** Errors that may pass when tried again (the host's retryable kinds). */
const RETRYABLE = new Set(["Busy", "DiskFull", "ReadOnly", "AppUnavailable"]);

export function fromReply(reply: SaveReply | null | undefined): Outcome {
  if (!reply || typeof reply !== "object") {
    return { state: "error", message: "Sidenote gave no answer. Try again; if it keeps happening, update Sidenote.", retry: true, kind: null };
  }
  if (!reply.ok || !reply.article_id) return fromHostError(reply.error);
  const highlight: HighlightResult | null = reply.highlight_error
    ? "failed"
    : reply.highlight_orphaned
      ? "orphaned"
      : reply.highlight_existed
        ? "existed"
        : reply.highlight_id
          ? "saved"
          : null;
  let detail: string | null = null;
  if (highlight === "failed") detail = `The page was saved, but the highlight was not: ${reply.highlight_error?.message ?? "unknown error"}`;
  else if (highlight === "orphaned" || highlight === "existed") detail = reply.message ?? null;
  return {
    state: reply.duplicate_of ? "duplicate" : "saved",
    articleId: reply.article_id,
    title: reply.title?.trim() || "Untitled",
    highlight,
    detail,
    shownInApp: reply.shown_in_app === true,
    timings: reply.timings ? { host: reply.timings } : undefined,
  };
}

export function fromHostError(error: HostError | undefined): Outcome {
  const kind = error?.kind ?? null;
  // The host names the page first ("https://…: reason"); the popup is about that page already.
  const message = (error?.message ?? "").trim().replace(/^[a-z][a-z0-9+.-]*:\/\/\S*?:\s+/i, "") || "Sidenote could not save this page.";
  switch (kind) {
    case "NoArticle":
      return {
        state: "error",
        kind,
        retry: false,
        message: /too complex/.test(message)
          ? `Sidenote could not read this page: ${message.replace(/[.!?]?$/, ".")}`
          : "Sidenote found no article on this page, only menus, links or too little text. Open the article itself, then try again.",
      };
    case "Forbidden":
      return { state: "error", kind, retry: false, message: "Sidenote does not accept this copy of the extension. Install the extension as Sidenote's documentation describes." };
    case "BadMessage":
      return { state: "error", kind, retry: false, message: `Sidenote did not understand the extension (update both to the same version). ${sentence(message)}` };
    default:
      return { state: "error", kind, retry: kind !== null && RETRYABLE.has(kind), message: sentence(message) };
  }
}

/** The browser could not reach the host: its error message, in words a reader can act on. */
export function fromNativeFailure(browserMessage: string): Outcome {
  const m = browserMessage || "";
  // Chromium: "Specified native messaging host not found."; Firefox: "No such native application app.sidenote.reader".
  if (/host not found|no such native application/i.test(m)) return { state: "not-installed" };
  if (/forbidden/i.test(m)) return fromHostError({ kind: "Forbidden", message: m });
  if (/exceeded maximum allowed size|too large/i.test(m)) {
    return { state: "error", kind: "TooLarge", retry: false, message: "This page is too large to send to Sidenote (browsers send at most 64 MB)." };
  }
  if (/has exited|exited/i.test(m)) {
    return { state: "error", kind: null, retry: true, message: "Sidenote stopped before it answered. Make sure Sidenote is up to date, then try again." };
  }
  return { state: "error", kind: null, retry: true, message: `Sidenote could not be reached: ${sentence(m || "no reason given")}` };
}

/** A page the browser does not let extensions read (its own pages, the add-on stores, PDFs in the viewer). */
export function unsupported(url: string | undefined): Outcome | null {
  if (url === undefined) return null;
  if (/^https?:/i.test(url)) return null;
  return { state: "unsupported", message: "Only web pages (http and https addresses) can be saved to Sidenote. This is one of the browser's own pages or a file." };
}

/** The page could not be read (the browser refused the script, or the tab went away). */
export function fromCaptureFailure(message: string): Outcome {
  if (/cannot access|cannot be scripted|missing host permission|extensions gallery|not allowed/i.test(message)) {
    return { state: "unsupported", message: "The browser does not let extensions read this page, so it cannot be saved." };
  }
  if (/no tab with id|tab was closed|frame with id/i.test(message)) {
    return { state: "error", kind: null, retry: false, message: "The tab was closed or changed before it could be saved." };
  }
  return { state: "error", kind: null, retry: true, message: `The page could not be read: ${sentence(message)}` };
}

export function fromOpenReply(reply: OpenReply | null | undefined): Outcome | null {
  if (reply?.ok) return null;
  return fromHostError(reply?.error ?? { kind: "AppUnavailable", message: "Sidenote could not be opened." });
}

/** A message as a sentence: capitalised, ending in a full stop. */
export function sentence(s: string): string {
  const t = s.trim();
  if (!t) return t;
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
