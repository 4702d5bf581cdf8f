// File → Restore from Backup…: the library's backups with their dates, sizes
// and counts; choosing one asks for confirmation, then replaces the library
// (the current one is kept as a backup first) and reloads the app.
import { api, type BackupInfo } from "../api";
import { cancelButton, isDialogOpen, openDialog } from "../dialog";
import { h } from "../dom";
import { backupDate, backupReason, backupSummary } from "../lib/backups";
import { describeError, toApiError } from "../lib/errors";
import { toast } from "../toast";

export function openBackupsDialog(afterRestore: (message: string) => void): void {
  if (isDialogOpen("backups")) return;
  const list = h("ul", { class: "backup-list", role: "listbox", "aria-label": "Backups" });
  const error = h("p", { class: "form-error", role: "alert" });
  const restoreBtn = h("button", { type: "button", class: "btn btn-primary backups-restore", disabled: true }, "Restore…");
  const backupBtn = h("button", { type: "button", class: "btn backups-now" }, "Back Up Now");
  let chosen: BackupInfo | null = null;
  let close = () => {};

  const render = (backups: BackupInfo[]) => {
    chosen = null;
    restoreBtn.disabled = true;
    if (backups.length === 0) {
      list.replaceChildren(h("li", { class: "backup-empty" }, "No backups yet. Sidenote makes one each day you use it, and before every update."));
      return;
    }
    list.replaceChildren(
      ...backups.map((b) => {
        const readable = b.articleCount !== null;
        const item = h(
          "li",
          { class: "backup-item", role: "option", tabindex: "0", "aria-selected": "false", "aria-disabled": String(!readable), "data-name": b.name },
          h("div", { class: "backup-when" }, h("strong", {}, backupDate(b.createdAt)), h("span", { class: "backup-reason" }, backupReason(b.reason))),
          h("div", { class: "backup-summary" }, backupSummary(b)),
        );
        const pick = () => {
          if (!readable) return;
          for (const other of Array.from(list.querySelectorAll(".backup-item"))) other.setAttribute("aria-selected", "false");
          item.setAttribute("aria-selected", "true");
          chosen = b;
          restoreBtn.disabled = false;
        };
        item.addEventListener("click", pick);
        item.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            pick();
          }
        });
        return item;
      }),
    );
  };
  const load = async () => {
    try {
      render(await api.listBackups());
    } catch (e) {
      error.textContent = describeError(toApiError(e).payload);
    }
  };

  const confirmBox = h("div", { class: "backup-confirm", hidden: true });
  restoreBtn.addEventListener("click", () => {
    if (!chosen) return;
    const b = chosen;
    const yes = h("button", { type: "button", class: "btn btn-danger backups-confirm" }, "Replace my library");
    const no = h("button", { type: "button", class: "btn", onclick: () => (confirmBox.hidden = true) }, "Keep my library");
    const restore = async () => {
      yes.disabled = true;
      error.textContent = "";
      try {
        const report = await api.restoreBackup(b.name);
        close();
        afterRestore(`Restored the backup from ${backupDate(report.restored.createdAt)}. Your previous library was kept as a backup.`);
      } catch (e) {
        yes.disabled = false;
        error.textContent = `The backup was not restored: ${describeError(toApiError(e).payload)}`;
      }
    };
    yes.addEventListener("click", () => void restore());
    confirmBox.replaceChildren(
      h("p", {}, `Replace your library with the backup from ${backupDate(b.createdAt)} (${backupSummary(b)})? Your current library is saved as a backup first, so this can be undone by restoring that one.`),
      h("div", { class: "backup-confirm-actions" }, no, yes),
    );
    confirmBox.hidden = false;
    yes.focus();
  });
  const backUpNow = async () => {
    backupBtn.disabled = true;
    try {
      const made = await api.backupNow();
      toast(`Backed up (${backupSummary(made)})`, "success", 3000);
      await load();
    } catch (e) {
      error.textContent = `The backup failed: ${describeError(toApiError(e).payload)}`;
    } finally {
      backupBtn.disabled = false;
    }
  };
  backupBtn.addEventListener("click", () => void backUpNow());

  const dialog = openDialog({
    name: "backups",
    title: "Restore from backup",
    wide: true,
    body: [
      h("p", { class: "dialog-lead" }, "Sidenote keeps the last ten backups of your library: one for each day you use it, one before each update, and any you make."),
      list,
      confirmBox,
      error,
    ],
    footer: (closeDialog) => [backupBtn, h("span", { class: "spacer" }), cancelButton(closeDialog), restoreBtn],
  });
  if (dialog) close = dialog.close;
  void load();
}
