use std::collections::HashSet;

use crate::highlight::NewHighlight;
use crate::store::library_timeline::tests::add;
use crate::store::Library;
use crate::timeline::window::{bucket_of, MAX_PAGE};
use crate::timeline::{LibraryEvent, TimelineFilter};

const TOWNS: &[&str] = &["Harwick", "Pellby", "Strand Mere", "Oakhollow", "Vantry", "Greyford"];
const DEEDS: &[&str] = &["opened a canal to", "held a fair with", "quarrelled over grazing with", "built a bridge towards"];
const MONTHS: &[&str] = &["March", "June", "September", "December"];

/// A small library of our own sentences: dates given to the day, the
/// month, the year and the decade, from the seventeenth century on.
fn library(articles: usize) -> (Library, Vec<String>) {
    let mut lib = Library::open_in_memory().unwrap();
    let mut ids = Vec::new();
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    for n in 0..articles {
        let mut text = String::from("Notes kept by the parish clerk.\n\n");
        for _ in 0..8 {
            let (a, b) = (next(TOWNS.len()), next(TOWNS.len()));
            let deed = DEEDS[next(DEEDS.len())];
            let year = 1620 + next(400);
            let when = match next(4) {
                0 => format!("In {year}"),
                1 => format!("In {} {year}", MONTHS[next(4)]),
                2 => format!("On {} {} {year}", 1 + next(27), MONTHS[next(4)]),
                _ => format!("In the {}0s", year / 10),
            };
            text.push_str(&format!("{when}, {} {deed} {}. ", TOWNS[a], TOWNS[b]));
        }
        let id = add(&mut lib, &format!("Parish notes {n}"), &text, "2024-01-01");
        ids.push(id);
    }
    (lib, ids)
}

/// Every page of a window, read `page` events at a time.
fn all_pages(lib: &Library, filter: &TimelineFilter, from: f64, to: f64, page: u32) -> Vec<LibraryEvent> {
    let mut out = Vec::new();
    loop {
        let w = lib.timeline_window(filter, from, to, out.len() as u32, page).unwrap();
        assert_eq!(w.offset as usize, out.len());
        let done = w.events.is_empty() || out.len() + w.events.len() >= w.total as usize;
        out.extend(w.events);
        if done {
            assert_eq!(out.len(), w.total as usize, "the pages add up to the total");
            return out;
        }
    }
}

fn ids_of(events: &[LibraryEvent]) -> Vec<&str> {
    events.iter().map(|e| e.event.id.as_str()).collect()
}

/// The exact count per slice: each event in the slice holding its midpoint.
fn exact_density(all: &[LibraryEvent], lo: f64, hi: f64, buckets: u32) -> Vec<u32> {
    let mut expected = vec![0u32; buckets as usize];
    for e in all {
        if let Some(k) = bucket_of((e.from + e.to) / 2.0, lo, hi, buckets) {
            expected[k] += 1;
        }
    }
    expected
}

#[test]
fn the_density_sums_to_the_events_of_the_filter_and_each_slice_holds_its_midpoints() {
    let (mut lib, _) = library(40);
    let all = lib.library_timeline(&TimelineFilter::default()).unwrap().events;
    assert!(all.len() > 200, "{} events", all.len());
    assert!(all.iter().any(|e| e.to - e.from > 5.0), "a decade among them");
    let o = lib.timeline_overview(&TimelineFilter::default()).unwrap();
    assert_eq!(o.total as usize, all.len());
    assert_eq!(o.articles, 40);
    let lo = all.iter().map(|e| e.from).fold(f64::INFINITY, f64::min);
    let hi = all.iter().map(|e| e.to).fold(f64::NEG_INFINITY, f64::max);
    assert_eq!((o.from, o.to), (Some(lo), Some(hi)));
    // Slices of a year or more come from the counts per 1/16 year: exact in
    // sum, and each slice off only by events whose midpoint is within a
    // cell of one of its edges.
    let cell = 1.0 / 16.0;
    for buckets in [1, 7, 64, 333] {
        let d = lib.timeline_density(&TimelineFilter::default(), lo, hi, buckets).unwrap();
        assert_eq!(d.counts.len(), buckets as usize);
        assert_eq!(d.counts.iter().map(|&c| c as usize).sum::<usize>(), all.len(), "{buckets} slices");
        let expected = exact_density(&all, lo, hi, buckets);
        let width = (hi - lo) / f64::from(buckets);
        for (k, (&got, &exact)) in d.counts.iter().zip(&expected).enumerate() {
            let edges = [lo + width * k as f64, lo + width * (k + 1) as f64];
            let near = all.iter().filter(|e| edges.iter().any(|x| ((e.from + e.to) / 2.0 - x).abs() <= cell)).count();
            assert!(got.abs_diff(exact) as usize <= near, "{buckets} slices, slice {k}: {got} against {exact}, {near} near its edges");
        }
    }
    // Narrower slices are counted exactly, from the events themselves.
    let (a, b) = (1800.0, 1850.0);
    let d = lib.timeline_density(&TimelineFilter::default(), a, b, 100).unwrap();
    assert_eq!(d.counts, exact_density(&all, a, b, 100));
    // A part of the span counts only the midpoints inside it (to within a cell at its ends).
    let d = lib.timeline_density(&TimelineFilter::default(), a, b, 10).unwrap();
    let inside = all.iter().filter(|e| (a..=b).contains(&((e.from + e.to) / 2.0))).count();
    let at_ends = all.iter().filter(|e| [a, b].iter().any(|x| ((e.from + e.to) / 2.0 - x).abs() <= cell)).count();
    assert!(inside > 0);
    assert!((d.counts.iter().sum::<u32>() as usize).abs_diff(inside) <= at_ends);
}

