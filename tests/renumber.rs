//! `decide renumber OLD NEW`: the renamed file and every file that refers
//! to it are compared byte for byte before and after, so anything changed
//! beyond the numbers fails a test; refusals and failed writes must leave
//! every file of the log as it was, temporary files included.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::common::*;

/// The record to renumber: a zero-padded `id` with a comment.
const D12: &str = "---
# Cadence of retraining
id: 0012   # kept in step with the file name
title: Retrain the churn model monthly
status: accepted
supersedes: [7]
---
# Retrain the churn model monthly

Replaces [weekly retraining](0007-retrain-weekly.md).
";

/// A block list with a comment, and numbers that merely contain 12.
const D7: &str = "---
status: superseded
superseded-by:
  - 12   # monthly is enough
related: [112, 120, 5]
---
# Retrain weekly

Superseded by [monthly retraining](0012-retrain-monthly.md).
";

/// A flow list, an ADR-style quoted single value, and 12 in free text.
const D20: &str = "---
status: proposed
supersedes: [5, 12]  # both cadences
related: \"ADR-0012\"
x-note: decision 12 is about cadence
---
# Score nightly

Decision 12 sets the cadence.
";

/// MADR with CRLF line endings and a byte-order mark: the successor in the
/// status sentence, and two ids in one value.
const D21: &str = "\u{feff}---\r\nstatus: superseded by ADR-0012\r\nrelated: 12, 14 # from the MADR export\r\ndeciders: [ana]\r\n---\r\n# Use a feature store\r\n";

/// Refers to nothing that changes.
const D14: &str = "---
status: accepted
related: [21]
---
# Monitor drift

Mentions 12 only in prose.
";

/// A retrospective: a block `decisions` list, `on:` in a block feedback
/// item, a quoted outcome decision, and items about another decision.
const RETRO: &str = "---
kind: retro
date: 2026-03-04
decisions:
  - 12
  - 14
feedback:
  - by: lee
    on: 12   # at the meeting
    stance: support
  - {by: raj, on: 14, stance: concern}
outcomes:
  - decision: '0012'
    metric: drift-psi
    value: 0.08
  - decision: 14
    metric: drift-psi
    value: 0.2
---
# Q1 retrospective
";

/// An async request: flow `decisions` and `on:` inside a flow mapping.
const ASYNC: &str = "---
kind: async
date: 2026-03-10
decisions: [12, 20]
feedback: [{by: mei, on: 12, stance: support}]
---
# Cost of monthly retraining
";

const D12_AFTER: &str = "---
# Cadence of retraining
id: 0013   # kept in step with the file name
title: Retrain the churn model monthly
status: accepted
supersedes: [7]
---
# Retrain the churn model monthly

Replaces [weekly retraining](0007-retrain-weekly.md).
";

const D7_AFTER: &str = "---
status: superseded
superseded-by:
  - 13   # monthly is enough
related: [112, 120, 5]
---
# Retrain weekly

Superseded by [monthly retraining](0012-retrain-monthly.md).
";

const D20_AFTER: &str = "---
status: proposed
supersedes: [5, 13]  # both cadences
related: \"ADR-0013\"
x-note: decision 12 is about cadence
---
# Score nightly

Decision 12 sets the cadence.
";

const D21_AFTER: &str = "\u{feff}---\r\nstatus: superseded by ADR-0013\r\nrelated: 13, 14 # from the MADR export\r\ndeciders: [ana]\r\n---\r\n# Use a feature store\r\n";

const RETRO_AFTER: &str = "---
kind: retro
date: 2026-03-04
decisions:
  - 13
  - 14
feedback:
  - by: lee
    on: 13   # at the meeting
    stance: support
  - {by: raj, on: 14, stance: concern}
outcomes:
  - decision: '0013'
    metric: drift-psi
    value: 0.08
  - decision: 14
    metric: drift-psi
    value: 0.2
---
# Q1 retrospective
";

const ASYNC_AFTER: &str = "---
kind: async
date: 2026-03-10
decisions: [13, 20]
feedback: [{by: mei, on: 13, stance: support}]
---
# Cost of monthly retraining
";

