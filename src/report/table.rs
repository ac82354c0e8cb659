//! The report for a terminal: the sections as tables as wide as the
//! terminal, 100 columns when the output is not one. Titles and notes are
//! wrapped in their cells, never cut short.

use std::fmt::Write;

use super::{Section, counts_line, scope_line};
use crate::metrics::Report;
use crate::output;

/// Narrowest the report gets: below this, no table reads well.
const MIN_WIDTH: u16 = 40;

pub(crate) fn section(out: &mut String, s: Section, width: u16) {
    // Writing to a String never fails.
    let _ = write_section(out, s, width);
}

/// Writes one section: its title, its table (or what it says when there
/// are no rows) and what its columns mean. The section is taken whole so
/// that each cell is cut where it lies and the rows are dropped once laid
/// out: for the per-decision table of a large log, every copy of its cells
/// would be several megabytes more at once.
fn write_section(out: &mut dyn Write, mut s: Section, width: u16) -> std::fmt::Result {
    writeln!(out, "\n{}", s.title)?;
    if s.rows.is_empty() {
        return writeln!(out, "  {}", s.empty);
    }
    for cell in s.rows.iter_mut().flatten() {
        if !output::at_most_chars(cell, output::MAX_CELL) {
            *cell = output::cell(cell);
        }
    }
    let table = output::fitted_table(&s.headers, std::mem::take(&mut s.rows), Some(width));
    table.write_to(out)?;
    writeln!(out)?;
    for (column, gloss) in super::glossary::columns(&s.title) {
        let line = format!("  {column}: {gloss}");
        writeln!(out, "{}", output::wrap(&line, usize::from(width), 4))?;
    }
    Ok(())
}

/// An [`std::io::Write`] taken as a [`Write`], keeping the I/O error that
/// a formatting error stands for.
struct Io<'a> {
    out: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Write for Io<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

impl Io<'_> {
    fn result(self, written: std::fmt::Result) -> std::io::Result<()> {
        match (written, self.error) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(e)) => Err(e),
            (Err(_), None) => Err(std::io::Error::other("formatting failed")),
        }
    }
}

/// Writes the report as tables, each section as soon as it is built (and
/// each table as it is drawn); `quiet` leaves out the notes (`-q`).
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
        if !std::mem::take(&mut first) {
            let mut io = Io { out, error: None };
            let written = write_section(&mut io, s, width);
            return io.result(written);
        }
        // One line per figure saying what it measures and which way is better.
        let mut text = String::new();
        let glossed: Vec<String> = match quiet {
            true => Vec::new(),
            false => s
                .rows
                .iter()
                .filter_map(|row| row.first().cloned())
                .collect(),
        };
        section(&mut text, s, width);
        if !quiet {
            text.push_str("\nWhat the figures mean\n");
            for figure in &glossed {
                if let Some(gloss) = super::glossary::gloss(figure) {
                    let line = format!("{figure}: {gloss}");
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
        out.write_all(text.as_bytes())
    })
}
