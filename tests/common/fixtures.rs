//! Fixture builders shared by the integration tests: small logs written
//! into a temporary folder, runs of `decide` against a log folder, and
//! lookups in its JSON output.

use std::path::Path;

use serde_json::Value;

use super::{Run, decide, read, tempdir, write};

/// A temporary folder holding a log: each `(path, text)` is written under
/// `decisions/`.
pub fn small_log(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempdir();
    for (rel, text) in files {
        write(dir.path(), &format!("decisions/{rel}"), text);
    }
    dir
}

/// The text of `rel` in the log of `dir` (`dir/decisions/rel`).
pub fn log_file(dir: &Path, rel: &str) -> String {
    read(&dir.join("decisions").join(rel))
}

/// Runs `decide --dir LOG ARGS` from an empty folder, so that nothing but
/// LOG is found and nothing is written beside the caller's files.
pub fn decide_on(log: &Path, args: &[&str]) -> Run {
    let cwd = tempdir();
    let log = log.to_str().expect("a UTF-8 path");
    let mut all = vec!["--dir", log];
    all.extend_from_slice(args);
    decide(cwd.path(), &all)
}

/// What `run` printed, read as JSON.
pub fn json_of(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

/// The element of the JSON array `list` whose `key` is `value`.
pub fn find_by<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} {value}"))
}

/// Asserts that `value` is the number `expected`, to 1e-9.
pub fn close(value: &Value, expected: f64) {
    let v = value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"));
    assert!((v - expected).abs() < 1e-9, "{v} != {expected}");
}

/// Today's date on this machine, as `decide` writes it.
pub fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}
