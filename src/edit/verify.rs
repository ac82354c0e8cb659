//! The defensive check behind every edit: the edited text is parsed again
//! and must read as the document the edit intended, with the body unchanged.
//! The splices work on text, so this is what guarantees that an edit never
//! changes anything else or breaks the YAML.

use super::document::Change;
use crate::record::source;
use crate::yaml::{Entry, Node, Pos, Value};

pub(super) fn is_scalar(node: &Node) -> bool {
    !matches!(node.value, Value::Null | Value::Seq(_) | Value::Map(_))
}

/// Sets the scalar that starts at `at` to the text `value`.
pub(super) fn set_scalar_at(node: &mut Node, at: Pos, value: &str) -> bool {
    if node.pos == at && is_scalar(node) {
        node.value = Value::String(value.to_string().into());
        return true;
    }
    match &mut node.value {
        Value::Map(entries) => entries
            .iter_mut()
            .any(|e| set_scalar_at(&mut e.value, at, value)),
        Value::Seq(items) => items.iter_mut().any(|item| set_scalar_at(item, at, value)),
        _ => false,
    }
}

/// Whether `new` splits into the same body as `old` and front matter that
/// reads as `expected`: the defensive check behind every edit.
pub(super) fn reads_as(old: &str, new: &str, expected: &Node) -> bool {
    let old_split = source::split(source::strip_bom(old));
    let new_split = source::split(source::strip_bom(new));
    match &new_split.front {
        source::FrontMatter::Parsed(node) => {
            new_split.body == old_split.body && equivalent(node, expected)
        }
        _ => false,
    }
}

/// Equal as documents: same keys in the same order, same items, and scalars
/// that read as the same text; positions and styles do not matter.
fn equivalent(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.key == q.key && equivalent(&p.value, &q.value))
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equivalent(p, q))
        }
        (Value::Null, Value::Null) => true,
        _ => a.as_text().is_some() && a.as_text() == b.as_text(),
    }
}

fn text_node(value: &str) -> Node<'static> {
    Node {
        value: Value::String(value.to_string().into()),
        pos: Pos::default(),
    }
}

fn entries_mut<'n, 'a>(node: &'n mut Node<'a>) -> Option<&'n mut Vec<Entry<'a>>> {
    match &mut node.value {
        Value::Map(entries) => Some(entries),
        _ => None,
    }
}

fn set_entry<'a>(map: &mut Node<'a>, key: &str, value: Node<'a>) {
    let Some(entries) = entries_mut(map) else {
        return;
    };
    match entries.iter_mut().find(|e| e.key == key) {
        Some(entry) => entry.value = value,
        None => entries.push(Entry {
            key: key.to_string().into(),
            key_pos: Pos::default(),
            value,
        }),
    }
}

/// Applies `change` to a parsed tree: what the edited text must read as.
pub(super) fn intend(root: &mut Node, change: Change) {
    match change {
        Change::Set {
            list: None,
            key,
            value,
        } => set_entry(root, key, text_node(value)),
        Change::Set {
            list: Some((list, index)),
            key,
            value,
        } => {
            let item = entries_mut(root)
                .and_then(|es| es.iter_mut().find(|e| e.key == list))
                .and_then(|e| match &mut e.value.value {
                    Value::Seq(items) => items.get_mut(index),
                    _ => None,
                });
            if let Some(item) = item {
                set_entry(item, key, text_node(value));
            }
        }
        Change::Add { key, item } => {
            let old = root.get(key).map(|e| e.value.clone());
            let mut items = match old.map(|n| n.value) {
                Some(Value::Seq(items)) => items,
                Some(Value::Null) | None => Vec::new(),
                Some(other) => comma_items(&Node {
                    value: other,
                    pos: Pos::default(),
                })
                .iter()
                .map(|s| text_node(s))
                .collect(),
            };
            items.push(text_node(item));
            set_entry(
                root,
                key,
                Node {
                    value: Value::Seq(items),
                    pos: Pos::default(),
                },
            );
        }
        Change::Append { key, entries } => {
            let mut items = match root.get(key).map(|e| e.value.value.clone()) {
                Some(Value::Seq(items)) => items,
                _ => Vec::new(),
            };
            items.push(Node {
                value: Value::Map(
                    entries
                        .iter()
                        .map(|(k, v)| Entry {
                            key: k.to_string().into(),
                            key_pos: Pos::default(),
                            value: text_node(v),
                        })
                        .collect(),
                ),
                pos: Pos::default(),
            });
            set_entry(
                root,
                key,
                Node {
                    value: Value::Seq(items),
                    pos: Pos::default(),
                },
            );
        }
    }
}

/// A single value that stands for a list, split the way the record reader
/// splits it (`owners: ana, raj` is two people).
pub(super) fn comma_items(node: &Node) -> Vec<String> {
    node.as_text()
        .map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::edit::EditError;
    use crate::edit::testing::{edit, refused};

    #[test]
    fn refuses_an_edit_that_would_change_something_else() {
        // The anchored value is also what `copy` reads: changing it would change both.
        let err = refused("---\nstatus: &s proposed\ncopy: *s\n---\n", |d| {
            d.set_scalar("status", "accepted")
        });
        assert_eq!(
            err,
            EditError::Verify {
                key: "status".into()
            }
        );
    }

    #[test]
    fn the_body_is_never_touched() {
        let text = "---\nstatus: draft\n---\nstatus: draft\n---\nstatus: draft\n";
        let out = edit(text, |d| d.set_scalar("status", "proposed"));
        assert_eq!(
            out,
            "---\nstatus: proposed\n---\nstatus: draft\n---\nstatus: draft\n"
        );
    }
}
