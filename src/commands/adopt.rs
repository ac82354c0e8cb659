//! `decide init` in a repository that already keeps a decision log: adopt
//! that log instead of starting a second one beside it.
//!
//! The log is the one discovery finds (SPEC §1), the folder `--dir` names,
//! or a folder where teams keep one (`adr/`, `docs/architecture/decisions/`,
//! or any folder of three or more numbered Markdown files). Adopting writes
//! only what is missing: `decide.toml` when discovery would not find the
//! folder, `charter.md` and `people.yaml` when absent (the latter seeded with
//! every name the records use, so DL010 is quiet on day one), and a record of
//! the adoption under the next free id. Nothing that exists is touched.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::Months;

use crate::cli::{InitArgs, SchemeArg};
use crate::config::{self, Config};
use crate::context::{Context, Output};
use crate::edit;
use crate::error::Error;
use crate::import::{self, Format};
use crate::log::{self, Log, display_path};
use crate::naming;
use crate::record::{self, Decision, FrontMatter, Id, source};
use crate::rules::{self, CheckOptions, levels::Levels};
use crate::templates::{self, yaml_scalar};

/// Folders, relative to the repository root or ending a path in it, where
/// teams keep decision logs besides the ones discovery tries.
const KNOWN_DIRS: &[&str] = &[
    "adr",
    "adrs",
    "docs/arch",
    "docs/architecture/decisions",
    "architecture/decisions",
    "decisions",
    "docs/decisions",
    "doc/adr",
    "docs/adr",
];

/// A folder of any other name is a log when it holds this many numbered
/// records that read like decisions.
const MIN_RECORDS: usize = 3;

/// Folders never searched: tool output and dependencies, not a team's log.
const SKIP_DIRS: &[&str] = &["node_modules", "target", "vendor", "dist", "build"];

/// An existing log found for `init` to adopt.
pub struct Found {
    pub dir: PathBuf,
    /// How it was found, for the report.
    pub how: String,
}

/// The existing log `init` should adopt, if there is one: the folder
/// `--dir` names when it holds records, else the folder discovery finds
/// when it holds records, else the nearest (then largest) folder in the
/// repository where a team keeps a log.
pub fn find(ctx: &Context) -> Result<Option<Found>, Error> {
    if let Some(dir) = &ctx.global.dir {
        let dir = ctx.cwd.join(dir);
        return Ok((record_count(&dir) > 0).then(|| Found {
            dir,
            how: "the folder --dir names".into(),
        }));
    }
    match ctx.locate() {
        Ok(location) if record_count(&location.dir) > 0 => {
            return Ok(Some(Found {
                dir: location.dir,
                how: format!("found by discovery ({})", location.dir_source),
            }));
        }
        Ok(_) | Err(Error::NoLog { .. }) | Err(Error::MissingDir { .. }) => {}
        Err(err) => return Err(err),
    }
    let root = config::find_repo_root(&ctx.cwd).unwrap_or_else(|| ctx.cwd.clone());
    let mut candidates = search(&root);
    if candidates.is_empty() {
        return Ok(None);
    }
    // The nearest first; among equally near ones, the largest.
    candidates.sort_by(|a, b| {
        (a.1, std::cmp::Reverse(a.2), &a.0).cmp(&(b.1, std::cmp::Reverse(b.2), &b.0))
    });
    let (dir, _, _) = candidates.remove(0);
    let mut how = "found in the repository".to_string();
    if !candidates.is_empty() {
        let others: Vec<String> = candidates
            .iter()
            .map(|(d, _, n)| format!("{} ({})", display_path(d, &ctx.cwd), plural(*n, "record")))
            .collect();
        let _ = write!(
            how,
            "; the nearest of {} logs, also {}: pass --dir to adopt another",
            candidates.len() + 1,
            others.join(", ")
        );
    }
    Ok(Some(Found { dir, how }))
}

/// Folders under `root` that look like a decision log, with their depth
/// and number of records.
fn search(root: &Path) -> Vec<(PathBuf, usize, usize)> {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(6)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || (e.file_type().is_dir() && {
                    let name = e.file_name().to_string_lossy();
                    !name.starts_with('.') && !SKIP_DIRS.contains(&name.as_ref())
                })
        });
    let mut out = Vec::new();
    for entry in walker.flatten() {
        let count = record_count(entry.path());
        if count == 0 {
            continue;
        }
        let rel = display_path(entry.path(), root);
        let known = KNOWN_DIRS
            .iter()
            .any(|k| rel == *k || rel.ends_with(&format!("/{k}")));
        if known || decision_like(entry.path()) >= MIN_RECORDS {
            out.push((entry.path().to_path_buf(), entry.depth(), count));
        }
    }
    out
}

