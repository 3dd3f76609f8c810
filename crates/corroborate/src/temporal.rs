//! What `corroborate eval temporal` and the `corroborate-time` executable share: reading a
//! temporal documents file, tagging each document's time expressions and writing the
//! prediction lines, so that the two give byte-identical predictions. This module depends on
//! nothing else of the CLI (the small executable includes it on its own, see
//! `src/bin/corroborate-time.rs`).

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use corroborate_analyze::{Resources, TimeResources};
use corroborate_model::{
    DateProvenance, Document, DocumentId, Paragraph, ParagraphKind, Span, TimeExpression,
};
use corroborate_resolve::ResolveSettings;
use serde::{Deserialize, Serialize};

/// Maps byte offsets of one text to code-point offsets.
#[derive(Debug, Clone)]
pub(crate) struct CodePoints {
    /// Byte offset of every char, then the text's length, so that the end of the text maps too.
    starts: Vec<usize>,
}

impl CodePoints {
    /// The map for `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
        starts.push(text.len());
        CodePoints { starts }
    }

    /// The code-point offset of byte offset `byte`, or `None` when it is not on a char boundary
    /// or lies past the end.
    pub(crate) fn of(&self, byte: usize) -> Option<usize> {
        self.starts.binary_search(&byte).ok()
    }

    /// `[start, end]` in code points, or `None` when either end is not a char boundary.
    pub(crate) fn span(&self, span: Span) -> Option<[usize; 2]> {
        Some([self.of(span.start)?, self.of(span.end)?])
    }
}

/// A document whose text is exactly `text`, every paragraph body text (the benchmark texts have
/// no separate headline): paragraphs are runs of non-blank lines, trimmed.
pub(crate) fn body_document(
    text: &str,
    published: Option<NaiveDate>,
    publisher: Option<String>,
) -> Document {
    Document {
        id: DocumentId::from_raw(text.as_bytes()),
        origin: String::new(),
        url: None,
        title: None,
        publisher,
        author: None,
        published,
        published_from: if published.is_some() {
            DateProvenance::Cli
        } else {
            DateProvenance::None
        },
        language: None,
        text: text.to_string(),
        paragraphs: body_paragraphs(text),
        syndication_group: None,
    }
}

/// Paragraph spans of `text`: maximal runs of lines that are not blank, without the whitespace
/// around them.
fn body_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    // Byte range of the current run of non-blank lines.
    let mut current: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            if let Some((s, e)) = current.take() {
                paragraphs.push(trimmed_paragraph(text, s, e));
            }
            continue;
        }
        current = Some(match current {
            Some((s, _)) => (s, offset),
            None => (start, offset),
        });
    }
    if let Some((s, e)) = current {
        paragraphs.push(trimmed_paragraph(text, s, e));
    }
    paragraphs
}

fn trimmed_paragraph(text: &str, start: usize, end: usize) -> Paragraph {
    let run = &text[start..end];
    let lead = run.len() - run.trim_start().len();
    let trail = run.len() - run.trim_end().len();
    Paragraph { span: Span::new(start + lead, end - trail), kind: ParagraphKind::Body }
}

/// A `YYYY-MM-DD` date at the start of `value` (a time after it is ignored); `None` for an
/// empty value.
pub(crate) fn leading_date(value: Option<&str>) -> Result<Option<NaiveDate>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let day = value.get(..10).unwrap_or(value);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .with_context(|| format!("{value:?} is not a date; write it as YYYY-MM-DD"))
}

/// Loads only what time expressions need (see [`corroborate_analyze::TimeResources`]), with the
/// user's overrides from `data` when given.
pub(crate) fn load_time_resources(data: Option<&Path>) -> Result<TimeResources> {
    let Some(dir) = data else {
        return TimeResources::builtin().context("built-in data files are invalid");
    };
    TimeResources::with_overrides(read_overrides(dir)?)
        .with_context(|| format!("invalid data file in {}", dir.display()))
}

/// The data files of `dir` that override a built-in one, as (relative name, text).
pub(crate) fn read_overrides(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut overrides = Vec::new();
    for name in Resources::data_file_names() {
        let path = dir.join(name);
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read data file {}", path.display()))?;
            overrides.push((name.to_string(), text));
        }
    }
    if overrides.is_empty() && !dir.join(ResolveSettings::DATA_FILE).exists() {
        bail!(
            "{} holds none of the known data files; expected some of: {}, {}",
            dir.display(),
            Resources::data_file_names().join(", "),
            ResolveSettings::DATA_FILE
        );
    }
    Ok(overrides)
}

/// Runs `analysis` on `doc`, turning a panic into an error message that names the document, so
/// that one bad document does not end a batch.
pub(crate) fn guarded<T>(doc: &Document, analysis: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(analysis)).map_err(|payload| {
        let reason = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("unknown panic");
        format!(
            "{}: analysis failed ({reason}); this is a bug in corroborate, please report it with this input",
            doc.origin
        )
    })
}

/// What a JSONL run reports as it goes: a progress bar in `corroborate eval`, nothing but the
/// failures in `corroborate-time`.
pub(crate) trait Progress {
    /// Whether the run should count the file's lines first (for a bar's length).
    const COUNTS_LINES: bool;
    /// One document was written.
    fn inc(&self);
    /// A message for stderr (a document analysis failed on).
    fn note(&self, message: &str);
    /// The run is over.
    fn finish(&self);
}

