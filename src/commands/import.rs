//! `decide import`: converts a folder of records in another format (adr-tools,
//! MADR, log4brains) into front-matter records (SPEC §7).
//!
//! By default the converted records are new files in the log folder and the
//! source folder is only read, so an import can be looked at, checked and
//! thrown away before the old log is deleted. Nothing is ever overwritten:
//! every target is checked before the first file is written (a half-imported
//! log is worse than none), and each file is then created with create-new
//! semantics. `--in-place` converts the source folder itself, rewriting each
//! file atomically, for a log that is already where `decide` looks.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::{ImportArgs, ImportFrom};
use crate::config::{self, Config, IdScheme};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::import::{self, Converted, Format};
use crate::log::display_path;
use crate::naming;
use crate::record::Id;

/// One source record and what it becomes.
struct Item {
    src: PathBuf,
    dest: PathBuf,
    id: Id,
    converted: Converted,
}

pub fn run(args: &ImportArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let src = ctx.cwd.join(&args.src);
    // One file can be given too: the one left over after fixing it by hand.
    let src_dir = if src.is_file() {
        src.parent()
            .map_or_else(|| ctx.cwd.clone(), Path::to_path_buf)
    } else if src.is_dir() {
        src.clone()
    } else {
        return Err(Error::Usage(format!(
            "{} is neither a folder nor a file; give the folder that holds the records to import",
            display_path(&src, &ctx.cwd)
        ))
        .into());
    };
    let (dest, in_place) = destination(args, ctx, &src_dir)?;
    // In place, the records are read and rewritten under the log's lock.
    let _lock = in_place
        .then(|| edit::LogLock::acquire(&dest))
        .transpose()?;
    let named = ctx.config_file().map(|(file, _)| ctx.cwd.join(file));
    let config = match named.or_else(|| config::find_config(&ctx.cwd)) {
        Some(path) => Config::load(&path)?,
        None => Config::defaults(),
    };
    let format = match args.from {
        ImportFrom::Auto => Format::Auto,
        ImportFrom::AdrTools => Format::AdrTools,
        ImportFrom::Madr => Format::Madr,
        ImportFrom::Log4brains => Format::Log4brains,
    };
    let show = |p: &Path| display_path(p, &ctx.cwd);

    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut failed = Vec::new();
    let mut other_files = 0usize;
    for (name, path) in entries(&src)? {
        let Some(name) = name else {
            skipped.push(format!("{}: its name is not UTF-8", show(&path)));
            continue;
        };
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) => {
                failed.push(format!("{}: cannot read: {err}", show(&path)));
                continue;
            }
        };
        if meta.file_type().is_symlink() {
            skipped.push(format!("{}: a symbolic link, not followed", show(&path)));
            continue;
        }
        if meta.is_dir() {
            skipped.push(format!(
                "{}/: a folder; only the files directly in SRC are imported",
                show(&path)
            ));
            continue;
        }
        if !name.ends_with(".md") {
            other_files += 1;
            continue;
        }
        let Some((id, dest_name)) = import::file_id(&name) else {
            skipped.push(format!(
                "{}: not a record (its name starts with no id)",
                show(&path)
            ));
            continue;
        };
        // Looked at before opening: opening a FIFO would wait for a writer forever.
        if !meta.is_file() {
            failed.push(format!(
                "{}: not a regular file (a FIFO, socket or device); not read",
                show(&path)
            ));
            continue;
        }
        if meta.len() > config.max_file_bytes {
            failed.push(format!(
                "{}: {} bytes, over max-file-bytes ({})",
                show(&path),
                meta.len(),
                config.max_file_bytes
            ));
            continue;
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) => {
                failed.push(format!("{}: cannot read: {err}", show(&path)));
                continue;
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            failed.push(format!("{}: not UTF-8 text", show(&path)));
            continue;
        };
        match import::convert(&name, &text, format) {
            Ok(converted) => items.push(Item {
                dest: dest.join(with_slug(&dest_name, &converted)),
                src: path,
                id,
                converted,
            }),
            Err(why) => failed.push(format!("{}: {why}", show(&path))),
        }
    }
    if items.is_empty() && failed.is_empty() {
        return Err(Error::Usage(format!(
            "found no records in {} (files named NNNN-….md, YYYY-MM-DD-….md or YYYYMMDD-….md)",
            show(&src)
        ))
        .into());
    }

    if in_place {
        // A record whose name gives no id `decide` reads is renamed beside
        // itself; one whose new name is taken is left alone and reported.
        let mut taken: Vec<PathBuf> = Vec::new();
        let ids: Vec<(Id, PathBuf)> = items
            .iter()
            .filter(|item| item.dest == item.src)
            .map(|item| (item.id.clone(), item.src.clone()))
            .collect();
        items.retain(|item| {
            if item.dest == item.src {
                return true;
            }
            if item.dest.exists() || taken.contains(&item.dest) {
                failed.push(format!(
                    "{}: would become {}, which exists; rename one of them first",
                    show(&item.src),
                    show(&item.dest)
                ));
                return false;
            }
            if let Some((_, other)) = ids.iter().find(|(id, _)| *id == item.id) {
                failed.push(format!(
                    "{}: would take id {}, which {} already has; renumber one of them first",
                    show(&item.src),
                    item.id,
                    show(other)
                ));
                return false;
            }
            taken.push(item.dest.clone());
            true
        });
    } else {
        refuse_conflicts(&items, &dest, &show)?;
    }

    let mut out = String::new();
    for item in &items {
        let c = &item.converted;
        let renamed = in_place && item.dest != item.src;
        let line = match (in_place && !renamed, args.dry_run, c.changed) {
            (true, _, false) => format!(
                "unchanged {}: its front matter is in order ({})",
                show(&item.src),
                c.summary()
            ),
            (true, true, true) => {
                format!("would convert {} ({})", show(&item.src), c.summary())
            }
            (true, false, true) => format!("converted {} ({})", show(&item.src), c.summary()),
            (false, true, _) if renamed => format!(
                "would convert {} and rename it {} ({})",
                show(&item.src),
                show(&item.dest),
                c.summary()
            ),
            (false, false, _) if renamed => format!(
                "converted {} and renamed it {} ({})",
                show(&item.src),
                show(&item.dest),
                c.summary()
            ),
            (false, true, _) => format!(
                "would import {} → {} ({})",
                show(&item.src),
                show(&item.dest),
                c.summary()
            ),
            (false, false, _) => format!(
                "imported {} → {} ({})",
                show(&item.src),
                show(&item.dest),
                c.summary()
            ),
        };
        let _ = writeln!(out, "{line}");
        if !ctx.global.quiet {
            for note in &c.notes {
                let _ = writeln!(out, "  note: {note}");
            }
        }
        if args.dry_run && c.changed {
            let read = if c.read.is_empty() {
                "nothing but its title".to_string()
            } else {
                c.read.join(", ")
            };
            let _ = writeln!(out, "  read as {}: {read}", c.format);
            let _ = writeln!(out, "  front matter:");
            for l in c.front.lines() {
                let _ = writeln!(out, "    {l}");
            }
            if !c.removed.is_empty() {
                let _ = writeln!(out, "  moved out of the body:");
                for l in &c.removed {
                    let _ = writeln!(out, "    {l}");
                }
            }
        }
    }

    if !args.dry_run {
        write(&items, &dest, in_place)?;
    }

    let mut err = String::new();
    if !ctx.global.quiet {
        for s in &skipped {
            let _ = writeln!(err, "note: skipped {s}");
        }
    }
    for f in &failed {
        let _ = writeln!(err, "error: not imported: {f}");
    }
    if !ctx.global.quiet {
        // A folder converted in place that discovery does not find yet
        // becomes the log with `decide init`.
        let next = match (in_place, &ctx.global.dir) {
            (false, Some(dir)) => format!(
                "`decide check --dir {}` shows what the records still lack",
                crate::log::slashed(dir)
            ),
            (true, None) if ctx.locate().is_err() => {
                "`decide init` adopts this folder as the log".to_string()
            }
            _ => "`decide check` shows what the records still lack".to_string(),
        };
        out.push_str(&summary(
            args,
            in_place,
            &next,
            &items,
            &dest,
            &show,
            skipped.len() + other_files,
        ));
        let dated = items.iter().any(|i| matches!(i.id, Id::Name(_)));
        if dated && !args.dry_run && dest_scheme(&dest) != IdScheme::Date {
            let _ = writeln!(
                out,
                "note: these records have dated file names; set `[ids] scheme = \"date\"` in decide.toml so `decide new` names new records by date too"
            );
        }
    }
    Ok(Output {
        stdout: out,
        stderr: err,
        code: u8::from(!failed.is_empty()),
        ..Output::default()
    })
}

