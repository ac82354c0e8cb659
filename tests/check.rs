//! `decide check`: each output format on one fixture log, exit codes and
//! flags, paths, configuration and suppressions, colour, and CI safety.

use std::path::Path;

use crate::common::*;

const ACCEPTED: &str = "---
status: accepted
date: 2026-01-10
decided: 2026-01-20
owners: [ana]
decision-makers: [raj]
consulted: [lee]
alternatives:
  - title: Logistic regression
    rejected-because: AUC 0.71 against 0.84
expected-outcomes:
  - metric: auc
    target: \">= 0.82\"
artifacts:
  - kind: model
    ref: churn-model@v14
revisit-by: 2026-02-01
---
# Use LightGBM

## Context

Scores are too coarse to rank the call queue.

## Rationale

Best AUC at equal latency.
";

const PROPOSED: &str = "---
status: proposed
date: 2026-02-01
owners: [ana]
consulted: [lee]
alternatives:
  - title: Weekly scoring
---
# Score nightly

## Context

Scores are computed monthly.

## Rationale

<!-- why this option -->
";

/// The fixture log: an accepted decision past its revisit date (warning),
/// a proposed one with an empty rationale (error), and a stray file (warning).
pub(crate) fn fixture() -> tempfile::TempDir {
    let dir = tempdir();
    git_init(dir.path());
    write(dir.path(), "decisions/0001-use-lightgbm.md", ACCEPTED);
    write(dir.path(), "decisions/0002-score-nightly.md", PROPOSED);
    write(dir.path(), "decisions/notes.md", "# Notes\n");
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--as-of", "2026-03-01"];
    args.extend_from_slice(extra);
    decide(dir, &args)
}

