//! Actors (`data/actors/actors.toml`) and their roles in an event (`data/actors/roles.toml`):
//! who carried it out, who helped, who was targeted.

use crate::pattern::LazyRegex;
use corroborate_model::{ActorMention, ActorRole, Span};
use serde::Deserialize;
use std::str::FromStr;

use super::terms::{self, Placeholders, TermMatcher};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the actor dictionary.
pub(super) const ACTORS_FILE: &str = "actors/actors.toml";
/// Relative name of the role cues.
pub(super) const ROLES_FILE: &str = "actors/roles.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsFile {
    actor: Vec<ActorEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    id: String,
    name: String,
    kind: String,
    #[allow(dead_code)]
    description: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    metonym: bool,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    #[serde(default)]
    known_failures: Vec<String>,
    role: Vec<RoleEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    id: String,
    role: String,
    #[allow(dead_code)]
    description: String,
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    after: Option<String>,
    examples: Vec<String>,
}

#[derive(Debug)]
struct Actor {
    id: String,
    name: String,
    metonym: bool,
    aliases: Vec<String>,
}

#[derive(Debug)]
struct RoleCue {
    id: String,
    role: ActorRole,
    before: Option<LazyRegex>,
    after: Option<LazyRegex>,
    examples: Vec<String>,
}

/// An actor named in the text, whether or not it has a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Named {
    /// Where.
    pub(super) span: Span,
    /// The mention, when a role cue gave it a role.
    pub(super) mention: Option<ActorMention>,
    /// True for a capital standing for its government.
    pub(super) metonym: bool,
}

/// Compiled actor dictionary and role cues.
#[derive(Debug)]
pub(super) struct ActorLexicon {
    actors: Vec<Actor>,
    matcher: TermMatcher,
    roles: Vec<RoleCue>,
    known_failures: Vec<String>,
}

const KINDS: &[&str] = &["state", "agency", "armed_force", "armed_group", "company"];

