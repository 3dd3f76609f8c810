//! Event types and how specific a mention is: trigger terms (`data/events/types.toml`),
//! anaphoric event nouns, and the specificity and negation cues (`data/events/cues.toml`).

use crate::pattern::{GateSet, LazyRegex};
use corroborate_model::{EventType, Span, Specificity};
use serde::Deserialize;
use std::str::FromStr;

use super::terms::{self, Placeholders, TermMatcher};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the event type file.
pub(super) const TYPES_FILE: &str = "events/types.toml";
/// Relative name of the specificity and negation cue file.
pub(super) const CUES_FILE: &str = "events/cues.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypesFile {
    #[serde(default)]
    known_failures: Vec<String>,
    #[serde(rename = "type")]
    types: Vec<TypeEntry>,
    anaphor: Vec<CueEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeEntry {
    id: String,
    event_type: String,
    #[allow(dead_code)]
    description: String,
    #[allow(dead_code)]
    acled_event_type: String,
    #[allow(dead_code)]
    acled_sub_event_type: String,
    /// Terms that name this type on their own ("drone strike").
    triggers: Vec<String>,
    /// Terms that name this type only when no stronger trigger is present ("strike").
    #[serde(default)]
    weak_triggers: Vec<String>,
    /// The type to use instead when the target object is a vessel ("struck a boat").
    #[serde(default)]
    vessel_type: Option<String>,
    /// Whether a land target (a dock, a truck) lets a weak trigger name this type.
    #[serde(default = "yes")]
    land_target_decides: bool,
    examples: Vec<TypeExample>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeExample {
    text: String,
    trigger: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    #[serde(default)]
    known_failures: Vec<String>,
    /// Plural event nouns, usable in patterns as {EVENTS}.
    events_plural: Vec<String>,
    specificity: Vec<CueEntry>,
    negation: Vec<CueEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    #[serde(default)]
    specificity: Option<String>,
    pattern: String,
    /// Texts the pattern must match.
    examples: Vec<String>,
    /// Texts the pattern must not match.
    #[serde(default)]
    counter_examples: Vec<String>,
}

#[derive(Debug)]
struct EventKind {
    id: String,
    event_type: EventType,
    vessel_type: Option<EventType>,
    land_target_decides: bool,
    examples: Vec<TypeExample>,
}

#[derive(Debug)]
struct Cue {
    id: String,
    specificity: Specificity,
    regex: LazyRegex,
    examples: Vec<String>,
    counter_examples: Vec<String>,
}

/// A trigger found in a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Trigger {
    /// The trigger words.
    pub(super) span: Span,
    /// Type it names, `None` for an anaphor ("the mission").
    pub(super) event_type: Option<EventType>,
    /// Type to use when the target object is a vessel.
    pub(super) vessel_type: Option<EventType>,
    /// False for weak triggers and anaphors.
    pub(super) strong: bool,
    /// For a weak trigger: whether a land target lets it name its type.
    pub(super) land_target_decides: bool,
}

/// Compiled event-type triggers, anaphors, specificity and negation cues.
#[derive(Debug)]
pub(super) struct TypeLexicon {
    kinds: Vec<EventKind>,
    /// Entry index is `kind * 2 + (weak as usize)`.
    triggers: TermMatcher,
    anaphors: Vec<Cue>,
    specificity: Vec<Cue>,
    /// The literal checks of `specificity`, one scan of a span for all of them.
    specificity_gates: GateSet,
    negation: Vec<Cue>,
    /// The literal checks of `negation`.
    negation_gates: GateSet,
    known_failures: Vec<String>,
}

/// The first cue of `cues` (by file order) that matches inside one of `within`, with the span
/// of that match; `gates` are the cues' literal checks.
fn first_cue<'c>(
    cues: &'c [Cue],
    gates: &GateSet,
    text: &str,
    within: &[Span],
) -> Option<(&'c Cue, Span)> {
    let passing: Vec<Vec<bool>> = within
        .iter()
        .map(|span| {
            gates.passing(|| cues.iter().map(|c| &c.regex), span.slice(text).unwrap_or_default())
        })
        .collect();
    cues.iter().enumerate().find_map(|(at, cue)| {
        within.iter().zip(&passing).find_map(|(span, passes)| {
            if !passes.get(at).copied().unwrap_or(true) {
                return None;
            }
            terms::find_in_passed(&cue.regex, text, *span).first().map(|(s, _)| (cue, *s))
        })
    })
}

fn event_type(file: &str, id: &str, name: &str) -> Result<EventType, ResourceError> {
    EventType::from_str(name).map_err(|err| terms::invalid(file, format!("entry {id}: {err}")))
}

fn compile_cues(
    file: &str,
    entries: Vec<CueEntry>,
    placeholders: &Placeholders,
    default: Specificity,
) -> Result<Vec<Cue>, ResourceError> {
    entries
        .into_iter()
        .map(|entry| {
            let specificity = match &entry.specificity {
                Some(name) => Specificity::from_str(name)
                    .map_err(|err| terms::invalid(file, format!("entry {}: {err}", entry.id)))?,
                None => default,
            };
            let regex = terms::regex(file, &entry.id, &entry.pattern, placeholders)?;
            Ok(Cue {
                id: entry.id,
                specificity,
                regex,
                examples: entry.examples,
                counter_examples: entry.counter_examples,
            })
        })
        .collect()
}

