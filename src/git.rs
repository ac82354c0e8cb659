//! Reading from git, when the log lives in a repository.
//!
//! git is run as a subprocess with fixed arguments; nothing from a record is
//! ever passed to it as an option. Every function returns `None` when git is
//! missing, the folder is not a repository, or the command fails, so callers
//! can say so and go on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;

/// Runs `git ARGS` in `dir` and returns its stdout when it succeeds.
pub fn run(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether the history needed to date records is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum History {
    /// A full repository: dates were read.
    Available,
    /// Not inside a git work tree, or git is not installed.
    NotRepository,
    /// A shallow clone: the oldest commit we have claims to add every file
    /// that existed before it, so its date would be wrong for them.
    Shallow,
}

/// When each file of a folder was added, as far as git knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedDates {
    pub history: History,
    /// Absolute path (under the repository's top level) → author date of
    /// the commit that added the file.
    pub dates: HashMap<PathBuf, NaiveDate>,
}

/// Reads, in one `git log` pass over `dir`, the date of the commit that
/// added each file. A renamed file keeps the date its first name was added,
/// so `decide renumber` does not make an old record look new; a file that
/// was deleted and added again takes the date of the last addition.
pub fn added_dates(dir: &Path) -> AddedDates {
    let empty = |history| AddedDates {
        history,
        dates: HashMap::new(),
    };
    let Some(info) = run(
        dir,
        &["rev-parse", "--is-shallow-repository", "--show-toplevel"],
    ) else {
        return empty(History::NotRepository);
    };
    let mut lines = info.lines();
    let (Some(shallow), Some(top)) = (lines.next(), lines.next()) else {
        return empty(History::NotRepository);
    };
    if shallow.trim() == "true" {
        return empty(History::Shallow);
    }
    let top = PathBuf::from(top.trim());
    let Some(log) = run(
        dir,
        &[
            "-c",
            "core.quotePath=false",
            "log",
            "--reverse",
            "-M",
            "--diff-filter=AR",
            "--name-status",
            "--date=short",
            "--format=%x01%ad",
            "--",
            ".",
        ],
    ) else {
        // A repository without commits yet: nothing is dated, which is true.
        return empty(History::Available);
    };
    let mut by_rel: HashMap<&str, NaiveDate> = HashMap::new();
    let mut current: Option<NaiveDate> = None;
    for line in log.lines() {
        if let Some(date) = line.strip_prefix('\u{1}') {
            current = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
            continue;
        }
        let Some(date) = current else { continue };
        let mut fields = line.split('\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some("A"), Some(path), None) => {
                by_rel.insert(path, date);
            }
            (Some(status), Some(old), Some(new)) if status.starts_with('R') => {
                let first = by_rel.get(old).copied().unwrap_or(date);
                by_rel.insert(new, first);
            }
            _ => {}
        }
    }
    AddedDates {
        history: History::Available,
        dates: by_rel
            .into_iter()
            .map(|(rel, date)| (top.join(rel), date))
            .collect(),
    }
}
