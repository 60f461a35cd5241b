//! The word lists the speaker finder reads, kept as data files beside this module (one word or
//! name a line, `#` comments) and loaded once into one map: a lookup answers every list at once.
//! What each list holds and where it came from is said at the top of its file.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::{FastHash, fold_word, is_folded};

/// Gender a word marks (a first name, a title, a noun), as far as it marks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    Female,
    Male,
    #[default]
    Unknown,
}

/// What a multi-word or single name is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    Place,
    Outlet,
    Org,
}

/// One bit per list a word is in.
pub mod list {
    pub const CUE: u32 = 1;
    /// A cue that counts only right by a quotation or a subject.
    pub const CUE_WEAK: u32 = 1 << 1;
    /// A verb that frames words without saying them (`called it "…"`).
    pub const CUE_FRAME: u32 = 1 << 2;
    /// `Mr`, `Dr`: the name after it is a person's.
    pub const COURTESY: u32 = 1 << 3;
    /// `Sir`, `Dame`: kept in the name.
    pub const KEPT: u32 = 1 << 4;
    /// A post written before a name (`President`, `coach`).
    pub const OFFICE: u32 = 1 << 5;
    /// A word of a role phrase before a name (`former`, `shadow`).
    pub const MODIFIER: u32 = 1 << 6;
    pub const PERSON_NOUN: u32 = 1 << 7;
    pub const ORG_NOUN: u32 = 1 << 8;
    pub const DOCUMENT: u32 = 1 << 9;
    pub const FUNCTION: u32 = 1 << 10;
    pub const COMMON: u32 = 1 << 11;
    pub const FIRST_NAME: u32 = 1 << 12;
    pub const ORG_WORD: u32 = 1 << 13;
    pub const TEAM_WORD: u32 = 1 << 14;
    pub const PLACE_WORD: u32 = 1 << 15;
    pub const EVENT_WORD: u32 = 1 << 16;
    pub const TIME_WORD: u32 = 1 << 17;
    /// `American`, `Swedish`: capitalised, never a name.
    pub const DEMONYM: u32 = 1 << 18;
    /// `told`, `urged`: a cue whose object is the one spoken to (`told the BBC`).
    pub const CUE_ADDRESSED: u32 = 1 << 19;
    /// Any title: courtesy, kept, office or modifier.
    pub const TITLE: u32 = COURTESY | KEPT | OFFICE | MODIFIER;
}

/// Everything the lists say of one word (lower case, accents folded).
#[derive(Debug, Clone, Copy, Default)]
pub struct Entry {
    pub bits: u32,
    /// The gender its first-name, title or noun use marks.
    pub gender: Gender,
    /// The particle a cue needs after it (`went on`).
    pub particle: Option<&'static str>,
}

impl Entry {
    pub fn is(&self, bits: u32) -> bool {
        self.bits & bits != 0
    }
}

pub struct Lexicon {
    /// (Keys borrow the compiled-in lists, folded already but for the few that need it: a
    /// process builds the lists once, and 15,000 allocations and a growing table were most of
    /// a short run's time.)
    words: HashMap<&'static str, Entry, FastHash>,
    /// Whole names (lower case, single spaces, no leading `the`).
    names: HashMap<&'static str, Known, FastHash>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The lexicon, loaded on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// The lines of a data file that hold data: comments and blank lines dropped.
fn lines(file: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn gender_of(code: Option<&&str>) -> Gender {
    match code.copied() {
        Some("f") => Gender::Female,
        Some("m") => Gender::Male,
        _ => Gender::Unknown,
    }
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon {
            words: HashMap::with_capacity_and_hasher(16_384, FastHash::default()),
            names: HashMap::with_capacity_and_hasher(1_024, FastHash::default()),
        };
        for f in lines(include_str!("cues.txt")) {
            let bits = list::CUE
                | match f.get(1).copied() {
                    Some("weak") => list::CUE_WEAK,
                    Some("frame") => list::CUE_FRAME,
                    Some("addressed") => list::CUE_ADDRESSED,
                    _ => 0,
                };
            let e = lex.entry(f[0]);
            e.bits |= bits;
            e.particle = f.get(2).copied();
        }
        for f in lines(include_str!("titles.txt")) {
            let bits = match f.get(1).copied() {
                Some("courtesy") => list::COURTESY,
                Some("kept") => list::KEPT,
                Some("office") => list::OFFICE,
                _ => list::MODIFIER,
            };
            let gender = gender_of(f.get(2));
            let e = lex.entry(f[0]);
            e.bits |= bits;
            if gender != Gender::Unknown {
                e.gender = gender;
            }
        }
        for f in lines(include_str!("person_nouns.txt")) {
            let gender = gender_of(f.get(1));
            let e = lex.entry(f[0]);
            e.bits |= list::PERSON_NOUN;
            if gender != Gender::Unknown {
                e.gender = gender;
            }
        }
        for (file, bit) in [
            (include_str!("org_nouns.txt"), list::ORG_NOUN),
            (include_str!("documents.txt"), list::DOCUMENT),
            (include_str!("function_words.txt"), list::FUNCTION),
            (include_str!("common_words.txt"), list::COMMON),
            (include_str!("demonyms.txt"), list::DEMONYM),
        ] {
            for f in lines(file) {
                lex.entry(f[0]).bits |= bit;
            }
        }
        for f in lines(include_str!("first_names.txt")) {
            let e = lex.entry(f[0]);
            e.bits |= list::FIRST_NAME;
            // A title's or noun's gender stands, and a title or noun that is also someone's
            // first name (`star`, `major`) marks no gender by it.
            if e.gender == Gender::Unknown && !e.is(list::TITLE | list::PERSON_NOUN) {
                e.gender = gender_of(f.get(1));
            }
        }
        for f in lines(include_str!("org_words.txt")) {
            let bit = match f.get(1).copied() {
                Some("team") => list::TEAM_WORD,
                Some("place") => list::PLACE_WORD,
                Some("event") => list::EVENT_WORD,
                Some("time") => list::TIME_WORD,
                _ => list::ORG_WORD,
            };
            lex.entry(f[0]).bits |= bit;
        }
        for (file, known) in [
            (include_str!("places.txt"), Known::Place),
            (include_str!("outlets.txt"), Known::Outlet),
            (include_str!("organisations.txt"), Known::Org),
        ] {
            for f in lines(file) {
                lex.names.entry(f[0]).or_insert(known);
            }
        }
        lex
    }

    fn entry(&mut self, word: &'static str) -> &mut Entry {
        // (The few that need folding, accented names, are leaked: the lists live as long as
        // the process, built once.)
        let key: &'static str = if is_folded(word) {
            word
        } else {
            Box::leak(fold_word(word).into_boxed_str())
        };
        self.words.entry(key).or_default()
    }

