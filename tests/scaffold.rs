//! `decide init`, `decide new` and `decide review new`: the files they write.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;

fn init(dir: &Path) {
    let run = decide(dir, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn md_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n.as_bytes()[0].is_ascii_digit())
        .collect();
    names.sort();
    names
}

#[test]
fn init_creates_the_log_and_refuses_to_overwrite() {
    let dir = tempdir();
    let run = decide(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().take(4).collect::<Vec<_>>(),
        [
            "created decide.toml",
            "created decisions/charter.md",
            "created decisions/people.yaml",
            "created decisions/0001-record-decisions-in-a-decision-log.md",
        ]
    );
    assert!(read(&dir.path().join("decide.toml")).contains("dir = \"decisions\""));
    assert!(dir.path().join("decisions/reviews").is_dir());
    let first = read(
        &dir.path()
            .join("decisions/0001-record-decisions-in-a-decision-log.md"),
    );
    assert!(first.contains("status: accepted"));
    assert!(first.contains("ref: decisions/charter.md"));

    let list = decide(dir.path(), &["list", "--format", "csv"]);
    assert!(list.stdout.contains("1,accepted,"), "{}", list.stdout);
    // A new log passes its own checks, warnings included.
    let check = decide(dir.path(), &["check", "--strict", "--format", "concise"]);
    assert_eq!(
        (check.code, check.stdout.as_str()),
        (0, ""),
        "{}",
        check.stderr
    );

    let before = read(&dir.path().join("decisions/charter.md"));
    std::fs::write(dir.path().join("decisions/charter.md"), "mine\n").unwrap();
    let again = decide(dir.path(), &["init"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
    assert_eq!(read(&dir.path().join("decisions/charter.md")), "mine\n");
    assert_ne!(before, "mine\n");
}

#[test]
fn init_with_dir_and_date_scheme() {
    let dir = tempdir();
    let run = decide(
        dir.path(),
        &["init", "--dir", "docs/adr", "--scheme", "date"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&dir.path().join("decide.toml")).contains("scheme = \"date\""));
    let new = decide(dir.path(), &["new", "Use feature store", "--no-input"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let path = new.stdout.trim();
    assert!(
        path.starts_with("docs/adr/") && path.ends_with("-use-feature-store.md"),
        "{path}"
    );
    let stem = &path["docs/adr/".len()..path.len() - 3];
    assert_eq!(stem.len(), "2026-01-01-use-feature-store".len());
    // The same title the same day gets a distinct file.
    let again = decide(dir.path(), &["new", "Use feature store", "--no-input"]);
    assert!(
        again.stdout.trim().ends_with("-use-feature-store-2.md"),
        "{}",
        again.stdout
    );
}

#[test]
fn new_fills_the_template_from_flags() {
    let dir = tempdir();
    init(dir.path());
    let run = decide(
        dir.path(),
        &[
            "new",
            "Retrain the churn model monthly",
            "--owner",
            "ana",
            "--owner",
            "raj",
            "--decision-maker",
            "mei",
            "--consulted",
            "product",
            "--status",
            "proposed",
            "--model",
            "churn",
            "--no-input",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "decisions/0002-retrain-the-churn-model-monthly.md\n"
    );
    let text = read(
        &dir.path()
            .join("decisions/0002-retrain-the-churn-model-monthly.md"),
    );
    assert!(
        text.starts_with("---\ntitle: Retrain the churn model monthly\nstatus: proposed\ndate: "),
        "{text}"
    );
    assert!(text.contains("\nmodel: churn\nowners: [ana, raj]\nproposed-by: [ana, raj]\ndecision-makers: [mei]\nconsulted: [product]\n"));
    assert!(text.contains("\n# Retrain the churn model monthly\n"));
    assert!(
        text.contains("## Rationale\n\n<!--"),
        "template hints are HTML comments"
    );
    let show = decide(dir.path(), &["show", "2"]);
    assert!(
        show.stdout.contains("owners          ana, raj"),
        "{}",
        show.stdout
    );
}

#[test]
fn new_rejects_a_bad_status_and_unknown_supersedes() {
    let dir = tempdir();
    init(dir.path());
    let run = decide(dir.path(), &["new", "X", "--status", "maybe", "--no-input"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--status `maybe` is not one of: draft, proposed"),
        "{}",
        run.stderr
    );
    let run = decide(dir.path(), &["new", "X", "--supersedes", "9", "--no-input"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no decision with id 9"));
    assert_eq!(
        md_names(&dir.path().join("decisions")).len(),
        1,
        "nothing was written"
    );
}

#[test]
fn hostile_titles_stay_inside_the_log() {
    let dir = tempdir();
    init(dir.path());
    let long = "a".repeat(500);
    for title in [
        "../../etc/passwd",
        long.as_str(),
        "🚀🔥✨",
        "/abs/path",
        "CON",
        "..",
        "a\\b:c*d?e",
    ] {
        let run = decide(dir.path(), &["new", title, "--no-input"]);
        assert_eq!(run.code, 0, "{title}: {}", run.stderr);
        let rel = run.stdout.trim();
        assert!(
            rel.starts_with("decisions/") && !rel[10..].contains('/'),
            "{title} -> {rel}"
        );
        let name = &rel["decisions/".len()..];
        assert!(name.len() <= 4 + 1 + 60 + 3, "{name}");
        assert!(
            name[..name.len() - 3]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name}"
        );
        // The record keeps the real title.
        let text = read(&dir.path().join(rel));
        let listed = decide(dir.path(), &["show", &name[..4]]);
        // `show` wraps a long title to the width, so compare without spaces.
        let squeezed = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            squeezed(&listed.stdout).contains(&squeezed(title)),
            "{title}: {}\n{text}",
            listed.stdout
        );
    }
    assert!(!dir.path().join("etc").exists());
    assert_eq!(
        md_names(&dir.path().join("decisions"))[1..4],
        [
            "0002-etc-passwd.md".to_string(),
            format!("0003-{}.md", "a".repeat(60)),
            "0004-rocket-fire-sparkles.md".to_string()
        ]
    );
}

#[test]
fn twenty_concurrent_new_give_twenty_distinct_records() {
    let dir = tempdir();
    init(dir.path());
    let children: Vec<_> = (0..20)
        .map(|i| {
            cmd(dir.path())
                .args([
                    "new",
                    &format!("Concurrent decision {}", i % 3),
                    "--no-input",
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut paths = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        paths.insert(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    assert_eq!(paths.len(), 20);
    let names = md_names(&dir.path().join("decisions"));
    assert_eq!(names.len(), 21);
    let ids: BTreeSet<u64> = names.iter().map(|n| n[..4].parse().unwrap()).collect();
    assert_eq!(ids, (1..=21).collect(), "every number used once: {names:?}");
    assert!(!dir.path().join("decisions/.decide.lock").exists());
}

#[test]
fn next_number_counts_the_upstream_branch() {
    let upstream = tempdir();
    let clone = tempdir();
    init(upstream.path());
    git_init(upstream.path());
    write(
        upstream.path(),
        "decisions/0007-made-on-main.md",
        "---\nstatus: draft\n---\n# On main\n",
    );
    git(upstream.path(), &["add", "-A"]);
    git(upstream.path(), &["commit", "-qm", "log"]);
    git(
        clone.path(),
        &["clone", "-q", upstream.path().to_str().unwrap(), "work"],
    );
    let work = clone.path().join("work");
    git(&work, &["checkout", "-qb", "feature"]);
    std::fs::remove_file(work.join("decisions/0007-made-on-main.md")).unwrap();
    // Upstream gets another record after the clone: not visible without fetch, so 0007 is the max.
    let run = decide(&work, &["new", "On my branch", "--no-input"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), "decisions/0008-on-my-branch.md");
}

#[test]
fn new_prompts_on_a_terminal_only() {
    // Without a terminal nothing is asked, even with input available.
    let dir = tempdir();
    init(dir.path());
    let mut child = cmd(dir.path())
        .args(["new", "No prompts here"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"ana\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    let text = read(&dir.path().join("decisions/0002-no-prompts-here.md"));
    assert!(text.contains("owners: []"));
}

#[test]
fn edit_opens_the_editor_on_the_new_file() {
    let dir = tempdir();
    init(dir.path());
    let script = write(
        dir.path(),
        "fake-editor.sh",
        "#!/bin/sh\necho 'edited by editor' >> \"$1\"\n",
    );
    let run = run(cmd(dir.path())
        .env("VISUAL", format!("sh {}", script.display()))
        .args(["new", "Edit me", "--no-input", "--edit"]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&dir.path().join("decisions/0002-edit-me.md")).ends_with("edited by editor\n"));
    let run = decide(dir.path(), &["new", "No editor", "--no-input", "--edit"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("$VISUAL or $EDITOR"), "{}", run.stderr);
}

#[test]
fn log_templates_override_the_built_in_ones() {
    let dir = tempdir();
    init(dir.path());
    write(
        dir.path(),
        "decisions/templates/decision.md",
        "---\ntitle: {{title}}\nstatus: {{status}}\nx-team: fraud\n---\n# {{id}}: {{title}}\n",
    );
    let run = decide(dir.path(), &["new", "Custom", "--no-input"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&dir.path().join("decisions/0002-custom.md")),
        "---\ntitle: Custom\nstatus: draft\nx-team: fraud\n---\n# 0002: Custom\n"
    );
}

#[test]
fn review_new_scaffolds_under_reviews() {
    let dir = tempdir();
    init(dir.path());
    let run = decide(
        dir.path(),
        &[
            "review",
            "new",
            "Q1 milestone review",
            "--kind",
            "milestone",
            "--decision",
            "1",
            "--date",
            "2026-03-04",
            "--facilitator",
            "mei",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "decisions/reviews/2026-03-04-q1-milestone-review.md\n"
    );
    let text = read(
        &dir.path()
            .join("decisions/reviews/2026-03-04-q1-milestone-review.md"),
    );
    assert!(
        text.starts_with(
            "---\nkind: milestone\ntitle: Q1 milestone review\ndate: 2026-03-04\nfacilitator: mei\n"
        ),
        "{text}"
    );
    assert!(text.contains("decisions: [1]\nagenda: []"));

    let run = decide(
        dir.path(),
        &[
            "review",
            "new",
            "Labeling cost",
            "--kind",
            "async",
            "--date",
            "2026-03-04",
        ],
    );
    let text = read(&dir.path().join(run.stdout.trim()));
    assert!(
        text.contains("kind: async\n") && text.contains("respond-by: 2026-03-09\n"),
        "charter response-days 5: {text}"
    );

    let run = decide(
        dir.path(),
        &["review", "new", "X", "--kind", "retro", "--decision", "42"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no decision with id 42"));
    let show = decide(dir.path(), &["show", "1"]);
    assert!(
        show.stdout
            .contains("Discussed in\n  2026-03-04  milestone  Q1 milestone review"),
        "{}",
        show.stdout
    );
}

#[test]
fn new_supersedes_links_both_records() {
    let dir = tempdir();
    init(dir.path());
    let old_path = dir
        .path()
        .join("decisions/0001-record-decisions-in-a-decision-log.md");
    let before = read(&old_path);
    let run = decide(
        dir.path(),
        &[
            "new",
            "Keep the log in docs instead",
            "--supersedes",
            "1",
            "--no-input",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "decisions/0002-keep-the-log-in-docs-instead.md\n"
    );
    // Both records are linked at once, but 0001 stays in force until 0002
    // is accepted.
    assert!(
        run.stderr.contains("0001: superseded-by + 0002")
            && run.stderr.contains(
                "note: 0001 stays accepted until 0002 is accepted (`decide status 2 accepted`)"
            ),
        "{}",
        run.stderr
    );
    let new_text = read(
        &dir.path()
            .join("decisions/0002-keep-the-log-in-docs-instead.md"),
    );
    assert!(new_text.contains("\nsupersedes: [1]\n"), "{new_text}");
    let linked = before.replace("tags: [process]\n", "tags: [process]\nsuperseded-by: [2]\n");
    assert_eq!(read(&old_path), linked);
    let listed = decide(
        dir.path(),
        &["list", "--status", "accepted", "--format", "csv"],
    );
    assert!(
        listed.stdout.contains("\n0001,accepted,"),
        "{}",
        listed.stdout
    );

    // Accepting 0002 marks 0001 superseded, and says so.
    let run = decide(
        dir.path(),
        &["status", "2", "accepted", "--date", "2026-03-20", "--force"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "0002: status draft → accepted, decided 2026-03-20, status-history + accepted 2026-03-20\n0001: status accepted → superseded, status-history + superseded 2026-03-20\n"
    );
    assert_eq!(
        read(&old_path),
        linked.replace("status: accepted", "status: superseded").replace(
            "superseded-by: [2]\n",
            "superseded-by: [2]\nstatus-history:\n  - status: superseded\n    date: 2026-03-20\n"
        )
    );
    let show = decide(dir.path(), &["show", "1"]);
    assert!(
        show.stdout
            .contains("superseded by   0002 (Keep the log in docs instead)"),
        "{}",
        show.stdout
    );
}
