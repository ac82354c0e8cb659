//! Rendering a computed [`Report`](crate::metrics::Report) (and the digest)
//! for people and for machines.
//!
//! The table and Markdown formats share one list of [`Section`]s built
//! here, so the terminal and the pull request always show the same figures
//! in the same order (SPEC §6: summary, per person, per decision, overdue
//! actions, revisits due, outcomes). CSV and JSON carry raw numbers instead
//! of display text. Nothing here computes a metric.

pub mod csv;
pub mod digest;
pub mod glossary;
pub mod html;
pub mod markdown;
pub mod pulse;
pub mod reader;
pub mod registers;
pub mod svg;
pub mod table;
pub mod trend;

use std::fmt::Write;

use rayon::prelude::*;

use crate::metrics::{
    ActionState, Correlation, DecisionRow, Mean, Ratio, Report, Spread, Withheld, outcomes,
};

/// One titled table of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// What to say instead of an empty table.
    pub empty: String,
}

/// Text from a record on one line, made safe for a terminal: tabs and line
/// breaks become spaces, other controls (escape sequences included) are
/// shown escaped, as everywhere ([`crate::output::safe`]).
pub fn clean(text: &str) -> String {
    if !text.contains(['\n', '\t']) {
        return crate::output::safe::controls(text).into_owned();
    }
    let one_line: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\t') { ' ' } else { c })
        .collect();
    crate::output::safe::controls(&one_line).into_owned()
}

/// `text` cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = clean(text);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
pub fn number(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `64% (14 of 22)`, or `n/a`.
pub fn ratio(r: &Ratio) -> String {
    match r.value {
        Some(v) => format!("{} ({} of {})", percent(v), r.num, r.n),
        None => "n/a".into(),
    }
}

fn spread(s: &Spread) -> String {
    match (s.median, s.p90) {
        (Some(m), Some(p)) => format!("{} / {} days", number(m, 1), number(p, 1)),
        _ => "n/a".into(),
    }
}

fn na(reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("n/a ({r})"),
        None => "n/a".into(),
    }
}

fn mean(m: &Mean, show: impl Fn(f64) -> String, reason: Option<&str>) -> String {
    m.value.map_or_else(|| na(reason), show)
}

/// The line that says what the report covers.
pub fn scope_line(r: &Report) -> String {
    let mut s = format!("as of {}", r.as_of);
    match (r.since, r.until) {
        (Some(a), Some(b)) => {
            let _ = write!(s, ", decisions dated {a} to {b}");
        }
        (Some(a), None) => {
            let _ = write!(s, ", decisions dated from {a}");
        }
        (None, Some(b)) => {
            let _ = write!(s, ", decisions dated up to {b}");
        }
        (None, None) => {}
    }
    if let Some(m) = &r.model {
        let _ = write!(s, ", model {}", clean(m));
    }
    s
}

/// `8 decisions (3 accepted, 2 proposed, 1 unknown status) and 4 reviews`.
pub fn counts_line(r: &Report) -> String {
    let c = &r.counts;
    let mut statuses: Vec<String> = c
        .by_status
        .iter()
        .filter(|(s, _)| **s != "unknown")
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    if let Some(n) = c.by_status.get("unknown") {
        statuses.push(format!("{n} with no status"));
    }
    let detail = if statuses.is_empty() {
        String::new()
    } else {
        format!(" ({})", statuses.join(", "))
    };
    format!(
        "{}{detail} and {}",
        plural(c.decisions, "decision", "decisions"),
        plural(c.reviews, "review", "reviews")
    )
}

/// Why a correlation is not printed, or ρ.
pub fn correlation(c: &Correlation) -> String {
    match (c.rho, c.withheld) {
        (Some(rho), _) => format!("ρ = {} (correlation, not cause)", number(rho, 2)),
        (None, Some(Withheld::NoVariation)) => "not computed: no variation".into(),
        (None, _) => format!(
            "not computed: {} of the {} decisions needed",
            c.n,
            outcomes::MIN_DECISIONS
        ),
    }
}

