//! `decide show ID`: one decision as a reader wants it: what was decided,
//! by whom, why, what was rejected, who said what, and what is still open.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::cli::ShowArgs;
use crate::context::{Context, Output};
use crate::log::Log;
use crate::record::{Charter, Decision, Feedback, Ref, Status};

use super::{find_decision, names};

pub fn run(args: &ShowArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let log = ctx.load()?;
    let decision = find_decision(&log, &args.id)?;
    let mut text = render(&log, decision);
    text.push_str(&engagement(&log, decision, ctx.today));
    Ok(Output::stdout(fit(&text, ctx.width)))
}

/// Wraps long lines to the terminal width (100 when unknown), continuing
/// under the value column of `label  value` lines and under the text of
/// indented items.
fn fit(text: &str, width: Option<u16>) -> String {
    let width = usize::from(width.unwrap_or(crate::output::DEFAULT_WIDTH)).max(40);
    let mut out = String::new();
    for line in text.lines() {
        let lead = line.len() - line.trim_start().len();
        let indent = if lead == 0 {
            LABEL_WIDTH
        } else if line.trim_start().starts_with("- ") {
            lead + 2
        } else {
            lead + 4
        };
        out.push_str(&crate::output::wrap(line, width, indent));
        out.push('\n');
    }
    out
}

const LABEL_WIDTH: usize = 16;

fn field(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "{label:<LABEL_WIDTH$}{value}");
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

