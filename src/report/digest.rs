//! `decide digest` as prose: a few short sections a stakeholder can read in
//! a minute, in Markdown (for a wiki, a chat or an e-mail) or plain text.

use std::borrow::Borrow;
use std::fmt::Write;

use super::markdown::prose;
use super::{clean, plural};
use chrono::NaiveDate;

use crate::metrics::digest::{Digest, Proposed};
use crate::metrics::reader::{self, ForPerson};
use crate::metrics::waiting::Asked;

/// One bullet: a lead (bold in Markdown) and the sentence after it.
struct Item {
    lead: String,
    text: String,
}

struct Part {
    title: &'static str,
    items: Vec<Item>,
    empty: &'static str,
}

fn label(id: &Option<String>, title: Option<&str>) -> String {
    match (id, title) {
        (Some(id), Some(t)) => format!("{id} {t}"),
        (Some(id), None) => id.clone(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "(untitled)".into(),
    }
}

fn names<S: Borrow<str>>(list: &[S]) -> String {
    match list {
        [] => String::new(),
        [one] => one.borrow().to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last.borrow()),
    }
}

fn asked_word(a: &Asked) -> String {
    match a {
        Asked::DecisionMaker => "decision-maker".into(),
        Asked::Consulted => "consulted".into(),
        Asked::Invited(review) => format!("invited to review {review}"),
    }
}

/// The three parts of one reader's own view.
fn reader_parts(v: &ForPerson, as_of: NaiveDate) -> Vec<Part> {
    let waiting = v
        .waiting
        .iter()
        .map(|w| {
            let why: Vec<String> = w.asked.iter().map(asked_word).collect();
            let mut text = format!("your view is asked ({})", why.join(", "));
            match w.due {
                Some(due) => {
                    let _ = write!(text, ", {}.", deadline(due, as_of));
                }
                None => text.push_str(", no deadline set."),
            }
            Item {
                lead: label(&w.id, w.title.as_deref()),
                text,
            }
        })
        .collect();
    let soon = crate::metrics::add_days(as_of, reader::SOON_DAYS);
    let actions = v
        .actions
        .iter()
        .map(|a| {
            let when = match (a.due, a.overdue_days) {
                (Some(due), Some(n)) => format!("due {due}, {} overdue", days(n)),
                (Some(due), None) if due <= soon => format!("due {due}, soon"),
                (Some(due), None) => format!("due {due}"),
                (None, _) => "no due date".into(),
            };
            Item {
                lead: format!("{}, action {}", a.source, a.number),
                text: format!(
                    "{} ({when}).",
                    a.note.unwrap_or("an action with no note").trim()
                ),
            }
        })
        .collect();
    let owns = v
        .owns
        .iter()
        .map(|o| Item {
            lead: label(&o.id, o.title.as_deref()),
            text: match o.revisit {
                Some(date) => format!("{}, revisit by {date}.", o.status),
                None => format!("{}.", o.status),
            },
        })
        .collect();
    vec![
        Part {
            title: "Waiting on your view",
            items: waiting,
            empty: "No open proposal waits on your view.",
        },
        Part {
            title: "Your open actions",
            items: actions,
            empty: "You have no open action.",
        },
        Part {
            title: "Decisions you own",
            items: owns,
            empty: "You own no decision in the log.",
        },
    ]
}

