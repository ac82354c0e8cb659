//! Byte-preserving edits of a record's front matter, and atomic writes.
//!
//! Records are versioned and reviewed as diffs, so an edit must change only
//! the bytes it has to: re-serialising the YAML would reorder keys, drop
//! comments, change quoting and line endings, and turn a one-word status
//! change into a noisy diff. Instead each edit splices new text into the raw
//! file at the positions the parser reported ([`crate::yaml`]), in the file's
//! own line ending and indentation. Because that splicing works on text, every
//! result is parsed again and compared with the document the edit intended;
//! an edit that would change anything else, or break the YAML, is refused
//! and nothing is written.
//!
//! Writes go to a temporary file in the same folder that is renamed over the
//! original ([`write_atomic`], [`Staged`]), so a crash or a kill leaves either
//! the old file or the new one, never a mix. New files are created without
//! ever replacing an existing one ([`create_new`]).
//!
//! **Every command that changes a log's files does so inside [`locked`] (or
//! [`with_log`], which also loads the log under the lock)**: an OS advisory
//! lock on the log folder held from the first read to the last rename, so
//! concurrent commands never lose each other's updates, and a killed one
//! never leaves a lock behind. Taking the lock also removes temporary files
//! that killed writers left.

use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::log::{Location, Log};
use crate::record::source;
use crate::yaml::{self, Entry, Node, Pos, Value, YamlError};

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
enum Change<'a> {
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
    fn key(&self) -> &str {
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
                    line: at.line,
                    col: at.col,
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

fn is_scalar(node: &Node) -> bool {
    !matches!(node.value, Value::Null | Value::Seq(_) | Value::Map(_))
}

/// Sets the scalar that starts at `at` to the text `value`.
fn set_scalar_at(node: &mut Node, at: Pos, value: &str) -> bool {
    if node.pos == at && is_scalar(node) {
        node.value = Value::String(value.to_string());
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
fn reads_as(old: &str, new: &str, expected: &Node) -> bool {
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

fn text_node(value: &str) -> Node {
    Node {
        value: Value::String(value.to_string()),
        pos: Pos::default(),
    }
}

fn entries_mut(node: &mut Node) -> Option<&mut Vec<Entry>> {
    match &mut node.value {
        Value::Map(entries) => Some(entries),
        _ => None,
    }
}

fn set_entry(map: &mut Node, key: &str, value: Node) {
    let Some(entries) = entries_mut(map) else {
        return;
    };
    match entries.iter_mut().find(|e| e.key == key) {
        Some(entry) => entry.value = value,
        None => entries.push(Entry {
            key: key.to_string(),
            key_pos: Pos::default(),
            value,
        }),
    }
}

/// Applies `change` to a parsed tree: what the edited text must read as.
fn intend(root: &mut Node, change: Change) {
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
                            key: k.to_string(),
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
fn comma_items(node: &Node) -> Vec<String> {
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

/// The front-matter block of a file.
struct Front {
    /// Byte range of the YAML between the fences.
    range: Range<usize>,
    eol: &'static str,
    root: Node,
}

fn locate(text: &str) -> Result<Front, EditError> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = &text[bom..];
    let mut lines = body.split_inclusive('\n');
    let first = lines
        .next()
        .filter(|l| source::is_fence(l))
        .ok_or(EditError::NoFrontMatter)?;
    let eol = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let start = first.len();
    let mut offset = start;
    for line in lines {
        if source::is_end_fence(line) {
            let root = yaml::parse(&body[start..offset], 2).map_err(EditError::Invalid)?;
            if !matches!(root.value, Value::Map(_)) {
                return Err(EditError::NotAMapping);
            }
            return Ok(Front {
                range: bom + start..bom + offset,
                eol,
                root,
            });
        }
        offset += line.len();
    }
    Err(EditError::Unterminated)
}

/// Text to put in place of a byte range of the YAML.
#[derive(Debug)]
struct Splice {
    range: Range<usize>,
    text: String,
}

fn insert(at: usize, text: String) -> Splice {
    Splice {
        range: at..at,
        text,
    }
}

/// How a scalar was written, so a replacement can be written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Double,
    Single,
}

/// A scalar located by its position: a mapping value or a list item.
#[derive(Clone, Copy)]
enum Holder<'n> {
    Entry(&'n Entry),
    Item(&'n Node),
}

#[derive(Clone, Copy)]
struct Found<'n> {
    holder: Holder<'n>,
    /// Inside `[…]` or `{…}`, where `,`, `]` and `}` end a plain scalar.
    flow: bool,
}

/// A scalar as the YAML reader gives it.
struct Read {
    text: String,
    /// Read as a string, not as a number whose text is its canonical form.
    is_text: bool,
}

/// The YAML text of one front matter, indexed by line.
struct Ctx<'a> {
    yaml: &'a str,
    eol: &'static str,
    root: &'a Node,
    /// Byte offset where each line starts; line `n` of the file is `starts[n - 2]`.
    starts: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn new(yaml: &'a str, eol: &'static str, root: &'a Node) -> Ctx<'a> {
        let mut starts = vec![0];
        starts.extend(yaml.match_indices('\n').map(|(i, _)| i + 1));
        if starts.last() == Some(&yaml.len()) && !yaml.is_empty() {
            starts.pop();
        }
        Ctx {
            yaml,
            eol,
            root,
            starts,
        }
    }

    fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Index into `starts` of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Line `idx` without its line ending.
    fn line(&self, idx: usize) -> &'a str {
        let start = self.starts[idx];
        let end = self.starts.get(idx + 1).copied().unwrap_or(self.yaml.len());
        self.yaml[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Where line `idx`'s content ends (before its line ending).
    fn line_end(&self, idx: usize) -> usize {
        self.starts[idx] + self.line(idx).len()
    }

    /// Where the line after `idx` starts (the end of the YAML for the last line).
    fn next_line_start(&self, idx: usize) -> usize {
        self.starts.get(idx + 1).copied().unwrap_or(self.yaml.len())
    }

    /// The byte offset of a 1-based position (columns count characters).
    fn offset(&self, pos: Pos) -> Option<usize> {
        let idx = pos.line.checked_sub(2)?;
        let start = *self.starts.get(idx)?;
        let line = self.line(idx);
        let col = pos.col.checked_sub(1)?;
        if col == line.chars().count() {
            return Some(start + line.len());
        }
        line.char_indices().nth(col).map(|(i, _)| start + i)
    }

    fn unsupported(&self, key: &str, pos: Pos, why: &'static str) -> EditError {
        EditError::Unsupported {
            key: key.to_string(),
            line: pos.line,
            why,
        }
    }

    fn offset_of(&self, key: &str, pos: Pos) -> Result<usize, EditError> {
        self.offset(pos)
            .ok_or_else(|| self.unsupported(key, pos, "its position is outside the front matter"))
    }

    /// Leading spaces of line `idx`.
    fn indent(&self, idx: usize) -> usize {
        let line = self.line(idx);
        line.len() - line.trim_start_matches(' ').len()
    }

    /// The indentation of top-level keys (normally none).
    fn top_indent(&self) -> String {
        let col = self
            .root
            .entries()
            .first()
            .map_or(1, |e| e.key_pos.col.max(1));
        " ".repeat(col - 1)
    }

    /// The single entry `key` of `map`; a key given twice is refused because
    /// it is ambiguous which one to change.
    fn entry<'n>(&self, map: &'n Node, key: &str) -> Result<Option<&'n Entry>, EditError> {
        let mut found = map.entries().iter().filter(|e| e.key == key);
        let first = found.next();
        if let Some(second) = found.next() {
            return Err(EditError::DuplicateKey {
                key: key.to_string(),
                line: second.key_pos.line,
            });
        }
        Ok(first)
    }

    /// The offset just after the `:` that ends the key at `key_pos`.
    fn after_colon(&self, key: &str, key_pos: Pos) -> Result<usize, EditError> {
        let start = self.offset_of(key, key_pos)?;
        let b = self.yaml.as_bytes();
        let mut i = match b.get(start) {
            Some(b'"') => end_of_double(self.yaml, start),
            Some(b'\'') => end_of_single(self.yaml, start),
            _ => Some(start),
        }
        .ok_or_else(|| self.unsupported(key, key_pos, "its key is not closed"))?;
        while i < b.len() && b[i] != b'\n' {
            if b[i] == b':' && matches!(b.get(i + 1), None | Some(b' ' | b'\t' | b'\r' | b'\n')) {
                return Ok(i + 1);
            }
            i += 1;
        }
        Err(self.unsupported(key, key_pos, "no `:` follows its key on the same line"))
    }

    /// Whether the mapping or list `node` is written in flow style (`{…}`, `[…]`).
    fn is_flow(&self, node: &Node) -> bool {
        self.offset(node.pos)
            .and_then(|o| self.yaml.as_bytes().get(o))
            .is_some_and(|b| matches!(b, b'[' | b'{'))
    }

    /// The bytes of a non-null scalar value of `entry`, and how it is quoted.
    fn scalar_range(&self, entry: &Entry, flow: bool) -> Result<(Range<usize>, Style), EditError> {
        let key = entry.key.as_str();
        let colon = self.after_colon(key, entry.key_pos)?;
        let key_line = self.line_index(colon);
        let key_indent = entry.key_pos.col.saturating_sub(1);
        let after = &self.yaml[colon..self.line_end(key_line)];
        let trimmed = after.trim_start();
        if !flow && trimmed.starts_with(['|', '>']) {
            // A block scalar runs over the following lines indented deeper than its key.
            let start = colon + (after.len() - trimmed.len());
            let mut end = self.line_end(key_line);
            for idx in key_line + 1..self.line_count() {
                let line = self.line(idx);
                if line.trim().is_empty() {
                    continue;
                }
                if self.indent(idx) <= key_indent {
                    break;
                }
                end = self.line_end(idx);
            }
            return Ok((start..end, Style::Plain));
        }
        let start = self.offset_of(key, entry.value.pos)?;
        if start < colon {
            return Err(self.unsupported(key, entry.value.pos, "its value could not be located"));
        }
        let not_closed =
            || self.unsupported(key, entry.value.pos, "its quoted value is not closed");
        match self.yaml.as_bytes().get(start) {
            Some(b'"') => Ok((
                start..end_of_double(self.yaml, start).ok_or_else(not_closed)?,
                Style::Double,
            )),
            Some(b'\'') => Ok((
                start..end_of_single(self.yaml, start).ok_or_else(not_closed)?,
                Style::Single,
            )),
            _ => Ok((start..self.plain_end(start, flow, key_indent), Style::Plain)),
        }
    }

    /// Where a plain scalar starting at `start` ends: before a comment, a flow
    /// indicator, or the end of its last continuation line.
    fn plain_end(&self, start: usize, flow: bool, key_indent: usize) -> usize {
        let idx = self.line_index(start);
        let mut end = start + plain_len(&self.yaml[start..self.line_end(idx)], flow);
        if flow {
            return end;
        }
        for next in idx + 1..self.line_count() {
            let line = self.line(next);
            let content = line.trim_start_matches(' ');
            if content.trim().is_empty()
                || content.starts_with('#')
                || self.indent(next) <= key_indent
            {
                break;
            }
            end = self.starts[next] + self.indent(next) + plain_len(content, false);
        }
        end
    }

    /// The last line of the block-list item or mapping that starts on line
    /// `first` and is nested under indentation `parent`: later lines belong to
    /// it while they are blank, comments, or indented deeper than `parent`.
    fn block_end_line(&self, first: usize, parent: usize) -> usize {
        let mut last = first;
        for idx in first + 1..self.line_count() {
            let line = self.line(idx);
            let content = line.trim_start_matches(' ');
            if content.trim().is_empty() {
                continue;
            }
            if self.indent(idx) > parent {
                last = idx;
            } else if !content.starts_with('#') {
                break;
            }
        }
        last
    }

    /// The `  - ` that starts the block-list item `item`, when the item's
    /// content starts on its dash line.
    fn item_prefix(&self, key: &str, item: &Node) -> Result<&'a str, EditError> {
        let at = self.offset_of(key, item.pos)?;
        let idx = self.line_index(at);
        let prefix = &self.yaml[self.starts[idx]..at];
        let rest = prefix.trim_start_matches(' ');
        match rest.strip_prefix('-') {
            Some(after) if !after.is_empty() && after.chars().all(|c| c == ' ') => Ok(prefix),
            _ => Err(self.unsupported(
                key,
                item.pos,
                "its items are not written as `- value` lines",
            )),
        }
    }

    /// Where to insert after the block-list item `item`, whose dash line is `prefix`.
    fn after_item(&self, key: &str, item: &Node) -> Result<usize, EditError> {
        let at = self.offset_of(key, item.pos)?;
        let idx = self.line_index(at);
        Ok(self.next_line_start(self.block_end_line(idx, self.indent(idx))))
    }

    /// Offset of the bracket closing the flow collection at `node`.
    fn flow_close(&self, key: &str, node: &Node) -> Result<usize, EditError> {
        let open = self.offset_of(key, node.pos)?;
        flow_end(self.yaml, open)
            .ok_or_else(|| self.unsupported(key, node.pos, "its brackets are not balanced"))
    }

    /// Insertion point and separator for a new element of the flow collection at `node`.
    fn flow_insertion(&self, key: &str, node: &Node) -> Result<(usize, &'static str), EditError> {
        let close = self.flow_close(key, node)?;
        let before = self.yaml[..close].trim_end();
        let sep = match before.chars().last() {
            Some('[' | '{') => "",
            Some(',') => " ",
            _ => ", ",
        };
        Ok((before.len(), sep))
    }

    /// A `~`/`null` token written as a null value, if there is one.
    fn null_token(&self, entry: &Entry, colon: usize) -> Option<Range<usize>> {
        let start = self.offset(entry.value.pos)?;
        if start < colon {
            return None;
        }
        let rest = &self.yaml[start..];
        ["null", "Null", "NULL", "~"]
            .iter()
            .find(|t| {
                rest.starts_with(*t)
                    && !rest[t.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']'))
            })
            .map(|t| start..start + t.len())
    }

    /// The top-level key whose value holds the position `at`, for messages.
    fn key_around(&self, at: Pos) -> String {
        self.root
            .entries()
            .iter()
            .rfind(|e| e.key_pos <= at)
            .map_or_else(String::new, |e| e.key.clone())
    }

    /// Every scalar value that starts at `at`, with whether it sits in a
    /// flow collection. More than one means a YAML alias repeats it.
    fn scalars_at(&self, at: Pos) -> Vec<Found<'a>> {
        let mut found = Vec::new();
        self.collect_at(self.root, at, false, &mut found);
        found
    }

    fn collect_at(&self, node: &'a Node, at: Pos, flow: bool, found: &mut Vec<Found<'a>>) {
        let flow = flow || self.is_flow(node);
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    if entry.value.pos == at && is_scalar(&entry.value) {
                        found.push(Found {
                            holder: Holder::Entry(entry),
                            flow,
                        });
                    }
                    self.collect_at(&entry.value, at, flow, found);
                }
            }
            Value::Seq(items) => {
                for item in items {
                    if item.pos == at && is_scalar(item) {
                        found.push(Found {
                            holder: Holder::Item(item),
                            flow,
                        });
                    }
                    self.collect_at(item, at, flow, found);
                }
            }
            _ => {}
        }
    }

    /// The bytes of a found scalar as written, and its text as read.
    fn scalar_bytes(&self, found: &Found, key: &str) -> Result<(Range<usize>, Read), EditError> {
        let (range, node) = match found.holder {
            Holder::Entry(entry) => (self.scalar_range(entry, found.flow)?.0, &entry.value),
            Holder::Item(item) => {
                let start = self.offset_of(key, item.pos)?;
                let not_closed =
                    || self.unsupported(key, item.pos, "its quoted value is not closed");
                let end = match self.yaml.as_bytes().get(start) {
                    Some(b'"') => end_of_double(self.yaml, start).ok_or_else(not_closed)?,
                    Some(b'\'') => end_of_single(self.yaml, start).ok_or_else(not_closed)?,
                    Some(b'|' | b'>') => {
                        return Err(self.unsupported(key, item.pos, "it is a block scalar"));
                    }
                    _ => {
                        let indent = self.indent(self.line_index(start));
                        self.plain_end(start, found.flow, indent)
                    }
                };
                (start..end, item)
            }
        };
        let text = node
            .as_text()
            .ok_or_else(|| self.unsupported(key, node.pos, "it is not a single value"))?;
        let is_text = matches!(node.value, Value::String(_));
        Ok((range, Read { text, is_text }))
    }

    fn plan_set(
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
                        line: entry.key_pos.line,
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
                        line: item.pos.line,
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
                line: entry.key_pos.line,
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
        let indent = map.pos.col.saturating_sub(1);
        let line = format!(
            "{}{key}: {}{}",
            " ".repeat(indent),
            scalar(value, false),
            self.eol
        );
        Ok(vec![insert(at, line)])
    }

    fn plan_add(&self, key: &str, item: &str) -> Result<Vec<Splice>, EditError> {
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
                line: entry.key_pos.line,
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

    fn plan_append(&self, key: &str, entries: &[(&str, &str)]) -> Result<Vec<Splice>, EditError> {
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
                line: entry.key_pos.line,
                found: node.type_name(),
                expected: "a list",
            }),
        }
    }
}

