//! Sentence splitting.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) that
//! is followed by white space and a word that can open a sentence. A full stop after a known
//! abbreviation ("Col.", "U.S.", "p.m.", from `data/attribution/abbreviations.toml`) or an
//! initial ("J.") does not end one, except that abbreviations that can close a sentence do so
//! before a typical sentence opener ("… in the U.S. The …"). Inside a quotation that closes
//! later in the same paragraph no sentence ends, so a quoted statement stays in one sentence
//! with its attribution; nor after a quoted question or exclamation that a short attribution
//! follows ("“Why not?” Biden said.", the words of `quote_tags`). Sentences never cross paragraphs; headlines and subheadings are one
//! sentence each; repeated paragraphs are skipped.

use corroborate_model::{Document, ParagraphKind, Sentence, Span};

use crate::attribution::{Lexicon, SentenceLexicon};

/// What splitting reads of `attribution/abbreviations.toml`: borrowed from the attribution
/// lexicon in a whole analysis, or from the time tagger's own copy when only time expressions
/// are wanted (so that it need not compile the rest of attribution).
pub(crate) type Rules<'a> = &'a SentenceLexicon;

impl<'a> From<&'a Lexicon> for Rules<'a> {
    fn from(lexicon: &'a Lexicon) -> Self {
        &lexicon.sentences
    }
}

/// Splits the document's paragraphs into sentences, numbered in order.
pub(crate) fn split<'a>(doc: &Document, rules: impl Into<Rules<'a>>) -> Vec<Sentence> {
    let lexicon = rules.into();
    let mut sentences = Vec::new();
    for (paragraph_index, paragraph) in doc.paragraphs.iter().enumerate() {
        let Some(text) = paragraph.span.slice(&doc.text) else {
            continue;
        };
        let base = paragraph.span.start;
        let mut push = |start: usize, end: usize| {
            if let Some(span) = trim(&doc.text, Span::new(base + start, base + end)) {
                sentences.push(Sentence {
                    index: sentences.len(),
                    span,
                    paragraph: paragraph_index,
                });
            }
        };
        match paragraph.kind {
            ParagraphKind::Repeated => {}
            ParagraphKind::Headline | ParagraphKind::Subheading => push(0, text.len()),
            _ => {
                let mut start = 0;
                for end in boundaries(text, lexicon) {
                    push(start, end);
                    start = end;
                }
                push(start, text.len());
            }
        }
    }
    sentences
}

/// `span` without leading and trailing white space; `None` when nothing is left.
pub(crate) fn trim(text: &str, span: Span) -> Option<Span> {
    let slice = span.slice(text)?;
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = span.start + trimmed_start;
    Some(Span::new(start, start + trimmed.len()))
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '(' | '[' | '«' | '\'')
}

