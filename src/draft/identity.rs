//! When two written names are one person: case, accents, titles, roles, initials and
//! possessives folded away (`José Mourinho` = `Jose Mourinho` = `Mr Mourinho`; `Leonard E.
//! Burman` = `Leonard Burman`), and different first names kept apart (`Andy` ≠ `Jason Robinson`).
//! Used to group a text's mentions into people and to compare a draft's speaker with a source's.

use super::lexicon::{lexicon, list};
use crate::text::fold_word;

/// A name's words as identity compares them: folded, titles and roles before the name and
/// generational suffixes after it dropped (`Sen. Ben Cardin Jr.` → `ben`, `cardin`).
pub fn name_parts(name: &str) -> Vec<String> {
    let lex = lexicon();
    let mut words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let w =
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’');
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            fold_word(w).replace('.', "")
        })
        .filter(|w| !w.is_empty() && w != "the")
        .collect();
    // Titles and roles in front: every title word while a word follows.
    while words.len() > 1 && lex.is(&words[0], list::TITLE) && !lex.is(&words[0], list::FIRST_NAME)
    {
        words.remove(0);
    }
    while words.len() > 1
        && matches!(
            words.last().map(String::as_str),
            Some("jr" | "sr" | "ii" | "iii" | "iv")
        )
    {
        words.pop();
    }
    words
}

/// The initials of a name's capitalised words, lower case (`Rugby Football Union`: rfu).
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_lowercase()
}

/// A name written as an acronym (`RFU`, `G8`).
pub fn is_acronym(s: &str) -> bool {
    let s = s
        .trim()
        .trim_start_matches("the ")
        .trim_start_matches("The ");
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
}

/// Can two first names (or a first name and an initial) be one person's?
fn first_names_agree(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // An initial (`J` for `John`).
    if short.chars().count() == 1 {
        return long.starts_with(short);
    }
    // Two words that are not both first names (a role the text wrote as part of the name,
    // `Judicial Watch`) do not tell two people apart.
    let lex = lexicon();
    !(lex.is(a, list::FIRST_NAME) && lex.is(b, list::FIRST_NAME))
}

/// Are two names one person (or one organisation)? Surnames must agree, and first names too
/// when both give a first name the lexicon knows; an organisation may be named by its initials.
pub fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if is_acronym(a) || is_acronym(b) {
        let (short, long) = if is_acronym(a) { (a, b) } else { (b, a) };
        let short: String = short.chars().filter(|c| c.is_alphanumeric()).collect();
        return short.eq_ignore_ascii_case(long.trim())
            || initials(long).ends_with(&short.to_lowercase())
            || is_acronym(long) && initials(long) == short.to_lowercase();
    }
    let (pa, pb) = (name_parts(a), name_parts(b));
    match (pa.last(), pb.last()) {
        (Some(x), Some(y)) if x == y => {
            pa.len() < 2 || pb.len() < 2 || first_names_agree(&pa[0], &pb[0])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_many_spellings() {
        assert!(same_person("José Mourinho", "Jose Mourinho"));
        assert!(same_person("Mr Howard", "Michael Howard"));
        assert!(same_person("Mr. Leibenluft", "Jed Leibenluft"));
        assert!(same_person("Leonard E. Burman", "Leonard Burman"));
        assert!(same_person("J. J. Price", "James Price"));
        assert!(same_person("Sen. Ben Cardin", "Ben Cardin"));
        assert!(same_person("Sir Alex Ferguson", "Alex Ferguson"));
        assert!(same_person("Secretary Clinton", "Hillary Clinton"));
        assert!(same_person("RFU", "Rugby Football Union"));
        assert!(same_person("FA", "Football Association"));
        assert!(same_person("B&B", "Bradford & Bingley"));
        assert!(same_person("Donald Trump's", "Trump"));
    }

    #[test]
    fn different_people_stay_apart() {
        assert!(!same_person("Andy Robinson", "Jason Robinson"));
        assert!(!same_person("Bill Clinton", "Hillary Clinton"));
        assert!(!same_person("Gary Dunn", "Gerhard Florin"));
        assert!(!same_person("FA", "Rugby Football Union"));
    }
}
