//! DL060–DL064: pulse surveys and feedback signals. The questions, scale
//! and signals come from the charter ([`PulseConfig`]), so a log that names
//! its own questions is judged by them.

use super::Index;
use crate::diagnostic::Diagnostic;
use crate::record::fields::suggest;
use crate::record::pulse::{RESPONSE_KEYS, signal_word};
use crate::record::{Decision, Feedback, Meta, Review, ReviewKind};
use crate::rules::Code;
use crate::yaml::Pos;

pub(super) fn review(ix: &Index, r: &Review, out: &mut Vec<Diagnostic>) {
    signals(ix, &r.meta, &r.feedback, out);
    if r.kind != Some(ReviewKind::Pulse) {
        return;
    }
    let cfg = &ix.pulse;
    let kind_pos = r.meta.key_pos("kind").unwrap_or(Pos::new(1, 1));
    if r.invited.is_empty() {
        out.push(
            Diagnostic::new(
                Code::PulseWithoutInvited,
                &r.meta.path,
                r.meta.key_pos("invited").unwrap_or(kind_pos),
                "pulse names nobody invited, so its response rate cannot be computed",
            )
            .with_help("list who was asked, e.g. `invited: [product, retention-agents]`"),
        );
    }
    if r.responses.is_empty() {
        out.push(
            Diagnostic::new(
                Code::PulseWithoutResponses,
                &r.meta.path,
                r.meta.key_pos("responses").unwrap_or(kind_pos),
                "pulse has no responses",
            )
            .with_help("record each answer with `decide pulse add REVIEW --trust 4 …`"),
        );
    }
    let questions: Vec<&str> = cfg.questions.iter().map(String::as_str).collect();
    for resp in &r.responses {
        for rating in &resp.ratings {
            if !questions.contains(&rating.question.as_str()) {
                let at = super::item_key_pos(&r.meta, "responses", resp.pos, &rating.question);
                let mut d = Diagnostic::new(
                    Code::UnknownPulseQuestion,
                    &r.meta.path,
                    at,
                    format!(
                        "`{}` is not a pulse question (questions: {})",
                        rating.question,
                        questions.join(", ")
                    ),
                );
                let mut known = questions.clone();
                known.extend(RESPONSE_KEYS);
                d = match suggest(&rating.question, &known) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help("add it to the charter's `pulse-questions` if it is meant"),
                };
                out.push(d);
                continue;
            }
            if rating.value.is_none_or(|v| !cfg.in_scale(v)) {
                out.push(
                    Diagnostic::new(
                        Code::PulseRatingOutOfScale,
                        &r.meta.path,
                        rating.pos,
                        format!(
                            "`{}` is rated `{}`; ratings are whole numbers from 1 to {}",
                            rating.question, rating.raw, cfg.scale
                        ),
                    )
                    .with_help("leave the question empty when it was not answered"),
                );
            }
        }
    }
}

pub(super) fn decision(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    signals(ix, &d.meta, &d.feedback, out);
}