/// Where the records go, and whether that is SRC itself: with `--in-place`,
/// when SRC is the log folder (the common case: a team adopting the log it
/// keeps), or when there is no log yet to import into. Otherwise `--dir`
/// (created if new) or the log folder found as usual.
fn destination(args: &ImportArgs, ctx: &Context, src: &Path) -> Result<(PathBuf, bool), Error> {
    let flag = ctx.global.dir.as_ref().map(|d| ctx.cwd.join(d));
    if args.in_place {
        if let Some(dir) = &flag
            && !same_folder(dir, src)
        {
            return Err(Error::Usage(
                "--in-place converts SRC where it is; --dir names another folder (drop one of them)"
                    .into(),
            ));
        }
        return Ok((src.to_path_buf(), true));
    }
    let dest = match flag {
        Some(dir) => dir,
        None => match ctx.locate() {
            Ok(location) => location.dir,
            Err(Error::NoLog { .. }) => return Ok((src.to_path_buf(), true)),
            Err(err) => return Err(err),
        },
    };
    if same_folder(&dest, src) {
        return Ok((src.to_path_buf(), true));
    }
    if dest.exists() && !dest.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder",
            display_path(&dest, &ctx.cwd)
        )));
    }
    Ok((dest, false))
}

/// A file name that gained its id on import (`adr-01.md` → `0001.md`) gets
/// the record's title as its slug (`0001-use-react.md`).
fn with_slug(name: &str, converted: &Converted) -> String {
    let Some(stem) = name.strip_suffix(".md") else {
        return name.to_string();
    };
    if !stem.bytes().all(|b| b.is_ascii_digit()) {
        return name.to_string();
    }
    let title = converted.title.clone().or_else(|| {
        crate::record::Decision::parse("", name, &converted.text)
            .title
            .map(|t| import::markdown::numbered_title(&t.value).1.to_string())
    });
    match title {
        Some(title) if !title.trim().is_empty() => format!("{stem}-{}.md", naming::slug(&title)),
        _ => name.to_string(),
    }
}

