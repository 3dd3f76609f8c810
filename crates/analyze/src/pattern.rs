//! Compiling the regular expressions of the data files, lazily.
//!
//! A data pattern is checked when the data files load (so a bad pattern is a start-up error
//! naming its entry), but its automata are built only the first time a search uses it. Building
//! them is most of the cost of a process that analyses one document: about 83% of the
//! instructions of `corroborate eval temporal` on one document went to building automata for
//! patterns, most of which never ran or never could match. Before a search, a pattern looks for
//! the literals one of which every match contains, so that a pattern whose required words are
//! absent from a text is neither built nor run on it. See docs/decisions/ (lazy data patterns).

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::dfa::{self, dense, Automaton};
use regex_automata::meta;
use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};
use regex_syntax::hir::translate::TranslatorBuilder;
use regex_syntax::hir::Hir;

/// Compiles a pattern from a data file, with its word boundaries made ASCII ones (see
/// [`ascii_word_boundaries`]). Every data pattern of analyze goes through here.
///
/// The pattern is checked now, so a syntax error is reported now, with the message the regex
/// crate gives; its automata are built on first use (see [`LazyRegex`]). The check parses the
/// pattern's syntax tree; the translation to the regex crate's intermediate form, which costs
/// five times as much (Unicode case folding), is done now only for the patterns it could reject
/// (see [`translation_can_fail`]) and otherwise on first use.
pub(crate) fn compile(pattern: &str) -> Result<LazyRegex, regex::Error> {
    let source = ascii_word_boundaries(pattern);
    #[cfg(test)]
    tests::record(&source);
    if let Some(known) = precomputed(&source) {
        return Ok(LazyRegex::from_table(source, known));
    }
    // The same syntax settings as `regex::Regex::new`, so that exactly the patterns it
    // rejects are rejected here, with the same message.
    let ast = parse(&source)?;
    if translation_can_fail(pattern) {
        regex_syntax::hir::translate::Translator::new()
            .translate(&source, &ast)
            .map_err(|err| regex::Error::Syntax(regex_syntax::Error::from(err).to_string()))?;
    }
    let capture_names = capture_names(&ast).into_iter().map(|name| name.map(Cow::Owned)).collect();
    Ok(LazyRegex {
        source,
        syntax: OnceLock::from(Some(ast)),
        known: None,
        capture_names,
        gate: OnceLock::new(),
        compiled: OnceLock::new(),
        ascii: OnceLock::new(),
        screen: OnceLock::new(),
    })
}

/// A built-in pattern given by its source as [`compile`] makes it (with ASCII word
/// boundaries): its table entry's pattern, with nothing to rewrite, parse or check; `None`
/// when `source` is not in the table (and the caller compiles the pattern as written).
pub(crate) fn compile_builtin(source: &str) -> Option<LazyRegex> {
    #[cfg(test)]
    tests::record(source);
    precomputed(source).map(|known| LazyRegex::from_table(known.source.to_string(), known))
}

/// The syntax tree of `source`, with the regex crate's settings; an error as the regex crate
/// words it.
fn parse(source: &str) -> Result<Ast, regex::Error> {
    regex_syntax::ast::parse::Parser::new()
        .parse(source)
        .map_err(|err| regex::Error::Syntax(regex_syntax::Error::from(err).to_string()))
}

/// The name of each capture group of `ast` by index (index 0, the whole match, has none).
fn capture_names(ast: &Ast) -> Vec<Option<String>> {
    let mut captures = Vec::new();
    collect_captures(ast, &mut captures);
    let len = captures.iter().map(|(index, _)| *index as usize + 1).max().unwrap_or(1);
    let mut names: Vec<Option<String>> = vec![None; len];
    for (index, name) in captures {
        if let Some(slot) = names.get_mut(index as usize) {
            *slot = name.map(String::from);
        }
    }
    names
}

/// What start-up would derive from the syntax tree of a built-in pattern, derived ahead of
/// time: an entry of `pattern_table.rs`, which a test regenerates from the built-in data
/// files and compares (see docs/decisions/0038-precomputed-pattern-table.md).
#[derive(Debug)]
pub(crate) struct Precomputed {
    /// The pattern as [`compile`] compiles it (with ASCII word boundaries): the key.
    pub(crate) source: &'static str,
    /// The name of each capture group by index.
    pub(crate) capture_names: &'static [Option<&'static str>],
    /// The required literal sets of the gate (see [`required_literals`]).
    pub(crate) required: &'static [&'static [&'static [u8]]],
    /// The lowercase form (see [`lowercase_form`]) printed as a pattern, when there is one.
    pub(crate) lowercase: Option<&'static str>,
    /// Where the pattern's screen lies in [`SCREENS`], for a time pattern whose ASCII form
    /// gives a small enough DFA (see [`Screen`]).
    pub(crate) screen: Option<Screen>,
    /// The intermediate form its ASCII form is built from, encoded in [`HIRS`] (see
    /// [`decode_hir`]): building it then neither parses nor translates the pattern.
    pub(crate) ascii: Option<AsciiHir>,
}

/// Where a pattern's encoded ASCII form lies in [`HIRS`], and whether it is the lowercase
/// form (see [`lowercase_form`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsciiHir {
    /// Offset of the encoding in [`HIRS`].
    pub(crate) start: u32,
    /// Its length.
    pub(crate) len: u32,
    /// Whether it is the lowercase form, to search the text's lowercase copy with.
    pub(crate) lowercase: bool,
}

/// The ASCII forms of the table's patterns as intermediate forms (`Hir`), one encoding after
/// another (see [`decode_hir`]), written with the table. Parsing and translating a pattern
/// were two fifths of building it; decoding its `Hir` is a small part of that.
static HIRS: &[u8] = include_bytes!("pattern_hirs.bin");

/// Node tags of the `Hir` encoding.
mod tag {
    pub(super) const EMPTY: u8 = 0;
    pub(super) const LITERAL: u8 = 1;
    pub(super) const UNICODE_CLASS: u8 = 2;
    pub(super) const BYTE_CLASS: u8 = 3;
    pub(super) const LOOK: u8 = 4;
    pub(super) const REPETITION: u8 = 5;
    pub(super) const CAPTURE: u8 = 6;
    pub(super) const CONCAT: u8 = 7;
    pub(super) const ALTERNATION: u8 = 8;
}

/// Decodes one `Hir` from the front of `bytes` (what the table's generator encoded, see
/// `tests::encode_hir`), through `Hir`'s own constructors; `None` on any malformed input. The
/// generator keeps an encoding only if it decodes to the very `Hir` it came from.
fn decode_hir(bytes: &mut &[u8]) -> Option<Hir> {
    use regex_syntax::hir::{
        Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Look,
        Repetition,
    };
    fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
        *bytes = rest;
        Some(head)
    }
    fn byte(bytes: &mut &[u8]) -> Option<u8> {
        take(bytes, 1)?.first().copied()
    }
    fn number(bytes: &mut &[u8]) -> Option<u32> {
        Some(u32::from_le_bytes(take(bytes, 4)?.try_into().ok()?))
    }
    fn subs(bytes: &mut &[u8]) -> Option<Vec<Hir>> {
        let n = number(bytes)? as usize;
        let mut subs = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            subs.push(decode_hir(bytes)?);
        }
        Some(subs)
    }
    Some(match byte(bytes)? {
        tag::EMPTY => Hir::empty(),
        tag::LITERAL => {
            let n = number(bytes)? as usize;
            Hir::literal(take(bytes, n)?)
        }
        tag::UNICODE_CLASS => {
            let n = number(bytes)? as usize;
            let mut ranges = Vec::with_capacity(n.min(bytes.len()));
            for _ in 0..n {
                let start = char::from_u32(number(bytes)?)?;
                let end = char::from_u32(number(bytes)?)?;
                ranges.push(ClassUnicodeRange::new(start, end));
            }
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        tag::BYTE_CLASS => {
            let n = number(bytes)? as usize;
            let mut ranges = Vec::with_capacity(n.min(bytes.len()));
            for _ in 0..n {
                ranges.push(ClassBytesRange::new(byte(bytes)?, byte(bytes)?));
            }
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        tag::LOOK => Hir::look(Look::from_repr(number(bytes)?)?),
        tag::REPETITION => {
            let min = number(bytes)?;
            let max = match byte(bytes)? {
                0 => None,
                _ => Some(number(bytes)?),
            };
            let greedy = byte(bytes)? != 0;
            let sub = Box::new(decode_hir(bytes)?);
            Hir::repetition(Repetition { min, max, greedy, sub })
        }
        tag::CAPTURE => {
            let index = number(bytes)?;
            let name = match byte(bytes)? {
                0 => None,
                _ => {
                    let n = number(bytes)? as usize;
                    Some(Box::from(std::str::from_utf8(take(bytes, n)?).ok()?))
                }
            };
            let sub = Box::new(decode_hir(bytes)?);
            Hir::capture(Capture { index, name, sub })
        }
        tag::CONCAT => Hir::concat(subs(bytes)?),
        tag::ALTERNATION => Hir::alternation(subs(bytes)?),
        _ => return None,
    })
}

/// A DFA that says exactly whether the ASCII form of a built-in pattern matches somewhere in an
/// ASCII text, so that a pattern whose gate passed a text it cannot match is not built.
///
/// The gates of decision 0016 only ask for required words anywhere in a sentence ("last" and
/// "week" for "last week"), and of the ~25 time patterns a TimeBank document builds, about 20
/// never match in it: building them was half of the process. The screen is a dense DFA of
/// the very syntax tree the ASCII form is built from (no capture groups, unanchored),
/// determinized and minimized when the table is generated and stored in `pattern_screens.bin`;
/// deserializing one checks it, and searching it is a pass over the text, one table lookup a
/// byte (a sparse DFA, a third of the size, made a TimeBank run in one process 18% dearer). Matches still come from the
/// regex crate's automata, built once a screen has said yes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Screen {
    /// Offset of the DFA's bytes in [`SCREENS`].
    pub(crate) start: u32,
    /// Length of the DFA's bytes.
    pub(crate) len: u32,
    /// Length of the reverse DFA that follows it (at the next multiple of 8), or 0: a pattern
    /// without capture groups that cannot match the empty string has one, and with the two a
    /// search finds its matches without ever building it (see [`LazyRegex::dfa_matches`]).
    pub(crate) reverse_len: u32,
    /// Whether it is the lowercase form's DFA, to run on the text's lowercase copy.
    pub(crate) lowercase: bool,
}

