//! HTML pages to articles: main-content extraction with `dom_smoothie` (a port
//! of Mozilla's Readability), metadata, then sanitizing and layout.

use dom_smoothie::{Config, Readability, ReadabilityError};

use super::clutter::{self, Cleaned, Shape, MARK_CLOSE, MARK_OPEN};
use super::dateline;
use super::layout::{layout_untrusted, layout_untrusted_marked};
use super::region::{self, Page};
use crate::error::{Error, Result};
use crate::model::{word_count, Extracted, RemovedBlock};
use crate::PartialDate;

/// At most this many removed blocks are kept per article, each of at most
/// [`MAX_REMOVED_CHARS`] characters: enough to show what a clean-up took out
/// of any real page, and no way for a hostile page to bloat the library.
pub const MAX_REMOVED_BLOCKS: usize = 200;
pub const MAX_REMOVED_CHARS: usize = 4000;

/// Fewer visible characters than this after extraction means the page holds
/// no article (counted in characters, not words, so CJK pages are fair).
const MIN_ARTICLE_CHARS: usize = 15;

/// Up to this many visible characters, an extraction whose text is nearly all
/// link text is navigation, not an article: Readability falls back to the
/// whole body when nothing scores, which on the shell of a page that builds
/// its article with a script (before the script runs) is its menus.
const NAVIGATION_MAX_CHARS: usize = 400;

/// Why a page with no paragraph of prose is refused.
const NO_PROSE: &str = "no article was found on the page: it holds no paragraph of text, only links (menus or an index) and labels. \
     A page that builds its article with a script can be saved from the browser with the Sidenote extension";

/// Extracts the article of a page. `url` (when known) resolves relative links.
pub fn extract_html(decoded: &str, url: Option<&str>, what: &str) -> Result<Extracted> {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let no_article = |reason: &str| Error::NoArticle { what: what.into(), reason: reason.into() };
    // The marker characters of the clean-up belong to it alone.
    let unmarked;
    // (Two searches for one character each: memchr, where a search for
    // either of two characters reads the page a character at a time.)
    let decoded = if decoded.contains(MARK_OPEN) || decoded.contains(MARK_CLOSE) {
        unmarked = decoded.replace([MARK_OPEN, MARK_CLOSE], "");
        unmarked.as_str()
    } else {
        decoded
    };
    // Responsive and lazy pictures name their real image outside `src`:
    // resolved in the parsed page the extraction reads.
    let doc = dom_query::Document::from(decoded);
    super::responsive::resolve_in(&doc);
    // Classes are kept for the clean-up, which reads the names of boxes; the
    // sanitizer drops them afterwards.
    let config = Config { max_elements_to_parse: 200_000, keep_classes: true, ..Default::default() };
    let mut reader =
        Readability::with_document(doc, url, Some(config)).map_err(|_| no_article("the page address is not a valid absolute URL"))?;
    // `parse` rewrites the document, so page-level facts are read first.
    let PageFacts { first_heading, time_published } = page_facts(&reader.doc);
    let page = Page::read(&reader.doc);
    let page_title = reader.get_article_title().to_string();
    let parsed = match reader.parse() {
        Ok(article) => Some(article),
        Err(ReadabilityError::TooManyElements(found, _)) => {
            return Err(no_article(&format!("the page is too complex to read ({found} elements)")));
        }
        Err(_) => None,
    };
    let found = parsed.as_ref().map(|a| Body::of(&a.content));
    let headline = page.headline(parsed.as_ref().map_or(page_title.as_str(), |a| a.title.as_str()));
    let body = match choose(&page, headline, found.as_ref()) {
        Choice::Extracted => {
            let article: &str = parsed.as_ref().map_or("", |a| &a.content);
            match standfirst(&page, headline, found.as_ref()) {
                Some(lead) => Body::of(&format!("{lead}{article}")),
                None => found.unwrap_or_else(|| Body::of("")),
            }
        }
        Choice::Region(from, to) => Body::of(&page.blocks[from..=to].iter().map(region::Block::html).collect::<String>()),
        Choice::Nothing(reason) => return Err(no_article(&reason)),
    };
    let Body { cleaned, text, html, markers, links_only } = body;
    let removed = removed_blocks(&cleaned, &markers);
    let visible = visible_chars(&text);
    if visible < MIN_ARTICLE_CHARS {
        let words = word_count(&text);
        return Err(no_article(&format!("no article was found on the page (only {words} words of text outside menus and page furniture)")));
    }
    if links_only {
        return Err(no_article(
            "no article was found on the page, only links (menus or an index). A page that builds its article with a script \
             can be saved from the browser with the Sidenote extension",
        ));
    }
    let title =
        parsed.as_ref().and_then(|a| clean(&a.title)).or_else(|| clean(&page_title)).or_else(|| clean(&first_heading)).unwrap_or_default();
    let meta = parsed.as_ref();
    // The byline: the page's metadata, a "By ..." line the clean-up took out,
    // or the bio line that closes the article.
    let byline = meta
        .and_then(|a| a.byline.as_deref())
        .and_then(clean)
        .filter(|b| b.chars().count() <= 200)
        .or(cleaned.byline.clone())
        .or_else(|| text.rsplit("\n\n").take(3).find_map(super::bio::bio_name));
    // The date: the metadata, a <time> element, else a dateline the page shows
    // (taken out by the clean-up, or near the headline).
    let published = meta
        .and_then(|a| a.published_time.as_deref())
        .and_then(parse_date)
        .and_then(super::published::plausible_now)
        .or(time_published)
        .or_else(|| cleaned.dateline.as_deref().and_then(dateline::find_date))
        .or_else(|| visible_dateline(&page, headline));
    Ok(Extracted {
        title,
        byline,
        site: meta.and_then(|a| a.site_name.as_deref()).and_then(clean),
        published,
        lang: meta.and_then(|a| a.lang.as_deref()).and_then(clean),
        dir: meta.and_then(|a| a.dir.as_deref()).map(str::to_ascii_lowercase).filter(|d| d == "ltr" || d == "rtl"),
        text,
        html,
        removed,
    })
}

