//! The records a report's figures are computed over, and the lookups
//! every figure shares ([`Scope`]).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::participation::{Index, Reviews};
use super::people::Resolver;
use super::{Dated, Dates, MetricsOptions};
use crate::log::Log;
use crate::record::{Action, Charter, DateField, Decision, Id, Review};

/// Every decision of a log by id.
pub(crate) type ById<'a> = foldhash::HashMap<&'a crate::record::Id, Vec<&'a Decision>>;

/// The records in scope and the lookups every metric shares: `'a` is the
/// log's, which the figures borrow from, `'o` the options'.
pub struct Scope<'a, 'o> {
    pub log: &'a Log,
    pub opts: &'o MetricsOptions,
    pub dates: &'o Dates,
    pub people: Resolver<'a>,
    pub charter: Option<&'a Charter>,
    /// Decisions in the window, about the model, dated on or before T.
    pub decisions: Vec<&'a Decision>,
    /// Reviews in the window, about a decision in scope when a model is
    /// chosen, dated on or before T.
    pub reviews: Vec<&'a Review>,
    /// The reviews' feedback and listings by decision, made when a
    /// figure first asks ([`Scope::index`]).
    index: OnceLock<Reviews<'a>>,
    /// Every decision of the log by id, made when a figure first asks
    /// ([`Scope::by_id`]).
    by_id: OnceLock<ById<'a>>,
    /// The same lookups, made by the caller for many scopes over one log
    /// ([`Scope::sharing`]).
    shared: Option<&'o Shared<'a>>,
    /// Records left out because they are dated after T.
    pub after_as_of: usize,
    /// Records left out of a window because nothing dates them.
    pub undated_outside_window: usize,
    /// Records (kept or left out) whose `date` is not a real date.
    pub invalid_dates: usize,
    /// Records left out because their front matter is missing or broken.
    pub unreadable: usize,
}

/// A record a scope may hold, with what choosing it reads.
struct Entry<'a, T> {
    record: &'a T,
    /// Its `date`, else the date git gives it.
    date: Option<Dated>,
    /// Whether it has a `date` that is not a real date.
    invalid: bool,
}

impl<'a, T> Entry<'a, T> {
    fn new(record: &'a T, field: Option<&DateField>, date: Option<Dated>) -> Entry<'a, T> {
        Entry {
            record,
            date,
            invalid: field.is_some_and(|f| f.date.is_none()),
        }
    }
}

/// The records any scope over a log and a model may hold, in log order,
/// each with its date: every readable decision about the model and every
/// readable review. A scope chooses from these compact entries, in order,
/// rather than from the records (a trend makes hundreds of scopes over
/// one log).
pub(crate) struct Timeline<'a> {
    model: Option<String>,
    decisions: Vec<Entry<'a, Decision>>,
    reviews: Vec<Entry<'a, Review>>,
    /// Records whose front matter is missing or broken.
    unreadable: usize,
}

impl<'a> Timeline<'a> {
    pub(crate) fn new(log: &'a Log, dates: &Dates, model: Option<&str>) -> Timeline<'a> {
        // A record whose front matter could not be read has no trustworthy
        // field: counting it would report its blanks as missing engagement.
        let unreadable = log
            .decisions
            .iter()
            .map(|d| &d.meta)
            .chain(log.reviews.iter().map(|r| &r.meta))
            .filter(|m| !m.parsed())
            .count();
        let decisions = log
            .decisions
            .iter()
            .filter(|d| d.meta.parsed())
            .filter(|d| {
                model.is_none_or(|m| {
                    d.model
                        .as_ref()
                        .is_some_and(|x| x.value.trim().eq_ignore_ascii_case(m.trim()))
                })
            })
            .map(|d| Entry::new(d, d.date.as_ref(), dates.decision(d)))
            .collect();
        let reviews = log
            .reviews
            .iter()
            .filter(|r| r.meta.parsed())
            .map(|r| Entry::new(r, r.date.as_ref(), dates.review(r)))
            .collect();
        Timeline {
            model: model.map(str::to_string),
            decisions,
            reviews,
            unreadable,
        }
    }

    /// Every action of these records, each with the first as-of date on
    /// which the state of a report (never windowed) holds its record
    /// (`NaiveDate::MIN`: every date): a decision from its date, an
    /// undated one always; a review from its date, and when a model is
    /// chosen, only once a decision about the model that it names is held
    /// too, as [`Scope::new`] chooses them.
    pub(crate) fn actions(&self) -> Vec<(NaiveDate, &'a Action)> {
        let from = |date: Option<Dated>| date.map_or(NaiveDate::MIN, |d| d.date);
        let mut out: Vec<(NaiveDate, &Action)> = self
            .decisions
            .iter()
            .flat_map(|e| e.record.actions.iter().map(move |a| (from(e.date), a)))
            .collect();
        // The first date each id is held on, when a model limits reviews.
        let mut held: foldhash::HashMap<&Id, NaiveDate> = Default::default();
        if self.model.is_some() {
            for e in &self.decisions {
                if let Some(id) = &e.record.id {
                    let day = held.entry(id).or_insert(NaiveDate::MAX);
                    *day = (*day).min(from(e.date));
                }
            }
        }
        for e in &self.reviews {
            let r = e.record;
            let about = if self.model.is_none() {
                Some(NaiveDate::MIN)
            } else {
                about(r).filter_map(|id| held.get(id).copied()).min()
            };
            if let Some(about) = about {
                let day = from(e.date).max(about);
                out.extend(r.actions.iter().map(|a| (day, a)));
            }
        }
        out
    }
}

/// The decisions a review is about, when a model limits the reviews to
/// its decisions': those it lists, those its feedback is on and those its
/// outcomes observe.
fn about(r: &Review) -> impl Iterator<Item = &Id> {
    r.decisions
        .iter()
        .map(|x| &x.id)
        .chain(
            r.feedback
                .iter()
                .filter_map(|f| f.on.as_ref().map(|x| &x.id)),
        )
        .chain(
            r.outcomes
                .iter()
                .filter_map(|o| o.decision.as_ref().map(|x| &x.id)),
        )
}

/// What the many scopes of a trend share, made once over its log: the
/// records to choose from, the decisions by id, and the reviews' index up
/// to the last period's end.
pub(crate) struct Shared<'a> {
    pub(crate) timeline: Timeline<'a>,
    ids: ById<'a>,
    reviews: Reviews<'a>,
}

