//! Building an [`Incident`] from a cluster: its type, time, place and casualties, its facts,
//! grade, flags, contradictions and timeline.
//!
//! An incident is built from its reports in turn ([`Builder::add_report`], in input order):
//! what each report says is folded into the facts, time, place, casualties, flags and
//! timeline as it comes, and only what the incident needs of it once it is dropped is kept
//! (claim ids, source keys, the few fields of reactions and denials that are weighed once every
//! report is in). So building holds one report's claims and mentions at a time, not those of
//! every report of the incident, whose number grows with an archive that keeps reporting one
//! event (decision 0026).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use corroborate_model::{
    ActorRole, Casualties, ClaimId, Contradiction, CountRange, EventMention, EventType, Fact,
    FactAttribute, FactStatus, Flag, Incident, IncidentGrade, IncidentId, Place, ResolveClaim,
    SourceKind, Stance, TimeExpression, TimeInterval, TimePrecision, TimeRole, TimelineEntry,
};

use crate::actors::same_side;
use crate::cluster::{ClaimRef, Cluster, MentionRef};
use crate::compat::{effective_counted_place, is_more_specific, time_precision_rank, Bounds};
use crate::facts::{
    casualty_attribute, source_label, source_sides, ClaimFacts, Context, Denial, FactTable,
    Reaction, Strings,
};
use crate::ResolveSettings;

/// An on-record assertion by a source of a supporting mention: it acknowledges the incident
/// when the source speaks for a perpetrator, which is known only once every report is in.
#[derive(Debug)]
struct OnRecord {
    claim: ClaimRef,
    label: Arc<str>,
    sides: Vec<Arc<str>>,
}

/// What the timeline needs of one report.
#[derive(Debug)]
struct TimelineReport {
    doc: usize,
    /// Its own supporting figures ([`CasualtyFold`]).
    figures: Casualties,
    /// The actors of its own supporting mentions, in order.
    actors: Vec<(ActorRole, Arc<str>)>,
    /// The sources of its own denying mentions.
    denials: Vec<Arc<str>>,
    /// The sources of its acknowledging claims.
    acknowledgements: Vec<Arc<str>>,
    /// Its claims bearing on the incident.
    claims: Vec<ClaimId>,
}

/// Lowest minimum and highest maximum per category over the supporting figures added. An
/// open-ended figure ("at least 5") leaves the maximum open only when no stated figure reaches
/// it: "at least five" and "six" make 5–6.
#[derive(Debug, Default)]
struct CasualtyFold {
    ranges: Casualties,
    open_from: BTreeMap<FactAttribute, u32>,
}

impl CasualtyFold {
    fn add(&mut self, mention: &EventMention) {
        for casualty in &mention.casualties {
            let attribute = casualty_attribute(casualty);
            let range = range_of(&mut self.ranges, attribute);
            if let Some(min) = casualty.min {
                range.min = Some(range.min.map_or(min, |v| v.min(min)));
            }
            match casualty.max {
                Some(max) => range.max = Some(range.max.map_or(max, |v| v.max(max))),
                None => {
                    if let Some(min) = casualty.min {
                        let open = self.open_from.entry(attribute).or_insert(min);
                        *open = (*open).max(min);
                    }
                }
            }
        }
    }

    fn finish(self) -> Casualties {
        let mut out = self.ranges;
        for (attribute, open) in self.open_from {
            let range = range_of(&mut out, attribute);
            if range.max.is_none_or(|max| max < open) {
                range.max = None;
            }
        }
        out
    }
}

/// The times of the supporting mentions, as [`TimeFold::finish`] weighs them.
#[derive(Debug)]
struct TimeFold {
    precision: TimePrecision,
    expressions: Vec<TimeExpression>,
    /// Each supporting mention's interval, with the id of its claim.
    intervals: Vec<(Bounds, Option<ClaimId>)>,
}

