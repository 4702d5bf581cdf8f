//! Dates in a piece's credits rather than its story: an author's bio ("Ann
//! Lee is a reporter at the Harbour Post. She joined in June 2019.") and a
//! work's year in its citation in brackets ("(2018, Wine Intelligence)",
//! "(2018; Polish edition 2019)", "“Harbour Lights” (1853)", "the dossier of
//! Harbour Review (May 2019)"). They say when someone was hired or a source
//! was printed, not what the article tells.

use super::listings::is_month;
use crate::timex::lexicon;

/// Words of a writer's trade, matched inside words too: German glues them
/// into compounds and page text often glues a name to the title ("Ingo
/// ArztRedakteur").
const ROLES: &[&str] = &[
    "reporter",
    "reportera",
    "reportero",
    "redakteur",
    "periodista",
    "journalist",
    "journaliste",
    "columnist",
    "correspondent",
    "korrespondent",
    "editor at",
    "editor of",
    "staff writer",
    "writer at",
    "writer for",
];

/// Words of a career told in a bio.
const CAREER: &[&str] = &[
    "joined",
    "writes for",
    "schreibt",
    "trabaja en",
    "works for",
    "graduated",
    "graduada",
    "graduado",
    "studierte",
    "escribe",
    "écrit",
    "born in",
    "nacida",
    "nacido",
    "geboren",
];

/// Words that put a line in the news: a bio tells no day of the week.
/// (The weekdays' full names come from the tagger's lexicon.)
const NEWS_DAYS: &[&str] = &["yesterday", "today", "tonight", "last week", "this week"];

/// True when the date at code points `[start, end)` belongs to a bio or opens a citation.
pub fn in_credits(chars: &[char], start: usize, end: usize) -> bool {
    let line_start = (0..start).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
    let line_end = (end..chars.len()).find(|&k| chars[k] == '\n').unwrap_or(chars.len());
    let quote: String = chars[start..end].iter().collect();
    let after: String = chars[end..line_end].iter().collect();
    let line: String = chars[line_start..line_end].iter().collect::<String>().to_lowercase();
    let before: String = chars[line_start..start].iter().collect();
    let original: String = chars[line_start..line_end].iter().collect();
    bio(&line)
        || glued_bio(chars, line_start, start)
        || introduced_writer(&original)
        || after_author_label(chars, line_start, line_end)
        || (chars[..start].last() == Some(&'(') && cited_year(&quote, &after))
        || titled_year(&before, &quote, &after)
        || dated_title(&before, &quote, &after)
        || issue_in_brackets(&before, &quote, &after)
}

/// The brackets around the date hold only it, maybe after a month's name
/// the tagger left out of the date ("(décembre 2019)"): returns what
/// precedes the brackets, trimmed, and the bracket's words.
fn bracketed_alone<'a>(before: &'a str, quote: &str, after: &str) -> Option<(&'a str, Vec<String>)> {
    let open = before.rfind('(')?;
    let inside: Vec<String> = before[open + 1..].split_whitespace().chain(quote.split_whitespace()).map(str::to_owned).collect();
    let (year, rest) = inside.split_last()?;
    let month_year =
        year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && rest.len() <= 1 && rest.iter().all(|m| is_month(&m.to_lowercase()));
    (month_year && after.trim_start().starts_with(')')).then(|| (before[..open].trim_end(), inside))
}

/// "“Harbour Lights” (1853) Ann Lee", "the song “Tide” (1971)": a year
/// alone in brackets right after a quoted title is the work's year, a
/// reference to it. ("She said “enough” in 1971" has no brackets; "(1971)"
/// after prose dates what the prose tells.)
fn dated_title(before: &str, quote: &str, after: &str) -> bool {
    bracketed_alone(before, quote, after).is_some_and(|(lead, inside)| inside.len() == 1 && lead.ends_with(['”', '"', '»', '“']))
}

/// Nouns for a periodical's issue or a part of one, in the corpora's languages.
const ISSUE_NOUNS: &[&str] = &[
    "issue",
    "number",
    "dossier",
    "supplement",
    "numéro",
    "supplément",
    "cahier",
    "hors-série",
    "ausgabe",
    "heft",
    "beilage",
    "número",
    "numero",
    "fascicolo",
    "wydanie",
    "numer",
];

