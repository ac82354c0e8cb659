//! Writing a value as a YAML scalar: plain when a YAML reader gives back
//! exactly the same text, else double-quoted with escapes, or in the style
//! the value it replaces was written in.

use super::layout::Style;
use crate::yaml::{self, Value};

/// `value` written as YAML in the style the old value had.
pub(super) fn styled(value: &str, style: Style, flow: bool) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::testing::edit;
    use crate::record::source;

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
}
