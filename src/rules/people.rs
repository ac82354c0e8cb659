//! Rules about people: names known to the registry (DL010), an owner
//! (DL011), a decision-maker (DL012), someone consulted (DL013), the
//! charter's required roles taking part (DL014), and no self-approval (DL015).

use std::sync::Arc;

use std::collections::BTreeSet;

use super::{Index, is, key_or_status, proposed_or_later, status_pos};
use crate::diagnostic::Diagnostic;
use crate::record::{Charter, Decision, Review, Status, Text};
use crate::rules::Code;

pub(super) fn decision(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    unknown_people(ix, &d.meta.path, d.people(), out);
    let path = &d.meta.path;
    let status = d.status_word();
    if proposed_or_later(d) && d.owners.is_empty() {
        out.push(
            Diagnostic::new(
                Code::NoOwner,
                path,
                key_or_status(d, "owners"),
                format!("{status} decision has no `owners`"),
            )
            .with_help("name who is accountable for it, e.g. `owners: [ana]`"),
        );
    }
    if is(d, Status::Accepted) && d.decision_makers.is_empty() {
        out.push(
            Diagnostic::new(
                Code::NoDecisionMaker,
                path,
                d.meta
                    .key_pos("decision-makers")
                    .or_else(|| d.meta.key_pos("deciders"))
                    .unwrap_or_else(|| status_pos(d)),
                "accepted decision has no `decision-makers`",
            )
            .with_help("record who took the decision, e.g. `decision-makers: [raj]`"),
        );
    }
    if proposed_or_later(d) && d.consulted.is_empty() {
        out.push(
            Diagnostic::new(
                Code::NobodyConsulted,
                path,
                key_or_status(d, "consulted"),
                format!("{status} decision consulted nobody"),
            )
            .with_help(
                "name the people or groups asked for their view, e.g. `consulted: [lee, product]`",
            ),
        );
    }
    if is(d, Status::Proposed) || is(d, Status::Accepted) {
        required_roles(ix, d, out);
    }
    if proposed_or_later(d) && !d.decision_makers.is_empty() {
        let proposers = ix.expand_set(d.owners.iter().chain(&d.proposed_by));
        let makers = ix.expand_set(&d.decision_makers);
        if !makers.is_empty() && makers.is_subset(&proposers) {
            let names: Vec<&str> = makers.iter().copied().collect();
            out.push(
                Diagnostic::new(
                    Code::SelfApproved,
                    path,
                    d.meta
                        .key_pos("decision-makers")
                        .or_else(|| d.meta.key_pos("deciders"))
                        .unwrap_or_else(|| status_pos(d)),
                    format!(
                        "every decision-maker ({}) also proposed or owns the decision",
                        names.join(", ")
                    ),
                )
                .with_help("add a decision-maker who did not propose it"),
            );
        }
    }
}

/// DL014: someone with each required role owns, decides, is consulted, gave
/// feedback, or attended a review that lists the decision, by the as-of
/// date, as the report counts attendance.
fn required_roles(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    let (Some(people), Some(charter)) = (&ix.people, &ix.log.charter) else {
        return;
    };
    if charter.required_roles.is_empty() {
        return;
    }
    let mut taking_part: Vec<&Text> = d
        .owners
        .iter()
        .chain(&d.decision_makers)
        .chain(&d.consulted)
        .collect();
    taking_part.extend(d.feedback.iter().filter_map(|f| f.by.as_ref()));
    if let Some(id) = &d.id
        && let Some(list) = ix.review_feedback.get(id)
    {
        taking_part.extend(list.iter().filter_map(|(_, f)| f.by.as_ref()));
    }
    if let Some(id) = &d.id
        && let Some(reviews) = ix.discussed_in.get(id)
    {
        let held = reviews.iter().filter(|r| {
            r.date
                .as_ref()
                .and_then(|x| x.date)
                .is_none_or(|date| date <= ix.as_of)
        });
        taking_part.extend(held.flat_map(|r| r.attended.iter()));
    }
    let mut roles: BTreeSet<&str> = BTreeSet::new();
    for t in &taking_part {
        roles.extend(people.roles_of(&t.value).iter().copied());
    }
    let missing: Vec<&str> = charter
        .required_roles
        .iter()
        .map(|r| r.value.as_str())
        .filter(|r| !roles.contains(r))
        .collect();
    if missing.is_empty() {
        return;
    }
    let holders: Vec<String> = missing
        .iter()
        .map(|role| {
            let who: Vec<&str> = people
                .registry
                .people
                .iter()
                .filter(|p| p.roles.iter().any(|r| r == role))
                .map(|p| p.key.as_str())
                .collect();
            if who.is_empty() {
                format!("nobody in people.yaml has role `{role}`")
            } else {
                format!("`{role}`: {}", who.join(", "))
            }
        })
        .collect();
    let list: Vec<String> = missing.iter().map(|r| format!("`{r}`")).collect();
    out.push(
        Diagnostic::new(
            Code::RequiredRoleMissing,
            &d.meta.path,
            key_or_status(d, "consulted"),
            format!(
                "no one with the charter's required role {} is consulted, deciding or giving feedback",
                list.join(", ")
            ),
        )
        .with_help(format!("consult someone with it ({})", holders.join("; "))),
    );
}

