//! `decide check [PATH]...`: validate and lint the log, in seven formats.
//!
//! The whole log is always read, so rules that relate records (duplicate
//! ids, dangling references, one-sided links) hold; paths only narrow which
//! files findings are reported for. That is what a pre-commit hook needs:
//! it passes the staged files and expects to hear about those alone. Each
//! decision is checked as it is read and dropped ([`streamed`]); only
//! `--fix` and a file named from outside the log load every record first.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::cli::{CheckArgs, CheckFormat};
use crate::context::{Context, Output};
use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::edit;
use crate::error::Error;
use crate::log::{Location, Log, display_path, slashed};
use crate::output::{self, safe};
use crate::record::{Body, Depth, LINK_KEYS};
use crate::report::plural;
use crate::rules::{self, CheckOptions, levels::Levels, select::Selection};

use super::date_arg;

pub mod cache;
mod fix;

pub fn run(args: &CheckArgs, ctx: &mut Context) -> anyhow::Result<Output> {
    let as_of = match &args.as_of {
        Some(text) => date_arg("--as-of", text)?,
        None => ctx.today,
    };
    let selection = Selection::new(&args.select, &args.extend_select, &args.ignore)?;
    if args.statistics
        && !matches!(
            args.format,
            CheckFormat::Auto | CheckFormat::Human | CheckFormat::Concise | CheckFormat::Json
        )
    {
        return Err(Error::Usage(
            "--statistics prints text or JSON: use it with --format human, concise or json"
                .to_string(),
        )
        .into());
    }
    let location = ctx.locate()?;
    let mut levels = Levels::from_config(&location.config)?;
    levels.select(&selection);
    if args.write_baseline {
        return write_baseline(args, ctx, location, &levels, as_of);
    }
    let baseline_path = crate::baseline::path(&location);
    let baseline = if args.no_baseline {
        None
    } else {
        Baseline::load(&baseline_path)?
    };
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
    let format = match args.format {
        CheckFormat::Auto if ctx.github_actions => CheckFormat::Github,
        CheckFormat::Auto => CheckFormat::Human,
        other => other,
    };
    // The human format quotes the lines findings point at: they are kept
    // as the files are read rather than read again to be shown.
    let quote = format == CheckFormat::Human && !args.statistics;
    let cached = match args.no_cache || args.fix {
        true => None,
        false => from_cache(&location, as_of, &requested, quote),
    };
    let Run {
        mut log,
        mut scope,
        mut notes,
        found,
    } = match cached {
        Some(hit) => hit,
        None => checked(location.clone(), &requested, as_of, args.fix, quote, false),
    };
    let mut diagnostics = levels.apply(found, &log);
    if args.fix {
        let fixed = fix::apply(&log, &diagnostics, |path| {
            scope.as_ref().is_none_or(|s| s.contains(path))
        })?;
        if !fixed.is_empty() {
            // Report what remains after the edits, on the log as it is now.
            (log, scope, _) = load(location.clone(), &requested, places(&location, &requested));
            diagnostics = levels.apply(run_rules(&log, &scope, as_of), &log);
            let mut changes = fixed;
            changes.push_str(&notes);
            notes = changes;
        }
    }
    let checked: Vec<String> = match &scope {
        Some(scope) => {
            diagnostics.retain(|d| scope.contains(&d.path));
            scope.files.iter().cloned().collect()
        }
        None => log_files(&log),
    };
    let mut baselined = false;
    if let Some(baseline) = &baseline {
        let applied = baseline.apply(diagnostics, |path| {
            scope.as_ref().is_none_or(|s| s.contains(path))
        });
        diagnostics = applied.new;
        baselined = true;
        notes.push_str(&baseline_notes(
            &display_path(&baseline_path, &ctx.cwd),
            applied.left_out,
            &applied.stale,
        ));
    }
    let summary = Summary::new(checked.len(), &diagnostics);

    // Colour only on a terminal: never into --output-file.
    let color = ctx.color() && args.output_file.is_none();
    let render = Render {
        format,
        statistics: args.statistics,
        color,
        quiet: ctx.global.quiet,
        width: usize::from(ctx.width.unwrap_or(output::DEFAULT_WIDTH)).max(40),
        baselined,
    };
    let code = exit_code(&diagnostics, args);
    let mut out = match &args.output_file {
        None => {
            Output::streamed(move |out| render.write(out, &diagnostics, &summary, &log, &checked))
        }
        Some(file) => {
            let mut bytes = Vec::new();
            render
                .write(&mut bytes, &diagnostics, &summary, &log, &checked)
                .map_err(|source| Error::Io {
                    path: file.clone(),
                    source,
                })?;
            write_output(&ctx.cwd.join(file), &bytes)?;
            Output::default()
        }
    };
    out.code = code;
    if !ctx.global.quiet {
        out.stderr = notes;
    }
    Ok(out)
}

