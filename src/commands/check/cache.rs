//! The cache of `decide check`: what the last runs found, kept in the log
//! folder's `.decide-cache/` so that a run with nothing changed since reads
//! its findings there instead of reading and checking the log again (SPEC
//! §8: `check ONE_FILE` within the time of `rg` when nothing changed).
//!
//! The cache is keyed by the tool's version, the configuration, the log's
//! place and the `--as-of` date, then file by file: every file of the log
//! with its path, kind, size and modification time, and the hash of the
//! text it was checked as where size or time disagree (a `git checkout` or
//! a `touch` changes the time but no byte). The rules that relate records
//! see the whole log, so one file's findings may change when another file
//! changes: findings are read from the cache only when no file of the log
//! changed, appeared or went. Otherwise the run reads the log as usual and
//! its findings replace the cache. A run on some files only (`check
//! FILE`, what a pre-commit hook runs) adds those files' findings to a cache
//! of the same log, so the next run on them is answered from it.
//!
//! Untrusted when it came from elsewhere: the cache folder is git-ignored,
//! but a pull request could still commit a cache file claiming a clean log.
//! Each file is signed with a secret this machine keeps outside every
//! repository, and one that does not carry this machine's signature is
//! ignored.
//!
//! Safe to share: the file is written to a temporary file and renamed over
//! the old one, so a reader sees one run's cache or another's, never half;
//! one that cannot be read, or was written by another version, is ignored
//! and replaced. A file changed within two seconds before a run that cached
//! it may change again without its time showing it; its hash is compared
//! even when its time matches (as git does for its index).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::log::{self, Failure, Kind, Location, Log, Source, Stray};
use crate::record::{Id, Status};
use crate::rules::Code;
use crate::yaml::Pos;

mod written;

use written::{Elsewhere, EntryOut, Findings, HeadOut, Mac, StoredOut, signed};

/// The cache folder, inside the log folder; it holds a `.gitignore` of `*`.
pub const FOLDER: &str = ".decide-cache";
/// The cache file, inside [`FOLDER`].
const FILE: &str = "check.json";
/// The layout of [`FILE`]; a file of another layout is ignored. Layout 1
/// was one JSON value; layout 2 is a line per file, read a line at a time.
const FORMAT: u32 = 2;
/// A file whose time is this close to (or after) the start of the run that
/// cached it is compared by hash even when its size and time match.
const RACY_NS: i64 = 2_000_000_000;
/// A cache file larger than this is not read (it is replaced).
const MAX_BYTES: u64 = 1 << 30;

/// The files of the log as they are now: what the cache is compared with.
pub struct Snapshot {
    /// When the snapshot was taken, in nanoseconds since 1970.
    started: i64,
    files: Vec<Seen>,
}

struct Seen {
    /// Display path (relative to the repository root).
    path: String,
    abs: PathBuf,
    kind: Kind,
    size: u64,
    mtime: i64,
    /// Where a symbolic link leads.
    target: Option<String>,
}

impl Snapshot {
    /// Walks the log folder as loading does and looks at each file's size
    /// and time. `None` when anything in the folder cannot be looked at: the
    /// run then reads the log, which reports it.
    pub fn take(location: &Location) -> Option<Snapshot> {
        let started = now_ns();
        let dir = &location.dir;
        // Unsorted: walkdir sorts by taking each path apart again, which
        // costs more than the rest of a walk; the files are sorted below.
        let mut found = Vec::new();
        let walker = walkdir::WalkDir::new(dir).follow_links(false).max_depth(3);
        for entry in walker {
            let entry = entry.ok()?;
            if !entry.file_type().is_dir() {
                let symlink = entry.path_is_symlink();
                found.push((entry.into_path(), symlink));
            }
        }
        // Display paths as the walk of a load makes them.
        let shown = log::DisplayPaths::new(dir, &location.root);
        let mut files = found
            .into_par_iter()
            .filter_map(|(abs, symlink)| {
                let kind = log::classify(abs.strip_prefix(dir).unwrap_or(&abs));
                if kind == Kind::Ignored || kind == Kind::Special {
                    return None;
                }
                Some((abs, kind, symlink))
            })
            .map(|(abs, kind, symlink)| {
                let metadata = fs::metadata(&abs).ok()?;
                let target = match symlink {
                    true => Some(fs::canonicalize(&abs).ok()?.to_string_lossy().into_owned()),
                    false => None,
                };
                Some(Seen {
                    path: shown.of(&abs, abs.strip_prefix(dir).unwrap_or(&abs)),
                    abs,
                    kind,
                    size: metadata.len(),
                    mtime: mtime_ns(&metadata),
                    target,
                })
            })
            // Collected as it comes, in place, then looked through: a
            // parallel collect into an `Option` gathers the files in pieces
            // and copies them together, twice the room.
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Option<Vec<_>>>()?;
        // Every path starts with the folder's.
        let folder = dir.as_os_str().len();
        files.par_sort_unstable_by(|a, b| {
            let a = a.abs.as_os_str().as_encoded_bytes();
            let b = b.abs.as_os_str().as_encoded_bytes();
            log::walk_order(&a[folder.min(a.len())..], &b[folder.min(b.len())..])
        });
        Some(Snapshot { started, files })
    }
}

