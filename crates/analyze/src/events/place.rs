//! Places (`data/places/gazetteer.toml`, `data/places/settings.toml`): the most specific named
//! place in a claim, its precision, and whether the event was on land or at sea.
//!
//! The fixture gazetteer is always used. When the CLI loads a built index (`--gazetteer`), a
//! town the fixture lacks is looked up there too, and an exact place's coordinate gets its
//! setting from the land and territorial-sea polygons.

use crate::pattern::LazyRegex;
use corroborate_model::{Place, PlacePrecision, Setting, SettingDerivation, Span};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::str::FromStr;
use std::sync::Arc;

use corroborate_gazetteer::{Gazetteer as Index, Surface};

use super::terms::{self, Placeholders, TermMatcher};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the gazetteer.
pub(super) const GAZETTEER_FILE: &str = "places/gazetteer.toml";
/// Relative name of the setting cues.
pub(super) const SETTINGS_FILE: &str = "places/settings.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    place: Vec<PlaceEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    id: String,
    kind: String,
    name: String,
    #[allow(dead_code)]
    description: String,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    admin1: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    lat: f64,
    lon: f64,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    #[serde(default)]
    known_failures: Vec<String>,
    near_before: String,
    /// Matched against the text just after a place name: "Machiques Airstrip" is near the town.
    near_after: String,
    source_locator_before: String,
    /// Matched before a name: a port of departure or a search area is not the event's place.
    #[serde(default)]
    departure_or_search_before: Option<String>,
    /// Matched after a country adjective: "Colombian military" names an actor, not a place.
    #[serde(default)]
    actor_adjective_after: Option<String>,
    /// Matched after any name: "Washington has designated" is a government, not a place.
    #[serde(default)]
    metonym_after: Option<String>,
    /// Matched against the text just before a name found only in the built index: such a name
    /// counts as a place only after a locative word ("in", "at", "the town of").
    #[serde(default = "default_index_locative_before")]
    index_locative_before: String,
    setting: Vec<SettingEntry>,
}

fn default_index_locative_before() -> String {
    r"\b(?:in|at|near|outside|into|(?:town|city|village|port|municipality)\s+of)\s+$".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    setting: String,
    pattern: String,
    examples: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Most specific first, so sorting by kind ranks candidates.
    City,
    Region,
    SeaArea,
    Country,
}

#[derive(Debug)]
struct Entry {
    id: String,
    kind: Kind,
    name: String,
    country: Option<String>,
    admin1: Option<String>,
    lat: f64,
    lon: f64,
    examples: Vec<String>,
}

#[derive(Debug)]
struct SettingCue {
    id: String,
    setting: Setting,
    regex: LazyRegex,
    examples: Vec<String>,
}

/// The compiled gazetteer and setting cues.
#[derive(Debug)]
pub(super) struct Gazetteer {
    entries: Vec<Entry>,
    matcher: TermMatcher,
    near_before: LazyRegex,
    near_after: LazyRegex,
    source_locator_before: LazyRegex,
    departure_or_search_before: Option<LazyRegex>,
    actor_adjective_after: Option<LazyRegex>,
    metonym_after: Option<LazyRegex>,
    /// The adjectives of the gazetteer ("Colombian"), as written.
    adjectives: BTreeSet<String>,
    index_locative_before: LazyRegex,
    settings: Vec<SettingCue>,
    known_failures: Vec<String>,
    /// The built index, when the CLI loaded one.
    index: Option<Arc<Index>>,
}

/// A place found in the built index.
struct IndexHit {
    span: Span,
    near: bool,
    name: String,
    country: String,
    admin1: Option<String>,
    lat: f64,
    lon: f64,
    /// The port's UN/LOCODE, when the place is a port.
    locode: Option<String>,
    /// The coordinate is a harbour's from the port list, at the water's edge.
    harbour_point: bool,
}

