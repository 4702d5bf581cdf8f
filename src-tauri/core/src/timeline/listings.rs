//! Dates that belong to a listing rather than to a story, found by the shape
//! of what surrounds them: a comment's stamp in brackets ("(22 juin 2018
//! @11h13)"), a press review ("8 June 2016: Article, The Daily Post" on one
//! line after another), a book's citation ("Paris, 2017, 176 pages"), a stamp
//! after a "|" with a day and month the tagger did not read ("Sent by Ann
//! Lee | 3 mayo, 2022"), a model year ("model 2005") and a month's
//! abbreviation standing alone in capitals ("Intro APR on purchases", a
//! rate). Each says when something was posted, cited or made, not what
//! happened, so none is a timeline event. (`furniture.rs` holds the stamps
//! judged by their words; this module the ones judged by their layout.)

use super::furniture::{is_time_word, MONTHS};
use crate::timex::lexicon;

/// Words that open an item of a press review: the kind of piece, in the
/// languages of the news we import.
const MEDIA: &[&str] = &[
    "article",
    "articles",
    "interview",
    "report",
    "reportage",
    "story",
    "feature",
    "column",
    "op-ed",
    "podcast",
    "video",
    "vidéo",
    "blog",
    "radio",
    "broadcast",
    "dépêche",
    "dossier",
    "entretien",
    "tribune",
    "chronique",
    "émission",
    "entrevista",
    "artículo",
    "reportaje",
    "columna",
    "artikel",
    "bericht",
    "beitrag",
    "kommentar",
    "sendung",
    "articolo",
    "intervista",
    "servizio",
    "artykuł",
    "wywiad",
    "reportaż",
];

/// Words for a model, before its year.
const MODEL: &[&str] = &["model", "modelo", "modèle", "modell", "modello", "modelu"];

/// Words for pages, after a citation's year.
const PAGES: &[&str] = &["pages", "p", "pp", "páginas", "págs", "pág", "seiten", "s", "pagine", "stron", "str"];

