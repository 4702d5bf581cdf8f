// Times Readability.js (with jsdom building the DOM, as a Node tool must) over
// every page folder's source.html in DIR. Node startup and file reading are
// excluded: pages are read first, one warm-up pass runs, then passes repeat
// until MIN_SECONDS have elapsed. Prints {"passes": n, "seconds": s}.
// Usage: node readability_bench.mjs DIR MIN_SECONDS
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [dir, minSeconds = "2"] = process.argv.slice(2);
const pages = readdirSync(dir)
  .sort()
  .map((name) => join(dir, name, "source.html"))
  .filter((file) => existsSync(file))
  .map((file) => readFileSync(file, "utf8"));

// jsdom's console chatter about page CSS is noise here.
const quiet = new VirtualConsole();

function pass() {
  for (const html of pages) {
    const dom = new JSDOM(html, { url: "http://fakehost/test/page.html", virtualConsole: quiet });
    new Readability(dom.window.document).parse();
    dom.window.close();
  }
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
console.log(JSON.stringify({ passes, seconds, pages: pages.length }));
