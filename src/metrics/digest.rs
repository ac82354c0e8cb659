//! The facts behind `decide digest`: what a stakeholder who reads no
//! tables needs to know since a date. What was decided and why, what is
//! waiting for whose answer, which objections are still open, which
//! actions are late, and which decisions are due for another look.

use chrono::NaiveDate;
use serde::Serialize;

use super::actions::{self, ActionItem, ActionState, Revisit};
use super::reader::{self, ForPerson};
use super::waiting::{Waiting, waiting};
use super::{MetricsOptions, Scope};
use crate::log::Log;
use crate::record::{Decision, ReviewKind, Stance, Status};

/// A decision taken since the digest's start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decided {
    pub id: Option<String>,
    pub title: Option<String>,
    pub status: &'static str,
    pub decided: NaiveDate,
    /// The first sentence of the rationale.
    pub reason: Option<String>,
}

/// A stamped status change (`status-history`) inside the digest's window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChanged {
    pub id: Option<String>,
    pub title: Option<String>,
    pub status: &'static str,
    pub date: NaiveDate,
}

/// A proposal still open, and who has not answered it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposed {
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The respond-by of an async review about it, else `date` + charter `response-days`.
    pub due: Option<NaiveDate>,
    /// Days since it was proposed, on the as-of date.
    pub open_days: Option<i64>,
    /// Who has not given a view, with their deadlines, and what blocks it.
    pub waiting: Waiting,
}

/// An objection or veto with no `resolved` date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objection {
    pub id: Option<String>,
    pub title: Option<String>,
    pub status: &'static str,
    pub by: String,
    pub stance: Stance,
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest<'a> {
    pub since: NaiveDate,
    pub as_of: NaiveDate,
    pub decided: Vec<Decided>,
    /// Status changes stamped from `since` to the as-of date, oldest first.
    pub status_changes: Vec<StatusChanged>,
    pub proposed: Vec<Proposed>,
    pub objections: Vec<Objection>,
    pub overdue: Vec<ActionItem<'a>>,
    pub revisits: Vec<Revisit>,
    /// The latest pulse, when the log has one.
    pub pulse: Option<super::pulse::PulseBrief>,
    /// Open fairness and user-friction concerns on live decisions.
    pub signalled: Vec<SignalledConcern>,
    /// Outcomes observed in the period, or targets whose date passed in it
    /// with nothing measured.
    pub targets: Vec<super::targets::Target>,
    /// The auditor's registers, for the digest's one-paragraph summary of them.
    pub registers: super::registers::Registers<'a>,
    /// The model the digest is limited to.
    pub model: Option<String>,
    /// `--for P`: that reader's own view, instead of the team's.
    pub reader: Option<ForPerson<'a>>,
}

/// An open concern, objection or veto that carries a fairness or
/// user-friction signal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignalledConcern {
    pub id: Option<String>,
    pub title: Option<String>,
    pub by: String,
    pub stance: Stance,
    pub signals: Vec<String>,
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
}