/// Whether two paths name the same folder.
pub(super) fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// SRC's entries sorted by name (or SRC itself when it is a file); `None`
/// for a name that is not UTF-8.
fn entries(src: &Path) -> Result<Vec<(Option<String>, PathBuf)>, Error> {
    if src.is_file() {
        let name = src.file_name().and_then(|n| n.to_str()).map(String::from);
        return Ok(vec![(name, src.to_path_buf())]);
    }
    let io = |source| Error::Io {
        path: src.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(src).map_err(io)? {
        let entry = entry.map_err(io)?;
        out.push((entry.file_name().to_str().map(String::from), entry.path()));
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

/// Refuses the whole import when any target file exists, when an id is
/// already used by a record in the log, or when two sources would become
/// the same file: nothing is written then.
fn refuse_conflicts(
    items: &[Item],
    dest: &Path,
    show: &dyn Fn(&Path) -> String,
) -> Result<(), Error> {
    let mut existing: BTreeMap<Id, String> = BTreeMap::new();
    if let Ok(read) = std::fs::read_dir(dest) {
        for entry in read.flatten() {
            if let Some(name) = entry.file_name().to_str()
                && let Some(id) = Id::from_file_name(name)
                && name.ends_with(".md")
            {
                existing.insert(id, show(&entry.path()));
            }
        }
    }
    let mut conflicts = Vec::new();
    let mut targets: BTreeMap<&Path, &Path> = BTreeMap::new();
    for item in items {
        if item.dest.exists() {
            conflicts.push(format!("{} exists", show(&item.dest)));
        } else if let Some(other) = existing.get(&item.id) {
            conflicts.push(format!(
                "{} would take id {}, which {other} already has",
                show(&item.src),
                item.id
            ));
        }
        if let Some(first) = targets.insert(&item.dest, &item.src) {
            conflicts.push(format!(
                "{} and {} would both become {}",
                show(first),
                show(&item.src),
                show(&item.dest)
            ));
        }
    }
    if conflicts.is_empty() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "refusing to import: nothing was written\n  {}",
        conflicts.join("\n  ")
    )))
}

