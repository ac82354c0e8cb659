//! The `json` format of `decide check`, schema version 1 (SPEC §5):
//! `{"schema_version":1,"diagnostics":[...],"summary":{files,errors,warnings}}`.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, Summary};

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    diagnostics: Vec<Item<'a>>,
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

pub fn render(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let report = Report {
        schema_version: 1,
        diagnostics: diagnostics
            .iter()
            .map(|d| Item {
                code: d.code.as_str(),
                slug: d.code.slug(),
                severity: d.severity,
                message: &d.message,
                path: &d.path,
                line: d.line,
                column: d.column,
                help: d.help.as_deref(),
            })
            .collect(),
        summary,
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
