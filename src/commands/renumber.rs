//! `decide renumber OLD NEW`: gives a decision a free number.
//!
//! Two branches that each ran `decide new` can pick the same number; after
//! the merge DL007 reports both files, and this command mends it (SPEC §3).
//! The record's file is renamed (`0012-slug.md` → `0013-slug.md`: same slug,
//! same zero padding), its `id` is set when it has one, and every reference
//! to it in the log is rewritten in place with
//! [`Document::replace_number`](crate::edit::Document::replace_number), which
//! keeps how each is written (`12`, `0012`, `"ADR-0012"`, `superseded by
//! ADR-0012`). When the old number named two records, a reference may mean
//! either, so the references are listed for a person to decide instead.
//!
//! Nothing is written until every edit has been made in memory and verified.
//! Then every new content is staged beside its file, the renamed copy is
//! created (never over an existing file), the references are renamed into
//! place, and the old file is removed last. A failure on the way puts back
//! what was already done, so the log is left as it was.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::RenumberArgs;
use crate::config::IdScheme;
use crate::context::{Context, Output};
use crate::edit::{self, Staged};
use crate::error::Error;
use crate::log::{Log, display_path};
use crate::naming;
use crate::record::{Decision, FrontMatter, Id, Meta, Ref, superseded_by_in_status};
use crate::yaml::Pos;

use super::editing::FileEdit;
use super::may_name;

pub fn run(args: &RenumberArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    // Held from reading the log to the last rename, so that neither a
    // `decide new` nor another edit can come in between.
    edit::with_log(
        ctx.locate()?,
        |d| may_name(d, &args.old),
        |log| renumber(args, ctx, log),
    )
}

fn renumber(args: &RenumberArgs, ctx: &Context, log: Log) -> anyhow::Result<Output> {
    let scheme = log.location.config.scheme;
    let new = number(&args.new, "NEW", scheme)?;
    let record = target(&log, &args.old, &ctx.cwd, scheme)?;
    let path = &*record.meta.path;
    if record.file_id.as_ref().and_then(Id::as_num).is_none() {
        return Err(Error::Usage(not_numbered(path, scheme)).into());
    }
    if broken(&record.meta) {
        // Its `id` may be in there, and would then disagree with the new name.
        return Err(Error::Usage(format!(
            "{path}: its front matter cannot be read; fix that first (see `decide check {path}`)"
        ))
        .into());
    }
    let Some(old) = record.id.as_ref().and_then(Id::as_num) else {
        return Err(Error::Usage(format!(
            "{path}: its `id` is not a number; make it agree with the file name first"
        ))
        .into());
    };
    if old == new {
        return Err(Error::Usage(format!("{path} already has number {new}")).into());
    }
    let mut record_file = FileEdit::open(&log, path)?;
    let renamed = Renamed::new(record_file.abs(), path, new)?;

    let others: Vec<&str> = log
        .find(&Id::Num(old))
        .map(|d| &*d.meta.path)
        .filter(|p| *p != path)
        .collect();
    let mentions = mentions(&log, &Id::Num(old));
    // The record's own `id`, then each reference when they can only mean it.
    let mut edits: Vec<(&str, Pos)> = Vec::new();
    let mut changes = Vec::new();
    if let Some(declared) = &record.declared_id {
        edits.push((path, declared.pos));
        changes.push(format!("{}: id {old} → {new}", renamed.path));
    }
    if others.is_empty() {
        for m in &mentions {
            edits.push((&m.path, m.pos));
            let shown = if m.path == path {
                &renamed.path
            } else {
                &m.path
            };
            changes.push(format!("{shown}: {} {old} → {new}", m.field));
        }
    }
    // From the end of each file backwards: a number that grows (`9` → `10`)
    // moves what follows it on its line, never what comes before.
    edits.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)));
    let mut files: BTreeMap<&str, FileEdit> = BTreeMap::new();
    for (file_path, pos) in edits {
        let file = if file_path == path {
            &mut record_file
        } else {
            if !files.contains_key(file_path) {
                files.insert(file_path, FileEdit::open(&log, file_path)?);
            }
            files.get_mut(file_path).expect("inserted above")
        };
        file.apply(|doc| doc.replace_number(pos, old, new))
            .map_err(|err| {
                anyhow::anyhow!(
                    "{err}\nhelp: nothing was changed; write that reference as a plain {old} by hand and run `decide renumber` again"
                )
            })?;
    }

    // A renumbering killed half way left its renamed copy beside the old
    // file: the same command, run again, recognises the copy (it holds
    // exactly what would be written) and finishes the job.
    let resuming = fs::read_to_string(&renamed.abs).is_ok_and(|t| t == record_file.text());
    refuse_taken(&log, new, &renamed, resuming)?;
    if !args.dry_run {
        if resuming {
            fs::remove_file(&renamed.abs).map_err(|source| Error::Io {
                path: renamed.abs.clone(),
                source,
            })?;
        }
        let edits: Vec<&FileEdit> = files.values().filter(|f| f.changed()).collect();
        commit(&record_file, &renamed, &edits)?;
    }

    let mut out = Output::default();
    if !ctx.global.quiet {
        // A dry run says what it would do, not what it did.
        let (rename, change) = if args.dry_run {
            ("would rename", "would change ")
        } else {
            ("renamed", "")
        };
        let _ = writeln!(out.stdout, "{rename} {path} → {}", renamed.path);
        for c in &changes {
            let _ = writeln!(out.stdout, "{change}{c}");
        }
    }
    if !others.is_empty() && !mentions.is_empty() {
        let _ = writeln!(
            out.stdout,
            "{} to {old} {} left as {}: {} also {} number {old}, so each may mean either record; change those that mean {} to {new}:",
            plural(mentions.len(), "reference"),
            if mentions.len() == 1 { "was" } else { "were" },
            if mentions.len() == 1 {
                "it is"
            } else {
                "they are"
            },
            others.join(", "),
            if others.len() == 1 { "has" } else { "have" },
            renamed.path,
        );
        for m in &mentions {
            let shown = if m.path == path {
                &renamed.path
            } else {
                &m.path
            };
            let _ = writeln!(
                out.stdout,
                "  {shown}:{}:{}: {} {old}",
                m.pos.line, m.pos.col, m.field
            );
        }
    }
    if !ctx.global.quiet {
        out.stderr = notes(&log, path, &renamed);
        if args.dry_run {
            out.stderr.push_str("dry run: nothing was written\n");
        }
    }
    Ok(out)
}

