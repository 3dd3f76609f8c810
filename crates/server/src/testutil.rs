//! A small database for the endpoint tests, filled through the store's public API with
//! hand-built model values: two reports, four attributed claims and two headlines, three
//! incidents (two of whose ids share the prefix `i1a2b3`).

use std::path::PathBuf;

use corroborate_model::{
    Analysis, Claim, ClaimForm, ClaimId, DateProvenance, Document, DocumentId, EventType, Incident,
    IncidentGrade, IncidentId, Paragraph, ParagraphKind, Place, Resolution, Sentence, Source,
    SourceKind, Span, Stance, PIPELINE_VERSION,
};
use corroborate_store::Store;
use tempfile::TempDir;

/// A temporary database; it is deleted when the fixture is dropped.
pub(crate) struct Fixture {
    _dir: TempDir,
    /// The database file.
    pub(crate) db: PathBuf,
    /// The strike report (Venezuela).
    pub(crate) strike: DocumentId,
    /// The vessel report (Colombia).
    pub(crate) vessel: DocumentId,
}

const STRIKE_TEXT: &str = "Drone strike hits dock near port\n\n\
    Two sources said a drone struck a dock near the port. \
    Col. Allie Weiskopf denied that special forces took part. \
    Officials declined to comment.";

const VESSEL_TEXT: &str = "Boat struck off the coast\n\n\
    The Navy said it struck a boat off the coast of Colombia.";

/// Where `needle` first lies in `text`.
fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in fixture text"));
    Span::new(start, start + needle.len())
}

pub(crate) fn document(text: &str, title: &str) -> Document {
    let (headline, body) = text.split_once("\n\n").unwrap();
    Document {
        id: DocumentId::from_raw(text.as_bytes()),
        origin: format!("fixture/{title}.txt"),
        url: None,
        title: Some(title.to_string()),
        publisher: Some("Fixture News".to_string()),
        author: None,
        published: chrono::NaiveDate::from_ymd_opt(2025, 12, 30),
        published_from: DateProvenance::Cli,
        language: Some("en".to_string()),
        text: text.to_string(),
        paragraphs: vec![
            Paragraph { span: span_of(text, headline), kind: ParagraphKind::Headline },
            Paragraph { span: span_of(text, body), kind: ParagraphKind::Body },
        ],
        syndication_group: None,
    }
}

/// Sentences given by their words, in order; the first is the headline paragraph.
fn sentences(text: &str, words: &[&str]) -> Vec<Sentence> {
    words
        .iter()
        .enumerate()
        .map(|(index, w)| Sentence {
            index,
            span: span_of(text, w),
            paragraph: usize::from(index > 0),
        })
        .collect()
}

fn source(kind: SourceKind, name: Option<&str>, surface: &str) -> Source {
    Source {
        kind,
        name: name.map(str::to_string),
        surface: surface.to_string(),
        ..Source::default()
    }
}

fn claim(
    doc: &Document,
    sentence: usize,
    source: Source,
    (stance, form): (Stance, ClaimForm),
    content: &str,
) -> Claim {
    let span = span_of(&doc.text, content);
    Claim {
        id: ClaimId::derive(&doc.id, sentence, &[span], None),
        document: doc.id.clone(),
        sentence,
        source,
        co_sources: vec![],
        cue: None,
        stance,
        form,
        construction: if sentence == 0 { "headline" } else { "verb_that" }.to_string(),
        rule_id: "fixture".to_string(),
        content: vec![span],
        embedded_in: None,
        in_headline: sentence == 0,
    }
}

