//! Reference points: the document's published date (for "last year"), the
//! last date of the narrative (for "a year later"), and the tense of the
//! clause (for a bare "Friday" or "in March").

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::lexicon;
use super::tokens::{Tok, TokKind};

/// A year as a value writes it: four digits, in astronomical numbering
/// before the common era (ISO 8601's expanded years): 1 BC is `0000` and
/// 499 BC is `-0498`, so that years order and subtract as numbers.
pub fn year_value(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gran {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A resolved point: the first day of the period it names, and the period's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub date: NaiveDate,
    pub gran: Gran,
}

impl Anchor {
    pub fn new(date: NaiveDate, gran: Gran) -> Self {
        Anchor { date, gran }
    }

    pub fn year(y: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, 1, 1).map(|d| Anchor::new(d, Gran::Year))
    }

    pub fn month(y: i32, m: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, m, 1).map(|d| Anchor::new(d, Gran::Month))
    }

    pub fn day(y: i32, m: u32, d: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, m, d).map(|d| Anchor::new(d, Gran::Day))
    }

    pub fn quarter(y: i32, q: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1).map(|d| Anchor::new(d, Gran::Quarter))
    }

    /// The first decade of a label before the common era: `48` is the 480s
    /// BC (489–480 BC), whose first year is astronomical -488.
    pub fn decade_bc(label: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(-label * 10 - 8, 1, 1).map(|d| Anchor::new(d, Gran::Decade))
    }

    /// A century before the common era by its label: `4` is the 400s BC
    /// (the 5th century BC, 499–400 BC), whose first year is astronomical -498.
    pub fn century_bc(label: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(-label * 100 - 98, 1, 1).map(|d| Anchor::new(d, Gran::Century))
    }

    /// The TIMEX3 value of this point at its granularity. Years before the
    /// common era are astronomical (`year_value`); a decade or a century
    /// before it is written with a minus before its label, as TIMEX2's `BC`
    /// prefix writes it (`-048` the 480s BC, `-04` the 5th century BC).
    pub fn value(&self) -> String {
        let d = self.date;
        let y = year_value(d.year());
        match self.gran {
            Gran::Day => format!("{y}-{:02}-{:02}", d.month(), d.day()),
            Gran::Week => {
                let w = d.iso_week();
                format!("{}-W{:02}", year_value(w.year()), w.week())
            }
            Gran::Month => format!("{y}-{:02}", d.month()),
            Gran::Season => {
                let (y, code) = match d.month() {
                    3..=5 => (d.year(), "SP"),
                    6..=8 => (d.year(), "SU"),
                    9..=11 => (d.year(), "FA"),
                    12 => (d.year(), "WI"),
                    _ => (d.year() - 1, "WI"),
                };
                format!("{}-{code}", year_value(y))
            }
            Gran::Quarter => format!("{y}-Q{}", (d.month() - 1) / 3 + 1),
            Gran::Year => y,
            Gran::Decade if d.year() <= 0 => format!("-{:03}", (1 - d.year()) / 10),
            Gran::Decade => format!("{:03}", d.year().div_euclid(10)),
            Gran::Century if d.year() <= 0 => format!("-{:02}", (1 - d.year()) / 100),
            Gran::Century => format!("{:02}", d.year().div_euclid(100)),
        }
    }

    /// The same kind of period, `n` units of `unit` later (negative: earlier).
    pub fn shift(&self, n: i32, unit: Gran) -> Option<Anchor> {
        let months = |k: i32| -> Option<NaiveDate> {
            if k >= 0 {
                self.date.checked_add_months(Months::new(k as u32))
            } else {
                self.date.checked_sub_months(Months::new((-k) as u32))
            }
        };
        let date = match unit {
            Gran::Day => self.date.checked_add_signed(Duration::days(n as i64))?,
            Gran::Week => self.date.checked_add_signed(Duration::days(7 * n as i64))?,
            Gran::Month => months(n)?,
            Gran::Season | Gran::Quarter => months(3 * n)?,
            Gran::Year => months(12 * n)?,
            Gran::Decade => months(120 * n)?,
            Gran::Century => months(1200 * n)?,
        };
        Some(Anchor::new(date, self.gran))
    }

    /// The enclosing period at a coarser granularity ("this year" from a day).
    pub fn coarsen(&self, gran: Gran) -> Anchor {
        let d = self.date;
        let date = match gran {
            Gran::Day | Gran::Week => d,
            Gran::Month => d.with_day(1).unwrap_or(d),
            Gran::Season => {
                let (y, m) = match d.month() {
                    1 | 2 => (d.year() - 1, 12),
                    m => (d.year(), ((m - 3) / 3) * 3 + 3),
                };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
            }
            Gran::Quarter => NaiveDate::from_ymd_opt(d.year(), ((d.month() - 1) / 3) * 3 + 1, 1).unwrap_or(d),
            Gran::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
            // Before the common era, decades and centuries count down from
            // their labels: 489–480 BC is "the 480s BC".
            Gran::Decade if d.year() <= 0 => return Anchor::decade_bc((1 - d.year()) / 10).unwrap_or(Anchor::new(d, gran)),
            Gran::Century if d.year() <= 0 => return Anchor::century_bc((1 - d.year()) / 100).unwrap_or(Anchor::new(d, gran)),
            Gran::Decade => NaiveDate::from_ymd_opt(d.year() - d.year().rem_euclid(10), 1, 1).unwrap_or(d),
            Gran::Century => NaiveDate::from_ymd_opt(d.year() - d.year().rem_euclid(100), 1, 1).unwrap_or(d),
        };
        Anchor::new(date, gran)
    }
}