#[test]
fn the_counts_per_cell_follow_every_change_and_the_full_rebuild() {
    // Kept by triggers on each insert, move and delete, and counted afresh
    // by the rebuild: the whole-library density always sums to the total.
    let (mut lib, ids) = library(12);
    let whole = |lib: &mut Library| {
        let all = lib.library_timeline(&TimelineFilter::default()).unwrap().events;
        let o = lib.timeline_overview(&TimelineFilter::default()).unwrap();
        assert_eq!(o.total as usize, all.len());
        let d = lib.timeline_density(&TimelineFilter::default(), 1000.0, 2100.0, 110).unwrap();
        assert_eq!(d.counts.iter().sum::<u32>() as usize, all.len());
        all.len()
    };
    let before = whole(&mut lib);
    let event = lib.events(&ids[0]).unwrap().remove(0);
    lib.update_event(&event.id, Some("1066"), None).unwrap();
    assert_eq!(whole(&mut lib), before);
    lib.delete_article(&ids[1]).unwrap();
    let fewer = whole(&mut lib);
    assert!(fewer < before);
    add(&mut lib, "A later note", "In May 1912 Harwick held a fair with Pellby.", "2024-01-01");
    assert_eq!(whole(&mut lib), fewer + 1);
    // As after a change of the grouping rules: nothing kept, every article
    // to read again. The rebuild counts the cells afresh (here from none).
    lib.conn()
        .execute_batch(
            "DELETE FROM event_readings; DELETE FROM timeline_cells;
             INSERT OR IGNORE INTO timeline_dirty (article_id) SELECT id FROM articles",
        )
        .unwrap();
    assert_eq!(whole(&mut lib), fewer + 1);
    let triggers: i64 = lib
        .conn()
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'timeline_points'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(triggers, 3, "the rebuild made the cells' triggers again");
}

#[test]
fn a_window_holds_exactly_the_events_that_reach_into_it_in_date_order_page_by_page() {
    let (mut lib, _) = library(30);
    let all = lib.library_timeline(&TimelineFilter::default()).unwrap().events;
    lib.timeline_overview(&TimelineFilter::default()).unwrap();
    for (from, to) in [(1700.0, 1701.0), (1755.25, 1790.5), (1600.0, 2100.0), (1923.0, 1923.01), (1000.0, 1100.0)] {
        let expected: HashSet<&str> = all.iter().filter(|e| e.to > from && e.from < to).map(|e| e.event.id.as_str()).collect();
        let pages = all_pages(&lib, &TimelineFilter::default(), from, to, 7);
        let got: HashSet<&str> = ids_of(&pages).into_iter().collect();
        assert_eq!(got.len(), pages.len(), "no event twice across pages");
        assert_eq!(got, expected, "window {from}–{to}");
        assert!(pages.windows(2).all(|p| p[0].from < p[1].from || (p[0].from == p[1].from && p[0].to >= p[1].to)), "date order");
        let one = lib.timeline_window(&TimelineFilter::default(), from, to, 0, MAX_PAGE).unwrap();
        assert_eq!(ids_of(&one.events), ids_of(&pages), "one page is the pages joined");
        let titles: HashSet<&str> = one.events.iter().map(|e| e.event.article_id.as_str()).collect();
        assert_eq!(one.articles.iter().map(|a| a.id.as_str()).collect::<HashSet<_>>(), titles, "the page's articles");
    }
}

