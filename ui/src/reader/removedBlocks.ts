// "Show what was removed": the blocks the importer's clean-up left out of an
// article (teasers, captions, prompts...), listed with where each stood, and
// put back one at a time. The reverse of hiding paragraphs: putting a block
// back changes the article's text, so the library moves highlights, hidden
// paragraphs and events after it; the reader then shows the article again.
import { api, type RemovalReason, type StoredRemovedBlock } from "../api";
import { openDialog } from "../dialog";
import { h } from "../dom";
import { icon } from "../icons";
import { describeError, toApiError } from "../lib/errors";
import { cpLength } from "./offsets";

const REASONS: Record<RemovalReason, { label: string; plural: string }> = {
  related: { label: "Teaser", plural: "teasers" },
  caption: { label: "Caption or credit", plural: "captions and credits" },
  prompt: { label: "Prompt", plural: "prompts" },
  widget: { label: "Button or label", plural: "buttons and labels" },
  meta: { label: "Date line", plural: "date lines" },
  notice: { label: "Notice", plural: "notices" },
  byline: { label: "Author line", plural: "author lines" },
};

export function reasonLabel(reason: RemovalReason): string {
  return REASONS[reason].label;
}

/** "3 removed blocks: 2 teasers, 1 prompt" (most common kind first). */
export function summary(blocks: readonly StoredRemovedBlock[]): string {
  if (blocks.length === 0) return "Nothing was removed from this article.";
  const counts = new Map<RemovalReason, number>();
  for (const b of blocks) counts.set(b.reason, (counts.get(b.reason) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${n} ${n === 1 ? REASONS[reason].label.toLowerCase() : REASONS[reason].plural}`);
  return `${blocks.length} removed ${blocks.length === 1 ? "block" : "blocks"}: ${parts.join(", ")}`;
}

/** The first words of the paragraph of `text` that starts at code point `at`. */
function paragraphAt(text: string, at: number): string {
  const chars = Array.from(text);
  const rest = chars.slice(at).join("");
  const paragraph = rest.split("\n\n", 1)[0] ?? "";
  const words = paragraph.split(/\s+/).filter(Boolean);
  return words.length > 8 ? `${words.slice(0, 8).join(" ")}…` : words.join(" ");
}

/** Where a removed block stood, in words: before which paragraph, or at the end. */
export function describePlace(block: Pick<StoredRemovedBlock, "at">, text: string): string {
  const length = cpLength(text);
  if (length === 0) return "In place of the article's text";
  if (block.at >= length) return "After the last paragraph";
  const next = paragraphAt(text, block.at);
  return block.at === 0 ? `At the start, before “${next}”` : `Before “${next}”`;
}

/** Where the block's first character is once it is back: its place, or after
 * the last paragraph (two characters of separator after the old text). */
export function restoredOffset(block: Pick<StoredRemovedBlock, "at">, oldText: string): number {
  const length = cpLength(oldText);
  if (length === 0) return 0;
  return block.at >= length ? length + 2 : block.at;
}

export interface RemovedBlocksHost {
  /** The article's current text, to describe places. */
  text(): string;
  /** Called with the block's new offset once the library has put it back. */
  restored(articleId: string, offset: number): Promise<void>;
  /** Reports a failure (the library refused, or could not be reached). */
  failed(message: string): void;
}

/** Opens the list of removed blocks for an article. */
export async function openRemovedBlocks(articleId: string, host: RemovedBlocksHost): Promise<void> {
  let blocks = await api.removedBlocks(articleId);
  const intro = h("p", { class: "removed-intro" });
  const list = h("ul", { class: "removed-list", "aria-label": "Removed blocks" });
  const render = () => {
    intro.textContent = `${summary(blocks)}. Sidenote left them out when it imported the page. Put one back and it returns to its place in the article; your highlights and notes stay on their words.`;
    list.replaceChildren(
      ...blocks.map((b) =>
        h(
          "li",
          { class: "removed-item", "data-seq": b.seq },
          h("div", { class: "removed-head" }, h("span", { class: `removed-reason reason-${b.reason}` }, reasonLabel(b.reason)), h("span", { class: "removed-place" }, describePlace(b, host.text()))),
          h("p", { class: "removed-text", title: b.text }, b.text),
          h("button", { type: "button", class: "btn btn-small put-back", onclick: () => void putBack(b) }, icon("restore"), "Put back"),
        ),
      ),
    );
  };
  const putBack = async (block: StoredRemovedBlock) => {
    const offset = restoredOffset(block, host.text());
    for (const b of Array.from(list.querySelectorAll<HTMLButtonElement>("button.put-back"))) b.disabled = true;
    // A block with pictures waits for them to be fetched and saved.
    const clicked = list.querySelector<HTMLButtonElement>(`li[data-seq="${block.seq}"] button.put-back`);
    if (clicked) {
      clicked.setAttribute("aria-busy", "true");
      clicked.textContent = /<img\b/i.test(block.html) ? "Saving its pictures…" : "Putting back…";
    }
    try {
      await api.restoreRemovedBlock(articleId, block.seq);
      blocks = await api.removedBlocks(articleId);
      await host.restored(articleId, offset);
      if (blocks.length === 0) dialog?.close();
      else {
        render();
        list.querySelector<HTMLButtonElement>("button.put-back")?.focus();
      }
    } catch (err) {
      host.failed(describeError(toApiError(err).payload));
      render();
    }
  };
  render();
  const dialog = openDialog({
    name: "removed-blocks",
    title: "What the clean-up removed",
    wide: true,
    closeOnBackdrop: true,
    body: [intro, list],
  });
}
