//! Building an [`Incident`] from a cluster: its type, time, place and casualties, its facts,
//! grade, flags, contradictions and timeline.

use std::collections::BTreeSet;

use corroborate_model::{
    Casualties, ClaimId, Contradiction, CountRange, EventType, Fact, FactAttribute, FactStatus,
    Flag, Incident, IncidentGrade, IncidentId, Place, SourceKind, TimeExpression, TimeInterval,
    TimePrecision, TimeRole, TimelineEntry,
};

use crate::cluster::{ClaimRef, Cluster, MentionRef};
use crate::compat::{place_is_unknown, place_precision_rank, time_precision_rank, Bounds};
use crate::facts::{casualty_attribute, facts_of, source_label, Context};
use crate::ResolveSettings;

/// Builds the incident of a cluster.
pub(crate) fn build(cluster: &Cluster, ctx: &Context<'_>, settings: &ResolveSettings) -> Incident {
    let facts = facts_of(cluster, ctx, settings);
    let claims = claim_refs(cluster, ctx);
    let (grade, grade_reason) = grade(&facts, &claims, ctx, settings);
    Incident {
        id: IncidentId::founded_by(&cluster.founding),
        event_type: best_type(&facts),
        grade,
        grade_reason,
        time: time(cluster, ctx),
        place: place(cluster, ctx),
        casualties: casualties(&cluster.supporting, ctx),
        flags: headline_flags(cluster, ctx),
        contradictions: contradictions(&facts),
        timeline: timeline(cluster, &claims, ctx),
        claims: claims.iter().map(|&r| ctx.claim(r).id.clone()).collect(),
        documents: cluster
            .documents
            .iter()
            .map(|&d| ctx.documents[d].document.id.clone())
            .collect(),
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
        .collect();
    refs.sort_unstable();
    refs.dedup();
    refs
}

/// The type with the most independent sources (then most claims, then first seen), leaving out
/// types that are only denied.
fn best_type(facts: &[Fact]) -> Option<EventType> {
    facts
        .iter()
        .filter(|f| f.attribute == FactAttribute::Type && !f.support.is_empty())
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            a.independent_sources
                .cmp(&b.independent_sources)
                .then(a.support.len().cmp(&b.support.len()))
                .then(ib.cmp(ia))
        })
        .and_then(|(_, f)| f.value.parse().ok())
}

