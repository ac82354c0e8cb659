//! `decide digest`: the stakeholder brief, on the hand-computed fixture
//! log (tests/fixtures/report) and on a log with nothing to say.

use crate::common::*;

fn digest(args: &[&str]) -> Run {
    let dir = tempdir();
    let log = repo().join("tests/fixtures/report/decisions");
    let mut all = vec![
        "--dir",
        log.to_str().unwrap(),
        "digest",
        "--as-of",
        "2026-03-31",
    ];
    all.extend_from_slice(args);
    decide(dir.path(), &all)
}

/// Decided since 02-01: 0002, 0007 and 0003 (whose rationale is `TBD`);
/// 0001 was decided before. Waiting on 0004: asked are Raj (decision-maker),
/// Sam and the agents group (Lee, Kim), all also invited by the async
/// request, whose respond-by 04-03 applies to them (Zoe facilitates and
/// owns it); Sam and Lee gave a view, Lee's concern is open 3 days. On 0005,
/// Raj is late by the charter's 5 days (03-02 + 5 = 03-07, 24 days before
/// 03-31); Zoe's concern (03-12, 19 days) and Tom's open action block it. Priya's objection to 0001
/// was never resolved. Overdue actions and revisits as in tests/report.rs.
/// Registers: 5 raised points (Lee's and Kim's resolved with a date only;
/// Priya's, Lee's on 0004 and Zoe's open); 0007 names no decision-maker.
const MARKDOWN: &str = r#"## Decision log digest, 2026-02-01 to 2026-03-31

In short: 3 decided, 0 status changes, 2 waiting for feedback, 1 unresolved objection, 2 overdue actions, 2 revisits coming up.

### Decided

- **0002 Call the top decile every week**: accepted on 2026-02-11. The top decile holds 38% of the churners, and the team can call it in a week.
- **0007 Buy third-party propensity data**: rejected on 2026-02-15. The vendor could not say how the data was collected.
- **0003 Retrain monthly**: accepted on 2026-03-10. No rationale is recorded.

### Status changes

No status change is stamped in this period.

### Waiting for feedback

- **0004 Add sentiment features from call transcripts**: proposed 2026-03-20, open 11 days. Waiting on Kim Soto and Raj Menon (due 2026-04-03); 2 of 4 asked gave a view. Blocked by concern by Lee Park since 2026-03-28 (3 days open): “Transcripts of angry calls may not be representative”.
- **0005 Cap retention discounts at 20%**: proposed 2026-03-02, open 29 days. Waiting on Raj Menon (due 2026-03-07, 24 days overdue); 2 of 3 asked gave a view. Blocked by concern by Zoe Berg since 2026-03-12 (19 days open): “The cap should follow customer value”; open action for Tom Hale, due 2026-04-10: “Check the cap against the regulator's guidance”.

### Unresolved objections

- **0001 Use LightGBM for churn**: objection by Priya Nair on 2026-01-25, still open on this accepted decision: “The offer budget was never discussed”.

### Overdue actions

- **Kim Soto**: Size the Lisbon queue (decision 0002, action 1), due 2026-03-01, 30 days overdue.
- **Raj Menon**: Move the cron job (decision 0003, action 1), due 2026-03-15, 16 days overdue.

### Outcomes against targets

- **0002 Call the top decile every week**: saves per week (target >= 40): observed 35 on 2026-03-30, missed.

### Registers in short

- **Raised points**: 5 (vetoes, objections, concerns, alternatives): 3 still open, 2 resolved with no written resolution.
- **No decision-maker recorded**: 0007.

### Revisits coming up

- **0003 Retrain monthly**: revisit by 2026-03-20, 11 days overdue.
- **0001 Use LightGBM for churn**: revisit by 2026-04-15, in 15 days.
"#;

const TEXT: &str = r#"Decision log digest, 2026-02-01 to 2026-03-31

In short: 3 decided, 0 status changes, 2 waiting for feedback, 1 unresolved
objection, 2 overdue actions, 2 revisits coming up.

Decided
-------
* 0002 Call the top decile every week: accepted on 2026-02-11. The top decile
  holds 38% of the churners, and the team can call it in a week.
* 0007 Buy third-party propensity data: rejected on 2026-02-15. The vendor
  could not say how the data was collected.
* 0003 Retrain monthly: accepted on 2026-03-10. No rationale is recorded.

Status changes
--------------
No status change is stamped in this period.

Waiting for feedback
--------------------
* 0004 Add sentiment features from call transcripts: proposed 2026-03-20, open
  11 days. Waiting on Kim Soto and Raj Menon (due 2026-04-03); 2 of 4 asked
  gave a view. Blocked by concern by Lee Park since 2026-03-28 (3 days open):
  “Transcripts of angry calls may not be representative”.
