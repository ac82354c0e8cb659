//! A YAML tree that remembers where every key and value came from.
//!
//! Front matter is parsed once into [`Node`]s by `serde-saphyr` (see decision
//! 0002 in `decisions/`) with hard limits on depth, alias expansion and size,
//! so hostile input becomes an error value instead of a hang or a crash.
//! The common plain shapes are read by a faster reader ([`fast`]) that
//! builds the same tree, and hands anything else to `serde-saphyr`.
//! Typed records are then built from the tree by hand, which lets every
//! finding point at the line and column of the key concerned, and lets a key
//! that appears twice be reported instead of silently dropped.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

mod fast;

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    /// A position; a line or column beyond `u32::MAX` (a file over 4 GB,
    /// which loading refuses long before) is kept as `u32::MAX`.
    pub const fn new(line: usize, col: usize) -> Self {
        const fn narrow(n: usize) -> u32 {
            if n > u32::MAX as usize {
                u32::MAX
            } else {
                n as u32
            }
        }
        Self {
            line: narrow(line),
            col: narrow(col),
        }
    }

    /// The line, for indexing and arithmetic.
    pub const fn line(self) -> usize {
        self.line as usize
    }

    /// The column, in characters.
    pub const fn col(self) -> usize {
        self.col as usize
    }
}

/// One YAML value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub pos: Pos,
}

/// A mapping entry: the key (with its own position) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_pos: Pos,
    pub value: Node<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Borrowed from the front matter's text where it is written as it
    /// reads (the fast reader), owned where it was unescaped or folded.
    String(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// Entries in document order; duplicate keys are kept so they can be reported.
    Map(Vec<Entry<'a>>),
}

impl<'a> Node<'a> {
    /// The mapping entry for `key`, the first one if it is given twice.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry<'a>] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The scalar rendered as text, as a YAML reader would see it written.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::String(s) => Some(s.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// The same tree owning its strings, to keep after the text is gone.
    pub fn into_owned(self) -> Node<'static> {
        Node {
            value: match self.value {
                Value::Null => Value::Null,
                Value::Bool(b) => Value::Bool(b),
                Value::Int(i) => Value::Int(i),
                Value::Float(f) => Value::Float(f),
                Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
                Value::Seq(items) => Value::Seq(items.into_iter().map(Node::into_owned).collect()),
                Value::Map(entries) => Value::Map(
                    entries
                        .into_iter()
                        .map(|e| Entry {
                            key: Cow::Owned(e.key.into_owned()),
                            key_pos: e.key_pos,
                            value: e.value.into_owned(),
                        })
                        .collect(),
                ),
            },
            pos: self.pos,
        }
    }

    fn shift_lines(&mut self, by: usize) {
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|item| {
                item.pos = Pos::new(item.pos.line() + by, item.pos.col());
                item.shift_lines(by);
            }),
            Value::Map(entries) => entries.iter_mut().for_each(|entry| {
                entry.key_pos = Pos::new(entry.key_pos.line() + by, entry.key_pos.col());
                entry.value.pos = Pos::new(entry.value.pos.line() + by, entry.value.pos.col());
                entry.value.shift_lines(by);
            }),
            _ => {}
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Why a YAML text could not be read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.col, self.message)
    }
}

/// Parses `text`, whose first line is line `first_line` of the file.
///
/// Limits: nesting 64 deep, 10,000 replayed alias events, 100,000 nodes.
/// A document that exceeds them is an error, found in bounded time.
pub fn parse(text: &str, first_line: usize) -> Result<Node<'_>, YamlError> {
    parse_keeping(text, first_line, None)
}

/// [`parse`], keeping of a top-level mapping only the keys in `keep` when it
/// is given: for a reader that needs a few fields of a record, the values
/// of the others are read (the text is accepted or refused as [`parse`]
/// would) but not built.
pub fn parse_keeping<'t>(
    text: &'t str,
    first_line: usize,
    keep: Option<&'static [&'static str]>,
) -> Result<Node<'t>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Map(Vec::new()),
            pos: Pos::new(first_line, 1),
        });
    }
    // The fast reader keeps to MAX_DEPTH itself; the full one is guarded here.
    if let Some(node) = fast::parse_keeping(text, first_line, keep) {
        return Ok(node);
    }
    if let Some(pos) = too_deep(text, first_line) {
        return Err(YamlError {
            pos,
            message: format!("nested more than {MAX_DEPTH} levels deep"),
        });
    }
    let mut node = full(text, first_line)?;
    if let (Some(keep), Value::Map(entries)) = (keep, &mut node.value) {
        entries.retain(|e| keep.contains(&&*e.key));
    }
    Ok(node)
}

/// Parses `text` with `serde-saphyr`, whatever its shape.
fn full(text: &str, first_line: usize) -> Result<Node<'static>, YamlError> {
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::PassThrough,
        // YAML 1.2 booleans only: in YAML 1.1 the review key `on` (and `y`,
        // `yes`, `off`) would read as a boolean.
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_nodes: 100_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_events: 200_000,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 16,
        },
    };
    let shift = first_line.saturating_sub(1);
    match serde_saphyr::from_str_with_options::<Spanned<Value<'static>>>(text, options) {
        Ok(spanned) => {
            let pos = shifted(&spanned, shift);
            let mut node = Node {
                value: spanned.value,
                pos,
            };
            if shift > 0 {
                node.shift_lines(shift);
            }
            Ok(node)
        }
        Err(err) => {
            let pos = err
                .location()
                .map(|loc| Pos::new(loc.line() as usize + shift, loc.column() as usize))
                .unwrap_or(Pos::new(first_line, 1));
            Err(YamlError {
                pos,
                message: first_line_of(&err.to_string()),
            })
        }
    }
}

