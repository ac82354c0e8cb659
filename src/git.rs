//! Reading from git, when the log lives in a repository.
//!
//! git is run as a subprocess with fixed arguments; nothing from a record is
//! ever passed to it as an option. Every function returns `None` when git is
//! missing, the folder is not a repository, or the command fails, so callers
//! can say so and go on.

use std::path::Path;
use std::process::{Command, Stdio};

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