/// The cache file, opened for one run.
pub struct Cache {
    path: PathBuf,
    key: String,
    stored: Option<Stored>,
    /// This machine's secret, which signs the cache file; `None` when it
    /// cannot be had, and the cache is then neither read nor written.
    secret: Option<[u8; 16]>,
}

/// What the cache file holds (written from [`StoredOut`]): its head and a
/// line per file.
#[derive(Default)]
struct Stored {
    /// When the run that wrote it started, in nanoseconds since 1970.
    written: i64,
    files: Vec<Entry>,
    /// Findings on paths that are no file of the log (none today), once a
    /// run over the whole log has found them.
    elsewhere: Option<Vec<Finding>>,
}

/// The line after the signature (written from [`HeadOut`]).
#[derive(Deserialize)]
struct Head {
    format: u32,
    version: String,
    /// A hash of the configuration, the log's place and `--as-of`.
    key: String,
    written: i64,
    elsewhere: Option<Vec<Finding>>,
}

#[derive(Deserialize)]
struct Entry {
    path: String,
    kind: u8,
    role: Role,
    size: u64,
    mtime: i64,
    target: Option<String>,
    /// The hash of the text the file was checked as (records only).
    hash: Option<u64>,
    /// Its `decide-disable` lines, which configuration applies afterwards.
    directives: Vec<(usize, String)>,
    /// Its findings (a list of [`Finding`]), when a run has found them,
    /// before configuration. Kept as written and read only for the files
    /// a run reports on, so a run on one file does not read every finding.
    findings: Option<Box<RawValue>>,
}

/// What loading made of a file.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Record,
    Stray,
    Failure,
}

#[derive(Serialize, Deserialize, Clone)]
struct Finding {
    code: String,
    error: bool,
    /// Only on a finding on no file of the log: a file's findings are on it.
    #[serde(default)]
    path: Option<String>,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
    fix: Option<StoredFix>,
}

#[derive(Serialize, Deserialize, Clone)]
enum StoredFix {
    AddReference {
        path: String,
        key: String,
        id: StoredId,
    },
    SetStatus {
        path: String,
        status: String,
    },
}

#[derive(Serialize, Deserialize, Clone)]
enum StoredId {
    Num(u64),
    Name(String),
}

/// The cache agrees with the log as it is now.
/// It holds what the cache file held, and gives back what is left of it
/// when dropped.
pub struct Valid<'c> {
    cache: &'c mut Cache,
    stored: Stored,
    /// Entries whose time changed but not their text, with the new size and time.
    refreshed: Vec<(usize, u64, i64)>,
    /// Some entry was too close to the cache's start to be trusted by its
    /// time ([`RACY_NS`]) and is no longer to this run's: compared by hash
    /// in this run, it need not be again once the cache says so.
    settled: bool,
    started: i64,
}

impl Drop for Valid<'_> {
    fn drop(&mut self) {
        self.cache.stored = Some(std::mem::take(&mut self.stored));
    }
}

