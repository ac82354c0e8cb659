//! The `human` format of `decide check`: rustc-style findings with the
//! source line and a caret under the key or section concerned.
//!
//! Styles are written with `anstyle` from a [`Palette`] chosen once,
//! according to `--color` and `NO_COLOR` as resolved by
//! [`Context::color`](crate::Context::color): without color every style is
//! plain and writes nothing, so the rendering code has a single path and
//! no stream has to strip escapes again (which cost a third of rendering
//! 10,000 findings).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anstyle::{AnsiColor, Style};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Quotes, Severity, Summary};
use crate::log::Log;
use crate::output::safe;

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
    lines: Quoting<'_>,
    color: bool,
    quiet: bool,
    width: usize,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let palette = Palette::new(color);
    let Quoting { log, quotes } = lines;
    let read = read_lines(diagnostics, log, quotes);
    let block = |findings: &[Diagnostic]| -> std::io::Result<Vec<u8>> {
        let mut text = Vec::new();
        let mut line: Vec<char> = Vec::new();
        for d in findings {
            // As characters, so that a window of one can be cut in constant time.
            let shown = quotes
                .get(&d.path, d.line)
                .or_else(|| read.get(&(d.path.as_str(), d.line)).map(String::as_str))
                .map(|shown| {
                    line.clear();
                    line.extend(shown.chars());
                    line.as_slice()
                });
            write_one(&mut text, palette, d, shown, width)?;
        }
        Ok(text)
    };
    // Findings are written in blocks made in parallel, a window of blocks
    // at a time and in order: the text of a window is held, not of every
    // finding, and each block reaches `out` as one write of whole lines.
    const BLOCK: usize = 128;
    for window in diagnostics.chunks(BLOCK * 16) {
        let blocks: Vec<std::io::Result<Vec<u8>>> = window.par_chunks(BLOCK).map(block).collect();
        for text in blocks {
            out.write_all(&text?)?;
        }
    }
    if !quiet {
        write_summary(out, palette, summary)?;
    }
    Ok(())
}

/// Where the lines findings point at come from: `quotes`, kept as the
/// files were loaded, and the files of `log` for the others.
#[derive(Clone, Copy)]
pub struct Quoting<'a> {
    pub log: &'a Log,
    pub quotes: &'a Quotes,
}

/// The source lines the findings point at that `quotes` (kept as the
/// files were loaded) does not hold, by path and line number. The log
/// keeps no file texts, so each file with such findings is read again,
/// once, the files in parallel.
fn read_lines<'d>(
    diagnostics: &'d [Diagnostic],
    log: &Log,
    quotes: &Quotes,
) -> HashMap<(&'d str, usize), String> {
    let mut wanted: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for d in diagnostics {
        if quotes.get(&d.path, d.line).is_none() {
            wanted.entry(d.path.as_str()).or_default().push(d.line);
        }
    }
    wanted
        .into_par_iter()
        .flat_map_iter(|(path, lines)| {
            let text = log.source(path).and_then(|s| s.text().ok());
            let mut found = Vec::new();
            if let Some(text) = text {
                // Positions are counted after the byte-order mark, so it is not shown either.
                let all: Vec<&str> = crate::record::source::strip_bom(&text).lines().collect();
                // Each line once, however many findings point into it.
                let mut lines = lines;
                lines.sort_unstable();
                lines.dedup();
                for line in lines {
                    if let Some(shown) = line.checked_sub(1).and_then(|i| all.get(i)) {
                        let shown = shown.trim_end_matches(['\r', '\n']);
                        found.push(((path, line), shown.to_string()));
                    }
                }
            }
            found
        })
        .collect()
}

