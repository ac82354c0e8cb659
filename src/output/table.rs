//! Tables fitted to a width: cells wrapped between words ([`fitted_table`])
//! and drawn with box-drawing characters ([`Fitted`]), in parallel and a
//! window of rows at a time.

use std::fmt;

use unicode_width::UnicodeWidthStr;

use super::{DEFAULT_WIDTH, at_most_chars, push_spaces, wrap};

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

/// Columns `text` takes on a terminal: its length when it is printable
/// ASCII (most cells), else as `unicode-width` measures it.
fn display_width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        text.width()
    }
}

/// Renders a table followed by a newline.
pub fn render_table(table: &Fitted) -> String {
    let mut out = table.to_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
