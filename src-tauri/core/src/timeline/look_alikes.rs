//! Numbers and words that look like dates but date nothing, found by the
//! words right around them: a count ("up to 1400 requests a minute"), a
//! magazine's issue ("issue 7/2019"), a book's edition closing a bracket
//! ("(Polish edition: The Art of Rest – 2019)"), a post's stamp in brackets
//! opened by its verb ("(posted this morning, 14 Oct. 15)"), a name with a
//! year inside it ("the Harbour Jazz 2020 quintet"), a weekday that is a
//! character's name ("Wednesday's usual collar"), hours kept every weekend
//! ("weekends 11am-4pm"), and a season as a topic or in advice ("And winter
//! — the salt...", "In spring, wait until you've..."). (`listings.rs` holds
//! the look-alikes judged by the layout of whole lines.)

use crate::timex::lexicon;

/// Words that make the number after them a quantity.
const QUANTIFIERS: &[&str] = &[
    "up to",
    "more than",
    "less than",
    "fewer than",
    "bis zu",
    "mehr als",
    "weniger als",
    "plus de",
    "moins de",
    "jusqu'à",
    "jusqu’à",
    "más de",
    "menos de",
    "fino a",
    "oltre",
];

/// Words that tie "to N" to a list's length or a ranking.
const LISTS: &[&str] = &["list", "lists", "ranking", "rankings", "top", "chart", "charts", "countdown"];

/// Words for a periodical's issue.
const ISSUES: &[&str] = &["issue", "ausgabe", "heft", "nr", "no", "n°", "numéro", "número", "numero", "vol", "volume", "nummer", "numer"];

/// Words for a book's edition or publication, inside a reference's brackets.
const EDITIONS: &[&str] = &[
    "edition",
    "ed",
    "édition",
    "edición",
    "edizione",
    "wydanie",
    "wyd",
    "ausgabe",
    "auflage",
    "published",
    "publ",
    "translated",
    "trans",
    "tłum",
    "übers",
    "verlag",
    "press",
];

/// Verbs that open a post's stamp.
const POSTED: &[&str] =
    &["posted", "published", "updated", "written", "edited", "sent", "geschrieben", "publié", "publicado", "pubblicato"];

/// Words that cannot follow a name's year as the noun it qualifies.
const FUNCTION: &[&str] = &[
    "and", "or", "but", "in", "on", "at", "of", "to", "for", "the", "a", "an", "was", "is", "were", "are", "when", "had", "has", "have",
    "will", "with", "by", "as", "from", "that", "which", "who", "after", "before", "until", "since", "while", "where", "be", "been",
    "would", "could",
];

/// Nouns after a name's year that make it an event of that year ("the World
/// Cup 2018 final", "the Tokyo 2020 season").
const EVENT_NOUNS: &[&str] = &[
    "final",
    "finals",
    "semifinal",
    "season",
    "edition",
    "election",
    "elections",
    "race",
    "tournament",
    "games",
    "match",
    "campaign",
    "summit",
    "conference",
    "festival",
    "tour",
    "budget",
    "census",
    "championship",
    "championships",
    "olympics",
];

/// Habit's adjectives after a weekday's possessive: "Wednesday's usual collar" is no one Wednesday's.
const HABITUAL: &[&str] =
    &["usual", "typical", "regular", "customary", "signature", "iconic", "trademark", "famous", "classic", "favourite", "favorite"];