#[test]
fn windows_overviews_and_densities_follow_the_filters_and_the_changes() {
    let (mut lib, ids) = library(25);
    lib.create_highlight(&NewHighlight {
        article_id: ids[3].clone(),
        start: 0,
        end: 5,
        color: Default::default(),
        note: String::new(),
        tags: vec!["Canals".into()],
    })
    .unwrap();
    let filters = [
        TimelineFilter { tag: Some("Canals".into()), ..Default::default() },
        TimelineFilter { search: "bridge towards".into(), ..Default::default() },
        TimelineFilter { search: "Parish notes 12".into(), ..Default::default() },
        TimelineFilter { article_ids: vec![ids[0].clone(), ids[9].clone()], ..Default::default() },
        TimelineFilter { from: Some("1800".into()), to: Some("1850-06".into()), ..Default::default() },
        TimelineFilter { search: "Oakhollow".into(), from: Some("1700".into()), ..Default::default() },
    ];
    let check = |lib: &mut Library| {
        for f in &filters {
            let old = lib.library_timeline(f).unwrap();
            let o = lib.timeline_overview(f).unwrap();
            assert!(!old.events.is_empty(), "{f:?}");
            assert_eq!(o.total as usize, old.events.len(), "{f:?}");
            assert_eq!(o.articles as usize, old.articles.len(), "{f:?}");
            same_disagreements(&o.disagreements, &old.disagreements);
            let (from, to) = (o.from.unwrap(), o.to.unwrap());
            let w = all_pages(lib, f, from, to, 50);
            let expected: HashSet<&str> = ids_of(&old.events).into_iter().collect();
            assert_eq!(ids_of(&w).into_iter().collect::<HashSet<_>>(), expected, "{f:?}");
            // Each page says which of its events are in a disagreeing group, and which group.
            let page = lib.timeline_window(f, from, to, 0, MAX_PAGE).unwrap();
            let flagged: HashSet<(String, String)> = page.disagreeing.iter().map(|d| (d.event_id.clone(), d.key.clone())).collect();
            let in_groups: HashSet<(String, String)> = old
                .disagreements
                .iter()
                .flat_map(|d| d.events.iter().map(|e| (e.event.id.clone(), d.key.clone())))
                .filter(|(id, _)| expected.contains(id.as_str()))
                .collect();
            assert_eq!(flagged, in_groups, "{f:?}");
            let d = lib.timeline_density(f, from, to, 20).unwrap();
            assert_eq!(d.counts.iter().sum::<u32>() as usize, old.events.len(), "{f:?}");
        }
    };
    let full = lib.library_timeline(&TimelineFilter::default()).unwrap().disagreements;
    assert!(!full.is_empty(), "the generated library has disagreements");
    // A verdict on an event the sample would not pick by itself is shown with its group.
    let d = full.iter().max_by_key(|d| d.events.len()).unwrap();
    let marked = d.events.iter().map(|e| e.event.id.clone()).max().unwrap();
    lib.set_disagreement_verdict(&d.key, Some(&crate::timeline::DisagreementVerdict::Right { event_id: marked })).unwrap();
    check(&mut lib);
    // An event hidden, an article deleted: the points follow on the next overview.
    let before = lib.timeline_overview(&TimelineFilter::default()).unwrap().total;
    let first = lib.library_timeline(&TimelineFilter::default()).unwrap().events[0].event.id.clone();
    lib.set_event_hidden(&first, true).unwrap();
    let deleted = lib.library_timeline(&TimelineFilter { article_ids: vec![ids[5].clone()], ..Default::default() }).unwrap().events.len();
    lib.delete_article(&ids[5]).unwrap();
    let after = lib.timeline_overview(&TimelineFilter::default()).unwrap().total;
    assert_eq!(after as usize, before as usize - 1 - deleted);
    check(&mut lib);
}

#[test]
fn windows_densities_and_pages_out_of_bounds_are_refused() {
    let (lib, _) = library(1);
    let f = TimelineFilter::default();
    assert!(lib.timeline_window(&f, 2000.0, 1990.0, 0, 10).is_err());
    assert!(lib.timeline_window(&f, f64::NAN, 1990.0, 0, 10).is_err());
    assert!(lib.timeline_window(&f, 1990.0, 2000.0, 0, 0).is_err());
    assert!(lib.timeline_window(&f, 1990.0, 2000.0, 0, MAX_PAGE + 1).is_err());
    assert!(lib.timeline_density(&f, 1990.0, 2000.0, 0).is_err());
    assert!(lib.timeline_density(&f, 1990.0, 2000.0, 5000).is_err());
    assert!(lib.timeline_density(&f, -20_000.0, 2000.0, 10).is_err());
    let bad = TimelineFilter { from: Some("the spring".into()), ..Default::default() };
    assert!(lib.timeline_window(&bad, 1990.0, 2000.0, 0, 10).is_err());
}

