//! Speech as writers edit it: in a transcript, fillers (`um`, `you know`), false starts
//! and repeated words that a quotation leaves out are normal editing, not an alteration.
//! `tidy` finds such drops among a finding's changes and gives them the class `filler`.

use super::{Change, ChangeClass};
use crate::sources::Article;
use crate::text::fold_word;

/// Sounds that are never words of a sentence.
const SOUNDS: &[&str] = &[
    "um", "umm", "uh", "uhh", "uhm", "er", "erm", "err", "ah", "ahh", "eh", "hmm", "hm", "mm",
    "mmm", "mhm",
];

/// Words that are fillers only when set off by a comma or a dash (`it was, like, huge`; not
/// `I'd like to`), `I mean` and `you know` included.
const SET_OFF: &[&[&str]] = &[
    &["you", "know"],
    &["i", "mean"],
    &["like"],
    &["you", "see"],
    &["sort", "of"],
    &["kind", "of"],
    &["well"],
    &["so"],
];

/// A false start is at most this many words broken off by a dash or an ellipsis.
const FALSE_START: usize = 5;

/// Marks the changes that only drop fillers, false starts or repeated words of a
/// transcript's speaker as `ChangeClass::Filler`. Anything else the writer changed stays
/// what it was: a negation, a number or a word dropped that the speaker meant is kept.
pub(super) fn tidy(article: &Article, changes: &mut [Change]) {
    for c in changes.iter_mut() {
        if c.class == ChangeClass::Word && c.draft.is_empty() && is_editing(article, c) {
            c.class = ChangeClass::Filler;
        }
    }
}

/// Are the source words a change drops fillers, a repeat of the words beside them, or a
/// false start?
fn is_editing(article: &Article, c: &Change) -> bool {
    let all = &article.words;
    let lo = all.partition_point(|w| w.start < c.source_range.start);
    let hi = all.partition_point(|w| w.end <= c.source_range.end);
    if lo >= hi {
        return false;
    }
    let text = &article.text;
    let token = |k: usize| fold_word(&text[all[k].start..all[k].end]);
    // What is left once the fillers are taken out.
    let mut left: Vec<usize> = Vec::new();
    let mut k = lo;
    'words: while k < hi {
        if SOUNDS.contains(&token(k).as_str()) {
            k += 1;
            continue;
        }
        for phrase in SET_OFF {
            let end = k + phrase.len();
            if end <= hi
                && (k..end).zip(phrase.iter()).all(|(j, p)| token(j) == *p)
                && set_off(text, all[k].start, all[end - 1].end)
            {
                k = end;
                continue 'words;
            }
        }
        left.push(k);
        k += 1;
    }
    if left.is_empty() {
        return true;
    }
    let hashes = |ks: &[usize]| -> Vec<u64> { ks.iter().map(|&k| all[k].hash).collect() };
    let kept = hashes(&left);
    let n = kept.len();
    // Said twice: the same words right after the run, or right before it.
    let after: Vec<usize> = (hi..(hi + n).min(all.len())).collect();
    let before: Vec<usize> = (lo.saturating_sub(n)..lo).collect();
    if hashes(&after) == kept || (before.len() == n && hashes(&before) == kept) {
        return true;
    }
    // Broken off: a few words the speaker cut short with a dash or an ellipsis.
    let last = all[*left.last().unwrap_or(&lo)].end;
    n <= FALSE_START && broken_off(&text[last..])
}

/// Does the phrase at `start..end` stand apart from its sentence: a comma, dash or
/// sentence break before it (or the start of the turn) and a comma or dash after it?
fn set_off(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let opens = before.is_empty()
        || before.ends_with([',', '—', '–', '-', '.', '?', '!', ':', ';', '…'])
        || before.ends_with('\n');
    opens && after.starts_with([',', '—', '–', '-', '…'])
}

/// Is the text after a word a break in the sentence: a dash or an ellipsis?
fn broken_off(after: &str) -> bool {
    let after = after.trim_start_matches([' ', ',']);
    after.starts_with(['—', '–', '…'])
        || after.starts_with("--")
        || after.starts_with("...")
        || after.starts_with("- ")
}

/// Is a word a sound such as `um` (for tests and the edits set)?
#[cfg(test)]
fn is_sound(word: &str) -> bool {
    use crate::text::hash_word;
    SOUNDS.iter().any(|s| hash_word(s) == hash_word(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Format;

    /// The drop of `dropped` (found at or after `from` in `text`) as a change.
    fn drop_of(text: &str, dropped: &str, from: usize) -> Change {
        let at = from + text[from..].find(dropped).unwrap();
        Change {
            class: ChangeClass::Word,
            draft: String::new(),
            source: dropped.to_string(),
            draft_range: 0..0,
            source_range: at..at + dropped.len(),
            apart: None,
        }
    }

    fn tidied(text: &str, dropped: &str, from: usize) -> bool {
        let a = Article::new(text.to_string(), Format::Plain);
        let mut changes = [drop_of(text, dropped, from)];
        tidy(&a, &mut changes);
        changes[0].class == ChangeClass::Filler
    }

    #[test]
    fn fillers_repeats_and_false_starts() {
        assert!(is_sound("Um"));
        let t = "Anna: We will, um, we will not sell the, the port, you know, ever.";
        assert!(tidied(t, "um", 0));
        assert!(tidied(t, "We will, um", 0));
        assert!(tidied(t, "um, we will", 0));
        assert!(tidied(t, "the", t.find("the,").unwrap()));
        assert!(tidied(t, "you know", 0));
        let f = "Anna: The plan was — the board chose to wait.";
        assert!(tidied(f, "The plan was", 0));
    }

    #[test]
    fn words_that_carry_meaning_stay_alterations() {
        let t = "Anna: I would like to sell the port, you see the cost.";
        assert!(!tidied(t, "like", 0));
        assert!(!tidied(t, "the port", 0));
        assert!(!tidied(t, "you see", 0));
        let n = "Anna: We will not sell.";
        assert!(!tidied(n, "not", 0));
        // A long stretch before a dash is not a false start.
        let long = "Anna: The plan that the board made last spring was — we wait.";
        assert!(!tidied(
            long,
            "The plan that the board made last spring was",
            0
        ));
    }
}
