import { describe, expect, it } from "vitest";
import type { NotesImportReport } from "../bindings/NotesImportReport";
import { EXPORT_FORMATS, exportFileName, isTimeline, notesImportDetails, notesImportSummary, NOTES_IMPORT_EXTENSIONS } from "./exportFormats";

const report = (over: Partial<NotesImportReport>): NotesImportReport => ({
  format: "json",
  articlesAdded: 0,
  articlesMatched: 0,
  highlightsAdded: 0,
  highlightsSkipped: 0,
  highlightsOrphaned: 0,
  notesAdded: 0,
  notesSkipped: 0,
  eventsAdded: 0,
  eventsSkipped: 0,
  bookmarks: 0,
  skipped: [],
  warnings: [],
  remarks: [],
  ...over,
});

describe("export formats", () => {
  it("offers every format the core exports, timeline ones included, once each", () => {
    const values = EXPORT_FORMATS.map((f) => f.value);
    expect(values).toEqual(["md", "json", "csv", "html", "timeline-csv", "timeline-json"]);
    expect(new Set(values).size).toBe(values.length);
    expect(isTimeline("timeline-csv")).toBe(true);
    expect(isTimeline("csv")).toBe(false);
  });

  it("proposes a file name from the title with the format's extension", () => {
    expect(exportFileName("md", "Beekeeping in the Hills: a “light box”")).toBe("beekeeping-in-the-hills-a-light-box.md");
    expect(exportFileName("timeline-csv", "Ferry <timetable>")).toBe("ferry-timetable-timeline.csv");
    expect(exportFileName("timeline-json", null)).toBe("sidenote-library-timeline.json");
    expect(exportFileName("html", "???")).toBe("notes.html");
    expect(exportFileName("json", "Élan über Brücken")).toBe("élan-über-brücken.json");
  });

  it("imports notes from JSON, CSV, Kindle's text file and Omnivore's zip", () => {
    expect(NOTES_IMPORT_EXTENSIONS).toEqual(["json", "csv", "txt", "zip"]);
  });
});

describe("notesImportSummary", () => {
  it("names the source and counts what was added and skipped", () => {
    expect(notesImportSummary(report({ format: "kindle", articlesAdded: 4, highlightsAdded: 6 }))).toBe(
      "Imported from Kindle clippings: 6 highlights, 4 new articles",
    );
    expect(notesImportSummary(report({ highlightsAdded: 1, articlesAdded: 1, eventsAdded: 3, highlightsSkipped: 2, eventsSkipped: 1 }))).toBe(
      "Imported from Sidenote export: 1 highlight, 1 new article, 3 timeline events (3 already present)",
    );
    expect(notesImportSummary(report({ format: "csv", highlightsSkipped: 5 }))).toBe("Imported from Readwise CSV: 0 highlights, 0 new articles (5 already present)");
  });
  it("names Hypothesis and Omnivore and counts article notes with the skipped ones", () => {
    expect(notesImportSummary(report({ format: "hypothesis", highlightsAdded: 2, notesAdded: 1, notesSkipped: 1, articlesAdded: 1 }))).toBe(
      "Imported from Hypothesis: 2 highlights, 1 new article, 1 article note (1 already present)",
    );
    expect(notesImportSummary(report({ format: "omnivore" }))).toBe("Imported from Omnivore: 0 highlights, 0 new articles");
  });
});

describe("notesImportDetails", () => {
  it("is empty for a clean import", () => {
    expect(notesImportDetails(report({ highlightsAdded: 3 }))).toEqual([]);
  });

  it("lists remarks, orphans, bookmarks, skipped records and caveats with where they are", () => {
    const lines = notesImportDetails(
      report({
        format: "kindle",
        remarks: ["1 clipping made again on the Kindle was kept once, as last made"],
        highlightsOrphaned: 2,
        bookmarks: 1,
        skipped: [{ at: "line 12", message: "an empty clipping (no text)" }],
        warnings: [{ at: "line 40", message: "the date “someday” could not be read" }],
      }),
    );
    expect(lines).toEqual([
      "1 clipping made again on the Kindle was kept once, as last made",
      "2 highlights were not found in the article's text and kept above it.",
      "1 Kindle bookmark (no text) not imported.",
      "Skipped, line 12: an empty clipping (no text)",
      "line 40: the date “someday” could not be read",
    ]);
  });
});