impl Default for TimeFold {
    fn default() -> Self {
        TimeFold {
            precision: TimePrecision::Unknown,
            expressions: Vec::new(),
            intervals: Vec::new(),
        }
    }
}

impl TimeFold {
    /// Adds a supporting mention, whose claim is `claim`. Statement-only times ("said this
    /// week") bound only the latest day, and a reversed interval is read in order.
    fn add(&mut self, mention: &EventMention, claim: Option<&ClaimId>) {
        let time = &mention.time;
        let statement_only = !time.expressions.is_empty()
            && time.expressions.iter().all(|e| e.role == TimeRole::Statement);
        let mention_bounds = Bounds {
            earliest: if statement_only { None } else { time.earliest },
            latest: time.latest,
        }
        .ordered();
        if !mention_bounds.is_unknown() {
            self.intervals.push((mention_bounds, claim.cloned()));
        }
        if !statement_only
            && time_precision_rank(time.precision) < time_precision_rank(self.precision)
        {
            self.precision = time.precision;
        }
        for expression in &time.expressions {
            if !self.expressions.contains(expression) {
                self.expressions.push(expression.clone());
            }
        }
    }

    /// The incident's interval: the intersection of the intervals that agree with most
    /// reports. Each supporting mention's interval counts once for every day it contains; the
    /// day counted most wins, and the intervals containing it are intersected. Intervals that
    /// leave it out earn a `time_conflict` flag; when two disjoint days tie, the interval is the
    /// union of all, also flagged. The result is never inverted.
    fn finish(self) -> (TimeInterval, Option<Flag>) {
        let TimeFold { mut precision, mut expressions, intervals } = self;
        let contains = |b: &Bounds, day: chrono::NaiveDate| {
            b.earliest.is_none_or(|e| e <= day) && b.latest.is_none_or(|l| day <= l)
        };
        let mut days: Vec<chrono::NaiveDate> =
            intervals.iter().flat_map(|(b, _)| [b.earliest, b.latest]).flatten().collect();
        days.sort_unstable();
        days.dedup();
        let score =
            |day: chrono::NaiveDate| intervals.iter().filter(|(b, _)| contains(b, day)).count();
        let scored: Vec<(chrono::NaiveDate, usize)> = days.iter().map(|&d| (d, score(d))).collect();
        let best = scored.iter().map(|(_, s)| *s).max().unwrap_or(0);
        let mut bounds = Bounds::default();
        let mut outliers: Vec<Option<&ClaimId>> = Vec::new();
        if let Some(&(day, _)) = scored.iter().find(|(_, s)| *s == best) {
            for (b, claim) in &intervals {
                if contains(b, day) {
                    bounds = if bounds.is_unknown() { *b } else { bounds.narrow(b) };
                } else {
                    outliers.push(claim.as_ref());
                }
            }
            let tie_elsewhere = scored.iter().any(|&(d, s)| s == best && !contains(&bounds, d));
            if tie_elsewhere {
                let earliest = intervals.iter().map(|(b, _)| b.earliest).min().flatten();
                let latest = intervals.iter().map(|(b, _)| b.latest).max().flatten();
                let all_bounded = intervals.iter().all(|(b, _)| b.latest.is_some());
                bounds = Bounds {
                    earliest: if intervals.iter().all(|(b, _)| b.earliest.is_some()) {
                        earliest
                    } else {
                        None
                    },
                    latest: if all_bounded { latest } else { None },
                };
                outliers = intervals.iter().map(|(_, claim)| claim.as_ref()).collect();
            }
        }
        if bounds.earliest.is_some() && bounds.earliest == bounds.latest {
            precision = TimePrecision::Day;
        }
        let flag = (!outliers.is_empty()).then(|| {
            let mut claims: Vec<ClaimId> = Vec::new();
            for &claim in outliers.iter().flatten() {
                if !claims.contains(claim) {
                    claims.push(claim.clone());
                }
            }
            Flag {
                code: "time_conflict".into(),
                message: format!(
                    "{} time(s) reported for this incident do not overlap the interval most reports agree on",
                    outliers.len()
                ),
                claims,
            }
        });
        expressions.shrink_to_fit();
        (
            TimeInterval {
                earliest: bounds.earliest,
                latest: bounds.latest,
                precision,
                expressions,
            },
            flag,
        )
    }
}

