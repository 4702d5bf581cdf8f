// TIMEX3 values at their own precision, for people: "2001-06" → "June 2001",
// "200X" → "the 2000s". Pure functions, unit-tested.

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const SEASONS: Record<string, string> = { SP: "Spring", SU: "Summer", FA: "Autumn", WI: "Winter" };

export function formatTimex(value: string): string {
  const [date, time] = value.split("T");
  const decade = /^(\d{3})X?$/.exec(date);
  if (decade) return `the ${decade[1]}0s`;
  const century = /^(\d{2})(?:XX)?$/.exec(date);
  if (century) return `the ${century[1]}00s`;
  const m = /^(\d{4})(?:-(\w{2,3}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return value;
  const [, year, second, day] = m;
  let text = year;
  if (second) {
    if (SEASONS[second]) text = `${SEASONS[second]} ${year}`;
    else if (/^Q\d$/.test(second)) text = `${second} ${year}`;
    else if (/^H\d$/.test(second)) text = `${second === "H1" ? "First" : "Second"} half of ${year}`;
    else if (/^W\d+$/.test(second)) text = `Week ${Number(second.slice(1))}, ${year}`;
    else {
      const month = MONTHS[Number(second) - 1];
      if (!month) return value;
      text = day ? `${Number(day)} ${month} ${year}` : `${month} ${year}`;
    }
  }
  if (time) {
    const hm = /^(\d{2}):(\d{2})/.exec(time);
    if (hm) text += `, ${hm[1]}:${hm[2]}`;
    else if (time === "MO") text += ", morning";
    else if (time === "AF") text += ", afternoon";
    else if (time === "EV") text += ", evening";
    else if (time === "NI") text += ", night";
  }
  return text;
}

/** The span a value covers in fractional years, or null when it is not on the calendar. */
export function timexSpan(value: string): [number, number] | null {
  const date = value.split("T")[0];
  const short = /^(\d{2,3})X*$/.exec(date);
  if (short) {
    const scale = 10 ** (4 - short[1].length);
    const start = Number(short[1]) * scale;
    return [start, start + scale];
  }
  const m = /^(\d{4})(?:-(\w{2,3}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const second = m[2];
  if (!second) return [year, year + 1];
  const months = (m0: number, n: number): [number, number] => [year + m0 / 12, year + (m0 + n) / 12];
  if (SEASONS[second]) return months({ SP: 2, SU: 5, FA: 8, WI: 11 }[second] as number, 3);
  if (/^Q\d$/.test(second)) return months((Number(second[1]) - 1) * 3, 3);
  if (/^H\d$/.test(second)) return months(second === "H1" ? 0 : 6, 6);
  if (/^W\d+$/.test(second)) {
    const start = year + ((Number(second.slice(1)) - 1) * 7) / 365.25;
    return [start, start + 7 / 365.25];
  }
  const month = Number(second);
  if (!(month >= 1 && month <= 12)) return null;
  if (!m[3]) return months(month - 1, 1);
  const start = year + (month - 1) / 12 + (Number(m[3]) - 1) / 365.25;
  return [start, start + 1 / 365.25];
}

/** The year heading an event falls under ("2001", or "1990s" for a decade). */
export function yearHeading(value: string): string {
  const span = timexSpan(value);
  if (!span) return "Undated";
  const [start, end] = span;
  if (end - start > 1.01) return `${Math.floor(start)}s`;
  return String(Math.floor(start));
}

/** "3 years later" between two headings' starts, or null when adjacent. */
export function gapLabel(fromYear: number, toYear: number): string | null {
  const gap = Math.floor(toYear) - Math.floor(fromYear);
  if (gap <= 1) return null;
  return `${gap} years later`;
}
