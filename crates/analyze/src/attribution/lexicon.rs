//! The attribution lexicons (`data/attribution/*.toml`), parsed and compiled once.
//!
//! Every file is a list of `[[entry]]` tables with an `id`, a `description` and inline
//! `examples`; compiling turns them into automata and maps that analysis looks words up in, so
//! no regex is built while a document is read.

/// The lexicon's maps and sets hash with FxHash: every word of every sentence is looked up in
/// several of them, and SipHash, the standard library's default, took 6% of the analyze stage
/// (decision 0043). Their keys come from the data files, not from the documents.
type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;

use crate::pattern::LazyRegex;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use corroborate_model::{SourceKind, Stance};
use serde::Deserialize;

use crate::resources::{DataFiles, ResourceError};

const ABBREVIATIONS: &str = "attribution/abbreviations.toml";
const CUES: &str = "attribution/cues.toml";
const CUE_MODEL: &str = "attribution/cue-model.tsv";
const CUE_PARTICLES: &str = "attribution/cue-particles.tsv";
/// The rule id of cues the learned model finds (reserved: no entry of `cues.toml` may take it).
/// A claim's `rule_id` starts with it and goes on with the features that explain the cue.
pub const LEARNED_RULE_ID: &str = "attribution/learned/cue";
const SOURCES: &str = "attribution/sources.toml";
const TITLES: &str = "attribution/titles.toml";
const METONYMS: &str = "attribution/metonyms.toml";
const ORGANISATIONS: &str = "attribution/organisations.toml";
/// The places stage's gazetteer, read here only for which country a place name belongs to.
const GAZETTEER: &str = "places/gazetteer.toml";

/// What an example expects analysis to produce; every field is optional and only the given
/// ones are checked.
// Examples are read by the examples test (and later by a `rules test` command), not by analysis.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expect {
    /// Number of sentences.
    pub(crate) sentences: Option<usize>,
    /// Number of attributed (non-narration) claims.
    pub(crate) attributed: Option<usize>,
    /// Which attributed claim the fields below describe (default the first).
    pub(crate) claim: Option<usize>,
    pub(crate) source_kind: Option<String>,
    pub(crate) stance: Option<String>,
    pub(crate) form: Option<String>,
    pub(crate) construction: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) surface: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) affiliation: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) count: Option<u32>,
    pub(crate) co_sources: Option<usize>,
    pub(crate) rule_id: Option<String>,
    pub(crate) embedded: Option<bool>,
    /// The claim's content as text, its parts joined by " | ".
    pub(crate) content: Option<String>,
}

/// One inline example of a lexicon entry.
// Examples are read by the examples test (and later by a `rules test` command), not by analysis.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Example {
    /// A short text, analysed as one body paragraph.
    pub(crate) text: String,
    /// What analysis must find in it.
    #[serde(default)]
    pub(crate) expect: Expect,
}

