//! Narrative mode: a text with no published date (a history, a chapter of a
//! book) is read as a reader reads it, each relative expression against the
//! narrative's own dates. Which dates move the narrative, and which are
//! background that a reader does not take as the time the story is at.

use chrono::Datelike;

use super::lexicon;
use super::lexicon::starts::*;
use super::reference::{tense_around, Anchor, Gran, Tense};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::{Tok, TokKind};
use super::TimexKind;

/// A day and a part of it as a TIMEX value ("1775-04-18TNI").
fn part_of(day: Anchor, part: &str, end: usize) -> Hit {
    let mut h = Hit::new(end, TimexKind::Time, format!("{}{part}", day.value()));
    h.anchor = Some(day);
    h
}

/// "the night of April 18, 1775", "the morning of 31 January 1965", "the
/// early morning hours of 30 April": a part of a day written out, in a
/// narrative (news in TimeBank marks the day alone, and so does the tagger
/// there).
fn part_of_a_day(ctx: &Ctx, i: usize) -> Option<Hit> {
    if ctx.reference.is_some() {
        return None;
    }
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    c.eat("early");
    let part = c.eat_with(lexicon::day_part)?;
    c.eat("hours");
    if !c.eat("of") {
        return None;
    }
    let h = super::best_hit(ctx, c.j).filter(|h| h.kind == TimexKind::Date)?;
    let day = h.anchor.filter(|a| a.gran == Gran::Day)?;
    let hit = part_of(day, part, h.end);
    Some(if h.explicit { hit.explicit() } else { hit })
}

/// "that morning", "that same afternoon", "the next morning", "early the
/// following morning", "the previous night": a part of the narrative's day
/// (or of the day after or before it), when the narrative is at a day. With
/// a published date (news), the day alone, as for "Friday night".
fn part_of_the_day(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("early");
    let shift = if c.eat("that") {
        c.eat("same");
        0
    } else if c.eat_seq(&["the", "next"]) || c.eat_seq(&["the", "following"]) {
        1
    } else if c.eat_seq(&["the", "previous"]) || c.eat_seq(&["the", "preceding"]) {
        -1
    } else {
        return None;
    };
    let part = c.eat_with(lexicon::day_part)?;
    // "that evening's session" is still that evening; "the next night's
    // shows" too. "That morning he left" and "the following night" alike.
    let day = ctx.narrative().filter(|a| a.gran == Gran::Day)?.shift(shift, Gran::Day)?;
    // "The next morning" moves the story on; "the previous night" looks back.
    // News is dated to the day (as "Friday night" is, see `weekday`).
    let h = if ctx.reference.is_some() { Hit::date(c.j, day) } else { part_of(day, part, c.j) };
    Some(if shift < 0 { h.anaphoric() } else { h })
}

/// "three years into World War II", "a year after the Battle of Marathon",
/// "two months before the Tet Offensive": a time counted from a named event
/// whose date is known (`data/named_events.tsv`); one expression, the whole
/// phrase. Events the file does not know stay a length ("one year after the
/// flood" is `P1Y`, as TimeBank marks it), and so do names that are dates.
fn from_a_named_event(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat_any(&["some", "about", "nearly", "almost", "just", "only"]);
    let n = c.eat_quantity()??;
    let (u, _) = c.eat_unit()?;
    let g = super::relative::gran_of(u)?;
    let dir = c.eat_any(&["after", "into", "before"])?;
    // A name that is itself a date ("two days after 9/11") stays two
    // expressions, a length and the date, as TIMEX3 marks them.
    let event = ctx.named.iter().filter(|f| f.start == c.j && !f.event.date_name).max_by_key(|f| f.end)?;
    let base = event.event.anchor()?;
    let k = if dir == "before" { -(n as i32) } else { n as i32 };
    let (k, g) = match g {
        Gran::Decade => (k * 10, Gran::Year),
        Gran::Century => (k * 100, Gran::Year),
        g => (k, g),
    };
    let at = if base.gran <= g { Anchor::new(base.date, Gran::Day).coarsen(g).shift(k, g)? } else { base.shift(k, g)? };
    Some(Hit::date(event.end, at).explicit())
}

