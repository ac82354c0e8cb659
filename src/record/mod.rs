//! Typed records: decisions, reviews, the charter and the people registry.
//!
//! Each record is built from a file's text without failing: what cannot be
//! read becomes a [`Problem`] on the record, and a file whose front matter is
//! missing or broken still yields a record (id from the file name, title from
//! the heading) so the rest of the log can refer to it.

pub mod body;
pub mod fields;
mod lookup;
pub mod outline;
pub mod pulse;
pub mod source;

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

pub use body::{Body, Section};
pub use fields::{DateField, Problem, ProblemKind, Text, parse_date};
pub use outline::Outline;
pub use pulse::{PulseConfig, PulseSettings, Rating, Response};
pub use source::FrontMatter;

use crate::import::status::Rel;
use crate::rules::frontmatter::looks_like;
use crate::rules::placeholder;
use crate::yaml::{Node, Pos};
use fields::Reader;

/// A record identifier: a number (`0012-…md`) or a name (`2026-03-04-…md`, a review stem).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Id {
    Num(u64),
    Name(String),
}

impl Id {
    /// Reads an id as written in a reference: `12`, `0012`, `ADR-0012`, `#12`, or a name.
    pub fn parse(text: &str) -> Option<Id> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let lower = t.to_ascii_lowercase();
        let digits = lower
            .strip_prefix("adr-")
            .or_else(|| lower.strip_prefix("adr"))
            .or_else(|| lower.strip_prefix('#'))
            .unwrap_or(&lower);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return digits.parse().ok().map(Id::Num);
        }
        Some(Id::Name(t.to_string()))
    }

    /// The id a file name gives: the number before the first `-` (number
    /// scheme), or the whole stem for date-named files (`2026-03-04-…`,
    /// log4brains' `20200924-…`).
    pub fn from_file_name(name: &str) -> Option<Id> {
        let stem = name.strip_suffix(".md").unwrap_or(name);
        if is_date_prefixed(stem) {
            return Some(Id::Name(stem.to_string()));
        }
        let digits = stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return None;
        }
        let rest = &stem[digits..];
        if !(rest.is_empty() || rest.starts_with(['-', '_', '.'])) {
            return None;
        }
        if digits == 8 && parse_compact_date(&stem[..8]).is_some() {
            return Some(Id::Name(stem.to_string()));
        }
        stem[..digits].parse().ok().map(Id::Num)
    }

    pub fn as_num(&self) -> Option<u64> {
        match self {
            Id::Num(n) => Some(*n),
            Id::Name(_) => None,
        }
    }
}

/// `YYYY-MM-DD-…`: the date id scheme.
pub fn is_date_prefixed(stem: &str) -> bool {
    match (stem.get(..10), stem.get(10..)) {
        (Some(date), Some(rest)) => {
            (rest.is_empty() || rest.starts_with('-')) && parse_date(date).is_some()
        }
        _ => false,
    }
}

fn parse_compact_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Num(n) => write!(f, "{n:04}"),
            Id::Name(s) => f.write_str(s),
        }
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Id::Num(n) => s.serialize_u64(*n),
            Id::Name(name) => s.serialize_str(name),
        }
    }
}

/// What a file without readable front matter reads as: no keys at all.
fn empty_front() -> Node {
    Node {
        value: crate::yaml::Value::Map(Vec::new()),
        pos: Pos::new(1, 1),
    }
}

/// The parsed tree, or `empty` when the front matter is missing or broken.
fn tree_or<'a>(front: &'a FrontMatter, empty: &'a Node) -> &'a Node {
    match front {
        FrontMatter::Parsed(node) => node,
        _ => empty,
    }
}

