//! The resolution: incidents, context mentions and syndication groups, replaced as a whole by
//! every `resolve` run.

use std::collections::{HashMap, HashSet};

use corroborate_model::{ContextMention, Incident, Resolution, SyndicationGroup};
use rusqlite::{params, TransactionBehavior};

use crate::codec::{date_to_text, from_json, to_json};
use crate::documents::resolve_prefix;
use crate::{ResolutionChanges, Store, StoreError};

impl Store {
    /// Replaces the stored resolution in one transaction and reports, by incident id, which
    /// incidents are new, updated (their JSON differs), unchanged and removed.
    ///
    /// Reviews are untouched: they name incidents by id, and ids are stable across runs.
    pub fn replace_resolution(
        &mut self,
        resolution: &Resolution,
    ) -> Result<ResolutionChanges, StoreError> {
        // Encode everything before touching the database, so that a value that cannot be
        // encoded fails the call before the transaction starts.
        let mut seen = HashSet::new();
        let mut encoded = Vec::with_capacity(resolution.incidents.len());
        for incident in &resolution.incidents {
            if !seen.insert(incident.id.as_str()) {
                return Err(StoreError::DuplicateIncident { id: incident.id.to_string() });
            }
            encoded.push((incident, to_json(incident, &format!("incident {}", incident.id))?));
        }

        let armed = self.armed_failpoint();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stored: HashMap<String, String> = tx
            .prepare_cached("SELECT id, json FROM incidents")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;

        let mut changes = ResolutionChanges::default();
        for (incident, json) in &encoded {
            match stored.get(incident.id.as_str()) {
                None => changes.new += 1,
                Some(old) if old == json => changes.unchanged += 1,
                Some(_) => changes.updated += 1,
            }
        }
        changes.removed = stored.keys().filter(|id| !seen.contains(id.as_str())).count();

        tx.execute_batch(
            "DELETE FROM incidents; DELETE FROM context_mentions; DELETE FROM syndication_groups;",
        )?;
        let mut insert_incident = tx.prepare_cached(
            "INSERT INTO incidents (id, position, event_type, grade, country_code, earliest, \
             latest, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (position, (incident, json)) in encoded.iter().enumerate() {
            insert_incident.execute(params![
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
        drop(insert_incident);
        Store::failpoint(armed, "replace_resolution.after_incidents")?;

        let mut insert_context = tx.prepare_cached(
            "INSERT INTO context_mentions (position, mention, claim, document, json) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, context) in resolution.context.iter().enumerate() {
            insert_context.execute(params![
                position,
                context.mention.as_str(),
                context.claim.as_str(),
                context.document.as_str(),
                to_json(context, &format!("context mention {}", context.mention))?,
            ])?;
        }
        drop(insert_context);

        // Group ids derive from the earliest member, so a repeated id is the same group listed
        // twice; keeping the first is harmless, failing the whole resolution would not be.
        let mut insert_group = tx.prepare_cached(
            "INSERT INTO syndication_groups (id, position, documents) VALUES (?1, ?2, ?3) \
             ON CONFLICT (id) DO NOTHING",
        )?;
        for (position, group) in resolution.syndication_groups.iter().enumerate() {
            insert_group.execute(params![
                group.id,
                position,
                to_json(&group.documents, &format!("syndication group {}", group.id))?,
            ])?;
        }
        drop(insert_group);

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
