//! Keystroke-to-diagnostics latency of `verbatim lsp` (the debounce excluded) and the
//! server's peak memory, for a 2,000-word draft with 30 quotations against a corpus
//! (VERBATIM_BENCH_CORPUS, which may be a generated .jsonl corpus from scripts/gen_corpus.py;
//! default: the BBC corpus named by VERBATIM_BBC_CORPUS; without either it times nothing).
//!
//!     cargo bench --bench lsp_latency
//!
//! Two kinds of keystroke: one in the prose (every quotation is a cache hit) and one inside
//! a quotation (that quotation is checked again).

#[path = "../tests/common/lsp_client.rs"]
#[allow(dead_code)]
mod lsp_client;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lsp_client::{LspClient, uri};
use serde_json::json;

/// The server's debounce, subtracted from each measurement.
const DEBOUNCE: Duration = Duration::from_millis(150);
const ROUNDS: usize = 40;

fn corpus_dir() -> Option<PathBuf> {
    ["VERBATIM_BENCH_CORPUS", "VERBATIM_BBC_CORPUS"]
        .iter()
        .find_map(|var| std::env::var_os(var).filter(|v| !v.is_empty()))
        .map(PathBuf::from)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt" || e == "jsonl") {
            out.push(p);
        }
    }
}

/// Up to `n` quoted passages of 8 words or more, one per article, spread over the corpus.
fn corpus_quotes(dir: &Path, n: usize) -> Vec<String> {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    let step = (paths.len() / (n * 2)).max(1);
    let mut quotes = Vec::new();
    for p in paths.iter().step_by(step) {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        // A .jsonl file (a generated corpus, scripts/gen_corpus.py) is many articles: take
        // one quotation from each of a few of them, spread over the file.
        let texts: Vec<String> = if p.extension().is_some_and(|e| e == "jsonl") {
            let lines: Vec<&str> = text.lines().collect();
            let per_file = (n / paths.len().max(1)).clamp(1, n);
            let stride = (lines.len() / per_file.max(1)).max(1);
            lines
                .iter()
                .step_by(stride)
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(String::from))
                .collect()
        } else {
            vec![text]
        };
        for text in &texts {
            let parts: Vec<&str> = text.split('"').collect();
            if let Some(q) = parts
                .iter()
                .skip(1)
                .step_by(2)
                .find(|q| q.split_whitespace().count() >= 8 && !q.contains('\n'))
            {
                quotes.push(q.trim().trim_end_matches(',').to_string());
            }
            if quotes.len() == n {
                return quotes;
            }
        }
    }
    quotes
}

const FILLER: &str = "The council met on Tuesday evening to discuss the budget for the coming year, \
and several members raised questions about the cost of repairs to the old library building. \
Residents who attended the meeting said they wanted more detail before any decision was taken. ";

/// A 2,000-word Markdown draft: prose paragraphs with one quotation each, a third altered.
fn draft(quotes: &[String]) -> String {
    let mut out = String::from("# Council budget\n\n");
    for (i, q) in quotes.iter().enumerate() {
        let q = if i % 3 == 1 {
            q.replacen(" the ", " a ", 1)
        } else {
            q.clone()
        };
        out.push_str(FILLER);
        out.push_str(&format!("\n\n“{q},” a spokesman said.\n\n"));
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<22} n={:<3} p50={:>7.2?} p95={:>7.2?} max={:>7.2?}",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        samples[samples.len() - 1]
    );
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to filter.
    let Some(corpus) = corpus_dir() else {
        eprintln!(
            "lsp_latency bench skipped: set VERBATIM_BBC_CORPUS (or VERBATIM_BENCH_CORPUS) to a corpus folder"
        );
        return;
    };
    let quotes = corpus_quotes(&corpus, 30);
    assert!(
        quotes.len() >= 10,
        "too few quotations in {}",
        corpus.display()
    );
    let text = draft(&quotes);
    let ws = tempfile::tempdir().unwrap();
    let cache = ws.path().join("cache");
    let path = ws.path().join("draft.md");
    let doc = uri(&path);
    println!(
        "draft: {} words, {} quotations; corpus {}",
        text.split_whitespace().count(),
        quotes.len(),
        corpus.display()
    );

    // A first server builds the index cache; the measured one loads it.
    for run in ["build", "measure"] {
        let started = Instant::now();
        let (mut client, _) = LspClient::start(
            ws.path(),
            json!({}),
            json!({"corpus": [corpus], "cacheDir": cache}),
        );
        client.open(&doc, "markdown", &text);
        client
            .try_wait_notification(
                "textDocument/publishDiagnostics",
                |p| p["uri"] == doc.as_str() && p["version"] == 1,
                Duration::from_secs(600),
            )
            .expect("first diagnostics");
        println!(
            "{run}: corpus ready and draft checked in {:.2?}",
            started.elapsed()
        );
        if run == "build" {
            client.shutdown_and_exit();
            continue;
        }

        let lines: Vec<&str> = text.lines().collect();
        let prose_line = 2;
        let quote_lines: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with('“'))
            .collect();
        let mut prose = Vec::new();
        let mut in_quote = Vec::new();
        let mut version = 1;
        for round in 0..ROUNDS {
            version += 1;
            let (line, col, label) = if round % 2 == 0 {
                (prose_line, 0, "prose")
            } else {
                (quote_lines[round % quote_lines.len()], 1, "quote")
            };
            let sent = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": doc, "version": version},
                    "contentChanges": [{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"}]
                }),
            );
            client.diagnostics(&doc, version);
            let took = sent.elapsed().saturating_sub(DEBOUNCE);
            if label == "prose" {
                prose.push(took);
            } else {
                in_quote.push(took);
            }
        }
        report("keystroke in prose", prose.clone());
        report("keystroke in a quote", in_quote.clone());
        report("all", [prose, in_quote].concat());
        if let Some(kib) = peak_rss_kib(client.pid()) {
            println!("server peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0);
        }
        client.shutdown_and_exit();
    }
}
