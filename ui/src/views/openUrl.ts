// File → Open URL…: an address box; the page is fetched and its article imported.
import { cancelButton, openDialog } from "../dialog";
import { h } from "../dom";

export function openUrlDialog(submit: (url: string) => Promise<string | null>): void {
  const input = h("input", { type: "text", id: "url-input", placeholder: "https://…", spellcheck: "false", autocomplete: "off" });
  const error = h("p", { class: "form-error", role: "alert" });
  const go = h("button", { type: "submit", class: "btn btn-primary" }, "Import");
  openDialog({
    name: "url",
    title: "Open URL",
    focus: input,
    body: [h("label", { class: "field" }, h("span", {}, "Address of an article on the web"), input), error],
    footer: (close) => [cancelButton(close), go],
    onSubmit: (close) => {
      if (!input.value.trim() || go.disabled) return;
      go.disabled = true;
      go.textContent = "Fetching…";
      error.textContent = "";
      void submit(input.value.trim()).then((message) => {
        go.disabled = false;
        go.textContent = "Import";
        if (message) error.textContent = message;
        else close();
      });
    },
  });
}
