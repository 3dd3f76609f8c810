//! Ingest: reads reports from files, directories and stdin into [`Document`]s.
//!
//! Ingest is the first, stateless stage of corroborate. Each input is read on its own, and a
//! bad input is one bad item, never a dead batch:
//!
//! ```text
//! command-line arguments ─ collect_inputs ─▶ Input ─ read_input ─▶ bytes ─ parse_bytes ─▶ Document
//!                                                      │            (one input may hold several:
//!                                                      │             JSON arrays, JSONL lines,
//!                                                      │             feed items)
//!                                                      └─ WARC, WARC.gz ─ read_warc ─▶ Document …
//!                                                         (streamed, one record at a time)
//! ```
//!
//! **Formats.** The format comes from the extension of the origin (`.txt`, `.md`/`.markdown`,
//! `.html`/`.htm`, `.json`, `.jsonl`, `.rss`/`.atom`/`.xml`, `.warc`/`.warc.gz`) and, failing
//! that, from sniffing the bytes:
//! - *Plain text and Markdown*, with optional `---` front matter (`title`, `publisher`, `url`,
//!   `published`, `author`, `language`). A short first line without a final period, followed by a
//!   blank line, is the headline.
//! - *HTML*: title, publisher, author, publication date, canonical URL and language from
//!   OpenGraph, `<meta>`, JSON-LD and `<time>`; the article text without navigation, headers,
//!   footers and asides.
//! - *JSON* (one record or an array) and *JSONL* (one record per line): `text` or `html`, and
//!   `url`, `title`, `published`, `publisher`, `author`, `language`.
//! - *RSS 2.0, RSS 1.0 and Atom feeds*: each item is a document (origin `path#item-N`): its
//!   title, link, date and author, and its content or description read as HTML. A broken item
//!   is one error; the other items still come out.
//! - *WARC and WARC.gz archives* ([`read_warc`]): each response record holding an HTML page is
//!   a document (origin `path#record-N`), read through the HTML path; other records are
//!   skipped. Archives are streamed, so memory does not grow with their size.
//!
//! **The stored text.** [`Document::text`] starts with the headline, and its paragraphs are
//! separated by a blank line; [`Document::paragraphs`] says where each lies and whether it is
//! the headline, a subheading, body text, or a repeat (a copy-paste artifact analysis skips).
//! Text formats keep the text as written (line endings become `\n`), so every span analyze
//! emits points at the words of the report.
//!
//! **Identity.** A document's id is the hash of its raw bytes (for JSONL, of its line; for a
//! feed, of its item; for a WARC record, of its HTTP payload), so ingesting the same input twice
//! gives the same id.
//!
//! ```
//! use corroborate_ingest::{parse_bytes, IngestOptions};
//! use corroborate_model::{DateProvenance, ParagraphKind};
//!
//! let raw = b"Dock Struck Near Port\n\nA dock was struck, two sources said.\n";
//! let options = IngestOptions {
//!     published: chrono::NaiveDate::from_ymd_opt(2025, 12, 30),
//!     ..IngestOptions::default()
//! };
//! let docs = parse_bytes("report.txt", raw, &options);
//! let doc = docs[0].as_ref().expect("a plain text report parses");
//! assert_eq!(doc.title.as_deref(), Some("Dock Struck Near Port"));
//! assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Headline);
//! assert_eq!(doc.published_from, DateProvenance::Cli);
//! ```
#![deny(missing_docs)]
// Tests may unwrap: a panic there is a failed test, not a crash on someone's input.
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod article;
mod boilerplate;
mod dates;
mod decode;
mod error;
mod feed;
mod fetch;
mod format;
mod html;
mod inputs;
mod json;
mod paragraphs;
mod rawtext;
mod text;
mod warc;

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use corroborate_model::{DateProvenance, Document, DocumentId, Paragraph, ParagraphKind};

