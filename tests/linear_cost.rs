//! SPEC §8, cost grows linearly with the log: the places where a naive
//! lookup made a large input take quadratic time or worse (where a key is
//! written in a long list, did-you-mean among many people, expanding large
//! groups, wrapping a very long word in `check`'s output, judging targets
//! against many review outcomes, code spans on a line of many backtick
//! runs), each on a large input. Before the fixes, the people and group
//! cases took 9 to 15 seconds in a release build and the backtick line would
//! not have ended. Nothing is timed: a run that does not end within a
//! generous bound is killed and fails.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

/// Runs `decide ARGS` in `dir`, killing it after two minutes (a debug
/// build on a busy machine ends these in seconds).
fn bounded(dir: &Path, args: &[&str]) -> Run {
    let mut child = cmd(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the output while it runs, so a full pipe never stalls it.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        text
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("decide {args:?} did not end within two minutes");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        code: status.code().unwrap_or(-1),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn check(dir: &Path, format: &str) -> Run {
    bounded(
        dir,
        &[
            "check",
            "--no-cache",
            "--as-of",
            "2026-03-01",
            "--format",
            format,
        ],
    )
}

#[test]
fn a_list_of_ten_thousand_feedback_items_is_checked() {
    // Each item's keys are looked up by the rules (is `date` written? where
    // is `stance`?): a scan of the list per item was quadratic.
    let dir = tempdir();
    let mut text =
        String::from("---\nstatus: proposed\ndate: 2026-01-10\nowners: [ana]\nfeedback:\n");
    for i in 0..10_000 {
        let _ = write!(text, "  - by: p{i}\n    stance: support\n");
    }
    text.push_str("---\n# Many voices\n");
    write(dir.path(), "decisions/0001-many-voices.md", &text);
    let run = check(dir.path(), "concise");
    // Every item lacks its date: one finding each, at the item's own line.
    let missing_dates = run
        .stdout
        .lines()
        .filter(|l| l.contains("0001-many-voices.md:") && l.contains("date"))
        .count();
    assert!(
        missing_dates >= 10_000,
        "{}",
        &run.stdout[..2000.min(run.stdout.len())]
    );
    assert!(
        run.stdout.contains("0001-many-voices.md:20004:"),
        "the last item is reported at its line"
    );
}

/// Writes `n` decisions, `0001-decision-1.md` and on, each `text`.
fn same_decisions(dir: &Path, n: usize, text: &str) {
    for i in 1..=n {
        write(dir, &format!("decisions/{i:04}-decision-{i}.md"), text);
    }
}

/// A registry of `n` people, `ana0` … and one group holding all of them.
fn registry(n: usize) -> String {
    let mut text = String::from("people:\n");
    for i in 0..n {
        let _ = writeln!(text, "  person{i}:\n    roles: [ml]");
    }
    text.push_str("groups:\n  everyone: [");
    for i in 0..n {
        let _ = write!(text, "{}person{i}", if i == 0 { "" } else { ", " });
    }
    text.push_str("]\n");
    text
}

#[test]
fn unknown_names_on_every_record_are_suggested_for_without_rescanning_the_registry() {
    let dir = tempdir();
    write(dir.path(), "decisions/people.yaml", &registry(5_000));
    same_decisions(
        dir.path(),
        1_500,
        "---\nstatus: draft\nowners: [persn17]\nconsulted: [zelda-unknown]\n---\n# A draft\n",
    );
    let run = check(dir.path(), "human");
    assert_eq!(
        run.stdout
            .matches("`persn17` is not in people.yaml")
            .count(),
        1_500
    );
    assert_eq!(
        run.stdout
            .matches("did you mean `person17`? Otherwise add `persn17` to people.yaml")
            .count(),
        1_500
    );
    assert_eq!(
        run.stdout
            .matches("add `zelda-unknown` to people.yaml as a person, an alias or a group")
            .count(),
        1_500
    );
}

#[test]
fn a_registry_of_many_groups_costs_only_the_groups_the_log_names() {
    // Twenty thousand groups, each holding the group of everyone: working
    // out every group's roles up front took 7 s and 680 MB for half as
    // many in a release build. Rule DL014 asks only for the names the
    // decisions use.
    let dir = tempdir();
    let mut people = registry(3_000);
    for i in 0..20_000 {
        let _ = writeln!(people, "  team{i}: [everyone]");
    }
    write(dir.path(), "decisions/people.yaml", &people);
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nrequired-roles: [ml, product]\n---\n# Charter\n",
    );
    same_decisions(
        dir.path(),
        10,
        "---\nstatus: proposed\ndate: 2026-01-10\nowners: [person1]\nconsulted: [team7]\n---\n# A decision\n",
    );
    let run = check(dir.path(), "concise");
    let missing: Vec<&str> = run.stdout.lines().filter(|l| l.contains("DL014")).collect();
    assert_eq!(missing.len(), 10, "{}", run.stdout);
    // `ml` comes through team7 and everyone; `product` from no one.
    assert!(
        missing
            .iter()
            .all(|l| l.contains("`product`") && !l.contains("`ml`")),
        "{missing:?}"
    );
}

#[test]
fn a_group_of_thousands_is_expanded_once_per_name() {
    // Proposed by and decided by `everyone`: self-approved (DL016), which
    // compares the expanded groups of every record.
    let dir = tempdir();
    write(dir.path(), "decisions/people.yaml", &registry(4_000));
    same_decisions(
        dir.path(),
        400,
        "---\nstatus: proposed\ndate: 2026-01-10\nowners: [everyone]\ndecision-makers: [everyone]\nconsulted: [person1]\n---\n# A decision\n",
    );
    let run = check(dir.path(), "concise");
    let self_approved = run
        .stdout
        .lines()
        .filter(|l| l.contains("every decision-maker"))
        .count();
    assert_eq!(
        self_approved,
        400,
        "{}",
        &run.stdout[..2000.min(run.stdout.len())]
    );
    // The report expands the same group for its per-person figures.
    let report = bounded(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    );
    assert_eq!(report.code, 0, "{}", report.stderr);
    serde_json::from_str::<serde_json::Value>(&report.stdout).unwrap();
}

#[test]
fn a_status_of_half_a_million_characters_is_wrapped_in_linear_time() {
    // The human format wraps each message to the terminal's width; a word
    // longer than a line is cut in pieces, and the rest of the word was
    // counted again for every piece (quadratic, if quick on ASCII text).
    let dir = tempdir();
    let word = "x".repeat(500_000);
    write(
        dir.path(),
        "decisions/0001-long-status.md",
        &format!("---\nstatus: {word}\ndate: 2026-01-10\n---\n# A long status\n"),
    );
    let run = check(dir.path(), "human");
    assert!(run.stdout.contains("error[DL"), "{}", &run.stdout[..500]);
    // The message is wrapped: no line is wider than the default width.
    let message_lines: Vec<&str> = run
        .stdout
        .lines()
        .take_while(|l| !l.contains("-->"))
        .collect();
    assert!(message_lines.len() > 1_000, "{}", message_lines.len());
    assert!(message_lines.iter().all(|l| l.chars().count() <= 100));
}

#[test]
fn targets_are_judged_against_thousands_of_review_outcomes() {
    // Each decision's targets were judged by scanning every outcome of
    // every review: decisions × outcomes (15% of `report` at 100,000).
    let dir = tempdir();
    let decisions = 3_000;
    same_decisions(
        dir.path(),
        decisions,
        "---\nstatus: accepted\ndate: 2026-01-10\ndecided: 2026-01-12\nowners: [ana]\nexpected-outcomes:\n  - metric: auc\n    target: \">= 0.8\"\n---\n# A decision\n\n## Rationale\n\nBest.\n",
    );
    // Two reviews per ten decisions: the first records 0.7 (missed) for
    // each, the later one 0.9 (met) for the odd ids only. The latest counts.
    for r in 0..decisions / 10 {
        for (day, value, odd_only) in [("02", "0.7", false), ("03", "0.9", true)] {
            let mut text = format!("---\nkind: retro\ndate: 2026-02-{day}\noutcomes:\n");
            for i in (r * 10 + 1)..=(r * 10 + 10) {
                if !odd_only || i % 2 == 1 {
                    let _ = write!(
                        text,
                        "  - decision: {i}\n    metric: auc\n    value: {value}\n"
                    );
                }
            }
            text.push_str("---\n");
            write(
                dir.path(),
                &format!("decisions/reviews/2026-02-{day}-batch-{r}.md"),
                &text,
            );
        }
    }
    let run = bounded(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let counts = &report["targets"]["counts"];
    assert_eq!(counts["met"], 1_500, "{counts}");
    assert_eq!(counts["missed"], 1_500, "{counts}");
    let first = &report["targets"]["targets"][0];
    assert_eq!(
        (&first["id"], &first["observed"], &first["source"]),
        (
            &serde_json::json!("0001"),
            &serde_json::json!(0.9),
            &serde_json::json!("2026-02-03-batch-0")
        )
    );
}

#[test]
fn the_roles_of_every_respondent_are_looked_up_in_a_large_registry() {
    // Diversity asks for the roles of everyone who responded on every
    // decision: a scan of the registry per respondent took decisions ×
    // respondents × people (2.1 s for this log in a release build).
    let dir = tempdir();
    let mut people = String::from("people:\n");
    // 15,000 people: the registry's node budget allows no more.
    for i in 0..15_000 {
        let role = ["ml", "product"][i % 2];
        let _ = writeln!(people, "  person{i}:\n    roles: [{role}]");
    }
    write(dir.path(), "decisions/people.yaml", &people);
    // Feedback from the last fifty people of the registry, half of each role.
    let mut text = String::from(
        "---\nstatus: accepted\ndate: 2026-01-10\ndecided: 2026-01-20\nowners: [person0]\nfeedback:\n",
    );
    for i in 14_950..15_000 {
        let _ = write!(
            text,
            "  - by: person{i}\n    date: 2026-01-12\n    stance: support\n"
        );
    }
    text.push_str("---\n# A decision\n");
    same_decisions(dir.path(), 1_000, &text);
    let run = bounded(
        dir.path(),
        &["report", "--as-of", "2026-03-01", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = report["decisions"].as_array().unwrap();
    assert_eq!(rows.len(), 1_000);
    for row in [&rows[0], &rows[999]] {
        let diversity = &row["diversity"];
        assert_eq!(diversity["roles"], serde_json::json!(["ml", "product"]));
        assert_eq!(diversity["entropy"], serde_json::json!(1.0), "{diversity}");
    }
}

#[test]
fn a_line_of_many_unmatched_backtick_runs_is_scanned_for_placeholders() {
    // Runs of 1, 2, 3 … 600 backticks, none closed: each backtick looked
    // for its closing run through the rest of the line (20,000 characters
    // took 6 s in a release build; this line is 180,000).
    let dir = tempdir();
    let ticks: String = (1..=600).map(|n| format!("{}a", "`".repeat(n))).collect();
    write(
        dir.path(),
        "decisions/0001-ticks.md",
        &format!(
            "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Ticks\n\n## Context\n\n{ticks} Cost is TBD.\n"
        ),
    );
    let run = check(dir.path(), "concise");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("decisions/0001-ticks.md:9:") && l.contains("TBD")),
        "{}",
        run.stdout
    );
}

#[test]
fn lines_of_many_open_braces_are_scanned_for_placeholders() {
    // `{words with spaces}` is a placeholder. Each `{` looked for its `}`
    // through the rest of the line (200,000 characters of `{a ` took 2 s in
    // a release build), and checked the words up to it for a space.
    let dir = tempdir();
    let open = "{a ".repeat(70_000);
    let nested = format!("{}}}", "{a".repeat(100_000));
    write(
        dir.path(),
        "decisions/0001-braces.md",
        &format!(
            "---\nstatus: proposed\ndate: 2026-01-10\n---\n# Braces\n\n## Context\n\n{open}\n\n{nested}\n\nThe {{title of option 1}}.\n"
        ),
    );
    let run = check(dir.path(), "concise");
    // Neither long line holds a placeholder; the last line does.
    let placeholders: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("{title of option 1}") || l.contains("{a"))
        .collect();
    assert_eq!(placeholders.len(), 1, "{placeholders:?}");
    assert!(
        placeholders[0].starts_with("decisions/0001-braces.md:13:5:"),
        "{placeholders:?}"
    );
}