/// How many numbered records in `dir` read like decisions (a status or a
/// decision in their first 16 KiB), so that numbered chapters of a manual
/// or dated blog posts are not taken for a log.
fn decision_like(dir: &Path) -> usize {
    use std::io::Read as _;
    record_names(dir)
        .iter()
        .filter(|n| matches!(import::file_id(n), Some((Id::Num(_), _))))
        .filter(|n| {
            let mut head = Vec::new();
            std::fs::File::open(dir.join(n))
                .and_then(|f| f.take(16 * 1024).read_to_end(&mut head))
                .is_ok()
                && {
                    let text = String::from_utf8_lossy(&head).to_lowercase();
                    text.contains("status") || text.contains("decision")
                }
        })
        .count()
}

/// The Markdown files directly in `dir` named like numbered or dated records.
fn record_names(dir: &Path) -> Vec<String> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = read
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| import::file_id(n).is_some())
        .collect();
    names.sort();
    names
}

fn record_count(dir: &Path) -> usize {
    record_names(dir).len()
}

/// What reading the log's records found.
struct Survey {
    /// Every person or group named, as written.
    names: BTreeSet<String>,
    /// Records `decide import` would change (another format).
    foreign: usize,
    /// Records named by date rather than number.
    dated: usize,
    records: usize,
}

