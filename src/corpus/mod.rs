//! The reference corpus: articles loaded from a folder (.txt, .md, .html, .jsonl), the index
//! that finds the passage a quotation came from, and its on-disk cache.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::draft::Quote;

/// Index of an article in the corpus.
pub type DocId = u32;

/// One source article, with its text and the quotations the extractor found in it.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the corpus root it came from, with `/` separators. For a .jsonl
    /// article, `file.jsonl#N` with N the 1-based line.
    pub path: String,
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// The text that offsets refer to: the file's content for .txt and .md, the body text
    /// for .html, the `text` field for .jsonl.
    pub text: String,
    /// The quotations in `text`, with their speakers (`draft::analyze`).
    pub quotes: Vec<Quote>,
}

/// A problem with one corpus file: told once, by path; the rest of the corpus is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
}

/// An article that shares word sequences with a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub doc: DocId,
    /// How many of the query's fingerprints the article holds.
    pub hits: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("corpus path {0} does not exist")]
    Missing(PathBuf),
    #[error("cannot read corpus {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Told how far loading has gone: (articles done, articles in all).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// Options for opening a corpus.
#[derive(Clone, Default)]
pub struct OpenOptions {
    /// Where to keep the persisted index; `None` means do not persist.
    pub cache_dir: Option<PathBuf>,
    /// Called as articles are indexed (from any thread).
    pub progress: Option<Progress>,
}

impl std::fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenOptions")
            .field("cache_dir", &self.cache_dir)
            .finish_non_exhaustive()
    }
}

/// A loaded corpus: the article table and the index.
#[derive(Debug, Default)]
pub struct Corpus {
    warnings: Vec<LoadWarning>,
}

impl Corpus {
    /// Loads every article under `roots` (walked recursively), using the cache when it is
    /// valid for them and rebuilding what changed otherwise.
    pub fn open(_roots: &[PathBuf], _options: &OpenOptions) -> Result<Corpus, CorpusError> {
        Ok(Corpus::default())
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        0
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Files that could not be read or decoded, each told once.
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// Articles sharing word sequences with `words` (hashes from `text::words`), best first.
    pub fn candidates(&self, _words: &[u64], _limit: usize) -> Vec<Candidate> {
        Vec::new()
    }

    /// An article with its text and quotations (loaded on first use, then kept).
    pub fn article(&self, _doc: DocId) -> Option<Arc<Article>> {
        None
    }

    /// The root a corpus path was given as, for messages.
    pub fn roots(&self) -> &[PathBuf] {
        &[]
    }
}

/// The default cache folder: `$XDG_CACHE_HOME/verbatim` or `~/.cache/verbatim`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(Path::new(&dir).join("verbatim"));
    }
    std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache").join("verbatim"))
}
