//! `decide action add` and `decide action list`: adding an action item to a
//! decision or a review without a text editor, and the open items of the
//! whole log by owner and due date, as a table, JSON or CSV for a team's
//! backlog.

use serde::Serialize;

use crate::cli::{ActionAddArgs, ActionListArgs, ListFormat};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::output;
use crate::record::{Action, ActionStatus, Id};

use super::editing::{FileEdit, unique_decision, write};

/// A decision or a review that an action command names.
pub struct Target<'a> {
    /// `0012` or the review's stem.
    pub label: String,
    pub path: &'a str,
    pub actions: &'a [Action],
}

/// The decision (by id, path or stem) or the review (by stem, file name or
/// path) `text` names; a text naming both is an error.
pub fn target<'a>(log: &'a Log, text: &str) -> Result<Target<'a>, Error> {
    let decision = match super::find_decision(log, text) {
        Ok(_) => Some(unique_decision(log, text)?),
        Err(Error::NotFound(_)) => None,
        Err(Error::Usage(message)) if message.contains("is used by") => {
            return Err(Error::Usage(message));
        }
        Err(_) => None,
    };
    let review = super::reviews::find(log, text);
    match (decision, review) {
        (Some(d), None) => Ok(Target {
            label: d.id.as_ref().map(ToString::to_string).unwrap_or_default(),
            path: &d.meta.path,
            actions: &d.actions,
        }),
        (None, Some(r)) => Ok(Target {
            label: r.id.clone(),
            path: &r.meta.path,
            actions: &r.actions,
        }),
        (Some(d), Some(r)) => Err(Error::Usage(format!(
            "`{text}` names both {} and {}; rename one of them",
            d.meta.path, r.meta.path
        ))),
        (None, None) => Err(Error::Usage(format!(
            "no decision or review `{text}` (a review is named by its file stem)"
        ))),
    }
}

pub fn add(args: &ActionAddArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(ctx.locate()?, |log| add_locked(args, ctx, log))
}

/// Adds the item, with the log's lock held from reading to writing.
fn add_locked(args: &ActionAddArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let owner = args.owner.trim();
    let note = args.note.trim();
    if owner.is_empty() || note.is_empty() {
        return Err(Error::Usage("--owner and --note must not be empty".into()).into());
    }
    let due = args
        .due
        .as_deref()
        .map(|d| super::date_arg("--due", d))
        .transpose()?
        .map(|d| d.format("%Y-%m-%d").to_string());
    let target = target(&log, &args.target)?;
    let mut out = Output::default();
    if let Some(people) = &log.people
        && !people.knows(owner)
    {
        out.stderr = format!(
            "warning: `{owner}` is not in {}; the action is recorded anyway\n",
            people.meta.path
        );
    }
    let mut entries: Vec<(&str, &str)> = vec![("owner", owner)];
    if let Some(due) = &due {
        entries.push(("due", due));
    }
    entries.extend([("status", "open"), ("note", note)]);
    let mut file = FileEdit::open(&log, target.path)?;
    file.apply(|doc| doc.append_mapping("actions", &entries))?;
    write(&[&file])?;
    if !ctx.global.quiet {
        let due = due.map(|d| format!(", due {d}")).unwrap_or_default();
        out.stdout = format!(
            "{}: action {} added ({owner}{due}: {note})\n",
            target.label,
            target.actions.len() + 1
        );
    }
    Ok(out)
}

/// One row of `decide action list --format json`.
#[derive(Debug, Serialize)]
pub struct Item {
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
    pub note: Option<String>,
    /// `decision` or `review`.
    pub kind: &'static str,
    /// The decision id or review stem, as `decide action done` takes it.
    pub record: String,
    /// The item's number in its record, as `decide action done` takes it.
    pub number: usize,
    /// Days past due on the day of the run (negative: days left).
    pub days_overdue: Option<i64>,
    pub path: String,
}