/// Writes every converted record: new files created without overwriting,
/// or, in place, each changed file replaced atomically.
fn write(items: &[Item], dest: &Path, in_place: bool) -> Result<(), Error> {
    if !in_place {
        std::fs::create_dir_all(dest).map_err(|source| Error::Io {
            path: dest.to_path_buf(),
            source,
        })?;
    }
    // New files are created under the lock of the log they go into.
    let _lock = (!in_place)
        .then(|| edit::LogLock::acquire(dest))
        .transpose()?;
    for item in items {
        if in_place {
            if item.converted.changed {
                edit::write_atomic(&item.src, item.converted.text.as_bytes())?;
            }
            if item.dest != item.src {
                rename_no_clobber(&item.src, &item.dest)?;
            }
        } else {
            edit::create_new(&item.dest, &item.converted.text)?;
        }
    }
    Ok(())
}

/// Renames `from` to `to` unless `to` exists: a hard link fails on an
/// existing name, where a rename would replace it. A process killed between
/// the two steps leaves both names, never neither.
fn rename_no_clobber(from: &Path, to: &Path) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: to.to_path_buf(),
        source,
    };
    match std::fs::hard_link(from, to) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return Err(io(err)),
        // A file system without hard links: copy, never overwriting.
        Err(_) => {
            let text = std::fs::read_to_string(from).map_err(io)?;
            edit::create_new(to, &text)?;
        }
    }
    std::fs::remove_file(from).map_err(|source| Error::Io {
        path: from.to_path_buf(),
        source,
    })
}

/// The closing lines: what was done, and what to run next.
fn summary(
    args: &ImportArgs,
    in_place: bool,
    next: &str,
    items: &[Item],
    dest: &Path,
    show: &dyn Fn(&Path) -> String,
    skipped: usize,
) -> String {
    let mut out = String::new();
    let n = items.len();
    let records = if n == 1 { "record" } else { "records" };
    let skipped = match skipped {
        0 => String::new(),
        1 => "; 1 other file left alone".to_string(),
        k => format!("; {k} other files left alone"),
    };
    let line = if in_place {
        let changed = items.iter().filter(|i| i.converted.changed).count();
        let verb = if args.dry_run {
            "would convert"
        } else {
            "converted"
        };
        format!(
            "{verb} {changed} of {n} {records} in {}{skipped}",
            show(dest)
        )
    } else if args.dry_run {
        format!(
            "would import {n} {records} into {}{skipped}; nothing was written",
            show(dest)
        )
    } else {
        format!("imported {n} {records} into {}{skipped}", show(dest))
    };
    let _ = writeln!(out, "\n{line}");
    if !args.dry_run {
        let _ = writeln!(out, "next: {next}");
    }
    out
}

/// The id scheme configured for the log at `dest`.
fn dest_scheme(dest: &Path) -> IdScheme {
    config::find_config(dest)
        .and_then(|p| Config::load(&p).ok())
        .map_or(IdScheme::Number, |c| c.scheme)
}
