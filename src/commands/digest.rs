//! `decide digest --since DATE`: the brief for stakeholders who will not
//! read the report's tables.

use std::collections::BTreeSet;

use super::date_arg;
use super::report::{dates_from_git, optional_date};
use crate::cli::{DigestArgs, DigestFormat};
use crate::context::{Context, Output};
use crate::log::Log;
use crate::metrics::kept::{self, Keep};
use crate::metrics::{MetricsOptions, digest};
use crate::record::Depth;
use crate::report;

/// The window a digest covers when `--since` is not given, as `--help` says.
pub const DEFAULT_DAYS: u64 = 30;

pub fn run(args: &DigestArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let as_of = optional_date("--as-of", args.as_of.as_deref())?.unwrap_or(ctx.today);
    let since = match &args.since {
        Some(text) => date_arg("--since", text)?,
        None => as_of
            .checked_sub_days(chrono::Days::new(DEFAULT_DAYS))
            .unwrap_or(as_of),
    };
    if since > as_of {
        return Err(crate::error::Error::Usage(format!(
            "--since {since} is after the as-of date {as_of}"
        ))
        .into());
    }
    // Placeholders are check's business; bodies are needed for the
    // rationale. Each decision is cut, as it is read, to what the report's
    // page reads, which the digest is part of (`metrics::kept`): the whole
    // log is never in memory at once.
    let staged = Log::load_staged(
        ctx.locate()?,
        Depth::Sections,
        BTreeSet::new(),
        false,
        |r| r,
    );
    super::report::known_reader(staged.log(), args.for_person.as_deref())?;
    let loaded = staged.decisions(|mut d, _| {
        kept::decision(&mut d, Keep::Page);
        d
    });
    let (mut log, decisions) = staged.finish(loaded);
    log.decisions = decisions;
    for r in &mut log.reviews {
        kept::review(r, Keep::Page);
    }
    let mut opts = MetricsOptions::new(as_of);
    opts.dates = dates_from_git(&log);
    opts.model = args.model.clone();
    let digest = digest::digest(&log, &opts, since, args.for_person.as_deref());
    Ok(Output::stdout(match args.format {
        DigestFormat::Markdown => report::digest::markdown(&digest),
        DigestFormat::Text => report::digest::text(&digest),
    }))
}
