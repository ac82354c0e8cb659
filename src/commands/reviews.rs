//! `decide review list`, `decide review show REVIEW` and `decide review
//! attend REVIEW P…`: the reviews of the log, one review in full, and
//! recording who came, without a text editor.

use std::collections::BTreeSet;
use std::fmt::Write;

use serde::Serialize;

use crate::cli::{ListFormat, ReviewAttendArgs, ReviewListArgs, ReviewShowArgs};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::output;
use crate::record::{Depth, Id, Review};
use crate::report::clean;

use super::editing::{FileEdit, write};

/// The review `text` names: its file stem, its file name or a path to it.
pub fn find<'a>(log: &'a Log, text: &str) -> Option<&'a Review> {
    find_in(&log.reviews, text)
}

/// [`find`] among `reviews`.
pub(crate) fn find_in<'a>(reviews: &'a [Review], text: &str) -> Option<&'a Review> {
    let name = text.rsplit(['/', '\\']).next().unwrap_or(text);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    reviews.iter().find(|r| r.id == stem)
}

fn named<'a>(log: &'a Log, text: &str) -> Result<&'a Review, Error> {
    find(log, text).ok_or_else(|| {
        Error::Usage(format!(
            "no review `{text}` (a review is named by its file stem, e.g. 2026-03-04-q1-review; `decide review list` lists them)"
        ))
    })
}

/// One row of `decide review list --format json`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub date: Option<String>,
    pub kind: Option<&'static str>,
    pub title: Option<String>,
    pub facilitator: Option<String>,
    pub decisions: Vec<String>,
    pub invited: usize,
    pub attended: usize,
    pub feedback: usize,
    pub actions: usize,
    pub path: String,
}

fn row(r: &Review) -> Row {
    Row {
        id: r.id.clone(),
        date: r.date.as_ref().map(|d| d.raw.to_string()),
        kind: r.kind.map(|k| k.as_str()),
        title: r.title.as_ref().map(|t| t.value.to_string()),
        facilitator: r.facilitator.as_ref().map(|t| t.value.to_string()),
        decisions: r.decisions.iter().map(|d| d.id.to_string()).collect(),
        invited: r.invited.len(),
        attended: r.attended.len(),
        feedback: r.feedback.len(),
        actions: r.actions.len(),
        path: r.meta.path.to_string(),
    }
}

pub fn list(args: &ReviewListArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // Reviews only, to their fields: nothing the list shows comes from a
    // decision, so the decisions are never read.
    let staged = Log::load_staged(ctx.locate()?, Depth::Fields, BTreeSet::new(), false, |r| r);
    let mut rows: Vec<Row> = staged.log().reviews.iter().map(row).collect();
    drop(staged);
    rows.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let text = match args.format {
        ListFormat::Json => return Ok(output::json_stream(rows)),
        ListFormat::Csv => {
            return Ok(output::csv_stream(
                [
                    "id",
                    "date",
                    "kind",
                    "title",
                    "facilitator",
                    "decisions",
                    "invited",
                    "attended",
                    "path",
                ],
                rows,
                |r: &Row| {
                    [
                        r.id.clone(),
                        r.date.clone().unwrap_or_default(),
                        r.kind.unwrap_or_default().to_string(),
                        r.title.clone().unwrap_or_default(),
                        r.facilitator.clone().unwrap_or_default(),
                        r.decisions.join(";"),
                        r.invited.to_string(),
                        r.attended.to_string(),
                        r.path.clone(),
                    ]
                },
            ));
        }
        ListFormat::Table => {
            if rows.is_empty() {
                return Ok(Output {
                    stderr: "no reviews yet; `decide review new TITLE --kind K` adds one\n".into(),
                    ..Output::default()
                });
            }
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        clean(&r.id),
                        r.kind.unwrap_or("?").to_string(),
                        clean(r.title.as_deref().unwrap_or("(untitled)")),
                        r.decisions.join(", "),
                        if r.invited == 0 {
                            r.attended.to_string()
                        } else {
                            format!("{} of {}", r.attended, r.invited)
                        },
                    ]
                })
                .collect();
            let table = output::fitted_table(
                &["Review", "Kind", "Title", "Decisions", "Attended"],
                cells,
                ctx.width,
            );
            let mut s = output::render_table(&table);
            if !ctx.global.quiet {
                let _ = writeln!(s, "{} reviews", rows.len());
            }
            s
        }
    };
    Ok(Output::stdout(text))
}

