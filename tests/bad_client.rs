//! A client that misbehaves, over the real binary's stdio: malformed frames and JSON, unknown
//! methods, documents never opened, positions and edits out of range, huge drafts, edit
//! storms, and a client that vanishes. After each the server must answer a normal request.
//!
//! Quick by default; `VERBATIM_LONG=1` for the long sizes (10,000 quotes, a 50 MB draft).

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::lsp_client::{LspClient, uri};
use common::workspace::{options, workspace};
use serde_json::{Value, json};

const DRAFT: &str = "\"We will never give up on the people of this town, whatever it takes,\" said Jane Doe.\n\n\"These words appear in no source at all, not one,\" said John Roe.\n";

fn long() -> bool {
    std::env::var_os("VERBATIM_LONG").is_some_and(|v| v != "0")
}

/// A started server with `alive.md` open and checked; its URI.
fn started(ws: &Path, extra: Value) -> (LspClient, String) {
    let (mut client, _) = LspClient::start(ws, json!({}), options(ws, extra));
    let alive = uri(&ws.join("alive.md"));
    client.open(&alive, "markdown", DRAFT);
    let d = client.diagnostics_where(&alive, 1, |d| !d.is_empty());
    assert!(!d.is_empty());
    (client, alive)
}

/// A normal request gets a normal answer: the server still serves.
fn assert_serving(client: &mut LspClient, alive: &str) {
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": alive}}),
    );
    let symbols = r["result"].as_array().unwrap_or_else(|| panic!("{r}"));
    assert_eq!(symbols.len(), 2, "{r}");
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": alive}, "position": {"line": 0, "character": 5}}),
    );
    assert!(r.get("error").is_none(), "{r}");
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// An error response with id null carrying `code`.
fn wait_null_error(client: &mut LspClient, code: i64) {
    let r = client.wait_response(&Value::Null);
    assert_eq!(r["error"]["code"], code, "{r}");
}

#[test]
fn malformed_json_and_invalid_requests_are_answered_and_serving_goes_on() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    for body in [
        &b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": "[..],
        b"not json",
        b"\xff\xfe\x00garbage",
        b"",
    ] {
        client.send_raw(&frame(body));
        wait_null_error(&mut client, -32700);
    }
    for body in [
        &b"{}"[..],
        b"[]",
        b"42",
        b"{\"jsonrpc\": \"2.0\", \"id\": {\"x\": 1}}",
    ] {
        client.send_raw(&frame(body));
        wait_null_error(&mut client, -32600);
    }
    // A header without Content-Length.
    client.send_raw(b"Content-Type: application/json\r\n\r\n");
    wait_null_error(&mut client, -32700);
    // Wrong types in a known method's params.
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": 7}, "position": "here"}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    client.notify("textDocument/didOpen", json!({"textDocument": 1}));
    client.notify("textDocument/didChange", json!(null));
    assert_serving(&mut client, &alive);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn wrong_content_length_is_survived() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    let ping = |id: i64| {
        serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id, "method": "verbatim/ping"})).unwrap()
    };
    // Too short: the tail of the body runs into the next frame's header.
    let body = ping(1000);
    let mut bad = format!("Content-Length: {}\r\n\r\n", body.len() - 5).into_bytes();
    bad.extend_from_slice(&body);
    client.send_raw(&bad);
    let r = client.request("verbatim/ping", Value::Null);
    assert_eq!(r["error"]["code"], -32601, "{r}");

    // Too long: the server waits for bytes that are the next frames; it must come back.
    let mut bad = format!("Content-Length: {}\r\n\r\n", body.len() + 40).into_bytes();
    bad.extend_from_slice(&body);
    client.send_raw(&bad);
    let mut answered = false;
    for id in 2000..2010 {
        client.send_raw(&frame(&ping(id)));
        if let Some(r) = client.try_wait_response(&json!(id), Duration::from_millis(500)) {
            assert_eq!(r["error"]["code"], -32601, "{r}");
            answered = true;
            break;
        }
    }
    assert!(answered);

    // Absurd: far beyond any memory (must not abort on allocation) and not a number.
    client.send_raw(b"Content-Length: -4\r\n\r\n");
    wait_null_error(&mut client, -32700);
    client.send_raw(b"Content-Length: lots\r\n\r\n");
    wait_null_error(&mut client, -32700);
    assert_serving(&mut client, &alive);
    client.send_raw(b"Content-Length: 99999999999999999\r\n\r\n{}");
    std::thread::sleep(Duration::from_millis(300));
    let pid = client.pid();
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "the server died on a huge Content-Length"
    );
    // The huge one swallows what follows until the client gives up; a new server is
    // needed only if it did. What must hold: the process is alive and not ballooning.
    let rss = rss_kib(pid);
    assert!(rss < 1_000_000, "RSS {rss} KiB after a huge Content-Length");
    drop(alive);
}

