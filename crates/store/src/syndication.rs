//! Syndication groups found at ingest: each stored document's MinHash signature and band keys
//! (schema 7), and the look-up that puts a new document in the group of a stored near-copy.

use std::collections::BTreeSet;

use corroborate_model::minhash::{jaccard, shingles, Signature};
use corroborate_model::DocumentId;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use crate::{Store, StoreError};

impl Store {
    /// Stores the MinHash signature of document `id` (already stored) and puts it in the
    /// syndication group of its nearest earlier near-duplicate: a stored document sharing a
    /// band key whose word-shingle Jaccard similarity with it is at least `threshold`. The
    /// group is the near-copy's, or, when it has none yet, a new one named `g` + the near-copy's
    /// id, which both then join (the name resolve gives the same group). Returns the group.
    ///
    /// A document that already has a group, or an empty text, keeps what it has; calling this
    /// again writes nothing new.
    pub fn join_syndication_group(
        &mut self,
        id: &DocumentId,
        threshold: f64,
    ) -> Result<Option<String>, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(String, Option<String>, i64)> = tx
            .prepare_cached("SELECT text, syndication_group, seq FROM documents WHERE id = ?1")?
            .query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((text, group, seq)) = row else {
            return Ok(None);
        };
        let own = shingles(&text);
        let Some(signature) = Signature::of(&own) else {
            return Ok(group);
        };
        tx.prepare_cached("INSERT OR REPLACE INTO minhash (document, signature) VALUES (?1, ?2)")?
            .execute(params![id.as_str(), signature.to_bytes()])?;
        let mut candidates: BTreeSet<(i64, String)> = BTreeSet::new();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO minhash_bands (band, key, document) VALUES (?1, ?2, ?3)",
            )?;
            let mut same_band = tx.prepare_cached(
                "SELECT d.seq, d.id FROM minhash_bands AS b JOIN documents AS d ON d.id = b.document \
                 WHERE b.band = ?1 AND b.key = ?2 AND b.document != ?3 AND d.seq < ?4",
            )?;
            for (band, key) in signature.band_keys().iter().enumerate() {
                // The key's bits as SQLite's signed integer.
                let key = i64::from_le_bytes(key.to_le_bytes());
                let band = i64::try_from(band).unwrap_or(i64::MAX);
                insert.execute(params![band, key, id.as_str()])?;
                let rows = same_band.query_map(params![band, key, id.as_str(), seq], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
                })?;
                for row in rows {
                    candidates.insert(row?);
                }
            }
        }
        if group.is_some() {
            tx.commit()?;
            return Ok(group);
        }
        // The earliest candidate similar enough names the group.
        let mut joined = None;
        for (_, candidate) in &candidates {
            let (other_text, other_group): (String, Option<String>) = tx
                .prepare_cached("SELECT text, syndication_group FROM documents WHERE id = ?1")?
                .query_row([candidate], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if jaccard(&own, &shingles(&other_text)) >= threshold {
                let name = other_group.clone().unwrap_or_else(|| format!("g{candidate}"));
                let mut set = tx.prepare_cached(
                    "UPDATE documents SET syndication_group = ?1 WHERE id IN (?2, ?3) \
                     AND syndication_group IS NULL",
                )?;
                set.execute(params![name, candidate, id.as_str()])?;
                joined = Some(name);
                break;
            }
        }
        tx.commit()?;
        Ok(joined)
    }
}

#[cfg(test)]
mod tests {
    use corroborate_model::{Analysis, DateProvenance, Document, DocumentId};

    use crate::{PutOutcome, Store};

    fn doc(text: &str) -> Document {
        Document {
            id: DocumentId::from_raw(text.as_bytes()),
            origin: "t.txt".into(),
            url: None,
            title: None,
            publisher: None,
            author: None,
            published: None,
            published_from: DateProvenance::None,
            language: None,
            text: text.into(),
            paragraphs: Vec::new(),
            syndication_group: None,
        }
    }

    const WIRE: &str = "A fire broke out at the grain terminal in the port of Vessa on Sunday \
                        night and burned until morning, the regional fire service said, adding \
                        that two workers were treated for smoke inhalation at the scene.";

    #[test]
    fn a_wire_copy_joins_the_group_of_the_original_and_a_stranger_does_not() {
        let mut store = Store::open_in_memory().unwrap();
        let original = doc(WIRE);
        let copy = doc(&format!("{WIRE} Harbor Daily contributed to this report."));
        let other = doc("Voters in the northern district elected a new mayor on Tuesday after a \
                         long campaign about bus routes and school repairs.");
        for d in [&original, &copy, &other] {
            store.put_document(d, &Analysis::default()).unwrap();
        }
        assert_eq!(store.join_syndication_group(&original.id, 0.6).unwrap(), None);
        let group = store.join_syndication_group(&copy.id, 0.6).unwrap();
        assert_eq!(group, Some(format!("g{}", original.id)));
        assert_eq!(store.join_syndication_group(&other.id, 0.6).unwrap(), None);
        let stored = store.document(original.id.as_str()).unwrap().unwrap();
        assert_eq!(stored.syndication_group, group);

        // The same input again changes nothing: the stored group is kept.
        assert_eq!(store.put_document(&copy, &Analysis::default()).unwrap(), PutOutcome::Unchanged);
        assert_eq!(store.join_syndication_group(&copy.id, 0.6).unwrap(), group);
    }
}
