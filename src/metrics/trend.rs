//! `decide report --trend month|quarter`: the headline figures for each
//! period, so a reader sees shifts in engagement, trust and risk rather
//! than one date's state.
//!
//! A period's figures are not computed by separate code: each is
//! [`compute`] over that period (decisions and reviews dated from its first
//! day to its last) as of its last day, so it always equals
//! `decide report --since START --until END --as-of END`. The last period
//! ends on the as-of date (or `--until`), the first starts on `--since` or
//! the earliest dated record.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::pulse::QuestionMean;
use super::signals::{Risks, SignalCount};
use super::stats::{Count, Mean, Ratio};
use super::{MetricsOptions, Report, compute};
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
/// `check_errors_as_of` gives the error-level `check` findings per record
/// path as of a day, so each period marks decisions as the plain report as
/// of its end does.
pub fn trend(
    log: &Log,
    opts: &MetricsOptions,
    period: Period,
    check_errors_as_of: &dyn Fn(
        NaiveDate,
    ) -> std::collections::BTreeMap<std::sync::Arc<str>, usize>,
) -> Trend {
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
    Trend {
        schema_version: 1,
        period,
        as_of: opts.as_of,
        model: opts.model.clone(),
        periods: periods
            .into_iter()
            .map(|(start, end)| {
                let opts = MetricsOptions {
                    as_of: end,
                    since: Some(start),
                    until: Some(end),
                    model: opts.model.clone(),
                    dates: opts.dates.clone(),
                    for_person: None,
                    check_errors: check_errors_as_of(end),
                };
                PeriodFigures {
                    label: period.label(start),
                    start,
                    end,
                    figures: Headline::of(&compute(log, &opts)),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