impl ActorLexicon {
    /// Compiles the actor dictionary and the role cues.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let file: ActorsFile = terms::load(files, ACTORS_FILE)?;
        let roles: RolesFile = terms::load(files, ROLES_FILE)?;
        let ids: Vec<String> = file.actor.iter().map(|a| a.id.clone()).collect();
        let mut actors = Vec::new();
        let mut names = Vec::new();
        for (idx, entry) in file.actor.into_iter().enumerate() {
            if !KINDS.contains(&entry.kind.as_str()) {
                return Err(terms::invalid(
                    ACTORS_FILE,
                    format!(
                        "actor {}: unknown kind {:?}; use one of {}",
                        entry.id,
                        entry.kind,
                        KINDS.join(", ")
                    ),
                ));
            }
            if let Some(parent) = &entry.parent {
                if !ids.contains(parent) {
                    return Err(terms::invalid(
                        ACTORS_FILE,
                        format!(
                            "actor {}: parent {parent:?} is not an actor id in this file",
                            entry.id
                        ),
                    ));
                }
            }
            if !entry.metonym {
                names.push((entry.name.clone(), idx));
            }
            names.extend(entry.aliases.iter().map(|a| (a.clone(), idx)));
            actors.push(Actor {
                id: entry.id,
                name: entry.name,
                metonym: entry.metonym,
                aliases: entry.aliases,
            });
        }
        let placeholders = Placeholders::default();
        let mut cues = Vec::new();
        for entry in roles.role {
            let role = ActorRole::from_str(&entry.role)
                .map_err(|err| terms::invalid(ROLES_FILE, format!("entry {}: {err}", entry.id)))?;
            let anchored_before = entry.before.as_deref().map(|b| b.ends_with('$')).unwrap_or(true);
            let anchored_after = entry.after.as_deref().map(|a| a.starts_with('^')).unwrap_or(true);
            if !anchored_before
                || !anchored_after
                || (entry.before.is_none() && entry.after.is_none())
            {
                return Err(terms::invalid(
                    ROLES_FILE,
                    format!(
                        "entry {}: give `before` ending with $ or `after` starting with ^",
                        entry.id
                    ),
                ));
            }
            let compile = |p: &Option<String>| -> Result<Option<LazyRegex>, ResourceError> {
                p.as_deref()
                    .map(|p| terms::regex(ROLES_FILE, &entry.id, p, &placeholders))
                    .transpose()
            };
            cues.push(RoleCue {
                role,
                before: compile(&entry.before)?,
                after: compile(&entry.after)?,
                id: entry.id,
                examples: entry.examples,
            });
        }
        Ok(ActorLexicon {
            actors,
            // Aliases are proper nouns and acronyms: case-sensitive, so "US" never matches "us".
            matcher: TermMatcher::new(ACTORS_FILE, names, false)?,
            roles: cues,
            known_failures: roles.known_failures,
        })
    }

    /// Actors named inside `within` (not inside `masked`, the sources' own words), each with
    /// the role its context gives it, if any.
    pub(super) fn find(&self, text: &str, within: &[Span], masked: &[Span]) -> Vec<Named> {
        let mut out = Vec::new();
        for span in within {
            for hit in self.matcher.find(text, *span) {
                if masked.iter().any(|m| m.overlaps(hit.span)) {
                    continue;
                }
                let Some(actor) = self.actors.get(hit.entry) else { continue };
                let before = terms::text_before(text, span.start, hit.span.start, 80);
                let after = terms::text_after(text, hit.span.end, span.end, 100);
                let role = self.roles.iter().find(|cue| {
                    cue.before.as_ref().is_some_and(|re| re.is_match(before))
                        || cue.after.as_ref().is_some_and(|re| re.is_match(after))
                });
                let mention = role.map(|cue| ActorMention {
                    name: actor.name.clone(),
                    actor_id: Some(actor.id.clone()),
                    role: cue.role,
                    span: hit.span,
                });
                out.push(Named { span: hit.span, mention, metonym: actor.metonym });
            }
        }
        out
    }

    /// Runs every example; returns failures not listed in `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        for actor in &self.actors {
            let names =
                std::iter::once(&actor.name).filter(|_| !actor.metonym).chain(&actor.aliases);
            for name in names {
                let text = format!("{name} carried out a strike");
                let found = self.find(&text, &[Span::new(0, text.len())], &[]);
                let got =
                    found.first().and_then(|n| n.mention.as_ref()).and_then(|m| m.actor_id.clone());
                if got.as_deref() != Some(actor.id.as_str()) {
                    failures.push((actor.id.clone(), format!("{name:?} resolved to {got:?}")));
                }
            }
        }
        for cue in &self.roles {
            for ex in &cue.examples {
                let (Some(open), Some(close)) = (ex.find('['), ex.find(']')) else {
                    failures
                        .push((cue.id.clone(), format!("{ex:?} marks no actor with [brackets]")));
                    continue;
                };
                let text = ex.replace(['[', ']'], "");
                let marked = Span::new(open, close.saturating_sub(1));
                let found = self.find(&text, &[Span::new(0, text.len())], &[]);
                let role = found
                    .iter()
                    .filter(|n| n.span.overlaps(marked))
                    .find_map(|n| n.mention.as_ref().map(|m| m.role));
                if role != Some(cue.role) && !self.known_failures.contains(&cue.id) {
                    failures.push((cue.id.clone(), format!("{ex:?} gave {role:?}")));
                }
            }
        }
        failures
    }
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lexicon() -> &'static ActorLexicon {
        &crate::events::tests::lexicon().actors
    }

    #[test]
    fn a_name_without_a_role_cue_gets_no_role() {
        let text = "U.S. diplomats and local sources said on Monday";
        let found = lexicon().find(text, &[Span::new(0, text.len())], &[]);
        assert!(found.iter().all(|n| n.mention.is_none()), "{found:?}");
    }
}
