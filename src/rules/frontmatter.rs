//! Rules about the shape of a record: front matter present and valid
//! (DL001), known keys (DL002), no duplicates (DL003), the fields its status
//! requires (DL004), values in their sets (DL005), real dates (DL006),
//! unique and consistent ids (DL007, DL008), and no placeholders (DL009).

use std::collections::HashSet;

use super::links::Ids;
use super::{is, item_has, proposed_or_later, status_pos};
use crate::diagnostic::{Diagnostic, Severity};
use crate::record::ReviewKind;
use crate::record::{Charter, Decision, FrontMatter, Meta, People, ProblemKind, Review, Status};
use crate::rules::Code;
use crate::yaml::Pos;

/// Moved below records, which call it; kept here so the old path still names it.
#[allow(
    unused_imports,
    reason = "a compatibility path for code not yet moved to crate::text"
)]
pub(crate) use crate::text::foreign::looks_like;

pub(super) fn decision(d: &Decision, out: &mut Vec<Diagnostic>) {
    if !front_matter(&d.meta, true, out) {
        return;
    }
    let decided = matches!(
        d.status,
        Some(Status::Accepted | Status::Rejected | Status::Superseded | Status::Deprecated)
    );
    let placeholders = placeholders(&d.meta, decided, out);
    problems(&d.meta, &placeholders, out);
    missing_decision_fields(d, out);
    if let (Some(declared), Some(file_id)) = (&d.declared_id, &d.file_id)
        && declared.id != *file_id
    {
        out.push(
            Diagnostic::new(
                Code::IdMismatch,
                &d.meta.path,
                declared.pos,
                format!("`id` is {} but the file name says {file_id}", declared.id),
            )
            .with_help(format!(
                "set `id: {file_id}`, or rename the file to start with {}",
                declared.id
            )),
        );
    }
}

pub(super) fn review(r: &Review, out: &mut Vec<Diagnostic>) {
    if !front_matter(&r.meta, false, out) {
        return;
    }
    let placeholders = placeholders(&r.meta, false, out);
    problems(&r.meta, &placeholders, out);
    let has = |key: &str| r.meta.key_pos(key).is_some();
    let mut missing = Vec::new();
    if !has("kind") {
        missing.push("`kind`");
    }
    if !has("date") {
        missing.push("`date`");
    }
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                &r.meta.path,
                Pos::new(1, 1),
                format!("review has no {}", missing.join(" or ")),
            )
            .with_help("a review states its `kind` (check-in, milestone, async, retro) and `date`"),
        );
    }
    if r.kind == Some(ReviewKind::Async) && !has("respond-by") {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                &r.meta.path,
                r.meta.key_pos("kind").unwrap_or(Pos::new(1, 1)),
                "async review has no `respond-by` date",
            )
            .with_help(
                "say by when stakeholders are asked to answer, e.g. `respond-by: 2026-03-11`",
            ),
        );
    }
    feedback_fields(&r.meta, &r.feedback, out);
}

pub(super) fn charter(c: &Charter, out: &mut Vec<Diagnostic>) {
    if front_matter(&c.meta, false, out) {
        problems(&c.meta, &[], out);
    }
}

pub(super) fn people(p: &People, out: &mut Vec<Diagnostic>) {
    if let FrontMatter::Invalid(err) = &p.meta.front {
        out.push(Diagnostic::new(
            Code::InvalidFrontmatter,
            &p.meta.path,
            err.pos,
            format!("people.yaml is not valid YAML: {}", err.message),
        ));
        return;
    }
    problems(&p.meta, &[], out);
    if let Some((chain, pos)) = p.group_cycle() {
        let group = &chain[0];
        out.push(
            Diagnostic::new(
                Code::InvalidValue,
                &p.meta.path,
                pos,
                format!("group `{group}` contains itself: {}", chain.join(" → ")),
            )
            .with_help("a group lists people and other groups, never one that leads back to it"),
        );
    }
}

