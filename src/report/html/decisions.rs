//! The per-decision table: one row per decision in scope, each expandable
//! to its people, dates, rationale, alternatives, feedback and actions.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::links::Links;
use super::markdown::markdown;
use super::view::{ActionView, DecisionView, FeedbackItem};
use crate::metrics::{ActionItem, ActionState, DecisionRow, Report, Scope};
use crate::record::{Decision, Feedback, Stance};
use crate::report::clean;

/// The model name as a filter key: trimmed and lower-cased, as `--model` matches.
pub(super) fn model_key(model: &str) -> String {
    clean(model).trim().to_lowercase()
}

/// The feedback on `d` given by the as-of date, each entry with its date.
pub(super) fn dated_feedback<'a>(
    scope: &'a Scope,
    d: &'a Decision,
) -> Vec<(&'a Feedback, Option<NaiveDate>)> {
    scope
        .index()
        .feedback_on(d)
        .into_iter()
        .map(|(f, review)| (f, scope.dates.feedback(f, review)))
        .filter(|(_, date)| date.is_none_or(|x| x <= scope.opts.as_of))
        .collect()
}

/// The per-decision table and records, each decision's made as the page
/// is written and dropped once written: held whole, they were most of
/// the page model.
pub(super) struct Decisions<'a> {
    report: &'a Report<'a>,
    scope: Scope<'a, 'a>,
    links: Links<'a>,
    models: Vec<String>,
    by_path: BTreeMap<&'a str, &'a Decision>,
    /// Each decision's action items, in the report's order: looked up, not
    /// searched for among every item of the log once per decision.
    actions_of: BTreeMap<&'a str, Vec<&'a ActionItem<'a>>>,
}

impl<'a> Decisions<'a> {
    pub(super) fn new(
        report: &'a Report<'a>,
        scope: Scope<'a, 'a>,
        links: Links<'a>,
        models: Vec<String>,
    ) -> Decisions<'a> {
        let by_path = scope
            .decisions
            .iter()
            .map(|d| (&*d.meta.path, *d))
            .collect();
        let mut actions_of: BTreeMap<&str, Vec<&ActionItem>> = BTreeMap::new();
        for a in &report.actions.items {
            actions_of.entry(a.path).or_default().push(a);
        }
        Decisions {
            report,
            scope,
            links,
            models,
            by_path,
            actions_of,
        }
    }

    /// Whether no decision is in scope.
    pub(super) fn is_empty(&self) -> bool {
        self.in_scope().next().is_none()
    }

    /// The table's rows: each decision's figures, status and model.
    pub(super) fn rows(&self) -> impl Iterator<Item = DecisionView> + '_ {
        self.in_scope().map(|(row, d)| self.view(row, d, false))
    }

    /// The records below the table: each decision whole.
    pub(super) fn records(&self) -> impl Iterator<Item = DecisionView> + '_ {
        self.in_scope().map(|(row, d)| self.view(row, d, true))
    }

    /// The report's rows of the decisions in scope, each with its record.
    fn in_scope(&self) -> impl Iterator<Item = (&'a DecisionRow<'a>, &'a Decision)> + '_ {
        self.report
            .decisions
            .iter()
            .filter_map(|row| Some((row, *self.by_path.get(row.path)?)))
    }

    /// The view of one decision; with `whole`, what it says besides its
    /// figures (which only the records below the table show).
    fn view(&self, row: &DecisionRow, d: &Decision, whole: bool) -> DecisionView {
        let (scope, links, models) = (&self.scope, &self.links, &self.models);
        let mut cells = crate::report::decision_cells(row);
        if let Some(title) = row.title {
            cells[1] = clean(title);
        }
        let model_class = d
            .model
            .as_ref()
            .and_then(|m| models.iter().position(|x| *x == model_key(&m.value)))
            .map(|i| format!("model-{i}"))
            .unwrap_or_default();
        let mut view = DecisionView {
            record: links.decision(d),
            status: row.status,
            model_class,
            cells,
            meta: Vec::new(),
            rationale: None,
            alternatives: Vec::new(),
            feedback: Vec::new(),
            actions: Vec::new(),
        };
        if !whole {
            return view;
        }
        let names = |list: &[crate::record::Text]| {
            clean(
                &list
                    .iter()
                    .map(|t| t.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        for (label, list) in [
            ("Owners", &d.owners),
            ("Decision-makers", &d.decision_makers),
            ("Consulted", &d.consulted),
            ("Informed", &d.informed),
        ] {
            if !list.is_empty() {
                view.meta.push((label, names(list)));
            }
        }
        if let Some(m) = &d.model {
            view.meta.push(("Model", clean(&m.value)));
        }
        if let Some(date) = row.date {
            view.meta.push(("Date", date.to_string()));
        }
        if let Some(date) = row.decided {
            view.meta.push(("Decided", date.to_string()));
        }
        if let Some(r) = d.revisit_by.as_ref() {
            view.meta.push(("Revisit by", clean(&r.raw)));
        }
        view.rationale = d.body.rationale_text().map(markdown);
        view.alternatives = d
            .alternatives
            .iter()
            .map(|a| {
                (
                    clean(a.title.as_ref().map_or("(untitled)", |t| t.value.as_str())),
                    clean(a.rejected_because.as_ref().map_or("", |t| t.value.as_str())),
                )
            })
            .collect();
        view.feedback = dated_feedback(scope, d)
            .into_iter()
            .map(|(f, date)| FeedbackItem {
                by: f
                    .by
                    .as_ref()
                    .map_or_else(|| "someone".into(), |b| clean(&b.value)),
                stance: f.stance.map_or("", Stance::as_str).to_string(),
                date: date.map(|x| x.to_string()).unwrap_or_default(),
                note: clean(f.note.as_ref().map_or("", |n| n.value.as_str())),
                resolved: f.resolved().map(|r| clean(&r.raw)).unwrap_or_default(),
            })
            .collect();
        view.actions = self
            .actions_of
            .get(&*d.meta.path)
            .into_iter()
            .flatten()
            .map(|a| ActionView {
                owner: clean(a.owner.unwrap_or("(no owner)")),
                due: a.due.map(|x| x.to_string()).unwrap_or_default(),
                state: match (a.state, a.overdue_days) {
                    (ActionState::Open, Some(days)) => format!("⚠ overdue by {days} days"),
                    (ActionState::Open, None) => "open".into(),
                    (ActionState::Done, _) => match a.done {
                        Some(done) => format!("done {done}"),
                        None => "done".into(),
                    },
                    (ActionState::Dropped, _) => "dropped".into(),
                },
                note: clean(a.note.unwrap_or("")),
                overdue: a.overdue_days.is_some() && a.state == ActionState::Open,
            })
            .collect();
        view
    }
}
