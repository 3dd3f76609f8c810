//! Reconciling claims into facts: one [`Fact`] per candidate value of each attribute, with the
//! claims for and against it, the number of independent sources and a status.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use corroborate_model::{
    ActorRole, CasualtyGroup, CasualtyKind, CasualtyMention, ClaimId, DocumentId, EventMention,
    EventType, Fact, FactAttribute, FactStatus, ResolveClaim, ResolveDocument, Source, SourceKind,
    Stance, TimeInterval,
};

use crate::cluster::{ClaimRef, Cluster};
use crate::ResolveSettings;

/// What building incidents reads of a report besides its claims and mentions: resolve keeps
/// this of every report while it builds them, so it is kept small (decision 0026).
#[derive(Debug, Clone)]
pub(crate) struct KeptReport {
    pub(crate) id: DocumentId,
    /// Shared by the reports of one publisher.
    pub(crate) publisher: Option<Arc<str>>,
    pub(crate) published: Option<NaiveDate>,
}

impl KeptReport {
    /// `document` without its claims, mentions and group key, its publisher one of
    /// `publishers`' copies (added when new).
    pub(crate) fn of(document: &ResolveDocument, publishers: &mut HashSet<Arc<str>>) -> KeptReport {
        let publisher = document.publisher.as_deref().map(|name| match publishers.get(name) {
            Some(shared) => shared.clone(),
            None => {
                let shared: Arc<str> = Arc::from(name);
                publishers.insert(shared.clone());
                shared
            }
        });
        KeptReport { id: document.id.clone(), publisher, published: document.published }
    }
}

/// The claims resolve keeps of a document and its event mentions.
struct Parts {
    claims: Vec<ResolveClaim>,
    mentions: Vec<EventMention>,
}

/// What building incidents knows about the input besides the report being added to an
/// incident: what is kept of every report, its syndication group and, for [`crate::resolve`],
/// which holds them all from the start, every report's claims and mentions.
pub(crate) struct Context<'a> {
    /// What is kept of every document.
    pub(crate) documents: &'a [KeptReport],
    /// The claims and event mentions of each document, by input index, when the whole input
    /// is in memory ([`Context::new`]). They are most of the input, and only the incidents a
    /// document contributes to read them, so each document's are freed once its last incident
    /// is built ([`Context::release`]): the input shrinks while the output grows. Boxed, so
    /// that a freed document costs one word. Empty for [`Context::without_reports`], whose
    /// caller reads each report as an incident is built from it.
    parts: Vec<Option<Box<Parts>>>,
    /// Incidents still to be built that each document contributes to.
    pending: Vec<u32>,
    /// Syndication group id of each document, by input index.
    pub(crate) group_ids: Vec<Option<Arc<str>>>,
}

impl<'a> Context<'a> {
    /// The context of `documents`, whose claims and mentions (in the same order) are `claims`
    /// and `mentions`, for building the incidents of `clusters`.
    pub(crate) fn new(
        documents: &'a [KeptReport],
        claims: Vec<Vec<ResolveClaim>>,
        mentions: Vec<Vec<EventMention>>,
        group_ids: Vec<Option<Arc<str>>>,
        clusters: &[Cluster],
    ) -> Self {
        let mut pending = vec![0u32; documents.len()];
        for cluster in clusters {
            for &doc in &cluster.documents {
                if let Some(n) = pending.get_mut(doc) {
                    *n = n.saturating_add(1);
                }
            }
        }
        let parts = claims
            .into_iter()
            .zip(mentions)
            .map(|(claims, mentions)| Some(Box::new(Parts { claims, mentions })))
            .collect();
        let mut ctx = Context { documents, parts, pending, group_ids };
        for doc in 0..documents.len() {
            if ctx.pending.get(doc) == Some(&0) {
                // A document in no incident was only context.
                ctx.free(doc);
            }
        }
        ctx
    }

    /// The context of `documents`, which come without their claims and mentions: the caller
    /// reads each report again as an incident is built from it, so that only one report's are
    /// held at a time (decision 0026).
    pub(crate) fn without_reports(
        documents: &'a [KeptReport],
        group_ids: Vec<Option<Arc<str>>>,
    ) -> Self {
        Context { documents, parts: Vec::new(), pending: Vec::new(), group_ids }
    }

