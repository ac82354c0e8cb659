//! The Markdown body of a record: its title heading and its sections.
//!
//! Only structure is extracted here: the first `# ` heading and each
//! section's heading, position and whether it holds text once HTML comments
//! (template hints) are removed, so rules can tell an untouched template
//! from a written one. Only the rationale's text is kept: it is the one
//! section shown (`show`, `digest`) and judged word by word, and keeping
//! every section of a large log would not fit a small memory.

use compact_str::CompactString;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::body_scan::Heading;
use super::source::{newlines, pos_at};
use crate::yaml::Pos;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// The first level-1 heading, as text, with its position.
    pub title: Option<(String, Pos)>,
    pub sections: super::List<Section>,
}

/// A heading and everything under it up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub level: u8,
    pub heading: CompactString,
    pub pos: Pos,
    /// Whether the section holds anything but whitespace and HTML comments.
    pub has_content: bool,
    /// The section's text with HTML comments removed and whitespace trimmed;
    /// kept for rationale sections ([`RATIONALE_HEADINGS`]) only, `None` for others.
    pub content: Option<String>,
}

/// The headings of a rationale: `## Rationale`, or MADR's `## Decision Outcome`.
pub const RATIONALE_HEADINGS: &[&str] = &["Rationale", "Decision Outcome"];

impl Body {
    /// Parses `text`, whose first line is line `first_line` of the file:
    /// with the line scanner ([`super::body_scan`]) where it can tell, else
    /// with pulldown-cmark.
    pub fn parse(text: &str, first_line: usize) -> Body {
        Self::scanned(text, first_line).unwrap_or_else(|| Self::parse_cmark(text, first_line))
    }

    /// The body as the line scanner reads it, `None` where it cannot tell.
    /// Public for the fuzz target, which holds it to [`Body::parse_cmark`].
    #[doc(hidden)]
    pub fn scanned(text: &str, first_line: usize) -> Option<Body> {
        super::body_scan::headings(text).map(|h| Self::from_headings(text, first_line, &h))
    }