/// A [`Screen`] read from [`SCREENS`] (its DFAs checked).
#[derive(Debug)]
struct LoadedScreen {
    /// The forward DFA.
    forward: dense::DFA<&'static [u32]>,
    /// The forward and reverse DFAs as a regex, when there is a reverse one, read on the first
    /// search the forward one says has a match (checking a DFA reads all of it).
    regex: OnceLock<Option<dfa::regex::Regex<dense::DFA<&'static [u32]>>>>,
    /// Where the reverse DFA lies in [`SCREENS`] (its length 0: there is none).
    reverse: (usize, u32),
    /// Whether they run on the text's lowercase copy.
    lowercase: bool,
}

impl LoadedScreen {
    /// The text the screen runs on: `text` itself, or its lowercase copy.
    fn haystack<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.lowercase {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// Whether the forward DFA finds no match in `haystack`; an error (which a DFA without
    /// quit bytes does not give) counts as a possible match.
    fn rules_out(&self, haystack: &str) -> bool {
        let input = regex_automata::Input::new(haystack).earliest(true);
        matches!(self.forward.try_search_fwd(&input), Ok(None))
    }
}

/// The screens of the table's patterns, one dense DFA after another (little-endian, each at an
/// offset that is a multiple of 8), written with the table.
static SCREENS: &Aligned<[u8]> = &Aligned(*include_bytes!("pattern_screens.bin"));

/// Bytes aligned as a dense DFA's transition table must be to be read in place.
#[repr(C, align(8))]
struct Aligned<T: ?Sized>(T);

/// The largest screen kept: a pattern whose DFA is larger is built without one.
#[cfg(test)]
const MAX_SCREEN: usize = 192 << 10;

/// The precomputed entry of `source`, when it is one of the built-in patterns. The whole
/// source is the key, so a user's pattern that differs in any character takes the slow path,
/// and one that equals a built-in pattern may share its entry.
fn precomputed(source: &str) -> Option<&'static Precomputed> {
    let table = crate::pattern_table::TABLE;
    table.binary_search_by(|entry| entry.source.cmp(source)).ok().and_then(|at| table.get(at))
}

/// Whether translating `pattern` (as written in the data file) from its syntax tree could fail.
///
/// With the regex crate's settings and features, translation rejects only a Unicode property
/// that does not exist (`\p{…}`, `\P{…}`) and, with Unicode turned off by a flag (`(?-u)`), a
/// class or escape that could match invalid UTF-8. A pattern with neither is translated on
/// first use. The ASCII word boundaries that [`compile`] adds turn Unicode off only around
/// `\b`, which cannot fail, so the test is on the pattern as written. Anything that looks like
/// either case counts, so a false alarm only costs the early translation.
fn translation_can_fail(pattern: &str) -> bool {
    if pattern.contains("\\p") || pattern.contains("\\P") {
        return true;
    }
    pattern.match_indices("(?").any(|(at, _)| {
        let flags = pattern.get(at + 2..).unwrap_or("");
        let flags = &flags[..flags.find([':', ')']).unwrap_or(flags.len())];
        flags.find('-').is_some_and(|minus| flags[minus..].contains('u'))
    })
}

/// The NFA size limit for building a data pattern. The regex crate's default (10 MB) guards
/// against patterns from strangers; ours come from our data files or the user's own, and a
/// pattern has already passed its syntax check when it is built, so the only failure left is
/// size. A larger limit keeps that failure out of reach of any sensible pattern.
const SIZE_LIMIT: usize = 256 << 20;

/// A data pattern whose automata are built the first time a search could match.
///
/// It searches like a `regex::Regex` (the methods analyze uses have the same names, and
/// [`Match`] and [`Captures`] the methods of the regex crate's types that analyze calls), but
/// each search first looks for the literals one of which every match contains (see
/// [`required_literals`]); when none is in the text, the search finds nothing without
/// building or running the regex.
///
/// The automata are those of the regex crate (its `meta::Regex`, built with the regex crate's
/// settings) with two differences that change no match, only the cost of building: no
/// literal prefilter is extracted (see [`build`]), and a text that is all ASCII is searched
/// with an ASCII form of the pattern (see [`LazyRegex::for_text`]), in lowercase with a
/// case-sensitive form when the pattern has one (see [`lowercase_form`]).
pub(crate) struct LazyRegex {
    /// The pattern as compiled (with ASCII word boundaries).
    source: String,
    /// The pattern's syntax tree: parsed by [`compile`], or on first build for a pattern of
    /// the table (`None` only if that parse failed, which the table's test rules out).
    syntax: OnceLock<Option<Ast>>,
    /// The table's entry for a built-in pattern, whose literal analysis and lowercase form
    /// were derived ahead of time.
    known: Option<&'static Precomputed>,
    /// The name of each capture group by index (index 0, the whole match, has none).
    capture_names: Vec<Option<Cow<'static, str>>>,
    /// The literal check, built on the first search.
    gate: OnceLock<Gate>,
    /// The regex with Unicode classes and case folding, built on the first search of a text
    /// with a non-ASCII character that passes the gate.
    compiled: OnceLock<meta::Regex>,
    /// The regex with ASCII classes and case folding, built on the first search of an ASCII
    /// text that passes the gate; `None` when the pattern has no ASCII form (`\p{…}`).
    ascii: OnceLock<Option<AsciiForm>>,
    /// The table's screen, deserialized on first use (`None` when there is none).
    /// Boxed: a loaded screen takes 2.3 KB (the DFAs' headers), a pattern without it 184
    /// bytes, and a process that tags one document reads the screens of a third of its
    /// patterns (inline, the time patterns' list was 60 pages of memory to fault in).
    screen: OnceLock<Option<Box<LoadedScreen>>>,
}

#[cfg(test)]
impl LazyRegex {
    /// The pattern as compiled (with ASCII word boundaries).
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// Whether the pattern came from the table of built-in patterns.
    pub(crate) fn is_precomputed(&self) -> bool {
        self.known.is_some()
    }

