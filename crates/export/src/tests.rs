//! Tests of the export: a JSON snapshot of a small record, the CSV header and row, the GeoJSON
//! shape and the centroid rule.

use chrono::NaiveDate;
use corroborate_model::{
    ActorMention, ActorRole, Analysis, AnalyzedDocument, Claim, ClaimForm, ClaimId, Cue,
    DateProvenance, Document, DocumentId, EventMention, EventType, ExportRecord, MentionId,
    Paragraph, ParagraphKind, Place, PlacePrecision, Sentence, Setting, Source, SourceKind, Span,
    Specificity, Stance, TimeInterval, TimePrecision,
};
use corroborate_resolve::{resolve_analyzed, ResolveSettings};

use crate::{build_record, write_csv, write_geojson, write_json, CSV_COLUMNS};

const TEXT: &str = "Drone strike hits dock in Venezuela\n\nA drone struck a dock in Venezuela on Dec 3, two sources said. They said special forces helped. Col. Jane Roe denied that special forces took part.";

fn span_of(needle: &str) -> Span {
    let start = TEXT.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    Span::new(start, start + needle.len())
}

fn claim(
    id_doc: &DocumentId,
    sentence: usize,
    content: &str,
    source: Source,
    cue: Option<&str>,
    stance: Stance,
) -> Claim {
    let content = vec![span_of(content)];
    let cue = cue.map(|c| Cue { text: c.into(), spans: vec![span_of(c)] });
    Claim {
        id: ClaimId::derive(id_doc, sentence, &content, cue.as_ref().map(|c| c.spans[0].start)),
        document: id_doc.clone(),
        sentence,
        in_headline: sentence == 0,
        source,
        co_sources: Vec::new(),
        form: if cue.is_some() { ClaimForm::Indirect } else { ClaimForm::Narration },
        cue,
        stance,
        construction: "test".into(),
        rule_id: "test/claim".into(),
        content,
        embedded_in: None,
    }
}

fn mention(claim: &Claim, edit: impl FnOnce(&mut EventMention)) -> EventMention {
    let mut mention = EventMention {
        id: MentionId::for_claim(&claim.id),
        document: claim.document.clone(),
        claim: claim.id.clone(),
        sentence: claim.sentence,
        event_type: Some(EventType::AirOrDroneStrike),
        trigger: None,
        specificity: Specificity::Specific,
        negated: false,
        time: TimeInterval {
            earliest: NaiveDate::from_ymd_opt(2025, 12, 3),
            latest: NaiveDate::from_ymd_opt(2025, 12, 3),
            precision: TimePrecision::Day,
            expressions: Vec::new(),
        },
        place: Some(Place {
            name: Some("Venezuela".into()),
            country_code: Some("VE".into()),
            precision: PlacePrecision::Country,
            setting: Setting::Land,
            ..Place::default()
        }),
        actors: Vec::new(),
        target_object: None,
        casualties: Vec::new(),
    };
    edit(&mut mention);
    mention
}

fn special_forces(role_span: &str) -> ActorMention {
    ActorMention {
        name: "special forces".into(),
        actor_id: None,
        role: ActorRole::Supporter,
        span: span_of(role_span),
    }
}

/// One report: a headline, two sources saying special forces helped, a colonel denying it.
fn report() -> AnalyzedDocument {
    let id = DocumentId::from_raw(TEXT.as_bytes());
    let outlet = Source { kind: SourceKind::Outlet, ..Source::default() };
    let sources = Source {
        kind: SourceKind::Anonymous,
        surface: "two sources".into(),
        span: Some(span_of("two sources")),
        count: Some(2),
        ..Source::default()
    };
    let colonel = Source {
        kind: SourceKind::NamedPerson,
        name: Some("Jane Roe".into()),
        surface: "Col. Jane Roe".into(),
        span: Some(span_of("Col. Jane Roe")),
        title: Some("Col.".into()),
        ..Source::default()
    };
    let headline =
        claim(&id, 0, "Drone strike hits dock in Venezuela", outlet, None, Stance::Asserts);
    let strike = claim(
        &id,
        1,
        "A drone struck a dock in Venezuela on Dec 3",
        sources.clone(),
        Some("said"),
        Stance::Asserts,
    );
    let helped =
        claim(&id, 2, "special forces helped", sources, Some("They said"), Stance::Asserts);
    let denial =
        claim(&id, 3, "that special forces took part", colonel, Some("denied"), Stance::Denies);
    let mentions = vec![
        mention(&headline, |_| {}),
        mention(&strike, |_| {}),
        mention(&helped, |m| m.actors = vec![special_forces("special forces helped")]),
        mention(&denial, |m| {
            m.negated = true;
            m.actors = vec![special_forces("special forces took part")];
        }),
    ];
    let sentence =
        |index: usize, text: &str| Sentence { index, span: span_of(text), paragraph: index.min(1) };
    AnalyzedDocument {
        document: Document {
            id: id.clone(),
            origin: "test".into(),
            url: Some("https://news.example/dock".into()),
            title: Some("Drone strike hits dock in Venezuela".into()),
            publisher: Some("Example News".into()),
            author: None,
            published: NaiveDate::from_ymd_opt(2025, 12, 5),
            published_from: DateProvenance::Cli,
            language: Some("en".into()),
            text: TEXT.into(),
            paragraphs: vec![
                Paragraph {
                    span: span_of("Drone strike hits dock in Venezuela"),
                    kind: ParagraphKind::Headline,
                },
                Paragraph { span: Span::new(37, TEXT.len()), kind: ParagraphKind::Body },
            ],
            syndication_group: None,
        },
        analysis: Analysis {
            pipeline_version: 1,
            sentences: vec![
                sentence(0, "Drone strike hits dock in Venezuela"),
                sentence(1, "A drone struck a dock in Venezuela on Dec 3, two sources said."),
                sentence(2, "They said special forces helped."),
                sentence(3, "Col. Jane Roe denied that special forces took part."),
            ],
            claims: vec![headline, strike, helped, denial],
            mentions,
            time_expressions: Vec::new(),
            diagnostics: Vec::new(),
        },
    }
}