/// The summary block: one row per figure, with its value and its n.
pub fn summary(r: &Report) -> Section {
    let i = &r.inputs;
    let people_reason = (!i.people_yaml).then_some("needs people.yaml");
    let coverage_reason = if !i.people_yaml {
        Some("needs people.yaml")
    } else if !i.charter {
        Some("needs charter required-roles")
    } else if i.required_roles.is_empty() {
        Some("charter sets no required-roles")
    } else {
        None
    };
    let entropy_reason = if !i.people_yaml {
        Some("needs people.yaml")
    } else if i.registry_roles < 2 {
        Some("needs two roles in people.yaml")
    } else {
        None
    };
    let decisions = |n: usize| plural(n, "decision", "decisions");
    let p = &r.participation;
    let d = &r.diversity;
    let t = &r.timeliness;
    let a = &r.actions;
    let mut rows = vec![
        vec![
            "Participation (pooled)".into(),
            ratio(&p.pooled),
            format!("{} expected on {}", p.pooled.n, decisions(p.decisions)),
        ],
        vec![
            "Gave a view (pooled)".into(),
            ratio(&p.gave_view),
            format!("{} expected", p.gave_view.n),
        ],
        vec![
            "Attended only".into(),
            p.attended_only.count.to_string(),
            format!("{} responses", p.attended_only.n),
        ],
        vec![
            "Unsolicited responses".into(),
            p.unsolicited.count.to_string(),
            decisions(p.unsolicited.n),
        ],
        vec![
            "Roles heard per decision (mean)".into(),
            mean(&d.distinct_roles, |v| number(v, 1), people_reason),
            decisions(d.distinct_roles.n),
        ],
        vec![
            "Required roles heard (mean)".into(),
            mean(&d.coverage, percent, coverage_reason),
            decisions(d.coverage.n),
        ],
        vec![
            "Role balance, entropy (mean)".into(),
            mean(&d.entropy, |v| number(v, 2), entropy_reason),
            decisions(d.entropy.n),
        ],
        vec!["Feedback on time".into(), ratio(&t.on_time), {
            let mut n = format!("{} due", t.on_time.n);
            if t.missing_overdue > 0 {
                let _ = write!(n, " ({} missing)", t.missing_overdue);
            }
            if t.not_yet_due > 0 {
                let _ = write!(n, ", {} not yet due", t.not_yet_due);
            }
            n
        }],
        vec![
            "Feedback latency, median / p90".into(),
            spread(&t.latency),
            plural(t.latency.n, "answer", "answers"),
        ],
        vec![
            "Rationale completeness (mean)".into(),
            mean(&r.completeness.mean, percent, None),
            decisions(r.completeness.mean.n),
        ],
        vec![
            "Fully complete decisions".into(),
            ratio(&r.completeness.fully_complete),
            if r.completeness.with_check_errors > 0 {
                format!(
                    "{} ({} with `check` errors)",
                    decisions(r.completeness.fully_complete.n),
                    r.completeness.with_check_errors
                )
            } else {
                decisions(r.completeness.fully_complete.n)
            },
        ],
        vec![
            "Open actions".into(),
            a.open.count.to_string(),
            plural(a.open.n, "action", "actions"),
        ],
        vec![
            "Overdue actions".into(),
            a.overdue.count.to_string(),
            format!("{} open", a.overdue.n),
        ],
        vec![
            "Actions done late".into(),
            a.done_late.count.to_string(),
            format!("{} done", a.done_late.n),
        ],
        vec![
            "Open actions without a due date".into(),
            a.no_due.count.to_string(),
            format!("{} open", a.no_due.n),
        ],
    ];
    let v = &r.revisits;
    let implicit = v.due.iter().filter(|x| x.implicit).count();
    rows.push(vec![
        format!("Revisits due by {}", v.horizon),
        if implicit > 0 {
            format!("{} ({implicit} implicit)", v.due.len())
        } else {
            v.due.len().to_string()
        },
        {
            let mut n = format!("{} accepted", v.n);
            if v.without_date > 0 {
                let _ = write!(n, ", {} with no date", v.without_date);
            }
            n
        },
    ]);
    let l = &r.lead_time;
    rows.push(vec!["Lead time, median / p90".into(), spread(&l.days), {
        let mut n = format!("{} decided", l.days.n);
        if l.inferred > 0 {
            let _ = write!(n, " ({} dated from git)", l.inferred);
        }
        n
    }]);
    let c = &r.cadence;
    let per_month = match c.per_month {
        Some(v) => {
            let mut s = number(v, 1);
            if let Some(e) = c.expected_per_month {
                let _ = write!(s, " (charter: {})", number(e, 1));
            }
            s
        }
        None => "n/a".into(),
    };
    rows.push(vec![
        "Check-ins per month".into(),
        per_month,
        match c.from {
            Some(from) => format!(
                "{} from {from}",
                plural(c.check_ins, "check-in", "check-ins")
            ),
            None => plural(c.check_ins, "check-in", "check-ins"),
        },
    ]);
    rows.push(vec![
        "Longest gap between check-ins".into(),
        match &c.longest_gap {
            Some(g) if g.to == c.to => format!("{} days, since {}", g.days, g.from),
            Some(g) => format!("{} days, {} to {}", g.days, g.from, g.to),
            None => "n/a".into(),
        },
        plural(c.check_ins, "check-in", "check-ins"),
    ]);
    let rit = &r.rituals;
    rows.push(vec![
        "Top facilitator's share".into(),
        match (&rit.top_facilitator, rit.top_share.value) {
            (Some(who), Some(_)) => format!("{} ({})", ratio(&rit.top_share), clean(who)),
            _ => "n/a".into(),
        },
        if rit.never_facilitated.is_empty() {
            plural(rit.top_share.n, "review", "reviews")
        } else {
            format!(
                "{}; never chaired: {}",
                plural(rit.top_share.n, "review", "reviews"),
                clean(&rit.never_facilitated.join(", "))
            )
        },
    ]);
    if let Some(k) = rit.by_kind.iter().find(|k| k.name == "check-in") {
        rows.push(vec![
            "Check-in attendance".into(),
            ratio(&k.invited_attended),
            format!(
                "{} invitations to {}",
                k.invited_attended.n,
                plural(k.reviews, "check-in", "check-ins")
            ),
        ]);
    }
    if !rit.norms.is_empty() {
        let met = rit.norms.iter().filter(|n| n.met).count();
        rows.push(vec![
            "Charter norms met".into(),
            format!("{met} of {}", rit.norms.len()),
            plural(rit.norms.len(), "norm", "norms"),
        ]);
    }
    let t = &r.targets.counts;
    rows.push(vec![
        "Outcome targets met".into(),
        format!("{} of {}", t.met, t.met + t.missed),
        format!(
            "{} judged, {} not yet measured, {} not comparable",
            t.met + t.missed,
            t.not_yet_measured,
            t.not_comparable
        ),
    ]);
    let g = &r.registers;
    rows.push(vec![
        "Raised points still open".into(),
        g.open.to_string(),
        plural(g.raised.len(), "raised", "raised"),
    ]);
    rows.push(vec![
        "Resolved with no resolution".into(),
        g.resolved_without_note.to_string(),
        format!("{} resolved", g.raised.len() - g.open),
    ]);
    rows.push(vec![
        "Decided outside decision rights".into(),
        g.outside_rights.to_string(),
        format!(
            "{} ({} with no decision-maker recorded)",
            plural(g.approvals.len(), "decided", "decided"),
            g.no_decision_maker
        ),
    ]);
    rows.push(vec![
        "Affected groups not heard".into(),
        g.unheard.len().to_string(),
        plural(
            g.with_affected,
            "decision names groups",
            "decisions name groups",
        ),
    ]);
    rows.push(vec![
        "Facilitator rotation".into(),
        match c.rotation.value {
            Some(v) => format!("{} ({} of {})", number(v, 2), c.rotation.num, c.rotation.n),
            None => "n/a".into(),
        },
        plural(c.rotation.n, "review", "reviews"),
    ]);
    let computed: Vec<&Correlation> = r
        .outcomes
        .correlations
        .iter()
        .filter(|c| c.rho.is_some())
        .collect();
    for corr in &computed {
        rows.push(vec![
            format!("Participation vs {}", clean(&corr.metric)),
            correlation(corr),
            decisions(corr.n),
        ]);
    }
    if computed.len() < r.outcomes.correlations.len() || r.outcomes.correlations.is_empty() {
        let most = r
            .outcomes
            .correlations
            .iter()
            .filter(|c| c.rho.is_none())
            .map(|c| c.n)
            .max()
            .unwrap_or(0);
        rows.push(vec![
            if computed.is_empty() {
                "Participation vs outcomes".into()
            } else {
                "Participation vs other outcomes".into()
            },
            if r.outcomes.correlations.is_empty() {
                "n/a (no outcomes recorded)".into()
            } else {
                format!("n/a (needs {} decisions)", outcomes::MIN_DECISIONS)
            },
            format!("at most {}", decisions(most)),
        ]);
    }
    Section {
        title: "Summary".into(),
        headers: vec!["Figure", "Value", "n"],
        rows,
        empty: String::new(),
    }
}

