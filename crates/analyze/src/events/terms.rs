//! Shared machinery for the event lexicons: loading TOML data files, expanding placeholders in
//! patterns, and matching term lists on word boundaries.
//!
//! Everything here runs at compile time of the [`super::Lexicon`] except [`TermMatcher::find`]
//! and the small text helpers, which run per claim.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use corroborate_model::Span;

use crate::pattern::LazyRegex;
use serde::de::DeserializeOwned;

use crate::resources::{DataFiles, ResourceError};

/// Parses the data file `name` into `T`, naming the file (and the line, via toml's message) on
/// failure.
pub(super) fn load<T: DeserializeOwned>(files: &DataFiles, name: &str) -> Result<T, ResourceError> {
    let text = files.get(name)?;
    toml::from_str(text).map_err(|err| invalid(name, err.to_string().trim_end()))
}

/// A [`ResourceError::Invalid`] for `file`.
pub(super) fn invalid(file: &str, message: impl Into<String>) -> ResourceError {
    ResourceError::Invalid { file: file.to_string(), message: message.into() }
}

/// Named fragments that patterns may use as `{NAME}`; each value is a regex fragment.
#[derive(Debug, Default, Clone)]
pub(super) struct Placeholders {
    pairs: Vec<(String, String)>,
}

impl Placeholders {
    /// Adds `{name}` standing for a non-capturing alternation of `words` (longest first, so that
    /// "December" wins over "Dec").
    pub(super) fn words(&mut self, name: &str, words: &[String]) {
        let mut words: Vec<&String> = words.iter().collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alternation = words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
        self.pairs.push((format!("{{{name}}}"), format!("(?:{alternation})")));
    }

    /// Adds `{name}` standing for the regex fragment `fragment`.
    pub(super) fn fragment(&mut self, name: &str, fragment: &str) {
        self.pairs.push((format!("{{{name}}}"), format!("(?:{fragment})")));
    }

    /// `pattern` with every known placeholder replaced. Unknown braces (regex repetition such as
    /// `{1,2}`) are left alone.
    pub(super) fn expand(&self, pattern: &str) -> String {
        let mut out = pattern.to_string();
        for (key, value) in &self.pairs {
            if out.contains(key.as_str()) {
                out = out.replace(key.as_str(), value);
            }
        }
        out
    }
}

/// Compiles the pattern of entry `id` in `file`, case-insensitively, after expanding
/// placeholders.
pub(super) fn regex(
    file: &str,
    id: &str,
    pattern: &str,
    placeholders: &Placeholders,
) -> Result<LazyRegex, ResourceError> {
    let expanded = placeholders.expand(pattern);
    crate::pattern::compile(&format!("(?i){expanded}"))
        .map_err(|err| invalid(file, format!("entry {id}: pattern does not compile: {err}")))
}

/// One term found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TermHit {
    /// Where the term lies in the document text.
    pub(super) span: Span,
    /// Index of the lexicon entry the term belongs to.
    pub(super) entry: usize,
}

/// Finds the terms of a lexicon on word boundaries, longest first, without overlaps.
#[derive(Debug)]
pub(super) struct TermMatcher {
    automaton: Option<AhoCorasick>,
    entries: Vec<usize>,
}

impl TermMatcher {
    /// A matcher over `(term, entry index)` pairs. Proper-noun lexicons (places, actors) pass
    /// `case_insensitive = false` so that "US" does not match the pronoun "us".
    pub(super) fn new(
        file: &str,
        terms: Vec<(String, usize)>,
        case_insensitive: bool,
    ) -> Result<Self, ResourceError> {
        let terms: Vec<(String, usize)> =
            terms.into_iter().filter(|(term, _)| !term.trim().is_empty()).collect();
        if terms.is_empty() {
            return Ok(TermMatcher { automaton: None, entries: Vec::new() });
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::Standard)
            .build(terms.iter().map(|(term, _)| term.as_str()))
            .map_err(|err| invalid(file, format!("term list does not compile: {err}")))?;
        let entries = terms.iter().map(|(_, entry)| *entry).collect();
        Ok(TermMatcher { automaton: Some(automaton), entries })
    }