impl Cache {
    /// The cache of the log at `location` for a run as of `as_of`; one
    /// written by another version or for another key is not read.
    pub fn open(location: &Location, as_of: NaiveDate) -> Cache {
        let path = location.dir.join(FOLDER).join(FILE);
        let key = format!(
            "{:016x}",
            log::content_hash(
                format!(
                    "{:?}\n{}\n{}\n{as_of}",
                    location.config,
                    location.root.display(),
                    location.dir.display()
                )
                .as_bytes()
            )
        );
        let secret = secret().filter(|_| !version().is_empty());
        let stored = secret.and_then(|secret| read(&path, &secret, &key));
        Cache {
            path,
            key,
            stored,
            secret,
        }
    }

    /// The cache, when every file of `snapshot` is as it was cached.
    pub fn valid(&mut self, snapshot: &Snapshot) -> Option<Valid<'_>> {
        let stored = self.stored.as_ref()?;
        if stored.files.len() != snapshot.files.len() {
            return None;
        }
        let checked = stored
            .files
            .par_iter()
            .zip(&snapshot.files)
            .enumerate()
            .map(|(i, (entry, seen))| unchanged(entry, seen, stored.written).map(|r| (i, r)))
            .collect::<Option<Vec<_>>>()?;
        let refreshed = checked
            .into_iter()
            .filter(|(_, refreshed)| *refreshed)
            .map(|(i, _)| (i, snapshot.files[i].size, snapshot.files[i].mtime))
            .collect();
        let settled = stored.files.iter().any(|entry| {
            entry.role != Role::Stray
                && racy(entry.mtime, stored.written)
                && !racy(entry.mtime, snapshot.started)
        });
        let stored = self.stored.take()?;
        Some(Valid {
            cache: self,
            stored,
            refreshed,
            settled,
            started: snapshot.started,
        })
    }

    /// Lets go of what the cache file held: a run that replaces all of it
    /// need not keep it (the cache of a large log is as large as its
    /// findings). It is still written afterwards.
    pub fn forget(&mut self) {
        self.stored = None;
    }

    /// Records what a run that read the log found: `found` are its
    /// findings before configuration, complete for the files `known` picks
    /// (and for paths outside the log's files when `whole`). Nothing is
    /// written when the log the run read is not the one `snapshot` saw (a
    /// file appeared or went meanwhile, or a file outside the log was named).
    /// Errors are ignored: the cache only saves time.
    pub fn store(
        &self,
        snapshot: &Snapshot,
        log: &Log,
        found: &[Diagnostic],
        known: impl Fn(&str) -> bool,
        whole: bool,
    ) {
        let loaded = log.sources.len() + log.strays.len() + log.failures.len();
        if loaded != snapshot.files.len() {
            return;
        }
        let strays: BTreeSet<&str> = log.strays.iter().map(|s| s.path.as_str()).collect();
        let failures: BTreeSet<&str> = log.failures.iter().map(|f| f.path.as_str()).collect();
        // Each finding is written from where it lies: copied into the cache's
        // own form, the findings of a large log took as much room again.
        let mut by_path: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for d in found {
            by_path.entry(&*d.path).or_default().push(d);
        }
        let mut files = Vec::with_capacity(snapshot.files.len());
        for seen in &snapshot.files {
            let (role, hash, directives) = match log.source(&seen.path) {
                Some(source) => (Role::Record, source.hash, source.directives.as_slice()),
                None if strays.contains(seen.path.as_str()) => (Role::Stray, None, &[][..]),
                None if failures.contains(seen.path.as_str()) => (Role::Failure, None, &[][..]),
                None => return,
            };
            let findings = known(&seen.path)
                .then(|| Findings::Found(by_path.remove(seen.path.as_str()).unwrap_or_default()));
            files.push(EntryOut {
                path: &seen.path,
                kind: kind_code(seen.kind),
                role,
                size: seen.size,
                mtime: seen.mtime,
                target: seen.target.as_deref(),
                hash,
                directives,
                findings,
            });
        }
        let mut elsewhere = whole.then(|| {
            let mut rest: Vec<&Diagnostic> = by_path.into_values().flatten().collect();
            rest.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
            Elsewhere::Found(rest)
        });
        // What an earlier run found on the same log still holds.
        if let Some(old) = &self.stored
            && old.files.len() == files.len()
            && old.files.iter().zip(&files).all(|(a, b)| b.same(a))
        {
            for (new, old) in files.iter_mut().zip(&old.files) {
                if new.findings.is_none() {
                    new.findings = old.findings.as_deref().map(Findings::Kept);
                }
            }
            if elsewhere.is_none() {
                elsewhere = old.elsewhere.as_deref().map(Elsewhere::Kept);
            }
        }
        self.write(&StoredOut {
            head: HeadOut {
                format: FORMAT,
                version: version(),
                key: &self.key,
                written: snapshot.started,
                elsewhere,
            },
            files,
        });
    }

    /// Writes the cache atomically: a temporary file in the cache folder,
    /// renamed over the cache file.
    fn write(&self, stored: &StoredOut) {
        let (Some(folder), Some(secret)) = (self.path.parent(), self.secret) else {
            return;
        };
        if !folder.is_dir() {
            if fs::create_dir(folder).is_err() {
                return;
            }
            // Never committed: the folder is the machine's, not the log's.
            let _ = fs::write(
                folder.join(".gitignore"),
                "# Written by `decide check`; safe to delete.\n*\n",
            );
        }
        let Ok(mut temp) = tempfile::Builder::new()
            .prefix(".check-")
            .suffix(".tmp")
            .tempfile_in(folder)
        else {
            return;
        };
        if signed(temp.as_file_mut(), &secret, stored).is_ok() {
            let _ = temp.persist(&self.path);
        }
    }
}