/// A date printed in a short line near the headline.
fn visible_dateline(page: &Page, headline: Option<usize>) -> Option<PartialDate> {
    let h = headline?;
    let near = page.blocks.iter().enumerate().skip(h.saturating_sub(4)).take(14).filter(|(i, _)| *i != h);
    near.filter(|(_, b)| b.shape.words <= 15).find_map(|(_, b)| dateline::find_date(&b.shape.text))
}

/// An article body: cleaned, sanitized and laid out.
struct Body {
    cleaned: Cleaned,
    text: String,
    html: String,
    markers: Vec<(usize, usize)>,
    /// Short, and nearly all its text inside links (read only for short
    /// bodies: see [`NAVIGATION_MAX_CHARS`]).
    links_only: bool,
}

impl Body {
    /// The article in `content` (untrusted HTML), parsed once: cleaned, then
    /// laid out from the same tree with the sanitizer's rules applied.
    fn of(content: &str) -> Body {
        #[cfg(test)]
        if oracle::ON.with(std::cell::Cell::get) {
            return oracle::body(content);
        }
        let doc = dom_query::Document::from(content);
        let cleaned = clutter::clean_tree(&doc);
        let (text, html, markers) = match doc.body() {
            Some(body) => layout_untrusted_marked(&body),
            // A frameset has no body: nothing was cleaned, and the content is
            // read as the sanitizer reads it.
            None => {
                let (text, html) = layout_untrusted(content);
                (text, html, Vec::new())
            }
        };
        // Counted only as far as the limit: most articles are far longer.
        let short = text.chars().filter(|c| !c.is_whitespace()).nth(NAVIGATION_MAX_CHARS).is_none();
        let links_only = short && mostly_links(&doc);
        Body { cleaned, text, html, markers, links_only }
    }

    /// Words in paragraphs that read as prose.
    fn prose_words(&self) -> usize {
        self.text
            .split("\n\n")
            .map(|p| Shape::from_text(p.to_owned(), 0.0))
            .filter(|s| (s.words >= 10 && s.sentence_end()) || s.words >= 25)
            .map(|s| s.words)
            .sum()
    }
}

enum Choice {
    /// The main-content extraction's box.
    Extracted,
    /// Blocks of the page (inclusive bounds): the densest run of prose.
    Region(usize, usize),
    /// No article: why.
    Nothing(String),
}

