// A chronology warning in the timeline sidebar: its reason, the evidence it
// rests on (the published date and the word the tense was read from, the
// dates around a likely typo, or the other date of a named event; each date
// a link to its passage), and the reader's verdict: dismiss it (not a
// mistake) or mark it as a real error in the text (kept, and shown in the
// exports). The phrases are pure functions, unit-tested. Dates come labelled
// by the core: the sidebar never reads a TIMEX value.
import type { ChronologyWarning, WarningKind, WarningMark } from "../api";
import type { EvidenceDate } from "../bindings/EvidenceDate";
import type { TypoKind } from "../bindings/TypoKind";
import { h } from "../dom";
import { icon } from "../icons";
import { formatPartialDate } from "../lib/format";

/** The reason of each kind, as the sidebar names it. */
export const REASONS: Record<WarningKind, string> = {
  after_publication: "After publication",
  likely_typo: "Likely typo",
  two_dates: "Two dates",
};

const SLIPS: Record<TypoKind, string> = {
  decade: "a decade off",
  digit: "one digit off",
  transposition: "two digits swapped",
};

/** The evidence in words, one short phrase per fact, before any dates. */
export function evidencePhrases(w: ChronologyWarning): string[] {
  const e = w.evidence;
  const out: string[] = [];
  if (e.published) out.push(`Published ${formatPartialDate(e.published)}`);
  if (e.words.length) out.push(`told as done: “${e.words.join("”, “")}”`);
  if (e.intended) out.push(e.typo ? `probably ${e.intended} (${SLIPS[e.typo]})` : `probably ${e.intended}`);
  return out;
}

/** What the evidence dates are, as a lead-in to the list of them. */
export function datesLead(kind: WarningKind): string {
  return kind === "two_dates" ? "Also dated" : "Dates around it";
}

/** An evidence date as a link's text: "June 2001 (“June 2001”)" reads badly,
 * so the quote is shown only when it is not the date itself. */
export function dateText(d: EvidenceDate): string {
  const when = d.label || d.value;
  return d.quote && d.quote !== when && !when.includes(d.quote) ? `${when} · “${d.quote}”` : when;
}

export interface WarningActions {
  /** Scrolls to a passage of the text. */
  reveal: (start: number, end: number) => void;
  /** Gives the reader's verdict, or takes it back with null. */
  mark: (mark: WarningMark | null) => void;
}

/** The warning's block under its event: the reason, the sentence (which
 * names the evidence in words), the evidence dates as links, the verdict. */
export function warningBlock(w: ChronologyWarning, actions: WarningActions): HTMLElement {
  const dates = w.evidence.dates;
  // One date a line: in a narrow sidebar a run of links separated by
  // commas breaks between a link and its comma.
  const evidence = dates.length
    ? h(
        "div",
        { class: "timeline-warning-evidence" },
        h("p", {}, `${datesLead(w.kind)}:`),
        h(
          "ul",
          {},
          ...dates.map((d) =>
            h("li", {}, h("button", { class: "evidence-date", type: "button", title: "Go to this date in the text", onclick: () => actions.reveal(d.start, d.end) }, dateText(d))),
          ),
        ),
      )
    : null;
  const verdict =
    w.mark === "error"
      ? [h("span", { class: "timeline-warning-confirmed" }, icon("check"), "Marked as an error in the text"), verdictButton("Undo", "Take back: not marked as an error", () => actions.mark(null))]
      : w.mark === "dismissed"
        ? [h("span", { class: "timeline-warning-confirmed" }, "Dismissed"), verdictButton("Restore", "Show this warning again", () => actions.mark(null))]
        : [
            verdictButton("Dismiss", "Not a mistake: stop showing this warning", () => actions.mark("dismissed")),
            verdictButton("Mark as error", "A real error in the text: keep it and show it in exports", () => actions.mark("error")),
          ];
  return h(
    "div",
    { class: "timeline-warning", role: "note", "data-kind": w.kind, "data-mark": w.mark ?? "", title: evidencePhrases(w).join(" · ") },
    h("p", { class: "timeline-warning-reason" }, icon("alert"), h("strong", {}, REASONS[w.kind])),
    h("p", { class: "timeline-warning-message" }, w.message),
    evidence,
    h("div", { class: "timeline-warning-verdict" }, ...verdict),
  );
}

function verdictButton(label: string, title: string, run: () => void): HTMLButtonElement {
  return h("button", { class: "verdict-btn", type: "button", title, onclick: run }, label);
}
