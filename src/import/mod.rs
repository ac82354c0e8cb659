//! Converting records from other decision-log formats (SPEC §7).
//!
//! A foreign record keeps its metadata in the Markdown itself: adr-tools
//! (Nygard) writes `Date:` under a numbered title and a `## Status` section,
//! MADR 2 and log4brains write `* Status: …` bullets, MADR 3 and 4 already
//! use front matter. Conversion reads that metadata, writes it as front
//! matter, and removes from the body only the lines whose whole meaning
//! moved; every other byte of the body stays as it was, so the record still
//! reads as its authors wrote it and a diff of the import shows just the move.
//!
//! Nothing is guessed: a status that maps to no `decide` status becomes
//! `proposed` with the words kept in `x-original-status`, a date that is
//! not `YYYY-MM-DD` is kept in `x-original-date`, and a record that states
//! no status gets none. One module per format reads that format's
//! conventions ([`adr_tools`], [`madr`], [`log4brains`]); this module
//! assembles the result.

pub mod adr_tools;
pub mod log4brains;
pub mod madr;
// Read by records too (MADR's compound statuses), so they live there.
pub use crate::record::file_id;
pub use crate::record::markdown;
pub use crate::record::status_line as status;

use std::fmt::Write as _;

use crate::edit::{self, Document};
use crate::record::{self, FrontMatter, Id, Status, parse_date, source};
use crate::templates::{yaml_ids, yaml_list, yaml_scalar};

use markdown::Doc;
use status::{LinkRef, Rel, StatusValue};

/// Which conventions to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Every convention below, per file: what almost every log needs.
    Auto,
    /// adr-tools and other Nygard-style records.
    AdrTools,
    /// MADR: 2.x bullets, or 3/4 front matter read as it is.
    Madr,
    /// log4brains: MADR 2 bullets, a `## Links` section, dated file names.
    Log4brains,
}

/// What a record's Markdown said about it, and which lines said it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The title heading's text without its number.
    pub title: Option<String>,
    /// The number written in the title heading (`3` in `# 3. Use X`).
    pub written_id: Option<String>,
    pub status: Option<StatusValue>,
    pub date: Option<String>,
    pub decision_makers: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<String>,
    pub links: Vec<LinkRef>,
    /// Per line of the source: whether it moved into front matter.
    pub removed: Vec<bool>,
    /// Which conventions were found, for the report (`## Status section`).
    pub found: Vec<&'static str>,
}

impl Extracted {
    fn new(lines: usize) -> Extracted {
        Extracted {
            removed: vec![false; lines],
            ..Extracted::default()
        }
    }

    fn add_links(&mut self, links: impl IntoIterator<Item = LinkRef>) {
        for link in links {
            if !self.links.contains(&link) {
                self.links.push(link);
            }
        }
    }

    fn note(&mut self, what: &'static str) {
        if !self.found.contains(&what) {
            self.found.push(what);
        }
    }
}

/// One converted record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The whole new file.
    pub text: String,
    /// False when the file needed no change (front matter already in order).
    pub changed: bool,
    /// The format it was read as, for the report.
    pub format: &'static str,
    /// Where in the record the metadata was found (`## Status section`), for `--dry-run`.
    pub read: Vec<&'static str>,
    /// The front matter written, for `--dry-run`.
    pub front: String,
    /// The source lines removed from the body, for `--dry-run`.
    pub removed: Vec<String>,
    pub status: Option<Status>,
    pub links: Vec<LinkRef>,
    /// Things the user should know about this record.
    pub notes: Vec<String>,
    /// The title without a leading number (`Use React` for `# ADR 1: Use React`).
    pub title: Option<String>,
}

