//! The word lists the speaker finder reads, kept as data files beside this module (one word or
//! name a line, `#` comments) and compiled by `build.rs` into one table: a lookup answers
//! every list at once.
//! What each list holds and where it came from is said at the top of its file.

use crate::text::{fold_word, hash_str, is_folded};

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
pub mod list;

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

/// The lists as compiled into the binary by `build.rs`: nothing to build at start-up.
pub struct Lexicon {
    words: Table,
    names: Table,
}

mod tables {
    include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));
}

/// One of `build.rs`'s tables: keys one after another in `text`, found by hash in `slots`.
struct Table {
    text: &'static str,
    ends: &'static [u32],
    slots: &'static [u16],
}

impl Table {
    fn key(&self, k: usize) -> &'static str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    /// The index of `key`, if the table holds it.
    fn find(&self, key: &str) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = (hash_str(key) >> (64 - self.slots.len().trailing_zeros())) as usize;
        loop {
            let k = self.slots[i];
            if k == u16::MAX {
                return None;
            }
            if self.key(usize::from(k)) == key {
                return Some(usize::from(k));
            }
            i = (i + 1) & mask;
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.ends.len()
    }
}

static LEXICON: Lexicon = Lexicon {
    words: Table {
        text: tables::WORD_TEXT,
        ends: &tables::WORD_ENDS,
        slots: &tables::WORD_SLOTS,
    },
    names: Table {
        text: tables::NAME_TEXT,
        ends: &tables::NAME_ENDS,
        slots: &tables::NAME_SLOTS,
    },
};

/// The lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// The entry of a folded word, if a list holds it.
    fn lookup(&self, word: &str) -> Option<Entry> {
        let k = self.words.find(word)?;
        let meta = tables::WORD_META[k];
        Some(Entry {
            bits: tables::WORD_BITS[k],
            gender: match meta & 3 {
                1 => Gender::Female,
                2 => Gender::Male,
                _ => Gender::Unknown,
            },
            particle: match usize::from(meta >> 2) {
                0 => None,
                p => Some(tables::PARTICLES[p - 1]),
            },
        })
    }

    /// What the lists say of a word (any case; accents and curly apostrophes folded).
    pub fn get(&self, word: &str) -> Entry {
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
        if let Some(e) = self.lookup(word) {
            return e;
        }
        // (Already folded: the lookup above was the folded one.)
        if is_folded(word) {
            return Entry::default();
        }
        self.lookup(&fold_word(word)).unwrap_or_default()
    }

    /// Is the word in any of `bits`' lists?
    pub fn is(&self, word: &str, bits: u32) -> bool {
        self.get(word).is(bits)
    }

    /// What a whole name is known to be (`new york`, `washington post`, `white house`), given
    /// its words; a leading `the` is ignored unless the name keeps it (`the hague`).
    pub fn known<S: AsRef<str>>(&self, words: &[S]) -> Option<Known> {
        let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        let key = |words: &[&str]| {
            words
                .iter()
                .map(|w| fold_word(w.trim_end_matches('.')))
                .collect::<Vec<_>>()
                .join(" ")
        };
        // (A few names keep their `the`: `The Hague`, `The Australian`, `The Verge`.)
        let k = match words.first() {
            Some(w) if w.eq_ignore_ascii_case("the") => {
                self.names.find(&key(&words)).or_else(|| {
                    self.names
                        .find(&key(&words[1..]))
                        .filter(|_| words.len() > 1)
                })?
            }
            Some(_) => self.names.find(&key(&words))?,
            None => return None,
        };
        Some(match tables::NAME_KNOWN[k] {
            0 => Known::Place,
            1 => Known::Outlet,
            _ => Known::Org,
        })
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
        assert_eq!(lex.known(&["The", "Hague"]), Some(Known::Place));
        assert_eq!(lex.known(&["The", "Australian"]), Some(Known::Outlet));
        assert_eq!(lex.known(&["Australian"]), None);
        assert_eq!(lex.known(&["The"]), None);
    }

    #[test]
    fn every_compiled_key_is_found_where_it_is() {
        let lex = lexicon();
        for table in [&lex.words, &lex.names] {
            assert!(table.len() > 100 && table.slots.len() >= 2 * table.len());
            for k in 0..table.len() {
                assert_eq!(table.find(table.key(k)), Some(k), "{:?}", table.key(k));
            }
            for absent in ["", "leibenluft", "saidx", "sai", "new yorkx"] {
                assert_eq!(table.find(absent), None, "{absent:?}");
            }
        }
        // Sorted as the build script wrote them, and folded: what `get` looks up.
        let words: Vec<&str> = (0..lex.words.len()).map(|k| lex.words.key(k)).collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(words.iter().all(|w| fold_word(w) == *w));
        assert!(words.contains(&"arsene") && !words.contains(&"arsène"));
        assert_eq!(lex.get("Beyoncé").gender, Gender::Female);
    }
}
