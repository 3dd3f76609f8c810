//! End to end on the reference report (`../shared/seeds/000_aa2545dd01555be1.txt`): ingest with
//! a publication date, export, and check the record DESIGN.md "The seed, as a record" describes.
//! Assertions name ids, kinds and values, never the seed's sentences.

mod support;

use serde_json::Value;
use support::{corroborate_ok, export_json, shared_file, stderr};

const SEED: &str = "seeds/000_aa2545dd01555be1.txt";

fn seed_export() -> Option<(tempfile::TempDir, Value)> {
    let seed = shared_file(SEED)?;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seed.db");
    let seed = seed.to_string_lossy().into_owned();
    let first = corroborate_ok(&db, &["ingest", &seed, "--published", "2025-12-30"]);
    assert!(stderr(&first).contains("1 new"), "{}", stderr(&first));
    let record = export_json(&db);
    Some((dir, record))
}

fn array<'v>(value: &'v Value, key: &str) -> &'v Vec<Value> {
    value[key].as_array().unwrap_or_else(|| panic!("{key} is an array in {value}"))
}

#[test]
fn the_seed_is_one_incident_resting_on_at_least_ten_attributed_claims() {
    let Some((_dir, record)) = seed_export() else { return };
    let incidents = array(&record, "incidents");
    assert_eq!(incidents.len(), 1, "one incident: {incidents:#?}");
    let claims = array(&record, "claims");
    let attributed: Vec<&Value> = claims
        .iter()
        .filter(|c| c["form"] != "narration" && c["source"]["kind"] != "outlet")
        .collect();
    assert!(attributed.len() >= 10, "{} attributed claims", attributed.len());
    for claim in claims {
        // Every claim points at its sentence, and its content lies inside the text it cites.
        let sentence = &claim["sentence"];
        let (start, end) = (sentence["start"].as_u64(), sentence["end"].as_u64());
        assert!(matches!((start, end), (Some(s), Some(e)) if s < e), "{claim}");
        assert!(!sentence["text"].as_str().unwrap_or("").is_empty(), "{claim}");
        assert!(!claim["content"]["text"].as_str().unwrap_or("").is_empty(), "{claim}");
    }
    // The incident cites claims that exist.
    let ids: Vec<&str> = claims.iter().filter_map(|c| c["id"].as_str()).collect();
    for id in array(&incidents[0], "claims") {
        assert!(ids.contains(&id.as_str().unwrap_or("")), "unknown claim {id}");
    }
}

#[test]
fn ingesting_the_seed_again_changes_nothing() {
    let Some(seed) = shared_file(SEED) else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seed.db");
    let seed = seed.to_string_lossy().into_owned();
    corroborate_ok(&db, &["ingest", &seed, "--published", "2025-12-30"]);
    let before = export_json(&db);
    let again = corroborate_ok(&db, &["ingest", &seed, "--published", "2025-12-30"]);
    assert!(stderr(&again).contains("0 new, 0 updated, 1 unchanged"), "{}", stderr(&again));
    assert_eq!(before, export_json(&db));
}

#[test]
fn supplying_a_missing_date_later_counts_as_updated() {
    let Some(seed) = shared_file(SEED) else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seed.db");
    let seed = seed.to_string_lossy().into_owned();
    corroborate_ok(&db, &["ingest", &seed]);
    let undated = export_json(&db);
    assert_eq!(undated["documents"][0]["published"], Value::Null);
    let dated = corroborate_ok(&db, &["ingest", &seed, "--published", "2025-12-30"]);
    assert!(stderr(&dated).contains("0 new, 1 updated"), "{}", stderr(&dated));
    let record = export_json(&db);
    assert_eq!(record["documents"][0]["published"], "2025-12-30");
    assert_eq!(record["documents"][0]["published_from"], "cli");
}

fn facts<'v>(incident: &'v Value, attribute: &str) -> Vec<&'v Value> {
    array(incident, "facts").iter().filter(|f| f["attribute"] == attribute).collect()
}

