//! Timeliness of feedback (SPEC §6): when someone is asked for an answer
//! by a date, did the answer come by that date?
//!
//! A request is an async review (asked: its `invited`; from: its date; due:
//! `respond-by`, else the date plus the charter's `response-days`) or a
//! decision whose status is `proposed` (asked: consulted ∪ decision-makers;
//! from: its `date`; due: that date plus `response-days`). A proposed
//! decision listed by an async review is represented by that review, so
//! one wait is not counted twice.

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use super::stats::{Ratio, Spread};
use crate::record::{ReviewKind, Status};

/// One request for feedback and how it was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    /// `review 2026-03-04-x` or `decision 0012`.
    pub source: String,
    pub path: String,
    pub requested: NaiveDate,
    /// Whether `requested` comes from git rather than the record.
    pub inferred: bool,
    pub due: NaiveDate,
    pub answers: Vec<Answer>,
}

/// One expected responder of a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub person: String,
    /// Date of the first response, if any by the as-of date.
    pub answered: Option<NaiveDate>,
    /// Days from the request to the first response (0 if it came before).
    pub latency: Option<i64>,
    pub state: AnswerState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerState {
    OnTime,
    Late,
    /// No answer and the due date has passed: counted as late.
    MissingOverdue,
    /// No answer and not due yet: left out.
    NotYetDue,
    /// Answered, but the response has no date: left out.
    Undated,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeliness {
    /// On-time answers over answers due (on time + late + missing and overdue).
    pub on_time: Ratio,
    /// Latency in days of the answers given.
    pub latency: Spread,
    pub late: usize,
    pub missing_overdue: usize,
    pub not_yet_due: usize,
    pub undated: usize,
    /// Requests whose start date comes from git.
    pub inferred: usize,
    /// Async reviews that could not be judged: no date, or no due date.
    pub unjudged_reviews: usize,
    /// Proposed decisions left out because the charter sets no `response-days`.
    pub proposed_without_deadline: usize,
    pub requests: Vec<Request>,
}

pub(crate) fn timeliness(scope: &Scope) -> Timeliness {
    let as_of = scope.opts.as_of;
    let response_days = scope.charter.and_then(|c| c.response_days);
    let mut requests = Vec::new();
    let mut unjudged_reviews = 0;
    for review in scope
        .reviews
        .iter()
        .filter(|r| r.kind == Some(ReviewKind::Async))
    {
        let Some(start) = scope.dates.review(review) else {
            unjudged_reviews += 1;
            continue;
        };
        let due = review
            .respond_by
            .as_ref()
            .and_then(|x| x.date)
            .or_else(|| response_days.map(|n| super::add_days(start.date, n)));
        let Some(due) = due else {
            unjudged_reviews += 1;
            continue;
        };
        // Every answer to this request, by person: feedback in the review,
        // and feedback written into a listed decision since the request.
        let mut given: Vec<(String, Option<NaiveDate>)> = Vec::new();
        for f in &review.feedback {
            let date = f.date.as_ref().and_then(|x| x.date);
            given.extend(by(scope, f.by.as_ref()).into_iter().map(|p| (p, date)));
        }
        for r in &review.decisions {
            for d in scope.by_id().get(&r.id).into_iter().flatten() {
                for f in &d.feedback {
                    let date = f.date.as_ref().and_then(|x| x.date);
                    if date.is_some_and(|x| x >= start.date) {
                        given.extend(by(scope, f.by.as_ref()).into_iter().map(|p| (p, date)));
                    }
                }
            }
        }
        // The facilitator asks; they are never silent on their own request.
        let facilitator: Vec<String> = by(scope, review.facilitator.as_ref());
        let answers = scope
            .people
            .expand_all(&review.invited)
            .into_iter()
            .filter(|p| !facilitator.contains(p))
            .map(|person| {
                let dates = given
                    .iter()
                    .filter(|(p, _)| *p == person)
                    .map(|(_, d)| *d)
                    .collect();
                let first = first_response(dates, as_of);
                judge(person, start.date, due, first, as_of)
            })
            .collect();
        requests.push(Request {
            source: format!("review {}", review.id),
            path: review.meta.path.to_string(),
            requested: start.date,
            inferred: start.inferred,
            due,
            answers,
        });
    }
    let mut proposed_without_deadline = 0;
    for d in scope
        .decisions
        .iter()
        .filter(|d| d.status == Some(Status::Proposed))
    {
        let covered = d.id.as_ref().is_some_and(|id| {
            scope
                .index()
                .listing(id)
                .any(|r| r.kind == Some(ReviewKind::Async))
        });
        let Some(start) = scope.dates.decision(d) else {
            continue;
        };
        if covered {
            continue;
        }
        let Some(days) = response_days else {
            proposed_without_deadline += 1;
            continue;
        };
        let due = super::add_days(start.date, days);
        let responses = scope.index().responses(d, &scope.people, scope.dates);
        // Nor is an owner on their own decision.
        let owners = scope.people.expand_set(&d.owners);
        let answers = super::participation::expected(d, &scope.people)
            .into_iter()
            .filter(|p| !owners.contains(p))
            .map(|person| {
                let dates = responses
                    .iter()
                    .filter(|r| r.person == person)
                    .map(|r| r.date)
                    .collect();
                let first = first_response(dates, as_of);
                judge(person.to_string(), start.date, due, first, as_of)
            })
            .collect();
        requests.push(Request {
            source: format!(
                "decision {}",
                d.id.as_ref().map(|i| i.to_string()).unwrap_or_default()
            ),
            path: d.meta.path.to_string(),
            requested: start.date,
            inferred: start.inferred,
            due,
            answers,
        });
    }

    let mut on_time = 0;
    let mut late = 0;
    let mut missing_overdue = 0;
    let mut not_yet_due = 0;
    let mut undated = 0;
    let mut latencies = Vec::new();
    for answer in requests.iter().flat_map(|r| &r.answers) {
        match answer.state {
            AnswerState::OnTime => on_time += 1,
            AnswerState::Late => late += 1,
            AnswerState::MissingOverdue => missing_overdue += 1,
            AnswerState::NotYetDue => not_yet_due += 1,
            AnswerState::Undated => undated += 1,
        }
        latencies.extend(answer.latency);
    }
    Timeliness {
        on_time: Ratio::new(on_time, on_time + late + missing_overdue),
        latency: Spread::of(&latencies),
        late,
        missing_overdue,
        not_yet_due,
        undated,
        inferred: requests.iter().filter(|r| r.inferred).count(),
        unjudged_reviews,
        proposed_without_deadline,
        requests,
    }
}

fn by(scope: &Scope, name: Option<&crate::record::Text>) -> Vec<String> {
    name.map(|t| scope.people.expand(&t.value))
        .unwrap_or_default()
}

/// The first response among `dates` up to `as_of` (a later one had not
/// happened yet then): `None` when there is none, `Some(None)` when the
/// only responses carry no date.
fn first_response(dates: Vec<Option<NaiveDate>>, as_of: NaiveDate) -> Option<Option<NaiveDate>> {
    let kept: Vec<Option<NaiveDate>> = dates
        .into_iter()
        .filter(|d| d.is_none_or(|d| d <= as_of))
        .collect();
    match kept.iter().flatten().min() {
        Some(date) => Some(Some(*date)),
        None if kept.is_empty() => None,
        None => Some(None),
    }
}

fn judge(
    person: String,
    requested: NaiveDate,
    due: NaiveDate,
    first: Option<Option<NaiveDate>>,
    as_of: NaiveDate,
) -> Answer {
    let (answered, latency, state) = match first {
        Some(Some(date)) => (
            Some(date),
            Some((date - requested).num_days().max(0)),
            if date <= due {
                AnswerState::OnTime
            } else {
                AnswerState::Late
            },
        ),
        Some(None) => (None, None, AnswerState::Undated),
        None if due < as_of => (None, None, AnswerState::MissingOverdue),
        None => (None, None, AnswerState::NotYetDue),
    };
    Answer {
        person,
        answered,
        latency,
        state,
    }
}
