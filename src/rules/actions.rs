//! Rules about follow-through and timing: action items with an owner
//! (DL040) and a due date (DL041) that has not passed (DL042), objections
//! resolved before acceptance (DL043), async reviews allowed to close
//! (DL044), reviews about decisions (DL045), and proposals not left to go
//! stale (DL046).

use super::{Index, is, item_has, item_key_pos, status_pos};
use crate::diagnostic::Diagnostic;
use crate::record::{Action, ActionStatus, Decision, Meta, Review, ReviewKind, Stance, Status};
use crate::rules::Code;

pub(super) fn decision(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    actions(ix, &d.meta, &d.actions, out);
    let path = &d.meta.path;
    if is(d, Status::Accepted) {
        for f in &d.feedback {
            if matches!(f.stance, Some(Stance::Objection | Stance::Veto)) && f.resolved().is_none()
            {
                let who = f.by.as_ref().map_or("someone", |t| t.as_str());
                let stance = f.stance.map_or("objection", Stance::as_str);
                out.push(
                    Diagnostic::new(
                        Code::UnresolvedObjection,
                        path,
                        item_key_pos(&d.meta, "feedback", f.pos, "stance"),
                        format!("accepted with an unresolved {stance} by {who}"),
                    )
                    .with_help("record when it was answered with `resolved: YYYY-MM-DD`, and how in the note"),
                );
            }
        }
        if let Some(id) = &d.id
            && let Some(list) = ix.review_feedback.get(id)
        {
            for (review, f) in list {
                if matches!(f.stance, Some(Stance::Objection | Stance::Veto))
                    && f.resolved().is_none()
                {
                    let who = f.by.as_ref().map_or("someone", |t| t.as_str());
                    let stance = f.stance.map_or("objection", Stance::as_str);
                    out.push(
                        Diagnostic::new(
                            Code::UnresolvedObjection,
                            path,
                            status_pos(d),
                            format!(
                                "accepted with an unresolved {stance} by {who} ({}:{})",
                                review.meta.path, f.pos.line
                            ),
                        )
                        .with_help("record when it was answered with `resolved: YYYY-MM-DD` on that feedback entry"),
                    );
                }
            }
        }
    }
    if let (Some(id), Some(decided)) = (&d.id, d.decided.as_ref())
        && let Some(decided_on) = decided.date
    {
        for review in ix.discussed_in.get(id).into_iter().flatten() {
            if review.kind != Some(ReviewKind::Async) {
                continue;
            }
            let Some(respond_by) = review.respond_by.as_ref().and_then(|r| r.date) else {
                continue;
            };
            // A request sent after the decision asked for feedback on it, not before it.
            let asked_before = review
                .date
                .as_ref()
                .and_then(|r| r.date)
                .is_none_or(|asked| asked <= decided_on);
            if decided_on < respond_by && asked_before {
                out.push(
                    Diagnostic::new(
                        Code::DecidedBeforeRespondBy,
                        path,
                        decided.pos,
                        format!(
                            "decided on {decided_on}, before the async review {} closed on {respond_by}",
                            review.meta.path
                        ),
                    )
                    .with_help("wait for the answers stakeholders were promised, or say in the rationale why it could not wait"),
                );
            }
        }
    }
    // `date` is when the record was written or last updated (MADR's meaning).
    if is(d, Status::Proposed)
        && let Some(date) = &d.date
        && let Some(touched) = date.date
    {
        let days = (ix.as_of - touched).num_days();
        let stale_days = ix.log.location.config.stale_days;
        if days > i64::try_from(stale_days).unwrap_or(i64::MAX) {
            out.push(
                Diagnostic::new(
                    Code::StaleProposal,
                    path,
                    d.meta.key_pos("date").unwrap_or(date.pos),
                    format!(
                        "proposed on {touched} and untouched for {days} days (stale after {stale_days})"
                    ),
                )
                .with_help("decide it, defer or withdraw it, or update it and its `date`"),
            );
        }
    }
}

