//! Status values and link phrases as foreign logs write them, read into
//! `decide`'s terms.
//!
//! Real logs write a status in many ways: `Accepted`, `✅ Accepted`,
//! `Approved`, `accepted; supersedes ADR-0045`, `Superceded by [2. Use
//! Y](0002-use-y.md)`. The words map through the one synonym table the whole
//! tool uses ([`crate::record::STATUS_SYNONYMS`], via [`Status::from_text`]);
//! this module only separates the status words from the links written next
//! to them, and says whether the mapping was exact, so the importer knows
//! when to keep the original words in `x-original-status`.

use crate::record::{Id, Status};

use super::markdown::{self, linked_id, numbered_title};

/// How a link relates this record to the one it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    Supersedes,
    SupersededBy,
    /// `Amends`, `Amended by`, `Clarifies` and any other link pair: `related`.
    Related,
}

/// A link to another record, read from a status or a link line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub rel: Rel,
    pub id: Id,
}

/// Link verbs that may follow a status word in the same value
/// (`accepted; supersedes ADR-0045`), with what they mean. Longer phrases
/// come first so `superseded by` is not read as `supersede…`.
const VERBS: &[(&str, Rel)] = &[
    ("superseded by", Rel::SupersededBy),
    ("superceded by", Rel::SupersededBy),
    ("replaced by", Rel::SupersededBy),
    ("supersedes", Rel::Supersedes),
    ("supercedes", Rel::Supersedes),
    ("replaces", Rel::Supersedes),
    ("amended by", Rel::Related),
    ("amends", Rel::Related),
];

/// What a status value's words map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    /// A status word itself (any case, emoji and emphasis aside): nothing is
    /// lost by writing the canonical word.
    Exact(Status),
    /// A synonym, or a status word with more words after it: the original
    /// words are kept in `x-original-status`.
    Synonym(Status),
    /// Words that map to no status: imported as `proposed`, the words kept.
    Unmapped,
    /// No status words at all, only links (`supersedes ADR-3`).
    Nothing,
}

/// A status value read: what its words map to and the links beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusValue {
    /// The value as written.
    pub written: String,
    pub mapped: Mapped,
    pub links: Vec<LinkRef>,
}

impl StatusValue {
    /// The status to write, `None` when the value states none.
    pub fn status(&self) -> Option<Status> {
        match self.mapped {
            Mapped::Exact(s) | Mapped::Synonym(s) => Some(s),
            Mapped::Unmapped => Some(Status::Proposed),
            Mapped::Nothing => None,
        }
    }

    /// Whether the original words must be kept in `x-original-status`.
    pub fn keeps_original(&self) -> bool {
        matches!(self.mapped, Mapped::Synonym(_) | Mapped::Unmapped)
    }
}

/// The letters, digits, spaces and hyphens of `text`, lower-cased, single-spaced:
/// what [`Status::from_text`] compares.
fn words(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '-')
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps status words: exactly a status word, else a synonym of the whole
/// phrase, else a synonym of its first words (`Accepted on 2019-03-01`,
/// `Proposed (see #12)`).
pub fn map_words(text: &str) -> Mapped {
    let cleaned = words(text);
    if cleaned.is_empty() {
        return Mapped::Nothing;
    }
    if let Some(s) = Status::parse(&cleaned) {
        return Mapped::Exact(s);
    }
    if let Some(s) = Status::from_text(&cleaned) {
        return Mapped::Synonym(s);
    }
    let parts: Vec<&str> = cleaned.split(' ').collect();
    for n in (1..parts.len()).rev() {
        if let Some(s) = Status::from_text(&parts[..n].join(" ")) {
            return Mapped::Synonym(s);
        }
    }
    Mapped::Unmapped
}

/// Where `phrase` occurs in `lower` as whole words, at or after `from`.
fn find_phrase(lower: &str, phrase: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = lower.get(at..).and_then(|s| s.find(phrase)) {
        let start = at + i;
        let end = start + phrase.len();
        let before_ok = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = lower[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(start);
        }
        at = end;
    }
    None
}

/// The first link verb in `lower` at or after `from`: its offset, length and meaning.
fn next_verb(lower: &str, from: usize) -> Option<(usize, usize, Rel)> {
    VERBS
        .iter()
        .filter_map(|(v, rel)| find_phrase(lower, v, from).map(|at| (at, v.len(), *rel)))
        .min_by_key(|(at, len, _)| (*at, std::cmp::Reverse(*len)))
}

