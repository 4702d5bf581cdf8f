/**
 * Messages to the native host and its replies (src-tauri/src/browser/request.rs,
 * docs/browser.md), and the messages between the popup and the background.
 */

export interface SelectionQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** What the page gives: its rendered DOM (when asked), address, title and selection. */
export interface PageCapture {
  url: string;
  baseUrl: string;
  title: string;
  html: string | null;
  selection: SelectionQuote | null;
}

export interface SaveMessage {
  type: "save";
  url: string;
  base_url: string;
  title: string;
  html: string;
  selection?: SelectionQuote & { note?: string };
}

export interface HostError {
  kind: string;
  message: string;
}

/** The host's own timings of one save, in ms (process_started_at and stored_at: ms since 1970). */
export interface HostTimings {
  read_ms: number;
  parse_ms: number;
  open_ms: number;
  extract_ms: number;
  store_ms: number;
  highlight_ms: number;
  app_ms: number;
  process_started_at: number;
  stored_at: number;
}

export interface SaveReply {
  ok: boolean;
  error?: HostError;
  article_id?: string;
  title?: string;
  duplicate_of?: string;
  highlight_id?: string;
  highlight_orphaned?: boolean;
  highlight_existed?: boolean;
  highlight_error?: HostError;
  message?: string;
  shown_in_app?: boolean;
  timings?: HostTimings;
}

export interface OpenReply {
  ok: boolean;
  error?: HostError;
  app?: "shown" | "started" | "starting";
}

/** How the popup was opened: the toolbar button or shortcut, or a context-menu item. */
export type Intent = "auto" | "page" | "selection";

/** When the popup's page began loading and when its script started (ms since 1970). */
export interface PopupTimes {
  opened_at: number;
  script_at: number;
}

/**
 * The extension's side of one save: durations in ms, moments in ms since 1970
 * (the host uses the same clock, so the two line up; docs/benchmarks.md).
 */
export interface ExtensionTimings {
  /** The popup's page began loading, its script ran (absent when saved from a menu without the popup). */
  popup_opened_at?: number;
  popup_script_at?: number;
  /** The background got the request. */
  requested_at: number;
  /** Reading the page: the DOM serialized in the tab and handed to the background. */
  capture_ms: number;
  /** Sending to the host until its reply. */
  native_ms: number;
  html_bytes: number;
  sent_at: number;
}

/** Popup → background. */
export type Request =
  | { kind: "prepare"; tabId: number; popup: PopupTimes }
  | { kind: "save"; tabId: number; withSelection: boolean; note: string; popup: PopupTimes }
  | { kind: "open"; articleId: string };
