//! What the server's lists need, done in SQL: filtered and paged incidents with their total,
//! counts by facet, full-text search over documents and claims (through `search`), and the hash of the
//! review API's token.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use corroborate_model::{EventType, FactStatus, Incident, IncidentGrade, SourceKind};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

use crate::codec::{claimed_words, date_to_text, from_json, text_lossy, time_to_text};
use crate::excerpt::{excerpt, SearchWord};
use crate::{Store, StoreError};

/// Which incidents [`Store::incidents_page`] returns. Every filter that is set must pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFilter {
    /// Only incidents of this event type.
    pub event_type: Option<EventType>,
    /// Only incidents placed in this country (ISO 3166-1 alpha-2, upper case).
    pub country: Option<String>,
    /// Only incidents with this grade.
    pub grade: Option<IncidentGrade>,
    /// Only incidents with at least one fact of this status (e.g. `disputed`).
    pub status: Option<FactStatus>,
    /// Only incidents with at least one stored claim from a source of this kind.
    pub source_kind: Option<SourceKind>,
    /// Only incidents whose time may fall on or after this day (latest bound ≥ it).
    pub from: Option<NaiveDate>,
    /// Only incidents whose time may fall on or before this day (earliest bound ≤ it).
    pub to: Option<NaiveDate>,
}

/// One page of incidents and how many pass the filter in all.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentPage {
    /// Incidents that pass the filter, before paging.
    pub total: usize,
    /// The page, in resolution order.
    pub incidents: Vec<Incident>,
}

/// How much of each incident a list page holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IncidentView {
    /// The whole incident, as [`Store::incident`] returns it.
    #[default]
    Full,
    /// The incident without `facts`, `claims`, `contradictions` and `timeline`: what a list
    /// row, a map marker or a count needs, about a quarter of the bytes. The fields it keeps
    /// have the names, values and order they have in the whole incident.
    Summary,
}

/// One page of incidents as their stored JSON, and how many pass the filter in all.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentJsonPage {
    /// Incidents that pass the filter, before paging.
    pub total: usize,
    /// The page, in resolution order: each incident's JSON object as stored (the serde form
    /// of [`Incident`], or its summary), ready to be sent without decoding it.
    pub items: Vec<String>,
}

/// How many incidents that pass a filter fall under each value of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The facet: `type`, `country`, `grade` or `month`.
    pub facet: &'static str,
    /// The value (an event type id, a country code, a grade id); empty when unknown.
    pub value: String,
    /// Number of incidents.
    pub count: usize,
}

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    /// A document: its title or text matched.
    Document,
    /// A claim: its content or its source as written matched.
    Claim,
}

/// One full-text search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// A document or a claim.
    pub kind: HitKind,
    /// The document id, or the claim id.
    pub id: String,
    /// The document the hit is in.
    pub document: String,
    /// A short plain-text excerpt around the match (no markup; render it escaped).
    pub excerpt: String,
}

/// One page of search hits and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// Hits in all.
    pub total: usize,
    /// This page: best matches first (BM25 over every hit), documents and claims together.
    pub hits: Vec<SearchHit>,
}

/// The WHERE clause and parameters of `filter` over `incidents AS i`.
fn incident_where(filter: &IncidentFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(event_type) = filter.event_type {
        clauses.push("i.event_type = ?");
        values.push(Value::Text(event_type.as_str().to_string()));
    }
    if let Some(country) = &filter.country {
        clauses.push("i.country_code = ?");
        values.push(Value::Text(country.to_ascii_uppercase()));
    }
    if let Some(grade) = filter.grade {
        clauses.push("i.grade = ?");
        values.push(Value::Text(grade.as_str().to_string()));
    }
    // A status or source kind is a bit of the incident row's mask, found in the index being
    // walked (schema 15, decision 0035); a value that no incident has ever had has no bit, and
    // the NULL it gives matches nothing.
    if let Some(status) = filter.status {
        clauses.push(
            "(i.status_mask & (SELECT 1 << bit FROM facet_bits \
             WHERE facet = 'status' AND value = ?)) != 0",
        );
        values.push(Value::Text(status.as_str().to_string()));
    }
    if let Some(kind) = filter.source_kind {
        clauses.push(
            "(i.source_kind_mask & (SELECT 1 << bit FROM facet_bits \
             WHERE facet = 'source_kind' AND value = ?)) != 0",
        );
        values.push(Value::Text(kind.as_str().to_string()));
    }
    if let Some(from) = date_to_text(filter.from) {
        // An open latest bound falls back to the earliest one.
        clauses.push("COALESCE(i.latest, i.earliest) >= ?");
        values.push(Value::Text(from));
    }
    if let Some(to) = date_to_text(filter.to) {
        clauses.push("COALESCE(i.earliest, i.latest) <= ?");
        values.push(Value::Text(to));
    }
    let sql =
        if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, values)
}

