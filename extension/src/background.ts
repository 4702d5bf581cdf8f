/**
 * The background (Chromium's service worker, Firefox's event page): the
 * context-menu items, and the work the popup asks for. It reads the active
 * tab only when the person asked (toolbar button, shortcut or menu item, which
 * grant `activeTab`), and talks to Sidenote only through native messaging:
 * no port is open on the machine and no page can reach the host.
 */
import { collectPage } from "./capture";
import { CONTEXT_CHARS, HOST_NAME } from "./config";
import { ext } from "./ext";
import { fromCaptureFailure, fromNativeFailure, fromOpenReply, fromReply, unsupported, type Outcome } from "./outcome";
import type { ExtensionTimings, Intent, OpenReply, PageCapture, PopupTimes, Request, SaveMessage, SaveReply } from "./protocol";

const MENU_PAGE = "save-page";
const MENU_SELECTION = "save-selection";

/** A context-menu choice waiting for the popup it opened. */
let pending: { tabId: number; intent: Intent } | null = null;

/**
 * The page as read when the popup opened, kept while a note is typed for a
 * selection: what is saved is what the person saw when they asked. (Gone if
 * the background is stopped meanwhile; the page is then read again.)
 */
const snapshots = new Map<number, Snapshot>();

interface Snapshot {
  page: PageCapture;
  captureMs: number;
}

/** The last save's outcome with both sides' timings (read by the benchmark through the devtools protocol). */
let lastSave: Outcome | null = null;

/** The popup's first answer: the outcome when the page was saved at once (or cannot be), else the selection to ask a note for. */
export interface Prepared {
  outcome: Outcome | null;
  intent: Intent;
  title: string;
  selection: string | null;
}

ext.runtime.onInstalled.addListener(() => {
  void ext.contextMenus.removeAll().then(() => {
    ext.contextMenus.create({ id: MENU_PAGE, title: "Save page to Sidenote", contexts: ["page", "frame"] });
    ext.contextMenus.create({ id: MENU_SELECTION, title: "Save selection as a highlight", contexts: ["selection"] });
  });
});

ext.contextMenus.onClicked.addListener((info, tab) => void onMenu(String(info.menuItemId), tab?.id));

export async function onMenu(itemId: string, tabId: number | undefined): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  const intent: Intent = itemId === MENU_SELECTION ? "selection" : "page";
  pending = { tabId, intent };
  try {
    // The popup shows the outcome (and, for a selection, takes a note).
    await ext.action.openPopup();
  } catch {
    // No popup possible here (no focused window): save at once and say how it went on the button.
    pending = null;
    const outcome = await save(tabId, intent === "selection", "", null);
    await showOnButton(tabId, outcome);
  }
}

async function showOnButton(tabId: number, outcome: Outcome): Promise<void> {
  const ok = outcome.state === "saved" || outcome.state === "duplicate";
  const title = ok ? `Saved to Sidenote: ${outcome.title}` : outcome.state === "not-installed" ? "Sidenote is not installed" : "message" in outcome ? outcome.message : "";
  await ext.action.setBadgeBackgroundColor({ tabId, color: ok ? "#2f7d4f" : "#b3261e" });
  await ext.action.setBadgeText({ tabId, text: ok ? "✓" : "!" });
  await ext.action.setTitle({ tabId, title });
}

ext.runtime.onMessage.addListener((request: Request, sender, sendResponse) => {
  // Only the extension's own popup talks to the background.
  if (sender.id !== ext.runtime.id || sender.tab) return false;
  void handle(request).then(sendResponse, (e: unknown) => sendResponse(fromCaptureFailure(String(e))));
  return true;
});

async function handle(request: Request): Promise<unknown> {
  switch (request.kind) {
    case "prepare":
      return prepare(request.tabId, request.popup);
    case "save":
      return save(request.tabId, request.withSelection, request.note, request.popup);
    case "open":
      return open(request.articleId);
  }
}

/**
 * The popup opened: read the page once. With a selection to save (toolbar,
 * shortcut or the selection's menu item), keep it and let the popup ask for a
 * note; otherwise save it now.
 */
