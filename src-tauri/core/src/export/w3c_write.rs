//! Writes the W3C JSON export straight to a writer, annotation by annotation,
//! from the borrowed notes: byte for byte what `serde_json::to_string_pretty`
//! makes of `w3c_json::collection` (a test holds the two together), without
//! first cloning every highlight into a `Collection` and the whole document
//! into one string. A whole library's export is over 100 MB.

use std::io::{self, Write};

use super::w3c_events::{self, EventData};
use super::w3c_json::{Annotation, Body, Selector, ANNO_CONTEXT, FORMAT_VERSION, SIDENOTE_NS};
use super::ArticleNotes;
use crate::highlight::Highlight;

/// Writes the collection of `notes`, then a final newline.
pub fn write(notes: &[ArticleNotes], w: &mut impl Write) -> io::Result<()> {
    let events: Vec<Vec<Annotation>> = notes.iter().map(w3c_events::annotations).collect();
    let total = notes.iter().map(|n| n.highlights.len()).sum::<usize>() + events.iter().map(Vec::len).sum::<usize>();
    let mut j = Pretty { w, depth: 0, fresh: true };
    j.open(b'{')?;
    j.key("@context")?;
    j.open(b'[')?;
    j.item()?;
    j.string(ANNO_CONTEXT)?;
    j.item()?;
    j.open(b'{')?;
    j.key("sidenote")?;
    j.string(SIDENOTE_NS)?;
    j.close(b'}')?;
    j.close(b']')?;
    j.key_str("type", "AnnotationCollection")?;
    j.key_str("label", "Sidenote notes")?;
    j.key("total")?;
    j.number(total as u64)?;
    j.key("sidenote:formatVersion")?;
    j.number(FORMAT_VERSION.into())?;
    j.key("first")?;
    j.open(b'{')?;
    j.key_str("type", "AnnotationPage")?;
    j.key("startIndex")?;
    j.number(0)?;
    j.key("items")?;
    j.open(b'[')?;
    for (n, events) in notes.iter().zip(&events) {
        for h in &n.highlights {
            j.item()?;
            highlight(&mut j, h)?;
        }
        for e in events {
            j.item()?;
            annotation(&mut j, e)?;
        }
    }
    j.close(b']')?;
    j.close(b'}')?;
    j.key("sidenote:articles")?;
    j.open(b'[')?;
    for n in notes {
        let (a, s) = (&n.article, &n.article.summary);
        j.item()?;
        j.open(b'{')?;
        j.key_str("id", &s.id)?;
        j.key_str("title", &s.title)?;
        j.key_opt("byline", s.byline.as_deref())?;
        j.key_opt("site", s.site.as_deref())?;
        j.key_opt("sourceUrl", s.source_url.as_deref())?;
        j.key_str("sourceKind", s.source_kind.as_str())?;
        j.key_opt("published", s.published.map(|p| p.to_string()).as_deref())?;
        j.key_str("importedAt", &s.imported_at)?;
        j.key_opt("lang", s.lang.as_deref())?;
        j.key_opt("dir", a.dir.as_deref())?;
        j.key_str("text", &a.text)?;
        j.key_str("html", &a.html)?;
        j.close(b'}')?;
    }
    j.close(b']')?;
    j.close(b'}')?;
    j.w.write_all(b"\n")
}

/// A highlight as `w3c_json::annotation` makes it, written without the copy.
fn highlight<W: Write>(j: &mut Pretty<'_, W>, h: &Highlight) -> io::Result<()> {
    j.open(b'{')?;
    j.key("id")?;
    j.iri(&h.id)?;
    j.key_str("type", "Annotation")?;
    j.key_str("motivation", if h.note.is_empty() { "highlighting" } else { "commenting" })?;
    j.key_str("created", &h.created_at)?;
    j.key_str("modified", &h.updated_at)?;
    if !h.note.is_empty() || !h.tags.is_empty() {
        j.key("body")?;
        j.open(b'[')?;
        if !h.note.is_empty() {
            j.item()?;
            body(j, "TextualBody", &h.note, Some("text/markdown"), "commenting")?;
        }
        for t in &h.tags {
            j.item()?;
            body(j, "TextualBody", t, None, "tagging")?;
        }
        j.close(b']')?;
    }
    j.key("target")?;
    j.open(b'{')?;
    j.key("source")?;
    j.iri(&h.article_id)?;
    j.key("selector")?;
    j.open(b'[')?;
    j.item()?;
    quote(j, &h.exact, &h.prefix, &h.suffix)?;
    j.item()?;
    position(j, h.start, h.end)?;
    j.close(b']')?;
    j.close(b'}')?;
    j.key_str("sidenote:color", h.color.as_str())?;
    j.key("sidenote:orphaned")?;
    j.boolean(h.orphaned)?;
    j.close(b'}')
}

