//! Reconciling claims into facts: one [`Fact`] per candidate value of each attribute, with the
//! claims for and against it, the number of independent sources and a status.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use corroborate_model::{
    ActorRole, CasualtyGroup, CasualtyKind, CasualtyMention, ClaimId, DocumentId, EventMention,
    Fact, FactAttribute, FactStatus, ResolveClaim, ResolveDocument, Source, SourceKind, Stance,
    TimeInterval,
};

use crate::cluster::{ClaimRef, Cluster, MentionRef};
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

/// Everything fact building needs to know about the input.
pub(crate) struct Context<'a> {
    /// What is kept of every document; its claims and mentions are in [`Context::parts`]
    /// while they are in memory.
    pub(crate) documents: &'a [KeptReport],
    /// The claims and event mentions of each document in memory, by input index. They are most
    /// of the input, and only the incidents a document contributes to read them, so each
    /// document's are freed once its last incident is built ([`Context::release`]): the input
    /// shrinks while the output grows. They are in memory all up front ([`Context::new`]), or
    /// each from when the first incident that reads it is about to be built
    /// ([`Context::without_reports`], [`Context::load`]); boxed, so that a document not in
    /// memory costs one word.
    parts: Vec<Option<Box<Parts>>>,
    /// Incidents still to be built that each document contributes to.
    pending: Vec<u32>,
    /// Syndication group id of each document, by input index.
    pub(crate) group_ids: Vec<Option<Arc<str>>>,
    /// Claim id → position, for the claims in memory. Facts name their claims by id, and every
    /// claim a fact names is one of its incident's documents', which are in memory while it is
    /// built.
    claim_index: HashMap<ClaimId, ClaimRef>,
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
        let mut ctx = Context { documents, parts, pending, group_ids, claim_index: HashMap::new() };
        for doc in 0..documents.len() {
            if ctx.pending.get(doc) == Some(&0) {
                // A document in no incident was only context.
                ctx.free(doc);
            } else {
                ctx.index_claims(doc);
            }
        }
        ctx
    }

    /// The context of `documents`, which come without their claims and mentions:
    /// [`Context::load`] reads those of a cluster's documents before its incident is built, so
    /// that only the reports of incidents under construction are held (decision 0026).
    pub(crate) fn without_reports(
        documents: &'a [KeptReport],
        group_ids: Vec<Option<Arc<str>>>,
        clusters: &[Cluster],
    ) -> Self {
        let mut ctx = Context::new(documents, Vec::new(), Vec::new(), group_ids, clusters);
        ctx.parts = Vec::new();
        ctx.parts.resize_with(documents.len(), || None);
        ctx
    }

    /// Reads with `read` (given a document's input index and the document) the claims and
    /// mentions of the documents of `cluster` that are not in memory yet: the same, in the same
    /// order, as clustering saw. Call it before building the cluster's incident.
    pub(crate) fn load<E>(
        &mut self,
        cluster: &Cluster,
        read: &mut impl FnMut(usize, &KeptReport) -> Result<(Vec<ResolveClaim>, Vec<EventMention>), E>,
    ) -> Result<(), E> {
        for &doc in &cluster.documents {
            // A document freed after its last incident is in no later cluster, so one not in
            // memory has not been read yet.
            if let (Some(slot @ None), Some(document)) =
                (self.parts.get_mut(doc), self.documents.get(doc))
            {
                let (claims, mentions) = read(doc, document)?;
                *slot = Some(Box::new(Parts { claims, mentions }));
                self.index_claims(doc);
            }
        }
        Ok(())
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

    /// Puts the claims of document `doc` in the index (the first claim with an id keeps it).
    fn index_claims(&mut self, doc: usize) {
        let Some(Some(parts)) = self.parts.get(doc) else { return };
        for (claim, c) in parts.claims.iter().enumerate() {
            self.claim_index.entry(c.id.clone()).or_insert(ClaimRef { doc, claim });
        }
    }

    /// Drops the claims and mentions of document `doc`, and its claims from the index.
    fn free(&mut self, doc: usize) {
        if let Some(Some(parts)) = self.parts.get_mut(doc).map(Option::take) {
            for c in &parts.claims {
                if self.claim_index.get(&c.id).is_some_and(|r| r.doc == doc) {
                    self.claim_index.remove(&c.id);
                }
            }
        }
    }

    /// The claims of document `doc` in memory (none when it is not).
    fn claims_of(&self, doc: usize) -> &[ResolveClaim] {
        match self.parts.get(doc) {
            Some(Some(parts)) => &parts.claims,
            _ => &[],
        }
    }

    /// The event mentions of document `doc` in memory (none when it is not).
    fn mentions_of(&self, doc: usize) -> &[EventMention] {
        match self.parts.get(doc) {
            Some(Some(parts)) => &parts.mentions,
            _ => &[],
        }
    }

    pub(crate) fn claim(&self, r: ClaimRef) -> &ResolveClaim {
        &self.claims_of(r.doc)[r.claim]
    }

    /// Where the claim with id `id` is, among the claims in memory.
    pub(crate) fn claim_ref(&self, id: &ClaimId) -> Option<ClaimRef> {
        self.claim_index.get(id).copied()
    }

    pub(crate) fn mention(&self, r: MentionRef) -> &EventMention {
        &self.mentions_of(r.doc)[r.mention]
    }

    pub(crate) fn claim_of_mention(&self, r: MentionRef) -> Option<(ClaimRef, &ResolveClaim)> {
        let mention = self.mention(r);
        // A mention's claim is one of its own document's few claims; the index is only the
        // fallback.
        let own = self.claims_of(r.doc);
        if let Some(claim) = own.iter().position(|c| c.id == mention.claim) {
            let cr = ClaimRef { doc: r.doc, claim };
            return Some((cr, self.claim(cr)));
        }
        self.claim_ref(&mention.claim).map(|cr| (cr, self.claim(cr)))
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

    /// The independent-source keys of a claim, one per source (co-sources included). Named
    /// sources are the same source wherever they are quoted; unnamed ones are told apart by
    /// their description within one outlet; headline and narration are the outlet.
    pub(crate) fn source_keys(&self, r: ClaimRef) -> Vec<SourceKey> {
        let claim = self.claim(r);
        let outlet = self.outlet_key(r.doc);
        if claim.in_headline || claim.source.kind == SourceKind::Outlet {
            return vec![SourceKey {
                key: format!("outlet:{outlet}"),
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
                            format!("{outlet}:{}:{}", source.kind.as_str(), words.to_lowercase()),
                            false,
                        )
                    }
                };
                SourceKey { key, named, narration: false, outlet: outlet.clone() }
            })
            .collect()
    }
}

