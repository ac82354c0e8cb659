//! Rendering helpers shared by the commands: tables, CSV and JSON.

pub mod concise;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod safe;
pub mod sarif;
pub mod statistics;
mod table;

pub use table::{Fitted, fitted_table, render_table};

/// Widest a table gets when the terminal width is unknown.
pub const DEFAULT_WIDTH: u16 = 100;

/// Whether `text` has at most `n` characters: told by its length when
/// that settles it (a text has no more characters than bytes), else
/// counted no further than `n + 1`. Cells, messages and help are measured
/// this way before they are shown or wrapped.
pub(crate) fn at_most_chars(text: &str, n: usize) -> bool {
    text.len() <= n || text.chars().nth(n).is_none()
}

/// Spaces to copy from, rather than a character at a time.
const SPACES: &str = "                                                                ";

/// `n` spaces, without an allocation for the usual few.
pub(crate) fn spaces(n: usize) -> std::borrow::Cow<'static, str> {
    match SPACES.get(..n) {
        Some(few) => std::borrow::Cow::Borrowed(few),
        None => std::borrow::Cow::Owned(" ".repeat(n)),
    }
}

/// Appends `n` spaces, in slices rather than a character at a time.
pub(crate) fn push_spaces(line: &mut String, mut n: usize) {
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Longest text a table cell shows, in characters.
pub const MAX_CELL: usize = 300;

/// `text` for a table cell: cut to [`MAX_CELL`] characters, marked `…`. The
/// table's layout costs more than linear time in a cell's length, so a
/// 900,000-character title would take minutes; no terminal shows it anyway.
pub fn cell(text: &str) -> String {
    match text.char_indices().nth(MAX_CELL) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `d` as `YYYY-MM-DD`, exactly as chrono's `Display` writes it, without
/// the formatting machinery: the registers of a large log show tens of
/// thousands of dates (chrono's took 30M instructions of the report of a
/// 10,000-decision log).
pub fn ymd(d: chrono::NaiveDate) -> String {
    use chrono::Datelike as _;
    let year = d.year();
    // chrono writes a sign and more digits outside these years.
    let Ok(year @ 0..=9999) = u32::try_from(year) else {
        return d.to_string();
    };
    let mut text = String::with_capacity(10);
    for (n, digits) in [(year, 4), (d.month(), 2), (d.day(), 2)] {
        if digits == 2 {
            text.push('-');
        }
        for place in (0..digits).rev() {
            let digit = (n / 10u32.pow(place)) % 10;
            text.push(char::from(b'0' + digit as u8));
        }
    }
    text
}

/// [`ymd`] of a date that may be missing: nothing when it is.
pub fn opt_ymd(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(String::new, ymd)
}

/// Output that serialises `value` as pretty JSON straight to standard
/// output, followed by a newline.
pub fn json_stream<T: serde::Serialize + 'static>(value: T) -> crate::Output {
    crate::Output::streamed(move |out| write_json(out, &value))
}

/// Writes `value` to `out` as pretty JSON and a newline, through a buffer
/// of its own: serde_json writes a token at a time, and each write to a
/// `dyn` writer is a call that cannot be inlined (a tenth of the
/// instructions of `decide report --format json`).
pub fn write_json(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, value)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// Output that writes `header`, then one CSV line per item of `items` as
/// `row` makes it, straight to standard output.
pub fn csv_stream<T: 'static, const N: usize>(
    header: [&'static str; N],
    items: Vec<T>,
    row: impl Fn(&T) -> [String; N] + 'static,
) -> crate::Output {
    crate::Output::streamed(move |out| {
        out.write_all(csv_row(header).as_bytes())?;
        for item in &items {
            out.write_all(csv_row(row(item)).as_bytes())?;
        }
        Ok(())
    })
}

/// One CSV field, quoted when it must be (RFC 4180). A field that a
/// spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a
/// tab or a CR, OWASP's rule) gets a leading `'` so that it is shown as
/// text; a plain number (`-0.25`) is left as it is.
pub fn csv_field(field: &str) -> String {
    let neutralised;
    let field =
        if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err() {
            neutralised = format!("'{field}");
            neutralised.as_str()
        } else {
            field
        };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// One CSV line from fields, ending in CRLF-free `\n`.
pub fn csv_row<I, S>(fields: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut line = fields
        .into_iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// Wraps `text` at word boundaries so no line is wider than `width`
/// characters; continuation lines start with `indent` spaces. A word longer
/// than a whole line (a path, a long id) is split after a `/` or `-` that
/// fits, and only where it has none, at the width itself.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    if at_most_chars(text, width) {
        return text.to_string();
    }
    let room = width.saturating_sub(indent).max(8);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // One buffer for every line, with room for one (no more than the
    // text's): grown a word at a time, it was reallocated once or twice a
    // line.
    let mut line = String::with_capacity(width.max(indent).min(text.len()).saturating_add(8));
    // The characters in `line`, counted as it grows rather than again for
    // each word: a long text is wrapped in one pass.
    let mut used = 0;
    // Splitting on single spaces keeps the padding of aligned columns. The
    // spaces are found by memchr (a space is one byte, so the words are cut
    // on character boundaries).
    let mut from = 0;
    let ends = memchr::memchr_iter(b' ', text.as_bytes()).chain(std::iter::once(text.len()));
    for (i, end) in ends.enumerate() {
        let word = &text[from..end];
        from = end + 1;
        let chars = word.chars().count();
        let len = used + usize::from(i > 0) + chars;
        if i > 0 && len > width && !word.is_empty() && !line.trim().is_empty() {
            let fits_alone = indent + chars <= width;
            // A word too long for any line starts on this one when a piece fits.
            if fits_alone || used + 1 + 8 > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
                push_spaces(&mut line, indent);
                used = indent;
            } else {
                line.push(' ');
                used += 1;
            }
        } else if i > 0 {
            line.push(' ');
            used += 1;
        }
        let (mut rest, mut left) = (word, chars);
        loop {
            let free = width.saturating_sub(used);
            if left <= free || free == 0 && line.trim().is_empty() {
                line.push_str(rest);
                used += left;
                break;
            }
            let (head, tail) = split_word(rest, free.max(1), room);
            line.push_str(head);
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
            push_spaces(&mut line, indent);
            used = indent;
            left -= head.chars().count();
            rest = tail;
            if rest.is_empty() {
                break;
            }
        }
    }
    out.push_str(line.trim_end());
    out
}

