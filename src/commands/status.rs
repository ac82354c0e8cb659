//! `decide status ID STATUS`: moves a decision through its life cycle,
//! stamping `decided` when it is accepted or rejected, by editing only the
//! lines concerned.

use crate::cli::{StatusArg, StatusArgs};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::record::Status;

use super::editing::{FileEdit, date_or_today, unique_decision, write};

pub fn status_of(arg: StatusArg) -> Status {
    match arg {
        StatusArg::Draft => Status::Draft,
        StatusArg::Proposed => Status::Proposed,
        StatusArg::Accepted => Status::Accepted,
        StatusArg::Rejected => Status::Rejected,
        StatusArg::Deprecated => Status::Deprecated,
        StatusArg::Superseded => Status::Superseded,
        StatusArg::Withdrawn => Status::Withdrawn,
        StatusArg::Deferred => Status::Deferred,
    }
}

/// Accepting or rejecting is the moment a decision is taken.
fn is_decision(status: Status) -> bool {
    matches!(status, Status::Accepted | Status::Rejected)
}

pub fn run(args: &StatusArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(ctx.locate()?, |log| set(args, ctx, &log))
}

/// Sets the status, with the log's lock held from reading to writing.
fn set(args: &StatusArgs, ctx: &Context, log: &Log) -> anyhow::Result<Output> {
    let status = status_of(args.status);
    if args.date.is_some() && !is_decision(status) {
        return Err(Error::Usage(
            "--date sets the `decided` date, which only accepted and rejected decisions have"
                .into(),
        )
        .into());
    }
    let decided = date_or_today(args.date.as_deref(), ctx.today)?;
    let d = unique_decision(log, &args.id)?;
    let id = d.id.as_ref().map(ToString::to_string).unwrap_or_default();
    let mut file = FileEdit::open(log, &d.meta.path)?;
    let mut changes = Vec::new();

    let moving = d.status != Some(status);
    if moving {
        file.apply(|doc| doc.set_scalar("status", status.as_str()))?;
        let old = d.status_text.as_ref().map_or("unknown", |t| t.as_str());
        changes.push(format!("status {old} → {status}"));
    }
    let old_decided = d.decided.as_ref().map(|t| t.raw.as_str());
    if is_decision(status) && (moving || args.date.is_some()) && old_decided != Some(&decided) {
        file.apply(|doc| doc.set_scalar("decided", &decided))?;
        changes.push(format!("decided {decided}"));
    }

    let mut out = Output::default();
    if changes.is_empty() {
        if !ctx.global.quiet {
            out.stderr = format!("{id} is already {status}; nothing changed\n");
        }
        return Ok(out);
    }
    write(&[&file])?;
    if !ctx.global.quiet {
        out.stdout = format!("{id}: {}\n", changes.join(", "));
        if status == Status::Superseded && d.superseded_by.is_empty() {
            out.stderr = format!(
                "note: {id} names no successor; `decide supersede {id} NEW` links the one that replaces it\n"
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_status_word_is_accepted_on_the_command_line() {
        let words: Vec<String> = StatusArg::value_variants()
            .iter()
            .map(|v| {
                let word = v.to_possible_value().unwrap().get_name().to_string();
                assert_eq!(status_of(*v).as_str(), word);
                word
            })
            .collect();
        let all: Vec<&str> = Status::ALL.iter().map(|(w, _)| *w).collect();
        assert_eq!(words, all);
    }
}
