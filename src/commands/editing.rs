//! What the editing commands (`status`, `supersede`, `feedback`, `action`)
//! share: finding the one record an id names, editing its file's text with
//! [`crate::edit`], and writing every changed file atomically.

use std::path::{Path, PathBuf};

use crate::edit::{self, Document, EditError};
use crate::error::Error;
use crate::log::Log;
use crate::record::{Decision, FrontMatter, Id, source};
use crate::yaml::Node;

use super::{Named, date_arg, find_named};

/// The decision `text` names, refusing an id that several files share:
/// editing one of them would be a guess.
pub fn unique_decision<'a>(log: &'a Log, text: &str) -> Result<&'a Decision, Error> {
    unique_named(&log.decisions, text)
}

/// [`unique_decision`] among `decisions`, every decision of the log in its
/// order, or what a command kept of each.
pub(crate) fn unique_named<'a, T: Named>(decisions: &'a [T], text: &str) -> Result<&'a T, Error> {
    // Found by its file, a record may still share its id with another.
    let decision = find_named(decisions, text)?;
    let same: Vec<&str> = decisions
        .iter()
        .filter(|d| d.id().is_some() && d.id() == decision.id())
        .map(|d| d.path())
        .collect();
    if same.len() > 1 {
        return Err(Error::Usage(format!(
            "id {text} is used by {} files ({}); give each its own id first (`decide renumber`)",
            same.len(),
            same.join(", ")
        )));
    }
    Ok(decision)
}

/// An id as it is written in a reference: `12` rather than `0012`, as in
/// `supersedes: [12]`.
pub fn id_value(id: &Id) -> String {
    match id {
        Id::Num(n) => n.to_string(),
        Id::Name(name) => name.clone(),
    }
}

/// The ids written under `key` (a list, or one value, possibly `a, b`).
pub fn ids_under(node: Option<&Node>, key: &str) -> Vec<Id> {
    node.map(|n| crate::record::ids_in(n, key))
        .unwrap_or_default()
}

/// `--date`, else today, as `YYYY-MM-DD`.
pub fn date_or_today(arg: Option<&str>, today: chrono::NaiveDate) -> Result<String, Error> {
    let date = arg.map(|d| date_arg("--date", d)).transpose()?;
    Ok(date.unwrap_or(today).format("%Y-%m-%d").to_string())
}

/// One record file being edited.
pub struct FileEdit {
    /// Path for messages, relative to the repository root.
    pub path: String,
    abs: PathBuf,
    original: String,
    doc: Document,
    /// The front matter as the file was opened, for what the record does not keep.
    front: Option<Node<'static>>,
}

impl FileEdit {
    /// Starts editing the record at display path `path`, read again from disk
    /// (the log keeps no file texts).
    pub fn open(log: &Log, path: &str) -> Result<FileEdit, Error> {
        let source = log
            .source(path)
            .ok_or_else(|| Error::Usage(format!("{path}: the file could not be read")))?;
        let text = source.text()?;
        let front = match source::split(source::strip_bom(&text)).front {
            FrontMatter::Parsed(node) => Some(node.into_owned()),
            _ => None,
        };
        Ok(FileEdit {
            path: path.to_string(),
            abs: source.abs.clone(),
            doc: Document::new(text.clone()),
            original: text,
            front,
        })
    }

    /// The front-matter tree of the file as it was opened, before any edit.
    pub fn front(&self) -> Option<&Node<'static>> {
        self.front.as_ref()
    }

    /// Applies one edit; a refusal names the file.
    pub fn apply(
        &mut self,
        edit: impl FnOnce(&mut Document) -> Result<(), EditError>,
    ) -> Result<(), Error> {
        edit(&mut self.doc).map_err(|err| Error::Usage(format!("{}: {err}", self.path)))
    }

    pub fn changed(&self) -> bool {
        self.doc.text() != self.original
    }

    /// The file on disk.
    pub fn abs(&self) -> &Path {
        &self.abs
    }

    /// The contents with the edits made so far.
    pub fn text(&self) -> &str {
        self.doc.text()
    }

    /// The contents as they were read.
    pub fn original(&self) -> &str {
        &self.original
    }
}

/// Writes every changed file: all new contents are staged beside their files
/// first, and only then renamed into place, so a failure while writing
/// leaves every file as it was.
pub fn write(files: &[&FileEdit]) -> anyhow::Result<()> {
    let changed: Vec<&FileEdit> = files.iter().copied().filter(|f| f.changed()).collect();
    let mut staged = Vec::new();
    for file in &changed {
        let result = edit::stage(&file.abs, file.doc.text().as_bytes());
        let nothing = if changed.len() > 1 {
            "no file was changed"
        } else {
            "the file was left as it was"
        };
        staged.push(result.map_err(|err| cannot_write(file, err, nothing))?);
    }
    let mut written: Vec<&str> = Vec::new();
    for (file, stage) in changed.iter().zip(staged) {
        stage.commit().map_err(|err| {
            let done = match written.as_slice() {
                [] => "the file was left as it was".to_string(),
                paths => format!("{} was already written", paths.join(", ")),
            };
            cannot_write(file, err, &done)
        })?;
        written.push(&file.path);
    }
    Ok(())
}

fn cannot_write(file: &FileEdit, err: Error, outcome: &str) -> anyhow::Error {
    let cause = match err {
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    };
    anyhow::anyhow!("cannot write {}: {cause}; {outcome}", file.path)
}
