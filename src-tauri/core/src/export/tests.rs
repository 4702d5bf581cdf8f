//! Golden-file tests: each format rendered from our own fixture and compared
//! byte for byte with a reviewed file in `golden/`. To accept a deliberate
//! change, run with `SIDENOTE_UPDATE_GOLDEN=1`, then read the diff.

use std::path::PathBuf;

use super::fixtures::{notes, BEES_TEXT};
use super::*;

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/export/golden").join(name);
    if std::env::var_os("SIDENOTE_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run with SIDENOTE_UPDATE_GOLDEN=1)", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

fn sorted() -> Vec<ArticleNotes> {
    // `collect` sorts highlights in text order; the fixture lists them shuffled.
    let mut n = notes();
    for a in &mut n {
        a.highlights.sort_by_key(|h| (h.start, h.end));
    }
    n
}

#[test]
fn markdown_matches_its_golden_file() {
    let out = render(&sorted(), ExportFormat::Md).unwrap();
    golden("notes.md", &out);
    assert!(out.starts_with(
        "---\ntitle: \"Beekeeping in the Hills: a \\\"light box\\\"\"\nauthor: \"M. Orchard\"\nsite: \"Hill Notes\"\n\
         url: \"https://hills.example/bees?x=1&y=2\"\npublished: \"2019-08\"\nimported: \"2026-01-02T10:00:00.000Z\"\n\
         tags:\n  - \"bees\"\n  - \"plants\"\n  - \"winter care\"\n"
    ));
    let link = crate::links::highlight_link("0b5e2c1a-7d3f-4e8a-9c11-aa00bb11cc22", "a1000000-0000-4000-8000-000000000002");
    assert!(out.contains(&format!("> a light box meant \"feed them sugar, quickly\"\n\n*pink* #bees #winter-care · [Open in Sidenote]({link})\n\nAsk about *winter* feeding,\nand about \"fondant\".\n")));
    assert!(
        out.contains("## Timeline\n\n- **Spring 1987** — Hives moved to the south slope\n- **the 1990s** — The keeper weighed the boxes \\<by hand\\>\n\
         - **2003 – 2006** — Sugar feeding, \"light box\" years\n- **June 2005** — Sugar in June\n\n"),
        "visible events in date order, the hidden one left out: {out}"
    );
    let first = out.find("> The hives").unwrap();
    let second = out.find("> where the heather").unwrap();
    assert!(first < second, "text order");
}

#[test]
fn json_matches_its_golden_file_and_is_a_web_annotation_collection() {
    let out = render(&sorted(), ExportFormat::Json).unwrap();
    golden("notes.json", &out);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    // Three highlights, one note on the article, and the five events the
    // user added, corrected or hid.
    assert_eq!(v["total"], 9);
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items[0]["motivation"], "commenting", "a note makes it commenting");
    assert_eq!(items[1]["motivation"], "highlighting");
    assert_eq!(items[1]["body"][0], serde_json::json!({"type": "TextualBody", "value": "plants", "purpose": "tagging"}));
    let sel = &items[1]["target"]["selector"];
    assert_eq!(sel[0]["type"], "TextQuoteSelector");
    assert_eq!(sel[0]["exact"], "where the heather flowered late");
    let start = BEES_TEXT.find("where the heather").unwrap(); // ASCII fixture
    assert_eq!(sel[1], serde_json::json!({"type": "TextPositionSelector", "start": start, "end": start + 31}));
    assert_eq!(v["sidenote:articles"][0]["text"], BEES_TEXT);
    let events: Vec<&serde_json::Value> = items.iter().filter(|a| a["motivation"] == "describing").collect();
    let ids: Vec<&str> = events.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "urn:uuid:e1000000-0000-4000-8000-000000000001",
            "urn:uuid:e1000000-0000-4000-8000-000000000002",
            "urn:uuid:e1000000-0000-4000-8000-000000000004",
            "urn:uuid:e2000000-0000-4000-8000-000000000002",
            "urn:uuid:e2000000-0000-4000-8000-000000000003",
        ],
        "user events, the hidden one and the corrected one; not the untouched extracted ones"
    );
    let spring = events[0];
    assert_eq!(
        spring["body"],
        serde_json::json!([{"type": "TextualBody", "value": "Hives moved to the south slope", "purpose": "describing"}])
    );
    assert_eq!(spring["sidenote:event"]["value"], "1987-SP");
    assert_eq!(spring["sidenote:event"]["origin"], "user");
    assert_eq!(spring["target"]["selector"][1], serde_json::json!({"type": "TextPositionSelector", "start": 25, "end": 59}));
    assert!(spring.get("sidenote:color").is_none());
    assert_eq!(events[1]["sidenote:event"]["hidden"], true);
    assert_eq!(events[2]["sidenote:event"]["valueEnd"], "2006");
    assert_eq!(events[4]["sidenote:event"]["userEdited"], true);
}