/// The ids written under `key` in a front-matter tree: a list, or one value
/// (possibly `a, b`). What an edit checks before adding a link.
pub fn ids_in(node: &Node, key: &str) -> Vec<Id> {
    let Some(entry) = node.get(key) else {
        return Vec::new();
    };
    let texts: Vec<String> = match &entry.value.value {
        crate::yaml::Value::Seq(items) => items.iter().filter_map(Node::as_text).collect(),
        _ => entry
            .value
            .as_text()
            .map(|t| t.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default(),
    };
    texts.iter().filter_map(|t| Id::parse(t)).collect()
}

/// A reference to another record, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub id: Id,
    pub pos: Pos,
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [(&'static str, $name)] = &[$(($word, $name::$variant)),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                let t = text.trim().to_ascii_lowercase();
                Self::ALL.iter().find(|(w, _)| *w == t).map(|(_, v)| *v)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// The life-cycle state of a decision.
    Status {
        Draft = "draft",
        Proposed = "proposed",
        Accepted = "accepted",
        Rejected = "rejected",
        Deprecated = "deprecated",
        Superseded = "superseded",
        Withdrawn = "withdrawn",
        Deferred = "deferred",
    }
);

/// Status words seen in real logs and the status each means (SPEC §7).
pub const STATUS_SYNONYMS: &[(&str, Status)] = &[
    ("approved", Status::Accepted),
    ("agreed", Status::Accepted),
    ("adopted", Status::Accepted),
    ("implemented", Status::Accepted),
    ("done", Status::Accepted),
    ("decided", Status::Accepted),
    ("pending", Status::Proposed),
    ("in review", Status::Proposed),
    ("under review", Status::Proposed),
    ("in progress", Status::Proposed),
    ("open", Status::Proposed),
    ("proposal", Status::Proposed),
    ("on hold", Status::Deferred),
    ("on-hold", Status::Deferred),
    ("postponed", Status::Deferred),
    ("declined", Status::Rejected),
    ("obsolete", Status::Deprecated),
    ("retired", Status::Deprecated),
    ("replaced", Status::Superseded),
    ("superceded", Status::Superseded),
    ("partly superseded", Status::Superseded),
    ("partially superseded", Status::Superseded),
    ("under discussion", Status::Proposed),
    ("in discussion", Status::Proposed),
    ("rfc", Status::Proposed),
    ("refused", Status::Rejected),
    ("archived", Status::Deprecated),
    ("abandoned", Status::Withdrawn),
    ("cancelled", Status::Withdrawn),
    ("canceled", Status::Withdrawn),
    ("wip", Status::Draft),
    ("work in progress", Status::Draft),
];

impl Status {
    /// Reads a status as people write it: any case, with emoji or
    /// punctuation around it, or a synonym from [`STATUS_SYNONYMS`].
    pub fn from_text(text: &str) -> Option<Status> {
        let cleaned: String = text
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '-')
            .collect::<String>()
            .trim()
            .to_lowercase();
        Status::parse(&cleaned).or_else(|| {
            STATUS_SYNONYMS
                .iter()
                .find(|(w, _)| *w == cleaned)
                .map(|(_, s)| *s)
        })
    }

    /// Proposed or any later state: what a reviewer must be able to respond to.
    pub fn at_least_proposed(self) -> bool {
        self != Status::Draft
    }
}

word_enum!(
    /// A stakeholder's position in a feedback entry.
    Stance {
        Support = "support",
        Concern = "concern",
        Objection = "objection",
        Veto = "veto",
        Alternative = "alternative",
        Abstain = "abstain",
    }
);

word_enum!(
    ActionStatus {
        Open = "open",
        Done = "done",
        Dropped = "dropped",
    }
);

word_enum!(
    ArtifactKind {
        Model = "model",
        Dataset = "dataset",
        Run = "run",
        Dashboard = "dashboard",
        Doc = "doc",
        Code = "code",
    }
);

word_enum!(
    ReviewKind {
        CheckIn = "check-in",
        Milestone = "milestone",
        Async = "async",
        Retro = "retro",
        Pulse = "pulse",
    }
);

#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub title: Option<Text>,
    pub rejected_because: Option<Text>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedOutcome {
    pub metric: Option<Text>,
    pub target: Option<Text>,
    pub by: Option<DateField>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    pub kind: Option<ArtifactKind>,
    pub reference: Option<Text>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub risk: Option<Text>,
    pub mitigation: Option<Text>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub by: Option<Text>,
    pub date: Option<DateField>,
    pub stance: Option<Stance>,
    pub note: Option<Text>,
    pub resolved: Option<DateField>,
    /// How it was resolved, in words (beside `resolved`).
    pub resolution: Option<Text>,
    /// Who resolved it.
    pub resolved_by: Option<Text>,
    /// The decision it is about (reviews only: `on: 12`).
    pub on: Option<Ref>,
    /// The qualitative signals behind it (`signals: [fairness]`), as written.
    pub signals: Vec<Text>,
    pub pos: Pos,
}

/// One stamped status change (`status-history`), written by `decide status`
/// and `decide supersede`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub status: Option<Status>,
    pub date: Option<DateField>,
    pub pos: Pos,
}

/// A user group the decision affects (`affected`), with the expected effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Affected {
    /// A group or role from `people.yaml`, or free text.
    pub group: Option<Text>,
    pub effect: Option<Text>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub owner: Option<Text>,
    pub due: Option<DateField>,
    pub status: Option<ActionStatus>,
    pub done: Option<DateField>,
    pub note: Option<Text>,
    pub pos: Pos,
}

/// Where a record's parts live in its file, for rules and edits.
///
/// The file's text and its YAML tree are not kept (a large log would not
/// fit in memory): the [`Outline`] keeps where keys are written, [`Scan`]
/// what the checks read from the text, and [`crate::log::Source::text`]
/// reads the file again when its text is needed.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    pub front: FrontMatter<Outline>,
    /// 1-based line where the Markdown body starts.
    pub body_line: usize,
    pub problems: Vec<Problem>,
    pub scan: Scan,
}

impl Default for Meta {
    fn default() -> Meta {
        Meta {
            path: String::new(),
            front: FrontMatter::Missing,
            body_line: 1,
            problems: Vec::new(),
            scan: Scan::default(),
        }
    }
}