fn incident(
    id: &str,
    event_type: EventType,
    country: Option<&str>,
    grade: IncidentGrade,
    analysis: (&Document, &Analysis),
) -> Incident {
    let (doc, analysis) = analysis;
    Incident {
        id: IncidentId::from(id),
        event_type: Some(event_type),
        grade,
        grade_reason: "fixture".to_string(),
        time: Default::default(),
        place: Place { country_code: country.map(str::to_string), ..Place::default() },
        casualties: Default::default(),
        facts: vec![],
        claims: analysis.claims.iter().map(|c| c.id.clone()).collect(),
        documents: vec![doc.id.clone()],
        flags: vec![],
        contradictions: vec![],
        timeline: vec![],
    }
}

/// Builds the fixture database.
pub(crate) fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corroborate.db");
    let mut store = Store::open(&db).unwrap();

    let strike = document(STRIKE_TEXT, "strike");
    let strike_analysis = Analysis {
        pipeline_version: PIPELINE_VERSION,
        sentences: sentences(
            STRIKE_TEXT,
            &[
                "Drone strike hits dock near port",
                "Two sources said a drone struck a dock near the port.",
                "Col. Allie Weiskopf denied that special forces took part.",
                "Officials declined to comment.",
            ],
        ),
        claims: vec![
            claim(
                &strike,
                0,
                source(SourceKind::Outlet, Some("Fixture News"), "Fixture News"),
                (Stance::Asserts, ClaimForm::Narration),
                "Drone strike hits dock near port",
            ),
            claim(
                &strike,
                1,
                Source { count: Some(2), ..source(SourceKind::Anonymous, None, "Two sources") },
                (Stance::Asserts, ClaimForm::Indirect),
                "a drone struck a dock near the port",
            ),
            claim(
                &strike,
                2,
                source(SourceKind::NamedPerson, Some("Allie Weiskopf"), "Col. Allie Weiskopf"),
                (Stance::Denies, ClaimForm::Indirect),
                "special forces took part",
            ),
            claim(
                &strike,
                3,
                source(SourceKind::Anonymous, None, "Officials"),
                (Stance::DeclinesToComment, ClaimForm::Indirect),
                "to comment",
            ),
        ],
        mentions: vec![],
        time_expressions: vec![],
        diagnostics: vec![],
    };

    let vessel = document(VESSEL_TEXT, "vessel");
    let vessel_analysis = Analysis {
        pipeline_version: PIPELINE_VERSION,
        sentences: sentences(
            VESSEL_TEXT,
            &[
                "Boat struck off the coast",
                "The Navy said it struck a boat off the coast of Colombia.",
            ],
        ),
        claims: vec![
            claim(
                &vessel,
                0,
                source(SourceKind::Outlet, Some("Fixture News"), "Fixture News"),
                (Stance::Asserts, ClaimForm::Narration),
                "Boat struck off the coast",
            ),
            claim(
                &vessel,
                1,
                source(SourceKind::Organisation, Some("U.S. Navy"), "The Navy"),
                (Stance::Asserts, ClaimForm::Indirect),
                "it struck a boat off the coast of Colombia",
            ),
        ],
        mentions: vec![],
        time_expressions: vec![],
        diagnostics: vec![],
    };

    store.put_document(&strike, &strike_analysis).unwrap();
    store.put_document(&vessel, &vessel_analysis).unwrap();
    let resolution = Resolution {
        incidents: vec![
            incident(
                "i1a2b3c4d5e6",
                EventType::AirOrDroneStrike,
                Some("VE"),
                IncidentGrade::Weak,
                (&strike, &strike_analysis),
            ),
            incident(
                "i1a2b3ffffff",
                EventType::MaritimeInterdiction,
                None,
                IncidentGrade::Contested,
                (&strike, &strike_analysis),
            ),
            incident(
                "i9f8e7d6c5b4",
                EventType::StrikeOnVessel,
                Some("CO"),
                IncidentGrade::Fair,
                (&vessel, &vessel_analysis),
            ),
        ],
        context: vec![],
        syndication_groups: vec![],
    };
    store.replace_resolution(&resolution).unwrap();
    Fixture { _dir: dir, db, strike: strike.id, vessel: vessel.id }
}
