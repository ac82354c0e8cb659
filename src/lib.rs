//! `decide`: a decision log for machine-learning teams, in plain text next to the code.
//!
//! The library loads a log ([`log`]), checks it, computes engagement metrics
//! and renders output as strings. It never prints: the binary does.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod error;
pub mod git;
pub mod log;
pub mod metrics;
pub mod output;
pub mod record;
pub mod report;
pub mod yaml;

pub use context::{Context, Output, Prompt};

use cli::Command;

/// Runs one command. Errors are usage, configuration or I/O failures (exit code 2).
pub fn run(command: Command, ctx: &mut Context) -> anyhow::Result<Output> {
    match command {
        Command::List(args) => commands::list::run(&args, ctx),
        Command::Show(args) => commands::show::run(&args, ctx),
        Command::Report(args) => commands::report::run(&args, ctx),
        Command::Digest(args) => commands::digest::run(&args, ctx),
    }
}