pub(super) fn review(ix: &Index, r: &Review, out: &mut Vec<Diagnostic>) {
    unknown_people(ix, &r.meta.path, r.people(), out);
}

pub(super) fn charter(ix: &Index, c: &Charter, out: &mut Vec<Diagnostic>) {
    let names = c
        .decision_rights
        .iter()
        .flat_map(|r| r.decides.iter().chain(&r.consults).chain(&r.informs));
    unknown_people(ix, &c.meta.path, names, out);
}

/// How many unknown names of one file get a did-you-mean suggestion.
const SUGGESTIONS_PER_FILE: usize = 50;

/// DL010 for every name in `names`.
fn unknown_people<'a>(
    ix: &Index,
    path: &Arc<str>,
    names: impl Iterator<Item = &'a Text>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(people) = &ix.people else {
        return;
    };
    let mut suggested = 0;
    for name in names {
        if people.known.contains(name.value.as_str()) {
            continue;
        }
        // A suggestion compares the name with every known one (once per
        // distinct name, see `suggest`): worked out for the first few
        // unknown names of a file only, so that thousands of unknown names
        // against thousands of people stay fast.
        suggested += 1;
        let suggestion = if suggested <= SUGGESTIONS_PER_FILE {
            people.suggest(&name.value)
        } else {
            None
        };
        let help = match suggestion {
            Some(s) => format!(
                "did you mean `{s}`? Otherwise add `{}` to people.yaml",
                name.value
            ),
            None => format!(
                "add `{}` to people.yaml as a person, an alias or a group",
                name.value
            ),
        };
        out.push(
            Diagnostic::new(
                Code::UnknownPerson,
                path,
                name.pos,
                format!("`{}` is not in people.yaml", name.value),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    const PEOPLE: &str = "people:\n  ana: { roles: [data-science], aliases: [aruiz] }\n  raj: { roles: [ml-engineering] }\n  lee: { roles: [end-user] }\n  priya: { roles: [product] }\ngroups:\n  product: [priya]\n";

    #[test]
    fn dl010_unknown_person_only_with_a_registry() {
        let bad = COMPLETE.replace("consulted: [lee]", "consulted: [lea, product, aruiz]");
        assert!(found(Code::UnknownPerson, &[("0005-a.md", &bad)]).is_empty());
        let files = [("0005-a.md", bad.as_str()), ("people.yaml", PEOPLE)];
        assert_eq!(
            found(Code::UnknownPerson, &files),
            vec![at("0005-a.md", 8, 13)]
        );
        let d = run(&files)
            .into_iter()
            .find(|d| d.code == Code::UnknownPerson)
            .unwrap();
        assert!(d.help.unwrap().contains("did you mean `lee`?"));
        let files = [("0005-a.md", COMPLETE), ("people.yaml", PEOPLE)];
        assert!(found(Code::UnknownPerson, &files).is_empty());
    }

    #[test]
    fn dl010_in_reviews_and_charter() {
        let files = [
            ("people.yaml", PEOPLE),
            (
                "reviews/2026-01-01-x.md",
                "---\nkind: check-in\ndate: 2026-01-01\nfacilitator: zed\ndecisions: [5]\n---\n",
            ),
            (
                "charter.md",
                "---\ndecision-rights:\n  - scope: all\n    decides: [bob]\n---\n",
            ),
            ("0005-a.md", COMPLETE),
        ];
        assert_eq!(
            found(Code::UnknownPerson, &files),
            vec![
                at("charter.md", 4, 15),
                at("reviews/2026-01-01-x.md", 4, 14)
            ]
        );
    }

    #[test]
    fn dl011_no_owner() {
        let bad = COMPLETE.replace("owners: [ana]\n", "");
        assert_eq!(
            found(Code::NoOwner, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 2, 1)]
        );
        let draft = "---\nstatus: draft\n---\n# Idea\n";
        assert!(found(Code::NoOwner, &[("0005-a.md", draft)]).is_empty());
        assert!(found(Code::NoOwner, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl012_no_decision_maker() {
        let bad = COMPLETE.replace("decision-makers: [raj]\n", "");
        assert_eq!(
            found(Code::NoDecisionMaker, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 2, 1)]
        );
        let madr = COMPLETE.replace("decision-makers: [raj]", "deciders: [raj]");
        assert!(found(Code::NoDecisionMaker, &[("0005-a.md", &madr)]).is_empty());
    }

    #[test]
    fn dl013_nobody_consulted() {
        let bad = COMPLETE.replace("consulted: [lee]", "consulted: []");
        assert_eq!(
            found(Code::NobodyConsulted, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 8, 1)]
        );
        assert!(found(Code::NobodyConsulted, &[("0005-a.md", COMPLETE)]).is_empty());
    }

    #[test]
    fn dl014_required_roles_through_groups_and_review_feedback() {
        let charter = (
            "charter.md",
            "---\nrequired-roles: [product, end-user]\n---\n",
        );
        let bad = COMPLETE.replace("consulted: [lee]", "consulted: [ana]");
        let files = [
            charter,
            ("people.yaml", PEOPLE),
            ("0005-a.md", bad.as_str()),
        ];
        assert_eq!(
            found(Code::RequiredRoleMissing, &files),
            vec![at("0005-a.md", 8, 1)]
        );
        let d = run(&files)
            .into_iter()
            .find(|d| d.code == Code::RequiredRoleMissing)
            .unwrap();
        assert!(d.message.contains("`product`, `end-user`"), "{}", d.message);
        assert!(d.help.unwrap().contains("`product`: priya"));

        let good = COMPLETE.replace("consulted: [lee]", "consulted: [product]");
        let review = "---\nkind: async\ndate: 2026-01-12\nrespond-by: 2026-01-19\ndecisions: [5]\nfeedback:\n  - by: lee\n    date: 2026-01-13\n    stance: support\n    on: 5\n---\n";
        let files = [
            charter,
            ("people.yaml", PEOPLE),
            ("0005-a.md", good.as_str()),
            ("reviews/2026-01-12-ask.md", review),
        ];
        assert!(found(Code::RequiredRoleMissing, &files).is_empty());
    }

    #[test]
    fn dl014_counts_owners_and_attendance_as_the_report_does() {
        // Owner ana (data-science) and decision-maker raj (ml-engineering);
        // consulted lee (end-user). product is missing until priya attends
        // a review that lists the decision, by the as-of date (2026-03-01).
        let charter = (
            "charter.md",
            "---\nrequired-roles: [data-science, ml-engineering, product]\n---\n",
        );
        let files = [charter, ("people.yaml", PEOPLE), ("0005-a.md", COMPLETE)];
        let messages = messages(Code::RequiredRoleMissing, &files);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("`product`"), "{messages:?}");
        assert!(!messages[0].contains("data-science"), "{messages:?}");
        let attended = |date: &str| {
            format!("---\nkind: milestone\ndate: {date}\ndecisions: [5]\nattended: [priya]\n---\n")
        };
        let held = attended("2026-01-15");
        let files = [
            charter,
            ("people.yaml", PEOPLE),
            ("0005-a.md", COMPLETE),
            ("reviews/2026-01-15-m.md", held.as_str()),
        ];
        assert!(found(Code::RequiredRoleMissing, &files).is_empty());
        // A review after the as-of date had not happened yet.
        let later = attended("2026-04-15");
        let files = [
            charter,
            ("people.yaml", PEOPLE),
            ("0005-a.md", COMPLETE),
            ("reviews/2026-04-15-m.md", later.as_str()),
        ];
        assert_eq!(found(Code::RequiredRoleMissing, &files).len(), 1);
    }

    #[test]
    fn dl015_self_approved() {
        let bad = COMPLETE.replace("decision-makers: [raj]", "decision-makers: [aruiz]");
        let files = [("0005-a.md", bad.as_str()), ("people.yaml", PEOPLE)];
        assert_eq!(
            found(Code::SelfApproved, &files),
            vec![at("0005-a.md", 7, 1)]
        );
        let files = [("0005-a.md", COMPLETE), ("people.yaml", PEOPLE)];
        assert!(found(Code::SelfApproved, &files).is_empty());
    }
}
