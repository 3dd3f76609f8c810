//! Target objects (`data/events/targets.toml`): what was struck, raided or seized, with the
//! setting its category implies (a dock is on land; a boat says nothing about whose waters).

use crate::pattern::LazyRegex;
use corroborate_model::{Setting, Span, TargetObject};
use serde::Deserialize;
use std::str::FromStr;

use super::terms::{self, Placeholders, TermMatcher};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the target file.
pub(super) const FILE: &str = "events/targets.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFile {
    #[serde(default)]
    known_failures: Vec<String>,
    focus_before: String,
    location_before: String,
    /// Text before a term that names what the target served, not the target ("a point for
    /// launching boats").
    #[serde(default)]
    purpose_before: Option<String>,
    modifier_followers: Vec<String>,
    target: Vec<TargetEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetEntry {
    id: String,
    category: String,
    #[allow(dead_code)]
    description: String,
    terms: Vec<String>,
    #[serde(default)]
    setting: Option<String>,
    #[serde(default)]
    vessel: bool,
    examples: Vec<TargetExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetExample {
    text: String,
    category: Option<String>,
}

#[derive(Debug)]
struct Category {
    id: String,
    category: String,
    setting: Option<Setting>,
    vessel: bool,
    examples: Vec<TargetExample>,
}

/// A target object with what its category implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    /// The object, as the model keeps it.
    pub(super) object: TargetObject,
    /// Setting implied by the category, if any.
    pub(super) setting: Option<Setting>,
    /// True for boats, ships and semi-submersibles.
    pub(super) vessel: bool,
}

/// Compiled target lexicon.
#[derive(Debug)]
pub(super) struct TargetLexicon {
    categories: Vec<Category>,
    matcher: TermMatcher,
    focus_before: LazyRegex,
    location_before: LazyRegex,
    purpose_before: Option<LazyRegex>,
    modifier_followers: Vec<String>,
    known_failures: Vec<String>,
}

impl TargetLexicon {
    /// Compiles `events/targets.toml`.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let file: TargetFile = terms::load(files, FILE)?;
        let placeholders = Placeholders::default();
        let mut categories = Vec::new();
        let mut all_terms = Vec::new();
        for (idx, entry) in file.target.into_iter().enumerate() {
            let setting =
                match &entry.setting {
                    Some(name) => Some(Setting::from_str(name).map_err(|err| {
                        terms::invalid(FILE, format!("entry {}: {err}", entry.id))
                    })?),
                    None => None,
                };
            all_terms.extend(entry.terms.iter().map(|t| (t.clone(), idx)));
            categories.push(Category {
                id: entry.id,
                category: entry.category,
                setting,
                vessel: entry.vessel,
                examples: entry.examples,
            });
        }
        Ok(TargetLexicon {
            categories,
            matcher: TermMatcher::new(FILE, all_terms, true)?,
            focus_before: terms::regex(FILE, "focus_before", &file.focus_before, &placeholders)?,
            location_before: terms::regex(
                FILE,
                "location_before",
                &file.location_before,
                &placeholders,
            )?,
            purpose_before: file
                .purpose_before
                .as_deref()
                .map(|p| terms::regex(FILE, "purpose_before", p, &placeholders))
                .transpose()?,
            modifier_followers: file.modifier_followers.iter().map(|w| w.to_lowercase()).collect(),
            known_failures: file.known_failures,
        })
    }

    /// The target object of a claim: the first object named as struck or targeted, else the
    /// first object named at all. Objects used only to locate ("near a port"), as modifiers
    /// ("drug boat logistics") or as what the target served ("for launching boats") are skipped.
    pub(super) fn find(&self, text: &str, within: &[Span]) -> Option<Target> {
        let mut first = None;
        for span in within {
            for hit in self.matcher.find(text, *span) {
                let before = terms::text_before(text, span.start, hit.span.start, 60);
                if self.location_before.is_match(before)
                    || self.purpose_before.as_ref().is_some_and(|r| r.is_match(before))
                {
                    continue;
                }
                let after = terms::text_after(text, hit.span.end, span.end, 30);
                let next_word = after
                    .trim_start()
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if self.modifier_followers.contains(&next_word) {
                    continue;
                }
                let Some(category) = self.categories.get(hit.entry) else {
                    continue;
                };
                let target = Target {
                    object: TargetObject { category: category.category.clone(), span: hit.span },
                    setting: category.setting,
                    vessel: category.vessel,
                };
                if self.focus_before.is_match(before) {
                    return Some(target);
                }
                first.get_or_insert(target);
            }
        }
        first
    }

    /// Runs every example; returns failures not listed in `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        for category in &self.categories {
            for ex in &category.examples {
                let found = self.find(&ex.text, &[Span::new(0, ex.text.len())]);
                let got = found.as_ref().map(|t| t.object.category.clone());
                if got != ex.category && !self.known_failures.contains(&category.id) {
                    failures.push((category.id.clone(), format!("{:?} gave {got:?}", ex.text)));
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

    fn lexicon() -> &'static TargetLexicon {
        &crate::events::tests::lexicon().targets
    }

    #[test]
    fn the_struck_object_wins_over_an_earlier_mention() {
        let text =
            "speedboats were spotted; a raid on a \u{201c}dock area used for fueling speedboats.";
        let target = lexicon().find(text, &[Span::new(0, text.len())]).unwrap();
        assert_eq!(target.object.category, "dock");
        assert_eq!(target.setting, Some(Setting::Land));
    }
}
