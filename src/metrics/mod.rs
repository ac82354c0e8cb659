//! The engagement metrics of SPEC §6, as pure functions over a loaded log.
//!
//! Nothing here reads files, runs git or prints: the command gathers what
//! the outside world knows (the as-of date, dates inferred from git) into
//! [`MetricsOptions`], [`compute`] turns the log into a [`Report`], and the
//! renderers in [`crate::report`] only format it. Every figure carries the
//! n it was computed over, and a figure without data is `None`, never 0.
//! `docs/report.md` states each definition as implemented.

pub mod actions;
pub mod cadence;
pub mod completeness;
pub mod digest;
pub mod kept;
pub mod outcomes;
pub mod participation;
pub mod people;
pub mod pulse;
pub mod reader;
pub mod registers;
pub mod rituals;
mod rows;
mod scope;
mod sections;
pub mod signals;
pub mod stats;
pub mod targets;
pub mod timeliness;
pub mod trend;
pub mod waiting;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

pub use actions::{ActionItem, ActionState, Actions, OwnerActions, Revisit, Revisits};
pub use cadence::{Cadence, Facilitator, Gap, LeadTime};
pub use completeness::{CHECKS, Completeness, completeness, is_placeholder};
pub use outcomes::{Correlation, OutcomePoint, Outcomes, Withheld};
pub use participation::{Diversity, Participation, participation};
pub use pulse::Pulse;
pub use scope::Scope;
pub use signals::{Risks, Signals};
pub use stats::{Count, Mean, Ratio, Spread};
pub use timeliness::{Answer, AnswerState, Request, Timeliness};

use crate::git::History;
use crate::log::Log;
use crate::record::{Decision, Feedback, Review, Status};
use people::Resolver;

/// `date` + `days`, saturating at the last representable day: a charter
/// may say `response-days: 99999999999`, and that must not crash the report.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    u64::try_from(days)
        .ok()
        .and_then(|d| date.checked_add_days(chrono::Days::new(d)))
        .unwrap_or(NaiveDate::MAX)
}

/// A date and whether it was inferred from git rather than written in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    pub inferred: bool,
}

/// Dates for records that state none, taken from the commit that added the
/// file; the record files are not changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    /// Record path (as in `Meta::path`) → date of the commit that added it.
    pub inferred: BTreeMap<String, NaiveDate>,
    /// What git could say, when it was asked (only when some record has no date).
    pub history: Option<History>,
}

impl Dates {
    fn dated(&self, field: Option<&crate::record::DateField>, path: &str) -> Option<Dated> {
        match field {
            Some(f) => f.date.map(|date| Dated {
                date,
                inferred: false,
            }),
            None => self.inferred.get(path).map(|&date| Dated {
                date,
                inferred: true,
            }),
        }
    }

    /// A decision's `date`, else the date git gives it. A `date` that is
    /// written but invalid is not replaced: `check` reports it.
    pub fn decision(&self, d: &Decision) -> Option<Dated> {
        self.dated(d.date.as_ref(), &d.meta.path)
    }

    pub fn review(&self, r: &Review) -> Option<Dated> {
        self.dated(r.date.as_ref(), &r.meta.path)
    }

    /// The date of a feedback entry: its own, else the date of the review
    /// it was written in (an entry in the decision's own record has no
    /// other date).
    pub fn feedback(&self, f: &Feedback, review: Option<&Review>) -> Option<NaiveDate> {
        f.date
            .as_ref()
            .and_then(|x| x.date)
            .or_else(|| review.and_then(|r| self.review(r)).map(|x| x.date))
    }
}

/// What the report is computed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsOptions {
    /// T: everything is computed as it stood on this date.
    pub as_of: NaiveDate,
    /// Only decisions (and reviews) dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Only decisions (and reviews) dated on or before this day.
    pub until: Option<NaiveDate>,
    /// Only decisions about this model (case-insensitive).
    pub model: Option<String>,
    pub dates: Dates,
    /// Add this reader's own view (`report --for P`).
    pub for_person: Option<String>,
    /// Error-level `check` findings per record path (`Meta::path`), so a
    /// decision `check` fails is never shown as complete without a mark.
    pub check_errors: BTreeMap<std::sync::Arc<str>, usize>,
}

