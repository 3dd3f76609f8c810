//! One function per verb: each wires the stage crates together and prints what a user needs.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use corroborate_analyze::Resources;
use corroborate_ingest::{AddressPolicy, FetchOptions, IngestOptions, Input};
use corroborate_model::{Analysis, AnalyzedDocument, Document, Review, PIPELINE_VERSION};
use corroborate_resolve::ResolveSettings;
use corroborate_store::{ClaimFilter, PutOutcome, ResolutionChanges, SearchIndexState, Store};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{
    Args, ClaimsArgs, Command, EvalCommand, ExportFormat, GazetteerCommand, IngestArgs,
    MetadataArgs, ReviewArgs, TrainCommand,
};
use crate::eval;
use crate::render;
use crate::temporal;

/// Test-only: after this many committed documents, `ingest` announces it on stderr and waits to
/// be killed, so a durability test can SIGKILL it at a known point.
const PAUSE_AFTER_COMMITS_ENV: &str = "CORROBORATE_TEST_PAUSE_AFTER_COMMITS";

/// Runs the verb and returns the process exit status.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let data = args.data.as_deref();
    // Read by `load_resources`, so that every verb that analyses uses the same index.
    let _ = GAZETTEER.set(args.gazetteer.clone());
    match args.command {
        Command::Ingest(ingest) => cmd_ingest(&args.db, data, &ingest),
        Command::Extract { inputs, metadata, out } => {
            cmd_extract(data, &inputs, &metadata, out.as_deref())
        }
        Command::Resolve { from } => cmd_resolve(&args.db, data, from.as_deref()),
        Command::Reanalyze { all } => cmd_reanalyze(&args.db, data, all),
        Command::Incidents => cmd_incidents(&args.db),
        Command::Show { id } => cmd_show(&args.db, &id),
        Command::Claims(claims) => cmd_claims(&args.db, &claims),
        Command::Export { format, out } => cmd_export(&args.db, format, out.as_deref()),
        Command::Review(review) => cmd_review(&args.db, &review),
        Command::Log => cmd_log(&args.db),
        Command::Demo { corpus } => cmd_demo(&args.db, data, corpus),
        Command::Eval { bench } => cmd_eval(data, &bench),
        Command::Train { what } => cmd_train(data, &what),
        Command::Gazetteer { action } => cmd_gazetteer(args.gazetteer.as_deref(), &action),
        Command::Serve { addr, token, closed_reads, web } => {
            cmd_serve(&args.db, addr, token, !closed_reads, web)
        }
    }
}

