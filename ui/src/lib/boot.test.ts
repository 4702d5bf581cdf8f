import { describe, expect, it } from "vitest";
import { answers, takeBoot, type Boot } from "./boot";

function boot(overrides: Partial<Boot> = {}): Boot {
  return {
    settings: { theme: "sepia" },
    pendingOpens: [],
    pendingLink: null,
    pendingLinkError: null,
    firstPage: { query: { search: "", sort: "imported", descending: true, limit: 201 }, rows: [], total: 0 },
    ...overrides,
  };
}

function windowWith(value: unknown): Window {
  return { __SIDENOTE_BOOT__: value } as unknown as Window;
}

describe("takeBoot", () => {
  it("gives the shell's answers once", () => {
    const win = windowWith(boot());
    expect(takeBoot(win)?.settings).toEqual({ theme: "sepia" });
    expect(takeBoot(win)).toBeNull();
    expect("__SIDENOTE_BOOT__" in win).toBe(false);
  });

  it("is null when the shell gave nothing", () => {
    expect(takeBoot({} as Window)).toBeNull();
  });

  it("ignores what is not the shell's shape, so the app asks over IPC", () => {
    for (const bad of [null, 7, "x", {}, { settings: {}, pendingOpens: "no" }, { settings: null, pendingOpens: [] }, { ...boot(), firstPage: { rows: [] } }]) {
      expect(takeBoot(windowWith(bad))).toBeNull();
    }
    expect(takeBoot(windowWith(boot({ firstPage: null })))?.firstPage).toBeNull();
  });
});

describe("answers", () => {
  const page = boot().firstPage!;
  const launch = { search: "", sort: "imported" as const, descending: true };

  it("matches the library view's launch query", () => {
    expect(answers(page, launch, 201)).toBe(true);
  });

  it("refuses any other query or page size", () => {
    expect(answers(page, { ...launch, search: "war" }, 201)).toBe(false);
    expect(answers(page, { ...launch, sort: "title" }, 201)).toBe(false);
    expect(answers(page, { ...launch, descending: false }, 201)).toBe(false);
    expect(answers(page, launch, 401)).toBe(false);
    expect(answers({ ...page, query: { ...page.query, offset: 200 } }, launch, 201)).toBe(false);
  });
});