impl MetricsOptions {
    pub fn new(as_of: NaiveDate) -> MetricsOptions {
        MetricsOptions {
            as_of,
            since: None,
            until: None,
            model: None,
            dates: Dates::default(),
            for_person: None,
            check_errors: BTreeMap::new(),
        }
    }

    /// Whether `--since` or `--until` cut a window.
    pub fn is_windowed(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// These options without their window: the state on the as-of date
    /// (open and overdue actions, revisits due, unresolved objections),
    /// which SPEC §6 reads from every record up to T, whatever
    /// `--since/--until` say.
    pub fn state(&self) -> MetricsOptions {
        MetricsOptions {
            since: None,
            until: None,
            ..self.clone()
        }
    }
}

/// Whether a decision is counted by participation, diversity and
/// completeness: everything past draft, including an unknown status.
pub fn counted(d: &Decision) -> bool {
    d.status != Some(Status::Draft)
}

/// What the log provides that some figures need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inputs {
    pub people_yaml: bool,
    pub charter: bool,
    pub response_days: Option<i64>,
    pub revisit_days: Option<i64>,
    pub check_in_days: Option<i64>,
    pub required_roles: Vec<String>,
    /// Distinct roles in `people.yaml` (k of the entropy).
    pub registry_roles: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Decisions in scope.
    pub decisions: usize,
    /// By status word (`unknown` for none stated), counted apart.
    pub by_status: BTreeMap<&'static str, usize>,
    pub reviews: usize,
    /// Records in scope whose date comes from git.
    pub inferred_dates: usize,
    /// Records in scope with no date at all.
    pub undated: usize,
    pub after_as_of: usize,
    pub undated_outside_window: usize,
    /// Records whose `date` is written but not a real date.
    pub invalid_dates: usize,
    /// Records left out because their front matter is missing or broken.
    pub unreadable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipationSummary {
    /// Σ responded / Σ expected over counted decisions.
    pub pooled: Ratio,
    /// Counted decisions (non-draft), including those that expected nobody.
    pub decisions: usize,
    /// Of those, decisions that expected nobody (their rate is n/a).
    pub nobody_expected: usize,
    /// Unsolicited responses (person–decision pairs), over counted decisions.
    pub unsolicited: Count,
    /// Σ expected people who gave a view (feedback) / Σ expected.
    pub gave_view: Ratio,
    /// Expected people who responded only by attending, among Σ responded.
    pub attended_only: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiversitySummary {
    /// Mean distinct roles heard per decision.
    pub distinct_roles: Mean,
    /// Mean share of the charter's required roles heard.
    pub coverage: Mean,
    /// Mean normalised entropy of the roles heard.
    pub entropy: Mean,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompletenessSummary {
    /// Mean of checks passed / checks applicable.
    pub mean: Mean,
    /// Decisions that pass every applicable check and have no `check` error.
    pub fully_complete: Ratio,
    /// Counted decisions with error-level `check` findings.
    pub with_check_errors: usize,
    /// For each check, how many decisions fail it (SPEC order).
    pub failing: Vec<CheckFailures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckFailures {
    pub check: &'static str,
    pub decisions: usize,
}

/// One person's engagement across the decisions in scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRow {
    pub person: String,
    pub name: Option<String>,
    pub roles: Vec<String>,
    /// Decisions that expected them, and how many they responded to.
    pub rate: Ratio,
    /// Decisions they responded to without being expected.
    pub unsolicited: usize,
    /// Of the decisions that expected them, those they gave a view on.
    pub gave_view: usize,
    /// Of those, decisions they only attended a meeting about.
    pub attended_only: usize,
    /// Requests for feedback they answered by the due date.
    pub on_time: usize,
    /// Requests they answered late, or not at all once due.
    pub late: usize,
    /// Decisions that expected them where their only response came after the decision.
    pub after_decision: usize,
    pub facilitated: usize,
    pub open_actions: usize,
    pub overdue_actions: usize,
}

/// One decision's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRow<'a> {
    pub id: Option<String>,
    /// Title, model and path are borrowed from the log, as are the names
    /// in the participation and diversity.
    pub title: Option<&'a str>,
    pub status: &'static str,
    pub model: Option<&'a str>,
    pub date: Option<NaiveDate>,
    pub date_inferred: bool,
    pub decided: Option<NaiveDate>,
    pub path: &'a str,
    /// `None` for drafts, which nobody has been asked about yet.
    pub participation: Option<Participation<'a>>,
    pub diversity: Option<Diversity<'a>>,
    pub completeness: Option<Completeness>,
    pub lead_time_days: Option<i64>,
    /// Error-level `check` findings on the decision's file.
    pub check_errors: usize,
}

/// Everything `decide report` prints, borrowing from the log it was
/// computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report<'a> {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub model: Option<String>,
    pub history: Option<History>,
    pub inputs: Inputs,
    /// What the reader should know to read the figures right.
    pub notes: Vec<String>,
    pub counts: Counts,
    pub participation: ParticipationSummary,
    pub diversity: DiversitySummary,
    pub timeliness: Timeliness,
    pub completeness: CompletenessSummary,
    pub actions: Actions<'a>,
    pub revisits: Revisits,
    pub lead_time: LeadTime,
    pub cadence: Cadence,
    pub outcomes: Outcomes,
    pub people: Vec<PersonRow>,
    pub decisions: Vec<DecisionRow<'a>>,
    /// Pulse surveys in scope; left out of JSON when there are none.
    #[serde(skip_serializing_if = "Pulse::is_empty")]
    pub pulse: Pulse,
    /// Signals on feedback; left out of JSON when no feedback carries one.
    #[serde(skip_serializing_if = "Signals::is_empty")]
    pub signals: Signals,
    pub risks: Risks,
    /// `--for P`: that reader's own view (never windowed).
    pub reader: Option<reader::ForPerson<'a>>,
    /// The auditor's registers (state on the as-of date, never windowed).
    pub registers: registers::Registers<'a>,
    /// Expected outcomes against what retrospectives observed.
    pub targets: targets::Targets,
    /// Attendance by kind and role, facilitation, the charter's norms.
    pub rituals: rituals::Rituals,
}

/// Computes the whole report.
pub fn compute<'a>(log: &'a Log, opts: &MetricsOptions) -> Report<'a> {
    let scope = Scope::new(log, opts);
    // The state on the as-of date is never windowed (`MetricsOptions::
    // state`); without a window it is the same scope, not built twice.
    let state_opts = opts.is_windowed().then(|| opts.state());
    let state_scope = state_opts.as_ref().map(|o| Scope::new(log, o));
    let state = state_scope.as_ref().unwrap_or(&scope);
    let inputs = inputs(&scope);

    let mut responded_total = 0;
    let mut expected_total = 0;
    let mut nobody_expected = 0;
    let mut unsolicited_total = 0;
    let mut gave_view_total = 0;
    let mut attended_only_total = 0;
    let mut role_counts = Vec::new();
    let mut coverages = Vec::new();
    let mut entropies = Vec::new();
    let mut scores = Vec::new();
    let mut complete = 0;
    let mut failing: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut people_rows: BTreeMap<String, PersonRow> = BTreeMap::new();
    let mut asked: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut rates: BTreeMap<String, Option<f64>> = BTreeMap::new();

    // Each decision's own figures, worked out in parallel and summed below
    // in the log's order, beside the sections that need none of them: the
    // figures do not depend on the threads.
    let (rows, mut sections) = rayon::join(
        || rows::figures(&scope, opts, inputs.registry_roles),
        || sections::Sections::of(&scope, state),
    );
    for row in &rows {
        if let Some(p) = &row.participation {
            responded_total += p.responded.len();
            expected_total += p.expected.len();
            nobody_expected += usize::from(p.expected.is_empty());
            unsolicited_total += p.unsolicited.len();
            gave_view_total += p.gave_view.len();
            attended_only_total += p.attended_only.len();
            for person in &p.gave_view {
                person_row(&mut people_rows, &scope.people, person).gave_view += 1;
            }
            for person in &p.attended_only {
                person_row(&mut people_rows, &scope.people, person).attended_only += 1;
            }
            for person in &p.after_cutoff {
                person_row(&mut people_rows, &scope.people, person).after_decision += 1;
            }
            for person in &p.expected {
                let entry = asked.entry(person).or_default();
                entry.0 += 1;
                entry.1 += usize::from(p.responded.contains(person));
            }
            for person in &p.unsolicited {
                person_row(&mut people_rows, &scope.people, person).unsolicited += 1;
            }
            if let Some(id) = &row.id {
                rates.insert(id.clone(), p.rate.value);
            }
            if let Some(div) = &row.diversity {
                if let Some(roles) = &div.roles {
                    role_counts.push(roles.len() as f64);
                }
                coverages.extend(div.coverage.and_then(|c| c.value));
                entropies.extend(div.entropy);
            }
            if let Some(c) = &row.completeness {
                scores.push(c.ratio());
                // A decision `check` reports errors on is not fully complete.
                complete += usize::from(c.is_complete() && row.check_errors == 0);
                for m in &c.missing {
                    *failing.entry(m).or_default() += 1;
                }
            }
        }
    }
    let counted_decisions = scores.len();

    for (person, (n, yes)) in asked {
        person_row(&mut people_rows, &scope.people, person).rate = Ratio::new(yes, n);
    }
    if let Some(registry) = scope.people.people {
        for p in &registry.people {
            person_row(&mut people_rows, &scope.people, &p.key);
        }
    }

    for answer in sections.timeliness.requests.iter().flat_map(|r| &r.answers) {
        let row = person_row(&mut people_rows, &scope.people, &answer.person);
        match answer.state {
            AnswerState::OnTime => row.on_time += 1,
            AnswerState::Late | AnswerState::MissingOverdue => row.late += 1,
            AnswerState::NotYetDue | AnswerState::Undated => {}
        }
    }
    for a in &sections.actions.items {
        if a.state != ActionState::Open {
            continue;
        }
        if let Some(owner) = &a.owner {
            let row = person_row(&mut people_rows, &scope.people, owner);
            row.open_actions += 1;
            row.overdue_actions += usize::from(a.overdue_days.is_some());
        }
    }
    for f in &sections.cadence.facilitators {
        person_row(&mut people_rows, &scope.people, &f.person).facilitated = f.reviews;
    }
    let outcomes = outcomes::outcomes(sections.observations, &rates);
    sections.pulse.outcomes = pulse::outcomes(&scope, &outcomes.points);

    let mut by_status: BTreeMap<&'static str, usize> = BTreeMap::new();
    for d in &scope.decisions {
        *by_status.entry(d.status_word()).or_default() += 1;
    }
    let dated: Vec<Option<Dated>> = scope
        .decisions
        .iter()
        .map(|d| scope.dates.decision(d))
        .chain(scope.reviews.iter().map(|r| scope.dates.review(r)))
        .collect();
    let counts = Counts {
        decisions: scope.decisions.len(),
        by_status,
        reviews: scope.reviews.len(),
        inferred_dates: dated.iter().flatten().filter(|d| d.inferred).count(),
        undated: dated.iter().filter(|d| d.is_none()).count(),
        after_as_of: scope.after_as_of,
        undated_outside_window: scope.undated_outside_window,
        invalid_dates: scope.invalid_dates,
        unreadable: scope.unreadable,
    };

    let mut report = Report {
        schema_version: 1,
        as_of: opts.as_of,
        since: opts.since,
        until: opts.until,
        model: opts.model.clone(),
        history: opts.dates.history,
        notes: Vec::new(),
        counts,
        participation: ParticipationSummary {
            pooled: Ratio::new(responded_total, expected_total),
            decisions: counted_decisions,
            nobody_expected,
            unsolicited: Count {
                count: unsolicited_total,
                n: counted_decisions,
            },
            gave_view: Ratio::new(gave_view_total, expected_total),
            attended_only: Count {
                count: attended_only_total,
                n: responded_total,
            },
        },
        diversity: DiversitySummary {
            distinct_roles: Mean::of(&role_counts),
            coverage: Mean::of(&coverages),
            entropy: Mean::of(&entropies),
        },
        completeness: CompletenessSummary {
            mean: Mean::of(&scores),
            fully_complete: Ratio::new(complete, counted_decisions),
            with_check_errors: rows
                .iter()
                .filter(|r| r.completeness.is_some() && r.check_errors > 0)
                .count(),
            failing: CHECKS
                .iter()
                .map(|c| CheckFailures {
                    check: c,
                    decisions: failing.get(c).copied().unwrap_or(0),
                })
                .collect(),
        },
        revisits: sections.revisits,
        registers: sections.registers,
        targets: sections.targets,
        rituals: sections.rituals,
        reader: opts
            .for_person
            .as_deref()
            .map(|p| reader::for_person(state, p)),
        lead_time: sections.lead_time,
        outcomes,
        pulse: sections.pulse,
        signals: sections.signals,
        risks: sections.risks,
        timeliness: sections.timeliness,
        actions: sections.actions,
        cadence: sections.cadence,
        people: people_rows.into_values().collect(),
        decisions: rows,
        inputs,
    };
    report.notes = notes(&report);
    report
}