/// What `--dry-run` prints for `plan`: what it would do, not what it did.
fn dry(plan: &str) -> String {
    plan.lines()
        .map(|l| match l.strip_prefix("renamed ") {
            Some(rest) => format!("would rename {rest}\n"),
            None => format!("would change {l}\n"),
        })
        .collect()
}

const PLAN: &str = "\
renamed decisions/0012-retrain-monthly.md → decisions/0013-retrain-monthly.md
decisions/0013-retrain-monthly.md: id 12 → 13
decisions/0007-retrain-weekly.md: superseded-by 12 → 13
decisions/0020-score-nightly.md: supersedes 12 → 13
decisions/0020-score-nightly.md: related 12 → 13
decisions/0021-use-feature-store.md: status 12 → 13
decisions/0021-use-feature-store.md: related 12 → 13
decisions/reviews/2026-03-04-q1-retro.md: decisions 12 → 13
decisions/reviews/2026-03-04-q1-retro.md: feedback on 12 → 13
decisions/reviews/2026-03-04-q1-retro.md: outcome decision 12 → 13
decisions/reviews/2026-03-10-async.md: decisions 12 → 13
decisions/reviews/2026-03-10-async.md: feedback on 12 → 13
";

const LINK_NOTE: &str = "note: decisions/0007-retrain-weekly.md:9: names the file 0012-retrain-monthly.md; text is not changed, so update that link by hand\n";

fn log() -> tempfile::TempDir {
    let dir = tempdir();
    let d = dir.path();
    write(d, "decisions/0012-retrain-monthly.md", D12);
    write(d, "decisions/0007-retrain-weekly.md", D7);
    write(d, "decisions/0020-score-nightly.md", D20);
    write(d, "decisions/0021-use-feature-store.md", D21);
    write(d, "decisions/0014-monitor-drift.md", D14);
    write(d, "decisions/reviews/2026-03-04-q1-retro.md", RETRO);
    write(d, "decisions/reviews/2026-03-10-async.md", ASYNC);
    dir
}

/// Every file under `dir` (hidden ones too) with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            // `decide check`'s cache (git-ignored) is no file of the log.
            if path.ends_with(".decide-cache") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn names(tree: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    tree.keys().map(String::as_str).collect()
}

fn text(dir: &Path, rel: &str) -> String {
    read(&dir.join("decisions").join(rel))
}

/// Runs `decide ARGS` and asserts it refused (exit 2) without changing a byte.
fn refused(dir: &Path, args: &[&str]) -> String {
    let before = tree(dir);
    let run = decide(dir, args);
    assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(tree(dir), before, "{args:?} changed files");
    run.stderr
}

