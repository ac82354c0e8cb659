//! `decide list`: one row per decision, filtered, as a table, JSON or CSV.

use chrono::NaiveDate;
use compact_str::CompactString;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

use crate::cli::{ListArgs, ListFormat};
use crate::context::{Context, Output};
use crate::error::Error;
use crate::log::{Log, Projected};
use crate::output;
use crate::record::{Decision, Depth, FrontMatter, Id, LIST_KEYS, List, Status, Text};

use super::date_arg;

/// What `list` keeps of one decision: the fields its filters, notes and
/// formats read, moved out of the record as soon as the record is built, so
/// that the records of the whole log are never held at once (a record is
/// some 6 KB in memory, a row a few hundred bytes). Serialized, it is one row
/// of `decide list --format json`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub id: Option<Id>,
    pub title: Option<CompactString>,
    pub status: &'static str,
    pub date: Option<CompactString>,
    pub decided: Option<CompactString>,
    pub model: Option<CompactString>,
    pub owners: Vec<CompactString>,
    /// Who took the decision (MADR `decision-makers`, or `deciders`).
    pub decision_makers: Vec<CompactString>,
    pub tags: Vec<CompactString>,
    pub path: Arc<str>,
    /// The calendar date `date` names, when it is one, for `--since`.
    #[serde(skip)]
    pub day: Option<NaiveDate>,
    /// The front matter could not be read, so fields may be missing: counted
    /// in the note that sends the reader to `decide check`.
    #[serde(skip)]
    pub broken: bool,
}

impl Row {
    fn new(d: Decision) -> Row {
        let status = d.status_word();
        let broken = matches!(
            d.meta.front,
            FrontMatter::Invalid(_) | FrontMatter::Unterminated
        );
        let (date, day) = match d.date {
            Some(field) => (Some(field.raw), field.date),
            None => (None, None),
        };
        Row {
            id: d.id,
            title: d.title.map(|t| t.value),
            status,
            date,
            decided: d.decided.map(|t| t.raw),
            model: d.model.map(|t| t.value),
            owners: values(d.owners),
            decision_makers: values(d.decision_makers),
            tags: values(d.tags),
            path: d.meta.path,
            day,
            broken,
        }
    }
}

