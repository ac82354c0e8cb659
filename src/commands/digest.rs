//! `decide digest --since DATE`: the brief for stakeholders who will not
//! read the report's tables.

use super::date_arg;
use super::report::{dates_from_git, optional_date};
use crate::cli::{DigestArgs, DigestFormat};
use crate::context::{Context, Output};
use crate::metrics::kept::Keep;
use crate::metrics::{MetricsOptions, digest};
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
    // Each decision is cut, as it is read, to what the digest reads.
    let log = super::report::cut(ctx.locate()?, Keep::Digest, args.for_person.as_deref())?;
    let mut opts = MetricsOptions::new(as_of);
    opts.dates = dates_from_git(&log);
    opts.model = args.model.clone();
    let digest = digest::digest(&log, &opts, since, args.for_person.as_deref());
    Ok(Output::stdout(match args.format {
        DigestFormat::Markdown => report::digest::markdown(&digest),
        DigestFormat::Text => report::digest::text(&digest),
    }))
}
