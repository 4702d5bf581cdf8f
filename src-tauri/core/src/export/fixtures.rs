//! Our own small notes library for the export tests, with fixed ids and dates
//! so the output can be compared byte for byte.

use super::ArticleNotes;
use crate::highlight::{Color, Highlight};
use crate::model::{Article, ArticleNote, ArticleSummary, SourceKind};
use crate::timeline::{ChronologyWarning, Evidence, TimelineEvent, WarningKind, WarningMark};
use crate::timex::TimexKind;

pub const BEES_TEXT: &str = "Beekeeping in the Hills\n\n\
The hives stood on the south slope, where the heather flowered late.\n\n\
Each autumn the keeper weighed the boxes by hand, and a light box meant \"feed them sugar, quickly\".";

pub const FERRY_TEXT: &str = "The ferry ran twice a day; in winter, only on Saturdays.";

fn article(id: &str, title: &str, text: &str, byline: Option<&str>, url: Option<&str>, imported: &str) -> Article {
    Article {
        summary: ArticleSummary {
            id: id.into(),
            title: title.into(),
            byline: byline.map(Into::into),
            site: url.map(|_| "Hill Notes".into()),
            source_url: url.map(Into::into),
            source_kind: if url.is_some() { SourceKind::Url } else { SourceKind::Text },
            published: url.map(|_| "2019-08".parse().expect("a valid date")),
            imported_at: imported.into(),
            lang: Some("en".into()),
            word_count: crate::model::word_count(text),
            highlight_count: 0,
            progress: None,
        },
        dir: None,
        content_hash: String::new(),
        html: text
            .split("\n\n")
            .scan(0usize, |o, block| {
                let html = format!("<p data-o=\"{o}\">{}</p>", block.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;"));
                *o += block.chars().count() + 2;
                Some(html)
            })
            .collect(),
        text: text.into(),
        toc: Vec::new(),
        book: None,
        position: None,
    }
}

fn highlight(article: &Article, id: &str, quote: &str, color: Color, note: &str, tags: &[&str], created: &str) -> Highlight {
    let byte = article.text.find(quote).expect("the quote is in the fixture");
    let start = article.text[..byte].chars().count() as u32;
    let end = start + quote.chars().count() as u32;
    let chars: Vec<char> = article.text.chars().collect();
    let (s, e) = (start as usize, end as usize);
    Highlight {
        id: id.into(),
        article_id: article.summary.id.clone(),
        start,
        end,
        exact: quote.into(),
        prefix: chars[s.saturating_sub(32)..s].iter().collect(),
        suffix: chars[e..(e + 32).min(chars.len())].iter().collect(),
        color,
        note: note.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        orphaned: false,
        created_at: created.into(),
        updated_at: created.into(),
    }
}

/// An event on `quote` (the first occurrence) with a TIMEX3 value.
#[allow(clippy::too_many_arguments)]
fn event(
    article: &Article,
    id: &str,
    quote: &str,
    value: &str,
    value_end: Option<&str>,
    label: &str,
    origin: &str,
    hidden: bool,
) -> TimelineEvent {
    let byte = article.text.find(quote).expect("the quote is in the fixture");
    let start = article.text[..byte].chars().count() as u32;
    TimelineEvent {
        id: id.into(),
        article_id: article.summary.id.clone(),
        origin: origin.into(),
        kind: if value.contains('T') { TimexKind::Time } else { TimexKind::Date },
        value: value.into(),
        value_end: value_end.map(Into::into),
        date: crate::timeline::summarize(value, value_end),
        label: label.into(),
        start,
        end: start + quote.chars().count() as u32,
        exact: quote.into(),
        warnings: Vec::new(),
        hidden,
        user_edited: false,
        orphaned: false,
    }
}

/// The fixture's events: every precision the timeline formats map (day,
/// month, season, decade, century, week, time, a range), one hidden, user
/// events and an extracted one the user corrected.
fn events(bees: &Article, ferry: &Article) -> (Vec<TimelineEvent>, Vec<TimelineEvent>) {
    let mut edited = event(
        ferry,
        "e2000000-0000-4000-8000-000000000003",
        "only on Saturdays",
        "2011-09-03T07:15",
        None,
        "First Saturday-only crossing",
        "extracted",
        false,
    );
    edited.user_edited = true;
    edited.warnings = vec![warning("This date is after the article was published", Some(WarningMark::Error))];
    let bees_events = vec![
        event(
            bees,
            "e1000000-0000-4000-8000-000000000001",
            "The hives stood on the south slope",
            "1987-SP",
            None,
            "Hives moved to the south slope",
            "user",
            false,
        ),
        event(
            bees,
            "e1000000-0000-4000-8000-000000000002",
            "the heather flowered late",
            "2004-08-15",
            None,
            "Late heather",
            "extracted",
            true,
        ),
        event(
            bees,
            "e1000000-0000-4000-8000-000000000003",
            "Each autumn",
            "199X",
            None,
            "The keeper weighed the boxes <by hand>",
            "extracted",
            false,
        ),
        event(
            bees,
            "e1000000-0000-4000-8000-000000000004",
            "a light box",
            "2003",
            Some("2006"),
            "Sugar feeding, \"light box\" years",
            "user",
            false,
        ),
        event(bees, "e1000000-0000-4000-8000-000000000005", "feed them sugar", "2005-06", None, "Sugar in June", "extracted", false),
    ];
    let ferry_events = vec![
        event(ferry, "e2000000-0000-4000-8000-000000000001", "The ferry ran", "18", None, "Ferry service began", "extracted", false),
        event(ferry, "e2000000-0000-4000-8000-000000000002", "twice a day", "2012-W05", None, "Twice-daily timetable", "user", false),
        edited,
    ];
    (bees_events, ferry_events)
}

/// Two articles: one from a URL with three highlights (a note with a line
/// break, a comma and quotes; tags; every kind of escaping) and a note on
/// the whole article, one with none.
pub fn notes() -> Vec<ArticleNotes> {
    let bees = article(
        "0b5e2c1a-7d3f-4e8a-9c11-aa00bb11cc22",
        "Beekeeping in the Hills: a \"light box\"",
        BEES_TEXT,
        Some("M. Orchard"),
        Some("https://hills.example/bees?x=1&y=2"),
        "2026-01-02T10:00:00.000Z",
    );
    let ferry = article("5f0d9e88-1111-4222-8333-944455556666", "Ferry <timetable>", FERRY_TEXT, None, None, "2026-01-03T09:30:00.000Z");
    let h1 = highlight(
        &bees,
        "a1000000-0000-4000-8000-000000000001",
        "where the heather flowered late",
        Color::Green,
        "",
        &["plants"],
        "2026-01-05T08:00:00.000Z",
    );
    let h2 = highlight(
        &bees,
        "a1000000-0000-4000-8000-000000000002",
        "a light box meant \"feed them sugar, quickly\"",
        Color::Pink,
        "Ask about *winter* feeding,\nand about \"fondant\".",
        &["bees", "winter care"],
        "2026-01-05T08:05:30.000Z",
    );
    let h3 = highlight(
        &bees,
        "a1000000-0000-4000-8000-000000000003",
        "The hives",
        Color::Yellow,
        "<script>alert(1)</script>",
        &[],
        "2026-01-06T12:00:00.000Z",
    );
    let (bees_events, ferry_events) = events(&bees, &ferry);
    let remark = ArticleNote {
        id: "c1000000-0000-4000-8000-000000000001".into(),
        article_id: bees.summary.id.clone(),
        note: "Read this beside the *county* register, 1890–1910.".into(),
        created_at: "2026-01-07T09:00:00.000Z".into(),
        updated_at: "2026-01-07T09:10:00.000Z".into(),
    };
    vec![
        ArticleNotes { article: bees, highlights: vec![h3, h1, h2], article_notes: vec![remark], events: bees_events, images: vec![] },
        ArticleNotes { article: ferry, highlights: vec![], article_notes: vec![], events: ferry_events, images: vec![] },
    ]
}

/// A chronology warning with only its sentence (the exports write the
/// sentence and the reader's verdict).
pub fn warning(message: &str, mark: Option<WarningMark>) -> ChronologyWarning {
    ChronologyWarning { kind: WarningKind::AfterPublication, message: message.into(), evidence: Evidence::default(), mark }
}
