//! `decide list`: one row per decision, filtered, as a table, JSON or CSV.

use serde::Serialize;

use crate::cli::{ListArgs, ListFormat};
use crate::context::{Context, Output};
use crate::log::Log;
use crate::output;
use crate::record::{Decision, Depth, FrontMatter, Id};

use super::{date_arg, names};

/// One row of `decide list --format json`.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: Option<&'a Id>,
    pub title: Option<&'a str>,
    pub status: &'a str,
    pub date: Option<&'a str>,
    pub decided: Option<&'a str>,
    pub model: Option<&'a str>,
    pub owners: Vec<&'a str>,
    pub tags: Vec<&'a str>,
    pub path: &'a str,
}

impl<'a> Row<'a> {
    fn new(d: &'a Decision) -> Row<'a> {
        Row {
            id: d.id.as_ref(),
            title: d.title.as_ref().map(|t| t.as_str()),
            status: d.status_word(),
            date: d.date.as_ref().map(|t| t.raw.as_str()),
            decided: d.decided.as_ref().map(|t| t.raw.as_str()),
            model: d.model.as_ref().map(|t| t.as_str()),
            owners: d.owners.iter().map(|t| t.as_str()).collect(),
            tags: d.tags.iter().map(|t| t.as_str()).collect(),
            path: &d.meta.path,
        }
    }
}

pub fn run(args: &ListArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // A list shows fields only; bodies are left unread.
    let log = Log::load_to(ctx.locate()?, Depth::Fields);
    let since = args
        .since
        .as_deref()
        .map(|s| date_arg("--since", s))
        .transpose()?;
    let selected: Vec<&Decision> = log
        .decisions
        .iter()
        .filter(|d| matches(d, args, since, &log))
        .collect();
    let text = match args.format {
        ListFormat::Json => {
            let rows: Vec<Row> = selected.iter().map(|d| Row::new(d)).collect();
            let mut s = serde_json::to_string_pretty(&rows)?;
            s.push('\n');
            s
        }
        ListFormat::Csv => {
            let mut s = output::csv_row([
                "id", "status", "date", "title", "owners", "model", "tags", "path",
            ]);
            for d in &selected {
                s.push_str(&output::csv_row([
                    d.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                    d.status_word().to_string(),
                    d.date.as_ref().map(|t| t.raw.clone()).unwrap_or_default(),
                    d.title
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                    owners_joined(d, ";"),
                    d.model
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                    d.tags
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                    d.meta.path.clone(),
                ]));
            }
            s
        }
        ListFormat::Table => {
            if selected.is_empty() {
                return Ok(Output {
                    stderr: "no decisions match\n".into(),
                    ..Output::default()
                });
            }
            let mut table = output::table(
                &["ID", "Status", "Date", "Title", "Owners", "Model"],
                ctx.width,
            );
            for d in &selected {
                let row = [
                    d.id.as_ref()
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "?".into()),
                    d.status_word().to_string(),
                    d.date.as_ref().map(|t| t.raw.clone()).unwrap_or_default(),
                    d.title
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_else(|| "(untitled)".into()),
                    names(&d.owners),
                    d.model
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                ];
                table.add_row(row.iter().map(|c| output::cell(c)));
            }
            let mut s = output::render_table(&table);
            if !ctx.global.quiet {
                s.push_str(&format!(
                    "{} of {} decisions\n",
                    selected.len(),
                    log.decisions.len()
                ));
            }
            s
        }
    };
    let mut out = Output::stdout(text);
    let broken = log
        .decisions
        .iter()
        .filter(|d| {
            matches!(
                d.meta.front,
                FrontMatter::Invalid(_) | FrontMatter::Unterminated
            )
        })
        .count()
        + log.failures.len();
    if broken > 0 && !ctx.global.quiet {
        out.stderr.push_str(&format!(
            "note: {broken} file{} could not be read in full; run `decide check` for details\n",
            if broken == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

fn owners_joined(d: &Decision, sep: &str) -> String {
    d.owners
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

fn matches(d: &Decision, args: &ListArgs, since: Option<chrono::NaiveDate>, log: &Log) -> bool {
    let status_ok = args
        .status
        .as_ref()
        .is_none_or(|s| d.status_word().eq_ignore_ascii_case(s.trim()));
    let owner_ok = args.owner.as_ref().is_none_or(|owner| {
        let wanted = expand(log, owner);
        d.owners
            .iter()
            .any(|o| expand(log, &o.value).iter().any(|p| wanted.contains(p)))
    });
    let model_ok = args.model.as_ref().is_none_or(|m| {
        d.model
            .as_ref()
            .is_some_and(|x| x.value.eq_ignore_ascii_case(m))
    });
    let tag_ok = args
        .tag
        .as_ref()
        .is_none_or(|tag| d.tags.iter().any(|t| t.value.eq_ignore_ascii_case(tag)));
    let since_ok = since.is_none_or(|since| {
        d.date
            .as_ref()
            .and_then(|t| t.date)
            .is_some_and(|date| date >= since)
    });
    status_ok && owner_ok && model_ok && tag_ok && since_ok
}

fn expand(log: &Log, name: &str) -> Vec<String> {
    match &log.people {
        Some(people) => people.expand(name),
        None => vec![name.to_string()],
    }
}
