//! `decide check [PATH]...`: validate and lint the log, in five formats.
//!
//! The whole log is always loaded, so rules that relate records (duplicate
//! ids, dangling references, one-sided links) hold; paths only narrow which
//! files findings are reported for. That is what a pre-commit hook needs:
//! it passes the staged files and expects to hear about those alone.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Output};
use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::edit;
use crate::error::Error;
use crate::log::{Location, Log, display_path};
use crate::output::{self, safe};
use crate::record::Depth;
use crate::rules::{self, CheckOptions, levels::Levels};

use super::date_arg;

mod fix;

pub fn run(args: &CheckArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let as_of = match &args.as_of {
        Some(text) => date_arg("--as-of", text)?,
        None => ctx.today,
    };
    let location = ctx.locate()?;
    let levels = Levels::from_config(&location.config)?;
    let requested = args
        .paths
        .iter()
        .map(|p| resolve(&ctx.cwd, p))
        .collect::<Result<Vec<_>, _>>()?;
    // `--fix` edits: the log's lock is held from this read to the last write.
    let _lock = args
        .fix
        .then(|| edit::LogLock::acquire(&location.dir))
        .transpose()?;
    let (mut log, mut scope, mut notes) = load(location.clone(), &requested);

    let found = run_rules(&log, &scope, as_of);
    let mut diagnostics = levels.apply(found, &log);
    if args.fix {
        let fixed = fix::apply(&log, &diagnostics, |path| {
            scope.as_ref().is_none_or(|s| s.contains(path))
        })?;
        if !fixed.is_empty() {
            // Report what remains after the edits, on the log as it is now.
            (log, scope, _) = load(location, &requested);
            diagnostics = levels.apply(run_rules(&log, &scope, as_of), &log);
            let mut changes = fixed;
            changes.push_str(&notes);
            notes = changes;
        }
    }
    let files = match &scope {
        Some(scope) => {
            diagnostics.retain(|d| scope.contains(&d.path));
            scope.files.len()
        }
        None => log.sources.len() + log.strays.len() + log.failures.len(),
    };
    let summary = Summary::new(files, &diagnostics);

    let format = match args.format {
        CheckFormat::Auto if ctx.github_actions => CheckFormat::Github,
        CheckFormat::Auto => CheckFormat::Human,
        other => other,
    };
    let stdout = match format {
        CheckFormat::Auto | CheckFormat::Human => {
            output::human::render(&diagnostics, &summary, &log, ctx.color(), ctx.global.quiet)
        }
        // The human format escapes record text itself, around its colours;
        // the github one keeps each annotation on one line itself.
        CheckFormat::Concise => safe::text(&output::concise::render(&diagnostics)).into_owned(),
        CheckFormat::Json => safe::text(&output::json::render(&diagnostics, &summary)).into_owned(),
        CheckFormat::Github => {
            safe::controls(&output::github::render(&diagnostics, &summary)).into_owned()
        }
        CheckFormat::Sarif => safe::text(&output::sarif::render(&diagnostics)).into_owned(),
    };
    Ok(Output {
        stdout,
        stderr: if ctx.global.quiet {
            String::new()
        } else {
            notes
        },
        code: exit_code(&diagnostics, args),
    })
}

/// Loads the log and picks the files to report on. When only files are
/// named (what a pre-commit hook passes), the other records are read to
/// their fields only, which is all the rules relating records look at, and
/// the named files in full.
fn load(location: Location, requested: &[Requested]) -> (Log, Option<Scope>, String) {
    let files_only = !requested.is_empty() && requested.iter().all(|r| !r.is_dir);
    let mut log = if files_only {
        Log::load_to(location, Depth::Fields)
    } else {
        Log::load(location)
    };
    let (scope, notes) = select(&mut log, requested);
    if files_only && let Some(scope) = &scope {
        log.load_in_full(|path| scope.contains(path));
    }
    (log, scope, notes)
}