/// The values of a list of texts, moved out of them into a vector of their
/// own size, not rounded up as a growing list would be (a row is kept for
/// every decision).
fn values(texts: List<Text>) -> Vec<CompactString> {
    let mut values = Vec::with_capacity(texts.len());
    values.extend(texts.into_iter().map(|t| t.value));
    values
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
    // A list shows fields only: bodies are left unread, and each record is
    // cut down to its row as it is loaded. Reviews are read (a review file
    // that cannot be read is counted in the note below) but not kept.
    let Projected {
        log,
        decisions: mut rows,
        ..
    } = Log::load_projected(ctx.locate()?, Depth::Keys(LIST_KEYS), Row::new, drop);
    let since = args
        .since
        .as_deref()
        .map(|s| date_arg("--since", s))
        .transpose()?;
    // A filter that matches no decision at all is most likely a typo.
    let mut notes = String::new();
    if !ctx.global.quiet {
        if let Some(model) = &args.model
            && !rows.iter().any(|r| {
                r.model
                    .as_ref()
                    .is_some_and(|m| m.eq_ignore_ascii_case(model))
            })
        {
            let models: std::collections::BTreeSet<&str> =
                rows.iter().filter_map(|r| r.model.as_deref()).collect();
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
            let owns = rows.iter().any(|r| {
                r.owners
                    .iter()
                    .any(|o| expand(&log, o).iter().any(|p| wanted.contains(p)))
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
    let total = rows.len();
    let broken = rows.iter().filter(|r| r.broken).count() + log.failures.len();
    // From here on only the rows shown are kept, and each format consumes
    // them, so that what it builds takes the place of what it has used.
    rows.retain(|r| matches(r, args, &wanted, since, &log));
    let mut out = match args.format {
        ListFormat::Json => output::json_stream(rows),
        ListFormat::Csv => output::csv_stream(
            [
                "id",
                "status",
                "date",
                "title",
                "owners",
                "decision-makers",
                "model",
                "tags",
                "path",
            ],
            rows,
            |r: &Row| {
                [
                    r.id.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                    r.status.to_string(),
                    r.date.as_deref().unwrap_or_default().to_string(),
                    r.title.as_deref().unwrap_or_default().to_string(),
                    r.owners.join(";"),
                    r.decision_makers.join(";"),
                    r.model.as_deref().unwrap_or_default().to_string(),
                    r.tags.join(";"),
                    r.path.to_string(),
                ]
            },
        ),
        ListFormat::Table => {
            if rows.is_empty() {
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
            let shown = rows.len();
            // Made on the threads that loaded the rows: the allocator gives
            // memory freed there back to their own arenas, so the cells take
            // the place of the rows they replace (made here, the peak was
            // some 4 MB higher on 10,000 decisions).
            let cells: Vec<Vec<String>> = rows.into_par_iter().map(table_row).collect();
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
                cells,
                ctx.width,
            );
            let count = (!ctx.global.quiet).then(|| format!("{shown} of {total} decisions\n"));
            // Drawn straight to standard output, line by line.
            Output::streamed(move |out| {
                writeln!(out, "{table}")?;
                out.write_all(count.as_deref().unwrap_or_default().as_bytes())
            })
        }
    };
    out.stderr.push_str(&notes);
    if broken > 0 && !ctx.global.quiet {
        out.stderr.push_str(&format!(
            "note: {broken} file{} could not be read in full; run `decide check` for details\n",
            if broken == 1 { "" } else { "s" }
        ));
    }
    out.keep(log);
    Ok(out)
}

/// The cells of a row in the table, cut to the longest a cell may be.
fn table_row(r: Row) -> Vec<String> {
    let cells = [
        r.id.map(|i| i.to_string()).unwrap_or_else(|| "?".into()),
        r.status.to_string(),
        r.date.map(String::from).unwrap_or_default(),
        r.title.map_or_else(|| "(untitled)".into(), String::from),
        r.owners.join(", "),
        r.decision_makers.join(", "),
        r.model.map(String::from).unwrap_or_default(),
    ];
    cells.iter().map(|c| output::cell(c)).collect()
}

fn matches(
    r: &Row,
    args: &ListArgs,
    statuses: &[String],
    since: Option<chrono::NaiveDate>,
    log: &Log,
) -> bool {
    let status_ok = statuses.is_empty() || statuses.iter().any(|s| r.status == s);
    let owner_ok = args.owner.as_ref().is_none_or(|owner| {
        let wanted = expand(log, owner);
        r.owners
            .iter()
            .any(|o| expand(log, o).iter().any(|p| wanted.contains(p)))
    });
    let model_ok = args
        .model
        .as_ref()
        .is_none_or(|m| r.model.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(m)));
    let tag_ok = args
        .tag
        .as_ref()
        .is_none_or(|tag| r.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)));
    let since_ok = since.is_none_or(|since| r.day.is_some_and(|date| date >= since));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A row as every format shows it, with what the formats do not show.
    fn shown(d: Decision) -> (String, Option<NaiveDate>, bool) {
        let row = Row::new(d);
        let json = serde_json::to_string(&row).unwrap();
        (json, row.day, row.broken)
    }

    /// `list` reads decisions to [`LIST_KEYS`] only: every decision of the
    /// fixtures, the example, the repository's own log and the corpora,
    /// and a few written here, lists as it does read in full.
    #[test]
    fn a_row_read_to_the_listed_keys_is_the_row_read_in_full() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<(String, String)> = [
            "---\nstatus: accepted\ndeciders: [ana, raj]\ndecision-makers: [lee]\n---\n# MADR\n",
            "---\ntitle: Given\nmodel: churn\ntags: [a, b]\nowners: ana\n---\n# Heading\n",
            "---\nstatus: superseded by ADR-0004\ndate: 2026-02-30\ndecided: soon\n---\n",
            "---\nid: adr-x\nstatus: [broken\n---\n# Broken\n",
            "---\nstatus: draft\nalternatives:\n  - title: x\n---\n## No title\n",
            "# Only a heading\n",
        ]
        .iter()
        .map(|t| ("0001-written.md".to_string(), t.to_string()))
        .collect();
        for dir in [
            "tests/fixtures",
            "examples",
            "decisions",
            "../shared/corpora",
        ] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(path) {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    texts.push((name, text));
                }
            }
        }
        assert!(texts.len() > 100, "only {} files", texts.len());
        for (name, text) in &texts {
            let listed = Decision::parse_to("p", name, text, Depth::Keys(LIST_KEYS));
            let full = Decision::parse_to("p", name, text, Depth::Fields);
            assert_eq!(shown(listed), shown(full), "{name}: {text:?}");
        }
    }
}
