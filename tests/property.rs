//! Property test: arbitrary bytes and mutated front matter through `check`,
//! `list`, `report` and the edit commands. Every run ends with exit code 0,
//! 1 or 2 (an error), never a panic, and an edit never changes the body.
//!
//! The commands run in-process through `decide::run`, as the binary runs
//! them, so that many cases fit in a few seconds.

use std::path::Path;

use clap::Parser;
use proptest::prelude::*;

use decide::cli::Cli;
use decide::context::NoPrompt;
use decide::record::source;
use decide::{Context, Output};

use crate::common::*;

/// Runs `decide ARGS` in `dir` in-process: the exit code it would give.
fn run(dir: &Path, args: &[&str]) -> (u8, Output) {
    let cli = Cli::try_parse_from(std::iter::once("decide").chain(args.iter().copied()))
        .expect("valid arguments");
    let mut ctx = Context {
        cwd: dir.to_path_buf(),
        global: cli.global.clone(),
        env_dir: None,
        env_config: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        interactive: false,
        stdout_tty: false,
        no_color: true,
        github_actions: false,
        editor: None,
        width: None,
        prompt: Box::new(NoPrompt),
    };
    match decide::run(cli.command, &mut ctx) {
        Ok(mut out) => {
            // Output streamed by the command is rendered here, as the binary would.
            out.stdout_text().expect("output renders");
            (out.code, out)
        }
        Err(_) => (2, Output::default()),
    }
}

/// Lines a front matter is built from: keys the rules read, written in
/// every way YAML allows, and some that are broken.
fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "title",
        "status",
        "date",
        "decided",
        "owners",
        "decision-makers",
        "consulted",
        "informed",
        "supersedes",
        "superseded-by",
        "related",
        "feedback",
        "actions",
        "alternatives",
        "revisit-by",
        "outcomes",
        "model",
        "tags",
        "x-team",
        "",
    ]);
    let value = prop::sample::select(vec![
        "",
        "1",
        "0003",
        "proposed",
        "accepted",
        "superseded by ADR-0002",
        "2026-02-30",
        "2026-01-01",
        "[ana, raj]",
        "[1, 2",
        "{by: lee, stance: veto}",
        "&a [x]",
        "*a",
        "*b",
        "|\n  block\n  text",
        ">-\n  folded",
        "\"quo\\\"ted\"",
        "'single'",
        "- a\n  - b",
        "\n  - by: lee\n    stance: support\n    note: \"x: y\"",
        "\n  - owner: ana\n    status: open",
        "!!binary aGk=",
        "~",
        "null",
        "99999999999999999999999",
        "\t tab",
        "a: b: c",
        "#",
        "\u{1b}]52;c;x\u{7}",
        "\u{202e}",
        "é — 日本",
    ]);
    let comment = prop::sample::select(vec!["", "  # note", " #", "#x"]);
    prop_oneof![
        4 => (key, value, comment).prop_map(|(k, v, c)| format!("{k}: {v}{c}")),
        1 => any::<String>().prop_map(|s| s.replace('\n', " ")),
        1 => prop::sample::select(vec!["---", "...", "  - x", "? k", ": v", "\r"]).prop_map(String::from),
    ]
}

fn record() -> impl Strategy<Value = Vec<u8>> {
    let body = prop::sample::select(vec![
        "# T\n\n## Rationale\n\nBecause.\n",
        "# T\n---\nstatus: draft\n---\n",
        "",
        "## Status\n\nAccepted\n",
        "<!-- x -->\n# ",
    ]);
    prop_oneof![
        6 => (prop::collection::vec(line(), 0..12), body, any::<bool>()).prop_map(|(lines, body, crlf)| {
            let mut text = format!("---\n{}\n---\n{body}", lines.join("\n"));
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text.into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..400),
        1 => any::<String>().prop_map(|s| format!("---\n{s}").into_bytes()),
    ]
}

/// The body of a record file, as the reader splits it.
fn body(text: &str) -> String {
    source::split(source::strip_bom(text)).body.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_record_gives_a_result_never_a_panic(first in record(), second in record()) {
        let dir = tempdir();
        let d = dir.path();
        std::fs::create_dir_all(d.join("decisions")).unwrap();
        let path = d.join("decisions/0003-a.md");
        std::fs::write(&path, &first).unwrap();
        std::fs::write(d.join("decisions/0002-b.md"), &second).unwrap();
        for args in [
            &["check"][..],
            &["check", "--format", "json"],
            &["list", "--format", "csv"],
            &["report"],
            &["report", "--format", "csv"],
            &["show", "3"],
        ] {
            let (code, _) = run(d, args);
            prop_assert!(code <= 2, "{:?} gave {}", args, code);
        }
        for args in [
            &["status", "3", "accepted", "--date", "2026-03-01"][..],
            &["feedback", "3", "--by", "lee", "--stance", "concern", "--note", "a: b, #c"],
            &["supersede", "2", "3"],
            &["action", "done", "3", "1"],
            &["check", "--fix"],
        ] {
            let before = std::fs::read(&path).unwrap();
            let (code, _) = run(d, args);
            prop_assert!(code <= 2, "{:?} gave {}", args, code);
            let after = std::fs::read(&path).unwrap();
            if after != before {
                let (before, after) = (String::from_utf8_lossy(&before), String::from_utf8_lossy(&after));
                prop_assert_eq!(body(&before), body(&after), "{:?} changed the body", args);
            }
        }
    }
}
