//! Paths shown to people: the same on every system.

use std::path::Path;

/// `path` as written for output: with `/` separators on Windows too, so
/// messages, reports and CI annotations read the same on every platform.
/// (Elsewhere a `\` is a legal character of a file name and is kept.)
pub fn slashed(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}