pub fn show(args: &ReviewShowArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // The reviews first, to their fields; then, of the decisions, only the
    // titles of those the review names, each kept as it is read.
    let staged = Log::load_staged(ctx.locate()?, Depth::Fields, BTreeSet::new(), false, |r| r);
    let wanted: BTreeSet<Id> = named(staged.log(), &args.review)?
        .decisions
        .iter()
        .map(|x| x.id.clone())
        .collect();
    let decisions = staged.decisions(|d, _| {
        d.id.filter(|id| wanted.contains(id))
            .map(|id| (id, d.title.map(|t| t.value)))
    });
    let (log, titles) = staged.finish(decisions);
    // The title of the first decision with the id, in the log's order.
    let title_of = |id: &Id| {
        titles
            .iter()
            .flatten()
            .find(|(x, _)| x == id)
            .and_then(|(_, title)| title.as_deref())
    };
    let r = named(&log, &args.review)?;
    let width = usize::from(ctx.width.unwrap_or(output::DEFAULT_WIDTH)).max(40);
    let mut out = String::new();
    let title = r.title.as_ref().map_or("(untitled)", |t| t.as_str());
    let _ = writeln!(out, "{}", output::wrap(&clean(title), width, 0));
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count().min(width)));
    let names = |list: &[crate::record::Text]| {
        list.iter()
            .map(|t| clean(&t.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            let line = format!("{label:<13}{value}");
            let _ = writeln!(out, "{}", output::wrap(&line, width, 13));
        }
    };
    field("review", clean(&r.id));
    field("kind", r.kind.map_or("", |k| k.as_str()).to_string());
    field(
        "date",
        r.date.as_ref().map_or(String::new(), |d| d.raw.to_string()),
    );
    field(
        "facilitator",
        r.facilitator
            .as_ref()
            .map_or(String::new(), |t| clean(&t.value)),
    );
    field("invited", names(&r.invited));
    field("attended", names(&r.attended));
    field(
        "respond by",
        r.respond_by
            .as_ref()
            .map_or(String::new(), |d| d.raw.to_string()),
    );
    let decisions: Vec<String> = r
        .decisions
        .iter()
        .map(|x| match title_of(&x.id) {
            Some(t) => format!("{} ({})", x.id, clean(t)),
            None => format!("{} (not in the log)", x.id),
        })
        .collect();
    field("decisions", decisions.join(", "));
    field("file", r.meta.path.to_string());
    let item = |out: &mut String, lead: &str, text: String| {
        let line = format!("{lead}{text}");
        let _ = writeln!(out, "{}", output::wrap(&line, width, lead.chars().count()));
    };
    if !r.feedback.is_empty() {
        out.push_str("\nFeedback\n");
        for f in &r.feedback {
            let mut text = format!(
                "{} {} {}",
                f.date.as_ref().map_or("????-??-??", |d| d.raw.as_str()),
                clean(f.by.as_ref().map_or("?", |t| t.as_str())),
                f.stance.map_or("?", |s| s.as_str()),
            );
            if let Some(on) = &f.on {
                let _ = write!(text, " on {}", on.id);
            }
            if let Some(note) = &f.note {
                let _ = write!(text, ": {}", clean(&note.value));
            }
            if let Some(resolved) = f.resolved() {
                let _ = write!(text, " [resolved {}]", resolved.raw);
            }
            item(&mut out, "  - ", text);
        }
    }
    if !r.actions.is_empty() {
        out.push_str("\nActions\n");
        for (i, a) in r.actions.iter().enumerate() {
            let status = a.status.map_or("?", |s| s.as_str());
            let owner = a
                .owner
                .as_ref()
                .map_or("(no owner)".to_string(), |t| clean(&t.value));
            let due = a
                .due
                .as_ref()
                .map(|d| format!(", due {}", d.raw))
                .unwrap_or_default();
            let note = a
                .note
                .as_ref()
                .map(|n| format!(": {}", clean(&n.value)))
                .unwrap_or_default();
            let lead = format!("  {}. ", i + 1);
            item(&mut out, &lead, format!("[{status}] {owner}{due}{note}"));
        }
    }
    if !r.outcomes.is_empty() {
        out.push_str("\nOutcomes\n");
        for o in &r.outcomes {
            let text = format!(
                "{} {} = {}{}",
                o.decision
                    .as_ref()
                    .map_or("?".to_string(), |d| d.id.to_string()),
                clean(o.metric.as_ref().map_or("?", |t| t.as_str())),
                o.value.map_or("?".to_string(), |v| v.to_string()),
                o.date
                    .as_ref()
                    .map(|d| format!(" on {}", d.raw))
                    .unwrap_or_default(),
            );
            item(&mut out, "  - ", text);
        }
    }
    Ok(Output::stdout(out))
}

pub fn attend(args: &ReviewAttendArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |_| false,
        |log| attend_locked(args, ctx, log),
    )
}

/// Adds the attendees, with the log's lock held from reading to writing.
fn attend_locked(args: &ReviewAttendArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let r = named(&log, &args.review)?;
    let mut out = Output::default();
    let mut file = FileEdit::open(&log, &r.meta.path)?;
    let mut added = Vec::new();
    for person in &args.people {
        let person = person.trim();
        if person.is_empty() {
            return Err(Error::Usage("an attendee's name is empty".into()).into());
        }
        let already = r.attended.iter().any(|t| t.value == person) || added.contains(&person);
        if already {
            continue;
        }
        if let Some(people) = &log.people
            && !people.knows(person)
        {
            let _ = writeln!(
                out.stderr,
                "warning: `{person}` is not in {}; recorded anyway",
                people.meta.path
            );
        }
        file.apply(|doc| doc.add_to_list("attended", person))?;
        added.push(person);
    }
    if added.is_empty() {
        if !ctx.global.quiet {
            out.stderr.push_str(&format!(
                "{}: everyone named is already recorded as attending; nothing changed\n",
                r.id
            ));
        }
        return Ok(out);
    }
    write(&[&file])?;
    if !ctx.global.quiet {
        out.stdout = format!("{}: attended + {}\n", r.id, added.join(", "));
    }
    Ok(out)
}