/// Length of the plain scalar at the start of `line`: up to a ` #` comment,
/// or in flow context a `,`, `]` or `}`, without trailing spaces.
fn plain_len(line: &str, flow: bool) -> usize {
    let mut end = line.len();
    let mut prev_space = false;
    for (i, c) in line.char_indices() {
        if (c == '#' && prev_space) || (flow && matches!(c, ',' | ']' | '}')) {
            end = i;
            break;
        }
        prev_space = c == ' ' || c == '\t';
    }
    line[..end].trim_end().len()
}

/// Offset just past the `"` closing the double-quoted scalar at `start`.
fn end_of_double(s: &str, start: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Offset just past the `'` closing the single-quoted scalar at `start`.
fn end_of_single(s: &str, start: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = start + 1;
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Offset of the bracket that closes the flow collection opened at `open`,
/// skipping quoted scalars and comments.
fn flow_end(s: &str, open: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut token_start = true;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'[' | b'{' => {
                depth += 1;
                token_start = true;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
                token_start = false;
            }
            b',' | b':' | b' ' | b'\t' | b'\r' | b'\n' => token_start = true,
            b'"' if token_start => {
                i = end_of_double(s, i)?;
                token_start = false;
                continue;
            }
            b'\'' if token_start => {
                i = end_of_single(s, i)?;
                token_start = false;
                continue;
            }
            b'#' if token_start => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            _ => token_start = false,
        }
        i += 1;
    }
    None
}

