//! `corroborate`: the command-line edge of the pipeline.
//!
//! This crate only parses arguments, wires the stages together (ingest → analyze → store →
//! resolve → export), reports progress and prints summaries. Every stage lives in its own
//! library crate; see ARCHITECTURE.md.
#![allow(clippy::print_stdout, reason = "the CLI is the one crate that prints results")]

mod cli;
mod commands;
mod eval;
mod render;
mod temporal;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    init_logging(args.verbose);
    match commands::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Logs go to stderr; `-v` raises the level, `RUST_LOG` overrides it.
fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}
