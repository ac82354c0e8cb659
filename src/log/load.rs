//! Loading the walked files in parallel, each into its record.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::order::{by_path, sorted, sorted_kept};
use super::walk::{self, Candidate};
use super::{Failure, Kind, Location, Log, Projected, Source, Stray, classify, slashed};
use crate::record::{Charter, Decision, Depth, Id, People, Review};
use crate::yaml::Pos;

/// One file once loaded. A decision or review loaded by
/// [`Log::load_projected`] has no [`Source`].
pub(super) enum Loaded {
    /// With the file's text, for a caller that looks at it as the decision
    /// is loaded ([`Staged::decisions`]).
    Decision(Box<Decision>, Option<Source>, String),
    Review(Box<Review>, Option<Source>),
    Charter(Box<Charter>, Source),
    People(Box<People>, Source),
    Stray(Stray),
    Failure(Failure),
}

/// What a load keeps of each decision's and review's file beside its
/// record (the charter and the people file always keep their [`Source`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    /// Nothing: a projected load.
    Record,
    /// Its [`Source`], without the hash of its text.
    Source,
    /// Its [`Source`] without the hash of its text or its suppression
    /// comments: a file read only to relate it to the files named, which
    /// no finding is reported on (the search for the comments went through
    /// every byte of every file, a fiftieth of `check FILE`).
    Bare,
    /// Its [`Source`] with the hash of its text, which only `check`'s cache
    /// reads (the charter's and the people file's are hashed too).
    Hashed,
}

/// A record as [`load_files`] keeps it: the key that orders it, what was
/// kept of it and its source; or what its file loaded as instead (a
/// failure), with the file's place in the walk: boxed, as it is rare and
/// the vector of every file's result is as wide as its widest variant.
pub(super) type Projection<K, T> = Result<(K, T, Option<Source>), Box<(usize, Loaded)>>;

/// What was kept of each decision, as [`Projection`] but with the sources
/// of their files in a vector of their own ([`Sourced`]), which becomes
/// the log's: in the same vector, each source was held twice at the peak
/// of a load, in its decision's slot and in the log's (20 MB at 100,000
/// decisions).
pub(super) type Held<K, T> = Result<(K, T), Box<(usize, Loaded)>>;

/// Each decision's kept value, and its file's source in a vector with
/// room for the other files' sources too.
struct Sourced<D> {
    kept: Vec<Held<Option<Id>, D>>,
    sources: Vec<Option<Source>>,
}

/// Loads the files of the log in parallel, each decision through `decision`
/// and each review through `review`, keeping `kept` of their files. Both [`Log::load_to`] and
/// [`Log::load_projected`] load through here.
pub(super) fn load_files<D: Send, R: Send>(
    location: Location,
    depth: Depth,
    kept: Kept,
    decision: impl Fn(Decision) -> D + Sync,
    review: impl Fn(Review) -> R + Sync,
) -> Projected<D, R> {
    let read = Reading {
        depth,
        review_depth: depth,
        full: BTreeSet::new(),
        kept,
    };
    let (first, reviews) = First::load(location, read, &review);
    let decisions = first.decisions(&|d, _| decision(d), reviews.len());
    let (log, decisions, reviews) = first.finish(decisions, reviews);
    Projected {
        log,
        decisions,
        reviews,
    }
}

/// A log loaded but for its decisions: what [`Log::load_staged`] returns.
/// [`Staged::log`] holds the charter, the people file, every review (to
/// `depth`), the strays and the failures met so far; [`Staged::decisions`]
/// then loads the decisions, each handed to a function that may look at
/// that log, and [`Staged::finish`] puts the two together.
///
/// What `check` needs: the rules about one decision look at the reviews
/// and the registry but at no other decision, so each decision can be
/// checked as soon as it is read and only the little the rules relating
/// decisions need be kept ([`crate::log`] never names the rules: the
/// function is the caller's).
pub struct Staged {
    first: First,
}

