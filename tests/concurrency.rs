//! Several `decide` at once on one log, and writers killed at random
//! moments: no update is lost, every file is old or new, no lock is left
//! that blocks, and no temporary file outlives the next command.

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::common::*;

const D3: &str = "---
id: 3
title: Serve the churn model in batch
status: proposed   # waiting for the review
date: 2026-02-01
owners: [ana]
feedback:
  - by: lee
    date: 2026-02-02
    stance: concern
---
# Serve the churn model in batch

## Rationale

Cheap.
";

const D5: &str = "---
id: 5
title: Retrain monthly
status: accepted
date: 2026-02-03
owners: [ana]
supersedes: [3]
feedback: []
---
# Retrain monthly
";

fn log() -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "decisions/0003-serve-in-batch.md", D3);
    write(dir.path(), "decisions/0005-retrain-monthly.md", D5);
    dir
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    cmd(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn feedback_by(name: &str) -> Vec<String> {
    [
        "feedback".to_string(),
        "ID".to_string(),
        "--by".to_string(),
        name.to_string(),
        "--stance".to_string(),
        "support".to_string(),
        "--date".to_string(),
        "2026-03-01".to_string(),
    ]
    .to_vec()
}

fn feedback(dir: &Path, id: &str, name: &str) -> Child {
    let mut args = feedback_by(name);
    args[1] = id.to_string();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    spawn(dir, &args)
}

/// How many feedback entries `by: NAME` the file holds.
fn entries_by(text: &str, name: &str) -> usize {
    text.lines()
        .filter(|l| l.trim_start_matches([' ', '-']).trim() == format!("by: {name}"))
        .count()
}

fn temp_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".decide") && !n.ends_with(".md"))
        .collect()
}

#[test]
fn twenty_concurrent_feedback_keep_all_twenty_entries() {
    let dir = log();
    let children: Vec<Child> = (0..20)
        .map(|i| feedback(dir.path(), "3", &format!("p{i}")))
        .collect();
    for child in children {
        let run = finish(child);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.ends_with("added\n"), "{}", run.stdout);
    }
    let text = read(&dir.path().join("decisions/0003-serve-in-batch.md"));
    for i in 0..20 {
        assert_eq!(entries_by(&text, &format!("p{i}")), 1, "p{i} in:\n{text}");
    }
    assert_eq!(entries_by(&text, "lee"), 1);
    // The rest of the file is as it was.
    assert!(
        text.starts_with(&D3[..D3.find("feedback:").unwrap()]),
        "{text}"
    );
    assert!(text.ends_with("---\n# Serve the churn model in batch\n\n## Rationale\n\nCheap.\n"));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    // Every file still reads (no DL050/DL051: broken front matter, unreadable).
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(!run.stdout.contains("DL05"), "{}", run.stdout);
}

