//! A learned cue detector: a structured averaged perceptron that tags each word of a sentence
//! as outside a cue, beginning one or inside one, reading the best tag sequence (Viterbi).
//!
//! PolNeAR counts a long tail of verbs of stance and perception as cues ("found", "shows",
//! "wants", "pledged") that no phrase list reaches with useful precision, because whether
//! they attribute depends on their neighbours. The model sees the word, its suffixes and
//! shape, its neighbours, the tag before it, quotation marks around it and a following
//! "that". Features are hashed (each piece of a feature's text hashed with FNV-1a once per
//! sentence, and the pieces' hashes folded together, so no string is built per word; see
//! decision 0043) and looked up in a map of the file's features, so that a feature the file
//! lacks weighs nothing, as in training.
//!
//! The weights are a data file, `attribution/cue-model.tsv`: one feature per line, its text
//! then the weight of *begin* and of *inside*, each relative to *outside* (scores only
//! compare classes, so the outside column is subtracted from the others and not stored).
//! `corroborate train attribution TRAIN.docs.jsonl --out data/attribution/cue-model.tsv`
//! writes it; lines starting with `#` are comments.

use super::{Lexicon, Tok};

/// Tags of a word.
const OUTSIDE: usize = 0;
const BEGIN: usize = 1;
const INSIDE: usize = 2;
const LABELS: usize = 3;
/// "No tag before" for [`features`]: leaves out the features of the tag before.
const NO_TAG: usize = LABELS;

/// A hasher for keys that are feature hashes already: it only mixes them (splitmix64's
/// finaliser), since the low bits of a product, which pick a map's bucket, are its weakest, and
/// SipHash over a hash would double the cost of each lookup.
#[derive(Default, Clone, Copy)]
struct MixHasher(u64);

impl std::hash::Hasher for MixHasher {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits, of `bytes` (a `const fn`, so that fixed parts are hashed at compile time).
const fn fnv(bytes: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// One piece of a feature's text (its template, or a word, suffix, class … after the `=`)
/// with the piece's hash, found once: a word's hash serves every feature that names it, so
/// that scoring a word combines hashes instead of hashing its features' texts byte by byte.
#[derive(Clone, Copy, Debug)]
struct Part<'a> {
    text: &'a str,
    hash: u64,
}

impl<'a> Part<'a> {
    const fn new(text: &'a str) -> Self {
        Part { text, hash: fnv(text.as_bytes()) }
    }
}

/// The hash of a feature sequence `template`, `parts`: each piece's hash folded into the
/// template's. The fold step is a bijection of the running hash, so two features differ in
/// hash unless they collide by chance.
fn combine(hash: u64, part: u64) -> u64 {
    (hash.rotate_left(26) ^ part).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A feature without parts hashes as one with one empty part, as their texts (`b=`) are alike.
const EMPTY: Part<'static> = Part::new("");

/// The hash of the feature `template=part part …`, the same as [`hash_text`] of that text.
fn hash_parts(template: Part, parts: &[Part]) -> u64 {
    if parts.is_empty() {
        return combine(template.hash, EMPTY.hash);
    }
    parts.iter().fold(template.hash, |hash, part| combine(hash, part.hash))
}

/// The text of a feature as the weights file writes it.
fn feature_text(template: Part, parts: &[Part]) -> String {
    let mut text = format!("{}=", template.text);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(part.text);
    }
    text
}

/// A weight as the trainer writes it ("-12.345"): an optional minus, then at most seven
/// digits with at most one point, read exactly as `str::parse` reads it (the digits as an
/// integer below 2^24 and a power of ten up to 10^7 are both exact in `f32`, and IEEE division
/// rounds their exact quotient, which is the decimal, correctly), at a fraction of its cost;
/// `None` for any other form, which the caller reads with `str::parse`.
fn fast_weight(text: &str) -> Option<f32> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut mantissa: u32 = 0;
    let mut count = 0;
    let mut decimals: Option<usize> = None;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u32::from(b - b'0');
                count += 1;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if count == 0 || count > 7 {
        return None;
    }
    const POWERS: [f32; 8] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7];
    let value = mantissa as f32 / POWERS[decimals.unwrap_or(0)];
    Some(if negative { -value } else { value })
}

/// The hash of a feature as written in the weights file: its template before the first `=`,
/// then its parts, which are split at spaces (no token holds one).
fn hash_text(text: &str) -> u64 {
    // One pass over the bytes (every process hashes the file's 160,000 features this way).
    let mut hash = None;
    let mut piece = FNV_OFFSET;
    for &byte in text.as_bytes() {
        match (byte, hash) {
            (b'=', None) => {
                hash = Some(piece);
                piece = FNV_OFFSET;
            }
            (b' ', Some(h)) => {
                hash = Some(combine(h, piece));
                piece = FNV_OFFSET;
            }
            _ => {
                piece ^= u64::from(byte);
                piece = piece.wrapping_mul(FNV_PRIME);
            }
        }
    }
    match hash {
        Some(h) => combine(h, piece),
        None => combine(piece, EMPTY.hash),
    }
}

/// The last `n` characters of `word` (all of it when shorter).
fn suffix(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &word[start..]
}

/// A coarse shape: capitalised, upper case, lower case, digits, or punctuation.
fn shape(tok: &Tok) -> &'static str {
    if !tok.word {
        return "p";
    }
    let mut chars = tok.raw.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_numeric() {
        "d"
    } else if first.is_uppercase() {
        if tok.raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
            "X"
        } else {
            "Xx"
        }
    } else {
        "x"
    }
}

/// A quotation mark token.
fn is_quote_tok(tok: &Tok) -> bool {
    matches!(tok.raw, "“" | "”" | "\"" | "''" | "‘" | "’")
}

fn bucket(n: usize) -> Part<'static> {
    const BUCKETS: [Part<'static>; 5] =
        [Part::new("0"), Part::new("1"), Part::new("3"), Part::new("6"), Part::new("11")];
    BUCKETS[match n {
        0 => 0,
        1..=2 => 1,
        3..=5 => 2,
        6..=10 => 3,
        _ => 4,
    }]
}

