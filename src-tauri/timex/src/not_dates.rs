//! Four-digit numbers that are not years, judged from what is around them:
//! a phone number or a postcode ("202-628-8500"), a web address
//! ("/marco-arment-2011-9"), a street address ("1625 K Street"), a
//! citation's page ("108 (5): 1815"), a model number ("RTX 2080", "a 2080
//! Ti"), a table cell ("│ 1022 │"), or one of a row of numbers (a chart's
//! axis, "1945 1960 1980 2000"). Words that make a number a quantity or an
//! identifier on their own ("$", "pages", "euros") are in `calendar.rs`.

use super::lexicon;
use super::parts::plausible_year;
use super::tokens::{Tok, TokKind};

/// The hit at tokens `[s, e)` is a bare four-digit number (perhaps a range
/// of years) that is not a date, or a holiday's name that names a thing.
pub(super) fn not_a_date(toks: &[Tok], s: usize, e: usize, reference_year: Option<i32>) -> bool {
    let t = &toks[s];
    // "an Ash Wednesday-like smearing", "a Christmas-style market".
    let like = toks.get(e).is_some_and(|n| n.text == "-" && !n.space_before)
        && toks
            .get(e + 1)
            .is_some_and(|w| !w.space_before && matches!(w.lower, "like" | "style" | "esque" | "inspired" | "themed" | "related"));
    if t.kind == TokKind::Word && like {
        return true;
    }
    if t.kind == TokKind::Word && e == s + 1 && (weekday_opens_a_title(toks, s, e) || beside_a_month(toks, s, e)) {
        return true;
    }
    if t.kind == TokKind::Word && e == s + 1 {
        let holiday =
            matches!(t.lower, "halloween" | "christmas" | "easter" | "thanksgiving" | "hanukkah" | "passover" | "ramadan" | "diwali");
        return holiday && holiday_names_a_thing(toks, e);
    }
    if t.kind != TokKind::Num || t.text.len() != 4 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Ok(n) = t.text.parse::<u32>() else { return false };
    part_of_a_code(toks, s, e)
        || in_a_name(toks, s)
        || after_a_number(toks, s)
        || in_an_address(toks, s, e)
        || citation_page(toks, s)
        || model_number(toks, s, e, n, reference_year)
        || table_cell(toks, s, e)
        || in_a_row_of_numbers(toks, s, e)
        || another_score(toks, s)
}

/// A score ("a score of 1061") and a number given alongside a score of
/// three digits or more: "scored 1061 in one test and 2072 in another". Not once a year has come between them
/// with its preposition ("scored 1200 points in 2018 and 2019").
fn another_score(toks: &[Tok], s: usize) -> bool {
    let score_word = |w: &str| matches!(w, "scored" | "score" | "scores" | "scoring" | "rated" | "rating");
    // "a score of 1061".
    if s >= 2 && toks[s - 1].lower == "of" && score_word(toks[s - 2].lower) {
        return true;
    }
    let sentence = toks[s].sentence;
    let lo = s.saturating_sub(14);
    let Some(k) = (lo..s)
        .rev()
        .find(|&k| toks[k].sentence == sentence && score_word(toks[k].lower) && toks.get(k + 1).and_then(digits).is_some_and(|n| n >= 3))
    else {
        return false;
    };
    let year_between = (k + 2..s).any(|j| {
        digits(&toks[j]) == Some(4) && j > 0 && matches!(toks[j - 1].lower, "in" | "of" | "since" | "during" | "by" | "from" | "until")
    });
    !year_between && !matches!(toks[s - 1].lower, "in" | "of" | "since" | "during" | "by" | "from" | "until")
}

fn glued(toks: &[Tok], k: usize) -> bool {
    toks.get(k).is_some_and(|t| !t.space_before)
}

fn digits(t: &Tok) -> Option<usize> {
    (t.kind == TokKind::Num && t.text.bytes().all(|b| b.is_ascii_digit())).then_some(t.text.len())
}

