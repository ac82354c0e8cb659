//! One module per command. Each takes its parsed arguments and the
//! [`Context`](crate::Context) and returns an [`Output`](crate::Output).

pub mod action;
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
pub mod pulse;
pub mod renumber;
pub mod report;
pub mod review;
pub mod rules;
pub mod show;
pub mod status;
pub mod supersede;

use crate::error::Error;
use crate::log::Log;
use crate::record::{Decision, Id, parse_date};

/// The decision whose id is exactly `text` (`5` never matches 0050).
pub fn find_decision<'a>(log: &'a Log, text: &str) -> Result<&'a Decision, Error> {
    let id =
        Id::parse(text).ok_or_else(|| Error::Usage(format!("`{text}` is not a decision id")))?;
    log.find(&id)
        .next()
        .ok_or_else(|| Error::NotFound(text.to_string()))
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
