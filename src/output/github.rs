//! The `github` format of `decide check`: GitHub Actions workflow commands
//! that annotate the pull request at the file and line of each finding.
//!
//! Record text arrives in pull requests from forks, so it is escaped as the
//! runner expects: `%`, CR and LF in the message, and also `:` and `,` in
//! properties. A record holding `%0A::set-env` or a line break therefore
//! stays inside its own annotation and cannot start a command of its own.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity, Summary};

/// Writes one workflow command per finding, as produced, then the counts.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], summary: &Summary) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            property(&d.path),
            d.line,
            d.column,
            property(&format!("{} {}", d.code.as_str(), d.code.slug())),
            data(&message)
        )?;
    }
    // Only numbers here: a plain log line never carries record text.
    writeln!(
        out,
        "decide: {}, {} in {}",
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
        count(summary.files, "file")
    )
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (file, title).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_start_a_new_command() {
        assert_eq!(
            data("50% done\n::set-env name=X::1"),
            "50%25 done%0A::set-env name=X::1"
        );
        assert_eq!(data("a%0A::set-env"), "a%250A::set-env");
        assert_eq!(property("d/a,b:c.md\r"), "d/a%2Cb%3Ac.md%0D");
    }
}
