//! Plain-text views for the terminal: the incident table, an incident as an analyst reads it,
//! claim lists. Pure functions from data to `String`, so they are easy to test.

use std::collections::HashMap;
use std::fmt::Write;

use corroborate_model::{
    AnalyzedDocument, Claim, ClaimId, CountRange, ExportClaim, ExportRecord, ExportSource,
    FactStatus, Incident, IncidentGrade, Place, Resolution, Review, TimeInterval,
};

/// Shortest prefix length shown for ids; `show` accepts any unique prefix.
const SHORT_ID: usize = 9;

fn short(id: &str) -> &str {
    id.get(..SHORT_ID).unwrap_or(id)
}

fn time_text(time: &TimeInterval) -> String {
    match (time.earliest, time.latest) {
        (Some(a), Some(b)) if a == b => format!("{a}"),
        (Some(a), Some(b)) => format!("{a}..{b}"),
        (Some(a), None) => format!("{a}.."),
        (None, Some(b)) => format!("..{b}"),
        (None, None) => {
            let values: Vec<&str> =
                time.expressions.iter().filter_map(|e| e.value.as_deref()).collect();
            if values.is_empty() {
                "unknown".to_string()
            } else {
                values.join(",")
            }
        }
    }
}

fn place_text(place: &Place) -> String {
    let mut text = place.name.clone().unwrap_or_else(|| "unknown".to_string());
    if let Some(code) = &place.country_code {
        if place.name.as_deref() != Some(code.as_str()) {
            let _ = write!(text, " ({code})");
        }
    }
    text
}

fn range_text(range: &CountRange) -> String {
    match (range.min, range.max) {
        (None, None) => "-".to_string(),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}-{b}"),
        (Some(a), None) => format!("{a}+"),
        (None, Some(b)) => format!("<={b}"),
    }
}

/// The number of independent sources behind the incident's best-supported fact.
fn independent_sources(incident: &Incident) -> u32 {
    incident.facts.iter().map(|f| f.independent_sources).max().unwrap_or(0)
}

/// What each fact status means, for the legend of `show` (DESIGN.md "Identifiers").
const STATUS_MEANINGS: [(FactStatus, &str); 6] = [
    (
        FactStatus::Confirmed,
        "acknowledged on record by the actor, or two independent named sources",
    ),
    (FactStatus::Corroborated, "two or more independent sources (copies of one report count once)"),
    (FactStatus::SingleSource, "one independent source"),
    (FactStatus::Disputed, "some sources assert it and others deny it"),
    (FactStatus::Denied, "only denials"),
    (FactStatus::Unconfirmed, "only declines to comment and non-responses"),
];

/// What each incident grade means, in the manner of Airwars' grading.
const GRADE_MEANINGS: [(IncidentGrade, &str); 5] = [
    (IncidentGrade::Confirmed, "the actor's side acknowledged the incident"),
    (IncidentGrade::Fair, "reported by two or more credible independent sources"),
    (IncidentGrade::Weak, "one source, or only hedged claims"),
    (IncidentGrade::Contested, "competing claims about who did it or what happened"),
    (IncidentGrade::Discounted, "shown not to have happened as reported"),
];

/// Who a claim's source is, as an analyst names it: the name, else the words as written, else
/// the kind of source.
fn who(kind: &str, name: Option<&str>, surface: &str) -> String {
    match name {
        Some(name) => name.to_string(),
        None if !surface.is_empty() => surface.to_string(),
        None => kind.to_string(),
    }
}

