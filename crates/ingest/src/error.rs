//! The one error type of ingest. Every variant names the input it is about, so a batch can list
//! its failures and go on; the message says what is wrong and then what to do about it.

use std::io;

/// Why an input (or one document inside it) could not be read into a [`Document`].
///
/// Displayed as `<origin>: <what is wrong>; <what to do>`.
///
/// [`Document`]: corroborate_model::Document
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// A path given on the command line does not exist.
    #[error("{origin}: no such file or directory; check the path")]
    NotFound {
        /// The path as given.
        origin: String,
    },

    /// The file or directory exists but could not be read.
    #[error("{origin}: cannot be read ({source}); check that it is a readable file")]
    Unreadable {
        /// The path, or `-` for stdin.
        origin: String,
        /// What the operating system said.
        source: io::Error,
    },

    /// A directory holds no file with a known report extension.
    #[error(
        "{origin}: directory holds no reports (looked for .txt, .md, .markdown, .html, .htm, \
         .json, .jsonl, .rss, .atom, .xml, .warc, .warc.gz, skipping hidden files); pass the \
         report files themselves"
    )]
    NoReports {
        /// The directory.
        origin: String,
    },

    /// The input holds no bytes, or only whitespace.
    #[error("{origin}: is empty; pass a file that holds the text of a report")]
    Empty {
        /// The input.
        origin: String,
    },

    /// The input looks like a binary file.
    #[error(
        "{origin}: looks like a binary file (NUL bytes in the first 8 KiB); pass a text, \
         Markdown, HTML or JSON file"
    )]
    Binary {
        /// The input.
        origin: String,
    },

    /// The input is larger than [`IngestOptions::max_bytes`](crate::IngestOptions::max_bytes).
    #[error(
        "{origin}: is larger than the limit of {max_bytes} bytes; split it, or raise the limit \
         if it really is one report"
    )]
    TooLarge {
        /// The input.
        origin: String,
        /// The limit in force.
        max_bytes: u64,
    },

    /// An HTML page (or a text field) in which no article text was found.
    #[error(
        "{origin}: no article text found (no paragraphs outside navigation, headers and \
         footers); pass the page of the article itself, or its text"
    )]
    NoText {
        /// The input.
        origin: String,
    },

    /// A JSON document or JSONL line is not valid JSON.
    #[error("{origin}: is not valid JSON ({message}); fix or remove that record")]
    Json {
        /// The input; for JSONL, `path:line`.
        origin: String,
        /// What the JSON parser said.
        message: String,
    },

    /// A JSON value is valid but not a report record.
    #[error("{origin}: {problem}; give each record a \"text\" or \"html\" string field")]
    NotARecord {
        /// The input; for JSONL, `path:line`.
        origin: String,
        /// What is wrong with the value.
        problem: String,
    },

    /// An input read as a feed is not an RSS or Atom feed, or holds no items.
    #[error(
        "{origin}: is not a readable RSS or Atom feed ({problem}); pass an RSS 2.0 or Atom \
         file, or name the file for what it holds"
    )]
    NotAFeed {
        /// The input.
        origin: String,
        /// What is wrong with it.
        problem: String,
    },

    /// One item of a feed is broken (ill-formed XML, nothing to read); the other items still
    /// ingest.
    #[error(
        "{origin}: feed item cannot be read ({problem}); fix or remove that item, or ingest \
         the page it links to"
    )]
    FeedItem {
        /// The item, as `path#item-N`.
        origin: String,
        /// What is wrong with it.
        problem: String,
    },

    /// A WARC record could not be parsed; the records before it were kept, the archive is not
    /// read further because its framing can no longer be trusted.
    #[error(
        "{origin}: is not a readable WARC record ({problem}); the records before it were kept, \
         check the archive with a WARC tool or fetch it again"
    )]
    Warc {
        /// The record, as `path#record-N`.
        origin: String,
        /// What is wrong with it.
        problem: String,
    },

    /// The page in one WARC record cannot be read; the records after it still are.
    #[error(
        "{origin}: the page in this WARC record cannot be read ({problem}); the other records \
         are read, fetch the page itself if it matters"
    )]
    WarcPayload {
        /// The record, as `path#record-N`.
        origin: String,
        /// What is wrong with the page.
        problem: String,
    },

    /// A WARC or WARC.gz archive (or its gzip stream) ends in the middle of a record.
    #[error(
        "{origin}: the archive ends in the middle of this record ({detail}); the records \
         before it were kept, fetch the archive again to read the rest"
    )]
    Truncated {
        /// The record, as `path#record-N`.
        origin: String,
        /// Where the stream ended, or what the decompressor said.
        detail: String,
    },

    /// A URL could not be fetched (network error, timeout, bad URL, too many redirects).
    #[error(
        "{origin}: cannot be fetched ({problem}); check the URL and the network, or save the \
         page and ingest the file"
    )]
    Fetch {
        /// The URL as given.
        origin: String,
        /// What went wrong.
        problem: String,
    },

    /// The server answered a URL (or a redirect from it) with an error status.
    #[error("{origin}: the server answered {url} with HTTP {status}; check the URL, or save the page and ingest the file")]
    HttpStatus {
        /// The URL as given.
        origin: String,
        /// The URL that answered (after redirects).
        url: String,
        /// The HTTP status code.
        status: u16,
    },

    /// A URL (or a redirect from it) leads to a private, loopback, link-local, unspecified or
    /// multicast address, which the address policy refuses.
    #[error(
        "{origin}: refused to fetch {url}, which resolves to the private or local address \
         {address}; ingest public pages only, or pass --allow-private if the server is yours"
    )]
    Refused {
        /// The URL as given.
        origin: String,
        /// The URL that was refused (after redirects).
        url: String,
        /// The first address it resolved to.
        address: std::net::IpAddr,
    },
}

