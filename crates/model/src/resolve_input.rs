//! The slim form of an analysed report that resolve reads: only what clustering and fact
//! building use (docs/decisions/0021-slim-resolve-input.md). A stored report's text, sentences,
//! paragraphs, spans of attribution and diagnostics never reach resolve, so a million reports
//! fit in memory and the store can hand them over without decoding its text columns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{AnalyzedDocument, Claim, ClaimId, DocumentId, EventMention, Source, Stance};

/// What resolve needs of one claim: who says it, with what stance, in which sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolveClaim {
    /// Id of the claim, as [`Claim::id`].
    pub id: ClaimId,
    /// Sentence index in its document, for attaching reactions to the nearest incident.
    pub sentence: usize,
    /// Who makes it; its kind, name, affiliation and description decide the source keys.
    pub source: Source,
    /// Further sources of the same statement ("officials and residents said").
    pub co_sources: Vec<Source>,
    /// Asserts, denies, declines to comment…
    pub stance: Stance,
    /// True when the claim is (in) the headline: the outlet's own voice.
    pub in_headline: bool,
}

impl From<&Claim> for ResolveClaim {
    fn from(claim: &Claim) -> Self {
        ResolveClaim {
            id: claim.id.clone(),
            sentence: claim.sentence,
            source: claim.source.clone(),
            co_sources: claim.co_sources.clone(),
            stance: claim.stance,
            in_headline: claim.in_headline,
        }
    }
}

impl From<Claim> for ResolveClaim {
    fn from(claim: Claim) -> Self {
        ResolveClaim {
            id: claim.id,
            sentence: claim.sentence,
            source: claim.source,
            co_sources: claim.co_sources,
            stance: claim.stance,
            in_headline: claim.in_headline,
        }
    }
}

/// True for the stances whose claims bear on an incident even without an event mention of
/// their own: acknowledgements, declines, non-responses, denials and rejections. Every other
/// claim matters to resolve only through a mention.
pub fn bears_without_mention(stance: Stance) -> bool {
    matches!(
        stance,
        Stance::Confirms
            | Stance::DeclinesToComment
            | Stance::NoResponse
            | Stance::Denies
            | Stance::Rejects
    )
}

/// One report as resolve reads it: who published it and when, the syndication group ingest
/// put it in, its event mentions and the claims that support or oppose facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolveDocument {
    /// Id of the report.
    pub id: DocumentId,
    /// Publisher or site, which tells outlets apart when counting sources.
    pub publisher: Option<String>,
    /// Publication date, which orders the timeline.
    pub published: Option<NaiveDate>,
    /// Syndication group found at ingest (`g` + id of its earliest member); members of one
    /// group count as one source.
    pub syndication_group: Option<String>,
    /// The claims resolve uses ([`ResolveDocument::keeps_claim`]), in text order.
    pub claims: Vec<ResolveClaim>,
    /// Every event mention of the report, in analysis order.
    pub mentions: Vec<EventMention>,
}

impl ResolveDocument {
    /// True when resolve uses `claim` of a report whose mentions are `mentions`: a claim with
    /// an event mention, or one that bears on an incident without one
    /// ([`bears_without_mention`]).
    pub fn keeps_claim(claim: &Claim, mentions: &[EventMention]) -> bool {
        bears_without_mention(claim.stance) || mentions.iter().any(|m| m.claim == claim.id)
    }

    /// Makes the ids a report repeats point to one copy of their text: each mention's document
    /// id to the report's, and its claim id to that claim's. Ids read one by one (from the
    /// store's JSON) are separate copies; a million reports hold two fewer each this way.
    pub fn share_ids(&mut self) {
        for mention in &mut self.mentions {
            if mention.document == self.id {
                mention.document = self.id.clone();
            }
            if let Some(claim) = self.claims.iter().find(|c| c.id == mention.claim) {
                mention.claim = claim.id.clone();
            }
        }
    }

    /// The slim form of a report and its analysis, with the syndication group the document
    /// carries.
    pub fn from_analyzed(analyzed: &AnalyzedDocument) -> Self {
        let mentions = &analyzed.analysis.mentions;
        let mut document = ResolveDocument {
            id: analyzed.document.id.clone(),
            publisher: analyzed.document.publisher.clone(),
            published: analyzed.document.published,
            syndication_group: analyzed.document.syndication_group.clone(),
            claims: analyzed
                .analysis
                .claims
                .iter()
                .filter(|c| Self::keeps_claim(c, mentions))
                .map(ResolveClaim::from)
                .collect(),
            mentions: mentions.clone(),
        };
        document.share_ids();
        document
    }
}