#[test]
fn renames_the_file_and_rewrites_every_reference_keeping_its_style() {
    let dir = log();
    let d = dir.path();
    let dangling = |d: &Path| {
        let check = decide(d, &["check", "--format", "concise"]);
        let lines: Vec<String> = check
            .stdout
            .lines()
            .filter(|l| l.contains("DL031") || l.contains("DL008"))
            .map(String::from)
            .collect();
        lines
    };
    let dangling_before = dangling(d);
    let run = decide(d, &["renumber", "12", "13"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, PLAN);
    assert_eq!(run.stderr, LINK_NOTE);

    assert_eq!(
        names(&tree(d)),
        [
            "decisions/0007-retrain-weekly.md",
            "decisions/0013-retrain-monthly.md",
            "decisions/0014-monitor-drift.md",
            "decisions/0020-score-nightly.md",
            "decisions/0021-use-feature-store.md",
            "decisions/reviews/2026-03-04-q1-retro.md",
            "decisions/reviews/2026-03-10-async.md",
        ]
    );
    assert_eq!(text(d, "0013-retrain-monthly.md"), D12_AFTER);
    assert_eq!(text(d, "0007-retrain-weekly.md"), D7_AFTER);
    assert_eq!(text(d, "0020-score-nightly.md"), D20_AFTER);
    assert_eq!(
        std::fs::read(d.join("decisions/0021-use-feature-store.md")).unwrap(),
        D21_AFTER.as_bytes()
    );
    assert_eq!(text(d, "0014-monitor-drift.md"), D14);
    assert_eq!(text(d, "reviews/2026-03-04-q1-retro.md"), RETRO_AFTER);
    assert_eq!(text(d, "reviews/2026-03-10-async.md"), ASYNC_AFTER);

    // The log reads as before: no new dangling reference or id mismatch
    // (the fixture's own references to absent records stay), and 13 is the record.
    assert_eq!(dangling(d), dangling_before);
    let show = decide(d, &["show", "7"]);
    assert!(
        show.stdout
            .contains("0013 (Retrain the churn model monthly)"),
        "{}",
        show.stdout
    );
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let dir = log();
    let d = dir.path();
    let before = tree(d);
    let run = decide(d, &["renumber", "0012", "0013", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, dry(PLAN));
    assert_eq!(
        run.stderr,
        format!("{LINK_NOTE}dry run: nothing was written\n")
    );
    assert_eq!(tree(d), before);
}

#[test]
fn quiet_prints_nothing_and_the_padding_follows_the_file_name() {
    let dir = tempdir();
    let d = dir.path();
    write(
        d,
        "decisions/99-short.md",
        "---\nstatus: draft\n---\n# Short\n",
    );
    write(
        d,
        "decisions/0100-long.md",
        "---\nrelated: [99, 0099]\n---\n# Long\n",
    );
    let run = decide(d, &["-q", "renumber", "99", "101"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert_eq!(
        names(&tree(d)),
        ["decisions/0100-long.md", "decisions/101-short.md"]
    );
    assert_eq!(
        text(d, "0100-long.md"),
        "---\nrelated: [101, 0101]\n---\n# Long\n"
    );

    let run = decide(d, &["renumber", "100", "7"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "renamed decisions/0100-long.md → decisions/0007-long.md\n"
    );
}

#[cfg(unix)]
#[test]
fn the_renamed_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = log();
    let d = dir.path();
    let path = d.join("decisions/0012-retrain-monthly.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(decide(d, &["renumber", "12", "13"]).code, 0);
    let renamed = d.join("decisions/0013-retrain-monthly.md");
    let mode = std::fs::metadata(renamed).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// Two branches each add decision 12; after the merge both files are there.
fn merged_log() -> tempfile::TempDir {
    let dir = tempdir();
    let d = dir.path();
    git_init(d);
    write(
        d,
        "decisions/0007-retrain-weekly.md",
        "---\nstatus: accepted\n---\n# Retrain weekly\n",
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "monthly"]);
    write(
        d,
        "decisions/0012-retrain-monthly.md",
        "---\nstatus: proposed\nsupersedes: [7]\n---\n# Retrain monthly\n",
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "monthly"]);
    git(d, &["checkout", "-q", "main"]);
    git(d, &["checkout", "-q", "-b", "nightly"]);
    write(
        d,
        "decisions/0012-score-nightly.md",
        "---\nid: 12\nstatus: proposed\n---\n# Score nightly\n",
    );
    write(
        d,
        "decisions/0015-alert-on-drift.md",
        "---\nstatus: draft\nrelated: [7, 12]\n---\n# Alert on drift\n",
    );
    write(
        d,
        "decisions/reviews/2026-03-04-check-in.md",
        "---\nkind: check-in\ndate: 2026-03-04\ndecisions:\n  - 12\n---\n# Check-in\n",
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "nightly"]);
    git(d, &["merge", "-q", "--no-edit", "monthly"]);
    dir
}

#[test]
fn a_duplicated_id_is_mended_by_path_and_its_references_listed() {
    let dir = merged_log();
    let d = dir.path();
    let check = decide(d, &["check", "--format", "concise"]);
    assert_eq!(check.stdout.matches("DL007").count(), 2, "{}", check.stdout);
    // DL007's help names the command to run, and it works from anywhere in the repository.
    let check = decide(d, &["check", "--format", "json"]);
    for file in ["0012-retrain-monthly.md", "0012-score-nightly.md"] {
        let help = format!(
            "give one of them a new number, naming its file: `decide renumber decisions/{file} NEW`"
        );
        assert!(check.stdout.contains(&help), "{}", check.stdout);
    }

    let stderr = refused(d, &["renumber", "12", "13"]);
    assert_eq!(
        stderr,
        "error: id 12 is used by 2 files: decisions/0012-retrain-monthly.md, decisions/0012-score-nightly.md\n\
         help: name the one to renumber by its path, e.g. `decide renumber decisions/0012-score-nightly.md NEW`; \
         the references to 12 are then listed for you to check\n"
    );

    let before = tree(d);
    std::fs::create_dir(d.join("src")).unwrap();
    let run = decide(
        &d.join("src"),
        &["renumber", "decisions/0012-score-nightly.md", "13"],
    );
    std::fs::remove_dir(d.join("src")).unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "renamed decisions/0012-score-nightly.md → decisions/0013-score-nightly.md\n\
         decisions/0013-score-nightly.md: id 12 → 13\n\
         2 references to 12 were left as they are: decisions/0012-retrain-monthly.md also has number 12, \
         so each may mean either record; change those that mean decisions/0013-score-nightly.md to 13:\n  \
         decisions/0015-alert-on-drift.md:3:14: related 12\n  \
         decisions/reviews/2026-03-04-check-in.md:5:5: decisions 12\n"
    );
    assert_eq!(run.stderr, "");
    let after = tree(d);
    let gone = "decisions/0012-score-nightly.md";
    let new = "decisions/0013-score-nightly.md";
    assert_eq!(
        String::from_utf8_lossy(&after[new]),
        "---\nid: 13\nstatus: proposed\n---\n# Score nightly\n"
    );
    // Every other file is as it was, references included.
    for (name, bytes) in &before {
        if name != gone {
            assert_eq!(after.get(name), Some(bytes), "{name}");
        }
    }
    assert!(!after.contains_key(gone));

    let check = decide(d, &["check", "--format", "concise"]);
    assert!(!check.stdout.contains("DL007"), "{}", check.stdout);
    // Git sees a rename.
    git(d, &["add", "-A"]);
    let status = git(d, &["status", "--short"]);
    assert!(
        status.contains("R  decisions/0012-score-nightly.md -> decisions/0013-score-nightly.md"),
        "{status}"
    );
}

#[test]
fn renumbering_by_path_a_record_whose_id_is_unique_rewrites_references() {
    let dir = log();
    let d = dir.path();
    let run = decide(
        &d.join("decisions"),
        &["--dir", ".", "renumber", "./0012-retrain-monthly.md", "13"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(text(d, "0020-score-nightly.md"), D20_AFTER);
}

#[test]
fn refusals_change_nothing() {
    let dir = log();
    let d = dir.path();
    assert_eq!(
        refused(d, &["renumber", "12", "20"]),
        "error: number 20 is already used by decisions/0020-score-nightly.md\n\
         help: the next free number is 22\n"
    );
    assert_eq!(
        refused(d, &["renumber", "99", "30"]),
        "error: no decision with id 99\n"
    );
    assert_eq!(
        refused(d, &["renumber", "12", "0012"]),
        "error: decisions/0012-retrain-monthly.md already has number 12\n"
    );
    assert!(
        refused(d, &["renumber", "12", "thirteen"])
            .starts_with("error: NEW `thirteen` is not a number;")
    );
    assert!(
        refused(
            d,
            &["renumber", "decisions/reviews/2026-03-10-async.md", "30"]
        )
        .starts_with("error: decisions/reviews/2026-03-10-async.md is not a decision record")
    );
    assert!(refused(d, &["renumber", "decisions/0099-none.md", "30"]).contains("0099-none.md"));

    // A number another record declares as its `id` is taken too.
    write(
        d,
        "decisions/0030-odd.md",
        "---\nid: 31\nstatus: draft\n---\n# Odd\n",
    );
    assert_eq!(
        refused(d, &["renumber", "12", "31"]),
        "error: number 31 is already used by decisions/0030-odd.md\n\
         help: the next free number is 32\n"
    );

    // The same id in two files: which one is meant is for the user to say.
    write(
        d,
        "decisions/0012-other.md",
        "---\nstatus: draft\n---\n# Other\n",
    );
    assert!(
        refused(d, &["renumber", "12", "13"])
            .starts_with("error: id 12 is used by 2 files: decisions/0012-other.md, decisions/0012-retrain-monthly.md\n")
    );
}

#[test]
fn a_reference_that_cannot_be_rewritten_stops_everything() {
    let dir = log();
    let d = dir.path();
    // YAML reads 0x0C as 12, but no digits in it say 12.
    write(
        d,
        "decisions/0030-hex.md",
        "---\nstatus: draft\nsupersedes: [0x0C]\n---\n# Hex\n",
    );
    let stderr = refused(d, &["renumber", "12", "13"]);
    assert_eq!(
        stderr,
        "error: decisions/0030-hex.md: line 3: cannot edit `supersedes` in place: the number is not written in it as plain digits\n\
         help: nothing was changed; write that reference as a plain 12 by hand and run `decide renumber` again\n"
    );
}

#[test]
fn a_date_scheme_log_explains_why_there_is_nothing_to_renumber() {
    let dir = tempdir();
    let d = dir.path();
    write(
        d,
        "decide.toml",
        "dir = \"decisions\"\n[ids]\nscheme = \"date\"\n",
    );
    write(
        d,
        "decisions/2026-03-04-use-a-feature-store.md",
        "---\nstatus: draft\n---\n# Use a feature store\n",
    );
    let stderr = refused(d, &["renumber", "2026-03-04-use-a-feature-store", "5"]);
    assert!(
        stderr.starts_with("error: OLD `2026-03-04-use-a-feature-store` is not a number; this log uses the date id scheme"),
        "{stderr}"
    );
    let stderr = refused(
        d,
        &[
            "renumber",
            "decisions/2026-03-04-use-a-feature-store.md",
            "5",
        ],
    );
    assert!(
        stderr.starts_with("error: decisions/2026-03-04-use-a-feature-store.md is not a numbered record; this log uses the date id scheme"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_every_file_as_it_was() {
    let dir = log();
    let d = dir.path();
    let mut big = D20.to_string();
    for i in 0..2000 {
        big.push_str(&format!("Line {i} of a long context section.\n"));
    }
    write(d, "decisions/0020-score-nightly.md", &big);
    let before = tree(d);
    // A file-size limit of one block, with the signal ignored, makes
    // staging the large file fail after the small ones were staged.
    let out = Command::new("sh")
        .current_dir(d)
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_decide"))
        .args(["renumber", "12", "13"])
        .env_remove("DECIDE_DIR")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: cannot write decisions/0020-score-nightly.md; nothing was changed: "
        ),
        "{stderr}"
    );
    assert_eq!(
        tree(d),
        before,
        "no file changed and no temporary file left"
    );
}

#[test]
fn quiet_still_lists_the_references_left_for_the_user() {
    let dir = merged_log();
    let d = dir.path();
    let run = decide(
        d,
        &["-q", "renumber", "decisions/0012-retrain-monthly.md", "13"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "2 references to 12 were left as they are: decisions/0012-score-nightly.md also has number 12, \
         so each may mean either record; change those that mean decisions/0013-retrain-monthly.md to 13:\n  \
         decisions/0015-alert-on-drift.md:3:14: related 12\n  \
         decisions/reviews/2026-03-04-check-in.md:5:5: decisions 12\n"
    );
    assert_eq!(
        read(&d.join("decisions/0013-retrain-monthly.md")),
        "---\nstatus: proposed\nsupersedes: [7]\n---\n# Retrain monthly\n"
    );
}

#[cfg(unix)]
#[test]
fn a_record_reached_through_a_symbolic_link_is_not_renamed() {
    let dir = log();
    let d = dir.path();
    let real = d.join("decisions/0012-retrain-monthly.md");
    std::fs::rename(&real, d.join("decisions/real.txt")).unwrap();
    std::os::unix::fs::symlink("real.txt", &real).unwrap();
    assert_eq!(
        refused(d, &["renumber", "12", "13"]),
        "error: decisions/0012-retrain-monthly.md is a symbolic link; rename it and its target by hand\n"
    );
}

#[test]
fn files_it_cannot_read_are_named_and_a_broken_record_is_not_renamed() {
    let dir = log();
    let d = dir.path();
    write(
        d,
        "decisions/0030-broken.md",
        "---\nsupersedes: [12\n---\n# Broken\n",
    );
    write(d, "decisions/0031-latin1.md", "");
    std::fs::write(
        d.join("decisions/0031-latin1.md"),
        b"---\nrelated: [12]\nnote: caf\xe9\n---\n",
    )
    .unwrap();
    let run = decide(d, &["renumber", "12", "13", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, dry(PLAN));
    assert_eq!(
        run.stderr,
        format!(
            "note: decisions/0031-latin1.md: its front matter could not be read, so references in it were not looked for\n\
             note: decisions/0030-broken.md: its front matter could not be read, so references in it were not looked for\n\
             {LINK_NOTE}dry run: nothing was written\n"
        )
    );

    assert_eq!(
        refused(d, &["renumber", "30", "32"]),
        "error: decisions/0030-broken.md: its front matter cannot be read; fix that first (see `decide check decisions/0030-broken.md`)\n"
    );
}

#[test]
fn a_record_without_front_matter_is_renamed_as_it_is() {
    let dir = tempdir();
    let d = dir.path();
    let adr = "# 3. Use LightGBM\n\nDate: 2026-01-10\n\n## Status\n\nAccepted\n";
    write(d, "doc/adr/0003-use-lightgbm.md", adr);
    let run = decide(d, &["renumber", "3", "4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "renamed doc/adr/0003-use-lightgbm.md → doc/adr/0004-use-lightgbm.md\n"
    );
    assert_eq!(names(&tree(d)), ["doc/adr/0004-use-lightgbm.md"]);
    assert_eq!(read(&d.join("doc/adr/0004-use-lightgbm.md")), adr);
}

/// Truncated and corrupted copies of the fixtures that refer to 12: each
/// run either refuses and changes nothing, or changes only the digit that
/// makes 12 read 13 (the same width, so the files keep their length).
#[test]
fn corrupted_references_are_rewritten_exactly_or_refused() {
    let sources = [D7, D20, D21, RETRO, ASYNC];
    let mut variants = 0;
    let mut rewritten = 0;
    for text in sources {
        let bytes = text.as_bytes();
        // Cut short (which mostly leaves the front matter unterminated), or
        // one byte replaced by something YAML gives a meaning to.
        let cuts = (0..bytes.len())
            .step_by(31)
            .map(|cut| bytes[..cut].to_vec());
        let corruptions = (0..bytes.len()).step_by(9).map(|i| {
            let mut b = bytes.to_vec();
            b[i] = [
                b'\t', b':', b'-', b'[', b'{', b'&', b'*', 0xff, b'"', b'#', b'\n',
            ][i % 11];
            b
        });
        for b in cuts.chain(corruptions) {
            variants += 1;
            let dir = tempdir();
            let d = dir.path();
            write(d, "decisions/0012-retrain-monthly.md", D12);
            let variant = d.join("decisions/0100-variant.md");
            std::fs::write(&variant, &b).unwrap();
            for args in [
                &["renumber", "12", "13", "--dry-run"][..],
                &["renumber", "12", "13"],
            ] {
                let before = tree(d);
                let run = decide(d, args);
                assert!(
                    [0, 2].contains(&run.code) && !run.stderr.contains("panicked"),
                    "{args:?} on {:?}: {}",
                    String::from_utf8_lossy(&b),
                    run.stderr
                );
                if run.code == 2 || args.contains(&"--dry-run") {
                    assert_eq!(tree(d), before, "{:?}", String::from_utf8_lossy(&b));
                }
            }
            let after = std::fs::read(&variant).unwrap();
            assert_eq!(after.len(), b.len(), "{:?}", String::from_utf8_lossy(&b));
            let changed: Vec<(u8, u8)> = b
                .iter()
                .zip(&after)
                .filter(|(x, y)| x != y)
                .map(|(x, y)| (*x, *y))
                .collect();
            assert!(
                changed.iter().all(|&c| c == (b'2', b'3')),
                "{:?} became {:?}",
                String::from_utf8_lossy(&b),
                String::from_utf8_lossy(&after)
            );
            if !changed.is_empty() {
                rewritten += 1;
            }
        }
    }
    // Many variants break the YAML (nothing to find) or are refused; enough
    // keep a reference readable that the rewriting itself is exercised.
    assert!(rewritten * 4 > variants, "{rewritten} of {variants}");
}
