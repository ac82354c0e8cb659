//! Pulse surveys and qualitative signals (SPEC §2.2): what the records say,
//! before any metric or rule looks at it.
//!
//! A `pulse` review carries `responses:`, each a mapping of question →
//! rating with an optional `by`, `date` and `comment`. The questions are not
//! a fixed key table: they come from the charter (`pulse-questions`), so a
//! response keeps every key it has and the rules (DL061) say which are not
//! questions. The charter also sets the rating scale (`pulse-scale`), the
//! drop that is flagged (`pulse-drop`) and extra `signals` words.

use serde::Serialize;

use super::fields::{DateField, Reader, Text};
use super::{Charter, List, ProblemKind};
use crate::yaml::{Node, Pos, Value};

/// The questions a pulse asks when the charter names none.
pub const DEFAULT_QUESTIONS: &[&str] = &["clarity", "trust", "satisfaction"];

/// The highest rating when the charter sets no `pulse-scale`; ratings run from 1.
pub const DEFAULT_SCALE: i64 = 5;

/// A fall in a question's mean larger than this, since the previous pulse,
/// is flagged when the charter sets no `pulse-drop`.
pub const DEFAULT_DROP: f64 = 0.5;

/// The signals a feedback entry may carry when the charter adds none.
pub const DEFAULT_SIGNALS: &[&str] = &["trust", "fairness", "user-friction", "clarity", "risk"];

/// Keys of a response that are not questions.
pub const RESPONSE_KEYS: &[&str] = &["by", "date", "comment"];

/// One answer to one question, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    /// The question (the key), trimmed and lowercased.
    pub question: String,
    /// The rating when it is a whole number; `None` when it is anything else.
    pub value: Option<i64>,
    /// The value as written, for messages.
    pub raw: String,
    pub pos: Pos,
}

/// One respondent's answers in a pulse.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// `None` for an anonymous response.
    pub by: Option<Text>,
    pub date: Option<DateField>,
    pub comment: Option<Text>,
    /// Questions answered, in the order written; a question left empty
    /// (`trust:` or `trust: ~`) is not an answer and is not here.
    pub ratings: Vec<Rating>,
    pub pos: Pos,
}

/// Reads `responses:` of a review.
pub(super) fn responses(r: &mut Reader, map: &Node) -> List<Response> {
    r.items(map, "responses")
        .into_iter()
        .map(|item| {
            // Any key is a question (DL061 judges it against the charter's
            // list), so only duplicates are problems here; a set keeps a
            // hostile response with thousands of keys linear.
            let mut keys = std::collections::HashSet::new();
            for e in item.entries() {
                if !keys.insert(&*e.key) {
                    r.problem(
                        ProblemKind::DuplicateKey,
                        e.key_pos,
                        format!("key `{}` is given more than once", e.key),
                    );
                }
            }
            // A key given twice counts once, the first time (DL003 reports
            // the second), as everywhere else in a record.
            let mut seen = std::collections::HashSet::new();
            let ratings = item
                .entries()
                .iter()
                .filter(|e| seen.insert(&*e.key))
                .filter(|e| !RESPONSE_KEYS.contains(&&*e.key) && !e.key.starts_with("x-"))
                .filter(|e| !e.value.is_null())
                .map(|e| Rating {
                    question: e.key.trim().to_ascii_lowercase(),
                    value: match &e.value.value {
                        Value::Int(i) => Some(*i),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    },
                    raw: e
                        .value
                        .as_text()
                        .unwrap_or_else(|| e.value.type_name().into()),
                    pos: e.value.pos,
                })
                .collect();
            Response {
                by: r.field_text(item, "by"),
                date: r.date(item, "date"),
                comment: r.field_text(item, "comment"),
                ratings,
                pos: item.pos,
            }
        })
        .collect()
}

/// The charter's pulse and signal settings, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PulseSettings {
    pub questions: Vec<Text>,
    pub scale: Option<i64>,
    pub drop: Option<f64>,
    pub signals: Vec<Text>,
}

/// Reads `pulse-questions`, `pulse-scale`, `pulse-drop` and `signals` of the charter.
pub(super) fn settings(r: &mut Reader, map: &Node) -> PulseSettings {
    let scale = map.get("pulse-scale").and_then(|e| match e.value.value {
        Value::Int(i) if (2..=100).contains(&i) => Some(i),
        _ => {
            r.problem(
                ProblemKind::InvalidValue,
                e.value.pos,
                "`pulse-scale` must be a whole number from 2 to 100 (ratings run from 1 to it)",
            );
            None
        }
    });
    let drop = map.get("pulse-drop").and_then(|e| match e.value.value {
        Value::Int(i) if i >= 0 => Some(i as f64),
        Value::Float(f) if f.is_finite() && f >= 0.0 => Some(f),
        _ => {
            r.problem(
                ProblemKind::InvalidValue,
                e.value.pos,
                "`pulse-drop` must be a number of rating points, 0 or more",
            );
            None
        }
    });
    PulseSettings {
        questions: r.field_list(map, "pulse-questions").into(),
        scale,
        drop,
        signals: r.field_list(map, "signals").into(),
    }
}