    /// Checks that in each of `texts` both forms this pattern can be built in (Unicode, and
    /// ASCII for an ASCII text) give every group of every match exactly as `regex::Regex`
    /// does; the first difference, if any, as an error.
    pub(crate) fn agrees_with_the_regex_crate(&self, texts: &[&str]) -> Result<(), String> {
        let groups = |caps: Captures<'_>| {
            (0..self.capture_names.len())
                .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                .collect::<Vec<_>>()
        };
        let eager = regex::RegexBuilder::new(&self.source)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(|err| err.to_string())?;
        let ast = self.ast().ok_or("no syntax tree")?;
        let unicode = build(&self.source, ast, true);
        let ascii = build(&self.source, ast, false);
        let lowercase = lowercase_form(ast).and_then(|ast| build(&self.source, &ast, false));
        let used = self.build_ascii();
        // Built light first, then in full: both must agree.
        let used_full = used.as_ref().and_then(|f| build_hir(&f.hir, false));
        for text in texts {
            let theirs: Vec<Vec<Option<(usize, usize)>>> = eager
                .captures_iter(text)
                .map(|caps| {
                    (0..self.capture_names.len())
                        .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                        .collect()
                })
                .collect();
            // The screen, where there is one, says exactly whether there is a match.
            let screened = text.is_ascii() && self.known.and_then(|known| known.screen).is_some();
            if screened && self.screened_out(text) != theirs.is_empty() {
                return Err(format!("the screen of {:?} is wrong on {text:?}", self.source));
            }
            // The prebuilt DFAs, where there are, find every match.
            if let Some(found) = self.dfa_matches(text, false) {
                let found: Vec<Vec<Option<(usize, usize)>>> =
                    found.into_iter().map(|span| vec![Some(span)]).collect();
                if found != theirs {
                    return Err(format!("the DFAs of {:?} on {text:?}: {found:?}", self.source));
                }
            }
            let mut forms = vec![("unicode", unicode.as_ref())];
            let lowered = text.to_ascii_lowercase();
            if text.is_ascii() {
                forms.push(("ascii", ascii.as_ref()));
                forms.push(("lowercase", lowercase.as_ref()));
                // The ASCII form the pattern itself builds: for a built-in pattern, from the
                // table's lowercase form rather than the tree's.
                let form =
                    if used.as_ref().is_some_and(|f| f.lowercase) { "lowercase" } else { "ascii" };
                forms.push((form, used.as_ref().map(|f| &f.light)));
                forms.push((form, used_full.as_ref()));
            }
            for (form, regex) in forms {
                let Some(regex) = regex else { continue };
                let haystack = if form == "lowercase" { lowered.as_str() } else { text };
                let ours: Vec<_> = regex
                    .captures_iter(haystack)
                    .map(|caps| groups(Captures { text, caps }))
                    .collect();
                if ours != theirs {
                    return Err(format!(
                        "{form} form of {:?} on {text:?}: {ours:?}, regex crate: {theirs:?}",
                        self.source
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The required literal sets of a pattern (see [`required_literals`]): the table's, or
/// derived from its syntax tree.
enum RequiredSets {
    Table(&'static [&'static [&'static [u8]]]),
    Derived(Vec<LiteralSet>),
}

impl RequiredSets {
    /// Each set, as its literals.
    fn sets(&self) -> Box<dyn Iterator<Item = Vec<&[u8]>> + '_> {
        match self {
            RequiredSets::Table(sets) => Box::new(sets.iter().map(|set| set.to_vec())),
            RequiredSets::Derived(sets) => {
                Box::new(sets.iter().map(|set| set.iter().map(Vec::as_slice).collect()))
            }
        }
    }
}

/// The check a [`LazyRegex`] runs before searching.
#[derive(Debug)]
enum Gate {
    /// The pattern has no required literals: always search.
    Always,
    /// Search only where, for every required set, one of its literals occurs (ASCII
    /// case-insensitively): one automaton per set, the most selective first, so that most
    /// texts are turned away by one scan. Contiguous NFAs rather than DFAs: they build in a
    /// fraction of the time, and they search only until the regex is built.
    Literals(Vec<AhoCorasick>),
}

impl Gate {
    /// The gate of a pattern with the required literal sets `required`.
    fn new(required: &[LiteralSet]) -> Gate {
        let automata: Option<Vec<AhoCorasick>> = required
            .iter()
            .map(|set| {
                AhoCorasickBuilder::new()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(set)
                    .ok()
            })
            .collect();
        match automata {
            Some(automata) if !automata.is_empty() => Gate::Literals(automata),
            _ => Gate::Always,
        }
    }

    /// Whether a pattern behind this gate can match in `text`.
    fn passes(&self, text: &str) -> bool {
        let Gate::Literals(automata) = self else {
            return true;
        };
        // A case-insensitive pattern matches these two non-ASCII letters where its literal
        // has "s" or "k" (Unicode simple case folding), which the ASCII case-insensitive
        // search would miss; such a text is always searched.
        automata.iter().all(|automaton| automaton.is_match(text))
            || text.contains('\u{17F}')
            || text.contains('\u{212A}')
    }
}

impl LazyRegex {
    /// The pattern `source` (as [`compile`] makes it) of the table entry `known`: nothing is
    /// parsed until the pattern is built.
    fn from_table(source: String, known: &'static Precomputed) -> LazyRegex {
        LazyRegex {
            source,
            syntax: OnceLock::new(),
            known: Some(known),
            capture_names: known.capture_names.iter().map(|name| name.map(Cow::Borrowed)).collect(),
            gate: OnceLock::new(),
            compiled: OnceLock::new(),
            ascii: OnceLock::new(),
            screen: OnceLock::new(),
        }
    }

    /// Whether the pattern's screen rules out a match in the ASCII text `text`; `false` when
    /// it has no screen.
    fn screened_out(&self, text: &str) -> bool {
        let Some(screen) = self.loaded_screen() else { return false };
        screen.rules_out(&screen.haystack(text))
    }

    /// The pattern's screen, read from [`SCREENS`] on first use.
    fn loaded_screen(&self) -> Option<&LoadedScreen> {
        self.screen
            .get_or_init(|| {
                let screen = self.known?.screen?;
                let read = |start: usize, len: u32| {
                    let bytes = SCREENS.0.get(start..start + len as usize)?;
                    dense::DFA::from_bytes(bytes).ok().map(|(dfa, _)| dfa)
                };
                let start = screen.start as usize;
                let forward = read(start, screen.len)?;
                let reverse =
                    ((start + screen.len as usize).next_multiple_of(8), screen.reverse_len);
                Some(Box::new(LoadedScreen {
                    forward,
                    regex: OnceLock::new(),
                    reverse,
                    lowercase: screen.lowercase,
                }))
            })
            .as_deref()
    }

    /// Every match (`first` only: the first) of the pattern in the ASCII text `text`, found by
    /// its prebuilt forward and reverse DFAs, which find what the regex crate finds
    /// (leftmost-first; the pattern cannot match the empty string, so each search goes on
    /// from the end of the last match); `None` when the pattern has no such DFAs, the text is
    /// not ASCII, or a search fails (which a DFA without quit bytes does not), and the caller
    /// searches with the regex as usual.
    fn dfa_matches(&self, text: &str, first: bool) -> Option<Vec<(usize, usize)>> {
        if !text.is_ascii() || self.known.and_then(|k| k.screen).is_none_or(|s| s.reverse_len == 0)
        {
            return None;
        }
        let screen = self.loaded_screen()?;
        let haystack = screen.haystack(text);
        let haystack = haystack.as_ref();
        // Most texts have no match, which the forward DFA alone says.
        if screen.rules_out(haystack) {
            return Some(Vec::new());
        }
        let regex = screen
            .regex
            .get_or_init(|| {
                let (at, len) = screen.reverse;
                let bytes = SCREENS.0.get(at..at + len as usize)?;
                let (reverse, _) = dense::DFA::from_bytes(bytes).ok()?;
                Some(dfa::regex::Builder::new().build_from_dfas(screen.forward.clone(), reverse))
            })
            .as_ref()?;
        let mut found = Vec::new();
        let mut at = 0;
        while at <= haystack.len() {
            let input = regex_automata::Input::new(haystack).range(at..);
            match regex.try_search(&input) {
                Ok(None) => break,
                Ok(Some(m)) if m.end() > at => {
                    found.push((m.start(), m.end()));
                    if first {
                        break;
                    }
                    at = m.end();
                }
                // An empty match, which the table rules out, or a failed search.
                _ => return None,
            }
        }
        Some(found)
    }

    /// The pattern's syntax tree, parsed now if this is its first use.
    fn ast(&self) -> Option<&Ast> {
        self.syntax.get_or_init(|| parse(&self.source).ok()).as_ref()
    }

    /// The required literal sets of the pattern's gate, borrowed from the table when the
    /// pattern is in it.
    fn required_sets(&self) -> RequiredSets {
        match self.known {
            Some(known) => RequiredSets::Table(known.required),
            None => RequiredSets::Derived(self.ast().map(required_literals).unwrap_or_default()),
        }
    }

    /// The required literal sets of the pattern's gate (see [`required_literals`]).
    fn required(&self) -> Vec<LiteralSet> {
        match self.known {
            Some(known) => known
                .required
                .iter()
                .map(|set| set.iter().map(|literal| literal.to_vec()).collect())
                .collect(),
            None => self.ast().map(required_literals).unwrap_or_default(),
        }
    }

    /// The regex with ASCII classes and case folding (see [`build_ascii`]).
    fn build_ascii(&self) -> Option<AsciiForm> {
        if let Some(ascii) = self.known.and_then(|known| known.ascii) {
            let mut bytes = HIRS.get(ascii.start as usize..(ascii.start + ascii.len) as usize)?;
            if let Some(form) =
                decode_hir(&mut bytes).and_then(|hir| AsciiForm::from_hir(hir, ascii.lowercase))
            {
                return Some(form);
            }
        }
        if let Some(lower) = self.known.and_then(|known| known.lowercase) {
            if let Some(form) = parse(lower).ok().and_then(|ast| AsciiForm::new(lower, &ast, true))
            {
                return Some(form);
            }
            return AsciiForm::new(&self.source, self.ast()?, false);
        }
        build_ascii(&self.source, self.ast()?)
    }

    /// The names of the capture groups in index order, as [`Regex::capture_names`] gives them,
    /// without building the automata.
    pub(crate) fn capture_names(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.capture_names.iter().map(|name| name.as_deref())
    }

    /// The regex to search `text` with: the pattern's own when it can match there, built now
    /// if this is its first use, or one that matches nothing.
    ///
    /// In a text that is all ASCII, the pattern with Unicode turned off (`\w`, `\s`, `\d`,
    /// `.`, negated classes and `(?i)` restricted to ASCII) matches exactly the spans the
    /// Unicode pattern matches: each Unicode class holds the same ASCII characters as its
    /// ASCII form, and the only non-ASCII letters `(?i)` folds to ASCII ones (U+017F, U+212A)
    /// cannot occur. That form builds several times faster (no Unicode class turns into
    /// UTF-8 byte sequences, no letter into a three-way case class), and most news sentences
    /// are ASCII, so a one-document process usually builds only it.
    fn for_text(&self, text: &str) -> Form<'_> {
        self.for_text_gated(text, true)
    }

    /// [`LazyRegex::for_text`], with the pattern's own gate asked first only when `gate`: a
    /// caller whose [`GateSet`] has just passed the pattern on this text passes `false`, since
    /// the set answers as the gate would (and building the gate would repeat the literal
    /// analysis the set has done).
    fn for_text_gated(&self, text: &str, gate: bool) -> Form<'_> {
        let ascii = text.is_ascii();
        // Once built, the ASCII form serves every ASCII text, and the Unicode form every text.
        if ascii {
            if let Some(Some(form)) = self.ascii.get() {
                // While the form is light, its searches are dear and the screen is cheap:
                // a text the screen rules out is neither searched nor counted.
                if !form.is_full() && self.screened_out(text) {
                    return Form { regex: never_matches(), lowercase: false };
                }
                return Form { regex: form.regex(), lowercase: form.lowercase };
            }
        }
        let unicode = |regex| Form { regex, lowercase: false };
        if let Some(regex) = self.compiled.get() {
            return unicode(regex);
        }
        if gate && !self.gate.get_or_init(|| Gate::new(&self.required())).passes(text) {
            return unicode(never_matches());
        }
        if ascii {
            if self.ascii.get().is_none() && self.screened_out(text) {
                return unicode(never_matches());
            }
            if let Some(form) = self.ascii.get_or_init(|| self.build_ascii()) {
                return Form { regex: form.regex(), lowercase: form.lowercase };
            }
        }
        unicode(self.compiled.get_or_init(|| {
            // Out of reach after the syntax check (see SIZE_LIMIT); a pattern that still
            // cannot be built matches nothing rather than stopping the analysis.
            self.ast()
                .and_then(|ast| build(&self.source, ast, true))
                .unwrap_or_else(|| never_matches().clone())
        }))
    }

    /// As `regex::Regex::is_match`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if let Some(found) = self.dfa_matches(text, true) {
            return !found.is_empty();
        }
        let form = self.for_text(text);
        form.regex.is_match(form.haystack(text).as_ref())
    }

    /// As `regex::Regex::find`.
    pub(crate) fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        if let Some(found) = self.dfa_matches(text, true) {
            return found.first().map(|&(start, end)| Match { text, start, end });
        }
        let form = self.for_text(text);
        let found = form.regex.find(form.haystack(text).as_ref());
        found.map(|m| Match { text, start: m.start(), end: m.end() })
    }

    /// As `regex::Regex::find_iter`.
    pub(crate) fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        if let Some(found) = self.dfa_matches(text, false) {
            let found: Vec<Match<'t>> =
                found.into_iter().map(|(start, end)| Match { text, start, end }).collect();
            return found.into_iter();
        }
        let form = self.for_text(text);
        let haystack = form.haystack(text);
        let found: Vec<Match<'t>> = form
            .regex
            .find_iter(haystack.as_ref())
            .map(|m| Match { text, start: m.start(), end: m.end() })
            .collect();
        found.into_iter()
    }

    /// As `regex::Regex::captures_iter`.
    pub(crate) fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        if let Some(found) = self.dfa_captures(text) {
            return found;
        }
        self.captures_with(self.for_text(text), text)
    }

    /// As [`LazyRegex::captures_iter`], for a `text` on which the [`GateSet`] of the pattern's
    /// list has just passed it: the pattern's own gate is not asked again.
    pub(crate) fn captures_iter_passed<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        if let Some(found) = self.dfa_captures(text) {
            return found;
        }
        self.captures_with(self.for_text_gated(text, false), text)
    }

    /// [`LazyRegex::dfa_matches`] as groups: a pattern with prebuilt forward and reverse DFAs
    /// has no group but the whole match.
    fn dfa_captures<'t>(&self, text: &'t str) -> Option<std::vec::IntoIter<Captures<'t>>> {
        use regex_automata::util::{captures, primitives::NonMaxUsize};
        static WHOLE_MATCH: OnceLock<Option<captures::GroupInfo>> = OnceLock::new();
        let info = WHOLE_MATCH.get_or_init(|| captures::GroupInfo::new([[None::<&str>]]).ok());
        let info = info.as_ref()?;
        let found = self.dfa_matches(text, false)?;
        let mut all = Vec::with_capacity(found.len());
        for (start, end) in found {
            let mut caps = captures::Captures::matches(info.clone());
            caps.set_pattern(Some(regex_automata::PatternID::ZERO));
            let slots = caps.slots_mut();
            *slots.get_mut(0)? = Some(NonMaxUsize::new(start)?);
            *slots.get_mut(1)? = Some(NonMaxUsize::new(end)?);
            all.push(Captures { text, caps });
        }
        Some(all.into_iter())
    }

    /// Every match of `form` in `text`, with its groups (in `text`: the offsets of the
    /// lowercase copy are the same).
    fn captures_with<'t>(&self, form: Form<'_>, text: &'t str) -> std::vec::IntoIter<Captures<'t>> {
        let haystack = form.haystack(text);
        let found: Vec<Captures<'t>> = form
            .regex
            .captures_iter(haystack.as_ref())
            .map(|caps| Captures { text, caps })
            .collect();
        found.into_iter()
    }
}