/// Most totals one connection remembers; past it the cache starts over.
const MAX_CACHED_TOTALS: usize = 4096;

/// Totals of filtered incident lists counted on one connection, valid while the
/// database is unchanged. Counting every incident that passes a broad filter (a status over a
/// year checks thousands of facet rows) costs far more than reading one page, and a reader
/// paging through a list asks for the same total on every page.
#[derive(Debug, Default)]
pub(crate) struct TotalsCache {
    /// What the database looked like when the totals were counted: SQLite's `data_version`
    /// (moves when another connection commits) and this connection's own total of changed
    /// rows (moves when it writes itself).
    state: (i64, u64),
    /// Total by query and parameters.
    totals: HashMap<String, usize>,
}

/// The query of one page of incidents under `where_sql`, in resolution order. Migration 8's
/// indexes put the position after each filter column, so SQLite reads the page off an index
/// in order instead of sorting every matching incident. A summary is looked up by the rowid
/// that every one of those indexes carries (migration 11), so a summary page never reads the
/// incidents' own rows; the lookup runs only for the rows past the offset.
fn page_sql(where_sql: &str, view: IncidentView) -> String {
    let column = match view {
        IncidentView::Full => "i.json",
        IncidentView::Summary => {
            "(SELECT s.json FROM incident_summaries AS s WHERE s.incident = i.rowid)"
        }
    };
    format!("SELECT {column} FROM incidents AS i {where_sql} ORDER BY i.position LIMIT ? OFFSET ?")
}

/// The words of what a person typed: runs of letters and digits, the last one a prefix when it
/// has more than one letter (a single letter as a prefix would match most of the vocabulary).
pub(crate) fn search_words(input: &str) -> Vec<SearchWord> {
    let mut words: Vec<SearchWord> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| SearchWord {
            typed: word.to_string(),
            folded: crate::search::fold(word),
            prefix: false,
        })
        .collect();
    if let Some(last) = words.last_mut() {
        last.prefix = last.typed.len() > 1;
    }
    words
}

/// Words in a search hit's excerpt (what FTS5's `snippet()` was asked for before).
const EXCERPT_WORDS: usize = 16;

