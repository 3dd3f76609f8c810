//! The resolution: incidents, context mentions and syndication groups, replaced as a whole by
//! every `resolve` run.

use std::collections::{HashMap, HashSet};

use corroborate_model::{ContextMention, Incident, Resolution, SyndicationGroup};
use rusqlite::{params, Connection, TransactionBehavior};

use crate::codec::{date_to_text, from_json, to_json};
use crate::documents::resolve_prefix;
use crate::{ResolutionChanges, Store, StoreError};

/// Brings the incidents table to `incidents` (each with its JSON), touching only the rows that
/// differ, and counts the changes.
fn write_incidents(
    conn: &Connection,
    incidents: &[(&Incident, String)],
) -> Result<ResolutionChanges, StoreError> {
    let stored: HashMap<String, String> = conn
        .prepare_cached("SELECT id, json FROM incidents")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut upsert = conn.prepare_cached(
        "INSERT INTO incidents (id, position, event_type, grade, country_code, earliest, latest, \
         json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
         event_type = excluded.event_type, grade = excluded.grade, \
         country_code = excluded.country_code, earliest = excluded.earliest, \
         latest = excluded.latest, json = excluded.json",
    )?;
    // The WHERE makes an unchanged incident in an unchanged place a no-op rather than a write.
    let mut move_to = conn.prepare_cached(
        "UPDATE incidents SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
    )?;
    let mut changes = ResolutionChanges::default();
    for (position, (incident, json)) in incidents.iter().enumerate() {
        match stored.get(incident.id.as_str()) {
            Some(old) if old == json => {
                changes.unchanged += 1;
                move_to.execute(params![incident.id.as_str(), position])?;
                continue;
            }
            Some(_) => changes.updated += 1,
            None => changes.new += 1,
        }
        upsert.execute(params![
            incident.id.as_str(),
            position,
            incident.event_type.map(|t| t.as_str()),
            incident.grade.as_str(),
            incident.place.country_code,
            date_to_text(incident.time.earliest),
            date_to_text(incident.time.latest),
            json,
        ])?;
    }
    let kept: HashSet<&str> = incidents.iter().map(|(i, _)| i.id.as_str()).collect();
    let mut delete = conn.prepare_cached("DELETE FROM incidents WHERE id = ?1")?;
    for id in stored.keys().filter(|id| !kept.contains(id.as_str())) {
        delete.execute([id])?;
        changes.removed += 1;
    }
    Ok(changes)
}

/// Replaces the context mentions when they differ from `context` (each with its JSON).
fn write_context(
    conn: &Connection,
    context: &[(&ContextMention, String)],
) -> Result<(), StoreError> {
    let stored: Vec<String> = conn
        .prepare_cached("SELECT json FROM context_mentions ORDER BY position")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if stored.iter().eq(context.iter().map(|(_, json)| json)) {
        return Ok(());
    }
    conn.execute("DELETE FROM context_mentions", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO context_mentions (position, mention, claim, document, json) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, (mention, json)) in context.iter().enumerate() {
        insert.execute(params![
            position,
            mention.mention.as_str(),
            mention.claim.as_str(),
            mention.document.as_str(),
            json,
        ])?;
    }
    Ok(())
}

/// Replaces the syndication groups when they differ from `groups` (id, members as JSON).
fn write_groups(conn: &Connection, groups: &[(String, String)]) -> Result<(), StoreError> {
    let stored: Vec<(String, String)> = conn
        .prepare_cached("SELECT id, documents FROM syndication_groups ORDER BY position")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if stored == groups {
        return Ok(());
    }
    conn.execute("DELETE FROM syndication_groups", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO syndication_groups (id, position, documents) VALUES (?1, ?2, ?3)",
    )?;
    for (position, (id, documents)) in groups.iter().enumerate() {
        insert.execute(params![id, position, documents])?;
    }
    Ok(())
}