/// Phone numbers, postcodes and web addresses: the number is one group of
/// a run of characters with no space ("202-628-8500", "094-0011",
/// "www.example.com/story-2011-9", "@user2019").
fn part_of_a_code(toks: &[Tok], s: usize, e: usize) -> bool {
    // The whole run of glued tokens around the number.
    let mut a = s;
    while a > 0 && !toks[a].space_before {
        a -= 1;
    }
    let mut b = e;
    while b < toks.len() && !toks[b].space_before {
        b += 1;
    }
    let run = &toks[a..b];
    if run.iter().any(|t| matches!(t.lower, "http" | "https" | "www" | "@" | "com" | "org" | "net" | "html")) {
        return true;
    }
    // A group of two or three digits joined to the number by "-" or ".":
    // "628-8500", "158-23-2012", "555.2019". A range of years joins two
    // four-digit years, or a year and two digits after it ("1989-90").
    let joined = |k: usize| toks.get(k).is_some_and(|t| matches!(t.text, "-" | "." | "–")) && glued(toks, k) && glued(toks, k + 1);
    // "n°2019-1130": a second number that cannot end a range of years.
    let before = s >= 2
        && joined(s - 1)
        && (digits(&toks[s - 2]).is_some_and(|l| l == 2 || l == 3)
            || toks[s - 2].num().zip(toks[s].num()).is_some_and(|(a, b)| toks[s - 2].text.len() == 4 && b <= a));
    let after = e + 1 < toks.len()
        && e == s + 1
        && joined(e)
        && digits(&toks[e + 1]).is_some_and(|l| l == 3 || (l == 4 && toks[e + 1].num().is_some_and(|m| !plausible_year(m))))
        && toks.get(e + 2).is_some_and(|t| t.text == "-" && glued(toks, e + 2));
    before || after
}

/// A word joined to the number by a hyphen names a thing: "gsoc-2018",
/// "covid-2019" (a data set, a file); not a date's own prefix ("mid-2019",
/// "post-2008", "pre-1990").
fn in_a_name(toks: &[Tok], s: usize) -> bool {
    s >= 2
        && toks[s - 1].text == "-"
        && glued(toks, s - 1)
        && glued(toks, s)
        && toks[s - 2].kind == TokKind::Word
        && !matches!(
            toks[s - 2].lower,
            "mid"
                | "pre"
                | "post"
                | "early"
                | "late"
                | "end"
                | "fy"
                | "fiscal"
                | "circa"
                | "ca"
                | "c"
                | "anno"
                | "summer"
                | "spring"
                | "fall"
                | "autumn"
                | "winter"
                | "year"
                | "since"
        )
}

/// A number right before: "Windows 10 1809" (a version), "Chapter 3 1998".
/// A day before a year comes with its month ("May 10 1809"), which the
/// month's pattern reads first.
fn after_a_number(toks: &[Tok], s: usize) -> bool {
    s > 0 && toks[s].space_before && digits(&toks[s - 1]).is_some()
}

/// A month name right beside another: "Can February March? No, but April
/// May." (word play), "January February March" (a calendar's heading).
fn beside_a_month(toks: &[Tok], s: usize, e: usize) -> bool {
    let month = |t: &Tok| t.kind == TokKind::Word && t.is_capitalized() && lexicon::month_name(t.lower).is_some();
    month(&toks[s]) && ((s > 0 && month(&toks[s - 1]) && toks[s].space_before) || toks.get(e).is_some_and(|n| month(n) && n.space_before))
}

/// "the Sunday Metropolitan section", "the Monday Night Football crew": a
/// weekday opening a name after "the".
fn weekday_opens_a_title(toks: &[Tok], s: usize, e: usize) -> bool {
    let weekday = lexicon::weekday_name(toks[s].lower).is_some();
    weekday
        && s > 0
        && toks[s - 1].lower == "the"
        && toks.get(e).is_some_and(|n| n.kind == TokKind::Word && n.is_capitalized() && lexicon::month_name(n.lower).is_none())
}

