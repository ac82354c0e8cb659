//! The stakeholder pulse (SPEC §6, "Pulse and signals"): how the people a
//! governance process serves rate its clarity, trust and satisfaction, per
//! survey and over the report's window.
//!
//! Every mean is over the ratings given (a question left empty is not a
//! rating, an anonymous response is), and every response rate is over the
//! people invited: an anonymous response counts toward the means but cannot
//! count toward a rate per person. Ratings outside the scale, and answers
//! to questions the charter does not ask, are left out here and reported by
//! `check` (DL060, DL061). `docs/report.md` states each definition.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::Scope;
use super::outcomes::{MIN_DECISIONS, OutcomePoint, Withheld};
use super::stats::{Mean, Ratio, spearman};
use crate::record::{PulseConfig, Review, ReviewKind};

/// One question's figures in one pulse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionFigures {
    pub question: String,
    /// Mean of the ratings within the scale.
    pub mean: Mean,
    /// How many ratings gave 1, 2, … up to the scale.
    pub distribution: Vec<usize>,
    /// Invited people who answered the question, over those invited.
    pub response_rate: Ratio,
    /// The mean minus the mean of the most recent earlier pulse in the
    /// window that has a rating for this question; `None` without one.
    pub change: Option<f64>,
    /// The pulse compared with, and its mean.
    pub previous: Option<String>,
    pub previous_mean: Option<f64>,
    /// The mean fell by more than the charter's `pulse-drop`.
    pub dropped: bool,
}

/// A comment left in a response, for the digest (never in the table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// `None` for an anonymous response.
    pub by: Option<String>,
    pub text: String,
}

/// One pulse survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulseRow {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub path: String,
    /// People invited, groups expanded.
    pub invited: usize,
    /// Responses counted (dated on or before the as-of date, or undated).
    pub responses: usize,
    /// Of those, responses without `by`.
    pub anonymous: usize,
    /// Invited people with a named response, over those invited.
    pub response_rate: Ratio,
    /// Named respondents who were not invited (not in the rate).
    pub uninvited: usize,
    pub questions: Vec<QuestionFigures>,
    pub comments: Vec<Comment>,
}

/// A question's mean over every pulse in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionMean {
    pub question: String,
    /// Pooled over every rating in the window's pulses.
    pub mean: Mean,
    /// Pulses with at least one rating of the question.
    pub pulses: usize,
}

/// Spearman's ρ between a pulse mean per decision and an outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulseCorrelation {
    pub question: String,
    pub metric: String,
    /// Decisions with both an outcome and a pulse mean.
    pub n: usize,
    pub rho: Option<f64>,
    pub withheld: Option<Withheld>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pulse {
    pub questions: Vec<String>,
    pub scale: i64,
    pub drop_threshold: f64,
    /// In date order (undated last), then by id.
    pub pulses: Vec<PulseRow>,
    pub means: Vec<QuestionMean>,
    /// Pulse means as indicators against outcomes (engagement vs outcomes).
    pub outcomes: Vec<PulseCorrelation>,
}

impl Pulse {
    /// Whether there is anything to show: a log without pulses reports as before.
    pub fn is_empty(&self) -> bool {
        self.pulses.is_empty()
    }

    /// The latest pulse (the last dated one).
    pub fn latest(&self) -> Option<&PulseRow> {
        self.pulses.iter().rev().find(|p| p.date.is_some())
    }
}

/// Ratings of one question in one review that count: within the scale,
/// from responses dated on or before `as_of` (or undated).
fn ratings<'r>(
    review: &'r Review,
    question: &'r str,
    cfg: &'r PulseConfig,
    as_of: NaiveDate,
) -> impl Iterator<Item = (Option<&'r str>, i64)> + 'r {
    counted(review, as_of).flat_map(move |resp| {
        resp.ratings
            .iter()
            .filter(move |r| r.question == question)
            .filter_map(|r| r.value)
            .filter(|v| cfg.in_scale(*v))
            .map(move |v| (resp.by.as_ref().map(|b| b.value.as_str()), v))
    })
}

fn counted(review: &Review, as_of: NaiveDate) -> impl Iterator<Item = &crate::record::Response> {
    review.responses.iter().filter(move |r| {
        r.date
            .as_ref()
            .and_then(|d| d.date)
            .is_none_or(|d| d <= as_of)
    })
}

/// The pulse reviews in scope, in the order they are compared.
fn pulse_reviews<'a>(scope: &Scope<'a, '_>) -> Vec<(&'a Review, Option<NaiveDate>)> {
    let mut out: Vec<(&Review, Option<NaiveDate>)> = scope
        .reviews
        .iter()
        .filter(|r| r.kind == Some(ReviewKind::Pulse))
        .map(|r| (*r, scope.dates.review(r).map(|d| d.date)))
        .collect();
    out.sort_by(|a, b| (a.1.is_none(), a.1, &a.0.id).cmp(&(b.1.is_none(), b.1, &b.0.id)));
    out
}

