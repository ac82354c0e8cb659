//! Walking the log folder: which files to load, in which order.

use std::path::{Path, PathBuf};

use super::{DisplayPaths, Failure, Kind, Location, classify, display_path};
use crate::yaml::Pos;

/// A file the walk found to load.
pub(super) struct Candidate {
    /// Its place in the walk, which orders failures and strays.
    pub(super) place: usize,
    pub(super) abs: PathBuf,
    /// Its display path ([`display_path`] from the repository root).
    pub(super) path: String,
    pub(super) kind: Kind,
    pub(super) symlink: bool,
    /// The walk saw a regular file (not a link, FIFO, socket or device).
    pub(super) regular: bool,
}

impl Candidate {
    /// A file named by the caller rather than found by the walk: whether
    /// it is a link is looked up, and its size will be when it is read.
    pub(super) fn named(abs: PathBuf, path: String, kind: Kind) -> Candidate {
        let symlink = std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink());
        Candidate {
            place: 0,
            abs,
            path,
            kind,
            symlink,
            regular: false,
        }
    }
}

/// The folder whose files are reviews, walked apart from the rest of the
/// log so that reviews can be read while the rest is still being walked.
pub(super) const REVIEWS: &str = "reviews";

/// What one part of the walk found, in the order of the whole walk: files
/// to load, numbered from 0 in that order ([`Candidate::place`]), and
/// failures met on the way (folders that cannot be read, templates that
/// `new` would refuse), with the keys that order them.
pub(super) struct Part {
    pub(super) candidates: Vec<Candidate>,
    pub(super) failures: Vec<(Vec<u8>, Failure)>,
    /// How many of `candidates` come before the reviews folder's files in
    /// the order of the whole walk.
    before_reviews: usize,
}

/// The reviews folder, when the log has one: a folder, not a link to one
/// (the walk follows no link).
pub(super) fn reviews_folder(dir: &Path) -> Option<PathBuf> {
    let folder = dir.join(REVIEWS);
    std::fs::symlink_metadata(&folder)
        .is_ok_and(|m| m.is_dir())
        .then_some(folder)
}

/// Walks the log folder in file-name order: without its reviews folder
/// when `reviews` is true ([`walk_reviews`] walks that); else all of it.
pub(super) fn walk(location: &Location, reviews: bool) -> Part {
    let walker = walkdir::WalkDir::new(&location.dir)
        .follow_links(false)
        .max_depth(3)
        .into_iter()
        .filter_entry(move |entry| {
            !(reviews && entry.depth() == 1 && entry.file_type().is_dir())
                || entry.file_name() != REVIEWS
        });
    walked(location, walker, 0)
}

/// Walks the reviews folder `folder` of the log, as [`walk`] would.
pub(super) fn walk_reviews(location: &Location, folder: &Path) -> Part {
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .follow_root_links(false)
        .max_depth(2)
        .into_iter();
    walked(location, walker, 1)
}

impl Part {
    /// Numbers the files of this part, the log without its reviews folder,
    /// and of that folder's part, of `count` files, in the order of the
    /// whole walk, in which the reviews folder's files come together (every
    /// key under it starts with `reviews` and a zero byte). Returns what to
    /// add to the place of each file of the reviews folder.
    pub(super) fn make_room(&mut self, count: usize) -> usize {
        let before = self.before_reviews;
        for file in &mut self.candidates[before..] {
            file.place += count;
        }
        before
    }
}

