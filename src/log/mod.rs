//! Finding the decision log and loading every file in it, in parallel.
//!
//! Loading never stops at a bad file: a file that cannot be read becomes a
//! [`Failure`], a record whose front matter is broken still loads with its
//! problems attached, and the rest of the log loads as usual.
//!
//! Each file's text is dropped once its record is built, so memory grows
//! with what the records hold, not with the size of the files; the few
//! commands that quote or edit a file read it again ([`Source::text`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::error::Error;
use crate::record::{Charter, Decision, Depth, Id, People, Review};
use crate::yaml::Pos;

mod load;
mod order;
mod walk;

pub(crate) use walk::walk_order;

pub use load::{Decisions, Staged, content_hash};
use load::{Kept, Loaded, ReadError, load_files, load_one, read_limited};
use walk::Candidate;

/// The folders tried, in order, when nothing names the log folder.
pub const DEFAULT_DIRS: &[&str] = &["decisions", "docs/decisions", "doc/adr", "docs/adr"];

/// Where the log is and how it is configured.
#[derive(Debug, Clone)]
pub struct Location {
    /// The repository root (folder holding `.git`), else the working directory.
    pub root: PathBuf,
    /// The log folder.
    pub dir: PathBuf,
    pub config: Config,
    /// How `dir` was chosen, for `decide config`.
    pub dir_source: String,
}

/// Resolves the log folder as SPEC §1 says: `--dir`, `DECIDE_DIR`, `dir` in
/// the nearest `decide.toml`, then the default folders.
pub fn locate(cwd: &Path, flag: Option<&Path>, env: Option<&Path>) -> Result<Location, Error> {
    locate_with(cwd, flag, env, None)
}

/// [`locate`], with the configuration file named by `--config` or
/// `DECIDE_CONFIG` (relative to `cwd`) instead of searched for.
pub fn locate_with(
    cwd: &Path,
    flag: Option<&Path>,
    env: Option<&Path>,
    config_file: Option<&Path>,
) -> Result<Location, Error> {
    let root = config::find_repo_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let chosen = flag
        .map(|d| (cwd.join(d), "--dir".to_string()))
        .or_else(|| env.map(|d| (cwd.join(d), "DECIDE_DIR".to_string())));
    let config_start = chosen
        .as_ref()
        .map_or(cwd.to_path_buf(), |(d, _)| d.clone());
    let named = config_file.is_some();
    let config_file = match config_file {
        Some(file) => Some(cwd.join(file)),
        None => config::find_config(&config_start).or_else(|| config::find_config(cwd)),
    };
    let config = match &config_file {
        Some(path) => Config::load(path)?,
        None => Config::defaults(),
    };
    let (dir, dir_source) = match chosen {
        Some(found) => found,
        None => match (&config.dir, &config.file) {
            (Some(dir), Some(file)) => {
                let base = file.parent().unwrap_or(Path::new("."));
                (
                    base.join(dir),
                    format!("`dir` in {}", display_path(file, cwd)),
                )
            }
            _ => {
                // A named file may live anywhere (`--config ci/decide.toml`):
                // the default folders are then looked for in the repository.
                let base = config_file
                    .as_ref()
                    .filter(|_| !named)
                    .and_then(|f| f.parent().map(Path::to_path_buf))
                    .unwrap_or_else(|| root.clone());
                let found = DEFAULT_DIRS
                    .iter()
                    .map(|d| base.join(d))
                    .find(|d| d.is_dir())
                    .ok_or_else(|| Error::NoLog { root: base.clone() })?;
                (found, "default folder".to_string())
            }
        },
    };
    if !dir.is_dir() {
        return Err(Error::MissingDir { path: dir });
    }
    let dir = normalised(&dir);
    let root = config::find_repo_root(&dir)
        .or_else(|| dir.starts_with(cwd).then(|| cwd.to_path_buf()))
        .unwrap_or(root);
    Ok(Location {
        root,
        dir,
        config,
        dir_source,
    })
}