/// Any annotation (the timeline's `describing` ones), field for field as serde writes it.
fn annotation<W: Write>(j: &mut Pretty<'_, W>, a: &Annotation) -> io::Result<()> {
    j.open(b'{')?;
    j.key_str("id", &a.id)?;
    j.key_str("type", &a.kind)?;
    j.key_str("motivation", &a.motivation)?;
    if let Some(c) = &a.created {
        j.key_str("created", c)?;
    }
    if let Some(m) = &a.modified {
        j.key_str("modified", m)?;
    }
    if !a.body.is_empty() {
        j.key("body")?;
        j.open(b'[')?;
        for Body { kind, value, format, purpose } in &a.body {
            j.item()?;
            body(j, kind, value, format.as_deref(), purpose)?;
        }
        j.close(b']')?;
    }
    j.key("target")?;
    j.open(b'{')?;
    j.key_str("source", &a.target.source)?;
    j.key("selector")?;
    j.open(b'[')?;
    for s in &a.target.selector {
        j.item()?;
        match s {
            Selector::TextQuoteSelector { exact, prefix, suffix } => quote(j, exact, prefix, suffix)?,
            Selector::TextPositionSelector { start, end } => position(j, *start, *end)?,
        }
    }
    j.close(b']')?;
    j.close(b'}')?;
    if let Some(c) = &a.color {
        j.key_str("sidenote:color", c)?;
    }
    j.key("sidenote:orphaned")?;
    j.boolean(a.orphaned)?;
    if let Some(e) = &a.event {
        j.key("sidenote:event")?;
        event(j, e)?;
    }
    j.close(b'}')
}

fn event<W: Write>(j: &mut Pretty<'_, W>, e: &EventData) -> io::Result<()> {
    j.open(b'{')?;
    j.key_str("origin", &e.origin)?;
    j.key_str("timexType", &e.timex_type)?;
    j.key_str("value", &e.value)?;
    if let Some(v) = &e.value_end {
        j.key_str("valueEnd", v)?;
    }
    j.key("hidden")?;
    j.boolean(e.hidden)?;
    j.key("userEdited")?;
    j.boolean(e.user_edited)?;
    if !e.warnings.is_empty() {
        j.key("warnings")?;
        j.open(b'[')?;
        for w in &e.warnings {
            j.item()?;
            j.string(w)?;
        }
        j.close(b']')?;
    }
    if !e.warning_marks.is_empty() {
        j.key("warningMarks")?;
        j.open(b'[')?;
        for m in &e.warning_marks {
            j.item()?;
            j.open(b'{')?;
            j.key_str("kind", &m.kind)?;
            j.key_str("mark", &m.mark)?;
            j.key_str("message", &m.message)?;
            j.close(b'}')?;
        }
        j.close(b']')?;
    }
    j.close(b'}')
}

fn body<W: Write>(j: &mut Pretty<'_, W>, kind: &str, value: &str, format: Option<&str>, purpose: &str) -> io::Result<()> {
    j.open(b'{')?;
    j.key_str("type", kind)?;
    j.key_str("value", value)?;
    if let Some(f) = format {
        j.key_str("format", f)?;
    }
    j.key_str("purpose", purpose)?;
    j.close(b'}')
}

fn quote<W: Write>(j: &mut Pretty<'_, W>, exact: &str, prefix: &str, suffix: &str) -> io::Result<()> {
    j.open(b'{')?;
    j.key_str("type", "TextQuoteSelector")?;
    j.key_str("exact", exact)?;
    j.key_str("prefix", prefix)?;
    j.key_str("suffix", suffix)?;
    j.close(b'}')
}

fn position<W: Write>(j: &mut Pretty<'_, W>, start: u32, end: u32) -> io::Result<()> {
    j.open(b'{')?;
    j.key_str("type", "TextPositionSelector")?;
    j.key("start")?;
    j.number(start.into())?;
    j.key("end")?;
    j.number(end.into())?;
    j.close(b'}')
}

/// serde_json's pretty layout: two spaces a level, `"key": value`, one
/// member a line, and `[]` / `{}` for empty containers.
struct Pretty<'w, W: Write> {
    w: &'w mut W,
    depth: usize,
    /// Nothing written yet in the innermost open container.
    fresh: bool,
}

const SPACES: &[u8; 64] = b"                                                                ";