impl Store {
    /// The incidents that pass `filter`, `limit` of them after skipping `offset`, in resolution
    /// order, with the total that pass. Filtering, counting and paging run in SQL on indexed
    /// columns.
    pub fn incidents_page(
        &self,
        filter: &IncidentFilter,
        offset: usize,
        limit: usize,
    ) -> Result<IncidentPage, StoreError> {
        let page = self.incidents_page_json(filter, IncidentView::Full, offset, limit)?;
        let incidents = page
            .items
            .iter()
            .map(|json| from_json::<Incident>(json, "incident"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(IncidentPage { total: page.total, incidents })
    }

    /// Like [`Store::incidents_page`], but each incident as its stored JSON (whole, or its
    /// summary), not decoded: a server sends these bytes as they are, which spares decoding
    /// and re-encoding every incident of every page.
    pub fn incidents_page_json(
        &self,
        filter: &IncidentFilter,
        view: IncidentView,
        offset: usize,
        limit: usize,
    ) -> Result<IncidentJsonPage, StoreError> {
        let (mut where_sql, mut values) = incident_where(filter);
        // One read transaction, so that the remembered total and first position and the page
        // all come from the same state of the database.
        let snapshot = self.conn.unchecked_transaction()?;
        let count_sql = format!("SELECT count(*) FROM incidents AS i {where_sql}");
        let total = self.cached_total(format!("{count_sql}|{values:?}"), || {
            self.conn
                .prepare_cached(&count_sql)?
                .query_row(params_from_iter(values.iter()), |row| row.get(0))
        })?;
        if total > 0 && (filter.from.is_some() || filter.to.is_some()) {
            // A date range walks the position index, and positions follow time roughly, so a
            // page of 2023 first stepped over the 40,000 incidents before it. The position of
            // the first incident that passes is remembered like the total, and the page starts
            // its walk there.
            let first_sql = format!("SELECT min(i.position) FROM incidents AS i {where_sql}");
            let first = self.cached_total(format!("{first_sql}|{values:?}"), || {
                self.conn
                    .prepare_cached(&first_sql)?
                    .query_row(params_from_iter(values.iter()), |row| {
                        Ok(row.get::<_, Option<i64>>(0)?.unwrap_or(0))
                    })
            })?;
            where_sql.push_str(" AND i.position >= ?");
            values.push(Value::Integer(i64::try_from(first).unwrap_or(0)));
        }
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        values.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let items = self
            .conn
            .prepare_cached(&page_sql(&where_sql, view))?
            .query_map(params_from_iter(values.iter()), |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        snapshot.commit()?;
        Ok(IncidentJsonPage { total, items })
    }

    /// How many incidents passing `filter` have each event type, country, grade and month of
    /// their earliest date (`YYYY-MM`), most frequent first within each facet: the counts
    /// beside a list's filters and the timeline's bars.
    pub fn incident_counts(&self, filter: &IncidentFilter) -> Result<Vec<FacetCount>, StoreError> {
        let (where_sql, values) = incident_where(filter);
        let mut counts = Vec::new();
        for (facet, column) in [
            ("type", "i.event_type"),
            ("country", "i.country_code"),
            ("grade", "i.grade"),
            ("month", "substr(i.earliest, 1, 7)"),
        ] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT COALESCE({column}, ''), count(*) AS n FROM incidents AS i {where_sql} \
                 GROUP BY 1 ORDER BY n DESC, 1"
            ))?;
            let rows = stmt.query_map(params_from_iter(values.iter()), |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (value, count) = row?;
                counts.push(FacetCount {
                    facet,
                    value,
                    count: usize::try_from(count).unwrap_or(0),
                });
            }
        }
        Ok(counts)
    }

    /// Full-text search over document titles and texts and over claims (what is claimed and
    /// who is said to claim it), in the index beside the database (`search`): every word of
    /// `input` must match, the last one also as a prefix; punctuation and operators are not
    /// syntax. Best matches first by BM25 over every hit, documents and claims together.
    /// The index is caught up first when this store wrote since its last search, or when it
    /// lags the database and nobody caught it up for a few seconds.
    pub fn search(
        &self,
        input: &str,
        offset: usize,
        limit: usize,
    ) -> Result<SearchPage, StoreError> {
        let words = search_words(input);
        if words.is_empty() {
            return Ok(SearchPage { total: 0, hits: Vec::new() });
        }
        let index = self.search_index()?;
        index.refresh(&self.conn)?;
        let (total, ranked) = index.search(&words, offset, limit)?;
        let mut document_hit =
            self.conn.prepare_cached("SELECT id, id, text FROM documents WHERE seq = ?1")?;
        let mut claim_hit = self.conn.prepare_cached(
            "SELECT c.id, c.document, d.text, json_extract(c.json, '$.content') \
             FROM claims AS c JOIN documents AS d ON d.id = c.document WHERE c.rowid = ?1",
        )?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (is_claim, rowid) in ranked {
            let stmt = if is_claim { &mut claim_hit } else { &mut document_hit };
            // A row deleted since the index's last commit is left out of the page.
            let hit = stmt
                .query_row([rowid], |row| {
                    Ok(SearchHit {
                        kind: if is_claim { HitKind::Claim } else { HitKind::Document },
                        id: row.get(0)?,
                        document: row.get(1)?,
                        excerpt: {
                            let text = text_lossy(row, 2)?;
                            let text = if is_claim {
                                claimed_words(&text, &text_lossy(row, 3)?)
                            } else {
                                &text
                            };
                            excerpt(text, &words, EXCERPT_WORDS)
                        },
                    })
                })
                .optional()?;
            hits.extend(hit);
        }
        Ok(SearchPage { total, hits })
    }

