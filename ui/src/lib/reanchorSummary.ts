// What became of an article's highlights when its text was replaced (read
// again with another encoding), said in one sentence for the toast.
import type { ReanchorReport } from "../bindings/ReanchorReport";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A sentence about the highlights that moved, were found approximately or
 * could not be placed; empty when the article has none. */
export function reanchorSummary(r: ReanchorReport): string {
  const found = r.moved + r.fuzzy;
  const total = r.unchanged + found + r.orphaned;
  if (total === 0) return "";
  if (total === r.unchanged) return total === 1 ? "Its highlight kept its place." : `All ${total} highlights kept their places.`;
  const parts: string[] = [];
  if (r.unchanged > 0) parts.push(`${count(r.unchanged, "highlight", "highlights")} kept ${r.unchanged === 1 ? "its place" : "their places"}`);
  if (found > 0) {
    const approx = r.fuzzy === 0 ? "" : r.fuzzy === found ? (found === 1 ? " (approximately)" : " (all approximately)") : ` (${r.fuzzy} approximately)`;
    parts.push(`${count(found, "highlight", "highlights")} ${found === 1 ? "was" : "were"} found in the new text${approx}`);
  }
  if (r.orphaned > 0) {
    parts.push(`${count(r.orphaned, "highlight", "highlights")} could not be placed and ${r.orphaned === 1 ? "is" : "are"} kept above the article`);
  }
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