/// A coarse word class, guessed from the lexicons and the word's ending: what a
/// part-of-speech tagger would say, cheaply ("PRON", "AUX", "NAME", "HEAD" for a source noun,
/// "CUE" for a word of the cue lexicon, "VBD" for a word in "-ed", …).
fn class(tok: &Tok, lexicon: &Lexicon) -> &'static str {
    if !tok.word {
        return match tok.raw {
            "," => ",",
            ":" => ":",
            "(" | ")" => "()",
            "—" | "–" | "-" => "—",
            _ if is_quote_tok(tok) => "Q",
            _ => "P",
        };
    }
    let lower = tok.lower.as_str();
    if matches!(lower, "he" | "she" | "they" | "we" | "i" | "you" | "it") {
        return "PRON";
    }
    if matches!(lower, "who" | "which" | "that") {
        return "REL";
    }
    if matches!(
        lower,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
    ) {
        return "AUX";
    }
    if matches!(lower, "the" | "a" | "an" | "this" | "these" | "those") {
        return "DET";
    }
    if matches!(lower, "his" | "her" | "their" | "its" | "our" | "my" | "your") {
        return "POSS";
    }
    if matches!(lower, "not" | "n't" | "n’t" | "never") {
        return "NEG";
    }
    if lower == "to" {
        return "TO";
    }
    if lexicon.cue_words.contains(lower) {
        return "CUE";
    }
    if lexicon.heads.contains_key(lower) {
        return "HEAD";
    }
    if matches!(
        lower,
        "of" | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "from"
            | "by"
            | "about"
            | "into"
            | "over"
            | "after"
            | "before"
            | "against"
    ) {
        return "PREP";
    }
    if !tok.sentence_initial && tok.raw.chars().next().is_some_and(char::is_uppercase) {
        return "NAME";
    }
    if lower.ends_with("ly") {
        "ADV"
    } else if lower.ends_with("ed") {
        "VBD"
    } else if lower.ends_with("ing") {
        "VBG"
    } else if lower.ends_with('s') {
        "S"
    } else {
        "W"
    }
}

/// A class that can name a speaker.
fn speaker_class(class: &str) -> bool {
    matches!(class, "PRON" | "NAME" | "HEAD" | "REL")
}

/// What is known of a sentence once, before its words are tagged.
struct SentenceContext<'a> {
    /// Quotation marks before each token.
    quotes_before: Vec<usize>,
    quotes_total: usize,
    /// The word class of each token.
    classes: Vec<&'static str>,
    /// For each token, how far back the nearest word of the cue lexicon stands (PolNeAR never
    /// nests a cue inside another attribution's content, so a word after "said" is rarely one).
    cue_left: Vec<Option<usize>>,
    /// For each token, how far ahead the nearest word of the cue lexicon stands.
    cue_right: Vec<Option<usize>>,
    /// The pieces of each token that features name, hashed once.
    parts: Vec<TokenParts<'a>>,
}

/// The pieces of one token that its own and its neighbours' features name.
#[derive(Clone, Copy)]
struct TokenParts<'a> {
    word: Part<'a>,
    suffix2: Part<'a>,
    suffix3: Part<'a>,
    stem: Part<'a>,
    shape: Part<'static>,
    class: Part<'static>,
}

impl<'a> TokenParts<'a> {
    fn new(tok: &'a Tok, class: &'static str) -> Self {
        let word = tok.lower.as_str();
        TokenParts {
            word: Part::new(word),
            suffix2: Part::new(suffix(word, 2)),
            suffix3: Part::new(suffix(word, 3)),
            stem: Part::new(stem(word)),
            shape: Part::new(shape(tok)),
            class: Part::new(class),
        }
    }
}

/// What features name before the sentence's first token and after its last.
const START: Part<'static> = Part::new("<s>");
const END: Part<'static> = Part::new("</s>");

impl<'a> SentenceContext<'a> {
    fn new(toks: &'a [Tok], lexicon: &Lexicon) -> Self {
        let mut quotes_before = Vec::with_capacity(toks.len());
        let mut count = 0;
        for tok in toks {
            quotes_before.push(count);
            count += usize::from(is_quote_tok(tok));
        }
        let classes: Vec<&'static str> = toks.iter().map(|t| class(t, lexicon)).collect();
        let mut cue_left = Vec::with_capacity(toks.len());
        let mut last = None;
        for (i, class) in classes.iter().enumerate() {
            cue_left.push(last.map(|at| i - at));
            if *class == "CUE" {
                last = Some(i);
            }
        }
        let mut cue_right = vec![None; toks.len()];
        let mut next = None;
        for (i, class) in classes.iter().enumerate().rev() {
            cue_right[i] = next.map(|at: usize| at - i);
            if *class == "CUE" {
                next = Some(i);
            }
        }
        let parts =
            toks.iter().zip(&classes).map(|(tok, class)| TokenParts::new(tok, class)).collect();
        SentenceContext { quotes_before, quotes_total: count, classes, cue_left, cue_right, parts }
    }

    fn class(&self, i: isize) -> &'static str {
        if i < 0 {
            "<s>"
        } else {
            self.classes.get(i as usize).copied().unwrap_or("</s>")
        }
    }

    /// The pieces of token `i`, or what stands for them before and after the sentence.
    fn at(&self, i: isize, piece: impl Fn(&TokenParts<'a>) -> Part<'a>) -> Part<'a> {
        if i < 0 {
            START
        } else {
            self.parts.get(i as usize).map_or(END, piece)
        }
    }
}

/// `word` without a regular inflection: a final "s", "es", "ed" or "ing" (when a stem of at
/// least three letters is left).
fn stem(word: &str) -> &str {
    for ending in ["ing", "ies", "es", "ed", "s"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.len() >= 3 && !stem.ends_with('s') {
                return stem;
            }
        }
    }
    word
}

/// How many features [`features`] emits before those of the tag before it (a test checks it),
/// so that training can score the others once and put each tag's features in their place.
const FEATURES_BEFORE_TAG: usize = 13;

