//! What `decide report` keeps of each record once `check` has read it.
//!
//! The report marks the decisions `check` finds errors on, so every
//! decision is read in full, as `check` reads it. The rules then need
//! nothing more of it, and the figures read only part of it: where keys
//! are written, what only `check` looks for in the text, the links between
//! decisions, every body section but two, and the text of fields whose
//! figures only ask whether they are filled in. [`decision`] drops that as
//! each decision is read, so the log the figures are computed over is a
//! fraction of the log `check` reads, which would otherwise set the
//! report's peak memory.
//!
//! `decide digest`, which `check` has no part in, reads the log cut to
//! what it reads ([`Keep::Digest`]).
//!
//! Nothing dropped here is read by a figure or a format of the report, or
//! by the digest; a figure that comes to read more of a record must keep
//! it here (the tests below hold every figure, the page and the digest of
//! the bundled example to the whole log's).

use compact_str::CompactString;

use super::completeness::is_placeholder;
use crate::record::body::RATIONALE_HEADINGS;
use crate::record::{
    Body, Decision, Feedback, FrontMatter, List, Meta, Outline, Review, Stance, Text,
};

/// How much of a record the report's format reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The figures alone: table, Markdown, JSON and CSV print the
    /// [`super::Report`] and nothing else, and `--trend` its headline
    /// figures.
    Figures,
    /// `decide digest` besides quotes the rationale of each decision taken
    /// in its window and lists the changes of status ([`super::digest`]).
    Digest,
    /// The HTML page besides shows each decision's rationale, alternatives,
    /// `informed` and every feedback entry as written, and what needs
    /// attention, which is the digest's.
    Page,
}

/// What a field whose figures only ask whether it is filled in keeps of
/// its text when it is: a word that is no placeholder ([`is_placeholder`]),
/// short enough to be held without an allocation.
const FILLED: &str = "written";

fn filled() -> Text {
    Text {
        value: CompactString::const_new(FILLED),
        pos: crate::yaml::Pos::new(1, 1),
    }
}

/// Whether `t` counts as written for completeness: non-blank, not a placeholder.
fn is_filled(t: &Option<Text>) -> bool {
    t.as_ref()
        .is_some_and(|t| !t.value.trim().is_empty() && !is_placeholder(&t.value))
}

/// Drops from `d` what the report in `keep` never reads. The figures read
/// the fields by which they count and name decisions (ids, title, status,
/// dates, model, tags, people, feedback, actions, expected outcomes,
/// affected groups, `revisit-by`); of alternatives, constraints, artifacts,
/// risks and the rationale, completeness and the risk counts read only
/// whether they are filled in, which is all that is kept of them.
pub fn decision(d: &mut Decision, keep: Keep) {
    meta(&mut d.meta);
    d.file_id = None;
    d.declared_id = None;
    d.status_text = None;
    d.supersedes = List::new();
    d.superseded_by = List::new();
    d.related = List::new();
    // "constraint": some constraint is no placeholder.
    let any = d.constraints.iter().any(|c| !is_placeholder(&c.value));
    one(&mut d.constraints, any, |c| *c = filled());
    // "artifact": some artifact names what it refers to.
    let any = d.artifacts.iter().any(|a| is_filled(&a.reference));
    one(&mut d.artifacts, any, |a| {
        a.kind = None;
        a.reference = Some(filled());
    });
    // Risks are counted, with those whose mitigation is written.
    for r in &mut d.risks {
        r.risk = None;
        r.mitigation = is_filled(&r.mitigation).then(filled);
    }
    body(&mut d.body, keep);
    feedback(&mut d.feedback, keep);
    if keep != Keep::Page {
        // "alternative" and "alternative reasons": whether there is one,
        // and whether every one says why it was rejected.
        let all = d
            .alternatives
            .iter()
            .all(|a| is_filled(&a.rejected_because));
        let any = !d.alternatives.is_empty();
        one(&mut d.alternatives, any, |a| {
            a.title = None;
            a.rejected_because = all.then(filled);
        });
        d.informed = List::new();
    }
    if keep == Keep::Figures {
        d.status_history = List::new();
    }
}

/// Keeps the first item of `list`, made by `set` into what stands for the
/// whole list, when `any`; else nothing.
fn one<T>(list: &mut List<T>, any: bool, set: impl FnOnce(&mut T)) {
    let mut first = std::mem::take(list).into_iter().next().filter(|_| any);
    if let Some(item) = &mut first {
        set(item);
    }
    *list = first.into_iter().collect();
}

