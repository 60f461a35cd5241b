//! The language server as an editor sees it: the real binary over stdio.

mod common;

use std::time::Duration;

use common::lsp_client::{LspClient, uri};
use common::workspace::{ARTICLE, options, workspace};
use serde_json::{Value, json};
use tempfile::TempDir;

fn utf8_caps() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

/// Line and column of a byte offset, in UTF-8 bytes or UTF-16 units.
fn pos(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = if utf8 {
        offset - line_start
    } else {
        before[line_start..].encode_utf16().count()
    };
    json!({"line": line, "character": col})
}

/// The title of the draft's summary code lens (the line `verbatim check` ends with).
fn summary_lens(client: &mut LspClient, doc: &str) -> Value {
    let r = client.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": doc}}),
    );
    r["result"][0]["command"]["title"].clone()
}

fn too_large_bytes(diagnostics: &[Value]) -> Option<u64> {
    let d = diagnostics.iter().find(|d| d["code"] == "too-large")?;
    let message = d["message"].as_str()?;
    message
        .strip_prefix("This draft is ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

#[test]
fn negotiates_the_position_encoding() {
    let ws = workspace();
    let (client, result) = LspClient::start(ws.path(), json!({}), options(ws.path(), json!({})));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(result["serverInfo"]["name"], "verbatim");
    assert!(client.shutdown_and_exit().success());

    let (client, result) = LspClient::start(ws.path(), utf8_caps(), options(ws.path(), json!({})));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn shutdown_then_exit_ends_with_success_and_exit_alone_does_not() {
    let ws = workspace();
    let (client, _) = LspClient::start(ws.path(), json!({}), options(ws.path(), json!({})));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));

    let (mut client, _) = LspClient::start(ws.path(), json!({}), options(ws.path(), json!({})));
    client.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(client.wait_exit().code(), Some(1));
}

/// Edits are applied in the negotiated encoding: the too-large diagnostic reports the exact
/// byte length of the text the server holds, which a misplaced edit would change.
fn edits_apply_in(utf8: bool) {
    let ws = workspace();
    let caps = if utf8 { utf8_caps() } else { json!({}) };
    let (mut client, _) = LspClient::start(
        ws.path(),
        caps,
        options(ws.path(), json!({"maxDraftBytes": 1})),
    );
    let doc = uri(&ws.path().join("draft.md"));
    let text = "Ще 😀 ab\nline two\n";
    client.open(&doc, "markdown", text);
    assert_eq!(too_large_bytes(&client.diagnostics(&doc, 1)), Some(22));

    // Delete the emoji; insert "é" on the next line; join the lines.
    let (emoji_start, emoji_end) = if utf8 { (5, 9) } else { (3, 5) };
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [
                {"range": {"start": {"line": 0, "character": emoji_start}, "end": {"line": 0, "character": emoji_end}}, "text": ""},
                {"range": {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 4}}, "text": "é"},
                {"range": {"start": {"line": 0, "character": 99}, "end": {"line": 1, "character": 0}}, "text": " "},
            ]
        }),
    );
    // "Ще  ab line é two\n"
    assert_eq!(too_large_bytes(&client.diagnostics(&doc, 2)), Some(20));
    let past_end = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 2, "character": 0}}),
    );
    assert_eq!(past_end["error"]["code"], -32602, "{past_end}");

    // A full-text change.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"text": "ё"}]}),
    );
    assert_eq!(too_large_bytes(&client.diagnostics(&doc, 3)), Some(2));

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc}}),
    );
    let closed = client.wait_notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == doc && p["version"].is_null()
    });
    assert_eq!(closed["diagnostics"], json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn incremental_edits_in_utf16() {
    edits_apply_in(false);
}

#[test]
fn incremental_edits_in_utf8() {
    edits_apply_in(true);
}

#[test]
fn a_burst_of_edits_is_checked_once_after_it() {
    let ws = workspace();
    let (mut client, _) = LspClient::start(
        ws.path(),
        json!({}),
        options(ws.path(), json!({"maxDraftBytes": 1})),
    );
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", "");
    client.diagnostics(&doc, 1);
    for version in 2..=6 {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": doc, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}}, "text": "ж"}]
            }),
        );
    }
    assert_eq!(too_large_bytes(&client.diagnostics(&doc, 6)), Some(10));
    client.drain(Duration::from_millis(300));
    let stale: Vec<_> = client
        .notifications
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics")
        .filter(|n| (2..=5).contains(&n["params"]["version"].as_i64().unwrap_or(0)))
        .collect();
    assert!(stale.is_empty(), "{stale:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn settings_file_then_live_editor_override() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("verbatim.toml"),
        "corpus = [\"sources\"]\nmax_draft_bytes = 4\n",
    )
    .unwrap();
    let (mut client, _) = LspClient::start(
        ws.path(),
        json!({}),
        json!({"cacheDir": ws.path().join("cache")}),
    );
    let doc = uri(&ws.path().join("draft.txt"));
    client.open(&doc, "plaintext", "Hello world.\n");
    assert_eq!(too_large_bytes(&client.diagnostics(&doc, 1)), Some(13));

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"verbatim": {"maxDraftBytes": 100000}}}),
    );
    client.diagnostics_where(&doc, 1, <[Value]>::is_empty);

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"verbatim": {"maxDraftBytes": 5, "severity": {"notFound": "error"}}}}),
    );
    let d = client.diagnostics_where(&doc, 1, |d| !d.is_empty());
    assert_eq!(too_large_bytes(&d), Some(13));

    // Bad settings are told, and the server keeps the ones it had.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"verbatim": {"maxDraftBytes": "lots"}}}),
    );
    client.wait_notification("window/showMessage", |p| {
        p["message"].as_str().unwrap().contains("verbatim settings")
    });
    assert!(client.shutdown_and_exit().success());
}

