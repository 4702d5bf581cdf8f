//! Responsive and lazy-loaded pictures to one address each, before
//! extraction: pages name their real image in `srcset`, `<picture><source>`,
//! or lazy-loading attributes (`data-src`, `data-srcset`, …) and often leave a
//! blank placeholder in `src`. The sanitizer keeps only `src`, so the best
//! single candidate is written there first.

use dom_query::{Document, NodeRef};

/// The width, in CSS pixels times a 2× screen, that the reader's column can
/// show: the smallest candidate at least this wide is enough.
const WANTED_WIDTH: f32 = 1400.0;

/// Attributes lazy loaders keep the real address in, most specific first.
const LAZY_SRC: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-orig-src", "data-hi-res-src", "data-url"];
const LAZY_SRCSET: &[&str] = &["data-srcset", "data-lazy-srcset"];

/// Image types a `<source type>` may name that the library can store.
const STORABLE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/avif", "image/svg+xml"];

/// Sets each `<img>`'s `src` in `doc` to its best candidate, in place: the
/// document the extraction then reads (parsing the page once, not twice).
pub fn resolve_in(doc: &Document) {
    for img in doc.select("img").nodes() {
        if let Some(best) = best_of(img) {
            if img.attr("src").as_deref() != Some(best.as_str()) {
                img.set_attr("src", &best);
            }
        }
    }
}

/// The best address for one image: a `<picture>` source, then its own
/// srcsets, then lazy `src` attributes, then `src` unless it is a placeholder.
fn best_of(img: &NodeRef) -> Option<String> {
    let from_picture = img.parent().filter(|p| p.node_name().as_deref() == Some("picture")).and_then(|picture| {
        picture.children().into_iter().filter(|c| c.node_name().as_deref() == Some("source")).find_map(|source| {
            let storable = source.attr("type").is_none_or(|t| STORABLE_TYPES.contains(&t.trim().to_ascii_lowercase().as_str()));
            if !storable {
                return None;
            }
            let set = LAZY_SRCSET.iter().chain(&["srcset"]).find_map(|a| source.attr(a));
            set.and_then(|s| best_candidate(&s))
        })
    });
    from_picture
        .or_else(|| LAZY_SRCSET.iter().chain(&["srcset"]).find_map(|a| img.attr(a)).and_then(|s| best_candidate(&s)))
        .or_else(|| LAZY_SRC.iter().find_map(|a| img.attr(a)).map(|s| s.trim().to_owned()).filter(|s| usable(s)))
        .or_else(|| img.attr("src").map(|s| s.trim().to_owned()).filter(|s| usable(s)))
}

/// Not empty and not an inline placeholder (`data:` pixels, `about:blank`).
fn usable(src: &str) -> bool {
    !src.is_empty() && !src.starts_with("data:") && !src.starts_with("about:") && !src.starts_with('#')
}

/// The candidate of a `srcset` to keep: with widths (`640w`), the narrowest
/// at least [`WANTED_WIDTH`] wide, else the widest; with densities (`2x`),
/// the densest up to 2×, else the least dense. Candidates are read as the
/// HTML standard splits them: an address runs to whitespace, and a comma
/// ending it (or following its descriptors) ends the candidate.
pub fn best_candidate(srcset: &str) -> Option<String> {
    let mut widths: Vec<(f32, String)> = Vec::new();
    let mut densities: Vec<(f32, String)> = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let mut url = &rest[..end];
        rest = &rest[end..];
        let descriptor = if let Some(stripped) = url.strip_suffix(',') {
            url = stripped.trim_end_matches(',');
            ""
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let d = rest[..end].trim();
            rest = &rest[end..];
            d
        };
        if !usable(url) {
            continue;
        }
        let number = |suffix: char| descriptor.strip_suffix(suffix).and_then(|n| n.trim().parse::<f32>().ok()).filter(|n| *n > 0.0);
        if let Some(w) = number('w') {
            widths.push((w, url.to_owned()));
        } else {
            densities.push((number('x').unwrap_or(1.0), url.to_owned()));
        }
    }
    if !widths.is_empty() {
        let enough = widths.iter().filter(|(w, _)| *w >= WANTED_WIDTH).min_by(|a, b| a.0.total_cmp(&b.0));
        let widest = widths.iter().max_by(|a, b| a.0.total_cmp(&b.0));
        return enough.or(widest).map(|(_, u)| u.clone());
    }
    let sharp = densities.iter().filter(|(d, _)| *d <= 2.0).max_by(|a, b| a.0.total_cmp(&b.0));
    let least = densities.iter().min_by(|a, b| a.0.total_cmp(&b.0));
    sharp.or(least).map(|(_, u)| u.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_candidates_by_width_and_density() {
        assert_eq!(best_candidate("a.jpg 320w, b.jpg 1600w, c.jpg 2400w").as_deref(), Some("b.jpg"));
        assert_eq!(best_candidate("a.jpg 320w, b.jpg 800w").as_deref(), Some("b.jpg"), "the widest when none is wide enough");
        assert_eq!(best_candidate("a.jpg, b.jpg 2x, c.jpg 3x").as_deref(), Some("b.jpg"));
        assert_eq!(best_candidate("/img/x,y.jpg 1x,/img/z.jpg 2x").as_deref(), Some("/img/z.jpg"), "commas inside an address");
        assert_eq!(best_candidate("data:image/gif;base64,R0lG 1x").as_deref(), None);
        assert_eq!(best_candidate("  ").as_deref(), None);
    }

    fn src_of(html: &str) -> Vec<String> {
        let doc = Document::from(html);
        resolve_in(&doc);
        doc.select("img").nodes().iter().map(|n| n.attr("src").map(|s| s.to_string()).unwrap_or_default()).collect()
    }

    #[test]
    fn lazy_pictures_and_srcsets_become_one_src() {
        let lazy = r#"<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/real/gull.png" alt="Gull"></p>"#;
        assert_eq!(src_of(lazy), ["/real/gull.png"]);
        let only_set = r#"<img srcset="/s.png 400w, /l.png 1500w">"#;
        assert_eq!(src_of(only_set), ["/l.png"]);
        let picture = r#"<picture><source type="image/jxl" srcset="/a.jxl"><source srcset="/b.webp 1x, /c.webp 2x"><img src="/fallback.png"></picture>"#;
        assert_eq!(src_of(picture), ["/c.webp"], "the first source of a type we keep");
        let lazy_set = r#"<img src="/blur.jpg" data-srcset="/m.jpg 900w, /w.jpg 1800w">"#;
        assert_eq!(src_of(lazy_set), ["/w.jpg"]);
        assert_eq!(src_of(r#"<p><img src="/plain.png"></p>"#), ["/plain.png"]);
    }
}
