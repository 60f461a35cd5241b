//! Request routing: each LSP request or notification goes to the session (open drafts,
//! settings, checking), the sources lifecycle, or `diagnostics`, which turns findings into
//! what the editor shows. No state or checking of its own.

use std::panic::catch_unwind;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::config::{self, Layers};
use super::diagnostics;
use super::documents::Document;
use super::position::{self, Encoding};
use super::session::{Caps, Shared, lock, out_of_range};
use crate::draft::{self, ExtractOptions};

/// The command that re-opens the corpus.
pub const REINDEX: &str = "verbatim.reindex";

pub struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        Backend {
            shared: Arc::new(Shared::new(client, shutdown)),
        }
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
            v => Some(config::section(v)),
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
        let article = f.source.as_ref().and_then(|s| self.shared.article(s.id));
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
            .filter_map(|s| diagnostics::source_location(s, snap.encoding, true))
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
            let diagnostic =
                diagnostics::diagnostic(f, &snap.settings.severity, &rope, snap.encoding);
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