/// A feature template: the name before the `=` in the weights file.
macro_rules! templates {
    ($($name:ident = $text:literal),* $(,)?) => {
        $(const $name: Part<'static> = Part::new($text);)*
    };
}

templates! {
    BIAS = "b", WORD = "w", SUFFIX2 = "s2", SUFFIX3 = "s3", SHAPE = "sh", PREV1 = "p1",
    PREV2 = "p2", NEXT1 = "n1", NEXT2 = "n2", PREV_WORD = "p1w", WORD_NEXT = "wn1",
    PREV_SHAPE = "ps1", NEXT_SHAPE = "ns1", TAG = "y", TAG_WORD = "yw", TAG_SUFFIX3 = "ys3",
    QUOTES = "q", QUOTES_SUFFIX3 = "qs3", THAT = "that", NAME = "name", POSITION = "pos",
    LEFT = "left", STEM = "st", STEM_NEXT_CLASS = "stc+1", PREV_CLASS_STEM = "c-1st",
    STEM_NEXT = "stn1", CLASS = "c", PREV_CLASS = "c-1", PREV_CLASSES = "c-2c-1",
    NEXT_CLASS = "c+1", PREV_CLASS_SUFFIX3 = "c-1s3", NEXT_CLASS_SUFFIX3 = "c+1s3",
    SPEAKER_LEFT = "spL", SPEAKER_LEFT_SUFFIX3 = "spLs3", SPEAKER_RIGHT = "spR",
    CUE_LEFT = "cueL", CUE_RIGHT = "cueR", CUE_LEFT_CLASS = "cueLc", CUE_LEFT_STEM = "cueLst",
    NEXT_CLASSES_SUFFIX3 = "c+1c+2s3", STEM_QUOTES = "stq", STEM_THAT = "stthat",
    CLAUSE = "cl", SPEAKER_WORD_STEM = "spLwst",
}

/// The tags as feature parts.
const TAG_PARTS: [Part<'static>; LABELS] = [Part::new("o"), Part::new("b"), Part::new("i")];

/// Calls `emit(template, parts)` for the features of the tag before the word of `parts`.
fn tag_features(tag: Part, parts: &TokenParts, emit: &mut dyn FnMut(Part, &[Part])) {
    emit(TAG, &[tag]);
    emit(TAG_WORD, &[tag, parts.word]);
    emit(TAG_SUFFIX3, &[tag, parts.suffix3]);
}

/// Calls `emit(template, parts)` for every feature of token `i` given the tag before it.
fn features(
    toks: &[Tok],
    i: usize,
    previous: usize,
    context: &SentenceContext,
    emit: &mut dyn FnMut(Part, &[Part]),
) {
    let tok = &toks[i];
    let here = context.parts[i];
    let at_i = i as isize;
    let word_at = |offset: isize| context.at(at_i + offset, |p| p.word);
    let shape_at = |offset: isize| context.at(at_i + offset, |p| p.shape);
    let class_at = |offset: isize| context.at(at_i + offset, |p| p.class);
    let (word, s3, stem) = (here.word, here.suffix3, here.stem);
    emit(BIAS, &[]);
    emit(WORD, &[word]);
    emit(SUFFIX2, &[here.suffix2]);
    emit(SUFFIX3, &[s3]);
    emit(SHAPE, &[here.shape]);
    emit(PREV1, &[word_at(-1)]);
    emit(PREV2, &[word_at(-2)]);
    emit(NEXT1, &[word_at(1)]);
    emit(NEXT2, &[word_at(2)]);
    emit(PREV_WORD, &[word_at(-1), word]);
    emit(WORD_NEXT, &[word, word_at(1)]);
    emit(PREV_SHAPE, &[shape_at(-1)]);
    emit(NEXT_SHAPE, &[shape_at(1)]);
    // No tag before (`NO_TAG`): the features of the tag before are left out, for a caller
    // that scores them itself.
    if let Some(tag) = TAG_PARTS.get(previous) {
        tag_features(*tag, &here, emit);
    }
    let before = context.quotes_before.get(i).copied().unwrap_or(0);
    let after = context.quotes_total - before - usize::from(is_quote_tok(tok));
    const IN: Part<'static> = Part::new("in");
    const BETWEEN: Part<'static> = Part::new("between");
    const AFTER: Part<'static> = Part::new("after");
    const BEFORE: Part<'static> = Part::new("before");
    const NONE: Part<'static> = Part::new("none");
    let quotes = match (before > 0, after > 0, before % 2 == 1) {
        (_, _, true) => IN,
        (true, true, false) => BETWEEN,
        (true, false, false) => AFTER,
        (false, true, false) => BEFORE,
        (false, false, false) => NONE,
    };
    emit(QUOTES, &[quotes]);
    emit(QUOTES_SUFFIX3, &[quotes, s3]);
    let that_follows = toks[i + 1..].iter().take(4).any(|t| t.lower == "that");
    if that_follows {
        emit(THAT, &[s3]);
    }
    let named_before = toks[i.saturating_sub(4)..i]
        .iter()
        .any(|t| t.word && !t.sentence_initial && shape(t) == "Xx");
    if named_before {
        emit(NAME, &[s3]);
    }
    emit(POSITION, &[bucket(i)]);
    emit(LEFT, &[bucket(toks.len() - i - 1)]);
    // The guessed word classes around the word, and whether a phrase that can name a speaker
    // stands just before or after it.
    let (c0, cm1, cm2, cp1) = (here.class, class_at(-1), class_at(-2), class_at(1));
    // The word without its inflection ("wants", "wanted", "wanting" → "want"), so that what
    // is learned of one form counts for the others.
    emit(STEM, &[stem]);
    emit(STEM_NEXT_CLASS, &[stem, cp1]);
    emit(PREV_CLASS_STEM, &[cm1, stem]);
    emit(STEM_NEXT, &[stem, word_at(1)]);
    emit(CLASS, &[c0]);
    emit(PREV_CLASS, &[cm1]);
    emit(PREV_CLASSES, &[cm2, cm1]);
    emit(NEXT_CLASS, &[cp1]);
    emit(PREV_CLASS_SUFFIX3, &[cm1, s3]);
    emit(NEXT_CLASS_SUFFIX3, &[cp1, s3]);
    let speaker_left = (1..=4)
        .map(|d| (d, context.class(at_i - d)))
        .take_while(|(_, c)| !matches!(*c, "," | "Q" | ":" | "<s>"))
        .find(|(_, c)| speaker_class(c));
    let speaker_right = (1..=3)
        .map(|d| (d, context.class(at_i + d)))
        .take_while(|(_, c)| !matches!(*c, "," | "Q" | ":" | "</s>"))
        .find(|(_, c)| speaker_class(c));
    const NO_SPEAKER: Part<'static> = Part::new("-");
    const DISTANCES: [Part<'static>; 3] = [Part::new("0"), Part::new("1"), Part::new("2")];
    let near = |found: Option<(isize, &'static str)>| match found {
        Some((1, _)) => DISTANCES[1],
        Some(_) => DISTANCES[2],
        None => DISTANCES[0],
    };
    let speaker = |found: Option<(isize, &'static str)>, offset: isize| match found {
        Some((d, _)) => context.at(at_i + offset * d, |p| p.class),
        None => NO_SPEAKER,
    };
    let (left_class, left_dist) = (speaker(speaker_left, -1), near(speaker_left));
    let (right_class, right_dist) = (speaker(speaker_right, 1), near(speaker_right));
    emit(SPEAKER_LEFT, &[left_class, left_dist]);
    emit(SPEAKER_LEFT_SUFFIX3, &[left_class, s3]);
    emit(SPEAKER_RIGHT, &[right_class, right_dist]);
    // The word that may name the speaker with the stem: "poll | found", "report | says".
    if let Some((d, _)) = speaker_left {
        emit(SPEAKER_WORD_STEM, &[context.at(at_i - d, |p| p.word), stem]);
    }
    let distance = |d: Option<usize>| d.map_or(NO_SPEAKER, bucket);
    let cue_left = distance(context.cue_left.get(i).copied().flatten());
    let cue_right = distance(context.cue_right.get(i).copied().flatten());
    emit(CUE_LEFT, &[cue_left]);
    emit(CUE_RIGHT, &[cue_right]);
    emit(CUE_LEFT_CLASS, &[cue_left, c0]);
    emit(CUE_LEFT_STEM, &[cue_left, stem]);
    // The two word classes after the word with its ending, and its stem with where quotation
    // marks stand and whether "that" follows: what a cue's complement looks like.
    emit(NEXT_CLASSES_SUFFIX3, &[cp1, class_at(2), s3]);
    emit(STEM_QUOTES, &[stem, quotes]);
    if that_follows {
        emit(STEM_THAT, &[stem]);
    }
    // Where the word stands in its clause (from the last comma, colon, dash or quotation
    // mark): a cue verb usually follows the clause's subject.
    let clause_start = (0..i)
        .rev()
        .find(|&j| matches!(context.classes[j], "," | ":" | "—" | "Q" | "()"))
        .map_or(0, |j| j + 1);
    let opener = class_at(clause_start as isize - at_i);
    emit(CLAUSE, &[opener, bucket(i - clause_start), s3]);
}

/// The learned cue detector.
#[derive(Clone)]
pub(crate) struct CueModel {
    /// Feature hash → the weights of *begin* and of *inside*, relative to *outside*. (A
    /// feature's text is not kept: the features that explain a tag are named from the parts
    /// that make them, which keeps this map, built by every process, at 16 bytes an entry.)
    features: std::collections::HashMap<u64, [f32; 2], std::hash::BuildHasherDefault<MixHasher>>,
    /// Whether the file held any weight.
    loaded: bool,
}

/// A run of words the model tagged as one cue.
#[derive(Debug, Clone)]
pub(crate) struct LearnedCue {
    /// Token range `first..end`.
    pub(crate) first: usize,
    pub(crate) end: usize,
    /// The features that most favoured *begin* on the first word, with their weights.
    pub(crate) reasons: Vec<(String, f32)>,
}

impl std::fmt::Debug for CueModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CueModel").field("features", &self.features.len()).finish()
    }
}

impl CueModel {
    /// Parses the weights file (see the module docs).
    ///
    /// Every process that reads claims parses this file (3.5 MB, 130,000 lines), so the tabs
    /// and line ends are found in one `memchr` pass over the whole text and each weight is
    /// read by [`fast_weight`]: `str::lines`, a split per line and `str::parse` cost three
    /// times as much.
    pub(crate) fn parse(text: &str) -> Result<CueModel, String> {
        let bytes = text.as_bytes();
        let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let mut features = std::collections::HashMap::with_capacity_and_hasher(
            lines,
            std::hash::BuildHasherDefault::<MixHasher>::default(),
        );
        let mut loaded = false;
        // Where each field of the current line ends (a tab, or the line's end).
        let mut separators = memchr::memchr2_iter(b'\t', b'\n', bytes).peekable();
        let mut ends: Vec<usize> = Vec::with_capacity(4);
        let mut start = 0;
        let mut n = 0;
        while start < bytes.len() {
            n += 1;
            ends.clear();
            let mut line_end = bytes.len();
            for at in separators.by_ref() {
                if bytes[at] == b'\n' {
                    line_end = at;
                    break;
                }
                ends.push(at);
            }
            ends.push(line_end);
            // The tab and the line end are single bytes, so these slices start and end on
            // character boundaries.
            let line = &text[start..line_end];
            let line_start = start;
            start = line_end + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let [feature_end, begin_end, inside_end, ..] = ends[..] else {
                return Err(format!("line {n}: expected feature, begin and inside weights"));
            };
            let parse = |from: usize, to: usize| {
                let field = text[from..to].trim_end_matches('\r');
                fast_weight(field)
                    .map_or_else(|| field.parse::<f32>(), Ok)
                    .map_err(|_| format!("line {n}: {field:?} is not a number"))
            };
            let weights = [parse(feature_end + 1, begin_end)?, parse(begin_end + 1, inside_end)?];
            // A feature listed twice adds up, as two features in one slot did before.
            features
                .entry(hash_text(&text[line_start..feature_end]))
                .and_modify(|w: &mut [f32; 2]| {
                    w[0] += weights[0];
                    w[1] += weights[1];
                })
                .or_insert(weights);
            loaded = true;
        }
        Ok(CueModel { features, loaded })
    }

    /// The weights of the feature with `hash`; nothing for a feature the file lacks.
    fn slot(&self, hash: u64) -> [f32; 2] {
        self.features.get(&hash).copied().unwrap_or([0.0; 2])
    }

    /// Tags the words of a sentence and returns the cue runs, left to right: the best tag
    /// sequence under the weights (see [`best_tags`]).
    pub(crate) fn cues(&self, toks: &[Tok], lexicon: &Lexicon) -> Vec<LearnedCue> {
        if !self.loaded {
            return Vec::new();
        }
        let context = SentenceContext::new(toks, lexicon);
        // Scores of *begin* and *inside* (relative to *outside*) of each word after each tag.
        let scores: Vec<[[f32; 2]; LABELS]> = (0..toks.len())
            .map(|i| {
                if toks[i].word {
                    self.scores_after_each_tag(toks, i, &context)
                } else {
                    [[0.0; 2]; LABELS]
                }
            })
            .collect();
        let tags = best_tags(toks, |i, previous, tag| match tag {
            BEGIN => scores[i][previous][0],
            INSIDE => scores[i][previous][1],
            _ => 0.0,
        });
        let mut runs: Vec<LearnedCue> = Vec::new();
        let mut previous = OUTSIDE;
        for (i, tag) in tags.iter().enumerate() {
            match *tag {
                BEGIN => runs.push(LearnedCue {
                    first: i,
                    end: i + 1,
                    reasons: self.reasons(toks, i, previous, &context),
                }),
                INSIDE => {
                    if let Some(run) = runs.last_mut() {
                        run.end = i + 1;
                    }
                }
                _ => {}
            }
            previous = *tag;
        }
        // A cue does not end on an auxiliary ("Some officials have | used comparisons"): the
        // verb it helps is part of it.
        for run in &mut runs {
            if context.classes.get(run.end - 1) == Some(&"AUX")
                && toks.get(run.end).is_some_and(|t| t.word)
                && context.classes.get(run.end) != Some(&"NEG")
            {
                run.end += 1;
            }
        }
        runs
    }

    /// The scores of *begin* and *inside* (relative to *outside*) of word `i` after each tag.
    fn scores_after_each_tag(
        &self,
        toks: &[Tok],
        i: usize,
        context: &SentenceContext,
    ) -> [[f32; 2]; LABELS] {
        // All features but the three of the tag before are the same whatever that tag is:
        // score them once, then add those three for each tag.
        let mut base = [0.0f32; 2];
        features(toks, i, NO_TAG, context, &mut |template, parts| {
            let w = self.slot(hash_parts(template, parts));
            base[0] += w[0];
            base[1] += w[1];
        });
        let parts = &context.parts[i];
        let tag_weights = |tag: Part| {
            let mut sum = [0.0f32; 2];
            tag_features(tag, parts, &mut |template, parts| {
                let w = self.slot(hash_parts(template, parts));
                sum[0] += w[0];
                sum[1] += w[1];
            });
            sum
        };
        let mut scores = [base; LABELS];
        for (tag, score) in scores.iter_mut().enumerate() {
            let after = tag_weights(TAG_PARTS[tag]);
            score[0] += after[0];
            score[1] += after[1];
        }
        scores
    }

    /// The three features that most favoured *begin* on token `i`.
    fn reasons(
        &self,
        toks: &[Tok],
        i: usize,
        previous: usize,
        context: &SentenceContext,
    ) -> Vec<(String, f32)> {
        // The three strongest first, by hash; then only their texts are written.
        let mut strongest: Vec<(u64, f32)> = Vec::new();
        features(toks, i, previous, context, &mut |template, parts| {
            let hash = hash_parts(template, parts);
            if let Some(weights) = self.features.get(&hash) {
                strongest.push((hash, weights[0]));
            }
        });
        strongest.sort_by(|a, b| b.1.total_cmp(&a.1));
        strongest.truncate(3);
        let mut fired: Vec<(String, f32)> = Vec::with_capacity(strongest.len());
        features(toks, i, previous, context, &mut |template, parts| {
            let hash = hash_parts(template, parts);
            if let Some(&(_, weight)) = strongest.iter().find(|(h, _)| *h == hash) {
                fired.push((feature_text(template, parts), weight));
            }
        });
        fired.sort_by(|a, b| b.1.total_cmp(&a.1));
        fired.truncate(3);
        fired
    }
}

/// The best tag of every token under `score(word, tag before, tag)` (Viterbi): punctuation
/// is *outside* and the word after it starts afresh, and *inside* follows only a cue tag.
///
/// The tag before a word is a feature of it, so a greedy reading, which fixes each tag before
/// it sees the next word, can miss a cue that only its later words make likely; the model is
/// trained with this same reading (a structured perceptron), so its scores add up along a
/// sequence.
fn best_tags(toks: &[Tok], score: impl Fn(usize, usize, usize) -> f32) -> Vec<usize> {
    let mut tags = vec![OUTSIDE; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].word {
            i += 1;
            continue;
        }
        let start = i;
        while i < toks.len() && toks[i].word {
            i += 1;
        }
        // The best total of a tag sequence over start..=j ending in each tag, and the tag
        // before it on that sequence.
        let mut best: Vec<[f32; LABELS]> = Vec::with_capacity(i - start);
        let mut back: Vec<[usize; LABELS]> = Vec::with_capacity(i - start);
        for j in start..i {
            let mut here = [f32::NEG_INFINITY; LABELS];
            let mut from = [OUTSIDE; LABELS];
            let before: &[usize] = if j == start { &[OUTSIDE] } else { &[OUTSIDE, BEGIN, INSIDE] };
            for &p in before {
                let so_far = best.last().map_or(0.0, |b| b[p]);
                if so_far == f32::NEG_INFINITY {
                    continue;
                }
                for tag in [OUTSIDE, BEGIN, INSIDE] {
                    if tag == INSIDE && p == OUTSIDE {
                        continue;
                    }
                    let total = so_far + score(j, p, tag);
                    if total > here[tag] {
                        here[tag] = total;
                        from[tag] = p;
                    }
                }
            }
            best.push(here);
            back.push(from);
        }
        let Some(last) = best.last() else { continue };
        // Ties go to the earlier tag (*outside* first), as a cue needs a positive score.
        let mut tag = OUTSIDE;
        for t in [BEGIN, INSIDE] {
            if last[t] > last[tag] {
                tag = t;
            }
        }
        for j in (start..i).rev() {
            tags[j] = tag;
            tag = back[j - start][tag];
        }
    }
    tags
}

