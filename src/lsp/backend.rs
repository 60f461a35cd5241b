//! The language server proper: routes each LSP request to the document state, the settings,
//! the corpus and the engine, and sends back what `diagnostics` makes of the findings.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rayon::prelude::*;
use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::config::{self, Layers};
use super::diagnostics;
use super::documents::{Checked, Document};
use super::position::{self, Encoding};
use crate::check::{Finding, check_quote};
use crate::config::Settings;
use crate::corpus::{Article, Corpus, DocId, OpenOptions, default_cache_dir};
use crate::draft::{self, ExtractOptions, Format, Quote};

/// The command that re-opens the corpus.
pub const REINDEX: &str = "verbatim.reindex";
/// How long a burst of typing must pause before a re-check.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How long a burst of corpus file changes must pause before a re-index.
const REINDEX_DEBOUNCE: Duration = Duration::from_millis(300);
const WATCH_ID: &str = "verbatim-watch-corpus";
const CACHE_LIMIT: usize = 50_000;
/// How often the corpus is looked at when the client does not watch files for us.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

pub struct Backend {
    shared: Arc<Shared>,
}

struct Shared {
    client: Client,
    state: Mutex<State>,
    /// Bumped on every corpus (re)load; a load that is no longer the latest is discarded.
    generation: AtomicU64,
    /// Bumped on every corpus file change, for debouncing re-indexing.
    change_seq: AtomicU64,
    shutdown: Arc<AtomicBool>,
}

#[derive(Default)]
struct Caps {
    work_done_progress: bool,
    configuration: bool,
    watch_dynamic: bool,
    relative_patterns: bool,
    inlay_refresh: bool,
    lens_refresh: bool,
}

/// A loaded corpus and the findings checked against it, which go when it goes.
struct Loaded {
    corpus: Corpus,
    /// Findings by the draft's quotation (text, kind, speaker): survive edits elsewhere.
    cache: Mutex<HashMap<String, Finding>>,
}

enum CorpusState {
    /// Until the first load ends; a re-load keeps serving the previous corpus.
    Loading,
    Ready(Arc<Loaded>),
    /// No corpus configured, or it could not be opened: nothing to check against.
    Unavailable,
}

struct State {
    encoding: Encoding,
    caps: Caps,
    layers: Layers,
    settings: Settings,
    documents: HashMap<Uri, Document>,
    corpus: CorpusState,
    /// Messages already shown with `window/showMessage`.
    told: HashSet<String>,
    watching: bool,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        Backend {
            shared: Arc::new(Shared {
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
            }),
        }
    }
}

/// A lock that survives a panic elsewhere: the state is plain data, still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn unknown(uri: &Uri) -> Error {
    Error::invalid_params(format!("unknown document {}", uri.as_str()))
}

fn out_of_range(pos: Position) -> Error {
    Error::invalid_params(format!(
        "position {}:{} is outside the document",
        pos.line, pos.character
    ))
}

/// The key of a quotation in the cache: what `check_quote` depends on.
fn cache_key(text: &str, q: &Quote) -> String {
    let speaker = q.speaker.as_ref().map(|s| (s.name.as_str(), s.named));
    format!(
        "{:?}|{}|{}|{:?}|{}",
        q.kind,
        q.block,
        q.ignored,
        speaker,
        text.get(q.start..q.end).unwrap_or(&q.text)
    )
}

/// A cached finding moved to where its quotation now is.
fn rebase(hit: &Finding, quote: Quote) -> Finding {
    let delta = quote.start as isize - hit.quote.start as isize;
    let shift = |n: usize| n.saturating_add_signed(delta);
    let mut f = hit.clone();
    for c in &mut f.changes {
        c.draft_range = shift(c.draft_range.start)..shift(c.draft_range.end);
    }
    f.quote = quote;
    f
}

