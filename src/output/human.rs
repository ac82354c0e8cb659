//! The `human` format of `decide check`: rustc-style findings with the
//! source line and a caret under the key or section concerned.
//!
//! Styles are written with `anstyle` from a [`Palette`] chosen once,
//! according to `--color` and `NO_COLOR` as resolved by
//! [`Context::color`](crate::Context::color): without color every style is
//! plain and writes nothing, so the rendering code has a single path and
//! no stream has to strip escapes again (which cost a third of rendering
//! 10,000 findings).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anstyle::{AnsiColor, Style};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::log::Log;
use crate::output::{safe, spaces};

/// The styles of the human format; all plain when color is off.
#[derive(Clone, Copy)]
struct Palette {
    error: Style,
    warning: Style,
    gutter: Style,
    bold: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if color {
            Palette {
                error: AnsiColor::Red.on_default().bold(),
                warning: AnsiColor::Yellow.on_default().bold(),
                gutter: AnsiColor::Blue.on_default().bold(),
                bold: Style::new().bold(),
            }
        } else {
            let plain = Style::new();
            Palette {
                error: plain,
                warning: plain,
                gutter: plain,
                bold: plain,
            }
        }
    }
}

/// Tabs in quoted source lines are shown as this many spaces.
const TAB: usize = 4;

/// Writes findings and the summary to `out`; `quiet` drops the summary.
/// Messages and help are wrapped to `width` columns (the terminal's, 100
/// when not one), continuing under their own text. Record text is escaped
/// here ([`safe`]), around the styles.
pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    log: &Log,
    color: bool,
    quiet: bool,
    width: usize,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let palette = Palette::new(color);
    let inks = Inks::new(palette);
    let read = read_lines(diagnostics, log);
    let block = |findings: &[Diagnostic]| -> Vec<u8> {
        let mut text = Vec::new();
        for d in findings {
            let shown = d
                .quote
                .as_deref()
                .or_else(|| read.get(&(&*d.path, d.line)).map(String::as_str));
            write_one(&mut text, &inks, d, shown, width);
        }
        text
    };
    // Findings are written in blocks made in parallel, a window of blocks
    // at a time and in order: the text of a window is held, not of every
    // finding, and each block reaches `out` as one write of whole lines.
    const BLOCK: usize = 128;
    for window in diagnostics.chunks(BLOCK * 16) {
        let blocks: Vec<Vec<u8>> = window.par_chunks(BLOCK).map(block).collect();
        for text in blocks {
            out.write_all(&text)?;
        }
    }
    if !quiet {
        write_summary(out, palette, summary)?;
    }
    Ok(())
}

/// The source lines the findings point at that they do not quote (kept
/// as the files were loaded), by path and line number. The log keeps no
/// file texts, so each file with such findings is read again, once, the
/// files in parallel.
fn read_lines<'d>(diagnostics: &'d [Diagnostic], log: &Log) -> HashMap<(&'d str, usize), String> {
    let mut wanted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for d in diagnostics {
        if d.quote.is_none() {
            wanted.entry(&*d.path).or_default().push(d.line);
        }
    }
    wanted
        .into_par_iter()
        .flat_map_iter(|(path, lines)| {
            let text = log.source(path).and_then(|s| s.text().ok());
            // Each line once, however many findings point into it.
            let found: Vec<_> = text.as_deref().map_or_else(Vec::new, |text| {
                crate::diagnostic::lines_of(text, lines)
                    .into_iter()
                    .map(|(line, shown)| ((path, line), shown.to_string()))
                    .collect()
            });
            found
        })
        .collect()
}

/// A style as the bytes that turn it on and off, rendered once rather
/// than through the formatter at every use: seven lines of each finding
/// went through `write!`, a twentieth of `check`'s instructions.
struct Ink {
    on: String,
    off: String,
}

impl Ink {
    fn new(style: Style) -> Ink {
        Ink {
            on: format!("{style}"),
            off: format!("{style:#}"),
        }
    }
}

/// The [`Palette`] rendered.
struct Inks {
    error: Ink,
    warning: Ink,
    gutter: Ink,
    bold: Ink,
}

