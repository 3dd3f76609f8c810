//! Any bytes through the RSS and Atom reader: no panic, and every paragraph span slices the text.
#![no_main]

use corroborate_ingest::{parse_bytes, IngestOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions::default();
    for origin in ["fuzz.rss", "fuzz.atom"] {
        for doc in parse_bytes(origin, data, &options).into_iter().flatten() {
            for paragraph in &doc.paragraphs {
                assert!(paragraph.span.slice(&doc.text).is_some(), "{:?}", paragraph.span);
            }
        }
    }
});
