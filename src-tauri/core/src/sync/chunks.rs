//! The change log's chunk format. A device appends its Automerge changes to
//! its own log file, one chunk each: `SNC1`, the payload's length and its
//! CRC-32 (both u32, little-endian), then the payload: the document id's
//! length (u16, little-endian), the id, and the change's bytes. A reader
//! that meets a chunk cut short (the file still arriving) or damaged stops
//! there and reads it again next round: nothing half-read is applied.

pub const MAGIC: &[u8; 4] = b"SNC1";
const HEADER: usize = 12;
/// No chunk a device writes is larger; a larger length is damage or hostile.
pub const MAX_PAYLOAD: usize = 8 << 20;
const MAX_DOC_ID: usize = 200;

/// One change as a chunk.
pub fn encode(doc_id: &str, change: &[u8]) -> Vec<u8> {
    let mut payload = Vec::with_capacity(2 + doc_id.len() + change.len());
    payload.extend_from_slice(&(doc_id.len() as u16).to_le_bytes());
    payload.extend_from_slice(doc_id.as_bytes());
    payload.extend_from_slice(change);
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// What the bytes at a position of a log hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Chunk<'a> {
    /// A whole, intact chunk, and the length it takes.
    Change { doc_id: &'a str, bytes: &'a [u8], len: usize },
    /// Nothing more.
    End,
    /// A chunk cut short: the rest of it may still be on its way.
    Incomplete,
    /// Not a chunk this build reads (damaged, or not written by Sidenote).
    Bad(&'static str),
}

/// Reads the chunk at the start of `buf`.
pub fn decode(buf: &[u8]) -> Chunk<'_> {
    if buf.is_empty() {
        return Chunk::End;
    }
    if buf.len() < HEADER {
        return if MAGIC.starts_with(&buf[..buf.len().min(4)]) { Chunk::Incomplete } else { Chunk::Bad("not a chunk") };
    }
    if &buf[..4] != MAGIC {
        return Chunk::Bad("not a chunk");
    }
    let len = u32::from_le_bytes([buf[4], buf[5], buf[6], buf[7]]) as usize;
    let crc = u32::from_le_bytes([buf[8], buf[9], buf[10], buf[11]]);
    if len > MAX_PAYLOAD {
        return Chunk::Bad("oversized chunk");
    }
    let Some(payload) = buf.get(HEADER..HEADER + len) else { return Chunk::Incomplete };
    if crc32fast::hash(payload) != crc {
        return Chunk::Bad("checksum mismatch");
    }
    if payload.len() < 2 {
        return Chunk::Bad("empty chunk");
    }
    let id_len = u16::from_le_bytes([payload[0], payload[1]]) as usize;
    if id_len > MAX_DOC_ID || payload.len() < 2 + id_len {
        return Chunk::Bad("bad document id");
    }
    let Ok(doc_id) = std::str::from_utf8(&payload[2..2 + id_len]) else { return Chunk::Bad("bad document id") };
    Chunk::Change { doc_id, bytes: &payload[2 + id_len..], len: HEADER + len }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_reads_back_and_every_cut_of_it_is_incomplete() {
        let c = encode("article:x", b"change bytes");
        assert_eq!(decode(&c), Chunk::Change { doc_id: "article:x", bytes: b"change bytes", len: c.len() });
        for cut in 1..c.len() {
            assert_eq!(decode(&c[..cut]), Chunk::Incomplete, "cut at {cut}");
        }
        assert_eq!(decode(&[]), Chunk::End);
    }

    #[test]
    fn a_flipped_bit_or_a_huge_length_is_bad() {
        let c = encode("catalogue", b"abc");
        for i in 0..c.len() {
            let mut d = c.clone();
            d[i] ^= 0x10;
            assert!(!matches!(decode(&d), Chunk::Change { bytes: b"abc", doc_id: "catalogue", .. }), "flip at {i}");
        }
        let mut huge = c.clone();
        huge[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&huge), Chunk::Bad("oversized chunk"));
        assert_eq!(decode(b"<script>alert(1)</script>"), Chunk::Bad("not a chunk"));
    }
}