/// The distinct sources of `ids`, in order, named by `name_of`.
fn sources_of(ids: &[ClaimId], name_of: &dyn Fn(&ClaimId) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in ids.iter().filter_map(name_of) {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Each disputed fact as `attribute=value (denied by A, B)`.
fn disputed(incident: &Incident, name_of: &dyn Fn(&ClaimId) -> Option<String>) -> Vec<String> {
    incident
        .facts
        .iter()
        .filter(|f| f.status == FactStatus::Disputed)
        .map(|f| {
            let against = sources_of(&f.oppose, name_of);
            if against.is_empty() {
                format!("{}={}", f.attribute, f.value)
            } else {
                format!("{}={} (denied by {})", f.attribute, f.value, against.join(", "))
            }
        })
        .collect()
}

/// One line per incident.
pub(crate) fn incident_table(resolution: &Resolution, documents: &[AnalyzedDocument]) -> String {
    let mut rows = vec![[
        "ID".to_string(),
        "TYPE".to_string(),
        "WHEN".to_string(),
        "WHERE".to_string(),
        "GRADE".to_string(),
        "SOURCES".to_string(),
        "REPORTS".to_string(),
        "KILLED".to_string(),
        "DISPUTED".to_string(),
    ]];
    let claims: HashMap<&str, &Claim> =
        documents.iter().flat_map(|d| &d.analysis.claims).map(|c| (c.id.as_str(), c)).collect();
    let name_of = |id: &ClaimId| {
        claims.get(id.as_str()).map(|c| {
            let source = &c.source;
            who(source.kind.as_str(), source.name.as_deref(), &source.surface)
        })
    };
    for incident in &resolution.incidents {
        let disputed = disputed(incident, &name_of);
        rows.push([
            short(incident.id.as_str()).to_string(),
            incident.event_type.map(|t| t.to_string()).unwrap_or_else(|| "-".to_string()),
            time_text(&incident.time),
            place_text(&incident.place),
            incident.grade.to_string(),
            independent_sources(incident).to_string(),
            incident.documents.len().to_string(),
            range_text(&incident.casualties.killed),
            if disputed.is_empty() { "-".to_string() } else { disputed.join("; ") },
        ]);
    }
    let mut out = table(&rows);
    let _ = writeln!(
        out,
        "{} incidents from {} reports; {} context mentions",
        resolution.incidents.len(),
        documents.len(),
        resolution.context.len()
    );
    out
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (col, cell) in row.iter().enumerate() {
            widths[col] = widths[col].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            if col + 1 == N {
                line.push_str(cell);
            } else {
                let pad = widths[col] - cell.chars().count();
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn source_text(source: &ExportSource) -> String {
    let mut text = String::from(source.kind.as_str());
    let who = match (&source.name, &source.title) {
        (Some(name), Some(title)) => format!("{title} {name}"),
        (Some(name), None) => name.clone(),
        _ => source.surface.clone(),
    };
    if !who.is_empty() {
        let _ = write!(text, " {who:?}");
    }
    if source.surface != who && !source.surface.is_empty() && source.name.is_some() {
        let _ = write!(text, " (as {:?})", source.surface);
    }
    let details: Vec<String> = [
        source.role.clone(),
        source.affiliation.clone(),
        source.count.map(|n| format!("count {n}")),
        source.description.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        let _ = write!(text, " [{}]", details.join("; "));
    }
    text
}

fn claim_line(claim: &ExportClaim) -> String {
    let mut sources = source_text(&claim.source);
    for co in &claim.co_sources {
        let _ = write!(sources, " + {}", source_text(co));
    }
    format!(
        "{} {} · {} · {}{}\n        \"{}\"",
        short(claim.id.as_str()),
        sources,
        claim.stance,
        claim.form,
        claim.cue.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
        claim.sentence.text
    )
}

/// An incident as an analyst reads it.
pub(crate) fn incident_page(
    incident: &Incident,
    record: &ExportRecord,
    reviews: &[Review],
) -> String {
    let claims: HashMap<&str, &ExportClaim> =
        record.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Incident {} · {} · grade {}",
        incident.id,
        incident.event_type.map(|t| t.to_string()).unwrap_or_else(|| "type unknown".into()),
        incident.grade
    );
    let _ = writeln!(out, "  why this grade: {}", incident.grade_reason);
    let _ = writeln!(
        out,
        "Sources {} independent · {} report{}",
        independent_sources(incident),
        incident.documents.len(),
        if incident.documents.len() == 1 { "" } else { "s" }
    );
    // Several reports repeat "on Tuesday"; the analyst needs each wording once.
    let mut expressions: Vec<String> = Vec::new();
    for expression in &incident.time.expressions {
        let quoted = format!("{:?}", expression.text);
        if !expressions.contains(&quoted) {
            expressions.push(quoted);
        }
    }
    let _ = writeln!(
        out,
        "When    {} (precision {}){}",
        time_text(&incident.time),
        incident.time.precision,
        if expressions.is_empty() {
            String::new()
        } else {
            format!(" from {}", expressions.join(", "))
        }
    );
    let place = &incident.place;
    let _ = writeln!(
        out,
        "Where   {} · precision {} · setting {}{}",
        place_text(place),
        place.precision,
        place.setting,
        place.setting_from.map(|d| format!(" (from {d})")).unwrap_or_default()
    );
    let c = &incident.casualties;
    let _ = writeln!(
        out,
        "Hurt    killed {} · injured {} · civilians killed {} · civilians injured {}",
        range_text(&c.killed),
        range_text(&c.injured),
        range_text(&c.civilians_killed),
        range_text(&c.civilians_injured)
    );
    for flag in &incident.flags {
        let _ = writeln!(out, "Flag    {}: {}", flag.code, flag.message);
    }
    let name_of = |id: &ClaimId| {
        claims.get(id.as_str()).map(|c| {
            let source = &c.source;
            who(source.kind.as_str(), source.name.as_deref(), &source.surface)
        })
    };
    let disputes: Vec<&corroborate_model::Fact> =
        incident.facts.iter().filter(|f| f.status == FactStatus::Disputed).collect();
    if !disputes.is_empty() {
        let _ = writeln!(out, "\nDisputed");
        for fact in disputes {
            let _ = writeln!(
                out,
                "  {} = {}: asserted by {}; denied by {}",
                fact.attribute,
                fact.value,
                sources_of(&fact.support, &name_of).join(", "),
                sources_of(&fact.oppose, &name_of).join(", ")
            );
        }
    }
    let _ = writeln!(out, "\nFacts");
    for fact in &incident.facts {
        let _ = writeln!(
            out,
            "  {} = {}  [{}, {} independent source{}{}]",
            fact.attribute,
            fact.value,
            fact.status,
            fact.independent_sources,
            if fact.independent_sources == 1 { "" } else { "s" },
            if fact.inferred { ", inferred" } else { "" }
        );
        for (sign, ids) in [("+", &fact.support), ("-", &fact.oppose)] {
            for id in ids {
                match claims.get(id.as_str()) {
                    Some(claim) => {
                        let _ = writeln!(out, "    {sign} {}", claim_line(claim));
                    }
                    None => {
                        let _ = writeln!(out, "    {sign} {id}");
                    }
                }
            }
        }
    }
    if !incident.contradictions.is_empty() {
        let _ = writeln!(out, "\nContradictions");
        for contradiction in &incident.contradictions {
            let _ = writeln!(
                out,
                "  {} = {}: {} for, {} against",
                contradiction.attribute,
                contradiction.value,
                contradiction.support.len(),
                contradiction.oppose.len()
            );
        }
    }
    let _ = writeln!(out, "\nReports");
    for doc in record.documents.iter().filter(|d| incident.documents.contains(&d.id)) {
        let _ = writeln!(
            out,
            "  {}  {}  {}  {}{}",
            short(doc.id.as_str()),
            doc.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
            doc.publisher.as_deref().unwrap_or("-"),
            doc.title.as_deref().unwrap_or("(untitled)"),
            doc.syndication_group
                .as_deref()
                .map(|g| format!("  [copy group {}]", short(g)))
                .unwrap_or_default()
        );
    }
    if !incident.timeline.is_empty() {
        let _ = writeln!(out, "\nTimeline");
        for entry in &incident.timeline {
            let _ = writeln!(
                out,
                "  {}  {}  {}",
                entry.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
                short(entry.document.as_str()),
                entry.summary
            );
        }
    }
    if !reviews.is_empty() {
        let _ = writeln!(out, "\nReviews");
        out.push_str(&review_list(reviews));
    }
    out.push_str(&legend(incident));
    out
}

/// How to read the statuses and the grade used on the page.
fn legend(incident: &Incident) -> String {
    let mut out = String::from("\nHow to read this\n");
    let _ =
        writeln!(out, "  grades (in the manner of Airwars; this incident is {}):", incident.grade);
    for (grade, meaning) in GRADE_MEANINGS {
        let _ = writeln!(out, "    {:<15}{meaning}", grade.as_str());
    }
    let _ = writeln!(out, "  fact statuses (a disputed fact outranks every other status):");
    for (status, meaning) in STATUS_MEANINGS {
        let used = incident.facts.iter().any(|f| f.status == status);
        let _ = writeln!(
            out,
            "    {:<15}{meaning}{}",
            status.as_str(),
            if used { "" } else { " (none here)" }
        );
    }
    out
}

/// Claims with their source and sentence position.
pub(crate) fn claim_list(claims: &[Claim], documents: &[AnalyzedDocument]) -> String {
    let texts: HashMap<&str, &AnalyzedDocument> =
        documents.iter().map(|d| (d.document.id.as_str(), d)).collect();
    let mut out = String::new();
    for claim in claims {
        let sentence = texts.get(claim.document.as_str()).and_then(|d| {
            d.analysis.sentences.get(claim.sentence).and_then(|s| s.span.slice(&d.document.text))
        });
        let who = claim.source.name.as_deref().unwrap_or(&claim.source.surface);
        let _ = writeln!(
            out,
            "{}  {}  {} {:?} · {} · {}\n    \"{}\"",
            short(claim.id.as_str()),
            short(claim.document.as_str()),
            claim.source.kind,
            who,
            claim.stance,
            claim.form,
            sentence.unwrap_or("")
        );
    }
    out
}

/// Automatic merges and splits, oldest first.
pub(crate) fn incident_changes(changes: &[corroborate_store::RecordedIncidentChange]) -> String {
    let mut out = String::new();
    for recorded in changes {
        let change = &recorded.change;
        let others: Vec<&str> = change.others.iter().map(|o| o.as_str()).collect();
        let _ = writeln!(
            out,
            "  {} {} {} {}: {}",
            recorded.at.format("%Y-%m-%d %H:%M"),
            change.incident,
            change.kind,
            if change.kind == corroborate_model::IncidentChangeKind::Merged {
                format!("into {}", others.join(", "))
            } else {
                format!("off {}", others.join(", "))
            },
            change.reason
        );
    }
    out
}

/// Reviews, oldest first.
pub(crate) fn review_list(reviews: &[Review]) -> String {
    let mut out = String::new();
    for review in reviews {
        let _ = writeln!(
            out,
            "  #{} {} {} {}{} by {}: {}",
            review.id,
            review.at.format("%Y-%m-%d %H:%M"),
            review.action,
            review.target,
            review.other.as_deref().map(|o| format!(" with {o}")).unwrap_or_default(),
            review.reviewer,
            if review.note.is_empty() { "(no note)" } else { &review.note }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_all_but_the_last_column() {
        let rows = [
            ["a".to_string(), "bb".to_string(), "c".to_string()],
            ["aaa".to_string(), "b".to_string(), "cc".to_string()],
        ];
        assert_eq!(table(&rows), "a    bb  c\naaa  b   cc\n");
    }

    #[test]
    fn ranges_read_as_an_analyst_writes_them() {
        assert_eq!(range_text(&CountRange { min: Some(3), max: Some(4) }), "3-4");
        assert_eq!(range_text(&CountRange { min: Some(0), max: Some(0) }), "0");
        assert_eq!(range_text(&CountRange { min: Some(11), max: None }), "11+");
        assert_eq!(range_text(&CountRange::default()), "-");
    }
}
