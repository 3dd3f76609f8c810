//! The one error type of the store. Every message says what is wrong and what to do about it.

use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error(
        "cannot open database {path}: {source}; check that the directory exists and is writable"
    )]
    Open {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The database was written by a newer corroborate.
    #[error("database is newer than this corroborate (schema {found} > {supported}); upgrade corroborate")]
    SchemaTooNew {
        /// Schema version of the database.
        found: u32,
        /// Newest schema version this build knows.
        supported: u32,
    },
    /// A migration script failed; its transaction was rolled back.
    #[error(
        "cannot upgrade the database to schema {version} ({name}): {source}; \
         the database is unchanged at schema {previous}, restore a backup if it keeps failing"
    )]
    Migration {
        /// The schema version the migration leads to.
        version: u32,
        /// File name of the migration.
        name: &'static str,
        /// Schema version the database stays at.
        previous: u32,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// Any other SQLite failure; the transaction it happened in was rolled back.
    #[error("database error: {0}; nothing of this operation was written, retry when no other corroborate is writing")]
    Sqlite(#[from] rusqlite::Error),
    /// A model value could not be turned into JSON.
    #[error("cannot encode {what} as JSON: {source}; this is a bug, please report it")]
    Encode {
        /// What was being stored.
        what: String,
        /// What serde_json said.
        source: serde_json::Error,
    },
    /// A stored value could not be read back.
    #[error("stored {what} is unreadable: {detail}; the database may be damaged or written by another program, re-ingest or restore a backup")]
    Corrupt {
        /// What was being read ("claim of document 1234…").
        what: String,
        /// Why it could not be read.
        detail: String,
    },
    /// An id prefix matches more than one stored item.
    #[error("{kind} id prefix {prefix:?} is ambiguous: it matches {count} {kind}s; give more characters")]
    AmbiguousId {
        /// "document" or "incident".
        kind: &'static str,
        /// The prefix given.
        prefix: String,
        /// How many items it matches.
        count: usize,
    },
    /// Nothing stored has this id (or id prefix).
    #[error("no {kind} with id {id:?} is stored; check the id, or ingest the report first")]
    NotFound {
        /// "document" or "incident".
        kind: &'static str,
        /// The id or prefix given.
        id: String,
    },
    /// Text given as an encoded incident ([`crate::ResolutionWriter::write_incident_json`])
    /// that is not the JSON of one.
    #[error("cannot store an incident given as JSON: {detail}; nothing of this resolution was written, run resolve again and report it if it recurs")]
    NotAnIncident {
        /// What serde_json said.
        detail: String,
    },
    /// A resolution lists one incident id twice, so it cannot be stored as given.
    #[error(
        "resolution lists incident {id} more than once; this is a bug in resolve, please report it"
    )]
    DuplicateIncident {
        /// The repeated id.
        id: String,
    },
    /// The full-text search index beside the database could not be read or written.
    #[error("search index {dir}: {source}; the index is rebuilt from the database when its directory is deleted")]
    SearchIndex {
        /// The index's directory, or "in memory".
        dir: String,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// A failure injected by a test at a named point of a write (see the durability tests).
    #[cfg(test)]
    #[error("failpoint {0} fired")]
    Failpoint(&'static str),
}
