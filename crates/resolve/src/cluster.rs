//! Clustering event mentions into incidents.
//!
//! Documents are taken in input (ingest) order. Within a document, supporting mentions form
//! local groups: a report is usually about one incident, so only a typed mention naming a
//! distinguishing place that contradicts the groups so far starts another (two strikes on the
//! same day in different places stay two); the rest join the main group. Each group then joins
//! the best compatible incident found so far or founds a new one. Candidate incidents come from
//! a bucket keyed by country or widest sea area, so a mention is never compared with every
//! incident.

use std::collections::{BTreeSet, HashMap};

use corroborate_model::{
    ContextMention, EventMention, EventType, MentionId, Place, ResolveClaim, ResolveDocument,
    Specificity, Stance,
};

use crate::compat::{
    effective_counted_place, place_bucket, place_is_distinguishing, place_is_unknown,
    places_compatible, types_compatible, Bounds,
};
use crate::ResolveSettings;

/// A mention by its position: document index and mention index in that document's analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct MentionRef {
    pub(crate) doc: usize,
    pub(crate) mention: usize,
}

/// A claim by its position: document index and claim index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ClaimRef {
    pub(crate) doc: usize,
    pub(crate) claim: usize,
}

/// What a mention does in clustering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MentionRole {
    /// Specific, not negated, asserted: founds or joins an incident.
    Supports,
    /// Specific and negated, or denied/rejected: opposes facts of an incident.
    Opposes,
    /// Made by a decline or a non-response: attaches like a claim without a mention.
    Attaches,
    /// Aggregate, generic or hypothetical: context.
    Context,
}

fn mention_role(mention: &EventMention, claim: Option<&ResolveClaim>) -> MentionRole {
    if mention.specificity != Specificity::Specific {
        return MentionRole::Context;
    }
    let stance = claim.map(|c| c.stance).unwrap_or_default();
    if mention.negated || matches!(stance, Stance::Denies | Stance::Rejects) {
        return MentionRole::Opposes;
    }
    match stance {
        Stance::DeclinesToComment | Stance::NoResponse => MentionRole::Attaches,
        _ => MentionRole::Supports,
    }
}

/// True for the stances whose claims attach to their document's incident even without a
/// mention of their own.
pub(crate) fn attaches_without_mention(stance: Stance) -> bool {
    matches!(stance, Stance::DeclinesToComment | Stance::NoResponse | Stance::Confirms)
}

/// Days of slack when comparing the times of two groups of mentions: reports a day apart
/// ("late Monday" against "early Tuesday") describe one event.
const TIME_SLACK_DAYS: i64 = 1;

/// What a shared-evidence key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EvidenceKind {
    Place,
    Actor,
    Target,
}

/// A shared-evidence key: what it names, and the number of its lower-cased text in
/// [`EvidenceKeys`].
type EvidenceKey = (EvidenceKind, u32);

/// The texts of the shared-evidence keys of one clustering (actor names, target categories,
/// place names, lower-cased), each stored once and numbered, so that the summaries of hundreds
/// of thousands of incidents hold eight bytes per key rather than a string each.
#[derive(Debug, Default)]
struct EvidenceKeys {
    numbers: HashMap<String, u32>,
}

impl EvidenceKeys {
    fn key(&mut self, kind: EvidenceKind, text: &str) -> EvidenceKey {
        let next = u32::try_from(self.numbers.len()).unwrap_or(u32::MAX);
        (kind, *self.numbers.entry(text.to_lowercase()).or_insert(next))
    }
}

/// What clustering compares: the union of what a group of mentions says.
#[derive(Debug, Clone, Default)]
struct Summary {
    types: BTreeSet<EventType>,
    bounds: Bounds,
    /// Every known place reported, each distinct place once with the number of times it was
    /// reported, in the order of first report (what [`effective_counted_place`] reads).
    places: Vec<(Place, usize)>,
    /// What those places most likely mean ([`effective_counted_place`]).
    place: Place,
    /// Shared-evidence keys, sorted and without repeats.
    evidence: Vec<EvidenceKey>,
}

impl Summary {
    fn of(mention: &EventMention, keys: &mut EvidenceKeys) -> Summary {
        let mut summary = Summary::default();
        summary.add(mention, true, keys);
        summary
    }

    fn add_place(&mut self, place: &Place, n: usize) {
        match self.places.iter_mut().find(|(p, _)| p == place) {
            Some((_, count)) => *count += n,
            None => {
                // Most incidents have one or two places: grow one at a time while few, since a
                // summary is kept for every incident until clustering ends.
                if self.places.len() < 4 {
                    self.places.reserve_exact(1);
                }
                self.places.push((place.clone(), n));
            }
        }
    }

