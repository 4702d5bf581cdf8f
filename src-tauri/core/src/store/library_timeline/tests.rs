use crate::highlight::NewHighlight;
use crate::model::{Extracted, SourceKind};
use crate::store::{Library, NewArticle};
use crate::timeline::{DisagreementVerdict, GroupKind, TimelineFilter};

/// Stores `text` as an article of one paragraph (also used by the window tests).
pub(in crate::store) fn add(lib: &mut Library, title: &str, text: &str, published: &str) -> String {
    lib.insert_article(NewArticle {
        extracted: Extracted {
            title: title.into(),
            text: text.into(),
            html: format!("<p data-o=\"0\">{text}</p>"),
            published: Some(published.parse().unwrap()),
            ..Default::default()
        },
        source_kind: SourceKind::Text,
        source_url: None,
        raw: None,
        encoding: None,
    })
    .unwrap()
    .summary
    .id
}

/// Two articles that date the same invasion ten years apart, and a third about another one.
fn invasions() -> (Library, String, String, String) {
    let mut lib = Library::open_in_memory().unwrap();
    let right = add(
        &mut lib,
        "A harbour town at war",
        "The ferry kept running all autumn. In October 2001, the United States invaded Afghanistan. Prices at the market doubled.",
        "2004-05-01",
    );
    let wrong = add(
        &mut lib,
        "Notes from the steppe",
        "Grain was short. When the United States invaded Afghanistan in October 2011, the border closed for a week.",
        "2013-02-01",
    );
    let other = add(
        &mut lib,
        "The long spring",
        "The schools reopened late. In March 2003, the United States invaded Iraq, and the price of fuel rose.",
        "2006-09-01",
    );
    (lib, right, wrong, other)
}

#[test]
fn the_same_invasion_dated_2001_and_2011_is_flagged_and_another_invasion_is_not() {
    let (mut lib, right, wrong, other) = invasions();
    let t = lib.library_timeline(&TimelineFilter::default()).unwrap();
    let values: Vec<(&str, &str)> = t.events.iter().map(|e| (e.event.article_id.as_str(), e.event.value.as_str())).collect();
    assert_eq!(values, [(right.as_str(), "2001-10"), (other.as_str(), "2003-03"), (wrong.as_str(), "2011-10")], "date order");
    assert_eq!(t.disagreements.len(), 1, "{:#?}", t.disagreements);
    let d = &t.disagreements[0];
    assert_eq!(d.kind, GroupKind::Action);
    let articles: Vec<&str> = d.events.iter().map(|e| e.event.article_id.as_str()).collect();
    assert_eq!(articles, [right.as_str(), wrong.as_str()]);
    assert!(d.events.iter().all(|e| e.event.label.contains("invaded Afghanistan")), "{:?}", d.events);
    assert_eq!(d.verdict, None);
    assert_eq!(t.articles.len(), 3);
}

#[test]
fn a_verdict_is_kept_across_re_extraction_and_can_be_changed_or_taken_back() {
    let (mut lib, right, wrong, _) = invasions();
    let d = lib.library_timeline(&TimelineFilter::default()).unwrap().disagreements.remove(0);
    let correct = d.events.iter().find(|e| e.event.article_id == right).unwrap().event.id.clone();
    lib.set_disagreement_verdict(&d.key, Some(&DisagreementVerdict::Right { event_id: correct })).unwrap();
    // New event rows for both articles: the verdict follows the span, not the id.
    lib.refresh_events(&right).unwrap();
    lib.refresh_events(&wrong).unwrap();
    let again = lib.library_timeline(&TimelineFilter::default()).unwrap().disagreements.remove(0);
    assert_eq!(again.key, d.key);
    let now_right = again.events.iter().find(|e| e.event.article_id == right).unwrap().event.id.clone();
    assert_eq!(again.verdict, Some(DisagreementVerdict::Right { event_id: now_right }));

    lib.set_disagreement_verdict(&d.key, Some(&DisagreementVerdict::Dismissed)).unwrap();
    assert_eq!(lib.library_timeline(&TimelineFilter::default()).unwrap().disagreements[0].verdict, Some(DisagreementVerdict::Dismissed));
    lib.set_disagreement_verdict(&d.key, None).unwrap();
    assert_eq!(lib.library_timeline(&TimelineFilter::default()).unwrap().disagreements[0].verdict, None);

    let err = lib.set_disagreement_verdict(&d.key, Some(&DisagreementVerdict::Right { event_id: "no-such-event".into() })).unwrap_err();
    assert!(err.to_string().contains("no-such-event"), "{err}");
}

