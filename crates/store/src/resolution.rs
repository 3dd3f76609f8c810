//! The resolution: incidents, context mentions and syndication groups, replaced as a whole by
//! every `resolve` run.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use corroborate_model::{
    ClaimId, ContextMention, DocumentId, EventType, Incident, IncidentChange, IncidentGrade,
    IncidentId, IncidentMembers, Resolution, SyndicationGroup,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::codec::{
    date_to_text, from_json, time_from_text, time_to_text, to_json, vocab_from_text,
};
use crate::documents::resolve_prefix;
use crate::{RecordedIncidentChange, ResolutionChanges, Store, StoreError};

/// How one incident was counted when it was written, so that a rename can take it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counted {
    New,
    Updated,
    Unchanged,
}

/// Writes a resolution into the store one incident at a time, inside the write transaction of
/// [`Store::write_resolution`], so that each incident can be stored as soon as it is built
/// and the whole resolution (whose incidents list every claim they rest on) is never in memory
/// at once (decision 0026). Only what differs is written, as by [`Store::replace_resolution`].
pub struct ResolutionWriter<'s> {
    store: &'s Store,
    /// How each incident written so far was counted, by id: a repeated id is refused, a renamed
    /// one uncounted, and the stored incidents not among them are removed at the end.
    written: HashMap<String, Counted>,
    /// The position of the next incident.
    next_position: usize,
    changes: ResolutionChanges,
    /// Whether this writer keeps `incident_facets` and `incident_summaries` in step with the
    /// incidents, as from schema 14 on; before it, triggers did (decision 0031).
    writes_derived: bool,
    /// Whether the incident rows have status and source-kind masks to keep (schema 15).
    writes_masks: bool,
}

/// The schema from which the store, not triggers, writes each incident's facets and summary.
const DERIVED_BY_THE_STORE: u32 = 14;

/// The schema from which each incident row holds its facet masks (decision 0035).
const FACET_MASKS: u32 = 15;

/// The top-level fields of an incident's JSON that its summary leaves out: those only the
/// incident's own page shows (schema 11).
const NOT_IN_SUMMARY: [&str; 4] = ["facts", "claims", "contradictions", "timeline"];

impl<'s> ResolutionWriter<'s> {
    fn new(store: &'s Store) -> Result<Self, StoreError> {
        let schema = store.schema_version()?;
        Ok(ResolutionWriter {
            store,
            written: HashMap::new(),
            next_position: 0,
            changes: ResolutionChanges::default(),
            writes_derived: schema >= DERIVED_BY_THE_STORE,
            writes_masks: schema >= FACET_MASKS,
        })
    }

    /// The store, for reading inside the write transaction: its reads see the database as it
    /// was when the transaction began, plus what this writer wrote, and no other connection
    /// can write meanwhile.
    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// Stores `incident` as the next incident of the resolution. Fails when an incident with its
    /// id was already written in this transaction; the caller's error then rolls the whole
    /// resolution back.
    pub fn write_incident(&mut self, incident: &Incident) -> Result<(), StoreError> {
        let json = to_json(incident, &format!("incident {}", incident.id))?;
        self.write_incident_json(&json)
    }

    /// [`ResolutionWriter::write_incident`] for an incident already encoded: `json` is the
    /// serde JSON of an [`Incident`] (as `serde_json::to_writer` gives it), stored as it is.
    /// Only the few fields the table indexes are decoded from it, so that a large incident
    /// (thousands of claims) written back from a temporary file is never decoded into an
    /// `Incident` and encoded again, which held both copies and the text at once (decision
    /// 0026). Fails with [`StoreError::NotAnIncident`] when `json` is not such an incident.
    pub fn write_incident_json(&mut self, json: &str) -> Result<(), StoreError> {
        let columns: IncidentColumns = serde_json::from_str(json)
            .map_err(|err| StoreError::NotAnIncident { detail: err.to_string() })?;
        let position = self.next_position;
        self.next_position += 1;
        self.put(&columns, json, position)
    }

    /// Gives the incident written as `from` the id `to` instead, in the same place: how
    /// `corroborate_resolve::carry_over`'s renames reach incidents already written. The stored
    /// JSON changes only in its id, so the incident reads back as if it had been written with
    /// `to`.
    pub fn rename_incident(
        &mut self,
        from: &IncidentId,
        to: &IncidentId,
    ) -> Result<(), StoreError> {
        let Some(counted) = self.written.get(from.as_str()).copied() else {
            return Err(StoreError::NotFound { kind: "incident", id: from.to_string() });
        };
        let what = format!("incident {from}");
        let (position, json): (i64, String) = self
            .store
            .conn
            .prepare_cached("SELECT position, json FROM incidents WHERE id = ?1")?
            .query_row([from.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))?;
        // Borrows from `json`, so decoded here rather than by `from_json`.
        let mut columns: IncidentColumns<'_> = serde_json::from_str(&json)
            .map_err(|err| StoreError::Corrupt { what: what.clone(), detail: err.to_string() })?;
        // Serde writes the id first, so replacing the encoded id at the start of the text
        // renames the incident without decoding and re-encoding the rest, whose floats might
        // not come back bit for bit.
        let old_prefix = format!("{{\"id\":{}", to_json(from, &what)?);
        let Some(rest) = json.strip_prefix(&old_prefix) else {
            return Err(StoreError::Corrupt {
                what,
                detail: "its JSON does not start with its id".to_string(),
            });
        };
        let renamed = format!("{{\"id\":{}{rest}", to_json(to, &what)?);
        columns.id = to.clone();
        delete_incident(&self.store.conn, from.as_str(), self.writes_derived)?;
        self.written.remove(from.as_str());
        match counted {
            Counted::New => self.changes.new -= 1,
            // It was stored before this run, and now it is gone.
            Counted::Updated => {
                self.changes.updated -= 1;
                self.changes.removed += 1;
            }
            Counted::Unchanged => {
                self.changes.unchanged -= 1;
                self.changes.removed += 1;
            }
        }
        let position = usize::try_from(position).map_err(|_| StoreError::Corrupt {
            what: format!("incident {from}"),
            detail: format!("position {position}"),
        })?;
        self.put(&columns, &renamed, position)
    }