    fn add_evidence(&mut self, key: EvidenceKey) {
        if let Err(at) = self.evidence.binary_search(&key) {
            self.evidence.insert(at, key);
        }
    }

    /// Adds a mention; `with_place` false leaves its place out (a place that contradicts the
    /// document's incident and so must be about something else: a dateline, a capital).
    fn add(&mut self, mention: &EventMention, with_place: bool, keys: &mut EvidenceKeys) {
        self.types.extend(mention.event_type);
        let bounds =
            Bounds { earliest: mention.time.earliest, latest: mention.time.latest }.ordered();
        if !bounds.is_unknown() {
            self.bounds =
                if self.bounds.is_unknown() { bounds } else { self.bounds.narrow(&bounds) };
        }
        if let Some(place) = mention.place.as_ref().filter(|p| with_place && !place_is_unknown(p)) {
            self.add_place(place, 1);
            self.place = effective_counted_place(self.places.iter().map(|(p, n)| (p, *n)));
            if let Some(name) = &place.name {
                self.add_evidence(keys.key(EvidenceKind::Place, name));
            }
        }
        for actor in &mention.actors {
            self.add_evidence(keys.key(EvidenceKind::Actor, &actor.name));
        }
        if let Some(target) = &mention.target_object {
            self.add_evidence(keys.key(EvidenceKind::Target, &target.category));
        }
    }

    fn merge(&mut self, other: &Summary) {
        self.types.extend(other.types.iter().copied());
        if !other.bounds.is_unknown() {
            self.bounds = if self.bounds.is_unknown() {
                other.bounds
            } else {
                self.bounds.narrow(&other.bounds)
            };
        }
        if !other.places.is_empty() {
            for (place, n) in &other.places {
                self.add_place(place, *n);
            }
            self.place = effective_counted_place(self.places.iter().map(|(p, n)| (p, *n)));
        }
        for &key in &other.evidence {
            self.add_evidence(key);
        }
    }

    /// The evidence keys both summaries hold.
    fn shared_evidence<'s>(&'s self, other: &'s Summary) -> impl Iterator<Item = EvidenceKey> + 's {
        self.evidence.iter().copied().filter(|key| other.evidence.binary_search(key).is_ok())
    }

    /// Compatibility across documents; `None` when incompatible, else the number of shared
    /// evidence keys (at least one is required). Times may differ by a day of slack.
    fn fits_across_documents(&self, other: &Summary, settings: &ResolveSettings) -> Option<usize> {
        if !types_compatible(&self.types, &other.types)
            || !places_compatible(&self.place, &other.place, settings.same_area_km)
        {
            return None;
        }
        let n_shared = self.shared_evidence(other).count();
        if n_shared == 0 {
            return None;
        }
        if self.bounds.is_unknown() || other.bounds.is_unknown() {
            // Unknown time is only acceptable when place and actors or target agree.
            let actor_or_target_shared = self
                .shared_evidence(other)
                .any(|(kind, _)| matches!(kind, EvidenceKind::Actor | EvidenceKind::Target));
            let places_known = !place_is_unknown(&self.place) && !place_is_unknown(&other.place);
            return (actor_or_target_shared && places_known).then_some(n_shared);
        }
        self.bounds.overlaps_within(&other.bounds, TIME_SLACK_DAYS).then_some(n_shared)
    }
}

/// Splits a document's supporting mentions (in text order) into local groups. A report is
/// usually about one incident, so a mention only starts a group of its own when it names an
/// event type and a distinguishing place (town, region, named sea area) that contradicts every
/// group so far; everything else, including mentions with no or only a country-level place,
/// joins the main group (the one with the most mentions). Returns the groups, main first.
fn local_groups(
    mentions: &[&EventMention],
    settings: &ResolveSettings,
    keys: &mut EvidenceKeys,
) -> Vec<(Summary, Vec<usize>)> {
    let mut groups: Vec<(Summary, Vec<usize>)> = Vec::new();
    let mut rest: Vec<usize> = Vec::new();
    for (i, mention) in mentions.iter().enumerate() {
        let Some(place) = mention.place.as_ref().filter(|p| place_is_distinguishing(p)) else {
            rest.push(i);
            continue;
        };
        let n_groups = groups.len();
        match groups
            .iter_mut()
            .find(|(s, _)| places_compatible(&s.place, place, settings.same_area_km))
        {
            Some((summary, members)) => {
                summary.add(mention, true, keys);
                members.push(i);
            }
            None if n_groups == 0 || mention.event_type.is_some() => {
                groups.push((Summary::of(mention, keys), vec![i]));
            }
            None => rest.push(i),
        }
    }
    if groups.is_empty() {
        groups.push((Summary::default(), Vec::new()));
    }
    let main = groups
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.1.len().cmp(&b.1.len()).then(ib.cmp(ia)))
        .map_or(0, |(i, _)| i);
    groups.swap(0, main);
    let (summary, members) = &mut groups[0];
    for i in rest {
        let mention = mentions[i];
        let fits = mention
            .place
            .as_ref()
            .is_none_or(|p| places_compatible(&summary.place, p, settings.same_area_km));
        summary.add(mention, fits, keys);
        members.push(i);
    }
    members.sort_unstable();
    groups.retain(|(_, members)| !members.is_empty());
    groups
}