/// Reads each record as `decide import` would, without writing anything.
fn survey(dir: &Path, limit: u64) -> Survey {
    let mut survey = Survey {
        names: BTreeSet::new(),
        foreign: 0,
        dated: 0,
        records: 0,
    };
    for name in record_names(dir) {
        survey.records += 1;
        if matches!(import::file_id(&name), Some((Id::Name(_), _))) {
            survey.dated += 1;
        }
        let path = dir.join(&name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() || meta.len() > limit {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text = match import::convert(&name, &text, Format::Auto) {
            Ok(converted) => {
                if converted.changed {
                    survey.foreign += 1;
                }
                converted.text
            }
            Err(_) => text,
        };
        if !matches!(
            source::split(source::strip_bom(&text)).front,
            FrontMatter::Parsed(_)
        ) {
            continue;
        }
        let decision = Decision::parse("", &name, &text);
        survey
            .names
            .extend(decision.people().map(|t| t.value.to_string()));
    }
    survey
}

/// Adopts the log in `found`.
pub fn run(args: &InitArgs, ctx: &mut Context, found: Found) -> anyhow::Result<Output> {
    let dir = found.dir;
    let dir_text = display_path(&dir, &ctx.cwd);
    // A log with both is one `decide` set up, or one adopted already.
    let set_up: Vec<String> = ["charter.md", "people.yaml"]
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| display_path(&p, &ctx.cwd))
        .collect();
    if set_up.len() == 2 {
        return Err(Error::Usage(format!(
            "{dir_text} is a decide log already: refusing to overwrite what exists: {}",
            set_up.join(", ")
        ))
        .into());
    }
    let limit = config::find_config(&ctx.cwd)
        .and_then(|p| Config::load(&p).ok())
        .map_or(config::DEFAULT_MAX_FILE_BYTES, |c| c.max_file_bytes);
    let survey = survey(&dir, limit);
    let dated = args.scheme == SchemeArg::Date || survey.dated * 2 > survey.records;
    let mut out = format!(
        "adopting the existing log in {dir_text}: {}, {}\n",
        plural(survey.records, "record"),
        found.how
    );

    // decide.toml only where discovery would not find the folder.
    let discovered =
        log::locate(&ctx.cwd, None, None).is_ok_and(|l| super::import::same_folder(&l.dir, &dir));
    let config_path = ctx.cwd.join("decide.toml");
    let mut created: Vec<PathBuf> = Vec::new();
    // A log named by date needs `[ids] scheme = "date"` too, or new
    // records would be numbered among the dated ones.
    let needs_scheme = dated && !config_path.exists();
    if !discovered || needs_scheme {
        if config_path.exists() {
            return Err(Error::Usage(format!(
                "{} exists and does not name {dir_text}; set `dir = \"{dir_text}\"` in it, or run `decide init --dir` with its folder",
                display_path(&config_path, &ctx.cwd)
            ))
            .into());
        }
        let scheme = if dated { "date" } else { "number" };
        let dir_line = if discovered {
            String::new()
        } else {
            format!(
                "dir = \"{}\"\n\n",
                dir_text.replace('\\', "\\\\").replace('"', "\\\"")
            )
        };
        let text = format!(
            "# decide configuration: see `decide config` for the effective values.\n# The log was adopted where the team keeps it.\n{dir_line}[ids]\nscheme = \"{scheme}\"\n"
        );
        naming::create_new(&config_path, &text)
            .with_context(|| format!("creating {}", config_path.display()))?;
        created.push(config_path.clone());
    }

    let charter = dir.join("charter.md");
    if !charter.exists() {
        naming::create_new(&charter, &templates::load(None, "charter.md")?)
            .with_context(|| format!("creating {}", charter.display()))?;
        created.push(charter.clone());
    }
    let people = dir.join("people.yaml");
    let mut seeded = 0;
    if !people.exists() {
        let (text, n) = seeded_people(&templates::load(None, "people.yaml")?, &survey.names);
        seeded = n;
        naming::create_new(&people, &text)
            .with_context(|| format!("creating {}", people.display()))?;
        created.push(people.clone());
    }

    let record = adoption_record(ctx, &dir, dated)?;
    created.push(record);

    for path in &created {
        let _ = write!(out, "created {}", display_path(path, &ctx.cwd));
        if *path == people && seeded > 0 {
            let _ = write!(
                out,
                " ({seeded} names the log uses, roles left for the team to fill in)"
            );
        }
        out.push('\n');
    }
    if ctx.global.quiet {
        return Ok(Output::stdout(out));
    }

    out.push_str("\nNext:\n");
    let dir_arg = if dir_text.is_empty() { "." } else { &dir_text };
    if survey.foreign > 0 {
        let _ = writeln!(
            out,
            "  decide import --from auto {dir_arg}   # {} in another format (adr-tools, MADR 2 or log4brains)",
            plural(survey.foreign, "record")
        );
        out.push_str(
            "  decide check --write-baseline   # then keep the findings of the past aside: check fails only on new ones\n",
        );
    } else {
        let findings = findings(ctx, &dir)?;
        if findings > 0 {
            let _ = writeln!(
                out,
                "  decide check --write-baseline   # {} in the log as it is: keep them aside, so check fails only on new ones",
                plural(findings, "finding")
            );
        }
    }
    let _ = writeln!(
        out,
        "  then give the people in {}/people.yaml their roles, and `decide new \"Your next decision\"`",
        dir_arg
    );
    Ok(Output::stdout(out))
}

/// The built-in people.yaml with every name the log uses added under
/// `people:` (without roles), and how many were added.
fn seeded_people(template: &str, names: &BTreeSet<String>) -> (String, usize) {
    let known = record::People::parse("people.yaml", template);
    let new: Vec<&String> = names
        .iter()
        .filter(|n| !known.people.iter().any(|p| &p.key == *n))
        .filter(|n| !known.groups.iter().any(|g| &g.0 == *n))
        .collect();
    if new.is_empty() {
        return (template.to_string(), 0);
    }
    let mut lines =
        String::from("  # Named in the log when it was adopted: give each their roles.\n");
    for name in &new {
        let _ = writeln!(lines, "  {}: {{ roles: [] }}", yaml_scalar(name));
    }
    let text = match template.find("\ngroups:") {
        Some(at) => format!("{}\n{}{}", &template[..at], lines, &template[at + 1..]),
        None => format!("{template}{lines}"),
    };
    (text, new.len())
}

/// Writes the record of the adoption under the next free id.
fn adoption_record(ctx: &Context, dir: &Path, dated: bool) -> anyhow::Result<PathBuf> {
    let dir_text = display_path(dir, &ctx.cwd);
    let today = ctx.today.format("%Y-%m-%d").to_string();
    let vars = [
        ("date", today.clone()),
        (
            "revisit",
            (ctx.today + Months::new(12)).format("%Y-%m-%d").to_string(),
        ),
        ("dir", dir_text),
    ];
    let text = templates::render(&templates::load(None, "first-decision.md")?, &vars);
    let slug = "record-decisions-in-a-decision-log";
    if dated {
        return edit::locked(dir, || {
            naming::create_unique(dir, &today, slug, |_| text.clone())
                .with_context(|| format!("creating a record in {}", dir.display()))
        });
    }
    let upstream = naming::upstream_numbers(dir);
    // The next number is read and taken under the log's lock, so a
    // `decide new` at the same moment never picks the same one.
    edit::locked(dir, || {
        // Every numbered name counts, `adr-07.md` too: import gives it id 7.
        let local: Vec<u64> = record_names(dir)
            .iter()
            .filter_map(|n| import::file_id(n).and_then(|(id, _)| id.as_num()))
            .collect();
        let next = local.iter().chain(&upstream).max().map_or(1, |m| m + 1);
        let path = dir.join(format!("{next:04}-{slug}.md"));
        naming::create_new(&path, &text).with_context(|| format!("creating {}", path.display()))?;
        Ok(path)
    })
}

/// How many findings `decide check` reports on the log at `dir` now.
fn findings(ctx: &Context, dir: &Path) -> Result<usize, Error> {
    let location = log::locate(&ctx.cwd, Some(dir), None)?;
    let levels = Levels::from_config(&location.config)?;
    let log = Log::load(location);
    let found = rules::check(&log, &CheckOptions { as_of: ctx.today });
    Ok(levels.apply(found, &log).len())
}

/// `3 records`, `1 record`.
fn plural(n: usize, word: &str) -> String {
    crate::report::plural(n, word, &format!("{word}s"))
}
