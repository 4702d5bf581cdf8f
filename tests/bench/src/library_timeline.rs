//! The library's timeline at scale (issue 20): a generated library of
//! articles that each mention dated events of a shared pool of facts (some
//! articles misdate one), its timelines made and stored once, then the
//! whole-library query with grouping and disagreement detection, the
//! grouping alone, and the query again after one more import; the
//! single-article timeline is the comparison.

use std::path::Path;

use sidenote_core::model::{Extracted, SourceKind};
use sidenote_core::timeline::disagreeing_groups;
use sidenote_core::timeline::TimelineFilter;
use sidenote_core::{Library, NewArticle};

use crate::row::{Better, Row};
use crate::synth::Rng;
use crate::timing::{median, time_ms};
use crate::{BenchError, Config};

const ARTICLES: usize = 10_000;
const EVENTS_PER_ARTICLE: usize = 50;
const GROUP: &str = "Library timeline (10,000 articles, 500,000 events)";

const PLACES: &[&str] = &[
    "Ardenia",
    "Belmora",
    "Corvania",
    "Dunholt",
    "Estravia",
    "Falkmere",
    "Gorsland",
    "Hollin",
    "Istria",
    "Jorvel",
    "Kestmark",
    "Lorvain",
    "Mirecourt",
    "Norhaven",
    "Ostmere",
    "Pellanor",
    "Quessary",
    "Rovenna",
    "Saltmarch",
    "Tervia",
];
const ACTIONS: &[&str] = &[
    "signed a trade treaty with",
    "closed its border with",
    "sent an envoy to",
    "declared war on",
    "opened a railway to",
    "recalled its ambassador from",
];
const MONTHS: &[&str] =
    &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn text(rng: &mut Rng, misdate: bool) -> String {
    let mut out = String::from("A report from the archives of the northern provinces.\n\n");
    for k in 0..EVENTS_PER_ARTICLE {
        // A pool of 20 × 19 × 6 facts, each with its own year (1700–2019).
        let a = rng.range(0, PLACES.len());
        let b = (a + 1 + rng.range(0, PLACES.len() - 1)) % PLACES.len();
        let act = rng.range(0, ACTIONS.len());
        let fact = (a * PLACES.len() + b) * ACTIONS.len() + act;
        let mut year = 1700 + (fact * 7919) % 320;
        if misdate && k == 0 {
            year += 10;
        }
        let month = MONTHS[fact % 12];
        let when = match rng.range(0, 3) {
            0 => format!("In {year}"),
            1 => format!("In {month} {year}"),
            _ => format!("On {} {month} {year}", 1 + fact % 28),
        };
        out.push_str(&format!("{when}, {} {} {}. ", PLACES[a], ACTIONS[act], PLACES[b]));
    }
    out.push('\n');
    out
}

fn article(rng: &mut Rng, n: usize, misdate: bool) -> NewArticle {
    let body = text(rng, misdate);
    NewArticle {
        extracted: Extracted {
            title: format!("Archive report {n}"),
            html: format!("<p data-o=\"0\">{body}</p>"),
            text: body,
            published: Some("2020-01-01".parse().expect("a date")),
            ..Default::default()
        },
        source_kind: SourceKind::Text,
        source_url: None,
        raw: None,
        encoding: None,
    }
}

pub fn run(cfg: &Config) -> Result<Vec<Row>, BenchError> {
    let path = cfg.work.join("library-timeline.sqlite3");
    std::fs::create_dir_all(&cfg.work).map_err(|e| BenchError::io(&cfg.work, e))?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut rng = Rng::new(2020);
    let mut lib = Library::open_file(&path)?;
    let mut first = String::new();
    for n in 0..ARTICLES {
        // One article in a hundred misdates its first event by a decade.
        let a = lib.insert_article(article(&mut rng, n, n % 100 == 7))?;
        if n == 0 {
            first = a.summary.id;
        }
    }
    let (made, make_ms) = time_ms(|| lib.extract_missing_timelines());
    made?;
    let mut rows = vec![Row::new(GROUP, "Make and store every article's timeline (once, then read from the store)", "s")
        .info(make_ms / 1000.0, Better::Lower)
        .note(format!("{ARTICLES} articles of {EVENTS_PER_ARTICLE} dated sentences, extracted and written once"))];
    // The first open after the events are made groups the whole library
    // (as after the migration of an existing library, or new grouping rules).
    let (regrouped, rebuild_ms) = time_ms(|| lib.refresh_timeline_groups());
    let regrouped = regrouped?;
    rows.push(
        Row::new(GROUP, "Group the whole library from scratch and keep the groups (first open, migration)", "ms")
            .ours(rebuild_ms, Better::Lower, Some(2000.0))
            .note(format!("{regrouped} articles' labels read, bucketed, grouped and written to event_readings")),
    );
    rows.extend(query(&mut lib, &first)?);
    rows.extend(crate::timeline_windows::rows(&mut lib, GROUP)?);
    drop(lib);
    rows.extend(after_import(&path, &mut rng)?);
    Ok(rows)
}