/// "Le dossier d'Esprit (décembre 2019)", "the spring issue of Harbour
/// Review (May 2019)": a year, or a month and year, alone in brackets after a
/// periodical's name, itself after an issue's noun and "of", cite an issue.
/// ("The storm of Harbour Day (May 2019)" names no issue; "the dossier of
/// Ann Lee was sent in May 2019" has no brackets.)
fn issue_in_brackets(before: &str, quote: &str, after: &str) -> bool {
    let Some((lead, _)) = bracketed_alone(before, quote, after) else { return false };
    // Up to four capitalised words of the name, then "of"/"de"... (or "d'" glued to the name).
    let words: Vec<&str> = lead.split_whitespace().collect();
    let capitalised = |w: &str| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    let mut k = words.len();
    while k > 0 && words.len() - k < 4 {
        let w = words[k - 1];
        // "d'Esprit": the preposition glued to the name's first word.
        if let Some(name) = w.strip_prefix("d'").or_else(|| w.strip_prefix("d’")) {
            return capitalised(name) && k >= 2 && ISSUE_NOUNS.contains(&words[k - 2].to_lowercase().as_str());
        }
        if !capitalised(w) {
            break;
        }
        k -= 1;
    }
    k >= 2
        && k < words.len()
        && matches!(words[k - 1].to_lowercase().as_str(), "of" | "de" | "du" | "des" | "von" | "der" | "del" | "di" | "della")
        && ISSUE_NOUNS.contains(&words[k - 2].to_lowercase().as_str())
}

/// "Autor*in: Ann Lee ist seit 2020 ...", "About the author\nAnn Lee has
/// ...": a line a byline label opens (or the label's own line just above)
/// introduces the writers, so what it dates is their careers.
fn after_author_label(chars: &[char], line_start: usize, line_end: usize) -> bool {
    let line: String = chars[line_start..line_end].iter().collect::<String>().to_lowercase();
    if line.chars().count() > 500 {
        return false;
    }
    let labelled = line.split_once(':').is_some_and(|(head, _)| author_label(head));
    let above = line_start.checked_sub(1).map(|nl| {
        let prev_start = (0..nl).rev().find(|&k| chars[k] == '\n').map_or(0, |k| k + 1);
        let prev: String = chars[prev_start..nl].iter().collect::<String>().to_lowercase();
        prev.trim().trim_end_matches(':').to_owned()
    });
    labelled || above.is_some_and(|l| author_label(&l))
}

/// A byline's label: "Author", "About the author", "Autor*in", "Autorin",
/// "L'auteur", "Sobre la autora", short and nothing else.
fn author_label(head: &str) -> bool {
    let head = head.trim();
    let words: Vec<&str> = head.split(|c: char| c.is_whitespace() || c == '\'').filter(|w| !w.is_empty()).collect();
    (1..=4).contains(&words.len())
        && head.chars().count() <= 30
        // "author", "autor*in", "auteure", but not "authority" or "autorité".
        && words.last().is_some_and(|w| ["author", "autor", "auteur"].iter().any(|stem| w.starts_with(stem)) && !w.starts_with("authori") && !w.starts_with("autorit"))
}

/// "(“Hero”, 1992)": a quoted title and its year closing brackets cite a work.
fn titled_year(before: &str, quote: &str, after: &str) -> bool {
    let Some(open) = before.rfind('(') else { return false };
    let inside = before[open + 1..].trim_end();
    quote.len() == 4
        && quote.chars().all(|c| c.is_ascii_digit())
        && after.trim_start().starts_with(')')
        && !inside.contains(')')
        && inside.strip_suffix(',').is_some_and(|t| t.trim_end().ends_with(['”', '"', '»', '“']))
}

/// A short paragraph naming a writer's trade and a career's step, with no
/// day of the news in it. ("The reporter, who joined in 2010, was held on
/// Monday" is news.)
fn bio(line: &str) -> bool {
    line.chars().count() <= 350
        && ROLES.iter().any(|r| line.contains(r))
        && CAREER.iter().any(|c| line.contains(c))
        && !NEWS_DAYS.iter().chain(&lexicon::WEEKDAY_NAMES).any(|d| line.contains(d))
}

/// "Kommentar vonIngo ArztRedakteur für UmweltSchreibt seit 2008 für die
/// taz": a writer's trade glued to the name before it (a byline box whose
/// blocks the page text ran together), then a career's step before the
/// date, is the writer's bio however long the line. ("The reporter, who
/// joined in 2015, was held" has no glued box.)
fn glued_bio(chars: &[char], line_start: usize, start: usize) -> bool {
    const REACH: usize = 160; // code points back from the date: the bio's first sentences
    let from = start.saturating_sub(REACH).max(line_start);
    let window = &chars[from..start];
    // One lowercase char per char, so that positions agree with `window`.
    let lower: Vec<char> = window.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    // The role glued to a lowercase letter before it and capitalised itself: "ArztRedakteur".
    let glued_role = |k: usize| k > 0 && window[k - 1].is_lowercase() && window[k].is_uppercase();
    let Some(role_at) = ROLES
        .iter()
        .filter_map(|r| {
            let role: Vec<char> = r.chars().collect();
            (0..lower.len().saturating_sub(role.len() - 1)).find(|&k| lower[k..k + role.len()] == role[..] && glued_role(k))
        })
        .min()
    else {
        return false;
    };
    let original: String = window[role_at..].iter().collect();
    let rest = original.to_lowercase();
    CAREER.iter().any(|c| rest.contains(c)) && !NEWS_DAYS.iter().any(|d| rest.contains(d)) && !told_day(&original)
}

