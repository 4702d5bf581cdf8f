// The screen shown instead of the library when the library file could not be
// opened: what happened, where the file is, and the ways out. Nothing is
// renamed or restored unless the person picks it here.
import { api, type BackupInfo, type ErrorPayload, type LibraryStatus } from "../api";
import { h } from "../dom";
import { icon } from "../icons";
import { backupDate, backupReason, backupSummary, describeOpenFailure } from "../lib/backups";
import { describeError, toApiError } from "../lib/errors";

export interface RecoveryActions {
  /** The library was restored or replaced: start the app again on it. */
  reload(message: string): void;
}

export function recoveryScreen(status: LibraryStatus, fallback: ErrorPayload, actions: RecoveryActions): HTMLElement {
  const error = status.error ?? fallback;
  const failure = describeOpenFailure(error, status.backups);
  const newest: BackupInfo | undefined = status.backups.find((b) => b.articleCount !== null);
  const problem = h("p", { class: "form-error recovery-problem", role: "alert" });
  const buttons: HTMLButtonElement[] = [];
  const busy = async (label: string, run: () => Promise<string>) => {
    problem.textContent = "";
    for (const b of buttons) b.disabled = true;
    document.documentElement.dataset.busy = "true";
    try {
      actions.reload(await run());
    } catch (e) {
      problem.textContent = `${label} failed: ${describeError(toApiError(e).payload)}`;
      for (const b of buttons) b.disabled = false;
    } finally {
      delete document.documentElement.dataset.busy;
    }
  };

  const choices = h("div", { class: "recovery-choices" });
  if (failure.canRestore && newest) {
    const restore = h("button", { class: "btn btn-primary recovery-restore", type: "button" }, icon("import"), "Restore newest backup");
    restore.addEventListener("click", () =>
      void busy("Restoring", async () => {
        const report = await api.restoreBackup(newest.name);
        return `Restored the backup from ${backupDate(report.restored.createdAt)}.`;
      }),
    );
    buttons.push(restore);
    choices.append(
      h(
        "div",
        { class: "recovery-choice" },
        h("div", {}, h("h3", {}, "Restore the newest backup"), h("p", {}, `${backupDate(newest.createdAt)} · ${backupReason(newest.reason)} · ${backupSummary(newest)}. The damaged file is kept beside the restored library.`)),
        restore,
      ),
    );
  }
  if (failure.canStartFresh) {
    const fresh = h("button", { class: "btn recovery-fresh", type: "button" }, "Start a fresh library");
    fresh.addEventListener("click", () =>
      void busy("Starting afresh", async () => {
        const aside = await api.startFreshLibrary();
        return aside ? `Started a fresh library. The old file is kept as ${aside}.` : "Started a fresh library.";
      }),
    );
    buttons.push(fresh);
    choices.append(
      h(
        "div",
        { class: "recovery-choice" },
        h("div", {}, h("h3", {}, "Start a fresh library"), h("p", {}, "The current file is renamed to library.sqlite3.corrupt-… in the same folder, not deleted, and an empty library takes its place.")),
        fresh,
      ),
    );
  }
  const retry = h("button", { class: "btn btn-ghost recovery-retry", type: "button", onclick: () => actions.reload("") }, "Try again");
  buttons.push(retry);

  return h(
    "section",
    { class: "recovery", "data-kind": error.kind, "aria-labelledby": "recovery-title" },
    h(
      "div",
      { class: "recovery-card" },
      h("div", { class: "recovery-icon" }, icon("alert")),
      h("h2", { id: "recovery-title" }, failure.title),
      h("p", { class: "recovery-explanation" }, failure.explanation),
      h(
        "dl",
        { class: "recovery-facts" },
        status.file ? h("dt", {}, "Library file") : null,
        status.file ? h("dd", {}, h("code", { class: "recovery-path" }, status.file)) : null,
        h("dt", {}, "What went wrong"),
        h("dd", { class: "recovery-error" }, error.message),
        h("dt", {}, "Backups"),
        h("dd", {}, status.backups.length ? `${status.backups.length} in ${status.folder ?? ""}/backups` : "None yet"),
      ),
      choices.childElementCount ? choices : null,
      problem,
      h("div", { class: "recovery-footer" }, retry),
    ),
  );
}