impl Staged {
    pub(super) fn load(
        location: Location,
        depth: Depth,
        full: BTreeSet<String>,
        kept: Kept,
        review: impl Fn(Review) -> Review + Sync,
    ) -> Staged {
        let read = Reading {
            depth,
            // The rules about a decision read most of every review.
            review_depth: match depth {
                Depth::Keys(_) => Depth::Fields,
                other => other,
            },
            full,
            kept,
        };
        let (mut first, reviews) = First::load(location, read, &review);
        first.log.reviews = sorted(reviews, &mut first.sources, &mut first.late);
        Staged { first }
    }

    /// The log without its decisions.
    pub fn log(&self) -> &Log {
        &self.first.log
    }

    /// The reviews, to be changed in place before the decisions are
    /// loaded (`check` lets go of what it no longer reads of them).
    pub fn reviews_mut(&mut self) -> &mut [Review] {
        &mut self.first.log.reviews
    }

    /// Loads every decision, in parallel, through `decision`, which gets
    /// each as soon as it is built, with the text of its file: the
    /// decisions of the whole log never exist at once. Called once: the
    /// walk's list of files is given up as they are read, so a second call
    /// loads nothing.
    pub fn decisions<D: Send>(
        &self,
        decision: impl Fn(Decision, &str) -> D + Sync,
    ) -> Decisions<D> {
        Decisions(self.first.decisions(&decision, 0))
    }

    /// The log (its `decisions` empty) and what `decisions` kept of each
    /// decision, ordered by (id, path) as [`Log::decisions`] is.
    pub fn finish<D>(self, decisions: Decisions<D>) -> (Log, Vec<D>) {
        let (log, decisions, _) = self.first.finish::<D, ()>(decisions.0, Vec::new());
        (log, decisions)
    }
}

/// What [`Staged::decisions`] loaded, for [`Staged::finish`].
pub struct Decisions<D>(Sourced<D>);

/// How the files of a load are read.
struct Reading {
    /// How far decisions are read.
    depth: Depth,
    /// How far reviews are read.
    review_depth: Depth,
    /// Display paths of the records read in full whatever the depths are.
    full: BTreeSet<String>,
    /// What is kept of decisions' and reviews' files beside their records.
    kept: Kept,
}

/// The first stage of every load: the walk, and every file but decisions
/// loaded.
struct First {
    log: Log,
    canonical_dir: std::path::PathBuf,
    read: Reading,
    /// In display-path order, so that the stable sort by id at the end
    /// orders decisions by (id, path) without their paths kept aside.
    /// Taken when they are loaded, each given up as it is read.
    decision_files: Mutex<Vec<Candidate>>,
    /// Strays and failures, with their place in the walk, which orders them.
    late: Vec<(usize, Loaded)>,
    sources: Vec<Source>,
}