/// An example together with where it comes from, for the examples test.
// Examples are read by the examples test (and later by a `rules test` command), not by analysis.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone)]
pub(crate) struct EntryExample {
    /// The data file.
    pub(crate) file: &'static str,
    /// The entry id.
    pub(crate) id: String,
    /// Whether the file lists the entry as a known failure.
    pub(crate) known_failure: bool,
    /// The example.
    pub(crate) example: Example,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbreviationFile {
    #[serde(default)]
    known_failures: Vec<String>,
    sentence_starters: Vec<String>,
    quote_tags: Vec<String>,
    entry: Vec<AbbreviationEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AbbreviationEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    ends_sentence: bool,
    /// The abbreviation holds only before a number ("No. 4"); before anything else its full
    /// stop is an ordinary one ("He said no. But …").
    #[serde(default)]
    only_before_number: bool,
    abbreviations: Vec<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(default)]
    known_failures: Vec<String>,
    entry: Vec<CueEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    kind: String,
    stance: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    passive: Vec<String>,
    #[serde(default)]
    followed_by: Vec<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    pattern: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    #[serde(default)]
    known_failures: Vec<String>,
    entry: Vec<SourceEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    class: String,
    kind: Option<String>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    values: HashMap<String, u32>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleFile {
    #[serde(default)]
    known_failures: Vec<String>,
    entry: Vec<TitleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    titles: Vec<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetonymFile {
    #[serde(default)]
    known_failures: Vec<String>,
    entry: Vec<MetonymEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetonymEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    government: Option<String>,
    #[serde(default)]
    surfaces: Vec<String>,
    #[serde(default)]
    governments: HashMap<String, String>,
    #[serde(default)]
    country: Vec<CountryBodies>,
    #[serde(default)]
    examples: Vec<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryBodies {
    code: String,
    names: Vec<String>,
    government: String,
    military: String,
    #[serde(default)]
    services: HashMap<String, String>,
    region_government: Option<String>,
}

/// The part of a gazetteer entry attribution needs; every other field is ignored.
#[derive(Deserialize)]
struct GazetteerFile {
    place: Vec<GazetteerPlace>,
}

#[derive(Deserialize)]
struct GazetteerPlace {
    kind: String,
    name: String,
    country: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
}

/// A country's government and armed forces, by which a body named after the country
/// ("the Mexican navy") or a bare body in a report set there ("the Navy") is named.
#[derive(Debug, Clone)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-2 code, as in the gazetteer.
    pub(crate) code: String,
    pub(crate) government: String,
    pub(crate) military: String,
    /// Body word (lower case, "navy") → canonical name of a service with its own entry.
    pub(crate) services: HashMap<String, String>,
    /// How a first-level region's government is named, with `{region}` for the region.
    pub(crate) region_government: Option<String>,
}

impl Country {
    /// The canonical name of the body `word` names ("navy", "defense ministry"), or `None`
    /// when the word is not a government or military body.
    pub(crate) fn body(&self, word: &str, lexicon: &Lexicon) -> Option<&str> {
        if let Some(service) = self.services.get(word) {
            return Some(service);
        }
        if lexicon.government_bodies.contains(word) {
            return Some(&self.government);
        }
        lexicon.military_bodies.contains(word).then_some(self.military.as_str())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationFile {
    #[serde(default)]
    known_failures: Vec<String>,
    entry: Vec<OrganisationEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    name: String,
    aliases: Vec<String>,
    /// Generic nouns a definite description uses for it ("the agency" for the CIA).
    #[serde(default)]
    heads: Vec<String>,
    /// Bare nouns that name it when the report gives no antecedent and no country of its own
    /// ("the Navy" → U.S. Navy).
    #[serde(default)]
    default_for: Vec<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

/// How a cue entry is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A speech or belief verb with its source as subject.
    Verb,
    /// "…, adding that …".
    Participle,
    /// "according to X".
    AccordingTo,
    /// "X seems to …", "X is expected to …": the content's subject stands before the cue, and
    /// no source is named.
    Raising,
    /// A phrase that turns a statement into a denial.
    Denial,
    /// A regular expression with `cue` and `content` groups, and a `source` group unless the
    /// text names no source.
    Pattern,
}

/// A compiled cue entry.
#[derive(Debug, Clone)]
pub(crate) struct CueRule {
    /// Hierarchical id, recorded as the claim's `rule_id`.
    pub(crate) id: String,
    pub(crate) kind: CueKind,
    pub(crate) stance: Stance,
    /// Next words that must follow a phrase (lower case); empty when any may.
    pub(crate) followed_by: HashSet<String>,
    /// Next words after which a phrase is no cue (lower case): "appeared | on Fox News".
    pub(crate) not_followed_by: HashSet<String>,
}

/// The compiled attribution lexicons.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// What sentence splitting reads.
    pub(crate) sentences: SentenceLexicon,
    pub(crate) cues: Vec<CueRule>,
    /// Active cue phrases (verbs, participles, "according to"); pattern index → rule index.
    pub(crate) cue_matcher: AhoCorasick,
    pub(crate) cue_of_pattern: Vec<usize>,
    /// Denial phrases; pattern index → rule index.
    pub(crate) denial_matcher: AhoCorasick,
    pub(crate) denial_of_pattern: Vec<usize>,
    /// "was described by": group `verb` is the participle.
    pub(crate) passive: Option<LazyRegex>,
    /// Passive participle (lower case) → rule index.
    pub(crate) passive_rule: HashMap<String, usize>,
    /// Pattern cues with their rule index.
    pub(crate) patterns: Vec<(LazyRegex, usize)>,
    /// The learned cue detector (`attribution/cue-model.tsv`).
    pub(crate) cue_model: super::cue_model::CueModel,
    /// Every word of the active cue phrases (lower case, "about" from "talked about"), which
    /// the learned detector sees as a feature.
    pub(crate) cue_words: HashSet<String>,
    /// Word and preposition pairs whose preposition belongs to the cue that ends with the word
    /// ("joked about"; `attribution/cue-particles.tsv`), both lower case.
    /// Keyed by the word, so that a lookup borrows the text rather than building a pair.
    pub(crate) cue_particles: HashMap<String, HashSet<String>>,
    /// Index into `cues` of the rule the learned cues are read by.
    pub(crate) learned_rule: usize,
    /// Head noun (lower case, possibly two words) → source kind.
    pub(crate) heads: HashMap<String, SourceKind>,
    pub(crate) counts: HashMap<String, u32>,
    pub(crate) determiners: HashSet<String>,
    pub(crate) post_modifiers: HashSet<String>,
    pub(crate) skip: HashSet<String>,
    pub(crate) stop: HashSet<String>,
    pub(crate) pronoun_person: HashSet<String>,
    pub(crate) pronoun_previous: HashSet<String>,
    /// First-person pronouns ("I", "we"): an unnamed person, left unresolved.
    pub(crate) pronoun_speakers: HashSet<String>,
    pub(crate) org_suffixes: HashSet<String>,
    pub(crate) connectors: HashSet<String>,
    pub(crate) negators: HashSet<String>,
    pub(crate) clause_openers: HashSet<String>,
    /// Relative pronouns that stand for the phrase before them as a cue's source ("Democrats,
    /// who want …").
    pub(crate) relative_pronouns: HashSet<String>,
    /// Conjunctions after which a cue shares the subject that opens the sentence ("… and said",
    /// "declined to comment but said").
    pub(crate) coordinators: HashSet<String>,
    /// Words that make a number a share of a group ("half", "percent", "majority").
    pub(crate) shares: HashSet<String>,
    /// Words that may stand before a share ("about", "nearly", "more than").
    pub(crate) share_openers: HashSet<String>,
    /// Words that open the object of a cue ("…, the military blamed | it for the attack"),
    /// which is then not sentence-final.
    pub(crate) object_openers: HashSet<String>,
    pub(crate) passive_end: HashSet<String>,
    /// Words before a headline's colon that label the story rather than name a speaker
    /// ("Breaking:", "Exclusive:").
    pub(crate) headline_labels: HashSet<String>,
    /// Titles as word sequences (lower case), longest first.
    pub(crate) titles: Vec<Vec<String>>,
    /// Metonym surface (lower case, without a leading "the") → government.
    pub(crate) metonyms: HashMap<String, String>,
    /// Country name or demonym (lower case) → index into `country_list`.
    pub(crate) countries: HashMap<String, usize>,
    pub(crate) country_list: Vec<Country>,
    /// Place names, aliases and adjectives of the gazetteer and the country names above, matched
    /// case-sensitively; pattern index → country code. Counting them gives a report's country.
    pub(crate) place_matcher: AhoCorasick,
    pub(crate) place_country: Vec<String>,
    /// First-level region name (lower case) → country code.
    pub(crate) regions: HashMap<String, String>,
    /// Bodies that, in a report set in one country, are that country's ("the Navy").
    pub(crate) local_bodies: HashSet<String>,
    /// Words that may stand before a body in a definite description ("the Defense Ministry").
    pub(crate) generic_modifiers: HashSet<String>,
    /// Nouns for an issued text that speaks for its issuer ("a statement from the Navy").
    pub(crate) statement_heads: HashSet<String>,
    /// Verbs that put out a statement ("issued", "put out"), lower case, one or two words.
    pub(crate) statement_verbs: HashSet<String>,
    /// Forms of "be" that make a participle cue passive.
    pub(crate) be_forms: HashSet<String>,
    /// Words that open a source phrase before its noun ("both", "all"), read past and kept.
    pub(crate) quantifiers: HashSet<String>,
    /// Verbs that name a thing after its noun ("a group called …"), where they are no cue.
    pub(crate) naming_verbs: HashSet<String>,
    /// Words that end a request for anonymity ("asked not to be named", "requested
    /// anonymity"), after which the verb that asked is no cue.
    pub(crate) anonymity_words: HashSet<String>,
    /// Nouns for a name that a request for anonymity keeps back ("asked that his name not be
    /// used").
    pub(crate) anonymity_names: HashSet<String>,
    /// Possessive determiners ("his", "their").
    pub(crate) possessives: HashSet<String>,
    /// Nouns for what a source says ("an account", "a charge") that may open the relative
    /// clause a source stands in ("…, a charge U.S. officials deny").
    pub(crate) claim_nouns: HashSet<String>,
    /// Determiners and possessives after which a cue word is a noun or adjective ("such
    /// disputes", "the alleged smuggler").
    pub(crate) noun_markers: HashSet<String>,
    /// First names in "-ly" ("Carly"), which open a source phrase rather than an adverbial.
    pub(crate) ly_names: HashSet<String>,
    /// Nouns in "-ing" that can end a source phrase ("Exit polling shows").
    pub(crate) ing_nouns: HashSet<String>,
    /// Prepositions ("against", "for"), before an adjectival participle.
    pub(crate) prepositions: HashSet<String>,
    /// Participles whose passive is an interrogation ("was questioned by police").
    pub(crate) interrogation_participles: HashSet<String>,
    /// Participles that place people after "be" or a linking verb ("were posted on the
    /// street"), not a publication.
    pub(crate) placement_participles: HashSet<String>,
    /// Verbs that link a subject to a state as "be" does ("remained", "stayed").
    pub(crate) linking_verbs: HashSet<String>,
    /// Words that open an embedded question ("who it believed was responsible").
    pub(crate) question_words: HashSet<String>,
    /// Verbs whose object is a reaction they drew from others ("drew criticism from").
    pub(crate) eliciting_verbs: HashSet<String>,
    /// Days that may date a statement between its cue and content ("said Sunday …").
    pub(crate) time_words: HashSet<String>,
    /// Words around such a day ("late", "on", "night").
    pub(crate) time_modifiers: HashSet<String>,
    /// Words of a stretch of time ("within hours", "minutes later"), which a learned cue's
    /// content may not be made of alone.
    pub(crate) time_spans: HashSet<String>,
    /// Cues of telling, whose addressee comes before the content ("told reporters …").
    pub(crate) recipient_verbs: HashSet<String>,
    /// Nouns for an addressee group ("reporters", "the crowd").
    pub(crate) audiences: HashSet<String>,
    /// Past participles without a regular ending ("told", "seen").
    pub(crate) irregular_participles: HashSet<String>,
    /// Participles whose subject speaks after "be" ("worried", "convinced").
    pub(crate) speaking_participles: HashSet<String>,
    /// Nouns naming a poll, survey or study, whose subject phrase may be a described source.
    pub(crate) study_nouns: HashSet<String>,
    /// Canonical organisation name → generic nouns that refer back to it.
    pub(crate) organisation_heads: HashMap<String, Vec<String>>,
    /// Bare noun (lower case) → the organisation it names by default.
    pub(crate) organisation_defaults: HashMap<String, String>,
    pub(crate) government_bodies: HashSet<String>,
    pub(crate) military_bodies: HashSet<String>,
    /// Organisation alias (lower case, without a leading "the") → canonical name.
    pub(crate) organisations: HashMap<String, String>,
    /// The first word (up to a space) of every key of `organisations`: a phrase whose first
    /// word is not here names no listed organisation, which spares building its key.
    pub(crate) organisation_first_words: HashSet<String>,
    /// Every inline example of every entry, for the examples test.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) examples: Vec<EntryExample>,
}

fn invalid(file: &str, message: impl Into<String>) -> ResourceError {
    ResourceError::Invalid { file: file.to_string(), message: message.into() }
}

/// Gives the text of a data file by its relative name.
pub(crate) type Reader<'f> = dyn Fn(&str) -> Result<&'f str, ResourceError> + 'f;

fn parse<T: serde::de::DeserializeOwned>(
    files: &Reader<'_>,
    file: &str,
) -> Result<T, ResourceError> {
    let text = files(file)?;
    toml::from_str(text).map_err(|err| invalid(file, err.to_string().trim_end().to_string()))
}

/// Lower case, without a leading "the ".
pub(crate) fn key(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    match lower.strip_prefix("the ") {
        Some(rest) => rest.trim_start().to_string(),
        None => lower,
    }
}

/// Parses `attribution/cue-particles.tsv`: a word and a preposition per line, tab-separated
/// (counts may follow); `#` starts a comment line.
fn cue_particles(text: &str) -> Result<HashMap<String, HashSet<String>>, String> {
    let mut pairs: HashMap<String, HashSet<String>> = HashMap::default();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        match (fields.next().map(str::trim), fields.next().map(str::trim)) {
            (Some(word), Some(preposition)) if !word.is_empty() && !preposition.is_empty() => {
                pairs.entry(word.to_lowercase()).or_default().insert(preposition.to_lowercase());
            }
            _ => {
                return Err(format!(
                    "line {}: expected a word and a preposition separated by a tab",
                    n + 1
                ))
            }
        }
    }
    Ok(pairs)
}

fn check_id(file: &str, id: &str, seen: &mut HashSet<String>) -> Result<(), ResourceError> {
    if !id.starts_with("attribution/") || id.split('/').any(str::is_empty) {
        return Err(invalid(
            file,
            format!("entry {id:?}: ids are hierarchical and start with \"attribution/\""),
        ));
    }
    if !seen.insert(id.to_string()) {
        return Err(invalid(
            file,
            format!("entry {id:?}: the id is used twice; give each entry its own id"),
        ));
    }
    Ok(())
}

/// Checks the known-failure list names entries of the file.
fn check_known(file: &str, known: &[String], seen: &HashSet<String>) -> Result<(), ResourceError> {
    match known.iter().find(|id| !seen.contains(*id)) {
        Some(id) => Err(invalid(
            file,
            format!("known_failures names {id:?}, which is not an entry of this file; remove it"),
        )),
        None => Ok(()),
    }
}

fn collect_examples(
    out: &mut Vec<EntryExample>,
    file: &'static str,
    id: &str,
    known: &[String],
    examples: Vec<Example>,
) {
    let known_failure = known.iter().any(|k| k == id);
    out.extend(examples.into_iter().map(|example| EntryExample {
        file,
        id: id.to_string(),
        known_failure,
        example,
    }));
}

fn automaton(file: &str, phrases: &[String]) -> Result<AhoCorasick, ResourceError> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(phrases)
        .map_err(|err| invalid(file, format!("cannot build the phrase matcher: {err}")))
}

/// What sentence splitting reads of `attribution/abbreviations.toml`.
#[derive(Debug, Default)]
pub(crate) struct SentenceLexicon {
    /// Abbreviation (lower case, with its full stop) → whether it may end a sentence.
    pub(crate) abbreviations: HashMap<String, bool>,
    /// Abbreviations (lower case, with their full stop) that are ones only before a number.
    pub(crate) only_before_number: HashSet<String>,
    /// Words after which an abbreviation that may end a sentence does end it.
    pub(crate) sentence_starters: HashSet<String>,
    /// Words (lower case) that make a short phrase after a quoted question or exclamation its
    /// attribution ("“Why not?” Biden said."), which stays in the quotation's sentence.
    pub(crate) quote_tags: HashSet<String>,
}

/// Parses and checks `attribution/abbreviations.toml`. Its examples are appended to
/// `examples`. Sentence splitting needs only this file, so the time tagger reads it alone (see
/// [`crate::TimeResources`]).
pub(crate) fn abbreviations(
    files: &Reader<'_>,
    examples: &mut Vec<EntryExample>,
) -> Result<SentenceLexicon, ResourceError> {
    let abbreviation_file: AbbreviationFile = parse(files, ABBREVIATIONS)?;
    let mut seen = HashSet::default();
    let mut abbreviations = HashMap::default();
    let mut only_before_number = HashSet::default();
    for entry in abbreviation_file.entry {
        check_id(ABBREVIATIONS, &entry.id, &mut seen)?;
        for abbreviation in &entry.abbreviations {
            if !abbreviation.ends_with('.') {
                return Err(invalid(
                    ABBREVIATIONS,
                    format!("entry {:?}: {abbreviation:?} must end with a full stop", entry.id),
                ));
            }
            abbreviations.insert(abbreviation.to_lowercase(), entry.ends_sentence);
            if entry.only_before_number {
                only_before_number.insert(abbreviation.to_lowercase());
            }
        }
        let known = &abbreviation_file.known_failures;
        collect_examples(examples, ABBREVIATIONS, &entry.id, known, entry.examples);
    }
    check_known(ABBREVIATIONS, &abbreviation_file.known_failures, &seen)?;
    Ok(SentenceLexicon {
        abbreviations,
        only_before_number,
        sentence_starters: abbreviation_file.sentence_starters.into_iter().collect(),
        quote_tags: abbreviation_file.quote_tags.iter().map(|w| w.to_lowercase()).collect(),
    })
}

/// What sentence splitting reads of the built-in `attribution/abbreviations.toml`, kept
/// parsed: the xxh3-128 hash of the text it came from (16 bytes), then the bincode of
/// [`SentenceParts`]. Parsing that small file with the TOML parser was a quarter of the
/// instructions of a process that tags an empty document; decoding is a tenth of it. A test
/// regenerates it (`UPDATE_PATTERN_TABLE=1`, as for the pattern table).
const PREBUILT_SENTENCES: &[u8] = include_bytes!("sentence-rules.bincode");

/// A [`SentenceLexicon`] as stored: abbreviations in order, starters, quote tags and the
/// abbreviations that hold only before a number.
type SentenceParts = (Vec<(String, bool)>, Vec<String>, Vec<String>, Vec<String>);

#[cfg(test)]
impl SentenceLexicon {
    /// The stored form, in a fixed order.
    fn parts(&self) -> SentenceParts {
        let mut abbreviations: Vec<(String, bool)> =
            self.abbreviations.iter().map(|(k, v)| (k.clone(), *v)).collect();
        abbreviations.sort();
        let mut starters: Vec<String> = self.sentence_starters.iter().cloned().collect();
        starters.sort();
        let mut tags: Vec<String> = self.quote_tags.iter().cloned().collect();
        tags.sort();
        let mut numbered: Vec<String> = self.only_before_number.iter().cloned().collect();
        numbered.sort();
        (abbreviations, starters, tags, numbered)
    }
}

/// The sentence splitter's lexicon, as [`abbreviations`] gives it but without the examples:
/// decoded from [`PREBUILT_SENTENCES`] when the file's text is the one it was made from (the
/// built-in file, or a copy of it), parsed and checked otherwise.
pub(crate) fn sentence_lexicon(files: &Reader<'_>) -> Result<SentenceLexicon, ResourceError> {
    let text = files(ABBREVIATIONS)?;
    let prebuilt = || -> Option<SentenceLexicon> {
        let hash: u128 = bincode::deserialize(PREBUILT_SENTENCES.get(..16)?).ok()?;
        if hash != xxhash_rust::xxh3::xxh3_128(text.as_bytes()) {
            return None;
        }
        let (abbreviations, starters, tags, numbered): SentenceParts =
            bincode::deserialize(PREBUILT_SENTENCES.get(16..)?).ok()?;
        Some(SentenceLexicon {
            abbreviations: abbreviations.into_iter().collect(),
            only_before_number: numbered.into_iter().collect(),
            sentence_starters: starters.into_iter().collect(),
            quote_tags: tags.into_iter().collect(),
        })
    };
    match prebuilt() {
        Some(lexicon) => Ok(lexicon),
        None => abbreviations(files, &mut Vec::new()),
    }
}

impl Lexicon {
    /// Parses and compiles the attribution data files.
    pub(crate) fn compile(files: &DataFiles) -> Result<Lexicon, ResourceError> {
        Self::compile_from(&|name| files.get(name))
    }

