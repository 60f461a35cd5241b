//! The command line and the editor say the same of the same draft: the real binary's
//! `check` (JSON and human output) and its language server (diagnostics and the summary
//! lens) over one draft and corpus give the same summary line and the same verdict codes.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

mod common;

use common::lsp_client::{LspClient, uri};

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cli(draft: &Path, corpus: &Path, format: &str) -> String {
    let cwd = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["check", "--no-cache", "--format", format, "--corpus"])
        .arg(corpus)
        .arg(draft)
        .current_dir(cwd.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run verbatim check");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What the CLI says: its summary line, and each told quotation as (line, code).
fn from_cli(draft: &Path, corpus: &Path) -> (String, Vec<(u64, String)>) {
    let human = cli(draft, corpus, "human");
    let summary = human
        .lines()
        .rfind(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(" verified, "))
        .unwrap_or_else(|| panic!("no summary line in:\n{human}"))
        .to_string();
    let json: Value = serde_json::from_str(&cli(draft, corpus, "json")).unwrap();
    let mut told: Vec<(u64, String)> = json["files"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| !q["code"].is_null())
        .map(|q| {
            (
                q["line"].as_u64().unwrap(),
                q["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    told.sort();
    (summary, told)
}

/// What the editor says: the summary lens, and each diagnostic as (1-based line, code).
fn from_editor(draft: &Path, corpus: &Path) -> (String, Vec<(u64, String)>) {
    let ws = tempfile::tempdir().unwrap();
    let options = json!({"corpus": [corpus], "cacheDir": ws.path().join("cache")});
    let (mut client, _) = LspClient::start(ws.path(), json!({}), options);
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", &std::fs::read_to_string(draft).unwrap());
    let mut told: Vec<(u64, String)> = client
        .diagnostics(&doc, 1)
        .iter()
        .map(|d| {
            let line = d["range"]["start"]["line"].as_u64().unwrap() + 1;
            (line, d["code"].as_str().unwrap().to_string())
        })
        .collect();
    told.sort();
    let lens = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": doc}}),
    );
    let summary = lens["result"][0]["command"]["title"]
        .as_str()
        .unwrap_or_else(|| panic!("no summary lens: {lens:#}"))
        .to_string();
    assert!(client.shutdown_and_exit().success());
    (summary, told)
}

fn agree(draft: &Path, corpus: &Path, summary: &str) {
    let (cli_summary, cli_told) = from_cli(draft, corpus);
    let (editor_summary, editor_told) = from_editor(draft, corpus);
    assert_eq!(cli_summary, editor_summary);
    assert_eq!(cli_told, editor_told);
    assert_eq!(cli_summary, summary);
}

#[test]
fn the_cli_and_the_editor_agree_on_the_examples() {
    agree(
        &root().join("examples/draft.md"),
        &root().join("examples/corpus"),
        "9 quotes: 6 verified, 1 altered, 1 not found, 1 conflict (1 without a speaker, 2 fragments)",
    );
}

#[test]
fn the_cli_and_the_editor_agree_on_every_verdict() {
    let case = root().join("tests/fixtures/every-verdict");
    agree(
        &case.join("draft.md"),
        &case.join("corpus"),
        "5 quotes: 2 verified, 1 altered, 1 not found, 1 conflict (1 without a speaker, 2 fragments, 1 ignored)",
    );
}
