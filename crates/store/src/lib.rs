//! SQLite storage of documents, analyses, incidents and reviews: the only crate that writes SQL.
//!
//! A [`Store`] wraps one SQLite connection. What it keeps:
//!
//! - **documents** with their **analysis** (sentences, claims, event mentions, diagnostics and
//!   the pipeline version that produced them), in ingest order;
//! - the latest **resolution** (incidents, context mentions, syndication groups), replaced as a
//!   whole by each `resolve`;
//! - analysts' **reviews**, which are never deleted and have no foreign keys, so they survive
//!   reanalysis and re-resolution;
//! - **ingest failures**, for `corroborate log`.
//!
//! Model values are stored as their serde JSON, beside the few columns that queries filter on
//! (stance, source kind, event type, dates…), so adding a field to the model needs no migration.
//!
//! **Guarantees.** Every write is one transaction: it lands whole or not at all. Re-storing a
//! document that is already stored unchanged writes nothing. The schema is versioned; opening
//! an older database upgrades it, and a newer one is refused with a clear error.
//!
//! ```
//! use corroborate_model::{Analysis, DateProvenance, Document, DocumentId};
//! use corroborate_store::{PutOutcome, Store};
//!
//! let mut store = Store::open_in_memory()?;
//! let text = "Caracas rejected the claim.";
//! let doc = Document {
//!     id: DocumentId::from_raw(text.as_bytes()),
//!     origin: "-".into(),
//!     url: None,
//!     title: None,
//!     publisher: None,
//!     author: None,
//!     published: None,
//!     published_from: DateProvenance::None,
//!     language: Some("en".into()),
//!     text: text.into(),
//!     paragraphs: vec![],
//!     syndication_group: None,
//! };
//! let analysis = Analysis::default();
//! assert_eq!(store.put_document(&doc, &analysis)?, PutOutcome::New);
//! // Storing the same report again changes nothing.
//! assert_eq!(store.put_document(&doc, &analysis)?, PutOutcome::Unchanged);
//! assert_eq!(store.document(&doc.id.as_str()[..6])?, Some(doc));
//! # Ok::<(), corroborate_store::StoreError>(())
//! ```
#![deny(missing_docs)]
// Tests unwrap freely: a panic there is a failed test, with the value in the message.
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod browse;
mod claims;
mod codec;
mod documents;
mod error;
mod excerpt;
mod journal;
mod migrate;
mod resolution;
mod search;
mod syndication;
#[cfg(test)]
mod testutil;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use corroborate_model::{IncidentChange, SourceKind, Stance};
use rusqlite::Connection;

pub use browse::{
    FacetCount, HitKind, IncidentFilter, IncidentJsonPage, IncidentPage, IncidentView, SearchHit,
    SearchPage,
};
pub use error::StoreError;
pub use resolution::ResolutionWriter;
pub use search::{SearchIndexState, SearchIndexUpdate};

/// How long a writer waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How much of the database file a reader opened by [`Store::open_mapped`] maps into memory
/// (SQLite's `mmap_size`): reads of mapped pages skip the copy through read(2). Address space
/// only; the kernel shares the pages between connections and processes.
const MMAP_BYTES: i64 = 1 << 30;

/// Prepared statements each connection keeps. Listing incidents alone builds one statement
/// per combination of filters (count, first position, page); with rusqlite's default of 16 the
/// server's mix of requests evicted and re-planned statements on most requests.
const CACHED_STATEMENTS: usize = 64;

/// Each connection's page cache in KiB (SQLite's `cache_size`, given negative as KiB).
const CACHE_KIB: i64 = 32 * 1024;

/// A corroborate database: one SQLite connection, schema at the latest version.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// Totals of filtered lists and searches already counted on this connection.
    totals: std::cell::RefCell<browse::TotalsCache>,
    /// Where the full-text index lives: `DB.search` beside a file, `None` for a database in
    /// memory (whose index is in memory too).
    search_dir: Option<PathBuf>,
    /// The full-text index, opened at the first search or catch-up.
    search: std::cell::OnceCell<search::SearchIndex>,
    /// The named point of a write at which a test wants the write to fail.
    #[cfg(test)]
    failpoint: Option<&'static str>,
}

