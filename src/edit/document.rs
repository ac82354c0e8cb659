//! The document being edited and the edits a command can ask of it.
//!
//! Each edit is a [`Change`]: it is planned as splices into the front
//! matter's text ([`super::plan`]), applied to a copy of the parsed tree as
//! what the text must read as afterwards ([`super::verify`]), and kept only
//! when both agree.

use std::ops::Range;

use super::layout::{Ctx, Front, locate};
use super::plan::Splice;
use super::verify::{intend, reads_as, set_scalar_at};
use crate::yaml::{Node, Pos, YamlError};

/// Why an edit was refused. The file is never written when one occurs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("has no front matter to edit; run `decide import` to add it")]
    NoFrontMatter,
    #[error("its front matter has no closing `---`; fix that first")]
    Unterminated,
    #[error("its front matter is not valid YAML (line {}: {}); fix that first", .0.pos.line, .0.message)]
    Invalid(YamlError),
    #[error("its front matter is not a mapping of keys")]
    NotAMapping,
    #[error("line {line}: `{key}` is given more than once; remove one before editing")]
    DuplicateKey { key: String, line: usize },
    #[error("line {line}: `{key}` is {found}; expected {expected}")]
    WrongType {
        key: String,
        line: usize,
        found: &'static str,
        expected: &'static str,
    },
    #[error("`{key}` has no item {number}")]
    NoItem { key: String, number: usize },
    #[error("line {line}: cannot edit `{key}` in place: {why}")]
    Unsupported {
        key: String,
        line: usize,
        why: &'static str,
    },
    #[error("editing `{key}` would change more than intended; the file was left as it was")]
    Verify { key: String },
    #[error("line {line}, column {col}: there is no single value there to edit")]
    NoValueAt { line: usize, col: usize },
}

/// A record file being edited: its full text, BOM and body included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: String,
}

/// One logical change, also applied to the parsed tree to verify the text edit.
#[derive(Debug, Clone, Copy)]
pub(super) enum Change<'a> {
    /// Set `key` to a scalar, at the top level or in item `index` of list `list`.
    Set {
        list: Option<(&'a str, usize)>,
        key: &'a str,
        value: &'a str,
    },
    /// Add a scalar item to the top-level list `key`.
    Add { key: &'a str, item: &'a str },
    /// Append a mapping item to the top-level list `key`.
    Append {
        key: &'a str,
        entries: &'a [(&'a str, &'a str)],
    },
}

impl Change<'_> {
    pub(super) fn key(&self) -> &str {
        match self {
            Change::Set {
                list: Some((list, _)),
                ..
            } => list,
            Change::Set { key, .. } | Change::Add { key, .. } | Change::Append { key, .. } => key,
        }
    }
}

