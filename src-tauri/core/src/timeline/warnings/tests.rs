//! Each rule in our own sentences, both ways: the mistake it must catch and
//! the legitimate text it must leave alone.

use super::super::extract;
use super::{TypoKind, WarningKind};
use crate::PartialDate;

fn date(s: &str) -> Option<PartialDate> {
    Some(s.parse().unwrap())
}

/// The kinds of warning on the event quoting `quote`.
fn kinds(text: &str, published: Option<PartialDate>, quote: &str) -> Vec<WarningKind> {
    let drafts = extract(text, published);
    let d = drafts.iter().find(|d| d.exact == quote).unwrap_or_else(|| panic!("no event {quote:?} in {drafts:?}"));
    d.warnings.iter().map(|w| w.kind).collect()
}

fn quiet(text: &str, published: Option<PartialDate>) {
    let drafts = extract(text, published);
    let warned: Vec<_> = drafts.iter().filter(|d| !d.warnings.is_empty()).collect();
    assert!(warned.is_empty(), "{warned:#?}");
}

// after_publication

#[test]
fn a_past_act_dated_after_publication_is_flagged_with_its_verb() {
    let text = "The ferry company was founded in 1998. The old harbour wall collapsed in June 2016.";
    let drafts = extract(text, date("2012-05-03"));
    let d = drafts.iter().find(|d| d.exact == "June 2016").unwrap();
    assert_eq!(d.warnings.len(), 1, "{d:?}");
    let w = &d.warnings[0];
    assert_eq!(w.kind, WarningKind::AfterPublication);
    assert_eq!(w.evidence.published.as_deref(), Some("2012-05-03"));
    assert_eq!(w.evidence.words, ["collapsed"]);
    assert_eq!(w.message, "Told as done (“collapsed”) but dated after the article was published (3 May 2012)");
    // "By 2016 the gap had grown": done by then, so still a claim.
    assert_eq!(
        kinds("By 2016 the gap between the two towns had grown to a mile.", date("2012-05"), "2016"),
        [WarningKind::AfterPublication]
    );
    // What a year brought, or a purpose too far ahead.
    assert_eq!(kinds("The ferry company made strong profit growth for 2014.", date("2012-05"), "2014"), [WarningKind::AfterPublication]);
    assert_eq!(kinds("The maker revealed its new ferry for 2019.", date("2012-05"), "2019"), [WarningKind::AfterPublication]);
    // A purpose is the year's only when "for" leads it.
    assert_eq!(
        kinds("The maker revealed its new ferry in 2014, for the summer.", date("2012-05"), "2014"),
        [WarningKind::AfterPublication]
    );
}

#[test]
fn a_participle_made_adjective_is_no_past_act() {
    let p = date("2012-05-03");
    // "full fledged", "half built", "well-worn": adjectives, not verbs of narration.
    quiet("The island ferry line becomes a full fledged partner of the coastal network: June 2, 2014.", p);
    quiet("Half built harbour cranes, ready for the new terminal: September 2014.", p);
    // Both ways: the participle as the clause's verb is a past act, even after "fully".
    assert_eq!(
        kinds("The island ferry line fully merged with the coastal network on June 2, 2014.", p, "June 2, 2014"),
        [WarningKind::AfterPublication]
    );
}

#[test]
fn a_future_the_clause_makes_legitimate_is_not_flagged() {
    let p = date("2012-05-03");
    // A plan, an aim, a forecast, a delay, a maturity, a term.
    quiet("The council planned to rebuild the harbour wall in 2016.", p);
    quiet("The town set itself the goal of a new quay in 2016.", p);
    quiet("Engineers predicted that the wall would fail in 2016.", p);
    quiet("The opening was postponed to March 2014.", p);
    quiet("Harbour Holdings' 2025 bonds weakened last week.", p);
    // A state that lasts, a deadline reported.
    quiet("The quay stayed closed until 2016.", p);
    quiet("The mayor said the town aims to be car-free by 2030.", p);
    // A model year named a year ahead.
    quiet("The maker unveiled the 2013 Kestrel at the autumn show.", p);
    quiet("The maker has revealed its new ferry for 2014.", p);
    // Relative dates and holidays resolve after publication by design.
    quiet("The harbour master said the ferry left tomorrow.", p);
    quiet("The children dressed up for Halloween.", p);
    // A few weeks later in the published year: an update of the page.
    quiet("The harbour wall collapsed in June 2012.", p);
    // The future told as future, or with a modal before the verb.
    quiet("The new wall will open in 2016.", p);
    quiet("Forecasters said that 2016 may set new records for storms.", p);
}

