//! Rules the charter switches on for auditors: decisions taken outside the
//! charter's decision rights (DL016), accepted decisions that name no
//! affected group (DL026), and resolved feedback with no written
//! resolution (DL047).

use std::collections::BTreeSet;

use super::{Index, is, key_or_status, status_pos};
use crate::diagnostic::Diagnostic;
use crate::record::{Decision, Feedback, Review, Stance, Status};
use crate::rules::Code;

pub(super) fn decision(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    let Some(charter) = &ix.log.charter else {
        return;
    };
    let path = &d.meta.path;
    if charter.require_affected && is(d, Status::Accepted) && d.affected.is_empty() {
        out.push(
            Diagnostic::new(
                Code::NoAffectedGroup,
                path,
                key_or_status(d, "affected"),
                "accepted decision names no affected group, and the charter requires them",
            )
            .with_help(
                "list the user groups it affects, e.g. `affected: [{group: agents, effect: fewer calls}]`",
            ),
        );
    }
    let decided = is(d, Status::Accepted) || is(d, Status::Rejected);
    let rights = charter.rights_for(d);
    if decided && !rights.is_empty() && !d.decision_makers.is_empty() {
        let allowed: BTreeSet<String> = rights
            .iter()
            .flat_map(|r| &r.decides)
            .flat_map(|t| ix.expand(&t.value))
            .collect();
        let makers: BTreeSet<String> = d
            .decision_makers
            .iter()
            .flat_map(|t| ix.expand(&t.value))
            .collect();
        let outside: Vec<&str> = makers
            .iter()
            .filter(|m| !allowed.contains(*m))
            .map(String::as_str)
            .collect();
        if !outside.is_empty() {
            let holders: Vec<&str> = rights
                .iter()
                .flat_map(|r| &r.decides)
                .map(|t| t.value.as_str())
                .collect();
            out.push(
                Diagnostic::new(
                    Code::OutsideDecisionRights,
                    path,
                    d.meta
                        .key_pos("decision-makers")
                        .or_else(|| d.meta.key_pos("deciders"))
                        .unwrap_or_else(|| status_pos(d)),
                    format!(
                        "decided by {}, but the charter's decision rights give this decision to {}",
                        outside.join(", "),
                        if holders.is_empty() {
                            "nobody".to_string()
                        } else {
                            holders.join(", ")
                        }
                    ),
                )
                .with_help(
                    "have a holder of the right decide, or amend the charter's `decision-rights`",
                ),
            );
        }
    }
    if charter.require_resolution {
        resolutions(path, &d.feedback, out);
    }
}

pub(super) fn review(ix: &Index, r: &Review, out: &mut Vec<Diagnostic>) {
    if ix
        .log
        .charter
        .as_ref()
        .is_some_and(|c| c.require_resolution)
    {
        resolutions(&r.meta.path, &r.feedback, out);
    }
}

/// DL047: a resolved concern, objection, veto or alternative needs a `resolution` note.
fn resolutions(path: &str, feedback: &[Feedback], out: &mut Vec<Diagnostic>) {
    for f in feedback {
        let raised = matches!(
            f.stance,
            Some(Stance::Concern | Stance::Objection | Stance::Veto | Stance::Alternative)
        );
        let bare = f
            .resolution
            .as_ref()
            .is_none_or(|t| t.value.trim().is_empty());
        if let (true, Some(resolved), true) = (raised, &f.resolved, bare) {
            out.push(
                Diagnostic::new(
                    Code::ResolutionNotWritten,
                    path,
                    resolved.pos,
                    format!(
                        "{} resolved on {} with no written `resolution`, which the charter requires",
                        f.stance.map_or("feedback", Stance::as_str),
                        resolved.raw
                    ),
                )
                .with_help("say how it was resolved, e.g. `resolution: Cap raised to 25% for 8+ year customers`"),
            );
        }
    }
}
