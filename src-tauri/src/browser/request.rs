//! The messages the extension (or any other client) sends, and the replies.
//!
//! ```text
//! {"type":"ping"}                                     -> {"ok":true,"version":"0.1.0",...}
//! {"type":"save","url","base_url"?,"title","html",
//!  "selection"?:{"exact","prefix","suffix","note"?}}  -> {"ok":true,"article_id",...}
//! {"type":"open","article_id"}                        -> {"ok":true,"app":"shown"|"started"}
//! any failure                                         -> {"ok":false,"error":{"kind","message"}}
//! ```
//! docs/browser.md describes every field.

use serde::Deserialize;
use serde_json::{json, Value};

/// A failure, as the reply's `error` object: `{kind, message, data?}` like the
/// app's errors. `kind` is the core's error kind (`TooLarge` with its size and
/// limit in `data`, `NoArticle`, `Busy`, ...) or one of the host's own:
/// `BadMessage` (framing, encoding, JSON, type or fields), `Forbidden` (a
/// caller other than our extension), `AppUnavailable` (the app could not be opened).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub kind: String,
    pub message: String,
    pub data: Option<Value>,
}

impl Failure {
    pub fn new(kind: &str, message: impl Into<String>) -> Failure {
        Failure { kind: kind.into(), message: message.into(), data: None }
    }

    pub fn bad_message(message: impl Into<String>) -> Failure {
        Failure::new("BadMessage", message)
    }

    pub fn reply(&self) -> Value {
        let mut error = json!({ "kind": self.kind, "message": self.message });
        if let Some(data) = &self.data {
            error["data"] = data.clone();
        }
        json!({ "ok": false, "error": error })
    }
}

impl From<sidenote_core::Error> for Failure {
    fn from(e: sidenote_core::Error) -> Failure {
        // The core's detail serializes as {"kind", "data"?}.
        let detail = serde_json::to_value(e.detail()).unwrap_or(Value::Null);
        let kind = match &detail["kind"] {
            Value::String(k) => k.clone(),
            _ => format!("{:?}", e.kind()),
        };
        Failure { kind, message: e.to_string(), data: detail.get("data").cloned() }
    }
}

/// One request, by its `type`.
#[derive(Debug)]
pub enum Request {
    Ping,
    Save(Box<Save>),
    Open { article_id: String },
}

#[derive(Debug, Deserialize)]
pub struct Save {
    /// The page's address (what duplicates are matched on).
    pub url: String,
    /// The document's base URL (`document.baseURI`), which relative links resolve against.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub title: String,
    /// The serialized DOM after the page's scripts ran.
    pub html: String,
    #[serde(default)]
    pub selection: Option<Selection>,
}

#[derive(Debug, Deserialize)]
pub struct Selection {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct Open {
    article_id: String,
}

/// Longest address accepted: far beyond any real page's, short enough to
/// quote in a reply.
pub const MAX_URL: usize = 16 * 1024;
/// A note typed in the extension's popup.
pub const MAX_NOTE: usize = 64 * 1024;

/// Decodes a message body: UTF-8, JSON, a known `type`, the fields it needs.
pub fn parse(body: &[u8]) -> Result<Request, Failure> {
    let text = std::str::from_utf8(body)
        .map_err(|e| Failure::bad_message(format!("the message is not valid UTF-8 (at byte {})", e.valid_up_to())))?;
    let value: Value = serde_json::from_str(text).map_err(|e| Failure::bad_message(format!("the message is not valid JSON ({e})")))?;
    let kind = match value.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(_) => return Err(Failure::bad_message("the message's \"type\" must be a string")),
        None if value.is_object() => return Err(Failure::bad_message("the message has no \"type\"")),
        None => return Err(Failure::bad_message("the message must be a JSON object")),
    };
    let fields = |e: serde_json::Error| Failure::bad_message(format!("a \"{kind}\" message {e}"));
    match kind.as_str() {
        "ping" => Ok(Request::Ping),
        "save" => {
            let save: Save = serde_json::from_value(value).map_err(fields)?;
            save.check()?;
            Ok(Request::Save(Box::new(save)))
        }
        "open" => {
            let open: Open = serde_json::from_value(value).map_err(fields)?;
            Ok(Request::Open { article_id: open.article_id })
        }
        other => Err(Failure::bad_message(format!(
            "unknown message type {:?}; this Sidenote ({}) understands \"save\", \"ping\" and \"open\"",
            shorten(other, 80),
            env!("CARGO_PKG_VERSION")
        ))),
    }
}

