//! `decide report --format html`: one self-contained page for the people
//! whose engagement the report measures.
//!
//! The page is an askama template (`templates/html/`), compiled and
//! type-checked with the crate, which escapes every value it prints: record
//! text can only ever be text. The one exception is Markdown (rationales and
//! the definitions from `docs/report.md`), rendered here by pulldown-cmark
//! with raw HTML dropped, images reduced to their alt text and links kept
//! only for `http:`, `https:` and `mailto:` targets. Charts are shapes laid
//! out by [`super::svg`] and written by a template partial, each with a data
//! table beside it. There is no script, no font and no external resource;
//! a `Content-Security-Policy` of `default-src 'none'` makes sure of it.
//! The same report gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use askama::Template;
use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::svg::{self, Drawing};
use super::{Section, clean, percent};
use crate::log::Log;
use crate::metrics::digest::{self, Digest};
use crate::metrics::{ActionState, AnswerState, MetricsOptions, Report, Scope};
use crate::record::{Decision, Feedback, ReviewKind, Stance, Status};

/// What the page needs besides the report.
pub struct Options<'a> {
    /// The web address of the log folder (`base-url` in `decide.toml`).
    pub base_url: Option<&'a str>,
    /// The `decide` version printed in the header.
    pub version: &'a str,
}

/// A headline figure.
struct Tile {
    label: String,
    value: String,
    /// The detail in brackets after the value (`140 of 182`), or why it is n/a.
    detail: String,
    n: String,
    /// `alert` for something overdue, else empty.
    class: &'static str,
}

/// A plain table: headers and rows of text.
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    empty: String,
}

impl From<Section> for Table {
    fn from(s: Section) -> Table {
        Table {
            headers: s.headers.iter().map(|h| h.to_string()).collect(),
            rows: s.rows,
            empty: s.empty,
        }
    }
}

struct Chart {
    id: &'static str,
    title: String,
    /// What the chart shows and over how many.
    caption: String,
    drawing: Option<Drawing>,
    /// Why there is no drawing.
    missing: String,
    table: Table,
}

/// A record named on the page, linked to its file when `base-url` is set.
struct RecordRef {
    label: String,
    title: String,
    href: Option<String>,
}

struct Waiting {
    record: RecordRef,
    who: String,
    due: String,
    overdue: bool,
}

struct Open {
    record: RecordRef,
    by: String,
    stance: &'static str,
    date: String,
    note: String,
}

struct OwnerOverdue {
    owner: String,
    items: Vec<(String, String, String)>,
}

struct RevisitItem {
    record: RecordRef,
    date: String,
    in_days: i64,
    implicit: bool,
}

/// A veto, objection, concern or alternative from the registers, with
/// what became of it.
struct Raised {
    record: RecordRef,
    by: String,
    stance: &'static str,
    date: String,
    note: String,
    /// `2025-10-28 by dana`; `None` while open on the as-of date.
    resolved: Option<String>,
    resolution: String,
}

/// An accepted or rejected decision from the registers, and who took it.
struct Approval {
    record: RecordRef,
    status: &'static str,
    decided: String,
    makers: String,
    /// The holders of the charter's decision rights, and who decided outside them.
    rights: String,
    support: String,
    /// Objections and vetoes raised by the decision date, and how many of
    /// them were still open on it; empty without a decision date.
    raised: String,
    open_when_decided: String,
    /// The decision was taken over an open objection or veto.
    taken_over_objection: bool,
}

/// An affected group whose perspective was not heard.
struct Unheard {
    record: RecordRef,
    group: String,
    effect: String,
}

/// An expected outcome and what was observed.
struct Target {
    record: RecordRef,
    metric: String,
    target: String,
    by: String,
    observed: String,
    verdict: &'static str,
}

struct FeedbackItem {
    by: String,
    stance: String,
    date: String,
    note: String,
    resolved: String,
}

struct ActionView {
    owner: String,
    due: String,
    state: String,
    note: String,
    overdue: bool,
}