/// `value` written as YAML in the style the old value had.
fn styled(value: &str, style: Style, flow: bool) -> String {
    match style {
        Style::Double => double_quoted(value),
        Style::Single if !value.chars().any(needs_escape) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        _ => scalar(value, flow),
    }
}

/// `value` as a YAML scalar: plain when that reads back as exactly `value`,
/// else double-quoted with escapes. `flow` is for values inside `[…]`/`{…}`.
pub fn scalar(value: &str, flow: bool) -> String {
    if plain_ok(value, flow) {
        value.to_string()
    } else {
        double_quoted(value)
    }
}

/// Whether `value`, written plain as a block value, reads back as the same
/// text (and not as a number, a boolean, null or an error).
pub fn reads_back_plain(value: &str) -> bool {
    plain_ok(value, false)
}

fn plain_ok(value: &str, flow: bool) -> bool {
    let starts_with_indicator = value.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ]);
    if value.is_empty()
        || value.trim() != value
        || starts_with_indicator
        || value.chars().any(needs_escape)
        || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || (flow && value.contains([',', '[', ']', '{', '}']))
    {
        return false;
    }
    // Plain text can still mean something else (`yes`, `1e3`, `~`, `0012`):
    // keep it plain only if a YAML reader gives back the same text.
    let doc = if flow {
        format!("k: [{value}]\n")
    } else {
        format!("k: {value}\n")
    };
    let Ok(node) = yaml::parse(&doc, 1) else {
        return false;
    };
    let read = node.get("k").map(|e| match &e.value.value {
        Value::Seq(items) if items.len() == 1 => items[0].clone(),
        _ => e.value.clone(),
    });
    read.and_then(|n| n.as_text()).as_deref() == Some(value)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// `value` in double quotes, with `"`, `\`, line breaks and control characters escaped.
