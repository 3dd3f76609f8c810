//! The syndicated copies of the demo corpus land in one syndication group at ingest, whether
//! they arrive in one batch or one at a time in any order, and reports of the same incident that
//! are not copies stay out of it.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use corroborate_model::DocumentId;
use support::{corroborate_ok, export_json, repo_root};

/// The two wire stories and their copies, as `corpus/demo/expected.toml` lists them, and
/// reports of the same incidents written independently.
const COPIES: [[&str; 3]; 2] = [
    [
        "boat-caribbean-01-harbor-wire.md",
        "boat-caribbean-02-gulf-coast-tribune.md",
        "boat-caribbean-03-lantern-times.md",
    ],
    [
        "interdiction-caribbean-01-continental-press.md",
        "interdiction-caribbean-02-coastline-journal.md",
        "interdiction-caribbean-03-northstar-news.md",
    ],
];
const NOT_COPIES: [&str; 2] =
    ["boat-caribbean-04-caribe-daily.md", "interdiction-caribbean-04-caribe-daily.md"];

/// Demo file name → its syndication group, from the exported record (a document's id is the
/// hash of its file's bytes).
fn groups(db: &Path) -> BTreeMap<String, Option<String>> {
    let corpus = repo_root().join("corpus/demo");
    let by_id: BTreeMap<String, Option<String>> = export_json(db)["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let id = d["id"].as_str()?.to_string();
            Some((id, d["syndication_group"].as_str().map(str::to_string)))
        })
        .collect();
    COPIES
        .iter()
        .flatten()
        .chain(&NOT_COPIES)
        .filter_map(|file| {
            let raw = std::fs::read(corpus.join(file)).ok()?;
            let group = by_id.get(DocumentId::from_raw(&raw).as_str())?.clone();
            Some((file.to_string(), group))
        })
        .collect()
}

fn check(groups: &BTreeMap<String, Option<String>>) {
    let mut seen = BTreeSet::new();
    for copies in COPIES {
        let ids: BTreeSet<_> = copies.iter().map(|f| groups.get(*f).cloned().flatten()).collect();
        assert_eq!(ids.len(), 1, "{copies:?} are in groups {ids:?}");
        let id = ids.into_iter().next().flatten();
        assert!(id.is_some(), "{copies:?} have no group");
        assert!(seen.insert(id.clone()), "both stories share the group {id:?}");
        for other in NOT_COPIES {
            assert_ne!(groups.get(other).cloned().flatten(), id, "{other} is not a copy");
        }
    }
}

#[test]
fn syndicated_copies_share_one_group_in_one_batch() {
    let corpus = repo_root().join("corpus/demo");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    let mut args = vec!["ingest".to_string()];
    args.extend(
        COPIES.iter().flatten().chain(&NOT_COPIES).map(|f| corpus.join(f).display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    corroborate_ok(&db, &args);
    let groups = groups(&db);
    assert_eq!(groups.len(), 8, "{groups:?}");
    check(&groups);
}

#[test]
fn syndicated_copies_share_one_group_when_they_arrive_one_at_a_time_in_reverse() {
    let corpus = repo_root().join("corpus/demo");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    for file in COPIES.iter().flatten().chain(&NOT_COPIES).rev() {
        corroborate_ok(&db, &["ingest", &corpus.join(file).display().to_string()]);
    }
    check(&groups(&db));
}