pub fn people(r: &Report) -> Section {
    let rows = r
        .people
        .iter()
        .map(|p| {
            vec![
                clean(&p.person),
                if p.roles.is_empty() {
                    "-".into()
                } else {
                    clean(&p.roles.join(", "))
                },
                p.rate.n.to_string(),
                p.gave_view.to_string(),
                p.attended_only.to_string(),
                p.rate.value.map_or_else(|| "n/a".into(), percent),
                p.unsolicited.to_string(),
            ]
        })
        .collect();
    Section {
        title: format!("Per person{}", window(r)),
        headers: vec![
            "Person",
            "Roles",
            "Asked",
            "Gave a view",
            "Attended only",
            "Rate",
            "Unsolicited",
        ],
        rows,
        empty: "Nobody was asked, answered, facilitated or owns an action.".into(),
    }
}

/// Per person: how fast they answer, what they facilitate and owe.
pub fn people_timing(r: &Report) -> Section {
    let rows = r
        .people
        .iter()
        .map(|p| {
            vec![
                clean(&p.person),
                p.on_time.to_string(),
                p.late.to_string(),
                p.after_decision.to_string(),
                p.facilitated.to_string(),
                p.open_actions.to_string(),
                p.overdue_actions.to_string(),
            ]
        })
        .collect();
    Section {
        title: format!("Per person: timeliness, facilitation, actions{}", window(r)),
        headers: vec![
            "Person",
            "On time",
            "Late",
            "After the decision",
            "Facilitated",
            "Open actions",
            "Overdue",
        ],
        rows,
        empty: "Nobody was asked, answered, facilitated or owns an action.".into(),
    }
}