fn person_row<'m>(
    rows: &'m mut BTreeMap<String, PersonRow>,
    people: &Resolver,
    key: &str,
) -> &'m mut PersonRow {
    rows.entry(key.to_string()).or_insert_with(|| {
        let registered = people.people.and_then(|p| p.person(key));
        PersonRow {
            person: key.to_string(),
            name: registered.and_then(|p| p.name.clone()),
            roles: people.roles(key).to_vec(),
            rate: Ratio::new(0, 0),
            unsolicited: 0,
            gave_view: 0,
            attended_only: 0,
            on_time: 0,
            late: 0,
            after_decision: 0,
            facilitated: 0,
            open_actions: 0,
            overdue_actions: 0,
        }
    })
}

/// Outcomes recorded in reviews for decisions in scope, up to T.
fn observations(scope: &Scope) -> Vec<outcomes::Observation> {
    let ids: BTreeMap<&crate::record::Id, String> = scope
        .decisions
        .iter()
        .filter_map(|d| d.id.as_ref().map(|id| (id, id.to_string())))
        .collect();
    let mut out = Vec::new();
    for review in &scope.log.reviews {
        let fallback = scope.dates.review(review).map(|d| d.date);
        // A review dated after T had not happened: its outcomes were not
        // observed yet, whatever dates they carry.
        if fallback.is_some_and(|d| d > scope.opts.as_of) {
            continue;
        }
        for o in &review.outcomes {
            let (Some(decision), Some(metric), Some(value)) = (&o.decision, &o.metric, o.value)
            else {
                continue;
            };
            let Some(id) = ids.get(&decision.id) else {
                continue;
            };
            let own = o.date.as_ref().and_then(|x| x.date);
            let date = own.or(fallback);
            if date.is_some_and(|d| d > scope.opts.as_of) || !value.is_finite() {
                continue;
            }
            out.push((
                id.clone(),
                metric.value.trim().to_string(),
                value,
                date,
                own.is_some(),
            ));
        }
    }
    out
}