#[test]
fn human_format() {
    let dir = fixture();
    let run = check(dir.path(), &["--format", "human"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
warning[DL035]: revisit was due on 2026-02-01 (as of 2026-03-01)
  --> decisions/0001-use-lightgbm.md:17:13
   |
17 | revisit-by: 2026-02-01
   |             ^^^^^^^^^^
   = help: revisit it: confirm it with a new `revisit-by`, or supersede it
   = rule: revisit-overdue

error[DL020]: the `Rationale` section is empty
  --> decisions/0002-score-nightly.md:15:1
   |
15 | ## Rationale
   | ^^^^^^^^^^^^
   = help: say why this option was chosen; HTML comments do not count
   = rule: missing-rationale

warning[DL050]: Markdown file in the log is not a record
 --> decisions/notes.md:1:1
  = help: name it NNNN-slug.md to make it a decision, put it under reviews/, or move it out of the
          log folder
  = rule: stray-file

Found 1 error and 2 warnings in 3 files.
"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn human_is_the_default_outside_ci() {
    let dir = fixture();
    assert_eq!(
        check(dir.path(), &[]).stdout,
        check(dir.path(), &["--format", "human"]).stdout
    );
}

#[test]
fn concise_format() {
    let dir = fixture();
    let run = check(dir.path(), &["--format", "concise"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "\
decisions/0001-use-lightgbm.md:17:13: DL035 [warning] revisit was due on 2026-02-01 (as of 2026-03-01)
decisions/0002-score-nightly.md:15:1: DL020 [error] the `Rationale` section is empty
decisions/notes.md:1:1: DL050 [warning] Markdown file in the log is not a record
"
    );
}

#[test]
fn json_format() {
    let dir = fixture();
    let run = check(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        r#"{
  "schema_version": 1,
  "diagnostics": [
    {
      "code": "DL035",
      "slug": "revisit-overdue",
      "severity": "warning",
      "message": "revisit was due on 2026-02-01 (as of 2026-03-01)",
      "path": "decisions/0001-use-lightgbm.md",
      "line": 17,
      "column": 13,
      "help": "revisit it: confirm it with a new `revisit-by`, or supersede it"
    },
    {
      "code": "DL020",
      "slug": "missing-rationale",
      "severity": "error",
      "message": "the `Rationale` section is empty",
      "path": "decisions/0002-score-nightly.md",
      "line": 15,
      "column": 1,
      "help": "say why this option was chosen; HTML comments do not count"
    },
    {
      "code": "DL050",
      "slug": "stray-file",
      "severity": "warning",
      "message": "Markdown file in the log is not a record",
      "path": "decisions/notes.md",
      "line": 1,
      "column": 1,
      "help": "name it NNNN-slug.md to make it a decision, put it under reviews/, or move it out of the log folder"
    }
  ],
  "summary": {
    "files": 3,
    "errors": 1,
    "warnings": 2
  }
}
"#
    );
}

#[test]
fn github_format() {
    let dir = fixture();
    let run = check(dir.path(), &["--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "\
::warning file=decisions/0001-use-lightgbm.md,line=17,col=13,title=DL035 revisit-overdue::revisit was due on 2026-02-01 (as of 2026-03-01)%0Ahelp: revisit it: confirm it with a new `revisit-by`, or supersede it
::error file=decisions/0002-score-nightly.md,line=15,col=1,title=DL020 missing-rationale::the `Rationale` section is empty%0Ahelp: say why this option was chosen; HTML comments do not count
::warning file=decisions/notes.md,line=1,col=1,title=DL050 stray-file::Markdown file in the log is not a record%0Ahelp: name it NNNN-slug.md to make it a decision, put it under reviews/, or move it out of the log folder
decide: 1 error, 2 warnings in 3 files
"
    );
}

#[test]
fn github_is_chosen_automatically_in_github_actions() {
    let dir = fixture();
    let run = run(cmd(dir.path())
        .args(["check", "--as-of", "2026-03-01"])
        .env("GITHUB_ACTIONS", "true"));
    assert_eq!(
        run.stdout,
        check(dir.path(), &["--format", "github"]).stdout
    );
}

#[test]
fn sarif_format_matches_the_snapshot_and_the_schema() {
    let dir = fixture();
    let run = check(dir.path(), &["--format", "sarif"]);
    assert_eq!(run.code, 1);
    let snapshot = repo().join("tests/fixtures/check/fixture.sarif");
    let actual = run.stdout.replace(env!("CARGO_PKG_VERSION"), "{{VERSION}}");
    if std::env::var_os("DECIDE_BLESS").is_some() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &actual).unwrap();
    }
    assert_eq!(
        actual,
        read(&snapshot),
        "SARIF output changed; review it and run with DECIDE_BLESS=1 to update the snapshot"
    );

    let schema: serde_json::Value = serde_json::from_str(&read(
        &repo().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"),
    ))
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("the SARIF schema compiles");
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        44
    );

    // The schema is strict enough to catch a malformed log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn clean_log_exits_zero_and_says_so() {
    let dir = tempdir();
    git_init(dir.path());
    let clean = ACCEPTED.replace("revisit-by: 2026-02-01", "revisit-by: 2026-09-01");
    write(dir.path(), "decisions/0001-use-lightgbm.md", &clean);
    let run = check(dir.path(), &[]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "No problems in 1 file.\n")
    );
    let run = check(dir.path(), &["-q"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    let run = check(dir.path(), &["--format", "json"]);
    assert!(run.stdout.contains("\"diagnostics\": []"), "{}", run.stdout);
}

#[test]
fn warnings_pass_unless_strict_and_exit_zero_never_fails() {
    let dir = fixture();
    std::fs::remove_file(dir.path().join("decisions/0002-score-nightly.md")).unwrap();
    assert_eq!(check(dir.path(), &["--format", "concise"]).code, 0);
    assert_eq!(
        check(dir.path(), &["--format", "concise", "--strict"]).code,
        1
    );
    let dir = fixture();
    let run = check(dir.path(), &["--format", "concise", "--exit-zero"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 3);
}

#[test]
fn as_of_pins_time_dependent_rules_and_bad_dates_are_usage_errors() {
    let dir = fixture();
    let run = decide(
        dir.path(),
        &["check", "--as-of", "2026-01-31", "--format", "concise"],
    );
    assert!(!run.stdout.contains("DL035"), "{}", run.stdout);
    let run = decide(dir.path(), &["check", "--as-of", "31/01/2026"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --as-of `31/01/2026` is not a YYYY-MM-DD date\n"
    );
}

#[test]
fn paths_narrow_the_report_but_cross_record_rules_see_the_whole_log() {
    let dir = fixture();
    // 0002 also carries id 1, so both 0001 and it are duplicates.
    write(
        dir.path(),
        "decisions/0002-score-nightly.md",
        &PROPOSED.replacen("---\n", "---\nid: 1\nrelated: [3]\n", 1),
    );
    write(
        dir.path(),
        "decisions/0003-retrain.md",
        "---\nstatus: draft\n---\n# Retrain\n",
    );
    let run = check(
        dir.path(),
        &["--format", "concise", "decisions/0002-score-nightly.md"],
    );
    assert_eq!(
        run.stdout,
        "\
decisions/0002-score-nightly.md:2:5: DL007 [error] id 0001 is also used by decisions/0001-use-lightgbm.md
decisions/0002-score-nightly.md:2:5: DL008 [error] `id` is 0001 but the file name says 0002
decisions/0002-score-nightly.md:17:1: DL020 [error] the `Rationale` section is empty
"
    );
    let run = check(
        dir.path(),
        &["--format", "json", "decisions/0003-retrain.md"],
    );
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("\"files\": 1,\n    \"errors\": 0,\n    \"warnings\": 0"),
        "{}",
        run.stdout
    );
    // From inside the log folder, and a folder as a path.
    let run = check(
        &dir.path().join("decisions"),
        &["--format", "concise", "notes.md", "."],
    );
    assert_eq!(run.stdout.lines().count(), 6, "{}", run.stdout);
}

#[test]
fn a_decision_outside_the_log_is_checked_against_it() {
    let dir = fixture();
    write(
        dir.path(),
        "drafts/0009-new.md",
        "---\nstatus: draft\nrelated: [1, 42]\n---\n# New\n",
    );
    write(dir.path(), "drafts/notes.md", "# x\n");
    let run = check(
        dir.path(),
        &[
            "--format",
            "concise",
            "drafts/0009-new.md",
            "drafts/notes.md",
        ],
    );
    assert_eq!(
        run.stdout,
        "drafts/0009-new.md:3:14: DL031 [error] `related` names 0042, which is not in the log\n"
    );
    assert_eq!(
        run.stderr,
        "note: skipped drafts/notes.md: not in the log folder decisions and not named like a decision (NNNN-slug.md)\n"
    );
    let missing = check(dir.path(), &["decisions/0404-nope.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("error: decisions/0404-nope.md: "),
        "{}",
        missing.stderr
    );
}

#[test]
fn configured_levels_and_per_file_globs() {
    let dir = fixture();
    write(
        dir.path(),
        "decide.toml",
        "[rules]\nrevisit-overdue = \"error\"\nDL050 = \"off\"\n[rules.per-file]\n\"0002-*.md\" = [\"missing-rationale\"]\n",
    );
    let run = check(dir.path(), &["--format", "concise"]);
    assert_eq!(
        run.stdout,
        "decisions/0001-use-lightgbm.md:17:13: DL035 [error] revisit was due on 2026-02-01 (as of 2026-03-01)\n"
    );
    assert_eq!(run.code, 1);

    write(
        dir.path(),
        "decide.toml",
        "[rules]\nmising-rationale = \"off\"\n",
    );
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.ends_with(
            "decide.toml: unknown rule `mising-rationale` in [rules]; did you mean `missing-rationale`?\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn suppression_comments() {
    let dir = fixture();
    write(
        dir.path(),
        "decisions/0002-score-nightly.md",
        &PROPOSED.replace(
            "## Rationale",
            "<!-- decide-disable-next-line missing-rationale -->\n## Rationale",
        ),
    );
    write(
        dir.path(),
        "decisions/0001-use-lightgbm.md",
        &format!("{ACCEPTED}\n<!-- decide-disable DL035 DL999 -->\n"),
    );
    let run = check(dir.path(), &["--format", "concise"]);
    assert_eq!(
        run.stdout,
        "\
decisions/0001-use-lightgbm.md:29:27: DL005 [warning] unknown rule `DL999` in a decide-disable comment
decisions/notes.md:1:1: DL050 [warning] Markdown file in the log is not a record
"
    );
    assert_eq!(run.code, 0);
    // A file named is read with its comments, with or without the cache,
    // whether the others are (the whole log, or a cache being written) or
    // not (read only to relate them to it).
    for cache in [&["--no-cache"][..], &[]] {
        let named = [
            cache,
            &["--format", "concise", "decisions/0001-use-lightgbm.md"],
        ]
        .concat();
        assert_eq!(
            check(dir.path(), &named).stdout,
            "decisions/0001-use-lightgbm.md:29:27: DL005 [warning] unknown rule `DL999` in a decide-disable comment\n"
        );
        let other = [
            cache,
            &["--format", "concise", "decisions/0002-score-nightly.md"],
        ]
        .concat();
        let run = check(dir.path(), &other);
        assert_eq!((run.stdout.as_str(), run.code), ("", 0));
    }
}

#[test]
fn colour_follows_color_flag_and_no_color() {
    let dir = fixture();
    let plain = check(dir.path(), &[]);
    assert!(!plain.stdout.contains('\x1b'));
    let never = check(dir.path(), &["--color", "never"]);
    assert!(!never.stdout.contains('\x1b'));
    let always = check(dir.path(), &["--color", "always"]);
    assert!(
        always
            .stdout
            .starts_with("\x1b[1m\x1b[33mwarning[DL035]\x1b[0m\x1b[1m: revisit was due"),
        "{:?}",
        &always.stdout[..80]
    );
    let stripped = always
        .stdout
        .split('\x1b')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('m').map_or(part, |(_, rest)| rest)
            }
        })
        .collect::<String>();
    assert_eq!(stripped, plain.stdout);
}

#[test]
fn record_text_cannot_inject_workflow_commands() {
    let dir = tempdir();
    git_init(dir.path());
    write(
        dir.path(),
        "decisions/0001-x.md",
        "---\nstatus: draft\n\"x%0A::set-env name=PWNED::1\": 1\n\"y\\n::add-path::/tmp\\r\\n::error::fake\": 2\n---\n# X\n",
    );
    write(dir.path(), "decisions/notes,a:b%0A::warning::x.md", "# x\n");
    let run = run(cmd(dir.path())
        .args(["check"])
        .env("GITHUB_ACTIONS", "true"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    // The runner reads a command only at the start of a line.
    for line in &lines[..3] {
        assert!(line.starts_with("::warning file=decisions/"), "{line}");
    }
    assert_eq!(lines[3], "decide: 0 errors, 3 warnings in 2 files");
    assert!(
        run.stdout
            .contains("::unknown key `x%250A::set-env name=PWNED::1` in a decision"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("unknown key `y%0A::add-path::/tmp%0D%0A::error::fake`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("file=decisions/notes%2Ca%3Ab%250A%3A%3Awarning%3A%3Ax.md,"),
        "{}",
        run.stdout
    );
}

/// `check`, `check FOLDER` and `check FILE...` read each decision, check
/// it and drop it (only its links are kept for the rules relating
/// decisions; with only files named, the other records are read to their
/// fields); `--fix`, and a file named from outside the log, load the whole
/// log first. Both ways must find the same: on a log that breaks every rule
/// relating records, the example and the corpora, in JSON (every field of
/// every finding) and as people read it. A file outside the log that is not
/// named like a decision is skipped with a note, and makes the run take the
/// loading way with nothing else changed.
#[test]
fn checking_the_log_as_it_is_read_finds_what_checking_it_loaded_finds() {
    let links = small_log(&[
        // DL031 (dangling), DL032 (one-sided both ways), DL033 (a cycle and
        // a self-supersession), DL007 (a shared id), DL011 (no owner). Only
        // 0007, which is not among the files named below, gives owners and
        // dates: what the named files lack is then an error, not the
        // warning it would be in a log where no record uses those keys.
        (
            "0001-a.md",
            "---\nstatus: superseded\nsuperseded-by: [2]\nsupersedes: [3]\nrelated: [99]\n---\n# A\n",
        ),
        (
            "0002-b.md",
            "---\nstatus: accepted\nsupersedes: [1]\n---\n# B\n",
        ),
        (
            "0003-c.md",
            "---\nstatus: accepted\nsupersedes: [1]\n---\n# C\n",
        ),
        ("0004-d.md", "---\nid: 3\nstatus: proposed\n---\n# D\n"),
        (
            "0005-e.md",
            "---\nstatus: accepted\nsupersedes: [5]\n---\n# E\n",
        ),
        ("0006-f.md", "# F, no front matter\n\nsupersedes 1\n"),
        (
            "0007-g.md",
            "---\nstatus: accepted\ndate: 2026-01-01\ndecided: 2026-01-02\nowners: [ana]\n---\n# G\n",
        ),
        // A link written in the status (MADR), answered by 0009.
        ("0008-h.md", "---\nstatus: superseded by 9\n---\n# H\n"),
        (
            "0009-i.md",
            "---\nstatus: accepted\nsupersedes: [8]\n---\n# I\n",
        ),
        (
            "reviews/2026-01-05-r.md",
            "---\nkind: async\ndate: 2026-01-01\nrespond-by: 2026-01-09\ndecisions: [2, 42]\nfeedback:\n  - {by: lee, date: 2026-01-02, stance: objection, on: 2}\n  - {by: raj, date: 2026-01-03, stance: support, on: 77}\noutcomes:\n  - {decision: 43, metric: auc, value: 0.8, date: 2026-01-04}\n---\n# R\n",
        ),
        ("notes.md", "# A stray\n"),
    ]);
    let logs = [
        links.path().join("decisions"),
        example_log(),
        corpus("adr__madr"),
        corpus("alphagov__govuk-aws"),
        corpus("hmrc__play-frontend-hmrc"),
        corpus("joshrotenberg__adrs"),
        corpus("thomvaill__log4brains"),
    ];
    let outside = tempdir();
    let elsewhere = write(outside.path(), "notes.md", "# Not a decision\n");
    let elsewhere = elsewhere.to_str().unwrap();
    for log in &logs {
        let folder = log.to_str().unwrap();
        // A few of the log's files, a review among them where there is one.
        let mut files: Vec<String> = std::fs::read_dir(log)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| p.to_str().unwrap().to_string())
            .collect();
        files.sort();
        files.truncate(3);
        let reviews = log.join("reviews");
        if let Some(review) = std::fs::read_dir(&reviews).ok().and_then(|mut r| r.next()) {
            files.push(review.unwrap().path().to_str().unwrap().to_string());
        }
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        for format in ["json", "human"] {
            let args = [
                "check",
                "--no-cache",
                "--no-baseline",
                "--as-of",
                "2026-03-01",
                "--format",
                format,
            ];
            let whole = decide_on(log, &args);
            let loaded = decide_on(log, &[&args[..], &[folder, elsewhere]].concat());
            assert_eq!(whole.stdout, loaded.stdout, "{format} on {}", log.display());
            assert_eq!(whole.code, loaded.code);
            let in_folder = decide_on(log, &[&args[..], &[folder]].concat());
            assert_eq!(in_folder.stdout, loaded.stdout, "{format} on {folder}");
            assert_eq!(in_folder.code, loaded.code);
            let named = decide_on(log, &[&args[..], &files[..]].concat());
            let named_loaded = decide_on(log, &[&args[..], &files[..], &[elsewhere]].concat());
            assert_eq!(named.stdout, named_loaded.stdout, "{format} on {files:?}");
            assert_eq!(named.code, named_loaded.code);
            assert!(
                named_loaded.stderr.contains("note: skipped"),
                "{}",
                named_loaded.stderr
            );
        }
    }
    // Each file of the links fixture named alone: what the rules relating
    // decisions read of the others is read of them however they are read.
    let args = [
        "check",
        "--no-cache",
        "--as-of",
        "2026-03-01",
        "--format",
        "json",
    ];
    for entry in std::fs::read_dir(&logs[0]).unwrap() {
        let path = entry.unwrap().path();
        let file = path.to_str().unwrap();
        let named = decide_on(&logs[0], &[&args[..], &[file]].concat());
        let loaded = decide_on(&logs[0], &[&args[..], &[file, elsewhere]].concat());
        assert_eq!(named.stdout, loaded.stdout, "{file}");
        assert_eq!(named.code, loaded.code, "{file}");
    }
    // The links fixture does break each of those rules.
    let found = decide_on(&logs[0], &["check", "--no-cache", "--format", "concise"]);
    for code in ["DL007", "DL011", "DL031", "DL032", "DL033"] {
        assert!(
            found.stdout.contains(code),
            "{code} missing:\n{}",
            found.stdout
        );
    }
    let b = logs[0].join("0002-b.md");
    let named = decide_on(
        &logs[0],
        &[
            "check",
            "--no-cache",
            "--format",
            "concise",
            b.to_str().unwrap(),
        ],
    );
    for finding in [
        "0002-b.md:2:1: DL011 [error] accepted decision has no `owners`",
        "0002-b.md:2:1: DL004 [error] accepted decision has no `decided` date",
        "0002-b.md:2:1: DL004 [error] accepted decision has no `date`",
    ] {
        assert!(
            named.stdout.contains(finding),
            "{finding}:\n{}",
            named.stdout
        );
    }
}
