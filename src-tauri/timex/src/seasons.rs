//! Seasons: "summer 2001", "the summer of 2001", "last fall", "this spring",
//! "that winter", a habitual "in winter"; not a season used as a noun ("the
//! fall of the republic") or naming another noun ("the spring water").

use chrono::{Datelike, NaiveDate};

use super::lexicon;
use super::parts::eat_year;
use super::reference::{Anchor, Gran, Tense};
use super::scan::{Ctx, Cur, Hit};
use super::tokens::TokKind;
use super::TimexKind;

/// "summer 2001", "the summer of 2001", "last fall", "this spring", "that winter", "summer".
pub(super) fn season(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let mut det = c.eat_any(&["this", "last", "next", "that", "the", "past", "early", "late"]);
    // "this past summer" is the last one.
    if det == Some("this") && c.eat("past") {
        det = Some("past");
    }
    let code = c.eat_with(lexicon::season)?;
    let month = lexicon::season_start_month(code);
    // "fall" and "spring" are common verbs: want a determiner or a year.
    let mut y = Cur::new(ctx.toks, c.j);
    y.eat("of");
    if let Some(year) = eat_year(&mut y) {
        let a = Anchor::new(NaiveDate::from_ymd_opt(year, month, 1)?, Gran::Season);
        return Some(Hit::date(y.j, a).explicit());
    }
    // "the spring of last year": that year's season.
    if y.j > c.j {
        let mut d = y;
        if let (Some(w), Some(r)) = (d.eat_any(&["this", "last", "next"]), ctx.reference) {
            if d.eat("year") {
                let year = r.date.year()
                    + match w {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                return Some(Hit::date(d.j, Anchor::new(NaiveDate::from_ymd_opt(year, month, 1)?, Gran::Season)));
            }
        }
    }
    // "the fall of the Berlin Wall", "the spring of hope": a noun, not a season.
    if (det.is_none() || c.lower() == "of") && matches!(code, "FA" | "SP") {
        return None;
    }
    // "the spring water", "a summer camp", "winter coats": a season naming
    // another noun is no time of its own; "last/this/next" keep it a season.
    if !matches!(det, Some("this" | "last" | "next" | "that" | "past")) && names_a_noun(ctx, c.j) {
        return None;
    }
    // "Pipes burst in winter": without a determiner, and not told in the
    // past or the future, a season is a habit, in no particular year.
    if det.is_none() && matches!(ctx.tense(i, c.j), Tense::Present | Tense::Unknown) {
        return Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-{code}")));
    }
    // "Sales peak in the winter months": told in the present, "the" season
    // is a habit too (not "this winter", said of the one at hand).
    if det == Some("the") && ctx.recent_explicit(i).is_none() && ctx.tense(i, c.j) == Tense::Present {
        return Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-{code}")));
    }
    // "the spring" after a past date is that year's, unless told as still
    // ahead ("is going to suffer in the spring"): then it is the coming one.
    let ahead = || {
        ctx.tense(i, c.j) == Tense::Future
            && ctx.reference.is_some_and(|r| ctx.recent_explicit(i).is_some_and(|a| a.date.year() < r.date.year()))
    };
    if det == Some("that") || det == Some("the") && ctx.recent_explicit(i).is_some() && !ahead() {
        let a = ctx.narrative()?;
        let y = a.date.year();
        return Some(Hit::date(c.j, Anchor::new(NaiveDate::from_ymd_opt(y, month, 1)?, Gran::Season)));
    }
    let r = ctx.reference?;
    let now = r.at(Gran::Season);
    let this = Anchor::new(NaiveDate::from_ymd_opt(r.date.year() - i32::from(month == 12 && r.date.month() < 3), month, 1)?, Gran::Season);
    let a = match det {
        Some("last") | Some("past") => {
            if this.date < now.date {
                this
            } else {
                this.shift(-1, Gran::Year)?
            }
        }
        Some("next") => {
            if this.date > now.date {
                this
            } else {
                this.shift(1, Gran::Year)?
            }
        }
        Some("this") => this,
        // "since the summer" reaches back from now, whatever the verb.
        _ if Cur::new(ctx.toks, i).prev() == "since" => {
            if this.date <= now.date {
                this
            } else {
                this.shift(-1, Gran::Year)?
            }
        }
        _ => match ctx.tense(i, c.j) {
            Tense::Future if this.date < now.date => this.shift(1, Gran::Year)?,
            Tense::Past if this.date > now.date => this.shift(-1, Gran::Year)?,
            _ => this,
        },
    };
    Some(Hit::date(c.j, a))
}

/// The season word just before token `k` modifies a noun:
/// a content word follows it ("spring water", "summer jobs"), or it is
/// capitalised inside a name ("the Winter Olympics"). A season that is a time
/// is followed by punctuation or a function word ("last fall, when", "in the
/// spring of", "this summer at") or a verb ("the spring ended").
fn names_a_noun(ctx: &Ctx, k: usize) -> bool {
    let (Some(next), Some(season)) = (ctx.toks.get(k), k.checked_sub(1).map(|s| &ctx.toks[s])) else { return false };
    if next.kind != TokKind::Word || next.sentence != season.sentence {
        return false;
    }
    if next.is_capitalized() {
        let first_word = k < 2 || ctx.toks[k - 2].sentence != season.sentence;
        return season.is_capitalized() && !first_word;
    }
    let w = next.lower;
    // "the summer recess", "the fall semester": a stretch of the season itself.
    let period = matches!(
        w,
        "holidays" | "holiday" | "recess" | "break" | "vacation" | "session" | "semester" | "term" | "season" | "solstice" | "equinox"
    );
    !(follows_a_time(w)
        || period
        || w.ends_with("ed")
        || lexicon::irregular_past(w)
        || lexicon::reporting_verb(w)
        || lexicon::Unit::parse(w).is_some()
        || lexicon::month(w).is_some())
}

/// Function words that may follow a time expression in a sentence.
fn follows_a_time(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "after"
            | "before"
            | "until"
            | "till"
            | "through"
            | "during"
            | "since"
            | "into"
            | "over"
            | "when"
            | "while"
            | "as"
            | "if"
            | "because"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "than"
            | "then"
            | "so"
            | "that"
            | "which"
            | "who"
            | "where"
            | "although"
            | "though"
            | "unless"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "all"
            | "both"
            | "each"
            | "every"
            | "no"
            | "many"
            | "most"
            | "several"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "does"
            | "do"
            | "not"
            | "also"
            | "again"
            | "already"
            | "alone"
            | "ago"
            | "only"
            | "just"
            | "even"
            | "still"
            | "too"
            | "ahead"
            | "began"
            | "saw"
            | "brought"
            | "begins"
            | "brings"
            | "sees"
            | "comes"
            | "came"
            | "ends"
    )
}
