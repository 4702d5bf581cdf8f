// "Keep an Obsidian vault in sync" (in the Export dialog): a folder chooser
// and a switch. The app re-exports into the folder after each change
// (src-tauri/src/app/vault_sync.rs); notes the user wrote around Sidenote's
// section are kept.
import { open } from "@tauri-apps/plugin-dialog";
import { api, type VaultReport } from "../api";
import { h } from "../dom";
import { describeError, toApiError } from "../lib/errors";

/** The setting holding the folder (src-tauri/src/app/vault_sync.rs). */
const VAULT_SETTING = "obsidianVault";

/** One line on what an export into the vault did. */
export function describeVaultReport(r: VaultReport): string {
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;
  const parts: string[] = [];
  if (r.written.length) parts.push(`${n(r.written.length, "note")} written`);
  if (r.renamed.length) parts.push(`${r.renamed.length} renamed`);
  if (r.unchanged.length) parts.push(`${r.unchanged.length} up to date`);
  if (r.skipped.length) parts.push(`${r.skipped.length} left alone (${r.skipped[0].file}: ${r.skipped[0].reason})`);
  return parts.length ? `${parts.join(", ")}.` : "No articles to write.";
}

/** The vault section, showing the folder kept in sync now (read from the settings), if any. */
export function vaultSection(): HTMLElement {
  let folder: string | null = null;
  const toggle = h("input", { type: "checkbox", id: "vault-sync", checked: folder !== null });
  const path = h("span", { class: "vault-path", title: folder ?? "" }, folder ?? "No folder chosen");
  const status = h("p", { class: "vault-status", role: "status" });
  const setFolder = async (chosen: string | null) => {
    status.textContent = chosen ? "Writing the vault…" : "";
    try {
      const report = await api.setObsidianVault(chosen);
      folder = report ? report.folder : null;
      status.textContent = report ? `${describeVaultReport(report)} Sidenote updates this folder after every change.` : "The vault is no longer kept in sync; its notes stay.";
      status.classList.remove("form-error");
    } catch (e) {
      folder = null;
      status.textContent = describeError(toApiError(e).payload);
      status.classList.add("form-error");
    }
    toggle.checked = folder !== null;
    path.textContent = folder ?? chosen ?? "No folder chosen";
    path.title = folder ?? "";
  };
  const choose = async () => {
    const picked = await open({ directory: true, title: "Choose the Obsidian vault folder" });
    if (typeof picked === "string") await setFolder(picked);
    else toggle.checked = folder !== null;
  };
  toggle.addEventListener("change", () => void (toggle.checked ? choose() : setFolder(null)));
  void api
    .getSettings()
    .then((s) => {
      const saved = s[VAULT_SETTING];
      if (typeof saved !== "string" || !saved) return;
      folder = saved;
      toggle.checked = true;
      path.textContent = saved;
      path.title = saved;
      status.textContent = "Sidenote updates this folder after every change.";
    })
    .catch(() => undefined);
  return h(
    "fieldset",
    { class: "vault-sync" },
    h("legend", {}, "Obsidian vault"),
    h("label", { class: "check", for: "vault-sync" }, toggle, " Keep an Obsidian vault in sync"),
    h("div", { class: "vault-folder" }, path, h("button", { type: "button", class: "btn btn-small vault-choose", onclick: () => void choose() }, "Choose folder…")),
    status,
  );
}
