//! The `concise` format of `decide check`: one finding per line,
//! `path:line:col: CODE [severity] message`, for editors and grep.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

/// Writes one line per finding, as produced.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            d.path,
            d.line,
            d.column,
            d.code.as_str(),
            d.severity.as_str(),
            one_line(&d.message)
        )?;
    }
    Ok(())
}

/// Messages quote record text, which may hold line breaks; one finding stays one line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
