// Transient messages and per-file import results, announced to screen readers.
import { h } from "./dom";
import { icon } from "./icons";
import type { ImportReport } from "./api";
import type { NotesImportReport } from "./bindings/NotesImportReport";
import { notesImportDetails, notesImportSummary } from "./lib/exportFormats";
import { describeError, errorAction, toApiError, type ApiError, type ErrorHandlers } from "./lib/errors";

let region: HTMLElement | null = null;

function ensureRegion(): HTMLElement {
  if (!region?.isConnected) {
    region = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.appendChild(region);
  }
  return region;
}

export type ToastTone = "info" | "success" | "error";

export function toast(message: string, tone: ToastTone = "info", timeoutMs = 5000, action?: { label: string; run: () => void }): void {
  const close = () => el.remove();
  const el = h(
    "div",
    { class: `toast toast-${tone}`, role: tone === "error" ? "alert" : "status" },
    icon(tone === "error" ? "alert" : "check"),
    h("span", { class: "toast-text" }, message),
    action ? h("button", { class: "btn btn-ghost btn-small", onclick: () => { action.run(); close(); } }, action.label) : null,
    h("button", { class: "icon-btn", "aria-label": "Dismiss", onclick: close }, icon("close")),
  );
  ensureRegion().appendChild(el);
  if (tone !== "error") window.setTimeout(close, timeoutMs);
}

/**
 * Shows why something failed, after `context` ("Not deleted"), with what can
 * be done about it as the toast's action. Returns the error for callers that
 * react further.
 */
export function errorToast(error: unknown, context = "", handlers: ErrorHandlers = {}): ApiError {
  const e = toApiError(error);
  const text = describeError(e.payload);
  toast(context ? `${context}: ${text}` : text, "error", 5000, errorAction(e.payload, handlers) ?? undefined);
  return e;
}

/** Summarises a batch of imports: one line per file when there are several. */
export function showImportReports(reports: ImportReport[], open: (id: string) => void): void {
  if (reports.length === 0) return;
  if (reports.length === 1) {
    const r = reports[0];
    if (r.status === "imported") toast(`Imported “${r.article.title}”`, "success", 5000, { label: "Open", run: () => open(r.article.id) });
    else if (r.status === "duplicate")
      toast(`“${r.article.title}” is already in your library`, "info", 7000, { label: "Open it", run: () => open(r.article.id) });
    else errorToast(r.error, "", { openArticle: open });
    return;
  }
  const ok = reports.filter((r) => r.status === "imported").length;
  const dup = reports.filter((r) => r.status === "duplicate").length;
  const failed = reports.filter((r) => r.status === "failed");
  const list = h(
    "ul",
    { class: "import-results" },
    ...reports.map((r) =>
      h(
        "li",
        { class: `import-result import-${r.status}` },
        icon(r.status === "failed" ? "alert" : "check"),
        h("span", {}, r.status === "failed" ? describeError(r.error) : `${r.article.title}${r.status === "duplicate" ? " (already in library)" : ""}`),
      ),
    ),
  );
  const summary = `Imported ${ok} of ${reports.length}${dup ? `, ${dup} already present` : ""}${failed.length ? `, ${failed.length} failed` : ""}`;
  const el = h(
    "div",
    { class: `toast ${failed.length ? "toast-error" : "toast-success"} toast-wide`, role: "status" },
    h("div", { class: "toast-body" }, h("strong", {}, summary), list),
    h("button", { class: "icon-btn", "aria-label": "Dismiss", onclick: () => el.remove() }, icon("close")),
  );
  ensureRegion().appendChild(el);
  if (!failed.length) window.setTimeout(() => el.remove(), 9000);
}

/**
 * What an import of notes did: one line when all went in cleanly; otherwise
 * a wide toast that stays until dismissed, listing what was left out and why.
 */
export function showNotesImportReport(r: NotesImportReport): void {
  const summary = notesImportSummary(r);
  const details = notesImportDetails(r);
  if (details.length === 0) {
    toast(summary, "success", 7000);
    return;
  }
  const el = h(
    "div",
    { class: "toast toast-success toast-wide notes-import-report", role: "status" },
    h("div", { class: "toast-body" }, h("strong", {}, summary), h("ul", { class: "import-results" }, ...details.map((d) => h("li", { class: "import-result" }, h("span", {}, d))))),
    h("button", { class: "icon-btn", "aria-label": "Dismiss", onclick: () => el.remove() }, icon("close")),
  );
  ensureRegion().appendChild(el);
}