/// "Halloween-themed workouts", "Halloween costumes", "Christmas trees": a
/// holiday's name before the thing it names, not a day.
fn holiday_names_a_thing(toks: &[Tok], e: usize) -> bool {
    let Some(next) = toks.get(e) else { return false };
    if next.text == "-" && !next.space_before {
        return toks.get(e + 1).is_some_and(|w| !matches!(w.lower, "time" | "day" | "eve" | "night" | "season" | "week" | "weekend"));
    }
    next.kind == TokKind::Word
        && matches!(
            next.lower,
            "costume"
                | "costumes"
                | "tree"
                | "trees"
                | "card"
                | "cards"
                | "decorations"
                | "decoration"
                | "display"
                | "displays"
                | "house"
                | "houses"
                | "lights"
                | "gifts"
                | "presents"
                | "candy"
                | "movie"
                | "movies"
                | "film"
                | "films"
                | "song"
                | "songs"
                | "music"
                | "spiders"
                | "sweater"
                | "sweaters"
                | "cookies"
                | "recipes"
                | "recipe"
                | "treats"
                | "themed"
                | "special"
                | "album"
                | "market"
                | "markets"
                | "ornaments"
                | "party"
                | "parties"
                | "outfit"
                | "outfits"
                | "makeup"
                | "ideas"
                | "classic"
                | "classics"
                | "spirit"
                | "vibes"
                | "look"
                | "looks"
                | "edition"
                | "episode"
        )
}

/// "1625 K Street", "1600 Pennsylvania Avenue NW", "2000 N. Main St.": a
/// house number, unless a preposition makes it a year ("In 2020 Main Street
/// reopened").
fn in_an_address(toks: &[Tok], s: usize, e: usize) -> bool {
    if s > 0 && matches!(toks[s - 1].lower, "in" | "since" | "of" | "by" | "until" | "from" | "the" | "during" | "after" | "before") {
        return false;
    }
    for k in e..e + 4 {
        let Some(t) = toks.get(k) else { return false };
        if t.kind == TokKind::Word && STREETS.contains(&t.lower) && k > e {
            return true;
        }
        let name_part = (t.kind == TokKind::Word && t.is_capitalized()) || (t.text == "." && k > e);
        if !name_part {
            return false;
        }
    }
    false
}

const STREETS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "ln",
    "drive",
    "dr",
    "way",
    "place",
    "pl",
    "court",
    "ct",
    "square",
    "sq",
    "highway",
    "hwy",
    "parkway",
    "pkwy",
    "terrace",
    "circle",
    "plaza",
    "broadway",
    "straße",
    "strasse",
    "str",
    "rue",
    "calle",
    "avenida",
    "ulica",
    "ul",
];

/// A citation's page after its volume and issue: "108 (5): 1815", "12: 2044".
fn citation_page(toks: &[Tok], s: usize) -> bool {
    s >= 2 && toks[s - 1].text == ":" && (toks[s - 2].text == ")" || digits(&toks[s - 2]).is_some())
}

/// "RTX 2080", "GTX 1650", "a 2080 Ti", "Galaxy 2019 Pro": a product's
/// model number. An acronym before a year near the story's is an edition
/// ("CES 2020", "COP 2021") and stays a year.
fn model_number(toks: &[Tok], s: usize, e: usize, n: u32, reference_year: Option<i32>) -> bool {
    let suffix = toks.get(e).is_some_and(|t| {
        t.kind == TokKind::Word
            && t.space_before
            && matches!(t.lower, "ti" | "super" | "xt" | "xtx" | "se" | "pro" | "max" | "ultra" | "plus" | "mini" | "gb" | "tb")
            && t.is_capitalized()
    });
    let acronym = s > 0 && {
        let p = &toks[s - 1];
        p.kind == TokKind::Word
            && (2..=5).contains(&p.text.chars().count())
            && p.text.chars().all(|c| c.is_ascii_uppercase())
            && !matches!(p.lower, "ad" | "bc" | "bce" | "ce" | "fy")
            && lexicon::month_abbreviation(p.lower).is_none()
    };
    let far = reference_year.is_none_or(|r| (n as i32 - r).abs() > 25);
    suffix || (acronym && far)
}