/// One incident in the making.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// The mention that founded it: the first specific mention of its earliest document.
    pub(crate) founding: MentionId,
    /// Mentions that support it.
    pub(crate) supporting: Vec<MentionRef>,
    /// Mentions that deny part of it.
    pub(crate) opposing: Vec<MentionRef>,
    /// Denials and rejections without a mention of their own, attached to the incident of
    /// their document.
    pub(crate) opposing_claims: Vec<ClaimRef>,
    /// Claims attached without a supporting or opposing mention (declines, non-responses,
    /// acknowledgements).
    pub(crate) attached: Vec<ClaimRef>,
    /// Documents, in input order of first contribution.
    pub(crate) documents: Vec<usize>,
}

impl Cluster {
    fn add_document(&mut self, doc: usize) {
        if !self.documents.contains(&doc) {
            self.documents.push(doc);
        }
    }
}

/// The clusters and the context mentions.
#[derive(Debug, Default)]
pub(crate) struct Clustering {
    pub(crate) clusters: Vec<Cluster>,
    pub(crate) context: Vec<ContextMention>,
}

fn context_of(mention: &EventMention) -> ContextMention {
    ContextMention {
        mention: mention.id.clone(),
        claim: mention.claim.clone(),
        document: mention.document.clone(),
        specificity: mention.specificity,
        event_type: mention.event_type,
        negated: mention.negated,
    }
}

/// Intervals spanning more weeks than this are not indexed by week: they are compared with
/// every incident of their place bucket.
const MAX_INDEXED_WEEKS: i64 = 60;

/// The weeks an interval covers, widened by the time slack; `None` when it is open on either
/// side or too wide to index.
fn weeks(bounds: &Bounds) -> Option<std::ops::RangeInclusive<i64>> {
    let (Some(earliest), Some(latest)) = (bounds.earliest, bounds.latest) else {
        return None;
    };
    let day = |d: chrono::NaiveDate| i64::from(chrono::Datelike::num_days_from_ce(&d));
    let first = (day(earliest) - TIME_SLACK_DAYS).div_euclid(7);
    let last = (day(latest) + TIME_SLACK_DAYS).div_euclid(7);
    (last - first <= MAX_INDEXED_WEEKS).then_some(first.min(last)..=last.max(first))
}

/// Index of incidents by place bucket (country or widest sea area) and week, so that a group of
/// mentions is compared only with incidents that could match: same bucket or unknown place,
/// and an overlapping week (or an open or wide time). This keeps clustering near n log n
/// rather than all-pairs.
#[derive(Default)]
struct PlaceIndex {
    /// Every incident of a bucket, for queries whose time is open or wide.
    all: HashMap<String, Vec<usize>>,
    /// Incidents of a bucket whose time is open or wide, for every query.
    untimed: HashMap<String, Vec<usize>>,
    /// Incidents of a bucket by week.
    by_week: HashMap<(String, i64), Vec<usize>>,
}

fn push_once(list: &mut Vec<usize>, idx: usize) {
    if list.last() != Some(&idx) {
        list.push(idx);
    }
}

impl PlaceIndex {
    fn insert(&mut self, bucket: String, bounds: &Bounds, cluster_idx: usize) {
        match weeks(bounds) {
            Some(range) => {
                for week in range {
                    push_once(self.by_week.entry((bucket.clone(), week)).or_default(), cluster_idx);
                }
            }
            None => push_once(self.untimed.entry(bucket.clone()).or_default(), cluster_idx),
        }
        push_once(self.all.entry(bucket).or_default(), cluster_idx);
    }

