//! Incident identity across runs: reports ingested one at a time attach to the incidents that
//! earlier reports founded, and end with the ids a single batch gives.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::{corroborate_ok, export_json, repo_root};

fn reports() -> Vec<String> {
    let names = [
        "airstrike-somalia-01-horn-observer.md",
        "boat-caribbean-01-harbor-wire.md",
        "airstrike-somalia-02-harbor-wire.md",
        "boat-caribbean-02-gulf-coast-tribune.md",
        "airstrike-somalia-03-capital-review.md",
        "boat-caribbean-03-lantern-times.md",
    ];
    names
        .iter()
        .map(|n| repo_root().join("corpus/demo").join(n).to_string_lossy().into_owned())
        .collect()
}

fn incident_ids(db: &Path) -> BTreeSet<String> {
    export_json(db)["incidents"]
        .as_array()
        .map(|incidents| {
            incidents.iter().filter_map(|i| i["id"].as_str().map(str::to_string)).collect()
        })
        .unwrap_or_default()
}

#[test]
fn later_reports_attach_to_existing_incidents_and_ids_match_a_single_batch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one_by_one = dir.path().join("one.db");
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for report in reports() {
        corroborate_ok(&one_by_one, &["ingest", report.as_str()]);
        let ids = incident_ids(&one_by_one);
        assert!(seen.is_subset(&ids), "an incident id changed: {seen:?} then {ids:?}");
        seen = ids;
    }
    assert_eq!(seen.len(), 2, "two incidents, each reported three times: {seen:?}");

    let batch = dir.path().join("batch.db");
    let mut args = vec!["ingest".to_string()];
    args.extend(reports());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    corroborate_ok(&batch, &args);
    assert_eq!(incident_ids(&batch), seen);

    // Resolving again changes nothing and records no merge or split.
    let again = corroborate_ok(&batch, &["resolve"]);
    let text = String::from_utf8_lossy(&again.stderr);
    assert!(text.contains("0 new, 0 updated, 2 unchanged, 0 removed"), "{text}");
    assert!(!text.contains(" merged:") && !text.contains(" split:"), "{text}");
}

#[test]
fn counting_rules_from_data_reach_resolve_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("d.db");
    // A single outlet whose claims no party to the incident acknowledges, so "weak" by
    // default (an acknowledgement would make it "confirmed" whatever the counting rules).
    let report = repo_root().join("corpus/demo/airstrike-somalia-04-atlas-bulletin.md");
    corroborate_ok(&db, &["ingest", &report.to_string_lossy()]);
    let grade = |db: &Path| export_json(db)["incidents"][0]["grade"].as_str().map(str::to_string);
    assert_eq!(grade(&db).as_deref(), Some("weak"));

    // One outlet is enough for "fair" under these rules.
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("resolve")).expect("data dir");
    let rules = data.join("resolve/counting.toml");
    std::fs::write(&rules, "[settings]\ncorroboration_sources = 1\n").expect("rules");
    let data_arg = data.to_string_lossy().into_owned();
    corroborate_ok(&db, &["--data", data_arg.as_str(), "resolve"]);
    assert_eq!(grade(&db).as_deref(), Some("fair"));

    std::fs::write(&rules, "[settings]\nsame_area_km = -3.0\n").expect("rules");
    let refused = support::corroborate(&db, &["--data", data_arg.as_str(), "resolve"]);
    assert!(!refused.status.success());
    let text = String::from_utf8_lossy(&refused.stderr);
    assert!(text.contains("same_area_km") && text.contains("counting.toml"), "{text}");
}
