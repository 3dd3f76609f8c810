//! Resolve: from the analyses of many reports to a record of incidents.
//!
//! [`resolve`] takes every report in its slim form, a [`ResolveDocument`] (in ingest order),
//! and does four things ([`resolve_analyzed`] takes whole [`AnalyzedDocument`]s and finds their
//! copies by text first):
//!
//! 1. **Syndication groups.** Documents that carry one group key (the store puts
//!    near-duplicate texts in one group at ingest: Jaccard of word 5-shingles at or above
//!    [`ResolveSettings::near_duplicate_threshold`], candidates found by MinHash banding) form a
//!    group named `g<id of the earliest document>`. A group counts as one source.
//! 2. **Clustering.** Specific, non-negated event mentions found or join incidents; aggregate,
//!    generic and hypothetical mentions become context. A report is one incident unless a
//!    typed mention names a town, region or sea area that contradicts the rest; mentions with
//!    no place, or only a country, join the report's main incident. Across documents a group
//!    joins an incident when types are compatible (`data/resolve/compat.toml`), places contain
//!    one another (town within region within country, sea area within sea area), times come
//!    within a day, and some evidence (an actor, a target, a place name) is shared. Negated
//!    mentions and denials attach to their document's incident and oppose facts; declines,
//!    non-responses and acknowledgements attach to the incident of the nearest preceding
//!    mention.
//! 3. **Facts.** Every candidate value of every attribute becomes a [`corroborate_model::Fact`]
//!    with its supporting and opposing claims, the number of independent sources and a status.
//!    A denial is read by who makes it: an actor denies its own role; the perpetrator's side,
//!    once it has acknowledged the incident, denies the civilian toll.
//! 4. **Incidents.** Type (the most specific well-supported one), time (the day most reports
//!    agree on, intersected; a `time_conflict` flag for the rest), place (at sea the sea area,
//!    on land the finest place named most), casualty ranges (a denied toll ranges down to 0),
//!    an Airwars grade with its reason (discounted, confirmed by the perpetrator's side,
//!    contested over the perpetrator, fair with two outlets, else weak), flags,
//!    contradictions and a timeline.
//!
//! The result is deterministic, and an incident's id comes from the mention that founded it,
//! so adding later reports never renames existing incidents.
//!
//! ```
//! use corroborate_resolve::{resolve, ResolveSettings};
//! let resolution = resolve(Vec::new(), &ResolveSettings::default());
//! assert!(resolution.incidents.is_empty());
//! ```
#![deny(missing_docs)]

mod actors;
mod cluster;
mod compat;
mod facts;
mod incident;
mod lineage;
mod syndication;

pub use lineage::{carry_over, Carried, Lineage, Rename};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use corroborate_model::{
    AnalyzedDocument, DocumentId, EventMention, Incident, Resolution, ResolveClaim,
    ResolveDocument, SyndicationGroup,
};

use facts::KeptReport;
use serde::{Deserialize, Serialize};

/// Thresholds of resolution (DESIGN.md "Counting rules"). `Default` gives the documented
/// values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResolveSettings {
    /// Strikes in one area within this many hours are one incident (default 2). Times in the
    /// model are days, so today this only documents the rule: same-day mentions in one area
    /// join, and the place test does the separating.
    pub same_area_window_hours: u32,
    /// Radius in kilometres within which two coordinates count as the same area (default 25).
    pub same_area_km: f64,
    /// Independent sources needed for a fact to be corroborated and for an incident to be
    /// graded fair (default 2).
    pub corroboration_sources: u32,
    /// Jaccard similarity of lower-cased word 5-shingle sets at or above which two documents
    /// are copies of one original (default 0.6).
    pub near_duplicate_threshold: f64,
}

impl Default for ResolveSettings {
    fn default() -> Self {
        ResolveSettings {
            same_area_window_hours: 2,
            same_area_km: 25.0,
            corroboration_sources: 2,
            near_duplicate_threshold: 0.6,
        }
    }
}

/// The counting rules as shipped: `data/resolve/counting.toml`.
const COUNTING_TOML: &str = include_str!("../../../data/resolve/counting.toml");

/// The file of counting rules: `[settings]` and the `[[example]]`s its tests run. Outside
/// tests only the settings are read; the examples must still parse.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
#[serde(deny_unknown_fields)]
pub(crate) struct CountingFile {
    #[serde(default)]
    pub(crate) settings: ResolveSettings,
    #[serde(default, rename = "example")]
    pub(crate) examples: Vec<CountingExample>,
}

