//! Export: the record of incidents as JSON, ACLED-like CSV and GeoJSON.
//!
//! [`build_record`] assembles the [`ExportRecord`] of DESIGN.md "Export record" from the
//! analysed documents and their [`corroborate_model::Resolution`]: documents, every claim with the text it rests
//! on, incidents with their facts, and context. The writers then serialise it:
//!
//! - [`write_json`]: the record itself, pretty-printed. Country-level places have null
//!   coordinates, because a country is not a point.
//! - [`write_csv`]: one row per incident with ACLED-like columns ([`CSV_COLUMNS`]). Our event
//!   types are mapped to ACLED's through `data/acled.toml`, and a place known only to the
//!   country gets the country's centroid with geo_precision 3, as ACLED does.
//! - [`write_geojson`]: a FeatureCollection with one Point per locatable incident; incidents
//!   without any coordinate are counted in a top-level `skipped` member.
//!
//! ```
//! use corroborate_export::{build_record, write_csv, CSV_COLUMNS};
//! use corroborate_model::Resolution;
//! let record = build_record(&[], &Resolution::default());
//! let mut out = Vec::new();
//! write_csv(&record, &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with(CSV_COLUMNS[0]));
//! ```
#![deny(missing_docs)]

mod acled;
mod acled_csv;
mod geojson;
mod record;

pub use acled_csv::{write_csv, CSV_COLUMNS};
pub use geojson::write_geojson;
pub use record::build_record;

use corroborate_model::ExportRecord;

/// What can go wrong while writing an export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The output could not be written.
    #[error(
        "could not write the export: {0}; check that the destination is writable and has space"
    )]
    Io(#[from] std::io::Error),
    /// The record could not be serialised as JSON.
    #[error("could not serialise the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The CSV writer failed.
    #[error("could not write the CSV export: {0}; check that the destination is writable")]
    Csv(#[from] csv::Error),
    /// An embedded data file is malformed (a build defect, reported rather than panicking).
    #[error("embedded data file {path} is invalid: {message}; fix the file and rebuild")]
    DataFile {
        /// Path of the data file in the repository.
        path: &'static str,
        /// What the parser said, with the line.
        message: String,
    },
}

/// Writes the record as pretty-printed JSON, followed by a newline.
pub fn write_json(record: &ExportRecord, out: &mut dyn std::io::Write) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, record)?;
    out.write_all(b"\n")?;
    Ok(())
}

// Tests may panic on a broken fixture; that is their way of failing.
#[allow(clippy::unwrap_used)]
#[cfg(test)]
mod tests;
