//! Property tests over the pure core: the quote extractor and speaker finder, the Markdown
//! prose filter, the aligner and position conversion must not panic on any input, and every
//! range they return must lie inside the text on character boundaries.
//!
//! Quick by default (CI); `PROPTEST_CASES=20000 cargo test --release --test fuzz_props` for a
//! long run. Inputs that once failed live in `tests/regressions/` and run first, every time.

use std::ops::Range;

mod common;

use common::example::{cases, example_corpus};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::Position;
use verbatim::check::align::{Op, QWord, align, exact};
use verbatim::check::{CheckOptions, check_text};
use verbatim::draft::{self, ExtractOptions, Format, markup};
use verbatim::lsp::position::{self, Encoding};
use verbatim::text::{LineIndex, words};

/// Pieces a news draft is made of, plus the characters that trip up byte arithmetic.
const PIECES: &[&str] = &[
    "\"",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "`",
    "```",
    "> ",
    ">",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    " ",
    " ",
    "\t",
    "…",
    "...",
    "[",
    "]",
    "(",
    ")",
    ",",
    ".",
    "?",
    "!",
    ":",
    ";",
    "—",
    "-",
    "# ",
    "- ",
    "* ",
    "1. ",
    "|",
    "---",
    "<!-- verbatim-ignore -->",
    "verbatim-ignore",
    "<div>",
    "</div>",
    "[a](http://x/\"y\")",
    "![i](p.png)",
    "    ",
    "said",
    "says",
    "told",
    "according to",
    "added",
    "he",
    "she",
    "they",
    "He",
    "She",
    "the",
    "The",
    "Jane",
    "Doe",
    "Mr",
    "Smith",
    "Ms",
    "BBC",
    "a spokesman for",
    "Andrii",
    "Sybiha",
    "we",
    "will",
    "never",
    "give",
    "up",
    "it's",
    "don't",
    "Ще",
    "не",
    "é",
    "ß",
    "😀",
    "👍🏽",
    "\u{301}",
    "\u{200b}",
    "\u{2028}",
    "\u{feff}",
    "\0",
    "Ω",
    "中文",
];

fn draftish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
            1 => "[a-zA-Z]{1,8}",
        ],
        0..120,
    )
    .prop_map(|v| v.concat())
}

fn check_range(text: &str, r: &Range<usize>, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(r.start <= r.end, "{what} {r:?} reversed");
    prop_assert!(
        r.end <= text.len(),
        "{what} {r:?} past the end ({})",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
    Ok(())
}

fn check_analyze(text: &str, format: Format) -> Result<(), TestCaseError> {
    let quotes = draft::analyze(text, format, &ExtractOptions::default());
    for q in &quotes {
        check_range(text, &q.range(), "quote")?;
        for p in &q.pieces {
            check_range(text, p, "piece")?;
            prop_assert!(
                q.start <= p.start && p.end <= q.end,
                "piece {p:?} outside quote {:?}",
                q.range()
            );
        }
        check_range(text, &q.inner(), "inner")?;
        if let Some(s) = &q.speaker {
            check_range(text, &s.mention, "speaker mention")?;
        }
    }
    Ok(())
}

fn check_mask(text: &str, format: Format) -> Result<(), TestCaseError> {
    let m = markup::mask(text, format);
    prop_assert_eq!(m.text.len(), text.len());
    let newlines = |s: &str| s.match_indices('\n').map(|(i, _)| i).collect::<Vec<_>>();
    prop_assert_eq!(newlines(&m.text), newlines(text));
    let mut at = 0;
    for p in &m.prose {
        check_range(text, &p.range, "prose")?;
        prop_assert!(p.range.start >= at, "prose ranges overlap or go back");
        prop_assert_eq!(&m.text[p.range.clone()], &text[p.range.clone()]);
        at = p.range.end;
    }
    for b in &m.block_quotes {
        check_range(text, b, "block quote")?;
    }
    Ok(())
}

/// Inputs that once failed, one file each (see `tests/regressions/README.md`).
fn regressions() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("regression input is UTF-8");
            out.push((path.display().to_string(), text));
        }
    }
    out
}

#[test]
fn regression_inputs() {
    for (name, text) in regressions() {
        for format in [Format::Markdown, Format::Plain] {
            let run = || -> Result<(), TestCaseError> {
                check_mask(&text, format)?;
                check_analyze(&text, format)?;
                check_positions(&text)
            };
            if let Err(e) = run() {
                panic!("{name} ({format:?}): {e}");
            }
        }
    }
}

/// Found by `speaker_of_any_span_is_sound`: an empty span at the end of the text got no
/// token in the speaker finder, which then indexed an empty sentence table.
#[test]
fn regression_speaker_of_an_empty_span_at_the_end() {
    for text in ["", "\"Words here,\" he said.", "said Jane Doe"] {
        for format in [Format::Markdown, Format::Plain] {
            assert!(draft::speaker_of_span(text, format, text.len()..text.len()).is_none());
            assert!(draft::speaker_of_span(text, format, 0..0).is_none());
        }
    }
}

