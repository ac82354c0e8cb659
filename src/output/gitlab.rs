//! The `gitlab` format of `decide check`: a GitLab Code Quality report, the
//! subset of the Code Climate issue format that GitLab reads
//! (`artifacts: reports: codequality:`), so findings show in the merge
//! request widget and the diff.
//!
//! Severities map error → `major` and warning → `minor`. Fingerprints are
//! stable across runs ([`super::fingerprint`]), so GitLab can tell new
//! findings from fixed ones. serde_json escapes all record text.

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

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let issues: Vec<Issue> = diagnostics
        .iter()
        .zip(fingerprints(diagnostics))
        .map(|(d, fingerprint)| Issue {
            kind: "issue",
            check_name: d.code.as_str(),
            description: format!("{} {}: {}", d.code.as_str(), d.code.slug(), d.message),
            categories: ["Style"],
            fingerprint,
            severity: match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            location: Location {
                path: &d.path,
                lines: Lines { begin: d.line },
            },
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}