pub fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A file's new contents, written next to it and not yet in place.
///
/// Staging every file of a multi-file edit before committing any keeps a
/// failure (disk full, permissions) from leaving one file changed and its
/// partner not.
#[derive(Debug)]
pub struct Staged {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn temp_builder<'a>() -> tempfile::Builder<'a, 'a> {
    let mut builder = tempfile::Builder::new();
    // Not `.md`, so a temporary file left by a killed process is never read as a record.
    builder.prefix(".decide-").suffix(".tmp");
    builder
}

/// Writes `contents` to a temporary file beside `path` with `path`'s permissions.
pub fn stage(path: &Path, contents: &[u8]) -> Result<Staged, Error> {
    stage_with(path, |file| file.write_all(contents))
}

fn stage_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<Staged, Error> {
    // Through a symbolic link to the real file, so the link itself survives.
    let target = fs::canonicalize(path).map_err(io_error(path))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(&target).map_err(io_error(path))?.permissions();
    let mut temp = temp_builder().tempfile_in(dir).map_err(io_error(dir))?;
    let file = temp.as_file_mut();
    write(file)
        .and_then(|()| file.set_permissions(permissions))
        .and_then(|()| file.sync_all())
        .map_err(io_error(path))?;
    Ok(Staged { temp, target })
}

