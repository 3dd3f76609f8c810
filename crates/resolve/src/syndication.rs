//! Syndication groups: documents whose texts are near-duplicates of one another.
//!
//! Wire copies and light rewrites of one original are one source, not many, so resolve finds
//! them before it counts sources. Two documents are near-duplicates when the Jaccard similarity
//! of their sets of lower-cased word 5-shingles reaches a threshold.
//!
//! Comparing every pair would be quadratic, so candidate pairs come from MinHash banding
//! ([`corroborate_model::minhash`], the same code and hashes ingest uses when it stores a
//! document's signature). The store groups copies at ingest, so [`crate::resolve`] only reads
//! the group each document carries; the banding here is for analyses that never went through
//! the store ([`crate::resolve_analyzed`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use corroborate_model::minhash::{jaccard, shingles, Signature, N_BANDS};
use corroborate_model::{AnalyzedDocument, DocumentId, SyndicationGroup};

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

/// Finds near-duplicate documents by their texts, for analyses that never went through the
/// store (the store groups copies at ingest). Returns, for every document (by input index),
/// the group key of its group, `None` when it has no copy: `g` + the id of the group's
/// earliest member (input order), so adding later documents never renames it. Documents that
/// ingest already put in the same `syndication_group` stay together.
pub(crate) fn group_keys_by_text(
    documents: &[AnalyzedDocument],
    threshold: f64,
) -> Vec<Option<String>> {
    // Only the band keys are kept for every document (the shingle sets of a million reports
    // would not fit in memory); the few candidate pairs recompute their shingles.
    let mut parent: Vec<usize> = (0..documents.len()).collect();
    let mut bands: Vec<((usize, u64), usize)> = Vec::with_capacity(documents.len() * N_BANDS);
    for (doc_idx, doc) in documents.iter().enumerate() {
        let Some(signature) = Signature::of(&shingles(&doc.document.text)) else {
            continue;
        };
        // Candidate pairs: documents sharing one whole band of their signatures.
        bands.extend(signature.band_keys().into_iter().enumerate().map(|band| (band, doc_idx)));
    }
    bands.sort_unstable();
    let mut compared: BTreeSet<(usize, usize)> = BTreeSet::new();
    for run in bands.chunk_by(|a, b| a.0 == b.0) {
        for (pos, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[pos + 1..] {
                let pair = (a.min(b), a.max(b));
                if pair.0 != pair.1 && compared.insert(pair) {
                    let text = |i: usize| shingles(&documents[i].document.text);
                    if jaccard(&text(pair.0), &text(pair.1)) >= threshold {
                        union(&mut parent, pair.0, pair.1);
                    }
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

    let roots: Vec<usize> = (0..documents.len()).map(|i| find(&mut parent, i)).collect();
    let mut n_members = vec![0usize; documents.len()];
    for &root in &roots {
        n_members[root] += 1;
    }
    roots
        .iter()
        .map(|&root| (n_members[root] >= 2).then(|| format!("g{}", documents[root].document.id)))
        .collect()
}

/// The syndication groups of documents that carry their group key (as ingest stored it),
/// given as `numbers`: each document's key numbered (one number per distinct key), which
/// groups as the keys do. `id_of` gives a document's id by input index. Returns, for every
/// document (by input index), the index of its group in the returned list, and the groups with
/// at least two members, in the order of their earliest member. A group is named `g` + the id
/// of its earliest member (input order), so adding later documents never renames it.
pub(crate) fn group_documents(
    numbers: &[Option<usize>],
    id_of: impl Fn(usize) -> DocumentId,
) -> (Vec<Option<usize>>, Vec<SyndicationGroup>) {
    let mut members_of_key: HashMap<usize, Vec<usize>> = HashMap::new();
    for (doc_idx, number) in numbers.iter().enumerate() {
        if let Some(number) = number {
            members_of_key.entry(*number).or_default().push(doc_idx);
        }
    }
    let mut member_lists: Vec<Vec<usize>> =
        members_of_key.into_values().filter(|members| members.len() >= 2).collect();
    // Members are pushed in input order, so the first is the earliest.
    member_lists.sort_unstable_by_key(|members| members[0]);
    let mut group_of = vec![None; numbers.len()];
    let mut groups = Vec::with_capacity(member_lists.len());
    for members in member_lists {
        for &member in &members {
            group_of[member] = Some(groups.len());
        }
        groups.push(SyndicationGroup {
            id: format!("g{}", id_of(members[0])),
            documents: members.iter().map(|&m| id_of(m)).collect(),
        });
    }
    (group_of, groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_deterministic() {
        let a = shingles("one two three four five six seven");
        assert_eq!(Signature::of(&a), Signature::of(&a.clone()));
    }
}
