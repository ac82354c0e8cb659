//! The baseline: findings a team has agreed to leave for now, so `decide
//! check` fails only on new ones (how phpstan, rubocop and detekt are
//! adopted on existing code; decisions/0013 records the design).
//!
//! A finding is remembered by its fingerprint: the rule, the file, and the
//! message with line numbers and day counts taken out. The message names
//! the key or section (`` `owners` ``, `` the `Rationale` section ``), so
//! the fingerprint holds what the finding is about, and survives edits
//! elsewhere in the file and lines that move. Identical fingerprints in one
//! file are counted, as phpstan counts them: a third occurrence where the
//! baseline has two is new.
//!
//! The file is JSON, one entry per fingerprint, sorted, so a pull request
//! that shrinks it reads as a few removed lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::log::Location;

/// The file name used when `decide.toml` names none.
pub const FILE_NAME: &str = "decide-baseline.json";
const SCHEMA_VERSION: u32 = 1;

/// One remembered finding, and how many times it occurs in its file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub message: String,
    pub count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema_version: u32,
    findings: Vec<Entry>,
}

/// The findings a baseline holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: Vec<Entry>,
}

/// What applying a baseline left.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// The findings not in the baseline: the ones to report.
    pub new: Vec<Diagnostic>,
    /// How many findings the baseline left out.
    pub left_out: usize,
    /// Entries (with the count unmatched) that match no finding any more.
    pub stale: Vec<Entry>,
}

/// Where the baseline of the log at `location` lives: `baseline` in
/// `decide.toml` (relative to that file), else `decide-baseline.json` next
/// to `decide.toml`, else at the repository root, where `decide.toml` would be.
pub fn path(location: &Location) -> PathBuf {
    let base = location
        .config
        .file
        .as_ref()
        .and_then(|f| f.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| location.root.clone());
    base.join(
        location
            .config
            .baseline
            .as_deref()
            .unwrap_or(Path::new(FILE_NAME)),
    )
}

/// The message as the fingerprint holds it: with line numbers and day
/// counts replaced by `#`, since they change with unrelated edits and with
/// the calendar.
pub fn message_key(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len() - start, |n| n);
        let before = &rest[..start];
        let after = &rest[start + digits..];
        let numbered_line = before.ends_with("line ") || before.ends_with("lines ");
        let day_count = after.starts_with(" day");
        out.push_str(before);
        if numbered_line || day_count {
            out.push('#');
        } else {
            out.push_str(&rest[start..start + digits]);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn fingerprint(d: &Diagnostic) -> (String, String, String) {
    (
        d.path.to_string(),
        d.code.as_str().to_string(),
        message_key(&d.message),
    )
}

impl Baseline {
    /// The baseline of `findings`.
    pub fn of(findings: &[Diagnostic]) -> Baseline {
        let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for d in findings {
            *counts.entry(fingerprint(d)).or_default() += 1;
        }
        Baseline {
            entries: counts
                .into_iter()
                .map(|((path, code, message), count)| Entry {
                    path,
                    code,
                    message,
                    count,
                })
                .collect(),
        }
    }

    /// Reads the baseline at `path`; `None` when there is no file.
    pub fn load(path: &Path) -> Result<Option<Baseline>, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let bad = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let file: File = serde_json::from_str(&text).map_err(|e| {
            bad(format!(
                "not a decide baseline ({e}); `decide check --write-baseline` writes a new one"
            ))
        })?;
        if file.schema_version != SCHEMA_VERSION {
            return Err(bad(format!(
                "baseline schema_version {} is not {SCHEMA_VERSION}; `decide check --write-baseline` writes a new one",
                file.schema_version
            )));
        }
        Ok(Some(Baseline {
            entries: file.findings,
        }))
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let file = File {
            schema_version: SCHEMA_VERSION,
            findings: self.entries.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a baseline serialises");
        text.push('\n');
        text
    }

    pub fn len(&self) -> usize {
        self.entries.iter().map(|e| e.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Leaves out the findings the baseline holds. Entries for files
    /// `in_scope` does not pick are never stale (a run on some files says
    /// nothing about the others).
    pub fn apply(&self, findings: Vec<Diagnostic>, in_scope: impl Fn(&str) -> bool) -> Applied {
        let mut left: BTreeMap<(String, String, String), usize> = self
            .entries
            .iter()
            .map(|e| ((e.path.clone(), e.code.clone(), e.message.clone()), e.count))
            .collect();
        let mut applied = Applied::default();
        for d in findings {
            match left.get_mut(&fingerprint(&d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    applied.left_out += 1;
                }
                _ => applied.new.push(d),
            }
        }
        applied.stale = left
            .into_iter()
            .filter(|((path, ..), n)| *n > 0 && in_scope(path))
            .map(|((path, code, message), count)| Entry {
                path,
                code,
                message,
                count,
            })
            .collect();
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Code;
    use crate::yaml::Pos;

    fn d(code: Code, path: &str, line: usize, message: &str) -> Diagnostic {
        Diagnostic::new(code, path, Pos::new(line, 1), message)
    }

    #[test]
    fn line_numbers_and_day_counts_leave_the_fingerprint() {
        assert_eq!(
            message_key("`status` given twice (first on line 3)"),
            "`status` given twice (first on line #)"
        );
        assert_eq!(
            message_key("open action was due on 2026-02-01 (28 days ago)"),
            "open action was due on 2026-02-01 (# days ago)"
        );
        assert_eq!(message_key("`12` does not exist"), "`12` does not exist");
    }

    #[test]
    fn moved_findings_stay_baselined_and_new_ones_are_reported() {
        let old = vec![
            d(
                Code::NoOwner,
                "d/0001-a.md",
                2,
                "accepted decision has no `owners`",
            ),
            d(Code::Placeholder, "d/0001-a.md", 9, "TODO in `Context`"),
            d(Code::Placeholder, "d/0001-a.md", 12, "TODO in `Context`"),
        ];
        let baseline = Baseline::of(&old);
        assert_eq!(baseline.len(), 3);
        let now = vec![
            d(
                Code::NoOwner,
                "d/0001-a.md",
                5,
                "accepted decision has no `owners`",
            ),
            d(Code::Placeholder, "d/0001-a.md", 20, "TODO in `Context`"),
            d(Code::Placeholder, "d/0001-a.md", 21, "TODO in `Context`"),
            d(Code::Placeholder, "d/0001-a.md", 22, "TODO in `Context`"),
        ];
        let applied = baseline.apply(now, |_| true);
        assert_eq!(applied.left_out, 3);
        assert_eq!(applied.new.len(), 1);
        assert_eq!(applied.new[0].line, 22);
        assert!(applied.stale.is_empty());
    }

    #[test]
    fn fixed_findings_are_stale_only_in_scope() {
        let baseline = Baseline::of(&[d(Code::NoOwner, "d/0001-a.md", 2, "no `owners`")]);
        let applied = baseline.apply(Vec::new(), |_| true);
        assert_eq!(applied.stale.len(), 1);
        let applied = baseline.apply(Vec::new(), |p| p == "d/0002-b.md");
        assert!(applied.stale.is_empty());
    }

    #[test]
    fn round_trip_and_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert_eq!(Baseline::load(&path).unwrap(), None);
        let baseline = Baseline::of(&[d(Code::NoOwner, "d/0001-a.md", 2, "no `owners`")]);
        std::fs::write(&path, baseline.to_json()).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), Some(baseline));
        std::fs::write(&path, "{\"findings\": 3}").unwrap();
        let err = Baseline::load(&path).unwrap_err().to_string();
        assert!(err.contains("not a decide baseline"), "{err}");
    }
}
