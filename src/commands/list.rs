//! `decide list`: one row per decision, filtered, as a table, JSON or CSV.

use serde::Serialize;

use crate::cli::{ListArgs, ListFormat};
use crate::context::{Context, Output};
use crate::error::Error;
use crate::log::Log;
use crate::output;
use crate::record::{Decision, Depth, FrontMatter, Id, Status};

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
    /// Who took the decision (MADR `decision-makers`, or `deciders`).
    pub decision_makers: Vec<&'a str>,
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
            decision_makers: d.decision_makers.iter().map(|t| t.as_str()).collect(),
            tags: d.tags.iter().map(|t| t.as_str()).collect(),
            path: &d.meta.path,
        }
    }
}

/// The statuses `--status` may name: every status word, and `unknown`.
fn status_words() -> Vec<&'static str> {
    let mut words: Vec<&str> = Status::ALL.iter().map(|(w, _)| *w).collect();
    words.push("unknown");
    words
}

/// `--status` values, each checked against the status words (with a
/// did-you-mean for a typo), lower-cased.
fn statuses(args: &ListArgs) -> Result<Vec<String>, Error> {
    let words = status_words();
    let mut wanted = Vec::new();
    for value in &args.status {
        let value = value.trim().to_ascii_lowercase();
        if value.is_empty() {
            continue;
        }
        if !words.contains(&value.as_str()) {
            let hint = match crate::record::fields::suggest(&value, &words) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            return Err(Error::Usage(format!(
                "--status `{value}` is not a status; {hint}(one of: {})",
                words.join(", ")
            )));
        }
        wanted.push(value);
    }
    Ok(wanted)
}

pub fn run(args: &ListArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let wanted = statuses(args)?;
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
        .filter(|d| matches(d, args, &wanted, since, &log))
        .collect();
    // A filter that matches no decision at all is most likely a typo.
    let mut notes = String::new();
    if !ctx.global.quiet {
        if let Some(model) = &args.model
            && !log.decisions.iter().any(|d| {
                d.model
                    .as_ref()
                    .is_some_and(|m| m.value.eq_ignore_ascii_case(model))
            })
        {
            let models: std::collections::BTreeSet<&str> = log
                .decisions
                .iter()
                .filter_map(|d| d.model.as_ref().map(|m| m.as_str()))
                .collect();
            let known: Vec<&str> = models.into_iter().collect();
            notes.push_str(&format!(
                "note: no decision is about model `{model}`{}\n",
                if known.is_empty() {
                    String::new()
                } else {
                    format!(" (models in the log: {})", known.join(", "))
                }
            ));
        }
        if let Some(owner) = &args.owner {
            let wanted = expand(&log, owner);
            let owns = log.decisions.iter().any(|d| {
                d.owners
                    .iter()
                    .any(|o| expand(&log, &o.value).iter().any(|p| wanted.contains(p)))
            });
            if !owns {
                let known = log.people.as_ref().is_some_and(|p| p.knows(owner));
                notes.push_str(&format!(
                    "note: `{owner}` owns no decision{}\n",
                    if known || log.people.is_none() {
                        String::new()
                    } else {
                        " and is not in people.yaml".to_string()
                    }
                ));
            }
        }
    }
    let text = match args.format {
        ListFormat::Json => {
            let rows: Vec<Row> = selected.iter().map(|d| Row::new(d)).collect();
            let mut s = serde_json::to_string_pretty(&rows)?;
            s.push('\n');
            s
        }
        ListFormat::Csv => {
            let mut s = output::csv_row([
                "id",
                "status",
                "date",
                "title",
                "owners",
                "decision-makers",
                "model",
                "tags",
                "path",
            ]);
            for d in &selected {
                s.push_str(&output::csv_row([
                    d.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                    d.status_word().to_string(),
                    d.date
                        .as_ref()
                        .map(|t| t.raw.to_string())
                        .unwrap_or_default(),
                    d.title
                        .as_ref()
                        .map(|t| t.value.to_string())
                        .unwrap_or_default(),
                    owners_joined(d, ";"),
                    d.decision_makers
                        .iter()
                        .map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                    d.model
                        .as_ref()
                        .map(|t| t.value.to_string())
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
                let stderr = if ctx.global.quiet {
                    String::new()
                } else {
                    format!("{notes}no decisions match\n{}", unread_records(&log))
                };
                return Ok(Output {
                    stderr,
                    ..Output::default()
                });
            }
            let mut rows = Vec::new();
            for d in &selected {
                let row = [
                    d.id.as_ref()
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| "?".into()),
                    d.status_word().to_string(),
                    d.date
                        .as_ref()
                        .map(|t| t.raw.to_string())
                        .unwrap_or_default(),
                    d.title
                        .as_ref()
                        .map(|t| t.value.to_string())
                        .unwrap_or_else(|| "(untitled)".into()),
                    names(&d.owners),
                    names(&d.decision_makers),
                    d.model
                        .as_ref()
                        .map(|t| t.value.to_string())
                        .unwrap_or_default(),
                ];
                rows.push(row.iter().map(|c| output::cell(c)).collect());
            }
            let table = output::fitted_table(
                &[
                    "ID",
                    "Status",
                    "Date",
                    "Title",
                    "Owners",
                    "Decided by",
                    "Model",
                ],
                &rows,
                ctx.width,
            );
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
    out.stderr.push_str(&notes);
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

fn matches(
    d: &Decision,
    args: &ListArgs,
    statuses: &[String],
    since: Option<chrono::NaiveDate>,
    log: &Log,
) -> bool {
    let status_ok = statuses.is_empty() || statuses.iter().any(|s| d.status_word() == s);
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

/// A note naming the files that look like records by a naming `decide`
/// reads no id from (`adr-01.md`), so an empty list is not a mystery.
fn unread_records(log: &Log) -> String {
    let names: Vec<&str> = log
        .strays
        .iter()
        .map(|s| s.path.as_str())
        .filter(|p| crate::import::file_id(p.rsplit('/').next().unwrap_or(p)).is_some())
        .collect();
    if names.is_empty() {
        return String::new();
    }
    format!(
        "note: {} named like records, but `decide` reads no id from {}: `decide import --from auto {}` renames them\n",
        names.len(),
        names.join(", "),
        crate::log::display_path(&log.location.dir, &log.location.root)
    )
}
