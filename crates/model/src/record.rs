//! The export record: the JSON object `corroborate export --format json` writes (DESIGN.md
//! "Export record"). From the day the resolve issue closes the schema only grows: fields are
//! added, never renamed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    Analysis, ClaimForm, ClaimId, ContextMention, DateProvenance, Document, DocumentId, Incident,
    SourceKind, Stance,
};

/// A document together with its analysis: one line of `corroborate extract`'s JSONL, and the
/// input of `resolve`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedDocument {
    /// The document.
    pub document: Document,
    /// What analyze found in it.
    pub analysis: Analysis,
}

/// The whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRecord {
    /// [`crate::EXPORT_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Reports.
    pub documents: Vec<ExportDocument>,
    /// Attributed claims (narration included), with their sentence and content text.
    pub claims: Vec<ExportClaim>,
    /// Incidents.
    pub incidents: Vec<Incident>,
    /// Mentions that are not about one specific incident.
    pub context: Vec<ContextMention>,
}

/// A report in the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    /// Document id.
    pub id: DocumentId,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Where the date came from.
    pub published_from: DateProvenance,
    /// Syndication group.
    pub syndication_group: Option<String>,
}

/// A span with the text under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRef {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// Content of a claim: its hull, and the pieces when discontinuous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportContent {
    /// First byte of the hull.
    pub start: usize,
    /// One past the last byte of the hull.
    pub end: usize,
    /// Text of the hull.
    pub text: String,
    /// Each piece.
    pub spans: Vec<TextRef>,
}

/// A source in the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSource {
    /// Kind.
    pub kind: SourceKind,
    /// Canonical name.
    pub name: Option<String>,
    /// Words as written.
    pub surface: String,
    /// Title or rank.
    pub title: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// Affiliation.
    pub affiliation: Option<String>,
    /// Count.
    pub count: Option<u32>,
    /// Description.
    pub description: Option<String>,
}

/// A claim in the export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportClaim {
    /// Claim id.
    pub id: ClaimId,
    /// Document id.
    pub document: DocumentId,
    /// The sentence holding the claim.
    pub sentence: TextRef,
    /// Who.
    pub source: ExportSource,
    /// Conjoined sources.
    pub co_sources: Vec<ExportSource>,
    /// Cue words, `None` for narration.
    pub cue: Option<String>,
    /// Stance.
    pub stance: Stance,
    /// Form.
    pub form: ClaimForm,
    /// Construction.
    pub construction: String,
    /// Rule id.
    pub rule_id: String,
    /// What is claimed.
    pub content: ExportContent,
    /// Claim this one is embedded in.
    pub embedded_in: Option<ClaimId>,
    /// True when made by the headline.
    pub in_headline: bool,
}
