//! Lead time and cadence (SPEC §6): how long decisions take, and whether
//! the team meets as often as its charter says, with facilitation shared.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use super::stats::{Ratio, Spread};
use crate::record::ReviewKind;

/// Days in an average month, for "per month" figures.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadTime {
    /// `decided` − `date`, in days, over decided records.
    pub days: Spread,
    /// Of those, records whose `date` comes from git.
    pub inferred: usize,
    /// Records left out because `date` is after `decided` (MADR's `date`
    /// can be a last-updated date).
    pub date_after_decided: usize,
    /// Decided records left out because they have no `date` at all.
    pub undated: usize,
}

pub(crate) fn lead_time(scope: &Scope) -> LeadTime {
    let mut days = Vec::new();
    let mut inferred = 0;
    let mut date_after_decided = 0;
    let mut undated = 0;
    for d in &scope.decisions {
        let Some(decided) = d
            .decided
            .as_ref()
            .and_then(|x| x.date)
            .filter(|x| *x <= scope.opts.as_of)
        else {
            continue;
        };
        let Some(date) = scope.dates.decision(d) else {
            undated += 1;
            continue;
        };
        let n = (decided - date.date).num_days();
        if n < 0 {
            date_after_decided += 1;
            continue;
        }
        inferred += usize::from(date.inferred);
        days.push(n);
    }
    LeadTime {
        days: Spread::of(&days),
        inferred,
        date_after_decided,
        undated,
    }
}

/// The longest stretch without a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub days: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facilitator {
    pub person: String,
    pub reviews: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cadence {
    pub check_ins: usize,
    /// First and last day of the period the rate is taken over.
    pub from: Option<NaiveDate>,
    pub to: NaiveDate,
    /// Check-ins per month over that period.
    pub per_month: Option<f64>,
    /// What the charter's `check-in-days` asks for, per month.
    pub expected_per_month: Option<f64>,
    pub check_in_days: Option<i64>,
    /// The longest stretch between check-ins, or from the last one to the end.
    pub longest_gap: Option<Gap>,
    /// Distinct facilitators over reviews that name one.
    pub rotation: Ratio,
    /// Reviews per facilitator, most first.
    pub facilitators: Vec<Facilitator>,
    pub reviews_without_facilitator: usize,
    /// Reviews in scope whose date comes from git.
    pub inferred: usize,
}

pub(crate) fn cadence(scope: &Scope) -> Cadence {
    let as_of = scope.opts.as_of;
    let to = scope.opts.until.map_or(as_of, |u| u.min(as_of));
    let mut check_ins: Vec<NaiveDate> = scope
        .reviews
        .iter()
        .filter(|r| r.kind == Some(ReviewKind::CheckIn))
        .filter_map(|r| scope.dates.review(r).map(|d| d.date))
        .collect();
    check_ins.sort();
    let earliest = scope
        .decisions
        .iter()
        .filter_map(|d| scope.dates.decision(d))
        .chain(scope.reviews.iter().filter_map(|r| scope.dates.review(r)))
        .map(|d| d.date)
        .min();
    let from = scope.opts.since.or(earliest).filter(|f| *f <= to);
    let per_month = from.map(|from| {
        let days = (to - from).num_days() + 1;
        check_ins.len() as f64 / (days as f64 / DAYS_PER_MONTH)
    });
    let check_in_days = scope.charter.and_then(|c| c.check_in_days);
    let expected_per_month = check_in_days
        .filter(|d| *d > 0)
        .map(|d| DAYS_PER_MONTH / d as f64);
    let mut longest_gap: Option<Gap> = None;
    // A period with no check-in at all is one gap as long as the period.
    let empty = check_ins
        .is_empty()
        .then_some(from)
        .flatten()
        .map(|f| (f, to));
    let ends = check_ins
        .windows(2)
        .map(|w| (w[0], w[1]))
        .chain(check_ins.last().map(|last| (*last, to)))
        .chain(empty);
    for (a, b) in ends {
        let days = (b - a).num_days();
        if longest_gap.as_ref().is_none_or(|g| days > g.days) {
            longest_gap = Some(Gap {
                days,
                from: a,
                to: b,
            });
        }
    }

    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut without = 0;
    for r in &scope.reviews {
        match r
            .facilitator
            .as_ref()
            .filter(|f| !f.value.trim().is_empty())
        {
            Some(f) => *counts.entry(scope.people.person(&f.value)).or_default() += 1,
            None => without += 1,
        }
    }
    let named: usize = counts.values().sum();
    let distinct: BTreeSet<&String> = counts.keys().collect();
    let mut facilitators: Vec<Facilitator> = counts
        .iter()
        .map(|(person, reviews)| Facilitator {
            person: person.clone(),
            reviews: *reviews,
        })
        .collect();
    facilitators.sort_by(|a, b| {
        b.reviews
            .cmp(&a.reviews)
            .then_with(|| a.person.cmp(&b.person))
    });
    Cadence {
        check_ins: check_ins.len(),
        from,
        to,
        per_month,
        expected_per_month,
        check_in_days,
        longest_gap,
        rotation: Ratio::new(distinct.len(), named),
        facilitators,
        reviews_without_facilitator: without,
        inferred: scope
            .reviews
            .iter()
            .filter(|r| scope.dates.review(r).is_some_and(|d| d.inferred))
            .count(),
    }
}
