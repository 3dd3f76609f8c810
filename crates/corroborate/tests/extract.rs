//! `extract` runs the stateless stages alone and writes JSONL; `resolve --from` stores it and
//! gives the same incidents as a direct ingest.

mod support;

use support::{corroborate_ok, export_json, repo_root};

#[test]
fn extract_then_resolve_equals_ingest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = repo_root().join("corpus/demo").to_string_lossy().into_owned();
    let jsonl = dir.path().join("docs.jsonl");
    let unused_db = dir.path().join("unused.db");
    corroborate_ok(&unused_db, &["extract", &corpus, "--out", &jsonl.to_string_lossy()]);
    assert!(!unused_db.exists(), "extract must not touch the database");
    let text = std::fs::read_to_string(&jsonl).expect("jsonl");
    assert!(text.lines().count() >= 30);
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(record["document"]["id"].is_string() && record["analysis"]["claims"].is_array());
    }

    let via_extract = dir.path().join("a.db");
    corroborate_ok(&via_extract, &["resolve", "--from", &jsonl.to_string_lossy()]);
    let direct = dir.path().join("b.db");
    corroborate_ok(&direct, &["ingest", &corpus]);
    assert_eq!(export_json(&via_extract)["incidents"], export_json(&direct)["incidents"]);
}
