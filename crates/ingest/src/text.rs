//! Plain text and Markdown reports, with optional `---` front matter.
//!
//! The text is kept as written (only line endings are normalised, and in Markdown the heading
//! marks, bold marks and link targets are dropped), because every span analyze emits points
//! into it and a person reading the stored text should recognise the report.

use corroborate_model::DateProvenance;

use crate::dates::parse_date;
use crate::paragraphs::{self, normalise};
use crate::Extracted;

/// Longest first line, in words, still read as a headline.
const MAX_HEADLINE_WORDS: usize = 30;

/// Reads a text or Markdown report whose bytes decoded to `decoded`. A `given_title` (from a
/// JSON record) wins over front matter and over a headline-like first line.
pub(crate) fn extract(decoded: &str, markdown: bool, given_title: Option<&str>) -> Extracted {
    let unified = unify_line_endings(decoded);
    let (front, body) = split_front_matter(&unified);
    let mut out = Extracted::default();
    for (key, value) in front {
        let value = Some(value).filter(|v| !v.is_empty());
        match key.as_str() {
            "title" => out.title = value,
            "publisher" => out.publisher = value,
            "url" => out.url = value,
            "author" => out.author = value,
            "language" | "lang" => out.language = value,
            "published" | "date" => {
                if let Some(date) = value.as_deref().and_then(parse_date) {
                    out.published = Some((date, DateProvenance::FrontMatter));
                }
            }
            // Unknown keys (tags, categories, layout …) say nothing the model keeps.
            _ => {}
        }
    }
    let (body, h1) = if markdown { strip_markdown(body) } else { (body.to_string(), None) };
    let body = body.trim();
    if let Some(title) = given_title {
        out.title = Some(title.to_string());
    }
    if out.title.is_none() {
        out.title = h1.or_else(|| headline_line(body).map(str::to_string));
    }
    out.text = match &out.title {
        Some(title) if !first_paragraph_is(body, title) => {
            if body.is_empty() {
                title.clone()
            } else {
                format!("{title}\n\n{body}")
            }
        }
        _ => body.to_string(),
    };
    let spans: Vec<_> = paragraphs::split(&out.text).into_iter().map(|s| (s, None)).collect();
    out.paragraphs = paragraphs::classify(&out.text, &spans, out.title.as_deref());
    out
}

fn unify_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn first_paragraph_is(body: &str, title: &str) -> bool {
    let first = paragraphs::split(body).first().and_then(|span| span.slice(body));
    first.is_some_and(|first| normalise(first) == normalise(title))
}

/// The first line of `body` when it reads as a headline: a single short line with no final
/// period, followed by a blank line and more text.
fn headline_line(body: &str) -> Option<&str> {
    let (first, rest) = body.split_once('\n')?;
    let first = first.trim();
    let blank_follows = rest.split('\n').next().is_some_and(|l| l.trim().is_empty());
    let n_words = first.split_whitespace().count();
    let reads_as_headline = blank_follows
        && !rest.trim().is_empty()
        && (1..=MAX_HEADLINE_WORDS).contains(&n_words)
        && !first.ends_with(['.', ',', ';', ':']);
    reads_as_headline.then_some(first)
}

/// Splits `---` front matter off the top of the text: simple `key: value` lines, values
/// optionally quoted. Keys come back lower-cased. Text without a closing `---` has no front
/// matter.
fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let mut lines = text.split_inclusive('\n');
    let opens = lines.next().is_some_and(|l| l.trim_end() == "---");
    if !opens {
        return (Vec::new(), text);
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pairs = Vec::new();
    for line in lines {
        offset += line.len();
        let line = line.trim();
        if line == "---" || line == "..." {
            return (pairs, &text[offset..]);
        }
        if let Some((key, value)) = line.split_once(':') {
            let key = key.trim().to_lowercase();
            if !key.is_empty() && !key.starts_with('#') {
                pairs.push((key, unquote(value.trim()).to_string()));
            }
        }
    }
    (Vec::new(), text)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

/// Drops Markdown marks that would otherwise sit in the stored text: `#` before headings,
/// `**`/`__` around bold words, and link targets (`[words](url)` keeps the words). Returns the
/// cleaned body and the text of a first-line `# ` heading, which is the title.
fn strip_markdown(body: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(body.len());
    let mut h1 = None;
    let mut seen_text = false;
    for line in body.split_inclusive('\n') {
        let (content, newline) = match line.strip_suffix('\n') {
            Some(c) => (c, "\n"),
            None => (line, ""),
        };
        let trimmed = content.trim_start();
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        let content = if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            let heading = trimmed[hashes..].trim().trim_end_matches('#').trim_end();
            if hashes == 1 && !seen_text {
                h1 = Some(drop_inline_marks(heading));
            }
            heading
        } else {
            content
        };
        seen_text |= !content.trim().is_empty();
        out.push_str(&drop_inline_marks(content));
        out.push_str(newline);
    }
    (out, h1.filter(|t| !t.is_empty()))
}