/// A weekday named as a day in `text` (not opening a name: "Fridays For Future", "the Sunday Harbour section").
fn told_day(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().any(|(k, w)| {
        let day = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        let day = day.strip_suffix('s').filter(|d| lexicon::weekday_name(d).is_some()).map_or(day.clone(), str::to_owned);
        lexicon::weekday_name(&day).is_some() && !words.get(k + 1).is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase))
    })
}

/// "Ann Lee is a Metro reporter covering the port. ... She was part of the
/// team that won the 2019 Sea Prize.": a short paragraph opened by a name
/// and "is a ... reporter" presents the writer, so its dates are a career's.
/// A weekday that opens a section's or a paper's name ("the Sunday Harbour
/// section") is no day of the news. (`original` keeps the line's capitals.)
fn introduced_writer(original: &str) -> bool {
    let words: Vec<&str> = original.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let opens = words.len() > 4 && capital(words[0]) && capital(words[1]) && matches!(words[2], "is" | "ist" | "est" | "es" | "jest");
    let role = opens && {
        let head = words[3..words.len().min(9)].join(" ").to_lowercase();
        ROLES.iter().any(|r| head.contains(r)) || head.contains("editor") || head.contains("writer")
    };
    let lower = original.to_lowercase();
    let news_day = NEWS_DAYS.iter().any(|d| lower.contains(d))
        || words.windows(2).any(|w| {
            let day = w[0].trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            lexicon::weekday_name(&day).is_some() && !capital(w[1])
        })
        || words.last().is_some_and(|w| lexicon::weekday_name(&w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()).is_some());
    original.chars().count() <= 500 && role && !news_day
}