/// The ASCII form of a pattern: its regex, and whether that regex is the lowercase form (see
/// [`lowercase_form`]), which searches the text in lowercase.
///
/// The regex is built light first (see [`build_hir`]) and in full once it has been searched
/// [`LIGHT_SEARCHES`] times: a process that tags one document searches most patterns it
/// builds once or twice, a batch searches them thousands of times.
#[derive(Debug)]
struct AsciiForm {
    /// The regex as first built, light.
    light: meta::Regex,
    /// The regex built in full, after [`LIGHT_SEARCHES`] searches (`None` if that failed,
    /// and the light one goes on).
    full: OnceLock<Option<meta::Regex>>,
    /// What both are built from.
    hir: Hir,
    /// Searches so far (counted up to [`LIGHT_SEARCHES`]).
    searches: AtomicUsize,
    lowercase: bool,
}

/// How many searches an ASCII form makes with its light regex before it is built in full.
const LIGHT_SEARCHES: usize = 8;

impl AsciiForm {
    /// The form of `source` (with its tree `ast`), translated with ASCII classes.
    fn new(source: &str, ast: &Ast, lowercase: bool) -> Option<AsciiForm> {
        AsciiForm::from_hir(translate(source, ast, false)?, lowercase)
    }

    /// The form of `hir`, the ASCII translation of a pattern.
    fn from_hir(hir: Hir, lowercase: bool) -> Option<AsciiForm> {
        let light = build_hir(&hir, true)?;
        Some(AsciiForm {
            light,
            full: OnceLock::new(),
            hir,
            searches: AtomicUsize::new(0),
            lowercase,
        })
    }

    /// Whether the regex has been built in full.
    fn is_full(&self) -> bool {
        matches!(self.full.get(), Some(Some(_)))
    }

    /// The regex for the next search.
    fn regex(&self) -> &meta::Regex {
        if let Some(Some(full)) = self.full.get() {
            return full;
        }
        if self.searches.fetch_add(1, Ordering::Relaxed) < LIGHT_SEARCHES {
            return &self.light;
        }
        self.full.get_or_init(|| build_hir(&self.hir, false)).as_ref().unwrap_or(&self.light)
    }
}

/// The regex to search a text with, and whether to search its lowercase copy instead.
#[derive(Clone, Copy)]
struct Form<'r> {
    regex: &'r meta::Regex,
    lowercase: bool,
}

impl<'r> Form<'r> {
    /// `text`, or its ASCII lowercase copy for the lowercase form: the same length, so every
    /// offset found in one is the same in the other.
    fn haystack<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.lowercase {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }
}

/// The ASCII form of a pattern: the lowercase form when there is one, else the pattern
/// translated with ASCII classes and case folding.
fn build_ascii(source: &str, ast: &Ast) -> Option<AsciiForm> {
    if let Some(lower) = lowercase_form(ast) {
        if let Some(form) = AsciiForm::new(source, &lower, true) {
            return Some(form);
        }
    }
    AsciiForm::new(source, ast, false)
}

/// The syntax tree of a case-insensitive pattern (one that starts with `(?i)`, as every data
/// pattern does) made case-sensitive and lowercase, to search ASCII texts in lowercase: its
/// letters lowercase, its leading `(?i)` gone. In an ASCII text, `(?i)P` matches where this
/// form matches the text's lowercase copy, at the same offsets: a case-insensitive letter
/// matches a letter exactly when the lowercase letters are equal, and every other construct
/// kept here (classes of digits, spaces or word characters, the dot, ASCII word boundaries)
/// treats a letter and its capital alike. `None` for anything else, which then keeps the
/// case-insensitive ASCII form: any other flag, a case-sensitive part (`(?-i:May)`), a class
/// range mixing letters with other characters, `[[:upper:]]`, class operations, `\p{…}`.
///
/// Case folding was most of translating a pattern and made its automata larger: building
/// the lowercase form costs about a third less.
fn lowercase_form(ast: &Ast) -> Option<Ast> {
    use regex_syntax::ast::{Flag, FlagsItemKind, GroupKind};
    fn lower(ast: &mut Ast) -> Option<()> {
        match ast {
            Ast::Empty(_) | Ast::Dot(_) | Ast::Assertion(_) | Ast::ClassPerl(_) => Some(()),
            // Only the pattern's own leading `(?i)` (checked by the caller) is allowed.
            Ast::Flags(_) | Ast::ClassUnicode(_) => None,
            Ast::Literal(literal) => {
                literal.c = literal.c.to_ascii_lowercase();
                Some(())
            }
            Ast::ClassBracketed(class) => lower_set(&mut class.kind),
            Ast::Repetition(repetition) => lower(&mut repetition.ast),
            Ast::Group(group) => {
                if let GroupKind::NonCapturing(flags) = &group.kind {
                    // `(?-u:\b)`, which every word boundary becomes, and plain `(?:…)`.
                    let only_unicode = flags.items.iter().all(|item| {
                        matches!(
                            item.kind,
                            FlagsItemKind::Negation | FlagsItemKind::Flag(Flag::Unicode)
                        )
                    });
                    if !only_unicode {
                        return None;
                    }
                }
                lower(&mut group.ast)
            }
            Ast::Alternation(alternation) => alternation.asts.iter_mut().try_for_each(lower),
            Ast::Concat(concat) => concat.asts.iter_mut().try_for_each(lower),
        }
    }
    fn lower_set(set: &mut regex_syntax::ast::ClassSet) -> Option<()> {
        match set {
            regex_syntax::ast::ClassSet::Item(item) => lower_item(item),
            regex_syntax::ast::ClassSet::BinaryOp(_) => None,
        }
    }
    fn lower_item(item: &mut regex_syntax::ast::ClassSetItem) -> Option<()> {
        use regex_syntax::ast::{ClassAsciiKind, ClassSetItem};
        match item {
            ClassSetItem::Empty(_) | ClassSetItem::Perl(_) => Some(()),
            ClassSetItem::Unicode(_) => None,
            ClassSetItem::Ascii(ascii) => {
                (!matches!(ascii.kind, ClassAsciiKind::Upper | ClassAsciiKind::Lower)).then_some(())
            }
            ClassSetItem::Literal(literal) => {
                literal.c = literal.c.to_ascii_lowercase();
                Some(())
            }
            ClassSetItem::Range(range) => {
                let (start, end) = (range.start.c, range.end.c);
                let letters = |a: char, b: char| {
                    ('A'..='Z')
                        .any(|c| (a..=b).contains(&c) || (a..=b).contains(&c.to_ascii_lowercase()))
                };
                if start.is_ascii_uppercase() && end.is_ascii_uppercase()
                    || start.is_ascii_lowercase() && end.is_ascii_lowercase()
                {
                    range.start.c = start.to_ascii_lowercase();
                    range.end.c = end.to_ascii_lowercase();
                    Some(())
                } else {
                    (!letters(start, end)).then_some(())
                }
            }
            ClassSetItem::Bracketed(class) => lower_set(&mut class.kind),
            ClassSetItem::Union(union) => union.items.iter_mut().try_for_each(lower_item),
        }
    }
    let mut ast = ast.clone();
    // The leading `(?i)`: the first node of the first concatenation, at offset 0.
    let leading = {
        let mut node = &mut ast;
        loop {
            match node {
                Ast::Alternation(alternation) => node = alternation.asts.first_mut()?,
                Ast::Concat(concat) => node = concat.asts.first_mut()?,
                _ => break,
            }
        }
        node
    };
    let Ast::Flags(flags) = leading else { return None };
    let only_i = flags.span.start.offset == 0
        && matches!(flags.flags.items.as_slice(), [item] if item.kind == FlagsItemKind::Flag(Flag::CaseInsensitive));
    if !only_i {
        return None;
    }
    let span = flags.span;
    *leading = Ast::empty(span);
    lower(&mut ast)?;
    Some(ast)
}

/// Builds the automata of a pattern from its syntax tree, with Unicode (`unicode`) or with
/// ASCII classes and case folding; `None` when the tree cannot be translated so (an ASCII
/// form of `\p{…}`) or the automata exceed [`SIZE_LIMIT`].
///
/// The settings are the regex crate's for `Regex::new` (leftmost-first, UTF-8 empty matches,
/// a 2 MiB lazy DFA cache), except that no literal prefilter is extracted: extracting one
/// (prefix, suffix and inner literals, crossed through the case-folded alternations of month
/// and number names) was two thirds of the cost of building a time pattern, and the gates
/// already keep each pattern off the texts without its required words. A prefilter only
/// skips ahead to candidate positions; the matches are the same without one.
fn build(source: &str, ast: &Ast, unicode: bool) -> Option<meta::Regex> {
    build_hir(&translate(source, ast, unicode)?, false)
}

/// The regex of `hir` with the settings of [`build`]; `light`: without the lazy DFA, the full
/// DFA (and so without their reverse NFA) and the one-pass DFA, so that only the NFA is compiled and searches run the
/// bounded backtracker or the PikeVM. Every engine of a `meta::Regex` gives the same matches
/// and groups (leftmost-first); only the cost differs: a light regex builds in about two
/// thirds of the time (a one-document process searches most patterns on one or two
/// sentences) but searches several times slower, so a pattern's ASCII form starts light and
/// is built again in full after [`LIGHT_SEARCHES`] searches.
fn build_hir(hir: &Hir, light: bool) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(2 * (1 << 20))
        .auto_prefilter(false)
        .hybrid(!light)
        .onepass(!light)
        .dfa(!light);
    meta::Builder::new().configure(config).build_from_hir(hir).ok()
}

/// The intermediate form of `ast` (see [`build`]), with Unicode or ASCII classes and case
/// folding.
fn translate(source: &str, ast: &Ast, unicode: bool) -> Option<Hir> {
    TranslatorBuilder::new()
        .unicode(unicode)
        // The ASCII form may match bytes that are not UTF-8 (`[^a]`); it only ever searches
        // ASCII texts, where every match lies on character boundaries.
        .utf8(unicode)
        .build()
        .translate(source, ast)
        .ok()
}