/// True when the date at code points `[start, end)` of the text is part of a listing.
pub fn is_listed(chars: &[char], start: usize, end: usize) -> bool {
    let line_start = (0..start).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
    let line_end = (end..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
    let before: String = chars[line_start..start].iter().collect::<String>().to_lowercase();
    let after: String = chars[end..line_end].iter().collect::<String>().to_lowercase();
    let quote: String = chars[start..end].iter().collect();
    bracketed_stamp(&before, &quote, &after)
        || press_review(chars, line_start, line_end)
        || cited_pages(&after)
        || stamp_after_bar(&before)
        || model_year(&before, &quote)
        || capital_abbreviation(&quote)
        || named_in_a_menu(chars, line_start, start, line_end, &quote)
        || (chars.get(end) == Some(&' ') && chars.get(end + 1).is_some_and(|c| c.is_uppercase()) && first_name(&before, &quote))
        || glued_price(&after)
        || glued_stamp(chars, line_start, start, &after)
        || call_to_action(chars, line_start, start, line_end)
}

/// Verbs that open a call to action.
const CALLS: &[&str] =
    &["explore", "download", "read", "register", "get", "sign", "join", "shop", "order", "subscribe", "book", "buy", "grab", "claim"];

/// "Explore this year's report", "Get in touch with Jill today!": a short
/// line opened by an imperative that ends in an exclamation mark or in no
/// sentence's end at all asks the reader to act; its date is the page's.
/// ("Read the report by Friday." ends as a sentence and stays.)
fn call_to_action(chars: &[char], line_start: usize, start: usize, line_end: usize) -> bool {
    // The line's last sentence, if the date is in it.
    let from = (line_start..start)
        .rev()
        .find(|&k| matches!(chars[k], '.' | '!' | '?') && chars.get(k + 1) == Some(&' '))
        .map_or(line_start, |k| k + 1);
    let line: String = chars[from..line_end].iter().collect();
    let t = line.trim();
    if t.trim_end_matches('!').contains(['.', '!', '?']) && !t.ends_with("..") {
        return false;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    first.chars().next().is_some_and(char::is_uppercase)
        && CALLS.contains(&first.to_lowercase().as_str())
        && t.split_whitespace().count() <= 12
        && (t.ends_with('!') || !t.ends_with(['.', '?', ':', ',', ';']))
}

/// "the newcomer - Jan Kvech", "with April Lee": a month's name right
/// before a capitalised word (the caller checks that), with no preposition
/// or date word before it, is a first name. ("In May Mr. Lee resigned" keeps its month.)
fn first_name(before: &str, quote: &str) -> bool {
    let lower = quote.to_lowercase();
    if quote.contains(|c: char| c.is_ascii_digit() || c.is_whitespace()) || !is_month(&lower) || lower.len() < 3 {
        return false;
    }
    let previous = before.split_whitespace().last().unwrap_or("");
    let preposition = matches!(
        previous.trim_matches(|c: char| !c.is_alphanumeric()),
        "in" | "on"
            | "by"
            | "since"
            | "until"
            | "till"
            | "of"
            | "from"
            | "during"
            | "last"
            | "next"
            | "this"
            | "early"
            | "late"
            | "mid"
            | "through"
            | "to"
            | "before"
            | "after"
            | "that"
            | "each"
            | "every"
            | "w"
            | "we"
            | "en"
            | "de"
            | "à"
            | "a"
            | "am"
            | "al"
            | "del"
            | "im"
            | "vom"
            | "zum"
            | "seit"
            | "bis"
            | "ab"
            | "vor"
            | "nach"
            | "ende"
            | "anfang"
            | "mitte"
            | "desde"
            | "hasta"
            | "para"
            | "depuis"
            | "jusqu"
            | "fin"
            | "début"
            | "dès"
            | "od"
            | "do"
            | "na"
            | "entre"
            | "and"
            | "or"
            | "und"
            | "et"
            | "y"
    );
    !preposition && !previous.is_empty() && !previous.ends_with(['.', '!', '?', ':'])
}

/// "1200-Dollar-Schecks", "a 2000-euro fine": an amount joined to its currency.
fn glued_price(after: &str) -> bool {
    after.strip_prefix('-').is_some_and(|rest| {
        ["dollar", "euro", "franken", "pfund", "pound", "peso", "yen", "złot", "zlot", "rupee", "krone", "kronor"]
            .iter()
            .any(|c| rest.starts_with(c))
    })
}

/// "What's the secret to its recovery?Monday, 6 January 2020": a date glued
/// to the end of a heading and ending its line is the page's stamp, run in
/// by the page's layout (prose leaves a space after a question mark).
fn glued_stamp(chars: &[char], line_start: usize, start: usize, after: &str) -> bool {
    if !after.trim().is_empty() {
        return false;
    }
    // Back over the date's own lead (a weekday and a comma) to what it is glued to.
    let mut k = start;
    while k > line_start && (chars[k - 1].is_alphanumeric() || matches!(chars[k - 1], ',' | ' ')) {
        k -= 1;
    }
    let lead: String = chars[k..start].iter().collect();
    let lead_ok = lead.split([',', ' ']).filter(|w| !w.is_empty()).all(|w| {
        let w = w.to_lowercase();
        is_time_word(&w) || is_day(&w) || is_month(&w)
    });
    k > line_start && matches!(chars[k - 1], '?' | '!' | '.') && chars.get(k).is_some_and(|c| c.is_uppercase()) && lead_ok
}

/// A month's name: in a language `furniture::MONTHS` lists, or in English
/// in its full or short form (the tagger's lexicon).
pub(super) fn is_month(w: &str) -> bool {
    MONTHS.contains(&w) || lexicon::month(w).is_some()
}

/// A day of the month as written before its month: "8", "1er", "21st".
fn is_day(w: &str) -> bool {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    (1..=2).contains(&digits.len()) && matches!(rest, "" | "." | "er" | "st" | "nd" | "rd" | "th")
}

/// A clock time as comment stamps write it: "11h13", "11:13", "9h", "21.10".
fn is_clock(w: &str) -> bool {
    let w = w.trim_start_matches('@');
    let Some(k) = w.find(['h', ':', '.']) else { return false };
    let (hours, minutes) = (&w[..k], &w[k + 1..]);
    (1..=2).contains(&hours.len())
        && hours.chars().all(|c| c.is_ascii_digit())
        && (minutes.is_empty() || (minutes.len() == 2 && minutes.chars().all(|c| c.is_ascii_digit())))
        && (k < w.len() - 1 || w.ends_with('h'))
}

/// "(22 juin 2018 @11h13)", "(June 22, 2018 at 11:13 pm)": brackets holding
/// only a full date with its year and a clock time stamp a comment or a post.
/// ("The vote (on June 22, 2018 at 11:13) ..." is prose: its "on" is no
/// stamp's word.)
fn bracketed_stamp(before: &str, quote: &str, after: &str) -> bool {
    let Some(open) = before.rfind('(') else { return false };
    let Some(close) = after.find(')') else { return false };
    let (lead, trail) = (&before[open + 1..], &after[..close]);
    if lead.contains(')') || trail.contains('(') || lead.chars().count() > 30 || trail.chars().count() > 30 {
        return false;
    }
    let inside = format!("{lead} {} {trail}", quote.to_lowercase());
    let words: Vec<&str> = inside.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let year = words.iter().any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
    let clock = words.iter().any(|w| is_clock(w));
    let stamp_word = |w: &str| {
        is_month(w)
            || is_day(w)
            || is_clock(w)
            || is_time_word(w) && w != "on"
            || matches!(w, "@" | "à" | "a" | "las" | "um" | "o" | "alle" | "-" | "–")
    };
    year && clock && words.iter().all(|w| stamp_word(w))
}

/// The text of a line before its colon when it is only a date with its
/// year ("8 juin 2016", "June 8, 2016", "1er décembre 2019"), and what follows.
fn dated_item(line: &str) -> Option<&str> {
    let (head, rest) = line.split_once(':')?;
    let words: Vec<String> = head.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let year = words.iter().filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())).count() == 1;
    let others = words.iter().all(|w| (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())) || is_day(w) || is_month(w));
    (year && others && words.len() <= 4).then_some(rest)
}

