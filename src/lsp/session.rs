//! The server's session: the open drafts, the settings, the state of the sources, and the
//! checking of a draft (through the core's `Checker`) and publishing of what it found.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use ropey::Rope;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::config::Layers;
use super::diagnostics;
use super::documents::{Checked, Document};
use super::position::{self, Encoding};
use crate::check::{CheckOptions, Checker, Finding};
use crate::config::Settings;
use crate::draft::{ExtractOptions, Format};
use crate::sources::{Article, ArticleId};

/// How long a burst of typing must pause before a re-check.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What every request handler shares.
pub(super) struct Shared {
    pub(super) client: Client,
    pub(super) state: Mutex<State>,
    /// Bumped on every corpus (re)load; a load that is no longer the latest is discarded.
    pub(super) generation: AtomicU64,
    /// Bumped on every corpus file change, for debouncing re-indexing.
    pub(super) change_seq: AtomicU64,
    pub(super) shutdown: Arc<AtomicBool>,
}

/// What the client said it can do.
#[derive(Default)]
pub(super) struct Caps {
    pub(super) work_done_progress: bool,
    pub(super) configuration: bool,
    pub(super) watch_dynamic: bool,
    pub(super) relative_patterns: bool,
    pub(super) inlay_refresh: bool,
    pub(super) lens_refresh: bool,
}

pub(super) enum CorpusState {
    /// Until the first load ends; a re-load keeps serving the previous corpus.
    Loading,
    /// The opened sources, with the findings checked against them (which go when they go).
    Ready(Arc<Checker>),
    /// No corpus configured, or it could not be opened: nothing to check against.
    Unavailable,
}

pub(super) struct State {
    pub(super) encoding: Encoding,
    pub(super) caps: Caps,
    pub(super) layers: Layers,
    pub(super) settings: Settings,
    pub(super) documents: HashMap<Uri, Document>,
    pub(super) corpus: CorpusState,
    /// Messages already shown with `window/showMessage`.
    pub(super) told: HashSet<String>,
    pub(super) watching: bool,
}

/// A lock that survives a panic elsewhere: the state is plain data, still usable.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn unknown(uri: &Uri) -> Error {
    Error::invalid_params(format!("unknown document {}", uri.as_str()))
}

pub(super) fn out_of_range(pos: Position) -> Error {
    Error::invalid_params(format!(
        "position {}:{} is outside the document",
        pos.line, pos.character
    ))
}

/// What a request about one document needs, taken under the lock.
pub(super) struct Snapshot {
    pub(super) rope: Rope,
    pub(super) format: Format,
    pub(super) encoding: Encoding,
    pub(super) settings: Settings,
}

impl Shared {
    pub(super) fn new(client: Client, shutdown: Arc<AtomicBool>) -> Shared {
        Shared {
            client,
            state: Mutex::new(State {
                encoding: Encoding::Utf16,
                caps: Caps::default(),
                layers: Layers::default(),
                settings: Settings::default(),
                documents: HashMap::new(),
                corpus: CorpusState::Loading,
                told: HashSet::new(),
                watching: false,
            }),
            generation: AtomicU64::new(0),
            change_seq: AtomicU64::new(0),
            shutdown,
        }
    }

    pub(super) fn snapshot(&self, uri: &Uri) -> Result<Snapshot> {
        let state = lock(&self.state);
        let doc = state.documents.get(uri).ok_or_else(|| unknown(uri))?;
        Ok(Snapshot {
            rope: doc.rope.clone(),
            format: doc.format,
            encoding: state.encoding,
            settings: state.settings.clone(),
        })
    }