/// Keeps the extraction's box unless it missed the article: it found nothing,
/// or its box holds little of the page's densest run of prose (a sign-in form,
/// a table of addresses, another story on the same page).
fn choose(page: &Page, headline: Option<usize>, found: Option<&Body>) -> Choice {
    // The story under the headline, unless the page's prose is elsewhere
    // (a headline repeated in a share box after the story).
    let best = page.densest(0);
    let best_words = best.map_or(0, |r| page.prose_words(r));
    let headline_first = headline.zip(best).is_some_and(|(h, b)| h < b.0);
    let after_headline = headline
        .and_then(|h| page.densest_in_story(h + 1))
        .filter(|r| page.prose_words(*r) >= 40 && (headline_first || page.prose_words(*r) >= best_words * 3 / 10));
    let region = after_headline.or(best);
    let found_words = found.map_or(0, Body::prose_words);
    let Some(region) = region else {
        return match found {
            Some(f) if !f.text.trim().is_empty() => Choice::Extracted,
            _ => Choice::Nothing(NO_PROSE.into()),
        };
    };
    let region_words = page.prose_words(region);
    let covered: usize = match found {
        Some(f) => {
            page.blocks[region.0..=region.1].iter().filter(|b| b.is_prose() && holds(&f.text, b.probe())).map(|b| b.shape.words).sum()
        }
        None => 0,
    };
    let found_empty = found.is_none_or(|f| f.text.trim().is_empty());
    if found_empty {
        return if region_words >= 15 {
            Choice::Region(region.0, region.1)
        } else {
            Choice::Nothing(format!("no article was found on the page (its longest run of prose is {region_words} words)"))
        };
    }
    // The story under the headline, which the extraction missed; or a run of
    // prose longer than anything it found.
    let headline_story = after_headline == Some(region);
    if region_words >= 60 && covered * 4 < region_words && (headline_story || region_words * 2 > found_words) {
        return Choice::Region(region.0, region.1);
    }
    Choice::Extracted
}

/// The standfirst: prose between the headline and the first paragraph the
/// extraction kept, which pages often set apart from the body's box.
fn standfirst(page: &Page, headline: Option<usize>, found: Option<&Body>) -> Option<String> {
    let (h, found) = (headline?, found?);
    let first =
        page.blocks.iter().skip(h + 1).take(region::STANDFIRST_WINDOW).position(|b| b.is_prose() && holds(&found.text, b.probe()))? + h + 1;
    let lead: Vec<&region::Block> =
        page.blocks[h + 1..first].iter().filter(|b| b.is_prose() && !b.aside && b.shape.link_density < 0.2).collect();
    if lead.is_empty() {
        return None;
    }
    Some(lead.iter().map(|b| b.html()).collect())
}

/// `text.contains(probe)`, by `memchr`'s vectorized search: a page asks it
/// of the article's whole text once per paragraph of its densest run.
fn holds(text: &str, probe: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), probe.as_bytes()).is_some()
}

/// The removed blocks, sanitized and laid out, each with where it stood.
fn removed_blocks(cleaned: &Cleaned, markers: &[(usize, usize)]) -> Vec<RemovedBlock> {
    let mut blocks = Vec::new();
    for &(n, at) in markers {
        let Some(removed) = cleaned.removed.get(n) else { continue };
        let (text, html) = lay_out_removed(&removed.html);
        if text.trim().is_empty() || text.chars().count() > MAX_REMOVED_CHARS {
            continue;
        }
        blocks.push(RemovedBlock { at: at as u32, text, html, reason: removed.reason });
        if blocks.len() == MAX_REMOVED_BLOCKS {
            break;
        }
    }
    blocks
}

/// A removed block (untrusted HTML), sanitized and laid out.
fn lay_out_removed(html: &str) -> (String, String) {
    #[cfg(test)]
    if oracle::ON.with(std::cell::Cell::get) {
        return oracle::layout(html);
    }
    layout_untrusted(html)
}

fn visible_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Nine tenths or more of the visible text of the cleaned article is inside links.
fn mostly_links(doc: &dom_query::Document) -> bool {
    let all = visible_chars(&doc.select("body").text());
    let linked = visible_chars(&doc.select("a").text());
    all > 0 && linked * 10 >= all * 9
}

/// The article's path before it was parsed once: the clean-up's HTML, then
/// `ammonia`, then the layout, each parsing it again. Kept for the tests as
/// the oracle the one-parse path is compared with (`layout/untrusted/tests.rs`).
#[cfg(test)]
pub(super) mod oracle {
    use super::super::{clutter, layout, sanitize::sanitize};
    use super::Body;

