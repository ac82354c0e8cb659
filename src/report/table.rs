//! The report for a terminal: the sections as tables no wider than 100
//! columns (or the terminal, when narrower).

use std::fmt::Write;

use super::{Section, counts_line, scope_line, sections};
use crate::metrics::Report;
use crate::output;

/// Widest the report gets, whatever the terminal.
pub const MAX_WIDTH: u16 = 100;

fn section(out: &mut String, s: &Section, width: u16) {
    let _ = writeln!(out, "\n{}", s.title);
    if s.rows.is_empty() {
        let _ = writeln!(out, "  {}", s.empty);
        return;
    }
    let mut table = output::table(&s.headers, Some(width));
    for row in &s.rows {
        table.add_row(row.iter().map(|c| crate::output::cell(c)));
    }
    output::keep_words(&mut table, Some(width));
    out.push_str(&output::render_table(&table));
}

/// `quiet` leaves out the notes (`-q`).
pub fn render(r: &Report, width: Option<u16>, quiet: bool) -> String {
    let width = width.map_or(MAX_WIDTH, |w| w.clamp(40, MAX_WIDTH));
    let mut out = format!(
        "Engagement report, {}\n{}\n",
        scope_line(r),
        output::wrap(&counts_line(r), usize::from(width), 2)
    );
    let all = sections(r);
    let mut rest = all.iter();
    if let Some(summary) = rest.next() {
        section(&mut out, summary, width);
    }
    if !quiet && !r.notes.is_empty() {
        out.push('\n');
        for note in &r.notes {
            let _ = writeln!(out, "note: {note}");
        }
    }
    for s in rest {
        section(&mut out, s, width);
    }
    out
}
