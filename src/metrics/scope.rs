//! The records a report's figures are computed over, and the lookups
//! every figure shares ([`Scope`]).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::participation::Index;
use super::people::Resolver;
use super::{Dated, Dates, MetricsOptions};
use crate::log::Log;
use crate::record::{Charter, Decision, Review};

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
    index: OnceLock<Index<'a>>,
    /// Every decision of the log by id, made when a figure first asks
    /// ([`Scope::by_id`]).
    by_id: OnceLock<ById<'a>>,
    /// The same, made by the caller for several scopes over one log
    /// ([`Scope::sharing`]).
    shared_ids: Option<&'o ById<'a>>,
    /// Records left out because they are dated after T.
    pub after_as_of: usize,
    /// Records left out of a window because nothing dates them.
    pub undated_outside_window: usize,
    /// Records (kept or left out) whose `date` is not a real date.
    pub invalid_dates: usize,
    /// Records left out because their front matter is missing or broken.
    pub unreadable: usize,
}

impl<'a, 'o> Scope<'a, 'o> {
    pub fn new(log: &'a Log, opts: &'o MetricsOptions) -> Scope<'a, 'o> {
        let dates = &opts.dates;
        let windowed = opts.is_windowed();
        let mut after_as_of = 0;
        let mut undated_outside_window = 0;
        let mut invalid_dates = 0;
        let mut keep = |field: Option<&crate::record::DateField>, date: Option<Dated>| {
            invalid_dates += usize::from(field.is_some_and(|f| f.date.is_none()));
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
        // A record whose front matter could not be read has no trustworthy
        // field: counting it would report its blanks as missing engagement.
        let unreadable = log
            .decisions
            .iter()
            .map(|d| &d.meta)
            .chain(log.reviews.iter().map(|r| &r.meta))
            .filter(|m| !m.parsed())
            .count();
        let decisions: Vec<&Decision> = log
            .decisions
            .iter()
            .filter(|d| d.meta.parsed())
            .filter(|d| {
                opts.model.as_ref().is_none_or(|m| {
                    d.model
                        .as_ref()
                        .is_some_and(|x| x.value.trim().eq_ignore_ascii_case(m.trim()))
                })
            })
            .filter(|d| keep(d.date.as_ref(), dates.decision(d)))
            .collect();
        // Only a chosen model limits the reviews to those about its
        // decisions; the set is not made otherwise (every decision up to T
        // for the state of a report, once per period of a trend).
        let ids: BTreeSet<&crate::record::Id> = match opts.model {
            Some(_) => decisions.iter().filter_map(|d| d.id.as_ref()).collect(),
            None => BTreeSet::new(),
        };
        let reviews: Vec<&Review> = log
            .reviews
            .iter()
            .filter(|r| r.meta.parsed())
            .filter(|r| {
                opts.model.is_none()
                    || r.decisions.iter().any(|x| ids.contains(&x.id))
                    || r.feedback
                        .iter()
                        .any(|f| f.on.as_ref().is_some_and(|x| ids.contains(&x.id)))
                    || r.outcomes
                        .iter()
                        .any(|o| o.decision.as_ref().is_some_and(|x| ids.contains(&x.id)))
            })
            .filter(|r| keep(r.date.as_ref(), dates.review(r)))
            .collect();
        Scope {
            log,
            opts,
            dates,
            people: Resolver::new(log.people.as_ref()),
            charter: log.charter.as_ref(),
            decisions,
            reviews,
            index: OnceLock::new(),
            by_id: OnceLock::new(),
            shared_ids: None,
            after_as_of,
            undated_outside_window,
            invalid_dates,
            unreadable,
        }
    }

    /// The feedback reviews give on each decision and the reviews listing
    /// it, from every review dated up to T. Made once, on first use: a
    /// scope that reads no feedback (the state each period of a trend
    /// reads for its overdue actions) never makes it.
    pub(crate) fn index(&self) -> &Index<'a> {
        self.index
            .get_or_init(|| Index::new(&self.log.reviews, self.dates, self.opts.as_of))
    }

    /// Every decision of the log by id, for reviews that name them. Made
    /// once, on first use, unless the scope shares the caller's.
    pub(crate) fn by_id(&self) -> &ById<'a> {
        match self.shared_ids {
            Some(ids) => ids,
            None => self.by_id.get_or_init(|| by_id(self.log)),
        }
    }

    /// A scope over `log` that looks decisions up by id in `ids`, made by
    /// [`by_id`] over the same log: for the many scopes of a trend.
    pub(crate) fn sharing(
        log: &'a Log,
        opts: &'o MetricsOptions,
        ids: &'o ById<'a>,
    ) -> Scope<'a, 'o> {
        Scope {
            shared_ids: Some(ids),
            ..Scope::new(log, opts)
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
