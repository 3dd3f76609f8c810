//! Building an [`Incident`] from a cluster: its type, time, place and casualties, its facts,
//! grade, flags, contradictions and timeline.

use std::collections::{BTreeMap, BTreeSet};

use corroborate_model::{
    Casualties, ClaimId, Contradiction, CountRange, EventType, Fact, FactAttribute, FactStatus,
    Flag, Incident, IncidentGrade, IncidentId, Place, SourceKind, TimeExpression, TimeInterval,
    TimePrecision, TimeRole, TimelineEntry,
};

use crate::actors::same_side;
use crate::cluster::{ClaimRef, Cluster, MentionRef};
use crate::compat::{effective_place, is_more_specific, time_precision_rank, Bounds};
use crate::facts::{casualty_attribute, facts_of, source_label, Context};
use crate::ResolveSettings;

/// Builds the incident of a cluster.
pub(crate) fn build(cluster: &Cluster, ctx: &Context<'_>, settings: &ResolveSettings) -> Incident {
    let facts = facts_of(cluster, ctx, settings);
    let claims = claim_refs(cluster, ctx);
    let (grade, grade_reason) = grade(&facts, &claims, ctx, settings);
    let (time, time_flag) = time(cluster, ctx);
    let mut flags = headline_flags(cluster, ctx);
    flags.extend(time_flag);
    // A million incidents are held until they are stored: no spare capacity.
    flags.shrink_to_fit();
    Incident {
        id: IncidentId::founded_by(&cluster.founding),
        event_type: best_type(&facts, settings),
        grade,
        grade_reason,
        time,
        place: place(cluster, ctx),
        casualties: with_disputed_tolls(casualties(&cluster.supporting, ctx), &facts),
        flags,
        contradictions: contradictions(&facts),
        timeline: timeline(cluster, &claims, ctx),
        claims: claims.iter().map(|&r| ctx.claim(r).id.clone()).collect(),
        documents: cluster.documents.iter().map(|&d| ctx.documents[d].id.clone()).collect(),
        facts,
    }
}