    /// The body as pulldown-cmark reads it.
    #[doc(hidden)]
    pub fn parse_cmark(text: &str, first_line: usize) -> Body {
        let mut headings: Vec<Heading> = Vec::new();
        let mut current: Option<(u8, String, usize)> = None;
        for (event, range) in Parser::new(text).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    current = Some((heading_level(level), String::new(), range.start));
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, s, _)) = current.as_mut() {
                        s.push_str(&t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, s, start)) = current.take() {
                        headings.push((level, s, start, range.end));
                    }
                }
                _ => {}
            }
        }
        Self::from_headings(text, first_line, &headings)
    }

    /// The body whose headings are `headings` (level, untrimmed text, start,
    /// content start).
    fn from_headings(text: &str, first_line: usize, headings: &[Heading]) -> Body {
        let headings: Vec<(u8, &str, usize, usize)> = headings
            .iter()
            .map(|(level, s, start, content)| (*level, s.trim(), *start, *content))
            .collect();
        let mut body = Body {
            title: None,
            // One section per heading, allocated once: kept for every record.
            sections: super::List::with_capacity(headings.len()),
        };
        // Lines are counted on from the last heading, as headings come in
        // the order they are written: counting from the top for each
        // heading made a body of many headings quadratic.
        let bytes = text.as_bytes();
        let (mut counted, mut line) = (0, 0);
        let mut pos_at = |offset: usize| {
            let offset = offset.min(bytes.len());
            if offset < counted {
                (counted, line) = (0, 0);
            }
            line += newlines(&bytes[counted..offset]);
            counted = offset;
            let from = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
            pos_at(&text[from..], offset - from, first_line + line)
        };
        for (i, (level, heading, start, content_start)) in headings.iter().enumerate() {
            let end = headings[i + 1..]
                .iter()
                .find(|(l, ..)| l <= level)
                .map_or(text.len(), |(_, _, s, _)| *s);
            let pos = pos_at(*start);
            if *level == 1 && body.title.is_none() {
                body.title = Some((strip_number(heading).to_string(), pos));
            }
            let raw = text
                .get(*content_start..end.max(*content_start))
                .unwrap_or("");
            let content = RATIONALE_HEADINGS
                .iter()
                .any(|h| heading.eq_ignore_ascii_case(h))
                .then(|| strip_html_comments(raw).trim().to_string());
            body.sections.push(Section {
                level: *level,
                heading: CompactString::from(*heading),
                pos,
                has_content: content
                    .as_ref()
                    .map_or_else(|| has_visible(raw), |c| !c.is_empty()),
                content,
            });
        }
        body
    }

    /// The first section whose heading equals one of `names` (case-insensitive).
    pub fn section(&self, names: &[&str]) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| names.iter().any(|n| s.heading.eq_ignore_ascii_case(n)))
    }

    /// The rationale: `## Rationale`, or MADR's `## Decision Outcome`.
    pub fn rationale(&self) -> Option<&Section> {
        self.section(RATIONALE_HEADINGS)
    }

    /// The rationale's text, when it has any.
    pub fn rationale_text(&self) -> Option<&str> {
        self.rationale()
            .and_then(|s| s.content.as_deref())
            .filter(|c| !c.is_empty())
    }

    /// The context: `## Context`, or MADR's `## Context and Problem Statement`.
    pub fn context(&self) -> Option<&Section> {
        self.section(&["Context", "Context and Problem Statement"])
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Drops an adr-tools style number from a title: `12. Use X` becomes `Use X`.
fn strip_number(title: &str) -> &str {
    let digits = title.len() - title.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0
        && let Some(rest) = title[digits..].strip_prefix(". ")
    {
        return rest.trim_start();
    }
    title
}

/// Whether `text` holds anything but whitespace and `<!-- ... -->` comments:
/// [`strip_html_comments`] without building the text.
fn has_visible(text: &str) -> bool {
    let mut rest = text;
    loop {
        let (before, after) = match find(rest, "<!--") {
            Some(start) => (&rest[..start], Some(&rest[start + 4..])),
            None => (rest, None),
        };
        if !before.trim().is_empty() {
            return true;
        }
        match after.and_then(|a| find(a, "-->").map(|end| &a[end + 3..])) {
            Some(next) => rest = next,
            None => return false,
        }
    }
}

/// Where `needle` (a comment's `<!--` or `-->`) first occurs in `text`:
/// its first byte found with memchr's vectorised search, the rest compared
/// there. For needles this short, building a substring searcher for each
/// search cost more than the search.
fn find(text: &str, needle: &str) -> Option<usize> {
    let (&first, rest) = needle.as_bytes().split_first()?;
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, &bytes[from..]) {
        let at = from + i;
        if bytes[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Removes `<!-- ... -->` comments; an unclosed comment runs to the end.
pub fn strip_html_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find(rest, "<!--") {
        out.push_str(&rest[..start]);
        match find(&rest[start + 4..], "-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_marks_are_found_among_near_misses() {
        assert_eq!(find("a<-<!-<!--x", "<!--"), Some(6));
        assert_eq!(find("<!-- x --", "-->"), None);
        assert_eq!(find("--->", "-->"), Some(1));
        assert_eq!(find("<<<<", "<!--"), None);
        assert_eq!(find("", "-->"), None);
        assert_eq!(find("x<!--", "<!--"), Some(1));
    }

    #[test]
    fn title_and_sections_with_positions() {
        let body = Body::parse(
            "# 3. Use X\n\n## Context\n\nWhy.\n\n## Rationale\n<!-- hint -->\n",
            5,
        );
        assert_eq!(body.title, Some(("Use X".to_string(), Pos::new(5, 1))));
        assert!(body.context().unwrap().has_content);
        assert_eq!(body.context().unwrap().content, None);
        let r = body.rationale().unwrap();
        assert_eq!(r.pos, Pos::new(11, 1));
        assert!(!r.has_content);
        assert_eq!(r.content.as_deref(), Some(""));
    }

    #[test]
    fn subsections_belong_to_their_parent() {
        let body = Body::parse(
            "## Decision Outcome\n\nChosen option: \"A\", because B.\n\n### Consequences\n\nGood.\n\n## Links\n",
            1,
        );
        let r = body.rationale_text().unwrap();
        assert!(r.contains("Chosen option"));
        assert!(r.contains("Good."));
        assert!(!r.contains("Links"));
    }

    #[test]
    fn visible_text_ignores_comments_and_whitespace() {
        for (text, visible) in [
            ("", false),
            ("  \n\t", false),
            ("<!-- hint -->\n", false),
            ("<!-- a --> <!-- b", false),
            ("<!-- a --> x", true),
            ("x <!-- a", true),
            ("<!-- a --> <!-- b --> .", true),
        ] {
            assert_eq!(has_visible(text), visible, "{text:?}");
            assert_eq!(
                has_visible(text),
                !strip_html_comments(text).trim().is_empty(),
                "{text:?}"
            );
        }
    }
}
