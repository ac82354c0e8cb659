//! Rules the charter switches on for auditors: decisions taken outside the
//! charter's decision rights (DL016), accepted decisions that name no
//! affected group (DL026), and resolved feedback with no written
//! resolution (DL047).

use std::sync::Arc;

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
        let allowed = ix.expand_set(rights.iter().flat_map(|r| &r.decides));
        let makers = ix.expand_set(&d.decision_makers);
        let outside: Vec<&str> = makers
            .iter()
            .copied()
            .filter(|m| !allowed.contains(m))
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
fn resolutions(path: &Arc<str>, feedback: &[Feedback], out: &mut Vec<Diagnostic>) {
    for f in feedback {
        let raised = matches!(
            f.stance,
            Some(Stance::Concern | Stance::Objection | Stance::Veto | Stance::Alternative)
        );
        let bare = f.resolution().is_none_or(|t| t.value.trim().is_empty());
        if let (true, Some(resolved), true) = (raised, f.resolved(), bare) {
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    const RIGHTS: &str = "---\ndecision-rights:\n  - scope: churn models\n    model: churn\n    decides: [raj]\n  - scope: pricing, in words only\n    decides: [priya]\n---\n";

    #[test]
    fn dl016_outside_decision_rights_by_model_or_tag() {
        let churn = COMPLETE.replace("status: accepted", "status: accepted\nmodel: churn");
        let files = [("0005-a.md", churn.as_str()), ("charter.md", RIGHTS)];
        assert!(found(Code::OutsideDecisionRights, &files).is_empty());
        let by_ana = churn.replace("decision-makers: [raj]", "decision-makers: [raj, ana]");
        let files = [("0005-a.md", by_ana.as_str()), ("charter.md", RIGHTS)];
        assert_eq!(
            messages(Code::OutsideDecisionRights, &files),
            vec!["decided by ana, but the charter's decision rights give this decision to raj"]
        );
        // A right in words only, or a decision about another model, is not checked.
        let files = [("0005-a.md", COMPLETE), ("charter.md", RIGHTS)];
        assert!(found(Code::OutsideDecisionRights, &files).is_empty());
        let tagged = "---\ndecision-rights:\n  - tags: [pricing]\n    decides: [priya]\n---\n";
        let priced = COMPLETE.replace("status: accepted", "status: accepted\ntags: [Pricing]");
        let files = [("0005-a.md", priced.as_str()), ("charter.md", tagged)];
        assert_eq!(found(Code::OutsideDecisionRights, &files).len(), 1);
    }

    #[test]
    fn dl026_and_dl047_only_when_the_charter_asks() {
        let switches = "---\nrequire-affected: true\nrequire-resolution: true\n---\n";
        let bare = COMPLETE.replace(
            "status: accepted",
            "status: accepted\nfeedback:\n  - by: lee\n    date: 2026-01-12\n    stance: objection\n    resolved: 2026-01-15",
        );
        let off = [
            ("0005-a.md", bare.as_str()),
            ("charter.md", "---\nresponse-days: 5\n---\n"),
        ];
        assert!(found(Code::ResolutionNotWritten, &off).is_empty());
        assert!(found(Code::NoAffectedGroup, &off).is_empty());
        let files = [("0005-a.md", bare.as_str()), ("charter.md", switches)];
        assert_eq!(
            found(Code::ResolutionNotWritten, &files),
            vec![at("0005-a.md", 7, 15)]
        );
        assert_eq!(found(Code::NoAffectedGroup, &files).len(), 1);
        let good = bare.replace(
            "    resolved: 2026-01-15",
            "    resolved: 2026-01-15\n    resolution: Budget agreed\naffected:\n  - group: agents\n    effect: fewer calls",
        );
        let files = [("0005-a.md", good.as_str()), ("charter.md", switches)];
        assert!(found(Code::ResolutionNotWritten, &files).is_empty());
        assert!(found(Code::NoAffectedGroup, &files).is_empty());
    }
}
