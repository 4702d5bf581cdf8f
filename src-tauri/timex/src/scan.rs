//! The matching machinery shared by the pattern modules: a cursor over tokens,
//! the context a pattern resolves against, and what a pattern returns.

use chrono::{Datelike, NaiveDate};

use super::lexicon::{self, Unit};
use super::reference::{tense_around, Anchor, Gran, Reference, Tense};
use super::tokens::{Tok, TokKind};
use super::TimexKind;

/// A pattern; its lead, the most tokens its match can have before its
/// first anchoring token (a number or a time word,
/// `lexicon::anchors_an_expression`); and the kinds of token its match can
/// start on (`lexicon::starts`). The scanner tries a pattern only on such a
/// token, with an anchoring token that close ahead.
pub type Pattern = (fn(&Ctx, usize) -> Option<Hit>, usize, u16);

/// What a pattern found: tokens `[start, end)`, normalized.
#[derive(Debug, Clone)]
pub struct Hit {
    pub end: usize,
    pub kind: TimexKind,
    pub value: String,
    pub value_end: Option<String>,
    /// The point this expression puts the narrative at, for later anaphora.
    pub anchor: Option<Anchor>,
    /// Spelled out with a year (or a named event): a reliable narrative anchor.
    pub explicit: bool,
    /// Computed from the narrative's date for comparison ("a year earlier",
    /// "the year-ago quarter"): it does not move the narrative.
    pub anaphoric: bool,
    /// A named event that is no temporal expression ("World War II").
    pub event_name: bool,
}

impl Hit {
    pub fn new(end: usize, kind: TimexKind, value: impl Into<String>) -> Self {
        Hit { end, kind, value: value.into(), value_end: None, anchor: None, explicit: false, anaphoric: false, event_name: false }
    }

    pub fn date(end: usize, a: Anchor) -> Self {
        Hit { anchor: Some(a), ..Hit::new(end, TimexKind::Date, a.value()) }
    }

    pub fn explicit(mut self) -> Self {
        self.explicit = true;
        self
    }

    pub fn anaphoric(mut self) -> Self {
        self.anaphoric = true;
        self
    }
}

/// Everything a pattern may resolve against.
pub struct Ctx<'a> {
    pub toks: &'a [Tok<'a>],
    pub reference: Option<Reference>,
    /// The last date of the narrative and the sentence it was in.
    pub anchor: Option<(Anchor, usize, bool)>,
    /// The last explicit date at year precision or finer and its sentence:
    /// it stays the sentence's year after dates derived from it ("in 2006
    /// they sailed in June, and in August ...").
    pub sentence_year: Option<(i32, usize, usize)>,
    /// The last quarter named that had ended by the published date: the
    /// one results are reported for.
    pub reported_quarter: Option<Anchor>,
    /// The sentence of the last span of months reported on ("For the nine
    /// months, ..."), while no date has taken the narrative since.
    pub months_span: Option<usize>,
    /// Month/day pairs of named events this document mentions ("9/11" makes a
    /// bare "Sept. 11" mean 2001-09-11).
    pub named_days: Vec<NaiveDate>,
    /// The named events in the text ("9/11", "the fall of the Berlin Wall").
    pub named: Vec<super::named::Found>,
}

impl<'a> Ctx<'a> {
    pub fn tense(&self, a: usize, b: usize) -> Tense {
        tense_around(self.toks, a, b)
    }

    /// The time deictic words count from ("last year", "yesterday", "two
    /// years ago"): the published date; in a narrative (no published date),
    /// the narrative's date at the precision it is known, as a reader takes
    /// "next year" in a quotation from the story's time. Never today's date.
    pub fn now(&self) -> Option<Reference> {
        if let Some(r) = self.reference {
            return Some(r);
        }
        let (a, ..) = self.anchor?;
        let precision = match a.gran {
            Gran::Day => Gran::Day,
            Gran::Week | Gran::Month | Gran::Season | Gran::Quarter => Gran::Month,
            _ => Gran::Year,
        };
        Some(Reference { date: a.date, precision })
    }

    /// A hit counted from [`Ctx::now`]: in a narrative it comes from a
    /// quotation or an aside, and leaves the narrative where it is.
    pub fn counted_from_now(&self, h: Hit) -> Hit {
        if self.reference.is_none() {
            h.anaphoric()
        } else {
            h
        }
    }

    /// The anchor for anaphora ("a year later"): the narrative's last date, else the reference.
    pub fn narrative(&self) -> Option<Anchor> {
        self.anchor.map(|a| a.0).or_else(|| self.reference.map(|r| r.at(Gran::Day)))
    }

