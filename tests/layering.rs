//! The source tree keeps its one-way flow (docs/ARCHITECTURE.md): the layers
//! below the rules never name the rules, or anything above themselves, so a
//! circle of imports cannot come back unnoticed.
//!
//! This reads `src/` as text: any mention of `crate::rules` (in a `use`, a
//! path, a grouped `use crate::{...}` or a doc link) in a lower file fails.
//! Unit-test modules (`#[cfg(test)] mod x { ... }`) may use anything: a test
//! of the YAML reader may well build a record to compare against. No file
//! is over 900 lines, either.

use std::fs;
use std::path::{Path, PathBuf};

/// Each lower layer, as files or folders under `src/`, and the top-level
/// modules it must not name.
const LAYERS: &[(&[&str], &[&str])] = &[
    // The YAML reader and the plain-text recognisers are the bottom.
    (
        &["yaml.rs", "yaml", "text.rs", "text"],
        &[
            "record",
            "log",
            "diagnostic",
            "rules",
            "metrics",
            "report",
            "output",
            "commands",
            "edit",
            "import",
            "templates",
        ],
    ),
    // Records are built from one file's text; the log gathers them.
    (
        &["record", "log"],
        &[
            "diagnostic",
            "rules",
            "baseline",
            "metrics",
            "edit",
            "import",
            "naming",
            "report",
            "output",
            "commands",
        ],
    ),
    // Errors, configuration and templates are read while the log loads.
    (
        &["error.rs", "config.rs", "templates.rs"],
        &[
            "log", "rules", "metrics", "report", "output", "commands", "edit", "import",
        ],
    ),
    // The diagnostic vocabulary sits below the rules that produce findings.
    (
        &["diagnostic.rs", "diagnostic"],
        &[
            "rules", "log", "metrics", "report", "output", "commands", "edit",
        ],
    ),
];

/// The top-level modules a text names through `crate::`, with the line of each.
fn named_modules(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c, d::{e, f}}`: the first segment of each
                // top-level item (a grouped use may span lines; the line
                // holding `crate::{` names at least its first item).
                let mut depth = 0usize;
                let mut item = String::new();
                let mut items = Vec::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                        _ if depth == 0 => item.push(c),
                        _ => {}
                    }
                }
                items.push(item);
                for item in items {
                    let head: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !head.is_empty() {
                        found.push((n + 1, head));
                    }
                }
            } else {
                let head: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                found.push((n + 1, head));
            }
        }
    }
    // A multi-line `use crate::{\n a,\n b,\n};` names modules on the lines after.
    let mut in_group = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if in_group {
            if trimmed.starts_with('}') {
                in_group = false;
                continue;
            }
            let head: String = trimmed
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !head.is_empty() {
                found.push((n + 1, head));
            }
        } else if trimmed.ends_with("crate::{") {
            in_group = true;
        }
    }
    found
}

/// The text without its `#[cfg(test)] mod x { ... }` blocks, lines kept
/// (blanked) so that line numbers still match. rustfmt closes a top-level
/// module with a `}` alone at the start of a line.
fn without_test_modules(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let test_mod = lines[i].trim() == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|l| l.starts_with("mod ") && l.ends_with('{'));
        if test_mod {
            // Blank every line up to and including the closing brace.
            while i < lines.len() && lines[i] != "}" {
                out.push("");
                i += 1;
            }
            out.push("");
        } else {
            out.push(lines[i]);
        }
        i += 1;
    }
    out.join("\n")
}

/// Whether `file` is a module of its own that its parent declares only
/// for tests (`#[cfg(test)]` then `mod name;`), as `yaml/fast/tests.rs` is.
fn is_test_module(file: &Path) -> bool {
    let (Some(stem), Some(dir)) = (file.file_stem(), file.parent()) else {
        return false;
    };
    let declaration = format!("#[cfg(test)]\nmod {};", stem.to_string_lossy());
    [dir.with_extension("rs"), dir.join("mod.rs")]
        .iter()
        .filter_map(|parent| fs::read_to_string(parent).ok())
        .any(|text| text.contains(&declaration))
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn lower_layers_never_name_the_layers_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (areas, forbidden) in LAYERS {
        let mut files = Vec::new();
        for area in *areas {
            rust_files(&src.join(area), &mut files);
        }
        assert!(!files.is_empty(), "no source files under {areas:?}");
        for file in files.into_iter().filter(|f| !is_test_module(f)) {
            let text = without_test_modules(&fs::read_to_string(&file).unwrap());
            for (line, module) in named_modules(&text) {
                if forbidden.contains(&module.as_str()) {
                    broken.push(format!(
                        "{}:{line}: names crate::{module}",
                        file.strip_prefix(&src).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "a lower layer imports from above it (see docs/ARCHITECTURE.md):\n{}",
        broken.join("\n")
    );
}

/// Longest a source file may be (issue 14): past it, a file holds more
/// than one thing and is split by what it holds, as `edit/` and `record/`
/// were.
const MAX_LINES: usize = 900;

#[test]
fn no_source_file_is_longer_than_900_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "{} files under src/", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = fs::read_to_string(file).unwrap().lines().count();
            (lines > MAX_LINES).then(|| {
                let path = file.strip_prefix(&src).unwrap().display();
                format!("src/{path}: {lines} lines")
            })
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines; split by what each part holds:\n{}",
        long.join("\n")
    );
}

#[test]
fn every_layer_named_exists() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for must in ["record", "log", "diagnostic.rs", "text.rs", "rules"] {
        assert!(src.join(must).exists(), "src/{must} is gone; update LAYERS");
    }
}

#[test]
fn every_way_of_naming_a_module_is_seen() {
    let names =
        |text: &str| -> Vec<String> { named_modules(text).into_iter().map(|(_, m)| m).collect() };
    assert_eq!(names("use crate::rules::Code;"), ["rules"]);
    assert_eq!(names("    let c = crate::rules::find(x);"), ["rules"]);
    assert_eq!(names("/// See [`crate::rules::RULES`]."), ["rules"]);
    assert_eq!(
        names("use crate::{yaml::Pos, rules::{Code, RULES}, log};"),
        ["yaml", "rules", "log"]
    );
    assert_eq!(
        names("use crate::{\n    yaml::Pos,\n    rules::Code,\n};"),
        ["yaml", "rules"]
    );
    assert_eq!(names("use super::rules::Code;"), Vec::<String>::new());
}

#[test]
fn unit_test_modules_are_skipped_and_lines_kept() {
    let text = "use crate::yaml;\n\n#[cfg(test)]\nmod tests {\n    use crate::rules::Code;\n}\nuse crate::rules;\n";
    assert_eq!(
        named_modules(&without_test_modules(text)),
        [(1, "yaml".to_string()), (7, "rules".to_string())]
    );
}