/// The workspace article's words with one changed ("folk" for "people").
const ALTERED_DRAFT: &str =
    "“We will never give up on the folk of this town, whatever it takes,” said Jane Doe.\n";

/// Neovim's `require('verbatim').setup()` with the corpus in verbatim.toml sends its empty
/// settings table as `[]` (`{"verbatim": []}`): that is no settings, not an error, and the
/// file's corpus applies.
#[test]
fn an_empty_settings_section_as_neovim_sends_it_is_no_settings() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("verbatim.toml"),
        "corpus = \"sources\"\ncache_dir = \"cache\"\n",
    )
    .unwrap();
    let mut client = LspClient::spawn();
    client.configuration = json!([]);
    let caps = json!({"workspace": {"configuration": true}});
    client.initialize(ws.path(), caps, json!([]));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"verbatim": []}}),
    );
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", ALTERED_DRAFT);
    client.diagnostics_where(&doc, 1, |d| d.iter().any(|d| d["code"] == "altered"));
    client.drain(Duration::from_millis(300));
    let shown: Vec<_> = client
        .notifications
        .iter()
        .filter(|n| n["method"] == "window/showMessage")
        .collect();
    assert!(shown.is_empty(), "{shown:#?}");
    assert!(client.shutdown_and_exit().success());
}

