//! Calendar dates written out: "June 2001", "Sept. 11, 2001", "11 September",
//! "2003", "fiscal 1989", "the 1990s", "the 20th century", "summer 2001",
//! "the third quarter", "the first half of 2002".

use chrono::{Datelike, NaiveDate};

use super::lexicon;
use super::lexicon::starts::*;
use super::parts::{eat_era, eat_year, Era};
use super::reference::{Anchor, Gran};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;
use super::TimexKind;

/// Words before a number that make it an identifier or a quantity, not a year.
fn blocks_year_before(w: &str) -> bool {
    matches!(
        w,
        "$" | "£" | "€" | "page" | "pages" | "p" | "pp" | "no" | "number" | "flight" | "room" | "route" | "highway"
            | "chapter" | "section" | "article" | "rule" | "model" | "version" | "suite" | "bus" | "line" | "channel"
            | "code" | "#" | "resolution" | "paragraph"
            | "vol" | "volume" | "issue" | "box" | "exit" | "interstate" | "nearly" | "almost" | "than" | "some"
            // "1800 x 1920 pixels"; "© 2015", "Copyright 2017": a size, a notice.
            | "x" | "×" | "©" | "copyright"
            // A score, a rating; numbers, quantities in the languages of the news we import.
            | "scored" | "score" | "scores" | "rating" | "nr" | "nº" | "n°" | "núm" | "rund" | "insgesamt" | "etwa" | "knapp" | "ca"
            | "unos" | "unas" | "environ" | "około" | "ponad" | "niespełna" | "blisko"
    )
}

/// Two words before a number that make it a quantity: "more than" is
/// English's "than" above; "mehr als 1000", "más de 2000", "plus de 1500".
fn quantity_before(w2: &str, w1: &str) -> bool {
    matches!(
        (w2, w1),
        ("mehr", "als") | ("más", "de") | ("mas", "de") | ("plus", "de") | ("más", "que") | ("weniger", "als") | ("menos", "de")
    )
}

/// Words after a number that make it a quantity, not a year.
fn blocks_year_after(w: &str) -> bool {
    matches!(
        w,
        "%" | "percent" | "people" | "troops" | "soldiers" | "men" | "women" | "children" | "dollars" | "yen"
            | "euros" | "pounds" | "shares" | "votes" | "miles" | "kilometers" | "km" | "meters" | "feet" | "yards"
            | "tons" | "points" | "units" | "jobs" | "workers" | "employees" | "cars" | "homes" | "students"
            | "members" | "residents" | "deaths" | "cases" | "words" | "pages" | "copies" | "barrels" | "acres"
            | "hectares" | "rubles" | "tonnes" | "calories" | "degrees" | "square" | "times" | "games" | "hours"
            | "minutes" | "days" | "years" | "tanks" | "planes" | "ships" | "guns" | "seats" | "rooms" | "x" | "×"
            | "comments" | "replies" | "views" | "followers" | "likes" | "messages" | "posts" | "tweets" | "reviews"
            | "calorie" | "euro" | "eur" | "dollar" | "usd" | "chf" | "franken" | "pln" | "złotych" | "zł" | "pesos" | "peso" | "yuan"
            | "rupees" | "rupee" | "sek" | "nok" | "dkk" | "gbp" | "mb" | "gb" | "tb" | "mhz" | "ghz" | "mah" | "kwh" | "mw" | "kw"
            | "rpm" | "mm" | "cm" | "kg" | "lbs" | "ml" | "pixels" | "px" | "metri" | "metros" | "mètres" | "metrów" | "metern" | "meter"
            // Counts in the languages of the news we import.
            | "einwohner" | "einwohnern" | "menschen" | "personen" | "dateien" | "seiten" | "stück" | "mitarbeiter" | "personas"
            | "habitantes" | "muertos" | "personnes" | "habitants" | "osób" | "mieszkańców"
            // "8:51 p.m. (1451 GMT)": a time on a 24-hour clock.
            | "gmt" | "utc" | "edt" | "est" | "cdt" | "cst" | "pdt" | "pst" | "bst" | "cet" | "hrs"
    )
}