fn parts(d: &Digest) -> Vec<Part> {
    if let Some(v) = &d.reader {
        return reader_parts(v, d.as_of);
    }
    let decided = d
        .decided
        .iter()
        .map(|x| Item {
            lead: label(&x.id, x.title.as_deref()),
            text: format!(
                "{} on {}. {}",
                x.status,
                x.decided,
                x.reason
                    .clone()
                    .unwrap_or_else(|| "No rationale is recorded.".into())
            ),
        })
        .collect();
    let changes = d
        .status_changes
        .iter()
        .map(|c| Item {
            lead: label(&c.id, c.title.as_deref()),
            text: format!("{} on {}.", c.status, c.date),
        })
        .collect();
    let proposed = d
        .proposed
        .iter()
        .map(|p| Item {
            lead: label(&p.id, p.title.as_deref()),
            text: waiting_text(p, d.as_of),
        })
        .collect();
    let objections = d
        .objections
        .iter()
        .map(|o| {
            let mut text = format!("{} by {}", o.stance, o.by);
            if let Some(date) = o.date {
                let _ = write!(text, " on {date}");
            }
            let _ = write!(text, ", still open on this {} decision", o.status);
            match &o.note {
                Some(note) => {
                    let note = note.trim();
                    let end = if note.ends_with(['.', '!', '?', '\u{2026}']) {
                        ""
                    } else {
                        "."
                    };
                    let _ = write!(text, ": \u{201c}{note}\u{201d}{end}");
                }
                None => text.push('.'),
            }
            Item {
                lead: label(&o.id, o.title.as_deref()),
                text,
            }
        })
        .collect();
    let overdue = d
        .overdue
        .iter()
        .map(|a| Item {
            lead: a.owner.unwrap_or("No owner").to_string(),
            text: format!(
                "{} ({}, action {}), due {}, {} overdue.",
                a.note.unwrap_or("an action with no note").trim(),
                a.source,
                a.number,
                a.due.map(|x| x.to_string()).unwrap_or_default(),
                plural(a.overdue_days.unwrap_or(0) as usize, "day", "days")
            ),
        })
        .collect();
    let revisits = d
        .revisits
        .iter()
        .map(|v| {
            let when = match v.in_days {
                n if n < 0 => format!(
                    "{} overdue",
                    plural(n.unsigned_abs() as usize, "day", "days")
                ),
                0 => "today".into(),
                n => format!("in {}", plural(n as usize, "day", "days")),
            };
            let how = if v.implicit {
                " (charter default: decided + revisit-days)"
            } else {
                ""
            };
            Item {
                lead: label(&v.id, v.title.as_deref()),
                text: format!("revisit by {}, {when}{how}.", v.date),
            }
        })
        .collect();
    let targets = d
        .targets
        .iter()
        .map(|t| {
            let target = t.target.as_deref().unwrap_or("no target");
            let text = match (t.observed, t.observed_on) {
                (Some(v), Some(on)) => format!(
                    "{} (target {target}): observed {} on {on}, {}.",
                    t.metric,
                    super::number(v, 4),
                    t.verdict.as_str()
                ),
                _ => format!(
                    "{} (target {target}, by {}): not yet measured.",
                    t.metric,
                    t.by.map(|x| x.to_string()).unwrap_or_default()
                ),
            };
            Item {
                lead: label(&t.id, t.title.as_deref()),
                text,
            }
        })
        .collect();
    let mut all = vec![
        Part {
            title: "Decided",
            items: decided,
            empty: "Nothing was decided in this period.",
        },
        Part {
            title: "Status changes",
            items: changes,
            empty: "No status change is stamped in this period.",
        },
        Part {
            title: "Waiting for feedback",
            items: proposed,
            empty: "No proposal is waiting for feedback.",
        },
        Part {
            title: "Unresolved objections",
            items: objections,
            empty: "No objection or veto is unresolved.",
        },
        Part {
            title: "Overdue actions",
            items: overdue,
            empty: "No action is overdue.",
        },
        Part {
            title: "Outcomes against targets",
            items: targets,
            empty: "No outcome was observed, or fell due, in this period.",
        },
        Part {
            title: "Registers in short",
            items: registers(d),
            empty: "Nothing to record.",
        },
        Part {
            title: "Revisits coming up",
            items: revisits,
            empty: "No revisit is due in the next 30 days.",
        },
    ];
    all.extend(pulse_parts(d));
    all
}

/// `trust fell from 3.9 to 3.1`.
fn shift(s: &crate::metrics::pulse::Shift) -> String {
    let n = |v: f64| super::number(v, 1);
    match s.before {
        Some(b) if n(b) == n(s.now) => format!("{} held at {}", s.question, n(s.now)),
        Some(b) if s.now < b => format!(
            "{} fell from {} to {}{}",
            s.question,
            n(b),
            n(s.now),
            if s.dropped { " (a drop)" } else { "" }
        ),
        Some(b) => format!("{} rose from {} to {}", s.question, n(b), n(s.now)),
        None => format!("{} was {} (first asked)", s.question, n(s.now)),
    }
}

/// The latest pulse and the open fairness and user-friction concerns:
/// only when the log has them, so a digest without them reads as before.
fn pulse_parts(d: &Digest) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Some(p) = &d.pulse {
        let shifts: Vec<String> = p.shifts.iter().map(shift).collect();
        let mut text = if shifts.is_empty() {
            "no question was answered".to_string()
        } else {
            let mut s = names(&shifts);
            if let Some(prev) = p.previous {
                let _ = write!(s, " since the {prev} pulse");
            }
            s
        };
        match p.response_rate.value {
            Some(_) => {
                let _ = write!(
                    text,
                    "; {} of {} invited answered",
                    p.response_rate.num, p.response_rate.n
                );
            }
            None => {
                let _ = write!(text, "; {}", plural(p.responses, "response", "responses"));
            }
        }
        if !p.decisions.is_empty() {
            let _ = write!(text, ", after {}", names(&p.decisions));
        }
        text.push('.');
        let mut items = vec![Item {
            lead: format!("Pulse of {}", p.date),
            text: {
                let mut chars = text.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            },
        }];
        items.extend(p.comments.iter().map(|c| Item {
            lead: c.by.clone().unwrap_or_else(|| "Anonymous".into()),
            text: format!("\u{201c}{}\u{201d}", c.text.trim()),
        }));
        parts.push(Part {
            title: "Stakeholder pulse",
            items,
            empty: "",
        });
    }
    if !d.signalled.is_empty() {
        let items = d
            .signalled
            .iter()
            .map(|c| {
                let mut text = format!("{} {} by {}", c.signals.join(" and "), c.stance, c.by);
                if let Some(date) = c.date {
                    let _ = write!(text, " on {date}");
                }
                match &c.note {
                    Some(note) => {
                        let note = note.trim();
                        let end = if note.ends_with(['.', '!', '?', '\u{2026}']) {
                            ""
                        } else {
                            "."
                        };
                        let _ = write!(text, ": \u{201c}{note}\u{201d}{end}");
                    }
                    None => text.push('.'),
                }
                Item {
                    lead: label(&c.id, c.title.as_deref()),
                    text,
                }
            })
            .collect();
        parts.push(Part {
            title: "Open fairness and user-friction concerns",
            items,
            empty: "",
        });
    }
    parts
}