/// A press review: three or more lines in a row, each a date, a colon and a
/// piece ("13 April 2018: Dispatch AFP", "8 June 2016: Article, The Daily
/// Post"), at least a third of them naming the kind of piece. A log of
/// events in the same shape ("October 20: ARRESTS – A driver was ...")
/// names no piece and stays.
fn press_review(chars: &[char], line_start: usize, line_end: usize) -> bool {
    let line: String = chars[line_start..line_end].iter().collect();
    if dated_item(line.trim()).is_none() {
        return false;
    }
    let lines_of = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    // The run of dated lines around this one (blank lines between are allowed).
    let mut run = vec![line.clone()];
    let mut k = line_start;
    while k > 0 && run.len() < 200 {
        let s = (0..k - 1).rev().find(|&j| chars[j] == '\n').map_or(0, |j| j + 1);
        let l = lines_of(s, k - 1);
        k = s;
        if l.trim().is_empty() {
            continue;
        }
        if dated_item(l.trim()).is_none() {
            break;
        }
        run.push(l);
    }
    let mut k = line_end;
    while k < chars.len() && run.len() < 400 {
        let e = (k + 1..chars.len()).find(|&j| chars[j] == '\n').unwrap_or(chars.len());
        let l = lines_of(k + 1, e);
        k = e;
        if l.trim().is_empty() {
            continue;
        }
        if dated_item(l.trim()).is_none() {
            break;
        }
        run.push(l);
    }
    let pieces = run
        .iter()
        .filter(|l| {
            dated_item(l.trim()).is_some_and(|rest| {
                rest.split(|c: char| c.is_whitespace() || c == ',' || c == '–' || c == '-')
                    .find(|w| !w.is_empty())
                    .is_some_and(|w| MEDIA.contains(&w.to_lowercase().as_str()))
            })
        })
        .count();
    run.len() >= 3 && pieces * 3 >= run.len() && pieces >= 2
}