/// Days of every week, before opening hours.
const EVERY_DAY: &[&str] =
    &["weekends", "weekdays", "daily", "nightly", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"];

const SEASONS: &[&str] = &["spring", "summer", "autumn", "fall", "winter"];
const HOLIDAYS: &[&str] = &["christmas", "easter"];

/// A month, weekday, season or holiday name (lowercased): a word no name of a thing is made of here.
fn is_calendar_name(w: &str) -> bool {
    // Full names only: "mar" or "sun" may be part of a name.
    lexicon::month_name(w).is_some() || lexicon::weekday_name(w).is_some() || [SEASONS, HOLIDAYS].iter().any(|names| names.contains(&w))
}

/// True when the expression at code points `[start, end)` (valued `value`) only looks like a date.
pub fn is_look_alike(chars: &[char], start: usize, end: usize, value: &str) -> bool {
    let line_start = (0..start).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
    let line_end = (end..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
    let before: String = chars[line_start..start].iter().collect();
    let after: String = chars[end..line_end].iter().collect();
    let quote: String = chars[start..end].iter().collect();
    let bare_number = (3..=4).contains(&quote.len()) && quote.chars().all(|c| c.is_ascii_digit());
    let season = value.len() == 7 && ["-SP", "-SU", "-FA", "-WI"].iter().any(|s| value.ends_with(s));
    (bare_number && (a_count(&before, &after) || an_issue(&before) || an_edition(&before, &after) || a_name(&before, &after)))
        || posted_stamp(&before, &after)
        || weekday_habit(&quote, &after)
        || (value.contains('T') && every_day_hours(&before))
        || (season && (season_as_topic(&before, &quote, &after) || season_in_advice(chars, start, end, &before, &quote, &after)))
        || (season && seasonal_habit(chars, start, end, &before))
        || (bare_number && priced_issue(chars, line_start, line_end))
        || (bare_number && masthead(chars, line_start, line_end, &quote))
        || (value.contains('T') && daily_hour(&before, &after))
        || (value.len() == 10 && !quote.chars().any(|c| c.is_ascii_digit()) && suited_for(&before))
        || (matches!(quote.to_lowercase().as_str(), "today" | "tomorrow") && sentence_text(chars, start, end).contains("live for "))
        || (value.len() == 7 && quote.chars().all(char::is_alphabetic) && yearly_span(&before))
        || (value.len() == 10 && !quote.chars().any(|c| c.is_ascii_digit()) && feast_in_general(&before, &after))
        || titled_weekday(&before, &quote, &after)
}

/// "Fire season runs from August through October": a month that opens a
/// span of what recurs, told in the present, is every year's.
fn yearly_span(before: &str) -> bool {
    let lead = last_words(before, 2);
    lead.len() == 2
        && lead[1] == "from"
        && matches!(lead[0].as_str(), "runs" | "run" | "lasts" | "last" | "stretches" | "extends" | "running" | "lasting")
}

/// "Dressing up as a werewolf for Halloween is easy": a feast in a
/// statement opened by what one does, any year's.
fn feast_in_general(before: &str, after: &str) -> bool {
    // The clause's first word: "Easy and scary, dressing up as ... is" opens with it too.
    let clause = before.rsplit([',', '.', '!', '?', ';', ':']).next().unwrap_or("").to_lowercase();
    let opens_with_doing = clause.split_whitespace().next().is_some_and(|w| w.len() > 4 && w.ends_with("ing"));
    last_words(before, 1).first().is_some_and(|w| w == "for")
        && first_word(after).is_some_and(|w| matches!(w.as_str(), "is" | "are"))
        && opens_with_doing
}

/// Nouns before a work's title.
const TITLES: &[&str] = &["book", "novel", "album", "film", "movie", "show", "series", "song", "podcast", "magazine", "play", "newsletter"];

/// "her newest book Saturday Millionaires": a weekday opening a title.
fn titled_weekday(before: &str, quote: &str, after: &str) -> bool {
    let day = quote.to_lowercase();
    lexicon::weekday_name(&day).is_some()
        && first_word(after).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_calendar_name(&w.to_lowercase()))
        && last_words(before, 1).first().is_some_and(|w| TITLES.contains(&w.as_str()))
}

/// The lowercased sentence holding `[start, end)`.
fn sentence_text(chars: &[char], start: usize, end: usize) -> String {
    let s = chars[..start].iter().rposition(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(0, |k| k + 1);
    let e = chars[end..].iter().position(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(chars.len(), |k| end + k);
    chars[s..e].iter().collect::<String>().to_lowercase()
}

/// "the rutting season, which takes place during autumn": a season told
/// with the words of what recurs is every year's.
fn seasonal_habit(chars: &[char], start: usize, end: usize, before: &str) -> bool {
    let lead = last_words(before, 1);
    let sentence = sentence_text(chars, start, end);
    lead.first().is_some_and(|w| matches!(w.as_str(), "during" | "in"))
        && ["takes place", "take place", "occurs", "recurs", "every year", "each year", "annually"].iter().any(|h| sentence.contains(h))
}

/// "L'état de l'économie 2007 Hors-série n° 72 ... 7,65 euros": a line that
/// sells a periodical's numbered issue is a catalogue's entry.
fn priced_issue(chars: &[char], line_start: usize, line_end: usize) -> bool {
    let line: String = chars[line_start..line_end].iter().collect::<String>().to_lowercase();
    let numbered = ["n° ", "nº ", "no. ", "nr. ", "issue no", "hors-série"].iter().any(|m| line.contains(m));
    let priced = line.contains("euro") || line.contains(['€', '$', '£']);
    numbered && priced && line.chars().count() <= 200
}

/// "Harbour Review July 2019" on a short line of its own, with "issue
/// 7/2019" just after it: the masthead of the issue a piece comes from.
fn masthead(chars: &[char], line_start: usize, line_end: usize, year: &str) -> bool {
    let line: String = chars[line_start..line_end].iter().collect();
    if line.chars().count() > 60 || line.contains(['.', '!', '?']) {
        return false;
    }
    let next: String = chars[line_end..(line_end + 200).min(chars.len())].iter().collect::<String>().to_lowercase();
    let words: Vec<&str> = next.split_whitespace().collect();
    words.windows(2).any(|w| {
        ISSUES.contains(&w[0].trim_end_matches('.'))
            && w[1]
                .split_once('/')
                .is_some_and(|(n, y)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && y.trim_end_matches([',', ')']) == year)
    })
}

/// "after the 10pm curfew": an hour kept every day.
fn daily_hour(before: &str, after: &str) -> bool {
    last_words(before, 1).first().is_some_and(|w| w == "the")
        && first_word(after).is_some_and(|w| matches!(w.to_lowercase().as_str(), "curfew" | "watershed" | "closing" | "bulletin"))
}

/// "perfect for Halloween", "ideal for Christmas": what suits any year's feast.
fn suited_for(before: &str) -> bool {
    let lead = last_words(before, 2);
    lead.len() == 2 && lead[1] == "for" && matches!(lead[0].as_str(), "perfect" | "ideal" | "great" | "good" | "best" | "fun" | "suitable")
}

fn last_words(s: &str, n: usize) -> Vec<String> {
    let words: Vec<String> = s
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '°')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words[words.len().saturating_sub(n)..].to_vec()
}

fn first_word(s: &str) -> Option<String> {
    let s = s.strip_prefix(' ')?;
    let w: String = s.chars().take_while(|c| c.is_alphabetic()).collect();
    (!w.is_empty()).then_some(w)
}

/// "up to 1400 requests a minute", "more than 2000 people": a quantity
/// word and then a noun; "if the list went to 1000": a list's length.
/// ("Up to 1400 the town was small" keeps its year: "the" is no noun.)
fn a_count(before: &str, after: &str) -> bool {
    let lower = before.to_lowercase();
    let lead = lower.trim_end();
    let quantified =
        QUANTIFIERS.iter().any(|q| lead.ends_with(q) && lead[..lead.len() - q.len()].chars().last().is_none_or(|c| !c.is_alphabetic()));
    let noun = first_word(after).is_some_and(|w| !FUNCTION.contains(&w.to_lowercase().as_str()));
    let words = last_words(before, 5);
    let list_length = words.last().is_some_and(|w| w == "to") && words.iter().any(|w| LISTS.contains(&w.as_str()));
    (quantified && noun) || list_length
}

/// "Ausgabe 7/2019", "issue 3/2021": a periodical's number and year.
fn an_issue(before: &str) -> bool {
    let Some(head) = before.strip_suffix('/') else { return false };
    let number = head.trim_end_matches(|c: char| c.is_ascii_digit());
    if number.len() == head.len() || !number.ends_with([' ', '.']) {
        return false;
    }
    last_words(number, 1).first().is_some_and(|w| ISSUES.contains(&w.as_str()))
}

/// "(Polish edition: The Art of Rest – 2019)": a year closing brackets
/// that name an edition, after a dash or a comma, dates a book, not an event.
/// ("(the edition sold out in 2019)" tells something and stays.)
fn an_edition(before: &str, after: &str) -> bool {
    if !after.trim_start().starts_with(')') {
        return false;
    }
    let Some(open) = before.rfind('(') else { return false };
    let inside = &before[open + 1..];
    if inside.contains(')') || inside.chars().count() > 150 || !inside.trim_end().ends_with(['–', '—', '-', ',']) {
        return false;
    }
    last_words(inside, 40).iter().any(|w| EDITIONS.contains(&w.as_str()))
}

/// "(posted this morning, 14 Oct. 15)": brackets opened by a stamp's verb.
fn posted_stamp(before: &str, after: &str) -> bool {
    let Some(open) = before.rfind('(') else { return false };
    let inside = &before[open + 1..];
    let closes = after.find(')').is_some_and(|k| after[..k].chars().count() <= 20 && !after[..k].contains('('));
    let verb = inside.split_whitespace().next().is_some_and(|w| POSTED.contains(&w.to_lowercase().trim_end_matches(':')));
    closes && verb && !inside.contains(')') && inside.chars().count() <= 40
}

/// "the Harbour Jazz 2020 quintet plays on Sundays": a year between a
/// name's capitalised words and the noun they qualify is part of the name.
/// ("the Tokyo 2020 Olympics", "the World Cup 2018 final", "the March 2020
/// lockdown" and "the Games 2020 were moved" stay.)
fn a_name(before: &str, after: &str) -> bool {
    let Some(noun) = first_word(after) else { return false };
    if !noun.chars().next().is_some_and(char::is_lowercase) || FUNCTION.contains(&noun.as_str()) || EVENT_NOUNS.contains(&noun.as_str()) {
        return false;
    }
    let words: Vec<&str> = before.split_whitespace().collect();
    let name: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic) && w.to_lowercase() != "the")
        .copied()
        .collect();
    let the = words.len().checked_sub(name.len() + 1).map(|k| words[k].to_lowercase());
    (1..=3).contains(&name.len()) && the.as_deref() == Some("the") && name.iter().all(|w| !is_calendar_name(&w.to_lowercase()))
}

