//! `decide status ID STATUS`: moves a decision through its life cycle,
//! stamping `decided` when it is accepted or rejected, by editing only the
//! lines concerned.

use crate::cli::{StatusArg, StatusArgs};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::record::{Decision, Stance, Status};

use super::editing::{FileEdit, date_or_today, id_value, ids_under, unique_decision, write};
use super::may_name;

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

/// Appends `{status, date}` to the decision's `status-history`.
pub fn stamp(file: &mut FileEdit, status: Status, date: &str) -> anyhow::Result<()> {
    file.apply(|doc| {
        doc.append_mapping(
            "status-history",
            &[("status", status.as_str()), ("date", date)],
        )
    })?;
    Ok(())
}

/// Accepting or rejecting is the moment a decision is taken.
fn is_decision(status: Status) -> bool {
    matches!(status, Status::Accepted | Status::Rejected)
}

pub fn run(args: &StatusArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.id),
        |log| set(args, ctx, &log),
    )
}

/// Sets the status, with the log's lock held from reading to writing.
fn set(args: &StatusArgs, ctx: &Context, log: &Log) -> anyhow::Result<Output> {
    let status = status_of(args.status);
    let decided = date_or_today(args.date.as_deref(), ctx.today)?;
    let d = unique_decision(log, &args.id)?;
    let id = d.id.as_ref().map(ToString::to_string).unwrap_or_default();
    if status == Status::Accepted && d.status != Some(Status::Accepted) && !args.force {
        let reasons = not_ready(log, d);
        if !reasons.is_empty() {
            return Err(Error::Usage(format!(
                "{id} is not accepted: {}; resolve that first, or accept anyway with --force",
                reasons.join("; ")
            ))
            .into());
        }
    }
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

    // Every change of status keeps its date (`status-history`), so a
    // deprecation is never read as happening on the day of the decision.
    if moving {
        stamp(&mut file, status, &decided)?;
        changes.push(format!("status-history + {status} {decided}"));
    }
    let mut out = Output::default();
    if changes.is_empty() {
        if !ctx.global.quiet {
            out.stderr = format!("{id} is already {status}; nothing changed\n");
        }
        return Ok(out);
    }
    // Accepting a decision puts the ones it supersedes out of force.
    let mut replaced = Vec::new();
    if status == Status::Accepted && moving {
        replaced = mark_superseded(log, d, &decided)?;
    }
    let mut files = vec![&file];
    files.extend(replaced.iter().map(|(f, _)| f));
    write(&files)?;
    if !ctx.global.quiet {
        out.stdout = format!("{id}: {}\n", changes.join(", "));
        for (_, line) in &replaced {
            out.stdout.push_str(line);
        }
        if status == Status::Superseded && d.superseded_by.is_empty() {
            out.stderr = format!(
                "note: {id} names no successor; `decide supersede {id} NEW` links the one that replaces it\n"
            );
        }
    }
    Ok(out)
}

/// Why `d` should not be accepted yet: an objection or veto nobody has
/// resolved (in the record or in a review), or no rationale.
fn not_ready(log: &Log, d: &Decision) -> Vec<String> {
    let mut reasons = Vec::new();
    let id = d.id.as_ref().map(id_value).unwrap_or_default();
    for (i, (f, _)) in super::show::numbered_feedback(log, d).iter().enumerate() {
        let blocking = matches!(f.stance, Some(Stance::Objection | Stance::Veto));
        if blocking && f.resolved().is_none() {
            let by = f.by.as_ref().map_or("someone", |t| t.as_str());
            let stance = f.stance.map_or("objection", |s| s.as_str());
            reasons.push(format!(
                "the {stance} by {by} is unresolved (`decide feedback resolve {id} {}` once it is)",
                i + 1
            ));
        }
    }
    if d.body.rationale_text().is_none() {
        reasons.push("it has no rationale (write the `## Rationale` section)".into());
    }
    reasons
}

/// The decisions `d` supersedes that are not yet marked so: each set to
/// superseded, with `d` added to its `superseded-by`, and the line saying so.
fn mark_superseded(log: &Log, d: &Decision, date: &str) -> anyhow::Result<Vec<(FileEdit, String)>> {
    let Some(new_id) = &d.id else {
        return Ok(Vec::new());
    };
    let mut edits = Vec::new();
    for r in &d.supersedes {
        let Some(old) = log.find(&r.id).next() else {
            continue;
        };
        let mut file = FileEdit::open(log, &old.meta.path)?;
        let mut changes = Vec::new();
        if old.status != Some(Status::Superseded) {
            file.apply(|doc| doc.set_scalar("status", Status::Superseded.as_str()))?;
            let was = old.status_text.as_ref().map_or("unknown", |t| t.as_str());
            changes.push(format!("status {was} → superseded"));
            stamp(&mut file, Status::Superseded, date)?;
            changes.push(format!("status-history + superseded {date}"));
        }
        if !ids_under(file.front(), "superseded-by").contains(new_id) {
            file.apply(|doc| doc.add_to_list("superseded-by", &id_value(new_id)))?;
            changes.push(format!("superseded-by + {new_id}"));
        }
        if !changes.is_empty() {
            let line = format!("{}: {}\n", r.id, changes.join(", "));
            edits.push((file, line));
        }
    }
    Ok(edits)
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
