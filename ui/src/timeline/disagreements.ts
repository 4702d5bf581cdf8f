// Where articles disagree: each group of events that name the same thing
// with dates that do not overlap, shown side by side (each article's date
// and passage), with the reader's verdict: this one is right, or dismiss.
import { api, type DisagreementClaims as Disagreement } from "../api";
import type { Claim } from "../bindings/Claim";
import { clear, h } from "../dom";
import { icon } from "../icons";
import { errorToast, toast } from "../toast";

export interface DisagreementActions {
  open(e: Claim): void;
  /** A verdict was given or taken back: the timeline reloads. */
  changed(): void;
}

/** Open groups first, then settled ones; dismissed ones only when asked for. */
export function orderGroups(groups: Disagreement[], showDismissed: boolean): Disagreement[] {
  const rank = (d: Disagreement) => (!d.verdict ? 0 : d.verdict.verdict === "right" ? 1 : 2);
  return groups.filter((d) => showDismissed || d.verdict?.verdict !== "dismissed").sort((a, b) => rank(a) - rank(b));
}

export class DisagreementsPanel {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private groups: Disagreement[] = [];
  private open = true;
  private showDismissed = false;

  constructor(private readonly actions: DisagreementActions) {
    this.toggle = h("button", { class: "tl-disagree-toggle", "aria-expanded": "true", onclick: () => this.setOpen(!this.open) });
    this.body = h("div", { class: "tl-disagree-body" });
    this.el = h("section", { class: "tl-disagreements", hidden: true, "aria-label": "Where articles disagree" }, this.toggle, this.body);
  }

  render(groups: Disagreement[]): void {
    this.groups = groups;
    const open = groups.filter((d) => !d.verdict).length;
    const dismissed = groups.filter((d) => d.verdict?.verdict === "dismissed").length;
    this.el.hidden = groups.length === 0;
    clear(this.toggle);
    this.toggle.append(
      icon("alert"),
      open ? `Articles disagree in ${open} ${open === 1 ? "place" : "places"}` : `No open disagreements (${groups.length - dismissed} settled${dismissed ? `, ${dismissed} dismissed` : ""})`,
    );
    this.toggle.classList.toggle("has-open", open > 0);
    clear(this.body);
    this.body.hidden = !this.open;
    for (const d of orderGroups(groups, this.showDismissed)) this.body.append(this.group(d));
    if (dismissed) {
      this.body.append(
        h("button", { class: "btn btn-ghost btn-small", onclick: () => ((this.showDismissed = !this.showDismissed), this.render(this.groups)) }, this.showDismissed ? "Hide dismissed" : `Show ${dismissed} dismissed`),
      );
    }
  }

  private setOpen(open: boolean): void {
    this.open = open;
    this.toggle.setAttribute("aria-expanded", String(open));
    this.body.hidden = !open;
  }

  private group(d: Disagreement): HTMLElement {
    const rightId = d.verdict?.verdict === "right" ? d.verdict.eventId : null;
    const dismissed = d.verdict?.verdict === "dismissed";
    const cards = d.claims.map((e) =>
      h(
        "article",
        { class: `tl-claim${rightId === e.eventId ? " right" : ""}`, "data-eid": e.eventId },
        h("div", { class: "tl-claim-date" }, e.date, rightId === e.eventId ? h("span", { class: "tl-right-badge" }, icon("check"), "Marked right") : null),
        h("div", { class: "tl-claim-article" }, e.articleTitle),
        h("blockquote", { class: "tl-claim-quote" }, e.label),
        h(
          "div",
          { class: "tl-claim-actions" },
          h("button", { class: "btn btn-small", onclick: () => this.actions.open(e) }, "Open passage"),
          rightId === e.eventId
            ? h("button", { class: "btn btn-small btn-ghost", onclick: () => void this.verdict(d, null) }, "Undo")
            : h("button", { class: "btn btn-small btn-primary tl-mark-right", onclick: () => void this.verdict(d, { verdict: "right", eventId: e.eventId }) }, "Mark right"),
        ),
      ),
    );
    return h(
      "div",
      { class: `tl-group${dismissed ? " dismissed" : ""}${rightId ? " settled" : ""}`, "data-key": d.key },
      h(
        "div",
        { class: "tl-group-head" },
        h("span", { class: "tl-group-title" }, d.kind === "named" ? "The same named event" : "The same event", ": ", h("q", {}, d.label)),
        dismissed
          ? h("button", { class: "btn btn-ghost btn-small", onclick: () => void this.verdict(d, null) }, "Restore")
          : h("button", { class: "btn btn-ghost btn-small tl-dismiss", onclick: () => void this.verdict(d, { verdict: "dismissed" }) }, "Dismiss"),
      ),
      h("div", { class: "tl-claims" }, ...cards),
      // A group told by many articles shows one passage per date given.
      d.total > d.claims.length ? h("p", { class: "tl-group-more" }, `One passage for each date given: ${d.total.toLocaleString("en-US")} events in all`) : null,
    );
  }

  private async verdict(d: Disagreement, verdict: Disagreement["verdict"]): Promise<void> {
    try {
      await api.setDisagreementVerdict(d.key, verdict);
      if (verdict?.verdict === "dismissed") toast("Disagreement dismissed", "info", 5000, { label: "Undo", run: () => void this.verdict(d, null) });
      this.actions.changed();
    } catch (e) {
      errorToast(e, "The verdict could not be saved");
    }
  }
}
