//! `decide show ID`: one decision as a reader wants it: what was decided,
//! by whom, why, what was rejected, who said what, and what is still open.

use std::collections::BTreeSet;
use std::fmt::Write;

use chrono::NaiveDate;
use compact_str::CompactString;

use crate::cli::ShowArgs;
use crate::context::{Context, Output};
use crate::log::Log;
use crate::metrics;
use crate::metrics::Dates;
use crate::metrics::participation::Reviews;
use crate::record::{Decision, Depth, Feedback, Id, Ref, Review, Status};
use crate::rules::{self, CheckOptions};

use super::{find_named, may_name, names};

/// What `show` keeps of a decision while the log loads, besides what the
/// rules relating decisions keep of it ([`rules::Checked`]): the records the
/// id may name, whole, until the one it names is known; of every other
/// record, the title its links are shown with. The records of the whole
/// log are thus never held at once (a record is some 6 KB in memory).
enum Kept {
    Candidate(Box<Decision>),
    Titled(Id, Option<CompactString>),
    /// A decision without an id: nothing links to it.
    Nothing,
}

impl Kept {
    fn new(d: Decision, candidate: bool) -> Kept {
        match d.id {
            _ if candidate => Kept::Candidate(Box::new(d)),
            Some(id) => Kept::Titled(id, d.title.map(|t| t.value)),
            None => Kept::Nothing,
        }
    }

    fn candidate(&self) -> Option<&Decision> {
        match self {
            Kept::Candidate(d) => Some(d),
            _ => None,
        }
    }

    fn id(&self) -> Option<&Id> {
        match self {
            Kept::Candidate(d) => d.id.as_ref(),
            Kept::Titled(id, _) => Some(id),
            Kept::Nothing => None,
        }
    }

    fn title(&self) -> Option<&str> {
        match self {
            Kept::Candidate(d) => d.title.as_ref().map(|t| t.as_str()),
            Kept::Titled(_, title) => title.as_deref(),
            Kept::Nothing => None,
        }
    }
}

/// The title a link to `id` is shown with: that of the first record with
/// the id, in the log's order; `None` when it has none or there is none.
struct Titles<'a>(&'a [Kept]);

impl Titles<'_> {
    fn of(&self, id: &Id) -> Option<&str> {
        self.0
            .iter()
            .find(|k| k.id() == Some(id))
            .and_then(Kept::title)
    }
}

pub fn run(args: &ShowArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let location = ctx.locate()?;
    let levels = crate::rules::levels::Levels::from_config(&location.config)?;
    // Reported once the decision is found, as a missing decision comes first.
    let as_of_arg = super::report::optional_date("--as-of", args.as_of.as_deref());
    let options = CheckOptions {
        as_of: as_of_arg
            .as_ref()
            .ok()
            .copied()
            .flatten()
            .unwrap_or(ctx.today),
    };
    // Read in full: what `check` says about the decision is shown with it.
    // Each decision is checked as it is read, as `check` does, and the
    // reviews, the charter and the people file are kept whole.
    let staged = Log::load_staged(location, Depth::Full, BTreeSet::new(), false, |r| r);
    let (decisions, own) = {
        let pass = rules::Pass::new(staged.log(), &options);
        let decisions = staged.decisions(|d, _| {
            let candidate = may_name(&d, &args.id);
            (pass.decision(&d, None, candidate), Kept::new(d, candidate))
        });
        (decisions, pass.take())
    };
    let (log, decisions) = staged.finish(decisions);
    let (checked, kept): (Vec<rules::Checked>, Vec<Kept>) = decisions.into_iter().unzip();
    let candidates: Vec<&Decision> = kept.iter().filter_map(Kept::candidate).collect();
    let decision: &Decision = find_named(&candidates, &args.id)?;
    let as_of = as_of_arg?.unwrap_or(ctx.today);
    // The other candidates were checked too: their findings are on their
    // own files, which are not counted.
    let found =
        rules::Pass::new(&log, &options).finish(own, checked, |p| *p == *decision.meta.path);
    let errors = levels
        .apply(found, &log)
        .iter()
        .filter(|d| {
            d.path == decision.meta.path && d.severity == crate::diagnostic::Severity::Error
        })
        .count();
    let mut text = render(&log, &Titles(&kept), decision, as_of);
    text.push_str(&engagement(&log, decision, as_of, errors));
    Ok(Output::stdout(fit(&text, ctx.width)))
}

