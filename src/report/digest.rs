//! `decide digest` as prose: a few short sections a stakeholder can read in
//! a minute, in Markdown (for a wiki, a chat or an e-mail) or plain text.

use std::fmt::Write;

use super::markdown::prose;
use super::{clean, plural};
use crate::metrics::digest::Digest;

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

fn label(id: &Option<String>, title: &Option<String>) -> String {
    match (id, title) {
        (Some(id), Some(t)) => format!("{id} {t}"),
        (Some(id), None) => id.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => "(untitled)".into(),
    }
}

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn parts(d: &Digest) -> Vec<Part> {
    let decided = d
        .decided
        .iter()
        .map(|x| Item {
            lead: label(&x.id, &x.title),
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
    let proposed = d
        .proposed
        .iter()
        .map(|p| {
            let mut text = String::new();
            if let Some(date) = p.date {
                let _ = write!(text, "proposed {date}");
            } else {
                text.push_str("proposed");
            }
            if let Some(due) = p.due {
                let word = if due < d.as_of { "were due" } else { "due" };
                let _ = write!(text, ", answers {word} {due}");
            }
            text.push_str(". ");
            if p.expected == 0 {
                text.push_str("Nobody is named as consulted or deciding.");
            } else if p.waiting_on.is_empty() {
                let _ = write!(text, "Everyone expected ({}) has answered.", p.expected);
            } else {
                let _ = write!(
                    text,
                    "Waiting on {} ({} of {} answered).",
                    names(&p.waiting_on),
                    p.responded,
                    p.expected
                );
            }
            Item {
                lead: label(&p.id, &p.title),
                text,
            }
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
                lead: label(&o.id, &o.title),
                text,
            }
        })
        .collect();
    let overdue = d
        .overdue
        .iter()
        .map(|a| Item {
            lead: a.owner.clone().unwrap_or_else(|| "No owner".into()),
            text: format!(
                "{} ({}, action {}), due {}, {} overdue.",
                a.note.as_deref().unwrap_or("an action with no note").trim(),
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
                lead: label(&v.id, &v.title),
                text: format!("revisit by {}, {when}{how}.", v.date),
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
                    lead: label(&c.id, &c.title),
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

/// One sentence that says how much there is in each section.
fn in_short(d: &Digest) -> String {
    format!(
        "In short: {} decided, {} waiting for feedback, {}, {}, {} coming up.",
        d.decided.len(),
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

pub fn markdown(d: &Digest) -> String {
    let mut out = format!(
        "## Decision log digest, {} to {}\n\n{}\n",
        d.since,
        d.as_of,
        in_short(d)
    );
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
    let mut out = format!("Decision log digest, {} to {}\n\n", d.since, d.as_of);
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
