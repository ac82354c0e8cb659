//! `decide`: a decision log for machine-learning teams, in plain text next to the code.
//!
//! The library loads a log ([`log`]), checks it, computes engagement metrics
//! and renders output as strings. It never prints: the binary does.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod edit;
pub mod error;
pub mod git;
pub mod import;
pub mod log;
pub mod metrics;
pub mod naming;
pub mod output;
pub mod record;
pub mod report;
pub mod rules;
pub mod templates;
pub mod text;
pub mod yaml;

pub use context::{Context, Output, Prompt};

use cli::{Command, ReviewCommand};

/// Runs one command. Errors are usage, configuration or I/O failures (exit code 2).
///
/// What it prints goes through [`output::safe::text`], so nothing from a
/// record reaches a terminal or a CI log as a control; `check` does that
/// itself, as it keeps its own colours and workflow commands.
pub fn run(command: Command, ctx: &mut Context) -> anyhow::Result<Output> {
    let escapes_itself = matches!(command, Command::Check(_));
    let mut out = dispatch(command, ctx)?;
    if !escapes_itself {
        // Copied only when something had to be escaped.
        if let std::borrow::Cow::Owned(escaped) = output::safe::text(&out.stdout) {
            out.stdout = escaped;
        }
        if let Some(mut stream) = out.stream.take() {
            out.stream = Some(Box::new(move |w: &mut dyn std::io::Write| {
                let mut safe = output::safe::Lines::text(w);
                stream(&mut safe)?;
                safe.finish()
            }));
        }
    }
    if let std::borrow::Cow::Owned(escaped) = output::safe::text(&out.stderr) {
        out.stderr = escaped;
    }
    Ok(out)
}

fn dispatch(command: Command, ctx: &mut Context) -> anyhow::Result<Output> {
    match command {
        Command::Init(args) => commands::init::run(&args, ctx),
        Command::New(args) => commands::new::run(&args, ctx),
        Command::Review {
            command: ReviewCommand::New(args),
        } => commands::review::run_new(&args, ctx),
        Command::Config(args) => commands::config::run(&args, ctx),
        Command::Review {
            command: ReviewCommand::List(args),
        } => commands::reviews::list(&args, ctx),
        Command::Review {
            command: ReviewCommand::Show(args),
        } => commands::reviews::show(&args, ctx),
        Command::Review {
            command: ReviewCommand::Attend(args),
        } => commands::reviews::attend(&args, ctx),
        Command::Edit(args) => commands::open::run(&args, ctx),
        Command::Graph(args) => commands::graph::run(&args, ctx),
        Command::Completions { shell } => Ok(commands::generated::completions(shell)),
        Command::Man => commands::generated::man(),
        Command::List(args) => commands::list::run(&args, ctx),
        Command::Show(args) => commands::show::run(&args, ctx),
        Command::Status(args) => commands::status::run(&args, ctx),
        Command::Supersede(args) => commands::supersede::run(&args, ctx),
        Command::Renumber(args) => commands::renumber::run(&args, ctx),
        Command::Feedback(cli::FeedbackCommand {
            command: Some(cli::FeedbackSub::Resolve(args)),
            ..
        }) => commands::resolve::run(&args, ctx),
        Command::Feedback(cli::FeedbackCommand {
            add: Some(args), ..
        }) => commands::feedback::run(&args, ctx),
        Command::Feedback(_) => Err(error::Error::Usage(
            "give a decision and `--by P --stance S`, or `resolve ID N`".into(),
        )
        .into()),
        Command::Action(cli::ActionCommand::Done(args)) => commands::action::done(&args, ctx),
        Command::Pulse(cli::PulseCommand::Add(args)) => commands::pulse::add(&args, ctx),
        Command::Action(cli::ActionCommand::Add(args)) => commands::actions::add(&args, ctx),
        Command::Action(cli::ActionCommand::List(args)) => commands::actions::list(&args, ctx),
        Command::Report(args) => commands::report::run(&args, ctx),
        Command::Digest(args) => commands::digest::run(&args, ctx),
        Command::Check(args) => commands::check::run(&args, ctx),
        Command::Rules(args) => commands::rules::run(&args, ctx),
        Command::Import(args) => commands::import::run(&args, ctx),
    }
}
