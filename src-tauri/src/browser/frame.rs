//! The native-messaging wire format: each message is a 32-bit length in the
//! machine's byte order, then that many bytes of UTF-8 JSON. The same framing
//! carries the replies.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// The largest message a browser sends to a host (Chromium and Firefox both
/// refuse more than 64 MiB). The page inside is further held to the import
/// size limit when it is saved.
pub const MAX_INBOUND: u32 = 64 * 1024 * 1024;

/// Browsers accept replies of at most 1 MiB; ours stay below that.
pub const MAX_REPLY: usize = 1024 * 1024 - 1;

/// Why a message could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// The input ended inside the 4-byte length.
    ShortHeader(usize),
    /// A length of zero: there is no message to answer, but the stream is still in step.
    Empty,
    /// A length over [`MAX_INBOUND`]; its bytes are not read.
    TooLarge(u32),
    /// The input ended before the message did.
    ShortBody {
        expected: u32,
        got: usize,
    },
    Io(io::Error),
}

impl FrameError {
    /// After these the next bytes cannot be trusted to start a message.
    pub fn ends_the_stream(&self) -> bool {
        !matches!(self, FrameError::Empty)
    }

    pub fn message(&self) -> String {
        match self {
            FrameError::ShortHeader(n) => format!("the input ended inside a message's 4-byte length (after {n} bytes)"),
            FrameError::Empty => "a message of length 0 holds nothing to do".into(),
            FrameError::TooLarge(n) => {
                format!("a message of {n} bytes is over the limit of {MAX_INBOUND} bytes (64 MiB), the most a browser sends")
            }
            FrameError::ShortBody { expected, got } => {
                format!("the input ended after {got} of the message's {expected} bytes")
            }
            FrameError::Io(e) => format!("the message could not be read: {e}"),
        }
    }
}

/// One message read from the browser, and how long reading it took once it began.
pub struct Frame {
    pub body: Vec<u8>,
    pub read_time: Duration,
}

/// Reads the next message; `Ok(None)` at a clean end of input (the browser
/// closed the pipe between messages).
pub fn read_frame(input: &mut impl Read) -> Result<Option<Frame>, FrameError> {
    let mut header = [0u8; 4];
    let mut filled = 0;
    let mut began = None;
    while filled < header.len() {
        match input.read(&mut header[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(FrameError::ShortHeader(filled)),
            Ok(n) => {
                began.get_or_insert_with(Instant::now);
                filled += n;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(FrameError::Io(e)),
        }
    }
    let began = began.unwrap_or_else(Instant::now);
    let len = u32::from_ne_bytes(header);
    if len == 0 {
        return Err(FrameError::Empty);
    }
    if len > MAX_INBOUND {
        return Err(FrameError::TooLarge(len));
    }
    // Grown as the bytes arrive: a length that promises more than comes
    // costs no more memory than what came.
    let mut body = Vec::with_capacity((len as usize).min(1 << 20));
    input.take(u64::from(len)).read_to_end(&mut body).map_err(FrameError::Io)?;
    if body.len() < len as usize {
        return Err(FrameError::ShortBody { expected: len, got: body.len() });
    }
    Ok(Some(Frame { body, read_time: began.elapsed() }))
}

/// Writes one reply. The caller keeps replies under [`MAX_REPLY`].
pub fn write_frame(output: &mut impl Write, json: &[u8]) -> io::Result<()> {
    let len = u32::try_from(json.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "reply too large"))?;
    output.write_all(&len.to_ne_bytes())?;
    output.write_all(json)?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut v = (body.len() as u32).to_ne_bytes().to_vec();
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn messages_are_read_one_after_another_until_the_end() {
        let mut input = framed(br#"{"type":"ping"}"#);
        input.extend(framed(b"{}"));
        let mut r = &input[..];
        assert_eq!(read_frame(&mut r).unwrap().unwrap().body, br#"{"type":"ping"}"#);
        assert_eq!(read_frame(&mut r).unwrap().unwrap().body, b"{}");
        assert!(read_frame(&mut r).unwrap().is_none());
    }

    #[test]
    fn bad_lengths_and_short_input_are_named() {
        let mut r = &[1u8, 0][..];
        assert!(matches!(read_frame(&mut r), Err(FrameError::ShortHeader(2))));
        let zero = 0u32.to_ne_bytes();
        let e = read_frame(&mut &zero[..]).err().unwrap();
        assert!(matches!(e, FrameError::Empty) && !e.ends_the_stream());
        let huge = (MAX_INBOUND + 1).to_ne_bytes();
        assert!(matches!(read_frame(&mut &huge[..]), Err(FrameError::TooLarge(n)) if n == MAX_INBOUND + 1));
        let mut short = 10u32.to_ne_bytes().to_vec();
        short.extend_from_slice(b"abc");
        assert!(matches!(read_frame(&mut &short[..]), Err(FrameError::ShortBody { expected: 10, got: 3 })));
    }

    #[test]
    fn a_reply_is_its_length_then_its_bytes() {
        let mut out = Vec::new();
        write_frame(&mut out, br#"{"ok":true}"#).unwrap();
        assert_eq!(out, framed(br#"{"ok":true}"#));
    }
}
