// The height a margin note card will have before it is built: the layout
// places every note (stacking needs them all) but only cards near the view
// exist, so the others are placed with this estimate until they are built
// and measured (see MarginNotes). Pure; numbers follow highlights.css.

/** The margin's measures, read once per layout pass. */
export interface CardMetrics {
  /** The margin's width, px. */
  width: number;
  /** The margin's font size, px. */
  fontSize: number;
}

/** Note text shown before "more" (`.note-text` max-height). */
export const COLLAPSED_HEIGHT = 132;
/** Padding (`--space-2` above and below) and the 1px borders. */
const CHROME = 8 + 8 + 2;
/** Left and right padding (`--space-3`) and the 3px + 1px borders. */
const SIDES = 12 + 12 + 3 + 1;
/** `.note-card` line-height. */
const LEADING = 1.45;
/** Below each paragraph (`margin: 0 0 0.4em`). */
const PARAGRAPH_GAP = 0.4;
/** Average advance of a character of the UI font, in ems. */
const CHAR_WIDTH = 0.5;

/** Lines a run of `chars` characters of the UI font wraps onto in `width` px at `fontSize` (at least one). */
export function wrappedLines(chars: number, width: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * CHAR_WIDTH)));
  return Math.max(1, Math.ceil(chars / perLine));
}
/** A tag chip: 18px line, `--space-1` above the row, 4px between chips. */
const TAG_ROW = 18;
const TAG_ROW_GAP = 4;
const TAG_FONT = 11.5;
const TAG_PADDING = 12;
/** Below this width the margin shows markers only (`@media (max-width: 1180px)`). */
const NARROW_WIDTH = 120;
/** The marker button's box in narrow windows. */
const MARKER_HEIGHT = 30;

/** Estimated height of the card of a note with `tags`, collapsed unless `expanded`. */
export function estimateCardHeight(note: string, tags: readonly string[], expanded: boolean, m: CardMetrics): number {
  if (m.width < NARROW_WIDTH) return MARKER_HEIGHT;
  const textWidth = Math.max(1, m.width - SIDES);
  const line = m.fontSize * LEADING;
  let text = 0;
  for (const paragraph of note.trim().split(/\n\s*\n/)) {
    let lines = 0;
    for (const row of paragraph.split("\n")) lines += wrappedLines(row.trim().length, textWidth, m.fontSize);
    text += lines * line + m.fontSize * PARAGRAPH_GAP;
  }
  let height = CHROME;
  if (!expanded && text > COLLAPSED_HEIGHT + 4) height += COLLAPSED_HEIGHT + line; // clipped, and the "more" row
  else height += text;
  if (tags.length) height += TAG_ROW_GAP + tagRows(tags, textWidth) * (TAG_ROW + TAG_ROW_GAP) - TAG_ROW_GAP;
  return Math.round(height);
}

/** How many rows the tag chips wrap onto. */
function tagRows(tags: readonly string[], width: number): number {
  let rows = 1;
  let used = 0;
  for (const tag of tags) {
    const chip = Math.min(width, tag.length * TAG_FONT * 0.55 + TAG_PADDING);
    if (used > 0 && used + TAG_ROW_GAP + chip > width) {
      rows++;
      used = 0;
    }
    used += (used > 0 ? TAG_ROW_GAP : 0) + chip;
  }
  return rows;
}