#[test]
fn status_racing_feedback_loses_neither() {
    let dir = log();
    let mut children = Vec::new();
    for i in 0..10 {
        children.push(feedback(dir.path(), "3", &format!("p{i}")));
        let status = if i % 2 == 0 { "accepted" } else { "proposed" };
        children.push(spawn(dir.path(), &["status", "3", status]));
    }
    children.push(spawn(
        dir.path(),
        &["status", "3", "rejected", "--date", "2026-03-09"],
    ));
    for child in children {
        let run = finish(child);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let text = read(&dir.path().join("decisions/0003-serve-in-batch.md"));
    for i in 0..10 {
        assert_eq!(entries_by(&text, &format!("p{i}")), 1, "p{i} in:\n{text}");
    }
    let statuses: Vec<&str> = text.lines().filter(|l| l.starts_with("status:")).collect();
    assert_eq!(statuses.len(), 1, "{text}");
    assert!(
        ["accepted", "proposed", "rejected"]
            .iter()
            .any(|s| statuses[0] == format!("status: {s}   # waiting for the review")),
        "{text}"
    );
}

#[test]
fn renumber_racing_feedback_loses_neither() {
    let dir = log();
    let mut children: Vec<Child> = (0..10)
        .map(|i| feedback(dir.path(), "5", &format!("p{i}")))
        .collect();
    children.insert(5, spawn(dir.path(), &["renumber", "3", "9"]));
    children.extend((10..20).map(|i| feedback(dir.path(), "5", &format!("p{i}"))));
    for child in children {
        let run = finish(child);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let decisions = dir.path().join("decisions");
    let text = read(&decisions.join("0005-retrain-monthly.md"));
    for i in 0..20 {
        assert_eq!(entries_by(&text, &format!("p{i}")), 1, "p{i} in:\n{text}");
    }
    // The renumbering is there too: its reference and its file.
    assert!(text.contains("supersedes: [9]\n"), "{text}");
    assert!(decisions.join("0009-serve-in-batch.md").is_file());
    assert!(!decisions.join("0003-serve-in-batch.md").exists());
}

#[test]
fn a_lock_file_left_by_an_older_decide_blocks_nothing() {
    let dir = log();
    // An older decide used create-new lock files, left behind when killed.
    write(dir.path(), "decisions/.decide.lock", "12345\n");
    let mut child = spawn(dir.path(), &["new", "Left lock", "--no-input"]);
    let run = wait_at_most(&mut child, Duration::from_secs(60));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "decisions/0006-left-lock.md\n");
    assert!(!dir.path().join("decisions/.decide.lock").exists());
}

/// Waits for `child`, failing the test if it has not ended after `limit`
/// (far above what it needs: this checks that it ends, not how fast).
pub fn wait_at_most(child: &mut Child, limit: Duration) -> Run {
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut stdout = String::new();
    let mut stderr = String::new();
    use std::io::Read;
    child
        .stdout
        .take()
        .map(|mut s| s.read_to_string(&mut stdout));
    child
        .stderr
        .take()
        .map(|mut s| s.read_to_string(&mut stderr));
    Run {
        stdout,
        stderr,
        code: child.wait().unwrap().code().unwrap_or(-1),
    }
}

/// A small deterministic generator: the kill moments differ from one
/// iteration to the next but every run of the suite kills at the same ones.
struct Moments(u64);

impl Moments {
    fn next_micros(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// Runs `args` in a copy of `dir`'s log to completion: the file's new contents.
fn completed(dir: &Path, rel: &str, args: &[&str]) -> String {
    let shadow = tempdir();
    let from = dir.join("decisions");
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            std::fs::create_dir_all(shadow.path().join("decisions")).unwrap();
            std::fs::copy(entry.path(), shadow.path().join("decisions").join(name)).unwrap();
        }
    }
    let run = decide(shadow.path(), args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    read(&shadow.path().join(rel))
}

#[cfg(unix)]
#[test]
fn writers_killed_at_random_moments_leave_every_file_old_or_new() {
    let dir = log();
    let rel = "decisions/0003-serve-in-batch.md";
    let path = dir.path().join(rel);
    let mut moments = Moments(0x5eed);
    let mut killed_mid_run = 0;
    for i in 0..24 {
        let name = format!("k{i}");
        let mut args = feedback_by(&name);
        args[1] = "3".into();
        if i % 3 == 2 {
            let status = if i % 2 == 0 { "accepted" } else { "rejected" };
            let date = format!("2026-03-{:02}", i + 1);
            args = ["status", "3", status, "--date", &date]
                .map(String::from)
                .to_vec();
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let old = read(&path);
        let new = completed(dir.path(), rel, &args);
        let mut child = spawn(dir.path(), &args);
        std::thread::sleep(Duration::from_micros(moments.next_micros(40_000)));
        // SIGKILL: nothing of the writer runs after it.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            killed_mid_run += 1;
        }
        let now = read(&path);
        assert!(
            now == old || now == new,
            "iteration {i}: neither old nor new:\n{now}"
        );
    }
    assert!(killed_mid_run > 0, "no writer was killed before it ended");
    // The next command is not blocked by any lock, and leaves no temporary file.
    let mut args = feedback_by("last");
    args[1] = "3".into();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut child = spawn(dir.path(), &args);
    let run = wait_at_most(&mut child, Duration::from_secs(60));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(entries_by(&read(&path), "last"), 1);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(!run.stdout.contains("DL05"), "{}", run.stdout);
}

/// One file under two names: `0002-b.md` a link to `0001-a.md`.
#[cfg(unix)]
#[test]
fn an_alias_is_reported_and_never_edited() {
    let dir = tempdir();
    let a = "---\nid: 1\ntitle: A\nstatus: accepted\ndate: 2026-01-01\n---\n# A\n";
    write(dir.path(), "decisions/0001-a.md", a);
    std::os::unix::fs::symlink("0001-a.md", dir.path().join("decisions/0002-b.md")).unwrap();
    let run = decide(dir.path(), &["supersede", "1", "2"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stderr, "error: no decision with id 2\n");
    let run = decide(
        dir.path(),
        &["feedback", "2", "--by", "x", "--stance", "support"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(read(&dir.path().join("decisions/0001-a.md")), a);
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(
        run.stdout.contains(
            "decisions/0002-b.md:1:1: DL051 [error] symbolic link to 0001-a.md in the log: the same file under a second name; not read"
        ),
        "{}",
        run.stdout
    );
}

/// A `renumber` killed between its files: the renamed copy exists beside
/// the old file, some references rewritten, some not. Running the same
/// command again finishes it, as docs/editing.md says.
#[test]
fn a_renumber_killed_half_way_is_finished_by_running_it_again() {
    let dir = log();
    let d = dir.path().join("decisions");
    let full = log();
    let run = decide(full.path(), &["renumber", "3", "9"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let renamed = read(&full.path().join("decisions/0009-serve-in-batch.md"));
    // The copy was created; the reference in 0005 and the removal were not.
    write(dir.path(), "decisions/0009-serve-in-batch.md", &renamed);
    let run = decide(dir.path(), &["renumber", "3", "9"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!d.join("0003-serve-in-batch.md").exists());
    for name in ["0009-serve-in-batch.md", "0005-retrain-monthly.md"] {
        assert_eq!(
            read(&d.join(name)),
            read(&full.path().join("decisions").join(name)),
            "{name}"
        );
    }
    // A file at the new name that is not that copy is still refused.
    let dir = log();
    write(
        dir.path(),
        "decisions/0009-serve-in-batch.md",
        "---\nid: 9\n---\n# Other\n",
    );
    let run = decide(dir.path(), &["renumber", "3", "9"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("number 9 is already used by"),
        "{}",
        run.stderr
    );
}

/// A `supersede` killed between its two files leaves a one-sided link:
/// `check` reports it (DL032) and the same command, run again, adds the
/// missing side without repeating the other.
#[test]
fn a_supersede_killed_half_way_is_finished_by_running_it_again() {
    let dir = log();
    let full = log();
    let run = decide(full.path(), &["supersede", "3", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Only the old record was written.
    let old = read(&full.path().join("decisions/0003-serve-in-batch.md"));
    write(dir.path(), "decisions/0003-serve-in-batch.md", &old);
    write(
        dir.path(),
        "decisions/0005-retrain-monthly.md",
        &D5.replace("supersedes: [3]\n", ""),
    );
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(run.stdout.contains("DL032"), "{}", run.stdout);
    let run = decide(dir.path(), &["supersede", "3", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&dir.path().join("decisions/0003-serve-in-batch.md")),
        old
    );
    let run = decide(dir.path(), &["check", "--format", "concise"]);
    assert!(!run.stdout.contains("DL032"), "{}", run.stdout);
}

const PULSE: &str = "---
kind: pulse
title: Q1 pulse
date: 2026-02-20
decisions: [3]
responses: []
---
# Q1 pulse
";

const CHECK_IN: &str = "---
kind: check-in
title: February check-in
date: 2026-02-10
decisions: [3]
attended: [ana]
---
# February check-in
";

/// The edit commands added after the lock (`action add`, `feedback
/// resolve`, `review attend`, `pulse add`) hold it too: racing `feedback`
/// on the same files, none of them loses an entry or has its own lost.
#[test]
fn every_edit_command_racing_on_one_file_loses_nothing() {
    let dir = log();
    write(
        dir.path(),
        "decisions/reviews/2026-02-20-q1-pulse.md",
        PULSE,
    );
    write(
        dir.path(),
        "decisions/reviews/2026-02-10-check-in.md",
        CHECK_IN,
    );
    let mut children = Vec::new();
    for i in 0..5 {
        children.push(feedback(dir.path(), "3", &format!("p{i}")));
        let note = format!("task{i}");
        children.push(spawn(
            dir.path(),
            &["action", "add", "3", "--owner", "ana", "--note", &note],
        ));
        let rater = format!("r{i}");
        children.push(spawn(
            dir.path(),
            &[
                "pulse",
                "add",
                "2026-02-20-q1-pulse",
                "--by",
                &rater,
                "--clarity",
                "4",
                "--trust",
                "3",
                "--satisfaction",
                "5",
            ],
        ));
        let attendee = format!("a{i}");
        children.push(spawn(
            dir.path(),
            &["review", "attend", "2026-02-10-check-in", &attendee],
        ));
    }
    children.push(spawn(
        dir.path(),
        &["feedback", "resolve", "3", "1", "--date", "2026-03-01"],
    ));
    for child in children {
        let run = finish(child);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    }
    let text = read(&dir.path().join("decisions/0003-serve-in-batch.md"));
    for i in 0..5 {
        assert_eq!(entries_by(&text, &format!("p{i}")), 1, "p{i} in:\n{text}");
        assert_eq!(
            text.matches(&format!("note: task{i}\n")).count(),
            1,
            "task{i} in:\n{text}"
        );
    }
    // lee's concern, entry 1, is resolved, whatever came in around it.
    assert!(text.contains("    resolved: 2026-03-01\n"), "{text}");
    let pulse = read(&dir.path().join("decisions/reviews/2026-02-20-q1-pulse.md"));
    for i in 0..5 {
        assert_eq!(entries_by(&pulse, &format!("r{i}")), 1, "r{i} in:\n{pulse}");
    }
    let check_in = read(&dir.path().join("decisions/reviews/2026-02-10-check-in.md"));
    for i in 0..5 {
        assert!(check_in.contains(&format!("a{i}")), "a{i} in:\n{check_in}");
    }
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}