/// "Éditions du Port, Paris, 2017, 176 pages, 17,50 euros": a book's
/// citation gives its year and then its pages.
fn cited_pages(after: &str) -> bool {
    let Some(rest) = after.trim_start().strip_prefix(',') else { return false };
    let mut words = rest.split_whitespace();
    let count = words.next().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == '-'));
    let unit = words.next().map(|w| w.trim_end_matches(['.', ',', ';']));
    count && unit.is_some_and(|u| PAGES.contains(&u))
}

/// "Sent by Ann Lee | 3 mayo, 2022": a stamp after a bar, with a day and
/// month the tagger did not read between the bar and the year.
fn stamp_after_bar(before: &str) -> bool {
    let mut rest = before.trim_end();
    while let Some((head, last)) = rest.rsplit_once(' ') {
        let w = last.trim_end_matches(',');
        if is_day(w) || is_month(w) {
            rest = head.trim_end();
        } else {
            break;
        }
    }
    rest.len() < before.trim_end().len() && rest.ends_with('|')
}

/// "a jet, modelo 2005, owned by ...": the year a model was made is no event.
fn model_year(before: &str, quote: &str) -> bool {
    quote.len() == 4
        && quote.chars().all(|c| c.is_ascii_digit())
        && before.trim_end().rsplit(|c: char| !c.is_alphabetic()).next().is_some_and(|w| MODEL.contains(&w))
}

/// "Intro APR on purchases", "MAR 15.99%": a month's three-letter
/// abbreviation alone in capitals, with no day or year, is an acronym.
fn capital_abbreviation(quote: &str) -> bool {
    quote.chars().count() == 3 && quote.chars().all(|c| c.is_ascii_uppercase()) && is_month(&quote.to_lowercase())
}

/// A short line with no sentence's end: a menu's or a list's entry.
fn is_entry(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.split_whitespace().count() <= 10 && !t.ends_with(['.', '!', '?', ':', ','])
}

/// "Parco e Rete Natura 2000" among "Documenti", "News", "Europarc 2010":
/// a year right after a name (or after a name and a month: "Campaign
/// December 2019", "Campaign April-June 2018"), in a run of menu entries, is
/// part of the name of a page. So is a year opening an entry with a
/// capitalised title ("2010: International Year of the Quay") when no entry
/// around it opens with a date: a menu links one such page, a chronology
/// lists many. ("2010: the harbour opens", "DEPUIS 2016" in a banner stay.)
fn named_in_a_menu(chars: &[char], line_start: usize, start: usize, line_end: usize, quote: &str) -> bool {
    let original: String = chars[line_start..line_end].iter().collect();
    let lead: String = chars[line_start..start].iter().collect();
    let tail: String = chars[(start + quote.chars().count()).min(line_end)..line_end].iter().collect();
    let mut words: Vec<&str> = lead.split_whitespace().chain(quote.split_whitespace()).collect();
    let year = words.pop().is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
    if !year || !is_entry(&original) {
        return false;
    }
    // A month, or a span of months, between the name and the year (in the quote or not).
    if words.last().is_some_and(|w| w.split('-').all(|m| is_month(&m.to_lowercase()))) {
        words.pop();
    }
    // A name is capitalised, not in capitals ("DEPUIS 2016" in a banner is "since 2016").
    let named = words.last().is_some_and(|name| {
        name.chars().next().is_some_and(char::is_uppercase) && name.chars().any(char::is_lowercase) && !is_month(&name.to_lowercase())
    });
    let titled = lead.trim().is_empty()
        && !quote.contains(' ')
        && tail.strip_prefix(':').is_some_and(|t| t.trim_start().chars().next().is_some_and(char::is_uppercase));
    if !named && !titled {
        return false;
    }
    let around = neighbour_lines(chars, line_start, line_end);
    let entries = around.iter().filter(|l| is_entry(l)).count();
    entries >= 5 && (named || !around.iter().any(|l| opens_with_date(l)))
}