impl Meta {
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

/// One decision record.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub meta: Meta,
    /// The effective id: front matter `id`, else the file-name prefix.
    pub id: Option<Id>,
    /// The id the file name gives.
    pub file_id: Option<Id>,
    /// The `id` key as written, when present.
    pub declared_id: Option<Ref>,
    /// The effective title: front matter `title`, else the first `# ` heading.
    pub title: Option<Text>,
    /// `None` when the record states no status (reported as `unknown`).
    pub status: Option<Status>,
    /// The status as written, when present (also when it is not a known word).
    pub status_text: Option<Text>,
    pub date: Option<DateField>,
    pub decided: Option<DateField>,
    pub model: Option<Text>,
    pub owners: Vec<Text>,
    pub proposed_by: Vec<Text>,
    pub decision_makers: Vec<Text>,
    pub consulted: Vec<Text>,
    pub informed: Vec<Text>,
    pub alternatives: Vec<Alternative>,
    pub constraints: Vec<Text>,
    pub expected_outcomes: Vec<ExpectedOutcome>,
    pub artifacts: Vec<Artifact>,
    pub risks: Vec<Risk>,
    pub revisit_by: Option<DateField>,
    pub supersedes: Vec<Ref>,
    pub superseded_by: Vec<Ref>,
    pub related: Vec<Ref>,
    pub tags: Vec<Text>,
    pub feedback: Vec<Feedback>,
    pub actions: Vec<Action>,
    /// Dated status changes, oldest first as written.
    pub status_history: Vec<StatusChange>,
    pub affected: Vec<Affected>,
    pub body: Body,
}

/// Keys a decision's front matter may have (beyond `x-` extensions).
pub const DECISION_KEYS: &[&str] = &[
    "id",
    "title",
    "status",
    "date",
    "decided",
    "model",
    "owners",
    "proposed-by",
    "decision-makers",
    "deciders",
    "consulted",
    "informed",
    "alternatives",
    "constraints",
    "expected-outcomes",
    "artifacts",
    "risks",
    "revisit-by",
    "supersedes",
    "superseded-by",
    "related",
    "tags",
    "feedback",
    "actions",
    "parent",
    "nav_order",
    "status-history",
    "affected",
];

const ALTERNATIVE_KEYS: &[&str] = &["title", "rejected-because"];
const OUTCOME_KEYS: &[&str] = &["metric", "target", "by"];
const ARTIFACT_KEYS: &[&str] = &["kind", "ref"];
const RISK_KEYS: &[&str] = &["risk", "mitigation"];
const FEEDBACK_KEYS: &[&str] = &[
    "by",
    "date",
    "stance",
    "note",
    "resolved",
    "resolution",
    "signals",
    "resolved-by",
];
const REVIEW_FEEDBACK_KEYS: &[&str] = &[
    "by",
    "date",
    "stance",
    "note",
    "resolved",
    "resolution",
    "resolved-by",
    "on",
    "signals",
];
const STATUS_CHANGE_KEYS: &[&str] = &["status", "date"];
const AFFECTED_KEYS: &[&str] = &["group", "effect"];
const ACTION_KEYS: &[&str] = &["owner", "due", "status", "done", "note"];
pub const REVIEW_KEYS: &[&str] = &[
    "kind",
    "title",
    "date",
    "facilitator",
    "invited",
    "attended",
    "decisions",
    "respond-by",
    "agenda",
    "feedback",
    "actions",
    "outcomes",
    "responses",
];
const OUTCOME_RECORD_KEYS: &[&str] = &["decision", "metric", "value", "date"];
pub const CHARTER_KEYS: &[&str] = &[
    "response-days",
    "revisit-days",
    "check-in-days",
    "required-roles",
    "decision-rights",
    "success-signals",
    "pulse-questions",
    "pulse-scale",
    "pulse-drop",
    "signals",
    "require-resolution",
    "require-affected",
    "norms",
];
const NORM_KEYS: &[&str] = &["signal", "kind", "role", "at-least", "per"];
const DECISION_RIGHT_KEYS: &[&str] = &["scope", "model", "tags", "decides", "consults", "informs"];

/// Every key table, so outlines can name known keys by number.
const KEY_TABLES: &[&[&str]] = &[
    DECISION_KEYS,
    REVIEW_KEYS,
    CHARTER_KEYS,
    ALTERNATIVE_KEYS,
    OUTCOME_KEYS,
    ARTIFACT_KEYS,
    RISK_KEYS,
    REVIEW_FEEDBACK_KEYS,
    ACTION_KEYS,
    OUTCOME_RECORD_KEYS,
    STATUS_CHANGE_KEYS,
    AFFECTED_KEYS,
    NORM_KEYS,
    DECISION_RIGHT_KEYS,
    &["people", "groups", "name", "roles", "aliases", "email"],
];

/// How much of a file a decision or review is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The front-matter fields only, for commands that show or relate fields
    /// (`list`, and the records `check PATH` reads but does not report on):
    /// the body is parsed only for a title the front matter does not give,
    /// sections stay empty, no placeholders are looked for ([`Scan`]), and
    /// where keys are written is not kept (the [`Outline`] is empty).
    Fields,
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
    front: FrontMatter,
    depth: Depth,
    body_text: &'t str,
}