/// Every link verb in a text, found once: `read_status` asks for the next
/// one many times, and searching the rest of the text for every verb each
/// time made a status line of many words quadratic.
struct Verbs(Vec<(usize, usize, Rel)>);

impl Verbs {
    fn new(lower: &str) -> Verbs {
        let mut all = Vec::new();
        for (v, rel) in VERBS {
            let mut from = 0;
            while let Some(at) = find_phrase(lower, v, from) {
                all.push((at, v.len(), *rel));
                from = at + v.len();
            }
        }
        all.sort_by_key(|(at, len, _)| (*at, std::cmp::Reverse(*len)));
        Verbs(all)
    }

    /// What [`next_verb`] finds, in log time.
    fn next(&self, from: usize) -> Option<(usize, usize, Rel)> {
        let i = self.0.partition_point(|(at, ..)| *at < from);
        self.0.get(i).copied()
    }
}

/// Reads a status value such as `Accepted`, `✅ Approved`, `superseded by
/// [ADR-0005](0005-x.md)` or `accepted; supersedes ADR-0045`. `None` when
/// the value is empty.
pub fn read_status(value: &str) -> Option<StatusValue> {
    let written = value.trim();
    if written.is_empty() {
        return None;
    }
    // ASCII lower-casing keeps byte offsets the same as in `written`.
    let lower = written.to_ascii_lowercase();
    let mut links = Vec::new();
    let verbs = Verbs::new(&lower);
    let word_end = match verbs.next(0) {
        Some((at, _, _)) => {
            let mut cursor = at;
            while let Some((start, len, rel)) = verbs.next(cursor) {
                let end = verbs.next(start + len).map_or(written.len(), |(s, ..)| s);
                for id in refs(&written[start + len..end]) {
                    links.push(LinkRef { rel, id });
                }
                cursor = end;
                if end == written.len() {
                    break;
                }
            }
            at
        }
        None => written.len(),
    };
    let word = written[..word_end].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ';' | ',' | '.' | ':' | '-' | '–' | '—' | '(' | '/')
    });
    let mapped = match map_words(word) {
        // Only a link: `superseded by X` says the status; `supersedes X` does not.
        Mapped::Nothing if links.iter().any(|l| l.rel == Rel::SupersededBy) => {
            Mapped::Exact(Status::Superseded)
        }
        Mapped::Nothing if links.is_empty() => Mapped::Unmapped,
        found => found,
    };
    Some(StatusValue {
        written: written.to_string(),
        mapped,
        links,
    })
}

/// The records named in `text`: Markdown links to record files (or whose
/// text is a numbered title or an id), and written ids such as `ADR-0045`,
/// `#45`, or a number right after the verb.
pub fn refs(text: &str) -> Vec<Id> {
    let mut ids = Vec::new();
    let mut rest = String::new();
    let mut last = 0;
    for link in markdown::links(text) {
        rest.push_str(&text[last..link.start]);
        rest.push(' ');
        last = link.end;
        if let Some(id) = linked_id(link.target).or_else(|| id_in_words(link.text)) {
            ids.push(id);
        }
    }
    rest.push_str(&text[last..]);
    let mut first = ids.is_empty();
    let mut after_adr = false;
    for token in rest.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let token = token.trim_matches(|c: char| "[]().:*_'\"`".contains(c));
        if token.is_empty() || token.eq_ignore_ascii_case("and") {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        let marked = lower.starts_with("adr") || lower.starts_with('#');
        let bare_number = (first || after_adr) && token.bytes().all(|b| b.is_ascii_digit());
        first = false;
        after_adr = lower == "adr";
        if (marked || bare_number)
            && let Some(id @ Id::Num(_)) = Id::parse(token)
        {
            ids.push(id);
        }
    }
    let mut unique = Vec::new();
    for id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

/// An id in a link's text: `1. Use X`, `ADR-0045`, `#12`, `0003`.
fn id_in_words(text: &str) -> Option<Id> {
    if let (Some(n), _) = numbered_title(text) {
        return Id::parse(n);
    }
    match Id::parse(text.trim()) {
        Some(id @ Id::Num(_)) => Some(id),
        _ => None,
    }
}

/// The meaning of a link verb phrase (`Supercedes`, `Amended by`,
/// `Clarifies`): supersede phrases are themselves, any other is `related`.
fn verb_rel(verb: &str) -> Rel {
    let v = words(verb);
    VERBS
        .iter()
        .find(|(w, _)| *w == v)
        .map_or(Rel::Related, |(_, rel)| *rel)
}

/// A line that only links this record to others, as adr-tools writes them
/// under `## Status` and MADR 2 under `## Links`: `Supercedes [1. Use
/// X](0001-use-x.md)`, `* Amended by [ADR-0017](0017-y.md)`, `Superseded by
/// ADR-0005`. Returns `None` for a line holding anything else, so that
/// prose is never moved out of the body.
pub fn link_line(text: &str) -> Option<Vec<LinkRef>> {
    let mut t = text.trim();
    for bullet in ["* ", "- ", "+ "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            t = rest.trim_start();
            break;
        }
    }
    let found = markdown::links(t);
    let Some(first) = found.first() else {
        // `Superseded by ADR-0005`: a link phrase and ids, nothing else.
        if !only_verb_and_ids(t) {
            return None;
        }
        let lower = t.to_ascii_lowercase();
        let (at, len, rel) = next_verb(&lower, 0)?;
        let links: Vec<LinkRef> = refs(&t[at + len..])
            .into_iter()
            .map(|id| LinkRef { rel, id })
            .collect();
        return (!links.is_empty()).then_some(links);
    };
    let verb = t[..first.start].trim_matches(|c: char| c.is_whitespace() || "*_:".contains(c));
    let verb_words = verb.split_whitespace().count();
    if verb_words == 0
        || verb_words > 5
        || !verb
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
    {
        return None;
    }
    let rel = verb_rel(verb);
    let mut links = Vec::new();
    let mut last = first.start;
    for link in &found {
        let between = t[last..link.start].trim().to_ascii_lowercase();
        if last != first.start && !matches!(between.as_str(), "" | "," | ";" | "and" | ", and") {
            return None;
        }
        let id = linked_id(link.target).or_else(|| id_in_words(link.text))?;
        links.push(LinkRef { rel, id });
        last = link.end;
    }
    t[last..]
        .trim_matches(|c: char| c.is_whitespace() || ".;*_".contains(c))
        .is_empty()
        .then_some(links)
}

