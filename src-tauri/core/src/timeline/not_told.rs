//! Calendar words that the text uses without telling of a dated happening:
//! a newspaper named after a weekday ("a Mail on Sunday poll", "the Sunday
//! Times"), a work or a report named by a year ("her 1989 album cover", "the
//! 2024 Global Harbour Report", "the World Shipping Report 2031"), a date
//! inside a work's quoted title ("titled “The Quay in May 1921”"), a
//! knock-knock joke's punchline, a day in a hypothetical or general clause
//! ("if the rules changed tomorrow, ...", "they can change them tomorrow"
//! set against "today"), a season or a feast as a kind of thing ("Christmas
//! coals", "baggy in summer") and a phrasebook's example sentence ("明日… =
//! I prepare my clothes for the next day"). (`look_alikes.rs` holds the
//! numbers and words that date nothing at all; this module the dates that
//! are real words used for something else.)

use crate::timex::lexicon;

/// Nouns a newspaper's name is made of ("the Sunday Times", "the Mail on Sunday").
const PRESS: &[&str] = &[
    "times",
    "telegraph",
    "post",
    "express",
    "mirror",
    "herald",
    "mail",
    "independent",
    "star",
    "tribune",
    "journal",
    "gazette",
    "observer",
    "people",
    "record",
    "standard",
    "sport",
    "world",
];

/// Nouns that close a report's or a study's name.
const REPORTS: &[&str] = &[
    "report",
    "survey",
    "study",
    "index",
    "outlook",
    "review",
    "census",
    "barometer",
    "ranking",
    "rankings",
    "yearbook",
    "scorecard",
    "almanac",
];

/// Words that open a name's noun phrase before a year ("the full 2024 ... Report").
const OPENERS: &[&str] =
    &["the", "a", "an", "our", "its", "their", "his", "her", "your", "full", "latest", "new", "annual", "this", "free"];

/// A work's kinds, before the year that is its title or after it.
const WORKS: &[&str] = &["album", "record", "single", "lp", "ep", "novel", "film", "movie", "song", "play"];

/// What a work's title names as a thing beside the work: "her 1989 album cover".
const WORK_PARTS: &[&str] = &["cover", "covers", "artwork", "sleeve", "poster", "jacket", "tour", "era"];

/// Seasons and feasts that a noun can follow as a kind ("winter coats").
const KINDS_OF: &[&str] = &["spring", "summer", "autumn", "fall", "winter", "christmas", "easter", "halloween", "thanksgiving"];

/// Plural nouns after a season or feast that still name a time or an event
/// of one ("the summer holidays", "Christmas celebrations").
const EVENTS_OF: &[&str] = &[
    "holidays",
    "celebrations",
    "festivities",
    "services",
    "months",
    "weeks",
    "days",
    "nights",
    "evenings",
    "mornings",
    "weekends",
    "games",
    "olympics",
    "elections",
    "sessions",
    "sales",
    "markets",
    "parades",
    "concerts",
    "races",
    "storms",
    "floods",
    "rains",
    "camps",
    "terms",
    "semesters",
    "breaks",
    "vacations",
    "tours",
    "transfers",
    "recess",
];

/// Words that time a season or a feast as one occurrence ("last Christmas", "on Easter").
const TIMING: &[&str] = &[
    "this", "last", "next", "that", "on", "at", "by", "until", "till", "since", "before", "after", "over", "during", "around", "every",
    "each",
];

/// Adjectives of state that a season qualifies as every year's ("loose
/// and baggy in summer", "quiet in winter"), besides those with an
/// adjective's ending.
const STATES: &[&str] = &[
    "loose", "warm", "cold", "hot", "cool", "dry", "wet", "green", "open", "closed", "quiet", "full", "empty", "light", "pale", "dark",
    "busy",
];

