//! `decide feedback resolve ID N`: marks the Nth feedback on a decision (as
//! `decide show` numbers it, reviews included) as resolved, with the day and
//! an optional `resolution` note, in whichever file holds it.

use crate::cli::FeedbackResolveArgs;
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::yaml::{Node, Pos, Value};

use super::editing::{FileEdit, date_or_today, unique_decision, write};
use super::may_name;
use super::show::numbered_feedback;

pub fn run(args: &FeedbackResolveArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.id),
        |log| resolve(args, ctx, log),
    )
}

/// Resolves the entry, with the log's lock held from reading to writing.
fn resolve(args: &FeedbackResolveArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let date = date_or_today(args.date.as_deref(), ctx.today)?;
    let d = unique_decision(&log, &args.id)?;
    let label = d.id.as_ref().map(ToString::to_string).unwrap_or_default();
    let all = numbered_feedback(&log, d);
    let n = args.number;
    if n == 0 || n > all.len() {
        let message = match all.len() {
            0 => format!("{label} has no feedback"),
            1 => format!("{label} has 1 feedback entry; there is no entry {n}"),
            k => format!("{label} has {k} feedback entries; there is no entry {n}"),
        };
        return Err(Error::Usage(message).into());
    }
    let (f, review) = all[n - 1];
    let by = f.by.as_ref().map_or("someone", |t| t.as_str());
    let stance = f.stance.map_or("feedback", |s| s.as_str());
    if let Some(when) = f.resolved() {
        return Err(Error::Usage(format!(
            "feedback {n} on {label} ({stance} by {by}) is already resolved ({})",
            when.raw
        ))
        .into());
    }
    let path = review.map_or(&*d.meta.path, |r| &*r.meta.path);
    let mut file = FileEdit::open(&log, path)?;
    let index = yaml_index(file.front(), f.pos).ok_or_else(|| {
        Error::Usage(format!(
            "{path}: feedback {n} could not be found again; was the file changed meanwhile?"
        ))
    })?;
    file.apply(|doc| doc.set_in_item("feedback", index, "resolved", &date))?;
    if let Some(note) = args
        .note
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        file.apply(|doc| doc.set_in_item("feedback", index, "resolution", note))?;
    }
    write(&[&file])?;
    let mut out = Output::default();
    if !ctx.global.quiet {
        let place = review
            .map(|r| format!(" (in review {})", r.id))
            .unwrap_or_default();
        out.stdout = format!("{label}: {stance} by {by} resolved {date}{place}\n");
    }
    Ok(out)
}

/// Where the feedback item that starts at `pos` sits in the YAML list.
fn yaml_index(front: Option<&Node>, pos: Pos) -> Option<usize> {
    let Value::Seq(items) = &front?.get("feedback")?.value.value else {
        return None;
    };
    items.iter().position(|item| item.pos == pos)
}
