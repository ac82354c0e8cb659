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

/// The hooks as `.pre-commit-hooks.yaml` declares them.
fn declared() -> Vec<serde_json::Value> {
    let text = read(&repo().join(".pre-commit-hooks.yaml"));
    serde_saphyr::from_str(&text).unwrap()
}

/// The hooks that check the staged files.
fn hooks() -> Vec<Hook> {
    declared()
        .iter()
        .filter(|h| h["pass_filenames"] != false)
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
    // The whole-log hooks run on every commit, with no file names.
    let whole: Vec<String> = declared()
        .iter()
        .filter(|h| h["pass_filenames"] == false)
        .map(|h| {
            assert_eq!(h["always_run"], true);
            assert_eq!(h["entry"], "decide check");
            assert!(h.get("files").is_none());
            format!(
                "{} {}",
                h["id"].as_str().unwrap(),
                h["language"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        whole,
        ["decide-check-log rust", "decide-check-log-system system"]
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
    let steps = action_steps();
    let run_of = |name: &str| -> &str {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .and_then(|s| s["run"].as_str())
            .unwrap_or_else(|| panic!("no step {name}"))
    };
    assert_eq!(
        run_of("Download a prebuilt decide"),
        "bash \"$GITHUB_ACTION_PATH/.github/scripts/install-release.sh\""
    );
    // Without a downloaded binary, the cache and the build run.
    for name in ["Restore the cargo cache", "Build decide from source"] {
        let step = steps.iter().find(|s| s["name"] == name).unwrap();
        assert_eq!(step["if"], "steps.download.outputs.installed != 'true'");
    }
    assert!(
        run_of("Build decide from source")
            .starts_with("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
        "{}",
        run_of("Build decide from source")
    );
    let last = steps.last().unwrap()["run"].as_str().unwrap();
    assert!(
        last.contains("decide check --format github $DECIDE_CHECK_ARGS"),
        "{last}"
    );
    // Inputs reach the scripts through the environment only: text
    // interpolated into a script could run commands.
    for step in &steps {
        if let Some(run) = step["run"].as_str() {
            assert!(!run.contains("${{"), "{run}");
        }
    }
}

/// The steps of action.yml.
fn action_steps() -> Vec<serde_json::Value> {
    let text = read(&repo().join("action.yml"));
    let action: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    action["runs"]["steps"].as_array().unwrap().clone()
}

/// Runs the script of the action step `name` with bash in `dir`, as the
/// runner would: `decide` on PATH, the step's inputs in the environment.
#[cfg(unix)]
fn run_step(dir: &Path, name: &str, env: &[(&str, &str)]) -> Run {
    let steps = action_steps();
    let step = steps.iter().find(|s| s["name"] == name).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_decide")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut c = std::process::Command::new("bash");
    c.current_dir(dir)
        .env_remove("DECIDE_DIR")
        .env_remove("GITHUB_ACTIONS")
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .args(["-e", "-c", step["run"].as_str().unwrap()]);
    for (key, value) in env {
        c.env(key, value);
    }
    crate::common::run(&mut c)
}

#[cfg(unix)]
#[test]
fn the_actions_summary_sarif_and_check_steps_work() {
    let tmp = tempdir();
    let repo = tmp.path();
    git_init(repo);
    write(repo, "decisions/0002-score-nightly.md", INCOMPLETE);
    let summary = repo.join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let summary_env = summary.to_str().unwrap();

    let report = run_step(
        repo,
        "Append to the job summary",
        &[
            ("DECIDE_SUMMARY", "report"),
            ("GITHUB_STEP_SUMMARY", summary_env),
            ("DECIDE_DIR", ""),
        ],
    );
    assert_eq!(report.code, 0, "{}", report.stderr);
    let digest = run_step(
        repo,
        "Append to the job summary",
        &[
            ("DECIDE_SUMMARY", "digest"),
            ("DECIDE_SUMMARY_DAYS", "30"),
            ("GITHUB_STEP_SUMMARY", summary_env),
            ("DECIDE_DIR", "decisions"),
        ],
    );
    assert_eq!(digest.code, 0, "{}", digest.stderr);
    let written = read(&summary);
    let expected_report =
        crate::common::run(cmd(repo).args(["report", "--format", "markdown"])).stdout;
    assert!(
        written.starts_with(&format!("earlier step\n{expected_report}")),
        "{written}"
    );
    assert!(
        written[expected_report.len()..].contains("digest"),
        "{written}"
    );
    let bad = run_step(
        repo,
        "Append to the job summary",
        &[
            ("DECIDE_SUMMARY", "digest"),
            ("DECIDE_SUMMARY_DAYS", "30; touch pwned"),
            ("GITHUB_STEP_SUMMARY", summary_env),
        ],
    );
    assert_eq!(bad.code, 2);
    assert!(!repo.join("pwned").exists());

    // SARIF: findings do not fail the step, and the file is written.
    let sarif = run_step(
        repo,
        "Write SARIF",
        &[
            ("DECIDE_SARIF_FILE", "out.sarif"),
            ("DECIDE_CHECK_ARGS", "--strict --as-of 2026-03-01"),
        ],
    );
    assert_eq!(sarif.code, 0, "{}", sarif.stderr);
    let log: serde_json::Value = serde_json::from_str(&read(&repo.join("out.sarif"))).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "DL020");
    // A usage error does.
    let usage = run_step(
        repo,
        "Write SARIF",
        &[
            ("DECIDE_SARIF_FILE", "out.sarif"),
            ("DECIDE_CHECK_ARGS", "--select DL999"),
        ],
    );
    assert_eq!(usage.code, 2, "{}", usage.stdout);

    let check = run_step(
        repo,
        "Check the decision log",
        &[("DECIDE_CHECK_ARGS", "--as-of 2026-03-01")],
    );
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("::error file=decisions/0002-score-nightly.md,line=15,col=1,title=DL020 missing-rationale::"),
        "{}",
        check.stdout
    );
}

/// The real `pre-commit`, or `None` when it is not installed (CI installs
/// it, and there a missing `pre-commit` fails the test rather than skip it).
fn pre_commit() -> Option<&'static str> {
    let found = std::process::Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "pre-commit is not installed (pip install pre-commit)"
        );
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return None;
    }
    Some("pre-commit")
}

