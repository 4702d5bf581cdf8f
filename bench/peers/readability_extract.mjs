// Readability.js adapter for shared/tools/extract_eval.py: prints the
// article's text, title and byline as JSON.
// Usage: node readability_extract.mjs FILE
import { readFileSync } from "node:fs";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const html = readFileSync(process.argv[2], "utf8");
const dom = new JSDOM(html, { url: "http://fakehost/test/page.html", virtualConsole: new VirtualConsole() });
const article = new Readability(dom.window.document).parse();
console.log(JSON.stringify({ text: article?.textContent ?? "", title: article?.title ?? "", byline: article?.byline ?? "" }));