/// A match of a [`LazyRegex`] in a text: the regex crate's `Match`, with the methods analyze
/// uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    /// Byte offset of the start of the match in the searched text.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// Byte offset one past the end of the match.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The matched text (empty if the offsets were not on character boundaries, which a
    /// match of a text it searched never has).
    pub(crate) fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }
}

/// The groups of one match of a [`LazyRegex`]: the regex crate's `Captures`, with the methods
/// analyze uses.
#[derive(Debug, Clone)]
pub(crate) struct Captures<'t> {
    text: &'t str,
    caps: regex_automata::util::captures::Captures,
}

impl<'t> Captures<'t> {
    /// Group `index` (0 is the whole match), when it took part in the match.
    pub(crate) fn get(&self, index: usize) -> Option<Match<'t>> {
        let span = self.caps.get_group(index)?;
        Some(Match { text: self.text, start: span.start, end: span.end })
    }

    /// The group named `name`, when the pattern has it and it took part in the match.
    pub(crate) fn name(&self, name: &str) -> Option<Match<'t>> {
        let span = self.caps.get_group_by_name(name)?;
        Some(Match { text: self.text, start: span.start, end: span.end })
    }
}

/// The literal checks of a list of data patterns, run together: one scan of a text tells
/// which patterns of the list could match in it, instead of each pattern scanning the text.
///
/// A pattern passes exactly when its own gate would (every required set has a literal in the
/// text, ASCII case-insensitively, or the text holds one of the two letters that fold to ASCII
/// ones), so skipping the others changes no result. Built on first use, from the patterns'
/// syntax trees; the patterns' own automata are still built only when one is searched.
#[derive(Debug, Default)]
pub(crate) struct GateSet {
    built: OnceLock<SharedGate>,
}

#[derive(Debug)]
struct SharedGate {
    /// Every literal of every required set, once (a noncontiguous NFA, cheap to build).
    automaton: Option<AhoCorasick>,
    /// The same literals, in the same order, as a DFA: built once the gate has scanned
    /// [`DFA_AFTER_BYTES`] of text, and used from then on.
    dfa: OnceLock<Option<AhoCorasick>>,
    /// How much text the gate has scanned.
    scanned: AtomicUsize,
    /// For each literal of the automaton, the (pattern, bit of its required set) pairs it
    /// meets: those of literal `i` are `meets[starts[i]..starts[i + 1]]`.
    meets: Vec<(usize, u32)>,
    /// Where each literal's pairs start in `meets`, and the end of the last.
    starts: Vec<usize>,
    /// For each pattern, the bits of all its required sets (none: it always passes).
    wanted: Vec<u32>,
}

impl GateSet {
    /// For each pattern of `regexes` (the same list, in the same order, at every call), whether
    /// it could match in `text`.
    pub(crate) fn passing<'r, I>(&self, regexes: impl Fn() -> I, text: &str) -> Vec<bool>
    where
        I: IntoIterator<Item = &'r LazyRegex>,
    {
        let gate = self.built.get_or_init(|| SharedGate::new(regexes()));
        if gate.automaton.is_none() || text.contains('\u{17F}') || text.contains('\u{212A}') {
            return vec![true; gate.wanted.len()];
        }
        // The NFA scans a byte in about 250 instructions and the DFA in a tenth of that, but
        // building the DFA costs as much as the NFA scanning about 30 KB: a process that tags
        // one document keeps the NFA, a long run switches.
        let scanned = gate.scanned.fetch_add(text.len(), Ordering::Relaxed);
        let automaton = if scanned >= DFA_AFTER_BYTES {
            gate.dfa
                .get_or_init(|| SharedGate::automaton(regexes(), AhoCorasickKind::DFA))
                .as_ref()
                .or(gate.automaton.as_ref())
        } else {
            gate.automaton.as_ref()
        };
        let mut met = vec![0u32; gate.wanted.len()];
        if let Some(automaton) = automaton {
            // The literals are lowercase, so a case-sensitive automaton over the text's
            // lowercase copy finds what an ASCII case-insensitive one finds in the text.
            for found in automaton.find_overlapping_iter(&text.to_ascii_lowercase()) {
                let id = found.pattern().as_usize();
                let pairs = match (gate.starts.get(id), gate.starts.get(id + 1)) {
                    (Some(&start), Some(&end)) => gate.meets.get(start..end).unwrap_or(&[]),
                    _ => &[],
                };
                for &(pattern, bit) in pairs {
                    if let Some(slot) = met.get_mut(pattern) {
                        *slot |= bit;
                    }
                }
            }
        }
        gate.wanted.iter().zip(met).map(|(wanted, met)| wanted & met == *wanted).collect()
    }
}

/// How much text a gate scans with its NFA before it builds and switches to its DFA.
const DFA_AFTER_BYTES: usize = 64 * 1024;

/// The literals of a list of patterns' required sets, each once, in order of first
/// appearance (the same order at every call, so that two automata built from one list give
/// the same literal ids), with the (literal id, pattern, bit of its required set) pairs in
/// pattern order and each pattern's wanted bits.
struct LiteralTable<'a> {
    literals: Vec<Cow<'a, [u8]>>,
    pairs: Vec<(usize, usize, u32)>,
    wanted: Vec<u32>,
}

impl<'a> LiteralTable<'a> {
    fn new(required: &'a [RequiredSets]) -> Self {
        // Each distinct literal's id, in order of first appearance. Hashed with FNV rather
        // than SipHash (a third of building this gate was hashing); the ids do not depend on
        // the hasher.
        let mut index: std::collections::HashMap<Cow<'a, [u8]>, usize, FnvBuild> =
            std::collections::HashMap::with_capacity_and_hasher(1024, FnvBuild);
        // (literal id, pattern, bit of its required set), in pattern order.
        let mut pairs: Vec<(usize, usize, u32)> = Vec::new();
        let mut wanted = Vec::new();
        for (pattern, sets) in required.iter().enumerate() {
            let mut bits = 0u32;
            // MAX_SETS keeps the sets within the bits of a u32.
            for (set, literal_set) in sets.sets().enumerate().take(32) {
                let bit = 1u32 << set;
                bits |= bit;
                for literal in literal_set {
                    let literal: Cow<'_, [u8]> = if literal.iter().any(u8::is_ascii_uppercase) {
                        Cow::Owned(literal.to_ascii_lowercase())
                    } else {
                        Cow::Borrowed(literal)
                    };
                    let next = index.len();
                    let id = *index.entry(literal).or_insert(next);
                    pairs.push((id, pattern, bit));
                }
            }
            wanted.push(bits);
        }
        let mut literals: Vec<Cow<'a, [u8]>> = vec![Cow::Borrowed(&[]); index.len()];
        for (literal, id) in index {
            if let Some(slot) = literals.get_mut(id) {
                *slot = literal;
            }
        }
        LiteralTable { literals, pairs, wanted }
    }
}

impl SharedGate {
    fn new<'r>(regexes: impl IntoIterator<Item = &'r LazyRegex>) -> SharedGate {
        // The table's literals are borrowed, not copied: one allocation a literal was half
        // of building the gate of the time patterns.
        let required: Vec<RequiredSets> =
            regexes.into_iter().map(LazyRegex::required_sets).collect();
        let LiteralTable { literals, mut pairs, mut wanted } = LiteralTable::new(&required);
        // Each literal's pairs together (a stable sort keeps them in pattern order).
        pairs.sort_by_key(|&(id, _, _)| id);
        let mut starts = vec![0; literals.len() + 1];
        for &(id, _, _) in &pairs {
            if let Some(count) = starts.get_mut(id + 1) {
                *count += 1;
            }
        }
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let meets: Vec<(usize, u32)> =
            pairs.into_iter().map(|(_, pattern, bit)| (pattern, bit)).collect();
        let automaton = if literals.is_empty() {
            None
        } else {
            // A noncontiguous NFA first, not a DFA: building the DFA of the time patterns'
            // literals was 12% of the instructions of a process that tags one document
            // (callgrind: one document 61.5 M -> 55.9 M). A long run switches to the DFA
            // after `DFA_AFTER_BYTES` (PolNeAR train in one process: the gates' scans went
            // from 873 M to 450 M instructions).
            // Case-sensitive, over lowercase literals and the texts' lowercase copies: an
            // ASCII case-insensitive automaton has two transitions for each letter, and
            // building it cost a process that tags one document 0.7 M instructions more.
            build_automaton(&literals, AhoCorasickKind::NoncontiguousNFA)
        };
        if automaton.is_none() {
            // Without the automaton every pattern must be searched.
            wanted.iter_mut().for_each(|bits| *bits = 0);
        }
        SharedGate {
            automaton,
            dfa: OnceLock::new(),
            scanned: AtomicUsize::new(0),
            meets,
            starts,
            wanted,
        }
    }

    /// The automaton of the literals of `regexes` (the gate's own list), of `kind`.
    fn automaton<'r>(
        regexes: impl IntoIterator<Item = &'r LazyRegex>,
        kind: AhoCorasickKind,
    ) -> Option<AhoCorasick> {
        let required: Vec<RequiredSets> =
            regexes.into_iter().map(LazyRegex::required_sets).collect();
        let table = LiteralTable::new(&required);
        build_automaton(&table.literals, kind)
    }
}

fn build_automaton(literals: &[Cow<'_, [u8]>], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    if literals.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new().kind(Some(kind)).match_kind(MatchKind::Standard).build(literals).ok()
}

/// The FNV-1a hash, for the gate's small set of short literals.
#[derive(Debug, Default, Clone, Copy)]
struct FnvBuild;

/// The state of an [`FnvBuild`] hash.
struct Fnv(u64);

impl std::hash::BuildHasher for FnvBuild {
    type Hasher = Fnv;

    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A regex that matches nothing, built once.
fn never_matches() -> &'static meta::Regex {
    static NEVER: OnceLock<meta::Regex> = OnceLock::new();
    NEVER.get_or_init(|| {
        #[allow(clippy::expect_used)]
        meta::Regex::builder()
            .build_from_hir(&regex_syntax::hir::Hir::fail())
            .expect("the empty class builds")
    })
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LazyRegex")
            .field("source", &self.source)
            .field("compiled", &self.compiled.get().is_some())
            .field("ascii", &self.ascii.get().is_some_and(Option::is_some))
            .field(
                "lowercase",
                &self.ascii.get().and_then(Option::as_ref).is_some_and(|f| f.lowercase),
            )
            .finish()
    }
}

