//! Writes the export record as JSON, ACLED-like CSV and GeoJSON
#![deny(missing_docs)]
