//! Feeds and web archives over fixtures written for these tests: an RSS feed with a broken item
//! and an item with nothing to read, an Atom feed, a WARC.gz of three records (one an image),
//! and truncated archives, gzip and plain.
#![allow(clippy::unwrap_used)] // a panic in a test is a failed test

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use corroborate_ingest::{
    parse_bytes, read_input, read_warc, IngestError, IngestOptions, Input, WarcCounts,
};
use corroborate_model::{DateProvenance, Document, DocumentId, ParagraphKind};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn read(path: &Path, options: &IngestOptions) -> Vec<Result<Document, IngestError>> {
    read_input(&Input::File(path.to_path_buf()), options).collect()
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn rss_items_are_documents_and_a_broken_item_is_one_error() {
    let path = fixture("harbour.rss");
    let origin = path.display().to_string();
    let results = read(&path, &IngestOptions::default());
    assert_eq!(results.len(), 4, "{results:?}");

    let patrol = results[0].as_ref().unwrap();
    assert_eq!(patrol.origin, format!("{origin}#item-1"));
    assert_eq!(patrol.title.as_deref(), Some("Patrol boat stops fishing vessel off the cape"));
    assert_eq!(patrol.url.as_deref(), Some("https://courier.example/2026/01/14/patrol-boat"));
    assert_eq!(patrol.published, day(2026, 1, 14));
    assert_eq!(patrol.published_from, DateProvenance::Meta);
    assert_eq!(patrol.author.as_deref(), Some("Ana Ribeiro"));
    assert_eq!(patrol.publisher.as_deref(), Some("Coastal Courier"));
    assert_eq!(patrol.language.as_deref(), Some("en-gb"));
    // The full content wins over the summary.
    assert_eq!(
        patrol.text,
        "Patrol boat stops fishing vessel off the cape\n\n\
         A patrol boat stopped a fishing vessel off the cape on Tuesday, the coast guard said.\n\n\
         Nobody was hurt, according to a port official."
    );
    assert_eq!(patrol.paragraphs[0].kind, ParagraphKind::Headline);
    let raw = std::fs::read_to_string(&path).unwrap();
    let start = raw.find("<item>").unwrap();
    let end = raw.find("</item>").unwrap() + "</item>".len();
    assert_eq!(patrol.id, DocumentId::from_raw(&raw.as_bytes()[start..end]));

    let broken = results[1].as_ref().unwrap_err();
    let message = broken.to_string();
    assert!(matches!(broken, IngestError::FeedItem { .. }));
    assert!(message.starts_with(&format!("{origin}#item-2: feed item cannot be read (")));
    assert!(message.contains("ill-formed XML"), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");

    let crane = results[2].as_ref().unwrap();
    assert_eq!(crane.origin, format!("{origin}#item-3"));
    assert!(crane.text.ends_with("the port authority said \u{2014} repairs will take a week."));
    assert_eq!(crane.published, day(2026, 1, 15));

    let empty = results[3].as_ref().unwrap_err();
    assert_eq!(empty.origin(), format!("{origin}#item-4"));
    assert!(empty.to_string().contains("no description or content"), "{empty}");
}

#[test]
fn atom_entries_read_links_authors_and_xhtml_content() {
    let path = fixture("islands.atom");
    let results = read(&path, &IngestOptions::default());
    assert_eq!(results.len(), 2, "{results:?}");

    let ferry = results[0].as_ref().unwrap();
    assert_eq!(ferry.url.as_deref(), Some("https://wire.example/stories/ferry-resumes"));
    assert_eq!(ferry.author.as_deref(), Some("Tom Okafor"));
    assert_eq!(ferry.publisher.as_deref(), Some("Island Wire"));
    assert_eq!(ferry.language.as_deref(), Some("en"));
    // `published`, as written where it was written, beats `updated`.
    assert_eq!(ferry.published, day(2026, 1, 16));
    assert_eq!(
        ferry.text,
        "Ferry service resumes after two-day halt\n\n\
         The ferry service between the islands resumed on Friday, the operator said.\n\n\
         Crossings had been halted for two days by high winds."
    );

    let keeper = results[1].as_ref().unwrap();
    assert_eq!(keeper.url.as_deref(), Some("https://wire.example/stories/lighthouse"));
    assert_eq!(keeper.published, day(2026, 1, 15));
    assert!(keeper.text.ends_with(
        "The island's last lighthouse keeper was honoured at a ceremony, local officials said."
    ));
}

#[test]
fn feeds_are_sniffed_and_non_feeds_refused() {
    let options = IngestOptions::default();
    let raw = std::fs::read(fixture("islands.atom")).unwrap();
    let results = parse_bytes("-", &raw, &options);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap().origin, "-#item-1");

    let results = parse_bytes("sitemap.xml", b"<urlset><url>x</url></urlset>", &options);
    let err = results[0].as_ref().unwrap_err();
    assert!(matches!(err, IngestError::NotAFeed { .. }));
    assert!(err.to_string().contains("the first element is <urlset>"), "{err}");

    let results =
        parse_bytes("empty.rss", b"<rss><channel><title>T</title></channel></rss>", &options);
    assert!(results[0].as_ref().unwrap_err().to_string().contains("holds no <item> elements"));

    let xhtml = b"<?xml version=\"1.0\"?><html><body><p>An XHTML page.</p></body></html>";
    let results = parse_bytes("page.xml", xhtml, &options);
    assert_eq!(results[0].as_ref().unwrap().text, "An XHTML page.");
}

/// An HTTP response carrying `body`.
fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// One WARC response record.
fn record(uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The three records of the test crawl: a dated page, an image, an undated page.
fn crawl_records() -> (Vec<Vec<u8>>, Vec<u8>) {
    let dock = std::fs::read(fixture("page-dock.html")).unwrap();
    let market = std::fs::read(fixture("page-market.html")).unwrap();
    let records = vec![
        record(
            "https://port.example/dock-fire",
            "2026-01-12T10:00:00Z",
            &http("text/html; charset=utf-8", &dock),
        ),
        record(
            "https://port.example/logo.png",
            "2026-01-12T10:00:01Z",
            &http("image/png", b"\x89PNG\r\n\x1a\n\0\0"),
        ),
        record("https://port.example/market", "2026-01-12T10:00:02Z", &http("text/html", &market)),
    ];
    (records, market)
}

/// Each record its own gzip member, as Common Crawl writes them.
fn crawl_gz() -> Vec<u8> {
    crawl_records().0.iter().flat_map(|r| gzip(r)).collect()
}

#[test]
fn warc_gz_response_pages_are_documents_and_other_records_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("crawl.warc.gz");
    std::fs::write(&path, crawl_gz()).unwrap();
    let origin = path.display().to_string();
    let results = read(&path, &IngestOptions::default());
    assert_eq!(results.len(), 2, "{results:?}");

    let dock = results[0].as_ref().unwrap();
    assert_eq!(dock.origin, format!("{origin}#record-1"));
    assert_eq!(dock.url.as_deref(), Some("https://port.example/dock-fire"));
    assert_eq!(dock.title.as_deref(), Some("Dock fire put out"));
    assert_eq!(dock.publisher.as_deref(), Some("Port Times"));
    // The page's own date, not the crawl's.
    assert_eq!(dock.published, day(2026, 1, 10));
    assert_eq!(dock.published_from, DateProvenance::Meta);
    // The same page saved as a file is the same document.
    let saved = read(&fixture("page-dock.html"), &IngestOptions::default());
    assert_eq!(dock.id, saved[0].as_ref().unwrap().id);
    assert_eq!(dock.text, saved[0].as_ref().unwrap().text);

    let market = results[1].as_ref().unwrap();
    assert_eq!(market.origin, format!("{origin}#record-3"));
    assert_eq!(market.published, day(2026, 1, 12), "WARC-Date as the last resort");
    assert_eq!(market.published_from, DateProvenance::Meta);

    // A date given by the caller beats the crawl date.
    let given = IngestOptions { published: day(2026, 1, 11), ..IngestOptions::default() };
    let results = read(&path, &given);
    assert_eq!(results[1].as_ref().unwrap().published_from, DateProvenance::Cli);

    let archive = crawl_gz();
    let mut docs = read_warc("crawl", &archive[..], &IngestOptions::default());
    assert_eq!(docs.by_ref().filter(Result::is_ok).count(), 2);
    assert_eq!(docs.counts(), WarcCounts { records: 3, documents: 2, skipped: 1, failed: 0 });
}

#[test]
fn archives_are_sniffed_when_the_name_says_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let gz = tmp.path().join("crawl-download");
    std::fs::write(&gz, crawl_gz()).unwrap();
    assert_eq!(read(&gz, &IngestOptions::default()).len(), 2);
    let plain = tmp.path().join("crawl-plain");
    std::fs::write(&plain, crawl_records().0.concat()).unwrap();
    assert_eq!(read(&plain, &IngestOptions::default()).len(), 2);
    // The size limit applies to each record, not to the archive.
    let small = IngestOptions { max_bytes: 1_000, ..IngestOptions::default() };
    assert!(std::fs::metadata(&plain).unwrap().len() > 1_000);
    assert!(read(&plain, &small).iter().all(Result::is_ok));
    let tiny = IngestOptions { max_bytes: 100, ..IngestOptions::default() };
    let results = read(&gz, &tiny);
    assert!(matches!(&results[0], Err(IngestError::TooLarge { .. })), "{results:?}");
}

