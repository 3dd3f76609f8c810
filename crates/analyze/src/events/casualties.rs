//! Casualty figures (`data/events/casualties.toml`): killed or injured, civilian, combatant or
//! unknown, as a min..max range that keeps the hedge ("at least 11" is 11 or more).

use crate::pattern::Captures;
use corroborate_model::{CasualtyGroup, CasualtyKind, CasualtyMention, Span};

use crate::pattern::{GateSet, LazyRegex};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;

use super::terms::{self, Placeholders};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the casualty file.
pub(super) const FILE: &str = "events/casualties.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CasualtyFile {
    #[serde(default)]
    known_failures: Vec<String>,
    numbers: BTreeMap<String, u32>,
    vague: Vec<Vague>,
    hedges: BTreeMap<String, String>,
    groups: BTreeMap<String, Vec<String>>,
    pattern: Vec<PatternEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vague {
    word: String,
    min: u32,
    #[serde(default)]
    max: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    pattern: String,
    kinds: Vec<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    inferred: bool,
    examples: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    text: String,
    /// Each figure as "kind group min-max", `?` for an open bound, " inferred" when inferred.
    expect: Vec<String>,
}

/// How a hedge word bends the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    /// "at least N": N or more.
    AtLeast,
    /// "more than N": N+1 or more.
    Above,
    /// "up to N", "nearly N": at most N.
    AtMost,
    /// "about N": N.
    About,
}

#[derive(Debug)]
struct Pattern {
    id: String,
    regex: LazyRegex,
    kinds: Vec<CasualtyKind>,
    group: Option<CasualtyGroup>,
    count: Option<u32>,
    inferred: bool,
    examples: Vec<Example>,
}

/// Compiled casualty patterns.
#[derive(Debug)]
pub(super) struct CasualtyLexicon {
    patterns: Vec<Pattern>,
    /// The literal checks of `patterns`, one scan of a span for all of them.
    gates: GateSet,
    numbers: BTreeMap<String, u32>,
    vague: BTreeMap<String, (u32, Option<u32>)>,
    hedges: BTreeMap<String, Hedge>,
    groups: BTreeMap<String, CasualtyGroup>,
    known_failures: Vec<String>,
}

fn words(map_keys: impl Iterator<Item = String>) -> Vec<String> {
    map_keys.collect()
}

impl CasualtyLexicon {
    /// Compiles `events/casualties.toml`.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let file: CasualtyFile = terms::load(files, FILE)?;
        let numbers: BTreeMap<String, u32> =
            file.numbers.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let vague: BTreeMap<String, (u32, Option<u32>)> =
            file.vague.iter().map(|v| (v.word.to_lowercase(), (v.min, v.max))).collect();
        let mut hedges = BTreeMap::new();
        for (word, meaning) in &file.hedges {
            let hedge = match meaning.as_str() {
                "at_least" => Hedge::AtLeast,
                "above" => Hedge::Above,
                "at_most" => Hedge::AtMost,
                "about" => Hedge::About,
                other => {
                    return Err(terms::invalid(
                        FILE,
                        format!("hedge {word:?}: unknown meaning {other:?}; use at_least, above, at_most or about"),
                    ))
                }
            };
            hedges.insert(word.to_lowercase(), hedge);
        }
        let mut groups = BTreeMap::new();
        for (name, nouns) in &file.groups {
            let group = CasualtyGroup::from_str(name)
                .map_err(|err| terms::invalid(FILE, format!("groups: {err}")))?;
            for noun in nouns {
                groups.insert(noun.to_lowercase(), group);
            }
        }
        let mut placeholders = Placeholders::default();
        let mut number_words = words(numbers.keys().cloned());
        number_words.extend(vague.keys().cloned());
        let mut alternation: Vec<String> = number_words.iter().map(|w| regex::escape(w)).collect();
        alternation.sort_by_key(|w| std::cmp::Reverse(w.len()));
        placeholders.fragment("NUM", &format!(r"\d{{1,3}}(?:,\d{{3}})*|{}", alternation.join("|")));
        placeholders.words("HEDGE", &words(hedges.keys().cloned()));
        placeholders.words("GROUP", &words(groups.keys().cloned()));

        let mut patterns = Vec::new();
        for entry in file.pattern {
            let kinds = entry
                .kinds
                .iter()
                .map(|k| CasualtyKind::from_str(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|err| terms::invalid(FILE, format!("entry {}: {err}", entry.id)))?;
            let group =
                match &entry.group {
                    Some(g) => Some(CasualtyGroup::from_str(g).map_err(|err| {
                        terms::invalid(FILE, format!("entry {}: {err}", entry.id))
                    })?),
                    None => None,
                };
            let regex = terms::regex(FILE, &entry.id, &entry.pattern, &placeholders)?;
            patterns.push(Pattern {
                id: entry.id,
                regex,
                kinds,
                group,
                count: entry.count,
                inferred: entry.inferred,
                examples: entry.examples,
            });
        }
        Ok(CasualtyLexicon {
            patterns,
            gates: GateSet::default(),
            numbers,
            vague,
            hedges,
            groups,
            known_failures: file.known_failures,
        })
    }