    /// Frees the claims and mentions of the documents of `cluster` that no incident still to
    /// be built reads. Call it once per cluster, after building its incident.
    pub(crate) fn release(&mut self, cluster: &Cluster) {
        for &doc in &cluster.documents {
            let Some(n) = self.pending.get_mut(doc) else { continue };
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.free(doc);
            }
        }
    }

    /// Drops the claims and mentions of document `doc`.
    fn free(&mut self, doc: usize) {
        if let Some(slot) = self.parts.get_mut(doc) {
            *slot = None;
        }
    }

    /// The claims and event mentions of document `doc` in memory (none when they are not).
    pub(crate) fn parts(&self, doc: usize) -> (&[ResolveClaim], &[EventMention]) {
        match self.parts.get(doc) {
            Some(Some(parts)) => (&parts.claims, &parts.mentions),
            _ => (&[], &[]),
        }
    }

    /// Who stands behind the reporting of a document: its syndication group, else its
    /// publisher, else the document itself. Two reports by one outlet are one outlet.
    pub(crate) fn outlet_key(&self, doc: usize) -> String {
        if let Some(group) = &self.group_ids[doc] {
            return format!("group:{group}");
        }
        let document = &self.documents[doc];
        match &document.publisher {
            Some(publisher) => format!("publisher:{}", publisher.to_lowercase()),
            None => format!("document:{}", document.id),
        }
    }

    /// The independent-source keys of `claim`, a claim of document `doc`, one per source
    /// (co-sources included), their strings `strings`' copies. Named sources are the same
    /// source wherever they are quoted; unnamed ones are told apart by their description
    /// within one outlet; headline and narration are the outlet.
    pub(crate) fn source_keys(
        &self,
        claim: &ResolveClaim,
        doc: usize,
        strings: &mut Strings,
    ) -> Vec<SourceKey> {
        let outlet_key = self.outlet_key(doc);
        let outlet = strings.get(&outlet_key);
        if claim.in_headline || claim.source.kind == SourceKind::Outlet {
            return vec![SourceKey {
                key: strings.get(&format!("outlet:{outlet_key}")),
                named: false,
                narration: true,
                outlet,
            }];
        }
        std::iter::once(&claim.source)
            .chain(&claim.co_sources)
            .map(|source| {
                let (key, named) = match (&source.name, source.kind) {
                    (Some(name), kind) if kind != SourceKind::Anonymous => {
                        (format!("{}:{}", kind.as_str(), name.to_lowercase()), true)
                    }
                    _ => {
                        let words = source.description.as_deref().unwrap_or(&source.surface);
                        (
                            format!(
                                "{outlet_key}:{}:{}",
                                source.kind.as_str(),
                                words.to_lowercase()
                            ),
                            false,
                        )
                    }
                };
                SourceKey {
                    key: strings.get(&key),
                    named,
                    narration: false,
                    outlet: outlet.clone(),
                }
            })
            .collect()
    }
}

/// One source behind a claim, for counting independent sources.
#[derive(Debug, Clone)]
pub(crate) struct SourceKey {
    /// Equal keys are the same source.
    pub(crate) key: Arc<str>,
    /// A named person, organisation, role or metonym with a name.
    pub(crate) named: bool,
    /// The outlet's own voice (headline, narration).
    pub(crate) narration: bool,
    /// The outlet (syndication group, publisher or document) that reported it.
    pub(crate) outlet: Arc<str>,
}

/// The number of independent sources among `keys`, and how many of them are named. An
/// outlet's own narration of a value that it also attributes to a source is a re-report of that
/// source, so it only counts when the outlet gives no source for the value.
pub(crate) fn count_sources(keys: &[SourceKey]) -> (usize, usize) {
    let attributed_outlets: BTreeSet<&str> =
        keys.iter().filter(|k| !k.narration).map(|k| &*k.outlet).collect();
    let mut all = BTreeSet::new();
    let mut named = BTreeSet::new();
    for key in keys {
        if key.narration && attributed_outlets.contains(&*key.outlet) {
            continue;
        }
        if key.named {
            named.insert(&*key.key);
        }
        all.insert(&*key.key);
    }
    (all.len(), named.len())
}