impl Save {
    /// Field checks that need no library, so a bad request changes nothing.
    fn check(&self) -> Result<(), Failure> {
        if self.url.len() > MAX_URL || self.base_url.as_ref().is_some_and(|b| b.len() > MAX_URL) {
            return Err(Failure::bad_message(format!("the page's address is longer than {MAX_URL} bytes")));
        }
        if let Some(sel) = &self.selection {
            if sel.exact.trim().is_empty() {
                return Err(Failure::bad_message("the selection is empty"));
            }
            if sel.note.as_ref().is_some_and(|n| n.len() > MAX_NOTE) {
                return Err(Failure::bad_message(format!("the note is longer than {MAX_NOTE} bytes")));
            }
        }
        Ok(())
    }
}

/// At most `max` characters of `s`, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(body: &[u8]) -> Failure {
        parse(body).unwrap_err()
    }

    #[test]
    fn each_bad_message_is_named() {
        assert!(failure(b"{\"type\":\"ping\"\xff}").message.contains("not valid UTF-8 (at byte 14)"));
        assert!(failure(b"{\"type\":").message.contains("not valid JSON"));
        assert!(failure(b"[1,2]").message.contains("must be a JSON object"));
        assert!(failure(b"{}").message.contains("no \"type\""));
        assert!(failure(b"{\"type\":7}").message.contains("must be a string"));
        let unknown = failure(br#"{"type":"delete"}"#);
        assert_eq!(unknown.kind, "BadMessage");
        assert!(unknown.message.contains("unknown message type \"delete\""), "{}", unknown.message);
        assert!(failure(br#"{"type":"save","url":"https://a.example/"}"#).message.contains("missing field `html`"));
        assert!(failure(br#"{"type":"save","url":"https://a.example/","html":"x","selection":{"exact":"  "}}"#)
            .message
            .contains("selection is empty"));
        assert!(failure(br#"{"type":"open"}"#).message.contains("missing field `article_id`"));
    }

    #[test]
    fn good_messages_parse_with_their_optional_fields() {
        assert!(matches!(parse(br#"{"type":"ping"}"#), Ok(Request::Ping)));
        let body = br#"{"type":"save","url":"https://a.example/p","title":"T","html":"<p>x</p>",
            "selection":{"exact":"x","prefix":"a","suffix":"b","note":"n"},"extra":1}"#;
        let Ok(Request::Save(save)) = parse(body) else { panic!("not a save") };
        assert_eq!((save.url.as_str(), save.base_url.as_deref()), ("https://a.example/p", None));
        let sel = save.selection.unwrap();
        assert_eq!((sel.exact.as_str(), sel.prefix.as_str(), sel.suffix.as_str(), sel.note.as_deref()), ("x", "a", "b", Some("n")));
    }

    #[test]
    fn core_errors_keep_their_kind() {
        let f = Failure::from(sidenote_core::Error::TooLarge { what: "page".into(), size: 9, limit: 8 });
        assert_eq!(f.kind, "TooLarge");
        let reply = f.reply();
        assert_eq!(reply["error"]["kind"], "TooLarge");
        assert_eq!(reply["error"]["data"]["size"], 9);
        assert_eq!(reply["error"]["data"]["limit"], 8);
        assert_eq!(reply["ok"], false);
        assert!(Failure::bad_message("x").reply()["error"].get("data").is_none());
    }
}
