// Reading preferences: theme and text size, stored in the library's settings
// table so they are remembered for the user across restarts.

export type Theme = "light" | "sepia" | "dark";

export interface Preferences {
  theme: Theme;
  fontSize: number; // px, body text of the reader
  timelineOpen: boolean;
  /** The article timeline groups a book's events under its chapters. */
  timelineByChapter: boolean;
}

export const FONT_MIN = 14;
export const FONT_MAX = 28;
export const FONT_STEP = 1;
export const DEFAULTS: Preferences = { theme: "light", fontSize: 19, timelineOpen: true, timelineByChapter: false };

export function clampFontSize(size: number): number {
  if (!Number.isFinite(size)) return DEFAULTS.fontSize;
  return Math.min(FONT_MAX, Math.max(FONT_MIN, Math.round(size)));
}

/** Reads stored settings, ignoring anything malformed. */
export function preferencesFrom(stored: Record<string, unknown>): Preferences {
  const theme = stored.theme;
  const fontSize = stored.fontSize;
  return {
    theme: theme === "light" || theme === "sepia" || theme === "dark" ? theme : DEFAULTS.theme,
    fontSize: typeof fontSize === "number" ? clampFontSize(fontSize) : DEFAULTS.fontSize,
    timelineOpen: typeof stored.timelineOpen === "boolean" ? stored.timelineOpen : DEFAULTS.timelineOpen,
    timelineByChapter: typeof stored.timelineByChapter === "boolean" ? stored.timelineByChapter : DEFAULTS.timelineByChapter,
  };
}

export function stepFontSize(current: number, direction: 1 | -1 | 0): number {
  if (direction === 0) return DEFAULTS.fontSize;
  return clampFontSize(current + direction * FONT_STEP);
}

/** Applies preferences to the document: a theme attribute and one CSS variable. */
export function applyPreferences(root: HTMLElement, prefs: Preferences): void {
  root.dataset.theme = prefs.theme;
  root.style.setProperty("--reader-font-size", `${prefs.fontSize}px`);
}
