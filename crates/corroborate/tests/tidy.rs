//! Repository hygiene as a test: every Rust file opens with a `//!` comment, no test hides a
//! panic behind a should-panic attribute, and ARCHITECTURE.md names every crate.

mod support;

use std::path::{Path, PathBuf};

use support::repo_root;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_module_comment() {
    let mut files = Vec::new();
    rust_files(&repo_root().join("crates"), &mut files);
    assert!(!files.is_empty());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a leading //! comment:\n{}", missing.join("\n"));
}

#[test]
fn no_test_uses_should_panic() {
    let mut files = Vec::new();
    rust_files(&repo_root().join("crates"), &mut files);
    let marker = ["#[should", "_panic"].concat();
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap_or_default().contains(&marker))
        .map(|f| f.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "assert on the error instead:\n{}", offenders.join("\n"));
}

#[test]
fn architecture_names_every_crate() {
    let architecture =
        std::fs::read_to_string(repo_root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let crates = std::fs::read_dir(repo_root().join("crates")).expect("crates/");
    for entry in crates.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            architecture.contains(&format!("crates/{name}")),
            "ARCHITECTURE.md does not mention crates/{name}"
        );
    }
}
