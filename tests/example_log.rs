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

/// `(file under decisions/, code, line named in the why column)` rows of
/// EXPECTED-FINDINGS.md's table.
fn expected_findings() -> Vec<(String, String, Option<usize>)> {
    let text = read(&example_log().join("../EXPECTED-FINDINGS.md"));
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let file = cells[1].trim_matches('`').to_string();
            let code = cells[2].split_whitespace().next().unwrap().to_string();
            let line = cells[3]
                .split("(line ")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .and_then(|n| n.parse().ok());
            (file, code, line)
        })
        .collect()
}

#[test]
fn check_on_the_example_finds_exactly_the_intended_gaps() {
    let dir = example_log();
    let run = decide(
        &repo(),
        &[
            "check",
            "--dir",
            dir.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1, "errors are present: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut found: Vec<(String, String, usize)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let file = path.split("/decisions/").nth(1).unwrap().to_string();
            (
                file,
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    found.sort();
    let mut expected = expected_findings();
    expected.sort();
    assert_eq!(expected.len(), 16);
    let found_pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(f, c, _)| (f.as_str(), c.as_str()))
        .collect();
    let expected_pairs: Vec<(&str, &str)> = expected
        .iter()
        .map(|(f, c, _)| (f.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        found_pairs, expected_pairs,
        "nothing missing, nothing false"
    );
    for ((file, code, line), (_, _, at)) in expected.iter().zip(&found) {
        if let Some(line) = line {
            assert_eq!(at, line, "{file} {code}");
        }
    }
    assert_eq!(json["summary"]["errors"], 6);
    assert_eq!(json["summary"]["warnings"], 10);
}

#[test]
fn decides_own_log_is_clean_even_with_strict() {
    let run = decide(
        &repo(),
        &[
            "check",
            "--dir",
            "decisions",
            "--strict",
            "--format",
            "concise",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
}
