//! Deterministic generated prose for the benchmark library: our own word list
//! assembled into sentences, paragraphs, headings, lists, emphasis, links and
//! the odd date (so the timeline has events), as an HTML page for the real
//! importer.

/// A small xorshift generator: the same seed gives the same library on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `lo..hi` (`hi` exclusive).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.range(0, items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.range(0, 100) < percent
    }
}

const SUBJECTS: &[&str] = &[
    "the harbour council",
    "a quiet archivist",
    "the night ferry",
    "our field team",
    "the river authority",
    "a retired surveyor",
    "the lighthouse keeper",
    "the weaving cooperative",
    "the mapmakers' guild",
    "a travelling botanist",
    "the town's oldest bakery",
    "the signal office",
    "a curious apprentice",
    "the coastal survey",
    "the reading room",
];
const VERBS: &[&str] = &[
    "recorded",
    "questioned",
    "rebuilt",
    "measured",
    "described",
    "argued about",
    "set aside",
    "returned to",
    "catalogued",
    "mapped",
    "reconsidered",
    "translated",
    "photographed",
    "repaired",
    "counted",
];
const OBJECTS: &[&str] = &[
    "the tide tables",
    "a ledger of shipments",
    "the northern breakwater",
    "every second lantern",
    "the salt marsh",
    "a box of letters",
    "the old rail bridge",
    "the weather diaries",
    "the market square",
    "a row of elm trees",
    "the ferry timetable",
    "the printing press",
    "the flood markers",
    "a set of brass instruments",
    "the school garden",
];
const TAILS: &[&str] = &[
    "before the first frost",
    "with more patience than anyone expected",
    "while the rain kept falling",
    "for reasons nobody wrote down",
    "in a notebook with a green cover",
    "after a long argument at the pier",
    "without asking the mayor",
    "as the evening trains went past",
    "once the fog had lifted",
    "in careful pencil",
];
const ADVERBS: &[&str] = &["Meanwhile", "Later", "Even so", "By then", "In the end", "Years afterwards", "Oddly enough", "At first"];
const MONTHS: &[&str] =
    &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const HEADINGS: &[&str] = &[
    "The survey begins",
    "Letters from the pier",
    "What the tide tables showed",
    "A winter of repairs",
    "The second expedition",
    "Counting lanterns",
    "Arguments at the market",
    "Notes on the breakwater",
];

/// One sentence, capitalised and ending in a full stop.
pub fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(20) {
        s.push_str(rng.pick(ADVERBS));
        s.push_str(", ");
        s.push_str(&format!("{} {} {}", rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS)));
    } else if rng.chance(8) {
        let day = rng.range(1, 29);
        let month = rng.pick(MONTHS);
        let year = rng.range(1890, 2024);
        s.push_str(&format!("On {day} {month} {year}, {} {} {}", rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS)));
    } else {
        let subject = rng.pick(SUBJECTS);
        s.push_str(&format!("{subject} {} {}", rng.pick(VERBS), rng.pick(OBJECTS)));
    }
    if rng.chance(60) {
        s.push(' ');
        s.push_str(rng.pick(TAILS));
    }
    s.push('.');
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// Escapes text for HTML element content.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A paragraph of 3–7 sentences as HTML, with occasional emphasis and a link.
fn paragraph_html(rng: &mut Rng, out: &mut String) {
    out.push_str("<p>");
    let n = rng.range(3, 8);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let s = esc(&sentence(rng));
        if rng.chance(6) {
            out.push_str(&format!("<em>{s}</em>"));
        } else if rng.chance(4) {
            let slug = rng.range(1, 500);
            out.push_str(&format!("<a href=\"https://example.org/notes/{slug}\">{s}</a>"));
        } else {
            out.push_str(&s);
        }
    }
    out.push_str("</p>\n");
}

/// A whole article page of at least `min_text_bytes` bytes of paragraph text.
pub fn article_html(rng: &mut Rng, title: &str, min_text_bytes: usize) -> String {
    let mut body = String::new();
    let mut section = 0;
    while body.len() < min_text_bytes + min_text_bytes / 5 {
        if section % 12 == 0 {
            body.push_str(&format!("<h2>{} ({})</h2>\n", rng.pick(HEADINGS), section / 12 + 1));
        }
        if rng.chance(5) {
            body.push_str("<ul>");
            for _ in 0..rng.range(3, 6) {
                body.push_str(&format!("<li>{}</li>", esc(&sentence(rng))));
            }
            body.push_str("</ul>\n");
        } else {
            paragraph_html(rng, &mut body);
        }
        section += 1;
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta name=\"author\" content=\"Bench Writer\"></head><body><article><h1>{t}</h1>\n{body}</article></body></html>",
        t = esc(title)
    )
}

/// A short Markdown note of one to three sentences.
pub fn note_markdown(rng: &mut Rng) -> String {
    let n = rng.range(1, 4);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let s = sentence(rng);
        if i == 0 && rng.chance(30) {
            out.push_str(&format!("**{}**", s.trim_end_matches('.')));
            out.push('.');
        } else {
            out.push_str(&s);
        }
    }
    out
}
