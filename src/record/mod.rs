//! Typed records: decisions, reviews, the charter and the people registry.
//!
//! Each record is built from a file's text without failing: what cannot be
//! read becomes a [`Problem`] on the record, and a file whose front matter is
//! missing or broken still yields a record (id from the file name, title from
//! the heading) so the rest of the log can refer to it.

pub mod body;
mod body_scan;
mod charter;
mod decision;
pub mod fields;
mod id;
mod keys;
mod lookup;
pub mod markdown;
pub mod outline;
mod people;
pub mod pulse;
mod review;
pub mod source;
pub mod status_line;
mod words;

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

pub use body::{Body, Section};
pub use fields::{DateField, Problem, ProblemKind, Text, parse_date};
pub use outline::Outline;
pub use pulse::{PulseConfig, PulseSettings, Rating, Response};
pub use source::FrontMatter;

pub use charter::*;
pub use decision::*;
pub use id::*;
pub use keys::*;
pub use people::*;
pub use review::*;
pub use words::*;

/// A record's list of values: a thin vector, one pointer wide, where a
/// `Vec` is three. A decision has eighteen lists of its own, besides its
/// key outline's three, its problems and its body's sections, most of
/// them empty in most files (an empty one allocates nothing either way):
/// as thin vectors, with a YAML error boxed, a decision held by any
/// command takes 560 bytes where it took 920.
pub type List<T> = thin_vec::ThinVec<T>;

use crate::text::foreign::looks_like;
use crate::text::placeholder;
use crate::yaml::{Node, Pos};
use fields::Reader;
use status_line::Rel;

/// What a file without readable front matter reads as: no keys at all.
fn empty_front() -> Node<'static> {
    Node {
        value: crate::yaml::Value::Map(Vec::new()),
        pos: Pos::new(1, 1),
    }
}

/// The parsed tree, or `empty` when the front matter is missing or broken.
fn tree_or<'a, 't>(front: &'a FrontMatter<Node<'t>>, empty: &'a Node<'t>) -> &'a Node<'t> {
    match front {
        FrontMatter::Parsed(node) => node,
        _ => empty,
    }
}

/// Where a record's parts live in its file, for rules and edits.
///
/// The file's text and its YAML tree are not kept (a large log would not
/// fit in memory): the [`Outline`] keeps where keys are written, [`Scan`]
/// what the checks read from the text, and [`crate::log::Source::text`]
/// reads the file again when its text is needed.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Path relative to the repository root, with `/` separators: shared
    /// with the file's [`crate::log::Source`] and with every finding on it.
    pub path: Arc<str>,
    pub front: FrontMatter<Outline>,
    /// 1-based line where the Markdown body starts.
    pub body_line: usize,
    pub problems: List<Problem>,
    /// What the text showed besides its fields, boxed, and `None` when it
    /// showed nothing (as in most files): inline, it took 88 of a
    /// record's bytes. Read through [`Meta::scan`].
    pub scan: Option<Box<Scan>>,
}

impl Default for Meta {
    fn default() -> Meta {
        Meta {
            path: "".into(),
            front: FrontMatter::Missing,
            body_line: 1,
            problems: List::new(),
            scan: None,
        }
    }
}

impl Meta {
    /// What the text showed besides its fields ([`Scan`]); nothing when
    /// the scan found nothing.
    pub fn scan(&self) -> &Scan {
        static NOTHING: Scan = Scan {
            empty: false,
            looks_like: None,
            front_placeholders: Vec::new(),
            body_placeholders: Vec::new(),
        };
        self.scan.as_deref().unwrap_or(&NOTHING)
    }

    /// Whether the front matter was read.
    pub fn parsed(&self) -> bool {
        matches!(self.front, FrontMatter::Parsed(_))
    }

    /// Where the front matter's keys are written, when it was read.
    pub fn outline(&self) -> Option<&Outline> {
        match &self.front {
            FrontMatter::Parsed(outline) => Some(outline),
            _ => None,
        }
    }

