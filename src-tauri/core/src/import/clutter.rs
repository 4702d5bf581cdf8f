//! Page furniture inside the article container: teasers for other stories,
//! captions and photo credits, subscription and app prompts, share and print
//! widgets, datelines, notices. Recognised by shape (link density, where a
//! block sits, the names the page gives its boxes) and by words
//! ([`super::clutter_words`], data per language), never by site.
//!
//! Each dropped block is kept aside ([`Cleaned::removed`]) and replaced in the
//! HTML by a marker paragraph, so the layout can tell where in the article it
//! stood ([`super::layout`]); the reader can put it back from there.

use dom_query::{Document, NodeData, NodeRef};

use super::clutter_words::{lexicon, opening_in, Kind, Lexicon};
use crate::model::RemovalReason as Reason;

/// Opens and closes a marker paragraph's text: `MARK_OPEN` n `MARK_CLOSE`.
/// The input is cleared of both characters first, so only markers hold them.
pub const MARK_OPEN: char = '\u{FFF9}';
pub const MARK_CLOSE: char = '\u{FFFB}';

/// A block taken out of the article, as the page had it (not yet sanitized).
#[derive(Debug, Clone)]
pub struct Removed {
    pub html: String,
    pub reason: Reason,
}

#[derive(Debug, Default)]
pub struct Cleaned {
    /// The article HTML with a marker paragraph in place of each removed
    /// block ([`clean`]; [`clean_tree`] changes the tree instead).
    #[cfg(test)]
    pub html: String,
    pub removed: Vec<Removed>,
    /// A byline line found (and removed) at the top of the article.
    pub byline: Option<String>,
    /// The text of the first dateline removed ("Updated: 3 May 2021, 10:27").
    pub dateline: Option<String>,
}

/// Elements that make a block of their own (the rest are inline).
const BLOCKISH: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "figure",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "pre",
    "address",
    "details",
    "summary",
    "caption",
];

fn tag(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

/// Whether `node` is an element named in `names` (lower case), read in place.
/// The parser lower-cases every tag name (the camel-case SVG names it
/// restores match no HTML name), so nothing is copied or lower-cased: this
/// runs for every node of every page.
pub fn named_in(node: &NodeRef, names: &[&str]) -> bool {
    node.qual_name_ref().is_some_and(|q| names.contains(&&*q.local))
}

fn is_blockish(node: &NodeRef) -> bool {
    named_in(node, BLOCKISH)
}

fn has_block_descendant(node: &NodeRef) -> bool {
    node.descendants_it().any(|d| is_blockish(&d))
}

/// Elements whose text is never read.
const INVISIBLE: &[&str] = &["script", "style", "template", "label", "svg", "math", "select", "textarea", "button"];

/// Visible text of a node with whitespace collapsed.
pub fn collapsed_text(node: &NodeRef) -> String {
    let mut raw = String::new();
    visible_text(node, &mut raw, None);
    crate::words::collapse(&raw)
}

/// Appends the visible text of `node` to `out`. With `linked`, also adds the
/// characters of the link text in it (each outermost link's text collapsed),
/// measured in the same walk instead of reading every link's text again.
fn visible_text(node: &NodeRef, out: &mut String, mut linked: Option<&mut usize>) {
    enum Kind {
        Text,
        Invisible,
        Link,
        Other,
    }
    // The node read in place (a text node's contents are not copied first).
    let kind = node.query_or(Kind::Other, |n| match &n.data {
        NodeData::Text { contents } => {
            out.push_str(contents);
            Kind::Text
        }
        NodeData::Element(e) if INVISIBLE.contains(&&*e.name.local) => Kind::Invisible,
        NodeData::Element(e) if &*e.name.local == "a" => Kind::Link,
        _ => Kind::Other,
    });
    match kind {
        Kind::Text => {}
        Kind::Invisible => out.push(' '),
        Kind::Link if linked.is_some() => {
            let start = out.len();
            // The link's own count covers the links nested in it.
            for child in node.children_it(false) {
                visible_text(&child, out, None);
            }
            if let Some(linked) = linked {
                *linked += crate::words::collapsed_chars(&out[start..]);
            }
        }
        Kind::Link | Kind::Other => {
            for child in node.children_it(false) {
                visible_text(&child, out, linked.as_deref_mut());
            }
        }
    }
}

/// What a block of text looks like.
#[derive(Debug, Clone)]
pub struct Shape {
    pub text: String,
    /// The text in lower case, made when first asked for (most blocks of a
    /// page are never matched against the lexicon).
    lower: std::cell::OnceCell<String>,
    pub words: usize,
    /// Share of the characters inside links.
    pub link_density: f64,
}

impl Shape {
    /// The shape of a block element (never one whose text is invisible).
    pub fn of(node: &NodeRef) -> Shape {
        let (mut raw, mut linked) = (String::new(), 0);
        visible_text(node, &mut raw, Some(&mut linked));
        let text = crate::words::collapse(&raw);
        let chars = text.chars().count();
        Shape::from_text(text, if chars == 0 { 0.0 } else { linked as f64 / chars as f64 })
    }

    pub fn from_text(text: String, link_density: f64) -> Shape {
        Shape { lower: std::cell::OnceCell::new(), words: crate::words::count(&text), text, link_density }
    }

    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.text.to_lowercase())
    }

    /// Ends like a sentence.
    pub fn sentence_end(&self) -> bool {
        self.text.trim_end().ends_with(['.', '!', '?', '"', '”', '“', '’', '»', '«', ')', '…', ';', '。', '！', '？', '」', '』', '）'])
    }
}