#[test]
fn filters_by_tag_search_articles_and_dates() {
    let (mut lib, right, wrong, other) = invasions();
    let ids = |lib: &mut Library, f: TimelineFilter| -> Vec<String> {
        let mut a: Vec<String> = lib.library_timeline(&f).unwrap().events.into_iter().map(|e| e.event.article_id).collect();
        a.dedup();
        a
    };
    lib.create_highlight(&NewHighlight {
        article_id: other.clone(),
        start: 0,
        end: 11,
        color: Default::default(),
        note: String::new(),
        tags: vec!["Iraq".into()],
    })
    .unwrap();
    assert_eq!(ids(&mut lib, TimelineFilter { tag: Some("iraq".into()), ..Default::default() }), [other.as_str()]);
    assert_eq!(ids(&mut lib, TimelineFilter { search: "steppe".into(), ..Default::default() }), [wrong.as_str()], "the article's title");
    assert_eq!(ids(&mut lib, TimelineFilter { search: "fuel".into(), ..Default::default() }), [other.as_str()], "the article's text");
    assert_eq!(
        ids(&mut lib, TimelineFilter { article_ids: vec![right.clone(), wrong.clone()], ..Default::default() }),
        [right.clone(), wrong.clone()]
    );
    assert_eq!(
        ids(&mut lib, TimelineFilter { from: Some("2002".into()), to: Some("2003-03".into()), ..Default::default() }),
        [other.as_str()]
    );
    assert_eq!(
        ids(&mut lib, TimelineFilter { from: Some("2001-10-15".into()), ..Default::default() }),
        [right.clone(), other.clone(), wrong.clone()],
        "an event reaching into the range is in it"
    );

    // A disagreement shows when one of its events is in the filter, with all of them.
    let t = lib.library_timeline(&TimelineFilter { article_ids: vec![wrong], ..Default::default() }).unwrap();
    assert_eq!(t.disagreements.len(), 1);
    assert_eq!(t.disagreements[0].events.len(), 2);
    let tagged = lib.library_timeline(&TimelineFilter { tag: Some("iraq".into()), ..Default::default() }).unwrap();
    assert!(tagged.disagreements.is_empty());
    assert_eq!(tagged.articles[0].tags, ["Iraq"], "as the reader wrote it");
    assert!(!tagged.events[0].highlighted, "“The schools” is in another sentence than the invasion of Iraq");
    lib.create_highlight(&NewHighlight {
        article_id: other.clone(),
        start: 42,
        end: 59,
        color: Default::default(),
        note: String::new(),
        tags: vec![],
    })
    .unwrap();
    let marked = lib.library_timeline(&TimelineFilter { article_ids: vec![other], ..Default::default() }).unwrap();
    assert!(marked.events[0].highlighted, "a highlight on the clause “the United States invaded Iraq” marks its event");

    let bad = lib.library_timeline(&TimelineFilter { from: Some("next spring".into()), ..Default::default() }).unwrap_err();
    assert!(bad.to_string().contains("“from” date “next spring” is not a date"), "{bad}");
}

#[test]
fn timelines_are_made_once_and_then_read_from_the_store() {
    let (mut lib, right, ..) = invasions();
    assert_eq!(lib.extract_missing_timelines().unwrap(), 3);
    assert_eq!(lib.extract_missing_timelines().unwrap(), 0);
    // The reader's changes to the stored events show on the library's timeline.
    let id = lib.events(&right).unwrap()[0].id.clone();
    lib.set_event_hidden(&id, true).unwrap();
    let t = lib.library_timeline(&TimelineFilter::default()).unwrap();
    assert!(t.events.iter().all(|e| e.event.id != id));
    assert!(t.disagreements.is_empty(), "the hidden event disagrees with nobody");
    assert_eq!(lib.extract_missing_timelines().unwrap(), 0);
}

const COUNTRIES: &[&str] =
    &["Ardenia", "Belmora", "Corvania", "Dunholt", "Estravia", "Falkmere", "Gorsland", "Hollin", "Istria Minor", "Jorvel"];
