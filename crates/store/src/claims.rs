//! Querying claims across documents, for `corroborate claims` and the API.

use corroborate_model::{Claim, ClaimForm, Source};
use rusqlite::types::Value;

use crate::codec::from_json;
use crate::documents::resolve_prefix;
use crate::{ClaimFilter, Store, StoreError};

/// True when `needle` (already lower-cased) occurs in the name or the surface of `source`.
fn source_matches(source: &Source, needle: &str) -> bool {
    let in_name = source.name.as_deref().is_some_and(|name| name.to_lowercase().contains(needle));
    in_name || source.surface.to_lowercase().contains(needle)
}

impl Store {
    /// The stored claim whose id is exactly `id`; the first one in ingest order when copies of
    /// one report hold claims with the same id.
    pub fn claim(&self, id: &str) -> Result<Option<Claim>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.json FROM claims AS c JOIN documents AS d ON d.id = c.document \
             WHERE c.id = ?1 ORDER BY d.seq, c.position LIMIT 1",
        )?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(from_json(&row.get::<_, String>(0)?, &format!("claim {id}"))?)),
            None => Ok(None),
        }
    }

    /// The claims that pass `filter`, ordered by document ingest order, then sentence, then
    /// their order in the analysis.
    ///
    /// Kind, stance, document and narration are filtered in SQL on indexed columns. The
    /// source text is matched here, with Unicode lower-casing (SQLite's `lower` only folds
    /// ASCII, and names such as "Nicolás" must match "NICOLÁS"), and it also looks at the
    /// conjoined sources, so "residents" finds "U.S. officials and residents of the port".
    ///
    /// A `document` that matches nothing is an error rather than an empty list, so that a
    /// mistyped id does not look like a document without claims.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>, StoreError> {
        let mut conditions: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(prefix) = &filter.document {
            let id = resolve_prefix(&self.conn, "documents", "document", prefix)?
                .ok_or_else(|| StoreError::NotFound { kind: "document", id: prefix.clone() })?;
            conditions.push("c.document = ?");
            values.push(Value::Text(id));
        }
        if let Some(kind) = filter.source_kind {
            conditions.push("c.source_kind = ?");
            values.push(Value::Text(kind.as_str().to_string()));
        }
        if let Some(stance) = filter.stance {
            conditions.push("c.stance = ?");
            values.push(Value::Text(stance.as_str().to_string()));
        }
        if !filter.include_narration {
            conditions.push("c.form <> ?");
            values.push(Value::Text(ClaimForm::Narration.as_str().to_string()));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        // Only a handful of distinct filter shapes exist, so the statement cache holds them all.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.json FROM claims AS c JOIN documents AS d ON d.id = c.document \
             {where_clause} ORDER BY d.seq, c.sentence, c.position"
        ))?;
        let needle = filter.source.as_ref().map(|s| s.to_lowercase());
        let mut claims = Vec::new();
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        while let Some(row) = rows.next()? {
            let json: String = row.get(0)?;
            let claim: Claim = from_json(&json, "claim")?;
            let keep = match &needle {
                Some(needle) => {
                    source_matches(&claim.source, needle)
                        || claim.co_sources.iter().any(|s| source_matches(s, needle))
                }
                None => true,
            };
            if keep {
                claims.push(claim);
            }
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{analysis, claim, seed_like};
    use corroborate_model::{SourceKind, Stance};

    /// Two stored reports: the seed-like one, then one quoting "Nicolás Maduro".
    fn store_with_two_reports() -> (Store, Vec<Claim>) {
        let mut store = Store::open_in_memory().unwrap();
        let (first, first_analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&first, &first_analysis).unwrap();
        let (second, _) = seed_like("Maduro rejected the accusation.");
        let mut conjoined = claim(
            &second,
            1,
            SourceKind::Anonymous,
            "U.S. officials",
            Stance::Suggests,
            ClaimForm::Indirect,
        );
        conjoined.co_sources = vec![Source {
            kind: SourceKind::Anonymous,
            surface: "regional sources".into(),
            ..Source::default()
        }];
        let second_claims = vec![
            claim(
                &second,
                3,
                SourceKind::NamedPerson,
                "Nicolás Maduro",
                Stance::Rejects,
                ClaimForm::Indirect,
            ),
            conjoined,
        ];
        store.put_document(&second, &analysis(&second, second_claims.clone())).unwrap();
        let mut all = first_analysis.claims;
        all.extend(second_claims);
        (store, all)
    }

    fn surfaces(claims: &[Claim]) -> Vec<&str> {
        claims.iter().map(|c| c.source.surface.as_str()).collect()
    }

    #[test]
    fn the_default_filter_leaves_out_narration_and_orders_by_ingest_then_sentence() {
        let (store, _) = store_with_two_reports();
        let claims = store.claims(&ClaimFilter::default()).unwrap();
        assert_eq!(
            surfaces(&claims),
            vec!["two sources", "Col. Allie Weiskopf", "U.S. officials", "Nicolás Maduro"]
        );
        let with_narration = store
            .claims(&ClaimFilter { include_narration: true, ..ClaimFilter::default() })
            .unwrap();
        assert_eq!(with_narration.len(), 5);
        assert_eq!(with_narration[0].form, ClaimForm::Narration);
    }

    #[test]
    fn kind_stance_and_source_filters_combine() {
        let (store, _) = store_with_two_reports();
        let denials = store
            .claims(&ClaimFilter { stance: Some(Stance::Denies), ..ClaimFilter::default() })
            .unwrap();
        assert_eq!(surfaces(&denials), vec!["Col. Allie Weiskopf"]);
        let anonymous_suggesting = store
            .claims(&ClaimFilter {
                source_kind: Some(SourceKind::Anonymous),
                stance: Some(Stance::Suggests),
                ..ClaimFilter::default()
            })
            .unwrap();
        assert_eq!(surfaces(&anonymous_suggesting), vec!["two sources", "U.S. officials"]);
        let by_name = store
            .claims(&ClaimFilter { source: Some("NICOLÁS".into()), ..ClaimFilter::default() })
            .unwrap();
        assert_eq!(surfaces(&by_name), vec!["Nicolás Maduro"], "Unicode case folding");
        let by_co_source = store
            .claims(&ClaimFilter { source: Some("regional".into()), ..ClaimFilter::default() })
            .unwrap();
        assert_eq!(surfaces(&by_co_source), vec!["U.S. officials"]);
    }

    #[test]
    fn the_document_filter_takes_a_prefix_and_rejects_unknown_ids() {
        let (store, all) = store_with_two_reports();
        let second = all[3].document.as_str();
        let claims = store
            .claims(&ClaimFilter { document: Some(second[..6].into()), ..ClaimFilter::default() })
            .unwrap();
        assert_eq!(surfaces(&claims), vec!["U.S. officials", "Nicolás Maduro"]);
        let err = store
            .claims(&ClaimFilter {
                document: Some("nothing-like-this".into()),
                ..ClaimFilter::default()
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    }
}