/// Byte offsets (into `text`) at which a sentence ends.
fn boundaries(text: &str, lexicon: Rules<'_>) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let quote_closes = quote_extent(&chars);
    let mut out = Vec::new();
    let mut quote_until: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if quote_until.is_some_and(|end| i > end) {
            quote_until = None;
        }
        if quote_until.is_none() {
            if let Some(end) = quote_closes[i] {
                quote_until = Some(end);
            }
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // The run of terminal marks and closing quotes or brackets that ends the sentence.
        let mut j = i;
        while j < chars.len() && is_terminal(chars[j].1) {
            j += 1;
        }
        let mut closes_quote = false;
        while j < chars.len() && is_closing(chars[j].1) {
            if quote_until == Some(j) {
                closes_quote = true;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |(pos, _)| *pos);
        let inside_quote = quote_until.is_some_and(|q| q >= j) && !closes_quote;
        let followed_by_space = chars.get(j).is_none_or(|(_, next)| next.is_whitespace());
        if inside_quote || !followed_by_space {
            i = j.max(i + 1);
            continue;
        }
        // The next word must be able to open a sentence.
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let Some(&(next_at, next)) = chars.get(k) else {
            i = j;
            continue;
        };
        let opens = next.is_uppercase() || next.is_ascii_digit() || is_opening_quote(next);
        // Only a lone full stop (maybe inside closing quotes) can belong to an abbreviation.
        let single_full_stop = c == '.' && chars[i + 1..j].iter().all(|(_, ch)| is_closing(*ch));
        // "“Why not?” Biden said.": a quoted question or exclamation keeps its attribution.
        let asks = chars[i..j].iter().any(|(_, ch)| matches!(ch, '?' | '!'));
        // (A doubled apostrophe closes a quotation in some archives: "''Why not?'' he said.")
        let doubled = chars[i..j].windows(2).any(|w| w[0].1 == '\'' && w[1].1 == '\'');
        let tagged = asks && (closes_quote || doubled) && is_quote_tag(&text[next_at..], lexicon);
        if opens
            && !tagged
            && (!single_full_stop || !abbreviation_continues(text, at, next_at, lexicon))
        {
            out.push(end);
        }
        i = j.max(i + 1);
    }
    out
}

/// Whether the words up to the next sentence mark of `rest` are a quotation's attribution: at
/// most six words, one of them a `quote_tags` word ("Biden said", "asked the senator").
fn is_quote_tag(rest: &str, lexicon: Rules<'_>) -> bool {
    // The phrase runs past the full stop of a title that never ends a sentence ("“Why not?”
    // Mrs. Clinton said.").
    let mut end = rest.len();
    let mut from = 0;
    while let Some(at) = rest[from..].find(is_terminal).map(|i| from + i) {
        let word_start = rest[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let abbreviation = format!("{}.", rest[word_start..at].to_lowercase());
        let title =
            rest[at..].starts_with('.') && lexicon.abbreviations.get(&abbreviation) == Some(&false);
        if !title {
            end = at;
            break;
        }
        from = at + 1;
    }
    let phrase = &rest[..end];
    let words: Vec<&str> = phrase
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 6 && words.iter().any(|w| lexicon.quote_tags.contains(&w.to_lowercase()))
}

/// For each char index that opens a quotation closing later in the paragraph, the char index
/// of the closing mark.
fn quote_extent(chars: &[(usize, char)]) -> Vec<Option<usize>> {
    let mut out = vec![None; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let closing = match c {
            '“' => Some('”'),
            '"' if i == 0 || chars[i - 1].1.is_whitespace() || chars[i - 1].1 == '(' => Some('"'),
            _ => None,
        };
        if let Some(closing) = closing {
            if let Some(offset) = chars[i + 1..].iter().position(|(_, ch)| *ch == closing) {
                let end = i + 1 + offset;
                out[i] = Some(end);
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// True when the full stop at byte `dot` belongs to an abbreviation or initial that does not
/// end the sentence before the word at byte `next_at`.
fn abbreviation_continues(text: &str, dot: usize, next_at: usize, lexicon: Rules<'_>) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '['))
        .map_or(0, |(pos, c)| pos + c.len_utf8());
    let word = &text[word_start..dot + 1];
    let lower = word.to_lowercase();
    let next_word: String = text[next_at..].chars().take_while(|c| c.is_alphanumeric()).collect();
    let starts_sentence = lexicon.sentence_starters.contains(&next_word);
    if let Some(ends_sentence) = lexicon.abbreviations.get(&lower) {
        let numbered = lexicon.only_before_number.contains(&lower);
        if !numbered || next_word.starts_with(|c: char| c.is_ascii_digit()) {
            return !(*ends_sentence && starts_sentence);
        }
    }
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    // An initial ("J.") never ends a sentence; an unlisted dotted initialism ("F.B.I.") ends
    // one only before a sentence opener.
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    let dotted = word.len() > 2
        && word
            .chars()
            .enumerate()
            .all(|(n, c)| if n % 2 == 1 { c == '.' } else { c.is_alphabetic() });
    dotted && !starts_sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::tests::{body_document, lexicon};

    fn texts(text: &str) -> Vec<String> {
        let doc = body_document(text);
        split(&doc, lexicon())
            .iter()
            .map(|s| s.span.slice(&doc.text).unwrap_or("<bad span>").to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        let got = texts(
            "Col. Ana Ruiz of the U.S. Navy said 2.5 tons were seized at 3 p.m. on Dec. 4. \
             J. R. Soto, No. 2 at the U.N. mission, agreed. Sen. Paul Varga disagreed!",
        );
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[0].ends_with("Dec. 4."));
        assert!(got[2].starts_with("Sen. Paul"));
    }

    #[test]
    fn a_quote_spanning_sentences_stays_with_its_attribution() {
        let got = texts("“The dock is gone. Nobody was there,” he said. It was late.");
        assert_eq!(got, ["“The dock is gone. Nobody was there,” he said.", "It was late."]);
    }

    #[test]
    fn a_sentence_may_end_inside_closing_quotes() {
        let got = texts("He called it a “dock area.” Officials agreed.");
        assert_eq!(got, ["He called it a “dock area.”", "Officials agreed."]);
    }

    #[test]
    fn an_abbreviation_can_close_a_sentence_before_an_opener() {
        let got = texts("The boat was bound for the U.S. The crew fled.");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_quoted_question_keeps_its_attribution() {
        let got = texts("“Does he not know the law?” Biden said. “Why?” He left.");
        assert_eq!(got, ["“Does he not know the law?” Biden said.", "“Why?”", "He left."]);
    }

    #[test]
    fn a_quoted_question_before_a_multibyte_word_ending_a_sentence_splits_safely() {
        // The attribution check reads back over "“Weiner" from the full stop: a character of
        // three bytes stands before the word.
        let got = texts("“Why?” It was in the film “Weiner.” He left. “Why not?” Mrs. Ruiz said.");
        assert_eq!(
            got,
            ["“Why?”", "It was in the film “Weiner.”", "He left.", "“Why not?” Mrs. Ruiz said."]
        );
    }

    #[test]
    fn lower_case_after_a_full_stop_continues() {
        assert_eq!(texts("Approx. three boats. e.g. these.").len(), 1);
    }
}
