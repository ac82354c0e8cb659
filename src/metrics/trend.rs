//! `decide report --trend month|quarter`: the headline figures for each
//! period, so a reader sees shifts in engagement, trust and risk rather
//! than one date's state.
//!
//! A period's figures are not computed by separate code: each is what
//! [`super::compute`] gives over that period (decisions and reviews dated
//! from its first day to its last) as of its last day, so it always equals
//! `decide report --since START --until END --as-of END`. Only those
//! figures are worked out, by the same functions and sums (`headline`),
//! over what every period shares, made once (`scope::Shared`: the records in
//! log order with their dates, the review index); the overdue actions of
//! every period are counted in one pass over the actions
//! (`actions::overdue_on`). Tests below hold every period of the
//! example, and the overdue actions of a log with their edge cases, to
//! the whole report's.
//! The last period ends on the as-of date (or `--until`), the first
//! starts on `--since` or the earliest dated record.
//!
//! No headline figure reads `check`'s findings: they mark only which
//! decisions are "fully complete" ([`super::CompletenessSummary`]), and
//! the headline takes the mean completeness. The periods are therefore
//! computed without them, rather than checking the log again as of each
//! period's end (84 times for a monthly trend over seven years); a test
//! below holds every headline figure to that.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::pulse::QuestionMean;
use super::scope::Shared;
use super::signals::{Risks, SignalCount};
use super::stats::{Count, Mean, Ratio};
use super::{MetricsOptions, Report, Scope, actions, pulse, rows, signals, timeliness};
use crate::log::Log;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Quarter,
}

impl Period {
    fn months(self) -> u32 {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
        }
    }

    /// The first day of the period holding `date`.
    fn start_of(self, date: NaiveDate) -> NaiveDate {
        let m0 = date.month0() / self.months() * self.months();
        NaiveDate::from_ymd_opt(date.year(), m0 + 1, 1).unwrap_or(date)
    }

    /// `2026-Q1` or `2026-03`.
    fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        }
    }
}

/// The figures `--trend` repeats per period, each with its n.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub participation: Ratio,
    pub on_time: Ratio,
    pub completeness: Mean,
    pub overdue_actions: Count,
    pub pulse_means: Vec<QuestionMean>,
    pub signals: Vec<SignalCount>,
    pub risks: Risks,
}

