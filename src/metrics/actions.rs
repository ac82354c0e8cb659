//! Action items and revisits (SPEC §6): the follow-up a decision promised,
//! as it stood on the as-of date, and the decisions due for another look.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use super::stats::Count;
use crate::record::{Action, ActionStatus, Decision, Status};

/// How far ahead revisits are listed.
pub const REVISIT_HORIZON_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionState {
    Open,
    Done,
    Dropped,
}

/// One action item as it stood on the as-of date, its text borrowed from
/// the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionItem<'a> {
    /// `decision 0012` or `review 2026-03-04-x`.
    pub source: String,
    /// The record's id (decision id or review stem), for `decide action done`.
    pub record: Cow<'a, str>,
    /// 1-based position among the record's actions, as `decide show` numbers them.
    pub number: usize,
    pub path: &'a str,
    pub line: usize,
    pub owner: Option<&'a str>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub state: ActionState,
    /// Days past due while open.
    pub overdue_days: Option<i64>,
    /// Days past due when it was done.
    pub done_late_days: Option<i64>,
    pub note: Option<&'a str>,
}

/// Action counts for one owner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OwnerActions {
    pub owner: String,
    pub open: usize,
    pub overdue: usize,
    pub done: usize,
    pub done_late: usize,
    pub no_due: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actions<'a> {
    /// Open items, among all items.
    pub open: Count,
    /// Open items past due, among open items.
    pub overdue: Count,
    /// Items done after their due date, among done items.
    pub done_late: Count,
    /// Open items without a due date, among open items.
    pub no_due: Count,
    pub dropped: usize,
    pub by_owner: Vec<OwnerActions>,
    pub items: Vec<ActionItem<'a>>,
}

/// Where an action lives, for [`action_item`].
pub(crate) struct Origin<'a> {
    pub source: String,
    pub record: Cow<'a, str>,
    pub path: &'a str,
}

pub(crate) fn action_item<'a>(
    scope: &Scope<'a, '_>,
    origin: &Origin<'a>,
    number: usize,
    a: &'a Action,
) -> ActionItem<'a> {
    let as_of = scope.opts.as_of;
    let due = a.due.as_ref().and_then(|x| x.date);
    let done = a.done.as_ref().and_then(|x| x.date);
    let (state, overdue_days) = state_on(a, as_of);
    let done_late_days = match (state, due, done) {
        (ActionState::Done, Some(due), Some(done)) if done > due => Some((done - due).num_days()),
        _ => None,
    };
    ActionItem {
        source: origin.source.clone(),
        record: origin.record.clone(),
        number,
        path: origin.path,
        line: a.pos.line(),
        owner: a
            .owner
            .as_ref()
            .map(|o| scope.people.person_ref(&o.value))
            .filter(|o| !o.is_empty()),
        due,
        done,
        state,
        overdue_days,
        done_late_days,
        note: a.note.as_ref().map(|n| &*n.value),
    }
}

/// The state of `a` on `as_of`, and how many days past due it is when
/// it is open then.
fn state_on(a: &Action, as_of: NaiveDate) -> (ActionState, Option<i64>) {
    let due = a.due.as_ref().and_then(|x| x.date);
    let state = match a.status {
        Some(ActionStatus::Dropped) => ActionState::Dropped,
        _ if closes(a).is_none_or(|c| as_of < c) => ActionState::Open,
        _ => ActionState::Done,
    };
    let overdue_days = (state == ActionState::Open)
        .then_some(due)
        .flatten()
        .filter(|d| *d < as_of)
        .map(|d| (as_of - d).num_days());
    (state, overdue_days)
}

/// The first as-of date on which `a` is no longer open: the day it was
/// done (done after the as-of date, it was still open on it); `None`
/// while it is not done. Dropped, or done on no stated day, it is never
/// open.
fn closes(a: &Action) -> Option<NaiveDate> {
    match a.status {
        Some(ActionStatus::Dropped) => Some(NaiveDate::MIN),
        Some(ActionStatus::Done) => Some(
            a.done
                .as_ref()
                .and_then(|x| x.date)
                .unwrap_or(NaiveDate::MIN),
        ),
        _ => None,
    }
}

/// [`Actions::overdue`] on each of the as-of dates `ends` (ascending),
/// without listing the items, from every action a state may hold with
/// the first as-of date on which it holds it ([`super::scope::Timeline::actions`]):
/// for the headline of each period of a trend ([`super::trend`]), in one
/// pass over the actions rather than one per period.
///
/// An action is open on T from its record's first day in the state until
/// it [`closes`], and overdue on T while open with its due date before T,
/// as [`state_on`] says; each counts over the periods whose end falls in
/// those ranges.
pub(crate) fn overdue_on<'a>(
    actions: impl IntoIterator<Item = (NaiveDate, &'a Action)>,
    ends: &[NaiveDate],
) -> Vec<Count> {
    // How many start, less how many stop, being open (and overdue) at each end.
    let mut open = vec![0isize; ends.len() + 1];
    let mut overdue = vec![0isize; ends.len() + 1];
    let first_on_or_after = |day: NaiveDate| ends.partition_point(|&t| t < day);
    for (from, a) in actions {
        let start = first_on_or_after(from);
        let stop = closes(a).map_or(ends.len(), first_on_or_after);
        if start >= stop {
            continue;
        }
        open[start] += 1;
        open[stop] -= 1;
        if let Some(due) = a.due.as_ref().and_then(|x| x.date) {
            let late = start.max(ends.partition_point(|&t| t <= due));
            if late < stop {
                overdue[late] += 1;
                overdue[stop] -= 1;
            }
        }
    }
    let (mut n, mut count) = (0isize, 0isize);
    (0..ends.len())
        .map(|i| {
            n += open[i];
            count += overdue[i];
            Count {
                count: count.unsigned_abs(),
                n: n.unsigned_abs(),
            }
        })
        .collect()
}