pub use error::IngestError;
pub use fetch::{AddressPolicy, FetchOptions, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT};
pub use inputs::{collect_inputs, read_input, Documents, REPORT_EXTENSIONS};
pub use warc::{read_warc, WarcCounts, WarcDocuments};

use format::Format;

/// Default for [`IngestOptions::max_bytes`]: 64 MiB, far above any news report, low enough that
/// a mistaken argument (a disk image, a log) is refused before it is read.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What the caller knows about the inputs, and limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Publication date for documents that carry none (`--published`); recorded with
    /// [`DateProvenance::Cli`].
    pub published: Option<NaiveDate>,
    /// Publisher for documents that name none (`--publisher`).
    pub publisher: Option<String>,
    /// Largest input read, in bytes; larger ones are refused with [`IngestError::TooLarge`].
    /// For a URL, the largest body fetched.
    pub max_bytes: u64,
    /// How http(s) URLs are fetched: timeouts, redirects, user agent, address policy.
    pub fetch: FetchOptions,
    /// Fetch the page each feed item links to and ingest it in place of the item's summary
    /// (`--follow-links`). Off by default: reading a feed then touches no network.
    pub follow_links: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            published: None,
            publisher: None,
            max_bytes: DEFAULT_MAX_BYTES,
            fetch: FetchOptions::default(),
            follow_links: false,
        }
    }
}

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file (or, given to [`read_input`], a directory, whose reports are all read).
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// An http or https URL, fetched with [`IngestOptions::fetch`].
    Url(String),
}

impl fmt::Display for Input {
    /// The path as given, or `-` for stdin: the document's origin.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::File(path) => write!(f, "{}", path.display()),
            Input::Stdin => f.write_str("-"),
            Input::Url(url) => f.write_str(url),
        }
    }
}

/// Parses raw bytes that came from `origin` (a path, `-`, or a URL). The format is chosen from
/// the extension of `origin` and, failing that, by sniffing the bytes. One input may hold
/// several documents (a JSON array, JSONL lines, feed items, WARC records); each is its own
/// result. An archive already in memory is read here too; one on disk is better streamed with
/// [`read_input`] or [`read_warc`].
///
/// Never panics: empty, binary and oversized inputs are errors, invalid UTF-8 is decoded
/// lossily, and anything else is read as plain text.
pub fn parse_bytes(
    origin: &str,
    raw: &[u8],
    options: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    parse_with(origin, raw, &Hints::default(), options)
}

/// The article text of a document as article-extraction benchmarks define it: every paragraph
/// but the headline and copies of the headline, one per line. Other repeated paragraphs stay:
/// pages such as meal plans or tables repeat lines on purpose, and the extraction keeps them
/// (analysis skips them, see [`corroborate_model::ParagraphKind::Repeated`]).
pub fn article_body(doc: &Document) -> String {
    let title = doc.title.as_deref().map(paragraphs::normalise);
    let mut parts = Vec::new();
    for paragraph in &doc.paragraphs {
        let Some(text) = paragraph.span.slice(&doc.text) else { continue };
        match paragraph.kind {
            ParagraphKind::Headline => continue,
            ParagraphKind::Repeated
                if title.as_deref().is_some_and(|t| t == paragraphs::normalise(text)) =>
            {
                continue
            }
            _ => parts.push(text),
        }
    }
    parts.join("\n")
}

/// What the transport said about the bytes (an HTTP response's headers and final URL).
#[derive(Debug, Default)]
pub(crate) struct Hints<'a> {
    /// The format the media type names, when it names one.
    pub(crate) format: Option<Format>,
    /// The declared charset.
    pub(crate) charset: Option<&'a str>,
    /// The URL the bytes came from, when `origin` is not it (after redirects).
    pub(crate) url: Option<&'a str>,
}