/// Renders one decision as text.
pub fn render(log: &Log, d: &Decision) -> String {
    let mut out = String::new();
    let id =
        d.id.as_ref()
            .map(|i| i.to_string())
            .unwrap_or_else(|| "?".into());
    let title = d.title.as_ref().map_or("(untitled)", |t| t.as_str());
    let _ = writeln!(out, "{id}  {title}");
    let _ = writeln!(
        out,
        "{}",
        "=".repeat((id.len() + 2 + title.chars().count()).min(100))
    );
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

    if let Some(rationale) = d.body.rationale().filter(|s| !s.content.is_empty()) {
        heading(&mut out, "Rationale");
        for line in rationale.content.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !d.alternatives.is_empty() {
        heading(&mut out, "Alternatives considered");
        for alt in &d.alternatives {
            let name = alt.title.as_ref().map_or("(untitled)", |t| t.as_str());
            match &alt.rejected_because {
                Some(reason) => {
                    let _ = writeln!(out, "  - {name}: rejected because {}", reason.value);
                }
                None => {
                    let _ = writeln!(out, "  - {name}: no reason recorded");
                }
            }
        }
    }
    if !d.constraints.is_empty() {
        heading(&mut out, "Constraints");
        for c in &d.constraints {
            let _ = writeln!(out, "  - {}", c.value);
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
            let _ = writeln!(out, "  - {metric} {target}{by}");
        }
    }
    if !d.artifacts.is_empty() {
        heading(&mut out, "Artifacts");
        for a in &d.artifacts {
            let kind = a.kind.map_or("?", |k| k.as_str());
            let _ = writeln!(
                out,
                "  - {kind}: {}",
                a.reference.as_ref().map_or("?", |t| t.as_str())
            );
        }
    }
    if !d.risks.is_empty() {
        heading(&mut out, "Risks");
        for r in &d.risks {
            let _ = writeln!(out, "  - {}", r.risk.as_ref().map_or("?", |t| t.as_str()));
            if let Some(m) = &r.mitigation {
                let _ = writeln!(out, "    mitigation: {}", m.value);
            }
        }
    }

    let mut feedback: Vec<(&Feedback, Option<&str>)> =
        d.feedback.iter().map(|f| (f, None)).collect();
    let mut reviews = Vec::new();
    for review in &log.reviews {
        let discussed =
            d.id.as_ref()
                .is_some_and(|id| review.decisions.iter().any(|r| &r.id == id));
        for f in &review.feedback {
            if f.on.as_ref().map(|r| &r.id) == d.id.as_ref() && d.id.is_some() {
                feedback.push((f, Some(review.id.as_str())));
            }
        }
        if discussed {
            reviews.push(review);
        }
    }
    feedback.sort_by(|a, b| {
        a.0.date
            .as_ref()
            .map(|x| &x.raw)
            .cmp(&b.0.date.as_ref().map(|x| &x.raw))
    });
    if !feedback.is_empty() {
        heading(&mut out, "Feedback");
        for (f, from) in feedback {
            let date = f.date.as_ref().map_or("????-??-??", |t| t.raw.as_str());
            let by = f.by.as_ref().map_or("?", |t| t.as_str());
            let stance = f.stance.map_or("?", |s| s.as_str());
            let _ = write!(out, "  {date}  {by:<10} {stance:<11}");
            if let Some(note) = &f.note {
                let _ = write!(out, " {}", note.value);
            }
            if let Some(resolved) = &f.resolved {
                let _ = write!(out, " [resolved {}]", resolved.raw);
            }
            if let Some(review) = from {
                let _ = write!(out, " (in review {review})");
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
            let _ = writeln!(out, "  {}. [{status}] {owner}{due}{note}", i + 1);
        }
    }
    if !reviews.is_empty() {
        heading(&mut out, "Discussed in");
        for r in reviews {
            let kind = r.kind.map_or("review", |k| k.as_str());
            let date = r.date.as_ref().map_or("", |t| t.raw.as_str());
            let title = r.title.as_ref().map_or("", |t| t.as_str());
            let _ = writeln!(out, "  {date}  {kind:<9}  {title}");
        }
    }
    out
}

/// Participation and rationale completeness of one decision.
//
// These follow SPEC §6 and are kept private here until the shared
// `metrics` module lands; the report must compute the same figures.
fn engagement(log: &Log, d: &Decision, today: NaiveDate) -> String {
    let mut out = String::new();
    let p = participation(log, d, today);
    let cutoff = match d.decided.as_ref().and_then(|t| t.date) {
        Some(date) => format!("by {date} (decided)"),
        None => format!("by {today} (today)"),
    };
    let _ = write!(out, "\n{:<16}", "Participation");
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
        let missing: Vec<&String> = p
            .expected
            .iter()
            .filter(|e| !p.responded.contains(e))
            .collect();
        sub(&mut out, "responded", &p.responded.join(", "));
        sub(
            &mut out,
            "no response",
            &missing
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    sub(&mut out, "unsolicited", &p.unsolicited.join(", "));

    let _ = write!(out, "\n{:<16}", "Completeness");
    match completeness(d, log.charter.as_ref()) {
        None => {
            let _ = writeln!(out, "n/a: drafts are not scored");
        }
        Some(checks) => {
            let passed = checks.iter().filter(|(_, ok)| *ok).count();
            let _ = writeln!(
                out,
                "{passed} of {} checks ({})",
                checks.len(),
                percent(passed, checks.len())
            );
            let missing: Vec<&str> = checks
                .iter()
                .filter(|(_, ok)| !ok)
                .map(|(name, _)| *name)
                .collect();
            sub(&mut out, "missing", &missing.join(", "));
        }
    }
    out
}

fn sub(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "  {label:<14}{value}");
    }
}

fn percent(part: usize, whole: usize) -> String {
    format!("{:.0}%", part as f64 * 100.0 / whole as f64)
}

/// Who was expected to respond to a decision and who did (SPEC §6).
#[derive(Debug, Default, PartialEq)]
struct Participation {
    /// Consulted and decision-makers, groups expanded, aliases resolved.
    expected: Vec<String>,
    /// Expected people who responded in time, in the order of `expected`.
    responded: Vec<String>,
    /// People who responded without being expected.
    unsolicited: Vec<String>,
}

fn push_unique(list: &mut Vec<String>, names: Vec<String>) {
    for name in names {
        if !list.contains(&name) {
            list.push(name);
        }
    }
}

/// A person responded by leaving feedback on the decision (in it, or in a
/// review with `on:` it) or by attending a review that lists it, on or
/// before the day it was decided (today while undecided). An entry without
/// a date counts: nothing shows it came late.
fn participation(log: &Log, d: &Decision, today: NaiveDate) -> Participation {
    let expand = |name: &str| match &log.people {
        Some(people) => people.expand(name),
        None => vec![name.to_string()],
    };
    let cutoff = d.decided.as_ref().and_then(|t| t.date).unwrap_or(today);
    let in_time = |date: Option<NaiveDate>| date.is_none_or(|date| date <= cutoff);

    let mut expected = Vec::new();
    for name in d.consulted.iter().chain(&d.decision_makers) {
        push_unique(&mut expected, expand(&name.value));
    }
    let mut responders = Vec::new();
    for f in &d.feedback {
        if let Some(by) = &f.by
            && in_time(f.date.as_ref().and_then(|t| t.date))
        {
            push_unique(&mut responders, expand(&by.value));
        }
    }
    if let Some(id) = &d.id {
        for review in &log.reviews {
            let review_date = review.date.as_ref().and_then(|t| t.date);
            for f in &review.feedback {
                let on_this = f.on.as_ref().is_some_and(|r| &r.id == id);
                let date = f.date.as_ref().and_then(|t| t.date).or(review_date);
                if let Some(by) = &f.by
                    && on_this
                    && in_time(date)
                {
                    push_unique(&mut responders, expand(&by.value));
                }
            }
            if review.decisions.iter().any(|r| &r.id == id) && in_time(review_date) {
                for person in &review.attended {
                    push_unique(&mut responders, expand(&person.value));
                }
            }
        }
    }
    Participation {
        responded: expected
            .iter()
            .filter(|e| responders.contains(e))
            .cloned()
            .collect(),
        unsolicited: responders
            .into_iter()
            .filter(|r| !expected.contains(r))
            .collect(),
        expected,
    }
}

/// The rationale-completeness checks that apply to `d`, each with whether
/// it passes (SPEC §6); `None` for a draft, which is not scored. "A reason
/// for every alternative" applies only when there are alternatives, and a
/// charter `revisit-days` stands in for a missing `revisit-by`.
fn completeness(d: &Decision, charter: Option<&Charter>) -> Option<Vec<(&'static str, bool)>> {
    if d.status == Some(Status::Draft) {
        return None;
    }
    let mut checks = vec![
        ("owner", !d.owners.is_empty()),
        ("decision-maker", !d.decision_makers.is_empty()),
        ("an alternative", !d.alternatives.is_empty()),
    ];
    if !d.alternatives.is_empty() {
        checks.push((
            "a reason for every alternative",
            d.alternatives.iter().all(|a| {
                a.rejected_because
                    .as_ref()
                    .is_some_and(|r| !is_placeholder(&r.value))
            }),
        ));
    }
    checks.extend([
        (
            "rationale",
            d.body
                .rationale()
                .is_some_and(|s| !is_placeholder(&s.content)),
        ),
        ("a constraint", !d.constraints.is_empty()),
        (
            "an expected outcome with metric and target",
            d.expected_outcomes
                .iter()
                .any(|o| o.metric.is_some() && o.target.is_some()),
        ),
        ("an artifact", !d.artifacts.is_empty()),
        (
            "revisit-by",
            d.revisit_by.as_ref().is_some_and(|t| t.date.is_some())
                || charter.is_some_and(|c| c.revisit_days.is_some()),
        ),
    ]);
    Some(checks)
}

/// Empty, a TBD/TODO marker, or a template hint such as `{why}` or `<why>`.
fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let marker = ["tbd", "todo", "tba", "fixme", "xxx", "...", "…", "-", "n/a"]
        .iter()
        .any(|m| {
            lower == *m
                || lower
                    .strip_prefix(m)
                    .is_some_and(|rest| rest.starts_with([':', ' ', '.', '-', '!']))
                    && m.chars().all(|c| c.is_ascii_alphabetic())
        });
    let enclosed = [('{', '}'), ('<', '>'), ('[', ']')]
        .iter()
        .any(|(open, close)| {
            t.starts_with(*open) && t.ends_with(*close) && !t[1..].contains(*open)
        });
    t.is_empty() || marker || enclosed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Charter, People, Review};

    fn decision(front: &str, body: &str) -> Decision {
        Decision::parse(
            "d/0012-x.md",
            "0012-x.md",
            &format!("---\n{front}---\n{body}"),
        )
    }

    fn log_with(decision: Decision, reviews: Vec<Review>, people: Option<People>) -> Log {
        Log {
            location: crate::log::Location {
                root: ".".into(),
                dir: ".".into(),
                config: crate::config::Config::defaults(),
                dir_source: String::new(),
            },
            decisions: vec![decision],
            reviews,
            charter: None,
            people,
            strays: Vec::new(),
            failures: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn day(s: &str) -> NaiveDate {
        crate::record::parse_date(s).unwrap()
    }

    #[test]
    fn participation_counts_feedback_and_attendance_until_the_decision() {
        let d = decision(
            "status: accepted\ndecided: 2026-03-20\nconsulted: [lee, product, aruiz]\ndecision-makers: [raj]\nfeedback:\n  - {by: lee, date: 2026-03-05, stance: concern}\n  - {by: zed, date: 2026-03-06, stance: support}\n",
            "",
        );
        let people = People::parse(
            "people.yaml",
            "people:\n  ana: { aliases: [aruiz] }\n  lee: {}\n  raj: {}\n  mei: {}\n  priya: {}\n  zed: {}\ngroups:\n  product: [mei, priya]\n",
        );
        let review = Review::parse(
            "r",
            "2026-03-10-r.md",
            "---\ndate: 2026-03-10\ndecisions: [12]\nattended: [raj]\nfeedback:\n  - {on: 12, by: mei, date: 2026-03-25, stance: support}\n  - {on: 12, by: aruiz, stance: support}\n  - {on: 13, by: priya, date: 2026-03-01, stance: support}\n---\n",
        );
        let log = log_with(d.clone(), vec![review], Some(people));
        let p = participation(&log, &d, day("2026-11-25"));
        assert_eq!(p.expected, ["lee", "mei", "priya", "ana", "raj"]);
        // mei answered after the decision; priya's answer was on another
        // decision; ana (as aruiz) answered in a review dated before it.
        assert_eq!(p.responded, ["lee", "ana", "raj"]);
        assert_eq!(p.unsolicited, ["zed"]);
    }

    #[test]
    fn participation_of_an_undecided_decision_runs_to_today() {
        let d = decision(
            "status: proposed\nconsulted: lee\nfeedback:\n  - {by: lee, date: 2026-04-01, stance: support}\n",
            "",
        );
        let log = log_with(d.clone(), vec![], None);
        assert_eq!(
            participation(&log, &d, day("2026-03-31")).responded.len(),
            0
        );
        assert_eq!(
            participation(&log, &d, day("2026-04-01")).responded,
            ["lee"]
        );
    }

    #[test]
    fn completeness_checks_follow_the_spec() {
        let full = decision(
            "status: accepted\nowners: [ana]\ndecision-makers: [raj]\nalternatives:\n  - {title: Weekly, rejected-because: too costly}\nconstraints: [Nightly window]\nexpected-outcomes:\n  - {metric: auc, target: \">= 0.8\"}\nartifacts:\n  - {kind: model, ref: churn@v14}\nrevisit-by: 2026-09-01\n",
            "## Rationale\n\nBest AUC.\n",
        );
        let checks = completeness(&full, None).unwrap();
        assert_eq!(checks.len(), 9);
        assert!(checks.iter().all(|(_, ok)| *ok), "{checks:?}");

        let thin = decision(
            "status: proposed\nowners: [ana]\nalternatives:\n  - {title: Weekly}\n",
            "## Rationale\n\nTBD: after the review\n",
        );
        let missing: Vec<&str> = completeness(&thin, None)
            .unwrap()
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            missing,
            [
                "decision-maker",
                "a reason for every alternative",
                "rationale",
                "a constraint",
                "an expected outcome with metric and target",
                "an artifact",
                "revisit-by"
            ]
        );
        // No alternatives: the per-alternative check does not apply; a
        // charter's revisit-days stands in for revisit-by.
        let charter = Charter::parse("charter.md", "---\nrevisit-days: 180\n---\n");
        let bare = decision("status: accepted\n", "");
        let checks = completeness(&bare, Some(&charter)).unwrap();
        assert_eq!(checks.len(), 8);
        assert_eq!(checks.iter().filter(|(_, ok)| *ok).count(), 1);
        assert!(completeness(&decision("status: draft\n", ""), None).is_none());
    }

    #[test]
    fn placeholders() {
        for text in [
            "",
            "TBD",
            "todo: later",
            "{why was this chosen?}",
            "<rationale>",
            "...",
            "[fill in]",
        ] {
            assert!(is_placeholder(text), "{text:?}");
        }
        for text in [
            "Todos los modelos",
            "Best AUC.",
            "[LightGBM](x) wins",
            "tbdx",
        ] {
            assert!(!is_placeholder(text), "{text:?}");
        }
    }
}
