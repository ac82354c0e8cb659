//! The read-only commands that keep only part of each record while the log
//! loads (`show`, `graph`, `action list`, `review list`, `review show`,
//! `edit`): the cases where what is kept could differ from the whole
//! record, pinned to what the commands printed when they loaded every
//! record whole.

use crate::common::*;

/// Id 3 is used twice (0002 declares it, 0003 takes it from its file
/// name); the first of the two in the log's order has no title.
fn shared_ids() -> tempfile::TempDir {
    let dir = tempdir();
    let d = dir.path();
    write(
        d,
        "decisions/0001-weekly.md",
        "---\ntitle: Retrain weekly\nstatus: accepted\ndecided: 2026-01-02\nowners: [ana]\n\
         consulted: [bob]\nrelated: [3]\nsupersedes: [4]\n---\n# Retrain weekly\n",
    );
    write(
        d,
        "decisions/0002-untitled.md",
        "---\nid: 3\nstatus: draft\n---\nNo heading, no title.\n",
    );
    write(
        d,
        "decisions/0003-nightly.md",
        "---\nstatus: proposed\n---\n# Score nightly\n",
    );
    write(
        d,
        "decisions/0004-old.md",
        "---\nstatus: superseded\n---\n# Old one\n",
    );
    write(
        d,
        "decisions/0005-broken.md",
        "---\nstatus: [x\n---\n# Broken\n",
    );
    dir
}

#[test]
fn show_labels_a_link_with_the_first_record_of_its_id() {
    let dir = shared_ids();
    let run = decide(dir.path(), &["show", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 0002 comes first of the two records with id 3, and has no title.
    assert_eq!(
        run.stdout,
        "0001  Retrain weekly\n\
         ====================\n\
         status          accepted (decided 2026-01-02)\n\
         owners          ana\n\
         decision-makers none recorded\n\
         consulted       bob\n\
         supersedes      0004 (Old one)\n\
         related         0003 (not in the log)\n\
         file            decisions/0001-weekly.md\n\
         \n\
         Participation   0 of 1 expected responded (0%) by 2026-01-02 (decided)\n\
         \x20 no response   bob\n\
         \x20 meaning       share of the people asked (consulted, deciding) who took part before the decision,\n\
         \x20               by a view or by attending; higher is better\n\
         \n\
         Completeness    1 of 8 checks (12%); `decide check` reports 2 errors on it\n\
         \x20 missing       decision-maker, alternative, rationale, constraint, expected outcome, artifact,\n\
         \x20               revisit date\n\
         \x20 meaning       share of the completeness checks the decision passes; higher is better\n"
    );
}

#[test]
fn show_of_a_shared_id_by_file_counts_only_that_files_errors() {
    let dir = shared_ids();
    let run = decide(dir.path(), &["show", "3"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: id 3 is used by 2 files (decisions/0002-untitled.md, decisions/0003-nightly.md); give each its own id first (`decide renumber`)\n"
    );
    // The other record with id 3 is checked too (it may be the one meant)
    // but its findings are not counted: 3 errors, DL007 among them.
    let run = decide(dir.path(), &["show", "0003-nightly"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("0003  Score nightly\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("0 of 8 checks (0%); `decide check` reports 3 errors on it\n"),
        "{}",
        run.stdout
    );
    let run = decide(dir.path(), &["show", "0002-untitled.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0003  (untitled)\n\
         ================\n\
         status          draft\n\
         decision-makers none recorded\n\
         file            decisions/0002-untitled.md\n\
         \n\
         Participation   n/a: nobody is consulted or deciding\n\
         \n\
         Completeness    n/a: drafts are not scored\n"
    );
}

#[test]
fn show_reports_a_missing_decision_before_a_bad_date() {
    let dir = shared_ids();
    let run = decide(dir.path(), &["show", "9", "--as-of", "nope"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: no decision with id 9\n");
    let run = decide(dir.path(), &["show", "1", "--as-of", "nope"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --as-of `nope` is not a YYYY-MM-DD date\n"
    );
}

#[test]
fn show_of_a_record_with_broken_front_matter() {
    let dir = shared_ids();
    let run = decide(dir.path(), &["show", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("0005  Broken\n============\nstatus          unknown\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("0 of 8 checks (0%); `decide check` reports 1 error on it\n"),
        "{}",
        run.stdout
    );
}

/// [`shared_ids`] and a review naming 3 (shared, the first untitled), 1
/// and 9 (not in the log), and a decision file that is not UTF-8.
fn with_review() -> tempfile::TempDir {
    let dir = shared_ids();
    write(
        dir.path(),
        "decisions/reviews/2026-02-01-retro.md",
        "---\nkind: retro\ntitle: Retro\ndate: 2026-02-01\ndecisions: [3, 1, 9]\nattended: [ana]\n---\n",
    );
    std::fs::write(
        dir.path().join("decisions/0006-bytes.md"),
        b"---\ntitle: caf\xe9\n---\n",
    )
    .unwrap();
    dir
}

#[test]
fn review_show_titles_a_decision_by_the_first_record_of_its_id() {
    let dir = with_review();
    let run = decide(dir.path(), &["review", "show", "2026-02-01-retro"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Retro\n\
         =====\n\
         review       2026-02-01-retro\n\
         kind         retro\n\
         date         2026-02-01\n\
         attended     ana\n\
         decisions    0003 (not in the log), 0001 (Retrain weekly), 0009 (not in the log)\n\
         file         decisions/reviews/2026-02-01-retro.md\n"
    );
    let run = decide(dir.path(), &["review", "show", "nope"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no review `nope` (a review is named by its file stem, e.g. 2026-03-04-q1-review; `decide review list` lists them)\n"
    );
}

#[test]
fn review_list_says_nothing_of_the_decisions() {
    let dir = with_review();
    let run = decide(dir.path(), &["review", "list", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "id,date,kind,title,facilitator,decisions,invited,attended,path\n\
         2026-02-01-retro,2026-02-01,retro,Retro,,0003;0001;0009,0,1,decisions/reviews/2026-02-01-retro.md\n"
    );
}

/// `decide edit` with an "editor" that prints the file it is given.
fn edit(dir: &std::path::Path, target: &str) -> Run {
    run(cmd(dir).env("EDITOR", "echo").args(["edit", target]))
}

#[test]
fn edit_finds_the_file_among_what_it_keeps_of_each_record() {
    let dir = shared_ids();
    let d = dir.path();
    // Named by its file, but its id (3) is another file's too: the record
    // that shares it is found though the text does not name it.
    let run = edit(d, "0003-nightly");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: id 0003-nightly is used by 2 files (decisions/0002-untitled.md, decisions/0003-nightly.md); give each its own id first (`decide renumber`)\n"
    );
    let run = edit(d, "decisions/0005-broken.md");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("decisions/0005-broken.md\n"),
        "{}",
        run.stdout
    );
    write(
        d,
        "decisions/reviews/0004-old.md",
        "---\nkind: async\n---\n",
    );
    let run = edit(d, "0004-old");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `0004-old` names both decisions/0004-old.md and decisions/reviews/0004-old.md; rename one of them\n"
    );
    let run = edit(d, "4");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("decisions/0004-old.md\n"),
        "{}",
        run.stdout
    );
}
