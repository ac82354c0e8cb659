//! log4brains records.
//!
//! log4brains writes MADR 2 records (`- Status: …`, `- Date: …`, `- Tags:
//! …` bullets and a `## Links` section) with two differences that matter
//! here: its statuses include `draft`, and its files are named
//! `YYYYMMDD-slug.md` with the whole slug as the record's id, which is how
//! its links name records (`superseded by [20201016-use-the-adr-slug](…)`).
//! `decide` reads such a name as a date-scheme id (the whole stem), so the
//! names and links are kept as they are.

use chrono::NaiveDate;

use super::markdown::Doc;
use super::{Extracted, madr};

/// Reads a log4brains record: the MADR 2 bullets and the `## Links` section.
pub fn extract(doc: &Doc, x: &mut Extracted) {
    madr::extract(doc, x);
}

/// `20200924-…md`: log4brains' dated file name.
pub fn is_dated_name(name: &str) -> bool {
    name.get(..8)
        .is_some_and(|d| NaiveDate::parse_from_str(d, "%Y%m%d").is_ok())
        && name[8..].starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Id, Status};

    #[test]
    fn dated_names() {
        assert!(is_dated_name("20200924-use-markdown.md"));
        assert!(!is_dated_name("0001-use-markdown.md"));
        assert!(!is_dated_name("20201399-x.md"));
    }

    #[test]
    fn draft_status_and_slug_links() {
        let doc = Doc::new(
            "# Use slugs\n\n- Status: draft\n- Date: 2020-10-16\n\n## Links\n\n- Supersedes [20200926-use-numbers](20200926-use-numbers.md)\n- [Issue 12](https://example.com/12)\n",
        );
        let mut x = Extracted::new(doc.lines.len());
        extract(&doc, &mut x);
        assert_eq!(x.status.unwrap().status(), Some(Status::Draft));
        assert_eq!(x.links[0].id, Id::Name("20200926-use-numbers".into()));
        // The web link stays, so the section and its heading stay.
        assert_eq!(
            x.removed,
            vec![false, false, true, true, false, false, false, true, false]
        );
    }
}
