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

use std::fmt;

use unicode_width::UnicodeWidthStr;

/// Widest a table gets when the terminal width is unknown.
pub const DEFAULT_WIDTH: u16 = 100;

/// A table no wider than `width` (100 when unknown) whose cells are wrapped
/// here rather than by the table: between words, and a word longer than its
/// column only after a `/` or `-` (see [`wrap`]), so that a title is wrapped
/// and never cut, and an id such as `review 2026-04-14-milestone-…, action 1`
/// is not split inside a word when a dash is there to break at.
///
/// Columns get the width of their longest word (a dash or slash being a
/// place to break); what is left of `width` first keeps whole the words that
/// cost least to keep whole (a date), then is shared as a table tool shares
/// it: a column that needs less than an equal share gets what it needs, and
/// the columns with more text split the rest equally.
///
/// The rows are taken, so that a cell that fits is moved into the table
/// rather than copied; they are measured and wrapped in parallel.
pub fn fitted_table(header: &[&str], rows: Vec<Vec<String>>, width: Option<u16>) -> Fitted {
    use rayon::prelude::*;
    let width = usize::from(width.unwrap_or(DEFAULT_WIDTH));
    let columns = header.len();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let Measures {
        natural,
        words,
        whole,
    } = rows
        .par_iter()
        .fold(
            || Measures::new(columns),
            |mut m, row| {
                m.add(row);
                m
            },
        )
        .reduce(|| Measures::new(columns), Measures::max)
        .max({
            let mut m = Measures::new(columns);
            m.add(&header);
            m
        });
    // Each column also takes one border and two padding characters.
    let room = width.saturating_sub(3 * columns + 1);
    let widths = if natural.iter().sum::<usize>() <= room {
        natural
    } else {
        let mut widths = words;
        // Too narrow for every word: the widest columns give way first.
        while widths.iter().sum::<usize>() > room {
            let (i, &w) = widths
                .iter()
                .enumerate()
                .max_by_key(|(i, w)| (**w, natural[*i], std::cmp::Reverse(*i)))
                .expect("a table has columns");
            if w <= 4 {
                break;
            }
            widths[i] -= 1;
        }
        let mut spare = room.saturating_sub(widths.iter().sum());
        // First keep whole the words that are cheapest to keep whole (a date
        // before a long id), then widen the columns with the most text.
        while spare > 0 {
            let cheapest = (0..columns)
                .filter(|&i| whole[i] > widths[i] && whole[i] - widths[i] <= spare)
                .min_by_key(|&i| (whole[i] - widths[i], i));
            let Some(i) = cheapest else { break };
            spare -= whole[i] - widths[i];
            widths[i] = whole[i];
        }
        // The rest is shared: a column that needs less than an equal share
        // gets what it needs, and the others split what is left equally.
        loop {
            let wanting: Vec<usize> = (0..columns).filter(|&i| natural[i] > widths[i]).collect();
            if spare == 0 || wanting.is_empty() {
                break;
            }
            let share = spare / wanting.len();
            let satisfied: Vec<usize> = wanting
                .iter()
                .copied()
                .filter(|&i| natural[i] - widths[i] <= share)
                .collect();
            if satisfied.is_empty() {
                for (k, &i) in wanting.iter().enumerate() {
                    let extra = share + usize::from(k < spare % wanting.len());
                    widths[i] += extra;
                }
                break;
            }
            for i in satisfied {
                spare -= natural[i] - widths[i];
                widths[i] = natural[i];
            }
        }
        widths
    };
    let fit = |row: Vec<String>| -> Vec<String> {
        row.into_iter()
            .zip(&widths)
            .map(|(cell, &w)| {
                // Most cells are one line that fits: kept as they are.
                let one_line = memchr::memchr2(b'\n', b'\r', cell.as_bytes()).is_none();
                if one_line && at_most_chars(&cell, w) {
                    return cell;
                }
                cell.lines()
                    .map(|line| wrap(line, w, 0))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    };
    Fitted {
        header: fit(header),
        rows: rows.into_par_iter().map(fit).collect(),
    }
}

/// What [`fitted_table`] measures of each column: its longest line, its
/// longest piece of a word (broken after a dash or slash) and its longest
/// whole word, each at least 1.
struct Measures {
    natural: Vec<usize>,
    words: Vec<usize>,
    whole: Vec<usize>,
}

impl Measures {
    fn new(columns: usize) -> Measures {
        Measures {
            natural: vec![1; columns],
            words: vec![1; columns],
            whole: vec![1; columns],
        }
    }

    fn add(&mut self, row: &[String]) {
        let columns = self.natural.len();
        for (i, cell) in row.iter().enumerate().take(columns) {
            for line in cell.lines() {
                if let Some((n, whole_word, piece)) = ascii_measures(line) {
                    self.natural[i] = self.natural[i].max(n);
                    self.whole[i] = self.whole[i].max(whole_word);
                    self.words[i] = self.words[i].max(piece);
                    continue;
                }
                self.natural[i] = self.natural[i].max(line.chars().count());
                for word in line.split_whitespace() {
                    self.whole[i] = self.whole[i].max(word.chars().count());
                }
                // A break after a dash or slash is no break inside a word.
                for word in line
                    .split_whitespace()
                    .flat_map(|w| w.split_inclusive(['-', '/']))
                {
                    self.words[i] = self.words[i].max(word.chars().count());
                }
            }
        }
    }

    /// Both measures together: the larger of each.
    fn max(mut self, other: Measures) -> Measures {
        for (mine, theirs) in [
            (&mut self.natural, other.natural),
            (&mut self.words, other.words),
            (&mut self.whole, other.whole),
        ] {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a = (*a).max(b);
            }
        }
        self
    }
}

/// For a line of ASCII, in one pass: its length, its longest word, and its
/// longest piece of a word broken after `-` or `/` (what [`fitted_table`]
/// measures with `chars`, `split_whitespace` and `split_inclusive`).
/// `None` for a line with other characters.
fn ascii_measures(line: &str) -> Option<(usize, usize, usize)> {
    if !line.is_ascii() {
        return None;
    }
    let (mut whole, mut pieces) = (0, 0);
    let (mut word, mut piece) = (0, 0);
    for &b in line.as_bytes() {
        if b.is_ascii_whitespace() || b == 0x0b {
            whole = whole.max(word);
            pieces = pieces.max(piece);
            (word, piece) = (0, 0);
            continue;
        }
        word += 1;
        piece += 1;
        if b == b'-' || b == b'/' {
            pieces = pieces.max(piece);
            piece = 0;
        }
    }
    Some((line.len(), whole.max(word), pieces.max(piece)))
}

/// A table whose cells are already wrapped ([`fitted_table`]), drawn with
/// box-drawing characters: one line per line of text, each column as wide
/// as its widest line. Written here rather than by a table crate, which
/// measured a tenth of `decide list` on a large log for the same drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Fitted {
    /// Each column's width as drawn: its widest line, at least one
    /// character even when it is empty.
    fn drawn_widths(&self) -> Vec<usize> {
        use rayon::prelude::*;
        let columns = self.header.len();
        let measure = |mut widths: Vec<usize>, row: &Vec<String>| {
            for (i, cell) in row.iter().enumerate().take(columns) {
                for line in cell.split('\n') {
                    widths[i] = widths[i].max(display_width(line));
                }
            }
            widths
        };
        let widths = self
            .rows
            .par_iter()
            .fold(|| vec![1usize; columns], measure)
            .reduce(
                || vec![1usize; columns],
                |a, b| a.into_iter().zip(b).map(|(a, b)| a.max(b)).collect(),
            );
        measure(widths, &self.header)
    }

    /// Draws the table as its [`fmt::Display`] does, using it up: each
    /// block of rows is dropped on the thread that drew it, as soon as it
    /// is drawn, so a large table's cells go as its text is written
    /// rather than all at the end (for the report's per-decision table on
    /// 10,000 decisions, 2 MB less at its peak, and the freeing done on
    /// every core).
    pub fn write_to(self, f: &mut dyn fmt::Write) -> fmt::Result {
        use rayon::prelude::*;
        let widths = self.drawn_widths();
        top(f, &self.header, &widths)?;
        let mut rows = self.rows.into_iter();
        loop {
            let window: Vec<Vec<String>> = rows.by_ref().take(WINDOW).collect();
            if window.is_empty() {
                break;
            }
            let drawn: Vec<String> = window
                .into_par_iter()
                .chunks(BLOCK)
                .map(|rows| draw_block(&rows, &widths))
                .collect();
            for text in drawn {
                f.write_str(&text)?;
            }
        }
        bottom(f, &widths)
    }
}

