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
    // Column widths follow the longest figure name; compare words only.
    let flat = squeeze(out);
    for line in [
        "│ Participation (pooled) ┆ 77% (171 of 221)",
        // Of the 171 responses, 68 are attendance with no recorded view
        // (issue 11): 103 of 221 asked gave a view.
        "│ Gave a view (pooled) ┆ 47% (103 of 221)",
        "│ Attended only ┆ 68 ┆ 171 responses",
        "│ Longest gap between check-ins ┆ 168 days, 2026-03-17 to",
        "│ Facilitator rotation ┆ 0.17 (5 of 30)",
        // Lee chaired 12 of the 30 reviews.
        "│ Top facilitator's share ┆ 40% (12 of 30) (lee) ┆ 30 reviews; never chaired:",
        "│ Participation vs incident-count ┆ ρ = -0.69 (correlation, not",
        // The two overdue actions of EXPECTED-FINDINGS.md, with days late.
        "│ mei ┆ 2026-10-15 ┆ 41",
        "│ jonas ┆ 2026-11-01 ┆ 24",
        // Roles are not broken across lines.
        "│ tomas ┆ ml-engineering ┆",
        // 0021's fairness gap target against the H1 2026 retro.
        "│ 0021 ┆ fairness-gap-pp ┆ <= 5 pp every ┆ 3.3 on ┆ met │",
        // 3 retros in 569 days (2025-05-06 to 2026-11-25) is 1.9 a year.
        "│ Retros twice a year ┆ retro reviews held: 3 in 1.6 years ┆ not met",
        // Raj co-signed a queue decision the charter gives to product.
        "│ 0012 ┆ accepted ┆ 2025-11-04 ┆ grace, raj ┆ priya, grace (outside: raj)",
        "│ Decided outside decision rights ┆ 1",
        // Customers are named as affected by 0012 and 0027; none took part.
        "│ Affected groups not heard ┆ 2",
    ] {
        assert!(flat.contains(&squeeze(line)), "missing {line:?} in\n{out}");
    }
    assert!(
        flat.contains(&squeeze(
            "│ 0003 ┆ Replace logistic regression v2 with a LightGBM model ┆ 2026-06-30 ┆ -148"
        )),
        "{out}"
    );
    // Titles are wrapped, never cut short.
    assert!(!out.contains('…'), "{out}");
    assert!(
        out.contains(
            "\nWhat the figures mean\n  Participation (pooled): share of the people asked"
        )
    );
    // The per-person and per-decision columns carry a gloss too (issue 11).
    for line in [
        "┘\n  Asked: decisions that consulted them or had them decide\n",
        "  Late: answers after their deadline, or none once it passed; lower is better\n",
        "┘\n  Answered: people asked who took part before the decision, of those asked; higher is better\n",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let md = example(&["report", "--as-of", "2026-11-25", "--format", "markdown"]).stdout;
    assert!(
        md.contains("\n- *Complete*: rationale checks passed, of those that apply, and check's errors; higher is better\n"),
        "{md}"
    );
}

