//! Rules about links between records and about revisiting: a successor for
//! superseded decisions (DL030), references that resolve (DL031), links
//! recorded on both sides (DL032, fixable), no supersede cycles (DL033),
//! and revisit dates (DL034, DL035).

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt as _};

use super::{Index, is, parsed, status_pos};
use crate::diagnostic::{Diagnostic, Fix};
use crate::record::{Decision, Id, Ref, Review, Status};
use crate::rules::Code;
use crate::yaml::Pos;

/// What the rules relating decisions look at of one decision: its id,
/// where it is, and its links. Kept for every decision of a run while the
/// rest of the record is dropped ([`super::Pass`]).
pub struct Links {
    /// Shared with the decision's source.
    path: Arc<str>,
    id: Option<Id>,
    parsed: bool,
    /// Where DL007 points: the `id` key's value, else the file's start.
    declared: Pos,
    /// Where DL033 points: the `supersedes` key, else the status.
    supersedes_key: Pos,
    /// Its `supersedes`, then `superseded-by`, then `related`, in one
    /// slice (three held 2.4 MB more at 100,000 decisions); `ends` holds
    /// where the first two end.
    refs: Box<[Ref]>,
    ends: [u32; 2],
}

impl Links {
    pub(super) fn of(d: &Decision) -> Links {
        Links {
            path: d.meta.path.clone(),
            id: d.id.clone(),
            parsed: parsed(&d.meta),
            declared: d.declared_id.as_ref().map_or(Pos::new(1, 1), |r| r.pos),
            supersedes_key: d.meta.key_pos("supersedes").unwrap_or(status_pos(d)),
            refs: [&d.supersedes, &d.superseded_by, &d.related]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            // The YAML readers' budget (100,000 nodes a file) holds a
            // record's lists far below 2^32.
            ends: [
                d.supersedes.len() as u32,
                (d.supersedes.len() + d.superseded_by.len()) as u32,
            ],
        }
    }

    fn supersedes(&self) -> &[Ref] {
        &self.refs[..self.ends[0] as usize]
    }

    fn superseded_by(&self) -> &[Ref] {
        &self.refs[self.ends[0] as usize..self.ends[1] as usize]
    }

    fn related(&self) -> &[Ref] {
        &self.refs[self.ends[1] as usize..]
    }

    pub(super) fn path(&self) -> &Arc<str> {
        &self.path
    }

    pub(super) fn parsed(&self) -> bool {
        self.parsed
    }

    pub(super) fn declared(&self) -> Pos {
        self.declared
    }
}

/// Every decision id of the log and the decisions that carry it.
pub(super) struct Ids<'a> {
    /// In the log's order.
    all: Vec<&'a Links>,
    by_id: HashMap<&'a Id, Vec<&'a Links>>,
}

impl<'a> Ids<'a> {
    pub(super) fn new(decisions: impl Iterator<Item = &'a Links>) -> Ids<'a> {
        let all: Vec<&Links> = decisions.collect();
        let mut by_id: HashMap<&Id, Vec<&Links>> = HashMap::with_capacity(all.len());
        for d in &all {
            if let Some(id) = &d.id {
                by_id.entry(id).or_default().push(d);
            }
        }
        Ids { all, by_id }
    }

    /// The one decision with `id`; `None` when there is none or the id is taken twice.
    fn decision(&self, id: &Id) -> Option<&'a Links> {
        match self.by_id.get(id).map(Vec::as_slice) {
            Some([one]) => Some(one),
            _ => None,
        }
    }

    fn exists(&self, id: &Id) -> bool {
        self.by_id.contains_key(id)
    }

    /// Each id and the decisions that carry it, in no particular order.
    pub(super) fn each(&self) -> impl Iterator<Item = (&'a Id, &[&'a Links])> {
        self.by_id.iter().map(|(id, list)| (*id, list.as_slice()))
    }
}