    /// Where top-level `key` is written in the front matter.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.outline()?.key_pos(key)
    }
}

/// What `check` reads from a file's text besides its fields, found while
/// the text is in memory so that it need not be kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// The file holds nothing but whitespace (after a byte-order mark).
    pub empty: bool,
    /// Without front matter: the format the file looks like, and the
    /// `decide import --from` value that converts it.
    pub looks_like: Option<(&'static str, &'static str)>,
    /// Template placeholders in front-matter values (decisions and reviews
    /// read to [`Depth::Full`]).
    pub front_placeholders: Vec<placeholder::Found>,
    /// The first template placeholder under each heading of the body
    /// (decisions and reviews read to [`Depth::Full`]).
    pub body_placeholders: Vec<placeholder::InBody>,
}

/// How much of a file a decision or review is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The front-matter fields only, for commands that show or relate fields
    /// (`list`, and the records `check PATH` reads but does not report on):
    /// the body is parsed only for a title the front matter does not give,
    /// sections stay empty, no placeholders are looked for ([`Scan`]), and
    /// where keys are written is not kept (the [`Outline`] is empty).
    Fields,
    /// [`Depth::Fields`], but only the top-level keys named: the values of
    /// the others are read (the front matter is accepted or refused as in
    /// full) but not built, and their fields are left empty. The body is
    /// read for a title only when `title` is named and the front matter
    /// gives none. For commands that read a few fields of every decision:
    /// `list` ([`LIST_KEYS`]), and the decisions `check FILE` reads only to
    /// relate them to the named ones ([`LINK_KEYS`]). A review read to
    /// this depth is read to the keys named too (`list` reads reviews
    /// only to count those it cannot read); `check FILE` reads reviews to
    /// [`Depth::Fields`], as the rules about decisions read most of them.
    Keys(&'static [&'static str]),
    /// Fields and body sections, without what only `check` reads in the
    /// text ([`Scan`]): for `report`, `digest` and `show`.
    Sections,
    /// Everything, for `check`.
    Full,
}

/// A file split into its meta, body and front-matter tree.
struct Opened<'t> {
    meta: Meta,
    /// Empty when read for [`Depth::Fields`].
    body: Body,
    front: FrontMatter<Node<'t>>,
    depth: Depth,
    body_text: &'t str,
}

impl Opened<'_> {
    /// The first `# ` heading, for a record whose front matter has no title.
    fn heading(depth: Depth, body: &Body, body_text: &str, body_line: usize) -> Option<Text> {
        let title = match depth {
            Depth::Full | Depth::Sections => body.title.clone(),
            Depth::Fields => Body::parse(body_text, body_line).title,
            Depth::Keys(keys) if keys.contains(&"title") => Body::parse(body_text, body_line).title,
            Depth::Keys(_) => None,
        };
        title.map(|(value, pos)| Text {
            value: value.into(),
            pos,
        })
    }
}

/// Splits `text` as far as `depth` says; `scan` says whether to look for
/// placeholders, which only decisions and reviews have. Read to
/// [`Depth::Keys`], the front matter's tree holds only the keys named.
fn open<'t>(path: impl Into<Arc<str>>, text: &'t str, depth: Depth, scan: bool) -> Opened<'t> {
    let text = source::strip_bom(text);
    let keep = match depth {
        Depth::Keys(keys) => Some(keys),
        Depth::Full | Depth::Sections | Depth::Fields => None,
    };
    let split = source::split_keeping(text, keep);
    let body = match depth {
        Depth::Full | Depth::Sections => Body::parse(split.body, split.body_line),
        Depth::Fields | Depth::Keys(_) => Body::default(),
    };
    let mut found = Scan {
        empty: text.trim().is_empty(),
        ..Scan::default()
    };
    match &split.front {
        FrontMatter::Parsed(node) if scan && depth == Depth::Full => {
            placeholder::in_front_matter(node, split.yaml, &mut found.front_placeholders);
            found.body_placeholders = placeholder::in_body(split.body, split.body_line);
        }
        FrontMatter::Missing => found.looks_like = looks_like(text),
        _ => {}
    }
    let meta = Meta {
        path: path.into(),
        front: FrontMatter::Missing,
        body_line: split.body_line,
        problems: List::new(),
        scan: (found != Scan::default()).then(|| Box::new(found)),
    };
    Opened {
        meta,
        body,
        front: split.front,
        depth,
        body_text: split.body,
    }
}

