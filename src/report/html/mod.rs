//! `decide report --format html`: one self-contained page for the people
//! whose engagement the report measures.
//!
//! The page is an askama template (`templates/html/`), compiled and
//! type-checked with the crate, which escapes every value it prints: record
//! text can only ever be text. The one exception is Markdown (rationales and
//! the definitions from `docs/report.md`), rendered by pulldown-cmark with
//! raw HTML dropped, images reduced to their alt text and links kept only
//! for `http:`, `https:` and `mailto:` targets. Charts are shapes laid out
//! by [`super::svg`] and written by a template partial, each with a data
//! table beside it. There is no script, no font and no external resource;
//! a `Content-Security-Policy` of `default-src 'none'` makes sure of it.
//! The same report gives the same bytes.
//!
//! This file holds the template and [`page`], which makes it. The page
//! model (the plain structs the template prints) is in `view.rs`; each
//! part of the page is built in its own file: `attention.rs` (headline
//! figures and needs attention), `charts.rs`, `registers.rs` (the report's
//! registers and targets, only laid out), `decisions.rs` (the per-decision
//! table); `links.rs` links records to their files and `markdown.rs`
//! renders the only Markdown.

mod attention;
mod charts;
mod decisions;
mod links;
mod markdown;
mod registers;
mod view;

use std::collections::BTreeSet;

use askama::Template;

use super::clean;
use crate::log::Log;
use crate::metrics::digest;
use crate::metrics::{MetricsOptions, Report, Scope};
use crate::record::Status;
use markdown::definitions;
pub use markdown::markdown;

use attention::{open_objections, overdue_by_owner, tiles, waiting};
use charts::{
    cadence_chart, completeness_chart, latency_chart, outcomes_chart, participation_chart,
    roles_chart,
};
use decisions::{Decisions, model_key};
use links::Links;
use registers::{approvals, raised, targets, unheard};
use view::{
    Approval, Chart, Open, OwnerOverdue, Raised, RevisitItem, Table, Target, Tile, Unheard, Waiting,
};

/// What the page needs besides the report.
pub struct Options<'a> {
    /// The web address of the log folder (`base-url` in `decide.toml`).
    pub base_url: Option<&'a str>,
    /// The `decide` version printed in the header.
    pub version: &'a str,
}

/// The page: every part but the decisions owned, and those made from the
/// report and the log one at a time as the page is written
/// ([`Decisions`]), which held whole were a third of the page's memory.
#[derive(Template)]
#[template(path = "html/report.html")]
pub struct Page<'a> {
    title: String,
    scope: String,
    counts: String,
    version: String,
    tiles: Vec<Tile>,
    notes: Vec<String>,
    /// Said when a date window is set: needs attention ignores it.
    attention_note: String,
    waiting: Vec<Waiting>,
    open: Vec<Open>,
    overdue: Vec<OwnerOverdue>,
    revisits: Vec<RevisitItem>,
    revisit_horizon: String,
    charts: Vec<Chart>,
    /// The registers' titles say when they ignore the date window, and
    /// the targets' when it applies.
    raised_title: String,
    raised: Vec<Raised>,
    approvals_title: String,
    approvals: Vec<Approval>,
    unheard_title: String,
    unheard: Vec<Unheard>,
    targets_title: String,
    targets: Vec<Target>,
    people: Table,
    decision_headers: Vec<String>,
    decisions: Decisions<'a>,
    statuses: Vec<&'static str>,
    models: Vec<String>,
    definitions: String,
}

impl Page<'_> {
    /// Writes the page to `out` as it is rendered.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.write_into(out)
    }

    /// The page whole, as [`Page::write_to`] writes it.
    pub fn text(&self) -> String {
        // A template whose fields are all owned strings and numbers cannot
        // fail to render but through a formatter error, which writing to a
        // String never gives.
        self.render().unwrap_or_default()
    }
}

