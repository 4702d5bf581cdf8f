// The keyboard shortcuts panel (F1 or Help → Keyboard Shortcuts).
import { h } from "../dom";
import { openDialog } from "../dialog";

export const SHORTCUTS: Array<[string, string]> = [
  ["Ctrl+O", "Import files"],
  ["Ctrl+L", "Import an article from a web address"],
  ["Ctrl+E", "Export notes"],
  ["Ctrl+V", "New article from pasted text (in the library)"],
  ["Ctrl+Shift+V", "New article from the clipboard"],
  ["Ctrl+F", "Search the library"],
  ["Ctrl+1", "Back to the library"],
  ["Ctrl+2", "All highlights"],
  ["Ctrl+3", "The library's timeline"],
  ["+ / − / ← / → / Home", "Timeline: zoom in, zoom out, move, show every event"],
  ["Enter", "Open the selected article"],
  ["↑ / ↓", "Move through the library list"],
  ["Esc", "Close a panel, or go back to where the article was opened from"],
  ["1 / 2 / 3 / 4 / 5", "Highlight the selection in a colour, or recolour the selected highlight"],
  ["N", "Add a note to the selection or the selected highlight"],
  ["T", "Tag the selection or the selected highlight"],
  ["E", "Add the selection to the timeline"],
  ["J / K", "Next or previous highlight"],
  ["Enter", "Edit the selected highlight's note"],
  ["Delete", "Delete the selected highlight"],
  ["L", "Copy a link to the selected highlight"],
  ["Ctrl+Enter", "Save the note being edited"],
  ["Ctrl+Z / Ctrl+Shift+Z", "Undo or redo a highlight or note change"],
  ["Ctrl+= / Ctrl+-", "Larger or smaller text"],
  ["Ctrl+0", "Actual text size"],
  ["Ctrl+Shift+T", "Show or hide the timeline"],
  ["F1", "This list"],
];

export function openHelp(): void {
  openDialog({
    name: "help",
    title: "Keyboard shortcuts",
    closeOnBackdrop: true,
    body: [
      h(
        "dl",
        { class: "shortcut-list" },
        ...SHORTCUTS.flatMap(([keys, what]) => [
          h("dt", {}, ...keys.split(" / ").flatMap((k, i) => [i ? " / " : null, ...k.split("+").flatMap((part, j) => [j ? "+" : null, h("kbd", {}, part)])])),
          h("dd", {}, what),
        ]),
      ),
    ],
  });
}
