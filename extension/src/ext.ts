/**
 * The WebExtension API: Firefox's promise-based `browser`, else Chromium's
 * `chrome` (promise-based too in Manifest V3). Only calls both provide are used.
 */
declare const browser: typeof chrome | undefined;

export const ext: typeof chrome = typeof browser !== "undefined" ? browser : chrome;
