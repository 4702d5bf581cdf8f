/**
 * The toolbar popup: opened by the button, the shortcut or a context-menu
 * item. It saves the page at once, or, when a passage is selected, first
 * offers a note for the highlight; then it shows how the save went.
 * Everything from the page is written as text (textContent), never as HTML.
 */
import type { Prepared } from "./background";
import { INSTALL_URL } from "./config";
import { ext } from "./ext";
import type { Outcome } from "./outcome";
import type { PopupTimes, Request } from "./protocol";

const view = document.getElementById("view") as HTMLElement;

/** When this popup began loading and when its script ran, for the save's timings. */
const popupTimes: PopupTimes = { opened_at: performance.timeOrigin, script_at: Date.now() };

type Child = Node | string | null | false | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(c);
  return node;
}

function button(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const b = el("button", { type: "button", ...(primary ? { class: "primary" } : {}) }, label);
  b.addEventListener("click", onClick);
  return b;
}

function show(state: string, ...children: Child[]): void {
  document.body.dataset.state = state;
  view.dataset.state = state;
  view.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

function call<T>(request: Request): Promise<T> {
  return ext.runtime.sendMessage(request) as Promise<T>;
}

async function start(): Promise<void> {
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) {
    render({ state: "error", kind: null, retry: false, message: "There is no tab to save." });
    return;
  }
  const tabId = tab.id;
  // The page is saved at once unless a selection needs its note first.
  show("saving", el("h1", {}, "Saving to Sidenote…"), el("p", { class: "title" }, tab.title ?? ""));
  const prepared = await call<Prepared>({ kind: "prepare", tabId, popup: popupTimes });
  if (prepared.outcome) render(prepared.outcome, () => void start());
  else askForNote(tabId, prepared);
}

/** A passage is selected: show it, take an optional note, save it as a highlight (or the page alone). */
function askForNote(tabId: number, prepared: Prepared): void {
  const quote = prepared.selection ?? "";
  const note = el("textarea", { id: "note", rows: "3", placeholder: "What struck you? (Enter saves, Shift+Enter starts a new line)" });
  const submit = (): void => void save(tabId, true, note.value, prepared.title);
  note.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  show(
    "note",
    el("h1", {}, "Save a highlight"),
    el("blockquote", {}, quote.length > 600 ? `${quote.slice(0, 600)}…` : quote),
    el("label", { for: "note" }, "Note (optional)"),
    note,
    el(
      "div",
      { class: "actions" },
      button("Save highlight", submit, true),
      prepared.intent === "auto" && button("Save page only", () => void save(tabId, false, "", prepared.title)),
    ),
  );
  note.focus();
}

async function save(tabId: number, withSelection: boolean, note: string, title: string): Promise<void> {
  show("saving", el("h1", {}, "Saving to Sidenote…"), el("p", { class: "title" }, title));
  const outcome = await call<Outcome>({ kind: "save", tabId, withSelection, note, popup: popupTimes });
  render(outcome, () => void save(tabId, withSelection, note, title));
}

function render(outcome: Outcome, retry?: () => void): void {
  switch (outcome.state) {
    case "saved":
    case "duplicate": {
      const openButton = button("Open in Sidenote", () => void openInApp(outcome.articleId, openButton), true);
      const highlightLine =
        outcome.highlight === "saved"
          ? el("p", { class: "muted" }, outcome.state === "duplicate" ? "Your highlight was added to it." : "Your highlight was saved with it.")
          : null;
      show(
        outcome.state,
        el("h1", {}, outcome.state === "saved" ? "Saved to Sidenote" : "Already in your library"),
        el("p", { class: "title" }, outcome.title),
        highlightLine,
        outcome.detail && el("p", { class: "warn" }, outcome.detail),
        outcome.shownInApp && el("p", { class: "muted" }, "It is showing in Sidenote."),
        el("div", { class: "actions" }, openButton),
      );
      document.body.dataset.articleId = outcome.articleId;
      openButton.focus();
      return;
    }
    case "not-installed": {
      const link = el("a", { href: INSTALL_URL }, "How to install Sidenote");
      link.addEventListener("click", (e) => {
        e.preventDefault();
        void ext.tabs.create({ url: INSTALL_URL }).then(() => window.close());
      });
      show(
        "not-installed",
        el("h1", {}, "Sidenote is not installed"),
        el("p", {}, "This extension saves pages into the Sidenote app on this computer, and could not find it."),
        el("p", {}, link),
        el("p", { class: "muted" }, "Built Sidenote from source? Run “sidenote browser-setup” once, then try again."),
        retry && el("div", { class: "actions" }, button("Try again", retry)),
      );
      return;
    }
    case "unsupported":
      show("unsupported", el("h1", {}, "This page cannot be saved"), el("p", {}, outcome.message));
      return;
    case "error":
      show(
        "error",
        el("h1", {}, "Not saved"),
        el("p", {}, outcome.message),
        outcome.retry && retry && el("div", { class: "actions" }, button("Try again", retry, true)),
      );
      return;
  }
}

async function openInApp(articleId: string, source: HTMLButtonElement): Promise<void> {
  source.disabled = true;
  source.textContent = "Opening…";
  const failed = await call<Outcome | null>({ kind: "open", articleId });
  if (!failed) {
    window.close();
    return;
  }
  render(failed);
}

void start().catch((e: unknown) => render({ state: "error", kind: null, retry: true, message: `Something went wrong: ${String(e)}` }, () => void start()));
