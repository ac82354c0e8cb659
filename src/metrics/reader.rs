//! One reader's own view (`digest --for P`, `report --for P`): what waits
//! on that person, their open actions, and the decisions they own. It is
//! the state on the as-of date, so no date window applies to it.

use chrono::NaiveDate;
use serde::Serialize;

use super::actions::{self, ActionItem, ActionState};
use super::waiting::{Asked, waiting};
use super::{Scope, add_days};
use crate::record::Status;

/// Open actions due within this many days of the as-of date are "soon due".
pub const SOON_DAYS: i64 = 14;

/// A proposal that waits on the reader's view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitsOnYou {
    pub id: Option<String>,
    pub title: Option<String>,
    pub asked: Vec<Asked>,
    pub due: Option<NaiveDate>,
}

/// A decision the reader owns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Owned {
    pub id: Option<String>,
    pub title: Option<String>,
    pub status: &'static str,
    /// For an accepted decision, its revisit date when one is known.
    pub revisit: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForPerson<'a> {
    /// The person's key (an alias resolves to it).
    pub person: String,
    pub name: Option<String>,
    pub waiting: Vec<WaitsOnYou>,
    /// Their open actions, most overdue first, then by due date.
    pub actions: Vec<ActionItem<'a>>,
    /// How many of those are due within [`SOON_DAYS`] days (and not overdue).
    pub soon_due: usize,
    pub owns: Vec<Owned>,
}

pub fn for_person<'a>(scope: &Scope<'a, '_>, name: &str) -> ForPerson<'a> {
    let person = scope.people.person(name);
    let as_of = scope.opts.as_of;
    let waiting_list = scope
        .decisions
        .iter()
        .filter(|d| d.status == Some(Status::Proposed))
        .filter_map(|d| {
            let w = waiting(scope, d);
            let me = w.waiting.into_iter().find(|x| x.person == person)?;
            Some(WaitsOnYou {
                id: d.id.as_ref().map(|i| i.to_string()),
                title: d.title.as_ref().map(|t| t.value.to_string()),
                asked: me.asked,
                due: me.due,
            })
        })
        .collect();
    let mut mine: Vec<ActionItem> = actions::items(scope)
        .into_iter()
        .filter(|a| a.state == ActionState::Open && a.owner == Some(person.as_str()))
        .collect();
    mine.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.source, a.number).cmp(&(
            b.due.is_none(),
            b.due,
            &b.source,
            b.number,
        ))
    });
    let soon = add_days(as_of, SOON_DAYS);
    let soon_due = mine
        .iter()
        .filter(|a| a.due.is_some_and(|d| d >= as_of && d <= soon))
        .count();
    let revisit_days = scope.charter.and_then(|c| c.revisit_days);
    let owns = scope
        .decisions
        .iter()
        .filter(|d| scope.people.expand_all(&d.owners).contains(&person))
        .map(|d| Owned {
            id: d.id.as_ref().map(|i| i.to_string()),
            title: d.title.as_ref().map(|t| t.value.to_string()),
            status: d.status_word(),
            revisit: (d.status == Some(Status::Accepted))
                .then(|| actions::revisit_date(d, revisit_days).map(|x| x.0))
                .flatten(),
        })
        .collect();
    ForPerson {
        name: scope
            .people
            .people
            .and_then(|p| p.person(&person))
            .and_then(|p| p.name.clone()),
        person,
        waiting: waiting_list,
        actions: mine,
        soon_due,
        owns,
    }
}
