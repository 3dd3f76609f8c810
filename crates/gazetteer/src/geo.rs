//! Polygons and the point-in-polygon test used for land/sea settings.

use serde::{Deserialize, Serialize};

/// A polygon: its rings (outer boundary first, then holes) as `[lon, lat]` points, and their
/// bounding box. Membership is even-odd over all rings, so a hole is outside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Polygon {
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    bbox: [f32; 4],
    rings: Vec<Vec<[f32; 2]>>,
}

impl Polygon {
    /// A polygon from rings of `[lon, lat]` points; `None` when no ring has three points.
    pub(crate) fn new(rings: Vec<Vec<[f64; 2]>>) -> Option<Self> {
        let rings: Vec<Vec<[f32; 2]>> = rings
            .into_iter()
            .filter(|ring| ring.len() >= 3)
            .map(|ring| ring.into_iter().map(|[x, y]| [x as f32, y as f32]).collect())
            .collect();
        let mut bbox = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
        for [x, y] in rings.iter().flatten() {
            bbox[0] = bbox[0].min(*x);
            bbox[1] = bbox[1].min(*y);
            bbox[2] = bbox[2].max(*x);
            bbox[3] = bbox[3].max(*y);
        }
        (!rings.is_empty()).then_some(Polygon { bbox, rings })
    }

    /// Number of points in all rings.
    pub(crate) fn points(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }

    /// Whether `(lon, lat)` lies inside (ray casting, even-odd over every ring).
    pub(crate) fn contains(&self, lon: f32, lat: f32) -> bool {
        let [x0, y0, x1, y1] = self.bbox;
        if lon < x0 || lon > x1 || lat < y0 || lat > y1 {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            let mut j = ring.len() - 1;
            for i in 0..ring.len() {
                let [xi, yi] = ring[i];
                let [xj, yj] = ring[j];
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_square_with_a_hole() {
        let outer = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]];
        let hole = vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]];
        let poly = Polygon::new(vec![outer, hole]).unwrap();
        assert!(poly.contains(1.0, 1.0));
        assert!(!poly.contains(5.0, 5.0), "inside the hole");
        assert!(!poly.contains(11.0, 5.0));
        assert!(!poly.contains(-0.5, 5.0));
        assert_eq!(poly.points(), 10);
    }

    #[test]
    fn degenerate_rings_are_dropped() {
        assert_eq!(Polygon::new(vec![vec![[0.0, 0.0], [1.0, 1.0]]]), None);
    }
}