/// How a source is shown in a fact value: its canonical name, else its words.
pub(crate) fn source_label(source: &Source) -> String {
    source.name.clone().unwrap_or_else(|| source.surface.clone())
}

/// The fact attribute of an actor role.
fn actor_attribute(role: ActorRole) -> FactAttribute {
    match role {
        ActorRole::Supporter => FactAttribute::Supporter,
        ActorRole::Target => FactAttribute::TargetActor,
        _ => FactAttribute::Perpetrator,
    }
}

/// The fact attribute of a casualty figure. Civilian figures only feed the civilian attributes:
/// "no civilian casualties" says nothing about combatants, so it must not become "none killed".
pub(crate) fn casualty_attribute(casualty: &CasualtyMention) -> FactAttribute {
    match (casualty.kind, casualty.group) {
        (CasualtyKind::Injured, CasualtyGroup::Civilian) => FactAttribute::CiviliansInjured,
        (CasualtyKind::Injured, _) => FactAttribute::Injured,
        (_, CasualtyGroup::Civilian) => FactAttribute::CiviliansKilled,
        _ => FactAttribute::Killed,
    }
}

/// A figure range as fact text: "3-4", "0-0", "11-" (open-ended), "-5".
pub(crate) fn range_text(min: Option<u32>, max: Option<u32>) -> String {
    let show = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    format!("{}-{}", show(min), show(max))
}

/// A time interval as fact text: "2025-12-01/2025-12-26", ".." for an unknown bound.
pub(crate) fn time_text(time: &TimeInterval) -> Option<String> {
    if time.earliest.is_none() && time.latest.is_none() {
        return None;
    }
    let show =
        |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "..".into());
    Some(format!("{}/{}", show(time.earliest), show(time.latest)))
}

#[derive(Debug)]
struct FactBuilder {
    attribute: FactAttribute,
    value: String,
    support: Vec<ClaimRef>,
    oppose: Vec<ClaimRef>,
    /// False once any supporting figure is stated rather than inferred.
    all_inferred: bool,
}

/// What a claim's own reaction (an acknowledgement, a decline, a non-response) adds to the
/// facts, kept apart from the claim so that it can be added after the report has been dropped.
#[derive(Debug, Clone)]
pub(crate) struct Reaction {
    claim: ClaimRef,
    stance: Stance,
    /// The labels of its source and co-sources ([`source_label`]), in order.
    labels: Vec<Arc<str>>,
    /// The names its source speaks for ([`source_sides`]).
    sides: Vec<Arc<str>>,
}

impl Reaction {
    /// The reaction of `claim`, at `claim_ref`; its strings are `strings`' copies.
    pub(crate) fn of(claim: &ResolveClaim, claim_ref: ClaimRef, strings: &mut Strings) -> Self {
        let labels = std::iter::once(&claim.source)
            .chain(&claim.co_sources)
            .map(|source| strings.get(&source_label(source)))
            .collect();
        Reaction {
            claim: claim_ref,
            stance: claim.stance,
            labels,
            sides: source_sides(&claim.source).into_iter().map(|s| strings.get(s)).collect(),
        }
    }

    /// The claim's position.
    pub(crate) fn claim(&self) -> ClaimRef {
        self.claim
    }

    /// The claim's stance.
    pub(crate) fn stance(&self) -> Stance {
        self.stance
    }

    /// The label of the claim's source.
    pub(crate) fn label(&self) -> Option<&Arc<str>> {
        self.labels.first()
    }

    /// The names of the acknowledging source, when the claim acknowledges.
    pub(crate) fn acknowledging_sides(&self) -> &[Arc<str>] {
        if self.stance == Stance::Confirms {
            &self.sides
        } else {
            &[]
        }
    }
}

/// What a denial or rejection opposes, kept apart from its claim and mention
/// ([`FactTable::add_denial`]).
#[derive(Debug, Clone)]
pub(crate) struct Denial {
    claim: ClaimRef,
    /// The names the denying source speaks for ([`source_sides`]).
    sides: Vec<Arc<str>>,
    /// What its mention names, when it has one.
    mention: Option<DeniedMention>,
}