    /// The year of a month told without one, in a narrative: the year in
    /// force, or the next when the month is well before the narrative's
    /// (a story told forward: "in December ... In January").
    pub fn year_in_force_for(&self, month: u32) -> Option<i32> {
        let (a, ..) = self.anchor?;
        let forward = a.gran <= Gran::Month && month + 8 <= a.date.month();
        Some(a.date.year() + i32::from(forward))
    }

    /// A recent explicit anchor (same or previous sentence) for bare months and days.
    pub fn recent_explicit(&self, i: usize) -> Option<Anchor> {
        let s = self.toks.get(i)?.sentence;
        self.anchor.filter(|(_, sent, explicit)| *explicit && s <= sent + 1).map(|a| a.0)
    }

    /// An explicit date earlier in the same sentence, at year precision or
    /// finer: "in 1990 ... in December" is December 1990.
    pub fn same_sentence_year(&self, i: usize) -> Option<i32> {
        let s = self.toks.get(i)?.sentence;
        self.sentence_year.filter(|(_, sent, _)| *sent == s).map(|(y, _, _)| y)
    }

    /// The sentence's year, unless it only dates a noun in a fronted phrase
    /// that does not set the time ("Under a plan approved in 1987 that ...,
    /// the firm had bought shares through Sept. 29"): a phrase opening the
    /// sentence with a preposition other than the year's own ("In 1987,
    /// ..." does set it), closed by a comma before token `i`.
    pub fn same_clause_year(&self, i: usize) -> Option<i32> {
        let (y, sent, k) = self.sentence_year?;
        let s = self.toks.get(i)?.sentence;
        if sent != s {
            return None;
        }
        let start = k - self.toks[..k].iter().rev().take_while(|t| t.sentence == s).count();
        let opener = &self.toks[start];
        let fronted_phrase = k > start + 3
            && matches!(
                opener.lower,
                "under"
                    | "with"
                    | "despite"
                    | "as"
                    | "like"
                    | "unlike"
                    | "for"
                    | "through"
                    | "by"
                    | "among"
                    | "beyond"
                    | "besides"
                    | "apart"
                    | "according"
            )
            && self.toks[start..k].iter().all(|t| t.text != ",")
            && self.toks[k..i].iter().any(|t| t.text == ",");
        // "The firm, which was founded in 1962, warned in August": an aside
        // between commas is background too.
        let open = self.toks[start..k].iter().rposition(|t| t.text == ",").map(|p| start + p);
        let aside = open.is_some_and(|o| matches!(self.toks.get(o + 1).map(|t| t.lower), Some("which" | "who" | "whose")))
            && self.toks[k..i].iter().any(|t| t.text == ",");
        (!fronted_phrase && !aside).then_some(y)
    }

    /// When the month at token `k` ends a range whose start is the month just
    /// tagged in the same sentence ("June and August", "November to
    /// February"), the year that keeps the range in order.
    fn range_end_year(&self, k: usize, month: u32) -> Option<i32> {
        let link = k.checked_sub(1).and_then(|p| self.toks.get(p))?;
        if !matches!(link.lower, "and" | "to" | "-" | "–" | "through" | "until" | "till") {
            return None;
        }
        let start = self.toks.get(k.checked_sub(2)?)?;
        let start_month = lexicon::month(start.lower.trim_end_matches('.'))?;
        let (a, sentence, _) = self.anchor?;
        // The month before the link must be the one just tagged: in "June,
        // March and April" the untagged "March" starts no range from June.
        if sentence != start.sentence || a.gran != Gran::Month || a.date.month() != start_month {
            return None;
        }
        let y = a.date.year();
        Some(if month < a.date.month() { y + 1 } else { y })
    }

    /// "For the nine months, profit rose from a year earlier": a span of
    /// months is in view (same or previous sentence), so comparisons a year
    /// back are with that span, which only the year can name.
    pub fn months_span_in_view(&self, i: usize) -> bool {
        let Some(s) = self.toks.get(i).map(|t| t.sentence) else { return false };
        self.months_span.is_some_and(|m| s == m || s == m + 1)
    }

    /// The quarter the narrative is discussing, if it is at quarter precision.
    pub fn quarter_in_view(&self) -> Option<Anchor> {
        self.anchor.map(|a| a.0).filter(|a| a.gran == Gran::Quarter)
    }

