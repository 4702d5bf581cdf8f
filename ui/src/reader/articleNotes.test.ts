import { describe, expect, it } from "vitest";
import { articleNotesHeading, draftToSave } from "./articleNotes";

describe("article notes", () => {
  it("heads the section by how many notes there are", () => {
    expect(articleNotesHeading(1)).toBe("Note on this article");
    expect(articleNotesHeading(0)).toBe("Notes on this article (0)");
    expect(articleNotesHeading(3)).toBe("Notes on this article (3)");
  });

  it("saves a draft trimmed, and nothing for blank text", () => {
    expect(draftToSave("  Read with the log.\n")).toBe("Read with the log.");
    expect(draftToSave(" \n\t ")).toBeNull();
  });
});
