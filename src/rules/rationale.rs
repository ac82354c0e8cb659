//! Rules about the reasoning a decision records: a rationale (DL020),
//! alternatives (DL021) each with a reason (DL022), an expected outcome
//! (DL023), an artifact (DL024), and a context (DL025).

use super::{is, item_key_pos, key_or_status, proposed_or_later, status_pos};
use crate::diagnostic::Diagnostic;
use crate::record::{Decision, Status};
use crate::rules::Code;

pub(super) fn decision(d: &Decision, out: &mut Vec<Diagnostic>) {
    let path = &d.meta.path;
    let status = d.status_word();
    let accepted = is(d, Status::Accepted);
    if proposed_or_later(d) {
        match d.body.rationale() {
            None => out.push(
                Diagnostic::new(
                    Code::MissingRationale,
                    path,
                    status_pos(d),
                    format!("{status} decision has no rationale"),
                )
                .with_help("say why this option was chosen under a `## Rationale` heading"),
            ),
            Some(section) if !section.has_content => out.push(
                Diagnostic::new(
                    Code::MissingRationale,
                    path,
                    section.pos,
                    format!("the `{}` section is empty", section.heading),
                )
                .with_help("say why this option was chosen; HTML comments do not count"),
            ),
            Some(_) => {}
        }
        if !crate::metrics::completeness::has_alternatives(d) {
            out.push(
                Diagnostic::new(
                    Code::NoAlternatives,
                    path,
                    key_or_status(d, "alternatives"),
                    format!("{status} decision lists no alternatives"),
                )
                .with_help("list the options that were weighed under `alternatives`, each with `rejected-because`"),
            );
        }
        match d.body.context() {
            Some(section) if section.has_content => {}
            Some(section) => out.push(
                Diagnostic::new(
                    Code::MissingContext,
                    path,
                    section.pos,
                    format!("the `{}` section is empty", section.heading),
                )
                .with_help("say what problem the decision answers and what was true at the time"),
            ),
            None => out.push(
                Diagnostic::new(
                    Code::MissingContext,
                    path,
                    status_pos(d),
                    format!("{status} decision has no context"),
                )
                .with_help(
                    "add a `## Context` section: the problem, and what was true at the time",
                ),
            ),
        }
    }
    if !accepted {
        return;
    }
    for alt in &d.alternatives {
        if alt
            .rejected_because
            .as_ref()
            .is_none_or(|t| t.value.trim().is_empty())
        {
            let name = alt.title.as_ref().map_or("an alternative", |t| t.as_str());
            out.push(
                Diagnostic::new(
                    Code::AlternativeWithoutReason,
                    path,
                    item_key_pos(&d.meta, "alternatives", alt.pos, "title"),
                    format!("alternative `{name}` has no `rejected-because`"),
                )
                .with_help("say why it lost, so nobody has to rediscover it"),
            );
        }
    }
    let measurable = d
        .expected_outcomes
        .iter()
        .any(|o| o.metric.is_some() && o.target.is_some());
    if !measurable {
        out.push(
            Diagnostic::new(
                Code::NoExpectedOutcome,
                path,
                key_or_status(d, "expected-outcomes"),
                "accepted decision has no expected outcome with a metric and a target",
            )
            .with_help(
                "add `expected-outcomes: [{metric: auc, target: \">= 0.82\", by: YYYY-MM-DD}]`",
            ),
        );
    }
    if d.artifacts.is_empty() {
        out.push(
            Diagnostic::new(
                Code::NoArtifact,
                path,
                key_or_status(d, "artifacts"),
                "accepted decision links no artifact",
            )
            .with_help("link the model, data set, run, dashboard or code, e.g. `artifacts: [{kind: model, ref: churn-model@v14}]`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::rules::Code;

    const PROPOSED: &str = "---\nstatus: proposed\ndate: 2026-02-01\nowners: [ana]\nconsulted: [lee]\nalternatives:\n  - title: Weekly\n---\n# Score nightly\n\n## Context\n\nScores are monthly.\n\n## Rationale\n\nFresh enough.\n";

    #[test]
    fn proposed_record_is_clean() {
        assert_eq!(run(&[("0002-a.md", PROPOSED)]), vec![]);
    }

    #[test]
    fn dl020_missing_or_empty_rationale() {
        let missing = PROPOSED.replace("## Rationale\n\nFresh enough.\n", "");
        assert_eq!(
            found(Code::MissingRationale, &[("0002-a.md", &missing)]),
            vec![at("0002-a.md", 2, 1)]
        );
        let empty = PROPOSED.replace("Fresh enough.", "<!-- why -->");
        assert_eq!(
            found(Code::MissingRationale, &[("0002-a.md", &empty)]),
            vec![at("0002-a.md", 15, 1)]
        );
        let madr = PROPOSED.replace(
            "## Rationale\n\nFresh enough.",
            "## Decision Outcome\n\nChosen option: \"nightly\", because it is fresh enough.",
        );
        assert!(found(Code::MissingRationale, &[("0002-a.md", &madr)]).is_empty());
        let draft = missing.replace("status: proposed", "status: draft");
        assert!(found(Code::MissingRationale, &[("0002-a.md", &draft)]).is_empty());
    }

    #[test]
    fn dl021_no_alternatives_unless_madr_options() {
        let bad = PROPOSED.replace("alternatives:\n  - title: Weekly\n", "");
        assert_eq!(
            found(Code::NoAlternatives, &[("0002-a.md", &bad)]),
            vec![at("0002-a.md", 2, 1)]
        );
        let madr = format!("{bad}\n## Considered Options\n\n* Weekly\n* Nightly\n");
        // DL021 and the completeness check "alternative" agree on it.
        let parsed = crate::record::Decision::parse("decisions/0005-a.md", "0005-a.md", &madr);
        assert!(crate::metrics::completeness::has_alternatives(&parsed));
        let score = crate::metrics::completeness(&parsed, None);
        assert!(
            !score.missing.contains(&"alternative"),
            "{:?}",
            score.missing
        );
        let empty = format!("{bad}\n## Considered Options\n\n<!-- none yet -->\n");
        let parsed = crate::record::Decision::parse("decisions/0005-a.md", "0005-a.md", &empty);
        assert!(!crate::metrics::completeness::has_alternatives(&parsed));
        assert!(
            crate::metrics::completeness(&parsed, None)
                .missing
                .contains(&"alternative")
        );
        assert_eq!(
            found(Code::NoAlternatives, &[("0005-a.md", &empty)]).len(),
            1
        );
        assert!(found(Code::NoAlternatives, &[("0002-a.md", &madr)]).is_empty());
        assert!(found(Code::NoAlternatives, &[("0002-a.md", PROPOSED)]).is_empty());
    }

    #[test]
    fn dl022_only_once_accepted() {
        let bad = COMPLETE.replace("    rejected-because: AUC 0.71 against 0.84\n", "");
        assert_eq!(
            found(Code::AlternativeWithoutReason, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 10, 5)]
        );
        assert!(found(Code::AlternativeWithoutReason, &[("0002-a.md", PROPOSED)]).is_empty());
    }

    #[test]
    fn dl023_expected_outcome_needs_metric_and_target() {
        let bad = COMPLETE.replace("    target: \">= 0.82\"\n", "");
        assert_eq!(
            found(Code::NoExpectedOutcome, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 12, 1)]
        );
        assert!(found(Code::NoExpectedOutcome, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl024_no_artifact() {
        let bad = COMPLETE.replace(
            "artifacts:\n  - kind: model\n    ref: churn-model@v14\n",
            "",
        );
        assert_eq!(
            found(Code::NoArtifact, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 2, 1)]
        );
        assert!(found(Code::NoArtifact, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl025_missing_context() {
        let bad = PROPOSED.replace("## Context\n\nScores are monthly.\n\n", "");
        assert_eq!(
            found(Code::MissingContext, &[("0002-a.md", &bad)]),
            vec![at("0002-a.md", 2, 1)]
        );
        let madr = PROPOSED.replace("## Context", "## Context and Problem Statement");
        assert!(found(Code::MissingContext, &[("0002-a.md", &madr)]).is_empty());
    }
}
