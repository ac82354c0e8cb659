//! `decide action add` and `decide action list`: adding an action item to a
//! decision or a review without a text editor, and the open items of the
//! whole log by owner and due date, as a table, JSON or CSV for a team's
//! backlog.

use chrono::NaiveDate;
use compact_str::CompactString;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

use crate::cli::{ActionAddArgs, ActionListArgs, ListFormat};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::{Log, Projected};
use crate::output;
use crate::record::{Action, ActionStatus, Depth, Id, List, Review};

use super::Named;
use super::editing::{FileEdit, unique_named, write};
use super::may_name;

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
    match pick(&log.decisions, &log.reviews, text)? {
        Picked::Decision(d) => Ok(Target {
            label: d.id.as_ref().map(ToString::to_string).unwrap_or_default(),
            path: &d.meta.path,
            actions: &d.actions,
        }),
        Picked::Review(r) => Ok(Target {
            label: r.id.clone(),
            path: &r.meta.path,
            actions: &r.actions,
        }),
    }
}

/// What [`pick`] found.
pub(crate) enum Picked<'a, T> {
    Decision(&'a T),
    Review(&'a Review),
}

/// [`target`] among `decisions` (every decision of the log in its order,
/// or what a command kept of each) and `reviews`.
pub(crate) fn pick<'a, T: Named>(
    decisions: &'a [T],
    reviews: &'a [Review],
    text: &str,
) -> Result<Picked<'a, T>, Error> {
    let decision = match super::find_named(decisions, text) {
        Ok(_) => Some(unique_named(decisions, text)?),
        Err(Error::NotFound(_)) => None,
        Err(Error::Usage(message)) if message.contains("is used by") => {
            return Err(Error::Usage(message));
        }
        Err(_) => None,
    };
    let review = super::reviews::find_in(reviews, text);
    match (decision, review) {
        (Some(d), None) => Ok(Picked::Decision(d)),
        (None, Some(r)) => Ok(Picked::Review(r)),
        (Some(d), Some(r)) => Err(Error::Usage(format!(
            "`{text}` names both {} and {}; rename one of them",
            d.path(),
            r.meta.path
        ))),
        (None, None) => Err(Error::Usage(format!(
            "no decision or review `{text}` (a review is named by its file stem)"
        ))),
    }
}

pub fn add(args: &ActionAddArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.target),
        |log| add_locked(args, ctx, log),
    )
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

/// One row of `decide action list --format json`. The short texts are
/// kept inline (a `CompactString` holds up to 24 bytes without allocating):
/// `--all` lists one item for every two records.
#[derive(Debug, Serialize)]
pub struct Item {
    pub owner: Option<CompactString>,
    pub due: Option<CompactString>,
    pub status: &'static str,
    pub note: Option<String>,
    /// `decision` or `review`.
    pub kind: &'static str,
    /// The decision id or review stem, as `decide action done` takes it.
    pub record: CompactString,
    /// The item's number in its record, as `decide action done` takes it.
    pub number: usize,
    /// Days past due on the day of the run (negative: days left).
    pub days_overdue: Option<i64>,
    pub path: Arc<str>,
}

pub fn list(args: &ActionListArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // Fields only, and each record cut down to the items it lists (those
    // shown: open ones, unless --all) as it is loaded, so that the records
    // of the whole log are never held at once.
    let (all, today) = (args.all, ctx.today);
    let Projected {
        log,
        decisions,
        reviews,
    } = Log::load_projected(
        ctx.locate()?,
        Depth::Fields,
        |d| {
            let record = d.id.as_ref().map(id_text).unwrap_or_default().into();
            items("decision", record, d.meta.path, d.actions, all, today)
        },
        |r| items("review", r.id.into(), r.meta.path, r.actions, all, today),
    );
    let wanted = args.owner.as_deref().map(|o| expand(&log, o));
    // Sized once: a vector grown by doubling holds room for up to twice
    // the items (`--all` lists 20,000 on a log of 10,000 decisions).
    let mut items: Vec<Item> =
        Vec::with_capacity(decisions.iter().chain(&reviews).map(Vec::len).sum());
    items.extend(
        decisions
            .into_iter()
            .chain(reviews)
            .flatten()
            .filter(|item| {
                let Some(wanted) = &wanted else { return true };
                let theirs = item
                    .owner
                    .as_deref()
                    .map(|o| expand(&log, o))
                    .unwrap_or_default();
                theirs.iter().any(|p| wanted.contains(p))
            }),
    );
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
                    i.owner.as_deref().unwrap_or_default().to_string(),
                    i.due.as_deref().unwrap_or_default().to_string(),
                    i.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
                    i.status.to_string(),
                    i.note.clone().unwrap_or_default(),
                    i.kind.to_string(),
                    i.record.to_string(),
                    i.number.to_string(),
                    i.path.to_string(),
                ]
            },
        ),
        ListFormat::Table => {
            out.stderr = stderr;
            return Ok(table(out, items, ctx));
        }
    };
    Ok(Output { stderr, ..streamed })
}

