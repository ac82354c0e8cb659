//! The top of the page: the headline figures as tiles, and what needs
//! attention on the as-of date, from the digest (`decide digest`).

use std::collections::BTreeMap;

use super::links::Links;
use super::view::{Open, OwnerOverdue, Tile, Waiting};
use crate::metrics::Report;
use crate::metrics::digest::Digest;
use crate::report::clean;

/// The summary figures as tiles: value, the detail in brackets, and n.
pub(super) fn tiles(report: &Report) -> Vec<Tile> {
    crate::report::summary(report)
        .rows
        .into_iter()
        .map(|row| {
            let [label, value, n] = <[String; 3]>::try_from(row).unwrap_or_default();
            // `77% (171 of 221)`, `n/a (needs people.yaml)`, `168 days, since …`.
            let (value, detail) = match value.split_once(" (").or_else(|| value.split_once(", ")) {
                Some((v, d)) => (v.to_string(), d.trim_end_matches(')').to_string()),
                None => (value, String::new()),
            };
            let alert =
                value != "0" && (label == "Overdue actions" || label.starts_with("Revisits due"));
            Tile {
                label,
                value,
                detail,
                n,
                class: if alert { "alert" } else { "" },
            }
        })
        .collect()
}

pub(super) fn waiting(digest: &Digest, links: &Links) -> Vec<Waiting> {
    digest
        .proposed
        .iter()
        .filter(|p| !p.waiting.waiting.is_empty() || p.waiting.nobody_consulted)
        .map(|p| Waiting {
            record: links.by_id(p.id.as_deref(), p.title.as_deref()),
            who: if p.waiting.waiting.is_empty() {
                "nobody consulted".into()
            } else {
                format!(
                    "{} — {} of {} asked gave a view",
                    clean(&crate::report::digest::waiting_on(p, digest.as_of)),
                    p.waiting.gave_view,
                    p.waiting.expected
                )
            },
            // Each person's deadline is in `who`.
            due: String::new(),
            overdue: p
                .waiting
                .waiting
                .iter()
                .any(|w| w.due.is_some_and(|d| d < digest.as_of)),
        })
        .collect()
}

pub(super) fn open_objections(digest: &Digest, links: &Links) -> Vec<Open> {
    digest
        .objections
        .iter()
        .map(|o| Open {
            record: links.by_id(o.id.as_deref(), o.title.as_deref()),
            by: clean(&o.by),
            stance: o.stance.as_str(),
            date: o.date.map(|d| d.to_string()).unwrap_or_default(),
            note: clean(o.note.as_deref().unwrap_or("")),
        })
        .collect()
}

pub(super) fn overdue_by_owner(digest: &Digest) -> Vec<OwnerOverdue> {
    let mut by: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for a in &digest.overdue {
        by.entry(clean(a.owner.unwrap_or("(no owner)")))
            .or_default()
            .push((
                clean(a.note.unwrap_or("(no note)")),
                format!(
                    "due {}, {} days late",
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    a.overdue_days.unwrap_or(0)
                ),
                format!("{}, action {}", clean(&a.source), a.number),
            ));
    }
    by.into_iter()
        .map(|(owner, items)| OwnerOverdue { owner, items })
        .collect()
}
