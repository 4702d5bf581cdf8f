// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import type { ChronologyWarning } from "../api";
import { dateText, evidencePhrases, warningBlock } from "./timelineWarnings";

const typo: ChronologyWarning = {
  kind: "likely_typo",
  message: "2011 looks like a slip for 2001 (a decade off): the dates around it are all 2001–2002",
  evidence: {
    published: null,
    words: [],
    intended: "2001",
    typo: "decade",
    dates: [
      { value: "2001-06", label: "June 2001", quote: "June 2001", start: 10, end: 19 },
      { value: "2001-09-11", label: "11 September 2001", quote: "9/11", start: 40, end: 44 },
    ],
  },
};

const late: ChronologyWarning = {
  kind: "after_publication",
  message: "Told as done (“collapsed”) but dated after the article was published (April 2009)",
  evidence: { published: "2009-04", words: ["collapsed"], intended: null, typo: null, dates: [] },
};

describe("a chronology warning", () => {
  it("says its evidence in words", () => {
    expect(evidencePhrases(late)).toEqual(["Published April 2009", "told as done: “collapsed”"]);
    expect(evidencePhrases(typo)).toEqual(["probably 2001 (a decade off)"]);
  });

  it("names an evidence date, with its words when they are not the date", () => {
    expect(dateText(typo.evidence.dates[0])).toBe("June 2001");
    expect(dateText(typo.evidence.dates[1])).toBe("11 September 2001 · “9/11”");
  });

  it("links each evidence date to its passage and offers a verdict", () => {
    const reveal = vi.fn();
    const mark = vi.fn();
    const el = warningBlock(typo, { reveal, mark });
    expect(el.querySelector(".timeline-warning-reason")!.textContent).toBe("Likely typo");
    expect(el.querySelector(".timeline-warning-message")!.textContent).toBe(typo.message);
    expect(el.querySelector(".timeline-warning-evidence p")!.textContent).toBe("Dates around it:");
    const items = Array.from(el.querySelectorAll(".timeline-warning-evidence li")).map((li) => li.textContent);
    expect(items).toEqual(["June 2001", "11 September 2001 · “9/11”"]);
    expect(el.title).toBe("probably 2001 (a decade off)");
    el.querySelectorAll<HTMLButtonElement>(".evidence-date")[1].click();
    expect(reveal).toHaveBeenCalledWith(40, 44);
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>(".timeline-warning-verdict button"));
    expect(buttons.map((b) => b.textContent)).toEqual(["Dismiss", "Mark as error"]);
    buttons[1].click();
    expect(mark).toHaveBeenCalledWith("error");
  });

  it("shows a confirmed error with a way back", () => {
    const mark = vi.fn();
    const el = warningBlock({ ...late, mark: "error" }, { reveal: vi.fn(), mark });
    expect(el.dataset.mark).toBe("error");
    expect(el.textContent).toContain("Marked as an error in the text");
    el.querySelector<HTMLButtonElement>(".timeline-warning-verdict button")!.click();
    expect(mark).toHaveBeenCalledWith(null);
  });
});
