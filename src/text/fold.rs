//! Folding, the one definition of "the same word": lower case, curly apostrophes as `'`, and
//! the accents of the Latin letters news copy uses dropped. Shared with the build script, which
//! folds the speaker finder's word lists into the tables compiled into the binary (so this
//! file uses nothing but `std`).

pub fn is_apostrophe(c: char) -> bool {
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

/// Is `word` its own folded form (ASCII with no capital and no backtick), so that
/// `fold_word` would return it unchanged?
pub fn is_folded(word: &str) -> bool {
    word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase() || b == b'`')
}

/// The folded form of a word's text (as `words` cut it): lower case, apostrophes as `'`.
pub fn fold_word(word: &str) -> String {
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { fold_char(c) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_folded_exactly_when_folding_leaves_it_unchanged() {
        for w in [
            "may", "o'neill", "st.", "x-ray", "May", "arsène", "don`t", "don’t", "ÉCU",
        ] {
            assert_eq!(is_folded(w), fold_word(w) == w, "{w}");
        }
        assert!(is_folded("may") && !is_folded("May") && !is_folded("arsène"));
    }
}