/// A short utterance made speech by its speaker in the kept analysis is read as found when a
/// passage after it is asked about, as a fresh reading does (proptest found the text).
#[test]
fn regression_speaker_of_after_a_short_utterance() {
    let text = "\"a“\"Jane\"‘‘\"# \"\"[\"„\"\"…“said¡\"””.„we‘‘‘\"\r<div>\"\"\"\"\"\"\r\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"";
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for format in [Format::Markdown, Format::Plain] {
        let prepared = draft::Prepared::new(text, format, &Default::default());
        for &x in &bounds {
            for &y in bounds.iter().filter(|&&y| y > x) {
                assert_eq!(
                    prepared.speaker_of(text, x..y),
                    draft::speaker_of_span(text, format, x..y),
                    "{x}..{y} {format:?}"
                );
            }
        }
    }
}

/// Drafts made of the example draft's words and the awkward pieces, so that quotations
/// partly match the corpus and the aligner runs on real passages.
fn newsish() -> impl Strategy<Value = String> {
    let draft = include_str!("../examples/draft.md");
    let mut words: Vec<String> = draft
        .split_inclusive(char::is_whitespace)
        .map(str::to_string)
        .collect();
    words.extend(PIECES.iter().map(|s| s.to_string()));
    prop::collection::vec(prop::sample::select(words), 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn analyze_markdown_ranges_are_sound(text in draftish()) {
        check_analyze(&text, Format::Markdown)?;
    }

    #[test]
    fn analyze_plain_ranges_are_sound(text in draftish()) {
        check_analyze(&text, Format::Plain)?;
    }

    #[test]
    fn analyze_survives_any_string(text in any::<String>()) {
        check_analyze(&text, Format::Markdown)?;
        check_analyze(&text, Format::Plain)?;
    }

    #[test]
    fn check_findings_are_sound(text in newsish()) {
        let corpus = example_corpus();
        for format in [Format::Markdown, Format::Plain] {
            for f in check_text(corpus, &text, format, &CheckOptions::default()) {
                check_range(&text, &f.quote.range(), "finding quote")?;
                prop_assert!((0.0..=1.0).contains(&f.similarity), "similarity {}", f.similarity);
                for c in &f.changes {
                    check_range(&text, &c.draft_range, "change")?;
                }
                if let Some(s) = &f.source {
                    prop_assert!(s.start <= s.end && s.line >= 1, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn mask_keeps_length_and_newlines(text in draftish()) {
        check_mask(&text, Format::Markdown)?;
        check_mask(&text, Format::Plain)?;
    }

    #[test]
    fn speaker_of_any_span_is_sound(text in draftish(), a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let (x, y) = (bounds[a.index(bounds.len())], bounds[b.index(bounds.len())]);
        let span = x.min(y)..x.max(y);
        for format in [Format::Markdown, Format::Plain] {
            let fresh = draft::speaker_of_span(&text, format, span.clone());
            if let Some(s) = &fresh {
                check_range(&text, &s.mention, "speaker mention")?;
            }
            // A corpus article asks its kept analysis instead: the same answer.
            let prepared = draft::Prepared::new(&text, format, &Default::default());
            prop_assert_eq!(prepared.speaker_of(&text, span.clone()), fresh);
        }
    }

    #[test]
    fn a_quotation_s_speaker_does_not_depend_on_later_ones(text in draftish()) {
        for format in [Format::Markdown, Format::Plain] {
            let masked = markup::mask(&text, format);
            let found = draft::quotes::find_quotes(&text, &masked, &ExtractOptions::default(), format == Format::Plain);
            let mut full = found.clone();
            draft::speakers::attribute(&masked, &mut full);
            for k in 0..found.len() {
                let mut part = found.clone();
                draft::speakers::attribute_through(&masked, &mut part, k);
                prop_assert_eq!(&part[k].speaker, &full[k].speaker, "quotation {}", k);
            }
        }
    }

    #[test]
    fn words_lie_on_char_boundaries(text in draftish()) {
        let mut at = 0;
        for w in words(&text) {
            check_range(&text, &w.range(), "word")?;
            prop_assert!(w.start >= at, "words overlap");
            at = w.end;
        }
    }

    #[test]
    fn positions_round_trip(text in draftish()) {
        check_positions(&text)?;
    }

    #[test]
    fn any_position_maps_inside_the_text(text in draftish(), line in 0u32..40, character in 0u32..200) {
        let rope = Rope::from_str(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let pos = Position::new(line, character);
            match position::offset(&rope, pos, enc) {
                Some(b) => {
                    prop_assert!(b <= text.len() && text.is_char_boundary(b), "{pos:?} -> {b}");
                    let back = position::position(&rope, b, enc);
                    prop_assert_eq!(back.line, line);
                    prop_assert!(back.character <= character, "{:?} -> {} -> {:?}", pos, b, back);
                }
                None => prop_assert!(line as usize >= rope.len_lines()),
            }
            let clamped = position::offset_clamped(&rope, pos, enc);
            prop_assert!(clamped <= text.len() && text.is_char_boundary(clamped));
        }
        let idx = LineIndex::new(&text);
        if let Some(b) = idx.utf16_offset(&text, line as usize, character as usize) {
            prop_assert!(b <= text.len() && text.is_char_boundary(b));
        }
    }

    #[test]
    fn any_byte_offset_maps_to_a_position(text in draftish(), offset in 0usize..1000) {
        let rope = Rope::from_str(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let p = position::position(&rope, offset, enc);
            prop_assert!(position::offset(&rope, p, enc).is_some());
            let r = position::range(&rope, offset..offset / 2, enc);
            prop_assert!((r.start.line, r.start.character) <= (r.end.line, r.end.character));
        }
        let idx = LineIndex::new(&text);
        let (line, col) = idx.line_col(&text, offset);
        prop_assert!(line >= 1 && col >= 1);
        let (l, c) = idx.utf16_position(&text, offset);
        prop_assert!(idx.utf16_offset(&text, l, c).is_some());
    }

    #[test]
    fn alignment_ops_reference_valid_words(
        q in prop::collection::vec((0u64..6, any::<bool>(), any::<bool>(), any::<bool>()), 0..30),
        source in prop::collection::vec(0u64..6, 0..60),
    ) {
        let q: Vec<QWord> = q
            .into_iter()
            .map(|(hash, b, g, s)| QWord { hash, bracket: b && hash == 0, gap_before: g, sentence_start: s, clause_start: false })
            .collect();
        let a = align(&q, &source);
        check_ops(&q, &source, &a.ops)?;
        let covered = a
            .ops
            .iter()
            .filter(|o| matches!(o, Op::Match { .. } | Op::Replace { .. } | Op::Add { .. }))
            .count();
        prop_assert_eq!(covered, q.len(), "every quotation word used once: {:?}", a.ops);
        prop_assert!(a.matched <= q.len());
        if !source.is_empty() {
            prop_assert!(a.first <= a.last && a.last < source.len());
        }
        if let Some(e) = exact(&q, &source) {
            check_ops(&q, &source, &e.ops)?;
            prop_assert_eq!(e.cost, 0);
            let mut last = None;
            for o in &e.ops {
                if let Op::Match { q: i, s } = *o {
                    prop_assert_eq!(q[i].hash, source[s]);
                    prop_assert!(last < Some(s), "exact goes back in the source");
                    last = Some(s);
                }
            }
        }
    }
}

fn check_ops(q: &[QWord], source: &[u64], ops: &[Op]) -> Result<(), TestCaseError> {
    let mut seen = vec![false; q.len()];
    for o in ops {
        let (qi, si) = match *o {
            Op::Match { q, s } | Op::Replace { q, s } => (Some(q), Some(s)),
            Op::Add { q } => (Some(q), None),
            Op::Drop { s } => (None, Some(s)),
            Op::Stitch { q: i } => {
                prop_assert!(i < q.len(), "{o:?}");
                (None, None)
            }
        };
        if let Some(i) = qi {
            prop_assert!(i < q.len(), "{o:?} past the quotation");
            prop_assert!(!seen[i], "quotation word {i} used twice: {ops:?}");
            seen[i] = true;
        }
        if let Some(s) = si {
            prop_assert!(s < source.len(), "{o:?} past the source");
        }
    }
    Ok(())
}

/// Every character boundary survives offset → position → offset, in both encodings (except
/// the middle of a CRLF, which the protocol cannot address), and LineIndex agrees with the
/// rope where lines end only at `\n`.
fn check_positions(text: &str) -> Result<(), TestCaseError> {
    let rope = Rope::from_str(text);
    let idx = LineIndex::new(text);
    let bytes = text.as_bytes();
    for b in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
        let mid_crlf = b > 0 && bytes[b - 1] == b'\r' && bytes.get(b) == Some(&b'\n');
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let p = position::position(&rope, b, enc);
            if !mid_crlf {
                prop_assert_eq!(
                    position::offset(&rope, p, enc),
                    Some(b),
                    "{:?} at {}",
                    enc,
                    b
                );
            }
        }
        let (line, col) = idx.utf16_position(text, b);
        prop_assert_eq!(idx.utf16_offset(text, line, col), Some(b));
        if !text.contains('\r')
            && !text.contains(['\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'])
        {
            let p = position::position(&rope, b, Encoding::Utf16);
            prop_assert_eq!((p.line as usize, p.character as usize), (line, col));
        }
    }
    Ok(())
}