pub fn pulse(scope: &Scope) -> Pulse {
    let cfg = PulseConfig::of(scope.charter);
    let as_of = scope.opts.as_of;
    let reviews = pulse_reviews(scope);
    let mut pulses: Vec<PulseRow> = Vec::new();
    // Per question: (pulse id, mean) of the last pulse with ratings.
    let mut last: BTreeMap<&str, (String, f64)> = BTreeMap::new();
    let mut pooled: BTreeMap<&str, (Vec<f64>, usize)> = BTreeMap::new();
    for (review, date) in &reviews {
        let invited = scope.people.expand_all(&review.invited);
        let named: BTreeSet<String> = counted(review, as_of)
            .filter_map(|r| r.by.as_ref())
            .flat_map(|b| scope.people.expand(&b.value))
            .collect();
        let responses = counted(review, as_of).count();
        let anonymous = counted(review, as_of).filter(|r| r.by.is_none()).count();
        let mut questions = Vec::new();
        for q in &cfg.questions {
            let given: Vec<(Option<&str>, i64)> = ratings(review, q, &cfg, as_of).collect();
            let values: Vec<f64> = given.iter().map(|(_, v)| *v as f64).collect();
            let mut distribution = vec![0; usize::try_from(cfg.scale).unwrap_or(0)];
            for (_, v) in &given {
                distribution[(*v - 1) as usize] += 1;
            }
            let answered: BTreeSet<String> = given
                .iter()
                .filter_map(|(by, _)| *by)
                .flat_map(|b| scope.people.expand(b))
                .filter(|p| invited.contains(p))
                .collect();
            let mean = Mean::of(&values);
            let (change, previous, previous_mean) = match (mean.value, last.get(q.as_str())) {
                (Some(m), Some((id, before))) => {
                    (Some(m - before), Some(id.clone()), Some(*before))
                }
                _ => (None, None, None),
            };
            if let Some(m) = mean.value {
                last.insert(q, (review.id.clone(), m));
            }
            let entry = pooled.entry(q).or_default();
            entry.0.extend(&values);
            entry.1 += usize::from(!values.is_empty());
            questions.push(QuestionFigures {
                question: q.clone(),
                mean,
                distribution,
                response_rate: Ratio::new(answered.len(), invited.len()),
                dropped: change.is_some_and(|c| -c - cfg.drop > 1e-9),
                change,
                previous,
                previous_mean,
            });
        }
        pulses.push(PulseRow {
            id: review.id.clone(),
            title: review.title.as_ref().map(|t| t.value.to_string()),
            date: *date,
            path: review.meta.path.to_string(),
            invited: invited.len(),
            responses,
            anonymous,
            response_rate: Ratio::new(named.intersection(&invited).count(), invited.len()),
            uninvited: named.difference(&invited).count(),
            questions,
            comments: counted(review, as_of)
                .filter_map(|r| {
                    let text = r.comment.as_ref()?.value.trim();
                    (!text.is_empty()).then(|| Comment {
                        by: r.by.as_ref().map(|b| scope.people.person(&b.value)),
                        text: text.to_string(),
                    })
                })
                .collect(),
        });
    }
    let means = cfg
        .questions
        .iter()
        .map(|q| {
            let (values, n) = pooled.get(q.as_str()).cloned().unwrap_or_default();
            QuestionMean {
                question: q.clone(),
                mean: Mean::of(&values),
                pulses: n,
            }
        })
        .collect();
    Pulse {
        questions: cfg.questions.clone(),
        scale: cfg.scale,
        drop_threshold: cfg.drop,
        pulses,
        means,
        outcomes: Vec::new(),
    }
}

