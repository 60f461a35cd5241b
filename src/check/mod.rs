//! Checking a draft against the corpus: for each quotation, find candidate passages, align
//! the words, and decide the wording and attribution verdicts (`Finding`).

use serde::Serialize;

use crate::corpus::{Corpus, DocId};
use crate::draft::{self, ExtractOptions, Format, Quote};

/// Is the wording in the sources?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    Exact,
    Altered,
    NotFound,
}

/// Does the source give the words to the same speaker?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionVerdict {
    Matches,
    Conflicts,
    Unknown,
}

/// One difference between the draft's words and the source's: words replaced (both set),
/// added by the draft (`source` empty) or dropped from the source (`draft` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub draft: String,
    pub source: String,
    /// Byte range of the draft words in the draft (empty at the point of a drop).
    #[serde(skip)]
    pub draft_range: std::ops::Range<usize>,
}

/// The corpus passage that best matches a quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    #[serde(skip)]
    pub doc: DocId,
    pub path: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Byte offsets into the article's text, and the 1-based line of `start`.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    /// The source passage: the matched words.
    pub text: String,
    /// Who the source gives the words to (named speakers only).
    pub speaker: Option<String>,
    /// A described, unnamed source speaker ("a spokesman for the FA").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_description: Option<String>,
}

/// The verdicts on one quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub quote: Quote,
    pub wording: Wording,
    pub attribution: AttributionVerdict,
    /// Share of the quotation's words the source passage backs, 0 to 1.
    pub similarity: f32,
    pub changes: Vec<Change>,
    pub source: Option<Source>,
    /// How many other articles hold the same words.
    pub other_sources: usize,
}

/// Options for a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    pub extract: ExtractOptions,
}

/// Checks every quotation of a draft.
pub fn check_text(
    corpus: &Corpus,
    text: &str,
    format: Format,
    options: &CheckOptions,
) -> Vec<Finding> {
    let quotes = draft::analyze(text, format, &options.extract);
    quotes.into_iter().map(|q| check_quote(corpus, q)).collect()
}

/// Checks one quotation.
pub fn check_quote(_corpus: &Corpus, quote: Quote) -> Finding {
    Finding {
        quote,
        wording: Wording::NotFound,
        attribution: AttributionVerdict::Unknown,
        similarity: 0.0,
        changes: Vec::new(),
        source: None,
        other_sources: 0,
    }
}