/// Appends the (index, name) of every capture group of `ast`.
fn collect_captures<'a>(ast: &'a Ast, out: &mut Vec<(u32, Option<&'a str>)>) {
    use regex_syntax::ast::GroupKind;
    match ast {
        Ast::Group(group) => {
            match &group.kind {
                GroupKind::CaptureIndex(index) => out.push((*index, None)),
                GroupKind::CaptureName { name, .. } => {
                    out.push((name.index, Some(name.name.as_str())));
                }
                GroupKind::NonCapturing(_) => {}
            }
            collect_captures(&group.ast, out);
        }
        Ast::Repetition(repetition) => collect_captures(&repetition.ast, out),
        Ast::Concat(concat) => {
            for sub in &concat.asts {
                collect_captures(sub, out);
            }
        }
        Ast::Alternation(alternation) => {
            for sub in &alternation.asts {
                collect_captures(sub, out);
            }
        }
        _ => {}
    }
}

/// Most strings a set may hold before the analysis gives up on enumerating it.
const MAX_SET: usize = 64;
/// Most literals a required set may hold.
const MAX_REQUIRED: usize = 256;

/// A set of literal strings (lowercase ASCII where ASCII), sorted and without repeats once
/// [`normalized`].
type LiteralSet = Vec<Vec<u8>>;

/// `set` sorted and without repeats.
fn normalized(mut set: LiteralSet) -> LiteralSet {
    set.sort_unstable();
    set.dedup();
    set
}

/// What the literal analysis knows of a sub-pattern.
struct Literals {
    /// Every string the sub-pattern can match, when they are few.
    exact: Option<LiteralSet>,
    /// Sets such that every match contains a literal of each (a conjunction of disjunctions);
    /// none holds the empty string.
    required: Vec<LiteralSet>,
}

/// Most required sets kept for one pattern (one automaton each in the gate).
const MAX_SETS: usize = 16;

/// Sets of literals such that every match of `ast` contains one literal of each set (ASCII
/// case-insensitively, except that a case-insensitive "s" or "k" also matches U+017F or U+212A,
/// which the gate checks for separately). Empty when the analysis finds none.
fn required_literals(ast: &Ast) -> Vec<LiteralSet> {
    let found = literals(ast);
    let mut sets = found.required;
    sets.extend(useful(found.exact));
    let mut sets: Vec<LiteralSet> = sets.into_iter().map(normalized).collect();
    sets.sort();
    sets.dedup();
    // The most selective first, so that the ones kept are the best.
    sets.sort_by_key(|set| std::cmp::Reverse(score(set)));
    sets.truncate(MAX_SETS);
    sets
}

/// `set` unless it is empty or holds the empty string (which every text contains).
fn useful(set: Option<LiteralSet>) -> Option<LiteralSet> {
    set.filter(|s| !s.is_empty() && !s.iter().any(Vec::is_empty))
}

/// How selective a required set is: the longer its shortest literal (up to 4 bytes), then the
/// fewer literals, the better.
fn score(set: &LiteralSet) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest.min(4), std::cmp::Reverse(set.len()))
}

/// The most selective single set one of whose literals every match of a sub-pattern contains.
fn best_one(found: Literals) -> Option<LiteralSet> {
    found.required.into_iter().chain(useful(found.exact)).max_by_key(score)
}

/// The literal analysis of `ast`.
///
/// It reads the syntax tree, not the translated form, because translating is the costly part
/// of parsing (Unicode case folding) and the gate needs it only for this. Flags are ignored:
/// the gate's search is ASCII case-insensitive whatever the pattern says, so an ASCII literal
/// stands for itself in either case, and a non-ASCII literal, which `(?i)` would make match
/// other letters, stands for nothing.
fn literals(ast: &Ast) -> Literals {
    let single = |s: Vec<u8>| Literals { exact: Some(vec![s]), required: Vec::new() };
    let nothing = || Literals { exact: None, required: Vec::new() };
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => single(Vec::new()),
        Ast::Literal(literal) if literal.c.is_ascii() => {
            single(vec![(literal.c as u8).to_ascii_lowercase()])
        }
        Ast::Literal(_)
        | Ast::Dot(_)
        | Ast::ClassUnicode(_)
        | Ast::ClassPerl(_)
        | Ast::ClassBracketed(_) => nothing(),
        Ast::Group(group) => literals(&group.ast),
        Ast::Repetition(repetition) => {
            let (min, max) = match &repetition.op.kind {
                RepetitionKind::ZeroOrOne => (0, Some(1)),
                RepetitionKind::ZeroOrMore => (0, None),
                RepetitionKind::OneOrMore => (1, None),
                RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
                RepetitionKind::Range(RepetitionRange::Bounded(m, n)) => (*m, Some(*n)),
            };
            match (min, max) {
                (1, Some(1)) => literals(&repetition.ast),
                (0, Some(1)) => {
                    let exact = literals(&repetition.ast).exact.map(|mut set| {
                        set.push(Vec::new());
                        normalized(set)
                    });
                    Literals { exact, required: Vec::new() }
                }
                (0, _) => nothing(),
                _ => {
                    let sub = literals(&repetition.ast);
                    let mut required = sub.required;
                    required.extend(useful(sub.exact));
                    Literals { exact: None, required }
                }
            }
        }
        Ast::Alternation(alternation) => {
            let subs = &alternation.asts;
            let mut exact = Some(LiteralSet::new());
            let mut required = Some(LiteralSet::new());
            for sub in subs {
                let found = literals(sub);
                exact = match (exact, &found.exact) {
                    (Some(mut all), Some(these)) if all.len() + these.len() <= MAX_SET * 2 => {
                        all.extend(these.iter().cloned());
                        Some(all)
                    }
                    _ => None,
                };
                required = match (required, best_one(found)) {
                    (Some(mut all), Some(these)) if all.len() + these.len() <= MAX_REQUIRED => {
                        all.extend(these);
                        Some(all)
                    }
                    _ => None,
                };
                if exact.is_none() && required.is_none() {
                    break;
                }
            }
            let exact = exact.map(normalized).filter(|set| set.len() <= MAX_SET);
            Literals { exact, required: required.map(normalized).into_iter().collect() }
        }
        Ast::Concat(concat) => {
            let subs = &concat.asts;
            // `product` is the set of strings the children since the last break can match;
            // a child without an exact set, or a product grown too large, breaks it, and
            // each finished product is a required set.
            let mut product: LiteralSet = vec![Vec::new()];
            let mut complete = true;
            let mut required: Vec<LiteralSet> = Vec::new();
            for sub in subs {
                // An ASCII letter, by far the most common child, extends every string of the
                // product in place: the general path allocates two vectors per letter, which
                // was most of the analysis.
                if let Ast::Literal(literal) = sub {
                    if literal.c.is_ascii() {
                        let byte = (literal.c as u8).to_ascii_lowercase();
                        product.iter_mut().for_each(|head| head.push(byte));
                        continue;
                    }
                }
                let found = literals(sub);
                match found.exact {
                    Some(these) if these.len() == 1 => {
                        for head in &mut product {
                            head.extend_from_slice(&these[0]);
                        }
                    }
                    Some(these) if product.len() * these.len() <= MAX_SET => {
                        product = normalized(
                            product
                                .iter()
                                .flat_map(|head| {
                                    these.iter().map(move |tail| [head.as_slice(), tail].concat())
                                })
                                .collect(),
                        );
                    }
                    Some(these) => {
                        complete = false;
                        required.extend(useful(Some(std::mem::replace(&mut product, these))));
                    }
                    None => {
                        complete = false;
                        let finished = std::mem::replace(&mut product, vec![Vec::new()]);
                        required.extend(useful(Some(finished)));
                        required.extend(found.required);
                    }
                }
            }
            if complete {
                Literals { exact: Some(product), required }
            } else {
                required.extend(useful(Some(product)));
                Literals { exact: None, required }
            }
        }
    }
}