impl Opened<'_> {
    /// The first `# ` heading, for a record whose front matter has no title.
    fn heading(depth: Depth, body: &Body, body_text: &str, body_line: usize) -> Option<Text> {
        let title = match depth {
            Depth::Full | Depth::Sections => body.title.clone(),
            Depth::Fields => Body::parse(body_text, body_line).title,
        };
        title.map(|(value, pos)| Text { value, pos })
    }
}

/// Splits `text` as far as `depth` says; `scan` says whether to look for
/// placeholders, which only decisions and reviews have.
fn open<'t>(path: &str, text: &'t str, depth: Depth, scan: bool) -> Opened<'t> {
    let text = source::strip_bom(text);
    let split = source::split(text);
    let body = match depth {
        Depth::Full | Depth::Sections => Body::parse(split.body, split.body_line),
        Depth::Fields => Body::default(),
    };
    let mut meta = Meta {
        path: path.to_string(),
        front: FrontMatter::Missing,
        body_line: split.body_line,
        problems: Vec::new(),
        scan: Scan {
            empty: text.trim().is_empty(),
            ..Scan::default()
        },
    };
    match &split.front {
        FrontMatter::Parsed(node) if scan && depth == Depth::Full => {
            placeholder::in_tree(node, "", &mut meta.scan.front_placeholders);
            meta.scan.body_placeholders = placeholder::in_body(split.body, split.body_line);
        }
        FrontMatter::Missing => meta.scan.looks_like = looks_like(text),
        _ => {}
    }
    Opened {
        meta,
        body,
        front: split.front,
        depth,
        body_text: split.body,
    }
}

/// What a loaded record keeps of its front matter: nothing of where keys
/// are written when it is read to [`Depth::Fields`].
fn outline(front: &FrontMatter, depth: Depth) -> FrontMatter<Outline> {
    match front {
        FrontMatter::Parsed(_) if depth == Depth::Fields => FrontMatter::Parsed(Outline::default()),
        FrontMatter::Parsed(node) => FrontMatter::Parsed(Outline::of(node)),
        FrontMatter::Missing => FrontMatter::Missing,
        FrontMatter::Unterminated => FrontMatter::Unterminated,
        FrontMatter::Invalid(err) => FrontMatter::Invalid(err.clone()),
    }
}

fn refs(r: &mut Reader, map: &Node, key: &str) -> Vec<Ref> {
    r.field_list(map, key)
        .into_iter()
        .filter_map(|t| Id::parse(&t.value).map(|id| Ref { id, pos: t.pos }))
        .collect()
}

fn feedback(r: &mut Reader, map: &Node, in_review: bool) -> Vec<Feedback> {
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
                resolved: r.date(item, "resolved"),
                resolution: r.field_text(item, "resolution"),
                resolved_by: r.field_text(item, "resolved-by"),
                on: r
                    .field_text(item, "on")
                    .and_then(|t| Id::parse(&t.value).map(|id| Ref { id, pos: t.pos })),
                signals: r.field_list(item, "signals"),
                pos: item.pos,
            }
        })
        .collect()
}

