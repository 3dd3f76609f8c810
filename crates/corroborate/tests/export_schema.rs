//! The export schema is frozen (issue 7): later changes may add fields, never rename or drop
//! them. These snapshots pin the shape of the seed's export, not its values, so that better
//! analysis does not break them but a renamed field does:
//!
//! - the JSON record as the list of its field paths (`incidents[].flags[].code`), objects and
//!   arrays marked as such, plus `schema_version`;
//! - the CSV header (the ACLED-like columns, in order);
//! - the GeoJSON as its field paths, feature properties included.
//!
//! A deliberate addition updates the snapshot (`cargo insta review`) and bumps nothing; a rename
//! must not happen while `schema_version` stays 1.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use support::{corroborate_ok, shared_file};

const SEED: &str = "seeds/000_aa2545dd01555be1.txt";

/// The JSON type name of a value.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every field path of `value` (array elements as `[]`) with the set of JSON types seen there.
fn paths(value: &Value, at: String, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    out.entry(at.clone()).or_default().insert(kind(value));
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
                paths(child, path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                paths(item, format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

/// The field paths with the container types seen there (`object`, `array`); scalar fields are
/// listed by path alone, since the seed leaves some of them null that other reports fill.
fn schema(value: &Value) -> Vec<String> {
    let mut out = BTreeMap::new();
    paths(value, String::new(), &mut out);
    out.into_iter()
        .filter(|(path, _)| !path.is_empty())
        .map(|(path, kinds)| {
            let containers: Vec<&str> =
                kinds.into_iter().filter(|k| matches!(*k, "array" | "object")).collect();
            if containers.is_empty() {
                path
            } else {
                format!("{path}: {}", containers.join(" | "))
            }
        })
        .collect()
}

fn seed_db() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let seed = shared_file(SEED)?;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seed.db");
    corroborate_ok(&db, &["ingest", &seed.to_string_lossy(), "--published", "2025-12-30"]);
    Some((dir, db))
}

fn export(db: &std::path::Path, format: &str) -> String {
    let output = corroborate_ok(db, &["export", "--format", format]);
    String::from_utf8(output.stdout).expect("export writes UTF-8")
}

#[test]
fn the_export_schema_of_the_seed_is_frozen() {
    let Some((_dir, db)) = seed_db() else { return };
    let record: Value = serde_json::from_str(&export(&db, "json")).expect("JSON record");
    assert_eq!(record["schema_version"], 1, "schema_version changes only with a breaking change");
    // The parts issue 7 names must be there and hold something for the seed.
    let incident = &record["incidents"][0];
    for key in ["flags", "contradictions", "timeline", "facts"] {
        assert!(incident[key].is_array(), "incidents[].{key} is an array");
    }
    assert!(record["context"].as_array().is_some_and(|c| !c.is_empty()), "context list");
    assert!(incident["timeline"].as_array().is_some_and(|t| !t.is_empty()), "timeline");
    insta::assert_snapshot!("seed_json_schema", schema(&record).join("\n"));

    let csv = export(&db, "csv");
    let header = csv.lines().next().unwrap_or_default();
    insta::assert_snapshot!("csv_header", header.split(',').collect::<Vec<_>>().join("\n"));
    assert_eq!(csv.lines().count(), 2, "one row for the seed's one incident");

    let geojson: Value = serde_json::from_str(&export(&db, "geojson")).expect("GeoJSON");
    insta::assert_snapshot!("seed_geojson_schema", schema(&geojson).join("\n"));
}