pub fn list(args: &ActionListArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let log = ctx.load()?;
    let wanted = args.owner.as_deref().map(|o| expand(&log, o));
    let mut items = Vec::new();
    let decisions = log.decisions.iter().map(|d| {
        let record = d.id.as_ref().map(id_text).unwrap_or_default();
        (
            "decision",
            record,
            d.meta.path.as_str(),
            d.actions.as_slice(),
        )
    });
    let reviews = log.reviews.iter().map(|r| {
        (
            "review",
            r.id.clone(),
            r.meta.path.as_str(),
            r.actions.as_slice(),
        )
    });
    for (kind, record, path, actions) in decisions.chain(reviews) {
        for (i, a) in actions.iter().enumerate() {
            let status = match a.status {
                Some(ActionStatus::Done) => "done",
                Some(ActionStatus::Dropped) => "dropped",
                Some(ActionStatus::Open) | None => "open",
            };
            if status != "open" && !args.all {
                continue;
            }
            let owner = a.owner.as_ref().map(|o| o.value.to_string());
            if let Some(wanted) = &wanted {
                let theirs = owner
                    .as_deref()
                    .map(|o| expand(&log, o))
                    .unwrap_or_default();
                if !theirs.iter().any(|p| wanted.contains(p)) {
                    continue;
                }
            }
            let due = a.due.as_ref().and_then(|d| d.date);
            items.push(Item {
                owner,
                due: a.due.as_ref().map(|d| d.raw.to_string()),
                status,
                note: a.note.as_ref().map(|n| n.value.to_string()),
                kind,
                record: record.clone(),
                number: i + 1,
                days_overdue: due
                    .filter(|_| status == "open")
                    .map(|d| (ctx.today - d).num_days()),
                path: path.to_string(),
            });
        }
    }
    // By owner, then by due date (undated last), then where they are.
    items.sort_by(|a, b| {
        (
            a.owner.is_none(),
            &a.owner,
            a.due.is_none(),
            &a.due,
            &a.path,
            a.number,
        )
            .cmp(&(
                b.owner.is_none(),
                &b.owner,
                b.due.is_none(),
                &b.due,
                &b.path,
                b.number,
            ))
    });
    let mut out = Output::default();
    if let Some(owner) = &args.owner
        && items.is_empty()
        && !ctx.global.quiet
    {
        out.stderr = format!(
            "note: no {}action items owned by `{owner}`\n",
            if args.all { "" } else { "open " }
        );
    }
    let stderr = std::mem::take(&mut out.stderr);
    let streamed = match args.format {
        ListFormat::Json => output::json_stream(items),
        ListFormat::Csv => output::csv_stream(
            [
                "owner",
                "due",
                "days_overdue",
                "status",
                "note",
                "kind",
                "record",
                "number",
                "path",
            ],
            items,
            |i: &Item| {
                [
                    i.owner.clone().unwrap_or_default(),
                    i.due.clone().unwrap_or_default(),
                    i.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
                    i.status.to_string(),
                    i.note.clone().unwrap_or_default(),
                    i.kind.to_string(),
                    i.record.clone(),
                    i.number.to_string(),
                    i.path.clone(),
                ]
            },
        ),
        ListFormat::Table => {
            out.stderr = stderr;
            return Ok(table(out, &items, ctx));
        }
    };
    Ok(Output { stderr, ..streamed })
}

/// The action items as a table fitted to the terminal.
fn table(mut out: Output, items: &[Item], ctx: &Context) -> Output {
    if items.is_empty() {
        if out.stderr.is_empty() && !ctx.global.quiet {
            out.stderr = "no open action items\n".into();
        }
        return out;
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                clean(i.owner.as_deref().unwrap_or("(no owner)")),
                i.due.clone().unwrap_or_else(|| "-".into()),
                match i.days_overdue {
                    Some(d) if d > 0 => format!("{d} days late"),
                    Some(0) => "due today".into(),
                    Some(d) => format!("in {} days", -d),
                    None if i.status == "open" => String::new(),
                    None => i.status.to_string(),
                },
                clean(i.note.as_deref().unwrap_or("(no note)")),
                format!("{} {}, action {}", i.kind, clean(&i.record), i.number),
            ]
        })
        .collect();
    let table = output::fitted_table(
        &["Owner", "Due", "When", "Action", "Where"],
        &rows,
        ctx.width,
    );
    out.stdout = output::render_table(&table);
    if !ctx.global.quiet {
        out.stdout.push_str(&format!(
            "{} action item{}\n",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ));
    }
    out
}

fn id_text(id: &Id) -> String {
    id.to_string()
}

/// Record text for a terminal: no control characters.
fn clean(text: &str) -> String {
    crate::report::clean(text)
}

fn expand(log: &Log, name: &str) -> Vec<String> {
    match &log.people {
        Some(people) => people.expand(name),
        None => vec![name.to_string()],
    }
}
