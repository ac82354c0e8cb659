//! Line-level reading of a foreign record: headings, `Key: value` lines,
//! sections and Markdown links, each with the byte range it came from.
//!
//! The importer must remove exactly the lines whose meaning moved into front
//! matter and leave every other byte as it was, so it works on lines with
//! their offsets rather than on a parsed Markdown tree (which forgets where
//! the text was). Lines inside fenced code blocks are never metadata: a
//! record that shows an example of the format must not have its example moved.

use crate::record::Id;

/// One line of the source: its text without the line ending, and where it
/// starts and ends (ending included) in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Inside a fenced code block (or its fence line).
    pub in_code: bool,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A source text cut into lines.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub lines: Vec<Line<'a>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut fence: Option<(char, usize)> = None;
        for raw in text.split_inclusive('\n') {
            let end = start + raw.len();
            let content = raw.trim_end_matches('\n').trim_end_matches('\r');
            let opener = fence_marker(content);
            let in_code = match (fence, opener) {
                (None, Some(m)) => {
                    fence = Some(m);
                    true
                }
                (Some((c, n)), Some((c2, n2))) if c == c2 && n2 >= n && is_closing(content) => {
                    fence = None;
                    true
                }
                (Some(_), _) => true,
                (None, None) => false,
            };
            lines.push(Line {
                text: content,
                start,
                end,
                in_code,
            });
            start = end;
        }
        Doc { text, lines }
    }

    /// The index and heading of the first level-1 heading outside code.
    pub fn title(&self) -> Option<(usize, &'a str)> {
        self.lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| match heading(l) {
                Some((1, text)) => Some((i, text)),
                _ => None,
            })
    }

    /// The lines before the first heading of level 2 or deeper, after the title.
    pub fn preamble(&self) -> std::ops::Range<usize> {
        let from = self.title().map_or(0, |(i, _)| i + 1);
        let to = (from..self.lines.len())
            .find(|&i| heading(&self.lines[i]).is_some())
            .unwrap_or(self.lines.len());
        from..to
    }

    /// The first section (level 2 or deeper) whose heading, lower-cased and
    /// without a trailing colon or emphasis, is one of `names`: the index of
    /// its heading line and the range of its content lines, which end at the
    /// next heading of any level.
    pub fn section(&self, names: &[&str]) -> Option<(usize, std::ops::Range<usize>)> {
        let at = self.lines.iter().position(|l| match heading(l) {
            Some((level, text)) if level >= 2 => names.contains(&heading_key(text).as_str()),
            _ => false,
        })?;
        let end = (at + 1..self.lines.len())
            .find(|&i| heading(&self.lines[i]).is_some())
            .unwrap_or(self.lines.len());
        Some((at, at + 1..end))
    }
}

/// `` ``` `` or `~~~` (three or more) opening a fenced block, with up to three spaces before it.
fn fence_marker(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.len() - rest.trim_start_matches(c).len();
    (n >= 3).then_some((c, n))
}

/// A closing fence has nothing after its marker but spaces.
fn is_closing(line: &str) -> bool {
    line.trim().trim_start_matches(['`', '~']).trim().is_empty()
}

/// An ATX heading outside code: its level and text, without closing `#`s.
pub fn heading<'a>(line: &Line<'a>) -> Option<(usize, &'a str)> {
    if line.in_code {
        return None;
    }
    let indent = line.text.len() - line.text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line.text[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim().trim_end_matches('#').trim_end();
    Some((level, text))
}

/// A heading's words as compared against section names: lower case, no
/// emphasis, no trailing colon.
fn heading_key(text: &str) -> String {
    strip_comments(text)
        .trim_matches(['*', '_', ' '])
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
}

/// Splits a title written with its number (`3. Use X`, `ADR-003: Use X`,
/// `ADR 3 - Use X`) into the number as written and the title.
pub fn numbered_title(title: &str) -> (Option<&str>, &str) {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    let after_adr = if lower.starts_with("adr") {
        t[3..].trim_start_matches([' ', '-', '_', '#'])
    } else {
        t.trim_start_matches('#')
    };
    let digits = after_adr.len()
        - after_adr
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 {
        return (None, t);
    }
    let number = &after_adr[..digits];
    let rest = &after_adr[digits..];
    let sep = rest.trim_start();
    for mark in [".", ":", "-", "–", "—"] {
        if let Some(after) = sep.strip_prefix(mark)
            && after.starts_with([' ', '\t'])
            && !after.trim().is_empty()
        {
            return (Some(number), after.trim());
        }
    }
    (None, t)
}

/// Removes `<!-- … -->` comments from one line (an unclosed one runs to its end).
pub fn strip_comments(text: &str) -> String {
    crate::record::body::strip_html_comments(text)
}

/// A `Key: value` metadata line, as MADR 2 and log4brains write them
/// (`* Status: accepted`, `- Date: 2020-09-24`) and adr-tools writes its
/// date (`Date: 2017-06-30`), also with emphasis (`**Status:** accepted`,
/// `* **Status**: accepted`). Returns the key in lower case and the value
/// without template comments.
pub fn meta_line(line: &Line) -> Option<(String, String)> {
    if line.in_code {
        return None;
    }
    let mut t = line.text.trim();
    for bullet in ["* ", "- ", "+ "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            t = rest.trim_start();
            break;
        }
    }
    let colon = t.find(':')?;
    let key = t[..colon].trim_matches(['*', '_', ' ']);
    if key.is_empty()
        || key.len() > 30
        || !key
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '(' || c == ')')
    {
        return None;
    }
    let value = t[colon + 1..].trim_start_matches(['*', '_']);
    let value = strip_comments(value).trim().to_string();
    Some((key.to_ascii_lowercase(), value))
}

