//! Conversions between model values and column values: JSON columns, ISO dates, RFC 3339
//! timestamps and vocabulary ids. Reading back never panics: anything that does not parse is a
//! [`StoreError::Corrupt`] naming what was being read.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{de::DeserializeOwned, Serialize};

use crate::StoreError;

/// `value` as JSON text for a column.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|source| StoreError::Encode { what: what.to_string(), source })
}

/// A JSON column read back into a model value.
pub(crate) fn from_json<T: DeserializeOwned>(json: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(json)
        .map_err(|err| StoreError::Corrupt { what: what.to_string(), detail: err.to_string() })
}

/// A date as stored: ISO 8601, which also sorts correctly as text.
pub(crate) fn date_to_text(date: Option<NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

/// A stored ISO 8601 date read back.
pub(crate) fn date_from_text(
    text: Option<String>,
    what: &str,
) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|err| StoreError::Corrupt {
            what: what.to_string(),
            detail: format!("date {t:?}: {err}"),
        })
    })
    .transpose()
}

/// A timestamp as stored: RFC 3339 in UTC with microseconds, so that text order is time order.
pub(crate) fn time_to_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A stored RFC 3339 timestamp read back.
pub(crate) fn time_from_text(text: &str, what: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text).map(|at| at.with_timezone(&Utc)).map_err(|err| {
        StoreError::Corrupt { what: what.to_string(), detail: format!("timestamp {text:?}: {err}") }
    })
}

/// A stored vocabulary id read back into its enum.
pub(crate) fn vocab_from_text<T>(text: &str, what: &str) -> Result<T, StoreError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.parse::<T>()
        .map_err(|err| StoreError::Corrupt { what: what.to_string(), detail: err.to_string() })
}

/// The exclusive upper bound of the ids that start with `prefix`, so that a prefix lookup is an
/// index range scan (`id >= prefix AND id < bound`) instead of a scan of every row.
pub(crate) fn prefix_upper_bound(prefix: &str) -> String {
    // No valid id contains U+10FFFF, and it sorts after every other char in SQLite's BINARY
    // collation (byte order of UTF-8), so every id starting with `prefix` is below this bound.
    format!("{prefix}\u{10FFFF}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::Stance;

    #[test]
    fn dates_and_times_round_trip() {
        let date = NaiveDate::from_ymd_opt(2025, 12, 26);
        let text = date_to_text(date);
        assert_eq!(text.as_deref(), Some("2025-12-26"));
        assert_eq!(date_from_text(text, "date").unwrap(), date);
        let now = Utc::now();
        let back = time_from_text(&time_to_text(now), "time").unwrap();
        assert_eq!(back.timestamp_micros(), now.timestamp_micros());
    }

    #[test]
    fn unreadable_values_are_corrupt_not_panics() {
        let err = date_from_text(Some("26 Dec".into()), "published date").unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        let err = vocab_from_text::<Stance>("maybe", "stance").unwrap_err();
        assert!(err.to_string().contains("declines_to_comment"), "{err}");
        assert!(from_json::<Vec<u32>>("{", "list").is_err());
    }

    #[test]
    fn prefix_bound_sorts_after_every_id_with_the_prefix() {
        let bound = prefix_upper_bound("ab");
        assert!("abffffffffffffff" < bound.as_str());
        assert!("ac" > bound.as_str());
    }
}

/// Column `index` of `row` as text, with any bytes that are not UTF-8 replaced, and NULL as
/// empty: a claim's words are cut from its document by byte offsets, and an offset that falls
/// inside a character must not make the row unreadable.
pub(crate) fn text_lossy(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(index)? {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        ValueRef::Null | ValueRef::Integer(_) | ValueRef::Real(_) => String::new(),
    })
}

/// The words a claim claims: its document's `text` from the first content span's start to
/// the last one's end, given the spans as JSON (the claim's `content`, an array of spans).
/// Offsets are bytes; one that falls inside a character moves out to the character's edge,
/// and spans outside the text are cut to it. Empty when there are no spans or the JSON is not
/// spans. Done here rather than in SQL: the `claim_texts` view walks the JSON three times.
pub(crate) fn claimed_words<'t>(text: &'t str, content_json: &str) -> &'t str {
    let Ok(spans) = serde_json::from_str::<Vec<corroborate_model::Span>>(content_json) else {
        return "";
    };
    let (Some(start), Some(end)) =
        (spans.iter().map(|s| s.start).min(), spans.iter().map(|s| s.end).max())
    else {
        return "";
    };
    let mut start = start.min(text.len());
    let mut end = end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

#[cfg(test)]
mod claimed_words_tests {
    use super::claimed_words;

    #[test]
    fn claimed_words_span_the_content_and_respect_characters() {
        let text = "Officials said the Pérez dock burned.";
        let spans = r#"[{"start":19,"end":25},{"start":26,"end":37}]"#;
        assert_eq!(claimed_words(text, spans), "Pérez dock burned");
        // Inside "é" (bytes 20..22): out to its edges.
        assert_eq!(claimed_words(text, r#"[{"start":21,"end":21}]"#), "é");
        assert_eq!(claimed_words(text, r#"[{"start":31,"end":900}]"#), "burned.");
        assert_eq!(claimed_words(text, "[]"), "");
        assert_eq!(claimed_words(text, "null"), "");
    }
}
