//! Byte offsets to lines and columns: 1-based line and character column for reports, and
//! 0-based UTF-16 or UTF-8 columns for the language server.

/// Where each line of a text starts, for turning byte offsets into positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 0-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte offset where a 0-based line starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and 1-based column in characters, as reports give them.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line(offset);
        let col = text[self.starts[line]..offset].chars().count();
        (line + 1, col + 1)
    }

    /// 0-based line and column in UTF-16 code units (the LSP default).
    pub fn utf16_position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line(offset);
        let col = text[self.starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum();
        (line, col)
    }

    /// Byte offset of a 0-based line and UTF-16 column; `None` when the line does not exist.
    /// A column past the end of its line is clamped to the line's end.
    pub fn utf16_offset(&self, text: &str, line: usize, col: usize) -> Option<usize> {
        let start = *self.starts.get(line)?;
        let end = self.starts.get(line + 1).map_or(text.len(), |&e| e);
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units >= col || c == '\n' {
                return Some(start + i);
            }
            units += c.len_utf16();
        }
        Some(end)
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let text = "first\n“Ще” — 😀 \"x\"";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 11));
        // 😀 is two UTF-16 units.
        assert_eq!(idx.utf16_position(text, x), (1, 11));
        assert_eq!(idx.utf16_offset(text, 1, 11), Some(x));
        assert_eq!(idx.utf16_offset(text, 1, 999), Some(text.len()));
        assert_eq!(idx.utf16_offset(text, 7, 0), None);
    }
}