fn write_one(
    out: &mut dyn Write,
    palette: Palette,
    d: &Diagnostic,
    source_line: Option<&[char]>,
    width: usize,
) -> std::io::Result<()> {
    let Palette {
        error,
        warning,
        gutter,
        bold,
    } = palette;
    let style = match d.severity {
        Severity::Error => error,
        Severity::Warning => warning,
    };
    // Record text and file names are shown escaped (see `output::safe`);
    // only the styles written here reach the terminal as controls.
    let head = format!("{}[{}]", d.severity.as_str(), d.code.as_str());
    let first = format!("{head}: {}", safe::text(&d.message));
    let wrapped = crate::output::wrap(&first, width, head.len() + 2);
    let message = &wrapped[head.len()..];
    writeln!(out, "{style}{head}{style:#}{bold}{message}{bold:#}")?;
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    writeln!(
        out,
        "{pad}{gutter}-->{gutter:#} {}:{}:{}",
        safe::text(&d.path),
        d.line,
        d.column
    )?;
    if let Some(line) = source_line {
        let (shown, caret_at, width) = quote(line, d.column);
        writeln!(out, "{pad} {gutter}|{gutter:#}")?;
        writeln!(out, "{gutter}{number} |{gutter:#} {shown}")?;
        writeln!(
            out,
            "{pad} {gutter}|{gutter:#} {}{style}{}{style:#}",
            " ".repeat(caret_at),
            "^".repeat(width)
        )?;
    }
    if let Some(help) = &d.help {
        let lead = format!("{pad} = help: ");
        let wrapped =
            crate::output::wrap(&format!("{lead}{}", safe::text(help)), width, lead.len());
        let help = &wrapped[lead.len()..];
        writeln!(out, "{pad} {gutter}={gutter:#} {bold}help{bold:#}: {help}")?;
    }
    writeln!(out, "{pad} {gutter}={gutter:#} rule: {}", d.code.slug())?;
    writeln!(out)
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
fn quote(line: &[char], column: usize) -> (String, usize, usize) {
    let start = column.saturating_sub(1 + BEFORE).min(line.len());
    let end = (start + SHOWN).min(line.len());
    let window: String = line[start..end].iter().collect();
    let (shown, caret_at) = expand_tabs(&window, column - start);
    let width = caret_width(&shown, caret_at);
    let chars: Vec<char> = shown.chars().collect();
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

/// How many characters to underline from `at`: a key up to its colon, a
/// heading or a block value to the end of the line, a quoted or flow value
/// to its end.
fn caret_width(line: &str, at: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(at).collect();
    let Some(&first) = rest.first() else {
        return 1;
    };
    let len = if first == '"' || first == '\'' {
        rest.iter()
            .skip(1)
            .position(|c| *c == first)
            .map_or(rest.len(), |p| p + 2)
    } else if first == '#' || first == '<' {
        rest.len()
    } else {
        let in_flow = line.chars().take(at).any(|c| c == '[' || c == '{');
        let token = rest
            .iter()
            .position(|c| matches!(c, ',' | ']' | '}') && in_flow)
            .unwrap_or(rest.len());
        let key = rest
            .windows(2)
            .position(|w| w[0] == ':' && w[1].is_whitespace())
            .or_else(|| {
                rest.last()
                    .is_some_and(|c| *c == ':')
                    .then(|| rest.len() - 1)
            });
        match key {
            Some(k) if k < token && !rest[..k].iter().any(|c| c.is_whitespace()) => k,
            _ => {
                let comment = rest
                    .windows(2)
                    .position(|w| w[0].is_whitespace() && w[1] == '#')
                    .unwrap_or(rest.len());
                token.min(comment)
            }
        }
    };
    let trimmed = rest[..len.min(rest.len())]
        .iter()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .count();
    trimmed.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_cover_the_key_value_or_heading() {
        assert_eq!(caret_width("status: proposed", 0), 6);
        assert_eq!(caret_width("status: proposed", 8), 8);
        assert_eq!(caret_width("consulted: [lee, product]", 12), 3);
        assert_eq!(caret_width("title: Use TBD for now  # note", 7), 15);
        assert_eq!(caret_width("## Rationale", 0), 12);
        assert_eq!(caret_width("target: \">= 0.8\"", 8), 8);
        assert_eq!(caret_width("  - title: A", 4), 5);
        assert_eq!(caret_width("---", 0), 3);
        assert_eq!(caret_width("", 0), 1);
    }

    #[test]
    fn long_lines_are_quoted_in_a_window_around_the_caret() {
        let line: Vec<char> = format!("owners: [{}]", "x, ".repeat(2000))
            .chars()
            .collect();
        let (shown, at, _) = quote(&line, 3000);
        assert_eq!(shown.chars().count(), 162, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(at, 61);
        let (shown, at, width) = quote(&"status: draft".chars().collect::<Vec<_>>(), 9);
        assert_eq!((shown.as_str(), at, width), ("status: draft", 8, 5));
    }

    #[test]
    fn controls_in_a_quoted_line_are_escaped_and_the_caret_follows() {
        let line: Vec<char> = "title: \u{1b}]52;x\u{7} ok".chars().collect();
        let (shown, at, _) = quote(&line, 16);
        assert_eq!(shown, "title: \\u001b]52;x\\u0007 ok");
        assert_eq!(&shown[at..], "ok");
    }

    #[test]
    fn tabs_are_expanded_and_the_caret_follows() {
        assert_eq!(expand_tabs("\tkey: x", 2), ("    key: x".to_string(), 4));
        assert_eq!(expand_tabs("ab", 9), ("ab".to_string(), 2));
    }
}