/// Rows are drawn in parallel, a block of them at a time and each block's
/// lines in one buffer, then written in order: the text of a window of
/// blocks, not of the whole table, is held at once.
const BLOCK: usize = 256;
const WINDOW: usize = BLOCK * 4;

/// The table's top border, its header row and the rule under it.
fn top(f: &mut dyn fmt::Write, header: &[String], widths: &[usize]) -> fmt::Result {
    f.write_str(&rule(widths, "┌", '─', "┬", "┐"))?;
    let mut line = String::new();
    draw_row(&mut line, header, widths);
    f.write_str(&line)?;
    f.write_str("\n")?;
    f.write_str(&rule(widths, "╞", '═', "╪", "╡"))
}

/// The line after the last row and the table's bottom border.
fn bottom(f: &mut dyn fmt::Write, widths: &[usize]) -> fmt::Result {
    f.write_str("\n")?;
    f.write_str(&rule(widths, "└", '─', "┴", "┘"))
}

/// A border line: `left`, each column's width and padding in `fill`
/// with `mid` between columns, then `right`.
fn rule(widths: &[usize], left: &str, fill: char, mid: &str, right: &str) -> String {
    let mut line = String::from(left);
    for (i, &w) in widths.iter().enumerate() {
        if i > 0 {
            line.push_str(mid);
        }
        line.extend(std::iter::repeat_n(fill, w + 2));
    }
    line.push_str(right);
    line
}

