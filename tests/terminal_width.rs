//! Output that fits the terminal: `list`, `report`, `show`, `rules` and the
//! human `check` run on a real pseudo-terminal (util-linux `script`) of 80
//! and 160 columns, whose width `decide` reads from the tty itself.

use std::process::Command;

use crate::common::*;

/// Runs `decide ARGS` on a pseudo-terminal `cols` wide, from the repository
/// root, and returns what the terminal showed, colours removed.
fn on_terminal(cols: u16, args: &str) -> String {
    on_terminal_with(cols, args, 0)
}

fn on_terminal_with(cols: u16, args: &str, code: i32) -> String {
    let bin = env!("CARGO_BIN_EXE_decide");
    let line = format!("stty rows 50 cols {cols}; '{bin}' {args}");
    let out = Command::new("script")
        .args(["-q", "-e", "-c", &line, "/dev/null"])
        .current_dir(repo())
        .env_remove("COLUMNS")
        .env_remove("DECIDE_DIR")
        .env("NO_COLOR", "1")
        .output()
        .expect("util-linux `script` runs");
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert_eq!(out.status.code(), Some(code), "{args}: {text}");
    strip_ansi(&text)
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

const EXAMPLE: &str = "--dir examples/churn-model/decisions";

#[test]
fn list_report_and_show_fit_80_and_160_columns() {
    for cols in [80, 160] {
        for args in [
            format!("list {EXAMPLE}"),
            format!("report --as-of 2026-11-25 {EXAMPLE}"),
            format!("show 12 {EXAMPLE}"),
            format!("show 24 {EXAMPLE}"),
            format!("rules {EXAMPLE}"),
            format!("rules DL020 {EXAMPLE}"),
        ] {
            let out = on_terminal(cols, &args);
            assert!(out.lines().count() > 5, "{args}: {out}");
            assert!(
                widest_line(&out) <= usize::from(cols),
                "{args} at {cols} columns is {} wide:\n{out}",
                widest_line(&out)
            );
        }
    }
}

#[test]
fn a_wide_terminal_is_used_and_a_narrow_one_wraps() {
    let wide = on_terminal(160, &format!("list {EXAMPLE}"));
    let narrow = on_terminal(80, &format!("list {EXAMPLE}"));
    // 30 decisions: one line each at 160 columns, more at 80.
    assert!(widest_line(&wide) > 100, "{wide}");
    assert!(narrow.lines().count() > wide.lines().count(), "{narrow}");
    assert!(
        wide.contains("┆ Exclude age, gender and postcode-derived features from the churn model  "),
        "{wide}"
    );
}

#[test]
fn show_continues_lines_under_their_text_and_underlines_the_title() {
    let out = on_terminal(80, &format!("show 12 {EXAMPLE}"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "0012  Route the top churn decile to retention agents, capped by site capacity"
    );
    assert_eq!(lines[1], "=".repeat(lines[0].chars().count()));
    // A related-decisions line continues under the value column.
    assert!(
        out.contains(
            "related         0010 (Show the top three SHAP reasons to retention agents as\n                plain-language reason codes)"
        ),
        "{out}"
    );
    // Prose is reflowed to the terminal, not left at the width it was typed.
    assert!(
        out.contains("  calls the two sites can make, and agents are measured on queue completion.\n  Ines proposed"),
        "{out}"
    );
}

#[test]
fn the_report_breaks_a_review_id_only_after_a_dash() {
    let out = on_terminal(80, &format!("report --as-of 2026-11-25 {EXAMPLE}"));
    assert!(out.contains("┆ review 2026-04-14- │"), "{out}");
    assert!(out.contains("┆ milestone-uplift-  │"), "{out}");
    assert!(out.contains("┆ v2-thresholds,     │"), "{out}");
    assert!(out.contains("┆ action 1           │"), "{out}");
}

#[test]
fn human_check_wraps_messages_and_help_to_the_terminal() {
    // The example log has errors by design (EXPECTED-FINDINGS.md): exit 1.
    let out = on_terminal_with(80, &format!("check --as-of 2026-11-25 {EXAMPLE}"), 1);
    for line in out.lines() {
        let quoted = line.contains(" | ") || line.trim_start().starts_with("-->");
        if !quoted {
            assert!(line.chars().count() <= 80, "{line}\n{out}");
        }
    }
    assert!(out.contains("= help: "), "{out}");
}

#[test]
fn paths_print_without_dot_components() {
    let dir = example_log();
    let run = decide(&dir, &["list", "--dir", ".", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains(",examples/churn-model/decisions/0001-adopt-a-decision-log.md\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("/./"), "{}", run.stdout);
    let run = decide(
        &dir.join("reviews"),
        &["list", "--dir", "..", "--format", "csv"],
    );
    assert!(!run.stdout.contains("/../"), "{}", run.stdout);
    assert!(!run.stdout.contains("reviews/.."), "{}", run.stdout);
}
