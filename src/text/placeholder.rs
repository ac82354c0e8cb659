//! Finding template placeholders and TBD/TODO/FIXME left in a record.
//!
//! Templates (MADR's among them) mark what to write with `{curly braces}` or
//! a lone `...`; authors leave `TBD`. HTML comments are template hints and
//! code is code, so both are blanked out before searching, keeping columns
//! so a finding points at the placeholder itself.

use std::sync::LazyLock;

use memchr::memmem;

use crate::yaml::{Node, Pos, Value};

/// Words that mark unfinished text, matched whole and in capitals only, so
/// prose such as "a todo list" is not taken for one.
const MARKERS: &[&str] = &["TBD", "TODO", "FIXME"];

/// The first placeholder in one line of visible text: its 0-based character
/// column and the placeholder as written (shortened for messages).
pub fn in_line(line: &str) -> Option<(usize, String)> {
    // Most lines hold none of the markers; one pass over the bytes is far
    // cheaper than the character walk below (and than a search per marker).
    if !may_hold_marker(line.as_bytes()) {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let trimmed: String = line
        .trim()
        .trim_start_matches(['*', '-', '+'])
        .trim()
        .to_string();
    if trimmed == "..." || trimmed == "…" {
        let col = chars.iter().position(|c| *c == '.' || *c == '…')?;
        return Some((col, trimmed));
    }
    let mut best: Option<(usize, String)> = None;
    for marker in MARKERS {
        let m: Vec<char> = marker.chars().collect();
        let mut i = 0;
        while i + m.len() <= chars.len() {
            if chars[i..i + m.len()] == m[..]
                && (i == 0 || !is_word(chars[i - 1]))
                && chars.get(i + m.len()).is_none_or(|c| !is_word(*c))
            {
                if best.as_ref().is_none_or(|(b, _)| i < *b) {
                    best = Some((i, marker.to_string()));
                }
                break;
            }
            i += 1;
        }
    }
    if let Some(found) = braces(&chars)
        && best.as_ref().is_none_or(|(b, _)| found.0 < *b)
    {
        best = Some(found);
    }
    best
}

/// Whether `line` contains `TBD`, `TODO`, `FIXME`, `{`, `...` or `…`.
/// `memchr` jumps to the few bytes that can start a marker; `...` is
/// searched for whole, as a search for `.` stops at every full stop.
fn may_hold_marker(line: &[u8]) -> bool {
    static DOTS: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("..."));
    let at = |i: usize, marker: &[u8]| line[i..].starts_with(marker);
    memchr::memchr3_iter(b'{', b'T', b'F', line).any(|i| match line[i] {
        b'T' => at(i, b"TBD") || at(i, b"TODO"),
        b'F' => at(i, b"FIXME"),
        _ => true,
    }) || DOTS.find(line).is_some()
        || memchr::memchr_iter(0xE2, line).any(|i| at(i, "…".as_bytes()))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `{words with spaces}`: MADR's placeholder style. `{id}`, `${VAR}` and
/// `{{ template }}` are left alone.
fn braces(chars: &[char]) -> Option<(usize, String)> {
    // The next `}` and the next space after the current `{`, found by
    // searching on from where the last search stopped: a line of many `{`
    // and no `}` costs one pass, not one pass per `{`.
    let next = |c: char, from: usize| chars[from..].iter().position(|x| *x == c).map(|p| from + p);
    let (mut close, mut space) = (None::<usize>, None::<usize>);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '{'
            && (i == 0 || !matches!(chars[i - 1], '$' | '{' | '%'))
            && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
        {
            if close.is_none_or(|c| c <= i) {
                // No `}` after this one means none after any later `{` either.
                close = Some(next('}', i + 1)?);
            }
            let end = close?;
            if space.is_none_or(|s| s <= i) {
                space = Some(next(' ', i + 1).unwrap_or(chars.len()));
            }
            if space.is_some_and(|s| s < end) {
                let text: String = chars[i..=end].iter().collect();
                return Some((i, shorten(&text)));
            }
        }
        i += 1;
    }
    None
}

/// Cuts long placeholders for messages.
pub fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// A placeholder in a front-matter tree: where, which key holds it, and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub pos: Pos,
    pub key: String,
    pub text: String,
}