/// `path` without `.` components and with each `name/..` pair removed, so
/// that `--dir .` or `--dir ../decisions` prints as `decisions/0001-…`. Done
/// on the text of the path, after the folder was found to exist: a `..` that
/// follows a symbolic link is kept, as the file system would read it.
pub fn normalised(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) if !PathBuf::from_iter(&out).is_symlink() => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(part),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// `path` relative to `base` with `/` separators, or as given when outside it.
pub fn display_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let text = rel.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(String::from).unwrap_or(text)
}

/// The display paths of the files in one folder, as [`display_path`]
/// gives them from `root`, made by joining the folder's own display path
/// and each file's path in it rather than by taking every absolute path
/// apart again: what walking a log of many files asks.
pub struct DisplayPaths<'a> {
    root: &'a Path,
    /// The folder's display path with a `/` after it (none when it is
    /// `root` itself); `None` when it cannot be joined to.
    prefix: Option<String>,
}

impl<'a> DisplayPaths<'a> {
    pub fn new(dir: &Path, root: &'a Path) -> DisplayPaths<'a> {
        let prefix = match dir.strip_prefix(root) {
            Ok(base) => {
                let base = base.to_string_lossy().into_owned();
                match base.is_empty() {
                    true => Some(base),
                    false => Some(base + "/"),
                }
            }
            // A folder outside `root` (`--dir` elsewhere) is shown as it
            // is given, and so are its files: its text, then theirs. Only
            // a folder given as text `Path::join` adds no `/` to is left
            // to `display_path`.
            Err(_) => {
                let shown = dir.to_string_lossy();
                match shown.ends_with(['/', '\\']) || shown.is_empty() {
                    true => None,
                    false => Some(format!("{shown}/")),
                }
            }
        };
        DisplayPaths { root, prefix }
    }

    /// The display path of `abs`, the file at `rel` in the folder.
    pub fn of(&self, abs: &Path, rel: &Path) -> String {
        let Some(prefix) = &self.prefix else {
            return display_path(abs, self.root);
        };
        let rel = rel.to_string_lossy();
        let mut text = String::with_capacity(prefix.len() + rel.len());
        text.push_str(prefix);
        text.push_str(&rel);
        if text.contains('\\') {
            text = text.replace('\\', "/");
        }
        match text.strip_prefix("./") {
            Some(rest) => rest.to_string(),
            None => text,
        }
    }
}

pub use crate::text::path::slashed;

/// Why a file could not be loaded (rule DL051).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub path: String,
    pub abs: PathBuf,
    pub pos: Pos,
    pub message: String,
}

/// A Markdown file in the log that is not a record (rule DL050).
#[derive(Debug, Clone, PartialEq)]
pub struct Stray {
    pub path: String,
    pub abs: PathBuf,
}

/// A file loaded as a record. Its text is not kept: [`Source::text`] reads
/// it again for output that quotes source lines and for edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Its display path, shared with its record's [`crate::record::Meta`]
    /// and with every finding on it.
    pub path: Arc<str>,
    pub abs: PathBuf,
    /// The lines holding `decide-disable` (suppression comments), with
    /// their 0-based line index, as `str::lines` splits the file.
    pub directives: Vec<(usize, String)>,
    /// A hash of the text the record was built from (XXH3, 64 bits): what
    /// `check`'s cache compares when a file's size or time has changed.
    /// `None` when the load was not made for the cache (see
    /// [`Log::load_staged`]).
    pub hash: Option<u64>,
    /// `max-file-bytes` when the file was loaded, applied again on reading.
    pub(super) limit: u64,
}

