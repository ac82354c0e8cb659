//! `decide pulse add REVIEW`: records one respondent's answers in a pulse
//! survey, through the same byte-preserving, atomic edit as `feedback`.
//! A response without `--by` is anonymous: it counts toward the means,
//! not toward anyone's response rate.

use std::path::Path;

use crate::cli::PulseAddArgs;
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::record::{PulseConfig, ReviewKind};

use super::editing::{FileEdit, date_or_today, write};

/// The answers given on the command line, as `(question, rating)` in the
/// charter's order of questions, each checked against the scale.
fn ratings(args: &PulseAddArgs, cfg: &PulseConfig) -> Result<Vec<(String, i64)>, Error> {
    let mut given: Vec<(String, i64)> = Vec::new();
    let named = [
        ("clarity", args.clarity),
        ("trust", args.trust),
        ("satisfaction", args.satisfaction),
    ];
    for (q, v) in named {
        if let Some(v) = v {
            given.push((q.to_string(), v));
        }
    }
    for pair in &args.rate {
        let (q, v) = pair.split_once('=').ok_or_else(|| {
            Error::Usage(format!(
                "--rate takes QUESTION=N, e.g. --rate fairness=4, not `{pair}`"
            ))
        })?;
        let v = v.trim().parse::<i64>().map_err(|_| {
            Error::Usage(format!("--rate {pair}: the rating must be a whole number"))
        })?;
        given.push((q.trim().to_ascii_lowercase(), v));
    }
    if given.is_empty() {
        return Err(Error::Usage(format!(
            "give at least one rating, e.g. --trust 4 (questions: {})",
            cfg.questions.join(", ")
        )));
    }
    for (i, (q, v)) in given.iter().enumerate() {
        if !cfg.questions.contains(q) {
            return Err(Error::Usage(format!(
                "`{q}` is not a pulse question; the questions are {} (the charter's `pulse-questions`)",
                cfg.questions.join(", ")
            )));
        }
        if given[..i].iter().any(|(p, _)| p == q) {
            return Err(Error::Usage(format!("`{q}` is rated twice")));
        }
        if !cfg.in_scale(*v) {
            return Err(Error::Usage(format!(
                "`{q}` is rated {v}; ratings run from 1 to {}",
                cfg.scale
            )));
        }
    }
    given.sort_by_key(|(q, _)| cfg.questions.iter().position(|x| x == q));
    Ok(given)
}

pub fn add(args: &PulseAddArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(ctx.locate()?, |_| false, |log| add_locked(args, ctx, log))
}

/// Records the ratings, with the log's lock held from reading to writing.
fn add_locked(args: &PulseAddArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let date = date_or_today(args.date.as_deref(), ctx.today)?;
    let cfg = PulseConfig::of(log.charter.as_ref());
    let given = ratings(args, &cfg)?;
    let name = args.review.as_str();
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|_| name.ends_with(".md"))
        .unwrap_or(name);
    let review = log.reviews.iter().find(|r| r.id == stem).ok_or_else(|| {
        Error::Usage(format!(
            "no review `{name}` (a review is named by its file stem, e.g. 2026-03-31-q1-pulse)"
        ))
    })?;
    if review.kind != Some(ReviewKind::Pulse) {
        return Err(Error::Usage(format!(
            "{} is not a pulse (its kind is {}); scaffold one with `decide review new TITLE --kind pulse`",
            review.id,
            review.kind.map_or("not stated", |k| k.as_str())
        ))
        .into());
    }
    let by = args.by.as_deref().map(str::trim).filter(|b| !b.is_empty());
    let mut out = Output::default();
    if let (Some(by), Some(people)) = (by, &log.people)
        && !people.knows(by)
    {
        out.stderr = format!(
            "warning: `{by}` is not in {}; the response is recorded anyway\n",
            people.meta.path
        );
    }
    let values: Vec<(String, String)> = given
        .iter()
        .map(|(q, v)| (q.clone(), v.to_string()))
        .collect();
    let mut entries: Vec<(&str, &str)> = Vec::new();
    if let Some(by) = by {
        entries.push(("by", by));
    }
    entries.push(("date", &date));
    entries.extend(values.iter().map(|(q, v)| (q.as_str(), v.as_str())));
    if let Some(comment) = args.comment.as_deref().filter(|c| !c.trim().is_empty()) {
        entries.push(("comment", comment));
    }
    let mut file = FileEdit::open(&log, &review.meta.path)?;
    file.apply(|doc| doc.append_mapping("responses", &entries))?;
    write(&[&file])?;
    if !ctx.global.quiet {
        let who = by.map_or_else(
            || "an anonymous response".to_string(),
            |b| format!("a response from {b}"),
        );
        let rated: Vec<String> = given.iter().map(|(q, v)| format!("{q} {v}")).collect();
        out.stdout = format!("{}: {who} ({}) added\n", review.id, rated.join(", "));
    }
    Ok(out)
}
