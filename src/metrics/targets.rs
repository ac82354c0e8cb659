//! Outcomes observed against targets: for each expected outcome of a
//! decision that was put into effect, the latest value a retrospective or
//! review recorded for the same metric by the as-of date, and whether it
//! meets the target.
//!
//! Metric names match when they are equal ignoring case, spaces and
//! punctuation (`Fairness gap PP` = `fairness-gap-pp`). A target is
//! compared when it reads as a comparison and a number (`>= 0.82`,
//! `<= 5 pp`, `< 0.10`, `0 per quarter`, `210,000 EUR`); the unit after the
//! number is not converted, so the observed value must be in the same unit.
//! Relative targets (`+0.01 over the champion`, `within 10%`) cannot be
//! judged by the tool and say so.

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt as _};
use serde::Serialize;

use super::Scope;
use crate::log::Log;
use crate::record::{Decision, Id, OutcomeRecord, Review, Status};

/// What an observation says about a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Met,
    Missed,
    /// No value recorded for the metric by the as-of date.
    NotYetMeasured,
    /// A value is recorded, but the target is not a comparison the tool can read.
    NotComparable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Missed => "missed",
            Verdict::NotYetMeasured => "not yet measured",
            Verdict::NotComparable => "not comparable",
        }
    }
}

/// One expected outcome and what was observed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub id: Option<String>,
    pub title: Option<String>,
    pub metric: String,
    pub target: Option<String>,
    /// The expected outcome's `by` date.
    pub by: Option<NaiveDate>,
    /// The latest recorded value by the as-of date.
    pub observed: Option<f64>,
    pub observed_on: Option<NaiveDate>,
    /// The review (file stem) that recorded it.
    pub source: Option<String>,
    pub verdict: Verdict,
}

/// A comparison read from a target: `>= 0.82` is `(Ge, 0.82)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

/// Reads `>= 0.82`, `≤ 5 pp`, `< 0.10 on …`, `0 per quarter`, `210,000 EUR`.
pub fn parse_target(text: &str) -> Option<(Op, f64)> {
    let t = text.trim();
    let (op, rest) = [
        (">=", Op::Ge),
        ("≥", Op::Ge),
        ("<=", Op::Le),
        ("≤", Op::Le),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("==", Op::Eq),
        ("=", Op::Eq),
    ]
    .iter()
    .find_map(|(p, op)| t.strip_prefix(p).map(|r| (*op, r)))
    .unwrap_or((Op::Eq, t));
    let rest = rest.trim_start();
    // A sign makes it relative to something else (`+0.01 over v6`).
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    number.parse().ok().map(|n| (op, n))
}

fn meets(op: Op, target: f64, value: f64) -> bool {
    match op {
        Op::Ge => value >= target,
        Op::Gt => value > target,
        Op::Le => value <= target,
        Op::Lt => value < target,
        Op::Eq => (value - target).abs() < 1e-9,
    }
}

/// `Fairness gap (pp)` → `fairnessgappp`: how metric names are matched.
pub fn metric_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a decision's expected outcomes are judged: it was put into effect.
pub fn in_effect(d: &Decision) -> bool {
    matches!(
        d.status,
        Some(Status::Accepted | Status::Superseded | Status::Deprecated)
    )
}

/// The targets of `d`, judged on what `log`'s reviews recorded by `as_of`.
/// `review_date` dates an outcome that has no `date` of its own.
pub fn targets_of(
    log: &Log,
    d: &Decision,
    as_of: NaiveDate,
    review_date: impl Fn(&crate::record::Review) -> Option<NaiveDate>,
) -> Vec<Target> {
    let Some(id) = &d.id else {
        return Vec::new();
    };
    let outcomes = log.reviews.iter().flat_map(|review| {
        review
            .outcomes
            .iter()
            .filter(|o| o.decision.as_ref().is_some_and(|dec| &dec.id == id))
            .map(move |o| (review, o))
    });
    judge(d, outcomes, as_of, review_date)
}

/// Every review outcome recorded against each decision id, in the order of
/// the reviews and of their outcomes: built once, so judging the targets of
/// every decision costs one pass over the reviews, not one per decision.
fn outcomes_by_id(log: &Log) -> HashMap<&Id, Vec<(&Review, &OutcomeRecord)>> {
    let mut by_id: HashMap<&Id, Vec<(&Review, &OutcomeRecord)>> = HashMap::new();
    for review in &log.reviews {
        for o in &review.outcomes {
            if let Some(dec) = &o.decision {
                by_id.entry(&dec.id).or_default().push((review, o));
            }
        }
    }
    by_id
}

