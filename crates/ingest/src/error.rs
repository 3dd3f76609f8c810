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
         .json, .jsonl, skipping hidden files); pass the report files themselves"
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
            | IngestError::NotARecord { origin, .. } => origin,
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
        ];
        for err in errors {
            let text = err.to_string();
            assert!(!text.ends_with('.'), "{text}");
            assert!(text.contains("; "), "{text}");
        }
    }
}
