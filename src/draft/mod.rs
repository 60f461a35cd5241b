//! What a draft says: which byte ranges are prose (`markup`), the quotations in them
//! (`quotes`), and who each is given to (`speakers`). Pure functions over a `&str`.

pub mod identity;
pub(crate) mod lexicon;
pub mod markup;
pub mod quotes;
pub mod speakers;

use std::ops::Range;
use std::path::Path;

use serde::Serialize;

/// How to read a text: Markdown has non-prose parts to skip; plain text is all prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// By extension: .md/.markdown/.mdx are Markdown, anything else plain text.
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdx" | "mkd") => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// `speech` (someone's words) or `fragment` (a short quoted phrase, scare quote or title).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Speech,
    Fragment,
}

/// Who a quotation is given to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The fullest form of the name the text gives ("Andrii Sybiha", "Rugby Football Union"),
    /// or, when `named` is false, the description ("a spokesman for the FA").
    pub name: String,
    /// False for a described, unnamed speaker ("a BBC spokesman", "one opposition voice").
    pub named: bool,
    /// The cue that ties the words to the speaker ("said", "told", "according to"), or
    /// `GUESSED` when none does: the name only stands near the words.
    pub cue: String,
    /// Where the speaker is mentioned for this quotation (the pronoun or name by the cue).
    pub mention: Range<usize>,
    /// False when the name is a lone capitalised word the text gives no other sign of being
    /// a person or organisation (`Rival`, `Swedish`): too weak to call a conflict on.
    pub certain: bool,
    /// How sure the finder is that the text gives the words to this speaker, 0 to 1: the
    /// model's probability for it against every other candidate and no one.
    pub confidence: f32,
}

/// The cue of a speaker no cue ties to the words: the name stands near them, no more.
pub const GUESSED: &str = "named nearby";

impl Speaker {
    /// Found only by a name near the words (`Speaker::cue` is `GUESSED`): a guess, never
    /// certain.
    pub fn guessed(&self) -> bool {
        self.cue == GUESSED
    }

    /// The name when the speaker is named, `None` when only described.
    pub fn named_name(&self) -> Option<&str> {
        self.named.then_some(self.name.as_str())
    }
}

/// A quotation in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Byte range from the opening mark to just past the closing one (for a block quote,
    /// the lines of the block). A quotation that never closes ends with its last piece.
    pub start: usize,
    pub end: usize,
    /// Byte ranges of the inner text, one per paragraph (or block-quote line), marks excluded.
    pub pieces: Vec<Range<usize>>,
    /// The inner text, pieces joined by a single space.
    pub text: String,
    pub kind: QuoteKind,
    /// A Markdown block quote rather than words between marks.
    pub block: bool,
    pub speaker: Option<Speaker>,
    /// Marked with `<!-- verbatim-ignore -->` (or `verbatim-ignore` in plain text) by the writer.
    pub ignored: bool,
}

impl Quote {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Byte range of the inner text, from the first piece's start to the last piece's end.
    pub fn inner(&self) -> Range<usize> {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => self.start..self.start,
        }
    }
}

/// Options that change what counts as a speech quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractOptions {
    /// A quotation with fewer words than this and no speaker is a fragment.
    pub min_speech_words: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            min_speech_words: 4,
        }
    }
}

/// Every quotation in a text with its speaker: the one entry point the rest of the crate uses,
/// for drafts and corpus articles alike.
pub fn analyze(text: &str, format: Format, options: &ExtractOptions) -> Vec<Quote> {
    Prepared::new(text, format, options).quotes
}

/// A text read once for many questions: its prose mask, and its quotations with their
/// speakers (`analyze`). A corpus article keeps one, so that asking who says a passage of
/// it (`speaker_of`) does not mask and search the whole article again each time.
#[derive(Debug, Clone)]
pub struct Prepared {
    masked: markup::Masked,
    /// The quotations with their speakers, as `analyze` gives them.
    pub quotes: Vec<Quote>,
    /// Each quotation's kind as found, before finding a speaker made a short utterance speech:
    /// what `speaker_of` reads, so that it answers as a fresh reading does.
    found_kinds: Vec<QuoteKind>,
}

impl Prepared {
    pub fn new(text: &str, format: Format, options: &ExtractOptions) -> Prepared {
        let mut prepared = Prepared::unattributed(text, format, options);
        speakers::attribute(&prepared.masked, &mut prepared.quotes);
        prepared
    }

    fn unattributed(text: &str, format: Format, options: &ExtractOptions) -> Prepared {
        let masked = markup::mask(text, format);
        let quotes = quotes::find_quotes(text, &masked, options, format == Format::Plain);
        let found_kinds = quotes.iter().map(|q| q.kind).collect();
        Prepared {
            masked,
            quotes,
            found_kinds,
        }
    }

    /// Who the text gives the words in `span` to, read as if they stood between quotation
    /// marks: as `speaker_of_span`, from what is already known of the text.
    pub fn speaker_of(&self, text: &str, span: Range<usize>) -> Option<Speaker> {
        // No words, no speaker; an empty span at the very end would also get no token.
        if span.start >= span.end || span.end > text.len() {
            return None;
        }
        let mut found: Vec<Quote> = self
            .quotes
            .iter()
            .zip(&self.found_kinds)
            .filter(|(q, _)| q.end <= span.start || q.start >= span.end)
            .map(|(q, &kind)| Quote {
                speaker: None,
                kind,
                ..q.clone()
            })
            .collect();
        let at = found.partition_point(|q| q.start < span.start);
        found.insert(
            at,
            Quote {
                start: span.start,
                end: span.end,
                pieces: vec![span.clone()],
                text: text.get(span.clone()).unwrap_or_default().to_string(),
                kind: QuoteKind::Speech,
                block: false,
                speaker: None,
                ignored: false,
            },
        );
        speakers::attribute_through(&self.masked, &mut found, at);
        found.into_iter().nth(at).and_then(|q| q.speaker)
    }
}

/// Who a text gives the words in `span` to, read as if they stood between quotation marks
/// (for a source passage that is reported speech: `X said the plan was dead`).
pub fn speaker_of_span(text: &str, format: Format, span: Range<usize>) -> Option<Speaker> {
    Prepared::unattributed(text, format, &ExtractOptions::default()).speaker_of(text, span)
}
