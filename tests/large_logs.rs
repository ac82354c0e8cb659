//! What must not change when decide reads a large log frugally: records
//! keep no file text or YAML tree, `list` and the other records of
//! `check PATH` are read to their fields only, and the text is read again
//! where it is quoted. Each test compares against what the whole log shows.

use std::collections::BTreeMap;

use crate::common::*;

const AS_OF: &str = "2026-03-01";

/// `decide check --format concise` lines, grouped by file.
fn findings_by_file(stdout: &str) -> BTreeMap<String, Vec<String>> {
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in stdout.lines() {
        let path = line.split(':').next().unwrap().to_string();
        by_file.entry(path).or_default().push(line.to_string());
    }
    by_file
}

#[test]
fn each_file_checked_alone_has_the_findings_the_whole_log_gives_it() {
    let dir = "examples/churn-model/decisions";
    let whole = decide(
        &repo(),
        &[
            "--dir", dir, "check", "--format", "concise", "--as-of", AS_OF,
        ],
    );
    assert_eq!(whole.code, 1, "{}", whole.stderr);
    let by_file = findings_by_file(&whole.stdout);
    let mut files: Vec<String> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .chain(std::fs::read_dir(repo().join(dir).join("reviews")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            p.strip_prefix(repo())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert!(files.len() > 40, "{files:?}");
    for file in &files {
        let alone = decide(
            &repo(),
            &[
                "--dir", dir, "check", "--format", "concise", "--as-of", AS_OF, file,
            ],
        );
        let expected = by_file.get(file).cloned().unwrap_or_default();
        let found: Vec<String> = alone.stdout.lines().map(String::from).collect();
        assert_eq!(found, expected, "{file}");
        let failing = expected.iter().any(|l| l.contains("[error]"));
        assert_eq!(alone.code, i32::from(failing), "{file}: {}", alone.stderr);
    }
}

const LINKED: &str = "---\nid: 1\ntitle: Use LightGBM\nstatus: proposed\ndate: 2026-01-10\nowners: [ana]\nconsulted: [lee]\nsupersedes: [2]\nrelated: [9]\nalternatives:\n  - title: Logistic regression\n    rejected-because: AUC 0.71\n---\n## Context\n\nScores are too coarse.\n\n## Rationale\n\nBest AUC at equal latency.\n";

const SUPERSEDED: &str =
    "---\ntitle: Use logistic regression\nstatus: accepted\n---\n## Rationale\n\nTBD\n";

#[test]
fn a_file_checked_alone_is_judged_against_the_fields_of_the_others() {
    let dir = tempdir();
    let root = dir.path();
    write(root, "decisions/0001-use-lightgbm.md", LINKED);
    write(
        root,
        "decisions/0002-use-logistic-regression.md",
        SUPERSEDED,
    );
    // Its body is unfinished: reported when it is checked, not with 0001.
    write(
        root,
        "decisions/0004-same-id.md",
        "---\nid: 1\nstatus: proposed\n---\n# Same id\n\n## Rationale\n\n<!-- later -->\n",
    );
    let run = decide(
        root,
        &[
            "check",
            "--format",
            "concise",
            "--as-of",
            AS_OF,
            "decisions/0001-use-lightgbm.md",
        ],
    );
    assert_eq!(
        run.stdout,
        "decisions/0001-use-lightgbm.md:2:5: DL007 [error] id 0001 is also used by decisions/0004-same-id.md\n\
         decisions/0001-use-lightgbm.md:8:14: DL032 [warning] 0001 supersedes 0002, but 0002 does not name 0001 in `superseded-by`\n\
         decisions/0001-use-lightgbm.md:9:11: DL031 [error] `related` names 0009, which is not in the log\n"
    );
    assert_eq!(run.code, 1);

    let other = decide(
        root,
        &[
            "check",
            "--format",
            "concise",
            "--as-of",
            AS_OF,
            "decisions/0004-same-id.md",
        ],
    );
    assert!(
        other.stdout.contains(
            "decisions/0004-same-id.md:7:1: DL020 [error] the `Rationale` section is empty\n"
        ),
        "{}",
        other.stdout
    );
    assert!(
        other
            .stdout
            .lines()
            .all(|l| l.starts_with("decisions/0004-same-id.md:")),
        "{}",
        other.stdout
    );
}

#[test]
fn list_takes_a_title_from_the_heading_when_front_matter_has_none() {
    let dir = tempdir();
    let root = dir.path();
    write(
        root,
        "decisions/0001-atx.md",
        "---\nstatus: draft\n---\n<!-- a comment first -->\n\n# 1. Score nightly\n\n## Context\n",
    );
    write(
        root,
        "decisions/0002-setext.md",
        "---\nstatus: draft\ntitle:\n---\nRetrain monthly\n===============\n\nText.\n",
    );
    write(
        root,
        "decisions/0003-none.md",
        "---\nstatus: draft\n---\n## Only a section\n",
    );
    let run = decide(root, &["list", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "id,status,date,title,owners,decision-makers,model,tags,path\n\
         0001,draft,,Score nightly,,,,,decisions/0001-atx.md\n\
         0002,draft,,Retrain monthly,,,,,decisions/0002-setext.md\n\
         0003,draft,,,,,,,decisions/0003-none.md\n"
    );
}

#[test]
fn findings_quote_the_line_as_the_file_has_it_now() {
    let dir = tempdir();
    let root = dir.path();
    write(
        root,
        "decisions/0001-a.md",
        "\u{feff}---\r\nstatus: accepted\r\nonwers: [ana]\r\n---\r\n# A\r\n",
    );
    let run = decide(root, &["check", "--as-of", AS_OF]);
    assert!(
        run.stdout.contains(
            "warning[DL002]: unknown key `onwers` in a decision; did you mean `owners`?\n \
             --> decisions/0001-a.md:3:1\n  |\n3 | onwers: [ana]\n  | ^^^^^^\n"
        ),
        "{}",
        run.stdout
    );
}

/// Output written as it is produced (`check` in every format, `report` as
/// tables, Markdown and JSON) is what the same command writes to a file at once.
#[test]
fn streamed_output_is_what_the_file_output_holds() {
    let dir = tempdir();
    let log = "examples/churn-model/decisions";
    for format in [
        "human", "concise", "json", "sarif", "gitlab", "junit", "github",
    ] {
        let file = dir.path().join(format!("check.{format}"));
        let args = ["--dir", log, "check", "--format", format, "--as-of", AS_OF];
        let streamed = decide(&repo(), &args);
        let to_file = decide(
            &repo(),
            &[&args[..], &["--output-file", file.to_str().unwrap()]].concat(),
        );
        assert_eq!(streamed.code, to_file.code, "{format}");
        assert!(
            streamed.stdout.len() > 1000,
            "{format}: {}",
            streamed.stdout
        );
        assert_eq!(streamed.stdout, read(&file), "{format}");
    }
    for format in ["table", "markdown", "json"] {
        for quiet in [&[][..], &["--quiet"]] {
            let file = dir.path().join(format!("report.{format}"));
            let args = ["--dir", log, "report", "--format", format, "--as-of", AS_OF];
            let args = [&args[..], quiet].concat();
            let streamed = decide(&repo(), &args);
            let to_file = decide(
                &repo(),
                &[&args[..], &["--output", file.to_str().unwrap()]].concat(),
            );
            assert_eq!((streamed.code, to_file.code), (0, 0), "{}", streamed.stderr);
            assert!(streamed.stdout.len() > 1000, "{format}");
            assert_eq!(streamed.stdout, read(&file), "{format} {quiet:?}");
        }
    }
}

/// A reader that stops early (`decide check --format json | head`) ends
/// streamed output quietly: no error, the exit code of the findings.
#[test]
fn streamed_output_to_a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempdir();
    // Well over a pipe's buffer of findings, so the writer meets the closed end.
    for n in 1..=400 {
        write(
            dir.path(),
            &format!("decisions/{n:04}-a.md"),
            &format!("---\nid: {n}\ntitle: TBD\nstatus: accepted\n---\n# TBD\n"),
        );
    }
    let mut child = cmd(dir.path())
        .args(["check", "--format", "json", "--exit-zero", "--no-cache"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "{\n");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Output that cannot be written (a full disk) is an error, not a quiet
/// truncation: a message on stderr and exit code 2.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_disk_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = cmd(&repo())
        .args(["--dir", "examples/churn-model/decisions", "list"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot write the output: "),
        "{stderr}"
    );
}

/// The human format writes findings in blocks made in parallel: on a log
/// with thousands of findings (more than one window of blocks) it shows
/// every finding, in the order the concise format lists them, each with
/// its quoted line.
#[test]
fn many_findings_are_shown_in_order_in_the_human_format() {
    let dir = tempdir();
    for i in 1..=1500 {
        write(
            dir.path(),
            &format!("decisions/{i:04}-d.md"),
            &format!("---\nstatus: maybe {i}\ndate: 2026-02-30\nowners: [ana]\n---\n# D{i}\n"),
        );
    }
    let args = ["check", "--no-cache", "--as-of", AS_OF, "--format"];
    let concise = decide(dir.path(), &[&args[..], &["concise"]].concat());
    let human = decide(dir.path(), &[&args[..], &["human"]].concat());
    assert_eq!(concise.code, human.code);
    let listed: Vec<&str> = concise
        .stdout
        .lines()
        .filter_map(|l| l.split(": ").next())
        .filter(|place| place.starts_with("decisions/"))
        .collect();
    let shown: Vec<&str> = human
        .stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert!(listed.len() >= 3000, "{} findings", listed.len());
    assert_eq!(shown, listed);
    for i in [1, 700, 1500] {
        assert!(
            human.stdout.contains(&format!("2 | status: maybe {i}\n")),
            "{i}"
        );
    }
}
