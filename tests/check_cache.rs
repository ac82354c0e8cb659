//! `decide check`'s cache (`.decide-cache/` in the log folder): a second run
//! prints what the first printed; an edit, a new configuration, a cache of
//! another version or a damaged cache file make it read the log again;
//! `--no-cache` bypasses it; runs sharing it at once all print the same.
//!
//! The cache trusts a file whose size and time are unchanged, as git and
//! ruff do. Some tests use that to see whether a run read the cache: they
//! change a file's text but keep its size and put its old time back, so a
//! run answered from the cache still reports the old text's finding.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::*;

/// A status with a typo: reported (DL-unknown status) until it is mended.
const TYPO: &str = "status: draftt\n";
/// The same size, and a status the rules accept.
const MENDED: &str = "status: draft \n";

fn record(status_line: &str) -> String {
    format!(
        "---\n{status_line}date: 2026-01-10\nowners: [ana]\n---\n# Use LightGBM\n\n## Context\n\nScores are coarse.\n"
    )
}

/// A log of two decisions, the first with a status typo; both files dated
/// in 2020, so the cache trusts their times.
fn log() -> tempfile::TempDir {
    let dir = tempdir();
    write(dir.path(), "decisions/0001-use-lightgbm.md", &record(TYPO));
    write(
        dir.path(),
        "decisions/0002-keep-the-queue.md",
        &record("status: proposed\n"),
    );
    for name in ["0001-use-lightgbm.md", "0002-keep-the-queue.md"] {
        set_time(&dir.path().join("decisions").join(name), OLD);
    }
    dir
}

/// 2020-09-13, long before any run.
const OLD: u64 = 1_600_000_000;

fn set_time(path: &Path, secs: u64) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
        .unwrap();
}

/// Rewrites the file with text of the same size and puts its time back:
/// a change only a hash of the text can see.
fn change_unseen(path: &Path, text: &str, secs: u64) {
    assert_eq!(std::fs::metadata(path).unwrap().len(), text.len() as u64);
    std::fs::write(path, text).unwrap();
    set_time(path, secs);
}

fn check(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--as-of", "2026-03-01", "--format", "concise"];
    args.extend_from_slice(extra);
    run(on_machine(dir, "machine").args(args))
}

/// `decide` in `dir` on the machine whose user cache folder (where the
/// secret that signs cache files is kept) is `dir/machine`.
fn on_machine(dir: &Path, machine: &str) -> std::process::Command {
    let mut c = cmd(dir);
    c.env("XDG_CACHE_HOME", dir.join(machine));
    c
}

/// Signs the cache file again after a test edited it, as `decide` on
/// machine `machine` would have: the first line is a SipHash-2-4 MAC of the
/// rest under the machine's secret.
fn resign(dir: &Path, body: &str) {
    use siphasher::sip128::Hasher128;
    use std::hash::Hasher;
    let hex = read(&dir.join("machine/decide/cache-key"));
    let secret: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let mut mac = siphasher::sip128::SipHasher24::new_with_key(&secret.try_into().unwrap());
    mac.write(body.as_bytes());
    let head = format!("decide-check-cache {:032x}", mac.finish128().as_u128());
    std::fs::write(cache_file(dir), format!("{head}\n{body}")).unwrap();
}

/// The cache file without its signature line.
fn cache_body(dir: &Path) -> String {
    let text = read(&cache_file(dir));
    text.split_once('\n').unwrap().1.to_string()
}

fn cache_file(dir: &Path) -> std::path::PathBuf {
    dir.join("decisions/.decide-cache/check.json")
}

#[test]
fn a_second_run_prints_the_same_and_the_cache_is_ignored_by_git() {
    let dir = log();
    let first = check(dir.path(), &[]);
    assert!(first.stdout.contains("0001-use-lightgbm.md"), "{first:?}");
    assert!(first.stdout.contains("draftt"), "{first:?}");
    let second = check(dir.path(), &[]);
    assert_eq!(
        (second.stdout.as_str(), second.stderr.as_str(), second.code),
        (first.stdout.as_str(), first.stderr.as_str(), first.code)
    );
    for format in ["human", "json", "sarif", "junit", "github", "gitlab"] {
        let cold = check(dir.path(), &["--no-cache", "--format", format]);
        let warm = check(dir.path(), &["--format", format]);
        assert_eq!(warm.stdout, cold.stdout, "{format}");
        assert_eq!(warm.code, cold.code, "{format}");
    }
    assert_eq!(
        read(&dir.path().join("decisions/.decide-cache/.gitignore")),
        "# Written by `decide check`; safe to delete.\n*\n"
    );
    // The cache folder is no part of the log: nothing reports it.
    assert!(!first.stdout.contains(".decide-cache"));
}