    thread_local! {
        /// Extractions on this thread take the oracle's path.
        pub static ON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    pub(super) fn body(content: &str) -> Body {
        let cleaned = clutter::clean(content);
        let (text, html, markers) = layout::layout_marked(&sanitize(&cleaned.html, None));
        let links_only = super::visible_chars(&text) <= super::NAVIGATION_MAX_CHARS
            && super::mostly_links(&dom_query::Document::from(cleaned.html.as_str()));
        Body { cleaned, text, html, markers, links_only }
    }

    pub fn layout(html: &str) -> (String, String) {
        layout::layout(&sanitize(html, None))
    }
}

fn clean(s: &str) -> Option<String> {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// What is read from the whole page besides its blocks.
struct PageFacts {
    /// The first `<h1>`'s text.
    first_heading: String,
    /// The date of the first `[itemprop=datePublished][datetime]`, else of
    /// the first `[itemprop=datePublished][content]`, else of the first
    /// `<time datetime>`.
    time_published: Option<PartialDate>,
}

/// [`PageFacts`] in one walk over the page (a selector query per fact
/// walked the whole page four times).
fn page_facts(doc: &dom_query::Document) -> PageFacts {
    let mut h1 = None;
    // The first element of each kind, in the order they are tried.
    let mut dated: [Option<dom_query::NodeRef>; 3] = [None, None, None];
    for node in doc.root().descendants_it() {
        let Some(el) = node.element_ref() else { continue };
        let name = &*el.name.local;
        if name == "h1" && h1.is_none() {
            h1 = Some(node);
        }
        if el.attr("itemprop").is_some_and(|v| &*v == "datePublished") {
            if dated[0].is_none() && el.has_attr("datetime") {
                dated[0] = Some(node);
            }
            if dated[1].is_none() && el.has_attr("content") {
                dated[1] = Some(node);
            }
        }
        if name == "time" && dated[2].is_none() && el.has_attr("datetime") {
            dated[2] = Some(node);
        }
    }
    let time_published = dated.iter().flatten().find_map(|node| {
        let value = node.attr("datetime").or_else(|| node.attr("content"))?;
        parse_date(&value).and_then(super::published::plausible_now)
    });
    PageFacts { first_heading: h1.map(|h| h.text().trim().to_owned()).unwrap_or_default(), time_published }
}

/// Reads a publication date from ISO 8601 (full or partial) or RFC 2822.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(PartialDate::from_naive(dt.date_naive()));
    }
    let date_part: String = s.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let date_part = date_part.trim_end_matches('-');
    // Try the longest prefix first: day, then month, then year.
    [10usize, 7, 4].iter().filter(|n| date_part.len() >= **n).find_map(|n| date_part[..*n].parse::<PartialDate>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout::contract_violation;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB" dir="ltr"><head>
        <title>Harbour Lights at Dusk | The Coastal Gazette</title>
        <meta property="og:site_name" content="The Coastal Gazette">
        <meta name="author" content="Mara Quill">
        <meta property="article:published_time" content="2019-04-07T08:30:00Z">
        <script>var tracking = "do not keep";</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        <form class="newsletter"><p>Get our newsletter</p><input type="email"><button>Sign up</button></form>
        <article>
          <h1>Harbour Lights at Dusk</h1>
          <p>Every evening the keepers of the old harbour climb the stone stairs to light the lamps, a ritual
             that has not changed in two hundred years of storms and calm seas along this stretch of coast.</p>
          <p>The youngest keeper, who joined last spring, says the work is <em>quieter than people imagine</em>,
             and that the gulls are the only ones who complain about the light.</p>
          <p>On clear nights the beams reach the islands offshore, where fishing boats use them to find the
             channel between the rocks that have wrecked so many ships over the centuries.</p>
          <p onclick="evil()">Visitors may join a guided climb on Saturdays; the town council publishes the
             schedule each month, and the <a href="javascript:alert(1)">tickets</a> are free for children.</p>
        </article>
        <footer>Copyright the Coastal Gazette. All rights reserved.</footer>
        </body></html>"#;

    #[test]
    fn article_and_metadata_are_extracted_and_sanitized() {
        let e = extract_html(PAGE, Some("https://gazette.test/2019/lights"), "page").unwrap();
        assert!(e.title.starts_with("Harbour Lights at Dusk"), "{}", e.title);
        assert_eq!(e.byline.as_deref(), Some("Mara Quill"));
        assert_eq!(e.site.as_deref(), Some("The Coastal Gazette"));
        assert_eq!(e.published.map(|p| p.to_string()).as_deref(), Some("2019-04-07"));
        assert_eq!(e.lang.as_deref(), Some("en-GB"));
        assert!(e.text.contains("quieter than people imagine"));
        assert!(e.text.starts_with("Every evening the keepers"), "{}", e.text);
        for junk in ["newsletter", "Sign up", "Home", "Copyright", "tracking"] {
            assert!(!e.text.contains(junk), "{junk} kept");
        }
        assert!(!e.html.contains("javascript:") && !e.html.contains("onclick"));
        assert!(e.html.contains("<em>quieter than people imagine</em>"));
        assert_eq!(contract_violation(&e.text, &e.html), None);
    }

    #[test]
    fn relative_links_and_images_resolve_against_the_page_address() {
        let page = PAGE.replace(
            "the gulls are the only ones who complain about the light.</p>",
            "the gulls are the only ones who complain about the <a href=\"../keepers/rota\">light</a>.</p>\
             <figure><img src=\"/img/lamp.jpg\" alt=\"The lamp room\"><figcaption>The lamp room at night, seen from the stairs below it.</figcaption></figure>\
             <p>See the <a href=\"#schedule\">schedule</a> and <a href=\"//cdn.gazette.test/map.pdf\">the map</a> for the climb itself.</p>",
        );
        let e = extract_html(&page, Some("https://gazette.test/2019/lights/index.html"), "page").unwrap();
        assert!(e.html.contains(r#"href="https://gazette.test/2019/keepers/rota""#), "{}", e.html);
        assert!(e.html.contains(r#"src="https://gazette.test/img/lamp.jpg""#), "{}", e.html);
        assert!(e.html.contains(r#"href="https://cdn.gazette.test/map.pdf""#), "{}", e.html);
        // A file with no known address keeps the link text, not a dead address.
        let local = extract_html(&page, None, "page.html").unwrap();
        assert!(!local.html.contains("keepers/rota") && local.text.contains("complain about the light."));
        assert!(!local.html.contains("lamp.jpg"));
    }

    #[test]
    fn time_element_supplies_a_missing_date() {
        let page = PAGE
            .replace("<meta property=\"article:published_time\" content=\"2019-04-07T08:30:00Z\">", "")
            .replace("<h1>", "<time datetime=\"2018-11-02\">2 Nov</time><h1>");
        let e = extract_html(&page, None, "page").unwrap();
        assert_eq!(e.published.map(|p| p.to_string()).as_deref(), Some("2018-11-02"));
    }

    #[test]
    fn placeholder_metadata_dates_are_not_taken() {
        // A template's empty date: the article's date is unknown, not year 1.
        let page = PAGE.replace("2019-04-07T08:30:00Z", "0001-01-01T00:00:00Z");
        assert_eq!(extract_html(&page, None, "page").unwrap().published, None);
        // A page's own <time> still supplies the date the metadata lacks.
        let page = page.replace("<h1>", "<time datetime=\"2018-11-02\">2 Nov</time><h1>");
        assert_eq!(extract_html(&page, None, "page").unwrap().published.map(|p| p.to_string()).as_deref(), Some("2018-11-02"));
        for bad in ["1970-01-01T00:00:00Z", "2999-01-01"] {
            let page = PAGE.replace("2019-04-07T08:30:00Z", bad);
            assert_eq!(extract_html(&page, None, "page").unwrap().published, None, "{bad}");
        }
    }

    #[test]
    fn pages_without_an_article_are_refused() {
        let menu = "<html><body><nav><a href=/a>Alpha</a><a href=/b>Beta</a></nav><p>Log in</p></body></html>";
        let err = extract_html(menu, None, "menu.html").unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::NoArticle);
        assert!(err.to_string().starts_with("menu.html: no article"), "{err}");
    }

    #[test]
    fn a_page_whose_text_is_only_links_is_refused() {
        // The shell of a page that builds its article with a script, as a server sends it.
        let shell = "<!doctype html><html><head><title>The night ferry | Harbour Weekly</title></head><body>\
            <header><nav><a href=/>Harbour Weekly</a> <a href=/archive>Archive</a> <a href=/subscribe>Subscribe</a></nav></header>\
            <main id=root></main><footer><a href=/about>About us</a> · <a href=/privacy>Privacy</a></footer>\
            <script>document.getElementById('root').textContent = 'built later';</script></body></html>";
        let err = extract_html(shell, None, "shell.html").unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::NoArticle);
        assert!(err.to_string().contains("only links"), "{err}");
        // A short article that links a lot is still an article.
        let short = "<html><body><article><h1>Tide notes</h1><p>The tide tables for <a href=/june>June</a> are out, \
            and the harbour master asks boat owners to read them before the spring tides.</p></article></body></html>";
        assert!(extract_html(short, None, "short.html").is_ok());
    }

    #[test]
    fn dates_in_common_shapes() {
        assert_eq!(parse_date("2011-09-14T10:00:00+04:00").unwrap().to_string(), "2011-09-14");
        assert_eq!(parse_date("Wed, 14 Sep 2011 10:00:00 +0000").unwrap().to_string(), "2011-09-14");
        assert_eq!(parse_date("2011-09").unwrap().to_string(), "2011-09");
        assert!(parse_date("yesterday").is_none());
    }
}
