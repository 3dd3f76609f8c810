//! Times HTML article extraction on a benchmark folder laid out like `../shared/eval/extraction`
//! (`html/<id>.html.gz`), the way `../shared/eval/peers/run_python.py` times its peers: every
//! page is gunzipped into memory first, and only the extraction calls are timed, on one thread,
//! repeated; the median run is reported.
//!
//! ```text
//! cargo run --release -p corroborate-ingest --example extraction_timing -- DIR [REPEATS] [--parse-only]
//! ```
//! `--parse-only` times the HTML parse alone (the lower bound of any extractor on that parser).
//! `--out=PRED.json` also writes the first run's article bodies in the scorer's format (the same
//! body as `corroborate eval extraction`: every paragraph but the headline and its repeats), for
//! quick iterations without building the CLI.
//! Output: one line of JSON with pages, bytes, the median wall seconds and pages/s by wall
//! clock and by CPU time (CPU time of this thread from `/proc/thread-self/schedstat`, so
//! other work on a shared machine does not count; absent off Linux).

// An example is a command-line tool: its output is its purpose.
#![allow(clippy::print_stdout)]

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use corroborate_ingest::{parse_bytes, IngestOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parse_only = args.iter().any(|a| a == "--parse-only");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let dir = positional.first().ok_or("usage: extraction_timing DIR [REPEATS] [--parse-only]")?;
    let repeats: usize = positional.get(1).map(|r| r.parse()).transpose()?.unwrap_or(5);
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(Path::new(dir.as_str()).join("html"))? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if let Some(id) = name.strip_suffix(".html.gz") {
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut html)?;
            pages.push((format!("{id}.html"), html));
        }
    }
    pages.sort();
    if pages.is_empty() {
        return Err(format!("{dir}/html holds no <id>.html.gz pages").into());
    }
    let options = IngestOptions::default();
    let mut runs = Vec::new();
    let mut cpu_runs = Vec::new();
    let mut n_docs = 0;
    let out = args.iter().find_map(|a| a.strip_prefix("--out="));
    let mut predictions = serde_json::Map::new();
    for _ in 0..repeats.max(1) {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        n_docs = 0;
        for (origin, html) in &pages {
            if parse_only {
                let text = String::from_utf8_lossy(html);
                let doc = scraper::Html::parse_document(&text);
                n_docs += usize::from(doc.tree.root().has_children());
            } else {
                let docs = parse_bytes(origin, html, &options);
                n_docs += docs.iter().filter(|r| r.is_ok()).count();
                if out.is_some() && runs.is_empty() {
                    let body = docs
                        .first()
                        .and_then(|r| r.as_ref().ok())
                        .map(corroborate_ingest::article_body);
                    let id = origin.trim_end_matches(".html").to_string();
                    let body = serde_json::json!({ "articleBody": body.unwrap_or_default() });
                    predictions.insert(id, body);
                }
            }
        }
        runs.push(start.elapsed().as_secs_f64());
        if let (Some(end), Some(begin)) = (thread_cpu_seconds(), cpu_start) {
            cpu_runs.push(end - begin);
        }
    }
    if let Some(out) = out {
        std::fs::write(out, serde_json::to_string(&predictions)?)?;
    }
    runs.sort_by(f64::total_cmp);
    cpu_runs.sort_by(f64::total_cmp);
    let median = runs[runs.len() / 2];
    let cpu_median = cpu_runs.get(cpu_runs.len() / 2).copied().unwrap_or(f64::NAN);
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    println!(
        "{{\"extractor\":\"corroborate{}\",\"pages\":{},\"documents\":{},\"bytes\":{},\"repeats\":{},\"median_s\":{:.4},\"pages_per_s\":{:.1},\"cpu_median_s\":{:.4},\"cpu_pages_per_s\":{:.1}}}",
        if parse_only { "_parse_only" } else { "" },
        pages.len(),
        n_docs,
        bytes,
        runs.len(),
        median,
        pages.len() as f64 / median,
        cpu_median,
        pages.len() as f64 / cpu_median
    );
    Ok(())
}

/// Seconds this thread has run on a CPU, from the first field of `/proc/thread-self/schedstat`
/// (nanoseconds).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
