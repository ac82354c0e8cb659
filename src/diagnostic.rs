//! A lint finding: what `decide check` reports about one place in one file.
//!
//! Rules produce [`Diagnostic`]s and the output writers render them; neither
//! side knows about the other. A finding is data, not an error: the command
//! decides the exit code from the findings it keeps after configuration and
//! suppressions. A finding that a safe edit can mend carries that edit as a
//! [`Fix`], so `--fix` needs no second look at the log.

use std::borrow::Cow;

use serde::Serialize;

use crate::record::Id;
use crate::yaml::Pos;

mod code;

pub use code::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A safe edit that mends a finding, for `decide check --fix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Add `id` to the list under `key` in the record at `path` (creating the key when absent).
    AddReference {
        /// The record to edit, relative to the repository root.
        path: String,
        /// `superseded-by` or `supersedes`.
        key: &'static str,
        id: Id,
    },
    /// Write the canonical word for a status written as a synonym.
    SetStatus {
        /// The record to edit, relative to the repository root.
        path: String,
        status: crate::record::Status,
    },
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Relative to the repository root, with `/` separators.
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
    /// Most rules' help is one sentence for every finding: it is then
    /// borrowed, not copied into each (a hundred thousand findings held
    /// eight megabytes of copies).
    pub help: Option<Cow<'static, str>>,
    /// Boxed: few findings have one, and unboxed it doubled every
    /// finding's size.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// A finding at the rule's default severity.
    pub fn new(code: Code, path: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            path: path.to_string(),
            line: pos.line().max(1),
            column: pos.col().max(1),
            message: message.into(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    /// Whether `--fix` can mend this finding.
    pub fn fixable(&self) -> bool {
        self.fix.is_some()
    }
}

/// Totals printed after the findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked (the paths asked for, or every file of the log).
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn new(files: usize, diagnostics: &[Diagnostic]) -> Summary {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Summary {
            files,
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// The source lines findings point at, by display path and 1-based line
/// number, as `check`'s human format quotes them (after a byte-order mark,
/// without the line break). Taken from a file's text while it is loaded,
/// so that showing them need not read the file again.
#[derive(Debug, Default)]
pub struct Quotes(foldhash::HashMap<Box<str>, Vec<(usize, Box<str>)>>);

impl Quotes {
    /// The lines of `text` (a file's) that `lines` name, as [`Quotes::keep`] keeps
    /// them: taken apart without the quotes at hand, so threads that share
    /// them hold their lock only to keep what they found.
    pub fn lines(text: &str, lines: impl IntoIterator<Item = usize>) -> Vec<(usize, Box<str>)> {
        let mut lines: Vec<usize> = lines.into_iter().filter(|&l| l > 0).collect();
        lines.sort_unstable();
        lines.dedup();
        let mut all = crate::record::source::strip_bom(text).lines().enumerate();
        let mut kept = Vec::with_capacity(lines.len());
        for line in lines {
            match all.find(|(i, _)| i + 1 == line) {
                Some((_, shown)) => kept.push((line, shown.trim_end_matches(['\r', '\n']).into())),
                None => break,
            }
        }
        kept
    }

    /// Keeps `kept`, lines of the file at `path` from [`Quotes::lines`].
    pub fn keep(&mut self, path: &str, kept: Vec<(usize, Box<str>)>) {
        if !kept.is_empty() {
            self.0.entry(path.into()).or_default().extend(kept);
        }
    }

    /// Line `line` of the file at `path`, when it was kept.
    pub fn get(&self, path: &str, line: usize) -> Option<&str> {
        let kept = self.0.get(path)?;
        kept.iter()
            .find(|(l, _)| *l == line)
            .map(|(_, shown)| &**shown)
    }

    /// Adds what `other` kept.
    pub fn append(&mut self, other: Quotes) {
        for (path, kept) in other.0 {
            self.0.entry(path).or_default().extend(kept);
        }
    }
}