pub(crate) fn decision_cells(d: &DecisionRow) -> Vec<String> {
    let dash = || "-".to_string();
    let (answered, roles, required) = match (&d.participation, &d.diversity) {
        (Some(p), Some(div)) => (
            match p.rate.value {
                Some(v) => format!("{}/{} {}", p.rate.num, p.rate.n, percent(v)),
                None => "n/a".into(),
            },
            div.roles
                .as_ref()
                .map_or_else(|| "n/a".into(), |r| r.len().to_string()),
            div.coverage
                .map_or_else(|| "n/a".into(), |c| format!("{}/{}", c.num, c.n)),
        ),
        _ => (dash(), dash(), dash()),
    };
    vec![
        d.id.clone().map_or_else(|| "?".into(), |i| clean(&i)),
        clean(d.title.unwrap_or("(untitled)")),
        d.status.to_string(),
        answered,
        roles,
        required,
        d.completeness.as_ref().map_or_else(dash, |c| {
            // `check` finds errors here: never "complete" without a mark.
            let mark = match d.check_errors {
                0 => String::new(),
                1 => " (1 check error)".into(),
                n => format!(" ({n} check errors)"),
            };
            format!("{}/{}{mark}", c.passed, c.applicable)
        }),
        d.lead_time_days.map_or_else(dash, |n| {
            // The figure rests on a date from git.
            let mark = if d.date_inferred { "*" } else { "" };
            format!("{n}d{mark}")
        }),
    ]
}