/// Which files' findings a run reports.
pub enum Wanted<'a> {
    /// The whole log.
    All,
    /// Those whose path the function picks; `folders` when it picks by folder.
    Some {
        picks: &'a dyn Fn(&str) -> bool,
        folders: bool,
    },
}

impl Valid<'_> {
    /// The log as the cache knows it: its files, without records. What the
    /// output writers and the choice of files to report on need. The
    /// snapshot's paths move into it: copied, the two took 50 MB at 100,000
    /// decisions, a third of the run's memory.
    pub fn log(&self, location: Location, snapshot: Snapshot) -> Log {
        let limit = location.config.max_file_bytes;
        let mut log = Log {
            location,
            decisions: Vec::new(),
            reviews: Vec::new(),
            charter: None,
            people: None,
            strays: Vec::new(),
            failures: Vec::new(),
            sources: Vec::new(),
        };
        for (entry, seen) in self.stored.files.iter().zip(snapshot.files) {
            let (path, abs) = (seen.path, seen.abs);
            match entry.role {
                Role::Record => log.sources.push(Source::known(
                    path,
                    abs,
                    entry.directives.clone(),
                    entry.hash,
                    limit,
                )),
                Role::Stray => log.strays.push(Stray { path, abs }),
                Role::Failure => log.failures.push(Failure {
                    path,
                    abs,
                    pos: Pos::new(1, 1),
                    message: String::new(),
                }),
            }
        }
        log.sources.sort_by(|a, b| a.path.cmp(&b.path));
        log
    }

    /// The findings cached for the files `wanted` names, in the order the
    /// rules give them, when the cache has them all. The new times of files
    /// whose time changed but not their text are written first, as is the
    /// start of this run when files written just before the cache was are
    /// now old enough to be trusted by their time, so that the next run
    /// need not hash them again. Each file's findings are let go of as
    /// they are read: the cache of a large log holds as much as its findings
    /// do, and holding both set the peak memory of the run.
    pub fn found(&mut self, wanted: &Wanted) -> Option<Vec<Diagnostic>> {
        let (picks, whole): (&dyn Fn(&str) -> bool, bool) = match wanted {
            Wanted::All => (&|_| true, true),
            Wanted::Some { picks, folders } => (*picks, *folders),
        };
        let complete = self
            .stored
            .files
            .iter()
            .filter(|e| picks(&e.path))
            .all(|e| e.findings.is_some());
        if !complete || (whole && self.stored.elsewhere.is_none()) {
            return None;
        }
        self.refresh();
        let codes: HashMap<&str, Code> =
            crate::rules::RULES.iter().map(|r| (r.code, r.id)).collect();
        let mut out = Vec::new();
        for entry in self.stored.files.iter_mut().filter(|e| picks(&e.path)) {
            let raw = entry.findings.take()?;
            let found: Vec<Finding> = serde_json::from_str(raw.get()).ok()?;
            drop(raw);
            // One path for the file's findings, shared as a loaded record's is.
            let path: Arc<str> = entry.path.as_str().into();
            for f in found {
                out.push(diagnostic(f, &codes, Some(&path))?);
            }
        }
        if whole {
            for f in self.stored.elsewhere.take()? {
                if picks(f.path.as_deref()?) {
                    out.push(diagnostic(f, &codes, None)?);
                }
            }
        }
        crate::rules::sort(&mut out);
        Some(out)
    }

    /// Writes the cache again with the new times of the files whose time
    /// changed but not their text, and with this run's start, so that a
    /// file compared by hash only because it was written just before the
    /// cache was (after a checkout or a clone, every file) is compared so
    /// once, not by every run until some file changes.
    fn refresh(&mut self) {
        if self.refreshed.is_empty() && !self.settled {
            return;
        }
        let mut files: Vec<EntryOut> = self.stored.files.iter().map(EntryOut::of).collect();
        for &(i, size, mtime) in &self.refreshed {
            files[i].size = size;
            files[i].mtime = mtime;
        }
        self.cache.write(&StoredOut {
            head: HeadOut {
                format: FORMAT,
                version: version(),
                key: &self.cache.key,
                // Every file was compared by hash or is older than the old start.
                written: self.started,
                elsewhere: self.stored.elsewhere.as_deref().map(Elsewhere::Kept),
            },
            files,
        });
        self.refreshed.clear();
    }
}

