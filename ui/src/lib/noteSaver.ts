// Saving a margin note without ever losing it. The text is kept as a draft
// (in local storage, so it outlives the editor and even a restart) until the
// library confirms the save. A save that fails for a reason that passes (full
// disk, read-only folder, busy library) is retried on its own, with growing
// pauses, and can be retried at once by hand.
import type { ErrorPayload } from "../bindings/ErrorPayload";

export interface DraftStore {
  get(id: string): string | null;
  set(id: string, text: string): void;
  clear(id: string): void;
}

const DRAFT_PREFIX = "sidenote.noteDraft.";

/** Drafts in `storage` (window.localStorage in the app); a storage that fails is ignored. */
export function storageDrafts(storage: Storage): DraftStore {
  return {
    get: (id) => {
      try {
        return storage.getItem(DRAFT_PREFIX + id);
      } catch {
        return null;
      }
    },
    set: (id, text) => {
      try {
        storage.setItem(DRAFT_PREFIX + id, text);
      } catch {
        // Storage full or unavailable: the editor still holds the text.
      }
    },
    clear: (id) => {
      try {
        storage.removeItem(DRAFT_PREFIX + id);
      } catch {
        // nothing to do
      }
    },
  };
}

const RETRYABLE = new Set(["DiskFull", "ReadOnly", "Busy"]);

export function isRetryable(error: ErrorPayload): boolean {
  return RETRYABLE.has(error.kind);
}

/** Pause before automatic retry number `attempt` (1-based): 2, 4, 8, 16, then every 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2000 * 2 ** (attempt - 1), 30_000);
}

export type SaveState =
  | { status: "saving" }
  | { status: "saved" }
  | { status: "failed"; error: ErrorPayload; attempt: number; retryInMs: number | null };

export interface NoteSaverDeps {
  /** Stores the note; resolves to null when saved, or the error. */
  save(id: string, text: string): Promise<ErrorPayload | null>;
  drafts: DraftStore;
  /** Told of every change, to show it. */
  onState(id: string, state: SaveState): void;
  setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (handle: ReturnType<typeof setTimeout>) => void;
}

interface Pending {
  text: string;
  attempt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class NoteSaver {
  private readonly pending = new Map<string, Pending>();
  private readonly setTimer: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  private readonly clearTimer: (handle: ReturnType<typeof setTimeout>) => void;

  constructor(private readonly deps: NoteSaverDeps) {
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h));
  }

  /** The editor's text changed: keep it as a draft. */
  edited(id: string, text: string): void {
    this.deps.drafts.set(id, text);
  }

  /** A draft left from an earlier editor (or an earlier run), if it differs from `saved`. */
  draft(id: string, saved: string): string | null {
    const d = this.deps.drafts.get(id);
    return d !== null && d !== saved ? d : null;
  }

  /** Saves `text`; true when it is stored. On failure the draft stays and a retry may be scheduled. */
  async submit(id: string, text: string): Promise<boolean> {
    this.deps.drafts.set(id, text);
    const previous = this.pending.get(id);
    if (previous?.timer) this.clearTimer(previous.timer);
    const entry: Pending = { text, attempt: previous && previous.text === text ? previous.attempt : 0, timer: null };
    this.pending.set(id, entry);
    return this.attempt(id, entry);
  }

  /** Tries a failed save again now. */
  retryNow(id: string): Promise<boolean> {
    const entry = this.pending.get(id);
    if (!entry) return Promise.resolve(true);
    if (entry.timer) this.clearTimer(entry.timer);
    entry.timer = null;
    return this.attempt(id, entry);
  }

  /** The person discarded the edit: stop retrying and forget the draft. */
  discard(id: string): void {
    const entry = this.pending.get(id);
    if (entry?.timer) this.clearTimer(entry.timer);
    this.pending.delete(id);
    this.deps.drafts.clear(id);
  }

  /** Stop retrying (the editor went away) but keep the draft for next time. */
  suspend(id: string): void {
    const entry = this.pending.get(id);
    if (entry?.timer) this.clearTimer(entry.timer);
    this.pending.delete(id);
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  private async attempt(id: string, entry: Pending): Promise<boolean> {
    this.deps.onState(id, { status: "saving" });
    let error: ErrorPayload | null;
    try {
      error = await this.deps.save(id, entry.text);
    } catch (e) {
      error = { kind: "Invalid", message: e instanceof Error ? e.message : String(e) };
    }
    // Superseded by a newer edit, or discarded meanwhile: the newer state decides.
    if (this.pending.get(id) !== entry) return false;
    if (error === null) {
      this.pending.delete(id);
      this.deps.drafts.clear(id);
      this.deps.onState(id, { status: "saved" });
      return true;
    }
    entry.attempt += 1;
    const retryInMs = isRetryable(error) ? retryDelayMs(entry.attempt) : null;
    if (retryInMs !== null) entry.timer = this.setTimer(() => void this.retryNow(id), retryInMs);
    this.deps.onState(id, { status: "failed", error, attempt: entry.attempt, retryInMs });
    return false;
  }
}