/// How the findings are written.
struct Render {
    format: CheckFormat,
    statistics: bool,
    color: bool,
    quiet: bool,
    width: usize,
    baselined: bool,
}

impl Render {
    /// Writes the findings in the chosen format, as they are rendered. Each
    /// format escapes record text itself ([`safe`]): the human one around
    /// its colours, the github one keeping each annotation on one line.
    fn write(
        &self,
        out: &mut dyn std::io::Write,
        diagnostics: &[Diagnostic],
        summary: &Summary,
        log: &Log,
        checked: &[String],
    ) -> std::io::Result<()> {
        let text = |out: &mut dyn std::io::Write, text: String| {
            out.write_all(safe::text(&text).as_bytes())
        };
        match self.format {
            _ if self.statistics && self.format == CheckFormat::Json => {
                text(out, output::statistics::json(diagnostics))
            }
            _ if self.statistics => text(out, output::statistics::text(diagnostics)),
            CheckFormat::Auto | CheckFormat::Human => output::human::write(
                out,
                diagnostics,
                summary,
                log,
                self.color,
                self.quiet,
                self.width,
            ),
            CheckFormat::Concise => {
                let mut safe = safe::Lines::text(out);
                output::concise::write(&mut safe, diagnostics)?;
                safe.finish()
            }
            CheckFormat::Json => {
                let mut safe = safe::Lines::text(out);
                output::json::write(&mut safe, diagnostics, summary)?;
                safe.finish()
            }
            CheckFormat::Github => {
                let mut safe = safe::Lines::controls(out);
                output::github::write(&mut safe, diagnostics, summary)?;
                safe.finish()
            }
            CheckFormat::Sarif => {
                let mut safe = safe::Lines::text(out);
                output::sarif::write(&mut safe, diagnostics, self.baselined)?;
                safe.finish()
            }
            CheckFormat::Gitlab => {
                let mut safe = safe::Lines::text(out);
                output::gitlab::write(&mut safe, diagnostics)?;
                safe.finish()
            }
            CheckFormat::Junit => {
                let mut safe = safe::Lines::text(out);
                output::junit::write(&mut safe, diagnostics, checked)?;
                safe.finish()
            }
        }
    }
}

