//! Class and id words that say what a block of a page is (menus, comments, the article body),
//! compiled once from `data/ingest/boilerplate.toml`.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use serde::Deserialize;

/// The data file, embedded in the binary.
const PATTERNS_TOML: &str = include_str!("../../../data/ingest/boilerplate.toml");

/// What a word in a class or id says about its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    /// Dropped with everything inside it before scoring.
    Unlikely,
    /// Saves an `Unlikely` element.
    Maybe,
    /// Lowers a candidate container's score.
    Negative,
    /// Raises a candidate container's score.
    Positive,
}

/// One entry of the data file. Only the tests read `id`, `description` and the examples.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Pattern {
    /// Stable id, e.g. `unlikely/comments`.
    pub(crate) id: String,
    /// What a match says.
    pub(crate) kind: Kind,
    /// Why the entry exists.
    pub(crate) description: String,
    /// Lower-case words, any of which matches.
    pub(crate) words: Vec<String>,
    /// Values that must match.
    #[serde(default)]
    pub(crate) examples: Vec<String>,
    /// Values that must not match.
    #[serde(default)]
    pub(crate) counter_examples: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    pattern: Vec<Pattern>,
}

/// The words of each kind, each kind compiled into one automaton that ignores ASCII case (an
/// element's class and id are looked at for every element of a page, so this is on the hot
/// path of extraction).
#[derive(Debug, Default)]
pub(crate) struct Patterns {
    #[cfg_attr(not(test), allow(dead_code))]
    entries: Vec<Pattern>,
    unlikely: Option<AhoCorasick>,
    maybe: Option<AhoCorasick>,
    negative: Option<AhoCorasick>,
    positive: Option<AhoCorasick>,
}

impl Patterns {
    /// The compiled data file. The file is part of the binary and tested, so a parse failure is
    /// a build defect; it then yields no patterns rather than a panic.
    pub(crate) fn get() -> &'static Patterns {
        static PATTERNS: OnceLock<Patterns> = OnceLock::new();
        PATTERNS.get_or_init(|| Patterns::parse(PATTERNS_TOML).unwrap_or_default())
    }

    fn parse(source: &str) -> Result<Patterns, toml::de::Error> {
        let file: File = toml::from_str(source)?;
        let automaton = |kind: Kind| {
            let words = file.pattern.iter().filter(|e| e.kind == kind).flat_map(|e| &e.words);
            // Only a pattern set too large for memory fails to build; a data file is not.
            AhoCorasick::builder().ascii_case_insensitive(true).build(words).ok()
        };
        Ok(Patterns {
            unlikely: automaton(Kind::Unlikely),
            maybe: automaton(Kind::Maybe),
            negative: automaton(Kind::Negative),
            positive: automaton(Kind::Positive),
            entries: file.pattern,
        })
    }

    /// True when `value` (a class or id, in any ASCII case) holds a word of `kind`.
    pub(crate) fn matches(&self, kind: Kind, value: &str) -> bool {
        let automaton = match kind {
            Kind::Unlikely => &self.unlikely,
            Kind::Maybe => &self.maybe,
            Kind::Negative => &self.negative,
            Kind::Positive => &self.positive,
        };
        !value.is_empty() && automaton.as_ref().is_some_and(|a| a.is_match(value))
    }

    /// The entries of the data file.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &[Pattern] {
        &self.entries
    }
}

/// True when `words` holds a word of `value`, for the tests of single entries.
#[cfg(test)]
fn entry_matches(entry: &Pattern, value: &str) -> bool {
    let value = value.to_ascii_lowercase();
    entry.words.iter().any(|w| value.contains(&w.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_every_kind_is_present() {
        let patterns = Patterns::parse(PATTERNS_TOML).unwrap();
        for kind in [Kind::Unlikely, Kind::Maybe, Kind::Negative, Kind::Positive] {
            assert!(patterns.entries.iter().any(|e| e.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn examples_match_and_counter_examples_do_not() {
        let patterns = Patterns::get();
        assert!(!patterns.entries().is_empty());
        for entry in patterns.entries() {
            assert!(!entry.examples.is_empty(), "{} has no examples", entry.id);
            assert!(!entry.description.trim().is_empty(), "{} has no description", entry.id);
            for example in &entry.examples {
                assert!(entry_matches(entry, example), "{}: {example}", entry.id);
            }
            for counter in &entry.counter_examples {
                assert!(!entry_matches(entry, counter), "{}: {counter}", entry.id);
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = Patterns::get().entries().iter().map(|e| e.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