/// Splits `word` into a head of at most `free` characters, after its last
/// `/` or `-` there when that keeps a useful piece, and the rest.
fn split_word(word: &str, free: usize, room: usize) -> (&str, &str) {
    let cut = word.char_indices().nth(free).map_or(word.len(), |(i, _)| i);
    let soft = word[..cut]
        .rfind(['/', '-'])
        .map(|i| i + 1)
        .filter(|&i| i * 3 >= cut.min(room));
    let at = soft.unwrap_or(cut);
    word.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        use chrono::NaiveDate;
        let mut days: Vec<NaiveDate> = [
            (0, 1, 1),
            (1, 2, 3),
            (999, 12, 31),
            (2026, 3, 1),
            (9999, 12, 31),
        ]
        .iter()
        .map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
        .collect();
        // Outside 0..=9999 chrono adds a sign: the same text either way.
        days.extend(
            [
                NaiveDate::from_ymd_opt(-1, 6, 15),
                NaiveDate::from_ymd_opt(10_000, 1, 1),
            ]
            .into_iter()
            .flatten(),
        );
        days.extend([NaiveDate::MIN, NaiveDate::MAX]);
        let mut day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        for _ in 0..800 {
            days.push(day);
            day = day.succ_opt().unwrap();
        }
        for d in days {
            assert_eq!(ymd(d), d.to_string());
        }
    }

    #[test]
    fn characters_are_counted_only_where_bytes_do_not_tell() {
        assert!(at_most_chars("", 0));
        assert!(at_most_chars("ab", 2));
        assert!(!at_most_chars("abc", 2));
        // Two bytes, one character; four bytes, two characters.
        assert!(at_most_chars("é", 1));
        assert!(!at_most_chars("éé", 1));
        assert!(at_most_chars("日本", 2));
    }

    /// [`wrap`] as it was first written, counting each line again for
    /// each word: the reference the one-pass version is held to.
    fn wrap_by_recount(text: &str, width: usize, indent: usize) -> String {
        if text.chars().count() <= width {
            return text.to_string();
        }
        let room = width.saturating_sub(indent).max(8);
        let mut out = String::new();
        let mut line = String::new();
        // Splitting on single spaces keeps the padding of aligned columns.
        for (i, word) in text.split(' ').enumerate() {
            let used = line.chars().count();
            let len = used + usize::from(i > 0) + word.chars().count();
            if i > 0 && len > width && !word.is_empty() && !line.trim().is_empty() {
                let fits_alone = indent + word.chars().count() <= width;
                // A word too long for any line starts on this one when a piece fits.
                if fits_alone || used + 1 + 8 > width {
                    out.push_str(line.trim_end());
                    out.push('\n');
                    line = " ".repeat(indent);
                } else {
                    line.push(' ');
                }
            } else if i > 0 {
                line.push(' ');
            }
            let mut rest = word;
            loop {
                let free = width.saturating_sub(line.chars().count());
                // `nth`, not a count of the whole rest: a word of a million
                // characters is cut in `free`-sized pieces in linear time.
                if rest.chars().nth(free).is_none() || free == 0 && line.trim().is_empty() {
                    line.push_str(rest);
                    break;
                }
                let (head, tail) = split_word(rest, free.max(1), room);
                line.push_str(head);
                out.push_str(line.trim_end());
                out.push('\n');
                line = " ".repeat(indent);
                rest = tail;
                if rest.is_empty() {
                    break;
                }
            }
        }
        out.push_str(line.trim_end());
        out
    }

    proptest::proptest! {
        #[test]
        fn wrap_in_one_pass_wraps_as_counting_again_did(
            text in "[a-z é日\\-/ ]{0,120}",
            width in 0usize..40,
            indent in 0usize..12,
        ) {
            proptest::prop_assert_eq!(wrap(&text, width, indent), wrap_by_recount(&text, width, indent));
        }
    }

    #[test]
    fn wrap_keeps_lines_narrow() {
        let text = "  - alpha beta gamma delta epsilon zeta eta theta";
        let wrapped = wrap(text, 20, 4);
        assert_eq!(
            wrapped,
            "  - alpha beta gamma\n    delta epsilon\n    zeta eta theta"
        );
        assert_eq!(wrap("short", 20, 4), "short");
    }

    #[test]
    fn wrap_splits_a_word_longer_than_a_line_after_a_slash_or_dash() {
        let text = "file            examples/churn-model/decisions/0012-route-top-decile.md";
        let wrapped = wrap(text, 40, 16);
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        assert_eq!(
            wrapped,
            "file            examples/churn-model/\n                decisions/0012-route-\n                top-decile.md"
        );
        assert_eq!(wrap("abcdefghijklmnop", 10, 2), "abcdefghij\n  klmnop");
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_text() {
        assert_eq!(
            csv_row([
                "=HYPERLINK(\"http://x\",\"y\")",
                "+1+cmd",
                "@SUM(A1)",
                "-2+3",
                "\t=1"
            ]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+cmd,'@SUM(A1),'-2+3,'\t=1\n"
        );
        assert_eq!(
            csv_row(["\r=1", "-0.25", "+3", "a=b"]),
            "\"'\r=1\",-0.25,+3,a=b\n"
        );
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(
            csv_row(["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\n"
        );
    }
}
