//! JSON and JSONL records: `{"text" | "html", "url", "title", "published", "publisher",
//! "author", "language"}`, one object, an array of them, or one per line.
//!
//! A record's own fields win over what its text or page says about itself, because whoever
//! wrote the record chose them. A date field has no provenance of its own in the model, so it
//! is recorded as [`DateProvenance::Meta`]: metadata that came with the document.

use corroborate_model::{DateProvenance, Document};
use serde_json::{Map, Value};

use crate::dates::parse_date;
use crate::{decode, finish, html, text, IngestError, IngestOptions};

/// Parses a `.json` input: one record or an array of records. When the whole does not parse
/// but every line looks like an object, the input is read as JSONL instead, since that is the
/// usual mistake of naming.
pub(crate) fn parse_json(
    origin: &str,
    raw: &[u8],
    options: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let decoded = decode::decode(raw, false);
    match serde_json::from_str::<Value>(&decoded) {
        Ok(Value::Array(items)) if items.is_empty() => {
            vec![Err(IngestError::Empty { origin: origin.to_string() })]
        }
        Ok(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(idx, item)| {
                let origin = format!("{origin}[{idx}]");
                // An array item has no raw bytes of its own; its canonical serialisation is
                // stable for the same input, which is what the id needs.
                let bytes = serde_json::to_vec(item).unwrap_or_default();
                record(&origin, item).map(|ex| finish(&origin, &bytes, ex, options))
            })
            .collect(),
        Ok(value) => vec![record(origin, &value).map(|ex| finish(origin, raw, ex, options))],
        Err(_) if looks_like_jsonl(&decoded) => parse_jsonl(origin, raw, options),
        Err(err) => {
            vec![Err(IngestError::Json { origin: origin.to_string(), message: err.to_string() })]
        }
    }
}

fn looks_like_jsonl(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let n_lines = lines.clone().count();
    n_lines > 1 && lines.all(|l| l.starts_with('{'))
}

/// Parses JSONL: one record per line, `origin:line` as each record's origin and the line's bytes
/// as its identity. A broken line is one error; the other lines still ingest.
pub(crate) fn parse_jsonl(
    origin: &str,
    raw: &[u8],
    options: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let raw = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(raw);
    let mut results = Vec::new();
    for (idx, line) in raw.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line_origin = format!("{origin}:{}", idx + 1);
        let decoded = decode::decode(line, false);
        let result = match serde_json::from_str::<Value>(&decoded) {
            Ok(value) => {
                record(&line_origin, &value).map(|ex| finish(&line_origin, line, ex, options))
            }
            Err(err) => Err(IngestError::Json { origin: line_origin, message: err.to_string() }),
        };
        results.push(result);
    }
    if results.is_empty() {
        results.push(Err(IngestError::Empty { origin: origin.to_string() }));
    }
    results
}

/// Reads one record.
fn record(origin: &str, value: &Value) -> Result<crate::Extracted, IngestError> {
    let Value::Object(map) = value else {
        return Err(IngestError::NotARecord {
            origin: origin.to_string(),
            problem: format!("expected a JSON object, found {}", kind_of(value)),
        });
    };
    let field = |name: &str| string_field(map, name);
    let title = field("title");
    let mut out = if let Some(page) = field("html") {
        html::extract(&page, title.as_deref())
            .ok_or_else(|| IngestError::NoText { origin: origin.to_string() })?
    } else if let Some(body) = field("text") {
        text::extract(&body, false, title.as_deref())
    } else {
        return Err(IngestError::NotARecord {
            origin: origin.to_string(),
            problem: "the object has no non-empty \"text\" or \"html\" string".to_string(),
        });
    };
    if out.paragraphs.is_empty() {
        return Err(IngestError::NoText { origin: origin.to_string() });
    }
    for (name, slot) in [
        ("url", &mut out.url),
        ("publisher", &mut out.publisher),
        ("author", &mut out.author),
        ("language", &mut out.language),
    ] {
        if let Some(value) = field(name) {
            *slot = Some(value);
        }
    }
    if let Some(date) = field("published").as_deref().and_then(parse_date) {
        out.published = Some((date, DateProvenance::Meta));
    }
    Ok(out)
}

