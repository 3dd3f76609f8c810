//! Reading a source phrase ("Col. Allie Reyes", "two officials familiar with the matter",
//! "the White House and Venezuelan ministries") into [`Source`]s.
//!
//! The kind comes from the whole phrase first (a metonym or a listed organisation), then from
//! a title before capitalised names (a named person), then from the head noun before any
//! post-modifier ("officials" in "officials familiar with …"). A place inside a longer phrase
//! ("experts in Washington") therefore only describes the source.

use corroborate_model::{Source, SourceKind, Span};

use super::lexicon::{key, Lexicon};
use super::Tok;

/// What earlier sentences of the document tell about who "he" or "it" is.
#[derive(Debug, Default)]
pub(crate) struct Memory {
    /// Full names of the named persons seen so far, in order.
    pub(crate) persons: Vec<String>,
    /// The most recent source.
    pub(crate) last_source: Option<Source>,
}

impl Memory {
    /// Remembers a source so later pronouns can refer to it.
    pub(crate) fn note(&mut self, source: &Source) {
        if source.kind == SourceKind::NamedPerson {
            if let Some(name) = &source.name {
                if self.persons.last() != Some(name) {
                    self.persons.push(name.clone());
                }
            }
        }
        self.last_source = Some(source.clone());
    }
}

/// The text under tokens `toks` (which must be non-empty).
fn text_of<'t>(text: &'t str, toks: &[Tok]) -> &'t str {
    match (toks.first(), toks.last()) {
        (Some(first), Some(last)) => text.get(first.start..last.end).unwrap_or(""),
        _ => "",
    }
}

fn span_of(toks: &[Tok]) -> Option<Span> {
    Some(Span::new(toks.first()?.start, toks.last()?.end))
}

/// Capitalised, or an all-caps acronym, or a dotted initialism.
fn capitalised(tok: &Tok) -> bool {
    tok.word && tok.raw.chars().next().is_some_and(char::is_uppercase)
}

/// True when the word carries a capital beyond its first letter ("U.S.", "SOCOM") or is
/// capitalised away from the start of the sentence, so it is a proper word, not an opener.
fn proper(tok: &Tok) -> bool {
    capitalised(tok) && (!tok.sentence_initial || tok.raw.chars().skip(1).any(char::is_uppercase))
}

/// Reads a source phrase; conjoined sources come back as the first and the rest.
pub(crate) fn parse(
    text: &str,
    toks: &[Tok],
    lexicon: &Lexicon,
    memory: &Memory,
) -> Option<(Source, Vec<Source>)> {
    let toks = trim_tokens(toks);
    if toks.is_empty() {
        return None;
    }
    if let Some(source) = whole(text, toks, lexicon) {
        return Some((source, Vec::new()));
    }
    let joins: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.lower == "and" || t.lower == "&")
        .map(|(i, _)| i)
        .collect();
    if !joins.is_empty() {
        let mut parts = Vec::new();
        let mut start = 0;
        for &join in joins.iter().chain(std::iter::once(&toks.len())) {
            let part = trim_tokens(&toks[start..join]);
            match single(text, part, lexicon, memory) {
                Some(source) => parts.push(source),
                None => {
                    parts.clear();
                    break;
                }
            }
            start = join + 1;
        }
        if parts.len() > 1 {
            let first = parts.remove(0);
            return Some((first, parts));
        }
    }
    single(text, toks, lexicon, memory).map(|source| (source, Vec::new()))
}

/// Without punctuation at either end.
fn trim_tokens<'a, 'r>(toks: &'a [Tok<'r>]) -> &'a [Tok<'r>] {
    let start = toks.iter().position(|t| t.word).unwrap_or(toks.len());
    let end = toks.iter().rposition(|t| t.word).map_or(start, |i| i + 1);
    &toks[start..end.max(start)]
}

fn base(text: &str, toks: &[Tok]) -> Source {
    Source { surface: text_of(text, toks).to_string(), span: span_of(toks), ..Source::default() }
}

/// A metonym or a listed organisation, matched on the whole phrase.
fn whole(text: &str, toks: &[Tok], lexicon: &Lexicon) -> Option<Source> {
    let phrase = key(text_of(text, toks));
    if let Some(government) = lexicon.metonyms.get(&phrase) {
        return Some(Source {
            kind: SourceKind::GovernmentMetonym,
            name: Some(government.clone()),
            ..base(text, toks)
        });
    }
    lexicon.organisations.get(&phrase).map(|name| Source {
        kind: SourceKind::Organisation,
        name: Some(name.clone()),
        ..base(text, toks)
    })
}

/// One source phrase, without conjunctions.
fn single(text: &str, toks: &[Tok], lexicon: &Lexicon, memory: &Memory) -> Option<Source> {
    if toks.is_empty() {
        return None;
    }
    if let Some(source) = whole(text, toks, lexicon) {
        return Some(source);
    }
    if let [only] = toks {
        if lexicon.pronoun_person.contains(&only.lower) {
            return Some(Source {
                kind: SourceKind::NamedPerson,
                name: memory.persons.last().cloned(),
                ..base(text, toks)
            });
        }
        if lexicon.pronoun_previous.contains(&only.lower) {
            let previous = memory.last_source.clone()?;
            return Some(Source { surface: only.raw.to_string(), span: span_of(toks), ..previous });
        }
    }
    // Determiners and number words.
    let mut count = None;
    let mut at = 0;
    while at < toks.len() {
        let lower = &toks[at].lower;
        if let Some(n) = lexicon.counts.get(lower) {
            count = Some(*n);
        } else if !lexicon.determiners.contains(lower) {
            break;
        }
        at += 1;
    }
    let rest = &toks[at..];
    if rest.is_empty() {
        return None;
    }
    if let Some(source) = country_body(text, toks, rest, lexicon) {
        return Some(source);
    }
    if let Some(source) = named(text, toks, rest, lexicon, memory) {
        return Some(source);
    }
    headed(text, toks, rest, count, lexicon)
}

