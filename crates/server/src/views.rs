//! Read endpoints shaped for the web UI's pages: the claims of an incident with the words they
//! quote, and a document cut into segments so that the page can highlight every claim in its
//! sentence without doing byte arithmetic in the browser (spans are UTF-8 byte offsets, which
//! JavaScript strings do not count in).

use std::collections::BTreeSet;

use axum::extract::{Path, State};
use axum::Json;
use corroborate_model::{Claim, Document, Sentence};
use serde::Serialize;

use crate::api::read_store;
use crate::error::{list_of, ApiError};
use crate::AppState;

/// A claim of an incident with what a reader needs beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentClaim {
    /// The claim.
    pub claim: Claim,
    /// The words claimed (from the first content span to the last), as plain text.
    pub quote: String,
    /// The sentence that holds the claim, as plain text.
    pub sentence: String,
    /// The document's title, when it has one.
    pub title: Option<String>,
    /// The document's publisher, when known.
    pub publisher: Option<String>,
    /// The document's URL, when known.
    pub url: Option<String>,
    /// The document's publication date, when known.
    pub published: Option<chrono::NaiveDate>,
}

/// A stretch of a document's text with the same sentence and the same claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text, plain (render it as text, never as markup).
    pub text: String,
    /// The index of the sentence it lies in, if any.
    pub sentence: Option<usize>,
    /// The claims whose content covers it.
    pub claims: Vec<String>,
}

/// A document as the document page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    /// The document (metadata and text).
    pub document: Document,
    /// The whole text, cut where sentences and claim contents begin and end.
    pub segments: Vec<Segment>,
    /// The document's claims, narration included.
    pub claims: Vec<Claim>,
    /// `[claim id, incident id]` pairs: which incident each claim bears on.
    pub incidents: Vec<(String, String)>,
}

/// `text[span]` when the span lies on char boundaries inside the text, else empty.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.get(start..end).unwrap_or_default().to_string()
}

/// Cuts `text` at every sentence and claim content boundary (boundaries that are not on a char
/// boundary are dropped) and labels each piece; adjacent pieces with the same labels merge.
pub fn segments(text: &str, sentences: &[Sentence], claims: &[Claim]) -> Vec<Segment> {
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for span in sentences
        .iter()
        .map(|s| s.span)
        .chain(claims.iter().flat_map(|c| c.content.iter().copied()))
    {
        cuts.insert(span.start);
        cuts.insert(span.end);
    }
    let cuts: Vec<usize> =
        cuts.into_iter().filter(|&cut| cut <= text.len() && text.is_char_boundary(cut)).collect();
    let mut out: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start >= end {
            continue;
        }
        let sentence =
            sentences.iter().find(|s| s.span.start <= start && end <= s.span.end).map(|s| s.index);
        let claim_ids: Vec<String> = claims
            .iter()
            .filter(|c| c.content.iter().any(|span| span.start <= start && end <= span.end))
            .map(|c| c.id.to_string())
            .collect();
        let piece = slice(text, start, end);
        match out.last_mut() {
            Some(last) if last.sentence == sentence && last.claims == claim_ids => {
                last.text.push_str(&piece)
            }
            _ => out.push(Segment { text: piece, sentence, claims: claim_ids }),
        }
    }
    out
}

