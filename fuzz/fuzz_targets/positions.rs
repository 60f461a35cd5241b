//! Byte offsets to UTF-16 positions and back round-trip on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use verbatim::text::LineIndex;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let index = LineIndex::new(&text);
    for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let (line, col) = index.utf16_position(&text, offset);
        assert_eq!(index.utf16_offset(&text, line, col), Some(offset));
    }
});