/// One sentence of training data: its tokens and the gold tag of each.
pub(crate) struct TrainingSentence<'t> {
    pub(crate) toks: Vec<Tok<'t>>,
    pub(crate) tags: Vec<usize>,
}

/// The gold tags of `toks` given the byte spans of the gold cues: the first word of each
/// contiguous run of words under a cue span begins, the others are inside.
pub(crate) fn gold_tags(toks: &[Tok], cues: &[(usize, usize)]) -> Vec<usize> {
    let mut tags = vec![OUTSIDE; toks.len()];
    let mut previous_cue: Option<usize> = None;
    for (i, tok) in toks.iter().enumerate() {
        let cue = cues.iter().position(|(s, e)| tok.start < *e && *s < tok.end);
        if !tok.word {
            if cue.is_none() {
                previous_cue = None;
            }
            continue;
        }
        tags[i] = match (cue, previous_cue) {
            (None, _) => OUTSIDE,
            (Some(c), Some(p)) if c == p && i > 0 => INSIDE,
            (Some(_), _) => BEGIN,
        };
        previous_cue = cue;
    }
    tags
}

/// `tags` as the tagger can read them: a word *inside* a cue after punctuation (which the
/// tagger follows with *outside*) begins one.
fn reachable_tags(toks: &[Tok], tags: &[usize]) -> Vec<usize> {
    let mut reachable = tags.to_vec();
    for i in 0..reachable.len() {
        if reachable[i] == INSIDE && (i == 0 || !toks[i - 1].word || reachable[i - 1] == OUTSIDE) {
            reachable[i] = BEGIN;
        }
    }
    reachable
}

