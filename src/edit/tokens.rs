//! Where a YAML token written at an offset ends: a plain scalar, a double-
//! or single-quoted one, a flow collection. Enough of YAML's lexical rules
//! to find a value's bytes; what they read as is the YAML reader's business.

/// Length of the plain scalar at the start of `line`: up to a ` #` comment,
/// or in flow context a `,`, `]` or `}`, without trailing spaces.
pub(super) fn plain_len(line: &str, flow: bool) -> usize {
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
pub(super) fn end_of_double(s: &str, start: usize) -> Option<usize> {
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
pub(super) fn end_of_single(s: &str, start: usize) -> Option<usize> {
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
pub(super) fn flow_end(s: &str, open: usize) -> Option<usize> {
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
