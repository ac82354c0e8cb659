//! Input is checked as carefully everywhere (issue 10, point 4), and a
//! status synonym is read, reported and fixed (point 5).

use crate::common::*;

fn example(args: &[&str]) -> Run {
    let dir = example_log();
    let mut all = args.to_vec();
    all.extend(["--dir", dir.to_str().unwrap()]);
    decide(&repo(), &all)
}

#[test]
fn list_status_takes_commas_and_repeats_and_suggests_for_a_typo() {
    let ids = |run: &Run| -> Vec<String> {
        run.stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
            .collect()
    };
    let commas = example(&["list", "--status", "proposed,draft", "--format", "csv"]);
    assert_eq!(commas.code, 0, "{}", commas.stderr);
    assert_eq!(
        ids(&commas),
        [
            "0024,proposed",
            "0027,proposed",
            "0028,proposed",
            "0029,draft",
            "0030,draft"
        ]
    );
    let repeated = example(&[
        "list", "--status", "proposed", "--status", "Draft", "--format", "csv",
    ]);
    assert_eq!(ids(&repeated), ids(&commas));
    let typo = example(&["list", "--status", "acepted"]);
    assert_eq!(typo.code, 2);
    assert_eq!(
        typo.stderr,
        "error: --status `acepted` is not a status; did you mean `accepted`? (one of: draft, proposed, accepted, rejected, deprecated, superseded, withdrawn, deferred, unknown)\n"
    );
}

#[test]
fn a_model_or_owner_that_matches_nothing_says_so() {
    let run = example(&["list", "--model", "chrun"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "note: no decision is about model `chrun` (models in the log: churn, retention-offers)\nno decisions match\n"
    );
    let run = example(&["list", "--owner", "nobody"]);
    assert_eq!(
        run.stderr,
        "note: `nobody` owns no decision and is not in people.yaml\nno decisions match\n"
    );
    // A real owner: no note.
    let run = example(&["list", "--owner", "ana", "--format", "csv"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn feedback_by_a_group_is_refused() {
    let dir = tempdir();
    assert_eq!(decide(dir.path(), &["init"]).code, 0);
    let run = decide(
        dir.path(),
        &["feedback", "1", "--by", "product", "--stance", "support"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `product` is a group in decisions/people.yaml; feedback is given by one person (one of: product-lead)\n"
    );
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "1",
            "--by",
            "product-lead",
            "--stance",
            "support",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn dates_after_the_as_of_date_are_warnings() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\ntitle: A\nstatus: proposed\ndate: 2026-01-01\nowners: [ana]\nfeedback:\n  - {by: lee, date: 2026-03-02, stance: support}\n---\n",
    );
    let run = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-03-01"],
    );
    assert!(
        run.stdout.contains(
            "decisions/0001-a.md:7:21: DL006 [warning] feedback dated 2026-03-02, after the as-of date 2026-03-01"
        ),
        "{}",
        run.stdout
    );
    let run = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-03-02"],
    );
    assert!(!run.stdout.contains("DL006"), "{}", run.stdout);
}

#[test]
fn a_status_synonym_is_read_reported_and_fixed() {
    let dir = tempdir();
    let text = "---\ntitle: A\nstatus: approved   # by the board\ndate: 2026-01-01\n---\n";
    let path = write(dir.path(), "decisions/0001-a.md", text);
    let list = decide(
        dir.path(),
        &["list", "--status", "accepted", "--format", "csv"],
    );
    assert!(list.stdout.contains("\n0001,accepted,"), "{}", list.stdout);
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(
        run.stdout.contains(
            "decisions/0001-a.md:3:9: DL005 [warning] status `approved` is read as `accepted`"
        ),
        "{}",
        run.stdout
    );
    let run = decide(dir.path(), &["check", "--fix", "--format", "concise"]);
    assert!(
        run.stderr
            .contains("fixed decisions/0001-a.md: status → accepted"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("DL005"), "{}", run.stdout);
    assert_eq!(read(&path), text.replace("approved   #", "accepted   #"));
}