/// What a log's pulses and signals are judged against: the charter's
/// settings, else the defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PulseConfig {
    /// The questions, in order, lowercased.
    pub questions: Vec<String>,
    /// Ratings run from 1 to this.
    pub scale: i64,
    /// A fall larger than this is flagged.
    pub drop: f64,
    /// The default signals, then the charter's extra ones, lowercased.
    pub signals: Vec<String>,
}

impl PulseConfig {
    pub fn of(charter: Option<&Charter>) -> PulseConfig {
        let s = charter.map(|c| &c.pulse);
        let words = |list: &[Text]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for t in list {
                let w = t.value.trim().to_ascii_lowercase();
                if !w.is_empty() && !out.contains(&w) {
                    out.push(w);
                }
            }
            out
        };
        let questions = match s.map(|s| words(&s.questions)) {
            Some(q) if !q.is_empty() => q,
            _ => DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect(),
        };
        let mut signals: Vec<String> = DEFAULT_SIGNALS.iter().map(|q| q.to_string()).collect();
        for w in s.map(|s| words(&s.signals)).unwrap_or_default() {
            if !signals.contains(&w) {
                signals.push(w);
            }
        }
        PulseConfig {
            questions,
            scale: s.and_then(|s| s.scale).unwrap_or(DEFAULT_SCALE),
            drop: s.and_then(|s| s.drop).unwrap_or(DEFAULT_DROP),
            signals,
        }
    }

    pub fn in_scale(&self, value: i64) -> bool {
        (1..=self.scale).contains(&value)
    }
}

/// A signal word as it is compared: trimmed and lowercased.
pub fn signal_word(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::super::{Charter, Review};
    use super::*;

    #[test]
    fn responses_keep_questions_skip_empty_answers_and_allow_no_by() {
        let r = Review::parse(
            "p",
            "2026-03-31-pulse.md",
            "---\nkind: pulse\ndate: 2026-03-31\ninvited: [ana, raj]\nresponses:\n  - by: ana\n    clarity: 4\n    trust: ~\n    comment: Fine\n  - clarity: \"2\"\n    trust: lots\n---\n",
        );
        assert!(r.meta.problems.is_empty(), "{:?}", r.meta.problems);
        assert_eq!(r.kind, Some(super::super::ReviewKind::Pulse));
        assert_eq!(r.responses.len(), 2);
        let first = &r.responses[0];
        assert_eq!(first.by.as_ref().unwrap().value, "ana");
        assert_eq!(first.ratings.len(), 1, "an empty answer is no answer");
        assert_eq!(first.comment.as_ref().unwrap().value, "Fine");
        let second = &r.responses[1];
        assert!(second.by.is_none());
        assert_eq!(second.ratings[0].value, Some(2));
        assert_eq!(second.ratings[1].value, None);
        assert_eq!(second.ratings[1].raw, "lots");
        assert_eq!(second.ratings[1].pos, Pos::new(11, 12));
    }

    #[test]
    fn charter_settings_and_defaults() {
        let c = Charter::parse(
            "charter.md",
            "---\npulse-questions: [Clarity, fairness]\npulse-scale: 7\npulse-drop: 0.3\nsignals: [cost, trust]\n---\n",
        );
        assert!(c.meta.problems.is_empty(), "{:?}", c.meta.problems);
        let cfg = PulseConfig::of(Some(&c));
        assert_eq!(cfg.questions, ["clarity", "fairness"]);
        assert_eq!((cfg.scale, cfg.drop), (7, 0.3));
        assert_eq!(
            cfg.signals,
            [
                "trust",
                "fairness",
                "user-friction",
                "clarity",
                "risk",
                "cost"
            ]
        );
        let none = PulseConfig::of(None);
        assert_eq!(none.questions, DEFAULT_QUESTIONS);
        assert_eq!((none.scale, none.drop), (5, 0.5));
        let bad = Charter::parse("charter.md", "---\npulse-scale: 1\npulse-drop: -2\n---\n");
        assert_eq!(bad.meta.problems.len(), 2);
        assert_eq!(PulseConfig::of(Some(&bad)).scale, 5);
    }
}