/// Why a block of text, judged alone, is furniture.
pub fn text_reason(lex: &Lexicon, s: &Shape) -> Option<Reason> {
    // Every rule below is for blocks of at most 80 words.
    if s.words == 0 || s.words > 80 {
        return None;
    }
    let finds = lex.finds(s.lower());
    let count = |k: Kind| finds.iter().filter(|f| f.kind == k).count();
    // "Read more: Another story", "» Czytaj też", or the label alone.
    if s.words <= 40 {
        if let Some(end) = opening_in(&finds, s.lower(), Kind::LeadIn) {
            let rest = s.lower()[end..].trim_start();
            let separated = rest.is_empty() || rest.starts_with([':', '|', '»', '›', '>', '–', '—', '-', '/']);
            if separated || (s.link_density >= 0.5 && !s.sentence_end()) {
                return Some(Reason::Related);
            }
        }
    }
    if s.words <= 8 && lex.is_whole_any(s.lower(), &[Kind::Label, Kind::LeadIn]) {
        return Some(Reason::Widget);
    }
    if s.words <= 12 && count(Kind::Reading) > 0 {
        return Some(Reason::Meta);
    }
    if s.words <= 15 && opening_in(&finds, s.lower(), Kind::Dateline).is_some() && s.text.chars().any(|c| c.is_ascii_digit()) {
        return Some(Reason::Meta);
    }
    if s.words <= 80 && count(Kind::Notice) > 0 {
        return Some(Reason::Notice);
    }
    let prompts = count(Kind::Prompt);
    if prompts > 0 && (s.words <= 25 || (prompts >= 2 && s.words <= 60)) {
        return Some(Reason::Prompt);
    }
    if s.words <= 40 && is_credit(lex, s, &finds) {
        return Some(Reason::Caption);
    }
    if s.words <= 3 && count(Kind::Agency) > 0 && !s.sentence_end() {
        // An agency sign-off: "(dpa)", "abc/Reuters".
        return Some(Reason::Meta);
    }
    None
}

/// A photo credit or source line: "Photo: Jane Roe", "(Reuters/Jane Roe)",
/// "Harbour at dusk / Shutterstock".
fn is_credit(lex: &Lexicon, s: &Shape, finds: &[super::clutter_words::Find]) -> bool {
    let lower = s.lower();
    let labelled = finds.iter().any(|f| {
        f.kind == Kind::Credit && {
            let after = lower[f.end..].trim_start();
            after.starts_with(':') || after.starts_with("by ")
        }
    });
    if labelled {
        return true;
    }
    // An agency in the closing brackets or after the last slash.
    let tail = if lower.trim_end().ends_with(')') {
        lower.rfind('(').map(|i| &lower[i..])
    } else {
        lower.rfind('/').map(|i| &lower[i..]).filter(|t| crate::words::count(t) <= 4)
    };
    tail.is_some_and(|t| lex.count(t, Kind::Agency) > 0 || (lex.count(t, Kind::Credit) > 0 && t.contains(':')))
}

