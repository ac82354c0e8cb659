//! `decide action done ID|REVIEW N`: closes an action item of a decision or
//! a review, numbered as `decide show` numbers them, stamping the day.

use crate::cli::ActionDoneArgs;
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::record::{Action, ActionStatus};
use crate::yaml::{Node, Value};

use super::editing::{FileEdit, date_or_today, write};
use super::may_name;

pub fn done(args: &ActionDoneArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.target),
        |log| close(args, ctx, log),
    )
}

/// Closes the item, with the log's lock held from reading to writing.
fn close(args: &ActionDoneArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let date = date_or_today(args.date.as_deref(), ctx.today)?;
    let target = args.target.as_str();
    // A decision by id, path or stem, or a review by stem, file name or path.
    let found = super::actions::target(&log, target)?;
    let (label, path, actions): (String, &str, &[Action]) =
        (found.label, found.path, found.actions);

    let n = args.number;
    if n == 0 || n > actions.len() {
        let message = match actions.len() {
            0 => format!("{label} has no action items"),
            1 => format!("{label} has 1 action item; there is no item {n}"),
            k => format!("{label} has {k} action items; there is no item {n}"),
        };
        return Err(Error::Usage(message).into());
    }
    let action = &actions[n - 1];
    match action.status {
        Some(ActionStatus::Done) => {
            let when = action
                .done
                .as_ref()
                .map(|d| format!(" ({})", d.raw))
                .unwrap_or_default();
            return Err(
                Error::Usage(format!("action {n} of {label} is already done{when}")).into(),
            );
        }
        Some(ActionStatus::Dropped) => {
            return Err(Error::Usage(format!(
                "action {n} of {label} was dropped; edit the file if it was done after all"
            ))
            .into());
        }
        Some(ActionStatus::Open) | None => {}
    }
    let mut file = FileEdit::open(&log, path)?;
    let index = yaml_index(file.front(), n).ok_or_else(|| Error::NotFound(target.to_string()))?;

    file.apply(|doc| doc.set_in_item("actions", index, "status", "done"))?;
    file.apply(|doc| doc.set_in_item("actions", index, "done", &date))?;
    write(&[&file])?;
    let mut out = Output::default();
    if !ctx.global.quiet {
        let owner = action.owner.as_ref().map_or("no owner", |t| t.as_str());
        let note = action
            .note
            .as_ref()
            .map(|t| format!(": {}", t.value))
            .unwrap_or_default();
        out.stdout = format!("{label}: action {n} done {date} ({owner}{note})\n");
    }
    Ok(out)
}

/// Where the `n`th action (1-based, counting mapping items only, as the
/// record reader and `decide show` do) sits in the YAML list.
fn yaml_index(node: Option<&Node>, n: usize) -> Option<usize> {
    let Value::Seq(items) = &node?.get("actions")?.value.value else {
        return None;
    };
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| matches!(item.value, Value::Map(_)))
        .nth(n - 1)
        .map(|(i, _)| i)
}