fn actions(r: &mut Reader, map: &Node) -> Vec<Action> {
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

/// A status word with links written beside it (`accepted; supersedes
/// ADR-0045`): the status and the links, when the words map to a status and
/// at least one link was read. Anything else is left to DL005.
fn compound_status(text: &str) -> Option<(Status, Vec<(Rel, Id)>)> {
    use crate::import::status::{Mapped, read_status};
    let value = read_status(text)?;
    let status = match value.mapped {
        Mapped::Exact(s) | Mapped::Synonym(s) => s,
        Mapped::Unmapped | Mapped::Nothing => return None,
    };
    if value.links.is_empty() {
        return None;
    }
    Some((
        status,
        value.links.into_iter().map(|l| (l.rel, l.id)).collect(),
    ))
}

/// Reads MADR's `superseded by ADR-0123` status form.
pub fn superseded_by_in_status(text: &str) -> Option<Id> {
    let lower = text.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("superseded by")
        .or_else(|| lower.strip_prefix("superceded by"))?;
    let rest = rest.trim().trim_start_matches('[');
    let token: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Id::parse(&token)
}

impl Decision {
    /// Builds a decision from a file's text; never fails.
    pub fn parse(path: &str, file_name: &str, text: &str) -> Decision {
        Decision::parse_to(path, file_name, text, Depth::Full)
    }

    /// Builds a decision from as much of a file's text as `depth` says.
    pub fn parse_to(path: &str, file_name: &str, text: &str, depth: Depth) -> Decision {
        let Opened {
            mut meta,
            body,
            front,
            depth,
            body_text,
        } = open(path, text, depth, true);
        let file_id = Id::from_file_name(file_name);
        let empty = empty_front();
        let node = tree_or(&front, &empty);
        let mut r = Reader::default();
        if matches!(front, FrontMatter::Parsed(_))
            && !matches!(node.value, crate::yaml::Value::Map(_))
        {
            r.problem(
                ProblemKind::InvalidValue,
                node.pos,
                format!(
                    "front matter must be a mapping of keys, found {}",
                    node.type_name()
                ),
            );
        }
        r.keys(node, DECISION_KEYS, "a decision");

        let declared_id = r
            .field_text(node, "id")
            .and_then(|t| Id::parse(&t.value).map(|id| Ref { id, pos: t.pos }));
        let title = r
            .field_text(node, "title")
            .or_else(|| Opened::heading(depth, &body, body_text, meta.body_line));

        let status_text = r.field_text(node, "status");
        let mut superseded_by = refs(&mut r, node, "superseded-by");
        let mut supersedes = refs(&mut r, node, "supersedes");
        let mut related = refs(&mut r, node, "related");
        let status = status_text.as_ref().and_then(|t| {
            if let Some(s) = Status::from_text(&t.value) {
                return Some(s);
            }
            if let Some(id) = superseded_by_in_status(&t.value) {
                if !superseded_by.iter().any(|x| x.id == id) {
                    superseded_by.push(Ref { id, pos: t.pos });
                }
                return Some(Status::Superseded);
            }
            // A status with links beside it, as MADR logs write it
            // (`accepted; supersedes ADR-0045`, SPEC §7): read as `import` reads it.
            if let Some((s, links)) = compound_status(&t.value) {
                for (rel, id) in links {
                    let list = match rel {
                        Rel::Supersedes => &mut supersedes,
                        Rel::SupersededBy => &mut superseded_by,
                        Rel::Related => &mut related,
                    };
                    if !list.iter().any(|x| x.id == id) {
                        list.push(Ref { id, pos: t.pos });
                    }
                }
                return Some(s);
            }
            let names: Vec<&str> = Status::ALL.iter().map(|(n, _)| *n).collect();
            r.problem(
                ProblemKind::InvalidValue,
                t.pos,
                format!("status `{}` is not one of: {}", t.value, names.join(", ")),
            );
            None
        });

        let mut decision_makers = r.field_list(node, "decision-makers");
        decision_makers.extend(r.field_list(node, "deciders"));

        let alternatives = r
            .items(node, "alternatives")
            .into_iter()
            .map(|item| {
                r.keys(item, ALTERNATIVE_KEYS, "an alternative");
                Alternative {
                    title: r.field_text(item, "title"),
                    rejected_because: r.field_text(item, "rejected-because"),
                    pos: item.pos,
                }
            })
            .collect();
        let expected_outcomes = r
            .items(node, "expected-outcomes")
            .into_iter()
            .map(|item| {
                r.keys(item, OUTCOME_KEYS, "an expected outcome");
                ExpectedOutcome {
                    metric: r.field_text(item, "metric"),
                    target: r.field_text(item, "target"),
                    by: r.date(item, "by"),
                    pos: item.pos,
                }
            })
            .collect();
        let artifacts = r
            .items(node, "artifacts")
            .into_iter()
            .map(|item| {
                r.keys(item, ARTIFACT_KEYS, "an artifact");
                Artifact {
                    kind: r.choice(item, "kind", ArtifactKind::ALL).map(|(k, _)| k),
                    reference: r.field_text(item, "ref"),
                    pos: item.pos,
                }
            })
            .collect();
        let risks = r
            .items(node, "risks")
            .into_iter()
            .map(|item| {
                r.keys(item, RISK_KEYS, "a risk");
                Risk {
                    risk: r.field_text(item, "risk"),
                    mitigation: r.field_text(item, "mitigation"),
                    pos: item.pos,
                }
            })
            .collect();

        let decision = Decision {
            id: declared_id
                .as_ref()
                .map(|r| r.id.clone())
                .or_else(|| file_id.clone()),
            file_id,
            declared_id,
            title,
            status,
            status_text,
            date: r.date(node, "date"),
            decided: r.date(node, "decided"),
            model: r.field_text(node, "model"),
            owners: r.field_list(node, "owners"),
            proposed_by: r.field_list(node, "proposed-by"),
            decision_makers,
            consulted: r.field_list(node, "consulted"),
            informed: r.field_list(node, "informed"),
            alternatives,
            constraints: r.field_list(node, "constraints"),
            expected_outcomes,
            artifacts,
            risks,
            revisit_by: r.date(node, "revisit-by"),
            supersedes,
            superseded_by,
            related,
            tags: r.field_list(node, "tags"),
            feedback: feedback(&mut r, node, false),
            actions: actions(&mut r, node),
            status_history: r
                .items(node, "status-history")
                .into_iter()
                .map(|item| {
                    r.keys(item, STATUS_CHANGE_KEYS, "a status change");
                    StatusChange {
                        status: r.choice(item, "status", Status::ALL).map(|(s, _)| s),
                        date: r.date(item, "date"),
                        pos: item.pos,
                    }
                })
                .collect(),
            affected: r
                .items(node, "affected")
                .into_iter()
                .map(|item| {
                    r.keys(item, AFFECTED_KEYS, "an affected group");
                    Affected {
                        group: r.field_text(item, "group"),
                        effect: r.field_text(item, "effect"),
                        pos: item.pos,
                    }
                })
                .collect(),
            body,
            meta: Meta::default(),
        };
        meta.front = outline(&front, depth);
        meta.problems = r.problems;
        Decision { meta, ..decision }
    }

    /// The status word for display: the status, or `unknown` when none is stated.
    pub fn status_word(&self) -> &'static str {
        self.status.map_or("unknown", Status::as_str)
    }

    /// When the decision took its current status: the last stamped change
    /// to it in `status-history` on or before `as_of`.
    pub fn status_since(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        let status = self.status?;
        self.status_history
            .iter()
            .filter(|c| c.status == Some(status))
            .filter_map(|c| c.date.as_ref().and_then(|d| d.date))
            .filter(|d| *d <= as_of)
            .max()
    }

    /// The status the decision had on `as_of`, from its `status-history`:
    /// the latest change on or before that day, else `None` when the history
    /// says nothing about it (the current status is then all there is).
    pub fn status_on(&self, as_of: NaiveDate) -> Option<Status> {
        self.status_history
            .iter()
            .filter_map(|c| Some((c.date.as_ref()?.date?, c.status?)))
            .filter(|(d, _)| *d <= as_of)
            .max_by_key(|(d, _)| *d)
            .map(|(_, s)| s)
    }

    /// Everyone named in a people field, in order.
    pub fn people(&self) -> impl Iterator<Item = &Text> {
        self.owners
            .iter()
            .chain(&self.proposed_by)
            .chain(&self.decision_makers)
            .chain(&self.consulted)
            .chain(&self.informed)
            .chain(self.feedback.iter().filter_map(|f| f.by.as_ref()))
            .chain(self.actions.iter().filter_map(|a| a.owner.as_ref()))
    }
}