/// "Venezuela's information ministry", "Ecuadorian authorities", "the Venezuelan navy": a
/// body of a country's government or armed forces, named after them.
fn country_body(text: &str, all: &[Tok], rest: &[Tok], lexicon: &Lexicon) -> Option<Source> {
    let (first, tail) = rest.split_first()?;
    let country = first.lower.trim_end_matches("’s").trim_end_matches("'s");
    let (government, military) = lexicon.countries.get(country)?;
    let body = key(text_of(text, tail));
    let last_two = tail.len().checked_sub(2).map(|i| key(text_of(text, &tail[i..])));
    let last = tail.last().map(|t| t.lower.as_str()).unwrap_or("");
    let is = |set: &std::collections::HashSet<String>| {
        set.contains(last) || last_two.as_ref().is_some_and(|two| set.contains(two))
    };
    let name = if is(&lexicon.government_bodies) {
        government
    } else if is(&lexicon.military_bodies) {
        military
    } else {
        return None;
    };
    Some(Source {
        kind: SourceKind::Organisation,
        name: Some(name.clone()),
        description: Some(body),
        ..base(text, all)
    })
}

/// Length of the title that opens `toks`, if any.
pub(crate) fn title_len(toks: &[Tok], lexicon: &Lexicon) -> usize {
    lexicon
        .titles
        .iter()
        .find(|title| {
            title.len() <= toks.len()
                && title.iter().zip(toks).all(|(word, tok)| *word == tok.lower)
        })
        .map_or(0, Vec::len)
}

/// A capitalised name: a person (after an optional title) or an organisation.
fn named(
    text: &str,
    all: &[Tok],
    rest: &[Tok],
    lexicon: &Lexicon,
    memory: &Memory,
) -> Option<Source> {
    let title = title_len(rest, lexicon);
    let name = &rest[title..];
    let last = name.last()?;
    let name_like = |t: &Tok| capitalised(t) || lexicon.connectors.contains(&t.lower);
    if !capitalised(name.first()?) || !capitalised(last) || !name.iter().all(name_like) {
        return None;
    }
    if lexicon.org_suffixes.contains(last.raw) && title == 0 {
        let name_text = text_of(text, rest);
        let canonical = lexicon.organisations.get(&key(name_text)).cloned();
        return Some(Source {
            kind: SourceKind::Organisation,
            name: Some(canonical.unwrap_or_else(|| name_text.to_string())),
            ..base(text, all)
        });
    }
    // A capitalised common noun ("Officials said", a headline in title case) is not a name.
    if title == 0 && lexicon.heads.contains_key(&last.lower) {
        return None;
    }
    if title == 0 && name.len() == 1 && lexicon.stop.contains(&last.lower) {
        return None;
    }
    let written = text_of(text, name).to_string();
    // A surname alone is the person named in full earlier ("Trump" after "Donald Trump").
    let full = if name.len() == 1 {
        memory
            .persons
            .iter()
            .rev()
            .find(|person| person.rsplit(' ').next() == Some(written.as_str()))
            .cloned()
            .unwrap_or(written)
    } else {
        written
    };
    Some(Source {
        kind: SourceKind::NamedPerson,
        name: Some(full),
        title: (title > 0).then(|| text_of(text, &rest[..title]).to_string()),
        ..base(text, all)
    })
}

/// A phrase built on a head noun from the lexicon.
fn headed(
    text: &str,
    all: &[Tok],
    rest: &[Tok],
    count: Option<u32>,
    lexicon: &Lexicon,
) -> Option<Source> {
    // The head stands before the first post-modifier ("officials | familiar with …").
    let post = rest
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, t)| t.word && lexicon.post_modifiers.contains(&t.lower) && !capitalised(t))
        .map_or(rest.len(), |(i, _)| i);
    let head_end = post;
    let last = rest.get(head_end.checked_sub(1)?)?;
    let (head_start, kind) = match head_end
        .checked_sub(2)
        .and_then(|i| rest.get(i))
        .and_then(|before| lexicon.heads.get(&format!("{} {}", before.lower, last.lower)))
    {
        Some(kind) => (head_end - 2, *kind),
        None => (head_end - 1, *lexicon.heads.get(&last.lower)?),
    };
    let premods = &rest[..head_start];
    let after = &rest[post..];
    let proper_premods = premods.iter().any(proper);
    let mut source = Source { kind, count, ..base(text, all) };
    match kind {
        SourceKind::Anonymous => {
            source.description = (!after.is_empty()).then(|| text_of(text, after).to_string());
            source.affiliation = proper_premods.then(|| text_of(text, premods).to_string());
        }
        SourceKind::OfficialRole => {
            let lower_run = premods.iter().rev().take_while(|t| !capitalised(t)).count();
            let role_toks = &rest[head_start - lower_run..head_end];
            source.role = Some(text_of(text, role_toks).to_lowercase());
            let named_premods = &premods[..premods.len() - lower_run];
            source.affiliation = if !named_premods.is_empty() {
                Some(text_of(text, named_premods).to_string())
            } else if after.len() > 1 {
                Some(text_of(text, &after[1..]).to_string())
            } else {
                None
            };
            source.count = None;
        }
        _ => {
            source.name = Some(text_of(text, &rest[..head_end]).to_string());
            source.description = (!after.is_empty()).then(|| text_of(text, after).to_string());
            source.count = None;
        }
    }
    Some(source)
}