/// DL001. Returns whether the front matter was read, so other rules may look at it.
fn front_matter(meta: &Meta, is_decision: bool, out: &mut Vec<Diagnostic>) -> bool {
    let at = |pos: Pos, message: String| {
        Diagnostic::new(Code::InvalidFrontmatter, &meta.path, pos, message)
    };
    match &meta.front {
        FrontMatter::Parsed(_) => return true,
        FrontMatter::Unterminated => out.push(
            at(
                Pos::new(1, 1),
                "front matter is never closed: the `---` on line 1 has no closing `---`".into(),
            )
            .with_help("end the front matter with a line holding only `---`"),
        ),
        FrontMatter::Invalid(err) => out.push(
            at(err.pos, format!("front matter is not valid YAML: {}", err.message)).with_help(
                "YAML indents with spaces, not tabs; quote values that contain `: ` or start with `{`, `[`, `*` or `&`",
            ),
        ),
        FrontMatter::Missing => {
            let diagnostic = if meta.scan().empty {
                at(Pos::new(1, 1), "file is empty".into())
                    .with_help("a record starts with a front-matter block between two `---` lines; `decide new` writes one")
            } else {
                match (is_decision, meta.scan().looks_like) {
                    (true, Some((format, from))) => at(
                        Pos::new(1, 1),
                        format!("no front matter: this looks like {format} record"),
                    )
                    .with_help(format!(
                        "`decide import --from {from} --in-place <folder>` converts the log to front matter where it is, keeping the body"
                    )),
                    _ => at(
                        Pos::new(1, 1),
                        "no front matter: the file does not start with a `---` line".into(),
                    )
                    .with_help(
                        "start the file with a `---` block holding at least `status:`; `decide import --from auto <folder>` converts logs in other formats",
                    ),
                }
            };
            out.push(diagnostic);
        }
    }
    false
}

/// DL009. Returns the positions reported, so that a `{placeholder}` that YAML
/// read as a mapping is not also reported as a wrong type.
fn placeholders(meta: &Meta, decided: bool, out: &mut Vec<Diagnostic>) -> Vec<Pos> {
    let severity = if decided {
        Severity::Error
    } else {
        Severity::Warning
    };
    let help = if decided {
        "replace it with the real content; the record is already decided"
    } else {
        "replace it with the real content before the record is accepted"
    };
    let mut positions = Vec::new();
    for f in &meta.scan().front_placeholders {
        positions.push(f.pos);
        out.push(
            Diagnostic::new(
                Code::Placeholder,
                &meta.path,
                f.pos,
                format!("`{}` is a template placeholder: {}", f.key, f.text),
            )
            .with_severity(severity)
            .with_help(help),
        );
    }
    for p in &meta.scan().body_placeholders {
        let place = match &p.heading {
            Some(h) => format!("under `{h}`"),
            None => "in the body".to_string(),
        };
        out.push(
            Diagnostic::new(
                Code::Placeholder,
                &meta.path,
                p.pos,
                format!("template placeholder {} left {place}", quoted(&p.text)),
            )
            .with_severity(severity)
            .with_help(help),
        );
    }
    positions
}

