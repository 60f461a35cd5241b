//! The lifecycle of the server's sources: opening them (through `sources::open`, with
//! progress) when the settings name them, watching or polling the corpus folders, and
//! re-opening them when files change or `verbatim.reindex` asks.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tower_lsp_server::ls_types::*;

use super::session::{CorpusState, Shared, lock};
use crate::check::Checker;
use crate::sources::{self, OpenWith};
use crate::text::count;

/// How long a burst of corpus file changes must pause before a re-index.
const REINDEX_DEBOUNCE: Duration = Duration::from_millis(300);
const WATCH_ID: &str = "verbatim-watch-corpus";
/// How often the corpus is looked at when the client does not watch files for us.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

impl Shared {
    /// Registers file watching on the corpus and the settings file, where the client can;
    /// else polls the corpus itself.
    pub(super) async fn watch(self: &Arc<Self>) {
        let (roots, root, relative, was) = {
            let mut state = lock(&self.state);
            let was = std::mem::replace(&mut state.watching, true);
            if !state.caps.watch_dynamic {
                if !was {
                    self.poll_corpus();
                }
                return;
            }
            (
                archive_free(&state.settings.corpus),
                state.layers.root.clone(),
                state.caps.relative_patterns,
                was,
            )
        };
        if was {
            let _ = self
                .client
                .unregister_capability(vec![Unregistration {
                    id: WATCH_ID.into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                }])
                .await;
        }
        let mut watchers: Vec<FileSystemWatcher> = roots
            .iter()
            .map(|r| {
                let glob = match Uri::from_file_path(r) {
                    Some(base) if relative && r.is_dir() => {
                        GlobPattern::Relative(RelativePattern {
                            base_uri: OneOf::Right(base),
                            pattern: "**/*".into(),
                        })
                    }
                    _ if r.is_dir() => GlobPattern::String(format!("{}/**/*", r.display())),
                    _ => GlobPattern::String(r.display().to_string()),
                };
                FileSystemWatcher {
                    glob_pattern: glob,
                    kind: None,
                }
            })
            .collect();
        if let Some(root) = root {
            watchers.push(FileSystemWatcher {
                glob_pattern: GlobPattern::String(
                    root.join(crate::config::FILE_NAME).display().to_string(),
                ),
                kind: None,
            });
        }
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: WATCH_ID.into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("cannot watch the corpus: {e}");
        }
    }

    /// For clients that cannot watch files for us: a cheap fingerprint of the corpus files
    /// (paths, sizes, modification times) every few seconds; a change re-indexes.
    fn poll_corpus(self: &Arc<Self>) {
        let me = self.clone();
        tokio::spawn(async move {
            let mut last: Option<(Vec<PathBuf>, u64)> = None;
            loop {
                tokio::time::sleep(POLL_INTERVAL).await;
                let (roots, cache) = {
                    let state = lock(&me.state);
                    (
                        archive_free(&state.settings.corpus),
                        state.settings.cache_dir.clone(),
                    )
                };
                let r = roots.clone();
                let fp = move || fingerprint(&r, cache.as_deref());
                let Ok(now) = tokio::task::spawn_blocking(fp).await else {
                    continue;
                };
                let changed =
                    matches!(&last, Some((was_roots, was)) if *was_roots == roots && *was != now);
                last = Some((roots, now));
                if changed {
                    me.schedule_reindex();
                }
            }
        });
    }

    pub(super) fn spawn_load(self: &Arc<Self>) {
        let me = self.clone();
        tokio::spawn(async move { me.load_corpus().await });
    }

    /// Opens (or re-opens) the corpus on a blocking thread, with progress, then re-checks.
    async fn load_corpus(self: &Arc<Self>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let (settings, progress_ok) = {
            let state = lock(&self.state);
            (state.settings.clone(), state.caps.work_done_progress)
        };
        if settings.corpus.is_empty() {
            lock(&self.state).corpus = CorpusState::Unavailable;
            self.tell(
                MessageType::WARNING,
                "Verbatim has no corpus to check against: set `corpus` in verbatim.toml or in the verbatim settings".into(),
            )
            .await;
            self.recheck_all();
            return;
        }
        let progress = if progress_ok {
            let token = NumberOrString::String(format!("verbatim/index/{generation}"));
            match self.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client
                        .progress(token, "Verbatim")
                        .with_message("Opening the corpus")
                        .with_percentage(0)
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, usize)>();
        let reporter = tokio::spawn(async move {
            let mut last = None;
            while let Some((done, total)) = rx.recv().await {
                let pct = (done * 100).checked_div(total).unwrap_or(100).min(100) as u32;
                if last == Some(pct) {
                    continue;
                }
                last = Some(pct);
                if let Some(p) = &progress {
                    p.report_with_message(
                        format!(
                            "Indexing {} article{}",
                            thousands(total),
                            if total == 1 { "" } else { "s" }
                        ),
                        pct,
                    )
                    .await;
                }
            }
            progress
        });
        let with = OpenWith {
            no_cache: false,
            progress: Some(Arc::new(move |done, total| {
                let _ = tx.send((done, total));
            })),
        };
        // `with` (and with it the progress sender) is dropped when the load ends, which
        // ends the reporter.
        let opened = tokio::task::spawn_blocking(move || {
            catch_unwind(AssertUnwindSafe(|| sources::open(&settings, &with)))
        })
        .await;
        if let Ok(Some(p)) = reporter.await {
            p.finish().await;
        }
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        let opened = match opened {
            Ok(Ok(Ok(opened))) => opened,
            Ok(Ok(Err(e))) => {
                lock(&self.state).corpus = CorpusState::Unavailable;
                self.tell(MessageType::ERROR, format!("Verbatim: {e}"))
                    .await;
                self.recheck_all();
                return;
            }
            _ => {
                lock(&self.state).corpus = CorpusState::Unavailable;
                self.tell(
                    MessageType::ERROR,
                    "Verbatim failed to open the corpus (an internal error)".into(),
                )
                .await;
                return;
            }
        };
        for w in &opened.warnings {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!("{}: {}", w.path.display(), w.message),
                )
                .await;
        }
        if opened.sources.is_empty() {
            self.tell(
                MessageType::WARNING,
                "Verbatim: the corpus holds no articles".into(),
            )
            .await;
        }
        tracing::info!("corpus ready: {}", count(opened.sources.len(), "article"));
        lock(&self.state).corpus = CorpusState::Ready(Arc::new(Checker::new(opened.sources)));
        self.recheck_all();
    }

    /// Re-indexes once a burst of corpus changes has settled.
    pub(super) fn schedule_reindex(self: &Arc<Self>) {
        let seq = self.change_seq.fetch_add(1, Ordering::SeqCst) + 1;
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(REINDEX_DEBOUNCE).await;
            if me.change_seq.load(Ordering::SeqCst) == seq {
                me.load_corpus().await;
            }
        });
    }
}