/// Calls `visit` with each word's index, the tag before it and the sentence's context, the tag
/// before being the gold one (teacher forcing), and outside after punctuation, as in tagging.
fn for_each_word(
    sentence: &TrainingSentence,
    lexicon: &Lexicon,
    mut visit: impl FnMut(usize, usize, &SentenceContext),
) {
    let context = SentenceContext::new(&sentence.toks, lexicon);
    let mut previous = OUTSIDE;
    for (i, tok) in sentence.toks.iter().enumerate() {
        if !tok.word {
            previous = OUTSIDE;
            continue;
        }
        visit(i, previous, &context);
        previous = sentence.tags.get(i).copied().unwrap_or(OUTSIDE);
    }
}

/// Trains the structured averaged perceptron for `epochs` passes (each sentence tagged as
/// [`CueModel::cues`] tags it, and the features of the gold and the guessed tag sequences moved
/// where they differ) and returns the weights file. Features seen fewer than `min_count` times
/// in the gold tagging are dropped, which keeps the file small.
pub(crate) fn train(
    sentences: &[TrainingSentence],
    lexicon: &Lexicon,
    epochs: usize,
    min_count: u32,
) -> String {
    use std::collections::HashMap;
    // Feature texts and counts under gold tags.
    let mut counts: HashMap<u64, (String, u32)> = HashMap::new();
    for sentence in sentences {
        for_each_word(sentence, lexicon, |i, previous, context| {
            features(&sentence.toks, i, previous, context, &mut |template, parts| {
                let hash = hash_parts(template, parts);
                counts.entry(hash).or_insert_with(|| (feature_text(template, parts), 0)).1 += 1;
            });
        });
    }
    counts.retain(|_, (_, n)| *n >= min_count);
    let index: HashMap<u64, usize> = counts.keys().enumerate().map(|(i, h)| (*h, i)).collect();
    let n = index.len();
    let mut weights = vec![[0.0f32; LABELS]; n];
    let mut totals = vec![[0.0f64; LABELS]; n];
    let mut stamps = vec![[0u64; LABELS]; n];
    let mut clock: u64 = 0;
    // Deterministic order that differs per epoch: a fixed stride through the sentences.
    let order: Vec<usize> = (0..sentences.len()).collect();
    for epoch in 0..epochs {
        let stride = [1usize, 7, 13, 31, 61][epoch % 5];
        let len = order.len().max(1);
        let mut position = epoch % len;
        for _ in 0..order.len() {
            let sentence = &sentences[order[position]];
            position = (position + stride) % len;
            if stride > 1 && len.is_multiple_of(stride) {
                position = (position + 1) % len;
            }
            let toks = &sentence.toks;
            let context = SentenceContext::new(toks, lexicon);
            // The active features of each word after each tag.
            let active: Vec<[Vec<usize>; LABELS]> = (0..toks.len())
                .map(|i| {
                    let mut after: [Vec<usize>; LABELS] = Default::default();
                    if !toks[i].word {
                        return after;
                    }
                    // The features that do not depend on the tag before, found once, and where
                    // that tag's features go among them (the order the weights are summed in).
                    let mut untagged = Vec::new();
                    let mut emitted = 0;
                    let mut split = None;
                    features(toks, i, NO_TAG, &context, &mut |template, parts| {
                        if emitted == FEATURES_BEFORE_TAG {
                            split = Some(untagged.len());
                        }
                        emitted += 1;
                        if let Some(f) = index.get(&hash_parts(template, parts)) {
                            untagged.push(*f);
                        }
                    });
                    let split = split.unwrap_or(untagged.len());
                    for (previous, list) in after.iter_mut().enumerate() {
                        list.extend_from_slice(&untagged[..split]);
                        tag_features(
                            TAG_PARTS[previous],
                            &context.parts[i],
                            &mut |template, parts| {
                                if let Some(f) = index.get(&hash_parts(template, parts)) {
                                    list.push(*f);
                                }
                            },
                        );
                        list.extend_from_slice(&untagged[split..]);
                    }
                    after
                })
                .collect();
            let guess = best_tags(toks, |i, previous, tag| {
                active[i][previous].iter().map(|f| weights[*f][tag]).sum()
            });
            let gold = reachable_tags(toks, &sentence.tags);
            let before = |tags: &[usize], i: usize| {
                if i > 0 && toks[i - 1].word {
                    tags[i - 1]
                } else {
                    OUTSIDE
                }
            };
            clock += 1;
            for i in (0..toks.len()).filter(|&i| toks[i].word) {
                let (gold_before, guess_before) = (before(&gold, i), before(&guess, i));
                if (gold_before, gold[i]) == (guess_before, guess[i]) {
                    continue;
                }
                for (features, label, delta) in [
                    (&active[i][gold_before], gold[i], 1.0f32),
                    (&active[i][guess_before], guess[i], -1.0f32),
                ] {
                    for f in features {
                        let elapsed = (clock - stamps[*f][label]) as f64;
                        totals[*f][label] += elapsed * f64::from(weights[*f][label]);
                        stamps[*f][label] = clock;
                        weights[*f][label] += delta;
                    }
                }
            }
        }
    }
    let mut lines: Vec<(String, f32, f32)> = Vec::new();
    for (hash, (name, _)) in &counts {
        let Some(f) = index.get(hash) else { continue };
        let mut average = [0.0f64; LABELS];
        for (label, value) in average.iter_mut().enumerate() {
            let elapsed = (clock - stamps[*f][label]) as f64;
            let total = totals[*f][label] + elapsed * f64::from(weights[*f][label]);
            *value = total / clock.max(1) as f64;
        }
        let begin = (average[BEGIN] - average[OUTSIDE]) as f32;
        let inside = (average[INSIDE] - average[OUTSIDE]) as f32;
        if begin.abs() >= 0.0005 || inside.abs() >= 0.0005 {
            lines.push((name.clone(), begin, inside));
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    out.push_str("# Learned cue detector (structured averaged perceptron), see crates/analyze/src/attribution/cue_model.rs.\n");
    out.push_str(&format!(
        "# {} features; epochs {epochs}; features seen fewer than {min_count} times dropped.\n",
        lines.len()
    ));
    out.push_str("# feature\tbegin\tinside (weights relative to outside)\n");
    for (name, begin, inside) in lines {
        out.push_str(&format!("{name}\t{begin:.3}\t{inside:.3}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::attribution::tests::lexicon;
    use corroborate_model::Span;

    fn toks(text: &str) -> Vec<Tok<'_>> {
        super::super::tokenize(text, Span::new(0, text.len()), lexicon())
    }

    #[test]
    fn a_feature_hashes_the_same_from_its_parts_and_from_its_text() {
        let part = Part::new;
        assert_eq!(
            hash_parts(part("p1w"), &[part("the"), part("study")]),
            hash_text("p1w=the study")
        );
        assert_eq!(hash_parts(part("b"), &[]), hash_text("b="));
        assert_eq!(hash_parts(part("w"), &[part("")]), hash_text("w="));
        assert_ne!(hash_parts(part("w"), &[part("found")]), hash_parts(part("w"), &[part("find")]));
        assert_ne!(
            hash_parts(part("p1w"), &[part("a"), part("b")]),
            hash_parts(part("p1w"), &[part("b"), part("a")])
        );
    }

    #[test]
    fn a_listed_feature_has_its_weights_an_unlisted_one_none_and_a_repeat_adds_up() {
        let model = CueModel::parse("# header\nw=said\t1.5\t-0.5\nw=said\t0.5\t0.5\nb=\t-2\t-1\n")
            .expect("the file parses");
        assert_eq!(model.slot(hash_text("w=said")), [2.0, 0.0]);
        assert_eq!(model.slot(hash_text("b=")), [-2.0, -1.0]);
        assert_eq!(model.slot(hash_text("w=told")), [0.0, 0.0]);
    }

    #[test]
    fn the_features_of_the_tag_before_come_after_the_counted_ones() {
        let sentence = toks("Officials said the boat sank.");
        let context = SentenceContext::new(&sentence, lexicon());
        let mut templates = Vec::new();
        features(&sentence, 1, BEGIN, &context, &mut |template, _| {
            templates.push(template.text.to_string());
        });
        assert_eq!(templates[FEATURES_BEFORE_TAG..FEATURES_BEFORE_TAG + 3], ["y", "yw", "ys3"]);
    }

    #[test]
    fn gold_tags_begin_each_cue_and_continue_inside_it() {
        let text = "The mayor is expected to resign, aides said.";
        let toks = toks(text);
        let cues = [(10, 21), (39, 43)]; // "is expected", "said"
        let tags = gold_tags(&toks, &cues);
        let tagged: Vec<(&str, usize)> = toks
            .iter()
            .zip(&tags)
            .filter(|(_, t)| **t != OUTSIDE)
            .map(|(k, t)| (k.raw, *t))
            .collect();
        assert_eq!(tagged, [("is", BEGIN), ("expected", INSIDE), ("said", BEGIN)]);
    }

    #[test]
    fn a_trained_model_finds_a_cue_in_a_new_sentence_and_explains_it() {
        let texts = [
            ("The survey found that voters were tired.", (11, 16)),
            ("A new poll found that turnout fell.", (11, 16)),
            ("The audit found that the port was idle.", (10, 15)),
            ("Her lawyer found that the file was gone.", (11, 16)),
        ];
        let sentences: Vec<TrainingSentence> = texts
            .iter()
            .map(|(text, cue)| {
                let toks = toks(text);
                let tags = gold_tags(&toks, &[*cue]);
                TrainingSentence { toks, tags }
            })
            .collect();
        let file = train(&sentences, lexicon(), 5, 1);
        let model = CueModel::parse(&file).expect("the trained file parses");
        let sentence = toks("The inquiry found that the boats were armed.");
        let cues = model.cues(&sentence, lexicon());
        assert_eq!(cues.len(), 1, "{cues:?}");
        assert_eq!(sentence[cues[0].first].raw, "found");
        assert!(!cues[0].reasons.is_empty());
        // Without weights the model finds nothing.
        let empty = CueModel::parse("# no weights\n").expect("comments parse");
        assert!(empty.cues(&sentence, lexicon()).is_empty());
    }

    #[test]
    fn a_malformed_weights_line_is_an_error_naming_the_line() {
        let err = CueModel::parse("# header\nw=said\t1.0\n").expect_err("two fields");
        assert!(err.starts_with("line 2"), "{err}");
        let err = CueModel::parse("w=said\t1.0\tmany\n").expect_err("not a number");
        assert!(err.starts_with("line 1") && err.contains("many"), "{err}");
        // Windows line ends, blank lines, an exponent and a fourth field read as before.
        let model = CueModel::parse("w=said\t1.5\t-2e1\r\n\n  \nw=told\t.25\t3\tnote\n")
            .expect("the file parses");
        assert_eq!(model.slot(hash_text("w=said")), [1.5, -20.0]);
        assert_eq!(model.slot(hash_text("w=told")), [0.25, 3.0]);
    }

    #[test]
    fn the_best_sequence_can_begin_a_cue_that_only_its_next_word_makes_likely() {
        let sentence = toks("They have long praised the plan.");
        let at = |word: &str| sentence.iter().position(|t| t.raw == word).expect("word");
        let (have, long) = (at("have"), at("long"));
        // "have" alone leans outside (-1), but "long" inside a cue after it scores +3: the
        // best sequence begins the cue at "have", where reading left to right would not.
        let tags = best_tags(&sentence, |i, previous, tag| match (tag, previous) {
            (BEGIN, _) if i == have => -1.0,
            (INSIDE, BEGIN) if i == long => 3.0,
            (OUTSIDE, _) => 0.0,
            _ => -5.0,
        });
        let tagged: Vec<(&str, usize)> = sentence
            .iter()
            .zip(&tags)
            .filter(|(_, t)| **t != OUTSIDE)
            .map(|(k, t)| (k.raw, *t))
            .collect();
        assert_eq!(tagged, [("have", BEGIN), ("long", INSIDE)]);
        // Inside never follows outside or punctuation, however it scores.
        let sentence = toks("Yes, they did.");
        let tags = best_tags(&sentence, |_, _, tag| if tag == INSIDE { 9.0 } else { -1.0 });
        for (i, tag) in tags.iter().enumerate() {
            if *tag == INSIDE {
                assert!(i > 0 && sentence[i - 1].word && tags[i - 1] != OUTSIDE, "{tags:?}");
            }
        }
    }

    proptest::proptest! {
        /// The weights file is a data file a user may override: any text parses or gives a
        /// line error, never a panic, and well-formed lines give their weights.
        #[test]
        fn any_weights_text_parses_or_names_a_line(
            text in "(?s).{0,200}",
            lines in proptest::collection::vec(("[a-z=0-9 ]{1,12}", -999.0f32..999.0, -999.0f32..999.0), 0..8),
        ) {
            if let Err(err) = CueModel::parse(&text) {
                proptest::prop_assert!(err.starts_with("line "), "{}", err);
            }
            let file: String = lines
                .iter()
                .map(|(feature, begin, inside)| format!("{feature}\t{begin:.3}\t{inside}\r\n"))
                .collect();
            let model = CueModel::parse(&file).expect("well-formed lines parse");
            let mut expected: HashMap<u64, [f32; 2]> = HashMap::new();
            for line in file.lines() {
                let fields: Vec<&str> = line.split('\t').collect();
                let weight = |s: &str| s.parse::<f32>().expect("a number");
                let entry = expected.entry(hash_text(fields[0])).or_insert([0.0; 2]);
                entry[0] += weight(fields[1]);
                entry[1] += weight(fields[2]);
            }
            for (hash, weights) in expected {
                proptest::prop_assert_eq!(model.slot(hash), weights);
            }
        }

        /// Scoring hashes a feature from its parts and reading the file hashes its text: the
        /// two must agree for any template and parts (a token never holds a space).
        #[test]
        fn a_feature_hashes_alike_from_its_parts_and_its_text(
            template in "[a-z0-9+-]{1,8}",
            parts in proptest::collection::vec("[^ \\s]{0,10}", 0..4),
        ) {
            let pieces: Vec<Part> = parts.iter().map(|p| Part::new(p)).collect();
            let template = Part::new(&template);
            proptest::prop_assert_eq!(
                hash_parts(template, &pieces),
                hash_text(&feature_text(template, &pieces))
            );
        }

        #[test]
        fn a_weight_reads_as_str_parse_reads_it(
            mantissa in -9_999_999i64..=9_999_999,
            decimals in 0usize..=7,
            noise in "[-0-9.e]{0,9}",
        ) {
            let digits = format!("{:0>width$}", mantissa.unsigned_abs(), width = decimals + 1);
            let (whole, fraction) = digits.split_at(digits.len() - decimals);
            let sign = if mantissa < 0 { "-" } else { "" };
            let written =
                if decimals == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") };
            for text in [written.as_str(), noise.as_str()] {
                if let Some(fast) = fast_weight(text) {
                    let parsed: f32 = text.parse().expect("what fast_weight reads parses");
                    proptest::prop_assert_eq!(fast.to_bits(), parsed.to_bits(), "{}", text);
                }
            }
        }
    }
}
