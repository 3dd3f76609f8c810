//! Resolves generated mentions and reports the time it took (wall clock and CPU), for the
//! scale curve in BENCHMARKS.md. Run it under `/usr/bin/time -v` for the peak memory:
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
    let n_documents = documents.len();
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let resolution = resolve(documents, &ResolveSettings::builtin());
    let resolved_in = started.elapsed();
    let resolve_cpu = cpu_seconds().zip(cpu_before).map(|(after, before)| after - before);
    eprintln!(
        "mentions {} · incidents generated {} · found {} · syndication groups {} · generate {:.2} s · resolve {:.2} s (CPU {} s) · peak RSS after generating {} MB, at the end {} MB",
        n_documents,
        n_generated,
        resolution.incidents.len(),
        resolution.syndication_groups.len(),
        generated_in.as_secs_f64(),
        resolved_in.as_secs_f64(),
        resolve_cpu.map_or_else(|| "?".into(), |s| format!("{s:.2}")),
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

/// User plus system CPU time of this process so far, in seconds (`/proc/self/stat`, at the
/// kernel's 100 ticks a second), so that the figure holds on a machine other jobs share.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}