#[test]
fn csv_matches_readwise_columns_with_rfc4180_quoting() {
    let out = render(&sorted(), ExportFormat::Csv).unwrap();
    golden("notes.csv", &out);
    let bees_title = "\"Beekeeping in the Hills: a \"\"light box\"\"\"";
    let url = "https://hills.example/bees?x=1&y=2";
    // Location is each highlight's link back to its passage.
    let bees = &sorted()[0];
    let link = |i: usize| crate::links::highlight_link(&bees.article.summary.id, &bees.highlights[i].id);
    let (l0, l1, l2) = (link(0), link(1), link(2));
    assert!(l0.starts_with("sidenote://open/0b5e2c1a-7d3f-4e8a-9c11-aa00bb11cc22#h="), "{l0}");
    let expected = format!(
        "Highlight,Title,Author,URL,Note,Location,Date\r\n\
         The hives,{bees_title},M. Orchard,{url},<script>alert(1)</script>,{l0},2026-01-06 12:00:00\r\n\
         where the heather flowered late,{bees_title},M. Orchard,{url},.plants,{l1},2026-01-05 08:00:00\r\n\
         \"a light box meant \"\"feed them sugar, quickly\"\"\",{bees_title},M. Orchard,{url},\
         \".bees .winter_care\nAsk about *winter* feeding,\nand about \"\"fondant\"\".\",{l2},2026-01-05 08:05:30\r\n"
    );
    assert_eq!(out, expected);
}

#[test]
fn html_is_self_contained_escaped_and_safe() {
    let out = render(&sorted(), ExportFormat::Html).unwrap();
    golden("notes.html", &out);
    assert!(out.contains("<title>Sidenote notes</title>"));
    assert!(out.contains("<h1>Ferry &lt;timetable&gt;</h1>"));
    assert!(out.contains("<blockquote class=\"c-pink\">a light box meant &quot;feed them sugar, quickly&quot;</blockquote>"));
    assert!(out.contains("<em>winter</em>"), "notes are rendered Markdown");
    assert!(!out.contains("<script"), "nothing in a note can run");
    assert!(!out.contains("src=") && !out.contains("<link"), "no outside resources");
}

#[test]
fn folder_export_names_files_stably_one_per_article() {
    let files = render_files(&sorted(), ExportFormat::Md).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["beekeeping-in-the-hills-a-light-box-0b5e2c1a.md", "ferry-timetable-5f0d9e88.md"]);
    assert!(files[1].1.contains("*No highlights.*"));
    let json = render_files(&sorted(), ExportFormat::Json).unwrap();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0].0, "sidenote-notes.json");
}

#[test]
fn timeline_csv_lists_visible_events_in_date_order() {
    let out = render(&sorted(), ExportFormat::TimelineCsv).unwrap();
    golden("timeline.csv", &out);
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(lines[0], "date,precision,label,quote,article,error");
    let dates: Vec<&str> = lines[1..].iter().filter(|l| !l.is_empty()).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(
        dates,
        ["18XX", "1987-SP", "199X", "2003/2006", "2005-06", "2011-09-03T07:15", "2012-W05"],
        "the hidden 2004-08-15 is left out"
    );
    assert!(out.contains("\r\n2003/2006,year,\"Sugar feeding, \"\"light box\"\" years\",a light box,\"Beekeeping in the Hills: a \"\"light box\"\"\",\r\n"), "{out}");
    assert!(out.contains("\r\n18XX,century,Ferry service began,The ferry ran,Ferry <timetable>,\r\n"), "{out}");
    // An error in the text the reader confirmed is in its own column.
    assert!(
        out.contains("\r\n2011-09-03T07:15,time,First Saturday-only crossing,only on Saturdays,Ferry <timetable>,This date is after the article was published\r\n"),
        "{out}"
    );
    assert!(!out.contains("Late heather"));
}

