//! Dates that are metadata, not events: page furniture the extractor kept
//! (published and updated stamps, bylines, copyright lines, comment headers,
//! embedded posts' signatures, teasers of other articles) and reference
//! lines ("Retrieved 9 January 2011", "Archived from the original"); and
//! data that is no prose (a table, a quoted value in code). They say when a
//! page or a source was made, not what happened, so they are never
//! timeline events. Judged by the line the date stands on.

use crate::timex::lexicon;

/// Phrases that make a line a citation or a reference.
const REFERENCE: &[&str] = &[
    "retrieved",
    "accessed",
    "archived from",
    "archived on",
    "archived at",
    "consulté le",
    "abgerufen am",
    "zugriff am",
    "consultado el",
    "[dostęp",
];

/// Words that stamp a page or a post with its date.
const STAMPS: &[&str] = &[
    "published",
    "updated",
    "update",
    "posted",
    "modified",
    "created",
    "edited",
    "filed",
    "date",
    "veröffentlicht",
    "aktualisiert",
    "stand",
    "erstellt",
    "editiert",
    "publicado",
    "actualizado",
    "actualización",
    "publié",
    "modifié",
    "opublikowano",
    "zaktualizowano",
    "aktualizacja",
    "pubblicato",
    "aggiornato",
    "fecha",
];

/// Words allowed between a stamp word and its date: "Posted on", "Updated:
/// at", "Update vom", "Publié le"; and a day and month the tagger (which
/// reads English) left out of the date: "mis à jour le 7 janvier 2020".
const STAMP_GAP: &[&str] = &["on", "at", "vom", "am", "le", "el", "the", "de", "del", "dnia", "il", "last", "first"];

/// Month names of the languages of the news we import, as they stand before a year.
pub(super) const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "desember",
    "november",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
];

/// Verbs of a comment's header: "Alan wrote on December 24, 2020 at 3:53 am:".
const COMMENT: &[&str] = &["wrote", "says", "said", "commented", "replied", "schrieb", "escribió", "écrit", "napisał"];

