//! One line per summary figure, saying what it measures and which way is
//! better, printed beside the figure in the table and Markdown formats so a
//! reader who is not an engineer can read the report without the manual.
//! `docs/report.md` holds the full definitions.

/// The gloss for a summary figure, by the start of its label.
pub fn gloss(figure: &str) -> Option<&'static str> {
    const GLOSSES: &[(&str, &str)] = &[
        (
            "Participation (pooled)",
            "share of the people asked (consulted, deciding) who took part before the decision, by a view or by attending; higher is better",
        ),
        (
            "Gave a view (pooled)",
            "share of the people asked who left feedback before the decision; attending is not a view; higher is better",
        ),
        (
            "Attended only",
            "responses that were attendance at a meeting with no recorded view; lower is better",
        ),
        (
            "Unsolicited responses",
            "people not asked who took part anyway; neither good nor bad, but someone may be missing from `consulted`",
        ),
        (
            "Roles heard per decision",
            "distinct roles among those who took part, per decision; higher is better",
        ),
        (
            "Required roles heard",
            "share of the charter's required roles heard, per decision; higher is better",
        ),
        (
            "Role balance",
            "0 = a single role was heard, 1 = every role equally; higher is better",
        ),
        (
            "Feedback on time",
            "share of answers due that came by their deadline (missing ones count as late); higher is better",
        ),
        (
            "Feedback latency",
            "days from a request to the first answer; lower is better",
        ),
        (
            "Rationale completeness",
            "share of the completeness checks a decision passes, averaged; higher is better",
        ),
        (
            "Fully complete decisions",
            "decisions that pass every check and have no `check` error; higher is better",
        ),
        (
            "Open actions without a due date",
            "open actions nobody can be late on; lower is better",
        ),
        (
            "Open actions",
            "action items neither done nor dropped on the as-of date",
        ),
        (
            "Overdue actions",
            "open actions past their due date; lower is better",
        ),
        (
            "Actions done late",
            "actions closed after their due date; lower is better",
        ),
        (
            "Revisits due by",
            "accepted decisions due for another look within 30 days",
        ),
        (
            "Lead time",
            "days from a decision's `date` to `decided`; shorter is faster, not better by itself",
        ),
        (
            "Check-ins per month",
            "check-ins held per month, against the charter's cadence; at or above the charter is better",
        ),
        (
            "Longest gap between check-ins",
            "longest stretch without a check-in (the whole window when there was none); lower is better",
        ),
        (
            "Check-in attendance",
            "share of invitations to check-ins that were attended; higher is better",
        ),
        (
            "Top facilitator's share",
            "share of reviews chaired by the one who chaired most; lower means the role rotates",
        ),
        (
            "Facilitator rotation",
            "distinct facilitators per review; higher means the role rotates",
        ),
        (
            "Outcome targets met",
            "expected outcomes whose latest observed value meets the target; higher is better",
        ),
        (
            "Raised points still open",
            "vetoes, objections, concerns and alternatives not resolved on the as-of date; lower is better",
        ),
        (
            "Resolved with no resolution",
            "resolved points with only a date; lower is better",
        ),
        (
            "Decided outside decision rights",
            "decisions taken by someone the charter does not give them to; lower is better",
        ),
        (
            "Affected groups not heard",
            "groups a decision names as affected with nobody of them taking part; lower is better",
        ),
        (
            "Charter norms met",
            "the charter's measurable norms (`norms:`) met over the period; higher is better",
        ),
        (
            "Participation vs",
            "Spearman rank correlation between participation and an outcome, with n; correlation, not cause",
        ),
    ];
    GLOSSES
        .iter()
        .find(|(label, _)| figure.starts_with(label))
        .map(|(_, g)| *g)
}

/// One line per column of the per-person and per-decision tables, by the
/// table's title, in the order the columns appear; the identifying columns
/// (person, id, title, roles, status) need none.
pub fn columns(title: &str) -> &'static [(&'static str, &'static str)] {
    const TIMING: &[(&str, &str)] = &[
        (
            "On time",
            "answers that came by their deadline; higher is better",
        ),
        (
            "Late",
            "answers after their deadline, or none once it passed; lower is better",
        ),
        (
            "After the decision",
            "decisions that asked them where they spoke only after it was taken; lower is better",
        ),
        (
            "Facilitated",
            "reviews they chaired; spread across people is better",
        ),
        ("Open actions", "action items they own that are still open"),
        (
            "Overdue",
            "their open action items past due; lower is better",
        ),
    ];
    const VIEWS: &[(&str, &str)] = &[
        ("Asked", "decisions that consulted them or had them decide"),
        (
            "Gave a view",
            "of those, decisions they left feedback on before the decision; higher is better",
        ),
        (
            "Attended only",
            "of those, decisions they only attended a meeting about; lower is better",
        ),
        (
            "Rate",
            "(gave a view + attended only) ÷ asked; higher is better",
        ),
        (
            "Unsolicited",
            "decisions they took part in unasked; neither good nor bad",
        ),
    ];
    const DECISIONS: &[(&str, &str)] = &[
        (
            "Answered",
            "people asked who took part before the decision, of those asked; higher is better",
        ),
        (
            "Roles",
            "distinct roles among those who took part; higher is better",
        ),
        (
            "Required",
            "the charter's required roles heard, of those required; higher is better",
        ),
        (
            "Complete",
            "rationale checks passed, of those that apply, and check's errors; higher is better",
        ),
        ("Lead", "days from the record's date to the decision"),
    ];
    if title.starts_with("Per person: timeliness") {
        TIMING
    } else if title.starts_with("Per person") {
        VIEWS
    } else if title.starts_with("Per decision") {
        DECISIONS
    } else {
        &[]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_summary_label_has_a_gloss_with_its_meaning() {
        assert!(gloss("Revisits due by 2026-12-24").is_some());
        assert!(
            gloss("Participation vs incident-count")
                .unwrap()
                .contains("not cause")
        );
        assert!(gloss("Something new").is_none());
    }
}