/// This machine's secret for signing cache files: 16 random bytes kept in
/// `$XDG_CACHE_HOME/decide/cache-key` (else `~/.cache/decide/cache-key`),
/// outside every repository, made on first use.
fn secret() -> Option<[u8; 16]> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|home| home.join(".cache")))?;
    let path = base.join("decide").join("cache-key");
    if let Some(secret) = read_secret(&path) {
        return Some(secret);
    }
    let mut secret = [0u8; 16];
    getrandom::fill(&mut secret).ok()?;
    let folder = path.parent()?;
    fs::create_dir_all(folder).ok()?;
    // Created beside it (readable by its owner only) and linked into place
    // unless another run did first, whose secret is then the one.
    let mut temp = tempfile::NamedTempFile::new_in(folder).ok()?;
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    temp.write_all(hex.as_bytes()).ok()?;
    match temp.persist_noclobber(&path) {
        Ok(_) => Some(secret),
        Err(_) => read_secret(&path),
    }
}

fn read_secret(path: &Path) -> Option<[u8; 16]> {
    let text = read_bounded(path, 64)?;
    let text = std::str::from_utf8(&text).ok()?.trim();
    let mut secret = [0u8; 16];
    if text.len() != 32 {
        return None;
    }
    for (i, byte) in secret.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(secret)
}

/// The cache file at `path`, when this machine signed it for this version
/// and `key`. It is read a line at a time, each line signed as it goes
/// and read into what it holds: the text of a large log's cache is never
/// held whole (at 100,000 decisions, 61 MB held beside what it was read
/// into set the peak memory of a run answered from the cache). What was
/// read is let go of if the signature is wrong; a head of another layout,
/// version or key stops the reading at once.
fn read(path: &Path, secret: &[u8; 16], key: &str) -> Option<Stored> {
    let file = fs::File::open(path).ok()?;
    let mut reader = std::io::BufReader::with_capacity(64 * 1024, file.take(MAX_BYTES + 1));
    let mut line = String::new();
    let mut total = reader.read_line(&mut line).ok()?;
    let signature = line.strip_suffix('\n')?.to_string();
    let mut mac = Mac::new(secret);
    let mut next = |line: &mut String| -> Option<usize> {
        line.clear();
        let n = reader.read_line(line).ok()?;
        mac.write(line.as_bytes());
        Some(n)
    };
    total += next(&mut line)?;
    let head: Head = serde_json::from_str(&line).ok()?;
    if head.format != FORMAT || head.version != version() || head.key != key {
        return None;
    }
    let mut files = Vec::new();
    loop {
        let n = next(&mut line)?;
        if n == 0 {
            break;
        }
        total += n;
        files.push(serde_json::from_str::<Entry>(&line).ok()?);
    }
    // Grown by doubling; what was not filled goes back (in place).
    files.shrink_to_fit();
    if total as u64 > MAX_BYTES || mac.line() != signature {
        return None;
    }
    Some(Stored {
        written: head.written,
        files,
        elsewhere: head.elsewhere,
    })
}

