//! Engagement against outcomes (SPEC §6): do decisions that heard more of
//! their stakeholders turn out better? Only a rank correlation, only with
//! enough decisions to mean anything, and never presented as a cause.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::stats::spearman;

/// Fewest decisions with an outcome before a correlation is printed.
pub const MIN_DECISIONS: usize = 10;

/// One decision's latest observed value of a metric, beside its participation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomePoint {
    pub decision: String,
    pub metric: String,
    pub value: f64,
    pub date: Option<NaiveDate>,
    /// The decision's participation rate; `None` when nobody was expected.
    pub participation: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correlation {
    pub metric: String,
    /// Decisions with both an outcome and a participation rate.
    pub n: usize,
    /// Spearman's ρ; `None` below [`MIN_DECISIONS`] or when a side has no variation.
    pub rho: Option<f64>,
    pub withheld: Option<Withheld>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Withheld {
    /// Fewer than ten decisions.
    TooFew,
    /// Every participation rate, or every outcome, is the same.
    NoVariation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcomes {
    pub points: Vec<OutcomePoint>,
    pub correlations: Vec<Correlation>,
}

/// Recorded outcome: decision id (display form), metric, value, date (its
/// own, else its review's), and whether the outcome carries a date of its own.
pub(crate) type Observation = (String, String, f64, Option<NaiveDate>, bool);

/// Which of two observations is the one to use: dated before undated, then later.
type Rank = (bool, Option<NaiveDate>);

/// `observations` are outcomes of decisions in scope dated on or before the
/// as-of date; `rates` maps a decision id to its participation rate.
pub(crate) fn outcomes(
    observations: Vec<Observation>,
    rates: &BTreeMap<String, Option<f64>>,
) -> Outcomes {
    // The latest observation of each metric for each decision; an undated
    // one (no `date` of its own: its review's date only places it before or
    // after T) only when there is nothing dated. Among equals, the first.
    let mut latest: BTreeMap<(String, String), (f64, Rank)> = BTreeMap::new();
    for (decision, metric, value, date, dated) in observations {
        let key = (metric, decision);
        let rank = (dated, date);
        match latest.get(&key) {
            Some((_, seen)) if *seen >= rank => {}
            _ => {
                latest.insert(key, (value, rank));
            }
        }
    }
    let points: Vec<OutcomePoint> = latest
        .into_iter()
        .map(|((metric, decision), (value, (_, date)))| OutcomePoint {
            participation: rates.get(&decision).copied().flatten(),
            decision,
            metric,
            value,
            date,
        })
        .collect();
    let mut by_metric: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for p in &points {
        let entry = by_metric.entry(&p.metric).or_default();
        if let Some(rate) = p.participation {
            entry.0.push(rate);
            entry.1.push(p.value);
        }
    }
    let correlations = by_metric
        .into_iter()
        .map(|(metric, (x, y))| {
            let n = x.len();
            let (rho, withheld) = if n < MIN_DECISIONS {
                (None, Some(Withheld::TooFew))
            } else {
                match spearman(&x, &y) {
                    Some(rho) => (Some(rho), None),
                    None => (None, Some(Withheld::NoVariation)),
                }
            };
            Correlation {
                metric: metric.to_string(),
                n,
                rho,
                withheld,
            }
        })
        .collect();
    Outcomes {
        points,
        correlations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, d)
    }

    fn value_of(observations: Vec<Observation>) -> f64 {
        let rates = BTreeMap::from([("0001".to_string(), Some(0.5))]);
        let o = outcomes(observations, &rates);
        assert_eq!(o.points.len(), 1);
        o.points[0].value
    }

    fn obs(value: f64, date: Option<NaiveDate>, dated: bool) -> Observation {
        ("0001".into(), "auc".into(), value, date, dated)
    }

    #[test]
    fn a_dated_value_wins_over_an_undated_one_from_a_later_review() {
        // Either order of reading.
        assert_eq!(
            value_of(vec![obs(0.8, day(1), true), obs(0.7, day(20), false)]),
            0.8
        );
        assert_eq!(
            value_of(vec![obs(0.7, day(20), false), obs(0.8, day(1), true)]),
            0.8
        );
        // Two dated: the later. Two undated: the later review's.
        assert_eq!(
            value_of(vec![obs(0.8, day(1), true), obs(0.9, day(2), true)]),
            0.9
        );
        assert_eq!(
            value_of(vec![obs(0.6, day(5), false), obs(0.5, day(9), false)]),
            0.5
        );
        // Same rank: the first in file order.
        assert_eq!(
            value_of(vec![obs(0.6, day(5), true), obs(0.5, day(5), true)]),
            0.6
        );
    }
}
