//! The ACLED-like CSV: one row per incident, in ACLED's column names and order where ACLED has
//! a column, so that analysts can load it beside ACLED data.

use corroborate_model::{ExportRecord, Fact, FactAttribute, FactStatus, Incident, TimePrecision};

use crate::acled::{self, AcledTable};
use crate::ExportError;

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 20] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "setting",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "grade",
];

/// ACLED's time_precision: 1 a day, 2 within a week, 3 a month or longer; empty when unknown.
fn time_precision(precision: TimePrecision) -> &'static str {
    match precision {
        TimePrecision::Day => "1",
        TimePrecision::Days | TimePrecision::Week => "2",
        TimePrecision::Month | TimePrecision::Months | TimePrecision::Year => "3",
        _ => "",
    }
}

/// Values of an attribute that are supported and not in dispute, strongest first.
fn standing_values(incident: &Incident, attribute: FactAttribute) -> Vec<&Fact> {
    let mut facts: Vec<&Fact> = incident
        .facts
        .iter()
        .filter(|f| f.attribute == attribute && !f.support.is_empty())
        .filter(|f| !matches!(f.status, FactStatus::Disputed | FactStatus::Denied))
        .collect();
    // Stable sort: among equals the first-seen value stays first.
    facts.sort_by_key(|f| std::cmp::Reverse(f.independent_sources));
    facts
}

fn joined(facts: &[&Fact]) -> String {
    facts.iter().map(|f| f.value.as_str()).collect::<Vec<_>>().join("; ")
}

/// ACLED's conservative single figure: the lowest killed minimum reported; 0 when a figure was
/// reported without a minimum; empty when no figure was reported at all.
fn fatalities(incident: &Incident) -> String {
    let killed = incident.casualties.killed;
    match (killed.min, killed.max) {
        (Some(min), _) => min.to_string(),
        (None, Some(_)) => "0".into(),
        (None, None) => String::new(),
    }
}

/// One sentence for a person: what, where, when, the grade and what is disputed.
fn notes(incident: &Incident) -> String {
    let what = incident.event_type.map(|t| t.as_str().replace('_', " "));
    let mut sentence = what.unwrap_or_else(|| "event of unknown type".into());
    if let Some(place) = &incident.place.name {
        sentence.push_str(&format!(" in {place}"));
    }
    match (incident.time.earliest, incident.time.latest) {
        (Some(e), Some(l)) if e == l => sentence.push_str(&format!(" on {e}")),
        (Some(e), Some(l)) => sentence.push_str(&format!(" between {e} and {l}")),
        (Some(e), None) => sentence.push_str(&format!(" on or after {e}")),
        (None, Some(l)) => sentence.push_str(&format!(" on or before {l}")),
        (None, None) => {}
    }
    sentence.push_str(&format!(", graded {}", incident.grade));
    let disputed: Vec<String> = incident
        .facts
        .iter()
        .filter(|f| f.status == FactStatus::Disputed)
        .map(|f| format!("{} \"{}\"", f.attribute, f.value))
        .collect();
    if !disputed.is_empty() {
        sentence.push_str(&format!("; disputed: {}", disputed.join(", ")));
    }
    sentence.push('.');
    sentence
}

fn row(incident: &Incident, record: &ExportRecord, table: &AcledTable) -> Vec<String> {
    let mapping = incident.event_type.and_then(|t| table.event_type(t));
    let place = &incident.place;
    let point = table.point(place);
    let country = place
        .country_code
        .as_deref()
        .map(|code| table.country_name(code).unwrap_or(code).to_string())
        .unwrap_or_default();
    let mut publishers: Vec<&str> = Vec::new();
    for document_id in &incident.documents {
        let publisher = record
            .documents
            .iter()
            .find(|d| &d.id == document_id)
            .and_then(|d| d.publisher.as_deref());
        if let Some(publisher) = publisher {
            if !publishers.contains(&publisher) {
                publishers.push(publisher);
            }
        }
    }
    let perpetrators = standing_values(incident, FactAttribute::Perpetrator);
    vec![
        incident.id.to_string(),
        incident.time.earliest.or(incident.time.latest).map(|d| d.to_string()).unwrap_or_default(),
        time_precision(incident.time.precision).to_string(),
        mapping.map(|m| m.acled_event_type.clone()).unwrap_or_default(),
        mapping.map(|m| m.acled_sub_event_type.clone()).unwrap_or_default(),
        perpetrators.first().map(|f| f.value.clone()).unwrap_or_default(),
        joined(&standing_values(incident, FactAttribute::Supporter)),
        joined(&standing_values(incident, FactAttribute::TargetActor)),
        country,
        place.admin1.clone().unwrap_or_default(),
        place.name.clone().unwrap_or_default(),
        point.map(|(lat, _, _)| lat.to_string()).unwrap_or_default(),
        point.map(|(_, lon, _)| lon.to_string()).unwrap_or_default(),
        point.map(|(_, _, p)| p.to_string()).unwrap_or_default(),
        place.setting.to_string(),
        publishers.join("; "),
        // ACLED's scale (national, regional, international) is not something we know; unknown
        // values stay empty rather than guessed.
        String::new(),
        notes(incident),
        fatalities(incident),
        incident.grade.to_string(),
    ]
}

/// Writes one CSV row per incident under the [`CSV_COLUMNS`] header.
pub fn write_csv(record: &ExportRecord, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    let table = acled::table()?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    for incident in &record.incidents {
        writer.write_record(row(incident, record, table))?;
    }
    writer.flush()?;
    Ok(())
}