#[test]
fn a_truncated_warc_gz_keeps_the_documents_before_the_break() {
    let tmp = tempfile::tempdir().unwrap();
    let (records, _) = crawl_records();
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    let mut cut = members[0].clone();
    cut.extend_from_slice(&members[1]);
    cut.extend_from_slice(&members[2][..members[2].len() / 2]);
    let path = tmp.path().join("cut.warc.gz");
    std::fs::write(&path, &cut).unwrap();
    let origin = path.display().to_string();

    let results = read(&path, &IngestOptions::default());
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("Dock fire put out"));
    let err = results[1].as_ref().unwrap_err();
    assert!(matches!(err, IngestError::Truncated { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{origin}#record-3: the archive ends in the middle")),
        "{message}"
    );
    assert!(message.contains("the records before it were kept"), "{message}");
    assert!(!message.contains('\n'));

    // Wherever the last member breaks (in its gzip header, in its first deflate bytes,
    // halfway), the break belongs to that record and the page before it is kept.
    let last = members[2].len();
    for at in [1, 10, 12, 40, last / 2] {
        let mut cut = members[0].clone();
        cut.extend_from_slice(&members[1]);
        cut.extend_from_slice(&members[2][..at]);
        let results: Vec<_> = read_warc("c.warc.gz", &cut[..], &IngestOptions::default()).collect();
        assert_eq!(results.len(), 2, "cut at {at}: {results:?}");
        assert!(results[0].is_ok(), "cut at {at}: {results:?}");
        assert_eq!(results[1].as_ref().unwrap_err().origin(), "c.warc.gz#record-3", "cut at {at}");
    }
}

#[test]
fn a_truncated_plain_warc_is_one_error_after_the_good_records() {
    let (records, _) = crawl_records();
    let mut cut = records.concat();
    cut.truncate(cut.len() - 100);
    let results: Vec<_> = read_warc("cut.warc", &cut[..], &IngestOptions::default()).collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok());
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.origin(), "cut.warc#record-3");
    assert!(err.to_string().contains("block bytes are there"), "{err}");

    // Cut inside a header.
    let header_cut = &records[0][..20];
    let results: Vec<_> = read_warc("h.warc", header_cut, &IngestOptions::default()).collect();
    assert!(
        matches!(&results[..], [Err(IngestError::Truncated { origin, .. })] if origin == "h.warc#record-1")
    );
}

