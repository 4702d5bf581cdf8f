//! The layout of HTML that is not sanitized, in the tree it was parsed into:
//! the sanitizer's allowlist ([`crate::import::sanitize`]) applied while
//! walking, so a web page's article is parsed once instead of three times
//! (clean-up, `ammonia`, layout). What is written is what `ammonia` and then
//! [`super::layout_marked`] write for the tree serialized; the tests here
//! hold the two equal.

use std::cell::Cell;

use dom_query::{Document, NodeData, NodeRef};

use super::{layout_marked, name, Out};
use crate::import::sanitize::{self, Verdict};

/// [`layout_marked`] for HTML that is not sanitized, read in the tree it was
/// parsed into (`root`: the element whose content is laid out): the
/// sanitizer's allowlist ([`super::sanitize`]) is applied while walking, so
/// the article is parsed once instead of three times (clean-up, `ammonia`,
/// layout). What is written is what `ammonia` and then [`layout_marked`]
/// write for the tree serialized; a differential test holds them equal.
///
/// Where the sanitizer unwraps an element that leaves what it held where a
/// parser would not put it ([`SPECIAL_UNWRAPPED`]), the sanitized HTML
/// parsed again reads differently from the tree; there (no page of the
/// shared corpora) the root's content is serialized and laid out as before.
pub fn layout_untrusted_marked(root: &NodeRef) -> (String, String, Vec<(usize, usize)>) {
    untrusted_marked(root, 2)
}

/// [`layout_untrusted_marked`] for a tree the old path parsed `reparses`
/// times more: twice for the clean-up's tree (`ammonia`, the layout), once
/// for a tree parsed as `ammonia` parses (the layout).
fn untrusted_marked(root: &NodeRef, reparses: u8) -> (String, String, Vec<(usize, usize)>) {
    REPARSE.with(|r| r.set(false));
    let mut out = Out { untrusted: true, reparses, ..Out::default() };
    out.block_children(root);
    if REPARSE.with(Cell::get) {
        return layout_marked(&sanitize::sanitize(&root.inner_html(), None));
    }
    (out.text, out.html, out.markers)
}

/// Elements the HTML parser treats as special (a start tag inside one does
/// not close what is open outside it; HTML standard, the void ones aside)
/// that the sanitizer unwraps, keeping their content.
const SPECIAL_UNWRAPPED: &[&str] = &[
    "address", "applet", "aside", "center", "details", "dir", "fieldset", "footer", "header", "hgroup", "listing", "main", "marquee",
    "menu", "nav", "search", "summary",
];

/// What a start tag can close once a special element between them is gone:
/// a list item, a term or description, a paragraph, a heading.
const CLOSED_BY_A_START_TAG: &[&str] = &["li", "dd", "dt", "p", "h1", "h2", "h3", "h4", "h5", "h6"];

/// A heading's start tag closes a heading that is the element just open,
/// so unwrapping any element between two headings moves the inner one.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

thread_local! {
    /// Set by [`kids`] when the tree being laid out unwraps, inside an
    /// element a start tag can close, a special element around a kept one:
    /// a list item directly in a list item once a `<nav>` between them is
    /// gone, which the old path's second parse split in two.
    static REPARSE: Cell<bool> = const { Cell::new(false) };
}

/// Whether unwrapping `node` leaves what it holds where a parser would not
/// put it (see [`REPARSE`]).
fn unwrap_moves_content(node: &NodeRef) -> bool {
    let named = |n: &NodeRef, names: &[&str]| n.qual_name_ref().is_some_and(|q| names.contains(&&*q.local));
    let (mut in_closable, mut in_heading, mut in_link) = (false, false, false);
    for a in node.ancestors_it(None) {
        in_closable |= named(&a, CLOSED_BY_A_START_TAG);
        in_heading |= named(&a, HEADINGS);
        in_link |= named(&a, &["a"]);
    }
    (in_closable
        && named(node, SPECIAL_UNWRAPPED)
        && node.descendants_it().any(|d| d.is_element() && sanitize::verdict(&d) == Verdict::Keep))
        || (in_heading && node.descendants_it().any(|d| named(&d, HEADINGS)))
        // A link in a link is parsed apart, unless a marquee or an applet
        // stands between them.
        || (in_link && named(node, &["applet", "marquee"]) && node.descendants_it().any(|d| named(&d, &["a"])))
}

/// [`layout`] for HTML that is not sanitized: parsed once, as a fragment (as
/// `ammonia` parses it), and laid out by [`layout_untrusted_marked`].
pub fn layout_untrusted(html: &str) -> (String, String) {
    let doc = parse_as_ammonia(html);
    let (text, html, _) = untrusted_marked(&doc.html_root(), 1);
    (text, html)
}

/// `html` parsed as `ammonia` parses it: a fragment in a `<div>`, scripting
/// on (a `<noscript>`'s content is text, dropped with it).
fn parse_as_ammonia(html: &str) -> Document {
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts { scripting_enabled: true, drop_doctype: true, ..Default::default() },
        ..Default::default()
    };
    let context = html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div"));
    html5ever::tendril::TendrilSink::one(html5ever::parse_fragment(Document::fragment_sink(), opts, context, Vec::new(), false), html)
}

/// The children of `node` as the layout reads them: all of them, or, for an
/// untrusted tree, those the sanitizer keeps, with the content of the
/// elements it unwraps in their place. Iterative, so no nesting of unwrapped
/// elements runs the stack out.
pub(super) fn kids<'a>(node: &NodeRef<'a>, untrusted: bool) -> Vec<NodeRef<'a>> {
    if !untrusted {
        return node.children();
    }
    let mut kept = Vec::new();
    let mut next = vec![node.first_child()];
    while let Some(at) = next.last_mut() {
        let Some(child) = at.take() else {
            next.pop();
            continue;
        };
        *at = child.next_sibling();
        match sanitize::verdict(&child) {
            Verdict::Keep => kept.push(child),
            Verdict::Unwrap => {
                if unwrap_moves_content(&child) {
                    REPARSE.with(|r| r.set(true));
                }
                next.push(child.first_child());
            }
            Verdict::Drop => {}
        }
    }
    kept
}

/// The text of an untrusted `node` as the sanitizer leaves it (and the old
/// path's parses: see [`pre_start`]).
pub(super) fn kept_text(node: &NodeRef, reparses: u8, out: &mut String) {
    let pre = name(node) == "pre";
    for (i, child) in kids(node, true).into_iter().enumerate() {
        let text = child.query_or(false, |n| match &n.data {
            NodeData::Text { contents } => {
                out.push_str(if pre && i == 0 { pre_start(node, &child, contents, reparses) } else { contents });
                true
            }
            _ => false,
        });
        if !text {
            kept_text(&child, reparses, out);
        }
    }
}

/// The first text `contents` (node `first`) of a `<pre>`, as the old path
/// laid it out: a parser drops a line break just after `<pre>`, so each of
/// its parses dropped one: `ammonia`'s if the text came first in the tree
/// given to it, the layout's if it came first once the sanitizer had
/// unwrapped what held it.
pub(super) fn pre_start<'t>(pre: &NodeRef, first: &NodeRef, contents: &'t str, reparses: u8) -> &'t str {
    let mut text = contents;
    if reparses >= 2 && pre.first_child().is_some_and(|f| f.id == first.id) {
        text = text.strip_prefix('\n').unwrap_or(text);
    }
    if reparses >= 1 {
        text = text.strip_prefix('\n').unwrap_or(text);
    }
    text
}

#[cfg(test)]
mod tests;
