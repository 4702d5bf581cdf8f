//! Finding a browser selection in the article's text. The browser's
//! selection text and the stored text agree on their characters but not on
//! their spacing (line breaks between blocks, collapsed or doubled spaces,
//! soft hyphens), so both are compared with those left out, and the copy
//! whose surroundings agree best with the selection's prefix and suffix wins.

/// Characters that make no difference to what a passage says: spacing and
/// invisible formatting marks (soft hyphen, zero-width space and joiners, BOM).
fn ignorable(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// `s` without ignorable characters.
fn bare(s: &str) -> Vec<char> {
    s.chars().filter(|c| !ignorable(*c)).collect()
}

/// The span (code points of `text`, end exclusive) holding `exact`, or `None`
/// when the passage is not in the text.
pub fn locate(text: &str, exact: &str, prefix: &str, suffix: &str) -> Option<(u32, u32)> {
    let quote = bare(exact);
    if quote.is_empty() {
        return None;
    }
    // The text's kept characters, and where each one is in the text.
    let mut kept = Vec::new();
    let mut at = Vec::new();
    for (i, c) in text.chars().enumerate() {
        if !ignorable(c) {
            kept.push(c);
            at.push(i as u32);
        }
    }
    let (prefix, suffix) = (bare(prefix), bare(suffix));
    let agreement = |start: usize| {
        let before = prefix.iter().rev().zip(kept[..start].iter().rev()).take_while(|(a, b)| a == b).count();
        let after = suffix.iter().zip(&kept[start + quote.len()..]).take_while(|(a, b)| a == b).count();
        before + after
    };
    let mut best: Option<(usize, usize)> = None;
    for start in occurrences(&kept, &quote) {
        let score = agreement(start);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((start, score));
        }
    }
    let (start, _) = best?;
    Some((at[start], at[start + quote.len() - 1] + 1))
}

const MAX_COPIES: usize = 10_000;

/// Starts (in chars of `hay`) of every occurrence of `needle`, overlapping
/// ones too. Searched as strings: the standard search is linear, where
/// comparing at every start would be quadratic on a page of repeated text.
fn occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
    let hay_str: String = hay.iter().collect();
    let needle: String = needle.iter().collect();
    // Byte offset of each char, to turn a byte match back into a char index.
    let offsets: Vec<usize> = hay_str.char_indices().map(|(b, _)| b).collect();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = hay_str[from..].find(&needle) {
        let byte = from + rel;
        if let Ok(i) = offsets.binary_search(&byte) {
            found.push(i);
        }
        // A short quote of a repetitive page: the first copies will do.
        if found.len() == MAX_COPIES {
            break;
        }
        from = byte + hay_str[byte..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The ferry left at dawn.\n\nThe ferry came back at noon, and the ferry left again at dusk.\n\nNobody\u{ad}knew why.";

    fn slice(text: &str, (s, e): (u32, u32)) -> String {
        text.chars().skip(s as usize).take((e - s) as usize).collect()
    }

    #[test]
    fn spacing_and_line_breaks_of_the_selection_do_not_matter() {
        let span = locate(TEXT, "left at dawn.\nThe   ferry came", "", "").unwrap();
        assert_eq!(slice(TEXT, span), "left at dawn.\n\nThe ferry came");
        // A soft hyphen in the text is invisible in the page's selection.
        assert_eq!(slice(TEXT, locate(TEXT, "Nobodyknew", "", "").unwrap()), "Nobody\u{ad}knew");
    }

    #[test]
    fn the_context_picks_the_copy_that_was_selected() {
        let first = locate(TEXT, "the ferry left", "noon, and ", " again").unwrap();
        assert_eq!(slice(TEXT, first), "the ferry left");
        let at = |span: (u32, u32)| TEXT.chars().take(span.0 as usize).collect::<String>();
        assert!(at(first).ends_with("noon, and "), "{}", at(first));
        // "The ferry" twice: the suffix says which.
        let second = locate(TEXT, "The ferry", "dawn.\n\n", " came back").unwrap();
        assert!(at(second).ends_with("dawn.\n\n"));
        let first_one = locate(TEXT, "The ferry", "", " left at").unwrap();
        assert_eq!(first_one.0, 0);
        // Without context the first copy is taken.
        assert_eq!(locate(TEXT, "ferry", "", "").unwrap().0, 4);
    }

    #[test]
    fn a_passage_that_is_not_there_is_not_found() {
        assert_eq!(locate(TEXT, "the bus left", "", ""), None);
        assert_eq!(locate(TEXT, " \n\u{200b} ", "", ""), None);
        assert_eq!(locate("", "x", "", ""), None);
        assert_eq!(locate("short", "a much longer passage", "", ""), None);
    }

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let text = "Zoë met the ﬁsh\u{ad}monger in Łódź.";
        let span = locate(text, "ﬁshmonger in Łódź", "", "").unwrap();
        assert_eq!(slice(text, span), "ﬁsh\u{ad}monger in Łódź");
        assert_eq!(span.0, 12);
    }
}
