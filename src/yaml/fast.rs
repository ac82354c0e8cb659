//! A fast reader for the plain block YAML that front matter is written in.
//!
//! `serde-saphyr` (decision 0002) reads any YAML within safety limits, but
//! through a general event stream, serde, and a span wrapper on every value:
//! on a 10,000-record log it took about half the run time. Front matter is
//! nearly always a few shapes: block mappings and sequences, one-line plain
//! or quoted scalars, one-line flow sequences of scalars. This reader builds
//! the same [`Node`] tree for those shapes directly, with the same positions
//! and the same typing of scalars. On anything else (anchors, aliases, tags,
//! block or multi-line scalars, flow mappings, escapes, tabs, numbers other
//! than plain decimals, keys other than plain words) it gives up, and the
//! whole document goes to `serde-saphyr` with its limits. It never reports
//! an error: errors are always `serde-saphyr`'s. The tests below compare
//! both readers on handwritten and generated documents and on every record
//! in the repository.

use std::borrow::Cow;

use super::{Entry, Node, Pos, Value};

/// Past this many nodes the document is left to `serde-saphyr`, whose budget
/// then decides; real front matter has a few hundred.
const MAX_NODES: usize = 20_000;

/// Indentation past which a text is left to the full reader.
const MAX_INDENT: usize = 256;

#[derive(Clone, Copy)]
struct Line<'a> {
    /// 1-based line number in the file.
    no: usize,
    /// Leading spaces.
    indent: usize,
    /// The line after its indentation, without its line break.
    text: &'a str,
}

struct Reader<'a> {
    /// The lines that hold something: blank and comment-only lines are dropped.
    lines: Vec<Line<'a>>,
    next: usize,
    nodes: usize,
    /// Mappings and sequences open around the one being read: past
    /// [`super::MAX_DEPTH`] the text is left to the full reader, which
    /// reports it (this reader recurses once per level).
    depth: usize,
    /// The top-level keys whose values are kept, when not all are.
    keep: Option<&'static [&'static str]>,
    /// Whether the value being read is kept: the value of a key `keep`
    /// leaves out is read all the same, so that the text is accepted or
    /// left to the full reader exactly as when it is kept, but nothing of
    /// it is built.
    build: bool,
    /// The key of the line at the index given, when a sequence item found
    /// it there (`- title: x`): not looked for twice.
    first_key: Option<(usize, Cow<'a, str>, usize)>,
}

/// Reads `text`, whose first line is line `first_line` of the file, or
/// returns `None` when the text is outside the subset this reader knows.
#[cfg(test)]
pub(super) fn parse(text: &str, first_line: usize) -> Option<Node<'_>> {
    parse_keeping(text, first_line, None)
}

/// [`parse`], keeping of the top-level mapping only the keys in `keep` when
/// it is given: the tree is then that of the text with the other keys
/// taken out. Whether the text is read, or left to the full reader, does
/// not depend on `keep`.
pub(super) fn parse_keeping<'t>(
    text: &'t str,
    first_line: usize,
    keep: Option<&'static [&'static str]>,
) -> Option<Node<'t>> {
    if !printable(text) {
        return None;
    }
    let bytes = text.as_bytes();
    // A carriage return may only end a line.
    let returns = memchr::memchr(b'\r', bytes).is_some();
    // About one line per 32 bytes of front matter: a guess, to grow rarely.
    let mut lines = Vec::with_capacity(text.len() / 32 + 8);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(text.len()));
    for (i, end) in ends.enumerate() {
        // Taken apart as bytes: the line's ends and its indentation are
        // ASCII, so the text between them is cut on character boundaries.
        let from = start;
        start = end + 1;
        let mut line = &bytes[from..end];
        if returns {
            if let [rest @ .., b'\r'] = line {
                line = rest;
            }
            if memchr::memchr(b'\r', line).is_some() {
                return None;
            }
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent..];
        if rest.first().is_none_or(|&b| b == b'#') {
            continue;
        }
        if indent == 0 && (rest.starts_with(b"---") || rest.starts_with(b"...")) {
            return None;
        }
        let text = &text[from + indent..from + line.len()];
        // No front matter is indented this deep; the full reader's guards
        // deal with such text before reading on (a nesting bomb is found
        // at its 65th level, not after scanning every line).
        if indent > MAX_INDENT {
            return None;
        }
        lines.push(Line {
            no: first_line + i,
            indent,
            text,
        });
    }
    let indent = lines.first()?.indent;
    let mut reader = Reader {
        lines,
        next: 0,
        nodes: 0,
        depth: 0,
        keep,
        build: true,
        first_key: None,
    };
    let node = reader.block(indent)?;
    (reader.next == reader.lines.len()).then_some(node)
}