pub(crate) fn decision_origin(d: &Decision) -> Origin<'_> {
    let id = d.id.as_ref().map(|i| i.to_string()).unwrap_or_default();
    Origin {
        source: format!("decision {id}"),
        record: Cow::Owned(id),
        path: &d.meta.path,
    }
}

/// Every action of the decisions and reviews in scope.
pub(crate) fn items<'a>(scope: &Scope<'a, '_>) -> Vec<ActionItem<'a>> {
    let mut items = Vec::new();
    for d in &scope.decisions {
        let origin = decision_origin(d);
        for (i, a) in d.actions.iter().enumerate() {
            items.push(action_item(scope, &origin, i + 1, a));
        }
    }
    for r in &scope.reviews {
        let origin = Origin {
            source: format!("review {}", r.id),
            record: Cow::Borrowed(&r.id),
            path: &r.meta.path,
        };
        for (i, a) in r.actions.iter().enumerate() {
            items.push(action_item(scope, &origin, i + 1, a));
        }
    }
    items
}

pub(crate) fn actions<'a>(scope: &Scope<'a, '_>) -> Actions<'a> {
    let items = items(scope);
    let open: Vec<&ActionItem> = items
        .iter()
        .filter(|a| a.state == ActionState::Open)
        .collect();
    let done = items
        .iter()
        .filter(|a| a.state == ActionState::Done)
        .count();
    let mut by_owner: BTreeMap<String, OwnerActions> = BTreeMap::new();
    for a in &items {
        let owner = a.owner.unwrap_or("(no owner)").to_string();
        let row = by_owner
            .entry(owner.clone())
            .or_insert_with(|| OwnerActions {
                owner,
                ..OwnerActions::default()
            });
        match a.state {
            ActionState::Open => {
                row.open += 1;
                row.overdue += usize::from(a.overdue_days.is_some());
                row.no_due += usize::from(a.due.is_none());
            }
            ActionState::Done => {
                row.done += 1;
                row.done_late += usize::from(a.done_late_days.is_some());
            }
            ActionState::Dropped => {}
        }
    }
    Actions {
        open: Count {
            count: open.len(),
            n: items.len(),
        },
        overdue: Count {
            count: open.iter().filter(|a| a.overdue_days.is_some()).count(),
            n: open.len(),
        },
        done_late: Count {
            count: items.iter().filter(|a| a.done_late_days.is_some()).count(),
            n: done,
        },
        no_due: Count {
            count: open.iter().filter(|a| a.due.is_none()).count(),
            n: open.len(),
        },
        dropped: items
            .iter()
            .filter(|a| a.state == ActionState::Dropped)
            .count(),
        by_owner: by_owner.into_values().collect(),
        items,
    }
}

/// An accepted decision due for another look.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revisit {
    pub id: Option<String>,
    pub title: Option<String>,
    pub path: String,
    pub date: NaiveDate,
    /// `decided` + charter `revisit-days`, because the record sets no `revisit-by`.
    pub implicit: bool,
    /// Days from the as-of date (negative: overdue).
    pub in_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revisits {
    /// Revisits before the as-of date + 30 days, soonest first.
    pub due: Vec<Revisit>,
    /// Accepted decisions looked at.
    pub n: usize,
    /// The last day counted as due.
    pub horizon: NaiveDate,
    /// Accepted decisions with no revisit date, explicit or implicit.
    pub without_date: usize,
}

/// The revisit date of an accepted decision: `revisit-by`, else `decided` +
/// the charter's `revisit-days` (implicit).
pub(crate) fn revisit_date(d: &Decision, revisit_days: Option<i64>) -> Option<(NaiveDate, bool)> {
    if let Some(date) = d.revisit_by.as_ref().and_then(|x| x.date) {
        return Some((date, false));
    }
    let decided = d.decided.as_ref().and_then(|x| x.date)?;
    Some((super::add_days(decided, revisit_days?), true))
}

pub(crate) fn revisits(scope: &Scope) -> Revisits {
    let as_of = scope.opts.as_of;
    let horizon = super::add_days(as_of, REVISIT_HORIZON_DAYS);
    let revisit_days = scope.charter.and_then(|c| c.revisit_days);
    let accepted: Vec<&&Decision> = scope
        .decisions
        .iter()
        .filter(|d| d.status == Some(Status::Accepted))
        .collect();
    let mut without_date = 0;
    let mut due = Vec::new();
    for d in &accepted {
        let Some((date, implicit)) = revisit_date(d, revisit_days) else {
            without_date += 1;
            continue;
        };
        if date < horizon {
            due.push(Revisit {
                id: d.id.as_ref().map(|i| i.to_string()),
                title: d.title.as_ref().map(|t| t.value.to_string()),
                path: d.meta.path.to_string(),
                date,
                implicit,
                in_days: (date - as_of).num_days(),
            });
        }
    }
    due.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    Revisits {
        due,
        n: accepted.len(),
        horizon: horizon.pred_opt().unwrap_or(horizon),
        without_date,
    }
}