/// "for Wednesday's usual white collar": a weekday's habit or a character, no one day.
fn weekday_habit(quote: &str, after: &str) -> bool {
    let lower = quote.to_lowercase();
    let day = lower.trim_end_matches("'s").trim_end_matches("’s");
    day.len() < lower.len()
        && lexicon::weekday_name(day).is_some()
        && first_word(after).is_some_and(|w| HABITUAL.contains(&w.to_lowercase().as_str()))
}

/// "Open weekends 11am-4pm": hours kept on every such day; the range's end
/// too ("weekends 11am-4pm", "weekdays from 9 a.m. to 5 p.m.").
fn every_day_hours(before: &str) -> bool {
    let mut words = last_words(before, 6);
    let range_end = before.trim_end().ends_with(['-', '–']) || words.last().is_some_and(|w| matches!(w.as_str(), "to" | "until" | "till"));
    if range_end {
        // Back over "to", the range's start ("11am", "9 a.m.") and "from"/"between".
        while words.last().is_some_and(|w| matches!(w.as_str(), "to" | "until" | "till" | "a" | "p" | "m" | "am" | "pm")) {
            words.pop();
        }
        if !words.last().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())) {
            return false;
        }
        words.pop();
        if words.last().is_some_and(|w| matches!(w.as_str(), "from" | "between")) {
            words.pop();
        }
    }
    words.last().is_some_and(|w| EVERY_DAY.contains(&w.as_str()))
}

