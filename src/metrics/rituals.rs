//! Ritual health: are the team's meetings and requests working? Attendance
//! by meeting kind and by role, how evenly facilitation rotates, and the
//! charter's measurable norms (`norms:`) met or not over the period.
//!
//! The period is the one the cadence is taken over (the window, else from
//! the earliest record to the as-of date).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Scope;
use super::stats::Ratio;
use crate::record::ReviewKind;

/// Attendance at one kind of meeting (async requests are left out), or by one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attendance {
    /// The review kind, or the role.
    pub name: String,
    pub reviews: usize,
    /// Invitations (person × review) that were attended, over invitations.
    pub invited_attended: Ratio,
    /// Attendances in all, invited or not.
    pub attended: usize,
}

/// One charter norm, measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NormResult {
    pub signal: String,
    /// What was counted: `retro reviews held`, `reviews attended by end-user`.
    pub counted: String,
    pub at_least: i64,
    pub per: String,
    /// Count over the period.
    pub count: usize,
    /// Periods (months, quarters or years) in the period, fractional.
    pub periods: f64,
    /// count / periods.
    pub rate: f64,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rituals {
    pub by_kind: Vec<Attendance>,
    pub by_role: Vec<Attendance>,
    /// The facilitator who chaired most, and their share of the reviews that name one.
    pub top_facilitator: Option<String>,
    pub top_share: Ratio,
    /// People who attended a review in the period but never facilitated one.
    pub never_facilitated: Vec<String>,
    pub norms: Vec<NormResult>,
    /// Charter success signals no norm measures: judged by people, not the tool.
    pub unmeasured_signals: Vec<String>,
}

const PERIODS: &[(&str, f64)] = &[
    ("month", 30.436875),
    ("quarter", 91.310625),
    ("year", 365.2425),
];

pub fn rituals(scope: &Scope, cadence: &super::Cadence) -> Rituals {
    let people = &scope.people;
    let mut kinds: BTreeMap<&'static str, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut roles: BTreeMap<String, (BTreeSet<String>, usize, usize, usize)> = BTreeMap::new();
    let mut attendees: BTreeSet<String> = BTreeSet::new();
    // Async requests and pulse surveys are answered, not attended:
    // attendance is about meetings.
    for r in scope
        .reviews
        .iter()
        .filter(|r| !matches!(r.kind, Some(ReviewKind::Async | ReviewKind::Pulse)))
    {
        let kind = r.kind.map_or("unknown", ReviewKind::as_str);
        let invited = people.expand_all(&r.invited);
        let attended = people.expand_all(&r.attended);
        attendees.extend(attended.iter().cloned());
        let e = kinds.entry(kind).or_default();
        e.0 += 1;
        e.1 += invited.len();
        e.2 += invited.intersection(&attended).count();
        e.3 += attended.len();
        for person in invited.union(&attended) {
            for role in people.roles(person) {
                let e = roles.entry(role.clone()).or_default();
                e.0.insert(r.id.clone());
                if invited.contains(person) {
                    e.1 += 1;
                    e.2 += usize::from(attended.contains(person));
                }
                e.3 += usize::from(attended.contains(person));
            }
        }
    }
    let by_kind = kinds
        .into_iter()
        .map(|(k, (n, inv, both, att))| Attendance {
            name: k.to_string(),
            reviews: n,
            invited_attended: Ratio::new(both, inv),
            attended: att,
        })
        .collect();
    let by_role = roles
        .into_iter()
        .map(|(role, (reviews, inv, both, att))| Attendance {
            name: role,
            reviews: reviews.len(),
            invited_attended: Ratio::new(both, inv),
            attended: att,
        })
        .collect();

    let named: usize = cadence.facilitators.iter().map(|f| f.reviews).sum();
    let top = cadence.facilitators.first();
    let facilitated: BTreeSet<&String> = cadence.facilitators.iter().map(|f| &f.person).collect();
    let never_facilitated = attendees
        .into_iter()
        .filter(|p| !facilitated.contains(p))
        .collect();

    let days = cadence
        .from
        .map(|from| (cadence.to - from).num_days() + 1)
        .unwrap_or(0);
    let mut measured: BTreeSet<String> = BTreeSet::new();
    let mut norms = Vec::new();
    // The charter's cadence is a norm too: a check-in every N days.
    if let Some(n) = cadence.check_in_days.filter(|n| *n > 0)
        && days > 0
    {
        let periods = days as f64 / n as f64;
        let rate = cadence.check_ins as f64 / periods;
        norms.push(NormResult {
            signal: format!("A check-in every {n} days (check-in-days)"),
            counted: "check-in reviews held".into(),
            at_least: 1,
            per: format!("{n} days"),
            count: cadence.check_ins,
            periods,
            rate,
            met: rate >= 1.0,
        });
    }
    for norm in scope
        .charter
        .map(|c| c.norms.as_slice())
        .unwrap_or_default()
    {
        let (Some(at_least), Some(per)) = (norm.at_least, norm.per.as_ref()) else {
            continue;
        };
        let per = per.value.trim().to_ascii_lowercase();
        let Some(&(_, length)) = PERIODS.iter().find(|(p, _)| *p == per) else {
            continue;
        };
        let (counted, count) = match (&norm.kind, &norm.role) {
            (Some(kind), None) => (
                format!("{kind} reviews held"),
                scope
                    .reviews
                    .iter()
                    .filter(|r| r.kind == Some(*kind))
                    .count(),
            ),
            (kind, Some(role)) => {
                let role = role.value.trim();
                let count = scope
                    .reviews
                    .iter()
                    .filter(|r| kind.is_none_or(|k| r.kind == Some(k)))
                    .filter(|r| {
                        people
                            .expand_all(&r.attended)
                            .iter()
                            .any(|p| people.roles(p).iter().any(|x| x == role))
                    })
                    .count();
                let what = kind.map_or("reviews".to_string(), |k| format!("{k} reviews"));
                (format!("{what} attended by {role}"), count)
            }
            (None, None) => continue,
        };
        let periods = days as f64 / length;
        let rate = if periods > 0.0 {
            count as f64 / periods
        } else {
            0.0
        };
        let signal = norm
            .signal
            .as_ref()
            .map_or_else(|| counted.clone(), |s| s.value.trim().to_string());
        measured.insert(signal.clone());
        norms.push(NormResult {
            signal,
            counted,
            at_least,
            per,
            count,
            periods,
            rate,
            met: periods > 0.0 && rate >= at_least as f64,
        });
    }
    let unmeasured_signals = scope
        .charter
        .map(|c| {
            c.success_signals
                .iter()
                .map(|s| s.value.trim().to_string())
                .filter(|s| !measured.contains(s))
                .collect()
        })
        .unwrap_or_default();

    Rituals {
        by_kind,
        by_role,
        top_facilitator: top.map(|f| f.person.clone()),
        top_share: Ratio::new(top.map_or(0, |f| f.reviews), named),
        never_facilitated,
        norms,
        unmeasured_signals,
    }
}