/// True when the date at code points `[start, end)` of the text (its
/// TIMEX3 `value`) is metadata.
pub fn is_metadata(chars: &[char], start: usize, end: usize, value: &str) -> bool {
    let line_start = (0..start).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
    let line_end = (end..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
    let line: String = chars[line_start..line_end].iter().collect::<String>().to_lowercase();
    let before: String = chars[line_start..start].iter().collect::<String>().to_lowercase();
    let after: String = chars[end..line_end].iter().collect::<String>().to_lowercase();
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>()
    };
    let line_words = words(&line);
    let before_words = words(&before);
    let after_words = words(&after);

    // Data, not prose: a table drawn with box characters, or an ISO date
    // opening a quoted value ('2020-08-01 17:00 UTC', "2030-08-14 17:43:12").
    if line.contains(['│', '┃', '┼', '─']) {
        return true;
    }
    if chars.get(start.wrapping_sub(1)).is_some_and(|c| matches!(c, '\'' | '"')) && chars.get(start + 4) == Some(&'-') {
        return true;
    }
    // References and citations, copyright lines.
    let trimmed = line.trim_start();
    if REFERENCE.iter().any(|r| line.contains(r)) || trimmed.starts_with('^') || trimmed.starts_with('↑') {
        return true;
    }
    // A citation: "“Prop. 13 proves costly”, Page A8, Jan. 13:", "Hazewinkel,
    // Michiel, ed. (2001)", "Frankel, Theodore (2004). The Geometry of ...".
    let tail: String = before.chars().rev().take(24).collect::<String>().chars().rev().collect();
    let tail_words: Vec<&str> = tail.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let page_ref = matches!(tail_words.as_slice(), [.., "page", n] if n.chars().any(|c| c.is_ascii_digit()));
    let editor = tail.trim_end().ends_with("ed. (") || tail.trim_end().ends_with("eds. (") || tail.trim_end().ends_with("et al. (");
    let apa = before.ends_with('(') && after.starts_with(").") && chars[start..end].iter().all(char::is_ascii_digit);
    // "(World Meteorological Organization, 2023)": an author and a year in brackets.
    let author_year = after.starts_with(')') && before.ends_with(", ") && {
        let opening: String = chars[line_start..start].iter().rev().take(80).take_while(|c| **c != '(').collect();
        let inside: String = opening.chars().rev().collect();
        chars[line_start..start].iter().rev().take(80).any(|c| *c == '(')
            && inside.split_whitespace().next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            && inside.split_whitespace().count() <= 8
    };
    // "You can help by adding to it. (February 2018)": a date in brackets
    // after a sentence has ended annotates the text.
    let annotation = after.starts_with(')') && {
        let b = before.trim_end();
        b.ends_with('(') && b[..b.len() - 1].trim_end().ends_with(['.', '!', '?'])
    };
    // "« La politique du rayon de soleil », Le Monde diplomatique, juin
    // 2018.": a title in quotation marks, its publication, and its date.
    // (A day and a month the tagger cannot read may stand before the year.)
    let mut lead_in = before.as_str();
    while let Some((head, last)) = lead_in.trim_end().rsplit_once(' ') {
        if MONTHS.contains(&last) || last.chars().all(|c| c.is_ascii_digit() || c == '.') {
            lead_in = head;
        } else {
            break;
        }
    }
    let lead_in = if lead_in.len() < before.len() { format!("{} ", lead_in.trim_end()) } else { before.clone() };
    let publication = lead_in.ends_with(", ") && after.trim_start().chars().next().is_none_or(|c| matches!(c, '.' | ')' | ';')) && {
        let near: String = chars[line_start..start].iter().rev().take(60).collect::<String>().chars().rev().collect();
        near.rfind(['”', '»', '"']).is_some_and(|q| {
            let between = &near[q..];
            between.contains(", ") && between.chars().filter(|c| c.is_uppercase()).count() >= 1 && between.split_whitespace().count() <= 6
        })
    };
    // "Cet article, initialement publié en avril 2017, ...", "originally
    // published in 2009": the page's own history.
    let history = [
        "originally published",
        "first published",
        "initialement publié",
        "publié initialement",
        "publicado originalmente",
        "ursprünglich veröffentlicht",
        "erstmals veröffentlicht",
    ]
    .iter()
    .any(|p| before.chars().rev().take(40).collect::<String>().chars().rev().collect::<String>().contains(p));
    // A price right after the date: a listing ("2e trimestre 2007 7,65
    // euros", "octobre 2016, 17, 90 €"), not "In 2007, 7,000 euros were raised".
    let priced = {
        let rest = after.trim_start().trim_start_matches(',').trim_start();
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ')).collect();
        let tail = rest[digits.len()..].trim_start();
        digits.chars().any(|c| c.is_ascii_digit())
            && digits.len() <= 8
            && (tail.starts_with('€') || tail.starts_with("euro") || tail.starts_with('$') || tail.starts_with('£'))
            && !before_words.last().is_some_and(|w| PREPOSITIONS.contains(&w.as_str()))
    };
    // A newsletter's call to action: "signing up to our newsletter today!".
    let call_to_action = (line.contains("newsletter") || line.contains("subscribe")) && line_words.len() <= 25;
    if page_ref || editor || apa || author_year || annotation || publication || history || priced || call_to_action {
        return true;
    }
    // A copyright notice: the date right after its sign, or a short line
    // (an image credit run into a paragraph leaves the paragraph's dates alone).
    let notice = ["copyright", "all rights reserved"];
    let near = before.chars().rev().take(40).collect::<String>().chars().rev().collect::<String>();
    let noticed = |s: &str| notice.iter().any(|n| s.contains(n)) || copyright_sign(s);
    if noticed(&near) || (line_words.len() <= 15 && noticed(&line)) {
        return true;
    }
    // A stamp word right before the date, set apart as a label: "Posted on
    // April 22, 2022", "/Updated: Aug. 18, 2020", "Update vom 03. Mai 2020,
    // 16:05 Uhr: ..."; not "the page was created on Dec. 18".
    if let Some(w) = stamp_before(chars, line_start, start) {
        if STAMPS.contains(&w.as_str()) {
            return true;
        }
    }
    let short = line_words.len() <= 12;
    // "... 2020. Edited late in the afternoon of Sunday, October 18th, 2020.":
    // a stamp word opening the date's own sentence.
    let sentence_start = before.rfind(". ").map_or(0, |k| k + 2);
    let sentence: Vec<&str> = before[sentence_start..].split_whitespace().collect();
    if sentence.len() <= 10 && sentence.first().is_some_and(|w| STAMPS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))) {
        let original_first = chars[line_start..start].iter().collect::<String>();
        let original_first = &original_first[original_first.rfind(". ").map_or(0, |k| k + 2)..];
        if original_first.trim_start().chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
    }
    // A short line opened by a stamp word ("Created late in the afternoon of
    // Sunday, October 18th, 2020"), a byline with its date ("By Cat
    // Lafuente/June 12, 2020 9:49 am EST"), a comment's header ending in a colon.
    if short && line_words.first().is_some_and(|w| STAMPS.contains(&w.as_str())) {
        return true;
    }
    // "By Ann Lee | June 12, 2020", "par Didier Roy, 21 juin 2018", not "By
    // 2016 the town had grown".
    let original: String = chars[line_start..line_end].iter().collect();
    let original = original.trim_start();
    let byline = ["By ", "by ", "Written by ", "Par ", "par ", "Por ", "por ", "Von ", "von "]
        .iter()
        .find_map(|p| original.strip_prefix(p))
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
        && before_words.len() >= 2;
    if line_words.len() <= 20 && byline {
        return true;
    }
    if line_words.len() <= 15 && line.trim_end().ends_with(':') && line_words.iter().any(|w| COMMENT.contains(&w.as_str())) {
        return true;
    }
    // An embedded post's signature: "— Name (@handle) April 21, 2020".
    if (trimmed.starts_with('—') || trimmed.starts_with('–') || trimmed.starts_with("- ")) && line.contains('@') {
        return true;
    }
    // A teaser of another article: "... co-presented by The Public Theatre and Onassis […]".
    if line.trim_end().ends_with("[…]") || line.trim_end().ends_with("[...]") {
        return true;
    }
    // A date and a clock time set apart ("19. Oktober 2019, 19:08 Uhr",
    // "HEART OF EMPIRE — August 13, 2015, 11:32 am", "11 de mayo de 2022 -
    // 3:40 a.m."), not a time in prose ("at 10:41 a.m. Tuesday").
    let quote: String = chars[start..end].iter().collect();
    if stamp_with_time(&before, &quote, &after, value) {
        return true;
    }
    // A full date opening its line and followed by a heading or nothing:
    // a dateline or a teaser's stamp ("May 06, 2022 News Kaieteur News –",
    // "03/05/2022 Seguridad"); not "September 11, 2001 changed everything".
    // (A stamp carries its year: "THURSDAY APRIL 2 COLOUR CLUB" lists a tour's
    // date; "Last night Tanaiste Leo Varadkar ..." is prose.)
    let day = value.len() >= 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    let written_year = chars[start..end].iter().collect::<String>().split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 4);
    let next = chars[end..line_end].iter().find(|c| !c.is_whitespace());
    // (Or by a separator: "April 17, 2015 -- Imagine ...", "February 4, 2020 • words by ...".)
    if day && written_year && before.trim().is_empty() && next.is_none_or(|c| c.is_uppercase() || matches!(c, '|' | '•' | '·' | '—' | '-'))
    {
        return true;
    }
    // A date in a list of stamps: "26 abril 2022 | Sesiona IV Pleno ...".
    if after.trim_start().starts_with('|') || before.trim_end().ends_with('|') {
        return true;
    }
    // A date alone on its line, at a month or finer ("September 28, 2020",
    // "19.10.19, 08:16 Uhr"): a dateline or a stamp. A year alone is a heading
    // ("1989" over the paragraphs it dates) and stays.
    let date: String = chars[start..end].iter().collect();
    let year_only = date.trim().len() == 4 && date.trim().chars().all(|c| c.is_ascii_digit());
    // (A month misspelt beside its day, "17 Ocotber 2020", which the tagger
    // could not read, is still the stamp's month.)
    // (Stops at the first other word: in prose that is the first one, and
    // the misspelling test runs on few words.)
    let day_given = || line_words.iter().any(|w| w.len() <= 2 && w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)));
    let only_date_words = before_words
        .iter()
        .chain(&after_words)
        .all(|w| is_time_word(w) || MONTHS.contains(&w.as_str()) || (misspelt_month(w) && day_given()));
    let heading = year_only && before_words.is_empty() && after_words.is_empty();
    !heading && only_date_words
}