    /// Terms inside `within` of `text`, in text order: at each position the longest term that
    /// starts and ends on a word boundary, never overlapping an earlier one.
    pub(super) fn find(&self, text: &str, within: Span) -> Vec<TermHit> {
        let (Some(automaton), Some(window)) = (&self.automaton, within.slice(text)) else {
            return Vec::new();
        };
        let mut candidates: Vec<TermHit> = automaton
            .find_overlapping_iter(window)
            .filter(|m| on_word_boundaries(window, m.start(), m.end()))
            .filter_map(|m| {
                let entry = *self.entries.get(m.pattern().as_usize())?;
                let span = Span::new(within.start + m.start(), within.start + m.end());
                Some(TermHit { span, entry })
            })
            .collect();
        candidates.sort_by_key(|hit| (hit.span.start, std::cmp::Reverse(hit.span.end)));
        let mut chosen: Vec<TermHit> = Vec::new();
        for hit in candidates {
            match chosen.last() {
                Some(last) if last.span.end > hit.span.start => {}
                _ => chosen.push(hit),
            }
        }
        chosen
    }
}

/// True when `text[start..end]` neither starts nor ends inside a word.
pub(super) fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let joins = |outer: Option<char>, inner: Option<char>| match (outer, inner) {
        (Some(o), Some(i)) => o.is_alphanumeric() && i.is_alphanumeric(),
        _ => false,
    };
    !joins(before, first) && !joins(after, last)
}

/// Up to `max_bytes` of text before `at`, cut back to a char boundary, never before `floor`.
pub(super) fn text_before(text: &str, floor: usize, at: usize, max_bytes: usize) -> &str {
    let mut start = at.saturating_sub(max_bytes).max(floor);
    while start < at && !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..at).unwrap_or("")
}

/// Up to `max_bytes` of text after `at`, cut back to a char boundary, never beyond `ceiling`.
pub(super) fn text_after(text: &str, at: usize, ceiling: usize, max_bytes: usize) -> &str {
    let mut end = at.saturating_add(max_bytes).min(ceiling).min(text.len());
    while end > at && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(at..end).unwrap_or("")
}

/// A regex match of `re` inside `within`, as document spans with capture access.
pub(super) fn find_in<'t>(
    re: &LazyRegex,
    text: &'t str,
    within: Span,
) -> Vec<(Span, crate::pattern::Captures<'t>)> {
    spans(text, within, |window| re.captures_iter(window))
}

/// [`find_in`] for a pattern that the [`crate::pattern::GateSet`] of its list has just passed
/// on the text of `within` (see [`LazyRegex::captures_iter_passed`]).
pub(super) fn find_in_passed<'t>(
    re: &LazyRegex,
    text: &'t str,
    within: Span,
) -> Vec<(Span, crate::pattern::Captures<'t>)> {
    spans(text, within, |window| re.captures_iter_passed(window))
}

/// The matches that `search` finds in the text of `within`, with their document spans.
fn spans<'t, I>(
    text: &'t str,
    within: Span,
    search: impl FnOnce(&'t str) -> I,
) -> Vec<(Span, crate::pattern::Captures<'t>)>
where
    I: Iterator<Item = crate::pattern::Captures<'t>>,
{
    let Some(window) = within.slice(text) else {
        return Vec::new();
    };
    search(window)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            Some((Span::new(within.start + whole.start(), within.start + whole.end()), caps))
        })
        .collect()
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_on_word_boundaries_longest_first() {
        let matcher = TermMatcher::new(
            "test",
            vec![("U.S.".into(), 0), ("U.S. Navy".into(), 1), ("Navy".into(), 2)],
            false,
        )
        .unwrap();
        let text = "The U.S. Navy and the Navyseal; U.S.";
        let hits = matcher.find(text, Span::new(0, text.len()));
        let found: Vec<(&str, usize)> =
            hits.iter().map(|h| (h.span.slice(text).unwrap(), h.entry)).collect();
        assert_eq!(found, vec![("U.S. Navy", 1), ("U.S.", 0)]);
    }

    #[test]
    fn placeholders_leave_regex_repetition_alone() {
        let mut ph = Placeholders::default();
        ph.words("MONTH", &["Dec".to_string(), "December".to_string()]);
        assert_eq!(ph.expand(r"{MONTH}\s+\d{1,2}"), r"(?:December|Dec)\s+\d{1,2}");
    }

    #[test]
    fn context_windows_stay_on_char_boundaries() {
        let text = "Bogotá said";
        assert_eq!(text_before(text, 0, 7, 2), "á");
        assert_eq!(text_after(text, 0, text.len(), 6), "Bogot");
    }
}
