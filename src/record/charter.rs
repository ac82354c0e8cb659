//! The charter (`charter.md`): decision rights, norms and the log's
//! engagement settings.

use super::*;

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
    pub fn parse(path: impl Into<Arc<str>>, text: &str) -> Charter {
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
                    tags: r.field_list(item, "tags").into(),
                    decides: r.field_list(item, "decides").into(),
                    consults: r.field_list(item, "consults").into(),
                    informs: r.field_list(item, "informs").into(),
                    pos: item.pos,
                }
            })
            .collect();
        let charter = Charter {
            response_days: days(&mut r, node, "response-days"),
            revisit_days: days(&mut r, node, "revisit-days"),
            check_in_days: days(&mut r, node, "check-in-days"),
            required_roles: r.field_list(node, "required-roles").into(),
            decision_rights,
            success_signals: r.field_list(node, "success-signals").into(),
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
