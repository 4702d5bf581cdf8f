import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFor, workspaceVersion } from "../manifest.mjs";

const base = JSON.parse(readFileSync(join(__dirname, "..", "manifest.json"), "utf8"));

describe("per-browser manifests", () => {
  it("gives Firefox background scripts, its fixed id and its minimum version, and no Chromium key", () => {
    const m = manifestFor(base, "firefox", "1.2.3");
    expect(m.background).toEqual({ scripts: ["background.js"] });
    expect(m.browser_specific_settings.gecko).toMatchObject({ id: "capture@sidenote.reader", strict_min_version: "128.0" });
    expect(m.key).toBeUndefined();
    expect(m.version).toBe("1.2.3");
  });

  it("gives Chromium a service worker and the key that fixes its id, and no Firefox settings", () => {
    const m = manifestFor(base, "chromium", "1.2.3");
    expect(m.background).toEqual({ service_worker: "background.js" });
    expect(m.key).toBe(base.key);
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it("asks for no more than it uses: no host permissions, no tabs, cookies or storage", () => {
    expect(base.permissions.sort()).toEqual(["activeTab", "contextMenus", "nativeMessaging", "scripting"]);
    expect(base.host_permissions).toBeUndefined();
    expect(base.content_scripts).toBeUndefined();
    expect(base.manifest_version).toBe(3);
    expect(base.commands._execute_action.suggested_key.default).toBeTruthy();
  });

  it("takes the app's version from the workspace", () => {
    const toml = '[workspace]\nmembers = []\n\n[workspace.package]\nversion = "4.5.6"\nedition = "2021"\n';
    expect(workspaceVersion(toml)).toBe("4.5.6");
    expect(() => workspaceVersion("[package]\nversion = \"1\"\n")).toThrow(/no version/);
  });
});