fn squeeze(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    assert!(out.starts_with("Decision log digest, 2026-09-01 to 2026-11-25\n\nIn short: 2 decided, 1 status change, 3 waiting for feedback, 1 unresolved\nobjection, 2 overdue actions, 3 revisits coming up.\n"), "{out}");
    let flat = squeeze(&out.replace('\n', " "));
    for text in [
        // 0018 was deprecated on 2026-09-15, not on its decided date.
        "* 0018 Monitor feature and score drift with a hosted Evidently workspace: deprecated on 2026-09-15.",
        // 0027: nobody consulted; the decision-makers are late by the
        // charter's norm, the request's invitees have until 2026-12-02; Lee
        // facilitates the request and Jonas owns the decision.
        "journeys: proposed 2026-10-20, open 36 days. Nobody consulted. Waiting on",
        "Dana Okafor, Grace O'Neill, Mei Chen and Sofia Marchetti (due 2026-12-02); 5 of 15 asked gave a view",
        "Blocked by concern by Elena Novak since 2026-11-02 (23 days open)",
        // 0021's outcome against its target, and a target that fell due unmeasured.
        "days-auc-below-0.80 (target <= 10 per half-year): observed 9 on 2026-09-30, met.",
        // The registers in short.
        "capacity: decided by raj, outside the charter's decision rights (priya, grace).",
        "* No decision-maker recorded: 0005.",
        "journeys: affects customers, whose perspective was not heard.",
    ] {
        assert!(flat.contains(text), "missing {text:?} in\n{out}");
    }
    assert!(!flat.contains("Everyone expected"), "{out}");
    // Jonas owns 0027: he never waits on it. (Lee facilitates the async
    // request, but a check-in about 0027 invited him too, so he is asked.)
    let on_27 = flat
        .split("* 0027 ")
        .nth(1)
        .and_then(|rest| rest.split("* 0028 ").next())
        .unwrap();
    assert!(!on_27.contains("Jonas Berg"), "{on_27}");
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

#[test]
fn the_example_pulses_tell_the_check_in_gap_and_the_sms_episode() {
    let out = example(&["report", "--as-of", "2026-11-25"]).stdout;
    assert!(widest_line(&out) <= 100);
    for line in [
        "│ 2026-06-23 ┆ clarity      ┆ 2.86 ┆ 0·1·6·0·0 ┆ 7  ┆ 60% (6/10) ┆ -0.89 (drop) │",
        "│ 2026-09-22 ┆ trust        ┆ 2.6  ┆ 0·4·6·0·0 ┆ 10 ┆ 90% (9/10) ┆ -1.26 (drop) │",
        "│ 2026-11-24 ┆ trust        ┆ 3.67 ┆ 0·0·3·6·0 ┆ 9  ┆ 80% (8/10) ┆ +1.07        │",
        "│ trust        ┆ 7 metrics ┆ at most 5 ┆ not computed: needs 10 decisions │",
        "│ fairness                ┆ 5     ┆ 114 feedback entries  │",
        "│ Open signalled concerns ┆ 6     ┆ 11 signalled concerns │",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    let digest = example(&[
        "digest",
        "--since",
        "2026-09-01",
        "--as-of",
        "2026-11-25",
        "--format",
        "text",
    ])
    .stdout;
    assert!(
        digest.contains(
            "* Pulse of 2026-11-24: Clarity rose from 3.8 to 4, trust rose from 2.6 to 3.7\n"
        ),
        "{digest}"
    );
    assert!(digest.contains("* 0020 Cap model-suggested retention discounts at 20% for 12 months:\n  user-friction and fairness objection by Kofi Mensah on 2026-03-10:"));
    // Rejected 0026's concerns no longer hold anything up.
    let open = digest
        .split("Open fairness and user-friction concerns")
        .nth(1)
        .unwrap();
    assert!(!open.contains("0026"), "{open}");
}

/// The README's excerpts are the tool's output, line for line.
#[test]
fn the_readme_excerpts_are_what_the_tool_prints() {
    let readme = read(&repo().join("README.md"));
    let report = example(&["report", "--as-of", "2026-11-25"]).stdout;
    let start = readme
        .find("```\nEngagement report, as of 2026-11-25\n")
        .unwrap()
        + 4;
    let excerpt = &readme[start..start + readme[start..].find("…\n```").unwrap()];
    assert!(
        report.starts_with(excerpt),
        "README summary is out of date:\n{excerpt}"
    );
    let trend = example(&["report", "--as-of", "2026-11-25", "--trend", "quarter"]).stdout;
    let marker = "--as-of 2026-11-25 --trend quarter\n";
    let start = readme.find(marker).unwrap() + marker.len();
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let (head, tail) = block.split_once("…\n\n").unwrap();
    assert!(trend.starts_with(head), "{head}");
    assert!(
        trend.ends_with(tail),
        "README trend excerpt is out of date:\n{tail}"
    );
}
