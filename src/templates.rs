//! The record templates: built into the binary, overridable per log.
//!
//! A log can hold its own `templates/decision.md`, `templates/review.md`,
//! `templates/charter.md` or `templates/people.yaml`; otherwise the built-in
//! ones from the repository's `templates/` folder are used. Placeholders are
//! `{{name}}`; template hints are HTML comments, so an untouched template is
//! recognisably empty to `decide check`.

use std::path::Path;

/// A template by file name, and its built-in text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("decision.md", include_str!("../templates/decision.md")),
    ("review.md", include_str!("../templates/review.md")),
    ("pulse.md", include_str!("../templates/pulse.md")),
    ("charter.md", include_str!("../templates/charter.md")),
    ("people.yaml", include_str!("../templates/people.yaml")),
    (
        "first-decision.md",
        include_str!("../templates/first-decision.md"),
    ),
];

/// The template `name`: the log's own override when it has one, else the built-in.
pub fn load(log_dir: Option<&Path>, name: &str) -> std::io::Result<String> {
    load_within(log_dir, name, crate::config::DEFAULT_MAX_FILE_BYTES)
}

/// [`load`], refusing an override that is not a regular file inside the
/// log (a symbolic link to `../.env` would copy it into the new record) or
/// is larger than `max_bytes`.
pub fn load_within(log_dir: Option<&Path>, name: &str, max_bytes: u64) -> std::io::Result<String> {
    if let Some(dir) = log_dir {
        let custom = dir.join("templates").join(name);
        if std::fs::symlink_metadata(&custom).is_ok() {
            if let Some(why) = problem(dir, &custom, max_bytes) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("templates/{name} {why}; not used"),
                ));
            }
            return std::fs::read_to_string(custom);
        }
    }
    Ok(BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_string())
        .unwrap_or_default())
}

/// What is wrong with the template override at `path` in the log `dir`, if
/// anything: it must be a regular file (through links) inside the log, of
/// at most `max_bytes`. `check` reports the same (DL051).
pub fn problem(dir: &Path, path: &Path, max_bytes: u64) -> Option<String> {
    let canonical_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(err) => return Some(format!("cannot be read: {err}")),
    };
    if !target.starts_with(&canonical_dir) {
        return Some(format!(
            "is a symbolic link to {} outside the log",
            target.display()
        ));
    }
    match std::fs::metadata(&target) {
        Ok(m) if !m.is_file() => Some("is not a regular file".into()),
        Ok(m) if m.len() > max_bytes => Some(format!(
            "is {} bytes, over max-file-bytes ({max_bytes})",
            m.len()
        )),
        Ok(_) => None,
        Err(err) => Some(format!("cannot be read: {err}")),
    }
}

/// Replaces each `{{key}}` with its value; unknown placeholders stay as written.
pub fn render(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let key = after[..end].trim();
                let rest_after = &after[end + 2..];
                match vars.iter().find(|(k, _)| *k == key) {
                    // `key: {{x}}` with nothing to put there leaves no trailing space.
                    Some((_, value))
                        if value.is_empty()
                            && out.ends_with(' ')
                            && (rest_after.starts_with('\n') || rest_after.starts_with("\r\n")) =>
                    {
                        out.pop();
                    }
                    Some((_, value)) => {
                        // A block value (`\n  - item`) starts on the next line.
                        if value.starts_with('\n') && out.ends_with(' ') {
                            out.pop();
                        }
                        out.push_str(value);
                    }
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A YAML scalar: plain when that reads back as the same string, else double-quoted.
pub fn yaml_scalar(value: &str) -> String {
    let plain_ok = !value.is_empty()
        && !value.starts_with(|c: char| {
            c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_ascii_digit()
        })
        && !value.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.chars().any(char::is_control)
        && !["true", "false", "yes", "no", "null", "on", "off", "~"]
            .contains(&value.to_ascii_lowercase().as_str())
        // `.inf`, `.NaN`, `+1`, `.5` and whatever else YAML reads as other
        // than this text (found by fuzzing `import`).
        && crate::text::yaml_scalar::reads_back_plain(value);
    if plain_ok {
        return value.to_string();
    }
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A flow list of record ids: `[7, 12]`, names quoted when needed.
pub fn yaml_ids(ids: &[crate::record::Id]) -> String {
    let inner: Vec<String> = ids
        .iter()
        .map(|id| match id {
            crate::record::Id::Num(n) => n.to_string(),
            crate::record::Id::Name(s) => yaml_scalar(s),
        })
        .collect();
    format!("[{}]", inner.join(", "))
}

/// A flow list of scalars: `[a, "b: c"]`.
pub fn yaml_list(items: &[String]) -> String {
    let inner: Vec<String> = items
        .iter()
        .map(|i| {
            let s = yaml_scalar(i);
            // In a flow list a comma or bracket also ends a plain scalar.
            if s.starts_with('"') || !s.contains([',', '[', ']', '{', '}']) {
                s
            } else {
                format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
            }
        })
        .collect();
    format!("[{}]", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_that_yaml_reads_as_something_else_are_quoted() {
        for value in [".INF", "-.inf", ".NaN", "+1", ".5", "0x1F", "1e3"] {
            assert_eq!(yaml_scalar(value), format!("\"{value}\""), "{value}");
        }
        assert_eq!(yaml_list(&[".INF".into(), "lee".into()]), "[\".INF\", lee]");
    }

    #[test]
    fn render_replaces_known_keys_only() {
        assert_eq!(
            render(
                "a {{x}} b {{ y }} {{z}}",
                &[("x", "1".into()), ("y", "2".into())]
            ),
            "a 1 b 2 {{z}}"
        );
        assert_eq!(
            render("model: {{m}}\nx", &[("m", String::new())]),
            "model:\nx"
        );
        assert_eq!(render("open {{x", &[]), "open {{x");
    }

    #[test]
    fn scalars_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_scalar("Retrain monthly"), "Retrain monthly");
        assert_eq!(yaml_scalar("Why: cost"), "\"Why: cost\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("2026 plan"), "\"2026 plan\"");
        assert_eq!(yaml_scalar("a \"b\""), "a \"b\"");
        assert_eq!(yaml_list(&["ana".into(), "a, b".into()]), "[ana, \"a, b\"]");
    }

    #[test]
    fn quoted_scalars_read_back() {
        for s in [
            "x: y",
            "#tag",
            "- item",
            "line\nbreak",
            "tab\there",
            "\"q\"",
            "*alias",
            "{a}",
        ] {
            let doc = format!("k: {}\n", yaml_scalar(s));
            let node = crate::yaml::parse(&doc, 1).unwrap();
            assert_eq!(node.get("k").unwrap().value.as_text().unwrap(), s, "{doc}");
        }
    }

    #[test]
    fn built_in_templates_are_embedded() {
        for (name, text) in BUILT_IN {
            assert!(!text.is_empty(), "{name}");
        }
    }
}