/// Wraps long lines to the terminal width (100 when unknown). A line
/// continues under the text it continues: where [`MARK`] stands in it (after
/// a label, a list bullet, an item number), else under its own indentation.
/// The title is wrapped under itself, and its underline is as wide as its
/// widest line.
fn fit(text: &str, width: Option<u16>) -> String {
    let width = usize::from(width.unwrap_or(crate::output::DEFAULT_WIDTH)).max(40);
    let mut out = String::new();
    let mut title_width = 0;
    for (i, line) in text.lines().enumerate() {
        if i == 1 && line.starts_with('=') {
            out.push_str(&"=".repeat(title_width));
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let indent = line
            .find(MARK)
            .map_or(lead, |at| line[..at].chars().count());
        // Record text reaches the terminal: no control character passes.
        let plain: String = line
            .chars()
            .filter(|&c| c != MARK)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let wrapped = crate::output::wrap(&plain, width, indent);
        if i == 0 {
            title_width = wrapped
                .lines()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
        }
        out.push_str(&wrapped);
        out.push('\n');
    }
    out
}

/// Where a wrapped line continues; removed before printing, with every other
/// control character (a record holding this one only moves a line's indent).
const MARK: char = '\u{1f}';

const LABEL_WIDTH: usize = 16;

fn field(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "{label:<LABEL_WIDTH$}{MARK}{value}");
    }
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