/// Builds the digest from `since` to `opts.as_of`. Decisions taken count
/// from `since`; open proposals, objections, overdue actions and revisits
/// are the state on the as-of date, whenever they began.
pub fn digest<'a>(
    log: &'a Log,
    opts: &MetricsOptions,
    since: NaiveDate,
    for_person: Option<&str>,
) -> Digest<'a> {
    let scope = Scope::new(log, opts);
    let as_of = opts.as_of;
    let display = |key: &String| -> String { scope.people.shown(key).to_string() };
    let id = |d: &Decision| d.id.as_ref().map(|i| i.to_string());
    let title = |d: &Decision| d.title.as_ref().map(|t| t.value.to_string());
    // An action's owner as the digest names them, borrowed from the log.
    let owner = |key: &'a str| -> &'a str { scope.people.shown(key) };

    let mut decided: Vec<Decided> = scope
        .decisions
        .iter()
        .filter_map(|d| {
            let date = d.decided.as_ref().and_then(|x| x.date)?;
            (date >= since && date <= as_of && d.status != Some(Status::Draft)).then(|| Decided {
                id: id(d),
                title: title(d),
                status: d.status_word(),
                decided: date,
                reason: d
                    .body
                    .rationale()
                    .map(|s| s.content.as_deref().unwrap_or_default())
                    .filter(|content| !super::is_placeholder(content))
                    .and_then(first_sentence),
            })
        })
        .collect();
    decided.sort_by(|a, b| (a.decided, &a.id).cmp(&(b.decided, &b.id)));

    let mut status_changes: Vec<StatusChanged> = scope
        .decisions
        .iter()
        .flat_map(|d| {
            d.status_history.iter().filter_map(move |c| {
                let date = c.date.as_ref().and_then(|x| x.date)?;
                Some(StatusChanged {
                    id: id(d),
                    title: title(d),
                    status: c.status?.as_str(),
                    date,
                })
            })
        })
        .filter(|c| c.date >= since && c.date <= as_of)
        .collect();
    status_changes.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));

    let response_days = scope.charter.and_then(|c| c.response_days);
    let proposed = scope
        .decisions
        .iter()
        .filter(|d| d.status == Some(Status::Proposed))
        .map(|d| {
            let date = scope.dates.decision(d).map(|x| x.date);
            // An async review's respond-by is the deadline people were given.
            let respond_by = d.id.as_ref().and_then(|id| {
                scope
                    .index()
                    .listing(id)
                    .filter(|r| r.kind == Some(ReviewKind::Async))
                    .filter_map(|r| r.respond_by.as_ref().and_then(|x| x.date))
                    .max()
            });
            let mut w = waiting(&scope, d);
            for x in &mut w.waiting {
                x.person = display(&x.person);
            }
            for b in &mut w.blockers {
                b.who = b.who.as_ref().map(display);
            }
            Proposed {
                id: id(d),
                title: title(d),
                date,
                due: respond_by
                    .or_else(|| date.zip(response_days).map(|(d, n)| super::add_days(d, n))),
                open_days: date.map(|x| (as_of - x).num_days()),
                waiting: w,
            }
        })
        .collect();

    let mut objections = Vec::new();
    for d in &scope.decisions {
        // Once a decision is rejected, withdrawn or replaced, its open
        // objections no longer hold anything up.
        if matches!(
            d.status,
            Some(Status::Rejected | Status::Withdrawn | Status::Superseded | Status::Deprecated)
        ) {
            continue;
        }
        for (f, _) in scope.index().feedback_on(d) {
            let open = matches!(f.stance, Some(Stance::Objection | Stance::Veto))
                && f.resolved().and_then(|r| r.date).is_none_or(|r| r > as_of);
            let date = f.date.as_ref().and_then(|x| x.date);
            if !open || date.is_some_and(|x| x > as_of) {
                continue;
            }
            objections.push(Objection {
                id: id(d),
                title: title(d),
                status: d.status_word(),
                by: f
                    .by
                    .as_ref()
                    .map(|b| display(&scope.people.person(&b.value)))
                    .unwrap_or_else(|| "someone".into()),
                stance: f.stance.unwrap_or(Stance::Objection),
                date,
                note: f.note.as_ref().map(|n| n.value.to_string()),
            });
        }
    }

    let mut overdue: Vec<ActionItem> = actions::items(&scope)
        .into_iter()
        .filter(|a| a.state == ActionState::Open && a.overdue_days.is_some())
        .map(|mut a| {
            a.owner = a.owner.map(owner);
            a
        })
        .collect();
    overdue.sort_by_key(|a| std::cmp::Reverse(a.overdue_days));

    let pulse = super::pulse::pulse(&scope);
    let pulse = super::pulse::brief(&scope, &pulse, |key| display(&key.to_string()));
    let mut signalled = Vec::new();
    for d in super::signals::signals(&scope).decisions {
        if matches!(
            d.status,
            "rejected" | "withdrawn" | "superseded" | "deprecated"
        ) {
            continue;
        }
        for c in d.watched().filter(|c| !c.resolved) {
            signalled.push(SignalledConcern {
                id: d.id.clone(),
                title: d.title.clone(),
                by: c.by.as_ref().map_or_else(|| "someone".into(), &display),
                stance: c.stance,
                signals: c
                    .signals
                    .iter()
                    .filter(|s| super::signals::WATCHED.contains(&s.as_str()))
                    .cloned()
                    .collect(),
                date: c.date,
                note: c.note.clone(),
            });
        }
    }
    Digest {
        pulse,
        signalled,
        since,
        as_of,
        decided,
        status_changes,
        proposed,
        objections,
        overdue,
        revisits: actions::revisits(&scope).due,
        targets: super::targets::targets(&scope)
            .targets
            .into_iter()
            .filter(|t| {
                let in_period = |d: Option<NaiveDate>| d.is_some_and(|d| d >= since && d <= as_of);
                in_period(t.observed_on)
                    || (t.verdict == super::targets::Verdict::NotYetMeasured && in_period(t.by))
            })
            .collect(),
        registers: super::registers::registers(&scope),
        model: opts.model.clone(),
        reader: for_person.map(|p| {
            let mut view = reader::for_person(&scope, p);
            for a in &mut view.actions {
                a.owner = a.owner.map(owner);
            }
            view
        }),
    }
}

