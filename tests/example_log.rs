//! The bundled example log: what `report` and `digest` say about the team.
//! The figures are the story the log was written to tell (see
//! examples/churn-model/EXPECTED-FINDINGS.md).

use crate::common::*;

fn example(args: &[&str]) -> Run {
    let dir = example_log();
    let mut all = args.to_vec();
    all.extend(["--dir", dir.to_str().unwrap()]);
    let run = decide(&repo(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn report_on_the_example_tells_its_story_within_100_columns() {
    let run = example(&["report", "--as-of", "2026-11-25"]);
    let out = &run.stdout;
    assert!(widest_line(out) <= 100, "{}", widest_line(out));
    assert!(
        out.starts_with("Engagement report, as of 2026-11-25\n30 decisions (18 accepted,"),
        "{out}"
    );
    assert!(
        out.contains("│ Participation (pooled)            ┆ 77% (171 of 221)"),
        "{out}"
    );
    assert!(out.contains("│ Longest gap between check-ins     ┆ 168 days, 2026-03-17 to"));
    assert!(out.contains("│ Facilitator rotation              ┆ 0.17 (5 of 30)"));
    assert!(out.contains("│ Participation vs incident-count   ┆ ρ = -0.69"));
    // The two overdue actions of EXPECTED-FINDINGS.md, with days late.
    assert!(out.contains("│ mei   ┆ 2026-10-15 ┆ 41"), "{out}");
    assert!(out.contains("│ jonas ┆ 2026-11-01 ┆ 24"));
    assert!(out.contains(
        "│ 0003 ┆ Replace logistic regression v2 with a LightGBM mo… ┆ 2026-06-30 ┆ -148"
    ));
    // Roles are not broken across lines.
    assert!(out.contains("│ tomas  ┆ ml-engineering ┆"), "{out}");
}

#[test]
fn digest_on_the_example_names_who_is_missing_and_what_is_late() {
    let run = example(&[
        "digest",
        "--since",
        "2026-09-01",
        "--as-of",
        "2026-11-25",
        "--format",
        "text",
    ]);
    let out = &run.stdout;
    assert!(out.starts_with("Decision log digest, 2026-09-01 to 2026-11-25\n\nIn short: 2 decided, 3 waiting for feedback, 1 unresolved objection, 2 overdue\nactions, 3 revisits coming up.\n"), "{out}");
    assert!(
        out.contains("Waiting on Dana\n  Okafor and Omar Haddad (7 of 9 answered)."),
        "{out}"
    );
    assert!(out.contains("* 0020 Cap model-suggested retention discounts at 20% for 12 months: objection\n  by Kofi Mensah"));
}