/// A year standing alone must not be a quantity or an identifier.
fn year_alone(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let fiscal = c.eat("fiscal") || c.eat_seq(&["the", "year"]) || c.eat_seq(&["fiscal", "year"]);
    let start_num = c.j;
    let y = eat_year(&mut c)?;
    // "two thousand" alone is usually a count: only "the year two thousand" is a year.
    if ctx.toks[start_num].lower == "two" && !fiscal {
        return None;
    }
    if !fiscal {
        let before = Cur::new(ctx.toks, start_num).prev();
        let glued_before = start_num > 0 && !ctx.toks[start_num].space_before && !matches!(before, "-" | "(" | "–" | "\"" | "“");
        // "© 1996-2015": the end of a blocked range is blocked too.
        let range_end_of_blocked = matches!(before, "-" | "–")
            && start_num >= 2
            && ctx.toks[start_num - 2].kind == TokKind::Num
            && blocks_year_before(Cur::new(ctx.toks, start_num - 2).prev());
        let quantity = start_num >= 2 && quantity_before(ctx.toks[start_num - 2].lower, before);
        if blocks_year_before(before) || glued_before || range_end_of_blocked || quantity {
            return None;
        }
        let after = c.tok();
        let glued_after = after.is_some_and(|t| !t.space_before && t.kind != TokKind::Punct);
        if blocks_year_after(c.lower()) || glued_after {
            return None;
        }
    }
    // "1989-90", "2003-2006": a range of years is two expressions, each
    // year its own ("-90" is `year_range_end`'s); they are linked afterwards.
    Some(Hit::date(c.j, Anchor::year(y)?).explicit())
}

/// Month name, with the abbreviation period; ambiguous names ("May", "March")
/// only capitalised.
fn eat_month(c: &mut Cur) -> Option<u32> {
    let t = c.tok()?;
    if t.kind != TokKind::Word {
        return None;
    }
    // "December's figures": the possessive is the month's.
    let w = t.lower.strip_suffix("'s").filter(|w| w.len() > 4 || matches!(*w, "june" | "july")).unwrap_or(t.lower);
    let m = lexicon::month(w)?;
    if !t.is_capitalized() {
        return None;
    }
    let full = w.len() > 4 || w == "june" || w == "july" || w == "may";
    c.j += 1;
    // Only an abbreviation takes the period: in "in December." it ends the sentence.
    let dotted = !full && w.len() == t.lower.len() && c.eat_dot();
    if !full && !dotted && lexicon::month_abbreviation(w).is_none() {
        return None;
    }
    Some(m)
}

fn eat_day(c: &mut Cur) -> Option<u32> {
    let t = c.tok()?;
    if t.kind == TokKind::Word {
        // "March eighth", "the first of May"; not "May second-quarter results".
        let d = lexicon::ordinal(t.lower)?;
        let next = c.toks.get(c.j + 1).map(|n| n.lower).unwrap_or("");
        if matches!(next, "-" | "quarter" | "half" | "time" | "round" | "place") {
            return None;
        }
        c.j += 1;
        return Some(d);
    }
    if t.kind != TokKind::Num {
        return None;
    }
    let d = t.num().or_else(|| lexicon::day_ordinal(t.lower))?;
    if !(1..=31).contains(&d) || t.text.len() > 4 {
        return None;
    }
    c.j += 1;
    Some(d)
}