fn bare_season(before: &str, quote: &str) -> bool {
    let lower = quote.to_lowercase();
    SEASONS.contains(&lower.as_str())
        && !last_words(before, 1).first().is_some_and(|w| matches!(w.as_str(), "the" | "this" | "that" | "last" | "next"))
}

/// "And winter — from the rock salt on the streets...": a season opening its
/// sentence as the topic of a dash or a colon is every year's.
fn season_as_topic(before: &str, quote: &str, after: &str) -> bool {
    let sentence = before.rsplit(['.', '!', '?']).next().unwrap_or("").trim().to_lowercase();
    bare_season(before, quote) && matches!(sentence.as_str(), "" | "and" | "but" | "or") && after.trim_start().starts_with(['—', '–', ':'])
}

/// "In spring, wait until you've passed your last frost": "in" and a season
/// opening a sentence that tells the reader what to do (its next word no
/// subject) is any year's.
fn season_in_advice(chars: &[char], start: usize, end: usize, before: &str, quote: &str, after: &str) -> bool {
    let sentence = before.rsplit(['.', '!', '?', '“', '"']).next().unwrap_or("").trim().to_lowercase();
    if !bare_season(before, quote) || sentence != "in" {
        return false;
    }
    let Some(rest) = after.strip_prefix(',') else { return false };
    let Some(next) = first_word(rest) else { return false };
    const SUBJECTS: &[&str] =
        &["i", "we", "he", "she", "it", "they", "the", "a", "an", "my", "our", "his", "her", "their", "its", "there", "this", "that"];
    let s_end = chars[end..].iter().position(|c| matches!(c, '.' | '!' | '?' | '\n')).map_or(chars.len(), |k| end + k);
    let sentence_rest: String = chars[start..s_end].iter().collect::<String>().to_lowercase();
    let to_you = sentence_rest
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| matches!(w, "you" | "your" | "you've" | "you’ve" | "you're" | "you’re"));
    next.chars().next().is_some_and(char::is_lowercase) && !SUBJECTS.contains(&next.as_str()) && to_you
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the `nth` occurrence of `quote` in `text`, valued `value`, only looks like a date.
    fn look_alike(text: &str, quote: &str, nth: usize, value: &str) -> bool {
        let byte = text.match_indices(quote).nth(nth).unwrap().0;
        let start = text[..byte].chars().count();
        let chars: Vec<char> = text.chars().collect();
        is_look_alike(&chars, start, start + quote.chars().count(), value)
    }

    #[test]
    fn counts_are_no_years() {
        assert!(look_alike("The office turns down up to 1400 requests a minute.", "1400", 0, "1400"));
        assert!(look_alike("Das Amt prüft bis zu 1400 Anträge am Tag.", "1400", 0, "1400"));
        assert!(look_alike("If the list went to 1000 he still would not be on it.", "1000", 0, "1000"));
        assert!(!look_alike("Up to 1400 the town was small.", "1400", 0, "1400"));
        assert!(!look_alike("The walls stood from 1200 to 1400 without repair.", "1400", 0, "1400"));
        assert!(!look_alike("In 1400 the town was small.", "1400", 0, "1400"));
    }

    #[test]
    fn issues_and_editions_are_references() {
        assert!(look_alike("This piece first ran in issue 7/2019 of the Harbour Review.", "2019", 0, "2019"));
        assert!(look_alike("Dieser Text stammt aus Ausgabe 3/2021 des Magazins.", "2021", 0, "2021"));
        assert!(!look_alike("The rent rose by 7/2019 standards.", "2019", 0, "2019"));
        assert!(look_alike("Harbour Review July 2019\nThis piece comes from issue 7/2019 of the Harbour Review.", "2019", 0, "2019"));
        assert!(!look_alike("The port closed in July 2019.\nThis piece comes from issue 7/2019 of the Harbour Review.", "2019", 0, "2019"));
        assert!(!look_alike("Harbour Review July 2019\nThe port closed in 2019 after a storm.", "2019", 0, "2019"));
        assert!(look_alike("Her book (first published 2015; Polish edition: The Art of Rest – 2019). It sold well.", "2019", 0, "2019"));
        assert!(!look_alike("Her book (the edition sold out in 2019) sold well.", "2019", 0, "2019"));
        assert!(!look_alike("The storm (which came on a Sunday, 2019) was short.", "2019", 0, "2019"));
    }

    #[test]
    fn stamps_opened_by_their_verb_are_furniture() {
        assert!(look_alike("A reader wrote this piece (posted this morning, 14 Oct. 15) and it spread.", "14 Oct.", 0, "2015-10-14"));
        assert!(look_alike("Great news (updated: 3 May 2021) for the port.", "3 May 2021", 0, "2021-05-03"));
        assert!(!look_alike("The ship (which sailed on 14 Oct. 15) was lost.", "14 Oct.", 0, "2015-10-14"));
    }

    #[test]
    fn a_year_inside_a_name_is_no_date() {
        assert!(look_alike("The Harbour Jazz 2020 quintet plays every other Sunday.", "2020", 0, "2020"));
        assert!(!look_alike("We watched the Tokyo 2020 Olympics at home.", "2020", 0, "2020"));
        assert!(!look_alike("They lost the World Cup 2018 final.", "2018", 0, "2018"));
        assert!(!look_alike("Shops shut in the March 2020 lockdown.", "2020", 0, "2020"));
        assert!(!look_alike("The Games 2020 were moved a year.", "2020", 0, "2020"));
        assert!(!look_alike("In 2020 prices rose.", "2020", 0, "2020"));
    }

    #[test]
    fn habits_hours_and_general_seasons_are_no_events() {
        assert!(look_alike("Wear a white shirt for Wednesday's usual collar to show.", "Wednesday's", 0, "2020-10-28"));
        assert!(!look_alike("Wednesday's vote was close.", "Wednesday's", 0, "2020-10-28"));
        assert!(look_alike("Open again weekends 11am-4pm from October 31st.", "11am", 0, "2020-10-06T11:00"));
        assert!(look_alike("Open again weekends 11am-4pm from October 31st.", "4pm", 0, "2020-10-06T16:00"));
        assert!(look_alike("The quay office opens weekdays from 9 a.m. to 5 p.m.", "5 p.m.", 0, "2020-10-06T17:00"));
        // Both ways: a range of one day's hours.
        assert!(!look_alike("The quay closed from 11am-4pm on Sunday for repairs.", "4pm", 0, "2020-10-06T16:00"));
        assert!(!look_alike("The weekends were busy; at 11am-4pm the quay was full.", "4pm", 0, "2020-10-06T16:00"));
        assert!(!look_alike("The shop opened at 11am on Friday.", "11am", 0, "2020-10-06T11:00"));
        assert!(look_alike("The pipes are old. And winter — from the salt on the roads — cracks them.", "winter", 0, "2018-WI"));
        assert!(!look_alike("The pipes burst that winter — all of them.", "winter", 0, "2018-WI"));
        assert!(look_alike("“In spring, wait until you've passed your last frost,” she said.", "spring", 0, "2016-SP"));
        assert!(!look_alike("In spring, we planted the beds you saw.", "spring", 0, "2016-SP"));
        assert!(!look_alike("In spring, prices rose.", "spring", 0, "2016-SP"));
        assert!(look_alike("The deer's rut, which takes place during autumn, draws crowds.", "autumn", 0, "2020-FA"));
        assert!(!look_alike("The deer left the park during autumn.", "autumn", 0, "2020-FA"));
        assert!(look_alike("Crowds gathered after the 10pm curfew for pubs.", "10pm", 0, "2020-09-28T22:00"));
        assert!(!look_alike("Crowds gathered after 10pm in the square.", "10pm", 0, "2020-09-28T22:00"));
    }

    #[test]
    fn yearly_spans_feasts_in_general_and_titles_are_no_events() {
        assert!(look_alike("Fire season is starting: it runs from August through October.", "August", 0, "2019-08"));
        assert!(!look_alike("The fair ran from August to October and closed.", "August", 0, "2019-08"));
        assert!(look_alike("Dressing up as a ghost for Halloween is an easy costume.", "Halloween", 0, "2020-10-31"));
        assert!(!look_alike("Our plan for Halloween is to stay in.", "Halloween", 0, "2020-10-31"));
        assert!(look_alike("Cheap, spooky and easy, going as a ghost for Halloween is a hit.", "Halloween", 0, "2020-10-31"));
        assert!(!look_alike("Sadly, our plan for Halloween is off.", "Halloween", 0, "2020-10-31"));
        assert!(look_alike("Her newest book Saturday Sailors tells of the port.", "Saturday", 0, "2014-01-25"));
        assert!(!look_alike("The book came out on Saturday and sold well.", "Saturday", 0, "2014-01-25"));
        assert!(!look_alike("The book Saturday sold out.", "Saturday", 0, "2014-01-25"));
    }

    #[test]
    fn catalogue_entries_feasts_in_general_and_idioms_are_no_events() {
        assert!(look_alike("Le port en 2007 Hors-série n° 12, printemps 2007 6,50 euros", "2007", 0, "2007"));
        assert!(!look_alike("Le port a fermé en 2007, avec 12 bateaux.", "2007", 0, "2007"));
        assert!(look_alike("These cookies are perfect for Halloween as kids love them.", "Halloween", 0, "2023-10-31"));
        assert!(!look_alike("We baked cookies for Halloween and the kids ate them.", "Halloween", 0, "2023-10-31"));
        assert!(look_alike("Do your best and live for today – not for tomorrow, for today.", "tomorrow", 0, "2019-07-19"));
        assert!(!look_alike("The ferry leaves tomorrow at noon.", "tomorrow", 0, "2019-07-19"));
    }
}
