//! Reading typed values out of a YAML tree while collecting problems.
//!
//! Each reader returns what it could make of a value and records a
//! [`Problem`] for what it could not, so one wrong field never hides the rest
//! of the record.

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::Serialize;

use super::List;
use crate::yaml::{Node, Pos, Value};

/// A value read from front matter, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub value: CompactString,
    #[serde(skip)]
    pub pos: Pos,
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A date kept as written, and its calendar value when it is a real `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateField {
    pub raw: CompactString,
    pub date: Option<NaiveDate>,
    pub pos: Pos,
}

/// What went wrong reading a value; `check` turns each into a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A key the format does not know (DL002), with the keys it could have
    /// been: the did-you-mean is worked out only when the finding is shown
    /// ([`ProblemKind::suggestion`]), not for every record `list` reads.
    UnknownKey {
        key: String,
        known: &'static [&'static str],
    },
    /// A key given twice in one mapping (DL003).
    DuplicateKey,
    /// A value outside its set or of the wrong type (DL005).
    InvalidValue,
    /// Not a real `YYYY-MM-DD` date (DL006).
    InvalidDate,
}

impl ProblemKind {
    /// For an unknown key, the known key it is most likely a typo of.
    pub fn suggestion(&self) -> Option<String> {
        match self {
            ProblemKind::UnknownKey { key, known } => suggest(key, known),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub pos: Pos,
    pub message: String,
}

/// Collects problems while fields are read.
#[derive(Debug, Default)]
pub struct Reader {
    pub problems: List<Problem>,
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let b = raw.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Eight digits are the usual case, read without interpreting a format
    // string (a log has tens of thousands of dates); anything else, such as
    // a signed year, is left to chrono as before.
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok(),
    }
}

impl Reader {
    pub fn problem(&mut self, kind: ProblemKind, pos: Pos, message: impl Into<String>) {
        self.problems.push(Problem {
            kind,
            pos,
            message: message.into(),
        });
    }

    /// Checks the keys of a mapping: duplicates, and keys outside `known`
    /// (keys starting with `x-` are free extensions).
    pub fn keys(&mut self, node: &Node, known: &'static [&'static str], what: &str) {
        let entries = node.entries();
        // A set for long mappings, so that a hostile block of many keys stays linear.
        let mut seen = std::collections::HashSet::new();
        for (i, entry) in entries.iter().enumerate() {
            let repeated = if entries.len() > 32 {
                !seen.insert(&*entry.key)
            } else {
                entries[..i].iter().any(|e| same(&e.key, &entry.key))
            };
            if repeated {
                self.problem(
                    ProblemKind::DuplicateKey,
                    entry.key_pos,
                    format!("key `{}` is given more than once", entry.key),
                );
                continue;
            }
            if entry.key.starts_with("x-") || known.iter().any(|k| same(k, &entry.key)) {
                continue;
            }
            self.problem(
                ProblemKind::UnknownKey {
                    key: entry.key.to_string(),
                    known,
                },
                entry.key_pos,
                format!("unknown key `{}` in {what}", entry.key),
            );
        }
    }

    /// A scalar as text. Null gives `None`; a list or mapping is a problem.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<Text> {
        // Short text (names, dates, words) is kept inline, without an allocation.
        let value = match &node.value {
            Value::String(s) => Some(CompactString::from(&**s)),
            _ => node.as_text().map(CompactString::from),
        };
        match value {
            Some(value) => Some(Text {
                value,
                pos: node.pos,
            }),
            None if node.is_null() => None,
            None => {
                self.problem(
                    ProblemKind::InvalidValue,
                    node.pos,
                    format!("`{key}` must be a single value, found {}", node.type_name()),
                );
                None
            }
        }
    }

    pub fn field_text(&mut self, map: &Node, key: &str) -> Option<Text> {
        let entry = map.get(key)?;
        self.text(&entry.value, key)
    }

    /// A string or a list of strings (people fields, tags, constraints).
    pub fn list(&mut self, node: &Node, key: &str) -> List<Text> {
        match &node.value {
            Value::Seq(items) => {
                // As long as the list, not rounded up: kept for every record.
                let mut texts = List::with_capacity(items.len());
                texts.extend(items.iter().filter_map(|item| self.text(item, key)));
                texts
            }
            Value::Null => List::new(),
            Value::Map(_) => {
                self.problem(
                    ProblemKind::InvalidValue,
                    node.pos,
                    format!("`{key}` must be a value or a list, found a mapping"),
                );
                List::new()
            }
            _ => {
                let Some(text) = self.text(node, key) else {
                    return List::new();
                };
                // "a, b" in a single string is a common MADR habit.
                let names = || {
                    text.value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                };
                // As long as the list, as above.
                let mut texts = List::with_capacity(names().count());
                texts.extend(names().map(|s| Text {
                    value: s.into(),
                    pos: text.pos,
                }));
                texts
            }
        }
    }

    pub fn field_list(&mut self, map: &Node, key: &str) -> List<Text> {
        map.get(key)
            .map_or_else(List::new, |e| self.list(&e.value, key))
    }

    /// A list of mappings (alternatives, feedback, ...); other items are problems.
    pub fn items<'n>(&mut self, map: &'n Node<'n>, key: &str) -> Vec<&'n Node<'n>> {
        let Some(entry) = map.get(key) else {
            return Vec::new();
        };
        match &entry.value.value {
            Value::Seq(items) => items
                .iter()
                .filter(|item| {
                    let ok = matches!(item.value, Value::Map(_));
                    if !ok {
                        self.problem(
                            ProblemKind::InvalidValue,
                            item.pos,
                            format!(
                                "each item of `{key}` must be a mapping, found {}",
                                item.type_name()
                            ),
                        );
                    }
                    ok
                })
                .collect(),
            Value::Null => Vec::new(),
            _ => {
                self.problem(
                    ProblemKind::InvalidValue,
                    entry.value.pos,
                    format!("`{key}` must be a list, found {}", entry.value.type_name()),
                );
                Vec::new()
            }
        }
    }

    pub fn date(&mut self, map: &Node, key: &str) -> Option<DateField> {
        let text = self.field_text(map, key)?;
        let date = parse_date(&text.value);
        if date.is_none() {
            self.problem(
                ProblemKind::InvalidDate,
                text.pos,
                format!("`{key}` is `{}`, not a real YYYY-MM-DD date", text.value),
            );
        }
        Some(DateField {
            raw: text.value,
            date,
            pos: text.pos,
        })
    }

    /// A value from a fixed set, matched case-insensitively.
    pub fn choice<T: Copy>(
        &mut self,
        map: &Node,
        key: &str,
        set: &[(&str, T)],
    ) -> Option<(T, Pos)> {
        let text = self.field_text(map, key)?;
        let wanted = text.value.trim().to_ascii_lowercase();
        if let Some((_, v)) = set.iter().find(|(name, _)| *name == wanted) {
            return Some((*v, text.pos));
        }
        let names: Vec<&str> = set.iter().map(|(n, _)| *n).collect();
        self.problem(
            ProblemKind::InvalidValue,
            text.pos,
            format!(
                "`{key}` is `{}`; expected one of: {}",
                text.value,
                names.join(", ")
            ),
        );
        None
    }
}

/// The known key closest to `key`, if it is close enough to be a typo.
pub fn suggest(key: &str, known: &[&str]) -> Option<String> {
    let key = key.to_ascii_lowercase();
    let len = key.chars().count();
    known
        .iter()
        // The distance is at least the difference in length: names far
        // longer or shorter are never compared character by character.
        .filter(|k| len.abs_diff(k.chars().count()) <= 2.max(k.len() / 3))
        .map(|k| (levenshtein(&key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        // Ties go to the first name in order, so the suggestion does not
        // depend on the order `known` comes in (a hash set's, for people).
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k.to_string())
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether two keys are the same: their first bytes compared before the
/// rest, as most keys of a record differ there. Every key of a record is
/// compared with those before it and with the known ones; a call to
/// `memcmp` for each pair of keys of one length cost more than the compare.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("03/02/2026").is_none());
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for raw in [
            "2026-02-28",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "0000-01-01",
            "9999-12-31",
            " 2026-01-05 ",
            "+026-01-05",
            "-026-01-05",
            "2026-+1-05",
            "2026-1 -05",
            "2026-01-0x",
            "２０２６-01-05",
        ] {
            let trimmed = raw.trim();
            let chrono = (trimmed.len() == 10)
                .then(|| NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").ok())
                .flatten()
                .filter(|_| trimmed.as_bytes()[4] == b'-' && trimmed.as_bytes()[7] == b'-');
            assert_eq!(parse_date(raw), chrono, "{raw:?}");
        }
    }

    #[test]
    fn duplicates_are_found_in_long_mappings_too() {
        for count in [5, 40] {
            let mut text: String = (0..count).map(|i| format!("x-k{i}: {i}\n")).collect();
            text.push_str("x-k3: again\n");
            let node = crate::yaml::parse(&text, 2).unwrap();
            let mut r = Reader::default();
            r.keys(&node, &[], "a test");
            let duplicates: Vec<_> = r
                .problems
                .iter()
                .filter(|p| p.kind == ProblemKind::DuplicateKey)
                .map(|p| p.pos)
                .collect();
            assert_eq!(duplicates, vec![Pos::new(count + 2, 1)], "{count} keys");
        }
    }

    #[test]
    fn suggestions_for_typos() {
        assert_eq!(
            suggest("onwers", &["owners", "status"]),
            Some("owners".into())
        );
        assert_eq!(suggest("zzz", &["owners", "status"]), None);
        assert_eq!(suggest("a", &["raj", "ana"]), suggest("a", &["ana", "raj"]));
    }
}