    /// Writes `incident`, encoded as `json`, at `position`, unless it is stored exactly so.
    fn put(
        &mut self,
        incident: &IncidentColumns,
        json: &str,
        position: usize,
    ) -> Result<(), StoreError> {
        let id = incident.id.as_str();
        if self.written.contains_key(id) {
            return Err(StoreError::DuplicateIncident { id: id.to_string() });
        }
        let conn = &self.store.conn;
        // Compared in SQL rather than read back into a string: the stored JSON of a large
        // incident is as large as the new one, and both would be held at once.
        let same: Option<bool> = conn
            .prepare_cached("SELECT json = ?2 FROM incidents WHERE id = ?1")?
            .query_row(params![id, json], |row| row.get(0))
            .optional()?;
        let counted = match same {
            Some(true) => {
                // The WHERE makes an unchanged incident in an unchanged place a no-op rather
                // than a write.
                conn.prepare_cached(
                    "UPDATE incidents SET position = ?2 WHERE id = ?1 AND position IS NOT ?2",
                )?
                .execute(params![id, position])?;
                Counted::Unchanged
            }
            Some(false) => Counted::Updated,
            None => Counted::New,
        };
        match counted {
            Counted::New => self.changes.new += 1,
            Counted::Updated => self.changes.updated += 1,
            Counted::Unchanged => self.changes.unchanged += 1,
        }
        self.written.insert(id.to_string(), counted);
        if counted == Counted::Unchanged {
            return Ok(());
        }
        conn.prepare_cached(
            "INSERT INTO incidents (id, position, event_type, grade, country_code, earliest, \
             latest, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
             event_type = excluded.event_type, grade = excluded.grade, \
             country_code = excluded.country_code, earliest = excluded.earliest, \
             latest = excluded.latest, json = excluded.json",
        )?
        .execute(params![
            id,
            position,
            incident.event_type.map(|t| t.as_str()),
            incident.grade.as_str(),
            incident.place.country_code,
            date_to_text(incident.time.earliest),
            date_to_text(incident.time.latest),
            json,
        ])?;
        if self.writes_derived {
            write_derived(conn, incident, json)?;
            if self.writes_masks {
                write_masks(conn, id)?;
            }
        }
        Ok(())
    }