#[test]
fn timeline_json_is_timelinejs_with_dates_at_their_precision() {
    let out = render(&sorted(), ExportFormat::TimelineJson).unwrap();
    golden("timeline.json", &out);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"]["text"]["headline"], "Sidenote timeline");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 7, "the hidden event is left out");
    let by_label = |label: &str| events.iter().find(|e| e["text"]["headline"] == label).unwrap_or_else(|| panic!("{label}"));
    let century = by_label("Ferry service began");
    assert_eq!((&century["start_date"], &century["end_date"]), (&serde_json::json!({"year": 1800}), &serde_json::json!({"year": 1899})));
    assert_eq!(century["display_date"], "the 1800s");
    assert_eq!(century["group"], "Ferry &lt;timetable&gt;", "TimelineJS renders HTML");
    let spring = by_label("Hives moved to the south slope");
    assert_eq!(
        (&spring["start_date"], &spring["end_date"]),
        (&serde_json::json!({"year": 1987, "month": 3}), &serde_json::json!({"year": 1987, "month": 5}))
    );
    let decade = by_label("The keeper weighed the boxes &lt;by hand&gt;");
    assert_eq!((&decade["start_date"]["year"], &decade["end_date"]["year"]), (&serde_json::json!(1990), &serde_json::json!(1999)));
    let month = by_label("Sugar in June");
    assert_eq!(month["start_date"], serde_json::json!({"year": 2005, "month": 6}));
    assert!(month.get("end_date").is_none(), "a single month needs no end");
    let time = by_label("First Saturday-only crossing");
    assert_eq!(time["start_date"], serde_json::json!({"year": 2011, "month": 9, "day": 3, "hour": 7, "minute": 15}));
    let range = by_label("Sugar feeding, &quot;light box&quot; years");
    assert_eq!((&range["start_date"], &range["end_date"]), (&serde_json::json!({"year": 2003}), &serde_json::json!({"year": 2006})));
    assert_eq!(range["text"]["text"], "<blockquote>a light box</blockquote>");
    assert_eq!(range["unique_id"], "event-e1000000-0000-4000-8000-000000000004");

    // One article: its title heads the timeline and there are no groups.
    let one = render(&sorted()[1..], ExportFormat::TimelineJson).unwrap();
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["title"]["text"]["headline"], "Ferry &lt;timetable&gt;");
    assert!(v["events"].as_array().unwrap().iter().all(|e| e.get("group").is_none()));
}

#[test]
fn timeline_formats_write_one_library_file() {
    let files = render_files(&sorted(), ExportFormat::TimelineCsv).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "sidenote-timeline.csv");
    assert_eq!(render_files(&sorted(), ExportFormat::TimelineJson).unwrap()[0].0, "sidenote-timeline.json");
}

#[test]
fn formats_parse_from_their_cli_names() {
    for f in ExportFormat::ALL {
        assert_eq!(f.as_str().parse::<ExportFormat>().unwrap(), f);
    }
    assert_eq!("Markdown".parse::<ExportFormat>().unwrap(), ExportFormat::Md);
    assert_eq!("timeline-csv".parse::<ExportFormat>().unwrap(), ExportFormat::TimelineCsv);
    assert!("timeline".parse::<ExportFormat>().unwrap_err().to_string().contains("timeline-csv or timeline-json"));
    assert_eq!(serde_json::to_string(&ExportFormat::TimelineJson).unwrap(), "\"timeline-json\"", "the UI's name");
}

// A book's notes exported under its chapters: a book built by the test EPUB
// builder, highlights in two of its chapters (and a second one in the
// first), exported as Markdown, HTML and JSON.
mod chapters {
    use sidenote_fuzz_checks::epub_builder::sample_book;

    use super::super::*;
    use crate::highlight::{Color, NewHighlight};
    use crate::import::{load_bytes, Format};
    use crate::model::Outcome;

    fn book_with_highlights(phrases: &[&str]) -> Vec<ArticleNotes> {
        let mut lib = Library::open_in_memory().unwrap();
        let loaded = load_bytes("salt.epub", sample_book(3).build(), Format::Epub).unwrap();
        let Outcome::Imported(book) = lib.import_loaded(loaded).unwrap() else { panic!("a new book") };
        assert!(book.toc.len() >= 3, "the sample book has chapters: {:?}", book.toc);
        for phrase in phrases {
            let at = book.text.find(phrase).unwrap_or_else(|| panic!("{phrase:?} in the book"));
            let start = book.text[..at].chars().count() as u32;
            let end = start + phrase.chars().count() as u32;
            let new =
                NewHighlight { article_id: book.summary.id.clone(), start, end, color: Color::Blue, note: String::new(), tags: vec![] };
            lib.create_highlight(&new).unwrap();
        }
        collect(&mut lib, &[]).unwrap()
    }

