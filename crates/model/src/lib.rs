//! The data model of corroborate: plain data shared by every stage.
//!
//! Reports flow through the pipeline as values of these types:
//!
//! ```text
//! ingest ─▶ Document ─▶ analyze ─▶ Analysis (Sentence, Claim, EventMention)
//!        ─▶ resolve ─▶ Incident (Fact …) ─▶ store / export / serve
//! ```
//!
//! Every type is plain data with public fields and a serde form; the JSONL written by
//! `corroborate extract` is exactly that form, so an external engine can run the stateless
//! stages and feed `resolve` later. Nothing here does I/O.
//!
//! **Offsets.** Every [`Span`] is a byte range into [`Document::text`], the text as stored.
//! A span always lies on `char` boundaries, so slicing never panics:
//!
//! ```
//! use corroborate_model::{DocumentId, Span};
//! let text = "Caracas rejected the claim.";
//! let span = Span::new(0, 7);
//! assert_eq!(span.slice(text), Some("Caracas"));
//! assert_eq!(DocumentId::from_raw(b"same bytes"), DocumentId::from_raw(b"same bytes"));
//! ```
//!
//! Enumerated values serialize with the identifiers of DESIGN.md ("Identifiers"), e.g.
//! [`Stance::DeclinesToComment`] is `"declines_to_comment"`.
#![deny(missing_docs)]

mod ids;
pub mod minhash;
mod record;
mod resolve_input;
mod vocab;

pub use ids::{ClaimId, DocumentId, IncidentId, MentionId};
pub use record::{
    AnalyzedDocument, ExportClaim, ExportContent, ExportDocument, ExportRecord, ExportSource,
    TextRef,
};
pub use resolve_input::{bears_without_mention, ResolveClaim, ResolveDocument};
pub use vocab::{
    ActorRole, CasualtyGroup, CasualtyKind, ClaimForm, DateProvenance, EventType, FactAttribute,
    FactStatus, IncidentChangeKind, IncidentGrade, ParagraphKind, PlacePrecision, ReviewAction,
    Setting, SettingDerivation, SourceKind, Specificity, Stance, TimePrecision, TimeRole,
    TimexType, UnknownId,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Version of the analysis pipeline. Stored with every analysis so that `reanalyze` knows which
/// documents were analysed by an older pipeline. Bump it whenever analyze or its default data
/// files change what they produce.
pub const PIPELINE_VERSION: u32 = 2;

/// Version of the export record written by `corroborate export --format json`.
pub const EXPORT_SCHEMA_VERSION: u32 = 1;

/// A half-open byte range `[start, end)` into a document's stored text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The text under this span, or `None` when it is out of range or not on char boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A paragraph of a document's text, with what kind of block it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Where the paragraph lies in [`Document::text`].
    pub span: Span,
    /// Headline, subheading, body text, or a repeat that analysis must skip.
    pub kind: ParagraphKind,
}

/// One report, as ingest produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Hash of the raw input bytes (see [`DocumentId::from_raw`]).
    pub id: DocumentId,
    /// Where the input came from (a path, `-` for stdin, or a URL), for messages and `log`.
    pub origin: String,
    /// Canonical URL of the report, when known.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet or site name.
    pub publisher: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publication date, when known.
    pub published: Option<NaiveDate>,
    /// Where [`Document::published`] came from.
    pub published_from: DateProvenance,
    /// BCP-47 language tag, when known.
    pub language: Option<String>,
    /// The text every span points into: headline first, then the body, paragraphs separated by
    /// a blank line.
    pub text: String,
    /// The paragraphs of `text`, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Syndication group: documents that are copies of one original share it (set by ingest's
    /// near-duplicate detection or by resolve); `None` until assigned.
    pub syndication_group: Option<String>,
}

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Position of the sentence in the document, from 0.
    pub index: usize,
    /// Where it lies in the text.
    pub span: Span,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// Who a claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// What sort of source it is.
    pub kind: SourceKind,
    /// Canonical name: "Mauricio Ospina Lara", "White House", "Government of Venezuela".
    /// For a pronoun, the person it was resolved to. `None` for unnamed sources.
    pub name: Option<String>,
    /// The words as written: "Gen. Mauricio Ospina Lara", "he", "two sources".
    pub surface: String,
    /// Where the source phrase lies in the text: `surface` together with an apposition that
    /// describes it ("Joe Bateman, a plumber from Ohio,"); `None` for the outlet's own narration.
    pub span: Option<Span>,
    /// Honorific or rank: "Col.", "President", "Sen.".
    pub title: Option<String>,
    /// Role or position: "spokesperson", "defense minister".
    pub role: Option<String>,
    /// Organisation the source speaks for: "Colombian military".
    pub affiliation: Option<String>,
    /// How many sources the phrase stands for ("two sources" = 2); `None` when unstated.
    pub count: Option<u32>,
    /// What the text says about an unnamed source: "briefed on the operation".
    pub description: Option<String>,
}