/// The word before the date (past the words a stamp allows between, such
/// as "on"), lowercased, when it stands as a label: capitalised, first on
/// its line, after a separator ("/", "|", "·") or followed by a colon.
fn stamp_before(chars: &[char], line_start: usize, start: usize) -> Option<String> {
    let mut k = start;
    loop {
        // Back over spaces and punctuation to the end of the previous word.
        let mut e = k;
        while e > line_start && !chars[e - 1].is_alphanumeric() {
            e -= 1;
        }
        if e == line_start {
            return None;
        }
        let mut b = e;
        while b > line_start && chars[b - 1].is_alphanumeric() {
            b -= 1;
        }
        let word: String = chars[b..e].iter().collect();
        let lower = word.to_lowercase();
        if STAMP_GAP.contains(&lower.as_str()) || MONTHS.contains(&lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()) {
            k = b;
            continue;
        }
        // "mis à jour le": a stamp of several words.
        if lower == "jour" {
            let head: String = chars[line_start..b].iter().collect::<String>().to_lowercase();
            let head = head.trim_end();
            return (head.ends_with("mis à") || head.ends_with("mise à")).then(|| "updated".to_owned());
        }
        let between: String = chars[e..k].iter().collect();
        let mut p = b;
        while p > line_start && chars[p - 1] == ' ' {
            p -= 1;
        }
        let label = word.chars().next().is_some_and(char::is_uppercase)
            || p == line_start
            || matches!(chars[p - 1], '/' | '|' | '·' | '•' | '—' | '–')
            || between.contains(':');
        return label.then_some(lower);
    }
}