/// One decision, expandable to what it says.
struct DecisionView {
    record: RecordRef,
    status: &'static str,
    model_class: String,
    cells: Vec<String>,
    meta: Vec<(&'static str, String)>,
    rationale: Option<String>,
    alternatives: Vec<(String, String)>,
    feedback: Vec<FeedbackItem>,
    actions: Vec<ActionView>,
}

#[derive(Template)]
#[template(path = "html/report.html")]
struct Page {
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
    decisions: Vec<DecisionView>,
    statuses: Vec<&'static str>,
    models: Vec<String>,
    definitions: String,
}

/// Renders the page for `report`, computed from `log` with `opts`.
pub fn render(report: &Report, log: &Log, opts: &MetricsOptions, options: &Options) -> String {
    let scope = Scope::new(log, opts);
    let links = Links::new(log, options.base_url);
    // What needs attention is the state on the as-of date, which no date
    // window changes (SPEC §6), as in `decide digest`.
    let state = MetricsOptions {
        since: None,
        until: None,
        ..opts.clone()
    };
    let digest = digest::digest(log, &state, opts.as_of, None);
    let decisions: Vec<&Decision> = scope.decisions.clone();
    let models: Vec<String> = decisions
        .iter()
        .filter_map(|d| d.model.as_ref().map(|m| model_key(&m.value)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let page = Page {
        title: log_name(log),
        scope: super::scope_line(report),
        counts: super::counts_line(report),
        version: options.version.to_string(),
        tiles: tiles(report),
        notes: report.notes.iter().map(|n| clean(n)).collect(),
        attention_note: if opts.since.is_some() || opts.until.is_some() {
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
        decision_headers: super::decisions(report)
            .headers
            .iter()
            .map(|h| h.to_string())
            .collect(),
        decisions: decision_views(report, &decisions, &scope, &links, &models),
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
    };
    // A template whose fields are all owned strings and numbers cannot fail
    // to render but through a formatter error, which writing to a String
    // never gives.
    page.render().unwrap_or_default()
}

/// The model name as a filter key: trimmed and lower-cased, as `--model` matches.
fn model_key(model: &str) -> String {
    clean(model).trim().to_lowercase()
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

/// Links from record paths to their files under `base-url`.
struct Links<'a> {
    base: Option<&'a str>,
    /// Record path (as in `Meta::path`) → path relative to the log folder.
    rel: BTreeMap<String, String>,
    /// Id → the first decision of the log with it, for figures that name
    /// a decision by id only.
    by_id: HashMap<String, &'a Decision>,
}

impl<'a> Links<'a> {
    fn new(log: &'a Log, base: Option<&'a str>) -> Links<'a> {
        let mut by_id = HashMap::new();
        for d in &log.decisions {
            if let Some(id) = &d.id {
                by_id.entry(id.to_string()).or_insert(d);
            }
        }
        let rel = log
            .sources
            .iter()
            .filter_map(|s| {
                let rel = s.abs.strip_prefix(&log.location.dir).ok()?;
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                Some((s.path.clone(), parts.join("/")))
            })
            .collect();
        Links { base, rel, by_id }
    }

    fn href(&self, path: &str) -> Option<String> {
        let base = self.base?;
        let rel = self.rel.get(path)?;
        Some(format!("{base}/{}", url_path(rel)))
    }

    fn by_path(&self, id: Option<&str>, title: Option<&str>, path: &str) -> RecordRef {
        RecordRef {
            label: id.map_or_else(|| "?".into(), clean),
            title: clean(title.unwrap_or("(untitled)")),
            href: self.href(path),
        }
    }

    /// The decision named `id`, linked as [`Links::decision`]; unlinked,
    /// with the title given, when the log has none by that id.
    fn by_id(&self, id: Option<&str>, title: Option<&str>) -> RecordRef {
        match id.and_then(|id| self.by_id.get(id)) {
            Some(d) => self.decision(d),
            None => RecordRef {
                label: id.map_or_else(|| "?".into(), clean),
                title: clean(title.unwrap_or("(untitled)")),
                href: None,
            },
        }
    }

    fn decision(&self, d: &Decision) -> RecordRef {
        self.by_path(
            d.id.as_ref().map(|i| i.to_string()).as_deref(),
            d.title.as_ref().map(|t| t.value.as_str()),
            &d.meta.path,
        )
    }
}

/// A file path made safe for a URL: every byte outside `[A-Za-z0-9._~/-]`
/// is percent-encoded.
fn url_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"._~/-".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The summary figures as tiles: value, the detail in brackets, and n.
fn tiles(report: &Report) -> Vec<Tile> {
    super::summary(report)
        .rows
        .into_iter()
        .map(|row| {
            let [label, value, n] = <[String; 3]>::try_from(row).unwrap_or_default();
            // `77% (171 of 221)`, `n/a (needs people.yaml)`, `168 days, since …`.
            let (value, detail) = match value.split_once(" (").or_else(|| value.split_once(", ")) {
                Some((v, d)) => (v.to_string(), d.trim_end_matches(')').to_string()),
                None => (value, String::new()),
            };
            let alert =
                value != "0" && (label == "Overdue actions" || label.starts_with("Revisits due"));
            Tile {
                label,
                value,
                detail,
                n,
                class: if alert { "alert" } else { "" },
            }
        })
        .collect()
}

fn waiting(digest: &Digest, links: &Links) -> Vec<Waiting> {
    digest
        .proposed
        .iter()
        .filter(|p| !p.waiting.waiting.is_empty() || p.waiting.nobody_consulted)
        .map(|p| Waiting {
            record: links.by_id(p.id.as_deref(), p.title.as_deref()),
            who: if p.waiting.waiting.is_empty() {
                "nobody consulted".into()
            } else {
                format!(
                    "{} — {} of {} asked gave a view",
                    clean(&super::digest::waiting_on(p, digest.as_of)),
                    p.waiting.gave_view,
                    p.waiting.expected
                )
            },
            // Each person's deadline is in `who`.
            due: String::new(),
            overdue: p
                .waiting
                .waiting
                .iter()
                .any(|w| w.due.is_some_and(|d| d < digest.as_of)),
        })
        .collect()
}

fn open_objections(digest: &Digest, links: &Links) -> Vec<Open> {
    digest
        .objections
        .iter()
        .map(|o| Open {
            record: links.by_id(o.id.as_deref(), o.title.as_deref()),
            by: clean(&o.by),
            stance: o.stance.as_str(),
            date: o.date.map(|d| d.to_string()).unwrap_or_default(),
            note: clean(o.note.as_deref().unwrap_or("")),
        })
        .collect()
}

fn overdue_by_owner(digest: &Digest) -> Vec<OwnerOverdue> {
    let mut by: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for a in &digest.overdue {
        by.entry(clean(a.owner.as_deref().unwrap_or("(no owner)")))
            .or_default()
            .push((
                clean(a.note.as_deref().unwrap_or("(no note)")),
                format!(
                    "due {}, {} days late",
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    a.overdue_days.unwrap_or(0)
                ),
                format!("{}, action {}", clean(&a.source), a.number),
            ));
    }
    by.into_iter()
        .map(|(owner, items)| OwnerOverdue { owner, items })
        .collect()
}

/// The feedback on `d` given by the as-of date, each entry with its date.
fn dated_feedback<'a>(scope: &'a Scope, d: &'a Decision) -> Vec<(&'a Feedback, Option<NaiveDate>)> {
    scope
        .index
        .feedback_on(d)
        .into_iter()
        .map(|(f, review)| (f, scope.dates.feedback(f, review)))
        .filter(|(_, date)| date.is_none_or(|x| x <= scope.opts.as_of))
        .collect()
}

/// The registers of the report, as computed for every format (the state
/// on the as-of date): the page only lays them out and links the records.
fn raised(report: &Report, links: &Links) -> Vec<Raised> {
    report
        .registers
        .raised
        .iter()
        .map(|x| Raised {
            record: links.by_id(x.id.as_deref(), x.title.as_deref()),
            by: x.by.as_deref().map_or_else(|| "?".into(), clean),
            stance: x.stance,
            date: x.date.map(|d| d.to_string()).unwrap_or_default(),
            note: clean(x.note.as_deref().unwrap_or("")),
            resolved: x.resolved.map(|d| match &x.resolved_by {
                Some(by) => format!("{d} by {}", clean(by)),
                None => d.to_string(),
            }),
            resolution: match (x.resolved, &x.resolution) {
                (_, Some(text)) => clean(text),
                (Some(_), None) => "(no resolution written)".into(),
                (None, None) => String::new(),
            },
        })
        .collect()
}

fn approvals(report: &Report, links: &Links) -> Vec<Approval> {
    let list = |names: &[String]| clean(&names.join(", "));
    report
        .registers
        .approvals
        .iter()
        .map(|a| Approval {
            record: links.by_id(a.id.as_deref(), a.title.as_deref()),
            status: a.status,
            decided: a.decided.map(|d| d.to_string()).unwrap_or_default(),
            makers: if a.decision_makers.is_empty() {
                "none recorded".into()
            } else {
                list(&a.decision_makers)
            },
            rights: match (a.rights_holders.is_empty(), a.outside_rights.is_empty()) {
                (true, _) => "-".into(),
                (false, true) => list(&a.rights_holders),
                (false, false) => format!(
                    "{} (outside: {})",
                    list(&a.rights_holders),
                    list(&a.outside_rights)
                ),
            },
            support: list(&a.support),
            raised: a
                .objections_by_decision
                .map(|n| n.to_string())
                .unwrap_or_default(),
            open_when_decided: a
                .open_when_decided
                .map(|n| n.to_string())
                .unwrap_or_default(),
            taken_over_objection: a.open_when_decided.is_some_and(|n| n > 0),
        })
        .collect()
}

fn unheard(report: &Report, links: &Links) -> Vec<Unheard> {
    report
        .registers
        .unheard
        .iter()
        .map(|u| Unheard {
            record: links.by_id(u.id.as_deref(), u.title.as_deref()),
            group: clean(&u.group),
            effect: clean(u.effect.as_deref().unwrap_or("")),
        })
        .collect()
}

/// Expected outcomes beside the latest value observed, as the report
/// judges them.
fn targets(report: &Report, links: &Links) -> Vec<Target> {
    report
        .targets
        .targets
        .iter()
        .map(|t| Target {
            record: links.by_id(t.id.as_deref(), t.title.as_deref()),
            metric: clean(&t.metric),
            target: clean(t.target.as_deref().unwrap_or("")),
            by: t.by.map(|d| d.to_string()).unwrap_or_default(),
            observed: match (t.observed, t.observed_on) {
                (Some(v), Some(d)) => format!("{} on {d}", super::number(v, 4)),
                (Some(v), None) => super::number(v, 4),
                (None, _) => String::new(),
            },
            verdict: t.verdict.as_str(),
        })
        .collect()
}

fn decision_views(
    report: &Report,
    decisions: &[&Decision],
    scope: &Scope,
    links: &Links,
    models: &[String],
) -> Vec<DecisionView> {
    let by_path: BTreeMap<&str, &Decision> = decisions
        .iter()
        .map(|d| (d.meta.path.as_str(), *d))
        .collect();
    report
        .decisions
        .iter()
        .filter_map(|row| {
            let d = by_path.get(row.path.as_str())?;
            let mut cells = super::decision_cells(row);
            if let Some(title) = row.title.as_deref() {
                cells[1] = clean(title);
            }
            let names = |list: &[crate::record::Text]| {
                clean(
                    &list
                        .iter()
                        .map(|t| t.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            };
            let mut meta = Vec::new();
            for (label, list) in [
                ("Owners", &d.owners),
                ("Decision-makers", &d.decision_makers),
                ("Consulted", &d.consulted),
                ("Informed", &d.informed),
            ] {
                if !list.is_empty() {
                    meta.push((label, names(list)));
                }
            }
            if let Some(m) = &d.model {
                meta.push(("Model", clean(&m.value)));
            }
            if let Some(date) = row.date {
                meta.push(("Date", date.to_string()));
            }
            if let Some(date) = row.decided {
                meta.push(("Decided", date.to_string()));
            }
            if let Some(r) = d.revisit_by.as_ref() {
                meta.push(("Revisit by", clean(&r.raw)));
            }
            let model_class = d
                .model
                .as_ref()
                .and_then(|m| models.iter().position(|x| *x == model_key(&m.value)))
                .map(|i| format!("model-{i}"))
                .unwrap_or_default();
            let feedback = dated_feedback(scope, d)
                .into_iter()
                .map(|(f, date)| FeedbackItem {
                    by: f
                        .by
                        .as_ref()
                        .map_or_else(|| "someone".into(), |b| clean(&b.value)),
                    stance: f.stance.map_or("", Stance::as_str).to_string(),
                    date: date.map(|x| x.to_string()).unwrap_or_default(),
                    note: clean(f.note.as_ref().map_or("", |n| n.value.as_str())),
                    resolved: f
                        .resolved
                        .as_ref()
                        .map(|r| clean(&r.raw))
                        .unwrap_or_default(),
                })
                .collect();
            let actions = report
                .actions
                .items
                .iter()
                .filter(|a| a.path == d.meta.path)
                .map(|a| ActionView {
                    owner: clean(a.owner.as_deref().unwrap_or("(no owner)")),
                    due: a.due.map(|x| x.to_string()).unwrap_or_default(),
                    state: match (a.state, a.overdue_days) {
                        (ActionState::Open, Some(days)) => format!("⚠ overdue by {days} days"),
                        (ActionState::Open, None) => "open".into(),
                        (ActionState::Done, _) => match a.done {
                            Some(done) => format!("done {done}"),
                            None => "done".into(),
                        },
                        (ActionState::Dropped, _) => "dropped".into(),
                    },
                    note: clean(a.note.as_deref().unwrap_or("")),
                    overdue: a.overdue_days.is_some() && a.state == ActionState::Open,
                })
                .collect();
            Some(DecisionView {
                record: links.decision(d),
                status: row.status,
                model_class,
                cells,
                meta,
                rationale: d.body.rationale_text().map(markdown),
                alternatives: d
                    .alternatives
                    .iter()
                    .map(|a| {
                        (
                            clean(a.title.as_ref().map_or("(untitled)", |t| t.value.as_str())),
                            clean(a.rejected_because.as_ref().map_or("", |t| t.value.as_str())),
                        )
                    })
                    .collect(),
                feedback,
                actions,
            })
        })
        .collect()
}

/// Markdown as HTML that cannot carry markup of its own: raw HTML is
/// dropped, images become their alt text, and a link is kept only when it
/// leads to an `http:`, `https:` or `mailto:` address (so `javascript:`,
/// `data:` and every other scheme become plain text).
pub fn markdown(text: &str) -> String {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut dropped_links = Vec::new();
    let mut in_image = 0usize;
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let dropped = dropped_links.pop().unwrap_or(true);
            (!dropped).then_some(Event::End(TagEnd::Link))
        }
        Event::Text(t) if in_image > 0 => Some(Event::Text(t)),
        Event::FootnoteReference(_) => None,
        Event::Text(t) => Some(Event::Text(CowStr::from(clean_keep_newlines(&t)))),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Control characters other than line breaks become spaces.
fn clean_keep_newlines(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Whether a link target is a web or mail address. Browsers ignore
/// whitespace and control characters inside a scheme, so those make a
/// target unsafe too.
fn safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// The definitions of the figures: the "The figures" part of `docs/report.md`.
fn definitions() -> String {
    const DOC: &str = include_str!("../../docs/report.md");
    let start = DOC.find("\n## The figures").map_or(0, |i| i + 1);
    let rest = &DOC[start..];
    let body = rest.split_once('\n').map_or("", |(_, b)| b);
    let end = body.find("\n## ").unwrap_or(body.len());
    markdown(&body[..end])
}

fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn pct_ticks() -> Vec<(f64, String)> {
    [0.0, 25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|v| (*v, format!("{v:.0}%")))
        .collect()
}

/// Pooled participation of the decisions dated in each month.
fn participation_chart(report: &Report) -> Chart {
    let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for row in &report.decisions {
        let (Some(date), Some(p)) = (row.date, &row.participation) else {
            continue;
        };
        let e = by.entry(month(date)).or_default();
        e.0 += 1;
        e.1 += p.rate.num;
        e.2 += p.rate.n;
    }
    let bars: Vec<svg::Bar> = by
        .iter()
        .map(|(m, (_, yes, n))| {
            let rate = (*n > 0).then(|| *yes as f64 / *n as f64);
            svg::Bar {
                label: m.clone(),
                value: rate.unwrap_or(0.0) * 100.0,
                caption: rate.map_or_else(|| "n/a".into(), percent),
                tip: format!(
                    "{m}: {}",
                    rate.map_or_else(
                        || "n/a".into(),
                        |r| format!("{} ({yes} of {n})", percent(r))
                    )
                ),
            }
        })
        .collect();
    let table = Table {
        headers: vec![
            "Month".into(),
            "Decisions".into(),
            "Answered".into(),
            "Expected".into(),
            "Rate".into(),
        ],
        rows: by
            .iter()
            .map(|(m, (d, yes, n))| {
                vec![
                    m.clone(),
                    d.to_string(),
                    yes.to_string(),
                    n.to_string(),
                    if *n > 0 {
                        percent(*yes as f64 / *n as f64)
                    } else {
                        "n/a".into()
                    },
                ]
            })
            .collect(),
        empty: "No dated decision past draft is in scope.".into(),
    };
    Chart {
        id: "chart-participation",
        title: "Participation over time".into(),
        caption: format!(
            "Pooled participation of the decisions dated in each month (answered ÷ expected), over {} months.",
            by.len()
        ),
        drawing: (!bars.is_empty()).then(|| {
            svg::bars(
                &bars,
                100.0,
                &pct_ticks(),
                "month of the decision's date",
                "participation",
                None,
            )
        }),
        missing: "No dated decision past draft is in scope.".into(),
        table,
    }
}

/// How many answers took how long, with the charter's response norm marked.
fn latency_chart(report: &Report) -> Chart {
    let t = &report.timeliness;
    let mut latencies: Vec<(i64, bool)> = t
        .requests
        .iter()
        .flat_map(|r| &r.answers)
        .filter_map(|a| a.latency.map(|l| (l, a.state == AnswerState::OnTime)))
        .collect();
    latencies.sort();
    let norm = report.inputs.response_days;
    let longest = latencies.last().map_or(0, |l| l.0);
    // The axis reaches the norm unless the norm is far beyond every answer;
    // then the marker sits at the right edge with an arrow.
    let norm_on_axis = norm.filter(|n| *n <= longest.max(7).saturating_mul(3));
    let max = longest.max(norm_on_axis.unwrap_or(0));
    // Ten bins at most, each a whole number of days wide.
    let width = (max.saturating_add(10) / 10).max(1);
    let bins = usize::try_from(max / width).unwrap_or(0) + 1;
    let mut counts = vec![(0usize, 0usize); bins];
    for (l, on_time) in &latencies {
        let b = (*l / width) as usize;
        if let Some(c) = counts.get_mut(b) {
            c.0 += 1;
            c.1 += usize::from(*on_time);
        }
    }
    let label = |i: usize| {
        let lo = (i as i64).saturating_mul(width);
        let hi = lo.saturating_add(width - 1);
        if width == 1 {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        }
    };
    let top = counts.iter().map(|c| c.0).max().unwrap_or(0).max(1);
    let step = top.div_ceil(4).max(1);
    // Four steps, the last at or above the tallest bar, leave room above it.
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|i| i * step)
        .map(|v| (v as f64, v.to_string()))
        .collect();
    let scale = (4 * step) as f64;
    let bars: Vec<svg::Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| svg::Bar {
            label: label(i),
            value: c.0 as f64,
            caption: c.0.to_string(),
            tip: format!("{} days: {} answers", label(i), c.0),
        })
        .collect();
    let marker = norm.map(|days| {
        if norm_on_axis.is_none() {
            return (1.0, format!("norm: {days} days →"));
        }
        // The norm falls after the bin that holds day `days`.
        let at = ((days / width) as f64 + 1.0) / bins as f64;
        (at.min(1.0), format!("norm: {days} days"))
    });
    Chart {
        id: "chart-latency",
        title: "Feedback latency".into(),
        caption: format!(
            "Days from a request to the first answer, over {} answers; {}.",
            latencies.len(),
            match norm {
                Some(days) => format!("the line marks the charter's response norm of {days} days"),
                None => "the charter sets no response-days, so no norm is marked".into(),
            }
        ),
        drawing: (!latencies.is_empty()).then(|| {
            svg::bars(
                &bars,
                scale,
                &ticks,
                "days to the first answer",
                "answers",
                marker,
            )
        }),
        missing: "No answer to a request for feedback is in scope.".into(),
        table: Table {
            headers: vec!["Days".into(), "Answers".into(), "Of which on time".into()],
            rows: counts
                .iter()
                .enumerate()
                .map(|(i, c)| vec![label(i), c.0.to_string(), c.1.to_string()])
                .collect(),
            empty: "No answers.".into(),
        },
    }
}

/// Charts with a row per decision draw at most this many (the last ones);
/// their tables list every decision.
const CHART_ROWS: usize = 60;

fn latest_note(rows: usize) -> String {
    if rows > CHART_ROWS {
        format!(" (the chart draws the last {CHART_ROWS}; the table lists all)")
    } else {
        String::new()
    }
}

/// Checks passed over checks applicable, per decision past draft.
fn completeness_chart(report: &Report) -> Chart {
    let scored: Vec<_> = report
        .decisions
        .iter()
        .filter_map(|r| r.completeness.as_ref().map(|c| (r, c)))
        .collect();
    let rows: Vec<svg::Row> = scored
        .iter()
        .map(|(r, c)| {
            let id = clean(r.id.as_deref().unwrap_or("?"));
            svg::Row {
                tip: format!("{id}: {} of {} checks", c.passed, c.applicable),
                label: id,
                share: c.ratio(),
                caption: format!("{}/{}", c.passed, c.applicable),
                class: if c.is_complete() { "bar" } else { "bar-warn" },
            }
        })
        .collect();
    Chart {
        id: "chart-completeness",
        title: "Rationale completeness by decision".into(),
        caption: format!(
            "Checks passed of the checks that apply, for {} decisions past draft{}; an incomplete decision is drawn orange with a dashed outline, and its missing checks are listed in the table.",
            scored.len(),
            latest_note(rows.len())
        ),
        drawing: (!rows.is_empty()).then(|| {
            svg::rows(
                &rows[rows.len().saturating_sub(CHART_ROWS)..],
                "checks passed",
            )
        }),
        missing: "No decision past draft is in scope.".into(),
        table: Table {
            headers: vec![
                "ID".into(),
                "Passed".into(),
                "Applicable".into(),
                "Missing".into(),
            ],
            rows: scored
                .iter()
                .map(|(r, c)| {
                    vec![
                        clean(r.id.as_deref().unwrap_or("?")),
                        c.passed.to_string(),
                        c.applicable.to_string(),
                        if c.missing.is_empty() {
                            "—".into()
                        } else {
                            c.missing.join(", ")
                        },
                    ]
                })
                .collect(),
            empty: "No decisions.".into(),
        },
    }
}

/// Which roles were heard on which decision, required roles marked.
fn roles_chart(report: &Report) -> Chart {
    let required: BTreeSet<&str> = report
        .inputs
        .required_roles
        .iter()
        .map(String::as_str)
        .collect();
    let mut roles: BTreeSet<String> = report
        .people
        .iter()
        .flat_map(|p| p.roles.iter().cloned())
        .collect();
    roles.extend(required.iter().map(|r| r.to_string()));
    // Required roles first, then the others, each alphabetically.
    let columns: Vec<(String, bool)> = roles
        .iter()
        .filter(|r| required.contains(r.as_str()))
        .chain(roles.iter().filter(|r| !required.contains(r.as_str())))
        .map(|r| (clean(r), required.contains(r.as_str())))
        .collect();
    let rows: Vec<(String, Vec<svg::Cell>)> = report
        .decisions
        .iter()
        .filter_map(|r| {
            let heard = r.diversity.as_ref()?.roles.as_ref()?;
            let cells = roles
                .iter()
                .filter(|x| required.contains(x.as_str()))
                .chain(roles.iter().filter(|x| !required.contains(x.as_str())))
                .map(|role| {
                    if heard.contains(role) {
                        svg::Cell::Heard
                    } else if required.contains(role.as_str()) {
                        svg::Cell::MissingRequired
                    } else {
                        svg::Cell::Missing
                    }
                })
                .collect();
            Some((clean(r.id.as_deref().unwrap_or("?")), cells))
        })
        .collect();
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let cells: Vec<Vec<svg::Cell>> = rows.iter().map(|r| r.1.clone()).collect();
    let mut headers = vec!["ID".to_string()];
    headers.extend(
        columns
            .iter()
            .map(|(c, req)| if *req { format!("{c} *") } else { c.clone() }),
    );
    Chart {
        id: "chart-roles",
        title: "Role coverage".into(),
        caption: format!(
            "Roles heard on {} decisions past draft{}: ● heard, ✕ a required role not heard, – another role not heard; required roles are marked *.",
            rows.len(),
            latest_note(rows.len())
        ),
        drawing: (!rows.is_empty() && !columns.is_empty()).then(|| {
            let from = rows.len().saturating_sub(CHART_ROWS);
            svg::grid(&labels[from..], &columns, &cells[from..])
        }),
        missing: if report.inputs.people_yaml {
            "No decision past draft is in scope.".into()
        } else {
            "Roles need people.yaml.".into()
        },
        table: Table {
            headers,
            rows: rows
                .iter()
                .map(|(id, cells)| {
                    let mut row = vec![id.clone()];
                    row.extend(cells.iter().map(|c| {
                        match c {
                            svg::Cell::Heard => "●",
                            svg::Cell::MissingRequired => "✕",
                            svg::Cell::Missing => "–",
                        }
                        .to_string()
                    }));
                    row
                })
                .collect(),
            empty: "No roles to show.".into(),
        },
    }
}

/// Check-ins on a timeline, with the stretches longer than the charter's
/// `check-in-days` marked.
fn cadence_chart(report: &Report, scope: &Scope) -> Chart {
    let c = &report.cadence;
    let mut dates: Vec<NaiveDate> = scope
        .reviews
        .iter()
        .filter(|r| r.kind == Some(ReviewKind::CheckIn))
        .filter_map(|r| scope.dates.review(r).map(|d| d.date))
        .collect();
    dates.sort();
    let from = c.from.or(dates.first().copied());
    let limit = c.check_in_days;
    let mut rows = Vec::new();
    let mut marks = Vec::new();
    let mut stretches = Vec::new();
    let drawing = from.filter(|f| *f < c.to).map(|from| {
        let span = (c.to - from).num_days().max(1) as f64;
        let at = |d: NaiveDate| (d - from).num_days() as f64 / span;
        let mut previous = from;
        let mut edges: Vec<(NaiveDate, bool)> = dates.iter().map(|d| (*d, true)).collect();
        edges.push((c.to, false));
        for (date, is_check_in) in edges {
            let days = (date - previous).num_days();
            let too_long = limit.is_some_and(|l| days > l);
            if days > 0 {
                stretches.push(svg::Stretch {
                    from: at(previous),
                    to: at(date),
                    label: format!("{days} days"),
                    too_long,
                });
            }
            if is_check_in {
                marks.push(svg::Mark {
                    at: at(date),
                    tip: format!("check-in {date}"),
                });
            }
            rows.push(vec![
                if is_check_in {
                    date.to_string()
                } else {
                    format!("{date} (end of the period)")
                },
                days.to_string(),
                if too_long {
                    format!("⚠ over {} days", limit.unwrap_or(0))
                } else {
                    "—".into()
                },
            ]);
            previous = date;
        }
        svg::timeline(&marks, &stretches, &from.to_string(), &c.to.to_string())
    });
    Chart {
        id: "chart-cadence",
        title: "Check-in cadence".into(),
        caption: format!(
            "{} check-ins from {} to {}; {}.",
            dates.len(),
            from.map_or_else(|| "?".into(), |f| f.to_string()),
            c.to,
            match limit {
                Some(l) => format!("stretches over the charter's {l} days are marked ⚠"),
                None => "the charter sets no check-in-days, so no gap is flagged".into(),
            }
        ),
        drawing,
        missing: "Nothing in scope is dated, so there is no period to draw.".into(),
        table: Table {
            headers: vec![
                "Check-in".into(),
                "Days since the previous".into(),
                "Gap".into(),
            ],
            rows,
            empty: "No check-ins.".into(),
        },
    }
}

/// Participation against each outcome metric recorded for at least
/// [`crate::metrics::outcomes::MIN_DECISIONS`] decisions.
fn outcomes_chart(report: &Report) -> Chart {
    let computed: Vec<_> = report
        .outcomes
        .correlations
        .iter()
        .filter(|c| c.rho.is_some())
        .collect();
    let mut rows = Vec::new();
    let mut drawing = None;
    let mut caption = String::new();
    // One chart: the computed metric with the most decisions.
    if let Some(corr) = computed.iter().max_by_key(|c| c.n) {
        let points: Vec<_> = report
            .outcomes
            .points
            .iter()
            .filter(|p| p.metric == corr.metric)
            .filter_map(|p| p.participation.map(|x| (p, x)))
            .collect();
        let lo = points
            .iter()
            .map(|p| p.0.value)
            .fold(f64::INFINITY, f64::min);
        let hi = points
            .iter()
            .map(|p| p.0.value)
            .fold(f64::NEG_INFINITY, f64::max);
        let span = if hi > lo { hi - lo } else { 1.0 };
        let metric = clean(&corr.metric);
        drawing = Some(svg::scatter(
            &points
                .iter()
                .map(|(p, x)| svg::Point {
                    x: *x,
                    y: (p.value - lo) / span,
                    tip: format!(
                        "{}: participation {}, {metric} {}",
                        clean(&p.decision),
                        percent(*x),
                        super::number(p.value, 4)
                    ),
                })
                .collect::<Vec<_>>(),
            "participation rate",
            &metric,
            ["0%".into(), "100%".into()],
            [super::number(lo, 4), super::number(hi, 4)],
        ));
        caption = format!(
            "Correlation, not cause: Spearman {} between each decision's participation rate and its latest {metric}, n = {}.",
            super::correlation(corr),
            corr.n
        );
        rows = points
            .iter()
            .map(|(p, x)| {
                vec![
                    clean(&p.decision),
                    percent(*x),
                    super::number(p.value, 4),
                    p.date.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
    }
    let most = report
        .outcomes
        .correlations
        .iter()
        .map(|c| c.n)
        .max()
        .unwrap_or(0);
    Chart {
        id: "chart-outcomes",
        title: "Outcomes against participation (correlation, not cause)".into(),
        caption,
        drawing,
        missing: if report.outcomes.correlations.is_empty() {
            "No outcomes are recorded in retrospectives.".into()
        } else {
            format!(
                "Not drawn: a correlation needs outcomes for {} decisions; the most any metric has is {most}.",
                crate::metrics::outcomes::MIN_DECISIONS
            )
        },
        table: Table {
            headers: vec![
                "Decision".into(),
                "Participation".into(),
                "Value".into(),
                "Observed".into(),
            ],
            rows,
            empty: "No correlation is computed.".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_drops_raw_html_and_unsafe_links() {
        let html = markdown(
            "Hi <script>alert(1)</script> <b onclick=x>b</b>\n\n<img src=x onerror=alert(1)>\n\n\
             [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) \
             [d](java\tscript:x) [e](https://example.com/?q=\"x\") ![f](https://example.com/i.png)",
        );
        for bad in [
            "<script",
            "<b ",
            "<img",
            "onerror",
            "onclick",
            "javascript",
            "data:",
        ] {
            assert!(!html.to_lowercase().contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains("<a href=\"https://example.com/?q=%22x%22\">e</a>"),
            "{html}"
        );
        assert!(html.contains(">a ") || html.contains(" a "), "{html}");
        assert!(html.contains('f'), "alt text kept: {html}");
    }

    #[test]
    fn file_names_are_percent_encoded_in_links() {
        assert_eq!(url_path("reviews/a b\"<.md"), "reviews/a%20b%22%3C.md");
    }

    #[test]
    fn the_definitions_come_from_docs_report_md() {
        let html = definitions();
        assert!(html.contains("<h3>Participation</h3>"), "{html}");
        assert!(!html.contains("Dates from git"), "{html}");
    }
}
