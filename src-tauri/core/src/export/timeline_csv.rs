//! The timeline as CSV: `date,precision,label,quote,article,error`, one row
//! per visible event in date order, quoted per RFC 4180 (CRLF line ends).
//! `error` holds the chronology warnings the reader confirmed as real errors
//! in the text (empty otherwise).
//!
//! `date` is the TIMEX3 value in an ISO-like form (decades `199X`, centuries
//! `19XX`, ranges `2003/2006`); `precision` says how much of it is known.

use super::readwise_csv::field;
use super::{timeline_rows, ArticleNotes};

pub const HEADER: [&str; 6] = ["date", "precision", "label", "quote", "article", "error"];

pub fn render(notes: &[ArticleNotes]) -> String {
    let mut out = String::new();
    row(&mut out, &HEADER);
    for (n, e) in timeline_rows(notes) {
        let value = e.timex();
        let precision = value.precision().map_or("unknown", |p| p.as_str());
        let errors = e.confirmed_errors().map(|w| w.message.as_str()).collect::<Vec<_>>().join("; ");
        row(&mut out, &[&value.iso(), precision, &e.label, &e.exact, &n.article.summary.title, &errors]);
    }
    out
}

fn row(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    out.push_str("\r\n");
}
