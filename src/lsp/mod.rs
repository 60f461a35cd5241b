//! The language server (`verbatim lsp`): a thin adapter from LSP over stdio to the engine.
//! It owns editor state (open drafts, settings, the opened sources), never checking rules:
//! drafts are checked through `check::Checker`, findings told through `check::verdict`.

mod backend;
pub mod config;
pub mod diagnostics;
pub mod documents;
pub mod position;
mod session;
mod sources;
mod stdio;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::{LspService, Server};

pub use backend::REINDEX;

/// Told on stderr when stdin is a terminal: the server waits for an editor's messages.
const TERMINAL_NOTICE: &str = "verbatim lsp is the language server that editors start (it speaks LSP on stdin and stdout); to check a draft from the terminal, run `verbatim check DRAFT --corpus DIR`";

/// Serves LSP over stdin/stdout until the client says `exit`. Logs go to stderr only:
/// stdout is the protocol. Success when `shutdown` came before the end, as the spec asks.
pub fn run_stdio() -> ExitCode {
    // Someone typed `verbatim lsp` at a prompt: say what this is, then serve as usual.
    if std::io::stdin().is_terminal() {
        eprintln!("{TERMINAL_NOTICE}");
    }
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("verbatim lsp: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    runtime.block_on(async move {
        let io = stdio::start();
        let (service, socket) = LspService::new(|client| backend::Backend::new(client, flag));
        Server::new(io.input, io.output, socket)
            .serve(service)
            .await;
        // The reader holds a sender of the output channel; once it stops, the writer drains
        // what is left and ends.
        io.reader.abort();
        let _ = io.reader.await;
        let _ = io.writer.await;
    });
    // Blocking tasks (a corpus load) must not keep the process alive after `exit`.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
