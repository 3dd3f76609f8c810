//! GeoJSON: one Point feature per incident that can be placed on a map.

use serde_json::{json, Value};

use corroborate_model::ExportRecord;

use crate::{acled, ExportError};

/// Writes a GeoJSON FeatureCollection: one Point per incident with a coordinate (its own, or the
/// centroid of its country or sea area at geo_precision 3). Incidents that cannot be placed are
/// left out and counted in the top-level `skipped` member, so a map never silently loses them.
/// Properties: `id`, `type`, `grade`, `earliest`, `latest`, `precision` (time), `place`,
/// `geo_precision`.
pub fn write_geojson(
    record: &ExportRecord,
    out: &mut dyn std::io::Write,
) -> Result<(), ExportError> {
    let table = acled::table()?;
    let mut features: Vec<Value> = Vec::new();
    let mut skipped = 0usize;
    for incident in &record.incidents {
        let Some((lat, lon, geo_precision)) = table.point(&incident.place) else {
            skipped += 1;
            continue;
        };
        features.push(json!({
            "type": "Feature",
            "id": incident.id,
            // GeoJSON orders a position longitude first (RFC 7946 §3.1.1).
            "geometry": { "type": "Point", "coordinates": [lon, lat] },
            "properties": {
                "id": incident.id,
                "type": incident.event_type,
                "grade": incident.grade,
                "earliest": incident.time.earliest,
                "latest": incident.time.latest,
                "precision": incident.time.precision,
                "place": incident.place.name,
                "geo_precision": geo_precision,
            }
        }));
    }
    let collection = json!({
        "type": "FeatureCollection",
        "features": features,
        "skipped": skipped,
    });
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")?;
    Ok(())
}