/// `--write-baseline`: every finding of the whole log, written to the
/// baseline file, replacing what it held (fixed findings thus leave it).
fn write_baseline(
    args: &CheckArgs,
    ctx: &Context,
    location: Location,
    levels: &Levels,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<Output> {
    if !args.paths.is_empty() {
        return Err(Error::Usage(
            "--write-baseline records the findings of the whole log; give no paths".into(),
        )
        .into());
    }
    let path = crate::baseline::path(&location);
    // Held from reading the log to writing the baseline, like every edit.
    let _lock = edit::LogLock::acquire(&location.dir)?;
    let Run { log, found, .. } = streamed(location, &[], Vec::new(), as_of, false, false);
    let diagnostics = levels.apply(found, &log);
    let baseline = Baseline::of(&diagnostics);
    let before = Baseline::load(&path).ok().flatten().map(|b| b.len());
    match before {
        Some(_) => crate::edit::write_atomic(&path, baseline.to_json().as_bytes())?,
        None => crate::edit::create_new(&path, &baseline.to_json())?,
    }
    let shown = display_path(&path, &ctx.cwd);
    let count = plural(diagnostics.len(), "finding", "findings");
    let mut out = format!("wrote {count} to {shown}");
    if let Some(before) = before {
        out.push_str(&format!(" (it held {before})"));
    }
    out.push_str(
        "\n`decide check` now reports only findings not in it; `decide check --no-baseline` shows them all\n",
    );
    Ok(Output::stdout(if ctx.global.quiet {
        String::new()
    } else {
        out
    }))
}

/// What the baseline left out and which of its entries match nothing now.
fn baseline_notes(shown: &str, left_out: usize, stale: &[crate::baseline::Entry]) -> String {
    let mut notes = String::new();
    if left_out > 0 {
        let what = plural(left_out, "finding", "findings");
        notes.push_str(&format!(
            "note: {what} in the baseline ({shown}) left out; `--no-baseline` shows them\n"
        ));
    }
    if !stale.is_empty() {
        let n: usize = stale.iter().map(|e| e.count).sum();
        notes.push_str(&format!(
            "note: {n} baseline {} no longer found (fixed): `decide check --write-baseline` drops {}\n",
            if n == 1 { "entry is" } else { "entries are" },
            if n == 1 { "it" } else { "them" },
        ));
        // The baseline file arrives in pull requests like the records: no
        // control character in it reaches the terminal.
        let plain = |t: &str| -> String {
            t.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        };
        for e in stale {
            notes.push_str(&format!(
                "  {}: {} {}\n",
                plain(&e.path),
                plain(&e.code),
                plain(&e.message)
            ));
        }
    }
    notes
}

/// Writes the findings to `path` atomically: a temporary file beside it,
/// renamed over it, so a reader never sees half a report.
fn write_output(path: &Path, text: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".decide-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(text)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io)?;
    temp.persist(path).map(drop).map_err(|e| io(e.error))
}

/// The log's files, the files to report on and the rules' findings, read
/// from the cache when nothing in the log changed since it was written;
/// otherwise read from the log, and the cache written (see [`cache`]).
fn from_cache(
    location: &Location,
    as_of: chrono::NaiveDate,
    requested: &[Requested],
    quote: bool,
) -> Option<Run> {
    // The folder is walked while the cache file is read and parsed.
    let (snapshot, mut cache) = rayon::join(
        || cache::Snapshot::take(location),
        || cache::Cache::open(location, as_of),
    );
    let mut snapshot = snapshot?;
    if let Some(mut valid) = cache.valid(&snapshot) {
        let mut log = valid.log(location.clone(), snapshot);
        let (scope, notes) = select(&mut log, places(location, requested));
        // A file named from outside the log was loaded: not the cached log.
        let outside = !log.decisions.is_empty() || !notes.is_empty();
        let found = match &scope {
            _ if outside => None,
            None => valid.found(&cache::Wanted::All),
            Some(s) => valid.found(&cache::Wanted::Some {
                picks: &|path| s.contains(path),
                folders: !s.folders.is_empty(),
            }),
        };
        if let Some(found) = found {
            return Some(Run {
                log,
                scope,
                notes,
                found,
            });
        }
        // Its files went into the log: they are looked at again, before
        // the log is read, as the first time.
        drop(valid);
        snapshot = cache::Snapshot::take(location)?;
    }
    // A run over the whole log replaces every finding the cache holds:
    // what it holds now need not stay in memory while the log is checked.
    if requested.is_empty() {
        cache.forget();
    }
    let run = checked(location.clone(), requested, as_of, false, quote, true);
    match &run.scope {
        None => cache.store(&snapshot, &run.log, &run.found, |_| true, true),
        Some(s) => cache.store(
            &snapshot,
            &run.log,
            &run.found,
            |path| s.contains(path),
            false,
        ),
    }
    Some(run)
}

/// What a run found: the log (without its decisions unless it was fixed
/// or a file from outside it was named), the files to report on (`None`:
/// all), notes about the paths asked for, the rules' findings, and the
/// lines they point at where those were kept as the files were read.
struct Run {
    log: Log,
    scope: Option<Scope>,
    notes: String,
    found: Vec<Diagnostic>,
}

/// Checks the log; with `quote`, keeps the lines the findings point at;
/// with `hashed`, the hash of each record's text, for the cache.
fn checked(
    location: Location,
    requested: &[Requested],
    as_of: chrono::NaiveDate,
    fix: bool,
    quote: bool,
    hashed: bool,
) -> Run {
    let places = places(&location, requested);
    // `--fix` edits records and a file from outside the log joins it:
    // both need the records themselves.
    if !fix && !places.iter().any(|p| matches!(p, Place::Outside(_))) {
        return streamed(location, requested, places, as_of, quote, hashed);
    }
    let (log, scope, notes) = load(location, requested, places);
    let found = run_rules(&log, &scope, as_of);
    Run {
        log,
        scope,
        notes,
        found,
    }
}

/// The log checked as it is read: each decision goes through the rules
/// about it as soon as it is built and is dropped, keeping only its
/// findings and what the rules relating decisions need ([`rules::Pass`]),
/// so memory holds the reviews and that index, not every record. When only
/// files are named (what a pre-commit hook passes), the other decisions
/// and reviews are read to their fields only, which is all the rules
/// relating records look at, and the named files in full. The log
/// returned has no decisions: nothing after the rules reads them. With
/// `quote`, the lines that the findings about single decisions point at
/// are kept from each file's text as it is read.
fn streamed(
    location: Location,
    requested: &[Requested],
    places: Vec<Place<'_>>,
    as_of: chrono::NaiveDate,
    quote: bool,
    hashed: bool,
) -> Run {
    let options = CheckOptions { as_of };
    let (scope, notes, _) = scope_of(places);
    let (depth, full) = match &scope {
        Some(scope) if files_only(requested) => (Depth::Keys(LINK_KEYS), scope.files.clone()),
        _ => (Depth::Full, BTreeSet::new()),
    };
    let wanted = |path: &str| scope.as_ref().is_none_or(|s| s.contains(path));
    // No rule reads a review's body: its sections go as each is read.
    let mut staged = Log::load_staged(location, depth, full, hashed, |mut review| {
        review.body = Body::default();
        review
    });
    // The rules about one review run on whole reviews, before the
    // decisions are read; the rest of the pass reads little of them.
    let early = {
        let mut pass = rules::Pass::new(staged.log(), &options);
        pass.reviews(wanted);
        pass.take()
    };
    staged
        .reviews_mut()
        .par_iter_mut()
        .for_each(rules::slim_review);
    let (decisions, own) = {
        let pass = rules::Pass::resume(staged.log(), &options, early);
        let decisions = staged
            .decisions(|d, text| pass.decision(&d, quote.then_some(text), wanted(&d.meta.path)));
        (decisions, pass.take())
    };
    let (log, decisions) = staged.finish(decisions);
    let found = rules::Pass::new(&log, &options).finish(own, decisions, wanted);
    let scope = scope.map(|mut scope| {
        scope.add_folders(&log);
        scope
    });
    Run {
        log,
        scope,
        notes,
        found,
    }
}

/// Whether only files are named: the other records are then read to their
/// fields only.
fn files_only(requested: &[Requested]) -> bool {
    !requested.is_empty() && requested.iter().all(|r| !r.is_dir)
}

/// Loads the whole log and picks the files to report on; with only files
/// named, the other records to their fields only.
fn load(
    location: Location,
    requested: &[Requested],
    places: Vec<Place<'_>>,
) -> (Log, Option<Scope>, String) {
    let mut log = if files_only(requested) {
        Log::load_to(location, Depth::Fields)
    } else {
        Log::load(location)
    };
    let (scope, notes) = select(&mut log, places);
    if files_only(requested)
        && let Some(scope) = &scope
    {
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

    /// Adds the files of the log in each named folder.
    fn add_folders(&mut self, log: &Log) {
        if self.folders.is_empty() {
            return;
        }
        for path in log_files(log) {
            if self.folders.iter().any(|f| path.starts_with(f.as_str())) {
                self.files.insert(path);
            }
        }
    }
}

/// Where a path from the command line lies, found before the log is read.
enum Place<'r> {
    /// A file in the log folder, by display path.
    File(String),
    /// A folder in the log folder: the prefix of its files' display paths,
    /// ending in `/` (empty for a log folder at the repository root).
    Folder(String),
    /// A folder outside the log folder: a note.
    Skipped(String),
    /// A file outside the log folder, loaded as a decision when its name
    /// makes it one ([`Log::load_extra`]).
    Outside(&'r Requested),
}

/// Matches the requested paths to the log folder. The folder is resolved
/// but not the file name, so a symbolic link inside the log is matched by
/// its own name.
fn places<'r>(location: &Location, requested: &'r [Requested]) -> Vec<Place<'r>> {
    let dir = &location.dir;
    let root = &location.root;
    let canonical_dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
    requested
        .iter()
        .map(|r| {
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
                    let shown = display_path(&dir.join(rel), root);
                    let shown = shown.trim_end_matches('/');
                    // A log folder at the repository root has paths with no folder prefix.
                    Place::Folder(match shown.is_empty() {
                        true => String::new(),
                        false => format!("{shown}/"),
                    })
                }
                Some(rel) => Place::File(display_path(&dir.join(rel), root)),
                None if r.is_dir => Place::Skipped(format!(
                    "note: skipped {}: not in the log folder {}\n",
                    slashed(&r.given),
                    display_path(dir, root)
                )),
                None => Place::Outside(r),
            }
        })
        .collect()
}

