// File → Open URL…: an address box; the page is fetched and its article imported.
import { h } from "../dom";
import { icon } from "../icons";

export function openUrlDialog(submit: (url: string) => Promise<string | null>): void {
  if (document.querySelector(".dialog-backdrop[data-dialog=url]")) return;
  const input = h("input", { type: "text", id: "url-input", placeholder: "https://…", spellcheck: "false", autocomplete: "off" });
  const error = h("p", { class: "form-error", role: "alert" });
  const go = h("button", { type: "submit", class: "btn btn-primary" }, "Import");
  const close = () => backdrop.remove();
  const form = h(
    "form",
    { class: "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "url-heading" },
    h("header", { class: "dialog-header" }, h("h2", { id: "url-heading" }, "Open URL"), h("button", { type: "button", class: "icon-btn", "aria-label": "Close", onclick: close }, icon("close"))),
    h("label", { class: "field" }, h("span", {}, "Address of an article on the web"), input),
    error,
    h("footer", { class: "dialog-footer" }, h("button", { type: "button", class: "btn", onclick: close }, "Cancel"), go),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    go.setAttribute("disabled", "");
    go.textContent = "Fetching…";
    error.textContent = "";
    void submit(input.value.trim()).then((message) => {
      go.removeAttribute("disabled");
      go.textContent = "Import";
      if (message) error.textContent = message;
      else close();
    });
  });
  const backdrop = h("div", { class: "dialog-backdrop", "data-dialog": "url" }, form);
  backdrop.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
    }
  });
  document.body.appendChild(backdrop);
  input.focus();
}
