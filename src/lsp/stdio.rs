//! Stdin/stdout for the server, with a guard in front of tower-lsp-server's reader: its
//! decoder ends the stream at the first malformed message, so malformed frames are answered
//! here (Parse error / Invalid request, id null) and never reach it.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tower_lsp_server::jsonrpc::{Request, Response};

/// What the server reads and writes, and the tasks that move bytes to and from stdio.
pub struct Stdio {
    pub input: tokio::io::DuplexStream,
    pub output: ChannelWriter,
    pub reader: tokio::task::JoinHandle<()>,
    pub writer: tokio::task::JoinHandle<()>,
}

/// Spawns the stdin reader and the stdout writer (inside a tokio runtime).
pub fn start() -> Stdio {
    let (tx, rx) = unbounded_channel();
    let (mut to_server, input) = tokio::io::duplex(1 << 16);
    let errors = tx.clone();
    let reader = tokio::spawn(async move {
        let mut stdin = BufReader::new(tokio::io::stdin());
        while let Some(frame) = read_frame(&mut stdin).await {
            match frame {
                Ok(body) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if to_server.write_all(header.as_bytes()).await.is_err()
                        || to_server.write_all(&body).await.is_err()
                    {
                        return;
                    }
                }
                Err((id, error)) => {
                    tracing::error!("malformed message: {}", error["message"]);
                    let response = json!({"jsonrpc": "2.0", "id": id, "error": error});
                    let _ = errors.send(frame_bytes(&response));
                }
            }
        }
        // End of input: the server sees it and stops.
        let _ = to_server.shutdown().await;
    });
    let writer = tokio::spawn(write_out(rx));
    Stdio {
        input,
        output: ChannelWriter(tx),
        reader,
        writer,
    }
}

async fn write_out(mut rx: UnboundedReceiver<Vec<u8>>) {
    let mut stdout = tokio::io::stdout();
    while let Some(chunk) = rx.recv().await {
        if stdout.write_all(&chunk).await.is_err() || stdout.flush().await.is_err() {
            return;
        }
    }
}

fn frame_bytes(msg: &Value) -> Vec<u8> {
    let body = msg.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body.into_bytes());
    out
}

/// The next message body, or the id and JSON-RPC error object to answer it with; `None` at
/// the end.
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
) -> Option<Result<Vec<u8>, (Value, Value)>> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        // Found anywhere in the line: after a too-short Content-Length the rest of that body
        // runs into the next header, and reading must pick up again there.
        if let Some(at) = line.to_ascii_lowercase().rfind("content-length:") {
            length = line[at + "content-length:".len()..]
                .trim()
                .parse::<usize>()
                .ok();
        }
    }
    let Some(length) = length else {
        return Some(Err((
            Value::Null,
            error(-32700, "Parse error: no Content-Length"),
        )));
    };
    // Grown as bytes arrive, not allocated up front: a lying Content-Length must not abort
    // the process on allocation.
    let mut body = Vec::new();
    match (&mut *input)
        .take(length as u64)
        .read_to_end(&mut body)
        .await
    {
        Ok(n) if n == length => Some(check(body)),
        _ => None,
    }
}

/// A body tower-lsp-server will accept, or the id and error to answer instead.
fn check(body: Vec<u8>) -> Result<Vec<u8>, (Value, Value)> {
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
        return Err((Value::Null, error(-32700, "Parse error")));
    };
    // tower-lsp-server drops its own MethodNotFound answer to any `$/` method, requests
    // included, and the client would wait forever; the protocol asks for the error.
    if let (Some(method), Some(id)) = (value["method"].as_str(), value.get("id"))
        && method.starts_with("$/")
        && (id.is_string() || id.is_number())
    {
        return Err((id.clone(), error(-32601, "Method not found")));
    }
    let is_message = serde_json::from_slice::<Response>(&body).is_ok()
        || serde_json::from_slice::<Request>(&body).is_ok();
    if is_message {
        Ok(body)
    } else {
        Err((Value::Null, error(-32600, "Invalid request")))
    }
}

fn error(code: i64, message: &str) -> Value {
    json!({"code": code, "message": message})
}

/// The server's output: whole frames into a channel, so that the errors this module answers
/// never land in the middle of one of the server's messages.
pub struct ChannelWriter(UnboundedSender<Vec<u8>>);

impl AsyncWrite for ChannelWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.0.send(buf.to_vec()) {
            Ok(()) => Poll::Ready(Ok(buf.len())),
            Err(_) => Poll::Ready(Err(io::ErrorKind::BrokenPipe.into())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &'static [u8]) -> Vec<Result<Vec<u8>, i64>> {
        let mut reader = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut reader).await {
            out.push(f.map_err(|e| e.1["code"].as_i64().unwrap_or(0)));
        }
        out
    }

    #[tokio::test]
    async fn malformed_frames_become_errors_and_reading_goes_on() {
        let input = b"Content-Length: 9\r\n\r\n{\"bad\":,}\
Content-Length: 2\r\n\r\n{}\
Content-Type: x\r\n\r\n\
Content-Length: 40\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}";
        let got = frames(input).await;
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], Err(-32700));
        assert_eq!(got[1], Err(-32600));
        assert_eq!(got[2], Err(-32700));
        assert!(got[3].is_ok());
    }

    // Found by tests/bad_client.rs (wrong_content_length_is_survived).
    #[tokio::test]
    async fn a_wrong_content_length_loses_one_message_not_the_stream() {
        // Too short by 3: the tail runs into the next header, which is still found.
        let input = b"Content-Length: 37\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}\
Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}";
        let got = frames(input).await;
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], Err(-32700));
        assert!(got[1].is_ok());
        // Absurdly long: no allocation up front; the stream just ends.
        let got = frames(b"Content-Length: 99999999999999999\r\n\r\n{}").await;
        assert!(got.is_empty());
    }

    #[tokio::test]
    async fn dollar_requests_are_answered_method_not_found_with_their_id() {
        let mut reader = BufReader::new(
            &b"Content-Length: 39\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"$/x\"}"[..],
        );
        let Some(Err((id, error))) = read_frame(&mut reader).await else {
            panic!("not answered here");
        };
        assert_eq!((id, error["code"].clone()), (json!(7), json!(-32601)));
        // A `$/` notification goes through (tower-lsp-server ignores it as it should).
        let mut reader = BufReader::new(
            &b"Content-Length: 32\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"$/x\"}"[..],
        );
        assert!(matches!(read_frame(&mut reader).await, Some(Ok(_))));
    }
}