fn drop_inline_marks(line: &str) -> String {
    let line = line.replace("**", "").replace("__", "");
    let mut out = String::with_capacity(line.len());
    let mut rest = line.as_str();
    while let Some(open) = rest.find('[') {
        let Some(link) = parse_link(&rest[open..]) else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        let before = &rest[..open];
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        out.push_str(link.words);
        rest = &rest[open + link.len..];
    }
    out.push_str(rest);
    out
}

struct Link<'s> {
    words: &'s str,
    len: usize,
}

/// `[words](target)` at the start of `s`.
fn parse_link(s: &str) -> Option<Link<'_>> {
    let close = s.find("](")?;
    let words = &s[1..close];
    if words.contains(['[', ']', '\n']) {
        return None;
    }
    let target_len = s[close + 2..].find(')')?;
    Some(Link { words, len: close + 2 + target_len + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use corroborate_model::ParagraphKind;

    fn kinds(out: &Extracted) -> Vec<ParagraphKind> {
        out.paragraphs.iter().map(|p| p.kind).collect()
    }

    #[test]
    fn first_short_line_becomes_the_title() {
        let out =
            extract("Dock Hit Near Port\r\n\r\nA dock was hit, officials said.\r\n", false, None);
        assert_eq!(out.title.as_deref(), Some("Dock Hit Near Port"));
        assert_eq!(out.text, "Dock Hit Near Port\n\nA dock was hit, officials said.");
        assert_eq!(kinds(&out), [ParagraphKind::Headline, ParagraphKind::Body]);
    }

    #[test]
    fn a_sentence_first_line_is_not_a_title() {
        let out = extract("A dock was hit.\n\nNobody was hurt.", false, None);
        assert_eq!(out.title, None);
        assert_eq!(kinds(&out), [ParagraphKind::Body, ParagraphKind::Body]);
    }

    #[test]
    fn front_matter_gives_metadata_and_the_title_is_prepended() {
        let raw = "---\ntitle: \"Strike on a Dock\"\npublisher: Example Wire\npublished: 2025-12-30\n\
                   url: 'https://example.invalid/a'\nauthor: A. Writer\nlanguage: en\ntags: x, y\n---\n\
                   Sources said a dock was struck.\n";
        let out = extract(raw, false, None);
        assert_eq!(out.title.as_deref(), Some("Strike on a Dock"));
        assert_eq!(out.publisher.as_deref(), Some("Example Wire"));
        assert_eq!(out.url.as_deref(), Some("https://example.invalid/a"));
        assert_eq!(out.author.as_deref(), Some("A. Writer"));
        assert_eq!(out.language.as_deref(), Some("en"));
        assert_eq!(
            out.published,
            Some((NaiveDate::from_ymd_opt(2025, 12, 30).unwrap(), DateProvenance::FrontMatter))
        );
        assert_eq!(out.text, "Strike on a Dock\n\nSources said a dock was struck.");
        assert_eq!(kinds(&out), [ParagraphKind::Headline, ParagraphKind::Body]);
    }

    #[test]
    fn a_blank_line_of_spaces_still_separates_the_headline() {
        let out = extract("Dock Hit Near Port\n  \nA dock was hit.", false, None);
        assert_eq!(out.text, "Dock Hit Near Port\n  \nA dock was hit.");
        assert_eq!(kinds(&out), [ParagraphKind::Headline, ParagraphKind::Body]);
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let out = extract("---\ntitle: x\nno closing line", false, None);
        assert!(out.text.starts_with("---"));
    }

    #[test]
    fn markdown_marks_are_dropped() {
        let raw =
            "# Strike **Near** Port\n\nThe [ministry](https://x.invalid/m) said **nothing**.\n\n\
                   ## What We Know\n\nLittle.";
        let out = extract(raw, true, None);
        assert_eq!(out.title.as_deref(), Some("Strike Near Port"));
        assert_eq!(
            out.text,
            "Strike Near Port\n\nThe ministry said nothing.\n\nWhat We Know\n\nLittle."
        );
        use ParagraphKind::*;
        assert_eq!(kinds(&out), [Headline, Body, Subheading, Body]);
    }

    #[test]
    fn broken_link_syntax_is_kept() {
        assert_eq!(drop_inline_marks("a [b] c [d](e"), "a [b] c [d](e");
        assert_eq!(drop_inline_marks("![photo](p.png) caption"), "photo caption");
    }
}