const PREPOSITIONS: &[&str] = &[
    "at", "on", "in", "by", "from", "until", "till", "since", "before", "after", "around", "about", "between", "to", "of", "am", "um",
    "seit", "bis", "ab", "vom", "desde", "hasta", "las", "a", "le", "au", "du", "depuis", "w", "od", "do", "o",
];

/// A clock time right after a date, or a date-and-time expression, that no
/// preposition introduces: the stamp of a page, a post or a comment.
fn stamp_with_time(before: &str, quote: &str, after: &str, value: &str) -> bool {
    let lead = before.split_whitespace().last().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()).unwrap_or_default();
    if PREPOSITIONS.contains(&lead.as_str()) {
        return false;
    }
    let has_year = |s: &str| s.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() == 4);
    // "19. Oktober 2019, 19:08 Uhr": a clock time right after a date.
    let clock_follows = {
        let rest = after.trim_start().trim_start_matches([',', '-', '–', '—', '|', '·', '•']).trim_start();
        let rest = rest.strip_prefix("at ").or_else(|| rest.strip_prefix("um ")).unwrap_or(rest);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty() && digits.len() <= 2 && rest[digits.len()..].starts_with(':')
    };
    let with_time = value.split_once('T').is_some_and(|(_, t)| t.as_bytes().first().is_some_and(u8::is_ascii_digit));
    // "11 de mayo de 2022 - 3:40 a.m.": a time right after a year.
    let year_before = {
        let b = before.trim_end().trim_end_matches(['-', '–', '—', ',', ' ']);
        let tail: String = b.chars().rev().take_while(char::is_ascii_digit).collect();
        // (Or a date in figures with its year: "Fama: 2022/04/28 05:03pm".)
        let figures = b.rsplit(char::is_whitespace).next().unwrap_or("");
        let parts: Vec<&str> = figures.split(['/', '.', '-']).collect();
        let numeric_date = parts.len() == 3
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && parts.iter().any(|p| p.len() == 4);
        tail.len() == 4 || numeric_date
    };
    (clock_follows && has_year(quote)) || (with_time && (has_year(quote) || year_before))
}

