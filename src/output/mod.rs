//! Rendering helpers shared by the commands: tables, CSV and JSON.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
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

/// Renders a table followed by a newline.
pub fn render_table(table: &Table) -> String {
    let mut out = table.to_string();
    out.push('\n');
    out
}

/// One CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(field: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(
            csv_row(["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\n"
        );
    }
}
