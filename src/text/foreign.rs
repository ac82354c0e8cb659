//! Recognising a record written in another tool's format.
//!
//! A file without front matter is usually a record from adr-tools, MADR 2 or
//! log4brains. Records note which one it looks like while the text is in
//! memory, and `check` then names the format and the `decide import --from`
//! value that converts it, instead of only saying the front matter is missing.

/// Which foreign format a record without front matter is in, and the `--from` to import it.
pub fn looks_like(text: &str) -> Option<(&'static str, &'static str)> {
    let mut numbered_title = false;
    let mut status_section = false;
    for line in text.lines().map(|l| l.trim_end_matches('\r')) {
        let lower = line.trim().to_ascii_lowercase();
        if ["* status:", "- status:", "* status :", "- status :"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            return Some(("a MADR 2 or log4brains", "madr"));
        }
        if let Some(rest) = line.strip_prefix("# ") {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            numbered_title |= digits > 0 && rest[digits..].starts_with(". ");
        }
        status_section |= lower == "## status";
    }
    (numbered_title || status_section).then_some(("an adr-tools (Nygard)", "adr-tools"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_format_a_file_is_in() {
        assert_eq!(
            looks_like("# Title\n\n* Status: accepted\n"),
            Some(("a MADR 2 or log4brains", "madr"))
        );
        assert_eq!(
            looks_like("# 3. Use LightGBM\n\nDate: 2026-01-10\n"),
            Some(("an adr-tools (Nygard)", "adr-tools"))
        );
        assert_eq!(
            looks_like("# Use LightGBM\r\n\r\n## Status\r\n\r\nAccepted\r\n"),
            Some(("an adr-tools (Nygard)", "adr-tools"))
        );
        assert_eq!(looks_like("# Use LightGBM\n\nWe chose it.\n"), None);
        assert_eq!(looks_like("# 2026 plans\n"), None);
    }
}