impl Inks {
    fn new(palette: Palette) -> Inks {
        Inks {
            error: Ink::new(palette.error),
            warning: Ink::new(palette.warning),
            gutter: Ink::new(palette.gutter),
            bold: Ink::new(palette.bold),
        }
    }
}

/// Appends each of `parts`.
fn push(out: &mut Vec<u8>, parts: &[&str]) {
    for part in parts {
        out.extend_from_slice(part.as_bytes());
    }
}

/// `n` in decimal, written into `buf`.
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

fn write_one(
    out: &mut Vec<u8>,
    inks: &Inks,
    d: &Diagnostic,
    source_line: Option<&str>,
    width: usize,
) {
    let Inks {
        error,
        warning,
        gutter,
        bold,
    } = inks;
    let style = match d.severity {
        Severity::Error => error,
        Severity::Warning => warning,
    };
    // Record text and file names are shown escaped (see `output::safe`);
    // only the styles written here reach the terminal as controls.
    let (severity, code) = (d.severity.as_str(), d.code.as_str());
    let message = safe::text(&d.message);
    let head = severity.len() + code.len() + 2;
    push(
        out,
        &[&style.on, severity, "[", code, "]", &style.off, &bold.on],
    );
    if fits(head + 2, &message, width) {
        push(out, &[": ", &message]);
    } else {
        let wrapped =
            crate::output::wrap(&format!("{severity}[{code}]: {message}"), width, head + 2);
        push(out, &[&wrapped[head..]]);
    }
    push(out, &[&bold.off, "\n"]);
    let (mut line_buf, mut column_buf) = ([0; 20], [0; 20]);
    let number = decimal(d.line, &mut line_buf);
    let column = decimal(d.column, &mut column_buf);
    let pad = spaces(number.len());
    let path = safe::text(&d.path);
    push(
        out,
        &[
            &pad,
            &gutter.on,
            "-->",
            &gutter.off,
            " ",
            &path,
            ":",
            number,
            ":",
            column,
            "\n",
        ],
    );
    if let Some(line) = source_line {
        let (shown, caret_at, width) = quote(line, d.column);
        push(out, &[&pad, " ", &gutter.on, "|", &gutter.off, "\n"]);
        push(
            out,
            &[&gutter.on, number, " |", &gutter.off, " ", &shown, "\n"],
        );
        push(out, &[&pad, " ", &gutter.on, "|", &gutter.off, " "]);
        push(
            out,
            &[
                &spaces(caret_at),
                &style.on,
                &"^".repeat(width),
                &style.off,
                "\n",
            ],
        );
    }
    if let Some(help) = &d.help {
        let help = safe::text(help);
        // The lead is `{pad} = help: `.
        let help = match fits(pad.len() + 9, &help, width) {
            true => help,
            false => {
                let lead = format!("{pad} = help: ");
                let wrapped = crate::output::wrap(&format!("{lead}{help}"), width, lead.len());
                Cow::Owned(wrapped[lead.len()..].to_string())
            }
        };
        push(out, &[&pad, " ", &gutter.on, "=", &gutter.off, " "]);
        push(out, &[&bold.on, "help", &bold.off, ": ", &help, "\n"]);
    }
    push(
        out,
        &[
            &pad,
            " ",
            &gutter.on,
            "=",
            &gutter.off,
            " rule: ",
            d.code.slug(),
            "\n\n",
        ],
    );
}

/// Whether `text` after an ASCII lead of `lead` columns fits in `width`,
/// as [`crate::output::wrap`] tells: then it is written as it is.
fn fits(lead: usize, text: &str, width: usize) -> bool {
    lead <= width && crate::output::at_most_chars(text, width - lead)
}

