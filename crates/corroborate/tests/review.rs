//! Analyst reviews are never lost: they survive re-ingest and reanalysis, and `review` accepts
//! an incident id prefix.

mod support;

use support::{corroborate, corroborate_ok, export_json, repo_root, stderr};

fn demo_report(name: &str) -> String {
    repo_root().join("corpus/demo").join(name).to_string_lossy().into_owned()
}

#[test]
fn a_review_survives_reingest_and_reanalysis() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    let report = demo_report("strike-zulia-01-meridian-post.md");
    corroborate_ok(&db, &["ingest", &report]);
    let record = export_json(&db);
    let incident = record["incidents"][0]["id"].as_str().expect("an incident").to_string();
    let claim = record["claims"][0]["id"].as_str().expect("a claim").to_string();

    corroborate_ok(
        &db,
        &[
            "review",
            &incident[..6],
            "note",
            "--reviewer",
            "ana",
            "--note",
            "check the airstrip name",
        ],
    );
    corroborate_ok(
        &db,
        &["review", &claim, "accept", "--reviewer", "ana", "--note", "matches the video"],
    );

    corroborate_ok(&db, &["ingest", &report]);
    let reanalysed = corroborate_ok(&db, &["reanalyze", "--all"]);
    assert!(stderr(&reanalysed).contains("1 reanalysed"), "{}", stderr(&reanalysed));

    let listed = corroborate_ok(&db, &["review", &incident]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("note") && text.contains("check the airstrip name"), "{text}");
    let listed = corroborate_ok(&db, &["review", &claim]);
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("accept") && text.contains("ana"), "{text}");

    let shown = corroborate_ok(&db, &["show", &incident]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("check the airstrip name"));
}

#[test]
fn an_unknown_review_action_lists_the_allowed_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("r.db");
    corroborate_ok(&db, &["ingest", &demo_report("strike-zulia-01-meridian-post.md")]);
    let output = corroborate(&db, &["review", "i0", "approve"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("accept, reject"), "{}", stderr(&output));
}
