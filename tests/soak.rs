//! A long editing session over LSP: random edits against a corpus while the server's RSS is
//! sampled; at the end the diagnostics must equal those of a fresh server given the final
//! text. The same session checks the safety promises: nothing is written to the draft or
//! the corpus, the cache is private, and no socket is ever opened.
//!
//! Quick by default (300 edits on `examples/corpus`). Long:
//! `VERBATIM_SOAK=10000 cargo test --release --test soak -- --nocapture`, against
//! `VERBATIM_SOAK_CORPUS` (default: `VERBATIM_BBC_CORPUS` when it is set).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use common::lsp_client::{LspClient, uri};
use serde_json::{Value, json};

/// A small deterministic generator (xorshift64*), so a failing run can be replayed by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const SNIPPETS: &[&str] = &[
    "\"",
    "“",
    "”",
    "'",
    "’",
    " said Mr Sybiha.",
    " he said",
    "\n\n",
    "\n",
    "> ",
    "`",
    "…",
    "[the minister]",
    "Ukraine’s Nato membership should not be off the table",
    " security ",
    "😀",
    "é",
    "Ще",
    "\"We will not accept any alternatives,\" Andrii Sybiha said. ",
    " according to ",
    "x",
    " ",
];

/// LSP position (UTF-16) of a byte offset of `text`.
fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": before[start..].encode_utf16().count()})
}

fn char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The process's open sockets (`socket:[inode]` file descriptors).
fn sockets(pid: u32) -> Vec<String> {
    let mut out = Vec::new();
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if let Ok(target) = std::fs::read_link(fd.path()) {
            let t = target.to_string_lossy().into_owned();
            if t.starts_with("socket:") {
                out.push(t);
            }
        }
    }
    out
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, Option<std::time::SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                out.insert(
                    p.clone(),
                    (std::fs::read(&p).unwrap_or_default(), meta.modified().ok()),
                );
            }
        }
    }
    out
}

fn comparable(d: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = d
        .iter()
        .map(|d| json!([d["range"], d["severity"], d["code"], d["message"]]).to_string())
        .collect();
    v.sort();
    v
}

fn start(ws: &Path, corpus: &Path) -> LspClient {
    let (client, _) = LspClient::start(
        ws,
        json!({}),
        json!({"corpus": [corpus], "cacheDir": ws.join("cache")}),
    );
    client
}

#[test]
fn random_edits_keep_memory_flat_and_end_in_a_fresh_checks_diagnostics() {
    let edits: usize = std::env::var("VERBATIM_SOAK")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let bbc = std::env::var_os("VERBATIM_BBC_CORPUS").filter(|_| edits > 300);
    let corpus = match std::env::var_os("VERBATIM_SOAK_CORPUS").or(bbc) {
        Some(c) => PathBuf::from(c),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus"),
    };
    let seed: u64 = std::env::var("VERBATIM_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001);
    eprintln!(
        "soak: {edits} edits, corpus {}, seed {seed}",
        corpus.display()
    );
    let ws = tempfile::tempdir().unwrap();
    let draft_path = ws.path().join("draft.md");
    let mut text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.md"))
            .unwrap();
    std::fs::write(&draft_path, &text).unwrap();
    let corpus_before = snapshot(&corpus);
    let draft_before = std::fs::read(&draft_path).unwrap();

    let mut client = start(ws.path(), &corpus);
    let pid = client.pid();
    let doc = uri(&draft_path);
    client.open(&doc, "markdown", &text);
    let loaded = Instant::now();
    client.diagnostics_where(&doc, 1, |d| !d.is_empty());
    eprintln!("soak: first diagnostics after {:?}", loaded.elapsed());
    let rss_start = rss_kib(pid);
    let mut curve = vec![(0usize, rss_start)];
    let mut rng = Rng(seed);
    let mut version = 1i64;
    let mut socket_seen = Vec::new();
    let mut last_checked: Option<(i64, Vec<Value>)> = None;
    let sample_every = (edits / 20).max(10);
    let started = Instant::now();
    for n in 1..=edits {
        // Insert, delete or replace at a random place; keep the draft between 1 and 40 KB.
        let a = char_boundary(&text, rng.below(text.len() + 1));
        let max_del = if text.len() > 40_000 { 2_000 } else { 40 };
        let b = char_boundary(&text, (a + rng.below(max_del)).min(text.len()));
        let insert = if text.len() > 40_000 || rng.below(3) == 0 {
            ""
        } else {
            SNIPPETS[rng.below(SNIPPETS.len())]
        };
        let (b, insert) = if rng.below(2) == 0 {
            (a, insert)
        } else {
            (b, insert)
        };
        let range = json!({"start": pos(&text, a), "end": pos(&text, b)});
        text.replace_range(a..b, insert);
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"range": range, "text": insert}]}),
        );
        // Every few edits, pause like a writer would and let a check run; ask for actions
        // and hovers as an editor does (never applying them).
        if n % 10 == 0 {
            last_checked = Some((version, client.diagnostics(&doc, version)));
            let at = pos(&text, char_boundary(&text, rng.below(text.len() + 1)));
            let r = client.request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": doc}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
            );
            assert!(r.get("error").is_none(), "{r}");
            let r = client.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": doc}, "position": at}),
            );
            assert!(r.get("error").is_none(), "{r}");
        }
        if n % sample_every == 0 {
            curve.push((n, rss_kib(pid)));
            socket_seen.extend(sockets(pid));
        }
    }
    let final_diagnostics = match last_checked {
        Some((v, d)) if v == version => d,
        _ => client.diagnostics(&doc, version),
    };
    let rss_end = rss_kib(pid);
    curve.push((edits, rss_end));
    eprintln!(
        "soak: {edits} edits in {:?}; RSS KiB (edit, rss): {curve:?}",
        started.elapsed()
    );
    // A code action list must never be applied by the server itself.
    assert!(
        !client
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/applyEdit"),
        "the server asked to apply an edit on its own"
    );
    socket_seen.extend(sockets(pid));
    assert!(socket_seen.is_empty(), "sockets opened: {socket_seen:?}");

    // Cache private: folder 0700, files 0600.
    use std::os::unix::fs::PermissionsExt;
    let cache = ws.path().join("cache");
    let mode = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "cache folder mode {mode:o}");
    for e in std::fs::read_dir(&cache).unwrap().flatten() {
        let mode = e.metadata().unwrap().permissions().mode() & 0o777;
        assert!(mode & 0o077 == 0, "{} mode {mode:o}", e.path().display());
    }
    assert!(client.shutdown_and_exit().success());

    // Nothing written to the draft or the corpus.
    assert_eq!(
        std::fs::read(&draft_path).unwrap(),
        draft_before,
        "the draft changed"
    );
    assert!(snapshot(&corpus) == corpus_before, "the corpus changed");

    // Memory flat: after warm-up it may settle, not grow with the number of edits.
    let warm = curve.get(1).map_or(rss_start, |c| c.1).max(rss_start);
    assert!(
        rss_end <= warm + warm / 2 + 32 * 1024,
        "RSS grew from {warm} KiB to {rss_end} KiB: {curve:?}"
    );

    // A fresh server given the final text says the same.
    let mut fresh = start(ws.path(), &corpus);
    let other = uri(&ws.path().join("final.md"));
    fresh.open(&other, "markdown", &text);
    let want = comparable(&final_diagnostics);
    let again = fresh.diagnostics_where(&other, 1, |d| comparable(d) == want);
    assert_eq!(comparable(&again), want);
    assert!(fresh.shutdown_and_exit().success());
    std::fs::write(ws.path().join("final.md"), &text).unwrap();
}
