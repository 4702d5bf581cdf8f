import { describe, expect, it } from "vitest";
import { formatTimex, gapLabel, timexSpan, yearHeading } from "./timexFormat";

describe("formatTimex", () => {
  it("shows each value at its real precision", () => {
    expect(formatTimex("2003")).toBe("2003");
    expect(formatTimex("2001-06")).toBe("June 2001");
    expect(formatTimex("2001-09-11")).toBe("11 September 2001");
    expect(formatTimex("200X")).toBe("the 2000s");
    expect(formatTimex("199")).toBe("the 1990s");
    expect(formatTimex("19")).toBe("the 1900s");
    expect(formatTimex("2001-SU")).toBe("Summer 2001");
    expect(formatTimex("2001-Q3")).toBe("Q3 2001");
    expect(formatTimex("2001-W37")).toBe("Week 37, 2001");
    expect(formatTimex("2001-09-11T08:46")).toBe("11 September 2001, 08:46");
    expect(formatTimex("PAST_REF")).toBe("PAST_REF");
  });
});

describe("calendar placement", () => {
  it("spans and headings", () => {
    expect(timexSpan("2003")).toEqual([2003, 2004]);
    expect(timexSpan("199")).toEqual([1990, 2000]);
    expect(timexSpan("nonsense")).toBeNull();
    const [s] = timexSpan("2001-09-11") as [number, number];
    expect(s).toBeGreaterThan(2001.66);
    expect(yearHeading("2001-06")).toBe("2001");
    expect(yearHeading("199")).toBe("1990s");
    expect(gapLabel(2001, 2002)).toBeNull();
    expect(gapLabel(2003, 2009)).toBe("6 years later");
  });
});