/// True when the expression at code points `[start, end)` is a calendar word used for something else.
pub fn not_told(chars: &[char], start: usize, end: usize) -> bool {
    let line_start = (0..start).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
    let line_end = (end..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
    let before: String = chars[line_start..start].iter().collect();
    let after: String = chars[end..line_end].iter().collect();
    let quote: String = chars[start..end].iter().collect();
    let lower = quote.to_lowercase();
    // "the Mail on Sunday's campaign": the weekday's possessive names the paper too.
    let bare = lower.trim_end_matches("'s").trim_end_matches("’s");
    let year = quote.len() == 4 && quote.chars().all(|c| c.is_ascii_digit());
    (lexicon::weekday_name(bare).is_some() && newspaper(&before, &after))
        || (year && (report_name(&before, &after) || report_named_before(&before) || work_title(&before, &after)))
        || quoted_title(chars, line_start, start)
        || punchline(chars, line_start)
        || (matches!(lower.as_str(), "today" | "tomorrow" | "tonight") && hypothetical_day(chars, start, end, &lower))
        || (KINDS_OF.contains(&lower.as_str()) && (a_kind_of_thing(&before, &after) || state_in_season(&before)))
        || example_sentence(chars, line_start, line_end, start, end)
        || name_of_someone(chars, start, end)
}

/// "the artist Cold War Steve ... Cold War Steve's mural": a named event's
/// words that every mention in the text (two or more) follows with the same
/// capitalised word are a name that holds them, no event. ("After World War
/// II Britain rationed food" names the war once; "the Cold War" elsewhere
/// in the text, alone, is the war.)
fn name_of_someone(chars: &[char], start: usize, end: usize) -> bool {
    let quote: Vec<char> = chars[start..end].to_vec();
    let quote_words: Vec<String> = quote.iter().collect::<String>().split_whitespace().map(str::to_owned).collect();
    if quote_words.len() < 2 || !quote_words.iter().all(|w| capitalised(w)) || quote.iter().any(char::is_ascii_digit) {
        return false;
    }
    let next_word = |at: usize| -> Option<String> {
        if chars.get(at) != Some(&' ') {
            return None;
        }
        let w: String = chars[at + 1..].iter().take_while(|c| c.is_alphabetic()).collect();
        capitalised(&w).then_some(w)
    };
    let mentions: Vec<usize> = (0..=chars.len().saturating_sub(quote.len()))
        .filter(|&k| chars[k..k + quote.len()] == quote[..])
        .filter(|&k| (k == 0 || !chars[k - 1].is_alphanumeric()) && chars.get(k + quote.len()).is_none_or(|c| !c.is_alphanumeric()))
        .collect();
    let Some(word) = next_word(end) else { return false };
    mentions.len() >= 2 && mentions.iter().all(|&k| next_word(k + quote.len()).as_deref() == Some(word.as_str()))
}

/// The words of `s`, trimmed of punctuation, in order.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "the Sunday Times", "a Mail on Sunday poll": the weekday is part of a
/// newspaper's name. ("the Daily Mail on Sunday" and "the Washington Post on
/// Sunday" are a paper and a day.)
fn newspaper(before: &str, after: &str) -> bool {
    let next = after.split_whitespace().next().unwrap_or("");
    let next_word = next.trim_end_matches(|c: char| !c.is_alphabetic()).trim_end_matches("'s").trim_end_matches("’s");
    let named_after = capitalised(next_word) && PRESS.contains(&next_word.to_lowercase().as_str());
    let b = words(before);
    let n = b.len();
    let named_before = n >= 2
        && b[n - 1] == "on"
        && capitalised(&b[n - 2])
        && PRESS.contains(&b[n - 2].to_lowercase().as_str())
        && (n == 2 || !capitalised(&b[n - 3]) || b[n - 3] == "The")
        && before.trim_end().ends_with("on");
    named_after || named_before
}

/// "Read the full 2024 Global Harbour Report": a year opening a capitalised
/// name that a report's noun closes.
fn report_name(before: &str, after: &str) -> bool {
    let b = words(before);
    if !b.last().is_some_and(|w| OPENERS.contains(&w.to_lowercase().as_str())) {
        return false;
    }
    let a = words(after);
    let name: Vec<&String> = a.iter().take_while(|w| capitalised(w)).take(6).collect();
    name.iter().any(|w| REPORTS.contains(&w.to_lowercase().as_str()))
}

/// "the Harbour Office's World Shipping Report 2031, which finds ...": a
/// year closing a capitalised name that a report's noun ends.
fn report_named_before(before: &str) -> bool {
    if before.trim_end().ends_with(|c: char| !c.is_alphanumeric()) || !before.ends_with(' ') {
        return false;
    }
    let b = words(before);
    let n = b.len();
    n >= 2 && REPORTS.contains(&b[n - 1].to_lowercase().as_str()) && capitalised(&b[n - 1]) && capitalised(&b[n - 2])
}

/// Words that introduce a work's title in quotation marks.
const TITLED: &[&str] = &[
    "title",
    "titled",
    "entitled",
    "titel",
    "betitelt",
    "titre",
    "intitulé",
    "intitulée",
    "título",
    "titulado",
    "titulada",
    "titolo",
    "intitolato",
    "intitolata",
    "tytułem",
    "tytuł",
];

/// "Das Buch mit dem Titel «Ein Teenager im Sommer 1969»", "a novel titled
/// “Summer 1969”": a date inside the quoted title of a work is part of its
/// name. ("He said “we sailed in summer 1969”" quotes words told.)
fn quoted_title(chars: &[char], line_start: usize, start: usize) -> bool {
    const MARKS: &[char] = &['«', '»', '“', '”', '„', '"'];
    let Some(open) = (line_start..start).rev().find(|&k| MARKS.contains(&chars[k])) else { return false };
    // An opening mark follows a space or the line's start and comes before a word.
    let opens = chars[open] != '»'
        && chars[open] != '”'
        && (open == line_start || chars[open - 1].is_whitespace())
        && chars.get(open + 1).is_some_and(|c| !c.is_whitespace());
    let lead: String = chars[line_start..open].iter().collect();
    opens && start - open <= 200 && words(&lead).last().is_some_and(|w| TITLED.contains(&w.to_lowercase().as_str()))
}

/// "Manatee who?" and then "Manatee would beat a sweater today, it's hot!":
/// the line after a knock-knock joke's question is its punchline, no event.
fn punchline(chars: &[char], line_start: usize) -> bool {
    // The last non-blank line before this one.
    let mut end = line_start;
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let start = (0..end).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
    let previous: String = chars[start..end].iter().collect();
    let w = words(&previous);
    previous.ends_with(" who?") && (2..=4).contains(&w.len()) && capitalised(&w[0])
}

/// "her 1989 album cover", "the album 1989": a year that is a work's title.
fn work_title(before: &str, after: &str) -> bool {
    let b = words(before);
    let a = words(after);
    let owner = b.last().is_some_and(|w| w.ends_with("'s") || w.ends_with("’s"));
    let titled_work =
        owner && a.len() >= 2 && WORKS.contains(&a[0].to_lowercase().as_str()) && WORK_PARTS.contains(&a[1].to_lowercase().as_str());
    // "the album 1989 sold": the year stands as the work's name; not "the album 1989, a year ..." (no name ends in a comma and a date).
    let after_kind = b.last().is_some_and(|w| WORKS.contains(&w.to_lowercase().as_str()))
        && b.len() >= 2
        && matches!(b[b.len() - 2].to_lowercase().as_str(), "the" | "his" | "her" | "their" | "its" | "new" | "debut" | "latest")
        && !after.trim_start().starts_with(',');
    titled_work || after_kind
}

/// The lowercased words of the sentence holding `[start, end)`, split at the date.
fn sentence_around(chars: &[char], start: usize, end: usize) -> (Vec<String>, Vec<String>) {
    let s = chars[..start].iter().rposition(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(0, |k| k + 1);
    let e = chars[end..].iter().position(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(chars.len(), |k| end + k);
    let before = words(&chars[s..start].iter().collect::<String>().to_lowercase());
    let after = words(&chars[end..e].iter().collect::<String>().to_lowercase());
    (before, after)
}

/// The lowercased words of the sentence before the one holding `start`.
fn previous_sentence(chars: &[char], start: usize) -> Vec<String> {
    let Some(s) = chars[..start].iter().rposition(|c| matches!(c, '.' | '!' | '?' | '\n')) else { return Vec::new() };
    let p = chars[..s].iter().rposition(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(0, |k| k + 1);
    words(&chars[p..s].iter().collect::<String>().to_lowercase())
}

/// The lowercased words of the sentence after the one holding `end`.
fn next_sentence(chars: &[char], end: usize) -> Vec<String> {
    let Some(s) = chars[end..].iter().position(|c| matches!(c, '.' | '!' | '?' | '\n')).map(|k| end + k + 1) else { return Vec::new() };
    let e = chars[s..].iter().position(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(chars.len(), |k| s + k);
    words(&chars[s..e].iter().collect::<String>().to_lowercase())
}

/// A past form, as the tagger's lexicon knows them.
fn past_form(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ed") && !lexicon::false_past(w))
        || lexicon::irregular_past(w)
        || matches!(w, "were" | "was" | "did" | "had")
}

/// "If the firm changed its rules tomorrow, ...", "were the board to meet
/// tonight", "they can rewrite the rules tomorrow" beside "today", "Don't be
/// surprised when the fun goes beyond today!": a day in a clause that
/// supposes rather than tells.
fn hypothetical_day(chars: &[char], start: usize, end: usize, day: &str) -> bool {
    let (before, after) = sentence_around(chars, start, end);
    let all: Vec<&String> = before.iter().chain(&after).collect();
    let has = |w: &str| all.iter().any(|x| x.as_str() == w);
    // A counterfactual: an "if" clause told in a past form, with "would", "could" or "might".
    let counterfactual = before.iter().position(|w| matches!(w.as_str(), "if" | "suppose" | "imagine")).is_some_and(|k| {
        before[k + 1..].iter().any(|w| past_form(w))
            && (has("would") || has("could") || has("might") || all.iter().any(|w| w.ends_with("'d")))
    });
    // "if the board were to meet tonight", "Were the board to meet tonight".
    let were_to = before.windows(2).chain(after.windows(2)).any(|w| w[0] == "were" && w[1] == "to")
        || (before.first().is_some_and(|w| w == "were") && before.iter().any(|w| w == "to"));
    // "can ... tomorrow" set against "today": any time from now on, not one day.
    let any_time = (day == "tomorrow"
        && before.iter().any(|w| w == "can")
        && (has("today") || previous_sentence(chars, start).iter().any(|w| w == "today")))
        // "You may find the terms fair today. However, they can change them tomorrow."
        || (day == "today" && before.iter().any(|w| matches!(w.as_str(), "may" | "might")) && has("you") && {
            let next = next_sentence(chars, end);
            next.iter().position(|w| w == "can").is_some_and(|k| next[k..].iter().any(|w| w == "tomorrow"))
        });
    // "Don't be surprised when ... beyond today": a general "when" in advice.
    let imperative = before.iter().position(|w| matches!(w.as_str(), "don't" | "don’t" | "never" | "always" | "expect"));
    let when = before.iter().rposition(|w| matches!(w.as_str(), "when" | "whenever"));
    let advice = imperative.zip(when).is_some_and(|(i, w)| i < w) && before.last().is_some_and(|w| matches!(w.as_str(), "beyond" | "past"));
    counterfactual || were_to || any_time || advice
}

/// "a grate full of Christmas coals", "winter coats", "a summer dress": a
/// season or a feast naming a kind of thing, any year's.
fn a_kind_of_thing(before: &str, after: &str) -> bool {
    let a = words(after);
    let Some(noun) = a.first() else { return false };
    let b = words(before);
    let prev = b.last().map(|w| w.to_lowercase());
    if noun.chars().next().is_none_or(|c| !c.is_lowercase()) || prev.as_deref().is_some_and(|p| TIMING.contains(&p)) {
        return false;
    }
    let plural_thing = noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss") && !EVENTS_OF.contains(&noun.as_str());
    let after_article = matches!(prev.as_deref(), Some("a" | "an"));
    plural_thing || after_article
}

/// "loose and baggy in summer", "quiet in winter": a state a bare season
/// qualifies is every year's ("We visited in summer" tells a visit).
fn state_in_season(before: &str) -> bool {
    let b = words(before);
    let n = b.len();
    if n < 2 || b[n - 1].to_lowercase() != "in" {
        return false;
    }
    let w = b[n - 2].to_lowercase();
    let adjective_ending = ["y", "ous", "ful", "ive", "ish", "less", "able"].iter().any(|e| w.ends_with(e)) && !w.ends_with("ly");
    (adjective_ending || STATES.contains(&w.as_str())) && !past_form(&w)
}

/// A letter of a script other than Latin: a phrasebook's other language.
fn other_script(c: char) -> bool {
    c.is_alphabetic() && c as u32 > 0x24F
}

/// "明日着る服の準備をしておきます。 = Before I go to sleep, I prepare my
/// clothes for the next day.": one side of a translation pair, an example
/// sentence of a language lesson, no event.
fn example_sentence(chars: &[char], line_start: usize, line_end: usize, start: usize, end: usize) -> bool {
    let is_eq = |k: usize| chars[k] == '=' && (k == line_start || chars[k - 1] == ' ') && chars.get(k + 1) == Some(&' ');
    // The other language may stand on the line before, as a lesson sets it out.
    let foreign = |from: usize, to: usize| chars[from..to.min(chars.len())].iter().filter(|c| other_script(**c)).count() >= 3;
    // The date after " = ", with the other language just before it.
    let back = (line_start..start).rev().find(|&k| is_eq(k)).filter(|&k| !chars[k..start].iter().any(|c| matches!(c, '!' | '?' | '。')));
    let forth = (end..line_end).find(|&k| is_eq(k));
    back.is_some_and(|k| foreign(k.saturating_sub(40), k)) || forth.is_some_and(|k| foreign(k + 1, k + 41))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the `nth` occurrence of `quote` in `text` is a calendar word used for something else.
    fn not_told_at(text: &str, quote: &str, nth: usize) -> bool {
        let byte = text.match_indices(quote).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        let chars: Vec<char> = text.chars().collect();
        not_told(&chars, start, start + quote.chars().count())
    }

    #[test]
    fn a_name_holding_a_named_event_is_no_event() {
        let artist = "The painter Cold War Pete has been told to remove his mural. Cold War Pete's mural shows the harbour.";
        assert!(not_told_at(artist, "Cold War", 0));
        assert!(not_told_at(artist, "Cold War", 1));
        // Both ways: the event told once before a capitalised word, or
        // mentioned alone elsewhere in the text.
        assert!(!not_told_at("After World War Two Britain rationed food.", "World War Two", 0));
        let told = "During the Cold War Berlin was split. The Cold War ended in 1991.";
        assert!(!not_told_at(told, "Cold War", 0));
        let twice = "In the Cold War Berlin was split. After the Cold War Germany was one again.";
        assert!(!not_told_at(twice, "Cold War", 0), "different words after each mention");
    }

    #[test]
    fn a_newspaper_named_after_a_weekday_is_no_day() {
        assert!(not_told_at("Most readers back the ferry, a Mail on Sunday survey of harbour towns finds.", "Sunday", 0));
        assert!(not_told_at("She told the Sunday Herald that the quay was safe.", "Sunday", 0));
        assert!(not_told_at("The Independent on Sunday's critic liked the play.", "Sunday", 0));
        // The tagger may quote the possessive with the day.
        assert!(not_told_at("Readers backed the Mail on Sunday's Save Our Quays campaign.", "Sunday's", 0));
        assert!(not_told_at("After the launch of The Post on Sunday's harbour appeal, gifts came in.", "Sunday's", 0));
        // Both ways: a paper that printed something on a day.
        assert!(!not_told_at("The Daily Mail on Sunday printed the ferry timetable.", "Sunday", 0));
        assert!(!not_told_at("The Harbour Post on Sunday printed the ferry timetable.", "Sunday", 0));
        assert!(!not_told_at("The ferry sailed on Sunday evening.", "Sunday", 0));
        assert!(!not_told_at("The harbour was shut after Sunday's storm.", "Sunday's", 0));
        assert!(!not_told_at("The Daily Mail on Sunday's front page led with the ferry.", "Sunday's", 0));
    }

    #[test]
    fn a_report_or_a_work_named_by_a_year_is_no_date() {
        assert!(not_told_at("Download the full 2031 Coastal Shipping Report for the details.", "2031", 0));
        assert!(not_told_at("Our 2030 Harbour Safety Survey is out now.", "2030", 0));
        assert!(not_told_at("Go as the band's 1977 album cover: a yellow coat and a paper crown.", "1977", 0));
        assert!(not_told_at("She sang songs from the album 1977 all night.", "1977", 0));
        // Both ways: a year that dates the report or the work.
        assert!(!not_told_at("The harbour report for 2031 was never printed.", "2031", 0));
        assert!(!not_told_at("In 2031 Coastal Shipping Report editors resigned.", "2031", 0));
        assert!(!not_told_at("The singer's 1977 album sold a million copies.", "1977", 0));
        assert!(!not_told_at("The band recorded the album in 1977, a year of strikes.", "1977", 0));
    }

    #[test]
    fn a_report_named_with_its_year_after_it_is_a_reference() {
        assert!(not_told_at("The Harbour Office's World Shipping Report 2031, which finds that fares rose.", "2031", 0));
        // Both ways: the report dated in prose, or a comma before the year.
        assert!(!not_told_at("The World Shipping Report in 2031 found that fares rose.", "2031", 0));
        assert!(!not_told_at("Read the World Shipping Report, 2031 was a record year.", "2031", 0));
        assert!(!not_told_at("The harbour report 2031 came late.", "2031", 0));
    }

    #[test]
    fn a_date_inside_a_quoted_title_is_part_of_the_name() {
        let prize = "Das Buch mit dem Titel «Ein Fischer im Sommer 1969» wurde 2015 ausgezeichnet.";
        assert!(not_told_at(prize, "1969", 0));
        assert!(!not_told_at(prize, "2015", 0));
        assert!(not_told_at("Her novel, titled “The Quay in May 1921”, sold well.", "1921", 0));
        // Both ways: quoted words that tell, and a title before its date.
        assert!(!not_told_at("He said “we sailed in summer 1969” and left.", "1969", 0));
        assert!(!not_told_at("The film titled “Quay” came out in May 1921.", "1921", 0));
    }

    #[test]
    fn a_knock_knock_punchline_is_no_day() {
        let joke = "Knock, knock.\n\nWho's there?\n\nHerring.\n\nHerring who?\n\nHerring you sing today was a treat!\n";
        assert!(not_told_at(joke, "today", 0));
        // Both ways: a question and its answer that tell.
        let race = "Who won?\n\nThe ferry crew won the race today.\n";
        assert!(!not_told_at(race, "today", 0));
        let asked = "The skipper asked: and who?\n\nThe mayor came today.\n";
        assert!(!not_told_at(asked, "today", 0));
    }

    #[test]
    fn a_day_in_a_supposition_is_no_day() {
        assert!(not_told_at("If the council sold the pier tomorrow, nobody could stop it.", "tomorrow", 0));
        assert!(not_told_at("Were the board to close the quay tonight, the boats would be stranded.", "tonight", 0));
        assert!(not_told_at("The fares look fair today. The operator can double them tomorrow without notice.", "tomorrow", 0));
        assert!(not_told_at("Don't be shocked when the fun runs beyond today!", "today", 0));
        assert!(not_told_at(
            "You may agree to what look like fair fares today. However, the operator can double them tomorrow.",
            "today",
            0
        ));
        assert!(not_told_at("Whether it is one riddle or ten, don’t be shocked when the fun runs beyond today!", "today", 0));
        // Both ways: plans and conditions on a real day.
        assert!(!not_told_at("If it rains tomorrow, the regatta moves to Sunday.", "tomorrow", 0));
        assert!(!not_told_at("Visitors can buy ferry tickets tomorrow at the quay.", "tomorrow", 0));
        assert!(!not_told_at("The council sold the pier today.", "today", 0));
        assert!(!not_told_at("The fares are fair today. Tomorrow the operator can double them.", "today", 0));
        assert!(!not_told_at("You may board the ferry today. It sails at noon.", "today", 0));
        assert!(!not_told_at("Don't miss the parade when it passes the town hall today.", "today", 0));
    }

    #[test]
    fn a_season_or_a_feast_as_a_kind_of_thing_is_no_date() {
        assert!(not_told_at("The stove glowed like a pan full of Christmas embers.", "Christmas", 0));
        assert!(not_told_at("She packed her winter boots and a summer hat.", "winter", 0));
        assert!(not_told_at("She packed her winter boots and a summer hat.", "summer", 0));
        assert!(not_told_at("The ferryman kept his coat loose and baggy in summer.", "summer", 0));
        assert!(not_told_at("The harbour is quiet in winter.", "winter", 0));
        // Both ways: one season, one feast.
        assert!(!not_told_at("The ferry sank on Christmas morning.", "Christmas", 0));
        assert!(!not_told_at("Christmas celebrations were cancelled that year.", "Christmas", 0));
        assert!(!not_told_at("We visited the harbour in summer, when the boats were out.", "summer", 0));
        assert!(!not_told_at("The ferry was sold last winter.", "winter", 0));
        assert!(!not_told_at("Early in summer the quay flooded.", "summer", 0));
    }

    #[test]
    fn a_phrasebook_s_example_sentence_is_no_event() {
        let lesson = "明日の船に乗ります。 = I will take the ferry the next day.\n";
        assert!(not_told_at(lesson, "the next day", 0));
        assert!(not_told_at("明日の船に乗ります。\n= I will take the ferry the next day.\n", "the next day", 0));
        let reverse = "See you tomorrow at the harbour. = До завтра у гавани.\n";
        assert!(not_told_at(reverse, "tomorrow", 0));
        // Both ways: an equals sign between numbers, or prose.
        assert!(!not_told_at("The toll rose on Monday: 2 + 2 = 4 euros more.\n", "Monday", 0));
        assert!(!not_told_at("The ferry left the next day, as planned.\n", "the next day", 0));
    }
}
