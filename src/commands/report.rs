//! `decide report`: the engagement report of SPEC §6, as a table, JSON,
//! Markdown, CSV or a self-contained HTML page, on standard output or into a file.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use std::collections::BTreeMap;

use super::date_arg;
use crate::cli::{ReportArgs, ReportFormat, TrendPeriod};
use crate::context::{Context, Output};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::git;
use crate::log::{Location, Log};
use crate::metrics::kept::{self, Keep};
use crate::metrics::trend::Period;
use crate::metrics::{self, Dates, MetricsOptions};
use crate::record::{Decision, Depth};
use crate::report;
use crate::rules::{self, CheckOptions, levels::Levels};

pub fn run(args: &ReportArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let as_of = optional_date("--as-of", args.as_of.as_deref())?.unwrap_or(ctx.today);
    let since = optional_date("--since", args.since.as_deref())?;
    let until = optional_date("--until", args.until.as_deref())?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(Error::Usage(format!("--since {s} is after --until {u}")).into());
    }
    // Refused before the log is read, like every other usage error.
    if args.trend.is_some() && args.format == ReportFormat::Html {
        return Err(no_html_trend());
    }
    // Read in full and checked, as it is read: the report marks the
    // decisions on which `check` finds errors.
    let location = ctx.locate()?;
    let levels = Levels::from_config(&location.config)?;
    let keep = match args.format {
        ReportFormat::Html => Keep::Page,
        _ => Keep::Figures,
    };
    let (mut log, errors) = match args.trend {
        // No figure of a trend reads `check`'s findings (they mark only
        // "fully complete", `metrics::trend`): the log is not checked.
        Some(_) => (
            cut(location, keep, args.for_person.as_deref())?,
            BTreeMap::new(),
        ),
        None => streamed(location, &levels, as_of, keep, args.for_person.as_deref())?,
    };
    let opts = MetricsOptions {
        as_of,
        since,
        until,
        model: args.model.clone(),
        dates: dates_from_git(&log),
        for_person: args.for_person.clone(),
        check_errors: errors,
    };
    if keep == Keep::Figures {
        // Only the page links records to their files.
        log.sources = Vec::new();
    }
    if let Some(period) = args.trend {
        let period = match period {
            TrendPeriod::Month => Period::Month,
            TrendPeriod::Quarter => Period::Quarter,
        };
        let trend = metrics::trend::trend(&log, &opts, period);
        let text = match args.format {
            ReportFormat::Table => report::trend::table(&trend, ctx.width),
            ReportFormat::Json => {
                let mut s = serde_json::to_string_pretty(&trend)?;
                s.push('\n');
                s
            }
            ReportFormat::Markdown => report::trend::markdown(&trend),
            ReportFormat::Csv => report::trend::csv(&trend),
            ReportFormat::Html => return Err(no_html_trend()),
        };
        return deliver(args, ctx, text);
    }
    // Tables, Markdown and JSON are written as they are produced: section
    // by section, or as serialised; never whole in memory.
    type Write = fn(&mut dyn io::Write, &metrics::Report, Option<u16>, bool) -> io::Result<()>;
    let write: Write = match args.format {
        ReportFormat::Table => |out, r, width, quiet| report::table::write(out, r, width, quiet),
        ReportFormat::Markdown => |out, r, _, _| report::markdown::write(out, r),
        ReportFormat::Json => |out, r, _, _| crate::output::write_json(out, r),
        ReportFormat::Csv => {
            let report = metrics::compute(&log, &opts);
            return deliver(args, ctx, report::csv::render(&report, args.by));
        }
        ReportFormat::Html => {
            // The page is written as it is rendered, never whole in memory,
            // and each decision's part of it is made as it is written, from
            // the report and the log, which the stream owns (`Output::kept`).
            let html = move |out: &mut dyn io::Write| {
                let report = metrics::compute(&log, &opts);
                let options = report::html::Options {
                    base_url: log.location.config.base_url.as_deref(),
                    version: env!("CARGO_PKG_VERSION"),
                };
                report::html::page(&report, &log, &opts, &options).write_to(out)
            };
            return match &args.output {
                None => Ok(Output::streamed(html)),
                Some(_) => {
                    let mut bytes = Vec::new();
                    html(&mut bytes)?;
                    deliver(args, ctx, String::from_utf8(bytes)?)
                }
            };
        }
    };
    let (width, quiet) = (ctx.width, ctx.global.quiet);
    match &args.output {
        // The figures borrow from the log, so they are worked out in the
        // stream, which owns the log and is kept once written
        // (`Output::kept`); the figures, mostly borrowed names, are freed
        // there.
        None => Ok(Output::streamed(move |out| {
            write(out, &metrics::compute(&log, &opts), width, quiet)
        })),
        Some(_) => {
            let mut bytes = Vec::new();
            write(&mut bytes, &metrics::compute(&log, &opts), width, quiet)?;
            deliver(args, ctx, String::from_utf8(bytes)?)
        }
    }
}

fn no_html_trend() -> anyhow::Error {
    Error::Usage("--trend prints as table, json, markdown or csv, not html".into()).into()
}