const MAX_DEPTH: usize = 64;

/// Finds block nesting deeper than the parser can take without exhausting the
/// stack: the YAML parser recurses once per indentation level before its own
/// depth budget applies. Real front matter never comes close to this.
fn too_deep(text: &str, first_line: usize) -> Option<Pos> {
    let mut levels: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        while levels.last().is_some_and(|&l| l >= indent) {
            levels.pop();
        }
        levels.push(indent);
        // Compact nested sequences ("- - - x") open one level per dash.
        let mut dashes = 0;
        let mut tail = rest;
        while let Some(next) = tail.strip_prefix("- ") {
            dashes += 1;
            tail = next.trim_start_matches(' ');
        }
        if levels.len() + dashes > MAX_DEPTH {
            return Some(Pos::new(first_line + i, indent + 1));
        }
    }
    None
}

fn shifted<T>(spanned: &Spanned<T>, shift: usize) -> Pos {
    let loc = spanned.referenced;
    Pos::new(loc.line() as usize + shift, loc.column() as usize)
}

fn first_line_of(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .to_string()
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value<'static>, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value<'static>, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value<'static>, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value<'static>, E> {
        Ok(i64::try_from(v).map_or(Value::String(Cow::Owned(v.to_string())), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value<'static>, E> {
        Ok(i64::try_from(v).map_or(Value::String(Cow::Owned(v.to_string())), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value<'static>, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value<'static>, E> {
        Ok(Value::String(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Value<'static>, E> {
        Ok(Value::String(Cow::Owned(v)))
    }
    fn visit_none<E>(self) -> Result<Value<'static>, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value<'static>, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value<'static>, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'static>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value<'static>>>()? {
            items.push(Node {
                pos: shifted(&item, 0),
                value: item.value,
            });
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'static>, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Value<'static>>>()? {
            let value = map.next_value::<Spanned<Value<'static>>>()?;
            let key_text = match &key.value {
                Value::String(s) => s.clone(),
                Value::Int(i) => Cow::Owned(i.to_string()),
                Value::Float(f) => Cow::Owned(f.to_string()),
                Value::Bool(b) => Cow::Owned(b.to_string()),
                Value::Null => Cow::Borrowed("null"),
                Value::Seq(_) | Value::Map(_) => {
                    return Err(de::Error::custom("a mapping key must be a plain value"));
                }
            };
            entries.push(Entry {
                key: key_text,
                key_pos: shifted(&key, 0),
                value: Node {
                    pos: shifted(&value, 0),
                    value: value.value,
                },
            });
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_keep_positions_shifted_by_first_line() {
        let node = parse("id: 12\nowners: [ana, raj]\nfeedback:\n  - by: lee\n", 2).unwrap();
        let owners = node.get("owners").unwrap();
        assert_eq!(owners.key_pos, Pos::new(3, 1));
        let Value::Seq(items) = &owners.value.value else {
            panic!()
        };
        assert_eq!(items[1].pos, Pos::new(3, 15));
        let fb = node.get("feedback").unwrap();
        let Value::Seq(items) = &fb.value.value else {
            panic!()
        };
        assert_eq!(items[0].get("by").unwrap().key_pos, Pos::new(5, 5));
    }

    #[test]
    fn on_yes_and_y_are_words_not_booleans() {
        let node = parse("on: 12\nanswer: yes\nflag: [y, n]\nreal: true\n", 1).unwrap();
        assert_eq!(node.get("on").unwrap().value.as_text().unwrap(), "12");
        assert_eq!(
            node.get("answer").unwrap().value.value,
            Value::String("yes".into())
        );
        assert_eq!(node.get("real").unwrap().value.value, Value::Bool(true));
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let node = parse("status: draft\nstatus: accepted\n", 1).unwrap();
        assert_eq!(node.entries().len(), 2);
        assert_eq!(node.entries()[1].key_pos, Pos::new(2, 1));
    }

    #[test]
    fn billion_laughs_is_an_error() {
        let mut doc = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        let mut prev = 'a';
        for c in 'b'..='j' {
            doc.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let err = parse(&doc, 1).unwrap_err();
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn deep_flow_nesting_is_an_error() {
        let doc = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&doc, 1).is_err());
    }

    #[test]
    fn deep_block_nesting_is_an_error() {
        let doc: String = (0..10_000)
            .map(|i| format!("{}- \n", " ".repeat(i * 2)))
            .collect();
        assert!(parse(&doc, 1).is_err());
    }

    #[test]
    fn syntax_error_has_a_position() {
        let err = parse("title: ok\nowners: [ana\n", 5).unwrap_err();
        assert!(err.pos.line >= 6, "{err:?}");
    }
}
