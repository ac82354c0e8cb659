//! Participation and diversity of perspectives (SPEC §6): who was expected
//! to answer on a decision, who did before it was taken, who answered
//! without being asked, and which roles were heard.
//!
//! A response is evidence that a person took part: feedback on the decision
//! (in its own file or in a review with `on:`), or attendance at a review
//! that lists it. Only evidence dated on or before the cutoff counts: the
//! `decided` date, or the as-of date while the decision is open, because an
//! answer that arrives after the decision cannot have shaped it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use foldhash::HashMap;
use serde::Serialize;

use super::Dates;
use super::people::Resolver;
use super::stats::Ratio;
use crate::log::Log;
use crate::record::{Charter, Decision, Feedback, Id, Review};

/// Who was asked and who answered on one decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participation<'a> {
    /// Consulted ∪ decision-makers, groups expanded, aliases resolved.
    /// Names are borrowed from the log (its records and `people.yaml`):
    /// the report held six copied lists of them for every decision.
    pub expected: Vec<&'a str>,
    /// Expected people who responded on or before the cutoff.
    pub responded: Vec<&'a str>,
    /// People outside the expected set (and not owners or proposers) who
    /// responded on or before the cutoff.
    pub unsolicited: Vec<&'a str>,
    /// Expected people whose only responses came after the cutoff (not counted).
    pub after_cutoff: Vec<&'a str>,
    /// Of `responded`, those who left feedback (a view) by the cutoff.
    pub gave_view: Vec<&'a str>,
    /// Of `responded`, those who only attended a review about it.
    pub attended_only: Vec<&'a str>,
    /// |responded| / |expected|.
    pub rate: Ratio,
    /// The last day a response counts: `decided`, or the as-of date while undecided.
    pub cutoff: NaiveDate,
}

impl<'a> Participation<'a> {
    /// Everyone whose response counted, asked or not.
    pub fn respondents(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.responded.iter().chain(&self.unsolicited).copied()
    }
}

/// One piece of evidence that a person took part in a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response<'a> {
    /// As the registry (or, for someone it does not know, the record) spells it.
    pub person: &'a str,
    /// The feedback's date (else its review's); the review's date for
    /// attendance. `None` when nothing dates it: such a response counts.
    pub date: Option<NaiveDate>,
    /// Feedback (a view), rather than attendance.
    pub view: bool,
}

/// The reviews that bear on each decision, gathered once so the report
/// stays linear in the size of the log, each with its date. Read through
/// an [`Index`], which sees the reviews that had taken place by its date:
/// one of these serves every period of a trend.
#[derive(Debug, Default)]
pub(crate) struct Reviews<'a> {
    /// Reviews that list the decision in `decisions`, in log order.
    listing: HashMap<&'a Id, Vec<(&'a Review, Option<NaiveDate>)>>,
    /// Review feedback `on:` the decision, with its review, in log order.
    on: HashMap<&'a Id, Vec<FeedbackOn<'a>>>,
}

/// A review's feedback on a decision, with the review and its date.
type FeedbackOn<'a> = (&'a Feedback, &'a Review, Option<NaiveDate>);

impl<'a> Reviews<'a> {
    /// Every review of `reviews` that had taken place by `until`, dated
    /// by `dates` (a review with no date at all is kept, as every
    /// undated response is).
    pub fn new(reviews: &'a [Review], dates: &Dates, until: NaiveDate) -> Reviews<'a> {
        let mut index = Reviews::default();
        for review in reviews {
            let date = dates.review(review).map(|d| d.date);
            if !taken_place(date, until) {
                continue;
            }
            let mut seen = BTreeSet::new();
            for r in &review.decisions {
                if seen.insert(&r.id) {
                    index.listing.entry(&r.id).or_default().push((review, date));
                }
            }
            for f in &review.feedback {
                if let Some(on) = &f.on {
                    index.on.entry(&on.id).or_default().push((f, review, date));
                }
            }
        }
        index
    }

    /// The reviews as they stood on `as_of`.
    pub fn on(&self, as_of: NaiveDate) -> Index<'_, 'a> {
        Index {
            reviews: self,
            as_of,
        }
    }
}

/// Whether a review of `date` had taken place by `day`; one with no date
/// at all is taken to have, as every undated response is.
fn taken_place(date: Option<NaiveDate>, day: NaiveDate) -> bool {
    date.is_none_or(|d| d <= day)
}

/// The reviews that bear on each decision and had taken place by `as_of`:
/// a review dated after it had not happened yet, so neither its attendance
/// nor the feedback and outcomes it records count, whatever their own
/// dates say. A review with no date at all is kept, as every undated
/// response is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Index<'r, 'a> {
    reviews: &'r Reviews<'a>,
    as_of: NaiveDate,
}