fn quoted(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// DL002, DL003, DL005 and DL006 from the problems found while reading the record.
fn problems(meta: &Meta, placeholders: &[Pos], out: &mut Vec<Diagnostic>) {
    for p in &meta.problems {
        // Worked out here, when the finding is made, not for every record read.
        let suggestion = p.kind.suggestion();
        let (code, help) = match &p.kind {
            ProblemKind::UnknownKey { .. } => (
                Code::UnknownKey,
                Some(match &suggestion {
                    Some(s) => {
                        format!(
                            "rename it to `{s}`, or prefix it with `x-` to keep it as a free extension"
                        )
                    }
                    None => "remove it, or prefix it with `x-` to keep it as a free extension"
                        .to_string(),
                }),
            ),
            ProblemKind::DuplicateKey => (
                Code::DuplicateKey,
                Some("keep one of the two; YAML readers disagree about which one wins".to_string()),
            ),
            ProblemKind::InvalidValue => (Code::InvalidValue, None),
            ProblemKind::InvalidDate => (
                Code::InvalidDate,
                Some("write dates as YYYY-MM-DD, e.g. 2026-03-02".to_string()),
            ),
        };
        if matches!(code, Code::InvalidValue | Code::InvalidDate) && placeholders.contains(&p.pos) {
            continue;
        }
        let message = match &suggestion {
            Some(s) => format!("{}; did you mean `{s}`?", p.message),
            None => p.message.clone(),
        };
        let mut d = Diagnostic::new(code, &meta.path, p.pos, message);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        out.push(d);
    }
}

/// DL004 for a decision: what its status requires beyond the fields that have their own rule.
fn missing_decision_fields(d: &Decision, out: &mut Vec<Diagnostic>) {
    let path = &d.meta.path;
    if let Some(title) = d.title.as_ref().filter(|t| t.value.trim().is_empty()) {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                path,
                title.pos,
                "decision title is empty",
            )
            .with_help("say in one line what is being decided"),
        );
    } else if d.title.is_none() {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                path,
                Pos::new(1, 1),
                "decision has no title",
            )
            .with_help("add `title:` to the front matter or a `# Title` heading to the body"),
        );
    }
    if d.status_text.is_none() {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                path,
                Pos::new(1, 1),
                "decision has no `status`; it counts as `unknown`",
            )
            .with_severity(Severity::Warning)
            .with_help("add `status: draft` (or proposed, accepted, ...)"),
        );
    }
    let status = d.status_word();
    if proposed_or_later(d) && d.date.is_none() {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                path,
                status_pos(d),
                format!("{status} decision has no `date`"),
            )
            .with_help("add `date: YYYY-MM-DD`, the day the record was written or last updated"),
        );
    }
    if (is(d, Status::Accepted) || is(d, Status::Rejected)) && d.decided.is_none() {
        out.push(
            Diagnostic::new(
                Code::MissingField,
                path,
                status_pos(d),
                format!("{status} decision has no `decided` date"),
            )
            .with_help(format!(
                "add `decided: YYYY-MM-DD`, the day it was {status}"
            )),
        );
    }
    for alt in &d.alternatives {
        if !item_has(&d.meta, "alternatives", alt.pos, "title") {
            out.push(
                Diagnostic::new(
                    Code::MissingField,
                    path,
                    alt.pos,
                    "alternative has no `title`",
                )
                .with_help("name the option that was considered"),
            );
        }
    }
    for a in &d.artifacts {
        if !item_has(&d.meta, "artifacts", a.pos, "ref") {
            out.push(
                Diagnostic::new(Code::MissingField, path, a.pos, "artifact has no `ref`")
                    .with_help(
                        "say which model, data set, run or page it is, e.g. `ref: churn-model@v14`",
                    ),
            );
        }
    }
    feedback_fields(&d.meta, &d.feedback, out);
}

/// DL004 for feedback entries: who, when and what stance.
fn feedback_fields(meta: &Meta, feedback: &[crate::record::Feedback], out: &mut Vec<Diagnostic>) {
    for f in feedback {
        let missing: Vec<String> = ["by", "date", "stance"]
            .iter()
            .filter(|k| !item_has(meta, "feedback", f.pos, k))
            .map(|k| format!("`{k}`"))
            .collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::MissingField,
                    &meta.path,
                    f.pos,
                    format!("feedback entry has no {}", missing.join(", ")),
                )
                .with_help("feedback says who gave it (`by`), when (`date`) and their `stance`"),
            );
        }
    }
}

