//! Words as the index and the alignment see them: runs of letters and digits, apostrophes
//! inside a word kept (it's, O'Sullivan), everything else a separator; folded so that case,
//! curly apostrophes and common accents never make two spellings of one word differ.

use std::ops::Range;

use super::fold::{fold_char, is_apostrophe};

/// One word of a text: its byte range and the hash of its folded form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
}

impl Word {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The hash of a word's folded form, computed without allocating.
pub fn hash_word(word: &str) -> u64 {
    let mut h = WordHash::default();
    let mut buf = [0u8; 4];
    for c in word.chars() {
        let c = if is_apostrophe(c) { '\'' } else { fold_char(c) };
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h.byte(b);
        }
    }
    h.finish()
}

/// A word's hash (FNV-1a over its folded bytes, then a final mix), fed a byte at a time.
/// The persisted index depends on it: see `hash_is_stable`. (A hash packing 8 bytes per
/// multiply tokenized ~15% faster in a micro-run, a few percent of indexing; but which
/// 4-word quotations the winnowing happens to catch changes with the hash, and the one
/// 4-word quotation of the dev set was lost with it, so FNV stays.)
struct WordHash {
    h: u64,
}

impl Default for WordHash {
    fn default() -> Self {
        WordHash { h: FNV_OFFSET }
    }
}

impl WordHash {
    #[inline(always)]
    fn byte(&mut self, b: u8) {
        self.h = (self.h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }

    /// A final mix so that the low bits, which the index keeps, depend on every byte.
    #[inline(always)]
    fn finish(&self) -> u64 {
        let mut h = self.h;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Splits text into words. An apostrophe belongs to a word only between two letters
/// (`it's`, `O'Sullivan`), so quotation marks made of apostrophes never join a word.
///
/// This is the indexer's inner loop, so ASCII bytes take a fast path and each word's hash is
/// computed as it is read; the result is the same as `hash_word` on the word's text.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    scan(text, |start, end, hash| out.push(Word { start, end, hash }));
    out
}

/// The hashes of `words(text)`, without their ranges: what the indexer needs, in a third of
/// the memory.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    scan(text, |_, _, hash| out.push(hash));
    out
}

/// The one tokenizer loop behind `words` and `word_hashes`: calls `emit(start, end, hash)`
/// for each word in order. ASCII letters and digits never leave the byte loop.
#[inline(always)]
fn scan(text: &str, mut emit: impl FnMut(usize, usize, u64)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if ASCII[b as usize] == 0 {
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
        }
        let start = i;
        let mut h = WordHash::default();
        loop {
            let folded = ASCII[bytes[i] as usize];
            if folded != 0 {
                h.byte(folded);
                i += 1;
            } else {
                let (c, len) = char_at(text, i);
                if c.is_alphanumeric() {
                    let mut buf = [0u8; 4];
                    for &b in fold_char(c).encode_utf8(&mut buf).as_bytes() {
                        h.byte(b);
                    }
                } else if is_apostrophe(c)
                    && i > start
                    && i + len < n
                    && char_at(text, i + len).0.is_alphanumeric()
                {
                    h.byte(b'\'');
                } else {
                    break;
                }
                i += len;
            }
            if i >= n {
                break;
            }
        }
        emit(start, i, h.finish());
    }
}

/// Each byte's folded form when it is an ASCII letter or digit, else 0 (separators and the
/// bytes of other characters): the tokenizer's test and fold in one load.
static ASCII: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The character at byte `i` and its length, with a fast path for ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::super::fold::fold_word;
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).iter().map(|w| &s[w.range()]).collect()
    }

    #[test]
    fn apostrophes_inside_words_only() {
        assert_eq!(
            texts("'It's O’Sullivan's,' he said"),
            ["It's", "O’Sullivan's", "he", "said"]
        );
        assert_eq!(texts("players' boots"), ["players", "boots"]);
    }

    #[test]
    fn typography_and_case_fold_to_one_hash() {
        assert_eq!(hash_word("It’s"), hash_word("it's"));
        assert_eq!(hash_word("Sinéad"), hash_word("sinead"));
        assert_ne!(hash_word("six"), hash_word("sixfold"));
        assert_eq!(fold_word("Don’t"), "don't");
    }

    /// The persisted index stores these hashes: changing them must bump the cache version.
    #[test]
    fn hash_is_stable() {
        assert_eq!(
            hash_word("quotation"),
            0xf451_65d8_2a4b_7711,
            "{:#x}",
            hash_word("quotation")
        );
    }

    #[test]
    fn streaming_hash_is_hash_word() {
        let text = "It’s O'Sullivan's ‘quote’ — Шевченко SINÉAD naïve 'n' ’90s x' 'y 3.5% done";
        for w in words(text) {
            assert_eq!(
                w.hash,
                hash_word(&text[w.range()]),
                "{:?}",
                &text[w.range()]
            );
        }
    }

    #[test]
    fn word_hashes_are_the_words_hashes() {
        let text = "It’s O'Sullivan's ‘quote’ — Шевченко SINÉAD naïve 'n' ’90s x' 'y 3.5% done\n\
                    Ünïcödé at the end: café";
        for cut in 0..=text.len() {
            let Some(t) = text.get(..cut) else { continue };
            let want: Vec<u64> = words(t).iter().map(|w| w.hash).collect();
            assert_eq!(word_hashes(t), want, "{t:?}");
        }
    }

    #[test]
    fn hyphens_dashes_and_numbers_separate() {
        assert_eq!(
            texts("ill thought-out — £120,000"),
            ["ill", "thought", "out", "120", "000"]
        );
        assert_eq!(texts("Шевченко сказав"), ["Шевченко", "сказав"]);
    }
}
