//! Any bytes through the streaming WARC reader (plain or gzip, detected from the bytes): no
//! panic, the iteration ends, and its counts agree with what it yielded.
#![no_main]

use corroborate_ingest::{read_warc, IngestOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions { max_bytes: 64 * 1024, ..IngestOptions::default() };
    let mut docs = read_warc("fuzz.warc", data, &options);
    let results: Vec<_> = docs.by_ref().take(10_000).collect();
    assert!(docs.next().is_none(), "the reader must end");
    let counts = docs.counts();
    assert_eq!(counts.documents + counts.failed, results.len());
});