/// The words that mark an attribution: "said", "declined to", "according to".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// The cue as written (may be discontinuous words joined by a space).
    pub text: String,
    /// Byte spans of the cue words.
    pub spans: Vec<Span>,
}

/// One attributed statement: who said what, how, in which sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Derived from the document id and the claim's spans (see [`ClaimId::derive`]).
    pub id: ClaimId,
    /// The document it was read from.
    pub document: DocumentId,
    /// Index of the sentence that holds the cue (or the content, for narration).
    pub sentence: usize,
    /// Who said it.
    pub source: Source,
    /// Further sources conjoined with the first ("U.S. officials and people in western Venezuela").
    pub co_sources: Vec<Source>,
    /// The attribution cue; `None` for the outlet's own narration.
    pub cue: Option<Cue>,
    /// What the source does with the content.
    pub stance: Stance,
    /// Direct quote, indirect speech, mixed, or narration.
    pub form: ClaimForm,
    /// The syntactic construction ("according_to", "sentence_final", "passive", "verb_that",
    /// "quote_cue", "headline", …), kept apart from the form.
    pub construction: String,
    /// Id of the rule or lexicon entry that produced the claim, for explanations.
    pub rule_id: String,
    /// What is claimed; several spans when the content is discontinuous. Never empty.
    pub content: Vec<Span>,
    /// The claim this one is reported inside ("according to X, Washington believed Y": the claim
    /// of Washington is embedded in the claim of X).
    pub embedded_in: Option<ClaimId>,
    /// True when the claim is made by the headline.
    pub in_headline: bool,
}

impl Claim {
    /// The smallest span covering all content spans.
    pub fn content_hull(&self) -> Span {
        let mut spans = self.content.iter();
        match spans.next() {
            Some(first) => spans.fold(*first, |acc, s| acc.cover(*s)),
            None => Span::new(0, 0),
        }
    }
}

/// A temporal expression found in the text, normalised as a TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpression {
    /// The words: "earlier this month", "Dec 26".
    pub text: String,
    /// Where they lie.
    pub span: Span,
    /// TIMEX3 type.
    pub timex_type: TimexType,
    /// TIMEX3 value: "2025-12", "XXXX-12-26", "2025-W52", "P3M"; `None` when not normalisable.
    pub value: Option<String>,
    /// Whether the expression dates the event, or only the statement about it.
    pub role: TimeRole,
    /// Id of the pattern that matched.
    pub rule_id: String,
}

/// When an event happened, as an interval of days.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TimeInterval {
    /// Earliest possible day; `None` when unknown (e.g. the year is unknown).
    pub earliest: Option<NaiveDate>,
    /// Latest possible day; `None` when unknown.
    pub latest: Option<NaiveDate>,
    /// How precisely the interval is known.
    pub precision: TimePrecision,
    /// The expressions the interval rests on.
    pub expressions: Vec<TimeExpression>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Place {
    /// Name as resolved: "Venezuela", "Caribbean Sea", "Sinaloa".
    pub name: Option<String>,
    /// Gazetteer id of the resolved place.
    pub gazetteer_id: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: Option<String>,
    /// First-level region.
    pub admin1: Option<String>,
    /// Latitude (WGS84), only when the place is more precise than a country.
    pub lat: Option<f64>,
    /// Longitude (WGS84), only when the place is more precise than a country.
    pub lon: Option<f64>,
    /// How precisely the place is known.
    pub precision: PlacePrecision,
    /// Land or sea.
    pub setting: Setting,
    /// How `setting` was derived.
    pub setting_from: Option<SettingDerivation>,
    /// The words the place rests on.
    pub span: Option<Span>,
}

/// An actor named in an event mention, with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Canonical name from the actor dictionary ("CIA", "Mexican Navy"), or the
    /// words as written when the actor is not in the dictionary.
    pub name: String,
    /// Dictionary id, when known.
    pub actor_id: Option<String>,
    /// Perpetrator, supporter or target.
    pub role: ActorRole,
    /// Where the actor is named.
    pub span: Span,
}

