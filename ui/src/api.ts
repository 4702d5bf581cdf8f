// Typed wrappers over the Tauri commands. Every failure is thrown as an
// ApiError whose payload ({ kind, message, data }) callers switch on.
// build.rs checks that the command names and argument keys below match the
// app's generate_handler! list (keep the `call<T>("name", { args })` shape).
import { invoke } from "@tauri-apps/api/core";
import type { Article } from "./bindings/Article";
import type { ArticleNote } from "./bindings/ArticleNote";
import type { ArticleSummary } from "./bindings/ArticleSummary";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { ImportReport } from "./bindings/ImportReport";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { ListQuery } from "./bindings/ListQuery";
import type { Highlight } from "./bindings/Highlight";
import type { HighlightFilter } from "./bindings/HighlightFilter";
import type { HighlightPatch } from "./bindings/HighlightPatch";
import type { LibraryHighlight } from "./bindings/LibraryHighlight";
import type { NewHighlight } from "./bindings/NewHighlight";
import type { Color } from "./bindings/Color";
import type { TimelineEvent } from "./bindings/TimelineEvent";
import type { Disagreement } from "./bindings/Disagreement";
import type { DisagreementVerdict } from "./bindings/DisagreementVerdict";
import type { TimelineDensity } from "./bindings/TimelineDensity";
import type { TimelineOverview } from "./bindings/TimelineOverview";
import type { TimelineWindow } from "./bindings/TimelineWindow";
import type { WindowEvent } from "./bindings/WindowEvent";
import type { DisagreementClaims } from "./bindings/DisagreementClaims";
import type { OverviewClaims } from "./bindings/OverviewClaims";
import type { WindowMarks } from "./bindings/WindowMarks";
import type { TimelineExportFormat } from "./bindings/TimelineExportFormat";
import type { TimelineFilter } from "./bindings/TimelineFilter";
import type { ChronologyWarning } from "./bindings/ChronologyWarning";
import type { WarningKind } from "./bindings/WarningKind";
import type { WarningMark } from "./bindings/WarningMark";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { ExportImages } from "./bindings/ExportImages";
import type { NotesImportReport } from "./bindings/NotesImportReport";
import type { Redecoded } from "./bindings/Redecoded";
import type { HiddenRange } from "./bindings/HiddenRange";
import type { SourceInfo } from "./bindings/SourceInfo";
import type { StoredRemovedBlock } from "./bindings/StoredRemovedBlock";
import type { RemovalReason } from "./bindings/RemovalReason";
import type { Passage } from "./bindings/Passage";
import type { VaultReport } from "./bindings/VaultReport";
import type { SyncOverview } from "./bindings/SyncOverview";
import type { SyncPhase } from "./bindings/SyncPhase";
import type { LastRound } from "./bindings/LastRound";
import type { DeviceStatus } from "./bindings/DeviceStatus";

import type { BackupInfo } from "./bindings/BackupInfo";
import type { LibraryStatus } from "./bindings/LibraryStatus";
import type { RestoreReport } from "./bindings/RestoreReport";
import { toApiError } from "./lib/errors";

/**
 * A hand-off that arrived before the page listened (src-tauri/src/app/deliveries.rs,
 * whose tests pin this shape): the event it would have been, and its payload.
 */
export type Delivery =
  | { kind: "opened-files"; payload: ImportReport[] }
  | { kind: "open-passage"; payload: Passage }
  | { kind: "link-refused"; payload: string }
  | { kind: "open-article"; payload: string };

export type { BackupInfo, ExportFormat, HiddenRange, LibraryStatus, NotesImportReport, RemovalReason, RestoreReport, SourceInfo, StoredRemovedBlock, TimelineEvent };
export type { ChronologyWarning, Passage, VaultReport, WarningKind, WarningMark };
export type { DeviceStatus, LastRound, SyncOverview, SyncPhase };
export type { Disagreement, DisagreementVerdict, TimelineDensity, TimelineExportFormat, TimelineFilter, TimelineOverview, TimelineWindow, WindowEvent, WindowMarks, DisagreementClaims, OverviewClaims };
export type { Article, ArticleSummary, Color, ErrorPayload, Highlight, HighlightFilter, HighlightPatch, ImportReport, LibraryHighlight, LibraryInfo, ListQuery, NewHighlight };

