//! Actor families: which named actors are on one side. AFRICOM, the U.S. military and the
//! Pentagon all answer to the United States, so an acknowledgement by one of them is the
//! perpetrator's side acknowledging a strike credited to another.
//!
//! The families come from the parents in the analysis crate's actor dictionary
//! (`data/actors/actors.toml`), read here too so that resolution needs no second list.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

/// The actor dictionary shared with analysis.
const ACTORS_TOML: &str = include_str!("../../../data/actors/actors.toml");

/// The parts of a dictionary entry that families need; the other fields are analysis's.
#[derive(Debug, Clone, Deserialize)]
struct ActorEntry {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    parent: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<ActorEntry>,
}

/// Lower-cased name or alias → the family roots (top-most ancestors) of the entries it names.
struct Families {
    roots_by_name: HashMap<String, BTreeSet<String>>,
    /// Lower-cased name or alias → the ids of the entries it names.
    ids_by_name: HashMap<String, BTreeSet<String>>,
}

fn families() -> &'static Families {
    static FAMILIES: OnceLock<Families> = OnceLock::new();
    FAMILIES.get_or_init(|| {
        // The file is embedded and parsed by a test; should it ever fail to parse, families
        // fall back to matching names, which only loses the parent links.
        let file: ActorFile = toml::from_str(ACTORS_TOML).unwrap_or_default();
        let parent: HashMap<&str, &str> = file
            .actor
            .iter()
            .filter_map(|a| a.parent.as_deref().map(|p| (a.id.as_str(), p)))
            .collect();
        let root = |id: &str| {
            let mut current = id;
            // Bounded walk: a cycle in the data must not hang resolution.
            for _ in 0..32 {
                match parent.get(current) {
                    Some(p) => current = p,
                    None => break,
                }
            }
            current.to_string()
        };
        // An entry whose id lies under another's ("actors/state/us/washington" under
        // "actors/state/us") without a parent link is a stand-in for it, such as a capital.
        let ids: BTreeSet<&str> = file.actor.iter().map(|a| a.id.as_str()).collect();
        let id_root = |id: &str| {
            let mut prefix = id;
            while let Some((head, _)) = prefix.rsplit_once('/') {
                if ids.contains(head) && !parent.contains_key(id) {
                    return root(head);
                }
                prefix = head;
            }
            root(id)
        };
        let mut roots_by_name: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut ids_by_name: HashMap<String, BTreeSet<String>> = HashMap::new();
        for actor in &file.actor {
            let family = id_root(&actor.id);
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                let key = name.trim().to_lowercase();
                roots_by_name.entry(key.clone()).or_default().insert(family.clone());
                ids_by_name.entry(key).or_default().insert(actor.id.clone());
            }
        }
        Families { roots_by_name, ids_by_name }
    })
}

/// The family roots of a name, if the dictionary knows it.
fn roots(name: &str) -> Option<&'static BTreeSet<String>> {
    let name = name.trim().to_lowercase();
    let name = name.strip_prefix("the ").unwrap_or(&name).to_string();
    families().roots_by_name.get(&name)
}

/// The dictionary entries a name or alias stands for.
fn ids(name: &str) -> Option<&'static BTreeSet<String>> {
    let name = name.trim().to_lowercase();
    let name = name.strip_prefix("the ").unwrap_or(&name).to_string();
    families().ids_by_name.get(&name)
}

/// True when `a` and `b` name the same actor: one dictionary entry, or, for names it does not
/// know, one name containing the other. Stricter than [`same_side`]: a spokesperson for Special
/// Operations Command denying its units' part does not deny the CIA's.
pub(crate) fn same_actor(a: &str, b: &str) -> bool {
    if let (Some(ia), Some(ib)) = (ids(a), ids(b)) {
        return ia.intersection(ib).next().is_some();
    }
    names_overlap(a, b)
}

/// One name contains the other as whole words ("ELN guerrilla group" and "ELN").
fn names_overlap(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let contains_word = |long: &str, short: &str| {
        long.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
            .collect::<Vec<_>>()
            .windows(short.split_whitespace().count().max(1))
            .any(|w| w.join(" ") == short)
    };
    a == b || contains_word(&a, &b) || contains_word(&b, &a)
}

/// True when `a` and `b` are on one side: the same family in the actor dictionary, or, for
/// names it does not know, one name containing the other ("ELN guerrilla group" and "ELN").
pub(crate) fn same_side(a: &str, b: &str) -> bool {
    if let (Some(ra), Some(rb)) = (roots(a), roots(b)) {
        if ra.intersection(rb).next().is_some() {
            return true;
        }
    }
    names_overlap(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_parses() {
        let file: ActorFile = toml::from_str(ACTORS_TOML).expect("actors.toml parses");
        assert!(!file.actor.is_empty());
    }

    #[test]
    fn commands_agencies_and_the_state_are_one_side() {
        assert!(same_side("U.S. Africa Command", "United States"));
        assert!(same_side("U.S. Department of Defense", "U.S. military"));
        assert!(same_side("Pentagon", "U.S. Southern Command"));
        assert!(same_side("Washington", "CIA"));
        assert!(same_side("Government of Venezuela", "Venezuelan military"));
        assert!(!same_side("Mexican Navy", "U.S. Navy"));
        assert!(!same_side("Colombian military", "United States"));
    }

    #[test]
    fn one_actor_is_narrower_than_one_side() {
        assert!(same_actor("Pentagon", "U.S. Department of Defense"));
        assert!(same_actor("ELN guerrilla group", "ELN"));
        assert!(!same_actor("U.S. Special Operations Command", "CIA"));
        assert!(!same_actor("U.S. Africa Command", "United States"));
    }

    #[test]
    fn unknown_names_match_by_contained_words() {
        assert!(same_side("ELN guerrilla group", "ELN"));
        assert!(!same_side("ELN", "Tren de Aragua"));
    }
}
