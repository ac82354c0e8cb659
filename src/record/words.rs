//! The fixed vocabularies of the format: statuses (with the synonyms read
//! as them), feedback stances, action statuses, artifact and review kinds.

use super::*;

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
