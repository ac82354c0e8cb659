//! The report as GitHub-flavoured Markdown, to paste into a pull request or
//! a wiki. Record text is escaped so a title cannot break a table, start a
//! heading or smuggle in HTML.

use std::fmt::Write;

use super::{Section, counts_line, scope_line};
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

/// Escapes record text for Markdown prose (a list item, a paragraph), where
/// it should read as written: `PSI > 0.2` and `AUC <= 0.8` stay as they are.
/// Only what Markdown would act on is escaped, with a backslash rather than
/// an HTML entity: emphasis and code marks, link brackets, a `<` that could
/// open a tag or an autolink, and an `&` that could start an entity. Tables
/// keep [`escape`], where a `|` or a line break would end a cell.
pub fn prose(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("\\<");
            }
            '&' if entity_like(&chars[i + 1..]) => out.push_str("\\&"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Whether text after an `&` reads as an entity (`amp;`, `#60;`).
fn entity_like(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
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
    let glosses = super::glossary::columns(&s.title);
    if !glosses.is_empty() {
        for (column, gloss) in glosses {
            let _ = writeln!(out, "- *{column}*: {gloss}");
        }
        out.push('\n');
    }
}

/// Writes the report as Markdown, each section as soon as it is built.
pub fn write(out: &mut dyn std::io::Write, r: &Report) -> std::io::Result<()> {
    let scope = scope_line(r);
    let mut chars = scope.chars();
    let scope: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    write!(
        out,
        "## Engagement report\n\n{}. {}.",
        escape(&super::clean(&scope)),
        escape(&counts_line(r))
    )?;
    let mut first = true;
    super::each_section(r, |s| {
        // Each section is written after the blank line that ends the one
        // before, so the report ends with a single newline.
        let mut text = String::from("\n\n");
        if std::mem::take(&mut first) {
            // The summary carries each figure's meaning in a column of its own.
            let s = super::summary_glossed(r);
            let _ = writeln!(text, "### {}\n", escape(&s.title));
            table(&mut text, &s);
            if !r.notes.is_empty() {
                // The notes are the tool's own words, so their `code` spans stay.
                text.push_str("Notes:\n\n");
                for note in &r.notes {
                    let _ = writeln!(text, "- {note}");
                }
            }
        } else {
            let _ = writeln!(text, "### {}\n", escape(&s.title));
            table(&mut text, &s);
        }
        out.write_all(text.trim_end().as_bytes())
    })?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod prose_tests {
    use super::prose;

    #[test]
    fn prose_reads_as_written_and_stays_inert() {
        assert_eq!(
            prose("PSI > 0.2 and AUC <= 0.8 & R&D"),
            "PSI > 0.2 and AUC <= 0.8 & R&D"
        );
        assert_eq!(prose("<script>x</script>"), "\\<script>x\\</script>");
        assert_eq!(
            prose("**bold** [link](u) `code` &amp;"),
            "\\*\\*bold\\*\\* \\[link\\](u) \\`code\\` \\&amp;"
        );
        assert_eq!(prose("two\nlines"), "two lines");
    }
}
