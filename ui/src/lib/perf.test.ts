import { describe, expect, it } from "vitest";
import { mark, measure, type PerfClock } from "./perf";

/** A Performance stand-in that keeps entries the way the real timeline does. */
function fakeClock() {
  let t = 0;
  const entries: { type: "mark" | "measure"; name: string; start: number; end: number; detail?: unknown }[] = [];
  const clock: PerfClock & { advance(ms: number): void } = {
    advance: (ms) => (t += ms),
    now: () => t,
    mark: (name) => entries.push({ type: "mark", name, start: t, end: t }),
    measure: (name, o) => {
      const start = typeof o.start === "number" ? o.start : entries.find((e) => e.type === "mark" && e.name === o.start)?.start;
      if (start === undefined) throw new Error(`no mark ${String(o.start)}`);
      entries.push({ type: "measure", name, start, end: o.end ?? t, detail: o.detail });
    },
    clearMarks: (name) => remove("mark", name),
    clearMeasures: (name) => remove("measure", name),
  };
  const remove = (type: string, name?: string) => {
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].type === type && (!name || entries[i].name === name)) entries.splice(i, 1);
  };
  return { clock, entries };
}

describe("perf marks", () => {
  it("measures from a mark to now and keeps only the latest entry per name", () => {
    const { clock, entries } = fakeClock();
    mark("open-start", clock);
    clock.advance(40);
    measure("open", "open-start", { highlights: 3 }, clock);
    clock.advance(5);
    mark("open-start", clock);
    clock.advance(12);
    measure("open", "open-start", undefined, clock);
    const opens = entries.filter((e) => e.name === "open");
    expect(opens).toHaveLength(1);
    expect(opens[0].end - opens[0].start).toBe(12);
    expect(entries.filter((e) => e.name === "open-start")).toHaveLength(1);
  });

  it("measures from a timestamp and records the detail", () => {
    const { clock, entries } = fakeClock();
    clock.advance(100);
    const started = clock.now();
    clock.advance(7);
    measure("layout", started, { notes: 500 }, clock);
    expect(entries).toEqual([{ type: "measure", name: "layout", start: 100, end: 107, detail: { notes: 500 } }]);
  });

  it("records nothing when the start mark is missing, without throwing", () => {
    const { clock, entries } = fakeClock();
    expect(() => measure("open", "never-marked", undefined, clock)).not.toThrow();
    expect(entries).toHaveLength(0);
  });
});