/// The next entries of `list` (from `*next`) that belong to document `doc`, and moves `*next`
/// past them. A cluster's lists hold their entries in input order of documents, since
/// clustering adds reports in that order, so each report's entries are one run.
fn run_of<'a, T>(
    list: &'a [T],
    next: &mut usize,
    doc: usize,
    doc_of: impl Fn(&T) -> usize,
) -> &'a [T] {
    let start = (*next).min(list.len());
    let rest = list.get(start..).unwrap_or_default();
    let len = rest.iter().take_while(|item| doc_of(item) == doc).count();
    *next = start + len;
    rest.get(..len).unwrap_or_default()
}

/// The incident of a cluster in the making: [`Builder::add_report`] each of its reports in
/// turn, in the order of [`Cluster::documents`], then [`Builder::finish`].
pub(crate) struct Builder<'c> {
    cluster: &'c Cluster,
    /// Where the next report's entries start in the cluster's lists: supporting and opposing
    /// mentions, attached claims, denials without a mention.
    next: [usize; 4],
    strings: Strings,
    /// The facts so far: what supporting mentions say, and their claims' reactions.
    table: FactTable,
    /// The names of the sources that acknowledged the incident.
    acknowledging_sides: Vec<Arc<str>>,
    /// The label and names of the source of each claim that supports an acknowledgement, for
    /// the grade.
    acknowledgers: HashMap<ClaimRef, (Arc<str>, Vec<Arc<str>>)>,
    /// The reactions of the attached claims, added to the facts after every supporting
    /// mention's.
    reactions: Vec<Reaction>,
    /// On-record assertions, weighed once every perpetrator is known.
    on_record: Vec<OnRecord>,
    /// Denials with a mention, then without one, weighed once every fact they could oppose
    /// is known.
    denials: Vec<Denial>,
    claim_denials: Vec<Denial>,
    /// Every claim bearing on the incident, in input order of documents and text order.
    claims: BTreeMap<ClaimRef, ClaimFacts>,
    /// Some claim is attributed to a source other than the outlet (not in a headline, not a
    /// decline or a non-response).
    attributed: bool,
    /// Every such claim's source is anonymous.
    all_anonymous: bool,
    time: TimeFold,
    /// Each distinct place reported, with how often, in order of first report.
    places: Vec<(Place, usize)>,
    casualties: CasualtyFold,
    flags: Vec<Flag>,
    timeline: Vec<TimelineReport>,
}

impl<'c> Builder<'c> {
    /// The incident of `cluster`, before any report is added.
    pub(crate) fn new(cluster: &'c Cluster) -> Self {
        Builder {
            cluster,
            next: [0; 4],
            strings: Strings::default(),
            table: FactTable::default(),
            acknowledging_sides: Vec::new(),
            acknowledgers: HashMap::new(),
            reactions: Vec::new(),
            on_record: Vec::new(),
            denials: Vec::new(),
            claim_denials: Vec::new(),
            claims: BTreeMap::new(),
            attributed: false,
            all_anonymous: true,
            time: TimeFold::default(),
            places: Vec::new(),
            casualties: CasualtyFold::default(),
            flags: Vec::new(),
            timeline: Vec::new(),
        }
    }