    /// The quarter in view as results are compared ("a year ago", "the
    /// latest quarter"): a quarter not yet over ("expects a weak fourth
    /// quarter") is a forecast, so the last quarter reported stands.
    pub fn reported_quarter_in_view(&self) -> Option<Anchor> {
        let a = self.quarter_in_view()?;
        let ongoing = self.reference.is_some_and(|r| a.date >= r.at(Gran::Quarter).date);
        Some(if ongoing { self.reported_quarter.unwrap_or(a) } else { a })
    }

    /// The year a month-and-day (or month) without a year falls in: the
    /// sentence's explicit year, else the one around the published date that
    /// the tense picks (past: the latest not after it; future: the first not
    /// before it; no tense: the nearest).
    pub fn year_for(&self, i: usize, end: usize, month: u32, day: Option<u32>) -> Option<i32> {
        // A deadline ("by Jan. 14", "until May") is near the published date unless the verb puts it ahead.
        let mut k = i;
        while k > 0 && matches!(self.toks[k - 1].lower, "-" | "early" | "mid" | "late" | "the" | "end" | "beginning" | "middle" | "of") {
            k -= 1;
        }
        // The second month of a range ("between June and August", "from
        // November to February") is in the year of the first.
        if let Some(y) = self.range_end_year(k, month) {
            return Some(y);
        }
        let deadline =
            matches!(Cur::new(self.toks, k).prev(), "by" | "until" | "till" | "through" | "before" | "expire" | "expires" | "effective");
        // The deadline overrides a past verb ("was extended until May"), not a future one.
        let from_on = |w: &str| matches!(w, "starting" | "beginning" | "effective");
        let before = Cur::new(self.toks, k);
        let starting = from_on(before.prev()) || (before.prev() == "in" && from_on(before.prev_at(k - 1)));
        let tense = match self.tense(i, end) {
            Tense::Past if deadline => Tense::Unknown,
            // "Starting in April, fares rise": a change from then on.
            Tense::Present | Tense::Unknown if starting => Tense::Future,
            t => t,
        };
        if let Some(y) = self.same_clause_year(i) {
            // Only a year the tense agrees with: "joined in 1997, will join again on March 12" is not 1997.
            let agrees = match (tense, self.reference) {
                (Tense::Future, Some(r)) => y >= r.date.year(),
                _ => true,
            };
            if agrees {
                return Some(y);
            }
        }
        // Narrative mode: no published date to count from, so the year in
        // force, as a reader takes it: the narrative's.
        let Some(r) = self.reference else { return self.year_in_force_for(month) };
        let ry = r.date.year();
        let with_day = day.is_some() && r.precision == Gran::Day;
        // Distance in days (or months) from the published date to the candidate in year `y`.
        let offset = |y: i32| -> i64 {
            if with_day {
                let d = NaiveDate::from_ymd_opt(y, month, day.unwrap_or(1)).or_else(|| NaiveDate::from_ymd_opt(y, month, 28));
                d.map(|d| (d - r.date).num_days()).unwrap_or(i64::MAX / 4)
            } else {
                (y as i64 * 12 + month as i64) - (ry as i64 * 12 + r.date.month() as i64)
            }
        };
        let years = [ry - 1, ry, ry + 1];
        // "since April" reaches back from now, whatever the verb.
        if Cur::new(self.toks, k).prev() == "since" {
            return years.iter().rev().find(|y| offset(**y) <= 0).copied().or(Some(ry));
        }
        let pick = match tense {
            // A day within the next weeks is that coming day even in a past-tense
            // clause ("the offer was extended to Nov. 20"): a date almost a year
            // back is rarely written without its year.
            Tense::Past if with_day && (1..=60).contains(&offset(ry)) => Some(&ry),
            Tense::Past => years.iter().rev().find(|y| offset(**y) <= 0),
            // Likewise a day just gone is that day, not the same day next year:
            // the future cue belonged to another clause.
            Tense::Future if with_day && (-14..=-1).contains(&offset(ry)) => Some(&ry),
            Tense::Future => years.iter().find(|y| offset(**y) >= 0),
            Tense::Present | Tense::Unknown => years.iter().min_by_key(|y| offset(**y).abs()),
        };
        pick.copied().or(Some(ry))
    }
}

/// A cursor over the tokens, for writing patterns as straight-line code.
#[derive(Clone, Copy)]
pub struct Cur<'a> {
    pub toks: &'a [Tok<'a>],
    pub j: usize,
}

