//! Dates from git for records that state none: the commit that added the
//! file, read in one `git log`, marked as inferred; and the notes printed
//! outside a repository or in a shallow clone.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

fn commit_at(dir: &Path, date: &str, message: &str) {
    git_at(dir, date, &["add", "-A"]);
    git_at(dir, date, &["commit", "-q", "-m", message]);
}

const UNDATED: &str = "---\nstatus: accepted\ndecided: 2026-02-13\nowners: [ana]\n---\n# Undated\n\n## Rationale\n\nWhy.\n";

fn json(dir: &Path, as_of: &str) -> Value {
    let run = decide(dir, &["report", "--as-of", as_of, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn row<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
}

/// A repository whose records were added on known days: 0001 (no date) on
/// 02-03; 0002 (no date) on 01-10 under another name and renamed on 03-01;
/// 0003 with its own date; 0004 written but not committed.
fn dated_repo() -> tempfile::TempDir {
    let dir = tempdir();
    git_init(dir.path());
    write(
        dir.path(),
        "decisions/0009-old-name.md",
        "---\nstatus: accepted\ndecided: 2026-01-20\nowners: [raj]\n---\n# Renamed\n",
    );
    commit_at(dir.path(), "2026-01-10T09:00:00Z", "first");
    write(dir.path(), "decisions/0001-undated.md", UNDATED);
    commit_at(dir.path(), "2026-02-03T09:00:00Z", "second");
    git_at(
        dir.path(),
        "2026-03-01T09:00:00Z",
        &[
            "mv",
            "decisions/0009-old-name.md",
            "decisions/0002-renamed.md",
        ],
    );
    write(
        dir.path(),
        "decisions/0003-dated.md",
        "---\nstatus: accepted\ndate: 2026-02-20\ndecided: 2026-02-27\nowners: [lee]\n---\n# Dated\n",
    );
    commit_at(dir.path(), "2026-03-01T09:00:00Z", "third");
    write(
        dir.path(),
        "decisions/0004-uncommitted.md",
        "---\nstatus: proposed\nowners: [mei]\n---\n# Uncommitted\n",
    );
    dir
}

#[test]
fn a_record_without_date_takes_the_date_of_the_commit_that_added_it() {
    let dir = dated_repo();
    let r = json(dir.path(), "2026-03-31");
    assert_eq!(r["history"], "available");
    let first = row(&r, "0001");
    assert_eq!(first["date"], "2026-02-03");
    assert_eq!(first["date_inferred"], true);
    assert_eq!(first["lead_time_days"], 10);
    // A rename keeps the date the record was first added.
    let renamed = row(&r, "0002");
    assert_eq!(renamed["date"], "2026-01-10");
    assert_eq!(renamed["lead_time_days"], 10);
    let dated = row(&r, "0003");
    assert_eq!(
        (dated["date"].as_str(), dated["date_inferred"].as_bool()),
        (Some("2026-02-20"), Some(false))
    );
    assert_eq!(row(&r, "0004")["date"], Value::Null);
    assert_eq!(r["counts"]["inferred_dates"], 2);
    assert_eq!(r["counts"]["undated"], 1);
    // Lead times 10 (git), 10 (git), 7 (record).
    assert_eq!(r["lead_time"]["days"]["n"], 3);
    assert_eq!(r["lead_time"]["inferred"], 2);
    let notes: Vec<&str> = r["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(notes.contains(&"2 records have no `date`; the date of the commit that added the file is used instead (marked *)."), "{notes:?}");
    assert!(notes.contains(&"1 record has no `date` and no commit adds the file yet, so git has no date for it; date-based figures leave them out."), "{notes:?}");

    // The table marks the figures that rest on a git date.
    let table = decide(dir.path(), &["report", "--as-of", "2026-03-31"]).stdout;
    assert!(table.contains("│ 0001 ┆ Undated "), "{table}");
    assert!(table.contains("┆ 10d* │"), "{table}");
    assert!(table.contains("┆ 3 decided (2 dated from git) "), "{table}");
    // The records themselves are not changed.
    assert_eq!(read(&dir.path().join("decisions/0001-undated.md")), UNDATED);
}

#[test]
fn a_window_uses_the_inferred_dates() {
    let dir = dated_repo();
    let r = json_with(
        dir.path(),
        &["--since", "2026-02-01", "--until", "2026-02-28"],
    );
    let ids: Vec<&str> = r["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    // 0001 by its commit (02-03), 0003 by its own date; 0004 has none.
    assert_eq!(ids, ["0001", "0003"]);
    assert_eq!(r["counts"]["undated_outside_window"], 1);
}

fn json_with(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["report", "--as-of", "2026-03-31", "--format", "json"];
    all.extend_from_slice(args);
    let run = decide(dir, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn outside_a_repository_it_says_so_and_goes_on() {
    let dir = tempdir();
    write(dir.path(), "decisions/0001-undated.md", UNDATED);
    write(
        dir.path(),
        "decisions/0002-dated.md",
        "---\nstatus: accepted\ndate: 2026-02-01\ndecided: 2026-02-05\nowners: [lee]\n---\n# Dated\n",
    );
    let r = json(dir.path(), "2026-03-31");
    assert_eq!(r["history"], "not-repository");
    assert_eq!(r["lead_time"]["days"]["n"], 1);
    assert_eq!(r["lead_time"]["undated"], 1);
    assert!(
        r["notes"].as_array().unwrap().iter().any(|n| n
            == "1 record has no `date` and the log is not in a git repository, so no date can be inferred; date-based figures leave them out."),
        "{}",
        r["notes"]
    );
}

#[test]
fn in_a_shallow_clone_it_says_so_and_goes_on() {
    let origin = dated_repo();
    git_at(origin.path(), "2026-03-01T09:00:00Z", &["add", "-A"]);
    git_at(
        origin.path(),
        "2026-03-02T09:00:00Z",
        &["commit", "-q", "-m", "fourth"],
    );
    let clone = tempdir();
    let url = format!("file://{}", origin.path().display());
    git_at(
        clone.path(),
        "2026-03-02T09:00:00Z",
        &["clone", "-q", "--depth", "1", &url, "work"],
    );
    let work = clone.path().join("work");
    let r = json(&work, "2026-03-31");
    assert_eq!(r["history"], "shallow");
    assert_eq!(
        row(&r, "0001")["date"],
        Value::Null,
        "the graft commit's date would be wrong"
    );
    assert!(
        r["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .contains("this is a shallow clone, so the commit that added a file may be missing (run `git fetch --unshallow` to date them)")),
        "{}",
        r["notes"]
    );
}

/// A `git` on PATH that records each invocation before running the real one.
#[cfg(unix)]
#[test]
fn one_git_log_for_the_whole_log() {
    use std::os::unix::fs::PermissionsExt;

    let dir = dated_repo();
    for n in 5..9 {
        write(dir.path(), &format!("decisions/000{n}-more.md"), UNDATED);
    }
    commit_at(dir.path(), "2026-03-05T09:00:00Z", "more");
    let real = std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join("git"))
                .find(|p| p.is_file())
        })
        .expect("git on PATH");
    let bin = tempdir();
    let calls = bin.path().join("calls");
    let wrapper = bin.path().join("git");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            calls.display(),
            real.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = crate::common::run(cmd(dir.path()).env("PATH", path).args([
        "report",
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    // 0001, 0002, 0004 (committed now) and 0005 to 0008.
    assert_eq!(r["counts"]["inferred_dates"], 7);
    let log = read(&calls);
    assert_eq!(
        log.lines().filter(|l| l.contains(" log ")).count(),
        1,
        "one git log for seven undated records:\n{log}"
    );
    assert_eq!(log.lines().count(), 2, "rev-parse and log only:\n{log}");
}