/// Why an element, by the name the page gives it, is a box of furniture.
fn class_reason(node: &NodeRef) -> Option<Reason> {
    let mut names = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            names.push(' ');
            names.push_str(&v.to_ascii_lowercase());
        }
    }
    if names.is_empty() {
        return None;
    }
    let tokens: Vec<&str> = names.split(|c: char| !c.is_ascii_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let has = |subs: &[&str]| subs.iter().any(|s| names.contains(s));
    let token = |ts: &[&str]| tokens.iter().any(|t| ts.contains(t));
    if has(&["caption", "credit"]) {
        return Some(Reason::Caption);
    }
    if has(&[
        "related",
        "recommend",
        "morestories",
        "more-stories",
        "readmore",
        "read-more",
        "further-reading",
        "nextstory",
        "next-post",
        "outbrain",
        "taboola",
        "most-read",
        "mostread",
    ]) {
        return Some(Reason::Related);
    }
    if has(&["newsletter", "subscri", "signup", "sign-up", "paywall", "donat", "membership", "optin", "opt-in"]) || token(&["promo", "cta"])
    {
        return Some(Reason::Prompt);
    }
    if has(&["share", "sharing", "social", "toolbar", "bookmark", "breadcrumb"]) || token(&["print", "tags", "follow"]) {
        return Some(Reason::Widget);
    }
    if has(&["disclaimer", "copyright", "disclosure", "licence", "license"]) {
        return Some(Reason::Notice);
    }
    if has(&["byline", "dateline", "timestamp", "author", "posted-on", "entry-meta", "post-meta", "article-meta"])
        || token(&["meta", "date"])
    {
        return Some(Reason::Meta);
    }
    if has(&["advert", "sponsor"]) || token(&["ad", "ads"]) {
        return Some(Reason::Widget);
    }
    None
}

/// Cleans the article HTML (what the main-content extraction returned).
#[cfg(test)]
pub fn clean(content_html: &str) -> Cleaned {
    let doc = Document::from(content_html);
    let mut cleaned = clean_tree(&doc);
    cleaned.html = doc.body().map_or_else(|| content_html.to_owned(), |body| body.inner_html().to_string());
    cleaned
}

/// [`clean`] on the article's parsed tree, changed in place (its `html` is
/// left empty: the layout reads the tree itself).
pub fn clean_tree(doc: &Document) -> Cleaned {
    let (Some(lex), Some(body)) = (lexicon(), doc.body()) else {
        return Cleaned::default();
    };
    let total_words = crate::words::count(&body.text()).max(1);
    let mut cleaner = Cleaner { lex, total_words, out: Cleaned::default(), leaves: Vec::new() };
    cleaner.walk(&body, false);
    cleaner.judge_leaves();
    cleaner.out
}

struct Leaf<'a> {
    node: NodeRef<'a>,
    heading: bool,
    shape: Shape,
    in_figure: bool,
    reason: Option<Reason>,
}

impl Leaf<'_> {
    /// A short run of links that is not a sentence: a teaser for another story.
    fn is_link_teaser(&self) -> bool {
        let s = &self.shape;
        !self.heading && s.link_density >= 0.6 && s.words <= 25 && !s.text.trim_end().ends_with(['.', '!', ';', ','])
    }
}

struct Cleaner<'l, 'd> {
    lex: &'l Lexicon,
    total_words: usize,
    out: Cleaned,
    /// The text blocks, in document order.
    leaves: Vec<Leaf<'d>>,
}

