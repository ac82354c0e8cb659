//! Where things are written in a front matter's YAML text.
//!
//! The YAML reader reports the position where each key, value and item
//! starts; [`Ctx`] indexes the text by line and finds from those positions
//! the exact bytes of a value, the end of a block item, the bracket closing
//! a flow collection and the indentation in use, so that an edit can
//! replace or insert exactly the bytes it must.

use std::ops::Range;

use super::document::EditError;
use super::tokens::{end_of_double, end_of_single, flow_end, plain_len};
use super::verify::is_scalar;
use crate::record::source;
use crate::yaml::{self, Entry, Node, Pos, Value};

/// The front-matter block of a file.
pub(super) struct Front {
    /// Byte range of the YAML between the fences.
    pub(super) range: Range<usize>,
    pub(super) eol: &'static str,
    pub(super) root: Node<'static>,
}

pub(super) fn locate(text: &str) -> Result<Front, EditError> {
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
                root: root.into_owned(),
            });
        }
        offset += line.len();
    }
    Err(EditError::Unterminated)
}

/// How a scalar was written, so a replacement can be written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Double,
    Single,
}

/// A scalar located by its position: a mapping value or a list item.
#[derive(Clone, Copy)]
pub(super) enum Holder<'n> {
    Entry(&'n Entry<'n>),
    Item(&'n Node<'n>),
}

#[derive(Clone, Copy)]
pub(super) struct Found<'n> {
    pub(super) holder: Holder<'n>,
    /// Inside `[…]` or `{…}`, where `,`, `]` and `}` end a plain scalar.
    pub(super) flow: bool,
}

/// A scalar as the YAML reader gives it.
pub(super) struct Read {
    pub(super) text: String,
    /// Read as a string, not as a number whose text is its canonical form.
    pub(super) is_text: bool,
}

/// The YAML text of one front matter, indexed by line.
pub(super) struct Ctx<'a> {
    pub(super) yaml: &'a str,
    pub(super) eol: &'static str,
    pub(super) root: &'a Node<'a>,
    /// Byte offset where each line starts; line `n` of the file is `starts[n - 2]`.
    pub(super) starts: Vec<usize>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(yaml: &'a str, eol: &'static str, root: &'a Node<'a>) -> Ctx<'a> {
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
    pub(super) fn line_index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Line `idx` without its line ending.
    pub(super) fn line(&self, idx: usize) -> &'a str {
        let start = self.starts[idx];
        let end = self.starts.get(idx + 1).copied().unwrap_or(self.yaml.len());
        self.yaml[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Where line `idx`'s content ends (before its line ending).
    fn line_end(&self, idx: usize) -> usize {
        self.starts[idx] + self.line(idx).len()
    }

    /// Where the line after `idx` starts (the end of the YAML for the last line).
    pub(super) fn next_line_start(&self, idx: usize) -> usize {
        self.starts.get(idx + 1).copied().unwrap_or(self.yaml.len())
    }

    /// The byte offset of a 1-based position (columns count characters).
    pub(super) fn offset(&self, pos: Pos) -> Option<usize> {
        let idx = pos.line().checked_sub(2)?;
        let start = *self.starts.get(idx)?;
        let line = self.line(idx);
        let col = pos.col().checked_sub(1)?;
        if col == line.chars().count() {
            return Some(start + line.len());
        }
        line.char_indices().nth(col).map(|(i, _)| start + i)
    }

    pub(super) fn unsupported(&self, key: &str, pos: Pos, why: &'static str) -> EditError {
        EditError::Unsupported {
            key: key.to_string(),
            line: pos.line(),
            why,
        }
    }

    fn offset_of(&self, key: &str, pos: Pos) -> Result<usize, EditError> {
        self.offset(pos)
            .ok_or_else(|| self.unsupported(key, pos, "its position is outside the front matter"))
    }

    /// Leading spaces of line `idx`.
    pub(super) fn indent(&self, idx: usize) -> usize {
        let line = self.line(idx);
        line.len() - line.trim_start_matches(' ').len()
    }

    /// The indentation of top-level keys (normally none).
    pub(super) fn top_indent(&self) -> String {
        let col = self
            .root
            .entries()
            .first()
            .map_or(1, |e| e.key_pos.col().max(1));
        " ".repeat(col - 1)
    }

    /// The single entry `key` of `map`; a key given twice is refused because
    /// it is ambiguous which one to change.
    pub(super) fn entry<'n>(
        &self,
        map: &'n Node<'n>,
        key: &str,
    ) -> Result<Option<&'n Entry<'n>>, EditError> {
        let mut found = map.entries().iter().filter(|e| e.key == key);
        let first = found.next();
        if let Some(second) = found.next() {
            return Err(EditError::DuplicateKey {
                key: key.to_string(),
                line: second.key_pos.line(),
            });
        }
        Ok(first)
    }

    /// The offset just after the `:` that ends the key at `key_pos`.
    pub(super) fn after_colon(&self, key: &str, key_pos: Pos) -> Result<usize, EditError> {
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
    pub(super) fn is_flow(&self, node: &Node) -> bool {
        self.offset(node.pos)
            .and_then(|o| self.yaml.as_bytes().get(o))
            .is_some_and(|b| matches!(b, b'[' | b'{'))
    }

    /// The bytes of a non-null scalar value of `entry`, and how it is quoted.
    pub(super) fn scalar_range(
        &self,
        entry: &Entry,
        flow: bool,
    ) -> Result<(Range<usize>, Style), EditError> {
        let key = &*entry.key;
        let colon = self.after_colon(key, entry.key_pos)?;
        let key_line = self.line_index(colon);
        let key_indent = entry.key_pos.col().saturating_sub(1);
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
    pub(super) fn item_prefix(&self, key: &str, item: &Node) -> Result<&'a str, EditError> {
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
    pub(super) fn after_item(&self, key: &str, item: &Node) -> Result<usize, EditError> {
        let at = self.offset_of(key, item.pos)?;
        let idx = self.line_index(at);
        Ok(self.next_line_start(self.block_end_line(idx, self.indent(idx))))
    }

    /// Offset of the bracket closing the flow collection at `node`.
    pub(super) fn flow_close(&self, key: &str, node: &Node) -> Result<usize, EditError> {
        let open = self.offset_of(key, node.pos)?;
        flow_end(self.yaml, open)
            .ok_or_else(|| self.unsupported(key, node.pos, "its brackets are not balanced"))
    }

    /// Insertion point and separator for a new element of the flow collection at `node`.
    pub(super) fn flow_insertion(
        &self,
        key: &str,
        node: &Node,
    ) -> Result<(usize, &'static str), EditError> {
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
    pub(super) fn null_token(&self, entry: &Entry, colon: usize) -> Option<Range<usize>> {
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
    pub(super) fn key_around(&self, at: Pos) -> String {
        self.root
            .entries()
            .iter()
            .rfind(|e| e.key_pos <= at)
            .map_or_else(String::new, |e| e.key.to_string())
    }

    /// Every scalar value that starts at `at`, with whether it sits in a
    /// flow collection. More than one means a YAML alias repeats it.
    pub(super) fn scalars_at(&self, at: Pos) -> Vec<Found<'a>> {
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
    pub(super) fn scalar_bytes(
        &self,
        found: &Found,
        key: &str,
    ) -> Result<(Range<usize>, Read), EditError> {
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
}