/// A number between table rules: "│ 1022 │", "| 1512 |".
fn table_cell(toks: &[Tok], s: usize, e: usize) -> bool {
    let bar = |k: usize| toks.get(k).is_some_and(|t| matches!(t.text, "│" | "|" | "┃"));
    s > 0 && bar(s - 1) && bar(e)
}

/// One of several numbers standing side by side with nothing between them
/// but spaces: a chart's axis or a table's row, "1945 1960 1980 2000 2020".
fn in_a_row_of_numbers(toks: &[Tok], s: usize, e: usize) -> bool {
    let bare = |k: usize| toks.get(k).is_some_and(|t| digits(t) == Some(4));
    (s > 0 && bare(s - 1)) || (e == s + 1 && bare(e))
}

#[cfg(test)]
mod tests {
    use crate::tests::values;

    fn none(text: &str) {
        assert!(values(text, "2020-06-15").is_empty(), "{text}: {:?}", values(text, "2020-06-15"));
    }

    #[test]
    fn codes_addresses_pages_and_models_are_not_years() {
        none("Call the office on 202-628-8500 for tickets.");
        none("Reach the shop at +81 158-23-2012 for orders.");
        none("The post office code is 094-0011 in the town.");
        none("See www.example.com/harbour-story-2011-9 for the photos.");
        none("The union has its office at 1625 K Street in the capital.");
        none("The gallery moved to 2000 N. Main St. with its archive.");
        none("Lancet Journal 108 (5): 1815 reported the trial.");
        none("The card performed slightly better than a 2080 Ti in our tests.");
        none("Tested on a GeForce GTX 1650 with 8 GB of memory.");
        none("The query returned │ 1022 │ rows for the region.");
        none("The chart's axis reads 1945 1960 1980 2000 2020 along the bottom.");
        none("The benchmark ran on the gsoc-2018 files at 3 GB/s.");
        none("The decree n°2019-1130 sets the university's new rules.");
        none("The update is optional for Windows 10 1809 or newer.");
        none("Try these Halloween-themed workouts and Halloween costumes.");
        none("Rule every Halloween party as the leader of the pack.");
        none("A Halloween classic, with an Ash Wednesday-like smear of mud.");
        none("He writes a column in the Sunday Metropolitan section.");
        none("It is hard not to get into the Halloween spirit.");
        none("Can February March? No, but April May.");
        none("The new card scored 1061 in one test and 2072 in another.");
    }

    #[test]
    fn years_beside_such_things_stay_years() {
        assert_eq!(values("The team scored 1200 points in 2018 and 2019.", "2020-06-15"), ["2018", "2019"]);
        assert_eq!(values("Their score of 1061 fell in 2019.", "2020-06-15"), ["2019"]);
        assert_eq!(values("In 2020 Main Street reopened to traffic.", "2020-06-15"), ["2020"]);
        assert_eq!(values("The fair, CES 2020, opened in the desert.", "2020-06-15"), ["2020"]);
        assert_eq!(values("The bridge was built between 1989-1990 by the army.", "2020-06-15"), ["1989", "1990"]);
        assert_eq!(values("The shop opened in 1998. It closed in 2004.", "2020-06-15"), ["1998", "2004"]);
        assert_eq!(values("Results: 2019 was a record year.", "2020-06-15"), ["2019"]);
        assert_eq!(values("The port's post-2008 recovery was slow.", "2020-06-15"), ["2008"]);
        assert_eq!(values("The shops closed early on Halloween night.", "2020-06-15"), ["2019-10-31"]);
        assert_eq!(values("The ferry sailed on the Sunday before the storm.", "2020-06-15").len(), 1);
        assert_eq!(values("Children dressed up for Halloween in the harbour town.", "2020-11-15").len(), 1);
    }
}
