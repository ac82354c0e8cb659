//! The registers and the outcomes against targets, as the report computes
//! them for every format (`metrics::registers`, `metrics::targets`): the
//! page only lays them out and links the records, so it cannot disagree.

use super::links::Links;
use super::view::{Approval, Raised, Target, Unheard};
use crate::metrics::Report;
use crate::report::clean;

/// Every veto, objection, concern and alternative, with how it was resolved.
pub(super) fn raised(report: &Report, links: &Links) -> Vec<Raised> {
    report
        .registers
        .raised
        .iter()
        .map(|x| Raised {
            record: links.by_id(x.id.as_deref(), x.title),
            by: x.by.map_or_else(|| "?".into(), clean),
            stance: x.stance,
            date: x.date.map(|d| d.to_string()).unwrap_or_default(),
            note: clean(x.note.unwrap_or("")),
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

pub(super) fn approvals(report: &Report, links: &Links) -> Vec<Approval> {
    let list = |names: &[&str]| clean(&names.join(", "));
    report
        .registers
        .approvals
        .iter()
        .map(|a| Approval {
            record: links.by_id(a.id.as_deref(), a.title),
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

pub(super) fn unheard(report: &Report, links: &Links) -> Vec<Unheard> {
    report
        .registers
        .unheard
        .iter()
        .map(|u| Unheard {
            record: links.by_id(u.id.as_deref(), u.title),
            group: clean(u.group),
            effect: clean(u.effect.unwrap_or("")),
        })
        .collect()
}

/// Expected outcomes beside the latest value observed, as the report
/// judges them.
pub(super) fn targets(report: &Report, links: &Links) -> Vec<Target> {
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
                (Some(v), Some(d)) => format!("{} on {d}", crate::report::number(v, 4)),
                (Some(v), None) => crate::report::number(v, 4),
                (None, _) => String::new(),
            },
            verdict: t.verdict.as_str(),
        })
        .collect()
}
