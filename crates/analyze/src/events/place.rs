//! Places (`data/places/gazetteer.toml`, `data/places/settings.toml`): the most specific named
//! place in a claim, its precision, and whether the event was on land or at sea.

use corroborate_model::{Place, PlacePrecision, Setting, SettingDerivation, Span};
use regex::Regex;
use serde::Deserialize;
use std::str::FromStr;

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
    setting: Vec<SettingEntry>,
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
    regex: Regex,
    examples: Vec<String>,
}

/// The compiled gazetteer and setting cues.
#[derive(Debug)]
pub(super) struct Gazetteer {
    entries: Vec<Entry>,
    matcher: TermMatcher,
    near_before: Regex,
    near_after: Regex,
    source_locator_before: Regex,
    settings: Vec<SettingCue>,
    known_failures: Vec<String>,
}

impl Gazetteer {
    /// Compiles the gazetteer and the setting cues.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let gazetteer: GazetteerFile = terms::load(files, GAZETTEER_FILE)?;
        let settings: SettingsFile = terms::load(files, SETTINGS_FILE)?;
        let mut entries = Vec::new();
        let mut names = Vec::new();
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
            settings: cues,
            known_failures: settings.known_failures,
        })
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
        for span in within {
            for hit in self.matcher.find(text, *span) {
                if masked.iter().any(|m| m.overlaps(hit.span)) {
                    continue;
                }
                let before = terms::text_before(text, span.start, hit.span.start, 60);
                if self.source_locator_before.is_match(before) {
                    continue;
                }
                let Some(entry) = self.entries.get(hit.entry) else { continue };
                let after = terms::text_after(text, hit.span.end, span.end, 40);
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
        let mut place = match best
            .and_then(|(_, idx, span, near)| Some((self.entries.get(idx)?, span, near)))
        {
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
        };
        if let Some(setting) = stated {
            place.setting = setting;
            place.setting_from = Some(SettingDerivation::Text);
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
}
