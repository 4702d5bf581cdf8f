// The extension's fixed ids, the host's name and the install link agree
// everywhere they are written: the manifest, the Rust host
// (src-tauri/src/browser/manifest.rs), the packaged host manifests and the docs.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HOST_NAME, INSTALL_URL } from "../src/config";

const repo = join(__dirname, "..", "..");
const read = (path: string) => readFileSync(join(repo, path), "utf8");
const manifest = JSON.parse(read("extension/manifest.json"));
const rust = read("src-tauri/src/browser/manifest.rs");
const rustConst = (name: string) => new RegExp(`pub const ${name}: &str = "([^"]+)";`).exec(rust)?.[1];

/** Chromium's id for an unpacked or packed extension: the first 128 bits of SHA-256 of the public key (DER), as hex digits 0-f written a-p. */
function chromiumId(keyBase64: string): string {
  const hex = createHash("sha256").update(Buffer.from(keyBase64, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode("a".charCodeAt(0) + parseInt(c, 16))).join("");
}

describe("extension ids", () => {
  it("derives the Chromium id the host allows from the key in the manifest", () => {
    const id = chromiumId(manifest.key);
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(rustConst("CHROMIUM_EXTENSION_ID")).toBe(id);
    const packaged = JSON.parse(read("src-tauri/packaging/native-messaging/chromium/app.sidenote.reader.json"));
    expect(packaged.allowed_origins).toEqual([`chrome-extension://${id}/`]);
    expect(read("docs/browser.md")).toContain(id);
  });

  it("uses the Firefox id the host allows", () => {
    const id = manifest.browser_specific_settings.gecko.id;
    expect(rustConst("FIREFOX_EXTENSION_ID")).toBe(id);
    const packaged = JSON.parse(read("src-tauri/packaging/native-messaging/firefox/app.sidenote.reader.json"));
    expect(packaged.allowed_extensions).toEqual([id]);
  });

  it("asks for the host by the name its manifests carry", () => {
    expect(rustConst("HOST_NAME")).toBe(HOST_NAME);
    for (const browser of ["chromium", "firefox"]) {
      expect(JSON.parse(read(`src-tauri/packaging/native-messaging/${browser}/${HOST_NAME}.json`)).name).toBe(HOST_NAME);
    }
  });

  it("links to the install section of docs/browser.md at the repository's address", () => {
    const repository = /^repository\s*=\s*"([^"]+)"/m.exec(read("Cargo.toml"))?.[1];
    expect(repository).toBeTruthy();
    expect(INSTALL_URL).toBe(`${repository}/blob/main/docs/browser.md#install`);
    expect(read("docs/browser.md")).toMatch(/^## Install$/m);
  });
});
