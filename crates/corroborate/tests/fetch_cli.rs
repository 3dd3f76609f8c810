//! `corroborate ingest` of http(s) URLs against a local server: fetched with `--allow-private`,
//! refused by the default address policy, refused at a redirect to 127.0.0.1, listed with
//! `--urls`, and a feed's linked pages fetched only with `--follow-links`.

mod support;

use support::http::{bind, serve, Route};
use support::{corroborate, corroborate_ok, export_json, stderr};

/// A page in windows-1252 that says so only in its `Content-Type` header.
const PAGE_1252: &[u8] = b"<html><head><title>Ferry halted at Kestrel Bay</title></head><body>\
<article><h1>Ferry halted at Kestrel Bay</h1>\
<p>The morning ferry was held at the pier after a crack was found in its hull, the harbour \
office said on Friday.</p>\
<p>\x93No one was hurt,\x94 a harbour official told reporters.</p></article></body></html>";

const SECOND_PAGE: &str = "<html><head><title>Bridge closed for repairs</title></head><body>\
<article><h1>Bridge closed for repairs</h1><p>The old river bridge in Marden was closed to \
traffic on Monday while engineers inspect its pillars, the council said.</p></article>\
</body></html>";

const LOCAL_REPORT: &str = "---\ntitle: Warehouse fire in Orlin\npublished: 2025-04-01\n---\n\
Warehouse fire in Orlin\n\nA fire destroyed a grain warehouse in Orlin on Tuesday, the fire \
service said.\n";

fn db_in(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("t.db")
}

/// The documents `corroborate extract ARGS…` writes (text included, which export leaves out).
fn extracted(dir: &tempfile::TempDir, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["extract"];
    all.extend_from_slice(args);
    let output = corroborate(&dir.path().join("unused.db"), &all);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|v| v["document"].clone())
        .collect()
}

