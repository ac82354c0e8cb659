//! A lint finding: what `decide check` reports about one place in one file.
//!
//! Rules produce [`Diagnostic`]s and the output writers render them; neither
//! side knows about the other. A finding is data, not an error: the command
//! decides the exit code from the findings it keeps after configuration and
//! suppressions. A finding that a safe edit can mend carries that edit as a
//! [`Fix`], so `--fix` needs no second look at the log.

use std::borrow::Cow;
use std::sync::Arc;

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

/// The path a finding is made on: a record's shared path is shared, not
/// copied; any other is copied once.
pub trait Shared {
    fn shared(self) -> Arc<str>;
}

impl Shared for &Arc<str> {
    fn shared(self) -> Arc<str> {
        Arc::clone(self)
    }
}

impl Shared for &str {
    fn shared(self) -> Arc<str> {
        Arc::from(self)
    }
}

impl Shared for &String {
    fn shared(self) -> Arc<str> {
        Arc::from(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// Relative to the repository root, with `/` separators: shared with
    /// the record it is about when made from the record's path (a hundred
    /// thousand findings held 6 MB of copies).
    pub path: Arc<str>,
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
    /// The line it points at, when it was kept as the file was read
    /// ([`quote`]), for the human format: kept with the finding, not in a
    /// table by path and line (at 100,000 decisions the table took 18 MB,
    /// the findings' own quotes 5).
    pub quote: Option<Box<str>>,
}

impl Diagnostic {
    /// A finding at the rule's default severity.
    pub fn new(code: Code, path: impl Shared, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            path: path.shared(),
            line: pos.line().max(1),
            column: pos.col().max(1),
            // `format!` leaves room it may not need: a finding is held to
            // the end of the run, and `check` at 100,000 decisions holds
            // 130,000 of them (peak RSS 166 -> 160 MB without the room).
            message: {
                let mut message: String = message.into();
                message.shrink_to_fit();
                message
            },
            help: None,
            fix: None,
            quote: None,
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

/// Quotes in each of `found` (findings on the file whose text is `text`)
/// the line it points at ([`lines_of`]). Taken from the file's text while
/// it is loaded, so that showing it need not read the file again.
pub fn quote(text: &str, found: &mut [Diagnostic]) {
    let kept = lines_of(text, found.iter().map(|f| f.line).collect());
    for f in found {
        if let Ok(at) = kept.binary_search_by_key(&f.line, |(line, _)| *line) {
            f.quote = Some(kept[at].1.into());
        }
    }
}

/// The lines of `text` numbered `lines` (1-based, in any order), each
/// once and in order, as `check`'s human format shows them: counted after
/// a byte-order mark, without the line break. Line 0 and lines past the
/// end are left out.
pub fn lines_of(text: &str, mut lines: Vec<usize>) -> Vec<(usize, &str)> {
    lines.retain(|&l| l > 0);
    lines.sort_unstable();
    lines.dedup();
    let mut all = crate::record::source::strip_bom(text).lines().enumerate();
    let mut kept = Vec::with_capacity(lines.len());
    for line in lines {
        match all.find(|(i, _)| i + 1 == line) {
            Some((_, shown)) => kept.push((line, shown.trim_end_matches(['\r', '\n']))),
            None => break,
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message made by `format!` is held without the room it was built in.
    #[test]
    fn a_finding_holds_its_message_without_spare_room() {
        let (due, as_of) = (String::from("2025-01-01"), String::from("2026-03-01"));
        let made = format!("revisit was due on {due} (as of {as_of})");
        assert!(
            made.capacity() > made.len(),
            "format! no longer leaves room"
        );
        let d = Diagnostic::new(Code::NoOwner, "a.md", Pos::new(1, 1), made);
        assert_eq!(
            d.message,
            "revisit was due on 2025-01-01 (as of 2026-03-01)"
        );
        assert_eq!(d.message.capacity(), d.message.len());
    }

    /// Each finding quotes its own line, after a byte-order mark and
    /// without the line break; a line 0 or past the end quotes nothing.
    #[test]
    fn findings_quote_the_lines_they_point_at() {
        let text = "\u{feff}---\r\nstatus: draftt\r\nid: 7\n---\nlast";
        let at = |line| {
            let pos = Pos::new(line, 1);
            Diagnostic::new(Code::MissingField, "d/0001-a.md", pos, "m")
        };
        let mut found = vec![at(2), at(5), at(2), at(1), at(9)];
        found[3].line = 0;
        quote(text, &mut found);
        let quoted: Vec<Option<&str>> = found.iter().map(|f| f.quote.as_deref()).collect();
        assert_eq!(
            quoted,
            [
                Some("status: draftt"),
                Some("last"),
                Some("status: draftt"),
                None,
                None
            ]
        );
        let mut first = vec![at(1)];
        quote(text, &mut first);
        assert_eq!(first[0].quote.as_deref(), Some("---"));
    }
}
