//! The pre-commit hooks in `.pre-commit-hooks.yaml`, run the way pre-commit
//! runs them: the hook's `entry` with the staged files that match `files`,
//! from the repository root.

use std::path::Path;

use crate::common::*;

struct Hook {
    id: String,
    entry: Vec<String>,
    /// The folder prefixes of the `files` pattern `^(a|b)/`.
    prefixes: Vec<String>,
    language: String,
    require_serial: bool,
}

fn hooks() -> Vec<Hook> {
    let text = read(&repo().join(".pre-commit-hooks.yaml"));
    let list: Vec<serde_json::Value> = serde_saphyr::from_str(&text).unwrap();
    list.iter()
        .map(|h| {
            let files = h["files"].as_str().unwrap();
            let inner = files
                .strip_prefix("^(")
                .and_then(|f| f.strip_suffix(")/"))
                .unwrap_or_else(|| panic!("unexpected `files` pattern {files}"));
            Hook {
                id: h["id"].as_str().unwrap().to_string(),
                entry: h["entry"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .map(String::from)
                    .collect(),
                prefixes: inner.split('|').map(|p| format!("{p}/")).collect(),
                language: h["language"].as_str().unwrap().to_string(),
                require_serial: h["require_serial"].as_bool().unwrap_or(false),
            }
        })
        .collect()
}

#[test]
fn hooks_are_declared_as_spec_section_5_says() {
    let hooks = hooks();
    let summary: Vec<(&str, &str, bool)> = hooks
        .iter()
        .map(|h| (h.id.as_str(), h.language.as_str(), h.require_serial))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("decide-check", "rust", true),
            ("decide-check-system", "system", true)
        ]
    );
    for h in &hooks {
        assert_eq!(h.entry, ["decide", "check"]);
        assert_eq!(
            h.prefixes,
            ["decisions/", "docs/decisions/", "doc/adr/", "docs/adr/"]
        );
    }
}

/// Runs `hook` on the staged files as pre-commit would.
fn run_hook(repo: &Path, hook: &Hook) -> Run {
    let staged = git(
        repo,
        &["diff", "--cached", "--name-only", "--diff-filter=ACMR"],
    );
    let files: Vec<&str> = staged
        .lines()
        .filter(|f| hook.prefixes.iter().any(|p| f.starts_with(p.as_str())))
        .collect();
    assert!(!files.is_empty(), "nothing staged matches: {staged}");
    assert_eq!(hook.entry[0], "decide");
    let mut c = cmd(repo);
    c.args(&hook.entry[1..]).args(&files);
    run(&mut c)
}

const ACCEPTED: &str = "---\nstatus: accepted\ndate: 2026-01-10\ndecided: 2026-01-20\nowners: [ana]\ndecision-makers: [raj]\nconsulted: [lee]\nalternatives:\n  - title: Logistic regression\n    rejected-because: AUC 0.71 against 0.84\nexpected-outcomes:\n  - metric: auc\n    target: \">= 0.82\"\nartifacts:\n  - kind: model\n    ref: churn-model@v14\nrevisit-by: 2999-01-01\n---\n# Use LightGBM\n\n## Context\n\nScores are too coarse.\n\n## Rationale\n\nBest AUC at equal latency.\n";

const INCOMPLETE: &str = "---\nstatus: proposed\ndate: 2999-01-01\nowners: [ana]\nconsulted: [lee]\nalternatives:\n  - title: Weekly scoring\n---\n# Score nightly\n\n## Context\n\nScores are computed monthly.\n\n## Rationale\n\n<!-- why this option -->\n";

#[test]
fn a_staged_incomplete_record_fails_the_hook_until_it_is_fixed() {
    let dir = tempdir();
    let repo = dir.path();
    git_init(repo);
    write(repo, "decisions/0001-use-lightgbm.md", ACCEPTED);
    // An old broken record that is not staged must not block the commit.
    write(repo, "decisions/0003-old.md", "---\nstatus: [\n---\n");
    write(repo, "README.md", "# Project\n");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "start"]);

    write(repo, "decisions/0002-score-nightly.md", INCOMPLETE);
    write(repo, "README.md", "# Project, again\n");
    git(
        repo,
        &["add", "decisions/0002-score-nightly.md", "README.md"],
    );

    for hook in hooks() {
        let run = run_hook(repo, &hook);
        assert_eq!(run.code, 1, "{}: {}{}", hook.id, run.stdout, run.stderr);
        assert!(
            run.stdout.contains(
                "error[DL020]: the `Rationale` section is empty\n  --> decisions/0002-score-nightly.md:15:1\n"
            ),
            "{}",
            run.stdout
        );
        assert!(!run.stdout.contains("0003-old"), "{}", run.stdout);
        assert!(run.stdout.ends_with("Found 1 error in 1 file.\n"));
    }

    write(
        repo,
        "decisions/0002-score-nightly.md",
        &INCOMPLETE.replace(
            "<!-- why this option -->",
            "Fresh enough for a weekly call cycle.",
        ),
    );
    git(repo, &["add", "decisions/0002-score-nightly.md"]);
    for hook in hooks() {
        let run = run_hook(repo, &hook);
        assert_eq!(run.code, 0, "{}: {}{}", hook.id, run.stdout, run.stderr);
        assert_eq!(run.stdout, "No problems in 1 file.\n");
    }
}

#[test]
fn the_action_installs_decide_and_annotates_without_interpolating_inputs() {
    let text = read(&repo().join("action.yml"));
    let action: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let runs: Vec<&str> = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["run"].as_str().unwrap())
        .collect();
    assert_eq!(
        runs[0],
        "cargo install --locked --path \"${{ github.action_path }}\""
    );
    assert!(
        runs[1].contains("decide check --format github $DECIDE_CHECK_ARGS"),
        "{}",
        runs[1]
    );
    // Inputs reach the script through the environment only: text interpolated
    // into a script could run commands.
    for run in &runs {
        assert!(!run.contains("inputs."), "{run}");
    }
}