/// DL064 for the feedback of one record.
fn signals(ix: &Index, meta: &Meta, feedback: &[Feedback], out: &mut Vec<Diagnostic>) {
    if feedback.iter().all(|f| f.signals.is_empty()) {
        return;
    }
    let known: Vec<&str> = ix.pulse.signals.iter().map(String::as_str).collect();
    for f in feedback {
        for s in &f.signals {
            let word = signal_word(&s.value);
            if word.is_empty() || known.contains(&word.as_str()) {
                continue;
            }
            let help = match suggest(&word, &known) {
                Some(k) => {
                    format!("did you mean `{k}`? Or add `{word}` to the charter's `signals`")
                }
                None => format!("add `{word}` to the charter's `signals` if it is meant"),
            };
            out.push(
                Diagnostic::new(
                    Code::UnknownSignal,
                    &meta.path,
                    s.pos,
                    format!(
                        "`{}` is not a signal (signals: {})",
                        s.value.trim(),
                        known.join(", ")
                    ),
                )
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Code;
    use crate::rules::testing::{at, found, messages};

    const PULSE: &str = "---
kind: pulse
date: 2026-02-27
invited: [ana, raj]
responses:
  - by: ana
    clarity: 4
    trust: 6
    satisfaction: \"two\"
  - trsut: 3
    comment: fine
    x-source: form
    clarity:
---
";

    #[test]
    fn ratings_off_the_scale_and_unknown_questions() {
        let files = [("reviews/2026-02-27-pulse.md", PULSE)];
        let f = "reviews/2026-02-27-pulse.md";
        assert_eq!(
            found(Code::PulseRatingOutOfScale, &files),
            vec![at(f, 8, 12), at(f, 9, 19)]
        );
        assert_eq!(
            messages(Code::PulseRatingOutOfScale, &files)[0],
            "`trust` is rated `6`; ratings are whole numbers from 1 to 5"
        );
        assert_eq!(
            found(Code::UnknownPulseQuestion, &files),
            vec![at(f, 10, 5)]
        );
        assert!(found(Code::PulseWithoutResponses, &files).is_empty());
        assert!(found(Code::PulseWithoutInvited, &files).is_empty());
        assert!(
            found(Code::ReviewWithoutDecision, &files).is_empty(),
            "a pulse need not name one"
        );
    }

    #[test]
    fn the_charter_sets_the_questions_and_the_scale() {
        let charter = "---\npulse-questions: [trust, trsut]\npulse-scale: 7\n---\n";
        let files = [
            ("charter.md", charter),
            ("reviews/2026-02-27-pulse.md", PULSE),
        ];
        let f = "reviews/2026-02-27-pulse.md";
        // clarity and satisfaction are no longer questions; 6 is on a 1-7 scale.
        assert_eq!(
            found(Code::UnknownPulseQuestion, &files),
            vec![at(f, 7, 5), at(f, 9, 5)]
        );
        assert!(found(Code::PulseRatingOutOfScale, &files).is_empty());
    }

    #[test]
    fn a_pulse_without_responses_or_invited() {
        let files = [(
            "reviews/2026-02-27-pulse.md",
            "---\nkind: pulse\ndate: 2026-02-27\n---\n",
        )];
        let f = "reviews/2026-02-27-pulse.md";
        assert_eq!(
            found(Code::PulseWithoutResponses, &files),
            vec![at(f, 2, 1)]
        );
        assert_eq!(found(Code::PulseWithoutInvited, &files), vec![at(f, 2, 1)]);
        // Other kinds of review are not surveys.
        let retro = [(
            "reviews/2026-02-27-retro.md",
            "---\nkind: retro\ndate: 2026-02-27\ndecisions: [1]\n---\n",
        )];
        assert!(found(Code::PulseWithoutResponses, &retro).is_empty());
        assert!(found(Code::PulseWithoutInvited, &retro).is_empty());
    }

    #[test]
    fn signals_outside_the_set() {
        let decision = "---\nstatus: draft\nfeedback:\n  - by: dana\n    stance: concern\n    signals: [Fairness, fairnes, cost]\n---\n# X\n";
        let files = [("0001-x.md", decision)];
        assert_eq!(
            found(Code::UnknownSignal, &files),
            vec![at("0001-x.md", 6, 25), at("0001-x.md", 6, 34)]
        );
        let charter = "---\nsignals: [cost]\n---\n";
        let files = [("charter.md", charter), ("0001-x.md", decision)];
        assert_eq!(
            found(Code::UnknownSignal, &files),
            vec![at("0001-x.md", 6, 25)]
        );
        let review = "---\nkind: milestone\ndate: 2026-02-01\ndecisions: [1]\nfeedback:\n  - by: dana\n    on: 1\n    stance: concern\n    signals: user-friciton\n---\n";
        let files = [("0001-x.md", decision), ("reviews/2026-02-01-m.md", review)];
        assert_eq!(
            messages(Code::UnknownSignal, &files).last().unwrap(),
            "`user-friciton` is not a signal (signals: trust, fairness, user-friction, clarity, risk)"
        );
    }
}
