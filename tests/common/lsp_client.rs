//! A small LSP client for tests: starts `verbatim lsp --stdio`, frames JSON-RPC with
//! Content-Length headers, answers the server's own requests, and never waits forever.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(15);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications not yet taken by a test.
    pub notifications: Vec<Value>,
    /// Requests the server sent us (already answered).
    pub server_requests: Vec<Value>,
    /// What we answer to `workspace/configuration`.
    pub configuration: Value,
}

/// `file://` URI of a path.
pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl LspClient {
    pub fn spawn() -> LspClient {
        LspClient::spawn_with(&["lsp", "--stdio"])
    }

    /// Starts the server with the arguments an editor would pass.
    pub fn spawn_with(args: &[&str]) -> LspClient {
        let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start verbatim lsp");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let msg: Value = serde_json::from_slice(&body).expect("server sent JSON");
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        LspClient {
            child,
            stdin,
            rx,
            next_id: 1,
            notifications: Vec::new(),
            server_requests: Vec::new(),
            configuration: Value::Null,
        }
    }

    /// Starts the server and completes the `initialize` handshake.
    pub fn start(root: &Path, capabilities: Value, init_options: Value) -> (LspClient, Value) {
        let mut client = LspClient::spawn();
        let result = client.initialize(root, capabilities, init_options);
        (client, result)
    }

    /// `initialize` with one workspace folder, then `initialized`; the server's result.
    pub fn initialize(&mut self, root: &Path, capabilities: Value, init_options: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
                "capabilities": capabilities,
                "initializationOptions": init_options,
            }),
        );
        let result = response["result"].clone();
        assert!(result.is_object(), "initialize failed: {response}");
        self.notify("initialized", json!({}));
        result
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend(body);
        self.send_raw(&framed);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (with `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_response(&json!(id))
    }

    pub fn wait_response(&mut self, id: &Value) -> Value {
        self.try_wait_response(id, TIMEOUT)
            .unwrap_or_else(|| panic!("no response to {id}"))
    }

    /// The response to `id`, or `None` when none came within `timeout`.
    pub fn try_wait_response(&mut self, id: &Value, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.recv(deadline)?;
            if msg.get("method").is_none() && &msg["id"] == id {
                return Some(msg);
            }
        }
    }

    /// The next message, answering server requests and keeping notifications.
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let msg = match self.rx.recv_timeout(left) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        };
        match (msg.get("id"), msg.get("method")) {
            (Some(id), Some(method)) => {
                let result = match method.as_str() {
                    Some("workspace/configuration") => {
                        let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![self.configuration.clone(); n])
                    }
                    _ => Value::Null,
                };
                let id = id.clone();
                self.server_requests.push(msg.clone());
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
            }
            (None, Some(_)) => self.notifications.push(msg.clone()),
            _ => {}
        }
        Some(msg)
    }

    /// The first notification of `method` whose params satisfy `pred` (taken from those
    /// already received, else waited for).
    pub fn wait_notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_notification(method, pred, TIMEOUT)
            .unwrap_or_else(|| panic!("no {method} notification; got {:#?}", self.notifications))
    }

    pub fn try_wait_notification(
        &mut self,
        method: &str,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(i) = self
                .notifications
                .iter()
                .position(|n| n["method"] == method && pred(&n["params"]))
            {
                return Some(self.notifications.remove(i)["params"].clone());
            }
            self.recv(deadline)?;
        }
    }

    /// Diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Diagnostics published for `uri` at `version` that satisfy `pred` (a check may be
    /// published twice for one version, e.g. when the corpus became ready meanwhile).
    pub fn diagnostics_where(
        &mut self,
        uri: &str,
        version: i64,
        pred: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let params = self.wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && p["version"] == version
                && pred(p["diagnostics"].as_array().map_or(&[], |v| v.as_slice()))
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Lets messages arrive for a while (to see that something was not sent).
    pub fn drain(&mut self, time: Duration) {
        let deadline = Instant::now() + time;
        while self.recv(deadline).is_some() {}
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// `shutdown` (params null, as VS Code sends it) then `exit`; the exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}));
        let response = self.wait_response(&json!(id));
        assert_eq!(response["result"], Value::Null, "{response}");
        assert!(response.get("error").is_none(), "{response}");
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