/// A number given on the command line (`13`, `0013`, `ADR-13`).
fn number(text: &str, what: &str, scheme: IdScheme) -> Result<u64, Error> {
    match Id::parse(text) {
        Some(Id::Num(n)) => Ok(n),
        _ => Err(Error::Usage(format!(
            "{what} `{text}` is not a number; {}",
            match scheme {
                IdScheme::Number => {
                    "renumber gives a numbered record (`0012-slug.md`) another number".to_string()
                }
                IdScheme::Date => date_scheme(),
            }
        ))),
    }
}

fn not_numbered(path: &str, scheme: IdScheme) -> String {
    let why = match scheme {
        IdScheme::Number => {
            "renumber gives a numbered record (`0012-slug.md`) another number".to_string()
        }
        IdScheme::Date => date_scheme(),
    };
    format!("{path} is not a numbered record; {why}")
}

fn date_scheme() -> String {
    "this log uses the date id scheme (`[ids] scheme = \"date\"` in decide.toml), where a \
     record's id is its file's stem (`2026-03-04-slug`): two records cannot share one without \
     sharing a file name, so there is nothing to renumber. Renumber is for numbered records \
     (`0012-slug.md`)"
        .to_string()
}

/// The record OLD names: by path, or by an id that only one file has.
fn target<'a>(
    log: &'a Log,
    arg: &str,
    cwd: &Path,
    scheme: IdScheme,
) -> Result<&'a Decision, Error> {
    let is_path = arg.contains(['/', '\\']) || arg.to_ascii_lowercase().ends_with(".md");
    if is_path {
        // Relative to the working directory, else to the repository root,
        // as `decide check` prints paths (DL007's help names one).
        let given = cwd.join(arg);
        let canonical = fs::canonicalize(&given)
            .or_else(|err| fs::canonicalize(log.location.root.join(arg)).map_err(|_| err))
            .map_err(|source| Error::Io {
                path: given.clone(),
                source,
            })?;
        let name = canonical.file_name();
        return log
            .decisions
            .iter()
            .filter(|d| d.meta.path.rsplit('/').next().map(std::ffi::OsStr::new) == name)
            .find(|d| {
                log.source(&d.meta.path)
                    .and_then(|s| fs::canonicalize(&s.abs).ok())
                    .is_some_and(|abs| abs == canonical)
            })
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{arg} is not a decision record of the log in {}",
                    display_path(&log.location.dir, &log.location.root)
                ))
            });
    }
    let id = Id::Num(number(arg, "OLD", scheme)?);
    let found: Vec<&Decision> = log.find(&id).collect();
    match found.as_slice() {
        [] => Err(Error::NotFound(arg.to_string())),
        [one] => Ok(one),
        several => {
            let paths: Vec<&str> = several.iter().map(|d| &*d.meta.path).collect();
            Err(Error::Usage(format!(
                "id {arg} is used by {} files: {}\nhelp: name the one to renumber by its path, e.g. `decide renumber {} NEW`; the references to {arg} are then listed for you to check",
                paths.len(),
                paths.join(", "),
                paths[paths.len() - 1]
            )))
        }
    }
}