/// Two reports of one strike each and whether the rules make them one incident.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
#[serde(deny_unknown_fields)]
pub(crate) struct CountingExample {
    pub(crate) id: String,
    pub(crate) description: String,
    /// "one" or "separate".
    pub(crate) expect: String,
    pub(crate) a: ExamplePlace,
    pub(crate) b: ExamplePlace,
}

/// Where and when one example strike happened.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
#[serde(deny_unknown_fields)]
pub(crate) struct ExamplePlace {
    pub(crate) date: chrono::NaiveDate,
    pub(crate) place: String,
    pub(crate) country: String,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
}

impl CountingFile {
    pub(crate) fn parse(text: &str) -> Result<CountingFile, ResolveError> {
        toml::from_str(text).map_err(|err| ResolveError::InvalidFile { detail: err.to_string() })
    }
}

impl ResolveSettings {
    /// Where the counting rules live under a data directory (`--data DIR`).
    pub const DATA_FILE: &'static str = "resolve/counting.toml";

    /// The settings of the shipped `data/resolve/counting.toml`.
    pub fn builtin() -> ResolveSettings {
        // The shipped file is parsed and validated by a test; its defaults are Default's.
        Self::from_toml(COUNTING_TOML).unwrap_or_default()
    }

    /// Reads settings from the text of a counting rules file (its `[settings]` table; a
    /// missing setting keeps its default) and validates them.
    pub fn from_toml(text: &str) -> Result<ResolveSettings, ResolveError> {
        let settings = CountingFile::parse(text)?.settings;
        settings.validate()?;
        Ok(settings)
    }
}

/// A setting that cannot work, or reports that changed while [`Resolver`] read them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// A report whose claims or mentions, read again for building its incidents, are not
    /// those it was clustered with.
    #[error("report {document} had {} claim(s) and {} event mention(s) when clustered but {} and {} when read again: the reports changed during resolve; run resolve again", .clustered.0, .clustered.1, .read.0, .read.1)]
    ReportChanged {
        /// The report's id.
        document: String,
        /// How many claims and mentions clustering saw.
        clustered: (usize, usize),
        /// How many were read for building its incidents.
        read: (usize, usize),
    },
    /// A counting rules file that does not parse.
    #[error("counting rules file (resolve/counting.toml) is invalid: {detail}; fix it or remove it to use the built-in rules")]
    InvalidFile {
        /// What the TOML parser said.
        detail: String,
    },
    /// A threshold outside its range.
    #[error("resolve setting {name} = {value} is out of range: use a value in {allowed}")]
    InvalidSetting {
        /// The field.
        name: &'static str,
        /// The value given, as text.
        value: String,
        /// The range allowed, as text.
        allowed: &'static str,
    },
}

impl ResolveSettings {
    /// Checks that every threshold is usable, so that a bad configuration fails at start-up
    /// rather than producing a strange record.
    pub fn validate(&self) -> Result<(), ResolveError> {
        if !(self.near_duplicate_threshold > 0.0 && self.near_duplicate_threshold <= 1.0) {
            return Err(ResolveError::InvalidSetting {
                name: "near_duplicate_threshold",
                value: self.near_duplicate_threshold.to_string(),
                allowed: "(0, 1]",
            });
        }
        if !(self.same_area_km.is_finite() && self.same_area_km >= 0.0) {
            return Err(ResolveError::InvalidSetting {
                name: "same_area_km",
                value: self.same_area_km.to_string(),
                allowed: "[0, ∞)",
            });
        }
        if self.same_area_window_hours > 24 * 7 {
            return Err(ResolveError::InvalidSetting {
                name: "same_area_window_hours",
                value: self.same_area_window_hours.to_string(),
                allowed: "0 to 168",
            });
        }
        if self.corroboration_sources == 0 {
            return Err(ResolveError::InvalidSetting {
                name: "corroboration_sources",
                value: "0".into(),
                allowed: "1 or more",
            });
        }
        Ok(())
    }
}

