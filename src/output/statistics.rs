//! `decide check --statistics`: how many findings each rule has, most
//! first (ties by code), as text or as JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Code;

#[derive(Serialize)]
struct Row {
    code: &'static str,
    slug: &'static str,
    count: usize,
    errors: usize,
    warnings: usize,
}

fn rows(diagnostics: &[Diagnostic]) -> Vec<Row> {
    let mut by_code: BTreeMap<Code, Row> = BTreeMap::new();
    for d in diagnostics {
        let row = by_code.entry(d.code).or_insert(Row {
            code: d.code.as_str(),
            slug: d.code.slug(),
            count: 0,
            errors: 0,
            warnings: 0,
        });
        row.count += 1;
        match d.severity {
            Severity::Error => row.errors += 1,
            Severity::Warning => row.warnings += 1,
        }
    }
    let mut rows: Vec<Row> = by_code.into_values().collect();
    // Stable: equal counts stay in code order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.count));
    rows
}

/// One line per rule: count, code, slug, and how many are errors and warnings.
pub fn text(diagnostics: &[Diagnostic]) -> String {
    let rows = rows(diagnostics);
    let slug_width = rows.iter().map(|r| r.slug.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        out.push_str(&format!(
            "{:>5}  {}  {:<slug_width$}  {} error{}, {} warning{}\n",
            r.count,
            r.code,
            r.slug,
            r.errors,
            if r.errors == 1 { "" } else { "s" },
            r.warnings,
            if r.warnings == 1 { "" } else { "s" },
        ));
    }
    out.push_str(&format!(
        "{:>5}  in all\n",
        rows.iter().map(|r| r.count).sum::<usize>()
    ));
    out
}

/// A JSON array of `{code, slug, count, errors, warnings}`.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let mut out = serde_json::to_string_pretty(&rows(diagnostics)).unwrap_or_default();
    out.push('\n');
    out
}