pub const PATTERNS: &[Pattern] =
    &[(part_of_a_day, 2, THE | TIME | FUNC), (part_of_the_day, 3, FUNC | THE), (from_a_named_event, 3, QTY | NUM | FUNC)];

/// The years written in a text, by token: four digits (1000–2099, not a
/// quantity: not before a noun such as "troops"), or any year with its era
/// ("312 BC"); the look-ahead that tells an excursion from a move of the
/// narrative.
pub fn written_years(toks: &[Tok]) -> Vec<(usize, i32)> {
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Num {
            continue;
        }
        // "312 BC", "AD 79": a year with its era.
        if let Some(y) = super::parts::eat_era_year(&mut Cur::new(toks, k)) {
            out.push((k, y));
            continue;
        }
        let quantity = toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Word && !n.is_capitalized() && n.lower.ends_with('s'));
        if let Some(n) = t.num().filter(|n| t.text.len() == 4 && (1000..2100).contains(n) && !quantity) {
            out.push((k, n as i32));
        }
    }
    out
}

/// A year far from the narrative's (more than `EXCURSION` years) that the
/// text leaves again at once: the next year it writes is nearer the
/// narrative's than this one ("An NSA history declassified in 2005 showed
/// that no attack took place on 4 August": August is still 1964's).
pub fn excursion(a: Anchor, in_force: Option<Anchor>, years: &[(usize, i32)], end: usize) -> bool {
    const EXCURSION: i32 = 4;
    // Only a narrative at a year or finer has a year to wander from ("since
    // the 5th century BC, but by 312 BC" moves it to 312 BC).
    let Some(f) = in_force.filter(|f| f.gran <= Gran::Year) else { return false };
    let (y, fy) = (a.date.year(), f.date.year());
    if (y - fy).abs() <= EXCURSION {
        return false;
    }
    let next = years.get(years.partition_point(|(k, _)| *k < end)).map(|(_, n)| *n);
    next.is_none_or(|n| (n - fy).abs() < (n - y).abs())
}

/// A date that the narrative passes by without moving to it: the far end of
/// a span ("lasted until February 1945"), a plan ahead of the story, or a
/// date in a relative clause in the past perfect ("forces that had invaded
/// Burma in late 1943"), a flashback to before the story's time.
pub fn background(toks: &[Tok], s: usize, e: usize) -> bool {
    let before = |k: usize| s.checked_sub(k).map(|p| toks[p].lower).unwrap_or("");
    let sentence = toks[s].sentence;
    // Skip the modifiers of the date itself ("until late 1943").
    let mut k = 1;
    while matches!(before(k), "early" | "late" | "mid" | "-" | "the" | "end" | "of" | "middle" | "beginning" | "start") {
        k += 1;
    }
    if matches!(before(k), "until" | "till" | "through") {
        return true;
    }
    // A plan told in the past looks ahead of the story ("a campaign planned
    // for 1976", "a withdrawal expected in late 2008").
    if tense_around(toks, s, e) == Tense::Future {
        return true;
    }
    // The clause the date is in, back to a comma or the sentence start.
    let clause: Vec<usize> = (s.saturating_sub(14)..s)
        .rev()
        .take_while(|&p| toks[p].sentence == sentence && !matches!(toks[p].text, "," | ";" | ":" | "(" | ")"))
        .collect();
    clause.iter().any(|&p| {
        matches!(toks[p].lower, "who" | "which" | "that" | "whose") && (p + 1..s).any(|q| toks[q].lower == "had" || toks[q].lower == "'d")
    })
}

#[cfg(test)]
mod tests {
    /// The values tagged in `text` with no published date (narrative mode).
    fn values(text: &str) -> Vec<String> {
        crate::tag(text, None).into_iter().map(|t| t.value).collect()
    }

    #[test]
    fn a_bare_month_takes_the_year_in_force() {
        assert_eq!(
            values("The siege began in March 1702. In May the walls fell, and on June 3 the town surrendered."),
            ["1702-03", "1702-05", "1702-06-03"]
        );
        // Nothing resolves against today's date.
        assert_eq!(values("The walls fell in May."), ["XXXX-05"]);
    }

    #[test]
    fn a_story_told_forward_moves_into_the_next_year() {
        assert_eq!(values("The treaty was signed in November 1805. In January the armies moved again."), ["1805-11", "1806-01"]);
        // A month a little earlier stays in the year: a thread told alongside.
        assert_eq!(values("The fleet sailed in May 1702. Its sister ships had left in February."), ["1702-05", "1702-02"]);
    }

