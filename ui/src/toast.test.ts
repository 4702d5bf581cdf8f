// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ArticleSummary, ImportReport } from "./api";
import { ApiError } from "./lib/errors";
import { errorToast, showImportReports } from "./toast";

const toasts = () => Array.from(document.querySelectorAll<HTMLElement>(".toast"));
const button = (el: HTMLElement, label: string) => Array.from(el.querySelectorAll("button")).find((b) => b.textContent === label);

beforeEach(() => {
  document.body.replaceChildren();
});

describe("errorToast", () => {
  it("shows the error in words, after its context", () => {
    const e = errorToast(new ApiError({ kind: "TooLarge", message: "raw", data: { what: "/tmp/huge.txt", size: 3 * 1024 * 1024 * 1024, limit: 50 * 1024 * 1024 } }), "Not imported");
    expect(e.kind).toBe("TooLarge");
    const [t] = toasts();
    expect(t.classList.contains("toast-error")).toBe(true);
    expect(t.textContent).toContain("Not imported: huge.txt is too large to import (3.0 GB; the limit is 50.0 MB).");
  });

  it("offers to open an article that already exists", () => {
    const openArticle = vi.fn();
    errorToast({ kind: "AlreadyExists", message: "“Harbour notes” is already in your library", data: { what: "article", id: "a-7", title: "Harbour notes" } }, "", { openArticle });
    const [t] = toasts();
    expect(t.textContent).toContain("“Harbour notes” is already in your library");
    button(t, "Open it")?.click();
    expect(openArticle).toHaveBeenCalledWith("a-7");
    expect(toasts()).toHaveLength(0);
  });

  it("shows a plain error thrown by the UI itself", () => {
    errorToast(new TypeError("boom"));
    expect(toasts()[0].textContent).toContain("boom");
  });
});

describe("import reports", () => {
  it("a file too large says its size and the limit; the one already there is offered", () => {
    const open = vi.fn();
    const article: ArticleSummary = {
      id: "a-1",
      title: "Harbour notes",
      byline: null,
      site: null,
      sourceUrl: null,
      sourceKind: "text",
      published: null,
      importedAt: "2026-11-01T10:00:00Z",
      lang: null,
      wordCount: 120,
      highlightCount: 0,
      progress: null,
    };
    const reports: ImportReport[] = [
      { status: "failed", source: "/tmp/huge.txt", error: { kind: "TooLarge", message: "raw", data: { what: "/tmp/huge.txt", size: 80 * 1024 * 1024, limit: 50 * 1024 * 1024 } } },
    ];
    showImportReports(reports, open);
    expect(toasts()[0].textContent).toContain("huge.txt is too large to import (80.0 MB; the limit is 50.0 MB).");
    showImportReports([{ status: "duplicate", source: "notes.txt", article }], open);
    button(toasts()[1], "Open it")?.click();
    expect(open).toHaveBeenCalledWith("a-1");
  });
});
