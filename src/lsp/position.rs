//! Byte offsets (what the engine speaks) to LSP positions and back, in the negotiated
//! encoding: UTF-8 code units when the client offers them, UTF-16 otherwise.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind};

/// The unit of `Position::character`, agreed at `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it, else the protocol's default, UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The position of a byte offset. Offsets past the end clamp to the end; an offset inside
/// a character counts as that character's start.
pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let line_char = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// The LSP range of a byte range.
pub fn range(rope: &Rope, bytes: Range<usize>, enc: Encoding) -> tower_lsp_server::ls_types::Range {
    tower_lsp_server::ls_types::Range::new(
        position(rope, bytes.start, enc),
        position(rope, bytes.end.max(bytes.start), enc),
    )
}

/// The byte offset of a position; `None` when its line is not in the text. A column past
/// the end of its line means the line's end, as the protocol says.
pub fn offset(rope: &Rope, pos: Position, enc: Encoding) -> Option<usize> {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return None;
    }
    let slice = rope.line(line);
    let content_chars = slice.len_chars() - line_break_chars(&slice);
    let col = pos.character as usize;
    let char_in_line = match enc {
        Encoding::Utf8 => {
            let content_bytes = slice.char_to_byte(content_chars);
            slice.byte_to_char(col.min(content_bytes))
        }
        Encoding::Utf16 => {
            let content_units = slice.char_to_utf16_cu(content_chars);
            slice.utf16_cu_to_char(col.min(content_units))
        }
    };
    Some(rope.char_to_byte(rope.line_to_char(line) + char_in_line))
}

/// Like `offset`, but a position past the last line means the end of the text (for edits,
/// where being lenient beats dropping the change).
pub fn offset_clamped(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    offset(rope, pos, enc).unwrap_or(rope.len_bytes())
}

fn line_break_chars(line: &ropey::RopeSlice<'_>) -> usize {
    let n = line.len_chars();
    if n == 0 {
        return 0;
    }
    match line.char(n - 1) {
        '\n' if n >= 2 && line.char(n - 2) == '\r' => 2,
        '\n' | '\r' => 1,
        _ => 0,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Ще” — 😀 é\r\nsecond \"x\"\n";

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let rope = Rope::from_str(TEXT);
        let e = TEXT.find('é').unwrap();
        // “ Щ е ” space — space 😀(2) space = 10 units
        assert_eq!(position(&rope, e, Encoding::Utf16), Position::new(0, 10));
        assert_eq!(
            offset(&rope, Position::new(0, 10), Encoding::Utf16),
            Some(e)
        );
        let x = TEXT.find('x').unwrap();
        assert_eq!(position(&rope, x, Encoding::Utf16), Position::new(1, 8));
        assert_eq!(offset(&rope, Position::new(1, 8), Encoding::Utf16), Some(x));
    }

    #[test]
    fn utf8_counts_bytes() {
        let rope = Rope::from_str(TEXT);
        let e = TEXT.find('é').unwrap();
        assert_eq!(
            position(&rope, e, Encoding::Utf8),
            Position::new(0, e as u32)
        );
        assert_eq!(
            offset(&rope, Position::new(0, e as u32), Encoding::Utf8),
            Some(e)
        );
        // Inside a character: its start.
        assert_eq!(offset(&rope, Position::new(0, 1), Encoding::Utf8), Some(0));
    }

    #[test]
    fn columns_clamp_to_line_end_and_lines_do_not() {
        let rope = Rope::from_str(TEXT);
        let crlf = TEXT.find('\r').unwrap();
        assert_eq!(
            offset(&rope, Position::new(0, 999), Encoding::Utf16),
            Some(crlf)
        );
        assert_eq!(
            offset(&rope, Position::new(0, 999), Encoding::Utf8),
            Some(crlf)
        );
        // The empty line after the final newline exists; the one after does not.
        assert_eq!(
            offset(&rope, Position::new(2, 0), Encoding::Utf16),
            Some(TEXT.len())
        );
        assert_eq!(offset(&rope, Position::new(3, 0), Encoding::Utf16), None);
        assert_eq!(
            offset_clamped(&rope, Position::new(9, 0), Encoding::Utf16),
            TEXT.len()
        );
        assert_eq!(
            position(&rope, 10_000, Encoding::Utf16),
            Position::new(2, 0)
        );
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&both[..1])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