pub(super) fn decision(ix: &Index, d: &Decision, out: &mut Vec<Diagnostic>) {
    let path = &d.meta.path;
    if is(d, Status::Superseded) && d.superseded_by.is_empty() {
        out.push(
            Diagnostic::new(
                Code::SupersededWithoutSuccessor,
                path,
                status_pos(d),
                "superseded decision does not say what superseded it",
            )
            .with_help("add `superseded-by: [N]` naming the decision that replaced it"),
        );
    }
    if is(d, Status::Accepted) {
        match &d.revisit_by {
            None if ix
                .log
                .charter
                .as_ref()
                .is_none_or(|c| c.revisit_days.is_none()) =>
            {
                out.push(
                    Diagnostic::new(
                        Code::NoRevisitDate,
                        path,
                        status_pos(d),
                        "accepted decision has no `revisit-by` date",
                    )
                    .with_help(
                        "add `revisit-by: YYYY-MM-DD`, or set `revisit-days` in the charter",
                    ),
                )
            }
            Some(revisit) if revisit.date.is_some_and(|date| date < ix.as_of) => out.push(
                Diagnostic::new(
                    Code::RevisitOverdue,
                    path,
                    revisit.pos,
                    format!("revisit was due on {} (as of {})", revisit.raw, ix.as_of),
                )
                .with_help("revisit it: confirm it with a new `revisit-by`, or supersede it"),
            ),
            _ => {}
        }
    }
}

/// DL031 and DL032 on one decision with front matter: its links name
/// decisions of the log, and those name it back.
pub(super) fn between(ids: &Ids, d: &Links, out: &mut Vec<Diagnostic>) {
    for (key, refs) in [
        ("supersedes", d.supersedes()),
        ("superseded-by", d.superseded_by()),
        ("related", d.related()),
    ] {
        dangling(ids, &d.path, key, refs, out);
    }
    if let Some(id) = &d.id {
        for r in d.supersedes() {
            one_sided(ids, d, id, r, "supersedes", "superseded-by", out);
        }
        for r in d.superseded_by() {
            one_sided(ids, d, id, r, "superseded-by", "supersedes", out);
        }
    }
}

pub(super) fn review(ids: &Ids, r: &Review, out: &mut Vec<Diagnostic>) {
    let path = &r.meta.path;
    dangling(ids, path, "decisions", &r.decisions, out);
    let on: Vec<Ref> = r.feedback.iter().filter_map(|f| f.on.clone()).collect();
    dangling(ids, path, "on", &on, out);
    let outcomes: Vec<Ref> = r
        .outcomes
        .iter()
        .filter_map(|o| o.decision.clone())
        .collect();
    dangling(ids, path, "decision", &outcomes, out);
}

/// DL031 for each reference in `refs` that names no decision.
fn dangling(ids: &Ids, path: &Arc<str>, key: &str, refs: &[Ref], out: &mut Vec<Diagnostic>) {
    for r in refs {
        if !ids.exists(&r.id) {
            out.push(
                Diagnostic::new(
                    Code::DanglingReference,
                    path,
                    r.pos,
                    format!("`{key}` names {}, which is not in the log", r.id),
                )
                .with_help("check the number; a renumbered record is found with `decide list`"),
            );
        }
    }
}

/// DL032: `d` says `key: [other]` but `other` does not say `back: [d]`.
fn one_sided(
    ids: &Ids,
    d: &Links,
    id: &Id,
    r: &Ref,
    key: &str,
    back: &'static str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(other) = ids.decision(&r.id) else {
        return;
    };
    if other.path == d.path {
        return;
    }
    let listed = match back {
        "superseded-by" => other.superseded_by(),
        _ => other.supersedes(),
    };
    if listed.iter().any(|x| &x.id == id) {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Code::OneSidedLink,
        &d.path,
        r.pos,
        format!(
            "{id} {} {}, but {} does not name {id} in `{back}`",
            key.replace('-', " "),
            r.id,
            r.id
        ),
    )
    .with_help(format!(
        "add {} to `{back}` in {} (`decide check --fix` does it)",
        id.as_num()
            .map_or_else(|| id.to_string(), |n| n.to_string()),
        other.path
    ));
    if other.parsed {
        diagnostic = diagnostic.with_fix(Fix::AddReference {
            path: other.path.to_string(),
            key: back,
            id: id.clone(),
        });
    }
    out.push(diagnostic);
}