    /// Writes `incidents` after those written so far, removes the stored incidents not written
    /// in this transaction, and writes `context`, `groups` and the merges and splits.
    fn finish(
        &mut self,
        incidents: &[Incident],
        context: &[ContextMention],
        groups: &[SyndicationGroup],
        incident_changes: &[IncidentChange],
        armed: Option<&'static str>,
    ) -> Result<(), StoreError> {
        for incident in incidents {
            self.write_incident(incident)?;
        }
        let conn = &self.store.conn;
        let stale: Vec<String> = conn
            .prepare_cached("SELECT id FROM incidents")?
            .query_map([], |row| row.get::<_, String>(0))?
            .filter(|id| id.as_ref().map_or(true, |id| !self.written.contains_key(id)))
            .collect::<Result<_, _>>()?;
        for id in &stale {
            delete_incident(conn, id, self.writes_derived)?;
            self.changes.removed += 1;
        }
        Store::failpoint(armed, "replace_resolution.after_incidents")?;
        write_context(conn, context)?;
        // Group ids derive from the earliest member, so a repeated id is the same group listed
        // twice; keeping the first is harmless, failing the whole resolution would not be.
        let mut group_ids = HashSet::new();
        let mut encoded = Vec::with_capacity(groups.len());
        for group in groups {
            if group_ids.insert(group.id.as_str()) {
                let what = format!("syndication group {}", group.id);
                encoded.push((group.id.clone(), to_json(&group.documents, &what)?));
            }
        }
        write_groups(conn, &encoded)?;
        let incident_changes = incident_changes
            .iter()
            .map(|c| Ok((c, to_json(&c.others, &format!("change of incident {}", c.incident))?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        write_incident_changes(conn, &incident_changes)?;
        Ok(())
    }
}

/// Replaces the context mentions when they differ from `context`. They are compared with the
/// stored rows one at a time, each encoded only while it is compared or written, so that
/// neither the stored nor the new context sits in memory as JSON.
fn write_context(conn: &Connection, context: &[ContextMention]) -> Result<(), StoreError> {
    let what = |c: &ContextMention| format!("context mention {}", c.mention);
    let stored: i64 = conn
        .prepare_cached("SELECT count(*) FROM context_mentions")?
        .query_row([], |row| row.get(0))?;
    if usize::try_from(stored).ok() == Some(context.len()) {
        let mut same = true;
        let mut read =
            conn.prepare_cached("SELECT json FROM context_mentions ORDER BY position")?;
        let mut rows = read.query([])?;
        for mention in context {
            let Some(row) = rows.next()? else {
                same = false;
                break;
            };
            if row.get_ref(0)?.as_str().ok() != Some(to_json(mention, &what(mention))?.as_str()) {
                same = false;
                break;
            }
        }
        if same {
            return Ok(());
        }
    }
    conn.execute("DELETE FROM context_mentions", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO context_mentions (position, mention, claim, document, json) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, mention) in context.iter().enumerate() {
        insert.execute(params![
            position,
            mention.mention.as_str(),
            mention.claim.as_str(),
            mention.document.as_str(),
            to_json(mention, &what(mention))?,
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

/// Appends the merges and splits of this run (each with its `others` as JSON).
fn write_incident_changes(
    conn: &Connection,
    changes: &[(&IncidentChange, String)],
) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO incident_changes (at, kind, incident, others, reason) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let at = time_to_text(Utc::now());
    for (change, others) in changes {
        insert.execute(params![
            at,
            change.kind.as_str(),
            change.incident.as_str(),
            others,
            change.reason
        ])?;
    }
    Ok(())
}

/// Removes the incident `id` with its facets and summary when `derived` (the store writes
/// them, schema 14 on; before it, triggers removed them).
fn delete_incident(conn: &Connection, id: &str, derived: bool) -> Result<(), StoreError> {
    if derived {
        conn.prepare_cached(
            "DELETE FROM incident_summaries \
             WHERE incident = (SELECT rowid FROM incidents WHERE id = ?1)",
        )?
        .execute([id])?;
        conn.prepare_cached("DELETE FROM incident_facets WHERE incident = ?1")?.execute([id])?;
    }
    conn.prepare_cached("DELETE FROM incidents WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Replaces the facets and summary of the incident just stored as `json`: the rows the
/// triggers of schemas 6 and 11 wrote, derived here from the few fields the writer decodes,
/// because those triggers' JSON functions held about ten times a large incident's text at once
/// (decision 0031).
fn write_derived(
    conn: &Connection,
    incident: &IncidentColumns<'_>,
    json: &str,
) -> Result<(), StoreError> {
    let id = incident.id.as_str();
    conn.prepare_cached("DELETE FROM incident_facets WHERE incident = ?1")?.execute([id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO incident_facets (facet, value, incident) VALUES (?1, ?2, ?3)",
    )?;
    // Sets, as the triggers' DISTINCT: one row per value.
    let statuses: BTreeSet<&str> = incident
        .facts
        .iter()
        .filter_map(|fact| fact.status.as_ref().map(|s| s.0.as_ref()))
        .collect();
    for status in statuses {
        insert.execute(params!["status", status, id])?;
    }
    let claims: BTreeSet<&str> = incident.claims.iter().map(|claim| claim.0.as_ref()).collect();
    // A claim id names one claim, but the triggers' join took the kind of every row with it,
    // so this does too.
    let mut kinds = BTreeSet::new();
    let mut kind_of = conn.prepare_cached("SELECT source_kind FROM claims WHERE id = ?1")?;
    for claim in &claims {
        let mut rows = kind_of.query([claim])?;
        while let Some(row) = rows.next()? {
            kinds.insert(row.get::<_, String>(0)?);
        }
    }
    for kind in &kinds {
        insert.execute(params!["source_kind", kind, id])?;
    }
    for claim in &claims {
        insert.execute(params!["claim", claim, id])?;
    }
    // Keyed by the incident row's rowid, which every list index carries (schema 11).
    let rowid: i64 = conn
        .prepare_cached("SELECT rowid FROM incidents WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO incident_summaries (incident, json) VALUES (?1, ?2)",
    )?
    .execute(params![rowid, summary_json(json)?])?;
    Ok(())
}

/// Sets the status and source-kind masks of incident `id` from its facet rows, written just
/// before, giving each value not seen before the next free bit of its facet (schema 15).
fn write_masks(conn: &Connection, id: &str) -> Result<(), StoreError> {
    // One value per statement, so that each new value sees the bit the one before it took.
    let mut new_values = conn.prepare_cached(
        "SELECT f.facet, f.value FROM incident_facets AS f \
         WHERE f.incident = ?1 AND f.facet IN ('status', 'source_kind') \
         AND NOT EXISTS (SELECT 1 FROM facet_bits AS b \
                         WHERE b.facet = f.facet AND b.value = f.value)",
    )?;
    let unseen = new_values
        .query_map([id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (facet, value) in unseen {
        // The CHECK on `bit` refuses a 64th value of one facet, which the closed vocabularies
        // of DESIGN.md are far from.
        conn.prepare_cached(
            "INSERT INTO facet_bits (facet, value, bit) \
             SELECT ?1, ?2, COALESCE(max(bit) + 1, 0) FROM facet_bits WHERE facet = ?1",
        )?
        .execute(params![facet, value])?;
    }
    // The same sums as migration 15, which masks the incidents stored before it.
    conn.prepare_cached(
        "UPDATE incidents SET \
         status_mask = (SELECT COALESCE(sum(1 << b.bit), 0) FROM incident_facets AS f \
             JOIN facet_bits AS b ON b.facet = f.facet AND b.value = f.value \
             WHERE f.incident = ?1 AND f.facet = 'status'), \
         source_kind_mask = (SELECT COALESCE(sum(1 << b.bit), 0) FROM incident_facets AS f \
             JOIN facet_bits AS b ON b.facet = f.facet AND b.value = f.value \
             WHERE f.incident = ?1 AND f.facet = 'source_kind') \
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// The summary of the incident encoded as `json`: the object without [`NOT_IN_SUMMARY`], every
/// other field's text kept byte for byte and in its place, as SQLite's `json_remove` gave it
/// (schema 11). The text is copied, never decoded, so a float reads back as it was written.
fn summary_json(json: &str) -> Result<String, StoreError> {
    let fields: TopLevelFields<'_> = serde_json::from_str(json)
        .map_err(|err| StoreError::NotAnIncident { detail: err.to_string() })?;
    let mut summary = String::with_capacity(json.len().min(4096));
    summary.push('{');
    for (key, value) in fields.0.iter().filter(|(key, _)| !NOT_IN_SUMMARY.contains(&key.as_str())) {
        if summary.len() > 1 {
            summary.push(',');
        }
        // Serde writes a key as a JSON string; re-encoding gives its text back.
        summary.push_str(
            &serde_json::to_string(key)
                .map_err(|err| StoreError::NotAnIncident { detail: err.to_string() })?,
        );
        summary.push(':');
        summary.push_str(value.get());
    }
    summary.push('}');
    Ok(summary)
}

/// The top-level fields of a JSON object in their order, each value as its text in the input.
struct TopLevelFields<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for TopLevelFields<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Collects the entries of the object in order.
        struct FieldsVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for FieldsVisitor<'a> {
            type Value = TopLevelFields<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    fields.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(TopLevelFields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor(std::marker::PhantomData))
    }
}

/// The fields of an incident's JSON that the `incidents` table has columns for, and those its
/// facets derive from; the rest of the text is skipped, not decoded.
#[derive(serde::Deserialize)]
struct IncidentColumns<'a> {
    id: IncidentId,
    #[serde(rename = "type")]
    event_type: Option<EventType>,
    grade: IncidentGrade,
    time: TimeColumns,
    place: PlaceColumns,
    /// The status of each fact, for the `status` facet.
    #[serde(borrow)]
    facts: Vec<FactStatus<'a>>,
    /// The claims, for the `claim` and `source_kind` facets.
    #[serde(borrow)]
    claims: Vec<Text<'a>>,
}

/// Of one fact of [`IncidentColumns`], only its status.
#[derive(serde::Deserialize)]
struct FactStatus<'a> {
    #[serde(borrow)]
    status: Option<Text<'a>>,
}

/// A JSON string, borrowed from the text unless it has escapes: a large incident lists
/// thousands of claims, each otherwise its own allocation.
#[derive(serde::Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

/// The bounds of an incident's time, of [`IncidentColumns`].
#[derive(serde::Deserialize)]
struct TimeColumns {
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
}

/// The country of an incident's place, of [`IncidentColumns`].
#[derive(serde::Deserialize)]
struct PlaceColumns {
    country_code: Option<String>,
}

/// Only what [`IncidentMembers`] needs of a stored incident's JSON.
#[derive(serde::Deserialize)]
struct MembersOnly {
    id: IncidentId,
    claims: Vec<ClaimId>,
    documents: Vec<DocumentId>,
}

impl Store {
    /// The id, claims and documents of every stored incident, in stored order: what resolve
    /// needs to carry ids over and to find merges and splits.
    pub fn incident_members(&self) -> Result<Vec<IncidentMembers>, StoreError> {
        self.conn
            .prepare_cached("SELECT json FROM incidents ORDER BY position")?
            .query_map([], |row| row.get::<_, String>(0))?
            .map(|json| {
                let m: MembersOnly = from_json(&json?, "incident")?;
                Ok(IncidentMembers { id: m.id, claims: m.claims, documents: m.documents })
            })
            .collect()
    }

    /// Recorded merges and splits, oldest first: all of them, or those naming incident `id`
    /// (as the incident changed or as one it went into).
    pub fn incident_changes(
        &self,
        id: Option<&str>,
    ) -> Result<Vec<RecordedIncidentChange>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, kind, incident, others, reason FROM incident_changes \
             WHERE ?1 IS NULL OR incident = ?1 OR others LIKE '%\"' || ?1 || '\"%' ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([id], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(seq, at, kind, incident, others, reason)| {
                let what = format!("incident change {seq}");
                Ok(RecordedIncidentChange {
                    at: time_from_text(&at, &what)?,
                    change: IncidentChange {
                        kind: vocab_from_text(&kind, &what)?,
                        incident: IncidentId::from(incident),
                        others: from_json(&others, &what)?,
                        reason,
                    },
                })
            })
            .collect()
    }

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
        self.replace_resolution_recording(resolution, &[])
    }

    /// [`Store::replace_resolution`], recording in the same transaction the merges and splits
    /// that led from the stored resolution to `resolution` (see `corroborate_resolve::carry_over`).
    pub fn replace_resolution_recording(
        &mut self,
        resolution: &Resolution,
        incident_changes: &[IncidentChange],
    ) -> Result<ResolutionChanges, StoreError> {
        self.write_resolution_with(|writer, armed| {
            writer.finish(
                &resolution.incidents,
                &resolution.context,
                &resolution.syndication_groups,
                incident_changes,
                armed,
            )
        })
    }

    /// Replaces the stored resolution in one write transaction, like
    /// [`Store::replace_resolution_recording`], but `write` can store incidents one at a time
    /// through the [`ResolutionWriter`] it is given, and read the store meanwhile
    /// ([`ResolutionWriter::store`]), so that a resolve can store each incident as soon as it
    /// is built. `write` returns the rest of the resolution (its incidents, if any, follow
    /// those already written) and the merges and splits to record.
    ///
    /// The transaction holds the write lock from the start, so the reads inside agree with
    /// each other and other writers wait (up to the busy timeout, then fail) until it ends.
    /// When `write` or any write fails, nothing is stored and the previous resolution stays.
    pub fn write_resolution<E: From<StoreError>>(
        &mut self,
        write: impl FnOnce(&mut ResolutionWriter<'_>) -> Result<(Resolution, Vec<IncidentChange>), E>,
    ) -> Result<ResolutionChanges, E> {
        self.write_resolution_with(|writer, armed| {
            let (rest, incident_changes) = write(writer)?;
            writer
                .finish(
                    &rest.incidents,
                    &rest.context,
                    &rest.syndication_groups,
                    &incident_changes,
                    armed,
                )
                .map_err(E::from)
        })
    }

    /// Runs `write` with a [`ResolutionWriter`] inside one immediate transaction, commits when
    /// it succeeds, and refreshes the incidents' statistics when any changed.
    fn write_resolution_with<E: From<StoreError>>(
        &mut self,
        write: impl FnOnce(&mut ResolutionWriter<'_>, Option<&'static str>) -> Result<(), E>,
    ) -> Result<ResolutionChanges, E> {
        let armed = self.armed_failpoint();
        let changes = {
            // Unchecked, because the writer reads and writes through `&Store`; this is the
            // connection's only transaction, and dropping it without commit rolls it back.
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
                .map_err(StoreError::from)?;
            let mut writer = ResolutionWriter::new(self)?;
            write(&mut writer, armed)?;
            let changes = writer.changes;
            tx.commit().map_err(StoreError::from)?;
            changes
        };
        if changes.new + changes.updated + changes.removed > 0 {
            // Fresh statistics let the planner pick the narrowest index for a list filter (a
            // country rather than a grade); about 0.15 s per 100,000 incidents.
            self.conn.execute_batch("ANALYZE incidents").map_err(StoreError::from)?;
        }
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
    use crate::browse::IncidentFilter;
    use crate::testutil::{incident, review, seed_like};
    use corroborate_model::{
        ClaimId, Document, DocumentId, IncidentGrade, MentionId, ReviewAction, Specificity,
    };

    fn resolution_of(incidents: Vec<Incident>) -> Resolution {
        Resolution { incidents, ..Resolution::default() }
    }

    /// Every incident's summary and every facet row, by incident id, sorted.
    type Derived = (Vec<(String, String)>, Vec<(String, String, String)>);

    fn derived(store: &Store) -> Derived {
        let summaries = store
            .conn
            .prepare(
                "SELECT i.id, s.json FROM incident_summaries AS s \
                 JOIN incidents AS i ON i.rowid = s.incident ORDER BY i.id",
            )
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let n_summaries: usize = store
            .conn
            .query_row("SELECT count(*) FROM incident_summaries", [], |row| row.get(0))
            .unwrap();
        assert_eq!(n_summaries, summaries.len(), "no summary outlives its incident");
        let facets = store
            .conn
            .prepare(
                "SELECT incident, facet, value FROM incident_facets \
                 ORDER BY incident, facet, value",
            )
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        (summaries, facets)
    }

    /// Checks that every incident's status and source-kind masks name exactly the values of its
    /// facet rows, and returns how many (incident, facet value) pairs they hold.
    fn assert_masks_agree_with_facets(store: &Store) -> usize {
        let mut checked = 0;
        for (facet, column) in [("status", "status_mask"), ("source_kind", "source_kind_mask")] {
            let rows: Vec<(String, Option<String>, Option<String>)> = store
                .conn
                .prepare(&format!(
                    "SELECT i.id, \
                     (SELECT group_concat(value, ',') FROM (SELECT value FROM incident_facets \
                      WHERE incident = i.id AND facet = ?1 ORDER BY value)), \
                     (SELECT group_concat(value, ',') FROM (SELECT value FROM facet_bits \
                      WHERE facet = ?1 AND (i.{column} >> bit) & 1 = 1 ORDER BY value)) \
                     FROM incidents AS i"
                ))
                .unwrap()
                .query_map([facet], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for (id, facets, masked) in rows {
                assert_eq!(masked, facets, "{facet} of {id}");
                checked += facets.map_or(0, |values| values.split(',').count());
            }
        }
        checked
    }

    #[test]
    fn a_value_first_written_takes_the_next_bit_and_masks_follow_each_write() {
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        let claims: Vec<ClaimId> = analysis.claims.iter().map(|c| c.id.clone()).collect();
        let mut store = Store::open_in_memory().unwrap();
        store.put_document(&doc, &analysis).unwrap();
        let a = detailed_incident("i000000000001", &doc, &claims);
        store.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
        let bits: Vec<(String, String, i64)> = store
            .conn
            .prepare("SELECT facet, value, bit FROM facet_bits ORDER BY facet, bit")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let statuses: Vec<i64> =
            bits.iter().filter(|(facet, ..)| facet == "status").map(|(.., bit)| *bit).collect();
        assert_eq!(statuses, [0, 1], "disputed and single source, bits in order: {bits:?}");
        assert!(assert_masks_agree_with_facets(&store) >= 3);
        // An update that drops a status clears its bit; the bit stays the value's.
        let mut a_one = a.clone();
        a_one.facts.truncate(1);
        store.replace_resolution(&resolution_of(vec![a_one])).unwrap();
        assert!(assert_masks_agree_with_facets(&store) >= 2);
        let filter = |status| IncidentFilter { status: Some(status), ..IncidentFilter::default() };
        let page = |status| store.incidents_page(&filter(status), 0, 10).unwrap().total;
        assert_eq!(page(corroborate_model::FactStatus::Disputed), 1);
        assert_eq!(page(corroborate_model::FactStatus::SingleSource), 0);
        // A status no incident has had has no bit, and matches nothing.
        assert_eq!(page(corroborate_model::FactStatus::Corroborated), 0);
    }

    /// An incident with facts, claims (one unknown, one twice), a contradiction, a timeline
    /// entry, and text and numbers whose encoding a decode and re-encode could change.
    fn detailed_incident(id: &str, doc: &Document, claims: &[ClaimId]) -> Incident {
        use corroborate_model::{
            Contradiction, Fact, FactAttribute, FactStatus, Flag, TimelineEntry,
        };
        let fact = |status: FactStatus, value: &str| Fact {
            attribute: FactAttribute::Type,
            value: value.into(),
            status,
            independent_sources: 1,
            support: claims.to_vec(),
            oppose: vec![],
            inferred: false,
        };
        let mut listed = claims.to_vec();
        listed.push(ClaimId("c-not-stored".into()));
        listed.extend(claims.first().cloned());
        let mut incident = incident(id, IncidentGrade::Contested, doc);
        incident.grade_reason = "said \"twice\" \\ é – \u{1}\u{7f}\u{2028} 𝄞".into();
        incident.place.lat = Some(0.1 + 0.2);
        incident.place.lon = Some(-1e-7);
        incident.facts = vec![
            fact(FactStatus::Disputed, "air_or_drone_strike"),
            fact(FactStatus::SingleSource, "shelling"),
            fact(FactStatus::Disputed, "raid"),
        ];
        incident.claims = listed;
        incident.flags = vec![Flag {
            code: "headline_overstates".into(),
            message: "the headline says \"dozens\"".into(),
            claims: claims.to_vec(),
        }];
        incident.contradictions = vec![Contradiction {
            attribute: FactAttribute::Type,
            value: "raid".into(),
            support: claims.to_vec(),
            oppose: claims.to_vec(),
        }];
        incident.timeline = vec![TimelineEntry {
            date: None,
            document: doc.id.clone(),
            summary: "first report".into(),
            claims: claims.to_vec(),
        }];
        incident
    }

    #[test]
    fn the_store_writes_the_facets_and_summaries_the_triggers_wrote() {
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        let claims: Vec<ClaimId> = analysis.claims.iter().map(|c| c.id.clone()).collect();
        let a = detailed_incident("i000000000001", &doc, &claims);
        let b = detailed_incident("i000000000002", &doc, &claims[1..]);
        let mut b_updated = b.clone();
        b_updated.facts.truncate(1);
        b_updated.claims = vec![claims[2].clone()];
        b_updated.place.lat = Some(1e300);
        let c = detailed_incident("i000000000003", &doc, &claims[..1]);
        let mut c_natural = c.clone();
        c_natural.id = IncidentId("i000000000009".into());

        // Schema 13, whose triggers wrote the rows, beside this build's schema.
        let mut triggers = Store::unmigrated(Connection::open_in_memory().unwrap()).unwrap();
        crate::migrate::migrate_to(&mut triggers.conn, DERIVED_BY_THE_STORE - 1).unwrap();
        let mut rust = Store::open_in_memory().unwrap();
        for store in [&mut triggers, &mut rust] {
            store.put_document(&doc, &analysis).unwrap();
        }
        let steps: [&dyn Fn(&mut Store); 4] = [
            &|store| {
                store.replace_resolution(&resolution_of(vec![a.clone(), b.clone()])).unwrap();
            },
            // An update, a move, an unchanged incident, a new one.
            &|store| {
                store
                    .replace_resolution(&resolution_of(vec![
                        b_updated.clone(),
                        a.clone(),
                        c.clone(),
                    ]))
                    .unwrap();
            },
            // A rename and a removal.
            &|store| {
                store
                    .write_resolution(|writer| {
                        writer.write_incident(&c_natural)?;
                        writer.rename_incident(&c_natural.id, &c.id)?;
                        writer.write_incident(&b_updated)?;
                        Ok::<_, StoreError>((Resolution::default(), vec![]))
                    })
                    .unwrap();
            },
            &|store| {
                store.replace_resolution(&Resolution::default()).unwrap();
            },
        ];
        for (n, step) in steps.iter().enumerate() {
            step(&mut triggers);
            step(&mut rust);
            let (expected, got) = (derived(&triggers), derived(&rust));
            assert_eq!(got, expected, "after step {n}");
            assert_masks_agree_with_facets(&rust);
            if n < 3 {
                assert!(!got.0.is_empty() && !got.1.is_empty(), "step {n} checks some rows");
            }
        }
    }

    #[test]
    fn migration_14_keeps_the_rows_the_triggers_wrote_and_drops_the_triggers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v13.db");
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        let claims: Vec<ClaimId> = analysis.claims.iter().map(|c| c.id.clone()).collect();
        let a = detailed_incident("i000000000001", &doc, &claims);
        let before = {
            let mut v13 = Store::unmigrated(Connection::open(&path).unwrap()).unwrap();
            crate::migrate::migrate_to(&mut v13.conn, 13).unwrap();
            v13.put_document(&doc, &analysis).unwrap();
            v13.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
            derived(&v13)
        };
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), crate::migrate::latest_version());
        let n_triggers: u32 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incidents'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(n_triggers, 0);
        assert_eq!(derived(&store), before);
        // Migration 15 masked the incidents stored before it.
        assert!(assert_masks_agree_with_facets(&store) >= 3);
        // The store now keeps them in step itself.
        let mut a_fair = a.clone();
        a_fair.grade = IncidentGrade::Fair;
        a_fair.claims.truncate(1);
        store.replace_resolution(&resolution_of(vec![a_fair.clone()])).unwrap();
        let fresh = Store::open_in_memory().unwrap();
        let mut fresh = fresh;
        fresh.put_document(&doc, &analysis).unwrap();
        fresh.replace_resolution(&resolution_of(vec![a_fair])).unwrap();
        assert_eq!(derived(&store), derived(&fresh));
        assert_ne!(derived(&store), before);
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
    fn incidents_written_one_at_a_time_store_what_replacing_the_whole_stores() {
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let a = incident("i000000000001", IncidentGrade::Weak, &doc);
        let b = incident("i000000000002", IncidentGrade::Fair, &doc);
        let c = incident("i000000000003", IncidentGrade::Weak, &doc);
        let groups = vec![SyndicationGroup { id: "gx".into(), documents: vec![doc.id.clone()] }];
        let first = Resolution {
            incidents: vec![a.clone(), b.clone()],
            context: vec![],
            syndication_groups: groups.clone(),
        };
        let mut b_contested = b.clone();
        b_contested.grade = IncidentGrade::Contested;
        let second = Resolution {
            incidents: vec![c.clone(), b_contested.clone()],
            context: vec![],
            syndication_groups: groups.clone(),
        };

        let mut whole = Store::open_in_memory().unwrap();
        let mut streamed = Store::open_in_memory().unwrap();
        for resolution in [&first, &second] {
            let expected = whole.replace_resolution(resolution).unwrap();
            let got = streamed
                .write_resolution(|writer| {
                    for incident in &resolution.incidents {
                        writer.write_incident(incident)?;
                    }
                    let rest = Resolution { incidents: vec![], ..resolution.clone() };
                    Ok::<_, StoreError>((rest, vec![]))
                })
                .unwrap();
            assert_eq!(got, expected);
            assert_eq!(streamed.resolution().unwrap(), whole.resolution().unwrap());
        }
        assert_eq!(
            streamed.write_resolution(|_| Ok::<_, StoreError>((second.clone(), vec![]))).unwrap(),
            ResolutionChanges { unchanged: 2, ..ResolutionChanges::default() },
            "incidents returned with the rest are written too"
        );
    }

    #[test]
    fn a_renamed_incident_reads_back_as_if_written_with_its_new_id() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let mut old = incident("i000000000001", IncidentGrade::Weak, &doc);
        // A coordinate whose decimal form is long, so that a decode and re-encode would show.
        old.place.lat = Some(0.1 + 0.2);
        store.replace_resolution(&resolution_of(vec![old.clone()])).unwrap();
        let mut natural = old.clone();
        natural.id = IncidentId("i000000000009".into());

        let changes = store
            .write_resolution(|writer| {
                writer.write_incident(&natural)?;
                writer.rename_incident(&natural.id, &old.id)?;
                Ok::<_, StoreError>((Resolution::default(), vec![]))
            })
            .unwrap();
        assert_eq!(changes, ResolutionChanges { unchanged: 1, ..ResolutionChanges::default() });
        let json: String = store
            .conn
            .query_row("SELECT json FROM incidents WHERE id = ?1", [old.id.as_str()], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(json, to_json(&old, "incident").unwrap());
        assert_eq!(store.resolution().unwrap().incidents, vec![old.clone()]);

        // Renaming an incident not written in this transaction fails, and nothing changes.
        let err = store
            .write_resolution(|writer| {
                writer.write_incident(&natural)?;
                writer.rename_incident(&IncidentId("i000000000005".into()), &old.id)?;
                Ok::<_, StoreError>((Resolution::default(), vec![]))
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { kind: "incident", .. }), "{err:?}");
        assert_eq!(store.resolution().unwrap().incidents, vec![old]);
    }

    #[test]
    fn an_incident_given_as_json_is_stored_as_given_and_counted_like_one_given_whole() {
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let mut a = incident("i000000000001", IncidentGrade::Fair, &doc);
        a.place.country_code = Some("VE".into());
        a.time.earliest = chrono::NaiveDate::from_ymd_opt(2025, 9, 2);
        a.time.latest = a.time.earliest;
        // A coordinate whose decimal form is long: the text is stored, not decoded and encoded.
        a.place.lat = Some(0.1 + 0.2);
        let json = serde_json::to_string(&a).unwrap();
        let mut whole = Store::open_in_memory().unwrap();
        let mut encoded = Store::open_in_memory().unwrap();
        for _ in 0..2 {
            let expected = whole.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
            let got = encoded
                .write_resolution(|writer| {
                    writer.write_incident_json(&json)?;
                    Ok::<_, StoreError>((Resolution::default(), vec![]))
                })
                .unwrap();
            assert_eq!(got, expected);
        }
        let columns = |store: &Store| -> (String, Option<String>, Option<String>, String, String) {
            store
                .conn
                .query_row(
                    "SELECT grade, country_code, earliest, latest, json FROM incidents",
                    [],
                    |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get::<_, String>(3)?,
                            row.get(4)?,
                        ))
                    },
                )
                .unwrap()
        };
        assert_eq!(columns(&encoded), columns(&whole));
        assert_eq!(columns(&encoded).4, json);

        let err = encoded
            .write_resolution(|writer| {
                writer.write_incident_json("{\"id\":\"i000000000002\"}")?;
                Ok::<_, StoreError>((Resolution::default(), vec![]))
            })
            .unwrap_err();
        assert!(matches!(err, StoreError::NotAnIncident { .. }), "{err:?}");
        assert_eq!(encoded.resolution().unwrap().incidents, vec![a]);
    }

    #[test]
    fn a_failure_between_incidents_keeps_the_previous_resolution() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let before = resolution_of(vec![incident("i000000000001", IncidentGrade::Weak, &doc)]);
        store.replace_resolution(&before).unwrap();
        let result: Result<_, StoreError> = store.write_resolution(|writer| {
            writer.write_incident(&incident("i000000000002", IncidentGrade::Fair, &doc))?;
            Err(StoreError::NotFound { kind: "document", id: "a report that went away".into() })
        });
        assert!(result.is_err());
        assert_eq!(store.resolution().unwrap(), before);
        let repeated = store.write_resolution(|writer| {
            let a = incident("i000000000003", IncidentGrade::Fair, &doc);
            writer.write_incident(&a)?;
            writer.write_incident(&a)?;
            Ok::<_, StoreError>((Resolution::default(), vec![]))
        });
        assert!(matches!(repeated, Err(StoreError::DuplicateIncident { .. })), "{repeated:?}");
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

    #[test]
    fn merges_and_splits_are_recorded_with_the_resolution_and_found_by_either_incident() {
        use corroborate_model::IncidentChangeKind;
        let mut store = Store::open_in_memory().unwrap();
        let (doc, _) = seed_like("A drone strike hit a dock.");
        let a = incident("i000000000001", IncidentGrade::Weak, &doc);
        store.replace_resolution(&resolution_of(vec![a.clone()])).unwrap();
        let members = store.incident_members().unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!((&members[0].id, &members[0].claims), (&a.id, &a.claims));

        let merge = IncidentChange {
            kind: IncidentChangeKind::Merged,
            incident: IncidentId("i000000000002".into()),
            others: vec![a.id.clone()],
            reason: "its claims now cluster with i000000000001".into(),
        };
        store
            .replace_resolution_recording(
                &resolution_of(vec![a.clone()]),
                std::slice::from_ref(&merge),
            )
            .unwrap();
        let by_merged = store.incident_changes(Some("i000000000002")).unwrap();
        let by_survivor = store.incident_changes(Some(a.id.as_str())).unwrap();
        assert_eq!(by_merged.len(), 1);
        assert_eq!(by_merged, by_survivor);
        assert_eq!(by_merged[0].change, merge);
        assert!(store.incident_changes(Some("i000000000003")).unwrap().is_empty());
        assert_eq!(store.incident_changes(None).unwrap().len(), 1);

        // A failed replacement records nothing.
        store.failpoint = Some("replace_resolution.after_incidents");
        assert!(store.replace_resolution_recording(&resolution_of(vec![]), &[merge]).is_err());
        store.failpoint = None;
        assert_eq!(store.incident_changes(None).unwrap().len(), 1);
    }
}