impl<'a> Cur<'a> {
    pub fn new(toks: &'a [Tok<'a>], j: usize) -> Self {
        Cur { toks, j }
    }

    pub fn tok(&self) -> Option<&'a Tok<'a>> {
        self.toks.get(self.j)
    }

    pub fn lower(&self) -> &'a str {
        self.tok().map(|t| t.lower).unwrap_or("")
    }

    pub fn prev(&self) -> &'a str {
        self.j.checked_sub(1).and_then(|k| self.toks.get(k)).map(|t| t.lower).unwrap_or("")
    }

    /// The word before token `k`.
    pub fn prev_at(&self, k: usize) -> &'a str {
        k.checked_sub(1).and_then(|p| self.toks.get(p)).map(|t| t.lower).unwrap_or("")
    }

    pub fn eat(&mut self, w: &str) -> bool {
        if self.lower() == w {
            self.j += 1;
            true
        } else {
            false
        }
    }

    pub fn eat_any(&mut self, ws: &[&str]) -> Option<&'a str> {
        let w = self.lower();
        if ws.contains(&w) {
            self.j += 1;
            Some(w)
        } else {
            None
        }
    }

    /// Eats `words` in sequence, or nothing.
    pub fn eat_seq(&mut self, words: &[&str]) -> bool {
        let save = self.j;
        for w in words {
            if !self.eat(w) {
                self.j = save;
                return false;
            }
        }
        true
    }

    /// A period glued to the previous token ("Sept.").
    pub fn eat_dot(&mut self) -> bool {
        match self.tok() {
            Some(t) if t.text == "." && !t.space_before => {
                self.j += 1;
                true
            }
            _ => false,
        }
    }

    pub fn eat_hyphen(&mut self) -> bool {
        match self.tok() {
            Some(t) if matches!(t.text, "-" | "‑" | "–") && !t.space_before => {
                self.j += 1;
                true
            }
            _ => false,
        }
    }

    pub fn eat_comma(&mut self) -> bool {
        self.eat(",")
    }

    #[allow(dead_code)]
    pub fn eat_num(&mut self) -> Option<u32> {
        let n = self.tok()?.num()?;
        self.j += 1;
        Some(n)
    }

    pub fn eat_with<T>(&mut self, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        let t = self.tok()?;
        if t.kind != TokKind::Word {
            return None;
        }
        let v = f(strip_possessive(t.lower))?;
        self.j += 1;
        Some(v)
    }

    /// A unit word ("years", "month's"); returns the unit and whether it was plural.
    pub fn eat_unit(&mut self) -> Option<(Unit, bool)> {
        let t = self.tok()?;
        let w = strip_possessive(t.lower);
        let u = Unit::parse(w)?;
        self.j += 1;
        Some((u, Unit::is_plural(w)))
    }

    /// A count: digits ("10", "1.5"), number words ("twenty-four", "a"), or a
    /// vague quantity ("several", "a few") as `Some(None)`.
    pub fn eat_quantity(&mut self) -> Option<Option<f64>> {
        let save = self.j;
        if self.eat_seq(&["a", "few"]) {
            return Some(None);
        }
        if let Some(t) = self.tok() {
            if t.kind == TokKind::Num {
                let clean = t.text.replace(',', "");
                if let Ok(v) = clean.parse::<f64>() {
                    self.j += 1;
                    // "2 1/2 years"
                    if self.tok().is_some_and(|h| h.text == "1/2" && h.space_before) {
                        self.j += 1;
                        return Some(Some(v + 0.5));
                    }
                    return Some(Some(v));
                }
                return None;
            }
        }
        if self.eat_with(|w| if lexicon::vague_quantity(w) { Some(()) } else { None }).is_some() {
            return Some(None);
        }
        if self.eat_seq(&["a", "couple", "of"]) || self.eat_seq(&["a", "couple"]) {
            return Some(Some(2.0));
        }
        let mut total = self.eat_with(lexicon::cardinal)?;
        if total >= 20 && total % 10 == 0 && total < 100 {
            let save2 = self.j;
            self.eat_hyphen();
            match self.eat_with(lexicon::cardinal) {
                Some(u) if u < 10 && !matches!(self.prev(), "a" | "an") => total += u,
                _ => self.j = save2,
            }
        }
        // "three hundred", "a hundred": a multiple of a hundred.
        if total < 100 && self.lower() == "hundred" {
            self.j += 1;
            total *= 100;
        }
        if self.j == save {
            return None;
        }
        Some(Some(total as f64))
    }
}

pub fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}