/// A casualty figure: "no civilian casualties", "at least 11 killed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasualtyMention {
    /// Killed or injured.
    pub kind: CasualtyKind,
    /// Civilian, combatant or unknown.
    pub group: CasualtyGroup,
    /// Lowest figure the words allow.
    pub min: Option<u32>,
    /// Highest figure the words allow (`None` for open-ended "at least").
    pub max: Option<u32>,
    /// True when derived by inference ("the facility was empty" → none killed) rather than
    /// stated.
    pub inferred: bool,
    /// The words.
    pub span: Span,
}

/// The object struck, raided or seized: "dock", "boat", "vessel".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetObject {
    /// Category from the target lexicon: "dock", "boat", "vessel", "vehicle", "building".
    pub category: String,
    /// The words.
    pub span: Span,
}

/// What one claim says about an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// Derived from the claim id.
    pub id: MentionId,
    /// The document.
    pub document: DocumentId,
    /// The claim that makes this mention.
    pub claim: ClaimId,
    /// Sentence index.
    pub sentence: usize,
    /// Event type, when a trigger was found.
    pub event_type: Option<EventType>,
    /// The trigger words.
    pub trigger: Option<Span>,
    /// One specific event, or a campaign, a generality, a hypothetical.
    pub specificity: Specificity,
    /// True when the mention says the event (or the role it bears on) did not happen.
    pub negated: bool,
    /// When.
    pub time: TimeInterval,
    /// Where.
    pub place: Option<Place>,
    /// Who did it, helped, or was targeted.
    pub actors: Vec<ActorMention>,
    /// What was hit.
    pub target_object: Option<TargetObject>,
    /// How many were hurt.
    pub casualties: Vec<CasualtyMention>,
}

/// Everything analyze finds in one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// [`PIPELINE_VERSION`] of the pipeline that produced this.
    pub pipeline_version: u32,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Claims in text order.
    pub claims: Vec<Claim>,
    /// Event mentions in text order.
    pub mentions: Vec<EventMention>,
    /// Every temporal expression found in the document's sentences, in text order, normalised
    /// against the publication date.
    // Defaulted so that analyses written before pipeline version 2 still read.
    #[serde(default)]
    pub time_expressions: Vec<TimeExpression>,
    /// Things analysis skipped or could not read, for the run summary.
    pub diagnostics: Vec<Diagnostic>,
}

/// A non-fatal note from a tolerant stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable short code: "skipped_repeated_headline", "long_sentence".
    pub code: String,
    /// What happened, for a person.
    pub message: String,
    /// Where, when it concerns a place in the text.
    pub span: Option<Span>,
}

/// A figure range: lowest and highest reported. Both `None` when nothing was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CountRange {
    /// Lowest figure reported.
    pub min: Option<u32>,
    /// Highest figure reported (`None` when open-ended or unknown).
    pub max: Option<u32>,
}

/// Casualty ranges of an incident, per category.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Casualties {
    /// People killed (any group).
    pub killed: CountRange,
    /// People injured (any group).
    pub injured: CountRange,
    /// Civilians killed.
    pub civilians_killed: CountRange,
    /// Civilians injured.
    pub civilians_injured: CountRange,
}

/// One candidate value of one attribute of an incident, with the claims for and against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Which attribute.
    pub attribute: FactAttribute,
    /// The value, as text: "air_or_drone_strike", "CIA", "0-0", "2025-12-01/2025-12-26".
    pub value: String,
    /// Status computed from support and opposition.
    pub status: FactStatus,
    /// Number of independent sources among the supporting claims (syndicated copies and
    /// re-reports of one source count once).
    pub independent_sources: u32,
    /// Claims that support the value.
    pub support: Vec<ClaimId>,
    /// Claims that oppose it (denials).
    pub oppose: Vec<ClaimId>,
    /// True when the value is inferred rather than stated (e.g. "empty" → none killed).
    pub inferred: bool,
}

/// Something worth an analyst's attention about an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// Stable code: "headline_overstates".
    pub code: String,
    /// Explanation for a person.
    pub message: String,
    /// Claims the flag is about.
    pub claims: Vec<ClaimId>,
}

/// Two claims that cannot both be right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contradiction {
    /// The attribute they disagree on.
    pub attribute: FactAttribute,
    /// The value in question.
    pub value: String,
    /// Claims for it.
    pub support: Vec<ClaimId>,
    /// Claims against it.
    pub oppose: Vec<ClaimId>,
}