/// What a loaded record keeps of its front matter: nothing of where keys
/// are written when it is read to [`Depth::Fields`] or [`Depth::Keys`].
fn outline(front: &FrontMatter<Node<'_>>, depth: Depth) -> FrontMatter<Outline> {
    match front {
        FrontMatter::Parsed(_) if matches!(depth, Depth::Fields | Depth::Keys(_)) => {
            FrontMatter::Parsed(Outline::default())
        }
        FrontMatter::Parsed(node) => FrontMatter::Parsed(Outline::of(node)),
        FrontMatter::Missing => FrontMatter::Missing,
        FrontMatter::Unterminated => FrontMatter::Unterminated,
        FrontMatter::Invalid(err) => FrontMatter::Invalid(err.clone()),
    }
}

fn refs(r: &mut Reader, map: &Node, key: &str) -> List<Ref> {
    let texts = r.field_list(map, key);
    // As long as the list: collected from a filter, a list of one id held
    // room for four, some 18 MB over 100,000 decisions.
    let mut refs = List::with_capacity(texts.len());
    refs.extend(
        texts
            .into_iter()
            .filter_map(|t| Id::parse(&t.value).map(|id| Ref { id, pos: t.pos })),
    );
    refs
}

fn feedback(r: &mut Reader, map: &Node, in_review: bool) -> List<Feedback> {
    r.items(map, "feedback")
        .into_iter()
        .map(|item| {
            let keys = if in_review {
                REVIEW_FEEDBACK_KEYS
            } else {
                FEEDBACK_KEYS
            };
            r.keys(item, keys, "a feedback entry");
            Feedback {
                by: r.field_text(item, "by"),
                date: r.date(item, "date"),
                stance: r.choice(item, "stance", Stance::ALL).map(|(s, _)| s),
                note: r.field_text(item, "note"),
                settled: Settled::boxed(
                    r.date(item, "resolved"),
                    r.field_text(item, "resolution"),
                    r.field_text(item, "resolved-by"),
                ),
                on: r
                    .field_text(item, "on")
                    .and_then(|t| Id::parse(&t.value).map(|id| Ref { id, pos: t.pos })),
                signals: r.field_list(item, "signals"),
                pos: item.pos,
            }
        })
        .collect()
}