const ACTIONS: &[(&str, &str)] = &[
    ("signed a trade treaty with", "treaty"),
    ("closed its border with", "border"),
    ("sent an envoy to", "envoy"),
    ("declared war on", "war"),
    ("opened a railway to", "railway"),
];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

#[test]
fn a_thousand_generated_articles_that_agree_on_their_dates_raise_no_flag() {
    // Forty events, each with one date; every article mentions some of them,
    // at the precision it likes (a year, a month or a day of that month).
    let facts: Vec<(String, i32, usize)> = (0..40)
        .map(|k| {
            // Each pair of countries once: "A sent an envoy to B" and "B sent
            // an envoy to A" would be read as one event (participants are a set).
            let (a, b) = (COUNTRIES[k % 10], COUNTRIES[(k % 10 + k / 10 + 1) % 10]);
            let (verb, _) = ACTIONS[k % ACTIONS.len()];
            (format!("{a} {verb} {b}"), 1850 + (k as i32) * 4, k % MONTHS.len())
        })
        .collect();
    let mut lib = Library::open_in_memory().unwrap();
    for n in 0..1000usize {
        let mut text = String::from("A report from the archive. ");
        for j in 0..3 {
            let (what, year, month) = &facts[(n * 7 + j * 13) % facts.len()];
            let when = match (n + j) % 3 {
                0 => format!("In {year}"),
                1 => format!("In {} {year}", MONTHS[*month]),
                _ => format!("On {} {} {year}", 3 + month, MONTHS[*month]),
            };
            text.push_str(&format!("{when}, {what}. The papers wrote little about it. "));
        }
        add(&mut lib, &format!("Archive report {n}"), &text, "2020-01-01");
    }
    let t = lib.library_timeline(&TimelineFilter::default()).unwrap();
    assert_eq!(t.events.len(), 3000, "every generated event is on the timeline");
    assert!(t.disagreements.is_empty(), "{:#?}", t.disagreements.iter().take(2).collect::<Vec<_>>());

    // One more article that moves one of those events by a decade is flagged.
    let (what, year, _) = &facts[5];
    let moved = add(&mut lib, "A confused memoir", &format!("In {}, {what}. Nobody remembers why.", year + 10), "2020-01-01");
    let t = lib.library_timeline(&TimelineFilter::default()).unwrap();
    assert_eq!(t.disagreements.len(), 1, "{:#?}", t.disagreements.iter().map(|d| &d.key).collect::<Vec<_>>());
    assert!(t.disagreements[0].events.iter().any(|e| e.event.article_id == moved));
}

/// Every group kept in `event_readings` (disagreeing or not), as sets of
/// event ids with their key and flag.
fn kept_groups(lib: &mut Library) -> std::collections::BTreeSet<(String, bool, Vec<String>)> {
    lib.refresh_timeline_groups().unwrap();
    let mut stmt = lib
        .conn()
        .prepare("SELECT component, group_key, disagree, event_id FROM event_readings WHERE group_key IS NOT NULL ORDER BY event_id")
        .unwrap();
    let mut by: std::collections::BTreeMap<String, (String, bool, Vec<String>)> = Default::default();
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, String>(3)?))).unwrap();
    for row in rows {
        let (component, key, disagree, id) = row.unwrap();
        by.entry(component).or_insert_with(|| (key, disagree, Vec::new())).2.push(id);
    }
    by.into_values().collect()
}

/// The same groups made from scratch over the whole library.
fn groups_from_scratch(lib: &Library) -> std::collections::BTreeSet<(String, bool, Vec<String>)> {
    let mut all = lib.library_events(None).unwrap();
    crate::timeline::library::sort_events(&mut all);
    crate::timeline::agreement::groups(&all)
        .into_iter()
        .map(|g| {
            let mut ids: Vec<String> = g.members.iter().map(|&i| all[i].event.id.clone()).collect();
            ids.sort();
            (g.key, g.disagree, ids)
        })
        .collect()
}

#[test]
fn groups_kept_per_article_equal_a_grouping_from_scratch_after_every_kind_of_change() {
    // Every date within one window of years of every other: each change regroups its whole bucket.
    kept_groups_follow_every_change(0x5eed, |k| 1800 + 5 * k as i32 % 40);
}

