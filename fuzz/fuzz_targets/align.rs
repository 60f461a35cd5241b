//! Any quotation against any source: the aligner never panics and its operations name
//! words that exist.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verbatim::check::align::{Op, QWord, align, exact};

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let cut = (split as usize).min(rest.len());
    let (q, s) = rest.split_at(cut);
    // Few distinct words, so that matches happen.
    let quote: Vec<QWord> = q
        .iter()
        .take(64)
        .map(|b| QWord {
            hash: u64::from(b % 8),
            bracket: b & 0x80 != 0,
            gap_before: b & 0x40 != 0,
            sentence_start: b & 0x20 != 0,
        })
        .collect();
    let source: Vec<u64> = s.iter().take(512).map(|b| u64::from(b % 8)).collect();
    for a in [Some(align(&quote, &source)), exact(&quote, &source)].into_iter().flatten() {
        for op in a.ops {
            match op {
                Op::Match { q, s } | Op::Replace { q, s } => assert!(q < quote.len() && s < source.len()),
                Op::Add { q } | Op::Stitch { q } => assert!(q < quote.len()),
                Op::Drop { s } => assert!(s < source.len()),
            }
        }
    }
});
