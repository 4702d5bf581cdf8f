// One modal dialog shell for every panel (help, details, Open URL, event,
// export, backups…): backdrop, header with a close button, Escape to close,
// focus kept inside while open and given back to where it was afterwards.
import { h, type Child } from "./dom";
import { icon } from "./icons";

export interface DialogOptions {
  /** Names the dialog (`data-dialog`); a second open of the same name is refused. */
  name: string;
  title: string;
  body: Child[];
  /** Footer buttons, given the dialog's close; `cancelButton(close)` makes the usual Cancel. */
  footer?: (close: () => void) => Child[];
  /** Wraps the dialog in a `<form>`: Enter in a field submits. */
  onSubmit?: (close: () => void) => void;
  wide?: boolean;
  /** Clicking outside the dialog closes it (for panels with nothing to lose). */
  closeOnBackdrop?: boolean;
  /** Receives focus on open; the close button otherwise. */
  focus?: HTMLElement;
  onClose?: () => void;
}

export interface Dialog {
  readonly backdrop: HTMLElement;
  readonly panel: HTMLElement;
  readonly close: () => void;
}

export function isDialogOpen(name?: string): boolean {
  return document.querySelector(name ? `.dialog-backdrop[data-dialog="${name}"]` : ".dialog-backdrop") !== null;
}

/** Opens a modal dialog, or returns null when one of that name is already open. */
export function openDialog(options: DialogOptions): Dialog | null {
  if (isDialogOpen(options.name)) return null;
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const headingId = `${options.name}-heading`;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    backdrop.remove();
    options.onClose?.();
    if (previous?.isConnected) previous.focus();
  };
  const closeBtn = h("button", { type: "button", class: "icon-btn dialog-close", "aria-label": "Close", onclick: close }, icon("close"));
  // Plain divs for header and footer: a <header> outside sectioning content
  // would be a second "banner" landmark for screen readers.
  const content: Child[] = [...options.body, options.footer ? h("div", { class: "dialog-footer" }, ...options.footer(close)) : null];
  let form: HTMLFormElement | null = null;
  if (options.onSubmit) {
    const submit = options.onSubmit;
    form = h("form", { class: "dialog-form" }, ...content);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      submit(close);
    });
  }
  const panel = h(
    "div",
    { class: options.wide ? "dialog dialog-wide" : "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": headingId },
    h("div", { class: "dialog-header" }, h("h2", { id: headingId }, options.title), closeBtn),
    ...(form ? [form] : content),
  );
  const backdrop = h("div", { class: "dialog-backdrop", "data-dialog": options.name }, panel);
  if (options.closeOnBackdrop) backdrop.addEventListener("click", (e) => e.target === backdrop && close());
  backdrop.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
    } else if (e.key === "Tab") {
      trapTab(panel, e);
    }
  });
  document.body.appendChild(backdrop);
  (options.focus ?? closeBtn).focus();
  return { backdrop, panel, close };
}

/** The usual Cancel button of a dialog's footer. */
export function cancelButton(close: () => void, label = "Cancel"): HTMLButtonElement {
  return h("button", { type: "button", class: "btn", onclick: close }, label);
}

const FOCUSABLE = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** Keeps Tab and Shift+Tab cycling inside the dialog. */
function trapTab(panel: HTMLElement, e: KeyboardEvent): void {
  const items = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
