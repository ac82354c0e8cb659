//! Who a decision is waiting on (SPEC §6, "gave a view" vs "attended only"),
//! and what blocks it.
//!
//! A person is *expected to give a view* on an open decision when they are
//! consulted, a decision-maker, or invited to a review that lists the
//! decision. Attending a meeting is not a view: only a feedback entry on the
//! decision (in its file or in a review with `on:`) is. The owners of the
//! decision and the facilitator of a request are never waiting on their own
//! item. Each person waits under the deadline that applies to them: the
//! respond-by of the request that invited them (else its date plus the
//! charter's `response-days`), or for the consulted and the decision-makers
//! the decision's date plus `response-days`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::actions::{self, ActionItem, ActionState};
use super::{Scope, participation};
use crate::record::{Decision, Feedback, Review, Stance};

/// Why someone is expected to give a view.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "review")]
pub enum Asked {
    /// Named in `decision-makers`.
    DecisionMaker,
    /// Named in `consulted`.
    Consulted,
    /// Invited to this review (its file stem), which lists the decision.
    Invited(String),
}

/// One person who has not given a view yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiter {
    /// The person's key in `people.yaml` (or the name as written).
    pub person: String,
    /// Every reason they are asked, decision-maker first.
    pub asked: Vec<Asked>,
    /// The deadline that applies to them, when one is known.
    pub due: Option<NaiveDate>,
}

/// Something open that holds a decision up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocker {
    /// `concern`, `objection`, `veto` or `action`.
    pub kind: &'static str,
    /// Who raised it, or who owns the action.
    pub who: Option<String>,
    /// When it was raised (feedback) — actions carry no start date.
    pub since: Option<NaiveDate>,
    /// Days from `since` to the as-of date.
    pub open_days: Option<i64>,
    /// An action's due date.
    pub due: Option<NaiveDate>,
    /// Days an action is past due.
    pub overdue_days: Option<i64>,
    pub note: Option<String>,
}

/// Who an open decision waits on and what blocks it, on the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiting {
    /// Nobody is named in `consulted`.
    pub nobody_consulted: bool,
    /// Everyone expected to give a view (owners and own-request facilitators left out).
    pub expected: usize,
    /// Of those, how many gave one by the as-of date.
    pub gave_view: usize,
    /// Of those expected, how many only attended a meeting about it.
    pub attended_only: usize,
    pub waiting: Vec<Waiter>,
    /// Unresolved concerns, objections and vetoes, then open actions.
    pub blockers: Vec<Blocker>,
}

/// Whether a concern, objection or veto is still open on `as_of`.
pub(crate) fn unresolved(f: &Feedback, as_of: NaiveDate) -> bool {
    matches!(
        f.stance,
        Some(Stance::Concern | Stance::Objection | Stance::Veto)
    ) && f.resolved().and_then(|r| r.date).is_none_or(|r| r > as_of)
}

/// Who `d` waits on, as of the scope's date.
pub fn waiting<'a>(scope: &Scope<'a, '_>, d: &'a Decision) -> Waiting {
    let as_of = scope.opts.as_of;
    let people = &scope.people;
    let response_days = scope.charter.and_then(|c| c.response_days);
    let cutoff = participation::cutoff(d, as_of);
    let owners = people.expand_all(&d.owners);

    let mut asked: BTreeMap<String, (Vec<Asked>, Option<NaiveDate>)> = BTreeMap::new();
    let own_due = scope
        .dates
        .decision(d)
        .zip(response_days)
        .map(|(x, n)| super::add_days(x.date, n));
    for (list, why) in [
        (&d.decision_makers, Asked::DecisionMaker),
        (&d.consulted, Asked::Consulted),
    ] {
        for person in people.expand_all(list) {
            let entry = asked.entry(person).or_insert((Vec::new(), own_due));
            entry.0.push(why.clone());
        }
    }
    let listing: Vec<&Review> =
        d.id.as_ref()
            .into_iter()
            .flat_map(|id| scope.index().listing(id))
            .collect();
    for review in &listing {
        let date = scope.dates.review(review).map(|x| x.date);
        if date.is_some_and(|x| x > as_of) {
            continue;
        }
        let facilitator: BTreeSet<String> = review
            .facilitator
            .iter()
            .flat_map(|f| people.expand(&f.value))
            .collect();
        let due = review
            .respond_by
            .as_ref()
            .and_then(|x| x.date)
            .or_else(|| date.zip(response_days).map(|(x, n)| super::add_days(x, n)));
        for person in people.expand_all(&review.invited) {
            if facilitator.contains(&person) {
                continue;
            }
            let entry = asked.entry(person).or_insert((Vec::new(), None));
            // The request's deadline replaces the charter norm; of two
            // requests, the later deadline is the one still running.
            if entry.0.iter().all(|a| !matches!(a, Asked::Invited(_))) {
                entry.1 = due.or(entry.1);
            } else {
                entry.1 = entry.1.max(due);
            }
            entry.0.push(Asked::Invited(review.id.clone()));
        }
    }
    for owner in &owners {
        asked.remove(owner);
    }

    let mut gave: BTreeSet<String> = BTreeSet::new();
    let mut blockers = Vec::new();
    for (f, review) in scope.index().feedback_on(d) {
        let date = scope.dates.feedback(f, review);
        if date.is_some_and(|x| x > cutoff) {
            continue;
        }
        if let Some(by) = &f.by {
            gave.extend(people.expand(&by.value));
        }
        if unresolved(f, as_of) {
            blockers.push(Blocker {
                kind: f.stance.map_or("concern", Stance::as_str),
                who: f.by.as_ref().map(|b| people.person(&b.value)),
                since: date,
                open_days: date.map(|x| (as_of - x).num_days()),
                due: None,
                overdue_days: None,
                note: f.note.as_ref().map(|n| n.value.to_string()),
            });
        }
    }
    let attended: BTreeSet<String> = listing
        .iter()
        .filter(|r| scope.dates.review(r).is_none_or(|x| x.date <= cutoff))
        .flat_map(|r| people.expand_all(&r.attended))
        .collect();
    let origin = actions::decision_origin(d);
    for (i, a) in d.actions.iter().enumerate() {
        let item: ActionItem = actions::action_item(scope, &origin, i + 1, a);
        if item.state == ActionState::Open {
            blockers.push(Blocker {
                kind: "action",
                who: item.owner.map(str::to_string),
                since: None,
                open_days: None,
                due: item.due,
                overdue_days: item.overdue_days,
                note: item.note.map(str::to_string),
            });
        }
    }

    let expected = asked.len();
    let gave_view = asked.keys().filter(|p| gave.contains(*p)).count();
    let attended_only = asked
        .keys()
        .filter(|p| !gave.contains(*p) && attended.contains(*p))
        .count();
    let waiting = asked
        .into_iter()
        .filter(|(p, _)| !gave.contains(p))
        .map(|(person, (mut asked, due))| {
            asked.sort();
            asked.dedup();
            Waiter { person, asked, due }
        })
        .collect();
    Waiting {
        nobody_consulted: d.consulted.iter().all(|c| c.value.trim().is_empty()),
        expected,
        gave_view,
        attended_only,
        waiting,
        blockers,
    }
}
