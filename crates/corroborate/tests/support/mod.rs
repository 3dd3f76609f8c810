//! Helpers shared by the CLI integration tests: run the built binary, find the repository and
//! the shared evaluation folder.
#![allow(dead_code, reason = "each test binary uses a different subset of the helpers")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub(crate) fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file under `../shared` (beside the repository). Returns `None` (and says so) when it is
/// missing, except under `CI=true`, where a missing shared folder fails the test instead of
/// silently skipping it.
pub(crate) fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = repo_root().join("../shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{} is missing; CI must run with ../shared beside the repository", path.display());
    }
    eprintln!("skipping: {} is missing", path.display());
    None
}

/// Runs `corroborate --db DB ARGS…` and returns its output.
pub(crate) fn corroborate(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CORROBORATE_DB")
        .env_remove("CORROBORATE_DATA")
        // Tests use the fixture gazetteer only, never an index built on this machine.
        .env_remove("CORROBORATE_GAZETTEER")
        .env_remove("CORROBORATE_TEST_PAUSE_AFTER_COMMITS")
        .output()
        .expect("the corroborate binary runs")
}

/// Runs the command and fails the test with its stderr when it does not exit 0.
pub(crate) fn corroborate_ok(db: &Path, args: &[&str]) -> Output {
    let output = corroborate(db, args);
    assert!(
        output.status.success(),
        "corroborate {args:?} failed ({:?}):\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Exports the database as the JSON record.
pub(crate) fn export_json(db: &Path) -> serde_json::Value {
    let output = corroborate_ok(db, &["export", "--format", "json"]);
    serde_json::from_slice(&output.stdout).expect("export writes JSON")
}

/// Stderr as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) mod http;
