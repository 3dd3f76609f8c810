//! Compatibility tests between what two mentions (or a mention and an incident) say about type,
//! time and place. Clustering is built from these; each answers "could these be the same
//! event?", never "are they?".

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::NaiveDate;
use corroborate_model::{EventType, Place, PlacePrecision, Setting, TimePrecision};
use serde::Deserialize;

/// The compatibility tables, `data/resolve/compat.toml`.
const COMPAT_TOML: &str = include_str!("../../../data/resolve/compat.toml");

/// Two event types that reports of one event may use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypePair {
    /// Hierarchical id, for messages.
    #[allow(dead_code)]
    id: String,
    /// Why the two go together.
    #[allow(dead_code)]
    description: String,
    general: EventType,
    specific: EventType,
    /// Pairs a test checks to be compatible.
    #[allow(dead_code)]
    examples: Vec<[EventType; 2]>,
}

/// A sea area lying inside another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeaWithin {
    #[allow(dead_code)]
    id: String,
    #[allow(dead_code)]
    description: String,
    narrower: String,
    wider: String,
    /// Name pairs a test checks to be compatible.
    #[allow(dead_code)]
    examples: Vec<[String; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompatTables {
    type_pair: Vec<TypePair>,
    sea_within: Vec<SeaWithin>,
}

/// The embedded tables. The file is part of the build, and a test parses it, so a failure here
/// is a packaging error; an empty table then keeps resolution working with exact matches only.
fn tables() -> &'static CompatTables {
    static TABLES: OnceLock<CompatTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        toml::from_str(COMPAT_TOML)
            .unwrap_or(CompatTables { type_pair: Vec::new(), sea_within: Vec::new() })
    })
}

/// True when reports of one event may call it `a` and `b`.
pub(crate) fn type_pair_compatible(a: EventType, b: EventType) -> bool {
    a == b
        || tables()
            .type_pair
            .iter()
            .any(|p| (p.general == a && p.specific == b) || (p.general == b && p.specific == a))
}

/// True when `specific` is the narrower reading of `general` in the type table.
pub(crate) fn is_more_specific(specific: EventType, general: EventType) -> bool {
    tables().type_pair.iter().any(|p| p.specific == specific && p.general == general)
}

/// Types are compatible when either side is unknown or some type of one is compatible with
/// some type of the other.
pub(crate) fn types_compatible(a: &BTreeSet<EventType>, b: &BTreeSet<EventType>) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|&x| b.iter().any(|&y| type_pair_compatible(x, y)))
}

/// The widest sea area containing `name` (itself when the table knows no wider one), in lower
/// case.
pub(crate) fn sea_root(name: &str) -> String {
    let mut current = name.trim().to_lowercase();
    // The table is small and acyclic in practice; the bound guards against a cycle in data.
    for _ in 0..16 {
        match tables().sea_within.iter().find(|s| s.narrower.to_lowercase() == current) {
            Some(s) => current = s.wider.to_lowercase(),
            None => break,
        }
    }
    current
}