    /// Parses and compiles the attribution data files given by `files`.
    pub(crate) fn compile_from(files: &Reader<'_>) -> Result<Lexicon, ResourceError> {
        let mut examples = Vec::new();

        let sentences = abbreviations(files, &mut examples)?;

        let cue_file: CueFile = parse(files, CUES)?;
        let mut seen = HashSet::default();
        let mut cues = Vec::new();
        let (mut cue_phrases, mut cue_of_pattern) = (Vec::new(), Vec::new());
        let (mut denial_phrases, mut denial_of_pattern) = (Vec::new(), Vec::new());
        let mut passive_rule = HashMap::default();
        let mut patterns = Vec::new();
        for entry in cue_file.entry {
            check_id(CUES, &entry.id, &mut seen)?;
            let kind = match entry.kind.as_str() {
                "verb" => CueKind::Verb,
                "participle" => CueKind::Participle,
                "raising" => CueKind::Raising,
                "according_to" => CueKind::AccordingTo,
                "denial" => CueKind::Denial,
                "pattern" => CueKind::Pattern,
                other => {
                    return Err(invalid(
                        CUES,
                        format!(
                            "entry {:?}: unknown kind {other:?}; use verb, participle, raising, according_to, denial or pattern",
                            entry.id
                        ),
                    ))
                }
            };
            let stance: Stance = entry
                .stance
                .parse()
                .map_err(|err| invalid(CUES, format!("entry {:?}: {err}", entry.id)))?;
            let index = cues.len();
            match kind {
                CueKind::Pattern => {
                    let Some(pattern) = &entry.pattern else {
                        return Err(invalid(
                            CUES,
                            format!("entry {:?}: a pattern cue needs `pattern`", entry.id),
                        ));
                    };
                    let regex = crate::pattern::compile(pattern).map_err(|err| {
                        invalid(CUES, format!("entry {:?}: bad pattern: {err}", entry.id))
                    })?;
                    // Without a `source` group the source is unstated ("Asked whether …, she
                    // said no": no one is named as the asker).
                    for group in ["cue", "content"] {
                        if !regex.capture_names().any(|name| name == Some(group)) {
                            return Err(invalid(
                                CUES,
                                format!(
                                    "entry {:?}: the pattern needs a group named {group:?}",
                                    entry.id
                                ),
                            ));
                        }
                    }
                    patterns.push((regex, index));
                }
                CueKind::Denial => {
                    for phrase in &entry.phrases {
                        denial_phrases.push(phrase.clone());
                        denial_of_pattern.push(index);
                    }
                }
                _ => {
                    for phrase in &entry.phrases {
                        cue_phrases.push(phrase.clone());
                        cue_of_pattern.push(index);
                    }
                }
            }
            if kind != CueKind::Pattern && entry.phrases.is_empty() {
                return Err(invalid(
                    CUES,
                    format!("entry {:?}: list at least one phrase", entry.id),
                ));
            }
            for participle in &entry.passive {
                passive_rule.insert(participle.to_lowercase(), index);
            }
            collect_examples(
                &mut examples,
                CUES,
                &entry.id,
                &cue_file.known_failures,
                entry.examples,
            );
            cues.push(CueRule {
                id: entry.id,
                kind,
                stance,
                followed_by: entry.followed_by.iter().map(|w| w.to_lowercase()).collect(),
                not_followed_by: entry.not_followed_by.iter().map(|w| w.to_lowercase()).collect(),
            });
        }
        check_known(CUES, &cue_file.known_failures, &seen)?;
        if seen.contains(LEARNED_RULE_ID) {
            return Err(invalid(
                CUES,
                format!("the id {LEARNED_RULE_ID:?} is reserved for learned cues"),
            ));
        }
        let learned_rule = cues.len();
        cues.push(CueRule {
            id: LEARNED_RULE_ID.to_string(),
            kind: CueKind::Verb,
            stance: Stance::Asserts,
            followed_by: HashSet::default(),
            not_followed_by: HashSet::default(),
        });
        let cue_model = super::cue_model::CueModel::parse(files(CUE_MODEL)?)
            .map_err(|message| invalid(CUE_MODEL, message))?;
        let cue_particles = cue_particles(files(CUE_PARTICLES)?)
            .map_err(|message| invalid(CUE_PARTICLES, message))?;
        let passive = if passive_rule.is_empty() {
            None
        } else {
            let mut participles: Vec<&str> = passive_rule.keys().map(String::as_str).collect();
            participles.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let alternation =
                participles.iter().map(|p| regex::escape(p)).collect::<Vec<_>>().join("|");
            let pattern = format!(
                r"(?i)\b(?:is|are|was|were|been|be|being)\s+(?:[a-z]+ly\s+)?(?P<verb>{alternation})\s+(?:[a-z]+ly\s+)?by\s+"
            );
            Some(
                crate::pattern::compile(&pattern)
                    .map_err(|err| invalid(CUES, format!("passive participles: {err}")))?,
            )
        };

        let source_file: SourceFile = parse(files, SOURCES)?;
        let mut seen = HashSet::default();
        let mut heads = HashMap::default();
        let mut counts = HashMap::default();
        let mut sets: HashMap<&'static str, HashSet<String>> = HashMap::default();
        for entry in source_file.entry {
            check_id(SOURCES, &entry.id, &mut seen)?;
            let class: &'static str = match entry.class.as_str() {
                "head" => "head",
                "count" => "count",
                "determiner" => "determiner",
                "post_modifier" => "post_modifier",
                "skip" => "skip",
                "stop" => "stop",
                "pronoun_person" => "pronoun_person",
                "pronoun_previous" => "pronoun_previous",
                "pronoun_speaker" => "pronoun_speaker",
                "org_suffix" => "org_suffix",
                "connector" => "connector",
                "negator" => "negator",
                "clause_opener" => "clause_opener",
                "relative_pronoun" => "relative_pronoun",
                "coordinator" => "coordinator",
                "share" => "share",
                "share_opener" => "share_opener",
                "object_opener" => "object_opener",
                "passive_end" => "passive_end",
                "headline_label" => "headline_label",
                "government_body" => "government_body",
                "military_body" => "military_body",
                "local_body" => "local_body",
                "generic_modifier" => "generic_modifier",
                "statement" => "statement",
                "statement_verb" => "statement_verb",
                "be_form" => "be_form",
                "quantifier" => "quantifier",
                "naming_verb" => "naming_verb",
                "anonymity" => "anonymity",
                "anonymity_name" => "anonymity_name",
                "possessive" => "possessive",
                "claim_noun" => "claim_noun",
                "noun_marker" => "noun_marker",
                "ly_name" => "ly_name",
                "ing_noun" => "ing_noun",
                "preposition" => "preposition",
                "interrogation" => "interrogation",
                "placement" => "placement",
                "question_word" => "question_word",
                "eliciting_verb" => "eliciting_verb",
                "linking_verb" => "linking_verb",
                "time_word" => "time_word",
                "time_modifier" => "time_modifier",
                "time_span" => "time_span",
                "recipient_verb" => "recipient_verb",
                "audience" => "audience",
                "irregular_participle" => "irregular_participle",
                "speaking_participle" => "speaking_participle",
                "study" => "study",
                other => {
                    return Err(invalid(
                        SOURCES,
                        format!(
                        "entry {:?}: unknown class {other:?}; see the list at the top of the file",
                        entry.id
                    ),
                    ))
                }
            };
            match class {
                "head" => {
                    let kind: SourceKind = entry
                        .kind
                        .as_deref()
                        .ok_or_else(|| {
                            invalid(SOURCES, format!("entry {:?}: a head needs `kind`", entry.id))
                        })?
                        .parse()
                        .map_err(|err| invalid(SOURCES, format!("entry {:?}: {err}", entry.id)))?;
                    for word in &entry.words {
                        heads.insert(word.to_lowercase(), kind);
                    }
                }
                "count" => {
                    counts.extend(entry.values.iter().map(|(w, n)| (w.to_lowercase(), *n)));
                }
                // Organisation suffixes keep their case: "Command" is a name, "command" is not.
                "org_suffix" => {
                    sets.entry(class).or_default().extend(entry.words.iter().cloned());
                }
                _ => {
                    sets.entry(class)
                        .or_default()
                        .extend(entry.words.iter().map(|w| w.to_lowercase()));
                }
            }
            collect_examples(
                &mut examples,
                SOURCES,
                &entry.id,
                &source_file.known_failures,
                entry.examples,
            );
        }
        check_known(SOURCES, &source_file.known_failures, &seen)?;
        let mut take = |class: &str| sets.remove(class).unwrap_or_default();