#[test]
fn unknown_methods_never_opened_documents_and_positions_out_of_range() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    let r = client.request("no/such/method", json!({"a": 1}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = client.request("$/alsoUnknown", Value::Null);
    assert_eq!(r["error"]["code"], -32601, "{r}");
    client.notify("no/such/notification", json!({}));
    client.notify("$/unknownNotification", json!([1, 2]));

    let never = uri(&ws.path().join("never-opened.md"));
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/codeAction",
        "textDocument/documentSymbol",
        "textDocument/inlayHint",
        "textDocument/codeLens",
    ] {
        let params = json!({
            "textDocument": {"uri": never},
            "position": {"line": 0, "character": 0},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
            "context": {"diagnostics": [], "includeDeclaration": true},
        });
        let r = client.request(method, params);
        assert!(
            r.get("result").is_some() || r.get("error").is_some(),
            "{method}: {r}"
        );
        // And on the open draft, positions far out of range.
        for (line, character) in [(0u32, 99_999u32), (99_999, 0), (u32::MAX, u32::MAX)] {
            let p = json!({"line": line, "character": character});
            let params = json!({
                "textDocument": {"uri": alive},
                "position": p,
                "range": {"start": p, "end": p},
                "context": {"diagnostics": [], "includeDeclaration": true},
            });
            let r = client.request(method, params);
            assert!(
                r.get("result").is_some() || r.get("error").is_some(),
                "{method}: {r}"
            );
        }
        // A reversed range.
        let params = json!({
            "textDocument": {"uri": alive},
            "range": {"start": {"line": 2, "character": 9}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        });
        client.request(method, params);
    }
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": never, "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": never}}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": never}}),
    );
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": "not a uri", "languageId": "markdown", "version": 1, "text": "\"x\""}}));
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": DRAFT}}));
    assert_serving(&mut client, &alive);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn edits_that_do_not_apply_are_clamped_not_fatal() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", "Short text.\n");
    client.diagnostics(&doc, 1);
    let edits = [
        // Past the end of the text, past the end of a line, reversed, inside a CRLF-free
        // surrogate pair position, and u32::MAX everywhere.
        json!({"range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 0}}, "text": "A"}),
        json!({"range": {"start": {"line": 0, "character": 500}, "end": {"line": 0, "character": 900}}, "text": "B"}),
        json!({"range": {"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 1}}, "text": "😀"}),
        json!({"range": {"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 2}}, "text": "é"}),
        json!({"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}}, "text": "x"}),
        json!({"range": {"start": {"line": u32::MAX, "character": u32::MAX}, "end": {"line": u32::MAX, "character": u32::MAX}}, "text": "\r\n"}),
        json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "rangeLength": 999, "text": ""}),
    ];
    for (i, e) in edits.iter().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": 2 + i}, "contentChanges": [e]}),
        );
    }
    // Versions that go backwards and an empty change list.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 1}, "contentChanges": []}),
    );
    let last = 1 + edits.len() as i64 + 1;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": last}, "contentChanges": [{"text": DRAFT}]}),
    );
    let d = client.diagnostics_where(&doc, last, |d| !d.is_empty());
    let fresh = uri(&ws.path().join("fresh.md"));
    client.open(&fresh, "markdown", DRAFT);
    let want = client.diagnostics_where(&fresh, 1, |d| !d.is_empty());
    assert_eq!(comparable(&d), comparable(&want));
    assert_serving(&mut client, &alive);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn many_quotes_in_one_draft() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    let n = if long() { 10_000 } else { 2_000 };
    let mut text = String::new();
    for i in 0..n {
        if i % 2 == 0 {
            text.push_str("\"We will never give up on the people of this town, whatever it takes,\" said Jane Doe.\n\n");
        } else {
            text.push_str(&format!(
                "\"Quotation number {i} is found in no source,\" said Person {i}.\n\n"
            ));
        }
    }
    let doc = uri(&ws.path().join("many.md"));
    let started = Instant::now();
    client.open(&doc, "markdown", &text);
    let d = client.diagnostics_where(&doc, 1, |d| !d.is_empty());
    eprintln!(
        "{n} quotes: {} diagnostics in {:?}",
        d.len(),
        started.elapsed()
    );
    assert!(d.len() >= n / 2, "{}", d.len());
    assert_serving(&mut client, &alive);
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(r["result"].as_array().map(Vec::len), Some(n), "symbols");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_draft_over_the_size_limit_gets_one_information_diagnostic() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    let mb = if long() { 50 } else { 5 };
    let unit = "\"A line of the draft that repeats,\" she said. ";
    let text = unit.repeat(mb * 1_000_000 / unit.len());
    let doc = uri(&ws.path().join("huge.md"));
    client.open(&doc, "markdown", &text);
    let d = client.diagnostics(&doc, 1);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "too-large");
    assert_eq!(d[0]["severity"], 3);
    // Edits to it are still taken and answered.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    );
    assert_eq!(client.diagnostics(&doc, 2).len(), 1);
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 100}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert_serving(&mut client, &alive);
    assert!(client.shutdown_and_exit().success());
}

fn comparable(d: &[Value]) -> Vec<Value> {
    let mut v: Vec<Value> = d
        .iter()
        .map(|d| json!([d["range"], d["severity"], d["code"], d["message"]]))
        .collect();
    v.sort_by_key(|v| v.to_string());
    v
}

#[test]
fn a_storm_of_edits_ends_in_the_final_texts_diagnostics() {
    let ws = workspace();
    let (mut client, alive) = started(ws.path(), json!({}));
    let doc = uri(&ws.path().join("storm.md"));
    client.open(&doc, "markdown", "");
    client.diagnostics(&doc, 1);
    // Type the draft character by character (1,000 edits), as fast as the pipe takes them.
    let typed: String = DRAFT.chars().cycle().take(1000).collect();
    let mut line = 0u32;
    let mut col = 0u32;
    let started = Instant::now();
    for (i, c) in typed.chars().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": doc, "version": 2 + i},
                "contentChanges": [{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": c.to_string()}]
            }),
        );
        if c == '\n' {
            line += 1;
            col = 0;
        } else {
            col += c.len_utf16() as u32;
        }
    }
    let sent = started.elapsed();
    assert!(sent < Duration::from_secs(5), "sending took {sent:?}");
    let last = 1 + typed.chars().count() as i64;
    let storm = client.diagnostics_where(&doc, last, |d| !d.is_empty());
    // The same text opened fresh gives the same diagnostics.
    let fresh = uri(&ws.path().join("fresh.md"));
    client.open(&fresh, "markdown", &typed);
    let again = client.diagnostics_where(&fresh, 1, |d| d.len() == storm.len());
    assert_eq!(comparable(&storm), comparable(&again));
    assert_serving(&mut client, &alive);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_client_that_vanishes_without_exit_ends_the_server() {
    let ws = workspace();
    // Closing only its input.
    let (mut client, alive) = started(ws.path(), json!({}));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": alive, "version": 2}, "contentChanges": [{"text": DRAFT}]}),
    );
    let t = Instant::now();
    let status = client.wait_exit();
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    assert!(status.code().is_some(), "{status:?}");

    // Closing both pipes mid-session (the editor process died).
    let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": uri(ws.path()), "capabilities": {},
        "initializationOptions": options(ws.path(), json!({}))}});
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    stdin
        .write_all(&frame(&serde_json::to_vec(&init).unwrap()))
        .unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    stdin
        .write_all(&frame(
            br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ))
        .unwrap();
    drop(stdout);
    drop(stdin);
    let t = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("the server outlived its client by 5 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.code().is_some(), "{status:?}");
}

/// Resident memory of a process in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
