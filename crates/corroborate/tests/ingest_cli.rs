//! The batch contract of `corroborate ingest`: one line per failed input, failures recorded and
//! listed by `log`, the rest of the batch stored, and the exit status 0 / 1 / 2.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{corroborate, corroborate_ok, export_json, stderr};

const REPORT: &str = "---\ntitle: Patrol boat seizes cargo off Aruba\npublisher: Test Wire\npublished: 2025-05-02\n---\nPatrol boat seizes cargo off Aruba\n\nA coast guard cutter stopped a fishing boat on Thursday and seized its cargo, a spokesperson said.\n";

#[test]
fn a_bad_input_fails_alone_and_the_batch_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    let good = dir.path().join("good.md");
    std::fs::write(&good, REPORT).expect("write");
    let binary = dir.path().join("blob.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2]).expect("write");
    let missing = dir.path().join("missing.txt");

    let output = corroborate(
        &db,
        &["ingest", &good.to_string_lossy(), &binary.to_string_lossy(), &missing.to_string_lossy()],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("blob.txt"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("1 new") && err.contains("2 failed"), "{err}");

    let log = corroborate_ok(&db, &["log"]);
    let listed = String::from_utf8_lossy(&log.stdout).into_owned();
    assert!(listed.contains("blob.txt") && listed.contains("missing.txt"), "{listed}");
    assert_eq!(export_json(&db)["documents"].as_array().map(Vec::len), Some(1));
}

#[test]
fn nothing_readable_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    let output = corroborate(&db, &["ingest", &dir.path().join("nope.txt").to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn a_report_on_stdin_is_ingested() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["--db", &db.to_string_lossy(), "ingest", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(REPORT.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", stderr(&output));
    let record = export_json(&db);
    assert_eq!(record["documents"][0]["title"], "Patrol boat seizes cargo off Aruba");
    assert_eq!(record["documents"][0]["published"], "2025-05-02");
}

#[test]
fn a_database_path_that_does_not_exist_is_not_created_by_readers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("typo.db");
    let output = corroborate(&db, &["incidents"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no database"), "{}", stderr(&output));
    assert!(!db.exists());
}
