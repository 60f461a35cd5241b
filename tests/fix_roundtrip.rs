//! "Use the source's wording" round-trips: for a quotation of the example corpus altered in
//! any of the ways a writer alters one (a word replaced, added or dropped anywhere, two
//! sentences stitched together, the quotation run over two paragraphs), applying the fix
//! and checking again gives `exact`, and nothing outside the quotation's marks changes.

use std::sync::OnceLock;

mod common;

use common::example::{cases, example_corpus};
use proptest::prelude::*;
use verbatim::check::{ChangeClass, CheckOptions, Finding, Wording, check_text, fix};
use verbatim::corpus::DocId;
use verbatim::draft::Format;

fn corpus() -> &'static verbatim::corpus::Corpus {
    example_corpus()
}

/// The corpus's own quotations of ten words or more, each with a later quotation of the
/// same article (for stitching), as plain words.
fn quotations() -> &'static Vec<(String, Option<String>)> {
    static QUOTES: OnceLock<Vec<(String, Option<String>)>> = OnceLock::new();
    QUOTES.get_or_init(|| {
        let mut out = Vec::new();
        for doc in 0..corpus().len() as DocId {
            let Some(article) = corpus().article(doc) else {
                continue;
            };
            let texts: Vec<String> = article
                .quotes()
                .iter()
                .map(|q| q.text.trim().trim_end_matches([',', '.']).to_string())
                .filter(|t| t.split_whitespace().count() >= 10)
                .filter(|t| !t.contains(['[', ']', '…', '"', '“', '”', '‘']) && !t.contains("..."))
                .collect();
            for (i, t) in texts.iter().enumerate() {
                out.push((t.clone(), texts.get(i + 2).cloned()));
            }
        }
        assert!(out.len() >= 5, "too few quotations in examples/corpus");
        out
    })
}

const WORDS: [&str; 8] = [
    "really",
    "government",
    "quite",
    "people",
    "seven",
    "not",
    "Smith",
    "we're",
];

/// One edit: 0 replace, 1 add before, 2 drop, at a position, with a word of `WORDS`.
fn edit(tokens: &mut Vec<String>, (op, at, word): (u8, prop::sample::Index, usize)) {
    let i = at.index(tokens.len());
    let word = WORDS[word % WORDS.len()].to_string();
    match op % 3 {
        0 => {
            // Keep the punctuation the word carried.
            let tail: String = tokens[i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_punctuation())
                .collect();
            tokens[i] = word + &tail.chars().rev().collect::<String>();
        }
        1 => tokens.insert(i, word),
        _ if tokens.len() > 6 => {
            tokens.remove(i);
        }
        _ => {}
    }
}

fn the_quote(findings: &[Finding]) -> Option<&Finding> {
    findings.iter().find(|f| f.quote.text.len() > 20)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(192), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn use_the_source_wording_round_trips(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((0u8..3, any::<prop::sample::Index>(), 0usize..8), 0..3),
        stitch in any::<bool>(),
        paragraphs in any::<bool>(),
    ) {
        let (quote, later) = which.get(quotations()).clone();
        let mut tokens: Vec<String> = quote.split_whitespace().map(str::to_string).collect();
        for e in edits {
            edit(&mut tokens, e);
        }
        if stitch && let Some(later) = later {
            tokens.last_mut().unwrap().push('.');
            tokens.extend(later.split_whitespace().map(str::to_string));
        }
        let inner = if paragraphs && tokens.len() >= 12 {
            let half = tokens.len() / 2;
            format!("{}\n\n“{}", tokens[..half].join(" "), tokens[half..].join(" "))
        } else {
            tokens.join(" ")
        };
        let draft = format!("# Draft\n\nKyiv said more on Monday.\n\n“{inner},” Andrii Sybiha said.\n\nThe talks go on.\n");
        let findings = check_text(corpus(), &draft, Format::Markdown, &CheckOptions::default());
        let Some(f) = the_quote(&findings) else {
            return Err(TestCaseError::fail(format!("no quotation in {draft:?}")));
        };
        if f.wording != Wording::Altered
            || f.changes.iter().any(|c| c.class == ChangeClass::Order)
        {
            // Untouched, or too far from any source to be altered; reordering has no fix.
            return Ok(());
        }
        let Some(edits) = fix::source_wording(f, &draft) else {
            return Err(TestCaseError::fail(format!("no fix for {draft:?}: {:?}", f.changes)));
        };
        let fixed = fix::apply(&draft, &edits);
        let again = check_text(corpus(), &fixed, Format::Markdown, &CheckOptions::default());
        let g = the_quote(&again).expect("the quotation is still there");
        prop_assert_eq!(g.wording, Wording::Exact, "{:?}\n→ {:?}\nchanges {:?}", draft, fixed, f.changes);
        // Outside the quotation's marks, nothing changed.
        prop_assert_eq!(&fixed[..g.quote.start], &draft[..f.quote.start]);
        prop_assert_eq!(&fixed[g.quote.end..], &draft[f.quote.end..]);
        // A quotation over two paragraphs keeps its paragraph mark.
        prop_assert_eq!(
            fixed.matches("\n\n“").count(),
            draft.matches("\n\n“").count(),
            "{:?}\n→ {:?}", draft, fixed
        );
    }
}