    /// The findings for the document's current text, checking it now if needed. `None`
    /// while the corpus is not ready or when the document has moved on meanwhile.
    pub(super) async fn checked(self: &Arc<Self>, uri: &Uri) -> Option<(Checked, Rope)> {
        let (rope, version, format, loaded, settings) = {
            let state = lock(&self.state);
            let doc = state.documents.get(uri)?;
            if let Some(c) = doc.current() {
                return Some((c.clone(), doc.rope.clone()));
            }
            let CorpusState::Ready(loaded) = &state.corpus else {
                return None;
            };
            (
                doc.rope.clone(),
                doc.version,
                doc.format,
                loaded.clone(),
                state.settings.clone(),
            )
        };
        let checked = if rope.len_bytes() > settings.max_draft_bytes {
            Checked {
                version,
                findings: Arc::new(Vec::new()),
                too_large: true,
            }
        } else {
            let options = CheckOptions {
                extract: ExtractOptions {
                    min_speech_words: settings.min_speech_words,
                },
            };
            let (used, draft) = (loaded.clone(), rope.clone());
            let result = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| {
                    used.check(&draft.to_string(), format, &options)
                }))
            })
            .await;
            let findings = match result {
                Ok(Ok(findings)) => {
                    self.tell_unanswered(&findings).await;
                    findings
                }
                _ => {
                    tracing::error!("the check of {} panicked", uri.as_str());
                    self.tell(
                        MessageType::ERROR,
                        "Verbatim failed to check a draft (an internal error); see the server log"
                            .into(),
                    )
                    .await;
                    Vec::new()
                }
            };
            Checked {
                version,
                findings: Arc::new(findings),
                too_large: false,
            }
        };
        let mut state = lock(&self.state);
        // A corpus swapped meanwhile has scheduled its own re-check.
        if !matches!(&state.corpus, CorpusState::Ready(now) if Arc::ptr_eq(now, &loaded)) {
            return None;
        }
        let doc = state.documents.get_mut(uri)?;
        if doc.version != version {
            return None;
        }
        doc.checked = Some(checked.clone());
        Some((checked, rope))
    }

    /// Checks a document (if needed) and publishes its diagnostics, unless it moved on.
    async fn refresh(self: &Arc<Self>, uri: Uri) {
        let Some((checked, rope)) = self.checked(&uri).await else {
            return;
        };
        let diagnostics = {
            let state = lock(&self.state);
            let Some(doc) = state.documents.get(&uri) else {
                return;
            };
            if doc.version != checked.version {
                return;
            }
            if checked.too_large {
                vec![diagnostics::too_large(
                    rope.len_bytes(),
                    state.settings.max_draft_bytes,
                )]
            } else {
                checked
                    .findings
                    .iter()
                    .filter_map(|f| {
                        diagnostics::diagnostic(f, &state.settings.severity, &rope, state.encoding)
                    })
                    .collect()
            }
        };
        self.client
            .publish_diagnostics(uri, diagnostics, Some(checked.version))
            .await;
    }

    pub(super) fn schedule(self: &Arc<Self>, uri: Uri) {
        let me = self.clone();
        tokio::spawn(async move { me.refresh(uri).await });
    }

    /// Re-checks once the typing has paused: a later edit's task takes over from this one.
    pub(super) fn schedule_debounced(self: &Arc<Self>, uri: Uri, version: i32) {
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(DEBOUNCE).await;
            let current = lock(&me.state).documents.get(&uri).map(|d| d.version);
            if current == Some(version) {
                me.refresh(uri).await;
            }
        });
    }

    /// Forgets every result and re-checks every open draft; asks the client to ask again
    /// for the hints and lenses it shows.
    pub(super) fn recheck_all(self: &Arc<Self>) {
        let (uris, inlay, lens) = {
            let mut state = lock(&self.state);
            for doc in state.documents.values_mut() {
                doc.checked = None;
            }
            let uris: Vec<Uri> = state.documents.keys().cloned().collect();
            (uris, state.caps.inlay_refresh, state.caps.lens_refresh)
        };
        for uri in uris {
            self.schedule(uri);
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            if inlay {
                let _ = client.inlay_hint_refresh().await;
            }
            if lens {
                let _ = client.code_lens_refresh().await;
            }
        });
    }

    /// Shows a message once per server run.
    /// Says once which sources (a shared archive) stopped answering, while they do not
    /// answer; once they answer again, a later outage is told again.
    async fn tell_unanswered(&self, findings: &[crate::check::Finding]) {
        const PREFIX: &str = "Verbatim: the archive ";
        let mut down: Vec<&str> = findings
            .iter()
            .flat_map(|f| &f.unchecked)
            .map(|u| u.name.as_str())
            .collect();
        down.sort_unstable();
        down.dedup();
        if down.is_empty() {
            lock(&self.state).told.retain(|m| !m.starts_with(PREFIX));
        }
        for name in down {
            self.tell(
                MessageType::WARNING,
                format!(
                    "{PREFIX}{name} is not answering: quotations it could decide are marked unchecked, the other sources are still checked, and it is tried again"
                ),
            )
            .await;
        }
    }

    pub(super) async fn tell(&self, typ: MessageType, message: String) {
        let first = lock(&self.state).told.insert(message.clone());
        if first {
            self.client.show_message(typ, message).await;
        }
    }

    /// Re-reads the settings from their layers; re-opens the corpus if its paths (or the
    /// names of its transcripts' speakers) changed, else re-checks the open drafts under
    /// the new settings.
    pub(super) async fn apply_settings(self: &Arc<Self>, initial: bool) {
        let resolved = lock(&self.state).layers.resolve();
        let settings = match resolved {
            Ok(resolved) => {
                if let Some(warning) = resolved.warning {
                    tracing::warn!("{warning}");
                    self.tell(MessageType::WARNING, warning).await;
                }
                resolved.settings
            }
            Err(message) => {
                self.tell(MessageType::ERROR, message).await;
                if !initial {
                    return;
                }
                Settings::default()
            }
        };
        let reload = {
            let mut state = lock(&self.state);
            let reload = initial
                || state.settings.corpus != settings.corpus
                || state.settings.cache_dir != settings.cache_dir
                || state.settings.follow_links_outside != settings.follow_links_outside
                || state.settings.speakers != settings.speakers;
            state.settings = settings;
            reload
        };
        if reload {
            self.watch().await;
            self.spawn_load();
        } else {
            self.recheck_all();
        }
    }

    /// Asks the client for the `verbatim` section, when it can answer.
    pub(super) async fn pull_configuration(&self) {
        let (can, scope) = {
            let state = lock(&self.state);
            let scope = state.layers.root.as_ref().and_then(Uri::from_file_path);
            (state.caps.configuration, scope)
        };
        if !can {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: scope,
            section: Some("verbatim".into()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(mut values) if !values.is_empty() => {
                let value = values.swap_remove(0);
                if !value.is_null() {
                    lock(&self.state).layers.editor = Some(value);
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
        }
    }

    /// Where the source passage of the quotation under `pos` is.
    pub(super) async fn source_at(
        self: &Arc<Self>,
        uri: &Uri,
        pos: Position,
    ) -> Result<Option<Location>> {
        let Some((f, snap)) = self.finding_at(uri, pos).await? else {
            return Ok(None);
        };
        let source = f.source.as_ref();
        Ok(source.and_then(|s| diagnostics::source_location(s, snap.encoding, true)))
    }

    /// A source article of the sources in use.
    pub(super) fn article(&self, id: ArticleId) -> Option<Arc<Article>> {
        // Not under the lock: the sources may read the article from disk.
        let checker = match &lock(&self.state).corpus {
            CorpusState::Ready(checker) => checker.clone(),
            _ => return None,
        };
        checker.sources().fetch(id)
    }

    /// The document's findings and the one under `pos`, for the position requests.
    pub(super) async fn finding_at(
        self: &Arc<Self>,
        uri: &Uri,
        pos: Position,
    ) -> Result<Option<(Finding, Snapshot)>> {
        let snap = self.snapshot(uri)?;
        let offset = position::offset(&snap.rope, pos, snap.encoding).ok_or(out_of_range(pos))?;
        let Some((checked, rope)) = self.checked(uri).await else {
            return Ok(None);
        };
        let found = checked
            .findings
            .iter()
            .find(|f| f.quote.start <= offset && offset <= f.quote.end)
            .cloned();
        // The findings are for `rope`, which may be newer than the snapshot.
        Ok(found.map(|f| (f, Snapshot { rope, ..snap })))
    }
}