/// `pattern` with every word boundary `\b` made an ASCII one, `(?-u:\b)`.
///
/// A Unicode word boundary stops the regex crate's lazy DFA on any text with a non-ASCII
/// character (a curly quote is enough), and every search then falls back to a backtracking
/// engine: that was a quarter of analyze's time over news text. The patterns are English words
/// and digits, for which the two boundaries agree; they differ only beside a non-ASCII letter.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::cell::RefCell;

    thread_local! {
        /// The sources [`compile`] is given on this thread, while a test records them.
        static RECORDED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    }

    /// Notes `source` when this thread is recording (see [`RECORDED`]).
    pub(super) fn record(source: &str) {
        RECORDED.with(|recorded| {
            if let Some(list) = recorded.borrow_mut().as_mut() {
                list.push(source.to_string());
            }
        });
    }

    /// The sources of every pattern that `build` compiles, sorted, once each.
    fn sources_of(build: impl FnOnce()) -> Vec<String> {
        RECORDED.with(|recorded| *recorded.borrow_mut() = Some(Vec::new()));
        build();
        let mut sources = RECORDED.with(|recorded| recorded.borrow_mut().take()).unwrap();
        sources.sort_unstable();
        sources.dedup();
        sources
    }

    /// The sources of every pattern the built-in data files compile.
    fn builtin_sources() -> Vec<String> {
        sources_of(|| {
            crate::Resources::builtin().unwrap();
            crate::TimeResources::builtin().unwrap();
        })
    }

    /// The sources of the patterns `eval temporal` compiles, the ones given screens.
    fn time_sources() -> std::collections::BTreeSet<String> {
        sources_of(|| {
            crate::TimeResources::builtin().unwrap();
        })
        .into_iter()
        .collect()
    }

    /// The screen of the pattern `source` (see [`Screen`]): the dense DFA of the ASCII form
    /// a table entry builds (the printed lowercase form when it builds, else the pattern with
    /// ASCII classes), the reverse DFA when `whole_only` (the pattern has no group but the
    /// whole match) and the pattern cannot match the empty string, and whether that is the
    /// lowercase form; `None` when the pattern has no ASCII form or a DFA is larger than
    /// [`MAX_SCREEN`].
    fn screen_of(
        source: &str,
        lowercase: Option<&str>,
        whole_only: bool,
    ) -> Option<(Vec<u8>, Option<Vec<u8>>, bool)> {
        use regex_automata::dfa::{dense, StartKind};
        use regex_automata::nfa::thompson;
        use regex_automata::MatchKind;
        let ascii = |pattern: &str| {
            let ast = parse(pattern).ok()?;
            TranslatorBuilder::new()
                .unicode(false)
                .utf8(false)
                .build()
                .translate(pattern, &ast)
                .ok()
        };
        let (hir, lowercase) = match lowercase.and_then(ascii) {
            Some(hir) => (hir, true),
            None => (ascii(source)?, false),
        };
        // The settings of regex-automata's `dfa::regex::Builder`, minimized.
        let determinize = |reverse: bool| {
            let nfa = thompson::Compiler::new()
                .configure(
                    thompson::Config::new()
                        .utf8(false)
                        .reverse(reverse)
                        .which_captures(thompson::WhichCaptures::None),
                )
                .build_from_hir(&hir)
                .ok()?;
            let config = dense::Config::new()
                .minimize(true)
                .determinize_size_limit(Some(16 << 20))
                .dfa_size_limit(Some(4 << 20));
            let config = if reverse {
                config
                    .specialize_start_states(false)
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::All)
            } else {
                config.start_kind(StartKind::Unanchored)
            };
            let dfa = dense::Builder::new().configure(config).build_from_nfa(&nfa).ok()?;
            let (bytes, padding) = dfa.to_bytes_little_endian();
            let bytes = bytes.get(padding..)?.to_vec();
            (bytes.len() <= MAX_SCREEN).then_some(bytes)
        };
        let forward = determinize(false)?;
        let nonempty = hir.properties().minimum_len().is_some_and(|len| len > 0);
        let reverse = (whole_only && nonempty).then(|| determinize(true)).flatten();
        Some((forward, reverse, lowercase))
    }

    /// Appends the encoding of `hir` that [`decode_hir`] reads.
    fn encode_hir(hir: &Hir, out: &mut Vec<u8>) {
        use regex_syntax::hir::{Class, HirKind};
        let number = |out: &mut Vec<u8>, n: usize| {
            out.extend(u32::try_from(n).unwrap().to_le_bytes());
        };
        match hir.kind() {
            HirKind::Empty => out.push(tag::EMPTY),
            HirKind::Literal(literal) => {
                out.push(tag::LITERAL);
                number(out, literal.0.len());
                out.extend(&*literal.0);
            }
            HirKind::Class(Class::Unicode(class)) => {
                out.push(tag::UNICODE_CLASS);
                number(out, class.ranges().len());
                for range in class.ranges() {
                    number(out, range.start() as usize);
                    number(out, range.end() as usize);
                }
            }
            HirKind::Class(Class::Bytes(class)) => {
                out.push(tag::BYTE_CLASS);
                number(out, class.ranges().len());
                for range in class.ranges() {
                    out.extend([range.start(), range.end()]);
                }
            }
            HirKind::Look(look) => {
                out.push(tag::LOOK);
                number(out, look.as_repr() as usize);
            }
            HirKind::Repetition(repetition) => {
                out.push(tag::REPETITION);
                number(out, repetition.min as usize);
                match repetition.max {
                    None => out.push(0),
                    Some(max) => {
                        out.push(1);
                        number(out, max as usize);
                    }
                }
                out.push(u8::from(repetition.greedy));
                encode_hir(&repetition.sub, out);
            }
            HirKind::Capture(capture) => {
                out.push(tag::CAPTURE);
                number(out, capture.index as usize);
                match &capture.name {
                    None => out.push(0),
                    Some(name) => {
                        out.push(1);
                        number(out, name.len());
                        out.extend(name.as_bytes());
                    }
                }
                encode_hir(&capture.sub, out);
            }
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                    tag::CONCAT
                } else {
                    tag::ALTERNATION
                });
                number(out, subs.len());
                for sub in subs {
                    encode_hir(sub, out);
                }
            }
        }
    }

    /// The text of `pattern_table.rs` for `sources`: what [`compile`] derives from each
    /// pattern's syntax tree, with the screens and the encoded ASCII forms it points into.
    fn table_text(
        sources: &[String],
        screened: &std::collections::BTreeSet<String>,
    ) -> (String, Vec<u8>, Vec<u8>) {
        let mut screens = Vec::new();
        let mut hirs = Vec::new();
        let mut out = String::from(
            "//! Generated from the built-in data files by the test \
             `pattern::tests::the_table_of_builtin_patterns_is_current`\n\
             //! (`UPDATE_PATTERN_TABLE=1 cargo test -p corroborate-analyze the_table_of`): do \
             not edit.\n//! See docs/decisions/0038-precomputed-pattern-table.md.\n\n\
             use crate::pattern::{AsciiHir, Precomputed, Screen};\n\n\
             /// The built-in patterns, sorted by source.\n\
             #[rustfmt::skip]\n\
             pub(crate) static TABLE: &[Precomputed] = &[\n",
        );
        let bytes = |literal: &[u8]| {
            let escaped: String = literal
                .iter()
                .flat_map(|b| std::ascii::escape_default(*b))
                .map(char::from)
                .collect();
            format!("b\"{escaped}\"")
        };
        for source in sources {
            let ast = parse(source).unwrap();
            let names: Vec<String> = capture_names(&ast)
                .into_iter()
                .map(|name| name.map_or("None".to_string(), |n| format!("Some({n:?})")))
                .collect();
            let required: Vec<String> = required_literals(&ast)
                .iter()
                .map(|set| {
                    format!("&[{}]", set.iter().map(|l| bytes(l)).collect::<Vec<_>>().join(", "))
                })
                .collect();
            let printed = lowercase_form(&ast).map(|lower| {
                let mut printed = String::new();
                regex_syntax::ast::print::Printer::new().print(&lower, &mut printed).unwrap();
                printed
            });
            let lowercase = printed.as_ref().map_or("None".to_string(), |p| format!("Some({p:?})"));
            let whole_only = names.len() == 1;
            let screen = screened
                .contains(source)
                .then(|| screen_of(source, printed.as_deref(), whole_only))
                .flatten()
                .map_or("None".to_string(), |(forward, reverse, lowercase)| {
                    // Each DFA starts 8-aligned, as `dense::DFA::from_bytes` reads it in place.
                    screens.resize(screens.len().next_multiple_of(8), 0);
                    let start = screens.len();
                    let len = forward.len();
                    screens.extend(forward);
                    let reverse_len = reverse.map_or(0, |reverse| {
                        screens.resize(screens.len().next_multiple_of(8), 0);
                        screens.extend(&reverse);
                        reverse.len()
                    });
                    format!(
                        "Some(Screen {{ start: {start}, len: {len}, reverse_len: {reverse_len}, \
                         lowercase: {lowercase} }})"
                    )
                });
            // The ASCII form the tree builds, kept when its encoding decodes to it.
            let ascii = build_ascii(source, &ast)
                .and_then(|form| {
                    let mut encoded = Vec::new();
                    encode_hir(&form.hir, &mut encoded);
                    let decoded = decode_hir(&mut encoded.as_slice())?;
                    (decoded == form.hir).then_some((encoded, form.lowercase))
                })
                .map_or("None".to_string(), |(encoded, lowercase)| {
                    let start = hirs.len();
                    hirs.extend(&encoded);
                    format!(
                        "Some(AsciiHir {{ start: {start}, len: {}, lowercase: {lowercase} }})",
                        encoded.len()
                    )
                });
            out.push_str(&format!(
                "    Precomputed {{\n        source: {source:?},\n        capture_names: &[{}],\n        \
                 required: &[{}],\n        lowercase: {lowercase},\n        screen: {screen},\n        \
                 ascii: {ascii},\n    }},\n",
                names.join(", "),
                required.join(", ")
            ));
        }
        out.push_str("];\n");
        (out, screens, hirs)
    }

    /// The table of built-in patterns is what the built-in data files give now, and each
    /// printed lowercase form translates to the very tree its pattern's lowercase form does.
    #[test]
    fn the_table_of_builtin_patterns_is_current() {
        let sources = builtin_sources();
        assert!(sources.len() > 80, "{} patterns", sources.len());
        let (text, screens, hirs) = table_text(&sources, &time_sources());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern_table.rs");
        let screens_path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern_screens.bin");
        let hirs_path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern_hirs.bin");
        if std::env::var_os("UPDATE_PATTERN_TABLE").is_some() {
            std::fs::write(path, &text).unwrap();
            std::fs::write(screens_path, &screens).unwrap();
            std::fs::write(hirs_path, &hirs).unwrap();
        }
        let current = std::fs::read_to_string(path).unwrap();
        assert!(
            current == text
                && std::fs::read(screens_path).unwrap() == screens
                && std::fs::read(hirs_path).unwrap() == hirs,
            "src/pattern_table.rs, src/pattern_screens.bin or src/pattern_hirs.bin is out of date: \
             UPDATE_PATTERN_TABLE=1 cargo test -p corroborate-analyze \
             the_table_of_builtin_patterns_is_current"
        );
        let translate = |source: &str, ast: &Ast| {
            TranslatorBuilder::new().unicode(false).utf8(false).build().translate(source, ast).ok()
        };
        for source in &sources {
            let known = precomputed(source).unwrap();
            // Every screen reads back (a bad one would only cost speed, so say it here).
            if known.screen.is_some() {
                let pattern = LazyRegex::from_table(source.clone(), known);
                pattern.screened_out("");
                assert!(pattern.screen.get().is_some_and(Option::is_some), "{source}");
            }
            // The encoded ASCII form is the one the tree builds.
            if known.ascii.is_some() {
                let pattern = LazyRegex::from_table(source.clone(), known);
                let tree = build_ascii(source, &parse(source).unwrap()).unwrap();
                let table = pattern.build_ascii().unwrap();
                assert!(table.hir == tree.hir && table.lowercase == tree.lowercase, "{source}");
            }
            let Some(printed) = known.lowercase else { continue };
            let lower = lowercase_form(&parse(source).unwrap()).unwrap();
            let reparsed = parse(printed).unwrap();
            assert_eq!(translate(source, &lower), translate(printed, &reparsed), "{source}");
            // The table's pattern builds the ASCII form the tree's builds.
            let pattern = LazyRegex::from_table(source.clone(), known);
            let tree = build_ascii(source, &parse(source).unwrap()).map(|form| form.lowercase);
            assert_eq!(pattern.build_ascii().map(|form| form.lowercase), tree, "{source}");
        }
    }

    /// A pattern that is not in the table (a user's own, or a built-in one edited) takes the
    /// slow path and searches as the regex crate does; one that is takes the table's.
    #[test]
    fn patterns_outside_the_table_are_parsed_at_compile() {
        let user = compile(r"(?i)\bfortnight\s+(?P<n>\d+)\b").unwrap();
        assert!(user.known.is_none() && user.syntax.get().is_some());
        assert_eq!(user.capture_names().collect::<Vec<_>>(), [None, Some("n")]);
        assert_eq!(user.find("in Fortnight 3 then").map(|m| m.as_str()), Some("Fortnight 3"));
        let builtin = builtin_sources();
        let known = LazyRegex::from_table(builtin[0].clone(), precomputed(&builtin[0]).unwrap());
        assert!(known.syntax.get().is_none());
    }

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_word_boundaries(r"\bDec\b"), r"(?-u:\b)Dec(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b\d\B"), r"a\\b\d\B");
        let re = compile(r"(?i)\bdec\b").unwrap();
        assert_eq!(re.find("“On Dec. 26”").map(|m| m.as_str()), Some("Dec"));
        assert!(re.find("decade").is_none());
    }

    #[test]
    fn syntax_errors_are_reported_at_compile_with_the_regex_crate_message() {
        // Built at run time so that clippy does not check the deliberately bad pattern.
        let unclosed = ["(?P<a>", "x"].concat();
        let ours = compile(&unclosed).unwrap_err().to_string();
        let theirs = Regex::new(&unclosed).unwrap_err().to_string();
        assert_eq!(ours, theirs);
        assert!(compile(r"\p{NoSuchClass}").is_err());
        assert!(compile(r"(?i-u)[^a]").is_err());
        assert!(compile(r"(?-u:[^a])").is_err());
        assert!(translation_can_fail(r"x(?s-u:.)"));
        assert!(!translation_can_fail(r"(?i)\bdec\b(?P<x>\d)"));
    }

    #[test]
    fn capture_names_are_known_before_the_automata_are_built() {
        let pattern = compile(r"(?P<month>\w+) (\d+)(?:x(?P<year>\d{4}))?").unwrap();
        let names: Vec<Option<&str>> = pattern.capture_names().collect();
        assert!(pattern.compiled.get().is_none());
        for text in ["May 5", "Mai 5 é"] {
            let regex = pattern.for_text(text).regex;
            let info = regex.group_info();
            let compiled: Vec<Option<&str>> = (0..info.group_len(regex_automata::PatternID::ZERO))
                .map(|group| info.to_name(regex_automata::PatternID::ZERO, group))
                .collect();
            assert_eq!(names, compiled, "{text:?}");
        }
    }

    /// The required sets of `pattern`, each as a list of strings.
    fn required(pattern: &str) -> Vec<Vec<String>> {
        required_literals(compile(pattern).unwrap().ast().unwrap())
            .into_iter()
            .map(|set| set.into_iter().map(|s| String::from_utf8(s).unwrap()).collect())
            .collect()
    }

    #[test]
    fn required_literals_of_typical_patterns() {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(required(r"(?i)\b(?:(?:early|late)\s+)?tomorrow\b"), [strings(&["tomorrow"])]);
        // Every match holds "last" and "week".
        assert_eq!(
            required(r"(?i)\b(?:(?:early|late)\s+)?last\s+week\b"),
            [strings(&["last"]), strings(&["week"])]
        );
        assert_eq!(
            required(r"(?i)\b(?:this|the current)\s+month\b|\bearlier in the month\b"),
            [strings(&["earlier in the month", "month"])]
        );
        assert_eq!(required(r"\b(?P<year>\d{4})-(?P<month>\d{2})"), [strings(&["-"])]);
        assert_eq!(
            required(r"(?i)(?P<m>May|June)\.?\s+\d"),
            [strings(&["june", "june.", "may", "may."])]
        );
        // Nothing is required of a pattern that can match digits alone, or the empty string.
        assert!(required(r"\d+").is_empty());
        assert!(required(r"(?:today)?").is_empty());
        assert!(required(r"today|\d+").is_empty());
    }

    /// Patterns with and without required literals, one of them with a non-ASCII literal.
    const GATED_PATTERNS: [&str; 6] = [
        r"(?i)\b(?:(?:early|late)\s+)?tomorrow\b",
        r"(?i)\blast\s+week\b",
        r"\d{4}",
        r"(?i)\bKilled\b",
        r"(?i)(?:one|two|\d+)\s+(?:dead|wounded)",
        r"(?i)état",
    ];

    /// Texts for [`GATED_PATTERNS`], with the two letters that fold to ASCII ones.
    const GATED_TEXTS: [&str; 8] = [
        "Late TOMORROW, they said.",
        "It happened last  week in 2024.",
        "nothing here",
        "Two were \u{212A}illed.",
        "\u{17F}ome text tomorrow",
        "two dead, 3 Wounded",
        "the last time, this week",
        "ÉTAT killed",
    ];

    #[test]
    fn the_gate_keeps_every_match_and_skips_building_when_nothing_can_match() {
        for source in GATED_PATTERNS {
            let lazy = compile(source).unwrap();
            let eager = Regex::new(&ascii_word_boundaries(source)).unwrap();
            for text in GATED_TEXTS {
                let ours: Vec<&str> = lazy.find_iter(text).map(|m| m.as_str()).collect();
                let theirs: Vec<&str> = eager.find_iter(text).map(|m| m.as_str()).collect();
                assert_eq!(ours, theirs, "{source:?} on {text:?}");
            }
        }
        let pattern = compile(r"(?i)\blast\s+week\b").unwrap();
        assert!(!pattern.is_match("nothing here"));
        assert!(!pattern.is_match("the last time, this month"));
        assert!(pattern.compiled.get().is_none());
    }

    #[test]
    fn a_gate_set_passes_every_pattern_that_matches_and_turns_away_the_rest() {
        let patterns: Vec<LazyRegex> = GATED_PATTERNS.iter().map(|s| compile(s).unwrap()).collect();
        let gates = GateSet::default();
        for text in GATED_TEXTS {
            let passing = gates.passing(|| patterns.iter(), text);
            assert_eq!(passing.len(), patterns.len());
            for ((pattern, passes), source) in patterns.iter().zip(&passing).zip(GATED_PATTERNS) {
                let eager = Regex::new(&ascii_word_boundaries(source)).unwrap();
                if eager.is_match(text) {
                    assert!(passes, "{source:?} matches {text:?} but its gate turned it away");
                }
                // Each pattern's own gate and the set agree.
                let own = Gate::new(&pattern.required()).passes(text);
                assert_eq!(*passes, own, "{source:?} on {text:?}");
            }
        }
        // "last week" needs both words; "tomorrow" its one word; the digits have no literal.
        let passing = gates.passing(|| patterns.iter(), "the last time, this month");
        assert_eq!(passing, [false, false, true, false, false, false]);
    }

    /// The ASCII form of a pattern finds what the regex crate finds in an ASCII text, for
    /// every construct whose meaning Unicode changes: classes, their negations, the dot, case
    /// folding (with the "s" and "k" that fold to non-ASCII letters), non-ASCII literals.
    #[test]
    fn the_ascii_form_matches_as_the_regex_crate_does_in_ascii_texts() {
        let patterns = [
            r"(?i)\b(?P<w>[\w-]+)\s+(?:[\w-]+\s+){0,3}said\b",
            r"\d{1,2}(?:st|nd|rd|th)?\W+(?P<rest>\S+)",
            r"(?i)kelvin|SKIES|(?-i:ks)",
            r"(?i)[^a-z\s]+|.{3}x",
            r"(?s).{2}\n.",
            r"[[:alpha:]]+[[:^alpha:]]",
            r"(?i)\bit’s\b|it's|é+",
            r"(?m)^\w+$",
            r"(?i)\p{Lu}\w+",
            r"(?i)(?u:\w)+\B",
        ];
        let texts = [
            "Kelvin said the SKIES were clear; ks KS kS. It's 5 o'clock on the 21st -- see A_b!",
            "line one\nline_2 here\n\tthe 3rd\x0b\x0cof May, 1998\r\n",
            "x  y\t\tz 12-34 a-b-c said it said",
            "",
        ];
        for source in patterns {
            compile(source).unwrap().agrees_with_the_regex_crate(&texts).unwrap();
        }
    }

    /// The lowercase form exists for case-insensitive patterns without case-sensitive parts,
    /// and finds in an ASCII text's lowercase copy what the regex crate finds in the text.
    #[test]
    fn the_lowercase_form_matches_as_the_regex_crate_does_in_ascii_texts() {
        let has_form =
            |source: &str| lowercase_form(compile(source).unwrap().ast().unwrap()).is_some();
        for source in [
            r"(?i)\b(?P<month>Sept|OCT)\.?\s+(?P<day>\d{1,2})\b",
            r"(?i)[A-F]+[^XYZ\s]|[0-9a-c]{2}|[[:alpha:]]\W",
            r"(?i)(?:late\s+)?(?P<w>MONDAY|tuesday)(?-u:\b)",
            r"(?i)\bit’s\b|it's|é+",
        ] {
            assert!(has_form(source), "{source}");
        }
        for source in [
            r"(?i)(?-i:May)\s+\d",
            r"(?i)[ -~]x",
            r"(?i)[[:upper:]]x",
            r"(?i)[a-z&&[^q]]",
            r"(?i)\p{Lu}\w+",
            r"(?s)(?i).x",
            r"Dec(?i)ember",
        ] {
            assert!(!has_form(source), "{source}");
        }
        let texts = [
            "Late MONDAY, Sept. 9 and oct 12; Tuesday it's ABC-def x9 Fz! It's IT'S",
            "May 5 and may 6: [Qq] ~x ~X",
            "",
        ];
        for source in [
            r"(?i)\b(?P<month>Sept|OCT)\.?\s+(?P<day>\d{1,2})\b",
            r"(?i)[A-F]+[^XYZ\s]|[0-9a-c]{2}|[[:alpha:]]\W",
            r"(?i)(?:late\s+)?(?P<w>MONDAY|tuesday)(?-u:\b)",
            r"(?i)\bit’s\b|it's|é+",
        ] {
            let pattern = compile(source).unwrap();
            pattern.agrees_with_the_regex_crate(&texts).unwrap();
            let found: Vec<&str> = pattern.find_iter(texts[0]).map(|m| m.as_str()).collect();
            let eager = Regex::new(&ascii_word_boundaries(source)).unwrap();
            let theirs: Vec<&str> = eager.find_iter(texts[0]).map(|m| m.as_str()).collect();
            assert_eq!(found, theirs, "{source}");
            assert!(pattern.ascii.get().and_then(Option::as_ref).is_some_and(|f| f.lowercase));
        }
    }

    /// The filter's search is ASCII case-insensitive plus the two exceptions it checks for:
    /// no other character folds to an ASCII letter under the regex crate's case folding.
    #[test]
    fn only_two_non_ascii_characters_fold_to_ascii_letters() {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let mut folding = Vec::new();
        for letter in ('a'..='z').chain('A'..='Z') {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(letter, letter)]);
            class.case_fold_simple();
            for range in class.ranges() {
                folding.extend((range.start()..=range.end()).filter(|c| !c.is_ascii()));
            }
        }
        folding.sort_unstable();
        folding.dedup();
        assert_eq!(folding, vec!['\u{17F}', '\u{212A}']);
    }
}
