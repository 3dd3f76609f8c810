//! Temporal expressions: finding them with the patterns of `data/time/patterns.toml` and
//! normalising them as TIMEX3 values relative to the document creation time (DCT, the
//! publication date).
//!
//! Patterns are data; what each *kind* of expression means ("the most recent past Dec 26", "the
//! ISO week of the DCT") is code, chosen by the pattern's `normalize` field and parameterised by
//! its `unit`, `shift`, `value` and `type` fields. Without a DCT the values stay underspecified
//! (`XXXX-12-26`) and the intervals empty: a year is never guessed.
//!
//! A yearless date, month, weekday or season is resolved by the tense of the words nearest to it
//! (the `[tense]` cues of the data file): the most recent one on or before the DCT in the past
//! (for a date: unless it comes within 60 days; a month: unless it is the next one), the next one
//! in the future (a weekday with no cue within 60 bytes looks up to 150 away, a month there
//! only for a future cue). When the sentence does not say, reports speak of the past: a weekday
//! is the past one, a date the past one unless it comes within 60 days, a month unless it comes
//! within four, a season the nearest one. Expressions that count from an earlier date ("a year
//! earlier") count from the last date the document named before them ([`Anchor`]).

use crate::pattern::Captures;
use chrono::{Datelike, Days, Months, NaiveDate};
use corroborate_model::{Span, TimePrecision, TimexType};

use crate::pattern::{GateSet, LazyRegex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::terms::{self, Placeholders};
use crate::resources::{DataFiles, ResourceError};

/// Relative name of the time pattern file.
pub(super) const FILE: &str = "time/patterns.toml";

/// The built-in `time/patterns.toml` as parsed, in bincode: decoding it costs a tenth of
/// parsing the TOML, which was most of a process that tags one short document. A test
/// regenerates it from the built-in file (decision 0038). The xxh3-128 hash of the text it was
/// parsed from (16 bytes), the length of the next part (8 bytes, little-endian), the file
/// without its examples, the length of the next part (8 bytes), the patterns as compiled
/// ([`Sources`]), then the examples ([`FileExamples`]), which only a check of the examples
/// decodes (they were two thirds of decoding the file).
const PREBUILT: &[u8] = include_bytes!("time-patterns.bincode");

/// Every pattern of the time file as [`crate::pattern::compile`] is given it (placeholders
/// expanded), in the order [`TimeLexicon::compile`] compiles them, each after its entry's id:
/// with them, a process that reads the built-in file looks its patterns up in the table of
/// built-in patterns without building the placeholders or expanding them (a third of
/// compiling the file). Borrowed from [`PREBUILT`].
type Sources = Vec<(&'static str, &'static str)>;

/// The three parts of [`PREBUILT`] when `text` is the text it was made from (the built-in
/// file, or a user's copy of it); `None` otherwise, and the TOML is parsed.
fn prebuilt_parts(text: &str) -> Option<[&'static [u8]; 3]> {
    let hash: u128 = bincode::deserialize(PREBUILT.get(..16)?).ok()?;
    if hash != xxhash_rust::xxh3::xxh3_128(text.as_bytes()) {
        return None;
    }
    split_prebuilt()
}

/// The file part, the sources part and the examples part of [`PREBUILT`].
fn split_prebuilt() -> Option<[&'static [u8]; 3]> {
    let part = |bytes: &'static [u8]| -> Option<(&'static [u8], &'static [u8])> {
        let len: u64 = bincode::deserialize(bytes.get(..8)?).ok()?;
        let rest = bytes.get(8..)?;
        let len = usize::try_from(len).ok().filter(|len| *len <= rest.len())?;
        Some(rest.split_at(len))
    };
    let (file, rest) = part(PREBUILT.get(16..)?)?;
    let (sources, examples) = part(rest)?;
    Some([file, sources, examples])
}

/// The parse of `text`, without its examples, and its compiled patterns, when it is the text
/// [`PREBUILT`] was made from.
fn prebuilt(text: &str) -> Option<(PatternFile, Sources)> {
    let [file, sources, _] = prebuilt_parts(text)?;
    Some((bincode::deserialize(file).ok()?, bincode::deserialize(sources).ok()?))
}

/// The examples of a time file, in file order: each pattern's, then each statement cue's.
#[derive(Debug, Default, Deserialize, Serialize)]
struct FileExamples {
    patterns: Vec<Vec<Example>>,
    statement_cues: Vec<Vec<String>>,
}