#[test]
fn a_past_event_named_by_a_later_year_is_still_a_claim() {
    // "the 2016 election", told as past in a 2012 article.
    assert_eq!(kinds("The scandal was evident long before the 2016 election.", date("2012-05"), "2016"), [WarningKind::AfterPublication]);
}

// likely_typo

const PASSAGE: &str = "After the flood of March 2004 the valley towns rebuilt their dams. In May 2004 the mayor of Ashby resigned. \
     When the army arrived in June 2014, the camps were already full. The inquiry opened in 2005 and reported in late 2005.";

#[test]
fn a_year_a_decade_off_in_a_passage_about_one_year_is_flagged() {
    let drafts = extract(PASSAGE, None);
    let d = drafts.iter().find(|d| d.exact == "June 2014").unwrap();
    let w = d.warnings.iter().find(|w| w.kind == WarningKind::LikelyTypo).expect("flagged");
    assert_eq!(w.evidence.intended.as_deref(), Some("2004"));
    assert_eq!(w.evidence.typo, Some(TypoKind::Decade));
    let around: Vec<&str> = w.evidence.dates.iter().map(|d| d.quote.as_str()).collect();
    assert_eq!(around, ["March 2004", "May 2004", "2005", "late 2005"]);
    assert!(w.message.starts_with("2014 looks like a slip for 2004 (a decade off)"), "{}", w.message);
    // Published after all of it, the same.
    assert_eq!(kinds(PASSAGE, date("2019-01"), "June 2014"), [WarningKind::LikelyTypo]);
    // Put right, nothing.
    quiet(&PASSAGE.replace("June 2014", "June 2004"), None);
}

#[test]
fn swapped_digits_and_one_digit_are_slips_too() {
    assert_eq!(kinds(&PASSAGE.replace("June 2014", "June 2040"), None, "June 2040"), [WarningKind::LikelyTypo]);
    assert_eq!(kinds(&PASSAGE.replace("June 2014", "June 2009"), None, "June 2009"), [WarningKind::LikelyTypo]);
}

#[test]
fn history_is_not_a_typo() {
    // A distant year with its own context, or one no slip away.
    quiet(&PASSAGE.replace("When the army arrived in June 2014", "Records had been kept since 1840"), None);
    quiet(&PASSAGE.replace("When the army arrived in June 2014", "The dam, like the 1994 one,"), None);
    quiet(&PASSAGE.replace("When the army arrived in June 2014", "The first dam was built in 1931"), None);
    // The year is written again elsewhere: the article means it.
    quiet(&format!("{PASSAGE} The army left the valley in 2014."), None);
    // A narrative spread over years is no single moment a slip contradicts.
    quiet(
        "In 1961 the wall went up. In 1962 the first tunnel was dug. In 1963 a president visited. \
           In 1993 the crossing was widened. In 1964 the guards were doubled. In 1965 a second fence followed.",
        None,
    );
    // Too few dates around to say.
    quiet("In March 2004 the valley flooded. When the army arrived in June 2014, the camps were full.", None);
}

// two_dates

#[test]
fn a_named_event_given_another_year_is_flagged() {
    let drafts = extract("Veterans of the Orange Revolution of 2007 marched again in Kyiv.", date("2012-05"));
    let d = drafts.iter().find(|d| d.exact == "2007").unwrap();
    assert_eq!(d.warnings.len(), 1, "{d:?}");
    let w = &d.warnings[0];
    assert_eq!(w.kind, WarningKind::TwoDates);
    assert_eq!(w.message, "“the Orange Revolution” is dated 2004–2005, not 2007");
    assert_eq!(w.evidence.dates[0].value, "2004");
    assert_eq!(kinds("Veterans of the 2007 Orange Revolution marched again.", date("2012-05"), "2007"), [WarningKind::TwoDates]);
}

#[test]
fn a_named_event_with_its_own_year_or_a_verb_dated_beside_it_is_not() {
    quiet("Veterans of the Orange Revolution of 2004 marched again in Kyiv.", date("2012-05"));
    quiet("In 1944, during World War II, the bridge was bombed.", date("2012-05"));
    quiet("The town remembered World War II in 1950 with a parade.", date("2012-05"));
}