/// The items of one record that `action list` shows: the open ones, or
/// all with `--all`; `today` dates how late they are.
fn items(
    kind: &'static str,
    record: CompactString,
    path: Arc<str>,
    actions: List<Action>,
    all: bool,
    today: NaiveDate,
) -> Vec<Item> {
    // Sized to the items shown: grown by pushing, a record's vector holds
    // room for four items, more than twice what most records have.
    let shown = |a: &Action| all || matches!(a.status, Some(ActionStatus::Open) | None);
    let mut items = Vec::with_capacity(actions.iter().filter(|a| shown(a)).count());
    for (i, a) in actions.into_iter().enumerate() {
        if !shown(&a) {
            continue;
        }
        let status = match a.status {
            Some(ActionStatus::Done) => "done",
            Some(ActionStatus::Dropped) => "dropped",
            Some(ActionStatus::Open) | None => "open",
        };
        let due = a.due.as_ref().and_then(|d| d.date);
        items.push(Item {
            owner: a.owner.map(|o| o.value),
            due: a.due.map(|d| d.raw),
            status,
            note: a.note.map(|n| n.value.into()),
            kind,
            record: record.clone(),
            number: i + 1,
            days_overdue: due
                .filter(|_| status == "open")
                .map(|d| (today - d).num_days()),
            path: path.clone(),
        });
    }
    items
}

/// The action items as a table fitted to the terminal, drawn straight to
/// standard output.
fn table(mut out: Output, items: Vec<Item>, ctx: &Context) -> Output {
    if items.is_empty() {
        if out.stderr.is_empty() && !ctx.global.quiet {
            out.stderr = "no open action items\n".into();
        }
        return out;
    }
    let count = (!ctx.global.quiet).then(|| {
        format!(
            "{} action item{}\n",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )
    });
    // Each item becomes its cells as it is used up, on the threads that
    // loaded it: the allocator gives memory freed there back to their own
    // arenas, so the cells take the place of the items.
    let rows: Vec<Vec<String>> = items.into_par_iter().map(cells).collect();
    let table = output::fitted_table(
        &["Owner", "Due", "When", "Action", "Where"],
        rows,
        ctx.width,
    );
    out.stream = Some(Box::new(move |w| {
        writeln!(w, "{table}")?;
        w.write_all(count.as_deref().unwrap_or_default().as_bytes())
    }));
    out
}

/// The cells of an item's row in the table.
fn cells(i: Item) -> Vec<String> {
    vec![
        clean(i.owner.as_deref().unwrap_or("(no owner)")),
        i.due.as_deref().unwrap_or("-").to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Decision;

    #[test]
    fn a_records_items_are_held_at_the_number_shown() {
        // Grown by pushing, a record's items held room for four: at
        // 100,000 decisions, most of `action list --all`'s peak memory.
        let d = Decision::parse(
            "decisions/0001-x.md",
            "0001-x.md",
            "---\nstatus: accepted\nactions:\n  - owner: ana\n    note: Ship\n  \
             - owner: raj\n    status: done\n    note: Done\n---\n# X\n",
        );
        let today = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let shown = |all| {
            items(
                "decision",
                "0001".into(),
                "p".into(),
                d.actions.clone(),
                all,
                today,
            )
        };
        let open = shown(false);
        assert_eq!(open.iter().map(|i| i.status).collect::<Vec<_>>(), ["open"]);
        assert_eq!(open.capacity(), 1);
        let all = shown(true);
        assert_eq!(all.iter().map(|i| i.number).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(all.capacity(), 2);
    }
}