impl Source {
    /// A loaded file and what is kept of its text, without its hash
    /// ([`Source::hashed`]).
    pub fn new(path: impl Into<Arc<str>>, abs: PathBuf, text: &str) -> Source {
        // memchr's finder, made once, not `str::contains`: every file of
        // the log is searched, and almost none holds the comment.
        static DIRECTIVE: LazyLock<memchr::memmem::Finder<'static>> =
            LazyLock::new(|| memchr::memmem::Finder::new("decide-disable"));
        let directives = if DIRECTIVE.find(text.as_bytes()).is_some() {
            text.lines()
                .enumerate()
                .filter(|(_, line)| line.contains("decide-disable"))
                .map(|(i, line)| (i, line.to_string()))
                .collect()
        } else {
            Vec::new()
        };
        Source {
            path: path.into(),
            abs,
            directives,
            hash: None,
            limit: u64::MAX,
        }
    }

    /// The source with the hash of `text`, the text it was made from.
    pub fn hashed(self, text: &str) -> Source {
        Source {
            hash: Some(content_hash(text.as_bytes())),
            ..self
        }
    }

    /// A file known from an earlier run, not read now: what `check`'s
    /// cache gives the output writers, which read its text again to quote it.
    pub fn known(
        path: String,
        abs: PathBuf,
        directives: Vec<(usize, String)>,
        hash: Option<u64>,
        limit: u64,
    ) -> Source {
        Source {
            path: path.into(),
            abs,
            directives,
            hash,
            limit,
        }
    }

    /// The file's text, read again from disk with the checks loading made.
    pub fn text(&self) -> Result<String, Error> {
        let invalid = |message: String| Error::Io {
            path: self.abs.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        };
        read_limited(&self.abs, self.limit, false).map_err(|err| match err {
            ReadError::TooLarge(size) => invalid(format!(
                "file is {size} bytes, over max-file-bytes ({})",
                self.limit
            )),
            ReadError::NotRegular => invalid("not a regular file".into()),
            ReadError::NotUtf8(_) => invalid("file is not valid UTF-8".into()),
            ReadError::Io(source) => Error::Io {
                path: self.abs.clone(),
                source,
            },
        })
    }
}

/// The whole log in memory.
#[derive(Debug, Clone)]
pub struct Log {
    pub location: Location,
    pub decisions: Vec<Decision>,
    pub reviews: Vec<Review>,
    pub charter: Option<Charter>,
    pub people: Option<People>,
    pub strays: Vec<Stray>,
    pub failures: Vec<Failure>,
    /// Every file loaded as a record, sorted by display path.
    pub sources: Vec<Source>,
}

/// What a path in the log folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Decision,
    Review,
    Charter,
    People,
    /// README.md, index.md and the like: neither records nor strays.
    Special,
    Stray,
    Ignored,
}

/// Classifies `rel`, a path relative to the log folder.
pub fn classify(rel: &Path) -> Kind {
    // Every file of the log comes through here: nothing is allocated for
    // a name that is UTF-8 (the common case), and names are compared
    // without being lowercased into new strings.
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return Kind::Ignored;
    };
    let (count, last) = parts.fold((1, None), |(n, _), part| (n + 1, Some(part)));
    let name = last.as_deref().unwrap_or(&first);
    let is_md = ends_with_ignoring_case(name, ".md");
    if first == "templates" {
        return Kind::Ignored;
    }
    match count {
        2 if first == "reviews" => {
            if is_md {
                Kind::Review
            } else {
                Kind::Ignored
            }
        }
        1 if name == "people.yaml" || name == "people.yml" => Kind::People,
        1 if name == "charter.md" => Kind::Charter,
        1 if name.eq_ignore_ascii_case("readme.md") || name.eq_ignore_ascii_case("index.md") => {
            Kind::Special
        }
        1 if is_md && is_template(name) => Kind::Special,
        1 if is_md && Id::in_file_name(name) => Kind::Decision,
        _ if is_md => Kind::Stray,
        _ => Kind::Ignored,
    }
}