fn actions(r: &mut Reader, map: &Node) -> List<Action> {
    r.items(map, "actions")
        .into_iter()
        .map(|item| {
            r.keys(item, ACTION_KEYS, "an action item");
            Action {
                owner: r.field_text(item, "owner"),
                due: r.date(item, "due"),
                status: r.choice(item, "status", ActionStatus::ALL).map(|(s, _)| s),
                done: r.date(item, "done"),
                note: r.field_text(item, "note"),
                pos: item.pos,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_comma_written_lists_are_held_at_their_length() {
        // A list of one collected from a filter held room for four; over
        // 100,000 decisions, some 18 MB.
        let d = Decision::parse(
            "decisions/0002-x.md",
            "0002-x.md",
            "---\nstatus: proposed\nsupersedes: [1]\nrelated: [1, 3]\n\
             owners: ana, raj\ntags: one\n---\n# X\n",
        );
        let ids = |refs: &List<Ref>| refs.iter().map(|r| r.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&d.supersedes), ["0001"]);
        assert_eq!(d.supersedes.capacity(), 1);
        assert_eq!(ids(&d.related), ["0001", "0003"]);
        assert_eq!(d.related.capacity(), 2);
        let names = |texts: &List<Text>| {
            texts
                .iter()
                .map(|t| t.value.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&d.owners), ["ana", "raj"]);
        assert_eq!(d.owners.capacity(), 2);
        assert_eq!(names(&d.tags), ["one"]);
        assert_eq!(d.tags.capacity(), 1);
    }

    #[test]
    fn a_scan_is_kept_only_when_it_found_something() {
        let clean = Decision::parse(
            "decisions/0001-x.md",
            "0001-x.md",
            "---\nstatus: proposed\n---\n# X\n\n## Context\n\nWhy.\n",
        );
        assert!(clean.meta.scan.is_none());
        assert_eq!(clean.meta.scan(), &Scan::default());

        let slot = Decision::parse(
            "decisions/0002-y.md",
            "0002-y.md",
            "---\nstatus: proposed\n---\n# Y\n\n## Context\n\n{describe the context}\n",
        );
        assert_eq!(
            slot.meta.scan().body_placeholders.len(),
            1,
            "{:?}",
            slot.meta
        );

        let empty = Decision::parse("decisions/0003-z.md", "0003-z.md", " \n\n");
        assert!(empty.meta.scan().empty);
        let plain = Decision::parse(
            "decisions/0004-w.md",
            "0004-w.md",
            "# W\n\nNo front matter.\n",
        );
        assert!(!plain.meta.scan().empty);
    }

    #[test]
    fn a_resolution_is_kept_only_when_written() {
        let d = Decision::parse(
            "decisions/0001-x.md",
            "0001-x.md",
            "---\nfeedback:\n  - by: lee\n    stance: objection\n  \
             - by: raj\n    stance: concern\n    resolution: Agreed on a cap\n  \
             - by: ana\n    stance: veto\n    resolved: 2026-01-15\n    resolved-by: kofi\n---\n",
        );
        let [open, worded, dated] = d.feedback.as_slice() else {
            panic!("{:?}", d.feedback);
        };
        assert!(open.settled.is_none());
        assert_eq!(open.resolved(), None);
        assert_eq!(worded.resolved(), None);
        assert_eq!(
            worded.resolution().map(Text::as_str),
            Some("Agreed on a cap")
        );
        assert_eq!(dated.resolved().map(|r| r.raw.as_str()), Some("2026-01-15"));
        assert_eq!(dated.resolved_by().map(Text::as_str), Some("kofi"));
        assert_eq!(dated.resolution(), None);

        // Cut down to its date, an entry resolved in words only keeps nothing.
        let (mut worded, mut dated) = (worded.clone(), dated.clone());
        worded.keep_resolved_date();
        dated.keep_resolved_date();
        assert!(worded.settled.is_none());
        assert_eq!(dated.resolved().map(|r| r.raw.as_str()), Some("2026-01-15"));
        assert_eq!(dated.resolved_by(), None);
    }

    #[test]
    fn ids_from_file_names() {
        assert_eq!(Id::from_file_name("0012-retrain.md"), Some(Id::Num(12)));
        assert_eq!(
            Id::from_file_name("2026-03-04-review.md"),
            Some(Id::Name("2026-03-04-review".into()))
        );
        assert_eq!(
            Id::from_file_name("20200924-use-x.md"),
            Some(Id::Name("20200924-use-x".into()))
        );
        assert_eq!(Id::from_file_name("README.md"), None);
        assert_eq!(Id::from_file_name("12abc.md"), None);
    }

    #[test]
    fn status_synonyms_and_emoji() {
        assert_eq!(Status::from_text("✅ Accepted"), Some(Status::Accepted));
        assert_eq!(Status::from_text("on hold"), Some(Status::Deferred));
        assert_eq!(Status::from_text("In Review"), Some(Status::Proposed));
        assert_eq!(Status::from_text("maybe"), None);
    }

    #[test]
    fn ids_in_references() {
        assert_eq!(Id::parse("ADR-0123"), Some(Id::Num(123)));
        assert_eq!(Id::parse("0050"), Some(Id::Num(50)));
        assert_eq!(Id::parse("#7"), Some(Id::Num(7)));
    }

    #[test]
    fn madr_superseded_status() {
        let d = Decision::parse(
            "d/0001-x.md",
            "0001-x.md",
            "---\nstatus: \"superseded by ADR-0123\"\ndeciders: [ana, raj]\n---\n# Use X\n",
        );
        assert_eq!(d.status, Some(Status::Superseded));
        assert_eq!(d.superseded_by[0].id, Id::Num(123));
        assert_eq!(d.decision_makers.len(), 2);
        assert_eq!(d.title.unwrap().value, "Use X");
        assert_eq!(d.id, Some(Id::Num(1)));
        assert!(d.meta.problems.is_empty(), "{:?}", d.meta.problems);
    }

    #[test]
    fn madr_compound_status_reads_its_links_too() {
        let d = Decision::parse(
            "d/0046-x.md",
            "0046-x.md",
            "---\nstatus: accepted; supersedes ADR-0045\n---\n# Use X\n",
        );
        assert_eq!(d.status, Some(Status::Accepted));
        assert_eq!(d.supersedes[0].id, Id::Num(45));
        assert!(d.meta.problems.is_empty(), "{:?}", d.meta.problems);
        let d = Decision::parse("p", "0001-x.md", "---\nstatus: sort of; maybe\n---\n");
        assert_eq!(d.status, None);
        assert_eq!(d.meta.problems.len(), 1, "{:?}", d.meta.problems);
    }

    #[test]
    fn people_fields_take_a_string_or_a_list() {
        let d = Decision::parse(
            "p",
            "0002-x.md",
            "---\nowners: ana\nconsulted: [lee, product]\n---\n",
        );
        assert_eq!(d.owners.len(), 1);
        assert_eq!(d.consulted[1].value, "product");
        assert_eq!(d.consulted[1].pos, Pos::new(3, 18));
    }

    #[test]
    fn problems_are_collected_not_fatal() {
        let d = Decision::parse(
            "p",
            "0003-x.md",
            "---\nstatus: maybe\ndate: 2026-02-30\nonwers: [a]\nstatus: draft\n---\n",
        );
        let kinds: Vec<_> = d.meta.problems.iter().map(|p| &p.kind).collect();
        assert!(kinds.contains(&&ProblemKind::InvalidValue));
        assert!(kinds.contains(&&ProblemKind::InvalidDate));
        assert!(kinds.contains(&&ProblemKind::DuplicateKey));
        let unknown = d
            .meta
            .problems
            .iter()
            .find(|p| matches!(p.kind, ProblemKind::UnknownKey { .. }))
            .unwrap();
        assert_eq!(unknown.kind.suggestion().as_deref(), Some("owners"));
    }

    #[test]
    fn review_feedback_on_is_a_key_not_a_boolean() {
        let r = Review::parse(
            "p",
            "2026-01-15-m.md",
            "---\nkind: milestone\nfeedback:\n  - by: lee\n    stance: support\n    on: 5\n---\n",
        );
        assert!(r.meta.problems.is_empty(), "{:?}", r.meta.problems);
        assert_eq!(r.feedback[0].on.as_ref().unwrap().id, Id::Num(5));
    }

    #[test]
    fn groups_expand_and_aliases_resolve() {
        let p = People::parse(
            "people.yaml",
            "people:\n  ana: { roles: [data-science], aliases: [aruiz] }\n  raj: { roles: [product] }\n  mei: { roles: [product], groups: [product] }\ngroups:\n  product: [raj]\n",
        );
        assert_eq!(p.person("aruiz").unwrap().key, "ana");
        assert_eq!(
            p.expand("product"),
            vec!["raj".to_string(), "mei".to_string()]
        );
        assert!(p.knows("product"));
        assert!(!p.knows("zed"));
    }
}
