//! Adopting a log a team already keeps: `init`, `import`, a baseline, and
//! `check`, on the real logs in the corpus, each in its usual folder of a
//! temporary git repository, run as the README tells a team to.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

/// Each corpus and the folder its repository keeps it in (its README).
const CORPORA: &[(&str, &str)] = &[
    ("adr__madr", "docs/decisions"),
    ("thomvaill__log4brains", "docs/adr"),
    ("joshrotenberg__adrs", "doc/adr"),
    ("alphagov__govuk-aws", "docs/architecture/decisions"),
    ("hmrc__play-frontend-hmrc", "docs/maintainers/adr"),
];

/// Copies a corpus's files (not its `expected.tsv`) to `repo/folder`.
fn copy_corpus(name: &str, repo: &Path, folder: &str) {
    let dest = repo.join(folder);
    std::fs::create_dir_all(&dest).unwrap();
    for entry in std::fs::read_dir(corpus(name)).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "expected.tsv" {
            std::fs::copy(&path, dest.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// The commands of the README's "Coming from adr-tools / log4brains / MADR" block.
fn readme_commands() -> Vec<Vec<String>> {
    let readme = read(&repo().join("README.md"));
    let section = readme
        .split("## Coming from adr-tools / log4brains / MADR")
        .nth(1)
        .expect("the README has the section");
    let block = section
        .split("```console\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section starts with a console block");
    block
        .lines()
        .map(|l| {
            l.strip_prefix("$ decide ")
                .unwrap_or_else(|| panic!("not a decide command: {l}"))
                .split(' ')
                .map(String::from)
                .collect()
        })
        .collect()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Folders under `root` holding Markdown files named like records.
fn log_folders(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walk(root) {
        if entry.is_dir() {
            let records = std::fs::read_dir(&entry)
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.ends_with(".md") && n.starts_with(|c: char| c.is_ascii_digit())
                })
                .count();
            if records > 0 {
                out.push(entry);
            }
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() && entry.file_name() != ".git" {
            out.extend(walk(&path));
        }
    }
    out
}

#[test]
fn the_readme_commands_adopt_every_corpus_log_in_its_usual_folder() {
    let commands = readme_commands();
    assert_eq!(
        commands,
        [
            vec!["init"],
            vec!["import", "--from", "auto", "doc/adr"],
            vec!["check", "--write-baseline"],
            vec!["check"],
        ]
    );
    for (name, folder) in CORPORA {
        let tmp = tempdir();
        let repo = tmp.path();
        git_init(repo);
        copy_corpus(name, repo, folder);
        let before = log_folders(repo);

        let mut last = None;
        for command in &commands {
            // The README's example folder is doc/adr; a team types its own.
            let args: Vec<String> = command
                .iter()
                .map(|a| {
                    if a == "doc/adr" {
                        folder.to_string()
                    } else {
                        a.clone()
                    }
                })
                .collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = decide(repo, &args);
            if args[0] == "init" {
                // init prints the commands that follow, with the team's folder.
                assert!(
                    run.stdout
                        .contains(&format!("  decide import --from auto {folder}   # ")),
                    "{name}: {}",
                    run.stdout
                );
                assert!(
                    run.stdout.contains("  decide check --write-baseline   # "),
                    "{name}: {}",
                    run.stdout
                );
            }
            last = Some((args.join(" "), run));
            let (args, run) = last.as_ref().unwrap();
            assert!(
                run.code == 0,
                "{name}: `decide {args}` exited {}\n{}{}",
                run.code,
                run.stdout,
                run.stderr
            );
        }
        let (_, check) = last.unwrap();
        assert!(
            check.stdout.starts_with("No problems in "),
            "{name}: {}",
            check.stdout
        );
        assert!(
            check
                .stderr
                .contains("in the baseline (decide-baseline.json) left out"),
            "{name}: {}",
            check.stderr
        );

        // No second log, and no id used twice.
        assert_eq!(log_folders(repo), before, "{name}");
        assert!(!repo.join("decisions").exists(), "{name}");
        let all = decide(repo, &["check", "--no-baseline", "--format", "json"]);
        let diagnostics = json(&all.stdout)["diagnostics"].as_array().unwrap().clone();
        assert!(
            !diagnostics.is_empty(),
            "{name}: the baseline holds findings"
        );
        assert!(
            diagnostics
                .iter()
                .all(|d| d["code"] != "DL007" && d["code"] != "DL001"),
            "{name}: {}",
            all.stdout
        );
        let list = decide(repo, &["list", "--format", "json"]);
        let ids: Vec<String> = json(&list.stdout)
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].to_string())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{name}: {ids:?}");

        // A new, incomplete proposal fails check, with findings for it alone.
        let new = decide(
            repo,
            &[
                "new",
                "Score churn nightly",
                "--status",
                "proposed",
                "--no-input",
            ],
        );
        assert_eq!(new.code, 0, "{name}: {}", new.stderr);
        let new_path = new.stdout.trim().to_string();
        assert!(new_path.starts_with(folder), "{name}: {new_path}");
        let check = decide(repo, &["check", "--format", "json"]);
        assert_eq!(check.code, 1, "{name}: {}", check.stdout);
        let found = json(&check.stdout)["diagnostics"]
            .as_array()
            .unwrap()
            .clone();
        assert!(!found.is_empty());
        let paths: Vec<&str> = found.iter().map(|d| d["path"].as_str().unwrap()).collect();
        assert!(
            paths.iter().all(|p| *p == new_path),
            "{name}: {new_path} {paths:?}"
        );
    }
}

/// MADR's own log, checked as it is (no init, no import), in its usual
/// folder. Every finding is one a MADR user would agree with.
#[test]
fn madrs_own_log_as_it_is_gets_only_findings_a_madr_user_accepts() {
    let tmp = tempdir();
    let repo = tmp.path();
    git_init(repo);
    copy_corpus("adr__madr", repo, "docs/decisions");
    let run = decide(repo, &["check", "--format", "concise"]);
    // Warnings only: MADR's log passes `decide check` without --strict.
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let mut expected = Vec::new();
    // MADR 4's template has a `status` key and these records leave it out:
    // the log cannot say whether they were accepted. A MADR user reads the
    // same thing in them; decide counts them as `unknown` and says so, as
    // a warning, never an error.
    for file in [
        "0000-use-markdown-architectural-decision-records.md",
        "0001-use-CC0-or-MIT-as-license.md",
        "0002-do-not-use-numbers-in-headings.md",
    ] {
        expected.push(format!("docs/decisions/{file}:1:1: DL004 [warning] decision has no `status`; it counts as `unknown`"));
    }
    // 0003 is `on hold` (deferred). MADR's template has `date` and
    // `consulted`, and this record fills neither: true, and worth a warning.
    // `owners` is not a MADR key and no record here uses it, so DL011 is a
    // warning too (decisions/0014), telling what decide would need.
    expected.push("docs/decisions/0003-provide-own-madr-tools.md:4:1: DL004 [warning] deferred decision has no `date`".to_string());
    expected.push("docs/decisions/0003-provide-own-madr-tools.md:4:1: DL011 [warning] deferred decision has no `owners`".to_string());
    expected.push("docs/decisions/0003-provide-own-madr-tools.md:4:1: DL013 [warning] deferred decision consulted nobody".to_string());
    // `on hold` is a synonym, not one of the statuses: decide reads it as
    // `deferred` and says so, with a fix (`check --fix` writes `deferred`)
    // that a MADR user may take or leave; MADR allows any status word.
    expected.push("docs/decisions/0003-provide-own-madr-tools.md:4:9: DL005 [warning] status `on hold` is read as `deferred`".to_string());
    // The rest state no status either, as above.
    for file in [
        "0004-write-own-toc-tool.md",
        "0005-use-dashes-in-filenames.md",
        "0006-use-names-as-identifier.md",
        "0007-do-not-emphasize-line-headings.md",
        "0008-add-status-field.md",
        "0009-support-links-between-adrs-inside-an-adrs.md",
        "0010-support-categories.md",
        "0011-use-asterisk-as-list-marker.md",
        "0012-use-curly-braces-to-denote-placeholder.md",
        "0013-use-yaml-front-matter-for-meta-data.md",
        "0014-allow-neutral-arguments.md",
        "0015-include-consulting-informed-of-raci.md",
        "0016-outcome-before-detailed-pros-cons.md",
        "0017-use-same-format-for-outcomes-and-options.md",
        "0018-use-confirmation-as-heading.md",
    ] {
        expected.push(format!("docs/decisions/{file}:1:1: DL004 [warning] decision has no `status`; it counts as `unknown`"));
    }
    // Not here: `adr-template.md` (MADR's template, not a stray) and
    // `index.md`; no DL002 for MADR's own keys (`parent`, `nav_order`).
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines, expected, "{}", run.stdout);
}

