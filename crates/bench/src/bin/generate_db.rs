//! Writes a database of generated reports and their resolution through the store API, for
//! measuring `serve`, `incidents` and `export` at scale:
//!
//! ```text
//! cargo run --release -p corroborate-bench --bin generate_db -- DB INCIDENTS [SEED]
//! ```
//!
//! About three reports per incident (see `corroborate_bench::generate`), so 100,000 incidents
//! are about 330,000 documents. The database must not exist yet.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use corroborate_bench::generate::generate_analyzed;
use corroborate_model::ResolveDocument;
use corroborate_resolve::{resolve, ResolveSettings};
use corroborate_store::Store;

/// Reports per incident, on average, in the generated corpus.
const REPORTS_PER_INCIDENT: f64 = 3.0;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(n_incidents)) = (
        args.next().map(PathBuf::from),
        args.next().and_then(|a| a.replace('_', "").parse::<usize>().ok()),
    ) else {
        eprintln!("usage: generate_db DB INCIDENTS [SEED]");
        return ExitCode::from(2);
    };
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2026);
    if db.exists() {
        eprintln!("{} exists; give a new file", db.display());
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let n_mentions = (n_incidents as f64 * REPORTS_PER_INCIDENT) as usize;
    let (documents, _) = generate_analyzed(n_mentions, seed);
    let mut store = match Store::open(&db) {
        Ok(store) => store,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    for (i, record) in documents.iter().enumerate() {
        if let Err(err) = store.put_document(&record.document, &record.analysis) {
            eprintln!("document {i}: {err}");
            return ExitCode::from(1);
        }
    }
    // The generated documents carry the syndication groups ingest would have stored.
    let slim: Vec<ResolveDocument> = documents.iter().map(ResolveDocument::from_analyzed).collect();
    let resolution = resolve(slim, &ResolveSettings::builtin());
    // The server's searches read the index beside the database; build it now, not at the
    // first search.
    let indexed = store.update_search_index();
    match indexed.and_then(|_| store.replace_resolution(&resolution)) {
        Ok(changes) => {
            eprintln!(
                "{}: {} documents, {} incidents in {:.1} s",
                db.display(),
                documents.len(),
                changes.new,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}