/// The columns of the per-decision table ([`decisions`]), which the page
/// heads its own with.
pub(crate) const DECISION_HEADERS: [&str; 8] = [
    "ID", "Title", "Status", "Answered", "Roles", "Required", "Complete", "Lead",
];

pub fn decisions(r: &Report) -> Section {
    Section {
        title: format!("Per decision{}", window(r)),
        headers: DECISION_HEADERS.to_vec(),
        // On every core: a row per decision, thousands on a large log.
        rows: r.decisions.par_iter().map(decision_cells).collect(),
        empty: "No decisions in scope.".into(),
    }
}

pub fn overdue(r: &Report) -> Section {
    let mut items: Vec<_> = r
        .actions
        .items
        .iter()
        .filter(|a| a.state == ActionState::Open && a.overdue_days.is_some())
        .collect();
    items.sort_by_key(|a| std::cmp::Reverse(a.overdue_days));
    Section {
        title: format!("Overdue actions{}", state_on(r)),
        headers: vec!["Owner", "Due", "Days late", "Action", "Where"],
        rows: items
            .into_iter()
            .map(|a| {
                vec![
                    a.owner.map_or_else(|| "(no owner)".into(), clean),
                    crate::output::opt_ymd(a.due),
                    a.overdue_days.unwrap_or(0).to_string(),
                    clean(a.note.unwrap_or("(no note)")),
                    format!("{}, action {}", clean(&a.source), a.number),
                ]
            })
            .collect(),
        empty: "No overdue actions.".into(),
    }
}

pub fn revisits(r: &Report) -> Section {
    Section {
        title: format!("Revisits due by {}{}", r.revisits.horizon, state_on(r)),
        headers: vec!["ID", "Title", "Revisit by", "In days", "Source"],
        rows: r
            .revisits
            .due
            .iter()
            .map(|v| {
                vec![
                    v.id.clone().map_or_else(|| "?".into(), |i| clean(&i)),
                    clean(v.title.as_deref().unwrap_or("(untitled)")),
                    crate::output::ymd(v.date),
                    v.in_days.to_string(),
                    if v.implicit {
                        "implicit (decided + revisit-days)".into()
                    } else {
                        "revisit-by".into()
                    },
                ]
            })
            .collect(),
        empty: "No revisits due.".into(),
    }
}

pub fn outcome_section(r: &Report) -> Section {
    Section {
        title: format!(
            "Engagement vs outcomes (correlation, not cause){}",
            window(r)
        ),
        headers: vec!["Metric", "Decisions", "Spearman"],
        rows: r
            .outcomes
            .correlations
            .iter()
            .map(|c| vec![clean(&c.metric), c.n.to_string(), correlation(c)])
            .collect(),
        empty: "No outcomes recorded in retrospectives.".into(),
    }
}

/// Attendance by meeting kind and by role, and the charter's norms.
pub fn rituals(r: &Report) -> Vec<Section> {
    let att = |title: String, first: &'static str, list: &[crate::metrics::rituals::Attendance]| {
        Section {
            title,
            headers: vec![first, "Reviews", "Invited who attended", "Attendances"],
            rows: list
                .iter()
                .map(|a| {
                    vec![
                        clean(&a.name),
                        a.reviews.to_string(),
                        ratio(&a.invited_attended),
                        a.attended.to_string(),
                    ]
                })
                .collect(),
            empty: "No reviews in scope.".into(),
        }
    };
    let rit = &r.rituals;
    let mut norms: Vec<Vec<String>> = rit
        .norms
        .iter()
        .map(|n| {
            vec![
                clean(&n.signal),
                format!(
                    "{}: {} in {} ({} per {}, at least {})",
                    n.counted,
                    n.count,
                    if n.per.ends_with("days") {
                        format!("{} periods of {}", number(n.periods, 1), n.per)
                    } else {
                        format!("{} {}s", number(n.periods, 1), n.per)
                    },
                    number(n.rate, 1),
                    n.per,
                    n.at_least
                ),
                if n.met { "met" } else { "not met" }.into(),
            ]
        })
        .collect();
    norms.extend(rit.unmeasured_signals.iter().map(|s| {
        vec![
            clean(s),
            "no norm measures it (`norms:` in the charter)".into(),
            "judge by hand".into(),
        ]
    }));
    vec![
        att(
            format!("Attendance by meeting kind{}", window(r)),
            "Kind",
            &rit.by_kind,
        ),
        att(
            format!("Attendance by role{}", window(r)),
            "Role",
            &rit.by_role,
        ),
        Section {
            title: format!("Charter norms and success signals{}", window(r)),
            headers: vec!["Signal", "Measured", "Verdict"],
            rows: norms,
            empty: "The charter sets no norms or success signals.".into(),
        },
    ]
}

