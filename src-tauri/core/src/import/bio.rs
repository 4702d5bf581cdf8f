//! An author's bio line ("Jane Roe is a reporter for the Gazette."), which
//! closes many op-eds and names their author. The verbs and job words are the
//! word lists' `[bio-verb]` and `[bio-role]`, in every language they hold.

use super::clutter_words::{lexicon, Kind};

/// Name particles written in lower case inside a name.
const PARTICLES: &[&str] = &["de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "van", "von", "ter", "y", "dos", "das"];

/// The name a bio line starts with, when the line is one: two to five
/// capitalised words, a bio verb, and a job word soon after.
pub fn bio_name(text: &str) -> Option<String> {
    let lex = lexicon()?;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 45 {
        return None;
    }
    let verb_at = (2..=5.min(words.len().saturating_sub(1))).find(|&k| lex.is_whole(&words[k].to_lowercase(), Kind::BioVerb))?;
    let subject = &words[..verb_at];
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w);
    if !subject.iter().all(capitalised) || !subject.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let after: Vec<&str> = words[verb_at + 1..].iter().take(12).copied().collect();
    if lex.count(&after.join(" ").to_lowercase(), Kind::BioRole) == 0 {
        return None;
    }
    let name = subject.join(" ");
    let name = name.trim_end_matches([',', ';', ':']);
    Some(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_bio_lines_in_several_languages() {
        assert_eq!(bio_name("Mara Quill is deputy editor of the Coastal Gazette.").as_deref(), Some("Mara Quill"));
        assert_eq!(bio_name("Jan van der Berg was a correspondent in Lisbon for ten years.").as_deref(), Some("Jan van der Berg"));
        assert_eq!(bio_name("Lena Vogt ist Redakteurin im Ressort Wirtschaft.").as_deref(), Some("Lena Vogt"));
        assert_eq!(bio_name("Ana Ruiz es periodista y escritora.").as_deref(), Some("Ana Ruiz"));
        assert_eq!(bio_name("Marek Nowak jest dziennikarzem i publicystą.").as_deref(), Some("Marek Nowak"));
        // Not bio lines: no job word, a lower-case subject, a long sentence.
        assert_eq!(bio_name("The harbour is a quiet place in winter."), None);
        assert_eq!(bio_name("Mara Quill is happy with the new boat."), None);
        assert_eq!(bio_name("the editor is away."), None);
    }
}