impl IngestError {
    /// The input (path, `-`, URL, `path:line` or `path[index]`) the error is about.
    pub fn origin(&self) -> &str {
        match self {
            IngestError::NotFound { origin }
            | IngestError::Unreadable { origin, .. }
            | IngestError::NoReports { origin }
            | IngestError::Empty { origin }
            | IngestError::Binary { origin }
            | IngestError::TooLarge { origin, .. }
            | IngestError::NoText { origin }
            | IngestError::Json { origin, .. }
            | IngestError::NotARecord { origin, .. }
            | IngestError::NotAFeed { origin, .. }
            | IngestError::FeedItem { origin, .. }
            | IngestError::Warc { origin, .. }
            | IngestError::WarcPayload { origin, .. }
            | IngestError::Truncated { origin, .. }
            | IngestError::Fetch { origin, .. }
            | IngestError::HttpStatus { origin, .. }
            | IngestError::Refused { origin, .. } => origin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_the_origin_then_the_problem_then_the_remedy() {
        let err = IngestError::Binary { origin: "report.bin".into() };
        assert_eq!(
            err.to_string(),
            "report.bin: looks like a binary file (NUL bytes in the first 8 KiB); pass a text, \
             Markdown, HTML or JSON file"
        );
        assert_eq!(err.origin(), "report.bin");
    }

    #[test]
    fn messages_do_not_end_with_a_period() {
        let errors = [
            IngestError::NotFound { origin: "a".into() },
            IngestError::Empty { origin: "a".into() },
            IngestError::TooLarge { origin: "a".into(), max_bytes: 3 },
            IngestError::NoText { origin: "a".into() },
            IngestError::Json { origin: "a:2".into(), message: "EOF".into() },
            IngestError::NotAFeed { origin: "f.xml".into(), problem: "no items".into() },
            IngestError::FeedItem { origin: "f.xml#item-2".into(), problem: "x".into() },
            IngestError::Warc { origin: "a.warc#record-3".into(), problem: "x".into() },
            IngestError::Truncated { origin: "a.warc.gz#record-3".into(), detail: "x".into() },
        ];
        for err in errors {
            let text = err.to_string();
            assert!(!text.ends_with('.'), "{text}");
            assert!(text.contains("; "), "{text}");
        }
    }
}
