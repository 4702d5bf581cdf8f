// The lanes of the library timeline: one per article or per tag (an event
// of an article with several tags shows in each of their lanes), the
// busiest first, the rest gathered in one "Other" lane so that a large
// library stays readable. Colours follow the article, whatever the lanes
// and whichever window of the library is loaded.
import type { TimelineArticle } from "../bindings/TimelineArticle";
import type { WindowEvent } from "../bindings/WindowEvent";
import type { Placeable } from "./axis";

/** The events laid out and the articles they come from (one loaded window of the library). */
export interface LoadedEvents {
  events: readonly WindowEvent[];
  /** `WindowEvent.article` indexes these. */
  articles: readonly TimelineArticle[];
}

export type LaneMode = "article" | "tag";

export interface Lane {
  key: string;
  name: string;
  count: number;
}

export interface Laid {
  lanes: Lane[];
  /** One per (event, lane): `event` indexes the events laid out. */
  items: (Placeable & { event: number; color: number })[];
}

export const PALETTE_SIZE = 8;
export const MAX_LANES = 10;
const UNTAGGED = "\u0000untagged";
const OTHER = "\u0000other";

/** An article's colour: from its id, so it stays the same as windows of the library come and go. */
export function colorOf(articleId: string): number {
  let h = 2166136261;
  for (let i = 0; i < articleId.length; i++) h = Math.imul(h ^ articleId.charCodeAt(i), 16777619);
  return (h >>> 0) % PALETTE_SIZE;
}

export function laneItems(t: LoadedEvents, mode: LaneMode, maxLanes = MAX_LANES): Laid {
  const keysOf = (article: number): string[] => {
    const a = t.articles[article];
    if (mode === "article") return [a?.id ?? String(article)];
    const tags = a?.tags ?? [];
    return tags.length ? tags.map((tag) => tag.toLowerCase()) : [UNTAGGED];
  };
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const a of t.articles) {
    if (mode === "article") names.set(a.id, a.title || "Untitled");
    else for (const tag of a.tags) names.set(tag.toLowerCase(), `#${tag}`);
  }
  names.set(UNTAGGED, "No tag");
  for (const e of t.events) for (const k of keysOf(e.article)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (names.get(a[0]) ?? "").localeCompare(names.get(b[0]) ?? ""));
  const kept = ranked.length > maxLanes ? ranked.slice(0, maxLanes - 1) : ranked;
  const index = new Map(kept.map(([k], i) => [k, i]));
  const lanes: Lane[] = kept.map(([k, n]) => ({ key: k, name: names.get(k) ?? k, count: n }));
  if (ranked.length > kept.length) {
    const rest = ranked.slice(kept.length);
    lanes.push({ key: OTHER, name: mode === "article" ? `${rest.length} other articles` : `${rest.length} other tags`, count: rest.reduce((s, [, n]) => s + n, 0) });
  }
  const items: Laid["items"] = [];
  t.events.forEach((e, i) => {
    const seen = new Set<number>();
    const color = colorOf(t.articles[e.article]?.id ?? "");
    for (const k of keysOf(e.article)) {
      const lane = index.get(k) ?? lanes.length - 1;
      if (seen.has(lane)) continue;
      seen.add(lane);
      items.push({ from: e.from, to: e.to, lane, event: i, color });
    }
  });
  return { lanes, items };
}
