//! One module per command. Each takes its parsed arguments and the
//! [`Context`](crate::Context) and returns an [`Output`](crate::Output).

pub mod action;
pub mod actions;
pub mod adopt;
pub mod check;
pub mod config;
pub mod digest;
pub(crate) mod editing;
pub mod feedback;
pub mod generated;
pub mod graph;
pub mod import;
pub mod init;
pub mod list;
pub mod new;
pub mod open;
pub mod pulse;
pub mod renumber;
pub mod report;
pub mod resolve;
pub mod review;
pub mod reviews;
pub mod rules;
pub mod show;
pub mod status;
pub mod supersede;

use crate::error::Error;
use crate::log::Log;
use crate::record::{Decision, Id, parse_date};

/// The decision `text` names: its id, exactly (`5` never matches 0050), the
/// path `decide new` printed, or its file name or stem. Two records with the
/// one id are an error naming both files, never a silent pick.
pub fn find_decision<'a>(log: &'a Log, text: &str) -> Result<&'a Decision, Error> {
    find_named(&log.decisions, text)
}

/// A decision as finding one by id, path or file name sees it: the whole
/// record, or what a command that never holds every record kept of it.
pub(crate) trait Named {
    fn id(&self) -> Option<&Id>;
    /// The display path.
    fn path(&self) -> &str;
}

impl Named for Decision {
    fn id(&self) -> Option<&Id> {
        self.id.as_ref()
    }

    fn path(&self) -> &str {
        &self.meta.path
    }
}

impl<T: Named> Named for &T {
    fn id(&self) -> Option<&Id> {
        (**self).id()
    }

    fn path(&self) -> &str {
        (**self).path()
    }
}

/// [`find_decision`] among `decisions`, in the log's order ((id, path)):
/// the same answer, and the same errors, for any list holding every
/// decision that `text` could name.
pub(crate) fn find_named<'a, T: Named>(decisions: &'a [T], text: &str) -> Result<&'a T, Error> {
    let as_path = as_path(text);
    let found: Vec<&T> = if as_path {
        let stem = stem(text.rsplit(['/', '\\']).next().unwrap_or(text));
        decisions.iter().filter(|d| stem_of(d) == stem).collect()
    } else {
        let by_id: Vec<&T> = Id::parse(text)
            .map(|id| decisions.iter().filter(|d| d.id() == Some(&id)).collect())
            .unwrap_or_default();
        if by_id.is_empty() {
            decisions.iter().filter(|d| stem_of(d) == text).collect()
        } else {
            by_id
        }
    };
    match found.as_slice() {
        [] if !as_path && Id::parse(text).is_none() => Err(Error::Usage(format!(
            "`{text}` is not a decision id, path or file name"
        ))),
        [] => Err(Error::NotFound(text.to_string())),
        [one] => Ok(one),
        many => {
            let paths: Vec<&str> = many.iter().map(|d| d.path()).collect();
            Err(Error::Usage(format!(
                "id {text} is used by {} files ({}); give each its own id first (`decide renumber`)",
                many.len(),
                paths.join(", ")
            )))
        }
    }
}

/// Whether `d` is one of the decisions [`find_named`] looks at for `text`
/// (by id or by file): a command that keeps only these while the log
/// loads finds the same decision as one that kept them all.
pub(crate) fn may_name(d: &impl Named, text: &str) -> bool {
    let own = stem_of(d);
    if as_path(text) {
        return own == stem(text.rsplit(['/', '\\']).next().unwrap_or(text));
    }
    own == text || Id::parse(text).is_some_and(|id| d.id() == Some(&id))
}

/// Whether `text` names a decision by its file rather than by its id.
fn as_path(text: &str) -> bool {
    text.ends_with(".md") || text.contains(['/', '\\'])
}

/// The stem of `d`'s file name.
fn stem_of(d: &impl Named) -> &str {
    stem(d.path().rsplit('/').next().unwrap_or(d.path()))
}

/// A file name without `.md`.
fn stem(name: &str) -> &str {
    name.strip_suffix(".md").unwrap_or(name)
}

/// Parses a `YYYY-MM-DD` command-line value.
pub fn date_arg(flag: &str, text: &str) -> Result<chrono::NaiveDate, Error> {
    parse_date(text)
        .ok_or_else(|| Error::Usage(format!("{flag} `{text}` is not a YYYY-MM-DD date")))
}

/// Names joined for display.
pub fn names(list: &[crate::record::Text]) -> String {
    list.iter()
        .map(|t| t.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
