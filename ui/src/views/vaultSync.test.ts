import { describe, expect, it } from "vitest";
import { describeVaultReport } from "./vaultSync";

describe("describeVaultReport", () => {
  const base = { folder: "/v", written: [], unchanged: [], renamed: [], skipped: [] };
  it("says what the export did", () => {
    expect(describeVaultReport({ ...base, written: ["A.md"], unchanged: ["B.md", "C.md"] })).toBe("1 note written, 2 up to date.");
    expect(describeVaultReport({ ...base, written: ["A.md", "B.md"], renamed: [{ from: "Old.md", to: "A.md" }] })).toBe("2 notes written, 1 renamed.");
    expect(describeVaultReport({ ...base, skipped: [{ file: "X.md", reason: "its end line is missing" }] })).toBe("1 left alone (X.md: its end line is missing).");
    expect(describeVaultReport(base)).toBe("No articles to write.");
  });
});
