//! Atomic writes: every file is written beside its target, flushed, and
//! renamed into place ([`write_atomic`], [`Staged`]), so a crash or a kill
//! leaves either the old file or the new one, never a mix. New files are
//! created without ever replacing an existing one ([`create_new`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A file's new contents, written next to it and not yet in place.
///
/// Staging every file of a multi-file edit before committing any keeps a
/// failure (disk full, permissions) from leaving one file changed and its
/// partner not.
#[derive(Debug)]
pub struct Staged {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

pub(super) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn temp_builder<'a>() -> tempfile::Builder<'a, 'a> {
    let mut builder = tempfile::Builder::new();
    // Not `.md`, so a temporary file left by a killed process is never read as a record.
    builder.prefix(".decide-").suffix(".tmp");
    builder
}

/// Writes `contents` to a temporary file beside `path` with `path`'s permissions.
pub fn stage(path: &Path, contents: &[u8]) -> Result<Staged, Error> {
    stage_with(path, |file| file.write_all(contents))
}

fn stage_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<Staged, Error> {
    // Through a symbolic link to the real file, so the link itself survives.
    let target = fs::canonicalize(path).map_err(io_error(path))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target).map_err(io_error(path))?.permissions();
    let mut temp = temp_builder().tempfile_in(dir).map_err(io_error(dir))?;
    let file = temp.as_file_mut();
    write(file)
        .and_then(|()| file.set_permissions(permissions))
        .and_then(|()| file.sync_all())
        .map_err(io_error(path))?;
    Ok(Staged { temp, target })
}

impl Staged {
    /// Renames the new contents over the file, atomically.
    pub fn commit(self) -> Result<(), Error> {
        let Staged { temp, target } = self;
        temp.persist(&target)
            .map(drop)
            .map_err(|e| io_error(&target)(e.error))
    }
}

impl Staged {
    /// Puts the new contents at `path` instead of over the original, failing
    /// if anything exists at `path`: the copy half of renaming a record
    /// without ever replacing another. `path` must be in the same folder.
    pub fn commit_new(self, path: &Path) -> Result<(), Error> {
        self.temp
            .persist_noclobber(path)
            .map(drop)
            .map_err(|e| io_error(path)(e.error))
    }
}

/// Replaces `path`'s contents atomically: a temporary file in the same folder
/// is written, flushed to disk and renamed over `path`. The file's permissions
/// are kept. If anything fails, `path` is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    stage(path, contents)?.commit()
}

/// Creates `path` with `text`, failing if it already exists, so two commands
/// creating the same file at once can never overwrite each other. The file
/// appears complete or not at all: it is written aside and linked into place.
pub fn create_new(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = temp_builder();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The usual mode for a new file, less the umask (a temporary file is private by default).
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(io_error(dir))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io_error(path))?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(io_error(path)(e.error)),
        Err(_) => {
            // A file system without hard links or no-replace renames: fall
            // back to an exclusive create, which still never overwrites.
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(io_error(path))?;
            file.write_all(text.as_bytes()).map_err(io_error(path))
        }
    }
}

/// Whether `name` is a temporary file of [`stage`] or [`create_new`].
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(".decide-") && name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn atomic_write_replaces_contents_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(files(dir.path()), vec!["0001-a.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        fs::write(&path, "original contents\n").unwrap();
        let err = stage_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        let shown = format!("{:#}", anyhow::Error::from(err));
        assert!(shown.contains("disk full"), "{shown}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "original contents\n");
        assert_eq!(files(dir.path()), vec!["0001-a.md"]);
    }

    #[test]
    fn staged_files_change_nothing_until_committed() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.md");
        fs::write(&a, "a").unwrap();
        fs::write(&b, "b").unwrap();
        let staged_a = stage(&a, b"A").unwrap();
        let staged_b = stage(&b, b"B").unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        drop(staged_b);
        staged_a.commit().unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "A");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        assert_eq!(files(dir.path()), vec!["a.md", "b.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0002-b.md");
        create_new(&path, "first").unwrap();
        let err = create_new(&path, "second").unwrap_err();
        assert!(
            matches!(&err, Error::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(files(dir.path()), vec!["0002-b.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "a new record is readable by others like any new file"
            );
        }
    }
}