/// Whether the file `seen` is the one `entry` cached: `Some(true)` when
/// only its size or time changed (its text is the same), `None` when it
/// changed or cannot be compared.
fn unchanged(entry: &Entry, seen: &Seen, written: i64) -> Option<bool> {
    if entry.path != seen.path || entry.kind != kind_code(seen.kind) || entry.target != seen.target
    {
        return None;
    }
    // A stray is reported by its name; its text is never read.
    if entry.role == Role::Stray {
        return Some(false);
    }
    let same_time = entry.size == seen.size && entry.mtime == seen.mtime;
    if same_time && !racy(entry.mtime, written) {
        return Some(false);
    }
    let hash = entry.hash?;
    if entry.size != seen.size {
        return None;
    }
    let bytes = read_bounded(&seen.abs, seen.size)?;
    (log::content_hash(&bytes) == hash).then_some(!same_time)
}

/// Whether a file of time `mtime` is too close to `written`, the start of
/// the run that cached it, to be trusted by its time: a second change in
/// the same time stamp would not show.
fn racy(mtime: i64, written: i64) -> bool {
    mtime.saturating_add(RACY_NS) >= written
}

/// The file's bytes, when it holds at most `limit` of them.
fn read_bounded(path: &Path, limit: u64) -> Option<Vec<u8>> {
    let file = fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= limit).then_some(bytes)
}

/// The version the cache is written by: the release and the build, told
/// apart by the size and time of the program file, so that a build whose
/// rules changed (every development build is `0.1.0`) never reads the
/// findings of another. Empty when the program file cannot be looked at,
/// and no cache is then used.
fn version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| format!("{} {} {}", env!("CARGO_PKG_VERSION"), m.len(), mtime_ns(&m)))
            .unwrap_or_default()
    });
    &VERSION
}

fn now_ns() -> i64 {
    signed_ns(SystemTime::now())
}

fn mtime_ns(metadata: &fs::Metadata) -> i64 {
    metadata.modified().map_or(i64::MIN, signed_ns)
}

fn signed_ns(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    }
}

fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Decision => 0,
        Kind::Review => 1,
        Kind::Charter => 2,
        Kind::People => 3,
        Kind::Special => 4,
        Kind::Stray => 5,
        Kind::Ignored => 6,
    }
}

/// A cached finding, on the file at `path` when it was cached with that
/// file; `None` when it names a rule or status this version does not know,
/// or no path (the cache is then not used).
fn diagnostic(
    f: Finding,
    codes: &HashMap<&str, Code>,
    path: Option<&Arc<str>>,
) -> Option<Diagnostic> {
    let fix = match f.fix {
        None => None,
        Some(StoredFix::AddReference { path, key, id }) => Some(Fix::AddReference {
            path,
            key: ["superseded-by", "supersedes"]
                .into_iter()
                .find(|k| *k == key)?,
            id: match id {
                StoredId::Num(n) => Id::Num(n),
                StoredId::Name(name) => Id::Name(name),
            },
        }),
        Some(StoredFix::SetStatus { path, status }) => Some(Fix::SetStatus {
            path,
            status: Status::parse(&status)?,
        }),
    };
    Some(Diagnostic {
        code: *codes.get(f.code.as_str())?,
        severity: if f.error {
            Severity::Error
        } else {
            Severity::Warning
        },
        path: match (f.path, path) {
            (Some(own), _) => own.into(),
            (None, Some(file)) => Arc::clone(file),
            (None, None) => return None,
        },
        line: f.line,
        column: f.column,
        message: f.message,
        help: f.help.map(Cow::Owned),
        fix: fix.map(Box::new),
        quote: None,
    })
}
