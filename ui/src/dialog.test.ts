// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cancelButton, isDialogOpen, openDialog } from "./dialog";
import { h } from "./dom";

afterEach(() => {
  document.body.innerHTML = "";
});

function key(target: Element, k: string, shiftKey = false): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key: k, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(e);
  return e;
}

describe("openDialog", () => {
  it("shows a labelled modal and refuses a second one of the same name", () => {
    const first = openDialog({ name: "demo", title: "A demo", body: [h("p", {}, "Body text")] });
    expect(first).not.toBeNull();
    const panel = document.querySelector('[role="dialog"]')!;
    expect(panel.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(panel.getAttribute("aria-labelledby")!)!.textContent).toBe("A demo");
    expect(openDialog({ name: "demo", title: "Again", body: [] })).toBeNull();
    expect(document.querySelectorAll(".dialog-backdrop")).toHaveLength(1);
    expect(openDialog({ name: "other", title: "Other", body: [] })).not.toBeNull();
    expect(document.querySelectorAll(".dialog-backdrop")).toHaveLength(2);
  });

  it("closes on Escape, calls onClose once and gives focus back", () => {
    const opener = h("button", {}, "Open");
    document.body.appendChild(opener);
    opener.focus();
    const onClose = vi.fn();
    const input = h("input", { type: "text" });
    openDialog({ name: "demo", title: "Demo", body: [input], focus: input, onClose });
    expect(document.activeElement).toBe(input);
    const e = key(input, "Escape");
    expect(e.defaultPrevented).toBe(false);
    expect(isDialogOpen("demo")).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it("submits its form through onSubmit, which may close it", () => {
    const seen: string[] = [];
    const input = h("input", { type: "text", value: "hello" });
    openDialog({
      name: "form",
      title: "Form",
      body: [input],
      footer: (close) => [cancelButton(close), h("button", { type: "submit" }, "Save")],
      onSubmit: (close) => {
        seen.push(input.value);
        close();
      },
    });
    const form = document.querySelector(".dialog form") as HTMLFormElement;
    form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    expect(seen).toEqual(["hello"]);
    expect(isDialogOpen()).toBe(false);
  });

  it("Cancel closes; a backdrop click closes only when asked to", () => {
    openDialog({ name: "a", title: "A", body: [], footer: (close) => [cancelButton(close)] });
    (document.querySelector(".dialog-footer .btn") as HTMLButtonElement).click();
    expect(isDialogOpen("a")).toBe(false);

    openDialog({ name: "b", title: "B", body: [] });
    (document.querySelector(".dialog-backdrop") as HTMLElement).click();
    expect(isDialogOpen("b")).toBe(true);
    document.body.innerHTML = "";

    openDialog({ name: "c", title: "C", body: [h("p", {}, "inside")], closeOnBackdrop: true });
    (document.querySelector(".dialog p") as HTMLElement).click();
    expect(isDialogOpen("c")).toBe(true);
    (document.querySelector(".dialog-backdrop") as HTMLElement).click();
    expect(isDialogOpen("c")).toBe(false);
  });

  it("keeps Tab inside the dialog", () => {
    const first = h("input", { type: "text" });
    const last = h("button", { type: "button" }, "Last");
    openDialog({ name: "tab", title: "Tab", body: [first, last] });
    const close = document.querySelector(".dialog-close") as HTMLElement;
    last.focus();
    expect(key(last, "Tab").defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);
    expect(key(close, "Tab", true).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(last);
    first.focus();
    expect(key(first, "Tab").defaultPrevented).toBe(false);
  });
});