/// Whether every character of `text` but its line breaks (`\n`, and `\r`,
/// which the caller holds to line ends) is one YAML reads as itself, with
/// no tab (its rules about tabs are subtle) and nothing else that may be a
/// line break.
fn printable(text: &str) -> bool {
    // Without an early exit, so the compiler can check many bytes at once.
    let controls = text.bytes().fold(false, |found, b| {
        found | ((b < 0x20) & (b != b'\n') & (b != b'\r')) | (b == 0x7f)
    });
    !controls && (text.is_ascii() || !text.chars().any(unusual))
}

/// A character beyond ASCII that YAML may read as a control or a line
/// break, or that a byte-order mark or non-character leaves.
fn unusual(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{a0}')
        || ['\u{2028}', '\u{2029}', '\u{feff}', '\u{fffe}', '\u{ffff}'].contains(&c)
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// The bytes a key's word is made of: one test per byte, where the key of
/// every line of every front matter is read (a tenth of `check FILE`).
static KEY_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/');
        b += 1;
    }
    table
};

/// The key of a `key: value` line: a plain word, and the byte length before
/// its `:`, which must be followed by a space or the end of the line.
fn key(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_alphanumeric() && bytes[0] != b'_' {
        return None;
    }
    let end = bytes.iter().position(|&b| !KEY_BYTES[usize::from(b)])?;
    if bytes[end] != b':' || !matches!(bytes.get(end + 1), None | Some(b' ')) {
        return None;
    }
    // A key is typed like any scalar, then shown as text, as the full
    // reader does; a word that is not one of YAML's is its own text.
    let word = &text[..end];
    if bytes[0].is_ascii_alphabetic() && keyword(word).is_none() {
        return Some((Cow::Borrowed(word), end));
    }
    let name = match resolve(word)? {
        Value::String(s) => s,
        Value::Int(i) => Cow::Owned(i.to_string()),
        Value::Float(f) => Cow::Owned(f.to_string()),
        Value::Bool(b) => Cow::Owned(b.to_string()),
        Value::Null => Cow::Borrowed("null"),
        Value::Seq(_) | Value::Map(_) => return None,
    };
    Some((name, end))
}

