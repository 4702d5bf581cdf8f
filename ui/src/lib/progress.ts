// Reading progress shown in the library for long items. Pure, unit-tested.

import { readingMinutes } from "./format";

/** Items shorter than this read in one sitting: a percentage would be noise. */
export const LONG_ITEM_MINUTES = 10;

export interface Progress {
  /** Whole percent read, 1–100. */
  percent: number;
  /** What a screen reader hears, e.g. "37% read". */
  label: string;
}

/**
 * How far the reader is into a long item, from its remembered position
 * (`progress`, 0–1 of its text), or null for a short item or one not started.
 * A started item shows at least 1%, and only the very end shows 100%.
 */
export function readingProgress(item: { wordCount: number; lang?: string | null; progress: number | null }): Progress | null {
  const { progress } = item;
  if (progress === null || !Number.isFinite(progress) || progress <= 0) return null;
  if (readingMinutes(item.wordCount, item.lang) < LONG_ITEM_MINUTES) return null;
  const percent = progress >= 1 ? 100 : Math.min(99, Math.max(1, Math.floor(progress * 100)));
  return { percent, label: `${percent}% read` };
}
