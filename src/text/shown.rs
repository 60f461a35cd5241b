//! Text as it is shown to people: a count with its noun in agreement ("1 quote",
//! "2 conflicts"), a title cut to fit a note, a hover or an inlay hint, and text made one
//! line with single spaces.

use std::borrow::Cow;

/// `n` and the noun, plural unless `n` is 1 (every noun counted here takes an `s`).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The text on one line with single spaces: runs of whitespace, line breaks included, made
/// one space (a name or a phrase taken from wrapped text, a quotation shown on one line).
pub fn one_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Titles are shown in at most about this many characters.
pub const TITLE_CHARS: usize = 60;

/// A title as notes, hovers and inlay hints show it: whole when it is short, else cut at the
/// last word boundary before `TITLE_CHARS` characters with an ellipsis (an article without
/// a headline has its first sentence as its title, often 200 characters).
pub fn short_title(title: &str) -> Cow<'_, str> {
    let title = title.trim();
    let Some((limit, _)) = title.char_indices().nth(TITLE_CHARS) else {
        return Cow::Borrowed(title);
    };
    let head = &title[..limit];
    // A word boundary in the second half, else (one very long word) the limit itself.
    let cut = match head.rfind(char::is_whitespace) {
        Some(space) if head[..space].chars().count() >= TITLE_CHARS / 2 => space,
        _ => limit,
    };
    let kept = head[..cut].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '“' | '"')
    });
    Cow::Owned(format!("{kept}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(0, "conflict"), "0 conflicts");
        assert_eq!(count(1, "conflict"), "1 conflict");
        assert_eq!(count(2, "quote"), "2 quotes");
    }

    #[test]
    fn titles_are_cut_at_a_word_near_60_characters() {
        assert_eq!(short_title("  Kyiv presses Nato  "), "Kyiv presses Nato");
        let exactly = "x".repeat(TITLE_CHARS);
        assert_eq!(short_title(&exactly), exactly.as_str());
        // The first line of examples/corpus/000_a00e7bf67771366e.txt, an article without a
        // headline.
        let sentence = "Ukraine’s Foreign Minister has reiterated the country’s aim to join Nato, \
                        saying it could play a key role in transnational security, in defiance \
                        of Moscow’s insistence that Kyiv does not join the alliance.";
        let short = short_title(sentence);
        assert_eq!(
            short,
            "Ukraine’s Foreign Minister has reiterated the country’s aim…"
        );
        assert!(short.chars().count() <= TITLE_CHARS + 1);
        // Punctuation before the cut goes; one long word is cut where it must be.
        let words = "word ".repeat(11);
        let comma = format!("{}, abcdefghijklmnop", words.trim());
        assert_eq!(short_title(&comma), format!("{}…", words.trim()));
        let long = "ü".repeat(100);
        assert_eq!(short_title(&long), format!("{}…", "ü".repeat(TITLE_CHARS)));
    }
}
