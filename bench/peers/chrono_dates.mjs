// chrono-node adapter for shared/tools/timex_eval.py: prints
// {"expressions": [{start, end, type, value}]} with offsets in code points.
// chrono only finds dates and times; the value carries the precision that
// chrono marks as certain (year, month, day, hour/minute).
// Usage: node chrono_dates.mjs FILE [DCT]
import { readFileSync } from "node:fs";
import * as chrono from "chrono-node";

const [file, dct] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
const ref = dct ? new Date(`${dct}T12:00:00Z`) : new Date();

// chrono's index is in UTF-16 code units; the scorer counts code points.
function codePoints(upTo) {
  let n = 0;
  for (let i = 0; i < upTo; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

const pad = (n, w = 2) => String(n).padStart(w, "0");

function timex(c) {
  const y = pad(c.get("year"), 4);
  if (c.isCertain("hour")) {
    return { type: "TIME", value: `${y}-${pad(c.get("month"))}-${pad(c.get("day"))}T${pad(c.get("hour"))}:${pad(c.get("minute"))}` };
  }
  if (c.isCertain("day") || c.isCertain("weekday")) return { type: "DATE", value: `${y}-${pad(c.get("month"))}-${pad(c.get("day"))}` };
  if (c.isCertain("month")) return { type: "DATE", value: `${y}-${pad(c.get("month"))}` };
  return { type: "DATE", value: y };
}

const expressions = chrono.parse(text, ref).map((r) => {
  const start = codePoints(r.index);
  return { start, end: start + [...r.text].length, text: r.text, ...timex(r.start) };
});
console.log(JSON.stringify({ expressions }));