/// One source behind a claim, for counting independent sources.
#[derive(Debug, Clone)]
pub(crate) struct SourceKey {
    /// Equal keys are the same source.
    pub(crate) key: String,
    /// A named person, organisation, role or metonym with a name.
    pub(crate) named: bool,
    /// The outlet's own voice (headline, narration).
    pub(crate) narration: bool,
    /// The outlet (syndication group, publisher or document) that reported it.
    pub(crate) outlet: String,
}

/// The number of independent sources among `keys`, and how many of them are named. An
/// outlet's own narration of a value that it also attributes to a source is a re-report of that
/// source, so it only counts when the outlet gives no source for the value.
pub(crate) fn count_sources(keys: &[SourceKey]) -> (usize, usize) {
    let attributed_outlets: BTreeSet<&str> =
        keys.iter().filter(|k| !k.narration).map(|k| k.outlet.as_str()).collect();
    let mut all = BTreeSet::new();
    let mut named = BTreeSet::new();
    for key in keys {
        if key.narration && attributed_outlets.contains(key.outlet.as_str()) {
            continue;
        }
        if key.named {
            named.insert(key.key.as_str());
        }
        all.insert(key.key.as_str());
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

    fn support(&mut self, attribute: FactAttribute, value: &str, claim: ClaimRef, inferred: bool) {
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

    /// Adds what an opposing mention denies: the actors it names in their roles, or, when it
    /// names none, the event type it names.
    pub(crate) fn add_opposing(&mut self, mention: &EventMention, claim: ClaimRef) {
        if !mention.actors.is_empty() {
            for actor in &mention.actors {
                self.oppose(actor_attribute(actor.role), &actor.name, claim);
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
    pub(crate) fn add_reaction(&mut self, claim: &ResolveClaim, claim_ref: ClaimRef) {
        match claim.stance {
            Stance::Confirms => self.support(
                FactAttribute::AcknowledgedBy,
                &source_label(&claim.source),
                claim_ref,
                false,
            ),
            Stance::DeclinesToComment => self.support(
                FactAttribute::DeclinedBy,
                &source_label(&claim.source),
                claim_ref,
                false,
            ),
            Stance::NoResponse => {
                for source in std::iter::once(&claim.source).chain(&claim.co_sources) {
                    self.support(
                        FactAttribute::NoResponseFrom,
                        &source_label(source),
                        claim_ref,
                        false,
                    );
                }
            }
            _ => {}
        }
    }

    /// Computes the facts, ordered by attribute and then first appearance.
    pub(crate) fn finish(self, ctx: &Context<'_>, settings: &ResolveSettings) -> Vec<Fact> {
        // A claim supports several facts (type, place, time, actors): its source keys are
        // worked out once per incident, not once per fact.
        let mut memo: HashMap<ClaimRef, Vec<SourceKey>> = HashMap::new();
        let mut facts: Vec<Fact> = self
            .facts
            .into_iter()
            .map(|builder| {
                let keys: Vec<SourceKey> = builder
                    .support
                    .iter()
                    .flat_map(|&c| memo.entry(c).or_insert_with(|| ctx.source_keys(c)).clone())
                    .collect();
                let (n_sources, n_named) = count_sources(&keys);
                let independent_sources = u32::try_from(n_sources).unwrap_or(u32::MAX);
                let on_record_confirmation = builder.support.iter().any(|&c| {
                    let claim = ctx.claim(c);
                    claim.stance == Stance::Confirms
                        && matches!(
                            claim.source.kind,
                            SourceKind::NamedPerson | SourceKind::Organisation
                        )
                });
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
                let ids =
                    |refs: &[ClaimRef]| refs.iter().map(|&r| ctx.claim(r).id.clone()).collect();
                Fact {
                    attribute: builder.attribute,
                    value: builder.value,
                    status,
                    independent_sources,
                    support: ids(&builder.support),
                    oppose: ids(&builder.oppose),
                    inferred: !builder.support.is_empty() && builder.all_inferred,
                }
            })
            .collect();
        // Stable: equal attributes keep first-appearance order.
        facts.sort_by_key(|f| f.attribute);
        // Collected in place, the facts keep the builders' spare capacity: give it back, since
        // every incident is held until it is stored.
        facts.shrink_to_fit();
        facts
    }
}

/// The names a source speaks for: its canonical name and its affiliation.
fn source_sides(source: &Source) -> Vec<&str> {
    [source.name.as_deref(), source.affiliation.as_deref()].into_iter().flatten().collect()
}

impl FactTable {
    /// Supported values of an attribute.
    fn supported(&self, attribute: FactAttribute) -> Vec<String> {
        self.facts
            .iter()
            .filter(|f| f.attribute == attribute && !f.support.is_empty())
            .map(|f| f.value.clone())
            .collect()
    }

    /// Adds what a denial or rejection by `denier` opposes, reading it by who denies:
    ///
    /// 1. the perpetrator's side, having acknowledged the incident, can only be denying the
    ///    harm claimed: it opposes the civilian tolls above zero (or, when none is reported, the
    ///    figures of its own mention);
    /// 2. an actor the reports credit with a role denies that role ("did not take part");
    /// 3. otherwise a denial with a mention opposes what the mention names
    ///    ([`FactTable::add_opposing`]); one without a mention, whose object is unknown,
    ///    opposes nothing.
    fn add_denial(
        &mut self,
        denier: &Source,
        mention: Option<&EventMention>,
        claim: ClaimRef,
        acknowledging_sides: &[String],
    ) {
        let sides = source_sides(denier);
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
                for casualty in mention.map(|m| m.casualties.as_slice()).unwrap_or_default() {
                    let value = range_text(casualty.min, casualty.max);
                    self.oppose(casualty_attribute(casualty), &value, claim);
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
        if let Some(mention) = mention {
            self.add_opposing(mention, claim);
        }
    }
}

/// Builds the facts of a cluster.
pub(crate) fn facts_of(
    cluster: &Cluster,
    ctx: &Context<'_>,
    settings: &ResolveSettings,
) -> Vec<Fact> {
    let mut table = FactTable::default();
    let mut acknowledging_sides: Vec<String> = Vec::new();
    let mut note_acknowledgement = |claim: &ResolveClaim| {
        if claim.stance == Stance::Confirms {
            acknowledging_sides.extend(source_sides(&claim.source).into_iter().map(str::to_string));
        }
    };
    for &m in &cluster.supporting {
        if let Some((claim_ref, claim)) = ctx.claim_of_mention(m) {
            table.add_supporting(ctx.mention(m), claim_ref);
            table.add_reaction(claim, claim_ref);
            note_acknowledgement(claim);
        }
    }
    for &claim_ref in &cluster.attached {
        let claim = ctx.claim(claim_ref);
        table.add_reaction(claim, claim_ref);
        note_acknowledgement(claim);
    }
    // The perpetrator speaking on the record about its own action acknowledges it, whether or
    // not the sentence uses a word of confirmation ("the Coast Guard said its cutter boarded").
    let perpetrators = table.supported(FactAttribute::Perpetrator);
    for &m in &cluster.supporting {
        let Some((claim_ref, claim)) = ctx.claim_of_mention(m) else { continue };
        let on_record = matches!(
            claim.source.kind,
            SourceKind::Organisation | SourceKind::NamedPerson | SourceKind::OfficialRole
        );
        if claim.stance != Stance::Asserts || claim.in_headline || !on_record {
            continue;
        }
        let sides = source_sides(&claim.source);
        if perpetrators.iter().any(|p| sides.iter().any(|s| crate::actors::same_side(s, p))) {
            table.support(
                FactAttribute::AcknowledgedBy,
                &source_label(&claim.source),
                claim_ref,
                false,
            );
            note_acknowledgement(claim);
        }
    }
    for &m in &cluster.opposing {
        if let Some((claim_ref, claim)) = ctx.claim_of_mention(m) {
            table.add_denial(&claim.source, Some(ctx.mention(m)), claim_ref, &acknowledging_sides);
        }
    }
    for &claim_ref in &cluster.opposing_claims {
        let claim = ctx.claim(claim_ref);
        table.add_denial(&claim.source, None, claim_ref, &acknowledging_sides);
    }
    table.finish(ctx, settings)
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
