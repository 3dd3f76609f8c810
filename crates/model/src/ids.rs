//! Identifiers. Every id is derived from content, so the same input always gets the same id.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Span;

/// Hex of the first `n_bytes` bytes of the SHA-256 of `parts`, each part length-prefixed so
/// that ("ab", "c") and ("a", "bc") hash differently.
fn short_hash(parts: &[&[u8]], n_bytes: usize) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let digest = hasher.finalize();
    digest.iter().take(n_bytes).map(|b| format!("{b:02x}")).collect()
}

/// An id type: text behind a shared pointer, so that a clone (a fact's supporting claims, a
/// timeline entry's report) points to the one copy of the text instead of making another
/// (decision 0023). Its serde form is the plain string.
macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Arc<str>);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.into())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s.into())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name::from)
            }
        }
    };
}

string_id! {
    /// A document id: 16 hex digits of the SHA-256 of the raw input bytes.
    DocumentId
}

string_id! {
    /// A claim id: `c` and 16 hex digits derived from the document id, the sentence and the
    /// content spans, so re-analysis that finds the same claim gives it the same id.
    ClaimId
}

string_id! {
    /// An event mention id: `m` and the claim id's digits (one mention per claim at most).
    MentionId
}

string_id! {
    /// An incident id: `i` and 12 hex digits, derived from the mention that founded it, and kept
    /// when later reports join.
    IncidentId
}

impl DocumentId {
    /// The id of a document whose raw input is `raw`.
    pub fn from_raw(raw: &[u8]) -> Self {
        DocumentId(short_hash(&[raw], 8).into())
    }
}

impl ClaimId {
    /// The id of a claim of `document` in sentence `sentence` whose content lies at `content`
    /// and whose cue (if any) starts at `cue_start`.
    pub fn derive(
        document: &DocumentId,
        sentence: usize,
        content: &[Span],
        cue_start: Option<usize>,
    ) -> Self {
        let mut key = format!("{sentence}");
        for span in content {
            key.push_str(&format!(";{}-{}", span.start, span.end));
        }
        if let Some(cue) = cue_start {
            key.push_str(&format!(";cue{cue}"));
        }
        ClaimId(format!("c{}", short_hash(&[document.0.as_bytes(), key.as_bytes()], 8)).into())
    }
}

impl MentionId {
    /// The id of the mention made by `claim`.
    pub fn for_claim(claim: &ClaimId) -> Self {
        MentionId(format!("m{}", claim.0.trim_start_matches('c')).into())
    }
}

impl IncidentId {
    /// The id of an incident founded by `mention`.
    pub fn founded_by(mention: &MentionId) -> Self {
        IncidentId(format!("i{}", short_hash(&[mention.0.as_bytes()], 6)).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_id_is_sixteen_hex_digits_of_the_raw_bytes() {
        let id = DocumentId::from_raw(b"report");
        assert_eq!(id.0.len(), 16);
        assert!(id.0.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(id, DocumentId::from_raw(b"report "));
    }

    #[test]
    fn claim_id_depends_on_spans() {
        let doc = DocumentId::from_raw(b"x");
        let a = ClaimId::derive(&doc, 0, &[Span::new(0, 5)], Some(6));
        let b = ClaimId::derive(&doc, 0, &[Span::new(0, 6)], Some(6));
        assert_ne!(a, b);
        assert_eq!(a, ClaimId::derive(&doc, 0, &[Span::new(0, 5)], Some(6)));
        assert!(a.0.starts_with('c'));
    }
}