    const PHRASES: [&str; 3] = ["the boats lay on the mud", "wrote the number in his book", "built the wall again"];

    #[test]
    fn markdown_puts_a_books_highlights_under_their_chapter_headings() {
        let out = render(&book_with_highlights(&PHRASES), ExportFormat::Md).unwrap();
        let one = out.find("## Chapter One: Low Water\n\n> the boats lay on the mud\n").expect(&out);
        let same_chapter = out.find("> wrote the number in his book\n").unwrap();
        let three = out.find("## Chapter Three: Rebuilding\n\n> built the wall again\n").expect(&out);
        assert!(one < same_chapter && same_chapter < three, "text order, one heading per chapter: {out}");
        assert_eq!(out.matches("## Chapter One").count(), 1, "the second highlight of chapter one adds no heading");
        assert!(!out.contains("## Chapter Two"), "a chapter without highlights has no heading");
        assert!(!out.contains("## The Harbour"), "sections are not chapters");
    }

    #[test]
    fn html_puts_a_books_highlights_under_their_chapter_headings() {
        let out = render(&book_with_highlights(&PHRASES), ExportFormat::Html).unwrap();
        let one = out
            .find("<h2 class=\"chapter\">Chapter One: Low Water</h2>\n<blockquote class=\"c-blue\">the boats lay on the mud")
            .expect(&out);
        let three = out
            .find("<h2 class=\"chapter\">Chapter Three: Rebuilding</h2>\n<blockquote class=\"c-blue\">built the wall again")
            .expect(&out);
        assert!(one < three);
        assert_eq!(out.matches("<h2 class=\"chapter\">").count(), 2, "{out}");
    }

    #[test]
    fn json_records_each_highlights_chapter_and_reads_back() {
        let out = render(&book_with_highlights(&PHRASES), ExportFormat::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let items = v["first"]["items"].as_array().unwrap();
        let chapters: Vec<(&str, &str)> = items
            .iter()
            .filter(|i| i["sidenote:color"].is_string())
            .map(|i| (i["target"]["selector"][0]["exact"].as_str().unwrap(), i["sidenote:chapter"].as_str().unwrap()))
            .collect();
        assert_eq!(
            chapters,
            [
                ("the boats lay on the mud", "Chapter One: Low Water"),
                ("wrote the number in his book", "Chapter One: Low Water"),
                ("built the wall again", "Chapter Three: Rebuilding"),
            ]
        );
        let read: crate::w3c::ReadCollection = serde_json::from_str(&out).unwrap();
        assert_eq!(serde_json::to_string_pretty(&read).unwrap() + "\n", out, "the chapter is part of the model");
    }

    #[test]
    fn an_orphaned_highlight_has_no_chapter_and_stays_with_the_lost_ones() {
        let mut notes = book_with_highlights(&PHRASES);
        notes[0].highlights[2].orphaned = true;
        assert_eq!(notes[0].chapter_of(&notes[0].highlights[2]), None);
        let md = render(&notes, ExportFormat::Md).unwrap();
        assert!(!md.contains("## Chapter Three"), "{md}");
        assert!(md.contains("## Highlights that lost their place\n\n> built the wall again\n"), "{md}");
    }

    #[test]
    fn exports_of_an_article_without_chapters_are_unchanged() {
        // The golden files were written before chapters were exported; an
        // article with no contents renders them byte for byte (tests.rs), and
        // giving it contents is what changes the output.
        let mut notes = crate::export::fixtures::notes();
        for n in &mut notes {
            n.highlights.sort_by_key(|h| (h.start, h.end));
        }
        assert!(notes.iter().all(|n| n.article.toc.is_empty()));
        let golden = |name: &str| std::fs::read_to_string(format!("{}/src/export/golden/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        for (format, name) in [(ExportFormat::Md, "notes.md"), (ExportFormat::Html, "notes.html"), (ExportFormat::Json, "notes.json")] {
            assert_eq!(render(&notes, format).unwrap(), golden(name), "{name}");
        }
        notes[0].article.toc = vec![TocEntry { title: "Part One".into(), level: 1, start: 0 }];
        assert!(render(&notes, ExportFormat::Md).unwrap().contains("## Part One\n\n"));
    }
}
