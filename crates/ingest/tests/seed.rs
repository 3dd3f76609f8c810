//! The reference report of DESIGN.md, read as a plain text file: its headline, the headline's
//! copy-paste repeat, and its subheadings must come out as such, because analyze skips repeats
//! and treats subheadings as headings rather than sentences of the story.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test

use corroborate_ingest::{read_input, IngestOptions, Input};
use corroborate_model::{DateProvenance, Document, ParagraphKind};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_aa2545dd01555be1.txt");

/// The seed's first line: its headline, read from the file so the test holds no copy of it.
fn headline() -> String {
    let raw = std::fs::read_to_string(SEED).expect("the seed is readable");
    raw.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string()
}

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
    let headline = headline();
    assert!(headline.starts_with("Exclusive:"), "{headline}");
    assert_eq!(doc.title.as_deref(), Some(headline.as_str()));
    assert!(doc.text.starts_with(&headline));
    assert_eq!(doc.published_from, DateProvenance::Cli);

    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Headline);
    assert_eq!(paragraph(&doc, 0), headline);

    let of_kind = |kind: ParagraphKind| -> Vec<usize> {
        (0..doc.paragraphs.len()).filter(|&i| doc.paragraphs[i].kind == kind).collect()
    };
    // The repeat is the tenth block, the headline pasted again before the third section.
    assert_eq!(of_kind(ParagraphKind::Repeated), [9]);
    assert_eq!(paragraph(&doc, 9), headline);

    // Four section headings, named here by their first two words only.
    let subheadings = of_kind(ParagraphKind::Subheading);
    assert_eq!(subheadings, [3, 6, 10, 14]);
    let openings =
        ["Conflicting Statements", "Trump Mentions", "Regional Tension", "Mixed Messaging"];
    for (&i, opening) in subheadings.iter().zip(openings) {
        assert!(paragraph(&doc, i).starts_with(opening), "paragraph {i}: {}", paragraph(&doc, i));
    }
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
