//! Analyze: finds sentences, sources, attributed claims and event mentions in one [`Document`].
//!
//! The stage is a plain function, [`analyze`], over a document and the [`Resources`] (lexicons,
//! rules, gazetteer) compiled once at start-up. It does no I/O and never fails as a whole: what
//! it cannot read becomes a [`corroborate_model::Diagnostic`].
//!
//! ```text
//! Document ─▶ sentences ─▶ attribution (sources, cues, stance, form) ─▶ claims
//!                                   └─▶ events (type, time, place, actors, casualties) ─▶ mentions
//! ```
//!
//! Every rule and lexicon entry is data (`data/*.toml` at the repository root, embedded at build
//! time and overridable by the user); every claim records the id of the rule that produced it.
#![deny(missing_docs)]

mod attribution;
mod events;
mod pattern;
mod pattern_table;
mod resources;
mod sentences;

pub use attribution::{is_ly_adverb, LEARNED_RULE_ID};
pub use resources::{ResourceError, Resources, TimeResources};

use corroborate_model::{Analysis, Document, TimeExpression, PIPELINE_VERSION};

/// Trains the learned cue detector of attribution on documents with the byte spans of their
/// gold cues, and returns the text of `attribution/cue-model.tsv`. `epochs` passes are made;
/// features seen fewer than `min_count` times are dropped.
pub fn train_cue_model(
    docs: &[(Document, Vec<(usize, usize)>)],
    resources: &Resources,
    epochs: usize,
    min_count: u32,
) -> String {
    attribution::train_cue_model(docs, &resources.attribution, epochs, min_count)
}

/// Analyses one document: sentences, claims, event mentions, time expressions and diagnostics.
pub fn analyze(doc: &Document, resources: &Resources) -> Analysis {
    let sentences = sentences::split(doc, &resources.attribution);
    let claims = attribution::find_claims(doc, &sentences, &resources.attribution);
    let events::Events { mentions, time_expressions, diagnostics } =
        events::find_events(doc, &sentences, &claims, &resources.events);
    Analysis {
        pipeline_version: PIPELINE_VERSION,
        sentences,
        claims,
        mentions,
        time_expressions,
        diagnostics,
    }
}

/// The document's time expressions, as [`analyze`] reports them in
/// [`Analysis::time_expressions`] (same spans, types and values, in text order), found with
/// only the sentence splitter and the time patterns. No claims or event mentions are read, so
/// every expression has the role [`corroborate_model::TimeRole::Other`].
pub fn time_expressions(doc: &Document, resources: &TimeResources) -> Vec<TimeExpression> {
    let sentences = sentences::split(doc, resources.sentence_rules());
    events::find_times(doc, &sentences, &resources.time)
}
