import { describe, expect, it } from "vitest";
import type { LibraryTimeline } from "../api";
import { laneItems } from "./lanes";

function timeline(articles: { id: string; tags: string[]; years: number[] }[]): LibraryTimeline {
  const events = articles.flatMap((a) =>
    a.years.map((y) => ({
      event: { id: `${a.id}-${y}`, articleId: a.id, label: "something happened", value: String(y) } as unknown as LibraryTimeline["events"][number]["event"],
      articleTitle: a.id.toUpperCase(),
      from: y,
      to: y + 1,
      highlighted: false,
    })),
  );
  return { events, articles: articles.map((a) => ({ id: a.id, title: a.id.toUpperCase(), tags: a.tags })), disagreements: [] };
}

describe("lanes", () => {
  it("gives each article a lane and a colour, busiest first", () => {
    const { lanes, items } = laneItems(timeline([{ id: "a", tags: [], years: [2001] }, { id: "b", tags: [], years: [1990, 1991] }]), "article");
    expect(lanes.map((l) => l.name)).toEqual(["B", "A"]);
    expect(items.map((i) => [i.lane, i.color])).toEqual([[1, 0], [0, 1], [0, 1]]);
  });
  it("puts an event in the lane of each of its article's tags, and untagged ones together", () => {
    const { lanes, items } = laneItems(timeline([{ id: "a", tags: ["War", "asia"], years: [2001] }, { id: "b", tags: [], years: [1990] }]), "tag");
    expect(lanes.map((l) => l.name).sort()).toEqual(["#War", "#asia", "No tag"]);
    expect(items.filter((i) => i.event === 0)).toHaveLength(2);
  });
  it("gathers the lanes beyond the limit into one", () => {
    const many = Array.from({ length: 15 }, (_, k) => ({ id: `a${k}`, tags: [], years: [2000 + k] }));
    const { lanes, items } = laneItems(timeline(many), "article", 5);
    expect(lanes).toHaveLength(5);
    expect(lanes[4].name).toBe("11 other articles");
    expect(items.filter((i) => i.lane === 4)).toHaveLength(11);
  });
});