impl FileExamples {
    /// The examples of `file`, taken out of it.
    fn take(file: &mut PatternFile) -> FileExamples {
        FileExamples {
            patterns: file.pattern.iter_mut().map(|p| std::mem::take(&mut p.examples)).collect(),
            statement_cues: file
                .statement_cue
                .iter_mut()
                .map(|c| std::mem::take(&mut c.examples))
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    names: Names,
    tense: TenseCues,
    pattern: Vec<PatternEntry>,
    statement_cue: Vec<StatementCueEntry>,
    #[serde(default)]
    known_failures: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Names {
    /// Spellings of each month, January first.
    months: Vec<Vec<String>>,
    /// Spellings of each weekday, Monday first.
    weekdays: Vec<Vec<String>>,
    /// Number words and their values; "twenty four" adds its words.
    numbers: BTreeMap<String, u32>,
    /// Words that stand for an unknown count ("several", "a few"): the value gets an `X`.
    vague_numbers: Vec<String>,
    /// Ordinal words and their values (quarters).
    ordinals: BTreeMap<String, u32>,
    /// Parts of the day and their TIMEX3 codes (morning = "MO").
    parts_of_day: BTreeMap<String, String>,
    /// Seasons and their TIMEX3 codes (summer = "SU").
    seasons: BTreeMap<String, String>,
    /// Words left out of an expression's extent when they begin it ("on Tuesday" → "Tuesday").
    strip_leading: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct TenseCues {
    /// Words that put the nearby verb in the future ("will", "expected to").
    future: String,
    /// Words that put it in the past ("said", "was").
    past: String,
    /// A future seen from the past ("had been scheduled to", "was due to"): when it is the
    /// nearest cue, the expression lies in the past although a future word is in it.
    #[serde(default)]
    past_future: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Example {
    pub(super) text: String,
    #[serde(default)]
    pub(super) dct: Option<NaiveDate>,
    pub(super) value: Option<String>,
    #[serde(default)]
    pub(super) earliest: Option<NaiveDate>,
    #[serde(default)]
    pub(super) latest: Option<NaiveDate>,
    /// The expected extent, when it differs from the whole match.
    #[serde(default)]
    pub(super) extent: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PatternEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    pattern: String,
    normalize: String,
    /// Calendar unit of a relative expression: day, week, weekend, month, quarter, year.
    #[serde(default)]
    unit: Option<String>,
    /// Units before (negative) or after the DCT's.
    #[serde(default)]
    shift: Option<i32>,
    /// A fixed value (`PRESENT_REF`, `P1D`) for `ref` and `set`; the part after the year
    /// (`WXX`) for `unspecified`; the day rule for `holiday`.
    #[serde(default)]
    value: Option<String>,
    /// Part of the day (`MO`, `NI`) a relative day carries.
    #[serde(default)]
    part: Option<String>,
    /// `past` or `future`: the tense the expression itself implies ("Wednesday's ruling"),
    /// which overrides the cues around it.
    #[serde(default)]
    tense: Option<String>,
    examples: Vec<Example>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct StatementCueEntry {
    id: String,
    #[allow(dead_code)]
    description: String,
    /// Matched against the text just before the expression; must end with `$`.
    before: String,
    examples: Vec<String>,
}

/// What a matched expression means; the `normalize` field of a pattern names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    MonthDay,
    MonthYear,
    MonthOnly,
    SinceMonth,
    Relative,
    Weekday,
    UnitsAgo,
    YearOnly,
    Duration,
    Ref,
    Set,
    Quarter,
    YearEarlier,
    Season,
    Decade,
    Clock,
    Holiday,
    Century,
    Anchored,
    Unspecified,
}

/// The `normalize` names, for the error message and the parser.
const KINDS: &[(&str, Kind)] = &[
    ("month_day", Kind::MonthDay),
    ("month_year", Kind::MonthYear),
    ("month_only", Kind::MonthOnly),
    ("since_month", Kind::SinceMonth),
    ("relative", Kind::Relative),
    ("weekday", Kind::Weekday),
    ("units_ago", Kind::UnitsAgo),
    ("year_only", Kind::YearOnly),
    ("duration", Kind::Duration),
    ("ref", Kind::Ref),
    ("set", Kind::Set),
    ("quarter", Kind::Quarter),
    ("year_earlier", Kind::YearEarlier),
    ("season", Kind::Season),
    ("decade", Kind::Decade),
    ("clock", Kind::Clock),
    ("holiday", Kind::Holiday),
    ("century", Kind::Century),
    ("anchored", Kind::Anchored),
    ("unspecified", Kind::Unspecified),
];

#[derive(Debug)]
struct Pattern {
    id: String,
    regex: LazyRegex,
    kind: Kind,
    unit: Option<String>,
    shift: Option<i32>,
    value: Option<String>,
    part: Option<String>,
    tense: Option<Tense>,
}

#[derive(Debug)]
struct StatementCue {
    id: String,
    before: LazyRegex,
}

/// Which way from the DCT the words around an expression point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// A temporal expression, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// Where it lies.
    pub(super) span: Span,
    /// Id of the pattern that matched.
    pub(super) rule_id: String,
    /// TIMEX3 type.
    pub(super) timex_type: TimexType,
    /// TIMEX3 value, possibly underspecified.
    pub(super) value: Option<String>,
    /// Earliest day the expression allows (`None` without a DCT, or for durations).
    pub(super) earliest: Option<NaiveDate>,
    /// Latest day the expression allows.
    pub(super) latest: Option<NaiveDate>,
    /// Granularity.
    pub(super) precision: TimePrecision,
}

/// The last calendar date a document named, which "a year earlier" counts from.
#[derive(Debug, Clone, Default)]
pub(super) struct Anchor {
    last: Option<String>,
}

/// The compiled time patterns.
#[derive(Debug)]
pub(super) struct TimeLexicon {
    patterns: Vec<Pattern>,
    /// The literal checks of `patterns`, one scan of a sentence for all of them.
    gates: GateSet,
    statement_cues: Vec<StatementCue>,
    months: BTreeMap<String, u32>,
    weekdays: BTreeMap<String, u32>,
    numbers: BTreeMap<String, u32>,
    vague: Vec<String>,
    ordinals: BTreeMap<String, u32>,
    parts: BTreeMap<String, String>,
    seasons: BTreeMap<String, String>,
    strip_leading: Vec<String>,
    future: LazyRegex,
    past: LazyRegex,
    past_future: Option<LazyRegex>,
    known_failures: Vec<String>,
    /// The file's examples: set when the TOML was parsed, decoded from [`PREBUILT`] on first
    /// use otherwise.
    examples: std::sync::OnceLock<FileExamples>,
}

fn alternation(words: impl Iterator<Item = String>) -> String {
    let mut words: Vec<String> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

impl TimeLexicon {
    /// Compiles `time/patterns.toml`.
    pub(super) fn compile(files: &DataFiles) -> Result<Self, ResourceError> {
        let text = files.get(FILE)?;
        // The built-in file's examples are decoded only when they are checked.
        let (file, examples, sources) = match prebuilt(text) {
            Some((file, sources)) => (file, std::sync::OnceLock::new(), sources),
            None => {
                let mut file: PatternFile = terms::load(files, FILE)?;
                let examples = FileExamples::take(&mut file);
                (file, std::sync::OnceLock::from(examples), Vec::new())
            }
        };
        let names = file.names;
        if names.months.len() != 12 || names.weekdays.len() != 7 {
            return Err(terms::invalid(FILE, "names.months needs 12 lists and names.weekdays 7"));
        }
        let mut months = BTreeMap::new();
        let mut all_months = Vec::new();
        for (idx, spellings) in names.months.iter().enumerate() {
            for s in spellings {
                months.insert(s.to_lowercase(), idx as u32 + 1);
                all_months.push(s.clone());
            }
        }
        let mut weekdays = BTreeMap::new();
        let mut all_weekdays = Vec::new();
        for (idx, spellings) in names.weekdays.iter().enumerate() {
            for s in spellings {
                weekdays.insert(s.to_lowercase(), idx as u32);
                all_weekdays.push(s.clone());
            }
        }
        let lower = |m: BTreeMap<String, String>| -> BTreeMap<String, String> {
            m.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect()
        };
        let numbers: BTreeMap<String, u32> =
            names.numbers.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let ordinals: BTreeMap<String, u32> =
            names.ordinals.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        let parts = lower(names.parts_of_day);
        let seasons = lower(names.seasons);
        // The placeholders are built only for a pattern that [`Sources`] does not give.
        let build_placeholders = || {
            let mut placeholders = Placeholders::default();
            placeholders.words("MONTH", &all_months);
            placeholders.words("WEEKDAY", &all_weekdays);
            let word = alternation(numbers.keys().cloned());
            let tens = alternation(
                numbers
                    .iter()
                    .filter(|(_, v)| (20..100).contains(*v) && *v % 10 == 0)
                    .map(|(k, _)| k.clone()),
            );
            let units = alternation(
                numbers
                    .iter()
                    .filter(|(k, v)| (1..10).contains(*v) && k.len() > 2)
                    .map(|(k, _)| k.clone()),
            );
            let vague = alternation(names.vague_numbers.iter().cloned());
            // "twenty four" before "twenty"; a count of digits, a word or a vague word.
            placeholders.fragment(
                "NUMBER",
                &format!(r"\d{{1,3}}(?:\.\d+)?|(?:{tens})[\s-](?:{units})|{word}|{vague}"),
            );
            placeholders.fragment("ORDINAL", &alternation(ordinals.keys().cloned()));
            placeholders.fragment("PART", &alternation(parts.keys().cloned()));
            placeholders.fragment("SEASON", &alternation(seasons.keys().cloned()));
            placeholders
        };
        let mut placeholders: Option<Placeholders> = None;
        let mut sources = sources.into_iter();
        let mut regex = |id: &str, pattern: &str| -> Result<LazyRegex, ResourceError> {
            // The prebuilt source of this entry, found in the table of built-in patterns.
            let known = sources
                .next()
                .filter(|(known_id, _)| *known_id == id)
                .and_then(|(_, source)| crate::pattern::compile_builtin(source));
            if let Some(regex) = known {
                return Ok(regex);
            }
            terms::regex(FILE, id, pattern, placeholders.get_or_insert_with(build_placeholders))
        };
        let mut patterns = Vec::with_capacity(file.pattern.len());
        for entry in file.pattern {
            let kind = KINDS.iter().find(|(n, _)| *n == entry.normalize).map(|(_, k)| *k);
            let kind = kind.ok_or_else(|| {
                let known: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
                terms::invalid(
                    FILE,
                    format!(
                        "entry {}: unknown normalize {:?}; use one of {}",
                        entry.id,
                        entry.normalize,
                        known.join(", ")
                    ),
                )
            })?;
            let regex = regex(&entry.id, &entry.pattern)?;
            let tense = match entry.tense.as_deref() {
                None => None,
                Some("past") => Some(Tense::Past),
                Some("future") => Some(Tense::Future),
                Some(other) => {
                    return Err(terms::invalid(
                        FILE,
                        format!("entry {}: tense {other:?} is neither past nor future", entry.id),
                    ))
                }
            };
            patterns.push(Pattern {
                id: entry.id,
                regex,
                kind,
                unit: entry.unit,
                shift: entry.shift,
                value: entry.value,
                part: entry.part,
                tense,
            });
        }
        let mut statement_cues = Vec::new();
        for entry in file.statement_cue {
            if !entry.before.ends_with('$') {
                return Err(terms::invalid(
                    FILE,
                    format!("entry {}: a statement cue's `before` must end with $", entry.id),
                ));
            }
            let before = regex(&entry.id, &entry.before)?;
            statement_cues.push(StatementCue { id: entry.id, before });
        }
        let future = regex("tense.future", &file.tense.future)?;
        let past = regex("tense.past", &file.tense.past)?;
        let past_future = match &file.tense.past_future {
            Some(p) => Some(regex("tense.past_future", p)?),
            None => None,
        };
        Ok(TimeLexicon {
            patterns,
            gates: GateSet::default(),
            statement_cues,
            months,
            weekdays,
            numbers,
            vague: names.vague_numbers.iter().map(|w| w.to_lowercase()).collect(),
            ordinals,
            parts,
            seasons,
            strip_leading: names.strip_leading.iter().map(|w| w.to_lowercase()).collect(),
            future,
            past,
            past_future,
            known_failures: file.known_failures,
            examples,
        })
    }

    /// Temporal expressions inside `within` (a sentence), normalised against `dct`, in text
    /// order and without overlaps (the longest wins). `anchor` carries the last date named
    /// from one sentence to the next.
    pub(super) fn find(
        &self,
        text: &str,
        within: Span,
        dct: Option<NaiveDate>,
        anchor: &mut Anchor,
    ) -> Vec<Found> {
        // (expression, whole match, pattern, captures)
        let mut candidates: Vec<(Span, Span, &Pattern, Captures<'_>)> = Vec::new();
        let window = within.slice(text).unwrap_or_default();
        let passing = self.gates.passing(|| self.patterns.iter().map(|p| &p.regex), window);
        for (pattern, _) in self.patterns.iter().zip(passing).filter(|(_, passes)| *passes) {
            for (span, caps) in terms::find_in_passed(&pattern.regex, text, within) {
                let rejected = pattern
                    .regex
                    .capture_names()
                    .flatten()
                    .any(|n| n.starts_with("reject") && caps.name(n).is_some());
                if rejected {
                    continue;
                }
                // An `extent` group marks the expression inside context the pattern needs
                // ("the year" of "the year ended June 30").
                let whole = span;
                let span = match caps.name("extent") {
                    Some(m) => Span::new(within.start + m.start(), within.start + m.end()),
                    None => span,
                };
                let span = self.trim_leading(text, span);
                if !span.is_empty() {
                    candidates.push((span, whole, pattern, caps));
                }
            }
        }
        candidates.sort_by_key(|(s, _, _, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut chosen: Vec<Found> = Vec::new();
        let mut last_end = 0;
        for (span, whole, pattern, caps) in candidates {
            if !chosen.is_empty() && last_end > span.start {
                continue;
            }
            // The tense is read around the whole match: the context an `extent` leaves out
            // ("April 24 and" of the 25) belongs to the same phrase.
            let mut tense = pattern.tense.unwrap_or_else(|| self.tense(text, within, whole));
            if tense == Tense::Unknown {
                match pattern.kind {
                    // A bare weekday defaults to the past one, the weakest guess of all: a cue
                    // further off in the same sentence is better ("On Tuesday, the ... League
                    // plans to hold a news conference"). Tried for every kind: worse.
                    Kind::Weekday => tense = self.tense_within(text, within, whole, WIDE_WINDOW),
                    // A month defaults to the past one unless it comes within four; only a future
                    // cue further off overrides that ("will be named commander of the Space
                    // Shuttle Columbia for a mission in December"): a past one there is often
                    // the report's verb, not the event's ("agreed to purchase ... in February").
                    Kind::MonthOnly
                        if self.tense_within(text, within, whole, WIDE_WINDOW) == Tense::Future =>
                    {
                        tense = Tense::Future;
                    }
                    _ => {}
                }
            }
            if let Some(f) = self.normalize(pattern, span, &caps, dct, tense, anchor) {
                // Dates counted from the anchor do not move it.
                let absolute = !matches!(pattern.kind, Kind::YearEarlier | Kind::UnitsAgo);
                if absolute
                    && f.timex_type == TimexType::Date
                    && f.value
                        .as_deref()
                        .is_some_and(|v| v.as_bytes().first().is_some_and(u8::is_ascii_digit))
                {
                    anchor.last = f.value.clone();
                }
                last_end = span.end;
                chosen.push(f);
            }
        }
        chosen
    }

    /// The file's examples (decoded now if this is their first use).
    fn examples(&self) -> &FileExamples {
        self.examples.get_or_init(|| {
            split_prebuilt()
                .and_then(|[_, _, examples]| bincode::deserialize(examples).ok())
                .unwrap_or_default()
        })
    }

    /// The span without the leading prepositions of `names.strip_leading`.
    fn trim_leading(&self, text: &str, span: Span) -> Span {
        let mut start = span.start;
        loop {
            let Some(rest) = text.get(start..span.end) else { return span };
            let word_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            let word = rest[..word_len].to_lowercase();
            if word_len == rest.len() || !self.strip_leading.contains(&word) {
                return Span::new(start, span.end);
            }
            let skip = rest[word_len..].len() - rest[word_len..].trim_start().len();
            start += word_len + skip;
        }
    }

    /// The tense of the cue nearest to `span` inside the sentence `within`.
    fn tense(&self, text: &str, within: Span, span: Span) -> Tense {
        self.tense_within(text, within, span, 60)
    }

    /// The tense of the cue nearest to `span` no further than `window` bytes from it.
    fn tense_within(&self, text: &str, within: Span, span: Span, window: usize) -> Tense {
        let before = terms::text_before(text, within.start, span.start, window);
        let after = terms::text_after(text, span.end, within.end, window);
        // A quotation has its own tense ("``He will leave Thursday,'' Castro said"): only the
        // words on the expression's side of a quotation mark count.
        let before = QUOTES
            .iter()
            .filter_map(|q| before.rfind(q).map(|i| i + q.len()))
            .max()
            .map_or(before, |i| &before[i..]);
        let after =
            QUOTES.iter().filter_map(|q| after.find(q)).min().map_or(after, |i| &after[..i]);
        let nearest_before =
            |re: &LazyRegex| re.find_iter(before).last().map(|m| before.len() - m.end());
        let nearest_after = |re: &LazyRegex| re.find(after).map(|m| m.start());
        let distance = |re: &LazyRegex| match (nearest_before(re), nearest_after(re)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let (future, past) = (distance(&self.future), distance(&self.past));
        if let Some(d) = self.past_future.as_ref().and_then(distance) {
            if future.is_none_or(|f| d <= f) && past.is_none_or(|p| d <= p) {
                return Tense::Past;
            }
        }
        match (future, past) {
            (Some(f), Some(p)) if f <= p => Tense::Future,
            (Some(_), Some(_)) => Tense::Past,
            (Some(_), None) => Tense::Future,
            (None, Some(_)) => Tense::Past,
            (None, None) => Tense::Unknown,
        }
    }

    /// The id of the statement cue that the text before `at` (not before `floor`) ends with:
    /// "said on", "in a radio interview on", "indicated".
    pub(super) fn statement_cue(&self, text: &str, floor: usize, at: usize) -> Option<&str> {
        let before = terms::text_before(text, floor, at, 80);
        self.statement_cues.iter().find(|c| c.before.is_match(before)).map(|c| c.id.as_str())
    }

    /// A count: digits, a number word, two number words added ("twenty four"), or `None` for a
    /// vague count ("several").
    fn count(&self, raw: &str) -> Option<f64> {
        let raw = raw.trim().to_lowercase();
        if let Ok(n) = raw.parse::<f64>() {
            return Some(n);
        }
        if let Some(n) = self.numbers.get(&raw) {
            return Some(f64::from(*n));
        }
        let mut total = 0;
        for word in raw.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()) {
            total += self.numbers.get(word)?;
        }
        Some(f64::from(total))
    }

    fn number(&self, caps: &Captures<'_>, name: &str) -> Option<u32> {
        let n = self.count(caps.name(name)?.as_str())?;
        (n.fract() == 0.0 && n >= 0.0).then_some(n as u32)
    }

    fn is_vague(&self, caps: &Captures<'_>, name: &str) -> bool {
        caps.name(name).is_some_and(|m| self.vague.contains(&m.as_str().trim().to_lowercase()))
    }

    fn month(&self, caps: &Captures<'_>) -> Option<u32> {
        let raw = caps.name("month")?.as_str().to_lowercase();
        raw.parse().ok().or_else(|| self.months.get(raw.trim_end_matches('.')).copied())
    }

    fn year(&self, caps: &Captures<'_>) -> Option<i32> {
        let raw = caps.name("year")?.as_str().trim_start_matches('\'');
        let Ok(y) = raw.parse::<i32>() else {
            return self.year_in_words(raw);
        };
        Some(if raw.len() == 2 { 1900 + y } else { y })
    }

    /// A year said in words, as broadcast transcripts write it: "nineteen ninety-six" (the
    /// century's count, then the year's), "two thousand", "two thousand one".
    fn year_in_words(&self, raw: &str) -> Option<i32> {
        // "the year two thousand": the words that name the year are the number's.
        let words: Vec<String> = raw
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|w| w != "the" && w != "year")
            .collect();
        let raw = words.join(" ");
        if let Some((thousands, rest)) = raw.split_once("thousand") {
            let rest = rest.trim().trim_start_matches("and").trim();
            let low = if rest.is_empty() { 0.0 } else { self.count(rest)? };
            return Some((self.count(thousands)? * 1000.0 + low) as i32);
        }
        let (century, rest) = raw.split_once(char::is_whitespace)?;
        let year = self.count(century)? * 100.0 + self.count(rest)?;
        (1000.0..3000.0).contains(&year).then_some(year as i32)
    }

    /// The year that a `yrel` group ("last year's", "this year", "year-ago") gives: relative
    /// to the DCT's year, or (`year-ago`, `year-earlier`) one before `base`.
    fn year_relative(&self, caps: &Captures<'_>, dct: NaiveDate, base: i32) -> Option<i32> {
        let rel = caps.name("yrel").or_else(|| caps.name("yrel2"))?.as_str().to_lowercase();
        Some(if rel.contains("ago") || rel.contains("earlier") || rel.contains("prior") {
            base - 1
        } else if rel.contains("last") || rel.contains("previous") || rel.contains("past") {
            dct.year() - 1
        } else if rel.contains("next") || rel.contains("coming") {
            dct.year() + 1
        } else {
            dct.year()
        })
    }

    fn part(&self, caps: &Captures<'_>, pattern: &Pattern) -> Option<String> {
        caps.name("part")
            .and_then(|m| self.parts.get(&m.as_str().to_lowercase()).cloned())
            .or_else(|| pattern.part.clone())
    }

    /// The direction a `rel` word ("last", "next", "this") gives, or the tense.
    fn direction(&self, caps: &Captures<'_>, pattern: &Pattern, tense: Tense) -> Direction {
        if let Some(shift) = pattern.shift {
            return Direction::Shift(shift);
        }
        match caps.name("rel").map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("last") | Some("past") | Some("previous") => Direction::Shift(-1),
            Some("next") | Some("coming") | Some("this coming") => Direction::Shift(1),
            Some("this") => Direction::Shift(0),
            _ => match tense {
                Tense::Past => Direction::Past,
                Tense::Future => Direction::Future,
                Tense::Unknown => Direction::Nearest,
            },
        }
    }

    fn normalize(
        &self,
        pattern: &Pattern,
        span: Span,
        caps: &Captures<'_>,
        dct: Option<NaiveDate>,
        tense: Tense,
        anchor: &Anchor,
    ) -> Option<Found> {
        let mut out = Found {
            span,
            rule_id: pattern.id.clone(),
            timex_type: TimexType::Date,
            value: None,
            earliest: None,
            latest: None,
            precision: TimePrecision::Unknown,
        };
        match pattern.kind {
            Kind::MonthDay => {
                let month = self.month(caps)?;
                let day = self.number(caps, "day")?;
                let date = match (self.year(caps), dct) {
                    (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
                    (None, Some(dct)) => resolve_month_day(dct, month, day, Direction::from(tense)),
                    (None, None) => {
                        // Check the day exists in some year before keeping the partial value.
                        NaiveDate::from_ymd_opt(2000, month, day)?;
                        if pattern.unit.as_deref() == Some("week") {
                            out.value = Some("XXXX-WXX".to_string());
                            out.precision = TimePrecision::Week;
                        } else {
                            out.value = Some(format!("XXXX-{month:02}-{day:02}"));
                            out.precision = TimePrecision::Day;
                        }
                        return Some(out);
                    }
                }?;
                // "the week of March 6": the ISO week of the date.
                if pattern.unit.as_deref() == Some("week") {
                    week_value(&mut out, date)?;
                } else {
                    day_value(&mut out, date);
                }
            }
            Kind::MonthYear => {
                let month = self.month(caps)?;
                let year = self.year(caps)?;
                month_value(&mut out, NaiveDate::from_ymd_opt(year, month, 1)?)?;
            }
            Kind::MonthOnly | Kind::SinceMonth => {
                let month = self.month(caps)?;
                let Some(dct) = dct else {
                    out.value = Some(format!("XXXX-{month:02}"));
                    out.precision = TimePrecision::Month;
                    return Some(out);
                };
                let dir = if pattern.kind == Kind::SinceMonth {
                    Direction::Past
                } else {
                    self.direction(caps, pattern, tense)
                };
                let first = match self.year_relative(caps, dct, dct.year()) {
                    // "June last year", "January this year".
                    Some(year) => NaiveDate::from_ymd_opt(year, month, 1)?,
                    None => resolve_month(dct, month, dir)?,
                };
                if pattern.kind == Kind::SinceMonth {
                    out.value = Some(first.format("%Y-%m").to_string());
                    set_days(&mut out, first, dct, TimePrecision::Months);
                } else {
                    month_value(&mut out, first)?;
                }
            }
            Kind::Relative => {
                let unit = pattern.unit.as_deref().unwrap_or("day");
                let shift = pattern.shift.unwrap_or(0);
                let part = self.part(caps, pattern);
                let Some(dct) = dct else {
                    out.value = Some(underspecified_for_unit(unit).to_string());
                    out.precision = precision_for_unit(unit);
                    if let (Some(p), "day") = (&part, unit) {
                        out.timex_type = TimexType::Time;
                        out.value = Some(format!("XXXX-XX-XXT{p}"));
                    }
                    return Some(out);
                };
                relative(&mut out, dct, unit, shift, tense)?;
                if let (Some(p), "day") = (part, unit) {
                    out.timex_type = TimexType::Time;
                    out.value = out.value.map(|v| format!("{v}T{p}"));
                }
            }
            Kind::Weekday => {
                let raw = caps.name("weekday")?.as_str().to_lowercase();
                let weekday = *self.weekdays.get(raw.trim_end_matches('.'))?;
                let part = caps
                    .name("part")
                    .and_then(|m| self.parts.get(&m.as_str().to_lowercase()).cloned());
                let Some(dct) = dct else {
                    out.value = Some(format!("XXXX-WXX-{}", weekday + 1));
                    out.precision = TimePrecision::Day;
                    return Some(out);
                };
                let mut dir = self.direction(caps, pattern, tense);
                if dir == Direction::Nearest {
                    // Reports speak of the past unless they say otherwise.
                    dir = Direction::Past;
                }
                let day = resolve_weekday(dct, weekday, dir)?;
                day_value(&mut out, day);
                // "Friday night" stays a DATE of that day (as TimeBank and AQUAINT mostly mark
                // it) unless the pattern asks for the part of the day.
                if let (Some(p), Some(_)) = (part, &pattern.part) {
                    out.timex_type = TimexType::Time;
                    out.value = out.value.map(|v| format!("{v}T{p}"));
                }
            }
            Kind::Clock => {
                let (hour, minute) = if caps.name("noon").is_some() {
                    (12, 0)
                } else {
                    let mut hour = self.number(caps, "hour")?;
                    let minute =
                        caps.name("minute").map_or(Some(0), |m| m.as_str().parse().ok())?;
                    let pm = caps
                        .name("ampm")
                        .is_some_and(|m| m.as_str().to_lowercase().starts_with('p'));
                    if hour > 12 || minute > 59 {
                        return None;
                    }
                    if pm && hour < 12 {
                        hour += 12;
                    } else if !pm && hour == 12 {
                        hour = 0;
                    }
                    (hour, minute)
                };
                out.timex_type = TimexType::Time;
                let month = self.month(caps);
                let day = self.number(caps, "day");
                let date = match (caps.name("weekday"), dct) {
                    // "5 p.m. EST Nov. 9": the named day, as a date without a clock resolves.
                    _ if month.is_some() && day.is_some() => {
                        let (month, day) = (month?, day?);
                        let date = match (self.year(caps), dct) {
                            (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
                            (None, Some(dct)) => {
                                resolve_month_day(dct, month, day, Direction::from(tense))
                            }
                            (None, None) => {
                                NaiveDate::from_ymd_opt(2000, month, day)?;
                                out.value =
                                    Some(format!("XXXX-{month:02}-{day:02}T{hour:02}:{minute:02}"));
                                out.precision = TimePrecision::Day;
                                return Some(out);
                            }
                        };
                        date?
                    }
                    (_, None) => {
                        out.value = Some(format!("XXXX-XX-XXT{hour:02}:{minute:02}"));
                        out.precision = TimePrecision::Day;
                        return Some(out);
                    }
                    (Some(w), Some(dct)) => {
                        let weekday = *self.weekdays.get(&w.as_str().to_lowercase())?;
                        let dir = match tense {
                            Tense::Future => Direction::Future,
                            _ => Direction::Past,
                        };
                        resolve_weekday(dct, weekday, dir)?
                    }
                    (None, Some(dct)) => dct,
                };
                set_days(&mut out, date, date, TimePrecision::Day);
                out.value = Some(format!("{}T{hour:02}:{minute:02}", date.format("%Y-%m-%d")));
            }
            Kind::UnitsAgo => {
                let unit = caps.name("unit")?.as_str().to_lowercase();
                let n = if self.is_vague(caps, "num") { None } else { self.number(caps, "num") };
                let Some(n) = n else {
                    // "several years ago": a past time the text does not count.
                    out.value = Some("PAST_REF".to_string());
                    return Some(out);
                };
                let Some(dct) = dct else {
                    out.value = Some(underspecified_for_unit(&unit).to_string());
                    out.precision = precision_for_unit(&unit);
                    return Some(out);
                };
                if unit.starts_with("day") || unit.starts_with("night") {
                    day_value(&mut out, dct.checked_sub_days(Days::new(u64::from(n)))?);
                } else if unit.starts_with("week") {
                    let day = dct.checked_sub_days(Days::new(u64::from(n) * 7))?;
                    week_value(&mut out, day)?;
                } else if unit.starts_with("month") {
                    month_value(&mut out, dct.with_day(1)?.checked_sub_months(Months::new(n))?)?;
                } else if unit.starts_with("decade") {
                    year_interval(&mut out, dct.year() - 10 * n as i32)?;
                } else if n == 1 && anchor_quarter(anchor).is_some() {
                    let (y, q) = anchor_quarter(anchor)?;
                    quarter_value(&mut out, y - 1, q)?;
                } else {
                    year_interval(&mut out, dct.year() - n as i32)?;
                }
            }
            Kind::YearEarlier => {
                let Some(dct) = dct else {
                    out.value = Some("XXXX".to_string());
                    out.precision = TimePrecision::Year;
                    return Some(out);
                };
                let whole = caps.get(0).map_or(String::new(), |m| m.as_str().to_lowercase());
                // "The year-ago quarter", "the same period last year": the quarter of the date
                // last named ("the quarter ended Sept. 30") when no quarter was named.
                let names_quarter = whole.contains("quarter") || whole.contains("period");
                let quarter = anchor_quarter(anchor)
                    .or_else(|| names_quarter.then(|| anchor_date_quarter(anchor)).flatten());
                // The adjective ("the year-ago results") compares with the report's own period:
                // a date of the year before it ("the 1988 period") does not move it back again.
                let report_year = if dct.month() > 3 { dct.year() } else { dct.year() - 1 };
                let base =
                    |year: i32| if whole.contains("year-") { year.max(report_year) } else { year };
                if let Some((y, q)) = quarter {
                    quarter_value(&mut out, base(y) - 1, q)?;
                } else {
                    let year = anchor
                        .last
                        .as_deref()
                        .and_then(|v| v.get(..4))
                        .and_then(|y| y.parse::<i32>().ok())
                        .unwrap_or(dct.year());
                    year_interval(&mut out, base(year) - 1)?;
                }
            }
            Kind::Anchored => {
                // "that year", "the following month", "earlier that day": the date last named,
                // at the pattern's unit, moved `shift` units; nothing when none was named.
                let unit = pattern.unit.as_deref().unwrap_or("year");
                let shift = pattern.shift.unwrap_or(0);
                let last = anchor.last.as_deref()?;
                match caps.name("weekday") {
                    // "the previous Friday": that weekday before (after) the day last named.
                    Some(w) => {
                        let weekday = *self.weekdays.get(&w.as_str().to_lowercase())?;
                        let day =
                            resolve_weekday(anchor_day(last)?, weekday, Direction::Shift(shift))?;
                        day_value(&mut out, day);
                    }
                    None => anchored(&mut out, last, unit, shift)?,
                }
            }
            Kind::YearOnly => {
                let year = self.year(caps)?;
                year_interval(&mut out, year)?;
            }
            Kind::Century => {
                // "the 20th century" is 19: the TIMEX3 value keeps the century's digits.
                let n = self.number(caps, "century")?;
                out.value = Some(format!("{:02}", n.checked_sub(1)?));
                out.precision = TimePrecision::Year;
            }
            Kind::Decade => {
                let raw = caps.name("decade")?.as_str();
                out.value = Some(raw.get(..3)?.to_string());
                out.precision = TimePrecision::Year;
            }
            Kind::Quarter => {
                let Some(ord) = caps.name("ord") else {
                    // "the 1988 quarter", "last year's period": the quarter last named (or the
                    // one of the date last named), in the year the expression gives. "The
                    // quarter" alone takes only a named quarter, else `shift` quarters from
                    // the DCT's.
                    let names_year = caps.name("year").is_some()
                        || caps.name("yrel").or_else(|| caps.name("yrel2")).is_some();
                    let anchored = if names_year {
                        anchor_quarter(anchor).or_else(|| anchor_date_quarter(anchor))
                    } else {
                        anchor_quarter(anchor)
                    };
                    let Some((anchor_year, q)) = anchored else {
                        let relative_year = dct.and_then(|d| self.year_relative(caps, d, d.year()));
                        match (self.year(caps).or(relative_year), pattern.shift, dct) {
                            (Some(year), _, _) => year_interval(&mut out, year)?,
                            (None, Some(shift), Some(dct)) => {
                                relative(&mut out, dct, "quarter", shift, tense)?
                            }
                            (None, _, _) => {
                                out.value = Some("XXXX-QX".to_string());
                                out.precision = TimePrecision::Months;
                            }
                        }
                        return Some(out);
                    };
                    let year = match (self.year(caps), dct) {
                        (Some(y), _) => y,
                        (None, Some(dct)) => {
                            self.year_relative(caps, dct, anchor_year).unwrap_or(anchor_year)
                        }
                        (None, None) => {
                            out.value = Some(format!("XXXX-Q{q}"));
                            out.precision = TimePrecision::Months;
                            return Some(out);
                        }
                    };
                    quarter_value(&mut out, year, q)?;
                    return Some(out);
                };
                let q = *self.ordinals.get(&ord.as_str().to_lowercase())?;
                if !(1..=4).contains(&q) {
                    return None;
                }
                let year = match (self.year(caps), dct) {
                    (Some(y), _) => y,
                    (None, Some(dct)) if caps.name("yrel").is_some() => {
                        let current = (dct.month() - 1) / 3 + 1;
                        let base = if q <= current { dct.year() } else { dct.year() - 1 };
                        self.year_relative(caps, dct, base)?
                    }
                    (None, Some(dct)) => {
                        let current = (dct.month() - 1) / 3 + 1;
                        if q <= current || tense == Tense::Future {
                            dct.year()
                        } else {
                            dct.year() - 1
                        }
                    }
                    (None, None) => {
                        out.value = Some(format!("XXXX-Q{q}"));
                        out.precision = TimePrecision::Months;
                        return Some(out);
                    }
                };
                quarter_value(&mut out, year, q)?;
            }
            Kind::Season => {
                let code = self.seasons.get(&caps.name("season")?.as_str().to_lowercase())?.clone();
                let Some(dct) = dct else {
                    out.value = Some(format!("XXXX-{code}"));
                    out.precision = TimePrecision::Months;
                    return Some(out);
                };
                let year = match (self.year(caps), self.direction(caps, pattern, tense)) {
                    (Some(y), _) => y,
                    (None, Direction::Shift(0)) | (None, Direction::Nearest) => dct.year(),
                    (None, dir) => {
                        let order = ["WI", "SP", "SU", "FA"];
                        let idx = order.iter().position(|s| *s == code)? as i32;
                        let cur = (dct.month() % 12 / 3) as i32;
                        match dir {
                            Direction::Shift(s) if s < 0 => {
                                if idx < cur {
                                    dct.year()
                                } else {
                                    dct.year() - 1
                                }
                            }
                            Direction::Past => {
                                if idx <= cur {
                                    dct.year()
                                } else {
                                    dct.year() - 1
                                }
                            }
                            Direction::Shift(_) => {
                                if idx > cur {
                                    dct.year()
                                } else {
                                    dct.year() + 1
                                }
                            }
                            _ => {
                                if idx >= cur {
                                    dct.year()
                                } else {
                                    dct.year() + 1
                                }
                            }
                        }
                    }
                };
                out.value = Some(format!("{year:04}-{code}"));
                out.precision = TimePrecision::Months;
            }
            Kind::Duration => {
                let unit =
                    caps.name("unit").or_else(|| caps.name("unit2"))?.as_str().to_lowercase();
                out.timex_type = TimexType::Duration;
                let (time, letter, scale) = duration_unit(&unit)?;
                let n = if self.is_vague(caps, "num") {
                    None
                } else {
                    match caps.name("num") {
                        Some(m) => Some(self.count(m.as_str())?),
                        None => pattern.shift.map(f64::from),
                    }
                };
                let t = if time { "T" } else { "" };
                out.value = Some(match n {
                    Some(n) if (n * scale).fract() == 0.0 => {
                        format!("P{t}{}{letter}", (n * scale) as u64)
                    }
                    Some(n) if time && letter == "H" => {
                        let minutes = (n * 60.0).round() as u64;
                        format!("PT{}H{}M", minutes / 60, minutes % 60)
                    }
                    Some(n) => format!("P{t}{n}{letter}"),
                    None => format!("P{t}X{letter}"),
                });
            }
            Kind::Ref => {
                out.value = Some(pattern.value.clone()?);
            }
            Kind::Unspecified => {
                // "For the week": a period of the DCT's year that the text does not say, its
                // `value` the rest of the TIMEX3 value ("WXX"). Like every value with an `X`,
                // it gives no interval.
                let rest = pattern.value.as_deref()?;
                let year = dct.map_or_else(|| "XXXX".to_string(), |d| format!("{:04}", d.year()));
                out.value = Some(format!("{year}-{rest}"));
                out.precision = precision_for_unit(pattern.unit.as_deref().unwrap_or("year"));
            }
            Kind::Holiday => {
                // `value` is "MM-DD" (a fixed day), "MM-N-D" (the Nth weekday D, ISO 1-7) or
                // "easter+N" (N days from Easter Sunday, N may be negative).
                let rule = pattern.value.as_deref()?;
                let easter_offset: Option<i64> = rule
                    .strip_prefix("easter")
                    .map(|n| n.trim_start_matches('+').parse().unwrap_or(0));
                let parts: Vec<u32> = rule.split('-').filter_map(|p| p.parse().ok()).collect();
                let week = pattern.unit.as_deref() == Some("week");
                let on = |year: i32| -> Option<NaiveDate> {
                    if let Some(n) = easter_offset {
                        let sunday = easter_sunday(year)?;
                        let day = if n < 0 {
                            sunday.checked_sub_days(Days::new(n.unsigned_abs()))
                        } else {
                            sunday.checked_add_days(Days::new(n.unsigned_abs()))
                        }?;
                        // A week is placed by its Monday: "as Easter week began" is this year's.
                        return if week {
                            let back = day.weekday().num_days_from_monday();
                            day.checked_sub_days(Days::new(u64::from(back)))
                        } else {
                            Some(day)
                        };
                    }
                    match parts.as_slice() {
                        [m, d] => NaiveDate::from_ymd_opt(year, *m, *d),
                        [m, n, wd] => {
                            let first = NaiveDate::from_ymd_opt(year, *m, 1)?;
                            let offset = (wd + 7 - first.weekday().number_from_monday()) % 7;
                            first.checked_add_days(Days::new(u64::from(offset + 7 * (n - 1))))
                        }
                        _ => None,
                    }
                };
                let Some(dct) = dct else {
                    // Without a year a weekday rule does not fix the day of the month, nor
                    // Easter its month.
                    let day = on(2001)?;
                    out.value = Some(match parts.len() {
                        _ if week => "XXXX-WXX".to_string(),
                        _ if easter_offset.is_some() => "XXXX-XX-XX".to_string(),
                        2 => format!("XXXX-{:02}-{:02}", day.month(), day.day()),
                        _ => format!("XXXX-{:02}-XX", day.month()),
                    });
                    out.precision = if week { TimePrecision::Week } else { TimePrecision::Day };
                    return Some(out);
                };
                let candidates: Vec<NaiveDate> =
                    (-1..=1).filter_map(|d| on(dct.year() + d)).collect();
                let day = match self.direction(caps, pattern, tense) {
                    Direction::Future => candidates.into_iter().find(|d| *d >= dct),
                    Direction::Shift(s) if s > 0 => candidates.into_iter().find(|d| *d > dct),
                    Direction::Shift(0) => on(dct.year()),
                    Direction::Nearest => {
                        candidates.into_iter().min_by_key(|d| (*d - dct).num_days().abs())
                    }
                    _ => candidates.into_iter().filter(|d| *d <= dct).max(),
                }?;
                // "Easter week": the ISO week the day ends.
                if week {
                    week_value(&mut out, day)?;
                } else {
                    day_value(&mut out, day);
                }
            }
            Kind::Set => {
                out.timex_type = TimexType::Set;
                out.value = match &pattern.value {
                    Some(v) => Some(v.clone()),
                    None => {
                        let unit = caps.name("unit")?.as_str().to_lowercase();
                        let (time, letter, scale) = duration_unit(&unit)?;
                        let t = if time { "T" } else { "" };
                        Some(format!("P{t}{}{letter}", scale as u64))
                    }
                };
            }
        }
        Some(out)
    }

    /// Runs every example; returns `(entry id, what went wrong)` for each failure that is not in
    /// `known_failures`.
    pub(super) fn check_examples(&self) -> Vec<(String, String)> {
        let mut failures = Vec::new();
        let examples = self.examples();
        for (pattern, pattern_examples) in self.patterns.iter().zip(&examples.patterns) {
            for ex in pattern_examples {
                let span = Span::new(0, ex.text.len());
                let found = self.find(&ex.text, span, ex.dct, &mut Anchor::default());
                let hit = found.iter().find(|f| f.rule_id == pattern.id);
                let ok = match hit {
                    None => false,
                    Some(f) => {
                        f.value == ex.value
                            && (ex.earliest.is_none() || f.earliest == ex.earliest)
                            && (ex.latest.is_none() || f.latest == ex.latest)
                            && (ex.extent.is_none()
                                || f.span.slice(&ex.text) == ex.extent.as_deref())
                            && (!f.value.as_deref().unwrap_or("X").contains('X')
                                || (f.earliest.is_none() && f.latest.is_none()))
                    }
                };
                if !ok && !self.known_failures.contains(&pattern.id) {
                    failures.push((pattern.id.clone(), format!("{:?} gave {:?}", ex.text, hit)));
                }
            }
        }
        for (cue, cue_examples) in self.statement_cues.iter().zip(&examples.statement_cues) {
            for ex in cue_examples {
                // The example marks the expression with [brackets]; the cue must match before it.
                let at = ex.find('[').unwrap_or(ex.len());
                let hit = self.statement_cue(ex, 0, at);
                if hit != Some(cue.id.as_str()) && !self.known_failures.contains(&cue.id) {
                    failures.push((cue.id.clone(), format!("{ex:?} gave {hit:?}")));
                }
            }
        }
        failures
    }
}

/// How far (bytes) the tense of a weekday or month is looked for when no cue is within the
/// usual 60.
const WIDE_WINDOW: usize = 150;

/// Quotation marks as news text writes them, straight, curly and TeX-style.
const QUOTES: [&str; 5] = ["\"", "\u{201c}", "\u{201d}", "``", "''"];

/// Where to look for a yearless date, month, weekday or season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// The most recent one on or before the DCT.
    Past,
    /// The next one on or after the DCT.
    Future,
    /// The nearest one either way.
    Nearest,
    /// Strictly before (negative), strictly after (positive) or the DCT's own (zero).
    Shift(i32),
}

impl From<Tense> for Direction {
    fn from(tense: Tense) -> Self {
        match tense {
            Tense::Future => Direction::Future,
            Tense::Past => Direction::Past,
            Tense::Unknown => Direction::Nearest,
        }
    }
}

fn set_days(out: &mut Found, earliest: NaiveDate, latest: NaiveDate, precision: TimePrecision) {
    out.earliest = Some(earliest);
    out.latest = Some(latest);
    out.precision = precision;
}

fn day_value(out: &mut Found, day: NaiveDate) {
    out.value = Some(day.format("%Y-%m-%d").to_string());
    set_days(out, day, day, TimePrecision::Day);
}

fn week_value(out: &mut Found, day: NaiveDate) -> Option<()> {
    let monday =
        day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))?;
    out.value = Some(iso_week(monday));
    set_days(out, monday, monday.checked_add_days(Days::new(6))?, TimePrecision::Week);
    Some(())
}

fn month_value(out: &mut Found, first: NaiveDate) -> Option<()> {
    out.value = Some(first.format("%Y-%m").to_string());
    set_days(out, first, month_end(first)?, TimePrecision::Month);
    Some(())
}

fn quarter_value(out: &mut Found, year: i32, q: u32) -> Option<()> {
    let first = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
    let last = first.checked_add_months(Months::new(3))?.checked_sub_days(Days::new(1))?;
    out.value = Some(format!("{year:04}-Q{q}"));
    set_days(out, first, last, TimePrecision::Months);
    Some(())
}

fn year_interval(out: &mut Found, year: i32) -> Option<()> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    out.value = Some(format!("{year:04}"));
    set_days(out, first, last, TimePrecision::Year);
    Some(())
}

/// The year, month or day of `last` (a date value) at `unit`, moved `shift` units; `None`
/// when `last` is coarser than `unit`.
fn anchored(out: &mut Found, last: &str, unit: &str, shift: i32) -> Option<()> {
    let year: i32 = last.get(..4)?.parse().ok()?;
    let part = |range: std::ops::Range<usize>| -> Option<u32> {
        (last.as_bytes().get(range.start - 1) == Some(&b'-'))
            .then(|| last.get(range)?.parse().ok())
            .flatten()
    };
    match unit {
        // "until then": the date last named as it was named (a day, a month, a quarter, a year).
        "same" => match (anchor_day(last), anchor_quarter_value(last), part(5..7)) {
            (Some(day), _, _) => {
                day_value(out, day);
                Some(())
            }
            (None, Some((y, q)), _) => quarter_value(out, y, q),
            (None, None, Some(m)) if last.len() == 7 => {
                month_value(out, NaiveDate::from_ymd_opt(year, m, 1)?)
            }
            _ if last.len() == 4 => year_interval(out, year),
            _ => None,
        },
        "year" => year_interval(out, year.checked_add(shift)?),
        "month" => {
            let first = NaiveDate::from_ymd_opt(year, part(5..7)?, 1)?;
            let first = if shift < 0 {
                first.checked_sub_months(Months::new(shift.unsigned_abs()))?
            } else {
                first.checked_add_months(Months::new(shift.unsigned_abs()))?
            };
            month_value(out, first)
        }
        "day" => {
            let day = NaiveDate::from_ymd_opt(year, part(5..7)?, part(8..10)?)?;
            let day = if shift < 0 {
                day.checked_sub_days(Days::new(u64::from(shift.unsigned_abs())))?
            } else {
                day.checked_add_days(Days::new(u64::from(shift.unsigned_abs())))?
            };
            day_value(out, day);
            Some(())
        }
        _ => None,
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, u32::try_from(n / 31).ok()?, u32::try_from(n % 31 + 1).ok()?)
}

/// The year and quarter of the anchor, when it names a quarter.
fn anchor_quarter(anchor: &Anchor) -> Option<(i32, u32)> {
    anchor_quarter_value(anchor.last.as_deref()?)
}

/// The year and quarter of a quarter value (`1989-Q3`).
fn anchor_quarter_value(v: &str) -> Option<(i32, u32)> {
    let (y, q) = v.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// The day a day value (`1989-10-27`, `1989-10-27T17:00`) names.
fn anchor_day(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

/// The year and quarter of the day or month the anchor names ("the quarter ended Sept. 30").
fn anchor_date_quarter(anchor: &Anchor) -> Option<(i32, u32)> {
    let v = anchor.last.as_deref()?;
    let year: i32 = v.get(..4)?.parse().ok()?;
    let month: u32 = v.get(5..7)?.parse().ok()?;
    (v.as_bytes().get(4) == Some(&b'-') && (1..=12).contains(&month))
        .then_some((year, (month - 1) / 3 + 1))
}

/// A day, week, weekend, month, quarter or year `shift` units from the DCT's; the current one
/// ends at the DCT.
fn relative(out: &mut Found, dct: NaiveDate, unit: &str, shift: i32, tense: Tense) -> Option<()> {
    let back = |n: i32| u64::from(n.unsigned_abs());
    match unit {
        "day" => {
            let day = if shift < 0 {
                dct.checked_sub_days(Days::new(back(shift)))?
            } else {
                dct.checked_add_days(Days::new(back(shift)))?
            };
            day_value(out, day);
        }
        "week" | "weekend" => {
            let mut day = if shift < 0 {
                dct.checked_sub_days(Days::new(7 * back(shift)))?
            } else {
                dct.checked_add_days(Days::new(7 * back(shift)))?
            };
            if unit == "weekend"
                && shift == 0
                && tense != Tense::Future
                && dct.weekday().number_from_monday() < 6
            {
                // "the weekend" read on a weekday is the one just past.
                day = day.checked_sub_days(Days::new(7))?;
            }
            week_value(out, day)?;
            if unit == "weekend" {
                out.value = out.value.take().map(|v| format!("{v}-WE"));
                let saturday = out.earliest?.checked_add_days(Days::new(5))?;
                set_days(out, saturday, out.latest?, TimePrecision::Days);
            }
        }
        "month" => {
            let first = dct.with_day(1)?;
            let first = if shift < 0 {
                first.checked_sub_months(Months::new(back(shift) as u32))?
            } else {
                first.checked_add_months(Months::new(back(shift) as u32))?
            };
            month_value(out, first)?;
        }
        "quarter" => {
            let index = dct.year() * 4 + (dct.month() as i32 - 1) / 3 + shift;
            quarter_value(out, index.div_euclid(4), index.rem_euclid(4) as u32 + 1)?;
        }
        _ => year_interval(out, dct.year() + shift)?,
    }
    if shift == 0 {
        // The current unit, as reported, ends at the DCT.
        out.latest = out.latest.map(|l| l.min(dct));
    }
    Some(())
}

/// A yearless month and day against the DCT.
fn resolve_month_day(dct: NaiveDate, month: u32, day: u32, dir: Direction) -> Option<NaiveDate> {
    let candidates: Vec<NaiveDate> =
        (-8..=8).filter_map(|d| NaiveDate::from_ymd_opt(dct.year() + d, month, day)).collect();
    match dir {
        // With no cue, reports speak of the past as for months (`resolve_month`): the most
        // recent one unless it comes within `SOON` days ("since shortly after the Oct. 23
        // slaying", read in May, is last October's).
        Direction::Past | Direction::Shift(_) | Direction::Nearest => {
            // A past-tense verb nearby does not always place the date: reports name coming days
            // in past-tense sentences ("extended the offer to Nov. 6"). A date at most
            // `SOON` days ahead is taken as that coming day.
            const SOON: i64 = 60;
            let soon = candidates.iter().find(|d| **d > dct && (**d - dct).num_days() <= SOON);
            soon.copied().or_else(|| candidates.into_iter().filter(|d| *d <= dct).max())
        }
        Direction::Future => candidates.into_iter().find(|d| *d >= dct),
    }
}

/// The first day of a yearless month against the DCT.
fn resolve_month(dct: NaiveDate, month: u32, dir: Direction) -> Option<NaiveDate> {
    let cur = dct.month() as i32;
    let m = month as i32;
    let year = match dir {
        // As for dates (`resolve_month_day`), a past-tense verb does not always place the month:
        // the one right after the DCT's is the coming one ("closing, which is expected in
        // December", read on Nov. 2; "decided to admit them in early March", on Feb. 10).
        Direction::Past if (m - cur + 12) % 12 == 1 => dct.year() + i32::from(m < cur),
        Direction::Past => dct.year() - i32::from(m > cur),
        Direction::Future => dct.year() + i32::from(m < cur),
        Direction::Shift(0) => dct.year(),
        // "Last February" is last year's from March on too: the month just before the DCT's
        // would be "last month" ("crashed last February", read on March 1, is 1997's).
        Direction::Shift(s) if s < 0 => dct.year() - i32::from(m >= cur - 1),
        Direction::Shift(_) => dct.year() + i32::from(m <= cur),
        // Reports speak of the past unless they say otherwise: a month up to four ahead of
        // the DCT's is the coming one, a later one last year's ("from $29.75 in March", read
        // in October).
        Direction::Nearest => {
            let ahead = (m - cur + 12) % 12;
            if ahead == 0 || ahead > 4 {
                dct.year() - i32::from(m > cur)
            } else {
                dct.year() + i32::from(m < cur)
            }
        }
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// A weekday (Monday = 0) against the DCT.
fn resolve_weekday(dct: NaiveDate, weekday: u32, dir: Direction) -> Option<NaiveDate> {
    let today = dct.weekday().num_days_from_monday();
    let back = (today + 7 - weekday) % 7;
    let ahead = (weekday + 7 - today) % 7;
    match dir {
        Direction::Future | Direction::Shift(0) => {
            dct.checked_add_days(Days::new(u64::from(ahead)))
        }
        Direction::Shift(s) if s > 0 => {
            dct.checked_add_days(Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
        }
        Direction::Shift(_) => {
            dct.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))
        }
        Direction::Past | Direction::Nearest => dct.checked_sub_days(Days::new(u64::from(back))),
    }
}

/// `(time unit?, TIMEX3 letter, multiplier)` of a duration unit word.
fn duration_unit(unit: &str) -> Option<(bool, &'static str, f64)> {
    let u = unit.trim_end_matches('s');
    Some(match u {
        "second" => (true, "S", 1.0),
        "minute" => (true, "M", 1.0),
        "hour" => (true, "H", 1.0),
        "day" | "night" => (false, "D", 1.0),
        "week" => (false, "W", 1.0),
        "weekend" => (false, "D", 2.0),
        "month" => (false, "M", 1.0),
        "quarter" => (false, "Q", 1.0),
        "year" => (false, "Y", 1.0),
        "decade" => (false, "Y", 10.0),
        "century" | "centurie" => (false, "Y", 100.0),
        _ => return None,
    })
}

fn month_end(first: NaiveDate) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(1))?.checked_sub_days(Days::new(1))
}

fn iso_week(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

fn underspecified_for_unit(unit: &str) -> &'static str {
    match precision_for_unit(unit) {
        TimePrecision::Day => "XXXX-XX-XX",
        TimePrecision::Week => "XXXX-WXX",
        TimePrecision::Month => "XXXX-XX",
        TimePrecision::Days => "XXXX-WXX-WE",
        TimePrecision::Months => "XXXX-QX",
        _ => "XXXX",
    }
}

fn precision_for_unit(unit: &str) -> TimePrecision {
    if unit.starts_with("weekend") {
        TimePrecision::Days
    } else if unit.starts_with("quarter") {
        TimePrecision::Months
    } else if unit.starts_with("day") || unit.starts_with("night") {
        TimePrecision::Day
    } else if unit.starts_with("week") {
        TimePrecision::Week
    } else if unit.starts_with("month") {
        TimePrecision::Month
    } else {
        TimePrecision::Year
    }
}

// Tests may unwrap: a panic there is a failing test, not a crash on input.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lexicon() -> &'static TimeLexicon {
        &crate::events::tests::lexicon().time
    }

    /// A user's copy of the time file that changes a pattern takes the slow paths, the TOML
    /// parsed and that pattern parsed at start-up, and tags with its own pattern; the others
    /// still come from the table.
    #[test]
    fn an_overridden_time_file_is_parsed_and_its_own_pattern_tags() {
        let builtin = DataFiles::builtin().get(FILE).unwrap().to_string();
        let user = builtin.replace(
            r"(?:(?:early|late|earlier)\s+)?yesterday\b",
            r"(?:(?:early|late|earlier)\s+)?(?:yesterday|yday)\b",
        );
        assert_ne!(user, builtin);
        assert!(prebuilt(&user).is_none());
        let resources =
            crate::TimeResources::with_overrides(vec![(FILE.to_string(), user)]).unwrap();
        let lexicon = &resources.time.0;
        let own = |id: &str| lexicon.patterns.iter().find(|p| p.id == id).unwrap();
        assert!(!own("time/day/yesterday").regex.is_precomputed());
        assert!(own("time/day/tomorrow").regex.is_precomputed());
        for text in ["It sank late yday.", "It sank late yesterday."] {
            let all = Span::new(0, text.len());
            let found = lexicon.find(text, all, Some(date(2025, 12, 30)), &mut Anchor::default());
            assert!(
                found.iter().any(|f| f.rule_id == "time/day/yesterday"
                    && f.value.as_deref() == Some("2025-12-29")),
                "{text}: {found:?}"
            );
        }
    }

    /// The patterns of `lexicon` as compiled, in the order of [`Sources`].
    fn sources_of(lexicon: &TimeLexicon) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = Vec::new();
        for pattern in &lexicon.patterns {
            all.push((pattern.id.clone(), pattern.regex.source().to_string()));
        }
        for cue in &lexicon.statement_cues {
            all.push((cue.id.clone(), cue.before.source().to_string()));
        }
        all.push(("tense.future".into(), lexicon.future.source().to_string()));
        all.push(("tense.past".into(), lexicon.past.source().to_string()));
        if let Some(past_future) = &lexicon.past_future {
            all.push(("tense.past_future".into(), past_future.source().to_string()));
        }
        all
    }

    /// `time-patterns.bincode` is the built-in file's parse, and decodes to what the TOML gives;
    /// its sources are those the TOML compiles to, and give the same lexicon.
    #[test]
    fn the_prebuilt_pattern_file_is_current() {
        let text = DataFiles::builtin().get(FILE).unwrap().to_string();
        let mut parsed: PatternFile = toml::from_str(&text).unwrap();
        let examples = FileExamples::take(&mut parsed);
        let file = bincode::serialize(&parsed).unwrap();
        // The same file with a comment more: the TOML is parsed and the placeholders expanded.
        let commented = format!("{text}\n# not the built-in text\n");
        let slow =
            crate::TimeResources::with_overrides(vec![(FILE.to_string(), commented)]).unwrap();
        let sources = bincode::serialize(&sources_of(&slow.time.0)).unwrap();
        let mut bytes = bincode::serialize(&xxhash_rust::xxh3::xxh3_128(text.as_bytes())).unwrap();
        bytes.extend(bincode::serialize(&(file.len() as u64)).unwrap());
        bytes.extend(file);
        bytes.extend(bincode::serialize(&(sources.len() as u64)).unwrap());
        bytes.extend(sources);
        bytes.extend(bincode::serialize(&examples).unwrap());
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/events/time-patterns.bincode");
        if std::env::var_os("UPDATE_PATTERN_TABLE").is_some() {
            std::fs::write(path, &bytes).unwrap();
        }
        assert!(
            std::fs::read(path).unwrap() == bytes,
            "src/events/time-patterns.bincode is out of date: UPDATE_PATTERN_TABLE=1 cargo test \
             -p corroborate-analyze the_prebuilt_pattern_file_is_current"
        );
        let (decoded, _) = prebuilt(&text).unwrap();
        assert_eq!(format!("{decoded:?}"), format!("{parsed:?}"));
        // The built-in file's lexicon, from the prebuilt sources, is the parsed one's.
        let fast = crate::TimeResources::builtin().unwrap();
        assert_eq!(sources_of(&fast.time.0), sources_of(&slow.time.0));
        assert!(fast.time.0.patterns.iter().all(|p| p.regex.is_precomputed()));
        assert_eq!(format!("{:?}", fast.time.0.months), format!("{:?}", slow.time.0.months));
        let [_, _, decoded] = split_prebuilt().unwrap();
        let decoded: FileExamples = bincode::deserialize(decoded).unwrap();
        assert_eq!(format!("{decoded:?}"), format!("{examples:?}"));
        assert!(examples.patterns.iter().all(|p| !p.is_empty()));
        // Any other text, a user's file, is parsed as TOML.
        assert!(prebuilt(&text.replace("Sept", "Spt")).is_none());
    }

    /// The automata of the time patterns (in either of the forms `pattern::LazyRegex` builds)
    /// find what the regex crate finds, on every example text of the file.
    #[test]
    fn every_time_pattern_matches_as_the_regex_crate_does_on_the_examples() {
        let lexicon = lexicon();
        let examples = lexicon.examples();
        assert_eq!(examples.patterns.len(), lexicon.patterns.len());
        let mut texts: Vec<&str> = examples
            .patterns
            .iter()
            .flat_map(|p| p.iter().map(|e| e.text.as_str()))
            .chain(examples.statement_cues.iter().flat_map(|c| c.iter().map(String::as_str)))
            .collect();
        texts.sort_unstable();
        texts.dedup();
        assert!(texts.len() > 100, "{} example texts", texts.len());
        let regexes = lexicon
            .patterns
            .iter()
            .map(|p| &p.regex)
            .chain(lexicon.statement_cues.iter().map(|c| &c.before))
            .chain([&lexicon.future, &lexicon.past])
            .chain(&lexicon.past_future);
        for regex in regexes {
            regex.agrees_with_the_regex_crate(&texts).unwrap();
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn seed_expressions_with_and_without_dct() {
        let lex = lexicon();
        let text = "indicated this week that it took place earlier this month; on Dec 26";
        let all = Span::new(0, text.len());
        let found = lex.find(text, all, Some(date(2025, 12, 30)), &mut Anchor::default());
        let values: Vec<_> = found.iter().map(|f| f.value.clone().unwrap_or_default()).collect();
        assert_eq!(values, ["2026-W01", "2025-12", "2025-12-26"]);
        assert_eq!(found[1].earliest, Some(date(2025, 12, 1)));
        assert_eq!(found[1].latest, Some(date(2025, 12, 30)));
        let bare = lex.find(text, all, None, &mut Anchor::default());
        assert_eq!(bare[2].value.as_deref(), Some("XXXX-12-26"));
        assert!(bare.iter().all(|f| f.earliest.is_none() && f.latest.is_none()));
    }

    #[test]
    fn a_date_after_the_dct_is_last_year() {
        let lex = lexicon();
        let text = "on December 31";
        let found = lex.find(
            text,
            Span::new(0, text.len()),
            Some(date(2026, 1, 2)),
            &mut Anchor::default(),
        );
        assert_eq!(found[0].value.as_deref(), Some("2025-12-31"));
    }

    #[test]
    fn anchored_counts_from_the_date_last_named_at_its_unit() {
        let value = |last: &str, unit: &str, shift: i32| {
            let mut out = Found {
                span: Span::new(0, 0),
                rule_id: String::new(),
                timex_type: TimexType::Date,
                value: None,
                earliest: None,
                latest: None,
                precision: TimePrecision::Unknown,
            };
            anchored(&mut out, last, unit, shift).and(out.value)
        };
        assert_eq!(value("1995-05-22", "year", 1).as_deref(), Some("1996"));
        assert_eq!(value("1988-Q3", "year", 0).as_deref(), Some("1988"));
        assert_eq!(value("1989-12", "month", 1).as_deref(), Some("1990-01"));
        assert_eq!(value("1998-10-01", "day", -1).as_deref(), Some("1998-09-30"));
        // Coarser than the unit asked for: nothing.
        assert_eq!(value("1998", "month", 1), None);
        assert_eq!(value("1988-Q3", "day", 0), None);
        // As named.
        assert_eq!(value("1989-11-30", "same", 0).as_deref(), Some("1989-11-30"));
        assert_eq!(value("1989-11", "same", 0).as_deref(), Some("1989-11"));
        assert_eq!(value("1988-Q3", "same", 0).as_deref(), Some("1988-Q3"));
        assert_eq!(value("1988", "same", 0).as_deref(), Some("1988"));
        assert_eq!(value("1988-SU", "same", 0), None);
    }

    #[test]
    fn easter_sunday_by_the_computus() {
        assert_eq!(easter_sunday(2000), Some(date(2000, 4, 23)));
        assert_eq!(easter_sunday(1998), Some(date(1998, 4, 12)));
        assert_eq!(easter_sunday(2019), Some(date(2019, 4, 21)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    }

    #[test]
    fn a_past_month_right_after_the_dcts_is_the_coming_one() {
        let dct = date(1989, 11, 2);
        assert_eq!(resolve_month(dct, 12, Direction::Past), Some(date(1989, 12, 1)));
        assert_eq!(resolve_month(dct, 1, Direction::Past), Some(date(1989, 1, 1)));
        assert_eq!(resolve_month(date(1989, 12, 5), 1, Direction::Past), Some(date(1990, 1, 1)));
    }

    #[test]
    fn last_month_by_name_is_last_years_when_it_is_the_dcts_or_the_one_before() {
        let dct = date(1998, 3, 1);
        let last = Direction::Shift(-1);
        assert_eq!(resolve_month(dct, 2, last), Some(date(1997, 2, 1)));
        assert_eq!(resolve_month(dct, 3, last), Some(date(1997, 3, 1)));
        assert_eq!(resolve_month(dct, 1, last), Some(date(1998, 1, 1)));
        assert_eq!(resolve_month(date(1998, 1, 10), 12, last), Some(date(1997, 12, 1)));
        assert_eq!(resolve_month(date(1989, 10, 27), 4, last), Some(date(1989, 4, 1)));
    }

    #[test]
    fn a_date_without_a_tense_is_the_past_one_unless_it_comes_within_sixty_days() {
        let dct = date(1999, 5, 6);
        assert_eq!(resolve_month_day(dct, 10, 23, Direction::Nearest), Some(date(1998, 10, 23)));
        assert_eq!(resolve_month_day(dct, 6, 20, Direction::Nearest), Some(date(1999, 6, 20)));
        assert_eq!(resolve_month_day(dct, 5, 1, Direction::Nearest), Some(date(1999, 5, 1)));
    }

    #[test]
    fn a_month_without_a_tense_is_the_past_one_unless_it_comes_within_four() {
        let dct = date(1989, 10, 30);
        assert_eq!(resolve_month(dct, 3, Direction::Nearest), Some(date(1989, 3, 1)));
        assert_eq!(resolve_month(dct, 1, Direction::Nearest), Some(date(1990, 1, 1)));
        assert_eq!(resolve_month(dct, 2, Direction::Nearest), Some(date(1990, 2, 1)));
        assert_eq!(resolve_month(dct, 10, Direction::Nearest), Some(date(1989, 10, 1)));
        assert_eq!(resolve_month(dct, 9, Direction::Nearest), Some(date(1989, 9, 1)));
    }
}