#[test]
fn the_second_run_is_answered_from_the_cache() {
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    let first = check(dir.path(), &[]);
    change_unseen(&file, &record(MENDED), OLD);
    // Size and time say nothing changed: the cached finding is printed.
    assert_eq!(check(dir.path(), &[]).stdout, first.stdout);
    // Without the cache the log is read: the typo is gone.
    let cold = check(dir.path(), &["--no-cache"]);
    assert!(!cold.stdout.contains("draftt"), "{cold:?}");
}

#[test]
fn editing_a_file_is_seen() {
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    let first = check(dir.path(), &[]);
    assert!(first.stdout.contains("draftt"));
    std::fs::write(&file, record("status: draft\n")).unwrap();
    let after = check(dir.path(), &[]);
    assert!(!after.stdout.contains("draftt"), "{after:?}");
    assert_eq!(after.stdout, check(dir.path(), &["--no-cache"]).stdout);
    // Adding and removing files is seen too.
    write(
        dir.path(),
        "decisions/0003-drop-the-queue.md",
        &record("status: acceptedd\n"),
    );
    assert!(check(dir.path(), &[]).stdout.contains("acceptedd"));
    std::fs::remove_file(dir.path().join("decisions/0003-drop-the-queue.md")).unwrap();
    assert_eq!(check(dir.path(), &[]).stdout, after.stdout);
}

#[test]
fn an_edit_within_the_same_time_stamp_is_seen_by_hash() {
    // Written just now: a change that keeps size and time may hide in the
    // time stamp's granularity, so the text's hash is compared.
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    std::fs::write(&file, record(TYPO)).unwrap();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    set_time(&file, now);
    assert!(check(dir.path(), &[]).stdout.contains("draftt"));
    change_unseen(&file, &record(MENDED), now);
    let after = check(dir.path(), &[]);
    assert!(!after.stdout.contains("draftt"), "{after:?}");
}

#[test]
fn files_written_just_before_the_cache_are_trusted_by_their_time_once_old_enough() {
    // After a checkout or a clone every file is new: the run that caches
    // them cannot trust their times (a second change in the same time
    // stamp would not show), so the next run compares them by hash. Once a
    // run starts more than two seconds after their time, the cache says
    // so, and the runs after it trust their time, as for any other file.
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    let stamp = SystemTime::now() - Duration::from_millis(500);
    let set_stamp = || {
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(stamp)
            .unwrap()
    };
    set_stamp();
    let first = check(dir.path(), &[]);
    assert!(first.stdout.contains("draftt"), "{first:?}");
    while SystemTime::now() < stamp + Duration::from_millis(2300) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(check(dir.path(), &[]).stdout, first.stdout);
    // A change that keeps size and time is now unseen, as for a file
    // cached long after it was written: the cache answered.
    std::fs::write(&file, record(MENDED)).unwrap();
    set_stamp();
    assert_eq!(check(dir.path(), &[]).stdout, first.stdout);
    let cold = check(dir.path(), &["--no-cache"]);
    assert!(!cold.stdout.contains("draftt"), "{cold:?}");
}

#[test]
fn a_new_time_on_the_same_text_keeps_the_cache() {
    // `git checkout` or `touch`: the time changes, the text does not. The
    // hash says the file is the same, so the cache still answers (which the
    // unseen change to the other file shows).
    let dir = log();
    let first = check(dir.path(), &[]);
    let other = dir.path().join("decisions/0002-keep-the-queue.md");
    let text = read(&other).replace("proposed", "rejected");
    change_unseen(&other, &text, OLD);
    set_time(&dir.path().join("decisions/0001-use-lightgbm.md"), OLD + 60);
    assert_eq!(check(dir.path(), &[]).stdout, first.stdout);
    // Its text did change: an edit that changes a size is seen.
    std::fs::write(&other, format!("{text}\n")).unwrap();
    assert_ne!(check(dir.path(), &[]).stdout, first.stdout);
}

