//! `decide report` marks the decisions `check` finds errors on. The report
//! checks each decision as it is read and keeps only the findings that may
//! end as errors; these tests hold its marks to `check` on the whole log
//! (`check` given every file by name reads the log whole) where that could
//! differ: levels raised and lowered in `decide.toml`, rules turned off per
//! file, suppression comments (one with an unknown code), the rules that
//! relate decisions, and a rule softened because no record uses its key.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

const AS_OF: &str = "2026-03-01";

/// An accepted decision that breaks no rule but for `front` and `body`
/// added, and its `revisit-by`.
fn record(front: &str, body: &str, revisit: &str) -> String {
    format!(
        "---
status: accepted
date: 2026-01-10
decided: 2026-01-20
owners: [ana]
proposed-by: [ana]
decision-makers: [raj]
consulted: [lee]
alternatives:
  - title: Logistic regression
    rejected-because: AUC 0.71 against 0.84
expected-outcomes:
  - metric: auc
    target: \">= 0.82\"
artifacts:
  - kind: model
    ref: churn-model@v14
revisit-by: {revisit}
{front}
---
# A decision

## Context

Churn scores are too coarse to rank the call queue.
{body}"
    )
}

const RATIONALE: &str = "\n## Rationale\n\nBest AUC at equal latency.\n";

/// Error-level findings per decision path, as the report marks them.
fn report_marks(dir: &Path) -> BTreeMap<String, u64> {
    let run = decide(dir, &["report", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json_of(&run)["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().to_string();
            (path, d["check_errors"].as_u64().unwrap())
        })
        .collect()
}

/// Error-level findings per decision path, as `check` finds them on the
/// whole log, every decision named.
fn check_marks(dir: &Path, decisions: &[&str]) -> BTreeMap<String, u64> {
    let paths: Vec<String> = decisions.iter().map(|d| format!("decisions/{d}")).collect();
    let mut args = vec!["check", "--as-of", AS_OF, "--format", "json", "--no-cache"];
    args.extend(paths.iter().map(String::as_str));
    let run = decide(dir, &args);
    let mut marks: BTreeMap<String, u64> = paths.iter().map(|p| (p.clone(), 0)).collect();
    for d in json_of(&run)["diagnostics"].as_array().unwrap() {
        if d["severity"] == "error" {
            *marks
                .entry(d["path"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    marks
}

#[test]
fn decisions_are_marked_as_check_marks_them_on_the_whole_log() {
    let dir = tempdir();
    write(
        dir.path(),
        "decide.toml",
        "[rules]\nrevisit-overdue = \"error\"\naction-without-due = \"warning\"\n\
         invalid-value = \"error\"\n\
         [rules.per-file]\n\"0004-*.md\" = [\"missing-rationale\"]\n",
    );
    let files = [
        // A warning raised to an error.
        (
            "0001-revisit-raised.md",
            record("", RATIONALE, "2026-01-01"),
        ),
        // An error lowered to a warning, and one silenced by a comment.
        (
            "0002-lowered-and-suppressed.md",
            record(
                "actions:\n  - owner: ana\n    note: Write the runbook.",
                "\n<!-- decide-disable DL020 -->\n",
                "2026-09-01",
            ),
        ),
        // Rules relating decisions: a dangling link and a shared id.
        (
            "0003-dangling.md",
            record("supersedes: [99]", RATIONALE, "2026-09-01"),
        ),
        ("0004-per-file-off.md", record("", "", "2026-09-01")),
        ("0005-a.md", record("", RATIONALE, "2026-09-01")),
        ("0005-b.md", record("", RATIONALE, "2026-09-01")),
        // A relating rule silenced; an unknown code, reported at error level.
        (
            "0007-dangling-suppressed.md",
            record(
                "supersedes: [98]",
                &format!(
                    "{RATIONALE}<!-- decide-disable DL031 -->\n<!-- decide-disable DL999 -->\n"
                ),
                "2026-09-01",
            ),
        ),
    ];
    for (name, text) in &files {
        write(dir.path(), &format!("decisions/{name}"), text);
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let marks = report_marks(dir.path());
    assert_eq!(marks, check_marks(dir.path(), &names));
    let expected = [
        ("0001-revisit-raised.md", 1),
        ("0002-lowered-and-suppressed.md", 0),
        ("0003-dangling.md", 1),
        ("0004-per-file-off.md", 0),
        ("0005-a.md", 1),
        ("0005-b.md", 1),
        ("0007-dangling-suppressed.md", 1),
    ];
    let expected: BTreeMap<String, u64> = expected
        .iter()
        .map(|(n, e)| (format!("decisions/{n}"), *e))
        .collect();
    assert_eq!(marks, expected);
}

#[test]
fn a_rule_softened_for_the_whole_log_marks_no_decision() {
    // No record uses `owners`: `check` reports their absence as a warning.
    let without_owners = |text: String| text.replace("owners: [ana]\n", "");
    let dir = tempdir();
    let files = [
        (
            "0001-a.md",
            without_owners(record("", RATIONALE, "2026-09-01")),
        ),
        (
            "0002-b.md",
            without_owners(record("", RATIONALE, "2026-09-01")),
        ),
    ];
    for (name, text) in &files {
        write(dir.path(), &format!("decisions/{name}"), text);
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let marks = report_marks(dir.path());
    assert_eq!(marks, check_marks(dir.path(), &names));
    assert!(marks.values().all(|&n| n == 0), "{marks:?}");

    // Set to error in `decide.toml`, it is one whatever the log uses.
    write(dir.path(), "decide.toml", "[rules]\nno-owner = \"error\"\n");
    let marks = report_marks(dir.path());
    assert_eq!(marks, check_marks(dir.path(), &names));
    assert!(marks.values().all(|&n| n == 1), "{marks:?}");
}
