//! Writing text as a YAML scalar: plain when a YAML reader gives back
//! exactly the same text, else double-quoted with escapes. Used by the edit
//! splicer and by templates, so it sits below both.

use crate::yaml::{self, Value};

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

/// Whether `c` must be escaped inside a double-quoted YAML scalar.
pub fn needs_escape(c: char) -> bool {
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