/// Drops from `r` what no figure reads: where keys are written, what only
/// `check` looks for, its body and agenda, and feedback text as
/// [`decision`] does.
pub fn review(r: &mut Review, keep: Keep) {
    meta(&mut r.meta);
    r.body = Body::default();
    r.agenda = List::new();
    feedback(&mut r.feedback, keep);
}

/// The figures and the digest quote a feedback entry's note, resolution
/// and resolver only for what the registers list as raised (a veto,
/// objection, concern or alternative, of which signalled concerns are a
/// part); the page quotes every entry.
fn feedback(list: &mut [Feedback], keep: Keep) {
    if keep == Keep::Page {
        return;
    }
    for f in list {
        let raised = matches!(
            f.stance,
            Some(Stance::Veto | Stance::Objection | Stance::Concern | Stance::Alternative)
        );
        if !raised {
            f.note = None;
            f.keep_resolved_date();
        }
    }
}

fn meta(meta: &mut Meta) {
    if let FrontMatter::Parsed(outline) = &mut meta.front {
        *outline = Outline::default();
    }
    meta.problems = Default::default();
    meta.scan = None;
}

/// Keeps the two sections a figure reads, the first rationale and the
/// first `Considered Options` (in their order, so each is still the first
/// of its name); the rationale's text only as whether it is written, but
/// for the page, which shows it, and the digest, which quotes it.
fn body(body: &mut Body, keep: Keep) {
    body.title = None;
    let mut rationale = false;
    let mut options = false;
    body.sections.retain(|s| {
        let first_of = |seen: &mut bool, names: &[&str]| {
            let is = !*seen && names.iter().any(|n| s.heading.eq_ignore_ascii_case(n));
            *seen |= is;
            is
        };
        first_of(&mut rationale, RATIONALE_HEADINGS)
            || first_of(&mut options, &["Considered Options"])
    });
    body.sections.shrink_to_fit();
    if keep == Keep::Figures
        && let Some(section) = body.sections.iter_mut().find(|s| {
            RATIONALE_HEADINGS
                .iter()
                .any(|n| s.heading.eq_ignore_ascii_case(n))
        })
        && let Some(content) = &mut section.content
    {
        // "rationale": written and no placeholder.
        *content = match !content.is_empty() && !is_placeholder(content) {
            true => FILLED.to_string(),
            false => String::new(),
        };
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;

    use super::*;
    use crate::log::{Log, locate};
    use crate::metrics::{MetricsOptions, compute, digest};
    use crate::report::{self, html};

    fn kept(log: &Log, keep: Keep) -> Log {
        let mut kept = log.clone();
        for d in &mut kept.decisions {
            decision(d, keep);
        }
        for r in &mut kept.reviews {
            review(r, keep);
        }
        kept
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// The report's options in the ways that change what is read: a
    /// window, a model, a reader, another as-of date.
    fn options() -> Vec<MetricsOptions> {
        let base = MetricsOptions::new(day("2026-03-01"));
        vec![
            base.clone(),
            MetricsOptions {
                since: Some(day("2025-01-01")),
                until: Some(day("2025-12-31")),
                ..base.clone()
            },
            MetricsOptions {
                model: Some("churn-model".into()),
                for_person: Some("ana".into()),
                ..base.clone()
            },
            MetricsOptions::new(day("2025-06-01")),
        ]
    }

    /// Every figure, the page and the digest of what is kept equal the
    /// whole log's.
    fn same_report(log: &Log) {
        let figures = kept(log, Keep::Figures);
        let for_digest = kept(log, Keep::Digest);
        let page = kept(log, Keep::Page);
        let page_options = html::Options {
            base_url: Some("https://example.org/log"),
            version: "test",
        };
        for opts in options() {
            let whole = compute(log, &opts);
            assert_eq!(compute(&figures, &opts), whole);
            assert_eq!(compute(&page, &opts), whole);
            assert_eq!(
                html::page(&whole, &page, &opts, &page_options).text(),
                html::page(&whole, log, &opts, &page_options).text()
            );
            // The digest of its last month, and of every decision it has,
            // from what `decide digest` keeps and what the page keeps (the
            // page shows what needs attention).
            for since in [opts.as_of - chrono::Days::new(30), day("2000-01-01")] {
                let reader = opts.for_person.as_deref();
                let of_whole = digest::digest(log, &opts, since, reader);
                for cut in [&for_digest, &page] {
                    let of_cut = digest::digest(cut, &opts, since, reader);
                    assert_eq!(
                        report::digest::text(&of_cut),
                        report::digest::text(&of_whole)
                    );
                    assert_eq!(
                        report::digest::markdown(&of_cut),
                        report::digest::markdown(&of_whole)
                    );
                }
            }
        }
    }

    #[test]
    fn the_example_reports_the_same_from_what_is_kept() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new("examples/churn-model/decisions");
        let log = Log::load(locate(root, Some(dir), None).unwrap());
        assert!(log.decisions.len() > 10);
        same_report(&log);
    }

    #[test]
    fn completeness_and_risks_read_the_same_from_what_is_kept() {
        let complete = crate::rules::testing::COMPLETE;
        let with = |from: &str, to: &str| complete.replacen(from, to, 1);
        let files = [
            ("0001-complete.md", complete.to_string()),
            // A placeholder rationale, then a second one that is written.
            (
                "0002-tbd.md",
                with("Best AUC at equal latency.", "TBD\n\n## Rationale\n\nWritten."),
            ),
            // MADR's headings: considered options and a decision outcome.
            (
                "0003-madr.md",
                with("alternatives:\n  - title: Logistic regression\n    rejected-because: AUC 0.71 against 0.84\n", "")
                    .replace("## Rationale", "## Considered Options\n\n* Logistic regression\n\n## Decision Outcome"),
            ),
            // An empty considered-options section, an empty rationale.
            (
                "0004-empty.md",
                with("alternatives:\n  - title: Logistic regression\n    rejected-because: AUC 0.71 against 0.84\n", "")
                    .replace("## Rationale\n\nBest AUC at equal latency.", "## Considered Options\n\n<!-- list them -->\n\n## Rationale\n\n<!-- why -->"),
            ),
            // One alternative without a reason among several; a placeholder one.
            (
                "0005-reasons.md",
                with(
                    "    rejected-because: AUC 0.71 against 0.84\n",
                    "    rejected-because: AUC 0.71 against 0.84\n  - title: XGBoost\n  - title: A rule\n    rejected-because: TBD\n",
                ),
            ),
            // Constraints all placeholders, or one written; risks with and
            // without a mitigation; artifacts with and without a reference.
            (
                "0006-lists.md",
                with(
                    "revisit-by:",
                    "constraints: [TBD, \"{constraint}\"]\nrisks:\n  - risk: Drift\n    mitigation: Weekly checks\n  - risk: Leakage\n  - risk: Cost\n    mitigation: TODO\nrevisit-by:",
                )
                .replace("    ref: churn-model@v14\n", "\n  - kind: dataset\n"),
            ),
            (
                "0007-written.md",
                with("revisit-by:", "constraints: [TBD, Latency under 50 ms]\nrisks:\n  - mitigation: Shadow runs\nrevisit-by:"),
            ),
            // Feedback of every stance, resolved and not, with signals.
            (
                "0008-feedback.md",
                with(
                    "revisit-by:",
                    "feedback:\n  - by: lee\n    date: 2026-01-12\n    stance: support\n    note: Good\n    resolved: 2026-01-13\n    resolution: Agreed\n    resolved-by: ana\n  - by: raj\n    date: 2026-01-12\n    stance: objection\n    note: Too slow\n    signals: [fairness]\n    resolved: 2026-01-15\n    resolution: Benchmarked\n    resolved-by: ana\n  - by: lee\n    stance: abstain\n    note: Not mine\n  - by: lee\n    note: No stance\nrevisit-by:",
                ),
            ),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let log = crate::rules::testing::log(&files);
        let whole = compute(&log, &MetricsOptions::new(day("2026-03-01")));
        // The records above do differ in what completeness finds.
        let passed: Vec<usize> = whole
            .decisions
            .iter()
            .filter_map(|r| r.completeness.as_ref().map(|c| c.passed))
            .collect();
        assert!(passed.iter().any(|&p| p < 9), "{passed:?}");
        assert!(whole.risks.without_mitigation.count > 0);
        same_report(&log);
    }
}