/// `accepted; supersedes ADR-0045`, as SPEC §7 quotes it, read by list,
/// check and report without an import.
#[test]
fn compound_madr_statuses_are_read_natively() {
    let tmp = tempdir();
    let repo = tmp.path();
    write(
        repo,
        "docs/decisions/0045-use-kafka.md",
        "---\nstatus: superseded\nsuperseded-by: [46]\n---\n# Use Kafka\n",
    );
    write(
        repo,
        "docs/decisions/0046-use-pulsar.md",
        "---\nstatus: accepted; supersedes ADR-0045\n---\n# Use Pulsar\n",
    );
    let list = decide(repo, &["list", "--format", "csv"]);
    assert!(list.stdout.contains("46,accepted,"), "{}", list.stdout);
    let check = decide(repo, &["check", "--format", "concise"]);
    assert!(!check.stdout.contains("DL005"), "{}", check.stdout);
    // The link is read: 0045 names 0046 back, so no one-sided link.
    assert!(!check.stdout.contains("DL032"), "{}", check.stdout);
    let graph = decide(repo, &["graph"]);
    assert!(
        graph.stdout.contains("  d46 -->|supersedes| d45\n"),
        "{}",
        graph.stdout
    );
    let report = decide(
        repo,
        &["report", "--format", "json", "--as-of", "2026-03-01"],
    );
    assert_eq!(report.code, 0, "{}", report.stderr);
    let counts = &json(&report.stdout)["counts"]["by_status"];
    assert_eq!(
        counts,
        &serde_json::json!({ "accepted": 1, "superseded": 1 }),
        "{}",
        report.stdout
    );
}