/// An observed outcome recorded in a retrospective.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRecord {
    pub decision: Option<Ref>,
    pub metric: Option<Text>,
    pub value: Option<f64>,
    pub date: Option<DateField>,
    pub pos: Pos,
}

/// One review: a check-in, milestone review, async request or retrospective.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub meta: Meta,
    /// The file stem.
    pub id: String,
    pub title: Option<Text>,
    pub kind: Option<ReviewKind>,
    pub date: Option<DateField>,
    pub facilitator: Option<Text>,
    pub invited: Vec<Text>,
    pub attended: Vec<Text>,
    pub decisions: Vec<Ref>,
    pub respond_by: Option<DateField>,
    pub agenda: Vec<Text>,
    pub feedback: Vec<Feedback>,
    pub actions: Vec<Action>,
    pub outcomes: Vec<OutcomeRecord>,
    /// A pulse's answers (`kind: pulse`).
    pub responses: Vec<Response>,
    pub body: Body,
}

impl Review {
    pub fn parse(path: &str, file_name: &str, text: &str) -> Review {
        Review::parse_to(path, file_name, text, Depth::Full)
    }

    /// Builds a review from as much of a file's text as `depth` says.
    pub fn parse_to(path: &str, file_name: &str, text: &str, depth: Depth) -> Review {
        let Opened {
            mut meta,
            body,
            front,
            depth,
            body_text,
        } = open(path, text, depth, true);
        let empty = empty_front();
        let node = tree_or(&front, &empty);
        let mut r = Reader::default();
        r.keys(node, REVIEW_KEYS, "a review");
        let outcomes = r
            .items(node, "outcomes")
            .into_iter()
            .map(|item| {
                r.keys(item, OUTCOME_RECORD_KEYS, "an outcome");
                let value = item.get("value").and_then(|e| match e.value.value {
                    crate::yaml::Value::Int(i) => Some(i as f64),
                    crate::yaml::Value::Float(f) => Some(f),
                    crate::yaml::Value::String(ref s) => s.trim().parse().ok(),
                    _ => None,
                });
                if value.is_none()
                    && let Some(e) = item.get("value")
                {
                    r.problem(
                        ProblemKind::InvalidValue,
                        e.value.pos,
                        "an outcome `value` must be a number",
                    );
                }
                OutcomeRecord {
                    decision: r
                        .field_text(item, "decision")
                        .and_then(|t| Id::parse(&t.value).map(|id| Ref { id, pos: t.pos })),
                    metric: r.field_text(item, "metric"),
                    value,
                    date: r.date(item, "date"),
                    pos: item.pos,
                }
            })
            .collect();
        let review = Review {
            id: file_name
                .strip_suffix(".md")
                .unwrap_or(file_name)
                .to_string(),
            title: r
                .field_text(node, "title")
                .or_else(|| Opened::heading(depth, &body, body_text, meta.body_line)),
            kind: r.choice(node, "kind", ReviewKind::ALL).map(|(k, _)| k),
            date: r.date(node, "date"),
            facilitator: r.field_text(node, "facilitator"),
            invited: r.field_list(node, "invited"),
            attended: r.field_list(node, "attended"),
            decisions: refs(&mut r, node, "decisions"),
            respond_by: r.date(node, "respond-by"),
            agenda: r.field_list(node, "agenda"),
            feedback: feedback(&mut r, node, true),
            actions: actions(&mut r, node),
            outcomes,
            responses: pulse::responses(&mut r, node),
            body,
            meta: Meta::default(),
        };
        meta.front = outline(&front, depth);
        meta.problems = r.problems;
        Review { meta, ..review }
    }

