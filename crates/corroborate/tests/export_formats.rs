//! `export` writes the JSON record, ACLED-like CSV and GeoJSON for the same incidents.

mod support;

use support::{corroborate_ok, export_json, repo_root};

#[test]
fn json_csv_and_geojson_describe_the_same_incidents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e.db");
    let corpus = repo_root().join("corpus/demo");
    corroborate_ok(&db, &["ingest", &corpus.to_string_lossy()]);

    let record = export_json(&db);
    assert_eq!(record["schema_version"], 1);
    let n_incidents = record["incidents"].as_array().map_or(0, Vec::len);
    assert!(n_incidents > 0);

    let csv = corroborate_ok(&db, &["export", "--format", "csv"]);
    let csv = String::from_utf8_lossy(&csv.stdout).into_owned();
    let header = csv.lines().next().unwrap_or("");
    for column in [
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "country",
        "latitude",
        "geo_precision",
        "fatalities",
    ] {
        assert!(header.split(',').any(|c| c == column), "CSV lacks {column}: {header}");
    }
    assert_eq!(csv.lines().count(), n_incidents + 1, "one row per incident");

    let out = dir.path().join("incidents.geojson");
    corroborate_ok(&db, &["export", "--format", "geojson", "--out", &out.to_string_lossy()]);
    let geojson: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("geojson file")).expect("JSON");
    assert_eq!(geojson["type"], "FeatureCollection");
    let n_features = geojson["features"].as_array().map_or(0, Vec::len);
    let n_skipped = geojson["skipped"].as_u64().unwrap_or(0) as usize;
    assert_eq!(n_features + n_skipped, n_incidents);
}
