//! One benchmark group per stage over the demo corpus. Each benchmark asserts a count, so a fast
//! wrong answer fails instead of looking good.
//!
//! Run: `cargo bench -p corroborate-bench`.

use corroborate_bench::{analyzed, demo_inputs, documents, extraction_pages};
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

/// Web pages → `Document` (decoding, metadata, article text) for the real pages of the
/// article-extraction benchmark (`../shared/eval/extraction`, or `CORROBORATE_EXTRACTION_BENCH`).
/// Skipped, with a note, when those pages are absent.
#[divan::bench]
fn extract_benchmark_pages(bencher: Bencher) {
    let pages = extraction_pages();
    if pages.is_empty() {
        eprintln!("extract_benchmark_pages: no pages (set CORROBORATE_EXTRACTION_BENCH)");
        return;
    }
    let n_bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let options = IngestOptions::default();
    bencher
        .counter(divan::counter::BytesCount::new(n_bytes))
        .counter(divan::counter::ItemsCount::new(pages.len()))
        .bench(|| {
            let n_chars: usize = pages
                .iter()
                .flat_map(|page| {
                    corroborate_ingest::parse_bytes(&page.origin, black_box(&page.bytes), &options)
                })
                .filter_map(Result::ok)
                .map(|doc| corroborate_ingest::article_body(&doc).len())
                .sum();
            // Every page of the benchmark has an article; a few hundred characters each at least.
            assert!(n_chars > pages.len() * 300, "{n_chars} characters of article text");
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
        let resolution = corroborate_resolve::resolve_analyzed(black_box(&analyzed), &settings);
        assert!(!resolution.incidents.is_empty());
    });
}
