//! `decide check` for CI systems: GitLab Code Quality, JUnit, SARIF's links
//! and fingerprints, `--output-file`, `--statistics`, and rule selection on
//! the command line.

use std::collections::BTreeMap;
use std::path::Path;

use crate::check::fixture;
use crate::common::*;

fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--as-of", "2026-03-01"];
    args.extend_from_slice(extra);
    decide(dir, &args)
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Findings per code in `--format json` output.
fn counts(run: &Run) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for d in json(&run.stdout)["diagnostics"].as_array().unwrap() {
        *out.entry(d["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    out
}

#[test]
fn gitlab_format_validates_against_the_code_quality_schema() {
    let dir = fixture();
    let run = check(dir.path(), &["--format", "gitlab"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = json(&run.stdout);
    let schema = json(&read(
        &repo().join("tests/fixtures/gitlab/code-quality.schema.json"),
    ));
    let validator = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let issues = report.as_array().unwrap();
    let summary: Vec<(&str, &str, &str, u64)> = issues
        .iter()
        .map(|i| {
            (
                i["check_name"].as_str().unwrap(),
                i["severity"].as_str().unwrap(),
                i["location"]["path"].as_str().unwrap(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("DL035", "minor", "decisions/0001-use-lightgbm.md", 17),
            ("DL020", "major", "decisions/0002-score-nightly.md", 15),
            ("DL050", "minor", "decisions/notes.md", 1),
        ]
    );
    assert_eq!(
        issues[1]["description"],
        "DL020 missing-rationale: the `Rationale` section is empty"
    );
    // The schema is strict enough to catch a malformed report.
    let mut broken = report.clone();
    broken[0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn fingerprints_survive_lines_moving_and_match_between_gitlab_and_sarif() {
    let dir = fixture();
    let fingerprints = |dir: &Path| -> Vec<String> {
        json(&check(dir, &["--format", "gitlab"]).stdout)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let before = fingerprints(dir.path());
    assert_eq!(before.len(), 3);
    assert!(before.iter().all(|f| f.len() == 32), "{before:?}");
    // Two more lines of context above the empty rationale.
    let path = dir.path().join("decisions/0002-score-nightly.md");
    let text = read(&path).replace(
        "Scores are computed monthly.",
        "Scores\nare\ncomputed monthly.",
    );
    std::fs::write(&path, text).unwrap();
    let gitlab = json(&check(dir.path(), &["--format", "gitlab"]).stdout);
    assert_eq!(gitlab[1]["location"]["lines"]["begin"], 17);
    assert_eq!(fingerprints(dir.path()), before);

    let sarif = json(&check(dir.path(), &["--format", "sarif"]).stdout);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let in_sarif: Vec<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["decide/v1"].as_str().unwrap())
        .collect();
    assert_eq!(in_sarif, before);
}

#[test]
fn sarif_links_every_rule_to_its_documentation() {
    let dir = fixture();
    let sarif = json(&check(dir.path(), &["--format", "sarif"]).stdout);
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let home = env!("CARGO_PKG_REPOSITORY");
    assert_eq!(driver["informationUri"], home);
    let docs = read(&repo().join("docs/rules.md"));
    for rule in driver["rules"].as_array().unwrap() {
        let uri = rule["helpUri"].as_str().unwrap();
        let prefix = format!("{home}/blob/v{}/docs/rules.md#", env!("CARGO_PKG_VERSION"));
        let anchor = uri.strip_prefix(&prefix).unwrap_or_else(|| panic!("{uri}"));
        // GitHub's anchor for the heading `## DL020 missing-rationale`.
        let heading = format!(
            "\n## {} {}\n",
            rule["id"].as_str().unwrap(),
            rule["name"].as_str().unwrap()
        );
        assert!(docs.contains(&heading), "{heading}");
        assert_eq!(
            anchor,
            heading
                .trim()
                .trim_start_matches("## ")
                .to_lowercase()
                .replace(' ', "-")
        );
    }
}

#[test]
fn junit_format_parses_with_one_case_per_file_and_one_failure_per_finding() {
    let dir = fixture();
    write(
        dir.path(),
        "decisions/0003-fine.md",
        "---\nstatus: draft\n---\n# Fine\n",
    );
    let run = check(dir.path(), &["--format", "junit"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(
        names,
        vec![
            "decisions/0001-use-lightgbm.md",
            "decisions/0002-score-nightly.md",
            "decisions/0003-fine.md",
            "decisions/notes.md",
        ]
    );
    let failures: Vec<usize> = cases
        .iter()
        .map(|c| c.children().filter(|n| n.has_tag_name("failure")).count())
        .collect();
    assert_eq!(failures, vec![1, 1, 0, 1]);
    for node in [root, suite] {
        assert_eq!(node.attribute("tests"), Some("4"));
        assert_eq!(node.attribute("failures"), Some("3"));
        assert_eq!(node.attribute("errors"), Some("0"));
    }
    let failure = cases[1]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("DL020 missing-rationale"));
    assert_eq!(
        failure.text(),
        Some(
            "decisions/0002-score-nightly.md:15:1: DL020 [error] the `Rationale` section is empty\n\
             help: say why this option was chosen; HTML comments do not count"
        )
    );
}

#[test]
fn junit_escapes_record_text() {
    let dir = tempdir();
    git_init(dir.path());
    // A file name and a status with markup and (YAML's `\e`) an escape character.
    write(
        dir.path(),
        "decisions/0001-a&b<c>.md",
        "---\nstatus: \"</failure><x>&\\e[31m\"\n---\n# A\n",
    );
    let run = check(dir.path(), &["--format", "junit"]);
    let doc =
        roxmltree::Document::parse(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(case.attribute("name"), Some("decisions/0001-a&b<c>.md"));
    let failures: Vec<&str> = case
        .children()
        .filter(|n| n.has_tag_name("failure"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        failures
            .iter()
            .any(|t| t.contains("</failure><x>&\u{FFFD}[31m")),
        "{failures:?}"
    );
    assert!(!run.stdout.contains('\u{1b}'));
}

#[test]
fn output_file_receives_the_findings_and_stdout_stays_empty() {
    let dir = fixture();
    let run = check(
        dir.path(),
        &[
            "--format",
            "gitlab",
            "--output-file",
            "out/gl-code-quality.json",
        ],
    );
    // A missing folder is an I/O error, exit 2.
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("out/gl-code-quality.json"),
        "{}",
        run.stderr
    );
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let run = check(
        dir.path(),
        &[
            "--format",
            "gitlab",
            "--output-file",
            "out/gl-code-quality.json",
        ],
    );
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    let written = read(&dir.path().join("out/gl-code-quality.json"));
    assert_eq!(written, check(dir.path(), &["--format", "gitlab"]).stdout);
    // Human output into a file carries no colour even when asked for.
    let run = check(
        dir.path(),
        &["--color", "always", "--output-file", "out/human.txt"],
    );
    assert_eq!(run.code, 1);
    let human = read(&dir.path().join("out/human.txt"));
    assert!(
        human.contains("error[DL020]") && !human.contains('\u{1b}'),
        "{human}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn statistics_counts_match_the_json_output() {
    let log = example_log();
    let args = [
        "check",
        "--dir",
        log.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ];
    let full = decide(&repo(), &[&args[..], &["--format", "json"]].concat());
    let expected = counts(&full);
    assert!(expected.len() > 3, "{expected:?}");

    let stats = decide(
        &repo(),
        &[&args[..], &["--statistics", "--format", "json"]].concat(),
    );
    assert_eq!(stats.code, full.code);
    let mut from_stats = BTreeMap::new();
    let rows = json(&stats.stdout);
    let mut last = u64::MAX;
    for row in rows.as_array().unwrap() {
        let count = row["count"].as_u64().unwrap();
        assert!(count <= last, "most first: {rows}");
        last = count;
        assert_eq!(
            row["errors"].as_u64().unwrap() + row["warnings"].as_u64().unwrap(),
            count
        );
        from_stats.insert(row["code"].as_str().unwrap().to_string(), count);
    }
    assert_eq!(from_stats, expected);

    let text = decide(&repo(), &[&args[..], &["--statistics"]].concat());
    let mut from_text = BTreeMap::new();
    let lines: Vec<&str> = text.stdout.lines().collect();
    for line in &lines[..lines.len() - 1] {
        let fields: Vec<&str> = line.split_whitespace().collect();
        from_text.insert(fields[1].to_string(), fields[0].parse::<u64>().unwrap());
    }
    assert_eq!(from_text, expected);
    let total: u64 = expected.values().sum();
    assert_eq!(lines.last().unwrap().trim(), format!("{total}  in all"));

    let bad = decide(
        &repo(),
        &[&args[..], &["--statistics", "--format", "sarif"]].concat(),
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("--statistics prints text or JSON"),
        "{}",
        bad.stderr
    );
}

#[test]
fn select_and_ignore_override_the_configuration_for_one_run() {
    let dir = fixture();
    write(
        dir.path(),
        "decide.toml",
        "[rules]\nDL020 = \"off\"\nstray-file = \"error\"\n",
    );
    let codes = |extra: &[&str]| -> Vec<String> {
        let run = check(dir.path(), &[&["--format", "json"], extra].concat());
        counts(&run).into_keys().collect()
    };
    assert_eq!(codes(&[]), vec!["DL035", "DL050"]);
    // --select runs exactly what it names, even a rule the file turns off.
    assert_eq!(codes(&["--select", "DL020"]), vec!["DL020"]);
    assert_eq!(
        codes(&["--select", "missing-rationale,DL05"]),
        vec!["DL020", "DL050"]
    );
    assert_eq!(codes(&["--select", "DL02"]), vec!["DL020"]);
    // --extend-select adds to the configured rules.
    assert_eq!(
        codes(&["--extend-select", "DL020"]),
        vec!["DL020", "DL035", "DL050"]
    );
    // --ignore wins over both.
    assert_eq!(codes(&["--ignore", "revisit-overdue"]), vec!["DL050"]);
    assert_eq!(
        codes(&["--select", "ALL", "--ignore", "DL03,DL05"]),
        vec!["DL020"]
    );
    // Levels from the file still apply to the rules that run.
    let run = check(dir.path(), &["--select", "DL050", "--format", "concise"]);
    assert_eq!(
        run.stdout,
        "decisions/notes.md:1:1: DL050 [error] Markdown file in the log is not a record\n"
    );
    assert_eq!(run.code, 1);
    assert_eq!(check(dir.path(), &["--ignore", "DL"]).code, 0);

    let bad = check(dir.path(), &["--select", "DL9"]);
    assert_eq!(bad.code, 2);
    assert_eq!(
        bad.stderr,
        "error: --select: unknown rule or prefix `DL9`; `decide rules` lists them\n"
    );
    let typo = check(dir.path(), &["--ignore", "stray-fil"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `stray-file`?"),
        "{}",
        typo.stderr
    );
}

/// The README's GitLab CI job, run as shown: the JUnit step passes, the Code
/// Quality step fails on the fixture's error, and both files are written.
#[test]
fn the_readmes_gitlab_job_works_as_shown() {
    let readme = read(&repo().join("README.md"));
    let job = readme
        .split("**GitLab CI**")
        .nth(1)
        .and_then(|s| s.split("```yaml\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("the GitLab snippet");
    let commands: Vec<Vec<&str>> = job
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- decide "))
        .map(|c| c.split_whitespace().collect())
        .collect();
    assert_eq!(commands.len(), 2, "{job}");
    let dir = fixture();
    let codes: Vec<i32> = commands
        .iter()
        .map(|args| decide(dir.path(), args).code)
        .collect();
    assert_eq!(codes, vec![0, 1]);
    for report in ["codequality", "junit"] {
        let file = job
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{report}: ")))
            .unwrap();
        let text = read(&dir.path().join(file));
        assert!(
            text.contains("decisions/0002-score-nightly.md"),
            "{file}: {text}"
        );
    }
}
