//! A command for every routine edit (issue 10, point 3): resolving feedback,
//! adding actions, recording attendance, listing and showing reviews, the
//! open actions of the log, `decide edit`, and ids given as paths or stems.

use std::path::Path;

use crate::common::*;

const DECISION: &str = "---\r
title: Retrain monthly   # the second try\r
status: proposed\r
date: 2026-03-01\r
owners: [ana]\r
consulted: [lee]\r
feedback:\r
  - {by: lee, date: 2026-03-05, stance: objection, note: Too costly}\r
actions:\r
  - {owner: ana, due: 2026-03-20, status: open, note: Cost estimate}\r
---\r
# Retrain monthly\r
\r
## Rationale\r
\r
Drift.\r
";

const REVIEW: &str = "---
kind: milestone
title: Q1 review
date: 2026-03-04
invited: [ana, lee, raj]
attended: [ana]  # raj sent apologies
decisions: [12]
feedback:
  - on: 12
    by: raj
    date: 2026-03-04
    stance: veto
    note: Not before the audit
---
Notes.
";

const PEOPLE: &str = "people:
  ana: { roles: [data-science] }
  lee: { roles: [analytics] }
  raj: { roles: [ml-engineering] }
  mei: { roles: [product] }
groups:
  product: [mei]
";

fn log() -> tempfile::TempDir {
    small_log(&[
        ("0012-retrain-monthly.md", DECISION),
        ("reviews/2026-03-04-q1-review.md", REVIEW),
        ("people.yaml", PEOPLE),
    ])
}

fn decision(dir: &Path) -> String {
    log_file(dir, "0012-retrain-monthly.md")
}

fn review(dir: &Path) -> String {
    log_file(dir, "reviews/2026-03-04-q1-review.md")
}

