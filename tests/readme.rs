//! The README shows only commands that work exactly as shown: its quick
//! start, run line by line in a fresh repository; the report its "Two
//! commands" block builds, against the snapshot below it; and the `check`
//! console block, against the lines it shows.

use std::path::Path;
use std::process::Command;

use crate::common::*;

fn readme() -> String {
    read(&repo().join("README.md"))
}

/// The lines of the first fenced block after the heading `heading`.
fn block_after(text: &str, heading: &str) -> Vec<String> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in README"));
    let mut lines = text[start..].lines().skip_while(|l| !l.starts_with("```"));
    lines.next();
    lines
        .take_while(|l| !l.starts_with("```"))
        .map(String::from)
        .collect()
}

/// Runs one README line through `sh`, with the built `decide` first on PATH.
fn shell(dir: &Path, line: &str) -> Run {
    let bin = Path::new(env!("CARGO_BIN_EXE_decide")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // An "editor" that writes the rationale, as a user would.
    let editor = r#"sh -c 'sed -i "s/^## Rationale$/## Rationale\n\nMonthly retraining keeps drift within tolerance./" "$1"' editor"#;
    run(Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .env_remove("DECIDE_DIR")
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null()))
}

#[test]
fn the_quick_start_works_line_by_line_in_a_fresh_repository() {
    let lines: Vec<String> = block_after(&readme(), "## Quick start")
        .into_iter()
        .filter(|l| l.starts_with("decide "))
        .collect();
    assert_eq!(lines.len(), 12, "{lines:#?}");
    let dir = tempdir();
    git_init(dir.path());
    let status_line = lines
        .iter()
        .find(|l| l.starts_with("decide status 2 accepted"))
        .unwrap()
        .clone();
    for line in &lines {
        let command = line.split("  #").next().unwrap().trim();
        if command.starts_with("decide feedback resolve") || command.starts_with("decide edit") {
            // As its comment says, accepting is refused until both are done.
            let refused = shell(dir.path(), &status_line);
            assert_eq!(refused.code, 2, "{status_line}: {}", refused.stdout);
            assert!(
                refused.stderr.starts_with("error: 0002 is not accepted: "),
                "{}",
                refused.stderr
            );
        }
        let run = shell(dir.path(), line);
        assert_eq!(
            run.code, 0,
            "{line}\nstdout: {}\nstderr: {}",
            run.stdout, run.stderr
        );
        match command
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["decide", "init"] => {
                // decisions/, decide.toml, charter, people.yaml, 0001
                for file in [
                    "decide.toml",
                    "decisions/charter.md",
                    "decisions/people.yaml",
                    "decisions/0001-record-decisions-in-a-decision-log.md",
                ] {
                    assert!(dir.path().join(file).is_file(), "{file}");
                }
            }
            ["decide", "new", ..] => {
                assert_eq!(
                    run.stdout,
                    "decisions/0002-retrain-the-churn-model-monthly.md\n"
                );
                assert_eq!(run.stderr, "", "every name is in people.yaml");
            }
            ["decide", "list", ..] => {
                assert!(run.stdout.contains("│ 0002 ┆ proposed ┆"), "{}", run.stdout);
                assert!(run.stdout.ends_with("1 of 2 decisions\n"), "{}", run.stdout);
            }
            ["decide", "status", ..] => {
                assert!(
                    run.stdout.starts_with("0002: status proposed → accepted"),
                    "{}",
                    run.stdout
                );
            }
            ["decide", "show", ..] => {
                assert!(
                    run.stdout.contains("\nstatus          accepted (decided "),
                    "{}",
                    run.stdout
                );
                assert!(
                    run.stdout
                        .contains("Monthly retraining keeps drift within tolerance.")
                );
                assert!(run.stdout.contains("[resolved "), "{}", run.stdout);
            }
            ["decide", "check"] => {
                // What is still missing, file:line:col; no unknown person.
                assert!(
                    run.stdout
                        .contains("--> decisions/0002-retrain-the-churn-model-monthly.md:"),
                    "{}",
                    run.stdout
                );
                assert!(!run.stdout.contains("DL010"), "{}", run.stdout);
            }
            ["decide", "report"] => {
                assert!(
                    run.stdout.starts_with("Engagement report, as of "),
                    "{}",
                    run.stdout
                );
                assert!(
                    run.stdout.contains("2 decisions (2 accepted) and 1 review"),
                    "{}",
                    run.stdout
                );
            }
            _ => {}
        }
    }
}

#[test]
fn the_two_commands_report_matches_the_readme_snapshot() {
    let text = readme();
    let block = block_after(&text, "## Two commands");
    let line = block
        .iter()
        .find(|l| l.starts_with("cargo run --release -- report"))
        .expect("the report line");
    let args =
        line.split("  #").next().unwrap().trim()["cargo run --release -- ".len()..].to_string();
    let run = shell(&repo(), &format!("decide {args}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let snapshot = block_after(&text, "## What the report says about the example team");
    let shown: Vec<&String> = snapshot.iter().take_while(|l| l.as_str() != "…").collect();
    assert!(shown.len() > 20);
    let printed: Vec<&str> = run.stdout.lines().collect();
    for (i, line) in shown.iter().enumerate() {
        assert_eq!(printed[i], line.as_str(), "line {}", i + 1);
    }
}

#[test]
fn the_check_console_block_shows_what_check_prints() {
    let text = readme();
    let block = block_after(&text, "## Checking the log: terminal, pre-commit, CI");
    let command = block[0].strip_prefix("$ ").expect("a console block");
    let run = shell(&repo(), command);
    assert_eq!(run.code, 1, "errors found: {}", run.stderr);
    // The shown lines, in order, with `…` standing for any lines.
    let mut rest = run.stdout.as_str();
    for line in block[1..].iter().filter(|l| l.as_str() != "…") {
        let at = rest
            .find(&format!("{line}\n"))
            .unwrap_or_else(|| panic!("{line:?} not printed (in order):\n{}", run.stdout));
        rest = &rest[at + line.len()..];
    }
    assert_eq!(run.stdout.lines().last(), block.last().map(String::as_str));
}
