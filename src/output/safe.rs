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
use std::io::{self, Write};

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
    if !has_control(text.as_bytes()) {
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

/// Whether UTF-8 `bytes` hold an [`is_control`] character, looked for a
/// byte at a time without decoding: C0 and DEL are single bytes, C1
/// controls are `C2 80`–`C2 9F`, the bidi characters `E2 80 AA`–`E2 80 AE`
/// and `E2 81 A6`–`E2 81 A9` (lead bytes, never inside another character).
pub(crate) fn has_control(bytes: &[u8]) -> bool {
    // Most text holds no control: it is ruled out a block at a time, by a
    // test on each byte and the next that the compiler can run on many
    // bytes at once, and the exact test runs on a block only when that one
    // may hold a control. The pair test keeps the box-drawing characters
    // of a table (`E2 94`, `E2 95`) out of the exact test, which a test of
    // lead bytes alone would run on every block of every row.
    const BLOCK: usize = 64;
    let may_start = |b: u8, next: u8| {
        (b < 0x20) & (b != b'\n') & (b != b'\t')
            | (b == 0x7f)
            | (b == 0xc2) & (next & 0xe0 == 0x80)
            | (b == 0xe2) & (next & 0xfe == 0x80)
    };
    // The exact test of the character starting at `i` (it looks at most
    // two bytes ahead, never behind).
    let at = |i: usize| match bytes[i] {
        b'\n' | b'\t' => false,
        0..0x20 | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(0x80), Some(n)) => (0xaa..=0xae).contains(n),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
            _ => false,
        },
        _ => false,
    };
    let mut start = 0;
    // Whole blocks, each with the byte after it to pair its last byte with.
    while start + BLOCK < bytes.len() {
        let block = &bytes[start..start + BLOCK];
        let next = &bytes[start + 1..start + BLOCK + 1];
        let maybe = block
            .iter()
            .zip(next)
            .fold(false, |any, (&b, &n)| any | may_start(b, n));
        if maybe && (start..start + BLOCK).any(at) {
            return true;
        }
        start += BLOCK;
    }
    // The rest (all of most messages and paths) by lead bytes alone, so
    // that the exact test, a byte at a time, runs only on text that may
    // hold a control.
    let maybe = bytes[start..].iter().fold(false, |any, &b| {
        any | (b < 0x20) & (b != b'\n') & (b != b'\t') | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
    });
    maybe && (start..bytes.len()).any(at)
}

/// A writer that passes what is written through [`text`] (or [`controls`])
/// a line at a time, so that output streamed as it is produced is escaped
/// exactly as the same output made whole would be. [`Lines::finish`] writes
/// a last line without a newline.
///
/// What is written is held until [`HOLD`] bytes have come, then its whole
/// lines are escaped and passed on at once: writers such as serde_json's
/// write a token at a time, and a JSON report of 25 MB escaped a line at a
/// time spent more in this writer than in making the JSON.
pub struct Lines<'w> {
    out: &'w mut dyn Write,
    /// Written and not yet passed on: whole lines, then part of one.
    held: Vec<u8>,
    hold: usize,
    escape: for<'a> fn(&'a str) -> Cow<'a, str>,
}

/// How much [`Lines`] holds before it escapes and passes on whole lines.
const HOLD: usize = 64 * 1024;

impl<'w> Lines<'w> {
    /// Escapes as [`text`] does: controls, and lines that start a workflow command.
    pub fn text(out: &'w mut dyn Write) -> Lines<'w> {
        Lines::new(out, text)
    }

    /// Escapes as [`controls`] does, for output of workflow commands by design.
    pub fn controls(out: &'w mut dyn Write) -> Lines<'w> {
        Lines::new(out, controls)
    }

    fn new(out: &'w mut dyn Write, escape: for<'a> fn(&'a str) -> Cow<'a, str>) -> Lines<'w> {
        Lines {
            out,
            held: Vec::new(),
            hold: HOLD,
            escape,
        }
    }

    /// Passes on the whole lines held.
    fn pass_held(&mut self) -> io::Result<()> {
        let Some(last) = memchr::memrchr(b'\n', &self.held) else {
            return Ok(());
        };
        let passed = pass(self.out, self.escape, &self.held[..=last]);
        // The part of a line after the last newline stays held.
        self.held.drain(..=last);
        passed
    }

    /// Writes what is left, the last line even without a newline.
    pub fn finish(mut self) -> io::Result<()> {
        self.pass_held()?;
        if !self.held.is_empty() {
            pass(self.out, self.escape, &self.held)?;
        }
        self.out.flush()
    }
}

/// Passes `lines` (whole lines, but for a last one that ends the output)
/// on to `out`, at once where none needs escaping: each line is escaped
/// on its own, so lines that escaping leaves as they are together are left
/// as they are one by one. (A table of 10,000 rows took a tenth of
/// `decide list` a line at a time.)
fn pass(
    out: &mut dyn Write,
    escape: for<'a> fn(&'a str) -> Cow<'a, str>,
    lines: &[u8],
) -> io::Result<()> {
    // simdutf8's check, many times faster than the standard one on a
    // table's box-drawing characters, on one thread after the rows were
    // drawn on all of them; the same answer.
    let unchanged = simdutf8::basic::from_utf8(lines)
        .is_ok_and(|text| matches!(escape(text), Cow::Borrowed(_)));
    if unchanged {
        return out.write_all(lines);
    }
    for line in lines.split_inclusive(|&b| b == b'\n') {
        let line = match std::str::from_utf8(line) {
            Ok(line) => Cow::Borrowed(line),
            Err(_) => String::from_utf8_lossy(line),
        };
        out.write_all(escape(&line).as_bytes())?;
    }
    Ok(())
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.held.len() + buf.len() < self.hold {
            self.held.extend_from_slice(buf);
            return Ok(buf.len());
        }
        let Some(first) = memchr::memchr(b'\n', buf) else {
            self.held.extend_from_slice(buf);
            self.pass_held()?;
            return Ok(buf.len());
        };
        // The held line ends in `buf`; the whole lines after it pass on
        // from `buf` itself (a table drawn at once is not copied).
        self.held.extend_from_slice(&buf[..=first]);
        self.pass_held()?;
        let rest = &buf[first + 1..];
        let last = memchr::memrchr(b'\n', rest).map_or(0, |l| l + 1);
        pass(self.out, self.escape, &rest[..last])?;
        self.held.extend_from_slice(&rest[last..]);
        Ok(buf.len())
    }

