//! `decide feedback ID --by P --stance S`: records what a stakeholder said
//! about a decision, in the decision itself or in the review where it was
//! said, so engagement reports see it.

use std::path::Path;

use crate::cli::{FeedbackArgs, StanceArg};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::record::pulse::signal_word;
use crate::record::{PulseConfig, Stance};

use super::editing::{FileEdit, date_or_today, id_value, unique_decision, write};
use super::may_name;

pub fn stance_of(arg: StanceArg) -> Stance {
    match arg {
        StanceArg::Support => Stance::Support,
        StanceArg::Concern => Stance::Concern,
        StanceArg::Objection => Stance::Objection,
        StanceArg::Veto => Stance::Veto,
        StanceArg::Alternative => Stance::Alternative,
        StanceArg::Abstain => Stance::Abstain,
    }
}

/// `--signal` words, checked against the log's set and written as one
/// value (`fairness, user-friction`), which reads back as a list.
fn signals(args: &FeedbackArgs, log: &Log) -> Result<String, Error> {
    let cfg = PulseConfig::of(log.charter.as_ref());
    let mut words: Vec<String> = Vec::new();
    for s in &args.signals {
        let w = signal_word(s);
        if !cfg.signals.contains(&w) {
            return Err(Error::Usage(format!(
                "`{}` is not a signal; the signals are {} (add more under the charter's `signals`)",
                s.trim(),
                cfg.signals.join(", ")
            )));
        }
        if !words.contains(&w) {
            words.push(w);
        }
    }
    Ok(words.join(", "))
}

pub fn run(args: &FeedbackArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.id),
        |log| add(args, ctx, &log),
    )
}

/// Adds the entry, with the log's lock held from reading to writing.
fn add(args: &FeedbackArgs, ctx: &Context, log: &Log) -> anyhow::Result<Output> {
    let date = date_or_today(args.date.as_deref(), ctx.today)?;
    let by = args.by.trim();
    if by.is_empty() {
        return Err(Error::Usage("--by must name who gave the feedback".into()).into());
    }
    let stance = stance_of(args.stance).as_str();
    let d = unique_decision(log, &args.id)?;
    let id =
        d.id.clone()
            .ok_or_else(|| Error::NotFound(args.id.clone()))?;

    let mut out = Output::default();
    if let Some(people) = &log.people
        && people.person(by).is_none()
        && let Some((_, members, _)) = people.groups.iter().find(|(g, _, _)| g == by)
    {
        return Err(Error::Usage(format!(
            "`{by}` is a group in {}; feedback is given by one person (one of: {})",
            people.meta.path,
            if members.is_empty() {
                "the group has no members".to_string()
            } else {
                members.join(", ")
            }
        ))
        .into());
    }
    if let Some(people) = &log.people
        && !people.knows(by)
    {
        out.stderr = format!(
            "warning: `{by}` is not in {}; the feedback is recorded anyway\n",
            people.meta.path
        );
    }

    let on = id_value(&id);
    let mut entries: Vec<(&str, &str)> = Vec::new();
    let (path, what) = match &args.review {
        None => (&*d.meta.path, format!("{id}: feedback from {by}")),
        Some(name) => {
            // Accept the file name or path as well as the stem.
            let stem = Path::new(name)
                .file_stem()
                .and_then(|s| s.to_str())
                .filter(|_| name.ends_with(".md"))
                .unwrap_or(name);
            let review = log.reviews.iter().find(|r| r.id == stem).ok_or_else(|| {
                Error::Usage(format!(
                    "no review `{name}` (a review is named by its file stem, e.g. 2026-03-04-q1-review)"
                ))
            })?;
            entries.push(("on", &on));
            (
                &*review.meta.path,
                format!("{}: feedback from {by} on {id}", review.id),
            )
        }
    };
    entries.extend([("by", by), ("date", date.as_str()), ("stance", stance)]);
    if let Some(note) = args.note.as_deref().filter(|n| !n.trim().is_empty()) {
        entries.push(("note", note));
    }
    let signals = signals(args, log)?;
    if !signals.is_empty() {
        entries.push(("signals", &signals));
    }

    let mut file = FileEdit::open(log, path)?;
    file.apply(|doc| doc.append_mapping("feedback", &entries))?;
    write(&[&file])?;
    if !ctx.global.quiet {
        out.stdout = format!("{what} ({stance}, {date}) added\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_stance_word_is_accepted_on_the_command_line() {
        let words: Vec<String> = StanceArg::value_variants()
            .iter()
            .map(|v| {
                let word = v.to_possible_value().unwrap().get_name().to_string();
                assert_eq!(stance_of(*v).as_str(), word);
                word
            })
            .collect();
        let all: Vec<&str> = Stance::ALL.iter().map(|(w, _)| *w).collect();
        assert_eq!(words, all);
    }
}
