//! Any text, as Markdown and as plain text: the extractor never panics, and every range it
//! gives lies inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verbatim::draft::{ExtractOptions, Format, analyze};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [Format::Markdown, Format::Plain] {
        for q in analyze(&text, format, &ExtractOptions::default()) {
            assert!(q.start <= q.end && q.end <= text.len());
            assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            for p in &q.pieces {
                assert!(p.start <= p.end && p.end <= text.len());
                assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            }
            if let Some(s) = &q.speaker {
                assert!(s.mention.end <= text.len());
            }
        }
    }
});