/// `GET /api/incidents/{id}/claims`: the claims the incident rests on, each with its quote,
/// its sentence and its document's title, publisher, URL and date.
pub(crate) async fn incident_claims(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<IncidentClaim>>, ApiError> {
    let claims = read_store(&state, move |store| {
        let Some(incident) = store.incident(&id)? else {
            return Err(ApiError::NotFound { kind: "incident", list: list_of("incident"), id });
        };
        let wanted: BTreeSet<&str> = incident.claims.iter().map(|c| c.as_str()).collect();
        let mut out = Vec::new();
        for document_id in &incident.documents {
            let Some(analyzed) = store.analyzed_document(document_id.as_str())? else { continue };
            let document = &analyzed.document;
            for claim in analyzed.analysis.claims.iter().filter(|c| wanted.contains(c.id.as_str()))
            {
                let hull = claim.content_hull();
                let sentence = analyzed
                    .analysis
                    .sentences
                    .get(claim.sentence)
                    .map(|s| slice(&document.text, s.span.start, s.span.end))
                    .unwrap_or_default();
                out.push(IncidentClaim {
                    claim: claim.clone(),
                    quote: slice(&document.text, hull.start, hull.end),
                    sentence,
                    title: document.title.clone(),
                    publisher: document.publisher.clone(),
                    url: document.url.clone(),
                    published: document.published,
                });
            }
        }
        Ok(out)
    })
    .await?;
    Ok(Json(claims))
}

/// `GET /api/documents/{id}/view`: the document cut into [`Segment`]s, its claims, and the
/// incident each claim bears on.
pub(crate) async fn document_view(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let view = read_store(&state, move |store| {
        let Some(analyzed) = store.analyzed_document(&id)? else {
            return Err(ApiError::NotFound { kind: "document", list: list_of("document"), id });
        };
        let segments = segments(
            &analyzed.document.text,
            &analyzed.analysis.sentences,
            &analyzed.analysis.claims,
        );
        let ids: Vec<&str> = analyzed.analysis.claims.iter().map(|c| c.id.as_str()).collect();
        let incidents = store.incidents_of_claims(&ids)?;
        Ok(DocumentView {
            segments,
            claims: analyzed.analysis.claims,
            incidents,
            document: analyzed.document,
        })
    })
    .await?;
    Ok(Json(view))
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{ClaimForm, ClaimId, DocumentId, Source, Span, Stance};

    fn claim(id: &str, sentence: usize, content: Vec<Span>) -> Claim {
        Claim {
            id: ClaimId(id.into()),
            document: DocumentId("d".into()),
            sentence,
            source: Source::default(),
            co_sources: vec![],
            cue: None,
            stance: Stance::Asserts,
            form: ClaimForm::Indirect,
            construction: String::new(),
            rule_id: String::new(),
            content,
            embedded_in: None,
            in_headline: false,
        }
    }

    #[test]
    fn segments_cover_the_text_and_label_sentences_and_claims() {
        let text = "Title\n\nOfficials said a drone hit Bahía. Nobody else did.";
        let second = text.find("Nobody").unwrap();
        let s0 = Span::new(7, second - 1);
        let s1 = Span::new(second, text.len());
        let sentences = vec![
            Sentence { index: 0, span: s0, paragraph: 1 },
            Sentence { index: 1, span: s1, paragraph: 1 },
        ];
        let content = Span::new(text.find("a drone").unwrap(), text.find('.').unwrap());
        let claims = vec![claim("c1", 0, vec![content]), claim("c2", 0, vec![Span::new(7, 16)])];
        let segs = segments(text, &sentences, &claims);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text, "segments cover the text exactly");
        let claimed: Vec<_> = segs
            .iter()
            .filter(|s| !s.claims.is_empty())
            .map(|s| (s.text.as_str(), s.claims.clone()))
            .collect();
        assert_eq!(
            claimed,
            vec![
                ("Officials", vec!["c2".to_string()]),
                ("a drone hit Bahía", vec!["c1".to_string()])
            ]
        );
        assert_eq!(segs[0], Segment { text: "Title\n\n".into(), sentence: None, claims: vec![] });
        assert!(segs.iter().any(|s| s.sentence == Some(1) && s.text == "Nobody else did."));
    }

    #[test]
    fn spans_off_char_boundaries_do_not_panic() {
        let text = "Bahía";
        let claims = vec![claim("c", 0, vec![Span::new(0, 4)])]; // inside the two bytes of í
        let segs = segments(text, &[], &claims);
        assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), text);
    }
}
