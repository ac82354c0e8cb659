//! The report as GitHub-flavoured Markdown, to paste into a pull request or
//! a wiki. Record text is escaped so a title cannot break a table, start a
//! heading or smuggle in HTML.

use std::fmt::Write;

use super::{Section, counts_line, scope_line, sections};
use crate::metrics::Report;

/// Escapes text for a Markdown table cell or paragraph.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Shown escaped, as everywhere (`output::safe`), its backslash escaped too.
            c if crate::output::safe::is_control(c) => {
                let _ = write!(out, "\\\\u{:04x}", u32::from(c));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn table(out: &mut String, s: &Section) {
    if s.rows.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&s.empty));
        return;
    }
    let _ = writeln!(out, "| {} |", s.headers.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        s.headers
            .iter()
            .map(|_| "---")
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in &s.rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

pub fn render(r: &Report) -> String {
    let scope = scope_line(r);
    let mut chars = scope.chars();
    let scope: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let mut out = format!(
        "## Engagement report\n\n{}. {}.\n\n",
        escape(&super::clean(&scope)),
        escape(&counts_line(r))
    );
    let all = sections(r);
    for (i, s) in all.iter().enumerate() {
        let _ = writeln!(out, "### {}\n", escape(&s.title));
        table(&mut out, s);
        if i == 0 && !r.notes.is_empty() {
            // The notes are the tool's own words, so their `code` spans stay.
            out.push_str("Notes:\n\n");
            for note in &r.notes {
                let _ = writeln!(out, "- {note}");
            }
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