/// The three non-blank lines on either side of the line `[line_start,
/// line_end)`, read from the characters (only these lines are looked at, so
/// a book costs no more than a page).
fn neighbour_lines(chars: &[char], line_start: usize, line_end: usize) -> Vec<String> {
    let line_at = |s: usize| -> (usize, String) {
        let e = (s..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
        (e, chars[s..e].iter().collect())
    };
    let mut lines = Vec::new();
    let (mut k, mut seen) = (line_start, 0);
    while k > 0 && seen < 3 {
        let s = (0..k - 1).rev().find(|&j| chars[j] == '\n').map_or(0, |j| j + 1);
        let (_, l) = line_at(s);
        k = s;
        if !l.trim().is_empty() {
            seen += 1;
            lines.push(l);
        }
    }
    let (mut k, mut seen) = (line_end, 0);
    while k < chars.len() && seen < 3 {
        let (e, l) = line_at(k + 1);
        k = e;
        if !l.trim().is_empty() {
            seen += 1;
            lines.push(l);
        }
    }
    lines
}

/// A line opened by a year, a day of the month or a month: a chronology's or a log's entry.
fn opens_with_date(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("").trim_end_matches([':', ',', '.']).to_lowercase();
    (first.len() == 4 && first.chars().all(|c| c.is_ascii_digit())) || is_day(&first) || is_month(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the `nth` occurrence of `quote` in `text` is part of a listing.
    fn listed(text: &str, quote: &str, nth: usize) -> bool {
        let byte = text.match_indices(quote).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        let chars: Vec<char> = text.chars().collect();
        is_listed(&chars, start, start + quote.chars().count())
    }

    #[test]
    fn comment_stamps_in_brackets_are_listings() {
        let comments = "Marie  (12 mai 2021 @09h40)  :  Je ne suis pas d'accord.\nPaul  (13 mai 2021 @21h05)  :  Moi si.";
        assert!(listed(comments, "2021", 0));
        assert!(listed(comments, "2021", 1));
        assert!(listed("Ann (May 12, 2021 at 9:40 pm): Well put.", "May 12, 2021", 0));
        // A date in brackets in prose, or one with no clock time, stays.
        assert!(!listed("The vote (on May 12, 2021 at 9:40) was close.", "May 12, 2021", 0));
        assert!(!listed("The mill (built in 1821) still turns.", "1821", 0));
        assert!(!listed("The ferry left (12 May 2021) with ten cars.", "2021", 0));
    }

    #[test]
    fn a_press_review_is_a_listing_and_a_log_of_events_is_not() {
        let review = "They wrote about us\n3 mars 2020 : Article Le Quotidien du Port\n\n1er mars 2020 : Radio Côte\n28 février 2020 : Reportage Télé Nord\n";
        assert!(listed(review, "2020", 0));
        assert!(listed(review, "2020", 1));
        assert!(listed(review, "2020", 2));
        let log = "October 20, 2023: ARRESTS – A man, 40, was held for theft.\nOctober 21, 2023: ACCIDENT – Two cars met at Elm Street.\nOctober 22, 2023: FIRE – A shed burned.\n";
        assert!(!listed(log, "2023", 0));
        assert!(!listed(log, "2023", 1));
        // One dated item alone is no review.
        assert!(!listed("3 mars 2020 : Article Le Quotidien du Port\nThe fund grew.", "2020", 0));
    }

    #[test]
    fn citations_bars_models_and_capital_abbreviations_are_listings() {
        assert!(listed("Translated by Léa Roux, Éditions du Port, Paris, 2017, 176 pages, 17,50 euros.", "2017", 0));
        assert!(!listed("The port was rebuilt in 2017, 40 years after the storm.", "2017", 0));
        assert!(listed("Sent by Ann Lee | 3 mayo, 2022\nLetters to the editor", "2022", 0));
        assert!(!listed("Costs rose | In 2022 the port grew.", "2022", 0));
        assert!(listed("Police seized a jet, modelo 2005, owned by the firm.", "2005", 0));
        assert!(!listed("Police seized a jet in 2005, owned by the firm.", "2005", 0));
        assert!(listed("Intro APR on Purchases: 0% for 12 months", "APR", 0));
        assert!(!listed("The ferry sails in Apr and May.", "Apr", 0));
    }

    #[test]
    fn first_names_prices_and_glued_stamps_are_no_events() {
        assert!(listed("The club signed a newcomer - Jan Kvech, 19.", "Jan", 0));
        assert!(listed("She sang with April Lee and the band.", "April", 0));
        assert!(!listed("In May Mr. Lee resigned.", "May", 0));
        assert!(!listed("The ferry ran until June. Then it stopped.", "June", 0));
        assert!(listed("The 1200-dollar cheques came late.", "1200", 0));
        assert!(!listed("In 1200 the town was founded.", "1200", 0));
        assert!(listed("How did the island recover?Monday, 6 January 2020\nThe island was bare.", "6 January 2020", 0));
        assert!(!listed("How did the island recover? On 6 January 2020\nThe island was bare.", "6 January 2020", 0));
        assert!(!listed("The island recovered on 6 January 2020\nThen it rained.", "6 January 2020", 0));
    }

    #[test]
    fn calls_to_action_are_no_events() {
        assert!(listed("Explore this year's report\nRead the full 2024 survey", "this year", 0));
        assert!(listed("The port pays half. Get in touch with Jo today!", "today", 0));
        assert!(!listed("Read the report by Friday.", "Friday", 0));
        assert!(!listed("Explorers reached the cape in 1840", "1840", 0));
    }

    #[test]
    fn a_year_in_a_menu_entry_s_name_is_no_event() {
        let menu = "Home\nThe park\nHistory\nHarbour Plan 2030\nVisits\nNews\nContact\nThe harbour opened in 1890.\n";
        assert!(listed(menu, "2030", 0));
        let timeline = "Home\nThe park\nHistory\n1890: the harbour opens\nVisits\nNews\nContact\n";
        assert!(!listed(timeline, "1890", 0));
        let banner = "Home\nThe park\nHistory\nFUNDS RAISED SINCE 2016\nVisits\nNews\nContact\n";
        assert!(!listed(banner, "2016", 0));
        let prose = "Home\nThe park\nHistory\nThe Harbour Plan 2030 was drawn up by the council in a hurry.\nVisits\nNews\nContact\n";
        assert!(!listed(prose, "2030", 0));
        // Prose around a short line: no menu.
        let story = "The council met at last.\nIt spoke of the Plan 2030\nNobody agreed with it at all that night.\nThey left.\n";
        assert!(!listed(story, "2030", 0));
    }

    #[test]
    fn a_dated_page_in_a_menu_is_no_event() {
        // A name, a month (or a span of months) and a year; one neighbour may be prose.
        let posters = "The strike fund pays each striker the same share of what is given to it.\nTerms of the fund\nOur posters\nCampaign December 2019\nDownload\nShare on Facebook\nShare by mail\nCampaign April-June 2018\nCampaign May 2016\nIn the press\nContact\n";
        assert!(listed(posters, "December 2019", 0));
        assert!(listed(posters, "2019", 0));
        assert!(listed(posters, "2018", 0));
        // A capitalised title opened by a year, among undated entries.
        let park = "Monitoring\nThe national plan\n+\n2010: International Year of the Quay\nThe Harbour Network 2000\n+\nOld quay\n";
        assert!(listed(park, "2010", 0));
        // Both ways: a chronology lists several dated entries; prose around a dated heading.
        let chronology = "History\nKey dates\n1890: Harbour opens\n1901: Pier burns\n1923: New quay\n1950: Ferry starts\n";
        assert!(!listed(chronology, "1901", 0));
        let heading = "The fund paid every striker.\nIt was the largest ever.\nCampaign December 2019\nThe strikers met again in a hall near the station, and voted.\nThey won.\n";
        assert!(!listed(heading, "2019", 0));
    }
}