/// Words that go with a stamp's date and time: weekdays, "at", "am", "Uhr", zones.
pub(super) fn is_time_word(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = &w[digits.len()..];
    w.chars().all(|c| c.is_ascii_digit())
        || (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && matches!(unit, "am" | "pm" | "h" | "uhr"))
        || matches!(
            w,
            "at" | "am"
                | "pm"
                | "a"
                | "m"
                | "p"
                | "uhr"
                | "h"
                | "est"
                | "edt"
                | "cst"
                | "cdt"
                | "pst"
                | "pdt"
                | "gmt"
                | "utc"
                | "cet"
                | "cest"
                | "ist"
                | "on"
                | "the"
                | "of"
        )
        || lexicon::weekday_name(w).is_some()
        // A stamp given twice: "22 Dec, 2016 22 Dec, 2016".
        || lexicon::month(w).is_some()
}

/// A word one slip from a month's full name (a letter wrong, missing, added,
/// or two swapped: "Ocotber", "Feburary", "Septmber"), with the month's
/// first letter and at least five letters, so that short words ("Mary",
/// "Jane") are never taken for one.
fn misspelt_month(w: &str) -> bool {
    let w: Vec<char> = w.chars().collect();
    w.len() >= 5
        && lexicon::MONTH_NAMES.iter().chain(MONTHS).any(|m| {
            let m: Vec<char> = m.chars().collect();
            m.len() >= 5 && m[0] == w[0] && one_slip(&w, &m)
        })
}

/// True when `a` and `b` differ by exactly one edit: one letter changed,
/// dropped or added, or two neighbours swapped.
fn one_slip(a: &[char], b: &[char]) -> bool {
    if a == b {
        return false;
    }
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[head..], &b[head..]);
    match (ra.len(), rb.len()) {
        (x, y) if x == y => ra[1..] == rb[1..] || (x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]),
        (x, y) if x + 1 == y => ra == &rb[1..],
        (x, y) if y + 1 == x => &ra[1..] == rb,
        _ => false,
    }
}

