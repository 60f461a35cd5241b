//! Words as the index and the alignment see them: runs of letters and digits, apostrophes
//! inside a word kept (it's, O'Sullivan), everything else a separator; folded so that case,
//! curly apostrophes and common accents never make two spellings of one word differ.

use std::ops::Range;

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

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')
}

/// Folds one character: lower case, accents dropped for the Latin letters news copy uses.
pub fn fold_char(c: char) -> char {
    let c = if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    };
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ğ' => 'g',
        'đ' => 'd',
        _ => c,
    }
}

/// The folded form of a word's text (as `words` cut it): lower case, apostrophes as `'`.
pub fn fold_word(word: &str) -> String {
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { fold_char(c) })
        .collect()
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash of a word's folded form, computed without allocating.
pub fn hash_word(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in word.chars() {
        let c = if is_apostrophe(c) { '\'' } else { fold_char(c) };
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    // A final mix so that the low bits, which the index keeps, depend on every byte.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Splits text into words. An apostrophe belongs to a word only between two letters
/// (`it's`, `O'Sullivan`), so quotation marks made of apostrophes never join a word.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joins = is_apostrophe(c)
                && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if joins {
                continue;
            }
            out.push(Word {
                start: s,
                end: i,
                hash: hash_word(&text[s..i]),
            });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
            hash: hash_word(&text[s..]),
        });
    }
    out
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn hyphens_dashes_and_numbers_separate() {
        assert_eq!(
            texts("ill thought-out — £120,000"),
            ["ill", "thought", "out", "120", "000"]
        );
        assert_eq!(texts("Шевченко сказав"), ["Шевченко", "сказав"]);
    }
}
