// The export dialog's formats, the file name it proposes, and what an
// import of notes reports. Pure functions, unit-tested.
import type { ExportFormat } from "../bindings/ExportFormat";
import type { NotesImportReport } from "../bindings/NotesImportReport";

export interface FormatChoice {
  value: ExportFormat;
  label: string;
  extension: string;
}

export const EXPORT_FORMATS: FormatChoice[] = [
  { value: "md", label: "Markdown (Obsidian, Logseq)", extension: "md" },
  { value: "json", label: "W3C Web Annotations (JSON, full restore)", extension: "json" },
  { value: "csv", label: "Readwise CSV", extension: "csv" },
  { value: "html", label: "Printable HTML page", extension: "html" },
  { value: "timeline-csv", label: "Timeline as CSV (date, precision, label, quote, article)", extension: "csv" },
  { value: "timeline-json", label: "Timeline for TimelineJS (JSON)", extension: "json" },
];

/** The file types "Import notes…" offers: our JSON, Readwise CSV, Kindle's My Clippings.txt. */
/** What File → Import Notes… offers: our JSON and Hypothesis's, Readwise CSV, Kindle clippings, an Omnivore export (zip). The format is read from the content. */
export const NOTES_IMPORT_EXTENSIONS = ["json", "csv", "txt", "zip"];

export function isTimeline(format: ExportFormat): boolean {
  return format === "timeline-csv" || format === "timeline-json";
}

/** The name the save dialog proposes: the article's title (or the library's) made safe, then the extension. */
export function exportFileName(format: ExportFormat, articleTitle: string | null): string {
  const choice = EXPORT_FORMATS.find((f) => f.value === format);
  const ext = choice?.extension ?? "txt";
  const slug = (articleTitle ?? "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  const base = articleTitle === null ? "sidenote-library" : slug || "notes";
  return `${base}${isTimeline(format) ? "-timeline" : ""}.${ext}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SOURCES: Record<string, string> = {
  kindle: "Kindle clippings",
  csv: "Readwise CSV",
  hypothesis: "Hypothesis",
  omnivore: "Omnivore",
  json: "Sidenote export",
};

/** One sentence on what an import of notes did. */
export function notesImportSummary(r: NotesImportReport): string {
  const source = SOURCES[r.format] ?? "Sidenote export";
  const parts = [
    plural(r.highlightsAdded, "highlight", "highlights"),
    `${plural(r.articlesAdded, "new article", "new articles")}`,
  ];
  if (r.notesAdded > 0) parts.push(plural(r.notesAdded, "article note", "article notes"));
  if (r.eventsAdded > 0) parts.push(plural(r.eventsAdded, "timeline event", "timeline events"));
  const skipped = r.highlightsSkipped + r.eventsSkipped + r.notesSkipped;
  const tail = skipped > 0 ? ` (${skipped} already present)` : "";
  return `Imported from ${source}: ${parts.join(", ")}${tail}`;
}

/**
 * The lines under the summary: what the import wants said, highlights kept
 * without a place, bookmarks passed over, and each record left out or read
 * with a caveat, with where it is in the file.
 */
export function notesImportDetails(r: NotesImportReport): string[] {
  const lines = [...r.remarks];
  if (r.highlightsOrphaned > 0)
    lines.push(`${plural(r.highlightsOrphaned, "highlight was", "highlights were")} not found in the article's text and kept above it.`);
  if (r.bookmarks > 0) lines.push(`${plural(r.bookmarks, "Kindle bookmark", "Kindle bookmarks")} (no text) not imported.`);
  for (const n of r.skipped) lines.push(`Skipped, ${n.at}: ${n.message}`);
  for (const n of r.warnings) lines.push(`${n.at}: ${n.message}`);
  return lines;
}
