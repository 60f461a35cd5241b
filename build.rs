//! Compiles the speaker finder's word lists (`src/draft/lexicon/*.txt`) into static tables, so
//! that a process finds them built: reading 16,000 lines into a hash map at start-up took
//! ~6 ms, most of a short `verbatim quotes` run and of a new server's first check.
//!
//! Out: `$OUT_DIR/lexicon.rs`, included by `src/draft/lexicon/mod.rs`: for the words and for
//! the whole names, the folded keys one after another in one string with their end offsets,
//! what each says, and an open-addressing slot table (linear probing, at most half full)
//! laid out by `text::hash_str`. The folding, the hash and the list bits are the crate's own
//! files, included here by path, so the tables and their lookups cannot disagree.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/text/fold.rs"]
mod fold;

#[allow(dead_code)]
#[path = "src/text/fasthash.rs"]
mod fasthash;

#[allow(dead_code)]
#[path = "src/draft/lexicon/list.rs"]
mod list;

const LISTS: &str = "src/draft/lexicon";

/// What the lists say of one folded word, as the tables store it.
#[derive(Default)]
struct Entry {
    bits: u32,
    /// 0 unknown, 1 female, 2 male (`lexicon::Gender` reads it back).
    gender: u8,
    particle: Option<&'static str>,
}

impl Entry {
    fn is(&self, bits: u32) -> bool {
        self.bits & bits != 0
    }
}

fn gender_of(code: Option<&&str>) -> u8 {
    match code.copied() {
        Some("f") => 1,
        Some("m") => 2,
        _ => 0,
    }
}

/// The data lines of a list (comments and blank lines dropped), split at tabs. (The file's
/// text is kept for the rest of this short-lived script, so the fields can borrow it.)
fn lines(name: &str) -> Vec<Vec<&'static str>> {
    let path = Path::new(LISTS).join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let text: &'static str = Box::leak(text.into_boxed_str());
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect()
}

fn entry<'a>(words: &'a mut BTreeMap<String, Entry>, word: &str) -> &'a mut Entry {
    words.entry(fold::fold_word(word)).or_default()
}

/// Every word's entry, the lists merged in a fixed order (a title's or noun's gender stands
/// over a first name's).
fn words() -> BTreeMap<String, Entry> {
    let mut words: BTreeMap<String, Entry> = BTreeMap::new();
    for f in lines("cues.txt") {
        let bits = list::CUE
            | match f.get(1).copied() {
                Some("weak") => list::CUE_WEAK,
                Some("frame") => list::CUE_FRAME,
                Some("addressed") => list::CUE_ADDRESSED,
                _ => 0,
            };
        let e = entry(&mut words, f[0]);
        e.bits |= bits;
        e.particle = f.get(2).copied();
    }
    for f in lines("titles.txt") {
        let bits = match f.get(1).copied() {
            Some("courtesy") => list::COURTESY,
            Some("kept") => list::KEPT,
            Some("office") => list::OFFICE,
            _ => list::MODIFIER,
        };
        let e = entry(&mut words, f[0]);
        e.bits |= bits;
        let gender = gender_of(f.get(2));
        if gender != 0 {
            e.gender = gender;
        }
    }
    for f in lines("person_nouns.txt") {
        let e = entry(&mut words, f[0]);
        e.bits |= list::PERSON_NOUN;
        let gender = gender_of(f.get(1));
        if gender != 0 {
            e.gender = gender;
        }
    }
    for (file, bit) in [
        ("org_nouns.txt", list::ORG_NOUN),
        ("documents.txt", list::DOCUMENT),
        ("function_words.txt", list::FUNCTION),
        ("common_words.txt", list::COMMON),
        ("demonyms.txt", list::DEMONYM),
    ] {
        for f in lines(file) {
            entry(&mut words, f[0]).bits |= bit;
        }
    }
    for f in lines("first_names.txt") {
        let e = entry(&mut words, f[0]);
        e.bits |= list::FIRST_NAME;
        // A title or noun that is also someone's first name (`star`, `major`) marks no
        // gender by it.
        if e.gender == 0 && !e.is(list::TITLE | list::PERSON_NOUN) {
            e.gender = gender_of(f.get(1));
        }
    }
    for f in lines("org_words.txt") {
        let bit = match f.get(1).copied() {
            Some("team") => list::TEAM_WORD,
            Some("place") => list::PLACE_WORD,
            Some("event") => list::EVENT_WORD,
            Some("time") => list::TIME_WORD,
            _ => list::ORG_WORD,
        };
        entry(&mut words, f[0]).bits |= bit;
    }
    words
}

