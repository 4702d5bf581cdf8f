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
    // "the next spring", "the following winter", "that same summer".
    if det == Some("the") {
        if let Some(w) = c.eat_any(&["next", "following", "previous", "preceding", "same"]) {
            det = Some(match w {
                "next" | "following" => "next",
                "same" => "that",
                _ => "last",
            });
        }
    } else if det == Some("that") {
        c.eat("same");
    }
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
    // "the summer offensive", "the Spring Offensive", "a fall campaign": a
    // season naming what happened in it is that season.
    let event = names_an_event(ctx, c.j);
    // "the fall of the Berlin Wall", "the spring of hope": a noun, not a
    // season; "prices fall": a verb. After a preposition ("in spring") it is one.
    let after_preposition = matches!(
        Cur::new(ctx.toks, i).prev(),
        "in" | "during" | "by" | "until" | "till" | "since" | "through" | "throughout" | "over" | "before" | "after" | "from"
    );
    if ((det.is_none() && !after_preposition && !event) || c.lower() == "of") && matches!(code, "FA" | "SP") {
        return None;
    }
    // "the spring water", "a summer camp", "winter coats": a season naming
    // another noun is no time of its own; "last/this/next" keep it a season.
    if !matches!(det, Some("this" | "last" | "next" | "that" | "past")) && !event && names_a_noun(ctx, c.j) {
        return None;
    }
    // Narrative mode: "summer and autumn 1918" takes the year written with
    // the second season; otherwise the season of the narrative's year.
    if ctx.reference.is_none() && !(det.is_none() && !event && matches!(ctx.tense(i, c.j), Tense::Present)) {
        if let Some(y) = super::ranges::ahead_range_year(ctx, c.j) {
            return Some(Hit::date(c.j, Anchor::new(NaiveDate::from_ymd_opt(y, month, 1)?, Gran::Season)));
        }
        return match ctx.anchor {
            Some((a, ..)) => Some(Hit::date(c.j, season_from(a, month, det)?)),
            // No date yet: a season of no particular year.
            None => Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-{code}"))),
        };
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

/// The season that starts in `month`, told from the narrative's date `a`:
/// the one the date is in or nearest after it ("the winter" after January
/// 1777 is the winter of 1776–77), the next one after it ("the next
/// spring"), or the last one before it ("last summer").
fn season_from(a: Anchor, month: u32, det: Option<&str>) -> Option<Anchor> {
    let here = a.coarsen(Gran::Season);
    let d = a.date;
    let y = if month == 12 && d.month() <= 2 { d.year() - 1 } else { d.year() };
    let this = Anchor::new(NaiveDate::from_ymd_opt(y, month, 1)?, Gran::Season);
    // A story known only to the year: "the next spring" is the next year's.
    let by_year = a.gran >= Gran::Year;
    Some(match det {
        Some("next") if by_year || this.date <= here.date => this.shift(1, Gran::Year)?,
        Some("last" | "past") if by_year || this.date >= here.date => this.shift(-1, Gran::Year)?,
        _ => this,
    })
}

/// A noun of war or of a campaign at token `k`, after a season: "the summer
/// offensive" happened in the summer.
fn names_an_event(ctx: &Ctx, k: usize) -> bool {
    ctx.toks.get(k).is_some_and(|t| {
        matches!(
            t.lower,
            "offensive"
                | "offensives"
                | "campaign"
                | "campaigns"
                | "counter-offensive"
                | "counteroffensive"
                | "fighting"
                | "assault"
                | "assaults"
                | "attack"
                | "attacks"
                | "invasion"
                | "retreat"
                | "advance"
                | "battles"
                | "operations"
                | "elections"
                | "election"
                | "uprising"
                | "floods"
                | "drought"
                | "harvest"
                | "famine"
                | "session"
        )
    }) || (ctx.toks.get(k).is_some_and(|t| t.lower == "counter") && ctx.toks.get(k + 2).is_some_and(|t| t.lower == "offensive"))
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
    !(lexicon::follows_a_time(w)
        || period
        || w.ends_with("ed")
        || lexicon::irregular_past(w)
        || lexicon::reporting_verb(w)
        || lexicon::Unit::parse(w).is_some()
        || lexicon::month(w).is_some())
}

#[cfg(test)]
mod tests {
    use crate::tests::values;

    fn narrative(text: &str) -> Vec<String> {
        crate::tag(text, None).into_iter().map(|t| t.value).collect()
    }

    #[test]
    fn seasons_in_a_narrative_take_its_year() {
        assert_eq!(narrative("The army crossed the Alps in May 1799. During the summer it besieged Genoa."), ["1799-05", "1799-SU"]);
        // The winter a January is in began the December before.
        assert_eq!(narrative("The town fell on January 3, 1777. The militia raided it throughout the winter."), ["1777-01-03", "1776-WI"]);
        assert_eq!(narrative("The camp was built in December 1777. The next spring the army marched out."), ["1777-12", "1778-SP"]);
        assert_eq!(narrative("The harbour burned in 241 BC. The next spring the army crossed."), ["-0240", "-0239-SP"]);
        assert_eq!(narrative("The truce held until 1918, broken by raids in summer and autumn 1918."), ["1918", "1918-SU", "1918-FA"]);
        // A bare season in the present is still a habit.
        assert_eq!(narrative("The pass closes in winter."), ["XXXX-WI"]);
    }

    #[test]
    fn a_season_naming_what_happened_in_it_is_that_season() {
        assert_eq!(narrative("In 1943 the front held until the summer offensive."), ["1943", "1943-SU"]);
        assert_eq!(narrative("In 1918 the Spring Offensive broke the line."), ["1918", "1918-SP"]);
        assert_eq!(values("Rebels launched a spring offensive last year.", "2011-09-15"), ["2011-SP", "2010"]);
        // Other nouns still make it no time: "summer camp", "spring water".
        assert!(values("The children went to summer camp.", "2011-09-15").is_empty());
    }

    #[test]
    fn after_a_preposition_spring_and_fall_are_seasons() {
        assert_eq!(narrative("In 480 BC the fleet sailed. Early in spring it reached Abydos."), ["-0479", "-0479-SP"]);
        assert!(narrative("Prices fall when the spring rains come.").is_empty());
    }
}