/// The engine over one draft, re-checking only quotations not in the cache.
fn check_draft(
    loaded: &Loaded,
    text: &str,
    format: Format,
    extract: &ExtractOptions,
) -> Vec<Finding> {
    let cache = &loaded.cache;
    // Quotations are checked on every core; the findings keep the draft's order.
    draft::analyze(text, format, extract)
        .into_par_iter()
        .map(|q| {
            let key = cache_key(text, &q);
            if let Some(hit) = lock(cache).get(&key) {
                return rebase(hit, q);
            }
            let finding = check_quote(&loaded.corpus, text, q);
            let mut cache = lock(cache);
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(key, finding.clone());
            finding
        })
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

/// What a request about one document needs, taken under the lock.
struct Snapshot {
    rope: Rope,
    format: Format,
    encoding: Encoding,
    settings: Settings,
}

impl Shared {
    fn snapshot(&self, uri: &Uri) -> Result<Snapshot> {
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
    async fn checked(self: &Arc<Self>, uri: &Uri) -> Option<(Checked, Rope)> {
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
            let extract = ExtractOptions {
                min_speech_words: settings.min_speech_words,
            };
            let (used, draft) = (loaded.clone(), rope.clone());
            let result = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| {
                    check_draft(&used, &draft.to_string(), format, &extract)
                }))
            })
            .await;
            let findings = match result {
                Ok(Ok(findings)) => findings,
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
                        diagnostics::diagnostic(
                            f,
                            &state.settings.severity,
                            &rope,
                            state.encoding,
                            &state.settings.corpus,
                        )
                    })
                    .collect()
            }
        };
        self.client
            .publish_diagnostics(uri, diagnostics, Some(checked.version))
            .await;
    }

    fn schedule(self: &Arc<Self>, uri: Uri) {
        let me = self.clone();
        tokio::spawn(async move { me.refresh(uri).await });
    }

    /// Re-checks once the typing has paused: a later edit's task takes over from this one.
    fn schedule_debounced(self: &Arc<Self>, uri: Uri, version: i32) {
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
    fn recheck_all(self: &Arc<Self>) {
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
    async fn tell(&self, typ: MessageType, message: String) {
        let first = lock(&self.state).told.insert(message.clone());
        if first {
            self.client.show_message(typ, message).await;
        }
    }

    /// Re-reads the settings from their layers; re-opens the corpus if its paths changed,
    /// else re-checks the open drafts under the new settings.
    async fn apply_settings(self: &Arc<Self>, initial: bool) {
        let resolved = lock(&self.state).layers.resolve();
        let settings = match resolved {
            Ok(s) => s,
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
                || state.settings.follow_links_outside != settings.follow_links_outside;
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
    async fn pull_configuration(&self) {
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

    /// Registers file watching on the corpus and the settings file, where the client can;
    /// else polls the corpus itself.
    async fn watch(self: &Arc<Self>) {
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
                state.settings.corpus.clone(),
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
                        state.settings.corpus.clone(),
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

    fn spawn_load(self: &Arc<Self>) {
        let me = self.clone();
        tokio::spawn(async move { me.load_corpus().await });
    }

    /// Opens (or re-opens) the corpus on a blocking thread, with progress, then re-checks.
    async fn load_corpus(self: &Arc<Self>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let (roots, cache_dir, progress_ok, follow_links_outside) = {
            let state = lock(&self.state);
            (
                state.settings.corpus.clone(),
                state.settings.cache_dir.clone().or_else(default_cache_dir),
                state.caps.work_done_progress,
                state.settings.follow_links_outside,
            )
        };
        if roots.is_empty() {
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
                    p.report_with_message(format!("Indexing {} articles", thousands(total)), pct)
                        .await;
                }
            }
            progress
        });
        let options = OpenOptions {
            cache_dir,
            follow_links_outside,
            progress: Some(Arc::new(move |done, total| {
                let _ = tx.send((done, total));
            })),
        };
        // `options` (and with it the progress sender) is dropped when the load ends, which
        // ends the reporter.
        let opened = tokio::task::spawn_blocking(move || {
            catch_unwind(AssertUnwindSafe(|| Corpus::open(&roots, &options)))
        })
        .await;
        if let Ok(Some(p)) = reporter.await {
            p.finish().await;
        }
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        let corpus = match opened {
            Ok(Ok(Ok(corpus))) => corpus,
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
        for w in corpus.warnings() {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!("{}: {}", w.path.display(), w.message),
                )
                .await;
        }
        if corpus.is_empty() {
            self.tell(
                MessageType::WARNING,
                "Verbatim: the corpus holds no articles".into(),
            )
            .await;
        }
        tracing::info!("corpus ready: {} articles", corpus.len());
        lock(&self.state).corpus = CorpusState::Ready(Arc::new(Loaded {
            corpus,
            cache: Mutex::new(HashMap::new()),
        }));
        self.recheck_all();
    }

    /// Re-indexes once a burst of corpus changes has settled.
    fn schedule_reindex(self: &Arc<Self>) {
        let seq = self.change_seq.fetch_add(1, Ordering::SeqCst) + 1;
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(REINDEX_DEBOUNCE).await;
            if me.change_seq.load(Ordering::SeqCst) == seq {
                me.load_corpus().await;
            }
        });
    }

    /// Where the source passage of the quotation under `pos` is.
    async fn source_at(self: &Arc<Self>, uri: &Uri, pos: Position) -> Result<Option<Location>> {
        let Some((f, snap)) = self.finding_at(uri, pos).await? else {
            return Ok(None);
        };
        let source = f.source.as_ref();
        Ok(source.and_then(|s| {
            diagnostics::source_location(&snap.settings.corpus, s, snap.encoding, true)
        }))
    }

    /// A source article of the corpus in use.
    fn article(&self, doc: DocId) -> Option<Arc<Article>> {
        // Not under the lock: the corpus may read the article from disk.
        let loaded = match &lock(&self.state).corpus {
            CorpusState::Ready(loaded) => loaded.clone(),
            _ => return None,
        };
        loaded.corpus.article(doc)
    }

    /// The document's findings and the one under `pos`, for the position requests.
    async fn finding_at(
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

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = caps.workspace.as_ref();
        let watched = workspace.and_then(|w| w.did_change_watched_files.as_ref());
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| config::file_path(&f.uri))
            .or_else(|| params.root_uri.as_ref().and_then(config::file_path));
        {
            let mut state = lock(&self.shared.state);
            state.encoding = encoding;
            state.caps = Caps {
                work_done_progress: caps
                    .window
                    .as_ref()
                    .and_then(|w| w.work_done_progress)
                    .unwrap_or(false),
                configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
                watch_dynamic: watched
                    .and_then(|w| w.dynamic_registration)
                    .unwrap_or(false),
                relative_patterns: watched
                    .and_then(|w| w.relative_pattern_support)
                    .unwrap_or(false),
                inlay_refresh: workspace
                    .and_then(|w| w.inlay_hint.as_ref())
                    .and_then(|i| i.refresh_support)
                    .unwrap_or(false),
                lens_refresh: workspace
                    .and_then(|w| w.code_lens.as_ref())
                    .and_then(|c| c.refresh_support)
                    .unwrap_or(false),
            };
            state.layers = Layers {
                root,
                init: params.initialization_options.clone(),
                editor: None,
            };
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![REINDEX.into()],
                    ..ExecuteCommandOptions::default()
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "verbatim".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.shared.pull_configuration().await;
        self.shared.apply_settings(true).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let doc = Document::new(&d.uri, &d.language_id, &d.text, d.version);
        lock(&self.shared.state)
            .documents
            .insert(d.uri.clone(), doc);
        self.shared.schedule(d.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            // Applied before any await, so edits apply in the order they came.
            let mut state = lock(&self.shared.state);
            let enc = state.encoding;
            let Some(doc) = state.documents.get_mut(&uri) else {
                tracing::warn!("change to unknown document {}", uri.as_str());
                return;
            };
            doc.apply(&params.content_changes, params.text_document.version, enc);
        }
        self.shared
            .schedule_debounced(uri, params.text_document.version);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.shared.state).documents.remove(&uri);
        self.shared
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pushed = match &params.settings {
            Value::Null => None,
            Value::Object(m) if m.is_empty() => None,
            v => Some(config::section(v).clone()),
        };
        match pushed {
            Some(v) => lock(&self.shared.state).layers.editor = Some(v),
            None => self.shared.pull_configuration().await,
        }
        self.shared.apply_settings(false).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let (roots, cache) = {
            let state = lock(&self.shared.state);
            (
                state.settings.corpus.clone(),
                state.settings.cache_dir.clone(),
            )
        };
        let mut settings_changed = false;
        let mut corpus_changed = false;
        for change in &params.changes {
            let Some(path) = config::file_path(&change.uri) else {
                continue;
            };
            if config::is_settings_file(&path) {
                settings_changed = true;
            } else if roots.iter().any(|r| path.starts_with(r))
                && !cache.as_ref().is_some_and(|c| path.starts_with(c))
            {
                corpus_changed = true;
            }
        }
        if settings_changed {
            self.shared.apply_settings(false).await;
        } else if corpus_changed {
            self.shared.schedule_reindex();
        }
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        if params.command != REINDEX {
            return Err(Error::invalid_params(format!(
                "unknown command {}",
                params.command
            )));
        }
        self.shared.spawn_load();
        Ok(None)
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((f, snap)) = self
            .shared
            .finding_at(&p.text_document.uri, p.position)
            .await?
        else {
            return Ok(None);
        };
        let text = snap.rope.to_string();
        let article = f.source.as_ref().and_then(|s| self.shared.article(s.doc));
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: diagnostics::hover(&f, &text, article.as_ref().map(|a| a.text.as_str())),
            }),
            range: Some(position::range(&snap.rope, f.quote.range(), snap.encoding)),
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let location = self.shared.source_at(&p.text_document.uri, p.position);
        Ok(location.await?.map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some((f, snap)) = self
            .shared
            .finding_at(&p.text_document.uri, p.position)
            .await?
        else {
            return Ok(None);
        };
        // Every passage of the corpus that holds the words: the best first.
        let locations: Vec<Location> = f
            .source
            .iter()
            .chain(&f.others)
            .filter_map(|s| {
                diagnostics::source_location(&snap.settings.corpus, s, snap.encoding, true)
            })
            .collect();
        Ok((!locations.is_empty()).then_some(locations))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let snap = self.shared.snapshot(&uri)?;
        let start = position::offset(&snap.rope, params.range.start, snap.encoding)
            .ok_or(out_of_range(params.range.start))?;
        let end = position::offset(&snap.rope, params.range.end, snap.encoding)
            .ok_or(out_of_range(params.range.end))?;
        let Some((checked, rope)) = self.shared.checked(&uri).await else {
            return Ok(None);
        };
        let text = rope.to_string();
        let mut actions = Vec::new();
        for f in checked
            .findings
            .iter()
            .filter(|f| f.quote.start <= end && start <= f.quote.end)
        {
            let diagnostic = diagnostics::diagnostic(
                f,
                &snap.settings.severity,
                &rope,
                snap.encoding,
                &snap.settings.corpus,
            );
            actions.extend(
                diagnostics::code_actions(
                    f,
                    &uri,
                    &rope,
                    &text,
                    snap.format,
                    snap.encoding,
                    diagnostic.as_ref(),
                )
                .into_iter()
                .map(CodeActionOrCommand::CodeAction),
            );
        }
        Ok(Some(actions))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let snap = self.shared.snapshot(&uri)?;
        let symbols = match self.shared.checked(&uri).await {
            Some((checked, rope)) => checked
                .findings
                .iter()
                .map(|f| diagnostics::symbol(&f.quote, Some(f), &rope, snap.encoding))
                .collect(),
            // Before the corpus is ready the outline needs only the draft.
            None => {
                let text = snap.rope.to_string();
                let extract = ExtractOptions {
                    min_speech_words: snap.settings.min_speech_words,
                };
                let quotes = catch_unwind(|| draft::analyze(&text, snap.format, &extract))
                    .unwrap_or_default();
                quotes
                    .iter()
                    .map(|q| diagnostics::symbol(q, None, &snap.rope, snap.encoding))
                    .collect()
            }
        };
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri;
        let snap = self.shared.snapshot(&uri)?;
        if !snap.settings.inlay_hints {
            return Ok(Some(Vec::new()));
        }
        let Some((checked, rope)) = self.shared.checked(&uri).await else {
            return Ok(None);
        };
        let start = position::offset_clamped(&rope, params.range.start, snap.encoding);
        let end = position::offset_clamped(&rope, params.range.end, snap.encoding);
        Ok(Some(
            checked
                .findings
                .iter()
                .filter(|f| f.quote.end >= start && f.quote.end <= end)
                .filter_map(|f| diagnostics::inlay_hint(f, &rope, snap.encoding))
                .collect(),
        ))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        self.shared.snapshot(&uri)?;
        let Some((checked, _)) = self.shared.checked(&uri).await else {
            return Ok(None);
        };
        if checked.too_large {
            return Ok(Some(Vec::new()));
        }
        Ok(Some(vec![CodeLens {
            range: Range::default(),
            command: Some(Command {
                title: diagnostics::summary(&checked.findings),
                command: String::new(),
                arguments: None,
            }),
            data: None,
        }]))
    }
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
