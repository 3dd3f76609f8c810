//! Paragraphs: where they lie in the stored text and what kind of block each one is.
//!
//! Text formats are split on blank lines; HTML blocks are joined with a blank line between them
//! (see [`assemble`]), so both end up as "paragraphs separated by a blank line", the shape
//! [`Document::text`](corroborate_model::Document::text) promises. Kinds are decided the same way
//! for both, with HTML able to force a subheading (an `<h2>` is one whatever its case).

use std::collections::HashSet;

use corroborate_model::{Paragraph, ParagraphKind, Span};

/// Most words a subheading may have.
const MAX_SUBHEADING_WORDS: usize = 12;

/// Short words that Title Case leaves in lower case ("Regional Tension and Legal Questions").
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "per", "the", "to", "up", "via", "vs", "with",
];

/// A block of text with, optionally, the kind its markup says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The text of the block, on one line.
    pub(crate) text: String,
    /// `Some(Subheading)` for `<h2>`–`<h6>`; `None` to let the text decide.
    pub(crate) hint: Option<ParagraphKind>,
}

/// Byte spans of the paragraphs of `text`: runs of lines separated by blank lines, each
/// trimmed of surrounding whitespace.
pub(crate) fn split(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut current: Option<Span> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            spans.extend(current.take());
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let line_span = Span::new(start + lead, start + content.trim_end().len());
        current = Some(match current {
            Some(open) => open.cover(line_span),
            None => line_span,
        });
    }
    spans.extend(current);
    spans
}

/// Joins `title` (when given) and `blocks` into one text, a blank line between paragraphs, and
/// returns it with the span and markup hint of each paragraph.
pub(crate) fn assemble(
    title: Option<&str>,
    blocks: &[Block],
) -> (String, Vec<(Span, Option<ParagraphKind>)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let title_block = title.map(|t| (t, None));
    let body = blocks.iter().map(|b| (b.text.as_str(), b.hint));
    for (block, hint) in title_block.into_iter().chain(body) {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(block);
        spans.push((Span::new(start, text.len()), hint));
    }
    (text, spans)
}

/// Decides the kind of each paragraph: the first is the headline when it reads as `title`; a
/// later copy of the headline or of an earlier paragraph is repeated; short Title Case lines
/// (or blocks the markup marks) are subheadings; the rest is body.
pub(crate) fn classify(
    text: &str,
    spans: &[(Span, Option<ParagraphKind>)],
    title: Option<&str>,
) -> Vec<Paragraph> {
    let title_key = title.map(normalise).filter(|t| !t.is_empty());
    let mut seen: HashSet<String> = HashSet::new();
    if let Some(key) = &title_key {
        seen.insert(key.clone());
    }
    let mut paragraphs = Vec::with_capacity(spans.len());
    for (idx, &(span, hint)) in spans.iter().enumerate() {
        let body = span.slice(text).unwrap_or_default();
        let key = normalise(body);
        let kind = if idx == 0 && title_key.as_deref() == Some(key.as_str()) {
            ParagraphKind::Headline
        } else if seen.contains(&key) {
            ParagraphKind::Repeated
        } else if let Some(hint) = hint {
            hint
        } else if is_subheading(body) {
            ParagraphKind::Subheading
        } else {
            ParagraphKind::Body
        };
        seen.insert(key);
        paragraphs.push(Paragraph { span, kind });
    }
    paragraphs
}

/// Collapses runs of whitespace to one space, so that copies differing only in line breaks or
/// spacing compare equal.
pub(crate) fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short single line in Title Case with no final punctuation.
pub(crate) fn is_subheading(block: &str) -> bool {
    let block = block.trim();
    if block.contains('\n') || block.ends_with(['.', ',', ';', ':', '!', '?', '"', '\u{201D}']) {
        return false;
    }
    let words: Vec<&str> = block.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_SUBHEADING_WORDS {
        return false;
    }
    let mut n_capitalised = 0;
    for (idx, word) in words.iter().enumerate() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if !first.is_alphabetic() || first.is_uppercase() {
            n_capitalised += usize::from(first.is_uppercase());
            continue;
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if idx == 0 || !MINOR_WORDS.contains(&bare.as_str()) {
            return false;
        }
    }
    n_capitalised > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
        spans.iter().map(|s| s.slice(text).unwrap_or("<bad span>")).collect()
    }

    #[test]
    fn splits_on_blank_lines_and_trims() {
        let text = "Headline\n\n  First line\nsecond line  \n \n\nLast\n";
        assert_eq!(slices(text, &split(text)), ["Headline", "First line\nsecond line", "Last"]);
        assert!(split("").is_empty());
        assert!(split("\n \n").is_empty());
    }

    #[test]
    fn subheadings_are_short_title_case_lines_without_final_punctuation() {
        for yes in [
            "Contradictory Accounts From Navy Officials",
            "Minister Recalls Harbor Blast, Gives Few Specifics",
            "Border Disputes and Funding Doubts Linger",
            "What Comes Next",
            "2025 in Review",
        ] {
            assert!(is_subheading(yes), "{yes}");
        }
        for no in [
            "The dock was empty.",
            "Officials said nothing",
            "and Then Some",
            "A Very Long Heading That Goes On And On Past The Limit Of Twelve Words Here",
            "Who Ordered It?",
            "",
        ] {
            assert!(!is_subheading(no), "{no}");
        }
    }

    #[test]
    fn headline_repeats_and_subheadings_are_classified() {
        let (text, spans) = assemble(
            Some("Strike Near Port"),
            &[
                Block { text: "Sources said a dock was hit.".into(), hint: None },
                Block { text: "What Is Known".into(), hint: None },
                Block { text: "Strike  Near Port".into(), hint: None },
                Block { text: "Sources said a dock was hit.".into(), hint: None },
                Block { text: "denials".into(), hint: Some(ParagraphKind::Subheading) },
            ],
        );
        let kinds: Vec<_> =
            classify(&text, &spans, Some("Strike Near Port")).into_iter().map(|p| p.kind).collect();
        use ParagraphKind::*;
        assert_eq!(kinds, [Headline, Body, Subheading, Repeated, Repeated, Subheading]);
        assert!(text.starts_with("Strike Near Port\n\nSources said"));
    }

    #[test]
    fn without_a_title_nothing_is_a_headline() {
        let text = "One line\n\nOther text here.";
        let spans: Vec<_> = split(text).into_iter().map(|s| (s, None)).collect();
        let kinds: Vec<_> = classify(text, &spans, None).into_iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ParagraphKind::Body, ParagraphKind::Body]);
    }
}