    /// What the lists say of a word (any case; accents and curly apostrophes folded).
    pub fn get(&self, word: &str) -> Entry {
        if let Some(e) = self.words.get(word) {
            return *e;
        }
        let e = self.get_whole(word);
        if e.bits != 0 {
            return e;
        }
        // A hyphenated post is the post its last part names (`Under-Secretary`,
        // `Vice-Chairman`, `ex-Minister`): a role before a name, not part of it.
        match word.rsplit_once('-') {
            Some((head, last)) if !head.is_empty() && !last.is_empty() => {
                let part = self.get_whole(last);
                let role = list::OFFICE | list::PERSON_NOUN;
                Entry {
                    bits: part.bits & role,
                    gender: if part.is(role) {
                        part.gender
                    } else {
                        Gender::Unknown
                    },
                    particle: None,
                }
            }
            _ => e,
        }
    }

    fn get_whole(&self, word: &str) -> Entry {
        if let Some(e) = self.words.get(word) {
            return *e;
        }
        // (Already folded: the lookup above was the folded one.)
        if is_folded(word) {
            return Entry::default();
        }
        self.words
            .get(fold_word(word).as_str())
            .copied()
            .unwrap_or_default()
    }

    /// Is the word in any of `bits`' lists?
    pub fn is(&self, word: &str, bits: u32) -> bool {
        self.get(word).is(bits)
    }

    /// What a whole name is known to be (`new york`, `washington post`, `white house`), given
    /// its words; a leading `the` is ignored.
    pub fn known<S: AsRef<str>>(&self, words: &[S]) -> Option<Known> {
        let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        let words = match words.first() {
            Some(w) if w.eq_ignore_ascii_case("the") => &words[1..],
            _ => &words[..],
        };
        if words.is_empty() {
            return None;
        }
        let key = words
            .iter()
            .map(|w| fold_word(w.trim_end_matches('.')))
            .collect::<Vec<_>>()
            .join(" ");
        self.names.get(key.as_str()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        let lex = lexicon();
        assert!(lex.is("said", list::CUE));
        assert!(!lex.is("said", list::CUE_WEAK));
        assert!(lex.is("called", list::CUE_FRAME));
        assert_eq!(lex.get("went").particle, Some("on"));
        assert!(lex.is("Under-Secretary", list::OFFICE));
        assert!(lex.is("ex-minister", list::OFFICE));
        assert_eq!(lex.get("star").gender, Gender::Unknown);
        assert_eq!(lex.get("actress").gender, Gender::Female);
        assert!(!lex.is("Smith-Jones", list::TITLE | list::PERSON_NOUN));
        assert!(lex.is("Mr", list::COURTESY));
        assert_eq!(lex.get("mrs").gender, Gender::Female);
        assert_eq!(lex.get("Hillary").gender, Gender::Female);
        assert_eq!(lex.get("josé").gender, Gender::Male);
        assert!(lex.is("spokeswoman", list::PERSON_NOUN));
        assert!(lex.is("struggling", list::COMMON));
        assert!(!lex.is("leibenluft", list::COMMON | list::FIRST_NAME));
        assert_eq!(
            lex.known(&["The", "Washington", "Post"]),
            Some(Known::Outlet)
        );
        assert_eq!(lex.known(&["Ukraine"]), Some(Known::Place));
        assert_eq!(lex.known(&["White", "House"]), Some(Known::Org));
        assert_eq!(lex.known(&["Adam", "Curry"]), None);
    }
}