fn inputs(scope: &Scope) -> Inputs {
    let charter = scope.charter;
    let mut required: Vec<String> = charter
        .map(|c| {
            c.required_roles
                .iter()
                .map(|t| t.value.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    required.sort();
    required.dedup();
    Inputs {
        people_yaml: scope.people.people.is_some(),
        charter: charter.is_some(),
        response_days: charter.and_then(|c| c.response_days),
        revisit_days: charter.and_then(|c| c.revisit_days),
        check_in_days: charter.and_then(|c| c.check_in_days),
        required_roles: required,
        registry_roles: scope.people.registry_roles().len(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The notes that tell a reader what a figure could not use.
fn notes(r: &Report) -> Vec<String> {
    let mut notes = Vec::new();
    let i = &r.inputs;
    if !i.people_yaml {
        notes.push(
            "No people.yaml: names are taken as written (groups and aliases are not expanded), \
             and the diversity figures (roles heard, required-role coverage, role entropy) need it."
                .into(),
        );
    } else if i.registry_roles < 2 {
        notes.push(
            "people.yaml names fewer than two roles: role entropy needs at least two.".into(),
        );
    }
    if !i.charter {
        notes.push(
            "No charter.md: required-role coverage, deadlines for proposed decisions \
             (response-days), implicit revisit dates (revisit-days) and the check-in target \
             (check-in-days) need it."
                .into(),
        );
    } else {
        let missing: Vec<&str> = [
            (i.required_roles.is_empty(), "required-roles"),
            (i.response_days.is_none(), "response-days"),
            (i.revisit_days.is_none(), "revisit-days"),
            (i.check_in_days.is_none(), "check-in-days"),
        ]
        .iter()
        .filter(|(m, _)| *m)
        .map(|(_, k)| *k)
        .collect();
        if !missing.is_empty() {
            notes.push(format!(
                "The charter sets no {}: the figures that use it show n/a.",
                missing.join(", ")
            ));
        }
    }
    if r.since.is_some() || r.until.is_some() {
        notes.push(
            "Open and overdue actions, revisits due and unresolved objections are the state on \
             the as-of date, whatever the window; the other figures cover the window only."
                .into(),
        );
    }
    let c = &r.counts;
    if c.inferred_dates > 0 {
        notes.push(format!(
            "{} no `date`; the date of the commit that added the file is used instead (marked *).",
            plural(c.inferred_dates, "record has", "records have")
        ));
    }
    let no_date = (c.undated + c.undated_outside_window).saturating_sub(c.invalid_dates);
    if no_date > 0 {
        let why = match r.history {
            Some(History::NotRepository) => {
                "and the log is not in a git repository, so no date can be inferred"
            }
            Some(History::Shallow) => {
                "and this is a shallow clone, so the commit that added a file may be missing \
                 (run `git fetch --unshallow` to date them)"
            }
            _ => "and no commit adds the file yet, so git has no date for it",
        };
        let left = if c.undated_outside_window > 0 {
            "they are left out of the date window"
        } else {
            "date-based figures leave them out"
        };
        notes.push(format!(
            "{} no `date` {why}; {left}.",
            plural(no_date, "record has", "records have")
        ));
    }
    if c.invalid_dates > 0 {
        notes.push(format!(
            "{} a `date` that is not a real YYYY-MM-DD date (see `decide check`); \
             date-based figures leave them out.",
            plural(c.invalid_dates, "record has", "records have")
        ));
    }
    if c.unreadable > 0 {
        notes.push(format!(
            "{} no readable front matter and {} left out (`decide check` says why).",
            plural(c.unreadable, "record has", "records have"),
            if c.unreadable == 1 { "is" } else { "are" }
        ));
    }
    if c.after_as_of > 0 {
        notes.push(format!(
            "{} dated after the as-of date {} left out.",
            plural(c.after_as_of, "record", "records"),
            if c.after_as_of == 1 { "is" } else { "are" }
        ));
    }
    if r.timeliness.proposed_without_deadline > 0 {
        notes.push(format!(
            "{} no deadline without charter response-days and {} left out of timeliness.",
            plural(
                r.timeliness.proposed_without_deadline,
                "proposed decision has",
                "proposed decisions have"
            ),
            if r.timeliness.proposed_without_deadline == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    if r.timeliness.unjudged_reviews > 0 {
        notes.push(format!(
            "{} no date or no respond-by (and no charter response-days) and cannot be judged for timeliness.",
            plural(
                r.timeliness.unjudged_reviews,
                "async review has",
                "async reviews have"
            )
        ));
    }
    if r.lead_time.date_after_decided > 0 {
        notes.push(format!(
            "{} a `date` after `decided` (a last-updated date) and {} left out of lead time.",
            plural(
                r.lead_time.date_after_decided,
                "decision has",
                "decisions have"
            ),
            if r.lead_time.date_after_decided == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    notes
}
