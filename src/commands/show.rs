//! `decide show ID`: one decision as a reader wants it: what was decided,
//! by whom, why, what was rejected, who said what, and what is still open.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::cli::ShowArgs;
use crate::context::{Context, Output};
use crate::log::Log;
use crate::metrics;
use crate::record::{Decision, Depth, Feedback, Ref, Review, Status};

use super::{find_decision, names};

pub fn run(args: &ShowArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // Placeholders are check's business; bodies are needed for the rationale.
    let log = Log::load_to(ctx.locate()?, Depth::Sections);
    let decision = find_decision(&log, &args.id)?;
    let mut text = render(&log, decision);
    text.push_str(&engagement(&log, decision, ctx.today));
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

fn link_list(log: &Log, refs: &[Ref]) -> String {
    refs.iter()
        .map(
            |r| match log.find(&r.id).next().and_then(|d| d.title.as_ref()) {
                Some(title) => format!("{} ({})", r.id, title.value),
                None => format!("{} (not in the log)", r.id),
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// The feedback on `d`, in its own record and in reviews (`on: ID`), by
/// date: the order `decide show` numbers it in and `decide feedback resolve`
/// takes its number from.
pub fn feedback_on<'a>(log: &'a Log, d: &'a Decision) -> Vec<(&'a Feedback, Option<&'a Review>)> {
    let mut feedback: Vec<(&Feedback, Option<&Review>)> =
        d.feedback.iter().map(|f| (f, None)).collect();
    if let Some(id) = &d.id {
        for review in &log.reviews {
            for f in &review.feedback {
                if f.on.as_ref().map(|r| &r.id) == Some(id) {
                    feedback.push((f, Some(review)));
                }
            }
        }
    }
    feedback.sort_by(|a, b| {
        a.0.date
            .as_ref()
            .map(|x| &x.raw)
            .cmp(&b.0.date.as_ref().map(|x| &x.raw))
    });
    feedback
}

/// Renders one decision as text.
pub fn render(log: &Log, d: &Decision) -> String {
    let mut out = String::new();
    let id =
        d.id.as_ref()
            .map(|i| i.to_string())
            .unwrap_or_else(|| "?".into());
    let title = d.title.as_ref().map_or("(untitled)", |t| t.as_str());
    let _ = writeln!(out, "{id}  {MARK}{title}");
    // `fit` draws the underline as wide as the wrapped title.
    let _ = writeln!(out, "=");
    let mut status = d.status_word().to_string();
    if let Some(decided) = &d.decided {
        let _ = write!(status, " (decided {})", decided.raw);
    }
    field(&mut out, "status", &status);
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
    field(&mut out, "decision-makers", &names(&d.decision_makers));
    field(&mut out, "consulted", &names(&d.consulted));
    field(&mut out, "informed", &names(&d.informed));
    field(
        &mut out,
        "revisit by",
        d.revisit_by.as_ref().map_or("", |t| t.raw.as_str()),
    );
    field(&mut out, "tags", &names(&d.tags));
    field(&mut out, "supersedes", &link_list(log, &d.supersedes));
    field(&mut out, "superseded by", &link_list(log, &d.superseded_by));
    field(&mut out, "related", &link_list(log, &d.related));
    field(&mut out, "file", &d.meta.path);

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
        for o in &d.expected_outcomes {
            let metric = o.metric.as_ref().map_or("?", |t| t.as_str());
            let target = o.target.as_ref().map_or("?", |t| t.as_str());
            let by =
                o.by.as_ref()
                    .map(|b| format!(" by {}", b.raw))
                    .unwrap_or_default();
            let _ = writeln!(out, "  - {MARK}{metric} {target}{by}");
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

    let feedback = feedback_on(log, d);
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
            if let Some(resolved) = &f.resolved {
                let _ = write!(out, " [resolved {}]", resolved.raw);
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
fn engagement(log: &Log, d: &Decision, today: NaiveDate) -> String {
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
        let missing: Vec<&str> = p
            .expected
            .iter()
            .filter(|e| !p.responded.contains(e))
            .map(String::as_str)
            .collect();
        sub(&mut out, "responded", &p.responded.join(", "));
        sub(&mut out, "no response", &missing.join(", "));
        sub(&mut out, "answered late", &p.after_cutoff.join(", "));
    }
    sub(&mut out, "unsolicited", &p.unsolicited.join(", "));

    let _ = write!(out, "\n{:<LABEL_WIDTH$}{MARK}", "Completeness");
    if d.status == Some(Status::Draft) {
        let _ = writeln!(out, "n/a: drafts are not scored");
    } else {
        let c = metrics::completeness(d, log.charter.as_ref());
        let _ = writeln!(
            out,
            "{} of {} checks ({})",
            c.passed,
            c.applicable,
            percent(c.passed, c.applicable)
        );
        sub(&mut out, "missing", &c.missing.join(", "));
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
