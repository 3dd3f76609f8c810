//! Reading a source phrase ("Col. Allie Reyes", "two officials familiar with the matter",
//! "the White House and Colombian ministries") into [`Source`]s.
//!
//! The kind comes from the whole phrase first (a metonym or a listed organisation), then from
//! a title before capitalised names (a named person), then from the head noun before any
//! post-modifier ("officials" in "officials familiar with …"). A place inside a longer phrase
//! ("experts in Washington") therefore only describes the source.

use corroborate_model::{Source, SourceKind, Span};

use super::lexicon::{key, Lexicon};
use super::Tok;

/// An organisation named in the document, which a later definite description ("the
/// command") may refer back to.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Byte offset of the mention in the document text.
    pub(crate) at: usize,
    /// The words as written, lower case, without a leading "the".
    pub(crate) key: String,
    /// Generic nouns that refer back to it ("command", "navy", "agency").
    pub(crate) heads: Vec<String>,
    /// The organisation, as a source.
    pub(crate) source: Source,
}

/// What the document tells about who "he", "it", "the command" or "the statement" is.
#[derive(Debug, Default, Clone)]
pub(crate) struct Memory {
    /// Full names of the named persons seen so far, in order.
    pub(crate) persons: Vec<String>,
    /// The most recent source.
    pub(crate) last_source: Option<Source>,
    /// Organisations named in the document, in text order (found up front, and every
    /// organisation that speaks).
    pub(crate) mentions: Vec<Mention>,
    /// The report's country (index into the lexicon's country list): the one whose places
    /// and names it mentions most.
    pub(crate) country: Option<usize>,
    /// Who issued the statement a bare "the statement" refers to.
    pub(crate) statement: Option<Source>,
}

impl Memory {
    /// Remembers a source so later pronouns and descriptions can refer to it.
    pub(crate) fn note(&mut self, source: &Source, lexicon: &Lexicon) {
        if source.kind == SourceKind::NamedPerson {
            if let Some(name) = &source.name {
                if self.persons.last() != Some(name) {
                    self.persons.push(name.clone());
                }
            }
        }
        if let (SourceKind::Organisation, Some(span)) = (source.kind, source.span) {
            self.mentions.push(mention(span.start, &source.surface, source.clone(), lexicon));
        }
        self.last_source = Some(source.clone());
    }

    /// The most recent organisation mentioned before `at` that a description with these
    /// words (`phrase`, lower case) and head noun refers to.
    fn antecedent(&self, at: usize, phrase: &str, head: &str) -> Option<&Source> {
        let suffix = format!(" {phrase}");
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.at < at && m.source.name.is_some())
            .find(|m| m.key.ends_with(&suffix) || m.heads.iter().any(|h| h == head))
            .map(|m| &m.source)
    }
}

fn last_word(text: &str) -> String {
    text.rsplit(' ').next().unwrap_or("").to_lowercase()
}

/// A mention of `source`, written `surface`, with the generic nouns that may refer back to it.
fn mention(at: usize, surface: &str, source: Source, lexicon: &Lexicon) -> Mention {
    let key = key(surface);
    let name = source.name.clone().unwrap_or_default();
    let mut heads = vec![last_word(&key), last_word(&name)];
    if let Some(more) = lexicon.organisation_heads.get(&name) {
        heads.extend(more.iter().cloned());
    }
    for country in &lexicon.country_list {
        if country.government == name {
            heads.push("government".to_string());
        }
        if country.military == name {
            heads.push("military".to_string());
        }
    }
    heads.retain(|h| !h.is_empty());
    Mention { at, key, heads, source }
}

