//! Excerpts of search hits: a few words of a text around the first word the search matched,
//! cut in Rust from the stored text.
//!
//! FTS5's `snippet()`, which this replaced, only worked on a row inside a `MATCH` query, so
//! each hit's excerpt ran the whole query again; the search index (`crate::search`) keeps no
//! positions at all. The words here are what the person typed, and the text is split and
//! folded as the index splits and folds it (runs of letters and digits, lower case, ASCII), so
//! the window lands on the word the index matched: "perez" on "Pérez".

use tantivy::tokenizer::TokenStream;

/// One searched word: its letters folded as the index folds them, and whether a longer word
/// matches it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchWord {
    /// The word as typed.
    pub(crate) typed: String,
    /// The word folded as the index folds it (`crate::search::fold`), for comparing with the
    /// text's words.
    pub(crate) folded: String,
    /// True for the last word of a search, which matches as a prefix.
    pub(crate) prefix: bool,
}

impl SearchWord {
    /// True when `token`, a word of a text folded as the index folds it, is this word (or
    /// starts with it, for a prefix).
    fn matches(&self, token: &str) -> bool {
        !self.folded.is_empty()
            && (token == self.folded || (self.prefix && token.starts_with(&self.folded)))
    }
}

/// Words shown before the first match, so that it reads in context (at most a quarter of the
/// excerpt).
const LEAD_WORDS: usize = 3;

/// About `length` words of `text` around the first word matching one of `words`, with `…` where
/// the text goes on before or after; the start of the text when nothing matches.
pub(crate) fn excerpt(text: &str, words: &[SearchWord], length: usize) -> String {
    let tokens: Vec<(usize, usize)> = token_spans(text).collect();
    if tokens.is_empty() || length == 0 {
        return String::new();
    }
    // The first word the index would have matched: the text folded as the index folds it,
    // so that "perez" lands on "Pérez"; its place among the plain words by where it starts.
    let mut analyzer = crate::search::analyzer();
    let mut folded = analyzer.token_stream(text);
    let mut matched_at = None;
    while let Some(token) = folded.next() {
        if words.iter().any(|word| word.matches(&token.text)) {
            matched_at = Some(token.offset_from);
            break;
        }
    }
    let first_match =
        matched_at.and_then(|at| tokens.iter().position(|&(start, _)| start == at)).unwrap_or(0);
    let lead = LEAD_WORDS.min(length / 4);
    let start = first_match.saturating_sub(lead).min(tokens.len().saturating_sub(length));
    let end = (start + length).min(tokens.len());
    let mut cut = String::new();
    if start > 0 {
        cut.push('…');
    }
    cut.push_str(&text[tokens[start].0..tokens[end - 1].1]);
    if end < tokens.len() {
        cut.push('…');
    }
    cut
}

/// Byte ranges of the words of `text`: runs of letters and digits.
fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(typed: &str, prefix: bool) -> SearchWord {
        SearchWord { typed: typed.into(), folded: crate::search::fold(typed), prefix }
    }

    #[test]
    fn the_window_opens_a_few_words_before_the_first_match() {
        let text =
            "One two three four five six seven. A Drone struck the depot at dawn, officials said.";
        let cut = excerpt(text, &[word("drone", false)], 6);
        assert_eq!(cut, "…A Drone struck the depot at…");
        // A text no longer than the excerpt comes whole, whatever matched.
        let cut = excerpt(text, &[word("nothing", false), word("drone", false)], 16);
        assert_eq!(cut, text.trim_end_matches('.'));
        let cut = excerpt(text, &[word("nothing", false), word("drone", false)], 12);
        assert_eq!(cut, "…five six seven. A Drone struck the depot at dawn, officials said");
        // A prefix matches a longer word; a whole word does not.
        assert_eq!(excerpt(text, &[word("offic", true)], 3), "…dawn, officials said");
        assert_eq!(excerpt(text, &[word("offic", false)], 3), "One two three…");
    }

    #[test]
    fn short_texts_and_texts_without_words_are_whole_or_empty() {
        assert_eq!(excerpt("A dock.", &[word("dock", false)], 16), "A dock");
        assert_eq!(excerpt(" -- ", &[word("dock", false)], 16), "");
        // Multi-byte letters stay whole, and accents are folded on both sides.
        assert_eq!(excerpt("Ärger über Köln", &[word("köln", false)], 1), "…Köln");
        assert_eq!(excerpt("Ärger über Köln", &[word("koln", false)], 1), "…Köln");
        assert_eq!(excerpt("Ärger über Köln", &[word("UBER", false)], 1), "…über…");
    }
}