/// Whether `text` ends with `suffix`, ASCII letters compared without case.
fn ends_with_ignoring_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether `text` starts with `prefix`, ASCII letters compared without case.
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// A record template kept in the log folder, as MADR (`adr-template.md`)
/// and log4brains (`template.md`) keep theirs: not a record, not a stray.
/// `name` ends in `.md`, in any case.
fn is_template(name: &str) -> bool {
    let stem = &name[..name.len() - ".md".len()];
    stem.eq_ignore_ascii_case("template")
        || ends_with_ignoring_case(stem, "-template")
        || starts_with_ignoring_case(stem, "template-")
}

/// What [`Log::load_projected`] returns: the log without its decisions and
/// reviews, and what was kept of each of them, in the order the log keeps.
#[derive(Debug)]
pub struct Projected<D, R> {
    /// The log, with `decisions` and `reviews` empty and `sources` naming
    /// only the charter and the people file.
    pub log: Log,
    /// One value per decision, ordered by (id, path) as [`Log::decisions`].
    pub decisions: Vec<D>,
    /// One value per review, ordered by id as [`Log::reviews`].
    pub reviews: Vec<R>,
}

impl Log {
    /// Loads every file of the log at `location`.
    pub fn load(location: Location) -> Log {
        Log::load_to(location, Depth::Full)
    }

    /// Reads again, in full, the records whose display path `wanted` picks,
    /// for a log loaded to less than [`Depth::Full`].
    pub fn load_in_full(&mut self, wanted: impl Fn(&str) -> bool + Sync) {
        let location = &self.location;
        let canonical_dir =
            fs::canonicalize(&location.dir).unwrap_or_else(|_| location.dir.clone());
        let sources = &self.sources;
        let reload = |meta: &crate::record::Meta, kind: Kind| {
            let source = sources
                .binary_search_by(|s| (*s.path).cmp(&*meta.path))
                .ok()
                .map(|i| &sources[i])?;
            let file = Candidate::named(source.abs.clone(), source.path.to_string(), kind);
            Some(load_one(
                file,
                &canonical_dir,
                location,
                Depth::Full,
                Kept::Hashed,
            ))
        };
        let decisions: Vec<(usize, Loaded)> = self
            .decisions
            .par_iter()
            .enumerate()
            .filter(|(_, d)| wanted(&d.meta.path))
            .filter_map(|(i, d)| Some((i, reload(&d.meta, Kind::Decision)?)))
            .collect();
        let reviews: Vec<(usize, Loaded)> = self
            .reviews
            .par_iter()
            .enumerate()
            .filter(|(_, r)| wanted(&r.meta.path))
            .filter_map(|(i, r)| Some((i, reload(&r.meta, Kind::Review)?)))
            .collect();
        // A file that changed meanwhile keeps what was read the first time,
        // unless it reads as the same kind of record again.
        for (i, loaded) in decisions {
            if let Loaded::Decision(d, ..) = loaded {
                self.decisions[i] = *d;
            }
        }
        for (i, loaded) in reviews {
            if let Loaded::Review(r, _) = loaded {
                self.reviews[i] = *r;
            }
        }
    }

    /// Loads every file of the log at `location`, decisions and reviews to
    /// `depth`: a command that never looks at bodies, or at what only
    /// `check` reads, saves parsing them.
    pub fn load_to(location: Location, depth: Depth) -> Log {
        let Projected {
            mut log,
            decisions,
            reviews,
        } = load_files(location, depth, Kept::Hashed, |d| d, |r| r);
        log.decisions = decisions;
        log.reviews = reviews;
        log
    }

    /// Loads the log at `location` as [`Log::load_to`] does, but hands each
    /// decision to `decision` and each review to `review` as soon as it is
    /// built, inside the parallel load, and keeps only what they return. A
    /// command that needs a few fields of every record (`list`) then never
    /// holds every record at once, which is what set its peak memory: a
    /// decision is some 6 KB in memory, the fields a row shows a few hundred
    /// bytes. The [`Source`]s of decisions and reviews are not made either
    /// (no hash of the text, no suppression comments): a command that quotes
    /// or edits files loads the whole log.
    pub fn load_projected<D: Send, R: Send>(
        location: Location,
        depth: Depth,
        decision: impl Fn(Decision) -> D + Sync,
        review: impl Fn(Review) -> R + Sync,
    ) -> Projected<D, R> {
        load_files(location, depth, Kept::Record, decision, review)
    }