/// Whole names (as written in the lists: lower case, single spaces) and what each is
/// (0 place, 1 outlet, 2 organisation; the first list a name is in wins).
fn names() -> BTreeMap<String, u8> {
    let mut names = BTreeMap::new();
    for (file, known) in [
        ("places.txt", 0),
        ("outlets.txt", 1),
        ("organisations.txt", 2),
    ] {
        for f in lines(file) {
            names.entry(f[0].to_string()).or_insert(known);
        }
    }
    names
}

/// Writes one table: `{NAME}_TEXT` (the keys one after another), `{NAME}_ENDS` (each key's
/// end in it) and `{NAME}_SLOTS` (key index by hash, `u16::MAX` where empty).
fn table(out: &mut String, name: &str, keys: &[&String]) {
    assert!(
        keys.len() < usize::from(u16::MAX),
        "too many keys for u16 slots"
    );
    let size = (keys.len() * 2).next_power_of_two().max(2);
    let bits = size.trailing_zeros();
    let mut slots = vec![u16::MAX; size];
    for (k, key) in keys.iter().enumerate() {
        let mut i = (fasthash::hash_str(key) >> (64 - bits)) as usize;
        while slots[i] != u16::MAX {
            i = (i + 1) & (size - 1);
        }
        slots[i] = k as u16;
    }
    let text: String = keys.iter().map(|k| k.as_str()).collect();
    let mut end = 0;
    let ends: Vec<String> = keys
        .iter()
        .map(|k| {
            end += k.len();
            end.to_string()
        })
        .collect();
    let _ = writeln!(out, "pub(super) static {name}_TEXT: &str = {text:?};");
    let _ = writeln!(
        out,
        "pub(super) static {name}_ENDS: [u32; {}] = [{}];",
        ends.len(),
        ends.join(",")
    );
    let slots: Vec<String> = slots.iter().map(u16::to_string).collect();
    let _ = writeln!(
        out,
        "pub(super) static {name}_SLOTS: [u16; {size}] = [{}];",
        slots.join(",")
    );
}

fn numbers<T: ToString>(out: &mut String, name: &str, ty: &str, values: &[T]) {
    let values: Vec<String> = values.iter().map(T::to_string).collect();
    let _ = writeln!(
        out,
        "pub(super) static {name}: [{ty}; {}] = [{}];",
        values.len(),
        values.join(",")
    );
}

fn main() {
    println!("cargo:rerun-if-changed={LISTS}");
    for shared in ["src/text/fold.rs", "src/text/fasthash.rs"] {
        println!("cargo:rerun-if-changed={shared}");
    }
    let mut out = String::from("// Made by build.rs from src/draft/lexicon/*.txt.\n");

    let words = words();
    let keys: Vec<&String> = words.keys().collect();
    table(&mut out, "WORD", &keys);
    let mut particles: Vec<&str> = Vec::new();
    let mut meta = Vec::new();
    for e in words.values() {
        // Gender in the low two bits, then the particle's index + 1 (0: none).
        let p = match &e.particle {
            Some(p) => match particles.iter().position(|q| q == p) {
                Some(i) => i + 1,
                None => {
                    particles.push(p);
                    particles.len()
                }
            },
            None => 0,
        };
        assert!(p < 64, "too many particles");
        meta.push(u8::try_from(p << 2).unwrap_or(0) | e.gender);
    }
    let bits: Vec<u32> = words.values().map(|e| e.bits).collect();
    numbers(&mut out, "WORD_BITS", "u32", &bits);
    numbers(&mut out, "WORD_META", "u8", &meta);
    let particles: Vec<String> = particles.iter().map(|p| format!("{p:?}")).collect();
    numbers(&mut out, "PARTICLES", "&str", &particles);

    let names = names();
    let keys: Vec<&String> = names.keys().collect();
    table(&mut out, "NAME", &keys);
    let known: Vec<u8> = names.values().copied().collect();
    numbers(&mut out, "NAME_KNOWN", "u8", &known);

    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&dir).join("lexicon.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