impl Staged {
    /// Renames the new contents over the file, atomically.
    pub fn commit(self) -> Result<(), Error> {
        let Staged { temp, target } = self;
        temp.persist(&target)
            .map(drop)
            .map_err(|e| io_error(&target)(e.error))
    }
}

impl Staged {
    /// Puts the new contents at `path` instead of over the original, failing
    /// if anything exists at `path`: the copy half of renaming a record
    /// without ever replacing another. `path` must be in the same folder.
    pub fn commit_new(self, path: &Path) -> Result<(), Error> {
        self.temp
            .persist_noclobber(path)
            .map(drop)
            .map_err(|e| io_error(path)(e.error))
    }
}

/// Replaces `path`'s contents atomically: a temporary file in the same folder
/// is written, flushed to disk and renamed over `path`. The file's permissions
/// are kept. If anything fails, `path` is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    stage(path, contents)?.commit()
}

/// Creates `path` with `text`, failing if it already exists, so two commands
/// creating the same file at once can never overwrite each other. The file
/// appears complete or not at all: it is written aside and linked into place.
pub fn create_new(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = temp_builder();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The usual mode for a new file, less the umask (a temporary file is private by default).
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(io_error(dir))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io_error(path))?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(io_error(path)(e.error)),
        Err(_) => {
            // A file system without hard links or no-replace renames: fall
            // back to an exclusive create, which still never overwrites.
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(io_error(path))?;
            file.write_all(text.as_bytes()).map_err(io_error(path))
        }
    }
}

