//! `corroborate-time`: the time expressions of a temporal documents file, as
//! `corroborate eval temporal` writes them, from a small executable of its own.
//!
//! A user who tags one document at a time pays a process's start-up for each one (issue 5
//! compares one process per document with HeidelTime). The full CLI links every stage (the
//! store, the server, the readers), which the loader has to map and relocate before `main`;
//! this executable links only the time path of analyze and is linked without position
//! independence (see `build.rs`), so it starts in a fraction of that time. The reading,
//! tagging and writing are the very code `eval temporal` runs (`src/temporal.rs`), so the
//! predictions are byte-identical (a test in `tests/eval.rs` checks it).
#![allow(clippy::print_stdout, reason = "a command-line tool prints its help and results")]

#[path = "../temporal.rs"]
mod temporal;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

const HELP: &str = "\
Tag the time expressions (TIMEX3) of a JSONL file of documents: one line
{doc_id, timexes: [{start, end, type, value}]} per line {doc_id, dct, text} of DOCS,
offsets in code points, values read against `dct`. The same predictions as
`corroborate eval temporal DOCS`, from a small executable that starts faster (for
one process per document).

Usage: corroborate-time [OPTIONS] <DOCS>

Arguments:
  <DOCS>  JSONL documents file

Options:
      --out <OUT>    Output file (default: stdout)
      --data <DATA>  Directory of data files that override the built-in ones, laid out like
                     the repository's data/ folder (time/patterns.toml,
                     attribution/abbreviations.toml) [env: CORROBORATE_DATA=]
  -h, --help         Print help
  -V, --version      Print version

Exit status: 0 when every document was tagged, 1 when analysis failed on some (they are
written with no expressions), 2 when the arguments or the input are wrong.

Example:
  corroborate-time ../shared/eval/temporal/train_timebank.docs.jsonl --out pred.jsonl";

/// The command line, parsed.
#[derive(Debug, PartialEq, Eq)]
enum Request {
    Help,
    Version,
    Tag { docs: PathBuf, out: Option<PathBuf>, data: Option<PathBuf> },
}

/// Parses the arguments after the program name; `data` is `CORROBORATE_DATA`'s value, which
/// `--data` overrides.
fn parse(args: impl IntoIterator<Item = String>, data: Option<PathBuf>) -> Result<Request, String> {
    let mut args = args.into_iter();
    let (mut docs, mut out, mut data) = (None, None, data);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_string(), Some(value)),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| match inline {
            Some(value) => Ok(PathBuf::from(value)),
            None => args.next().map(PathBuf::from).ok_or(format!("{what} needs a value")),
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Request::Help),
            "-V" | "--version" => return Ok(Request::Version),
            "--out" => out = Some(value("--out")?),
            "--data" => data = Some(value("--data")?),
            _ if arg.starts_with('-') && arg.len() > 1 => {
                return Err(format!("unexpected argument '{arg}'"));
            }
            _ if docs.is_some() => return Err(format!("unexpected argument '{arg}'")),
            _ => docs = Some(PathBuf::from(arg)),
        }
    }
    let docs = docs.ok_or("the documents file <DOCS> is required")?;
    Ok(Request::Tag { docs, out, data })
}

fn main() -> ExitCode {
    let data = std::env::var_os("CORROBORATE_DATA").filter(|v| !v.is_empty()).map(PathBuf::from);
    match parse(std::env::args().skip(1), data) {
        Ok(Request::Help) => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(Request::Version) => {
            println!("corroborate-time {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Request::Tag { docs, out, data }) => match tag(&docs, out.as_deref(), data.as_deref()) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("error: {err:#}");
                ExitCode::from(2)
            }
        },
        Err(message) => {
            eprintln!(
                "error: {message}\n\nUsage: corroborate-time [OPTIONS] <DOCS>\n\nFor more \
                 information, try '--help'."
            );
            ExitCode::from(2)
        }
    }
}

/// Failures go to stderr as they come; there is no progress bar.
struct Quiet;

impl temporal::Progress for Quiet {
    const COUNTS_LINES: bool = false;

    fn inc(&self) {}

    fn note(&self, message: &str) {
        eprintln!("{message}");
    }

    fn finish(&self) {}
}

/// Tags every document of `docs` and writes the predictions to `out` (stdout when `None`), as
/// `corroborate eval temporal` does, with the same summary on stderr.
fn tag(docs: &Path, out: Option<&Path>, data: Option<&Path>) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let resources = temporal::load_time_resources(data)?;
    let mut writer: Box<dyn Write> = match out {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let counts = temporal::run_jsonl(
        docs,
        &mut writer,
        |_| Quiet,
        |doc| temporal::predict_temporal(doc, &resources),
    )?;
    // The process ends after this: freeing the compiled patterns one by one would only cost
    // time (see `corroborate eval temporal`).
    std::mem::forget(resources);
    writer.flush().with_context(|| match out {
        Some(path) => format!("cannot write {}", path.display()),
        None => "cannot write to stdout".to_string(),
    })?;
    Ok(counts.report(out, started))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a panic in a test is a failed test")]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments_are_read_in_any_order_with_or_without_equals() {
        let tag = |docs: &str, out: Option<&str>, data: Option<&str>| Request::Tag {
            docs: docs.into(),
            out: out.map(PathBuf::from),
            data: data.map(PathBuf::from),
        };
        assert_eq!(parse(args(&["d.jsonl"]), None), Ok(tag("d.jsonl", None, None)));
        assert_eq!(
            parse(args(&["--out", "p.jsonl", "d.jsonl", "--data=dir"]), None),
            Ok(tag("d.jsonl", Some("p.jsonl"), Some("dir")))
        );
        // `--data` wins over the environment's.
        assert_eq!(
            parse(args(&["d.jsonl", "--data", "mine"]), Some("env".into())),
            Ok(tag("d.jsonl", None, Some("mine")))
        );
        assert_eq!(
            parse(args(&["d.jsonl"]), Some("env".into())),
            Ok(tag("d.jsonl", None, Some("env")))
        );
        assert_eq!(parse(args(&["-h"]), None), Ok(Request::Help));
        assert_eq!(parse(args(&["d.jsonl", "--version"]), None), Ok(Request::Version));
    }

    #[test]
    fn wrong_arguments_are_named() {
        assert!(parse(args(&[]), None).unwrap_err().contains("<DOCS> is required"));
        assert!(parse(args(&["a", "b"]), None).unwrap_err().contains("'b'"));
        assert!(parse(args(&["a", "--fast"]), None).unwrap_err().contains("'--fast'"));
        assert!(parse(args(&["a", "--out"]), None).unwrap_err().contains("--out needs a value"));
    }
}
