//! The codes a finding can carry: each rule's stable identity.
//!
//! A [`Code`] is what every output format prints (`DL020`, `missing-rationale`)
//! and what `decide.toml` and `decide-disable` comments name, so it belongs to
//! the diagnostic vocabulary, below the rules that produce findings. What a
//! rule checks and why (its summary, explanation and examples) stays with the
//! rules, in their registry (`src/rules/registry.rs`), from which `decide
//! rules` and `docs/rules.md` are generated.

use super::Severity;

/// Declares [`Code`] and its three facts from one table, so that a code, its
/// slug and its default severity are written once.
macro_rules! codes {
    ($($id:ident = $code:literal, $slug:literal, $sev:ident;)*) => {
        /// A rule's identity. The discriminant indexes [`Code::ALL`] and the
        /// rule registry, both in code order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($id,)*
        }

        impl Code {
            /// Every code, in code order.
            pub const ALL: &[Code] = &[$(Code::$id,)*];

            /// `DL020`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$id => $code,)*
                }
            }

            /// `missing-rationale`.
            pub const fn slug(self) -> &'static str {
                match self {
                    $(Code::$id => $slug,)*
                }
            }

            /// The severity a finding has unless configuration or the rule
            /// itself says otherwise.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$id => Severity::$sev,)*
                }
            }
        }
    };
}

codes! {
    InvalidFrontmatter = "DL001", "invalid-frontmatter", Error;
    UnknownKey = "DL002", "unknown-key", Warning;
    DuplicateKey = "DL003", "duplicate-key", Error;
    MissingField = "DL004", "missing-field", Error;
    InvalidValue = "DL005", "invalid-value", Error;
    InvalidDate = "DL006", "invalid-date", Error;
    DuplicateId = "DL007", "duplicate-id", Error;
    IdMismatch = "DL008", "id-mismatch", Error;
    Placeholder = "DL009", "placeholder", Warning;
    UnknownPerson = "DL010", "unknown-person", Warning;
    NoOwner = "DL011", "no-owner", Error;
    NoDecisionMaker = "DL012", "no-decision-maker", Error;
    NobodyConsulted = "DL013", "nobody-consulted", Warning;
    RequiredRoleMissing = "DL014", "required-role-missing", Warning;
    SelfApproved = "DL015", "self-approved", Warning;
    OutsideDecisionRights = "DL016", "outside-decision-rights", Warning;
    MissingRationale = "DL020", "missing-rationale", Error;
    NoAlternatives = "DL021", "no-alternatives", Warning;
    AlternativeWithoutReason = "DL022", "alternative-without-reason", Error;
    NoExpectedOutcome = "DL023", "no-expected-outcome", Warning;
    NoArtifact = "DL024", "no-artifact", Warning;
    MissingContext = "DL025", "missing-context", Warning;
    NoAffectedGroup = "DL026", "no-affected-group", Warning;
    SupersededWithoutSuccessor = "DL030", "superseded-without-successor", Error;
    DanglingReference = "DL031", "dangling-reference", Error;
    OneSidedLink = "DL032", "one-sided-link", Warning;
    SupersedeCycle = "DL033", "supersede-cycle", Error;
    NoRevisitDate = "DL034", "no-revisit-date", Warning;
    RevisitOverdue = "DL035", "revisit-overdue", Warning;
    ActionWithoutOwner = "DL040", "action-without-owner", Error;
    ActionWithoutDue = "DL041", "action-without-due", Error;
    ActionOverdue = "DL042", "action-overdue", Warning;
    UnresolvedObjection = "DL043", "unresolved-objection", Error;
    DecidedBeforeRespondBy = "DL044", "decided-before-respond-by", Warning;
    ReviewWithoutDecision = "DL045", "review-without-decision", Warning;
    StaleProposal = "DL046", "stale-proposal", Warning;
    ResolutionNotWritten = "DL047", "resolution-not-written", Error;
    StrayFile = "DL050", "stray-file", Warning;
    UnreadableFile = "DL051", "unreadable-file", Error;
    PulseRatingOutOfScale = "DL060", "pulse-rating-out-of-scale", Error;
    UnknownPulseQuestion = "DL061", "unknown-pulse-question", Warning;
    PulseWithoutResponses = "DL062", "pulse-without-responses", Warning;
    PulseWithoutInvited = "DL063", "pulse-without-invited", Warning;
    UnknownSignal = "DL064", "unknown-signal", Warning;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_in_order_unique_and_well_formed() {
        let mut names = HashSet::new();
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "{} is out of place", code.as_str());
            assert!(names.insert(code.as_str()), "{} twice", code.as_str());
            assert!(names.insert(code.slug()), "{} twice", code.slug());
            assert!(code.as_str().starts_with("DL") && code.as_str().len() == 5);
        }
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        assert_eq!(Code::MissingRationale.as_str(), "DL020");
        assert_eq!(Code::MissingRationale.slug(), "missing-rationale");
        assert_eq!(Code::MissingRationale.severity(), Severity::Error);
        assert_eq!(Code::UnknownKey.severity(), Severity::Warning);
    }
}