    /// The number `count` gives (a total, or the first position of a filtered list), from the
    /// cache when this connection counted `key` before and the database has not changed since.
    fn cached_total(
        &self,
        key: String,
        count: impl FnOnce() -> Result<i64, rusqlite::Error>,
    ) -> Result<usize, StoreError> {
        let data_version: i64 = self.conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
        let state = (data_version, self.conn.total_changes());
        {
            let mut cache = self.totals.borrow_mut();
            if cache.state != state {
                cache.state = state;
                cache.totals.clear();
            }
            if let Some(total) = cache.totals.get(&key) {
                return Ok(*total);
            }
        }
        let total = usize::try_from(count()?).unwrap_or(0);
        let mut cache = self.totals.borrow_mut();
        if cache.totals.len() >= MAX_CACHED_TOTALS {
            cache.totals.clear();
        }
        cache.totals.insert(key, total);
        Ok(total)
    }

    /// The incidents that rest on each of `claims`: (claim id, incident id) pairs, by claim
    /// then incident, looked up through the facet index.
    pub fn incidents_of_claims(
        &self,
        claims: &[&str],
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT incident FROM incident_facets WHERE facet = 'claim' AND value = ?1 \
             ORDER BY incident",
        )?;
        let mut pairs = Vec::new();
        for claim in claims {
            let incidents = stmt.query_map([claim], |row| row.get::<_, String>(0))?;
            for incident in incidents {
                pairs.push((claim.to_string(), incident?));
            }
        }
        Ok(pairs)
    }

    /// The SHA-256 (lower-case hex) of the review API's bearer token, if one was set.
    pub fn api_token_hash(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT sha256 FROM api_token WHERE one = 1")?
            .query_row([], |row| row.get(0))
            .optional()?)
    }

    /// Keeps `sha256` (lower-case hex) as the hash of the review API's token, replacing any
    /// earlier one.
    pub fn set_api_token_hash(&mut self, sha256: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO api_token (one, sha256, created_at) VALUES (1, ?1, ?2) \
                 ON CONFLICT (one) DO UPDATE SET sha256 = excluded.sha256, \
                 created_at = excluded.created_at",
            )?
            .execute(rusqlite::params![sha256, time_to_text(Utc::now())])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{self, SearchIndexState};
    use crate::testutil::{incident, seed_like};
    use corroborate_model::{Fact, FactAttribute, Resolution};

    /// SQLite's plan for a page under `filter` in `view` (or for its total, with `None`), one
    /// line per step.
    fn page_plan(store: &Store, filter: &IncidentFilter, view: Option<IncidentView>) -> String {
        let (where_sql, mut values) = incident_where(filter);
        let sql = match view {
            None => format!("SELECT count(*) FROM incidents AS i {where_sql}"),
            Some(view) => {
                values.extend([Value::Integer(50), Value::Integer(0)]);
                page_sql(&where_sql, view)
            }
        };
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let lines = stmt
            .query_map(params_from_iter(values.iter()), |row| row.get::<_, String>(3))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        lines.join("\n")
    }

    #[test]
    fn filtered_pages_are_read_off_an_index_in_order() {
        let store = Store::open_in_memory().unwrap();
        let by_type =
            IncidentFilter { event_type: Some(EventType::GroundRaid), ..IncidentFilter::default() };
        let by_country = IncidentFilter { country: Some("VE".into()), ..IncidentFilter::default() };
        let by_grade =
            IncidentFilter { grade: Some(IncidentGrade::Weak), ..IncidentFilter::default() };
        for (filter, index) in [
            (by_type, "incidents_by_type_position"),
            (by_country, "incidents_by_country_position"),
            (by_grade, "incidents_by_grade_position"),
        ] {
            for view in [IncidentView::Full, IncidentView::Summary] {
                let plan = page_plan(&store, &filter, Some(view));
                assert!(
                    plan.contains(index) && !plan.contains("TEMP B-TREE"),
                    "{filter:?}: {plan}"
                );
                // A summary is one primary-key lookup, never a scan of the summaries.
                assert!(!plan.contains("SCAN s"), "{filter:?}: {plan}");
            }
        }
        let by_dates = IncidentFilter {
            status: Some(FactStatus::Disputed),
            from: NaiveDate::from_ymd_opt(2023, 1, 1),
            to: NaiveDate::from_ymd_opt(2023, 12, 31),
            ..IncidentFilter::default()
        };
        // The total reads only the incidents in the date range; the page walks the position
        // index and stops after fifty.
        let plan = page_plan(&store, &by_dates, None);
        assert!(plan.contains("incidents_by_time_bounds"), "{plan}");
    }

    #[test]
    fn search_finds_documents_and_claims_and_follows_updates() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&doc, &analysis).unwrap();
        let page = store.search("dock", 0, 10).unwrap();
        assert!(page.total >= 2, "the document and its claims: {page:?}");
        assert!(page.hits.iter().any(|h| h.kind == HitKind::Document && h.id == doc.id.as_str()));
        assert!(page.hits.iter().any(|h| h.kind == HitKind::Claim));
        assert!(page.hits.iter().all(|h| h.document == doc.id.as_str()));
        // Operators typed by a person are words, not syntax errors.
        assert_eq!(store.search("\"dock (* ^", 0, 10).unwrap().total, page.total);
        assert_eq!(store.search("submarine", 0, 10).unwrap().total, 0);
        // A word being typed after a whole one filters (only the whole one ranks).
        let typing = store.search("drone do", 0, 10).unwrap();
        assert!(typing.total >= 1 && typing.hits.len() == typing.total, "{typing:?}");
        assert_eq!(store.search("drone dx", 0, 10).unwrap().total, 0);
        // Paging keeps the total.
        let second = store.search("dock", 1, 1).unwrap();
        assert_eq!((second.total, second.hits.len()), (page.total, 1));

        // A reanalysis with no claims leaves only the document.
        store.put_analysis(&doc.id, &corroborate_model::Analysis::default()).unwrap();
        let page = store.search("dock", 0, 10).unwrap();
        assert!(page.hits.iter().all(|h| h.kind == HitKind::Document), "{page:?}");
    }

    #[test]
    fn best_matches_rank_first_and_pages_cover_every_hit_once() {
        let mut store = Store::open_in_memory().unwrap();
        for n in 0..6 {
            let docks = "dock ".repeat(n % 3 + 1);
            let (doc, analysis) =
                seed_like(&format!("A drone hit {docks}number {n} near Caracas."));
            store.put_document(&doc, &analysis).unwrap();
        }
        let all = store.search("dock", 0, 100).unwrap();
        assert_eq!(all.hits.len(), all.total);
        let documents: Vec<&SearchHit> =
            all.hits.iter().filter(|h| h.kind == HitKind::Document).collect();
        assert_eq!(documents.len(), 6, "{all:?}");
        // The documents that say "dock" three times rank above those that say it once.
        let text_of = |hit: &SearchHit| store.document(&hit.id).unwrap().unwrap().text;
        let first = text_of(documents[0]);
        let last = text_of(documents[5]);
        assert!(first.matches("dock").count() > last.matches("dock").count(), "{first} / {last}");
        // Every page size and start gives the same sequence, so paging neither skips nor repeats.
        for limit in 1..=5 {
            let mut paged = Vec::new();
            let mut offset = 0;
            while offset < all.total {
                let page = store.search("dock", offset, limit).unwrap();
                assert_eq!(page.total, all.total);
                assert!(!page.hits.is_empty() && page.hits.len() <= limit);
                offset += page.hits.len();
                paged.extend(page.hits);
            }
            assert_eq!(paged, all.hits, "pages of {limit}");
        }
        assert!(store.search("dock", all.total, 5).unwrap().hits.is_empty());
        assert_eq!(store.search("dock", 0, 0).unwrap().total, all.total);
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_of_any_length() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, analysis) = seed_like("A drone strike hit the Pérez docking yard.");
        store.put_document(&doc, &analysis).unwrap();
        let documents = |typed: &str| {
            let page = store.search(typed, 0, 100).unwrap();
            page.hits.iter().filter(|h| h.kind == HitKind::Document).count()
        };
        // Two to four letters read the prefix field; longer prefixes expand over the words.
        for typed in ["drone do", "drone doc", "drone dock", "drone docki", "drone docking"] {
            assert_eq!(documents(typed), 1, "{typed}");
        }
        assert_eq!(documents("drone dockx"), 0);
        assert_eq!(documents("drone dx"), 0);
        // A last word of one letter is a whole word, not a prefix of most of the vocabulary.
        assert_eq!(documents("drone d"), 0);
        // Case and accents are folded on both sides.
        for typed in ["perez", "PÉREZ", "pére", "drone Pe"] {
            assert_eq!(documents(typed), 1, "{typed}");
        }
    }

    #[test]
    fn incidents_filter_page_and_count_in_sql() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&doc, &analysis).unwrap();
        let mut incidents = Vec::new();
        for n in 0..5u32 {
            let grade = if n % 2 == 0 { IncidentGrade::Weak } else { IncidentGrade::Fair };
            let mut one = incident(&format!("i00000000000{n}"), grade, &doc);
            one.place.country_code = Some(if n < 3 { "VE" } else { "CO" }.to_string());
            one.time.earliest = NaiveDate::from_ymd_opt(2025, 12, 1 + n);
            one.time.latest = one.time.earliest;
            one.claims = if n == 0 { vec![analysis.claims[1].id.clone()] } else { vec![] };
            if n == 4 {
                // Two facts with one status: one facet row.
                let fact = Fact {
                    attribute: FactAttribute::Type,
                    value: "air_or_drone_strike".into(),
                    status: FactStatus::Disputed,
                    independent_sources: 1,
                    support: vec![],
                    oppose: vec![],
                    inferred: false,
                };
                one.facts = vec![fact.clone(), Fact { value: "raid".into(), ..fact }];
            }
            incidents.push(one);
        }
        let resolution = Resolution { incidents: incidents.clone(), ..Resolution::default() };
        store.replace_resolution(&resolution).unwrap();
        // Writing it again (an update of every row) keeps the facets right.
        incidents[4].grade = IncidentGrade::Contested;
        let resolution = Resolution { incidents: incidents.clone(), ..Resolution::default() };
        store.replace_resolution(&resolution).unwrap();
        let disputed =
            IncidentFilter { status: Some(FactStatus::Disputed), ..IncidentFilter::default() };
        let page = store.incidents_page(&disputed, 0, 10).unwrap();
        assert_eq!(page.incidents, vec![incidents[4].clone()]);

        let all = store.incidents_page(&IncidentFilter::default(), 0, 2).unwrap();
        assert_eq!(all.total, 5);
        assert_eq!(all.incidents, incidents[..2].to_vec());

        let ve = IncidentFilter { country: Some("ve".into()), ..IncidentFilter::default() };
        assert_eq!(store.incidents_page(&ve, 0, 10).unwrap().total, 3);
        let ve_weak = IncidentFilter { grade: Some(IncidentGrade::Weak), ..ve.clone() };
        let page = store.incidents_page(&ve_weak, 1, 10).unwrap();
        assert_eq!(page.total, 2);
        assert_eq!(page.incidents, vec![incidents[2].clone()]);

        let range = IncidentFilter {
            from: NaiveDate::from_ymd_opt(2025, 12, 2),
            to: NaiveDate::from_ymd_opt(2025, 12, 3),
            ..IncidentFilter::default()
        };
        let ids: Vec<_> = store
            .incidents_page(&range, 0, 10)
            .unwrap()
            .incidents
            .into_iter()
            .map(|i| i.id.to_string())
            .collect();
        assert_eq!(ids, vec!["i000000000001", "i000000000002"]);

        let claim = analysis.claims[1].id.as_str();
        assert_eq!(
            store.incidents_of_claims(&[claim, "c-none"]).unwrap(),
            vec![(claim.to_string(), "i000000000000".to_string())]
        );

        let kind = analysis.claims[1].source.kind;
        let by_kind = IncidentFilter { source_kind: Some(kind), ..IncidentFilter::default() };
        assert_eq!(store.incidents_page(&by_kind, 0, 10).unwrap().total, 1);

        let counts = store.incident_counts(&IncidentFilter::default()).unwrap();
        let country = |code: &str| {
            counts.iter().find(|c| c.facet == "country" && c.value == code).map(|c| c.count)
        };
        assert_eq!((country("VE"), country("CO")), (Some(3), Some(2)));
    }

    /// `incident`'s serde form without the parts a summary leaves out.
    fn summary_of(incident: &Incident) -> serde_json::Value {
        let mut value = serde_json::to_value(incident).unwrap();
        let object = value.as_object_mut().unwrap();
        for key in ["facts", "claims", "contradictions", "timeline"] {
            assert!(object.remove(key).is_some(), "{key}");
        }
        value
    }

    /// The summaries of every incident, in resolution order, parsed.
    fn summaries(store: &Store) -> Vec<serde_json::Value> {
        let all = IncidentFilter::default();
        let page = store.incidents_page_json(&all, IncidentView::Summary, 0, 100).unwrap();
        page.items.iter().map(|json| serde_json::from_str(json).unwrap()).collect()
    }

    #[test]
    fn summaries_are_incidents_without_their_details_and_follow_every_write() {
        let mut store = Store::open_in_memory().unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        store.put_document(&doc, &analysis).unwrap();
        let mut a = incident("i000000000000", IncidentGrade::Weak, &doc);
        a.claims = vec![analysis.claims[1].id.clone()];
        let b = incident("i000000000001", IncidentGrade::Fair, &doc);
        let write = |store: &mut Store, incidents: &[&Incident]| {
            let incidents = incidents.iter().map(|i| (*i).clone()).collect();
            store.replace_resolution(&Resolution { incidents, ..Resolution::default() }).unwrap();
        };
        write(&mut store, &[&a, &b]);
        assert_eq!(summaries(&store), vec![summary_of(&a), summary_of(&b)]);
        // The fields a summary keeps stay in the incident's order.
        let page = store
            .incidents_page_json(&IncidentFilter::default(), IncidentView::Summary, 0, 1)
            .unwrap();
        let at = |key: &str| page.items[0].find(&format!("\"{key}\":")).unwrap();
        let keys = ["id", "type", "grade", "grade_reason", "time", "place", "documents", "flags"];
        assert!(keys.windows(2).all(|pair| at(pair[0]) < at(pair[1])), "{}", page.items[0]);

        // An update, a move and a removal.
        a.grade_reason = "reported again".into();
        write(&mut store, &[&b, &a]);
        assert_eq!(summaries(&store), vec![summary_of(&b), summary_of(&a)]);
        write(&mut store, &[&a]);
        assert_eq!(summaries(&store), vec![summary_of(&a)]);

        // The whole view is each incident's serde form, byte for byte.
        let full = store.incidents_page_json(&IncidentFilter::default(), IncidentView::Full, 0, 9);
        assert_eq!(full.unwrap().items, vec![serde_json::to_string(&a).unwrap()]);
    }

    #[test]
    fn migration_11_summarises_the_incidents_already_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v10.db");
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        let a = incident("i000000000000", IncidentGrade::Weak, &doc);
        {
            let mut v10 = Store::unmigrated(rusqlite::Connection::open(&path).unwrap()).unwrap();
            crate::migrate::migrate_to(&mut v10.conn, 10).unwrap();
            v10.put_document(&doc, &analysis).unwrap();
            let resolution = Resolution { incidents: vec![a.clone()], ..Resolution::default() };
            v10.replace_resolution(&resolution).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(summaries(&store), vec![summary_of(&a)]);
    }

    #[test]
    fn migration_16_moves_search_into_the_index_and_keeps_every_hit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v15.db");
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        let before = {
            let mut v15 = Store::unmigrated(rusqlite::Connection::open(&path).unwrap()).unwrap();
            crate::migrate::migrate_to(&mut v15.conn, 15).unwrap();
            v15.put_document(&doc, &analysis).unwrap();
            let fts: i64 = v15
                .conn
                .query_row(
                    "SELECT (SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'dock') \
                     + (SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'dock')",
                    [],
                    |row| row.get(0),
                )
                .unwrap();
            usize::try_from(fts).unwrap()
        };
        assert!(before >= 2, "the document and its claims: {before}");
        let mut store = Store::open(&path).unwrap();
        let fts_tables: i64 = store
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_fts%'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fts_tables, 0);
        // The index is built from the tables at the first search: the same rows match.
        assert_eq!(
            store.search_index_state().unwrap(),
            SearchIndexState::Missing { documents: 1, claims: analysis.claims.len() }
        );
        assert_eq!(store.search("dock", 0, 10).unwrap().total, before);
        assert_eq!(store.search("do", 0, 10).unwrap().total, before);
        assert!(search::index_dir(&path).join("meta.json").exists());
        // The triggers journal new rows, and the store's next search takes them up.
        let (other, other_analysis) = seed_like("A second dock burned.");
        store.put_document(&other, &other_analysis).unwrap();
        assert!(
            matches!(store.search_index_state().unwrap(), SearchIndexState::Behind(n) if n > 0)
        );
        assert!(store.search("dock", 0, 10).unwrap().total > before);
    }

    #[test]
    fn hits_carry_an_excerpt_around_the_matched_word() {
        let mut store = Store::open_in_memory().unwrap();
        let text = "Officials in the port city said on Tuesday that a drone strike hit a dock \
                    near the fuel depot, and that two workers were hurt in the blast.";
        let (doc, analysis) = seed_like(text);
        store.put_document(&doc, &analysis).unwrap();
        let page = store.search("fuel", 0, 10).unwrap();
        let hit = page.hits.iter().find(|h| h.kind == HitKind::Document).unwrap();
        assert!(hit.excerpt.starts_with('…') && hit.excerpt.contains("fuel"), "{hit:?}");
        assert_eq!(hit.excerpt.split_whitespace().count(), EXCERPT_WORDS, "{hit:?}");
    }

    #[test]
    fn a_dated_page_starts_at_its_remembered_first_position_and_follows_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dated.db");
        let mut writer = Store::open(&path).unwrap();
        let reader = Store::open(&path).unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        writer.put_document(&doc, &analysis).unwrap();
        let mut incidents: Vec<Incident> = (0..5u32)
            .map(|n| {
                let mut one = incident(&format!("i00000000000{n}"), IncidentGrade::Weak, &doc);
                one.time.earliest = NaiveDate::from_ymd_opt(2025, 12, 1 + n);
                one.time.latest = one.time.earliest;
                one
            })
            .collect();
        let write = |store: &mut Store, incidents: &[Incident]| {
            let resolution = Resolution { incidents: incidents.to_vec(), ..Resolution::default() };
            store.replace_resolution(&resolution).unwrap();
        };
        let ids = |page: IncidentPage| -> Vec<String> {
            page.incidents.into_iter().map(|i| i.id.to_string()).collect()
        };
        write(&mut writer, &incidents);
        let late = IncidentFilter {
            from: NaiveDate::from_ymd_opt(2025, 12, 4),
            ..IncidentFilter::default()
        };
        assert_eq!(
            ids(reader.incidents_page(&late, 0, 10).unwrap()),
            ["i000000000003", "i000000000004"]
        );
        assert_eq!(ids(reader.incidents_page(&late, 1, 10).unwrap()), ["i000000000004"]);
        // An earlier incident moves into the range: the remembered first position is stale.
        incidents[1].time.earliest = NaiveDate::from_ymd_opt(2025, 12, 20);
        incidents[1].time.latest = incidents[1].time.earliest;
        write(&mut writer, &incidents);
        let page = reader.incidents_page(&late, 0, 10).unwrap();
        assert_eq!(page.total, 3);
        assert_eq!(ids(page), ["i000000000001", "i000000000003", "i000000000004"]);
        let early = IncidentFilter { to: NaiveDate::from_ymd_opt(2025, 11, 1), ..late };
        assert_eq!(reader.incidents_page(&early, 0, 10).unwrap().total, 0);
    }

    #[test]
    fn remembered_totals_follow_writes_from_this_and_other_connections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("totals.db");
        let mut writer = Store::open(&path).unwrap();
        let reader = Store::open(&path).unwrap();
        let (doc, analysis) = seed_like("A drone strike hit a dock.");
        writer.put_document(&doc, &analysis).unwrap();
        let resolution_of = |n: usize| Resolution {
            incidents: (0..n)
                .map(|k| incident(&format!("i00000000000{k}"), IncidentGrade::Weak, &doc))
                .collect(),
            ..Resolution::default()
        };
        let all = IncidentFilter::default();
        writer.replace_resolution(&resolution_of(2)).unwrap();
        assert_eq!(reader.incidents_page(&all, 0, 1).unwrap().total, 2);
        assert_eq!(reader.incidents_page(&all, 1, 1).unwrap().total, 2, "from the cache");
        // Another connection's commit makes the reader count again.
        writer.replace_resolution(&resolution_of(3)).unwrap();
        assert_eq!(reader.incidents_page(&all, 0, 1).unwrap().total, 3);
        // So does the connection's own write.
        assert_eq!(writer.incidents_page(&all, 0, 1).unwrap().total, 3);
        writer.replace_resolution(&resolution_of(1)).unwrap();
        assert_eq!(writer.incidents_page(&all, 0, 1).unwrap().total, 1);
        assert_eq!(reader.incidents_page(&all, 0, 1).unwrap().total, 1);
        // Search totals too.
        let before = reader.search("dock", 0, 1).unwrap().total;
        writer.put_analysis(&doc.id, &corroborate_model::Analysis::default()).unwrap();
        assert!(reader.search("dock", 0, 1).unwrap().total < before);
    }

    #[test]
    fn the_token_hash_is_kept_and_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.api_token_hash().unwrap(), None);
        store.set_api_token_hash("aa").unwrap();
        store.set_api_token_hash("bb").unwrap();
        assert_eq!(store.api_token_hash().unwrap().as_deref(), Some("bb"));
    }
}