impl Headline {
    /// The headline figures of a report, as the report states them.
    pub fn of(r: &Report) -> Headline {
        Headline {
            participation: r.participation.pooled,
            on_time: r.timeliness.on_time,
            completeness: r.completeness.mean,
            overdue_actions: r.actions.overdue,
            pulse_means: r.pulse.means.clone(),
            signals: r.signals.counts.clone(),
            risks: r.risks,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodFigures {
    pub label: String,
    /// `--since` of the equivalent report.
    pub start: NaiveDate,
    /// `--until` and `--as-of` of the equivalent report.
    pub end: NaiveDate,
    #[serde(flatten)]
    pub figures: Headline,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub schema_version: u32,
    pub period: Period,
    pub as_of: NaiveDate,
    pub model: Option<String>,
    pub periods: Vec<PeriodFigures>,
}

/// The periods between `from` and `to`, both included, as `(start, end)`.
pub fn periods(period: Period, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = period.start_of(from);
    while start <= to {
        let Some(next) = start.checked_add_months(Months::new(period.months())) else {
            out.push((start.max(from), to));
            break;
        };
        let last = next.pred_opt().unwrap_or(next);
        out.push((start.max(from), last.min(to)));
        start = next;
    }
    out
}

/// The trend over the window of `opts`: from `since` (else the earliest
/// dated decision or review) to `until` or the as-of date, whichever is earlier.
pub fn trend(log: &Log, opts: &MetricsOptions, period: Period) -> Trend {
    let end = opts.until.map_or(opts.as_of, |u| u.min(opts.as_of));
    let earliest = log
        .decisions
        .iter()
        .filter(|d| d.meta.parsed())
        .filter_map(|d| opts.dates.decision(d))
        .chain(
            log.reviews
                .iter()
                .filter(|r| r.meta.parsed())
                .filter_map(|r| opts.dates.review(r)),
        )
        .map(|d| d.date)
        .filter(|d| *d <= end)
        .min();
    let start = opts.since.or(earliest);
    let periods = match start {
        Some(start) if start <= end => periods(period, start, end),
        _ => Vec::new(),
    };
    // What every period's scopes choose from and look up: made once.
    let shared = Shared::new(log, opts, end);
    // The open and overdue actions on each period's end, in one pass.
    let ends: Vec<NaiveDate> = periods.iter().map(|&(_, end)| end).collect();
    let overdue = actions::overdue_on(shared.timeline.actions(), &ends);
    Trend {
        schema_version: 1,
        period,
        as_of: opts.as_of,
        model: opts.model.clone(),
        periods: periods
            .into_iter()
            .zip(overdue)
            .map(|((start, end), overdue_actions)| {
                let opts = MetricsOptions {
                    as_of: end,
                    since: Some(start),
                    until: Some(end),
                    model: opts.model.clone(),
                    dates: opts.dates.clone(),
                    for_person: None,
                    check_errors: Default::default(),
                };
                PeriodFigures {
                    label: period.label(start),
                    start,
                    end,
                    figures: headline(log, &opts, &shared, overdue_actions),
                }
            })
            .collect(),
    }
}

/// The headline figures of the report over `opts`, worked out alone: the
/// same as `Headline::of(&compute(log, opts))` (a test below holds every
/// period of the example to it), without the registers, lists, tables and
/// per-person rows no headline figure reads, which were most of a trend's
/// time (it computed one report per period). Its overdue actions, counted
/// for every period at once (`actions::overdue_on`), are given.
fn headline<'a>(
    log: &'a Log,
    opts: &MetricsOptions,
    shared: &Shared<'a>,
    overdue_actions: Count,
) -> Headline {
    let scope = Scope::sharing(log, opts, shared);
    let registry_roles = scope.people.registry_roles().len();
    let (rows, on_time) = rayon::join(
        || rows::figures(&scope, opts, registry_roles),
        || timeliness::timeliness(&scope).on_time,
    );
    // As `compute` sums them.
    let (mut responded, mut expected) = (0, 0);
    let mut scores = Vec::new();
    for row in &rows {
        if let Some(p) = &row.participation {
            responded += p.responded.len();
            expected += p.expected.len();
            if let Some(c) = &row.completeness {
                scores.push(c.ratio());
            }
        }
    }
    Headline {
        participation: Ratio::new(responded, expected),
        on_time,
        completeness: Mean::of(&scores),
        overdue_actions,
        pulse_means: pulse::pulse(&scope).means,
        signals: signals::signals(&scope).counts,
        risks: signals::risks(&scope),
    }
}

#[cfg(test)]
mod tests {
    use super::super::compute;
    use super::*;
    use crate::log::locate;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Calls `check` with each period of the trend of `log` as of `as_of`,
    /// by month and by quarter, for the whole log and for `model`, and the
    /// whole report over that period (`--since START --until END --as-of
    /// END`).
    fn each_period_and_its_report(
        log: &Log,
        as_of: &str,
        model: &str,
        mut check: impl FnMut(&PeriodFigures, &Report, Option<&str>),
    ) {
        for model in [None, Some(model.to_string())] {
            let opts = MetricsOptions {
                model: model.clone(),
                ..MetricsOptions::new(d(as_of))
            };
            for period in [Period::Month, Period::Quarter] {
                for p in trend(log, &opts, period).periods {
                    let whole = MetricsOptions {
                        as_of: p.end,
                        since: Some(p.start),
                        until: Some(p.end),
                        ..opts.clone()
                    };
                    check(&p, &compute(log, &whole), model.as_deref());
                }
            }
        }
    }

    /// Each period's headline, worked out alone, is the headline of the
    /// whole report over that period, on every period of the example by
    /// month and by quarter, for the whole log and for one model.
    #[test]
    fn each_periods_headline_is_its_reports() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new("examples/churn-model/decisions");
        let log = Log::load(locate(root, Some(dir), None).unwrap());
        let model = log.decisions.iter().find_map(|d| d.model.clone()).unwrap();
        let (mut checked, mut overdue, mut pulsed) = (0, 0, 0);
        each_period_and_its_report(&log, "2026-11-25", &model.value, |p, report, _| {
            assert_eq!(p.figures, Headline::of(report), "{}", p.label);
            checked += 1;
            overdue += usize::from(p.figures.overdue_actions.count > 0);
            pulsed += usize::from(!p.figures.pulse_means.is_empty());
        });
        // Enough periods to mean something, some with overdue actions
        // (the state, read apart from the window) and some with a pulse.
        assert!(checked >= 20, "{checked}");
        assert!(overdue > 0 && pulsed > 0, "{overdue} {pulsed}");
    }

    /// Each period's open and overdue actions, counted in one pass over
    /// the log, are those of the report over that period, on a log with
    /// the edges the example lacks: an undated decision, actions dropped,
    /// done on no day, done after their due date and after a period's end;
    /// reviews whose actions count, when a model is chosen, only from the
    /// date of a decision about it that they name, or never.
    #[test]
    fn each_periods_overdue_actions_are_its_reports() {
        let dir = tempfile::tempdir().unwrap();
        let log_dir = dir.path().join("decisions");
        std::fs::create_dir_all(log_dir.join("reviews")).unwrap();
        let action = |due: &str, rest: &str| format!("  - owner: lee\n    due: {due}\n{rest}");
        let decision = |name: &str, head: &str, actions: &[String]| {
            let text = format!(
                "---\ntitle: {name}\nstatus: accepted\n{head}actions:\n{}---\n# {name}\n",
                actions.concat()
            );
            std::fs::write(log_dir.join(format!("{name}.md")), text).unwrap();
        };
        let review = |name: &str, head: &str, actions: &[String]| {
            let text = format!(
                "---\nkind: check-in\n{head}actions:\n{}---\n# {name}\n",
                actions.concat()
            );
            std::fs::write(log_dir.join("reviews").join(format!("{name}.md")), text).unwrap();
        };
        decision(
            "0001-a",
            "date: 2025-03-10\nmodel: m\n",
            &[
                action("2025-02-01", ""),
                action("2025-04-01", "    status: done\n    done: 2025-05-15\n"),
                action("2025-03-20", "    status: done\n    done: 2025-03-12\n"),
            ],
        );
        decision(
            "0002-b",
            "date: 2025-06-20\nmodel: m\n",
            &[action("2025-07-01", "")],
        );
        decision(
            "0003-c",
            "date: 2025-01-05\nmodel: other\n",
            &[action("2025-03-01", "")],
        );
        decision(
            "0004-d",
            "model: m\n",
            &[
                action("2025-01-01", "    status: dropped\n"),
                action("2025-01-01", "    status: done\n"),
                action("2025-02-15", ""),
            ],
        );
        review(
            "2025-02-10-x",
            "date: 2025-02-10\ndecisions: [2]\n",
            &[action("2025-03-01", "")],
        );
        review(
            "2025-04-02-y",
            "date: 2025-04-02\nfeedback:\n  - on: 3\n    by: kim\n    stance: concern\n",
            &[action("2025-04-10", "")],
        );
        review("undated-z", "decisions: [4]\n", &[action("2025-05-01", "")]);
        let log = Log::load(locate(dir.path(), Some(Path::new("decisions")), None).unwrap());
        assert_eq!(log.decisions.len(), 4);
        assert_eq!(log.reviews.len(), 3);
        let mut seen = BTreeSet::new();
        each_period_and_its_report(&log, "2025-08-31", "m", |p, report, model| {
            let overdue = report.actions.overdue;
            assert_eq!(p.figures.overdue_actions, overdue, "{} {model:?}", p.label);
            seen.insert((model.is_some(), overdue.n));
        });
        // The counts move from period to period, with a model and without.
        assert!(seen.iter().filter(|(m, _)| *m).count() >= 3, "{seen:?}");
        assert!(seen.iter().filter(|(m, _)| !*m).count() >= 3, "{seen:?}");
    }

    /// Why the periods are computed without `check`: marking every
    /// decision of the example as having errors changes the report (none
    /// is then fully complete) but no headline figure.
    #[test]
    fn no_headline_figure_reads_checks_findings() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new("examples/churn-model/decisions");
        let log = Log::load(locate(root, Some(dir), None).unwrap());
        let clean = MetricsOptions::new(d("2026-11-25"));
        let flagged = MetricsOptions {
            check_errors: log
                .decisions
                .iter()
                .map(|d| (d.meta.path.clone(), 1))
                .collect(),
            ..clean.clone()
        };
        let (a, b) = (compute(&log, &clean), compute(&log, &flagged));
        assert!(a.completeness.fully_complete.num > 0);
        assert_eq!(b.completeness.fully_complete.num, 0);
        assert_eq!(Headline::of(&a), Headline::of(&b));
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_and_months_cut_at_the_window() {
        assert_eq!(
            periods(Period::Quarter, d("2025-11-20"), d("2026-05-02")),
            vec![
                (d("2025-11-20"), d("2025-12-31")),
                (d("2026-01-01"), d("2026-03-31")),
                (d("2026-04-01"), d("2026-05-02")),
            ]
        );
        assert_eq!(
            periods(Period::Month, d("2024-02-01"), d("2024-03-31")),
            vec![
                (d("2024-02-01"), d("2024-02-29")),
                (d("2024-03-01"), d("2024-03-31")),
            ]
        );
        assert_eq!(Period::Quarter.label(d("2026-07-01")), "2026-Q3");
        assert_eq!(Period::Month.label(d("2026-07-01")), "2026-07");
        assert_eq!(
            periods(Period::Month, d("9999-12-05"), d("9999-12-31")).len(),
            1
        );
    }
}