/// `git` or `pre-commit` in `repo`, with `decide` on PATH and every cache
/// and setting inside the temporary folder.
fn tool(repo: &Path, home: &Path, program: &str, args: &[&str]) -> Run {
    let bin = Path::new(env!("CARGO_BIN_EXE_decide")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    run(std::process::Command::new(program)
        .current_dir(repo)
        .args(args)
        .env("PATH", path)
        .env("HOME", home)
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("NO_COLOR", "1")
        .env_remove("DECIDE_DIR")
        .env_remove("GITHUB_ACTIONS"))
}

/// `.pre-commit-config.yaml` for `repo: local` with the system-language
/// hooks exactly as `.pre-commit-hooks.yaml` declares them (the rust ones
/// differ only in building decide first).
fn local_config() -> String {
    let hooks: Vec<serde_json::Value> = declared()
        .into_iter()
        .filter(|h| h["language"] == "system")
        .collect();
    let config = serde_json::json!({ "repos": [{ "repo": "local", "hooks": hooks }] });
    // JSON is YAML: pre-commit reads it as it is.
    serde_json::to_string_pretty(&config).unwrap()
}

const PEOPLE: &str = "people:\n  ana: { roles: [ml-engineering] }\n  raj: { roles: [product] }\n  lee: { roles: [analytics] }\n";

#[test]
fn a_real_commit_that_breaks_other_records_is_refused_with_file_and_line() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let dir = tempdir();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git_init(&repo);
    write(&repo, "decisions/0001-use-lightgbm.md", ACCEPTED);
    let second = ACCEPTED
        .replace("# Use LightGBM", "# Calibrate the scores")
        .replace(
            "revisit-by: 2999-01-01\n",
            "revisit-by: 2999-01-01\nrelated: [1]\n",
        );
    write(&repo, "decisions/0002-calibrate.md", &second);
    write(&repo, "decisions/people.yaml", PEOPLE);
    write(&repo, ".pre-commit-config.yaml", &local_config());
    let clean = tool(&repo, &home, "git", &["add", "."]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    let install = tool(&repo, &home, pre_commit, &["install"]);
    assert_eq!(install.code, 0, "{}{}", install.stdout, install.stderr);
    let first = tool(&repo, &home, "git", &["commit", "-q", "-m", "start"]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);

    // Delete a record 0002 refers to, and drop lee, whom both consulted.
    tool(
        &repo,
        &home,
        "git",
        &["rm", "-q", "decisions/0001-use-lightgbm.md"],
    );
    write(
        &repo,
        "decisions/people.yaml",
        &PEOPLE.replace("  lee: { roles: [analytics] }\n", ""),
    );
    tool(&repo, &home, "git", &["add", "decisions/people.yaml"]);
    let refused = tool(&repo, &home, "git", &["commit", "-m", "tidy"]);
    let out = format!("{}{}", refused.stdout, refused.stderr);
    assert_ne!(refused.code, 0, "{out}");
    // The hook on the staged files alone (people.yaml) sees nothing wrong;
    // the whole-log hook names the file and line the change broke.
    assert!(out.contains("decide check (whole log)"), "{out}");
    assert!(
        out.contains("- hook id: decide-check-log-system\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "error[DL031]: `related` names 0001, which is not in the log\n  --> decisions/0002-calibrate.md:18:11\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "warning[DL010]: `lee` is not in people.yaml\n --> decisions/0002-calibrate.md:7:13\n"
        ),
        "{out}"
    );
    let log = tool(&repo, &home, "git", &["log", "--oneline"]);
    assert_eq!(log.stdout.lines().count(), 1, "{}", log.stdout);
}

/// The README's way to point the per-file hook at a log in another folder:
/// `files:` set to the `dir` of decide.toml.
#[test]
fn a_real_commit_in_a_custom_log_folder_is_checked_when_files_names_it() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let dir = tempdir();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git_init(&repo);
    write(
        &repo,
        "decide.toml",
        "dir = \"docs/architecture/decisions\"\n",
    );
    write(
        &repo,
        "docs/architecture/decisions/0001-use-lightgbm.md",
        ACCEPTED,
    );
    let mut hook = declared()
        .into_iter()
        .find(|h| h["id"] == "decide-check-system")
        .unwrap();
    hook["files"] = "^docs/architecture/decisions/".into();
    let config = serde_json::json!({ "repos": [{ "repo": "local", "hooks": [hook] }] });
    write(
        &repo,
        ".pre-commit-config.yaml",
        &serde_json::to_string_pretty(&config).unwrap(),
    );
    tool(&repo, &home, "git", &["add", "."]);
    let install = tool(&repo, &home, pre_commit, &["install"]);
    assert_eq!(install.code, 0, "{}{}", install.stdout, install.stderr);
    let first = tool(&repo, &home, "git", &["commit", "-q", "-m", "start"]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);

    write(
        &repo,
        "docs/architecture/decisions/0002-score-nightly.md",
        INCOMPLETE,
    );
    tool(&repo, &home, "git", &["add", "."]);
    let refused = tool(&repo, &home, "git", &["commit", "-m", "nightly"]);
    let out = format!("{}{}", refused.stdout, refused.stderr);
    assert_ne!(refused.code, 0, "{out}");
    assert!(
        out.contains(
            "error[DL020]: the `Rationale` section is empty\n  --> docs/architecture/decisions/0002-score-nightly.md:15:1\n"
        ),
        "{out}"
    );
}
