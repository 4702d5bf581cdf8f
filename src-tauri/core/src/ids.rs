//! Ids that are the same every time for the same name: an importer's key for
//! a record it brings in from another tool (so that importing the same file
//! again finds it), and the W3C export's ids for its collection and page (so
//! that the same library exports the same bytes).

use sha2::{Digest, Sha256};

/// A UUID (version 8, RFC 9562) made from the SHA-256 of `name`.
pub fn stable_id(name: &str) -> String {
    let digest = Sha256::digest(format!("sidenote:{name}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_are_uuids_that_depend_only_on_the_name() {
        let a = stable_id("hypothesis:abc");
        assert_eq!(a, stable_id("hypothesis:abc"));
        assert_ne!(a, stable_id("hypothesis:abd"));
        let parsed = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(parsed.get_version(), Some(uuid::Version::Custom));
        assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122);
    }
}
