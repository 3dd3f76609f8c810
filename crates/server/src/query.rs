//! Query strings of the list endpoints: what the client sends (all text, so that a bad value
//! gets our own 400 message listing the allowed values) and the typed filters it becomes.
//!
//! An empty value (`?type=`) counts as absent, so that an HTML form with an unselected filter
//! can submit as is.

use std::str::FromStr;

use corroborate_model::{EventType, Incident, IncidentGrade, UnknownId};
use corroborate_store::ClaimFilter;
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

/// Which incidents `GET /api/incidents` returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFilter {
    /// Only incidents of this event type.
    pub event_type: Option<EventType>,
    /// Only incidents placed in this country (ISO 3166-1 alpha-2, upper case).
    pub country: Option<String>,
    /// Only incidents with this grade.
    pub grade: Option<IncidentGrade>,
}

impl IncidentFilter {
    /// True when `incident` passes every filter that is set.
    pub fn matches(&self, incident: &Incident) -> bool {
        // `iter().all` is true for an unset filter.
        let type_ok = self.event_type.iter().all(|wanted| incident.event_type == Some(*wanted));
        let country_ok = self.country.iter().all(|wanted| {
            incident
                .place
                .country_code
                .as_deref()
                .is_some_and(|code| code.eq_ignore_ascii_case(wanted))
        });
        let grade_ok = self.grade.iter().all(|wanted| incident.grade == *wanted);
        type_ok && country_ok && grade_ok
    }
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
    /// The typed filter and page, or a 400 naming the first bad parameter.
    pub(crate) fn parse(self) -> Result<(IncidentFilter, Paging), ApiError> {
        let filter = IncidentFilter {
            event_type: parse_id("type", self.event_type)?,
            country: parse_country(self.country)?,
            grade: parse_id("grade", self.grade)?,
        };
        let limit = parse_count("limit", self.limit, 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
        let offset = parse_count("offset", self.offset, 0, usize::MAX)?.unwrap_or(0);
        Ok((filter, Paging { offset, limit }))
    }
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
    use corroborate_model::{SourceKind, Stance};

    fn incident_query(pairs: &[(&str, &str)]) -> IncidentQuery {
        let mut query = IncidentQuery::default();
        for (key, value) in pairs {
            let value = Some(value.to_string());
            match *key {
                "type" => query.event_type = value,
                "country" => query.country = value,
                "grade" => query.grade = value,
                "limit" => query.limit = value,
                "offset" => query.offset = value,
                other => panic!("no parameter {other}"),
            }
        }
        query
    }

    #[test]
    fn empty_values_count_as_absent() {
        let (filter, paging) =
            incident_query(&[("type", ""), ("country", " "), ("limit", "")]).parse().unwrap();
        assert_eq!(filter, IncidentFilter::default());
        assert_eq!(paging, Paging { offset: 0, limit: DEFAULT_LIMIT });
    }

    #[test]
    fn ids_and_country_parse() {
        let (filter, paging) = incident_query(&[
            ("type", "air_or_drone_strike"),
            ("country", "ve"),
            ("grade", "weak"),
            ("limit", "5"),
            ("offset", "10"),
        ])
        .parse()
        .unwrap();
        assert_eq!(filter.event_type, Some(EventType::AirOrDroneStrike));
        assert_eq!(filter.country.as_deref(), Some("VE"));
        assert_eq!(filter.grade, Some(IncidentGrade::Weak));
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