/// The lock file, on systems where a folder itself cannot be locked; a
/// file of this name left by an older `decide` (which used create-new lock
/// files) is removed by the next command that takes the lock.
pub const LOCK_FILE: &str = ".decide.lock";

/// How long a command waits for another one editing the same log.
const LOCK_WAIT: Duration = Duration::from_secs(120);

/// The write lock of a log folder, held until dropped.
///
/// It is an OS advisory lock ([`fs::File::lock`]), so it dies with its
/// process: a killed `decide` never leaves a lock that blocks the next run.
/// On Unix the log folder itself is locked, so no lock file exists for git
/// to pick up; elsewhere it is [`LOCK_FILE`] in the log folder.
///
/// Use [`locked`] or [`with_log`] rather than this directly.
#[derive(Debug)]
pub struct LogLock {
    _file: fs::File,
}

impl LogLock {
    /// Waits (at most [`LOCK_WAIT`]) until no other `decide` edits the log
    /// in `dir`, then takes the lock and removes what killed writers left
    /// ([`sweep`]): no other writer can be mid-write while we hold it.
    pub fn acquire(dir: &Path) -> Result<LogLock, Error> {
        let file = open_lock(dir).map_err(io_error(dir))?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(io_error(dir)(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!(
                            "another decide has been editing this log for {} s; try again when it is done",
                            LOCK_WAIT.as_secs()
                        ),
                    )));
                }
                Err(fs::TryLockError::Error(err)) => return Err(io_error(dir)(err)),
            }
        }
        sweep(dir);
        Ok(LogLock { _file: file })
    }
}

#[cfg(unix)]
fn open_lock(dir: &Path) -> io::Result<fs::File> {
    fs::File::open(dir)
}

#[cfg(not(unix))]
fn open_lock(dir: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
}

/// Whether `name` is a temporary file of [`stage`] or [`create_new`].
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(".decide-") && name.ends_with(".tmp")
}

