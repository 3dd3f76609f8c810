//! Query strings of the list endpoints: what the client sends (all text, so that a bad value
//! gets our own 400 message listing the allowed values) and the typed filters it becomes.
//!
//! An empty value (`?type=`) counts as absent, so that an HTML form with an unselected filter
//! can submit as is.

use std::str::FromStr;

use chrono::NaiveDate;
use corroborate_model::UnknownId;
use corroborate_store::{ClaimFilter, IncidentFilter, IncidentView};
use serde::Deserialize;

use crate::error::ApiError;

/// Page size of `/api/incidents` when the client gives no `limit`.
pub const DEFAULT_LIMIT: usize = 100;

/// Largest `limit` accepted, so one request cannot ask for an unbounded answer.
pub const MAX_LIMIT: usize = 1000;

/// The query string of `GET /api/incidents`, as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IncidentQuery {
    #[serde(rename = "type")]
    event_type: Option<String>,
    country: Option<String>,
    grade: Option<String>,
    status: Option<String>,
    source_kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    view: Option<String>,
}

/// The query string of `GET /api/search`, as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchQuery {
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// The query string of `GET /api/claims`, as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimQuery {
    stance: Option<String>,
    kind: Option<String>,
    source: Option<String>,
    document: Option<String>,
    narration: Option<String>,
}

/// Which slice of a filtered list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// How many items to skip.
    pub offset: usize,
    /// How many items to return at most.
    pub limit: usize,
}

impl IncidentQuery {
    /// The typed filter, page and view (`view=full`, the default, or `view=summary`), or a 400
    /// naming the first bad parameter.
    pub(crate) fn parse(self) -> Result<(IncidentFilter, Paging, IncidentView), ApiError> {
        let filter = IncidentFilter {
            event_type: parse_id("type", self.event_type)?,
            country: parse_country(self.country)?,
            grade: parse_id("grade", self.grade)?,
            status: parse_id("status", self.status)?,
            source_kind: parse_id("source_kind", self.source_kind)?,
            from: parse_date("from", self.from)?,
            to: parse_date("to", self.to)?,
        };
        let view = match present(self.view) {
            None => IncidentView::Full,
            Some(given) => match given.as_str() {
                "full" => IncidentView::Full,
                "summary" => IncidentView::Summary,
                _ => {
                    return Err(ApiError::BadParameter {
                        parameter: "view",
                        given,
                        expected: "use full or summary".into(),
                    })
                }
            },
        };
        Ok((filter, parse_paging(self.limit, self.offset)?, view))
    }
}

impl SearchQuery {
    /// The words to search for (empty when absent) and the page.
    pub(crate) fn parse(self) -> Result<(String, Paging), ApiError> {
        Ok((present(self.q).unwrap_or_default(), parse_paging(self.limit, self.offset)?))
    }
}

