//! The registers an auditor asks for: every veto, objection, concern and
//! proposed alternative with how it was resolved; who decided each accepted
//! or rejected decision, and whether the charter's decision rights gave it
//! to them; which affected groups were not heard.
//!
//! Registers are the state on the as-of date: they are computed over every
//! decision up to T (of the chosen model), whatever the report's window.

use std::borrow::Cow;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use crate::record::{Feedback, Stance, Status};

/// One raised point: a veto, objection, concern or proposed alternative.
/// Its text is borrowed from the log, as in every register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Raised<'a> {
    pub id: Option<String>,
    pub title: Option<&'a str>,
    pub decision_status: &'static str,
    /// Person key (alias resolved), as written when unknown.
    pub by: Option<&'a str>,
    pub stance: &'static str,
    pub date: Option<NaiveDate>,
    pub note: Option<&'a str>,
    /// `decision` or `review STEM`: where it is written.
    pub source: Cow<'static, str>,
    /// Resolved on or before the as-of date.
    pub resolved: Option<NaiveDate>,
    pub resolution: Option<&'a str>,
    pub resolved_by: Option<&'a str>,
}

/// Who decided one accepted or rejected decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Approval<'a> {
    pub id: Option<String>,
    pub title: Option<&'a str>,
    pub status: &'static str,
    pub decided: Option<NaiveDate>,
    /// As written (empty: none recorded).
    pub decision_makers: Vec<&'a str>,
    /// Who the charter's decision rights give it to (model or tag), when any right applies.
    pub rights_holders: Vec<&'a str>,
    /// Decision-makers outside those rights (people, groups expanded).
    pub outside_rights: Vec<&'a str>,
    /// Decision-makers (groups expanded) who recorded `support` on or
    /// before `decided`.
    pub support: Vec<&'a str>,
    /// Objections and vetoes raised on or before `decided` (`None` without
    /// a `decided` date).
    pub objections_by_decision: Option<usize>,
    /// Of those, how many were not resolved by `decided`: the decision was
    /// taken over them.
    pub open_when_decided: Option<usize>,
}

/// An affected group whose perspective was not heard on a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unheard<'a> {
    pub id: Option<String>,
    pub title: Option<&'a str>,
    pub status: &'static str,
    pub group: &'a str,
    pub effect: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Registers<'a> {
    /// Every veto, objection, concern and alternative, by decision, oldest first.
    pub raised: Vec<Raised<'a>>,
    /// Of those, how many are still open on the as-of date.
    pub open: usize,
    /// Of those resolved, how many have no written `resolution`.
    pub resolved_without_note: usize,
    /// Accepted and rejected decisions, with who decided.
    pub approvals: Vec<Approval<'a>>,
    /// Of those, how many record no decision-maker.
    pub no_decision_maker: usize,
    /// Of those, how many were decided outside the charter's decision rights.
    pub outside_rights: usize,
    /// Decisions (past draft) that name affected groups.
    pub with_affected: usize,
    /// Affected groups not heard, per decision.
    pub unheard: Vec<Unheard<'a>>,
}

fn raised_stance(s: Option<Stance>) -> bool {
    matches!(
        s,
        Some(Stance::Veto | Stance::Objection | Stance::Concern | Stance::Alternative)
    )
}