/// The lines of a block of rows, in one buffer.
fn draw_block(rows: &[Vec<String>], widths: &[usize]) -> String {
    let mut text = String::new();
    for cells in rows {
        draw_row(&mut text, cells, widths);
    }
    text
}

impl fmt::Display for Fitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use rayon::prelude::*;
        let widths = self.drawn_widths();
        top(f, &self.header, &widths)?;
        for window in self.rows.chunks(WINDOW) {
            let drawn: Vec<String> = window
                .par_chunks(BLOCK)
                .map(|rows| draw_block(rows, &widths))
                .collect();
            for text in drawn {
                f.write_str(&text)?;
            }
        }
        bottom(f, &widths)
    }
}

/// Appends the lines of one row of a [`Fitted`] table to `text`, each after
/// a line break: a cell's lines are walked in step with the others'.
fn draw_row(text: &mut String, cells: &[String], widths: &[usize]) {
    let columns = widths.len();
    let mut lines: Vec<std::str::Split<'_, char>> = (0..columns)
        .map(|i| cells.get(i).map_or("", String::as_str).split('\n'))
        .collect();
    let height = (0..columns)
        .map(|i| {
            cells
                .get(i)
                .map_or(1, |c| c.bytes().filter(|&b| b == b'\n').count() + 1)
        })
        .max()
        .unwrap_or(1);
    for _ in 0..height {
        text.push_str("\n│");
        for (i, cell) in lines.iter_mut().enumerate() {
            if i > 0 {
                text.push('┆');
            }
            let line = cell.next().unwrap_or("");
            let pad = widths[i].saturating_sub(display_width(line));
            text.push(' ');
            text.push_str(line);
            push_spaces(text, pad + 1);
        }
        text.push('│');
    }
}

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
fn push_spaces(line: &mut String, mut n: usize) {
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Columns `text` takes on a terminal: its length when it is printable
/// ASCII (most cells), else as `unicode-width` measures it.
fn display_width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        text.width()
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

/// Renders a table followed by a newline.
pub fn render_table(table: &Fitted) -> String {
    let mut out = table.to_string();
    out.push('\n');
    out
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

    /// The same cells drawn by comfy-table, which drew every table before
    /// `Fitted` did, with the style and arrangement it was used with.
    fn comfy(table: &Fitted) -> String {
        use comfy_table::{ContentArrangement, Table, presets};
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(table.header.clone());
        for row in &table.rows {
            t.add_row(row.clone());
        }
        t.to_string()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_fitted_table_is_drawn_as_comfy_table_drew_it(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z é日\\-/\n]{0,30}", 3),
                0..6,
            ),
            width in 10u16..120,
        ) {
            let table = fitted_table(&["One", "Two", "Three"], rows.clone(), Some(width));
            proptest::prop_assert_eq!(table.to_string(), comfy(&table));
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_lines_are_measured_as_characters_are(line in "[a-c \\t\\x0b\\x0c\\r/\\-]{0,40}") {
            let chars = line.chars().count();
            let whole = line.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
            let pieces = line
                .split_whitespace()
                .flat_map(|w| w.split_inclusive(['-', '/']))
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            proptest::prop_assert_eq!(ascii_measures(&line), Some((chars, whole, pieces)));
        }
    }

    #[test]
    fn fitted_tables_are_drawn_as_comfy_table_drew_them() {
        let cases: Vec<(Vec<&str>, Vec<Vec<String>>)> = vec![
            (vec!["ID", "Title"], vec![]),
            (
                vec!["ID", "Status", "Title"],
                vec![
                    vec![
                        "0001".into(),
                        "accepted".into(),
                        "Keep a plain-text decision log next to the churn pipeline code".into(),
                    ],
                    vec!["0002".into(), "".into(), "".into()],
                    vec![
                        "2026-03-04-a".into(),
                        "proposed".into(),
                        "日本語のタイトル and é accents — dashes".into(),
                    ],
                ],
            ),
            (vec!["A"], vec![vec!["x\ny\nz".into()], vec!["".into()]]),
            (vec!["", "B"], vec![vec!["".into(), "".into()]]),
            // More rows than one block of those drawn in parallel, of
            // every height and width, the widest near the end.
            (
                vec!["ID", "Title", "Owners"],
                (0..5000)
                    .map(|i| {
                        vec![
                            format!("{i:04}"),
                            "word ".repeat(i % 13) + &"é".repeat(i / 4990),
                            ["ana", "raj\nlee", "", "mei, tomas"][i % 4].to_string(),
                        ]
                    })
                    .collect(),
            ),
        ];
        for (header, rows) in cases {
            for width in [20, 40, 80, 160] {
                let table = fitted_table(&header, rows.clone(), Some(width));
                assert_eq!(table.to_string(), comfy(&table), "{header:?} at {width}");
                // Drawn while used up, a window of rows at a time: the same text.
                let mut used_up = String::new();
                table.clone().write_to(&mut used_up).unwrap();
                assert_eq!(used_up, table.to_string(), "{header:?} at {width}");
            }
        }
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
    fn a_fitted_table_wraps_between_words_and_keeps_to_the_width() {
        let rows = vec![
            vec![
                "jonas".to_string(),
                "Publish the offer-catalogue versioning spec".to_string(),
                "review 2026-04-14-milestone-uplift-v2-thresholds, action 1".to_string(),
            ],
            vec![
                "ana".into(),
                "Short".into(),
                "decision 0010, action 2".into(),
            ],
        ];
        let table = fitted_table(&["Owner", "Action", "Where"], rows.clone(), Some(60));
        let text = table.to_string();
        for line in text.lines() {
            assert!(line.chars().count() <= 60, "{line:?} in\n{text}");
        }
        assert!(text.contains("┆ Publish the     ┆"), "{text}");
        // The long id is split only after a dash.
        for piece in [
            "┆ review 2026-04-14-   │",
            "┆ milestone-uplift-v2- │",
            "┆ thresholds, action 1 │",
        ] {
            assert!(text.contains(piece), "{piece} in\n{text}");
        }
        // Wide enough: one line per row.
        let wide = fitted_table(&["Owner", "Action", "Where"], rows, Some(160)).to_string();
        assert_eq!(wide.lines().count(), 6, "{wide}");
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
