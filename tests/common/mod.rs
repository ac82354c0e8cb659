//! Helpers shared by the integration tests.
#![allow(dead_code)]

mod fixtures;

pub use fixtures::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of `decide` printed and returned.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// A `decide` command in `cwd` with a clean environment (no colour, no CI, no log folder).
pub fn cmd(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_decide"));
    c.current_dir(cwd)
        .env_remove("DECIDE_DIR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

/// Runs `decide ARGS` in `cwd`.
pub fn decide(cwd: &Path, args: &[&str]) -> Run {
    run(cmd(cwd).args(args))
}

pub fn run(c: &mut Command) -> Run {
    let out = c.output().expect("run decide");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// The repository's own folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example log.
pub fn example_log() -> PathBuf {
    repo().join("examples/churn-model/decisions")
}

/// A real third-party log: `tests/fixtures/corpora/NAME` (copied from the
/// shared corpus so the suite runs anywhere), else `../shared/corpora/NAME`.
pub fn corpus(name: &str) -> PathBuf {
    let vendored = repo().join("tests/fixtures/corpora").join(name);
    if vendored.is_dir() {
        return vendored;
    }
    repo().join("../shared/corpora").join(name)
}

/// Writes `text` to `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Runs git in `dir` with a pinned author, committer and date.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, "2026-03-01T12:00:00Z", args)
}

/// Runs git in `dir` with a pinned author and committer, dated `date` (ISO 8601).
pub fn git_at(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A new git repository in `dir` with `main` as its branch.
pub fn git_init(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
}

/// The widest line of `text`, in characters.
pub fn widest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}