/// Every placeholder value in the front matter `node` read from the text
/// `written`, one per value. `x-` extension keys are skipped.
///
/// Most front matter holds no marker at all: one search of its text then
/// rules out every value, instead of a search per value (a tenth of
/// reading a decision in full). A value's text comes from the written text
/// (folding joins lines with a space, which starts no marker) except
/// through escapes, so text with a backslash is searched value by value.
/// The mappings that braces make are looked for either way.
pub fn in_front_matter(node: &Node, written: &str, out: &mut Vec<Found>) {
    let values =
        memchr::memchr(b'\\', written.as_bytes()).is_some() || may_hold_marker(written.as_bytes());
    in_tree(node, "", values, out);
}

/// [`in_front_matter`] under `key`; string values are searched when `values`.
fn in_tree(node: &Node, key: &str, values: bool, out: &mut Vec<Found>) {
    match &node.value {
        Value::String(s) => {
            // A search of the whole value (no marker spans lines) rules
            // most out before lines are split and searched.
            if !values || !may_hold_marker(s.as_bytes()) {
                return;
            }
            if let Some(text) = s.lines().find_map(|l| in_line(l).map(|(_, t)| t)) {
                out.push(Found {
                    pos: node.pos,
                    key: key.to_string(),
                    text,
                });
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| in_tree(i, key, values, out)),
        Value::Map(entries) => {
            // An unquoted `{list everyone involved}` reads as a mapping whose
            // only key is the placeholder text.
            let braces_placeholder = !entries.is_empty()
                && entries.iter().all(|e| e.value.is_null())
                && entries.iter().any(|e| e.key.contains(' '));
            if braces_placeholder {
                let inner: Vec<&str> = entries.iter().map(|e| &*e.key).collect();
                out.push(Found {
                    pos: node.pos,
                    key: key.to_string(),
                    text: shorten(&format!("{{{}}}", inner.join(", "))),
                });
                return;
            }
            for e in entries {
                if !e.key.starts_with("x-") {
                    in_tree(&e.value, &e.key, values, out);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
    }
}

/// A placeholder in a Markdown body: where, under which heading, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct InBody {
    pub pos: Pos,
    pub heading: Option<String>,
    pub text: String,
}

/// The first placeholder under each heading of `body`, whose first line is
/// line `first_line` of the file. HTML comments, fenced code and inline code
/// are not searched.
pub fn in_body(body: &str, first_line: usize) -> Vec<InBody> {
    let mut out = Vec::new();
    // Most bodies hold no marker at all: one search of the whole text (no
    // marker spans lines, and hiding comments and code only takes text
    // away) rules them out before lines are walked.
    if !may_hold_marker(body.as_bytes()) {
        return out;
    }
    let mut in_comment = false;
    let mut fence: Option<String> = None;
    let mut heading: Option<String> = None;
    let mut reported = false;
    for (i, raw) in body.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            continue;
        }
        if !in_comment && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = Some(trimmed[..3].to_string());
            continue;
        }
        let visible = if in_comment || line.contains("<!--") || line.contains('`') {
            std::borrow::Cow::Owned(blank_hidden(line, &mut in_comment))
        } else {
            std::borrow::Cow::Borrowed(line)
        };
        if let Some(h) = heading_text(&visible) {
            heading = Some(h);
            reported = false;
        }
        if reported {
            continue;
        }
        if let Some((col, text)) = in_line(&visible) {
            out.push(InBody {
                pos: Pos::new(first_line + i, col + 1),
                heading: heading.clone(),
                text,
            });
            reported = true;
        }
    }
    out
}

/// The heading's text when `line` is an ATX heading.
fn heading_text(line: &str) -> Option<String> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.len() - t.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim().to_string())
}

