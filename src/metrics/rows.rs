//! Each decision's own figures for the report: its row, and how people
//! took part in it, worked out for every decision in parallel.

use rayon::prelude::*;

use super::completeness::completeness;
use super::participation;
use super::{DecisionRow, MetricsOptions, Scope, counted};

/// Every decision's row (its participation, diversity and completeness
/// left out of the row when it is not counted), in the log's order: the
/// caller sums them in that order, so the report does not depend on how
/// the work was shared between threads. The rows are the report's own:
/// a second vector of them, built while summing, set the peak.
/// `registry_roles` is [`super::Inputs::registry_roles`], counted once.
pub(super) fn figures<'a>(
    scope: &Scope<'a, '_>,
    opts: &MetricsOptions,
    registry_roles: usize,
) -> Vec<DecisionRow<'a>> {
    scope
        .decisions
        .par_iter()
        .map(|d| {
            let date = scope.dates.decision(d);
            let decided = d.decided.as_ref().and_then(|x| x.date);
            let lead_time_days = match (date, decided) {
                (Some(date), Some(decided)) if decided <= opts.as_of && decided >= date.date => {
                    Some((decided - date.date).num_days())
                }
                _ => None,
            };
            let mut row = DecisionRow {
                id: d.id.as_ref().map(|i| i.to_string()),
                title: d.title.as_ref().map(|t| &*t.value),
                status: d.status_word(),
                model: d.model.as_ref().map(|t| &*t.value),
                date: date.map(|x| x.date),
                date_inferred: date.is_some_and(|x| x.inferred),
                decided,
                path: &d.meta.path,
                participation: None,
                diversity: None,
                completeness: None,
                lead_time_days,
                check_errors: opts.check_errors.get(&*d.meta.path).copied().unwrap_or(0),
            };
            if !counted(d) {
                return row;
            }
            let responses = scope.index().responses(d, &scope.people, scope.dates);
            let p = participation::compute(d, &scope.people, &responses, opts.as_of);
            row.diversity = Some(participation::diversity(
                &p,
                &scope.people,
                registry_roles,
                scope.charter,
            ));
            row.completeness = Some(completeness(d, scope.charter));
            row.participation = Some(p);
            row
        })
        .collect()
}
