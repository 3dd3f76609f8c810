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
    ClaimId, DocumentId, Incident, IncidentChange, IncidentChangeKind, IncidentId, IncidentMembers,
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
///
/// [`Lineage`] does the same for incidents that come one at a time and are not kept.
pub fn carry_over(
    previous: &[IncidentMembers],
    resolution: &mut Resolution,
) -> Vec<IncidentChange> {
    let mut lineage = Lineage::new(previous);
    for incident in &resolution.incidents {
        lineage.add(incident);
    }
    let Carried { renames, changes } = lineage.finish();
    for Rename { position, to, .. } in renames {
        if let Some(incident) = resolution.incidents.get_mut(position) {
            incident.id = to;
        }
    }
    changes
}

/// What [`Lineage::finish`] found: the ids to carry over and the merges and splits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// The new incidents to rename, each with the earlier id it takes.
    pub renames: Vec<Rename>,
    /// The merges and splits, oldest earlier incident first.
    pub changes: Vec<IncidentChange>,
}

/// A new incident that takes the id of an earlier one it continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// The incident's position in resolution order.
    pub position: usize,
    /// Its own id, from its founding mention.
    pub from: IncidentId,
    /// The earlier incident's id, which it takes.
    pub to: IncidentId,
}

/// [`carry_over`] for new incidents given one at a time, in resolution order, as they are
/// built: it keeps of each only its id, how much it holds of each earlier incident and its
/// reports that no earlier incident held, so that a caller can write each incident out as soon
/// as it is built and apply the renames afterwards (decision 0026). Nothing at all is kept when
/// there is no earlier incident, as on a first resolve.
///
/// ```
/// use corroborate_resolve::{Carried, Lineage};
/// let lineage = Lineage::new(&[]);
/// assert_eq!(lineage.finish(), Carried::default());
/// ```
pub struct Lineage<'p> {
    previous: &'p [IncidentMembers],
    /// The earlier incident holding each earlier claim (the first, as claims are not shared).
    by_claim: HashMap<&'p ClaimId, usize>,
    /// The earlier incidents holding each earlier report.
    by_document: HashMap<&'p DocumentId, Vec<usize>>,
    /// Overlap of every (earlier, new) pair of incidents that share a claim or a document.
    overlaps: BTreeMap<(usize, usize), Overlap>,
    /// Each new incident's own id, in order.
    ids: Vec<IncidentId>,
    /// Each new incident's reports that no earlier incident held, in its order: a merge's
    /// reason names them.
    new_reports: Vec<Vec<DocumentId>>,
}

impl<'p> Lineage<'p> {
    /// Ready to follow the incidents of `previous` (the stored resolution's) into new ones.
    pub fn new(previous: &'p [IncidentMembers]) -> Self {
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
        Lineage {
            previous,
            by_claim,
            by_document,
            overlaps: BTreeMap::new(),
            ids: Vec::new(),
            new_reports: Vec::new(),
        }
    }

    /// Takes note of `incident`, the next new incident in resolution order.
    pub fn add(&mut self, incident: &Incident) {
        if self.previous.is_empty() {
            // Nothing to carry over: `finish` reads none of it.
            return;
        }
        let n = self.ids.len();
        self.ids.push(incident.id.clone());
        let claims: BTreeSet<&ClaimId> = incident.claims.iter().collect();
        for claim in claims {
            if let Some(&o) = self.by_claim.get(claim) {
                self.overlaps.entry((o, n)).or_default().0 += 1;
            }
        }
        let documents: BTreeSet<&DocumentId> = incident.documents.iter().collect();
        for document in documents {
            for &o in self.by_document.get(document).into_iter().flatten() {
                self.overlaps.entry((o, n)).or_default().1 += 1;
            }
        }
        self.new_reports.push(
            incident
                .documents
                .iter()
                .filter(|d| !self.by_document.contains_key(d))
                .cloned()
                .collect(),
        );
    }

    /// The ids to carry over and the merges and splits, once every new incident was added.
    pub fn finish(self) -> Carried {
        let Lineage { previous, overlaps, ids: new_ids, new_reports, .. } = self;
        if previous.is_empty() {
            return Carried::default();
        }
        let previous_ids: HashSet<&IncidentId> = previous.iter().map(|p| &p.id).collect();

        // Carry ids over to incidents whose own id is new.
        let mut taken: HashSet<IncidentId> = new_ids.iter().cloned().collect();
        let mut renamed: Vec<(usize, IncidentId)> = Vec::new();
        for (old_idx, old) in previous.iter().enumerate() {
            if taken.contains(&old.id) {
                continue;
            }
            // The new incident holding most of this earlier one, if its own id is new and it
            // holds more of this incident than of any other vanished one it could inherit from.
            let heir = successors(&overlaps, old_idx)
                .into_iter()
                .filter(|&(n, _)| !previous_ids.contains(&new_ids[n]))
                .filter(|&(n, _)| !renamed.iter().any(|(r, _)| *r == n))
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((n, _)) = heir {
                taken.insert(old.id.clone());
                renamed.push((n, old.id.clone()));
            }
        }
        let mut ids = new_ids.clone();
        for (n, id) in &renamed {
            ids[*n] = id.clone();
        }

        let mut changes = Vec::new();
        for (old_idx, old) in previous.iter().enumerate() {
            let successors: BTreeMap<usize, Overlap> =
                successors(&overlaps, old_idx).into_iter().collect();
            let survives = ids.contains(&old.id);
            if successors.is_empty() {
                continue;
            }
            let others: Vec<usize> =
                successors.keys().copied().filter(|&n| ids[n] != old.id).collect();
            if !survives && others.len() == 1 {
                let n = others[0];
                let (claims, _) = successors[&n];
                let new_reports: Vec<&str> = new_reports[n].iter().map(|d| d.as_str()).collect();
                let mut reason = format!(
                    "its {} claim(s) from {} report(s) now cluster with incident {}, which is older",
                    claims,
                    old.documents.len(),
                    ids[n]
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
                    others: vec![ids[n].clone()],
                    reason,
                });
            } else if others.iter().any(|&n| !previous_ids.contains(&new_ids[n]))
                && (others.len() >= 2 || (survives && !others.is_empty()))
            {
                let parts: Vec<String> = successors
                    .iter()
                    .map(|(&n, &(claims, documents))| {
                        format!("{} ({} claim(s), {} report(s))", ids[n], claims, documents)
                    })
                    .collect();
                changes.push(IncidentChange {
                    kind: IncidentChangeKind::Split,
                    incident: old.id.clone(),
                    others: others.iter().map(|&n| ids[n].clone()).collect(),
                    reason: format!(
                        "its reports no longer agree on one type, place and time: its claims now form {}",
                        parts.join(", ")
                    ),
                });
            }
        }
        let renames = renamed
            .into_iter()
            .map(|(position, to)| Rename { position, from: new_ids[position].clone(), to })
            .collect();
        Carried { renames, changes }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::IncidentGrade;

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
