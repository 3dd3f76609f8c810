//! The ACLED table: our event types in ACLED's words, and centroids for places known only to the
//! country or sea-area level. Both live in `data/acled.toml`, embedded at build time and parsed
//! once.

use std::sync::OnceLock;

use corroborate_model::{EventType, Place, PlacePrecision};
use serde::Deserialize;

use crate::ExportError;

/// The embedded data file.
const ACLED_TOML: &str = include_str!("../data/acled.toml");
/// Its path, for error messages.
const ACLED_PATH: &str = "crates/export/data/acled.toml";

/// One event-type mapping.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventTypeEntry {
    // Read by the self-test and by people; lookups go by event type.
    #[allow(dead_code)]
    pub(crate) id: String,
    // Documentation carried by the data file for people; the code never reads it.
    #[allow(dead_code)]
    pub(crate) description: String,
    pub(crate) event_type: EventType,
    pub(crate) acled_event_type: String,
    pub(crate) acled_sub_event_type: String,
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) examples: Vec<EventTypeExample>,
}

/// An example of an event-type mapping: our id and `"event_type|sub_event_type"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventTypeExample {
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) event_type: EventType,
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) expect: String,
}

/// One centroid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CentroidEntry {
    // Read by the self-test and by people; lookups go by code or name.
    #[allow(dead_code)]
    pub(crate) id: String,
    // Documentation carried by the data file for people; the code never reads it.
    #[allow(dead_code)]
    pub(crate) description: String,
    /// ISO 3166-1 alpha-2 code; `None` for sea areas.
    pub(crate) code: Option<String>,
    pub(crate) name: String,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) examples: Vec<CentroidExample>,
}

/// An example lookup and the box its result must fall in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CentroidExample {
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) lookup: String,
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) lat_range: [f64; 2],
    // Only the self-test reads examples.
    #[allow(dead_code)]
    pub(crate) lon_range: [f64; 2],
}

/// The parsed data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcledTable {
    pub(crate) event_type: Vec<EventTypeEntry>,
    pub(crate) centroid: Vec<CentroidEntry>,
}

impl AcledTable {
    /// ACLED's event type and sub-event type for one of ours.
    pub(crate) fn event_type(&self, event_type: EventType) -> Option<&EventTypeEntry> {
        self.event_type.iter().find(|e| e.event_type == event_type)
    }

    /// The centroid of a country (by code) or a sea area (by name), case-insensitively.
    pub(crate) fn centroid(&self, code_or_name: &str) -> Option<&CentroidEntry> {
        let key = code_or_name.trim();
        self.centroid.iter().find(|c| {
            c.code.as_deref().is_some_and(|code| code.eq_ignore_ascii_case(key))
                || c.name.eq_ignore_ascii_case(key)
        })
    }

    /// Country name for an ISO code, when the table knows it.
    pub(crate) fn country_name(&self, code: &str) -> Option<&str> {
        self.centroid
            .iter()
            .find(|c| c.code.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(code)))
            .map(|c| c.name.as_str())
    }

    /// The point to draw a place at, with its ACLED geo_precision (1 exact, 2 near or region,
    /// 3 country or sea area). A place with its own coordinates keeps them, unless it is known
    /// only to the country; otherwise the centroid of its country or sea area stands in, at
    /// precision 3. `None` when nothing locates it.
    pub(crate) fn point(&self, place: &Place) -> Option<(f64, f64, u8)> {
        if place.precision != PlacePrecision::Country {
            if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
                return Some((lat, lon, geo_precision(place.precision).unwrap_or(3)));
            }
        }
        let by_code = place.country_code.as_deref().and_then(|code| self.centroid(code));
        let by_sea_name = (place.precision == PlacePrecision::SeaArea)
            .then(|| place.name.as_deref().and_then(|name| self.centroid(name)))
            .flatten();
        by_sea_name.or(by_code).map(|c| (c.lat, c.lon, 3))
    }
}

/// ACLED geo_precision of a place precision; `None` when unknown.
pub(crate) fn geo_precision(precision: PlacePrecision) -> Option<u8> {
    match precision {
        PlacePrecision::Exact => Some(1),
        PlacePrecision::Near | PlacePrecision::Region => Some(2),
        PlacePrecision::Country | PlacePrecision::SeaArea => Some(3),
        _ => None,
    }
}

/// The table, parsed on first use.
pub(crate) fn table() -> Result<&'static AcledTable, ExportError> {
    static TABLE: OnceLock<Result<AcledTable, String>> = OnceLock::new();
    TABLE
        .get_or_init(|| toml::from_str::<AcledTable>(ACLED_TOML).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|message| ExportError::DataFile { path: ACLED_PATH, message: message.clone() })
}

// Tests may panic on a broken fixture; that is their way of failing.
#[allow(clippy::unwrap_used)]
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_event_type_has_exactly_one_mapping() {
        let table = table().unwrap();
        for event_type in EventType::ALL {
            let n = table.event_type.iter().filter(|e| e.event_type == *event_type).count();
            assert_eq!(n, 1, "{event_type} must be mapped once in {ACLED_PATH}");
        }
        let ids: BTreeSet<&str> = table.event_type.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), table.event_type.len(), "duplicate ids");
    }

    #[test]
    fn event_type_examples_hold() {
        let table = table().unwrap();
        for entry in &table.event_type {
            assert!(!entry.examples.is_empty(), "{} has no example", entry.id);
            for example in &entry.examples {
                let got = table
                    .event_type(example.event_type)
                    .map(|e| format!("{}|{}", e.acled_event_type, e.acled_sub_event_type));
                assert_eq!(
                    got.as_deref(),
                    Some(example.expect.as_str()),
                    "example of {}",
                    entry.id
                );
            }
        }
    }

    #[test]
    fn centroid_examples_hold() {
        let table = table().unwrap();
        let ids: BTreeSet<&str> = table.centroid.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), table.centroid.len(), "duplicate ids");
        for entry in &table.centroid {
            assert!(!entry.examples.is_empty(), "{} has no example", entry.id);
            for example in &entry.examples {
                let found = table.centroid(&example.lookup);
                let Some(found) = found else {
                    panic!("{}: {} not found", entry.id, example.lookup)
                };
                assert_eq!(found.id, entry.id);
                let [lat_lo, lat_hi] = example.lat_range;
                let [lon_lo, lon_hi] = example.lon_range;
                assert!((lat_lo..=lat_hi).contains(&found.lat), "{} latitude", entry.id);
                assert!((lon_lo..=lon_hi).contains(&found.lon), "{} longitude", entry.id);
            }
        }
    }

    #[test]
    fn country_level_places_get_the_centroid_at_precision_three() {
        let table = table().unwrap();
        let venezuela = Place {
            name: Some("Venezuela".into()),
            country_code: Some("VE".into()),
            precision: PlacePrecision::Country,
            lat: Some(1.0),
            lon: Some(1.0),
            ..Place::default()
        };
        assert_eq!(table.point(&venezuela), Some((7.12, -66.18, 3)));
        let port = Place {
            precision: PlacePrecision::Near,
            lat: Some(10.47),
            lon: Some(-68.01),
            ..venezuela.clone()
        };
        assert_eq!(table.point(&port), Some((10.47, -68.01, 2)));
        assert_eq!(table.point(&Place::default()), None);
    }
}