/// What a denying mention names: its figures, its actors in their roles and its event type.
#[derive(Debug, Clone)]
struct DeniedMention {
    casualties: Vec<(FactAttribute, String)>,
    actors: Vec<(FactAttribute, Arc<str>)>,
    event_type: Option<EventType>,
}

impl Denial {
    /// The denial made by `claim` (at `claim_ref`) about `mention`, when it has one.
    pub(crate) fn of(
        claim: &ResolveClaim,
        claim_ref: ClaimRef,
        mention: Option<&EventMention>,
        strings: &mut Strings,
    ) -> Self {
        Denial {
            claim: claim_ref,
            sides: source_sides(&claim.source).into_iter().map(|s| strings.get(s)).collect(),
            mention: mention.map(|mention| DeniedMention {
                casualties: mention
                    .casualties
                    .iter()
                    .map(|c| (casualty_attribute(c), range_text(c.min, c.max)))
                    .collect(),
                actors: mention
                    .actors
                    .iter()
                    .map(|a| (actor_attribute(a.role), strings.get(&a.name)))
                    .collect(),
                event_type: mention.event_type,
            }),
        }
    }
}

/// One copy of each string an incident's builder keeps: the thousands of reports of a large
/// incident repeat a few sources, outlets and actors.
#[derive(Debug, Default)]
pub(crate) struct Strings(HashSet<Arc<str>>);

impl Strings {
    /// The shared copy of `text`.
    pub(crate) fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.0.insert(shared.clone());
        shared
    }
}

/// What fact building needs to know of a claim once its report is dropped.
#[derive(Debug, Clone)]
pub(crate) struct ClaimFacts {
    pub(crate) id: ClaimId,
    /// Its independent-source keys ([`Context::source_keys`]).
    keys: Vec<SourceKey>,
    /// An on-record confirmation: an acknowledgement by a named person or an organisation.
    on_record_confirmation: bool,
}

impl ClaimFacts {
    /// What fact building needs of `claim`, a claim of document `doc`.
    pub(crate) fn of(
        claim: &ResolveClaim,
        doc: usize,
        ctx: &Context<'_>,
        strings: &mut Strings,
    ) -> Self {
        let keys = ctx.source_keys(claim, doc, strings);
        ClaimFacts {
            id: claim.id.clone(),
            keys,
            on_record_confirmation: claim.stance == Stance::Confirms
                && matches!(claim.source.kind, SourceKind::NamedPerson | SourceKind::Organisation),
        }
    }
}

/// Collects candidate values in first-seen order.
#[derive(Debug, Default)]
pub(crate) struct FactTable {
    facts: Vec<FactBuilder>,
    by_key: HashMap<(FactAttribute, String), usize>,
}

impl FactTable {
    fn entry(&mut self, attribute: FactAttribute, value: &str) -> &mut FactBuilder {
        let key = (attribute, value.trim().to_lowercase());
        let idx = match self.by_key.get(&key) {
            Some(&idx) => idx,
            None => {
                self.facts.push(FactBuilder {
                    attribute,
                    value: value.trim().to_string(),
                    support: Vec::new(),
                    oppose: Vec::new(),
                    all_inferred: true,
                });
                self.by_key.insert(key, self.facts.len() - 1);
                self.facts.len() - 1
            }
        };
        &mut self.facts[idx]
    }

    pub(crate) fn support(
        &mut self,
        attribute: FactAttribute,
        value: &str,
        claim: ClaimRef,
        inferred: bool,
    ) {
        let fact = self.entry(attribute, value);
        if !fact.support.contains(&claim) {
            fact.support.push(claim);
        }
        fact.all_inferred &= inferred;
    }

    fn oppose(&mut self, attribute: FactAttribute, value: &str, claim: ClaimRef) {
        let fact = self.entry(attribute, value);
        if !fact.oppose.contains(&claim) {
            fact.oppose.push(claim);
        }
    }

