//! `corroborate ingest` over every input kind, and every kind of bad input: each bad one gives
//! one line on stderr (the input, what is wrong, what to do), is recorded for `corroborate log`,
//! and leaves the documents stored before it intact.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::http::{bind, serve, Route};
use support::{corroborate, corroborate_ok, export_json, stderr};

const MD: &str = "---\ntitle: Ferry crew rescued off Lunde\npublisher: Fjord Post\n\
published: 2025-03-03\n---\nFerry crew rescued off Lunde\n\nA lifeboat took six crew members \
off a drifting ferry near Lunde on Monday, the rescue service said.\n";

const TXT: &str = "Dam gates opened at Torvik\n\nOperators opened the gates of the Torvik dam \
on Sunday after heavy rain raised the reservoir, the water board said.\n";

const HTML: &str = "<html><head><title>Market hall reopens in Selby</title>\
<meta property=\"article:published_time\" content=\"2025-02-10\"></head><body><article>\
<h1>Market hall reopens in Selby</h1><p>The market hall in Selby reopened on Monday after a \
year of repairs to its roof, the town council said.</p></article></body></html>";

const JSON: &str = r#"{"title": "Power cut in Oster", "published": "2025-01-20",
"text": "Power went out across Oster on Monday night after a storm brought down a line, the grid operator said."}"#;

const JSONL: &str = "{\"title\": \"Road closed near Bram\", \"text\": \"The coast road near Bram \
was closed on Friday after a landslide, police said.\"}\n{\"title\": \"School shut in Vik\", \
\"html\": \"<p>A school in Vik was shut on Thursday after a pipe burst, the head teacher \
said.</p>\"}\n";

const RSS: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley News\
</title><item><title>Bridge inspection in Harl</title><link>https://valley.example/harl</link>\
<description>Engineers began an inspection of the Harl bridge on Tuesday, the county said.\
</description></item></channel></rss>";

const ATOM: &str = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
<title>Island Wire</title><entry><title>Ferry timetable cut on Eyra</title>\
<link href=\"https://island.example/eyra\"/><updated>2025-04-04T08:00:00Z</updated>\
<content type=\"html\">&lt;p&gt;The ferry company cut its winter timetable to Eyra on \
Friday, a spokesperson said.&lt;/p&gt;</content></entry></feed>";

const PAGE: &str = "<html><head><title>Lighthouse relit at Nesna</title></head><body>\
<article><h1>Lighthouse relit at Nesna</h1><p>The old lighthouse at Nesna was relit on \
Saturday after a volunteer group restored its lamp, the harbour office said.</p></article>\
</body></html>";

fn write(dir: &Path, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).expect("write fixture");
    path
}

/// An HTTP response, then a WARC response record holding it.
fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2025-05-05T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// Two WARC records, each its own gzip member.
fn warc_gz() -> Vec<u8> {
    let mut out = gzip(&warc_record("https://wire.example/a", PAGE));
    out.extend(gzip(&warc_record("https://wire.example/b", HTML)));
    out
}

fn ingest_with_stdin(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .arg("--db")
        .arg(db)
        .arg("ingest")
        .args(args)
        .env_remove("CORROBORATE_DB")
        .env_remove("CORROBORATE_DATA")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn titles(db: &Path) -> Vec<String> {
    let mut titles: Vec<String> = export_json(db)["documents"]
        .as_array()
        .map(|docs| docs.iter().filter_map(|d| d["title"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    titles.sort();
    titles
}

#[test]
fn every_input_kind_ingests_in_one_batch() {
    let (listener, addr) = bind("127.0.0.1");
    serve(
        listener,
        vec![Route::ok("/2025/06/01/nesna", "text/html", PAGE.replace("Nesna", "Bodin"))],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("nested")).expect("mkdir");
    write(&corpus, "a.md", MD);
    write(&corpus, "b.txt", TXT);
    write(&corpus, "c.html", HTML);
    write(&corpus, "d.json", JSON);
    write(&corpus, "nested/e.jsonl", JSONL);
    write(&corpus, "f.rss", RSS);
    write(&corpus, "g.atom", ATOM);
    write(&corpus, "h.warc.gz", warc_gz().as_slice());
    let db = dir.path().join("t.db");
    let url = format!("http://{addr}/2025/06/01/nesna");
    let stdin = "Snow closes pass at Grane\n\nThe mountain pass at Grane was closed on Wednesday \
                 after heavy snow, the road authority said.\n";
    let output =
        ingest_with_stdin(&db, &[&corpus.to_string_lossy(), &url, "-", "--allow-private"], stdin);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("11 new") && stderr(&output).contains("0 failed"));
    assert_eq!(
        titles(&db),
        [
            "Bridge inspection in Harl",    // RSS
            "Dam gates opened at Torvik",   // text
            "Ferry crew rescued off Lunde", // Markdown
            "Ferry timetable cut on Eyra",  // Atom
            "Lighthouse relit at Bodin",    // URL
            "Lighthouse relit at Nesna",    // WARC.gz
            "Market hall reopens in Selby", // HTML (and the same page in the WARC.gz)
            "Power cut in Oster",           // JSON
            "Road closed near Bram",        // JSONL
            "School shut in Vik",           // JSONL (html field)
            "Snow closes pass at Grane",    // stdin
        ]
    );
}

/// A database holding one good report, and its title.
fn seeded(dir: &tempfile::TempDir) -> PathBuf {
    let db = dir.path().join("t.db");
    let good = write(dir.path(), "good.md", MD);
    corroborate_ok(&db, &["ingest", &good.to_string_lossy()]);
    db
}

/// Ingests `args`, expects `code`, and returns the stderr lines that name `origin`; the good
/// report stored before is still there, and `log` lists the failure.
fn bad(db: &Path, args: &[&str], code: i32, origin: &str) -> Vec<String> {
    let mut all = vec!["ingest"];
    all.extend_from_slice(args);
    let output = corroborate(db, &all);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    let lines: Vec<String> =
        err.lines().filter(|l| l.starts_with(origin)).map(str::to_string).collect();
    for line in &lines {
        assert!(line.contains("; "), "says what to do: {line}");
    }
    assert!(titles(db).contains(&"Ferry crew rescued off Lunde".to_string()), "{err}");
    let log = corroborate_ok(db, &["log"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains(origin), "log lists {origin}");
    lines
}

#[test]
fn empty_binary_and_articleless_inputs_fail_with_one_line_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = seeded(&dir);
    let cases = [
        ("empty.txt", b"".to_vec(), "is empty"),
        ("blank.md", b" \n\n\t\n".to_vec(), "is empty"),
        ("blob.txt", vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0, 9], "binary"),
        (
            "menu.html",
            b"<html><body><nav><a href=/>Home</a></nav></body></html>".to_vec(),
            "no article text",
        ),
    ];
    for (name, body, what) in cases {
        let path = write(dir.path(), name, body);
        let origin = path.to_string_lossy().into_owned();
        let lines = bad(&db, &[&origin], 2, &origin);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains(what), "{}", lines[0]);
    }
}

#[test]
fn a_200_mb_file_is_refused_by_the_size_cap_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = seeded(&dir);
    let path = dir.path().join("huge.txt");
    // Sparse: 200 MB of length, no blocks written.
    std::fs::File::create(&path).and_then(|f| f.set_len(200 * 1024 * 1024)).expect("sparse");
    let origin = path.to_string_lossy().into_owned();
    let lines = bad(&db, &[&origin], 2, &origin);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("larger than the limit of 67108864 bytes"), "{}", lines[0]);
    // The cap is configurable, both ways.
    let lines = bad(&db, &[&origin, "--max-bytes", "1000"], 2, &origin);
    assert!(lines[0].contains("limit of 1000 bytes"), "{}", lines[0]);
}

