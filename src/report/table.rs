//! The report for a terminal: the sections as tables as wide as the
//! terminal, 100 columns when the output is not one. Titles and notes are
//! wrapped in their cells, never cut short.

use std::fmt::Write as _;

use super::{Section, counts_line, scope_line};
use crate::metrics::Report;
use crate::output;

/// Narrowest the report gets: below this, no table reads well.
const MIN_WIDTH: u16 = 40;

pub(crate) fn section(out: &mut String, s: &Section, width: u16) {
    let _ = writeln!(out, "\n{}", s.title);
    if s.rows.is_empty() {
        let _ = writeln!(out, "  {}", s.empty);
        return;
    }
    let rows: Vec<Vec<String>> = s
        .rows
        .iter()
        .map(|row| row.iter().map(|c| output::cell(c)).collect())
        .collect();
    let table = output::fitted_table(&s.headers, &rows, Some(width));
    out.push_str(&output::render_table(&table));
    for (column, gloss) in super::glossary::columns(&s.title) {
        let line = format!("  {column}: {gloss}");
        let _ = writeln!(out, "{}", output::wrap(&line, usize::from(width), 4));
    }
}

/// Writes the report as tables, each section as soon as it is built;
/// `quiet` leaves out the notes (`-q`).
pub fn write(
    out: &mut dyn std::io::Write,
    r: &Report,
    width: Option<u16>,
    quiet: bool,
) -> std::io::Result<()> {
    let width = width.unwrap_or(output::DEFAULT_WIDTH).max(MIN_WIDTH);
    write!(
        out,
        "Engagement report, {}\n{}\n",
        scope_line(r),
        output::wrap(&counts_line(r), usize::from(width), 2)
    )?;
    let mut first = true;
    super::each_section(r, |s| {
        let mut text = String::new();
        section(&mut text, &s, width);
        if std::mem::take(&mut first) {
            // One line per figure saying what it measures and which way is better.
            if !quiet {
                text.push_str("\nWhat the figures mean\n");
                for row in &s.rows {
                    if let Some(gloss) = row.first().and_then(|f| super::glossary::gloss(f)) {
                        let line = format!("{}: {gloss}", row[0]);
                        text.push_str(&output::wrap(&format!("  {line}"), usize::from(width), 4));
                        text.push('\n');
                    }
                }
            }
            if !quiet && !r.notes.is_empty() {
                text.push('\n');
                for note in &r.notes {
                    let _ = writeln!(text, "note: {note}");
                }
            }
        }
        out.write_all(text.as_bytes())
    })
}
