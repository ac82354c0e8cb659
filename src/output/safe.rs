//! Text from records, file names and configuration made safe to show.
//!
//! Record text arrives in pull requests from forks, and what `decide` prints
//! reaches terminals and CI logs. A terminal obeys escape sequences (OSC 52
//! writes the clipboard, OSC 8 makes links, CSI clears the screen), bidi
//! overrides make text read differently from what it is, and the GitHub
//! Actions runner obeys any line that starts with `::`. [`text`] is the one
//! function every output goes through ([`crate::run`] applies it to what
//! each command prints; the binary to its errors): it writes each such
//! character as a visible `\uXXXX` escape (the JSON spelling, so JSON output
//! stays valid and reads back as the original text) and defuses a line that
//! would start a workflow command.

use std::borrow::Cow;

/// Whether a terminal could read `c` as a control rather than as text: C0
/// controls except tab and newline, DEL, C1 controls, and the bidi
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` with every [`is_control`] character escaped as `\uXXXX`, and the
/// first `:` of a line that starts (after blanks) with `::` escaped as
/// `\u003a`, so no line can start a GitHub Actions workflow command.
pub fn text(text: &str) -> Cow<'_, str> {
    let controls = controls(text);
    if !starts_a_command(&controls) {
        return controls;
    }
    let mut out = String::with_capacity(controls.len() + 8);
    for line in controls.split_inclusive('\n') {
        let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
        if line[blanks..].starts_with("::") {
            out.push_str(&line[..blanks]);
            out.push_str("\\u003a");
            out.push_str(&line[blanks + 1..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// `text` with every [`is_control`] character escaped, lines left as they
/// are: for output whose lines are workflow commands by design (`check
/// --format github`, which keeps record text inside one line itself).
pub fn controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn starts_a_command(text: &str) -> bool {
    text.split('\n')
        .any(|line| line.trim_start_matches([' ', '\t']).starts_with("::"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(
            text("a\u{1b}]52;c;SGVsbG8=\u{7}b"),
            "a\\u001b]52;c;SGVsbG8=\\u0007b"
        );
        assert_eq!(text("x\u{9b}2J\u{7f}"), "x\\u009b2J\\u007f");
        assert_eq!(text("\u{202e}cod.exe\u{2066}"), "\\u202ecod.exe\\u2066");
        assert_eq!(text("cr\rlf"), "cr\\u000dlf");
        // Tabs, newlines and ordinary non-ASCII text stay.
        assert_eq!(text("a\tb\nc é — 日本"), "a\tb\nc é — 日本");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn no_line_can_start_a_workflow_command() {
        assert_eq!(
            text("error: bad key `x\n::error file=README.md::owned`\n"),
            "error: bad key `x\n\\u003a:error file=README.md::owned`\n"
        );
        assert_eq!(text("::warning::a"), "\\u003a:warning::a");
        assert_eq!(text("  \t::set-output"), "  \t\\u003a:set-output");
        // Only at the start of a line.
        assert_eq!(text("a::b\n"), "a::b\n");
        // A CR cannot hide one either: it is escaped, so the line is one line.
        assert_eq!(text("x\r::error::y"), "x\\u000d::error::y");
    }
}
