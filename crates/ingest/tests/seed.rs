//! The reference report of DESIGN.md, read as a plain text file: its headline, the headline's
//! copy-paste repeat, and its subheadings must come out as such, because analyze skips repeats
//! and treats subheadings as headings rather than sentences of the story.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test

use corroborate_ingest::{read_input, IngestOptions, Input};
use corroborate_model::{DateProvenance, Document, ParagraphKind};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_aa2545dd01555be1.txt");

const HEADLINE: &str = "Exclusive: CIA Conducts Drone Strike Near Venezuelan Port";

/// The seed, or `None` (with a note) when the shared folder is absent outside CI.
fn seed() -> Option<Document> {
    let path = std::path::PathBuf::from(SEED);
    if !path.exists() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "{SEED} is missing; CI must have the shared folder beside the checkout"
        );
        eprintln!("note: skipping, {SEED} is missing");
        return None;
    }
    let options = IngestOptions {
        published: chrono::NaiveDate::from_ymd_opt(2025, 12, 30),
        ..IngestOptions::default()
    };
    let mut results: Vec<_> = read_input(&Input::File(path), &options).collect();
    assert_eq!(results.len(), 1);
    Some(results.remove(0).expect("the seed parses"))
}

fn paragraph(doc: &Document, idx: usize) -> &str {
    doc.paragraphs[idx].span.slice(&doc.text).expect("paragraph spans slice the text")
}

#[test]
fn seed_headline_repeat_and_subheadings() {
    let Some(doc) = seed() else { return };
    assert_eq!(doc.title.as_deref(), Some(HEADLINE));
    assert!(doc.text.starts_with(HEADLINE));
    assert_eq!(doc.published_from, DateProvenance::Cli);

    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Headline);
    assert_eq!(paragraph(&doc, 0), HEADLINE);

    let repeated: Vec<&str> = (0..doc.paragraphs.len())
        .filter(|&i| doc.paragraphs[i].kind == ParagraphKind::Repeated)
        .map(|i| paragraph(&doc, i))
        .collect();
    assert_eq!(repeated, [HEADLINE]);

    let subheadings: Vec<&str> = (0..doc.paragraphs.len())
        .filter(|&i| doc.paragraphs[i].kind == ParagraphKind::Subheading)
        .map(|i| paragraph(&doc, i))
        .collect();
    assert_eq!(
        subheadings,
        [
            "Conflicting Statements From U.S. Agencies",
            "Trump Mentions Shoreline Incident, Offers Limited Details",
            "Regional Tension and Legal Questions Persist",
            "Mixed Messaging From U.S. Leadership",
        ]
    );
    let n_body = doc.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Body).count();
    assert_eq!(n_body, 11);
}

#[test]
fn seed_text_is_kept_as_written() {
    let Some(doc) = seed() else { return };
    let raw = std::fs::read_to_string(SEED).expect("the seed is readable");
    assert_eq!(doc.text, raw.trim());
    for p in &doc.paragraphs {
        let text = p.span.slice(&doc.text).expect("paragraph spans slice the text");
        assert_eq!(text, text.trim());
        assert!(!text.contains("\n\n"));
    }
}