    /// Adds report `doc`, the next of the cluster's documents, whose claims and mentions are
    /// `claims` and `mentions` (as clustering saw them); they are not needed afterwards.
    pub(crate) fn add_report(
        &mut self,
        doc: usize,
        claims: &[ResolveClaim],
        mentions: &[EventMention],
        ctx: &Context<'_>,
    ) {
        let cluster = self.cluster;
        let [next_supporting, next_opposing, next_attached, next_denial] = &mut self.next;
        let supporting = run_of(&cluster.supporting, next_supporting, doc, |m| m.doc);
        let opposing = run_of(&cluster.opposing, next_opposing, doc, |m| m.doc);
        let attached = run_of(&cluster.attached, next_attached, doc, |c| c.doc);
        let opposing_claims = run_of(&cluster.opposing_claims, next_denial, doc, |c| c.doc);
        let mention = |m: &MentionRef| mentions.get(m.mention);
        // A mention's claim is one of its own report's claims: claim ids hash the report's id.
        let claim_of = |mention: &EventMention| {
            claims
                .iter()
                .enumerate()
                .find(|(_, c)| c.id == mention.claim)
                .map(|(claim, c)| (ClaimRef { doc, claim }, c))
        };
        let claim_at = |r: &ClaimRef| claims.get(r.claim).map(|c| (*r, c));

        // Every claim of the report bearing on the incident, in text order.
        let mut refs: Vec<(ClaimRef, &ResolveClaim)> = supporting
            .iter()
            .chain(opposing)
            .filter_map(|m| mention(m).and_then(claim_of))
            .chain(attached.iter().chain(opposing_claims).filter_map(claim_at))
            .collect();
        refs.sort_unstable_by_key(|(r, _)| *r);
        refs.dedup_by_key(|(r, _)| *r);
        let mut report = TimelineReport {
            doc,
            figures: Casualties::default(),
            actors: Vec::new(),
            denials: Vec::new(),
            acknowledgements: Vec::new(),
            claims: Vec::with_capacity(refs.len()),
        };
        for &(r, claim) in &refs {
            let facts = ClaimFacts::of(claim, doc, ctx, &mut self.strings);
            report.claims.push(facts.id.clone());
            self.claims.insert(r, facts);
            let declines = matches!(claim.stance, Stance::DeclinesToComment | Stance::NoResponse);
            if !claim.in_headline && claim.source.kind != SourceKind::Outlet && !declines {
                self.attributed = true;
                self.all_anonymous &= claim.source.kind == SourceKind::Anonymous;
            }
            if claim.stance == Stance::Confirms {
                report.acknowledgements.push(self.strings.get(&source_label(&claim.source)));
            }
        }

        let mut figures = CasualtyFold::default();
        let mut with_claims: Vec<(&EventMention, ClaimId, bool)> = Vec::new();
        for m in supporting {
            let Some(mention) = mention(m) else { continue };
            let claim = claim_of(mention);
            self.time.add(mention, claim.map(|(_, c)| &c.id));
            if let Some(place) = &mention.place {
                match self.places.iter_mut().find(|(p, _)| p == place) {
                    Some((_, n)) => *n += 1,
                    None => self.places.push((place.clone(), 1)),
                }
            }
            self.casualties.add(mention);
            figures.add(mention);
            for actor in &mention.actors {
                report.actors.push((actor.role, self.strings.get(&actor.name)));
            }
            let Some((claim_ref, claim)) = claim else { continue };
            with_claims.push((mention, claim.id.clone(), claim.in_headline));
            self.table.add_supporting(mention, claim_ref);
            let reaction = Reaction::of(claim, claim_ref, &mut self.strings);
            self.add_reaction(&reaction);
            let on_record = matches!(
                claim.source.kind,
                SourceKind::Organisation | SourceKind::NamedPerson | SourceKind::OfficialRole
            );
            if claim.stance == Stance::Asserts && !claim.in_headline && on_record {
                let label = self.strings.get(&source_label(&claim.source));
                let sides =
                    source_sides(&claim.source).into_iter().map(|s| self.strings.get(s)).collect();
                self.on_record.push(OnRecord { claim: claim_ref, label, sides });
            }
        }
        report.figures = figures.finish();
        self.headline_flags(doc, &with_claims, ctx);

        for m in opposing {
            let Some(mention) = mention(m) else { continue };
            if let Some((claim_ref, claim)) = claim_of(mention) {
                report.denials.push(self.strings.get(&source_label(&claim.source)));
                self.denials.push(Denial::of(claim, claim_ref, Some(mention), &mut self.strings));
            }
        }
        for (claim_ref, claim) in attached.iter().filter_map(claim_at) {
            self.reactions.push(Reaction::of(claim, claim_ref, &mut self.strings));
        }
        for (claim_ref, claim) in opposing_claims.iter().filter_map(claim_at) {
            self.claim_denials.push(Denial::of(claim, claim_ref, None, &mut self.strings));
        }
        self.timeline.push(report);
    }