fn days(n: i64) -> String {
    plural(n.unsigned_abs() as usize, "day", "days")
}

/// `due 2026-12-02` or `due 2026-10-25, 31 days overdue`.
fn deadline(due: NaiveDate, as_of: NaiveDate) -> String {
    if due < as_of {
        format!("due {due}, {} overdue", days((as_of - due).num_days()))
    } else {
        format!("due {due}")
    }
}

/// A note cut to one short clause, in quotes.
fn quoted(note: &str) -> String {
    format!("\u{201c}{}\u{201d}", super::shorten(note.trim(), 90))
}

/// What an open proposal waits on: who has not given a view (attending a
/// meeting is not a view), under which deadline, and what blocks it.
/// Who a proposal waits on, grouped by the deadline that applies to each:
/// `Lee Park (due 2026-11-17, 8 days overdue); Felix Braun (due …)`.
pub(crate) fn waiting_on(p: &Proposed, as_of: NaiveDate) -> String {
    let w = &p.waiting;
    let mut groups: Vec<(Option<NaiveDate>, Vec<String>)> = Vec::new();
    let mut waiters: Vec<_> = w.waiting.iter().collect();
    waiters.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.person).cmp(&(b.due.is_none(), b.due, &b.person))
    });
    for x in waiters {
        match groups.last_mut() {
            Some((due, list)) if *due == x.due => list.push(x.person.clone()),
            _ => groups.push((x.due, vec![x.person.clone()])),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(due, list)| match due {
            Some(due) => format!("{} ({})", names(&list), deadline(due, as_of)),
            None => format!("{} (no deadline set)", names(&list)),
        })
        .collect();
    parts.join("; ")
}

fn waiting_text(p: &Proposed, as_of: NaiveDate) -> String {
    let w = &p.waiting;
    let mut text = String::new();
    match (p.date, p.open_days) {
        (Some(date), Some(n)) if n > 0 => {
            let _ = write!(text, "proposed {date}, open {}", days(n));
        }
        (Some(date), _) => {
            let _ = write!(text, "proposed {date}");
        }
        _ => text.push_str("proposed"),
    }
    text.push_str(". ");
    if w.nobody_consulted {
        text.push_str("Nobody consulted. ");
    }
    if w.expected == 0 {
        text.push_str("Nobody is asked for a view.");
    } else if w.waiting.is_empty() {
        let _ = write!(text, "Everyone asked ({}) has given a view.", w.expected);
    } else {
        let _ = write!(
            text,
            "Waiting on {}; {} of {} asked gave a view",
            waiting_on(p, as_of),
            w.gave_view,
            w.expected
        );
        if w.attended_only > 0 {
            let _ = write!(
                text,
                " ({} a meeting without giving one)",
                if w.attended_only == 1 {
                    "1 attended".to_string()
                } else {
                    format!("{} attended", w.attended_only)
                }
            );
        }
        text.push('.');
    }
    if !w.blockers.is_empty() {
        let items: Vec<String> = w
            .blockers
            .iter()
            .map(|b| {
                let who = b.who.as_deref().unwrap_or("someone");
                let mut s = if b.kind == "action" {
                    let mut s = format!("open action for {who}");
                    match (b.due, b.overdue_days) {
                        (Some(due), Some(n)) => {
                            let _ = write!(s, ", due {due}, {} overdue", days(n));
                        }
                        (Some(due), None) => {
                            let _ = write!(s, ", due {due}");
                        }
                        (None, _) => s.push_str(", no due date"),
                    }
                    s
                } else {
                    let mut s = format!("{} by {who}", b.kind);
                    if let (Some(since), Some(n)) = (b.since, b.open_days) {
                        let _ = write!(s, " since {since} ({} open)", days(n));
                    }
                    s
                };
                if let Some(note) = &b.note {
                    let _ = write!(s, ": {}", quoted(note));
                }
                s
            })
            .collect();
        let _ = write!(text, " Blocked by {}.", items.join("; "));
    }
    text
}

