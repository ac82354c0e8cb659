//! Rendering helpers shared by the commands: tables, CSV and JSON.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod safe;
pub mod sarif;

use comfy_table::{ContentArrangement, Table, presets};

/// Widest a table gets when the terminal width is unknown.
pub const DEFAULT_WIDTH: u16 = 100;

/// A table with the project's look, wrapped to `width` columns.
pub fn table(header: &[&str], width: Option<u16>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.unwrap_or(DEFAULT_WIDTH))
        .set_header(header.iter().copied());
    table
}

/// Asks the table not to break words (an `ml-engineering` role split over
/// two lines is hard to read): each column gets at least the width of its
/// longest word, up to 24, when all of them fit in `width`.
pub fn keep_words(table: &mut Table, width: Option<u16>) {
    let width = usize::from(width.unwrap_or(DEFAULT_WIDTH));
    let columns = table.column_count();
    let mut longest = vec![0usize; columns];
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (i, cell) in row.cell_iter().enumerate().take(columns) {
            let word = cell
                .content()
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            longest[i] = longest[i].max(word.min(24));
        }
    }
    // Each column also takes one border and two padding characters.
    if longest.iter().map(|w| w + 3).sum::<usize>() + 1 > width {
        return;
    }
    let constraints = longest.iter().map(|&w| {
        comfy_table::ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(w as u16 + 2))
    });
    table.set_constraints(constraints);
}

/// Longest text a table cell shows, in characters.
pub const MAX_CELL: usize = 300;

/// `text` for a table cell: cut to [`MAX_CELL`] characters, marked `…`. The
/// table's layout costs more than linear time in a cell's length, so a
/// 900,000-character title would take minutes; no terminal shows it anyway.
pub fn cell(text: &str) -> String {
    match text.char_indices().nth(MAX_CELL) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Renders a table followed by a newline.
pub fn render_table(table: &Table) -> String {
    let mut out = table.to_string();
    out.push('\n');
    out
}

/// One CSV field, quoted when it must be (RFC 4180). A field that a
/// spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a
/// tab or a CR, OWASP's rule) gets a leading `'` so that it is shown as
/// text; a plain number (`-0.25`) is left as it is.
pub fn csv_field(field: &str) -> String {
    let neutralised;
    let field =
        if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err() {
            neutralised = format!("'{field}");
            neutralised.as_str()
        } else {
            field
        };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// One CSV line from fields, ending in CRLF-free `\n`.
pub fn csv_row<I, S>(fields: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut line = fields
        .into_iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// Wraps `text` at word boundaries so no line is wider than `width`
/// characters; continuation lines start with `indent` spaces. A single word
/// longer than the line is left whole rather than broken.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut line = String::new();
    // Splitting on single spaces keeps the padding of aligned columns.
    for (i, word) in text.split(' ').enumerate() {
        let len = line.chars().count() + usize::from(i > 0) + word.chars().count();
        if i > 0
            && len > width
            && !word.is_empty()
            && line.len() > indent
            && !line.trim().is_empty()
        {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
        } else if i > 0 {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_narrow() {
        let text = "  - alpha beta gamma delta epsilon zeta eta theta";
        let wrapped = wrap(text, 20, 4);
        assert_eq!(
            wrapped,
            "  - alpha beta gamma\n    delta epsilon\n    zeta eta theta"
        );
        assert_eq!(wrap("short", 20, 4), "short");
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_text() {
        assert_eq!(
            csv_row([
                "=HYPERLINK(\"http://x\",\"y\")",
                "+1+cmd",
                "@SUM(A1)",
                "-2+3",
                "\t=1"
            ]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+cmd,'@SUM(A1),'-2+3,'\t=1\n"
        );
        assert_eq!(
            csv_row(["\r=1", "-0.25", "+3", "a=b"]),
            "\"'\r=1\",-0.25,+3,a=b\n"
        );
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(
            csv_row(["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\n"
        );
    }
}