#[test]
fn a_damaged_cache_file_is_ignored_and_replaced() {
    let dir = log();
    let first = check(dir.path(), &[]);
    for damage in [
        "",
        "{\"format\": 1, \"files\": [",
        "\u{0}\u{1}garbage",
        "[]",
    ] {
        std::fs::write(cache_file(dir.path()), damage).unwrap();
        let again = check(dir.path(), &[]);
        assert_eq!(
            (again.stdout.as_str(), again.code),
            (first.stdout.as_str(), first.code),
            "{damage:?}"
        );
        // Rewritten: a head, then a line for each of the log's files.
        let rewritten = cache_body(dir.path());
        let lines: Vec<&str> = rewritten.lines().collect();
        assert!(lines.len() > 1, "{rewritten}");
        for line in lines {
            assert!(
                serde_json::from_str::<serde_json::Value>(line).is_ok(),
                "{line}"
            );
        }
    }
}

#[test]
fn another_configuration_or_version_reads_the_log_again() {
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    check(dir.path(), &[]);
    change_unseen(&file, &record(MENDED), OLD);
    assert!(check(dir.path(), &[]).stdout.contains("draftt"));
    // Another --as-of date.
    let other_day = run(on_machine(dir.path(), "machine").args([
        "check",
        "--as-of",
        "2026-03-02",
        "--format",
        "concise",
    ]));
    assert!(!other_day.stdout.contains("draftt"), "{other_day:?}");

    // A configuration file.
    change_unseen(&file, &record(TYPO), OLD);
    check(dir.path(), &["--no-cache"]);
    assert!(check(dir.path(), &[]).stdout.contains("draftt"));
    change_unseen(&file, &record(MENDED), OLD);
    write(dir.path(), "decide.toml", "stale-days = 120\n");
    assert!(!check(dir.path(), &[]).stdout.contains("draftt"));

    // A cache written by another version of decide.
    change_unseen(&file, &record(TYPO), OLD);
    let typo = check(dir.path(), &["--no-cache"]);
    assert!(typo.stdout.contains("draftt"));
    check(dir.path(), &[]);
    let cached = cache_body(dir.path());
    let version = format!("\"version\":\"{} ", env!("CARGO_PKG_VERSION"));
    assert!(cached.contains(&version), "{cached}");
    resign(
        dir.path(),
        &cached.replace(&version, "\"version\":\"0.0.1-older "),
    );
    change_unseen(&file, &record(MENDED), OLD);
    assert!(!check(dir.path(), &[]).stdout.contains("draftt"));
    // The same cache signed again as it was is trusted: only the version changed.
    change_unseen(&file, &record(TYPO), OLD);
    std::fs::remove_file(cache_file(dir.path())).unwrap();
    assert!(check(dir.path(), &[]).stdout.contains("draftt"));
    let cached = cache_body(dir.path());
    change_unseen(&file, &record(MENDED), OLD);
    resign(dir.path(), &cached);
    assert!(check(dir.path(), &[]).stdout.contains("draftt"));
}

#[test]
fn another_build_of_decide_reads_the_log_again() {
    // Every development build has the same version number; one whose rules
    // changed must not print another build's findings.
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    check(dir.path(), &[]);
    change_unseen(&file, &record(MENDED), OLD);
    assert!(check(dir.path(), &[]).stdout.contains("draftt"));
    let other = dir.path().join("other-build-of-decide");
    std::fs::copy(env!("CARGO_BIN_EXE_decide"), &other).unwrap();
    set_time(&other, OLD);
    let mut c = std::process::Command::new(&other);
    c.current_dir(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join("machine"))
        .env("NO_COLOR", "1")
        .env_remove("DECIDE_DIR")
        .args(["check", "--as-of", "2026-03-01", "--format", "concise"]);
    // A process the other tests fork at the moment of the copy can hold the
    // new executable open for writing until it execs ("text file busy").
    let mut tries = 0;
    let out = loop {
        match c.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.expect("run the other build"),
        }
    };
    let run = Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    };
    assert!(!run.stdout.contains("draftt"), "{run:?}");
}

