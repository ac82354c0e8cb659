//! `decide status`, `supersede`, `feedback` and `action done`: each test
//! compares whole files before and after, byte for byte, so anything changed
//! outside the edited lines fails it. Also: refusals leave files untouched,
//! and a writer killed or failing mid-write leaves the original intact.

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// A decision with comments, odd quoting, flow and block lists, flow and
/// block action items, and a body that looks like front matter.
const D12: &str = "---
# Retraining cadence: reviewed every quarter
id: 12
title: 'Retrain the churn model monthly: v2'   # quoted for the colon
status: \"proposed\"    # waiting for Raj
date: 2026-03-02
owners: [ana]
decision-makers:
    - raj         # ML lead
consulted: [lee, product]
supersedes: [7]
feedback:
  - by: lee
    date: 2026-03-05
    stance: concern   # cost
    note: \"Monthly runs double the labeling cost\"
actions:
  - owner: ana
    due: 2026-04-01
    status: open
    note: Add cost dashboard
  - {owner: raj, due: 2026-04-15, note: Check drift}
x-team: ml
---
# Retrain the churn model monthly

## Rationale

status: proposed
---
Text that looks like front matter must never change.
";

const D7: &str = "---
status: accepted # since March
superseded-by:
  - 5
---
# Retrain weekly
";

const D13: &str = "---
status: proposed
supersedes: 9   # the old cadence
---
# Retrain on drift
";

const D8: &str = "---
status: accepted
---
# Score nightly
";

const REVIEW: &str = "---
kind: milestone
date: 2026-03-04
decisions: [12]
feedback: []   # none yet
actions:
  - owner: mei
    due: 2026-03-11
    note: Send the cost estimate
---
# Q1 milestone review
";

const PEOPLE: &str = "people:
  ana: { roles: [data-science] }
  raj: { roles: [ml-engineering] }
  lee: { roles: [analytics] }
  mei: { roles: [data-science] }
groups:
  product: [mei]
";

fn log() -> tempfile::TempDir {
    small_log(&[
        ("0012-retrain-monthly.md", D12),
        ("0007-retrain-weekly.md", D7),
        ("0013-retrain-on-drift.md", D13),
        ("0008-score-nightly.md", D8),
        ("reviews/2026-03-04-q1-review.md", REVIEW),
    ])
}

/// `text` with the first `from` replaced by `to`, insisting it is there.
fn with(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}

/// The `status-history` block `decide status` appends to a record that has none.
fn stamped(status: &str, date: &str) -> String {
    format!("status-history:\n  - status: {status}\n    date: {date}")
}

/// The fixture with a line added before the front matter's closing `---`.
fn with_line_at_end(text: &str, line: &str) -> String {
    let end = text[4..].find("\n---\n").unwrap() + 5;
    format!("{}{line}\n{}", &text[..end], &text[end..])
}

fn assert_unchanged(dir: &Path) {
    assert_eq!(log_file(dir, "0012-retrain-monthly.md"), D12);
    assert_eq!(log_file(dir, "0007-retrain-weekly.md"), D7);
    assert_eq!(log_file(dir, "0013-retrain-on-drift.md"), D13);
    assert_eq!(log_file(dir, "0008-score-nightly.md"), D8);
    assert_eq!(log_file(dir, "reviews/2026-03-04-q1-review.md"), REVIEW);
}

#[test]
fn status_changes_only_the_status_value_and_adds_decided() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "status",
            "12",
            "accepted",
            "--force",
            "--date",
            "2026-03-20",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        // 0012 supersedes 0007, which goes out of force with it.
        "0012: status proposed → accepted, decided 2026-03-20, status-history + accepted 2026-03-20\n0007: status accepted → superseded, status-history + superseded 2026-03-20, superseded-by + 0012\n"
    );
    let expected = with(
        D12,
        "status: \"proposed\"    # waiting for Raj",
        "status: \"accepted\"    # waiting for Raj",
    );
    let expected = with_line_at_end(&expected, "decided: 2026-03-20");
    let expected = with_line_at_end(&expected, &stamped("accepted", "2026-03-20"));
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), expected);
}

