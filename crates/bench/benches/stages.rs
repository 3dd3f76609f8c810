//! One benchmark group per stage over the demo corpus. Each benchmark asserts a count, so a fast
//! wrong answer fails instead of looking good.
//!
//! Run: `cargo bench -p corroborate-bench`.

use corroborate_bench::{analyzed, demo_inputs, documents};
use corroborate_ingest::IngestOptions;
use corroborate_resolve::ResolveSettings;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Bytes → `Document` for every report of the demo corpus.
#[divan::bench]
fn ingest_demo_corpus(bencher: Bencher) {
    let inputs = demo_inputs();
    let n_bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let options = IngestOptions::default();
    bencher.counter(divan::counter::BytesCount::new(n_bytes)).bench(|| {
        let n_documents: usize = inputs
            .iter()
            .map(|input| {
                corroborate_ingest::parse_bytes(&input.origin, black_box(&input.bytes), &options)
                    .into_iter()
                    .filter(Result::is_ok)
                    .count()
            })
            .sum();
        assert_eq!(n_documents, inputs.len());
    });
}

/// `Document` → `Analysis` (sentences, claims, mentions) for every report.
#[divan::bench]
fn analyze_demo_corpus(bencher: Bencher) {
    let docs = documents(&demo_inputs());
    let resources = corroborate_analyze::Resources::builtin().expect("built-in resources");
    let n_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(divan::counter::BytesCount::new(n_bytes)).bench(|| {
        let n_claims: usize = docs
            .iter()
            .map(|doc| corroborate_analyze::analyze(black_box(doc), &resources).claims.len())
            .sum();
        assert!(n_claims > docs.len(), "every report has claims");
    });
}

/// Compiling the built-in data files, which every process does once at start-up.
#[divan::bench]
fn compile_resources() {
    let resources = corroborate_analyze::Resources::builtin();
    assert!(resources.is_ok());
}

/// All analyses → incidents.
#[divan::bench]
fn resolve_demo_corpus(bencher: Bencher) {
    let analyzed = analyzed(&documents(&demo_inputs()));
    let settings = ResolveSettings::default();
    bencher.bench(|| {
        let resolution = corroborate_resolve::resolve(black_box(&analyzed), &settings);
        assert!(!resolution.incidents.is_empty());
    });
}
