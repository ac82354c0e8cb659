//! Record text, file names and configuration from a pull request never reach
//! a terminal, a CI log or a spreadsheet as a control (SPEC §8).

use std::path::Path;

use crate::common::*;

/// A title with an OSC 52 clipboard write, a screen clear (CSI as C1), a
/// bidi override, DEL and a BEL; a key with a line break and a workflow
/// command; an owner with an OSC 8 link.
const HOSTILE: &str = "---
id: 1
title: \"Pay \\x1b]52;c;SGVsbG8=\\x07 \\u009b2J \\u202Eexe.txt \\x7f done\"
status: proposed
date: 2026-02-01
owners: [\"\\x1b]8;;http://evil.example\\x1b\\\\ana\\x1b]8;;\\x1b\\\\\"]
consulted: [lee]
\"x\\n::error file=README.md::owned\": 1
supersedes: [2]
---
# Pay

## Rationale

Text \u{1b}[2J with a raw escape.
";

const OTHER: &str = "---
id: 2
title: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\"
status: accepted
date: 2026-01-01
owners: [\"@SUM(A1)\"]
---
# Other
";

fn log() -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "decisions/0001-pay.md", HOSTILE);
    write(dir.path(), "decisions/0002-other.md", OTHER);
    // Raw controls in front matter: the file does not read, and `check`
    // quotes the line.
    write(
        dir.path(),
        "decisions/0003-raw.md",
        "---\nbad-key: 1 # raw \u{1b}]52;c;SGVsbG8=\u{7} and \u{1b}[2J\n---\n# Raw\n",
    );
    write(
        dir.path(),
        "decisions/reviews/2026-02-10-check-in.md",
        REVIEW,
    );
    dir
}

/// A review whose title, attendee, action and feedback carry escapes, for
/// the commands that show reviews and actions.
const REVIEW: &str = "---
kind: check-in
title: \"Check \\x1b[2J in \\u202Eevil\"
date: 2026-02-10
decisions: [1]
attended: [\"\\x1b]52;c;SGVsbG8=\\x07lee\"]
actions:
  - owner: ana
    due: 2026-02-20
    status: open
    note: \"Fix \\x1b]8;;http://evil.example\\x1b\\\\link\"
feedback:
  - by: lee
    on: 1
    date: 2026-02-10
    stance: concern
    note: \"::error file=README.md::owned \\x1b[2J\"
---
# Check-in
";

/// No raw control a terminal would obey: C0 other than tab and newline,
/// DEL, C1 and bidi overrides.
fn assert_no_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

fn assert_no_command(what: &str, text: &str) {
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{what} printed a workflow command: {line}"
        );
    }
}

fn run_all(dir: &Path, args: &[&str]) -> Run {
    let run = decide(dir, args);
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    assert_no_controls(&format!("{args:?} stdout"), &run.stdout);
    assert_no_controls(&format!("{args:?} stderr"), &run.stderr);
    run
}