/// The scope the places make (`None` when no path was named: the whole
/// log), the notes about them, and the files from outside the log folder,
/// in the order named. A folder's files are added by [`Scope::add_folders`]
/// once the log is read.
fn scope_of(places: Vec<Place<'_>>) -> (Option<Scope>, String, Vec<(usize, &Requested)>) {
    if places.is_empty() {
        return (None, String::new(), Vec::new());
    }
    let mut scope = Scope {
        files: BTreeSet::new(),
        folders: Vec::new(),
    };
    let mut notes = String::new();
    let mut outside = Vec::new();
    for place in places {
        match place {
            Place::File(path) => {
                scope.files.insert(path);
            }
            Place::Folder(prefix) => scope.folders.push(prefix),
            Place::Skipped(note) => notes.push_str(&note),
            // Where its note would go, should it get one.
            Place::Outside(r) => outside.push((notes.len(), r)),
        }
    }
    (Some(scope), notes, outside)
}

/// Matches the requested paths to the log's files. A file outside the log
/// folder is loaded as a decision when its name makes it one (so a record
/// can be checked before it is moved in); anything else outside is noted
/// on stderr and skipped. `None` means the whole log.
fn select(log: &mut Log, places: Vec<Place<'_>>) -> (Option<Scope>, String) {
    let (scope, mut notes, outside) = scope_of(places);
    let Some(mut scope) = scope else {
        return (None, notes);
    };
    // Inserted from the last, so the earlier places stay where they were.
    for (at, r) in outside.into_iter().rev() {
        match log.load_extra(&r.abs) {
            Some(path) => {
                scope.files.insert(path);
            }
            None => notes.insert_str(
                at,
                &format!(
                    "note: skipped {}: not in the log folder {} and not named like a decision (NNNN-slug.md)\n",
                    slashed(&r.given),
                    display_path(&log.location.dir, &log.location.root)
                ),
            ),
        }
    }
    scope.add_folders(log);
    (Some(scope), notes)
}

/// Every file of the log by display path.
fn log_files(log: &Log) -> Vec<String> {
    log.sources
        .iter()
        .map(|s| s.path.to_string())
        .chain(log.strays.iter().map(|s| s.path.clone()))
        .chain(log.failures.iter().map(|f| f.path.clone()))
        .collect()
}