/// Resolves `documents`, given in ingest order, into syndication groups, incidents and
/// context. Each document's syndication group is the one it carries (the store finds copies at
/// ingest); use [`resolve_analyzed`] for analyses whose copies are still to be found. Same
/// input, same output: the order of the input decides which mention founds an incident, and
/// so its id.
///
/// Resolve takes the documents by value: it frees each document's claims and event mentions,
/// most of the input, once the last incident that reads them is built, so that the input and
/// the resolution do not take their peak memory together.
pub fn resolve(documents: Vec<ResolveDocument>, settings: &ResolveSettings) -> Resolution {
    let mut key_numbers: HashMap<&str, usize> = HashMap::new();
    let numbers: Vec<Option<usize>> = documents
        .iter()
        .map(|document| {
            document.syndication_group.as_deref().map(|key| {
                let next = key_numbers.len();
                *key_numbers.entry(key).or_insert(next)
            })
        })
        .collect();
    drop(key_numbers);
    let (group_of, syndication_groups) =
        syndication::group_documents(&numbers, |d| documents[d].id.clone());
    let group_ids = group_ids(&group_of, &syndication_groups);
    let cluster::Clustering { clusters, context } =
        cluster::cluster(&documents, &group_of, settings);
    let mut publishers = HashSet::new();
    let mut claims = Vec::with_capacity(documents.len());
    let mut mentions = Vec::with_capacity(documents.len());
    let kept: Vec<KeptReport> = documents
        .into_iter()
        .map(|document| {
            let kept = KeptReport::of(&document, &mut publishers);
            claims.push(document.claims);
            mentions.push(document.mentions);
            kept
        })
        .collect();
    let mut ctx = facts::Context::new(&kept, claims, mentions, group_ids, &clusters);
    let mut incidents = Vec::with_capacity(clusters.len());
    // Each cluster is dropped, and the mentions no later incident reads are freed, as soon as
    // its incident is built.
    for cluster in clusters {
        let mut builder = incident::Builder::new(&cluster);
        for &doc in &cluster.documents {
            let (claims, mentions) = ctx.parts(doc);
            builder.add_report(doc, claims, mentions, &ctx);
        }
        incidents.push(builder.finish(&ctx, settings));
        ctx.release(&cluster);
    }
    Resolution { incidents, context, syndication_groups }
}

/// The syndication group id of each document, by input index, from its group's index
/// `group_of`: one shared copy of each id, not one per member, since most reports of a large
/// archive can be copies.
fn group_ids(group_of: &[Option<usize>], groups: &[SyndicationGroup]) -> Vec<Option<Arc<str>>> {
    let ids: Vec<Arc<str>> = groups.iter().map(|g| Arc::from(g.id.as_str())).collect();
    group_of.iter().map(|g| g.and_then(|g| ids.get(g)).cloned()).collect()
}

/// Resolve over reports that come one at a time and whose mentions can be read again, such as
/// those of the store: the same [`Resolution`] as [`resolve`] over the same reports in the
/// same order, without holding every report's event mentions at once (decision 0026).
///
/// [`Resolver::add`] clusters each report as it comes and keeps it without its claims and
/// mentions (its id, publisher, date and group); [`Resolver::finish`] builds the incidents one
/// by one, each from its reports in turn: it reads a report's claims and mentions again, adds
/// them to the incident and drops them before reading the next. So memory holds a few words
/// per report, the clusters and the resolution, and the claims and mentions of one report at
/// a time; [`Resolver::finish_each`] hands each incident over as soon as it is built instead
/// of keeping the resolution.
///
/// ```
/// use corroborate_resolve::{Resolver, ResolveError, ResolveSettings};
/// let settings = ResolveSettings::default();
/// let resolver = Resolver::new(&settings);
/// let resolution = resolver.finish(|_| Ok::<_, ResolveError>((Vec::new(), Vec::new()))).unwrap();
/// assert!(resolution.incidents.is_empty());
/// ```
pub struct Resolver<'s> {
    clusterer: cluster::Clusterer<'s>,
    settings: &'s ResolveSettings,
    /// The reports added, in input order, without their claims and mentions.
    documents: Vec<KeptReport>,
    /// The number of each report's syndication group key, by input order.
    groups: Vec<Option<usize>>,
    /// One copy of each publisher's name, which the kept reports share.
    publishers: HashSet<Arc<str>>,
    /// How many claims and mentions each report had when it was clustered.
    counts: Vec<(usize, usize)>,
    /// A number for each syndication group key, in order of first appearance: clustering only
    /// needs to tell groups apart, and a key with a single member never meets another.
    group_numbers: HashMap<String, usize>,
}

impl<'s> Resolver<'s> {
    /// An empty resolve with `settings`.
    pub fn new(settings: &'s ResolveSettings) -> Self {
        Resolver {
            clusterer: cluster::Clusterer::new(settings),
            settings,
            documents: Vec::new(),
            groups: Vec::new(),
            publishers: HashSet::new(),
            counts: Vec::new(),
            group_numbers: HashMap::new(),
        }
    }