async function prepare(tabId: number, popup: PopupTimes): Promise<Prepared> {
  const requestedAt = Date.now();
  const intent = pending?.tabId === tabId ? pending.intent : "auto";
  pending = null;
  snapshots.delete(tabId);
  const tab = await ext.tabs.get(tabId);
  const refused = unsupported(tab.url);
  if (refused) return { outcome: refused, intent, title: tab.title ?? "", selection: null };
  let snapshot: Snapshot;
  try {
    snapshot = await capture(tabId);
  } catch (e) {
    return { outcome: (lastSave = fromCaptureFailure(messageOf(e))), intent, title: tab.title ?? "", selection: null };
  }
  const { page } = snapshot;
  if (page.selection && intent !== "page") {
    snapshots.set(tabId, snapshot);
    return { outcome: null, intent, title: page.title, selection: page.selection.exact };
  }
  return { outcome: await send(snapshot, false, "", popup, requestedAt), intent, title: page.title, selection: null };
}

async function capture(tabId: number): Promise<Snapshot> {
  const began = performance.now();
  const [result] = await ext.scripting.executeScript({ target: { tabId }, func: collectPage, args: [true, CONTEXT_CHARS] });
  const page = result?.result as PageCapture | undefined;
  if (!page) throw new Error("the page returned nothing");
  return { page, captureMs: performance.now() - began };
}

/** Saves the page (the one read when the popup opened, if kept), with the selection when asked. */
export async function save(tabId: number, withSelection: boolean, note: string, popup: PopupTimes | null): Promise<Outcome> {
  const requestedAt = Date.now();
  let snapshot = snapshots.get(tabId);
  snapshots.delete(tabId);
  if (!snapshot) {
    try {
      snapshot = await capture(tabId);
    } catch (e) {
      return (lastSave = fromCaptureFailure(messageOf(e)));
    }
  }
  return send(snapshot, withSelection, note, popup, requestedAt);
}

async function send(snapshot: Snapshot, withSelection: boolean, note: string, popup: PopupTimes | null, requestedAt: number): Promise<Outcome> {
  const { page } = snapshot;
  const refused = unsupported(page.url);
  if (refused) return (lastSave = refused);
  const message: SaveMessage = { type: "save", url: page.url, base_url: page.baseUrl, title: page.title, html: page.html ?? "" };
  if (withSelection && page.selection) message.selection = { ...page.selection, ...(note.trim() ? { note: note.trim() } : {}) };
  const sentAt = Date.now();
  const began = performance.now();
  let outcome: Outcome;
  try {
    outcome = fromReply((await ext.runtime.sendNativeMessage(HOST_NAME, message)) as SaveReply);
  } catch (e) {
    outcome = fromNativeFailure(messageOf(e));
  }
  if (outcome.state === "saved" || outcome.state === "duplicate") {
    const extension: ExtensionTimings = {
      ...(popup ? { popup_opened_at: popup.opened_at, popup_script_at: popup.script_at } : {}),
      requested_at: requestedAt,
      capture_ms: round(snapshot.captureMs),
      native_ms: round(performance.now() - began),
      html_bytes: message.html.length,
      sent_at: sentAt,
    };
    outcome.timings = { ...outcome.timings, extension };
  }
  return (lastSave = outcome);
}

/** "Open in Sidenote": null when the app shows the article, else what went wrong. */
async function open(articleId: string): Promise<Outcome | null> {
  try {
    return fromOpenReply((await ext.runtime.sendNativeMessage(HOST_NAME, { type: "open", article_id: articleId })) as OpenReply);
  } catch (e) {
    return fromNativeFailure(messageOf(e));
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === "object" && e && "message" in e ? String((e as { message: unknown }).message) : String(e);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

// For the end-to-end tests and the benchmark, which reach the background through
// the devtools protocol: the last save's outcome and timings, and the
// context-menu handler (a test cannot click a browser menu).
Object.assign(globalThis, { sidenoteLastSave: () => lastSave, sidenoteMenuClicked: onMenu });