#[test]
fn init_adopts_the_nearest_log_and_says_which() {
    let tmp = tempdir();
    let repo = tmp.path();
    git_init(repo);
    let nygard = |n: u32, title: &str| {
        format!(
            "# {n}. {title}\n\nDate: 2024-03-0{n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nDo it, said ana and raj.\n"
        )
    };
    for n in 1..=3 {
        write(
            repo,
            &format!("architecture/decisions/{n:04}-a{n}.md"),
            &nygard(n, "A"),
        );
    }
    // Numbered chapters of a manual, nearer than either log, are no log.
    for n in 1..=5 {
        write(
            repo,
            &format!("manual/{n:02}-chapter.md"),
            "# Chapter\n\nHow to install.\n",
        );
    }
    for n in 1..=4 {
        write(
            repo,
            &format!("services/api/docs/adr/{n:04}-b{n}.md"),
            &nygard(n, "B"),
        );
    }
    let run = decide(repo, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "adopting the existing log in architecture/decisions: 3 records, found in the repository; the nearest of 2 logs, also services/api/docs/adr (4 records): pass --dir to adopt another\n\
             created decide.toml\n\
             created architecture/decisions/charter.md\n\
             created architecture/decisions/people.yaml\n\
             created architecture/decisions/0004-record-decisions-in-a-decision-log.md\n"
        ),
        "{}",
        run.stdout
    );
    assert!(read(&repo.join("decide.toml")).contains("dir = \"architecture/decisions\""));
    assert!(!repo.join("decisions").exists());
    // Run again: the log is set up; nothing is overwritten or added.
    let again = decide(repo, &["init"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
}

#[test]
fn init_with_dir_next_to_an_existing_record_takes_the_next_id() {
    let tmp = tempdir();
    let repo = tmp.path();
    git_init(repo);
    write(
        repo,
        "doc/adr/0001-record-architecture-decisions.md",
        "---\nstatus: accepted\ndate: 2024-01-02\ndecided: 2024-01-02\nowners: [ana]\ndecision-makers: [raj]\nconsulted: [product]\n---\n# Record architecture decisions\n",
    );
    let run = decide(repo, &["init", "--dir", "doc/adr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // doc/adr is found by default: no decide.toml is needed.
    assert!(!repo.join("decide.toml").exists(), "{}", run.stdout);
    assert!(
        repo.join("doc/adr/0002-record-decisions-in-a-decision-log.md")
            .is_file()
    );
    assert!(
        run.stdout.contains(
            "created doc/adr/people.yaml (2 names the log uses, roles left for the team to fill in)\n"
        ),
        "{}",
        run.stdout
    );
    let people = read(&repo.join("doc/adr/people.yaml"));
    for name in ["ana: { roles: [] }", "raj: { roles: [] }"] {
        assert!(people.contains(name), "{people}");
    }
    // `product` is already a group in the built-in registry.
    assert!(!people.contains("product: { roles"), "{people}");
    let check = decide(repo, &["check", "--format", "concise"]);
    assert!(!check.stdout.contains("DL010"), "{}", check.stdout);
    assert!(!check.stdout.contains("DL007"), "{}", check.stdout);
}

#[test]
fn records_named_adr_nn_are_named_in_a_finding_and_imported_with_a_slug() {
    let tmp = tempdir();
    let repo = tmp.path();
    write(
        repo,
        "doc/adr/adr-01.md",
        "# ADR 1: Use React\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nA UI.\n",
    );
    write(
        repo,
        "doc/adr/ADR-002-use-vite.md",
        "# ADR 2: Use Vite\n\nDate: 2024-01-03\n\n## Status\n\nRejected\n",
    );
    let list = decide(repo, &["list"]);
    assert_eq!(list.stdout, "");
    assert_eq!(
        list.stderr,
        "no decisions match\nnote: 2 named like records, but `decide` reads no id from doc/adr/ADR-002-use-vite.md, doc/adr/adr-01.md: `decide import --from auto doc/adr` renames them\n"
    );
    // `NNNN_slug.md` is read as it is.
    write(
        repo,
        "doc/adr/0003_use-npm.md",
        "---\nstatus: draft\n---\n# Use npm\n",
    );
    let list = decide(repo, &["list", "--format", "csv"]);
    assert!(list.stdout.contains("3,draft,"), "{}", list.stdout);
    let check = decide(repo, &["check", "--format", "concise"]);
    assert!(
        check.stdout.contains(
            "doc/adr/adr-01.md:1:1: DL050 [warning] named like a record, but `decide` reads no id from `adr-01.md`\n"
        ),
        "{}",
        check.stdout
    );

    // Into another folder, the new name is the same.
    let elsewhere = decide(
        repo,
        &["import", "--dry-run", "--dir", "decisions", "doc/adr"],
    );
    assert!(
        elsewhere
            .stdout
            .contains("would import doc/adr/adr-01.md → decisions/0001-use-react.md (accepted)\n"),
        "{}",
        elsewhere.stdout
    );

    let run = decide(repo, &["import", "--from", "auto", "doc/adr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "converted doc/adr/adr-01.md and renamed it doc/adr/0001-use-react.md (accepted)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!repo.join("doc/adr/adr-01.md").exists());
    assert_eq!(
        read(&repo.join("doc/adr/0001-use-react.md")),
        "---\ntitle: Use React\nstatus: accepted\ndate: 2024-01-02\ndecided: 2024-01-02\n---\n# ADR 1: Use React\n\n## Context\n\nA UI.\n"
    );
    assert!(
        read(&repo.join("doc/adr/0002-use-vite.md"))
            .contains("status: rejected\ndate: 2024-01-03\ndecided: 2024-01-03\n")
    );
    let list = decide(repo, &["list", "--format", "csv"]);
    assert_eq!(list.stdout.lines().count(), 4, "{}", list.stdout);

    // A rename never makes two records share an id.
    write(
        repo,
        "doc/adr/adr-2.md",
        "# ADR 2: Use Rollup
",
    );
    let clash = decide(repo, &["import", "--from", "auto", "doc/adr"]);
    assert_eq!(clash.code, 1, "{}", clash.stdout);
    assert!(
        clash.stderr.contains(
            "error: not imported: doc/adr/adr-2.md: would take id 0002, which doc/adr/0002-use-vite.md already has; renumber one of them first\n"
        ),
        "{}",
        clash.stderr
    );
    assert!(repo.join("doc/adr/adr-2.md").is_file());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_unreadable_file_in_an_import_source_is_skipped_and_the_rest_imports() {
    let tmp = tempdir();
    let repo = tmp.path();
    let record = "# 1. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n";
    write(repo, "old/0001-use-x.md", record);
    write(repo, "old/0003-secret.md", record);
    let fifo = repo.join("old/0002-pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    use std::os::unix::fs::PermissionsExt;
    let secret = repo.join("old/0003-secret.md");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&secret).is_ok(); // true when the tests run as root

    let run = decide(repo, &["import", "old", "--dir", "decisions"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "error: not imported: old/0002-pipe.md: not a regular file (a FIFO, socket or device); not read\n"
        ),
        "{}",
        run.stderr
    );
    if !readable {
        assert!(
            run.stderr
                .contains("error: not imported: old/0003-secret.md: cannot read: "),
            "{}",
            run.stderr
        );
    }
    assert!(
        repo.join("decisions/0001-use-x.md").is_file(),
        "{}",
        run.stdout
    );
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn the_baseline_survives_moved_lines_reports_new_and_stale_findings() {
    let tmp = tempdir();
    let repo = tmp.path();
    write(
        repo,
        "decide.toml",
        "dir = \"log\"\nbaseline = \"ci/known-findings.json\"\n",
    );
    let proposed = "---\nstatus: proposed\ndate: 2999-01-01\nowners: [ana]\nconsulted: [lee]\n---\n# Score nightly\n\n## Context\n\nWhy.\n\n## Rationale\n\nBecause.\n";
    write(repo, "log/0001-a.md", proposed);
    write(
        repo,
        "log/0002-b.md",
        &proposed.replace("owners: [ana]\n", ""),
    );
    std::fs::create_dir_all(repo.join("ci")).unwrap();

    let all = decide(repo, &["check", "--format", "concise"]);
    assert_eq!(all.code, 1);
    let wrote = decide(repo, &["check", "--write-baseline"]);
    assert_eq!(wrote.code, 0, "{}", wrote.stderr);
    let count = all.stdout.lines().count();
    assert!(
        wrote.stdout.starts_with(&format!(
            "wrote {count} findings to ci/known-findings.json\n"
        )),
        "{}",
        wrote.stdout
    );
    let file = json(&read(&repo.join("ci/known-findings.json")));
    assert_eq!(file["schema_version"], 1);
    assert!(file["findings"][0].get("line").is_none(), "{file}");

    let clean = decide(repo, &["check"]);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, "No problems in 2 files.\n")
    );
    assert_eq!(
        clean.stderr,
        format!(
            "note: {count} findings in the baseline (ci/known-findings.json) left out; `--no-baseline` shows them\n"
        )
    );

    // Lines move (a key added above), one old finding is fixed (0002 gets an
    // owner), one new one appears (0001 loses its rationale).
    write(
        repo,
        "log/0002-b.md",
        &proposed.replace("date:", "tags: [x]\ndate:"),
    );
    write(
        repo,
        "log/0001-a.md",
        &proposed
            .replace("date:", "model: churn\ndate:")
            .replace("Because.\n", ""),
    );
    let now = decide(repo, &["check", "--format", "concise"]);
    assert_eq!(now.code, 1);
    assert_eq!(
        now.stdout,
        "log/0001-a.md:14:1: DL020 [error] the `Rationale` section is empty\n"
    );
    assert!(
        now.stderr.contains("note: 1 baseline entry is no longer found (fixed): `decide check --write-baseline` drops it\n  log/0002-b.md: DL011 "),
        "{}",
        now.stderr
    );
    let everything = decide(repo, &["check", "--no-baseline", "--format", "concise"]);
    assert_eq!(
        everything.stdout.lines().count(),
        count,
        "{}",
        everything.stdout
    );
    assert_eq!(everything.stderr, "");

    // SARIF: the baselined results are left out, the new one is marked new.
    let sarif = json(&decide(repo, &["check", "--format", "sarif"]).stdout);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["baselineState"], "new");
    assert_eq!(results[0]["ruleId"], "DL020");

    // Written again, the fixed finding leaves the file and the new one joins it.
    let rewrote = decide(repo, &["check", "--write-baseline"]);
    assert!(
        rewrote.stdout.starts_with(&format!(
            "wrote {count} findings to ci/known-findings.json (it held {count})\n"
        )),
        "{}",
        rewrote.stdout
    );
    let text = read(&repo.join("ci/known-findings.json"));
    assert!(
        !text.contains("0002-b.md\",\n      \"code\": \"DL011"),
        "{text}"
    );
    assert!(text.contains("\"code\": \"DL020\""), "{text}");

    // Stale entries are printed, but no control character in them reaches the terminal.
    write(
        repo,
        "ci/known-findings.json",
        "{\"schema_version\": 1, \"findings\": [{\"path\": \"log/0009-x.md\", \"code\": \"DL011\", \"message\": \"\\u001b]2;owned\\u0007 no owners\", \"count\": 1}]}\n",
    );
    let stale = decide(repo, &["check", "--format", "concise"]);
    assert!(
        stale
            .stderr
            .contains("  log/0009-x.md: DL011  ]2;owned  no owners\n"),
        "{:?}",
        stale.stderr
    );
    assert!(!stale.stderr.contains('\u{1b}'));

    // A baseline that is not one is an error, not silence.
    write(repo, "ci/known-findings.json", "[1, 2]\n");
    let bad = decide(repo, &["check"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("not a decide baseline"),
        "{}",
        bad.stderr
    );
}
