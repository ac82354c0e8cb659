//! Every input the fuzzers (`fuzz/`, docs/fuzzing.md) found a failure with,
//! run through the same checks as the fuzz target that found it.

use decide::import::{Format, convert};
use decide::record::source;

use crate::common::*;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo().join("tests/fixtures/fuzz").join(target);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no inputs in {}", dir.display());
    found
}

/// As `fuzz/fuzz_targets/import.rs`: what is converted reads back as a
/// record with front matter.
#[test]
fn import_crashes_found_by_fuzzing() {
    for (name, data) in inputs("import") {
        let (&which, rest) = data.split_first().unwrap();
        let format = match which % 4 {
            0 => Format::Auto,
            1 => Format::AdrTools,
            2 => Format::Madr,
            _ => Format::Log4brains,
        };
        let text = String::from_utf8_lossy(rest);
        if let Ok(converted) = convert("0007-some-choice.md", &text, format) {
            let split = source::split(source::strip_bom(&converted.text));
            assert!(
                matches!(split.front, source::FrontMatter::Parsed(_)),
                "{name}: converted text has no readable front matter: {:?}\n{:?}",
                converted.text.chars().take(300).collect::<String>(),
                split.front
            );
        }
    }
}
