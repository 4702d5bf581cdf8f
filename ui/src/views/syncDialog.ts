// File → Sync… and the header's sync indicator (docs/sync.md): choose the
// sync folder, name this device, see the devices seen in the folder and the
// last round's result, "Sync now", turn sync off. The app syncs by itself
// (src-tauri/src/app/sync_commands.rs) and sends its state as `sync-state`
// events; `syncState` holds the latest one for the indicator and the dialog.
import { open } from "@tauri-apps/plugin-dialog";
import { api, type DeviceStatus, type SyncOverview } from "../api";
import { cancelButton, isDialogOpen, openDialog } from "../dialog";
import { h } from "../dom";
import { icon } from "../icons";
import { describeError, toApiError } from "../lib/errors";
import { formatRelative } from "../lib/format";
import { describeRound, phaseDetail, phaseLabel } from "../lib/syncText";

type Listener = (o: SyncOverview) => void;

/** The latest overview, and who wants to know when it changes. */
export class SyncState {
  current: SyncOverview | null = null;
  private readonly listeners = new Set<Listener>();

  set(o: SyncOverview): void {
    this.current = o;
    for (const l of this.listeners) l(o);
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    if (this.current) l(this.current);
    return () => this.listeners.delete(l);
  }
}

export const syncState = new SyncState();

/** The header's quiet indicator: an icon and a word; opens the dialog. */
export function syncIndicator(state: SyncState = syncState): HTMLButtonElement {
  const label = h("span", { class: "sync-label" });
  const button = h("button", { type: "button", class: "sync-indicator", "data-phase": "off", onclick: () => openSyncDialog(state) }, icon("sync"), label);
  state.subscribe((o) => {
    button.dataset.phase = o.phase;
    label.textContent = phaseLabel(o.phase);
    const detail = phaseDetail(o);
    button.title = detail;
    button.setAttribute("aria-label", `${phaseLabel(o.phase)}. ${detail}`);
  });
  return button;
}

function deviceItem(d: DeviceStatus, now: Date): HTMLElement {
  const changed = d.lastChangeAt ? `last change ${formatRelative(d.lastChangeAt, now)}` : "no changes yet";
  const read = d.readAt ? `; read here ${formatRelative(d.readAt, now)}` : "";
  return h("li", { class: "sync-device", "data-device": d.device }, h("strong", {}, d.name || "Unnamed device"), h("span", { class: "sync-device-when" }, `${changed}${read}`));
}

export function openSyncDialog(state: SyncState = syncState): void {
  if (isDialogOpen("sync")) return;
  const folder = h("span", { class: "sync-folder-path" });
  const chooseBtn = h("button", { type: "button", class: "btn btn-small sync-choose" }, "Choose folder…");
  const nameInput = h("input", { type: "text", id: "sync-device-name", class: "sync-name", maxlength: "100", autocomplete: "off", placeholder: "This computer's name" });
  const devices = h("ul", { class: "sync-devices", "aria-label": "Other devices" });
  const result = h("p", { class: "sync-result", role: "status", "aria-live": "polite" });
  const error = h("p", { class: "form-error sync-error", role: "alert" });
  const offBtn = h("button", { type: "button", class: "btn sync-off" }, "Turn Sync Off");
  const nowBtn = h("button", { type: "button", class: "btn btn-primary sync-now" }, "Sync Now");
  let nameSaved = "";
  let unsubscribe = () => {};

  const render = (o: SyncOverview) => {
    const on = o.status.syncing;
    folder.textContent = o.status.folder ?? "No folder chosen";
    folder.title = o.status.folder ?? "";
    chooseBtn.textContent = on ? "Change folder…" : "Choose folder…";
    if (document.activeElement !== nameInput) {
      nameSaved = o.status.name ?? "";
      nameInput.value = nameSaved;
    }
    const now = new Date();
    devices.replaceChildren(
      ...(o.status.devices.length
        ? o.status.devices.map((d) => deviceItem(d, now))
        : [h("li", { class: "sync-device-none" }, on ? "No other device has written to this folder yet." : "Devices appear here once this library syncs.")]),
    );
    result.textContent = o.last ? describeRound(o.last, now) : on ? phaseDetail(o, now) : "Sync is off. Choose a folder that a file-sync tool (Syncthing, Nextcloud, Dropbox, a network share) keeps on each of your computers.";
    result.dataset.phase = o.phase;
    offBtn.hidden = !on;
    nowBtn.disabled = !on || o.phase === "syncing";
  };
  const run = async (action: () => Promise<SyncOverview>) => {
    error.textContent = "";
    try {
      state.set(await action());
    } catch (e) {
      error.textContent = describeError(toApiError(e).payload);
    }
  };
  chooseBtn.addEventListener("click", () => {
    void (async () => {
      const picked = await open({ directory: true, title: "Choose the sync folder" });
      if (typeof picked !== "string") return;
      const name = nameInput.value.trim() || null;
      result.textContent = "Syncing…";
      await run(() => api.chooseSyncFolder(picked, name));
    })();
  });
  const rename = () => {
    const name = nameInput.value.trim();
    if (!state.current?.status.syncing || !name || name === nameSaved) return;
    void run(() => api.renameSyncDevice(name)).then(() => (nameSaved = name));
  };
  nameInput.addEventListener("change", rename);
  nameInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      rename();
    }
  });
  nowBtn.addEventListener("click", () => {
    nowBtn.disabled = true;
    result.textContent = "Syncing…";
    void run(() => api.syncNow());
  });
  offBtn.addEventListener("click", () => void run(() => api.stopSync()));

  const dialog = openDialog({
    name: "sync",
    title: "Sync",
    wide: true,
    body: [
      h("p", { class: "dialog-lead" }, "Keep this library the same on your computers. Sidenote writes its changes into a folder that your file-sync tool copies between them, and reads the other computers' changes from it; edits made on two computers at once are merged."),
      h("div", { class: "sync-row" }, h("span", { class: "sync-row-label" }, "Sync folder"), folder, chooseBtn),
      h("div", { class: "sync-row" }, h("label", { class: "sync-row-label", for: "sync-device-name" }, "This device"), nameInput),
      h("h3", { class: "sync-heading" }, "Other devices"),
      devices,
      result,
      error,
    ],
    footer: (close) => [offBtn, h("span", { class: "spacer" }), cancelButton(close, "Close"), nowBtn],
    onClose: () => unsubscribe(),
  });
  if (!dialog) return;
  const stop = state.subscribe(render);
  unsubscribe = () => void stop();
  void api.syncOverview().then((o) => state.set(o), (e: unknown) => (error.textContent = describeError(toApiError(e).payload)));
}