/// The overview's disagreements are the full ones with a sample of their
/// events: one per date given (and the one marked right), the total kept.
fn same_disagreements(sampled: &[crate::timeline::Disagreement], full: &[crate::timeline::Disagreement]) {
    assert_eq!(sampled.len(), full.len());
    for (s, f) in sampled.iter().zip(full) {
        assert_eq!((&s.key, s.kind, &s.verdict, s.total), (&f.key, f.kind, &f.verdict, f.events.len() as u32));
        let all: HashSet<&str> = ids_of(&f.events).into_iter().collect();
        assert!(ids_of(&s.events).iter().all(|id| all.contains(id)), "a sample of the group's events");
        let dates = |es: &[LibraryEvent]| es.iter().map(|e| (e.from.to_bits(), e.to.to_bits())).collect::<HashSet<_>>();
        assert_eq!(dates(&s.events), dates(&f.events), "every date given is shown");
    }
}

#[test]
fn the_compact_window_keeps_each_events_article_place_date_and_passage() {
    let (mut lib, _) = library(6);
    let filter = TimelineFilter::default();
    // The overview makes the timelines and their points.
    lib.timeline_overview(&filter).unwrap();
    let full = lib.timeline_window(&filter, 1600.0, 2030.0, 0, 40).unwrap();
    let marks = crate::timeline::WindowMarks::from(full.clone());
    assert_eq!((marks.total, marks.offset, marks.events.len()), (full.total, full.offset, full.events.len()));
    assert!(full.events.len() > 8, "{} events", full.events.len());
    for (m, e) in marks.events.iter().zip(&full.events) {
        let article = &marks.articles[m.article as usize];
        assert_eq!((article.id.as_str(), article.title.as_str()), (e.event.article_id.as_str(), e.article_title.as_str()));
        assert_eq!((m.id.as_str(), m.from, m.to, m.start, m.end), (e.event.id.as_str(), e.from, e.to, e.event.start, e.event.end));
        assert_eq!(
            (m.date.as_str(), m.label.as_str(), m.precision),
            (e.event.date.label.as_str(), e.event.label.as_str(), e.event.date.precision)
        );
        let open: Vec<&str> = e
            .event
            .warnings
            .iter()
            .filter(|w| w.mark != Some(crate::timeline::WarningMark::Dismissed))
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(m.warnings, open);
    }
    // Several articles, each listed once.
    let ids: HashSet<&str> = marks.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), marks.articles.len());
    assert!(ids.len() > 1);
}

#[test]
fn the_overview_so_far_shows_the_timelines_made_and_makes_none() {
    let (mut lib, _) = library(3);
    let before = lib.timeline_overview(&TimelineFilter::default()).unwrap();
    let late = add(
        &mut lib,
        "A late arrival",
        "In June 1911, Harwick opened a canal to Pellby. In 1915, Vantry held a fair with Greyford.",
        "2024-01-01",
    );
    assert_eq!(lib.missing_timelines().unwrap(), vec![late.clone()]);
    let so_far = lib.timeline_overview_so_far(&TimelineFilter::default()).unwrap();
    assert_eq!((so_far.total, so_far.articles), (before.total, before.articles), "the new article's events are not made yet");
    assert_eq!(lib.missing_timelines().unwrap(), vec![late], "and the overview did not make them");
    // Once made (the app does it outside its lock), the next overview shows them.
    assert_eq!(lib.extract_missing_timelines().unwrap(), 1);
    let after = lib.timeline_overview_so_far(&TimelineFilter::default()).unwrap();
    assert_eq!((after.total, after.articles), (before.total + 2, before.articles + 1));
}

#[test]
fn the_compact_overview_keeps_each_disagreements_claims() {
    let mut lib = Library::open_in_memory().unwrap();
    add(&mut lib, "Harbour", "In October 2001, the United States invaded Afghanistan.", "2024-01-01");
    add(&mut lib, "Steppe", "When the United States invaded Afghanistan in October 2011, the border closed.", "2024-01-01");
    let full = lib.timeline_overview(&TimelineFilter::default()).unwrap();
    assert_eq!(full.disagreements.len(), 1, "{full:?}");
    let compact = crate::timeline::OverviewClaims::from(full.clone());
    assert_eq!((compact.total, compact.articles, compact.from, compact.to), (full.total, full.articles, full.from, full.to));
    let (d, c) = (&full.disagreements[0], &compact.disagreements[0]);
    assert_eq!((&c.key, c.kind, &c.label, c.total, &c.verdict), (&d.key, d.kind, &d.label, d.total, &d.verdict));
    let claims: Vec<(&str, &str, &str, &str)> =
        c.claims.iter().map(|x| (x.event_id.as_str(), x.article_title.as_str(), x.date.as_str(), x.label.as_str())).collect();
    let events: Vec<(&str, &str, &str, &str)> = d
        .events
        .iter()
        .map(|e| (e.event.id.as_str(), e.article_title.as_str(), e.event.date.label.as_str(), e.event.label.as_str()))
        .collect();
    assert_eq!(claims, events);
    assert_eq!(c.claims.iter().map(|x| x.date.as_str()).collect::<Vec<_>>(), ["October 2001", "October 2011"]);
}