#[test]
fn what_is_not_a_warc_is_one_error() {
    let options = IngestOptions::default();
    let results: Vec<_> =
        read_warc("x.warc", &b"<html>not an archive</html>"[..], &options).collect();
    let err = results[0].as_ref().unwrap_err();
    assert!(matches!(&results[..], [Err(IngestError::Warc { .. })]));
    assert!(err.to_string().contains("expected a `WARC/1.x` version line"), "{err}");

    let results: Vec<_> = read_warc("x.warc.gz", &gzip(b"plain words")[..], &options).collect();
    assert!(matches!(&results[..], [Err(IngestError::Warc { .. })]), "{results:?}");

    let results: Vec<_> = read_warc("e.warc", &b""[..], &options).collect();
    assert!(matches!(&results[..], [Err(IngestError::Empty { .. })]));

    let results: Vec<_> =
        read_warc("g.warc.gz", &[0x1F, 0x8B, 0x08, 0x00, 0x01][..], &options).collect();
    assert_eq!(results.len(), 1, "{results:?}");
}

#[test]
fn directories_pick_up_feeds_and_archives() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("islands.atom"), tmp.path().join("a.atom")).unwrap();
    std::fs::write(tmp.path().join("b.warc.gz"), crawl_gz()).unwrap();
    std::fs::write(tmp.path().join("c.gz"), gzip(b"not picked up")).unwrap();
    let results = read(tmp.path(), &IngestOptions::default());
    let origins: Vec<String> = results.iter().map(|r| r.as_ref().unwrap().origin.clone()).collect();
    let root = tmp.path().display().to_string();
    assert_eq!(
        origins,
        [
            format!("{root}/a.atom#item-1"),
            format!("{root}/a.atom#item-2"),
            format!("{root}/b.warc.gz#record-1"),
            format!("{root}/b.warc.gz#record-3"),
        ]
    );
}