    /// Loads every file of the log but its decisions, reviews to `depth`;
    /// [`Staged::decisions`] then loads the decisions, to `depth` as well.
    /// The records whose display path is in `full` are read in full
    /// whatever `depth` is (the files `check` names). With `hashed`, each
    /// record's [`Source`] holds the hash of its text, which only `check`'s
    /// cache reads. Each review goes through `review` as soon as it is
    /// built, on the thread that built it: `check` drops what no rule
    /// reads of it. See [`Staged`].
    pub fn load_staged(
        location: Location,
        depth: Depth,
        full: std::collections::BTreeSet<String>,
        hashed: bool,
        review: impl Fn(Review) -> Review + Sync,
    ) -> Staged {
        let kept = match hashed {
            true => Kept::Hashed,
            false => Kept::Source,
        };
        Staged::load(location, depth, full, kept, review)
    }

    /// The decisions whose id is exactly `id`.
    pub fn find(&self, id: &Id) -> impl Iterator<Item = &Decision> {
        self.decisions
            .iter()
            .filter(move |d| d.id.as_ref() == Some(id))
    }

    /// Loads a file from outside the log folder, named on the command line,
    /// as a decision when its file name makes it one, so it is checked
    /// against the log it is about to join. Returns its display path, or
    /// `None` when its name is not a decision's.
    pub fn load_extra(&mut self, abs: &Path) -> Option<String> {
        let name = abs.file_name()?.to_string_lossy().into_owned();
        if classify(Path::new(&name)) != Kind::Decision {
            return None;
        }
        let parent = abs.parent().unwrap_or(Path::new("."));
        let canonical_parent = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
        let path = display_path(abs, &self.location.root);
        let file = Candidate::named(abs.to_path_buf(), path.clone(), Kind::Decision);
        match load_one(
            file,
            &canonical_parent,
            &self.location,
            Depth::Full,
            Kept::Hashed,
        ) {
            Loaded::Decision(d, source, _) => {
                self.decisions.push(*d);
                self.sources.extend(source);
                self.decisions
                    .sort_by(|a, b| (&a.id, &a.meta.path).cmp(&(&b.id, &b.meta.path)));
                self.sources.sort_by(|a, b| a.path.cmp(&b.path));
            }
            Loaded::Failure(f) => self.failures.push(f),
            _ => return None,
        }
        Some(path)
    }