/// The record's new name: the number replaced, slug and padding kept.
struct Renamed {
    /// The old file on disk.
    from: PathBuf,
    /// The new file on disk.
    abs: PathBuf,
    /// Its display path.
    path: String,
    /// The old file name, as links in Markdown text name it.
    old_name: String,
}

impl Renamed {
    fn new(abs: &Path, path: &str, new: u64) -> Result<Renamed, Error> {
        let name = abs
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::Usage(format!("{path}: its file name is not UTF-8")))?;
        if fs::symlink_metadata(abs).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Usage(format!(
                "{path} is a symbolic link; rename it and its target by hand"
            )));
        }
        let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let new_name = format!(
            "{}{}",
            edit::renumbered(new, &name[..digits]),
            &name[digits..]
        );
        if Id::from_file_name(&new_name) != Some(Id::Num(new)) {
            return Err(Error::Usage(format!(
                "the new file name {new_name} would not read as number {new} (it looks like a date); choose another number"
            )));
        }
        let new_path = match path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{new_name}"),
            None => new_name.clone(),
        };
        Ok(Renamed {
            from: abs.to_path_buf(),
            abs: abs.with_file_name(&new_name),
            path: new_path,
            old_name: name.to_string(),
        })
    }
}

/// Refuses NEW when a file in the log folder, a record's `id`, or the
/// upstream branch already uses it: a number taken upstream would collide
/// again at the next merge.
fn refuse_taken(log: &Log, new: u64, renamed: &Renamed, resuming: bool) -> Result<(), Error> {
    let dir = &log.location.dir;
    let io = |source| Error::Io {
        path: dir.clone(),
        source,
    };
    let mut users: Vec<String> = Vec::new();
    let mut used: Vec<u64> = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let name = entry.map_err(io)?.file_name();
        let name = name.to_string_lossy();
        if let Some(n) = naming::numbers([name.as_ref()]).next() {
            used.push(n);
            if n == new {
                users.push(display_path(&dir.join(name.as_ref()), &log.location.root));
            }
        }
    }
    for d in &log.decisions {
        used.extend(d.id.as_ref().and_then(Id::as_num));
    }
    users.extend(log.find(&Id::Num(new)).map(|d| d.meta.path.to_string()));
    if renamed.abs.exists() {
        users.push(renamed.path.clone());
    }
    if resuming {
        users.retain(|u| *u != renamed.path);
    }
    users.sort();
    users.dedup();
    let upstream = naming::upstream_numbers(dir);
    let next = used.iter().chain(&upstream).max().map_or(1, |m| m + 1);
    let help = format!("help: the next free number is {next}");
    if !users.is_empty() {
        return Err(Error::Usage(format!(
            "number {new} is already used by {}\n{help}",
            users.join(", ")
        )));
    }
    if upstream.contains(&new) {
        return Err(Error::Usage(format!(
            "number {new} is already used on the upstream branch, so it would collide again at the next merge\n{help}"
        )));
    }
    Ok(())
}

/// One place in the log that names a decision by number.
struct Mention {
    path: String,
    pos: Pos,
    field: &'static str,
}