impl<'r, 'a> Index<'r, 'a> {
    /// The reviews listing `id`, in log order.
    pub fn listing(self, id: &Id) -> impl Iterator<Item = &'a Review> + 'r {
        let as_of = self.as_of;
        self.reviews
            .listing
            .get(id)
            .into_iter()
            .flatten()
            .filter(move |(_, date)| taken_place(*date, as_of))
            .map(|&(review, _)| review)
    }

    /// The feedback on `d`: the entries in its own record, then those in
    /// reviews (`on: ID`) in the order of the reviews, each with the review
    /// it was written in. This is the one place that joins the two; a
    /// caller that needs an entry's date takes it from [`Dates::feedback`].
    pub fn feedback_on<'d>(self, d: &'d Decision) -> Vec<(&'d Feedback, Option<&'d Review>)>
    where
        'a: 'd,
    {
        let mut out: Vec<(&Feedback, Option<&Review>)> =
            d.feedback.iter().map(|f| (f, None)).collect();
        if let Some(id) = &d.id {
            let as_of = self.as_of;
            out.extend(
                self.reviews
                    .on
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter(|(_, _, date)| taken_place(*date, as_of))
                    .map(|&(f, review, _)| (f, Some(review))),
            );
        }
        out
    }

    /// All evidence of responses to `d`.
    pub fn responses<'d>(
        self,
        d: &'d Decision,
        people: &Resolver<'d>,
        dates: &Dates,
    ) -> Vec<Response<'d>>
    where
        'a: 'd,
    {
        let mut out = Vec::new();
        for (f, review) in self.feedback_on(d) {
            let date = dates.feedback(f, review);
            if let Some(by) = &f.by {
                people.expand_each(&by.value, |person| {
                    out.push(Response {
                        person,
                        date,
                        view: true,
                    });
                });
            }
        }
        let Some(id) = d.id.as_ref() else {
            return out;
        };
        for review in self.listing(id) {
            let date = dates.review(review).map(|x| x.date);
            for name in &review.attended {
                people.expand_each(&name.value, |person| {
                    out.push(Response {
                        person,
                        date,
                        view: false,
                    });
                });
            }
        }
        out
    }
}

/// Participation in `d` as of `as_of`, for callers outside the report
/// (`decide show`): groups and aliases resolve through the log's
/// `people.yaml`; records without a `date` are not dated from git here.
pub fn participation<'a>(log: &'a Log, d: &'a Decision, as_of: NaiveDate) -> Participation<'a> {
    let people = Resolver::new(log.people.as_ref());
    let dates = Dates::default();
    let reviews = Reviews::new(&log.reviews, &dates, as_of);
    let responses = reviews.on(as_of).responses(d, &people, &dates);
    compute(d, &people, &responses, as_of)
}

pub(crate) fn expected<'d>(d: &'d Decision, people: &Resolver<'d>) -> BTreeSet<&'d str> {
    people.expand_set(d.consulted.iter().chain(&d.decision_makers))
}

pub(crate) fn cutoff(d: &Decision, as_of: NaiveDate) -> NaiveDate {
    d.decided
        .as_ref()
        .and_then(|x| x.date)
        .map_or(as_of, |decided| decided.min(as_of))
}