/// A step in how the story of an incident changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Publication date of the report (None when unknown).
    pub date: Option<NaiveDate>,
    /// The report.
    pub document: DocumentId,
    /// What it added, for a person: "first report", "casualties revised to 3–4".
    pub summary: String,
    /// Claims it contributed.
    pub claims: Vec<ClaimId>,
}

/// One incident: the reconciled record of everything the reports say about one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable across re-runs and updates.
    pub id: IncidentId,
    /// Best-supported event type.
    #[serde(rename = "type")]
    pub event_type: Option<EventType>,
    /// Overall grade, in Airwars' words.
    pub grade: IncidentGrade,
    /// Why that grade.
    pub grade_reason: String,
    /// When.
    pub time: TimeInterval,
    /// Where.
    pub place: Place,
    /// How many were hurt.
    pub casualties: Casualties,
    /// Every candidate value of every attribute.
    pub facts: Vec<Fact>,
    /// Claims bearing on the incident.
    pub claims: Vec<ClaimId>,
    /// Reports it rests on.
    pub documents: Vec<DocumentId>,
    /// Flags for the analyst.
    pub flags: Vec<Flag>,
    /// Disagreements.
    pub contradictions: Vec<Contradiction>,
    /// How the story changed, by publication date.
    pub timeline: Vec<TimelineEntry>,
}

/// A mention that is not about one specific incident (a campaign, a legal remark), kept as
/// context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextMention {
    /// The mention.
    pub mention: MentionId,
    /// The claim.
    pub claim: ClaimId,
    /// The document.
    pub document: DocumentId,
    /// Aggregate, generic or hypothetical (or specific but negated).
    pub specificity: Specificity,
    /// Event type, when known.
    #[serde(rename = "type")]
    pub event_type: Option<EventType>,
    /// True when negated.
    pub negated: bool,
}

/// Documents that are copies of one original (syndicated wire copies, light rewrites). A group
/// counts as one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyndicationGroup {
    /// Group id: `g` and the id of the earliest document of the group.
    pub id: String,
    /// Members, earliest first.
    pub documents: Vec<DocumentId>,
}

/// What resolve produces from all analyses: incidents, and the mentions kept only as context.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Resolution {
    /// Incidents.
    pub incidents: Vec<Incident>,
    /// Context mentions.
    pub context: Vec<ContextMention>,
    /// Syndication groups with more than one member.
    pub syndication_groups: Vec<SyndicationGroup>,
}

/// What a stored incident holds, by id: enough for resolve to follow its reports into the next
/// run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentMembers {
    /// Its id.
    pub id: IncidentId,
    /// Claims bearing on it.
    pub claims: Vec<ClaimId>,
    /// Reports it rested on.
    pub documents: Vec<DocumentId>,
}

/// An automatic merge or split of incidents between two resolve runs, recorded so that an
/// analyst can see why an incident id disappeared or lost reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentChange {
    /// Merged or split.
    pub kind: IncidentChangeKind,
    /// The incident of the earlier run the change is about.
    pub incident: IncidentId,
    /// Merged: the incident it went into. Split: the incidents its reports now form.
    pub others: Vec<IncidentId>,
    /// Why, for a person: which claims moved where, and what changed in the input.
    pub reason: String,
}

/// An analyst's decision. Reviews are never deleted, and survive re-ingest and reanalysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Row id in the store (0 before it is stored).
    pub id: i64,
    /// What is reviewed: a claim id or an incident id.
    pub target: String,
    /// Accept, reject, merge, split or note.
    pub action: ReviewAction,
    /// For merge: the other incident.
    pub other: Option<String>,
    /// Who decided.
    pub reviewer: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_only_on_char_boundaries() {
        let text = "Nicolás Maduro";
        assert_eq!(Span::new(0, 6).slice(text), None, "byte 6 is inside the two bytes of á");
        assert_eq!(Span::new(0, 8).slice(text), Some("Nicolás"));
        assert_eq!(Span::new(0, 99).slice(text), None);
    }

    #[test]
    fn enums_serialize_with_design_identifiers() {
        let json = serde_json::to_string(&Stance::DeclinesToComment).unwrap_or_default();
        assert_eq!(json, "\"declines_to_comment\"");
        let json = serde_json::to_string(&SourceKind::GovernmentMetonym).unwrap_or_default();
        assert_eq!(json, "\"government_metonym\"");
        let json = serde_json::to_string(&EventType::AirOrDroneStrike).unwrap_or_default();
        assert_eq!(json, "\"air_or_drone_strike\"");
    }
}