    /// Passes on the whole lines held; part of a line stays held until
    /// the rest of it comes, as it cannot be escaped before.
    fn flush(&mut self) -> io::Result<()> {
        self.pass_held()?;
        self.out.flush()
    }
}

fn starts_a_command(text: &str) -> bool {
    // Line by line with memchr: most texts are one line, and splitting
    // them by a character searcher was a sixth of escaping them.
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let line = &bytes[start..];
        let blanks = line
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        if line[blanks..].starts_with(b"::") {
            return true;
        }
        match memchr::memchr(b'\n', line) {
            Some(end) => start += end + 1,
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `whole` written through a [`Lines`] writer in pieces of `chunk`
    /// bytes, which passes lines on whenever it holds `chunk` bytes or more
    /// (the pieces and the lines passed on at once thus both vary).
    fn streamed(only_controls: bool, whole: &str, chunk: usize) -> String {
        streamed_holding(only_controls, whole, chunk, chunk)
    }

    fn streamed_holding(only_controls: bool, whole: &str, chunk: usize, hold: usize) -> String {
        let mut out = Vec::new();
        let mut lines = match only_controls {
            false => Lines::text(&mut out),
            true => Lines::controls(&mut out),
        };
        lines.hold = hold;
        for piece in whole.as_bytes().chunks(chunk) {
            lines.write_all(piece).unwrap();
        }
        lines.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Whole lines pass through at once only when they are UTF-8 that
    /// needs no escape; bytes that are not UTF-8 are replaced, line by line.
    #[test]
    fn lines_that_are_not_utf8_are_replaced_not_passed_through() {
        let mut out = Vec::new();
        let mut lines = Lines::text(&mut out);
        lines
            .write_all(b"\xe2\x94\x8c ok\n\xff bad\n\xe2\x94\nfine\n")
            .unwrap();
        lines.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\u{250c} ok\n\u{fffd} bad\n\u{fffd}\nfine\n"
        );
    }

    #[test]
    fn controls_are_found_in_bytes_as_in_characters() {
        // Each character at the start, inside and across the edges of the
        // blocks the search rules out at once.
        let mut samples: Vec<String> = (0u32..0x300)
            .chain(0x2000..0x2100)
            .chain([0xfeff, 0x1f600])
            .filter_map(char::from_u32)
            .flat_map(|c| {
                [0, 1, 62, 63, 64, 65, 127, 200].map(|at| format!("{}{c}b", "a".repeat(at)))
            })
            .collect();
        samples.push("┌─┬─┐ é 日".into());
        // After table rows, whose box-drawing characters share their lead
        // byte with the bidi controls, and at every offset across a block.
        let row = "│ 0001 ┆ title ┆ accepted │\n".repeat(4);
        for c in [
            '\u{1b}', '\u{85}', '\u{202e}', '\u{2066}', '\u{2069}', '─', '═', 'é',
        ] {
            for at in 0..130 {
                samples.push(format!("{row}{}{c}┆x", "a".repeat(at)));
                samples.push(format!("{}{c}", "┆".repeat(at)));
            }
        }
        for text in &samples {
            assert_eq!(
                has_control(text.as_bytes()),
                text.chars().any(is_control),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn streamed_lines_are_escaped_as_the_whole_text_is() {
        let whole = "::error file=a::x\n  ::warning\u{1b}]52;c;x\u{7}\n\u{202e}é日 ok\n::last";
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(streamed(false, whole, chunk), text(whole), "{chunk}");
            assert_eq!(streamed(true, whole, chunk), controls(whole), "{chunk}");
        }
        assert!(streamed(false, whole, 5).contains("\\u003a:error"));
        // Lines that need nothing among lines that need escaping, written
        // in pieces of many lines (the pieces a table is drawn in).
        let mixed = "┌─┐ a clean line\n  ::warning x\nok é日\nclean\n\u{1b}[2J\nplain\n::";
        let mixed = format!("{mixed}\n{}", "│ row ┆ é │\n".repeat(40));
        for chunk in [1, 2, 3, 7, 16, 64, 4096] {
            assert_eq!(streamed(false, &mixed, chunk), text(&mixed), "{chunk}");
            assert_eq!(streamed(true, &mixed, chunk), controls(&mixed), "{chunk}");
        }
        // A token at a time, as serde_json writes, held to the default
        // size and past it, and flushed on the way (part of a line stays held).
        let many = mixed.repeat(HOLD / mixed.len() + 2);
        for hold in [HOLD, 100] {
            assert_eq!(
                streamed_holding(false, &many, 3, hold),
                text(&many),
                "{hold}"
            );
            assert_eq!(
                streamed_holding(true, &many, 3, hold),
                controls(&many),
                "{hold}"
            );
        }
        let mut out = Vec::new();
        let mut lines = Lines::text(&mut out);
        lines.write_all(b"ok\n::warn").unwrap();
        lines.flush().unwrap();
        lines.write_all(b"ing\n").unwrap();
        lines.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "ok\n\\u003a:warning\n");
    }

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
