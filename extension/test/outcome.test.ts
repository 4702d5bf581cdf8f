import { describe, expect, it } from "vitest";
import { fromCaptureFailure, fromNativeFailure, fromOpenReply, fromReply, sentence, unsupported } from "../src/outcome";

describe("outcome of a save", () => {
  it("saved, with or without a highlight", () => {
    expect(fromReply({ ok: true, article_id: "a1", title: "Harbour records", shown_in_app: true })).toMatchObject({
      state: "saved",
      articleId: "a1",
      title: "Harbour records",
      highlight: null,
      detail: null,
      shownInApp: true,
    });
    expect(fromReply({ ok: true, article_id: "a1", title: " ", highlight_id: "h1" })).toMatchObject({ title: "Untitled", highlight: "saved" });
  });

  it("already in the library, offering the article that is there", () => {
    const o = fromReply({ ok: true, article_id: "a1", duplicate_of: "a1", title: "T", highlight_id: "h", highlight_existed: true, message: "This passage was already highlighted in Sidenote." });
    expect(o).toMatchObject({ state: "duplicate", articleId: "a1", highlight: "existed", detail: "This passage was already highlighted in Sidenote." });
  });

  it("explains an orphaned or failed highlight", () => {
    expect(fromReply({ ok: true, article_id: "a", highlight_id: "h", highlight_orphaned: true, message: "Not in the text." })).toMatchObject({ highlight: "orphaned", detail: "Not in the text." });
    expect(fromReply({ ok: true, article_id: "a", highlight_error: { kind: "Busy", message: "the library is busy" } })).toMatchObject({
      highlight: "failed",
      detail: "The page was saved, but the highlight was not: the library is busy",
    });
  });

  it("puts the host's errors in words, offering a retry only when it may help", () => {
    expect(fromReply({ ok: false, error: { kind: "NoArticle", message: "http://x.test/a: no article was found on the page, only links" } })).toEqual({
      state: "error",
      kind: "NoArticle",
      retry: false,
      message: "Sidenote found no article on this page, only menus, links or too little text. Open the article itself, then try again.",
    });
    expect(fromReply({ ok: false, error: { kind: "NoArticle", message: "https://x.test/b: the page is too complex to read (300000 elements)" } })).toMatchObject({
      message: "Sidenote could not read this page: the page is too complex to read (300000 elements).",
    });
    // The page's address is left out of the host's message; the rest is kept.
    expect(fromReply({ ok: false, error: { kind: "Io", message: "https://x.test/c?q=1: disk trouble" } })).toMatchObject({ message: "Disk trouble." });
    expect(fromReply({ ok: false, error: { kind: "Busy", message: "the library is busy" } })).toMatchObject({ retry: true, message: "The library is busy." });
    expect(fromReply({ ok: false, error: { kind: "Forbidden", message: "x" } })).toMatchObject({ retry: false, message: expect.stringContaining("does not accept this copy") });
    expect(fromReply(null)).toMatchObject({ state: "error", retry: true });
  });

  it("recognises a missing host in both browsers' words", () => {
    expect(fromNativeFailure("Specified native messaging host not found.")).toEqual({ state: "not-installed" });
    expect(fromNativeFailure("No such native application app.sidenote.reader")).toEqual({ state: "not-installed" });
  });

  it("names the other ways the host can fail", () => {
    expect(fromNativeFailure("Access to the specified native messaging host is forbidden.")).toMatchObject({ kind: "Forbidden" });
    expect(fromNativeFailure("Native host has exited.")).toMatchObject({ state: "error", retry: true, message: expect.stringContaining("stopped before it answered") });
    expect(fromNativeFailure("Message exceeded maximum allowed size of 64MiB.")).toMatchObject({ kind: "TooLarge", retry: false });
    expect(fromNativeFailure("Error when communicating with the native messaging host.")).toMatchObject({
      message: "Sidenote could not be reached: Error when communicating with the native messaging host.",
    });
  });

  it("refuses the browser's own pages and says why a page could not be read", () => {
    expect(unsupported("https://example.org/a")).toBeNull();
    expect(unsupported("http://127.0.0.1:8000/")).toBeNull();
    for (const url of ["chrome://extensions/", "about:addons", "file:///home/a.html", "moz-extension://x/popup.html"]) {
      expect(unsupported(url)).toMatchObject({ state: "unsupported" });
    }
    expect(fromCaptureFailure("Cannot access contents of the page. Extension manifest must request permission to access the respective host.")).toMatchObject({ state: "unsupported" });
    expect(fromCaptureFailure("No tab with id: 7.")).toMatchObject({ state: "error", retry: false });
  });

  it("opening: nothing to show when the app took it, else why not", () => {
    expect(fromOpenReply({ ok: true, app: "shown" })).toBeNull();
    expect(fromOpenReply({ ok: false, error: { kind: "AppUnavailable", message: "Sidenote could not be opened: no display." } })).toMatchObject({ state: "error", retry: true });
  });

  it("writes messages as sentences", () => {
    expect(sentence("the library is busy")).toBe("The library is busy.");
    expect(sentence("Done!")).toBe("Done!");
    expect(sentence("  ")).toBe("");
  });
});