/// The entries of `walker`, whose root is `depth` folders below the log
/// folder, in the order of the whole walk.
fn walked(
    location: &Location,
    walker: impl Iterator<Item = walkdir::Result<walkdir::DirEntry>>,
    depth: usize,
) -> Part {
    let dir = &location.dir;
    // Not sorted by walkdir, whose comparison takes each entry's file name
    // apart again from its path: a tenth of `list`. Sorted below by a key
    // made once per entry, in the same order.
    let shown = DisplayPaths::new(dir, &location.root);
    let mut candidates = Vec::new();
    let mut failures = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                // A file of the folder itself is its name; only those in
                // subfolders are taken apart.
                let rel = match entry.depth() + depth {
                    1 => Path::new(entry.file_name()),
                    _ => entry.path().strip_prefix(dir).unwrap_or(entry.path()),
                };
                let kind = classify(rel);
                // Its bytes first: comparing paths takes them apart.
                if rel.as_os_str().as_encoded_bytes().starts_with(b"templates")
                    && rel.starts_with("templates")
                {
                    // Overrides are read by `new`: the same limits, reported here.
                    let why = crate::templates::problem(
                        dir,
                        entry.path(),
                        location.config.max_file_bytes,
                    );
                    if let Some(why) = why {
                        failures.push((
                            walk_key(rel),
                            Failure {
                                path: display_path(entry.path(), &location.root),
                                abs: entry.path().to_path_buf(),
                                pos: Pos::new(1, 1),
                                message: format!("template {why}; `decide new` will not use it"),
                            },
                        ));
                    }
                }
                if kind == Kind::Ignored || kind == Kind::Special {
                    continue;
                }
                let key = match entry.depth() + depth {
                    // A name alone: its bytes are its only component.
                    1 => [rel.as_os_str().as_encoded_bytes(), &[0]].concat(),
                    _ => walk_key(rel),
                };
                let path = shown.of(entry.path(), rel);
                let (symlink, regular) = (entry.path_is_symlink(), entry.file_type().is_file());
                candidates.push((
                    Key::new(key),
                    Candidate {
                        place: 0,
                        abs: entry.into_path(),
                        path,
                        kind,
                        symlink,
                        regular,
                    },
                ));
            }
            Err(err) => {
                let abs = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.clone());
                failures.push((
                    walk_key(abs.strip_prefix(dir).unwrap_or(&abs)),
                    Failure {
                        path: display_path(&abs, &location.root),
                        abs,
                        pos: Pos::new(1, 1),
                        message: format!("cannot read: {err}"),
                    },
                ));
            }
        }
    }
    // Each path is one entry's: an unstable sort orders them the same.
    candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    failures.sort_by(|a, b| a.0.cmp(&b.0));
    let folder = [REVIEWS.as_bytes(), &[0]].concat();
    let before_reviews = candidates.partition_point(|(key, _)| key.bytes < folder);
    let candidates = candidates
        .into_iter()
        .enumerate()
        .map(|(place, (_, candidate))| Candidate { place, ..candidate })
        .collect();
    Part {
        candidates,
        failures,
        before_reviews,
    }
}

/// A [`walk_key`] with its first eight bytes as a number, which orders
/// two keys without looking further when they differ there, as the names
/// of a log's decisions mostly do (`00042-de`): sorting the walk took a
/// sixth of its time comparing keys byte by byte.
#[derive(PartialEq, Eq)]
struct Key {
    /// The first eight bytes, big-endian, padded with zeros: ordered as
    /// the bytes are, except where they are equal, which `bytes` decides.
    head: u64,
    bytes: Vec<u8>,
}

