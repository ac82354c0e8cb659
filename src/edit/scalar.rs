//! Writing a value in the style the value it replaces was written in; the
//! quoting itself ([`scalar`], [`double_quoted`]) lives in
//! [`crate::text::yaml_scalar`], below records and templates that use it too.

use super::layout::Style;
use crate::text::yaml_scalar::needs_escape;
pub use crate::text::yaml_scalar::{double_quoted, reads_back_plain, scalar};

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