    /// A file loaded as a record, by display path; [`Source::text`] reads it.
    pub fn source(&self, path: &str) -> Option<&Source> {
        self.sources
            .binary_search_by(|s| (*s.path).cmp(path))
            .ok()
            .map(|i| &self.sources[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert_eq!(classify(Path::new("0001-a.md")), Kind::Decision);
        assert_eq!(classify(Path::new("reviews/2026-01-01-x.md")), Kind::Review);
        assert_eq!(classify(Path::new("charter.md")), Kind::Charter);
        assert_eq!(classify(Path::new("people.yaml")), Kind::People);
        assert_eq!(classify(Path::new("README.md")), Kind::Special);
        assert_eq!(classify(Path::new("notes.md")), Kind::Stray);
        assert_eq!(classify(Path::new("adr-template.md")), Kind::Special);
        assert_eq!(classify(Path::new("template.md")), Kind::Special);
        assert_eq!(classify(Path::new("templates-of-teams.md")), Kind::Stray);
        assert_eq!(classify(Path::new("templates/decision.md")), Kind::Ignored);
        assert_eq!(classify(Path::new("diagram.png")), Kind::Ignored);
    }

    /// `classify` as first written, lowercasing into new strings: what
    /// the allocation-free one must agree with.
    fn classify_as_written(rel: &Path) -> Kind {
        let components: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        let name = components.last().map(|c| c.to_string()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        let is_md = lower.ends_with(".md");
        let stem = lower.strip_suffix(".md").unwrap_or(&lower);
        let template =
            stem == "template" || stem.ends_with("-template") || stem.starts_with("template-");
        match components.as_slice() {
            [first, ..] if first == "templates" => Kind::Ignored,
            [dir, _] if dir == "reviews" => match is_md {
                true => Kind::Review,
                false => Kind::Ignored,
            },
            [_] if name == "people.yaml" || name == "people.yml" => Kind::People,
            [_] if name == "charter.md" => Kind::Charter,
            [_] if ["readme.md", "index.md"].contains(&lower.as_str()) => Kind::Special,
            [_] if is_md && template => Kind::Special,
            [_] if is_md && Id::from_file_name(&name).is_some() => Kind::Decision,
            _ if is_md => Kind::Stray,
            _ => Kind::Ignored,
        }
    }

    #[test]
    fn classification_agrees_with_the_first_written_on_every_shape() {
        let names = [
            "",
            "0001-a.md",
            "0001-a.MD",
            "0001-a.Md",
            "0001.md",
            "1.md",
            "a.md",
            ".md",
            "md",
            "x.markdown",
            "README.md",
            "readme.MD",
            "Index.md",
            "index.markdown",
            "charter.md",
            "Charter.md",
            "people.yaml",
            "people.yml",
            "People.yaml",
            "template.md",
            "TEMPLATE.md",
            "-template.md",
            "template-.md",
            "adr-Template.md",
            "template-x.md",
            "templates.md",
            "templatex.md",
            "xtemplate.md",
            "2026-01-01-x.md",
            "20260101-x.md",
            "0001-é.md",
            "é.md",
            "0001-a.md.bak",
            "0001-a.txt",
        ];
        let folders = [
            "",
            "reviews/",
            "templates/",
            "sub/",
            "reviews/deeper/",
            "a/b/",
        ];
        for folder in folders {
            for name in names {
                let rel = format!("{folder}{name}");
                let rel = Path::new(&rel);
                assert_eq!(classify(rel), classify_as_written(rel), "{rel:?}");
            }
        }
    }

    #[test]
    fn display_paths_of_a_folder_are_those_of_display_path() {
        for (root, dir) in [
            ("/r", "/r"),
            ("/r", "/r/decisions"),
            ("/r", "/r/docs/adr"),
            (".", "./decisions"),
            ("/r", "/elsewhere/log"),
            ("/r", "/r/back\\slash"),
            ("/r", "/elsewhere/log/"),
            ("/r", "elsewhere"),
            ("/r", "./elsewhere"),
            ("/r", "."),
            ("/r", "/"),
            ("/r", "/else\\where"),
            ("r", "../log"),
        ] {
            let (root, dir) = (Path::new(root), Path::new(dir));
            let paths = DisplayPaths::new(dir, root);
            for rel in [
                "0001-a.md",
                "reviews/2026-01-01-r.md",
                "a b/é.md",
                "back\\slash.md",
            ] {
                let abs = dir.join(rel);
                let shown = paths.of(&abs, Path::new(rel));
                assert_eq!(shown, display_path(&abs, root), "{root:?} {dir:?} {rel}");
            }
        }
    }

    #[test]
    fn output_paths_use_forward_slashes() {
        let nested = Path::new("docs").join("adr").join("0001-a.md");
        assert_eq!(slashed(&nested), "docs/adr/0001-a.md");
        assert_eq!(display_path(&nested, Path::new("docs")), "adr/0001-a.md");
        if cfg!(windows) {
            assert_eq!(
                slashed(Path::new(r"C:\repo\decisions")),
                "C:/repo/decisions"
            );
        } else {
            // A backslash is part of a file name here, not a separator.
            assert_eq!(slashed(Path::new(r"a\b.md")), r"a\b.md");
        }
    }
}
