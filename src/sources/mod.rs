//! The sources seam: what `check` asks of wherever source articles live. It finds candidate
//! articles for a draft's quotations, fetches an article (text, metadata, where it lives, and
//! its speakers when the source knows them), and nothing else. The embedded index over corpus
//! folders (`corpus::Corpus`) is the first backend; `open` picks the backends from settings.

mod article;
mod cue;
mod date;
mod open;
mod recent;
mod several;

use std::sync::Arc;

use rayon::prelude::*;

pub use article::{Article, Label, Origin, Place, is_placeholder};
pub use cue::{Cue, Timestamp, cue_at};
pub use date::date_key;
pub use open::{OpenError, OpenWith, Opened, open};
pub use recent::Recent;
pub use several::Several;

/// Is this corpus entry a shared archive (`postgres://…`) rather than a folder or file?
pub fn is_archive_entry(entry: &std::path::Path) -> bool {
    let s = entry.to_string_lossy();
    let head = s.get(..13).unwrap_or(&s).to_ascii_lowercase();
    head.starts_with("postgres://") || head.starts_with("postgresql://")
}

/// An article's id within its sources: opaque to `check`, a backend's own number (the
/// embedded index's doc id, an archive's row id).
pub type ArticleId = u64;

/// A backend that could not answer a question (unreachable, too slow, the connection
/// dropped): `check` then gives `unknown` to every quotation the rest of the sources cannot
/// vouch for, never a verdict read from part of them. `name` is the backend as the user
/// named it, without credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {reason}")]
pub struct Unanswered {
    pub name: String,
    pub reason: String,
}

/// What the sources answered, and which of them could not answer (none, for a backend of
/// local files).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer<T> {
    pub value: T,
    pub unanswered: Vec<Unanswered>,
}

impl<T> Answer<T> {
    /// An answer from every backend asked.
    pub fn full(value: T) -> Answer<T> {
        Answer {
            value,
            unanswered: Vec::new(),
        }
    }
}

/// Where source articles live, as `check` sees them. Backends answer from any thread.
///
/// `check` asks twice per draft: `find` with every quotation's words, then `fetch_all` with
/// every candidate; a backend over a network answers each in one round trip.
pub trait Sources: Send + Sync {
    /// For each query (the word hashes of one quotation, `text::words`), the articles that
    /// may hold those words, best first, at most `limit` each; one list per query, in order.
    fn find(&self, queries: &[Vec<u64>], limit: usize) -> Answer<Vec<Vec<ArticleId>>>;

    /// An article with its text, words, metadata, origin and known speakers; `None` when
    /// the id is unknown or the article can no longer be read.
    fn fetch(&self, id: ArticleId) -> Option<Arc<Article>>;

    /// Several articles at once, in the order asked (`None` where `fetch` gives none).
    /// `check` asks once per draft, for the candidates of all its quotations; a backend over
    /// a network answers in one round trip. By default: `fetch` each, on every core.
    fn fetch_all(&self, ids: &[ArticleId]) -> Answer<Vec<Option<Arc<Article>>>> {
        Answer::full(ids.par_iter().map(|&id| self.fetch(id)).collect())
    }

    /// How many articles the sources hold.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