    /// Adds a claim's reaction to the facts and notes who acknowledged.
    fn add_reaction(&mut self, reaction: &Reaction) {
        self.table.add_reaction(reaction);
        let sides = reaction.acknowledging_sides();
        if reaction.stance() == Stance::Confirms {
            if let Some(label) = reaction.label() {
                self.acknowledgers
                    .entry(reaction.claim())
                    .or_insert_with(|| (label.clone(), sides.to_vec()));
            }
        }
        self.acknowledging_sides.extend(sides.iter().cloned());
    }

    /// `headline_overstates`: a headline claim of report `doc` asserts an actor or type that
    /// no other claim of the report supports. `with_claims` are the report's supporting
    /// mentions that have a claim, with its id and whether it is in the headline.
    fn headline_flags(
        &mut self,
        doc: usize,
        with_claims: &[(&EventMention, ClaimId, bool)],
        ctx: &Context<'_>,
    ) {
        let body: Vec<&EventMention> =
            with_claims.iter().filter(|(_, _, h)| !h).map(|(m, _, _)| *m).collect();
        for (mention, claim_id, in_headline) in with_claims {
            if !in_headline {
                continue;
            }
            let mut values: Vec<(String, String)> = mention
                .actors
                .iter()
                .filter(|a| {
                    let name = a.name.to_lowercase();
                    !body.iter().any(|b| b.actors.iter().any(|x| x.name.to_lowercase() == name))
                })
                .map(|a| (a.role.to_string(), a.name.clone()))
                .collect();
            if let Some(t) = mention.event_type {
                if !body.iter().any(|b| b.event_type == Some(t)) {
                    values.push(("type".into(), t.to_string()));
                }
            }
            for (what, value) in values {
                let message = format!(
                    "the headline asserts {what} \"{value}\" but no claim in the body of document {} supports it",
                    ctx.documents[doc].id
                );
                if !self.flags.iter().any(|f| f.message == message) {
                    self.flags.push(Flag {
                        code: "headline_overstates".into(),
                        message,
                        claims: vec![claim_id.clone()],
                    });
                }
            }
        }
    }

