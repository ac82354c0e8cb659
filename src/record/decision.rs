//! A decision record: its parts (alternatives, outcomes, feedback, actions…)
//! and how it is read from a file.

use super::*;

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
    /// `resolved`, `resolution` and `resolved-by`, boxed: most feedback
    /// is never resolved, and the three took 104 of an entry's 280 bytes.
    /// `None` when none of them is written; read through
    /// [`Feedback::resolved`], [`Feedback::resolution`] and
    /// [`Feedback::resolved_by`].
    pub settled: Option<Box<Settled>>,
    /// The decision it is about (reviews only: `on: 12`).
    pub on: Option<Ref>,
    /// The qualitative signals behind it (`signals: [fairness]`), as written.
    pub signals: List<Text>,
    pub pos: Pos,
}

/// How a feedback entry was resolved: `resolved`, `resolution` and
/// `resolved-by`, each as written (any may be missing).
#[derive(Debug, Clone, PartialEq)]
pub struct Settled {
    pub resolved: Option<DateField>,
    /// How it was resolved, in words (beside `resolved`).
    pub resolution: Option<Text>,
    /// Who resolved it.
    pub resolved_by: Option<Text>,
}

impl Settled {
    /// The three fields, boxed when any of them is written.
    pub fn boxed(
        resolved: Option<DateField>,
        resolution: Option<Text>,
        resolved_by: Option<Text>,
    ) -> Option<Box<Settled>> {
        (resolved.is_some() || resolution.is_some() || resolved_by.is_some()).then(|| {
            Box::new(Settled {
                resolved,
                resolution,
                resolved_by,
            })
        })
    }
}

impl Feedback {
    /// `resolved:`, when written.
    pub fn resolved(&self) -> Option<&DateField> {
        self.settled.as_ref()?.resolved.as_ref()
    }

    /// `resolution:` (how it was resolved, in words), when written.
    pub fn resolution(&self) -> Option<&Text> {
        self.settled.as_ref()?.resolution.as_ref()
    }

    /// `resolved-by:`, when written.
    pub fn resolved_by(&self) -> Option<&Text> {
        self.settled.as_ref()?.resolved_by.as_ref()
    }

    /// Keeps `resolved:` alone, for callers that read no more of it.
    pub fn keep_resolved_date(&mut self) {
        if let Some(s) = &mut self.settled {
            s.resolution = None;
            s.resolved_by = None;
            if s.resolved.is_none() {
                self.settled = None;
            }
        }
    }
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
    pub owners: List<Text>,
    pub proposed_by: List<Text>,
    pub decision_makers: List<Text>,
    pub consulted: List<Text>,
    pub informed: List<Text>,
    pub alternatives: List<Alternative>,
    pub constraints: List<Text>,
    pub expected_outcomes: List<ExpectedOutcome>,
    pub artifacts: List<Artifact>,
    pub risks: List<Risk>,
    pub revisit_by: Option<DateField>,
    pub supersedes: List<Ref>,
    pub superseded_by: List<Ref>,
    pub related: List<Ref>,
    pub tags: List<Text>,
    pub feedback: List<Feedback>,
    pub actions: List<Action>,
    /// Dated status changes, oldest first as written.
    pub status_history: List<StatusChange>,
    pub affected: List<Affected>,
    pub body: Body,
}

/// A status word with links written beside it (`accepted; supersedes
/// ADR-0045`): the status and the links, when the words map to a status and
/// at least one link was read. Anything else is left to DL005.
fn compound_status(text: &str) -> Option<(Status, Vec<(Rel, Id)>)> {
    use super::status_line::{Mapped, read_status};
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
    pub fn parse_to(
        path: impl Into<Arc<str>>,
        file_name: &str,
        text: &str,
        depth: Depth,
    ) -> Decision {
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