/// What [`Store::put_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// The document was not stored before.
    New,
    /// The document was stored with other metadata or text; its row and analysis were replaced.
    Updated,
    /// The document was stored exactly so; nothing was written.
    Unchanged,
}

/// Which claims [`Store::claims`] returns. The default returns every attributed claim and no
/// narration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Case-insensitive substring of the name or the words as written of the claim's source or
    /// of one of its conjoined sources.
    pub source: Option<String>,
    /// Only sources of this kind.
    pub source_kind: Option<SourceKind>,
    /// Only claims with this stance.
    pub stance: Option<Stance>,
    /// Only claims of this document: its id or a unique prefix of it.
    pub document: Option<String>,
    /// Also return the outlet's own unattributed narration.
    pub include_narration: bool,
}

/// An input that could not be ingested, kept for `corroborate log`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestFailure {
    /// Where the input came from (path, `-`, URL).
    pub origin: String,
    /// What went wrong.
    pub message: String,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// An automatic merge or split as stored, with when the resolve run that made it stored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedIncidentChange {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The change.
    pub change: IncidentChange,
}

/// How [`Store::replace_resolution`] changed the stored incidents, by incident id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolutionChanges {
    /// Incidents that were not stored before.
    pub new: usize,
    /// Incidents whose record changed.
    pub updated: usize,
    /// Incidents stored exactly so before.
    pub unchanged: usize,
    /// Incidents stored before and absent now.
    pub removed: usize,
}