#[test]
fn status_uses_today_and_rewrites_an_existing_decided_date() {
    let dir = log();
    let run = decide(dir.path(), &["status", "0012", "REJECTED"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let today = today();
    assert_eq!(
        run.stdout,
        format!(
            "0012: status proposed → rejected, decided {today}, status-history + rejected {today}\n"
        )
    );
    let run = decide(
        dir.path(),
        &[
            "status",
            "12",
            "accepted",
            "--force",
            "--date",
            "2026-04-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = with(
        D12,
        "status: \"proposed\"    # waiting for Raj",
        "status: \"accepted\"    # waiting for Raj",
    );
    let expected = with_line_at_end(&expected, "decided: 2026-04-01");
    let expected = with_line_at_end(
        &expected,
        &format!(
            "{}\n  - status: accepted\n    date: 2026-04-01",
            stamped("rejected", &today)
        ),
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), expected);
}

#[test]
fn status_keeps_crlf_line_endings_and_a_bom() {
    let dir = log();
    let crlf = format!("\u{feff}{}", D12.replace('\n', "\r\n"));
    let path = write(dir.path(), "decisions/0012-retrain-monthly.md", &crlf);
    let run = decide(
        dir.path(),
        &[
            "status",
            "12",
            "accepted",
            "--force",
            "--date",
            "2026-03-20",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = with(
        D12,
        "status: \"proposed\"    # waiting for Raj",
        "status: \"accepted\"    # waiting for Raj",
    );
    let expected = with_line_at_end(&expected, "decided: 2026-03-20");
    let expected = with_line_at_end(&expected, &stamped("accepted", "2026-03-20"));
    let expected = format!("\u{feff}{}", expected.replace('\n', "\r\n"));
    assert_eq!(std::fs::read(&path).unwrap(), expected.as_bytes());
}

#[test]
fn status_to_a_non_decision_leaves_decided_alone_and_notes_a_missing_successor() {
    let dir = log();
    let run = decide(dir.path(), &["status", "8", "superseded"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "0008: status accepted → superseded, status-history + superseded {}\n",
            today()
        )
    );
    assert!(
        run.stderr.contains("decide supersede 0008 NEW"),
        "{}",
        run.stderr
    );
    assert_eq!(
        log_file(dir.path(), "0008-score-nightly.md"),
        with_line_at_end(
            &with(D8, "status: accepted", "status: superseded"),
            &stamped("superseded", &today())
        )
    );
    // --date dates any change; `decided` stays the day it was decided.
    let run = decide(
        dir.path(),
        &["status", "7", "deprecated", "--date", "2026-01-01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0007: status accepted → deprecated, status-history + deprecated 2026-01-01\n"
    );
    assert!(
        log_file(dir.path(), "0007-retrain-weekly.md")
            .contains("status-history:\n  - status: deprecated\n    date: 2026-01-01\n---\n"),
        "{}",
        log_file(dir.path(), "0007-retrain-weekly.md")
    );
}

#[test]
fn status_with_nothing_to_change_writes_nothing() {
    let dir = log();
    let run = decide(dir.path(), &["status", "7", "accepted", "--force"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "0007 is already accepted; nothing changed\n");
    assert_unchanged(dir.path());
}

#[test]
fn status_refusals_are_usage_errors_that_change_nothing() {
    let dir = log();
    let run = decide(dir.path(), &["status", "12", "approved-ish"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'approved-ish'")
            && run.stderr.contains("draft, proposed, accepted, rejected"),
        "{}",
        run.stderr
    );
    let run = decide(dir.path(), &["status", "99", "accepted"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: no decision with id 99\n");
    let run = decide(
        dir.path(),
        &["status", "12", "accepted", "--date", "20/03/2026"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a YYYY-MM-DD date"),
        "{}",
        run.stderr
    );
    assert_unchanged(dir.path());
}

#[test]
fn status_refuses_a_file_it_cannot_edit_safely() {
    let dir = log();
    let dup = "---\nstatus: proposed\nstatus: draft\n---\n# Twice\n";
    write(dir.path(), "decisions/0020-twice.md", dup);
    let run = decide(dir.path(), &["status", "20", "accepted", "--force"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: decisions/0020-twice.md: line 3: `status` is given more than once; remove one before editing\n"
    );
    assert_eq!(log_file(dir.path(), "0020-twice.md"), dup);

    let adr = "# 21. Use X\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n";
    write(dir.path(), "decisions/0021-use-x.md", adr);
    let run = decide(dir.path(), &["status", "21", "deprecated"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("decide import"), "{}", run.stderr);
    assert_eq!(log_file(dir.path(), "0021-use-x.md"), adr);

    write(dir.path(), "decisions/0022-copy.md", D8);
    write(dir.path(), "decisions/0022-again.md", D8);
    let run = decide(dir.path(), &["status", "22", "deprecated"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("used by 2 files") && run.stderr.contains("decide renumber"),
        "{}",
        run.stderr
    );
}

#[test]
fn supersede_links_both_records_in_their_own_list_styles() {
    let dir = log();
    let run = decide(dir.path(), &["supersede", "7", "13"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "0007: status accepted → superseded, superseded-by + 0013, status-history + superseded {}\n0013: supersedes + 0007\n",
            today()
        )
    );
    assert_eq!(
        log_file(dir.path(), "0007-retrain-weekly.md"),
        format!(
            "---\nstatus: superseded # since March\nsuperseded-by:\n  - 5\n  - 13\n{}\n---\n# Retrain weekly\n",
            stamped("superseded", &today())
        )
    );
    assert_eq!(
        log_file(dir.path(), "0013-retrain-on-drift.md"),
        "---\nstatus: proposed\nsupersedes: [9, 7]   # the old cadence\n---\n# Retrain on drift\n"
    );

    let run = decide(dir.path(), &["supersede", "8", "12"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        log_file(dir.path(), "0008-score-nightly.md"),
        format!(
            "---\nstatus: superseded\nsuperseded-by: [12]\n{}\n---\n# Score nightly\n",
            stamped("superseded", &today())
        )
    );
    assert_eq!(
        log_file(dir.path(), "0012-retrain-monthly.md"),
        with(D12, "supersedes: [7]", "supersedes: [7, 8]")
    );

    // Done already: says so and writes nothing.
    let before = log_file(dir.path(), "0012-retrain-monthly.md");
    let run = decide(dir.path(), &["supersede", "8", "12"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "0012 already supersedes 0008; nothing changed\n"
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), before);
}

#[test]
fn supersede_completes_a_one_sided_link_and_keeps_a_madr_successor() {
    let dir = log();
    write(
        dir.path(),
        "decisions/0030-old.md",
        "---\r\nstatus: \"superseded by ADR-0031\"\r\n---\r\n# Old\r\n",
    );
    write(
        dir.path(),
        "decisions/0031-new.md",
        "---\r\nstatus: accepted\r\n---\r\n# New\r\n",
    );
    write(
        dir.path(),
        "decisions/0032-newer.md",
        "---\r\nstatus: accepted\r\n---\r\n# Newer\r\n",
    );
    let run = decide(dir.path(), &["supersede", "30", "32"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        log_file(dir.path(), "0030-old.md"),
        "---\r\nstatus: \"superseded\"\r\nsuperseded-by: [31, 32]\r\n---\r\n# Old\r\n"
    );
    assert_eq!(
        log_file(dir.path(), "0032-newer.md"),
        "---\r\nstatus: accepted\r\nsupersedes: [30]\r\n---\r\n# Newer\r\n"
    );
}

#[test]
fn supersede_refuses_itself_unknown_ids_and_cycles() {
    let dir = log();
    let run = decide(dir.path(), &["supersede", "12", "0012"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: 0012 cannot supersede itself\n");
    let run = decide(dir.path(), &["supersede", "12", "99"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: no decision with id 99\n");
    // 12 supersedes 7, so 7 cannot supersede 12.
    let run = decide(dir.path(), &["supersede", "12", "7"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: 0007 cannot supersede 0012: 0012 already supersedes 0007 (0012 → 0007), so this would make a cycle\n"
    );
    // Links count from either side, and through intermediate records: 13
    // is superseded by 8 (8 names it), 8 by 12.
    write(
        dir.path(),
        "decisions/0008-score-nightly.md",
        "---\nstatus: superseded\nsuperseded-by: [12]\nsupersedes: [13]\n---\n",
    );
    let run = decide(dir.path(), &["supersede", "12", "13"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("(0012 → 0008 → 0013)"),
        "{}",
        run.stderr
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), D12);
    assert_eq!(log_file(dir.path(), "0013-retrain-on-drift.md"), D13);
}

#[test]
fn feedback_appends_an_entry_in_the_lists_style_quoting_what_needs_it() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "12",
            "--by",
            "raj",
            "--stance",
            "support",
            "--note",
            "Fine: ship it #now",
            "--date",
            "2026-03-10",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0012: feedback from raj (support, 2026-03-10) added\n"
    );
    assert_eq!(run.stderr, "", "no people.yaml, so no warning");
    let expected = with(
        D12,
        "    note: \"Monthly runs double the labeling cost\"\n",
        "    note: \"Monthly runs double the labeling cost\"\n  - by: raj\n    date: 2026-03-10\n    stance: support\n    note: \"Fine: ship it #now\"\n",
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), expected);
}

#[test]
fn feedback_creates_the_list_when_there_is_none() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "7",
            "--by",
            "lee",
            "--stance",
            "veto",
            "--date",
            "2026-03-10",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        log_file(dir.path(), "0007-retrain-weekly.md"),
        "---\nstatus: accepted # since March\nsuperseded-by:\n  - 5\nfeedback:\n  - by: lee\n    date: 2026-03-10\n    stance: veto\n---\n# Retrain weekly\n"
    );
}

#[test]
fn feedback_in_a_review_names_the_decision_and_warns_about_unknown_people() {
    let dir = log();
    write(dir.path(), "decisions/people.yaml", PEOPLE);
    let run = decide(
        dir.path(),
        &[
            "feedback",
            "12",
            "--by",
            "zed",
            "--stance",
            "Objection",
            "--note",
            "Too costly",
            "--date",
            "2026-03-04",
            "--review",
            "2026-03-04-q1-review",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: `zed` is not in decisions/people.yaml; the feedback is recorded anyway\n"
    );
    assert_eq!(
        run.stdout,
        "2026-03-04-q1-review: feedback from zed on 0012 (objection, 2026-03-04) added\n"
    );
    let expected = with(
        REVIEW,
        "feedback: []   # none yet\n",
        "feedback:   # none yet\n  - on: 12\n    by: zed\n    date: 2026-03-04\n    stance: objection\n    note: Too costly\n",
    );
    assert_eq!(
        log_file(dir.path(), "reviews/2026-03-04-q1-review.md"),
        expected
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), D12);

    // A known person is not warned about; a group is refused, since
    // feedback is given by one person (issue 10).
    let run = decide(
        dir.path(),
        &["feedback", "12", "--by", "mei", "--stance", "support"],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let run = decide(
        dir.path(),
        &["feedback", "12", "--by", "product", "--stance", "support"],
    );
    assert_eq!(run.code, 2);
    // And `decide show` now lists the review's entry with the decision's own.
    let run = decide(dir.path(), &["show", "12"]);
    assert!(
        run.stdout.contains(
            "2026-03-04  zed        objection   Too costly (in review 2026-03-04-q1-review)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn feedback_refusals_change_nothing() {
    let dir = log();
    let run = decide(
        dir.path(),
        &["feedback", "12", "--by", "lee", "--stance", "meh"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("possible values: support, concern"),
        "{}",
        run.stderr
    );
    let run = decide(
        dir.path(),
        &[
            "feedback", "12", "--by", "lee", "--stance", "support", "--review", "nope",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: no review `nope`"),
        "{}",
        run.stderr
    );
    let run = decide(
        dir.path(),
        &["feedback", "12", "--by", " ", "--stance", "support"],
    );
    assert_eq!(run.code, 2);
    let run = decide(
        dir.path(),
        &["feedback", "99", "--by", "lee", "--stance", "support"],
    );
    assert_eq!(run.code, 2);
    assert_unchanged(dir.path());
}

#[test]
fn action_done_sets_status_and_date_inside_the_item() {
    let dir = log();
    let run = decide(
        dir.path(),
        &["action", "done", "12", "1", "--date", "2026-03-28"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0012: action 1 done 2026-03-28 (ana: Add cost dashboard)\n"
    );
    let expected = with(
        D12,
        "    status: open\n    note: Add cost dashboard\n",
        "    status: done\n    note: Add cost dashboard\n    done: 2026-03-28\n",
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), expected);

    let run = decide(
        dir.path(),
        &["action", "done", "12", "2", "--date", "2026-04-02"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = with(
        &expected,
        "{owner: raj, due: 2026-04-15, note: Check drift}",
        "{owner: raj, due: 2026-04-15, note: Check drift, status: done, done: 2026-04-02}",
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), expected);
    let run = decide(dir.path(), &["show", "12"]);
    assert!(
        run.stdout
            .contains("  2. [done] raj, due 2026-04-15: Check drift"),
        "{}",
        run.stdout
    );
}

#[test]
fn action_done_in_a_review() {
    let dir = log();
    let run = decide(
        dir.path(),
        &[
            "action",
            "done",
            "2026-03-04-q1-review",
            "1",
            "--date",
            "2026-03-09",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = with(
        REVIEW,
        "    note: Send the cost estimate\n",
        "    note: Send the cost estimate\n    status: done\n    done: 2026-03-09\n",
    );
    assert_eq!(
        log_file(dir.path(), "reviews/2026-03-04-q1-review.md"),
        expected
    );
}

#[test]
fn action_done_refuses_missing_and_closed_items() {
    let dir = log();
    let run = decide(dir.path(), &["action", "done", "12", "3"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: 0012 has 2 action items; there is no item 3\n"
    );
    let run = decide(dir.path(), &["action", "done", "12", "0"]);
    assert_eq!(run.code, 2);
    let run = decide(dir.path(), &["action", "done", "7", "1"]);
    assert_eq!(run.stderr, "error: 0007 has no action items\n");
    let run = decide(dir.path(), &["action", "done", "nope", "1"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no decision or review `nope`"),
        "{}",
        run.stderr
    );
    assert_unchanged(dir.path());

    assert_eq!(
        decide(
            dir.path(),
            &["action", "done", "12", "1", "--date", "2026-03-28"]
        )
        .code,
        0
    );
    let after = log_file(dir.path(), "0012-retrain-monthly.md");
    let run = decide(dir.path(), &["action", "done", "12", "1"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: action 1 of 0012 is already done (2026-03-28)\n"
    );
    assert_eq!(log_file(dir.path(), "0012-retrain-monthly.md"), after);
}

/// Runs `decide ARGS` under `sh` with `setup` applied first (resource limits, traps).
fn decide_under_sh(dir: &Path, setup: &str, args: &[&str]) -> std::process::Output {
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("{setup}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_decide"))
        .args(args)
        .env_remove("DECIDE_DIR")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// A decision file far larger than the 512-byte write limit used below.
fn big_decision() -> String {
    let mut text = D13.to_string();
    for i in 0..2000 {
        text.push_str(&format!("Line {i} of a long context section.\n"));
    }
    text
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_writer_killed_mid_write_leaves_the_original_intact() {
    use std::os::unix::process::ExitStatusExt;
    let dir = log();
    let big = big_decision();
    write(dir.path(), "decisions/0013-retrain-on-drift.md", &big);
    // A file-size limit of one block: the kernel kills the process with
    // SIGXFSZ when its write crosses it, half way through the new contents.
    let out = decide_under_sh(
        dir.path(),
        "ulimit -f 1",
        &["status", "13", "accepted", "--force"],
    );
    assert_eq!(out.status.signal(), Some(25), "killed by SIGXFSZ: {out:?}");
    assert_eq!(log_file(dir.path(), "0013-retrain-on-drift.md"), big);
    // What the killed process left is a hidden temporary file that is not a record.
    let decisions = dir.path().join("decisions");
    let leftovers: Vec<String> = names_in(&decisions)
        .into_iter()
        .filter(|n| !n.ends_with(".md"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert!(leftovers[0].starts_with(".decide-") && leftovers[0].ends_with(".tmp"));
    let run = decide(dir.path(), &["list", "--format", "csv"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 5, "{}", run.stdout);
    // And the log is still editable, and the next edit removes what the
    // killed one left, so `git add -A` never picks it up.
    let run = decide(
        dir.path(),
        &[
            "status",
            "13",
            "accepted",
            "--force",
            "--date",
            "2026-05-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let leftovers: Vec<String> = names_in(&decisions)
        .into_iter()
        .filter(|n| !n.ends_with(".md"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_is_an_error_and_leaves_the_original_intact() {
    let dir = log();
    let big = big_decision();
    write(dir.path(), "decisions/0013-retrain-on-drift.md", &big);
    // With the signal ignored the same limit makes the write fail instead.
    let out = decide_under_sh(
        dir.path(),
        "trap '' XFSZ; ulimit -f 1",
        &["status", "13", "accepted", "--force"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write decisions/0013-retrain-on-drift.md: ")
            && stderr.ends_with("; the file was left as it was\n"),
        "{stderr}"
    );
    assert_eq!(log_file(dir.path(), "0013-retrain-on-drift.md"), big);
    assert!(
        names_in(&dir.path().join("decisions"))
            .iter()
            .all(|n| n.ends_with(".md")),
        "the temporary file is removed"
    );
}

#[cfg(unix)]
#[test]
fn supersede_writes_neither_file_when_one_cannot_be_written() {
    let dir = log();
    let big = big_decision();
    write(dir.path(), "decisions/0013-retrain-on-drift.md", &big);
    // 0008 is small enough to stage; 0013 is not.
    let out = decide_under_sh(
        dir.path(),
        "trap '' XFSZ; ulimit -f 1",
        &["supersede", "8", "13"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.ends_with("; no file was changed\n"), "{stderr}");
    assert_eq!(log_file(dir.path(), "0008-score-nightly.md"), D8);
    assert_eq!(log_file(dir.path(), "0013-retrain-on-drift.md"), big);
}

#[cfg(unix)]
#[test]
fn edits_keep_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = log();
    let path = dir.path().join("decisions/0008-score-nightly.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(decide(dir.path(), &["status", "8", "deprecated"]).code, 0);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}
