//! `eval` writes predictions in the benchmark scorers' formats: the shapes they read, and
//! offsets in code points that point at the words they name. The inputs are tiny documents
//! written here, with non-ASCII letters before the spans so that bytes and code points differ.

mod support;

use std::io::Write;
use std::path::Path;

use serde_json::Value;
use support::{corroborate, corroborate_ok, stderr};

/// The characters of `text` between two code-point offsets.
fn code_point_slice(text: &str, start: u64, end: u64) -> String {
    let start = usize::try_from(start).expect("offset fits");
    let end = usize::try_from(end).expect("offset fits");
    text.chars().skip(start).take(end - start).collect()
}

fn jsonl(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("predictions written");
    text.lines().map(|line| serde_json::from_str(line).expect("each line is JSON")).collect()
}

fn write_gz(path: &Path, text: &str) {
    let file = std::fs::File::create(path).expect("create page");
    let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("write page");
    encoder.finish().expect("finish gzip");
}

#[test]
fn extraction_writes_each_page_body_without_its_headline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("html");
    std::fs::create_dir(&html).expect("html dir");
    write_gz(
        &html.join("page-one.html.gz"),
        "<html><head><title>Lighthouse Relit</title></head><body><nav><a href=\"/\">Home</a>\
         </nav><article><h1>Lighthouse Relit</h1><p>The old lighthouse on the north cape shone \
         again on Sunday after a year of repairs, the harbour board said.</p><p>Keepers \
         climbed the 140 steps at dusk to light it.</p></article><footer>All rights \
         reserved</footer></body></html>",
    );
    let out = dir.path().join("pred.json");
    let db = dir.path().join("unused.db");
    corroborate_ok(
        &db,
        &["eval", "extraction", &dir.path().to_string_lossy(), "--out", &out.to_string_lossy()],
    );
    assert!(!db.exists(), "eval must not touch the database");

    let predictions: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    let body = predictions["page-one"]["articleBody"].as_str().expect("a body for the page");
    assert!(body.contains("north cape") && body.contains("140 steps"), "{body}");
    assert!(!body.contains("Lighthouse Relit"), "the headline is not part of the body: {body}");
    assert!(!body.contains("All rights reserved"), "{body}");
    assert_eq!(predictions.as_object().map(|o| o.len()), Some(1));
}

#[test]
fn extraction_of_a_folder_without_pages_says_what_it_expects() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = corroborate(
        &dir.path().join("unused.db"),
        &["eval", "extraction", &dir.path().to_string_lossy()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("html/<id>.html.gz"), "{}", stderr(&output));
}

#[test]
fn attribution_roles_are_code_point_spans_of_their_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Pier café closes — owners blame the storm.\n\n“The pier was empty when the \
                wave hit,” said Zoë Álvarez, the café’s manager.\n\nPort officials said the \
                ferry to Isla Blanca would resume on Friday.";
    let docs = dir.path().join("docs.jsonl");
    let line = serde_json::json!({
        "doc_id": "pier-1",
        "publisher": "Harbor Wire",
        "publication_date": "2025-12-30",
        "title": "Pier café closes",
        "text": text,
        "attributions": [],
    });
    std::fs::write(&docs, format!("{line}\n\n")).expect("write docs");
    let out = dir.path().join("pred.jsonl");
    corroborate_ok(
        &dir.path().join("unused.db"),
        &["eval", "attribution", &docs.to_string_lossy(), "--out", &out.to_string_lossy()],
    );

    let lines = jsonl(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["doc_id"], "pier-1");
    let attributions = lines[0]["attributions"].as_array().expect("attributions");
    assert!(!attributions.is_empty(), "{}", lines[0]);
    for attribution in attributions {
        for role in ["source", "cue", "content"] {
            let part = &attribution[role];
            if part.is_null() {
                continue;
            }
            let spans = part["spans"].as_array().expect("spans");
            assert!(!spans.is_empty());
            let words: Vec<String> = spans
                .iter()
                .map(|span| {
                    let start = span[0].as_u64().expect("start");
                    let end = span[1].as_u64().expect("end");
                    assert!(start < end, "{span}");
                    code_point_slice(text, start, end)
                })
                .collect();
            assert_eq!(part["text"], words.join(" "), "{role} of {attribution}");
        }
    }
    // The quote's speaker, after multi-byte letters, is found at her code-point offsets, with
    // the apposition that ends the sentence (PolNeAR marks it as part of the source).
    let zoe = attributions
        .iter()
        .find(|a| a["source"]["text"] == "Zoë Álvarez, the café’s manager")
        .unwrap_or_else(|| panic!("no attribution to Zoë Álvarez in {}", lines[0]));
    let byte = text.find("Zoë").expect("the name is in the text");
    let start = u64::try_from(text[..byte].chars().count()).expect("fits");
    assert!(start < u64::try_from(byte).expect("fits"), "the name lies after multi-byte letters");
    assert_eq!(zoe["source"]["spans"][0][0].as_u64(), Some(start));
    assert_eq!(zoe["cue"]["text"], "said");
}