/// A copyright sign as a notice writes it: not inside a word, as in
/// "MontrÃ©al", the "é" of a page read with the wrong encoding (whose own
/// sign, "Â©", still counts).
fn copyright_sign(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len()).any(|k| chars[k] == '©' && (k == 0 || !chars[k - 1].is_alphabetic() || matches!(chars[k - 1], 'Â' | 'â')))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `date` as the tagger dates it in `text` (its first event).
    fn meta(text: &str, date: &str) -> bool {
        let byte = text.find(date).unwrap();
        let start = text[..byte].chars().count();
        let chars: Vec<char> = text.chars().collect();
        let value =
            crate::timex::tag(date, chrono::NaiveDate::from_ymd_opt(2020, 6, 15)).first().map(|t| t.value.clone()).unwrap_or_default();
        is_metadata(&chars, start, start + date.chars().count(), &value)
    }

    /// `date` in `text` with the value the tagger gives it in context.
    fn meta_valued(text: &str, date: &str, value: &str) -> bool {
        let start = text[..text.find(date).unwrap()].chars().count();
        let chars: Vec<char> = text.chars().collect();
        is_metadata(&chars, start, start + date.chars().count(), value)
    }

    #[test]
    fn stamps_bylines_references_and_copyright_are_metadata() {
        assert!(meta("The harbour\n\nPosted on April 22, 2022\n\nThe ferry left.", "April 22, 2022"));
        assert!(meta("By Ann Lee/June 12, 2020 9:49 am EST/Updated: Aug. 18, 2020 4:17 pm EST\nText.", "Aug. 18, 2020 4:17 pm"));
        assert!(meta("By Ann Lee/June 12, 2020 9:49 am EST/Updated: Aug. 18, 2020 4:17 pm EST\nText.", "June 12, 2020 9:49 am"));
        assert!(meta("Update vom 03. Mai 2020, 16:05 Uhr: Der Hafen ist wieder offen.", "03. Mai 2020"));
        assert!(meta("^ Harbour Board (2007). \"Annual report\". Retrieved 9 January 2011.", "9 January 2011"));
        assert!(meta("^ Harbour Board (2007). \"Annual report\". Retrieved 9 January 2011.", "2007"));
        assert!(meta("Archived from the original on 3 March 2016.", "3 March 2016"));
        assert!(meta("© Harbour Times 2020. All rights reserved.", "2020"));
        assert!(meta("Â© Harbour Times 2020", "2020"), "the sign read with the wrong encoding");
        assert!(!meta("The mill wheel at MontrÃ©al turned from 1820 to 1901.", "1820"), "an é read with the wrong encoding");
        assert!(meta("Ann Lee wrote on December 24, 2020 at 3:53 am:", "December 24, 2020"));
        assert!(meta("— Ann Lee (@annlee) April 21, 2020", "April 21, 2020"));
        assert!(meta("September 28, 2020", "September 28, 2020"));
        assert!(meta("News date : 04/21/2022 Category : Press Releases", "04/21/2022"));
        assert!(meta("Article mis à jour le 7 janvier 2020.", "2020"));
        assert!(meta("Teaser\n19. Oktober 2019, 19:08 Uhr Editiert am 19. Oktober 2019", "2019"));
        assert!(meta("HEART OF EMPIRE — August 13, 2015, 11:32 am Undelivered Goods", "August 13, 2015, 11:32 am"));
        assert!(meta("Release Date:\nThursday, 28 April 2022 – 3:55pm\nThe minister spoke.", "Thursday, 28 April 2022"));
        assert!(meta("Lead story\nMay 06, 2022 News Kaieteur News – Police investigators in Region Two", "May 06, 2022"));
        assert!(meta("  500 │ 2020-08-01 11:22:00+00 │    1512 │", "2020-08-01"));
        assert!(meta("    \"Timestamp\": \"2030-08-14 17:43:12\",", "2030-08-14"));
        assert!(meta("Getty Images\n22 Dec, 2016 22 Dec, 2016\nSIGN UP", "22 Dec, 2016"));
        assert!(meta("Lead\nmartes, 3 de mayo de 2022 · 23:57\nPágina Siete", "2022"));
        assert!(meta("“Harbour fees prove costly,” Page A8, Jan. 13:", "Jan. 13"));
        assert!(meta("Hazewinkel, Michiel, ed. (2001) [1994], \"Hermitian matrix\", Encyclopedia", "2001"));
        assert!(meta("Frankel, Theodore (2004). The Geometry of Harbours.", "2004"));
        assert!(meta("Written by Harbour Today on November 7, 2023", "November 7, 2023"));
        assert!(meta("2024 may set new records (World Meteorological Organization, 2023). Thus far", "2023"));
        assert!(meta("Lead\n7. oktober 2020\nEn annerledes sesong", "2020"));
        assert!(meta("This section needs expansion. You can help by adding to it. (February 2018)", "February 2018"));
        assert!(meta("« La politique du rayon de soleil », Le Monde diplomatique, juin 2018.", "2018"));
        assert!(meta(
            "Created late in the afternoon of Sunday, October 18th, 2020. Edited late in the afternoon of Sunday, October 18th, 2020.",
            "Sunday, October 18th, 2020. Edited"[..26].trim_end()
        ));
        assert!(meta("* Cet article, initialement publié en avril 2017, a fait l'objet d'une mise à jour.", "2017"));
        assert!(meta("Hors-série n° 72, 2e trimestre 2007 7,65 euros, port inclus", "2007"));
        assert!(meta("Never miss the latest news by signing up to our newsletter today!", "today"));
        assert!(meta("Lead\nApril 17, 2015 -- Imagine being sick in the harbour hospital.", "April 17, 2015"));
        assert!(meta("Lead\nFebruary 4, 2020 • words written by Ann Lee", "February 4, 2020"));
        assert!(meta("par Didier Roy, 21 juin 2018", "2018"));
        assert!(meta("On April 13, 2019, the choir sang at the harbour festival [...]", "April 13, 2019"));
        assert!(meta("Ferry timetable changes  26 abril 2022 |  Harbour reopens", "26 abril 2022"));
        assert!(meta("Harbour news in pictures\n17 Ocotber 2020\nThe ferry at dawn.", "2020"), "a stamp's month misspelt");
        assert!(meta("Photos\nFeburary 3, 2021\nThe quay in snow.", "2021"));
        assert!(meta("Photos\n9 Septmber 2019\nThe quay in snow.", "2019"));
        // (A clock time alone is not tagged, so its value is given.)
        assert!(meta_valued("Harbour: 2022/04/28 05:03 pm\nThe quay reopened.", "05:03 pm", "2022-04-28T17:03"), "a stamp in figures");
        assert!(meta_valued("Ferries 28.04.2022 17:03\nThe quay reopened.", "17:03", "2022-04-28T17:03"));
    }

    #[test]
    fn dates_in_prose_are_events() {
        assert!(!meta("The novel was published in 1851 and sold poorly.", "1851"));
        assert!(!meta("The harbour wall was updated in March 2004 after the storm.", "March 2004"));
        assert!(!meta("By 2016 the town had doubled in size.", "2016"));
        assert!(!meta("By March 2017, the new quay was open.", "March 2017"));
        assert!(!meta("The ferry service said on Friday that it had posted record numbers in 2019.", "2019"));
        assert!(!meta("1989\n\nThe wall fell and the harbour opened.", "1989"));
        assert!(!meta("The lawsuit we filed a year ago aimed to end the programme.", "a year ago"));
        assert!(!meta("The campaign's page was created on Dec. 18, a day before the retirement.", "Dec. 18"));
        assert!(!meta(
            "© Provided by Harbour Inc The two firms shocked the market earlier this year by merging their fleets.",
            "earlier this year"
        ));
        assert!(!meta("W kulturze, w której do 1989 roku mówiło się o alkoholu, bo był trudno dostępny.", "1989"));
        assert!(!meta("In June 2001 the two leaders met for the first time.", "June 2001"));
        assert!(!meta("September 11, 2001 changed how the harbour was guarded.", "September 11, 2001"));
        assert!(!meta("The ferry left the quay at about 10:41 a.m. Tuesday.", "10:41 a.m. Tuesday"));
        assert!(!meta("Police reported the leak at 1:30 p.m. on Nov. 8, 2023.", "1:30 p.m. on Nov. 8, 2023"));
        assert!(!meta("October 24: ARRESTS – A driver from the harbour was held.", "October 24"));
        assert!(!meta("Last night Tanaiste Leo Varadkar made a strong claim.", "Last night"));
        assert!(!meta("THURSDAY APRIL 2 COLOUR CLUB, MELBOURNE", "APRIL 2"));
        assert!(!meta("Common problems in student newsrooms (2013)", "2013"));
        assert!(!meta("The ferry (which first sailed in May, 2013) was sold.", "2013"));
        assert!(!meta("The treaty (June 2001) changed the harbour.", "June 2001"));
        assert!(!meta("“We will rebuild,” the mayor said, in June 2001.", "June 2001"));
        assert!(!meta("In 2007 7,000 euros were raised for the harbour.", "2007"));
        assert!(!meta("The harbour was created in 1850. Updates came in 1901.", "1901"));
        assert!(!meta("The harbour appears on page 12 of the 1998 survey.", "1998"));
        assert!(!meta("Photos\nOctober Harbour 2020\nThe quay in snow.", "2020"), "a name with a year, no misspelling");
        assert!(!meta("Photos\n17 Octopus 2020\nThe quay in snow.", "2020"), "more than one slip from a month");
        assert!(!meta("Photos\nJunie 2020\nThe quay in snow.", "2020"), "no day: a name and a year");
        assert!(!meta("In 17 Ocotber 2020 the quay flooded.", "2020"), "prose around it");
        let told = "The ferry left on 28/04/2022 at 05:03 pm with forty cars.";
        assert!(!meta_valued(told, "05:03 pm", "2022-04-28T17:03"), "a time told after a preposition");
        let seats = "Seats 2/4/6 5:03 pm show sold out, the clerk said.";
        assert!(!meta_valued(seats, "5:03 pm", "2020-06-15T17:03"), "figures without a year");
    }
}