pub fn registers<'a>(scope: &Scope<'a, '_>) -> Registers<'a> {
    let as_of = scope.opts.as_of;
    let people = &scope.people;
    let id = |d: &crate::record::Decision| d.id.as_ref().map(|i| i.to_string());
    let title = |d: &'a crate::record::Decision| d.title.as_ref().map(|t| &*t.value);

    let mut raised = Vec::new();
    for d in &scope.decisions {
        for (f, review) in scope.index().feedback_on(d) {
            if !raised_stance(f.stance) {
                continue;
            }
            let date = scope.dates.feedback(f, review);
            if date.is_some_and(|x| x > as_of) {
                continue;
            }
            let resolved = f.resolved().and_then(|r| r.date).filter(|r| *r <= as_of);
            raised.push(Raised {
                id: id(d),
                title: title(d),
                decision_status: d.status_word(),
                by: f.by.as_ref().map(|b| people.person_ref(&b.value)),
                stance: f.stance.map_or("concern", Stance::as_str),
                date,
                note: f.note.as_ref().map(|n| &*n.value),
                source: review.map_or(Cow::Borrowed("decision"), |r| {
                    Cow::Owned(format!("review {}", r.id))
                }),
                resolved,
                resolution: resolved
                    .and(f.resolution())
                    .map(|t| &*t.value)
                    .filter(|t| !t.trim().is_empty()),
                resolved_by: resolved
                    .and(f.resolved_by())
                    .map(|t| people.person_ref(&t.value)),
            });
        }
    }
    raised.sort_by(|a, b| (&a.id, a.date).cmp(&(&b.id, b.date)));

    let mut approvals = Vec::new();
    for d in &scope.decisions {
        if !matches!(d.status, Some(Status::Accepted | Status::Rejected)) {
            continue;
        }
        let rights = scope.charter.map(|c| c.rights_for(d)).unwrap_or_default();
        let holders: Vec<&str> = rights
            .iter()
            .flat_map(|r| &r.decides)
            .map(|t| t.value.trim())
            .collect();
        let allowed = people.expand_set(rights.iter().flat_map(|r| &r.decides));
        let makers = people.expand_set(&d.decision_makers);
        let outside: Vec<&str> = if rights.is_empty() {
            Vec::new()
        } else {
            makers
                .iter()
                .filter(|m| !allowed.contains(*m))
                .copied()
                .collect()
        };
        let decided = d.decided.as_ref().and_then(|x| x.date);
        // The feedback that had been given when the decision was taken.
        let before: Vec<&Feedback> = match decided {
            Some(day) => scope
                .index()
                .feedback_on(d)
                .into_iter()
                .filter(|&(f, review)| {
                    scope
                        .dates
                        .feedback(f, review)
                        .is_none_or(|x| x <= day.min(as_of))
                })
                .map(|(f, _)| f)
                .collect(),
            None => Vec::new(),
        };
        let mut support: BTreeSet<&str> = BTreeSet::new();
        for by in before
            .iter()
            .filter(|f| f.stance == Some(Stance::Support))
            .filter_map(|f| f.by.as_ref())
        {
            people.expand_each(&by.value, |p| {
                if makers.contains(p) {
                    support.insert(p);
                }
            });
        }
        let objections: Vec<&&Feedback> = before
            .iter()
            .filter(|f| matches!(f.stance, Some(Stance::Objection | Stance::Veto)))
            .collect();
        let open_when_decided = decided.map(|day| {
            objections
                .iter()
                .filter(|f| f.resolved().and_then(|r| r.date).is_none_or(|r| r > day))
                .count()
        });
        approvals.push(Approval {
            id: id(d),
            title: title(d),
            status: d.status_word(),
            decided,
            decision_makers: d.decision_makers.iter().map(|t| t.value.trim()).collect(),
            rights_holders: holders,
            outside_rights: outside,
            support: support.into_iter().collect(),
            objections_by_decision: decided.map(|_| objections.len()),
            open_when_decided,
        });
    }

    let mut unheard = Vec::new();
    let mut with_affected = 0;
    for d in &scope.decisions {
        if d.affected.is_empty() || !super::counted(d) {
            continue;
        }
        with_affected += 1;
        let responses = scope.index().responses(d, people, scope.dates);
        let cutoff = super::participation::cutoff(d, as_of);
        let heard: BTreeSet<&str> = responses
            .into_iter()
            .filter(|r| r.date.is_none_or(|x| x <= cutoff))
            .map(|r| r.person)
            .collect();
        for a in &d.affected {
            let Some(group) = a.group.as_ref().map(|g| g.value.trim()) else {
                continue;
            };
            if group.is_empty() {
                continue;
            }
            if !group_heard(scope, group, &heard) {
                unheard.push(Unheard {
                    id: id(d),
                    title: title(d),
                    status: d.status_word(),
                    group,
                    effect: a.effect.as_ref().map(|t| &*t.value),
                });
            }
        }
    }

    Registers {
        open: raised.iter().filter(|r| r.resolved.is_none()).count(),
        resolved_without_note: raised
            .iter()
            .filter(|r| r.resolved.is_some() && r.resolution.is_none())
            .count(),
        no_decision_maker: approvals
            .iter()
            .filter(|a| a.decision_makers.is_empty())
            .count(),
        outside_rights: approvals
            .iter()
            .filter(|a| !a.outside_rights.is_empty())
            .count(),
        raised,
        approvals,
        with_affected,
        unheard,
    }
}

/// A group is heard when one of its members (a `people.yaml` group), or
/// someone holding it as a role, responded (gave a view or attended) by the
/// cutoff. Without a registry, only someone named like the group counts.
fn group_heard(scope: &Scope, group: &str, heard: &BTreeSet<&str>) -> bool {
    let mut member_heard = false;
    scope
        .people
        .expand_each(group, |m| member_heard |= heard.contains(m));
    if member_heard {
        return true;
    }
    heard.iter().any(|p| {
        scope
            .people
            .roles(p)
            .iter()
            .any(|r| r.trim().eq_ignore_ascii_case(group))
    })
}
