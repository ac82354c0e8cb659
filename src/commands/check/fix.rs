//! `decide check --fix`: the safe fixes, applied byte-preserving and atomically.
//!
//! Two things are safe to mend without a person's judgement (SPEC §5):
//! a one-sided supersede link (DL032: A supersedes B, B does not say it is
//! superseded by A), whose finding carries the reference to add; and MADR's
//! `status: superseded by ADR-N`, which reads correctly but is normalised to
//! `status: superseded` with `superseded-by: [N]` so every tool sees the
//! same link. Every edit to a file is made on its text first and all files
//! are written together at the end (temporary file and rename each).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::commands::editing::{FileEdit, id_value, ids_under, write};
use crate::diagnostic::{Diagnostic, Fix};
use crate::log::Log;
use crate::record::{Id, Status};

/// Applies the fixes of `diagnostics` whose file `in_scope` accepts, plus the
/// status normalisations of in-scope records; returns one line per change.
pub fn apply(
    log: &Log,
    diagnostics: &[Diagnostic],
    in_scope: impl Fn(&str) -> bool,
) -> anyhow::Result<String> {
    let mut files: BTreeMap<String, FileEdit> = BTreeMap::new();
    let mut changes: Vec<String> = Vec::new();

    for d in log.decisions.iter().filter(|d| in_scope(&d.meta.path)) {
        let Some(written) = &d.status_text else {
            continue;
        };
        if Status::parse(&written.value).is_some() || d.status != Some(Status::Superseded) {
            continue;
        }
        let file = open(&mut files, log, &d.meta.path)?;
        file.apply(|doc| doc.set_scalar("status", Status::Superseded.as_str()))?;
        let present = ids_under(file.front(), "superseded-by");
        let mut added: Vec<&Id> = Vec::new();
        for r in &d.superseded_by {
            if !present.contains(&r.id) && !added.contains(&&r.id) {
                file.apply(|doc| doc.add_to_list("superseded-by", &id_value(&r.id)))?;
                added.push(&r.id);
            }
        }
        let mut line = format!("{}: status `{}` → superseded", d.meta.path, written.value);
        if !added.is_empty() {
            let ids: Vec<String> = added.iter().map(ToString::to_string).collect();
            let _ = write!(line, ", superseded-by + {}", ids.join(", "));
        }
        changes.push(line);
    }

    // A status written as a synonym (`approved`) becomes its canonical word.
    for diagnostic in diagnostics.iter().filter(|d| in_scope(&d.path)) {
        let Some(Fix::SetStatus { path, status }) = diagnostic.fix.as_deref() else {
            continue;
        };
        let file = open(&mut files, log, path)?;
        file.apply(|doc| doc.set_scalar("status", status.as_str()))?;
        changes.push(format!("{path}: status → {status}"));
    }

    let mut seen: Vec<(&str, &str, &Id)> = Vec::new();
    for diagnostic in diagnostics.iter().filter(|d| in_scope(&d.path)) {
        let Some(Fix::AddReference { path, key, id }) = diagnostic.fix.as_deref() else {
            continue;
        };
        if seen.contains(&(path.as_str(), *key, id)) {
            continue;
        }
        seen.push((path, key, id));
        let file = open(&mut files, log, path)?;
        file.apply(|doc| doc.add_to_list(key, &id_value(id)))?;
        changes.push(format!("{path}: {key} + {id}"));
    }

    let edits: Vec<&FileEdit> = files.values().collect();
    write(&edits)?;
    let mut out = String::new();
    for change in changes {
        let _ = writeln!(out, "fixed {change}");
    }
    Ok(out)
}

fn open<'a>(
    files: &'a mut BTreeMap<String, FileEdit>,
    log: &Log,
    path: &str,
) -> anyhow::Result<&'a mut FileEdit> {
    if !files.contains_key(path) {
        files.insert(path.to_string(), FileEdit::open(log, path)?);
    }
    Ok(files.get_mut(path).expect("inserted above"))
}