/** Runs a command; a failure is thrown as an ApiError carrying the app's payload. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const api = {
  libraryInfo: () => call<LibraryInfo>("library_info"),
  listArticles: (query: ListQuery) => call<ArticleSummary[]>("list_articles", { query }),
  countArticles: (query: ListQuery) => call<number>("count_articles", { query }),
  getArticle: (id: string) => call<Article>("get_article", { id }),
  importFiles: (paths: string[]) => call<ImportReport[]>("import_files", { paths }),
  deleteArticle: (id: string) => call<void>("delete_article", { id }),
  updateArticleMetadata: (id: string, title: string, byline: string | null, published: string | null) =>
    call<Article>("update_article_metadata", { id, title, byline, published }),
  takePendingOpens: () => call<ImportReport[]>("take_pending_opens"),
  takePendingLink: () => call<Passage | null>("take_pending_link"),
  uiListening: () => call<Delivery[]>("ui_listening"),
  listHighlights: (articleId: string) => call<Highlight[]>("list_article_highlights", { articleId }),
  listOrphans: (articleId: string) => call<Highlight[]>("list_orphaned_highlights", { articleId }),
  createHighlight: (highlight: NewHighlight) => call<Highlight>("create_highlight", { highlight }),
  updateHighlight: (id: string, patch: HighlightPatch) => call<Highlight>("update_highlight", { id, patch }),
  deleteHighlight: (id: string) => call<void>("delete_highlight", { id }),
  restoreHighlight: (id: string) => call<Highlight>("restore_highlight", { id }),
  searchHighlights: (filter: HighlightFilter) => call<LibraryHighlight[]>("search_highlights", { filter }),
  reattachHighlight: (id: string, start: number, end: number) => call<Highlight>("reattach_highlight", { id, start, end }),
  highlightTags: () => call<string[]>("list_highlight_tags"),
  listArticleNotes: (articleId: string) => call<ArticleNote[]>("list_article_notes", { articleId }),
  addArticleNote: (articleId: string, note: string) => call<ArticleNote>("add_article_note", { articleId, note }),
  updateArticleNote: (id: string, note: string) => call<ArticleNote>("update_article_note", { id, note }),
  deleteArticleNote: (id: string) => call<void>("delete_article_note", { id }),
  restoreArticleNote: (id: string) => call<ArticleNote>("restore_article_note", { id }),
  openExternal: (url: string) => call<void>("open_external", { url }),
  listEvents: (articleId: string) => call<TimelineEvent[]>("list_events", { articleId }),
  addEvent: (articleId: string, start: number, end: number, date: string, label: string | null) =>
    call<TimelineEvent>("add_event", { articleId, start, end, date, label }),
  updateEvent: (id: string, date: string | null, label: string | null) => call<TimelineEvent>("update_event", { id, date, label }),
  setEventHidden: (id: string, hidden: boolean) => call<TimelineEvent>("set_event_hidden", { id, hidden }),
  /** Dismisses a chronology warning, marks it as a real error, or (null) takes the verdict back. */
  markWarning: (id: string, kind: WarningKind, mark: WarningMark | null) => call<TimelineEvent>("mark_warning", { id, kind, mark }),
  /** The filter's timeline as the tab opens it: how many events, from when to when, where articles disagree. */
  timelineOverview: (filter: TimelineFilter) => call<OverviewClaims>("timeline_overview", { filter }),
  /** How many of the filter's events fall in each of `buckets` equal slices of the years from..to. */
  timelineDensity: (filter: TimelineFilter, from: number, to: number, buckets: number) => call<TimelineDensity>("timeline_density", { filter, from, to, buckets }),
  /** One page of the filter's events that reach into the years from..to, in date order, with the total. */
  timelineWindow: (filter: TimelineFilter, from: number, to: number, offset: number, limit: number) => call<TimelineWindow>("timeline_window", { filter, from, to, offset, limit }),
  /** The same page with each event in the compact form the tab draws. */
  timelineMarks: (filter: TimelineFilter, from: number, to: number, offset: number, limit: number) => call<WindowMarks>("timeline_marks", { filter, from, to, offset, limit }),
  /** Makes missing timelines for about `budgetMs`: how many it made, and how many articles still miss one. */
  makeTimelines: (budgetMs: number) => call<[number, number]>("make_timelines", { budgetMs }),
  /** Marks one event of a disagreement right, dismisses it, or (null) takes the verdict back. */
  setDisagreementVerdict: (key: string, verdict: DisagreementVerdict | null) => call<void>("set_disagreement_verdict", { key, verdict }),
  /** Writes the filtered library timeline to a file as TimelineJS JSON, CSV or a standalone HTML page. */
  exportLibraryTimeline: (filter: TimelineFilter, format: TimelineExportFormat, path: string) => call<void>("export_library_timeline", { filter, format, path }),
  exportPreview: (ids: string[], format: ExportFormat) => call<string>("export_preview", { ids, format }),
  exportToPath: (ids: string[], format: ExportFormat, path: string, images: ExportImages) => call<string[]>("export_to_path", { ids, format, path, images }),
  importNotes: (path: string) => call<NotesImportReport>("import_notes", { path }),
  setObsidianVault: (path: string | null) => call<VaultReport | null>("set_obsidian_vault", { path }),
  /** The Sync dialog's and header indicator's data. */
  syncOverview: () => call<SyncOverview>("sync_overview"),
  /** Syncs through this folder (this device named `name`, or as before), then runs a round. */
  chooseSyncFolder: (folder: string, name: string | null) => call<SyncOverview>("choose_sync_folder", { folder, name }),
  renameSyncDevice: (name: string) => call<SyncOverview>("rename_sync_device", { name }),
  /** A round at once; a failed round's reason is in the overview's `last.error`. */
  syncNow: () => call<SyncOverview>("sync_now"),
  /** Stops syncing; the folder's files stay. */
  stopSync: () => call<SyncOverview>("stop_sync"),
  importUrl: (url: string) => call<ImportReport>("import_url", { url }),
  importPasted: (html: string | null, text: string) => call<ImportReport>("import_pasted", { html, text }),
  hiddenParagraphs: (id: string) => call<HiddenRange[]>("hidden_paragraphs", { id }),
  hideParagraphs: (id: string, starts: number[]) => call<HiddenRange[]>("hide_paragraphs", { id, starts }),
  restoreParagraphs: (id: string, starts: number[]) => call<HiddenRange[]>("restore_paragraphs", { id, starts }),
  removedBlocks: (id: string) => call<StoredRemovedBlock[]>("removed_blocks", { id }),
  restoreRemovedBlock: (id: string, seq: number) => call<Article>("restore_removed_block", { id, seq }),
  loadImage: (id: string, url: string) => call<Article>("load_image", { id, url }),
  articleSource: (id: string) => call<SourceInfo>("article_source", { id }),
  redecode: (id: string, encoding: string) => call<Redecoded>("redecode", { id, encoding }),
  libraryStatus: () => call<LibraryStatus>("library_status"),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backupNow: () => call<BackupInfo>("backup_now"),
  restoreBackup: (name: string | null) => call<RestoreReport>("restore_backup", { name }),
  startFreshLibrary: () => call<string | null>("start_fresh_library"),
  getSettings: () => call<Record<string, unknown>>("get_settings"),
  setSetting: (key: string, value: unknown) => call<void>("set_setting", { key, value }),
  setReadingPosition: (id: string, position: number) => call<void>("set_reading_position", { id, position }),
};