/// A Markdown inline link `[text](target)` found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub text: &'a str,
    pub target: &'a str,
    /// Byte offsets of the whole `[text](target)` in the line.
    pub start: usize,
    pub end: usize,
}

/// Every inline link in `line`, in order. Brackets nest one level deep, as in
/// `[[1. Title]](0001-x.md)`; anything unbalanced is not a link.
pub fn links(line: &str) -> Vec<Link<'_>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        let start = i;
        let mut depth = 0usize;
        let mut close = None;
        for (j, &b) in bytes.iter().enumerate().skip(i) {
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        if bytes.get(close + 1) == Some(&b'(')
            && let Some(len) = line[close + 2..].find(')')
        {
            let target = line[close + 2..close + 2 + len].trim();
            // A title after the target: `(0001-x.md "Title")`.
            let target = target.split_whitespace().next().unwrap_or("");
            out.push(Link {
                text: &line[start + 1..close],
                target: target.trim_matches(['<', '>']),
                start,
                end: close + 3 + len,
            });
            i = close + 3 + len;
        } else {
            i = close + 1;
        }
    }
    out
}

/// The id of the record a link points at, when it points at a record file
/// in the same folder (`0001-x.md`, `./0001-x.md`, `20200924-x.md`,
/// `adr-015-x.md`). Links to web pages or other folders name no record.
pub fn linked_id(target: &str) -> Option<Id> {
    let path = target.split(['#', '?']).next().unwrap_or("");
    if path.contains("://") || path.starts_with('/') || path.starts_with("mailto:") {
        return None;
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.contains('/') || path.contains('\\') {
        return None;
    }
    super::id::file_id(path).map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets_and_endings() {
        let doc = Doc::new("# A\r\n\r\nb\n");
        assert_eq!(doc.lines.len(), 3);
        assert_eq!(doc.lines[0].text, "# A");
        assert_eq!((doc.lines[0].start, doc.lines[0].end), (0, 5));
        assert_eq!(doc.lines[2].text, "b");
        assert_eq!(&doc.text[doc.lines[2].start..doc.lines[2].end], "b\n");
    }

    #[test]
    fn code_fences_hide_headings_and_metadata() {
        let doc = Doc::new("# T\n```md\n## Status\nDate: 2020-01-01\n```\n## Status\nok\n");
        assert_eq!(doc.section(&["status"]).unwrap().0, 5);
        assert!(meta_line(&doc.lines[3]).is_none());
    }

    #[test]
    fn sections_run_to_the_next_heading() {
        let doc = Doc::new("# T\n\n## Status:\n\nAccepted\n\n## Context\nx\n");
        let (at, range) = doc.section(&["status"]).unwrap();
        assert_eq!(at, 2);
        assert_eq!(range, 3..6);
        assert_eq!(doc.preamble(), 1..2);
    }

    #[test]
    fn numbered_titles() {
        assert_eq!(numbered_title("3. Networking"), (Some("3"), "Networking"));
        assert_eq!(numbered_title("ADR-015: Use X"), (Some("015"), "Use X"));
        assert_eq!(numbered_title("ADR 7 - Use Y"), (Some("7"), "Use Y"));
        assert_eq!(
            numbered_title("2024 roadmap review"),
            (None, "2024 roadmap review")
        );
        assert_eq!(numbered_title("Use X"), (None, "Use X"));
    }

    #[test]
    fn metadata_lines_in_their_usual_spellings() {
        let one = |s: &str| meta_line(&Doc::new(s).lines[0]);
        assert_eq!(
            one("* Status: accepted"),
            Some(("status".into(), "accepted".into()))
        );
        assert_eq!(
            one("- Date: 2020-09-24 <!-- optional -->"),
            Some(("date".into(), "2020-09-24".into()))
        );
        assert_eq!(
            one("**Status:** Accepted"),
            Some(("status".into(), "Accepted".into()))
        );
        assert_eq!(
            one("* **Deciders**: ana, raj"),
            Some(("deciders".into(), "ana, raj".into()))
        );
        assert_eq!(numbered_title("3.5 release"), (None, "3.5 release"));
        assert_eq!(one("Plain prose without a key"), None);
    }

    #[test]
    fn links_and_the_records_they_name() {
        let found =
            links("Supercedes [1. Use [X]](0001-use-x.md) and [web](https://a.b/0002-x.md)");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "1. Use [X]");
        assert_eq!(linked_id(found[0].target), Some(Id::Num(1)));
        assert_eq!(linked_id(found[1].target), None);
        assert_eq!(linked_id("./0003-x.md#why"), Some(Id::Num(3)));
        assert_eq!(linked_id("../other/0003-x.md"), None);
        assert_eq!(
            linked_id("20201016-use-slug.md"),
            Some(Id::Name("20201016-use-slug".into()))
        );
        assert_eq!(linked_id("adr-015-x.md"), Some(Id::Num(15)));
        assert!(links("[unclosed (x)").is_empty());
    }
}