/// "[Friday,] Sept. 11[, 2001]", "September 2001", "11 September 2001",
/// "the 11th of September", bare "October".
fn month_dates(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // An optional weekday in front: "Monday, Oct. 26".
    let save = c.j;
    if c.eat_with(lexicon::weekday).is_some() {
        c.eat_comma();
    } else {
        c.j = save;
    }
    let begin = c.j;
    // Day first: "11 September 2001", "the 11th of September".
    let mut day_first = None;
    {
        let mut d = Cur::new(ctx.toks, begin);
        d.eat("the");
        let word = d.tok().is_some_and(|t| t.kind == TokKind::Word);
        if let Some(day) = eat_day(&mut d) {
            // A spelled ordinal needs "of": "the first of May", not "the first March after the war".
            let of = d.eat("of");
            if let Some(m) = eat_month(&mut d).filter(|_| of || !word) {
                day_first = Some((day, m, d.j));
            }
        }
    }
    let (month, day, mut end) = if let Some((day, m, j)) = day_first {
        (m, Some(day), j)
    } else {
        let m = eat_month(&mut c)?;
        let month_tok = &ctx.toks[c.j - 1 - usize::from(ctx.toks[c.j - 1].text == ".")];
        let save = c.j;
        let day = eat_day(&mut c);
        if day.is_none() {
            c.j = save;
        }
        // A lone "May" or "March" needs a date-like word before it.
        if day.is_none() && lexicon::month_is_ambiguous(month_tok.lower.trim_end_matches("'s")) {
            let before = Cur::new(ctx.toks, begin).prev();
            let mut look = c;
            look.eat_comma();
            look.eat("of");
            let year_follows = eat_year(&mut look).is_some();
            let date_word_before = matches!(before, "in" | "since" | "until" | "by" | "early" | "late" | "mid" | "last" | "next" | "this" | "of" | "through" | "before" | "after" | "during" | "that" | "from" | "to" | "-")
                // "the March accession", not "the March on Washington".
                || (before == "the" && !matches!(c.lower(), "on" | "of"));
            if !year_follows && !date_word_before {
                return None;
            }
        }
        (m, day, c.j)
    };
    // Year: ", 2001" / " 2001" / " of 2001".
    let mut c = Cur::new(ctx.toks, end);
    c.eat_comma();
    c.eat("of");
    let year = eat_year(&mut c);
    if year.is_some() {
        end = c.j;
    }
    if year.is_none() && day.is_none() && opens_a_name(ctx, begin, end) {
        return None;
    }
    // "August of that year", "May of the following year": the narrative's year.
    let mut year = year;
    if year.is_none() {
        if let Some((y, j)) = of_that_year(ctx, end) {
            year = Some(y);
            end = j;
        }
    }
    // "April and June 1955", "6 January - 4 March 1916": the first date of a
    // range takes the year written with the second.
    let range_year = if year.is_none() { super::ranges::ahead_range_year(ctx, end) } else { None };
    let hit = match (year, day) {
        (Some(y), Some(d)) => Hit::date(end, Anchor::day(y, month, d)?).explicit(),
        (Some(y), None) => Hit::date(end, Anchor::month(y, month)?).explicit(),
        (None, Some(d)) => {
            // A named event's day: "Sept. 11" in a text about 9/11.
            if let Some(nd) = ctx.named_days.iter().find(|nd| nd.month() == month && nd.day() == d) {
                return Some(Hit::date(end, Anchor::new(*nd, Gran::Day)).explicit());
            }
            match range_year.or_else(|| closing_day_year(ctx, i, month, d)).or_else(|| ctx.year_for(i, end, month, Some(d))) {
                Some(y) => Hit::date(end, day_in_or_near(y, month, d)?),
                None => Hit::new(end, TimexKind::Date, format!("XXXX-{month:02}-{d:02}")),
            }
        }
        (None, None) => match range_year.or_else(|| ctx.year_for(i, end, month, None)) {
            Some(y) => Hit::date(end, Anchor::month(y, month)?),
            None => Hit::new(end, TimexKind::Date, format!("XXXX-{month:02}")),
        },
    };
    Some(hit)
}

/// Day `d` of `month` in year `y`, or for a 29 February the leap year
/// nearest to `y` ("withdrew on February 29" told in 2007 is 2008's).
fn day_in_or_near(y: i32, month: u32, d: u32) -> Option<Anchor> {
    [0, 1, -1, 2, -2, 3, -3].iter().find_map(|k| Anchor::day(y + k, month, d).filter(|_| *k == 0 || (month, d) == (2, 29)))
}

