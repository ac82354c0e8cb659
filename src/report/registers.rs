//! The auditor's registers as report sections and CSV tables: raised points
//! (vetoes, objections, concerns, alternatives) and how each was resolved,
//! who decided each decision, and affected groups not heard.

use rayon::prelude::*;

use super::{Section, clean, state_on};
use crate::metrics::Report;
use crate::output::{csv_row, opt_ymd};

fn id(x: &Option<String>) -> String {
    x.as_deref().map_or_else(|| "?".into(), clean)
}

pub fn raised(r: &Report) -> Section {
    Section {
        title: format!(
            "Vetoes, objections, concerns and alternatives{}",
            state_on(r)
        ),
        headers: vec![
            "ID",
            "By",
            "Stance",
            "Raised",
            "Resolved",
            "Resolution (note while open)",
        ],
        // On every core: a row per point raised, thousands on a large log.
        rows: r
            .registers
            .raised
            .par_iter()
            .map(|x| {
                let resolved = match (x.resolved, &x.resolved_by) {
                    (Some(d), Some(by)) => format!("{} by {}", crate::output::ymd(d), clean(by)),
                    (Some(d), None) => crate::output::ymd(d),
                    (None, _) => "open".into(),
                };
                let how = match (x.resolved, &x.resolution) {
                    (_, Some(text)) => clean(text),
                    (Some(_), None) => "(no resolution written)".into(),
                    (None, None) => x.note.map_or_else(String::new, clean),
                };
                vec![
                    id(&x.id),
                    x.by.map_or_else(|| "?".into(), clean),
                    x.stance.to_string(),
                    opt_ymd(x.date),
                    resolved,
                    how,
                ]
            })
            .collect(),
        empty: "No veto, objection, concern or alternative was raised.".into(),
    }
}

pub fn approvals(r: &Report) -> Section {
    Section {
        title: format!("Who decided{}", state_on(r)),
        headers: vec![
            "ID",
            "Status",
            "Decided",
            "Decision-makers",
            "Charter gives it to",
        ],
        rows: r
            .registers
            .approvals
            .iter()
            .map(|a| {
                let makers = if a.decision_makers.is_empty() {
                    "none recorded".to_string()
                } else {
                    clean(&a.decision_makers.join(", "))
                };
                let rights = if a.rights_holders.is_empty() {
                    "-".to_string()
                } else if a.outside_rights.is_empty() {
                    clean(&a.rights_holders.join(", "))
                } else {
                    format!(
                        "{} (outside: {})",
                        clean(&a.rights_holders.join(", ")),
                        clean(&a.outside_rights.join(", "))
                    )
                };
                vec![
                    id(&a.id),
                    a.status.to_string(),
                    opt_ymd(a.decided),
                    makers,
                    rights,
                ]
            })
            .collect(),
        empty: "No decision was accepted or rejected.".into(),
    }
}

pub fn unheard(r: &Report) -> Section {
    Section {
        title: format!("Affected groups not heard{}", state_on(r)),
        headers: vec!["ID", "Title", "Group", "Expected effect"],
        rows: r
            .registers
            .unheard
            .iter()
            .map(|u| {
                vec![
                    id(&u.id),
                    clean(u.title.unwrap_or("(untitled)")),
                    clean(u.group),
                    u.effect.map_or_else(|| "-".into(), clean),
                ]
            })
            .collect(),
        empty: if r.registers.with_affected == 0 {
            "No decision names the groups it affects (the affected: key).".into()
        } else {
            format!(
                "Every affected group was heard on the {} decisions that name them.",
                r.registers.with_affected
            )
        },
    }
}

pub fn raised_csv(r: &Report) -> String {
    let mut s = csv_row([
        "id",
        "by",
        "stance",
        "raised",
        "source",
        "resolved",
        "resolved_by",
        "resolution",
        "note",
    ]);
    for x in &r.registers.raised {
        s.push_str(&csv_row([
            x.id.clone().unwrap_or_default(),
            x.by.unwrap_or_default().to_string(),
            x.stance.to_string(),
            opt_ymd(x.date),
            x.source.to_string(),
            opt_ymd(x.resolved),
            x.resolved_by.unwrap_or_default().to_string(),
            x.resolution.unwrap_or_default().to_string(),
            x.note.unwrap_or_default().to_string(),
        ]));
    }
    s
}

pub fn approvals_csv(r: &Report) -> String {
    let mut s = csv_row([
        "id",
        "status",
        "decided",
        "decision_makers",
        "rights_holders",
        "outside_rights",
    ]);
    for a in &r.registers.approvals {
        s.push_str(&csv_row([
            a.id.clone().unwrap_or_default(),
            a.status.to_string(),
            opt_ymd(a.decided),
            a.decision_makers.join(";"),
            a.rights_holders.join(";"),
            a.outside_rights.join(";"),
        ]));
    }
    s
}

pub fn unheard_csv(r: &Report) -> String {
    let mut s = csv_row(["id", "title", "group", "effect"]);
    for u in &r.registers.unheard {
        s.push_str(&csv_row([
            u.id.clone().unwrap_or_default(),
            u.title.unwrap_or_default().to_string(),
            u.group.to_string(),
            u.effect.unwrap_or_default().to_string(),
        ]));
    }
    s
}
