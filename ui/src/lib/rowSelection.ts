// Which rows of a list are selected, as a desktop list does it: a click
// with Ctrl (⌘ on macOS) toggles one row, a click with Shift selects the
// rows from the last toggled one (the anchor) to this one, and the
// selection keeps only rows still listed after a new search or sort.

export interface RowSelection {
  readonly selected: ReadonlySet<string>;
  /** The row a Shift-click extends from: the last one toggled. */
  readonly anchor: string | null;
}

export const emptySelection: RowSelection = { selected: new Set(), anchor: null };

/** Selects or unselects one row; it becomes the anchor. */
export function toggleRow(sel: RowSelection, id: string): RowSelection {
  const selected = new Set(sel.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { selected, anchor: id };
}

/**
 * Adds the rows between the anchor and `id` (both included) in list order
 * to the selection; without an anchor still listed, toggles `id` alone.
 */
export function extendTo(sel: RowSelection, order: readonly string[], id: string): RowSelection {
  const from = sel.anchor === null ? -1 : order.indexOf(sel.anchor);
  const to = order.indexOf(id);
  if (to < 0) return sel;
  if (from < 0) return toggleRow(sel, id);
  const selected = new Set(sel.selected);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) selected.add(order[i]);
  return { selected, anchor: sel.anchor };
}

/** Every listed row selected, or (when all already are) none. */
export function toggleAll(sel: RowSelection, order: readonly string[]): RowSelection {
  const all = order.length > 0 && order.every((id) => sel.selected.has(id));
  return all ? emptySelection : { selected: new Set(order), anchor: sel.anchor };
}

/** The selection with only the rows still listed, in list order. */
export function keepListed(sel: RowSelection, order: readonly string[]): RowSelection {
  const listed = new Set(order);
  const selected = new Set(order.filter((id) => sel.selected.has(id)));
  return { selected, anchor: sel.anchor !== null && listed.has(sel.anchor) ? sel.anchor : null };
}

/** The selected rows in list order. */
export function selectedInOrder(sel: RowSelection, order: readonly string[]): string[] {
  return order.filter((id) => sel.selected.has(id));
}