/// "of that year", "of the same year", "of the following year" at token
/// `k`: the narrative's year (or the one after or before it), and the end.
fn of_that_year(ctx: &Ctx, k: usize) -> Option<(i32, usize)> {
    let mut c = Cur::new(ctx.toks, k);
    if !c.eat("of") {
        return None;
    }
    let shift = if c.eat("that") || c.eat_seq(&["the", "same"]) {
        0
    } else if c.eat_seq(&["the", "following"]) || c.eat_seq(&["the", "next"]) {
        1
    } else if c.eat_seq(&["the", "previous"]) || c.eat_seq(&["the", "preceding"]) {
        -1
    } else {
        return None;
    };
    if !c.eat("year") {
        return None;
    }
    let (a, ..) = ctx.anchor?;
    Some((a.date.year() + shift, c.j))
}

/// "the quarter ended Oct. 31": a period told as ended closed on the last
/// such day not after the published date, even one only days before it a
/// year ago (a day just ahead cannot have ended a period yet).
fn closing_day_year(ctx: &Ctx, i: usize, month: u32, d: u32) -> Option<i32> {
    if Cur::new(ctx.toks, i).prev() != "ended" {
        return None;
    }
    let r = ctx.reference.filter(|r| r.precision == Gran::Day)?;
    (r.date.year() - 1..=r.date.year()).rev().find(|&y| Anchor::day(y, month, d).is_some_and(|a| a.date <= r.date))
}

/// A bare month between tokens `begin` and `end` that starts a name: "June
/// Carter", "the April Fools prank", "March Madness". A month after a
/// preposition stays a month even before a name ("in May Mr. Smith resigned").
fn opens_a_name(ctx: &Ctx, begin: usize, end: usize) -> bool {
    let Some(next) = ctx.toks.get(end).filter(|t| t.kind == TokKind::Word && t.is_capitalized() && t.sentence == ctx.toks[begin].sentence)
    else {
        return false;
    };
    let w = next.lower;
    if lexicon::time_word(w) {
        return false;
    }
    !matches!(
        Cur::new(ctx.toks, begin).prev(),
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "of"
            | "through"
            | "before"
            | "after"
            | "during"
            | "from"
            | "to"
            | "-"
            | "on"
            | "for"
            | "between"
            | "and"
            | "or"
            | "around"
            | "throughout"
    )
}

