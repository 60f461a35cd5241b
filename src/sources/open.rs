//! Opening the sources named in the settings: the one function both adapters call, so the
//! CLI and the editor check against the same backends with the same options.

use std::sync::Arc;

use super::Sources;
use crate::config::Settings;
use crate::corpus::{Corpus, CorpusError, LoadWarning, OpenOptions, Progress, default_cache_dir};

/// What an adapter adds to the settings when it opens the sources.
#[derive(Clone, Default)]
pub struct OpenWith {
    /// Neither read nor write the index cache (`--no-cache`).
    pub no_cache: bool,
    /// Told how far loading has gone, from any thread.
    pub progress: Option<Progress>,
}

/// Opened sources, and what opening them found.
pub struct Opened {
    pub sources: Arc<dyn Sources>,
    /// Problems with single files (unreadable, not UTF-8, ...): each to tell once; the rest
    /// of the sources are used.
    pub warnings: Vec<LoadWarning>,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
}

/// Opens the sources of `settings.corpus`: today every entry is a folder or file of the
/// embedded index, cached in `settings.cache_dir` (default: the user's cache folder).
pub fn open(settings: &Settings, with: &OpenWith) -> Result<Opened, OpenError> {
    let options = OpenOptions {
        cache_dir: if with.no_cache {
            None
        } else {
            settings.cache_dir.clone().or_else(default_cache_dir)
        },
        progress: with.progress.clone(),
        follow_links_outside: settings.follow_links_outside,
    };
    let corpus = Corpus::open(&settings.corpus, &options)?;
    let warnings = corpus.warnings().to_vec();
    Ok(Opened {
        sources: Arc::new(corpus),
        warnings,
    })
}