/// A typo or a newer client's key in the editor's settings is named in a warning, and the
/// other settings (the corpus among them) apply.
#[test]
fn an_unknown_editor_setting_is_named_and_the_rest_apply() {
    let ws = workspace();
    let settings = options(
        ws.path(),
        json!({"corpusFolder": "elsewhere", "severity": {"altered": "error", "alterd": "off"}}),
    );
    let (mut client, _) = LspClient::start(ws.path(), json!({}), settings);
    let warning = client.wait_notification("window/showMessage", |p| p["type"] == 2);
    let message = warning["message"].as_str().unwrap();
    assert!(
        message.contains("`corpusFolder`") && message.contains("`severity.alterd`"),
        "{message}"
    );
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", ALTERED_DRAFT);
    let d = client.diagnostics_where(&doc, 1, |d| d.iter().any(|d| d["code"] == "altered"));
    assert_eq!(
        by_code(&d, "altered")["severity"],
        1,
        "severity.altered applied"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn pulls_workspace_configuration_when_the_client_has_it() {
    let ws = workspace();
    let mut client = LspClient::spawn();
    client.configuration = json!({"maxDraftBytes": 3, "trace": {"server": "off"}});
    let caps = json!({"workspace": {"configuration": true}});
    client.initialize(ws.path(), caps, options(ws.path(), json!({})));
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", "abcd");
    assert_eq!(too_large_bytes(&client.diagnostics(&doc, 1)), Some(4));
    assert!(
        client
            .server_requests
            .iter()
            .any(|r| r["method"] == "workspace/configuration"
                && r["params"]["items"][0]["section"] == "verbatim")
    );

    // A change notification without settings makes the server ask again.
    client.configuration = json!({"maxDraftBytes": 100});
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    client.diagnostics_where(&doc, 1, <[Value]>::is_empty);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn progress_and_file_watching_where_the_client_supports_them() {
    let ws = workspace();
    let caps = json!({
        "window": {"workDoneProgress": true},
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "inlayHint": {"refreshSupport": true},
            "codeLens": {"refreshSupport": true},
        },
    });
    let (mut client, _) = LspClient::start(ws.path(), caps, options(ws.path(), json!({})));
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "begin");
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "end");
    assert!(
        client
            .server_requests
            .iter()
            .any(|r| r["method"] == "window/workDoneProgress/create")
    );
    let registration = client
        .server_requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("watchers registered")
        .clone();
    let reg = &registration["params"]["registrations"][0];
    assert_eq!(reg["method"], "workspace/didChangeWatchedFiles");
    // Once the corpus is ready, hints and lenses are asked for again.
    client.drain(Duration::from_millis(300));
    for method in ["workspace/inlayHint/refresh", "workspace/codeLens/refresh"] {
        assert!(
            client.server_requests.iter().any(|r| r["method"] == method),
            "{method}"
        );
    }
    let watchers = reg["registerOptions"]["watchers"].to_string();
    assert!(
        watchers.contains(&ws.path().join("sources").display().to_string()),
        "{watchers}"
    );

    // A corpus change re-opens the corpus (with progress again).
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&ws.path().join("sources/a.txt")), "type": 2}]}),
    );
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "begin");
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "end");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn without_client_watchers_the_server_polls_the_corpus() {
    let ws = workspace();
    let caps = json!({"window": {"workDoneProgress": true}});
    let (mut client, _) = LspClient::start(ws.path(), caps, options(ws.path(), json!({})));
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "end");
    // Let the poller take its first look, then change the corpus.
    std::thread::sleep(Duration::from_millis(2500));
    std::fs::write(ws.path().join("sources/b.txt"), "B\n\nMore text.\n").unwrap();
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "begin");
    client.wait_notification("$/progress", |p| p["value"]["kind"] == "end");
    assert!(
        !client
            .server_requests
            .iter()
            .any(|r| r["method"] == "client/registerCapability")
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_missing_corpus_is_told_once() {
    let ws = workspace();
    let (mut client, _) = LspClient::start(
        ws.path(),
        json!({}),
        json!({"corpus": ["nowhere"], "cacheDir": ws.path().join("cache")}),
    );
    client.wait_notification("window/showMessage", |_| true);
    let reindex = client.request(
        "workspace/executeCommand",
        json!({"command": "verbatim.reindex", "arguments": []}),
    );
    assert_eq!(reindex["result"], Value::Null, "{reindex}");
    client.drain(Duration::from_millis(800));
    let shown = client
        .notifications
        .iter()
        .filter(|n| n["method"] == "window/showMessage")
        .count();
    assert_eq!(shown, 0, "{:#?}", client.notifications);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn errors_for_unknown_documents_commands_and_bad_input_keep_the_server_up() {
    let ws = workspace();
    let (mut client, _) = LspClient::start(ws.path(), json!({}), options(ws.path(), json!({})));
    let nowhere = uri(&ws.path().join("nowhere.md"));
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
    ] {
        let r = client.request(
            method,
            json!({"textDocument": {"uri": nowhere}, "position": {"line": 0, "character": 0},
                   "context": {"includeDeclaration": true}}),
        );
        assert_eq!(r["error"]["code"], -32602, "{method}: {r}");
    }
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": nowhere}}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = client.request(
        "workspace/executeCommand",
        json!({"command": "verbatim.nope"}),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");

    // Malformed JSON, then params of the wrong shape: errors, not a crash.
    client.send_raw(b"Content-Length: 9\r\n\r\n{\"bad\":,}");
    let parse_error = client.wait_response(&Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    client.send(&json!({"jsonrpc": "2.0", "id": {"not": "an id"}, "method": "x"}));
    let invalid = client.wait_response(&Value::Null);
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    let r = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // Notifications about unknown documents are ignored.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": nowhere, "version": 2}, "contentChanges": [{"text": "x"}]}),
    );

    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", "Still here.\n");
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc}}),
    );
    assert!(r["result"].is_array(), "{r}");
    assert!(client.shutdown_and_exit().success());
}

