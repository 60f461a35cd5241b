//! Open drafts: their text as a rope kept in step with the editor's edits, their version,
//! their format, and the findings of the last check of that version.

use std::path::Path;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, offset_clamped};
use crate::check::Finding;
use crate::draft::Format;

/// The findings of one check, for the version of the text they were computed on.
#[derive(Debug, Clone)]
pub struct Checked {
    pub version: i32,
    pub findings: Arc<Vec<Finding>>,
    /// Set instead of findings when the draft was too large to check.
    pub too_large: bool,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    pub checked: Option<Checked>,
}

impl Document {
    pub fn new(uri: &Uri, language_id: &str, text: &str, version: i32) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
            format: format_of(uri, language_id),
            checked: None,
        }
    }

    /// Applies the editor's changes in order (full replacements or ranged edits).
    pub fn apply(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = offset_clamped(&self.rope, range.start, enc);
                    let end = offset_clamped(&self.rope, range.end, enc).max(start);
                    let (c0, c1) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
                    self.rope.remove(c0..c1);
                    self.rope.insert(c0, &change.text);
                }
            }
        }
        self.version = version;
    }

    /// The findings, if they are for the current text.
    pub fn current(&self) -> Option<&Checked> {
        self.checked.as_ref().filter(|c| c.version == self.version)
    }
}

/// Markdown for `markdown` (or a Markdown extension), plain text otherwise.
pub fn format_of(uri: &Uri, language_id: &str) -> Format {
    match language_id {
        "markdown" | "mdx" => Format::Markdown,
        "plaintext" | "text" => Format::Plain,
        _ => Format::from_path(Path::new(uri.path().as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_in_utf16() {
        let uri = Uri::from_str("file:///d/draft.md").unwrap();
        let mut doc = Document::new(&uri, "markdown", "😀 ab\nсд\n", 1);
        doc.apply(
            &[edit(0, 3, 0, 4, "X"), edit(1, 0, 1, 1, "")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.rope.to_string(), "😀 Xb\nд\n");
        doc.apply(&[edit(5, 0, 5, 0, "end")], 3, Encoding::Utf16);
        assert_eq!(doc.rope.to_string(), "😀 Xb\nд\nend");
        assert_eq!(doc.version, 3);
    }

    #[test]
    fn format_by_language_then_extension() {
        let md = Uri::from_str("file:///d/a.md").unwrap();
        let txt = Uri::from_str("file:///d/a.txt").unwrap();
        assert_eq!(format_of(&txt, "markdown"), Format::Markdown);
        assert_eq!(format_of(&md, "plaintext"), Format::Plain);
        assert_eq!(format_of(&md, "whatever"), Format::Markdown);
        assert_eq!(format_of(&txt, "whatever"), Format::Plain);
    }
}
