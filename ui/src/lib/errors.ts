// Failures of the app's commands as values the UI can act on. Every command
// rejects with an ErrorPayload ({ kind, message, data }, generated from the
// core's ErrorDetail); api.ts's call() wraps it in an ApiError, an Error whose
// `payload` is a union discriminated on `kind`, so a `switch` narrows `data`.
import type { ErrorKind } from "../bindings/ErrorKind";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import { formatBytes } from "./format";

/** A failed command: the payload the app sent, as an Error (so it can be thrown and has a stack). */
export class ApiError extends Error {
  readonly payload: ErrorPayload;
  /** What was thrown, when it was not a payload from the app (kept for debugging). */
  readonly cause: unknown;

  constructor(payload: ErrorPayload, cause?: unknown) {
    super(payload.message);
    this.name = "ApiError";
    this.payload = payload;
    this.cause = cause;
  }

  get kind(): ErrorKind {
    return this.payload.kind;
  }
}

/** Whether a kind carries `data`: the kinds a caller acts on rather than only shows. */
const HAS_DATA: Record<ErrorKind, boolean> = {
  Unreadable: false,
  Unsupported: true,
  Empty: false,
  TooLarge: true,
  NoArticle: false,
  Fetch: false,
  Invalid: false,
  NotFound: true,
  AlreadyExists: true,
  Ambiguous: true,
  Conflict: true,
  NewerLibrary: true,
  NewerFormat: true,
  Corrupt: false,
  ReadOnly: false,
  DiskFull: false,
  Busy: false,
  Database: false,
  Io: false,
};

function isKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(HAS_DATA, value);
}

/** True for a well-formed payload: a known kind, a message, and data where the kind has some. */
export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== "object" || value === null) return false;
  if (!("kind" in value) || !isKind(value.kind) || !("message" in value) || typeof value.message !== "string") return false;
  return !HAS_DATA[value.kind] || ("data" in value && typeof value.data === "object" && value.data !== null);
}

/** Anything a command (or the code around it) threw, as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isErrorPayload(error)) return new ApiError(error);
  // Not from the app's commands (a bug in the UI, or Tauri refusing the call):
  // shown as it is, with the original kept as the cause.
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ kind: "Invalid", message }, error);
}

/** The last part of a path or address, to name a file in a sentence. */
function shortName(what: string): string {
  const trimmed = what.replace(/[/\\]+$/, "");
  return trimmed.split(/[/\\]/).pop() || what;
}

/**
 * What to tell the person: the message, with the payload's data put in
 * words where the raw message would not serve (sizes in bytes, a list of
 * candidates).
 */
export function describeError(payload: ErrorPayload): string {
  switch (payload.kind) {
    case "TooLarge":
      return `${shortName(payload.data.what)} is too large to import (${formatBytes(payload.data.size)}; the limit is ${formatBytes(payload.data.limit)}).`;
    case "Ambiguous": {
      const shown = payload.data.candidates.slice(0, 5).map((c) => `“${c.label}”`);
      const more = payload.data.candidates.length > shown.length ? ", …" : "";
      return `${payload.message}. It matches ${shown.join(", ")}${more}`;
    }
    case "NewerFormat":
      return `${payload.message}. This is format ${payload.data.found}; this version of Sidenote reads up to format ${payload.data.supported}: update Sidenote to import it.`;
    default:
      return payload.message;
  }
}

/** What the UI can do about an error, beyond showing it. */
export interface ErrorHandlers {
  /** Opens an article by id: offered when the article is already in the library. */
  openArticle?: (id: string) => void;
  /** Shows a highlight by id: offered when highlights stand in the way of a change. */
  showHighlight?: (id: string) => void;
}

export interface ErrorAction {
  label: string;
  run: () => void;
}

/** The one thing worth offering next to the message, if any. */
export function errorAction(payload: ErrorPayload, handlers: ErrorHandlers): ErrorAction | null {
  switch (payload.kind) {
    case "AlreadyExists": {
      const { what, id } = payload.data;
      const open = handlers.openArticle;
      return what === "article" && open ? { label: "Open it", run: () => open(id) } : null;
    }
    case "Conflict": {
      const [first] = payload.data.ids;
      const show = handlers.showHighlight;
      if (payload.data.what !== "highlight" || !show || first === undefined) return null;
      return { label: payload.data.ids.length === 1 ? "Show the highlight" : "Show the first", run: () => show(first) };
    }
    default:
      return null;
  }
}
