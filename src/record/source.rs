//! Splitting a record file into front matter and Markdown body.
//!
//! Files arrive as raw text that may start with a byte-order mark and use
//! CRLF line endings. The split keeps line numbers of the original file so
//! every later position is a position in the file the user edits.

use std::sync::LazyLock;

use crate::yaml::{self, Node, Pos, YamlError};

/// The outcome of looking for a front-matter block.
///
/// [`split`] gives the parsed tree (`FrontMatter<Node>`); a loaded record
/// keeps only its [`Outline`](super::Outline) (`FrontMatter<Outline>`), since
/// the tree of every file of a large log would not fit a small memory.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontMatter<T = Node<'static>> {
    /// A `---` block that parsed as YAML.
    Parsed(T),
    /// The file does not start with `---`.
    Missing,
    /// The opening `---` has no closing `---`.
    Unterminated,
    /// The block is not valid YAML (or breaks a safety limit): boxed, as
    /// it is rare and every record holds the enum.
    Invalid(Box<YamlError>),
}

/// A file split into its parts.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub front: FrontMatter<Node<'a>>,
    /// Line of the opening `---` (1 when present).
    pub front_line: usize,
    /// The front matter's text between its fences (empty when there is none
    /// or it is not closed).
    pub yaml: &'a str,
    /// The Markdown after the front matter (the whole text when there is none).
    pub body: &'a str,
    /// 1-based line on which `body` starts.
    pub body_line: usize,
}

/// Strips a UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Whether `line` opens front matter. Shared with the edit splicer, which must
/// find the same block.
pub(crate) fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n', ' ', '\t']) == "---"
}

/// Whether `line` closes front matter.
pub(crate) fn is_end_fence(line: &str) -> bool {
    let t = line.trim_end_matches(['\r', '\n', ' ', '\t']);
    t == "---" || t == "..."
}

/// Splits `text` (already without a BOM) into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    split_keeping(text, None)
}

/// [`split`], with only the top-level keys in `keep` (when given) in the
/// front matter's tree ([`yaml::parse_keeping`]).
pub fn split_keeping<'t>(text: &'t str, keep: Option<&'static [&'static str]>) -> Split<'t> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Split {
            front: FrontMatter::Missing,
            front_line: 0,
            yaml: "",
            body: text,
            body_line: 1,
        };
    };
    if !is_fence(first) {
        return Split {
            front: FrontMatter::Missing,
            front_line: 0,
            yaml: "",
            body: text,
            body_line: 1,
        };
    }
    let yaml_start = first.len();
    // The closing fence starts with `---` or `...`: each looked for once
    // in the front matter with memchr's searchers, not line by line (a
    // memchr call per line was a twentieth of `check FILE`).
    static DASHES: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\n---"));
    static DOTS: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\n..."));
    let bytes = text.as_bytes();
    // From the line break that ends the opening fence.
    let mut from = yaml_start - 1;
    while from < bytes.len() {
        let dashes = DASHES.find(&bytes[from..]).map(|at| from + at);
        let dots = DOTS
            .find(&bytes[from..dashes.unwrap_or(bytes.len())])
            .map(|at| from + at);
        let Some(newline) = dots.or(dashes) else {
            break;
        };
        let offset = newline + 1;
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |n| offset + n + 1);
        let line = &text[offset..end];
        if is_end_fence(line) {
            let yaml_text = &text[yaml_start..offset];
            let body = &text[end..];
            let front = match yaml::parse_keeping(yaml_text, 2, keep) {
                Ok(node) => FrontMatter::Parsed(node),
                Err(err) => FrontMatter::Invalid(Box::new(err)),
            };
            let lines = newlines(yaml_text.as_bytes());
            return Split {
                front,
                front_line: 1,
                yaml: yaml_text,
                body,
                body_line: lines + 3,
            };
        }
        from = offset;
    }
    Split {
        front: FrontMatter::Unterminated,
        front_line: 1,
        yaml: "",
        body: "",
        body_line: text.lines().count() + 1,
    }
}

/// How many line breaks `bytes` holds. Summed in bytes, a block of at most
/// 255 at a time, which the compiler makes wide: a count of the matches,
/// or a sum in words, it did not (7,500 instructions a front matter).
pub(super) fn newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            usize::from(n)
        })
        .sum()
}

/// Converts a byte offset in `text` to a 1-based position, counting columns in characters.
pub fn pos_at(text: &str, offset: usize, first_line: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos::new(first_line + line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where [`split`] ends the front matter, found line by line as it was
    /// before memchr: the body's offset and first line, `None` when unterminated.
    fn fence_by_lines(text: &str) -> Option<(usize, usize)> {
        let mut lines = text.split_inclusive('\n');
        let first = lines.next()?;
        let mut offset = first.len();
        for (i, line) in lines.enumerate() {
            if is_end_fence(line) {
                return Some((offset + line.len(), i + 3));
            }
            offset += line.len();
        }
        None
    }

    /// Line breaks are counted in blocks of 255 bytes: counts that pass a
    /// block's end, or fill one with line breaks, are whole.
    #[test]
    fn line_breaks_are_counted_across_blocks() {
        for n in [0, 1, 254, 255, 256, 600, 1000] {
            assert_eq!(newlines("\n".repeat(n).as_bytes()), n);
            assert_eq!(newlines("ab: c\n".repeat(n).as_bytes()), n);
        }
        let text = format!("---\n{}---\nbody\n", "key: value\n".repeat(600));
        let s = split(&text);
        assert!(matches!(s.front, FrontMatter::Parsed(_)));
        assert_eq!((s.body, s.body_line), ("body\n", 603));
    }

    proptest::proptest! {
        #[test]
        fn the_closing_fence_is_found_where_a_walk_over_lines_finds_it(
            text in "---\n([-. a\t\r\n]|---|\\.\\.\\.){0,400}",
        ) {
            let s = split(&text);
            let found = match s.front {
                FrontMatter::Unterminated => None,
                _ => Some((text.len() - s.body.len(), s.body_line)),
            };
            proptest::prop_assert_eq!(found, fence_by_lines(&text));
        }
    }

    #[test]
    fn splits_front_matter_and_keeps_body_line() {
        let s = split("---\nstatus: accepted\n---\n# Title\n");
        assert!(matches!(s.front, FrontMatter::Parsed(_)));
        assert_eq!(s.body, "# Title\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn crlf_front_matter() {
        let s = split("---\r\nstatus: accepted\r\n---\r\n# T\r\n");
        let FrontMatter::Parsed(node) = s.front else {
            panic!("{:?}", s.front)
        };
        assert_eq!(
            node.get("status").unwrap().value.as_text().unwrap(),
            "accepted"
        );
        assert_eq!(node.get("status").unwrap().key_pos, Pos::new(2, 1));
    }

    #[test]
    fn unterminated_and_missing() {
        assert_eq!(split("---\nstatus: x\n").front, FrontMatter::Unterminated);
        assert_eq!(split("# Title\n").front, FrontMatter::Missing);
        assert_eq!(split("").front, FrontMatter::Missing);
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(pos_at("ab\né x", 5, 3), Pos::new(4, 2));
    }
}
