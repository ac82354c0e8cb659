//! The keys each kind of record may have, for DL002 (unknown key) and for
//! the edits that check a key before writing it.

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

/// The keys the rules relating decisions read of a decision they do not
/// report on ([`super::Depth::Keys`]): its id, the links the others'
/// links are checked against (a status may hold one: `superseded by 9`),
/// and whether it gives owners and dates (an error where a key is in use,
/// a warning where it is not). `related` is checked only where written.
pub const LINK_KEYS: &[&str] = &[
    "id",
    "status",
    "date",
    "decided",
    "owners",
    "supersedes",
    "superseded-by",
];

/// The keys the editing commands read of a decision they do not edit, to
/// which they read the others ([`super::Depth::Keys`]): its id, to find it
/// and to refuse an id two files share; its status, which `decide status`
/// changes on the decisions an accepted one supersedes; and its links,
/// which `decide supersede` follows to refuse a cycle and `decide
/// renumber` lists (a status may hold one: `superseded by 9`). The
/// decisions an edit names are read in full.
pub const EDIT_KEYS: &[&str] = &["id", "status", "supersedes", "superseded-by", "related"];

/// The keys `decide list` shows or filters on ([`super::Depth::Keys`]).
pub const LIST_KEYS: &[&str] = &[
    "id",
    "title",
    "status",
    "date",
    "decided",
    "model",
    "owners",
    "decision-makers",
    "deciders",
    "tags",
];

pub(super) const ALTERNATIVE_KEYS: &[&str] = &["title", "rejected-because"];
pub(super) const OUTCOME_KEYS: &[&str] = &["metric", "target", "by"];
pub(super) const ARTIFACT_KEYS: &[&str] = &["kind", "ref"];
pub(super) const RISK_KEYS: &[&str] = &["risk", "mitigation"];
pub(super) const FEEDBACK_KEYS: &[&str] = &[
    "by",
    "date",
    "stance",
    "note",
    "resolved",
    "resolution",
    "signals",
    "resolved-by",
];
pub(super) const REVIEW_FEEDBACK_KEYS: &[&str] = &[
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
pub(super) const STATUS_CHANGE_KEYS: &[&str] = &["status", "date"];
pub(super) const AFFECTED_KEYS: &[&str] = &["group", "effect"];
pub(super) const ACTION_KEYS: &[&str] = &["owner", "due", "status", "done", "note"];
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
pub(super) const OUTCOME_RECORD_KEYS: &[&str] = &["decision", "metric", "value", "date"];
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
pub(super) const NORM_KEYS: &[&str] = &["signal", "kind", "role", "at-least", "per"];
pub(super) const DECISION_RIGHT_KEYS: &[&str] =
    &["scope", "model", "tags", "decides", "consults", "informs"];

/// Every key table, so outlines can name known keys by number.
pub(super) const KEY_TABLES: &[&[&str]] = &[
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