/// DL033: decisions that supersede themselves, directly or through others.
/// Tarjan's algorithm, iterative, so a long chain cannot exhaust the stack.
/// Only decisions that supersede another can be in a cycle: the graph is
/// theirs alone (a fiftieth of the log's decisions in the bench's log),
/// which finds the same cycles in the same order.
pub(super) fn cycles(ids: &Ids, out: &mut Vec<Diagnostic>) {
    let nodes: Vec<&Links> = ids
        .all
        .iter()
        .copied()
        .filter(|d| !d.supersedes().is_empty())
        .filter(|d| d.id.as_ref().is_some_and(|id| ids.decision(id).is_some()))
        .collect();
    let index_of: HashMap<&Id, usize> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.id.as_ref().map(|id| (id, i)))
        .collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|d| {
            d.supersedes()
                .iter()
                .filter_map(|r| index_of.get(&r.id).copied())
                .collect()
        })
        .collect();

    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut components: Vec<Vec<usize>> = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX || edges[root].is_empty() {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&(v, child)) = work.last() {
            if child == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(child) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                let cyclic = component.len() > 1 || edges[v].contains(&v);
                if cyclic {
                    components.push(component);
                }
            }
        }
    }
    for component in components {
        let mut ids: Vec<&Id> = component
            .iter()
            .filter_map(|&i| nodes[i].id.as_ref())
            .collect();
        ids.sort();
        for &i in &component {
            let d = nodes[i];
            let id = d.id.as_ref().map(ToString::to_string).unwrap_or_default();
            let message = if component.len() == 1 {
                format!("{id} supersedes itself")
            } else {
                let others: Vec<String> = ids
                    .iter()
                    .map(ToString::to_string)
                    .filter(|o| *o != id)
                    .collect();
                format!("{id} is in a supersede cycle with {}", others.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Code::SupersedeCycle,
                    &d.path,
                    d.supersedes_key,
                    message,
                )
                .with_help("supersession runs one way: remove the link that points back to a newer decision"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::diagnostic::Fix;
    use crate::record::Id;
    use crate::rules::Code;

    fn with(extra: &str) -> String {
        COMPLETE.replacen(
            "status: accepted\n",
            &format!("status: accepted\n{extra}"),
            1,
        )
    }

    #[test]
    fn dl030_superseded_needs_a_successor() {
        let bad = COMPLETE.replace("status: accepted", "status: superseded");
        assert_eq!(
            found(Code::SupersededWithoutSuccessor, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 2, 1)]
        );
        let madr = COMPLETE.replace("status: accepted", "status: superseded by ADR-0006");
        let newer = with("supersedes: [5]\n");
        let files = [("0005-a.md", madr.as_str()), ("0006-b.md", newer.as_str())];
        assert!(found(Code::SupersededWithoutSuccessor, &files).is_empty());
        assert!(found(Code::OneSidedLink, &files).is_empty());
    }

    #[test]
    fn dl031_dangling_references_in_decisions_and_reviews() {
        let d = with("related: [5, 70]\n");
        let review = "---\nkind: retro\ndate: 2026-02-01\ndecisions: [6]\nfeedback:\n  - by: ana\n    date: 2026-02-01\n    stance: support\n    on: 9\n---\n";
        let files = [
            ("0006-a.md", d.as_str()),
            ("0005-b.md", COMPLETE),
            ("reviews/2026-02-01-r.md", review),
        ];
        assert_eq!(
            found(Code::DanglingReference, &files),
            vec![at("0006-a.md", 3, 14), at("reviews/2026-02-01-r.md", 9, 9)]
        );
        assert_eq!(
            messages(Code::DanglingReference, &files)[0],
            "`related` names 0070, which is not in the log"
        );
    }

    #[test]
    fn dl032_one_sided_link_carries_its_fix() {
        let newer = with("supersedes: [5]\n");
        let files = [("0006-a.md", newer.as_str()), ("0005-b.md", COMPLETE)];
        let found = run(&files);
        let d = found.iter().find(|d| d.code == Code::OneSidedLink).unwrap();
        assert_eq!((&*d.path, d.line, d.column), ("decisions/0006-a.md", 3, 14));
        assert_eq!(
            d.message,
            "0006 supersedes 0005, but 0005 does not name 0006 in `superseded-by`"
        );
        assert_eq!(
            d.fix.as_deref(),
            Some(&Fix::AddReference {
                path: "decisions/0005-b.md".into(),
                key: "superseded-by",
                id: Id::Num(6)
            })
        );
        assert!(d.fixable());
        let older = COMPLETE.replace("status: accepted", "status: superseded\nsuperseded-by: [6]");
        let files = [("0006-a.md", newer.as_str()), ("0005-b.md", older.as_str())];
        assert!(super::super::testing::found(Code::OneSidedLink, &files).is_empty());
    }

    #[test]
    fn dl032_the_reverse_half() {
        let older = COMPLETE.replace("status: accepted", "status: superseded\nsuperseded-by: [6]");
        let files = [("0006-a.md", COMPLETE), ("0005-b.md", older.as_str())];
        let found = run(&files);
        let d = found.iter().find(|d| d.code == Code::OneSidedLink).unwrap();
        assert_eq!(&*d.path, "decisions/0005-b.md");
        assert!(matches!(
            d.fix.as_deref(),
            Some(Fix::AddReference {
                key: "supersedes",
                ..
            })
        ));
    }

    #[test]
    fn dl033_cycles_report_every_member() {
        let a = with("supersedes: [6]\n");
        let b = with("supersedes: [7]\n");
        let c = with("supersedes: [5]\n");
        let files = [
            ("0005-a.md", a.as_str()),
            ("0006-b.md", b.as_str()),
            ("0007-c.md", c.as_str()),
        ];
        assert_eq!(
            found(Code::SupersedeCycle, &files),
            vec![
                at("0005-a.md", 3, 1),
                at("0006-b.md", 3, 1),
                at("0007-c.md", 3, 1)
            ]
        );
        assert_eq!(
            messages(Code::SupersedeCycle, &files)[0],
            "0005 is in a supersede cycle with 0006, 0007"
        );
        let own = with("supersedes: [5]\n");
        assert_eq!(
            messages(Code::SupersedeCycle, &[("0005-a.md", own.as_str())]),
            vec!["0005 supersedes itself"]
        );
        let chain = [
            ("0005-a.md", a.as_str()),
            ("0006-b.md", b.as_str()),
            ("0007-c.md", COMPLETE),
        ];
        assert!(found(Code::SupersedeCycle, &chain).is_empty());
        // Two cycles, a decision that supersedes into one and decisions
        // that supersede none, which the graph leaves out.
        let (two, three, four) = (
            with("supersedes: [3]\n"),
            with("supersedes: [2]\n"),
            with("supersedes: [2]\n"),
        );
        let eight = with("supersedes: [8]\n");
        let files = [
            ("0001-a.md", COMPLETE),
            ("0002-b.md", two.as_str()),
            ("0003-c.md", three.as_str()),
            ("0004-d.md", four.as_str()),
            ("0005-e.md", COMPLETE),
            ("0008-f.md", eight.as_str()),
        ];
        assert_eq!(
            messages(Code::SupersedeCycle, &files),
            vec![
                "0002 is in a supersede cycle with 0003",
                "0003 is in a supersede cycle with 0002",
                "0008 supersedes itself"
            ]
        );
    }

    #[test]
    fn dl034_revisit_date_or_charter_default() {
        let bad = COMPLETE.replace("revisit-by: 2026-09-01\n", "");
        assert_eq!(
            found(Code::NoRevisitDate, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 2, 1)]
        );
        let charter = ("charter.md", "---\nrevisit-days: 180\n---\n");
        assert!(found(Code::NoRevisitDate, &[("0005-a.md", &bad), charter]).is_empty());
    }

    #[test]
    fn dl035_revisit_overdue_at_the_as_of_date() {
        let bad = COMPLETE.replace("revisit-by: 2026-09-01", "revisit-by: 2026-02-28");
        assert_eq!(
            found(Code::RevisitOverdue, &[("0005-a.md", &bad)]),
            vec![at("0005-a.md", 18, 13)]
        );
        let due_today = COMPLETE.replace("revisit-by: 2026-09-01", "revisit-by: 2026-03-01");
        assert!(found(Code::RevisitOverdue, &[("0005-a.md", &due_today)]).is_empty());
    }
}
