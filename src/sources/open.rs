//! Opening the sources named in the settings: the one function both adapters call, so the
//! CLI and the editor check against the same backends with the same options.

use std::path::PathBuf;
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
    #[cfg(feature = "archive")]
    #[error(transparent)]
    Archive(#[from] crate::archive::ArchiveError),
    #[error(
        "{0}: this verbatim was built without archive support (build it with `--features archive`)"
    )]
    NoArchiveSupport(String),
}

/// Opens the sources of `settings.corpus`: folders and files of the embedded index, cached
/// in `settings.cache_dir` (default: the user's cache folder), and shared archives
/// (`postgres://…` entries); several backends are checked as one (`Several`).
pub fn open(settings: &Settings, with: &OpenWith) -> Result<Opened, OpenError> {
    let (archives, folders): (Vec<&PathBuf>, Vec<&PathBuf>) = settings
        .corpus
        .iter()
        .partition(|p| super::is_archive_entry(p));
    if archives.is_empty() {
        return open_folders(settings, with, &settings.corpus);
    }
    let mut backends: Vec<Arc<dyn Sources>> = Vec::new();
    let mut warnings = Vec::new();
    if !folders.is_empty() {
        let folders: Vec<PathBuf> = folders.into_iter().cloned().collect();
        let opened = open_folders(settings, with, &folders)?;
        backends.push(opened.sources);
        warnings.extend(opened.warnings);
    }
    for url in archives {
        let (archive, down) = open_archive(&url.to_string_lossy())?;
        if let Some(u) = down {
            warnings.push(LoadWarning {
                path: PathBuf::from(&u.name),
                message: format!(
                    "archive not answering ({}): the other sources are checked, and it is tried again",
                    u.reason
                ),
            });
        }
        backends.push(archive);
    }
    let sources: Arc<dyn Sources> = if backends.len() == 1 {
        backends.remove(0)
    } else {
        Arc::new(super::Several::new(backends))
    };
    Ok(Opened { sources, warnings })
}

#[cfg(feature = "archive")]
fn open_archive(url: &str) -> Result<(Arc<dyn Sources>, Option<super::Unanswered>), OpenError> {
    let (archive, down) = crate::archive::Archive::open(url)?;
    Ok((Arc::new(archive), down))
}

#[cfg(not(feature = "archive"))]
fn open_archive(url: &str) -> Result<(Arc<dyn Sources>, Option<super::Unanswered>), OpenError> {
    Err(OpenError::NoArchiveSupport(redact(url)))
}

/// An archive address without its password, for a message.
#[cfg(not(feature = "archive"))]
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}

/// The folders and files of the embedded index.
fn open_folders(
    settings: &Settings,
    with: &OpenWith,
    roots: &[PathBuf],
) -> Result<Opened, OpenError> {
    let options = OpenOptions {
        cache_dir: if with.no_cache {
            None
        } else {
            settings.cache_dir.clone().or_else(default_cache_dir)
        },
        progress: with.progress.clone(),
        follow_links_outside: settings.follow_links_outside,
        speakers: crate::config::canonical_speakers(&settings.speakers),
    };
    let corpus = Corpus::open(roots, &options)?;
    let warnings = corpus.warnings().to_vec();
    Ok(Opened {
        sources: Arc::new(corpus),
        warnings,
    })
}