impl First {
    /// The walk, and every file but decisions loaded, reviews through
    /// `review`: they are read while the rest of the log is still being
    /// walked (a tenth of `check FILE`), so they are loaded first whatever
    /// the caller does with them.
    fn load<R: Send>(
        location: Location,
        read: Reading,
        review: &(impl Fn(Review) -> R + Sync),
    ) -> (First, Vec<Projection<String, R>>) {
        let canonical_dir =
            fs::canonicalize(&location.dir).unwrap_or_else(|_| location.dir.clone());
        let reviews_folder = walk::reviews_folder(&location.dir);
        let mut first = First {
            log: Log {
                location,
                decisions: Vec::new(),
                reviews: Vec::new(),
                charter: None,
                people: None,
                strays: Vec::new(),
                failures: Vec::new(),
                sources: Vec::new(),
            },
            canonical_dir,
            read,
            decision_files: Mutex::default(),
            late: Vec::new(),
            sources: Vec::new(),
        };
        // One thread walks the log but its reviews folder while the other
        // walks that folder and reads its reviews; the first joins in once
        // done. Their files are numbered in the order of the whole walk
        // once both are done.
        let (mut rest, reviews) = rayon::join(
            || walk::walk(&first.log.location, reviews_folder.is_some()),
            || {
                let folder = reviews_folder.as_deref()?;
                let part = walk::walk_reviews(&first.log.location, folder);
                let count = part.candidates.len();
                let (files, others): (Vec<_>, Vec<_>) = part
                    .candidates
                    .into_iter()
                    .partition(|file| file.kind == Kind::Review);
                let loaded = load_records(files, |file| {
                    let place = file.place;
                    match first.read(file) {
                        Loaded::Review(r, s) => Ok((r.id.clone(), review(*r), s)),
                        other => Err(Box::new((place, other))),
                    }
                });
                Some((count, others, part.failures, loaded))
            },
        );
        let mut reviews_loaded = Vec::new();
        if let Some((count, others, failures, loaded)) = reviews {
            let offset = rest.make_room(count);
            rest.candidates
                .extend(others.into_iter().map(|file| Candidate {
                    place: file.place + offset,
                    ..file
                }));
            rest.failures.extend(failures);
            rest.failures.sort_by(|a, b| a.0.cmp(&b.0));
            reviews_loaded = loaded;
            for other in reviews_loaded.iter_mut().filter_map(|r| r.as_mut().err()) {
                other.0 += offset;
            }
        }
        let (candidates, failures) = (rest.candidates, rest.failures);
        first.log.failures = failures.into_iter().map(|(_, f)| f).collect();
        let (mut decision_files, other_files): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .partition(|file| file.kind == Kind::Decision);
        decision_files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut others: Vec<(usize, Loaded)> = other_files
            .into_par_iter()
            .map(|file| (file.place, first.read(file)))
            .collect();
        others.sort_by_key(|(i, _)| *i);
        for (place, item) in others {
            match item {
                Loaded::Charter(c, s) => {
                    first.log.charter = Some(*c);
                    first.sources.push(s);
                }
                Loaded::People(p, s) => {
                    first.log.people = Some(*p);
                    first.sources.push(s);
                }
                // Strays and failures; decisions were set apart above.
                other => first.late.push((place, other)),
            }
        }
        first.decision_files = Mutex::new(decision_files);
        (first, reviews_loaded)
    }

    fn read(&self, file: Candidate) -> Loaded {
        let read = &self.read;
        let full = !read.full.is_empty() && read.full.contains(&file.path);
        let depth = match (full, file.kind) {
            (true, _) => Depth::Full,
            (false, Kind::Review) => read.review_depth,
            (false, _) => read.depth,
        };
        // With files named, the others are read only to relate them to
        // those: no finding on them is reported, so no comment silences one.
        let kept = match read.kept {
            Kept::Source if !read.full.is_empty() && !full => Kept::Bare,
            other => other,
        };
        load_one(file, &self.canonical_dir, &self.log.location, depth, kept)
    }