/// The document's reference time: the published date, at the precision known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub date: NaiveDate,
    /// `Day`, `Month` or `Year`: "today" in a document known only to the month
    /// is that month.
    pub precision: Gran,
}

impl Reference {
    pub fn day(date: NaiveDate) -> Self {
        Reference { date, precision: Gran::Day }
    }

    pub fn from_partial(p: &crate::PartialDate) -> Self {
        let precision = match p.precision() {
            "day" => Gran::Day,
            "month" => Gran::Month,
            _ => Gran::Year,
        };
        Reference { date: p.first_day(), precision }
    }

    /// The reference as a point at granularity `gran`, or coarser when the
    /// published date is less precise than that.
    pub fn at(&self, gran: Gran) -> Anchor {
        let g = if gran < self.precision { self.precision } else { gran };
        Anchor::new(self.date, Gran::Day).coarsen(g)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// No verb in the clause says (or only a reporting verb: "said" dates the
    /// telling, not the event told).
    Unknown,
}

/// The tense token `k` signals, if any.
fn cue(toks: &[Tok], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.kind != TokKind::Word {
        return None;
    }
    let w = t.lower;
    let prev = k.checked_sub(1).map(|p| toks[p].lower).unwrap_or("");
    let next = toks.get(k + 1).map(|n| n.lower).unwrap_or("");
    let prev2 = k.checked_sub(2).map(|p| toks[p].lower).unwrap_or("");
    let verb_follows = || next == "to" && toks.get(k + 2).is_some_and(looks_like_verb);
    let participle = || (w.len() > 4 && w.ends_with("ed") && !lexicon::false_past(w)) || lexicon::irregular_past(w);
    if lexicon::reporting_verb(w) {
        None
    } else if lexicon::future_cue(w) && prev == "been" && prev2 == "had" {
        // "had been scheduled to expire Friday": a plan already overtaken.
        Some(Tense::Past)
    } else if lexicon::future_cue(w) && matches!(prev, "previously" | "originally" | "initially" | "already") {
        // "as previously planned", "the originally scheduled": a plan told
        // as made, not a time ahead; the words around it say when.
        None
    } else if (w == "plans" && !verb_follows()) || (w == "due" && next == "to" && !verb_follows()) {
        // "vacation plans", "due to the storm": nouns and causes, not plans.
        None
    } else if lexicon::scheduled_present(w) && !matches!(prev, "the" | "a" | "its" | "their" | "his" | "her") {
        // "The strike begins in January", "the law takes effect Jan. 1": a
        // present of schedule tells a time ahead.
        Some(Tense::Future)
    } else if w == "going"
        && verb_follows()
        && (matches!(prev, "is" | "are" | "am") || prev.ends_with("'s") || prev.ends_with("'re") || prev.ends_with("'m"))
    {
        // "is going to start": a future told in the present ("was going to" is not).
        Some(Tense::Future)
    } else if lexicon::future_cue(w) || w.ends_with("'ll") || (matches!(w, "must" | "should" | "would") && next != "have") {
        Some(Tense::Future)
    } else if w == "set" && matches!(prev, "previously" | "originally" | "initially") {
        // "originally set for Feb. 12": a plan told as made, like "as previously planned".
        None
    } else if (matches!(w, "is" | "are" | "am" | "set") && verb_follows()) || (w == "set" && next == "for") {
        // "is to resume trading Tuesday", "set to resume Monday", "a summit
        // set for April": a schedule. Otherwise "set" is a past ("set Friday
        // as the deadline").
        Some(Tense::Future)
    } else if (w.ends_with("ed") && attributive(toks, k)) || (participle() && compound_adjective(w, prev, prev2)) {
        // "on a still unspecified date", "the proposed merger": an adjective.
        None
    } else if participle() && matches!(prev, "be" | "been" | "being" | "is" | "are" | "am" | "get" | "gets" | "getting") {
        // A participle after a present or bare auxiliary ("is heard", "must be
        // returned", "would be held"): the auxiliary, not the participle, carries the tense.
        None
    } else if participle() {
        Some(Tense::Past)
    } else if matches!(w, "is" | "are" | "am" | "has" | "have" | "does" | "do") {
        Some(Tense::Present)
    } else {
        None
    }
}

/// A participle bound to a degree word into one adjective: "a full
/// fledged member", "half finished", "well-worn": no verb of narration.
/// ("fully" before a verb is an adverb: "fully recovered in 2021" is told.)
fn compound_adjective(w: &str, prev: &str, prev2: &str) -> bool {
    const DEGREE: &[&str] = &["full", "half", "well", "ill", "long", "self"];
    let head = w.split_once('-').map(|(h, _)| h);
    DEGREE.contains(&prev) || (prev == "-" && DEGREE.contains(&prev2)) || head.is_some_and(|h| DEGREE.contains(&h))
}

/// Token `k` follows a determiner, maybe through adverbs ("a still
/// unspecified", "the newly elected"): it modifies a noun.
fn attributive(toks: &[Tok], k: usize) -> bool {
    let mut p = k;
    while p > 0 && (toks[p - 1].lower.ends_with("ly") || matches!(toks[p - 1].lower, "still" | "just" | "yet" | "not" | "long")) {
        p -= 1;
    }
    p > 0
        && matches!(
            toks[p - 1].lower,
            "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "this" | "these" | "those" | "every" | "each" | "no"
        )
}

/// A word that can be the bare verb of a "to"-infinitive: lowercase, and not
/// an article, a pronoun, a number or an inflected form ("to the", "to holders").
fn looks_like_verb(t: &Tok) -> bool {
    let w = t.lower;
    t.kind == TokKind::Word
        && !t.is_capitalized()
        && lexicon::cardinal(w).is_none()
        && !matches!(w, "the" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their" | "our" | "my" | "your" | "them" | "him" | "us" | "me" | "which" | "whom" | "what")
        // Nouns idiomatic after "to": "shot to death", "came to power", "went to court".
        && !matches!(w, "record" | "date" | "death" | "power" | "office" | "court" | "trial" | "jail" | "prison" | "school" | "work" | "market" | "bed" | "war")
        && !w.ends_with("ing")
        && !w.ends_with("ed")
        && (!w.ends_with('s') || w.ends_with("ss"))
}

/// A "to"-infinitive between tokens `k` and `a` ("decided to admit them in
/// March", "an agreement to buy it in January"): what it tells comes after
/// the verb at `k`, so that verb's past does not date it. Not after an
/// implicative verb: "managed to escape in March" escaped then.
fn infinitive_between(toks: &[Tok], k: usize, a: usize) -> bool {
    (k + 1..a.saturating_sub(1)).any(|j| toks[j].lower == "to" && looks_like_verb(&toks[j + 1]) && !lexicon::implicative(toks[j - 1].lower))
}

fn past_unless_infinitive(toks: &[Tok], k: usize, a: usize) -> Tense {
    if k < a && infinitive_between(toks, k, a) {
        Tense::Unknown
    } else {
        Tense::Past
    }
}

/// How far from an expression [`tense_around`] looks, in tokens: 30 for
/// the nearest cue, and two more either side of it for the cue's own context
/// (a run of adverbs before an "-ed" adjective may reach further, and such a
/// run is rare enough to read the same).
pub const TENSE_REACH: usize = 48;

/// Reads the tense of the clause around tokens `[a, b)`: a modal before the
/// expression, else the nearest verb cue in the same sentence.
pub fn tense_around(toks: &[Tok], a: usize, b: usize) -> Tense {
    tense_and_cue(toks, a, b).0
}

/// The tense of the clause around tokens `[a, b)` and the token that set it
/// ("will", "invaded", "said"), when one did: the evidence a chronology
/// warning shows.
pub fn tense_and_cue(toks: &[Tok], a: usize, b: usize) -> (Tense, Option<usize>) {
    let Some(sentence) = toks.get(a.min(toks.len().saturating_sub(1))).map(|t| t.sentence) else { return (Tense::Unknown, None) };
    let same = |t: &&Tok| t.sentence == sentence;
    // "as soon as Tuesday", "as soon as March": an expected time.
    if a >= 3 && toks[a - 3..a].iter().map(|t| t.lower).eq(["as", "soon", "as"]) {
        return (Tense::Future, Some(a - 3));
    }
    // A modal earlier in the same clause: "will be held in October", "said it
    // would close on Nov. 15"; it wins over a reporting verb after the
    // expression ("will be arraigned Friday, police said Thursday").
    for k in (a.saturating_sub(8)..a).rev() {
        let t = &toks[k];
        if t.sentence != sentence || matches!(t.text, "," | ";" | ":") {
            break;
        }
        if matches!(t.lower, "will" | "shall" | "'ll" | "won't")
            || (t.lower == "would" && toks.get(k + 1).is_none_or(|n| n.lower != "have"))
        {
            return (Tense::Future, Some(k));
        }
    }
    // "said Friday", "announced on Tuesday", "In September, it announced":
    // a reporting verb right next to the expression is what it dates.
    let reports =
        |k: usize| toks.get(k).is_some_and(|t| t.sentence == sentence && lexicon::reporting_verb(t.lower) && t.lower != "according");
    if let Some(k) = (a.saturating_sub(3)..a).rev().chain(b..b + 3).find(|&k| reports(k)) {
        return (Tense::Past, Some(k));
    }
    // A verb right after the expression is its predicate ("a service planned
    // for Saturday was cancelled"); otherwise the verb a date adverbial
    // belongs to usually comes before it in its clause ("protesters planned
    // a rally on Saturday and were ..."), and wins over a nearer one after it.
    // Not when the date sits in a relative clause with its own verb ("workers
    // who were hired in January will be laid off"): that verb dates it.
    let in_relative_clause = || {
        let clause: Vec<usize> = (a.saturating_sub(10)..a)
            .rev()
            .take_while(|&k| toks[k].sentence == sentence && !matches!(toks[k].text, "," | ";" | ":"))
            .collect();
        clause.iter().any(|&k| matches!(toks[k].lower, "who" | "which" | "that") && (k + 1..a).any(|j| cue(toks, j).is_some()))
    };
    let right_after = toks.get(b).filter(|t| t.sentence == sentence).and_then(|_| cue(toks, b)).filter(|_| !in_relative_clause());
    for k in right_after.is_none().then(|| (a.saturating_sub(10)..a).rev()).into_iter().flatten() {
        let t = &toks[k];
        if t.sentence != sentence || matches!(t.text, "," | ";" | ":") {
            break;
        }
        if let Some(tense) = cue(toks, k) {
            if tense == Tense::Present && matches!(t.lower, "has" | "have") {
                return (past_unless_infinitive(toks, k, a), Some(k));
            }
            return (if tense == Tense::Past { past_unless_infinitive(toks, k, a) } else { tense }, Some(k));
        }
    }
    for dist in 1..=30usize {
        let left = a.checked_sub(dist).filter(|k| toks.get(*k).is_some_and(|t| same(&t)));
        let right = Some(b + dist - 1).filter(|k| toks.get(*k).is_some_and(|t| same(&t)));
        if left.is_none() && right.is_none() {
            break;
        }
        for k in [left, right].into_iter().flatten() {
            let t = &toks[k];
            if let Some(tense) = cue(toks, k) {
                // "has been" / "have seen" report the past from the present.
                let past = tense == Tense::Past || (tense == Tense::Present && matches!(t.lower, "has" | "have"));
                return (if past { past_unless_infinitive(toks, k, a) } else { tense }, Some(k));
            }
        }
    }
    (Tense::Unknown, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::values;
    use crate::tokens::tokenize;

    #[test]
    fn values_at_each_granularity() {
        let a = Anchor::day(2001, 9, 11).unwrap();
        assert_eq!(a.value(), "2001-09-11");
        assert_eq!(a.coarsen(Gran::Month).value(), "2001-09");
        assert_eq!(a.coarsen(Gran::Quarter).value(), "2001-Q3");
        assert_eq!(a.coarsen(Gran::Season).value(), "2001-FA");
        assert_eq!(a.coarsen(Gran::Decade).value(), "200");
        assert_eq!(a.coarsen(Gran::Century).value(), "20");
        assert_eq!(a.coarsen(Gran::Week).value(), "2001-W37");
        assert_eq!(Anchor::quarter(1989, 3).unwrap().shift(-1, Gran::Year).unwrap().value(), "1988-Q3");
    }

    #[test]
    fn reference_precision_limits_deictic_values() {
        let r = Reference { date: NaiveDate::from_ymd_opt(2011, 9, 1).unwrap(), precision: Gran::Month };
        assert_eq!(r.at(Gran::Day).value(), "2011-09");
        assert_eq!(r.at(Gran::Year).value(), "2011");
    }

    #[test]
    fn tense_from_nearest_cue() {
        let mut arena = String::new();
        let t = tokenize("The board will meet on Friday to vote.", &mut arena);
        let i = t.iter().position(|x| x.text == "Friday").unwrap();
        assert_eq!(tense_around(&t, i, i + 1), Tense::Future);
        let mut arena = String::new();
        let t = tokenize("The board voted on Friday. It will meet again.", &mut arena);
        let i = t.iter().position(|x| x.text == "Friday").unwrap();
        assert_eq!(tense_around(&t, i, i + 1), Tense::Past);
    }

    #[test]
    fn the_verb_before_a_date_in_its_clause_wins_unless_one_follows_it_directly() {
        let at = |s: &str, w: &str| {
            let mut arena = String::new();
            let t = tokenize(s, &mut arena);
            let i = t.iter().position(|x| x.text == w).unwrap();
            tense_around(&t, i, i + 1)
        };
        // The nearer "were" belongs to the next clause.
        assert_eq!(at("The growers planned a market in the square on Saturday and were hoping for sun.", "Saturday"), Tense::Future);
        assert_eq!(at("The choir were planning to sing at the harbour on Monday.", "Monday"), Tense::Future);
        // A verb right after the date is the predicate of what it dates.
        assert_eq!(at("A concert planned in the park for Sunday was called off after the storm.", "Sunday"), Tense::Past);
        // A clause break stops the look back.
        assert_eq!(at("They will paint the hall, and on Friday the roof leaked.", "Friday"), Tense::Past);

        // A participle bound into an adjective by a degree word tells no past:
        // the clause has no verb of narration.
        assert_ne!(at("The ferry line becomes a full fledged partner of the harbour board: June 2, 2031.", "June"), Tense::Past);
        assert_ne!(at("The harbour shows its half finished pier in May.", "May"), Tense::Past);
        assert_ne!(at("Harbour tours, long awaited by the town, in June.", "June"), Tense::Past);
        // Both ways: the participle as the clause's own verb is told, even after "fully".
        assert_eq!(at("The ferry line fully merged with the harbour board on Friday.", "Friday"), Tense::Past);
        assert_eq!(at("The club fledged its first young pilots on Friday.", "Friday"), Tense::Past);
    }

    #[test]
    fn participles_infinitives_and_schedules() {
        // "be held" is a participle: the modal before it sets the tense.
        assert_eq!(values("The festival would again be held at the old fairground on June 20.", "2003-02-10"), ["2003-06-20"]);
        // What a "to"-infinitive tells comes after its past verb.
        assert_eq!(values("The council voted to reopen the library in March.", "2004-02-05"), ["2004-03"]);
        assert_eq!(values("The guard was beaten to death on the night of Oct. 3.", "2004-05-05"), ["2003-10-03"]);
        assert_eq!(values("The prisoner managed to escape in March.", "2004-10-05"), ["2004-03"]);
        // A plan overtaken, a schedule ahead, plans as a noun. 2004-02-09 was a Monday.
        assert_eq!(values("The auction had been scheduled to close on Friday.", "2004-02-09"), ["2004-02-06"]);
        assert_eq!(values("Trading is to resume on Tuesday.", "2004-02-06"), ["2004-02-10"]);
        assert_eq!(values("The talks are set to resume on Monday.", "2004-02-08"), ["2004-02-09"]);
        assert_eq!(values("On Friday, the mayor set aside his holiday plans.", "2004-02-09"), ["2004-02-06"]);
        // "set" is a past unless it schedules: "set for", "set to".
        assert_eq!(values("The board ruled the ferry must be sold, and set Friday as the deadline.", "2004-02-09"), ["2004-02-06"]);
        assert_eq!(values("The debate is expected to open a congress set for Lyon in April.", "2004-05-10"), ["2005-04"]);
        // "due in March" is still ahead; "due to" a cause is no plan.
        assert_eq!(values("The report is due in March.", "2004-05-10"), ["2005-03"]);
        assert_eq!(values("The match was cancelled due to the storm on Friday.", "2004-02-09"), ["2004-02-06"]);
    }

    #[test]
    fn deadlines_and_expected_times() {
        // A deadline overrides a past verb, not a future one.
        assert_eq!(values("The airline will add flights by August.", "2004-02-13"), ["2004-08"]);
        // 2004-02-12 was a Thursday.
        assert_eq!(values("The hearing was postponed until Tuesday morning.", "2004-02-12"), ["2004-02-17"]);
        assert_eq!(values("The team could leave as soon as Tuesday, the coach said.", "2004-02-12"), ["2004-02-17"]);
        assert_eq!(values("The court gave the family until 9 a.m. Tuesday to decide.", "2004-02-09"), ["2004-02-10T09:00"]);
        assert_eq!(values("Up until Thursday, police had described him only as a witness.", "2004-02-14"), ["2004-02-12"]);
        // "by" a weekday in a past story is a past deadline. 2004-02-10 was a Tuesday.
        assert_eq!(values("Rebels had taken the town by Friday.", "2004-02-10"), ["2004-02-06"]);
        // A day just gone is not next year's, whatever the verb far away says.
        assert_eq!(
            values("Officials said they would look for ways to block the order to return the boat to its owners by Jan. 14.", "2004-01-15"),
            ["2004-01-14"]
        );
    }

    #[test]
    fn a_fronted_date_takes_the_tense_of_its_distant_main_verb() {
        let s = "In January, only a week after the anniversary of the founding of the first cooperative dairy in the valley of the upper river, a storm flattened the barns.";
        assert_eq!(values(s, "2004-10-25"), ["2004-01", "P1W"]);
    }

    #[test]
    fn a_plan_told_as_made_looks_no_ahead() {
        // Published on a Monday: the Saturday just past, not the coming one.
        assert_eq!(values("The march went ahead as previously planned Saturday night.", "2013-03-18"), ["2013-03-16"]);
        assert_eq!(values("The march is planned for Saturday.", "2013-03-18"), ["2013-03-23"]);
    }

    #[test]
    fn going_to_is_a_future_told_in_the_present() {
        // 2004-02-09 was a Monday.
        assert_eq!(values("The ferry is going to sail on Friday.", "2004-02-09"), ["2004-02-13"]);
        assert_eq!(values("The ferry was going to sail on Friday, but it sank.", "2004-02-09"), ["2004-02-06"]);
        // A participle after "getting" takes its tense from the auxiliary.
        assert_eq!(values("The team is going to get beaten on Friday.", "2004-02-09"), ["2004-02-13"]);
        assert_eq!(values("Farmers are going to start getting hit hard in the spring.", "2004-02-09"), ["2004-SP"]);
        assert_eq!(values("The mill is going to close in October.", "2004-11-09"), ["2005-10"]);
        // "the spring" after a past year, told as ahead, is the coming one.
        let text = "The mill closed in 2001. Growers are going to start losing orders in the spring.";
        assert_eq!(values(text, "2004-02-09"), ["2001", "2004-SP"]);
        let text = "The mill closed in 2001. Growers lost orders in the spring.";
        assert_eq!(values(text, "2004-02-09"), ["2001", "2001-SP"]);
    }

    #[test]
    fn a_present_of_schedule_looks_ahead() {
        assert_eq!(values("The walkout begins in January.", "2004-03-10"), ["2005-01"]);
        assert_eq!(values("The new speed limit takes effect Jan. 1.", "2004-03-10"), ["2005-01-01"]);
        // 2004-03-10 was a Wednesday.
        assert_eq!(values("The trial opens Monday in Leeds.", "2004-03-10"), ["2004-03-15"]);
        assert_eq!(values("The fair opened on March 2 and closes Friday.", "2004-03-10"), ["2004-03-02", "2004-03-12"]);
        // In the past it stays past.
        assert_eq!(values("The walkout began in January.", "2004-03-10"), ["2004-01"]);
    }

    #[test]
    fn short_regular_pasts_are_pasts() {
        // 2004-03-10 was a Wednesday.
        assert_eq!(values("The painter died on Friday.", "2004-03-10"), ["2004-03-05"]);
        assert_eq!(values("On Friday, the tenants sued the landlord.", "2004-03-10"), ["2004-03-05"]);
        // "need" is no past: no tense, the nearest Friday.
        assert_eq!(values("The tenants need an answer on Friday.", "2004-03-10"), ["2004-03-12"]);
    }

    #[test]
    fn a_change_starting_on_a_date_looks_ahead_unless_told_in_the_past() {
        // 2004-03-10 was a Wednesday.
        assert_eq!(values("Starting Monday, bus fares rise.", "2004-03-10"), ["2004-03-15"]);
        assert_eq!(values("Starting Monday, bus fares rose.", "2004-03-10"), ["2004-03-08"]);
        assert_eq!(values("Beginning in February, bus fares rise.", "2004-03-10"), ["2005-02"]);
        assert_eq!(values("Effective Jan. 1, bus fares rise.", "2004-03-10"), ["2005-01-01"]);
        // A decision told in the past takes effect on the nearest such day.
        assert_eq!(values("The club named a new board, effective Feb. 1. It will meet monthly.", "2004-10-26"), ["2005-02-01", "P1M"]);
        assert_eq!(values("The fair opens June 1. Critics said it was late.", "2004-03-10"), ["2004-06-01"]);
    }

    #[test]
    fn a_modal_before_the_date_wins_over_a_report_after_it() {
        // 2004-10-20 was a Wednesday.
        assert_eq!(values("He will be arraigned Friday, police said Thursday.", "2004-10-20"), ["2004-10-22", "2004-10-14"]);
        assert_eq!(values("The mill will close, its owner said Tuesday.", "2004-10-20"), ["2004-10-19"]);
    }

    #[test]
    fn a_relative_clause_dates_its_own_time() {
        assert_eq!(values("Nurses who were hired in January will be laid off in May.", "2004-03-10"), ["2004-01", "2004-05"]);
        // A plan told as made: the later verb says when.
        assert_eq!(values("The hearing, originally set for Feb. 12, was moved to April 3.", "2004-03-10"), ["2004-02-12", "2004-04-03"]);
    }

    #[test]
    fn adjectives_in_ed_carry_no_tense() {
        assert_eq!(values("Dividends will be paid on a still unspecified date in January.", "1989-10-26"), ["1990-01"]);
    }
}