/// Each decision's mean rating of each question, over the pulses in scope
/// that list it under `decisions`.
fn means_by_decision(scope: &Scope) -> BTreeMap<(String, String), f64> {
    let cfg = PulseConfig::of(scope.charter);
    let mut values: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for (review, _) in pulse_reviews(scope) {
        let ids: BTreeSet<String> = review.decisions.iter().map(|r| r.id.to_string()).collect();
        for q in &cfg.questions {
            let given: Vec<f64> = ratings(review, q, &cfg, scope.opts.as_of)
                .map(|(_, v)| v as f64)
                .collect();
            for id in &ids {
                values
                    .entry((q.clone(), id.clone()))
                    .or_default()
                    .extend(&given);
            }
        }
    }
    values
        .into_iter()
        .filter_map(|(k, v)| Mean::of(&v).value.map(|m| (k, m)))
        .collect()
}

/// Spearman's ρ between each pulse question's mean per decision and each
/// outcome metric, under the same rule as participation: at least
/// [`MIN_DECISIONS`] decisions, else withheld.
pub fn outcomes(scope: &Scope, points: &[OutcomePoint]) -> Vec<PulseCorrelation> {
    let means = means_by_decision(scope);
    if means.is_empty() {
        return Vec::new();
    }
    let cfg = PulseConfig::of(scope.charter);
    let metrics: BTreeSet<&str> = points.iter().map(|p| p.metric.as_str()).collect();
    let mut out = Vec::new();
    for q in &cfg.questions {
        for metric in &metrics {
            let (x, y): (Vec<f64>, Vec<f64>) = points
                .iter()
                .filter(|p| p.metric == *metric)
                .filter_map(|p| {
                    means
                        .get(&(q.clone(), p.decision.clone()))
                        .map(|m| (*m, p.value))
                })
                .unzip();
            if x.is_empty() {
                continue;
            }
            let n = x.len();
            let (rho, withheld) = if n < MIN_DECISIONS {
                (None, Some(Withheld::TooFew))
            } else {
                match spearman(&x, &y) {
                    Some(rho) => (Some(rho), None),
                    None => (None, Some(Withheld::NoVariation)),
                }
            };
            out.push(PulseCorrelation {
                question: q.clone(),
                metric: metric.to_string(),
                n,
                rho,
                withheld,
            });
        }
    }
    out
}

/// One question of the latest pulse against the pulse before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift {
    pub question: String,
    pub before: Option<f64>,
    pub now: f64,
    pub dropped: bool,
}

/// The latest pulse in a sentence's worth of facts, for the digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulseBrief {
    pub id: String,
    pub date: NaiveDate,
    pub response_rate: Ratio,
    pub responses: usize,
    /// Questions with a mean, in the charter's order.
    pub shifts: Vec<Shift>,
    /// The date of the pulse compared with, when every shift has the same one.
    pub previous: Option<NaiveDate>,
    /// The decisions the pulse names, as `0026 Title`.
    pub decisions: Vec<String>,
    /// Comments, by display name (`None`: anonymous).
    pub comments: Vec<Comment>,
}

/// The latest dated pulse, against the one before it.
pub fn brief(scope: &Scope, pulse: &Pulse, name: impl Fn(&str) -> String) -> Option<PulseBrief> {
    let latest = pulse.latest()?;
    let date_of = |id: &str| {
        pulse
            .pulses
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.date)
    };
    let shifts: Vec<Shift> = latest
        .questions
        .iter()
        .filter_map(|q| {
            Some(Shift {
                question: q.question.clone(),
                now: q.mean.value?,
                before: q.previous_mean,
                dropped: q.dropped,
            })
        })
        .collect();
    let mut previous: Vec<Option<NaiveDate>> = latest
        .questions
        .iter()
        .filter_map(|q| q.previous.as_deref().map(date_of))
        .collect();
    previous.dedup();
    let review = scope.reviews.iter().find(|r| r.id == latest.id)?;
    let decisions = review
        .decisions
        .iter()
        .map(|r| {
            let title = scope
                .by_id()
                .get(&r.id)
                .and_then(|ds| ds.first())
                .and_then(|d| d.title.as_ref())
                .map(|t| format!(" {}", t.value))
                .unwrap_or_default();
            format!("{}{title}", r.id)
        })
        .collect();
    Some(PulseBrief {
        id: latest.id.clone(),
        date: latest.date?,
        response_rate: latest.response_rate,
        responses: latest.responses,
        shifts,
        previous: match previous.as_slice() {
            [one] => *one,
            _ => None,
        },
        decisions,
        comments: latest
            .comments
            .iter()
            .map(|c| Comment {
                by: c.by.as_deref().map(&name),
                text: c.text.clone(),
            })
            .collect(),
    })
}
