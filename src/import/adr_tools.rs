//! adr-tools and other Nygard-style records.
//!
//! adr-tools writes `# N. Title`, a `Date: YYYY-MM-DD` line under it, and a
//! `## Status` section holding a status word and, after `adr new -s` or
//! `adr link`, lines such as `Supercedes [1. Title](0001-title.md)` or
//! `Amended by [3. Title](0003-title.md)` (adr-tools spells "supercede"
//! with a c; people fix it by hand, so both spellings are read). Real logs
//! move the section around (after the decision, at the end) and add prose
//! to it, so the section is found wherever it is and only its status and
//! link lines move; prose stays under the heading.

use super::markdown::{self, Doc};
use super::status::{self, Mapped, Rel, StatusValue};
use super::{Extracted, read_preamble, remove_section_if_moved};

/// Reads an adr-tools record: the `## Status` section, and the `Date:` line
/// under the title (and a `Status:` line there when there is no section).
pub fn extract(doc: &Doc, x: &mut Extracted) {
    read_status_section(doc, x);
    read_preamble(doc, x, &["date", "status"]);
}

/// Reads the `## Status` section: the first line that is not a link is the
/// status; link lines become `supersedes`, `superseded-by` or `related`.
pub fn read_status_section(doc: &Doc, x: &mut Extracted) {
    let Some((heading, range)) = doc.section(&["status"]) else {
        return;
    };
    if x.removed[heading] {
        return;
    }
    let mut superseded_line = None;
    for i in range.clone() {
        let line = &doc.lines[i];
        if line.is_blank() || x.removed[i] || line.in_code {
            continue;
        }
        let text = markdown::strip_comments(line.text);
        if text.trim().is_empty() {
            // A template hint alone on its line: it goes if the section goes.
            continue;
        }
        if let Some(links) = status::link_line(&text) {
            if superseded_line.is_none() && links.iter().any(|l| l.rel == Rel::SupersededBy) {
                superseded_line = Some(text.trim().to_string());
            }
            x.add_links(links);
            x.removed[i] = true;
            continue;
        }
        if x.status.is_none()
            && let Some(value) = status::read_status(&text)
        {
            x.status = Some(value);
            x.removed[i] = true;
        }
    }
    // adr-tools replaces the status word by `Superceded by […]` when a
    // record is superseded: that line is the status.
    if x.status.is_none()
        && let Some(written) = superseded_line
    {
        x.status = Some(StatusValue {
            written,
            mapped: Mapped::Exact(crate::record::Status::Superseded),
            links: Vec::new(),
        });
    }
    remove_section_if_moved(doc, x, heading, range);
    x.note("## Status section");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Id, Status};

    fn read(text: &str) -> Extracted {
        let doc = Doc::new(text);
        let mut x = Extracted::new(doc.lines.len());
        extract(&doc, &mut x);
        x
    }

    #[test]
    fn status_word_and_link_lines() {
        let x = read(
            "# 10. T\n\nDate: 2017-07-04\n\n## Status\n\nAccepted\n\nAmended by [17. D](0017-d.md)\n\n## Context\n",
        );
        assert_eq!(x.date.as_deref(), Some("2017-07-04"));
        assert_eq!(x.status.as_ref().unwrap().status(), Some(Status::Accepted));
        assert_eq!(x.links[0].rel, Rel::Related);
        assert_eq!(x.links[0].id, Id::Num(17));
        // Date line, status heading, its lines and blanks; not the context.
        assert_eq!(
            x.removed,
            vec![
                false, false, true, false, true, true, true, true, true, true, false
            ]
        );
    }

    #[test]
    fn superseded_line_alone_is_the_status() {
        let x = read("# 1. T\n\n## Status\n\nSuperceded by [2. U](0002-u.md)\n");
        let s = x.status.unwrap();
        assert_eq!(s.status(), Some(Status::Superseded));
        assert!(!s.keeps_original());
        assert_eq!(x.links[0].rel, Rel::SupersededBy);
        assert_eq!(x.links[0].id, Id::Num(2));
    }

    #[test]
    fn status_section_after_the_decision() {
        let x = read("# 5. T\n\n## Decision\n\nDo it.\n\n## Status\n\n✅ Accepted\n");
        assert_eq!(x.status.unwrap().status(), Some(Status::Accepted));
        assert_eq!(x.removed[4..], [false, false, true, true, true]);
    }

    #[test]
    fn a_status_section_with_prose_keeps_its_heading_and_prose() {
        let x = read("# 5. T\n\n## Status\n\nAccepted\nAs agreed with ops.\n");
        assert_eq!(x.removed, vec![false, false, false, false, true, false]);
    }

    #[test]
    fn fenced_examples_are_not_read() {
        let x = read("# 5. T\n\n```\n## Status\n\nRejected\n```\n");
        assert!(x.status.is_none());
        assert!(x.removed.iter().all(|r| !r));
    }
}
