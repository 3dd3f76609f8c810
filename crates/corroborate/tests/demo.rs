//! The demo corpus doubles as a test set: ingest `corpus/demo`, export the record and compare
//! it with `corpus/demo/expected.toml`, field by field.
//!
//! Mismatches the pipeline cannot fix yet are listed, each with a reason, in
//! `corpus/demo/known-failures.toml`. The test fails on any mismatch not listed there, and on
//! any listed one that now passes (so the list only shrinks).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use corroborate_model::DocumentId;
use serde_json::Value;
use support::{corroborate_ok, export_json, repo_root};

/// One field of one expected item that the export gets wrong.
type Mismatches = BTreeMap<(String, String), String>;

fn doc_id(corpus: &Path, file: &str) -> String {
    let raw = std::fs::read(corpus.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    DocumentId::from_raw(&raw).0.to_string()
}

fn str_list(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn fact_values(incident: &Value, attribute: &str) -> BTreeSet<String> {
    incident["facts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["attribute"] == attribute)
        .filter_map(|f| f["value"].as_str().map(str::to_string))
        .collect()
}

fn compare_incident(expected: &toml::Value, incident: &Value, key: &str, out: &mut Mismatches) {
    let mut check = |field: &str, want: Value, got: &Value| {
        if &want != got {
            out.insert((key.to_string(), field.to_string()), format!("want {want}, got {got}"));
        }
    };
    let as_json = |v: &toml::Value| serde_json::to_value(v).unwrap_or(Value::Null);
    for (field, path) in [
        ("type", &["type"][..]),
        ("country_code", &["place", "country_code"]),
        ("place_precision", &["place", "precision"]),
        ("place_name", &["place", "name"]),
        ("setting", &["place", "setting"]),
        ("time_earliest", &["time", "earliest"]),
        ("time_latest", &["time", "latest"]),
        ("time_precision", &["time", "precision"]),
        ("grade", &["grade"]),
    ] {
        if let Some(want) = expected.get(field) {
            let got = path.iter().fold(incident, |v, k| &v[*k]);
            check(field, as_json(want), got);
        }
    }
    for field in ["killed", "injured", "civilians_killed"] {
        if let Some(want) = expected.get(field).and_then(|v| v.as_array()) {
            let got = &incident["casualties"][field];
            let want = serde_json::json!({
                "min": want.first().and_then(|v| v.as_integer()),
                "max": want.get(1).and_then(|v| v.as_integer()),
            });
            check(field, want, got);
        }
    }
    for (field, attribute) in [
        ("perpetrator", "perpetrator"),
        ("acknowledged_by", "acknowledged_by"),
        ("declined_by", "declined_by"),
        ("no_response_from", "no_response_from"),
    ] {
        let want: BTreeSet<String> = str_list(expected.get(field)).into_iter().collect();
        if want.is_empty() {
            continue;
        }
        let got = fact_values(incident, attribute);
        let missing: Vec<&String> = want.difference(&got).collect();
        if !missing.is_empty() {
            out.insert(
                (key.to_string(), field.to_string()),
                format!("missing {missing:?} in {got:?}"),
            );
        }
    }
    let disputed: BTreeSet<String> = incident["facts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["status"] == "disputed")
        .filter_map(|f| f["attribute"].as_str().map(str::to_string))
        .collect();
    let want: BTreeSet<String> = str_list(expected.get("disputed")).into_iter().collect();
    if want != disputed {
        out.insert(
            (key.to_string(), "disputed".to_string()),
            format!("want {want:?}, got {disputed:?}"),
        );
    }
}

fn compare(corpus: &Path, expected: &toml::Value, record: &Value) -> Mismatches {
    let mut out = Mismatches::new();
    let incidents = record["incidents"].as_array().cloned().unwrap_or_default();
    let mut matched = BTreeSet::new();
    for item in expected.get("incident").and_then(|v| v.as_array()).into_iter().flatten() {
        let key = item.get("key").and_then(|v| v.as_str()).unwrap_or("?").to_string();
        let want: BTreeSet<String> =
            str_list(item.get("documents")).iter().map(|f| doc_id(corpus, f)).collect();
        // The incident holding most of the expected reports is the one to compare.
        let best = incidents.iter().enumerate().max_by_key(|(_, inc)| {
            inc["documents"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d.as_str())
                .filter(|d| want.contains(*d))
                .count()
        });
        let Some((idx, incident)) = best else {
            out.insert((key.clone(), "incident".into()), "no incident at all".into());
            continue;
        };
        matched.insert(idx);
        let got: BTreeSet<String> = incident["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d.as_str().map(str::to_string))
            .collect();
        if got != want {
            out.insert(
                (key.clone(), "documents".into()),
                format!(
                    "{} expected reports, {} in the incident, {} shared",
                    want.len(),
                    got.len(),
                    want.intersection(&got).count()
                ),
            );
        }
        compare_incident(item, incident, &key, &mut out);
    }
    let n_expected = expected.get("incident").and_then(|v| v.as_array()).map_or(0, Vec::len);
    if incidents.len() != n_expected {
        out.insert(
            ("corpus".into(), "incident_count".into()),
            format!("want {n_expected}, got {}", incidents.len()),
        );
    }
    let groups: Vec<BTreeSet<String>> = record["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| {
            d["syndication_group"]
                .as_str()
                .map(|g| (g.to_string(), d["id"].as_str().unwrap_or("").to_string()))
        })
        .fold(BTreeMap::<String, BTreeSet<String>>::new(), |mut acc, (g, d)| {
            acc.entry(g).or_default().insert(d);
            acc
        })
        .into_values()
        .collect();
    for (idx, group) in expected
        .get("syndication_group")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .enumerate()
    {
        let want: BTreeSet<String> =
            str_list(group.get("documents")).iter().map(|f| doc_id(corpus, f)).collect();
        if !groups.iter().any(|g| g == &want) {
            out.insert(
                (format!("syndication_group_{idx}"), "documents".into()),
                format!("no group equals {want:?}"),
            );
        }
    }
    let documents: BTreeMap<String, &Value> = record["documents"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["id"].as_str().map(|id| (id.to_string(), d)))
        .collect();
    for item in expected.get("undated").and_then(|v| v.as_array()).into_iter().flatten() {
        let file = item.get("document").and_then(|v| v.as_str()).unwrap_or("");
        let published = documents.get(&doc_id(corpus, file)).map(|d| d["published"].clone());
        if published != Some(Value::Null) {
            out.insert((file.to_string(), "undated".into()), format!("published is {published:?}"));
        }
    }
    let claims: BTreeMap<String, &Value> = record["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str().map(|id| (id.to_string(), c)))
        .collect();
    for item in expected.get("context").and_then(|v| v.as_array()).into_iter().flatten() {
        let file = item.get("document").and_then(|v| v.as_str()).unwrap_or("");
        let text = item.get("text").and_then(|v| v.as_str()).unwrap_or("");
        let id = doc_id(corpus, file);
        let found = record["context"].as_array().into_iter().flatten().any(|m| {
            m["document"] == id.as_str()
                && m["claim"].as_str().and_then(|c| claims.get(c)).is_some_and(|c| {
                    c["sentence"]["text"].as_str().is_some_and(|s| s.contains(text))
                })
        });
        if !found {
            out.insert(
                (file.to_string(), format!("context:{text}")),
                "not a context mention".into(),
            );
        }
    }
    out
}

/// What the record says of each incident, keyed by the expected.toml incident whose reports it
/// holds most of: type, time, place, actors, target and casualties, and each actor fact's status.
/// Ids are left out (they are content hashes, checked elsewhere).
fn incident_summaries(corpus: &Path, expected: &toml::Value, record: &Value) -> Value {
    let keys: Vec<(String, BTreeSet<String>)> = expected
        .get("incident")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .map(|item| {
            let key = item.get("key").and_then(|v| v.as_str()).unwrap_or("?").to_string();
            let docs = str_list(item.get("documents")).iter().map(|f| doc_id(corpus, f)).collect();
            (key, docs)
        })
        .collect();
    let mut out = BTreeMap::new();
    for (n, incident) in record["incidents"].as_array().into_iter().flatten().enumerate() {
        let docs: BTreeSet<String> = incident["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d.as_str().map(str::to_string))
            .collect();
        let key = keys
            .iter()
            .map(|(key, want)| (want.intersection(&docs).count(), key))
            .filter(|(shared, _)| *shared > 0)
            .max()
            .map_or_else(|| format!("unmatched-{n}"), |(_, key)| key.clone());
        let facts = |attribute: &str| -> Value {
            let mut values: Vec<String> = incident["facts"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|f| f["attribute"] == attribute)
                .map(|f| {
                    format!(
                        "{} ({})",
                        f["value"].as_str().unwrap_or("?"),
                        f["status"].as_str().unwrap_or("?")
                    )
                })
                .collect();
            values.sort();
            Value::from(values)
        };
        let place = &incident["place"];
        let time = &incident["time"];
        let summary = serde_json::json!({
            "reports": docs.len(),
            "type": incident["type"],
            "grade": incident["grade"],
            "time": {
                "earliest": time["earliest"],
                "latest": time["latest"],
                "precision": time["precision"],
            },
            "place": {
                "name": place["name"],
                "country_code": place["country_code"],
                "admin1": place["admin1"],
                "precision": place["precision"],
                "setting": place["setting"],
            },
            "perpetrator": facts("perpetrator"),
            "supporter": facts("supporter"),
            "target_actor": facts("target_actor"),
            "target_object": facts("target_object"),
            "acknowledged_by": facts("acknowledged_by"),
            "declined_by": facts("declined_by"),
            "no_response_from": facts("no_response_from"),
            "casualties": incident["casualties"],
        });
        out.insert(key, summary);
    }
    serde_json::to_value(out).unwrap_or(Value::Null)
}

#[test]
fn the_demo_corpus_comes_out_as_expected_toml_says() {
    let corpus = repo_root().join("corpus/demo");
    let expected: toml::Value = toml::from_str(
        &std::fs::read_to_string(corpus.join("expected.toml")).expect("corpus/demo/expected.toml"),
    )
    .expect("expected.toml is TOML");
    let known: toml::Value = toml::from_str(
        &std::fs::read_to_string(corpus.join("known-failures.toml")).unwrap_or_default(),
    )
    .expect("known-failures.toml is TOML");
    let known: BTreeSet<(String, String)> = known
        .get("failure")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .map(|f| {
            let get = |k: &str| f.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            (get("key"), get("field"))
        })
        .collect();

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    corroborate_ok(&db, &["demo", "--corpus", &corpus.to_string_lossy()]);
    let record = export_json(&db);
    let mismatches = compare(&corpus, &expected, &record);

    let unexpected: Vec<String> = mismatches
        .iter()
        .filter(|(k, _)| !known.contains(*k))
        .map(|((key, field), why)| format!("{key}.{field}: {why}"))
        .collect();
    let fixed: Vec<String> = known
        .iter()
        .filter(|k| !mismatches.contains_key(*k))
        .map(|(key, field)| format!("{key}.{field}"))
        .collect();
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "new mismatches:\n  {}\nlisted in known-failures.toml but passing now (remove them):\n  {}",
        unexpected.join("\n  "),
        fixed.join("\n  ")
    );
    // Each incident's time, place, actors, target and casualties as a snapshot, so that any
    // change to a value shows in review (`cargo insta review`), including values expected.toml
    // does not list.
    insta::assert_json_snapshot!("demo_incidents", incident_summaries(&corpus, &expected, &record));
}