impl Converted {
    /// `accepted, supersedes 2, related 17`: the one-line summary of what was read.
    pub fn summary(&self) -> String {
        let mut parts = vec![self.status.map_or("no status", Status::as_str).to_string()];
        for (rel, word) in [
            (Rel::Supersedes, "supersedes"),
            (Rel::SupersededBy, "superseded by"),
            (Rel::Related, "related"),
        ] {
            let ids: Vec<String> = self
                .links
                .iter()
                .filter(|l| l.rel == rel)
                .map(|l| id_text(&l.id))
                .collect();
            if !ids.is_empty() {
                parts.push(format!("{word} {}", ids.join(", ")));
            }
        }
        parts.join(", ")
    }
}

/// An id as a reference writes it: `12` rather than `0012`.
fn id_text(id: &Id) -> String {
    match id {
        Id::Num(n) => n.to_string(),
        Id::Name(s) => s.clone(),
    }
}

/// Why a file could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// Converts one record file. `file_name` gives the id; `text` is the whole file.
pub fn convert(file_name: &str, text: &str, format: Format) -> Result<Converted, Refused> {
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let text = source::strip_bom(text);
    let split = source::split(text);
    match split.front {
        FrontMatter::Missing => {}
        FrontMatter::Parsed(node) => return madr::native(bom, text, &node),
        FrontMatter::Unterminated => {
            return Err(Refused(
                "its front matter has no closing `---`; fix that first".into(),
            ));
        }
        FrontMatter::Invalid(err) => {
            return Err(Refused(format!(
                "its front matter is not valid YAML (line {}: {}); fix that first",
                err.pos.line, err.message
            )));
        }
    }
    let doc = Doc::new(text);
    let mut x = Extracted::new(doc.lines.len());
    if let Some((_, heading)) = doc.title() {
        let (number, title) = markdown::numbered_title(heading);
        x.title = Some(title.to_string());
        x.written_id = number.map(str::to_string);
    }
    let auto = format == Format::Auto;
    let format = if auto {
        detect(file_name, &doc)
    } else {
        format
    };
    let label = match format {
        Format::AdrTools | Format::Auto => {
            adr_tools::extract(&doc, &mut x);
            "adr-tools"
        }
        Format::Madr => {
            madr::extract(&doc, &mut x);
            "MADR 2"
        }
        Format::Log4brains => {
            log4brains::extract(&doc, &mut x);
            "log4brains"
        }
    };
    // A record may also use another format's conventions (a Nygard record
    // with MADR bullets, a MADR record with a status section): in auto mode
    // every reader looks, each only at lines no other reader has taken.
    if auto {
        read_preamble(&doc, &mut x, madr::BULLET_KEYS);
        adr_tools::read_status_section(&doc, &mut x);
        madr::read_links_section(&doc, &mut x);
    }
    read_prose_links(&doc, &mut x);
    Ok(assemble(bom, file_name, &doc, x, label))
}

/// The format a record without front matter is in, from its conventions.
fn detect(file_name: &str, doc: &Doc) -> Format {
    let bullets = doc.lines[doc.preamble()].iter().any(|l| {
        markdown::meta_line(l).is_some_and(|(k, _)| k == "status")
            && l.text.trim_start().starts_with(['*', '-', '+'])
    });
    match (bullets, log4brains::is_dated_name(file_name)) {
        (true, true) => Format::Log4brains,
        (true, false) => Format::Madr,
        _ => Format::AdrTools,
    }
}

/// Reads `Key: value` lines between the title and the first section, for
/// the keys given, and marks them as moved.
fn read_preamble(doc: &Doc, x: &mut Extracted, keys: &[&str]) {
    for i in doc.preamble() {
        if x.removed[i] {
            continue;
        }
        let Some((key, value)) = markdown::meta_line(&doc.lines[i]) else {
            continue;
        };
        if !keys.contains(&key.as_str()) {
            continue;
        }
        match key.as_str() {
            "status" if x.status.is_none() => x.status = status::read_status(&value),
            "date" if x.date.is_none() => x.date = Some(value),
            "deciders" | "decision-makers" | "decision makers" => {
                x.decision_makers.extend(split_names(&value, false));
            }
            "consulted" => x.consulted.extend(split_names(&value, false)),
            "informed" => x.informed.extend(split_names(&value, false)),
            "tags" => x.tags.extend(split_names(&value, true)),
            // A second status or date line is left where it is.
            _ => continue,
        }
        x.removed[i] = true;
        x.note("metadata under the title");
    }
}

