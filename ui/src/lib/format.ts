// Display formatting for dates and counts. Pure functions, unit-tested.

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** A partial ISO date ("2011", "2011-09", "2011-09-14") at its own precision. */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return "";
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return value;
  const [, year, month, day] = m;
  if (!month) return year;
  const monthName = MONTHS[Number(month) - 1];
  if (!monthName) return value;
  if (!day) return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** Short form for table cells: "14 Sep 2011", "Sep 2011", "2011". */
export function formatPartialDateShort(value: string | null | undefined): string {
  const long = formatPartialDate(value);
  return long.replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/, (name) =>
    name.slice(0, 3),
  );
}

/** "just now", "5 minutes ago", "yesterday", or a date for anything older than a week. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return `${then.getUTCDate()} ${MONTHS[then.getUTCMonth()].slice(0, 3)} ${then.getUTCFullYear()}`;
}

/** A size in bytes: "512 B", "200 kB", "3.2 MB", "1.5 GB" (binary units, as file managers on Linux show them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

// One formatter for every count: `toLocaleString` builds a new one on each
// call in JavaScriptCore, a cost the Timeline tab paid on every frame.
const NUMBER = new Intl.NumberFormat("en-US");

/** A number with thousands separators: "1,200". */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/**
 * Words read a minute. The word count counts every Chinese or Japanese
 * character as a word (as word processors do), and a character is read far
 * faster than an English word: Japanese readers are commonly estimated at
 * 400–600 characters a minute (kana are syllables), Chinese at 300–400 (each
 * character a morpheme). English and the other languages written with spaces
 * (Korean included) keep 230 words a minute.
 */
const WORDS_PER_MINUTE: Record<string, number> = { ja: 500, zh: 300 };
const DEFAULT_WORDS_PER_MINUTE = 230;

/** Reading time in the article's language (a BCP 47 tag, or none), never less than one minute. */
export function readingMinutes(words: number, lang?: string | null): number {
  const primary = (lang ?? "").split(/[-_]/)[0].toLowerCase();
  const rate = WORDS_PER_MINUTE[primary] ?? DEFAULT_WORDS_PER_MINUTE;
  return Math.max(1, Math.round(words / rate));
}

/** The host name of a URL without "www.", or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}
