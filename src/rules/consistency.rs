//! Findings that keep what a record says consistent with how it is read:
//! a status written as a synonym (DL005 at warning level, fixable), and
//! feedback, actions done and outcomes dated after the as-of date (DL006 at
//! warning level), which the report leaves out of its figures.

use std::sync::Arc;

use chrono::NaiveDate;

use super::Index;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::record::{Action, DateField, Decision, Feedback, Review, Status};
use crate::rules::Code;

/// The canonical word a decision's written status stands for, when it is
/// written some other way than that word (`approved`, `✅ Accepted`,
/// `In review`); case alone does not count.
pub fn synonym_of(d: &Decision) -> Option<(&str, Status)> {
    let written = d.status_text.as_ref()?;
    let status = d.status?;
    if Status::parse(written.value.trim().to_lowercase().as_str()) == Some(status) {
        return None;
    }
    // `superseded by ADR-N` has its own fix, which keeps the link.
    if crate::record::superseded_by_in_status(&written.value).is_some() {
        return None;
    }
    Status::from_text(&written.value)
        .filter(|s| *s == status)
        .map(|s| (written.value.as_str(), s))
}

pub(super) fn decision(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    let path = &d.meta.path;
    if let Some((written, status)) = synonym_of(d) {
        let pos = d.status_text.as_ref().map(|t| t.pos).unwrap_or_default();
        out.push(
            Diagnostic::new(
                Code::InvalidValue,
                path,
                pos,
                format!("status `{written}` is read as `{status}`"),
            )
            .with_severity(Severity::Warning)
            .with_help(format!(
                "write `status: {status}`; `decide check --fix` does it"
            ))
            .with_fix(Fix::SetStatus {
                path: path.to_string(),
                status,
            }),
        );
    }
    future(ix.as_of, path, &d.feedback, &d.actions, &[], out);
}

pub(super) fn review(ix: &Index, r: &Review, out: &mut Vec<Diagnostic>) {
    let outcomes: Vec<&DateField> = r.outcomes.iter().filter_map(|o| o.date.as_ref()).collect();
    future(
        ix.as_of,
        &r.meta.path,
        &r.feedback,
        &r.actions,
        &outcomes,
        out,
    );
}

/// What is dated after `as_of`: said, done or observed in the future.
fn future(
    as_of: NaiveDate,
    path: &Arc<str>,
    feedback: &[Feedback],
    actions: &[Action],
    outcomes: &[&DateField],
    out: &mut Vec<Diagnostic>,
) {
    let dated = feedback
        .iter()
        .filter_map(|f| f.date.as_ref().map(|d| ("feedback", d)))
        .chain(
            actions
                .iter()
                .filter_map(|a| a.done.as_ref().map(|d| ("action done", d))),
        )
        .chain(outcomes.iter().map(|d| ("outcome", *d)));
    for (what, field) in dated {
        let Some(date) = field.date else { continue };
        if date > as_of {
            out.push(
                Diagnostic::new(
                    Code::InvalidDate,
                    path,
                    field.pos,
                    format!("{what} dated {date}, after the as-of date {as_of}"),
                )
                .with_severity(Severity::Warning)
                .with_help(
                    "correct the date; until then the report leaves it out as not yet happened",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::Code;
    use crate::rules::testing::*;

    #[test]
    fn a_status_synonym_is_a_fixable_warning_and_case_alone_is_not() {
        let approved = "---\ntitle: A\nstatus: approved\ndate: 2026-01-01\n---\n";
        let found = run(&[("0001-a.md", approved)]);
        let dl005: Vec<_> = found
            .iter()
            .filter(|d| d.code == Code::InvalidValue)
            .collect();
        assert_eq!(dl005.len(), 1, "{found:?}");
        assert_eq!(dl005[0].message, "status `approved` is read as `accepted`");
        assert_eq!(dl005[0].severity, Severity::Warning);
        assert_eq!((dl005[0].line, dl005[0].column), (3, 9));
        assert!(dl005[0].fixable());
        let cased = "---\ntitle: A\nstatus: Accepted\ndate: 2026-01-01\n---\n";
        assert!(found_in(cased).is_empty());
        let madr = "---\ntitle: A\nstatus: superseded by ADR-0002\n---\n";
        assert!(found_in(madr).is_empty());
    }

    fn found_in(text: &str) -> Vec<(String, usize, usize)> {
        found(Code::InvalidValue, &[("0001-a.md", text)])
    }

    #[test]
    fn feedback_actions_and_outcomes_after_the_as_of_date_are_warnings() {
        // As of 2026-03-01.
        let d = "---\ntitle: A\nstatus: proposed\ndate: 2026-01-01\nfeedback:\n  - {by: lee, date: 2026-03-02, stance: support}\n  - {by: raj, date: 2026-03-01, stance: support}\nactions:\n  - {owner: ana, due: 2026-04-01, status: done, done: 2026-03-05, note: x}\n  - {owner: ana, due: 2026-04-01, status: open, note: due later is fine}\n---\n";
        let r = "---\nkind: retro\ndate: 2026-02-01\ndecisions: [1]\noutcomes:\n  - {decision: 1, metric: auc, value: 0.8, date: 2026-03-09}\n---\n";
        let files = [("0001-a.md", d), ("reviews/2026-02-01-retro.md", r)];
        assert_eq!(
            messages(Code::InvalidDate, &files),
            vec![
                "feedback dated 2026-03-02, after the as-of date 2026-03-01",
                "action done dated 2026-03-05, after the as-of date 2026-03-01",
                "outcome dated 2026-03-09, after the as-of date 2026-03-01",
            ]
        );
        assert!(
            run(&files)
                .iter()
                .filter(|d| d.code == Code::InvalidDate)
                .all(|d| d.severity == Severity::Warning)
        );
    }
}
