//! Help and manuals (issue 10, point 7): the man page covers every
//! subcommand, exit status and environment; every `--help` shows the global
//! options under their own heading; `-q` silences notes; `config` from
//! inside the log folder; `renumber --dry-run` speaks in the conditional
//! (tests/renumber.rs).

use crate::common::*;

const SUBCOMMANDS: &[&str] = &[
    "init",
    "new",
    "review",
    "review new",
    "review list",
    "review show",
    "review attend",
    "graph",
    "config",
    "completions",
    "man",
    "list",
    "show",
    "check",
    "rules",
    "status",
    "supersede",
    "renumber",
    "feedback",
    "feedback resolve",
    "edit",
    "action",
    "action done",
    "action add",
    "action list",
    "report",
    "digest",
    "import",
];

#[test]
fn the_man_page_has_every_subcommand_exit_status_and_environment() {
    let dir = tempdir();
    let run = decide(dir.path(), &["man"]);
    assert_eq!(run.code, 0);
    let page = &run.stdout;
    for sub in SUBCOMMANDS {
        let heading = format!(".SH \"DECIDE {}\"\n", sub.to_uppercase());
        assert!(page.contains(&heading), "{heading}");
    }
    assert!(page.contains(".SH \"EXIT STATUS\"\n"));
    for name in [
        "DECIDE_DIR",
        "NO_COLOR",
        "VISUAL",
        "EDITOR",
        "GITHUB_ACTIONS",
    ] {
        assert!(page.contains(&format!("\\fB{name}\\fR")), "{name}");
    }
    // A subcommand's options are in its section.
    let resolve = &page[page.find(".SH \"DECIDE FEEDBACK RESOLVE\"").unwrap()..];
    let resolve = &resolve[..resolve[1..].find(".SH ").map_or(resolve.len(), |i| i + 1)];
    assert!(
        resolve.contains("When it was resolved (default: today)"),
        "{resolve}"
    );
    assert!(resolve.contains(".SS \"GLOBAL OPTIONS\""), "{resolve}");
}

#[test]
fn every_help_lists_the_global_options_under_their_own_heading() {
    let dir = tempdir();
    for sub in SUBCOMMANDS {
        let mut args: Vec<&str> = sub.split(' ').collect();
        args.push("--help");
        let run = decide(dir.path(), &args);
        assert_eq!(run.code, 0, "{sub}: {}", run.stderr);
        let global = run
            .stdout
            .find("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{sub}:\n{}", run.stdout));
        let after = &run.stdout[global..];
        for flag in ["--dir <DIR>", "--color <WHEN>", "-q, --quiet"] {
            assert!(after.contains(flag), "{sub}: {flag}\n{}", run.stdout);
        }
    }
}

#[test]
fn quiet_silences_notes_for_init_and_the_others() {
    let dir = tempdir();
    let run = decide(dir.path(), &["-q", "init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert!(dir.path().join("decisions/people.yaml").is_file());
    // `new` still prints the path: it is the answer, not a note.
    let run = decide(dir.path(), &["new", "A", "-q", "--no-input"]);
    assert_eq!(run.stdout, "decisions/0002-a.md\n");
    for args in [
        &[
            "feedback",
            "2",
            "--by",
            "product-lead",
            "--stance",
            "support",
            "-q",
        ][..],
        &[
            "action", "add", "2", "--owner", "ml-lead", "--note", "x", "-q",
        ],
        &[
            "review",
            "new",
            "R",
            "--kind",
            "check-in",
            "--decision",
            "2",
            "--date",
            "2026-03-04",
            "-q",
        ],
        &["list", "--status", "rejected", "-q"],
        &["status", "2", "draft", "-q"],
    ] {
        let run = decide(dir.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
        if args[0] != "review" {
            assert_eq!(run.stdout, "", "{args:?}");
        }
    }
}

#[test]
fn config_inside_the_log_folder_prints_the_folder_it_uses() {
    let dir = tempdir();
    git_init(dir.path());
    assert_eq!(decide(dir.path(), &["init", "-q"]).code, 0);
    let run = decide(&dir.path().join("decisions"), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("config file     ../decide.toml\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\ndir             .  (`dir` in ../decide.toml)\n"),
        "{}",
        run.stdout
    );
    let run = decide(&dir.path().join("decisions/reviews"), &["config"]);
    assert!(
        run.stdout.contains("\ndir             ..  ("),
        "{}",
        run.stdout
    );
    let run = decide(dir.path(), &["config"]);
    assert!(
        run.stdout.contains("\ndir             decisions  ("),
        "{}",
        run.stdout
    );
}
