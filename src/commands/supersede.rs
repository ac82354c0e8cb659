//! `decide supersede OLD NEW`: records that NEW replaces OLD on both sides
//! (OLD's `superseded-by` and status, NEW's `supersedes`), so the lineage
//! reads the same from either record and `check` finds no one-sided link.

use std::collections::{BTreeMap, VecDeque};

use crate::cli::SupersedeArgs;
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::log::Log;
use crate::record::{Id, Status};

use super::editing::{FileEdit, id_value, ids_under, unique_decision, write};
use super::may_name;

pub fn run(args: &SupersedeArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    link(args, ctx, true)
}

/// Links NEW and OLD both ways; `mark` also sets OLD's status to superseded.
/// `decide new --supersedes` links without marking: OLD stays in force until
/// NEW is accepted (`decide status NEW accepted` marks it then). The log's
/// lock is held from reading to writing.
pub fn link(args: &SupersedeArgs, ctx: &Context, mark: bool) -> anyhow::Result<Output> {
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.old) || may_name(d, &args.new),
        |log| link_locked(args, ctx, log, mark),
    )
}

fn link_locked(
    args: &SupersedeArgs,
    ctx: &Context,
    log: Log,
    mark: bool,
) -> anyhow::Result<Output> {
    let old = unique_decision(&log, &args.old)?;
    let new = unique_decision(&log, &args.new)?;
    let (Some(old_id), Some(new_id)) = (old.id.clone(), new.id.clone()) else {
        return Err(Error::Usage("both decisions need an id".into()).into());
    };
    if old_id == new_id {
        return Err(Error::Usage(format!("{old_id} cannot supersede itself")).into());
    }
    if let Some(chain) = supersede_chain(&log, &old_id, &new_id) {
        let chain: Vec<String> = chain.iter().map(ToString::to_string).collect();
        return Err(Error::Usage(format!(
            "{new_id} cannot supersede {old_id}: {old_id} already supersedes {new_id} ({}), so this would make a cycle",
            chain.join(" → ")
        ))
        .into());
    }

    let mut old_file = FileEdit::open(&log, &old.meta.path)?;
    let mut old_changes = Vec::new();
    let written = old
        .status_text
        .as_ref()
        .and_then(|t| Status::parse(&t.value));
    if mark && written != Some(Status::Superseded) {
        old_file.apply(|doc| doc.set_scalar("status", Status::Superseded.as_str()))?;
        let was = old.status_text.as_ref().map_or("unknown", |t| t.as_str());
        old_changes.push(format!("status {was} → superseded"));
    }
    // A MADR `status: superseded by ADR-N` names a successor too; keep it
    // as a link now that the status becomes a plain word.
    let present = ids_under(old_file.front(), "superseded-by");
    let mut successors: Vec<&Id> = old.superseded_by.iter().map(|r| &r.id).collect();
    successors.push(&new_id);
    let mut added = Vec::new();
    for id in successors {
        if !present.contains(id) && !added.contains(&id) {
            old_file.apply(|doc| doc.add_to_list("superseded-by", &id_value(id)))?;
            added.push(id);
        }
    }
    if !added.is_empty() {
        let ids: Vec<String> = added.iter().map(ToString::to_string).collect();
        old_changes.push(format!("superseded-by + {}", ids.join(", ")));
    }
    // The day it was superseded is kept, like every status change (a MADR
    // `superseded by ADR-N` already was superseded: only its word changes).
    if mark && old.status != Some(Status::Superseded) {
        let today = ctx.today.format("%Y-%m-%d").to_string();
        super::status::stamp(&mut old_file, Status::Superseded, &today)?;
        old_changes.push(format!("status-history + superseded {today}"));
    }

    let mut new_file = FileEdit::open(&log, &new.meta.path)?;
    let mut new_changes = Vec::new();
    if !ids_under(new_file.front(), "supersedes").contains(&old_id) {
        new_file.apply(|doc| doc.add_to_list("supersedes", &id_value(&old_id)))?;
        new_changes.push(format!("supersedes + {old_id}"));
    }

    let mut out = Output::default();
    if old_changes.is_empty() && new_changes.is_empty() {
        if !ctx.global.quiet {
            out.stderr = format!("{new_id} already supersedes {old_id}; nothing changed\n");
        }
        return Ok(out);
    }
    write(&[&old_file, &new_file])?;
    if !ctx.global.quiet {
        for (id, changes) in [(&old_id, old_changes), (&new_id, new_changes)] {
            if !changes.is_empty() {
                out.stdout
                    .push_str(&format!("{id}: {}\n", changes.join(", ")));
            }
        }
    }
    Ok(out)
}

/// The chain by which `from` already (transitively) supersedes `to`, if any.
/// Links count from either side: A's `supersedes: [B]` and B's
/// `superseded-by: [A]` both say A supersedes B.
fn supersede_chain(log: &Log, from: &Id, to: &Id) -> Option<Vec<Id>> {
    let mut edges: BTreeMap<&Id, Vec<&Id>> = BTreeMap::new();
    for d in &log.decisions {
        let Some(id) = &d.id else { continue };
        for r in &d.supersedes {
            edges.entry(id).or_default().push(&r.id);
        }
        for r in &d.superseded_by {
            edges.entry(&r.id).or_default().push(id);
        }
    }
    let mut came_from: BTreeMap<&Id, &Id> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut chain = vec![at.clone()];
            let mut cur = at;
            while let Some(prev) = came_from.get(cur) {
                chain.push((*prev).clone());
                cur = prev;
            }
            chain.reverse();
            return Some(chain);
        }
        for next in edges.get(at).into_iter().flatten() {
            if *next != from && !came_from.contains_key(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}
