//! The timeline as TimelineJS JSON: `{"title": slide, "events": [slide...]}`,
//! each visible event a slide whose `start_date`/`end_date` carry only the
//! fields its precision knows (a month has no `day`), a decade or century
//! spans its first to last year, and `display_date` reads as the sidebar does.
//! Slides from several articles are grouped by article title.

use serde::Serialize;

use super::{timeline_rows, ArticleNotes};
use crate::error::{Error, Result};
use crate::import::blocks::escape_html;
use crate::timex::DateParts;

#[derive(Debug, Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Slide>,
}

#[derive(Debug, Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

/// `year` is astronomical (499 BC is -498), as TimelineJS (JavaScript's
/// `Date`) counts years.
#[derive(Debug, Serialize)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u32>,
}

impl From<DateParts> for Date {
    fn from(p: DateParts) -> Self {
        Date { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute }
    }
}

/// TimelineJS renders `text` as HTML, so ours is escaped.
#[derive(Debug, Serialize)]
struct Text {
    headline: String,
    text: String,
}

fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html(s, &mut out);
    out
}

/// The quote, and any error in the text the reader confirmed.
fn slide_text(e: &crate::timeline::TimelineEvent) -> String {
    let mut text = format!("<blockquote>{}</blockquote>", html(&e.exact));
    for w in e.confirmed_errors() {
        text.push_str(&format!("<p><strong>Error in the text:</strong> {}</p>", html(&w.message)));
    }
    text
}

pub fn render(notes: &[ArticleNotes]) -> Result<String> {
    let grouped = notes.len() > 1;
    let events = timeline_rows(notes)
        .into_iter()
        .filter_map(|(n, e)| {
            // TimelineJS needs a year to place a slide; values off the calendar are left out.
            let (first, last) = e.timex().endpoints()?;
            Some(Slide {
                start_date: Some(first.into()),
                end_date: (last != first).then(|| last.into()),
                display_date: Some(e.date.label.clone()),
                text: Text { headline: html(&e.label), text: slide_text(e) },
                group: grouped.then(|| html(&n.article.summary.title)),
                unique_id: Some(format!("event-{}", e.id)),
            })
        })
        .collect();
    let title = match notes {
        [one] => {
            let s = &one.article.summary;
            let by = [s.byline.as_deref(), s.site.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            Text { headline: html(&s.title), text: html(&by) }
        }
        _ => Text { headline: "Sidenote timeline".into(), text: format!("{} articles", notes.len()) },
    };
    let timeline = Timeline {
        title: Slide { start_date: None, end_date: None, display_date: None, text: title, group: None, unique_id: None },
        events,
    };
    let mut text = serde_json::to_string_pretty(&timeline).map_err(|e| Error::Invalid(format!("cannot encode the timeline: {e}")))?;
    text.push('\n');
    Ok(text)
}
