// Times chrono-node over documents [{"text", "dct"}] in a JSON file (the
// benchmark writes the same texts it tags). Startup and reading are excluded;
// one warm-up pass, then passes until MIN_SECONDS. Prints {"passes", "seconds"}.
// Usage: node chrono_bench.mjs DOCS.json MIN_SECONDS
import { readFileSync } from "node:fs";
import * as chrono from "chrono-node";

const [file, minSeconds = "2"] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(file, "utf8")).map((d) => ({
  text: d.text,
  ref: d.dct ? new Date(`${d.dct}T12:00:00Z`) : new Date(),
}));

let found = 0;
function pass() {
  for (const d of docs) found += chrono.parse(d.text, d.ref).length;
}

pass();
const start = process.hrtime.bigint();
let passes = 0;
let seconds = 0;
do {
  pass();
  passes += 1;
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
} while (seconds < Number(minSeconds));
console.log(JSON.stringify({ passes, seconds, docs: docs.length, found }));