    #[test]
    fn dates_the_narrative_only_passes_by_do_not_move_it() {
        // The far end of a span.
        assert_eq!(
            values("In 1718 the duke took the city. The truce lasted until March 1720. In June he marched north."),
            ["1718", "1720-03", "1718-06"]
        );
        // A flashback in a relative clause.
        assert_eq!(
            values("In 1744 the army entered the valley, where troops that had crossed it in 1741 were camped. In July the siege began."),
            ["1744", "1741", "1744-07"]
        );
        // A plan told in the past.
        assert_eq!(
            values("In 1812 the army crossed the river. A second campaign was planned for 1815. In June the army rested."),
            ["1812", "1815", "1812-06"]
        );
    }

    #[test]
    fn parts_of_a_day_written_out_or_told_from_the_story() {
        assert_eq!(values("On the night of 14 March 1702 the walls were stormed."), ["1702-03-14TNI"]);
        assert_eq!(values("The town fell on 9 May 1702. That afternoon the bells rang."), ["1702-05-09", "1702-05-09TAF"]);
        assert_eq!(values("The king was shot on 3 June 1702. He died early the next morning."), ["1702-06-03", "1702-06-04TMO"]);
        // News dates such phrases to the day, as TimeBank does.
        assert_eq!(crate::tests::values("He was shot on Friday. He died the next morning.", "2004-03-10"), ["2004-03-05", "2004-03-06"]);
        // Not at a day, the story gives a part of the day no date.
        assert!(values("In 1702 the town fell. That afternoon the bells rang.").len() == 1);
    }

    #[test]
    fn that_same_day_is_one_expression() {
        let t = crate::tag("The fort fell on 14 June 240 BC, and that same day the admiral died.", None);
        let got: Vec<(&str, &str)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str())).collect();
        assert_eq!(got, [("14 June 240 BC", "-0239-06-14"), ("that same day", "-0239-06-14")]);
    }

    #[test]
    fn a_century_does_not_hold_the_narrative_back() {
        // The century sets the scene; the years after it move the story.
        assert_eq!(
            values("The towns had traded since the 5th century BC, but by 312 BC the league was failing. In spring the king marched."),
            ["-04", "-0311", "-0311-SP"]
        );
    }

    #[test]
    fn deictic_words_in_a_narrative_count_from_its_date() {
        // "next year" in a quotation is the year after the story's; "today" is the writer's present.
        assert_eq!(
            values("In March 1805 the admiral wrote: \"The fleet sails next year.\" Today the letter is in a museum."),
            ["1805-03", "1806", "PRESENT_REF"]
        );
        assert_eq!(values("The envoy left on 2 May 1702. He was back the next month."), ["1702-05-02", "1702-06"]);
        // A weekday is the nearest such day to the story's (2 May 1702 was a Tuesday, proleptic Gregorian).
        assert_eq!(values("The envoy left on 2 May 1702. On Thursday he reached the coast."), ["1702-05-02", "1702-05-04"]);
    }

    #[test]
    fn a_time_counted_from_a_named_event() {
        let t = crate::tag("Three years into World War II the factory closed; it reopened a year after the Battle of Waterloo.", None);
        let got: Vec<(&str, &str)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str())).collect();
        assert_eq!(got, [("Three years into World War II", "1942"), ("a year after the Battle of Waterloo", "1816")]);
        // An event the file does not know leaves a length.
        assert_eq!(crate::tests::values("The shrine was rebuilt one year after the flood.", "2011-09-15"), ["P1Y"]);
    }

    #[test]
    fn an_excursion_far_from_the_narrative_does_not_move_it() {
        let text = "The siege began in May 1683. A history printed in 1910 tells how in July the walls were breached. \
                    The city was relieved in September 1683.";
        assert_eq!(values(text), ["1683-05", "1910", "1683-07", "1683-09"]);
        // A move that the text stays in is the narrative's.
        let text = "The siege began in May 1683. The town was rebuilt in 1710, and in July a new wall rose. In 1712 it was done.";
        assert_eq!(values(text), ["1683-05", "1710", "1710-07", "1712"]);
    }
}