pub(super) fn review(ix: &Index, r: &Review, out: &mut Vec<Diagnostic>) {
    actions(ix, &r.meta, &r.actions, out);
    // A pulse rates the governance process, not a decision.
    let names_one = r.kind == Some(ReviewKind::Pulse)
        || !r.decisions.is_empty()
        || r.feedback.iter().any(|f| f.on.is_some())
        || r.outcomes.iter().any(|o| o.decision.is_some());
    if !names_one {
        out.push(
            Diagnostic::new(
                Code::ReviewWithoutDecision,
                &r.meta.path,
                r.meta
                    .key_pos("decisions")
                    .unwrap_or(crate::yaml::Pos::new(1, 1)),
                "review names no decision",
            )
            .with_help("list the decisions discussed, e.g. `decisions: [12, 14]`"),
        );
    }
}

/// DL040, DL041 and DL042 for the action items of one record.
fn actions(ix: &Index, meta: &Meta, actions: &[Action], out: &mut Vec<Diagnostic>) {
    for a in actions {
        if a.owner.is_none() {
            out.push(
                Diagnostic::new(
                    Code::ActionWithoutOwner,
                    &meta.path,
                    a.pos,
                    "action item has no `owner`",
                )
                .with_help("name one person who will do it, e.g. `owner: ana`"),
            );
        }
        // No `status` means open; a status that is not a known word is DL005's.
        let open = match a.status {
            Some(status) => status == ActionStatus::Open,
            None => !item_has(meta, "actions", a.pos, "status"),
        };
        if !open {
            continue;
        }
        match &a.due {
            None => out.push(
                Diagnostic::new(
                    Code::ActionWithoutDue,
                    &meta.path,
                    item_key_pos(meta, "actions", a.pos, "status"),
                    "open action item has no `due` date",
                )
                .with_help("add `due: YYYY-MM-DD`"),
            ),
            Some(due) => {
                if let Some(date) = due.date
                    && date < ix.as_of
                {
                    let days = (ix.as_of - date).num_days();
                    let what = a.note.as_ref().map_or(String::new(), |n| {
                        format!(" ({})", super::placeholder::shorten(&n.value))
                    });
                    out.push(
                        Diagnostic::new(
                            Code::ActionOverdue,
                            &meta.path,
                            due.pos,
                            format!("open action{what} was due on {} ({days} days ago)", due.raw),
                        )
                        .with_help("mark it `status: done` with a `done` date, drop it, or move the due date"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::rules::Code;

    fn with(extra: &str) -> String {
        COMPLETE.replacen("---\n# Use", &format!("{extra}---\n# Use"), 1)
    }

    #[test]
    fn dl040_action_without_owner() {
        let bad = with("actions:\n  - due: 2026-04-01\n    note: Add dashboard\n");
        assert_eq!(
            found(Code::ActionWithoutOwner, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 20, 5)]
        );
        let good = with("actions:\n  - owner: ana\n    due: 2026-04-01\n");
        assert!(found(Code::ActionWithoutOwner, &[("0005-a.md", &good)]).is_empty());
    }

    #[test]
    fn dl041_open_action_without_due() {
        let bad = with("actions:\n  - owner: ana\n");
        assert_eq!(
            found(Code::ActionWithoutDue, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 20, 5)]
        );
        let open = with("actions:\n  - owner: ana\n    status: open\n");
        assert_eq!(
            found(Code::ActionWithoutDue, &[("0005-a.md", &open)]),
            vec![at("0005-a.md", 21, 5)]
        );
        let done = with("actions:\n  - owner: ana\n    status: done\n");
        assert!(found(Code::ActionWithoutDue, &[("0005-a.md", &done)]).is_empty());
    }

    #[test]
    fn dl042_overdue_at_the_as_of_date() {
        let bad = with(
            "actions:\n  - owner: ana\n    due: 2026-02-01\n    status: open\n    note: Add dashboard\n",
        );
        assert_eq!(
            found(Code::ActionOverdue, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 21, 10)]
        );
        assert_eq!(
            messages(Code::ActionOverdue, &[("0005-a.md", &bad)]),
            vec!["open action (Add dashboard) was due on 2026-02-01 (28 days ago)"]
        );
        let good = with("actions:\n  - owner: ana\n    due: 2026-03-01\n");
        assert!(found(Code::ActionOverdue, &[("0005-a.md", &good)]).is_empty());
    }

    #[test]
    fn dl043_unresolved_objection_in_the_record_or_a_review() {
        let bad = with("feedback:\n  - by: lee\n    date: 2026-01-15\n    stance: veto\n");
        assert_eq!(
            found(Code::UnresolvedObjection, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 22, 5)]
        );
        let good = with(
            "feedback:\n  - by: lee\n    date: 2026-01-15\n    stance: veto\n    resolved: 2026-01-18\n",
        );
        assert!(found(Code::UnresolvedObjection, &[("0005-a.md", &good)]).is_empty());
        let review = "---\nkind: milestone\ndate: 2026-01-15\ndecisions: [5]\nfeedback:\n  - by: lee\n    date: 2026-01-15\n    stance: objection\n    on: 5\n---\n";
        let files = [("0005-a.md", COMPLETE), ("reviews/2026-01-15-m.md", review)];
        assert_eq!(
            found(Code::UnresolvedObjection, &files),
            vec![at("0005-a.md", 2, 1)]
        );
        assert_eq!(
            messages(Code::UnresolvedObjection, &files),
            vec![
                "accepted with an unresolved objection by lee (decisions/reviews/2026-01-15-m.md:6)"
            ]
        );
    }

    #[test]
    fn dl044_decided_before_respond_by() {
        let review =
            "---\nkind: async\ndate: 2026-01-12\nrespond-by: 2026-01-25\ndecisions: [5]\n---\n";
        let files = [
            ("0005-a.md", COMPLETE),
            ("reviews/2026-01-12-ask.md", review),
        ];
        assert_eq!(
            found(Code::DecidedBeforeRespondBy, &files),
            vec![at("0005-a.md", 4, 10)]
        );
        let closed = review.replace("2026-01-25", "2026-01-19");
        let files = [
            ("0005-a.md", COMPLETE),
            ("reviews/2026-01-12-ask.md", closed.as_str()),
        ];
        assert!(found(Code::DecidedBeforeRespondBy, &files).is_empty());
    }

    #[test]
    fn dl045_review_without_decision() {
        let bad = "---\nkind: check-in\ndate: 2026-01-12\n---\n";
        assert_eq!(
            found(
                Code::ReviewWithoutDecision,
                &[("reviews/2026-01-12-c.md", bad)]
            ),
            vec![at("reviews/2026-01-12-c.md", 1, 1)]
        );
        let good = "---\nkind: check-in\ndate: 2026-01-12\ndecisions: [5]\n---\n";
        let files = [("reviews/2026-01-12-c.md", good), ("0005-a.md", COMPLETE)];
        assert!(found(Code::ReviewWithoutDecision, &files).is_empty());
    }

    #[test]
    fn dl046_stale_proposal_since_its_date() {
        let stale = "---\nstatus: proposed\ndate: 2025-12-01\nfeedback:\n  - by: lee\n    date: 2026-02-01\n    stance: support\n---\n# Idea\n";
        assert_eq!(
            found(Code::StaleProposal, &[("0002-a.md", stale)]),
            vec![at("0002-a.md", 3, 1)]
        );
        assert_eq!(
            messages(Code::StaleProposal, &[("0002-a.md", stale)]),
            vec!["proposed on 2025-12-01 and untouched for 90 days (stale after 60)"]
        );
        let recent = stale.replace("2025-12-01", "2025-12-31");
        assert!(found(Code::StaleProposal, &[("0002-a.md", &recent)]).is_empty());
        let deferred = stale.replace("proposed", "deferred");
        assert!(found(Code::StaleProposal, &[("0002-a.md", &deferred)]).is_empty());
    }
}