    /// Adds what a supporting mention says.
    pub(crate) fn add_supporting(&mut self, mention: &EventMention, claim: ClaimRef) {
        if let Some(event_type) = mention.event_type {
            self.support(FactAttribute::Type, event_type.as_str(), claim, false);
        }
        for actor in &mention.actors {
            self.support(actor_attribute(actor.role), &actor.name, claim, false);
        }
        if let Some(target) = &mention.target_object {
            self.support(FactAttribute::TargetObject, &target.category, claim, false);
        }
        if let Some(name) = mention.place.as_ref().and_then(|p| p.name.as_deref()) {
            self.support(FactAttribute::Place, name, claim, false);
        }
        if let Some(text) = time_text(&mention.time) {
            self.support(FactAttribute::Time, &text, claim, false);
        }
        for casualty in &mention.casualties {
            let value = range_text(casualty.min, casualty.max);
            self.support(casualty_attribute(casualty), &value, claim, casualty.inferred);
        }
    }

    /// Adds what a denying mention opposes: the actors it names in their roles, or, when it
    /// names none, the event type it names.
    fn add_opposing(&mut self, mention: &DeniedMention, claim: ClaimRef) {
        if !mention.actors.is_empty() {
            for (attribute, name) in &mention.actors {
                self.oppose(*attribute, name, claim);
            }
            return;
        }
        // A denial that names neither actor nor event ("condemned the attack", "said the
        // reports were false") cannot be tied to one value, so it opposes none.
        if let Some(event_type) = mention.event_type {
            self.oppose(FactAttribute::Type, event_type.as_str(), claim);
        }
    }

    /// Adds the on-record reactions of a claim: acknowledgements, declines, non-responses.
    pub(crate) fn add_reaction(&mut self, reaction: &Reaction) {
        let Some(label) = reaction.labels.first() else { return };
        match reaction.stance {
            Stance::Confirms => {
                self.support(FactAttribute::AcknowledgedBy, label, reaction.claim, false)
            }
            Stance::DeclinesToComment => {
                self.support(FactAttribute::DeclinedBy, label, reaction.claim, false)
            }
            Stance::NoResponse => {
                for label in &reaction.labels {
                    self.support(FactAttribute::NoResponseFrom, label, reaction.claim, false);
                }
            }
            _ => {}
        }
    }

    /// Computes the facts, ordered by attribute and then first appearance, each with the
    /// positions of its supporting claims; `claims` gives what is needed of every claim the
    /// table names.
    pub(crate) fn finish(
        self,
        claims: &BTreeMap<ClaimRef, ClaimFacts>,
        settings: &ResolveSettings,
    ) -> Vec<(Fact, Vec<ClaimRef>)> {
        let mut facts: Vec<(Fact, Vec<ClaimRef>)> = self
            .facts
            .into_iter()
            .map(|builder| {
                let keys: Vec<SourceKey> = builder
                    .support
                    .iter()
                    .filter_map(|c| claims.get(c))
                    .flat_map(|c| c.keys.iter().cloned())
                    .collect();
                let (n_sources, n_named) = count_sources(&keys);
                let independent_sources = u32::try_from(n_sources).unwrap_or(u32::MAX);
                let on_record_confirmation = builder
                    .support
                    .iter()
                    .any(|c| claims.get(c).is_some_and(|c| c.on_record_confirmation));
                let status = if matches!(
                    builder.attribute,
                    FactAttribute::DeclinedBy | FactAttribute::NoResponseFrom
                ) {
                    FactStatus::Unconfirmed
                } else if !builder.support.is_empty() && !builder.oppose.is_empty() {
                    FactStatus::Disputed
                } else if !builder.oppose.is_empty() {
                    FactStatus::Denied
                } else if on_record_confirmation || n_named >= 2 {
                    FactStatus::Confirmed
                } else if independent_sources >= settings.corroboration_sources.max(1) {
                    FactStatus::Corroborated
                } else if independent_sources >= 1 {
                    FactStatus::SingleSource
                } else {
                    FactStatus::Unconfirmed
                };
                let ids = |refs: &[ClaimRef]| {
                    refs.iter().filter_map(|r| claims.get(r)).map(|c| c.id.clone()).collect()
                };
                let fact = Fact {
                    attribute: builder.attribute,
                    value: builder.value,
                    status,
                    independent_sources,
                    support: ids(&builder.support),
                    oppose: ids(&builder.oppose),
                    inferred: !builder.support.is_empty() && builder.all_inferred,
                };
                (fact, builder.support)
            })
            .collect();
        // Stable: equal attributes keep first-appearance order.
        facts.sort_by_key(|(f, _)| f.attribute);
        facts
    }
}