impl<'a> Reader<'a> {
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    /// The block node whose lines start at `self.next`, indented by `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        if is_item(self.lines.get(self.next)?.text) {
            self.seq(indent, false)
        } else {
            self.map(indent)
        }
    }

    fn map(&mut self, indent: usize) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > super::MAX_DEPTH {
            return None;
        }
        let node = self.map_entries(indent);
        self.depth -= 1;
        node
    }

    fn map_entries(&mut self, indent: usize) -> Option<Node<'a>> {
        // Room for a typical mapping, so it grows once or not at all (the
        // tree is dropped as soon as the record is built).
        let mut entries = if self.build {
            Vec::with_capacity(8)
        } else {
            Vec::new()
        };
        let mut first = None;
        let building = self.build;
        while let Some(line) = self.lines.get(self.next).copied() {
            if line.indent != indent || is_item(line.text) {
                break;
            }
            let (name, len) = match self.first_key.take() {
                Some((at, name, len)) if at == self.next => (name, len),
                _ => key(line.text)?,
            };
            self.count()?;
            let key_pos = Pos::new(line.no, indent + 1);
            let after = &line.text[len + 1..];
            let rest = after.trim_start_matches(' ');
            self.next += 1;
            // Only the top-level mapping's keys are left out.
            let kept =
                building && (self.depth > 1 || self.keep.is_none_or(|keep| keep.contains(&&*name)));
            self.build = kept;
            let value = if rest.is_empty() || rest.starts_with('#') {
                match self.lines.get(self.next).copied() {
                    Some(next) if next.indent > indent => self.block(next.indent)?,
                    // A sequence may sit at its key's indentation.
                    Some(next) if next.indent == indent && is_item(next.text) => {
                        self.seq(indent, true)?
                    }
                    // An empty value is placed at its `:`.
                    _ => Node {
                        value: Value::Null,
                        pos: Pos::new(line.no, indent + 1 + len),
                    },
                }
            } else {
                let col = indent + len + 2 + (after.len() - rest.len());
                self.inline(rest, line.no, col)?
            };
            self.build = building;
            // Deeper lines after a value continue a scalar, or are an error.
            if self.lines.get(self.next).is_some_and(|n| n.indent > indent) {
                return None;
            }
            first.get_or_insert(key_pos);
            if kept {
                entries.push(Entry {
                    key: name,
                    key_pos,
                    value,
                });
            }
        }
        let pos = first?;
        Some(Node {
            value: Value::Map(entries),
            pos,
        })
    }

    /// A block sequence; `indentless` when it sits at its key's indentation.
    fn seq(&mut self, indent: usize, indentless: bool) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > super::MAX_DEPTH {
            return None;
        }
        let node = self.seq_items(indent, indentless);
        self.depth -= 1;
        node
    }

    fn seq_items(&mut self, indent: usize, indentless: bool) -> Option<Node<'a>> {
        let mut items: Vec<Node<'a>> = if self.build {
            Vec::with_capacity(4)
        } else {
            Vec::new()
        };
        let mut pos = None;
        while let Some(line) = self.lines.get(self.next).copied() {
            if line.indent != indent || !is_item(line.text) {
                break;
            }
            self.count()?;
            let after = &line.text[1..];
            let rest = after.trim_start_matches(' ');
            let col = indent + 2 + (after.len() - rest.len());
            let end_of_line = || indent + line.text.chars().count() + 1;
            let empty = rest.is_empty() || rest.starts_with('#');
            let item = if empty {
                self.next += 1;
                match self.lines.get(self.next).copied() {
                    Some(next) if next.indent > indent => self.block(next.indent)?,
                    // An empty item is placed at the end of its line.
                    _ => Node {
                        value: Value::Null,
                        pos: Pos::new(line.no, end_of_line()),
                    },
                }
            } else if is_item(rest) {
                // `- - x`: compact nested sequences.
                return None;
            } else if let Some(found) = key(rest) {
                // A mapping that starts on the item's line: read the rest of
                // the line as the mapping's first line, whose key is known.
                self.lines[self.next] = Line {
                    no: line.no,
                    indent: col - 1,
                    text: rest,
                };
                self.first_key = Some((self.next, found.0, found.1));
                self.map(col - 1)?
            } else {
                self.next += 1;
                self.inline(rest, line.no, col)?
            };
            if self.lines.get(self.next).is_some_and(|n| n.indent > indent) {
                return None;
            }
            // An indentless sequence is placed where its first item's line
            // ends or its value starts, others at the `-`.
            let at = match (indentless, empty) {
                (false, _) => indent + 1,
                (true, true) => end_of_line(),
                (true, false) => col,
            };
            pos.get_or_insert(Pos::new(line.no, at));
            if self.build {
                items.push(item);
            }
        }
        Some(Node {
            value: Value::Seq(items),
            pos: pos?,
        })
    }

    /// A value written on its key's or item's line, starting at column `col`.
    fn inline(&mut self, text: &'a str, line: usize, col: usize) -> Option<Node<'a>> {
        let pos = Pos::new(line, col);
        let (value, used) = match text.as_bytes()[0] {
            b'[' => self.flow(text, line, col)?,
            b'"' | b'\'' => {
                let (s, used) = quoted(text)?;
                (Value::String(s), used)
            }
            _ => {
                let s = plain(text, false)?;
                // A word is always read (as text or one of YAML's words):
                // when nothing of it is built, what it is does not matter.
                match self.build || !s.as_bytes()[0].is_ascii_alphabetic() {
                    true => (resolve(s)?, s.len()),
                    false => (Value::Null, s.len()),
                }
            }
        };
        self.count()?;
        let tail = &text[used..];
        let comment = tail.trim_start_matches(' ');
        if !(comment.is_empty() || comment.starts_with('#') && comment.len() < tail.len()) {
            return None;
        }
        Some(Node { value, pos })
    }

    /// A one-line flow sequence of scalars, `[a, 'b', 3]`, and its length in bytes.
    fn flow(&mut self, text: &'a str, line: usize, col: usize) -> Option<(Value<'a>, usize)> {
        let bytes = text.as_bytes();
        let mut items = Vec::new();
        let mut i = 1;
        let mut first = true;
        loop {
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            if bytes.get(i) == Some(&b']') && first {
                return Some((Value::Seq(items), i + 1));
            }
            let rest = &text[i..];
            let (value, used) = match *bytes.get(i)? {
                b'"' | b'\'' => {
                    let (s, used) = quoted(rest)?;
                    (Value::String(s), used)
                }
                _ => {
                    let s = plain(rest, true)?;
                    (resolve(s)?, s.len())
                }
            };
            self.count()?;
            first = false;
            if self.build {
                let item_col = col + text[..i].chars().count();
                items.push(Node {
                    value,
                    pos: Pos::new(line, item_col),
                });
            }
            i += used;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            match bytes.get(i)? {
                b',' => i += 1,
                b']' => return Some((Value::Seq(items), i + 1)),
                _ => return None,
            }
        }
    }
}

