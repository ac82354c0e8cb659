//! What the page template prints: plain structs of text, already cleaned
//! of control characters, so that the template only lays them out.

use crate::report::Section;
use crate::report::svg::Drawing;

/// A headline figure.
pub(super) struct Tile {
    pub(super) label: String,
    pub(super) value: String,
    /// The detail in brackets after the value (`140 of 182`), or why it is n/a.
    pub(super) detail: String,
    pub(super) n: String,
    /// `alert` for something overdue, else empty.
    pub(super) class: &'static str,
}

/// A plain table: headers and rows of text.
pub(super) struct Table {
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
    pub(super) empty: String,
}

impl From<Section> for Table {
    fn from(s: Section) -> Table {
        Table {
            headers: s.headers.iter().map(|h| h.to_string()).collect(),
            rows: s.rows,
            empty: s.empty,
        }
    }
}

pub(super) struct Chart {
    pub(super) id: &'static str,
    pub(super) title: String,
    /// What the chart shows and over how many.
    pub(super) caption: String,
    pub(super) drawing: Option<Drawing>,
    /// Why there is no drawing.
    pub(super) missing: String,
    pub(super) table: Table,
}

/// A record named on the page, linked to its file when `base-url` is set.
pub(super) struct RecordRef {
    pub(super) label: String,
    pub(super) title: String,
    pub(super) href: Option<String>,
}

pub(super) struct Waiting {
    pub(super) record: RecordRef,
    pub(super) who: String,
    pub(super) due: String,
    pub(super) overdue: bool,
}

pub(super) struct Open {
    pub(super) record: RecordRef,
    pub(super) by: String,
    pub(super) stance: &'static str,
    pub(super) date: String,
    pub(super) note: String,
}

pub(super) struct OwnerOverdue {
    pub(super) owner: String,
    pub(super) items: Vec<(String, String, String)>,
}

pub(super) struct RevisitItem {
    pub(super) record: RecordRef,
    pub(super) date: String,
    pub(super) in_days: i64,
    pub(super) implicit: bool,
}

/// A veto, objection, concern or alternative from the registers, with
/// what became of it.
pub(super) struct Raised {
    pub(super) record: RecordRef,
    pub(super) by: String,
    pub(super) stance: &'static str,
    pub(super) date: String,
    pub(super) note: String,
    /// `2025-10-28 by dana`; `None` while open on the as-of date.
    pub(super) resolved: Option<String>,
    pub(super) resolution: String,
}

/// An accepted or rejected decision from the registers, and who took it.
pub(super) struct Approval {
    pub(super) record: RecordRef,
    pub(super) status: &'static str,
    pub(super) decided: String,
    pub(super) makers: String,
    /// The holders of the charter's decision rights, and who decided outside them.
    pub(super) rights: String,
    pub(super) support: String,
    /// Objections and vetoes raised by the decision date, and how many of
    /// them were still open on it; empty without a decision date.
    pub(super) raised: String,
    pub(super) open_when_decided: String,
    /// The decision was taken over an open objection or veto.
    pub(super) taken_over_objection: bool,
}

/// An affected group whose perspective was not heard.
pub(super) struct Unheard {
    pub(super) record: RecordRef,
    pub(super) group: String,
    pub(super) effect: String,
}

/// An expected outcome and what was observed.
pub(super) struct Target {
    pub(super) record: RecordRef,
    pub(super) metric: String,
    pub(super) target: String,
    pub(super) by: String,
    pub(super) observed: String,
    pub(super) verdict: &'static str,
}

pub(super) struct FeedbackItem {
    pub(super) by: String,
    pub(super) stance: String,
    pub(super) date: String,
    pub(super) note: String,
    pub(super) resolved: String,
}

pub(super) struct ActionView {
    pub(super) owner: String,
    pub(super) due: String,
    pub(super) state: String,
    pub(super) note: String,
    pub(super) overdue: bool,
}

/// One decision, expandable to what it says.
pub(super) struct DecisionView {
    pub(super) record: RecordRef,
    pub(super) status: &'static str,
    pub(super) model_class: String,
    pub(super) cells: Vec<String>,
    pub(super) meta: Vec<(&'static str, String)>,
    pub(super) rationale: Option<String>,
    pub(super) alternatives: Vec<(String, String)>,
    pub(super) feedback: Vec<FeedbackItem>,
    pub(super) actions: Vec<ActionView>,
}
