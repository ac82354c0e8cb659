//! `report --for P`: one reader's own view as report sections.

use super::{Section, clean};
use crate::metrics::Report;
use crate::metrics::waiting::Asked;

fn label(id: &Option<String>) -> String {
    id.as_deref().map_or_else(|| "?".into(), clean)
}

/// The three sections of the reader's view, when `--for` was given.
pub fn sections(r: &Report) -> Vec<Section> {
    let Some(v) = &r.reader else {
        return Vec::new();
    };
    let who = clean(v.name.as_deref().unwrap_or(&v.person));
    let waiting = Section {
        title: format!("Waiting on {who}'s view (state on {})", r.as_of),
        headers: vec!["ID", "Title", "Asked as", "Due"],
        rows: v
            .waiting
            .iter()
            .map(|w| {
                let asked: Vec<String> = w
                    .asked
                    .iter()
                    .map(|a| match a {
                        Asked::DecisionMaker => "decision-maker".into(),
                        Asked::Consulted => "consulted".into(),
                        Asked::Invited(review) => format!("invited ({})", clean(review)),
                    })
                    .collect();
                vec![
                    label(&w.id),
                    clean(w.title.as_deref().unwrap_or("(untitled)")),
                    asked.join(", "),
                    w.due.map_or_else(|| "-".into(), |d| d.to_string()),
                ]
            })
            .collect(),
        empty: "No open proposal waits on this person's view.".into(),
    };
    let actions = Section {
        title: format!("{who}'s open actions (state on {})", r.as_of),
        headers: vec!["Due", "Days late", "Action", "Where"],
        rows: v
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.due
                        .map_or_else(|| "no due date".into(), |d| d.to_string()),
                    a.overdue_days.map_or_else(|| "-".into(), |n| n.to_string()),
                    clean(a.note.unwrap_or("(no note)")),
                    format!("{}, action {}", clean(&a.source), a.number),
                ]
            })
            .collect(),
        empty: "No open action.".into(),
    };
    let owns = Section {
        title: format!("Decisions {who} owns"),
        headers: vec!["ID", "Title", "Status", "Revisit by"],
        rows: v
            .owns
            .iter()
            .map(|o| {
                vec![
                    label(&o.id),
                    clean(o.title.as_deref().unwrap_or("(untitled)")),
                    o.status.to_string(),
                    o.revisit.map_or_else(|| "-".into(), |d| d.to_string()),
                ]
            })
            .collect(),
        empty: "Owns no decision.".into(),
    };
    vec![waiting, actions, owns]
}
