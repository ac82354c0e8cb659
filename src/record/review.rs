//! A review record: a check-in, milestone review, async request,
//! retrospective or pulse, and the outcomes it records.

use super::*;

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
    pub invited: List<Text>,
    pub attended: List<Text>,
    pub decisions: List<Ref>,
    pub respond_by: Option<DateField>,
    pub agenda: List<Text>,
    pub feedback: List<Feedback>,
    pub actions: List<Action>,
    pub outcomes: List<OutcomeRecord>,
    /// A pulse's answers (`kind: pulse`).
    pub responses: List<Response>,
    pub body: Body,
}

impl Review {
    pub fn parse(path: &str, file_name: &str, text: &str) -> Review {
        Review::parse_to(path, file_name, text, Depth::Full)
    }

    /// Builds a review from as much of a file's text as `depth` says.
    pub fn parse_to(
        path: impl Into<Arc<str>>,
        file_name: &str,
        text: &str,
        depth: Depth,
    ) -> Review {
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