/// True when one named sea area lies within the other (or they are the same).
fn seas_nested(a: &str, b: &str) -> bool {
    let within = |inner: &str, outer: &str| {
        let outer = outer.trim().to_lowercase();
        let mut current = inner.trim().to_lowercase();
        for _ in 0..16 {
            if current == outer {
                return true;
            }
            match tables().sea_within.iter().find(|s| s.narrower.to_lowercase() == current) {
                Some(s) => current = s.wider.to_lowercase(),
                None => return false,
            }
        }
        false
    };
    within(a, b) || within(b, a)
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

    /// True when the two intervals come within `slack_days` of each other: a later report's
    /// "Tuesday" against an earlier "Monday night" is the same event.
    pub(crate) fn overlaps_within(&self, other: &Bounds, slack_days: i64) -> bool {
        let widen = |b: &Bounds| Bounds {
            earliest: b
                .earliest
                .and_then(|d| d.checked_sub_signed(chrono::Duration::days(slack_days))),
            latest: b.latest.and_then(|d| d.checked_add_signed(chrono::Duration::days(slack_days))),
        };
        widen(self).overlaps(other)
    }

    /// The interval with its bounds in order: an interval whose start is after its end (a
    /// relative date resolved against the wrong day) is read as the days between the two.
    pub(crate) fn ordered(self) -> Bounds {
        match (self.earliest, self.latest) {
            (Some(e), Some(l)) if e > l => Bounds { earliest: Some(l), latest: Some(e) },
            _ => self,
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

/// The level of a place in the containment hierarchy: a town ("at" or "near" it), a region, a
/// country; sea areas and places without a precision come last.
pub(crate) fn place_level(precision: PlacePrecision) -> u8 {
    match precision {
        PlacePrecision::Exact | PlacePrecision::Near => 0,
        PlacePrecision::Region => 1,
        PlacePrecision::Country => 2,
        PlacePrecision::SeaArea => 3,
        _ => 4,
    }
}

/// True when the place says nothing usable.
pub(crate) fn place_is_unknown(place: &Place) -> bool {
    place.name.is_none()
        && place.country_code.is_none()
        && place.lat.is_none()
        && place.precision == PlacePrecision::Unknown
        && place.setting == Setting::Unknown
}

/// True when a place can tell two incidents apart: a town, a region or a named sea area. A
/// country alone usually names a party ("Colombian intelligence"), not where the event was.
pub(crate) fn place_is_distinguishing(place: &Place) -> bool {
    place.name.is_some()
        && matches!(
            place.precision,
            PlacePrecision::Exact
                | PlacePrecision::Near
                | PlacePrecision::Region
                | PlacePrecision::SeaArea
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Surface {
    Land,
    Sea,
    Unknown,
}

pub(crate) fn surface(place: &Place) -> Surface {
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

/// Could two places be where one event happened? They are when one contains the other (a town
/// within its region within its country; a sea area within a wider one) or when either is
/// unknown. Land and sea, two countries, a sea area and a country's land or coast, two named
/// sea areas neither within the other, two towns apart, or a town outside a named region are
/// not.
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
    let (a_sea, b_sea) =
        (a.precision == PlacePrecision::SeaArea, b.precision == PlacePrecision::SeaArea);
    match (a_sea, b_sea) {
        (true, true) => {
            return match (&a.name, &b.name) {
                (Some(x), Some(y)) => seas_nested(x, y),
                _ => true,
            }
        }
        // A sea area against a place in a country: the country's land or coast.
        (true, false) => return b.country_code.is_none(),
        (false, true) => return a.country_code.is_none(),
        (false, false) => {}
    }
    let (la, lb) = (place_level(a.precision), place_level(b.precision));
    if la == 0 && lb == 0 {
        if same_name(&a.name, &b.name) == Some(true) {
            return true;
        }
        if let (Some(lat1), Some(lon1), Some(lat2), Some(lon2)) = (a.lat, a.lon, b.lat, b.lon) {
            return haversine_km(lat1, lon1, lat2, lon2) <= same_area_km;
        }
        return same_name(&a.name, &b.name).unwrap_or(true);
    }
    // A town against a region: the town must lie in it, when its region is known.
    let town_in_region = |town: &Place, region: &Place| match (&town.admin1, &region.name) {
        (Some(admin1), Some(name)) => admin1.trim().eq_ignore_ascii_case(name.trim()),
        _ => true,
    };
    match (la, lb) {
        (0, 1) => town_in_region(a, b),
        (1, 0) => town_in_region(b, a),
        (1, 1) => same_name(&a.name, &b.name).unwrap_or(true),
        _ => true,
    }
}

/// The key of the bucket an incident's place is indexed under for candidate search: its
/// country, else the widest sea area containing its sea area, else "?".
pub(crate) fn place_bucket(place: &Place) -> String {
    if let Some(code) = &place.country_code {
        return format!("cc:{}", code.to_ascii_uppercase());
    }
    if place.precision == PlacePrecision::SeaArea {
        if let Some(name) = &place.name {
            return format!("sea:{}", sea_root(name));
        }
    }
    "?".to_string()
}

/// The place a set of reported places most likely means. When any of them is at sea, the event
/// is at sea and towns or regions (ports of departure, where a spokesperson spoke) do not
/// locate it; among sea places a named sea area wins, the narrowest of the most often named.
/// On land the finest level wins (a town before a region before a country), then the name named
/// most often; its precision is the one most often given to that name ("near" on a tie, which
/// claims less). A missing country, region or setting is filled from the compatible others.
/// Resolve counts the places as it goes ([`effective_counted_place`]); the tests state the
/// rule over plain lists.
#[cfg(test)]
pub(crate) fn effective_place<'a>(places: impl IntoIterator<Item = &'a Place>) -> Place {
    let mut counted: Vec<(&Place, usize)> = Vec::new();
    for place in places {
        match counted.iter_mut().find(|(p, _)| *p == place) {
            Some((_, n)) => *n += 1,
            None => counted.push((place, 1)),
        }
    }
    effective_counted_place(counted)
}

/// [`effective_place`] of places given once each with how many times they were reported, in
/// order of first report. An incident's summary keeps its places this way: with the repeats
/// spelled out, the thousands of reports of one large incident made every report that joined
/// it cost time in proportion to the square of their number.
pub(crate) fn effective_counted_place<'a>(
    places: impl IntoIterator<Item = (&'a Place, usize)>,
) -> Place {
    let known: Vec<(&Place, usize)> =
        places.into_iter().filter(|(p, n)| *n > 0 && !place_is_unknown(p)).collect();
    let at_sea: Vec<(&Place, usize)> =
        known.iter().copied().filter(|(p, _)| surface(p) == Surface::Sea).collect();
    let candidates: Vec<(&Place, usize)> = if at_sea.is_empty() {
        known.iter().copied().filter(|(p, _)| surface(p) != Surface::Sea).collect()
    } else {
        at_sea
    };
    // How often each name is reported among the candidates, compared as `same_name` does.
    let name_key = |name: &str| name.trim().to_ascii_lowercase();
    let mut name_counts: HashMap<String, usize> = HashMap::new();
    for (place, n) in &candidates {
        if let Some(name) = &place.name {
            *name_counts.entry(name_key(name)).or_default() += n;
        }
    }
    let count_name = |name: &Option<String>| {
        name.as_deref().and_then(|name| name_counts.get(&name_key(name))).copied().unwrap_or(0)
    };
    let Some(best) = candidates.iter().map(|(p, _)| *p).min_by(|a, b| {
        let named = |p: &Place| u8::from(p.name.is_none());
        named(a)
            .cmp(&named(b))
            .then(place_level(a.precision).cmp(&place_level(b.precision)))
            .then_with(|| {
                let depth = |p: &Place| p.name.as_deref().map_or(0, sea_depth);
                depth(b).cmp(&depth(a))
            })
            .then_with(|| count_name(&b.name).cmp(&count_name(&a.name)))
    }) else {
        return Place::default();
    };
    let mut place = best.clone();
    if place_level(place.precision) == 0 {
        let same = candidates.iter().filter(|(p, _)| {
            same_name(&p.name, &best.name) == Some(true) && place_level(p.precision) == 0
        });
        let (mut near, mut exact) = (0, 0);
        for (p, n) in same {
            if p.precision == PlacePrecision::Near {
                near += n;
            } else {
                exact += n;
            }
        }
        place.precision = if exact > near { PlacePrecision::Exact } else { PlacePrecision::Near };
    }
    // At sea, only other sea places may fill gaps: a port's country is not the sea's.
    let at_sea = surface(&place) == Surface::Sea;
    let compatible: Vec<&Place> = known
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| !at_sea || surface(p) == Surface::Sea)
        .filter(|p| places_compatible(p, &place, f64::INFINITY))
        .collect();
    if place.country_code.is_none() && place.precision != PlacePrecision::SeaArea {
        place.country_code = compatible.iter().find_map(|p| p.country_code.clone());
    }
    if place.admin1.is_none() {
        place.admin1 = compatible
            .iter()
            .filter(|p| p.precision == PlacePrecision::Region)
            .find_map(|p| p.name.clone());
    }
    if place.setting == Setting::Unknown {
        if let Some(other) = compatible.iter().find(|p| p.setting != Setting::Unknown) {
            place.setting = other.setting;
            place.setting_from = other.setting_from;
        }
    }
    place
}

/// How many sea areas contain `name`.
fn sea_depth(name: &str) -> usize {
    let mut current = name.trim().to_lowercase();
    let mut depth = 0;
    for _ in 0..16 {
        match tables().sea_within.iter().find(|s| s.narrower.to_lowercase() == current) {
            Some(s) => {
                current = s.wider.to_lowercase();
                depth += 1;
            }
            None => break,
        }
    }
    depth
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

    #[test]
    fn every_table_example_is_compatible() {
        let tables: CompatTables = toml::from_str(COMPAT_TOML).expect("compat.toml parses");
        assert!(!tables.type_pair.is_empty() && !tables.sea_within.is_empty());
        for pair in &tables.type_pair {
            assert!(!pair.id.is_empty() && !pair.description.is_empty(), "{}", pair.id);
            for [a, b] in &pair.examples {
                let (a, b) = (BTreeSet::from([*a]), BTreeSet::from([*b]));
                assert!(types_compatible(&a, &b), "{}: {a:?} ~ {b:?}", pair.id);
            }
            assert!(is_more_specific(pair.specific, pair.general), "{}", pair.id);
        }
        for sea in &tables.sea_within {
            assert!(!sea.id.is_empty() && !sea.description.is_empty(), "{}", sea.id);
            for [a, b] in &sea.examples {
                let (a, b) = (sea_place(a), sea_place(b));
                assert!(places_compatible(&a, &b, 25.0), "{}: {a:?} ~ {b:?}", sea.id);
            }
        }
        let strike = BTreeSet::from([EventType::AirOrDroneStrike]);
        let raid = BTreeSet::from([EventType::GroundRaid]);
        assert!(!types_compatible(&strike, &raid));
    }

    fn sea_place(name: &str) -> Place {
        Place {
            setting: Setting::InternationalWaters,
            ..place(name, None, PlacePrecision::SeaArea)
        }
    }

    #[test]
    fn a_town_its_region_and_its_country_are_one_place() {
        let mut machiques = place("Machiques", Some("VE"), PlacePrecision::Near);
        machiques.admin1 = Some("Zulia".into());
        (machiques.lat, machiques.lon) = (Some(10.06), Some(-72.55));
        let mut zulia = place("Zulia", Some("VE"), PlacePrecision::Region);
        (zulia.lat, zulia.lon) = (Some(10.0), Some(-72.0));
        let venezuela = place("Venezuela", Some("VE"), PlacePrecision::Country);
        assert!(places_compatible(&machiques, &zulia, 25.0));
        assert!(places_compatible(&zulia, &venezuela, 25.0));
        assert!(places_compatible(&machiques, &venezuela, 25.0));
        let falcon = place("Falcón", Some("VE"), PlacePrecision::Region);
        assert!(!places_compatible(&machiques, &falcon, 25.0));
    }

    #[test]
    fn seas_nest_but_a_sea_is_not_a_country_or_another_ocean() {
        let caribbean = sea_place("Caribbean Sea");
        assert!(places_compatible(
            &sea_place("Pacific Ocean"),
            &sea_place("eastern Pacific Ocean"),
            25.0
        ));
        assert!(!places_compatible(&caribbean, &sea_place("eastern Pacific Ocean"), 25.0));
        let mut coast = place("Venezuela", Some("VE"), PlacePrecision::Country);
        coast.setting = Setting::TerritorialSea;
        assert!(!places_compatible(&caribbean, &coast, 25.0));
        assert_eq!(place_bucket(&sea_place("eastern Pacific Ocean")), "sea:pacific ocean");
    }

    #[test]
    fn at_sea_the_sea_locates_the_event_and_on_land_the_town_named_most() {
        let mut sucre = place("Sucre", Some("VE"), PlacePrecision::Region);
        sucre.setting = Setting::Unknown;
        let waters = Place { setting: Setting::InternationalWaters, ..Place::default() };
        let found = effective_place([&sucre, &waters]);
        assert_eq!(found.setting, Setting::InternationalWaters);
        assert_eq!(found.country_code, None);
        let near = place("Saakow", Some("SO"), PlacePrecision::Near);
        let exact = place("Saakow", Some("SO"), PlacePrecision::Exact);
        let somalia = place("Somalia", Some("SO"), PlacePrecision::Country);
        let found = effective_place([&somalia, &exact, &near, &near]);
        assert_eq!(found.name.as_deref(), Some("Saakow"));
        assert_eq!(found.precision, PlacePrecision::Near);
        let headline = sea_place("Pacific Ocean");
        let body = sea_place("eastern Pacific Ocean");
        assert_eq!(
            effective_place([&headline, &body]).name.as_deref(),
            Some("eastern Pacific Ocean")
        );
        // Counted places read as the same places repeated: here two towns named equally often
        // (first report wins), and Saakow's precision decided by counts.
        let other = place("Jilib", Some("SO"), PlacePrecision::Exact);
        let cases: [&[(&Place, usize)]; 4] = [
            &[(&somalia, 3), (&exact, 1), (&near, 2)],
            &[(&exact, 3), (&near, 2), (&other, 5)],
            &[(&other, 2), (&exact, 1), (&near, 1)],
            &[(&headline, 1), (&sucre, 4), (&body, 2)],
        ];
        for counted in cases {
            let repeated: Vec<&Place> =
                counted.iter().flat_map(|(p, n)| std::iter::repeat_n(*p, *n)).collect();
            assert_eq!(
                effective_counted_place(counted.iter().copied()),
                effective_place(repeated),
                "{counted:?}"
            );
        }
        let tied = effective_counted_place(cases[1].iter().copied());
        assert_eq!((tied.name.as_deref(), tied.precision), (Some("Saakow"), PlacePrecision::Exact));
        let tied = effective_counted_place(cases[2].iter().copied());
        assert_eq!(tied.name.as_deref(), Some("Jilib"));
    }

    #[test]
    fn a_day_of_slack_joins_monday_night_and_tuesday() {
        let monday = Bounds { earliest: day("2025-11-24"), latest: day("2025-11-24") };
        let tuesday = Bounds { earliest: day("2025-11-25"), latest: day("2025-11-25") };
        let friday = Bounds { earliest: day("2025-11-28"), latest: day("2025-11-28") };
        assert!(!monday.overlaps(&tuesday));
        assert!(monday.overlaps_within(&tuesday, 1));
        assert!(!monday.overlaps_within(&friday, 1));
        let reversed = Bounds { earliest: day("2025-12-04"), latest: day("2025-12-03") };
        assert_eq!(reversed.ordered().earliest, day("2025-12-03"));
    }
}