/// `Superseded by ADR-0005, ADR-0006`: no words beyond the verb and ids.
fn only_verb_and_ids(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some((at, len, _)) = next_verb(&lower, 0) else {
        return false;
    };
    lower[..at].trim().is_empty()
        && lower[at + len..]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty() && *t != "and")
            .all(|t| {
                let t = t.trim_matches(|c: char| "[]().:;".contains(c));
                t == "adr" || matches!(Id::parse(t), Some(Id::Num(_)))
            })
}

/// Supersede links stated in prose, such as `These ranges have been
/// superseded by [ADR #0033](0033-ip-ranges.md)` or `This ADR in part
/// supersedes [0003](0003-x.md)`: a link to a record right after a
/// supersede phrase that is not negated. The prose stays in the body; only
/// the link is copied into front matter.
pub fn prose_links(line: &str) -> Vec<LinkRef> {
    let mut out = Vec::new();
    let mut last = 0;
    for link in markdown::links(line) {
        let before = line[last..link.start].to_ascii_lowercase();
        last = link.end;
        let before = before.trim_end_matches(|c: char| c.is_whitespace() || "*_".contains(c));
        let Some(id) = linked_id(link.target) else {
            continue;
        };
        let rel = VERBS[..6]
            .iter()
            .find(|(v, _)| {
                before.ends_with(v) && find_phrase(before, v, before.len() - v.len()).is_some()
            })
            .map(|(v, rel)| (v.len(), *rel));
        let Some((len, rel)) = rel else { continue };
        let lead: Vec<&str> = before[..before.len() - len].split_whitespace().collect();
        let negated = lead
            .iter()
            .rev()
            .take(3)
            .any(|w| matches!(*w, "not" | "never" | "no" | "longer" | "isn't" | "wasn't"));
        if !negated {
            out.push(LinkRef { rel, id });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(text: &str) -> Mapped {
        read_status(text).unwrap().mapped
    }

    #[test]
    fn status_words_synonyms_and_emoji() {
        use Mapped::*;
        assert_eq!(status("Accepted"), Exact(Status::Accepted));
        assert_eq!(status("✅ Accepted"), Exact(Status::Accepted));
        assert_eq!(status("**Draft**"), Exact(Status::Draft));
        assert_eq!(status("Approved"), Synonym(Status::Accepted));
        assert_eq!(status("Pending"), Synonym(Status::Proposed));
        assert_eq!(status("In Review"), Synonym(Status::Proposed));
        assert_eq!(status("on hold"), Synonym(Status::Deferred));
        assert_eq!(status("Partly superseded"), Synonym(Status::Superseded));
        assert_eq!(status("Accepted on 2019-03-01"), Synonym(Status::Accepted));
        assert_eq!(status("Not accepted"), Unmapped);
        assert_eq!(status("Whatever we felt like"), Unmapped);
        let unmapped = read_status("Whatever").unwrap();
        assert_eq!(unmapped.status(), Some(Status::Proposed));
        assert!(unmapped.keeps_original());
        let only_link = read_status("supersedes ADR-3").unwrap();
        assert_eq!(only_link.status(), None);
        assert_eq!(only_link.links[0].id, Id::Num(3));
        assert!(read_status("  ").is_none());
    }

    #[test]
    fn a_status_and_a_link_in_one_value() {
        let v = read_status("accepted; supersedes ADR-0045").unwrap();
        assert_eq!(v.mapped, Mapped::Exact(Status::Accepted));
        assert_eq!(
            v.links,
            vec![LinkRef {
                rel: Rel::Supersedes,
                id: Id::Num(45)
            }]
        );
        let v =
            read_status("superseded by [20201016-use-the-adr-slug](20201016-use-the-adr-slug.md)")
                .unwrap();
        assert_eq!(v.status(), Some(Status::Superseded));
        assert_eq!(v.links[0].id, Id::Name("20201016-use-the-adr-slug".into()));
        assert_eq!(v.links[0].rel, Rel::SupersededBy);
        let v = read_status("Superceded by ADR-12 and amends #7").unwrap();
        assert_eq!(v.status(), Some(Status::Superseded));
        assert_eq!(
            v.links,
            vec![
                LinkRef {
                    rel: Rel::SupersededBy,
                    id: Id::Num(12)
                },
                LinkRef {
                    rel: Rel::Related,
                    id: Id::Num(7)
                }
            ]
        );
    }

    #[test]
    fn years_in_prose_are_not_ids() {
        assert_eq!(refs("ADR-3 in 2019"), vec![Id::Num(3)]);
        assert_eq!(refs("0004 and ADR 5"), vec![Id::Num(4), Id::Num(5)]);
    }

    #[test]
    fn link_lines_in_both_spellings_and_custom_pairs() {
        let one = |t: &str| {
            link_line(t).map(|l| l.into_iter().map(|r| (r.rel, r.id)).collect::<Vec<_>>())
        };
        assert_eq!(
            one("Supercedes [1. Record decisions](0001-record-decisions.md)"),
            Some(vec![(Rel::Supersedes, Id::Num(1))])
        );
        assert_eq!(
            one("Superseded by [2. Use Y](0002-use-y.md)"),
            Some(vec![(Rel::SupersededBy, Id::Num(2))])
        );
        assert_eq!(
            one("Superceded by [2. Use Y](0002-use-y.md)"),
            Some(vec![(Rel::SupersededBy, Id::Num(2))])
        );
        assert_eq!(
            one("Amended by [17. Terraform Data Structure](0017-terraform-data-structure.md)"),
            Some(vec![(Rel::Related, Id::Num(17))])
        );
        assert_eq!(
            one("- Clarifies [ADR-0004](0004-x.md), [ADR-0006](0006-y.md)"),
            Some(vec![(Rel::Related, Id::Num(4)), (Rel::Related, Id::Num(6))])
        );
        assert_eq!(
            one("Superseded by ADR-0005"),
            Some(vec![(Rel::SupersededBy, Id::Num(5))])
        );
        assert_eq!(one("See [the docs](https://example.com) for more"), None);
        assert_eq!(
            one("We chose this after reading [2. Use Y](0002-use-y.md) again"),
            None
        );
        assert_eq!(one("Accepted"), None);
    }

    #[test]
    fn supersede_links_in_prose() {
        let ids = |t: &str| {
            prose_links(t)
                .into_iter()
                .map(|r| (r.rel, r.id))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids("**These IP ranges have been superseded by [ADR #0033](0033-ip-ranges.md).**"),
            vec![(Rel::SupersededBy, Id::Num(33))]
        );
        assert_eq!(
            ids("This ADR in part supersedes [0003](0003-aws-networking-outline.md)."),
            vec![(Rel::Supersedes, Id::Num(3))]
        );
        assert!(ids("This does not supersede [0003](0003-x.md)").is_empty());
        assert!(ids("It is not superseded by [0004](0004-x.md)").is_empty());
        assert!(ids("In [ADR 0003](0003-x.md), we specified ranges").is_empty());
    }
}