/// Removes a section's heading and blank lines too when every line with
/// content in it moved.
fn remove_section_if_moved(
    doc: &Doc,
    x: &mut Extracted,
    heading: usize,
    range: std::ops::Range<usize>,
) {
    let all_moved = range.clone().all(|i| {
        x.removed[i]
            || (!doc.lines[i].in_code
                && markdown::strip_comments(doc.lines[i].text)
                    .trim()
                    .is_empty())
    });
    if all_moved {
        x.removed[heading] = true;
        for i in range {
            x.removed[i] = true;
        }
    }
}

/// Supersede links stated in prose anywhere the readers left alone.
fn read_prose_links(doc: &Doc, x: &mut Extracted) {
    let mut found = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if x.removed[i] || line.in_code || markdown::heading(line).is_some() {
            continue;
        }
        found.extend(status::prose_links(line.text));
    }
    if !found.is_empty() {
        x.note("links in prose");
        x.add_links(found);
    }
}

/// Splits a people or tag list: `ana, raj and lee`.
pub(crate) fn split_names(value: &str, on_space: bool) -> Vec<String> {
    let value = value.trim().trim_start_matches('[').trim_end_matches(']');
    let mut out: Vec<String> = Vec::new();
    for part in value.split([',', ';']) {
        let pieces: Vec<&str> = if on_space {
            part.split_whitespace().collect()
        } else {
            part.split(" and ").flat_map(|p| p.split(" & ")).collect()
        };
        for p in pieces {
            let p = p.trim().trim_start_matches('#').trim();
            if !p.is_empty() && !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
    out
}

/// Writes the front matter and the body without the moved lines.
fn assemble(bom: &str, file_name: &str, doc: &Doc, x: Extracted, label: &'static str) -> Converted {
    let eol = match doc.lines.first() {
        Some(l) if doc.text[l.start..l.end].ends_with("\r\n") => "\r\n",
        _ => "\n",
    };
    let own_id = file_id(file_name).map(|(id, _)| id);
    let mut notes = Vec::new();
    let mut fields: Vec<(&str, String)> = Vec::new();

    let body = body_without(doc, &x.removed);
    let heading_title = record::Body::parse(&body, 1).title.map(|(t, _)| t);
    if let Some(title) = &x.title
        && heading_title.as_deref() != Some(title.as_str())
    {
        fields.push(("title", yaml_scalar(title)));
    }
    let status = x.status.as_ref().and_then(StatusValue::status);
    if let Some(s) = status {
        fields.push(("status", s.as_str().to_string()));
    }
    // Written as the date it reads as: the reader also accepts odd spacing
    // (`2017-07-\u{c}4`, found by fuzzing), which must not reach the YAML.
    if let Some(date) = x.date.as_deref().and_then(parse_date) {
        let date = date.format("%Y-%m-%d").to_string();
        // adr-tools and MADR date a record when its decision is made, so
        // that date is when an accepted or rejected record was decided.
        if status.is_some_and(decided_by_date) {
            fields.push(("date", date.clone()));
            fields.push(("decided", date));
        } else {
            fields.push(("date", date));
        }
    }
    for (key, list) in [
        ("decision-makers", &x.decision_makers),
        ("consulted", &x.consulted),
        ("informed", &x.informed),
        ("tags", &x.tags),
    ] {
        if !list.is_empty() {
            fields.push((key, yaml_list(list)));
        }
    }
    let mut links: Vec<LinkRef> = Vec::new();
    for link in x.status.iter().flat_map(|s| s.links.iter()).chain(&x.links) {
        if Some(&link.id) != own_id.as_ref() && !links.contains(link) {
            links.push(link.clone());
        }
    }
    for (rel, key) in [
        (Rel::Supersedes, "supersedes"),
        (Rel::SupersededBy, "superseded-by"),
        (Rel::Related, "related"),
    ] {
        let ids: Vec<Id> = links
            .iter()
            .filter(|l| l.rel == rel)
            .map(|l| l.id.clone())
            .collect();
        if !ids.is_empty() {
            fields.push((key, yaml_ids(&ids)));
        }
    }
    if let Some(written) = &x.written_id {
        let same = match (Id::parse(written), &own_id) {
            (Some(a), Some(b)) => &a == b,
            _ => false,
        };
        if !same {
            fields.push(("x-original-id", yaml_scalar(written)));
            notes.push(format!(
                "the title says {written}, the file name says {}: the file name's id is kept, the title's in x-original-id",
                own_id.as_ref().map_or("nothing".into(), id_text)
            ));
        }
    }
    if let Some(s) = &x.status
        && s.keeps_original()
    {
        fields.push(("x-original-status", yaml_scalar(&s.written)));
        if matches!(s.mapped, status::Mapped::Unmapped) {
            notes.push(format!(
                "status `{}` maps to no status: imported as proposed, the words kept in x-original-status",
                s.written
            ));
        }
    }
    if let Some(d) = &x.date
        && parse_date(d).is_none()
        && !d.trim().is_empty()
    {
        fields.push(("x-original-date", yaml_scalar(d.trim())));
        notes.push(format!(
            "date `{}` is not YYYY-MM-DD: kept in x-original-date",
            d.trim()
        ));
    }
    if fields.is_empty()
        && let Some(title) = &x.title
    {
        // An empty block would do, but a title makes the front matter say something.
        fields.push(("title", yaml_scalar(title)));
    }

    let mut front = format!("---{eol}");
    for (key, value) in &fields {
        let _ = write!(front, "{key}: {value}{eol}");
    }
    let _ = write!(front, "---{eol}");
    let removed = doc
        .lines
        .iter()
        .zip(&x.removed)
        .filter(|(l, r)| **r && !l.is_blank())
        .map(|(l, _)| l.text.to_string())
        .collect();
    Converted {
        text: format!("{bom}{front}{body}"),
        changed: true,
        format: label,
        read: x.found,
        front,
        removed,
        status,
        links,
        notes,
        title: x.title,
    }
}

/// The source without the removed lines. Where a removed block sat between
/// blank lines, the blank line after it goes too, so the body does not
/// gain a double gap where the metadata was.
fn body_without(doc: &Doc, removed: &[bool]) -> String {
    let n = doc.lines.len();
    let mut drop = removed.to_vec();
    let mut i = 0;
    while i < n {
        if !removed[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && removed[i] {
            i += 1;
        }
        let blank_before = start == 0 || (!drop[start - 1] && doc.lines[start - 1].is_blank());
        if blank_before && i < n && doc.lines[i].is_blank() && !removed[i] {
            drop[i] = true;
        }
        if i == n && start > 0 && blank_before {
            drop[start - 1] = true;
        }
    }
    let mut out = String::with_capacity(doc.text.len());
    for (line, gone) in doc.lines.iter().zip(&drop) {
        if !gone {
            out.push_str(&doc.text[line.start..line.end]);
        }
    }
    out
}

/// Whether a record with this status was decided on its own date (`decided`
/// is set from `date` on import: docs/import.md).
pub(crate) fn decided_by_date(status: Status) -> bool {
    matches!(status, Status::Accepted | Status::Rejected)
}

/// Applies one front-matter edit, turning a refusal into the reason the file was left alone.
fn edit_doc(
    doc: &mut Document,
    f: impl FnOnce(&mut Document) -> Result<(), edit::EditError>,
) -> Result<(), Refused> {
    f(doc).map_err(|e| Refused(format!("its front matter {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_ok(name: &str, text: &str) -> Converted {
        convert(name, text, Format::Auto).unwrap()
    }

    #[test]
    fn file_names_keep_or_gain_a_readable_id() {
        assert_eq!(file_id("0003-x.md"), Some((Id::Num(3), "0003-x.md".into())));
        assert_eq!(
            file_id("adr-015-use-x.md"),
            Some((Id::Num(15), "0015-use-x.md".into()))
        );
        assert_eq!(
            file_id("ADR_7_use_y.md"),
            Some((Id::Num(7), "0007-use_y.md".into()))
        );
        assert_eq!(
            file_id("20200924-use-md.md"),
            Some((
                Id::Name("20200924-use-md".into()),
                "20200924-use-md.md".into()
            ))
        );
        assert_eq!(file_id("README.md"), None);
        assert_eq!(file_id("adr-template.md"), None);
        assert_eq!(file_id("0003-x.txt"), None);
    }

    #[test]
    fn nygard_record_moves_date_and_status_section() {
        let src = "# 2. Use Y\n\nDate: 2024-03-04\n\n## Status\n\nAccepted\n\nSupercedes [1. Use X](0001-use-x.md)\n\n## Context\n\nWhy.\n";
        let c = convert_ok("0002-use-y.md", src);
        assert_eq!(
            c.text,
            "---\nstatus: accepted\ndate: 2024-03-04\ndecided: 2024-03-04\nsupersedes: [1]\n---\n# 2. Use Y\n\n## Context\n\nWhy.\n"
        );
        assert_eq!(c.summary(), "accepted, supersedes 1");
        assert_eq!(c.format, "adr-tools");
    }

    #[test]
    fn status_section_prose_stays() {
        let src = "# 4. Z\n\n## Status\n\nAccepted\n\nAgreed at the March meeting.\n\n## Decision\n\nDo Z.\n";
        let c = convert_ok("0004-z.md", src);
        assert_eq!(
            c.text,
            "---\nstatus: accepted\n---\n# 4. Z\n\n## Status\n\nAgreed at the March meeting.\n\n## Decision\n\nDo Z.\n"
        );
    }

    #[test]
    fn madr2_bullets_move_and_crlf_stays() {
        let src = "# Use X\r\n\r\n* Status: Approved\r\n* Deciders: ana, raj and lee\r\n* Date: 14/03/2020\r\n\r\nTechnical Story: T-1\r\n\r\n## Context\r\n";
        let c = convert_ok("0001-use-x.md", src);
        assert_eq!(
            c.text,
            "---\r\nstatus: accepted\r\ndecision-makers: [ana, raj, lee]\r\nx-original-status: Approved\r\nx-original-date: \"14/03/2020\"\r\n---\r\n# Use X\r\n\r\nTechnical Story: T-1\r\n\r\n## Context\r\n"
        );
        assert_eq!(c.format, "MADR 2");
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
    }

    #[test]
    fn unmapped_status_is_proposed_with_the_words_kept() {
        let c = convert_ok("0001-x.md", "# X\n\n* Status: Sort of maybe\n");
        assert!(
            c.text
                .starts_with("---\nstatus: proposed\nx-original-status: Sort of maybe\n---\n")
        );
    }

    #[test]
    fn no_status_stays_no_status() {
        let c = convert_ok("0001-x.md", "# 1. X\n\nDate: 2020-01-02\n\nBody.\n");
        assert_eq!(c.text, "---\ndate: 2020-01-02\n---\n# 1. X\n\nBody.\n");
        assert_eq!(c.status, None);
    }

    #[test]
    fn title_number_that_disagrees_with_the_file_is_kept_aside() {
        let c = convert_ok("0033-ip.md", "# 3. Networking\n\n## Status\n\nPending\n");
        assert!(c.text.contains("x-original-id: \"3\"\n"), "{}", c.text);
        assert!(c.text.contains("x-original-status: Pending\n"));
    }

    #[test]
    fn titles_decide_would_read_differently_are_written() {
        let c = convert_ok(
            "0001-x.md",
            "# ADR-001: Use `tokio`\n\n* Status: accepted\n",
        );
        assert!(c.text.contains("title: Use `tokio`\n"), "{}", c.text);
    }

    #[test]
    fn log4brains_links_section_and_dated_names() {
        let src = "# Use slugs\n\n- Status: accepted\n- Date: 2020-10-16\n- Tags: ids, naming\n\n## Decision\n\nX.\n\n## Links\n\n- Supersedes [20200926-use-numbers](20200926-use-numbers.md)\n";
        let c = convert_ok("20201016-use-slugs.md", src);
        assert_eq!(c.format, "log4brains");
        assert_eq!(
            c.text,
            "---\nstatus: accepted\ndate: 2020-10-16\ndecided: 2020-10-16\ntags: [ids, naming]\nsupersedes: [\"20200926-use-numbers\"]\n---\n# Use slugs\n\n## Decision\n\nX.\n"
        );
    }

    #[test]
    fn a_bom_stays_first() {
        let c = convert_ok("0001-x.md", "\u{feff}# 1. X\n\n## Status\n\nDraft\n");
        assert!(
            c.text
                .starts_with("\u{feff}---\nstatus: draft\n---\n# 1. X\n")
        );
    }

    #[test]
    fn broken_front_matter_is_refused() {
        assert!(convert("0001-x.md", "---\nstatus: [\n---\n", Format::Auto).is_err());
        assert!(convert("0001-x.md", "---\nstatus: x\n", Format::Auto).is_err());
    }

    #[test]
    fn names_split_on_commas_and_and() {
        assert_eq!(
            split_names("platui and nick wilson", false),
            vec!["platui".to_string(), "nick wilson".to_string()]
        );
        assert_eq!(
            split_names("#a b, c", true),
            vec!["a".to_string(), "b".to_string(), "c".to_string()]
        );
    }

    /// Every conversion of odd input ends in front matter that reads back
    /// without problems and with the status it was written with; never a panic.
    #[test]
    fn odd_input_always_converts_to_readable_front_matter() {
        const PARTS: &[&str] = &[
            "# 3. Title: with colon\n",
            "# ADR-0007 – «Ünïcode» title #\n",
            "#\n",
            "# - dash title\n",
            "# \"quoted\" 'title' & *stars*\n",
            "Date: 2020-02-30\n",
            "Date: 2021-01-05\n",
            "* Status: ✅ Approved; supersedes ADR-1, [x](0002-x.md)\n",
            "- Deciders: a, b and c\n",
            "- Tags: [x, y]\n",
            "## Status\n",
            "Superceded by [[2]. T](0002-t.md)\n",
            "Amended by [",
            "Status: ]]](((\n",
            "[a](b)(c)[d]\n",
            "```\n",
            "~~~~\n",
            "\r\n",
            "\n",
            "## Links\n",
            "* Refined by ADR-0009\n",
            "superseded by [İİİ](0003-i.md)\n",
            "<!-- comment\n",
            "-->\n",
            "---\n",
            "…\u{feff}\u{2028}\n",
        ];
        let mut seed: u64 = 0x5eed;
        let mut converted = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            let n = (seed % 9) as usize;
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(PARTS[(seed >> 33) as usize % PARTS.len()]);
            }
            let Ok(c) = convert("0005-x.md", &text, Format::Auto) else {
                continue;
            };
            converted += 1;
            let d = record::Decision::parse("p", "0005-x.md", &c.text);
            assert!(
                matches!(d.meta.front, FrontMatter::Parsed(_)),
                "{text:?} became {:?}",
                c.text
            );
            let bad: Vec<_> = d
                .meta
                .problems
                .iter()
                .filter(|p| !matches!(p.kind, record::ProblemKind::UnknownKey { .. }))
                .collect();
            assert!(bad.is_empty(), "{text:?} became {:?}: {bad:?}", c.text);
            assert_eq!(d.status, c.status, "{text:?} became {:?}", c.text);
        }
        assert!(converted > 2000, "only {converted} inputs converted");
    }
}