#[test]
fn a_cache_file_from_another_machine_or_a_pull_request_is_not_trusted() {
    // A pull request can commit `.decide-cache/check.json` claiming the log
    // is clean; CI must read the log. Here the cache is written on one
    // machine and the log checked on another, which keeps another secret.
    let dir = log();
    let file = dir.path().join("decisions/0001-use-lightgbm.md");
    let first = check(dir.path(), &[]);
    assert!(first.stdout.contains("draftt"));
    change_unseen(&file, &record(MENDED), OLD);
    let elsewhere = run(on_machine(dir.path(), "other-machine").args([
        "check",
        "--as-of",
        "2026-03-01",
        "--format",
        "concise",
    ]));
    assert!(!elsewhere.stdout.contains("draftt"), "{elsewhere:?}");
    // A cache whose signature was copied from a genuine one, but whose
    // findings were edited, is not trusted on its own machine either.
    change_unseen(&file, &record(TYPO), OLD);
    std::fs::remove_file(cache_file(dir.path())).unwrap();
    let genuine = check(dir.path(), &[]);
    assert!(genuine.stdout.contains("draftt"));
    let text = read(&cache_file(dir.path()));
    let forged = text.replace("draftt", "drafts");
    assert_ne!(forged, text);
    std::fs::write(cache_file(dir.path()), forged).unwrap();
    let run = check(dir.path(), &[]);
    assert_eq!(run.stdout, genuine.stdout);
    // The secret is kept outside the repository, readable by its owner only.
    let key = dir.path().join("machine/decide/cache-key");
    assert_eq!(read(&key).trim().len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let dir = log();
    let run = check(dir.path(), &["--no-cache"]);
    assert!(run.stdout.contains("draftt"));
    assert!(!dir.path().join("decisions/.decide-cache").exists());
    // --fix edits the log: it never answers from the cache either.
    check(dir.path(), &[]);
    change_unseen(
        &dir.path().join("decisions/0001-use-lightgbm.md"),
        &record(MENDED),
        OLD,
    );
    assert!(!check(dir.path(), &["--fix"]).stdout.contains("draftt"));
}

#[test]
fn one_file_runs_are_cached_and_agree_with_the_whole_log() {
    let dir = log();
    let one = "decisions/0001-use-lightgbm.md";
    let cold = check(dir.path(), &["--no-cache", one]);
    assert!(cold.stdout.contains("draftt"));
    // The first run fills the cache, the second reads it: both as cold.
    assert_eq!(check(dir.path(), &[one]).stdout, cold.stdout);
    assert_eq!(check(dir.path(), &[one]).stdout, cold.stdout);
    // A run on the whole log is not answered by a cache of one file...
    let whole = check(dir.path(), &[]);
    assert_eq!(whole.stdout, check(dir.path(), &["--no-cache"]).stdout);
    // ...and one that was leaves the file's findings for the next one-file run.
    change_unseen(&dir.path().join(one), &record(MENDED), OLD);
    assert_eq!(check(dir.path(), &[one]).stdout, cold.stdout);
    let other = "decisions/0002-keep-the-queue.md";
    assert_eq!(
        check(dir.path(), &[other]).stdout,
        check(dir.path(), &["--no-cache", other]).stdout
    );
}

#[test]
fn runs_sharing_the_cache_at_once_all_print_the_same() {
    let dir = log();
    let expected = check(dir.path(), &["--no-cache"]);
    let runs: Vec<_> = (0..8)
        .map(|i| {
            let mut c = on_machine(dir.path(), "machine");
            c.args(["check", "--as-of", "2026-03-01", "--format", "concise"]);
            if i % 2 == 1 {
                c.arg("decisions/0001-use-lightgbm.md");
            }
            c.stdout(std::process::Stdio::piped())
                .spawn()
                .expect("start decide")
        })
        .collect();
    let one = check(
        dir.path(),
        &["--no-cache", "decisions/0001-use-lightgbm.md"],
    );
    for (i, child) in runs.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        let want = if i % 2 == 1 { &one } else { &expected };
        assert_eq!(String::from_utf8_lossy(&out.stdout), want.stdout, "run {i}");
    }
    assert_eq!(check(dir.path(), &[]).stdout, expected.stdout);
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path().join("decisions/.decide-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