/// The intersection of the supporting mentions' intervals. Statement-only times ("said this
/// week") bound only the latest day; the precision is the finest among event times.
fn time(cluster: &Cluster, ctx: &Context<'_>) -> TimeInterval {
    let mut bounds = Bounds::default();
    let mut precision = TimePrecision::Unknown;
    let mut expressions: Vec<TimeExpression> = Vec::new();
    for &m in &cluster.supporting {
        let time = &ctx.mention(m).time;
        let statement_only = !time.expressions.is_empty()
            && time.expressions.iter().all(|e| e.role == TimeRole::Statement);
        let mention_bounds = Bounds {
            earliest: if statement_only { None } else { time.earliest },
            latest: time.latest,
        };
        if !mention_bounds.is_unknown() {
            bounds =
                if bounds.is_unknown() { mention_bounds } else { bounds.narrow(&mention_bounds) };
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
    TimeInterval { earliest: bounds.earliest, latest: bounds.latest, precision, expressions }
}

/// The most precise place; a missing country code or setting is filled from the others, which
/// clustering made compatible.
fn place(cluster: &Cluster, ctx: &Context<'_>) -> Place {
    let places: Vec<&Place> = cluster
        .supporting
        .iter()
        .filter_map(|&m| ctx.mention(m).place.as_ref())
        .filter(|p| !place_is_unknown(p))
        .collect();
    let Some(best) = places.iter().min_by_key(|p| place_precision_rank(p.precision)) else {
        return Place::default();
    };
    let mut place = (*best).clone();
    if place.country_code.is_none() {
        place.country_code = places.iter().find_map(|p| p.country_code.clone());
    }
    if place.setting == corroborate_model::Setting::Unknown {
        if let Some(other) =
            places.iter().find(|p| p.setting != corroborate_model::Setting::Unknown)
        {
            place.setting = other.setting;
            place.setting_from = other.setting_from;
        }
    }
    place
}

/// Lowest minimum and highest maximum per category over every supporting figure; an
/// open-ended figure ("at least 11") leaves the maximum open.
fn casualties(mentions: &[MentionRef], ctx: &Context<'_>) -> Casualties {
    let mut out = Casualties::default();
    let mut open: BTreeSet<FactAttribute> = BTreeSet::new();
    for &m in mentions {
        for casualty in &ctx.mention(m).casualties {
            let attribute = casualty_attribute(casualty);
            let range = match attribute {
                FactAttribute::Injured => &mut out.injured,
                FactAttribute::CiviliansKilled => &mut out.civilians_killed,
                FactAttribute::CiviliansInjured => &mut out.civilians_injured,
                _ => &mut out.killed,
            };
            if let Some(min) = casualty.min {
                range.min = Some(range.min.map_or(min, |v| v.min(min)));
            }
            match casualty.max {
                Some(max) => range.max = Some(range.max.map_or(max, |v| v.max(max))),
                None if casualty.min.is_some() => {
                    open.insert(attribute);
                }
                None => {}
            }
        }
    }
    for attribute in open {
        let range: &mut CountRange = match attribute {
            FactAttribute::Injured => &mut out.injured,
            FactAttribute::CiviliansKilled => &mut out.civilians_killed,
            FactAttribute::CiviliansInjured => &mut out.civilians_injured,
            _ => &mut out.killed,
        };
        range.max = None;
    }
    out
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
    let contested = facts.iter().find(|f| {
        f.status == FactStatus::Disputed
            && matches!(
                f.attribute,
                FactAttribute::Perpetrator
                    | FactAttribute::Type
                    | FactAttribute::Supporter
                    | FactAttribute::CiviliansKilled
                    | FactAttribute::CiviliansInjured
            )
    });
    if let Some(fact) = contested {
        return (
            IncidentGrade::Contested,
            format!(
                "{} \"{}\" is disputed: {} claim(s) for it, {} against",
                fact.attribute,
                fact.value,
                fact.support.len(),
                fact.oppose.len()
            ),
        );
    }
    if let Some((who, perpetrator)) = actor_side_acknowledgement(facts, ctx) {
        return (
            IncidentGrade::Confirmed,
            format!(
                "acknowledged on the record by {who}, on the side of the perpetrator {perpetrator}"
            ),
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

/// An acknowledgement by someone on the perpetrator's side: the acknowledging source's name or
/// affiliation and a supported perpetrator name contain one another.
fn actor_side_acknowledgement(facts: &[Fact], ctx: &Context<'_>) -> Option<(String, String)> {
    let perpetrators: Vec<String> = facts
        .iter()
        .filter(|f| f.attribute == FactAttribute::Perpetrator && !f.support.is_empty())
        .filter(|f| !matches!(f.status, FactStatus::Disputed | FactStatus::Denied))
        .map(|f| f.value.clone())
        .collect();
    for fact in facts.iter().filter(|f| f.attribute == FactAttribute::AcknowledgedBy) {
        for claim_id in &fact.support {
            let Some(&r) = ctx.claims.get(claim_id) else { continue };
            let source = &ctx.claim(r).source;
            let sides: Vec<String> = [source.name.as_ref(), source.affiliation.as_ref()]
                .into_iter()
                .flatten()
                .map(|s| s.to_lowercase())
                .collect();
            for perpetrator in &perpetrators {
                let p = perpetrator.to_lowercase();
                if sides.iter().any(|s| s.contains(&p) || p.contains(s.as_str())) {
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
                ctx.documents[m.doc].document.id
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
        let published = ctx.documents[d].document.published;
        (published.is_none(), published, d)
    });
    let mut seen_actors: BTreeSet<(String, String)> = BTreeSet::new();
    let mut seen_figures: Vec<(FactAttribute, CountRange)> = Vec::new();
    let mut entries = Vec::new();
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
            date: ctx.documents[doc].document.published,
            document: ctx.documents[doc].document.id.clone(),
            summary,
            claims: doc_claims.iter().map(|&r| ctx.claim(r).id.clone()).collect(),
        });
    }
    entries
}