/// DL007: every record that shares its id with another.
pub(super) fn duplicate_ids(ids: &Ids, out: &mut Vec<Diagnostic>) {
    for (id, records) in ids.each() {
        if records.len() < 2 {
            continue;
        }
        let paths: HashSet<&str> = records.iter().map(|d| &**d.path()).collect();
        for d in records {
            let mut others: Vec<&str> = paths
                .iter()
                .copied()
                .filter(|p| *p != &**d.path())
                .collect();
            others.sort_unstable();
            let pos = d.declared();
            let help = if id.as_num().is_some() {
                format!(
                    "give one of them a new number, naming its file: `decide renumber {} NEW`",
                    d.path()
                )
            } else {
                "change the `id` of one of them".to_string()
            };
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    d.path(),
                    pos,
                    format!("id {id} is also used by {}", others.join(", ")),
                )
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn dl001_missing_front_matter_names_the_format() {
        let nygard = "# 3. Use LightGBM\n\nDate: 2026-01-10\n\n## Status\n\nAccepted\n";
        let madr2 = "# Use LightGBM\n\n* Status: accepted\n* Deciders: ana\n";
        let messages = messages(
            Code::InvalidFrontmatter,
            &[
                ("0003-a.md", nygard),
                ("0004-b.md", madr2),
                ("0005-c.md", ""),
                ("0006-d.md", "---\nstatus: draft\n"),
                ("0007-e.md", "---\nstatus: [draft\n---\n# E\n"),
                ("0008-f.md", "---\nstatus: draft\n---\n# F\n"),
            ],
        );
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].contains("adr-tools"), "{messages:?}");
        assert!(messages[1].contains("MADR 2 or log4brains"));
        assert_eq!(messages[2], "file is empty");
        assert!(messages[3].contains("never closed"));
        assert!(messages[4].starts_with("front matter is not valid YAML"));
        let help = run(&[("0003-a.md", nygard)])[0].help.clone().unwrap();
        assert!(help.contains("decide import --from adr-tools"), "{help}");
    }

    #[test]
    fn dl001_broken_front_matter_hides_field_rules() {
        let found = run(&[("0007-e.md", "---\nstatus: [accepted\n---\n# E\n")]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::InvalidFrontmatter);
    }

    #[test]
    fn dl002_unknown_key_with_suggestion() {
        let bad = COMPLETE.replace("owners:", "onwers:");
        let found = run(&[("0005-a.md", &bad)]);
        let d = found.iter().find(|d| d.code == Code::UnknownKey).unwrap();
        assert_eq!((d.line, d.column), (5, 1));
        assert!(d.help.as_ref().unwrap().contains("rename it to `owners`"));
        let good = COMPLETE.replace("owners:", "x-owners-old: [zed]\nowners:");
        assert!(found_codes(&good).iter().all(|c| *c != Code::UnknownKey));
    }

    fn found_codes(text: &str) -> Vec<Code> {
        run(&[("0005-a.md", text)])
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn dl002_in_people_and_charter() {
        let files = [
            ("people.yaml", "people:\n  ana: { name: Ana, role: [x] }\n"),
            ("charter.md", "---\nresponse-dayz: 5\n---\n# Charter\n"),
        ];
        assert_eq!(
            found(Code::UnknownKey, &files),
            vec![at("charter.md", 2, 1), at("people.yaml", 2, 21)]
        );
        let files = [
            ("people.yaml", "people:\n  ana: { name: Ana, roles: [x] }\n"),
            ("charter.md", "---\nresponse-days: 5\n---\n# Charter\n"),
        ];
        assert!(found(Code::UnknownKey, &files).is_empty());
    }

    #[test]
    fn dl003_duplicate_key() {
        let bad = COMPLETE.replace("date: 2026-01-10\n", "date: 2026-01-10\ndate: 2026-01-11\n");
        assert_eq!(
            found(Code::DuplicateKey, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 4, 1)]
        );
        assert!(found(Code::DuplicateKey, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl004_requirements_follow_the_status() {
        let draft = "---\nstatus: draft\n---\n# Idea\n";
        assert!(found(Code::MissingField, &[("0001-a.md", draft)]).is_empty());
        let empty = "---\ntitle: \"  \"\nstatus: draft\n---\n# Heading\n";
        assert_eq!(
            found(Code::MissingField, &[("0001-a.md", empty)]),
            vec![at("0001-a.md", 2, 8)]
        );
        assert_eq!(
            messages(Code::MissingField, &[("0001-a.md", empty)]),
            vec!["decision title is empty"]
        );
        let untitled = "---\nstatus: draft\n---\nNo heading.\n";
        assert_eq!(
            found(Code::MissingField, &[("0001-a.md", untitled)]),
            vec![at("0001-a.md", 1, 1)]
        );
        let accepted = COMPLETE.replace("date: 2026-01-10\ndecided: 2026-01-20\n", "");
        let messages = messages(Code::MissingField, &[("0001-a.md", &accepted)]);
        assert_eq!(
            messages,
            vec![
                "accepted decision has no `date`",
                "accepted decision has no `decided` date"
            ]
        );
        let found = run(&[("0001-a.md", &accepted)]);
        assert!(
            found
                .iter()
                .all(|d| d.code != Code::MissingField || (d.line, d.column) == (2, 1))
        );
    }

    #[test]
    fn dl004_no_status_is_a_warning() {
        let found = run(&[("0001-a.md", "---\ndate: 2026-01-01\n---\n# Idea\n")]);
        let d = found.iter().find(|d| d.code == Code::MissingField).unwrap();
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("unknown"));
    }

    #[test]
    fn dl004_reviews_and_feedback() {
        let review = "---\nkind: async\nfeedback:\n  - by: lee\n    on: 1\n---\n# Ask\n";
        let messages = messages(Code::MissingField, &[("reviews/2026-01-01-ask.md", review)]);
        assert_eq!(
            messages,
            vec![
                "review has no `date`",
                "async review has no `respond-by` date",
                "feedback entry has no `date`, `stance`"
            ]
        );
        let review = "---\nkind: async\ndate: 2026-01-01\nrespond-by: 2026-01-08\ndecisions: [1]\nfeedback:\n  - by: lee\n    date: 2026-01-02\n    stance: support\n    on: 1\n---\n# Ask\n";
        assert!(found(Code::MissingField, &[("reviews/2026-01-01-ask.md", review)]).is_empty());
    }

    #[test]
    fn dl005_invalid_value() {
        let bad = COMPLETE.replace("kind: model", "kind: notebook");
        assert_eq!(
            found(Code::InvalidValue, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 16, 11)]
        );
        assert!(found(Code::InvalidValue, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl006_invalid_date() {
        let bad = COMPLETE.replace("revisit-by: 2026-09-01", "revisit-by: 2026-02-30");
        assert_eq!(
            found(Code::InvalidDate, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 18, 13)]
        );
        assert!(found(Code::InvalidDate, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl007_both_records_are_reported() {
        let files = [
            ("0005-a.md", COMPLETE),
            ("0005-b.md", COMPLETE),
            ("0006-c.md", COMPLETE),
        ];
        assert_eq!(
            found(Code::DuplicateId, &files),
            vec![at("0005-a.md", 1, 1), at("0005-b.md", 1, 1)]
        );
        assert_eq!(
            messages(Code::DuplicateId, &files)[0],
            "id 0005 is also used by decisions/0005-b.md"
        );
        assert!(
            found(
                Code::DuplicateId,
                &[("0005-a.md", COMPLETE), ("0006-b.md", COMPLETE)]
            )
            .is_empty()
        );
    }

    #[test]
    fn dl008_id_mismatch() {
        let bad = format!("---\nid: 21{}", &COMPLETE[3..]);
        assert_eq!(
            found(Code::IdMismatch, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 2, 5)]
        );
        let good = format!("---\nid: 5{}", &COMPLETE[3..]);
        assert!(found(Code::IdMismatch, &[("0005-a.md", &good)]).is_empty());
    }

    #[test]
    fn dl009_placeholders_warn_before_acceptance_and_fail_after() {
        let draft = "---\nstatus: proposed\nconsulted: {list everyone whose opinions are sought}\n---\n# {short title of solved problem}\n\n## Rationale\n\n<!-- TBD is fine in a comment -->\nCost is TBD.\n";
        let found_draft = run(&[("0001-a.md", draft)]);
        let placeholders: Vec<_> = found_draft
            .iter()
            .filter(|d| d.code == Code::Placeholder)
            .collect();
        assert_eq!(
            placeholders
                .iter()
                .map(|d| (d.line, d.column, d.severity))
                .collect::<Vec<_>>(),
            vec![
                (3, 12, Severity::Warning),
                (5, 3, Severity::Warning),
                (10, 9, Severity::Warning)
            ]
        );
        assert!(
            found_draft.iter().all(|d| d.code != Code::InvalidValue),
            "a braces placeholder is not also a wrong type: {found_draft:?}"
        );
        let accepted = COMPLETE.replace("AUC 0.71 against 0.84", "TODO");
        let found = run(&[("0005-a.md", &accepted)]);
        let d = found.iter().find(|d| d.code == Code::Placeholder).unwrap();
        assert_eq!((d.line, d.column, d.severity), (11, 23, Severity::Error));
        assert_eq!(
            d.message,
            "`rejected-because` is a template placeholder: TODO"
        );
        assert!(run(&[("0005-a.md", COMPLETE)]).is_empty());
    }
}
