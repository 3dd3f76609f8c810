//! Identity across runs: carrying incident ids over from the previous resolution and recording
//! the merges and splits that clustering made since.
//!
//! An incident's id comes from its founding mention, which is stable while that mention's
//! document and analysis are. When the founding mention changes (a reanalysis moved its span, an
//! earlier report was removed) the incident would get a new id; [`carry_over`] gives it back
//! the id of the earlier incident whose claims it mostly holds. What cannot be carried over is a
//! merge (an earlier incident's reports now all belong to another one) or a split (an earlier
//! incident's reports now form several); each is returned as an [`IncidentChange`] with a reason.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use corroborate_model::{
    ClaimId, DocumentId, IncidentChange, IncidentChangeKind, IncidentId, IncidentMembers,
    Resolution,
};

/// How much of an earlier incident a new incident holds: shared claims first, shared documents
/// to break ties (and to follow reports whose claim ids a reanalysis changed).
type Overlap = (usize, usize);

/// Gives new incidents the ids of the earlier incidents they continue, and returns the merges
/// and splits between `previous` (the stored resolution's incidents) and `resolution`, oldest
/// earlier incident first.
///
/// An incident keeps its id when that id existed before. Otherwise, when it holds the largest
/// share of an earlier incident whose id has disappeared, it takes that id. An earlier incident
/// whose id is gone and whose claims all went into one other incident was **merged**; one whose
/// claims went into several incidents, at least one of them new, was **split**.
pub fn carry_over(
    previous: &[IncidentMembers],
    resolution: &mut Resolution,
) -> Vec<IncidentChange> {
    if previous.is_empty() {
        return Vec::new();
    }
    let overlaps = overlaps(previous, resolution);
    let previous_ids: HashSet<&IncidentId> = previous.iter().map(|p| &p.id).collect();

    // Carry ids over to incidents whose own id is new.
    let mut taken: HashSet<IncidentId> =
        resolution.incidents.iter().map(|i| i.id.clone()).collect();
    let mut renamed: Vec<(usize, IncidentId)> = Vec::new();
    for (old_idx, old) in previous.iter().enumerate() {
        if taken.contains(&old.id) {
            continue;
        }
        // The new incident holding most of this earlier one, if its own id is new and it
        // holds more of this incident than of any other vanished one it could inherit from.
        let heir = successors(&overlaps, old_idx)
            .into_iter()
            .filter(|&(n, _)| !previous_ids.contains(&resolution.incidents[n].id))
            .filter(|&(n, _)| !renamed.iter().any(|(r, _)| *r == n))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((n, _)) = heir {
            taken.insert(old.id.clone());
            renamed.push((n, old.id.clone()));
        }
    }
    let new_ids: Vec<IncidentId> = resolution.incidents.iter().map(|i| i.id.clone()).collect();
    for (n, id) in renamed {
        resolution.incidents[n].id = id;
    }
    let known_documents: HashSet<&DocumentId> =
        previous.iter().flat_map(|p| p.documents.iter()).collect();

    let mut changes = Vec::new();
    for (old_idx, old) in previous.iter().enumerate() {
        let successors: BTreeMap<usize, Overlap> =
            successors(&overlaps, old_idx).into_iter().collect();
        let survives = resolution.incidents.iter().any(|i| i.id == old.id);
        if successors.is_empty() {
            continue;
        }
        let others: Vec<usize> =
            successors.keys().copied().filter(|&n| resolution.incidents[n].id != old.id).collect();
        if !survives && others.len() == 1 {
            let n = others[0];
            let into = &resolution.incidents[n];
            let (claims, _) = successors[&n];
            let new_reports: Vec<&str> = into
                .documents
                .iter()
                .filter(|d| !known_documents.contains(d))
                .map(|d| d.as_str())
                .collect();
            let mut reason = format!(
                "its {} claim(s) from {} report(s) now cluster with incident {}, which is older",
                claims,
                old.documents.len(),
                into.id
            );
            if !new_reports.is_empty() {
                reason.push_str(&format!(
                    "; reports new since the last run link them: {}",
                    new_reports.join(", ")
                ));
            }
            changes.push(IncidentChange {
                kind: IncidentChangeKind::Merged,
                incident: old.id.clone(),
                others: vec![into.id.clone()],
                reason,
            });
        } else if others.iter().any(|&n| !previous_ids.contains(&new_ids[n]))
            && (others.len() >= 2 || (survives && !others.is_empty()))
        {
            let parts: Vec<String> = successors
                .iter()
                .map(|(&n, &(claims, documents))| {
                    format!(
                        "{} ({} claim(s), {} report(s))",
                        resolution.incidents[n].id, claims, documents
                    )
                })
                .collect();
            changes.push(IncidentChange {
                kind: IncidentChangeKind::Split,
                incident: old.id.clone(),
                others: others.iter().map(|&n| resolution.incidents[n].id.clone()).collect(),
                reason: format!(
                    "its reports no longer agree on one type, place and time: its claims now form {}",
                    parts.join(", ")
                ),
            });
        }
    }
    changes
}