/// The corpus entries that are files and folders to watch (an archive is not one).
fn archive_free(corpus: &[PathBuf]) -> Vec<PathBuf> {
    corpus
        .iter()
        .filter(|p| !sources::is_archive_entry(p))
        .cloned()
        .collect()
}

/// A hash of every file's path, size and modification time under `roots` (symbolic links
/// to folders are not followed, so a loop cannot trap the walk).
/// The cache folder is skipped: re-indexing writes there.
fn fingerprint(roots: &[PathBuf], cache: Option<&Path>) -> u64 {
    fn walk(path: &Path, cache: Option<&Path>, depth: usize, h: &mut DefaultHasher) {
        if cache.is_some_and(|c| path.starts_with(c)) {
            return;
        }
        // A root may itself be a link to the corpus folder.
        let meta = if depth == 0 {
            std::fs::metadata(path)
        } else {
            std::fs::symlink_metadata(path)
        };
        let Ok(meta) = meta else {
            return;
        };
        if meta.is_dir() && depth < 64 {
            let Ok(entries) = std::fs::read_dir(path) else {
                return;
            };
            let mut children: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            children.sort();
            for c in children {
                walk(&c, cache, depth + 1, h);
            }
        } else {
            let meta = std::fs::metadata(path).unwrap_or(meta);
            path.hash(h);
            meta.len().hash(h);
            meta.modified().ok().hash(h);
        }
    }
    let mut h = DefaultHasher::new();
    for root in roots {
        walk(root, cache, 0, &mut h);
    }
    h.finish()
}

/// `2225` as `2,225`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(225), "225");
        assert_eq!(thousands(2225), "2,225");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn fingerprints_change_with_files_but_not_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let roots = vec![dir.path().to_path_buf()];
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        let before = fingerprint(&roots, Some(&cache));
        std::fs::write(cache.join("index"), "x").unwrap();
        assert_eq!(fingerprint(&roots, Some(&cache)), before);
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        assert_ne!(fingerprint(&roots, Some(&cache)), before);
    }
}
