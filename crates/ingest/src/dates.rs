//! Publication dates as metadata writes them: `2025-12-30`, RFC 3339, RFC 2822,
//! `Dec 30, 2025`, `30 December 2025`, and dates inside URLs (`/2025/12/30/`).
//!
//! These are dates of *metadata*, not of the text: relative expressions ("earlier this month")
//! belong to analyze, which resolves them against the date found here.

use chrono::{DateTime, Datelike, NaiveDate};

/// Formats tried, in order, after the ISO and RFC forms. Day-first and month-first written
/// dates are both common in bylines; neither is ambiguous because the month is a word.
const WRITTEN_FORMATS: &[&str] = &[
    "%b %d, %Y",
    "%B %d, %Y",
    "%b. %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %b. %Y",
    "%d %B, %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
];

/// Reads a metadata date, or `None` when it is not one of the accepted forms.
///
/// A datetime keeps the calendar day as written (its local day), not the UTC day: a report
/// stamped `2025-12-30T23:00:00-05:00` was published on the 30th where it was written.
pub(crate) fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(date) = iso_prefix(s) {
        return Some(date);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    // Drop a leading weekday ("Tuesday, 30 December 2025") before the written forms.
    let s = match s.split_once(", ") {
        Some((head, tail)) if is_weekday(head) => tail,
        _ => s,
    };
    WRITTEN_FORMATS
        .iter()
        .filter_map(|fmt| NaiveDate::parse_from_str(s, fmt).ok())
        // chrono reads "Dec 2025" as day 20 of year 25 under "%b %d %Y"; a metadata year is
        // always written in full, so demand its four digits.
        .find(|date| date.year() >= 1000 && s.contains(&date.year().to_string()))
}

/// `YYYY-MM-DD` at the start, followed by nothing or by the time part of a datetime.
fn iso_prefix(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    let follows_ok = rest.is_empty()
        || (rest.starts_with(['T', 't', ' '])
            && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
    if !follows_ok {
        return None;
    }
    let bytes = head.as_bytes();
    let shape_ok = bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

fn is_weekday(word: &str) -> bool {
    const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    DAYS.iter().any(|d| lower.starts_with(d)) && lower.chars().all(|c| c.is_ascii_alphabetic())
}

/// A `/YYYY/MM/DD/` date in a URL path, the way many news sites file their articles.
pub(crate) fn date_in_url(url: &str) -> Option<NaiveDate> {
    let segments: Vec<&str> = url.split(['/', '?', '#']).collect();
    segments.windows(3).find_map(|w| {
        let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if all_digits(w[0], 4) && all_digits(w[1], 2) && all_digits(w[2], 2) {
            let (y, m, d) = (w[0].parse().ok()?, w[1].parse().ok()?, w[2].parse().ok()?);
            NaiveDate::from_ymd_opt(y, m, d)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn accepts_the_metadata_forms() {
        let cases = [
            "2025-12-30",
            "2025-12-30T10:00:00Z",
            "2025-12-30T10:00:00+01:00",
            "2025-12-30T23:30:00-05:00",
            "2025-12-30 10:00",
            "Dec 30, 2025",
            "December 30, 2025",
            "Dec. 30, 2025",
            "30 December 2025",
            "30 Dec 2025",
            "Tuesday, 30 December 2025",
            "Tue, 30 Dec 2025 10:00:00 GMT",
            "2025/12/30",
            "  2025-12-30  ",
        ];
        for case in cases {
            assert_eq!(parse_date(case), day(2025, 12, 30), "{case}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_full_date() {
        for case in ["", "2025", "2025-12", "2025-13-01", "Dec 2025", "yesterday", "2025-12-30x"] {
            assert_eq!(parse_date(case), None, "{case}");
        }
    }

    #[test]
    fn finds_dates_in_url_paths() {
        assert_eq!(date_in_url("https://news.example/2025/12/30/dock-strike"), day(2025, 12, 30));
        assert_eq!(date_in_url("https://news.example/world/2025/12/dock"), None);
        assert_eq!(date_in_url("https://news.example/2025/02/30/x"), None);
    }
}
