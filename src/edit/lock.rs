//! The log's write lock, and the two entry points every command that
//! changes a log's files goes through ([`locked`], [`with_log`]): an OS
//! advisory lock on the log folder held from the first read to the last
//! rename, so concurrent commands never lose each other's updates and a
//! killed one never leaves a lock behind.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use super::write::{io_error, is_temp_name};
use crate::error::Error;
use crate::log::{Location, Log};
use crate::record::{Decision, Depth, EDIT_KEYS};

/// The lock file, on systems where a folder itself cannot be locked; a
/// file of this name left by an older `decide` (which used create-new lock
/// files) is removed by the next command that takes the lock.
pub const LOCK_FILE: &str = ".decide.lock";

/// How long a command waits for another one editing the same log.
const LOCK_WAIT: Duration = Duration::from_secs(120);

/// The write lock of a log folder, held until dropped.
///
/// It is an OS advisory lock ([`fs::File::lock`]), so it dies with its
/// process: a killed `decide` never leaves a lock that blocks the next run.
/// On Unix the log folder itself is locked, so no lock file exists for git
/// to pick up; elsewhere it is [`LOCK_FILE`] in the log folder.
///
/// Use [`locked`] or [`with_log`] rather than this directly.
#[derive(Debug)]
pub struct LogLock {
    _file: fs::File,
}

impl LogLock {
    /// Waits (at most [`LOCK_WAIT`]) until no other `decide` edits the log
    /// in `dir`, then takes the lock and removes what killed writers left
    /// ([`sweep`]): no other writer can be mid-write while we hold it.
    pub fn acquire(dir: &Path) -> Result<LogLock, Error> {
        let file = open_lock(dir).map_err(io_error(dir))?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(io_error(dir)(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!(
                            "another decide has been editing this log for {} s; try again when it is done",
                            LOCK_WAIT.as_secs()
                        ),
                    )));
                }
                Err(fs::TryLockError::Error(err)) => return Err(io_error(dir)(err)),
            }
        }
        sweep(dir);
        Ok(LogLock { _file: file })
    }
}

#[cfg(unix)]
fn open_lock(dir: &Path) -> io::Result<fs::File> {
    fs::File::open(dir)
}

#[cfg(not(unix))]
fn open_lock(dir: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
}

/// Removes the temporary files that writers killed before their rename left
/// in the log folder and its subfolders (as deep as the log is read), and a
/// create-new lock file left by an older `decide`. Called with the lock
/// held, when no writer can be between staging and renaming.
fn sweep(dir: &Path) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(3)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(".git"));
    for entry in walker.flatten() {
        let name = entry.file_name().to_string_lossy();
        let stale = is_temp_name(&name) || (cfg!(unix) && entry.depth() == 1 && name == LOCK_FILE);
        if stale && entry.file_type().is_file() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// **The one entry point for changing a log's files.** Runs `work` holding
/// the log's [`LogLock`], so that everything `work` reads, edits and renames
/// into place happens as if no other `decide` were running: read-modify-write
/// without a lost update. Every command that writes into a log goes through
/// this or [`with_log`]; a new editing command must too, with its reads
/// inside `work`, not before it.
pub fn locked<T>(dir: &Path, work: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let _lock = LogLock::acquire(dir)?;
    work()
}

/// [`locked`] for the usual case: takes the lock of the log at `location`,
/// then loads the log, so that what `work` edits is what is on disk.
///
/// The decisions `named` picks (those the command line names) are read in
/// full; every other decision only to [`EDIT_KEYS`], and reviews to their
/// fields. Each edit reads its file again from disk, so what the log holds
/// serves to find records and to decide what to write: a command must name
/// every decision whose other keys, body or feedback it reads. Holding
/// every decision in full took 71 MB at 10,000 decisions.
pub fn with_log<T>(
    location: Location,
    named: impl Fn(&Decision) -> bool,
    work: impl FnOnce(Log) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let dir = location.dir.clone();
    locked(&dir, || {
        let staged = Log::load_staged(
            location,
            Depth::Keys(EDIT_KEYS),
            BTreeSet::new(),
            false,
            |r| r,
        );
        let loaded = staged.decisions(|d, _| d);
        let (mut log, decisions) = staged.finish(loaded);
        log.decisions = decisions;
        let full: BTreeSet<_> = log
            .decisions
            .iter()
            .filter(|d| named(d))
            .map(|d| d.meta.path.clone())
            .collect();
        log.load_in_full(|path| full.contains(path));
        work(log)
    })
}