#[test]
fn every_output_shows_controls_escaped() {
    let dir = log();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "csv"],
        &["list", "--format", "json"],
        &["show", "1"],
        &["graph"],
        &["graph", "--format", "dot"],
        &["rules"],
        &["check"],
        &["check", "--format", "concise"],
        &["check", "--format", "json"],
        &["check", "--format", "github"],
        &["check", "--format", "sarif"],
        &["report"],
        &["report", "--format", "csv"],
        &["report", "--format", "json"],
        &["report", "--format", "markdown"],
        &["digest", "--since", "2026-01-01"],
        &["report", "--format", "html"],
        &["report", "--trend", "quarter"],
        &["report", "--for", "lee"],
        &["check", "--format", "gitlab"],
        &["check", "--format", "junit"],
        &["check", "--statistics"],
        &["action", "list"],
        &["action", "list", "--format", "csv"],
        &["review", "list"],
        &["review", "show", "2026-02-10-check-in"],
    ];
    for args in commands {
        let run = run_all(dir.path(), args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    }
    // The escapes are visible, in the title and in the quoted source line.
    let list = run_all(dir.path(), &["list", "--format", "csv"]);
    assert!(
        list.stdout
            .contains("Pay \\u001b]52;c;SGVsbG8=\\u0007 \\u009b2J \\u202eexe.txt \\u007f done"),
        "{}",
        list.stdout
    );
    let check = run_all(dir.path(), &["check"]);
    assert!(
        check
            .stdout
            .contains("bad-key: 1 # raw \\u001b]52;c;SGVsbG8=\\u0007 and \\u001b[2J"),
        "{}",
        check.stdout
    );
    // Reviews and actions, shown by the commands added since, are escaped too.
    let review = run_all(dir.path(), &["review", "show", "2026-02-10-check-in"]);
    assert!(
        review.stdout.contains("Check \\u001b[2J in"),
        "{}",
        review.stdout
    );
    let actions = run_all(dir.path(), &["action", "list", "--format", "csv"]);
    assert!(
        actions
            .stdout
            .contains("Fix \\u001b]8;;http://evil.example"),
        "{}",
        actions.stdout
    );
    // JSON stays valid and reads back as the original text.
    let json = run_all(dir.path(), &["list", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        value.to_string().contains("\\u202eexe.txt") || json.stdout.contains("\\u202eexe.txt"),
        "{}",
        json.stdout
    );
}

#[test]
fn colour_survives_but_record_escapes_do_not() {
    let dir = log();
    // The colours are ours, written as ESC; the record's ESC is shown escaped.
    let raw = decide(dir.path(), &["check", "--color", "always"]);
    assert_eq!(raw.code, 1, "{}", raw.stderr);
    assert!(raw.stdout.contains("\\u001b[2J"), "{}", raw.stdout);
    assert!(raw.stdout.contains("\u{1b}[1m"), "{}", raw.stdout);
    assert!(!raw.stdout.contains("\u{1b}]"), "{}", raw.stdout);
    assert!(!raw.stdout.contains("\u{1b}[2J"), "{}", raw.stdout);
    assert!(!raw.stdout.contains('\u{202e}'), "{}", raw.stdout);
}

#[test]
fn no_line_can_start_a_workflow_command_under_github_format() {
    let dir = log();
    // Through a key in decide.toml, a glob, a rule name and `dir`.
    write(
        dir.path(),
        "decide.toml",
        "\"x\\n::error file=README.md::from-a-key\" = 1\n[rules]\n\"y\\n::error file=README.md::from-a-rule\" = \"off\"\n[rules.per-file]\n\"z\\n::error file=README.md::from-a-glob\" = [\"DL020\"]\n",
    );
    let run = decide(dir.path(), &["check", "--format", "github"]);
    assert!(run.code <= 2);
    assert_no_command("decide.toml stdout", &run.stdout);
    assert_no_command("decide.toml stderr", &run.stderr);
    assert!(
        run.stderr.contains("\\u003a:error") || run.stdout.contains("\\u003a:error"),
        "the key is shown, escaped: {}{}",
        run.stdout,
        run.stderr
    );

    write(
        dir.path(),
        "decide.toml",
        "dir = \"nowhere\\n::error file=README.md::from-dir\"\n",
    );
    let run = decide(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_no_command("dir stderr", &run.stderr);
    assert_no_command("dir stdout", &run.stdout);

    // A file name passed as an argument, missing or not, and a bad option value.
    std::fs::remove_file(dir.path().join("decide.toml")).unwrap();
    for args in [
        &[
            "check",
            "--format",
            "github",
            "x\n::error file=README.md::from-an-arg",
        ][..],
        &["check", "--format", "::error file=README.md::from-clap"][..],
        &["show", "\n::error file=README.md::from-an-id"][..],
    ] {
        let run = decide(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_no_command(&format!("{args:?}"), &run.stderr);
        assert_no_command(&format!("{args:?}"), &run.stdout);
        assert_no_controls(&format!("{args:?}"), &run.stderr);
    }

    // The annotations themselves: one line each, about the log's own files.
    let run = decide(dir.path(), &["check", "--format", "github"]);
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error file=decisions/")
                || line.starts_with("::warning file=decisions/")
                || line.starts_with("decide: "),
            "{line}"
        );
    }
}

#[test]
fn csv_cells_are_never_formulas() {
    let dir = log();
    let list = decide(dir.path(), &["list", "--format", "csv"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stdout
            .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains(",'@SUM(A1),"), "{}", list.stdout);
    let report = decide(
        dir.path(),
        &["report", "--format", "csv", "--by", "decision"],
    );
    assert_eq!(report.code, 0, "{}", report.stderr);
    for line in report.stdout.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '@']) && !cell.starts_with("\"="),
                "{cell} in {line}"
            );
        }
    }
    assert!(report.stdout.contains("'=HYPERLINK"), "{}", report.stdout);
}