    /// The incident, once every report of the cluster is added.
    pub(crate) fn finish(mut self, ctx: &Context<'_>, settings: &ResolveSettings) -> Incident {
        debug_assert_eq!(
            self.next,
            [
                self.cluster.supporting.len(),
                self.cluster.opposing.len(),
                self.cluster.attached.len(),
                self.cluster.opposing_claims.len()
            ],
            "every report of the cluster is added, in order"
        );
        // The facts take their values in the order they did when every report was at hand:
        // what supporting mentions say (added as they came), then the attached claims'
        // reactions, then on-record acknowledgements, then denials with a mention and denials
        // without one.
        for reaction in std::mem::take(&mut self.reactions) {
            self.add_reaction(&reaction);
        }
        // The perpetrator speaking on the record about its own action acknowledges it, whether
        // or not the sentence uses a word of confirmation ("the Coast Guard said its cutter
        // boarded").
        let perpetrators = self.table.supported(FactAttribute::Perpetrator);
        for on_record in std::mem::take(&mut self.on_record) {
            if perpetrators.iter().any(|p| on_record.sides.iter().any(|s| same_side(s, p))) {
                self.table.support(
                    FactAttribute::AcknowledgedBy,
                    &on_record.label,
                    on_record.claim,
                    false,
                );
                self.acknowledgers
                    .entry(on_record.claim)
                    .or_insert_with(|| (on_record.label.clone(), on_record.sides.clone()));
            }
        }
        for denial in self.denials.iter().chain(&self.claim_denials) {
            self.table.add_denial(denial, &self.acknowledging_sides);
        }
        let (mut facts, supports): (Vec<Fact>, Vec<Vec<ClaimRef>>) =
            std::mem::take(&mut self.table).finish(&self.claims, settings).into_iter().unzip();
        // Collected in place, the facts keep the builders' spare capacity: give it back, since
        // the incident is held until it is written.
        facts.shrink_to_fit();
        let (grade, grade_reason) = self.grade(&facts, &supports, ctx, settings);
        let casualties = std::mem::take(&mut self.casualties).finish();
        let (time, time_flag) = std::mem::take(&mut self.time).finish();
        let mut flags = std::mem::take(&mut self.flags);
        flags.extend(time_flag);
        flags.shrink_to_fit();
        let place = effective_counted_place(self.places.iter().map(|(p, n)| (p, *n)));
        let timeline = self.timeline(ctx);
        Incident {
            id: IncidentId::founded_by(&self.cluster.founding),
            event_type: best_type(&facts, settings),
            grade,
            grade_reason,
            time,
            place,
            casualties: with_disputed_tolls(casualties, &facts),
            flags,
            contradictions: contradictions(&facts),
            timeline,
            claims: self.claims.values().map(|c| c.id.clone()).collect(),
            documents: self
                .cluster
                .documents
                .iter()
                .map(|&d| ctx.documents[d].id.clone())
                .collect(),
            facts,
        }
    }

    /// The Airwars grade and a sentence saying why. `supports` are the positions of each
    /// fact's supporting claims.
    fn grade(
        &self,
        facts: &[Fact],
        supports: &[Vec<ClaimRef>],
        ctx: &Context<'_>,
        settings: &ResolveSettings,
    ) -> (IncidentGrade, String) {
        let reaction = |a: FactAttribute| {
            matches!(a, FactAttribute::DeclinedBy | FactAttribute::NoResponseFrom)
        };
        let any_support = facts.iter().any(|f| !reaction(f.attribute) && !f.support.is_empty());
        if !any_support && facts.iter().any(|f| f.status == FactStatus::Denied) {
            return (IncidentGrade::Discounted, "every claim about the incident denies it".into());
        }
        if let Some((who, perpetrator)) = self.actor_side_acknowledgement(facts, supports) {
            return (
                IncidentGrade::Confirmed,
                format!(
                    "acknowledged on the record by {who}, on the side of the perpetrator {perpetrator}"
                ),
            );
        }
        let disputed_perpetrator = facts.iter().find(|f| {
            f.status == FactStatus::Disputed && f.attribute == FactAttribute::Perpetrator
        });
        if let Some(fact) = disputed_perpetrator {
            return (
                IncidentGrade::Contested,
                format!(
                    "perpetrator \"{}\" is disputed: {} claim(s) for it, {} against",
                    fact.value,
                    fact.support.len(),
                    fact.oppose.len()
                ),
            );
        }
        if let Some((a, b)) = competing_perpetrators(facts, supports, ctx) {
            return (
                IncidentGrade::Contested,
                format!("independent sources credit different perpetrators: {a} and {b}"),
            );
        }
        // Independent outlets (syndication groups, publishers) among the claims.
        let n_outlets =
            self.claims.keys().map(|r| ctx.outlet_key(r.doc)).collect::<BTreeSet<_>>().len();
        if n_outlets >= settings.corroboration_sources.max(1) as usize {
            return (IncidentGrade::Fair, format!("reported by {n_outlets} independent outlets"));
        }
        let rests_on = if !self.attributed {
            "the outlet's own narration"
        } else if self.all_anonymous {
            "anonymous sources"
        } else {
            "named and unnamed sources it quotes"
        };
        (IncidentGrade::Weak, format!("one outlet; claims rest on {rests_on}"))
    }

