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
    let run = decide(&tempdir().path().to_path_buf(), &all);
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
