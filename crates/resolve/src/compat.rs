//! Compatibility tests between what two mentions (or a mention and an incident) say about type,
//! time and place. Clustering is built from these; each answers "could these be the same
//! event?", never "are they?".

use std::collections::BTreeSet;

use chrono::NaiveDate;
use corroborate_model::{EventType, Place, PlacePrecision, Setting, TimePrecision};

/// Types are compatible when either side is unknown or they share a type.
pub(crate) fn types_compatible(a: &BTreeSet<EventType>, b: &BTreeSet<EventType>) -> bool {
    a.is_empty() || b.is_empty() || a.intersection(b).next().is_some()
}

/// A time bound pair; `None` bounds are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Bounds {
    pub(crate) earliest: Option<NaiveDate>,
    pub(crate) latest: Option<NaiveDate>,
}

impl Bounds {
    /// True when nothing is known about the time.
    pub(crate) fn is_unknown(&self) -> bool {
        self.earliest.is_none() && self.latest.is_none()
    }

    /// True when the two intervals share at least one day (open bounds overlap everything).
    pub(crate) fn overlaps(&self, other: &Bounds) -> bool {
        let start = self.earliest.max(other.earliest);
        let end = match (self.latest, other.latest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (start, end) {
            (Some(start), Some(end)) => start <= end,
            _ => true,
        }
    }

    /// The intersection; when the two do not overlap, the hull, so that a conflict widens the
    /// interval instead of producing an impossible one.
    pub(crate) fn narrow(&self, other: &Bounds) -> Bounds {
        let earliest = self.earliest.max(other.earliest);
        let latest = match (self.latest, other.latest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (earliest, latest) {
            (Some(e), Some(l)) if e > l => Bounds {
                earliest: min_opt(self.earliest, other.earliest),
                latest: self.latest.max(other.latest),
            },
            _ => Bounds { earliest, latest },
        }
    }
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Rank of a time precision, finest first.
pub(crate) fn time_precision_rank(precision: TimePrecision) -> u8 {
    match precision {
        TimePrecision::Day => 0,
        TimePrecision::Days => 1,
        TimePrecision::Week => 2,
        TimePrecision::Month => 3,
        TimePrecision::Months => 4,
        TimePrecision::Year => 5,
        _ => 6,
    }
}

/// Rank of a place precision, most precise first.
pub(crate) fn place_precision_rank(precision: PlacePrecision) -> u8 {
    match precision {
        PlacePrecision::Exact => 0,
        PlacePrecision::Near => 1,
        PlacePrecision::Region => 2,
        PlacePrecision::Country => 3,
        PlacePrecision::SeaArea => 4,
        _ => 5,
    }
}

/// True when the place says nothing usable.
pub(crate) fn place_is_unknown(place: &Place) -> bool {
    place.name.is_none()
        && place.country_code.is_none()
        && place.lat.is_none()
        && place.precision == PlacePrecision::Unknown
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Surface {
    Land,
    Sea,
    Unknown,
}

fn surface(place: &Place) -> Surface {
    match (place.precision, place.setting) {
        (PlacePrecision::SeaArea, _)
        | (_, Setting::TerritorialSea)
        | (_, Setting::InternationalWaters) => Surface::Sea,
        (_, Setting::Land) => Surface::Land,
        _ => Surface::Unknown,
    }
}

fn same_name(a: &Option<String>, b: &Option<String>) -> Option<bool> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.trim().eq_ignore_ascii_case(b.trim())),
        _ => None,
    }
}

/// Great-circle distance in kilometres.
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let h = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Could two places be where one event happened? Unknown places are compatible with anything;
/// land and sea, two countries, two sea areas, two distant coordinates or two differently named
/// precise places are not.
pub(crate) fn places_compatible(a: &Place, b: &Place, same_area_km: f64) -> bool {
    if place_is_unknown(a) || place_is_unknown(b) {
        return true;
    }
    let (sa, sb) = (surface(a), surface(b));
    if (sa == Surface::Land && sb == Surface::Sea) || (sa == Surface::Sea && sb == Surface::Land) {
        return false;
    }
    if let (Some(ca), Some(cb)) = (&a.country_code, &b.country_code) {
        if !ca.eq_ignore_ascii_case(cb) {
            return false;
        }
    }
    if let (Some(lat1), Some(lon1), Some(lat2), Some(lon2)) = (a.lat, a.lon, b.lat, b.lon) {
        return haversine_km(lat1, lon1, lat2, lon2) <= same_area_km;
    }
    let both_sea_areas =
        a.precision == PlacePrecision::SeaArea && b.precision == PlacePrecision::SeaArea;
    let both_precise =
        place_precision_rank(a.precision) <= 1 && place_precision_rank(b.precision) <= 1;
    if both_sea_areas || both_precise {
        return same_name(&a.name, &b.name).unwrap_or(true);
    }
    true
}

/// The key of the bucket an incident's place is indexed under for candidate search.
pub(crate) fn place_bucket(place: &Place) -> String {
    if let Some(code) = &place.country_code {
        return format!("cc:{}", code.to_ascii_uppercase());
    }
    if place.precision == PlacePrecision::SeaArea {
        if let Some(name) = &place.name {
            return format!("sea:{}", name.to_lowercase());
        }
    }
    "?".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, cc: Option<&str>, precision: PlacePrecision) -> Place {
        Place {
            name: Some(name.to_string()),
            country_code: cc.map(str::to_string),
            precision,
            ..Place::default()
        }
    }

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn different_countries_and_land_versus_sea_are_incompatible() {
        let ve = place("Venezuela", Some("VE"), PlacePrecision::Country);
        let co = place("Colombia", Some("CO"), PlacePrecision::Country);
        assert!(!places_compatible(&ve, &co, 25.0));
        let mut sea = place("Caribbean Sea", None, PlacePrecision::SeaArea);
        sea.setting = Setting::InternationalWaters;
        let mut dock = place("Puerto Cabello", Some("VE"), PlacePrecision::Exact);
        dock.setting = Setting::Land;
        assert!(!places_compatible(&sea, &dock, 25.0));
        assert!(places_compatible(&ve, &dock, 25.0));
        assert!(places_compatible(&Place::default(), &co, 25.0));
    }

    #[test]
    fn coordinates_decide_within_the_same_area_radius() {
        let mut a = place("A", Some("VE"), PlacePrecision::Exact);
        let mut b = place("B", Some("VE"), PlacePrecision::Exact);
        (a.lat, a.lon, b.lat, b.lon) = (Some(10.47), Some(-68.01), Some(10.50), Some(-68.10));
        assert!(places_compatible(&a, &b, 25.0));
        b.lon = Some(-67.0);
        assert!(!places_compatible(&a, &b, 25.0));
    }

    #[test]
    fn intervals_overlap_and_narrow() {
        let month = Bounds { earliest: day("2025-12-01"), latest: day("2025-12-31") };
        let by_26 = Bounds { earliest: None, latest: day("2025-12-26") };
        assert!(month.overlaps(&by_26));
        assert_eq!(month.narrow(&by_26).latest, day("2025-12-26"));
        let january = Bounds { earliest: day("2026-01-02"), latest: day("2026-01-02") };
        assert!(!month.overlaps(&january));
        assert_eq!(month.narrow(&january).earliest, day("2025-12-01"));
    }
}