/// One line of a temporal documents file (the gold timexes, if any, are ignored).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TemporalDoc {
    /// Document id, echoed in the prediction.
    pub(crate) doc_id: String,
    /// The text the offsets index.
    pub(crate) text: String,
    /// Document creation time, `YYYY-MM-DD` (a time after the date is ignored).
    #[serde(default)]
    pub(crate) dct: Option<String>,
}

/// One predicted temporal expression, in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TimexPrediction {
    /// First code point.
    pub(crate) start: usize,
    /// One past the last code point.
    pub(crate) end: usize,
    /// TIMEX3 type: DATE, TIME, DURATION, SET.
    #[serde(rename = "type")]
    pub(crate) timex_type: String,
    /// TIMEX3 value; null when we could not normalise it.
    pub(crate) value: Option<String>,
}

/// The prediction line of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TemporalLine {
    /// Document id.
    pub(crate) doc_id: String,
    /// Temporal expressions in text order.
    pub(crate) timexes: Vec<TimexPrediction>,
}

/// Every temporal expression analyze reports for the document, in text order: all of its
/// sentences, not only those with an event.
pub(crate) fn timexes(doc: &Document, expressions: &[TimeExpression]) -> Vec<TimexPrediction> {
    let map = CodePoints::new(&doc.text);
    let mut seen = BTreeSet::new();
    let mut found: Vec<TimexPrediction> = expressions
        .iter()
        // Analyze reports each span once; this guards the file format all the same.
        .filter(|expression| seen.insert(expression.span))
        .filter_map(|expression| {
            let [start, end] = map.span(expression.span)?;
            Some(TimexPrediction {
                start,
                end,
                timex_type: expression.timex_type.as_str().to_string(),
                value: expression.value.clone(),
            })
        })
        .collect();
    found.sort_by_key(|t| (t.start, t.end));
    found
}

/// Analyses one temporal document, its creation time as the publication date, and returns its
/// prediction line.
pub(crate) fn predict_temporal(
    input: TemporalDoc,
    resources: &TimeResources,
) -> Result<Predicted<TemporalLine>> {
    let published = leading_date(input.dct.as_deref())
        .with_context(|| format!("document {}: bad dct", input.doc_id))?;
    let doc = body_document(&input.text, published, None);
    let found = guarded(&doc, || corroborate_analyze::time_expressions(&doc, resources));
    let (expressions, failure) = match found {
        Ok(expressions) => (expressions, None),
        // A benchmark run measures every other document rather than stopping at one.
        Err(reason) => (Vec::new(), Some(reason)),
    };
    Ok(Predicted {
        line: TemporalLine { doc_id: input.doc_id, timexes: timexes(&doc, &expressions) },
        failure,
    })
}

// ---------------------------------------------------------------------------------------------
// JSONL runs

/// A prediction line, and why it is empty when analysis failed on the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Predicted<P> {
    /// The line to write (with no predictions when analysis failed).
    pub(crate) line: P,
    /// What went wrong, when analysis failed.
    pub(crate) failure: Option<String>,
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Predictions written.
    pub(crate) written: usize,
    /// Inputs that gave no prediction (or an empty one).
    pub(crate) failed: usize,
}

impl Counts {
    /// Prints the run's summary on stderr and returns the exit code: 1 when any input failed.
    pub(crate) fn report(self, out: Option<&Path>, started: std::time::Instant) -> ExitCode {
        let seconds = started.elapsed().as_secs_f64();
        let per_second = if seconds > 0.0 { self.written as f64 / seconds } else { 0.0 };
        eprintln!(
            "predictions: {} written{}, {} failed, in {seconds:.2} s ({per_second:.1} per second)",
            self.written,
            out.map(|p| format!(" to {}", p.display())).unwrap_or_default(),
            self.failed,
        );
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

/// Reads a JSONL documents file, runs `predict` on each line and writes one JSON line per
/// document. A line that is not a document of the expected shape stops the run, naming the file
/// and line: a half-read benchmark file would give a misleading figure. A document analysis
/// failed on is written with no predictions (it scores as missed) and counted as failed.
/// `progress` is told the number of lines before the run (it may show a bar) and each
/// document as it is written.
pub(crate) fn run_jsonl<D, P, B: Progress>(
    docs: &Path,
    out: &mut dyn Write,
    progress: impl FnOnce(usize) -> B,
    mut predict: impl FnMut(D) -> Result<Predicted<P>>,
) -> Result<Counts>
where
    D: for<'de> Deserialize<'de>,
    P: Serialize,
{
    let open = || File::open(docs).with_context(|| format!("cannot open {}", docs.display()));
    let n_lines = if B::COUNTS_LINES { BufReader::new(open()?).lines().count() } else { 0 };
    let bar = progress(n_lines);
    let mut counts = Counts::default();
    for (index, line) in BufReader::new(open()?).lines().enumerate() {
        let at = || format!("{}:{}", docs.display(), index + 1);
        let line = line.with_context(|| format!("{}: cannot read the line", at()))?;
        if line.trim().is_empty() {
            continue;
        }
        let input: D = serde_json::from_str(&line)
            .with_context(|| format!("{}: not a document line (doc_id and text)", at()))?;
        let prediction = predict(input).with_context(at)?;
        if let Some(failure) = &prediction.failure {
            let message = format!("{}: {failure}", at());
            bar.note(&message);
            counts.failed += 1;
        }
        serde_json::to_writer(&mut *out, &prediction.line)
            .with_context(|| format!("{}: cannot write the prediction", at()))?;
        writeln!(out)?;
        counts.written += 1;
        bar.inc();
    }
    bar.finish();
    Ok(counts)
}
