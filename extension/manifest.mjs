// One manifest source (manifest.json) for both browsers; each build keeps
// what its browser reads:
// - Chromium/Chrome: a background service worker, and `key`, the public key
//   that fixes the extension id (docs/browser.md shows how the id follows from it).
// - Firefox: background scripts (Firefox runs MV3 backgrounds as event pages)
//   and browser_specific_settings.gecko (the fixed id, Firefox 128 or newer).
// The version is the app's (workspace Cargo.toml), so both always match.

/**
 * @param {Record<string, any>} base the parsed manifest.json
 * @param {"chromium" | "firefox"} browser
 * @param {string} version
 * @returns {Record<string, any>}
 */
export function manifestFor(base, browser, version) {
  const m = structuredClone(base);
  m.version = version;
  if (browser === "chromium") {
    m.background = { service_worker: base.background.service_worker };
    delete m.browser_specific_settings;
  } else {
    m.background = { scripts: base.background.scripts };
    delete m.key;
  }
  return m;
}

/**
 * The workspace version, read from Cargo.toml's [workspace.package].
 * @param {string} cargoToml
 */
export function workspaceVersion(cargoToml) {
  const section = cargoToml.split(/^\[workspace\.package\]$/m)[1] ?? "";
  const match = /^version\s*=\s*"([^"]+)"/m.exec(section);
  if (!match) throw new Error("no version in [workspace.package] of Cargo.toml");
  return match[1];
}
