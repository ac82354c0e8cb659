//! Record ids (`0012`, `2026-03-04-retrain`) and references to them.

use super::*;

/// The largest number an id can have. A file named with a larger one is not
/// a record (DL050 says so), so `decide new` never runs out of numbers.
pub const MAX_NUM: u64 = 999_999_999;

/// A record identifier: a number (`0012-…md`) or a name (`2026-03-04-…md`, a review stem).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Id {
    Num(u64),
    Name(String),
}

impl Id {
    /// Reads an id as written in a reference: `12`, `0012`, `ADR-0012`, `#12`, or a name.
    pub fn parse(text: &str) -> Option<Id> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let lower = t.to_ascii_lowercase();
        let digits = lower
            .strip_prefix("adr-")
            .or_else(|| lower.strip_prefix("adr"))
            .or_else(|| lower.strip_prefix('#'))
            .unwrap_or(&lower);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return digits.parse().ok().filter(|n| *n <= MAX_NUM).map(Id::Num);
        }
        Some(Id::Name(t.to_string()))
    }

    /// The id a file name gives: the number before the first `-` (number
    /// scheme), or the whole stem for date-named files (`2026-03-04-…`,
    /// log4brains' `20200924-…`).
    pub fn from_file_name(name: &str) -> Option<Id> {
        Some(match id_in_file_name(name)? {
            FileId::Num(n) => Id::Num(n),
            FileId::Name(stem) => Id::Name(stem.to_string()),
        })
    }

    /// Whether a file name gives an id ([`Id::from_file_name`]), without
    /// making one: what sorting every file of a log into kinds asks.
    pub fn in_file_name(name: &str) -> bool {
        id_in_file_name(name).is_some()
    }

    pub fn as_num(&self) -> Option<u64> {
        match self {
            Id::Num(n) => Some(*n),
            Id::Name(_) => None,
        }
    }
}

/// The id a file name gives, borrowing the stem it is when it is a name.
enum FileId<'a> {
    Num(u64),
    Name(&'a str),
}

fn id_in_file_name(name: &str) -> Option<FileId<'_>> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    if is_date_prefixed(stem) {
        return Some(FileId::Name(stem));
    }
    let digits = stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = &stem[digits..];
    if !(rest.is_empty() || rest.starts_with(['-', '_', '.'])) {
        return None;
    }
    if digits == 8 && parse_compact_date(&stem[..8]).is_some() {
        return Some(FileId::Name(stem));
    }
    stem[..digits]
        .parse()
        .ok()
        .filter(|n| *n <= MAX_NUM)
        .map(FileId::Num)
}

/// `YYYY-MM-DD-…`: the date id scheme.
pub fn is_date_prefixed(stem: &str) -> bool {
    match (stem.get(..10), stem.get(10..)) {
        (Some(date), Some(rest)) => {
            (rest.is_empty() || rest.starts_with('-')) && parse_date(date).is_some()
        }
        _ => false,
    }
}

fn parse_compact_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Num(n) => write!(f, "{n:04}"),
            Id::Name(s) => f.write_str(s),
        }
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Id::Num(n) => s.serialize_u64(*n),
            Id::Name(name) => s.serialize_str(name),
        }
    }
}

/// The ids written under `key` in a front-matter tree: a list, or one value
/// (possibly `a, b`). What an edit checks before adding a link.
pub fn ids_in(node: &Node, key: &str) -> Vec<Id> {
    let Some(entry) = node.get(key) else {
        return Vec::new();
    };
    let texts: Vec<String> = match &entry.value.value {
        crate::yaml::Value::Seq(items) => items.iter().filter_map(Node::as_text).collect(),
        _ => entry
            .value
            .as_text()
            .map(|t| t.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default(),
    };
    texts.iter().filter_map(|t| Id::parse(t)).collect()
}

/// A reference to another record, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub id: Id,
    pub pos: Pos,
}

/// The id a source file's name gives, and the name it gets in the log.
/// Record names `decide` reads (`0012-…`, `2026-03-04-…`, `20200924-…`)
/// are kept; `adr-015-…` and `ADR_15_…`, whose id `decide` could not read
/// from the name, become `0015-…`.
pub fn file_id(name: &str) -> Option<(Id, String)> {
    if !name.ends_with(".md") {
        return None;
    }
    if let Some(id) = Id::from_file_name(name) {
        return Some((id, name.to_string()));
    }
    let prefix = name.get(..3)?;
    if !prefix.eq_ignore_ascii_case("adr") {
        return None;
    }
    let rest = name[3..].trim_start_matches(['-', '_', ' ']);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = &rest[digits..];
    if digits == 0 || !(after == ".md" || after.starts_with(['-', '_', '.'])) {
        return None;
    }
    let n: u64 = rest[..digits].parse().ok()?;
    let new_name = format!("{n:04}-{}", after.trim_start_matches(['-', '_']));
    let new_name = if after == ".md" {
        format!("{n:04}.md")
    } else {
        new_name
    };
    Id::from_file_name(&new_name).map(|id| (id, new_name))
}
