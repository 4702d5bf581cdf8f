//! The page read as a sequence of text blocks, to check and complete the main
//! content extraction: the densest run of prose (the article when the
//! extraction found none or picked the wrong box), the headline that anchors
//! it, and the standfirst between the headline and the body, which pages often
//! keep outside the body's box.

use dom_query::{Document, NodeRef};

use super::clutter::{named_in, text_reason, Shape};
use super::clutter_words::lexicon;

/// Containers whose text is never the article. (Not `noscript`: a stray
/// open tag in one can hold the rest of the page, and some blogs put their
/// posts there for readers without scripts.)
const SKIPPED: &[&str] =
    &["script", "style", "template", "label", "svg", "math", "select", "button", "iframe", "object", "textarea", "head", "nav"];

/// Elements that make a block of their own.
const BLOCKISH: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
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
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "pre",
    "address",
    "details",
    "summary",
    "center",
];

/// How many blocks after the headline may hold the standfirst.
pub const STANDFIRST_WINDOW: usize = 12;

/// One block of the page's text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Its HTML as the page has it (a run of inline content in a `<p>`);
    /// written only for the blocks an article can take (see [`Page::read`]).
    html: Option<String>,
    pub shape: Shape,
    pub tag: &'static str,
    /// Inside a footer or aside: page furniture around the article.
    pub aside: bool,
    /// Positive for prose, negative for furniture.
    pub score: f64,
}

impl Block {
    /// A paragraph a reader would call part of an article.
    pub fn is_prose(&self) -> bool {
        self.score > 0.0
    }

    /// Its first 60 characters, to find it again in extracted text.
    pub fn probe(&self) -> &str {
        let text = &self.shape.text;
        &text[..text.char_indices().nth(60).map_or(text.len(), |(i, _)| i)]
    }

    /// Its HTML: present for every block of the densest run, of the densest
    /// run of a story after a possible headline, and of the standfirst window.
    pub fn html(&self) -> &str {
        debug_assert!(self.html.is_some(), "the HTML of a block no article can take was asked for");
        self.html.as_deref().unwrap_or("")
    }
}

/// What a block is made of in the page: one block element, or a run of
/// inline content.
enum Nodes<'d> {
    Element(NodeRef<'d>),
    Run(Vec<NodeRef<'d>>),
}

impl Nodes<'_> {
    fn html(&self) -> String {
        match self {
            Nodes::Element(node) => node.html().to_string(),
            Nodes::Run(run) => {
                let mut html = String::from("<p>");
                for n in run {
                    if n.is_text() {
                        super::blocks::escape_html(&n.text(), &mut html);
                    } else if n.is_element() {
                        html.push_str(&n.html());
                    }
                }
                html.push_str("</p>");
                html
            }
        }
    }
}

/// The page's blocks in document order.
pub struct Page {
    pub blocks: Vec<Block>,
}

impl Page {
    /// Reads the page's blocks. Their HTML is written only where an article
    /// can be made of them (a page's HTML written out whole cost as much as
    /// reading its text): the densest run of prose, and after every block
    /// that could be the headline (an h1 or h2 of at most 40 words, see
    /// [`Self::headline`]) the densest run of its story and the standfirst
    /// window.
    pub fn read(doc: &Document) -> Page {
        let mut walk = Walk { page: Page { blocks: Vec::new() }, nodes: Vec::new() };
        if let Some(body) = doc.body() {
            walk.walk(&body, false);
        }
        let Walk { mut page, nodes } = walk;
        let mut wanted = vec![false; page.blocks.len()];
        let mut want = |range: Option<(usize, usize)>| {
            if let Some((from, to)) = range {
                wanted[from..=to].iter_mut().for_each(|w| *w = true);
            }
        };
        want(page.densest(0));
        let headlines = page.blocks.iter().enumerate().filter(|(_, b)| matches!(b.tag, "h1" | "h2") && b.shape.words <= 40);
        for (h, _) in headlines {
            want(page.densest_in_story(h + 1));
            let last = (h + STANDFIRST_WINDOW).min(page.blocks.len().saturating_sub(1));
            want((h < last).then_some((h + 1, last)));
        }
        for ((block, nodes), wanted) in page.blocks.iter_mut().zip(&nodes).zip(wanted) {
            if wanted {
                block.html = Some(nodes.html());
            }
        }
        page
    }

    /// The maximum-sum run of block scores from `from` on (inclusive bounds).
    /// A first-level heading ends a run: pages that list several stories give
    /// each its own.
    pub fn densest(&self, from: usize) -> Option<(usize, usize)> {
        self.densest_in(from, self.blocks.len())
    }

    /// [`Self::densest`] within the story that follows block `from` (up to the
    /// next first-level heading).
    pub fn densest_in_story(&self, from: usize) -> Option<(usize, usize)> {
        let end = self.blocks.iter().skip(from).position(|b| b.tag == "h1").map_or(self.blocks.len(), |p| p + from);
        self.densest_in(from, end)
    }

    fn densest_in(&self, from: usize, end: usize) -> Option<(usize, usize)> {
        let (mut best, mut best_range) = (0.0, None);
        let (mut sum, mut start) = (0.0, from);
        for (i, b) in self.blocks.iter().enumerate().take(end).skip(from) {
            if b.tag == "h1" {
                sum = 0.0;
                continue;
            }
            if sum <= 0.0 {
                sum = 0.0;
                start = i;
            }
            sum += b.score;
            if sum > best {
                best = sum;
                best_range = Some((start, i));
            }
        }
        best_range
    }

    /// Prose words in blocks `range`.
    pub fn prose_words(&self, range: (usize, usize)) -> usize {
        self.blocks[range.0..=range.1].iter().filter(|b| b.is_prose()).map(|b| b.shape.words).sum()
    }

