// Undo and redo for the session: each entry knows how to redo and undo
// itself against the library. An entry is recorded only after its first
// application succeeded, so the stack never holds something that did not happen.

export interface UndoEntry {
  label: string;
  /** The ids of the records it changes (a highlight's), for `forget`. */
  about?: readonly string[];
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export class UndoStack {
  private done: UndoEntry[] = [];
  private undone: UndoEntry[] = [];
  private busy = false;

  constructor(private readonly limit = 200) {}

  record(entry: UndoEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Undoes the latest entry; returns its label, or null when there was nothing to undo. */
  async undo(): Promise<string | null> {
    return this.step(this.done, this.undone, (e) => e.undo());
  }

  async redo(): Promise<string | null> {
    return this.step(this.undone, this.done, (e) => e.redo());
  }

  /**
   * Drops every entry, to undo or to redo, about one of `ids`: records that
   * changed or went away on another device (a sync round). Undoing such an
   * entry would write back what this device last saw, over the other
   * device's edit, or bring back what it deleted; entries about other
   * records stay (each entry touches only its own records). Says how many
   * were dropped.
   */
  forget(ids: Iterable<string>): number {
    const gone = new Set(ids);
    if (gone.size === 0) return 0;
    const keep = (e: UndoEntry) => !(e.about ?? []).some((id) => gone.has(id));
    const before = this.done.length + this.undone.length;
    this.done = this.done.filter(keep);
    this.undone = this.undone.filter(keep);
    return before - this.done.length - this.undone.length;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  private async step(from: UndoEntry[], to: UndoEntry[], run: (e: UndoEntry) => Promise<void>): Promise<string | null> {
    if (this.busy) return null;
    const entry = from.pop();
    if (!entry) return null;
    this.busy = true;
    try {
      await run(entry);
      to.push(entry);
      return entry.label;
    } catch (e) {
      from.push(entry); // it did not happen: keep it where it was
      throw e;
    } finally {
      this.busy = false;
    }
  }
}