/// The names a source speaks for: its canonical name and its affiliation.
pub(crate) fn source_sides(source: &Source) -> Vec<&str> {
    [source.name.as_deref(), source.affiliation.as_deref()].into_iter().flatten().collect()
}

impl FactTable {
    /// Supported values of an attribute.
    pub(crate) fn supported(&self, attribute: FactAttribute) -> Vec<String> {
        self.facts
            .iter()
            .filter(|f| f.attribute == attribute && !f.support.is_empty())
            .map(|f| f.value.clone())
            .collect()
    }

    /// Adds what a denial or rejection opposes, reading it by who denies:
    ///
    /// 1. the perpetrator's side, having acknowledged the incident, can only be denying the
    ///    harm claimed: it opposes the civilian tolls above zero (or, when none is reported, the
    ///    figures of its own mention);
    /// 2. an actor the reports credit with a role denies that role ("did not take part");
    /// 3. otherwise a denial with a mention opposes what the mention names
    ///    ([`FactTable::add_opposing`]); one without a mention, whose object is unknown,
    ///    opposes nothing.
    pub(crate) fn add_denial(&mut self, denial: &Denial, acknowledging_sides: &[Arc<str>]) {
        let claim = denial.claim;
        let sides = &denial.sides;
        let on_side = |value: &str| sides.iter().any(|s| crate::actors::same_side(s, value));
        let acknowledged = acknowledging_sides.iter().any(|a| on_side(a));
        let perpetrators = self.supported(FactAttribute::Perpetrator);
        if acknowledged && perpetrators.iter().any(|p| on_side(p)) {
            let civilian: Vec<(FactAttribute, String)> = self
                .facts
                .iter()
                .filter(|f| {
                    matches!(
                        f.attribute,
                        FactAttribute::CiviliansKilled | FactAttribute::CiviliansInjured
                    ) && !f.support.is_empty()
                        && !f.value.ends_with("-0")
                })
                .map(|f| (f.attribute, f.value.clone()))
                .collect();
            if civilian.is_empty() {
                for (attribute, value) in
                    denial.mention.as_ref().map(|m| m.casualties.as_slice()).unwrap_or_default()
                {
                    self.oppose(*attribute, value, claim);
                }
            }
            for (attribute, value) in civilian {
                self.oppose(attribute, &value, claim);
            }
            return;
        }
        let is_denier = |value: &str| sides.iter().any(|s| crate::actors::same_actor(s, value));
        let own_roles: Vec<(FactAttribute, String)> = self
            .facts
            .iter()
            .filter(|f| {
                matches!(f.attribute, FactAttribute::Perpetrator | FactAttribute::Supporter)
                    && is_denier(&f.value)
            })
            .map(|f| (f.attribute, f.value.clone()))
            .collect();
        if !own_roles.is_empty() {
            for (attribute, value) in own_roles {
                self.oppose(attribute, &value, claim);
            }
            return;
        }
        if let Some(mention) = &denial.mention {
            self.add_opposing(mention, claim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str, outlet: &str, narration: bool, named: bool) -> SourceKey {
        SourceKey { key: key.into(), named, narration, outlet: outlet.into() }
    }

    #[test]
    fn narration_of_an_attributed_value_is_a_re_report() {
        let keys = [
            key("outlet:a", "a", true, false),
            key("a:anonymous:two sources", "a", false, false),
            key("outlet:b", "b", true, false),
        ];
        assert_eq!(count_sources(&keys), (2, 0));
    }

    #[test]
    fn a_named_source_quoted_twice_counts_once() {
        let keys = [
            key("named_person:jane roe", "a", false, true),
            key("named_person:jane roe", "b", false, true),
            key("organisation:navy", "b", false, true),
        ];
        assert_eq!(count_sources(&keys), (2, 2));
    }

    #[test]
    fn range_and_time_texts() {
        assert_eq!(range_text(Some(3), Some(4)), "3-4");
        assert_eq!(range_text(Some(11), None), "11-");
        assert_eq!(time_text(&TimeInterval::default()), None);
    }
}