    /// An acknowledgement by someone on the perpetrator's side: the acknowledging source's name
    /// or affiliation is in the family of a supported, undisputed perpetrator.
    fn actor_side_acknowledgement(
        &self,
        facts: &[Fact],
        supports: &[Vec<ClaimRef>],
    ) -> Option<(String, String)> {
        let perpetrators: Vec<String> = facts
            .iter()
            .filter(|f| f.attribute == FactAttribute::Perpetrator && !f.support.is_empty())
            .filter(|f| !matches!(f.status, FactStatus::Disputed | FactStatus::Denied))
            .map(|f| f.value.clone())
            .collect();
        for (fact, support) in facts.iter().zip(supports) {
            if fact.attribute != FactAttribute::AcknowledgedBy {
                continue;
            }
            for claim in support {
                let Some((label, sides)) = self.acknowledgers.get(claim) else { continue };
                for perpetrator in &perpetrators {
                    if sides.iter().any(|s| same_side(s, perpetrator)) {
                        return Some((label.to_string(), perpetrator.clone()));
                    }
                }
            }
        }
        None
    }

    /// One entry per document, by publication date (unknown dates last): the first report,
    /// then what each later report changed.
    fn timeline(&mut self, ctx: &Context<'_>) -> Vec<TimelineEntry> {
        let mut reports = std::mem::take(&mut self.timeline);
        reports.sort_by_key(|r| {
            let published = ctx.documents[r.doc].published;
            (published.is_none(), published, r.doc)
        });
        let mut seen_actors: BTreeSet<(String, String)> = BTreeSet::new();
        let mut seen_figures: Vec<(FactAttribute, CountRange)> = Vec::new();
        let mut entries = Vec::with_capacity(reports.len());
        for (position, report) in reports.into_iter().enumerate() {
            let mut changes: Vec<String> = Vec::new();
            let figures = report.figures;
            for (attribute, range) in [
                (FactAttribute::Killed, figures.killed),
                (FactAttribute::Injured, figures.injured),
                (FactAttribute::CiviliansKilled, figures.civilians_killed),
                (FactAttribute::CiviliansInjured, figures.civilians_injured),
            ] {
                if range == CountRange::default() {
                    continue;
                }
                let previous =
                    seen_figures.iter().rev().find(|(a, _)| *a == attribute).map(|(_, r)| *r);
                if position > 0 && previous != Some(range) {
                    let verb = if previous.is_some() { "revised to" } else { "reported as" };
                    changes.push(format!("{attribute} {verb} {}", figure_text(range)));
                }
                seen_figures.push((attribute, range));
            }
            for (role, name) in &report.actors {
                let key = (role.to_string(), name.to_lowercase());
                if seen_actors.insert(key) && position > 0 {
                    changes.push(format!("{role} {name} named"));
                }
            }
            for source in &report.denials {
                changes.push(format!("denial by {source}"));
            }
            for source in &report.acknowledgements {
                changes.push(format!("acknowledged by {source}"));
            }
            changes.dedup();
            let summary = if position == 0 {
                std::iter::once("first report".to_string())
                    .chain(changes)
                    .collect::<Vec<_>>()
                    .join("; ")
            } else if changes.is_empty() {
                "repeats earlier reports".to_string()
            } else {
                changes.join("; ")
            };
            entries.push(TimelineEntry {
                date: ctx.documents[report.doc].published,
                document: ctx.documents[report.doc].id.clone(),
                summary,
                claims: report.claims,
            });
        }
        entries
    }
}