pub(crate) fn compute<'a>(
    d: &'a Decision,
    people: &Resolver<'a>,
    responses: &[Response<'a>],
    as_of: NaiveDate,
) -> Participation<'a> {
    let expected = expected(d, people);
    let cutoff = cutoff(d, as_of);
    // Sets of the responses' names, borrowed: each decision's figures
    // copied every name three times over.
    let mut counted: BTreeSet<&'a str> = BTreeSet::new();
    let mut viewed: BTreeSet<&'a str> = BTreeSet::new();
    let mut late: BTreeSet<&'a str> = BTreeSet::new();
    for r in responses {
        if r.date.is_none_or(|date| date <= cutoff) {
            counted.insert(r.person);
            if r.view {
                viewed.insert(r.person);
            }
        } else {
            late.insert(r.person);
        }
    }
    // Owners and proposers are the ones asking: their own feedback or
    // attendance is neither expected nor unsolicited.
    let authors = people.expand_set(d.owners.iter().chain(&d.proposed_by));
    let responded: Vec<&'a str> = expected
        .iter()
        .copied()
        .filter(|p| counted.contains(p))
        .collect();
    let unsolicited: Vec<&'a str> = counted
        .iter()
        .copied()
        .filter(|p| !expected.contains(p) && !authors.contains(p))
        .collect();
    let after_cutoff: Vec<&'a str> = expected
        .iter()
        .copied()
        .filter(|p| late.contains(p) && !counted.contains(p))
        .collect();
    let (gave_view, attended_only): (Vec<&'a str>, Vec<&'a str>) =
        responded.iter().partition(|p| viewed.contains(**p));
    Participation {
        gave_view,
        attended_only,
        rate: Ratio::new(responded.len(), expected.len()),
        expected: expected.into_iter().collect(),
        responded,
        unsolicited,
        after_cutoff,
        cutoff,
    }
}

/// The perspectives heard on one decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diversity<'a> {
    /// Distinct roles among everyone who responded (asked or not); `None`
    /// without `people.yaml`. Borrowed from `people.yaml`.
    pub roles: Option<Vec<&'a str>>,
    /// Required roles of the charter among those roles; `None` without
    /// `people.yaml` or without charter `required-roles`.
    pub coverage: Option<Ratio>,
    /// Required roles not heard, borrowed from the charter.
    pub missing_roles: Vec<&'a str>,
    /// Shannon entropy of the respondents' role distribution over ln(k),
    /// k = roles in the registry; `None` when no respondent has a role.
    pub entropy: Option<f64>,
}

/// `registry_roles` is how many distinct roles the registry holds
/// ([`super::Inputs::registry_roles`], counted once for every decision).
pub(crate) fn diversity<'a>(
    participation: &Participation<'_>,
    people: &Resolver<'a>,
    registry_roles: usize,
    charter: Option<&'a Charter>,
) -> Diversity<'a> {
    if people.people.is_none() {
        return Diversity {
            roles: None,
            coverage: None,
            missing_roles: Vec::new(),
            entropy: None,
        };
    }
    let mut weights: BTreeMap<&'a str, f64> = BTreeMap::new();
    let mut with_roles = 0usize;
    for person in participation.respondents() {
        let roles = people.roles(person);
        if roles.is_empty() {
            continue;
        }
        with_roles += 1;
        let distinct: BTreeSet<&str> = roles.iter().map(String::as_str).collect();
        for role in &distinct {
            *weights.entry(role).or_default() += 1.0 / distinct.len() as f64;
        }
    }
    let heard: Vec<&'a str> = weights.keys().copied().collect();
    let required: BTreeSet<&'a str> = charter
        .map(|c| c.required_roles.iter().map(|t| t.value.trim()).collect())
        .unwrap_or_default();
    let coverage = (!required.is_empty()).then(|| {
        Ratio::new(
            required.iter().filter(|r| weights.contains_key(*r)).count(),
            required.len(),
        )
    });
    let missing_roles = required
        .iter()
        .filter(|r| !weights.contains_key(*r))
        .copied()
        .collect();
    let k = registry_roles;
    let entropy = match with_roles {
        0 => None,
        _ if k < 2 => None,
        // One voice is one perspective, however many hats it wears.
        1 => Some(0.0),
        n => {
            let h: f64 = weights
                .values()
                .map(|w| {
                    let p = w / n as f64;
                    -p * p.ln()
                })
                .sum();
            Some(h / (k as f64).ln())
        }
    };
    Diversity {
        roles: Some(heard),
        coverage,
        missing_roles,
        entropy,
    }
}