impl Key {
    fn new(bytes: Vec<u8>) -> Key {
        let mut head = [0; 8];
        let n = bytes.len().min(8);
        head[..n].copy_from_slice(&bytes[..n]);
        Key {
            head: u64::from_be_bytes(head),
            bytes,
        }
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        self.head
            .cmp(&other.head)
            .then_with(|| self.bytes.cmp(&other.bytes))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// What orders a path of the walk as a depth-first walk with each folder's
/// entries sorted by name orders it: its components' bytes, each followed
/// by a zero byte, which no name holds and which sorts before every other,
/// so that a folder's entries come right after it and before its siblings
/// (`a/x` before `a-b`).
fn walk_key(rel: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(rel.as_os_str().len() + 4);
    for part in rel.components() {
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// The order of [`walk_key`] for two relative paths given as bytes: by
/// name, a folder's files before the next name, as if each separator
/// sorted before any byte of a name. Compared where the two first differ,
/// without a key made of each path: what `check`'s cache sorts its
/// snapshot of the folder by (keys for 100,000 files took 7 MB there;
/// the walk itself keeps its keys, which sort faster).
pub(crate) fn walk_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let same = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= same && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    while i < same && a[i] == b[i] {
        i += 1;
    }
    if i == same {
        return a.len().cmp(&b.len());
    }
    let key = |byte: u8| match byte {
        b if b == std::path::MAIN_SEPARATOR as u8 => 0,
        b => u16::from(b) + 1,
    };
    key(a[i]).cmp(&key(b[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_as_their_bytes() {
        let words: Vec<Vec<u8>> = [
            &b""[..],
            b"a",
            b"a\0",
            b"a\0b\0",
            b"ab\0",
            b"abcdefg\0",
            b"abcdefgh\0",
            b"abcdefgh\0x\0",
            b"abcdefgi",
            b"abcdefg\xff",
            b"00042-decision-42.md\0",
            b"00042-decision-5.md\0",
            b"reviews\0",
            b"reviews\0a.md\0",
            b"reviews.md\0",
        ]
        .iter()
        .map(|w| w.to_vec())
        .collect();
        for a in &words {
            for b in &words {
                let keys = (Key::new(a.clone()), Key::new(b.clone()));
                assert_eq!(keys.0.cmp(&keys.1), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn walk_keys_order_paths_as_a_sorted_depth_first_walk() {
        let mut paths: Vec<&Path> = [
            "a-b.md",
            "a/x.md",
            "a",
            "ab.md",
            "reviews/2026-01-01-r.md",
            "reviews.md",
            "reviews/a.md",
            "0001-a.md",
            "0001-a b.md",
            "0001-a.md.bak",
            "Z.md",
            "é.md",
            "templates/decision.md",
            "0010-x.md",
            "0002-y.md",
        ]
        .iter()
        .map(Path::new)
        .collect();
        // Path's order compares components, as walking sorted folders does.
        let mut by_components = paths.clone();
        by_components.sort();
        paths.sort_by_key(|p| walk_key(p));
        assert_eq!(paths, by_components);
    }

    /// [`walk_order`] is the order of the walk's keys and of a key with
    /// the separator made the lowest byte, for paths that first differ at
    /// a separator, at a byte below it, in length, and after eight and
    /// sixteen bytes alike.
    #[test]
    fn files_are_in_the_order_of_the_walk() {
        let sep = std::path::MAIN_SEPARATOR;
        let mut paths: Vec<String> = [
            "reviews/2026-01-01-a.md",
            "reviews-old.md",
            "reviews.md",
            "reviews",
            "reviews!",
            "a b.md",
            "a/b.md",
            "a.md",
            "a",
            "0001-decision-1.md",
            "0001-decision-10.md",
            "0001-decision-1.md.bak",
            "00012345/x.md",
            "00012345-x.md",
            "0001234567890123/x.md",
            "0001234567890123.md",
            "caf\u{e9}.md",
            "cafe.md",
            "",
        ]
        .iter()
        .map(|p| p.replace('/', &sep.to_string()))
        .collect();
        let key = |p: &String| -> Vec<u8> {
            p.bytes()
                .map(|b| if b == sep as u8 { 0 } else { b })
                .collect()
        };
        let mut expected = paths.clone();
        expected.sort_by_key(key);
        paths.reverse();
        paths.sort_by(|a, b| walk_order(a.as_bytes(), b.as_bytes()));
        assert_eq!(paths, expected);
        // And it is the walk's own order.
        let mut walked: Vec<String> = expected.iter().rev().cloned().collect();
        walked.sort_by_key(|p| walk_key(Path::new(p)));
        assert_eq!(walked, expected);
        for a in &expected {
            for b in &expected {
                assert_eq!(
                    walk_order(a.as_bytes(), b.as_bytes()),
                    key(a).cmp(&key(b)),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
