//! A guard in front of the JSON-RPC reader. The framework's reader stops for good at the
//! first frame it cannot decode, which would let one bad message kill the server. This
//! re-frames the input: frames that are valid JSON-RPC pass through untouched; a message
//! with an id that is not valid JSON-RPC becomes a request the server answers with an
//! `InvalidRequest` error; anything else (not JSON, no id, stray bytes between frames) is
//! dropped with a note on stderr.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The method a malformed message with an id is turned into.
pub const INVALID_MESSAGE: &str = "outreach-lint/invalidMessage";

/// Larger bodies are skipped (and answered, when they have an id, by nobody).
const MAX_BODY: usize = 512 << 20;

/// What to do with one frame body.
fn triage(body: &[u8]) -> Option<Vec<u8>> {
    if serde_json::from_slice::<Request>(body).is_ok()
        || serde_json::from_slice::<Response>(body).is_ok()
    {
        return Some(body.to_vec());
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(err) => {
            eprintln!("outreach-lint: dropped a message that is not JSON: {err}");
            return None;
        }
    };
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())?;
    let reason = "not a valid JSON-RPC 2.0 request or response";
    eprintln!("outreach-lint: message {id} is {reason}");
    let rewritten = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": INVALID_MESSAGE,
        "params": {"reason": reason},
    });
    serde_json::to_vec(&rewritten).ok()
}

/// Copy frames from `input` to `output`, repairing or dropping what the framework's reader
/// would choke on. Returns at the end of the input or when `output` closes.
pub async fn filter_frames<R, W>(input: R, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        let mut length: Option<usize> = None;
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if length.is_some() {
                    break;
                }
                continue;
            }
            // Tolerate stray bytes before a header: find it anywhere on the line.
            let lower = text.to_ascii_lowercase();
            if let Some(at) = lower.find("content-length:") {
                length = lower[at + "content-length:".len()..].trim().parse().ok();
                if length.is_none() {
                    eprintln!("outreach-lint: bad Content-Length header: {text:?}");
                }
            }
        }
        let Some(length) = length else { continue };
        if length > MAX_BODY {
            eprintln!("outreach-lint: skipped a {length}-byte message (over {MAX_BODY} bytes)");
            let mut skip = (&mut reader).take(length as u64);
            if tokio::io::copy(&mut skip, &mut tokio::io::sink())
                .await
                .is_err()
            {
                return;
            }
            continue;
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let Some(body) = triage(&body) else { continue };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triage_keeps_valid_messages_and_repairs_ones_with_ids() {
        let ok = br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        assert_eq!(triage(ok).as_deref(), Some(&ok[..]));
        let response = br#"{"jsonrpc":"2.0","id":3,"result":null}"#;
        assert!(triage(response).is_some());
        let bad = br#"{"id":7,"method":5}"#;
        let fixed: Value = serde_json::from_slice(&triage(bad).unwrap()).unwrap();
        assert_eq!(fixed["method"], INVALID_MESSAGE);
        assert_eq!(fixed["id"], 7);
        assert!(triage(b"{oops").is_none());
        assert!(triage(br#"{"method":5}"#).is_none());
    }
}
