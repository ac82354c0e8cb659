//! Qualitative signals (SPEC §6, "Pulse and signals"): the trust, fairness,
//! user-friction, clarity and risk concerns behind stakeholder feedback, as
//! counts, as the concerns still open, and as the decisions that drew
//! fairness or user-friction concerns. Also the risks decisions record,
//! and how many have no mitigation.
//!
//! The feedback counted is about a decision in scope: written in the
//! decision, or in a review with `on:` naming it; dated on or before the
//! as-of date (a review entry without a date takes the review's; an entry
//! with no date at all is counted).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::stats::Count;
use super::{Scope, is_placeholder};
use crate::record::{PulseConfig, Stance, pulse::signal_word};

/// The two signals the report lists decisions for.
pub const WATCHED: &[&str] = &["fairness", "user-friction"];

/// How many feedback entries carry one signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignalCount {
    pub signal: String,
    /// Entries carrying it, over every feedback entry counted.
    pub count: Count,
    /// Whether the signal is outside the log's set (DL064 reports it).
    pub unknown: bool,
}

/// A signalled concern, objection or veto.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concern {
    pub by: Option<String>,
    pub stance: Stance,
    pub signals: Vec<String>,
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
    /// Resolved on or before the as-of date.
    pub resolved: bool,
}

/// One decision's signalled concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionConcerns {
    pub id: Option<String>,
    pub title: Option<String>,
    pub status: &'static str,
    pub concerns: Vec<Concern>,
}

impl DecisionConcerns {
    pub fn open(&self) -> impl Iterator<Item = &Concern> {
        self.concerns.iter().filter(|c| !c.resolved)
    }

    /// Concerns, open or not, that carry a watched signal.
    pub fn watched(&self) -> impl Iterator<Item = &Concern> {
        self.concerns
            .iter()
            .filter(|c| c.signals.iter().any(|s| WATCHED.contains(&s.as_str())))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signals {
    /// Feedback entries counted.
    pub feedback: usize,
    /// Of those, entries with at least one signal.
    pub signalled: usize,
    /// The log's signals in order, then any outside the set.
    pub counts: Vec<SignalCount>,
    /// Open signalled concerns, over signalled concerns.
    pub open: Count,
    /// Decisions with at least one signalled concern, objection or veto.
    pub decisions: Vec<DecisionConcerns>,
}

impl Signals {
    /// Whether there is anything to show: a log without signals reports as before.
    pub fn is_empty(&self) -> bool {
        self.signalled == 0
    }
}

fn is_concern(stance: Option<Stance>) -> Option<Stance> {
    stance.filter(|s| matches!(s, Stance::Concern | Stance::Objection | Stance::Veto))
}

pub fn signals(scope: &Scope) -> Signals {
    let cfg = PulseConfig::of(scope.charter);
    let as_of = scope.opts.as_of;
    let mut feedback = 0;
    let mut signalled = 0;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut total_concerns = 0;
    let mut open = 0;
    let mut decisions = Vec::new();
    for d in &scope.decisions {
        let mut concerns = Vec::new();
        for (f, review) in scope.index().feedback_on(d) {
            let date = scope.dates.feedback(f, review);
            if date.is_some_and(|x| x > as_of) {
                continue;
            }
            feedback += 1;
            let mut words: Vec<String> = Vec::new();
            for s in &f.signals {
                let w = signal_word(&s.value);
                if !w.is_empty() && !words.contains(&w) {
                    words.push(w);
                }
            }
            if words.is_empty() {
                continue;
            }
            signalled += 1;
            for w in &words {
                *counts.entry(w.clone()).or_default() += 1;
            }
            let Some(stance) = is_concern(f.stance) else {
                continue;
            };
            let resolved = f
                .resolved()
                .and_then(|r| r.date)
                .is_some_and(|r| r <= as_of);
            total_concerns += 1;
            open += usize::from(!resolved);
            concerns.push(Concern {
                by: f.by.as_ref().map(|b| scope.people.person(&b.value)),
                stance,
                signals: words,
                date,
                note: f.note.as_ref().map(|n| n.value.to_string()),
                resolved,
            });
        }
        if !concerns.is_empty() {
            decisions.push(DecisionConcerns {
                id: d.id.as_ref().map(|i| i.to_string()),
                title: d.title.as_ref().map(|t| t.value.to_string()),
                status: d.status_word(),
                concerns,
            });
        }
    }
    let mut list: Vec<SignalCount> = cfg
        .signals
        .iter()
        .map(|s| SignalCount {
            signal: s.clone(),
            count: Count {
                count: counts.remove(s).unwrap_or(0),
                n: feedback,
            },
            unknown: false,
        })
        .collect();
    list.extend(counts.into_iter().map(|(signal, count)| SignalCount {
        signal,
        count: Count { count, n: feedback },
        unknown: true,
    }));
    Signals {
        feedback,
        signalled,
        counts: list,
        open: Count {
            count: open,
            n: total_concerns,
        },
        decisions,
    }
}

/// The risks decisions in scope record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Risks {
    /// Risk entries, over the decisions in scope.
    pub recorded: Count,
    /// Of those, entries with no mitigation (missing, empty or a placeholder).
    pub without_mitigation: Count,
}

pub fn risks(scope: &Scope) -> Risks {
    let mut recorded = 0;
    let mut bare = 0;
    for d in &scope.decisions {
        for r in &d.risks {
            recorded += 1;
            let mitigated = r
                .mitigation
                .as_ref()
                .is_some_and(|m| !m.value.trim().is_empty() && !is_placeholder(&m.value));
            bare += usize::from(!mitigated);
        }
    }
    Risks {
        recorded: Count {
            count: recorded,
            n: scope.decisions.len(),
        },
        without_mitigation: Count {
            count: bare,
            n: recorded,
        },
    }
}