/// `limit` and `offset`, with their defaults.
fn parse_paging(limit: Option<String>, offset: Option<String>) -> Result<Paging, ApiError> {
    let limit = parse_count("limit", limit, 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
    let offset = parse_count("offset", offset, 0, usize::MAX)?.unwrap_or(0);
    Ok(Paging { offset, limit })
}

/// A day, `YYYY-MM-DD`.
fn parse_date(
    parameter: &'static str,
    value: Option<String>,
) -> Result<Option<NaiveDate>, ApiError> {
    let Some(given) = present(value) else { return Ok(None) };
    NaiveDate::parse_from_str(&given, "%Y-%m-%d").map(Some).map_err(|_| ApiError::BadParameter {
        parameter,
        given,
        expected: "use a date as YYYY-MM-DD".to_string(),
    })
}

impl ClaimQuery {
    /// The store's claim filter, or a 400 naming the first bad parameter.
    pub(crate) fn parse(self) -> Result<ClaimFilter, ApiError> {
        Ok(ClaimFilter {
            source: present(self.source),
            source_kind: parse_id("kind", self.kind)?,
            stance: parse_id("stance", self.stance)?,
            document: present(self.document),
            include_narration: parse_bool("narration", self.narration)?.unwrap_or(false),
        })
    }
}

/// `None` for an absent or empty value.
fn present(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A vocabulary id (stance, event type, grade, …); a bad one is a 400 that lists the ids.
fn parse_id<T>(parameter: &'static str, value: Option<String>) -> Result<Option<T>, ApiError>
where
    T: FromStr<Err = UnknownId>,
{
    let Some(given) = present(value) else { return Ok(None) };
    T::from_str(&given).map(Some).map_err(|unknown| ApiError::BadParameter {
        parameter,
        expected: format!("use one of {}", unknown.allowed.join(", ")),
        given,
    })
}

/// A country code: two ASCII letters, returned upper case.
fn parse_country(value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(given) = present(value) else { return Ok(None) };
    if given.len() == 2 && given.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(Some(given.to_ascii_uppercase()))
    } else {
        Err(ApiError::BadParameter {
            parameter: "country",
            given,
            expected: "use an ISO 3166-1 alpha-2 country code such as VE or CO".to_string(),
        })
    }
}

/// A whole number in `min..=max`.
fn parse_count(
    parameter: &'static str,
    value: Option<String>,
    min: usize,
    max: usize,
) -> Result<Option<usize>, ApiError> {
    let Some(given) = present(value) else { return Ok(None) };
    match given.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(ApiError::BadParameter {
            parameter,
            given,
            expected: if max == usize::MAX {
                format!("use a whole number of at least {min}")
            } else {
                format!("use a whole number from {min} to {max}")
            },
        }),
    }
}

/// `true`/`false` (also `1`/`0`, as forms and scripts send them).
fn parse_bool(parameter: &'static str, value: Option<String>) -> Result<Option<bool>, ApiError> {
    let Some(given) = present(value) else { return Ok(None) };
    match given.as_str() {
        "true" | "1" => Ok(Some(true)),
        "false" | "0" => Ok(Some(false)),
        _ => Err(ApiError::BadParameter { parameter, given, expected: "use true or false".into() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{EventType, FactStatus, IncidentGrade, SourceKind, Stance};

    fn incident_query(pairs: &[(&str, &str)]) -> IncidentQuery {
        let mut query = IncidentQuery::default();
        for (key, value) in pairs {
            let value = Some(value.to_string());
            match *key {
                "type" => query.event_type = value,
                "country" => query.country = value,
                "grade" => query.grade = value,
                "status" => query.status = value,
                "source_kind" => query.source_kind = value,
                "from" => query.from = value,
                "to" => query.to = value,
                "limit" => query.limit = value,
                "offset" => query.offset = value,
                "view" => query.view = value,
                other => panic!("no parameter {other}"),
            }
        }
        query
    }

    #[test]
    fn empty_values_count_as_absent() {
        let (filter, paging, view) =
            incident_query(&[("type", ""), ("country", " "), ("limit", ""), ("view", "")])
                .parse()
                .unwrap();
        assert_eq!(filter, IncidentFilter::default());
        assert_eq!(paging, Paging { offset: 0, limit: DEFAULT_LIMIT });
        assert_eq!(view, IncidentView::Full);
    }

    #[test]
    fn ids_and_country_parse() {
        let (filter, paging, view) = incident_query(&[
            ("type", "air_or_drone_strike"),
            ("country", "ve"),
            ("grade", "weak"),
            ("status", "disputed"),
            ("source_kind", "anonymous"),
            ("from", "2025-12-01"),
            ("limit", "5"),
            ("offset", "10"),
            ("view", "summary"),
        ])
        .parse()
        .unwrap();
        assert_eq!(view, IncidentView::Summary);
        assert_eq!(filter.event_type, Some(EventType::AirOrDroneStrike));
        assert_eq!(filter.country.as_deref(), Some("VE"));
        assert_eq!(filter.grade, Some(IncidentGrade::Weak));
        assert_eq!(filter.status, Some(FactStatus::Disputed));
        assert_eq!(filter.source_kind, Some(SourceKind::Anonymous));
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2025, 12, 1));
        assert_eq!(paging, Paging { offset: 10, limit: 5 });
    }

    #[test]
    fn bad_values_name_the_parameter_and_what_is_allowed() {
        let cases = [
            ("type", "drone", "air_or_drone_strike"),
            ("grade", "strong", "contested"),
            ("country", "Venezuela", "alpha-2"),
            ("limit", "0", "from 1 to 1000"),
            ("limit", "5000", "from 1 to 1000"),
            ("offset", "-1", "at least 0"),
            ("from", "Dec 1", "YYYY-MM-DD"),
            ("status", "true", "disputed"),
            ("view", "short", "full or summary"),
        ];
        for (key, value, hint) in cases {
            let error = incident_query(&[(key, value)]).parse().unwrap_err();
            let message = error.to_string();
            assert!(message.contains(key) && message.contains(hint), "{key}={value}: {message}");
        }
    }

    #[test]
    fn claim_query_becomes_a_store_filter() {
        let query = ClaimQuery {
            stance: Some("denies".into()),
            kind: Some("named_person".into()),
            source: Some("Weiskopf".into()),
            document: Some("".into()),
            narration: Some("1".into()),
        };
        let filter = query.parse().unwrap();
        assert_eq!(filter.stance, Some(Stance::Denies));
        assert_eq!(filter.source_kind, Some(SourceKind::NamedPerson));
        assert_eq!(filter.source.as_deref(), Some("Weiskopf"));
        assert_eq!(filter.document, None);
        assert!(filter.include_narration);
    }

    #[test]
    fn a_bad_stance_lists_the_stances() {
        let query = ClaimQuery { stance: Some("maybe".into()), ..ClaimQuery::default() };
        let message = query.parse().unwrap_err().to_string();
        assert!(message.contains("declines_to_comment"), "{message}");
    }
}
