//! Errors that stop a command (exit code 2). Lint findings are not errors:
//! they are [`crate::diagnostic::Diagnostic`]s.

use std::path::PathBuf;

use crate::text::path::slashed;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    // The cause is the error's source, which `{:#}` prints after the path.
    #[error("{}", slashed(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", slashed(path))]
    Config { path: PathBuf, message: String },
    #[error(
        "no decision log found (looked for --dir, DECIDE_DIR, `dir` in decide.toml, then decisions/, docs/decisions/, doc/adr/, docs/adr/ under {})\nhelp: run `decide init` to create one, or pass --dir",
        slashed(root)
    )]
    NoLog { root: PathBuf },
    #[error("log folder {} does not exist", slashed(path))]
    MissingDir { path: PathBuf },
    #[error("{0}")]
    Usage(String),
    #[error("no decision with id {0}")]
    NotFound(String),
}