/// Removes the temporary files that writers killed before their rename left
/// in the log folder and its subfolders (as deep as the log is read), and a
/// create-new lock file left by an older `decide`. Called with the lock
/// held, when no writer can be between staging and renaming.
fn sweep(dir: &Path) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(3)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(".git"));
    for entry in walker.flatten() {
        let name = entry.file_name().to_string_lossy();
        let stale = is_temp_name(&name) || (cfg!(unix) && entry.depth() == 1 && name == LOCK_FILE);
        if stale && entry.file_type().is_file() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// **The one entry point for changing a log's files.** Runs `work` holding
/// the log's [`LogLock`], so that everything `work` reads, edits and renames
/// into place happens as if no other `decide` were running: read-modify-write
/// without a lost update. Every command that writes into a log goes through
/// this or [`with_log`]; a new editing command must too, with its reads
/// inside `work`, not before it.
pub fn locked<T>(dir: &Path, work: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let _lock = LogLock::acquire(dir)?;
    work()
}

/// [`locked`] for the usual case: takes the lock of the log at `location`,
/// then loads the log, so that what `work` edits is what is on disk.
pub fn with_log<T>(
    location: Location,
    work: impl FnOnce(Log) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let dir = location.dir.clone();
    locked(&dir, || work(Log::load(location)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, f: impl FnOnce(&mut Document) -> Result<(), EditError>) -> String {
        let mut doc = Document::new(text);
        f(&mut doc).unwrap_or_else(|e| panic!("{e}\n{text}"));
        doc.into_text()
    }

    fn refused(text: &str, f: impl FnOnce(&mut Document) -> Result<(), EditError>) -> EditError {
        let mut doc = Document::new(text);
        let err = f(&mut doc).expect_err("the edit should be refused");
        assert_eq!(doc.text(), text, "a refused edit leaves the text as it was");
        err
    }

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
    fn values_are_quoted_when_yaml_needs_it() {
        assert_eq!(scalar("plain words", false), "plain words");
        assert_eq!(scalar("2026-03-05", false), "2026-03-05");
        assert_eq!(scalar("12", false), "12");
        assert_eq!(scalar("cost: high", false), "\"cost: high\"");
        assert_eq!(scalar("see #4", false), "\"see #4\"");
        assert_eq!(scalar("- dash", false), "\"- dash\"");
        assert_eq!(scalar("1e3", false), "\"1e3\"");
        assert_eq!(scalar("0012", false), "\"0012\"");
        assert_eq!(scalar("~", false), "\"~\"");
        assert_eq!(scalar("", false), "\"\"");
        assert_eq!(scalar("a, b", false), "a, b");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(
            scalar("say \"hi\"\\\nnext\tline", false),
            "\"say \\\"hi\\\"\\\\\\nnext\\tline\""
        );
        assert_eq!(scalar("é ünïcode", false), "é ünïcode");
    }

    #[test]
    fn every_quoted_value_reads_back() {
        for value in [
            "a: b # c",
            "\"quoted\"",
            "'single'",
            "tab\there",
            "line\nbreak",
            "bell\u{7}",
            "[not, a, list]",
            "{not: map}",
            "*alias",
            "&anchor",
            "!tag",
            "%directive",
            "@at",
            "`tick",
            "trailing ",
            "null",
            "1e3",
            "\u{2028}",
        ] {
            let out = edit("---\nnote: x\n---\n", |d| d.set_scalar("note", value));
            let source::FrontMatter::Parsed(node) = source::split(&out).front else {
                panic!("{out}")
            };
            assert_eq!(
                node.get("note").unwrap().value.as_text().as_deref(),
                Some(value),
                "{out}"
            );
        }
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

    const FEEDBACK: &[(&str, &str)] = &[
        ("by", "lee"),
        ("date", "2026-03-05"),
        ("stance", "concern"),
        ("note", "Cost: doubles #labels"),
    ];

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

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn atomic_write_replaces_contents_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(files(dir.path()), vec!["0001-a.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-a.md");
        fs::write(&path, "original contents\n").unwrap();
        let err = stage_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        let shown = format!("{:#}", anyhow::Error::from(err));
        assert!(shown.contains("disk full"), "{shown}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "original contents\n");
        assert_eq!(files(dir.path()), vec!["0001-a.md"]);
    }

    #[test]
    fn staged_files_change_nothing_until_committed() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.md");
        fs::write(&a, "a").unwrap();
        fs::write(&b, "b").unwrap();
        let staged_a = stage(&a, b"A").unwrap();
        let staged_b = stage(&b, b"B").unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        drop(staged_b);
        staged_a.commit().unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "A");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        assert_eq!(files(dir.path()), vec!["a.md", "b.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0002-b.md");
        create_new(&path, "first").unwrap();
        let err = create_new(&path, "second").unwrap_err();
        assert!(
            matches!(&err, Error::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(files(dir.path()), vec!["0002-b.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "a new record is readable by others like any new file"
            );
        }
    }
}