fn record() -> ExportRecord {
    let documents = [report()];
    build_record(&documents, &resolve_analyzed(&documents, &ResolveSettings::default()))
}

fn written(
    write: fn(&ExportRecord, &mut dyn std::io::Write) -> Result<(), crate::ExportError>,
) -> String {
    let mut out = Vec::new();
    write(&record(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn json_record_snapshot() {
    let record = record();
    assert_eq!(record.claims.len(), 4);
    assert_eq!(
        record.claims[1].sentence.text,
        "A drone struck a dock in Venezuela on Dec 3, two sources said."
    );
    insta::assert_json_snapshot!("small_record", record);
}

#[test]
fn json_round_trips_and_keeps_country_coordinates_null() {
    let json = written(write_json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let place = &value["incidents"][0]["place"];
    assert_eq!(place["precision"], "country");
    assert!(place["lat"].is_null() && place["lon"].is_null());
    let parsed: ExportRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, record());
}

#[test]
fn csv_has_the_acled_header_and_a_row_per_incident() {
    let csv = written(write_csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let field = |name: &str| {
        let idx = CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        rows[0][idx].to_string()
    };
    assert_eq!(field("event_date"), "2025-12-03");
    assert_eq!(field("time_precision"), "1");
    assert_eq!(field("event_type"), "Explosions/Remote violence");
    assert_eq!(field("sub_event_type"), "Air/drone strike");
    assert_eq!(field("country"), "Venezuela");
    assert_eq!(field("source"), "Example News");
    // A disputed supporter does not contest an incident; one outlet is weak.
    assert_eq!(field("grade"), "weak");
    assert_eq!(field("assoc_actor_1"), "", "a disputed supporter is not listed as an actor");
    assert!(
        field("notes").contains("disputed: supporter \"special forces\""),
        "{}",
        field("notes")
    );
    assert_eq!(field("fatalities"), "", "nothing was reported");
}

#[test]
fn country_level_places_get_the_centroid_in_csv_and_geojson() {
    let csv = written(write_csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    let idx = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    assert_eq!(&row[idx("latitude")], "7.12");
    assert_eq!(&row[idx("longitude")], "-66.18");
    assert_eq!(&row[idx("geo_precision")], "3");

    let geojson: serde_json::Value = serde_json::from_str(&written(write_geojson)).unwrap();
    assert_eq!(
        geojson["features"][0]["geometry"]["coordinates"],
        serde_json::json!([-66.18, 7.12])
    );
    assert_eq!(geojson["features"][0]["properties"]["geo_precision"], 3);
}

#[test]
fn geojson_is_a_feature_collection_that_counts_unplaceable_incidents() {
    let mut record = record();
    let mut unplaced = record.incidents[0].clone();
    unplaced.place = Place::default();
    record.incidents.push(unplaced);
    let mut out = Vec::new();
    write_geojson(&record, &mut out).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    assert_eq!(value["skipped"], 1);
    let features = value["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    let feature = &features[0];
    assert_eq!(feature["type"], "Feature");
    assert_eq!(feature["geometry"]["type"], "Point");
    let properties = &feature["properties"];
    for key in ["id", "type", "grade", "earliest", "latest", "precision", "place", "geo_precision"]
    {
        assert!(properties.get(key).is_some(), "missing property {key}");
    }
    assert_eq!(properties["type"], "air_or_drone_strike");
    assert_eq!(properties["earliest"], "2025-12-03");
}

#[test]
fn fatalities_are_the_lowest_minimum_and_zero_without_one() {
    let mut record = record();
    record.incidents[0].casualties.killed.min = Some(3);
    record.incidents[0].casualties.killed.max = Some(4);
    let mut out = Vec::new();
    write_csv(&record, &mut out).unwrap();
    let idx = CSV_COLUMNS.iter().position(|c| *c == "fatalities").unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(&reader.records().next().unwrap().unwrap()[idx], "3");

    record.incidents[0].casualties.killed.min = None;
    let mut out = Vec::new();
    write_csv(&record, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(&reader.records().next().unwrap().unwrap()[idx], "0");
}