/// The `--gazetteer` index path of this process, set once by [`run`].
static GAZETTEER: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// Builds an index, or loads one and prints what it holds.
fn cmd_gazetteer(default: Option<&Path>, action: &GazetteerCommand) -> Result<ExitCode> {
    match action {
        GazetteerCommand::Build { from, out } => {
            let started = std::time::Instant::now();
            let gazetteer = corroborate_gazetteer::Gazetteer::build(from)?;
            gazetteer.write(out)?;
            let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "wrote {} ({:.1} MiB) in {:.1} s; use it with --gazetteer {} or CORROBORATE_GAZETTEER",
                out.display(),
                size as f64 / (1024.0 * 1024.0),
                started.elapsed().as_secs_f64(),
                out.display()
            );
        }
        GazetteerCommand::Info { path } => {
            let Some(path) = path.as_deref().or(default) else {
                bail!("name an index file: corroborate gazetteer info PATH (or pass --gazetteer)");
            };
            let started = std::time::Instant::now();
            let gazetteer = corroborate_gazetteer::Gazetteer::read(path)?;
            let loaded = started.elapsed().as_secs_f64();
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            let info = gazetteer.info();
            let mib = size as f64 / (1024.0 * 1024.0);
            let mut out = std::io::stdout().lock();
            writeln!(out, "index      {} ({mib:.1} MiB), loaded in {loaded:.3} s", path.display())?;
            writeln!(out, "places     {} ({} distinct names)", info.places, info.names)?;
            writeln!(
                out,
                "ports      {} with a UN/LOCODE ({} from the port list alone)",
                info.ports.0, info.ports.1
            )?;
            writeln!(out, "land       {} areas, {} points", info.land.0, info.land.1)?;
            writeln!(out, "countries  {} areas, {} points", info.countries.0, info.countries.1)?;
            writeln!(out, "maritime   {} areas, {} points", info.maritime.0, info.maritime.1)?;
            for source in &info.sources {
                writeln!(
                    out,
                    "source     {}@{} ({})",
                    source.package, source.version, source.licence
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open_store(db: &Path) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

/// Opens a database that must already exist, so that a mistyped `--db` does not silently create
/// an empty one.
fn open_existing_store(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!(
            "no database at {}; ingest reports first (corroborate ingest PATH…) or pass --db",
            db.display()
        );
    }
    open_store(db)
}

/// Loads the built-in data files, with the user's overrides from `data` when given, and the
/// `--gazetteer` index when one was named.
fn load_resources(data: Option<&Path>) -> Result<Resources> {
    let resources = load_data_files(data)?;
    let Some(path) = GAZETTEER.get().and_then(Option::as_deref) else {
        return Ok(resources);
    };
    let index = corroborate_gazetteer::Gazetteer::read(path)
        .with_context(|| format!("cannot load the gazetteer index {}", path.display()))?;
    Ok(resources.with_gazetteer(std::sync::Arc::new(index)))
}

/// Loads the built-in data files, with the user's overrides from `data` when given.
fn load_data_files(data: Option<&Path>) -> Result<Resources> {
    let Some(dir) = data else {
        return Resources::builtin().context("built-in data files are invalid");
    };
    Resources::with_overrides(crate::temporal::read_overrides(dir)?)
        .with_context(|| format!("invalid data file in {}", dir.display()))
}

/// The counting rules: `DIR/resolve/counting.toml` when `--data DIR` holds one, else the
/// built-in file.
fn resolve_settings(data: Option<&Path>) -> Result<ResolveSettings> {
    let Some(path) = data.map(|d| d.join(ResolveSettings::DATA_FILE)).filter(|p| p.exists()) else {
        return Ok(ResolveSettings::builtin());
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read data file {}", path.display()))?;
    ResolveSettings::from_toml(&text).with_context(|| format!("in {}", path.display()))
}

/// Runs analyze on one document. Analysis must never fail, but a panic on one hostile report
/// must not end a batch or lose the documents already stored: it becomes that document's
/// failure, with a message asking for a bug report.
pub(crate) fn analyze_guarded(doc: &Document, resources: &Resources) -> Result<Analysis, String> {
    crate::temporal::guarded(doc, || corroborate_analyze::analyze(doc, resources))
}

fn ingest_options(metadata: &MetadataArgs) -> IngestOptions {
    IngestOptions {
        published: metadata.published,
        publisher: metadata.publisher.clone(),
        max_bytes: metadata.max_bytes,
        fetch: FetchOptions {
            timeout: Duration::from_secs(metadata.timeout),
            policy: if metadata.allow_private {
                AddressPolicy::AllowAll
            } else if metadata.allow_address.is_empty() {
                AddressPolicy::PublicOnly
            } else {
                AddressPolicy::PublicAnd(metadata.allow_address.clone())
            },
            ..FetchOptions::default()
        },
        follow_links: metadata.follow_links,
    }
}

/// The inputs named on the command line followed by the URLs of `--urls FILE`.
fn all_inputs(inputs: &[String], metadata: &MetadataArgs) -> Result<Vec<String>> {
    let mut all = inputs.to_vec();
    if let Some(path) = &metadata.urls {
        let list = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the URL list {}", path.display()))?;
        all.extend(
            list.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_string),
        );
    }
    Ok(all)
}

/// A progress bar on stderr for `len` steps (hidden when stderr is not a terminal).
pub(crate) fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// A batch run's progress as a bar on stderr, with failures printed above it.
impl temporal::Progress for ProgressBar {
    const COUNTS_LINES: bool = true;

    fn inc(&self) {
        ProgressBar::inc(self, 1);
    }

    fn note(&self, message: &str) {
        self.suspend(|| eprintln!("{message}"));
    }

    fn finish(&self) {
        self.finish_and_clear();
    }
}

/// What one ingest run did.
#[derive(Debug, Default)]
struct IngestSummary {
    new: usize,
    updated: usize,
    unchanged: usize,
    failed: usize,
    incidents: Option<ResolutionChanges>,
}

impl IngestSummary {
    fn exit_code(&self) -> ExitCode {
        let stored = self.new + self.updated + self.unchanged;
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else if stored > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::from(2)
        }
    }

    fn print(&self) {
        let incidents = match &self.incidents {
            Some(c) => format!(
                "incidents: {} new, {} updated, {} unchanged, {} removed",
                c.new, c.updated, c.unchanged, c.removed
            ),
            None => "incidents: unchanged".to_string(),
        };
        eprintln!(
            "documents: {} new, {} updated, {} unchanged, {} failed; {incidents}",
            self.new, self.updated, self.unchanged, self.failed
        );
        if self.failed > 0 {
            eprintln!("failed inputs are listed by `corroborate log`");
        }
    }
}

fn cmd_ingest(db: &Path, data: Option<&Path>, args: &IngestArgs) -> Result<ExitCode> {
    let inputs = all_inputs(&args.inputs, &args.metadata)?;
    let resources = load_resources(data)?;
    let mut store = open_store(db)?;
    let settings = resolve_settings(data)?;
    let summary =
        ingest_into(&mut store, resources, &settings, &inputs, &ingest_options(&args.metadata))?;
    summary.print();
    Ok(summary.exit_code())
}

/// Brings the search index beside the database up to date after a batch of writes, saying so
/// when that is long work. A failure is a warning: the documents are stored, and the next
/// search catches the index up.
fn update_search_index(store: &Store) {
    let result = store.search_index_state().and_then(|state| {
        match state {
            SearchIndexState::Missing { documents, claims } if documents + claims > 0 => {
                eprintln!("building the search index: {documents} documents, {claims} claims")
            }
            SearchIndexState::Behind(changes) if changes >= 10_000 => {
                eprintln!("updating the search index: {changes} changes")
            }
            _ => {}
        }
        store.update_search_index()
    });
    match result {
        Ok(update) if !update.done => {
            eprintln!("note: another corroborate is updating the search index; it takes up these changes too")
        }
        Ok(_) => {}
        Err(err) => eprintln!("warning: {err}; searches will catch the index up"),
    }
}

/// Reads, analyses and stores every input, one transaction per document, then resolves.
/// Takes the analysis resources by value to free them before resolving: their compiled
/// lexicons and the automata built while analysing are tens of megabytes that resolve can
/// reuse (decision 0026).
fn ingest_into(
    store: &mut Store,
    resources: Resources,
    settings: &ResolveSettings,
    args: &[String],
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let pause_after: Option<usize> =
        std::env::var(PAUSE_AFTER_COMMITS_ENV).ok().and_then(|v| v.parse().ok());
    let mut summary = IngestSummary::default();
    let near_duplicate_threshold = ResolveSettings::default().near_duplicate_threshold;
    let (inputs, errors) = corroborate_ingest::collect_inputs(args);
    for err in errors {
        eprintln!("{err}");
        store.record_failure("(arguments)", &err.to_string())?;
        summary.failed += 1;
    }
    let bar = progress_bar(inputs.len());
    let mut n_committed = 0usize;
    for input in &inputs {
        bar.set_message(input.to_string());
        for result in corroborate_ingest::read_input(input, options) {
            match result {
                Ok(doc) => {
                    let analysis = match analyze_guarded(&doc, &resources) {
                        Ok(analysis) => analysis,
                        Err(message) => {
                            bar.suspend(|| eprintln!("{message}"));
                            store.record_failure(&doc.origin, &message)?;
                            summary.failed += 1;
                            continue;
                        }
                    };
                    let outcome = store.put_document(&doc, &analysis);
                    if matches!(outcome, Ok(PutOutcome::New | PutOutcome::Updated)) {
                        // Syndicated copies join their original's group as they arrive.
                        store.join_syndication_group(&doc.id, near_duplicate_threshold)?;
                    }
                    match outcome {
                        Ok(PutOutcome::New) => summary.new += 1,
                        Ok(PutOutcome::Updated) => summary.updated += 1,
                        Ok(PutOutcome::Unchanged) => summary.unchanged += 1,
                        Err(err) => {
                            let message = format!("{}: cannot store: {err}", doc.origin);
                            bar.suspend(|| eprintln!("{message}"));
                            summary.failed += 1;
                            continue;
                        }
                    }
                    n_committed += 1;
                    if pause_after == Some(n_committed) {
                        pause_for_kill(n_committed);
                    }
                }
                Err(err) => {
                    let message = err.to_string();
                    bar.suspend(|| eprintln!("{message}"));
                    store.record_failure(&input_origin(input), &message)?;
                    summary.failed += 1;
                }
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    drop(resources);
    update_search_index(store);
    if summary.new + summary.updated > 0 {
        summary.incidents = Some(resolve_store(store, settings)?);
    }
    Ok(summary)
}

fn input_origin(input: &Input) -> String {
    input.to_string()
}

/// Test-only pause point (see [`PAUSE_AFTER_COMMITS_ENV`]).
fn pause_for_kill(n_committed: usize) -> ! {
    eprintln!("paused after {n_committed} committed documents");
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// Recomputes incidents from every stored analysis and stores them. Resolve reads the slim
/// form of each document with the syndication group the store found at ingest; documents
/// stored without a signature join their groups first. The reports stream through clustering
/// one at a time, each incident's reports are read again just before it is built, and each
/// incident goes to a temporary file as soon as it is built, so that memory never holds every
/// report's claims and mentions nor the whole resolution; one write transaction then stores
/// the file's incidents (decision 0026).
fn resolve_store(store: &mut Store, settings: &ResolveSettings) -> Result<ResolutionChanges> {
    store.join_unsigned_documents(settings.near_duplicate_threshold)?;
    let previous = store.incident_members()?;
    // Each incident, once built, goes to a temporary file rather than staying in memory, and
    // the file reaches the store in one write transaction at the end: resolving itself holds
    // no write lock, so reviews posted to a running `serve` meanwhile are not kept waiting.
    let spill = tempfile::tempfile().context(
        "cannot create a temporary file for the incidents being resolved: \
             set TMPDIR to a writable directory with free space",
    )?;
    let mut out = BufWriter::new(spill);
    let mut lineage = corroborate_resolve::Lineage::new(&previous);
    let rest = store.read_snapshot(|store| -> Result<_> {
        let mut resolver = corroborate_resolve::Resolver::new(settings);
        store.for_each_resolve_document(|document| resolver.add(document))?;
        resolver.finish_each(
            |document| Ok::<_, anyhow::Error>(store.resolve_claims_and_mentions(document)?),
            |incident| {
                lineage.add(&incident);
                serde_json::to_writer(&mut out, &incident)?;
                out.write_all(b"\n")?;
                Ok(())
            },
        )
    })?;
    let mut spill = out.into_inner().map_err(|err| err.into_error())?;
    spill.seek(SeekFrom::Start(0))?;
    // Ids carried over from the stored resolution reach the incidents once written.
    let corroborate_resolve::Carried { renames, changes } = lineage.finish();
    store.write_resolution(|writer| -> Result<_> {
        // Each line is stored as it was written, in one buffer reused from line to line: an
        // incident decoded and encoded again would hold its text twice more, for the largest
        // incident of an archive several megabytes at once (decision 0026).
        let mut spill = BufReader::new(&mut spill);
        let mut line = String::new();
        loop {
            line.clear();
            let n = spill
                .read_line(&mut line)
                .context("cannot read back the temporary file of incidents (is TMPDIR full?)")?;
            if n == 0 {
                break;
            }
            writer.write_incident_json(line.trim_end_matches('\n'))?;
        }
        for rename in &renames {
            writer.rename_incident(&rename.from, &rename.to)?;
        }
        for change in &changes {
            eprintln!("incident {} {}: {}", change.incident, change.kind, change.reason);
        }
        Ok((rest, changes))
    })
}

fn cmd_extract(
    data: Option<&Path>,
    args: &[String],
    metadata: &MetadataArgs,
    out: Option<&Path>,
) -> Result<ExitCode> {
    let resources = load_resources(data)?;
    let options = ingest_options(metadata);
    let args = all_inputs(args, metadata)?;
    let mut writer = output(out)?;
    let (inputs, errors) = corroborate_ingest::collect_inputs(&args);
    let mut n_failed = errors.len();
    let mut n_written = 0usize;
    for err in errors {
        eprintln!("{err}");
    }
    let bar = progress_bar(inputs.len());
    for input in &inputs {
        for result in corroborate_ingest::read_input(input, &options) {
            match result {
                Ok(document) => {
                    let analysis = match analyze_guarded(&document, &resources) {
                        Ok(analysis) => analysis,
                        Err(message) => {
                            bar.suspend(|| eprintln!("{message}"));
                            n_failed += 1;
                            continue;
                        }
                    };
                    let line = serde_json::to_string(&AnalyzedDocument { document, analysis })?;
                    writeln!(writer, "{line}")?;
                    n_written += 1;
                }
                Err(err) => {
                    let message = err.to_string();
                    bar.suspend(|| eprintln!("{message}"));
                    n_failed += 1;
                }
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    writer.flush()?;
    eprintln!("documents: {n_written} extracted, {n_failed} failed");
    Ok(match (n_failed, n_written) {
        (0, _) => ExitCode::SUCCESS,
        (_, 0) => ExitCode::from(2),
        _ => ExitCode::from(1),
    })
}

fn output(out: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match out {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

fn cmd_resolve(db: &Path, data: Option<&Path>, from: Option<&Path>) -> Result<ExitCode> {
    let settings = resolve_settings(data)?;
    let mut store = open_store(db)?;
    if let Some(path) = from {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        for (line_idx, line) in BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: AnalyzedDocument = serde_json::from_str(&line).with_context(|| {
                format!(
                    "{}:{}: not a line of `corroborate extract` output",
                    path.display(),
                    line_idx + 1
                )
            })?;
            store.put_document(&record.document, &record.analysis)?;
        }
        update_search_index(&store);
    }
    let changes = resolve_store(&mut store, &settings)?;
    eprintln!(
        "incidents: {} new, {} updated, {} unchanged, {} removed",
        changes.new, changes.updated, changes.unchanged, changes.removed
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_reanalyze(db: &Path, data: Option<&Path>, all: bool) -> Result<ExitCode> {
    let resources = load_resources(data)?;
    let settings = resolve_settings(data)?;
    let mut store = open_existing_store(db)?;
    let documents = store.analyzed_documents()?;
    let stale = if all { None } else { Some(store.documents_analyzed_before(PIPELINE_VERSION)?) };
    let bar = progress_bar(documents.len());
    let mut n_reanalyzed = 0usize;
    for record in &documents {
        bar.inc(1);
        if let Some(stale) = &stale {
            if !stale.contains(&record.document.id) {
                continue;
            }
        }
        let analysis = match analyze_guarded(&record.document, &resources) {
            Ok(analysis) => analysis,
            Err(message) => {
                bar.suspend(|| eprintln!("{message}; the stored analysis is kept"));
                continue;
            }
        };
        store.put_analysis(&record.document.id, &analysis)?;
        n_reanalyzed += 1;
    }
    bar.finish_and_clear();
    update_search_index(&store);
    let changes = resolve_store(&mut store, &settings)?;
    eprintln!(
        "documents: {n_reanalyzed} reanalysed of {}; incidents: {} new, {} updated, {} unchanged, {} removed",
        documents.len(),
        changes.new,
        changes.updated,
        changes.unchanged,
        changes.removed
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_incidents(db: &Path) -> Result<ExitCode> {
    let store = open_existing_store(db)?;
    let resolution = store.resolution()?;
    let documents = store.analyzed_documents()?;
    print!("{}", render::incident_table(&resolution, &documents));
    Ok(ExitCode::SUCCESS)
}

fn cmd_show(db: &Path, id: &str) -> Result<ExitCode> {
    let store = open_existing_store(db)?;
    let Some(incident) = store.incident(id)? else {
        // An incident merged or split away since: say where its reports went.
        let changes = store.incident_changes(Some(id))?;
        if changes.iter().any(|c| c.change.incident.as_str() == id) {
            print!("Incident {id} no longer exists\n{}", render::incident_changes(&changes));
            return Ok(ExitCode::SUCCESS);
        }
        bail!("no incident {id:?}; `corroborate incidents` lists them");
    };
    let documents = store.analyzed_documents()?;
    let resolution = store.resolution()?;
    let record = corroborate_export::build_record(&documents, &resolution);
    let reviews = store.reviews(Some(incident.id.as_str()))?;
    let changes = store.incident_changes(Some(incident.id.as_str()))?;
    print!("{}", render::incident_page(&incident, &record, &reviews));
    if !changes.is_empty() {
        print!("\nMerges and splits\n{}", render::incident_changes(&changes));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_claims(db: &Path, args: &ClaimsArgs) -> Result<ExitCode> {
    let store = open_existing_store(db)?;
    let filter = ClaimFilter {
        source: args.source.clone(),
        source_kind: args.kind,
        stance: args.stance,
        document: args.document.clone(),
        include_narration: args.narration,
    };
    let claims = store.claims(&filter)?;
    let documents = store.analyzed_documents()?;
    print!("{}", render::claim_list(&claims, &documents));
    eprintln!("{} claims", claims.len());
    Ok(ExitCode::SUCCESS)
}

fn cmd_export(db: &Path, format: ExportFormat, out: Option<&Path>) -> Result<ExitCode> {
    let store = open_existing_store(db)?;
    let documents = store.analyzed_documents()?;
    let resolution = store.resolution()?;
    let record = corroborate_export::build_record(&documents, &resolution);
    let mut writer = output(out)?;
    match format {
        ExportFormat::Json => corroborate_export::write_json(&record, &mut writer)?,
        ExportFormat::Csv => corroborate_export::write_csv(&record, &mut writer)?,
        ExportFormat::Geojson => corroborate_export::write_geojson(&record, &mut writer)?,
    }
    writer.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn cmd_review(db: &Path, args: &ReviewArgs) -> Result<ExitCode> {
    let mut store = open_existing_store(db)?;
    // An incident prefix is expanded to the full id so reviews stay attached to it.
    let target = match store.incident(&args.target)? {
        Some(incident) => incident.id.to_string(),
        None => args.target.clone(),
    };
    let Some(action) = args.action else {
        print!("{}", render::review_list(&store.reviews(Some(&target))?));
        return Ok(ExitCode::SUCCESS);
    };
    let review = Review {
        id: 0,
        target: target.clone(),
        action,
        other: args.other.clone(),
        reviewer: args.reviewer.clone(),
        at: chrono::Utc::now(),
        note: args.note.clone(),
    };
    let id = store.add_review(&review)?;
    eprintln!("review {id} recorded: {action} {target}");
    Ok(ExitCode::SUCCESS)
}

fn cmd_log(db: &Path) -> Result<ExitCode> {
    let store = open_existing_store(db)?;
    let failures = store.failures()?;
    for failure in &failures {
        println!("{}  {}", failure.at.format("%Y-%m-%d %H:%M:%S"), failure.message);
    }
    eprintln!("{} failed inputs", failures.len());
    Ok(ExitCode::SUCCESS)
}

/// The web UI's directory: `--web`, else `web` under the working directory, else the one in
/// the source tree this binary was built from; `None` when none has an index.html.
fn web_dir(given: Option<PathBuf>) -> Option<PathBuf> {
    if given.is_some() {
        return given;
    }
    let here = PathBuf::from("web");
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    [here, built_from].into_iter().find(|dir| dir.join("index.html").is_file())
}

/// The demo corpus: `--corpus`, else `corpus/demo` under the working directory, else the one
/// in the source tree this binary was built from.
fn demo_corpus(corpus: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = corpus {
        return Ok(dir);
    }
    let here = PathBuf::from("corpus/demo");
    if here.is_dir() {
        return Ok(here);
    }
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo");
    if built_from.is_dir() {
        return Ok(built_from);
    }
    bail!("cannot find the demo corpus; run from the repository root or pass --corpus DIR")
}

fn cmd_demo(db: &Path, data: Option<&Path>, corpus: Option<PathBuf>) -> Result<ExitCode> {
    let corpus = demo_corpus(corpus)?;
    let resources = load_resources(data)?;
    let mut store = open_store(db)?;
    eprintln!("ingesting the demo corpus {} into {}", corpus.display(), db.display());
    let args = [corpus.to_string_lossy().into_owned()];
    let settings = resolve_settings(data)?;
    let summary = ingest_into(&mut store, resources, &settings, &args, &IngestOptions::default())?;
    summary.print();
    let resolution = store.resolution()?;
    let documents = store.analyzed_documents()?;
    print!("{}", render::incident_table(&resolution, &documents));
    eprintln!("next: corroborate --db {} show <ID>", db.display());
    Ok(summary.exit_code())
}

/// Writes benchmark predictions (see [`eval`]) and says how many, and how fast.
fn cmd_eval(data: Option<&Path>, bench: &EvalCommand) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let (counts, out) = match bench {
        EvalCommand::Extraction { dir, out } => {
            let mut writer = output(out.as_deref())?;
            (eval::run_extraction(dir, &mut writer)?, finish_output(writer, out.as_deref())?)
        }
        EvalCommand::Attribution { docs, out } => {
            let resources = load_resources(data)?;
            let mut writer = output(out.as_deref())?;
            let counts = temporal::run_jsonl(docs, &mut writer, progress_bar, |doc| {
                eval::predict_attribution(doc, &resources)
            })?;
            // The process ends after this; see the temporal case.
            std::mem::forget(resources);
            (counts, finish_output(writer, out.as_deref())?)
        }
        EvalCommand::Temporal { docs, out } => {
            // Time expressions need two data files, not all of analyze's (nor the gazetteer).
            let resources = crate::temporal::load_time_resources(data)?;
            let mut writer = output(out.as_deref())?;
            let counts = temporal::run_jsonl(docs, &mut writer, progress_bar, |doc| {
                temporal::predict_temporal(doc, &resources)
            })?;
            // The process ends after this: freeing every pattern's syntax tree and automata one
            // by one was 9% of the instructions of a one-document run, for memory the exit
            // gives back anyway.
            std::mem::forget(resources);
            (counts, finish_output(writer, out.as_deref())?)
        }
    };
    Ok(counts.report(out.as_deref(), started))
}

/// Trains a learned part of analysis and writes its data file.
fn cmd_train(data: Option<&Path>, what: &TrainCommand) -> Result<ExitCode> {
    match what {
        TrainCommand::Attribution { docs, out, epochs, min_count } => {
            let resources = load_data_files(data)?;
            let started = std::time::Instant::now();
            let training = eval::read_cue_training(docs)?;
            let cues: usize = training.iter().map(|(_, spans)| spans.len()).sum();
            let model =
                corroborate_analyze::train_cue_model(&training, &resources, *epochs, *min_count);
            std::fs::write(out, &model)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "trained on {} documents ({cues} gold cues) in {:.1} s; wrote {} ({} bytes)",
                training.len(),
                started.elapsed().as_secs_f64(),
                out.display(),
                model.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Flushes a prediction file, so that a full disk is an error rather than a short file.
fn finish_output(mut writer: Box<dyn Write>, out: Option<&Path>) -> Result<Option<PathBuf>> {
    writer.flush().with_context(|| match out {
        Some(path) => format!("cannot write {}", path.display()),
        None => "cannot write to stdout".to_string(),
    })?;
    Ok(out.map(Path::to_path_buf))
}

fn cmd_serve(
    db: &Path,
    addr: String,
    token: Option<String>,
    open_reads: bool,
    web: Option<PathBuf>,
) -> Result<ExitCode> {
    // Opened here first: a missing database fails with advice before anything starts, and the
    // search index is brought up to date (built, after an upgrade) before the first request.
    let store = open_existing_store(db)?;
    update_search_index(&store);
    drop(store);
    let web = web_dir(web);
    match &web {
        Some(dir) if !dir.join("node_modules").is_dir() => {
            eprintln!("note: {} has no node_modules; the map needs `npm ci` there", dir.display())
        }
        Some(_) => {}
        None => eprintln!("note: no web/ directory found, serving the API only (see --web)"),
    }
    // Every read runs on the blocking pool with its own SQLite connection: a few per core keep
    // the cores busy without hundreds of connections competing for them.
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads((4 * cores).max(8))
        .build()
        .context("cannot start the async runtime")?;
    let options =
        corroborate_server::ServeOptions { db: db.to_path_buf(), addr, token, open_reads, web };
    runtime.block_on(corroborate_server::serve(options))?;
    Ok(ExitCode::SUCCESS)
}