/// The page for `report`, computed from `log` with `opts`, to be written
/// as it is rendered ([`Page::write_to`]): on 10,000 decisions the page
/// is some 30 MB of HTML, which [`Page::text`] holds whole. Each
/// decision's part is made as it is written, from the report and the log.
pub fn page<'a>(
    report: &'a Report<'a>,
    log: &'a Log,
    opts: &'a MetricsOptions,
    options: &Options<'a>,
) -> Page<'a> {
    let scope = Scope::new(log, opts);
    let links = Links::new(log, options.base_url);
    // What needs attention is the state on the as-of date, which no date
    // window changes (SPEC §6), as in `decide digest`.
    let state = opts.state();
    let digest = digest::digest(log, &state, opts.as_of, None);
    let models: Vec<String> = scope
        .decisions
        .iter()
        .filter_map(|d| d.model.as_ref().map(|m| model_key(&m.value)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Page {
        title: log_name(log),
        scope: super::scope_line(report),
        counts: super::counts_line(report),
        version: options.version.to_string(),
        tiles: tiles(report),
        notes: report.notes.iter().map(|n| clean(n)).collect(),
        attention_note: if opts.is_windowed() {
            format!(
                "The state on {} of every decision{}, whatever the date window.",
                opts.as_of,
                opts.model
                    .as_ref()
                    .map(|m| format!(" about model {}", clean(m)))
                    .unwrap_or_default()
            )
        } else {
            String::new()
        },
        waiting: waiting(&digest, &links),
        open: open_objections(&digest, &links),
        overdue: overdue_by_owner(&digest),
        revisits: digest
            .revisits
            .iter()
            .map(|v| RevisitItem {
                record: links.by_path(v.id.as_deref(), v.title.as_deref(), &v.path),
                date: v.date.to_string(),
                in_days: v.in_days,
                implicit: v.implicit,
            })
            .collect(),
        revisit_horizon: report.revisits.horizon.to_string(),
        charts: vec![
            participation_chart(report),
            latency_chart(report),
            completeness_chart(report),
            roles_chart(report),
            cadence_chart(report, &scope),
            outcomes_chart(report),
        ],
        raised_title: format!(
            "Vetoes, objections, concerns and alternatives{}",
            super::state_on(report)
        ),
        raised: raised(report, &links),
        approvals_title: format!("Who decided{}", super::state_on(report)),
        approvals: approvals(report, &links),
        unheard_title: format!("Affected groups not heard{}", super::state_on(report)),
        unheard: unheard(report, &links),
        targets_title: format!("Outcomes against targets{}", super::window(report)),
        targets: targets(report, &links),
        people: super::people(report).into(),
        decision_headers: super::DECISION_HEADERS
            .iter()
            .map(|h| h.to_string())
            .collect(),
        decisions: Decisions::new(report, scope, links, models.clone()),
        statuses: Status::ALL
            .iter()
            .map(|(word, _)| *word)
            .filter(|s| report.counts.by_status.contains_key(s))
            .chain(
                report
                    .counts
                    .by_status
                    .contains_key("unknown")
                    .then_some("unknown"),
            )
            .collect(),
        models,
        definitions: definitions(),
    }
}

/// The log's name: the charter's title, else the folder's name (its
/// parent's, for a folder with one of the usual names).
fn log_name(log: &Log) -> String {
    if let Some((title, _)) = log
        .charter
        .as_ref()
        .and_then(|c| c.body.title.as_ref())
        .filter(|(t, _)| !clean(t).trim().is_empty())
    {
        return clean(title).trim().to_string();
    }
    let dir = &log.location.dir;
    let name = |p: &std::path::Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let own = name(dir);
    let generic = ["decisions", "adr", "decision-log", "doc", "docs"];
    if generic.contains(&own.to_lowercase().as_str())
        && let Some(parent) = dir.parent().map(name).filter(|p| !p.is_empty())
    {
        return clean(&format!("{parent} decision log"));
    }
    clean(&format!("{own} decision log"))
}
