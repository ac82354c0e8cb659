//! The splices that carry out each edit: a value replaced in the style it
//! was written in, an item added to a block or flow list, a mapping item
//! appended in the style of its siblings, a key added where it belongs.

use std::ops::Range;

use super::document::EditError;
use super::layout::Ctx;
use super::scalar::{scalar, styled};
use super::verify::comma_items;
use crate::yaml::{Node, Value};

/// Text to put in place of a byte range of the YAML.
#[derive(Debug)]
pub(super) struct Splice {
    pub(super) range: Range<usize>,
    pub(super) text: String,
}

pub(super) fn insert(at: usize, text: String) -> Splice {
    Splice {
        range: at..at,
        text,
    }
}

impl Ctx<'_> {
    pub(super) fn plan_set(
        &self,
        list: Option<(&str, usize)>,
        key: &str,
        value: &str,
    ) -> Result<Vec<Splice>, EditError> {
        let (map, item_of) = match list {
            None => (self.root, None),
            Some((list_key, index)) => {
                let entry = self
                    .entry(self.root, list_key)?
                    .ok_or_else(|| EditError::NoItem {
                        key: list_key.to_string(),
                        number: index + 1,
                    })?;
                let Value::Seq(items) = &entry.value.value else {
                    return Err(EditError::WrongType {
                        key: list_key.to_string(),
                        line: entry.key_pos.line(),
                        found: entry.value.type_name(),
                        expected: "a list",
                    });
                };
                let item = items.get(index).ok_or_else(|| EditError::NoItem {
                    key: list_key.to_string(),
                    number: index + 1,
                })?;
                if !matches!(item.value, Value::Map(_)) {
                    return Err(EditError::WrongType {
                        key: format!("{list_key}` item `{}", index + 1),
                        line: item.pos.line(),
                        found: item.type_name(),
                        expected: "a mapping",
                    });
                }
                (item, Some(list_key))
            }
        };
        let flow = item_of.is_some() && self.is_flow(map);
        let Some(entry) = self.entry(map, key)? else {
            return self.plan_new_key(map, item_of, key, value, flow);
        };
        match &entry.value.value {
            Value::Seq(_) | Value::Map(_) => Err(EditError::WrongType {
                key: key.to_string(),
                line: entry.key_pos.line(),
                found: entry.value.type_name(),
                expected: "a single value",
            }),
            Value::Null => {
                let colon = self.after_colon(key, entry.key_pos)?;
                Ok(vec![match self.null_token(entry, colon) {
                    Some(range) => Splice {
                        range,
                        text: scalar(value, flow),
                    },
                    None => insert(colon, format!(" {}", scalar(value, flow))),
                }])
            }
            _ => {
                let (range, style) = self.scalar_range(entry, flow)?;
                Ok(vec![Splice {
                    range,
                    text: styled(value, style, flow),
                }])
            }
        }
    }

    /// A new `key: value` in `map`: at the end of the front matter, at the
    /// end of a block-list item, or before the `}` of a flow mapping.
    fn plan_new_key(
        &self,
        map: &Node,
        item_of: Option<&str>,
        key: &str,
        value: &str,
        flow: bool,
    ) -> Result<Vec<Splice>, EditError> {
        let Some(list_key) = item_of else {
            let line = format!(
                "{}{key}: {}{}",
                self.top_indent(),
                scalar(value, false),
                self.eol
            );
            return Ok(vec![insert(self.yaml.len(), line)]);
        };
        if flow {
            let (at, sep) = self.flow_insertion(list_key, map)?;
            return Ok(vec![insert(
                at,
                format!("{sep}{key}: {}", scalar(value, true)),
            )]);
        }
        let at = self.after_item(list_key, map)?;
        let indent = map.pos.col().saturating_sub(1);
        let line = format!(
            "{}{key}: {}{}",
            " ".repeat(indent),
            scalar(value, false),
            self.eol
        );
        Ok(vec![insert(at, line)])
    }

    pub(super) fn plan_add(&self, key: &str, item: &str) -> Result<Vec<Splice>, EditError> {
        let Some(entry) = self.entry(self.root, key)? else {
            let line = format!(
                "{}{key}: [{}]{}",
                self.top_indent(),
                scalar(item, true),
                self.eol
            );
            return Ok(vec![insert(self.yaml.len(), line)]);
        };
        let node = &entry.value;
        match &node.value {
            Value::Map(_) => Err(EditError::WrongType {
                key: key.to_string(),
                line: entry.key_pos.line(),
                found: "a mapping",
                expected: "a list",
            }),
            Value::Null => {
                let colon = self.after_colon(key, entry.key_pos)?;
                let list = format!("[{}]", scalar(item, true));
                Ok(vec![match self.null_token(entry, colon) {
                    Some(range) => Splice { range, text: list },
                    None => insert(colon, format!(" {list}")),
                }])
            }
            Value::Seq(_) if self.is_flow(node) => {
                let (at, sep) = self.flow_insertion(key, node)?;
                Ok(vec![insert(at, format!("{sep}{}", scalar(item, true)))])
            }
            Value::Seq(items) => {
                let last = items.last().ok_or_else(|| {
                    self.unsupported(key, node.pos, "it is an empty list in an unknown style")
                })?;
                let prefix = self.item_prefix(key, last)?;
                let at = self.after_item(key, last)?;
                Ok(vec![insert(
                    at,
                    format!("{prefix}{}{}", scalar(item, false), self.eol),
                )])
            }
            _ => {
                // One value stands for a one-item list: write it as a flow list.
                let (range, _) = self.scalar_range(entry, false)?;
                let mut all: Vec<String> = comma_items(node);
                all.push(item.to_string());
                let text = format!(
                    "[{}]",
                    all.iter()
                        .map(|s| scalar(s, true))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                Ok(vec![Splice { range, text }])
            }
        }
    }

    pub(super) fn plan_append(
        &self,
        key: &str,
        entries: &[(&str, &str)],
    ) -> Result<Vec<Splice>, EditError> {
        let block_item = |prefix: &str| {
            let pad = " ".repeat(prefix.chars().count());
            entries
                .iter()
                .enumerate()
                .map(|(i, (k, v))| {
                    let lead = if i == 0 { prefix } else { pad.as_str() };
                    format!("{lead}{k}: {}{}", scalar(v, false), self.eol)
                })
                .collect::<String>()
        };
        let flow_item = || {
            let inner = entries
                .iter()
                .map(|(k, v)| format!("{k}: {}", scalar(v, true)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{{{inner}}}")
        };
        let top = self.top_indent();
        let new_prefix = format!("{top}  - ");
        let Some(entry) = self.entry(self.root, key)? else {
            let text = format!("{top}{key}:{}{}", self.eol, block_item(&new_prefix));
            return Ok(vec![insert(self.yaml.len(), text)]);
        };
        let node = &entry.value;
        let colon = self.after_colon(key, entry.key_pos)?;
        let after_key_line = self.next_line_start(self.line_index(colon));
        match &node.value {
            Value::Null => {
                let mut splices = vec![insert(after_key_line, block_item(&new_prefix))];
                if let Some(range) = self.null_token(entry, colon) {
                    splices.push(Splice {
                        range: colon..range.end,
                        text: String::new(),
                    });
                }
                Ok(splices)
            }
            Value::Seq(items) if items.is_empty() && self.is_flow(node) => {
                // `key: []` becomes a block list under the key.
                let close = self.flow_close(key, node)?;
                if self.line_index(close) != self.line_index(colon) {
                    return Err(self.unsupported(key, node.pos, "its empty list spans lines"));
                }
                Ok(vec![
                    Splice {
                        range: colon..close + 1,
                        text: String::new(),
                    },
                    insert(after_key_line, block_item(&new_prefix)),
                ])
            }
            Value::Seq(_) if self.is_flow(node) => {
                let (at, sep) = self.flow_insertion(key, node)?;
                Ok(vec![insert(at, format!("{sep}{}", flow_item()))])
            }
            Value::Seq(items) => {
                let last = items.last().ok_or_else(|| {
                    self.unsupported(key, node.pos, "it is an empty list in an unknown style")
                })?;
                let prefix = self.item_prefix(key, last)?;
                let at = self.after_item(key, last)?;
                let text = if self.is_flow(last) {
                    format!("{prefix}{}{}", flow_item(), self.eol)
                } else {
                    block_item(prefix)
                };
                Ok(vec![insert(at, text)])
            }
            _ => Err(EditError::WrongType {
                key: key.to_string(),
                line: entry.key_pos.line(),
                found: node.type_name(),
                expected: "a list",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::edit::EditError;
    use crate::edit::testing::{FEEDBACK, edit, refused};

    const BODY: &str = "# Title\n\nstatus: not this one\n";

    #[test]
    fn set_replaces_only_the_value_and_keeps_comments_and_quoting() {
        let text = format!(
            "---\n# lead comment\nstatus: proposed   # under review\ntitle: 'It''s: quoted'\n---\n{BODY}"
        );
        let out = edit(&text, |d| d.set_scalar("status", "accepted"));
        assert_eq!(
            out,
            format!(
                "---\n# lead comment\nstatus: accepted   # under review\ntitle: 'It''s: quoted'\n---\n{BODY}"
            )
        );
    }

    #[test]
    fn set_keeps_the_quoting_style_of_the_old_value() {
        let out = edit("---\nstatus: \"proposed\"\nnote: 'x'\n---\n", |d| {
            d.set_scalar("status", "accepted")?;
            d.set_scalar("note", "it's")
        });
        assert_eq!(out, "---\nstatus: \"accepted\"\nnote: 'it''s'\n---\n");
    }

    #[test]
    fn set_inserts_a_missing_key_at_the_end_with_the_files_line_ending() {
        let out = edit("---\r\nstatus: proposed\r\n---\r\nBody\r\n", |d| {
            d.set_scalar("decided", "2026-11-25")
        });
        assert_eq!(
            out,
            "---\r\nstatus: proposed\r\ndecided: 2026-11-25\r\n---\r\nBody\r\n"
        );
    }

    #[test]
    fn set_on_empty_front_matter_and_with_a_bom() {
        let out = edit("\u{feff}---\n---\n# T\n", |d| {
            d.set_scalar("status", "draft")
        });
        assert_eq!(out, "\u{feff}---\nstatus: draft\n---\n# T\n");
    }

    #[test]
    fn set_fills_an_empty_or_null_value() {
        let out = edit("---\ndecided:\nstatus: ~ # none\n---\n", |d| {
            d.set_scalar("decided", "2026-01-02")?;
            d.set_scalar("status", "accepted")
        });
        assert_eq!(
            out,
            "---\ndecided: 2026-01-02\nstatus: accepted # none\n---\n"
        );
    }

    #[test]
    fn set_replaces_multi_line_and_block_scalars_whole() {
        let out = edit(
            "---\nstatus: superseded\n  by ADR-0003\nnote: |\n  one\n  two\n\nx: 1\n---\n",
            |d| {
                d.set_scalar("status", "accepted")?;
                d.set_scalar("note", "short")
            },
        );
        assert_eq!(out, "---\nstatus: accepted\nnote: short\n\nx: 1\n---\n");
    }

    #[test]
    fn add_to_a_flow_list() {
        let out = edit(
            "---\nsupersedes: [3, \"a, b\"]  # old\nrelated: []\nx: [ 1 ]\n---\n",
            |d| {
                d.add_to_list("supersedes", "7")?;
                d.add_to_list("related", "9")?;
                d.add_to_list("x", "2")
            },
        );
        assert_eq!(
            out,
            "---\nsupersedes: [3, \"a, b\", 7]  # old\nrelated: [9]\nx: [ 1, 2 ]\n---\n"
        );
    }

    #[test]
    fn add_to_a_flow_list_over_several_lines() {
        let out = edit("---\ntags: [a,\n  b,\n]\n---\n", |d| {
            d.add_to_list("tags", "c")
        });
        assert_eq!(out, "---\ntags: [a,\n  b, c\n]\n---\n");
    }

    #[test]
    fn add_to_a_block_list_keeps_its_indentation() {
        let out = edit(
            "---\nsuperseded-by:\n    - 4   # first\n    - '5'\n# trailing comment\nnext: 1\n---\n",
            |d| d.add_to_list("superseded-by", "9"),
        );
        assert_eq!(
            out,
            "---\nsuperseded-by:\n    - 4   # first\n    - '5'\n    - 9\n# trailing comment\nnext: 1\n---\n"
        );
        let out = edit("---\nrelated:\n- 1\n---\n", |d| {
            d.add_to_list("related", "2")
        });
        assert_eq!(out, "---\nrelated:\n- 1\n- 2\n---\n");
    }

    #[test]
    fn add_turns_a_single_value_or_nothing_into_a_flow_list() {
        let out = edit(
            "---\nsupersedes: 3 # was\nowners: ana, raj\nrelated:\nx: ~\n---\n",
            |d| {
                d.add_to_list("supersedes", "7")?;
                d.add_to_list("owners", "lee")?;
                d.add_to_list("related", "2")?;
                d.add_to_list("x", "y")?;
                d.add_to_list("tags", "new")
            },
        );
        assert_eq!(
            out,
            "---\nsupersedes: [3, 7] # was\nowners: [ana, raj, lee]\nrelated: [2]\nx: [y]\ntags: [new]\n---\n"
        );
    }

    #[test]
    fn append_a_mapping_to_a_block_list() {
        let out = edit(
            "---\nfeedback:\n  - by: raj   # first\n    stance: support\n\n    note: |\n      long\n  # end of list\nactions: []\n---\nBody\n",
            |d| d.append_mapping("feedback", FEEDBACK),
        );
        assert_eq!(
            out,
            "---\nfeedback:\n  - by: raj   # first\n    stance: support\n\n    note: |\n      long\n  - by: lee\n    date: 2026-03-05\n    stance: concern\n    note: \"Cost: doubles #labels\"\n  # end of list\nactions: []\n---\nBody\n"
        );
    }

    #[test]
    fn append_a_mapping_to_a_missing_empty_or_flow_list() {
        let entries = &[("by", "lee"), ("stance", "veto")];
        let out = edit("---\r\nstatus: draft\r\n---\r\n", |d| {
            d.append_mapping("feedback", entries)
        });
        assert_eq!(
            out,
            "---\r\nstatus: draft\r\nfeedback:\r\n  - by: lee\r\n    stance: veto\r\n---\r\n"
        );
        let out = edit("---\nfeedback: []  # none yet\nx: 1\n---\n", |d| {
            d.append_mapping("feedback", entries)
        });
        assert_eq!(
            out,
            "---\nfeedback:  # none yet\n  - by: lee\n    stance: veto\nx: 1\n---\n"
        );
        let out = edit("---\nfeedback:\nx: 1\n---\n", |d| {
            d.append_mapping("feedback", entries)
        });
        assert_eq!(
            out,
            "---\nfeedback:\n  - by: lee\n    stance: veto\nx: 1\n---\n"
        );
        let out = edit("---\nfeedback: [{by: raj}]\n---\n", |d| {
            d.append_mapping("feedback", &[("by", "lee"), ("note", "a, b")])
        });
        assert_eq!(
            out,
            "---\nfeedback: [{by: raj}, {by: lee, note: \"a, b\"}]\n---\n"
        );
        let out = edit("---\nfeedback:\n  - {by: raj}\n---\n", |d| {
            d.append_mapping("feedback", entries)
        });
        assert_eq!(
            out,
            "---\nfeedback:\n  - {by: raj}\n  - {by: lee, stance: veto}\n---\n"
        );
    }

    const ACTIONS: &str = "---\nactions:\n  - owner: ana\n    status: open   # soon\n    note: First\n  - owner: raj\n    due: 2026-04-01\n    note: |\n      multi\n# between\nrisks: []\n---\n";

    #[test]
    fn set_a_key_inside_a_list_item() {
        let out = edit(ACTIONS, |d| {
            d.set_in_item("actions", 0, "status", "done")?;
            d.set_in_item("actions", 0, "done", "2026-03-28")?;
            d.set_in_item("actions", 1, "status", "done")?;
            d.set_in_item("actions", 1, "done", "2026-03-29")
        });
        assert_eq!(
            out,
            "---\nactions:\n  - owner: ana\n    status: done   # soon\n    note: First\n    done: 2026-03-28\n  - owner: raj\n    due: 2026-04-01\n    note: |\n      multi\n    status: done\n    done: 2026-03-29\n# between\nrisks: []\n---\n"
        );
    }

    #[test]
    fn set_a_key_inside_a_flow_mapping_item() {
        let out = edit(
            "---\nactions:\n  - {owner: ana, status: open}\n  - {owner: raj}\n---\n",
            |d| {
                d.set_in_item("actions", 0, "status", "done")?;
                d.set_in_item("actions", 1, "done", "2026-03-28")
            },
        );
        assert_eq!(
            out,
            "---\nactions:\n  - {owner: ana, status: done}\n  - {owner: raj, done: 2026-03-28}\n---\n"
        );
    }

    #[test]
    fn refuses_what_it_cannot_do_in_place() {
        assert_eq!(
            refused("# no front matter\n", |d| d.set_scalar("status", "x")),
            EditError::NoFrontMatter
        );
        assert_eq!(
            refused("---\nstatus: x\n", |d| d.set_scalar("status", "y")),
            EditError::Unterminated
        );
        assert!(matches!(
            refused("---\nstatus: [x\n---\n", |d| d.set_scalar("status", "y")),
            EditError::Invalid(_)
        ));
        assert_eq!(
            refused("---\nstatus: a\nstatus: b\n---\n", |d| d
                .set_scalar("status", "y")),
            EditError::DuplicateKey {
                key: "status".into(),
                line: 3
            }
        );
        assert!(matches!(
            refused("---\nstatus: [a]\n---\n", |d| d.set_scalar("status", "y")),
            EditError::WrongType { line: 2, .. }
        ));
        assert!(matches!(
            refused("---\nfeedback: {a: 1}\n---\n", |d| d
                .append_mapping("feedback", FEEDBACK)),
            EditError::WrongType { .. }
        ));
        assert_eq!(
            refused(ACTIONS, |d| d.set_in_item("actions", 2, "status", "done")),
            EditError::NoItem {
                key: "actions".into(),
                number: 3
            }
        );
        assert_eq!(
            refused("---\n- a\n---\n", |d| d.set_scalar("status", "y")),
            EditError::NotAMapping
        );
    }
}
