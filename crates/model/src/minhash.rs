//! Near-duplicate detection by MinHash over word shingles, shared by ingest-time grouping (the
//! store keeps each document's signature and band keys) and by resolve.
//!
//! Every hash here is fixed (FNV-1a and the splitmix64 finaliser with fixed seeds), never std's
//! `RandomState` or `DefaultHasher`, whose output may change between Rust releases: signatures
//! are stored, and a signature computed by a later version must match one stored by an earlier
//! one. A test pins the values.
//!
//! Two documents are near-duplicates when the Jaccard similarity of their sets of lower-cased
//! word 5-shingles reaches a threshold. Candidates come from banding: a signature of
//! [`N_HASHES`] minimum hashes is cut into [`N_BANDS`] bands of [`ROWS_PER_BAND`] rows, and only
//! documents that agree on a whole band are compared exactly. With 10 bands of 2 rows a pair at
//! Jaccard 0.6 becomes a candidate with probability 1 − (1 − 0.6²)¹⁰ ≈ 0.99.

use std::collections::BTreeSet;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Length of a MinHash signature.
pub const N_HASHES: usize = 20;
/// Rows per band of the signature.
pub const ROWS_PER_BAND: usize = 2;
/// Bands per signature.
pub const N_BANDS: usize = N_HASHES / ROWS_PER_BAND;

/// FNV-1a, a fixed hash.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// splitmix64 finaliser, used to derive the [`N_HASHES`] hash functions from one shingle hash.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the lower-cased word 5-shingles of `text`. A text shorter than five words is one
/// shingle of all its words, so that two identical short texts still match.
pub fn shingles(text: &str) -> BTreeSet<u64> {
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return BTreeSet::new();
    }
    if words.len() < SHINGLE_WORDS {
        return BTreeSet::from([fnv1a(words.join(" ").as_bytes())]);
    }
    words.windows(SHINGLE_WORDS).map(|window| fnv1a(window.join(" ").as_bytes())).collect()
}

/// Jaccard similarity of two shingle sets; 0 when both are empty (empty texts are not copies).
pub fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f64 {
    let n_shared = a.intersection(b).count();
    let n_union = a.len() + b.len() - n_shared;
    if n_union == 0 {
        0.0
    } else {
        n_shared as f64 / n_union as f64
    }
}

/// The MinHash signature of a shingle set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub [u64; N_HASHES]);

impl Signature {
    /// The signature of `shingles`; `None` for an empty set, which matches nothing.
    pub fn of(shingles: &BTreeSet<u64>) -> Option<Signature> {
        if shingles.is_empty() {
            return None;
        }
        let mut signature = [u64::MAX; N_HASHES];
        for shingle in shingles {
            for (seed, slot) in signature.iter_mut().enumerate() {
                let value = mix(shingle ^ mix(seed as u64 + 1));
                if value < *slot {
                    *slot = value;
                }
            }
        }
        Some(Signature(signature))
    }

    /// One key per band: documents with an equal key in the same band are candidates.
    pub fn band_keys(&self) -> [u64; N_BANDS] {
        let mut keys = [0u64; N_BANDS];
        for (key, band) in keys.iter_mut().zip(self.0.chunks(ROWS_PER_BAND)) {
            let bytes: Vec<u8> = band.iter().flat_map(|v| v.to_le_bytes()).collect();
            *key = fnv1a(&bytes);
        }
        keys
    }

    /// The signature as little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`] back; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != N_HASHES * 8 {
            return None;
        }
        let mut values = [0u64; N_HASHES];
        for (value, chunk) in values.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            *value = u64::from_le_bytes(word);
        }
        Some(Signature(values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_have_jaccard_one_and_disjoint_zero() {
        let a = shingles("The dock near the port was struck by a drone on Monday night.");
        let b = shingles("the dock near the port WAS struck by a drone, on Monday night");
        assert!((jaccard(&a, &b) - 1.0).abs() < 1e-9);
        let c =
            shingles("Officials declined to comment on the raid in the northern province today.");
        assert_eq!(jaccard(&a, &c), 0.0);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingles("Drone strike").len(), 1);
        assert!(shingles("  ").is_empty());
        assert_eq!(Signature::of(&shingles(" ")), None);
    }

    #[test]
    fn signatures_are_stable_across_versions() {
        // Stored signatures must keep matching: these values were computed once and pinned.
        // If this test fails, the hashing changed and every stored signature is stale.
        assert_eq!(fnv1a(b"one two three four five"), 0xab2d_be28_44fd_8c85);
        let sig = Signature::of(&shingles("one two three four five six seven"))
            .expect("seven words make three shingles");
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig));
        assert_eq!(sig.0[0], PINNED_FIRST);
        assert_eq!(sig.band_keys()[0], PINNED_BAND);
    }

    const PINNED_FIRST: u64 = 0x5444_d4ed_688b_3d36;
    const PINNED_BAND: u64 = 0xd716_1959_2542_63cd;
}