/// Expected outcomes of decisions in effect, against the latest observation.
pub fn targets(r: &Report) -> Section {
    Section {
        title: format!("Outcomes against targets{}", window(r)),
        headers: vec!["ID", "Metric", "Target", "Observed", "Verdict"],
        rows: r
            .targets
            .targets
            .iter()
            .map(|t| {
                vec![
                    t.id.as_deref().map_or_else(|| "?".into(), clean),
                    clean(&t.metric),
                    t.target.as_deref().map_or_else(|| "-".into(), clean),
                    match (t.observed, t.observed_on) {
                        (Some(v), Some(d)) => format!("{} on {d}", number(v, 4)),
                        (Some(v), None) => number(v, 4),
                        _ => "-".into(),
                    },
                    t.verdict.as_str().to_string(),
                ]
            })
            .collect(),
        empty: "No decision in effect states an expected outcome.".into(),
    }
}

/// ` (decisions dated 2026-01-01 to 2026-06-30)` for a windowed section,
/// or nothing when the report has no window.
pub fn window(r: &Report) -> String {
    match (r.since, r.until) {
        (Some(a), Some(b)) => format!(" (decisions dated {a} to {b})"),
        (Some(a), None) => format!(" (decisions dated from {a})"),
        (None, Some(b)) => format!(" (decisions dated up to {b})"),
        (None, None) => String::new(),
    }
}

/// ` (state on 2026-11-25)` for a section the window never filters, when
/// the report has a window (otherwise nothing needs saying).
pub fn state_on(r: &Report) -> String {
    if r.since.is_some() || r.until.is_some() {
        format!(" (state on {}, whatever the window)", r.as_of)
    } else {
        String::new()
    }
}

/// The summary with a fourth column, `Meaning`: each figure's gloss.
pub fn summary_glossed(r: &Report) -> Section {
    let mut s = summary(r);
    s.headers.push("Meaning");
    for row in &mut s.rows {
        let g = row.first().and_then(|f| glossary::gloss(f)).unwrap_or("");
        row.push(g.to_string());
    }
    s
}

/// The sections in SPEC order.
pub fn sections(r: &Report) -> Vec<Section> {
    let mut all = Vec::new();
    let _ = each_section(r, |s| {
        all.push(s);
        Ok(())
    });
    all
}

/// Builds the sections of [`sections`] one at a time, in order, handing
/// each to `f` before the next is built: a writer that renders each as it
/// comes holds one section's rows at a time, not the whole report's.
pub fn each_section(
    r: &Report,
    mut f: impl FnMut(Section) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let single: [fn(&Report) -> Section; 8] = [
        summary,
        people,
        people_timing,
        decisions,
        overdue,
        revisits,
        outcome_section,
        targets,
    ];
    for build in single {
        f(build(r))?;
    }
    for s in rituals(r) {
        f(s)?;
    }
    // One by one too: on 100,000 decisions the raised points' table alone
    // is some 22 MB of cells.
    let register_tables: [fn(&Report) -> Section; 3] =
        [registers::raised, registers::approvals, registers::unheard];
    for build in register_tables {
        f(build(r))?;
    }
    for build in [pulse::sections, reader::sections] {
        for s in build(r) {
            f(s)?;
        }
    }
    Ok(())
}
