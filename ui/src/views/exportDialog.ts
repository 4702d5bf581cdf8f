// File → Export…: format, scope, a live preview, copy to the clipboard or
// save through the native dialog.
import { save } from "@tauri-apps/plugin-dialog";
import { api, type ExportFormat } from "../api";
import { describeError, toApiError } from "../lib/errors";
import { cancelButton, isDialogOpen, openDialog } from "../dialog";
import { h } from "../dom";
import { EXPORT_FORMATS, exportFileName } from "../lib/exportFormats";
import { toast } from "../toast";
import { vaultSection } from "./vaultSync";

/** Opens the export dialog; `articleId` is the open article, if any. */
export function openExportDialog(articleId: string | null, articleTitle: string | null): void {
  if (isDialogOpen("export")) return;
  const format = h("select", { class: "select", id: "export-format" }, ...EXPORT_FORMATS.map((f) => h("option", { value: f.value }, f.label)));
  const scope = h(
    "select",
    { class: "select", id: "export-scope" },
    articleId ? h("option", { value: "article" }, `This article${articleTitle ? ` (${articleTitle.slice(0, 40)})` : ""}`) : null,
    h("option", { value: "library" }, "The whole library"),
  );
  // Markdown and HTML show the pictures the highlights hold.
  const pictures = h(
    "select",
    { class: "select", id: "export-images" },
    h("option", { value: "copy" }, "Copy into an images folder"),
    h("option", { value: "link" }, "Link to their sources"),
  );
  const picturesField = h("label", { class: "field" }, h("span", {}, "Pictures"), pictures);
  const showPictures = () => {
    picturesField.hidden = !(format.value === "md" || format.value === "html");
  };
  const preview = h("textarea", { class: "export-preview", readonly: true, rows: "14", "aria-label": "Preview", spellcheck: "false" });
  const error = h("p", { class: "form-error", role: "alert" });
  const ids = () => (scope.value === "article" && articleId ? [articleId] : []);
  const fmt = () => format.value as ExportFormat;
  const refresh = async () => {
    error.textContent = "";
    try {
      preview.value = await api.exportPreview(ids(), fmt());
    } catch (e) {
      preview.value = "";
      error.textContent = describeError(toApiError(e).payload);
    }
  };
  let close = () => {};
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(preview.value);
      toast("Copied to the clipboard", "success", 2500);
    } catch {
      toast("The clipboard could not be written.", "error");
    }
  };
  const saveAs = async () => {
    const defaultPath = exportFileName(fmt(), scope.value === "article" ? articleTitle ?? "" : null);
    const ext = defaultPath.slice(defaultPath.lastIndexOf(".") + 1);
    const path = await save({ title: "Export notes", defaultPath, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
    if (!path) return;
    try {
      const written = await api.exportToPath(ids(), fmt(), path, pictures.value === "link" ? "link" : "copy");
      toast(`Exported to ${written.length === 1 ? written[0] : `${written.length} files`}`, "success");
      close();
    } catch (e) {
      error.textContent = describeError(toApiError(e).payload);
    }
  };
  format.addEventListener("change", () => {
    showPictures();
    void refresh();
  });
  scope.addEventListener("change", () => void refresh());
  const dialog = openDialog({
    name: "export",
    title: "Export notes",
    wide: true,
    focus: format,
    body: [
      h("div", { class: "export-options" }, h("label", { class: "field" }, h("span", {}, "Format"), format), h("label", { class: "field" }, h("span", {}, "Articles"), scope), picturesField),
      preview,
      error,
      vaultSection(),
    ],
    footer: (closeDialog) => [
      cancelButton(closeDialog),
      h("button", { type: "button", class: "btn export-copy", onclick: () => void copy() }, "Copy"),
      h("button", { type: "button", class: "btn btn-primary export-save", onclick: () => void saveAs() }, "Save…"),
    ],
  });
  if (dialog) close = dialog.close;
  showPictures();
  void refresh();
}