        let title_file: TitleFile = parse(files, TITLES)?;
        let mut seen = HashSet::default();
        let mut titles: Vec<Vec<String>> = Vec::new();
        for entry in title_file.entry {
            check_id(TITLES, &entry.id, &mut seen)?;
            for title in &entry.titles {
                titles.push(title.split_whitespace().map(str::to_lowercase).collect());
            }
            collect_examples(
                &mut examples,
                TITLES,
                &entry.id,
                &title_file.known_failures,
                entry.examples,
            );
        }
        check_known(TITLES, &title_file.known_failures, &seen)?;
        titles.sort_by_key(|title| std::cmp::Reverse(title.len()));

        let metonym_file: MetonymFile = parse(files, METONYMS)?;
        let mut place_names: Vec<(String, usize)> = Vec::new();
        let mut seen = HashSet::default();
        let mut metonyms = HashMap::default();
        let mut countries = HashMap::default();
        let mut country_list = Vec::new();
        for entry in metonym_file.entry {
            check_id(METONYMS, &entry.id, &mut seen)?;
            if !entry.surfaces.is_empty() {
                let Some(government) = &entry.government else {
                    return Err(invalid(
                        METONYMS,
                        format!(
                            "entry {:?}: `surfaces` need the `government` they stand for",
                            entry.id
                        ),
                    ));
                };
                for surface in &entry.surfaces {
                    metonyms.insert(key(surface), government.clone());
                }
            }
            for (surface, government) in &entry.governments {
                metonyms.insert(key(surface), government.clone());
            }
            for bodies in entry.country {
                for name in &bodies.names {
                    countries.insert(name.to_lowercase(), country_list.len());
                }
                country_list.push(Country {
                    code: bodies.code,
                    government: bodies.government,
                    military: bodies.military,
                    services: bodies
                        .services
                        .into_iter()
                        .map(|(word, name)| (word.to_lowercase(), name))
                        .collect(),
                    region_government: bodies.region_government,
                });
                let names = bodies.names;
                place_names.extend(names.into_iter().map(|n| (n, country_list.len() - 1)));
            }
            collect_examples(
                &mut examples,
                METONYMS,
                &entry.id,
                &metonym_file.known_failures,
                entry.examples,
            );
        }
        check_known(METONYMS, &metonym_file.known_failures, &seen)?;