pub(crate) fn parse_with(
    origin: &str,
    raw: &[u8],
    hints: &Hints<'_>,
    options: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let origin_owned = || origin.to_string();
    let url = hints.url.unwrap_or(origin);
    let format =
        hints.format.or_else(|| Format::from_origin(url)).unwrap_or_else(|| Format::sniff(raw));
    // An archive's size limit applies to each record, and it is binary when compressed.
    if format == Format::Warc {
        return read_warc(origin, raw, options).collect();
    }
    if u64::try_from(raw.len()).unwrap_or(u64::MAX) > options.max_bytes {
        return vec![Err(IngestError::TooLarge {
            origin: origin_owned(),
            max_bytes: options.max_bytes,
        })];
    }
    if decode::looks_binary(raw) {
        return vec![Err(IngestError::Binary { origin: origin_owned() })];
    }
    let bare = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw);
    if bare.iter().all(u8::is_ascii_whitespace) {
        return vec![Err(IngestError::Empty { origin: origin_owned() })];
    }
    let extracted = match format {
        Format::Feed if !names_html_root(raw) => return feed::parse_feed(origin, raw, options),
        Format::Json => return json::parse_json(origin, raw, options),
        Format::Jsonl => return json::parse_jsonl(origin, raw, options),
        Format::Html | Format::Feed => {
            html::extract(&decode::decode_declared(raw, hints.charset), None)
        }
        Format::Text => Some(text::extract(&decode::decode(raw, false), false, None)),
        Format::Markdown => Some(text::extract(&decode::decode(raw, false), true, None)),
        Format::Warc => None,
    };
    match extracted.filter(|ex| !ex.paragraphs.is_empty()) {
        Some(mut ex) => {
            // A page fetched from a URL is at that URL when it names no canonical one, and
            // news sites often file it under its date.
            if ex.url.is_none() && url.contains("://") {
                ex.url = Some(url.to_string());
                if ex.published.is_none() && format == Format::Html {
                    ex.published = dates::date_in_url(url).map(|d| (d, DateProvenance::Url));
                }
            }
            vec![Ok(finish(origin, raw, ex, options))]
        }
        None => vec![Err(IngestError::NoText { origin: origin_owned() })],
    }
}

/// True when an `.xml` input is an XHTML page rather than a feed.
fn names_html_root(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(4096)];
    feed::root_name(&String::from_utf8_lossy(head)).is_some_and(|root| root == "html")
}

/// What a format reader found in one document, before identity and options are applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Extracted {
    pub(crate) url: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) published: Option<(NaiveDate, DateProvenance)>,
    pub(crate) language: Option<String>,
    pub(crate) text: String,
    pub(crate) paragraphs: Vec<Paragraph>,
}