fn write_summary(out: &mut dyn Write, palette: Palette, s: &Summary) -> std::io::Result<()> {
    let Palette {
        error,
        warning,
        bold,
        ..
    } = palette;
    let files = plural(s.files, "file");
    if s.errors == 0 && s.warnings == 0 {
        return writeln!(out, "{bold}No problems{bold:#} in {files}.");
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(format!("{error}{}{error:#}", plural(s.errors, "error")));
    }
    if s.warnings > 0 {
        parts.push(format!(
            "{warning}{}{warning:#}",
            plural(s.warnings, "warning")
        ));
    }
    writeln!(out, "Found {} in {files}.", parts.join(" and "))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Characters of a quoted line shown before the caret's column, at most.
const BEFORE: usize = 60;
/// Characters of a quoted line shown in all, at most.
const SHOWN: usize = 160;

/// The part of `line` shown under a finding at 1-based character `column`:
/// at most [`SHOWN`] characters around it, cut ends marked `…`, tabs
/// expanded, controls escaped; with the caret's 0-based display column and
/// width. A long line costs the same as a short one, however many findings
/// point into it.
fn quote(line: &str, column: usize) -> (Cow<'_, str>, usize, usize) {
    // Most lines are ASCII with neither tab nor control: shown as they are,
    // a byte a column, without a copy.
    if !line.is_ascii() || line.contains('\t') || safe::has_control(line.as_bytes()) {
        let chars: Vec<char> = line.chars().collect();
        let (shown, caret_at, width) = quote_chars(&chars, column);
        return (Cow::Owned(shown), caret_at, width);
    }
    let bytes = line.as_bytes();
    let start = column.saturating_sub(1 + BEFORE).min(bytes.len());
    let end = (start + SHOWN).min(bytes.len());
    let window = &line[start..end];
    let at = match (column - start).checked_sub(1) {
        Some(at) if at < window.len() => at,
        _ => window.len(),
    };
    let width = caret_width(window.as_bytes(), at)
        .min(window.len() - at)
        .max(1);
    let (lead, tail) = (start > 0, end < bytes.len());
    let shown = match (lead, tail) {
        (false, false) => Cow::Borrowed(window),
        _ => Cow::Owned(format!(
            "{}{window}{}",
            if lead { "…" } else { "" },
            if tail { "…" } else { "" }
        )),
    };
    (shown, usize::from(lead) + at, width)
}

/// [`quote`] of a line as characters: any text.
fn quote_chars(line: &[char], column: usize) -> (String, usize, usize) {
    let start = column.saturating_sub(1 + BEFORE).min(line.len());
    let end = (start + SHOWN).min(line.len());
    let window: String = line[start..end].iter().collect();
    let (shown, caret_at) = expand_tabs(&window, column - start);
    let chars: Vec<char> = shown.chars().collect();
    let width = caret_width(&chars, caret_at);
    let cut = |from: usize, to: usize| -> String {
        let part: String = chars[from.min(chars.len())..to.min(chars.len())]
            .iter()
            .collect();
        safe::controls(&part).into_owned()
    };
    let before = cut(0, caret_at);
    let marked = cut(caret_at, caret_at + width);
    let after = cut(caret_at + width, chars.len());
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < line.len() { "…" } else { "" };
    let caret_at = lead.chars().count() + before.chars().count();
    let width = marked.chars().count().max(1);
    (
        format!("{lead}{before}{marked}{after}{tail}"),
        caret_at,
        width,
    )
}

/// The line with tabs expanded, and the 0-based display column of the 1-based character `column`.
fn expand_tabs(line: &str, column: usize) -> (String, usize) {
    let mut shown = String::with_capacity(line.len());
    let mut caret_at = None;
    let mut width = 0;
    for (i, c) in line.chars().enumerate() {
        if i + 1 == column {
            caret_at = Some(width);
        }
        if c == '\t' {
            shown.push_str(&" ".repeat(TAB));
            width += TAB;
        } else {
            shown.push(c);
            width += 1;
        }
    }
    (shown, caret_at.unwrap_or(width))
}

/// How many characters to underline from `at` in `line` (characters, or
/// the bytes of an ASCII line): a key up to its colon, a heading or a block
/// value to the end of the line, a quoted or flow value to its end.
fn caret_width<C: Copy + Into<char>>(line: &[C], at: usize) -> usize {
    let c = |x: &C| -> char { (*x).into() };
    let rest = &line[at.min(line.len())..];
    let Some(first) = rest.first().map(c) else {
        return 1;
    };
    let len = if first == '"' || first == '\'' {
        rest.iter()
            .skip(1)
            .position(|x| c(x) == first)
            .map_or(rest.len(), |p| p + 2)
    } else if first == '#' || first == '<' {
        rest.len()
    } else {
        let in_flow = line[..at.min(line.len())]
            .iter()
            .any(|x| matches!(c(x), '[' | '{'));
        let token = rest
            .iter()
            .position(|x| matches!(c(x), ',' | ']' | '}') && in_flow)
            .unwrap_or(rest.len());
        let key = rest
            .windows(2)
            .position(|w| c(&w[0]) == ':' && c(&w[1]).is_whitespace())
            .or_else(|| {
                rest.last()
                    .is_some_and(|x| c(x) == ':')
                    .then(|| rest.len() - 1)
            });
        match key {
            Some(k) if k < token && !rest[..k].iter().any(|x| c(x).is_whitespace()) => k,
            _ => {
                let comment = rest
                    .windows(2)
                    .position(|w| c(&w[0]).is_whitespace() && c(&w[1]) == '#')
                    .unwrap_or(rest.len());
                token.min(comment)
            }
        }
    };
    let trimmed = rest[..len.min(rest.len())]
        .iter()
        .rev()
        .skip_while(|x| c(x).is_whitespace())
        .count();
    trimmed.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 100, 4_294_967_296, usize::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string());
        }
    }

    #[test]
    fn carets_cover_the_key_value_or_heading() {
        assert_eq!(caret_width("status: proposed".as_bytes(), 0), 6);
        assert_eq!(caret_width("status: proposed".as_bytes(), 8), 8);
        assert_eq!(caret_width("consulted: [lee, product]".as_bytes(), 12), 3);
        assert_eq!(
            caret_width("title: Use TBD for now  # note".as_bytes(), 7),
            15
        );
        assert_eq!(caret_width("## Rationale".as_bytes(), 0), 12);
        assert_eq!(caret_width("target: \">= 0.8\"".as_bytes(), 8), 8);
        assert_eq!(caret_width("  - title: A".as_bytes(), 4), 5);
        assert_eq!(caret_width("---".as_bytes(), 0), 3);
        assert_eq!(caret_width("".as_bytes(), 0), 1);
    }

    #[test]
    fn long_lines_are_quoted_in_a_window_around_the_caret() {
        let line: Vec<char> = format!("owners: [{}]", "x, ".repeat(2000))
            .chars()
            .collect();
        let (shown, at, width) = quote_chars(&line, 3000);
        assert_eq!(shown.chars().count(), 162, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(at, 61);
        let line: String = line.into_iter().collect();
        assert_eq!(quote(&line, 3000), (Cow::Owned(shown), at, width));
        let (shown, at, width) = quote("status: draft", 9);
        assert_eq!((&*shown, at, width), ("status: draft", 8, 5));
    }

    #[test]
    fn controls_in_a_quoted_line_are_escaped_and_the_caret_follows() {
        let (shown, at, _) = quote("title: \u{1b}]52;x\u{7} ok", 16);
        assert_eq!(shown, "title: \\u001b]52;x\\u0007 ok");
        assert_eq!(&shown[at..], "ok");
    }

    /// Plain ASCII lines are quoted without being taken apart into
    /// characters: the same as when they are, at every column.
    #[test]
    fn ascii_lines_are_quoted_as_characters_are() {
        let long = format!("owners: [{}]", "x, ".repeat(100));
        let lines = [
            "",
            "status: proposed",
            "consulted: [lee, product]",
            "title: Use TBD for now  # note",
            "## Rationale",
            "target: \">= 0.8\"",
            "  - title: A",
            "key:",
            long.as_str(),
        ];
        for line in lines {
            let chars: Vec<char> = line.chars().collect();
            for column in 0..line.len() + 3 {
                let (shown, at, width) = quote_chars(&chars, column);
                assert_eq!(
                    quote(line, column),
                    (Cow::Owned(shown), at, width),
                    "{line:?} at {column}"
                );
            }
        }
    }

    #[test]
    fn tabs_are_expanded_and_the_caret_follows() {
        assert_eq!(expand_tabs("\tkey: x", 2), ("    key: x".to_string(), 4));
        assert_eq!(expand_tabs("ab", 9), ("ab".to_string(), 2));
    }
}
