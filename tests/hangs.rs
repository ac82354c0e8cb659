//! Inputs that once made `decide` hang or blow up: each command must end.
//! The timeouts are far above what the commands need: these tests check
//! that they end, not how fast.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use crate::concurrency::wait_at_most;

const LIMIT: Duration = Duration::from_secs(120);

fn ends(dir: &Path, args: &[&str]) -> Run {
    let mut child = cmd(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the pipes while waiting, so a large output cannot block the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).unwrap();
        s
    });
    let run = wait_at_most(&mut child, LIMIT);
    let run = Run {
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        code: run.code,
    };
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    assert!(
        run.code <= 2,
        "{args:?} ended with {}: {}",
        run.code,
        run.stderr
    );
    run
}

fn decision(id: u32, extra: &str, body: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: T{id}\nstatus: proposed\ndate: 2026-01-01\nowners: [ana]\n{extra}---\n# T{id}\n{body}"
    )
}

#[test]
fn a_group_that_contains_itself_is_a_finding_not_a_hang() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/people.yaml",
        "people:\n  ana: {}\ngroups:\n  g: [g, g, g, g, h]\n  h: [g, ana]\n",
    );
    write(
        dir.path(),
        "decisions/0001-a.md",
        &decision(1, "consulted: [g]\n", ""),
    );
    for args in [
        &["show", "1"][..],
        &["report"],
        &["digest", "--since", "2026-01-01"],
        &["list"],
    ] {
        let run = ends(dir.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let run = ends(dir.path(), &["check", "--format", "concise"]);
    assert!(
        run.stdout.contains(
            "decisions/people.yaml:4:3: DL005 [error] group `g` contains itself: g → h → g"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_body_of_many_headings_is_read_in_linear_time() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        &decision(1, "", &"#\n".repeat(40_000)),
    );
    for args in [&["check"][..], &["show", "1"], &["report"]] {
        ends(dir.path(), args);
    }
}

#[test]
fn thousands_of_unknown_names_on_one_long_line() {
    let dir = tempdir();
    let people: String = (0..4000)
        .map(|i| format!("  person{i:04}: {{}}\n"))
        .collect();
    write(
        dir.path(),
        "decisions/people.yaml",
        &format!("people:\n  ana: {{}}\n{people}"),
    );
    let mut names: Vec<String> = (0..4000).map(|i| format!("unknown{i:04}")).collect();
    names[0] = "persn0001".into();
    write(
        dir.path(),
        "decisions/0001-a.md",
        &decision(1, &format!("consulted: [{}]\n", names.join(", ")), ""),
    );
    let names: Vec<String> = (0..20_000).map(|i| format!("u{i}")).collect();
    write(
        dir.path(),
        "decisions/0002-b.md",
        &decision(2, &format!("consulted: [{}]\n", names.join(", ")), ""),
    );
    let run = ends(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.matches("DL010").count(), 24_000);
    // Each quote of the 40 KB line is a window around the name it points at.
    assert!(
        widest_line(&run.stdout) < 250,
        "{}",
        widest_line(&run.stdout)
    );
    assert!(
        run.stdout.contains("did you mean"),
        "the first names get suggestions"
    );
}

#[test]
fn huge_status_lines_titles_and_sections() {
    let dir = tempdir();
    let words = vec!["superseded by 3"; 33_000].join(" ");
    write(
        dir.path(),
        "src/0001-a.md",
        &format!("# 1. A\n\nDate: 2026-01-01\n\n## Status\n\n{words}\n\n## Context\n\nx\n"),
    );
    write(
        dir.path(),
        "src/0002-b.md",
        &format!(
            "# 2. B\n\nDate: 2026-01-01\n\n{}",
            "## Status\n\nAccepted\n\n".repeat(20_000)
        ),
    );
    let run = ends(dir.path(), &["import", "src", "--dir", "decisions"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let title = "T".repeat(900_000);
    write(
        dir.path(),
        "decisions/0003-t.md",
        &format!("---\nid: 3\ntitle: {title}\nstatus: proposed\ndate: 2026-01-01\n---\n# T\n"),
    );
    let run = ends(dir.path(), &["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("TTT…"), "{}", &run.stdout[..500]);
    ends(dir.path(), &["report"]);
}

#[test]
fn an_id_beyond_the_integer_range_is_a_diagnostic() {
    let dir = tempdir();
    let record = "---\ntitle: Big\nstatus: proposed\ndate: 2026-01-01\n---\n# Big\n";
    write(
        dir.path(),
        "decisions/99999999999999999999999-big.md",
        record,
    );
    write(dir.path(), "decisions/18446744073709551615-max.md", record);
    write(dir.path(), "decisions/0007-seven.md", &decision(7, "", ""));
    let run = ends(dir.path(), &["new", "After", "--no-input"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "decisions/0008-after.md\n");
    let run = ends(dir.path(), &["check", "--format", "concise"]);
    for name in [
        "99999999999999999999999-big.md",
        "18446744073709551615-max.md",
    ] {
        assert!(
            run.stdout.contains(&format!(
                "decisions/{name}:1:1: DL050 [warning] Markdown file in the log is not a record: its number is above the largest id, 999999999"
            )),
            "{}",
            run.stdout
        );
    }
    // The largest id is taken: `new` says so instead of wrapping to 0000.
    write(
        dir.path(),
        "decisions/999999999-last.md",
        &decision(999_999_999, "", ""),
    );
    let run = ends(dir.path(), &["new", "One more", "--no-input"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no number is left after 999999999, the largest id\n"
    );
}

#[test]
fn decide_toml_has_hard_ceilings() {
    let dir = tempdir();
    write(dir.path(), "decisions/0001-a.md", &decision(1, "", ""));
    write(
        dir.path(),
        "decide.toml",
        &format!("# {}\nstale-days = 30\n", "x".repeat(100_000)),
    );
    let run = ends(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with(
            "decide.toml: is larger than 65536 bytes; a configuration is never that long\n"
        ),
        "{}",
        run.stderr
    );
    write(dir.path(), "decide.toml", "max-file-bytes = 999999999999\n");
    let run = ends(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("max-file-bytes = 999999999999 is above the ceiling of 67108864 bytes"),
        "{}",
        run.stderr
    );
}

/// Targets are judged against outcomes grouped by decision once, not by
/// scanning every review for every decision: 3,000 decisions with a target
/// and 3,000 retrospectives end, each target judged on its own outcome.
#[test]
fn thousands_of_targets_against_thousands_of_retrospectives() {
    let dir = tempdir();
    for i in 1..=3000u32 {
        let extra =
            "decided: 2026-01-02\nexpected-outcomes:\n  - metric: auc\n    target: \">= 0.8\"\n";
        let text = decision(i, extra, "").replace("status: proposed", "status: accepted");
        write(dir.path(), &format!("decisions/{i:04}-t.md"), &text);
        // Every third decision missed its target.
        let value = if i % 3 == 0 { "0.7" } else { "0.85" };
        write(
            dir.path(),
            &format!("decisions/reviews/2026-02-01-retro-{i}.md"),
            &format!(
                "---\nkind: retrospective\ntitle: Retro {i}\ndate: 2026-02-01\ndecisions: [{i}]\noutcomes:\n  - decision: {i}\n    metric: AUC\n    value: {value}\n---\n# Retro {i}\n"
            ),
        );
    }
    let run = ends(
        dir.path(),
        &["report", "--format", "json", "--as-of", "2026-03-01"],
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let counts = &report["targets"]["counts"];
    assert_eq!(counts["met"], 2000, "{counts}");
    assert_eq!(counts["missed"], 1000, "{counts}");
    assert_eq!(counts["not_yet_measured"], 0, "{counts}");
}