/// The most specific well-supported type. The best supported type (most independent
/// sources, then most claims, then first seen; types that are only denied left out) gives way
/// to a narrower reading of it from the type table (a strike on a vessel over an air strike, a
/// remote explosive over an explosion) when that reading is itself well supported: by as many
/// sources as corroboration needs, or as many as the best.
fn best_type(facts: &[Fact], settings: &ResolveSettings) -> Option<EventType> {
    let supported: Vec<(EventType, u32, usize)> = facts
        .iter()
        .filter(|f| f.attribute == FactAttribute::Type && !f.support.is_empty())
        .filter_map(|f| f.value.parse().ok().map(|t| (t, f.independent_sources, f.support.len())))
        .collect();
    let (top, top_sources, _) = supported
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(ib.cmp(ia)))
        .map(|(_, t)| *t)?;
    let enough = settings.corroboration_sources.min(top_sources);
    let narrower = supported
        .iter()
        .filter(|(t, sources, _)| *sources >= enough && is_more_specific(*t, top))
        .max_by_key(|(_, sources, n)| (*sources, *n))
        .map(|(t, _, _)| *t);
    Some(narrower.unwrap_or(top))
}

fn range_of(casualties: &mut Casualties, attribute: FactAttribute) -> &mut CountRange {
    match attribute {
        FactAttribute::Injured => &mut casualties.injured,
        FactAttribute::CiviliansKilled => &mut casualties.civilians_killed,
        FactAttribute::CiviliansInjured => &mut casualties.civilians_injured,
        _ => &mut casualties.killed,
    }
}

/// A toll that one source gives and another denies ranges down to zero: a rights group's
/// three civilians against a command's none is 0–3.
fn with_disputed_tolls(mut casualties: Casualties, facts: &[Fact]) -> Casualties {
    for fact in facts {
        let is_toll = matches!(
            fact.attribute,
            FactAttribute::Killed
                | FactAttribute::Injured
                | FactAttribute::CiviliansKilled
                | FactAttribute::CiviliansInjured
        );
        if is_toll && fact.status == FactStatus::Disputed {
            let range = range_of(&mut casualties, fact.attribute);
            if range.min.is_some() || range.max.is_some() {
                range.min = Some(0);
            }
        }
    }
    casualties
}

/// Two perpetrators of different sides, each credited by an outlet that does not credit the
/// other: the reports disagree on who did it.
fn competing_perpetrators(
    facts: &[Fact],
    supports: &[Vec<ClaimRef>],
    ctx: &Context<'_>,
) -> Option<(String, String)> {
    let outlets = |support: &[ClaimRef]| -> BTreeSet<String> {
        support.iter().map(|r| ctx.outlet_key(r.doc)).collect()
    };
    let perpetrators: Vec<(&Fact, BTreeSet<String>)> = facts
        .iter()
        .zip(supports)
        .filter(|(f, _)| f.attribute == FactAttribute::Perpetrator && !f.support.is_empty())
        .map(|(f, support)| (f, outlets(support)))
        .collect();
    for (i, (a, outlets_a)) in perpetrators.iter().enumerate() {
        for (b, outlets_b) in &perpetrators[i + 1..] {
            if same_side(&a.value, &b.value) {
                continue;
            }
            let only_a = outlets_a.difference(outlets_b).next().is_some();
            let only_b = outlets_b.difference(outlets_a).next().is_some();
            if only_a && only_b {
                return Some((a.value.clone(), b.value.clone()));
            }
        }
    }
    None
}

/// One contradiction per disputed fact.
fn contradictions(facts: &[Fact]) -> Vec<Contradiction> {
    facts
        .iter()
        .filter(|f| f.status == FactStatus::Disputed)
        .map(|f| Contradiction {
            attribute: f.attribute,
            value: f.value.clone(),
            support: f.support.clone(),
            oppose: f.oppose.clone(),
        })
        .collect()
}

fn figure_text(range: CountRange) -> String {
    match (range.min, range.max) {
        (Some(min), Some(max)) if min == max => min.to_string(),
        (Some(min), Some(max)) => format!("{min}–{max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unknown".into(),
    }
}