    /// Candidates for a place and time: its own bucket and the bucket of unknown places, in
    /// the weeks the time covers; a place that is itself unknown must look everywhere.
    fn candidates(&self, bucket: &str, bounds: &Bounds, n_clusters: usize) -> Vec<usize> {
        if bucket == "?" {
            return (0..n_clusters).collect();
        }
        let mut out: Vec<usize> = Vec::new();
        for b in [bucket, "?"] {
            match weeks(bounds) {
                Some(range) => {
                    let key = b.to_string();
                    for week in range {
                        if let Some(list) = self.by_week.get(&(key.clone(), week)) {
                            out.extend_from_slice(list);
                        }
                    }
                    if let Some(list) = self.untimed.get(b) {
                        out.extend_from_slice(list);
                    }
                }
                None => {
                    if let Some(list) = self.all.get(b) {
                        out.extend_from_slice(list);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Clusters the mentions of all documents. `group_of[doc]` is the syndication group index of
/// each document.
pub(crate) fn cluster(
    documents: &[ResolveDocument],
    group_of: &[Option<usize>],
    settings: &ResolveSettings,
) -> Clustering {
    let mut clusterer = Clusterer::new(settings);
    for (doc_idx, doc) in documents.iter().enumerate() {
        clusterer.add(doc_idx, doc, group_of.get(doc_idx).copied().flatten());
    }
    clusterer.finish()
}

/// Clustering one document at a time, in input order: a document's mentions are read only
/// while it is added, so a caller that streams reports need not hold them all (decision 0026).
pub(crate) struct Clusterer<'s> {
    settings: &'s ResolveSettings,
    out: Clustering,
    /// What each cluster says, for comparing; only clustering needs it, so it is kept apart
    /// from the clusters and freed before the incidents are built.
    summaries: Vec<Summary>,
    keys: EvidenceKeys,
    index: PlaceIndex,
    /// Clusters each syndication group has contributed to, so that copies go together.
    group_clusters: HashMap<usize, Vec<usize>>,
}

impl<'s> Clusterer<'s> {
    pub(crate) fn new(settings: &'s ResolveSettings) -> Self {
        Clusterer {
            settings,
            out: Clustering::default(),
            summaries: Vec::new(),
            keys: EvidenceKeys::default(),
            index: PlaceIndex::default(),
            group_clusters: HashMap::new(),
        }
    }

    /// The clusters and context mentions of every document added.
    pub(crate) fn finish(self) -> Clustering {
        self.out
    }

    /// Clusters the mentions of document `doc_idx` (documents must come in input order, each
    /// once), whose syndication group has index `group`: documents of one group share it, and
    /// a document alone in its group may have one or none, which clusters alike.
    pub(crate) fn add(&mut self, doc_idx: usize, doc: &ResolveDocument, group: Option<usize>) {
        let settings = self.settings;
        let Clusterer { out, summaries, keys, index, group_clusters, .. } = self;
        let claim_by_id: HashMap<&str, usize> =
            doc.claims.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let claim_of =
            |m: &EventMention| claim_by_id.get(m.claim.as_str()).map(|&i| &doc.claims[i]);

        let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
        order.sort_by_key(|&i| (doc.mentions[i].sentence, i));

        let mut supporting: Vec<usize> = Vec::new();
        let mut opposing: Vec<usize> = Vec::new();
        let mut attaching_mentions: Vec<usize> = Vec::new();
        for &mention_idx in &order {
            let mention = &doc.mentions[mention_idx];
            match mention_role(mention, claim_of(mention)) {
                MentionRole::Context => out.context.push(context_of(mention)),
                MentionRole::Opposes => opposing.push(mention_idx),
                MentionRole::Attaches => attaching_mentions.push(mention_idx),
                MentionRole::Supports => supporting.push(mention_idx),
            }
        }
        let supporting_mentions: Vec<&EventMention> =
            supporting.iter().map(|&i| &doc.mentions[i]).collect();
        let local: Vec<(Summary, Vec<usize>)> = if supporting.is_empty() {
            Vec::new()
        } else {
            local_groups(&supporting_mentions, settings, keys)
                .into_iter()
                .map(|(summary, members)| {
                    (summary, members.into_iter().map(|i| supporting[i]).collect())
                })
                .collect()
        };

        // Sentence → cluster of each supporting mention, for attaching the rest.
        let mut placed: Vec<(usize, usize)> = Vec::new();
        for (summary, members) in local {
            let from_group = group.and_then(|g| group_clusters.get(&g)).and_then(|candidates| {
                candidates.iter().copied().find(|&c| {
                    let incident = &summaries[c];
                    types_compatible(&incident.types, &summary.types)
                        && places_compatible(&incident.place, &summary.place, settings.same_area_km)
                })
            });
            let chosen = from_group.or_else(|| {
                let bucket = place_bucket(&summary.place);
                index
                    .candidates(&bucket, &summary.bounds, out.clusters.len())
                    .into_iter()
                    .filter(|&c| !out.clusters[c].documents.contains(&doc_idx))
                    .filter_map(|c| {
                        summaries[c]
                            .fits_across_documents(&summary, settings)
                            .map(|n_shared| (n_shared, c))
                    })
                    // Most shared evidence wins; among equals, the oldest incident.
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                    .map(|(_, c)| c)
            });
            let cluster_idx = match chosen {
                Some(c) => {
                    summaries[c].merge(&summary);
                    c
                }
                None => {
                    let founding = doc.mentions[members[0]].id.clone();
                    out.clusters.push(Cluster {
                        founding,
                        supporting: Vec::new(),
                        opposing: Vec::new(),
                        opposing_claims: Vec::new(),
                        attached: Vec::new(),
                        documents: Vec::new(),
                    });
                    summaries.push(summary);
                    out.clusters.len() - 1
                }
            };
            let cluster = &mut out.clusters[cluster_idx];
            cluster.add_document(doc_idx);
            for &m in &members {
                cluster.supporting.push(MentionRef { doc: doc_idx, mention: m });
                placed.push((doc.mentions[m].sentence, cluster_idx));
            }
            let summary = &summaries[cluster_idx];
            index.insert(place_bucket(&summary.place), &summary.bounds, cluster_idx);
            if let Some(g) = group {
                let list = group_clusters.entry(g).or_default();
                if !list.contains(&cluster_idx) {
                    list.push(cluster_idx);
                }
            }
        }
        placed.sort_unstable();

        // The incident a sentence of this document belongs to: that of the nearest preceding
        // supporting mention, else the first one.
        let nearest = |sentence: usize| -> Option<usize> {
            placed
                .iter()
                .rev()
                .find(|(s, _)| *s <= sentence)
                .or_else(|| placed.first())
                .map(|&(_, c)| c)
        };

        for mention_idx in opposing {
            let mention = &doc.mentions[mention_idx];
            let target = nearest(mention.sentence).or_else(|| {
                // A denial in a report of its own: find the incident it denies.
                let summary = Summary::of(mention, keys);
                index
                    .candidates(&place_bucket(&summary.place), &summary.bounds, out.clusters.len())
                    .into_iter()
                    .find(|&c| summaries[c].fits_across_documents(&summary, settings).is_some())
            });
            match target {
                Some(c) => {
                    out.clusters[c]
                        .opposing
                        .push(MentionRef { doc: doc_idx, mention: mention_idx });
                    out.clusters[c].add_document(doc_idx);
                }
                None => out.context.push(context_of(mention)),
            }
        }

        let mentioned: BTreeSet<&str> = doc.mentions.iter().map(|m| m.claim.as_str()).collect();
        let mut attaching: Vec<(usize, usize)> = doc
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                !mentioned.contains(c.id.as_str()) && attaches_without_mention(c.stance)
            })
            .map(|(i, c)| (c.sentence, i))
            .collect();
        for &m in &attaching_mentions {
            let mention = &doc.mentions[m];
            match claim_by_id.get(mention.claim.as_str()) {
                Some(&claim_idx) if !placed.is_empty() => {
                    attaching.push((mention.sentence, claim_idx))
                }
                _ => out.context.push(context_of(mention)),
            }
        }
        let denials: Vec<(usize, usize)> = doc
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                !mentioned.contains(c.id.as_str())
                    && matches!(c.stance, Stance::Denies | Stance::Rejects)
            })
            .map(|(i, c)| (c.sentence, i))
            .collect();
        for (sentence, claim_idx) in denials {
            if let Some(c) = nearest(sentence) {
                let claim = ClaimRef { doc: doc_idx, claim: claim_idx };
                if !out.clusters[c].opposing_claims.contains(&claim) {
                    out.clusters[c].opposing_claims.push(claim);
                }
            }
        }
        attaching.sort_unstable();
        for (sentence, claim_idx) in attaching {
            if let Some(c) = nearest(sentence) {
                let claim = ClaimRef { doc: doc_idx, claim: claim_idx };
                if !out.clusters[c].attached.contains(&claim) {
                    out.clusters[c].attached.push(claim);
                }
            }
        }
    }
}