// ---- With the engine: verdicts, ranges, actions, navigation. ----

/// Non-ASCII before each quote on its line: curly quotes, an em dash, Cyrillic, an emoji.
const DRAFT: &str = "# Draft\n\n\
Ще — café’s 😀: “We will never give up on the people of this town, whatever it takes,” said Jane Doe.\n\n\
Ще — café’s 😀: “We will never give up on the folk of this town, whatever it takes,” said Jane Doe.\n\n\
Ще — café’s 😀: “We will never give up on the people of this town, whatever it takes,” said John Roe.\n";

fn nth_quote(text: &str, n: usize) -> (usize, usize) {
    let start = text.match_indices('“').nth(n).unwrap().0;
    let end = text[start..].find('”').unwrap() + start + '”'.len_utf8();
    (start, end)
}

fn open_draft(utf8: bool) -> (TempDir, LspClient, String, Vec<Value>) {
    let ws = workspace();
    let caps = if utf8 { utf8_caps() } else { json!({}) };
    let (mut client, _) = LspClient::start(ws.path(), caps, options(ws.path(), json!({})));
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", DRAFT);
    let diagnostics = client.diagnostics(&doc, 1);
    (ws, client, doc, diagnostics)
}

fn by_code<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} diagnostic in {diagnostics:#?}"))
}

#[test]
fn diagnostics_land_on_the_quotes_in_either_encoding() {
    for utf8 in [false, true] {
        let (_ws, client, _doc, diagnostics) = open_draft(utf8);
        assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
        let altered = by_code(&diagnostics, "altered");
        let (s, e) = nth_quote(DRAFT, 1);
        assert_eq!(altered["range"]["start"], pos(DRAFT, s, utf8));
        assert_eq!(altered["range"]["end"], pos(DRAFT, e, utf8));
        assert_eq!(altered["severity"], 2);
        assert!(
            altered["message"]
                .as_str()
                .unwrap()
                .contains("\"folk\" → \"people\""),
            "{altered}"
        );
        let related = &altered["relatedInformation"][0]["location"];
        assert!(related["uri"].as_str().unwrap().ends_with("sources/a.txt"));
        assert_eq!(related["range"]["start"]["line"], 2);
        let conflict = by_code(&diagnostics, "conflicts");
        let (s, _) = nth_quote(DRAFT, 2);
        assert_eq!(conflict["range"]["start"], pos(DRAFT, s, utf8));
        assert!(
            conflict["message"].as_str().unwrap().contains("Jane Doe"),
            "{conflict}"
        );
        assert!(client.shutdown_and_exit().success());
    }
}

#[test]
fn an_edit_before_a_quote_moves_its_diagnostic() {
    let (_ws, mut client, doc, _) = open_draft(false);
    let (s, _) = nth_quote(DRAFT, 1);
    let line = pos(DRAFT, s, false)["line"].clone();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "😀 "}]
        }),
    );
    let diagnostics = client.diagnostics(&doc, 2);
    let edited = DRAFT.replacen(
        "Ще — café’s 😀: “We will never give up on the folk",
        "😀 Ще — café’s 😀: “We will never give up on the folk",
        1,
    );
    let (s, e) = nth_quote(&edited, 1);
    let altered = by_code(&diagnostics, "altered");
    assert_eq!(altered["range"]["start"], pos(&edited, s, false));
    assert_eq!(altered["range"]["end"], pos(&edited, e, false));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn hover_tells_the_verdict_and_the_source() {
    let (_ws, mut client, doc, _) = open_draft(false);
    let (s, _) = nth_quote(DRAFT, 1);
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": pos(DRAFT, s + 4, false)}),
    );
    let value = r["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(value.contains("Altered"), "{value}");
    assert!(value.contains("~~folk~~ **people**"), "{value}");
    // The passage in its context in the article, the source's side of the change marked.
    assert!(
        value.contains("**We will never give up on the *people* of this town, whatever it takes**,\" said Jane Doe."),
        "{value}"
    );
    assert!(value.contains("- *word*: \"folk\" → \"people\""), "{value}");
    assert!(value.contains("Title"), "{value}");
    assert!(value.contains("a.txt"), "{value}");
    // Outside any quote: nothing.
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);
    assert!(client.shutdown_and_exit().success());
}