/// Makes the [`Document`]: identity from `raw` (the bytes of this one document), and the
/// options filling only what the document lacks.
pub(crate) fn finish(
    origin: &str,
    raw: &[u8],
    extracted: Extracted,
    options: &IngestOptions,
) -> Document {
    let published =
        extracted.published.or_else(|| options.published.map(|date| (date, DateProvenance::Cli)));
    Document {
        id: DocumentId::from_raw(raw),
        origin: origin.to_string(),
        url: extracted.url,
        title: extracted.title,
        publisher: extracted.publisher.or_else(|| options.publisher.clone()),
        author: extracted.author,
        published: published.map(|(date, _)| date),
        published_from: published.map_or(DateProvenance::None, |(_, from)| from),
        language: extracted.language,
        text: extracted.text,
        paragraphs: extracted.paragraphs,
        syndication_group: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::ParagraphKind;

    fn one(origin: &str, raw: &[u8], options: &IngestOptions) -> Result<Document, IngestError> {
        let mut results = parse_bytes(origin, raw, options);
        assert_eq!(results.len(), 1, "{results:?}");
        results.remove(0)
    }

    #[test]
    fn options_fill_only_what_the_document_lacks() {
        let options = IngestOptions {
            published: NaiveDate::from_ymd_opt(2025, 12, 30),
            publisher: Some("Given Outlet".into()),
            ..IngestOptions::default()
        };
        let doc = one("a.txt", b"Some report text.", &options).unwrap();
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2025, 12, 30));
        assert_eq!(doc.published_from, DateProvenance::Cli);
        assert_eq!(doc.publisher.as_deref(), Some("Given Outlet"));

        let raw = b"---\npublished: 2025-01-02\npublisher: Own Outlet\n---\nText.";
        let doc = one("b.md", raw, &options).unwrap();
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2025, 1, 2));
        assert_eq!(doc.published_from, DateProvenance::FrontMatter);
        assert_eq!(doc.publisher.as_deref(), Some("Own Outlet"));
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let options = IngestOptions::default();
        assert!(matches!(one("e.txt", b"", &options), Err(IngestError::Empty { .. })));
        assert!(matches!(one("e.txt", b" \n\t\n", &options), Err(IngestError::Empty { .. })));
        assert!(matches!(one("b.txt", b"ab\0cd", &options), Err(IngestError::Binary { .. })));
        let small = IngestOptions { max_bytes: 4, ..IngestOptions::default() };
        let err = one("big.txt", b"12345", &small).unwrap_err();
        assert!(matches!(err, IngestError::TooLarge { max_bytes: 4, .. }));
        assert!(matches!(
            one("p.html", b"<nav>x</nav>", &options),
            Err(IngestError::NoText { .. })
        ));
    }

    #[test]
    fn invalid_utf8_is_read_lossily() {
        let doc = one("l.txt", b"Caf\xE9 owners said the dock closed.", &IngestOptions::default())
            .unwrap();
        assert_eq!(doc.text, "Caf\u{FFFD} owners said the dock closed.");
    }

    #[test]
    fn windows_1252_pages_decode_to_the_right_quotes() {
        let page = b"<html><head><meta charset=windows-1252><title>Caf\xE9 Closed</title></head>\
                     <body><p>\x93It is closed,\x94 he said.</p></body></html>";
        let doc = one("old.htm", page, &IngestOptions::default()).unwrap();
        assert_eq!(doc.text, "Caf\u{e9} Closed\n\n\u{201C}It is closed,\u{201D} he said.");
    }

    #[test]
    fn a_url_origin_is_the_url_and_may_date_the_page() {
        let origin = "https://news.example/2025/12/30/dock";
        let doc = one(origin, b"<p>A dock was struck.</p>", &IngestOptions::default()).unwrap();
        assert_eq!(doc.url.as_deref(), Some(origin));
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2025, 12, 30));
        assert_eq!(doc.published_from, DateProvenance::Url);
    }

    #[test]
    fn identity_is_the_hash_of_the_raw_bytes() {
        let raw = b"Report text.";
        let doc = one("x.txt", raw, &IngestOptions::default()).unwrap();
        assert_eq!(doc.id, DocumentId::from_raw(raw));
        assert_eq!(doc.origin, "x.txt");
    }

    #[test]
    fn sniffing_picks_the_format_when_the_origin_has_no_extension() {
        let options = IngestOptions::default();
        let html = one("-", b"<!DOCTYPE html><title>T</title><p>Body text.</p>", &options).unwrap();
        assert_eq!(html.text, "T\n\nBody text.");
        let json = one("-", br#"{"text": "From JSON."}"#, &options).unwrap();
        assert_eq!(json.text, "From JSON.");
        let text = one("-", b"[Update] Plain text after all.", &options).unwrap();
        assert_eq!(text.text, "[Update] Plain text after all.");
        let md = one("https://x.invalid/a?b=c", b"# Head Line\n\nBody.", &options).unwrap();
        assert_eq!(md.paragraphs[0].kind, ParagraphKind::Headline);
        assert_eq!(md.text, "Head Line\n\nBody.");
    }

    #[test]
    fn input_displays_as_its_origin() {
        assert_eq!(Input::Stdin.to_string(), "-");
        assert_eq!(Input::File(PathBuf::from("dir/a.txt")).to_string(), "dir/a.txt");
    }
}