/// Every reference to `id` in the log's front matter, in file order.
fn mentions(log: &Log, id: &Id) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut add = |path: &str, field, refs: &mut dyn Iterator<Item = &Ref>| {
        for r in refs.filter(|r| r.id == *id) {
            found.push(Mention {
                path: path.to_string(),
                pos: r.pos,
                field,
            });
        }
    };
    for d in &log.decisions {
        let path = &*d.meta.path;
        // MADR's `status: superseded by ADR-0012` also names a successor.
        if let Some(status) = &d.status_text
            && superseded_by_in_status(&status.value).as_ref() == Some(id)
        {
            let status = Ref {
                id: id.clone(),
                pos: status.pos,
            };
            add(path, "status", &mut std::iter::once(&status));
        }
        add(path, "supersedes", &mut d.supersedes.iter());
        add(path, "superseded-by", &mut d.superseded_by.iter());
        add(path, "related", &mut d.related.iter());
    }
    for r in &log.reviews {
        let path = &*r.meta.path;
        add(path, "decisions", &mut r.decisions.iter());
        add(
            path,
            "feedback on",
            &mut r.feedback.iter().filter_map(|f| f.on.as_ref()),
        );
        add(
            path,
            "outcome decision",
            &mut r.outcomes.iter().filter_map(|o| o.decision.as_ref()),
        );
    }
    // One value can stand for several references (`related: 12, 14`) and the
    // status form is also read as `superseded-by`: each place is edited once.
    let mut seen = Vec::new();
    found.retain(|m| {
        let key = (m.path.clone(), m.pos);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    found.sort_by(|a, b| (&a.path, a.pos).cmp(&(&b.path, b.pos)));
    found
}

/// What renumber cannot rewrite, for the user to look at: files whose
/// references could not be read, and Markdown text that names the old file.
fn notes(log: &Log, path: &str, renamed: &Renamed) -> String {
    let mut out = String::new();
    let unread = log
        .failures
        .iter()
        .map(|f| f.path.as_str())
        .chain(
            log.decisions
                .iter()
                .filter(|d| broken(&d.meta))
                .map(|d| &*d.meta.path),
        )
        .chain(
            log.reviews
                .iter()
                .filter(|r| broken(&r.meta))
                .map(|r| &*r.meta.path),
        );
    for file in unread {
        let _ = writeln!(
            out,
            "note: {file}: its front matter could not be read, so references in it were not looked for"
        );
    }
    for source in &log.sources {
        let shown: &str = if *source.path == *path {
            &renamed.path
        } else {
            &source.path
        };
        // Read again rather than taken from the log, which need not keep texts.
        let Ok(text) = fs::read_to_string(&source.abs) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if names_file(line, &renamed.old_name) {
                let _ = writeln!(
                    out,
                    "note: {shown}:{}: names the file {}; text is not changed, so update that link by hand",
                    i + 1,
                    renamed.old_name
                );
            }
        }
    }
    out
}

/// Front matter that is there but cannot be read: references in it are unknown.
fn broken(meta: &Meta) -> bool {
    matches!(
        meta.front,
        FrontMatter::Invalid(_) | FrontMatter::Unterminated
    )
}

/// Whether `line` names the file `name` (`0012-x.md`, `./0012-x.md`, a
/// link target), not merely a longer name that ends with it.
fn names_file(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    })
}

/// Writes the renumbered record under its new name and every changed
/// reference, or leaves the log as it was.
fn commit(record: &FileEdit, renamed: &Renamed, edits: &[&FileEdit]) -> anyhow::Result<()> {
    let fail = |what: String, err: Error| {
        let cause = match err {
            Error::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        anyhow::anyhow!("{what}: {cause}")
    };
    let copy = edit::stage(&renamed.from, record.text().as_bytes()).map_err(|e| {
        fail(
            format!("cannot write {}; nothing was changed", renamed.path),
            e,
        )
    })?;
    let mut staged: Vec<(&FileEdit, Staged)> = Vec::new();
    for file in edits {
        let stage = edit::stage(file.abs(), file.text().as_bytes()).map_err(|e| {
            fail(
                format!("cannot write {}; nothing was changed", file.path),
                e,
            )
        })?;
        staged.push((file, stage));
    }
    copy.commit_new(&renamed.abs).map_err(|e| {
        fail(
            format!("cannot create {}; nothing was changed", renamed.path),
            e,
        )
    })?;
    let mut written: Vec<&FileEdit> = Vec::new();
    for (file, stage) in staged {
        if let Err(err) = stage.commit() {
            let outcome = undo(&written, renamed);
            return Err(fail(format!("cannot write {}; {outcome}", file.path), err));
        }
        written.push(file);
    }
    if let Err(source) = fs::remove_file(&renamed.from) {
        let outcome = undo(&written, renamed);
        let err = Error::Io {
            path: renamed.from.clone(),
            source,
        };
        return Err(fail(
            format!("cannot remove {}; {outcome}", record.path),
            err,
        ));
    }
    Ok(())
}

/// Puts back the files already written and removes the renamed copy;
/// says what could not be undone.
fn undo(written: &[&FileEdit], renamed: &Renamed) -> String {
    let mut left = Vec::new();
    for file in written {
        if edit::write_atomic(file.abs(), file.original().as_bytes()).is_err() {
            left.push(file.path.clone());
        }
    }
    if fs::remove_file(&renamed.abs).is_err() {
        left.push(renamed.path.clone());
    }
    if left.is_empty() {
        "nothing was changed".to_string()
    } else {
        format!(
            "the other files were put back, but {} could not be: restore {} from git",
            left.join(", "),
            if left.len() == 1 { "it" } else { "them" }
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