fn query(lib: &mut Library, one: &str) -> Result<Vec<Row>, BenchError> {
    let mut whole = Vec::new();
    let mut events = 0;
    let mut flagged = 0;
    for _ in 0..3 {
        let (t, ms) = time_ms(|| lib.library_timeline(&TimelineFilter::default()));
        let t = t?;
        events = t.events.len();
        flagged = t.disagreements.len();
        whole.push(ms);
    }
    let mut single = Vec::new();
    for _ in 0..7 {
        let (r, ms) = time_ms(|| lib.events(one));
        r?;
        single.push(ms);
    }
    let all = lib.library_timeline(&TimelineFilter::default())?.events;
    let mut grouping = Vec::new();
    for _ in 0..3 {
        let (g, ms) = time_ms(|| disagreeing_groups(&all));
        flagged = flagged.max(g.len());
        grouping.push(ms);
    }
    let per_event = median(&single) / EVENTS_PER_ARTICLE as f64;
    Ok(vec![
        Row::new(GROUP, "Whole-library timeline: read, sort, kept groups, flag disagreements", "ms")
            .ours(median(&whole), Better::Lower, Some(2000.0))
            .peer("single-article timeline × articles", Some(per_event * events as f64))
            .note(format!(
                "median of 3; {events} events, {flagged} disagreements; the comparison is one article's stored timeline per event, scaled"
            )),
        Row::new(GROUP, "Grouping and disagreement detection alone", "ms")
            .ours(median(&grouping), Better::Lower, Some(2000.0))
            .note("median of 3, over the events already read"),
        Row::new(GROUP, "One article's stored timeline (the comparison)", "ms").info(median(&single), Better::Lower).note("median of 7"),
    ])
}

/// One more import, then the kept groups brought up to date (the
/// incremental budget) and the library timeline opened again.
fn after_import(path: &Path, rng: &mut Rng) -> Result<Vec<Row>, BenchError> {
    let mut lib = Library::open_file(path)?;
    lib.refresh_timeline_groups()?;
    let mut imports = Vec::new();
    let mut updates = Vec::new();
    let mut opens = Vec::new();
    let mut overviews = Vec::new();
    let mut flagged = 0;
    for n in 0..5 {
        let new = article(rng, ARTICLES + n, true);
        // Import, and make its timeline (the app does both when it opens).
        let (r, ms) = time_ms(|| -> Result<usize, BenchError> {
            lib.insert_article(new)?;
            Ok(lib.extract_missing_timelines()?)
        });
        assert_eq!(r?, 1, "the new article's timeline was made");
        imports.push(ms);
        let (r, ms) = time_ms(|| lib.refresh_timeline_groups());
        assert_eq!(r?, 1, "one article's groups brought up to date");
        updates.push(ms);
        let (t, ms) = time_ms(|| lib.library_timeline(&TimelineFilter::default()));
        flagged = t?.disagreements.len();
        opens.push(ms);
        // What the Timeline tab asks for first now (its events come a window at a time).
        let (o, ms) = time_ms(|| lib.timeline_overview(&TimelineFilter::default()));
        o?;
        overviews.push(ms);
    }
    Ok(vec![
        Row::new(GROUP, "After one import: update the kept groups (incremental)", "ms")
            .ours(median(&updates), Better::Lower, Some(50.0))
            .note(format!(
                "median of 5 imports of {EVENTS_PER_ARTICLE} events, each touching ~{EVENTS_PER_ARTICLE} of 190 dense buckets (~2,600 events each); each new event joined to the sets it links to (one row read per set, changed rows written); max {:.1} ms; the import with its extraction median {:.0} ms",
                updates.iter().cloned().fold(0.0, f64::max),
                median(&imports)
            )),
        Row::new(GROUP, "After one import: the library timeline again (read all events and kept groups; CLI and export)", "ms")
            .ours(median(&opens), Better::Lower, Some(2000.0))
            .note(format!("median of 5; {flagged} disagreements")),
        Row::new(GROUP, "After one import: the Timeline tab's overview again (counts, extent, disagreements)", "ms")
            .ours(median(&overviews), Better::Lower, Some(2000.0))
            .note("median of 5; the groups already brought up to date by the row above"),
    ])
}