* 0005 Cap retention discounts at 20%: proposed 2026-03-02, open 29 days.
  Waiting on Raj Menon (due 2026-03-07, 24 days overdue); 2 of 3 asked gave a
  view. Blocked by concern by Zoe Berg since 2026-03-12 (19 days open): “The
  cap should follow customer value”; open action for Tom Hale, due 2026-04-10:
  “Check the cap against the regulator's guidance”.

Unresolved objections
---------------------
* 0001 Use LightGBM for churn: objection by Priya Nair on 2026-01-25, still
  open on this accepted decision: “The offer budget was never discussed”.

Overdue actions
---------------
* Kim Soto: Size the Lisbon queue (decision 0002, action 1), due 2026-03-01,
  30 days overdue.
* Raj Menon: Move the cron job (decision 0003, action 1), due 2026-03-15, 16
  days overdue.

Outcomes against targets
------------------------
* 0002 Call the top decile every week: saves per week (target >= 40): observed
  35 on 2026-03-30, missed.

Registers in short
------------------
* Raised points: 5 (vetoes, objections, concerns, alternatives): 3 still open,
  2 resolved with no written resolution.
* No decision-maker recorded: 0007.

Revisits coming up
------------------
* 0003 Retrain monthly: revisit by 2026-03-20, 11 days overdue.
* 0001 Use LightGBM for churn: revisit by 2026-04-15, in 15 days.
"#;

#[test]
fn markdown_brief() {
    let run = digest(&["--since", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, MARKDOWN);
}

#[test]
fn plain_text_brief_wraps_at_78_columns() {
    let run = digest(&["--since", "2026-02-01", "--format", "text"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, TEXT);
    assert!(widest_line(&run.stdout) <= 78);
}

#[test]
fn a_quiet_period_says_so() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2026-01-05\ndecided: 2026-01-10\nowners: [ana]\n---\n# A\n",
    );
    let run = decide(
        dir.path(),
        &[
            "digest",
            "--since",
            "2026-03-01",
            "--as-of",
            "2026-03-31",
            "--format",
            "text",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Decision log digest, 2026-03-01 to 2026-03-31\n\n\
In short: 0 decided, 0 status changes, 0 waiting for feedback, 0 unresolved\n\
objections, 0 overdue actions, 0 revisits coming up.\n\n\
Decided\n-------\nNothing was decided in this period.\n\n\
Status changes\n--------------\nNo status change is stamped in this period.\n\n\
Waiting for feedback\n--------------------\nNo proposal is waiting for feedback.\n\n\
Unresolved objections\n---------------------\nNo objection or veto is unresolved.\n\n\
Overdue actions\n---------------\nNo action is overdue.\n\n\
Outcomes against targets\n------------------------\nNo outcome was observed, or fell due, in this period.\n\n\
Registers in short\n------------------\n* No decision-maker recorded: 0001.\n\n\
Revisits coming up\n------------------\nNo revisit is due in the next 30 days.\n"
    );
}

#[test]
fn since_defaults_to_30_days_before_the_as_of_date_and_is_checked() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\nstatus: draft\n---\n# A\n",
    );
    let run = decide(
        dir.path(),
        &["digest", "--as-of", "2026-03-31", "--format", "text"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Decision log digest, 2026-03-01 to 2026-03-31\n"),
        "{}",
        run.stdout
    );
    let help = decide(dir.path(), &["digest", "--help"]);
    assert!(
        help.stdout.contains("(default: 30 days before the\n")
            || help
                .stdout
                .contains("(default: 30 days before the as-of date)"),
        "{}",
        help.stdout
    );
    let run = decide(
        dir.path(),
        &["digest", "--since", "2026-04-01", "--as-of", "2026-03-31"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --since 2026-04-01 is after the as-of date 2026-03-31\n"
    );
}

#[test]
fn markdown_prose_reads_as_written_and_stays_inert() {
    let dir = tempdir();
    write(
        dir.path(),
        "decisions/0001-a.md",
        "---\ntitle: Alert when PSI > 0.2 <b>now</b>\nstatus: accepted\ndate: 2026-03-01\ndecided: 2026-03-10\nowners: [ana]\n---\n# A\n\n## Rationale\n\nDrift above PSI > 0.2 and AUC <= 0.8 costs **R&D** time [link](http://x).\n",
    );
    let run = decide(
        dir.path(),
        &["digest", "--since", "2026-03-01", "--as-of", "2026-03-31"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "- **0001 Alert when PSI > 0.2 \\<b>now\\</b>**: accepted on 2026-03-10. Drift above PSI > 0.2 and AUC <= 0.8 costs R&D time link."
        ),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("&gt;") && !run.stdout.contains("&lt;"),
        "{}",
        run.stdout
    );
}