/// A one-line quoted scalar without escapes, and its length in bytes.
fn quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let quote = text.as_bytes()[0];
    let mut out = String::new();
    let mut start = 1;
    loop {
        let end = start + text[start..].find(quote as char)?;
        if quote == b'\'' && text.as_bytes().get(end + 1) == Some(&b'\'') {
            out.push_str(&text[start..end]);
            out.push('\'');
            start = end + 2;
            continue;
        }
        if quote == b'"' && text[start..end].contains('\\') {
            return None;
        }
        // Text without a doubled quote is read as written: borrowed.
        if start == 1 {
            return Some((Cow::Borrowed(&text[1..end]), end + 1));
        }
        out.push_str(&text[start..end]);
        return Some((Cow::Owned(out), end + 1));
    }
}

/// The plain scalar at the start of `text`, without trailing spaces; in a
/// flow sequence (`flow`) it ends at `,` or `]`. `None` for what a plain
/// scalar cannot be, or may be read otherwise.
fn plain(text: &str, flow: bool) -> Option<&str> {
    let bytes = text.as_bytes();
    let first = bytes[0];
    let starts_ok = first.is_ascii_alphanumeric()
        || !first.is_ascii()
        || matches!(
            first,
            b'_' | b'(' | b'/' | b'$' | b'<' | b'=' | b'^' | b';' | b'~' | b'.'
        )
        || first == b'-'
            && bytes
                .get(1)
                .is_some_and(|&b| b != b' ' && b != b',' && b != b']');
    if !starts_ok {
        return None;
    }
    if !flow {
        return plain_block(text);
    }
    let mut end = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                if flow {
                    return None;
                }
                break;
            }
            b':' if matches!(
                bytes.get(i + 1),
                None | Some(b' ' | b',' | b']' | b'[' | b'{' | b'}')
            ) =>
            {
                return None;
            }
            b',' | b']' if flow => break,
            b'[' | b'{' | b'}' if flow => return None,
            b' ' => {}
            _ => end = i + 1,
        }
    }
    (end > 0).then(|| &text[..end])
}