impl TypeLexicon {
    /// Compiles `events/types.toml` and `events/cues.toml`.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let types: TypesFile = terms::load(files, TYPES_FILE)?;
        let cues: CuesFile = terms::load(files, CUES_FILE)?;
        let mut kinds = Vec::new();
        let mut trigger_terms = Vec::new();
        for (idx, entry) in types.types.into_iter().enumerate() {
            let event_type = event_type(TYPES_FILE, &entry.id, &entry.event_type)?;
            let vessel_type = match &entry.vessel_type {
                Some(name) => Some(self::event_type(TYPES_FILE, &entry.id, name)?),
                None => None,
            };
            trigger_terms.extend(entry.triggers.iter().map(|t| (t.clone(), idx * 2)));
            trigger_terms.extend(entry.weak_triggers.iter().map(|t| (t.clone(), idx * 2 + 1)));
            kinds.push(EventKind {
                id: entry.id,
                event_type,
                vessel_type,
                land_target_decides: entry.land_target_decides,
                examples: entry.examples,
            });
        }
        let mut placeholders = Placeholders::default();
        placeholders.words("EVENTS", &cues.events_plural);
        let mut known_failures = types.known_failures;
        known_failures.extend(cues.known_failures);
        Ok(TypeLexicon {
            kinds,
            triggers: TermMatcher::new(TYPES_FILE, trigger_terms, true)?,
            anaphors: compile_cues(
                TYPES_FILE,
                types.anaphor,
                &placeholders,
                Specificity::Specific,
            )?,
            specificity: compile_cues(
                CUES_FILE,
                cues.specificity,
                &placeholders,
                Specificity::Specific,
            )?,
            specificity_gates: GateSet::default(),
            negation: compile_cues(CUES_FILE, cues.negation, &placeholders, Specificity::Specific)?,
            negation_gates: GateSet::default(),
            known_failures,
        })
    }

    /// Triggers and anaphors inside `within`, in text order.
    pub(super) fn triggers(&self, text: &str, within: Span) -> Vec<Trigger> {
        let mut found: Vec<Trigger> = self
            .triggers
            .find(text, within)
            .into_iter()
            .filter_map(|hit| {
                let kind = self.kinds.get(hit.entry / 2)?;
                Some(Trigger {
                    span: hit.span,
                    event_type: Some(kind.event_type),
                    vessel_type: kind.vessel_type,
                    strong: hit.entry % 2 == 0,
                    land_target_decides: kind.land_target_decides,
                })
            })
            .collect();
        for anaphor in &self.anaphors {
            for (span, _) in terms::find_in(&anaphor.regex, text, within) {
                if !found.iter().any(|t| t.span.overlaps(span)) {
                    found.push(Trigger {
                        span,
                        event_type: None,
                        vessel_type: None,
                        strong: false,
                        land_target_decides: false,
                    });
                }
            }
        }
        found.sort_by_key(|t| t.span.start);
        found
    }

    /// The first specificity cue that matches inside `within`, by file order (so generic and
    /// hypothetical cues, listed first, win over aggregate ones).
    pub(super) fn specificity(&self, text: &str, within: &[Span]) -> Option<(Specificity, Span)> {
        first_cue(&self.specificity, &self.specificity_gates, text, within)
            .map(|(cue, span)| (cue.specificity, span))
    }

    /// The first negation cue inside `within`: the claim says the event or role did not happen.
    pub(super) fn negation(&self, text: &str, within: &[Span]) -> Option<Span> {
        first_cue(&self.negation, &self.negation_gates, text, within).map(|(_, span)| span)
    }

    /// Runs every example; returns failures not listed in `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        for kind in &self.kinds {
            for ex in &kind.examples {
                let found = self.triggers(&ex.text, Span::new(0, ex.text.len()));
                let ok = found.iter().any(|t| {
                    t.event_type == Some(kind.event_type)
                        && t.span.slice(&ex.text) == Some(&ex.trigger)
                });
                if !ok && !self.known_failures.contains(&kind.id) {
                    failures.push((kind.id.clone(), format!("{:?} gave {found:?}", ex.text)));
                }
            }
        }
        for cue in self.anaphors.iter().chain(&self.specificity).chain(&self.negation) {
            for ex in &cue.examples {
                if !cue.regex.is_match(ex) && !self.known_failures.contains(&cue.id) {
                    failures.push((cue.id.clone(), format!("{ex:?} did not match")));
                }
            }
            for ex in &cue.counter_examples {
                if cue.regex.is_match(ex) && !self.known_failures.contains(&cue.id) {
                    failures.push((cue.id.clone(), format!("{ex:?} matched but should not")));
                }
            }
        }
        failures
    }
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lexicon() -> &'static TypeLexicon {
        &crate::events::tests::lexicon().types
    }

    #[test]
    fn the_longest_trigger_wins() {
        let text = "an army-led UAV operation was reported";
        let found = lexicon().triggers(text, Span::new(0, text.len()));
        assert_eq!(found[0].span.slice(text), Some("UAV operation"));
        assert_eq!(found[0].event_type, Some(EventType::AirOrDroneStrike));
        assert!(found[0].strong);
    }
}
