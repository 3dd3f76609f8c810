//! The append-only records: analysts' reviews and ingest failures. Neither is ever deleted or
//! rewritten.

use chrono::Utc;
use corroborate_model::Review;
use rusqlite::{params, Row};

use crate::codec::{time_from_text, time_to_text, vocab_from_text};
use crate::{IngestFailure, Store, StoreError};

/// A reviews row as SQLite gives it, before the fallible conversions.
struct ReviewRow {
    id: i64,
    target: String,
    action: String,
    other: Option<String>,
    reviewer: String,
    at: String,
    note: String,
}

impl ReviewRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<ReviewRow> {
        Ok(ReviewRow {
            id: row.get(0)?,
            target: row.get(1)?,
            action: row.get(2)?,
            other: row.get(3)?,
            reviewer: row.get(4)?,
            at: row.get(5)?,
            note: row.get(6)?,
        })
    }

    fn into_review(self) -> Result<Review, StoreError> {
        let what = format!("review {}", self.id);
        Ok(Review {
            id: self.id,
            action: vocab_from_text(&self.action, &what)?,
            at: time_from_text(&self.at, &what)?,
            target: self.target,
            other: self.other,
            reviewer: self.reviewer,
            note: self.note,
        })
    }
}

impl Store {
    /// Records an analyst's review and returns its row id (the `id` of `review` is ignored).
    pub fn add_review(&mut self, review: &Review) -> Result<i64, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO reviews (target, action, other, reviewer, at, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        stmt.execute(params![
            review.target,
            review.action.as_str(),
            review.other,
            review.reviewer,
            time_to_text(review.at),
            review.note,
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Reviews in the order they were made: all of them, or those about `target` (a claim or
    /// incident id), which includes merges that name it as the other incident.
    pub fn reviews(&self, target: Option<&str>) -> Result<Vec<Review>, StoreError> {
        const COLUMNS: &str = "id, target, action, other, reviewer, at, note";
        let rows = match target {
            Some(target) => {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM reviews WHERE target = ?1 OR other = ?1 ORDER BY id"
                ))?;
                let rows = stmt.query_map([target], ReviewRow::read)?;
                rows.collect::<Result<Vec<_>, _>>()?
            }
            None => {
                let mut stmt = self
                    .conn
                    .prepare_cached(&format!("SELECT {COLUMNS} FROM reviews ORDER BY id"))?;
                let rows = stmt.query_map([], ReviewRow::read)?;
                rows.collect::<Result<Vec<_>, _>>()?
            }
        };
        rows.into_iter().map(ReviewRow::into_review).collect()
    }

    /// Records that the input from `origin` could not be ingested, and why.
    pub fn record_failure(&mut self, origin: &str, message: &str) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO ingest_failures (origin, message, at) VALUES (?1, ?2, ?3)",
        )?;
        stmt.execute(params![origin, message, time_to_text(Utc::now())])?;
        Ok(())
    }

    /// Every recorded ingest failure, oldest first.
    pub fn failures(&self) -> Result<Vec<IngestFailure>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT origin, message, at FROM ingest_failures ORDER BY seq")?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(origin, message, at)| {
                let at = time_from_text(&at, &format!("ingest failure of {origin}"))?;
                Ok(IngestFailure { origin, message, at })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::review;
    use corroborate_model::ReviewAction;

    #[test]
    fn reviews_read_back_with_their_row_ids_in_order() {
        let mut store = Store::open_in_memory().unwrap();
        let accept = review("c00000000000000aa", ReviewAction::Accept);
        let mut merge = review("i000000000001", ReviewAction::Merge);
        merge.other = Some("i000000000002".into());
        let first = store.add_review(&accept).unwrap();
        let second = store.add_review(&merge).unwrap();
        assert!(second > first);

        let all = store.reviews(None).unwrap();
        assert_eq!(
            all,
            vec![Review { id: first, ..accept }, Review { id: second, ..merge.clone() }]
        );
        // A merge shows up under both incidents it names.
        assert_eq!(
            store.reviews(Some("i000000000002")).unwrap(),
            vec![Review { id: second, ..merge }]
        );
        assert!(store.reviews(Some("i999999999999")).unwrap().is_empty());
    }

    #[test]
    fn failures_are_recorded_oldest_first() {
        let mut store = Store::open_in_memory().unwrap();
        let before = Utc::now();
        store.record_failure("reports/a.warc", "truncated gzip stream").unwrap();
        store.record_failure("https://example.invalid/x", "no main text found").unwrap();
        let failures = store.failures().unwrap();
        let origins: Vec<_> = failures.iter().map(|f| f.origin.as_str()).collect();
        assert_eq!(origins, vec!["reports/a.warc", "https://example.invalid/x"]);
        assert_eq!(failures[0].message, "truncated gzip stream");
        assert!(failures[0].at.timestamp_micros() >= before.timestamp_micros());
    }
}