impl Document {
    pub fn new(text: impl Into<String>) -> Document {
        Document { text: text.into() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// Sets top-level `key` to `value`: replaces the value's bytes (keeping
    /// its quoting style and any comment after it), or adds a `key: value`
    /// line at the end of the front matter.
    pub fn set_scalar(&mut self, key: &str, value: &str) -> Result<(), EditError> {
        self.apply(Change::Set {
            list: None,
            key,
            value,
        })
    }

    /// Adds `item` to the top-level list `key`: a new `- item` line in a
    /// block list, `, item` in a flow list, a single value becomes a flow
    /// list, and a missing or empty key becomes `key: [item]`.
    pub fn add_to_list(&mut self, key: &str, item: &str) -> Result<(), EditError> {
        self.apply(Change::Add { key, item })
    }

    /// Appends a mapping item (`entries` in order) to the top-level list
    /// `key`, in the style of the items already there.
    pub fn append_mapping(&mut self, key: &str, entries: &[(&str, &str)]) -> Result<(), EditError> {
        self.apply(Change::Append { key, entries })
    }

    /// Sets `field` inside item `index` (0-based, counting every item of the
    /// YAML list) of the top-level list of mappings `list`.
    pub fn set_in_item(
        &mut self,
        list: &str,
        index: usize,
        field: &str,
        value: &str,
    ) -> Result<(), EditError> {
        self.apply(Change::Set {
            list: Some((list, index)),
            key: field,
            value,
        })
    }

    fn apply(&mut self, change: Change) -> Result<(), EditError> {
        let front = locate(&self.text)?;
        let yaml_text = &self.text[front.range.clone()];
        let ctx = Ctx::new(yaml_text, front.eol, &front.root);
        let splices = match change {
            Change::Set { list, key, value } => ctx.plan_set(list, key, value)?,
            Change::Add { key, item } => ctx.plan_add(key, item)?,
            Change::Append { key, entries } => ctx.plan_append(key, entries)?,
        };
        let mut expected = front.root.clone();
        intend(&mut expected, change);
        self.finish(&front, splices, &expected, change.key())
    }

    /// Replaces the number `old` written in the scalar whose value starts at
    /// `at` (a position the YAML reader gave: a top-level value, a list item,
    /// or a value inside a list item) by `new`, and nothing else about how
    /// it is written: its quotes, a prefix (`ADR-0012`), text around it
    /// (`superseded by ADR-0012`, `12, 14`) and its zero padding (`0012`
    /// becomes `0013`) stay. Refused unless the value's text holds exactly
    /// one run of digits that reads as `old`: a number written some other
    /// way (`0x0C`) or twice is left for a person to change.
    pub fn replace_number(&mut self, at: Pos, old: u64, new: u64) -> Result<(), EditError> {
        let front = locate(&self.text)?;
        let yaml_text = &self.text[front.range.clone()];
        let ctx = Ctx::new(yaml_text, front.eol, &front.root);
        let key = ctx.key_around(at);
        let found = ctx.scalars_at(at);
        let found = match found.as_slice() {
            [one] => one,
            [] => {
                return Err(EditError::NoValueAt {
                    line: at.line(),
                    col: at.col(),
                });
            }
            _ => return Err(ctx.unsupported(&key, at, "its value is shared through a YAML alias")),
        };
        let (range, read) = ctx.scalar_bytes(found, &key)?;
        let not_once = |runs: usize| {
            ctx.unsupported(
                &key,
                at,
                if runs == 0 {
                    "the number is not written in it as plain digits"
                } else {
                    "the number is written in it more than once"
                },
            )
        };
        let written = &yaml_text[range.clone()];
        let runs = number_runs(written, old);
        let [digits] = runs.as_slice() else {
            return Err(not_once(runs.len()));
        };
        let logical = number_runs(&read.text, old);
        let [logical] = logical.as_slice() else {
            return Err(not_once(logical.len()));
        };
        // A number read as a number reads back without its zero padding.
        let expected_digits = if read.is_text {
            renumbered(new, &read.text[logical.clone()])
        } else {
            new.to_string()
        };
        let mut expected_value = read.text.clone();
        expected_value.replace_range(logical.clone(), &expected_digits);
        let splice = Splice {
            range: range.start + digits.start..range.start + digits.end,
            text: renumbered(new, &written[digits.clone()]),
        };
        let mut expected = front.root.clone();
        set_scalar_at(&mut expected, at, &expected_value);
        self.finish(&front, vec![splice], &expected, &key)
    }

    /// Splices `splices` into the front matter and keeps the result only if
    /// it reads as `expected` with the body unchanged.
    fn finish(
        &mut self,
        front: &Front,
        mut splices: Vec<Splice>,
        expected: &Node,
        key: &str,
    ) -> Result<(), EditError> {
        let mut new_yaml = self.text[front.range.clone()].to_string();
        splices.sort_by_key(|s| std::cmp::Reverse(s.range.start));
        for s in splices {
            new_yaml.replace_range(s.range, &s.text);
        }
        let new_text = format!(
            "{}{}{}",
            &self.text[..front.range.start],
            new_yaml,
            &self.text[front.range.end..]
        );
        if !reads_as(&self.text, &new_text, expected) {
            return Err(EditError::Verify {
                key: key.to_string(),
            });
        }
        self.text = new_text;
        Ok(())
    }
}

/// The byte ranges of the runs of ASCII digits in `text` that read as `n`
/// (`12`, `012`, `0012`; not `112` or `120`).
fn number_runs(text: &str, n: u64) -> Vec<Range<usize>> {
    let want = n.to_string();
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = text[start..i].trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        if digits == want {
            runs.push(start..i);
        }
    }
    runs
}

/// `n` written the way `was` is: zero-padded to its width when it has
/// leading zeros (`0012` → `0013`), else plain (`12` → `9`).
pub fn renumbered(n: u64, was: &str) -> String {
    if was.len() > 1 && was.starts_with('0') {
        let width = was.len();
        format!("{n:0width$}")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::testing::{FEEDBACK, edit, refused};
    use crate::record::source;

    /// The position of the first `needle` in `text`, as the YAML reader counts.
    fn pos_of(text: &str, needle: &str) -> Pos {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(line, text[line_start..at].chars().count() + 1)
    }

    fn renumber(text: &str, needles: &[&str], old: u64, new: u64) -> String {
        let positions: Vec<Pos> = needles.iter().map(|n| pos_of(text, n)).collect();
        edit(text, |d| {
            positions
                .iter()
                .try_for_each(|&at| d.replace_number(at, old, new))
        })
    }

    #[test]
    fn replace_a_number_in_flow_and_block_lists_keeping_its_style() {
        let text = "---\nsupersedes: [7, 0012, \"ADR-0012\", 'adr12']  # merged\nrelated:\n  - 12   # the old cadence\n  - \"#12\"\n---\n# 12\n";
        let out = renumber(
            text,
            &["0012,", "\"ADR-0012\"", "'adr12'", "12   #", "\"#12\""],
            12,
            13,
        );
        assert_eq!(
            out,
            "---\nsupersedes: [7, 0013, \"ADR-0013\", 'adr13']  # merged\nrelated:\n  - 13   # the old cadence\n  - \"#13\"\n---\n# 12\n"
        );
    }

    #[test]
    fn replace_a_number_in_a_single_value_and_a_sentence() {
        let text = "---\r\nstatus: superseded by ADR-0012 # MADR\r\nsuperseded-by: 12, 120\r\nid: 0012\r\n---\r\n";
        let out = renumber(text, &["superseded by", "12, 120", "0012\r"], 12, 9);
        assert_eq!(
            out,
            "---\r\nstatus: superseded by ADR-0009 # MADR\r\nsuperseded-by: 9, 120\r\nid: 0009\r\n---\r\n"
        );
    }

    #[test]
    fn replace_a_number_inside_list_items() {
        let text = "---\nfeedback:\n  - by: lee\n    on: 9  # asked at the review\n  - {by: raj, on: '9'}\noutcomes:\n  - decision: ADR-9\n    metric: psi\n---\n";
        let out = renumber(text, &["9  #", "'9'", "ADR-9"], 9, 10);
        assert_eq!(
            out,
            "---\nfeedback:\n  - by: lee\n    on: 10  # asked at the review\n  - {by: raj, on: '10'}\noutcomes:\n  - decision: ADR-10\n    metric: psi\n---\n"
        );
        let out = renumber("---\nrelated: [0099]\n---\n", &["0099"], 99, 100);
        assert_eq!(out, "---\nrelated: [0100]\n---\n");
    }

    #[test]
    fn refuses_a_number_it_cannot_find_once() {
        let refuse = |text: &str, needle: &str| {
            let at = pos_of(text, needle);
            refused(text, |d| d.replace_number(at, 12, 13))
        };
        assert!(matches!(
            refuse("---\nsupersedes: [0x0C]\n---\n", "0x0C"),
            EditError::Unsupported { why, .. } if why.contains("not written")
        ));
        assert!(matches!(
            refuse("---\nrelated: 12, 0012\n---\n", "12,"),
            EditError::Unsupported { why, .. } if why.contains("more than once")
        ));
        assert_eq!(
            refuse("---\nrelated: [12]\n---\n", "related"),
            EditError::NoValueAt { line: 2, col: 1 }
        );
        assert!(matches!(
            refuse("---\nrelated: &r 12\nsupersedes: *r\n---\n", "12"),
            EditError::Unsupported { .. } | EditError::Verify { .. }
        ));
        let out = renumber("---\nrelated: |\n  12\nx: 12\n---\n", &["12\nx"], 12, 13);
        assert_eq!(out, "---\nrelated: |\n  13\nx: 12\n---\n");
    }

    type Op = dyn Fn(&mut Document) -> Result<(), EditError>;

    #[test]
    fn awkward_front_matter_gives_an_edit_or_a_refusal_never_a_panic() {
        let docs = [
            "---\n---\n",
            "---\n\n---\n",
            "---\r\n\r\n---",
            "---\nstatus:\tproposed\n---\n",
            "---\n\tstatus: x\n---\n",
            "---\n  status: x\n  feedback:\n  - by: a\n---\n",
            "---\n\"status\": x\n'feedback': []\n---\n",
            "---\nstatus:x\n---\n",
            "---\nstatus: 'unterminated\n---\n",
            "---\nstatus: \"a\\\"b\" # c\n---\n",
            "---\nfeedback:\n-\n  by: a\n---\n",
            "---\nfeedback:\n  - - a\n---\n",
            "---\nfeedback: [{by: a}, [x], 3]\n---\n",
            "---\nfeedback: &f [{by: a}]\nother: *f\n---\n",
            "---\nactions:\n  - owner: é\n    status: ö # ü\n---\n",
            "---\nactions: [{owner: a, status: open},\n  {owner: b}]\n---\n",
            "---\nactions:\n  - {owner: a, status: \"open\"}\n---\n",
            "---\nactions: {a: 1}\n---\n",
            "---\nactions:\n  - a\n  - b\n---\n",
            "---\nsupersedes: !!str 3\nsuperseded-by: |\n  4\n---\n",
            "---\n? status\n: x\n---\n",
            "---\nstatus: >-\n  a\n  b\nx: 1\n---\n",
            "---\nstatus: x\n...\n",
            "\u{feff}---\r\nstatus: x\r\nactions:\r\n  - owner: a\r\n---\r\n",
            "---\nstatus: [\n---\n",
            "---\n#only a comment\n---\n",
            "---\n[a, b]\n---\n",
        ];
        for text in docs {
            let ops: [&Op; 6] = [
                &|d| d.set_scalar("status", "accepted"),
                &|d| d.add_to_list("supersedes", "7"),
                &|d| d.add_to_list("superseded-by", "8"),
                &|d| d.append_mapping("feedback", FEEDBACK),
                &|d| d.set_in_item("actions", 0, "status", "done"),
                &|d| d.set_in_item("actions", 1, "done", "2026-01-01"),
            ];
            let renumbers = (1..=8).flat_map(|line| {
                (1..=24).flat_map(move |col| {
                    [1, 3, 4].map(|old| {
                        move |d: &mut Document| d.replace_number(Pos::new(line, col), old, 1234)
                    })
                })
            });
            for renumber in renumbers {
                let mut doc = Document::new(text);
                if renumber(&mut doc).is_err() {
                    assert_eq!(doc.text(), text);
                } else {
                    let split = source::split(source::strip_bom(doc.text()));
                    assert!(
                        matches!(split.front, source::FrontMatter::Parsed(_)),
                        "{text:?} became {:?}",
                        doc.text()
                    );
                }
            }
            for op in ops {
                let mut doc = Document::new(text);
                if op(&mut doc).is_err() {
                    assert_eq!(doc.text(), text);
                } else {
                    // Whatever was done must leave a file that still reads.
                    let split = source::split(source::strip_bom(doc.text()));
                    assert!(
                        matches!(split.front, source::FrontMatter::Parsed(_)),
                        "{text:?} became {:?}",
                        doc.text()
                    );
                }
            }
        }
    }
}