/// [`plain`] outside a flow sequence, once its first character is known to
/// start one: the text up to a comment (` #`) without trailing spaces; `None`
/// where a `:` may start a mapping value. Only `#` and `:` are looked at,
/// found with memchr: a scalar is mostly a sentence.
fn plain_block(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    let stop = loop {
        let Some(found) = memchr::memchr2(b'#', b':', &bytes[from..]) else {
            break bytes.len();
        };
        let i = from + found;
        if bytes[i] == b'#' {
            if i > 0 && bytes[i - 1] == b' ' {
                break i;
            }
        } else if matches!(
            bytes.get(i + 1),
            None | Some(b' ' | b',' | b']' | b'[' | b'{' | b'}')
        ) {
            return None;
        }
        from = i + 1;
    };
    let scalar = text[..stop].trim_end_matches(' ');
    (!scalar.is_empty()).then_some(scalar)
}

/// What a plain scalar means, as YAML 1.2 core with strict booleans types
/// it; `None` for numbers this reader leaves to the full one.
fn resolve(s: &str) -> Option<Value<'_>> {
    let bytes = s.as_bytes();
    // Most scalars and keys are words: text unless one of YAML's words.
    if bytes[0].is_ascii_alphabetic() {
        return Some(keyword(s).unwrap_or(Value::String(Cow::Borrowed(s))));
    }
    if s == "~" {
        return Some(Value::Null);
    }
    let text = || Some(Value::String(Cow::Borrowed(s)));
    match (bytes[0], bytes.get(1)) {
        (b'~', _) => None,
        // `-x`: not a number, since a float must start with a digit.
        (b'-', Some(b)) if b.is_ascii_alphabetic() || !b.is_ascii() => text(),
        (b'-', Some(b'0'..=b'9')) | (b'0'..=b'9', _) => number(s),
        (b'-', _) => None,
        // `.5`, `.inf` and `.nan` are numbers; `.ci/run` is not.
        (b'.', Some(b)) if b.is_ascii_digit() => None,
        (b'.', _) if [".inf", ".nan"].contains(&s.to_ascii_lowercase().as_str()) => None,
        _ => text(),
    }
}

/// YAML's null and boolean words, as YAML 1.2 core with strict booleans
/// reads them.
#[inline(always)]
fn keyword(s: &str) -> Option<Value<'static>> {
    // Every word starts with one of six letters: most text is ruled out by
    // its first byte, without comparing it to each word.
    if !matches!(
        s.as_bytes().first(),
        Some(b'n' | b'N' | b't' | b'T' | b'f' | b'F')
    ) {
        return None;
    }
    match s {
        "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// Decimal integers and fractions; text that starts with a digit but cannot
/// be a number (`YYYY-MM-DD` dates, `3 months`); `None` for other numbers.
fn number(s: &str) -> Option<Value<'_>> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let is_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    // `0012` and `-012` are read differently by YAML 1.1 and 1.2 readers.
    let leading_zero = |t: &str| t.len() > 1 && t.starts_with('0');
    if is_digits(digits) {
        if leading_zero(digits) {
            return None;
        }
        if negative {
            return s.parse::<i64>().ok().map(Value::Int);
        }
        let n = digits.parse::<u64>().ok()?;
        return Some(i64::try_from(n).map_or(Value::Float(n as f64), Value::Int));
    }
    // Dates are most of the scalars that start with a digit: told apart by
    // their bytes before the search for a decimal point.
    let b = s.as_bytes();
    let date = !negative
        && b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if date {
        return Some(Value::String(Cow::Borrowed(s)));
    }
    if let Some((whole, fraction)) = digits.split_once('.')
        && is_digits(whole)
        && is_digits(fraction)
        && !leading_zero(whole)
    {
        let f = s.parse::<f64>().ok()?;
        return f.is_finite().then_some(Value::Float(f));
    }
    // No integer (decimal, 0x, 0o, 0b) or float spelling has other characters: `10% holdout`.
    let not_numeric = b
        .iter()
        .any(|c| !(c.is_ascii_hexdigit() || b"xXoObB_.+-".contains(c)));
    not_numeric.then_some(Value::String(Cow::Borrowed(s)))
}

#[cfg(test)]
mod tests;
