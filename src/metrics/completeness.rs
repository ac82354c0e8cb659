//! Rationale completeness (SPEC §6): how much of what a reader needs to
//! trust a decision the record actually holds. Each non-draft decision is
//! scored as checks passed over checks applicable.

use serde::Serialize;

use crate::record::{Charter, Decision};

/// The checks, in the order SPEC §6 lists them.
pub const CHECKS: &[&str] = &[
    "owner",
    "decision-maker",
    "alternative",
    "alternative reasons",
    "rationale",
    "constraint",
    "expected outcome",
    "artifact",
    "revisit date",
];

/// The result for one decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub passed: usize,
    pub applicable: usize,
    /// The checks that failed, named as in [`CHECKS`].
    pub missing: Vec<&'static str>,
}

impl Completeness {
    pub fn ratio(&self) -> f64 {
        if self.applicable == 0 {
            return 0.0;
        }
        self.passed as f64 / self.applicable as f64
    }

    pub fn is_complete(&self) -> bool {
        self.passed == self.applicable
    }
}

/// Whether `d` records the options it weighed: `alternatives` in its front
/// matter, or MADR's `## Considered Options` section with content. Rule
/// DL021 and the "alternative" check read it the same way, so `check` and
/// `report` never disagree about a record.
pub fn has_alternatives(d: &Decision) -> bool {
    !d.alternatives.is_empty()
        || d.body
            .section(&["Considered Options"])
            .is_some_and(|s| s.has_content)
}

/// Scores `d`. "alternative reasons" applies only when there is at least
/// one alternative, so a record without alternatives loses one point, not
/// two. "revisit date" passes with `revisit-by`, or when the charter sets
/// `revisit-days` (the same reading as rule DL034, so `check` and `report`
/// never disagree about it).
pub fn completeness(d: &Decision, charter: Option<&Charter>) -> Completeness {
    let filled = |t: &Option<crate::record::Text>| {
        t.as_ref()
            .is_some_and(|t| !t.value.trim().is_empty() && !is_placeholder(&t.value))
    };
    // Reasons can only be scored on structured alternatives; MADR's
    // considered options keep theirs in prose.
    let alternatives = !d.alternatives.is_empty();
    let results: [(&'static str, Option<bool>); 9] = [
        ("owner", Some(!d.owners.is_empty())),
        ("decision-maker", Some(!d.decision_makers.is_empty())),
        ("alternative", Some(has_alternatives(d))),
        (
            "alternative reasons",
            alternatives.then(|| d.alternatives.iter().all(|a| filled(&a.rejected_because))),
        ),
        (
            "rationale",
            Some(
                d.body
                    .rationale()
                    .and_then(|s| s.content.as_deref())
                    .is_some_and(|c| !c.is_empty() && !is_placeholder(c)),
            ),
        ),
        (
            "constraint",
            Some(d.constraints.iter().any(|c| !is_placeholder(&c.value))),
        ),
        (
            "expected outcome",
            Some(
                d.expected_outcomes
                    .iter()
                    .any(|o| filled(&o.metric) && filled(&o.target)),
            ),
        ),
        (
            "artifact",
            Some(d.artifacts.iter().any(|a| filled(&a.reference))),
        ),
        (
            "revisit date",
            Some(
                d.revisit_by.as_ref().is_some_and(|r| r.date.is_some())
                    || charter.is_some_and(|c| c.revisit_days.is_some()),
            ),
        ),
    ];
    let mut out = Completeness {
        passed: 0,
        applicable: 0,
        missing: Vec::new(),
    };
    for (name, result) in results {
        match result {
            Some(true) => {
                out.applicable += 1;
                out.passed += 1;
            }
            Some(false) => {
                out.applicable += 1;
                out.missing.push(name);
            }
            None => {}
        }
    }
    out
}

/// Whether `text` is a template slot or a to-do marker rather than content:
/// empty, only `TBD`/`TODO`/`FIXME`/`TBA`/`XXX`/`...`, or holding a MADR
/// template slot such as `{justification}`.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    let bare = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | '-' | '*' | '_' | '…' | '!' | '?')
    });
    if bare.is_empty() {
        return true;
    }
    // Compared without case, in place: most texts are long sentences.
    let is = |text: &str, words: &[&str]| words.iter().any(|w| text.eq_ignore_ascii_case(w));
    if is(
        bare,
        &[
            "tbd",
            "todo",
            "fixme",
            "tba",
            "xxx",
            "to do",
            "to be decided",
        ],
    ) {
        return true;
    }
    let word = bare.bytes().take_while(u8::is_ascii_alphabetic).count();
    if is(&bare[..word], &["tbd", "todo", "fixme"])
        && matches!(bare.as_bytes().get(word), Some(b':' | b' '))
        && bare.len() < 80
    {
        return true;
    }
    has_template_slot(t)
}

/// `{words}` as MADR templates write their slots: braces around text that
/// starts with a letter and holds no code-like characters.
fn has_template_slot(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            return false;
        };
        let inner = &after[..end];
        if inner.chars().next().is_some_and(char::is_alphabetic)
            && !inner.contains(['{', '"', ':', ';', '=', '(', '\n'])
        {
            return true;
        }
        rest = &after[end + 1..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(text: &str) -> Decision {
        Decision::parse("d/0001-x.md", "0001-x.md", text)
    }

    #[test]
    fn placeholders() {
        for p in [
            "TBD",
            "todo.",
            "...",
            "TODO: write why",
            "Chosen option: \"{title of option 1}\", because {justification}",
            "",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for ok in [
            "Best AUC at equal latency.",
            "Use a map like {\"a\": 1} in the config",
            "TODO lists were considered harmful in 2024 and this sentence is long enough to be prose, not a marker",
        ] {
            assert!(!is_placeholder(ok), "{ok:?}");
        }
    }

    #[test]
    fn a_full_record_passes_every_check() {
        let d = decision(
            "---\nstatus: accepted\nowners: [ana]\ndecision-makers: [raj]\nalternatives:\n  - title: B\n    rejected-because: slower\nconstraints: [batch window]\nexpected-outcomes:\n  - metric: auc\n    target: \">= 0.8\"\nartifacts:\n  - kind: model\n    ref: churn@v1\nrevisit-by: 2026-09-01\n---\n# X\n\n## Rationale\n\nFaster.\n",
        );
        let c = completeness(&d, None);
        assert_eq!((c.passed, c.applicable), (9, 9));
        assert!(c.is_complete());
    }

    #[test]
    fn no_alternatives_costs_one_check_and_placeholders_fail() {
        let d = decision("---\nstatus: proposed\nowners: [ana]\n---\n# X\n\n## Rationale\n\nTBD\n");
        let c = completeness(&d, None);
        assert_eq!((c.passed, c.applicable), (1, 8));
        assert_eq!(
            c.missing,
            [
                "decision-maker",
                "alternative",
                "rationale",
                "constraint",
                "expected outcome",
                "artifact",
                "revisit date"
            ]
        );
    }
}
