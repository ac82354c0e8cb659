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
    let stem_of = |d: &Decision| {
        let name = d.meta.path.rsplit('/').next().unwrap_or(&d.meta.path);
        name.strip_suffix(".md").unwrap_or(name).to_string()
    };
    let as_path = text.ends_with(".md") || text.contains(['/', '\\']);
    let found: Vec<&Decision> = if as_path {
        let name = text.rsplit(['/', '\\']).next().unwrap_or(text);
        let stem = name.strip_suffix(".md").unwrap_or(name);
        log.decisions
            .iter()
            .filter(|d| stem_of(d) == stem)
            .collect()
    } else {
        let by_id: Vec<&Decision> = Id::parse(text)
            .map(|id| log.find(&id).collect())
            .unwrap_or_default();
        if by_id.is_empty() {
            log.decisions
                .iter()
                .filter(|d| stem_of(d) == text)
                .collect()
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
            let paths: Vec<&str> = many.iter().map(|d| d.meta.path.as_str()).collect();
            Err(Error::Usage(format!(
                "id {text} is used by {} files ({}); give each its own id first (`decide renumber`)",
                many.len(),
                paths.join(", ")
            )))
        }
    }
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