    /// Casualty figures inside `within`, in text order; a stretch of text gives figures from
    /// one pattern only, and each (kind, group) is reported once.
    pub(super) fn find(&self, text: &str, within: &[Span]) -> Vec<CasualtyMention> {
        let mut matches: Vec<(Span, usize, Captures<'_>)> = Vec::new();
        for span in within {
            let window = span.slice(text).unwrap_or_default();
            let passing = self.gates.passing(|| self.patterns.iter().map(|p| &p.regex), window);
            for ((idx, pattern), _) in
                self.patterns.iter().enumerate().zip(passing).filter(|(_, passes)| *passes)
            {
                for (found, caps) in terms::find_in_passed(&pattern.regex, text, *span) {
                    matches.push((found, idx, caps));
                }
            }
        }
        matches.sort_by_key(|(span, idx, _)| (span.start, std::cmp::Reverse(span.end), *idx));
        let mut taken: Vec<Span> = Vec::new();
        let mut out: Vec<CasualtyMention> = Vec::new();
        for (span, idx, caps) in matches {
            if taken.iter().any(|t| t.overlaps(span)) {
                continue;
            }
            let Some(pattern) = self.patterns.get(idx) else { continue };
            let Some((min, max)) = self.range(pattern, &caps) else { continue };
            taken.push(span);
            let group = pattern.group.unwrap_or_else(|| {
                caps.name("group")
                    .and_then(|g| self.groups.get(&g.as_str().to_lowercase()).copied())
                    .unwrap_or(CasualtyGroup::Unknown)
            });
            for kind in &pattern.kinds {
                if out.iter().any(|c| c.kind == *kind && c.group == group) {
                    continue;
                }
                out.push(CasualtyMention {
                    kind: *kind,
                    group,
                    min,
                    max,
                    inferred: pattern.inferred,
                    span,
                });
            }
        }
        out
    }

    fn value(&self, raw: &str) -> Option<(u32, Option<u32>)> {
        let raw = raw.to_lowercase();
        if let Ok(n) = raw.replace(',', "").parse::<u32>() {
            return Some((n, Some(n)));
        }
        if let Some(n) = self.numbers.get(&raw) {
            return Some((*n, Some(*n)));
        }
        self.vague.get(&raw).copied()
    }

    fn range(&self, pattern: &Pattern, caps: &Captures<'_>) -> Option<(Option<u32>, Option<u32>)> {
        if let Some(count) = pattern.count {
            return Some((Some(count), Some(count)));
        }
        let (low, high) = self.value(caps.name("num")?.as_str())?;
        let high = match caps.name("num2") {
            Some(second) => self.value(second.as_str())?.1,
            None => high,
        };
        let hedge = caps.name("hedge").and_then(|h| self.hedges.get(&h.as_str().to_lowercase()));
        Some(match hedge {
            Some(Hedge::AtLeast) => (Some(low), None),
            Some(Hedge::Above) => (Some(low.saturating_add(1)), None),
            Some(Hedge::AtMost) => (None, high),
            Some(Hedge::About) | None => (Some(low), high),
        })
    }

    /// Runs every example; returns failures not listed in `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        for pattern in &self.patterns {
            for ex in &pattern.examples {
                let found = self.find(&ex.text, &[Span::new(0, ex.text.len())]);
                let got: Vec<String> = found.iter().map(describe).collect();
                if got != ex.expect && !self.known_failures.contains(&pattern.id) {
                    failures.push((pattern.id.clone(), format!("{:?} gave {got:?}", ex.text)));
                }
            }
        }
        failures
    }
}

/// "killed civilian 0-0", "killed unknown 11-?", with " inferred" when inferred.
pub(super) fn describe(c: &CasualtyMention) -> String {
    let bound = |b: Option<u32>| b.map(|n| n.to_string()).unwrap_or_else(|| "?".to_string());
    let inferred = if c.inferred { " inferred" } else { "" };
    format!("{} {} {}-{}{inferred}", c.kind, c.group, bound(c.min), bound(c.max))
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lexicon() -> &'static CasualtyLexicon {
        &crate::events::tests::lexicon().casualties
    }

    #[test]
    fn an_empty_site_and_no_civilian_casualties_give_three_zeros() {
        let text = "The warehouse was reportedly deserted when the missile hit, and no \
                    civilian casualties were recorded by medics, residents said.";
        let got: Vec<String> =
            lexicon().find(text, &[Span::new(0, text.len())]).iter().map(describe).collect();
        assert_eq!(
            got,
            ["killed unknown 0-0 inferred", "killed civilian 0-0", "injured civilian 0-0"]
        );
    }
}