    /// Clusters the mentions of `document`, the next report in ingest order, and keeps it
    /// without its claims and mentions.
    pub fn add(&mut self, document: ResolveDocument) {
        let doc_idx = self.documents.len();
        let group = document.syndication_group.as_ref().map(|key| {
            let next = self.group_numbers.len();
            *self.group_numbers.entry(key.clone()).or_insert(next)
        });
        self.clusterer.add(doc_idx, &document, group);
        self.counts.push((document.claims.len(), document.mentions.len()));
        self.groups.push(group);
        self.documents.push(KeptReport::of(&document, &mut self.publishers));
    }

    /// Builds the incidents, reading each report's claims and mentions again with `read`
    /// (given the report's id) when an incident that needs them is being built, once for each
    /// such incident; `read` must give the claims resolve keeps
    /// ([`ResolveDocument::keeps_claim`]) and the mentions the report had when added, in the
    /// same order. A report in no incident is not read again.
    ///
    /// Fails with the first error of `read`, or [`ResolveError::ReportChanged`] when a report
    /// comes back with another number of claims or mentions.
    pub fn finish<E: From<ResolveError>>(
        self,
        read: impl FnMut(&DocumentId) -> Result<(Vec<ResolveClaim>, Vec<EventMention>), E>,
    ) -> Result<Resolution, E> {
        let mut incidents = Vec::new();
        let mut resolution = self.finish_each(read, |incident| {
            incidents.push(incident);
            Ok(())
        })?;
        resolution.incidents = incidents;
        Ok(resolution)
    }

    /// [`Resolver::finish`], but each incident goes to `each` as soon as it is built, in
    /// resolution order, instead of into the result, whose `incidents` is left empty (it has
    /// the context and syndication groups). Every incident lists the claims and reports it
    /// rests on, so the whole resolution grows with the archive; a caller that writes each
    /// incident out as it comes (the CLI, to the store) never holds it (decision 0026).
    ///
    /// Fails with the first error of `read` or of `each`, or [`ResolveError::ReportChanged`]
    /// when a report comes back with another number of claims or mentions.
    pub fn finish_each<E: From<ResolveError>>(
        self,
        mut read: impl FnMut(&DocumentId) -> Result<(Vec<ResolveClaim>, Vec<EventMention>), E>,
        mut each: impl FnMut(Incident) -> Result<(), E>,
    ) -> Result<Resolution, E> {
        let Resolver {
            clusterer,
            settings,
            mut documents,
            groups,
            publishers,
            mut counts,
            group_numbers,
        } = self;
        drop(group_numbers);
        drop(publishers);
        // The vectors grew by doubling, so up to half of them is spare room, a few megabytes
        // at tens of thousands of reports that would sit beside every incident being built.
        documents.shrink_to_fit();
        counts.shrink_to_fit();
        let cluster::Clustering { clusters, context } = clusterer.finish();
        let (group_of, syndication_groups) =
            syndication::group_documents(&groups, |d| documents[d].id.clone());
        drop(groups);
        let group_ids = group_ids(&group_of, &syndication_groups);
        let ctx = facts::Context::without_reports(&documents, group_ids);
        for cluster in clusters {
            // Each report is read as the incident takes it in and dropped once added, so that
            // building holds one report's claims and mentions at a time however many reports
            // the incident has; a report in two incidents is read twice.
            let mut builder = incident::Builder::new(&cluster);
            for &doc in &cluster.documents {
                let Some(document) = documents.get(doc) else { continue };
                let (claims, mentions) = read(&document.id)?;
                let clustered = counts.get(doc).copied().unwrap_or_default();
                let read = (claims.len(), mentions.len());
                if read != clustered {
                    return Err(E::from(ResolveError::ReportChanged {
                        document: document.id.to_string(),
                        clustered,
                        read,
                    }));
                }
                builder.add_report(doc, &claims, &mentions, &ctx);
            }
            each(builder.finish(&ctx, settings))?;
        }
        Ok(Resolution { incidents: Vec::new(), context, syndication_groups })
    }
}

/// Resolves whole analyses that never went through the store (`corroborate extract` output,
/// tests): first finds their syndicated copies by text (MinHash banding, then the Jaccard
/// similarity of word 5-shingles against
/// [`ResolveSettings::near_duplicate_threshold`]), keeping the groups documents already carry,
/// then resolves their slim forms with [`resolve`].
pub fn resolve_analyzed(documents: &[AnalyzedDocument], settings: &ResolveSettings) -> Resolution {
    let keys = syndication::group_keys_by_text(documents, settings.near_duplicate_threshold);
    let slim: Vec<ResolveDocument> = documents
        .iter()
        .zip(keys)
        .map(|(document, key)| ResolveDocument {
            syndication_group: key,
            ..ResolveDocument::from_analyzed(document)
        })
        .collect();
    resolve(slim, settings)
}

#[cfg(test)]
mod tests;