/// The auditor's registers in a few lines: raised points and how they were
/// resolved, decisions taken outside the charter's rights or by nobody
/// recorded, affected groups not heard (`decide report` has the tables).
fn registers(d: &Digest) -> Vec<Item> {
    let g = &d.registers;
    let mut items = Vec::new();
    if !g.raised.is_empty() {
        items.push(Item {
            lead: "Raised points".into(),
            text: format!(
                "{} (vetoes, objections, concerns, alternatives): {} still open, {} resolved with no written resolution.",
                g.raised.len(),
                g.open,
                g.resolved_without_note
            ),
        });
    }
    for a in g.approvals.iter().filter(|a| !a.outside_rights.is_empty()) {
        items.push(Item {
            lead: label(&a.id, a.title),
            text: format!(
                "decided by {}, outside the charter's decision rights ({}).",
                names(&a.outside_rights),
                a.rights_holders.join(", ")
            ),
        });
    }
    if g.no_decision_maker > 0 {
        let ids: Vec<String> = g
            .approvals
            .iter()
            .filter(|a| a.decision_makers.is_empty())
            .filter_map(|a| a.id.clone())
            .collect();
        items.push(Item {
            lead: "No decision-maker recorded".into(),
            text: format!("{}.", names(&ids)),
        });
    }
    for u in &g.unheard {
        items.push(Item {
            lead: label(&u.id, u.title),
            text: format!("affects {}, whose perspective was not heard.", u.group),
        });
    }
    items
}

/// One sentence that says how much there is in each section.
fn in_short(d: &Digest) -> String {
    if let Some(v) = &d.reader {
        let overdue = v
            .actions
            .iter()
            .filter(|a| a.overdue_days.is_some())
            .count();
        return format!(
            "In short: {} waiting on your view, {} ({overdue} overdue, {} due within {} days), {} owned.",
            plural(v.waiting.len(), "proposal", "proposals"),
            plural(v.actions.len(), "open action", "open actions"),
            v.soon_due,
            reader::SOON_DAYS,
            plural(v.owns.len(), "decision", "decisions"),
        );
    }
    format!(
        "In short: {} decided, {}, {} waiting for feedback, {}, {}, {} coming up.",
        d.decided.len(),
        plural(d.status_changes.len(), "status change", "status changes"),
        d.proposed.len(),
        plural(
            d.objections.len(),
            "unresolved objection",
            "unresolved objections"
        ),
        plural(d.overdue.len(), "overdue action", "overdue actions"),
        plural(d.revisits.len(), "revisit", "revisits"),
    )
}

/// `Decision log digest for Priya Nair, model churn, 2026-09-01 to 2026-11-25`.
fn heading(d: &Digest) -> String {
    let mut h = String::from("Decision log digest");
    if let Some(v) = &d.reader {
        let _ = write!(h, " for {}", v.name.as_deref().unwrap_or(&v.person));
    }
    if let Some(m) = &d.model {
        let _ = write!(h, ", model {m}");
    }
    let _ = write!(h, ", {} to {}", d.since, d.as_of);
    h
}

pub fn markdown(d: &Digest) -> String {
    let mut out = format!("## {}\n\n{}\n", prose(&heading(d)), prose(&in_short(d)));
    for part in parts(d) {
        let _ = writeln!(out, "\n### {}\n", part.title);
        if part.items.is_empty() {
            let _ = writeln!(out, "{}", part.empty);
        }
        for item in part.items {
            // Prose, not a table: record text reads as written (`PSI > 0.2`).
            let _ = writeln!(out, "- **{}**: {}", prose(&item.lead), prose(&item.text));
        }
    }
    out
}

/// Wraps `text` at `width` columns, indenting continuation lines.
fn wrap(out: &mut String, first: &str, indent: &str, text: &str, width: usize) {
    let mut line = first.to_string();
    let mut len = line.chars().count();
    let mut fresh = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !fresh && len + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
            len = indent.len();
            fresh = true;
        }
        if !fresh {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
        fresh = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

pub fn text(d: &Digest) -> String {
    let mut out = format!("{}\n\n", clean(&heading(d)));
    wrap(&mut out, "", "", &in_short(d), 78);
    for part in parts(d) {
        let _ = writeln!(out, "\n{}\n{}", part.title, "-".repeat(part.title.len()));
        if part.items.is_empty() {
            let _ = writeln!(out, "{}", part.empty);
        }
        for item in part.items {
            let body = format!("{}: {}", clean(&item.lead), clean(&item.text));
            wrap(&mut out, "* ", "  ", &body, 78);
        }
    }
    out
}
