//! Any bytes through the HTML reader: no panic, and every paragraph span slices the text.
#![no_main]

use corroborate_ingest::{parse_bytes, IngestOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for doc in parse_bytes("fuzz.html", data, &IngestOptions::default()).into_iter().flatten() {
        for paragraph in &doc.paragraphs {
            assert!(paragraph.span.slice(&doc.text).is_some(), "{:?}", paragraph.span);
        }
    }
});