/// "(2018, Wine Intelligence)", "(2018; Polish edition ...)": a bare year
/// opening brackets, then a comma or a semicolon and a source's name or an
/// edition. ("(1990-2000)" is a span; "(2018, when the port closed)" tells.)
fn cited_year(quote: &str, after: &str) -> bool {
    if quote.len() != 4 || !quote.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let Some(rest) = after.strip_prefix([',', ';']) else { return false };
    let next: String = rest.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = next.to_lowercase();
    next.chars().next().is_some_and(char::is_uppercase)
        || matches!(
            lower.as_str(),
            "polskie"
                | "edition"
                | "ed"
                | "trans"
                | "translated"
                | "published"
                | "wydanie"
                | "ausgabe"
                | "édition"
                | "edición"
                | "p"
                | "pp"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credited(text: &str, quote: &str) -> bool {
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        let chars: Vec<char> = text.chars().collect();
        in_credits(&chars, start, start + quote.chars().count())
    }

    #[test]
    fn an_author_s_bio_is_no_story() {
        assert!(credited("The port reopened.\nAnn Lee is a reporter at the Harbour Post. She joined the team in June 2019 after six years at Sea News.\n", "June 2019"));
        assert!(credited("Lena BeckRedakteurin für HafenSchreibt seit 2008 für die Post.\n", "2008"));
        assert!(!credited("The reporter, who joined the paper in 2010, was held on Monday.\n", "2010"));
        assert!(!credited("The port joined the network in 2010 and grew.\n", "2010"));
    }

    #[test]
    fn a_bio_glued_to_its_byline_box_is_no_story() {
        let page = "Schwerpunkt Fridays For Future Hafen13. 1. 2020 Kommentar vonLena BeckRedakteurin für Hafen und UmweltSchreibt seit 2008 für die Post. Beschäftigt sich mit der Frage, ob Häfen grün sein können. War Korrespondentin in Kiel, gründete ein Magazin und besuchte eine Journalistenschule. Ist außerdem Ingenieurin. Themen Hafen Kiel mehr auf post.de zu Hafen Kiel Mehr zum Thema Der Hafen\n";
        assert!(credited(page, "2008"));
        // Both ways: a long paragraph of news with a reporter in it.
        let news = "The port was shut for a week after the storm, and the harbour master said the damage was the worst in decades. Ann Lee, a Harbour Post reporter who joined the paper in 2015, was held at the gate when she tried to photograph the wrecked cranes, and the police kept her camera for two days before a judge ordered it returned to her. The port reopened when the cranes were cleared.\n";
        assert!(!credited(news, "2015"));
        let glued_news = "Harbour newsAnn LeeReporter at the Post, joined the quay protest on Monday in 2015 and was held there for a long time, a very long time, longer than anyone had expected before the judge came in the evening and set her free.\n";
        assert!(!credited(glued_news, "2015"));
    }

    #[test]
    fn a_paragraph_introducing_the_writer_is_no_story() {
        let bio = "The ferry left.\nAnn Lee is a Metro reporter covering the port. She writes the Tide column in the Sunday Harbour section. She was part of the team that won the 2019 Sea Prize. @annlee\n";
        assert!(credited(bio, "2019"));
        // Both ways: news of a reporter, told with its day; a name and "is" opening prose.
        assert!(!credited("Ann Lee is a reporter at the Post. She was held on Sunday after the 2019 protest.\n", "2019"));
        assert!(!credited("Ann Lee is a sailor who crossed the bay in 2019.\n", "2019"));
    }

    #[test]
    fn a_bio_after_a_byline_label_is_no_story() {
        // The label on the bio's own line, or alone on the line above.
        assert!(credited("Der Hafen bleibt offen.\nAutor*in: Jo Berg ist seit 2019 Leiterin des Stadtarchivs.\n", "2019"));
        assert!(credited("The quay reopened.\nAbout the author\nSam Ito has chaired the ferry trust since 2017.\n", "2017"));
        assert!(credited("Author: Sam Ito ran the harbour museum from 2009 to 2015.\n", "2009"));
        // Both ways: a label-like word inside a sentence, or a story line after a label-free line.
        assert!(!credited("The author said the archive moved in 2019.\n", "2019"));
        assert!(!credited("The quay reopened.\nSam Ito has chaired the ferry trust since 2017.\n", "2017"));
        assert!(!credited("Warning from the harbour authority: the pier closed in 2019.\n", "2019"));
        assert!(!credited("Port authority: the pier closed in 2019.\n", "2019"));
    }

    #[test]
    fn a_year_opening_a_citation_is_a_reference() {
        assert!(credited("Sales grew, says a study (2018, Wine Watch) of buyers.", "2018"));
        assert!(credited("Her book In Bed (2018; polskie wydanie 2019) sold well.", "2018"));
        assert!(!credited("He led the port (1990-2000) for a decade.", "1990"));
        assert!(!credited("The storm (2018, when the port closed) was long.", "2018"));
        assert!(!credited("Sales grew in 2018, Wine Watch says.", "2018"));
        assert!(credited("In a scene of the film “Harbour” („Port Story”, 1992) she smiles.", "1992"));
        assert!(!credited("The storm (called “the big one”, in 1992) was long.", "1992"));
    }

    #[test]
    fn a_quoted_title_s_year_in_brackets_is_a_reference() {
        assert!(credited("Texts\n“Harbour Lights: A Story of the Quay ” (1853) Ann Lee\nPrepared by Jo Berg\n", "1853"));
        assert!(credited("Her song \"Low Tide\" (1971) is still sung on the quay.", "1971"));
        // Both ways: a year in brackets after prose, or after a quote without brackets.
        assert!(!credited("The quay was rebuilt (1971) after the flood.", "1971"));
        assert!(!credited("She shouted “enough” in 1971 and left the quay.", "1971"));
        assert!(!credited("The song “Low Tide” (first sung in 1971) is still known.", "1971"));
    }

    #[test]
    fn a_periodical_s_issue_in_brackets_is_a_reference() {
        assert!(credited("Le dossier d'Esprit (décembre 2019), coordonné par Léa Roux, écoute le port.", "décembre 2019"));
        assert!(credited("The spring issue of Harbour Review (May 2019) asked why.", "May 2019"));
        assert!(credited("Das Heft von Hafen Heute (März 2020) fragt nach.", "März 2020"));
        // Both ways: brackets after a name that is no periodical's issue, or a dated event.
        assert!(!credited("The storm of Harbour Day (May 2019) sank two boats.", "May 2019"));
        assert!(!credited("The dossier of Ann Lee was sent in May 2019.", "May 2019"));
        assert!(!credited("The ferry strike (May 2019) closed the quay.", "May 2019"));
        // The tagger may date the year alone, the month left in the brackets.
        assert!(credited("Le numéro de Port Magazine (décembre 2019) s'ouvre sur le quai.", "2019"));
        assert!(!credited("La grève du port (décembre 2019) a fermé le quai.", "2019"));
    }
}
