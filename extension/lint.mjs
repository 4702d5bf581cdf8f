// `web-ext lint` on the Firefox build: no errors, and no warnings but the two
// that say Firefox 128-139 (which we support) ignore
// gecko.data_collection_permissions. Firefox requires that key of new
// extensions ("none": nothing leaves the computer; pages go to the local app),
// and older versions skip keys they do not know.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const EXPECTED = new Set(["KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION", "KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION"]);

let out;
try {
  out = execFileSync(join(root, "node_modules/.bin/web-ext"), ["lint", "--source-dir", join(root, "dist/firefox"), "--output", "json"], { encoding: "utf8" });
} catch (e) {
  // web-ext exits non-zero when it finds errors; its report is still on stdout.
  out = /** @type {{ stdout?: string }} */ (e).stdout ?? "";
}
const report = JSON.parse(out);
const problems = [...report.errors, ...report.warnings.filter((/** @type {{ code: string }} */ w) => !EXPECTED.has(w.code)), ...report.notices];
for (const p of problems) console.error(`${p._type}: ${p.code}: ${p.message} (${p.file ?? "manifest"})`);
console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings (${report.warnings.filter((/** @type {{ code: string }} */ w) => EXPECTED.has(w.code)).length} expected), ${report.summary.notices} notices`);
if (problems.length > 0) process.exit(1);
