// A highlight for the reader's tests: the fields a test does not name get
// plain values (a yellow highlight of "words" at 0..5, no note, no tags).
import type { Highlight } from "../api";

export function testHighlight(fields: Partial<Highlight> & { id: string }): Highlight {
  return {
    articleId: "a",
    start: 0,
    end: 5,
    exact: "words",
    prefix: "",
    suffix: "",
    color: "yellow",
    note: "",
    tags: [],
    orphaned: false,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...fields,
  };
}