/// Every claim bearing on the incident, in input order of documents and text order.
fn claim_refs(cluster: &Cluster, ctx: &Context<'_>) -> Vec<ClaimRef> {
    let mut refs: Vec<ClaimRef> = cluster
        .supporting
        .iter()
        .chain(&cluster.opposing)
        .filter_map(|&m| ctx.claim_of_mention(m).map(|(r, _)| r))
        .chain(cluster.attached.iter().copied())
        .chain(cluster.opposing_claims.iter().copied())
        .collect();
    refs.sort_unstable();
    refs.dedup();
    refs
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

/// The incident's interval: the intersection of the intervals that agree with most reports.
/// Each supporting mention's interval counts once for every day it contains; the day counted
/// most wins, and the intervals containing it are intersected. Intervals that
/// leave it out earn a `time_conflict` flag; when two disjoint days tie, the interval is the
/// union of all, also flagged. Statement-only times ("said this week") bound only the latest
/// day, and a reversed interval is read in order, so the result is never inverted.
fn time(cluster: &Cluster, ctx: &Context<'_>) -> (TimeInterval, Option<Flag>) {
    let mut precision = TimePrecision::Unknown;
    let mut expressions: Vec<TimeExpression> = Vec::new();
    let mut intervals: Vec<(Bounds, MentionRef)> = Vec::new();
    for &m in &cluster.supporting {
        let time = &ctx.mention(m).time;
        let statement_only = !time.expressions.is_empty()
            && time.expressions.iter().all(|e| e.role == TimeRole::Statement);
        let mention_bounds = Bounds {
            earliest: if statement_only { None } else { time.earliest },
            latest: time.latest,
        }
        .ordered();
        if !mention_bounds.is_unknown() {
            intervals.push((mention_bounds, m));
        }
        if !statement_only && time_precision_rank(time.precision) < time_precision_rank(precision) {
            precision = time.precision;
        }
        for expression in &time.expressions {
            if !expressions.contains(expression) {
                expressions.push(expression.clone());
            }
        }
    }
    let contains = |b: &Bounds, day: chrono::NaiveDate| {
        b.earliest.is_none_or(|e| e <= day) && b.latest.is_none_or(|l| day <= l)
    };
    let mut days: Vec<chrono::NaiveDate> =
        intervals.iter().flat_map(|(b, _)| [b.earliest, b.latest]).flatten().collect();
    days.sort_unstable();
    days.dedup();
    let score = |day: chrono::NaiveDate| intervals.iter().filter(|(b, _)| contains(b, day)).count();
    let scored: Vec<(chrono::NaiveDate, usize)> = days.iter().map(|&d| (d, score(d))).collect();
    let best = scored.iter().map(|(_, s)| *s).max().unwrap_or(0);
    let mut bounds = Bounds::default();
    let mut outliers: Vec<MentionRef> = Vec::new();
    if let Some(&(day, _)) = scored.iter().find(|(_, s)| *s == best) {
        for (b, m) in &intervals {
            if contains(b, day) {
                bounds = if bounds.is_unknown() { *b } else { bounds.narrow(b) };
            } else {
                outliers.push(*m);
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
            outliers = intervals.iter().map(|(_, m)| *m).collect();
        }
    }
    if bounds.earliest.is_some() && bounds.earliest == bounds.latest {
        precision = TimePrecision::Day;
    }
    let flag = (!outliers.is_empty()).then(|| {
        let mut claims: Vec<ClaimId> = Vec::new();
        for &m in &outliers {
            if let Some((_, claim)) = ctx.claim_of_mention(m) {
                if !claims.contains(&claim.id) {
                    claims.push(claim.id.clone());
                }
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
        TimeInterval { earliest: bounds.earliest, latest: bounds.latest, precision, expressions },
        flag,
    )
}

/// The place the supporting mentions most likely mean ([`effective_place`]).
fn place(cluster: &Cluster, ctx: &Context<'_>) -> Place {
    effective_place(cluster.supporting.iter().filter_map(|&m| ctx.mention(m).place.as_ref()))
}

fn range_of(casualties: &mut Casualties, attribute: FactAttribute) -> &mut CountRange {
    match attribute {
        FactAttribute::Injured => &mut casualties.injured,
        FactAttribute::CiviliansKilled => &mut casualties.civilians_killed,
        FactAttribute::CiviliansInjured => &mut casualties.civilians_injured,
        _ => &mut casualties.killed,
    }
}

/// Lowest minimum and highest maximum per category over every supporting figure. An
/// open-ended figure ("at least 5") leaves the maximum open only when no stated figure reaches
/// it: "at least five" and "six" make 5–6.
fn casualties(mentions: &[MentionRef], ctx: &Context<'_>) -> Casualties {
    let mut out = Casualties::default();
    let mut open_from: BTreeMap<FactAttribute, u32> = BTreeMap::new();
    for &m in mentions {
        for casualty in &ctx.mention(m).casualties {
            let attribute = casualty_attribute(casualty);
            let range = range_of(&mut out, attribute);
            if let Some(min) = casualty.min {
                range.min = Some(range.min.map_or(min, |v| v.min(min)));
            }
            match casualty.max {
                Some(max) => range.max = Some(range.max.map_or(max, |v| v.max(max))),
                None => {
                    if let Some(min) = casualty.min {
                        let open = open_from.entry(attribute).or_insert(min);
                        *open = (*open).max(min);
                    }
                }
            }
        }
    }
    for (attribute, open) in open_from {
        let range = range_of(&mut out, attribute);
        if range.max.is_none_or(|max| max < open) {
            range.max = None;
        }
    }
    out
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

/// Number of independent outlets (syndication groups, publishers) among the claims.
fn n_outlets(claims: &[ClaimRef], ctx: &Context<'_>) -> usize {
    claims.iter().map(|r| ctx.outlet_key(r.doc)).collect::<BTreeSet<_>>().len()
}

/// The Airwars grade and a sentence saying why.
fn grade(
    facts: &[Fact],
    claims: &[ClaimRef],
    ctx: &Context<'_>,
    settings: &ResolveSettings,
) -> (IncidentGrade, String) {
    let reaction =
        |a: FactAttribute| matches!(a, FactAttribute::DeclinedBy | FactAttribute::NoResponseFrom);
    let any_support = facts.iter().any(|f| !reaction(f.attribute) && !f.support.is_empty());
    if !any_support && facts.iter().any(|f| f.status == FactStatus::Denied) {
        return (IncidentGrade::Discounted, "every claim about the incident denies it".into());
    }
    if let Some((who, perpetrator)) = actor_side_acknowledgement(facts, ctx) {
        return (
            IncidentGrade::Confirmed,
            format!(
                "acknowledged on the record by {who}, on the side of the perpetrator {perpetrator}"
            ),
        );
    }
    let disputed_perpetrator = facts
        .iter()
        .find(|f| f.status == FactStatus::Disputed && f.attribute == FactAttribute::Perpetrator);
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
    if let Some((a, b)) = competing_perpetrators(facts, ctx) {
        return (
            IncidentGrade::Contested,
            format!("independent sources credit different perpetrators: {a} and {b}"),
        );
    }
    let n_outlets = n_outlets(claims, ctx);
    if n_outlets >= settings.corroboration_sources.max(1) as usize {
        return (IncidentGrade::Fair, format!("reported by {n_outlets} independent outlets"));
    }
    let attributed: Vec<SourceKind> = claims
        .iter()
        .map(|&r| ctx.claim(r))
        .filter(|c| !c.in_headline && c.source.kind != SourceKind::Outlet)
        .filter(|c| {
            !matches!(
                c.stance,
                corroborate_model::Stance::DeclinesToComment
                    | corroborate_model::Stance::NoResponse
            )
        })
        .map(|c| c.source.kind)
        .collect();
    let rests_on = if attributed.is_empty() {
        "the outlet's own narration"
    } else if attributed.iter().all(|k| *k == SourceKind::Anonymous) {
        "anonymous sources"
    } else {
        "named and unnamed sources it quotes"
    };
    (IncidentGrade::Weak, format!("one outlet; claims rest on {rests_on}"))
}

/// Two perpetrators of different sides, each credited by an outlet that does not credit the
/// other: the reports disagree on who did it.
fn competing_perpetrators(facts: &[Fact], ctx: &Context<'_>) -> Option<(String, String)> {
    let outlets = |fact: &Fact| -> BTreeSet<String> {
        fact.support
            .iter()
            .filter_map(|id| ctx.claim_ref(id))
            .map(|r| ctx.outlet_key(r.doc))
            .collect()
    };
    let perpetrators: Vec<(&Fact, BTreeSet<String>)> = facts
        .iter()
        .filter(|f| f.attribute == FactAttribute::Perpetrator && !f.support.is_empty())
        .map(|f| (f, outlets(f)))
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

/// An acknowledgement by someone on the perpetrator's side: the acknowledging source's name or
/// affiliation is in the family of a supported, undisputed perpetrator.
fn actor_side_acknowledgement(facts: &[Fact], ctx: &Context<'_>) -> Option<(String, String)> {
    let perpetrators: Vec<String> = facts
        .iter()
        .filter(|f| f.attribute == FactAttribute::Perpetrator && !f.support.is_empty())
        .filter(|f| !matches!(f.status, FactStatus::Disputed | FactStatus::Denied))
        .map(|f| f.value.clone())
        .collect();
    for fact in facts.iter().filter(|f| f.attribute == FactAttribute::AcknowledgedBy) {
        for claim_id in &fact.support {
            let Some(r) = ctx.claim_ref(claim_id) else { continue };
            let source = &ctx.claim(r).source;
            let sides: Vec<&String> =
                [source.name.as_ref(), source.affiliation.as_ref()].into_iter().flatten().collect();
            for perpetrator in &perpetrators {
                if sides.iter().any(|s| same_side(s, perpetrator)) {
                    return Some((source_label(source), perpetrator.clone()));
                }
            }
        }
    }
    None
}

/// `headline_overstates`: a headline claim asserts an actor or type that no other claim of the
/// same document supports.
fn headline_flags(cluster: &Cluster, ctx: &Context<'_>) -> Vec<Flag> {
    let mut flags: Vec<Flag> = Vec::new();
    let with_claims: Vec<(MentionRef, ClaimId, bool)> = cluster
        .supporting
        .iter()
        .filter_map(|&m| ctx.claim_of_mention(m).map(|(_, c)| (m, c.id.clone(), c.in_headline)))
        .collect();
    for (m, claim_id, in_headline) in &with_claims {
        if !in_headline {
            continue;
        }
        let mention = ctx.mention(*m);
        let body: Vec<_> = with_claims
            .iter()
            .filter(|(other, _, h)| other.doc == m.doc && !h)
            .map(|(other, _, _)| ctx.mention(*other))
            .collect();
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
                ctx.documents[m.doc].id
            );
            if !flags.iter().any(|f| f.message == message) {
                flags.push(Flag {
                    code: "headline_overstates".into(),
                    message,
                    claims: vec![claim_id.clone()],
                });
            }
        }
    }
    flags
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

/// One entry per document, by publication date (unknown dates last): the first report, then
/// what each later report changed.
fn timeline(cluster: &Cluster, claims: &[ClaimRef], ctx: &Context<'_>) -> Vec<TimelineEntry> {
    let mut docs = cluster.documents.clone();
    docs.sort_by_key(|&d| {
        let published = ctx.documents[d].published;
        (published.is_none(), published, d)
    });
    let mut seen_actors: BTreeSet<(String, String)> = BTreeSet::new();
    let mut seen_figures: Vec<(FactAttribute, CountRange)> = Vec::new();
    let mut entries = Vec::with_capacity(docs.len());
    for (position, &doc) in docs.iter().enumerate() {
        let doc_claims: Vec<ClaimRef> = claims.iter().copied().filter(|r| r.doc == doc).collect();
        let mut changes: Vec<String> = Vec::new();
        // What this report says, restricted to its own mentions.
        let own_supporting: Vec<MentionRef> =
            cluster.supporting.iter().copied().filter(|m| m.doc == doc).collect();
        let own_opposing: Vec<MentionRef> =
            cluster.opposing.iter().copied().filter(|m| m.doc == doc).collect();
        let figures = casualties(&own_supporting, ctx);
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
        for &m in &own_supporting {
            for actor in &ctx.mention(m).actors {
                let key = (actor.role.to_string(), actor.name.to_lowercase());
                if seen_actors.insert(key) && position > 0 {
                    changes.push(format!("{} {} named", actor.role, actor.name));
                }
            }
        }
        for &m in &own_opposing {
            if let Some((_, claim)) = ctx.claim_of_mention(m) {
                changes.push(format!("denial by {}", source_label(&claim.source)));
            }
        }
        for &r in &doc_claims {
            let claim = ctx.claim(r);
            if claim.stance == corroborate_model::Stance::Confirms {
                changes.push(format!("acknowledged by {}", source_label(&claim.source)));
            }
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
            date: ctx.documents[doc].published,
            document: ctx.documents[doc].id.clone(),
            summary,
            claims: doc_claims.iter().map(|&r| ctx.claim(r).id.clone()).collect(),
        });
    }
    entries
}
