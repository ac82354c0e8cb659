//! The Markdown body of a record: its title heading and its sections.
//!
//! Only structure is extracted here: the first `# ` heading and each
//! section's heading, position and text with HTML comments (template hints)
//! removed, so rules can tell an untouched template from a written one.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::source::pos_at;
use crate::yaml::Pos;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// The first level-1 heading, as text, with its position.
    pub title: Option<(String, Pos)>,
    pub sections: Vec<Section>,
}

/// A heading and everything under it up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub level: u8,
    pub heading: String,
    pub pos: Pos,
    /// The section's text with HTML comments removed and whitespace trimmed.
    pub content: String,
}

impl Body {
    /// Parses `text`, whose first line is line `first_line` of the file.
    pub fn parse(text: &str, first_line: usize) -> Body {
        let mut headings: Vec<(u8, String, usize, usize)> = Vec::new(); // level, text, start, content start
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
                        headings.push((level, s.trim().to_string(), start, range.end));
                    }
                }
                _ => {}
            }
        }
        let mut body = Body::default();
        for (i, (level, heading, start, content_start)) in headings.iter().enumerate() {
            let end = headings[i + 1..]
                .iter()
                .find(|(l, ..)| l <= level)
                .map_or(text.len(), |(_, _, s, _)| *s);
            let pos = pos_at(text, *start, first_line);
            if *level == 1 && body.title.is_none() {
                body.title = Some((strip_number(heading).to_string(), pos));
            }
            let raw = text
                .get(*content_start..end.max(*content_start))
                .unwrap_or("");
            body.sections.push(Section {
                level: *level,
                heading: heading.clone(),
                pos,
                content: strip_html_comments(raw).trim().to_string(),
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
        self.section(&["Rationale", "Decision Outcome"])
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

/// Removes `<!-- ... -->` comments; an unclosed comment runs to the end.
pub fn strip_html_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
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
    fn title_and_sections_with_positions() {
        let body = Body::parse(
            "# 3. Use X\n\n## Context\n\nWhy.\n\n## Rationale\n<!-- hint -->\n",
            5,
        );
        assert_eq!(body.title, Some(("Use X".to_string(), Pos::new(5, 1))));
        assert_eq!(body.context().unwrap().content, "Why.");
        let r = body.rationale().unwrap();
        assert_eq!(r.pos, Pos::new(11, 1));
        assert_eq!(r.content, "");
    }

    #[test]
    fn subsections_belong_to_their_parent() {
        let body = Body::parse(
            "## Decision Outcome\n\nChosen option: \"A\", because B.\n\n### Consequences\n\nGood.\n\n## Links\n",
            1,
        );
        let r = body.rationale().unwrap();
        assert!(r.content.contains("Chosen option"));
        assert!(r.content.contains("Good."));
        assert!(!r.content.contains("Links"));
    }
}
