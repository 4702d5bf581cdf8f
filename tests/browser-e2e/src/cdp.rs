//! A small blocking client of the Chrome DevTools Protocol: one WebSocket to
//! the browser, flat sessions for the targets it attaches to (the page's
//! tab, the extension's popup and service worker).

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub type Result<T> = std::result::Result<T, String>;

pub struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

/// How long one command may take before the test fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

impl Cdp {
    /// Connects to the browser's own endpoint (`ws://127.0.0.1:PORT/devtools/browser/ID`).
    pub fn connect(url: &str) -> Result<Cdp> {
        let (ws, _) = tungstenite::connect(url).map_err(|e| format!("devtools WebSocket {url}: {e}"))?;
        if let MaybeTlsStream::Plain(stream) = ws.get_ref() {
            stream.set_read_timeout(Some(Duration::from_millis(500))).map_err(|e| e.to_string())?;
        }
        Ok(Cdp { ws, next_id: 1 })
    }

    /// Sends a command (to the browser, or to an attached target's session)
    /// and waits for its result; events arriving meanwhile are dropped.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.ws.send(Message::text(message.to_string())).map_err(|e| format!("{method}: {e}"))?;
        let began = Instant::now();
        loop {
            if began.elapsed() > COMMAND_TIMEOUT {
                return Err(format!("{method}: no answer within {COMMAND_TIMEOUT:?}"));
            }
            let text = match self.ws.read() {
                Ok(Message::Text(t)) => t,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e)) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    continue
                }
                Err(e) => return Err(format!("{method}: {e}")),
            };
            let reply: Value = serde_json::from_str(text.as_str()).map_err(|e| format!("{method}: {e}"))?;
            if reply["id"] != json!(id) {
                continue;
            }
            if let Some(error) = reply.get("error") {
                return Err(format!("{method}: {}", error["message"].as_str().unwrap_or("error")));
            }
            return Ok(reply["result"].clone());
        }
    }

    pub fn targets(&mut self) -> Result<Vec<Value>> {
        let r = self.call(None, "Target.getTargets", json!({}))?;
        Ok(r["targetInfos"].as_array().cloned().unwrap_or_default())
    }

    /// Waits for a target matching `pred` (popups and workers appear a moment after what made them).
    pub fn wait_for_target(&mut self, what: &str, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Result<Value> {
        let began = Instant::now();
        loop {
            if let Some(t) = self.targets()?.into_iter().find(&pred) {
                return Ok(t);
            }
            if began.elapsed() > timeout {
                return Err(format!("no {what} target within {timeout:?}: {:?}", self.targets()?));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Attaches to a target in flat mode; returns its session id.
    pub fn attach(&mut self, target_id: &str) -> Result<String> {
        let r = self.call(None, "Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }))?;
        r["sessionId"].as_str().map(str::to_owned).ok_or_else(|| format!("attachToTarget gave no session: {r}"))
    }

    /// Evaluates an expression in a session (awaiting a promise) and returns its value.
    pub fn eval(&mut self, session: &str, expression: &str) -> Result<Value> {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true, "userGesture": true }),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(format!("{expression}: {}", ex["exception"]["description"].as_str().unwrap_or(&ex.to_string())));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Polls `expression` until it returns something other than null/false/"".
    pub fn wait_for(&mut self, session: &str, expression: &str, timeout: Duration) -> Result<Value> {
        let began = Instant::now();
        loop {
            let v = self.eval(session, expression)?;
            if !(v.is_null() || v == json!(false) || v == json!("")) {
                return Ok(v);
            }
            if began.elapsed() > timeout {
                return Err(format!("{expression}: still {v} after {timeout:?}"));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