impl Gazetteer {
    /// Compiles the gazetteer and the setting cues.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let gazetteer: GazetteerFile = terms::load(files, GAZETTEER_FILE)?;
        let settings: SettingsFile = terms::load(files, SETTINGS_FILE)?;
        let mut entries = Vec::new();
        let mut names = Vec::new();
        let mut adjectives = BTreeSet::new();
        for (idx, place) in gazetteer.place.into_iter().enumerate() {
            let kind = match place.kind.as_str() {
                "city" | "port" => Kind::City,
                "region" => Kind::Region,
                "sea_area" => Kind::SeaArea,
                "country" => Kind::Country,
                other => {
                    return Err(terms::invalid(
                        GAZETTEER_FILE,
                        format!("place {}: unknown kind {other:?}; use country, region, city, port or sea_area", place.id),
                    ))
                }
            };
            names.push((place.name.clone(), idx));
            names.extend(place.aliases.iter().map(|a| (a.clone(), idx)));
            names.extend(place.adjectives.iter().map(|a| (a.clone(), idx)));
            adjectives.extend(place.adjectives.iter().cloned());
            entries.push(Entry {
                id: place.id,
                kind,
                name: place.name,
                country: place.country,
                admin1: place.admin1,
                lat: place.lat,
                lon: place.lon,
                examples: place.examples,
            });
        }
        let placeholders = Placeholders::default();
        let mut cues = Vec::new();
        for entry in settings.setting {
            let setting = Setting::from_str(&entry.setting).map_err(|err| {
                terms::invalid(SETTINGS_FILE, format!("entry {}: {err}", entry.id))
            })?;
            let regex = terms::regex(SETTINGS_FILE, &entry.id, &entry.pattern, &placeholders)?;
            cues.push(SettingCue { id: entry.id, setting, regex, examples: entry.examples });
        }
        Ok(Gazetteer {
            entries,
            // Place names are proper nouns: matching them case-sensitively keeps "Chad" the
            // country apart from "chad" and "Niger" apart from ordinary words.
            matcher: TermMatcher::new(GAZETTEER_FILE, names, false)?,
            near_before: terms::regex(
                SETTINGS_FILE,
                "near_before",
                &settings.near_before,
                &placeholders,
            )?,
            near_after: terms::regex(
                SETTINGS_FILE,
                "near_after",
                &settings.near_after,
                &placeholders,
            )?,
            source_locator_before: terms::regex(
                SETTINGS_FILE,
                "source_locator_before",
                &settings.source_locator_before,
                &placeholders,
            )?,
            departure_or_search_before: settings
                .departure_or_search_before
                .as_deref()
                .map(|p| {
                    terms::regex(SETTINGS_FILE, "departure_or_search_before", p, &placeholders)
                })
                .transpose()?,
            actor_adjective_after: settings
                .actor_adjective_after
                .as_deref()
                .map(|p| terms::regex(SETTINGS_FILE, "actor_adjective_after", p, &placeholders))
                .transpose()?,
            metonym_after: settings
                .metonym_after
                .as_deref()
                .map(|p| terms::regex(SETTINGS_FILE, "metonym_after", p, &placeholders))
                .transpose()?,
            adjectives,
            index_locative_before: terms::regex(
                SETTINGS_FILE,
                "index_locative_before",
                &settings.index_locative_before,
                &placeholders,
            )?,
            settings: cues,
            known_failures: settings.known_failures,
            index: None,
        })
    }

    /// Uses a built index besides the fixture gazetteer.
    pub(super) fn set_index(&mut self, index: Arc<Index>) {
        self.index = Some(index);
    }

    /// Towns of the built index named in `within` after a locative word, not masked, not
    /// locating a source, and not a name the fixture gazetteer already reads (`known`: "Arauca"
    /// there is the department, not the town of the same name); a name shared by places in several countries is kept only when the
    /// claim names one of them (`countries`), and dropped when still ambiguous.
    fn find_in_index(
        &self,
        index: &Index,
        text: &str,
        within: &[Span],
        masked: &[Span],
        known: &[Span],
        countries: &BTreeSet<String>,
    ) -> Option<IndexHit> {
        for span in within {
            let Some(slice) = text.get(span.start..span.end) else { continue };
            let words: Vec<(usize, usize)> = word_spans(slice)
                .into_iter()
                .map(|(s, e)| (s + span.start, e + span.start))
                .collect();
            let mut i = 0;
            while i < words.len() {
                let (start, _) = words[i];
                let capital = text[start..].chars().next().is_some_and(char::is_uppercase);
                let before = terms::text_before(text, span.start, start, 60);
                if !capital
                    || !self.index_locative_before.is_match(before)
                    || self.source_locator_before.is_match(before)
                {
                    i += 1;
                    continue;
                }
                // Longest name first, up to five words ("San José del Guaviare").
                let mut found = None;
                for len in (1..=5.min(words.len() - i)).rev() {
                    let end = words[i + len - 1].1;
                    let hit = Span::new(start, end);
                    let name = &text[start..end];
                    if masked.iter().chain(known).any(|m| m.overlaps(hit)) || !index.has_name(name)
                    {
                        continue;
                    }
                    found = Some((hit, name));
                    break;
                }
                let Some((hit, name)) = found else {
                    i += 1;
                    continue;
                };
                let all: Vec<_> = index.places_named(name).collect();
                let in_context: Vec<_> =
                    all.iter().copied().filter(|p| countries.contains(&p.country)).collect();
                let pool = if countries.is_empty() { all } else { in_context };
                let Some(first) = pool.first() else {
                    i += 1;
                    continue;
                };
                // Same country and within about 50 km of each other: one place, as far as an
                // incident's location goes.
                let one_place = pool.iter().all(|p| {
                    p.country == first.country
                        && (p.lat - first.lat).abs() < 0.5
                        && (p.lon - first.lon).abs() < 0.5
                });
                if !one_place {
                    i += 1;
                    continue;
                }
                let after = terms::text_after(text, hit.end, span.end, 40);
                return Some(IndexHit {
                    span: hit,
                    near: self.near_before.is_match(before) || self.near_after.is_match(after),
                    name: first.name.clone(),
                    country: first.country.clone(),
                    admin1: first.admin1.clone(),
                    lat: degrees(first.lat),
                    lon: degrees(first.lon),
                    locode: first.locode.clone(),
                    harbour_point: first.harbour_point,
                });
            }
        }
        None
    }

    /// The place of a claim: the most specific named place inside `within` that is not masked
    /// (a source, an actor's name) and does not only locate a source; its setting from the
    /// text, else from `target_setting`, else from a town the event was in (land) or a sea area
    /// without a country (international waters).
    pub(super) fn find(
        &self,
        text: &str,
        within: &[Span],
        masked: &[Span],
        target_setting: Option<Setting>,
    ) -> Option<Place> {
        let mut best: Option<(Kind, usize, Span, bool)> = None;
        let mut countries = BTreeSet::new();
        let mut fixture_spans = Vec::new();
        for span in within {
            for hit in self.matcher.find(text, *span) {
                fixture_spans.push(hit.span);
                if let Some(country) = self.entries.get(hit.entry).and_then(|e| e.country.clone()) {
                    countries.insert(country);
                }
                if masked.iter().any(|m| m.overlaps(hit.span)) {
                    continue;
                }
                let before = terms::text_before(text, span.start, hit.span.start, 60);
                if self.source_locator_before.is_match(before)
                    || self.departure_or_search_before.as_ref().is_some_and(|r| r.is_match(before))
                {
                    continue;
                }
                let Some(entry) = self.entries.get(hit.entry) else { continue };
                let after = terms::text_after(text, hit.span.end, span.end, 40);
                let adjective = text
                    .get(hit.span.start..hit.span.end)
                    .is_some_and(|w| self.adjectives.contains(w));
                if adjective
                    && self.actor_adjective_after.as_ref().is_some_and(|r| r.is_match(after))
                {
                    continue;
                }
                // A sea does not speak: "the Caribbean had seen" stays a place.
                if entry.kind != Kind::SeaArea
                    && self.metonym_after.as_ref().is_some_and(|r| r.is_match(after))
                {
                    continue;
                }
                let near = self.near_before.is_match(before) || self.near_after.is_match(after);
                let better = match &best {
                    None => true,
                    Some((kind, _, _, _)) => entry.kind < *kind,
                };
                if better {
                    best = Some((entry.kind, hit.entry, hit.span, near));
                }
            }
        }
        let stated = self.stated_setting(text, within);
        let from_index = match (&self.index, &best) {
            (Some(index), None) => {
                self.find_in_index(index, text, within, masked, &fixture_spans, &countries)
            }
            (Some(index), Some((kind, ..))) if *kind > Kind::City => {
                self.find_in_index(index, text, within, masked, &fixture_spans, &countries)
            }
            _ => None,
        };
        // A harbour point sits on the shoreline, where 1:10m polygons fall either side of it by
        // chance: its setting comes from the target type or the text, never the polygons.
        let mut harbour_point = false;
        let mut place = if let Some(hit) = from_index {
            harbour_point = hit.harbour_point;
            let id = match &hit.locode {
                Some(locode) => format!("places/unlocode/{locode}"),
                None => {
                    format!("places/index/{}/{}", hit.country.to_lowercase(), hit.name_key())
                }
            };
            Place {
                name: Some(hit.name),
                gazetteer_id: Some(id),
                country_code: Some(hit.country),
                admin1: hit.admin1,
                lat: Some(hit.lat),
                lon: Some(hit.lon),
                precision: if hit.near { PlacePrecision::Near } else { PlacePrecision::Exact },
                setting: Setting::Unknown,
                setting_from: None,
                span: Some(hit.span),
            }
        } else {
            match best.and_then(|(_, idx, span, near)| Some((self.entries.get(idx)?, span, near))) {
                Some((entry, span, near)) => {
                    let precision = match entry.kind {
                        Kind::City if near => PlacePrecision::Near,
                        Kind::City => PlacePrecision::Exact,
                        Kind::Region if near => PlacePrecision::Near,
                        Kind::Region => PlacePrecision::Region,
                        Kind::SeaArea => PlacePrecision::SeaArea,
                        Kind::Country => PlacePrecision::Country,
                    };
                    // A country-level place keeps no coordinates: a centroid is not where it happened.
                    let coords = entry.kind != Kind::Country;
                    Place {
                        name: Some(entry.name.clone()),
                        gazetteer_id: Some(entry.id.clone()),
                        country_code: entry.country.clone(),
                        admin1: entry.admin1.clone(),
                        lat: coords.then_some(entry.lat),
                        lon: coords.then_some(entry.lon),
                        precision,
                        setting: Setting::Unknown,
                        setting_from: None,
                        span: Some(span),
                    }
                }
                None if stated.is_some() || target_setting.is_some() => Place::default(),
                None => return None,
            }
        };
        let surface = match (&self.index, place.lat, place.lon) {
            // Only an exact place's coordinate is where the event was; near a town it is not.
            (Some(index), Some(lat), Some(lon))
                if place.precision == PlacePrecision::Exact && !harbour_point =>
            {
                index.surface_at(lat, lon)
            }
            _ => None,
        };
        if let Some(setting) = stated {
            place.setting = setting;
            place.setting_from = Some(SettingDerivation::Text);
        } else if let Some(surface) = surface {
            place.setting = match surface {
                Surface::Land => Setting::Land,
                Surface::TerritorialSea => Setting::TerritorialSea,
                Surface::InternationalWaters => Setting::InternationalWaters,
            };
            place.setting_from = Some(SettingDerivation::Polygon);
        } else if let Some(setting) = target_setting {
            place.setting = setting;
            place.setting_from = Some(SettingDerivation::TargetType);
        } else if place.precision == PlacePrecision::Exact {
            // In a named town, not near or off it: a town is on land, as the text names it.
            place.setting = Setting::Land;
            place.setting_from = Some(SettingDerivation::Text);
        } else if place.precision == PlacePrecision::SeaArea && place.country_code.is_none() {
            // A named sea with no country: beyond any territorial sea, as far as the text says.
            place.setting = Setting::InternationalWaters;
            place.setting_from = Some(SettingDerivation::Text);
        }
        Some(place)
    }

    fn stated_setting(&self, text: &str, within: &[Span]) -> Option<Setting> {
        self.settings.iter().find_map(|cue| {
            within
                .iter()
                .any(|span| !terms::find_in(&cue.regex, text, *span).is_empty())
                .then_some(cue.setting)
        })
    }

    /// Runs every example (and every name and alias, which must resolve to its own entry);
    /// returns failures not listed in `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        for entry in &self.entries {
            let mut texts = vec![format!("a strike in {}", entry.name)];
            texts.extend(entry.examples.iter().cloned());
            for ex in texts {
                let place = self.find(&ex, &[Span::new(0, ex.len())], &[], None);
                let got = place.as_ref().and_then(|p| p.gazetteer_id.clone());
                if got.as_deref() != Some(entry.id.as_str())
                    && !self.known_failures.contains(&entry.id)
                {
                    failures.push((entry.id.clone(), format!("{ex:?} gave {got:?}")));
                }
            }
        }
        for cue in &self.settings {
            for ex in &cue.examples {
                let got = self.stated_setting(ex, &[Span::new(0, ex.len())]);
                if got != Some(cue.setting) && !self.known_failures.contains(&cue.id) {
                    failures.push((cue.id.clone(), format!("{ex:?} gave {got:?}")));
                }
            }
        }
        failures
    }
}