#[test]
fn truncated_gzip_and_warc_keep_the_records_before_the_break() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = seeded(&dir);
    let whole = warc_gz();
    let first_member = gzip(&warc_record("https://wire.example/a", PAGE)).len();
    // Cut in the middle of the second gzip member.
    let cut = write(dir.path(), "cut.warc.gz", &whole[..first_member + 40]);
    let origin = cut.to_string_lossy().into_owned();
    let lines = bad(&db, &[&origin], 1, &origin);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("#record-2") && lines[0].contains("ends in the middle"), "{lines:?}");
    assert!(titles(&db).contains(&"Lighthouse relit at Nesna".to_string()));

    let mut plain = warc_record("https://wire.example/c", TXT_PAGE);
    let second = warc_record("https://wire.example/d", HTML);
    plain.extend_from_slice(&second[..second.len() / 2]);
    let cut = write(dir.path(), "cut.warc", plain);
    let origin = cut.to_string_lossy().into_owned();
    let lines = bad(&db, &[&origin], 1, &origin);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("#record-2"), "{lines:?}");
    assert!(titles(&db).contains(&"Gale warning for Hitra".to_string()));
}

const TXT_PAGE: &str = "<html><head><title>Gale warning for Hitra</title></head><body><article>\
<h1>Gale warning for Hitra</h1><p>Forecasters issued a gale warning for Hitra on Thursday and \
told small boats to stay in harbour.</p></article></body></html>";

#[test]
fn a_feed_with_a_broken_item_stores_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = seeded(&dir);
    let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley News</title>\
         <item><title>Bridge inspection in Harl</title><description>Engineers began an \
         inspection of the Harl bridge on Tuesday, the county said.</description></item>\
         <item><title>Nothing here</title></item>\
         <item><title>Flood barrier raised at Orm</title><description>Crews raised the flood \
         barrier at Orm on Wednesday as the river rose, the town said.</description></item>\
         </channel></rss>";
    let path = write(dir.path(), "valley.rss", feed);
    let origin = path.to_string_lossy().into_owned();
    let lines = bad(&db, &[&origin], 1, &origin);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("{origin}#item-2")), "{lines:?}");
    let stored = titles(&db);
    assert!(stored.contains(&"Bridge inspection in Harl".to_string()), "{stored:?}");
    assert!(stored.contains(&"Flood barrier raised at Orm".to_string()), "{stored:?}");
}

#[test]
fn invalid_utf8_and_a_wrong_declared_charset_still_ingest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    // Latin-1 bytes in a file that is otherwise UTF-8 text.
    let broken = write(
        dir.path(),
        "broken.txt",
        b"Caf\xe9 fire in Roan\n\nA fire gutted a caf\xe9 in Roan on Monday, police said.\n",
    );
    // Declares windows-1252 but is UTF-8: the valid UTF-8 wins.
    let wrong = write(
        dir.path(),
        "wrong.html",
        "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9} reopens in Roan</title>\
         </head><body><article><p>The caf\u{e9} in Roan reopened on Friday, \u{201C}stronger \
         than before,\u{201D} its owner said.</p></article></body></html>",
    );
    let output = corroborate(&db, &["ingest", &broken.to_string_lossy(), &wrong.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stored = titles(&db);
    assert!(stored.contains(&"Caf\u{FFFD} fire in Roan".to_string()), "{stored:?}");
    assert!(stored.contains(&"Caf\u{e9} reopens in Roan".to_string()), "{stored:?}");
}