/// The targets of `d`, judged on `outcomes`, the review outcomes recorded
/// against its id.
fn judge<'r>(
    d: &Decision,
    outcomes: impl Iterator<Item = (&'r Review, &'r OutcomeRecord)>,
    as_of: NaiveDate,
    review_date: impl Fn(&Review) -> Option<NaiveDate>,
) -> Vec<Target> {
    let Some(id) = &d.id else {
        return Vec::new();
    };
    // (metric key, value, date, review) for this decision, up to T.
    let mut seen: Vec<(String, f64, Option<NaiveDate>, &str)> = Vec::new();
    for (review, o) in outcomes {
        {
            let (Some(metric), Some(value)) = (&o.metric, o.value) else {
                continue;
            };
            if !value.is_finite() {
                continue;
            }
            let date = o
                .date
                .as_ref()
                .and_then(|x| x.date)
                .or_else(|| review_date(review));
            if date.is_some_and(|x| x > as_of) {
                continue;
            }
            seen.push((metric_key(&metric.value), value, date, &review.id));
        }
    }
    d.expected_outcomes
        .iter()
        .filter_map(|e| {
            let metric = e.metric.as_ref()?.value.trim().to_string();
            let key = metric_key(&metric);
            let latest = seen
                .iter()
                .filter(|(k, ..)| *k == key)
                .max_by(|a, b| (a.2, a.3).cmp(&(b.2, b.3)));
            let target = e.target.as_ref().map(|t| t.value.trim().to_string());
            let verdict = match (latest, target.as_deref().and_then(parse_target)) {
                (None, _) => Verdict::NotYetMeasured,
                (Some(_), None) => Verdict::NotComparable,
                (Some((_, v, ..)), Some((op, n))) if meets(op, n, *v) => Verdict::Met,
                (Some(_), Some(_)) => Verdict::Missed,
            };
            Some(Target {
                id: Some(id.to_string()),
                title: d.title.as_ref().map(|t| t.value.to_string()),
                metric,
                target,
                by: e.by.as_ref().and_then(|x| x.date),
                observed: latest.map(|x| x.1),
                observed_on: latest.and_then(|x| x.2),
                source: latest.map(|x| x.3.to_string()),
                verdict,
            })
        })
        .collect()
}

/// Counts by verdict, for the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetCounts {
    pub met: usize,
    pub missed: usize,
    pub not_yet_measured: usize,
    pub not_comparable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    pub counts: TargetCounts,
    pub targets: Vec<Target>,
}

/// Every target of the decisions in scope that were put into effect.
pub fn targets(scope: &Scope) -> Targets {
    let by_id = outcomes_by_id(scope.log);
    let targets: Vec<Target> = scope
        .decisions
        .iter()
        .filter(|d| in_effect(d))
        .flat_map(|d| {
            let outcomes =
                d.id.as_ref()
                    .and_then(|id| by_id.get(id))
                    .into_iter()
                    .flatten()
                    .copied();
            judge(d, outcomes, scope.opts.as_of, |r| {
                scope.dates.review(r).map(|x| x.date)
            })
        })
        .collect();
    let count = |v: Verdict| targets.iter().filter(|t| t.verdict == v).count();
    Targets {
        counts: TargetCounts {
            met: count(Verdict::Met),
            missed: count(Verdict::Missed),
            not_yet_measured: count(Verdict::NotYetMeasured),
            not_comparable: count(Verdict::NotComparable),
        },
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_comparisons() {
        assert_eq!(parse_target(">= 0.82"), Some((Op::Ge, 0.82)));
        assert_eq!(parse_target("<= 5 pp every month"), Some((Op::Le, 5.0)));
        assert_eq!(
            parse_target("< 0.10 on score distribution"),
            Some((Op::Lt, 0.1))
        );
        assert_eq!(parse_target("0 per quarter"), Some((Op::Eq, 0.0)));
        assert_eq!(parse_target("<= 210,000 EUR"), Some((Op::Le, 210000.0)));
        assert_eq!(parse_target("+0.01 over the champion"), None);
        assert_eq!(parse_target("within 10%"), None);
        assert_eq!(parse_target(""), None);
    }

    #[test]
    fn boundaries_are_inclusive_only_where_the_target_says() {
        assert!(meets(Op::Le, 5.0, 5.0));
        assert!(!meets(Op::Lt, 0.1, 0.1));
        assert!(meets(Op::Ge, 0.82, 0.82));
        assert!(!meets(Op::Gt, 0.82, 0.82));
        assert_eq!(
            metric_key("Fairness gap (pp)"),
            metric_key("fairness-gap-pp")
        );
    }
}