#[test]
fn feedback_resolve_marks_the_entry_show_numbers_in_whichever_file_holds_it() {
    let dir = log();
    let show = decide(dir.path(), &["show", "12"]);
    assert!(
        show.stdout.contains("  1. 2026-03-04  raj        veto"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("  2. 2026-03-05  lee        objection"),
        "{}",
        show.stdout
    );

    let run = decide(
        dir.path(),
        &[
            "feedback",
            "resolve",
            "12",
            "2",
            "--date",
            "2026-03-09",
            "--note",
            "Halved the label budget",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "0012: objection by lee resolved 2026-03-09\n");
    assert_eq!(
        decision(dir.path()),
        DECISION.replace(
            "note: Too costly}",
            "note: Too costly, resolved: 2026-03-09, resolution: Halved the label budget}"
        )
    );
    let run = decide(
        dir.path(),
        &["feedback", "resolve", "12", "1", "--date", "2026-03-10"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0012: veto by raj resolved 2026-03-10 (in review 2026-03-04-q1-review)\n"
    );
    assert_eq!(
        review(dir.path()),
        REVIEW.replace(
            "    note: Not before the audit\n",
            "    note: Not before the audit\n    resolved: 2026-03-10\n"
        )
    );
    // Once resolved, again is an error; a number out of range too.
    let again = decide(dir.path(), &["feedback", "resolve", "12", "1"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("is already resolved (2026-03-10)"),
        "{}",
        again.stderr
    );
    let none = decide(dir.path(), &["feedback", "resolve", "12", "3"]);
    assert_eq!(
        none.stderr,
        "error: 0012 has 2 feedback entries; there is no entry 3\n"
    );
    // The existing form still works.
    let add = decide(
        dir.path(),
        &[
            "feedback",
            "12",
            "--by",
            "mei",
            "--stance",
            "support",
            "--date",
            "2026-03-11",
        ],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    // A check finds nothing wrong with the keys written.
    let check = decide(
        dir.path(),
        &["check", "--format", "concise", "--as-of", "2026-03-12"],
    );
    assert!(!check.stdout.contains("DL002"), "{}", check.stdout);
}

#[test]
fn status_accepted_refuses_an_open_objection_and_names_the_command_that_resolves_it() {
    let dir = log();
    let run = decide(dir.path(), &["status", "12", "accepted"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: 0012 is not accepted: the veto by raj is unresolved (`decide feedback resolve 12 1` once it is); the objection by lee is unresolved (`decide feedback resolve 12 2` once it is); resolve that first, or accept anyway with --force\n"
    );
    assert_eq!(decision(dir.path()), DECISION);
    decide(dir.path(), &["feedback", "resolve", "12", "1"]);
    decide(dir.path(), &["feedback", "resolve", "12", "2"]);
    let run = decide(
        dir.path(),
        &["status", "12", "accepted", "--date", "2026-03-20"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // No rationale: refused, and --force accepts anyway.
    write(
        dir.path(),
        "decisions/0013-x.md",
        "---\ntitle: X\nstatus: proposed\ndate: 2026-03-01\n---\n## Rationale\n\n<!-- why -->\n",
    );
    let run = decide(dir.path(), &["status", "13", "accepted"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("it has no rationale"), "{}", run.stderr);
    let run = decide(
        dir.path(),
        &[
            "status",
            "13",
            "accepted",
            "--force",
            "--date",
            "2026-03-21",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn action_add_appends_an_item_in_the_style_of_the_list() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "action",
            "add",
            "12",
            "--owner",
            "raj",
            "--due",
            "2026-04-01",
            "--note",
            "Audit sign-off",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0012: action 2 added (raj, due 2026-04-01: Audit sign-off)\n"
    );
    assert_eq!(
        decision(dir.path()),
        DECISION.replace(
            "note: Cost estimate}\r\n",
            "note: Cost estimate}\r\n  - {owner: raj, due: 2026-04-01, status: open, note: Audit sign-off}\r\n"
        )
    );
    // To a review, by its file name; an unknown owner is a warning.
    let run = decide(
        dir.path(),
        &[
            "action",
            "add",
            "2026-03-04-q1-review.md",
            "--owner",
            "zed",
            "--note",
            "Book the room",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "2026-03-04-q1-review: action 1 added (zed: Book the room)\n"
    );
    assert!(
        run.stderr
            .starts_with("warning: `zed` is not in decisions/people.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        review(dir.path()).ends_with(
            "    note: Not before the audit\nactions:\n  - owner: zed\n    status: open\n    note: Book the room\n---\nNotes.\n"
        ),
        "{}",
        review(dir.path())
    );
    let run = decide(
        dir.path(),
        &[
            "action", "add", "12", "--owner", "raj", "--note", "x", "--due", "soon",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: --due `soon` is not a YYYY-MM-DD date\n");
}

#[test]
fn action_list_gives_the_open_items_by_owner_and_due_date_as_table_json_and_csv() {
    let dir = log();
    decide(
        dir.path(),
        &[
            "action",
            "add",
            "12",
            "--owner",
            "ana",
            "--due",
            "2026-03-10",
            "--note",
            "Baseline",
        ],
    );
    decide(
        dir.path(),
        &[
            "action",
            "add",
            "2026-03-04-q1-review",
            "--owner",
            "mei",
            "--note",
            "Ask support",
        ],
    );
    decide(
        dir.path(),
        &[
            "action",
            "add",
            "12",
            "--owner",
            "raj",
            "--due",
            "2026-03-01",
            "--note",
            "Closed",
        ],
    );
    decide(
        dir.path(),
        &["action", "done", "12", "3", "--date", "2026-03-02"],
    );
    let csv = decide(dir.path(), &["action", "list", "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "owner,due,days_overdue,status,note,kind,record,number,path"
    );
    assert!(lines[1].starts_with("ana,2026-03-10,"), "{}", csv.stdout);
    assert!(
        lines[1].ends_with(",open,Baseline,decision,0012,2,decisions/0012-retrain-monthly.md"),
        "{}",
        csv.stdout
    );
    assert!(lines[2].starts_with("ana,2026-03-20,"), "{}", csv.stdout);
    assert_eq!(
        lines[3],
        "mei,,,open,Ask support,review,2026-03-04-q1-review,1,decisions/reviews/2026-03-04-q1-review.md"
    );
    assert_eq!(lines.len(), 4, "the done item is left out: {}", csv.stdout);

    let json = decide(
        dir.path(),
        &["action", "list", "--format", "json", "--owner", "product"],
    );
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 1, "{}", json.stdout);
    assert_eq!(items[0]["owner"], "mei");
    assert_eq!(items[0]["record"], "2026-03-04-q1-review");

    let all = decide(dir.path(), &["action", "list", "--all", "--format", "csv"]);
    assert!(
        all.stdout.contains(",done,Closed,decision,0012,3,"),
        "{}",
        all.stdout
    );

    let table = decide(dir.path(), &["action", "list"]);
    assert!(
        table.stdout.contains("┆ decision 0012, action 2 "),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.ends_with("3 action items\n"),
        "{}",
        table.stdout
    );
    let nobody = decide(dir.path(), &["action", "list", "--owner", "lee"]);
    assert_eq!(nobody.stderr, "note: no open action items owned by `lee`\n");
}

#[test]
fn review_attend_list_and_show() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "review",
            "attend",
            "2026-03-04-q1-review",
            "lee",
            "ana",
            "raj",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "2026-03-04-q1-review: attended + lee, raj\n");
    assert_eq!(
        review(dir.path()),
        REVIEW.replace("attended: [ana]  #", "attended: [ana, lee, raj]  #")
    );
    let again = decide(
        dir.path(),
        &["review", "attend", "2026-03-04-q1-review", "lee"],
    );
    assert_eq!(again.code, 0);
    assert!(again.stderr.contains("nothing changed"), "{}", again.stderr);

    let list = decide(dir.path(), &["review", "list", "--format", "csv"]);
    assert_eq!(
        list.stdout,
        "id,date,kind,title,facilitator,decisions,invited,attended,path\n2026-03-04-q1-review,2026-03-04,milestone,Q1 review,,0012,3,3,decisions/reviews/2026-03-04-q1-review.md\n"
    );
    let table = decide(dir.path(), &["review", "list"]);
    assert!(table.stdout.contains("┆ 3 of 3   │"), "{}", table.stdout);

    let show = decide(
        dir.path(),
        &[
            "review",
            "show",
            "decisions/reviews/2026-03-04-q1-review.md",
        ],
    );
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout.starts_with(
            "Q1 review\n=========\nreview       2026-03-04-q1-review\nkind         milestone\n"
        ),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("attended     ana, lee, raj\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("decisions    0012 (Retrain monthly)\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("  - 2026-03-04 raj veto on 0012: Not before the audit\n"),
        "{}",
        show.stdout
    );
    let missing = decide(dir.path(), &["review", "show", "nope"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn commands_take_the_path_new_printed_and_the_file_stem() {
    let dir = log();
    for id in [
        "12",
        "0012",
        "0012-retrain-monthly",
        "decisions/0012-retrain-monthly.md",
        "./decisions/0012-retrain-monthly.md",
    ] {
        let run = decide(dir.path(), &["show", id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        assert!(run.stdout.starts_with("0012  Retrain monthly\n"), "{id}");
    }
    let run = decide(
        dir.path(),
        &[
            "action",
            "done",
            "decisions/0012-retrain-monthly.md",
            "1",
            "--date",
            "2026-03-19",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Two records with one id: an error naming both, for show too.
    write(
        dir.path(),
        "decisions/0012-retrain-weekly.md",
        "---\ntitle: Weekly\nstatus: draft\n---\n",
    );
    let run = decide(dir.path(), &["show", "12"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: id 12 is used by 2 files (decisions/0012-retrain-monthly.md, decisions/0012-retrain-weekly.md); give each its own id first (`decide renumber`)\n"
    );
    // The file stem still picks one of them for reading.
    let run = decide(dir.path(), &["show", "0012-retrain-weekly"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("0012  Weekly\n"), "{}", run.stdout);
}

#[test]
fn edit_opens_the_record_in_the_editor() {
    let dir = log();
    // An "editor" that appends a line to the file it is given.
    let run = run(cmd(dir.path())
        .env("EDITOR", "sh -c 'printf \"Edited.\\n\" >> \"$1\"' editor")
        .args(["edit", "0012-retrain-monthly"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(decision(dir.path()), format!("{DECISION}Edited.\n"));
    let run = run_plain(
        dir.path(),
        &["edit", "2026-03-04-q1-review"],
        "sh -c 'printf \"More.\\n\" >> \"$1\"' editor",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(review(dir.path()).ends_with("Notes.\nMore.\n"));
    let none = decide(dir.path(), &["edit", "12"]);
    assert_eq!(none.code, 2);
    assert_eq!(
        none.stderr,
        "error: `decide edit` needs $VISUAL or $EDITOR to be set\n"
    );
}

fn run_plain(dir: &Path, args: &[&str], editor: &str) -> Run {
    run(cmd(dir).env("VISUAL", editor).args(args))
}
