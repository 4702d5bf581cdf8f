import { describe, expect, it } from "vitest";
import { colorOf, laneItems, PALETTE_SIZE, type LoadedEvents } from "./lanes";

function timeline(articles: { id: string; tags: string[]; years: number[] }[]): LoadedEvents {
  const events = articles.flatMap((a, article) =>
    a.years.map((y) => ({ id: `${a.id}-${y}`, article, from: y, to: y + 1, precision: "year" as const, date: String(y), label: "something happened", start: 0, end: 10, highlighted: false, warnings: [] })),
  );
  return { events, articles: articles.map((a) => ({ id: a.id, title: a.id.toUpperCase(), tags: a.tags })) };
}

describe("lanes", () => {
  it("gives an article the same colour whatever else is loaded, and spreads articles over the palette", () => {
    const ids = Array.from({ length: 64 }, (_, k) => `0193a2c4-${k.toString(16).padStart(4, "0")}-7000-8000-00000000000${k % 10}`);
    const colours = ids.map(colorOf);
    expect(colours.every((c) => c >= 0 && c < PALETTE_SIZE)).toBe(true);
    expect(new Set(colours).size).toBeGreaterThan(PALETTE_SIZE / 2);
    const alone = laneItems(timeline([{ id: ids[5], tags: [], years: [2001] }]), "article").items[0].color;
    const among = laneItems(timeline([{ id: ids[1], tags: [], years: [1999] }, { id: ids[5], tags: [], years: [2001] }]), "article").items.find((i) => i.event === 1)!.color;
    expect(alone).toBe(among);
  });
  it("gives each article a lane and a colour, busiest first", () => {
    const { lanes, items } = laneItems(timeline([{ id: "a", tags: [], years: [2001] }, { id: "b", tags: [], years: [1990, 1991] }]), "article");
    expect(lanes.map((l) => l.name)).toEqual(["B", "A"]);
    expect(items.map((i) => [i.lane, i.color])).toEqual([[1, colorOf("a")], [0, colorOf("b")], [0, colorOf("b")]]);
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