/// Prints `text`, or writes it to `--output`.
fn deliver(args: &ReportArgs, ctx: &Context, text: String) -> anyhow::Result<Output> {
    match &args.output {
        None => Ok(Output::stdout(text)),
        Some(path) => {
            let path = ctx.cwd.join(path);
            write_file(&path, &text)?;
            let mut out = Output::default();
            if !ctx.global.quiet {
                out.stderr = format!("wrote {}\n", crate::log::slashed(&path));
            }
            Ok(out)
        }
    }
}

fn count_errors(found: Vec<Diagnostic>) -> BTreeMap<Arc<str>, usize> {
    let mut errors = BTreeMap::new();
    for d in found {
        if d.severity == Severity::Error {
            *errors.entry(d.path).or_insert(0) += 1;
        }
    }
    errors
}

/// The log read without `check`, each record cut as it is read to what
/// the figures of `keep` read ([`kept`]), so that the whole log is never
/// in memory at once: for `digest` and `--trend`, which read no finding.
/// `--for` is checked before the decisions are read.
pub(crate) fn cut(location: Location, keep: Keep, reader: Option<&str>) -> Result<Log, Error> {
    // Placeholders are `check`'s business (`Depth::Sections`); bodies are
    // needed for the rationale.
    let staged = Log::load_staged(location, Depth::Sections, Default::default(), false, |r| r);
    known_reader(staged.log(), reader)?;
    let loaded = staged.decisions(|mut d, _| {
        kept::decision(&mut d, keep);
        d
    });
    let (mut log, decisions) = staged.finish(loaded);
    log.decisions = decisions;
    for r in &mut log.reviews {
        kept::review(r, keep);
    }
    Ok(log)
}

/// The log as the report reads it, and the error-level `check` findings
/// on it per record path (with the configured levels and suppressions),
/// the decisions checked as they are read ([`rules::Pass`], as `check`
/// does): each keeps only the findings that may count as errors and, once
/// checked, only what the figures of `keep` read ([`kept`]). The whole log
/// is thus never in memory at once; the reviews, needed whole by the
/// rules about them, are cut down once those have run. `--for` is checked
/// before the decisions are read.
fn streamed(
    location: Location,
    levels: &Levels,
    as_of: NaiveDate,
    keep: Keep,
    reader: Option<&str>,
) -> Result<(Log, BTreeMap<Arc<str>, usize>), Error> {
    let options = CheckOptions { as_of };
    let staged = Log::load_staged(location, Depth::Full, Default::default(), false, |r| r);
    known_reader(staged.log(), reader)?;
    let (loaded, own) = {
        let pass = rules::Pass::new(staged.log(), &options);
        let loaded = staged.decisions(|mut d, _| {
            let checked = pass.decision_keeping(&d, None, true, |f| levels.may_be_error(f));
            kept::decision(&mut d, keep);
            (checked, d)
        });
        (loaded, pass.take())
    };
    let (mut log, loaded) = staged.finish(loaded);
    // In place: the pairs' vector becomes the decisions' (a second vector
    // of every decision would set the peak).
    let mut checked = Vec::with_capacity(loaded.len());
    let mut decisions: Vec<Decision> = loaded
        .into_iter()
        .map(|(c, d)| {
            checked.push(c);
            d
        })
        .collect();
    decisions.shrink_to_fit();
    let found = rules::Pass::new(&log, &options).finish(own, checked, |_| true);
    let errors = count_errors(levels.apply(found, &log));
    for r in &mut log.reviews {
        kept::review(r, keep);
    }
    log.decisions = decisions;
    Ok((log, errors))
}

/// `--for P` must name someone `people.yaml` knows, when there is one: a
/// typo would otherwise print an empty view that reads as "nothing waits".
pub(crate) fn known_reader(log: &Log, person: Option<&str>) -> Result<(), Error> {
    match (person, log.people.as_ref()) {
        (Some(p), Some(registry)) if registry.person(p.trim()).is_none() => Err(Error::Usage(
            format!("--for {p}: not a person or alias in people.yaml"),
        )),
        _ => Ok(()),
    }
}

pub(crate) fn optional_date(flag: &str, text: Option<&str>) -> Result<Option<NaiveDate>, Error> {
    text.map(|t| date_arg(flag, t)).transpose()
}

/// Dates for the records that state none, from the commit that added each
/// file: one `git log` for the whole log, and only when a record needs it.
pub(crate) fn dates_from_git(log: &Log) -> Dates {
    let undated: Vec<&str> = log
        .decisions
        .iter()
        .filter(|d| d.date.is_none())
        .map(|d| &*d.meta.path)
        .chain(
            log.reviews
                .iter()
                .filter(|r| r.date.is_none())
                .map(|r| &*r.meta.path),
        )
        .collect();
    if undated.is_empty() {
        return Dates::default();
    }
    let dir = &log.location.dir;
    let added = git::added_dates(dir);
    // git names files from the real top level, so compare real paths.
    let real_dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
    let inferred = undated
        .into_iter()
        .filter_map(|path| {
            let source = log.source(path)?;
            let rel = source.abs.strip_prefix(dir).ok()?;
            let date = added.dates.get(&real_dir.join(rel))?;
            Some((path.to_string(), *date))
        })
        .collect();
    Dates {
        inferred,
        history: Some(added.history),
    }
}

/// Writes through a temporary file in the same folder, so a reader never
/// sees half a report and a failed run leaves the old file as it was.
fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io)
}