        let organisation_file: OrganisationFile = parse(files, ORGANISATIONS)?;
        let mut seen = HashSet::default();
        let mut organisations = HashMap::default();
        let mut organisation_heads: HashMap<String, Vec<String>> = HashMap::default();
        let mut organisation_defaults = HashMap::default();
        for entry in organisation_file.entry {
            check_id(ORGANISATIONS, &entry.id, &mut seen)?;
            let heads = entry.heads.iter().map(|h| h.to_lowercase());
            organisation_heads.entry(entry.name.clone()).or_default().extend(heads);
            for word in &entry.default_for {
                organisation_defaults.insert(word.to_lowercase(), entry.name.clone());
            }
            organisations.insert(key(&entry.name), entry.name.clone());
            for alias in &entry.aliases {
                organisations.insert(key(alias), entry.name.clone());
            }
            let known = &organisation_file.known_failures;
            collect_examples(&mut examples, ORGANISATIONS, &entry.id, known, entry.examples);
        }
        check_known(ORGANISATIONS, &organisation_file.known_failures, &seen)?;

        for example in &examples {
            validate_expect(example)?;
        }

        // A report's country: the gazetteer's places and adjectives, and the country names above.
        let gazetteer: GazetteerFile = parse(files, GAZETTEER)?;
        let mut place_phrases = Vec::new();
        let mut place_country = Vec::new();
        let mut regions = HashMap::default();
        for place in gazetteer.place {
            let Some(code) = place.country else { continue };
            if place.kind == "region" {
                regions.insert(place.name.to_lowercase(), code.clone());
            }
            for phrase in std::iter::once(place.name).chain(place.aliases).chain(place.adjectives) {
                place_phrases.push(phrase);
                place_country.push(code.clone());
            }
        }
        for (name, country) in place_names {
            if let Some(country) = country_list.get(country) {
                place_phrases.push(name);
                place_country.push(country.code.clone());
            }
        }
        let place_matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&place_phrases)
            .map_err(|err| invalid(GAZETTEER, format!("cannot build the place matcher: {err}")))?;

