// Builds the extension for both browsers from the one source:
//   dist/chromium/          unpacked, for chrome://extensions "Load unpacked" (and the tests)
//   dist/firefox/           unpacked, for about:debugging "Load Temporary Add-on"
//   dist/sidenote-chromium-<version>.zip
//   dist/sidenote-firefox-<version>.xpi
// Usage: node build.mjs [--no-package]   (--no-package: the folders only)
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { manifestFor, workspaceVersion } from "./manifest.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const version = workspaceVersion(readFileSync(join(root, "..", "Cargo.toml"), "utf8"));
const base = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const packageToo = !process.argv.includes("--no-package");

rmSync(dist, { recursive: true, force: true });
for (const browser of /** @type {const} */ (["chromium", "firefox"])) {
  const out = join(dist, browser);
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { background: join(root, "src/background.ts"), popup: join(root, "src/popup.ts") },
    outdir: out,
    bundle: true,
    // Classic scripts: a service worker and Firefox's event page load them the same way.
    format: "iife",
    // Modern syntax as written: no helpers injected into the function the
    // background serialises into pages (src/capture.ts).
    target: ["es2022"],
    // Readable output, as add-on reviewers ask.
    minify: false,
    legalComments: "none",
    logLevel: "warning",
  });
  cpSync(join(root, "src/popup.html"), join(out, "popup.html"));
  cpSync(join(root, "src/popup.css"), join(out, "popup.css"));
  cpSync(join(root, "icons"), join(out, "icons"), { recursive: true });
  writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifestFor(base, browser, version), null, 2)}\n`);
}

if (packageToo) {
  const webExt = await import("web-ext");
  for (const [browser, file] of [
    ["chromium", `sidenote-chromium-${version}.zip`],
    ["firefox", `sidenote-firefox-${version}.xpi`],
  ]) {
    const built = await webExt.cmd.build(
      { sourceDir: join(dist, browser), artifactsDir: dist, filename: `${browser}.zip`, overwriteDest: true },
      { shouldExitProgram: false, showReadyMessage: false },
    );
    renameSync(built.extensionPath, join(dist, file));
    console.log(`built dist/${file}`);
  }
}
console.log(`built dist/chromium and dist/firefox (version ${version})`);
