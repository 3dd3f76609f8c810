//! Property: any bytes, under any origin, ingest without panicking, and every paragraph span
//! slices the stored text (on char boundaries, in order, non-empty).
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test

use corroborate_ingest::{parse_bytes, IngestOptions};
use proptest::prelude::*;

const ORIGINS: &[&str] = &["x.txt", "x.html", "x.jsonl", "x", "x.json", "x.md"];

fn check(raw: &[u8]) {
    let options = IngestOptions::default();
    for origin in ORIGINS {
        for doc in parse_bytes(origin, raw, &options).into_iter().flatten() {
            let mut last_end = 0;
            for paragraph in &doc.paragraphs {
                let span = paragraph.span;
                assert!(span.slice(&doc.text).is_some(), "{origin}: {span:?} in {:?}", doc.text);
                assert!(!span.is_empty(), "{origin}: empty paragraph {span:?}");
                assert!(span.start >= last_end, "{origin}: paragraphs out of order");
                last_end = span.end;
            }
        }
    }
}

/// Bytes that look like the inputs ingest meets, so the properties reach past the format
/// checks: fragments of markup, JSON, front matter and multi-byte text, mixed with noise.
fn report_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<article>",
        "<h2>",
        "<title>",
        "<meta property=\"og:title\" content=\"T\">",
        "{\"text\": \"",
        "{\"html\": \"<p>x</p>\"}",
        "\"}",
        "\n",
        "\n\n",
        "\r\n",
        "---\n",
        "title: \"Q\"\n",
        "# ",
        "**",
        "[a](b)",
        "Dock Hit Near Port",
        "Nicolás ",
        "“quoted”",
        "said.",
        " ",
        "\u{FEFF}",
        "<script>",
        "]",
        "[",
    ]);
    let chunk = prop_oneof![
        pieces.prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(chunk, 0..24).prop_map(|chunks| chunks.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(raw in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&raw);
    }

    #[test]
    fn report_like_bytes_never_panic(raw in report_like()) {
        check(&raw);
    }
}