impl<'d> Cleaner<'_, 'd> {
    fn walk(&mut self, parent: &NodeRef<'d>, in_figure: bool) {
        for child in parent.children() {
            self.visit(child, in_figure);
        }
    }

    fn visit(&mut self, child: NodeRef<'d>, in_figure: bool) {
        if !child.is_element() || !is_blockish(&child) {
            return;
        }
        let name = tag(&child);
        let by_name = class_reason(&child);
        let figure = in_figure || matches!(name.as_str(), "figure" | "figcaption") || by_name == Some(Reason::Caption);
        if has_block_descendant(&child) {
            // A box: its text is measured only when its name calls it
            // furniture (measuring every box at every depth read the
            // article's text once per level). A box without words has
            // no leaves either, so walking it changes nothing.
            if let Some(reason) = by_name.filter(|r| *r != Reason::Caption) {
                let shape = Shape::of(&child);
                if shape.words == 0 {
                    return;
                }
                if self.is_small(&shape) {
                    self.remove(&child, reason);
                    return;
                }
            }
            self.walk(&child, figure);
            return;
        }
        let shape = Shape::of(&child);
        if shape.words == 0 {
            return;
        }
        if let Some(reason) = by_name.filter(|r| *r != Reason::Caption && self.is_small(&shape)) {
            self.remove(&child, reason);
            return;
        }
        let heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        self.leaves.push(Leaf { node: child, heading, shape, in_figure: figure, reason: None });
    }

    /// Small enough to go whole when the page names it as furniture (never
    /// a box holding much of the article). Captions are judged by their
    /// words instead (a credit goes, a description stays).
    fn is_small(&self, s: &Shape) -> bool {
        s.words <= 100 && s.words * 5 <= self.total_words * 2
    }

    fn judge_leaves(&mut self) {
        for i in 0..self.leaves.len() {
            let reason = self.leaf_reason(i);
            self.leaves[i].reason = reason;
        }
        self.runs_after_labels();
        self.tail();
        self.orphaned_headings();
        let leaves = std::mem::take(&mut self.leaves);
        for leaf in &leaves {
            if let Some(reason) = leaf.reason {
                self.remove(&leaf.node, reason);
            }
        }
    }

    fn leaf_reason(&mut self, i: usize) -> Option<Reason> {
        let leaf = &self.leaves[i];
        let s = &leaf.shape;
        if let Some(reason) = text_reason(self.lex, s) {
            if reason == Reason::Meta && self.out.dateline.is_none() && s.text.chars().any(|c| c.is_ascii_digit()) {
                self.out.dateline = Some(s.text.clone());
            }
            return Some(reason);
        }
        // A caption's lone label ("Image", "Credit", "Photo").
        if leaf.in_figure && s.words <= 3 && self.lex.is_whole_any(s.lower(), &[Kind::Credit, Kind::Label]) {
            return Some(Reason::Caption);
        }
        if i < 3 && s.words <= 8 {
            if let Some(end) = self.lex.opening(s.lower(), Kind::Byline) {
                let name_part = s.text.get(end..).unwrap_or("").trim();
                if name_part.chars().next().is_some_and(char::is_uppercase) && !s.sentence_end() {
                    self.out.byline.get_or_insert_with(|| name_part.trim_start_matches(':').trim().to_owned());
                    return Some(Reason::Byline);
                }
            }
        }
        None
    }

    /// The teasers listed under a "Related" label or a "Read more:" line.
    fn runs_after_labels(&mut self) {
        let mut i = 0;
        while i < self.leaves.len() {
            let labelled = matches!(self.leaves[i].reason, Some(Reason::Related | Reason::Widget))
                || (self.leaves[i].heading && self.lex.is_whole(self.leaves[i].shape.lower(), Kind::LeadIn));
            if labelled {
                if self.leaves[i].reason.is_none() {
                    self.leaves[i].reason = Some(Reason::Related);
                }
                let mut j = i + 1;
                while j < self.leaves.len() && self.leaves[j].is_link_teaser() {
                    self.leaves[j].reason.get_or_insert(Reason::Related);
                    j += 1;
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// After the last paragraph of the article: links, labels and headings.
    fn tail(&mut self) {
        for leaf in self.leaves.iter_mut().rev() {
            if leaf.reason.is_some() {
                continue;
            }
            let s = &leaf.shape;
            if leaf.is_link_teaser() || (leaf.heading && s.words <= 8) || s.words <= 2 {
                leaf.reason = Some(Reason::Related);
            } else {
                break;
            }
        }
    }

    /// A heading whose section was all removed ("More from the coast" over a
    /// list of links) goes with it.
    fn orphaned_headings(&mut self) {
        for i in 0..self.leaves.len() {
            if !self.leaves[i].heading || self.leaves[i].reason.is_some() || self.leaves[i].shape.words > 8 {
                continue;
            }
            let section: Vec<&Leaf> = self.leaves[i + 1..].iter().take_while(|l| !l.heading).collect();
            if !section.is_empty() && section.iter().all(|l| l.reason.is_some()) {
                self.leaves[i].reason = section[0].reason;
            }
        }
    }

    fn remove(&mut self, node: &NodeRef, reason: Reason) {
        let n = self.out.removed.len();
        self.out.removed.push(Removed { html: node.html().to_string(), reason });
        node.replace_with_html(format!("<p>{MARK_OPEN}{n}{MARK_CLOSE}</p>"));
    }
}

/// The marker number in a block's text, if the text is a marker.
pub fn marker_number(text: &str) -> Option<usize> {
    text.strip_prefix(MARK_OPEN)?.strip_suffix(MARK_CLOSE)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_and_removed(html: &str) -> (String, Vec<(Reason, String)>) {
        let c = clean(html);
        let doc = Document::from(c.html.as_str());
        let kept = crate::words::collapse(&doc.select("body").text());
        let removed =
            c.removed.iter().map(|r| (r.reason, crate::words::collapse(&Document::from(r.html.as_str()).select("body").text()))).collect();
        (kept, removed)
    }

    const PROSE: &str = "<p>The ferry to the northern islands left an hour late on Tuesday, after the crew waited for the fog to lift over the harbour mouth and the pilots agreed the channel was clear.</p>\
        <p>Passengers said the delay was worth it: by noon the sea was calm, and the island of Skarv could be seen from the upper deck for the first time in weeks.</p>";

    #[test]
    fn teasers_prompts_credits_and_datelines_go_in_every_language() {
        let html = format!(
            "<div><p>By Mara Quill</p><p>Updated: 3 May 2021, 10:27</p>{PROSE}\
             <p>Read more: <a href=\"https://n.test/a\">The lighthouse keepers' last winter</a></p>\
             <p><strong>Lea también:</strong> <a href=\"https://n.test/b\">El faro del norte cierra sus puertas</a></p>\
             <p>Czytaj też: Latarnicy z Helu</p>\
             <figure><img src=\"https://n.test/p.jpg\"><figcaption>The harbour at dawn. Photo: Jon Doe</figcaption></figure>\
             <p>The island of Skarv, seen from the ferry (Reuters/Jane Roe)</p>\
             <p>Sign up for our newsletter to get every story in your inbox.</p>\
             <p>© 2021 The Gazette. All rights reserved.</p></div>"
        );
        let (kept, removed) = kept_and_removed(&html);
        assert!(kept.contains("The ferry to the northern islands") && kept.contains("for the first time in weeks."), "{kept}");
        let reasons: Vec<Reason> = removed.iter().map(|r| r.0).collect();
        assert_eq!(
            reasons,
            [
                Reason::Byline,
                Reason::Meta,
                Reason::Related,
                Reason::Related,
                Reason::Related,
                Reason::Caption,
                Reason::Caption,
                Reason::Prompt,
                Reason::Notice
            ],
            "{removed:?}"
        );
        for (_, text) in &removed {
            assert!(!kept.contains(text.as_str()), "{text} kept");
        }
        let c = clean(&html);
        assert_eq!(c.byline.as_deref(), Some("Mara Quill"));
        assert_eq!(c.dateline.as_deref(), Some("Updated: 3 May 2021, 10:27"));
    }

    #[test]
    fn a_related_heading_goes_with_its_list_and_prose_with_links_stays() {
        let html = format!(
            "<div>{PROSE}<p>The <a href=\"https://n.test/c\">port authority</a> said the timetable would return to normal by Friday, weather permitting.</p>\
             <h3>More from the coast</h3><ul><li><a href=\"https://n.test/d\">Storm closes the pier</a></li><li><a href=\"https://n.test/e\">A new ferry for Skarv</a></li></ul></div>"
        );
        let (kept, removed) = kept_and_removed(&html);
        assert!(kept.contains("port authority said the timetable"), "{kept}");
        assert!(!kept.contains("More from the coast") && !kept.contains("Storm closes"), "{kept}");
        assert_eq!(removed.len(), 3, "{removed:?}");
    }

    #[test]
    fn words_in_prose_are_not_furniture() {
        // Prompt and credit words inside real sentences stay.
        let html = "<div><p>The newspaper lost half of its subscribers in a year, and the editor who had built the paper over two decades said the decline had started long before the internet arrived in the valley towns.</p>\
            <p>Her photograph of the flood, taken from the church tower at dawn, was printed on the front page of every paper in the country the next morning.</p></div>";
        let (kept, removed) = kept_and_removed(html);
        assert!(removed.is_empty(), "{removed:?}");
        assert!(kept.contains("subscribers in a year"));
    }

    #[test]
    fn markers_stand_where_blocks_were() {
        let c = clean(&format!(
            "<div>{PROSE}<p>Share</p><p>The last paragraph of the story, which closes the report from the islands.</p></div>"
        ));
        assert_eq!(c.removed.len(), 1);
        let at = c.html.find(MARK_OPEN).unwrap();
        assert!(c.html[..at].contains("upper deck") && c.html[at..].contains("last paragraph"), "{}", c.html);
        assert_eq!(marker_number(&format!("{MARK_OPEN}0{MARK_CLOSE}")), Some(0));
        assert_eq!(marker_number("0"), None);
    }
}
