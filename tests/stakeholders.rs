//! Issue 11: what the product owner, the auditor and the team lead read in
//! `digest`, `report`, `show` and `list`, on purpose-built logs whose
//! expectations are worked out by hand in the comments.

use crate::common::*;

/// tests/fixtures/stakeholders: three proposals, as of 2026-03-25, charter
/// `response-days: 5`.
fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/stakeholders/decisions")
}

fn run_on(dir: &std::path::Path, args: &[&str]) -> Run {
    let mut all = vec!["--dir", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = decide(tempdir().path(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

fn stakeholders(args: &[&str]) -> Run {
    run_on(&fixture(), args)
}

/// 0001: nobody consulted; Dora and Dan decide and were due 03-01 + 5 =
/// 03-06, 19 days before 03-25. Dora attended the 03-04 check-in about it,
/// which is not a view, so she is still waiting. Eve's concern (03-03) is
/// open 22 days.
/// 0002: asked are Dora (decision-maker), Carl and Cleo (consulted), and the
/// async request's invitees Ivan and Iris; Fay facilitates the request and
/// Olga owns the decision, so neither is waiting. Carl and Ivan gave a view.
/// Cleo and Dora are due by the charter (03-10 + 5 = 03-15), Iris by the
/// request's respond-by (03-20).
/// 0003: everyone gave a view, but Carl's objection (01-06, 78 days) and
/// Olga's action (due 02-01, 52 days late) hold it up.
const WAITING: &str = "Waiting for feedback
--------------------
* 0001 Share scores with marketing: proposed 2026-03-01, open 24 days. Nobody
  consulted. Waiting on dan and dora (due 2026-03-06, 19 days overdue); 0 of 2
  asked gave a view (1 attended a meeting without giving one). Blocked by
  concern by eve since 2026-03-03 (22 days open): “Who was asked?”.
* 0002 Add embeddings: proposed 2026-03-10, open 15 days. Waiting on cleo and
  dora (due 2026-03-15, 10 days overdue); iris (due 2026-03-20, 5 days
  overdue); 2 of 5 asked gave a view.
* 0003 Use call transcripts: proposed 2026-01-05, open 79 days. Everyone asked
  (2) has given a view. Blocked by objection by carl since 2026-01-06 (78 days
  open): “Needs the DPIA first”; open action for olga, due 2026-02-01, 52 days
  overdue: “Get the DPIA signed”.
";

#[test]
fn digest_names_who_has_not_given_a_view_with_their_own_deadline() {
    let run = stakeholders(&[
        "digest",
        "--since",
        "2026-03-01",
        "--as-of",
        "2026-03-25",
        "--format",
        "text",
    ]);
    assert!(run.stdout.contains(WAITING), "{}", run.stdout);
    // Attending is not answering: the old sentence must not come back.
    assert!(!run.stdout.contains("has answered"), "{}", run.stdout);
    // The facilitator and the owner are never waiting on their own item.
    assert!(!run.stdout.contains("fay"), "{}", run.stdout);
    assert!(!run.stdout.contains("Waiting on olga"), "{}", run.stdout);
}

#[test]
fn digest_for_a_person_is_their_own_view() {
    // Dora is asked on 0001 (due 03-06) and 0002 (due 03-15) and owns
    // nothing; Olga owns all three and has one open action, 52 days late.
    let run = stakeholders(&[
        "digest",
        "--since",
        "2026-03-01",
        "--as-of",
        "2026-03-25",
        "--format",
        "text",
        "--for",
        "dora",
    ]);
    assert_eq!(
        run.stdout,
        "Decision log digest for dora, 2026-03-01 to 2026-03-25

In short: 2 proposals waiting on your view, 0 open actions (0 overdue, 0 due
within 14 days), 0 decisions owned.

Waiting on your view
--------------------
* 0001 Share scores with marketing: your view is asked (decision-maker), due
  2026-03-06, 19 days overdue.
* 0002 Add embeddings: your view is asked (decision-maker), due 2026-03-15, 10
  days overdue.

Your open actions
-----------------
You have no open action.

Decisions you own
-----------------
You own no decision in the log.
"
    );
    let run = stakeholders(&[
        "digest",
        "--since",
        "2026-03-01",
        "--as-of",
        "2026-03-25",
        "--for",
        "olga",
    ]);
    assert!(
        run.stdout.contains("In short: 0 proposals waiting on your view, 1 open action (1 overdue, 0 due within 14 days), 3 decisions owned."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "- **decision 0003, action 1**: Get the DPIA signed (due 2026-02-01, 52 days overdue)."
        ),
        "{}",
        run.stdout
    );
}

/// tests/fixtures/stakeholders/audit, as of 2026-03-01. The charter gives
/// `model: offers` decisions to the product group (Pia, Max), demands
/// written resolutions and affected groups, and sets two norms.
fn audit() -> std::path::PathBuf {
    repo().join("tests/fixtures/stakeholders/audit/decisions")
}

fn audit_run(args: &[&str]) -> Run {
    let dir = audit();
    let mut all = vec!["--dir", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    decide(tempdir().path(), &all)
}

fn squeeze(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn check_enforces_the_charter_switches_for_auditors() {
    let run = audit_run(&["check", "--as-of", "2026-03-01", "--format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for line in [
        // Raj co-decided an `offers` decision the charter gives to product.
        "decisions/0001-cap-discounts.md:7:1: DL016 [warning] decided by raj, but the charter's decision rights give this decision to product",
        // Tom's concern is resolved with a date and no written resolution;
        // Kim's objection has one, so it is not a finding.
        "decisions/0001-cap-discounts.md:35:15: DL047 [error] concern resolved on 2026-01-16 with no written `resolution`, which the charter requires",
        // 0002 is accepted and names no affected group.
        "decisions/0002-score-nightly.md:2:1: DL026 [warning] accepted decision names no affected group, and the charter requires them",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    assert_eq!(run.stdout.matches("DL047").count(), 1, "{}", run.stdout);
    assert_eq!(run.stdout.matches("DL016").count(), 1, "{}", run.stdout);
    // Without the charter switches, the same records give none of them.
    let dir = tempdir();
    for f in [
        "0001-cap-discounts.md",
        "0002-score-nightly.md",
        "people.yaml",
    ] {
        std::fs::copy(audit().join(f), {
            std::fs::create_dir_all(dir.path().join("decisions")).unwrap();
            dir.path().join("decisions").join(f)
        })
        .unwrap();
    }
    let run = decide(
        dir.path(),
        &["check", "--as-of", "2026-03-01", "--format", "concise"],
    );
    for code in ["DL016", "DL026", "DL047"] {
        assert!(!run.stdout.contains(code), "{}", run.stdout);
    }
}

#[test]
fn report_registers_answer_who_decided_and_how_each_objection_was_resolved() {
    let run = audit_run(&["report", "--as-of", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flat = squeeze(&run.stdout);
    for line in [
        // Kim's objection: resolved by Pia with a written resolution; Tom's
        // concern: a bare date; Pia's alternative on 0002: still open.
        "│ 0001 ┆ kim ┆ objection ┆ 2026-01-08 ┆ 2026-01-15 by pia ┆ Team leads may override up to 30% │",
        "│ 0001 ┆ tom ┆ concern ┆ 2026-01-09 ┆ 2026-01-16 ┆ (no resolution written) │",
        "│ 0002 ┆ pia ┆ alternative ┆ 2026-02-02 ┆ open ┆ Score weekly instead │",
        // Who decided: 0001 outside the charter's rights (Raj), 0002 nobody recorded.
        "│ 0001 ┆ accepted ┆ 2026-01-20 ┆ pia, raj ┆ product (outside: raj) │",
        "│ 0002 ┆ accepted ┆ 2026-02-10 ┆ none recorded ┆ - │",
        // Customers are affected by 0001 and nobody of them took part; the
        // agents group (Kim) gave a view, so it was heard.
        "│ 0001 ┆ Cap discounts ┆ customers ┆ Smaller discounts │",
        "│ Raised points still open ┆ 1 ┆ 3 raised │",
        "│ Resolved with no resolution ┆ 1 ┆ 2 resolved │",
        "│ Decided outside decision ┆ 1 ┆ 2 decided (1 with no │",
        "│ Affected groups not heard ┆ 1 ┆ 1 decision names groups │",
    ] {
        assert!(
            flat.contains(&squeeze(line)),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    assert!(
        !flat.contains("│ 0001 ┆ Cap discounts ┆ agents"),
        "{}",
        run.stdout
    );
    // The same registers are data in JSON and tables in CSV.
    let json: serde_json::Value = serde_json::from_str(
        &audit_run(&["report", "--as-of", "2026-03-01", "--format", "json"]).stdout,
    )
    .unwrap();
    assert_eq!(
        json["registers"]["raised"][0]["resolution"],
        "Team leads may override up to 30%"
    );
    assert_eq!(json["registers"]["raised"][0]["resolved_by"], "pia");
    assert_eq!(
        json["registers"]["approvals"][0]["outside_rights"],
        serde_json::json!(["raj"])
    );
    let csv = audit_run(&[
        "report",
        "--as-of",
        "2026-03-01",
        "--format",
        "csv",
        "--by",
        "raised",
    ])
    .stdout;
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,by,stance,raised,source,resolved,resolved_by,resolution,note"
    );
    assert!(csv.contains("0001,kim,objection,2026-01-08,decision,2026-01-15,pia,Team leads may override up to 30%,The cap loses loyal customers\n"), "{csv}");
    let csv = audit_run(&[
        "report",
        "--as-of",
        "2026-03-01",
        "--format",
        "csv",
        "--by",
        "approvals",
    ])
    .stdout;
    assert!(csv.contains("0002,accepted,2026-02-10,,,\n"), "{csv}");
}

#[test]
fn list_and_show_say_who_decided() {
    let run = audit_run(&["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json[0]["decision_makers"],
        serde_json::json!(["pia", "raj"])
    );
    assert_eq!(json[1]["decision_makers"], serde_json::json!([]));
    let run = audit_run(&["list"]);
    assert!(run.stdout.contains("Decided"), "{}", run.stdout);
    let run = audit_run(&["show", "2", "--as-of", "2026-03-01"]);
    assert!(
        run.stdout.contains("\ndecision-makers none recorded\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn outcomes_are_judged_against_their_targets_everywhere() {
    // Retro of 2026-01-25 (values dated 01-31): spend 38000 against <= 40000
    // (met), saves 90 against >= 100 (missed), churn 2.1 against a relative
    // target (not comparable); nps has no value (not yet measured).
    let show = audit_run(&["show", "1", "--as-of", "2026-03-01"]);
    for line in [
        "  - offer-spend <= 40000: observed 38000 on 2026-01-31 (review 2026-01-25-retro), met\n",
        "  - saves >= 100: observed 90 on 2026-01-31 (review 2026-01-25-retro), missed\n",
        "  - churn -2 pp vs control: observed 2.1 on 2026-01-31 (review 2026-01-25-retro), not comparable\n",
        "  - nps >= 30: not yet measured\n",
    ] {
        assert!(
            show.stdout.contains(line),
            "missing {line:?} in\n{}",
            show.stdout
        );
    }
    // Seen from before the retro, nothing was measured yet.
    let early = audit_run(&["show", "1", "--as-of", "2026-01-30"]);
    assert!(
        early
            .stdout
            .contains("  - saves >= 100: not yet measured\n"),
        "{}",
        early.stdout
    );
    let report = squeeze(&audit_run(&["report", "--as-of", "2026-03-01"]).stdout);
    for line in [
        "│ 0001 ┆ saves ┆ >= 100 ┆ 90 on 2026-01-31 ┆ missed │",
        "│ Outcome targets met ┆ 1 of 2 ┆ 2 judged, 1 not yet measured,",
    ] {
        assert!(
            report.contains(&squeeze(line)),
            "missing {line:?} in\n{report}"
        );
    }
    let digest = audit_run(&[
        "digest",
        "--since",
        "2026-01-01",
        "--as-of",
        "2026-03-01",
        "--format",
        "text",
    ]);
    assert!(
        squeeze(&digest.stdout.replace('\n', " ")).contains(
            "* 0001 Cap discounts: saves (target >= 100): observed 90 on 2026-01-31, missed."
        ),
        "{}",
        digest.stdout
    );
}

#[test]
fn one_truth_per_decision_in_show_and_report() {
    // `check` finds 2 errors on 0001 (DL020 no rationale, DL047): the
    // report's completeness and `show` both say so.
    let show = audit_run(&["show", "1", "--as-of", "2026-03-01"]);
    assert!(
        show.stdout.contains(
            "Completeness    3 of 8 checks (38%); `decide check` reports 2 errors on it\n"
        ),
        "{}",
        show.stdout
    );
    let report = squeeze(&audit_run(&["report", "--as-of", "2026-03-01"]).stdout);
    assert!(report.contains("┆ 3/8 (2 check errors) ┆"), "{report}");
    assert!(
        report.contains("│ Fully complete decisions ┆ 0% (0 of 2) ┆ 2 decisions (2 with `check`"),
        "{report}"
    );
    // show --as-of reads the status the history gives for that day.
    let early = audit_run(&["show", "1", "--as-of", "2026-01-10"]);
    assert!(
        early
            .stdout
            .contains("\nstatus          proposed since 2026-01-05 on 2026-01-10 (now accepted)\n"),
        "{}",
        early.stdout
    );
}

#[test]
fn ritual_health_reports_gaps_rotation_and_the_charter_norms() {
    let report = squeeze(&audit_run(&["report", "--as-of", "2026-03-01"]).stdout);
    for line in [
        // No check-in at all: the gap is the whole period, 01-05 to 03-01.
        "│ Longest gap between check-ins ┆ 55 days, since 2026-01-05 ┆ 0 check-ins │",
        // Raj chaired the only review; Pia and Kim attended and never chaired.
        "│ Top facilitator's share ┆ 100% (1 of 1) (raj) ┆ 1 review; never chaired: kim,",
        // 56 days is 0.15 years: 1 retro is 6.5 a year (met); end-users
        // attended 1 review in 1.8 months, 0.5 a month (not met).
        "│ Retros twice a year ┆ retro reviews held: 1 in 0.2 years ┆ met │",
        "│ Agents join monthly ┆ reviews attended by end-user: 1 in ┆ not met │",
        "│ Customers trust the offers ┆ no norm measures it (`norms:` in the ┆ judge by hand │",
        "│ Charter norms met ┆ 1 of 3 ┆ 3 norms │",
        // check-in-days: 14 is a norm too: no check-in in 4 periods of 14 days.
        "│ A check-in every 14 days (check-in-days) ┆ check-in reviews held: 0 in 4 periods ┆ not met │",
        "│ retro ┆ 1 ┆ 67% (2 of 3) ┆ 2 │",
        "│ risk ┆ 1 ┆ 0% (0 of 1) ┆ 0 │",
    ] {
        assert!(
            report.contains(&squeeze(line)),
            "missing {line:?} in\n{report}"
        );
    }
}

#[test]
fn windows_never_hide_the_state_on_the_as_of_date() {
    // 0003 is dated 2026-01-05, outside the window; its action is overdue
    // on 03-25 all the same, and the sections say what they cover.
    let run = stakeholders(&["report", "--as-of", "2026-03-25", "--since", "2026-03-01"]);
    let out = &run.stdout;
    assert!(!out.contains("No overdue actions."), "{out}");
    assert!(
        out.contains("\nOverdue actions (state on 2026-03-25, whatever the window)\n"),
        "{out}"
    );
    assert!(
        squeeze(out)
            .contains("│ olga ┆ 2026-02-01 ┆ 52 ┆ Get the DPIA signed ┆ decision 0003, action 1 │"),
        "{out}"
    );
    assert!(
        out.contains("\nPer decision (decisions dated from 2026-03-01)\n"),
        "{out}"
    );
    assert!(out.contains("note: Open and overdue actions, revisits due and unresolved objections are the state on the as-of date, whatever the window;"), "{out}");
    // The open objection on 0003 stays in the register too.
    assert!(
        squeeze(out).contains("│ 0003 ┆ carl ┆ objection ┆ 2026-01-06 ┆ open ┆"),
        "{out}"
    );
}

#[test]
fn participation_separates_views_from_attendance() {
    // 0001: Dora attended the check-in (a response, not a view), Dan did
    // nothing. 0002: Carl, Ivan's... only the consulted and deciders count
    // here: Carl gave a view, Cleo and Dora did not. 0003: Carl and Dora
    // gave views. Expected 2 + 3 + 2 = 7; responded 1 + 1 + 2 = 4; views 3.
    let json: serde_json::Value = serde_json::from_str(
        &stakeholders(&["report", "--as-of", "2026-03-25", "--format", "json"]).stdout,
    )
    .unwrap();
    let p = &json["participation"];
    assert_eq!(p["pooled"]["num"], 4);
    assert_eq!(p["pooled"]["n"], 7);
    assert_eq!(p["gave_view"]["num"], 3);
    assert_eq!(p["attended_only"], serde_json::json!({"count": 1, "n": 4}));
    let dora = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person"] == "dora")
        .unwrap();
    assert_eq!(dora["attended_only"], 1);
    assert_eq!(dora["gave_view"], 1);
    // Fay facilitates the async request: she is never late on it. Iris,
    // invited, did not answer by 03-20: late.
    let answers: Vec<&serde_json::Value> = json["timeliness"]["requests"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["answers"].as_array().unwrap())
        .collect();
    assert!(!answers.iter().any(|a| a["person"] == "fay"), "{answers:?}");
    assert!(
        answers
            .iter()
            .any(|a| a["person"] == "iris" && a["state"] == "missing-overdue")
    );
    let iris = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person"] == "iris")
        .unwrap();
    assert_eq!(iris["late"], 1);
    // The table and Markdown carry a gloss per figure, with its direction.
    let table = stakeholders(&["report", "--as-of", "2026-03-25"]).stdout;
    assert!(table.contains("\n  Gave a view (pooled): share of the people asked who left feedback before the decision; attending\n    is not a view; higher is better\n"), "{table}");
    let md = stakeholders(&["report", "--as-of", "2026-03-25", "--format", "markdown"]).stdout;
    assert!(md.contains("| Attended only | 1 | 4 responses | responses that were attendance at a meeting with no recorded view; lower is better |"), "{md}");
    // One name per idea.
    assert!(
        !table.contains("Unasked") && !table.contains("Chaired"),
        "{table}"
    );
}

#[test]
fn report_for_a_person_and_digest_for_a_model() {
    let json: serde_json::Value = serde_json::from_str(
        &stakeholders(&[
            "report",
            "--as-of",
            "2026-03-25",
            "--for",
            "dora",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let w = &json["reader"]["waiting"];
    assert_eq!(w.as_array().unwrap().len(), 2);
    assert_eq!(w[0]["id"], "0001");
    assert_eq!(w[0]["due"], "2026-03-06");
    assert_eq!(
        w[0]["asked"],
        serde_json::json!([{"kind": "decision-maker"}])
    );
    let table = stakeholders(&["report", "--as-of", "2026-03-25", "--for", "olga"]).stdout;
    assert!(
        table.contains("\nolga's open actions (state on 2026-03-25)\n"),
        "{table}"
    );
    assert!(table.contains("\nDecisions olga owns\n"), "{table}");
    // A name people.yaml does not know is an error, not an empty view.
    let run = audit_run(&["digest", "--since", "2026-01-01", "--for", "pai"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --for pai: not a person or alias in people.yaml\n"
    );
    // digest --model keeps to that model's decisions.
    let run = audit_run(&[
        "digest",
        "--since",
        "2026-01-01",
        "--as-of",
        "2026-03-01",
        "--model",
        "churn",
        "--format",
        "text",
    ]);
    assert!(
        run.stdout.starts_with(
            "Decision log digest, model churn, 2026-01-01 to 2026-03-01\n\nIn short: 1 decided,"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("* 0002 Score nightly: accepted on 2026-02-10."),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Cap discounts"), "{}", run.stdout);
}

#[test]
fn status_changes_are_stamped_and_shown_with_their_own_date() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: proposed # for now\ndate: 2026-01-05\nowners: [ana]\n---\n# A\n",
    );
    let run = decide(
        dir.path(),
        // The record has no rationale: accepting it needs --force.
        &["status", "1", "accepted", "--date", "2026-02-01", "--force"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = decide(
        dir.path(),
        &["status", "1", "deprecated", "--date", "2026-09-15"],
    );
    assert_eq!(
        run.stdout,
        "0001: status accepted → deprecated, status-history + deprecated 2026-09-15\n"
    );
    assert_eq!(
        read(&dir.path().join("decisions/0001-a.md")),
        "---\nstatus: deprecated # for now\ndate: 2026-01-05\nowners: [ana]\ndecided: 2026-02-01\nstatus-history:\n  - status: accepted\n    date: 2026-02-01\n  - status: deprecated\n    date: 2026-09-15\n---\n# A\n"
    );
    let show = decide(dir.path(), &["show", "1", "--as-of", "2026-10-01"]);
    assert!(
        show.stdout
            .contains("\nstatus          deprecated since 2026-09-15 (decided 2026-02-01)\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("\nStatus history\n  2026-02-01  accepted\n  2026-09-15  deprecated\n"),
        "{}",
        show.stdout
    );
    let show = decide(dir.path(), &["show", "1", "--as-of", "2026-05-01"]);
    assert!(
        show.stdout.contains(
            "\nstatus          accepted since 2026-02-01 on 2026-05-01 (now deprecated)\n"
        ),
        "{}",
        show.stdout
    );
    // A deprecation without a stamped date does not borrow `decided`.
    write(
        dir.path(),
        "decisions/0002-b.md",
        "---\nstatus: deprecated\ndate: 2026-01-05\ndecided: 2026-02-01\n---\n# B\n",
    );
    let show = decide(dir.path(), &["show", "2"]);
    assert!(
        show.stdout.contains(
            "\nstatus          deprecated (date of this status not recorded; decided 2026-02-01)\n"
        ),
        "{}",
        show.stdout
    );
    let digest = decide(
        dir.path(),
        &[
            "digest",
            "--since",
            "2026-09-01",
            "--as-of",
            "2026-10-01",
            "--format",
            "text",
        ],
    );
    assert!(
        digest
            .stdout
            .contains("\nStatus changes\n--------------\n* 0001 A: deprecated on 2026-09-15.\n"),
        "{}",
        digest.stdout
    );
    // The stamped file is still valid MADR-compatible front matter for check.
    let check = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(!check.stdout.contains("DL002"), "{}", check.stdout);
}

/// docs/stakeholders.md: every `sh` block is one `decide` command; the
/// `text` block after it holds lines its output must contain.
#[test]
fn the_three_readers_questions_are_answered_by_the_commands_in_the_docs() {
    let doc = read(&repo().join("docs/stakeholders.md"));
    let mut blocks = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push((lang.to_string(), body));
        }
    }
    let mut checked = 0;
    for pair in blocks.windows(2) {
        let [(lang, cmd), (next, expected)] = pair else {
            unreachable!()
        };
        if lang != "sh" || next != "text" {
            continue;
        }
        let args: Vec<&str> = cmd[0].strip_prefix("decide ").unwrap().split(' ').collect();
        let run = decide(&repo(), &args);
        assert_eq!(run.code, 0, "{}: {}", cmd[0], run.stderr);
        for line in expected {
            assert!(
                run.stdout.contains(line),
                "{} does not print {line:?}:\n{}",
                cmd[0],
                run.stdout
            );
        }
        checked += 1;
    }
    assert_eq!(
        checked, 5,
        "one command per question, and the two that go with them"
    );
}

#[test]
fn a_norm_that_cannot_be_measured_is_a_finding() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/charter.md",
        "---\nnorms:\n  - signal: Retros often\n    kind: retro\n    at-least: many\n    per: fortnight\n---\n# Charter\n",
    );
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        run.stdout,
        "decisions/charter.md:5:15: DL005 [error] a norm's `at-least` must be a whole number\n\
         decisions/charter.md:6:10: DL005 [error] norm `per: fortnight` is not one of: month, quarter, year\n"
    );
}