#[test]
fn ids_differing_in_punctuation_are_different_graph_nodes() {
    let dir = tempdir();
    write(dir.path(), "decide.toml", "[ids]\nscheme = \"date\"\n");
    write(
        dir.path(),
        "decisions/2026-01-01-a-b.md",
        "---\ntitle: Dash\nstatus: accepted\ndate: 2026-01-01\nrelated: [2026-01-01-a_b]\n---\n# Dash\n",
    );
    write(
        dir.path(),
        "decisions/2026-01-01-a_b.md",
        "---\ntitle: Underscore\nstatus: accepted\ndate: 2026-01-01\n---\n# Underscore\n",
    );
    for format in ["mermaid", "dot"] {
        let run = decide(dir.path(), &["graph", "--all", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let dash = run.stdout.lines().find(|l| l.contains("Dash")).unwrap();
        let under = run
            .stdout
            .lines()
            .find(|l| l.contains("Underscore"))
            .unwrap();
        let node = |l: &str| l.trim().split(['[', ' ']).next().unwrap().to_string();
        assert_ne!(node(dash), node(under), "{}", run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn templates_stay_inside_the_log() {
    let dir = tempdir();
    write(dir.path(), ".env", "AWS_SECRET=hunter2\n");
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nid: 1\ntitle: A\nstatus: draft\ndate: 2026-01-01\n---\n# A\n",
    );
    std::fs::create_dir_all(dir.path().join("decisions/templates")).unwrap();
    std::os::unix::fs::symlink(
        "../../.env",
        dir.path().join("decisions/templates/decision.md"),
    )
    .unwrap();
    let run = decide(dir.path(), &["new", "Leak", "--no-input"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("templates/decision.md is a symbolic link to ")
            && run.stderr.contains(".env outside the log; not used"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("decisions/0002-leak.md").exists());
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(
        run.stdout.contains(
            "decisions/templates/decision.md:1:1: DL051 [error] template is a symbolic link to "
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("hunter2"));

    // An override over max-file-bytes is refused too.
    std::fs::remove_file(dir.path().join("decisions/templates/decision.md")).unwrap();
    write(dir.path(), "decide.toml", "max-file-bytes = 200\n");
    write(
        dir.path(),
        "decisions/templates/review.md",
        &"x".repeat(300),
    );
    let run = decide(
        dir.path(),
        &[
            "review",
            "new",
            "Q1",
            "--kind",
            "retro",
            "--date",
            "2026-03-01",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("templates/review.md is 300 bytes, over max-file-bytes (200); not used"),
        "{}",
        run.stderr
    );
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(
        run.stdout.contains("decisions/templates/review.md:1:1: DL051 [error] template is 300 bytes, over max-file-bytes (200); `decide new` will not use it"),
        "{}",
        run.stdout
    );
}