#[test]
fn the_seed_incident_is_the_record_design_describes() {
    let Some((_dir, record)) = seed_export() else { return };
    let incident = &array(&record, "incidents")[0];
    assert_eq!(incident["type"], "air_or_drone_strike");
    assert_eq!(incident["grade"], "weak", "one outlet is never more than weak");
    assert_eq!(incident["time"]["earliest"], "2025-12-01");
    assert_eq!(incident["time"]["latest"], "2025-12-26");
    assert_eq!(incident["time"]["precision"], "month");
    assert_eq!(incident["place"]["country_code"], "VE");
    assert_eq!(incident["place"]["precision"], "country");
    assert_eq!(incident["place"]["setting"], "land");
    assert_eq!(incident["place"]["lat"], Value::Null, "country-level places have no point");
    assert_eq!(incident["casualties"]["civilians_killed"], serde_json::json!({"min": 0, "max": 0}));

    let supporter = facts(incident, "supporter");
    assert!(
        supporter.iter().any(|f| f["status"] == "disputed"
            && !array(f, "support").is_empty()
            && !array(f, "oppose").is_empty()),
        "the Special Operations role is disputed: {supporter:#?}"
    );
    assert_eq!(facts(incident, "no_response_from").len(), 2, "two sources did not respond");
    assert_eq!(facts(incident, "acknowledged_by").len(), 1);
    assert!(!facts(incident, "declined_by").is_empty());
    let flags: Vec<&str> =
        array(incident, "flags").iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(flags.contains(&"headline_overstates"), "{flags:?}");
    // Perpetrators: CIA from the headline, U.S. intelligence from the hedged body.
    let values = |attribute: &str| -> Vec<String> {
        facts(incident, attribute)
            .iter()
            .filter_map(|f| f["value"].as_str().map(str::to_string))
            .collect()
    };
    let perpetrators = values("perpetrator");
    assert!(perpetrators.contains(&"CIA".to_string()), "{perpetrators:?}");
    assert!(perpetrators.contains(&"U.S. intelligence".to_string()), "{perpetrators:?}");
    // The target is the dock; boats are what it served ("for launching boats").
    assert_eq!(values("target_object"), ["dock"]);
    assert_eq!(values("target_actor"), ["Tren de Aragua"]);
    // A dock is on land: the setting was inferred from the target type, and says so.
    assert_eq!(incident["place"]["setting_from"], "target_type");
    assert_eq!(
        incident["casualties"]["civilians_injured"],
        serde_json::json!({"min": 0, "max": 0})
    );
}

#[test]
fn the_campaign_the_legal_remark_and_the_rejection_are_only_context() {
    let Some((_dir, record)) = seed_export() else { return };
    let claims = array(&record, "claims");
    let sentence_of = |mention: &Value| -> String {
        claims
            .iter()
            .find(|c| c["id"] == mention["claim"])
            .and_then(|c| c["sentence"]["text"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let context = array(&record, "context");
    let kind_of = |words: &str| -> Vec<String> {
        context
            .iter()
            .filter(|m| sentence_of(m).contains(words))
            .filter_map(|m| m["specificity"].as_str().map(str::to_string))
            .collect()
    };
    // Key words of each sentence, not the sentence: the campaign is aggregate, the legal remark
    // generic, and the rejection is habitual (aggregate); none of them is specific.
    assert_eq!(kind_of("multiple maritime interdictions"), ["aggregate"]);
    assert_eq!(kind_of("Legal experts"), ["generic"]);
    assert_eq!(kind_of("repeatedly rejected"), ["aggregate"]);
    assert!(context.iter().all(|m| m["specificity"] != "specific"), "{context:#?}");
    // And none of them is a claim of the incident.
    let incident_claims = array(&array(&record, "incidents")[0], "claims");
    for mention in context {
        assert!(!incident_claims.contains(&mention["claim"]), "{}", sentence_of(mention));
    }
}

#[test]
fn without_a_publication_date_the_seed_time_stays_unresolved() {
    let Some(seed) = shared_file(SEED) else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seed.db");
    corroborate_ok(&db, &["ingest", &seed.to_string_lossy()]);
    let record = export_json(&db);
    let time = &array(&record, "incidents")[0]["time"];
    assert_eq!(time["earliest"], Value::Null);
    assert_eq!(time["latest"], Value::Null);
    let values: Vec<&str> =
        array(time, "expressions").iter().filter_map(|e| e["value"].as_str()).collect();
    assert!(values.contains(&"XXXX-12-26"), "{values:?}");
}

#[test]
fn incidents_and_show_read_as_an_analysts_summary_of_the_seed() {
    let Some((dir, record)) = seed_export() else { return };
    let db = dir.path().join("seed.db");
    let id = array(&record, "incidents")[0]["id"].as_str().unwrap_or_default().to_string();
    let table = corroborate_ok(&db, &["incidents"]);
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    for column in ["GRADE", "SOURCES", "KILLED", "DISPUTED"] {
        assert!(table.contains(column), "{column} in\n{table}");
    }
    assert!(table.contains("supporter=") && table.contains("denied by"), "{table}");

    let page = corroborate_ok(&db, &["show", &id]);
    let page = String::from_utf8_lossy(&page.stdout).into_owned();
    assert!(page.contains("grade weak"), "{page}");
    assert!(page.contains("why this grade:"), "{page}");
    assert!(page.contains("independent · 1 report"), "{page}");
    assert!(page.contains("civilians killed 0"), "{page}");
    assert!(page.contains("Flag    headline_overstates"), "{page}");
    let disputed = page.split("\nDisputed\n").nth(1).unwrap_or_default();
    assert!(disputed.starts_with("  supporter = ") && disputed.contains("denied by"), "{page}");
    // The legend explains every grade and status by name.
    let legend = page.split("\nHow to read this\n").nth(1).unwrap_or_default();
    for word in ["confirmed", "fair", "weak", "contested", "discounted", "single_source", "denied"]
    {
        assert!(legend.contains(word), "{word} in the legend:\n{legend}");
    }
}
