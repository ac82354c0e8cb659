//! The `concise` format of `decide check`: one finding per line,
//! `path:line:col: CODE [severity] message`, for editors and grep.

use crate::diagnostic::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {} [{}] {}\n",
            d.path,
            d.line,
            d.column,
            d.code.as_str(),
            d.severity.as_str(),
            one_line(&d.message)
        ));
    }
    out
}

/// Messages quote record text, which may hold line breaks; one finding stays one line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