fn link_list(titles: &Titles, refs: &[Ref]) -> String {
    refs.iter()
        .map(|r| match titles.of(&r.id) {
            Some(title) => format!("{} ({title})", r.id),
            None => format!("{} (not in the log)", r.id),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The feedback on `d`, in its own record and in reviews (`on: ID`), by
/// date: the order `decide show` numbers it in and `decide feedback resolve`
/// takes its number from. Every review counts, whatever its date.
pub fn numbered_feedback<'a>(
    log: &'a Log,
    d: &'a Decision,
) -> Vec<(&'a Feedback, Option<&'a Review>)> {
    let reviews = Reviews::new(&log.reviews, &Dates::default(), NaiveDate::MAX);
    let mut feedback = reviews.on(NaiveDate::MAX).feedback_on(d);
    feedback.sort_by(|a, b| {
        a.0.date
            .as_ref()
            .map(|x| &x.raw)
            .cmp(&b.0.date.as_ref().map(|x| &x.raw))
    });
    feedback
}

/// `deprecated since 2026-09-15 (decided 2026-02-24)`: the date of the
/// current status comes from `status-history`; `decided` is only the day
/// it was accepted or rejected, so it is never given as the date of a
/// later status.
fn status_line(d: &Decision, as_of: NaiveDate) -> String {
    // Seen from an earlier day, the history says what the status was then.
    if let Some(then) = d.status_on(as_of)
        && Some(then) != d.status
    {
        let since = d
            .status_history
            .iter()
            .filter(|c| c.status == Some(then))
            .filter_map(|c| c.date.as_ref().and_then(|x| x.date))
            .filter(|x| *x <= as_of)
            .max();
        let mut line = then.to_string();
        if let Some(since) = since {
            let _ = write!(line, " since {since}");
        }
        let _ = write!(line, " on {as_of} (now {})", d.status_word());
        return line;
    }
    let mut status = d.status_word().to_string();
    let decided = d.decided.as_ref().map(|t| t.raw.as_str());
    let taken = matches!(d.status, Some(Status::Accepted | Status::Rejected));
    match (d.status_since(as_of), decided) {
        (Some(since), Some(decided)) if taken && since.to_string() == decided => {
            let _ = write!(status, " (decided {decided})");
        }
        (Some(since), Some(decided)) => {
            let _ = write!(status, " since {since} (decided {decided})");
        }
        (Some(since), None) => {
            let _ = write!(status, " since {since}");
        }
        (None, Some(decided)) if taken => {
            let _ = write!(status, " (decided {decided})");
        }
        (None, Some(decided)) => {
            let _ = write!(
                status,
                " (date of this status not recorded; decided {decided})"
            );
        }
        (None, None) => {}
    }
    status
}

/// Renders one decision as text; `titles` gives those of the decisions it
/// links to.
fn render(log: &Log, titles: &Titles, d: &Decision, as_of: NaiveDate) -> String {
    let mut out = String::new();
    let id =
        d.id.as_ref()
            .map(|i| i.to_string())
            .unwrap_or_else(|| "?".into());
    let title = d.title.as_ref().map_or("(untitled)", |t| t.as_str());
    let _ = writeln!(out, "{id}  {MARK}{title}");
    // `fit` draws the underline as wide as the wrapped title.
    let _ = writeln!(out, "=");
    field(&mut out, "status", &status_line(d, as_of));
    field(
        &mut out,
        "date",
        d.date.as_ref().map_or("", |t| t.raw.as_str()),
    );
    field(
        &mut out,
        "model",
        d.model.as_ref().map_or("", |t| t.as_str()),
    );
    field(&mut out, "owners", &names(&d.owners));
    field(&mut out, "proposed by", &names(&d.proposed_by));
    let makers = names(&d.decision_makers);
    field(
        &mut out,
        "decision-makers",
        if makers.is_empty() {
            "none recorded"
        } else {
            &makers
        },
    );
    field(&mut out, "consulted", &names(&d.consulted));
    field(&mut out, "informed", &names(&d.informed));
    field(
        &mut out,
        "revisit by",
        d.revisit_by.as_ref().map_or("", |t| t.raw.as_str()),
    );
    field(&mut out, "tags", &names(&d.tags));
    field(&mut out, "supersedes", &link_list(titles, &d.supersedes));
    field(
        &mut out,
        "superseded by",
        &link_list(titles, &d.superseded_by),
    );
    field(&mut out, "related", &link_list(titles, &d.related));
    field(&mut out, "file", &d.meta.path);

    if !d.status_history.is_empty() {
        heading(&mut out, "Status history");
        for c in &d.status_history {
            let date = c.date.as_ref().map_or("????-??-??", |t| t.raw.as_str());
            let _ = writeln!(out, "  {date}  {}", c.status.map_or("?", |s| s.as_str()));
        }
    }
    if let Some(rationale) = d.body.rationale_text() {
        heading(&mut out, "Rationale");
        for line in reflow(rationale) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !d.alternatives.is_empty() {
        heading(&mut out, "Alternatives considered");
        for alt in &d.alternatives {
            let name = alt.title.as_ref().map_or("(untitled)", |t| t.as_str());
            match &alt.rejected_because {
                Some(reason) => {
                    let _ = writeln!(out, "  - {MARK}{name}: rejected because {}", reason.value);
                }
                None => {
                    let _ = writeln!(out, "  - {MARK}{name}: no reason recorded");
                }
            }
        }
    }
    if !d.constraints.is_empty() {
        heading(&mut out, "Constraints");
        for c in &d.constraints {
            let _ = writeln!(out, "  - {MARK}{}", c.value);
        }
    }
    if !d.expected_outcomes.is_empty() {
        heading(&mut out, "Expected outcomes");
        // Against what retrospectives observed by the as-of date.
        let judged = metrics::targets::in_effect(d);
        let observed =
            metrics::targets::targets_of(log, d, as_of, |r| r.date.as_ref().and_then(|x| x.date));
        for o in &d.expected_outcomes {
            let metric = o.metric.as_ref().map_or("?", |t| t.as_str());
            let target = o.target.as_ref().map_or("?", |t| t.as_str());
            let by =
                o.by.as_ref()
                    .map(|b| format!(" by {}", b.raw))
                    .unwrap_or_default();
            let _ = write!(out, "  - {MARK}{metric} {target}{by}");
            let found = observed.iter().find(|t| {
                t.metric == metric.trim()
                    && t.target.as_deref() == o.target.as_ref().map(|x| x.value.trim())
            });
            match found {
                Some(t) if judged => match (t.observed, t.observed_on, &t.source) {
                    (Some(v), on, source) => {
                        let _ = write!(out, ": observed {}", crate::report::number(v, 4));
                        if let Some(on) = on {
                            let _ = write!(out, " on {on}");
                        }
                        if let Some(source) = source {
                            let _ = write!(out, " (review {source})");
                        }
                        let _ = write!(out, ", {}", t.verdict.as_str());
                    }
                    (None, ..) => {
                        let _ = write!(out, ": {}", t.verdict.as_str());
                    }
                },
                _ => {}
            }
            out.push('\n');
        }
    }
    if !d.artifacts.is_empty() {
        heading(&mut out, "Artifacts");
        for a in &d.artifacts {
            let kind = a.kind.map_or("?", |k| k.as_str());
            let _ = writeln!(
                out,
                "  - {MARK}{kind}: {}",
                a.reference.as_ref().map_or("?", |t| t.as_str())
            );
        }
    }
    if !d.risks.is_empty() {
        heading(&mut out, "Risks");
        for r in &d.risks {
            let _ = writeln!(
                out,
                "  - {MARK}{}",
                r.risk.as_ref().map_or("?", |t| t.as_str())
            );
            if let Some(m) = &r.mitigation {
                let _ = writeln!(out, "    mitigation: {MARK}{}", m.value);
            }
        }
    }

    let feedback = numbered_feedback(log, d);
    let reviews: Vec<&Review> = log
        .reviews
        .iter()
        .filter(|r| {
            d.id.as_ref()
                .is_some_and(|id| r.decisions.iter().any(|x| &x.id == id))
        })
        .collect();
    if !feedback.is_empty() {
        heading(&mut out, "Feedback");
        for (i, (f, from)) in feedback.iter().enumerate() {
            let date = f.date.as_ref().map_or("????-??-??", |t| t.raw.as_str());
            let by = f.by.as_ref().map_or("?", |t| t.as_str());
            let stance = f.stance.map_or("?", |s| s.as_str());
            let _ = write!(out, "  {}. {date}  {by:<10} {stance:<11} {MARK}", i + 1);
            if let Some(note) = &f.note {
                let _ = write!(out, "{}", note.value);
            }
            if let Some(resolved) = f.resolved() {
                let _ = write!(out, " [resolved {}", resolved.raw);
                if let Some(who) = f.resolved_by() {
                    let _ = write!(out, " by {}", who.value);
                }
                match f.resolution() {
                    Some(how) => {
                        let _ = write!(out, ": {}]", how.value);
                    }
                    None => out.push(']'),
                }
            }
            if !f.signals.is_empty() {
                let words: Vec<&str> = f.signals.iter().map(|t| t.as_str()).collect();
                let _ = write!(out, " [signals: {}]", words.join(", "));
            }
            if let Some(review) = from {
                let _ = write!(out, " (in review {})", review.id);
            }
            out.push('\n');
        }
    }
    if !d.actions.is_empty() {
        heading(&mut out, "Actions");
        for (i, a) in d.actions.iter().enumerate() {
            let status = a.status.map_or("?", |s| s.as_str());
            let owner = a.owner.as_ref().map_or("(no owner)", |t| t.as_str());
            let due = a
                .due
                .as_ref()
                .map(|t| format!(", due {}", t.raw))
                .unwrap_or_default();
            let note = a
                .note
                .as_ref()
                .map(|t| format!(": {}", t.value))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}. {MARK}[{status}] {owner}{due}{note}", i + 1);
        }
    }
    if !reviews.is_empty() {
        heading(&mut out, "Discussed in");
        for r in reviews {
            let kind = r.kind.map_or("review", |k| k.as_str());
            let date = r.date.as_ref().map_or("", |t| t.raw.as_str());
            let title = r.title.as_ref().map_or("", |t| t.as_str());
            let _ = writeln!(out, "  {date}  {kind:<9}  {MARK}{title}");
        }
    }
    out
}

/// The lines of Markdown prose with each paragraph on one line, so that
/// `fit` wraps it to the terminal rather than to the width it was typed at;
/// list items, headings, tables and fenced code keep their own lines.
fn reflow(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut joinable = false;
    let mut fenced = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            lines.push(line.to_string());
            joinable = false;
            continue;
        }
        let block = fenced
            || t.is_empty()
            || t.starts_with(['-', '*', '+', '#', '|', '>'])
            || t.split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            || line.starts_with("    ");
        match lines.last_mut() {
            Some(last) if joinable && !block => {
                last.push(' ');
                last.push_str(t);
            }
            _ => lines.push(line.to_string()),
        }
        joinable = !fenced && !t.is_empty() && !t.starts_with(['#', '|']);
    }
    lines
}