/// "this September", "last February", "next May" (the month of this, the
/// last or the next year), "January this year", "July last year".
fn deictic_month(ctx: &Ctx, i: usize) -> Option<Hit> {
    let r = ctx.now()?;
    let mut c = Cur::new(ctx.toks, i);
    let shift_of = |w: &str| match w {
        "last" | "past" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    let mut before = c.eat_any(&["this", "last", "next", "coming", "past"]);
    // "this past December" is the last one.
    if before == Some("this") && c.eat("past") {
        before = Some("past");
    }
    let month = eat_month(&mut c)?;
    let day = eat_day(&mut c);
    // "last Oct. 23, 1998" is a written date with a word before it.
    let mut y = c;
    y.eat_comma();
    if day.is_some() && eat_year(&mut y).is_some() {
        return None;
    }
    // "last April" (or "last Oct. 23"): the latest before the published
    // date; "next May": the first after it.
    let (rm, rd) = (r.date.month(), if day.is_some() { r.date.day() } else { 0 });
    let md = (month, day.unwrap_or(0));
    // The month just ended this year is "last month"; named with "last"
    // ("crashed last February", published in March) it is last year's.
    let just_ended = day.is_none() && rm > 1 && month == rm - 1;
    let shift = match before {
        Some("last") | Some("past") => {
            if md < (rm, rd) && !just_ended {
                0
            } else {
                -1
            }
        }
        Some("next") | Some("coming") => {
            if md > (rm, rd) {
                0
            } else {
                1
            }
        }
        Some(w) => shift_of(w),
        None => {
            // "July last year", "March of next year".
            c.eat("of");
            let w = c.eat_any(&["this", "last", "next"])?;
            if !c.eat("year") {
                return None;
            }
            shift_of(w)
        }
    };
    let y = r.date.year() + shift;
    let a = match day {
        Some(d) => Anchor::day(y, month, d)?,
        None => Anchor::month(y, month)?,
    };
    Some(ctx.counted_from_now(Hit::date(c.j, a)))
}

/// Numeric dates with a four-digit year: "9/11/2001", "2001-09-11".
fn numeric_date(ctx: &Ctx, i: usize) -> Option<Hit> {
    let t = ctx.toks.get(i)?;
    if t.kind != TokKind::Num {
        return None;
    }
    let parts: Vec<&str> = t.text.split('/').collect();
    if parts.len() == 3 && parts[2].len() == 4 {
        let (m, d, y) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        return Some(Hit::date(i + 1, Anchor::day(y, m, d)?).explicit());
    }
    // ISO: 2001 - 09 - 11 as three tokens glued by hyphens.
    let mut c = Cur::new(ctx.toks, i);
    let y = eat_year(&mut c)?;
    if c.eat_hyphen() {
        let m = c.tok().filter(|t| t.text.len() == 2 && !t.space_before)?.num()?;
        c.j += 1;
        if c.eat_hyphen() {
            let d = c.tok().filter(|t| t.text.len() == 2 && !t.space_before)?.num()?;
            return Some(Hit::date(c.j + 1, Anchor::day(y, m, d)?).explicit());
        }
        return Some(Hit::date(c.j, Anchor::month(y, m)?).explicit());
    }
    None
}

/// "the 1990s", "1990's", "the '90s", "the nineties".
fn decade(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    let t = c.tok()?;
    let decade_of = |s: &str| -> Option<i32> {
        let digits = s.strip_suffix("s")?.trim_end_matches('\'');
        match digits.len() {
            4 => digits.parse::<i32>().ok().filter(|y| y % 10 == 0 && (1000..2100).contains(y)),
            2 => digits.parse::<i32>().ok().filter(|y| y % 10 == 0).map(|y| 1900 + y),
            _ => None,
        }
    };
    // "in his 30s", "their early twenties": an age, not a decade.
    let possessive = |w: &str| matches!(w, "his" | "her" | "their" | "my" | "your" | "our");
    let mut k = c.j;
    while matches!(c.prev_at(k), "early" | "mid" | "late" | "-") {
        k -= 1;
    }
    if possessive(c.prev_at(k)) {
        return None;
    }
    if t.kind == TokKind::Num {
        let owned;
        let mut text: &str = t.lower;
        c.j += 1;
        // "1990's" splits as "1990" "'" "s".
        let split = c.lower() == "'" && ctx.toks.get(c.j + 1).is_some_and(|s| s.lower == "s" && !s.space_before);
        if split || c.lower() == "'s" {
            c.j += if split { 2 } else { 1 };
            owned = format!("{text}s");
            text = &owned;
        }
        // "in the low 50s", "into the upper 80s": temperatures or prices,
        // when the century is not written.
        let lead = if c.prev_at(k) == "the" { c.prev_at(k - 1) } else { c.prev_at(k) };
        if text.len() == 3 && matches!(lead, "low" | "lower" | "high" | "upper" | "into") {
            return None;
        }
        // "the 470s BC": a decade before the common era, counted down.
        if let Some(n) = text.strip_suffix('s').and_then(|d| d.parse::<i32>().ok()).filter(|n| n % 10 == 0) {
            let mut e = c;
            if eat_era(&mut e) == Some(Era::Before) {
                let a = if n % 100 == 0 && n >= 100 { Anchor::century_bc(n / 100) } else { Anchor::decade_bc(n / 10) };
                return Some(Hit::date(e.j, a?).explicit());
            }
        }
        let y = decade_of(text)?;
        // "the 1800s", "the early 1900s" are centuries; "the 2000s" is
        // said of the decade.
        let g = if text.len() == 5 && y % 100 == 0 && y < 2000 { Gran::Century } else { Gran::Decade };
        return Some(Hit::date(c.j, Anchor::year(y)?.coarsen(g)).explicit());
    }
    if matches!(t.text, "'" | "’") {
        c.j += 1;
        let next = c.tok()?;
        // "'17", "the class of '99": a year written with two digits, in the
        // century that puts it nearest the story's (or the published) year.
        // Not after a doubled quote mark ("''60 Minutes''") nor before a unit ("'60 minutes").
        let quote_before = c.j >= 2 && matches!(ctx.toks[c.j - 2].text, "'" | "’" | "`") && !ctx.toks[c.j - 1].space_before;
        let after = ctx.toks.get(c.j + 1);
        if next.text.len() == 2
            && !next.space_before
            && next.num().is_some()
            && !quote_before
            && !after.is_some_and(|n| (!n.space_before && n.kind != TokKind::Punct) || lexicon::Unit::parse(n.lower).is_some())
        {
            let n = next.num()? as i32;
            let near = ctx.now().map_or(1950, |r| r.date.year());
            let y = [near - near.rem_euclid(100) - 100, near - near.rem_euclid(100), near - near.rem_euclid(100) + 100]
                .into_iter()
                .map(|c| c + n)
                .min_by_key(|y| (y - near).abs())?;
            return Some(Hit::date(c.j + 1, Anchor::year(y)?).explicit());
        }
        let y = decade_of(next.lower)?;
        return Some(Hit::date(c.j + 1, Anchor::year(y)?.coarsen(Gran::Decade)).explicit());
    }
    if c.prev() == "the" {
        let y = match c.lower() {
            "twenties" => 1920,
            "thirties" => 1930,
            "forties" => 1940,
            "fifties" => 1950,
            "sixties" => 1960,
            "seventies" => 1970,
            "eighties" => 1980,
            "nineties" => 1990,
            _ => return None,
        };
        // "the twenties" in a story of the 1700s are the 1720s.
        let y = match ctx.reference {
            None => ctx.anchor.map_or(y, |(a, ..)| a.date.year().div_euclid(100) * 100 + y % 100),
            Some(_) => y,
        };
        return Some(Hit::date(c.j + 1, Anchor::year(y)?.coarsen(Gran::Decade)).explicit());
    }
    None
}

/// "the 20th century", "the nineteenth century", "this century".
fn century(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if let Some(w) = c.eat_any(&["this", "last", "next", "the"]) {
        if w != "the" || matches!(c.lower(), "last" | "next" | "past") {
            // "the past century" is the hundred years up to now: a duration.
            if w == "the" && c.lower() == "past" {
                return None;
            }
            let shift = match c.eat_any(&["last", "next", "past"]).unwrap_or(w) {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            if c.eat("century") {
                let r = ctx.reference?;
                return Some(Hit::date(c.j, r.at(Gran::Century).shift(shift, Gran::Century)?));
            }
            return None;
        }
    }
    let n = c.eat_with(lexicon::ordinal).or_else(|| {
        let t = c.tok()?;
        let n = lexicon::day_ordinal(t.lower)?;
        c.j += 1;
        Some(n)
    })?;
    c.eat_hyphen();
    // "the second millennium", "the first millennium BC": a thousand years,
    // given as the range of its first and last centuries (the labels the
    // timeline places; TIMEX writes one digit, which it cannot).
    if c.eat("millennium") {
        let before = eat_era(&mut c) == Some(Era::Before);
        let m = n as i32 - 1;
        let (first, last) = if before {
            (Anchor::century_bc(m * 10 + 9)?, Anchor::century_bc(m * 10)?)
        } else {
            let y = (m * 1000).max(1);
            (
                Anchor::new(NaiveDate::from_ymd_opt(y, 1, 1)?, Gran::Century),
                Anchor::new(NaiveDate::from_ymd_opt(m * 1000 + 900, 1, 1)?, Gran::Century),
            )
        };
        let mut h = Hit::date(c.j, first).explicit();
        h.value_end = Some(last.value());
        return Some(h);
    }
    if !c.eat("century") {
        return None;
    }
    // "the 5th century BC": the 400s BC, counted down.
    if eat_era(&mut c) == Some(Era::Before) {
        return Some(Hit::date(c.j, Anchor::century_bc(n as i32 - 1)?).explicit());
    }
    let y = (n as i32 - 1) * 100;
    Some(Hit::date(c.j, Anchor::new(NaiveDate::from_ymd_opt(y.max(1), 1, 1)?, Gran::Century)).explicit())
}

/// "April 24 and 25", "May 3-5": the second day shares the first's month and year.
fn second_day(ctx: &Ctx, i: usize) -> Option<Hit> {
    let toks = ctx.toks;
    if i < 3 || !matches!(toks[i - 1].lower, "and" | "or" | "to" | "-" | "–" | "through") {
        return None;
    }
    let first = toks[i - 2].num()?;
    let month_word = toks[i - 3].lower;
    let month_word = if month_word == "." && i >= 4 { toks[i - 4].lower } else { month_word };
    let month = lexicon::month(month_word)?;
    let (a, ..) = ctx.anchor?;
    if a.gran != Gran::Day || a.date.month() != month || a.date.day() != first {
        return None;
    }
    let mut c = Cur::new(toks, i);
    let d = eat_day(&mut c).filter(|d| *d > first)?;
    if blocks_year_after(c.lower()) {
        return None;
    }
    let h = Hit::date(c.j, Anchor::day(a.date.year(), month, d)?);
    Some(h.anaphoric())
}

/// "the week of March 6": the week that day falls in; "the day before last
/// Tuesday", "the day after Christmas": the day next to it.
fn next_to_a_day(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    let shift = if c.eat_seq(&["week", "of"]) {
        None
    } else if c.eat_seq(&["day", "before"]) {
        Some(-1)
    } else if c.eat_seq(&["day", "after"]) {
        Some(1)
    } else {
        return None;
    };
    let Some(h) = super::best_hit(ctx, c.j).filter(|h| h.kind == TimexKind::Date) else {
        return shift.and_then(|_| apposed_day(ctx, i, c.j));
    };
    let day = h.anchor.filter(|a| a.gran == Gran::Day)?;
    let a = match shift {
        None => Anchor::new(day.date, Gran::Week),
        Some(n) => day.shift(n, Gran::Day)?,
    };
    Some(Hit { explicit: h.explicit, anaphoric: h.anaphoric, ..Hit::date(h.end, a) })
}

/// "Oct. 12, the day before the crash": a description set beside a day is
/// that day (only "the day" is the expression; the event is not a date).
fn apposed_day(ctx: &Ctx, i: usize, end: usize) -> Option<Hit> {
    let toks = ctx.toks;
    if i < 2 || toks[i - 1].text != "," || toks[i].lower != "the" || toks[i - 2].kind != TokKind::Num {
        return None;
    }
    let (a, sentence, _) = ctx.anchor?;
    if a.gran != Gran::Day || sentence != toks[i].sentence {
        return None;
    }
    // The span stops at "day": "before the crash" tells which day it was.
    Some(Hit::date(end - 1, a).anaphoric())
}

pub const PATTERNS: &[Pattern] = &[
    (year_alone, 1, NUM | THE | FUNC | QTY | TIME | CAP),
    (month_dates, 1, NUM | TIME | THE),
    (deictic_month, 2, FUNC | TIME),
    (numeric_date, 0, NUM),
    (decade, 2, THE | NUM | MARK | TIME),
    (century, 2, FUNC | THE | TIME | NUM),
    (super::seasons::season, 2, FUNC | THE | TIME),
    (second_day, 0, NUM | TIME),
    (next_to_a_day, 1, THE | TIME),
];

#[cfg(test)]
mod tests;
