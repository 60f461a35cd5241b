//! The sources seam: what `check` asks of wherever source articles live. It finds candidate
//! articles for a draft's quotations, fetches an article (text, metadata, where it lives, and
//! its speakers when the source knows them), and nothing else. The embedded index over corpus
//! folders (`corpus::Corpus`) is the first backend; `open` picks the backends from settings.

mod article;
mod open;

use std::sync::Arc;

pub use article::{Article, Label, Origin, Place};
pub use open::{OpenError, OpenWith, Opened, open};

/// An article's id within its sources: opaque to `check`, a backend's own number (the
/// embedded index's doc id, an archive's row id).
pub type ArticleId = u64;

/// Where source articles live, as `check` sees them. Backends answer from any thread.
///
/// A backend that answers over a network should answer `find` for a whole draft in one
/// round trip: `check` asks once per draft, with every quotation's words.
pub trait Sources: Send + Sync {
    /// For each query (the word hashes of one quotation, `text::words`), the articles that
    /// may hold those words, best first, at most `limit` each; one list per query, in order.
    fn find(&self, queries: &[Vec<u64>], limit: usize) -> Vec<Vec<ArticleId>>;

    /// An article with its text, words, metadata, origin and known speakers; `None` when
    /// the id is unknown or the article can no longer be read.
    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>>;

    /// How many articles the sources hold.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
