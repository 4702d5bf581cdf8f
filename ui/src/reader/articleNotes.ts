// Notes on the whole article, above its text: what a Hypothesis page note or
// an Omnivore item's note becomes on import, and the reader's own remarks
// on the piece. Added, edited and deleted here (Delete offers Undo); they
// are exported with the article (Markdown under its title, W3C JSON as
// annotations of the article).
import { api } from "../api";
import type { ArticleNote } from "../bindings/ArticleNote";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { errorToast, toast } from "../toast";

/** The heading of the notes section, counting them. */
export function articleNotesHeading(count: number): string {
  return count === 1 ? "Note on this article" : `Notes on this article (${count})`;
}

/** The text a draft is saved with, or null when there is nothing to save. */
export function draftToSave(text: string): string | null {
  const t = text.trim();
  return t ? t : null;
}

export class ArticleNotesPanel {
  private articleId: string | null = null;
  private notes: ArticleNote[] = [];
  /** The note being edited: its id, "new" for a new one, or null. */
  private editing: string | null = null;
  /** Called after the section changed height: the margin notes beside the text must move with it. */
  onChange: () => void = () => undefined;

  constructor(readonly el: HTMLElement) {}

  /** A note on the article is open for writing (a sync round leaves the panel alone then). */
  get isEditing(): boolean {
    return this.editing !== null;
  }

  async load(articleId: string, notes?: Promise<ArticleNote[]>): Promise<void> {
    this.articleId = articleId;
    this.editing = null;
    try {
      this.notes = await (notes ?? api.listArticleNotes(articleId));
    } catch (e) {
      this.notes = [];
      errorToast(e, "Notes on the article not loaded");
    }
    if (this.articleId === articleId) this.render();
  }

  /** Opens an empty note for writing. */
  startAdding(): void {
    this.editing = "new";
    this.render();
  }

  private render(): void {
    clear(this.el);
    const show = this.notes.length > 0 || this.editing !== null;
    this.el.hidden = !show;
    if (!show) {
      this.onChange();
      return;
    }
    const list = h("ul", { class: "article-notes-list" });
    for (const n of this.notes) list.append(this.editing === n.id ? this.editor(n.note, n.id) : this.item(n));
    if (this.editing === "new") list.append(this.editor("", null));
    this.el.append(h("h2", {}, articleNotesHeading(this.notes.length)), list);
    this.el.querySelector<HTMLTextAreaElement>("textarea")?.focus();
    this.onChange();
  }

  private item(n: ArticleNote): HTMLElement {
    return h(
      "li",
      { class: "article-note", "data-id": n.id },
      h("p", { class: "article-note-text" }, n.note),
      h(
        "div",
        { class: "article-note-actions" },
        h("button", { type: "button", class: "btn btn-ghost btn-small article-note-edit", onclick: () => { this.editing = n.id; this.render(); } }, icon("edit"), "Edit"),
        h("button", { type: "button", class: "btn btn-ghost btn-small article-note-delete", onclick: () => void this.remove(n) }, icon("trash"), "Delete"),
      ),
    );
  }

  private editor(text: string, id: string | null): HTMLElement {
    const area = h("textarea", { class: "article-note-input", rows: "4", "aria-label": "Note on the article", placeholder: "A note on the whole article (Markdown)" });
    area.value = text;
    const save = () => void this.save(id, area.value);
    const cancel = () => { this.editing = null; this.render(); };
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
      if (e.key === "Escape") { e.preventDefault(); cancel(); }
    });
    return h(
      "li",
      { class: "article-note editing" },
      area,
      h(
        "div",
        { class: "article-note-actions" },
        h("button", { type: "button", class: "btn btn-primary btn-small article-note-save", onclick: save }, "Save"),
        h("button", { type: "button", class: "btn btn-ghost btn-small", onclick: cancel }, "Cancel"),
      ),
    );
  }

  private async save(id: string | null, text: string): Promise<void> {
    const note = draftToSave(text);
    if (note === null) {
      toast("Write something first, or Cancel.", "info");
      return;
    }
    try {
      if (id === null) {
        if (!this.articleId) return;
        this.notes.push(await api.addArticleNote(this.articleId, note));
      } else {
        const saved = await api.updateArticleNote(id, note);
        this.notes = this.notes.map((n) => (n.id === id ? saved : n));
      }
      this.editing = null;
      this.render();
    } catch (e) {
      errorToast(e, "Not saved");
    }
  }

  private async remove(n: ArticleNote): Promise<void> {
    try {
      await api.deleteArticleNote(n.id);
    } catch (e) {
      errorToast(e, "Not deleted");
      return;
    }
    this.notes = this.notes.filter((m) => m.id !== n.id);
    this.render();
    toast("Note deleted", "info", 5000, {
      label: "Undo",
      run: () => {
        void api
          .restoreArticleNote(n.id)
          .then((back) => {
            if (back.articleId !== this.articleId) return;
            this.notes = [...this.notes, back].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
            this.render();
          })
          .catch((e: unknown) => errorToast(e, "Not restored"));
      },
    });
  }
}
