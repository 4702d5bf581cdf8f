// The list under the Timeline tab's chart: the same events as the window,
// in date order, a page at a time: the accessible form of the chart (real
// buttons, each opening its passage; the flags and warnings in words).
import type { TimelineArticle } from "../bindings/TimelineArticle";
import type { WindowEvent } from "../bindings/WindowEvent";
import { clear, h } from "../dom";
import { colorOf } from "./lanes";
import { moreLabel } from "./windowing";
import { formatNumber } from "../lib/format";

/** An event with the article it comes from. */
export interface Listed {
  event: WindowEvent;
  article: TimelineArticle;
}

export interface ListActions {
  open(e: Listed): void;
  more(): void;
  flagged(eventId: string): boolean;
}

export function renderList(list: HTMLElement, shown: readonly Listed[], total: number, actions: ListActions): void {
  const items = shown.map((e) => item(e, actions));
  clear(list);
  list.append(...items);
  const more = moreLabel(shown.length, total);
  if (more) list.append(h("li", { class: "tl-more" }, h("button", { class: "btn btn-small", type: "button", onclick: () => actions.more() }, more)));
  list.setAttribute("aria-label", `Events in view: ${formatNumber(shown.length)} of ${formatNumber(total)}`);
}

function item(e: Listed, actions: ListActions): HTMLElement {
  const ev = e.event;
  const flagged = actions.flagged(ev.id);
  // The article's own chronology warnings, as its sidebar shows them (the dismissed ones are not sent).
  const warnings = ev.warnings;
  return h(
    "li",
    { class: "tl-item", "data-eid": ev.id },
    h(
      "button",
      { class: "tl-item-main", type: "button", onclick: () => actions.open(e), title: "Open the article at this passage" },
      h("span", { class: `tl-swatch c${colorOf(e.article.id)}`, "aria-hidden": "true" }),
      h("span", { class: "tl-item-date" }, ev.date),
      h("span", { class: "tl-item-label" }, ev.label),
      h("span", { class: "tl-item-article" }, e.article.title),
      h(
        "span",
        { class: "tl-item-flags" },
        flagged ? h("span", { class: "tl-item-flag", title: "Articles disagree on this date" }, "⚑ disagree") : null,
        warnings.length ? h("span", { class: "tl-item-warning", title: warnings.join("\n") }, "⚠ check date", h("span", { class: "visually-hidden" }, `: ${warnings.join("; ")}`)) : null,
        ev.highlighted ? h("span", { class: "tl-item-hl", title: "You highlighted this passage" }, "highlighted") : null,
      ),
    ),
  );
}