impl Store {
    /// Opens the database at `path`, creating it when missing, and upgrades its schema.
    ///
    /// The connection uses write-ahead logging (readers do not block the writer, and a crash
    /// loses nothing already committed), enforces foreign keys, and waits up to five seconds
    /// for another process's write lock.
    ///
    /// Pages are read through SQLite's page cache of at most 32 MiB, so the memory of a batch
    /// command (an ingest of a whole archive, a resolve) does not grow with the database file;
    /// a long-lived reader that serves many requests wants [`Store::open_mapped`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_map(path, 0)
    }

    /// Opens the database as [`Store::open`] does, and maps up to 1 GiB of the file into memory
    /// for reading: a list page or a count walks thousands of index pages, and the server holds
    /// one connection per worker thread, whose mapped pages the kernel shares. Mapped pages that
    /// were read count in the process's resident memory (the kernel drops them at will), which
    /// is why batch commands do not map.
    pub fn open_mapped(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_map(path, MMAP_BYTES)
    }

    fn open_with_map(path: &Path, map_bytes: i64) -> Result<Store, StoreError> {
        let conn = Connection::open(path)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        // The journal mode is persistent in the file, and the pragma answers with the mode in
        // force, which stays "memory" or "delete" on file systems without shared memory.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        // With WAL, NORMAL syncs at checkpoints only; a power loss may drop the last commits
        // but never corrupts the file.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "mmap_size", map_bytes)?;
        // A larger page cache than SQLite's 2 MiB default: a list page or a count walks
        // thousands of index pages.
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        let mut store = Store::prepare(conn)?;
        store.search_dir = Some(search::index_dir(path));
        Ok(store)
    }

    /// An empty database in memory, gone when the store is dropped; for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::prepare(Connection::open_in_memory()?)
    }

    /// Connection settings shared by file and memory databases, then the migrations.
    fn prepare(conn: Connection) -> Result<Store, StoreError> {
        let mut store = Store::unmigrated(conn)?;
        migrate::migrate_to(&mut store.conn, migrate::latest_version())?;
        Ok(store)
    }

    /// The connection with its settings, schema untouched.
    fn unmigrated(conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(CACHED_STATEMENTS);
        Ok(Store {
            conn,
            totals: std::cell::RefCell::default(),
            search_dir: None,
            search: std::cell::OnceCell::new(),
            #[cfg(test)]
            failpoint: None,
        })
    }

    /// Runs `read` inside one read transaction, so that every query it makes sees the database
    /// as it was at the first one, whatever other connections commit meanwhile: resolve reads
    /// the reports once to cluster them and their mentions again to build incidents, and both
    /// reads must agree (decision 0026). Nothing is written; the transaction only ends.
    pub fn read_snapshot<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.conn.unchecked_transaction().map_err(StoreError::from)?;
        let out = read(self)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// The schema version of the database (the number of migrations applied).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrate::current_version(&self.conn)
    }

    /// The full-text index, opened on first use.
    fn search_index(&self) -> Result<&search::SearchIndex, StoreError> {
        if let Some(index) = self.search.get() {
            return Ok(index);
        }
        let index = match &self.search_dir {
            Some(dir) => search::SearchIndex::open(dir)?,
            None => search::SearchIndex::in_memory()?,
        };
        Ok(self.search.get_or_init(|| index))
    }

    /// How far the full-text index beside the database (`DB.search/`) is behind it. Searches
    /// catch it up as they need, but a large catch-up (the first search after an upgrade to
    /// schema 16 builds the whole index) is better done up front with
    /// [`Store::update_search_index`], with a word to the user.
    pub fn search_index_state(&self) -> Result<SearchIndexState, StoreError> {
        self.search_index()?.state(&self.conn)
    }

    /// Brings the full-text index up to date with the database (building it from the tables
    /// when it is missing), then forgets the changes it applied. Writers call it at the end of
    /// a batch (ingest, reanalyze); until then searches see the index as it was, or catch it up
    /// themselves. When another process is updating the index, this returns at once and says
    /// so ([`SearchIndexUpdate::done`] is false).
    pub fn update_search_index(&self) -> Result<SearchIndexUpdate, StoreError> {
        let index = self.search_index()?;
        // The pages a batch left in this connection's cache (up to 32 MiB) go back to the
        // allocator, where the index writer reuses them instead of adding to the peak.
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        let update = index.catch_up(&self.conn)?;
        if update.done {
            index.forget_applied(&self.conn)?;
        }
        Ok(update)
    }

    /// Fails when a test armed the failpoint `name`; does nothing in other builds. Called at
    /// the points of a write where a crash would be worst, so that tests can check the
    /// transaction leaves nothing half-written.
    #[cfg(test)]
    fn failpoint(armed: Option<&'static str>, name: &'static str) -> Result<(), StoreError> {
        match armed {
            Some(armed) if armed == name => Err(StoreError::Failpoint(name)),
            _ => Ok(()),
        }
    }

    #[cfg(not(test))]
    #[inline(always)]
    fn failpoint(_armed: Option<&'static str>, _name: &'static str) -> Result<(), StoreError> {
        Ok(())
    }

    /// The armed failpoint, if any (always none outside tests).
    fn armed_failpoint(&self) -> Option<&'static str> {
        #[cfg(test)]
        return self.failpoint;
        #[cfg(not(test))]
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::PIPELINE_VERSION;

    /// `.cargo/config.toml` builds the bundled SQLite without a shared page cache, per-value
    /// statistics or memory accounting (decision 0033); a build that loses those options would
    /// serve lists at about half the rate again, so the options are checked here.
    #[test]
    fn the_bundled_sqlite_is_built_with_our_options() {
        let store = Store::open_in_memory().unwrap();
        let options: Vec<String> = store
            .conn
            .prepare("PRAGMA compile_options")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Migrations 4 and 12 create FTS5 tables that migration 16 drops.
        assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
        assert!(options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"), "{options:?}");
        for unwanted in ["ENABLE_MEMORY_MANAGEMENT", "ENABLE_STAT4"] {
            assert!(!options.iter().any(|o| o == unwanted), "{unwanted} in {options:?}");
        }
    }

    #[test]
    fn only_a_mapped_store_maps_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.db");
        let mapped_bytes = |store: &Store| -> i64 {
            store.conn.query_row("PRAGMA mmap_size", [], |row| row.get(0)).unwrap()
        };
        let batch = Store::open(&path).unwrap();
        assert_eq!(mapped_bytes(&batch), 0);
        let reader = Store::open_mapped(&path).unwrap();
        assert_eq!(mapped_bytes(&reader), MMAP_BYTES);
    }
    #[test]
    fn a_file_database_uses_wal_and_passes_the_integrity_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corroborate.db");
        let store = Store::open(&path).unwrap();
        let mode: String =
            store.conn.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
        assert_eq!(mode.to_lowercase(), "wal");
        let foreign_keys: bool =
            store.conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0)).unwrap();
        assert!(foreign_keys);
        let check: String =
            store.conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(check, "ok");
        assert_eq!(store.schema_version().unwrap(), migrate::latest_version());
    }

    #[test]
    fn a_version_1_database_upgrades_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let (doc, analysis) = testutil::seed_like("A drone strike hit a dock.");
        {
            // What a corroborate that knew only the first migration wrote, in that version's
            // own SQL: today's writer would use columns that version 1 lacks.
            let mut v1 = Store::unmigrated(Connection::open(&path).unwrap()).unwrap();
            migrate::migrate_to(&mut v1.conn, 1).unwrap();
            assert_eq!(v1.schema_version().unwrap(), 1);
            v1.conn
                .execute(
                    "INSERT INTO documents (id, origin, url, title, publisher, author, published, \
                     published_from, language, text, paragraphs, syndication_group, ingested_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    rusqlite::params![
                        doc.id.as_str(),
                        doc.origin,
                        doc.url,
                        doc.title,
                        doc.publisher,
                        doc.author,
                        codec::date_to_text(doc.published),
                        doc.published_from.as_str(),
                        doc.language,
                        doc.text,
                        codec::to_json(&doc.paragraphs, "paragraphs").unwrap(),
                        doc.syndication_group,
                        "2025-12-30T00:00:00Z",
                    ],
                )
                .unwrap();
            v1.conn
                .execute(
                    "INSERT INTO analyses (document, pipeline_version, sentences, diagnostics, \
                     analyzed_at) VALUES (?1, 1, ?2, ?3, '2025-12-30T00:00:00Z')",
                    rusqlite::params![
                        doc.id.as_str(),
                        codec::to_json(&analysis.sentences, "sentences").unwrap(),
                        codec::to_json(&analysis.diagnostics, "diagnostics").unwrap(),
                    ],
                )
                .unwrap();
        }

        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrate::latest_version());
        let analyzed = store.analyzed_documents().unwrap();
        assert_eq!(analyzed.len(), 1);
        assert_eq!(analyzed[0].document, doc);
        assert_eq!(analyzed[0].analysis.sentences, analysis.sentences);
        // Version 1 kept no document-wide time expressions: they read back empty until
        // `reanalyze`, which the old pipeline version asks for.
        assert!(analyzed[0].analysis.time_expressions.is_empty());
        assert_eq!(
            store.documents_analyzed_before(PIPELINE_VERSION).unwrap(),
            vec![doc.id.clone()]
        );
        assert_eq!(store.put_document(&doc, &analysis).unwrap(), PutOutcome::Unchanged);
        store.put_analysis(&doc.id, &analysis).unwrap();
        assert_eq!(store.analyzed_documents().unwrap()[0].analysis, analysis);
        // The tables of the second migration work.
        store.record_failure("x.html", "empty page").unwrap();
        assert_eq!(store.failures().unwrap().len(), 1);
        let check: String =
            store.conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(check, "ok");
    }

    #[test]
    fn opening_a_database_from_a_newer_corroborate_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let store = Store::open(&path).unwrap();
            store
                .conn
                .execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'x', 'y')",
                    [],
                )
                .unwrap();
        }
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("upgrade corroborate"), "{err}");
    }

    #[test]
    fn data_survives_reopening_a_file_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corroborate.db");
        let (doc, analysis) = testutil::seed_like("A drone strike hit a dock.");
        Store::open(&path).unwrap().put_document(&doc, &analysis).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.document(doc.id.as_str()).unwrap(), Some(doc));
    }

    #[test]
    fn a_reader_opens_and_reads_while_a_writer_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corroborate.db");
        let (doc, analysis) = testutil::seed_like("A drone strike hit a dock.");
        let mut writer = Store::open(&path).unwrap();
        writer.put_document(&doc, &analysis).unwrap();
        let tx = writer.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate);
        let tx = tx.unwrap();
        tx.execute("DELETE FROM claims", []).unwrap();

        let started = std::time::Instant::now();
        let reader = Store::open(&path).unwrap();
        assert_eq!(
            reader.claims(&ClaimFilter::default()).unwrap().len(),
            2,
            "sees the last commit"
        );
        assert!(started.elapsed() < BUSY_TIMEOUT, "opening must not wait for the writer");
        drop(tx);
    }

    #[test]
    fn opening_a_path_in_a_missing_directory_says_what_to_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/corroborate.db");
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("check that the directory exists"), "{err}");
    }
}