#[test]
fn temporal_expressions_are_code_point_spans_with_type_and_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Officials in São Tomé said a drone struck a fishing boat on Dec 26, two nights \
                after a raid on the port.\n\nThe navy seized a vessel last week, according to \
                José Núñez.";
    let docs = dir.path().join("docs.jsonl");
    let line = serde_json::json!({ "doc_id": "boat-1", "dct": "2025-12-30", "text": text });
    std::fs::write(&docs, format!("{line}\n")).expect("write docs");
    let out = dir.path().join("pred.jsonl");
    corroborate_ok(
        &dir.path().join("unused.db"),
        &["eval", "temporal", &docs.to_string_lossy(), "--out", &out.to_string_lossy()],
    );

    let lines = jsonl(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["doc_id"], "boat-1");
    let timexes = lines[0]["timexes"].as_array().expect("timexes");
    let dec_26 = timexes
        .iter()
        .find(|t| {
            let (start, end) = (t["start"].as_u64().unwrap_or(0), t["end"].as_u64().unwrap_or(0));
            code_point_slice(text, start, end) == "Dec 26"
        })
        .unwrap_or_else(|| panic!("\"Dec 26\" not found at its code points in {}", lines[0]));
    assert_eq!(dec_26["type"], "DATE");
    assert_eq!(dec_26["value"], "2025-12-26");
    for timex in timexes {
        assert!(["DATE", "TIME", "DURATION", "SET"].contains(&timex["type"].as_str().unwrap_or("")));
        assert!(timex["value"].is_string() || timex["value"].is_null(), "{timex}");
    }
}

#[test]
fn a_line_that_is_not_a_document_is_named_by_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs.jsonl");
    std::fs::write(&docs, "{\"doc_id\": \"ok\", \"text\": \"Calm day.\"}\n{\"doc_id\": 3}\n")
        .expect("write docs");
    let output = corroborate(
        &dir.path().join("unused.db"),
        &["eval", "temporal", &docs.to_string_lossy(), "--out", "/dev/null"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("docs.jsonl:2"), "{}", stderr(&output));
}

/// Runs the `corroborate-time` executable with `args`, without the user's data directory.
fn corroborate_time(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_corroborate-time"))
        .args(args)
        .env_remove("CORROBORATE_DATA")
        .output()
        .expect("the corroborate-time binary runs")
}