impl<W: Write> Pretty<'_, W> {
    fn open(&mut self, bracket: u8) -> io::Result<()> {
        self.depth += 1;
        self.fresh = true;
        self.w.write_all(&[bracket])
    }

    fn close(&mut self, bracket: u8) -> io::Result<()> {
        self.depth -= 1;
        if !self.fresh {
            self.newline()?;
        }
        self.fresh = false;
        self.w.write_all(&[bracket])
    }

    fn newline(&mut self) -> io::Result<()> {
        self.w.write_all(b"\n")?;
        let mut n = self.depth * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    /// Starts the next member of an array.
    fn item(&mut self) -> io::Result<()> {
        if !self.fresh {
            self.w.write_all(b",")?;
        }
        self.fresh = false;
        self.newline()
    }

    /// Starts the next member of an object (keys here never need escaping).
    fn key(&mut self, key: &str) -> io::Result<()> {
        self.item()?;
        self.w.write_all(b"\"")?;
        self.w.write_all(key.as_bytes())?;
        self.w.write_all(b"\": ")
    }

    fn key_str(&mut self, key: &str, value: &str) -> io::Result<()> {
        self.key(key)?;
        self.string(value)
    }

    fn key_opt(&mut self, key: &str, value: Option<&str>) -> io::Result<()> {
        self.key(key)?;
        match value {
            Some(v) => self.string(v),
            None => self.w.write_all(b"null"),
        }
    }

    fn number(&mut self, n: u64) -> io::Result<()> {
        write!(self.w, "{n}")
    }

    fn boolean(&mut self, b: bool) -> io::Result<()> {
        self.w.write_all(if b { b"true" } else { b"false" })
    }

    /// `urn:uuid:` and the id, as `w3c_json::article_iri` spells it.
    fn iri(&mut self, id: &str) -> io::Result<()> {
        self.w.write_all(b"\"urn:uuid:")?;
        self.escaped(id)?;
        self.w.write_all(b"\"")
    }

    fn string(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(b"\"")?;
        self.escaped(s)?;
        self.w.write_all(b"\"")
    }

    /// serde_json's escaping: `"`, `\` and the C0 controls, the common ones
    /// by their short forms, the rest as `\u00XX`; everything else as is.
    fn escaped(&mut self, s: &str) -> io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = s.as_bytes();
        let mut from = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none of them needs escaping.
            if let Some(chunk) = bytes.get(i..i + 8) {
                if !needs_escape(u64::from_le_bytes(chunk.try_into().unwrap_or_default())) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            i += 1;
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            let at = i - 1;
            self.w.write_all(&bytes[from..at])?;
            from = i;
            match b {
                b'"' => self.w.write_all(b"\\\"")?,
                b'\\' => self.w.write_all(b"\\\\")?,
                b'\n' => self.w.write_all(b"\\n")?,
                b'\r' => self.w.write_all(b"\\r")?,
                b'\t' => self.w.write_all(b"\\t")?,
                0x08 => self.w.write_all(b"\\b")?,
                0x0c => self.w.write_all(b"\\f")?,
                _ => self.w.write_all(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xf) as usize]])?,
            }
        }
        self.w.write_all(&bytes[from..])
    }
}

/// Whether any of the eight bytes in `x` is a C0 control, `"` or `\`
/// (exact: the usual "has a zero byte" test, on `x` and on `x` xor each quote).
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = (x ^ (ONES * b'"' as u64)).wrapping_sub(ONES) & !(x ^ (ONES * b'"' as u64));
    let backslash = (x ^ (ONES * b'\\' as u64)).wrapping_sub(ONES) & !(x ^ (ONES * b'\\' as u64));
    (below_space | quote | backslash) & HIGH != 0
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::export::fixtures::{self, notes};
    use crate::export::w3c_json::collection;
    use crate::timeline::WarningMark;

    fn streamed(notes: &[ArticleNotes]) -> String {
        let mut out = Vec::new();
        write(notes, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn serde(notes: &[ArticleNotes]) -> String {
        serde_json::to_string_pretty(&collection(notes)).unwrap() + "\n"
    }

    #[test]
    fn streaming_writes_what_serde_writes_of_the_collection() {
        let all = notes();
        assert_eq!(streamed(&all), serde(&all));
        assert_eq!(streamed(&all[1..]), serde(&all[1..]));
        assert_eq!(streamed(&[]), serde(&[]));
        let mut bare = notes();
        for n in &mut bare {
            n.highlights.clear();
            n.events.clear();
            n.article.summary.byline = None;
            n.article.dir = None;
        }
        assert_eq!(streamed(&bare), serde(&bare));
        let mut warned = notes();
        for e in &mut warned[0].events {
            e.warnings = vec![fixtures::warning("approximate", None), fixtures::warning("two \"dates\"", Some(WarningMark::Error))];
        }
        assert!(warned[0].events.iter().any(w3c_events::is_users));
        assert_eq!(streamed(&warned), serde(&warned));
    }

    proptest! {
        #[test]
        fn eight_byte_test_finds_exactly_the_bytes_to_escape(bytes in prop::array::uniform8(prop::sample::select(vec![0u8, 0x1f, 0x20, b'"', b'\\', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xa2, 0xdc, 0xff])), any_bytes in any::<[u8; 8]>()) {
            for b in [bytes, any_bytes] {
                prop_assert_eq!(needs_escape(u64::from_le_bytes(b)), b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\'));
            }
        }

        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in "(\\PC|[a-z ]{1,9}|[\u{0}-\u{1f}\u{7f}\"\\\\/]){0,40}") {
            let mut all = notes();
            let h = &mut all[0].highlights[0];
            h.exact = s.clone();
            h.note = s.clone();
            h.tags = vec![s.clone()];
            all[0].article.summary.title = s;
            prop_assert_eq!(streamed(&all), serde(&all));
        }
    }
}