    /// Everyone named in the review.
    pub fn people(&self) -> impl Iterator<Item = &Text> {
        self.facilitator
            .iter()
            .chain(&self.invited)
            .chain(&self.attended)
            .chain(self.feedback.iter().filter_map(|f| f.by.as_ref()))
            .chain(self.actions.iter().filter_map(|a| a.owner.as_ref()))
            .chain(self.responses.iter().filter_map(|r| r.by.as_ref()))
    }
}

/// Who decides, is consulted and informed for a scope of decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRight {
    pub scope: Option<Text>,
    /// The right applies to decisions about this model...
    pub model: Option<Text>,
    /// ...or carrying one of these tags.
    pub tags: Vec<Text>,
    pub decides: Vec<Text>,
    pub consults: Vec<Text>,
    pub informs: Vec<Text>,
    pub pos: Pos,
}

/// A measurable ritual norm of the charter (`norms:`): reviews of a kind
/// held, or reviews attended by people with a role, at least N per period.
#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    /// The success signal it measures, in the charter's words.
    pub signal: Option<Text>,
    pub kind: Option<ReviewKind>,
    pub role: Option<Text>,
    pub at_least: Option<i64>,
    /// `month`, `quarter` or `year`.
    pub per: Option<Text>,
    pub pos: Pos,
}

/// The living charter (`charter.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Charter {
    pub meta: Meta,
    pub response_days: Option<i64>,
    pub revisit_days: Option<i64>,
    pub check_in_days: Option<i64>,
    pub required_roles: Vec<Text>,
    pub decision_rights: Vec<DecisionRight>,
    pub success_signals: Vec<Text>,
    /// `pulse-questions`, `pulse-scale`, `pulse-drop` and `signals`.
    pub pulse: PulseSettings,
    /// `require-resolution: true`: a resolved concern, objection or veto needs a written `resolution`.
    pub require_resolution: bool,
    /// `require-affected: true`: an accepted decision must name the groups it affects.
    pub require_affected: bool,
    pub norms: Vec<Norm>,
    pub body: Body,
}

fn days(r: &mut Reader, map: &Node, key: &str) -> Option<i64> {
    let entry = map.get(key)?;
    match entry.value.value {
        crate::yaml::Value::Int(i) if i >= 0 => Some(i),
        _ => {
            r.problem(
                ProblemKind::InvalidValue,
                entry.value.pos,
                format!("`{key}` must be a whole number of days"),
            );
            None
        }
    }
}

impl Charter {
    /// The decision rights that name `d`'s model or one of its tags
    /// (case-insensitive). Rights described only by `scope` words match nothing.
    pub fn rights_for(&self, d: &Decision) -> Vec<&DecisionRight> {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        self.decision_rights
            .iter()
            .filter(|r| {
                let by_model = r
                    .model
                    .as_ref()
                    .zip(d.model.as_ref())
                    .is_some_and(|(a, b)| same(&a.value, &b.value));
                let by_tag = r
                    .tags
                    .iter()
                    .any(|t| d.tags.iter().any(|x| same(&t.value, &x.value)));
                by_model || by_tag
            })
            .collect()
    }
}

fn flag(r: &mut Reader, map: &Node, key: &str) -> bool {
    let Some(entry) = map.get(key) else {
        return false;
    };
    match entry.value.value {
        crate::yaml::Value::Bool(b) => b,
        _ => {
            r.problem(
                ProblemKind::InvalidValue,
                entry.value.pos,
                format!("`{key}` must be true or false"),
            );
            false
        }
    }
}