/// Applies a WorkspaceEdit's edits for `doc` to `text` (UTF-16 positions).
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let col = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<_> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        let (a, b) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(a..b, e["newText"].as_str().unwrap());
    }
    out
}

#[test]
fn code_actions_fix_the_wording_and_the_speaker() {
    let (_ws, mut client, doc, _) = open_draft(false);
    let mut action_result = |n: usize, title: &str| {
        let (s, e) = nth_quote(DRAFT, n);
        let r = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": {"start": pos(DRAFT, s, false), "end": pos(DRAFT, e, false)}, "context": {"diagnostics": []}}),
        );
        let actions = r["result"].as_array().cloned().unwrap_or_default();
        let action = actions
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("no {title} in {actions:#?}"));
        apply(DRAFT, action["edit"]["changes"][&doc].as_array().unwrap())
    };
    assert_eq!(
        action_result(1, "Use the source's wording"),
        DRAFT.replace("folk", "people")
    );
    assert_eq!(
        action_result(2, "Attribute to Jane Doe"),
        DRAFT.replace("John Roe", "Jane Doe")
    );
    let ignored = action_result(1, "Ignore this quote");
    assert_eq!(
        ignored,
        DRAFT.replacen(
            "“We will never give up on the folk",
            "<!-- verbatim-ignore -->“We will never give up on the folk",
            1
        )
    );
    // Each fix, applied, clears its diagnostic.
    for (version, fixed) in [
        (
            2,
            DRAFT
                .replace("folk", "people")
                .replace("John Roe", "Jane Doe"),
        ),
        (3, ignored.replace("John Roe", "Jane Doe")),
    ] {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"text": fixed}]}),
        );
        assert_eq!(client.diagnostics(&doc, version), Vec::<Value>::new());
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_opens_the_source_passage_and_symbols_outline_the_quotes() {
    let (ws, mut client, doc, _) = open_draft(false);
    let (s, _) = nth_quote(DRAFT, 0);
    let r = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": doc}, "position": pos(DRAFT, s + 3, false)}),
    );
    let location = &r["result"];
    assert_eq!(location["uri"], uri(&ws.path().join("sources/a.txt")));
    assert_eq!(location["range"]["start"]["line"], 2);
    let r = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": doc}, "position": pos(DRAFT, s + 3, false), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(r["result"][0]["uri"], uri(&ws.path().join("sources/a.txt")));
    let r = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc}}),
    );
    let names: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "“We will never give up on…” — Jane Doe");
    assert_eq!(names.len(), 3);
    let r = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": doc}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
    );
    let hints = r["result"].as_array().unwrap();
    assert_eq!(hints.len(), 1, "{hints:#?}");
    assert_eq!(hints[0]["label"], "✓ Title");
    assert_eq!(
        hints[0]["position"],
        pos(DRAFT, nth_quote(DRAFT, 0).1, false)
    );
    assert_eq!(
        summary_lens(&mut client, &doc),
        "3 quotes: 1 verified, 1 altered, 0 not found, 1 conflict"
    );
    assert!(client.shutdown_and_exit().success());
}

