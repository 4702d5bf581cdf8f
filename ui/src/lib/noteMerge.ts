// Merging a note being typed here with the same note changed on another
// device (arrived by sync while the editor is open). The editor's text is
// saved whole, so applying "theirs" blindly would lose the typing and
// keeping "mine" would undo the other device's edit: a three-way merge
// keeps both when they touch different parts of the note. When they touch
// the same part it is not clean, and the editor shows their text beside.

export interface Merged {
  text: string;
  /** Both edits are in `text`; false: `text` is `mine`, theirs must be shown. */
  clean: boolean;
  /** Where the caret at `caret` in `mine` is in `text`. */
  caret: number;
}

/** The part of `a` replaced to make `b`: `a[start, endA)` became `b[start, endB)`. */
function changed(a: string, b: string): { start: number; endA: number; endB: number } {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { start, endA, endB };
}

/** Merges `mine` (the editor, started from `base`) with `theirs` (another device's, from `base`). */
export function mergeNote(base: string, mine: string, theirs: string, caret = mine.length): Merged {
  if (theirs === base || theirs === mine) return { text: mine, clean: true, caret };
  if (mine === base) return { text: theirs, clean: true, caret: Math.min(caret, theirs.length) };
  const m = changed(base, mine);
  const t = changed(base, theirs);
  if (m.endA < t.start || (m.endA === t.start && m.start < t.start)) {
    // Mine comes first: the caret (in or before my change) stays where it is.
    const text = mine.slice(0, m.endB) + base.slice(m.endA, t.start) + theirs.slice(t.start, t.endB) + base.slice(t.endA);
    return { text, clean: true, caret };
  }
  if (t.endA < m.start || (t.endA === m.start && t.start < m.start)) {
    const text = base.slice(0, t.start) + theirs.slice(t.start, t.endB) + base.slice(t.endA, m.start) + mine.slice(m.start);
    const shift = text.length - mine.length;
    return { text, clean: true, caret: caret >= m.start ? caret + shift : caret };
  }
  return { text: mine, clean: false, caret };
}