/// The organisations a sentence names by a listed alias, after a country ("the Mexican
/// navy"), or by a capitalised name ending in an organisation word ("U.S. Africa Command").
pub(crate) fn mentions(text: &str, toks: &[Tok], lexicon: &Lexicon) -> Vec<Mention> {
    let empty = Memory::default();
    // Per token, once: how many word tokens run from it, and whether it may end an
    // organisation's name ("… Corp", "… Command").
    let mut words_from = vec![0usize; toks.len() + 1];
    for (j, tok) in toks.iter().enumerate().rev() {
        words_from[j] = if tok.word { words_from[j + 1] + 1 } else { 0 };
    }
    let suffix: Vec<bool> = toks.iter().map(|t| lexicon.org_suffixes.contains(t.raw)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let longest = longest_organisation(text, toks, i, &words_from, &suffix, lexicon, &empty);
        match longest {
            Some((len, source)) => {
                out.push(mention(toks[i].start, text_of(text, &toks[i..i + len]), source, lexicon));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The longest run of at most eight words from `toks[i]` that names an organisation: a listed
/// one, a country's body, or a capitalised name ending in an organisation suffix. Most words
/// start none of these, so each reading is tried only where its first word allows it.
fn longest_organisation(
    text: &str,
    toks: &[Tok],
    i: usize,
    words_from: &[usize],
    suffix: &[bool],
    lexicon: &Lexicon,
    empty: &Memory,
) -> Option<(usize, Source)> {
    let first = toks.get(i)?;
    let max_len = words_from.get(i).copied().unwrap_or(0).min(8);
    // A listed organisation's key drops a leading "the"; its first word runs to a space or to
    // the end of the phrase, whichever comes first.
    let named_from = if first.lower == "the" { i + 1 } else { i };
    let from = toks.get(named_from).map(|t| t.start);
    let space = from.and_then(|f| {
        text.get(f..).map(|rest| rest.find(char::is_whitespace).map_or(text.len(), |g| f + g))
    });
    let whole_word_listed = from.zip(space).is_some_and(|(f, sp)| {
        text.get(f..sp)
            .is_some_and(|w| lexicon.organisation_first_words.contains(&w.to_lowercase()))
    });
    let may_be_listed = |end: usize| match (from, space) {
        (Some(_), Some(sp)) if end >= sp => whole_word_listed,
        (Some(f), Some(_)) => text
            .get(f..end)
            .is_some_and(|w| lexicon.organisation_first_words.contains(&w.to_lowercase())),
        _ => false,
    };
    let place = possessor(&first.lower);
    let may_be_country_body =
        lexicon.countries.contains_key(place) || lexicon.regions.contains_key(place);
    let may_be_suffixed = proper(first);
    // When the first word is one token, every phrase from it has that whole word first.
    let one_token_word = toks.get(named_from).zip(space).is_some_and(|(t, sp)| t.end >= sp);
    if !may_be_country_body && !may_be_suffixed && !whole_word_listed && one_token_word {
        return None;
    }
    (1..=max_len).rev().find_map(|len| {
        let slice = toks.get(i..i + len)?;
        let end = slice.last().map_or(first.end, |t| t.end);
        let listed = named_from < i + len && may_be_listed(end);
        let suffixed = may_be_suffixed && suffix.get(i + len - 1) == Some(&true);
        if !(listed || may_be_country_body || suffixed) || is_bare_body(slice, lexicon) {
            return None;
        }
        let found = listed
            .then(|| whole(text, slice, lexicon))
            .flatten()
            .filter(|s| s.kind == SourceKind::Organisation)
            .or_else(|| {
                may_be_country_body
                    .then(|| country_body(text, slice, slice, lexicon, None))
                    .flatten()
            })
            .or_else(|| {
                suffixed
                    .then(|| named(text, slice, slice, lexicon, empty))
                    .flatten()
                    .filter(|s| s.kind == SourceKind::Organisation)
            });
        found.map(|source| (len, source))
    })
}

/// A lone generic body noun ("Navy", "command"), which names no organisation by itself.
fn is_bare_body(toks: &[Tok], lexicon: &Lexicon) -> bool {
    matches!(toks, [only] if is_body_noun(&only.lower, lexicon))
}

/// A noun for a government body, an armed force or an organisation in general.
fn is_body_noun(word: &str, lexicon: &Lexicon) -> bool {
    lexicon.heads.get(word) == Some(&SourceKind::Organisation)
        || lexicon.government_bodies.contains(word)
        || lexicon.military_bodies.contains(word)
        || lexicon.local_bodies.contains(word)
        || lexicon.organisation_heads.values().any(|heads| heads.iter().any(|h| h == word))
}

/// The country of the last place, adjective or country name in `text`.
fn last_country(text: &str, lexicon: &Lexicon) -> Option<usize> {
    let code = country_matches(text, lexicon).pop()?;
    lexicon.country_list.iter().position(|c| c.code == code)
}

/// The country codes of the places, adjectives and country names in `text`, in order.
fn country_matches<'l>(text: &str, lexicon: &'l Lexicon) -> Vec<&'l str> {
    lexicon
        .place_matcher
        .find_iter(text)
        .filter(|m| {
            let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
            let after = text.get(m.end()..).and_then(|s| s.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .filter_map(|m| lexicon.place_country.get(m.pattern().as_usize()).map(String::as_str))
        .collect()
}

/// The country whose places, adjectives and names the text mentions most (ties go to the
/// first mentioned), as an index into the lexicon's country list.
pub(crate) fn country_of(text: &str, lexicon: &Lexicon) -> Option<usize> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for code in country_matches(text, lexicon) {
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    let best = counts.iter().fold(None, |best: Option<(&str, usize)>, &(code, n)| match best {
        Some((_, m)) if m >= n => best,
        _ => Some((code, n)),
    })?;
    lexicon.country_list.iter().position(|c| c.code == best.0)
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
    let mut toks = trim_tokens(toks);
    // "…, and its foreign ministry declined": the conjunction joins clauses, not sources.
    if let [first, rest @ ..] = toks {
        if matches!(first.lower.as_str(), "and" | "but" | "or") {
            toks = trim_tokens(rest);
        }
    }
    // "(neither) the navy nor the coast guard", "either the army or the police": the
    // correlative's first word opens the phrase, its second joins the sources.
    let correlative = toks.iter().any(|t| t.lower == "nor");
    if let [first, rest @ ..] = toks {
        if correlative && matches!(first.lower.as_str(), "neither" | "either") {
            toks = trim_tokens(rest);
        }
    }
    let toks = without_opening_clause(toks, lexicon);
    if toks.is_empty() {
        return None;
    }
    if let Some(source) = whole(text, toks, lexicon) {
        return Some((source, Vec::new()));
    }
    let joins: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.lower == "and" || t.lower == "&" || (correlative && t.lower == "nor"))
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

/// Without words that open the clause around the source rather than the source phrase:
/// a lower-case participle ("contradicting | the administration's claim") and a claim noun
/// with its article ("…, a charge | U.S. officials deny"), when words follow them.
fn without_opening_clause<'a, 'r>(toks: &'a [Tok<'r>], lexicon: &Lexicon) -> &'a [Tok<'r>] {
    let mut toks = toks;
    if let [first, rest @ ..] = toks {
        let participle = first.raw.starts_with(char::is_lowercase) && first.lower.ends_with("ing");
        if participle && rest.iter().any(|t| t.word) {
            toks = trim_tokens(rest);
        }
    }
    if let [article, noun, rest @ ..] = toks {
        let article = matches!(article.lower.as_str(), "a" | "an");
        if article && lexicon.claim_nouns.contains(&noun.lower) && rest.iter().any(|t| t.word) {
            toks = trim_tokens(rest);
        }
    }
    toks
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

/// `toks` without a word that opens the sentence and opens adverbials rather than the phrase
/// after it ("When Mr. Rubio", "Perhaps young voters", "Then DuPont", "Even Democratic
/// candidates").
fn without_sentence_opener<'a, 'r>(toks: &'a [Tok<'r>], lexicon: &Lexicon) -> &'a [Tok<'r>] {
    match toks {
        [first, rest @ ..]
            if !rest.is_empty()
                && first.sentence_initial
                && (function_word(&first.lower, lexicon)
                    || matches!(first.lower.as_str(), "perhaps" | "alongside" | "had"))
                // "Her aides", "These officials", "Carly Fiorina": a determiner or a first name.
                && !lexicon.noun_markers.contains(&first.lower)
                && !lexicon.ly_names.contains(&first.lower) =>
        {
            rest
        }
        _ => toks,
    }
}

/// One source phrase, without conjunctions.
fn single(text: &str, toks: &[Tok], lexicon: &Lexicon, memory: &Memory) -> Option<Source> {
    let toks = without_sentence_opener(toks, lexicon);
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
        if lexicon.pronoun_speakers.contains(&only.lower) {
            return Some(Source { kind: SourceKind::NamedPerson, ..base(text, toks) });
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
    if let Some(source) = statement(text, toks, rest, lexicon, memory) {
        return Some(source);
    }
    if let Some(source) = description(text, toks, rest, lexicon, memory) {
        return Some(source);
    }
    if let Some(source) = country_body(text, toks, rest, lexicon, memory.country) {
        return Some(source);
    }
    if let Some(source) = named(text, toks, rest, lexicon, memory) {
        return Some(source);
    }
    let mut source = headed(text, toks, rest, count, lexicon)?;
    // "The ELN guerrilla group": a listed organisation before one of its generic nouns.
    if source.kind == SourceKind::Organisation {
        let run = rest.iter().take_while(|t| proper(t)).count();
        if run > 0 && run < rest.len() {
            let generic = key(text_of(text, &rest[run..]));
            let listed = whole(text, &rest[..run], lexicon).and_then(|s| s.name);
            if let Some(name) = listed.filter(|name| {
                lexicon.organisation_heads.get(name).is_some_and(|heads| heads.contains(&generic))
            }) {
                source.name = Some(name);
            }
        }
    }
    // "a spokesperson for the Sinaloa state government" speaks for the body it names.
    if source.kind == SourceKind::OfficialRole {
        source.name = affiliation_name(text, toks, source.affiliation.as_deref(), lexicon, memory);
    }
    Some(source)
}

/// The canonical name of the organisation a role's affiliation names, when it names one.
fn affiliation_name(
    text: &str,
    toks: &[Tok],
    affiliation: Option<&str>,
    lexicon: &Lexicon,
    memory: &Memory,
) -> Option<String> {
    let affiliation = affiliation?;
    // "Its spokesperson": the organisation last named.
    if matches!(affiliation.to_lowercase().as_str(), "its" | "their") {
        let start = toks.first()?.start;
        return memory.mentions.iter().rev().find(|m| m.at < start)?.source.name.clone();
    }
    let start = toks
        .iter()
        .position(|t| text.get(t.start..).is_some_and(|s| s.starts_with(affiliation)))?;
    let end = toks[start..]
        .iter()
        .position(|t| t.end >= toks[start].start + affiliation.len())
        .map(|i| start + i + 1)?;
    let (source, _) = parse(text, &toks[start..end], lexicon, memory)?;
    matches!(source.kind, SourceKind::Organisation | SourceKind::GovernmentMetonym)
        .then_some(source.name)
        .flatten()
}

/// A lower-case word without its possessive "'s" ("venezuela's" → "venezuela").
fn possessor(lower: &str) -> &str {
    // Most words end otherwise, and a string pattern's searcher costs more to set up than
    // this test (the analyze stage calls this for every word).
    if !lower.ends_with('s') {
        return lower;
    }
    lower.trim_end_matches("’s").trim_end_matches("'s")
}

/// A token without its possessive ending ("Navy's" → "Navy").
fn without_possessive<'t>(tok: &Tok<'t>) -> Tok<'t> {
    let raw = possessor(tok.raw);
    Tok { end: tok.start + raw.len(), lower: raw.to_lowercase(), raw, ..tok.clone() }
}

/// "a statement from the Navy", "the Navy statement", "its statements", or a bare "the
/// statement" after an earlier one: an issued text speaks for its issuer.
fn statement(
    text: &str,
    all: &[Tok],
    rest: &[Tok],
    lexicon: &Lexicon,
    memory: &Memory,
) -> Option<Source> {
    let at = rest.iter().position(|t| {
        lexicon.statement_heads.contains(&t.lower)
            || lexicon.statement_heads.contains(&without_possessive(t).lower)
    })?;
    let followed_by_issuer =
        rest.get(at + 1).is_some_and(|t| matches!(t.lower.as_str(), "from" | "by" | "of"));
    if at + 1 != rest.len() && !followed_by_issuer {
        return None;
    }
    let premods: Vec<Tok> = rest[..at].iter().map(without_possessive).collect();
    let issuer = if followed_by_issuer {
        single(text, trim_tokens(&rest[at + 2..]), lexicon, memory)
    } else if premods.first().is_some_and(|t| matches!(t.lower.as_str(), "its" | "their")) {
        // "its statements": the organisation last named, not a person quoted since.
        let start = all.first()?.start;
        memory.mentions.iter().rev().find(|m| m.at < start).map(|m| m.source.clone())
    } else if !premods.is_empty() {
        single(text, &premods, lexicon, memory)
    } else {
        memory.statement.clone()
    }?;
    if !matches!(
        issuer.kind,
        SourceKind::Organisation
            | SourceKind::GovernmentMetonym
            | SourceKind::NamedPerson
            | SourceKind::OfficialRole
    ) {
        return None;
    }
    Some(Source {
        description: Some(rest[at].lower.clone()),
        ..Source { surface: text_of(text, all).to_string(), span: span_of(all), ..issuer }
    })
}

/// "the command", "the Navy", "the Defense Ministry": a definite description of a body refers
/// to the most recent organisation the document named that it fits; failing that, a body of
/// the report's own country ("the Navy" in a report from Culiacán); failing that, the body it
/// names by default.
fn description(
    text: &str,
    all: &[Tok],
    rest: &[Tok],
    lexicon: &Lexicon,
    memory: &Memory,
) -> Option<Source> {
    let possessive = |t: &Tok| matches!(t.lower.as_str(), "its" | "their");
    // "its foreign ministry": the possessive determines the body as "the" does.
    let rest = match rest {
        [first, tail @ ..] if possessive(first) && !tail.is_empty() => tail,
        _ => rest,
    };
    let definite =
        all.first().is_some_and(|t| t.lower == "the" || possessive(t)) && all.len() > rest.len();
    let bare = all.len() == rest.len() && rest.iter().all(capitalised);
    if !definite && !bare {
        return None;
    }
    let phrase = key(text_of(text, rest));
    let last = rest.last()?.lower.clone();
    let last_one = last.clone();
    let last_two = rest
        .len()
        .checked_sub(2)
        .map(|i| format!("{} {}", rest[i].lower, rest[i + 1].lower))
        .filter(|two| is_body_noun(two, lexicon));
    let (head, head_len) = match last_two {
        Some(two) => (two, 2),
        None if is_body_noun(&last, lexicon) => (last, 1),
        None => return None,
    };
    let premods = &rest[..rest.len() - head_len];
    if !premods.iter().all(|t| lexicon.generic_modifiers.contains(&t.lower)) {
        return None;
    }
    let start = all.first()?.start;
    let name = if let Some(antecedent) = memory.antecedent(start, &phrase, &head) {
        antecedent.name.clone()
    } else if lexicon.local_bodies.contains(&phrase) || lexicon.local_bodies.contains(&head) {
        // "Ecuador …, and its foreign ministry": a possessive body is the nearest country's.
        let owner = all
            .first()
            .filter(|t| possessive(t))
            .and_then(|_| text.get(..start))
            .and_then(|before| last_country(before, lexicon));
        let country = owner.or(memory.country).and_then(|c| lexicon.country_list.get(c));
        country
            .and_then(|c| {
                c.body(&phrase, lexicon)
                    .or_else(|| c.body(&head, lexicon))
                    .or_else(|| c.body(&last_one, lexicon))
            })
            .map(str::to_string)
            .or_else(|| lexicon.organisation_defaults.get(&head).cloned())
    } else {
        lexicon.organisation_defaults.get(&head).cloned()
    }?;
    Some(Source { kind: SourceKind::Organisation, name: Some(name), ..base(text, all) })
}

/// "Venezuela's information ministry", "Ecuadorian authorities", "the Venezuelan navy": a
/// body of a country's government or armed forces, named after them. "Sinaloa's governor's
/// office": a body of a region's government, in a country (`country`, or the region's own)
/// that names such governments.
fn country_body(
    text: &str,
    all: &[Tok],
    rest: &[Tok],
    lexicon: &Lexicon,
    country: Option<usize>,
) -> Option<Source> {
    let (first, tail) = rest.split_first()?;
    let place = possessor(&first.lower);
    if !lexicon.countries.contains_key(place) && !lexicon.regions.contains_key(place) {
        return None;
    }
    let last_two = tail.len().checked_sub(2).map(|i| key(text_of(text, &tail[i..])));
    let last = tail.last().map(|t| t.lower.as_str()).unwrap_or("");
    let body_of = |c: &super::lexicon::Country| -> Option<String> {
        last_two
            .as_deref()
            .and_then(|two| c.body(two, lexicon))
            .or_else(|| c.body(last, lexicon))
            .map(str::to_string)
    };
    let name = if let Some(country) = lexicon.countries.get(place) {
        body_of(lexicon.country_list.get(*country)?)?
    } else {
        let code = lexicon.regions.get(place)?;
        let country = lexicon
            .country_list
            .iter()
            .find(|c| &c.code == code)
            .or_else(|| country.and_then(|c| lexicon.country_list.get(c)))?;
        body_of(country).filter(|b| *b == country.government)?;
        country.region_government.as_ref()?.replace("{region}", without_possessive(first).raw)
    };
    Some(Source {
        kind: SourceKind::Organisation,
        name: Some(name),
        description: Some(key(text_of(text, tail))),
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
    // A capitalised common noun ("Officials said", "Residents of Saravena", a headline in
    // title case) is not a name.
    if title == 0
        && (lexicon.heads.contains_key(&last.lower)
            || name.len() > 1 && lexicon.heads.get(&name[0].lower) == Some(&SourceKind::Anonymous))
    {
        return None;
    }
    if title == 0 && name.len() == 1 && lexicon.stop.contains(&last.lower) {
        return None;
    }
    // "In a victory speech …", "Instead, …", "By the end of the day, …": a capitalised word
    // that opens a sentence and opens adverbials names nobody.
    if title == 0 && name.len() == 1 && last.sentence_initial && function_word(&last.lower, lexicon)
    {
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

/// Words that never stand in a plain noun-phrase source: auxiliaries, negation, prepositions
/// other than "of", and pronouns that point at things rather than speakers.
const NOT_IN_NOUN_PHRASE: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "am", "do", "does", "did", "not", "no",
    "to", "in", "on", "at", "for", "with", "from", "by", "into", "about", "it", "this", "these",
    "those", "there", "here", "what", "can", "should", "must", "shall", "i", "you", "me", "us",
    "him", "her", "them", "if", "how", "why", "n’t", "n't", "don’t", "don't", "didn’t", "didn't",
    "than", "just", "very", "only", "even", "never", "ever", "like",
];

/// Whether the phrase ends in a word in "-ing" that is a verb ("officials speaking"), not a
/// noun after a determiner ("Another ranking", "the briefing") or a listed noun ("Exit
/// polling").
fn gerund_end(toks: &[Tok], lexicon: &Lexicon) -> bool {
    let Some(last) = toks.last().filter(|t| t.lower.ends_with("ing")) else {
        return false;
    };
    let noun = (toks.len() >= 2
        && lexicon.determiners.contains(&toks[toks.len() - 2].lower)
        && last.lower != "being")
        || lexicon.ing_nouns.contains(&last.lower);
    !noun
}

/// A plain noun phrase that no lexicon entry describes ("Abortion opponents", "the unsigned
/// opinion", "Democratic strategist Hank Sheinkopf"): a speaker all the same, when a cue
/// follows it. A phrase that ends in capitalised words is a person named by them, the words
/// before being a role; otherwise an unnamed source described by the whole phrase.
pub(crate) fn plain_noun_phrase(
    text: &str,
    toks: &[Tok],
    lexicon: &Lexicon,
) -> Option<(Source, Vec<Source>)> {
    let toks = without_sentence_opener(without_opening_clause(trim_tokens(toks), lexicon), lexicon);
    let (first, last) = (toks.first()?, toks.last()?);
    // "The": an article alone names nobody ("Many", "Some" and "Both" do name a group).
    let only_determiners = toks.iter().all(|t| matches!(t.lower.as_str(), "the" | "a" | "an"));
    if only_determiners
        || toks.iter().filter(|t| t.word).count() > 7
        || toks.iter().enumerate().any(|(i, t)| {
            // "Her campaign said", "many of her supporters": "her" before another word of
            // the phrase is its determiner; "most of them", "those surveyed" are groups.
            let last = i + 1 == toks.len();
            let determiner = match t.lower.as_str() {
                "her" => !last,
                "those" | "these" => i == 0 && !last,
                "them" | "us" => i > 0 && toks[i - 1].lower == "of",
                _ => false,
            };
            // "They came under the program and Trump": a subject pronoun is a whole phrase.
            let subject_pronoun =
                matches!(t.lower.as_str(), "he" | "she" | "they" | "we") && toks.len() > 1;
            !(t.word || possessive_mark(toks, i) || joining_slash(toks, i))
                || subject_pronoun
                || (NOT_IN_NOUN_PHRASE.contains(&t.lower.as_str()) && !determiner)
                || lexicon.skip.contains(&t.lower)
        })
        || [first, last].iter().any(|t| matches!(t.lower.as_str(), "and" | "or" | "nor" | "but"))
        || lexicon.stop.contains(&last.lower)
        || lexicon.skip.contains(&last.lower)
        || (!capitalised(last) && (super::is_ly_adverb(last.raw) || gerund_end(toks, lexicon)))
    {
        return None;
    }
    let run = toks.iter().rev().take_while(|t| capitalised(t)).count();
    let mut source = base(text, toks);
    if run > 0 && !(run == 1 && toks.len() == 1 && first.sentence_initial && !proper(first)) {
        let name = &toks[toks.len() - run..];
        source.kind = SourceKind::NamedPerson;
        source.name = Some(text_of(text, name).trim_end_matches("’s").to_string());
        let role = &toks[..toks.len() - run];
        source.role = (!role.is_empty()).then(|| text_of(text, role).to_lowercase());
    } else {
        source.kind = SourceKind::Anonymous;
        source.count = lexicon.counts.get(&first.lower).copied();
        source.description = Some(source.surface.clone());
    }
    Some((source, Vec::new()))
}

/// "according to the most recent data available from the FBI", "according to an account she
/// gave to The Washington Free Beacon": the whole phrase after "according to", when no reading
/// above finds its source, as an unnamed source that it describes (at most 15 words).
pub(crate) fn described_source(text: &str, toks: &[Tok]) -> Option<(Source, Vec<Source>)> {
    let toks = trim_tokens(toks);
    let first = toks.first()?;
    if toks.len() > 15 || matches!(first.lower.as_str(), "and" | "or" | "but" | "to") {
        return None;
    }
    let mut source = base(text, toks);
    source.kind = SourceKind::Anonymous;
    source.description = Some(source.surface.clone());
    Some((source, Vec::new()))
}

/// Whether `toks[i]` is a slash between two words, which joins them into one name ("A Wall
/// Street Journal/NBC News poll", "a recent CNN/ORC poll").
pub(crate) fn joining_slash(toks: &[Tok], i: usize) -> bool {
    toks[i].raw == "/"
        && i.checked_sub(1).and_then(|j| toks.get(j)).is_some_and(|before| before.word)
        && toks.get(i + 1).is_some_and(|after| after.word)
}

/// Whether `toks[i]` is the apostrophe of a plural possessive ("the soldiers’ families"): it
/// follows a word in "s" without a space and a word follows it.
fn possessive_mark(toks: &[Tok], i: usize) -> bool {
    let (Some(tok), Some(before), Some(after)) =
        (toks.get(i), i.checked_sub(1).and_then(|j| toks.get(j)), toks.get(i + 1))
    else {
        return false;
    };
    matches!(tok.raw, "’" | "'")
        && before.word
        && before.end == tok.start
        && before.lower.ends_with('s')
        && after.word
}

/// Words that end a share's group rather than belong to it: forms of "be" and "do", negation
/// and modals.
const NOT_IN_SHARE: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "am", "do", "does", "did", "not", "no",
    "can", "should", "must", "shall", "n’t", "n't", "if", "how", "why", "what", "than", "like",
];

/// "About four in 10 voters", "Sixty percent of residents", "half of GOP primary voters", "42%",
/// "a majority of Republicans": a share of a group (a number or fraction with a word of the
/// `share` class, or "N in 10"), after optional `share_opener` words and before an optional
/// group. An unnamed source described by the whole phrase.
pub(crate) fn share(text: &str, toks: &[Tok], lexicon: &Lexicon) -> Option<(Source, Vec<Source>)> {
    // A trailing "%" stays in the phrase.
    let from = toks.iter().position(|t| t.word)?;
    let to = toks.iter().rposition(|t| t.word || t.raw == "%")? + 1;
    let toks = toks.get(from..to)?;
    if toks.len() > 14 {
        return None;
    }
    let marker = |t: &Tok| {
        lexicon.shares.contains(&t.lower)
            || t.lower.split('-').any(|part| lexicon.shares.contains(part))
    };
    let number = |t: &Tok| {
        t.raw.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (t.word
                && t.lower
                    .split('-')
                    .all(|part| lexicon.counts.contains_key(part) || lexicon.shares.contains(part)))
            || t.raw == "%"
    };
    let mut i = 0;
    while toks.get(i).is_some_and(|t| lexicon.share_openers.contains(&t.lower) && !number(t)) {
        i += 1;
    }
    let quantity = i;
    while toks.get(i).is_some_and(number) {
        i += 1;
    }
    if i == quantity {
        return None;
    }
    let mut marked = toks[quantity..i].iter().any(marker);
    // "four in 10", "six of 10", "seven out of 10".
    let mut j = i;
    match toks.get(j).map(|t| t.lower.as_str()) {
        Some("in" | "of") => j += 1,
        Some("out") if toks.get(j + 1).is_some_and(|t| t.lower == "of") => j += 2,
        _ => {}
    }
    if j > i
        && toks.get(j).is_some_and(|t| {
            t.raw.chars().all(|c| c.is_ascii_digit())
                    || t.lower == "ten"
                    // "one in five", "two out of three".
                    || lexicon.counts.contains_key(&t.lower)
        })
    {
        i = j + 1;
        marked = true;
    }
    if !marked {
        return None;
    }
    let group = &toks[i..];
    let last = toks.last()?;
    if group.iter().enumerate().any(|(k, t)| {
        !(t.word || possessive_mark(group, k) || joining_slash(group, k))
            || NOT_IN_SHARE.contains(&t.lower.as_str())
            || lexicon.skip.contains(&t.lower)
            || lexicon.stop.contains(&t.lower)
    }) || (!group.is_empty()
        && (SUBJECT_PREPOSITIONS.contains(&last.lower.as_str())
            || (!capitalised(last)
                && (super::is_ly_adverb(last.raw) || last.lower.ends_with("ing")))))
    {
        return None;
    }
    let mut source = base(text, toks);
    source.kind = SourceKind::Anonymous;
    source.description = Some(source.surface.clone());
    Some((source, Vec::new()))
}

/// Prepositions that may open a post-modifier inside a subject ("polls taken in Iowa", "aides
/// to Mr. Trump").
const SUBJECT_PREPOSITIONS: &[&str] =
    &["of", "in", "on", "at", "for", "with", "from", "by", "about", "among", "across", "to"];

/// Words that make a prepositional phrase an adjunct of time ("on Sunday"), not part of a
/// subject.
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A word that opens a clause or an adverbial rather than a noun phrase: a preposition, an
/// auxiliary, a stop or skip word, an adverb in "-ly" ("In", "Indeed", "Hastily").
pub(crate) fn function_word(lower: &str, lexicon: &Lexicon) -> bool {
    NOT_IN_NOUN_PHRASE.contains(&lower)
        || SUBJECT_PREPOSITIONS.contains(&lower)
        || lexicon.stop.contains(lower)
        || lexicon.skip.contains(lower)
        || lower.ends_with("ly")
        || matches!(
            lower,
            "more"
                | "soon"
                | "besides"
                | "instead"
                | "indeed"
                | "when"
                | "while"
                | "yet"
                | "still"
                | "during"
                | "here"
                | "despite"
                | "under"
                | "through"
                | "throughout"
                | "amid"
                | "without"
                | "within"
                | "following"
        )
}

/// The subject that opens a clause, when it is a noun phrase whose head is followed by a
/// prepositional or participle phrase ("Exit polls taken in South Carolina", "Early results of
/// an entrance poll of Nevada caucus-goers"): an unnamed source described by the whole phrase.
pub(crate) fn plain_subject(
    text: &str,
    toks: &[Tok],
    lexicon: &Lexicon,
) -> Option<(Source, Vec<Source>)> {
    let toks = trim_tokens(toks);
    let (first, last) = (toks.first()?, toks.last()?);
    let preposition = toks.iter().position(|t| SUBJECT_PREPOSITIONS.contains(&t.lower.as_str()))?;
    if toks.len() > 14
        || preposition == 0
        || function_word(&first.lower, lexicon)
        || toks.iter().enumerate().any(|(i, t)| {
            // "Voters in both parties": a quantifier right after a preposition opens its
            // object; elsewhere ("They both said") it is one of the words between a source and
            // its cue.
            let opens_object = i > preposition
                && lexicon.quantifiers.contains(&t.lower)
                && SUBJECT_PREPOSITIONS.contains(&toks[i - 1].lower.as_str());
            !(t.word || matches!(t.raw, "’" | "'" | "&" | "-"))
                || (NOT_IN_NOUN_PHRASE.contains(&t.lower.as_str())
                    && !SUBJECT_PREPOSITIONS.contains(&t.lower.as_str()))
                || (lexicon.skip.contains(&t.lower) && !opens_object)
                || lexicon.stop.contains(&t.lower)
        })
        || SUBJECT_PREPOSITIONS.contains(&last.lower.as_str())
        || [first, last].iter().any(|t| matches!(t.lower.as_str(), "and" | "or" | "nor" | "but"))
        || toks.iter().any(|t| TIME_WORDS.contains(&t.lower.as_str()))
        || (!capitalised(last) && (super::is_ly_adverb(last.raw) || last.lower.ends_with("ing")))
    {
        return None;
    }
    // The head before the preposition must be a plain noun phrase itself.
    let (head, _) = plain_noun_phrase(text, &toks[..preposition], lexicon)?;
    let mut source = base(text, toks);
    source.kind = head.kind;
    source.name = head.name;
    source.role = head.role;
    source.count = head.count;
    source.description = Some(source.surface.clone());
    Some((source, Vec::new()))
}