impl Store {
    /// Replaces the stored resolution in one transaction and reports, by incident id, which
    /// incidents are new, updated (their JSON differs), unchanged and removed.
    ///
    /// Only what differs is written: re-running `resolve` over unchanged input leaves the
    /// database untouched. Reviews are untouched too: they name incidents by id, and ids are
    /// stable across runs.
    pub fn replace_resolution(
        &mut self,
        resolution: &Resolution,
    ) -> Result<ResolutionChanges, StoreError> {
        // Encode everything before touching the database, so that a value that cannot be
        // encoded fails the call before the transaction starts.
        let mut seen = HashSet::new();
        let mut incidents = Vec::with_capacity(resolution.incidents.len());
        for incident in &resolution.incidents {
            if !seen.insert(incident.id.as_str()) {
                return Err(StoreError::DuplicateIncident { id: incident.id.to_string() });
            }
            incidents.push((incident, to_json(incident, &format!("incident {}", incident.id))?));
        }
        let context = resolution
            .context
            .iter()
            .map(|c| Ok((c, to_json(c, &format!("context mention {}", c.mention))?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        // Group ids derive from the earliest member, so a repeated id is the same group listed
        // twice; keeping the first is harmless, failing the whole resolution would not be.
        let mut group_ids = HashSet::new();
        let mut groups = Vec::with_capacity(resolution.syndication_groups.len());
        for group in &resolution.syndication_groups {
            if group_ids.insert(group.id.as_str()) {
                let what = format!("syndication group {}", group.id);
                groups.push((group.id.clone(), to_json(&group.documents, &what)?));
            }
        }

        let armed = self.armed_failpoint();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changes = write_incidents(&tx, &incidents)?;
        Store::failpoint(armed, "replace_resolution.after_incidents")?;
        write_context(&tx, &context)?;
        write_groups(&tx, &groups)?;
        tx.commit()?;
        Ok(changes)
    }

    /// The stored resolution, in the order it was stored; empty before the first `resolve`.
    pub fn resolution(&self) -> Result<Resolution, StoreError> {
        let incidents = self
            .conn
            .prepare_cached("SELECT json FROM incidents ORDER BY position")?
            .query_map([], |row| row.get::<_, String>(0))?
            .map(|json| from_json::<Incident>(&json?, "incident"))
            .collect::<Result<Vec<_>, _>>()?;
        let context = self
            .conn
            .prepare_cached("SELECT json FROM context_mentions ORDER BY position")?
            .query_map([], |row| row.get::<_, String>(0))?
            .map(|json| from_json::<ContextMention>(&json?, "context mention"))
            .collect::<Result<Vec<_>, _>>()?;
        let groups = self
            .conn
            .prepare_cached("SELECT id, documents FROM syndication_groups ORDER BY position")?
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let syndication_groups = groups
            .into_iter()
            .map(|(id, documents)| {
                let documents = from_json(&documents, &format!("syndication group {id}"))?;
                Ok(SyndicationGroup { id, documents })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Resolution { incidents, context, syndication_groups })
    }

    /// The incident whose id is `id` or starts with it; `None` when none matches, an error when
    /// the prefix matches several.
    pub fn incident(&self, id: &str) -> Result<Option<Incident>, StoreError> {
        let Some(full_id) = resolve_prefix(&self.conn, "incidents", "incident", id)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached("SELECT json FROM incidents WHERE id = ?1")?;
        let json: String = stmt.query_row([&full_id], |row| row.get(0))?;
        Ok(Some(from_json(&json, &format!("incident {full_id}"))?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{incident, review, seed_like};
    use corroborate_model::{
        ClaimId, DocumentId, IncidentGrade, MentionId, ReviewAction, Specificity,
    };

    fn resolution_of(incidents: Vec<Incident>) -> Resolution {
        Resolution { incidents, ..Resolution::default() }
    }

    #[test]
    fn replacing_counts_new_updated_unchanged_and_removed_incidents() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let a = incident("i000000000001", IncidentGrade::Weak, &doc);
        let b = incident("i000000000002", IncidentGrade::Weak, &doc);
        let c = incident("i000000000003", IncidentGrade::Weak, &doc);

        let first = store.replace_resolution(&resolution_of(vec![a.clone(), b.clone()])).unwrap();
        assert_eq!(first, ResolutionChanges { new: 2, ..ResolutionChanges::default() });

        let mut b_fair = b.clone();
        b_fair.grade = IncidentGrade::Fair;
        let second = store.replace_resolution(&resolution_of(vec![a.clone(), b_fair, c])).unwrap();
        assert_eq!(second, ResolutionChanges { new: 1, updated: 1, unchanged: 1, removed: 0 });

        let third = store.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
        assert_eq!(third, ResolutionChanges { new: 0, updated: 0, unchanged: 1, removed: 2 });
        assert_eq!(store.resolution().unwrap().incidents, vec![a]);
    }

    #[test]
    fn replacing_with_the_same_resolution_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let a = incident("i000000000001", IncidentGrade::Weak, &doc);
        let b = incident("i000000000002", IncidentGrade::Fair, &doc);
        let resolution = Resolution {
            incidents: vec![a.clone(), b.clone()],
            context: vec![],
            syndication_groups: vec![SyndicationGroup {
                id: "gx".into(),
                documents: vec![doc.id.clone()],
            }],
        };
        store.replace_resolution(&resolution).unwrap();
        let n_changes = store.conn.total_changes();
        let again = store.replace_resolution(&resolution).unwrap();
        assert_eq!(again, ResolutionChanges { unchanged: 2, ..ResolutionChanges::default() });
        assert_eq!(store.conn.total_changes(), n_changes);

        // A new order is stored, though no incident changed.
        let swapped = Resolution { incidents: vec![b, a], ..resolution };
        let changes = store.replace_resolution(&swapped).unwrap();
        assert_eq!(changes.unchanged, 2);
        assert_eq!(store.resolution().unwrap(), swapped);
    }

    #[test]
    fn the_resolution_reads_back_whole_and_incidents_by_prefix() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&doc, &analysis).unwrap();
        let claim = &analysis.claims[1];
        let resolution = Resolution {
            incidents: vec![
                incident("i12ab00000001", IncidentGrade::Weak, &doc),
                incident("i12cd00000002", IncidentGrade::Contested, &doc),
            ],
            context: vec![ContextMention {
                mention: MentionId::for_claim(&claim.id),
                claim: claim.id.clone(),
                document: doc.id.clone(),
                specificity: Specificity::Aggregate,
                event_type: None,
                negated: false,
            }],
            syndication_groups: vec![SyndicationGroup {
                id: format!("g{}", doc.id),
                documents: vec![doc.id.clone(), DocumentId("0123456789abcdef".into())],
            }],
        };
        store.replace_resolution(&resolution).unwrap();
        assert_eq!(store.resolution().unwrap(), resolution);

        let found = store.incident("i12c").unwrap().map(|i| i.grade);
        assert_eq!(found, Some(IncidentGrade::Contested));
        assert_eq!(store.incident("i99").unwrap(), None);
        let err = store.incident("i12").unwrap_err();
        assert!(
            matches!(err, StoreError::AmbiguousId { kind: "incident", count: 2, .. }),
            "{err:?}"
        );

        // The document ingest left ungrouped reads back in the group resolve formed.
        let grouped = store.document(doc.id.as_str()).unwrap().and_then(|d| d.syndication_group);
        assert_eq!(grouped, Some(format!("g{}", doc.id)));
        // ... and re-ingesting it unchanged is still a no-op: the stored row was not touched.
        assert_eq!(store.put_document(&doc, &analysis).unwrap(), crate::PutOutcome::Unchanged);
    }

    #[test]
    fn a_repeated_incident_id_is_refused_before_anything_is_written() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let a = incident("i000000000001", IncidentGrade::Weak, &doc);
        store.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
        let err = store.replace_resolution(&resolution_of(vec![a.clone(), a.clone()])).unwrap_err();
        assert!(matches!(err, StoreError::DuplicateIncident { .. }), "{err:?}");
        assert_eq!(store.resolution().unwrap().incidents, vec![a]);
    }

    #[test]
    fn a_failed_replacement_keeps_the_previous_resolution() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let before = resolution_of(vec![incident("i000000000001", IncidentGrade::Weak, &doc)]);
        store.replace_resolution(&before).unwrap();
        store.failpoint = Some("replace_resolution.after_incidents");
        let after = resolution_of(vec![incident("i000000000009", IncidentGrade::Fair, &doc)]);
        assert!(store.replace_resolution(&after).is_err());
        store.failpoint = None;
        assert_eq!(store.resolution().unwrap(), before);
    }

    #[test]
    fn reviews_survive_reanalysis_and_re_resolution() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&doc, &analysis).unwrap();
        let a = incident("i000000000001", IncidentGrade::Weak, &doc);
        store.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
        let claim_id: &ClaimId = &analysis.claims[2].id;
        store.add_review(&review(claim_id.as_str(), ReviewAction::Accept)).unwrap();
        store.add_review(&review(a.id.as_str(), ReviewAction::Note)).unwrap();

        store.put_analysis(&doc.id, &corroborate_model::Analysis::default()).unwrap();
        store.replace_resolution(&Resolution::default()).unwrap();

        let reviews = store.reviews(None).unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(store.reviews(Some(claim_id.as_str())).unwrap()[0].action, ReviewAction::Accept);
        assert_eq!(store.reviews(Some(a.id.as_str())).unwrap()[0].action, ReviewAction::Note);
    }
}