/// Participation and rationale completeness of one decision, computed by
/// the same functions as `decide report` (SPEC §6).
fn engagement(log: &Log, d: &Decision, today: NaiveDate, check_errors: usize) -> String {
    let mut out = String::new();
    let p = metrics::participation(log, d, today);
    let cutoff = match d.decided.as_ref().and_then(|t| t.date) {
        Some(date) => format!("by {date} (decided)"),
        None => format!("by {} (today)", p.cutoff),
    };
    let _ = write!(out, "\n{:<LABEL_WIDTH$}{MARK}", "Participation");
    if p.expected.is_empty() {
        let _ = writeln!(out, "n/a: nobody is consulted or deciding");
    } else {
        let _ = writeln!(
            out,
            "{} of {} expected responded ({}) {cutoff}",
            p.responded.len(),
            p.expected.len(),
            percent(p.responded.len(), p.expected.len())
        );
        // An owner is never listed as silent on their own decision.
        let owners: Vec<String> = d
            .owners
            .iter()
            .flat_map(|o| {
                log.people
                    .as_ref()
                    .map_or_else(|| vec![o.value.trim().to_string()], |r| r.expand(&o.value))
            })
            .collect();
        let missing: Vec<&str> = p
            .expected
            .iter()
            .filter(|e| !p.responded.contains(e) && !owners.iter().any(|o| o == **e))
            .copied()
            .collect();
        sub(&mut out, "responded", &p.responded.join(", "));
        sub(&mut out, "gave a view", &p.gave_view.join(", "));
        sub(&mut out, "attended only", &p.attended_only.join(", "));
        sub(&mut out, "no response", &missing.join(", "));
        sub(&mut out, "answered late", &p.after_cutoff.join(", "));
    }
    sub(&mut out, "unsolicited", &p.unsolicited.join(", "));
    if !p.expected.is_empty() {
        sub(
            &mut out,
            "meaning",
            crate::report::glossary::gloss("Participation (pooled)").unwrap_or_default(),
        );
    }

    let _ = write!(out, "\n{:<LABEL_WIDTH$}{MARK}", "Completeness");
    if d.status == Some(Status::Draft) {
        let _ = writeln!(out, "n/a: drafts are not scored");
    } else {
        let c = metrics::completeness(d, log.charter.as_ref());
        let _ = write!(
            out,
            "{} of {} checks ({})",
            c.passed,
            c.applicable,
            percent(c.passed, c.applicable)
        );
        // One truth per decision: the report marks the same errors.
        match check_errors {
            0 => out.push('\n'),
            1 => out.push_str("; `decide check` reports 1 error on it\n"),
            n => {
                let _ = writeln!(out, "; `decide check` reports {n} errors on it");
            }
        }
        sub(&mut out, "missing", &c.missing.join(", "));
        sub(
            &mut out,
            "meaning",
            "share of the completeness checks the decision passes; higher is better",
        );
    }
    out
}

fn sub(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "  {label:<14}{MARK}{value}");
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "n/a".to_string();
    }
    format!("{:.0}%", part as f64 * 100.0 / whole as f64)
}
