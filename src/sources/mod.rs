//! The sources seam: what `check` asks of wherever source articles live. It finds candidate
//! articles for a draft's quotations, fetches an article (text, metadata, where it lives, and
//! its speakers when the source knows them), and nothing else. The embedded index over corpus
//! folders (`corpus::Corpus`) is the first backend; `open` picks the backends from settings.

mod article;
mod open;

use std::sync::Arc;

use rayon::prelude::*;

pub use article::{Article, Label, Origin, Place};
pub use open::{OpenError, OpenWith, Opened, open};

/// An article's id within its sources: opaque to `check`, a backend's own number (the
/// embedded index's doc id, an archive's row id).
pub type ArticleId = u64;

/// Where source articles live, as `check` sees them. Backends answer from any thread.
///
/// `check` asks twice per draft: `find` with every quotation's words, then `fetch_all` with
/// every candidate; a backend over a network answers each in one round trip.
pub trait Sources: Send + Sync {
    /// For each query (the word hashes of one quotation, `text::words`), the articles that
    /// may hold those words, best first, at most `limit` each; one list per query, in order.
    fn find(&self, queries: &[Vec<u64>], limit: usize) -> Vec<Vec<ArticleId>>;

    /// An article with its text, words, metadata, origin and known speakers; `None` when
    /// the id is unknown or the article can no longer be read.
    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>>;

    /// Several articles at once, in the order asked (`None` where `fetch` gives none).
    /// `check` asks once per draft, for the candidates of all its quotations; a backend over
    /// a network answers in one round trip. By default: `fetch` each, on every core.
    fn fetch_all(&self, ids: &[ArticleId]) -> Vec<Option<Arc<Article>>> {
        ids.par_iter().map(|&id| self.fetch(id)).collect()
    }

    /// How many articles the sources hold.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
