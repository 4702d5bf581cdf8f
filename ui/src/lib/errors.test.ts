import { describe, expect, it, vi } from "vitest";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import { ApiError, describeError, errorAction, isErrorPayload, toApiError } from "./errors";

const tooLarge: ErrorPayload = {
  kind: "TooLarge",
  message: "/home/r/big.html is too large (78643200 bytes); the limit is 52428800 bytes",
  data: { what: "/home/r/big.html", size: 78643200, limit: 52428800 },
};
const exists: ErrorPayload = {
  kind: "AlreadyExists",
  message: "“Harbour notes” is already in the library",
  data: { what: "article", id: "a-1", title: "Harbour notes" },
};

describe("ApiError", () => {
  it("is an Error carrying the payload, named by its kind", () => {
    const e = new ApiError(tooLarge);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe(tooLarge.message);
    expect(e.kind).toBe("TooLarge");
    expect(e.name).toBe("ApiError");
  });

  it("narrows data by kind", () => {
    // Compiles only because `kind` discriminates the union: `data` is SizeLimit here.
    const size = (p: ErrorPayload) => (p.kind === "TooLarge" ? p.data.size : null);
    expect(size(tooLarge)).toBe(78643200);
    expect(size({ kind: "Busy", message: "m" })).toBeNull();
  });
});

describe("isErrorPayload and toApiError", () => {
  it("accept what the app sends and nothing else", () => {
    expect(isErrorPayload(tooLarge)).toBe(true);
    expect(isErrorPayload({ kind: "Busy", message: "locked" })).toBe(true);
    expect(isErrorPayload({ kind: "TooLarge", message: "no data" })).toBe(false);
    expect(isErrorPayload({ kind: "Exploded", message: "unknown kind" })).toBe(false);
    expect(isErrorPayload({ kind: "Busy" })).toBe(false);
    expect(isErrorPayload({ kind: "toString", message: "inherited names are no kinds" })).toBe(false);
    expect(isErrorPayload("Busy")).toBe(false);
    expect(isErrorPayload(null)).toBe(false);
  });

  it("wrap anything thrown, keeping payloads and ApiErrors as they are", () => {
    const e = new ApiError(exists);
    expect(toApiError(e)).toBe(e);
    expect(toApiError(exists).payload).toEqual(exists);
    const bug = new TypeError("x is undefined");
    const wrapped = toApiError(bug);
    expect(wrapped.payload).toEqual({ kind: "Invalid", message: "x is undefined" });
    expect(wrapped.cause).toBe(bug);
    expect(toApiError("command list_things not found").payload).toEqual({ kind: "Invalid", message: "command list_things not found" });
  });
});

describe("describeError", () => {
  it("puts sizes in words for a file too large", () => {
    expect(describeError(tooLarge)).toBe("big.html is too large to import (75.0 MB; the limit is 50.0 MB).");
  });

  it("names the candidates of an ambiguous match, five at most", () => {
    const candidates = ["One", "Two", "Three", "Four", "Five", "Six"].map((label, i) => ({ id: `a${i}`, label }));
    const text = describeError({ kind: "Ambiguous", message: "article id prefix \"a\" is ambiguous", data: { what: "article", given: "a", candidates } });
    expect(text).toBe('article id prefix "a" is ambiguous. It matches “One”, “Two”, “Three”, “Four”, “Five”, …');
  });

  it("says which format versions a newer notes file has", () => {
    const text = describeError({ kind: "NewerFormat", message: "notes.json was written by a newer Sidenote", data: { found: 3, supported: 2 } });
    expect(text).toContain("This is format 3; this version of Sidenote reads up to format 2");
  });

  it("shows other kinds' messages as they are", () => {
    expect(describeError({ kind: "DiskFull", message: "the disk is full" })).toBe("the disk is full");
  });
});

describe("errorAction", () => {
  it("offers the article that already exists", () => {
    const openArticle = vi.fn();
    const action = errorAction(exists, { openArticle });
    expect(action?.label).toBe("Open it");
    action?.run();
    expect(openArticle).toHaveBeenCalledWith("a-1");
    expect(errorAction(exists, {})).toBeNull();
    expect(errorAction({ ...exists, data: { what: "highlight", id: "h", title: null } }, { openArticle })).toBeNull();
  });

  it("offers the first highlight standing in the way", () => {
    const showHighlight = vi.fn();
    const conflict = (ids: string[]): ErrorPayload => ({ kind: "Conflict", message: "m", data: { what: "highlight", ids } });
    errorAction(conflict(["h1", "h2"]), { showHighlight })?.run();
    expect(showHighlight).toHaveBeenCalledWith("h1");
    expect(errorAction(conflict(["h1"]), { showHighlight })?.label).toBe("Show the highlight");
    expect(errorAction(conflict([]), { showHighlight })).toBeNull();
    expect(errorAction(tooLarge, { showHighlight, openArticle: vi.fn() })).toBeNull();
  });
});
