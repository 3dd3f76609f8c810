//! A crash mid-ingest loses nothing already committed: kill `corroborate ingest` with SIGKILL
//! right after its k-th committed document, then check the database opens, passes
//! `PRAGMA integrity_check`, holds those k documents, and a second ingest completes.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use support::{corroborate_ok, repo_root, stderr};

/// The test-only pause point of `ingest` (see `commands.rs`).
const PAUSE_ENV: &str = "CORROBORATE_TEST_PAUSE_AFTER_COMMITS";

fn count_documents(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("the database opens after the kill");
    let integrity: String =
        conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("integrity_check");
    assert_eq!(integrity, "ok");
    conn.query_row("SELECT count(*) FROM documents", [], |row| row.get(0)).expect("count")
}

#[test]
fn sigkill_after_the_kth_commit_keeps_the_first_k_documents() {
    const K: usize = 5;
    let corpus = repo_root().join("corpus/demo");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("crash.db");

    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&corpus)
        .env(PAUSE_ENV, K.to_string())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    let stderr_pipe = child.stderr.take().expect("stderr is piped");
    let mut paused = false;
    for line in BufReader::new(stderr_pipe).lines() {
        let line = line.expect("read stderr");
        if line.contains(&format!("paused after {K} committed documents")) {
            paused = true;
            break;
        }
    }
    assert!(paused, "ingest never reached the pause point");
    // `Child::kill` sends SIGKILL on Unix: no destructor, no rollback, no flush runs.
    child.kill().expect("kill");
    let _ = child.wait();

    assert_eq!(count_documents(&db), K as i64);

    let output = corroborate_ok(&db, &["ingest", &corpus.to_string_lossy()]);
    assert!(stderr(&output).contains(&format!("{K} unchanged")), "{}", stderr(&output));
    let n_reports = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(Result::ok)
        .filter(|e| matches!(e.path().extension().and_then(|x| x.to_str()), Some("md" | "txt")))
        .filter(|e| e.file_name().to_string_lossy().to_lowercase() != "readme.md")
        .count();
    assert_eq!(count_documents(&db), n_reports as i64);
}