    /// Loads the decisions through `decision`; `more` is how many
    /// sources of reviews are still to be added to the log's after them
    /// (besides those it holds already), for which their vector keeps room.
    fn decisions<D: Send>(
        &self,
        decision: &(impl Fn(Decision, &str) -> D + Sync),
        more: usize,
    ) -> Sourced<D> {
        let files = match self.decision_files.lock() {
            Ok(mut files) => std::mem::take(&mut *files),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        let mut kept = Vec::new();
        let mut sources = Vec::new();
        let loaded = files.into_par_iter().map(|file| {
            let place = file.place;
            match self.read(file) {
                Loaded::Decision(d, s, text) => (Ok((d.id.clone(), decision(*d, &text))), s),
                other => (Err(Box::new((place, other))), None),
            }
        });
        if self.read.kept == Kept::Record {
            loaded.map(|(kept, _)| kept).collect_into_vec(&mut kept);
        } else {
            sources.reserve_exact(loaded.len() + self.sources.len() + more);
            loaded.unzip_into_vecs(&mut kept, &mut sources);
        }
        Sourced { kept, sources }
    }

    /// The log with its strays and failures in walk order and its sources
    /// sorted, and the decisions and reviews each ordered by id (stable:
    /// decisions of equal id stay in path order, reviews in walk order).
    fn finish<D, R>(
        mut self,
        decisions: Sourced<D>,
        reviews: Vec<Projection<String, R>>,
    ) -> (Log, Vec<D>, Vec<R>) {
        // The decisions' sources, in place, then the others in the room
        // kept for them. (`flatten` would collect them into a new vector,
        // grown by doubling: `filter_map` is collected in place.)
        #[allow(clippy::filter_map_identity)]
        let mut sources: Vec<Source> = decisions.sources.into_iter().filter_map(|s| s).collect();
        sources.append(&mut self.sources);
        self.sources = sources;
        let decisions = sorted_kept(decisions.kept, &mut self.late);
        let reviews = sorted(reviews, &mut self.sources, &mut self.late);
        self.late.sort_by_key(|(i, _)| *i);
        let mut log = self.log;
        for (_, item) in self.late {
            match item {
                Loaded::Stray(s) => log.strays.push(s),
                Loaded::Failure(f) => log.failures.push(f),
                // Every other kind was kept where it belongs when loaded.
                Loaded::Decision(..)
                | Loaded::Review(..)
                | Loaded::Charter(..)
                | Loaded::People(..) => {}
            }
        }
        by_path(&mut self.sources);
        log.sources = self.sources;
        (log, decisions, reviews)
    }
}

/// Loads `files` in parallel through `load`. Each record is projected on
/// the thread that built it, as soon as it is built, so the records of the
/// whole log never exist at once; each file's paths move into what it
/// loads as; the vector of results then becomes the vector of values in
/// place rather than being copied (either would set peak memory).
fn load_records<K: Send, T: Send>(
    files: Vec<Candidate>,
    load: impl Fn(Candidate) -> Projection<K, T> + Sync,
) -> Vec<Projection<K, T>> {
    files.into_par_iter().map(&load).collect()
}

/// Loads one file as its kind, keeping `kept` of it. A [`Source`] is made
/// only when kept: making one looks through the text for suppression
/// comments, and hashing it reads it all again, which only `check`'s cache
/// needs.
pub(super) fn load_one(
    file: Candidate,
    canonical_dir: &Path,
    location: &Location,
    depth: Depth,
    kept: Kept,
) -> Loaded {
    let Candidate {
        abs,
        path,
        kind,
        symlink,
        regular,
        ..
    } = file;
    let fail = |message: String, pos: Pos| {
        Loaded::Failure(Failure {
            path: path.clone(),
            abs: abs.clone(),
            pos,
            message,
        })
    };
    if symlink {
        match fs::canonicalize(&abs) {
            Err(err) => {
                return fail(
                    format!("broken or looping symbolic link: {err}"),
                    Pos::new(1, 1),
                );
            }
            Ok(target) if !target.starts_with(canonical_dir) => {
                return fail(
                    format!(
                        "symbolic link to {} outside the log; not followed",
                        slashed(&target)
                    ),
                    Pos::new(1, 1),
                );
            }
            // One file under two names: read as two records, an edit through
            // one name would be erased by an edit through the other. (A
            // link to a file that is not read as a record itself is its
            // only name as a record, and is read.)
            Ok(target)
                if target.strip_prefix(canonical_dir).is_ok_and(|rel| {
                    matches!(
                        classify(rel),
                        Kind::Decision | Kind::Review | Kind::Charter | Kind::People
                    )
                }) =>
            {
                let shown = target.strip_prefix(canonical_dir).unwrap_or(&target);
                return fail(
                    format!(
                        "symbolic link to {} in the log: the same file under a second name; not read",
                        shown.display()
                    ),
                    Pos::new(1, 1),
                );
            }
            Ok(_) => {}
        }
    }
    let text = match read_limited(&abs, location.config.max_file_bytes, regular && !symlink) {
        Ok(text) => text,
        Err(ReadError::TooLarge(size)) => {
            return fail(
                format!(
                    "file is {size} bytes, over max-file-bytes ({}); not read",
                    location.config.max_file_bytes
                ),
                Pos::new(1, 1),
            );
        }
        Err(ReadError::NotUtf8(pos)) => return fail("file is not valid UTF-8".into(), pos),
        Err(ReadError::NotRegular) => {
            return fail(
                "not a regular file (a FIFO, socket or device); not read".into(),
                Pos::new(1, 1),
            );
        }
        Err(ReadError::Io(err)) => return fail(format!("cannot read: {err}"), Pos::new(1, 1)),
    };
    // The record is built first, with the name it borrows from `abs`;
    // then the paths move into its source, which shares the display path
    // with the record (and the record with its findings).
    let make_source = |path: Arc<str>, abs: PathBuf| {
        // A bare source is not searched for suppression comments.
        let searched = if kept == Kept::Bare { "" } else { &text };
        let mut source = Source::new(path, abs, searched);
        source.limit = location.config.max_file_bytes;
        match kept {
            Kept::Hashed => source.hashed(&text),
            Kept::Record | Kept::Source | Kept::Bare => source,
        }
    };
    let source = kept != Kept::Record;
    match kind {
        Kind::Decision => {
            let path: Arc<str> = path.into();
            let d = Decision::parse_to(Arc::clone(&path), file_name(&path), &text, depth);
            let source = source.then(|| make_source(path, abs));
            Loaded::Decision(Box::new(d), source, text)
        }
        Kind::Review => {
            let path: Arc<str> = path.into();
            let r = Review::parse_to(Arc::clone(&path), file_name(&path), &text, depth);
            Loaded::Review(Box::new(r), source.then(|| make_source(path, abs)))
        }
        Kind::Charter => {
            let path: Arc<str> = path.into();
            let c = Charter::parse(Arc::clone(&path), &text);
            Loaded::Charter(Box::new(c), make_source(path, abs))
        }
        Kind::People => {
            let path: Arc<str> = path.into();
            let p = People::parse(Arc::clone(&path), &text);
            Loaded::People(Box::new(p), make_source(path, abs))
        }
        Kind::Stray => Loaded::Stray(Stray { path, abs }),
        Kind::Special | Kind::Ignored => unreachable!("filtered out before loading"),
    }
}

/// The file name in `path`, a display path (`/` between its parts, as
/// text): its last part, the file name as text. Taken from the path, not
/// from the absolute one component by component and converted again (2%
/// of `check FILE`).
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The hash [`Source::hash`] holds.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The room a file whose size is not looked up is read into at first:
/// more than most records take, so that most are read in one call.
const READ_ROOM: u64 = 16 * 1024;

pub(super) enum ReadError {
    TooLarge(u64),
    NotRegular,
    NotUtf8(Pos),
    Io(std::io::Error),
}

/// Reads a file as UTF-8, refusing one larger than `limit` before reading
/// more of it than [`READ_ROOM`]. A file the walk saw as `regular` is read
/// first and looked at only when it fills that room: most records are
/// smaller, and are read without the system call that looks up a size.
pub(super) fn read_limited(path: &Path, limit: u64, regular: bool) -> Result<String, ReadError> {
    // Opened without waiting (a FIFO opened the usual way would wait for a
    // writer forever) and without becoming the process's terminal, then
    // looked at through the open file: one lookup of the path, not two
    // (a tenth of the system time of `list`), and no window between
    // looking and opening. A file swapped for a FIFO or a device after the
    // walk reads as empty, fails to read, or is looked at once it fills
    // the room, as any large file is.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let mut file = options.open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    if regular {
        let room = READ_ROOM.min(limit.saturating_add(1));
        bytes.reserve_exact(room as usize);
        (&mut file)
            .take(room)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if (bytes.len() as u64) < room {
            return utf8(bytes);
        }
    }
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    bytes.reserve_exact((metadata.len() + 1).saturating_sub(bytes.len() as u64) as usize);
    // `take` guards against a file that grows between the check and the read.
    file.take(limit.saturating_add(1) - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    utf8(bytes)
}

/// The text of a file's bytes, or where they stop being UTF-8.
fn utf8(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        ReadError::NotUtf8(Pos::new(line, col))
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::log::locate;

    /// A record's file name is the last part of its display path, as
    /// the absolute path's last component would give it.
    #[test]
    fn a_file_name_is_the_last_part_of_its_display_path() {
        for (path, name) in [
            ("decisions/0001-a.md", "0001-a.md"),
            ("0001-a.md", "0001-a.md"),
            ("../log/reviews/2026-01-02-b.md", "2026-01-02-b.md"),
            (
                "decisions/0002-caf\u{e9}\u{fffd}.md",
                "0002-caf\u{e9}\u{fffd}.md",
            ),
        ] {
            assert_eq!(file_name(path), name);
            let abs = Path::new("/repo").join(path);
            assert_eq!(abs.file_name().unwrap().to_string_lossy(), name);
        }
    }

    #[test]
    fn files_of_every_size_around_the_first_read_are_read_whole_or_refused() {
        let dir = tempfile::tempdir().unwrap();
        let room = READ_ROOM as usize;
        for size in [0, 1, room - 1, room, room + 1, 3 * room + 7] {
            let path = dir.path().join(format!("{size}.md"));
            let text: String = (0..size).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            fs::write(&path, &text).unwrap();
            for regular in [true, false] {
                let read = read_limited(&path, 1 << 20, regular).ok().unwrap();
                assert_eq!(read, text, "{size} bytes, regular {regular}");
                // Refused with the file's size, whether or not it was looked up first.
                for limit in [size as u64 / 2, room as u64 - 1, size as u64, u64::MAX] {
                    let result = read_limited(&path, limit, regular);
                    match result {
                        Err(ReadError::TooLarge(n)) => {
                            assert!(limit < size as u64, "{size} under {limit}");
                            assert_eq!(n, size as u64, "{size} over {limit}, regular {regular}");
                        }
                        Ok(read) => {
                            assert!(limit >= size as u64, "{size} over {limit} read");
                            assert_eq!(read, text);
                        }
                        Err(_) => panic!("{size} bytes: not read"),
                    }
                }
            }
        }
    }

    #[test]
    fn files_around_and_under_the_reviews_folder_keep_the_order_of_the_walk() {
        // The reviews folder is walked apart from the rest and its reviews
        // read first: strays and failures on both sides of it, and under
        // it, still come in the order of one sorted walk.
        let dir = tempfile::tempdir().unwrap();
        let log_dir = dir.path().join("decisions");
        fs::create_dir_all(log_dir.join("reviews/sub")).unwrap();
        let files: [(&str, &[u8]); 11] = [
            ("z.md", b"# z\n"),
            ("reviewsz.md", b"# after the folder\n"),
            ("reviews.md", b"# after the folder too\n"),
            ("reviews/sub/x.md", b"# under it\n"),
            ("reviews/2026-01-02-b.md", b"---\nkind: caf\xe9\n---\n"),
            ("reviews/2026-01-01-a.md", b"---\nkind: retro\n---\n"),
            ("0001-x.md", b"---\nstatus: caf\xe9\n---\n"),
            ("0002-y.md", b"---\nstatus: draft\n---\n# Y\n"),
            ("a.md", b"# before it\n"),
            ("b.md", b"# before it too\n"),
            ("0003-z.md", b"---\nstatus: caf\xe9\n---\n"),
        ];
        for (name, bytes) in files {
            fs::write(log_dir.join(name), bytes).unwrap();
        }
        let location = locate(dir.path(), Some(Path::new("decisions")), None).unwrap();
        let strays = [
            "decisions/a.md",
            "decisions/b.md",
            "decisions/reviews/sub/x.md",
            "decisions/reviews.md",
            "decisions/reviewsz.md",
            "decisions/z.md",
        ];
        let failures = [
            "decisions/0001-x.md",
            "decisions/0003-z.md",
            "decisions/reviews/2026-01-02-b.md",
        ];
        let full = Log::load(location.clone());
        let staged = Log::load_staged(location, Depth::Full, BTreeSet::new(), false, |r| r);
        let reviews: Vec<&str> = staged.log().reviews.iter().map(|r| &*r.meta.path).collect();
        assert_eq!(reviews, ["decisions/reviews/2026-01-01-a.md"]);
        let decisions = staged.decisions(|d, _| d.meta.path);
        let (staged, _) = staged.finish(decisions);
        for log in [&full, &staged] {
            let shown: Vec<&str> = log.strays.iter().map(|s| s.path.as_str()).collect();
            assert_eq!(shown, strays);
            let shown: Vec<&str> = log.failures.iter().map(|f| f.path.as_str()).collect();
            assert_eq!(shown, failures);
        }
        assert_eq!(full.reviews.len(), 1);
        assert_eq!(full.decisions.len(), 1);
    }

    #[test]
    fn a_projected_load_keeps_the_order_of_a_full_load() {
        // Three decisions with id 2 (two by front matter), a named id, broken
        // front matter, no front matter, a file that is not UTF-8, a stray.
        let dir = tempfile::tempdir().unwrap();
        let log_dir = dir.path().join("decisions");
        fs::create_dir_all(log_dir.join("reviews")).unwrap();
        let files = [
            ("0009-late.md", "---\nid: 2\nstatus: draft\n---\n# Late\n"),
            ("0002-early.md", "---\nstatus: draft\n---\n# Early\n"),
            ("0004-named.md", "---\nid: adr-x\n---\n# Named\n"),
            ("0003-broken.md", "---\nstatus: [x\n---\n"),
            ("0001-first.md", "---\nid: 2\n---\n# First\n"),
            ("0005-five.md", "# Five\n"),
            ("notes.md", "# A stray\n"),
            ("reviews/2026-02-01-b.md", "---\nkind: retro\n---\n"),
            ("reviews/2026-01-01-a.md", "---\nkind: retro\n---\n"),
        ];
        for (name, text) in files {
            fs::write(log_dir.join(name), text).unwrap();
        }
        fs::write(
            log_dir.join("0006-bytes.md"),
            b"---\nstatus: caf\xe9\n---\n",
        )
        .unwrap();
        let location = locate(dir.path(), Some(Path::new("decisions")), None).unwrap();
        let full = Log::load_to(location.clone(), Depth::Fields);
        let projected = Log::load_projected(
            location,
            Depth::Fields,
            |d| d.meta.path.to_string(),
            |r| r.meta.path.to_string(),
        );
        let full_decisions: Vec<&str> = full.decisions.iter().map(|d| &*d.meta.path).collect();
        let full_reviews: Vec<&str> = full.reviews.iter().map(|r| &*r.meta.path).collect();
        assert_eq!(projected.decisions, full_decisions);
        assert_eq!(projected.reviews, full_reviews);
        assert_eq!(
            projected.decisions,
            [
                "decisions/0001-first.md",
                "decisions/0002-early.md",
                "decisions/0009-late.md",
                "decisions/0003-broken.md",
                "decisions/0005-five.md",
                "decisions/0004-named.md",
            ]
        );
        assert!(projected.log.decisions.is_empty() && projected.log.reviews.is_empty());
        assert_eq!(projected.log.strays, full.strays);
        assert_eq!(projected.log.failures, full.failures);
        assert_eq!(projected.log.failures.len(), 1);
        assert!(projected.log.sources.is_empty());
        assert_eq!(full.sources.len(), 8);
    }
}
