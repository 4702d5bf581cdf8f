//! SHA-256 in lower-case hex: the one way bytes are named by their content
//! (an article's text, an image's bytes, a file in the sync folder).

use sha2::{Digest, Sha256};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_bytes_by_their_sha256_in_lower_case_hex() {
        // The digest of the empty input, as FIPS 180-4 defines SHA-256.
        assert_eq!(super::sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_ne!(super::sha256_hex(b"a"), super::sha256_hex(b"b"));
    }
}