fn text_of(doc: &serde_json::Value) -> String {
    doc["text"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_url_is_fetched_with_allow_private_and_its_header_charset_is_honoured() {
    let (listener, addr) = bind("127.0.0.1");
    serve(
        listener,
        vec![Route::ok("/2025/05/02/ferry", "text/html; charset=windows-1252", PAGE_1252)],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = db_in(&dir);
    let url = format!("http://{addr}/2025/05/02/ferry");
    let output = corroborate_ok(&db, &["ingest", &url, "--allow-private"]);
    assert!(stderr(&output).contains("1 new"), "{}", stderr(&output));
    let record = export_json(&db);
    let doc = &record["documents"][0];
    assert_eq!(doc["title"], "Ferry halted at Kestrel Bay");
    assert_eq!(doc["url"], url.as_str());
    assert_eq!(doc["published"], "2025-05-02", "dated from the URL: {doc}");
    let docs = extracted(&dir, &[&url, "--allow-private"]);
    let text = docs.first().map(text_of).unwrap_or_default();
    assert!(text.contains("\u{201C}No one was hurt,\u{201D}"), "{text}");
}

#[test]
fn the_default_policy_refuses_a_loopback_url_with_one_line() {
    let (listener, addr) = bind("127.0.0.1");
    serve(listener, vec![Route::ok("/a", "text/html", SECOND_PAGE)]);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = db_in(&dir);
    let url = format!("http://{addr}/a");
    let output = corroborate(&db, &["ingest", &url]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    let line = err.lines().find(|l| l.starts_with(&url)).unwrap_or_default();
    assert!(line.contains("refused") && line.contains("127.0.0.1"), "{err}");
    assert!(line.contains("--allow-private"), "{err}");
    let log = corroborate_ok(&db, &["log"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains(&url));
}

#[test]
fn a_redirect_to_127_0_0_1_is_refused_and_stored_documents_stay() {
    // The first hop is on 127.0.0.2, which the test allows by name; the redirect points at
    // 127.0.0.1, which the policy still refuses.
    let (target, target_addr) = bind("127.0.0.1");
    serve(target, vec![Route::ok("/secret", "text/html", SECOND_PAGE)]);
    let (listener, addr) = bind("127.0.0.2");
    let location = format!("http://{target_addr}/secret");
    serve(
        listener,
        vec![Route::redirect("/moved", &location), Route::ok("/page", "text/html", SECOND_PAGE)],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = db_in(&dir);
    let report = dir.path().join("orlin.md");
    std::fs::write(&report, LOCAL_REPORT).expect("write");
    corroborate_ok(&db, &["ingest", &report.to_string_lossy()]);

    let allowed = format!("http://{addr}/page");
    corroborate_ok(&db, &["ingest", &allowed, "--allow-address", "127.0.0.2"]);

    let moved = format!("http://{addr}/moved");
    let output = corroborate(&db, &["ingest", &moved, "--allow-address", "127.0.0.2"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&moved)).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains(&format!("refused to fetch {location}")), "{err}");
    assert!(lines[0].contains("127.0.0.1"), "{err}");

    let record = export_json(&db);
    let titles: Vec<&str> = record["documents"]
        .as_array()
        .map(|docs| docs.iter().filter_map(|d| d["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Warehouse fire in Orlin"), "{titles:?}");
}

#[test]
fn urls_listed_in_a_file_are_ingested_and_a_404_fails_alone() {
    let (listener, addr) = bind("127.0.0.1");
    serve(
        listener,
        vec![
            Route::ok("/one", "text/html; charset=windows-1252", PAGE_1252),
            Route::ok("/two", "text/html", SECOND_PAGE),
        ],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = db_in(&dir);
    let list = dir.path().join("links.txt");
    let body = format!("# links\nhttp://{addr}/one\n\nhttp://{addr}/two\nhttp://{addr}/gone\n");
    std::fs::write(&list, body).expect("write");
    let output =
        corroborate(&db, &["ingest", "--urls", &list.to_string_lossy(), "--allow-private"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("2 new") && err.contains("1 failed"), "{err}");
    let gone = format!("http://{addr}/gone");
    let line = err.lines().find(|l| l.starts_with(&gone)).unwrap_or_default();
    assert!(line.contains("HTTP 404"), "{err}");
}

#[test]
fn feed_links_are_fetched_only_with_follow_links() {
    let (listener, addr) = bind("127.0.0.1");
    serve(listener, vec![Route::ok("/bridge", "text/html", SECOND_PAGE)]);
    let dir = tempfile::tempdir().expect("temp dir");
    let feed = dir.path().join("council.rss");
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Marden Council</title>\
         <item><title>Bridge closed</title><link>http://{addr}/bridge</link>\
         <pubDate>Mon, 05 May 2025 08:00:00 GMT</pubDate>\
         <description>Short notice: the river bridge is shut.</description></item>\
         </channel></rss>"
    );
    std::fs::write(&feed, rss).expect("write");

    let feed_arg = feed.to_string_lossy().into_owned();
    let plain = extracted(&dir, &[&feed_arg, "--allow-private"]);
    let text = plain.first().map(text_of).unwrap_or_default();
    assert!(text.contains("Short notice") && !text.contains("engineers"), "{text}");

    let followed = extracted(&dir, &[&feed_arg, "--follow-links", "--allow-private"]);
    assert_eq!(followed.len(), 1);
    let text = text_of(&followed[0]);
    assert!(text.contains("engineers inspect its pillars"), "{text}");
    assert_eq!(followed[0]["published"], "2025-05-05", "the feed's date is kept");
    assert_eq!(followed[0]["origin"], format!("{feed_arg}#item-1"));

    // Without --allow-private the link is refused: one line, and the item's summary is kept.
    let refused = dir.path().join("refused.db");
    let output = corroborate(&refused, &["ingest", &feed.to_string_lossy(), "--follow-links"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.lines().any(|l| l.contains("#item-") && l.contains("refused")), "{err}");
    let titles = export_json(&refused)["documents"][0]["title"].clone();
    assert_eq!(titles, "Bridge closed", "the item itself is stored");
}
