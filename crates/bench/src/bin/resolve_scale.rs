//! Resolves generated mentions and reports the time it took, for the scale curve in
//! BENCHMARKS.md. Run it under `/usr/bin/time -v` for the peak memory:
//!
//! ```text
//! cargo run --release -p corroborate-bench --bin resolve_scale -- 100000 [SEED]
//! ```
use std::time::Instant;

use corroborate_bench::generate::generate;
use corroborate_resolve::{resolve, ResolveSettings};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.replace('_', "").parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2026);
    let started = Instant::now();
    let (documents, n_generated) = generate(n, seed);
    let generated_in = started.elapsed();
    let input_rss = peak_rss_mb();
    let started = Instant::now();
    let resolution = resolve(&documents, &ResolveSettings::builtin());
    let resolved_in = started.elapsed();
    eprintln!(
        "mentions {} · incidents generated {} · found {} · syndication groups {} · generate {:.2} s · resolve {:.2} s · peak RSS after generating {} MB, at the end {} MB",
        documents.len(),
        n_generated,
        resolution.incidents.len(),
        resolution.syndication_groups.len(),
        generated_in.as_secs_f64(),
        resolved_in.as_secs_f64(),
        input_rss.map_or_else(|| "?".into(), |m| m.to_string()),
        peak_rss_mb().map_or_else(|| "?".into(), |m| m.to_string()),
    );
}

/// The peak resident set size of this process so far (`VmHWM` in `/proc/self/status`), in MB;
/// `None` where that file does not exist.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1000)
}
