//! Schema migrations: an ordered list of SQL scripts, each applied in its own transaction and
//! recorded in `schema_version`, so a database is always at exactly one known version.
//!
//! To change the schema, add a script `migrations/NNNN_what.sql` and append it to
//! [`MIGRATIONS`]. Never edit a script that has been released: databases in the field have
//! already run it.

use chrono::Utc;
use rusqlite::{params, Connection, TransactionBehavior};

use crate::codec::time_to_text;
use crate::StoreError;

/// One schema step.
pub(crate) struct Migration {
    /// File name, for messages and the `schema_version` table.
    pub(crate) name: &'static str,
    /// The SQL.
    pub(crate) sql: &'static str,
}

/// A migration from its file name under `migrations/`, which is also its recorded name.
macro_rules! migration {
    ($file:literal) => {
        Migration { name: $file, sql: include_str!(concat!("../migrations/", $file)) }
    };
}

/// Every migration, in order: entry `i` leads to schema version `i + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!("0001_initial.sql"),
    migration!("0002_resolution_and_reviews.sql"),
    migration!("0003_time_expressions.sql"),
    migration!("0004_search_and_filters.sql"),
    migration!("0005_incident_changes.sql"),
    migration!("0006_claim_incident_facets.sql"),
    migration!("0007_minhash.sql"),
    migration!("0008_incident_list_indexes.sql"),
    migration!("0009_covering_time_bounds.sql"),
    migration!("0010_covering_position.sql"),
    migration!("0011_incident_summaries.sql"),
    migration!("0012_fts_prefix_indexes.sql"),
    migration!("0013_covering_filter_indexes.sql"),
    migration!("0014_facets_written_by_the_store.sql"),
    migration!("0015_facet_masks.sql"),
    migration!("0016_search_index_journal.sql"),
];

/// The schema version this build writes.
pub(crate) fn latest_version() -> u32 {
    // The list is a handful of entries, far below u32::MAX.
    MIGRATIONS.len() as u32
}

/// Creates the version table when missing. Part of bootstrapping, not of any migration, so that
/// even an empty file has a version (0).
const CREATE_VERSION_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// The version a database is at: the highest migration recorded, 0 for a new database.
pub(crate) fn current_version(conn: &Connection) -> Result<u32, StoreError> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version')",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(0);
    }
    let version: u32 =
        conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", [], |row| {
            row.get(0)
        })?;
    Ok(version)
}

/// Brings the database up to schema `target`, one migration per transaction.
///
/// Each step takes the write lock first (`BEGIN IMMEDIATE`) and re-reads the version under it,
/// so two processes opening one new database at once do not both run the same script.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let found = current_version(conn)?;
    let supported = latest_version();
    if found > supported {
        return Err(StoreError::SchemaTooNew { found, supported });
    }
    if found >= target {
        // The common case, on every open: no write lock taken, so opening a database for
        // reading never waits for a running ingest.
        return Ok(());
    }
    for (idx, migration) in MIGRATIONS.iter().enumerate() {
        let version = idx as u32 + 1;
        if version > target {
            break;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(CREATE_VERSION_TABLE)?;
        let previous = current_version(&tx)?;
        if previous >= version {
            // Already applied, here or by another process that got the lock first.
            continue;
        }
        let step = tx.execute_batch(migration.sql).and_then(|()| {
            tx.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, ?3)",
                params![version, migration.name, time_to_text(Utc::now())],
            )
        });
        match step {
            Ok(_) => tx.commit()?,
            Err(source) => {
                return Err(StoreError::Migration {
                    version,
                    name: migration.name,
                    previous,
                    source,
                })
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order() {
        for (idx, migration) in MIGRATIONS.iter().enumerate() {
            let number: usize = migration.name[..4].parse().unwrap();
            assert_eq!(number, idx + 1, "{} is out of order", migration.name);
        }
    }

    #[test]
    fn migrating_from_empty_reaches_the_latest_version_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(current_version(&conn).unwrap(), 0);
        migrate_to(&mut conn, latest_version()).unwrap();
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        let n_changes = conn.total_changes();
        migrate_to(&mut conn, latest_version()).unwrap();
        assert_eq!(conn.total_changes(), n_changes, "an up-to-date database is not written");
        let n_rows: u32 =
            conn.query_row("SELECT COUNT(*) FROM schema_version", [], |row| row.get(0)).unwrap();
        assert_eq!(n_rows, latest_version());
    }

    #[test]
    fn a_newer_database_is_refused_with_advice() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, latest_version()).unwrap();
        let future = latest_version() + 1;
        conn.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, 'future', 'x')",
            [future],
        )
        .unwrap();
        let err = migrate_to(&mut conn, latest_version()).unwrap_err();
        assert!(matches!(err, StoreError::SchemaTooNew { found, .. } if found == future));
        assert_eq!(
            err.to_string(),
            format!(
                "database is newer than this corroborate (schema {future} > {}); upgrade \
                 corroborate",
                latest_version()
            )
        );
    }
}