/// The first sentence of a Markdown text, as plain words: the one-line
/// reason a stakeholder reads. Long sentences are cut at a word.
pub fn first_sentence(markdown: &str) -> Option<String> {
    let paragraph = markdown
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))?;
    let mut plain = String::new();
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' | '`' => {}
            '[' => {
                // [text](target) keeps the text.
                let text: String = chars.by_ref().take_while(|&c| c != ']').collect();
                plain.push_str(&text);
                if chars.peek() == Some(&'(') {
                    chars.by_ref().take_while(|&c| c != ')').for_each(drop);
                }
            }
            '\n' | '\r' | '\t' => {
                if !plain.ends_with(' ') {
                    plain.push(' ');
                }
            }
            _ => plain.push(c),
        }
    }
    let plain = plain
        .trim_start_matches(|c: char| c == '-' || c == '>' || c.is_whitespace())
        .trim();
    let mut end = plain.len();
    let bytes = plain.as_bytes();
    for (i, c) in plain.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(|b| *b == b' ') {
            // "e.g. ", "vs. " and decimal points do not end a sentence.
            let word = plain[..i]
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .trim_start_matches('(')
                .to_lowercase();
            let abbreviation = word.contains('.')
                || [
                    "vs", "cf", "dr", "mr", "ms", "mrs", "approx", "incl", "no", "fig",
                ]
                .contains(&word.as_str());
            if !word.is_empty() && !abbreviation {
                end = i + c.len_utf8();
                break;
            }
        }
    }
    let sentence = &plain[..end];
    const MAX: usize = 200;
    if sentence.chars().count() <= MAX {
        return (!sentence.is_empty()).then(|| sentence.to_string());
    }
    let cut: String = sentence.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_is_plain_and_short() {
        assert_eq!(
            first_sentence("Labels mature after **95 days**, so monthly is enough. More text.")
                .as_deref(),
            Some("Labels mature after 95 days, so monthly is enough.")
        );
        assert_eq!(
            first_sentence("See [the run](http://x/y) e.g. for AUC 0.84 details.\n\nSecond.")
                .as_deref(),
            Some("See the run e.g. for AUC 0.84 details.")
        );
        let long = "word ".repeat(100);
        let s = first_sentence(&long).unwrap();
        assert!(s.ends_with('…') && s.chars().count() <= 201, "{s}");
        assert_eq!(first_sentence("   "), None);
    }
}
