//! One self-contained, printable HTML page of notes: inline CSS, no scripts,
//! no outside resources. Quotes and metadata are escaped; notes (Markdown) are
//! rendered and then sanitized, so nothing in a note can run or load.

use std::fmt::Write;

use super::ArticleNotes;
use crate::highlight::{Color, Highlight};
use crate::import::blocks::escape_html;

const STYLE: &str = "body{font:16px/1.55 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em;margin:1.5em 0 .2em}h2{font-size:1.15em;margin-top:2em}\
.meta{color:#555;font-size:.9em;margin:0 0 1.5em}\
blockquote{margin:1.2em 0 .3em;padding:.2em .9em;border-left:.35em solid;white-space:pre-wrap}\
.c-yellow{border-color:#e0b400;background:#fff8d6}.c-green{border-color:#3a9d3a;background:#e5f6e5}\
.c-blue{border-color:#3a72c4;background:#e3edfa}.c-pink{border-color:#d14d8b;background:#fbe6f0}\
.c-purple{border-color:#7d4fc4;background:#eee6fa}\
.tags{font-size:.85em;color:#555}.note{margin:.3em 0 1em .9em}\
article{break-after:page}@media print{body{margin:0;max-width:none}blockquote{break-inside:avoid}}";

pub fn render(notes: &[ArticleNotes]) -> String {
    let title = match notes {
        [one] => one.article.summary.title.clone(),
        _ => "Sidenote notes".to_owned(),
    };
    let mut out = String::from("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape_html(&title, &mut out);
    let _ = write!(out, "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n");
    for n in notes {
        article(&mut out, n);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn article(out: &mut String, n: &ArticleNotes) {
    let s = &n.article.summary;
    out.push_str("<article>\n<h1>");
    escape_html(&s.title, out);
    out.push_str("</h1>\n<p class=\"meta\">");
    let mut parts: Vec<String> = Vec::new();
    for part in [s.byline.clone(), s.site.clone(), s.published.map(|p| p.to_string())].into_iter().flatten() {
        let mut escaped = String::new();
        escape_html(&part, &mut escaped);
        parts.push(escaped);
    }
    if let Some(url) = &s.source_url {
        let mut escaped = String::new();
        escape_html(url, &mut escaped);
        parts.push(escaped);
    }
    out.push_str(&parts.join(" · "));
    out.push_str("</p>\n");
    if n.highlights.is_empty() {
        out.push_str("<p><em>No highlights.</em></p>\n");
    }
    let mut orphans_started = false;
    // A book's highlights go under their chapters' headings.
    let mut chapter = None;
    for h in &n.highlights {
        if h.orphaned && !orphans_started {
            orphans_started = true;
            out.push_str("<h2>Highlights that lost their place</h2>\n");
        }
        let now = n.chapter_of(h);
        if let Some(c) = now.filter(|_| now != chapter) {
            out.push_str("<h2 class=\"chapter\">");
            escape_html(&c.title, out);
            out.push_str("</h2>\n");
        }
        chapter = now;
        highlight(out, h, &n.images);
    }
    out.push_str("</article>\n");
}

fn highlight(out: &mut String, h: &Highlight, images: &[super::images::NoteImage]) {
    let _ = write!(out, "<blockquote class=\"c-{}\">", css_class(h.color));
    escape_html(&h.exact, out);
    for image in images.iter().filter(|i| i.highlight_id == h.id) {
        out.push_str("<img src=\"");
        escape_html(&image.src, out);
        out.push_str("\" alt=\"");
        escape_html(&image.alt, out);
        let _ = write!(out, "\" width=\"{}\" height=\"{}\" style=\"display:block;max-width:100%;height:auto\">", image.width, image.height);
    }
    out.push_str("</blockquote>\n<p class=\"tags\">");
    out.push_str(h.color.as_str());
    for t in &h.tags {
        out.push_str(" · #");
        escape_html(t, out);
    }
    // Ids are letters, digits and dashes: nothing in the link needs escaping.
    let _ = writeln!(out, " · <a href=\"{}\">Open in Sidenote</a></p>", crate::links::highlight_link(&h.article_id, &h.id));
    let note = note_html(&h.note);
    if !note.is_empty() {
        out.push_str("<div class=\"note\">");
        out.push_str(&note);
        out.push_str("</div>\n");
    }
}

fn css_class(c: Color) -> &'static str {
    c.as_str()
}

/// A Markdown note as safe HTML: rendered, then stripped of anything that
/// could run or load (scripts, handlers, images, styles).
fn note_html(note: &str) -> String {
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, pulldown_cmark::Parser::new(note));
    let mut builder = ammonia::Builder::default();
    builder.rm_tags(["img"]).link_rel(Some("noopener noreferrer"));
    builder.clean(&raw).to_string().trim_end().to_owned()
}