/// The new incidents that continue earlier incident `old`: those holding some of its claims, or,
/// when none does (a reanalysis gave its reports new claim ids), those holding its reports. A
/// report about two strikes is in two incidents, so sharing a report alone does not make a
/// successor when claims can tell.
fn successors(overlaps: &BTreeMap<(usize, usize), Overlap>, old: usize) -> Vec<(usize, Overlap)> {
    let all: Vec<(usize, Overlap)> =
        overlaps.range((old, 0)..(old + 1, 0)).map(|(&(_, n), &overlap)| (n, overlap)).collect();
    if all.iter().any(|(_, (claims, _))| *claims > 0) {
        all.into_iter().filter(|(_, (claims, _))| *claims > 0).collect()
    } else {
        all
    }
}

/// Overlap of every (earlier, new) pair of incidents that share a claim or a document.
fn overlaps(
    previous: &[IncidentMembers],
    resolution: &Resolution,
) -> BTreeMap<(usize, usize), Overlap> {
    let mut by_claim: HashMap<&ClaimId, usize> = HashMap::new();
    let mut by_document: HashMap<&DocumentId, Vec<usize>> = HashMap::new();
    for (o, old) in previous.iter().enumerate() {
        for claim in &old.claims {
            by_claim.entry(claim).or_insert(o);
        }
        for document in &old.documents {
            by_document.entry(document).or_default().push(o);
        }
    }
    let mut out: BTreeMap<(usize, usize), Overlap> = BTreeMap::new();
    for (n, incident) in resolution.incidents.iter().enumerate() {
        let claims: BTreeSet<&ClaimId> = incident.claims.iter().collect();
        for claim in claims {
            if let Some(&o) = by_claim.get(claim) {
                out.entry((o, n)).or_default().0 += 1;
            }
        }
        let documents: BTreeSet<&DocumentId> = incident.documents.iter().collect();
        for document in documents {
            for &o in by_document.get(document).into_iter().flatten() {
                out.entry((o, n)).or_default().1 += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{Incident, IncidentGrade};

    fn incident(id: &str, claims: &[&str], documents: &[&str]) -> Incident {
        Incident {
            id: IncidentId(id.into()),
            event_type: None,
            grade: IncidentGrade::Weak,
            grade_reason: String::new(),
            time: Default::default(),
            place: Default::default(),
            casualties: Default::default(),
            facts: Vec::new(),
            claims: claims.iter().map(|c| ClaimId((*c).into())).collect(),
            documents: documents.iter().map(|d| DocumentId((*d).into())).collect(),
            flags: Vec::new(),
            contradictions: Vec::new(),
            timeline: Vec::new(),
        }
    }

    fn prior(incidents: &[Incident]) -> Vec<IncidentMembers> {
        incidents
            .iter()
            .map(|i| IncidentMembers {
                id: i.id.clone(),
                claims: i.claims.clone(),
                documents: i.documents.clone(),
            })
            .collect()
    }

    fn ids(resolution: &Resolution) -> Vec<&str> {
        resolution.incidents.iter().map(|i| i.id.as_str()).collect()
    }

    fn resolution(incidents: Vec<Incident>) -> Resolution {
        Resolution { incidents, ..Resolution::default() }
    }

    #[test]
    fn an_unchanged_or_grown_resolution_records_nothing() {
        let before = vec![incident("i1", &["a1", "a2"], &["a"]), incident("i2", &["b1"], &["b"])];
        let mut after = resolution(vec![
            incident("i1", &["a1", "a2", "c1"], &["a", "c"]),
            incident("i2", &["b1"], &["b"]),
        ]);
        assert!(carry_over(&prior(&before), &mut after).is_empty());
        assert_eq!(ids(&after), ["i1", "i2"]);
    }

    #[test]
    fn an_incident_whose_founding_mention_changed_keeps_its_id() {
        // A reanalysis moved the founding span: the natural id is new, the claims are not.
        let before = vec![incident("i1", &["a1", "a2"], &["a"])];
        let mut after = resolution(vec![incident("i9", &["a1", "a2"], &["a"])]);
        assert!(carry_over(&prior(&before), &mut after).is_empty());
        assert_eq!(ids(&after), ["i1"]);
    }

    #[test]
    fn claim_ids_changed_by_reanalysis_are_followed_by_document() {
        let before = vec![incident("i1", &["a1"], &["a"])];
        let mut after = resolution(vec![incident("i9", &["a7"], &["a"])]);
        assert!(carry_over(&prior(&before), &mut after).is_empty());
        assert_eq!(ids(&after), ["i1"]);
    }

    #[test]
    fn two_incidents_linked_by_a_new_report_are_a_merge_with_its_reason() {
        let before = vec![incident("i1", &["a1"], &["a"]), incident("i2", &["b1"], &["b"])];
        let mut after = resolution(vec![incident("i1", &["a1", "b1", "c1"], &["a", "b", "c"])]);
        let changes = carry_over(&prior(&before), &mut after);
        assert_eq!(changes.len(), 1, "{changes:?}");
        let change = &changes[0];
        assert_eq!(change.kind, IncidentChangeKind::Merged);
        assert_eq!(change.incident.as_str(), "i2");
        assert_eq!(change.others, vec![IncidentId("i1".into())]);
        assert!(change.reason.contains("now cluster with incident i1"), "{}", change.reason);
        assert!(change.reason.contains("reports new since the last run link them: c"));
    }

    #[test]
    fn an_incident_whose_reports_part_ways_is_a_split() {
        let before = vec![incident("i1", &["a1", "b1"], &["a", "b"])];
        let mut after =
            resolution(vec![incident("i1", &["a1"], &["a"]), incident("i5", &["b1"], &["b"])]);
        let changes = carry_over(&prior(&before), &mut after);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, IncidentChangeKind::Split);
        assert_eq!(changes[0].incident.as_str(), "i1");
        assert_eq!(changes[0].others, vec![IncidentId("i5".into())]);
        assert!(
            changes[0].reason.contains("i5 (1 claim(s), 1 report(s))"),
            "{}",
            changes[0].reason
        );
    }

    #[test]
    fn a_split_whose_founding_part_got_a_new_id_keeps_the_old_id_on_the_larger_part() {
        let before = vec![incident("i1", &["a1", "a2", "b1"], &["a", "b"])];
        let mut after = resolution(vec![
            incident("i7", &["b1"], &["b"]),
            incident("i8", &["a1", "a2"], &["a"]),
        ]);
        let changes = carry_over(&prior(&before), &mut after);
        assert_eq!(ids(&after), ["i7", "i1"]);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, IncidentChangeKind::Split);
        assert_eq!(changes[0].others, vec![IncidentId("i7".into())]);
    }

    #[test]
    fn a_report_in_two_incidents_does_not_make_a_successor_when_claims_tell() {
        // Report "a" covers two strikes; the second incident shares the report, not claims.
        let before = vec![incident("i1", &["a1"], &["a"]), incident("i2", &["a2"], &["a"])];
        let mut after =
            resolution(vec![incident("i1", &["a1"], &["a"]), incident("i2", &["a2"], &["a"])]);
        assert!(carry_over(&prior(&before), &mut after).is_empty());
    }
}
