//! Building the [`ExportRecord`] from the analyses and their resolution.

use std::collections::HashMap;

use corroborate_model::{
    AnalyzedDocument, Claim, Document, ExportClaim, ExportContent, ExportDocument, ExportRecord,
    ExportSource, PlacePrecision, Resolution, Source, Span, TextRef, EXPORT_SCHEMA_VERSION,
};

/// A span and the text under it; empty text when the span does not fit the document (the
/// record still points at the bytes, so the fault can be traced).
fn text_ref(text: &str, span: Span) -> TextRef {
    TextRef {
        start: span.start,
        end: span.end,
        text: span.slice(text).unwrap_or_default().to_string(),
    }
}

fn export_source(source: &Source) -> ExportSource {
    ExportSource {
        kind: source.kind,
        name: source.name.clone(),
        surface: source.surface.clone(),
        title: source.title.clone(),
        role: source.role.clone(),
        affiliation: source.affiliation.clone(),
        count: source.count,
        description: source.description.clone(),
    }
}

fn export_claim(analyzed: &AnalyzedDocument, claim: &Claim) -> ExportClaim {
    let text = analyzed.document.text.as_str();
    let sentence = analyzed
        .analysis
        .sentences
        .iter()
        .find(|s| s.index == claim.sentence)
        .map(|s| text_ref(text, s.span))
        .unwrap_or(TextRef { start: 0, end: 0, text: String::new() });
    let hull = claim.content_hull();
    ExportClaim {
        id: claim.id.clone(),
        document: claim.document.clone(),
        sentence,
        source: export_source(&claim.source),
        co_sources: claim.co_sources.iter().map(export_source).collect(),
        cue: claim.cue.as_ref().map(|c| c.text.clone()),
        stance: claim.stance,
        form: claim.form,
        construction: claim.construction.clone(),
        rule_id: claim.rule_id.clone(),
        content: ExportContent {
            start: hull.start,
            end: hull.end,
            text: hull.slice(text).unwrap_or_default().to_string(),
            spans: claim.content.iter().map(|&s| text_ref(text, s)).collect(),
        },
        embedded_in: claim.embedded_in.clone(),
        in_headline: claim.in_headline,
    }
}

fn export_document(document: &Document, group: Option<&String>) -> ExportDocument {
    ExportDocument {
        id: document.id.clone(),
        title: document.title.clone(),
        url: document.url.clone(),
        publisher: document.publisher.clone(),
        published: document.published,
        published_from: document.published_from,
        syndication_group: group.cloned().or_else(|| document.syndication_group.clone()),
    }
}

/// The export record of DESIGN.md "Export record": every document (with its syndication group
/// from `resolution`), every claim with the text of its sentence and content, the incidents and
/// the context mentions. Every list is sorted, so the same input always writes the same bytes.
/// Country-level places carry no coordinates here; the CSV and GeoJSON writers add centroids.
pub fn build_record(documents: &[AnalyzedDocument], resolution: &Resolution) -> ExportRecord {
    let group_of: HashMap<&str, &String> = resolution
        .syndication_groups
        .iter()
        .flat_map(|g| g.documents.iter().map(move |d| (d.as_str(), &g.id)))
        .collect();

    let mut export_documents: Vec<ExportDocument> = documents
        .iter()
        .map(|d| export_document(&d.document, group_of.get(d.document.id.as_str()).copied()))
        .collect();
    export_documents.sort_by(|a, b| a.id.cmp(&b.id));
    export_documents.dedup_by(|a, b| a.id == b.id);

    let mut claims: Vec<ExportClaim> = documents
        .iter()
        .flat_map(|d| d.analysis.claims.iter().map(move |c| export_claim(d, c)))
        .collect();
    claims.sort_by(|a, b| {
        (&a.document, a.sentence.start, a.content.start, &a.id).cmp(&(
            &b.document,
            b.sentence.start,
            b.content.start,
            &b.id,
        ))
    });
    claims.dedup_by(|a, b| a.id == b.id);

    let mut incidents = resolution.incidents.clone();
    for incident in &mut incidents {
        if incident.place.precision == PlacePrecision::Country {
            incident.place.lat = None;
            incident.place.lon = None;
        }
    }
    incidents.sort_by(|a, b| a.id.cmp(&b.id));

    let mut context = resolution.context.clone();
    context.sort_by(|a, b| (&a.document, &a.mention).cmp(&(&b.document, &b.mention)));

    ExportRecord {
        schema_version: EXPORT_SCHEMA_VERSION,
        documents: export_documents,
        claims,
        incidents,
        context,
    }
}
