//! The `junit` format of `decide check`: JUnit XML for CI systems that show
//! test reports (GitLab `artifacts: reports: junit:`, Jenkins, Azure).
//!
//! Each checked file is one test case, named by its path; each finding in
//! it is one `<failure>` (warnings too, so `--strict` and the report agree
//! on what is wrong). The counts follow JUnit: `tests` is the number of
//! files, `failures` the number of files with at least one finding.
//!
//! Record text is escaped for XML, and characters XML 1.0 cannot carry at
//! all (most C0 controls) become U+FFFD, so the report always parses.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

/// `files` are the display paths of the files checked; a finding on a file
/// outside them still gets a test case. Written a test case at a time.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], files: &[String]) -> io::Result<()> {
    let mut cases: BTreeMap<&str, Vec<&Diagnostic>> =
        files.iter().map(|f| (f.as_str(), Vec::new())).collect();
    for d in diagnostics {
        cases.entry(&*d.path).or_default().push(d);
    }
    let failed = cases.values().filter(|found| !found.is_empty()).count();
    let counts = format!(
        "tests=\"{}\" failures=\"{failed}\" errors=\"0\"",
        cases.len()
    );
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<testsuites name=\"decide check\" {counts}>")?;
    writeln!(
        out,
        "  <testsuite name=\"decide check\" {counts} skipped=\"0\">"
    )?;
    for (path, found) in &cases {
        let path = escape(path);
        write!(
            out,
            "    <testcase classname=\"decide\" name=\"{path}\" file=\"{path}\""
        )?;
        if found.is_empty() {
            writeln!(out, "/>")?;
            continue;
        }
        writeln!(out, ">")?;
        for d in found {
            let mut text = format!(
                "{}:{}:{}: {} [{}] {}",
                d.path,
                d.line,
                d.column,
                d.code.as_str(),
                d.severity.as_str(),
                d.message
            );
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            writeln!(
                out,
                "      <failure type=\"{} {}\" message=\"{}\">{}</failure>",
                d.code.as_str(),
                d.code.slug(),
                escape(&format!("line {}: {}", d.line, d.message)),
                escape(&text)
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>\n</testsuites>")
}

/// Escapes text for an XML attribute or element. Line breaks and tabs are
/// written as character references, so attribute values keep them.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if allowed_in_xml(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0's `Char` production.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_cannot_escape_the_text() {
        assert_eq!(
            escape("a<b>&\"c\"'\n\u{1b}[31m\u{0}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#10;\u{FFFD}[31m\u{FFFD}"
        );
        assert_eq!(
            escape("]]></failure><x>"),
            "]]&gt;&lt;/failure&gt;&lt;x&gt;"
        );
    }
}
