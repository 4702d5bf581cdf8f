import { describe, expect, it } from "vitest";
import { formatCount, formatPartialDate, formatPartialDateShort, formatRelative, hostOf, readingMinutes } from "./format";

describe("formatPartialDate", () => {
  it("keeps the precision it was given", () => {
    expect(formatPartialDate("1989")).toBe("1989");
    expect(formatPartialDate("2001-06")).toBe("June 2001");
    expect(formatPartialDate("2001-09-11")).toBe("11 September 2001");
    expect(formatPartialDateShort("2001-09-11")).toBe("11 Sep 2001");
  });
  it("passes through what it cannot parse and blanks nothing", () => {
    expect(formatPartialDate(null)).toBe("");
    expect(formatPartialDate("sometime")).toBe("sometime");
    expect(formatPartialDate("2001-13")).toBe("2001-13");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it("uses words for recent times and a date for old ones", () => {
    expect(formatRelative("2026-03-10T11:59:50Z", now)).toBe("just now");
    expect(formatRelative("2026-03-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2026-03-10T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatRelative("2026-03-09T10:00:00Z", now)).toBe("yesterday");
    expect(formatRelative("2026-02-01T10:00:00Z", now)).toBe("1 Feb 2026");
  });
});

describe("counts", () => {
  it("pluralises and groups digits", () => {
    expect(formatCount(1, "word")).toBe("1 word");
    expect(formatCount(12345, "word")).toBe("12,345 words");
    expect(formatCount(2, "highlight")).toBe("2 highlights");
  });
  it("reading time never drops to zero", () => {
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(2300)).toBe(10);
  });
  it("reads Chinese and Japanese characters faster than English words", () => {
    // A 3,000-character Japanese essay: six minutes, not thirteen.
    expect(readingMinutes(3000, "ja")).toBe(6);
    expect(readingMinutes(3000, "ja-JP")).toBe(6);
    expect(readingMinutes(3000, "zh-Hant")).toBe(10);
    expect(readingMinutes(3000, "ko")).toBe(13);
    expect(readingMinutes(3000, "en")).toBe(13);
    expect(readingMinutes(3000, null)).toBe(13);
  });
  it("host names lose www and reject junk", () => {
    expect(hostOf("https://www.example.org/a/b")).toBe("example.org");
    expect(hostOf("not a url")).toBeNull();
    expect(hostOf(null)).toBeNull();
  });
});
