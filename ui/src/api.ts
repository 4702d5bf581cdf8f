// Typed wrappers over the Tauri commands. Every failure arrives as an
// ErrorPayload ({ kind, message }) that callers can switch on.
import { invoke } from "@tauri-apps/api/core";
import type { Article } from "./bindings/Article";
import type { ArticleSummary } from "./bindings/ArticleSummary";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { ImportReport } from "./bindings/ImportReport";
import type { LibraryInfo } from "./bindings/LibraryInfo";
import type { ListQuery } from "./bindings/ListQuery";

export type { Article, ArticleSummary, ErrorPayload, ImportReport, LibraryInfo, ListQuery };

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorPayload).kind === "string" &&
    typeof (value as ErrorPayload).message === "string"
  );
}

/** Turns anything thrown by `invoke` into an ErrorPayload. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isErrorPayload(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "Invalid", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

export const api = {
  libraryInfo: () => call<LibraryInfo>("library_info"),
  listArticles: (query: ListQuery) => call<ArticleSummary[]>("list_articles", { query }),
  getArticle: (id: string) => call<Article>("get_article", { id }),
  importFiles: (paths: string[]) => call<ImportReport[]>("import_files", { paths }),
  importText: (text: string) => call<ImportReport>("import_text", { text }),
  deleteArticle: (id: string) => call<void>("delete_article", { id }),
  updateArticleMetadata: (id: string, title: string, byline: string | null, published: string | null) =>
    call<Article>("update_article_metadata", { id, title, byline, published }),
  takePendingOpens: () => call<ImportReport[]>("take_pending_opens"),
  getSettings: () => call<Record<string, unknown>>("get_settings"),
  setSetting: (key: string, value: unknown) => call<void>("set_setting", { key, value }),
};