#[test]
fn groups_kept_equal_a_grouping_from_scratch_when_changes_are_regrouped_within_windows_of_years() {
    // Dates 15 years apart over two centuries: links chain from window to
    // window, a removed date can split a chain, a new one can join two.
    kept_groups_follow_every_change(0xd1ce, |k| 1800 + 15 * (k as i32 % 14));
    kept_groups_follow_every_change(0xfeed, |k| 1790 + 20 * (k as i32 % 10));
}

/// Ninety random changes of every kind to a generated library, the kept
/// groups compared with a grouping from scratch after each; `year` makes a
/// date from a random number.
fn kept_groups_follow_every_change(start: u64, year: fn(usize) -> i32) {
    const PLACES: &[&str] = &["Ostmere", "Pellanor", "Quessary", "Rovenna"];
    const DEEDS: &[&str] = &["sent envoys to", "closed the border with", "signed a treaty with"];
    let mut seed: u64 = start;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut lib = Library::open_in_memory().unwrap();
    let mut live: Vec<String> = Vec::new();
    let mut changes = [0usize; 6];
    let (mut most_groups, mut most_disagreeing) = (0, 0);
    for step in 0..90 {
        // Imports are as likely as all other changes together: the library grows.
        let op = if live.len() < 3 { 0 } else { next(10).saturating_sub(4) };
        match op {
            0 => {
                // Import: two or three dated sentences about pairs of places, in either order.
                let mut text = String::from("Letters from the coast. ");
                for _ in 0..2 + next(2) {
                    let (a, b) = (next(4), next(4));
                    let b = if a == b { (b + 1) % 4 } else { b };
                    let year = year(next(1000));
                    text.push_str(&format!("In {year}, {} {} {}. The harbour was quiet. ", PLACES[a], DEEDS[next(3)], PLACES[b]));
                }
                live.push(add(&mut lib, &format!("Letters {step}"), &text, "1900-01-01"));
            }
            1 => {
                let id = live.remove(next(live.len()));
                lib.delete_article(&id).unwrap();
            }
            2 => lib.refresh_events(&live[next(live.len())]).unwrap(),
            3 | 4 => {
                let article = live[next(live.len())].clone();
                let events = lib.events(&article).unwrap();
                if events.is_empty() {
                    continue;
                }
                let e = &events[next(events.len())];
                if op == 3 {
                    lib.update_event(&e.id, Some(&format!("{}", year(next(1000)))), None).unwrap();
                } else {
                    lib.set_event_hidden(&e.id, !e.hidden).unwrap();
                }
            }
            _ => {
                // A label edited to another pair of places moves the event to another bucket.
                let article = live[next(live.len())].clone();
                let events = lib.events(&article).unwrap();
                if events.is_empty() {
                    continue;
                }
                let e = &events[next(events.len())];
                lib.update_event(&e.id, None, Some(&format!("{} sent envoys to {}", PLACES[next(2)], PLACES[2 + next(2)]))).unwrap();
            }
        }
        changes[op] += 1;
        let scratch = groups_from_scratch(&lib);
        most_groups = most_groups.max(scratch.len());
        most_disagreeing = most_disagreeing.max(scratch.iter().filter(|g| g.1).count());
        assert_eq!(kept_groups(&mut lib), scratch, "step {step}, change {op}");
    }
    assert!(changes.iter().all(|&n| n > 0), "every kind of change was tried: {changes:?}");
    assert!(
        most_groups > 3 && most_disagreeing > 0,
        "the generated library had groups ({most_groups}) and disagreements ({most_disagreeing})"
    );
}

#[test]
fn a_library_from_before_the_kept_groups_is_grouped_on_first_open() {
    let (mut lib, ..) = invasions();
    // As after migration 0014 on an existing library: nothing kept yet, every article to read.
    lib.conn().execute_batch("DELETE FROM event_readings; INSERT OR IGNORE INTO timeline_dirty SELECT id FROM articles;").unwrap();
    assert_eq!(lib.refresh_timeline_groups().unwrap(), 3);
    assert_eq!(kept_groups(&mut lib), groups_from_scratch(&lib));
    assert_eq!(lib.refresh_timeline_groups().unwrap(), 0, "nothing changed since");
    // A change of the reading rules reads every article again.
    lib.conn().execute("UPDATE settings SET value = '0' WHERE key = 'timeline.readings_version'", []).unwrap();
    assert_eq!(lib.refresh_timeline_groups().unwrap(), 3);
    assert_eq!(lib.library_timeline(&TimelineFilter::default()).unwrap().disagreements.len(), 1);
}