        Ok(Lexicon {
            sentences,
            cues,
            cue_words: cue_phrases
                .iter()
                .flat_map(|p| p.split_whitespace())
                .map(str::to_lowercase)
                .collect(),
            cue_matcher: automaton(CUES, &cue_phrases)?,
            cue_of_pattern,
            denial_matcher: automaton(CUES, &denial_phrases)?,
            denial_of_pattern,
            passive,
            passive_rule,
            patterns,
            cue_model,
            cue_particles,
            learned_rule,
            heads,
            counts,
            determiners: take("determiner"),
            post_modifiers: take("post_modifier"),
            skip: take("skip"),
            stop: take("stop"),
            pronoun_person: take("pronoun_person"),
            pronoun_previous: take("pronoun_previous"),
            pronoun_speakers: take("pronoun_speaker"),
            org_suffixes: take("org_suffix"),
            connectors: take("connector"),
            negators: take("negator"),
            clause_openers: take("clause_opener"),
            relative_pronouns: take("relative_pronoun"),
            coordinators: take("coordinator"),
            shares: take("share"),
            share_openers: take("share_opener"),
            object_openers: take("object_opener"),
            passive_end: take("passive_end"),
            headline_labels: take("headline_label"),
            titles,
            metonyms,
            countries,
            country_list,
            place_matcher,
            place_country,
            regions,
            local_bodies: take("local_body"),
            generic_modifiers: take("generic_modifier"),
            statement_heads: take("statement"),
            statement_verbs: take("statement_verb"),
            be_forms: take("be_form"),
            quantifiers: take("quantifier"),
            naming_verbs: take("naming_verb"),
            anonymity_words: take("anonymity"),
            anonymity_names: take("anonymity_name"),
            possessives: take("possessive"),
            claim_nouns: take("claim_noun"),
            noun_markers: take("noun_marker"),
            ly_names: take("ly_name"),
            ing_nouns: take("ing_noun"),
            prepositions: take("preposition"),
            interrogation_participles: take("interrogation"),
            placement_participles: take("placement"),
            linking_verbs: take("linking_verb"),
            question_words: take("question_word"),
            eliciting_verbs: take("eliciting_verb"),
            time_words: take("time_word"),
            time_modifiers: take("time_modifier"),
            time_spans: take("time_span"),
            recipient_verbs: take("recipient_verb"),
            audiences: take("audience"),
            irregular_participles: take("irregular_participle"),
            speaking_participles: take("speaking_participle"),
            study_nouns: take("study"),
            organisation_heads,
            organisation_defaults,
            government_bodies: take("government_body"),
            military_bodies: take("military_body"),
            organisation_first_words: organisations
                .keys()
                .filter_map(|k| k.split_whitespace().next())
                .map(str::to_string)
                .collect(),
            organisations,
            examples,
        })
    }
}

