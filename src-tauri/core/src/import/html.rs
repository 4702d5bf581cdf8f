//! HTML pages to articles: main-content extraction with `dom_smoothie` (a port
//! of Mozilla's Readability), metadata, then sanitizing and layout.

use dom_smoothie::{Config, Readability, ReadabilityError};

use super::{layout::layout, sanitize::sanitize};
use crate::error::{Error, Result};
use crate::model::{word_count, Extracted};
use crate::PartialDate;

/// Fewer visible characters than this after extraction means the page holds
/// no article (counted in characters, not words, so CJK pages are fair).
const MIN_ARTICLE_CHARS: usize = 15;

/// Up to this many visible characters, an extraction whose text is nearly all
/// link text is navigation, not an article: Readability falls back to the
/// whole body when nothing scores, which on the shell of a page that builds
/// its article with a script (before the script runs) is its menus.
const NAVIGATION_MAX_CHARS: usize = 400;

/// Extracts the article of a page. `url` (when known) resolves relative links.
pub fn extract_html(decoded: &str, url: Option<&str>, what: &str) -> Result<Extracted> {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let no_article = |reason: &str| Error::NoArticle { what: what.into(), reason: reason.into() };
    let mut reader = Readability::new(decoded, url, Some(Config { max_elements_to_parse: 200_000, ..Default::default() }))
        .map_err(|_| no_article("the page address is not a valid absolute URL"))?;
    // `parse` consumes the document, so page-level facts are read first.
    let time_published = time_element_date(&reader);
    let first_heading = reader.doc.select("h1").first().text().trim().to_owned();
    let article = reader.parse().map_err(|e| match e {
        ReadabilityError::TooManyElements(found, _) => no_article(&format!("the page is too complex to read ({found} elements)")),
        _ => no_article("no article text was found on the page (it looks like navigation or an index page)"),
    })?;
    let (text, html) = layout(&sanitize(&article.content, url));
    let words = word_count(&text);
    if text.chars().filter(|c| !c.is_whitespace()).count() < MIN_ARTICLE_CHARS {
        return Err(no_article(&format!("no article was found on the page (only {words} words of text outside menus and page furniture)")));
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if visible <= NAVIGATION_MAX_CHARS && mostly_links(&article.content) {
        return Err(no_article(
            "no article was found on the page, only links (menus or an index). A page that builds its article with a script \
             can be saved from the browser with the Sidenote extension",
        ));
    }
    let title = clean(&article.title).or_else(|| clean(&first_heading)).unwrap_or_default();
    Ok(Extracted {
        title,
        byline: article.byline.as_deref().and_then(clean).filter(|b| b.chars().count() <= 200),
        site: article.site_name.as_deref().and_then(clean),
        published: article.published_time.as_deref().and_then(parse_date).or(time_published),
        lang: article.lang.as_deref().and_then(clean),
        dir: article.dir.as_deref().map(str::to_ascii_lowercase).filter(|d| d == "ltr" || d == "rtl"),
        text,
        html,
    })
}

/// Nine tenths or more of the visible text is inside links.
fn mostly_links(content: &str) -> bool {
    let doc = dom_query::Document::from(content);
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let all = visible(&doc.select("body").text());
    let linked = visible(&doc.select("a").text());
    all > 0 && linked * 10 >= all * 9
}

fn clean(s: &str) -> Option<String> {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// The first `<time datetime>` (or `itemprop=datePublished`) on the page.
fn time_element_date(reader: &Readability) -> Option<PartialDate> {
    let selectors = ["[itemprop=datePublished][datetime]", "[itemprop=datePublished][content]", "time[datetime]"];
    selectors.iter().find_map(|sel| {
        let node = reader.doc.select(sel).nodes().first().cloned()?;
        let value = node.attr("datetime").or_else(|| node.attr("content"))?;
        parse_date(&value)
    })
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
