//! The `json` format of `decide check`, schema version 1 (SPEC §5):
//! `{"schema_version":1,"diagnostics":[...],"summary":{files,errors,warnings}}`.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, Summary};

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    diagnostics: Items<'a>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Item<'a> {
    code: &'static str,
    slug: &'static str,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    help: Option<&'a str>,
}

/// Writes the findings and summary to `out` as they are serialised.
pub fn write(
    out: &mut dyn std::io::Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
) -> std::io::Result<()> {
    let report = Report {
        schema_version: 1,
        diagnostics: Items(diagnostics),
        summary,
    };
    super::write_json(out, &report)
}

/// The findings, serialised one by one rather than collected first.
struct Items<'a>(&'a [Diagnostic]);

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|d| Item {
            code: d.code.as_str(),
            slug: d.code.slug(),
            severity: d.severity,
            message: &d.message,
            path: &d.path,
            line: d.line,
            column: d.column,
            help: d.help.as_deref(),
        }))
    }
}