impl Charter {
    pub fn parse(path: &str, text: &str) -> Charter {
        let Opened {
            mut meta,
            body,
            front,
            ..
        } = open(path, text, Depth::Full, false);
        let empty = empty_front();
        let node = tree_or(&front, &empty);
        let mut r = Reader::default();
        r.keys(node, CHARTER_KEYS, "the charter");
        let decision_rights = r
            .items(node, "decision-rights")
            .into_iter()
            .map(|item| {
                r.keys(item, DECISION_RIGHT_KEYS, "a decision right");
                DecisionRight {
                    scope: r.field_text(item, "scope"),
                    model: r.field_text(item, "model"),
                    tags: r.field_list(item, "tags"),
                    decides: r.field_list(item, "decides"),
                    consults: r.field_list(item, "consults"),
                    informs: r.field_list(item, "informs"),
                    pos: item.pos,
                }
            })
            .collect();
        let charter = Charter {
            response_days: days(&mut r, node, "response-days"),
            revisit_days: days(&mut r, node, "revisit-days"),
            check_in_days: days(&mut r, node, "check-in-days"),
            required_roles: r.field_list(node, "required-roles"),
            decision_rights,
            success_signals: r.field_list(node, "success-signals"),
            pulse: pulse::settings(&mut r, node),
            require_resolution: flag(&mut r, node, "require-resolution"),
            require_affected: flag(&mut r, node, "require-affected"),
            norms: r
                .items(node, "norms")
                .into_iter()
                .map(|item| {
                    r.keys(item, NORM_KEYS, "a norm");
                    let per = r.field_text(item, "per");
                    if let Some(p) = &per
                        && !["month", "quarter", "year"]
                            .contains(&p.value.trim().to_ascii_lowercase().as_str())
                    {
                        r.problem(
                            ProblemKind::InvalidValue,
                            p.pos,
                            format!(
                                "norm `per: {}` is not one of: month, quarter, year",
                                p.value
                            ),
                        );
                    }
                    let at_least = item.get("at-least").and_then(|e| match e.value.value {
                        crate::yaml::Value::Int(i) if i >= 0 => Some(i),
                        _ => {
                            r.problem(
                                ProblemKind::InvalidValue,
                                e.value.pos,
                                "a norm's `at-least` must be a whole number",
                            );
                            None
                        }
                    });
                    Norm {
                        signal: r.field_text(item, "signal"),
                        kind: r.choice(item, "kind", ReviewKind::ALL).map(|(k, _)| k),
                        role: r.field_text(item, "role"),
                        at_least,
                        per,
                        pos: item.pos,
                    }
                })
                .collect(),
            body,
            meta: Meta::default(),
        };
        meta.front = outline(&front, Depth::Full);
        meta.problems = r.problems;
        Charter { meta, ..charter }
    }
}

/// One stakeholder in `people.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub key: String,
    pub name: Option<String>,
    pub roles: Vec<String>,
    pub groups: Vec<String>,
    pub aliases: Vec<String>,
    pub pos: Pos,
}

/// The stakeholder registry (`people.yaml`).
#[derive(Debug, Clone, PartialEq)]
pub struct People {
    pub meta: Meta,
    pub people: Vec<Person>,
    /// Group name → members (people or other groups), with position.
    pub groups: Vec<(String, Vec<String>, Pos)>,
    /// Maps over `people` and `groups`, built with them.
    lookup: lookup::Lookup,
}

impl People {
    pub fn parse(path: &str, text: &str) -> People {
        let text = source::strip_bom(text);
        let mut r = Reader::default();
        let front = match crate::yaml::parse(text, 1) {
            Ok(node) => FrontMatter::Parsed(node),
            Err(err) => FrontMatter::Invalid(err),
        };
        let mut people = Vec::new();
        let mut groups = Vec::new();
        if let FrontMatter::Parsed(node) = &front {
            r.keys(node, &["people", "groups"], "people.yaml");
            if let Some(entry) = node.get("people") {
                for p in entry.value.entries() {
                    r.keys(
                        &p.value,
                        &["name", "roles", "groups", "aliases", "email"],
                        "a person",
                    );
                    let list = |r: &mut Reader, k: &str| -> Vec<String> {
                        r.field_list(&p.value, k)
                            .into_iter()
                            .map(|t| t.value)
                            .collect()
                    };
                    people.push(Person {
                        key: p.key.clone(),
                        name: r.field_text(&p.value, "name").map(|t| t.value),
                        roles: list(&mut r, "roles"),
                        groups: list(&mut r, "groups"),
                        aliases: list(&mut r, "aliases"),
                        pos: p.key_pos,
                    });
                }
            }
            if let Some(entry) = node.get("groups") {
                for g in entry.value.entries() {
                    let members = r
                        .list(&g.value, &g.key)
                        .into_iter()
                        .map(|t| t.value)
                        .collect();
                    groups.push((g.key.clone(), members, g.key_pos));
                }
            }
        }
        People {
            meta: Meta {
                path: path.to_string(),
                front: outline(&front, Depth::Full),
                body_line: 1,
                problems: r.problems,
                scan: Scan::default(),
            },
            lookup: lookup::Lookup::of(&people, &groups),
            people,
            groups,
        }
    }

    /// The person a name or alias refers to.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.find_person(name)
    }

    /// Whether `name` is a known person, alias or group.
    pub fn knows(&self, name: &str) -> bool {
        self.person(name).is_some() || self.is_group(name)
    }

    /// The people `name` stands for: a person (through aliases) is itself;
    /// a group is its members, and members of groups that name it via
    /// `groups:`; unknown names stand for themselves.
    pub fn expand(&self, name: &str) -> Vec<String> {
        self.expand_all(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(kinds.contains(&&ProblemKind::UnknownKey {
            suggestion: Some("owners".into())
        }));
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