impl<'a> Shared<'a> {
    /// For scopes over `log` about the model of `opts`, dated up to `until`.
    pub(crate) fn new(log: &'a Log, opts: &MetricsOptions, until: NaiveDate) -> Shared<'a> {
        Shared {
            timeline: Timeline::new(log, &opts.dates, opts.model.as_deref()),
            ids: by_id(log),
            reviews: Reviews::new(&log.reviews, &opts.dates, until),
        }
    }
}

impl<'a, 'o> Scope<'a, 'o> {
    pub fn new(log: &'a Log, opts: &'o MetricsOptions) -> Scope<'a, 'o> {
        let timeline = Timeline::new(log, &opts.dates, opts.model.as_deref());
        Scope::choosing(log, opts, &timeline)
    }

    /// A scope over `log` that takes its records from `shared.timeline`
    /// and its lookups from `shared`, all made over the same log and
    /// model, the reviews' index up to T at least: for the many scopes
    /// of a trend.
    pub(crate) fn sharing(
        log: &'a Log,
        opts: &'o MetricsOptions,
        shared: &'o Shared<'a>,
    ) -> Scope<'a, 'o> {
        Scope {
            shared: Some(shared),
            ..Scope::choosing(log, opts, &shared.timeline)
        }
    }

    /// The scope of `opts` over the records of `timeline`, made over
    /// `log` about the model of `opts`.
    fn choosing(log: &'a Log, opts: &'o MetricsOptions, timeline: &Timeline<'a>) -> Scope<'a, 'o> {
        debug_assert_eq!(timeline.model, opts.model);
        let windowed = opts.is_windowed();
        let mut after_as_of = 0;
        let mut undated_outside_window = 0;
        let mut invalid_dates = 0;
        let mut keep = |invalid: bool, date: Option<Dated>| {
            invalid_dates += usize::from(invalid);
            match date {
                Some(d) if d.date > opts.as_of => {
                    after_as_of += 1;
                    false
                }
                Some(d) => {
                    opts.since.is_none_or(|s| d.date >= s) && opts.until.is_none_or(|u| d.date <= u)
                }
                None if windowed => {
                    undated_outside_window += 1;
                    false
                }
                None => true,
            }
        };
        let decisions: Vec<&Decision> = timeline
            .decisions
            .iter()
            .filter(|e| keep(e.invalid, e.date))
            .map(|e| e.record)
            .collect();
        // Only a chosen model limits the reviews to those about its
        // decisions; the set is not made otherwise (every decision up to T
        // for the state of a report, once per period of a trend).
        let ids: BTreeSet<&crate::record::Id> = match opts.model {
            Some(_) => decisions.iter().filter_map(|d| d.id.as_ref()).collect(),
            None => BTreeSet::new(),
        };
        let reviews: Vec<&Review> = timeline
            .reviews
            .iter()
            .filter(|e| opts.model.is_none() || about(e.record).any(|id| ids.contains(id)))
            .filter(|e| keep(e.invalid, e.date))
            .map(|e| e.record)
            .collect();
        Scope {
            log,
            opts,
            dates: &opts.dates,
            people: Resolver::new(log.people.as_ref()),
            charter: log.charter.as_ref(),
            decisions,
            reviews,
            index: OnceLock::new(),
            by_id: OnceLock::new(),
            shared: None,
            after_as_of,
            undated_outside_window,
            invalid_dates,
            unreadable: timeline.unreadable,
        }
    }

    /// The feedback reviews give on each decision and the reviews listing
    /// it, from every review dated up to T: the caller's, for a scope
    /// that shares a trend's lookups, else made once, on first use (a
    /// scope that reads no feedback, such as a windowed report's state,
    /// never makes it).
    pub(crate) fn index(&self) -> Index<'_, 'a> {
        let reviews = match self.shared {
            Some(shared) => &shared.reviews,
            None => self
                .index
                .get_or_init(|| Reviews::new(&self.log.reviews, self.dates, self.opts.as_of)),
        };
        reviews.on(self.opts.as_of)
    }

    /// Every decision of the log by id, for reviews that name them. Made
    /// once, on first use, unless the scope shares the caller's.
    pub(crate) fn by_id(&self) -> &ById<'a> {
        match self.shared {
            Some(shared) => &shared.ids,
            None => self.by_id.get_or_init(|| by_id(self.log)),
        }
    }
}

/// Every decision of `log` by id.
pub(crate) fn by_id(log: &Log) -> ById<'_> {
    let mut map = ById::default();
    for d in &log.decisions {
        if let Some(id) = &d.id {
            map.entry(id).or_default().push(d);
        }
    }
    map
}