/// `line` with HTML comments and inline code replaced by spaces, so columns
/// still match the file. `in_comment` carries an open comment to the next line.
fn blank_hidden(line: &str, in_comment: &mut bool) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let spans = TickRuns::of(&chars);
    let mut i = 0;
    let starts = |i: usize, pat: &str| {
        pat.chars()
            .enumerate()
            .all(|(k, p)| chars.get(i + k) == Some(&p))
    };
    while i < chars.len() {
        if *in_comment {
            if starts(i, "-->") {
                *in_comment = false;
                out.push_str("   ");
                i += 3;
            } else {
                out.push(' ');
                i += 1;
            }
            continue;
        }
        if starts(i, "<!--") {
            *in_comment = true;
            out.push_str("    ");
            i += 4;
            continue;
        }
        if chars[i] == '`' {
            let (ticks, close) = spans.closing(i);
            if let Some(j) = close {
                for _ in i..j + ticks {
                    out.push(' ');
                }
                i = j + ticks;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The runs of backticks of a line, to find where a code span opened at
/// a backtick closes (the next run of exactly as many) by a binary search
/// rather than by a scan of the rest of the line for each backtick, which
/// made a line of many unmatched runs take cubic time.
struct TickRuns {
    /// (start, length) of each run, in order.
    runs: Vec<(usize, usize)>,
    /// Run length → the indices of the runs of that length, in order.
    by_length: std::collections::HashMap<usize, Vec<usize>>,
}

impl TickRuns {
    fn of(chars: &[char]) -> TickRuns {
        let mut runs = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if chars[k] == '`' {
                let start = k;
                while k < chars.len() && chars[k] == '`' {
                    k += 1;
                }
                runs.push((start, k - start));
            } else {
                k += 1;
            }
        }
        let mut by_length: std::collections::HashMap<usize, Vec<usize>> =
            std::collections::HashMap::new();
        for (r, &(_, length)) in runs.iter().enumerate() {
            by_length.entry(length).or_default().push(r);
        }
        TickRuns { runs, by_length }
    }

    /// For the backtick at `i`: how many backticks run from it, and where
    /// the next run of exactly that many starts, if one does.
    fn closing(&self, i: usize) -> (usize, Option<usize>) {
        let r = self
            .runs
            .partition_point(|&(start, length)| start + length <= i);
        let Some(&(start, length)) = self.runs.get(r) else {
            return (0, None);
        };
        let ticks = start + length - i;
        let close = self.by_length.get(&ticks).and_then(|same| {
            let next = same.partition_point(|&other| other <= r);
            same.get(next).map(|&other| self.runs[other].0)
        });
        (ticks, close)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `blank_hidden` did before [`TickRuns`], for the comparison below.
    fn blank_hidden_by_scanning(line: &str, in_comment: &mut bool) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let starts = |i: usize, pat: &str| {
            pat.chars()
                .enumerate()
                .all(|(k, p)| chars.get(i + k) == Some(&p))
        };
        while i < chars.len() {
            if *in_comment {
                if starts(i, "-->") {
                    *in_comment = false;
                    out.push_str("   ");
                    i += 3;
                } else {
                    out.push(' ');
                    i += 1;
                }
                continue;
            }
            if starts(i, "<!--") {
                *in_comment = true;
                out.push_str("    ");
                i += 4;
                continue;
            }
            if chars[i] == '`' {
                let ticks = chars[i..].iter().take_while(|c| **c == '`').count();
                let close = (i + ticks..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|c| **c == '`').count() == ticks
                        && (j == 0 || chars[j - 1] != '`')
                });
                if let Some(j) = close {
                    for _ in i..j + ticks {
                        out.push(' ');
                    }
                    i = j + ticks;
                    continue;
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }

    /// What `braces` did before it searched on, for the comparison below.
    fn braces_by_scanning(chars: &[char]) -> Option<(usize, String)> {
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '{'
                && (i == 0 || !matches!(chars[i - 1], '$' | '{' | '%'))
                && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())
                && let Some(len) = chars[i + 1..].iter().position(|c| *c == '}')
            {
                let inner = &chars[i + 1..i + 1 + len];
                if inner.contains(&' ') {
                    let text: String = chars[i..i + len + 2].iter().collect();
                    return Some((i, shorten(&text)));
                }
            }
            i += 1;
        }
        None
    }

    #[test]
    fn braces_are_found_as_a_scan_finds_them() {
        let alphabet = ['{', '}', 'a', ' ', '$'];
        let mut level = vec![String::new()];
        for _ in 0..8 {
            level = level
                .iter()
                .flat_map(|l| alphabet.iter().map(move |c| format!("{l}{c}")))
                .collect();
            for line in &level {
                let chars: Vec<char> = line.chars().collect();
                assert_eq!(braces(&chars), braces_by_scanning(&chars), "{line:?}");
            }
        }
    }

    #[test]
    fn code_spans_are_found_as_a_scan_finds_them() {
        // Every line of up to 6 characters over an alphabet of backticks,
        // a letter, a brace and comment marks.
        let alphabet = ['`', 'a', '{', '<', '!', '-', '>'];
        let mut level = vec![String::new()];
        let mut lines = Vec::new();
        for _ in 0..6 {
            level = level
                .iter()
                .flat_map(|l| alphabet.iter().map(move |c| format!("{l}{c}")))
                .collect();
            lines.extend(level.iter().cloned());
        }
        for line in lines.iter().chain([&"``a`b``c```d`e``f".to_string()]) {
            for start in [false, true] {
                let (mut a, mut b) = (start, start);
                assert_eq!(
                    blank_hidden(line, &mut a),
                    blank_hidden_by_scanning(line, &mut b),
                    "{line:?}"
                );
                assert_eq!(a, b, "{line:?}");
            }
        }
    }

    #[test]
    fn markers_braces_and_ellipses() {
        assert_eq!(in_line("Cost is TBD."), Some((8, "TBD".into())));
        assert_eq!(
            in_line("* {title of option 1}"),
            Some((2, "{title of option 1}".into()))
        );
        assert_eq!(in_line("* …"), Some((2, "…".into())));
        assert_eq!(in_line("..."), Some((0, "...".into())));
        assert_eq!(in_line("a todo list, TBDs and /users/{id}"), None);
        assert_eq!(in_line("${HOME} and {{ name }}"), None);
        assert_eq!(in_line("We waited... and then decided."), None);
    }

    #[test]
    fn the_quick_test_finds_every_marker() {
        for (line, holds) in [
            ("", false),
            ("plain prose. with full stops.", false),
            ("To be decided, Fix me", false),
            ("TB", false),
            ("..", false),
            ("xTBDx", true),
            ("a TODO", true),
            ("FIXME", true),
            ("{", true),
            ("a...", true),
            ("é…", true),
            ("…", true),
        ] {
            let slow = ["TBD", "TODO", "FIXME", "{", "...", "…"]
                .iter()
                .any(|m| line.contains(m));
            assert_eq!(may_hold_marker(line.as_bytes()), holds, "{line:?}");
            assert_eq!(slow, holds, "{line:?}");
        }
    }

    proptest::proptest! {
        /// Texts made of the markers' letters, dots and braces: the quick
        /// test says what a search for each marker says.
        #[test]
        fn the_quick_test_agrees_with_a_search_for_each_marker(line in "[TBDOFIXME. {}…a]{0,40}") {
            let slow = ["TBD", "TODO", "FIXME", "{", "...", "…"]
                .iter()
                .any(|m| line.contains(m));
            proptest::prop_assert_eq!(may_hold_marker(line.as_bytes()), slow);
        }
    }

    #[test]
    fn comments_and_code_are_not_searched() {
        let body = "# Use X\n\n## Context\n\n<!-- {describe the context} -->\nUse `TODO` markers in code.\n\n```\nTODO\n```\n\n## Rationale\n\nTBD\n\nAnd TODO again.\n";
        let found = in_body(body, 5);
        assert_eq!(
            found,
            vec![InBody {
                pos: Pos::new(18, 1),
                heading: Some("Rationale".into()),
                text: "TBD".into()
            }]
        );
    }

    #[test]
    fn multi_line_comments_are_skipped() {
        let found = in_body("## Context\n<!--\nTBD\n-->\nReal text.\n", 1);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn braces_in_front_matter_read_as_a_mapping() {
        let text = "date: {YYYY-MM-DD when the decision was last updated}\nowners: [ana]\nx-note: TBD\nalternatives:\n  - title: A\n    rejected-because: TODO\n";
        let node = crate::yaml::parse(text, 2).unwrap();
        let mut out = Vec::new();
        in_front_matter(&node, text, &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].key, "date");
        assert_eq!(out[0].pos, Pos::new(2, 7));
        assert_eq!(out[1].key, "rejected-because");
        assert_eq!(out[1].pos, Pos::new(7, 23));
    }

    /// Values are searched one by one only when the text may hold a
    /// marker, or escapes that could make one; mappings made of braces'
    /// words are found either way.
    #[test]
    fn front_matter_without_markers_is_searched_once() {
        let found = |text: &str| {
            let node = crate::yaml::parse(text, 2).unwrap();
            let mut out = Vec::new();
            in_front_matter(&node, text, &mut out);
            out.into_iter().map(|f| (f.key, f.text)).collect::<Vec<_>>()
        };
        let pair = |k: &str, t: &str| (k.to_string(), t.to_string());
        assert_eq!(found("title: Plain\nowners: [ana]\n"), vec![]);
        assert_eq!(found("title: \"\\u2026\"\n"), vec![pair("title", "…")]);
        assert_eq!(found("title: \"\\x54BD\"\n"), vec![pair("title", "TBD")]);
        assert_eq!(
            found("title: TBD\nowners: [ana]\n"),
            vec![pair("title", "TBD")]
        );
        assert_eq!(
            found("consulted:\n  list everyone involved:\n"),
            vec![pair("consulted", "{list everyone involved}")]
        );
    }
}