    /// The headline: the first h1 (else h2) that matches the page's title best.
    pub fn headline(&self, title: &str) -> Option<usize> {
        let title_words = word_set(title);
        if title_words.is_empty() {
            return None;
        }
        let mut best: Option<(f64, usize)> = None;
        for level in ["h1", "h2"] {
            for (i, b) in self.blocks.iter().enumerate().filter(|(_, b)| b.tag == level && b.shape.words <= 40) {
                let words = word_set(&b.shape.text);
                let shared = words.iter().filter(|w| title_words.contains(w)).count() as f64;
                let score = shared / words.len().max(title_words.len()).max(1) as f64;
                if score >= 0.5 && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, i));
                }
            }
            if best.is_some() {
                break;
            }
        }
        best.map(|(_, i)| i)
    }
}

/// The walk over the page that finds its blocks, with what each is made of.
struct Walk<'d> {
    page: Page,
    nodes: Vec<Nodes<'d>>,
}

impl<'d> Walk<'d> {
    fn walk(&mut self, parent: &NodeRef<'d>, aside: bool) {
        // Inline content between blocks is a block of its own.
        let mut run: Vec<NodeRef<'d>> = Vec::new();
        for child in parent.children() {
            if let Some(name) = known_name(&child) {
                if SKIPPED.contains(&name) || (name == "form" && !is_page_form(&child)) {
                    continue;
                }
                if BLOCKISH.contains(&name) {
                    self.run(std::mem::take(&mut run), aside);
                    let aside = aside || matches!(name, "footer" | "aside");
                    if child.descendants_it().any(|d| named_in(&d, BLOCKISH)) {
                        self.walk(&child, aside);
                    } else {
                        let shape = Shape::of(&child);
                        self.push(Nodes::Element(child), shape, name, aside);
                    }
                    continue;
                }
            }
            run.push(child);
        }
        self.run(run, aside);
    }

    fn run(&mut self, run: Vec<NodeRef<'d>>, aside: bool) {
        if run.is_empty() {
            return;
        }
        let mut text = String::new();
        let mut linked = 0usize;
        for n in &run {
            if n.is_text() {
                text.push_str(&n.text());
            } else if n.is_element() {
                let t = super::clutter::collapsed_text(n);
                if n.has_name("a") {
                    linked += t.chars().count();
                }
                text.push(' ');
                text.push_str(&t);
                text.push(' ');
            }
        }
        let text = crate::words::collapse(&text);
        if text.is_empty() {
            return;
        }
        let chars = text.chars().count();
        self.push(Nodes::Run(run), Shape::from_text(text, linked as f64 / chars as f64), "p", aside);
    }

    fn push(&mut self, nodes: Nodes<'d>, shape: Shape, tag: &'static str, aside: bool) {
        if shape.words == 0 {
            return;
        }
        let score = score(&shape, tag, aside);
        self.page.blocks.push(Block { html: None, shape, tag, aside, score });
        self.nodes.push(nodes);
    }
}

/// The name of an element the walk treats apart (skipped, a block, a form),
/// read in place: most elements of a page are none of these.
fn known_name(node: &NodeRef) -> Option<&'static str> {
    let q = node.qual_name_ref()?;
    SKIPPED.iter().chain(BLOCKISH).chain(&["form"]).find(|n| **n == &*q.local).copied()
}

/// A form wrapping the page (as some site builders do) rather than a box of
/// fields: it holds paragraphs.
fn is_page_form(form: &NodeRef) -> bool {
    form.descendants_it().filter(|d| d.has_name("p")).nth(2).is_some()
}

fn word_set(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    w.sort();
    w.dedup();
    w
}

/// Positive for prose, negative for furniture; roughly words either way.
fn score(s: &Shape, tag: &str, aside: bool) -> f64 {
    let w = s.words as f64;
    let furniture = lexicon().and_then(|lex| text_reason(lex, s)).is_some();
    let mut score = if furniture {
        -4.0 - w * 0.5
    } else if s.link_density > 0.5 {
        -2.0 - w * s.link_density
    } else if s.words >= 10 && s.sentence_end() {
        w * (1.0 - s.link_density)
    } else if s.words >= 25 {
        w * 0.5 * (1.0 - s.link_density)
    } else if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        0.0
    } else if s.sentence_end() && s.words >= 4 {
        -0.5
    } else {
        -2.0
    };
    if aside && score > 0.0 {
        score *= 0.3;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_densest_run_is_the_article_and_the_headline_is_found() {
        let html = "<html><body><nav><a href=/>Home</a><a href=/n>News</a></nav>\
            <ul><li><a href=/a>Storm closes the pier at dawn</a></li><li><a href=/b>A new ferry for the island</a></li></ul>\
            <h1>The ferry waits for the fog</h1>\
            <p>The ferry to the northern islands left an hour late on Tuesday, after the crew waited for the fog to lift.</p>\
            <div>Passengers said the delay was worth it: by noon the sea was calm and the island could be seen from the deck.</div>\
            <p>Share</p><footer><p>Copyright The Gazette. All rights reserved.</p></footer></body></html>";
        let page = Page::read(&Document::from(html));
        let (a, b) = page.densest(0).unwrap();
        assert!(page.blocks[a].shape.text.starts_with("The ferry to the northern"), "{:?}", page.blocks[a].shape.text);
        assert!(page.blocks[b].shape.text.starts_with("Passengers said"), "{:?}", page.blocks[b].shape.text);
        let h = page.headline("The ferry waits for the fog | The Gazette").unwrap();
        assert_eq!(page.blocks[h].shape.text, "The ferry waits for the fog");
        assert!(page.headline("Something else entirely").is_none());
    }
}
