//! The `gitlab` format of `decide check`: a GitLab Code Quality report, the
//! subset of the Code Climate issue format that GitLab reads
//! (`artifacts: reports: codequality:`), so findings show in the merge
//! request widget and the diff.
//!
//! Severities map error → `major` and warning → `minor`. Fingerprints are
//! stable across runs ([`super::fingerprint`]), so GitLab can tell new
//! findings from fixed ones. serde_json escapes all record text.

use std::io::{self, Write};

use serde::Serialize;

use super::fingerprint::fingerprints;
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'static str,
    description: String,
    categories: [&'static str; 1],
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The findings as a JSON array, serialised as it is written.
struct Issues<'a> {
    diagnostics: &'a [Diagnostic],
    fingerprints: Vec<String>,
}

impl Serialize for Issues<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.diagnostics.iter().zip(&self.fingerprints).map(
            |(d, fingerprint)| Issue {
                kind: "issue",
                check_name: d.code.as_str(),
                description: format!("{} {}: {}", d.code.as_str(), d.code.slug(), d.message),
                categories: ["Style"],
                fingerprint: fingerprint.clone(),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: &d.path,
                    lines: Lines { begin: d.line },
                },
            },
        ))
    }
}

/// Writes the report, each issue as it is made.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let issues = Issues {
        diagnostics,
        fingerprints: fingerprints(diagnostics),
    };
    super::write_json(out, &issues)
}