/// An article without a headline has its first sentence as its title: hovers and inlay
/// hints cut it at a word near 60 characters. One quote is "1 quote" in the code lens.
#[test]
fn a_headline_less_source_is_titled_by_its_first_words() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("sources/a.txt"),
        "Jane Doe told the council on Tuesday night that the town would rebuild its flooded \
         library and open it again before the winter, whatever the final cost.\n\n\
         \"We will rebuild the library and open it before the winter comes,\" said Jane Doe.\n",
    )
    .unwrap();
    let (mut client, _) = LspClient::start(ws.path(), json!({}), options(ws.path(), json!({})));
    let doc = uri(&ws.path().join("draft.md"));
    let draft =
        "“We will rebuild the library and open it before the winter comes,” said Jane Doe.\n";
    client.open(&doc, "markdown", draft);
    client.diagnostics(&doc, 1);
    let short = "Jane Doe told the council on Tuesday night that the town…";
    let r = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": doc}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
    );
    assert_eq!(r["result"][0]["label"], format!("✓ {short}"), "{r}");
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 5}}),
    );
    let hover = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(hover.contains(&format!("Source: **{short}**")), "{hover}");
    assert_eq!(
        summary_lens(&mut client, &doc),
        "1 quote: 1 verified, 0 altered, 0 not found, 0 conflicts"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn references_list_every_article_holding_the_words() {
    let ws = workspace();
    // The same story, carried twice (as wire copy often is), and one that differs.
    std::fs::write(
        ws.path().join("sources/b.txt"),
        ARTICLE.replace("Title", "Copy"),
    )
    .unwrap();
    std::fs::write(
        ws.path().join("sources/c.txt"),
        "Other\n\nNothing quoted here at all.\n",
    )
    .unwrap();
    let (mut client, _) = LspClient::start(ws.path(), json!({}), options(ws.path(), json!({})));
    let doc = uri(&ws.path().join("draft.md"));
    client.open(&doc, "markdown", DRAFT);
    client.diagnostics(&doc, 1);
    let (s, _) = nth_quote(DRAFT, 0);
    let r = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": doc}, "position": pos(DRAFT, s + 3, false), "context": {"includeDeclaration": true}}),
    );
    let mut uris: Vec<String> = r["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{r:#}"))
        .iter()
        .map(|l| l["uri"].as_str().unwrap().to_string())
        .collect();
    uris.sort();
    assert_eq!(
        uris,
        [
            uri(&ws.path().join("sources/a.txt")),
            uri(&ws.path().join("sources/b.txt"))
        ]
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_corpus_change_rechecks_open_drafts() {
    let (ws, mut client, doc, diagnostics) = open_draft(false);
    assert!(diagnostics.iter().any(|d| d["code"] == "altered"));
    std::fs::write(
        ws.path().join("sources/b.txt"),
        "Other\n\n\"We will never give up on the folk of this town, whatever it takes,\" said Jane Doe.\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&ws.path().join("sources/b.txt")), "type": 1}]}),
    );
    // Now the draft's "folk" is in a source: no longer altered.
    client.diagnostics_where(&doc, 1, |d| !d.iter().any(|d| d["code"] == "altered"));
    assert!(client.shutdown_and_exit().success());
}

/// A transcript as a source: its labels named in the editor's settings (`speakers`), the
/// hover tells who said the words, when, and in which file, and go-to-source opens the cue.
#[test]
fn a_transcript_source_is_shown_by_speaker_and_time_and_opens_at_its_cue() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("sources/call.srt"),
        "1\n00:00:01,000 --> 00:00:03,000\nSPEAKER 1: Will the ferry run?\n\n\
         2\n00:03:12,000 --> 00:03:15,000\nSPEAKER 2: The ferry will run twice a day\n\n\
         3\n00:03:15,000 --> 00:03:18,000\nfrom April, weather permitting.\n",
    )
    .unwrap();
    let settings = options(
        ws.path(),
        json!({"speakers": {"sources/call.srt": {"SPEAKER 2": "Marta Kowalczyk"}}}),
    );
    let (mut client, _) = LspClient::start(ws.path(), json!({}), settings);
    let doc = uri(&ws.path().join("draft.md"));
    let draft =
        "“The ferry will run twice a day from April, weather permitting,” said Marta Kowalczyk.\n";
    client.open(&doc, "markdown", draft);
    client.diagnostics(&doc, 1);
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 5}}),
    );
    let hover = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        hover.contains("Source: **Marta Kowalczyk, 00:03:12, call.srt**"),
        "{hover}"
    );
    assert!(
        hover.contains("Speaker in the source: Marta Kowalczyk"),
        "{hover}"
    );
    let r = client.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": doc}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
    );
    assert_eq!(
        r["result"][0]["label"], "✓ Marta Kowalczyk, 00:03:12",
        "{r}"
    );
    let r = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 5}}),
    );
    assert_eq!(r["result"]["uri"], uri(&ws.path().join("sources/call.srt")));
    // The timing line of the cue the words start in: line 6 of the file.
    assert_eq!(r["result"]["range"]["start"]["line"], 5, "{r}");
    assert_eq!(
        summary_lens(&mut client, &doc),
        "1 quote: 1 verified, 0 altered, 0 not found, 0 conflicts"
    );
    assert!(client.shutdown_and_exit().success());
}