/// A string field, trimmed, `None` when absent, not a string or blank.
fn string_field(map: &Map<String, Value>, name: &str) -> Option<String> {
    let value = map.get(name)?.as_str()?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use corroborate_model::{DocumentId, ParagraphKind};

    fn options() -> IngestOptions {
        IngestOptions::default()
    }

    #[test]
    fn jsonl_lines_are_documents_and_a_broken_line_is_one_error() {
        let raw = b"{\"text\": \"A dock was struck, officials said.\", \"title\": \"Dock Struck\", \"published\": \"2025-12-30T10:00:00Z\", \"publisher\": \"Wire\"}\n\
                    {broken\n\
                    \n\
                    {\"html\": \"<p>A boat was stopped at sea.</p>\", \"url\": \"https://x.invalid/b\"}\r\n\
                    [1]\n";
        let results = parse_jsonl("feed.jsonl", raw, &options());
        assert_eq!(results.len(), 4);
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.origin, "feed.jsonl:1");
        assert_eq!(first.title.as_deref(), Some("Dock Struck"));
        assert_eq!(first.text, "Dock Struck\n\nA dock was struck, officials said.");
        assert_eq!(first.paragraphs[0].kind, ParagraphKind::Headline);
        assert_eq!(first.published, NaiveDate::from_ymd_opt(2025, 12, 30));
        assert_eq!(first.published_from, DateProvenance::Meta);
        assert_eq!(first.publisher.as_deref(), Some("Wire"));
        let line_one = raw.split(|&b| b == b'\n').next().unwrap();
        assert_eq!(first.id, DocumentId::from_raw(line_one));

        let err = results[1].as_ref().unwrap_err();
        assert!(err.to_string().starts_with("feed.jsonl:2: is not valid JSON"), "{err}");

        let third = results[2].as_ref().unwrap();
        assert_eq!(third.origin, "feed.jsonl:4");
        assert_eq!(third.text, "A boat was stopped at sea.");
        assert_eq!(third.url.as_deref(), Some("https://x.invalid/b"));

        let err = results[3].as_ref().unwrap_err();
        assert_eq!(err.origin(), "feed.jsonl:5");
        assert!(err.to_string().contains("expected a JSON object, found an array"), "{err}");
    }

    #[test]
    fn json_object_and_array() {
        let one = br#"{"text": "Officials declined to comment."}"#;
        let results = parse_json("one.json", one, &options());
        assert_eq!(results.len(), 1);
        let doc = results[0].as_ref().unwrap();
        assert_eq!(doc.id, DocumentId::from_raw(one));
        assert_eq!(doc.origin, "one.json");

        let many =
            br#"[{"text": "First report text."}, {"title": "no body"}, {"text": "Second."}]"#;
        let results = parse_json("many.json", many, &options());
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().unwrap().origin, "many.json[0]");
        assert!(matches!(results[1], Err(IngestError::NotARecord { .. })));
        assert_ne!(results[0].as_ref().unwrap().id, results[2].as_ref().unwrap().id);
    }

    #[test]
    fn misnamed_jsonl_is_read_as_jsonl() {
        let raw = b"{\"text\": \"one\"}\n{\"text\": \"two\"}\n";
        let results = parse_json("feed.json", raw, &options());
        assert_eq!(results.len(), 2);
        assert_eq!(results[1].as_ref().unwrap().origin, "feed.json:2");
    }

    #[test]
    fn an_empty_array_is_an_empty_input() {
        let results = parse_json("none.json", b"[]", &options());
        assert!(matches!(&results[..], [Err(IngestError::Empty { .. })]));
    }

    #[test]
    fn invalid_json_is_one_error() {
        let results = parse_json("bad.json", b"{\"text\": ", &options());
        assert!(matches!(&results[..], [Err(IngestError::Json { .. })]));
    }

    #[test]
    fn html_record_without_text_is_no_text() {
        let results = parse_jsonl("f.jsonl", br#"{"html": "<nav>menu</nav>"}"#, &options());
        assert!(matches!(&results[..], [Err(IngestError::NoText { .. })]));
    }
}