/// Checks that an example's expected ids are ids of the vocabularies, so that a typo fails at
/// compile time rather than as a puzzling test failure.
fn validate_expect(example: &EntryExample) -> Result<(), ResourceError> {
    let expect = &example.example.expect;
    let bad = |err: corroborate_model::UnknownId| {
        invalid(example.file, format!("entry {:?}: example expects {err}", example.id))
    };
    if let Some(kind) = &expect.source_kind {
        kind.parse::<SourceKind>().map_err(bad)?;
    }
    if let Some(stance) = &expect.stance {
        stance.parse::<Stance>().map_err(bad)?;
    }
    if let Some(form) = &expect.form {
        form.parse::<corroborate_model::ClaimForm>().map_err(bad)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod prebuilt_tests {
    use super::*;

    /// `sentence-rules.bincode` is the built-in abbreviations file's lexicon, and a changed
    /// file is parsed instead.
    #[test]
    fn the_prebuilt_sentence_rules_are_current() {
        let files = DataFiles::builtin();
        let text = files.get(ABBREVIATIONS).unwrap().to_string();
        let parsed = abbreviations(&|name| files.get(name), &mut Vec::new()).unwrap();
        let mut bytes = bincode::serialize(&xxhash_rust::xxh3::xxh3_128(text.as_bytes())).unwrap();
        bytes.extend(bincode::serialize(&parsed.parts()).unwrap());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/attribution/sentence-rules.bincode");
        if std::env::var_os("UPDATE_PATTERN_TABLE").is_some() {
            std::fs::write(path, &bytes).unwrap();
        }
        assert!(
            std::fs::read(path).unwrap() == bytes,
            "src/attribution/sentence-rules.bincode is out of date: UPDATE_PATTERN_TABLE=1 cargo \
             test -p corroborate-analyze the_prebuilt_sentence_rules_are_current"
        );
        let decoded = sentence_lexicon(&|name| files.get(name)).unwrap();
        assert_eq!(decoded.parts(), parsed.parts());
        assert!(decoded.abbreviations.len() > 10);
        // A user's file is parsed: its own abbreviation counts.
        let user = format!(
            "{text}\n[[entry]]\nid = \"attribution/abbreviation/user-zz\"\ndescription = \"test\"\nends_sentence = false\nabbreviations = [\"Zz.\"]\n"
        );
        let theirs = sentence_lexicon(&|_| Ok(user.as_str())).unwrap();
        assert_eq!(theirs.abbreviations.get("zz."), Some(&false));
        assert!(!decoded.abbreviations.contains_key("zz."));
    }
}