#[test]
fn corroborate_time_writes_what_eval_temporal_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs.jsonl");
    // A few TimeBank documents when ../shared is there, and always one with non-ASCII letters
    // (the Unicode form of the patterns) and one without a dct.
    let mut lines: Vec<String> = support::shared_file("eval/temporal/train_timebank.docs.jsonl")
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read TimeBank");
            text.lines().take(5).map(String::from).collect()
        })
        .unwrap_or_default();
    let text = "Officials in São Tomé said on Monday that the ferry, late since last week, \
                would sail in two days.";
    lines
        .push(serde_json::json!({ "doc_id": "s1", "dct": "2025-12-30", "text": text }).to_string());
    lines.push(
        serde_json::json!({ "doc_id": "s2", "text": "It rained on March 3, 2024." }).to_string(),
    );
    std::fs::write(&docs, lines.join("\n") + "\n").expect("write docs");
    let (ours, theirs) = (dir.path().join("time.jsonl"), dir.path().join("eval.jsonl"));
    let output = corroborate_time(&[&docs.to_string_lossy(), "--out", &ours.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    corroborate_ok(
        &dir.path().join("unused.db"),
        &["eval", "temporal", &docs.to_string_lossy(), "--out", &theirs.to_string_lossy()],
    );
    let ours = std::fs::read(&ours).expect("read");
    assert_eq!(ours, std::fs::read(&theirs).expect("read"));
    assert_eq!(ours.iter().filter(|b| **b == b'\n').count(), lines.len());
    assert!(String::from_utf8_lossy(&ours).contains("2024-03-03"));

    // Without --out, the same lines go to stdout.
    let output = corroborate_time(&[&docs.to_string_lossy()]);
    assert_eq!(output.stdout, ours);
}

#[test]
fn corroborate_time_explains_wrong_arguments_and_inputs() {
    let help = corroborate_time(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: corroborate-time"));

    let output = corroborate_time(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("<DOCS> is required"), "{}", stderr(&output));

    let output = corroborate_time(&["/nonexistent/docs.jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot open /nonexistent/docs.jsonl"), "{}", stderr(&output));

    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs.jsonl");
    std::fs::write(&docs, "{\"doc_id\": \"ok\", \"text\": \"Calm day.\"}\n{\"doc_id\": 3}\n")
        .expect("write docs");
    let output = corroborate_time(&[&docs.to_string_lossy(), "--out", "/dev/null"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("docs.jsonl:2"), "{}", stderr(&output));

    // A data directory with none of the known files is refused, as by the main CLI.
    let output =
        corroborate_time(&[&docs.to_string_lossy(), "--data", &dir.path().to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("none of the known data files"), "{}", stderr(&output));
}

#[test]
fn corroborate_time_reads_a_users_time_patterns_as_eval_temporal_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let builtin = std::fs::read_to_string(support::repo_root().join("data/time/patterns.toml"))
        .expect("read the built-in time patterns");
    // A user's copy that also reads "yday": not the built-in text, so it is parsed.
    let user = builtin.replace(r"earlier)\s+)?yesterday\b", r"earlier)\s+)?(?:yesterday|yday)\b");
    assert_ne!(user, builtin);
    std::fs::create_dir_all(dir.path().join("data/time")).expect("data dir");
    std::fs::write(dir.path().join("data/time/patterns.toml"), user).expect("write patterns");
    let docs = dir.path().join("docs.jsonl");
    let line =
        serde_json::json!({ "doc_id": "y", "dct": "2025-12-30", "text": "It sank late yday." });
    std::fs::write(&docs, format!("{line}\n")).expect("write docs");
    let data = dir.path().join("data");
    let (ours, theirs) = (dir.path().join("time.jsonl"), dir.path().join("eval.jsonl"));
    let output = corroborate_time(&[
        &docs.to_string_lossy(),
        "--data",
        &data.to_string_lossy(),
        "--out",
        &ours.to_string_lossy(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    corroborate_ok(
        &dir.path().join("unused.db"),
        &[
            "--data",
            &data.to_string_lossy(),
            "eval",
            "temporal",
            &docs.to_string_lossy(),
            "--out",
            &theirs.to_string_lossy(),
        ],
    );
    let ours = std::fs::read_to_string(&ours).expect("read");
    assert_eq!(ours, std::fs::read_to_string(&theirs).expect("read"));
    assert!(ours.contains("2025-12-29"), "{ours}");
}
