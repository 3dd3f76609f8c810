//! Property: any bytes, under any origin, ingest without panicking, and every paragraph span
//! slices the stored text (on char boundaries, in order, non-empty). The feed and WARC readers
//! get fuzz-style inputs of their own: fragments of feeds and of archives, raw and gzipped.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test

use std::io::Write;

use corroborate_ingest::{parse_bytes, read_warc, IngestOptions};
use proptest::prelude::*;

const ORIGINS: &[&str] =
    &["x.txt", "x.html", "x.jsonl", "x", "x.json", "x.md", "x.rss", "x.atom", "x.xml", "x.warc"];

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

/// Fragments of RSS and Atom, so that items, CDATA and entities meet each other in every order.
fn feed_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "<?xml version=\"1.0\"?>",
        "<rss>",
        "<channel>",
        "<feed xml:lang=\"en\">",
        "<item>",
        "</item>",
        "<entry>",
        "</entry>",
        "<item/>",
        "<title>",
        "</title>",
        "<link href=\"https://x.invalid/2025/12/30/a\"/>",
        "<link>",
        "</link>",
        "<description>",
        "</description>",
        "<content type=\"xhtml\">",
        "</content>",
        "<author><name>",
        "</name></author>",
        "<pubDate>Tue, 30 Dec 2025 10:00:00 GMT</pubDate>",
        "<![CDATA[<p>",
        "]]>",
        "&lt;p&gt;",
        "&amp;",
        "&#x2014;",
        "&nbsp;",
        "&#0;",
        "<!-- ",
        " -->",
        "<p>",
        "</p>",
        "A boat was stopped.",
        "Nicolás ",
        "<",
        ">",
        "\"",
    ]);
    let chunk = prop_oneof![
        4 => pieces.prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..6),
    ];
    let body = prop::collection::vec(chunk, 0..40).prop_map(|chunks| chunks.concat());
    (prop::sample::select(vec!["<rss><channel>", "<feed>", ""]), body)
        .prop_map(|(root, body)| [root.as_bytes(), &body].concat())
}

/// Fragments of WARC records: version lines, headers with right and wrong lengths, HTTP heads.
fn warc_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "WARC/1.0\r\n",
        "WARC-Type: response\r\n",
        "WARC-Type: resource\r\n",
        "WARC-Type: request\r\n",
        "Content-Type: application/http; msgtype=response\r\n",
        "Content-Type: text/html\r\n",
        "WARC-Target-URI: https://x.invalid/2025/12/30/a\r\n",
        "WARC-Date: 2025-12-30T10:00:00Z\r\n",
        "Content-Length: 0\r\n",
        "Content-Length: 12\r\n",
        "Content-Length: 60\r\n",
        "Content-Length: 99999999999\r\n",
        "Content-Length: x\r\n",
        "\r\n",
        "HTTP/1.1 200 OK\r\n",
        "Transfer-Encoding: chunked\r\n",
        "Content-Encoding: gzip\r\n",
        "5\r\nhello\r\n0\r\n\r\n",
        "<p>A dock was struck.</p>",
        " continued",
    ]);
    let chunk = prop_oneof![
        4 => pieces.prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..6),
    ];
    prop::collection::vec(chunk, 0..30).prop_map(|chunks| chunks.concat())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Reads `raw` as a WARC and checks that the reading ends, and ends at most once in error.
fn check_warc(raw: &[u8]) {
    let options = IngestOptions { max_bytes: 4096, ..IngestOptions::default() };
    let mut docs = read_warc("x.warc", raw, &options);
    let results: Vec<_> = docs.by_ref().take(1000).collect();
    assert!(docs.next().is_none(), "the reader must end");
    let counts = docs.counts();
    assert_eq!(counts.documents + counts.failed, results.len());
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

    #[test]
    fn feed_like_bytes_never_panic(raw in feed_like()) {
        check(&raw);
    }

    #[test]
    fn warc_like_bytes_never_panic(raw in warc_like(), cut in any::<prop::sample::Index>()) {
        check(&raw);
        check_warc(&raw);
        let gz = gzip(&raw);
        check_warc(&gz);
        // Any truncation of the compressed stream.
        check_warc(&gz[..cut.index(gz.len() + 1)]);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_warc_reader(raw in prop::collection::vec(any::<u8>(), 0..512)) {
        check_warc(&raw);
        check_warc(&[&[0x1F, 0x8B][..], &raw].concat());
    }
}