impl IndexHit {
    /// The name as an id segment: lower case, words joined by `_`.
    fn name_key(&self) -> String {
        self.name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("_")
    }
}

/// An index coordinate (stored as `f32`) as `f64`, rounded to five decimals (about a metre), so
/// that 11.54444 is not written as 11.544440269470215.
fn degrees(value: f32) -> f64 {
    (f64::from(value) * 1e5).round() / 1e5
}

/// Byte ranges of the words of `text`: runs of letters, digits, apostrophes, dots and hyphens.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.');
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // A sentence-final dot is not part of the word ("in Vila.").
    out.into_iter()
        .map(|(s, e)| {
            let trimmed = text[s..e].trim_end_matches('.');
            (s, s + trimmed.len())
        })
        .filter(|(s, e)| e > s)
        .collect()
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn gazetteer() -> &'static Gazetteer {
        &crate::events::tests::lexicon().places
    }

    fn find(text: &str, target: Option<Setting>) -> Option<Place> {
        gazetteer().find(text, &[Span::new(0, text.len())], &[], target)
    }

    #[test]
    fn a_coastal_port_without_a_name_is_the_country() {
        let place = find("a drone hit near a Venezuela coastal port", Some(Setting::Land)).unwrap();
        assert_eq!(place.country_code.as_deref(), Some("VE"));
        assert_eq!(place.precision, PlacePrecision::Country);
        assert_eq!((place.lat, place.lon), (None, None));
        assert_eq!(place.setting, Setting::Land);
        assert_eq!(place.setting_from, Some(SettingDerivation::TargetType));
    }

    #[test]
    fn near_a_city_and_a_sea_area() {
        let place = find("a strike near Maracaibo", None).unwrap();
        assert_eq!(place.precision, PlacePrecision::Near);
        assert!(place.lat.is_some());
        let sea = find("boardings in the eastern Pacific and the Caribbean", None).unwrap();
        assert_eq!(sea.precision, PlacePrecision::SeaArea);
        assert_eq!(sea.setting, Setting::InternationalWaters);
    }

    #[test]
    fn near_a_town_in_other_words_and_in_a_town_on_land() {
        for text in [
            "a U.S. air strike near the town of Saakow",
            "Blasts at Machiques Airstrip",
            "a raid 40 km from Culiacán",
            "a boat stopped off Cartagena",
        ] {
            let place = find(text, None).unwrap();
            assert_eq!(place.precision, PlacePrecision::Near, "{text}");
            assert_eq!(place.setting, Setting::Unknown, "{text}");
        }
        let place = find("a Navy raid on a safe house in Culiacán", None).unwrap();
        assert_eq!(place.precision, PlacePrecision::Exact);
        assert_eq!(place.setting, Setting::Land);
    }

    #[test]
    fn an_adjective_of_an_actor_and_a_capital_that_speaks_are_not_places() {
        assert_eq!(find("the Colombian military denied a role in the strike", None), None);
        assert_eq!(find("traffickers tied to a Colombian guerrilla group", None), None);
        assert_eq!(find("a gang that Washington has designated a terrorist group", None), None);
        let place = find("a strike on Colombian soil", None).unwrap();
        assert_eq!(place.country_code.as_deref(), Some("CO"));
    }

    #[test]
    fn a_port_of_departure_and_a_search_area_are_not_the_place() {
        let text = "the boat struck in the Caribbean had left the coast of Venezuela's Sucre state";
        assert_eq!(find(text, None).unwrap().name.as_deref(), Some("Caribbean Sea"));
        assert_eq!(find("a boat that departed from Cartagena", None), None);
        assert_eq!(find("a search and rescue operation off Cartagena", None), None);
        assert_eq!(find("a lawyer in Quito said the strike was unlawful", None), None);
        // The ends of a route are not the site.
        let route = "an airstrip used by planes carrying cocaine from the Colombian border";
        assert_eq!(find(route, None), None);
        assert_eq!(find("a boat bound for Cartagena", None), None);
    }

    #[test]
    fn a_place_that_locates_a_source_is_skipped() {
        assert_eq!(find("analysts in Bogotá said the strike was unlawful", None), None);
    }

    #[test]
    fn stated_setting_beats_the_target_type() {
        let place =
            find("the seizure happened in international waters", Some(Setting::Land)).unwrap();
        assert_eq!(place.setting, Setting::InternationalWaters);
        assert_eq!(place.setting_from, Some(SettingDerivation::Text));
    }

    /// The fixture gazetteer plus a small built index: two towns called "Santa Rita" (one in
    /// Colombia, one in Venezuela), a town on a square island, and a point at sea in the island's
    /// territorial sea.
    fn with_index() -> Gazetteer {
        use corroborate_gazetteer::PlaceRecord;
        let town = |name: &str, country: &str, lat: f32, lon: f32| PlaceRecord {
            name: name.to_string(),
            country: country.to_string(),
            admin1: Some("Somewhere".to_string()),
            admin2: None,
            lat,
            lon,
            locode: None,
            harbour_point: false,
        };
        let square = |x0: f64, y0: f64, x1: f64, y1: f64| {
            vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]
        };
        let index = Index::from_parts(
            vec![
                town("Santa Rita", "CO", 5.0, -74.0),
                town("Santa Rita", "VE", 10.5, -71.5),
                town("Porto Alto", "ZZ", 1.0, 1.0),
                town("Banco Largo", "ZZ", 2.1, 1.0),
                PlaceRecord {
                    locode: Some("ZZMUE".to_string()),
                    harbour_point: true,
                    ..town("Muelle Viejo", "ZZ", 2.0, 1.0)
                },
                PlaceRecord {
                    locode: Some("ZZPAL".to_string()),
                    ..town("Vila Nova", "ZZ", 1.5, 1.5)
                },
            ],
            vec![square(0.0, 0.0, 2.0, 2.0)],
            Vec::new(),
            vec![("ZZZ".to_string(), square(-0.2, -0.2, 2.2, 2.2))],
        );
        let files = crate::resources::DataFiles::builtin();
        let mut gazetteer = Gazetteer::compile(&files).unwrap();
        gazetteer.set_index(Arc::new(index));
        gazetteer
    }

    fn find_with_index(text: &str, target: Option<Setting>) -> Option<Place> {
        with_index().find(text, &[Span::new(0, text.len())], &[], target)
    }

    #[test]
    fn a_town_only_the_index_knows_after_a_locative_word() {
        let place = find_with_index("a drone strike in Porto Alto killed two", None).unwrap();
        assert_eq!(place.name.as_deref(), Some("Porto Alto"));
        assert_eq!(place.gazetteer_id.as_deref(), Some("places/index/zz/porto_alto"));
        assert_eq!(place.precision, PlacePrecision::Exact);
        assert_eq!(place.admin1.as_deref(), Some("Somewhere"));
        assert_eq!((place.lat, place.lon), (Some(1.0), Some(1.0)));
        // Without a locative word, a capitalised name is not taken as a place.
        assert_eq!(find_with_index("Porto Alto officials said nothing", None), None);
        // Locating a source is not the incident's place.
        assert_eq!(find_with_index("analysts in Porto Alto said it was unlawful", None), None);
    }

    #[test]
    fn an_ambiguous_town_needs_its_country_in_the_claim() {
        assert_eq!(find_with_index("a strike in Santa Rita", None), None);
        let place = find_with_index("a strike in Santa Rita, Venezuela", None).unwrap();
        assert_eq!(place.country_code.as_deref(), Some("VE"));
        assert_eq!((place.lat, place.lon), (Some(10.5), Some(-71.5)));
        assert_eq!(degrees(11.544_44), 11.544_44);
        let place = find_with_index("a Colombian raid in Santa Rita", None).unwrap();
        assert_eq!(place.country_code.as_deref(), Some("CO"));
    }

    #[test]
    fn the_polygons_set_an_exact_places_setting() {
        let land =
            find_with_index("a boat was hit in Porto Alto", Some(Setting::InternationalWaters))
                .unwrap();
        assert_eq!(
            (land.setting, land.setting_from),
            (Setting::Land, Some(SettingDerivation::Polygon))
        );
        let sea = find_with_index("a boat was hit at Banco Largo", None).unwrap();
        assert_eq!(sea.setting, Setting::TerritorialSea);
        // Near a town, the town's coordinate is not the event's: the target type decides.
        let near =
            find_with_index("a boat was hit near Porto Alto", Some(Setting::InternationalWaters))
                .unwrap();
        assert_eq!(near.precision, PlacePrecision::Near);
        assert_eq!(near.setting_from, Some(SettingDerivation::TargetType));
        // The text still wins.
        let stated =
            find_with_index("a skiff seized in Porto Alto in international waters", None).unwrap();
        assert_eq!(stated.setting_from, Some(SettingDerivation::Text));
    }

    #[test]
    fn a_port_is_named_by_its_unlocode_and_a_harbour_point_leaves_the_setting_to_the_target() {
        let town = find_with_index("a drone hit a warehouse in Vila Nova", None).unwrap();
        assert_eq!(town.gazetteer_id.as_deref(), Some("places/unlocode/ZZPAL"));
        assert_eq!(town.setting_from, Some(SettingDerivation::Polygon));
        let dock =
            find_with_index("a drone hit a dock at Muelle Viejo", Some(Setting::Land)).unwrap();
        assert_eq!(dock.gazetteer_id.as_deref(), Some("places/unlocode/ZZMUE"));
        assert_eq!(dock.precision, PlacePrecision::Exact);
        assert_eq!(
            (dock.setting, dock.setting_from),
            (Setting::Land, Some(SettingDerivation::TargetType))
        );
    }

    #[test]
    fn a_fixture_region_is_not_read_again_as_an_index_town() {
        let index = Index::from_parts(
            vec![corroborate_gazetteer::PlaceRecord {
                name: "Arauca".to_string(),
                country: "CO".to_string(),
                admin1: None,
                admin2: None,
                lat: 7.08,
                lon: -70.76,
                locode: None,
                harbour_point: false,
            }],
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        let mut gazetteer = Gazetteer::compile(&crate::resources::DataFiles::builtin()).unwrap();
        gazetteer.set_index(Arc::new(index));
        let text = "a bomb killed two soldiers in Arauca";
        let place = gazetteer.find(text, &[Span::new(0, text.len())], &[], None).unwrap();
        assert_eq!(place.gazetteer_id.as_deref(), Some("places/region/co/arauca"));
    }

    #[test]
    fn a_fixture_town_still_wins_over_the_index() {
        let place = find_with_index("a Navy raid on a safe house in Culiacán", None).unwrap();
        assert_eq!(
            place.gazetteer_id.as_deref().map(|id| id.starts_with("places/city")),
            Some(true)
        );
        assert_eq!(place.setting_from, Some(SettingDerivation::Polygon));
        // Culiacán is outside the test island's polygons, so the polygons say open sea: the
        // point of this test is only that the fixture entry is the one chosen.
    }
}
