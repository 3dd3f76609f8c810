//! Syndication groups: documents whose texts are near-duplicates of one another.
//!
//! Wire copies and light rewrites of one original are one source, not many, so resolve finds
//! them before it counts sources. Two documents are near-duplicates when the Jaccard similarity
//! of their sets of lower-cased word 5-shingles reaches a threshold.
//!
//! Comparing every pair would be quadratic, so candidate pairs come from MinHash banding: each
//! document gets a signature of [`N_HASHES`] minimum hashes, cut into bands of [`ROWS_PER_BAND`]
//! rows; only documents that agree on a whole band are compared exactly. With 10 bands of 2 rows
//! a pair at Jaccard 0.6 becomes a candidate with probability 1 − (1 − 0.6²)¹⁰ ≈ 0.99.

use std::collections::{BTreeMap, BTreeSet};

use corroborate_model::{AnalyzedDocument, SyndicationGroup};

/// Words per shingle.
const SHINGLE_WORDS: usize = 5;
/// Length of a MinHash signature.
const N_HASHES: usize = 20;
/// Rows per band of the signature; `N_HASHES / ROWS_PER_BAND` bands.
const ROWS_PER_BAND: usize = 2;

/// FNV-1a, a fixed hash: std's `DefaultHasher` may change between releases, and group
/// membership must not.
fn fnv1a(bytes: &[u8]) -> u64 {
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
pub(crate) fn shingles(text: &str) -> BTreeSet<u64> {
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
pub(crate) fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f64 {
    let n_shared = a.intersection(b).count();
    let n_union = a.len() + b.len() - n_shared;
    if n_union == 0 {
        0.0
    } else {
        n_shared as f64 / n_union as f64
    }
}

fn signature(shingles: &BTreeSet<u64>) -> [u64; N_HASHES] {
    let mut signature = [u64::MAX; N_HASHES];
    for shingle in shingles {
        for (seed, slot) in signature.iter_mut().enumerate() {
            let value = mix(shingle ^ mix(seed as u64 + 1));
            if value < *slot {
                *slot = value;
            }
        }
    }
    signature
}

/// Union-find with path halving; the root is always the lowest index, so the earliest
/// document of a group is its representative.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[high] = low;
    }
}

/// Groups near-duplicate documents. Returns, for every document (by input index), the index of
/// its group in the returned list, and the groups with at least two members. A group is named
/// `g` + the id of its earliest-ingested member (input order), so adding later documents never
/// renames it. Documents that ingest already put in the same `syndication_group` stay together.
pub(crate) fn group_documents(
    documents: &[AnalyzedDocument],
    threshold: f64,
) -> (Vec<Option<usize>>, Vec<SyndicationGroup>) {
    let shingle_sets: Vec<BTreeSet<u64>> =
        documents.iter().map(|d| shingles(&d.document.text)).collect();
    let mut parent: Vec<usize> = (0..documents.len()).collect();

    // Candidate pairs: documents sharing one whole band of their signatures.
    let mut buckets: BTreeMap<(usize, Vec<u64>), Vec<usize>> = BTreeMap::new();
    for (doc_idx, set) in shingle_sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        let signature = signature(set);
        for (band_idx, band) in signature.chunks(ROWS_PER_BAND).enumerate() {
            buckets.entry((band_idx, band.to_vec())).or_default().push(doc_idx);
        }
    }
    let mut compared: BTreeSet<(usize, usize)> = BTreeSet::new();
    for members in buckets.values() {
        for (pos, &a) in members.iter().enumerate() {
            for &b in &members[pos + 1..] {
                if compared.insert((a, b))
                    && jaccard(&shingle_sets[a], &shingle_sets[b]) >= threshold
                {
                    union(&mut parent, a, b);
                }
            }
        }
    }

    // Groups already assigned upstream are honoured.
    let mut preset: BTreeMap<&str, usize> = BTreeMap::new();
    for (doc_idx, doc) in documents.iter().enumerate() {
        if let Some(group) = doc.document.syndication_group.as_deref() {
            match preset.get(group) {
                Some(&first) => union(&mut parent, first, doc_idx),
                None => {
                    preset.insert(group, doc_idx);
                }
            }
        }
    }

    let mut members_of_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for doc_idx in 0..documents.len() {
        let root = find(&mut parent, doc_idx);
        members_of_root.entry(root).or_default().push(doc_idx);
    }
    let mut group_of = vec![None; documents.len()];
    let mut groups = Vec::new();
    for (root, members) in members_of_root {
        if members.len() < 2 {
            continue;
        }
        for &member in &members {
            group_of[member] = Some(groups.len());
        }
        groups.push(SyndicationGroup {
            id: format!("g{}", documents[root].document.id),
            documents: members.iter().map(|&m| documents[m].document.id.clone()).collect(),
        });
    }
    (group_of, groups)
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
    }

    #[test]
    fn signatures_are_deterministic() {
        let a = shingles("one two three four five six seven");
        assert_eq!(signature(&a), signature(&a.clone()));
    }
}