/// The findings of every rule, on the files in `scope` (or all).
fn run_rules(log: &Log, scope: &Option<Scope>, as_of: chrono::NaiveDate) -> Vec<Diagnostic> {
    let options = CheckOptions { as_of };
    match scope {
        Some(scope) => rules::check_only(log, &options, |path| scope.contains(path)),
        None => rules::check(log, &options),
    }
}

/// 1 when errors were found (or warnings, with `--strict`), unless `--exit-zero`.
fn exit_code(diagnostics: &[Diagnostic], args: &CheckArgs) -> u8 {
    let failing = diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || args.strict);
    u8::from(failing && !args.exit_zero)
}

/// A path from the command line, made absolute, with whether it is a folder.
struct Requested {
    given: PathBuf,
    abs: PathBuf,
    is_dir: bool,
}

fn resolve(cwd: &Path, given: &Path) -> Result<Requested, Error> {
    let abs = cwd.join(given);
    let metadata = fs::metadata(&abs).map_err(|source| Error::Io {
        path: given.to_path_buf(),
        source,
    })?;
    Ok(Requested {
        given: given.to_path_buf(),
        abs,
        is_dir: metadata.is_dir(),
    })
}

/// The files findings are reported for, by display path.
struct Scope {
    files: BTreeSet<String>,
    /// Display paths of folders whose files are all in scope, ending in `/`.
    folders: Vec<String>,
}

impl Scope {
    fn contains(&self, path: &str) -> bool {
        self.files.contains(path) || self.folders.iter().any(|f| path.starts_with(f.as_str()))
    }
}

/// Matches the requested paths to the log's files. A file outside the log
/// folder is loaded as a decision when its name makes it one (so a record
/// can be checked before it is moved in); anything else outside is noted
/// on stderr and skipped. `None` means the whole log.
fn select(log: &mut Log, requested: &[Requested]) -> (Option<Scope>, String) {
    if requested.is_empty() {
        return (None, String::new());
    }
    let dir = log.location.dir.clone();
    let root = log.location.root.clone();
    let canonical_dir = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    let mut scope = Scope {
        files: BTreeSet::new(),
        folders: Vec::new(),
    };
    let mut notes = String::new();
    for r in requested {
        // The folder is resolved but not the file name, so a symbolic link
        // inside the log is matched by its own name.
        let canonical = if r.is_dir {
            fs::canonicalize(&r.abs).ok()
        } else {
            r.abs
                .parent()
                .and_then(|p| fs::canonicalize(p).ok())
                .map(|p| r.abs.file_name().map_or(p.clone(), |name| p.join(name)))
        };
        let inside = canonical
            .as_ref()
            .and_then(|c| c.strip_prefix(&canonical_dir).ok());
        match inside {
            Some(rel) if r.is_dir => {
                let shown = display_path(&dir.join(rel), &root);
                let shown = shown.trim_end_matches('/');
                // A log folder at the repository root has paths with no folder prefix.
                let prefix = if shown.is_empty() {
                    String::new()
                } else {
                    format!("{shown}/")
                };
                for path in log_files(log) {
                    if path.starts_with(&prefix) {
                        scope.files.insert(path);
                    }
                }
                scope.folders.push(prefix);
            }
            Some(rel) => {
                scope.files.insert(display_path(&dir.join(rel), &root));
            }
            None if r.is_dir => notes.push_str(&format!(
                "note: skipped {}: not in the log folder {}\n",
                r.given.display(),
                display_path(&dir, &root)
            )),
            None => match log.load_extra(&r.abs) {
                Some(path) => {
                    scope.files.insert(path);
                }
                None => notes.push_str(&format!(
                    "note: skipped {}: not in the log folder {} and not named like a decision (NNNN-slug.md)\n",
                    r.given.display(),
                    display_path(&dir, &root)
                )),
            },
        }
    }
    (Some(scope), notes)
}

/// Every file of the log by display path.
fn log_files(log: &Log) -> Vec<String> {
    log.sources
        .iter()
        .map(|s| s.path.clone())
        .chain(log.strays.iter().map(|s| s.path.clone()))
        .chain(log.failures.iter().map(|f| f.path.clone()))
        .collect()
}
